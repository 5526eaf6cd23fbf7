"""The header: where the session stands, and what to do now.

Top to bottom, inside the rectangle the layout gives it (`header_rows`):
- the phase's title and the timer; a participant's « Ma fiche » button (their character card
  and private objectives over the side panel, in every phase); a participant's and the shared
  screen's « Qui est là ? » (everyone's « qui suis-je » card over the side panel: whoami.py);
- the agenda strip of the session's days (`agenda.AgendaStrip`): past, current and coming
  phases with their planned times;
- the phase's instructions (they take what is left of the height);
- a participant: « À faire maintenant » for their role (`views.todo`) and the floor: one button
  (« Je demande la parole », « Retirer ma demande », « J'ai terminé ») with its state (their
  place in the queue, « Vous avez la parole »);
- the trainer: « À faire maintenant », who has done the phase's task and who has not
  (`views.phase_progress`: « 12/18 ont posé une note — en attente : Awa, Bruno… »), the floor,
  and the toolbar: phases, timer, the floor's next step, the console. On the last phase
  « Phase suivante » becomes « Clore la session… », which asks for a confirmation first.
The shared screen's header has no controls and no « À faire » line; while someone has the floor
or waits for it, who speaks and who comes next stand large right of the instructions.

Its « Inviter » button (the trainer's toolbar, and the shared screen's top right) shows the
invitation over the window, in large type (`invitation.InvitationOverlay`): the join code, the
server's address and the « lien de connexion ». The shared screen shows it by itself during the
accueil, and whenever the trainer asks for it from their own window (the `show_invitation`
action: the shared screen is often another process, on another computer); a click on the card
hides it. The trainer's button also copies the link.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

from ilot.game.core.decide import Actor
from ilot.game.core.kinds import PhaseKind
from ilot.game.core.state import State
from ilot.game.core.views import agenda, floor_place, phase_progress, todo
from ilot.game.text import N_, Lang

from .agenda import ACCENT, MUTED, TEXT, AgendaStrip, Run, TextLine
from .fonts import font, px, wrap
from .invitation import Invitation, InvitationOverlay, copy_link, invitation_up
from .panels.fiche import fiche_open, show_fiche
from .panels.floor import first_name, minutes_since
from .panels.whoami import show_who, who_open
from .parts import Overlay
from .widgets import Form, Panel, esc


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


# what the trainer's progress line says has been done, by phase kind (views.phase_progress)
PROGRESS = {
    PhaseKind.ACCUEIL: N_("ui.progress_accueil"),
    PhaseKind.PROJETS: N_("ui.progress_projets"),
    PhaseKind.ETAT_DES_LIEUX: N_("ui.progress_etat_des_lieux"),
    PhaseKind.INTERVENTION: N_("ui.progress_intervention"),
    PhaseKind.RESSOURCES: N_("ui.progress_ressources"),
    PhaseKind.WORLD_CAFE: N_("ui.progress_world_cafe"),
    PhaseKind.PERSONNAGES: N_("ui.progress_personnages"),
    PhaseKind.ATELIERS: N_("ui.progress_ateliers"),
    PhaseKind.MISE_EN_COMMUN: N_("ui.progress_mise_en_commun"),
    PhaseKind.DELIBERATION: N_("ui.progress_deliberation"),
    PhaseKind.SCHEMA_DIRECTEUR: N_("ui.progress_schema_directeur"),
    PhaseKind.PLAN_ACTION: N_("ui.progress_plan_action"),
    PhaseKind.CONSENSUS_FINAL: N_("ui.progress_consensus_final"),
    PhaseKind.SYNTHESE: N_("ui.progress_synthese"),
}

TOOLBAR = ("prev", "next", "pause", "plus5", "floor", "console", "invite")
# their shares of the toolbar's width: the floor's button names a person (« Donner la parole :
# Camille »), « +5 minutes » and « Inviter » are short
TOOLBAR_SHARE = {"prev": 1.05, "next": 1.1, "pause": 1.0, "plus5": 0.65, "floor": 1.35,
                 "console": 1.05, "invite": 0.6}
TIMER_W = 240
FICHE_W = 150
WHO_W = 130  # « Qui est là ? »
INVITE_W = 130  # the shared screen's « Inviter » button
FLOOR_BUTTON_W = 200


def toolbar_rects(bar: pygame.Rect, gap: int = 4) -> dict[str, pygame.Rect]:
    """Each toolbar button's rectangle in `bar`, by its share of the width."""
    gap = px(gap)
    room = bar.w - gap * (len(TOOLBAR) - 1)
    total = sum(TOOLBAR_SHARE[k] for k in TOOLBAR)
    out, x = {}, bar.x
    for i, key in enumerate(TOOLBAR):
        w = bar.right - x if i == len(TOOLBAR) - 1 else int(room * TOOLBAR_SHARE[key] / total)
        out[key] = pygame.Rect(x, bar.y, w, bar.h)
        x += w + gap
    return out


