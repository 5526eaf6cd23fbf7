"""The shared playback of the simulation: the trainer plays, pauses and steps the three years;
every client computes the quarter shown from the state and its clock."""

from __future__ import annotations

import pytest
from helpers import ROOT, SPECTATOR, TRAINER, as_actor

from ilot.game.core import Event, load_scenario, replay, state_hash, view_for
from ilot.game.core.kinds import PhaseKind
from ilot.game.core.playback import Playback, next_change, quarter_at
from ilot.game.core.state import state_from_dict

from .golden_log import LOG, read_log


def play(rs, command, quarter=None, now=None):
    action = {"type": "simulation_playback", "command": command}
    if quarter is not None:
        action["quarter"] = quarter
    rs.now = now if now is not None else rs.now + 1.0
    return rs.act(TRAINER, action, now=rs.now)


def test_quarter_at_moves_one_quarter_every_period_and_stops_at_the_last():
    pb = Playback(2, True, 100.0)
    assert [quarter_at(pb, t, 4.0) for t in (100.0, 103.9, 104.0, 107.9, 108.0)] == [2, 2, 3, 3, 4]
    assert quarter_at(pb, 1000.0, 4.0) == 12
    assert quarter_at(pb, 90.0, 4.0) == 2  # a clock behind the server's: no quarter before
    assert quarter_at(Playback(5), 1000.0) == 5  # paused
    assert next_change(pb, 105.0, 4.0) == 108.0
    assert next_change(pb, 1000.0, 4.0) is None and next_change(Playback(5), 0.0) is None


def test_the_trainer_plays_pauses_steps_and_resets(rs):
    rs.goto(PhaseKind.SCHEMA_DIRECTEUR)
    assert rs.state.playback == Playback(12, False, None)  # at rest: where the plan leads
    secs = rs.state.scenario.simulation.playback_seconds
    (e,) = play(rs, "play", now=1000.0)
    assert (e.type, e.data) == ("playback_set", {"quarter": 0, "playing": True, "since": 1000.0})
    assert rs.state.playback == Playback(0, True, 1000.0)
    (e,) = play(rs, "pause", now=1000.0 + 3.5 * secs)  # three quarters later, half the fourth
    assert rs.state.playback == Playback(3, False, None)
    play(rs, "step")
    assert rs.state.playback.quarter == 4
    play(rs, "back")
    play(rs, "back")
    assert rs.state.playback == Playback(2, False, None)
    play(rs, "seek", quarter=12)
    play(rs, "step")  # not beyond the last quarter
    assert rs.state.playback.quarter == 12
    (e,) = play(rs, "play", now=5000.0)  # from the end: again from today
    assert rs.state.playback == Playback(0, True, 5000.0)
    play(rs, "seek", quarter=6, now=5001.0)  # playing on from there
    assert rs.state.playback == Playback(6, True, 5001.0)
    play(rs, "reset")
    assert rs.state.playback == Playback(0, False, None)
    play(rs, "back")
    assert rs.state.playback.quarter == 0


def test_only_the_trainer_and_only_where_the_simulation_shows(rs):
    pid = rs.join("Ana", "fatima")
    action = {"type": "simulation_playback", "command": "play"}
    rs.goto(PhaseKind.DELIBERATION)
    assert rs.reject(TRAINER, action) == "no_simulation_here"
    for kind in (PhaseKind.SCHEMA_DIRECTEUR, PhaseKind.PLAN_ACTION, PhaseKind.CONSENSUS_FINAL,
                 PhaseKind.SYNTHESE):
        rs.goto(kind)
        assert rs.reject(pid, action) == "trainer_only"
        assert rs.reject(SPECTATOR, action) == "spectator"
        play(rs, "back")
    assert rs.state.playback.quarter == 8  # kept from phase to phase
    assert rs.reject(TRAINER, {"type": "simulation_playback", "command": "seek"}) \
        == "seek_needs_quarter"
    for bad in ({"command": "fast"}, {"command": "seek", "quarter": 13},
                {"command": "seek", "quarter": -1}, {"command": b"play"}):
        assert rs.reject(TRAINER, {"type": "simulation_playback", **bad}) == "invalid_action"


def test_everyone_sees_it_and_it_replays(rs):
    rs.goto(PhaseKind.SCHEMA_DIRECTEUR)
    play(rs, "play", now=2000.0)
    for viewer in (SPECTATOR, TRAINER):
        view = view_for(rs.state, as_actor(viewer))
        assert view["playback"] == {"quarter": 0, "playing": True, "since": 2000.0}
        assert state_from_dict(rs.state.scenario, view).playback == rs.state.playback
    again = replay(rs.state.scenario, rs.events)
    assert again.playback == rs.state.playback
    assert state_hash(again) == state_hash(rs.state)
    assert rs.state.clone().playback == rs.state.playback


def test_a_log_without_playback_keeps_its_hash_and_a_view_without_it_loads():
    header, events = read_log(LOG)
    scenario = load_scenario(ROOT / header["scenario_file"])
    s = replay(scenario, [Event.from_dict(e) for e in events])
    assert s.playback == Playback()
    assert "playback" not in s.to_dict(for_hash=True)
    d = s.to_dict()
    del d["playback"]  # a server older than the playback sent none
    assert state_from_dict(scenario, d).playback == Playback()


@pytest.mark.parametrize("seconds", [2.0, 4.0])
def test_the_scenario_sets_the_pace(rich, seconds):
    sc = rich.model_copy(update={"simulation": rich.simulation.model_copy(
        update={"playback_seconds": seconds})})
    assert sc.simulation.playback_seconds == seconds
    assert quarter_at(Playback(0, True, 0.0), 4.0, sc.simulation.playback_seconds) == 4 / seconds


def test_a_seek_after_playing_to_the_end_stays_paused(rs):
    """Played to quarter 12, the playback stands still (screens show it paused, with « play »):
    a click on the track then moves it there, paused, not playing again from there."""
    from ilot.game.client.playback import local_step
    from ilot.game.core.kinds import PlaybackCommand

    rs.goto(PhaseKind.PLAN_ACTION)
    secs = rs.state.scenario.simulation.playback_seconds
    play(rs, "play", now=1000.0)
    play(rs, "seek", quarter=4, now=1000.0 + 20 * secs)  # long after the end
    assert rs.state.playback == Playback(4, False, None)
    play(rs, "play", now=2000.0)
    play(rs, "seek", quarter=9, now=2000.0 + secs)  # still playing: plays on from there
    assert rs.state.playback == Playback(9, True, 2000.0 + secs)
    # a participant's own replay does the same
    ended = local_step(Playback(0, True, 0.0), PlaybackCommand.SEEK, 100 * secs, secs, 4)
    assert ended == Playback(4, False, None)
    assert local_step(Playback(0, True, 0.0), PlaybackCommand.SEEK, secs, secs, 4) \
        == Playback(4, True, secs)
