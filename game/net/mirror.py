"""A client's copy of a room: a real core `State` loaded from a welcome and advanced by events.

Clients never guess: they apply the events the server sends with the same `evolve`.
"""

from __future__ import annotations

from typing import Any

from ilot.game.core.events import Event
from ilot.game.core.evolve import evolve
from ilot.game.core.scenario import Scenario
from ilot.game.core.state import State, state_from_dict

from . import protocol


class Mirror:
    def __init__(self, welcome: dict[str, Any]):
        welcome = protocol.inflate_welcome(welcome)
        self.room: str = welcome["room"]
        self.you: dict[str, Any] = welcome["you"]
        self.scenario = Scenario.model_validate(welcome["scenario"])
        self.state: State = state_from_dict(self.scenario, welcome["state"])
        self.me: dict[str, Any] = welcome["state"].get("me", {})

    @property
    def seq(self) -> int:
        return self.state.seq

    def rejoined(self, welcome: dict[str, Any]) -> None:
        """Apply a rejoin welcome: either missed events or a fresh snapshot."""
        welcome = protocol.inflate_welcome(welcome)
        if "state" in welcome:
            scenario = self.scenario
            if "scenario" in welcome:
                scenario = Scenario.model_validate(welcome["scenario"])
            self.scenario = scenario
            self.state = state_from_dict(scenario, welcome["state"])
            self.me = welcome["state"].get("me", self.me)
        else:
            self.apply(welcome.get("events", []))

    def apply(self, events: list[dict[str, Any]]) -> list[Event]:
        """Apply event maps in order; those already applied (seq ≤ current) are skipped."""
        out = []
        for d in events:
            if d["seq"] <= self.state.seq:
                continue
            e = Event.from_dict(d)
            evolve(self.state, e)
            out.append(e)
        return out
