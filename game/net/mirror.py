"""A client's copy of a room: a real core `State` loaded from a welcome and advanced by events.

Clients never guess: they apply the events the server sends with the same `evolve`, in
sequence; after a gap they wait for a snapshot (`Mirror.stale`; the client's network thread
asks for one, see game/client/net.py).
"""

from __future__ import annotations

from typing import Any

from ilot.game.core.events import Event
from ilot.game.core.evolve import evolve
from ilot.game.core.scenario import Scenario
from ilot.game.core.state import State, state_from_dict

from . import protocol


class Mirror:
    """The room's state as this client knows it. Events apply strictly in sequence: a repeat is
    skipped, and after a gap (events missed) the mirror is `stale` and applies nothing more until
    a snapshot replaces its state (`rejoined` with a state): its owner asks for one."""

    def __init__(self, welcome: dict[str, Any]):
        welcome = protocol.inflate_welcome(welcome)
        self.room: str = welcome["room"]
        self.you: dict[str, Any] = welcome["you"]
        self.scenario = Scenario.model_validate(welcome["scenario"])
        self.state: State = state_from_dict(self.scenario, welcome["state"])
        self.me: dict[str, Any] = welcome["state"].get("me", {})
        self.gap: tuple[int, int] | None = None  # (seq expected, seq received) once stale

    @property
    def seq(self) -> int:
        return self.state.seq

    @property
    def stale(self) -> bool:
        """Events were missed: the state is behind and stays so until a snapshot arrives."""
        return self.gap is not None

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
            self.gap = None
        else:
            self.apply(welcome.get("events", []))

    def apply(self, events: list[dict[str, Any]]) -> list[Event[Any]]:
        """Apply event maps in order and return those applied. An event already applied
        (seq ≤ current: sent twice, or already in the snapshot) is skipped; one beyond the next
        seq means events were missed: it and everything after it is left out, and the mirror is
        `stale` until a snapshot comes."""
        out: list[Event[Any]] = []
        if self.gap is not None:
            return out
        for d in events:
            seq = d["seq"]
            if seq <= self.state.seq:
                continue
            if seq != self.state.seq + 1:
                self.gap = (self.state.seq + 1, seq)
                break
            e = Event.from_dict(d)
            evolve(self.state, e)
            out.append(e)
        return out
