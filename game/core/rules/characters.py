"""The characters participants create (« création des personnages », issue 12).

In a personnages phase (or at the world café) participants write characters who live, work or
manage in the îlot: alone or with co-authors, at most `MAX_EACH` created by each and
`MAX_CHARACTERS` in the room. Their one or two private objectives are the scenario format's
(`PrivateObjective`), checked against the scenario like the file check does. The trainer sees
every draft, edits, merges, approves, sends back with a comment, or removes one out of place;
approved characters join the pool of personas (`State.persona`). When the session first
reaches a phase with `persona_choice` with some character approved, everyone chooses again
(`personas_reopened`, emitted by set_phase), among the approved characters and, unless the trainer said otherwise
(`persona_pool`), the scenario's personas.

Who sees a character's objectives: its authors and the trainer (views.view_for/event_for), and
its player (through `me`); everyone else sees how many there are.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import ValidationError

from ..actions import (
    CharacterEdit,
    CharacterFields,
    CharacterMerge,
    CharacterRemove,
    CharacterReview,
    CharacterWrite,
    PersonaPool,
)
from ..events import (
    CharacterEdited,
    CharacterMerged,
    CharacterRemoved,
    CharacterReviewed,
    CharacterWritten,
    Event,
    PersonaPoolSet,
    PersonasReopened,
)
from ..kinds import CharacterStatus, PhaseKind
from ..objectives_check import objective_problems
from ..scenario import PrivateObjective
from ..scenario_codes import ScenarioCode
from ..state import Character, State
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()

MAX_EACH = 3  # characters one participant may have created (merged ones aside)
MAX_CHARACTERS = 60  # characters in a room
MAX_AUTHORS = 4  # the creator and three co-authors
MAX_OBJECTIVE_TEXT = 300
WRITING = (PhaseKind.PERSONNAGES, PhaseKind.WORLD_CAFE)
_UNREACHABLE = frozenset({ScenarioCode.OBJECTIVE_UNREACHABLE, ScenarioCode.OBJECTIVE_NO_EXPERIMENT})


def checked_objectives(c: Ctx[Any], raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The objectives as the scenario model reads them (plain dicts, every field), or a
    refusal: not an objective (`objective_invalid`), naming what the scenario does not have
    (`objective_unknown`), or one that can never be met (`objective_unreachable`)."""
    out = []
    for k, d in enumerate(raw):
        try:
            o = PrivateObjective.model_validate(d)
        except ValidationError:
            c.refuse("objective_invalid", f"objectives[{k}]")
        text = o.text.strip()
        c.require(text and len(text) <= MAX_OBJECTIVE_TEXT, "objective_invalid",
                  f"objectives[{k}].text")
        for path, code, _ in objective_problems(c.state.scenario, o, f"objectives[{k}]"):
            if code == ScenarioCode.UNKNOWN_REF:
                c.refuse("objective_unknown", path)
            c.refuse("objective_unreachable" if code in _UNREACHABLE else "objective_invalid", path)
        out.append({**o.model_dump(mode="json"), "text": text})
    return out


def _fields(c: Ctx[Any], a: CharacterFields) -> dict[str, Any]:
    objectives = checked_objectives(c, a.objectives)
    return {"name": a.name, "role": a.role, "age": a.age, "situation": a.situation,
            "bio": a.bio, "needs": a.needs, "objectives": objectives,
            "objectives_count": len(objectives), "portrait": a.portrait}


