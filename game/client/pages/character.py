"""The character editor: a participant writes a character of the îlot (`character_write`), the
trainer edits any one (`character_edit`). A whole-window page over the main screen, opened from
the « Personnages » panel (`open_editor`) and closed by « Annuler » or once the server accepted
« Enregistrer »; a refusal keeps it open with what was typed (the status bar says why).

Left: name, role (the game's three role words), age, situation, bio, what the character needs
from the collective spaces, and (participant) co-authors among the participants. Right: the
portrait (a grid of the 24) and up to two private objectives of the easy kinds (`KINDS`: judged
by the group, a charges ceiling, a use in a space, a rule adopted, an indicator's target).
What is typed lives in the context's drafts and the page's memory: a rebuild (a resize, a
language change, another participant's news) loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
from pygame_gui.elements import UILabel

from ilot.game.core.kinds import CharacterStatus, ObjectiveDirection, ObjectiveKind, PhaseKind, RoleKind
from ilot.game.core.rules.characters import MAX_AUTHORS
from ilot.game.core.state import Character
from ilot.game.text import N_

from ..checklist import Row
from ..context import ClientContext
from ..fonts import font, px, wrap
from ..portraitgrid import PortraitGrid
from ..portraits import portrait_for, portrait_ids
from ..widgets import Form, Panel

NAME = "character"  # the page's name: its memory and its drafts
WRITE_PHASES = frozenset({PhaseKind.PERSONNAGES, PhaseKind.WORLD_CAFE})
# the objective kinds a participant picks from, in the picker's order, with their words
KINDS: dict[str, str] = {
    "-": N_("ui.character.kind_none"),
    ObjectiveKind.JUDGED: N_("ui.character.kind_judged"),
    ObjectiveKind.CHARGES_CEILING: N_("ui.character.kind_charges_ceiling"),
    ObjectiveKind.USE: N_("ui.character.kind_use"),
    ObjectiveKind.RULE: N_("ui.character.kind_rule"),
    ObjectiveKind.INDICATOR: N_("ui.character.kind_indicator"),
}
ROLE_WORDS = {RoleKind.RESIDENT: N_("term.role.resident"), RoleKind.CARETAKER: N_("term.role.caretaker"),
              RoleKind.MANAGER: N_("term.role.manager")}
LIMITS = {"name": 60, "age": 30, "situation": 120, "bio": 600, "needs": 400, "text": 300}
TEXTS = ("name", "age", "situation", "bio", "needs")
HEAD = 62
BUTTONS_H = 40


def editor_open(ctx: ClientContext) -> bool:
    """The editor is shown: opened, and (a participant) still in a phase where one writes."""
    mem = ctx.memory(NAME)
    sent = mem.get("sent")
    if sent and sent in ctx.model.acked:  # « Enregistrer » accepted: the editor's work is done
        mem.pop("sent", None)
        mem["open"] = False
    if not mem.get("open") or ctx.model.mirror is None:
        return False
    if ctx.is_trainer or (ctx.can_act and ctx.state.phase_kind in WRITE_PHASES):
        return True
    mem["open"] = False  # the session moved on: what was typed stays in the drafts
    return False


def open_editor(ctx: ClientContext, character: Character | None) -> None:
    """Open the editor on a new character (None) or on `character`, its fields filled in."""
    mem = ctx.memory(NAME)
    mem.clear()
    for draft in [k for k in ctx.drafts if k[0] == NAME]:
        del ctx.drafts[draft]
    mem["open"] = True
    mem["id"] = character.id if character is not None else None
    if character is None:  # a face picked already (framed in the grid): one click changes it
        mem["portrait"] = portrait_for(f"{ctx.model.me}:{len(ctx.state.characters)}")
        return
    for key in TEXTS:
        ctx.drafts[(NAME, key)] = str(getattr(character, key))
    mem["role"] = str(character.role)
    mem["portrait"] = character.portrait
    mem["coauthors"] = list(character.authors[1:])
    for i, o in enumerate(character.objectives[:2]):
        kind = str(o.kind) if str(o.kind) in KINDS else ObjectiveKind.JUDGED
        mem[f"dd:kind{i}"] = kind
        ctx.drafts[(NAME, f"text{i}")] = o.text
        if o.euros is not None:
            ctx.drafts[(NAME, f"euros{i}")] = ctx.lang.num(o.euros)
        if o.target is not None:
            ctx.drafts[(NAME, f"target{i}")] = ctx.lang.num(o.target)
        for field, value in (("space", o.space), ("use", o.uses[0] if o.uses else None),
                             ("rule", o.rule), ("indicator", o.indicator),
                             ("direction", str(o.direction))):
            if value:
                mem[f"dd:{field}{i}"] = value


def close_editor(ctx: ClientContext) -> None:
    ctx.memory(NAME)["open"] = False


def number(text: str) -> float | None:
    """« 75 », « 72,5 », « 1 200 » as a number; None when it is not one."""
    try:
        return float(text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None


class CharacterEditor(Panel):
    name = NAME
    readonly_ok = False

    # ----- what is edited -----
    def editing(self) -> Character | None:
        cid = self.sel.get("id")
        return self.state.characters.get(cid) if cid else None

    def settle(self) -> None:
        """The server refused « Enregistrer »: the editor stays, with what was typed (accepted,
        it closes: `editor_open`)."""
        sent = self.sel.get("sent")
        if sent and sent in self.model.rejected:
            self.sel.pop("sent", None)

    def signature(self) -> object:
        self.settle()
        c = self.editing()
        kinds = tuple(self.sel.get(f"dd:kind{i}") for i in range(2))
        spaces = tuple(self.sel.get(f"dd:space{i}") for i in range(2))
        return (self.sel.get("id"), c.status if c else None, kinds, spaces, self.sel.get("role"),
                bool(self.sel.get("sent")), tuple(sorted(self.state.participants)))

    # ----- the page -----
    def build(self, form: Form) -> None:
        lang, ui, root = self.lang, self.ctx.ui, form.container
        t = lang.t
        w, h = self.rect.size
        c = self.editing()
        title = t("ui.character.edit_title", name=c.name) if c else t("ui.character.new_title")
        UILabel(pygame.Rect(10, 4, w - 20, 34), wrap(title, font(24, bold=True), w - 30, 1)[0], ui,
                container=root, object_id="#title")
        hint = t("ui.character.hint_trainer") if self.ctx.is_trainer else t("ui.character.hint")
        UILabel(pygame.Rect(10, 38, w - 20, 20), wrap(hint, font(13), w - 30, 1)[0], ui,
                container=root, object_id="#hint")
        col = (w - 30) // 2
        form.y, form.x, form.w = HEAD, 10, col + 12
        self.left(form)
        form.y, form.x, form.w = HEAD, 20 + col, col + 12
        self.right(form)
        bw = min(240, (w - 60) // 2)
        form.y, form.x, form.w = h - BUTTONS_H - 8, w // 2 - bw - 10, 2 * bw + 32
        sent = bool(self.sel.get("sent"))
        cancel, save = form.row([("cancel", t("ui.cancel")),
                                 ("save", t("ui.character.sending") if sent else t("ui.character.save"))],
                                h=BUTTONS_H, selected="save")
        if sent:
            save.disable()
            cancel.disable()

    def labelled_entry(self, form: Form, key: str, label: str, hint: str = "") -> None:
        form.label(label)
        form.entry(key, hint, limit=LIMITS.get(key, LIMITS["text"]))

    def left(self, form: Form) -> None:
        t = self.lang.t
        self.labelled_entry(form, "name", t("ui.character.name"), t("ui.character.name_hint"))
        form.label(t("ui.character.role"))
        chosen = self.sel.get("role")  # the game's short role words (the scenario's are long)
        form.row([(f"role:{k}", t(ROLE_WORDS[k])) for k in RoleKind],
                 selected=f"role:{chosen}" if chosen else None)
        self.labelled_entry(form, "age", t("ui.character.age"), t("ui.character.age_hint"))
        self.labelled_entry(form, "situation", t("ui.character.situation"),
                            t("ui.character.situation_hint"))
        self.labelled_entry(form, "bio", t("ui.character.bio"), t("ui.character.bio_hint"))
        self.labelled_entry(form, "needs", t("ui.character.needs"), t("ui.character.needs_hint"))
        if self.ctx.is_trainer or self.sel.get("id"):
            return  # co-authors are chosen when the character is first written
        others = [p for p in self.state.participants.values() if p.id != self.model.me]
        if not others:
            return
        form.label(t("ui.character.coauthors"))
        room = self.rect.h - BUTTONS_H - 16 - form.y - 6
        rows = [Row(p.id, p.name) for p in sorted(others, key=lambda p: p.name.lower())]
        form.checklist("coauthors", rows, max(px(60), room), [], store=self.sel)

    def right(self, form: Form) -> None:
        t = self.lang.t
        form.label(t("ui.character.portrait"))
        ids = portrait_ids()
        face = 56 if form.w >= 600 else 48
        grid_h = PortraitGrid.height_for(form.w - 12, len(ids), face)
        grid = PortraitGrid(form._rect(grid_h), self.ctx.ui, form.container, ids, face, self.sel)
        form.register("portraits", grid)
        form.y += grid_h + form.GAP
        for i in range(2):
            self.objective(form, i)

    def objective(self, form: Form, i: int) -> None:
        """Objective `i`: its kind, its text, and what its kind measures."""
        t, sc = self.lang.t, self.state.scenario
        form.label(t("ui.character.objective_n", n=self.lang.num(i + 1)))
        kind = self.sel.get(f"dd:kind{i}") or "-"
        form.dropdown(f"kind{i}", [(t(v), k) for k, v in KINDS.items()], selected=kind)
        if kind == "-":
            return
        form.entry(f"text{i}", t("ui.character.objective_text_hint"), limit=LIMITS["text"])
        pieces: list[Callable[[Form], Any]] = []
        if kind == ObjectiveKind.CHARGES_CEILING:
            pieces.append(lambda f: f.entry(f"euros{i}", t("ui.character.euros_hint"), limit=12))
        elif kind == ObjectiveKind.USE:
            spaces = [(s.name, s.id) for s in sc.spaces]
            space = self.sel.get(f"dd:space{i}") or (spaces[0][1] if spaces else None)
            uses = [(u.name, u.id) for u in sc.uses
                    if space is None or not u.allowed_kinds
                    or sc.space(space).kind in u.allowed_kinds] or [(u.name, u.id) for u in sc.uses]
            pieces += [lambda f: f.dropdown(f"space{i}", spaces), lambda f: f.dropdown(f"use{i}", uses)]
        elif kind == ObjectiveKind.RULE:
            rules = [(r.title, r.id) for r in sc.rules]
            if rules:
                pieces.append(lambda f: f.dropdown(f"rule{i}", rules))
        elif kind == ObjectiveKind.INDICATOR:
            indicators = [(x.name, x.id) for x in sc.indicators]
            ways = [(t("ui.character.at_least"), ObjectiveDirection.AT_LEAST),
                    (t("ui.character.at_most"), ObjectiveDirection.AT_MOST)]
            pieces += [lambda f: f.dropdown(f"indicator{i}", indicators),
                       lambda f: f.dropdown(f"direction{i}", [(a, str(b)) for a, b in ways]),
                       lambda f: f.entry(f"target{i}", t("ui.character.target_hint"), limit=12)]
        side_by_side(form, pieces)

    # ----- what is sent -----
    def objectives(self) -> list[dict[str, Any]] | None:
        """The objectives as the action takes them; None (with a message) when one is incomplete."""
        out: list[dict[str, Any]] = []
        for i in range(2):
            kind = self.sel.get(f"dd:kind{i}") or "-"
            if kind == "-":
                continue
            text = self.text_of(f"text{i}")
            if not self.need(text, N_("ui.character.need_objective_text")):
                return None
            o: dict[str, Any] = {"text": text, "kind": kind}
            if kind == ObjectiveKind.CHARGES_CEILING:
                euros = number(self.text_of(f"euros{i}"))
                if not self.need(euros is not None and euros >= 0, N_("ui.character.need_euros")):
                    return None
                o["euros"] = euros
            elif kind == ObjectiveKind.USE:
                o["space"], o["uses"] = self.choice(f"space{i}"), [self.choice(f"use{i}")]
            elif kind == ObjectiveKind.RULE:
                if not self.need(self.choice(f"rule{i}"), N_("ui.character.need_rule")):
                    return None
                o["rule"] = self.choice(f"rule{i}")
            elif kind == ObjectiveKind.INDICATOR:
                target = number(self.text_of(f"target{i}"))
                if not self.need(target is not None, N_("ui.character.need_target")):
                    return None
                o.update(indicator=self.choice(f"indicator{i}"), target=target,
                         direction=self.choice(f"direction{i}") or ObjectiveDirection.AT_LEAST)
            out.append(o)
        return out

    def save(self) -> None:
        fields = {k: self.text_of(k) for k in TEXTS}
        if not self.need(fields["name"], N_("ui.character.need_name")) \
                or not self.need(self.sel.get("role"), N_("ui.character.need_role")):
            return
        objectives = self.objectives()
        if objectives is None:
            return
        cid = self.sel.get("id")
        action: dict[str, Any] = {**fields, "role": self.sel["role"], "objectives": objectives,
                                  "portrait": self.sel.get("portrait") or "", "character": cid}
        if self.ctx.is_trainer:
            action["type"] = "character_edit"
        else:
            action["type"] = "character_write"
            c = self.editing()
            action["coauthors"] = (list(c.authors[1:]) if c is not None
                                   else list(self.sel.get("coauthors") or []))
            if not self.need(len(action["coauthors"]) <= MAX_AUTHORS - 1, N_("ui.character.need_fewer_authors")):
                return
        aid = self.act(action)
        if aid:
            self.sel["sent"] = aid

    def on_button(self, key: str) -> None:
        if key.startswith("role:"):
            self.sel["role"] = key[5:]
        elif key == "cancel":
            close_editor(self.ctx)
        elif key == "save" and not self.sel.get("sent"):
            self.save()

    def on_enter(self, key: str) -> None:
        pass  # Enter moves nowhere: « Enregistrer » sends


def side_by_side(form: Form, pieces: list[Callable[[Form], Any]]) -> None:
    """Widgets on one line of the form, sharing its width."""
    if not pieces:
        return
    x0, w0, y0 = form.x, form.w, form.y
    gap = 6
    cw = (w0 - 12 - gap * (len(pieces) - 1)) // len(pieces)
    bottom = y0
    for j, piece in enumerate(pieces):
        form.x, form.w, form.y = x0 + j * (cw + gap), cw + 12, y0
        piece(form)
        bottom = max(bottom, form.y)
    form.x, form.w, form.y = x0, w0, bottom


STATUS_KEYS = {status: f"term.character_status.{status}" for status in CharacterStatus}  # the debrief's words
