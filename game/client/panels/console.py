"""The trainer console: session (presence, who has done the phase's task, who has the floor,
lock, café), groups, consent rounds, final plan, the floor (« Parole »: the queue, a
« Donner la parole » per person, « Fin du tour », « Vider la file »), and the accueil
(baromètre counts, « qui suis-je » cards: console_accueil.py)."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton

from ilot.game.core.kinds import ProposalStatus, Subject
from ilot.game.core.views import phase_progress
from ilot.game.net.joincodes import show as display_code
from ilot.game.palette import BAD, GOOD
from ilot.game.text import N_

from ..fonts import font, px, wrap
from ..listing import proposal_choice
from ..widgets import Form, Panel, esc, italic
from . import console_accueil
from .board import GroupBoard
from .final_plan import build_final, final_button
from .floor import build_floor, floor_button, floor_html, floor_mark, floor_signature
from .rounds import SUBJECTS, rounds_html, subject_title
from .spacecards import (
    build_cards,
    cards_button,
    cards_content,
    cards_select,
    cards_signature,
    cards_update,
    editing,
)

TABS = {"session": N_("ui.console_session"), "groups": N_("ui.console_groups"),
        "rounds": N_("ui.console_rounds"), "plan": N_("ui.console_plan"),
        "floor": N_("ui.console_floor"), "accueil": N_("ui.whoami.console_tab")}


def tab_widths(width: int, labels: list[str], gap: int = 4) -> list[int]:
    """Each tab's width in a row `width` wide: its label's width and a margin, the room left
    shared equally (six tabs in a 1024-wide window: a short label keeps less than a long one,
    and none is cut where equal widths would cut « Groupes »)."""
    room = width - gap * (len(labels) - 1)
    need = [font(14).size(label)[0] + px(11) for label in labels]
    extra = (room - sum(need)) // max(1, len(labels))
    if extra < 0:  # even so they do not all fit: equal widths, cut with a tooltip
        return [room // len(labels)] * len(labels)
    return [n + extra for n in need]


def tab_row(form: Form, items: list[tuple[str, str]], selected: str) -> None:
    """The console's tabs, each as wide as its label needs (`tab_widths`)."""
    h, gap = px(28), 4
    x = form.x
    for (key, label), w in zip(items, tab_widths(form.w - 12, [lb for _, lb in items], gap),
                               strict=True):
        shown = wrap(label, font(14), w - 10, max_lines=1)[0]
        el = UIButton(pygame.Rect(x, form.y, w, h), shown, form.ui, container=form.container,
                      object_id="#selected" if key == selected else "#button",
                      tool_tip_text=label if shown != label else None)
        form.register(key, el)
        x += w + gap
    form.y += h + form.GAP


