"""Seek anywhere in a recorded session: snapshots taken in one pass, then replay the rest.

`Timeline(scenario, events)` replays the log once with the core's `evolve`, keeping a copy of
the state every so often. `state_at(n)` is the exact state after the first `n` events (the
core's replay, not an approximation): the nearest snapshot at or before `n`, copied, plus the
events after it. A snapshot is taken every `k` events, or later when the state is big (copying
a big state costs more than replaying a few thousand events), which keeps both seeking and the
one-pass build fast. Going forward from the state last returned reuses it instead of copying.
"""

from __future__ import annotations

import bisect
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ilot.game.core.fastcopy import clone_state

from ..core.events import Event
from ..core.evolve import evolve
from ..core.scenario import Scenario
from ..core.simulation import PlanInput, Trajectory, plan_from_state, simulate
from ..core.state import State, new_state
from .errors import TimelineError

PLAN_EVENTS = frozenset({
    "schema_placed", "schema_removed", "plan_item_added", "plan_item_edited",
    "plan_item_removed", "plan_items_finalised", "rule_added", "rule_removed",
})


@dataclass(frozen=True, slots=True)
class PhaseMark:
    phase: int  # index in scenario.phases
    index: int  # number of events applied when the phase began
    t: float


@contextmanager
def _no_gc():
    """Copies allocate thousands of objects without cycles: a full collection in the middle
    of one (scanning every snapshot) would double a seek's time for nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _size(s: State) -> int:
    """Rough number of records in the state (what a copy costs)."""
    return (len(s.participants) + len(s.notes) + len(s.resources) + len(s.cafe_notes)
            + len(s.comments) + len(s.arguments) + len(s.proposals) + len(s.rounds)
            + len(s.plan) + len(s.expectations) + len(s.seen) // 4
            + sum(len(r.positions) for r in s.rounds.values())
            + sum(len(g.draft) for g in s.groups.values()))


class Timeline:
    def __init__(self, scenario: Scenario, events: list[Event], k: int = 500,
                 curve_points: int = 64):
        self.scenario = scenario
        self.events = events
        self.times = [e.t for e in events]
        self.k = k
        self._snap_index: list[int] = [0]
        self._snaps: list[State] = [new_state(scenario)]
        self.phases: list[PhaseMark] = []
        self._plans: list[tuple[int, PlanInput, int]] = []  # (index, plan, seed)
        self._curve: list[tuple[int, float, dict[str, float]]] | None = None
        self._sims: dict[str, Trajectory] = {}
        with _no_gc():
            self.final = self._build(curve_points)
        # The snapshots never change again: keep the collector from rescanning their hundreds
        # of thousands of objects (a full collection in a seek cost 60-80 ms).
        gc.freeze()
        self._current: tuple[int, State] | None = None

    # ----- the one pass -----
    def _build(self, curve_points: int) -> State:
        s = new_state(self.scenario)
        n = len(self.events)
        every = max(1, n // max(1, curve_points))
        gap = self.k
        last_snap = 0
        plan_dirty = True
        for i, e in enumerate(self.events, 1):
            try:
                evolve(s, e)
            except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
                raise TimelineError("debrief.error.damaged", i=i, seq=e.seq, type=e.type,
                                    detail=repr(exc)) from None
            if e.type == "phase_changed" or e.type == "session_opened":
                self.phases.append(PhaseMark(s.phase, i - 1 if e.type == "phase_changed" else 0, e.t))
            if e.type in PLAN_EVENTS:
                plan_dirty = True
            if plan_dirty and (i % every == 0 or i == n or e.type == "phase_changed"):
                self._plans.append((i, plan_from_state(s), s.seed))
                plan_dirty = False
            if i - last_snap >= gap and i < n:
                self._snap_index.append(i)
                self._snaps.append(clone_state(s))
                last_snap = i
                gap = max(self.k, _size(s) // 5)
        if not self._plans or self._plans[-1][0] != n:
            self._plans.append((n, plan_from_state(s), s.seed))
        return s

    def __len__(self) -> int:
        return len(self.events)

    @property
    def snapshots(self) -> int:
        return len(self._snaps)

    # ----- seeking -----
    def state_at(self, n: int) -> State:
        """The exact state after the first `n` events (0 = before the session opened).

        The returned state is the timeline's own working copy: read it, do not change it.
        """
        n = max(0, min(n, len(self.events)))
        if n == len(self.events):
            return self.final
        with _no_gc():
            return self._seek(n)

    def _seek(self, n: int) -> State:
        cur = self._current
        j = bisect.bisect_right(self._snap_index, n) - 1
        base = self._snap_index[j]
        if cur is not None and base <= cur[0] <= n:
            start, s = cur  # keep going forward from where we are
        else:
            start, s = base, clone_state(self._snaps[j])
        for e in self.events[start:n]:
            evolve(s, e)
        self._current = (n, s)
        return s

    def index_at_time(self, t: float) -> int:
        """Number of events that happened at or before session time `t`."""
        return bisect.bisect_right(self.times, t)

    def phase_at(self, n: int) -> int:
        """Index of the phase running after `n` events."""
        phase = 0
        for m in self.phases:
            if m.index < n or (m.index == 0 and n == 0):
                phase = m.phase
            else:
                break
        return phase

    def phase_start(self, phase: int) -> int | None:
        """Events applied when `phase` was first entered (None if it never ran)."""
        for m in self.phases:
            if m.phase == phase and (m.index > 0 or phase == 0):
                return m.index + 1 if m.index > 0 else 1
        return None

    @property
    def start_time(self) -> float:
        return self.times[0] if self.times else 0.0

    @property
    def end_time(self) -> float:
        return self.times[-1] if self.times else 0.0

    # ----- the plan's simulation over the session -----
    def simulation_at(self, n: int) -> Trajectory:
        """The simulation of the plan as it stood after `n` events (cached per plan)."""
        s = self.state_at(n) if n != len(self.events) else self.final
        return self._simulate(plan_from_state(s), s.seed)

    def _simulate(self, plan: PlanInput, seed: int) -> Trajectory:
        key = repr((plan, seed))
        traj = self._sims.get(key)
        if traj is None:
            traj = self._sims[key] = simulate(self.scenario, plan, seed)
        return traj

    def indicator_curve(self) -> list[tuple[int, float, dict[str, Any]]]:
        """(event index, time, indicators at the end of year 3) each time the plan changed."""
        if self._curve is None:
            out = []
            for i, plan, seed in self._plans:
                traj = self._simulate(plan, seed)
                values = dict(traj.final.indicators)
                values["charges"] = traj.final.charges
                values["overload_pct"] = traj.final.overload_pct
                out.append((i, self.times[i - 1], values))
            self._curve = out
        return self._curve
