"""État des lieux (notes with enjeux, crossed issues), ressources communes, world café."""

from __future__ import annotations

from game.core.scenario import ROLE_KINDS
from game.core.views import crossed_issues, resources_view

from ..i18n import t
from ..readmodels import fitting_uses
from ..widgets import Panel, esc

KINDS = ("force", "probleme", "idee")
NOTE_COLOURS = {"force": "#2e9d5b", "probleme": "#c8372d", "idee": "#b8860b"}


def space_line(app) -> str:
    sid = app.selected_space
    if sid is None:
        return t("click_space")
    return t("space_selected", name=app.model.scenario.space(sid).name)


class EtatPanel(Panel):
    name = "etat_des_lieux"

    def signature(self) -> object:
        return (self.app.selected_space, self.sel.get("kind", "probleme"),
                self.sel.get("matrix", False))

    def build(self, form) -> None:
        sc = self.state.scenario
        kind = self.sel.setdefault("kind", "probleme")
        form.label(space_line(self.app))
        form.row([(f"kind:{k}", t(f"kind_{k}")) for k in KINDS], selected=f"kind:{kind}")
        form.label(t("enjeux_label"))
        form.multi("enjeux", [(e.label, e.id) for e in sc.enjeux], h=112,
                   selected=self.sel.get("enjeux", []))
        form.entry("text", t("note_hint"))
        matrix = self.sel.get("matrix", False)
        form.row([("add", t("add_note")), ("undo", t("remove_my_note")),
                  ("matrix", t("show_notes") if matrix else t("show_matrix"))])
        form.textbox("box", "")

    def content(self) -> str:
        if self.sel.get("matrix") or not self.app.can_act:
            return self.matrix_html() + ("<br>" + self.notes_html() if not self.app.can_act else "")
        return self.notes_html()

    def notes_html(self) -> str:
        s, m = self.state, self.app.model
        sid = self.app.selected_space
        notes = [n for n in s.notes.values() if sid is None or n.space == sid]
        notes.sort(key=lambda n: -n.t)
        enjeux = s.scenario.index("enjeu")
        head = (t("notes_here", n=len(notes)) if sid else t("notes_all", n=len(notes)))
        out = [f"<b>{esc(head)}</b>"]
        cache = self.__dict__.setdefault("_lines", {})  # a note's line is built once
        for n in notes[:60]:
            key = (n.id, n.kind, n.text, tuple(n.enjeux), sid is None)
            line = cache.get(key)
            if line is None:
                tags = ", ".join(enjeux[e].label for e in n.enjeux if e in enjeux)
                where = "" if sid else f" — {esc(s.scenario.space(n.space).name)}"
                line = (f"<font color='{NOTE_COLOURS[n.kind]}'><b>{esc(t('kind_' + n.kind))}</b>"
                        f"</font>{where} : {esc(n.text)}"
                        + (f" <i>({esc(tags)})</i>" if tags else "")
                        + f" — {esc(m.name_of(n.author))}")
                cache[key] = line
            out.append(line)
        return "<br>".join(out)

    def matrix_html(self) -> str:
        s = self.state
        ci = crossed_issues(s)
        roles = s.scenario.index("role")
        enjeux = s.scenario.index("enjeu")
        head = " · ".join(f"{roles[r].name}" for r in ROLE_KINDS)
        out = [f"<b>{esc(t('matrix_title'))}</b>", f"<i>{esc(head)}</i>"]
        for eid, row in ci["matrix"].items():
            if not any(row.values()):
                continue
            mark = ""
            if eid in ci["shared"]:
                mark = f" <font color='#2e9d5b'><b>{esc(t('shared'))}</b></font>"
            elif eid in ci["single"]:
                mark = f" <font color='#e5892b'><b>{esc(t('single'))}</b></font>"
            nums = " · ".join(str(row[r]) for r in ROLE_KINDS)
            out.append(f"{esc(enjeux[eid].label)} : {nums}{mark}")
        if len(out) == 2:
            out.append(esc(t("matrix_empty")))
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
        if key.startswith("kind:"):
            self.sel["enjeux"] = self.multi_choice("enjeux")
            self.sel["kind"] = key[5:]
        elif key == "matrix":
            self.sel["enjeux"] = self.multi_choice("enjeux")
            self.sel["matrix"] = not self.sel.get("matrix", False)
        elif key == "add":
            self.on_enter("text")
        elif key == "undo":  # take back my latest note (a typo, the wrong space)
            mine = [n for n in self.state.notes.values() if n.author == self.app.model.me]
            if self.need(mine, "need_my_note"):
                last = max(mine, key=lambda n: (n.t, n.id))
                self.act({"type": "remove_note", "note": last.id})

    def on_enter(self, key: str) -> None:
        if key != "text":
            return
        text = self.text_of("text")
        if not self.need(self.app.selected_space, "need_space") or not self.need(text, "need_text"):
            return
        action = {"type": "add_note", "space": self.app.selected_space,
                  "kind": self.sel.get("kind", "probleme"), "text": text,
                  "enjeux": self.multi_choice("enjeux")}
        if self.app.selected_point is not None:  # the pin goes where the space was clicked
            action["x"], action["y"] = self.app.selected_point
        self.act(action)
        self.clear_text("text")


