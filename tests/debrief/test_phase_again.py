"""The phase the session is already in, sent again by the trainer (a timer restarted, a double
click), adds no phase row to the report: the phase goes on in the same row."""

from __future__ import annotations

import re

from ilot.game.core import Actor
from ilot.game.debrief import analysis as an
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.debrief.scripted import Script

from .conftest import ROOM

T0 = 1_800_000_000.0


def _session(short, again_after: float) -> Script:
    """Ana joins; the trainer opens phase 1, sends it again `again_after` s later (Ana asks for
    the floor before and after), then moves on to phase 2."""
    s = Script(short, seed=3, start=T0)
    ana = Actor.participant(s.act(Actor.newcomer(), {"type": "join", "name": "Ana"})[0]
                            .data["participant"])
    s.t = T0 + 60
    s.trainer({"type": "set_phase", "phase": 1})
    s.t += 120
    assert s.act(ana, {"type": "ask_floor"})
    s.t += again_after
    assert s.trainer({"type": "set_phase", "phase": 1})  # the core accepts it (a timer reset)
    s.t += 300
    assert s.act(ana, {"type": "withdraw_floor"})
    s.t += 60
    s.trainer({"type": "set_phase", "phase": 2})
    return s


def test_the_current_phase_sent_again_leaves_no_row(short):
    s = _session(short, again_after=10)
    spans = an.phase_spans(s.state, s.events)
    assert [sp["phase"] for sp in spans] == [0, 1, 2]
    one = spans[1]
    assert (one["start"], one["end"]) == (T0 + 60, T0 + 60 + 120 + 10 + 300 + 60)
    assert one["actions"] == 2 and one["people"] == 1
    html = Report(Recording(ROOM, short, s.events)).html()
    title = short.phases[1].title
    rows = re.findall(rf"<tr><td>{re.escape(title)}</td>.*?</tr>", html)
    assert len(rows) == 1 and ">8 min</td>" in rows[0], rows  # 490 s: one row of 8 minutes


def test_sent_again_after_a_break_the_phase_resumes_in_a_new_row(short):
    s = _session(short, again_after=an.BREAK + 1)
    spans = an.phase_spans(s.state, s.events)
    assert [sp["phase"] for sp in spans] == [0, 1, 1, 2]
    assert spans[1]["end"] == T0 + 60 + 120  # its last event before the night


def test_the_first_phase_started_at_once_starts_then(short):
    s = Script(short, seed=3, start=T0)
    s.t = T0 + 30
    s.trainer({"type": "set_phase", "phase": 0})
    spans = an.phase_spans(s.state, s.events)
    assert len(spans) == 1 and spans[0]["start"] == T0 + 30
