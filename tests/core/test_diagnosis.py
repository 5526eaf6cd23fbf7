"""État des lieux, ressources communes and world café."""

from __future__ import annotations

import json

from helpers import RICH_FILE, Session

from ilot.game.core.scenario import Scenario


def _note(space="cour", kind="probleme", text="Trop de bruit le soir", **kw):
    return {"type": "add_note", "space": space, "kind": kind, "text": text, **kw}


def test_add_note_places_it_on_the_space_with_the_authors_role(rs):
    pid = rs.join("Ana", "marc")
    rs.goto("etat_des_lieux")
    (e,) = rs.act(pid, _note(enjeux=["securite", "securite", "lien_social"]))
    n = rs.state.notes[e.data["note"]]
    poly = rs.scenario.space("cour").polygon
    assert (n.author, n.role, n.space, n.kind) == (pid, "caretaker", "cour", "probleme")
    assert n.enjeux == ["securite", "lien_social"]  # duplicates dropped, order kept
    assert (n.x, n.y) == (sum(p[0] for p in poly) / len(poly), sum(p[1] for p in poly) / len(poly))
    (e2,) = rs.act(pid, _note(x=-50.0, y=1e9))
    n2 = rs.state.notes[e2.data["note"]]
    assert (n2.x, n2.y) == (0.0, rs.scenario.map.height)  # clamped to the map


def test_note_rejections(rs):
    pid = rs.join("Ana", "marc")
    assert rs.reject(pid, _note()) == "wrong_phase"
    rs.goto("etat_des_lieux")
    assert rs.reject(pid, _note(space="lune")) == "unknown_space"
    assert rs.reject(pid, _note(enjeux=["securite", "inconnu"])) == "unknown_enjeu"
    assert rs.reject(pid, _note(enjeux=["e"] * 9)) == "invalid_action"
    assert rs.reject(pid, _note(text="")) == "invalid_action"


def test_edit_and_remove_note(rs):
    a = rs.join("Ana", "marc")
    b = rs.join("Bruno", "fatima")
    rs.goto("etat_des_lieux")
    (e,) = rs.act(a, _note())
    nid = e.data["note"]
    rs.act(a, {"type": "edit_note", "note": nid, "text": "Bruit", "enjeux": ["securite"]})
    n = rs.state.notes[nid]
    assert (n.text, n.enjeux, n.kind) == ("Bruit", ["securite"], "probleme")
    rs.act(a, {"type": "edit_note", "note": nid, "text": "Calme", "kind": "force"})
    assert rs.state.notes[nid].kind == "force"
    assert rs.reject(b, {"type": "edit_note", "note": nid, "text": "x"}) == "not_author"
    assert rs.reject(a, {"type": "edit_note", "note": "n999", "text": "x"}) == "unknown_note"
    assert rs.reject(a, {"type": "edit_note", "note": nid, "text": "x",
                         "enjeux": ["zzz"]}) == "unknown_enjeu"
    assert rs.reject(b, {"type": "remove_note", "note": nid}) == "not_author"
    assert rs.reject(b, {"type": "remove_note", "note": "n999"}) == "unknown_note"
    rs.act(a, {"type": "remove_note", "note": nid})
    assert nid not in rs.state.notes
    (e,) = rs.act(b, _note())
    rs.trainer({"type": "remove_note", "note": e.data["note"]})  # the trainer moderates
    assert rs.state.notes == {}


def test_resources(rs):
    a = rs.join("Ana", "marc")
    b = rs.join("Bruno", "fatima")
    rs.goto("ressources")
    (e,) = rs.act(a, {"type": "add_resource", "space": "loge", "service": "Conciergerie",
                      "use": "conciergerie", "metier": "gardien", "text": "Colis"})
    r = rs.state.resources[e.data["resource"]]
    assert (r.space, r.use, r.metier, r.author) == ("loge", "conciergerie", "gardien", a)
    bad = {"type": "add_resource", "space": "loge", "service": "S"}
    assert rs.reject(a, dict(bad, space="lune")) == "unknown_space"
    assert rs.reject(a, dict(bad, use="zzz")) == "unknown_use"
    assert rs.reject(a, dict(bad, use="potager_toit")) == "use_not_allowed"
    assert rs.reject(a, dict(bad, metier="pilote")) == "unknown_metier"
    assert rs.reject(b, {"type": "remove_resource", "resource": r.id}) == "not_author"
    assert rs.reject(a, {"type": "remove_resource", "resource": "r0"}) == "unknown_resource"
    rs.act(a, {"type": "remove_resource", "resource": r.id})
    assert rs.state.resources == {}
    rs.goto("world_cafe")
    assert rs.reject(a, bad) == "wrong_phase"


def test_world_cafe_tables_rotate_and_notes_persist(rs):
    pids = [rs.join(f"P{i}", p) for i, p in enumerate(["fatima", "marc", "claire"])]
    themes = [t.id for t in rs.scenario.cafe_themes]
    rs.goto("world_cafe")
    assert [rs.state.cafe_table_of(p) for p in pids] == themes[:3]
    rs.act(pids[0], {"type": "cafe_note", "table": themes[0], "text": "Fête des voisins"})
    assert rs.reject(pids[0], {"type": "cafe_note", "table": themes[1],
                               "text": "x"}) == "not_your_table"
    assert rs.reject(pids[0], {"type": "cafe_note", "table": "bar", "text": "x"}) == "unknown_table"
    (e,) = rs.trainer({"type": "rotate_cafe"})
    assert e.data == {"rotation": 1}
    assert rs.state.cafe_table_of(pids[0]) == themes[1]
    assert rs.state.cafe_table_of(pids[2]) == themes[3]
    # the next person at table 0 builds on the note left there
    last = len(themes) - 1
    newcomer = rs.join("P9", "nadia")
    for _ in range(last):
        rs.trainer({"type": "rotate_cafe"})
    at_first = [p for p in [*pids, newcomer] if rs.state.cafe_table_of(p) == themes[0]]
    assert at_first
    rs.act(at_first[0], {"type": "cafe_note", "table": themes[0], "text": "Et un repas partagé"})
    table0 = sorted((n.rotation, n.text) for n in rs.state.cafe_notes.values()
                    if n.table == themes[0])
    assert table0 == [(0, "Fête des voisins"), (rs.state.cafe_rotation, "Et un repas partagé")]
    assert rs.reject("p1", {"type": "rotate_cafe"}) == "trainer_only"


def test_world_cafe_without_themes(rich):
    data = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    data["cafe_themes"] = []
    s = Session(Scenario.model_validate(data))
    pid = s.join("Ana", "fatima")
    s.goto("world_cafe")
    assert s.reject("trainer", {"type": "rotate_cafe"}) == "no_tables"
    assert s.reject(pid, {"type": "cafe_note", "table": "x", "text": "x"}) == "no_tables"
    assert s.state.cafe_table_of(pid) is None
