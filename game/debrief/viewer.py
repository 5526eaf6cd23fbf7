"""`ilot replay`: a recorded session, replayed like a video.

Play, pause, speed ×1 to ×60, "next event", jump to a phase (the phase band above the
scrubber, or PageUp/PageDown), drag the scrubber. The map, indicators and panels show the state
rebuilt by the core's replay at the cursor (`Timeline.state_at`), never an approximation.
Keys: Space play/pause · → next event · ← previous · PageUp/PageDown phase · +/- speed ·
Tab / Shift+Tab next / previous tab · ↑/↓ scroll the tab (Shift: a page); the mouse wheel
scrolls it too, and its scrollbar can be dragged or clicked.

The window is resizable down to 1024×700 (layout.py); the tab bar wraps onto rows.

The window redraws only when something changed and sleeps between frames; `step()` runs one
turn of the loop so tests can drive it headless (SDL_VIDEODRIVER=dummy) by posting events.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame
import pygame_gui

from ilot.game.text import DEFAULT_LANG, Lang, lang_for

from .. import palette
from . import scroll as sc_
from . import tabs
from .draw import (
    ACCENT,
    ADOPTED,
    BAD,
    GOOD,
    INK,
    LINE,
    MUTED,
    PANEL,
    PAPER,
    PHASE,
    TRACK,
    TRACK_DONE,
    TRACK_MARK,
    WHITE,
    YEAR_COLOURS,
    Fonts,
    bar,
    client_font,
    draw_map,
    mark,
    text,
    year_badge,
    year_outline,
)
from .layout import MIN_SIZE, SIZE, Layout, layout, tab_rows
from .recording import Recording
from .timeline import Timeline
from .words import clock

SPEEDS = (1, 2, 5, 10, 30, 60)
SILENCE = 120.0  # seconds of session time without events skipped while playing
TABS = {name: key for name, key, _ in tabs.REGISTRY}  # name → its label's key, in order
_DEFAULT = layout(SIZE)  # the default window's rects (a resized window has its own: `v.L`)
MAP_RECT, IND_RECT, BAND_RECT, TRACK_RECT = _DEFAULT.map, _DEFAULT.ind, _DEFAULT.band, _DEFAULT.track
TAB_FONT = 12  # the tab buttons' label size (their theme below), to measure them


def fit_size() -> tuple[int, int]:
    """The default size, or less on a smaller screen (never under MIN_SIZE)."""
    try:
        dw, dh = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return SIZE
    return (max(MIN_SIZE[0], min(SIZE[0], dw - 40)), max(MIN_SIZE[1], min(SIZE[1], dh - 80)))


def _theme() -> dict:
    """The replay's controls (palette.replay_theme) and the tabs' smaller labels."""
    theme = palette.replay_theme()
    theme["@tab"] = {"font": {"name": "noto_sans", "size": str(TAB_FONT)},
                     "misc": {"text_horiz_alignment_padding": "4"}}
    return theme


class Viewer:
    def __init__(self, rec: Recording, timeline: Timeline | None = None, lang: Lang | None = None,
                 now: Callable[[], float] = time.monotonic, size: tuple[int, int] | None = SIZE,
                 trainer: bool = False):
        """`size` None: fit the screen (`fit_size`)."""
        self.rec = rec
        # the trainer's view (`ilot replay --trainer`): evaluations by name in the Attentes tab;
        # without it the replay can be shown to the group
        self.trainer = trainer
        self.lang = lang or lang_for(DEFAULT_LANG)
        self.tl = timeline or Timeline(rec.scenario, rec.events)
        self.now = now
        pygame.init()
        client_font.cache_clear()  # fonts loaded before a pygame.quit (an earlier window) are dead
        pygame.display.set_caption(self.lang.t("debrief.caption", room=rec.room))
        self.L: Layout = layout(size or fit_size())
        self.screen = pygame.display.set_mode(self.L.size, pygame.RESIZABLE)
        self.ui = pygame_gui.UIManager(self.L.size, _theme(), enable_live_theme_updates=False)
        self.fonts = Fonts()
        self.scroll = sc_.Scroll(following={name: True for name in tabs.FOLLOW})
        self.panel = self.L.panel(self.L.side.y)  # set by _build_controls under the tab bar
        self._thumb_drag: float | None = None  # the grab point within the thumb while dragging
        self.clock = pygame.time.Clock()
        self.cursor = 0
        self.playing = False
        self.speed = 10
        self.session_t = self.tl.start_time
        self.tab = "events"
        self.dragging = False
        self.dirty = True
        self.panel_dirty = False  # only the tab's panel changed (it scrolled): redraw just it
        self.running = True
        self.message = ""
        self._last_tick = self.now()
        self._shown_clock = ""
        self._cache: dict[str, object] = {}
        self._build_controls()
        self.seek(0)

    # ----- controls -----
    def _build_controls(self) -> None:
        ui, t, L = self.ui, self.lang.t, self.L
        self.b_prev_phase = pygame_gui.elements.UIButton(
            pygame.Rect(10, 8, 76, 34), t("debrief.prev_phase_button"), ui,
            tool_tip_text=t("debrief.prev_phase"))
        self.b_play = pygame_gui.elements.UIButton(pygame.Rect(90, 8, 86, 34), t("debrief.play"), ui)
        self.b_next = pygame_gui.elements.UIButton(pygame.Rect(180, 8, 150, 34), t("debrief.next_event"), ui)
        self.b_next_phase = pygame_gui.elements.UIButton(
            pygame.Rect(334, 8, 76, 34), t("debrief.next_phase_button"), ui,
            tool_tip_text=t("debrief.next_phase"))
        self.b_slower = pygame_gui.elements.UIButton(pygame.Rect(420, 8, 30, 34), "-", ui)
        self.b_faster = pygame_gui.elements.UIButton(pygame.Rect(500, 8, 30, 34), "+", ui)
        self.tab_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        label_font = client_font(TAB_FONT)
        labels = {name: t(key) for name, key in TABS.items()}
        rects = tab_rows([label_font.size(label)[0] + 18 for label in labels.values()],
                         L.side.x, L.side.y, L.side.w)
        for (name, label), rect in zip(labels.items(), rects, strict=True):
            self.tab_buttons[name] = pygame_gui.elements.UIButton(
                rect, label, ui, tool_tip_text=t("replay.tab_tip"),
                object_id=pygame_gui.core.ObjectID(class_id="@tab"))
        self.panel = L.panel(max(r.bottom for r in rects))
        self._select_tab_button()
        self.entry = pygame_gui.elements.UITextEntryLine(
            L.entry, ui, placeholder_text=t("debrief.note_placeholder"))
        self.entry.set_text_length_limit(500)
        self.b_add = pygame_gui.elements.UIButton(L.add, t("debrief.add_note"), ui)

    def _select_tab_button(self) -> None:
        for name, b in self.tab_buttons.items():
            if name == self.tab:
                b.select()
            else:
                b.unselect()

    def resize(self, size: tuple[int, int]) -> None:
        """Lay the window out again for `size` (at least MIN_SIZE), keeping the note being typed."""
        typed = self.entry.get_text()
        self.L = layout(size)
        if self.screen.get_size() != self.L.size:
            self.screen = pygame.display.set_mode(self.L.size, pygame.RESIZABLE)
        self.ui.clear_and_reset()
        self.ui.set_window_resolution(self.L.size)
        self._build_controls()
        self.b_play.set_text(self.lang.t("debrief.pause") if self.playing else self.lang.t("debrief.play"))
        self.entry.set_text(typed)
        self.dirty = True

    # ----- the tab and its scrolling -----
    @property
    def view(self) -> pygame.Rect:
        """The part of the panel a tab's content shows in (its margins left out)."""
        return self.panel.inflate(-16, -12)

    def set_tab(self, name: str) -> None:
        self.tab = name
        self._select_tab_button()
        self.dirty = True

    def cycle_tab(self, delta: int) -> None:
        names = list(TABS)
        self.set_tab(names[(names.index(self.tab) + delta) % len(names)])

    def scroll_by(self, delta: int) -> bool:
        """Scroll the current tab by `delta` pixels (down > 0); True when it moved."""
        moved = self.scroll.by(self.tab, self.view.h, delta)
        self.panel_dirty |= moved
        return moved

    def scrollbar(self) -> tuple[pygame.Rect, pygame.Rect] | None:
        """(track, thumb) of the current tab's scrollbar, None when its content fits."""
        view = self.view
        return sc_.bar_rects(self.panel, view, self.scroll.heights.get(self.tab, 0),
                             self.scroll.offset(self.tab, view.h))

    # ----- commands -----
    def seek(self, n: int) -> None:
        n = max(0, min(n, len(self.tl)))
        self.cursor = n
        self.state = self.tl.state_at(n)
        self.session_t = self.tl.times[n - 1] if n else self.tl.start_time
        self._cache.clear()
        for name in tabs.FOLLOW:  # the journal shows the current event again
            self.scroll.following[name] = True
        self.dirty = True

    def seek_time(self, t: float) -> None:
        self.seek(self.tl.index_at_time(t))
        self.session_t = t

    def next_event(self) -> None:
        self.seek(self.cursor + 1)

    def jump_to_phase(self, phase: int) -> bool:
        start = self.tl.phase_start(phase)
        if start is None:
            return False
        self.seek(start)
        return True

    def shift_phase(self, delta: int) -> None:
        starts = sorted({m.index + 1 for m in self.tl.phases if m.index > 0})
        if delta > 0:
            later = [s for s in starts if s > self.cursor]
            if later:
                self.seek(later[0])
        else:
            earlier = [s for s in starts if s < self.cursor]
            self.seek(earlier[-1] if earlier else 0)

    def set_playing(self, on: bool) -> None:
        if on and self.cursor >= len(self.tl):
            self.seek(0)
        self.playing = on
        self._last_tick = self.now()
        self.b_play.set_text(self.lang.t("debrief.pause") if on else self.lang.t("debrief.play"))
        self.dirty = True

    def change_speed(self, delta: int) -> None:
        i = SPEEDS.index(self.speed) if self.speed in SPEEDS else 0
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, i + delta))]
        self.dirty = True

    def add_note(self, text_: str) -> dict | None:
        if not text_.strip():
            return None
        note = self.rec.add_note(self.session_t, text_)
        self.message = self.lang.t("debrief.note_saved")
        self.entry.set_text("")
        self.dirty = True
        return note

    # ----- the loop -----
    def run(self) -> None:
        while self.step():
            pass
        pygame.quit()

    def step(self, wait: bool = True) -> bool:
        """One turn: handle input, advance playback, redraw if needed. False when closed."""
        for event in pygame.event.get():
            self._handle(event)
        if self.playing:
            self._advance()
        self.ui.update(0.016)
        if self.dirty or self.entry.is_focused:  # the entry blinks its cursor
            self._draw()
            self.dirty = self.panel_dirty = False
        elif self.panel_dirty:
            self._draw_tab()
            self.ui.draw_ui(self.screen)
            pygame.display.update(self.panel)
            self.panel_dirty = False
        if wait:
            self.clock.tick(30 if (self.playing or self.dragging) else 12)
        return self.running

    def _advance(self) -> None:
        t = self.now()
        dt, self._last_tick = t - self._last_tick, t
        if self.cursor >= len(self.tl):
            self.set_playing(False)
            return
        target = self.session_t + dt * self.speed
        nxt = self.tl.times[self.cursor]
        if nxt - self.session_t > SILENCE:  # skip lunch, the night, long silences
            target = max(target, nxt)
        n = self.tl.index_at_time(target)
        self.session_t = target
        if n != self.cursor:
            keep = self.session_t
            self.seek(n)
            self.session_t = keep
        elif clock(self.lang, self.session_t, self.tl.start_time) != self._shown_clock:
            self.dirty = True  # only the clock moved: redraw once a session minute

    def _handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        consumed = self.ui.process_events(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self._button(event.ui_element)
            return
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.add_note(self.entry.get_text())
            return
        if consumed:
            self.dirty = True
            return
        if event.type == pygame.KEYDOWN and not self.entry.is_focused:
            self._key(event.key, getattr(event, "mod", 0))
        elif event.type == pygame.MOUSEWHEEL:  # the tab panel is the only thing that scrolls
            self.scroll_by(-round(event.precise_y * sc_.LINE) if hasattr(event, "precise_y")
                           else -event.y * sc_.LINE)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            bar = self.scrollbar()
            if bar and bar[0].inflate(10, 0).collidepoint(event.pos):
                self._bar_press(bar, event.pos[1])
            elif self.L.track.inflate(0, 10).collidepoint(event.pos):
                self.dragging = True
                self._scrub(event.pos[0])
            elif self.L.band.collidepoint(event.pos):
                phase = self._phase_under(event.pos[0])
                if phase is not None:
                    self.jump_to_phase(phase)
        elif event.type == pygame.MOUSEMOTION and self._thumb_drag is not None:
            self._bar_drag(event.pos[1])
        elif event.type == pygame.MOUSEMOTION and self.dragging:
            self._scrub(event.pos[0])
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._thumb_drag is not None:
            self._thumb_drag = None
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.dragging:
            self._scrub(event.pos[0])
            self.dragging = False
        elif event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
        elif event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE, pygame.WINDOWRESIZED):
            self.dirty = True

    def _bar_press(self, bar: tuple[pygame.Rect, pygame.Rect], y: int) -> None:
        """On the thumb: start dragging it; above or below it: a page up or down."""
        thumb = bar[1]
        if thumb.collidepoint(thumb.centerx, y):
            self._thumb_drag = y - thumb.y
        else:
            self.scroll_by((1 if y > thumb.bottom else -1) * max(sc_.LINE, self.view.h - sc_.LINE))

    def _bar_drag(self, y: int) -> None:
        bar = self.scrollbar()
        if bar is None or self._thumb_drag is None:
            return
        track, thumb = bar
        view_h = self.view.h
        offset = sc_.offset_at(track, thumb.h, self.scroll.heights.get(self.tab, 0), view_h,
                               y - self._thumb_drag + thumb.h / 2)
        self.panel_dirty |= self.scroll.to(self.tab, view_h, offset)

    def _button(self, element: object) -> None:
        if element is self.b_play:
            self.set_playing(not self.playing)
        elif element is self.b_next:
            self.set_playing(False)
            self.next_event()
        elif element is self.b_prev_phase:
            self.shift_phase(-1)
        elif element is self.b_next_phase:
            self.shift_phase(+1)
        elif element is self.b_slower:
            self.change_speed(-1)
        elif element is self.b_faster:
            self.change_speed(+1)
        elif element is self.b_add:
            self.add_note(self.entry.get_text())
        else:
            for name, b in self.tab_buttons.items():
                if element is b:
                    self.set_tab(name)
        self.dirty = True

    def _key(self, key: int, mod: int = 0) -> None:
        page = max(sc_.LINE, self.view.h - sc_.LINE)
        if key == pygame.K_TAB:
            self.cycle_tab(-1 if mod & pygame.KMOD_SHIFT else 1)
        elif key in (pygame.K_UP, pygame.K_DOWN):
            step = page if mod & pygame.KMOD_SHIFT else sc_.LINE
            self.scroll_by(step if key == pygame.K_DOWN else -step)
        elif key == pygame.K_SPACE:
            self.set_playing(not self.playing)
        elif key == pygame.K_RIGHT:
            self.next_event()
        elif key == pygame.K_LEFT:
            self.seek(self.cursor - 1)
        elif key == pygame.K_PAGEDOWN:
            self.shift_phase(+1)
        elif key == pygame.K_PAGEUP:
            self.shift_phase(-1)
        elif key == pygame.K_HOME:
            self.seek(0)
        elif key == pygame.K_END:
            self.seek(len(self.tl))
        elif key in (pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS):
            self.change_speed(+1)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.change_speed(-1)
        elif key == pygame.K_ESCAPE:
            self.running = False

    # ----- timeline geometry -----
    def _x_of_index(self, n: int) -> float:
        total = max(1, len(self.tl))
        return self.L.track.x + self.L.track.w * n / total

    def _scrub(self, x: int) -> None:
        frac = (x - self.L.track.x) / self.L.track.w
        self.seek(round(max(0.0, min(1.0, frac)) * len(self.tl)))

    def _phase_segments(self) -> list[tuple[int, float, float]]:
        marks = []
        for m in self.tl.phases:  # a phase set again right after itself is one segment
            if not marks or marks[-1].phase != m.phase:
                marks.append(m)
        out = []
        for i, m in enumerate(marks):
            end = marks[i + 1].index if i + 1 < len(marks) else len(self.tl)
            out.append((m.phase, self._x_of_index(m.index), self._x_of_index(end)))
        return out

    def _phase_under(self, x: int) -> int | None:
        for phase, x0, x1 in self._phase_segments():
            if x0 <= x < x1:
                return phase
        return None

    # ----- drawing -----
    def _draw(self) -> None:
        s, f, scr = self.state, self.fonts, self.screen
        scr.fill(PAPER)
        sc = self.rec.scenario
        phase = sc.phases[s.phase]
        lang = self.lang
        info = lang.t("debrief.speed", speed=lang.num(self.speed))
        text(scr, f.bold, info, (475 - f.bold.size(info)[0] // 2, 18))
        self._shown_clock = clock(lang, self.session_t, self.tl.start_time)
        when = self._shown_clock if self.cursor else "—"
        room = self.L.size[0] - 552
        text(scr, f.title, f"{when} · {phase.title}", (542, 6), ACCENT, room)
        text(scr, f.small, lang.t("debrief.event_of", i=lang.num(self.cursor), n=lang.num(len(self.tl)))
             + f" · {self.rec.title}" + (f" · {self.message}" if self.message else ""), (542, 32), MUTED, room)
        pygame.draw.rect(scr, PANEL, self.L.map)
        draw_map(scr, self.L.map, s, f, lang)
        self._draw_legend()
        self._draw_indicators()
        self._draw_tab()
        self._draw_timeline()
        self.ui.draw_ui(scr)
        pygame.display.flip()

    def _draw_tab(self) -> None:
        """The current tab at its scroll offset, clipped to the panel, and its scrollbar. Drawn
        again at once when what it reported changes the offset (a seek grew the journal)."""
        scr, panel, view = self.screen, self.panel, self.view
        name = self.tab
        for _ in range(2):
            offset = self.scroll.offset(name, view.h)
            pygame.draw.rect(scr, PANEL, panel)
            scr.set_clip(panel.inflate(-2, -2))
            try:
                bottom = tabs.DRAW[name](self, pygame.Rect(view.x, view.y - offset,
                                                           view.w - sc_.BAR_W, view.h))
            finally:
                scr.set_clip(None)
            height = view.h if bottom is None else int(bottom) - (view.y - offset) + 6
            self.scroll.measured(name, height)
            if self.scroll.offset(name, view.h) == offset:
                break
        pygame.draw.rect(scr, LINE, panel, 1)
        bar = self.scrollbar()
        if bar is not None:
            track, thumb = bar
            pygame.draw.rect(scr, TRACK, track, border_radius=3)
            pygame.draw.rect(scr, MUTED, thumb, border_radius=3)

    def _draw_legend(self) -> None:
        """Under the map: the note kinds (their shapes), the years (number badge and dash) and
        « adopted, not placed »; items that do not fit on one line start a line above."""
        scr, small, t = self.screen, self.fonts.small, self.lang.t
        items: list[tuple[int, Callable[[int, int], None]]] = []
        for kind in palette.NOTE_SHAPES:  # the same shapes as on the map
            label = t(f"term.note_kind.{kind}")
            items.append((18 + small.size(label)[0], lambda x, y, k=kind, s=label: (
                mark(scr, k, (x + 7, y + 7), 5), text(scr, small, s, (x + 18, y), INK))))
        for year in YEAR_COLOURS:  # the map's number badge and outline (colour and dash)
            label = t("debrief.legend_year", year=year)
            items.append((38 + small.size(label)[0], lambda x, y, n=year, s=label: (
                year_badge(scr, small, n, (x + 8, y + 8)),
                year_outline(scr, [(x + 19, y + 8), (x + 33, y + 8)], n, closed=False),
                text(scr, small, s, (x + 38, y), INK))))
        label = t("debrief.adopted_not_placed")
        items.append((18 + small.size(label)[0], lambda x, y, s=label: (
            pygame.draw.rect(scr, ADOPTED, (x, y + 1, 14, 12), 2), text(scr, small, s, (x + 18, y), INK))))
        rows: list[list[tuple[int, Callable[[int, int], None]]]] = [[]]
        used = 0
        for item in items:
            if rows[-1] and used + item[0] > self.L.map.w - 10:
                rows.append([])
                used = 0
            rows[-1].append(item)
            used += item[0] + 8
        for k, row in enumerate(rows):
            x, y = self.L.map.x + 6, self.L.map.bottom - 18 - 19 * (len(rows) - 1 - k)
            for width, draw_item in row:
                draw_item(x, y)
                x += width + 8

    def simulation(self):
        traj = self._cache.get("sim")
        if traj is None:
            traj = self._cache["sim"] = self.tl.simulation_at(self.cursor)
        return traj

    def _draw_indicators(self) -> None:
        scr, f, r = self.screen, self.fonts, self.L.ind
        pygame.draw.rect(scr, PANEL, r)
        pygame.draw.rect(scr, LINE, r, 1)
        traj = self.simulation()
        lang = self.lang
        text(scr, f.bold, lang.t("debrief.plan_sim"), (r.x + 8, r.y + 6))
        inds = self.rec.scenario.indicators
        col_w = (r.w - 20) // 2
        for i, ind in enumerate(inds):
            cx = r.x + 8 + (i % 2) * col_w
            cy = r.y + 30 + (i // 2) * 24
            value = traj.final.indicators[ind.id]
            label_w = min(170, col_w - 110)  # a narrower window: shorter names and bars
            text(scr, f.small, ind.name, (cx, cy + 2), INK, label_w)
            colour = GOOD if ind.gain(value - ind.initial) >= 0 else BAD  # lower may be better
            bar(scr, pygame.Rect(cx + label_w + 5, cy + 3, col_w - label_w - 60, 12), value, ind.min, ind.max,
                colour, ind.initial)
            text(scr, f.small, lang.num(value) + (f"\u00a0{ind.unit}" if ind.unit else ""),
                 (cx + col_w - 48, cy + 2))
        end = traj.final
        needed = sum(v[0] for v in end.workload.values())
        avail = sum(v[1] for v in end.workload.values())
        y = r.bottom - 22
        text(scr, f.small, lang.label(lang.t("debrief.charges"), lang.money(end.charges, cents=True)),
             (r.x + 8, y - 18), INK, r.w - 16)
        hours = lang.t("debrief.hours_per_week", needed=lang.hours(needed, 0), available=lang.hours(avail, 0))
        spent = lang.t("debrief.spent_of", spent=lang.money(end.invested), budget=lang.money(traj.investment_budget))
        if round(end.unplanned) > 0:
            spent = lang.t("debrief.spent_unplanned", spent=spent, unplanned=lang.money(end.unplanned))
        text(scr, f.small, lang.label(lang.t("debrief.workload"), hours) + "   ·   "
             + lang.label(lang.t("debrief.budget"), spent), (r.x + 8, y), INK, r.w - 16)

    def _draw_timeline(self) -> None:
        scr, f = self.screen, self.fonts
        sc = self.rec.scenario
        band, track = self.L.band, self.L.track
        for k, (phase, x0, x1) in enumerate(self._phase_segments()):
            rect = pygame.Rect(int(x0), band.y, max(1, int(x1 - x0)), band.h)
            current = phase == self.state.phase
            pygame.draw.rect(scr, ACCENT if current else (PHASE[0] if k % 2 else PHASE[1]), rect)
            text(scr, f.small, sc.phases[phase].title, (rect.x + 4, rect.y + 6),
                 WHITE if current else INK, rect.w - 6)
        pygame.draw.rect(scr, TRACK, track)
        pygame.draw.rect(scr, LINE, track, 1)
        x = self._x_of_index(self.cursor)
        pygame.draw.rect(scr, TRACK_DONE, (track.x, track.y, x - track.x, track.h))
        for note in self.rec.notes():
            nx = self._x_of_index(self.tl.index_at_time(note["at"]))
            pygame.draw.polygon(scr, TRACK_MARK, [(nx, track.y), (nx - 5, track.y - 7),
                                                       (nx + 5, track.y - 7)])
        pygame.draw.rect(scr, ACCENT, (x - 4, track.y - 3, 8, track.h + 6), border_radius=3)
        text(scr, f.small, clock(self.lang, self.tl.start_time, self.tl.start_time),
             (track.x, track.bottom + 4), MUTED)
        end = clock(self.lang, self.tl.end_time, self.tl.start_time)
        text(scr, f.small, end, (track.right - f.small.size(end)[0], track.bottom + 4), MUTED)
