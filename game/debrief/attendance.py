"""Attendance per half-day: the read-model of the connection rows the server records.

A slot is the morning or the afternoon of a day of the scenario that has phases there (a day's
phases that start before 13:00 are its morning). Its calendar date is that of the first time the
session reached a phase of that day (`phase_changed`), else the session's opening for day 1, else
the day after the day before. The morning runs from midnight to the split (13:00, or later when
a morning phase is planned to end later, but never after the first afternoon phase), the
afternoon from the split to midnight, in local time `tz`. Two days played on one date (a
rehearsal, a shortened session) share it at the moment the later one began: the earlier day's
slots end there, the later day's start there, and a slot left empty is dropped, so no minute and
no action counts twice.

For each participant and slot: first and last moment connected, minutes connected (the union of
their connections clipped to the slot: two screens at once count once) and number of actions
(distinct action ids among the events they made in the slot). Pure: no store, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ilot.game.core.agenda import clock, planned
from ilot.game.core.events import Event
from ilot.game.core.scenario import Scenario

NOON = 13 * 60  # a phase starting before 13:00 is in the morning
DEFAULT_TZ = "Europe/Paris"
MORNING, AFTERNOON = "morning", "afternoon"


@dataclass(frozen=True, slots=True)
class SeatTime:
    participant: str
    first: float | None  # epoch seconds; None: not connected in the slot
    last: float | None
    minutes: float
    actions: int


@dataclass(frozen=True, slots=True)
class Slot:
    day: int
    half: str  # MORNING or AFTERNOON
    date: date
    start: float  # epoch seconds, the slot's bounds
    end: float
    planned_start: str  # "09:00": the first phase's planned start in the slot
    planned_end: str
    seats: tuple[SeatTime, ...]


Interval = tuple[float, float]


def intervals(rows: Iterable[Mapping[str, Any]], until: float) -> dict[str, list[Interval]]:
    """Each seat's connected intervals (by `who`), from connection rows in order. A seat is
    connected while it has more connects than disconnects; still open at the end: `until`."""
    count: dict[str, int] = {}
    since: dict[str, float] = {}
    out: dict[str, list[Interval]] = {}
    for r in rows:
        who, t = r["who"], float(r["t"])
        n = count.get(who, 0)
        if r["kind"] == "connect":
            if n == 0:
                since[who] = t
            count[who] = n + 1
        elif n > 0:
            count[who] = n - 1
            if n == 1:
                out.setdefault(who, []).append((since.pop(who), t))
    for who, t in since.items():
        out.setdefault(who, []).append((t, max(t, until)))
    return out


def clipped(spans: Sequence[Interval], start: float, end: float) -> list[Interval]:
    """The union of `spans` within [start, end), merged, in order."""
    cut = sorted((max(a, start), min(b, end)) for a, b in spans if b > start and a < end)
    merged: list[Interval] = []
    for a, b in cut:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def day_starts(scenario: Scenario, events: Sequence[Event]) -> dict[int, float]:
    """When the session first reached a phase of each day (`phase_changed`), for the days it did."""
    plan = planned(scenario)
    found: dict[int, float] = {}
    for e in events:
        if e.type == "phase_changed":
            i = e.data.get("phase")
            if isinstance(i, int) and 0 <= i < len(plan):
                found.setdefault(plan[i].day, e.t)
    return found


def day_dates(scenario: Scenario, events: Sequence[Event], tz: ZoneInfo) -> dict[int, date]:
    plan = planned(scenario)
    days = sorted({p.day for p in plan})
    found = {d: datetime.fromtimestamp(t, tz).date() for d, t in day_starts(scenario, events).items()}
    if days and days[0] not in found and events:
        found[days[0]] = datetime.fromtimestamp(events[0].t, tz).date()
    out: dict[int, date] = {}
    for d in days:
        if d in found:
            out[d] = found[d]
        elif out:
            prev = max(out)
            out[d] = out[prev] + timedelta(days=d - prev)
    return out


SlotBounds = tuple[int, str, date, float, float, str, str]


def slots_of(scenario: Scenario, events: Sequence[Event], tz: ZoneInfo) -> list[SlotBounds]:
    """(day, half, date, start, end, planned start, planned end) of every half-day with phases."""
    plan = planned(scenario)
    dates = day_dates(scenario, events, tz)
    began = day_starts(scenario, events)
    out: list[SlotBounds] = []
    for d, when in sorted(dates.items()):
        phases = [p for p in plan if p.day == d]
        am = [p for p in phases if p.start < NOON]
        pm = [p for p in phases if p.start >= NOON]
        split = max([NOON] + [p.end for p in am])
        if pm:
            split = min(split, min(p.start for p in pm))
        midnight = datetime.combine(when, time(0), tz)
        at = midnight + timedelta(minutes=split)
        next_day = datetime.combine(when + timedelta(days=1), time(0), tz)
        lo = -math.inf
        cut = began.get(d)
        if cut is not None and out and out[-1][2] == when:  # the day before was on this date too
            lo, before = cut, out[-1][0]
            ended = [(x, h, w, a, min(b, cut) if x == before else b, ps, pe)
                     for x, h, w, a, b, ps, pe in out]
            out = [slot for slot in ended if slot[3] < slot[4]]
        for half, group, a, b in ((MORNING, am, midnight, at), (AFTERNOON, pm, at, next_day)):
            start = max(a.timestamp(), lo)
            if group and start < b.timestamp():
                out.append((d, half, when, start, b.timestamp(),
                            clock(group[0].start), clock(max(p.end for p in group))))
    return out


def attendance(scenario: Scenario, events: Sequence[Event], connections: Sequence[Mapping[str, Any]],
               participants: Sequence[str], tz: str = DEFAULT_TZ,
               until: float | None = None) -> list[Slot]:
    """Every half-day slot with each participant's time in it (see the module's docstring).
    `connections`: rows as `StoreReader.connections` gives them; `until`: when connections
    still open end (default: the last row or event)."""
    zone = ZoneInfo(tz)
    seats = [r for r in connections if r.get("actor", "participant") == "participant"]
    if until is None:
        until = max([float(r["t"]) for r in seats] + [e.t for e in events[-1:]], default=0.0)
    spans = intervals(seats, until)
    out = []
    for day, half, when, start, end, p_start, p_end in slots_of(scenario, events, zone):
        rows = []
        for pid in participants:
            kept = clipped(spans.get(pid, []), start, end)
            aids = {e.aid or f"#{e.seq}" for e in events if e.by == pid and start <= e.t < end}
            rows.append(SeatTime(pid, kept[0][0] if kept else None, kept[-1][1] if kept else None,
                                 sum(b - a for a, b in kept) / 60.0, len(aids)))
        out.append(Slot(day, half, when, start, end, p_start, p_end, tuple(rows)))
    return out
