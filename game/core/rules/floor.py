"""The floor (demandes de parole): a queue of participants asking to speak, and the speaker.

On a video call people cannot all talk at once: a participant asks for the floor (« Je demande
la parole ») and joins the end of the queue; they may take the request back. The trainer gives
the floor (to the first of the queue, or to anyone), ends a turn, or empties the queue; the
speaker may also end their own turn. Asking is allowed in every phase and even while the
trainer has locked the session (`lock_free`): that is when people most need to ask. Everybody
sees the queue and the speaker (nothing here is private).

A participant is at most once in the queue, and never while they have the floor. Giving the
floor to someone while another speaks ends the other's turn first (`turn_ended`, then
`floor_given`), so each turn has a start and an end in the log.
"""

from __future__ import annotations

from ..actions import AskFloor, ClearFloor, EndTurn, GiveFloor, WithdrawFloor
from ..events import Event, FloorAsked, FloorCleared, FloorGiven, FloorWithdrawn, TurnEnded
from ..state import FloorRequest, State
from .registry import PARTICIPANT, TRAINER, Ctx, RuleSet

ruleset = RuleSet()


@ruleset.rule(AskFloor, needs_persona=False, lock_free=True)
def ask_floor(c: Ctx[AskFloor]) -> None:
    pid = c.actor.id
    c.require(c.state.speaker != pid, "already_speaking")
    c.require(not c.state.in_queue(pid), "already_asked")
    c.emit(FloorAsked(pid))


@ruleset.evolver(FloorAsked)
def _asked(s: State, e: Event[FloorAsked]) -> None:
    s.floor_queue.append(FloorRequest(e.payload.participant, e.t))


@ruleset.rule(WithdrawFloor, needs_persona=False, lock_free=True)
def withdraw_floor(c: Ctx[WithdrawFloor]) -> None:
    c.require(c.state.in_queue(c.actor.id), "not_in_queue")
    c.emit(FloorWithdrawn(c.actor.id))


def _leave_queue(s: State, pid: str) -> None:
    s.floor_queue = [r for r in s.floor_queue if r.participant != pid]


@ruleset.evolver(FloorWithdrawn)
def _withdrawn(s: State, e: Event[FloorWithdrawn]) -> None:
    _leave_queue(s, e.payload.participant)


@ruleset.rule(GiveFloor, who=(TRAINER,))
def give_floor(c: Ctx[GiveFloor]) -> None:
    s = c.state
    pid = c.action.participant
    if pid is None:
        c.require(s.floor_queue, "floor_empty")
        pid = s.floor_queue[0].participant
    c.require(pid in s.participants, "unknown_participant", pid)
    c.require(s.speaker != pid, "already_speaking")
    if s.speaker is not None:
        c.emit(TurnEnded(s.speaker))
    c.emit(FloorGiven(pid))


@ruleset.evolver(FloorGiven)
def _given(s: State, e: Event[FloorGiven]) -> None:
    _leave_queue(s, e.payload.participant)
    s.speaker = e.payload.participant
    s.speaker_since = e.t


@ruleset.rule(EndTurn, who=(PARTICIPANT, TRAINER), needs_persona=False, lock_free=True)
def end_turn(c: Ctx[EndTurn]) -> None:
    speaker = c.state.speaker
    if c.is_trainer:
        speaker = c.need(speaker, "no_speaker")
    else:
        c.require(speaker == c.actor.id, "not_speaker")
    assert speaker is not None
    c.emit(TurnEnded(speaker))


@ruleset.evolver(TurnEnded)
def _turn_ended(s: State, e: Event[TurnEnded]) -> None:
    if s.speaker == e.payload.participant:
        s.speaker = None
        s.speaker_since = None


@ruleset.rule(ClearFloor, who=(TRAINER,))
def clear_floor(c: Ctx[ClearFloor]) -> None:
    c.require(c.state.floor_queue, "floor_empty")
    c.emit(FloorCleared([r.participant for r in c.state.floor_queue]))


@ruleset.evolver(FloorCleared)
def _cleared(s: State, e: Event[FloorCleared]) -> None:
    gone = set(e.payload.participants)
    s.floor_queue = [r for r in s.floor_queue if r.participant not in gone]
