"""Private objectives on anything the simulation computes: for each kind, a plan that meets it
and one that does not, through the real simulation of the rich scenario; a random-plan property
that no objective is ever reported met when its condition, computed here from the trajectory and
the plan, is false; old files keep loading; the scenario check says what is wrong and where."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import RICH_FILE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ilot.game.core.kinds import ExperimentOutcome, ObjectiveKind, ObjectiveVerdict
from ilot.game.core.objectives import judge, objectives_met
from ilot.game.core.scenario import PrivateObjective, Scenario
from ilot.game.core.scenario_check import ScenarioCode, check_data
from ilot.game.core.simulation import (
    QUARTERS,
    Activation,
    PlanInput,
    Trajectory,
    simulate,
    simulate_state,
)
from ilot.game.text import lang_for
from ilot.game.text.objectives import objective_measure, status_word

K = ObjectiveKind
MET, NOT_MET = ObjectiveVerdict.MET, ObjectiveVerdict.NOT_MET


def obj(**fields: Any) -> PrivateObjective:
    return PrivateObjective.model_validate({"text": "t", **fields})


def run(sc: Scenario, placements: dict[str, str] | None = None, *, experiments: tuple[str, ...] = (),
        rules: list[tuple[str, str | None]] | None = None, start: int = 1) -> tuple[PlanInput, Trajectory]:
    plan = PlanInput(activations=[Activation(s, u, start, -1, experiment=s in experiments)
                                  for s, u in sorted((placements or {}).items())],
                     rules=rules or [])
    return plan, simulate(sc, plan, seed=1)


def verdict_of(sc: Scenario, o: PrivateObjective, plan_traj: tuple[PlanInput, Trajectory]) -> ObjectiveVerdict:
    plan, traj = plan_traj
    return judge(o, sc, plan, traj).status


# plans used by several kinds: nothing at all, and a busy block
BUSY = {"jardin": "jardin_partage", "friche": "tiers_lieu", "salle_commune": "cafe_associatif",
        "caves_a": "local_jeunes", "cour": "aire_jeux", "loge": "conciergerie",
        "toit_terrasse": "potager_toit", "parking": "cinema_plein_air"}


@pytest.fixture(scope="module")
def empty(rich):
    return run(rich)


@pytest.fixture(scope="module")
def busy(rich):
    return run(rich, BUSY)


# ----- each kind: a plan that meets it, one that does not -----

def test_indicator_threshold_at_least_and_at_most(rich, empty, busy):
    end_busy, end_empty = busy[1].final.indicators["cohesion"], empty[1].final.indicators["cohesion"]
    assert end_busy > end_empty
    at_least = obj(indicator="cohesion", target=end_busy)
    assert verdict_of(rich, at_least, busy) == MET and verdict_of(rich, at_least, empty) == NOT_MET
    at_most = obj(indicator="cohesion", target=end_empty, direction="at_most")
    assert verdict_of(rich, at_most, empty) == MET and verdict_of(rich, at_most, busy) == NOT_MET
    v = judge(at_least, rich, *empty)
    assert (v.measured, v.target) == (end_empty, end_busy)


def test_indicator_change_follows_the_indicator_direction(rich, empty, busy):
    gain = busy[1].final.indicators["usage"] - busy[1].start.indicators["usage"]
    assert gain > 3
    o = obj(kind="indicator_change", indicator="usage", min_gain=3)
    assert verdict_of(rich, o, busy) == MET and verdict_of(rich, o, empty) == NOT_MET
    # the same numbers on an indicator where lower is better: a rise is no progress
    data = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    next(i for i in data["indicators"] if i["id"] == "usage")["better"] = "lower"
    lower = Scenario.model_validate(data)
    assert judge(o, lower, *busy).status == NOT_MET
    assert judge(o, lower, *busy).measured == pytest.approx(-gain, abs=1e-3)
    falls = obj(kind="indicator_change", indicator="usage", min_gain=-gain)
    assert judge(falls, lower, *busy).status == MET


def test_charges_ceiling_and_rise(rich, empty, busy):
    base = rich.budget.base_charges_per_household_month
    assert empty[1].final.charges == base and busy[1].final.charges > base + 1
    ceiling = obj(kind="charges_ceiling", euros=base + 1)
    assert verdict_of(rich, ceiling, empty) == MET and verdict_of(rich, ceiling, busy) == NOT_MET
    rise = obj(kind="charges_rise", euros=1)
    assert verdict_of(rich, rise, empty) == MET and verdict_of(rich, rise, busy) == NOT_MET
    v = judge(rise, rich, *busy)
    assert v.measured == pytest.approx(busy[1].final.charges - base) and v.target == 1


def test_workload_of_a_metier_with_and_without_margin(rich, empty, busy):
    needed, available = busy[1].final.workload["mediateur"]
    assert needed > available
    o = obj(kind="workload", metier="mediateur")
    assert verdict_of(rich, o, empty) == MET and verdict_of(rich, o, busy) == NOT_MET
    one = run(rich, {"jardin": "jardin_partage"})  # 2 h of the médiateur's 8
    needed, available = one[1].final.workload["mediateur"]
    assert verdict_of(rich, o, one) == MET
    assert verdict_of(rich, obj(kind="workload", metier="mediateur", margin_hours=available - needed),
                      one) == MET
    assert verdict_of(rich, obj(kind="workload", metier="mediateur",
                                margin_hours=available - needed + 0.5), one) == NOT_MET


def test_overall_overload(rich, empty, busy):
    assert empty[1].final.overload_pct == 0 and busy[1].final.overload_pct > 5
    o = obj(kind="overload", percent=5)
    assert verdict_of(rich, o, empty) == MET and verdict_of(rich, o, busy) == NOT_MET


def test_investment_within_the_budget_or_a_ceiling(rich, empty, busy):
    modest = run(rich, {"jardin": "jardin_partage", "friche": "tiers_lieu"})
    spent = modest[1].final.invested
    assert 0 < spent <= rich.budget.investment_total < busy[1].final.invested
    within = obj(kind="investment")
    assert verdict_of(rich, within, modest) == MET and verdict_of(rich, within, busy) == NOT_MET
    assert judge(within, rich, *busy).target == rich.budget.investment_total
    ceiling = obj(kind="investment", euros=spent - 1)
    assert verdict_of(rich, ceiling, modest) == NOT_MET and verdict_of(rich, ceiling, empty) == MET
    assert judge(ceiling, rich, *modest).measured == spent
    # scenario events' costs are unplanned repairs, not the plan's investment: not counted
    assert empty[1].final.unplanned > 0 and empty[1].final.invested == 0
    assert verdict_of(rich, obj(kind="investment", euros=0), empty) == MET


def test_a_use_anywhere_in_a_space_or_any_of_a_list(rich, empty, busy):
    laverie = obj(kind="use", uses=["laverie"])
    with_it = run(rich, {"caves_a": "laverie"})
    assert verdict_of(rich, laverie, with_it) == MET
    assert verdict_of(rich, laverie, busy) == NOT_MET  # « une laverie qui marche »: none here
    in_loge = obj(kind="use", uses=["laverie"], space="loge")
    assert verdict_of(rich, in_loge, with_it) == NOT_MET
    assert verdict_of(rich, in_loge, run(rich, {"loge": "laverie"})) == MET
    any_of = obj(kind="use", uses=["laverie", "potager_toit"])
    assert verdict_of(rich, any_of, busy) == MET and verdict_of(rich, any_of, empty) == NOT_MET
    assert judge(any_of, rich, *busy).found == (("toit_terrasse", "potager_toit"),)


def test_an_experiment_stopped_is_no_use_that_works(rich):
    stopped = run(rich, {"hall_a": "conciergerie"}, experiments=("hall_a",))
    assert [e["outcome"] for e in stopped[1].experiments] == [ExperimentOutcome.STOPPED]
    o = obj(kind="use", uses=["conciergerie"])
    v = judge(o, rich, *stopped)
    assert v.status == NOT_MET and v.stopped == (("hall_a", "conciergerie"),)
    assert "arrêté" in objective_measure(lang_for("fr"), rich, stopped[1], v)
    # the same use, not as an experiment, runs to the end
    assert verdict_of(rich, o, run(rich, {"hall_a": "conciergerie"})) == MET


def test_no_use_in_a_space(rich, empty, busy):
    quiet = obj(kind="no_use", space="loge", uses=["cafe_associatif", "local_jeunes"])
    assert verdict_of(rich, quiet, busy) == MET  # the loge has a conciergerie: not noisy
    assert verdict_of(rich, quiet, run(rich, {"loge": "local_jeunes"})) == NOT_MET
    nothing = obj(kind="no_use", space="toit_terrasse")
    assert verdict_of(rich, nothing, empty) == MET and verdict_of(rich, nothing, busy) == NOT_MET


def test_experiments_kept(rich, empty):
    kept = run(rich, {"jardin": "jardin_partage", "salle_commune": "local_jeunes", "pieds_a": "composteur"},
               experiments=("jardin", "salle_commune", "pieds_a"))
    outcomes = {e["use"]: e["outcome"] for e in kept[1].experiments}
    assert outcomes == {"jardin_partage": ExperimentOutcome.KEPT, "local_jeunes": ExperimentOutcome.STOPPED,
                        "composteur": ExperimentOutcome.KEPT}
    assert verdict_of(rich, obj(kind="experiment_kept", count=2), kept) == MET
    assert verdict_of(rich, obj(kind="experiment_kept", count=3), kept) == NOT_MET
    assert verdict_of(rich, obj(kind="experiment_kept"), empty) == NOT_MET
    assert verdict_of(rich, obj(kind="experiment_kept", uses=["local_jeunes"]), kept) == NOT_MET
    assert verdict_of(rich, obj(kind="experiment_kept", uses=["jardin_partage"]), kept) == MET
    # a use placed without running it as an experiment is not an experiment kept
    assert verdict_of(rich, obj(kind="experiment_kept"), run(rich, {"jardin": "jardin_partage"})) == NOT_MET


def test_a_rule_adopted_in_the_charter(rich, empty):
    o = obj(kind="rule", rule="registre_cles")
    assert verdict_of(rich, o, empty) == NOT_MET
    assert verdict_of(rich, o, run(rich, rules=[("registre_cles", None)])) == MET
    for_the_salle = obj(kind="rule", rule="registre_cles", space="salle_commune")
    assert verdict_of(rich, for_the_salle, run(rich, rules=[("registre_cles", "loge")])) == NOT_MET
    assert verdict_of(rich, for_the_salle, run(rich, rules=[("registre_cles", "salle_commune")])) == MET
    assert verdict_of(rich, for_the_salle, run(rich, rules=[("registre_cles", None)])) == MET


def test_a_rule_in_the_state_charter_through_the_session(rs):
    """The session's own charter, through real actions: the verdict follows it."""
    fatima = rs.join("Fatou", "fatima")
    o = obj(kind="rule", rule="convention_salle", space="salle_commune")
    assert judge(o, rs.scenario, rs.state, simulate_state(rs.state)).status == NOT_MET
    rs.goto("plan_action")
    rs.act(fatima, {"type": "rule_add", "rule": "convention_salle", "space": "salle_commune"})
    assert judge(o, rs.scenario, rs.state, simulate_state(rs.state)).status == MET


