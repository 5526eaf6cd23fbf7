"""The replay window's frame: its tab bar (any number of tabs, any window from 1024×700), the
scrolling contract every tab follows, the client's fonts, years told apart without colour, and
a distinct look for every indicator's line (replay and report).

The viewer runs headless (SDL dummy driver) through its own loop; what it shows is read back
from the window's pixels or from the fonts' renders.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pygame
import pytest

from ilot.game import palette
from ilot.game.client import fonts as client_fonts
from ilot.game.core import load_scenario
from ilot.game.debrief import deliberation as dl
from ilot.game.debrief import draw, svg, tabs
from ilot.game.debrief import viewer as viewer_mod
from ilot.game.debrief.layout import MIN_SIZE, layout, tab_rows
from ilot.game.debrief.recording import LogRecording
from ilot.game.debrief.timeline import Timeline
from ilot.game.debrief.viewer import Viewer
from ilot.game.text import lang_for

from .test_english_replay import SpyFont
from .test_viewer import FakeClock, click, key, post

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.json"))
FR = lang_for("fr")


@pytest.fixture
def viewer(rich_log):
    v = Viewer(LogRecording(rich_log), now=FakeClock())
    yield v
    pygame.quit()


def rgb(colour: str) -> tuple[int, int, int]:
    c = pygame.Color(colour)
    return (c.r, c.g, c.b)


def panel_pixels(v: Viewer) -> bytes:
    return pygame.image.tobytes(v.screen.subsurface(v.view), "RGB")


def wheel(v: Viewer, notches: int) -> None:
    """The wheel turned towards the user (`notches` > 0 scrolls down)."""
    post(v, pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-notches, precise_x=0.0,
                               precise_y=float(-notches), flipped=False, which=0))


def test_a_tall_tab_scrolls_with_the_wheel_the_keys_and_its_scrollbar(viewer):
    v = viewer
    v.seek(len(v.tl))
    click(v, v.tab_buttons["plan"].rect.center)
    post(v)
    top = panel_pixels(v)
    bar = v.scrollbar()
    assert bar is not None, "the final plan is taller than the panel"
    track, thumb = bar
    assert v.screen.get_at(thumb.center)[:3] == rgb(palette.R_MUTED)  # drawn
    assert thumb.y == track.y
    wheel(v, 3)
    assert v.scroll.offset("plan", v.view.h) == 3 * 48
    assert panel_pixels(v) != top
    assert v.scrollbar()[1].y > thumb.y  # the thumb moved down with it
    key(v, pygame.K_UP)
    key(v, pygame.K_UP)
    key(v, pygame.K_UP)
    assert v.scroll.offset("plan", v.view.h) == 0 and panel_pixels(v) == top
    post(v, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=pygame.KMOD_SHIFT, unicode="",
                               scancode=0))
    assert v.scroll.offset("plan", v.view.h) == v.view.h - 48  # a page, a line kept in view
    # drag the thumb to the bottom: the end of the content shows
    track, thumb = v.scrollbar()
    post(v, pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=thumb.center, button=1),
         pygame.event.Event(pygame.MOUSEMOTION, pos=(thumb.centerx, track.bottom + 50), rel=(0, 0),
                            buttons=(1, 0, 0)),
         pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(thumb.centerx, track.bottom + 50), button=1))
    end = v.scroll.max_offset("plan", v.view.h)
    assert end > 0 and v.scroll.offset("plan", v.view.h) == end
    assert v.scrollbar()[1].bottom == track.bottom
    assert v.cursor == len(v.tl)  # dragging the thumb is not scrubbing the timeline
    # a click on the track above the thumb: a page up
    post(v, pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(track.centerx, track.y + 2), button=1),
         pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(track.centerx, track.y + 2), button=1))
    assert v.scroll.offset("plan", v.view.h) == end - (v.view.h - 48)
    # each tab keeps its own offset
    kept = v.scroll.offset("plan", v.view.h)
    click(v, v.tab_buttons["participation"].rect.center)
    assert v.scroll.offset("participation", v.view.h) == 0
    click(v, v.tab_buttons["plan"].rect.center)
    assert v.scroll.offset("plan", v.view.h) == kept


def test_a_tab_that_fits_has_no_scrollbar_and_does_not_move(viewer):
    v = viewer
    v.seek(0)
    click(v, v.tab_buttons["notes"].rect.center)
    before = panel_pixels(v)
    assert v.scrollbar() is None
    wheel(v, 2)
    key(v, pygame.K_DOWN)
    assert v.scroll.offset("notes", v.view.h) == 0 and panel_pixels(v) == before


def test_the_journal_follows_the_cursor_until_scrolled_back(viewer):
    v = viewer
    highlight = rgb(palette.R_HIGHLIGHT)

    def highlighted() -> bool:
        surf = v.screen.subsurface(v.view)
        return any(surf.get_at((2, y))[:3] == highlight for y in range(surf.get_height()))

    for at in (5, len(v.tl) // 2, len(v.tl)):
        v.seek(at)
        post(v)
        assert highlighted(), at  # the current event is in view, at the bottom
        assert v.scroll.offset("events", v.view.h) == v.scroll.max_offset("events", v.view.h)
    assert v.scroll.heights["events"] > 20 * v.view.h  # every event of the session, not a window
    wheel(v, -4)
    assert not highlighted()  # reading back: the list stays where it was put
    key(v, pygame.K_DOWN)
    assert not highlighted()
    key(v, pygame.K_LEFT)  # a seek brings the current event back
    assert highlighted()


def test_every_round_of_the_consent_tab_can_be_reached(rich_log):
    """The issue's « shows 4 of 6 rounds »: the tab draws every round and every reason, whatever
    the panel's height (here the smallest window's), and the viewer scrolls to its last line."""
    v = Viewer(LogRecording(rich_log), now=FakeClock(), size=MIN_SIZE)
    try:
        _every_round(v)
    finally:
        pygame.quit()


def _every_round(v: Viewer) -> None:
    v.seek(len(v.tl))
    seen: list[str] = []
    v.fonts.small = SpyFont(v.fonts.small, seen)
    click(v, v.tab_buttons["consent"].rect.center)
    history = dl.trace(v.rec.scenario, v.tl.events)
    rounds = sum(len(h.rounds) for h in history)
    assert rounds >= 6
    labels = {v.lang.t("debrief.round_n", n=k) for k in range(1, 30)}
    screen, v.screen = v.screen, pygame.Surface((v.view.w, 20000))  # no clip: all of it
    try:
        seen.clear()
        bottom = tabs.DRAW["consent"](v, pygame.Rect(0, 0, v.view.w - 6, v.view.h))
    finally:
        v.screen = screen
    assert sum(1 for line in seen if line in labels) == rounds
    reasons = [p.reason for h in history for rd in h.rounds for p in rd.positions if p.reason]
    assert len(reasons) >= 10
    drawn = " ".join(seen)  # a reason may be wrapped over lines, drawn one after the other
    assert all(v.lang.quote(reason) in drawn for reason in reasons)
    assert bottom + 6 == v.scroll.heights["consent"] > v.view.h
    # scrolled to its end, the panel shows the last round's lines
    v.scroll_by(10**6)
    seen.clear()
    post(v, turns=1)
    assert v.scroll.offset("consent", v.view.h) == v.scroll.max_offset("consent", v.view.h) > 0
    assert any(line in labels for line in seen)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_every_tab_draws_at_several_moments_within_its_panel(rich_log, size):
    v = Viewer(LogRecording(rich_log), now=FakeClock(), size=size)
    try:
        assert v.screen.get_size() == size
        n = len(v.tl)
        for at in (0, 1, n // 3, n * 2 // 3, n):
            v.seek(at)
            for name, button in v.tab_buttons.items():
                click(v, button.rect.center)
                assert v.tab == name
                height = v.scroll.heights[name]
                assert height > 0
                # drawn at the bottom of its content too, and nothing drawn beyond the panel
                v.scroll.to(name, v.view.h, height)
                v.dirty = True
                post(v, turns=1)
        for b in [*v.tab_buttons.values(), v.entry, v.b_add, v.b_next_phase]:
            assert pygame.Rect((0, 0), size).contains(b.rect), b
    finally:
        pygame.quit()


def test_fifteen_tabs_fit_on_rows_in_the_smallest_window(monkeypatch, rich_log):
    """The tab bar as the other activities' tabs will fill it: 15 tabs, labels whole."""
    # the activities' six tabs are real now (tabs_activities): extras up to fifteen
    more = [(f"extra{i}", label, tabs.notes) for i, label in enumerate(
        ["Baromètre", "Projets inspirants", "État des lieux", "Ressources", "World café",
         "Ateliers", "Arguments"][: 15 - len(viewer_mod.TABS)])]
    monkeypatch.setattr(viewer_mod, "TABS", {**viewer_mod.TABS, **{n: k for n, k, _ in more}})
    monkeypatch.setattr(tabs, "DRAW", {**tabs.DRAW, **{n: f for n, _, f in more}})
    for size in ((1024, 700), (1280, 800)):
        v = Viewer(LogRecording(rich_log), now=FakeClock(), size=size)
        try:
            rects = [b.rect for b in v.tab_buttons.values()]
            assert len(rects) == 15
            side = v.L.side
            for a, b in itertools.combinations(rects, 2):
                assert not a.colliderect(b)
            label_font = draw.client_font(viewer_mod.TAB_FONT)
            for b in v.tab_buttons.values():
                assert side.contains(b.rect)
                assert b.rect.w >= label_font.size(b.text)[0] + 8, b.text  # never cut
            assert len({r.y for r in rects}) <= 3
            assert v.panel.top > max(r.bottom for r in rects) and v.panel.h >= 380, size
            assert v.tab_buttons["extra0"].tool_tip_text == FR.t("replay.tab_tip")  # says the keys
            assert "Maj+Tab\u00a0:" in FR.t("replay.tab_tip")
            # Tab goes round every tab; Shift+Tab back
            seen = []
            for _ in range(15):
                key(v, pygame.K_TAB)
                seen.append(v.tab)
            assert seen[-1] == "events" and set(seen) == set(v.tab_buttons)
            assert v.tab_buttons["events"].is_selected
            post(v, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=pygame.KMOD_SHIFT, unicode="",
                                       scancode=0))
            last = list(v.tab_buttons)[-1]  # Shift+Tab from the first: the last tab
            assert v.tab == last and v.tab_buttons[last].is_selected
        finally:
            pygame.quit()


