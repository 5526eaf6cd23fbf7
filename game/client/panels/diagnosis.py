"""État des lieux (notes with enjeux, crossed issues), ressources communes, world café."""

from __future__ import annotations

from typing import Any

import pygame

from ilot.game.core.scenario import ROLE_KINDS
from ilot.game.core.state import Note, Resource
from ilot.game.core.views import crossed_issues, resources_view
from ilot.game.palette import CAUTION, GOOD, NOTE_TEXT_COLOURS
from ilot.game.text import N_
from ilot.game.text.spaces import space_name

from ..context import ClientContext
from ..readmodels import fitting_uses
from ..widgets import Form, Panel, bold, coloured, esc, italic
from .characters import add_characters_button, show_characters
from .picks import newest, pick_menu, picked, update_picks
from .spacecards import (
    build_cards,
    cards_button,
    cards_content,
    cards_select,
    cards_signature,
    cards_update,
    editing,
)

KINDS = ("force", "probleme", "idee")


def space_line(ctx: ClientContext) -> str:
    """« Espace : la cour », or the hint to click one."""
    sid = ctx.selection.space
    if sid is None:
        return ctx.lang.t("ui.click_space")
    return ctx.lang.t("ui.space_selected", name=space_name(ctx.lang, ctx.state.scenario.space(sid)))