@dataclass(frozen=True)
class HeaderRows:
    """Where each part of the header goes, relative to the header's own rectangle."""

    title: pygame.Rect
    timer: pygame.Rect
    fiche: pygame.Rect | None  # a participant's « Ma fiche »
    invite: pygame.Rect | None  # the shared screen's « Inviter » (the trainer's is in the toolbar)
    strip: pygame.Rect
    text: pygame.Rect  # the instructions: what is left of the height
    todo: pygame.Rect | None  # « À faire maintenant » (participant, trainer)
    floor_text: pygame.Rect | None  # the floor's state (participant, trainer)
    floor_button: pygame.Rect | None  # a participant's floor button
    progress: pygame.Rect | None  # who has done the phase's task (trainer)
    toolbar: pygame.Rect | None  # the trainer's buttons
    who: pygame.Rect | None = None  # « Qui est là ? » (participant, shared screen)


def header_rows(w: int, h: int, kind: str, floor: bool = False) -> HeaderRows:
    """`floor`: the shared screen shows who has the floor and who waits, right of the
    instructions (only while someone does: the instructions get the whole width otherwise)."""
    big = kind == "spectator"
    trainer = kind == "trainer"
    participant = kind == "participant"
    top_h = px(34 if big else 30)
    timer = pygame.Rect(w - px(TIMER_W) - px(10), px(4), px(TIMER_W), top_h)
    fiche = pygame.Rect(timer.x - px(FICHE_W) - px(8), px(4), px(FICHE_W), top_h) \
        if participant else None
    invite = pygame.Rect(timer.x - px(INVITE_W) - px(8), px(4), px(INVITE_W), px(30)) \
        if big else None
    beside = fiche or invite
    who = pygame.Rect(beside.x - px(WHO_W) - px(8), beside.y, px(WHO_W), beside.h) \
        if beside is not None else None
    title = pygame.Rect(px(10), px(4), (who or timer).x - px(18), top_h)
    y = px(4) + top_h + px(2)
    strip = pygame.Rect(px(10), y, w - px(20), px(26 if big else 22))
    y = strip.bottom + px(2)
    bottom = h - px(4)
    line = px(22)
    todo_r = floor_text = floor_button = progress = toolbar = None
    if trainer:
        toolbar = pygame.Rect(px(6), bottom - px(32), w - px(12), px(32))
        progress = pygame.Rect(px(10), toolbar.y - px(4) - line, int((w - px(20)) * 0.6), line)
        floor_text = pygame.Rect(progress.right + px(10), progress.y,
                                 w - px(10) - progress.right - px(10), line)
        todo_r = pygame.Rect(px(10), progress.y - px(2) - line, w - px(20), line)
        bottom = todo_r.y - px(2)
    elif participant:
        # a row tall enough for « À faire » on two small lines when one is not enough
        floor_button = pygame.Rect(w - px(10) - px(FLOOR_BUTTON_W), bottom - px(34),
                                   px(FLOOR_BUTTON_W), px(34))
        label_w = min(px(230), max(px(150), w // 6))
        floor_text = pygame.Rect(floor_button.x - px(8) - label_w, floor_button.y, label_w, px(34))
        todo_r = pygame.Rect(px(10), floor_button.y - px(2), floor_text.x - px(22), px(38))
        bottom = todo_r.y - px(2)
    text = pygame.Rect(px(6), y, w - px(12), max(px(24), bottom - y))
    if big and floor:
        fw = int((w - px(20)) * 0.36)
        floor_text = pygame.Rect(w - px(10) - fw, y, fw, text.h)
        text.w = floor_text.x - px(10) - text.x
    return HeaderRows(title, timer, fiche, invite, strip, text, todo_r, floor_text, floor_button,
                      progress, toolbar, who)


class Header(Panel):
    """The top of the main screen (see the module's docstring)."""

    name = "header"
    container_id = "#header"
    readonly_ok = False  # everyone sees it whole; only the trainer's has a toolbar
    title: UILabel
    timer: UILabel
    text: UITextBox
    strip: AgendaStrip
    todo: TextLine | None = None
    progress: TextLine | None = None
    floor_text: TextLine | None = None
    _title: str | None = None  # what the labels show, to change only what changed
    _timer: str | None = None
    _text: str | None = None
    _seen: object = None  # the model's version the lines were made for
    _invitation: InvitationOverlay | None = None  # made when first shown
    # what the floor button does: what it showed when it was clicked, not what the state
    # says a moment later ("ask", "withdraw", "done"; the trainer's "end:<pid>", "give:<pid>")
    floor_action: str = ""

    def confirming(self) -> bool:
        """The trainer asked to close the session and is asked to confirm."""
        return self.ctx.is_trainer and bool(self.sel.get("confirm_close")) and self.is_last()

    def is_last(self) -> bool:
        s = self.state
        return s.phase + 1 >= len(s.scenario.phases)

    def signature(self) -> object:
        # built once per viewer and size; its texts change in place (refresh)
        return (self.model.kind, self.rect.size, self.confirming(), self.floor_shown())

    def floor_shown(self) -> bool:
        """The shared screen gives the floor a place of its own while someone speaks or waits."""
        s = self.state
        return self.ctx.shared_screen and (s.speaker is not None or bool(s.floor_queue))

    def build(self, form: Form) -> None:
        ui, box = self.ctx.ui, form.container
        rows = header_rows(self.rect.w, self.rect.h, self.model.kind, self.floor_shown())
        self.rows = rows
        big = self.ctx.shared_screen
        self.title = UILabel(rows.title, "", ui, container=box, object_id="#header_title")
        self.timer = UILabel(rows.timer, "", ui, container=box, object_id="#header_timer")
        self.strip = AgendaStrip(rows.strip, ui, box, size=16 if big else 13)
        self.text = UITextBox("", rows.text, ui, container=box, object_id="#header_text")
        self.todo = TextLine(rows.todo, ui, box) if rows.todo else None
        self.progress = TextLine(rows.progress, ui, box, sizes=(14, 13, 12)) \
            if rows.progress else None
        self.floor_text = None
        if rows.floor_text is not None:
            self.floor_text = TextLine(rows.floor_text, ui, box, sizes=(20, 18, 16)) if big \
                else TextLine(rows.floor_text, ui, box, align="right", sizes=(14, 13, 12))
        self._title = self._timer = self._text = None
        self._seen = None
        self.floor_action = ""
        if rows.fiche is not None:
            form.register("fiche", UIButton(rows.fiche, self.lang.t("ui.fiche_open"), ui,
                                            container=box, object_id="#button"))
        if rows.who is not None:
            form.register("who", UIButton(rows.who, self.lang.t("ui.whoami.open"), ui,
                                          container=box, object_id="#button"))
        if rows.invite is not None:
            form.register("invite", UIButton(rows.invite, self.lang.t("ui.invite.button"), ui,
                                             container=box, object_id="#button",
                                             tool_tip_text=self.lang.t("ui.invite.button_tip")))
        if rows.floor_button is not None:
            form.register("floor", UIButton(rows.floor_button, self.lang.t("ui.floor_ask"), ui,
                                            container=box, object_id="#button"))
        if rows.toolbar is not None:
            if self.confirming():
                self.confirm_bar(form, rows.toolbar)
            else:
                self.toolbar(form, rows.toolbar)

    def toolbar(self, form: Form, rect: pygame.Rect) -> None:
        t = self.lang.t
        labels = {"prev": t("ui.phase_prev"), "next": t("ui.phase_next"),
                  "pause": t("ui.timer_pause"), "plus5": t("ui.timer_plus5"),
                  "floor": t("ui.floor_none_waiting"), "console": t("ui.console_toggle"),
                  "invite": t("ui.invite.button")}
        for key, r in toolbar_rects(rect).items():
            shown = wrap(labels[key], font(14), r.w - px(12), max_lines=1)[0]
            b = UIButton(r, shown, self.ctx.ui, container=form.container, object_id="#button",
                         tool_tip_text=labels[key] if shown != labels[key] else None)
            form.register(key, b)

    def confirm_bar(self, form: Form, rect: pygame.Rect) -> None:
        """« Clore la session ? » with its two answers, in place of the toolbar."""
        t = self.lang.t
        bw = min(px(260), rect.w // 4)
        question = TextLine(pygame.Rect(rect.x + px(4), rect.y, rect.w - 2 * bw - px(16), rect.h),
                            self.ctx.ui, form.container)
        question.show([(t("ui.close_confirm_question"), True, ACCENT)])
        ok = UIButton(pygame.Rect(rect.right - 2 * bw - px(4), rect.y, bw, rect.h),
                      t("ui.close_confirm"), self.ctx.ui, container=form.container,
                      object_id="#danger")
        form.register("close_confirm", ok)
        no = UIButton(pygame.Rect(rect.right - bw, rect.y, bw, rect.h), t("ui.cancel"),
                      self.ctx.ui, container=form.container, object_id="#button")
        form.register("close_cancel", no)

    # ----- what it shows -----
    def refresh(self, force: bool = True) -> bool:
        """The texts that changed (title, timer, instructions, agenda, « À faire », progress,
        floor, the toolbar's words); cheap when none did: it runs every second for the timer."""
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
        if self.model.version != self._seen:  # the room changed: the lines that follow it
            self._seen = self.model.version
            changed |= self.strip.show(agenda(s), lang)
            changed |= self.show_todo()
            changed |= self.show_progress()
        changed |= self.show_floor()  # also the minutes the speaker has had the floor
        changed |= self.show_buttons()
        return changed

    def show_todo(self) -> bool:
        if self.todo is None:
            return False
        m = self.model
        actor = Actor.trainer() if self.ctx.is_trainer else Actor.participant(m.me)
        code = todo(self.state, actor)
        t = self.lang.t
        return self.todo.show([(t("ui.todo_now"), True, ACCENT),
                               (" " + t(f"term.todo.{code}"), False, TEXT)] if code else [])

    def progress_runs(self) -> list[Run]:
        """« 12/18 ont posé une note — en attente : Awa, Bruno et 10 autres », the names as
        many as fit the line."""
        s, lang = self.state, self.lang
        t = lang.t
        p = phase_progress(s)
        if p.total == 0:
            return [(t("ui.progress_nobody"), False, MUTED)]
        head = t(PROGRESS[p.kind], count=lang.num(p.count), total=lang.num(p.total))
        if not p.waiting:
            return [(head, True, ACCENT), (" — " + t("ui.progress_all_done"), False, TEXT)]
        names = [first_name(s, pid) for pid in p.waiting]
        room = (self.progress.rect.w if self.progress else 600)
        f_head, f = font(13, True), font(13)
        shown = ""
        for k in range(len(names), 0, -1):
            shown = ", ".join(names[:k])
            if k < len(names):
                shown = lang.n("ui.progress_others_n", len(names) - k, names=shown)
            tail = " — " + t("ui.progress_waiting", names=shown)
            if f_head.size(head)[0] + f.size(tail)[0] <= room:
                break
        return [(head, True, ACCENT), (" — " + t("ui.progress_waiting", names=shown), False, TEXT)]

    def show_progress(self) -> bool:
        if self.progress is None:
            return False
        return self.progress.show(self.progress_runs())

    def show_floor(self) -> bool:
        """The floor's state line, and what the floor button does and says."""
        s, lang, m = self.state, self.lang, self.model
        t = lang.t
        runs: list[Run] = []
        label, action = "", ""
        if self.ctx.can_act:
            me = m.me
            place = floor_place(s, me)
            if s.speaker == me:
                runs = [(t("ui.floor_you_speak"), True, ACCENT)]
                label, action = t("ui.floor_done"), "done"
            elif place is not None:
                runs = [(t("ui.floor_place", place=lang.num(place),
                           total=lang.num(len(s.floor_queue))), True, ACCENT)]
                label, action = t("ui.floor_withdraw"), "withdraw"
            else:
                if s.speaker is not None:
                    runs = [(t("ui.floor_speaks", name=first_name(s, s.speaker)), False, MUTED)]
                label, action = t("ui.floor_ask"), "ask"
        elif self.ctx.is_trainer:
            waiting = [first_name(s, r.participant) for r in s.floor_queue]
            if s.speaker is not None:
                runs = [(t("ui.floor_speaks_since", name=first_name(s, s.speaker),
                           minutes=lang.num(minutes_since(s.speaker_since))), True, ACCENT)]
                if waiting:
                    runs.append((" · " + lang.n("ui.waiting_n", len(waiting)), False, TEXT))
                label = t("ui.floor_end_turn_of", name=first_name(s, s.speaker))
                action = f"end:{s.speaker}"
            elif waiting:
                runs = [(lang.n("ui.floor_asking_n", len(waiting), names=", ".join(waiting)),
                         True, ACCENT)]
                first = s.floor_queue[0].participant
                label, action = t("ui.floor_give_to", name=waiting[0]), f"give:{first}"
            else:
                runs = [(t("ui.floor_nobody"), False, MUTED)]
                label, action = t("ui.floor_none_waiting"), ""
        else:  # the shared screen: who speaks, large, and who comes next
            if s.speaker is not None:
                runs = [(t("ui.floor_card_speaker") + " ", False, MUTED),
                        (m.name_of(s.speaker), True, ACCENT)]
            if s.floor_queue:
                names = [t("ui.floor_card_place", place=lang.num(i), name=first_name(s, r.participant))
                         for i, r in enumerate(s.floor_queue, 1)]
                text = t("ui.floor_card_next", names=", ".join(names[:6]))
                if len(names) > 6:
                    text += " " + lang.n("ui.floor_more_n", len(names) - 6)
                runs.append(((" · " if runs else "") + text, False, TEXT))
        changed = self.floor_text.show(runs) if self.floor_text is not None else False
        button = self.widgets.get("floor")
        if isinstance(button, UIButton):
            shown = wrap(label, font(14), button.rect.w - px(12), max_lines=1)[0]
            if shown != button.text:
                button.set_text(shown)
                button.set_tooltip(label if shown != label else None)
                changed = True
            if action != self.floor_action:
                self.floor_action = action
                if self.ctx.can_act:  # the speaker's « J'ai terminé » stands out
                    button.change_object_id("#selected" if action == "done" else "#button")
                if action:
                    button.enable()
                else:
                    button.disable()
                changed = True
        return changed

    def show_buttons(self) -> bool:
        """The words of the buttons that depend on the state (timer, console, last phase,
        « Ma fiche »)."""
        s, t = self.state, self.lang.t
        changed = False
        labels: dict[str, str] = {}
        if self.ctx.is_trainer:
            labels["pause"] = (t("ui.timer_resume") if s.timer_paused_left is not None
                               else t("ui.timer_start") if s.timer_ends_at is None
                               else t("ui.timer_pause"))
            labels["console"] = t("ui.console_back") if self.ctx.console_open \
                else t("ui.console_toggle")
            labels["next"] = t("ui.close_session") if self.is_last() else t("ui.phase_next")
        opened = fiche_open(self.ctx)
        if self.ctx.can_act:
            labels["fiche"] = t("ui.fiche_back") if opened else t("ui.fiche_open")
        who = who_open(self.ctx)
        labels["who"] = t("ui.fiche_back") if who else t("ui.whoami.open")
        for key, label in labels.items():
            button = self.widgets.get(key)
            if isinstance(button, UIButton):
                shown = wrap(label, font(14), button.rect.w - px(12), max_lines=1)[0]
                if button.text != shown:
                    button.set_text(shown)
                    button.set_tooltip(label if shown != label else None)
                    if key in ("fiche", "who"):
                        button.change_object_id("#selected" if (opened if key == "fiche"
                                                                 else who) else "#button")
                    changed = True
        return changed

    # ----- input -----
    def on_button(self, key: str) -> None:
        s = self.state
        if key == "prev" and s.phase > 0:
            self.act({"type": "set_phase", "phase": s.phase - 1})
        elif key == "next" and self.is_last():
            self.sel["confirm_close"] = True  # the window rebuilds the header: a confirmation
        elif key == "next":
            self.act({"type": "set_phase", "phase": s.phase + 1})
        elif key == "close_confirm":
            self.sel["confirm_close"] = False
            self.act({"type": "close_session"})
        elif key == "close_cancel":
            self.sel["confirm_close"] = False
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
        elif key == "fiche":
            show_fiche(self.ctx, not fiche_open(self.ctx))  # the window swaps the side panel
            show_who(self.ctx, False)
        elif key == "who":
            show_who(self.ctx, not who_open(self.ctx))
            show_fiche(self.ctx, False)
        elif key == "floor":
            self.floor()
        elif key == "invite":
            self.show_invitation(not self.invitation_shown())
            invitation = Invitation.of(self.model)
            if self.ctx.is_trainer and invitation is not None and self.invitation_shown():
                copy_link(self.ctx, invitation)

    def floor(self) -> None:
        """The floor button: what it said when it was clicked."""
        action = self.floor_action
        if action == "ask":
            self.act({"type": "ask_floor"})
        elif action == "withdraw":
            self.act({"type": "withdraw_floor"})
        elif action == "done" or action.startswith("end:"):
            self.act({"type": "end_turn"})
        elif action.startswith("give:"):
            self.act({"type": "give_floor", "participant": action[5:]})

    # ----- the invitation, in large type -----
    def invitation_shown(self) -> bool:
        """On the shared screen and the trainer's window (`invitation.invitation_up`)."""
        return invitation_up(self.ctx)

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
