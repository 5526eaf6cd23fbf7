"""The trainer plays the simulation's three years, quarter by quarter, on every screen.

`simulation_playback` (trainer only, in the phases that show the simulation:
`playback.PLAYBACK_PHASES`) sets where the shared playback stands with one `playback_set`
event. The quarter reached is computed with the action's `now` (a playing playback has moved
on since it started): pause keeps it, step and back move one quarter from it and pause, seek
goes to `quarter` (playing on if it was playing and had not reached the last quarter), reset
goes back to today, paused. Play from the last quarter (where it rests until first played)
starts again from today.
"""

from __future__ import annotations

from ..actions import SimulationPlayback
from ..events import Event, PlaybackSet
from ..kinds import PlaybackCommand
from ..playback import LAST_QUARTER, PLAYBACK_PHASES, Playback, quarter_at
from ..state import State
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()


@ruleset.rule(SimulationPlayback, who=(TRAINER,))
def simulation_playback(c: Ctx[SimulationPlayback]) -> None:
    s = c.state
    c.require(s.phase_kind in PLAYBACK_PHASES, "no_simulation_here")
    pb = s.playback
    reached = quarter_at(pb, c.now, s.scenario.simulation.playback_seconds)
    cmd = c.action.command
    if cmd == PlaybackCommand.PLAY:
        c.emit(PlaybackSet(0 if reached >= LAST_QUARTER else reached, True, c.now))
    elif cmd == PlaybackCommand.PAUSE:
        c.emit(PlaybackSet(reached, False, None))
    elif cmd == PlaybackCommand.STEP:
        c.emit(PlaybackSet(min(LAST_QUARTER, reached + 1), False, None))
    elif cmd == PlaybackCommand.BACK:
        c.emit(PlaybackSet(max(0, reached - 1), False, None))
    elif cmd == PlaybackCommand.SEEK:
        quarter = c.need(c.action.quarter, "seek_needs_quarter")
        # one that played to the last quarter stands still there: screens show it paused, and
        # a seek from there stays paused
        playing = pb.playing and reached < LAST_QUARTER
        c.emit(PlaybackSet(quarter, playing, c.now if playing else None))
    else:  # reset
        c.emit(PlaybackSet(0, False, None))


@ruleset.evolver(PlaybackSet)
def _playback(s: State, e: Event[PlaybackSet]) -> None:
    p = e.payload
    s.playback = Playback(p.quarter, p.playing, p.since)