def test_judged_by_the_group(rich, busy):
    v = judge(obj(), rich, *busy)
    assert v.status == ObjectiveVerdict.JUDGED and v.met is None
    assert status_word(lang_for("fr"), v) == "jugé par le groupe"
    assert objective_measure(lang_for("fr"), rich, busy[1], v) == ""


# ----- the words -----

def test_each_verdict_says_what_was_measured_against_the_target(rich, busy):
    fr, en = lang_for("fr"), lang_for("en")
    plan, traj = busy
    cases = {
        K.CHARGES_CEILING: (obj(kind="charges_ceiling", euros=75), "Charges dans 3 ans", "plafond"),
        K.USE: (obj(kind="use", uses=["laverie"]), "Laverie partagée", "pas dans le plan"),
        K.WORKLOAD: (obj(kind="workload", metier="gardien", margin_hours=1), "nécessaires", "marge"),
        K.OVERLOAD: (obj(kind="overload", percent=10), "heures disponibles", "10"),
        K.RULE: (obj(kind="rule", rule="acces_toit"), "Règle", "pas dans la charte"),
        K.EXPERIMENT_KEPT: (obj(kind="experiment_kept", count=2), "expérimentation", "objectif"),
        K.INDICATOR_CHANGE: (obj(kind="indicator_change", indicator="cohesion", min_gain=2),
                             "Cohésion sociale", "progrès"),
    }
    for kind, (o, first, second) in cases.items():
        v = judge(o, rich, plan, traj)
        text = objective_measure(fr, rich, traj, v)
        assert first in text and second in text, (kind, text)
        assert objective_measure(en, rich, traj, v), kind
    charges = objective_measure(fr, rich, traj, judge(cases[K.CHARGES_CEILING][0], rich, plan, traj))
    assert fr.money(traj.final.charges, cents=True) in charges and "75\u00a0€" in charges


