"""A note arriving draws only its pin (and the names back over it), and the map it gives is the
one a full draw gives, pixel for pixel; an edited or removed note makes the full draw."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pygame
import pytest

from ilot.game.client.layout import compute
from ilot.game.client.mapview import MapView
from ilot.game.debrief.scripted import play
from ilot.game.text import lang_for


@pytest.fixture(autouse=True)
def _pygame():
    pygame.init()
    yield


def _full(sc, size, notes, uses) -> bytes:
    view = MapView(lang_for("fr"))
    state = SimpleNamespace(scenario=sc, notes=notes)
    view.layout(compute(*size, "participant").map, state)
    window = pygame.Surface(size)
    view.draw(window, state, version=1, selected=None, uses=uses, show_notes=True)
    return pygame.image.tobytes(window, "RGB")


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_new_pins_draw_what_a_full_draw_draws(rich, size):
    played = list(play(rich, participants=9, scale=1.0, seed=5).state.notes.values())
    # 150 notes where people put them, a little apart (a busy état des lieux)
    notes = {f"n{i}": replace(played[i % len(played)], id=f"n{i}",
                              x=played[i % len(played)].x + (i * 7) % 13 - 6,
                              y=played[i % len(played)].y + (i * 5) % 11 - 5) for i in range(150)}
    ids = list(notes)
    uses = {rich.spaces[0].id: (rich.uses[0].id, 1)}
    view = MapView(lang_for("fr"))
    start = {k: notes[k] for k in ids[:40]}
    state = SimpleNamespace(scenario=rich, notes=start)
    view.layout(compute(*size, "participant").map, state)
    window = pygame.Surface(size)
    view.draw(window, state, version=1, selected=None, uses=uses, show_notes=True)
    calls = []
    full = view._pins
    view._pins = lambda *a: (calls.append(1), full(*a))  # type: ignore[method-assign]  # counts full draws
    version = 1
    for n in (41, 45, 60, len(ids)):  # one note, then several in one frame
        version += 1
        state.notes = {k: notes[k] for k in ids[:n]}
        view.draw(window, state, version=version, selected=None, uses=uses, show_notes=True)
        assert calls == [], n  # no full redraw
        assert pygame.image.tobytes(window, "RGB") == _full(rich, size, state.notes, uses), n
    # a removed note: the full draw, the same map as drawn from scratch
    version += 1
    state.notes = {k: notes[k] for k in ids[1:]}
    view.draw(window, state, version=version, selected=None, uses=uses, show_notes=True)
    assert calls == [1]
    assert pygame.image.tobytes(window, "RGB") == _full(rich, size, state.notes, uses)
