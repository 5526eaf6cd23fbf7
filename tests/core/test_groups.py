"""Ateliers and mise en commun: groups, drafts, spotlight, arguments."""

from __future__ import annotations

from helpers import Session

PERSONAS = ["fatima", "aurelie", "odette", "marc", "nadia", "kevin", "claire", "philippe", "sophie"]


def _nine(rs):
    return [rs.join(f"P{i}", p) for i, p in enumerate(PERSONAS)]


def test_random_groups_mix_roles_and_are_deterministic(rich):
    a, b = Session(rich), Session(rich)
    for s in (a, b):
        _nine(s)
        s.trainer({"type": "form_groups", "count": 3})
    groups = a.state.groups
    assert groups.keys() == {"g1", "g2", "g3"}
    assert [g.members for g in groups.values()] == [g.members for g in b.state.groups.values()]
    members = [m for g in groups.values() for m in g.members]
    assert sorted(members) == sorted(a.state.participants)
    for g in groups.values():
        assert {a.state.participants[m].role for m in g.members} == {
            "resident", "caretaker", "manager"}


def test_random_groups_depend_on_the_seed(rich):
    deals = set()
    for seed in range(1, 8):
        s = Session(rich, seed=seed)
        _nine(s)
        s.trainer({"type": "form_groups", "count": 3})
        deals.add(tuple(tuple(g.members) for g in s.state.groups.values()))
    assert len(deals) > 1


def test_trainer_assigned_groups_and_their_rejections(rs):
    p = _nine(rs)
    rs.trainer({"type": "form_groups", "count": 2, "random": False,
                "groups": [p[:4], p[4:]]})
    assert rs.state.groups["g2"].members == p[4:]
    assert rs.state.groups["g1"].number == 1
    assert rs.reject("trainer", {"type": "form_groups", "count": 3,
                                 "groups": [p[:4], p[4:]]}) == "bad_groups"
    assert rs.reject("trainer", {"type": "form_groups", "count": 2,
                                 "groups": [p[:4], p[3:]]}) == "bad_groups"
    assert rs.reject("trainer", {"type": "form_groups", "count": 2,
                                 "groups": [p[:4], ["p99"]]}) == "unknown_participant"
    assert rs.reject(p[0], {"type": "form_groups", "count": 2}) == "trainer_only"


def test_move_member(rs):
    p = _nine(rs)
    rs.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [p[:4], p[4:]]})
    rs.trainer({"type": "move_member", "participant": p[0], "group": "g2"})
    assert p[0] not in rs.state.groups["g1"].members
    assert rs.state.groups["g2"].members[-1] == p[0]
    assert rs.state.group_of(p[0]) == "g2"
    assert rs.reject("trainer", {"type": "move_member", "participant": "p99",
                                 "group": "g1"}) == "unknown_participant"
    assert rs.reject("trainer", {"type": "move_member", "participant": p[0],
                                 "group": "g9"}) == "unknown_group"


def test_each_group_drafts_on_its_own_map(rs):
    p = _nine(rs)
    rs.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [p[:4], p[4:8]]})
    rs.goto("ateliers")
    rs.act(p[0], {"type": "draft_place", "space": "cour", "use": "aire_jeux", "why": " Enfants "})
    rs.act(p[5], {"type": "draft_place", "space": "cour", "use": "jardin_partage"})
    g1, g2 = rs.state.groups["g1"], rs.state.groups["g2"]
    assert (g1.draft["cour"].use, g1.draft["cour"].why, g1.draft["cour"].by) == (
        "aire_jeux", "Enfants", p[0])
    assert g2.draft["cour"].use == "jardin_partage"
    rs.act(p[1], {"type": "draft_place", "space": "cour", "use": "composteur"})  # replaces
    assert g1.draft["cour"].use == "composteur"
    rs.act(p[2], {"type": "draft_clear", "space": "cour"})
    assert "cour" not in g1.draft and "cour" in g2.draft
    assert rs.reject(p[2], {"type": "draft_clear", "space": "cour"}) == "not_placed"
    assert rs.reject(p[8], {"type": "draft_place", "space": "cour",
                            "use": "aire_jeux"}) == "no_group"
    assert rs.reject(p[8], {"type": "draft_clear", "space": "cour"}) == "no_group"
    assert rs.reject(p[0], {"type": "draft_place", "space": "lune",
                            "use": "aire_jeux"}) == "unknown_space"
    assert rs.reject(p[0], {"type": "draft_place", "space": "cour",
                            "use": "zzz"}) == "unknown_use"
    assert rs.reject(p[0], {"type": "draft_place", "space": "hall_a",
                            "use": "aire_jeux"}) == "use_not_allowed"
    rs.goto("mise_en_commun")
    assert rs.reject(p[0], {"type": "draft_place", "space": "cour",
                            "use": "aire_jeux"}) == "wrong_phase"


def test_use_not_allowed_when_space_too_small(rs):
    # boite_livres fits a hall by kind; tiers_lieu needs 150 m² on a friche of 700 m² (fits),
    # salle_associative needs 40 m² and the loge has 30 m²: too small although the kind is allowed
    loge = rs.scenario.space("loge")
    use = rs.scenario.use("salle_associative")
    assert loge.kind in use.allowed_kinds and loge.area_m2 < use.min_area_m2
    p = _nine(rs)
    rs.trainer({"type": "form_groups", "count": 1})
    rs.goto("ateliers")
    assert rs.reject(p[0], {"type": "draft_place", "space": "loge",
                            "use": "salle_associative"}) == "use_not_allowed"


def test_spotlight_and_arguments(rs):
    p = _nine(rs)
    rs.trainer({"type": "form_groups", "count": 3})
    rs.goto("mise_en_commun")
    rs.trainer({"type": "spotlight", "group": "g2"})
    assert rs.state.spotlight == "g2"
    assert rs.reject("trainer", {"type": "spotlight", "group": "g7"}) == "unknown_group"
    (e,) = rs.act(p[0], {"type": "argue", "group": "g2", "stance": "contre",
                         "text": "Qui va nettoyer ?"})
    arg = rs.state.arguments[e.data["argument"]]
    assert (arg.group, arg.author, arg.stance) == ("g2", p[0], "contre")
    assert rs.reject(p[0], {"type": "argue", "group": "g7", "stance": "pour",
                            "text": "x"}) == "unknown_group"
    assert rs.reject(p[0], {"type": "spotlight", "group": "g1"}) == "trainer_only"
    rs.trainer({"type": "spotlight", "group": None})
    assert rs.state.spotlight is None
    rs.trainer({"type": "spotlight", "group": "g3"})
    rs.trainer({"type": "form_groups", "count": 2})  # regrouping drops a stale spotlight
    assert rs.state.spotlight is None


def test_new_groups_do_not_inherit_the_items_of_earlier_groups(rs):
    p = _nine(rs)
    rs.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [p[:4], p[4:]]})
    assert set(rs.state.groups) == {"g1", "g2"}
    # re-formed as the same groups (the default): same ids, drafts kept
    rs.trainer({"type": "form_groups", "count": 2, "random": False, "groups": [p[4:], p[:4]]})
    assert set(rs.state.groups) == {"g1", "g2"}
    # formed anew: new ids (numbered from 1 again), so g1's and g2's items stay theirs
    rs.trainer({"type": "form_groups", "count": 3, "keep_drafts": False})
    assert set(rs.state.groups) == {"g3", "g4", "g5"}
    assert [g.number for g in rs.state.groups.values()] == [1, 2, 3]
    rs.trainer({"type": "form_groups", "count": 1, "keep_drafts": False})
    assert set(rs.state.groups) == {"g6"}