@ruleset.rule(CharacterWrite, phases=WRITING, needs_persona=False)
def character_write(c: Ctx[CharacterWrite]) -> None:
    s, me = c.state, c.actor.id
    for pid in c.action.coauthors:
        c.require(pid in s.participants, "unknown_participant", pid)
    if c.action.character is None:
        c.require(len(s.characters) < MAX_CHARACTERS, "characters_full")
        mine = sum(1 for ch in s.characters.values()
                   if ch.authors[0] == me and ch.status != CharacterStatus.MERGED)
        c.require(mine < MAX_EACH, "too_many_characters")
        cid, before = c.new_id("ch"), [me]
    else:
        ch = c.need(s.characters.get(c.action.character), "unknown_character")
        c.require(me in ch.authors, "not_author")
        c.require(ch.status != CharacterStatus.MERGED, "character_merged")
        c.require(ch.status != CharacterStatus.APPROVED, "character_approved")
        cid, before = ch.id, ch.authors
    # co-authors are added, never dropped (a merge may have given more than MAX_AUTHORS)
    authors = list(dict.fromkeys([*before, *c.action.coauthors]))
    c.require(len(authors) <= max(MAX_AUTHORS, len(before)), "too_many_authors")
    f = _fields(c, c.action)
    c.emit(CharacterWritten(cid, authors, f["name"], f["role"], f["age"], f["situation"],
                            f["bio"], f["needs"], f["objectives"], f["objectives_count"],
                            f["portrait"]))


def _set_fields(ch: Character, d: CharacterWritten | CharacterEdited) -> None:
    ch.name, ch.role, ch.age, ch.situation = d.name, d.role, d.age, d.situation
    ch.bio, ch.needs, ch.portrait = d.bio, d.needs, d.portrait
    ch.objectives = [PrivateObjective.model_validate(o) for o in d.objectives]
    ch.objectives_count = d.objectives_count
    ch.authors = list(d.authors)


@ruleset.evolver(CharacterWritten)
def _written(s: State, e: Event[CharacterWritten]) -> None:
    d = e.payload
    ch = s.characters.get(d.character)
    if ch is None:
        ch = s.characters[d.character] = Character(
            d.character, [], d.name, d.role, "", "", "", "", [], d.portrait,
            CharacterStatus.DRAFT, "", None, e.t, None)
    elif ch.status == CharacterStatus.SENT_BACK:  # edited after the trainer's comment
        ch.status = CharacterStatus.DRAFT
    _set_fields(ch, d)


@ruleset.rule(CharacterEdit, who=(TRAINER,))
def character_edit(c: Ctx[CharacterEdit]) -> None:
    ch = c.need(c.state.characters.get(c.action.character), "unknown_character")
    c.require(ch.status != CharacterStatus.MERGED, "character_merged")
    f = _fields(c, c.action)
    c.emit(CharacterEdited(ch.id, list(ch.authors), f["name"], f["role"], f["age"],
                           f["situation"], f["bio"], f["needs"], f["objectives"],
                           f["objectives_count"], f["portrait"]))


@ruleset.evolver(CharacterEdited)
def _edited(s: State, e: Event[CharacterEdited]) -> None:
    d = e.payload
    _set_fields(s.characters[d.character], d)
    for p in s.participants.values():  # its players now play its (maybe new) role
        if p.persona == d.character:
            p.role = d.role


def _played(s: State, cid: str) -> bool:
    return any(p.persona == cid for p in s.participants.values())


@ruleset.rule(CharacterReview, who=(TRAINER,))
def character_review(c: Ctx[CharacterReview]) -> None:
    ch = c.need(c.state.characters.get(c.action.character), "unknown_character")
    c.require(ch.status != CharacterStatus.MERGED, "character_merged")
    if c.action.decision == "approve":
        c.require(ch.status != CharacterStatus.APPROVED, "already_reviewed")
        c.emit(CharacterReviewed(ch.id, CharacterStatus.APPROVED, c.action.comment))
    else:
        c.require(c.action.comment, "comment_required")
        c.require(not _played(c.state, ch.id), "character_played")
        c.emit(CharacterReviewed(ch.id, CharacterStatus.SENT_BACK, c.action.comment))


@ruleset.evolver(CharacterReviewed)
def _reviewed(s: State, e: Event[CharacterReviewed]) -> None:
    d = e.payload
    ch = s.characters[d.character]
    ch.status, ch.comment = d.status, d.comment
    ch.approved_at = e.t if d.status == CharacterStatus.APPROVED else None


