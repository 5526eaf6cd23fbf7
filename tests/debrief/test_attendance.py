"""The attendance read-model: minutes per half-day slot, computed by hand from known rows."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from ilot.game.core.events import Event, PhaseChanged, TimerSet
from ilot.game.debrief.attendance import AFTERNOON, MORNING, attendance, clipped, intervals

PARIS = ZoneInfo("Europe/Paris")


def at(day: int, hm: str) -> float:
    h, m = map(int, hm.split(":"))
    return datetime(2026, 3, 9 + day, h, m, tzinfo=PARIS).timestamp()


def conn(who: str, kind: str, day: int, hm: str) -> dict:
    return {"actor": "participant", "who": who, "kind": kind, "t": at(day, hm), "inferred": False}


def act(seq: int, by: str, day: int, hm: str, aid: str) -> Event:
    return Event(seq, at(day, hm), by, TimerSet(None, None), aid)


def test_minutes_per_half_day_equal_those_counted_by_hand(rich):
    events = [Event(1, at(1, "09:10"), "trainer", PhaseChanged(0, 0.0), "t1"),
              act(2, "p1", 1, "10:00", "a1"), act(3, "p1", 1, "10:00", "a1"),
              act(4, "p1", 1, "11:00", "a2"), act(5, "p1", 1, "15:00", "a3"),
              act(6, "p2", 1, "12:45", "b1"),
              Event(7, at(2, "09:25"), "trainer", PhaseChanged(7, 0.0), "t2")]
    rows = [conn("p1", "connect", 1, "09:00"), conn("p1", "disconnect", 1, "12:40"),
            conn("p2", "connect", 1, "12:30"),
            conn("p1", "connect", 1, "13:50"),
            conn("p1", "connect", 1, "14:00"),  # a second screen: counted once
            conn("p2", "disconnect", 1, "13:30"),
            conn("p1", "disconnect", 1, "14:30"), conn("p1", "disconnect", 1, "17:05"),
            conn("p2", "connect", 2, "09:20"),  # still open at the end
            {"actor": "trainer", "who": "trainer", "kind": "connect", "t": at(1, "08:00")}]
    slots = attendance(rich, events, rows, ["p1", "p2", "p3"], until=at(2, "11:00"))
    assert [(s.day, s.half, s.date) for s in slots] == [
        (1, MORNING, date(2026, 3, 10)), (1, AFTERNOON, date(2026, 3, 10)),
        (2, MORNING, date(2026, 3, 11)), (2, AFTERNOON, date(2026, 3, 11))]
    assert (slots[0].planned_start, slots[0].planned_end) == ("09:15", "12:30")
    assert (slots[1].planned_start, slots[1].planned_end) == ("14:00", "17:00")
    table = {(s.day, s.half): {r.participant: r for r in s.seats} for s in slots}
    am1, pm1, am2 = table[1, MORNING], table[1, AFTERNOON], table[2, MORNING]
    assert am1["p1"].minutes == 220  # 09:00 → 12:40
    assert (am1["p1"].first, am1["p1"].last) == (at(1, "09:00"), at(1, "12:40"))
    assert am1["p1"].actions == 2  # a1 (two events) and a2
    assert pm1["p1"].minutes == 195  # 13:50 → 17:05, the second screen inside
    assert (pm1["p1"].first, pm1["p1"].last) == (at(1, "13:50"), at(1, "17:05"))
    assert pm1["p1"].actions == 1
    assert am1["p2"].minutes == 30 and pm1["p2"].minutes == 30  # 12:30 → 13:30 cut at 13:00
    assert am1["p2"].actions == 1
    assert am2["p2"].minutes == 100  # 09:20 → 11:00 (open: until)
    assert am2["p1"].minutes == 0 and am2["p1"].first is None and am2["p1"].actions == 0
    assert all(r.minutes == 0 for s in slots for r in s.seats if r.participant == "p3")
    assert "trainer" not in {r.participant for s in slots for r in s.seats}


def test_intervals_and_clipping():
    rows = [{"who": "a", "kind": "connect", "t": 0}, {"who": "a", "kind": "disconnect", "t": 10},
            {"who": "a", "kind": "disconnect", "t": 11},  # a stray one: ignored
            {"who": "a", "kind": "connect", "t": 20}]
    spans = intervals(rows, until=30)
    assert spans == {"a": [(0.0, 10.0), (20.0, 30.0)]}
    assert clipped(spans["a"] + [(5.0, 22.0)], 2, 25) == [(2.0, 25.0)]
    assert clipped(spans["a"], 12, 18) == []


def test_two_days_played_on_one_date_share_it_without_overlap(rich):
    """Day 2 begun at 14:30 on day 1's date (a rehearsal): day 1's afternoon ends there, day 2's
    morning is left empty (dropped) and its afternoon starts there; nothing counts twice."""
    events = [Event(1, at(1, "09:10"), "trainer", PhaseChanged(0, 0.0), "t1"),
              act(2, "p1", 1, "14:00", "a1"),
              Event(3, at(1, "14:30"), "trainer", PhaseChanged(7, 0.0), "t2"),
              act(4, "p1", 1, "15:00", "a2")]
    rows = [conn("p1", "connect", 1, "13:30"), conn("p1", "disconnect", 1, "16:00")]
    slots = attendance(rich, events, rows, ["p1"], until=at(1, "18:00"))
    assert [(s.day, s.half, s.start, s.end) for s in slots] == [
        (1, MORNING, at(1, "00:00"), at(1, "13:00")),
        (1, AFTERNOON, at(1, "13:00"), at(1, "14:30")),
        (2, AFTERNOON, at(1, "14:30"), at(2, "00:00"))]
    seat = {(s.day, s.half): s.seats[0] for s in slots}
    assert (seat[1, AFTERNOON].minutes, seat[1, AFTERNOON].actions) == (60, 1)  # 13:30 → 14:30
    assert (seat[2, AFTERNOON].minutes, seat[2, AFTERNOON].actions) == (90, 1)  # 14:30 → 16:00
    assert sum(s.seats[0].minutes for s in slots) == 150  # the 2 h 30 connected, once

    # begun the same morning (11:00): day 1 has no afternoon, day 2 a morning from 11:00
    events[2] = Event(3, at(1, "11:00"), "trainer", PhaseChanged(7, 0.0), "t2")
    slots = attendance(rich, events, rows, ["p1"], until=at(1, "18:00"))
    assert [(s.day, s.half, s.start, s.end) for s in slots] == [
        (1, MORNING, at(1, "00:00"), at(1, "11:00")),
        (2, MORNING, at(1, "11:00"), at(1, "13:00")),
        (2, AFTERNOON, at(1, "13:00"), at(2, "00:00"))]
    assert sum(s.seats[0].actions for s in slots) == 2