class EtatPanel(Panel):
    """Participants add notes, and pick one of theirs to edit or remove; the trainer removes
    (moderates) any note of the space selected on the map."""

    name = "etat_des_lieux"
    trainer_controls = True
    _built: str | None = None  # the note the form was built to edit (None: a new note)

    def __init__(self, ctx: ClientContext, rect: pygame.Rect) -> None:
        super().__init__(ctx, rect)
        self._lines: dict[tuple[object, ...], str] = {}

    @property
    def trainer(self) -> bool:
        return self.ctx.is_trainer

    def my_notes(self) -> list[Note]:
        me = self.model.me
        return newest(n for n in self.state.notes.values() if n.author == me)

    def here(self) -> list[Note]:
        sid = self.ctx.selection.space
        return newest(n for n in self.state.notes.values() if n.space == sid) if sid else []

    def editing(self) -> Note | None:
        """The note of mine being edited, if any (it may have been removed meanwhile)."""
        note = self.state.notes.get(self.sel.get("edit") or "")
        return note if note is not None and note.author == self.model.me else None

    def picks(self) -> list[tuple[str, str]]:
        """The notes of the menu: mine (to edit or remove), or the space's (for the trainer)."""
        sc, name_of, label = self.state.scenario, self.model.name_of, self.lang.label
        if self.trainer:
            return [(label(name_of(n.author), n.text), n.id) for n in self.here()]
        return [(label(sc.space(n.space).name, n.text), n.id) for n in self.my_notes()]

    def signature(self) -> object:
        sid = self.ctx.selection.space
        if self.trainer:
            return (sid, picked(self, "note_pick", {n.id for n in self.here()}))
        note = self.editing()
        return (sid, self.sel.get("kind", "probleme"), self.sel.get("matrix", False),
                note.id if note else None, self.sel.get("edit_kind"))

    def update_in_place(self) -> bool:
        return update_picks(self, "note_pick" if self.trainer else "mine", self.picks())

    def rebuild(self) -> None:
        if "enjeux" in self.widgets:  # ticked enjeux survive a rebuild of the same form
            ticked = self.multi_choice("enjeux")
            if self._built is None:
                self.sel["enjeux"] = ticked
            elif self.sel.get("edit") == self._built:
                self.sel["edit_enjeux"] = ticked
        super().rebuild()

    def build(self, form: Form) -> None:
        if self.trainer:
            self.build_moderation(form)
            return
        sc = self.state.scenario
        t = self.lang.t
        note = self.editing()
        self._built = note.id if note else None
        if note is None:
            kind = self.sel.setdefault("kind", "probleme")
            form.label(space_line(self.ctx))
        else:
            kind = self.sel.setdefault("edit_kind", note.kind)
            form.label(t("ui.editing_note", space=sc.space(note.space).name))
        form.row([(f"kind:{k}", t(f"term.note_kind.{k}")) for k in KINDS], selected=f"kind:{kind}")
        form.label(t("ui.enjeux_label"))
        form.multi("enjeux", [(e.label, e.id) for e in sc.enjeux], h=112,
                   selected=self.sel.get("edit_enjeux" if note else "enjeux", []))
        if note is None:
            form.entry("text", t("ui.note_hint"))
            matrix = self.sel.get("matrix", False)
            form.row([("add", t("ui.add_note")), ("undo", t("ui.remove_my_note")),
                      ("matrix", t("ui.show_notes") if matrix else t("ui.show_matrix"))])
        else:
            form.entry("edit_text", t("ui.note_hint"))
            form.row([("save", t("ui.save_note")), ("delete", t("ui.delete_note")),
                      ("cancel", t("ui.cancel"))])
        self.sel["dd:mine"] = note.id if note else "-"  # the note being edited is shown
        pick_menu(self, form, "mine", t("ui.my_notes_pick"), self.picks())
        form.textbox("box", "")

    def build_moderation(self, form: Form) -> None:
        t = self.lang.t
        form.label(space_line(self.ctx))
        if self.ctx.selection.space is None:
            form.label(t("ui.moderate_notes_hint"), object_id="#hint")
        else:
            pick_menu(self, form, "note_pick", t("ui.pick_note"), self.picks(),
                      [("moderate", t("ui.moderate_note"))])
        form.textbox("box", "")

    def content(self) -> str:
        if self.sel.get("matrix") or not self.ctx.can_act:
            return self.matrix_html() + ("<br>" + self.notes_html() if not self.ctx.can_act else "")
        return self.notes_html()

    def notes_html(self) -> str:
        s, m, lang = self.state, self.model, self.lang
        sid = self.ctx.selection.space
        notes = [n for n in s.notes.values() if sid is None or n.space == sid]
        notes.sort(key=lambda n: -n.t)
        enjeux = s.scenario.index("enjeu")
        count = lang.num(len(notes))
        head = lang.t("ui.notes_here", n=count) if sid else lang.t("ui.notes_all", n=count)
        out = [f"<b>{esc(head)}</b>"]
        cache = self._lines  # a note's line is built once
        for n in notes[:60]:
            key = (n.id, n.kind, n.text, tuple(n.enjeux), sid is None)
            line = cache.get(key)
            if line is None:
                tags = ", ".join(enjeux[e].label for e in n.enjeux if e in enjeux)
                where = "" if sid else f" — {esc(s.scenario.space(n.space).name)}"
                kind = esc(lang.t(f"term.note_kind.{n.kind}"))
                line = (lang.label(f"<font color='{NOTE_TEXT_COLOURS[n.kind]}'><b>{kind}</b>"
                                   f"</font>{where}", esc(n.text))
                        + (f" <i>({esc(tags)})</i>" if tags else "")
                        + f" — {esc(m.name_of(n.author))}")
                cache[key] = line
            out.append(line)
        return "<br>".join(out)

    def matrix_html(self) -> str:
        s, lang = self.state, self.lang
        ci = crossed_issues(s)
        roles = s.scenario.index("role")
        enjeux = s.scenario.index("enjeu")
        head = " · ".join(f"{roles[r].name}" for r in ROLE_KINDS)
        out = [bold(lang.t("ui.matrix_title")), italic(head)]
        for eid, row in ci["matrix"].items():
            if not any(row.values()):
                continue
            mark = ""
            if eid in ci["shared"]:
                mark = " " + coloured(GOOD, bold(lang.t("ui.shared")))
            elif eid in ci["single"]:
                mark = " " + coloured(CAUTION, bold(lang.t("ui.single")))
            nums = " · ".join(lang.num(row[r]) for r in ROLE_KINDS)
            out.append(lang.label(esc(enjeux[eid].label), nums) + mark)
        if len(out) == 2:
            out.append(esc(lang.t("ui.matrix_empty")))
        return "<br>".join(out)

    def on_select(self, key: str, value: str | None) -> None:
        if key != "mine":
            return
        note = self.state.notes.get(value or "")
        if note is None or note.author != self.model.me:
            self.leave_edit()
            return
        self.sel.update({"edit": note.id, "edit_kind": note.kind, "edit_enjeux": list(note.enjeux)})
        self.ctx.drafts[(self.name, "edit_text")] = note.text  # the form opens pre-filled
        self.ctx.selection.select(note.space)  # where it is

    def pick_note(self, note_id: str) -> bool:
        """A note's pin clicked on the map: the trainer picks it for removal, a participant
        edits it if it is theirs. False: not for this panel (the click selects the space)."""
        note = self.state.notes.get(note_id)
        if note is None:
            return False
        if self.trainer:
            self.sel["dd:note_pick"] = note.id  # the menu opens on it: « Retirer cette note »
        elif note.author != self.model.me:
            return False
        elif self.sel.get("edit") != note.id:  # already editing it: keep what was typed
            self.on_select("mine", note.id)  # as if picked in « Modifier ou retirer… »
        self.ctx.selection.select(note.space)
        return True

    def leave_edit(self) -> None:
        for k in ("edit", "edit_kind", "edit_enjeux"):
            self.sel.pop(k, None)
        self.clear_text("edit_text")

    def on_button(self, key: str) -> None:
        if key.startswith("kind:"):
            self.sel["edit_kind" if self.editing() else "kind"] = key[5:]
        elif key == "matrix":
            self.sel["matrix"] = not self.sel.get("matrix", False)
        elif key == "add":
            self.on_enter("text")
        elif key == "undo":  # take back my latest note (a typo, the wrong space)
            mine = [n for n in self.state.notes.values() if n.author == self.model.me]
            if self.need(mine, N_("ui.need_my_note")):
                last = max(mine, key=lambda n: (n.t, n.id))
                self.act({"type": "remove_note", "note": last.id})
        elif key == "save":
            self.on_enter("edit_text")
        elif key == "delete":
            note = self.editing()
            if note is not None:
                self.act({"type": "remove_note", "note": note.id})
            self.leave_edit()
        elif key == "cancel":
            self.leave_edit()
        elif key == "moderate":  # the trainer removes any note
            pick = self.choice("note_pick")
            if self.need(pick not in (None, "-"), N_("ui.need_note_pick")):
                self.act({"type": "remove_note", "note": pick})

    def on_enter(self, key: str) -> None:
        if key == "edit_text":
            note, text = self.editing(), self.text_of("edit_text")
            if note is not None and self.need(text, N_("ui.need_text")):
                self.act({"type": "edit_note", "note": note.id, "text": text,
                          "kind": self.sel.get("edit_kind", note.kind),
                          "enjeux": self.multi_choice("enjeux")})
                self.leave_edit()
            return
        if key != "text":
            return
        text = self.text_of("text")
        if not self.need(self.ctx.selection.space, N_("ui.need_space")) \
                or not self.need(text, N_("ui.need_text")):
            return
        action: dict[str, Any] = {"type": "add_note", "space": self.ctx.selection.space,
                                  "kind": self.sel.get("kind", "probleme"), "text": text,
                                  "enjeux": self.multi_choice("enjeux")}
        if self.ctx.selection.point is not None:  # the pin goes where the space was clicked
            action["x"], action["y"] = self.ctx.selection.point
        self.act(action)
        self.clear_text("text")


