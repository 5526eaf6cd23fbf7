"""Session-wide facts and the trainer's steering: opening, phases, timer, lock, closing.

Closing (`close_session`, any phase, though the client offers it at the synthèse) ends the
current turn of speech and empties the queue of requests for the floor (as events of their
own, before `session_closed`), then makes the room read-only: `decide` refuses every action
with `session_closed` except joining and `reopen_session`, which undoes it (a trainer's mistake
must not be final). Views and the debrief are unchanged by a close.
"""

from __future__ import annotations

from ..actions import CloseSession, ReopenSession, SetLock, SetPhase, SetTimer, ShowInvitation
from ..events import (
    Event,
    FloorCleared,
    InvitationShown,
    LockSet,
    PhaseChanged,
    SessionClosed,
    SessionOpened,
    SessionReopened,
    TimerSet,
    TurnEnded,
)
from ..scenario import Scenario
from ..state import State
from .characters import reopen_if_first
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()


def open_session(scenario: Scenario, seed: int | None, now: float) -> Event[SessionOpened]:
    """The first event of every log: which scenario, which seed."""
    return Event(1, now, "", SessionOpened(scenario.id, scenario.seed if seed is None else seed))


@ruleset.evolver(SessionOpened)
def _opened(s: State, e: Event[SessionOpened]) -> None:
    s.seed = e.payload.seed if e.payload.seed is not None else 0  # early clients got no seed
    s.created_at = e.t
    s.phase_started_at = e.t


@ruleset.rule(SetPhase, who=(TRAINER,))
def set_phase(c: Ctx[SetPhase]) -> None:
    phases = c.state.scenario.phases
    c.require(0 <= c.action.phase < len(phases), "bad_phase")
    minutes = phases[c.action.phase].minutes
    c.emit(PhaseChanged(c.action.phase, c.now + minutes * 60))
    reopened = reopen_if_first(c.state, c.action.phase)  # a new choice of characters
    if reopened is not None:
        c.emit(reopened)


@ruleset.evolver(PhaseChanged)
def _phase(s: State, e: Event[PhaseChanged]) -> None:
    s.phase = e.payload.phase
    s.phase_started_at = e.t
    s.timer_ends_at = e.payload.timer_ends_at
    s.timer_paused_left = None


@ruleset.rule(SetTimer, who=(TRAINER,))
def set_timer(c: Ctx[SetTimer]) -> None:
    secs = c.action.seconds
    if secs is None:
        c.emit(TimerSet(ends_at=None, paused_left=None))
    elif c.action.paused:
        c.emit(TimerSet(ends_at=None, paused_left=secs))
    else:
        c.emit(TimerSet(ends_at=c.now + secs, paused_left=None))


@ruleset.evolver(TimerSet)
def _timer(s: State, e: Event[TimerSet]) -> None:
    s.timer_ends_at = e.payload.ends_at
    s.timer_paused_left = e.payload.paused_left


@ruleset.rule(SetLock, who=(TRAINER,))
def set_lock(c: Ctx[SetLock]) -> None:
    c.emit(LockSet(c.action.locked))


@ruleset.evolver(LockSet)
def _lock(s: State, e: Event[LockSet]) -> None:
    s.locked = e.payload.locked


@ruleset.rule(CloseSession, who=(TRAINER,))
def close_session(c: Ctx[CloseSession]) -> None:
    s = c.state
    if s.speaker is not None:
        c.emit(TurnEnded(s.speaker))
    if s.floor_queue:
        c.emit(FloorCleared([r.participant for r in s.floor_queue]))
    c.emit(SessionClosed())


@ruleset.evolver(SessionClosed)
def _closed(s: State, e: Event[SessionClosed]) -> None:
    s.closed_at = e.t


@ruleset.rule(ReopenSession, who=(TRAINER,), when_closed=True)
def reopen_session(c: Ctx[ReopenSession]) -> None:
    c.require(c.state.closed_at is not None, "not_closed")
    c.emit(SessionReopened())


@ruleset.evolver(SessionReopened)
def _reopened(s: State, e: Event[SessionReopened]) -> None:
    s.closed_at = None


@ruleset.rule(ShowInvitation, who=(TRAINER,), when_closed=True)
def show_invitation(c: Ctx[ShowInvitation]) -> None:
    c.emit(InvitationShown(c.action.shown))


@ruleset.evolver(InvitationShown)
def _invitation(s: State, e: Event[InvitationShown]) -> None:
    s.invitation = e.payload.shown
