"""What a rule and an evolver are, and how a module of rules declares them.

A rule says which action class it handles, who may do the action (participant, trainer), in
which phase kinds a participant may do it (the trainer steers and is not bound by phases),
whether it needs a chosen persona, whether a participant may do it while the trainer has locked
the session (`lock_free`), and whether anyone may do it once the session is closed
(`when_closed`: joining, reopening, showing the invitation). Its function receives a `Ctx` typed by that action class,
checks the state and emits typed payloads; `decide` turns them into events. An evolver applies
one payload class to the state.

Each module of rules declares its own in a `RuleSet` (`ruleset = RuleSet()`, then
`@ruleset.rule(...)` and `@ruleset.evolver(...)`); `rules/__init__.py` lists the modules and
builds the tables (`build`), refusing a second rule for one action or evolver for one event.
Nothing registers itself anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, NoReturn, TypeVar

from ..actions import A
from ..events import Event, Payload
from ..kinds import ActorKind, PhaseKind
from ..rejections import Rejection, RejectionCode
from ..state import State

# The actor kinds under their old names (the server and the tests use them).
PARTICIPANT = ActorKind.PARTICIPANT
TRAINER = ActorKind.TRAINER
SPECTATOR = ActorKind.SPECTATOR
NEWCOMER = ActorKind.NEWCOMER

AT = TypeVar("AT", bound=A)
PT = TypeVar("PT", bound=Payload)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    id: str

    @classmethod
    def trainer(cls) -> Actor:
        return cls(TRAINER, "trainer")

    @classmethod
    def newcomer(cls) -> Actor:
        return cls(NEWCOMER, "")

    @classmethod
    def participant(cls, pid: str) -> Actor:
        return cls(PARTICIPANT, pid)

    @classmethod
    def spectator(cls, sid: str = "spectator") -> Actor:
        return cls(SPECTATOR, sid)


@dataclass(slots=True)
class Ctx(Generic[AT]):
    """What a rule function sees: the state (read only), who acts, the action and the time."""

    state: State
    actor: Actor
    action: AT
    now: float
    out: list[Payload] = field(default_factory=list)

    @property
    def is_trainer(self) -> bool:
        return self.actor.kind == TRAINER

    def emit(self, payload: Payload) -> None:
        self.out.append(payload)

    def new_id(self, prefix: str) -> str:
        """Ids come from the sequence number the next event will get: deterministic on replay."""
        return f"{prefix}{self.state.seq + len(self.out) + 1}"

    def require(self, ok: object, code: RejectionCode | str, detail: str = "") -> None:
        if not ok:
            raise Rejection(code, detail)

    def refuse(self, code: RejectionCode | str, detail: str = "") -> NoReturn:
        raise Rejection(code, detail)

    def need(self, value: T | None, code: RejectionCode | str, detail: str = "") -> T:
        """`value` when it is there (not None), else a Rejection with `code`."""
        if value is None:
            raise Rejection(code, detail)
        return value

    def may_edit(self, author: str) -> bool:
        return self.is_trainer or author == self.actor.id


RuleFn = Callable[[Ctx[AT]], None]
Evolver = Callable[[State, Event[PT]], None]


@dataclass(frozen=True, slots=True)
class Rule(Generic[AT]):
    action: type[AT]
    fn: Callable[[Ctx[AT]], None]
    who: frozenset[ActorKind]
    phases: frozenset[PhaseKind] | None
    needs_persona: bool
    lock_free: bool = False
    when_closed: bool = False


class RuleSet:
    """The rules and evolvers one module of rules declares."""

    def __init__(self) -> None:
        self.rules: list[Rule[Any]] = []
        self.evolvers: list[tuple[type[Payload], Evolver[Any]]] = []

    def rule(self, action: type[AT], *, who: tuple[ActorKind, ...] = (PARTICIPANT,),
             phases: tuple[PhaseKind, ...] | None = None, needs_persona: bool = True,
             lock_free: bool = False, when_closed: bool = False
             ) -> Callable[[RuleFn[AT]], RuleFn[AT]]:
        def declare(fn: RuleFn[AT]) -> RuleFn[AT]:
            self.rules.append(Rule(action, fn, frozenset(who),
                                   frozenset(phases) if phases else None, needs_persona,
                                   lock_free, when_closed))
            return fn
        return declare

    def evolver(self, payload: type[PT]) -> Callable[[Evolver[PT]], Evolver[PT]]:
        def declare(fn: Evolver[PT]) -> Evolver[PT]:
            self.evolvers.append((payload, fn))
            return fn
        return declare


class DuplicateRule(ValueError):
    """Two rules for one action class, or two evolvers for one event type."""


def build(rulesets: Iterable[RuleSet]) -> tuple[dict[type[A], Rule[Any]],
                                                 dict[type[Payload], Evolver[Any]]]:
    """The tables `decide` and `evolve` look up, by action class and by payload class."""
    rules: dict[type[A], Rule[Any]] = {}
    evolvers: dict[type[Payload], Evolver[Any]] = {}
    for rs in rulesets:
        for r in rs.rules:
            if r.action in rules:
                raise DuplicateRule(f"two rules for {r.action.__name__}")
            rules[r.action] = r
        for payload, fn in rs.evolvers:
            if payload in evolvers:
                raise DuplicateRule(f"two evolvers for {payload.TYPE}")
            evolvers[payload] = fn
    return rules, evolvers
