"""`evolve(state, event)`: the only function that changes the state."""

from __future__ import annotations

from . import rules as _rules  # noqa: F401  (registers every evolver)
from .events import Event, UnknownEvent
from .rules.registry import EVOLVERS
from .state import State


def evolve(state: State, event: Event) -> State:
    fn = EVOLVERS.get(event.type)
    if fn is None:
        raise UnknownEvent(f"no evolver for {event.type!r}")
    fn(state, event)
    state.seq = event.seq
    if event.aid and event.by:
        state.seen.add((event.by, event.aid))
    return state
