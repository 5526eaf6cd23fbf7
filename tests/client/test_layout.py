"""Any laptop screen: the window's first size, the layout at the window's scale, every indicator
reachable, long texts scrolled to their end, and the text size (A− / A+) kept on the laptop.
Real loop, SDL's dummy driver, a real server on 127.0.0.1."""

from __future__ import annotations

import itertools
import json

import pygame
import pytest

from ilot.game.client import display, fonts
from ilot.game.client.layout import compute
from ilot.game.core.kinds import ActorKind

from .conftest import SHORT, Harness, click, pump, wheel

SCREENS = [(1024, 700), (1366, 768), (1920, 1080)]


def trainer_hello(h: Harness) -> dict[str, str]:
    return {"as": "trainer", "room": h.room, "code": h.code}


def set_phase(h: Harness, app, kind: str) -> None:
    index = [p.kind for p in h.state().scenario.phases].index(kind)
    assert h.trainer_act({"type": "set_phase", "phase": index})["t"] == "ack"
    pump(app, lambda: app.model.state.phase == index and app.screen == "main"
         and app.side.name == kind)


def scenario_with(tmp_path, *, indicators: int = 0, long_names: bool = False):
    """petit_ilot.json with `indicators` more indicators (in a tmp dir)."""
    data = json.loads(SHORT.read_text(encoding="utf-8"))
    for i in range(indicators):
        name = f"Indicateur ajouté n° {i + 1}"
        if long_names:
            name += " : une mesure au nom assez long pour tenir sur plusieurs lignes du panneau"
        data["indicators"].append({"id": f"extra_{i + 1}", "name": name, "initial": 10 + i % 80})
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def reset_scale():
    yield
    fonts.set_scale(1.0)


# ----- the window's first size -----

@pytest.mark.parametrize("desktop", SCREENS + [(2560, 1440)])
def test_window_size_fits_the_desktop(desktop):
    w, h = display.fit_window(desktop)
    assert w <= desktop[0] and h <= desktop[1] - 60  # room for the task bar and title bar
    assert w >= desktop[0] - 40 and h >= desktop[1] - 120  # and not much more


@pytest.mark.parametrize("desktop", SCREENS)
def test_window_opens_at_the_size_of_its_desktop(tmp_path, monkeypatch, desktop, reset_scale):
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [desktop])
    h = Harness(tmp_path)
    try:
        app = h.app(trainer_hello(h), size=None)
        assert app.window.get_size() == display.fit_window(desktop)
        pump(app, lambda: app.screen == "main")
        assert app.layout.status.bottom == app.window.get_height()
        assert app.layout.side.right == app.window.get_width()
        # --size still decides
        app2 = h.app(trainer_hello(h), size=(1100, 650))
        assert app2.window.get_size() == (1100, 650)
    finally:
        h.close()


# ----- the layout -----

def assert_tiles(parts: dict[str, pygame.Rect], size: tuple[int, int]) -> None:
    window = pygame.Rect((0, 0), size)
    for name, r in parts.items():
        assert r.w > 0 and r.h > 0, (name, r, size)
        assert window.contains(r), (name, r, size)
    for (a, ra), (b, rb) in itertools.combinations(parts.items(), 2):
        assert not ra.colliderect(rb), (a, ra, b, rb, size)


@pytest.mark.parametrize("size", SCREENS)
@pytest.mark.parametrize("text_size", [90, 100, 150])
def test_layout_parts_inside_the_window_and_apart(size, text_size, reset_scale):
    fonts.set_scale(display.window_scale(size, text_size))
    for kind in (ActorKind.TRAINER, ActorKind.PARTICIPANT, ActorKind.SPECTATOR):
        lay = compute(*size, kind)
        assert_tiles(lay.parts(), size)
        assert lay.map.h >= 100, (size, text_size, kind, lay.map)


@pytest.mark.parametrize("size", SCREENS)
def test_the_screen_in_its_layout(harness, size, reset_scale):
    """The real window: the header's labels and buttons inside the header, the side panel's
    widgets inside the side, A− / A+ inside the status bar, the scale larger on a larger
    screen."""
    app = harness.app(trainer_hello(harness), size=size)
    pump(app, lambda: app.screen == "main")
    lay = app.layout
    assert_tiles(lay.parts(), size)
    assert fonts.scale() == display.window_scale(size, 100)
    for part, rect in ((app.header, lay.header), (app.side, lay.side)):
        for key, el in part.widgets.items():
            r = el.get_abs_rect()
            assert rect.contains(r), (part.name, key, r, rect)
    ctl = app.text_control
    assert lay.status.contains(ctl.rect)
    assert app.status.reserved >= ctl.rect.w
    app.step()
    assert app.frames > 0


# ----- every indicator reachable -----

