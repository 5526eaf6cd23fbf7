"""`decide(state, actor, action, now)`: the events an action causes, or a Rejection.

Checks run in a fixed order, so the same bad action always gets the same answer:
action known → actor known → (already done? then nothing) → role → session closed → persona →
phase and lock → state. Once the trainer has closed the session every action is refused with
`session_closed` (the room is read-only), except joining (a late joiner sees the closing
screen) and the trainer's `reopen_session`.
The rule is looked up by the action's class and receives a `Ctx` typed by it.
`decide` never changes the state; `evolve` does, one event at a time.
"""

from __future__ import annotations

from typing import Any

from .actions import A, Join, action_type, parse_action
from .events import Event, ParticipantJoined, Payload
from .rejections import Rejection
from .rules import RULES
from .rules.registry import NEWCOMER, PARTICIPANT, SPECTATOR, TRAINER, Actor, Ctx
from .state import State

__all__ = ["RULES", "Actor", "decide"]


def decide(state: State, actor: Actor, action: A | dict[str, Any],
           now: float) -> list[Event[Payload]]:
    # 1. action known (and well formed)
    if not isinstance(action, A):
        action = parse_action(action)
    rule = RULES.get(type(action))
    if rule is None:
        raise Rejection("unknown_action", detail=action_type(type(action)))
    joining = isinstance(action, Join)
    # 2. actor known
    if joining:
        if actor.kind != NEWCOMER:
            raise Rejection("already_joined" if actor.kind == PARTICIPANT else "forbidden_role")
    elif actor.kind == PARTICIPANT:
        if actor.id not in state.participants:
            raise Rejection("unknown_actor")
    elif actor.kind not in (TRAINER, SPECTATOR):
        raise Rejection("unknown_actor")
    # the same client action id twice has no second effect
    if actor.id and (actor.id, action.id) in state.seen:
        return []
    # 3. role
    if not joining:
        if actor.kind == SPECTATOR:
            raise Rejection("spectator")
        if actor.kind not in rule.who:
            raise Rejection("trainer_only" if rule.who == {TRAINER} else "forbidden_role")
    # 4. a closed session is read-only, for the trainer too (who may reopen it)
    if state.closed_at is not None and not rule.when_closed:
        raise Rejection("session_closed")
    # 5. persona
    if actor.kind == PARTICIPANT and rule.needs_persona \
            and state.participants[actor.id].persona is None:
        raise Rejection("no_persona")
    # 6. phase and lock (the trainer steers and is bound by neither)
    if actor.kind != TRAINER:
        if rule.phases is not None and state.phase_kind not in rule.phases:
            raise Rejection("wrong_phase")
        if state.locked and not rule.lock_free:
            raise Rejection("locked")
    # 7. state
    ctx = Ctx(state, actor, action, now)
    rule.fn(ctx)
    out = ctx.out
    by = actor.id
    if not by and out and isinstance(out[0], ParticipantJoined):  # a newcomer: who it became
        by = out[0].participant
    seq = state.seq
    return [Event(seq + i + 1, now, by, payload, action.id) for i, payload in enumerate(out)]
