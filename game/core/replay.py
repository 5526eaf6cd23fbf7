"""Rebuild a state from its log, and fingerprint it.

`replay(scenario, events)` folds `evolve` over the events from a fresh state: the same log always
gives the same state, which `state_hash` makes checkable (golden logs, crash recovery, debrief).
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterable

from .events import CURRENT_VERSIONS, Event, upcast
from .evolve import evolve
from .scenario import Scenario
from .state import State, new_state


def replay(scenario: Scenario, events: Iterable[Event | dict], state: State | None = None) -> State:
    """Apply `events` in order to `state` (a fresh one when None) and return it."""
    s = new_state(scenario) if state is None else state
    current = CURRENT_VERSIONS
    from_dict = Event.from_dict
    for e in events:
        if isinstance(e, dict):
            e = from_dict(e)
        elif e.v != current.get(e.type):
            e = upcast(e)
        evolve(s, e)
    return s


def state_hash(state: State) -> str:
    text = json.dumps(state.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scenario_hash(scenario: Scenario) -> str:
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
