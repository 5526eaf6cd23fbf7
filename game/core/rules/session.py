"""Session-wide facts and the trainer's steering: opening, phases, timer, lock."""

from __future__ import annotations

from ..events import Event
from ..scenario import Scenario
from ..state import State
from .registry import TRAINER, Ctx, evolver, rule


def open_session(scenario: Scenario, seed: int | None, now: float) -> Event:
    """The first event of every log: which scenario, which seed."""
    return Event(1, now, "", "session_opened", {
        "scenario": scenario.id,
        "seed": scenario.seed if seed is None else seed,
    })


@evolver("session_opened")
def _opened(s: State, e: Event) -> None:
    s.seed = e.data.get("seed", 0)  # clients receive it without the seed
    s.created_at = e.t
    s.phase_started_at = e.t


@rule("set_phase", who=(TRAINER,))
def set_phase(c: Ctx) -> None:
    phases = c.state.scenario.phases
    c.require(0 <= c.action.phase < len(phases), "bad_phase")
    minutes = phases[c.action.phase].minutes
    c.emit("phase_changed", {"phase": c.action.phase, "timer_ends_at": c.now + minutes * 60})


@evolver("phase_changed")
def _phase(s: State, e: Event) -> None:
    s.phase = e.data["phase"]
    s.phase_started_at = e.t
    s.timer_ends_at = e.data["timer_ends_at"]
    s.timer_paused_left = None


@rule("set_timer", who=(TRAINER,))
def set_timer(c: Ctx) -> None:
    secs = c.action.seconds
    if secs is None:
        c.emit("timer_set", {"ends_at": None, "paused_left": None})
    elif c.action.paused:
        c.emit("timer_set", {"ends_at": None, "paused_left": secs})
    else:
        c.emit("timer_set", {"ends_at": c.now + secs, "paused_left": None})


@evolver("timer_set")
def _timer(s: State, e: Event) -> None:
    s.timer_ends_at = e.data["ends_at"]
    s.timer_paused_left = e.data["paused_left"]


@rule("set_lock", who=(TRAINER,))
def set_lock(c: Ctx) -> None:
    c.emit("lock_set", {"locked": c.action.locked})


@evolver("lock_set")
def _lock(s: State, e: Event) -> None:
    s.locked = e.data["locked"]
