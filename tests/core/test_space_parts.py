"""A space of capacity k is played as k parts: geometry, expansion, rules, simulation, check."""

from __future__ import annotations

import json

import pytest
from helpers import PARTS_FILE, ROOT, Session

from ilot.game.core import load_scenario
from ilot.game.core.geometry import area, bands, clip, contains
from ilot.game.core.kinds import Subject
from ilot.game.core.scenario import Scenario
from ilot.game.core.scenario_check import ScenarioCode, check_data
from ilot.game.core.simulation import bailleur_investment, plan_from_placements, simulate

FRICHE = ["friche-1", "friche-2", "friche-3"]


@pytest.fixture(scope="module")
def parts():
    return load_scenario(PARTS_FILE)


def _data() -> dict:
    return json.loads(PARTS_FILE.read_text(encoding="utf-8"))


def _on_or_inside(poly, x, y, eps=1e-6) -> bool:
    """Inside `poly`, or within `eps` of one of its edges."""
    if contains(poly, x, y):
        return True
    n = len(poly)
    for i in range(n):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % n]
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        if (x1 + t * dx - x) ** 2 + (y1 + t * dy - y) ** 2 <= eps * eps:
            return True
    return False


SHAPES = {
    "rectangle": [(0, 0), (30, 0), (30, 10), (0, 10)],
    "tall": [(5, 0), (15, 0), (15, 40), (5, 40)],
    "triangle": [(0, 0), (40, 0), (0, 20)],
    "L": [(0, 0), (40, 0), (40, 10), (10, 10), (10, 20), (0, 20)],
    "pentagon": [(10, 0), (30, 5), (34, 22), (12, 28), (0, 12)],
}


@pytest.mark.parametrize("name", sorted(SHAPES))
@pytest.mark.parametrize("k", [1, 2, 3, 6])
def test_bands_cover_the_polygon_in_equal_areas_and_stay_inside(name, k):
    poly = SHAPES[name]
    parts = bands(poly, k)
    assert len(parts) == k
    whole = area(poly)
    assert sum(area(p) for p in parts) == pytest.approx(whole, rel=1e-9)
    for p in parts:
        assert area(p) == pytest.approx(whole / k, rel=1e-6)
        assert all(_on_or_inside(poly, x, y) for x, y in p)
    xs = [x for x, _ in poly]
    ys = [y for _, y in poly]
    axis = 0 if max(xs) - min(xs) >= max(ys) - min(ys) else 1
    lows = [min(pt[axis] for pt in p) for p in parts]
    assert lows == sorted(lows)  # west to east, or north to south


def test_clip_keeps_one_side_and_both_sides_share_the_cut():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    west, east = clip(square, 0, 4, below=True), clip(square, 0, 4, below=False)
    assert area(west) == 40 and area(east) == 60
    assert {p for p in west if p[0] == 4} == {p for p in east if p[0] == 4} == {(4, 0), (4, 10)}
    assert clip(square, 0, -1, below=True) == []


def test_a_space_of_capacity_three_is_three_parts(parts):
    written = {s.id: s for s in parts.spaces}
    friche = written["friche"]
    assert friche.capacity == 3 and friche.parent is None
    play = parts.index("space")
    assert "friche" not in play
    assert [s.id for s in parts.parts_of("friche")] == FRICHE
    assert [s.id for s in parts.play_spaces()] == list(play)
    ids = [s.id for s in parts.play_spaces()]
    assert ids.index("friche-1") == [s.id for s in parts.spaces].index("friche")  # in place
    for n, pid in enumerate(FRICHE, start=1):
        p = play[pid]
        assert (p.parent, p.capacity, p.name) == ("friche", 1, f"Friche ({n}/3)")
        assert p.area_m2 == pytest.approx(300)
        assert (p.kind, p.level, p.condition, p.constraints, p.building, p.current_use) == (
            friche.kind, friche.level, friche.condition, friche.constraints, friche.building,
            friche.current_use)
        assert p.neighbours == ["cour"] + [o for o in FRICHE if o != pid]
        assert all(_on_or_inside(friche.polygon, x, y) for x, y in p.polygon)
    assert sum(area(play[p].polygon) for p in FRICHE) == pytest.approx(area(friche.polygon))
    # the friche is 24 × 30: cut north to south into three bands 10 high
    assert play["friche-2"].polygon and {y for _, y in play["friche-2"].polygon} == {42, 52}
    # a space that names the friche as a neighbour has its three parts instead
    assert play["cour"].neighbours == ["pieds", *FRICHE]
    assert written["cour"].neighbours == ["pieds", "friche"]


