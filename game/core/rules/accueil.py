"""Accueil and projets inspirants: joining, characters, expectations, reactions, comments."""

from __future__ import annotations

from ..events import Event
from ..state import Comment, Expectation, Participant, State
from .registry import NEWCOMER, Ctx, evolver, rule


@rule("join", who=(NEWCOMER,), needs_persona=False)
def join(c: Ctx) -> None:
    name = c.action.name.strip()
    c.require(name, "invalid_action", "name")
    pid = f"p{len(c.state.participants) + 1}"
    c.emit("participant_joined", {"participant": pid, "name": name})


@evolver("participant_joined")
def _joined(s: State, e: Event) -> None:
    pid = e.data["participant"]
    s.participants[pid] = Participant(pid, e.data["name"], e.t)


@rule("rename", needs_persona=False)
def rename(c: Ctx) -> None:
    name = c.action.name.strip()
    c.require(name, "invalid_action", "name")
    c.emit("participant_renamed", {"name": name})


@evolver("participant_renamed")
def _renamed(s: State, e: Event) -> None:
    s.participants[e.by].name = e.data["name"]


@rule("choose_persona", needs_persona=False)
def choose_persona(c: Ctx) -> None:
    s = c.state
    persona = s.scenario.index("persona").get(c.action.persona)
    c.require(persona, "unknown_persona")
    me = s.participants[c.actor.id]
    if me.persona == persona.id:
        return
    # Final once made: each choice shows that character's private objectives to its player.
    c.require(me.persona is None, "persona_locked")
    taken = sum(1 for p in s.participants.values() if p.persona == persona.id)
    c.require(taken < s.scenario.players_per_persona, "persona_full")
    c.emit("persona_chosen", {"persona": persona.id, "role": persona.role})


@evolver("persona_chosen")
def _persona(s: State, e: Event) -> None:
    p = s.participants[e.by]
    p.persona = e.data["persona"]
    p.role = e.data["role"]


@rule("write_expectation", phases=("accueil",), needs_persona=False)
def write_expectation(c: Ctx) -> None:
    c.emit("expectation_written", {"text": c.action.text.strip()})


@evolver("expectation_written")
def _expectation(s: State, e: Event) -> None:
    s.expectations[e.by] = Expectation(e.by, e.data["text"], e.t)


@rule("react_project", phases=("projets",))
def react_project(c: Ctx) -> None:
    c.require(c.action.project in c.state.scenario.index("project"), "unknown_project")
    c.emit("project_reacted", {"project": c.action.project, "reaction": c.action.reaction})


@evolver("project_reacted")
def _reacted(s: State, e: Event) -> None:
    per = s.reactions.setdefault(e.data["project"], {})
    if e.data["reaction"] == "none":
        per.pop(e.by, None)
    else:
        per[e.by] = e.data["reaction"]


@rule("comment_project", phases=("projets",))
def comment_project(c: Ctx) -> None:
    c.require(c.action.project in c.state.scenario.index("project"), "unknown_project")
    c.emit("project_commented", {"comment": c.new_id("c"), "project": c.action.project,
                                 "text": c.action.text.strip()})


@evolver("project_commented")
def _commented(s: State, e: Event) -> None:
    d = e.data
    s.comments[d["comment"]] = Comment(d["comment"], d["project"], e.by, d["text"], e.t)
