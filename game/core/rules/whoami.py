"""« Qui suis-je »: each participant's introduction card (real-life role, organisation, one
sentence), written at the accueil but changeable in any phase, public with the author's name.
The trainer clears a card that is out of place. The baromètre takes its default real-life role
from the card (rules/barometre.py)."""

from __future__ import annotations

from ..actions import ClearWhoami, SetWhoami
from ..events import Event, WhoamiCleared, WhoamiSet
from ..state import State, WhoAmI
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()


@ruleset.rule(SetWhoami, needs_persona=False)
def whoami_set(c: Ctx[SetWhoami]) -> None:
    a = c.action
    old = c.state.whoami.get(c.actor.id)
    if old is not None and (old.real_role, old.organisation, old.sentence) == \
            (a.real_role, a.organisation, a.sentence):
        return  # the same card again changes nothing
    c.emit(WhoamiSet(a.real_role, a.organisation, a.sentence))


@ruleset.evolver(WhoamiSet)
def _set(s: State, e: Event[WhoamiSet]) -> None:
    d = e.payload
    s.whoami[e.by] = WhoAmI(e.by, d.real_role, d.organisation, d.sentence, e.t)


@ruleset.rule(ClearWhoami, who=(TRAINER,))
def whoami_clear(c: Ctx[ClearWhoami]) -> None:
    c.require(c.action.participant in c.state.participants, "unknown_participant")
    c.require(c.action.participant in c.state.whoami, "no_whoami")
    c.emit(WhoamiCleared(c.action.participant))


@ruleset.evolver(WhoamiCleared)
def _cleared(s: State, e: Event[WhoamiCleared]) -> None:
    del s.whoami[e.payload.participant]


def missing(s: State) -> list[str]:
    """The participants who have not written their card yet (in the order they joined)."""
    return [pid for pid in s.participants if pid not in s.whoami]