def test_spaces_without_capacity_are_the_very_same_objects(rich, short):
    for sc in (rich, short):
        assert all(a is b for a, b in zip(sc.spaces, sc.play_spaces(), strict=True))
        assert all(s.capacity == 1 and s.parent is None for s in sc.spaces)


def test_what_clients_receive_expands_to_the_same_parts(parts):
    again = Scenario.model_validate(parts.public())
    assert again.play_spaces() == parts.play_spaces()
    stored = Scenario.model_validate_json(parts.model_dump_json())
    assert stored.play_spaces() == parts.play_spaces()
    assert [s["id"] for s in parts.public()["spaces"]] == [s.id for s in parts.spaces]


def test_uses_fit_a_part_by_its_own_area(parts):
    part = parts.space("friche-1")
    fits = {u.id for u in parts.uses_for(part)}
    assert {"jardin_partage", "aire_jeux", "composteur", "vegetalisation"} <= fits


def _adopt(s: Session, pids: list[str], placements: dict[str, str]) -> None:
    (e,) = s.act(pids[0], {"type": "propose", "title": "La friche", "placements": placements})
    (r,) = s.trainer({"type": "open_round",
                      "subject": str(Subject.of_proposal(e.data["proposal"]))})
    for p in pids:
        s.act(p, {"type": "take_position", "round": r.data["round"], "option": "accord"})
    s.trainer({"type": "close_round", "round": r.data["round"]})


def test_proposals_schema_and_plan_name_parts_through_the_real_rules(parts):
    s = Session(parts)
    pids = [s.join("Jo", "josiane"), s.join("Sy", "sylvie"), s.join("Hé", "helene")]
    s.goto("deliberation")
    uses = {"friche-1": "jardin_partage", "friche-2": "aire_jeux", "friche-3": "composteur"}
    assert s.reject(pids[0], {"type": "propose", "title": "x",
                              "placements": {"friche": "aire_jeux"}}) == "unknown_space"
    _adopt(s, pids, uses)
    s.goto("schema_directeur")
    for year, (space, use) in enumerate(uses.items(), start=1):
        s.act(pids[year - 1], {"type": "schema_place", "space": space, "use": use, "year": year})
    assert {sp: p.use for sp, p in s.state.schema.items()} == uses
    assert s.reject(pids[0], {"type": "schema_place", "space": "friche", "use": "aire_jeux",
                              "year": 1}) == "unknown_space"
    s.goto("plan_action")
    (e,) = s.act(pids[1], {"type": "plan_add", "what": "Clôture", "lead": "gardien",
                           "quarter": 2, "cost": 1000, "payer": "bailleur",
                           "space": "friche-2", "use": "aire_jeux"})
    assert s.state.plan[e.data["item"]].space == "friche-2"
    traj = simulate(parts, plan_from_placements(uses))
    assert sorted(traj.final.active) == sorted(uses.items())


def test_drafts_keep_one_use_per_part(rich):
    data = json.loads((ROOT / "scenarios" / "ilot_des_tilleuls.json").read_text(encoding="utf-8"))
    next(sp for sp in data["spaces"] if sp["id"] == "friche")["capacity"] = 2
    sc, errors = check_data(data)
    assert sc is not None, errors
    s = Session(sc)
    pids = [s.join(f"P{i}", p.id) for i, p in enumerate(sc.personas[:3])]
    s.trainer({"type": "form_groups", "count": 1, "random": False, "groups": [pids]})
    s.goto("ateliers")
    s.act(pids[0], {"type": "draft_place", "space": "friche-1", "use": "local_jeunes"})
    s.act(pids[1], {"type": "draft_place", "space": "friche-2", "use": "coworking"})
    group = next(iter(s.state.groups.values()))
    assert {sp: d.use for sp, d in group.draft.items()} == {"friche-1": "local_jeunes",
                                                            "friche-2": "coworking"}


def test_the_simulation_counts_each_use_of_a_split_space(parts):
    uses = {"friche-1": "jardin_partage", "friche-2": "aire_jeux", "friche-3": "composteur"}
    plan = plan_from_placements(uses)
    assert bailleur_investment(parts, plan) == sum(parts.use(u).investment for u in uses.values())
    one = simulate(parts, plan_from_placements({"friche-1": "aire_jeux"}))
    three = simulate(parts, plan)
    assert len(three.final.active) == 3 and len(one.final.active) == 1
    assert three.final.invested > one.final.invested


