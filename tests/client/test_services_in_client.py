"""Services (uses with no space) in the client: two plan items that start the same service are
flagged as likely duplicates, as two items starting the same use on the same space are (the
simulation counts the second one only as an extra cost); a service tried as an experiment is
named on its playback card."""

from __future__ import annotations

from helpers import SCENARIOS, Session

from ilot.game.client.listing import duplicates
from ilot.game.core import load_scenario
from ilot.game.core.kinds import PhaseKind
from ilot.game.text import lang_for


def test_two_items_starting_the_same_service_are_likely_duplicates():
    rs = Session(load_scenario(SCENARIOS / "tour_des_peupliers.json"))
    rs.goto(PhaseKind.PLAN_ACTION)
    for what, use in (("Médiation le soir", "mediation_soir"),
                      ("Médiateurs en soirée, avec la ville", "mediation_soir"),
                      ("Tuilage du gardien", "gardien_relais"),
                      ("Réunion de lancement", None)):
        rs.trainer({"type": "plan_add", "what": what, "lead": "manager", "quarter": 2,
                    "cost": 1000.0, "payer": "bailleur", "use": use})
    plan = rs.state.plan
    ids = {i.what: i.id for i in plan.values()}
    flags = duplicates(rs.state, plan.values(), lang_for("fr"), lambda pid: pid)
    assert set(flags) == {ids["Médiation le soir"], ids["Médiateurs en soirée, avec la ville"]}
    assert "Médiation de soirée" in flags[ids["Médiation le soir"]]
    assert "Médiateurs en soirée" in flags[ids["Médiation le soir"]]
    assert all(i.space is None for i in plan.values())


def test_a_service_run_as_an_experiment_is_named_on_its_card_and_in_the_report():
    """A service (no space) tried as an experiment: its card at the end quarter says where it
    runs in words (« service de l'îlot », as the report does), never « None »."""
    from ilot.game.client.eventcards import build_cards
    from ilot.game.core.simulation import Activation, PlanInput, simulate

    sc = load_scenario(SCENARIOS / "tour_des_peupliers.json")
    plan = PlanInput(activations=[Activation(None, "mediation_soir", 1, -1, experiment=True)])
    traj = simulate(sc, plan, seed=1)
    assert [x["space"] for x in traj.experiments] == [None]
    fr = lang_for("fr")
    (card,) = [c for c in build_cards(sc, traj, fr) if c.key.startswith("experiment:")]
    assert "None" not in card.title
    assert card.title.startswith("Expérimentation Médiation de soirée (service de l")
