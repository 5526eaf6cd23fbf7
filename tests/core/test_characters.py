"""Characters created by participants: writing (alone or with co-authors), the trainer's edit,
review, merge and removal, the pool of personas, the new choice at a `persona_choice` phase;
every refusal; who sees the objectives (views and events); replay and snapshots."""

from __future__ import annotations

import json

import pytest
from helpers import RICH_FILE, SPECTATOR, TRAINER, Session

from ilot.game.core import Actor, replay, state_hash, view_for
from ilot.game.core.kinds import CharacterStatus, PhaseKind
from ilot.game.core.rules.characters import MAX_CHARACTERS, MAX_EACH
from ilot.game.core.scenario import Scenario
from ilot.game.core.scenario_check import check_data
from ilot.game.core.state import state_from_dict
from ilot.game.core.views import event_for, me_for, phase_progress, todo

SECRET = "Obtenir un jardin au pied de l'immeuble A"
USE = {"text": SECRET, "kind": "use", "uses": ["jardin_partage"], "space": "pieds_a"}
JUDGED = {"text": "Que le groupe écoute les anciens", "kind": "judged"}


def character(**over):
    out = {"type": "character_write", "name": "Mme Diallo", "role": "resident", "age": "72 ans",
           "situation": "Veuve, au 4e du bâtiment A", "bio": "Ancienne couturière.",
           "needs": "Un banc à l'ombre et une salle pour coudre ensemble.",
           "objectives": [USE], "portrait": "p07"}
    out.update(over)
    return out


def write(rs, pid, **over):
    (e,) = rs.act(pid, character(**over))
    assert e.type == "character_written"
    return e.data["character"]


@pytest.fixture
def three(rs):
    """Three participants with the scenario's personas, at the personnages phase."""
    a, b, c = rs.join("Ana", "fatima"), rs.join("Bob", "marc"), rs.join("Cem", "claire")
    rs.goto(PhaseKind.PERSONNAGES)
    return a, b, c


def test_write_edit_with_coauthors_and_the_state(rs, three):
    a, b, c = three
    (e,) = rs.act(a, character(coauthors=[b]))
    cid = e.data["character"]
    assert (e.by, cid) == (a, f"ch{e.seq}")
    assert e.data["authors"] == [a, b] and e.data["objectives_count"] == 1
    assert e.data["objectives"][0]["text"] == SECRET and e.data["objectives"][0]["kind"] == "use"
    ch = rs.state.characters[cid]
    assert (ch.name, ch.role, ch.age, ch.portrait) == ("Mme Diallo", "resident", "72 ans", "p07")
    assert ch.status == CharacterStatus.DRAFT and ch.t == e.t and ch.approved_at is None
    assert [o.text for o in ch.objectives] == [SECRET]
    # a co-author edits it (fields replaced; nobody dropped, one more co-author)
    rs.act(b, character(character=cid, name="  Awa Diallo ", objectives=[USE, JUDGED],
                        coauthors=[c]))
    ch = rs.state.characters[cid]
    assert ch.name == "Awa Diallo" and ch.authors == [a, b, c] and ch.objectives_count == 2
    assert ch.t == e.t  # created then
    # the world café may be used to write too, and the phase's progress counts authors
    assert phase_progress(rs.state).done == {a: True, b: True, c: True}
    rs.goto(PhaseKind.WORLD_CAFE)
    write(rs, a, name="M. Paul")