def test_a_conflict_with_a_use_in_a_sibling_part_applies(parts):
    data = _data()
    aire = next(u for u in data["uses"] if u["id"] == "aire_jeux")
    indicator = data["indicators"][0]["id"]
    aire["conflicts"] = [{"with_use": "jardin_partage", "effects": {indicator: -5},
                          "reason": "Les ballons dans les plantations."}]
    with_conflict, errors = check_data(data)
    assert with_conflict is not None, errors
    plan = {"friche-1": "aire_jeux", "friche-2": "jardin_partage"}
    before = simulate(parts, plan_from_placements(plan)).final.indicators[indicator]
    after = simulate(with_conflict, plan_from_placements(plan)).final.indicators[indicator]
    assert after == pytest.approx(before - 5)


def _codes(data: dict) -> list[tuple[str, ScenarioCode]]:
    sc, errors = check_data(data)
    assert sc is None
    return [(e.path, e.code) for e in errors]


def test_the_check_finds_a_part_id_already_taken():
    data = _data()
    data["spaces"][0]["id"] = "friche-2"
    data["spaces"][1]["neighbours"] = ["pieds"]
    data["spaces"][3]["neighbours"] = ["friche-2", "caves", "ancienne_loge", "cour"]
    data["spaces"][2]["neighbours"] = ["friche-2", "pieds"]
    friche = next(i for i, s in enumerate(data["spaces"]) if s["id"] == "friche")
    assert _codes(data) == [(f"spaces[{friche}].capacity", ScenarioCode.PART_ID_TAKEN)]


def test_the_check_refuses_a_parent_written_by_hand():
    data = _data()
    data["spaces"][0]["parent"] = "cour"
    assert _codes(data) == [("spaces[0].parent", ScenarioCode.PARENT_GIVEN)]


def test_the_check_finds_parts_too_small_for_any_use():
    data = _data()
    friche = next(i for i, s in enumerate(data["spaces"]) if s["id"] == "friche")
    data["spaces"][friche]["area_m2"] = 30  # whole: composteur (6) fits; a sixth of it: none
    data["spaces"][friche]["capacity"] = 6
    for u in data["uses"]:
        if u["id"] in ("composteur", "vegetalisation"):
            u["min_area_m2"] = 20
    (problem,) = check_data(data)[1]
    assert (problem.path, problem.code) == (f"spaces[{friche}].capacity",
                                            ScenarioCode.PART_FITS_NO_USE)
    assert problem.params == {"capacity": 6, "area": 5.0}


def test_the_check_finds_a_use_only_the_whole_space_could_take():
    data = _data()
    data["space_kinds"].append({"id": "stade", "label": "Stade"})
    data["spaces"].append({"id": "stade", "name": "Stade", "kind": "stade", "capacity": 2,
                           "polygon": [[2, 2], [12, 2], [12, 6], [2, 6]], "area_m2": 100,
                           "condition": 50})
    data["uses"].append({"id": "foot", "name": "Foot", "allowed_kinds": ["stade"],
                         "min_area_m2": 80, "investment": 0, "running_cost_per_year": 0})
    i = len(data["uses"]) - 1
    assert _codes(data) == [(f"spaces[{len(data['spaces']) - 1}].capacity",
                             ScenarioCode.PART_FITS_NO_USE),
                            (f"uses[{i}]", ScenarioCode.USE_FITS_NO_SPACE)]


def test_a_split_space_given_twice_is_reported_not_a_crash():
    """Found by fuzzing broken files: the same id twice with different capacities, in a file
    that also has a shape error, used to stop the reading of the rest (a ValueError)."""
    import json

    from helpers import PARTS_FILE

    from ilot.game.core.scenario_check import ScenarioCode, check_data

    data = json.loads(PARTS_FILE.read_text(encoding="utf-8"))
    friche = next(s for s in data["spaces"] if s["id"] == "friche")
    data["spaces"].append(dict(friche, capacity=2))
    data["spaces"][0]["kind"] = 5
    scenario, errors = check_data(data, "x.json")
    assert scenario is None
    assert (f"spaces[{len(data['spaces']) - 1}].id", ScenarioCode.DUPLICATE_ID) in \
        [(e.path, e.code) for e in errors]
