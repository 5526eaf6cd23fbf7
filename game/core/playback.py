"""The shared playback of the simulation: which quarter of the three years every screen shows.

The trainer plays, pauses or steps it (`simulation_playback`); the state keeps only where it
stands (`Playback`: the quarter reached, whether it plays on, since when). Nothing ticks on the
server: while it plays, each client computes the quarter shown from its clock
(`quarter_at`), one quarter every `simulation.playback_seconds`, up to the last one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import PhaseKind

LAST_QUARTER = 12
SECONDS_PER_QUARTER = 4.0  # the scenario's `simulation.playback_seconds` by default
# the phases whose screens show the simulation (and where the trainer may play it)
PLAYBACK_PHASES = frozenset({PhaseKind.SCHEMA_DIRECTEUR, PhaseKind.PLAN_ACTION,
                             PhaseKind.CONSENSUS_FINAL, PhaseKind.SYNTHESE})


@dataclass(frozen=True, slots=True)
class Playback:
    """Where the shared playback stands. Until the trainer plays it, it rests on the last
    quarter: screens show where the plan leads in three years, as they did before playback."""

    quarter: int = LAST_QUARTER  # the quarter reached (when it started playing, if it plays)
    playing: bool = False
    since: float | None = None  # when it started playing from `quarter` (server time)


def quarter_at(pb: Playback, now: float, seconds: float = SECONDS_PER_QUARTER) -> int:
    """The quarter shown at time `now`: while playing, one more every `seconds`, at most 12."""
    if not pb.playing or pb.since is None:
        return pb.quarter
    gone = max(0.0, now - pb.since)
    return min(LAST_QUARTER, pb.quarter + int(gone // max(seconds, 0.01)))


def finished(pb: Playback, now: float, seconds: float = SECONDS_PER_QUARTER) -> bool:
    """Whether it has reached the last quarter (a playing playback then stands still)."""
    return quarter_at(pb, now, seconds) >= LAST_QUARTER


def next_change(pb: Playback, now: float, seconds: float = SECONDS_PER_QUARTER) -> float | None:
    """When the quarter shown next changes (None: not before an event)."""
    if not pb.playing or pb.since is None or finished(pb, now, seconds):
        return None
    steps = quarter_at(pb, now, seconds) - pb.quarter + 1
    return pb.since + steps * seconds