def test_the_trainer_reviews_edits_merges_removes(rs, three):
    a, b, c = three
    one, two, other = write(rs, a), write(rs, b, name="Awa"), write(rs, c, name="Jo")
    (e,) = rs.trainer({"type": "character_review", "character": one, "decision": "send_back",
                       "comment": "  Trop proche de Fatima  "})
    assert e.data == {"character": one, "status": "sent_back", "comment": "Trop proche de Fatima"}
    assert rs.state.characters[one].status == CharacterStatus.SENT_BACK
    rs.act(a, character(character=one, name="Mme Diallo-Sow"))  # edited: a draft again
    assert rs.state.characters[one].status == CharacterStatus.DRAFT
    (e,) = rs.trainer({"type": "character_review", "character": one, "decision": "approve"})
    ch = rs.state.characters[one]
    assert ch.status == CharacterStatus.APPROVED and ch.approved_at == e.t and ch.comment == ""
    assert rs.reject(a, character(character=one)) == "character_approved"
    # the trainer may still edit it, any phase, status kept
    rs.goto(PhaseKind.ACCUEIL)
    (e,) = rs.trainer({**character(name="Mme Sow", role="caretaker", objectives=[]),
                       "type": "character_edit", "character": one})
    assert e.type == "character_edited" and e.data["authors"] == [a]
    ch = rs.state.characters[one]
    assert (ch.name, ch.role, ch.objectives, ch.status) == ("Mme Sow", "caretaker", [],
                                                            CharacterStatus.APPROVED)
    # merge: `into` keeps its fields, gains the authors
    (e,) = rs.trainer({"type": "character_merge", "characters": [two, one], "into": one})
    assert e.data["characters"] == [two] and e.data["authors"] == [a, b]
    assert rs.state.characters[one].authors == [a, b]
    assert rs.state.characters[one].name == "Mme Sow"
    assert (rs.state.characters[two].status, rs.state.characters[two].merged_into) == \
        (CharacterStatus.MERGED, one)
    # removing `into` takes those merged into it along
    rs.trainer({"type": "character_remove", "character": one})
    assert list(rs.state.characters) == [other]
    rs.trainer({"type": "persona_pool", "scenario": False})
    assert rs.state.persona_pool_scenario is False


