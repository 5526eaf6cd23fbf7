"""Where each action's rule and each event's evolver is registered.

A rule says who may do the action (participant, trainer), in which phase kinds a participant may
do it (the trainer steers and is not bound by phases), and whether it needs a chosen persona. Its
function checks the state and emits (type, data) pairs; `decide` turns them into events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..rejections import Rejection
from ..state import State

PARTICIPANT = "participant"
TRAINER = "trainer"
SPECTATOR = "spectator"
NEWCOMER = "newcomer"


@dataclass(frozen=True, slots=True)
class Actor:
    kind: str  # participant | trainer | spectator | newcomer
    id: str

    @classmethod
    def trainer(cls) -> "Actor":
        return cls(TRAINER, "trainer")

    @classmethod
    def newcomer(cls) -> "Actor":
        return cls(NEWCOMER, "")

    @classmethod
    def participant(cls, pid: str) -> "Actor":
        return cls(PARTICIPANT, pid)

    @classmethod
    def spectator(cls, sid: str = "spectator") -> "Actor":
        return cls(SPECTATOR, sid)


@dataclass(slots=True)
class Ctx:
    """What a rule function sees: the state (read only), who acts, the action and the time."""

    state: State
    actor: Actor
    action: Any
    now: float
    out: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def is_trainer(self) -> bool:
        return self.actor.kind == TRAINER

    def emit(self, type: str, data: dict) -> None:
        self.out.append((type, data))

    def new_id(self, prefix: str) -> str:
        """Ids come from the sequence number the next event will get: deterministic on replay."""
        return f"{prefix}{self.state.seq + len(self.out) + 1}"

    def require(self, ok: object, code: str, detail: str = "") -> None:
        if not ok:
            raise Rejection(code, detail)

    def may_edit(self, author: str) -> bool:
        return self.is_trainer or author == self.actor.id


@dataclass(frozen=True, slots=True)
class Rule:
    who: frozenset[str]
    phases: frozenset[str] | None
    needs_persona: bool
    fn: Callable[[Ctx], None]


RULES: dict[str, Rule] = {}
EVOLVERS: dict[str, Callable[[State, Any], None]] = {}


def rule(action_type: str, *, who: tuple[str, ...] = (PARTICIPANT,),
         phases: tuple[str, ...] | None = None, needs_persona: bool = True):
    def register(fn: Callable[[Ctx], None]) -> Callable[[Ctx], None]:
        assert action_type not in RULES, action_type
        RULES[action_type] = Rule(frozenset(who), frozenset(phases) if phases else None,
                                  needs_persona, fn)
        return fn
    return register


def evolver(event_type: str):
    def register(fn: Callable[[State, Any], None]) -> Callable[[State, Any], None]:
        assert event_type not in EVOLVERS, event_type
        EVOLVERS[event_type] = fn
        return fn
    return register
