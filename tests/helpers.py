"""Test helpers shared by every test directory: a small driver for the pure game core.

`Session` holds a real `State` and applies actions exactly as the server does:
`decide` → `evolve` for each event, keeping the log so tests can replay it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ilot.game.core import Actor, Event, Rejection, decide, evolve, new_state, open_session, state_hash
from ilot.game.core.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
RICH_FILE = SCENARIOS / "ilot_des_tilleuls.json"
SHORT_FILE = SCENARIOS / "petit_ilot.json"
# the short scenario with a friche of capacity 3 (three parts), caves in the basement, a roof
PARTS_FILE = ROOT / "tests" / "data" / "parts_and_levels.json"

TRAINER = Actor.trainer()
SPECTATOR = Actor.spectator()
NEWCOMER = Actor.newcomer()


def as_actor(who: Actor | str) -> Actor:
    """'trainer', 'spectator', 'newcomer' or a participant id → an Actor."""
    if isinstance(who, Actor):
        return who
    return {"trainer": TRAINER, "spectator": SPECTATOR, "newcomer": NEWCOMER}.get(
        who, Actor.participant(who))


class Session:
    """A live session in memory: `act` decides and evolves, `events` is the full log."""

    def __init__(self, scenario: Scenario, seed: int | None = None, now: float = 1000.0):
        self.scenario = scenario
        self.state = new_state(scenario)
        self.events: list[Event] = []
        self.now = now
        self._aid = 0
        self._apply([open_session(scenario, seed, now)])

    def _apply(self, events: list[Event]) -> list[Event]:
        for e in events:
            evolve(self.state, e)
        self.events.extend(events)
        return events

    def next_aid(self) -> str:
        self._aid += 1
        return f"a{self._aid}"

    def act(self, actor: Actor | str, action: dict[str, Any], now: float | None = None) -> list[Event]:
        """Apply one action (a client action id is added when missing); return its events."""
        if now is None:
            self.now += 1.0
            now = self.now
        action = dict(action)
        action.setdefault("id", self.next_aid())
        return self._apply(decide(self.state, as_actor(actor), action, now))

    def reject(self, actor: Actor | str, action: dict[str, Any]) -> str:
        """Assert the action is refused and leaves the state untouched; return the code."""
        before = state_hash(self.state)
        try:
            events = self.act(actor, action)
        except Rejection as exc:
            assert state_hash(self.state) == before, "a rejected action changed the state"
            return exc.code
        raise AssertionError(f"expected a rejection, got {events!r}")

    def trainer(self, action: dict[str, Any]) -> list[Event]:
        return self.act(TRAINER, action)

    def join(self, name: str, persona: str | None = None) -> str:
        """Join as a newcomer (and choose `persona` if given); return the participant id."""
        phase = self.state.phase
        (event,) = self.act(NEWCOMER, {"type": "join", "name": name})
        pid = event.data["participant"]
        if persona is not None:
            self.act(pid, {"type": "choose_persona", "persona": persona})
        assert self.state.phase == phase
        return pid

    def phase_index(self, kind: str) -> int:
        for i, p in enumerate(self.scenario.phases):
            if p.kind == kind:
                return i
        raise KeyError(f"no phase of kind {kind!r} in {self.scenario.id}")

    def goto(self, kind: str) -> None:
        """The trainer moves the session to the first phase of this kind."""
        self.trainer({"type": "set_phase", "phase": self.phase_index(kind)})
        assert self.state.phase_kind == kind

    def hash(self) -> str:
        return state_hash(self.state)