def test_refusals(rs, three):
    a, b, c = three
    rs.goto(PhaseKind.ACCUEIL)
    assert rs.reject(a, character()) == "wrong_phase"
    rs.goto(PhaseKind.PERSONNAGES)
    late = rs.join("Dan")  # no persona: may still write
    cid = write(rs, late)
    for bad in ({"name": " "}, {"name": "x" * 61}, {"age": "x" * 31}, {"situation": "x" * 121},
                {"bio": "x" * 601}, {"needs": "x" * 401}, {"portrait": "P07"},
                {"portrait": "x" * 41}, {"role": "mayor"}, {"objectives": [JUDGED] * 3},
                {"coauthors": [b, c, late, a]}):
        assert rs.reject(a, character(**bad)) == "invalid_action", bad
    assert rs.reject(a, character(coauthors=["p99"])) == "unknown_participant"
    # objectives: as the scenario check reads them
    for obj, code in (({"text": "x", "kind": "indicator"}, "objective_invalid"),
                      ({"text": "x", "extra": 1}, "objective_invalid"),
                      ({"text": " ", "kind": "judged"}, "objective_invalid"),
                      ({"text": "x" * 301, "kind": "judged"}, "objective_invalid"),
                      ({"text": "x", "kind": "judged", "euros": 3}, "objective_invalid"),
                      ({"text": "x", "kind": "use", "uses": ["zzz"]}, "objective_unknown"),
                      ({"text": "x", "kind": "workload", "metier": "zzz"}, "objective_unknown"),
                      ({"text": "x", "kind": "use", "uses": ["jardin_partage"],
                        "space": "hall_a"}, "objective_unreachable")):
        assert rs.reject(a, character(objectives=[obj])) == code, obj
    # editing: authors only, not merged, not approved
    assert rs.reject(a, character(character=cid)) == "not_author"
    assert rs.reject(a, character(character="ch0")) == "unknown_character"
    rs.act(late, character(character=cid, coauthors=[a, b, c]))
    assert rs.reject(a, character(character=cid, coauthors=[rs.join("Eve")])) == \
        "too_many_authors"
    # limits
    for _ in range(MAX_EACH):
        write(rs, b)
    assert rs.reject(b, character()) == "too_many_characters"
    # trainer actions
    for action in ({"type": "character_review", "character": cid, "decision": "approve"},
                   {"type": "character_remove", "character": cid},
                   {"type": "character_merge", "characters": [cid, cid], "into": cid},
                   {"type": "persona_pool", "scenario": False},
                   {**character(), "type": "character_edit", "character": cid}):
        assert rs.reject(a, action) == "trainer_only"
        assert rs.reject(SPECTATOR, action) == "spectator"
    assert rs.reject(TRAINER, character()) == "forbidden_role"
    assert rs.reject(TRAINER, {"type": "character_review", "character": cid,
                               "decision": "send_back", "comment": " "}) == "comment_required"
    assert rs.reject(TRAINER, {"type": "character_review", "character": "ch0",
                               "decision": "approve"}) == "unknown_character"
    other = next(k for k in rs.state.characters if k != cid)
    for chars, into, code in (([cid, cid], cid, "bad_merge"), ([cid, other], "ch0", "bad_merge"),
                              ([cid, "ch0"], cid, "unknown_character")):
        assert rs.reject(TRAINER, {"type": "character_merge", "characters": chars,
                                   "into": into}) == code
    assert rs.reject(TRAINER, {"type": "character_merge", "characters": [cid],
                               "into": cid}) == "invalid_action"
    rs.trainer({"type": "character_review", "character": cid, "decision": "approve"})
    assert rs.reject(TRAINER, {"type": "character_review", "character": cid,
                               "decision": "approve"}) == "already_reviewed"
    rs.trainer({"type": "character_merge", "characters": [other, cid], "into": cid})
    for action in ({"type": "character_review", "character": other, "decision": "approve"},
                   {**character(), "type": "character_edit", "character": other},
                   {"type": "character_merge", "characters": [other, cid], "into": cid}):
        assert rs.reject(TRAINER, action) == "character_merged"
    assert rs.reject(b, character(character=other)) == "character_merged"
    # a character someone plays is neither removed, merged away nor sent back
    rs.act(late, {"type": "choose_persona", "persona": cid})
    third = next(k for k, ch in rs.state.characters.items() if ch.status == "draft")
    for action in ({"type": "character_remove", "character": cid},
                   {"type": "character_review", "character": cid, "decision": "send_back",
                    "comment": "Non"},
                   {"type": "character_merge", "characters": [cid, third], "into": third}):
        assert rs.reject(TRAINER, action) == "character_played"


