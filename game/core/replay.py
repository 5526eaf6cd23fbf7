"""Rebuild a state from its log, and fingerprint it.

`replay(scenario, events)` folds `evolve` over the events from a fresh state: the same log always
gives the same state, which `state_hash` makes checkable (golden logs, crash recovery, debrief).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from .events import Event
from .evolve import evolve
from .scenario import Scenario
from .state import State, new_state


def replay(scenario: Scenario, events: Iterable[Event[Any] | dict[str, Any]],
           state: State | None = None) -> State:
    """Apply `events` in order to `state` (a fresh one when None) and return it. Event maps (as
    on disk or on the wire) are read with `Event.from_dict`, which upcasts old versions; the
    events must follow each other from `state.seq + 1` (`evolve.OutOfSequence` otherwise)."""
    s = new_state(scenario) if state is None else state
    from_dict = Event.from_dict
    for e in events:
        evolve(s, from_dict(e) if isinstance(e, dict) else e)
    return s


def state_hash(state: State) -> str:
    """A fingerprint of the whole state (`State.to_dict(for_hash=True)`: fields added since the
    first log format count only once they leave their default, so old logs keep their hash)."""
    text = json.dumps(state.to_dict(for_hash=True), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scenario_hash(scenario: Scenario) -> str:
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
