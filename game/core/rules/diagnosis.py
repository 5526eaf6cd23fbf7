"""État des lieux, ressources communes and world café: notes on spaces, services, table notes."""

from __future__ import annotations

from ..events import Event
from ..geometry import centroid
from ..state import CafeNote, Note, Resource, State
from .registry import PARTICIPANT, TRAINER, Ctx, evolver, rule


def _check_enjeux(c: Ctx, enjeux: list[str]) -> list[str]:
    known = c.state.scenario.index("enjeu")
    for e in enjeux:
        c.require(e in known, "unknown_enjeu", e)
    return list(dict.fromkeys(enjeux))


@rule("add_note", phases=("etat_des_lieux",))
def add_note(c: Ctx) -> None:
    a, sc = c.action, c.state.scenario
    space = sc.index("space").get(a.space)
    c.require(space, "unknown_space")
    x, y = centroid(space.polygon)
    if a.x is not None and a.y is not None:
        x = min(max(a.x, 0.0), sc.map.width)
        y = min(max(a.y, 0.0), sc.map.height)
    c.emit("note_added", {
        "note": c.new_id("n"), "space": a.space, "kind": a.kind, "text": a.text.strip(),
        "enjeux": _check_enjeux(c, a.enjeux), "x": x, "y": y,
        "role": c.state.participants[c.actor.id].role,
    })


@evolver("note_added")
def _note_added(s: State, e: Event) -> None:
    d = e.data
    s.notes[d["note"]] = Note(d["note"], e.by, d["role"], d["space"], d["kind"], d["text"],
                              d["enjeux"], d["x"], d["y"], e.t)


@rule("edit_note", phases=("etat_des_lieux",))
def edit_note(c: Ctx) -> None:
    note = c.state.notes.get(c.action.note)
    c.require(note, "unknown_note")
    c.require(note.author == c.actor.id, "not_author")
    c.emit("note_edited", {"note": note.id, "text": c.action.text.strip(),
                           "enjeux": _check_enjeux(c, c.action.enjeux),
                           "kind": c.action.kind or note.kind})


@evolver("note_edited")
def _note_edited(s: State, e: Event) -> None:
    n = s.notes[e.data["note"]]
    n.text, n.enjeux, n.kind = e.data["text"], e.data["enjeux"], e.data["kind"]


@rule("remove_note", who=(PARTICIPANT, TRAINER), phases=("etat_des_lieux",))
def remove_note(c: Ctx) -> None:
    note = c.state.notes.get(c.action.note)
    c.require(note, "unknown_note")
    c.require(c.may_edit(note.author), "not_author")
    c.emit("note_removed", {"note": note.id})


@evolver("note_removed")
def _note_removed(s: State, e: Event) -> None:
    del s.notes[e.data["note"]]


@rule("add_resource", phases=("ressources",))
def add_resource(c: Ctx) -> None:
    a, sc = c.action, c.state.scenario
    space = sc.index("space").get(a.space)
    c.require(space, "unknown_space")
    if a.use is not None:
        use = sc.index("use").get(a.use)
        c.require(use, "unknown_use")
        c.require(sc.use_fits(use, space), "use_not_allowed")
    c.require(a.metier is None or a.metier in sc.index("metier"), "unknown_metier")
    c.emit("resource_added", {"resource": c.new_id("r"), "space": a.space,
                              "service": a.service.strip(), "use": a.use, "metier": a.metier,
                              "text": a.text.strip()})


@evolver("resource_added")
def _resource_added(s: State, e: Event) -> None:
    d = e.data
    s.resources[d["resource"]] = Resource(d["resource"], e.by, d["space"], d["service"],
                                          d["metier"], d["use"], d["text"], e.t)


@rule("remove_resource", who=(PARTICIPANT, TRAINER), phases=("ressources",))
def remove_resource(c: Ctx) -> None:
    r = c.state.resources.get(c.action.resource)
    c.require(r, "unknown_resource")
    c.require(c.may_edit(r.author), "not_author")
    c.emit("resource_removed", {"resource": r.id})


@evolver("resource_removed")
def _resource_removed(s: State, e: Event) -> None:
    del s.resources[e.data["resource"]]


@rule("cafe_note", phases=("world_cafe",))
def cafe_note(c: Ctx) -> None:
    s = c.state
    c.require(s.scenario.cafe_themes, "no_tables")
    c.require(c.action.table in s.scenario.index("theme"), "unknown_table")
    c.require(s.cafe_table_of(c.actor.id) == c.action.table, "not_your_table")
    c.emit("cafe_note_added", {"note": c.new_id("k"), "table": c.action.table,
                               "rotation": s.cafe_rotation, "text": c.action.text.strip()})


@evolver("cafe_note_added")
def _cafe_note(s: State, e: Event) -> None:
    d = e.data
    s.cafe_notes[d["note"]] = CafeNote(d["note"], d["table"], e.by, d["rotation"], d["text"], e.t)


@rule("rotate_cafe", who=(TRAINER,))
def rotate_cafe(c: Ctx) -> None:
    c.require(c.state.scenario.cafe_themes, "no_tables")
    c.emit("cafe_rotated", {"rotation": c.state.cafe_rotation + 1})


@evolver("cafe_rotated")
def _rotated(s: State, e: Event) -> None:
    s.cafe_rotation = e.data["rotation"]