@ruleset.rule(CharacterMerge, who=(TRAINER,))
def character_merge(c: Ctx[CharacterMerge]) -> None:
    s, ids = c.state, c.action.characters
    c.require(len(set(ids)) == len(ids) and c.action.into in ids, "bad_merge")
    for cid in ids:
        ch = c.need(s.characters.get(cid), "unknown_character", cid)
        c.require(ch.status != CharacterStatus.MERGED, "character_merged", cid)
        c.require(cid == c.action.into or not _played(s, cid), "character_played", cid)
    into = s.characters[c.action.into]
    others = [s.characters[cid] for cid in ids if cid != into.id]
    authors = list(dict.fromkeys([*into.authors, *(a for ch in others for a in ch.authors)]))
    objectives = [o.model_dump(mode="json") for o in into.objectives]
    c.emit(CharacterMerged([ch.id for ch in others], into.id, authors, objectives,
                           into.objectives_count))


@ruleset.evolver(CharacterMerged)
def _merged(s: State, e: Event[CharacterMerged]) -> None:
    d = e.payload
    into = s.characters[d.into]
    into.authors = list(d.authors)
    # its own objectives, unchanged: a client whose copy had them withheld (an author only now)
    # gets them here, like the view
    into.objectives = [PrivateObjective.model_validate(o) for o in d.objectives]
    into.objectives_count = d.objectives_count
    for cid in d.characters:
        ch = s.characters[cid]
        ch.status, ch.merged_into = CharacterStatus.MERGED, d.into
    for ch in s.characters.values():  # merged earlier into one merged now: they follow it
        if ch.merged_into in d.characters:
            ch.merged_into = d.into


@ruleset.rule(CharacterRemove, who=(TRAINER,))
def character_remove(c: Ctx[CharacterRemove]) -> None:
    ch = c.need(c.state.characters.get(c.action.character), "unknown_character")
    c.require(not _played(c.state, ch.id), "character_played")
    c.emit(CharacterRemoved(ch.id))


@ruleset.evolver(CharacterRemoved)
def _removed(s: State, e: Event[CharacterRemoved]) -> None:
    """The character goes, and those merged into it with it (nothing points nowhere)."""
    cid = e.payload.character
    for gone in [cid, *(k for k, ch in s.characters.items() if ch.merged_into == cid)]:
        del s.characters[gone]


@ruleset.rule(PersonaPool, who=(TRAINER,))
def persona_pool(c: Ctx[PersonaPool]) -> None:
    c.emit(PersonaPoolSet(c.action.scenario))


@ruleset.evolver(PersonaPoolSet)
def _pool(s: State, e: Event[PersonaPoolSet]) -> None:
    s.persona_pool_scenario = e.payload.scenario


def reopen_if_first(s: State, phase: int) -> PersonasReopened | None:
    """What set_phase adds when the session first reaches a phase with `persona_choice` while
    some created character is approved: with none, there is nothing new to choose, everyone
    keeps their character, and the choice opens if the session comes back to the phase later
    with some."""
    p = s.scenario.phases[phase]
    if not p.persona_choice or p.id in s.persona_choices_opened \
            or not any(ch.status == CharacterStatus.APPROVED for ch in s.characters.values()):
        return None
    return PersonasReopened(p.id, [pid for pid, x in s.participants.items()
                                   if x.persona is not None])


@ruleset.evolver(PersonasReopened)
def _reopened(s: State, e: Event[PersonasReopened]) -> None:
    s.persona_choices_opened.append(e.payload.phase)
    for pid in e.payload.participants:
        p = s.participants[pid]
        if p.persona is not None:
            p.past_personas.append(p.persona)
        p.persona = p.role = None


def choosable(s: State) -> list[str]:
    """What a participant may choose now and is not full yet (`choose_persona` accepts it):
    the approved created characters, then the scenario's personas if they are offered."""
    taken = Counter(p.persona for p in s.participants.values() if p.persona)
    ids = [*s.characters, *(p.id for p in s.scenario.personas)]
    return [pid for pid in ids if offered(s, pid) and taken[pid] < s.scenario.players_per_persona]


def offered(s: State, persona_id: str) -> bool:
    """Whether a participant may choose this persona now: a scenario persona unless the trainer
    left them out, or an approved created character."""
    if persona_id in s.scenario.index("persona"):
        return s.persona_pool_scenario
    ch = s.characters.get(persona_id)
    return ch is not None and ch.status == CharacterStatus.APPROVED
