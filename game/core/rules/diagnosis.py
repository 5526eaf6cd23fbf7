"""État des lieux, ressources communes and world café: notes on spaces, services, table notes."""

from __future__ import annotations

from typing import Any

from ..actions import AddNote, AddResource, CafeNoteAction, EditNote, RemoveNote, RemoveResource, RotateCafe
from ..events import (
    CafeNoteAdded,
    CafeRotated,
    Event,
    NoteAdded,
    NoteEdited,
    NoteRemoved,
    ResourceAdded,
    ResourceRemoved,
)
from ..geometry import centroid
from ..kinds import PhaseKind
from ..state import CafeNote, Note, Resource, State
from .registry import PARTICIPANT, TRAINER, Ctx, RuleSet

ruleset = RuleSet()


def _check_enjeux(c: Ctx[Any], enjeux: list[str]) -> list[str]:
    known = c.state.scenario.index("enjeu")
    for e in enjeux:
        c.require(e in known, "unknown_enjeu", e)
    return list(dict.fromkeys(enjeux))


@ruleset.rule(AddNote, phases=(PhaseKind.ETAT_DES_LIEUX,))
def add_note(c: Ctx[AddNote]) -> None:
    a, sc = c.action, c.state.scenario
    space = c.need(sc.index("space").get(a.space), "unknown_space")
    x, y = centroid(space.polygon)
    if a.x is not None and a.y is not None:
        x = min(max(a.x, 0.0), sc.map.width)
        y = min(max(a.y, 0.0), sc.map.height)
    c.emit(NoteAdded(
        note=c.new_id("n"), space=a.space, kind=a.kind, text=a.text.strip(),
        enjeux=_check_enjeux(c, a.enjeux), x=x, y=y,
        role=c.state.participants[c.actor.id].role,
    ))


@ruleset.evolver(NoteAdded)
def _note_added(s: State, e: Event[NoteAdded]) -> None:
    d = e.payload
    s.notes[d.note] = Note(d.note, e.by, d.role, d.space, d.kind, d.text, d.enjeux, d.x, d.y, e.t)


@ruleset.rule(EditNote, phases=(PhaseKind.ETAT_DES_LIEUX,))
def edit_note(c: Ctx[EditNote]) -> None:
    note = c.need(c.state.notes.get(c.action.note), "unknown_note")
    c.require(note.author == c.actor.id, "not_author")
    c.emit(NoteEdited(note=note.id, text=c.action.text.strip(),
                      enjeux=_check_enjeux(c, c.action.enjeux),
                      kind=c.action.kind or note.kind))


@ruleset.evolver(NoteEdited)
def _note_edited(s: State, e: Event[NoteEdited]) -> None:
    n = s.notes[e.payload.note]
    n.text, n.enjeux, n.kind = e.payload.text, e.payload.enjeux, e.payload.kind


@ruleset.rule(RemoveNote, who=(PARTICIPANT, TRAINER), phases=(PhaseKind.ETAT_DES_LIEUX,))
def remove_note(c: Ctx[RemoveNote]) -> None:
    note = c.need(c.state.notes.get(c.action.note), "unknown_note")
    c.require(c.may_edit(note.author), "not_author")
    c.emit(NoteRemoved(note.id))


@ruleset.evolver(NoteRemoved)
def _note_removed(s: State, e: Event[NoteRemoved]) -> None:
    del s.notes[e.payload.note]


@ruleset.rule(AddResource, phases=(PhaseKind.RESSOURCES,))
def add_resource(c: Ctx[AddResource]) -> None:
    a, sc = c.action, c.state.scenario
    space = c.need(sc.index("space").get(a.space), "unknown_space")
    if a.use is not None:
        use = c.need(sc.index("use").get(a.use), "unknown_use")
        c.require(sc.use_fits(use, space), "use_not_allowed")
    c.require(a.metier is None or a.metier in sc.index("metier"), "unknown_metier")
    c.emit(ResourceAdded(resource=c.new_id("r"), space=a.space, service=a.service.strip(),
                         use=a.use, metier=a.metier, text=a.text.strip()))


@ruleset.evolver(ResourceAdded)
def _resource_added(s: State, e: Event[ResourceAdded]) -> None:
    d = e.payload
    s.resources[d.resource] = Resource(d.resource, e.by, d.space, d.service, d.metier, d.use,
                                       d.text, e.t)


@ruleset.rule(RemoveResource, who=(PARTICIPANT, TRAINER), phases=(PhaseKind.RESSOURCES,))
def remove_resource(c: Ctx[RemoveResource]) -> None:
    r = c.need(c.state.resources.get(c.action.resource), "unknown_resource")
    c.require(c.may_edit(r.author), "not_author")
    c.emit(ResourceRemoved(r.id))


@ruleset.evolver(ResourceRemoved)
def _resource_removed(s: State, e: Event[ResourceRemoved]) -> None:
    del s.resources[e.payload.resource]


@ruleset.rule(CafeNoteAction, phases=(PhaseKind.WORLD_CAFE,))
def cafe_note(c: Ctx[CafeNoteAction]) -> None:
    s = c.state
    c.require(s.scenario.cafe_themes, "no_tables")
    c.require(c.action.table in s.scenario.index("theme"), "unknown_table")
    c.require(s.cafe_table_of(c.actor.id) == c.action.table, "not_your_table")
    c.emit(CafeNoteAdded(note=c.new_id("k"), table=c.action.table, rotation=s.cafe_rotation,
                         text=c.action.text.strip()))


@ruleset.evolver(CafeNoteAdded)
def _cafe_note(s: State, e: Event[CafeNoteAdded]) -> None:
    d = e.payload
    s.cafe_notes[d.note] = CafeNote(d.note, d.table, e.by, d.rotation, d.text, e.t)


@ruleset.rule(RotateCafe, who=(TRAINER,))
def rotate_cafe(c: Ctx[RotateCafe]) -> None:
    c.require(c.state.scenario.cafe_themes, "no_tables")
    c.emit(CafeRotated(c.state.cafe_rotation + 1))


@ruleset.evolver(CafeRotated)
def _rotated(s: State, e: Event[CafeRotated]) -> None:
    s.cafe_rotation = e.payload.rotation
