"""The agenda: clock times from the scenario, checked for the trainer, marked by the state."""

from __future__ import annotations

import itertools
import json

import pytest
from helpers import RICH_FILE, SCENARIOS, SHORT_FILE

from ilot.game.core import load_scenario
from ilot.game.core.agenda import clock, days, minutes_of, planned
from ilot.game.core.kinds import AgendaStatus
from ilot.game.core.scenario import Scenario
from ilot.game.core.scenario_check import ScenarioCode, check_text
from ilot.game.core.views import agenda
from ilot.game.text import lang_for
from ilot.game.text.scenario_errors import scenario_error_text

FR, EN = lang_for("fr"), lang_for("en")


def test_the_default_scenario_follows_the_seed_programme(rich):
    """Day 1: 9h15 accueil … 12h30 lunch … 17h00; day 2: 9h30 ateliers … 16h30 synthèse."""
    got = [(p.kind, p.day, p.start_clock, p.end_clock) for p in planned(rich)]
    assert got == [
        ("accueil", 1, "09:15", "10:45"), ("projets", 1, "10:45", "11:45"),
        ("etat_des_lieux", 1, "11:45", "12:30"), ("intervention", 1, "14:00", "14:45"),
            ("ressources", 1, "14:45", "15:30"),
        ("world_cafe", 1, "15:30", "16:30"), ("personnages", 1, "16:30", "17:00"),
        ("ateliers", 2, "09:30", "10:45"),
        ("mise_en_commun", 2, "10:45", "11:15"), ("deliberation", 2, "11:15", "12:00"),
        ("schema_directeur", 2, "12:00", "12:30"), ("plan_action", 2, "14:00", "15:00"),
        ("consensus_final", 2, "15:00", "16:00"), ("synthese", 2, "16:00", "16:30"),
    ]
    assert [p.pause_before for p in planned(rich)] == [0, 0, 0, 90, 0, 0, 0, 0, 0, 0, 0, 90, 0, 0]
    assert days(rich) == [1, 2]


def test_the_short_scenario_runs_one_morning(short):
    p = planned(short)
    assert p[0].start_clock == "09:15" and all(x.day == 1 for x in p)
    assert all(a.end == b.start for a, b in itertools.pairwise(p))
    assert p[-1].end - p[0].start == sum(x.minutes for x in short.phases)


def _scenario(base: dict, phases: list[dict], **top) -> Scenario:
    data = json.loads(json.dumps(base))
    data["phases"] = phases
    data.update(top)
    return Scenario.model_validate(data)


@pytest.fixture(scope="module")
def base() -> dict:
    data = json.loads(SHORT_FILE.read_text(encoding="utf-8"))
    del data["day_start"]  # the default, 09:00
    return data


def test_starts_are_computed_from_the_day_start_and_the_minutes(base):
    sc = _scenario(base, [
        {"id": "a", "kind": "accueil", "title": "A", "minutes": 30},
        {"id": "b", "kind": "etat_des_lieux", "title": "B", "minutes": 45, "start": "10h00"},
        {"id": "c", "kind": "deliberation", "title": "C", "minutes": 20},
        {"id": "d", "kind": "synthese", "title": "D", "minutes": 15, "day": 2},
    ])
    assert sc.day_start == "09:00"
    p = planned(sc)
    assert [(x.day, x.start_clock, x.end_clock, x.pause_before, x.start_given) for x in p] == [
        (1, "09:00", "09:30", 0, False), (1, "10:00", "10:45", 30, True),
        (1, "10:45", "11:05", 0, False), (2, "09:00", "09:15", 0, False)]
    later = _scenario(base, base["phases"], day_start="8:30")
    assert planned(later)[0].start_clock == "08:30"


@pytest.mark.parametrize("text,minutes", [("09:30", 570), ("9:30", 570), ("9h30", 570),
                                          ("14H05", 845), ("00:00", 0), ("23:59", 1439)])
def test_clock_times_are_read_as_trainers_write_them(text, minutes):
    assert minutes_of(text) == minutes
    assert minutes_of(clock(minutes)) == minutes


@pytest.mark.parametrize("text", ["9.30", "24:00", "9:5", "midi", "", "930", "09:60"])
def test_other_clock_times_are_refused(text):
    with pytest.raises(ValueError):
        minutes_of(text)


