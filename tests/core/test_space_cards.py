"""The spaces' cards (« ce que l'îlot en dit »): the trainer files café notes under spaces,
edits and removes lines; the refusals and limits; the read-model; replay and views."""

from __future__ import annotations

from helpers import SCENARIOS, SPECTATOR, TRAINER, Session

from ilot.game.core import Actor, load_scenario, replay, state_hash, view_for
from ilot.game.core.kinds import PhaseKind
from ilot.game.core.space_card import MAX_LINES, MAX_LINES_PER_SPACE, card_spaces, space_card
from ilot.game.core.state import state_from_dict


def cafe(rs):
    """Two participants at two tables, each with a café note: (pids, note ids)."""
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.goto(PhaseKind.WORLD_CAFE)
    notes = []
    for pid, text in ((a, "La cour sert de parking sauvage"), (b, "Un banc dans la cour")):
        (e,) = rs.act(pid, {"type": "cafe_note", "table": rs.state.cafe_table_of(pid),
                            "text": text})
        notes.append(e.data["note"])
    return (a, b), notes


def line(rs, space, text, notes=(), line_id=None):
    action = {"type": "space_card_line", "space": space, "text": text, "notes": list(notes)}
    if line_id is not None:
        action["line"] = line_id
    (e,) = rs.trainer(action)
    return e


def test_the_trainer_groups_notes_into_a_line_edits_and_removes_it(rs):
    _, (k1, k2) = cafe(rs)
    e = line(rs, "cour", "  La cour : un parking à reprendre, un banc à poser  ", [k1, k2, k1])
    assert (e.type, e.by) == ("space_card_line_set", "trainer")
    sc1 = e.data["line"]
    assert sc1.startswith("sc")
    assert e.data == {"line": sc1, "space": "cour",
                      "text": "La cour : un parking à reprendre, un banc à poser",
                      "notes": [k1, k2]}  # stripped, each note once
    assert [x.id for x in space_card(rs.state, "cour")] == [sc1]
    assert space_card(rs.state, "jardin") == []
    # a note may be grouped in several lines, on several cards; a line may group no note
    sc2 = line(rs, "jardin", "Des bancs aussi au jardin", [k2]).data["line"]
    sc3 = line(rs, "cour", "Dit en plénière : éclairer le soir").data["line"]
    assert rs.state.space_cards[sc3].notes == []
    assert card_spaces(rs.state) == ["cour", "jardin"]
    # an edit replaces the whole line and keeps its place on the card
    e = line(rs, "cour", "Un parking sauvage à reprendre", [k1], line_id=sc1)
    assert e.data["line"] == sc1
    assert [(x.id, x.text, x.notes) for x in space_card(rs.state, "cour")] == [
        (sc1, "Un parking sauvage à reprendre", [k1]), (sc3, "Dit en plénière : éclairer le soir", [])]
    # an edit may move a line to another space
    line(rs, "jardin", "Éclairer le jardin", line_id=sc3)
    assert [x.id for x in space_card(rs.state, "jardin")] == [sc2, sc3]
    (e,) = rs.trainer({"type": "space_card_remove", "line": sc2})
    assert (e.type, e.data) == ("space_card_line_removed", {"line": sc2})
    assert [x.id for x in space_card(rs.state, "jardin")] == [sc3]


def test_refusals(rs):
    (a, _), (k1, _) = cafe(rs)
    ok = {"type": "space_card_line", "space": "cour", "text": "x"}
    assert rs.reject(a, ok) == "trainer_only"
    assert rs.reject(SPECTATOR, ok) == "spectator"
    assert rs.reject(a, {"type": "space_card_remove", "line": "sc1"}) == "trainer_only"
    assert rs.reject(TRAINER, {**ok, "space": "lune"}) == "unknown_space"
    assert rs.reject(TRAINER, {**ok, "text": "   "}) == "invalid_action"
    assert rs.reject(TRAINER, {**ok, "text": "x" * 301}) == "invalid_action"
    assert rs.reject(TRAINER, {**ok, "notes": [k1, "k999"]}) == "unknown_note"
    assert rs.reject(TRAINER, {**ok, "line": "sc999"}) == "no_such_card_line"
    assert rs.reject(TRAINER, {"type": "space_card_remove", "line": "sc999"}) == "no_such_card_line"
    line(rs, "cour", "x" * 300, [k1])  # the longest wording
    # any phase: before the café (nothing to group yet) and on day 2
    rs.goto(PhaseKind.ACCUEIL)
    line(rs, "jardin", "Écrit avant le café")
    rs.goto(PhaseKind.DELIBERATION)
    line(rs, "jardin", "Complété le jour 2", [k1])


def test_the_limits_per_space_and_per_room(rs):
    for i in range(MAX_LINES_PER_SPACE):
        line(rs, "cour", f"Ligne {i}")
    full = {"type": "space_card_line", "space": "cour", "text": "Une de plus"}
    assert rs.reject(TRAINER, full) == "space_card_full"
    # moving a line there is refused as well; editing one already there is not
    other = line(rs, "jardin", "Au jardin").data["line"]
    assert rs.reject(TRAINER, {**full, "line": other}) == "space_card_full"
    first = next(iter(rs.state.space_cards))
    line(rs, "cour", "Reformulée", line_id=first)
    rs.trainer({"type": "space_card_remove", "line": first})
    line(rs, "cour", "Une de plus")  # a removed line frees its place
    spaces = iter(s.id for s in rs.scenario.play_spaces() if s.id not in ("cour", "jardin"))
    while len(rs.state.space_cards) < MAX_LINES:
        space = next(spaces, "jardin")
        while len(rs.state.space_cards) < MAX_LINES and sum(
                x.space == space for x in rs.state.space_cards.values()) < MAX_LINES_PER_SPACE:
            line(rs, space, "Encore")
    assert rs.reject(TRAINER, {**full, "space": "hall_a"}) == "space_cards_full"
    line(rs, "jardin", "Reformulée", line_id=other)  # edits still go


def test_a_part_shows_the_lines_of_the_space_it_is_a_part_of():
    tour = load_scenario(SCENARIOS / "tour_des_peupliers.json")
    s = Session(tour)
    parts = [p.id for p in tour.parts_of("friche")]
    assert parts and "friche" not in tour.index("space")
    whole = line(s, "friche", "La friche entière : oser un usage transitoire").data["line"]
    one = line(s, parts[0], "Le premier tiers : un jardin").data["line"]
    assert [x.id for x in space_card(s.state, parts[0])] == [whole, one]
    assert [x.id for x in space_card(s.state, parts[1])] == [whole]
    assert [x.id for x in space_card(s.state, "friche")] == [whole]
    assert card_spaces(s.state) == ["friche", parts[0]]


def test_everybody_sees_the_cards_and_replay_and_snapshots_keep_them(rs):
    (_, b), (k1, k2) = cafe(rs)
    sc1 = line(rs, "cour", "Un parking sauvage", [k1, k2]).data["line"]
    for viewer in (Actor.participant(b), SPECTATOR, TRAINER):
        v = view_for(rs.state, viewer)
        assert v["space_cards"][sc1]["text"] == "Un parking sauvage"
        assert v["space_cards"][sc1]["notes"] == [k1, k2]
    assert state_hash(replay(rs.scenario, rs.events)) == rs.hash()
    back = state_from_dict(rs.scenario, rs.state.to_dict())
    assert state_hash(back) == rs.hash() and back.space_cards == rs.state.space_cards
    clone = rs.state.clone()
    clone.space_cards[sc1].notes.append("k9")
    assert rs.state.space_cards[sc1].notes == [k1, k2]  # a deep copy
