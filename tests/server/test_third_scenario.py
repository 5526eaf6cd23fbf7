"""The third shipped scenario (La tour des Peupliers): it checks clean, a session on it is played
to the end by bots through a real server on 127.0.0.1, and the debrief report built from the
store speaks of this îlot (its personas, spaces, uses and phases), not of another one."""

from __future__ import annotations

import asyncio
import re
from html import unescape

import pytest

from ilot.game.cli import main
from ilot.game.core import load_scenario, replay
from ilot.game.core.agenda import clock, planned
from ilot.game.debrief.recording import StoreRecording
from ilot.server import texts
from ilot.server.app import IlotServer

from .conftest import ROOT

bots = pytest.importorskip("ilot.server.bots")
trainer_bot = pytest.importorskip("ilot.server.trainer_bot")

PEUPLIERS = ROOT / "scenarios" / "tour_des_peupliers.json"


@pytest.fixture(scope="module")
def peupliers():
    return load_scenario(PEUPLIERS)


def test_it_checks_clean_and_is_a_full_two_day_scenario(peupliers, capsys):
    assert main(["scenario", "check", str(PEUPLIERS)]) == 0
    assert capsys.readouterr().out.strip() == f"{PEUPLIERS}: OK (La tour des Peupliers)"
    sc = peupliers
    assert sc.language == "fr" and len(sc.phases) == 13 and {p.day for p in sc.phases} == {1, 2}
    assert 8 <= len(sc.personas) <= 12 and {p.role for p in sc.personas} == {
        "resident", "caretaker", "manager"}
    assert all(p.bio and p.private_objectives for p in sc.personas)
    # the programme's two days: 9:15-17:00, then 9:30-16:30, lunch from 12:30 to 14:00
    days = [[(clock(p.start), clock(p.end)) for p in planned(sc) if p.day == d] for d in (1, 2)]
    assert [(d[0][0], d[-1][1]) for d in days] == [("09:15", "17:00"), ("09:30", "16:30")]
    assert [p.pause_before for p in planned(sc) if p.pause_before] == [90, 90]
    assert len(sc.uses) >= 15 and len(sc.rules) >= 8 and len(sc.events) >= 6
    assert sc.budget.households == sum(b.households for b in sc.buildings)
    # neighbours are listed on both sides (the check does not verify it)
    spaces = {s.id: s for s in sc.spaces}
    assert all(a in spaces[b].neighbours for a, s in spaces.items() for b in s.neighbours)
    # another kind of îlot than the two others: a tower of 16 levels, a friche, a car park below
    assert max(b.floors for b in sc.buildings) == 16
    assert {"friche", "parking", "toit_terrasse", "loge"} <= {s.kind for s in sc.spaces}


def test_bot_texts_name_no_shipped_scenario():
    """Bots play any scenario: what they write names none of the shipped îlots."""
    names: set[str] = set()
    for path in sorted((ROOT / "scenarios").glob("*.json")):
        sc = load_scenario(path)
        for text in [sc.title, *(b.name for b in sc.buildings)]:
            names |= set(re.findall(r"\b(?:[Ll]es|des|du)\s+([A-ZÉ][\w-]+)", text))
    assert {"Tilleuls", "Glycines", "Peupliers", "Saules", "Aulnes"} <= names
    consts = [v for k, v in vars(texts).items() if k.isupper()]  # NAMES, NOTES, TITLES…
    pools = [v for v in consts if isinstance(v, list)]
    pools += [p for v in consts if isinstance(v, dict) for p in v.values()]
    # the experience cards: each card's texts (its figures too) are a pool of their own
    cards = [pool for pool in pools if pool and all(isinstance(c, dict) for c in pool)]
    assert cards == [texts.EXPERIENCES]
    pools = [pool for pool in pools if pool not in cards]
    pools += [[t for v in c.values() for t in (v if isinstance(v, list) else [v])]
              for c in texts.EXPERIENCES]
    assert len(pools) >= 15 and all(isinstance(s, str) for pool in pools for s in pool)
    found = {(n, s) for pool in pools for s in pool for n in names if n in s}
    assert not found


@pytest.fixture
async def played(tmp_path, peupliers):
    srv = IlotServer(tmp_path / "data")
    await srv.start("127.0.0.1", 0)
    room, code = srv.create_room(peupliers, seed=7)
    stop = asyncio.Event()
    players = asyncio.create_task(bots.run_bots(srv.url, room, 8, pace=0, seed=3, stop=stop))
    try:
        report = await trainer_bot.run_trainer(srv.url, room, code, phase_events=12,
                                               phase_seconds=5, round_seconds=3)
    finally:
        stop.set()
    played = await players
    await srv.stop()
    return tmp_path / "data", room, report, played


def test_a_bot_session_runs_to_the_end_and_its_debrief_names_the_peupliers(played, peupliers,
                                                                           tmp_path):
    data, room, report, players = played
    sc = peupliers
    assert report["phases"] == [p.kind for p in sc.phases] and report["closed"]
    assert players["connected"] == 8 and players["errors"] == 0
    assert players["accepted"] > 100
    # nothing refused for not fitting this scenario (what is left are races with the trainer's
    # pace: a phase that just changed, a round just opened, the rate limit)
    misfits = {c for c in players["codes"] if c.startswith("unknown_") or c in (
        "invalid_action", "use_not_allowed", "rule_not_allowed", "not_experimentable",
        "persona_full", "reason_required", "empty_proposal")}
    assert not misfits and not [c for c in report["rejected"] if c.startswith("unknown_")]
    rec = StoreRecording(data, room)
    events, stored = rec.events, rec.scenario
    rec.close()
    state = replay(stored, events)
    assert stored.id == "tour_des_peupliers" and state.closed_at is not None
    assert state.phase == len(sc.phases) - 1
    # the bots played this îlot: notes, drafts and a schéma on its spaces, personas of its cast
    space_ids = set(sc.index("space"))  # the spaces the game plays with
    assert state.notes and {n.space for n in state.notes.values()} <= space_ids
    assert state.schema and set(state.schema) <= space_ids
    # the trainer bot filed the café's notes under the spaces' cards
    assert state.cafe_notes and state.space_cards
    assert {n for line in state.space_cards.values() for n in line.notes} <= set(state.cafe_notes)
    first = {p.past_personas[0] for p in state.participants.values()}
    assert len(first) == 8 and first <= {p.id for p in sc.personas}
    # on day 2 they play the characters they created (and the trainer bot approved)
    chosen = {p.persona for p in state.participants.values()}
    assert chosen <= set(state.characters) and len(state.characters) == 8
    assert state.evaluations and set(next(iter(state.evaluations.values())).answers) == {
        q.id for q in sc.evaluation}

    out = tmp_path / "peupliers.html"
    assert main(["debrief", "--data", str(data), "--room", room, "--html", str(out)]) == 0
    html = unescape(out.read_text(encoding="utf-8"))
    assert "La tour des Peupliers" in html
    for pid in chosen:
        assert state.characters[pid].name in html, pid
    for space, placed in state.schema.items():
        assert sc.space(space).name in html and sc.use(placed.use).name in html
    for kind in ("etat_des_lieux", "ateliers", "consensus_final"):
        assert next(p.title for p in sc.phases if p.kind == kind) in html
    for other in ("Tilleuls", "Glycines"):
        assert other not in html