# ----- old files, the check -----

def test_old_objectives_load_unchanged():
    assert obj(indicator="cohesion", target=50).kind == K.INDICATOR
    assert obj().kind == K.JUDGED
    assert obj(target=50, indicator="x", direction="at_most").direction == "at_most"


def _check_with(objective: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    data = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    data["personas"][0]["private_objectives"] = [objective]
    _, errors = check_data(data, "f.json")
    return [(e.path, e.code, dict(e.params)) for e in errors]


P = "personas[0].private_objectives[0]"


@pytest.mark.parametrize(("objective", "path", "code"), [
    ({"text": "t", "kind": "charges_rise"}, f"{P}.euros", ScenarioCode.MISSING),
    ({"text": "t", "kind": "workload"}, f"{P}.metier", ScenarioCode.MISSING),
    ({"text": "t", "kind": "use"}, f"{P}.uses", ScenarioCode.MISSING),
    ({"text": "t", "kind": "no_use"}, f"{P}.space", ScenarioCode.MISSING),
    ({"text": "t", "kind": "rule"}, f"{P}.rule", ScenarioCode.MISSING),
    ({"text": "t", "kind": "indicator_change", "indicator": "cohesion"}, f"{P}.min_gain",
     ScenarioCode.MISSING),
    ({"text": "t", "indicator": "cohesion"}, f"{P}.target", ScenarioCode.MISSING),
    ({"text": "t", "kind": "lavage"}, f"{P}.kind", ScenarioCode.NOT_ALLOWED_VALUE),
    ({"text": "t", "kind": "charges_rise", "euros": 3, "percent": 5}, f"{P}.percent",
     ScenarioCode.OBJECTIVE_FIELD_UNUSED),
    ({"text": "t", "euros": 3}, f"{P}.euros", ScenarioCode.OBJECTIVE_FIELD_UNUSED),
    ({"text": "t", "kind": "rule", "rule": "registre"}, f"{P}.rule", ScenarioCode.UNKNOWN_REF),
    ({"text": "t", "kind": "use", "uses": ["lavoir"]}, f"{P}.uses[0]", ScenarioCode.UNKNOWN_REF),
    ({"text": "t", "kind": "use", "uses": ["laverie"], "space": "toit"}, f"{P}.space",
     ScenarioCode.UNKNOWN_REF),
    ({"text": "t", "kind": "workload", "metier": "plombier"}, f"{P}.metier", ScenarioCode.UNKNOWN_REF),
    ({"text": "t", "kind": "use", "uses": ["laverie"], "space": "toit_terrasse"}, f"{P}.space",
     ScenarioCode.OBJECTIVE_UNREACHABLE),
    ({"text": "t", "kind": "rule", "rule": "acces_toit", "space": "cour"}, f"{P}.space",
     ScenarioCode.OBJECTIVE_UNREACHABLE),
])
def test_the_check_says_what_an_objective_lacks_and_where(objective, path, code):
    errors = _check_with(objective)
    assert [(p, c) for p, c, _ in errors] == [(path, code)]


def test_a_scenario_dumped_by_the_game_checks_clean(rich):
    """Every field of every objective written out (as create_room and logs send a scenario),
    at its default where the kind does not read it: no objective field is « unused »."""
    _, errors = check_data(rich.model_dump(mode="json"), "dump.json")
    assert errors == []


def test_the_check_messages_are_french_and_english():
    from ilot.game.core.scenario_check import ScenarioError
    from ilot.game.text.scenario_errors import scenario_error_text

    for objective, words in (
        ({"text": "t", "kind": "charges_rise", "euros": 3, "percent": 5}, "ne sert pas"),
        ({"text": "t", "kind": "rule", "rule": "registre"}, "règle de gestion inconnue"),
        ({"text": "t", "kind": "use", "uses": ["laverie"], "space": "toit_terrasse"}, "jamais"),
    ):
        (path, code, params), = _check_with(objective)
        error = ScenarioError("f.json", path, ScenarioCode(code), params)
        assert words in scenario_error_text(error, lang_for("fr"))
        assert scenario_error_text(error, lang_for("en")) != scenario_error_text(error, lang_for("fr"))


def test_the_shipped_scenarios_measure_almost_every_objective():
    for name in ("ilot_des_tilleuls.json", "petit_ilot.json"):
        data = json.loads((RICH_FILE.parent / name).read_text(encoding="utf-8"))
        sc, errors = check_data(data, name)
        assert sc is not None and errors == []
        kinds = [o.kind for p in sc.personas for o in p.private_objectives]
        assert kinds.count(K.JUDGED) <= 2, name
        assert len(set(kinds)) >= 5, name


# ----- the property: never reported met when false -----

# float noise only: the trajectory's values are rounded (indicators to thousandths, money to
# cents), so a condition is true or false by more than this, or exactly on its limit
NOISE = 1e-9


def condition(o: PrivateObjective, sc: Scenario, plan: PlanInput, traj: Trajectory) -> bool | None:
    """The objective's condition, computed here from the trajectory and the plan."""
    end, start = traj.quarters[QUARTERS], traj.quarters[0]
    if o.kind == K.INDICATOR:
        v = end.indicators[o.indicator]
        return v >= o.target if o.direction == "at_least" else v <= o.target
    if o.kind == K.INDICATOR_CHANGE:
        change = end.indicators[o.indicator] - start.indicators[o.indicator]
        better = sc.index("indicator")[o.indicator].better
        return (change if better == "higher" else -change) >= o.min_gain - NOISE
    if o.kind == K.CHARGES_CEILING:
        return end.charges <= o.euros
    if o.kind == K.CHARGES_RISE:
        return end.charges - sc.budget.base_charges_per_household_month <= o.euros + NOISE
    if o.kind == K.WORKLOAD:
        needed, available = end.workload[o.metier]
        return needed + o.margin_hours <= available + NOISE
    if o.kind == K.OVERLOAD:
        return end.overload_pct <= o.percent
    if o.kind == K.INVESTMENT:
        return end.invested <= (sc.budget.investment_total if o.euros is None else o.euros)
    if o.kind in (K.USE, K.NO_USE):
        hits = [a for a in end.active if (not o.uses or a[1] in o.uses)
                and (o.space is None or a[0] == o.space)]
        return bool(hits) == (o.kind == K.USE)
    if o.kind == K.EXPERIMENT_KEPT:
        kept = [e for e in traj.experiments if e["outcome"] == "kept" and e["end"] <= QUARTERS
                and e["use"] in {a.use for a in plan.activations if a.experiment and a.space == e["space"]}
                and (not o.uses or e["use"] in o.uses)]
        return len(kept) >= o.count
    if o.kind == K.RULE:
        return any(r == o.rule and (o.space is None or s is None or s == o.space) for r, s in plan.rules)
    return None


def _rich() -> Scenario:
    return Scenario.model_validate_json(RICH_FILE.read_text(encoding="utf-8"))


RICH = _rich()
SPACES = [s for s in RICH.spaces if RICH.uses_for(s)]
IND = [i.id for i in RICH.indicators]
USES = [u.id for u in RICH.uses]


@st.composite
def plans(draw: st.DrawFn) -> PlanInput:
    acts = []
    for s in draw(st.lists(st.sampled_from(SPACES), unique_by=lambda s: s.id, max_size=10)):
        use = draw(st.sampled_from(RICH.uses_for(s)))
        acts.append(Activation(s.id, use.id, draw(st.integers(1, 12)), -1,
                               experiment=use.experiment is not None and draw(st.booleans())))
    rules = draw(st.lists(st.tuples(st.sampled_from([r.id for r in RICH.rules]),
                                    st.none() | st.sampled_from([s.id for s in RICH.spaces])), max_size=4))
    return PlanInput(activations=acts, rules=rules)


NUM = st.floats(-20, 300, allow_nan=False)
OBJECTIVES = st.one_of(
    st.builds(lambda i, t, d: obj(indicator=i, target=t, direction=d), st.sampled_from(IND), NUM,
              st.sampled_from(["at_least", "at_most"])),
    st.builds(lambda i, g: obj(kind="indicator_change", indicator=i, min_gain=g), st.sampled_from(IND),
              st.floats(-20, 20, allow_nan=False)),
    st.builds(lambda e: obj(kind="charges_ceiling", euros=e), st.floats(60, 90)),
    st.builds(lambda e: obj(kind="charges_rise", euros=e), st.floats(0, 10)),
    st.builds(lambda m, h: obj(kind="workload", metier=m, margin_hours=h),
              st.sampled_from([m.id for m in RICH.metiers]), st.floats(0, 5)),
    st.builds(lambda p: obj(kind="overload", percent=p), st.floats(0, 50)),
    st.builds(lambda e: obj(kind="investment", euros=e), st.none() | st.floats(0, 400_000)),
    st.builds(lambda k, u, s: obj(kind=k, uses=u, space=s), st.sampled_from(["use", "no_use"]),
              st.lists(st.sampled_from(USES), min_size=1, max_size=3),
              st.none() | st.sampled_from([s.id for s in RICH.spaces])),
    st.builds(lambda c, u: obj(kind="experiment_kept", count=c, uses=u), st.integers(1, 3),
              st.lists(st.sampled_from(USES), max_size=2)),
    st.builds(lambda r, s: obj(kind="rule", rule=r, space=s), st.sampled_from([r.id for r in RICH.rules]),
              st.none() | st.sampled_from([s.id for s in RICH.spaces])),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), objectives=st.lists(OBJECTIVES, min_size=1, max_size=8), seed=st.integers(0, 5))
