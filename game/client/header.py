"""The header: phase title, the trainer's instructions, the timer, and the trainer's toolbar.

Its « Inviter » button (the trainer's toolbar, and the shared screen's top right) shows the
invitation over the window, in large type (`invitation.InvitationOverlay`): the join code, the
server's address and the « lien de connexion ». The shared screen shows it by itself during the
accueil, and whenever the trainer asks for it from their own window (the `show_invitation`
action: the shared screen is often another process, on another computer); a click on the card
hides it. The trainer's button also copies the link.
"""

from __future__ import annotations

import time

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

from ilot.game.core.kinds import PhaseKind
from ilot.game.core.state import State
from ilot.game.text import Lang

from .fonts import px
from .invitation import Invitation, InvitationOverlay, copy_link
from .parts import Overlay
from .widgets import Form, Panel, esc

INVITE_W = 130  # the shared screen's « Inviter » button


def clock(lang: Lang, seconds: float) -> str:
    """A countdown's minutes and seconds, written with the language's digits: 04:05, 75:00."""
    m, s = divmod(max(0, int(seconds)), 60)
    return lang.t("ui.clock", minutes=lang.pattern(m, "00"), seconds=lang.pattern(s, "00"))


def timer_text(state: State, lang: Lang, now: float | None = None) -> str:
    if state.timer_paused_left is not None:
        return lang.t("ui.timer_paused", time=clock(lang, state.timer_paused_left))
    if state.timer_ends_at is None:
        return ""
    left = max(0, int(state.timer_ends_at - (time.time() if now is None else now)))
    if left >= 120:  # whole minutes: the header then changes once a minute, not every second
        return lang.t("ui.timer_left_min", minutes=lang.num((left + 59) // 60))
    return lang.t("ui.timer_left", time=clock(lang, left))


class Header(Panel):
    """Phase title, the trainer's instructions, the timer; the trainer's toolbar below them."""

    name = "header"
    container_id = "#header"
    readonly_ok = False  # everyone sees it whole; only the trainer's has a toolbar
    title: UILabel
    timer: UILabel
    text: UITextBox
    _title: str | None = None  # what the labels show, to change only what changed
    _timer: str | None = None
    _text: str | None = None
    _invitation: InvitationOverlay | None = None  # made when first shown

    def signature(self) -> object:
        return self.model.kind  # built once: its labels change in place (refresh)

    def build(self, form: Form) -> None:
        ui, box = self.ctx.ui, form.container
        w = self.rect.w
        shared = self.ctx.shared_screen
        invite = px(INVITE_W) + px(10) if shared else 0
        self.title = UILabel(pygame.Rect(px(10), px(4), w - px(300) - invite, px(32)),
                             "", ui, container=box, object_id="#header_title")
        self.timer = UILabel(pygame.Rect(w - px(290), px(4), px(280), px(32)), "", ui,
                             container=box, object_id="#header_timer")
        self.text = UITextBox("", pygame.Rect(px(6), px(36), w - px(12),
                                              px(72 if self.ctx.shared_screen else 60)),
                              ui, container=box, object_id="#header_text")
        self._title = self._timer = self._text = None
        if self.ctx.is_trainer:
            self.toolbar(form)
        elif shared:
            b = UIButton(pygame.Rect(w - px(290) - px(INVITE_W), px(4), px(INVITE_W), px(30)),
                         self.lang.t("ui.invite.button"), ui, container=box, object_id="#button",
                         tool_tip_text=self.lang.t("ui.invite.button_tip"))
            form.register("invite", b)

    def toolbar(self, form: Form) -> None:
        t = self.lang.t
        items = [("prev", t("ui.phase_prev")), ("next", t("ui.phase_next")),
                 ("pause", t("ui.timer_pause")), ("plus5", t("ui.timer_plus5")),
                 ("console", t("ui.console_toggle")), ("invite", t("ui.invite.button"))]
        w = (self.rect.w - 12 - 4 * (len(items) - 1)) // len(items)
        for i, (key, label) in enumerate(items):
            b = UIButton(pygame.Rect(6 + i * (w + 4), px(102), w, px(32)), label, self.ctx.ui,
                         container=form.container, object_id="#button")
            form.register(key, b)

    def refresh(self, force: bool = True) -> bool:
        """The labels that changed (title, timer, instructions, the toolbar's words); cheap
        when none did: it runs every second for the timer."""
        s = self.state
        lang = self.lang
        t = lang.t
        changed = False
        phase = s.scenario.phases[s.phase]
        title = t("ui.phase_title", i=lang.num(s.phase + 1), n=lang.num(len(s.scenario.phases)),
                  title=phase.title)
        if s.locked:
            title += "  ·  " + t("ui.locked")
        if title != self._title:
            self._title = title
            self.title.set_text(title)
            changed = True
        timer = timer_text(s, lang)
        if timer != self._timer:
            self._timer = timer
            self.timer.set_text(timer)
            changed = True
        if phase.instructions != self._text:
            self._text = phase.instructions
            self.text.set_text(esc(phase.instructions))
            changed = True
        pause, console = self.widgets.get("pause"), self.widgets.get("console")
        if isinstance(pause, UIButton) and isinstance(console, UIButton):
            label = (t("ui.timer_resume") if s.timer_paused_left is not None
                     else t("ui.timer_start") if s.timer_ends_at is None else t("ui.timer_pause"))
            if pause.text != label:
                pause.set_text(label)
                changed = True
            label = t("ui.console_back") if self.ctx.console_open else t("ui.console_toggle")
            if console.text != label:
                console.set_text(label)
                changed = True
        return changed

    def on_button(self, key: str) -> None:
        s = self.state
        if key == "prev" and s.phase > 0:
            self.act({"type": "set_phase", "phase": s.phase - 1})
        elif key == "next" and s.phase + 1 < len(s.scenario.phases):
            self.act({"type": "set_phase", "phase": s.phase + 1})
        elif key == "pause":
            if s.timer_paused_left is not None:
                self.act({"type": "set_timer", "seconds": s.timer_paused_left})
            elif s.timer_ends_at is None:  # no timer yet: start the phase's planned time
                self.act({"type": "set_timer", "seconds": s.scenario.phases[s.phase].minutes * 60})
            else:
                left = max(0.0, (s.timer_ends_at or time.time()) - time.time())
                self.act({"type": "set_timer", "seconds": left, "paused": True})
        elif key == "plus5":
            if s.timer_paused_left is not None:
                self.act({"type": "set_timer", "seconds": s.timer_paused_left + 300,
                          "paused": True})
            else:
                left = max(0.0, (s.timer_ends_at or time.time()) - time.time())
                self.act({"type": "set_timer", "seconds": left + 300})
        elif key == "console":
            self.ctx.commands.toggle_console()
        elif key == "invite":
            self.show_invitation(not self.invitation_shown())
            invitation = Invitation.of(self.model)
            if self.ctx.is_trainer and invitation is not None and self.invitation_shown():
                copy_link(self.ctx, invitation)

    # ----- the invitation, in large type -----
    def invitation_shown(self) -> bool:
        """On the shared screen and the trainer's window: while the trainer asks for it
        (`state.invitation`, any window's « Inviter »), and on the shared screen by itself during
        the accueil; a click in this window (« Inviter », or on the card) decides here until the
        trainer's request changes or the phase does."""
        s = self.state
        if not (self.ctx.shared_screen or self.ctx.is_trainer):
            return False
        memory = self.ctx.memory("invitation")
        if memory.get("asked") != s.invitation:  # the trainer's request changed: it decides
            memory.clear()
            memory["asked"] = s.invitation
        if memory.get("phase") == s.phase:
            return bool(memory.get("shown"))
        return s.invitation or (self.ctx.shared_screen and s.phase_kind == PhaseKind.ACCUEIL)

    def show_invitation(self, shown: bool) -> None:
        """Here at once; the trainer's click also asks every shared screen (`show_invitation`)."""
        s = self.state
        self.ctx.memory("invitation").update(shown=shown, phase=s.phase, asked=s.invitation)
        if self.ctx.is_trainer and s.invitation != shown:
            self.act({"type": "show_invitation", "shown": shown})

    def overlay(self) -> Overlay | None:
        if not self.invitation_shown() or Invitation.of(self.model) is None:
            return None
        if self._invitation is None:
            self._invitation = InvitationOverlay(self.ctx, top=self.rect.bottom,
                                                 on_close=lambda: self.show_invitation(False))
        return self._invitation