def test_tab_rows_are_balanced_and_fill_the_width():
    rects = tab_rows([80] * 8, 10, 50, 500)
    assert [r.y for r in rects] == [50] * 4 + [78] * 4  # 4 and 4, not 6 and 2
    assert rects[3].right == rects[7].right == 510
    one = tab_rows([60, 70], 0, 0, 500)
    assert [r.w for r in one] == [60, 70]  # one row: natural widths


def test_the_window_lays_out_again_when_resized(viewer):
    v = viewer
    v.entry.set_text("à reprendre")
    post(v, pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=700, size=(1024, 700)))
    assert layout((1024, 700)) == v.L and v.screen.get_size() == (1024, 700)
    assert v.entry.get_text() == "à reprendre"
    assert v.entry.rect.bottom <= v.L.band.top and v.b_add.rect.right <= 1024
    post(v, pygame.event.Event(pygame.VIDEORESIZE, w=800, h=500, size=(800, 500)))
    assert v.screen.get_size() == MIN_SIZE  # never smaller than it can lay out
    click(v, v.tab_buttons["indicators"].rect.center)
    assert v.tab == "indicators"


def test_the_replay_draws_with_the_clients_fonts(viewer):
    v = viewer
    f = v.fonts
    client_fonts.clear_cache()  # the client's cache outlives an earlier test's pygame.quit
    try:
        for mine, (size, bold) in ((f.small, (12, False)), (f.body, (13, False)), (f.bold, (14, True)),
                                   (f.title, (18, True))):  # the client's files and sizes: drawn alike
            theirs = client_fonts.font(size, bold)
            for s in ("Ouverture rejoint", "Charges\u00a0: 3\u202f€"):
                a, b = mine.render(s, True, (0, 0, 0)), theirs.render(s, True, (0, 0, 0))
                assert a.get_size() == b.get_size()
                assert pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")
    finally:
        client_fonts.clear_cache()  # they die with this test's pygame.quit: the client's tests load anew
    # French typography: the no-break spaces have glyphs, narrower than or as wide as a space
    assert None not in f.small.metrics("\u00a0\u202f")
    assert f.small.size("16\u202f%")[0] <= f.small.size("16 %")[0]
    # kerned NotoSans: « Ouverture » is one word's width, not letter-spaced (the old font drew
    # « Ouvert ure »): no wider than its letters drawn one by one
    word = "Ouverture"
    assert f.small.size(word)[0] <= sum(f.small.size(c)[0] for c in word)