class RessourcesPanel(Panel):
    name = "ressources"

    def signature(self) -> object:
        return (self.app.selected_space,)

    def build(self, form) -> None:
        sc = self.state.scenario
        form.label(space_line(self.app))
        form.entry("service", t("service_hint"), limit=120)
        uses = fitting_uses(self.state, self.app.selected_space) if self.app.selected_space else []
        form.dropdown("use", [(t("no_use"), "-")] + [(u.name, u.id) for u in uses])
        form.dropdown("metier", [(t("no_metier"), "-")] + [(m.name, m.id) for m in sc.metiers])
        form.entry("text", t("resource_text_hint"))
        form.row([("add", t("add_resource"))])
        form.textbox("box", "")

    def content(self) -> str:
        rows = resources_view(self.state)
        sid = self.app.selected_space
        out = []
        for row in rows:
            if sid is not None and row["space"] != sid:
                continue
            if sid is None and not row["ideas"] and self.app.can_act:
                continue
            out.append(f"<b>{esc(row['name'])}</b>")
            if sid is not None:
                for o in row["options"][:12]:
                    maint = ", ".join(f"{k} {v:g} h" for k, v in o["maintenance"].items())
                    out.append(esc(t("resource_option", name=o["name"],
                                     inv=f"{o['investment']:,.0f}".replace(",", " "),
                                     run=f"{o['running_cost_per_year']:,.0f}".replace(",", " "),
                                     maint=maint or "—")))
            for idea in row["ideas"]:
                out.append(f"• <b>{esc(idea['service'])}</b> {esc(idea['text'])} — "
                           f"<i>{esc(self.app.model.name_of(idea['author']))}</i>")
        return "<br>".join(out) if out else esc(t("click_space"))

    def on_button(self, key: str) -> None:
        if key == "add":
            self.on_enter("service")

    def on_enter(self, key: str) -> None:
        service = self.text_of("service")
        if not self.need(self.app.selected_space, "need_space") or not self.need(service, "need_service"):
            return
        use, metier = self.choice("use"), self.choice("metier")
        self.act({"type": "add_resource", "space": self.app.selected_space, "service": service,
                  "use": None if use in (None, "-") else use,
                  "metier": None if metier in (None, "-") else metier,
                  "text": self.text_of("text")})
        self.clear_text("service")
        self.clear_text("text")


class CafePanel(Panel):
    name = "world_cafe"

    def table(self) -> str | None:
        return self.state.cafe_table_of(self.app.model.me)

    def signature(self) -> object:
        return (self.table(), self.state.cafe_rotation)

    def build(self, form) -> None:
        tid = self.table()
        if tid is None:
            form.label(t("no_table"))
        else:
            form.label(t("my_table", title=self.state.scenario.index("theme")[tid].title))
            form.entry("text", t("cafe_hint"))
            form.row([("add", t("add_cafe_note"))])
        form.textbox("box", "")

    def content(self) -> str:
        s, m = self.state, self.app.model
        themes = s.scenario.cafe_themes
        mine = self.table() if self.app.can_act else None
        out = [esc(t("rotation", n=s.cafe_rotation + 1))]
        for th in themes:
            if mine is not None and th.id != mine:
                continue
            out.append(f"<b>{esc(th.title)}</b><br><i>{esc(th.question)}</i>")
            notes = sorted((k for k in s.cafe_notes.values() if k.table == th.id),
                           key=lambda k: -k.t)  # newest first: the box shows the first lines
            for k in notes[:40]:
                out.append(f"[{k.rotation + 1}] {esc(k.text)} — {esc(m.name_of(k.author))}")
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
        if key == "add":
            self.on_enter("text")

    def on_enter(self, key: str) -> None:
        text = self.text_of("text")
        if key == "text" and self.table() and self.need(text, "need_text"):
            self.act({"type": "cafe_note", "table": self.table(), "text": text})
            self.clear_text("text")