class RessourcesPanel(Panel):
    """Participants add services and remove theirs; the trainer removes any of a space's."""

    name = "ressources"
    trainer_controls = True

    def removable(self) -> list[Resource]:
        s, m = self.state, self.model
        sid = self.ctx.selection.space
        if self.ctx.is_trainer:
            return newest(r for r in s.resources.values() if r.space == sid) if sid else []
        return newest(r for r in s.resources.values() if r.author == m.me)

    def picks(self) -> list[tuple[str, str]]:
        sc, m = self.state.scenario, self.model
        if self.ctx.is_trainer:
            return [(f"{r.service} — {m.name_of(r.author)}", r.id) for r in self.removable()]
        return [(self.lang.label(sc.space(r.space).name, r.service), r.id)
                for r in self.removable()]

    def signature(self) -> object:
        return (self.ctx.selection.space,
                picked(self, "resource", {r.id for r in self.removable()}))

    def update_in_place(self) -> bool:
        return update_picks(self, "resource", self.picks())

    def build(self, form: Form) -> None:
        sc, sid, t = self.state.scenario, self.ctx.selection.space, self.lang.t
        form.label(space_line(self.ctx))
        if not self.ctx.is_trainer:
            form.entry("service", t("ui.service_hint"), limit=120)
            uses = fitting_uses(self.state, sid) if sid else []
            form.dropdown("use", [(t("ui.no_use"), "-")] + [(u.name, u.id) for u in uses])
            form.dropdown("metier", [(t("ui.no_metier"), "-")]
                          + [(m.name, m.id) for m in sc.metiers])
            form.entry("text", t("ui.resource_text_hint"))
            form.row([("add", t("ui.add_resource"))])
        self.build_remove(form)
        form.textbox("box", "")

    def build_remove(self, form: Form) -> None:
        trainer = self.ctx.is_trainer
        t = self.lang.t
        if trainer and self.ctx.selection.space is None:
            form.label(t("ui.moderate_resources_hint"), object_id="#hint")
            return
        pick_menu(self, form, "resource",
                  t("ui.pick_resource") if trainer else t("ui.my_resources_pick"),
                  self.picks(), [("resource_remove", t("ui.remove_resource"))])

    def content(self) -> str:
        rows = resources_view(self.state)
        sid = self.ctx.selection.space
        lang = self.lang
        out = []
        for row in rows:
            if sid is not None and row["space"] != sid:
                continue
            if sid is None and not row["ideas"] and self.ctx.can_act:
                continue
            out.append(f"<b>{esc(row['name'])}</b>")
            if sid is not None:
                for o in row["options"][:12]:
                    maint = ", ".join(f"{k} {lang.hours(v)}" for k, v in o["maintenance"].items())
                    out.append(esc(lang.t("ui.resource_option", name=o["name"],
                                          inv=lang.money(o["investment"]),
                                          run=lang.money(o["running_cost_per_year"]),
                                          maint=maint or "—")))
            for idea in row["ideas"]:
                out.append(f"• <b>{esc(idea['service'])}</b> {esc(idea['text'])} — "
                           f"<i>{esc(self.model.name_of(idea['author']))}</i>")
        return "<br>".join(out) if out else esc(lang.t("ui.click_space"))

    def on_button(self, key: str) -> None:
        if key == "add":
            self.on_enter("service")
        elif key == "resource_remove":
            pick = self.choice("resource")
            if self.need(pick not in (None, "-"), N_("ui.need_resource_pick")):
                self.act({"type": "remove_resource", "resource": pick})

    def on_enter(self, key: str) -> None:
        service = self.text_of("service")
        if not self.need(self.ctx.selection.space, N_("ui.need_space")) \
                or not self.need(service, N_("ui.need_service")):
            return
        use, metier = self.choice("use"), self.choice("metier")
        self.act({"type": "add_resource", "space": self.ctx.selection.space, "service": service,
                  "use": None if use in (None, "-") else use,
                  "metier": None if metier in (None, "-") else metier,
                  "text": self.text_of("text")})
        self.clear_text("service")
        self.clear_text("text")


