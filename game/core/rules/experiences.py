"""Participants' own experiences, shared as project cards (« Partage d'expériences »).

At the accueil and during the projets inspirants, a participant shares a project they know
first-hand (title, where, who carried it, what worked, what did not, a figure or two): at most
`MAX_EACH` cards each, `MAX_EXPERIENCES` in the room. They speak as themselves, so no character
is needed, and the cards show their author's name. Only the author edits a card. Its id is a
project id as well: `react_project` and `comment_project` (rules/accueil.py) take it like the
scenario's, with the same events. The trainer pins the best cards for the group (pinned cards
come first, and the shared screen shows them) and removes one out of place, with its reactions
and comments.
"""

from __future__ import annotations

from ..actions import ExperiencePin, ExperienceRemove, ExperienceShare
from ..events import Event, ExperiencePinned, ExperienceRemoved, ExperienceShared
from ..kinds import PhaseKind
from ..state import Experience, State
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()

MAX_EACH = 3  # cards one participant may have on the board
MAX_EXPERIENCES = 60  # cards in the room
SHARING = (PhaseKind.ACCUEIL, PhaseKind.PROJETS)


@ruleset.rule(ExperienceShare, phases=SHARING, needs_persona=False)
def experience_share(c: Ctx[ExperienceShare]) -> None:
    a, board = c.action, c.state.experiences
    if a.experience is None:
        c.require(len(board) < MAX_EXPERIENCES, "experiences_full")
        mine = sum(1 for x in board.values() if x.author == c.actor.id)
        c.require(mine < MAX_EACH, "too_many_experiences")
        xid = c.new_id("x")
    else:
        x = c.need(board.get(a.experience), "no_such_experience")
        c.require(x.author == c.actor.id, "not_author")
        xid = x.id
    figures = [f for f in a.figures if f]
    c.emit(ExperienceShared(xid, a.title, a.where, a.carried_by, a.worked, a.did_not, figures))


@ruleset.evolver(ExperienceShared)
def _shared(s: State, e: Event[ExperienceShared]) -> None:
    d = e.payload
    old = s.experiences.get(d.experience)
    s.experiences[d.experience] = Experience(
        d.experience, e.by, d.title, d.where, d.carried_by, d.worked, d.did_not,
        list(d.figures), old.t if old else e.t, old.pinned if old else False)


@ruleset.rule(ExperiencePin, who=(TRAINER,))
def experience_pin(c: Ctx[ExperiencePin]) -> None:
    x = c.need(c.state.experiences.get(c.action.experience), "no_such_experience")
    if x.pinned != c.action.pinned:  # pinning a pinned card changes nothing: no event
        c.emit(ExperiencePinned(x.id, c.action.pinned))


@ruleset.evolver(ExperiencePinned)
def _pinned(s: State, e: Event[ExperiencePinned]) -> None:
    s.experiences[e.payload.experience].pinned = e.payload.pinned


@ruleset.rule(ExperienceRemove, who=(TRAINER,))
def experience_remove(c: Ctx[ExperienceRemove]) -> None:
    x = c.need(c.state.experiences.get(c.action.experience), "no_such_experience")
    c.emit(ExperienceRemoved(x.id))


@ruleset.evolver(ExperienceRemoved)
def _removed(s: State, e: Event[ExperienceRemoved]) -> None:
    xid = e.payload.experience
    del s.experiences[xid]
    s.reactions.pop(xid, None)
    for cid in [cid for cid, c in s.comments.items() if c.project == xid]:
        del s.comments[cid]


def board(s: State) -> list[Experience]:
    """The cards as every screen shows them: pinned first, then in the order they were shared
    (the dict's order; the sort is stable)."""
    return sorted(s.experiences.values(), key=lambda x: not x.pinned)