# found by CI: a tiny least gain on an indicator that did not move is not met
@example(plan=PlanInput(), objectives=[obj(kind="indicator_change", indicator="usage",
                                           min_gain=1.192092896e-07)], seed=0)
def test_no_objective_is_reported_met_when_its_condition_is_false(plan, objectives, seed):
    traj = simulate(RICH, plan, seed)
    mine = objectives + [o for p in RICH.personas for o in p.private_objectives]
    for o in mine:
        v = judge(o, RICH, plan, traj)
        expected = condition(o, RICH, plan, traj)
        if v.status == MET:
            assert expected is True, (o, v)
        if expected is None:
            assert v.status == ObjectiveVerdict.JUDGED
        else:
            assert v.met == expected, (o, v)  # and never "not met" when it holds
    met = objectives_met(RICH, plan, traj)
    assert all(len(met[p.id]) == len(p.private_objectives) for p in RICH.personas)


def test_an_objective_names_a_space_played_as_parts_by_its_own_id():
    """« Un jardin sur la friche »: a friche of capacity 3 is played as friche-1..3; the
    objective names `friche`, and a use on any part of it counts (and only there)."""
    from helpers import PARTS_FILE

    from ilot.game.core import load_scenario
    sc = load_scenario(PARTS_FILE)
    assert [p.id for p in sc.parts_of("friche")] == ["friche-1", "friche-2", "friche-3"]
    garden = obj(kind="use", uses=["jardin_partage"], space="friche")
    no_play = obj(kind="no_use", uses=["aire_jeux"], space="friche")
    on_part = run(sc, {"friche-2": "jardin_partage", "friche-3": "aire_jeux"})
    elsewhere = run(sc, {"cour": "jardin_partage"})
    assert verdict_of(sc, garden, on_part) == MET and verdict_of(sc, garden, elsewhere) == NOT_MET
    assert verdict_of(sc, no_play, on_part) == NOT_MET and verdict_of(sc, no_play, elsewhere) == MET
    data = json.loads(PARTS_FILE.read_text(encoding="utf-8"))
    data["personas"][0]["private_objectives"] = [garden.model_dump(exclude_defaults=True),
                                                 obj(kind="use", uses=["jardin_partage"],
                                                     space="friche-4").model_dump(exclude_defaults=True)]
    _, errors = check_data(data)
    assert [(e.path, e.code) for e in errors] == \
        [("personas[0].private_objectives[1].space", ScenarioCode.UNKNOWN_REF)]