class CafePanel(Panel):
    """Participants write notes at their table; the trainer files them under the spaces
    (« Fiches des espaces », panels/spacecards.py)."""

    name = "world_cafe"
    trainer_controls = True  # the spaces' cards builder; the « Personnages » button (characters.py)

    def table(self) -> str | None:
        return self.state.cafe_table_of(self.model.me)

    def signature(self) -> object:
        if self.ctx.is_trainer:
            return cards_signature(self)
        return (self.table(), self.state.cafe_rotation)

    def update_in_place(self) -> bool:
        return cards_update(self) if self.ctx.is_trainer else False

    def space_card_html(self) -> str:
        return "" if self.ctx.is_trainer else super().space_card_html()  # the builder shows it

    def build(self, form: Form) -> None:
        if self.ctx.is_trainer:  # the characters' review, then the spaces' cards builder
            add_characters_button(self, form)
            build_cards(self, form)
            return
        tid, t = self.table(), self.lang.t
        if tid is None:
            form.label(t("ui.no_table"))
        else:
            form.label(t("ui.my_table", title=self.state.scenario.index("theme")[tid].title))
            form.entry("text", t("ui.cafe_hint"))
            form.row([("add", t("ui.add_cafe_note"))])
        add_characters_button(self, form)  # writing characters at the café too (characters.py)
        form.textbox("box", "")

    def content(self) -> str:
        if self.ctx.is_trainer:
            return cards_content(self)
        s, m, lang = self.state, self.model, self.lang
        themes = s.scenario.cafe_themes
        mine = self.table() if self.ctx.can_act else None
        out = [esc(lang.t("ui.rotation", n=lang.num(s.cafe_rotation + 1)))]
        for th in themes:
            if mine is not None and th.id != mine:
                continue
            out.append(f"<b>{esc(th.title)}</b><br><i>{esc(th.question)}</i>")
            notes = sorted((k for k in s.cafe_notes.values() if k.table == th.id),
                           key=lambda k: -k.t)  # newest first: the box shows the first lines
            for k in notes[:40]:
                out.append(f"[{lang.num(k.rotation + 1)}] {esc(k.text)} — "
                           f"{esc(m.name_of(k.author))}")
        return "<br>".join(out)

    def on_select(self, key: str, value: str | None) -> None:
        cards_select(self, key, value)

    def on_button(self, key: str) -> None:
        if cards_button(self, key):
            return
        if key == "add":
            self.on_enter("text")
        elif key == "characters":
            show_characters(self.ctx, True)

    def on_enter(self, key: str) -> None:
        if key == "card_text":
            cards_button(self, "card_save" if editing(self) else "card_add")
            return
        text = self.text_of("text")
        if key == "text" and self.table() and self.need(text, N_("ui.need_text")):
            self.act({"type": "cafe_note", "table": self.table(), "text": text})
            self.clear_text("text")