def test_years_differ_by_a_number_badge_and_a_dash_on_the_map_and_its_legend(viewer, monkeypatch):
    v = viewer
    badges: list[tuple[int, tuple[float, float]]] = []
    outlines: list[int] = []
    real_badge, real_outline = viewer_mod.year_badge, viewer_mod.year_outline
    monkeypatch.setattr(viewer_mod, "year_badge", lambda s, f, y, c: (badges.append((y, c)), real_badge(s, f, y, c)))
    monkeypatch.setattr(viewer_mod, "year_outline",
                        lambda s, p, y, closed=True: (outlines.append(y), real_outline(s, p, y, closed)))
    v.seek(len(v.tl))
    v.dirty = True
    post(v, turns=1)
    legend = [(y, c) for y, c in badges if c[1] > v.L.map.bottom - 60]
    assert [y for y, _ in legend] == [1, 2, 3] and outlines == [1, 2, 3]
    for year, (x, y) in legend:  # the disc in the year's darker shade, its number in white
        assert v.screen.get_at((int(x) - 6, int(y)))[:3] == rgb(palette.YEAR_TEXT[year])
    assert len({palette.YEAR_DASHES[y] for y in (1, 2, 3)}) == 3
    # on the map: one badge per placed space (draw.draw_map), its year's number drawn
    surf = pygame.Surface(v.L.map.size)
    drawn: list[int] = []
    real = draw.year_badge
    monkeypatch.setattr(draw, "year_badge", lambda s, f, y, c: (drawn.append(y), real(s, f, y, c)))
    draw.draw_map(surf, surf.get_rect(), v.state, v.fonts, v.lang)
    assert sorted(drawn) == sorted(p.year for p in v.state.schema.values()) and len(set(drawn)) == 3


