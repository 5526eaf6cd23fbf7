"""Accueil and projets inspirants: joining, characters, expectations, reactions, comments
(on the scenario's projects and on participants' experience cards alike)."""

from __future__ import annotations

from ..actions import ChoosePersona, CommentProject, Join, ReactProject, Rename, WriteExpectation
from ..events import (
    Event,
    ExpectationWritten,
    ParticipantJoined,
    ParticipantRenamed,
    PersonaChosen,
    ProjectCommented,
    ProjectReacted,
)
from ..kinds import PhaseKind, Reaction
from ..names import clean_name, unique_name
from ..state import Comment, Expectation, Participant, State
from .characters import offered
from .registry import NEWCOMER, Ctx, RuleSet

ruleset = RuleSet()


@ruleset.rule(Join, who=(NEWCOMER,), needs_persona=False, lock_free=True, when_closed=True)
def join(c: Ctx[Join]) -> None:
    name = clean_name(c.action.name)
    c.require(name, "invalid_action", "name")
    name = unique_name(name, (p.name for p in c.state.participants.values()))
    pid = f"p{len(c.state.participants) + 1}"
    c.emit(ParticipantJoined(pid, name))


@ruleset.evolver(ParticipantJoined)
def _joined(s: State, e: Event[ParticipantJoined]) -> None:
    pid = e.payload.participant
    s.participants[pid] = Participant(pid, e.payload.name, e.t)


@ruleset.rule(Rename, needs_persona=False, lock_free=True)
def rename(c: Ctx[Rename]) -> None:
    name = clean_name(c.action.name)
    c.require(name, "invalid_action", "name")
    me = c.actor.id
    name = unique_name(name, (p.name for p in c.state.participants.values() if p.id != me))
    c.emit(ParticipantRenamed(name))


@ruleset.evolver(ParticipantRenamed)
def _renamed(s: State, e: Event[ParticipantRenamed]) -> None:
    s.participants[e.by].name = e.payload.name


@ruleset.rule(ChoosePersona, needs_persona=False)
def choose_persona(c: Ctx[ChoosePersona]) -> None:
    s = c.state
    persona = c.need(s.persona(c.action.persona), "unknown_persona")
    me = s.participants[c.actor.id]
    if me.persona == persona.id:
        return
    # Final once made: each choice shows that character's private objectives to its player.
    c.require(me.persona is None, "persona_locked")
    c.require(offered(s, persona.id), "persona_not_offered")
    taken = sum(1 for p in s.participants.values() if p.persona == persona.id)
    c.require(taken < s.scenario.players_per_persona, "persona_full")
    c.emit(PersonaChosen(persona.id, persona.role))


@ruleset.evolver(PersonaChosen)
def _persona(s: State, e: Event[PersonaChosen]) -> None:
    p = s.participants[e.by]
    p.persona = e.payload.persona
    p.role = e.payload.role


@ruleset.rule(WriteExpectation, phases=(PhaseKind.ACCUEIL,), needs_persona=False)
def write_expectation(c: Ctx[WriteExpectation]) -> None:
    c.emit(ExpectationWritten(c.action.text.strip()))


@ruleset.evolver(ExpectationWritten)
def _expectation(s: State, e: Event[ExpectationWritten]) -> None:
    s.expectations[e.by] = Expectation(e.by, e.payload.text, e.t)


def _known_project(c: Ctx[ReactProject] | Ctx[CommentProject]) -> None:
    """A scenario's project, or a participant's experience card (rules/experiences.py)."""
    pid = c.action.project
    c.require(pid in c.state.scenario.index("project") or pid in c.state.experiences,
              "unknown_project")


@ruleset.rule(ReactProject, phases=(PhaseKind.PROJETS,))
def react_project(c: Ctx[ReactProject]) -> None:
    _known_project(c)
    x = c.state.experiences.get(c.action.project)
    c.require(x is None or x.author != c.actor.id, "own_experience")
    c.emit(ProjectReacted(c.action.project, c.action.reaction))


@ruleset.evolver(ProjectReacted)
def _reacted(s: State, e: Event[ProjectReacted]) -> None:
    per = s.reactions.setdefault(e.payload.project, {})
    if e.payload.reaction == Reaction.NONE:
        per.pop(e.by, None)
    else:
        per[e.by] = e.payload.reaction


@ruleset.rule(CommentProject, phases=(PhaseKind.PROJETS,))
def comment_project(c: Ctx[CommentProject]) -> None:
    _known_project(c)  # the author of a card may answer under it
    c.emit(ProjectCommented(c.new_id("c"), c.action.project, c.action.text.strip()))


@ruleset.evolver(ProjectCommented)
def _commented(s: State, e: Event[ProjectCommented]) -> None:
    d = e.payload
    s.comments[d.comment] = Comment(d.comment, d.project, e.by, d.text, e.t)