def test_the_room_has_a_limit(rs):
    rs.goto(PhaseKind.PERSONNAGES)
    for _ in range(MAX_CHARACTERS // MAX_EACH):
        pid = rs.join("P")
        for _ in range(MAX_EACH):
            write(rs, pid)
    assert rs.reject(rs.join("Zoé"), character()) == "characters_full"


def test_choosing_a_character_and_the_pool(rs, three):
    a, _, _ = three
    cid = write(rs, a)
    d = rs.join("Dan")
    assert rs.reject(d, {"type": "choose_persona", "persona": cid}) == "unknown_persona"  # draft
    rs.trainer({"type": "character_review", "character": cid, "decision": "approve"})
    rs.trainer({"type": "persona_pool", "scenario": False})
    assert rs.reject(d, {"type": "choose_persona", "persona": "fatima"}) == "persona_not_offered"
    (e,) = rs.act(d, {"type": "choose_persona", "persona": cid})
    assert e.data == {"persona": cid, "role": "resident"}
    persona = rs.state.persona(cid)
    assert (persona.id, persona.name, persona.role, persona.portrait) == \
        (cid, "Mme Diallo", "resident", "p07")
    assert persona.bio == ("72 ans · Veuve, au 4e du bâtiment A · Ancienne couturière. · "
                           "Un banc à l'ombre et une salle pour coudre ensemble.")
    assert [o.text for o in persona.private_objectives] == [SECRET]
    assert rs.state.persona("fatima").name and rs.state.persona(None) is None
    assert rs.state.persona("zzz") is None
    # players_per_persona applies
    for name in ("E", "F"):
        rs.act(rs.join(name), {"type": "choose_persona", "persona": cid})
    assert rs.reject(rs.join("G"), {"type": "choose_persona", "persona": cid}) == "persona_full"
    # the player gets its objectives in `me`; the fiche reads them as a persona's
    assert me_for(rs.state, Actor.participant(d))["private_objectives"][0]["text"] == SECRET
    # the trainer changes its role: its players play the new one
    rs.trainer({**character(role="manager", objectives=[JUDGED]), "type": "character_edit",
                "character": cid})
    assert rs.state.participants[d].role == "manager"
    assert [o["text"] for o in me_for(rs.state, Actor.participant(d))["private_objectives"]] \
        == [JUDGED["text"]]


def test_a_persona_choice_phase_reopens_the_choice_once(rs, three):
    a, b, c = three
    ateliers = rs.phase_index(PhaseKind.ATELIERS)
    assert rs.scenario.phases[ateliers].persona_choice
    # no approved character: nothing new to choose, everyone keeps theirs
    cid = write(rs, a)
    events = rs.trainer({"type": "set_phase", "phase": ateliers})
    assert [e.type for e in events] == ["phase_changed"]
    assert rs.state.participants[a].persona == "fatima"
    rs.goto(PhaseKind.PERSONNAGES)
    rs.trainer({"type": "character_review", "character": cid, "decision": "approve"})
    events = rs.trainer({"type": "set_phase", "phase": ateliers})
    assert [e.type for e in events] == ["phase_changed", "personas_reopened"]
    assert events[1].by == "trainer"
    assert events[1].data == {"phase": "ateliers", "participants": [a, b, c]}
    for pid, before in ((a, "fatima"), (b, "marc"), (c, "claire")):
        p = rs.state.participants[pid]
        assert (p.persona, p.role, p.past_personas) == (None, None, [before])
        assert todo(rs.state, Actor.participant(pid)) == "choose_persona"
    assert rs.state.persona_choices_opened == ["ateliers"]
    assert rs.reject(a, {"type": "draft_place", "space": "cour", "use": "jardin_partage",
                         "why": "x"}) == "no_persona"
    rs.act(b, {"type": "choose_persona", "persona": cid})
    rs.act(a, {"type": "choose_persona", "persona": "marc"})
    assert rs.state.participants[b].role == "resident"
    # back and forth: the choice is not opened a second time
    rs.goto(PhaseKind.PERSONNAGES)
    assert [e.type for e in rs.trainer({"type": "set_phase", "phase": ateliers})] == \
        ["phase_changed"]
    assert rs.state.participants[b].persona == cid
    # the log replays to the same state, snapshots load back
    assert state_hash(replay(rs.scenario, rs.events)) == rs.hash()
    assert state_hash(replay(rs.scenario, [e.to_dict() for e in rs.events])) == rs.hash()
    back = state_from_dict(rs.scenario, rs.state.to_dict())
    assert state_hash(back) == rs.hash() and back.characters == rs.state.characters
    assert back.participants[a].past_personas == ["fatima"]
    clone = rs.state.clone()
    clone.characters[cid].authors.append("p9")
    clone.participants[a].past_personas.append("x")
    assert rs.state.characters[cid].authors == [a] and rs.state.participants[a].past_personas == \
        ["fatima"]


def test_objectives_reach_only_authors_the_trainer_and_the_player(rs, three):
    a, b, c = three
    rs.act(a, character(coauthors=[b]))
    (e,) = rs.events[-1:]
    cid = e.data["character"]
    for viewer, sees in ((Actor.participant(a), True), (Actor.participant(b), True),
                         (TRAINER, True), (Actor.participant(c), False), (SPECTATOR, False)):
        got = event_for(e, viewer)
        assert got.data["objectives_count"] == 1
        assert (got.data["objectives"] != []) is sees, viewer
        assert (SECRET in json.dumps(got.to_dict(), ensure_ascii=False)) is sees
        v = view_for(rs.state, viewer)
        assert v["characters"][cid]["objectives_count"] == 1
        assert (SECRET in json.dumps(v, ensure_ascii=False)) is sees, viewer
        assert state_from_dict(rs.scenario, v).characters[cid].name == "Mme Diallo"
    # the trainer's edit and a merge: routed the same way
    other = write(rs, c, name="Jo", objectives=[])
    rs.trainer({**character(), "type": "character_edit", "character": cid})
    (merged,) = rs.trainer({"type": "character_merge", "characters": [cid, other], "into": cid})
    assert SECRET in json.dumps(event_for(merged, Actor.participant(c)).data)  # now an author
    edited = rs.events[-2]
    assert edited.type == "character_edited"
    assert event_for(edited, Actor.participant(c)).data["objectives"] == []
    assert event_for(edited, Actor.participant(b)).data["objectives"] != []
    # the player has them in `me`, not in the characters
    rs.trainer({"type": "character_review", "character": cid, "decision": "approve"})
    d = rs.join("Dan")
    rs.act(d, {"type": "choose_persona", "persona": cid})
    v = view_for(rs.state, Actor.participant(d))
    assert v["characters"][cid]["objectives"] == []
    assert [o["text"] for o in v["me"]["private_objectives"]] == [SECRET]


def scenario_with(data: dict) -> Scenario:
    return Scenario.model_validate(data)


def test_old_scenarios_and_the_check():
    data = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    k = next(i for i, p in enumerate(data["phases"]) if p.get("persona_choice"))
    _, problems = check_data(data)
    assert not [p for p in problems if str(p.code) == "personnages_not_played"]
    del data["phases"][k]["persona_choice"]
    _, problems = check_data(data)
    made = next(i for i, p in enumerate(data["phases"]) if p["kind"] == "personnages")
    found = [p for p in problems if str(p.code) == "personnages_not_played"]
    assert [p.path.endswith(f"phases[{made}].kind") for p in found] == [True]
    # a portrait on a persona is optional, and checked
    data["personas"][0]["portrait"] = "p03"
    assert scenario_with(data).personas[0].portrait == "p03"
    data["personas"][0]["portrait"] = "Portrait 3"
    _, problems = check_data(data)
    assert any("portrait" in p.path for p in problems)


def test_a_session_without_the_new_phases_is_unchanged(short):
    ss = Session(short)
    a = ss.join("Ana", short.personas[0].id)
    assert not any(p.persona_choice for p in short.phases)
    for i in range(len(short.phases)):
        ss.trainer({"type": "set_phase", "phase": i})
    assert ss.state.participants[a].persona == short.personas[0].id
    assert "characters" not in ss.state.to_dict(for_hash=True)
    assert "past_personas" not in ss.state.to_dict(for_hash=True)["participants"][a]


def test_a_merge_into_a_character_merged_later_follows_it(rs, three):
    """A merged into B, then B merged into C: A points at C, never at a merged character (and
    removing C takes both along)."""
    a, b, c = three
    one, two, third = write(rs, a), write(rs, b, name="Awa"), write(rs, c, name="Jo")
    rs.trainer({"type": "character_merge", "characters": [one, two], "into": two})
    rs.trainer({"type": "character_merge", "characters": [two, third], "into": third})
    chars = rs.state.characters
    assert chars[one].merged_into == chars[two].merged_into == third
    assert chars[third].status == CharacterStatus.DRAFT and chars[third].authors == [c, b, a]
    rs.trainer({"type": "character_remove", "character": third})
    assert rs.state.characters == {}