def test_a_service_running_meets_a_use_objective_and_a_split_space_is_named():
    """Seams of issue 11: a `use` objective listing a service (which runs on no space) is met
    when the plan starts that service, and says so without a space; an objective naming a space
    played as parts shows that space's name, not its id."""
    from helpers import SCENARIOS

    from ilot.game.core import load_scenario
    sc = load_scenario(SCENARIOS / "tour_des_peupliers.json")
    fr = lang_for("fr")
    plan = PlanInput(activations=[Activation("friche-2", "aire_jeux", 1, -1),
                                  Activation(None, "mediation_soir", 1, -1)])
    traj = simulate(sc, plan, seed=1)
    assert traj.final.services == ["mediation_soir"]
    service = obj(kind="use", uses=["mediation_soir"])
    v = judge(service, sc, plan, traj)
    assert v.status == MET and v.found == ((None, "mediation_soir"),)
    assert objective_measure(fr, sc, traj, v) == "Médiation de soirée\xa0: en place dans 3 ans"
    several = judge(obj(kind="use", uses=["mediation_soir", "aire_jeux"]), sc, plan, traj)
    assert "Médiation de soirée" in objective_measure(fr, sc, traj, several)
    assert "None" not in objective_measure(fr, sc, traj, several)
    nothing = PlanInput(activations=[])
    assert judge(service, sc, nothing, simulate(sc, nothing, seed=1)).status == NOT_MET
    assert judge(obj(kind="no_use", uses=["mediation_soir"]), sc, plan, traj).status == NOT_MET
    # a service never runs « in » a space
    assert judge(obj(kind="use", uses=["mediation_soir"], space="loge"), sc, plan,
                 traj).status == NOT_MET

    friche = judge(obj(kind="no_use", uses=["aire_jeux"], space="friche"), sc, plan, traj)
    assert friche.status == NOT_MET
    text = objective_measure(fr, sc, traj, friche)
    assert "Friche de l'ancien garage\xa0»" in text and "friche\xa0»" not in text
    rule = judge(obj(kind="rule", rule="convention_loge", space="friche"), sc, plan, traj)
    assert "«\xa0Friche de l'ancien garage\xa0»" in objective_measure(fr, sc, traj, rule)