@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_every_indicator_is_reachable(tmp_path, size, reset_scale):
    h = Harness(tmp_path, scenario_with(tmp_path, indicators=5, long_names=True))
    try:
        assert len(h.state().scenario.indicators) == 12
        app = h.app(trainer_hello(h), size=size)
        pump(app, lambda: app.screen == "main" and app.frames > 0)
        panel = app.indicators
        assert panel.pages > 1  # not all on one: paged, none dropped
        seen: set[str] = set(panel.shown)
        for _ in range(panel.pages):  # a click on the panel turns the page
            frames, page = app.frames, (panel.page + 1) % panel.pages
            click(app, panel.rect.center)
            pump(app, lambda: panel.page == page and app.frames > frames)
            seen |= set(panel.shown)
        assert seen == {ind.id for ind in h.state().scenario.indicators}
        # the mouse wheel turns it too
        page = panel.page
        pygame.mouse.set_pos(panel.rect.center)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=panel.rect.center,
                                             rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False,
                                             precise_x=0.0, precise_y=-1.0))
        pump(app, lambda: panel.page != page, 2)
    finally:
        h.close()


# ----- long texts scroll to their end -----

def test_long_synthese_scrolls_to_its_end(tmp_path, reset_scale):
    h = Harness(tmp_path, scenario_with(tmp_path, indicators=120, long_names=True))
    try:
        app = h.app(trainer_hello(h), size=(1366, 768))
        pump(app, lambda: app.screen == "main")
        set_phase(h, app, "synthese")
        box = app.side.widgets["box"]
        pump(app, lambda: "n° 120" in box.html_text)
        assert box.content_height > 2400 * 2  # far beyond what the old text box kept
        last = len(box.lines) - 1
        assert last not in box.visible_lines()
        # End: the text's last line in view
        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            pygame.event.post(pygame.event.Event(kind, key=pygame.K_END, mod=0, unicode="",
                                                 scancode=77))
        pump(app, lambda: last in box.visible_lines(), 3)
        # Home, then Page Down moves a page down; the mouse wheel scrolls as well
        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            pygame.event.post(pygame.event.Event(kind, key=pygame.K_HOME, mod=0, unicode="",
                                                 scancode=74))
        pump(app, lambda: box.offset() == 0, 3)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0,
                                             unicode="", scancode=78))
        pump(app, lambda: box.offset() > box.view_h // 2, 3)
        top = box.offset()
        centre = box.get_abs_rect().center
        wheel(app, centre)
        pump(app, lambda: box.offset() > top, 3)
        # what is drawn is the text at that place: the image sits where the view is
        assert box.image.get_relative_rect().y == box.offset()
    finally:
        h.close()


# ----- A− / A+ -----

def test_text_size_buttons_change_the_size_and_it_is_kept(harness, tmp_path, reset_scale):
    settings = tmp_path / "display.json"
    assert not settings.exists()
    app = harness.app(trainer_hello(harness), size=(1366, 768))
    pump(app, lambda: app.screen == "main")
    assert app.text_size == 100 and fonts.scale() == 1.0
    title_h = fonts.font(14).get_height()
    click(app, app.text_control.larger.get_abs_rect().center)
    pump(app, lambda: app.text_size == 110)
    assert fonts.scale() == pytest.approx(1.1)
    assert fonts.font(14).get_height() > title_h
    assert app.screen == "main" and app.layout.header.h == fonts.px(208)  # the trainer's header
    click(app, app.text_control.larger.get_abs_rect().center)
    pump(app, lambda: app.text_size == 120)
    assert json.loads(settings.read_text(encoding="utf-8"))["text_size"] == 120
    assert_tiles(app.layout.parts(), (1366, 768))

    # a restart: the new window opens with the text size kept
    app = harness.app(trainer_hello(harness), size=(1366, 768))
    pump(app, lambda: app.screen == "main")
    assert app.text_size == 120 and fonts.scale() == pytest.approx(1.2)
    click(app, app.text_control.smaller.get_abs_rect().center)
    pump(app, lambda: app.text_size == 110)
    assert json.loads(settings.read_text(encoding="utf-8"))["text_size"] == 110


def test_text_size_steps_stay_within_bounds():
    assert display.step_text_size(100, -1) == 90
    assert display.step_text_size(90, -1) == 90
    assert display.step_text_size(150, +1) == 150
    assert display.step_text_size(104, +1) == 110


@pytest.mark.parametrize("size", [(1350, 678), (1024, 700), (1366, 768), (1920, 1080)])
def test_larger_text_never_leaves_the_map_without_room(size, reset_scale):
    """A+ stops at what leaves the layout room for a map (the text size asked for is kept for
    a larger window); it never makes the text smaller than asked below 100 %."""
    for text_size in (90, 100, 110, 120, 130, 140, 150):
        s = display.window_scale(size, text_size)
        assert s >= min(1.0, text_size / 100) - 1e-9
        assert s <= max(1.0, min(size[0] / 1000, size[1] / 600)) + 1e-9
        fonts.set_scale(s)
        lay = compute(*size, ActorKind.TRAINER)
        assert lay.map.h >= 0.35 * size[1] or s <= 1.0, (size, text_size, lay.map)


def test_a_plus_at_the_window_s_most_says_so(harness, reset_scale):
    app = harness.app(trainer_hello(harness), size=(1350, 678))
    pump(app, lambda: app.screen == "main")
    sizes = []
    for _ in range(6):
        click(app, app.text_control.larger.get_abs_rect().center)
        app.step()
        sizes.append(app.text_size)
    assert sizes[-1] == sizes[-2] < 150  # stopped at the window's most
    assert "agrandissez" in app.model.message
    assert fonts.scale() == display.window_scale((1350, 678), app.text_size) <= 678 / 600