class ConsolePanel(Panel):
    name = "console"
    readonly_ok = False

    def signature(self) -> object:
        s = self.state
        tab = self.sel.get("tab", "session")
        return (tab, floor_signature(s) if tab == "floor" else None,
                console_accueil.signature(s) if tab == "accueil" else None,
                cards_signature(self) if tab == "cards" else None,
                tuple((p.id, p.persona) for p in s.participants.values()),
                tuple((g.id, tuple(g.members)) for g in s.groups.values()),
                tuple((p.id, p.status) for p in s.proposals.values()),
                tuple((r.id, r.closed_at) for r in s.rounds.values()), tuple(s.plan),
                s.locked, s.spotlight, bool(s.charter))

    board: GroupBoard | None = None  # the groups tab's board

    def update_in_place(self) -> bool:
        return cards_update(self) if self.sel.get("tab") == "cards" else False

    def on_select(self, key: str, value: str | None) -> None:
        cards_select(self, key, value)

    def on_enter(self, key: str) -> None:
        if key == "card_text":
            cards_button(self, "card_save" if editing(self) else "card_add")

    def overlay(self) -> GroupBoard | None:
        return self.board

    def build(self, form: Form) -> None:
        s, lang = self.state, self.lang
        t = lang.t
        self.board = None
        tab = self.sel.setdefault("tab", "session")
        tab_row(form, [(f"tab:{x}", t(TABS[x])) for x in TABS], f"tab:{tab}")
        if tab == "floor":
            build_floor(self, form)
            return
        if tab == "accueil":
            console_accueil.build(self, form)
            return
        if tab == "cards":  # « Fiches des espaces » (spacecards.py)
            form.label(t("ui.console_cards"), h=34, object_id="#title")
            build_cards(self, form)
            return
        if tab == "session":
            form.row([("lock", t("ui.unlock") if s.locked else t("ui.lock")),
                      ("rotate", t("ui.rotate_cafe"))])
            # « Fiches des espaces »: a view of the console with no tab of its own (a sixth
            # tab would cut the others' names at 1024 pixels)
            form.row([("tab:cards", t("ui.console_cards"))])
        elif tab == "groups":
            form.label(t("ui.random_label"), object_id="#hint")
            form.row([(f"random:{n}", lang.n("ui.groups_n", n)) for n in (2, 3, 4, 5)])
            people = [(self.model.name_of(p), p) for p in s.participants]
            if people and s.groups:
                form.label(t("ui.drag_hint"), object_id="#hint")
                rest = 4 * 35 + 2 * 32 + 23  # the pick-list and the spotlight below the board
                self.board = GroupBoard(self, form, max(120, form.h - form.y - rest - 8))
                form.dropdown("who", people)
                form.dropdown("to", [(lang.group(g.number), g.id) for g in s.groups.values()])
                form.row([("move", t("ui.move_member"))])
                form.dropdown("spot", [(lang.group(g.number), g.id) for g in s.groups.values()],
                              selected=s.spotlight)
                form.row([("spotlight", t("ui.spotlight")), ("spot_off", t("ui.spotlight_off"))])
                return  # the board shows who is where: no text box
        elif tab == "rounds":
            subjects = [(proposal_choice(self, p.id), str(Subject.of_proposal(p.id)))
                        for p in s.proposals.values() if p.status == ProposalStatus.OPEN]
            if s.charter:
                subjects.append((t(SUBJECTS["charter"]), "charter"))
            if any(i.final for i in s.plan.values()):
                subjects.append((t(SUBJECTS["final_plan"]), "final_plan"))
            if subjects:
                form.dropdown("subject", subjects)
                form.row([("open_round", t("ui.open_round"))])
            opened = [r for r in s.rounds.values() if r.closed_at is None]
            if opened:
                form.row([(f"close:{r.id}",
                           t("ui.close_round", subject=subject_title(s, r.subject, lang)))
                          for r in opened[:2]])
        elif tab == "plan":
            build_final(self, form)
        form.textbox("box", "")

    def content(self) -> str:
        s, m, lang = self.state, self.model, self.lang
        t = lang.t
        tab = self.sel.get("tab", "session")
        if tab == "floor":
            return floor_html(self)
        if tab == "accueil":
            return console_accueil.content(self)
        if tab == "cards":
            return cards_content(self)
        if tab == "rounds":
            return rounds_html(self) or esc(t("ui.no_rounds"))
        if tab == "groups":
            out = []
            for g in s.groups.values():
                names = ", ".join(m.name_of(p) for p in g.members)
                star = " *" if g.id == s.spotlight else ""
                out.append(lang.label(f"<b>{esc(lang.group(g.number))}{star}</b> ({lang.num(len(g.draft))})",
                                      esc(names)))
            free = [p for p in s.participants if s.group_of(p) is None]
            if free:
                out.append(lang.label(italic(t("ui.no_group")),
                                      esc(", ".join(m.name_of(p) for p in free))))
            return "<br>".join(out) or esc(t("ui.no_group_yet"))
        if tab == "plan":
            return esc(t("ui.finalise_hint"))
        online = set(m.connected)
        presence = t("ui.presence", n=lang.num(len(online & set(s.participants))),
                     total=lang.num(len(s.participants)))
        out = [esc(t("ui.share_code")) + f" <b>{esc(display_code(m.room or ''))}</b>",
               f"<b>{esc(presence)}</b>"]
        roles = s.scenario.index("role")
        done = phase_progress(s).done
        for p in s.participants.values():
            dot = f"<font color='{GOOD}'><b>•</b></font>" if p.id in online else f"<font color='{BAD}'>•</font>"
            role = roles[p.role].name if p.role else t("ui.no_persona")
            task = "" if p.id not in done else " — " + (
                f"<font color='{GOOD}'>" + esc(t("ui.progress_done_mark")) + "</font>"
                if done[p.id] else italic(t("ui.progress_waiting_mark")))
            name = esc(m.name_of(p.id))
            if s.speaker == p.id:  # the speaker stands out in the list
                name = f"<b><font color='{GOOD}'>{name}</font></b>"
            out.append(f"{dot} {name} — <i>{esc(role)}</i>{task}{floor_mark(s, p.id, lang)}")
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
        s = self.state
        if key.startswith("tab:"):
            self.sel["tab"] = key[4:]
        elif floor_button(self, key) or console_accueil.on_button(self, key) or (
                self.sel.get("tab") == "cards" and cards_button(self, key)):
            pass
        elif key == "lock":
            self.act({"type": "set_lock", "locked": not s.locked})
        elif key == "rotate":
            self.act({"type": "rotate_cafe"})
        elif key.startswith("random:"):
            self.act({"type": "form_groups", "count": int(key[7:]), "random": True})
        elif key == "move":
            who, to = self.choice("who"), self.choice("to")
            if who and to:
                self.act({"type": "move_member", "participant": who, "group": to})
        elif key == "spotlight":
            self.act({"type": "spotlight", "group": self.choice("spot")})
        elif key == "spot_off":
            self.act({"type": "spotlight", "group": None})
        elif key == "open_round":
            subject = self.choice("subject")
            if subject:
                self.act({"type": "open_round", "subject": subject})
        elif key.startswith("close:"):
            self.act({"type": "close_round", "round": key[6:]})
        elif final_button(self, key):  # the final plan's picker (final_plan.py)
            pass