def test_the_check_refuses_keeping_experiments_of_uses_that_cannot_be_tried():
    """experiment_kept counts experiments kept; a use without `experiment` can never be tried
    (plan_add refuses it: not_experimentable), so an objective on such uses only could never be
    met: the check says so at its path. A count above the number of uses is not refused: one
    use may be tried on several spaces."""
    from helpers import SCENARIOS

    from ilot.game.text import lang_for
    from ilot.game.text.scenario_errors import scenario_error_text

    data = json.loads((SCENARIOS / "tour_des_peupliers.json").read_text(encoding="utf-8"))
    tried = [u["id"] for u in data["uses"] if u.get("experiment")]
    never = [u["id"] for u in data["uses"] if not u.get("experiment")]
    assert tried and never
    for fields in ({"uses": [never[0]]}, {"uses": never[:2], "count": 1}):
        data["personas"][0]["private_objectives"] = [{"text": "t", "kind": "experiment_kept",
                                                      **fields}]
        sc, errors = check_data(data)
        assert sc is None and [(e.path, e.code) for e in errors] == [
            ("personas[0].private_objectives[0].uses", ScenarioCode.OBJECTIVE_NO_EXPERIMENT)]
        text = scenario_error_text(errors[0], lang_for("fr"))
        assert "ne pourrait jamais être atteint" in text and "{" not in text
        assert "{" not in scenario_error_text(errors[0], lang_for("en"))
    for fields in ({"uses": [tried[0], never[0]]}, {"uses": [tried[0]], "count": 3},
                   {"count": len(tried) + 1}, {}):
        data["personas"][0]["private_objectives"] = [{"text": "t", "kind": "experiment_kept",
                                                      **fields}]
        assert check_data(data)[1] == []
    for u in data["uses"]:  # a scenario with no experiment at all
        u.pop("experiment", None)
    data["personas"][0]["private_objectives"] = [{"text": "t", "kind": "experiment_kept"}]
    assert ("personas[0].private_objectives[0].kind", ScenarioCode.OBJECTIVE_NO_EXPERIMENT) \
        in [(e.path, e.code) for e in check_data(data)[1]]
