"""The planned agenda of a session: each phase's day and clock times, from the scenario.

A phase gives its `day` (1, 2 or 3) and its `minutes`, and may give its `start` ("HH:MM"). A
phase without a start begins when the phase before it ends, on the same day; the first phase of
a day without a start begins at the scenario's `day_start` ("09:00" unless said otherwise). A
start later than the end of the phase before leaves a pause between them (the lunch break):
`pause_before`. Times are minutes after midnight (`clock` writes them "HH:MM").

`scenario_check` refuses an agenda whose days go back, whose phases overlap, or that runs past
midnight; `planned` itself never fails, even on such an agenda (it computes what it can).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds import PhaseKind
from .scenario import Scenario

DAY_MINUTES = 24 * 60
_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3])[:hH]([0-5][0-9])$")


def minutes_of(text: str) -> int:
    """Minutes after midnight of a clock time "HH:MM" (also "9:30" or "9h30"). ValueError if
    it is none."""
    m = _CLOCK.match(text.strip())
    if m is None:
        raise ValueError(f"not a clock time: {text!r}")
    return int(m.group(1)) * 60 + int(m.group(2))


def clock(minutes: int) -> str:
    """"HH:MM" for minutes after midnight (past 24:00 it goes on counting: "25:10")."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class PlannedPhase:
    """One phase on the agenda: its place, day and planned times (minutes after midnight)."""

    index: int  # in the scenario's phases (what `set_phase` and `state.phase` use)
    id: str
    kind: PhaseKind
    title: str
    day: int
    start: int
    end: int
    pause_before: int  # minutes between the end of the phase before, on the same day, and this one
    start_given: bool  # the scenario gives this phase's start (else it was computed)

    @property
    def start_clock(self) -> str:
        return clock(self.start)

    @property
    def end_clock(self) -> str:
        return clock(self.end)


def planned(scenario: Scenario) -> list[PlannedPhase]:
    """Every phase of the scenario with its planned day, start and end, in order."""
    out: list[PlannedPhase] = []
    day: int | None = None
    cursor = 0
    day_start = _minutes_or_none(scenario.day_start)
    if day_start is None:
        day_start = 9 * 60
    for i, p in enumerate(scenario.phases):
        start = _minutes_or_none(p.start)
        given = start is not None
        if p.day != day:
            day = p.day
            begin = start if start is not None else day_start
            pause = 0
        else:
            begin = start if start is not None else cursor
            pause = max(0, begin - cursor)
        end = begin + p.minutes
        out.append(PlannedPhase(i, p.id, p.kind, p.title, p.day, begin, end, pause, given))
        cursor = end
    return out


def _minutes_or_none(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return minutes_of(text)
    except ValueError:  # a model built without validation: compute from what is there
        return None


def days(scenario: Scenario) -> list[int]:
    """The days of the session, in order (`[1, 2]` for the default two-day scenario)."""
    return sorted({p.day for p in scenario.phases})
