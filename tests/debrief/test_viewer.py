"""The replay viewer driven headless through its own loop, by posting pygame events."""

from __future__ import annotations

import pygame
import pytest

from ilot.game.core import replay, state_hash
from ilot.game.debrief.recording import LogRecording
from ilot.game.debrief.viewer import BAND_RECT, MAP_RECT, TRACK_RECT, Viewer

from .conftest import GOLDEN


class FakeClock:
    """The viewer's time source: tests move it instead of sleeping."""

    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def post(v: Viewer, *events: pygame.event.Event, turns: int = 2) -> None:
    for e in events:
        pygame.event.post(e)
    for _ in range(turns):
        assert v.step(wait=False)


def click(v: Viewer, pos) -> None:
    post(v, pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
         pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
         pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def key(v: Viewer, k: int) -> None:
    post(v, pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))


def exact(v: Viewer) -> bool:
    """The viewer shows the core's replay of exactly the events before its cursor."""
    return state_hash(v.state) == state_hash(replay(v.rec.scenario, v.rec.events[: v.cursor]))


@pytest.fixture
def viewer(rich_log):
    clock = FakeClock()
    v = Viewer(LogRecording(rich_log), now=clock)
    v.fake_clock = clock
    yield v
    pygame.quit()


def test_next_event_play_and_speed(viewer):
    v = viewer
    click(v, v.b_next.rect.center)
    click(v, v.b_next.rect.center)
    assert v.cursor == 2 and exact(v)
    click(v, v.b_faster.rect.center)
    click(v, v.b_faster.rect.center)
    assert v.speed == 60  # ×10 → ×30 → ×60
    click(v, v.b_play.rect.center)
    assert v.playing
    t0 = v.session_t
    v.fake_clock.t += 20  # 20 s at ×60: 20 minutes of session
    post(v, turns=1)
    assert v.session_t == pytest.approx(t0 + 20 * 60)
    assert v.cursor == v.tl.index_at_time(t0 + 20 * 60) > 2
    assert exact(v)
    key(v, pygame.K_SPACE)
    assert not v.playing
    at = v.cursor
    v.fake_clock.t += 50
    post(v)
    assert v.cursor == at  # paused: nothing moves
    for _ in range(6):
        click(v, v.b_slower.rect.center)
    assert v.speed == 1


def test_playing_skips_the_night_and_stops_at_the_end(viewer):
    v = viewer
    day2 = next(i for i, e in enumerate(v.rec.events) if e.t - v.rec.events[i - 1].t > 6 * 3600)
    v.seek(day2)  # the last event of day 1
    click(v, v.b_play.rect.center)
    v.fake_clock.t += 1
    post(v, turns=1)
    assert v.cursor > day2  # the night is skipped, not played at ×10
    v.seek(len(v.rec.events) - 1)
    v.set_playing(True)
    for _ in range(5):
        v.fake_clock.t += 600
        post(v, turns=1)
    assert v.cursor == len(v.rec.events) and not v.playing and exact(v)


def test_drag_the_scrubber_backwards_and_forwards(viewer):
    v = viewer
    n = len(v.rec.events)
    y = TRACK_RECT.centery

    def x_at(frac: float) -> int:
        return int(TRACK_RECT.x + TRACK_RECT.w * frac)

    post(v, pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x_at(0.8), y), button=1))
    assert v.dragging and abs(v.cursor - 0.8 * n) <= n / TRACK_RECT.w + 1 and exact(v)
    post(v, pygame.event.Event(pygame.MOUSEMOTION, pos=(x_at(0.3), y), rel=(0, 0), buttons=(1, 0, 0)))
    assert abs(v.cursor - 0.3 * n) <= n / TRACK_RECT.w + 1 and exact(v)
    post(v, pygame.event.Event(pygame.MOUSEMOTION, pos=(x_at(0.55), y), rel=(0, 0), buttons=(1, 0, 0)),
         pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x_at(0.55), y), button=1))
    assert not v.dragging and abs(v.cursor - 0.55 * n) <= n / TRACK_RECT.w + 1 and exact(v)
    post(v, pygame.event.Event(pygame.MOUSEMOTION, pos=(x_at(0.9), y), rel=(0, 0), buttons=(0, 0, 0)))
    assert abs(v.cursor - 0.55 * n) <= n / TRACK_RECT.w + 1  # no longer dragging


def test_jump_to_a_phase_by_the_band_and_the_keys(viewer):
    v = viewer
    sc = v.rec.scenario
    target = next(i for i, p in enumerate(sc.phases) if p.kind == "deliberation")
    seg = next(s for s in v._phase_segments() if s[0] == target)
    click(v, (int((seg[1] + seg[2]) / 2), BAND_RECT.centery))
    assert v.state.phase == target and v.rec.events[v.cursor - 1].type == "phase_changed" and exact(v)
    key(v, pygame.K_PAGEDOWN)
    assert v.state.phase == target + 1 and exact(v)
    click(v, v.b_prev_phase.rect.center)
    click(v, v.b_prev_phase.rect.center)
    assert v.state.phase == target - 1 and exact(v)
    key(v, pygame.K_END)
    assert v.cursor == len(v.rec.events) and v.state.phase == len(sc.phases) - 1


def test_every_tab_draws_and_a_debrief_note_is_saved(viewer, rich_log):
    v = viewer
    v.seek(len(v.rec.events) * 2 // 3)
    for name, button in v.tab_buttons.items():
        click(v, button.rect.center)
        assert v.tab == name
    click(v, v.entry.rect.center)
    assert v.entry.is_focused
    post(v, pygame.event.Event(pygame.TEXTINPUT, text="Ici le groupe a changé d'avis — à creuser"))
    post(v, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=40))
    again = LogRecording(rich_log)
    assert [n["text"] for n in again.notes()] == ["Ici le groupe a changé d'avis — à creuser"]
    assert again.notes()[0]["at"] == v.session_t == v.rec.events[v.cursor - 1].t
    assert v.entry.get_text() == ""
    at = v.cursor
    key(v, pygame.K_RIGHT)  # while the entry has the focus, keys edit the text
    assert v.cursor == at
    click(v, MAP_RECT.center)  # click elsewhere: keys drive the replay again
    assert not v.entry.is_focused
    key(v, pygame.K_RIGHT)
    assert v.cursor == at + 1


def test_redraws_only_when_something_changed(viewer, monkeypatch):
    v = viewer
    post(v)
    flips = []
    monkeypatch.setattr(pygame.display, "flip", lambda: flips.append(1))
    for _ in range(5):
        assert v.step(wait=False)
    assert flips == []
    key(v, pygame.K_RIGHT)
    assert len(flips) == 1


def test_the_golden_log_replays_in_the_viewer():
    clock = FakeClock()
    v = Viewer(LogRecording(GOLDEN), now=clock)
    try:
        for phase in range(len(v.rec.scenario.phases)):
            assert v.jump_to_phase(phase)
            post(v, turns=1)
            assert v.state.phase == phase and exact(v)
        v.seek(0)
        v.speed = 60
        v.set_playing(True)
        while v.playing:
            clock.t += 30
            post(v, turns=1)
        assert v.cursor == len(v.rec.events) and exact(v)
        post(v, pygame.event.Event(pygame.QUIT), turns=0)
        assert not v.step(wait=False)
    finally:
        pygame.quit()
