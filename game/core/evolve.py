"""`evolve(state, event)`: the only function that changes the state.

Events apply one after the other: an event whose `seq` is not the state's next one (a gap, a
repeat, an old event after a snapshot) is refused with `OutOfSequence`, never applied. A caller
that may receive events twice or miss some (a client's mirror, a viewer of a log) skips those
already applied (`seq <= state.seq`) and, on a gap, gets a fresh snapshot first.
"""

from __future__ import annotations

from typing import Any

from .events import Event, UnknownEvent
from .rules import EVOLVERS
from .state import State


class OutOfSequence(ValueError):
    """An event that is not the next one for this state (`state.seq + 1`)."""

    def __init__(self, state_seq: int, event: Event[Any]):
        self.expected = state_seq + 1
        self.seq = event.seq
        kind = "already applied" if event.seq <= state_seq else "a gap"
        super().__init__(f"event #{event.seq} ({event.type}) cannot follow #{state_seq}: "
                         f"{kind}, #{self.expected} expected")


def evolve(state: State, event: Event[Any]) -> State:
    if event.seq != state.seq + 1:
        raise OutOfSequence(state.seq, event)
    fn = EVOLVERS.get(type(event.payload))
    if fn is None:
        raise UnknownEvent(f"no evolver for {event.type!r}")
    fn(state, event)
    state.seq = event.seq
    if event.aid and event.by:
        state.seen.add((event.by, event.aid))
    return state