def test_the_report_map_has_a_year_badge_per_space_and_in_its_legend(rich, rich_script):
    state = Timeline(rich, rich_script.events).final
    placements = {space: (p.use, p.year) for space, p in state.schema.items()}
    out = str(svg.schema_map(rich, placements, FR))
    years = re.findall(r'<g class="year"[^>]*><circle [^>]*fill="(#[0-9a-f]{6})"[^>]*/><text [^>]*>(\d)</text></g>',
                       out)
    legend = years[-3:]
    assert [int(y) for _, y in legend] == [1, 2, 3]
    assert sorted(int(y) for _, y in years[:-3]) == sorted(y for _, y in placements.values())
    for fill, y in years:
        assert fill == palette.YEAR_TEXT[int(y)] and palette.contrast(fill, palette.WHITE) >= palette.AA


def _apart(a: str, b: str) -> bool:
    """Two line colours an eye tells apart: hues 25° apart or more, or one clearly darker (a
    brown beside a red); one grey at most. The old blue and cyan (19°, as bright) were not."""
    ca, cb = pygame.Color(a), pygame.Color(b)
    (ha, sa, va, _), (hb, sb, vb, _) = ca.hsva, cb.hsva
    if sa < 15 or sb < 15:
        return not (sa < 15 and sb < 15)
    hue = abs(ha - hb) % 360
    return min(hue, 360 - hue) >= 25 or abs(va - vb) >= 25


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_indicator_has_its_own_line(path):
    sc = load_scenario(path)
    n = len(sc.indicators)
    styles = [palette.series_style(i) for i in range(n)]
    assert len(set(styles)) == n
    solid = [c for c, dash in styles if dash is None]
    for a, b in itertools.combinations(solid, 2):  # no two blues: hues an eye tells apart
        assert _apart(a, b), (a, b)
    series = [(ind.name, [(0.0, ind.initial), (1.0, ind.initial + 1)]) for ind in sc.indicators]
    chart = str(svg.line_chart(series, FR))
    strokes = re.findall(r'<path d="[^"]+" fill="none" stroke="(#[0-9a-f]{6})" stroke-width="2"([^/]*)/>', chart)
    assert len(strokes) == n and len(set(strokes)) == n


