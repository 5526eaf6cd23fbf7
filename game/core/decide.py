"""`decide(state, actor, action, now)`: the events an action causes, or a Rejection.

Checks run in a fixed order, so the same bad action always gets the same answer:
action known → actor known → (already done? then nothing) → role → phase and lock → state.
`decide` never changes the state; `evolve` does, one event at a time.
"""

from __future__ import annotations

from . import rules as _rules  # noqa: F401  (registers every rule)
from .actions import A, parse_action
from .events import Event
from .rejections import Rejection
from .rules.registry import NEWCOMER, PARTICIPANT, RULES, SPECTATOR, TRAINER, Actor, Ctx
from .state import State

__all__ = ["Actor", "decide"]


def decide(state: State, actor: Actor, action: A | dict, now: float) -> list[Event]:
    # 1. action known (and well formed)
    if not isinstance(action, A):
        action = parse_action(action)
    rule = RULES.get(action.type)  # type: ignore[attr-defined]
    if rule is None:
        raise Rejection("unknown_action", detail=str(action.type))  # type: ignore[attr-defined]
    # 2. actor known
    if action.type == "join":  # type: ignore[attr-defined]
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
    if action.type != "join":  # type: ignore[attr-defined]
        if actor.kind == SPECTATOR:
            raise Rejection("spectator")
        if actor.kind not in rule.who:
            raise Rejection("trainer_only" if rule.who == {TRAINER} else "forbidden_role")
        if actor.kind == PARTICIPANT and rule.needs_persona \
                and state.participants[actor.id].persona is None:
            raise Rejection("no_persona")
    # 4. phase and lock (the trainer steers and is bound by neither)
    if actor.kind != TRAINER:
        if rule.phases is not None and state.phase_kind not in rule.phases:
            raise Rejection("wrong_phase")
        if state.locked and action.type not in ("join", "rename"):  # type: ignore[attr-defined]
            raise Rejection("locked")
    # 5. state
    ctx = Ctx(state, actor, action, now)
    rule.fn(ctx)
    seq = state.seq
    by = actor.id or (ctx.out[0][1].get("participant", "") if ctx.out else "")
    return [Event(seq + i + 1, now, by, type, data, action.id) for i, (type, data) in enumerate(ctx.out)]
