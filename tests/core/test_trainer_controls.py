"""The trainer's controls: phases, timer, lock (groups, rounds, spotlight are tested with them)."""

from __future__ import annotations


def test_set_phase_starts_the_phase_timer(rs):
    (e,) = rs.act("trainer", {"type": "set_phase", "phase": 2}, now=500.0)
    phase = rs.scenario.phases[2]
    assert e.data == {"phase": 2, "timer_ends_at": 500.0 + phase.minutes * 60}
    assert (rs.state.phase, rs.state.phase_started_at) == (2, 500.0)
    rs.trainer({"type": "set_phase", "phase": 1})  # going back is allowed
    assert rs.state.phase_kind == "projets"
    last = len(rs.scenario.phases)
    assert rs.reject("trainer", {"type": "set_phase", "phase": last}) == "bad_phase"
    assert rs.reject("trainer", {"type": "set_phase", "phase": 101}) == "invalid_action"
    assert rs.reject("trainer", {"type": "set_phase", "phase": "deux"}) == "invalid_action"


def test_short_scenario_has_only_its_phases(ss):
    assert ss.reject("trainer", {"type": "set_phase", "phase": 6}) == "bad_phase"
    ss.goto("synthese")
    assert ss.state.phase == 5


def test_timer_run_pause_and_clear(rs):
    rs.act("trainer", {"type": "set_timer", "seconds": 300}, now=100.0)
    assert (rs.state.timer_ends_at, rs.state.timer_paused_left) == (400.0, None)
    rs.trainer({"type": "set_timer", "seconds": 120, "paused": True})
    assert (rs.state.timer_ends_at, rs.state.timer_paused_left) == (None, 120)
    rs.trainer({"type": "set_timer", "seconds": None})
    assert (rs.state.timer_ends_at, rs.state.timer_paused_left) == (None, None)
    assert rs.reject("trainer", {"type": "set_timer", "seconds": -1}) == "invalid_action"
    assert rs.reject("trainer", {"type": "set_timer", "seconds": float("inf")}) == "invalid_action"
    rs.trainer({"type": "set_timer", "seconds": 60, "paused": True})
    rs.goto("projets")  # a phase change restarts the phase's own timer
    assert rs.state.timer_paused_left is None and rs.state.timer_ends_at is not None


def test_lock(rs):
    pid = rs.join("Ana", "fatima")
    rs.trainer({"type": "set_lock", "locked": True})
    assert rs.state.locked
    assert rs.reject(pid, {"type": "write_expectation", "text": "x"}) == "locked"
    assert rs.reject(pid, {"type": "set_lock", "locked": False}) == "trainer_only"
    rs.trainer({"type": "set_lock", "locked": False})
    rs.act(pid, {"type": "write_expectation", "text": "x"})