def test_more_than_ten_series_go_on_dashed(viewer):
    assert not _apart("#1f77b4", "#17becf")  # the check sees the two blues of the issue
    styles = [palette.series_style(i) for i in range(30)]
    assert len(set(styles)) == 30 and styles[10] == (styles[0][0], (8, 4))
    chart = str(svg.line_chart([(f"s{i}", [(0.0, float(i)), (1.0, float(i))]) for i in range(12)], FR))
    assert chart.count('stroke-dasharray="8 4"') == 2 * 2  # lines 11 and 12, and their legend
    # the replay's Indicateurs tab draws each indicator's colour
    v = viewer
    v.seek(len(v.tl))
    click(v, v.tab_buttons["indicators"].rect.center)
    panel = v.screen.subsurface(v.view)
    shown = {tuple(panel.get_at((x, y))[:3]) for x in range(0, panel.get_width(), 2)
             for y in range(0, min(panel.get_height(), 420), 2)}
    for i in range(len(v.rec.scenario.indicators)):
        assert rgb(palette.series_style(i)[0]) in shown, i


def test_scrolling_redraws_only_the_panel(viewer, monkeypatch):
    v = viewer
    v.seek(len(v.tl))
    click(v, v.tab_buttons["plan"].rect.center)
    map_before = pygame.image.tobytes(v.screen.subsurface(v.L.map), "RGB")
    flips, updates = [], []
    monkeypatch.setattr(pygame.display, "flip", lambda: flips.append(1))
    monkeypatch.setattr(pygame.display, "update", lambda rect=None: updates.append(rect))
    before = panel_pixels(v)
    wheel(v, 2)
    assert flips == [] and updates == [v.panel] and panel_pixels(v) != before
    assert pygame.image.tobytes(v.screen.subsurface(v.L.map), "RGB") == map_before
    wheel(v, -50)  # back at the top, then nothing more to scroll: nothing redrawn
    assert panel_pixels(v) == before
    updates.clear()
    wheel(v, -1)
    assert updates == [] and flips == []


def test_ilot_replay_opens_at_the_default_size_or_less_on_a_small_screen(monkeypatch):
    pygame.init()
    try:
        monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1920, 1080)])
        assert viewer_mod.fit_size() == (1280, 800)
        monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1280, 800)])
        assert viewer_mod.fit_size() == (1240, 720)  # room for the panels and the title bar
        monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(800, 600)])
        assert viewer_mod.fit_size() == MIN_SIZE
    finally:
        pygame.quit()


def test_lines_break_at_ordinary_spaces_only(viewer):
    """The replay's font draws the no-break spaces: a wrapped « oui » or « 3 € » stays whole."""
    small = viewer.fonts.small
    s = "Hugo 8 — Désaccord\u00a0: «\u00a0Je crains pour le budget de 3\u202f€.\u00a0»"
    for width in range(40, 400, 7):
        lines = draw.wrap(small, s, width)
        assert " ".join(lines) == s
        assert not any(line.startswith(("\u00a0", "»", ":", "€")) for line in lines[1:])