def _errors(base: dict, phases: list[dict], **top) -> dict:
    data = json.loads(json.dumps(base))
    data["phases"] = phases
    data.update(top)
    scenario, errors = check_text(json.dumps(data, ensure_ascii=False), "agenda.json")
    assert scenario is None and errors
    return {e.path: e for e in errors}


def _phase(i: str, kind: str, minutes: int, **extra) -> dict:
    return {"id": i, "kind": kind, "title": f"Phase {i}", "minutes": minutes, **extra}


def test_a_time_not_written_hh_mm_is_refused_in_plain_words(base):
    found = _errors(base, [_phase("a", "accueil", 30, start="9.30")], day_start="neuf heures")
    e = found["phases[0].start"]
    assert e.code == ScenarioCode.BAD_TIME and e.params["found"] == "9.30"
    assert scenario_error_text(e, FR) == \
        "heure invalide\u00a0: écrivez-la HH:MM, par exemple 09:30 ou 14:00 " \
        "(valeur trouvée\u00a0: \"9.30\")"
    assert scenario_error_text(e, EN).startswith("invalid time: write it HH:MM")
    assert found["day_start"].code == ScenarioCode.BAD_TIME


def test_days_must_not_go_back(base):
    found = _errors(base, [_phase("a", "accueil", 30, day=2), _phase("b", "synthese", 30, day=1)])
    e = found["phases[1].day"]
    assert e.code == ScenarioCode.PHASE_DAY_ORDER and e.params == {"day": 1, "previous": 2}
    assert "jour 1" in scenario_error_text(e, FR) and "jour 2" in scenario_error_text(e, FR)


def test_phases_of_a_day_must_not_overlap(base):
    found = _errors(base, [_phase("a", "accueil", 90, start="09:00"),
                           _phase("b", "etat_des_lieux", 30, start="10:00")])
    e = found["phases[1].start"]
    assert e.code == ScenarioCode.PHASE_OVERLAP
    assert e.params == {"start": "10:00", "previous_end": "10:30", "previous": "Phase a"}
    text = scenario_error_text(e, FR)
    assert "10:00" in text and "10:30" in text and "«\u00a0Phase a\u00a0»" in text
    assert "“Phase a”" in scenario_error_text(e, EN)


def test_no_phase_runs_past_midnight(base):
    found = _errors(base, [_phase("a", "accueil", 120, start="23:00")])
    e = found["phases[0].minutes"]
    assert e.code == ScenarioCode.PHASE_PAST_MIDNIGHT
    assert e.params == {"start": "23:00", "end": "25:00"}
    assert "minuit" in scenario_error_text(e, FR)


def test_the_shipped_scenarios_give_their_agenda():
    shipped = sorted(SCENARIOS.glob("*.json"))
    assert {RICH_FILE, SHORT_FILE} < set(shipped)
    for path in shipped:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert "day_start" in data
        load_scenario(path)


def test_the_agenda_marks_past_current_and_upcoming(rs):
    assert [e.status for e in agenda(rs.state)][:2] == [AgendaStatus.CURRENT,
                                                         AgendaStatus.UPCOMING]
    rs.goto("intervention")
    entries = agenda(rs.state)
    i = rs.state.phase
    assert [e.status for e in entries] == \
        [AgendaStatus.PAST] * i + [AgendaStatus.CURRENT] + \
        [AgendaStatus.UPCOMING] * (len(entries) - i - 1)
    e = entries[i]
    assert (e.kind, e.day, e.start_clock, e.end_clock, e.pause_before) == \
        ("intervention", 1, "14:00", "14:45", 90)
    # the trainer may go back: the agenda follows the scenario's order, not the history
    rs.goto("accueil")
    assert agenda(rs.state)[i].status == AgendaStatus.UPCOMING
    rs.trainer({"type": "close_session"})
    assert agenda(rs.state)[0].status == AgendaStatus.PAST
    assert agenda(rs.state)[1].status == AgendaStatus.UPCOMING


def test_agenda_words_exist_in_both_languages():
    for lang in (FR, EN):
        for status in AgendaStatus:
            assert lang.has(f"term.agenda.{status}")
