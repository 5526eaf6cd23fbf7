"""`ilot replay`: a recorded session, replayed like a video.

Play, pause, speed ×1 to ×60, "next event", jump to a phase (the phase band above the
scrubber, or PageUp/PageDown), drag the scrubber. The map, indicators and panels show the state
rebuilt by the core's replay at the cursor (`Timeline.state_at`), never an approximation.
Keys: Space play/pause · → next event · ← previous · PageUp/PageDown phase · +/- speed.

The window redraws only when something changed and sleeps between frames; `step()` runs one
turn of the loop so tests can drive it headless (SDL_VIDEODRIVER=dummy) by posting events.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame
import pygame_gui

from ilot.game.text import DEFAULT_LANG, N_, Lang, lang_for

from .. import palette
from . import tabs, tabs_activities
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
    draw_map,
    mark,
    text,
)
from .recording import Recording
from .timeline import Timeline
from .words import clock

SIZE = (1280, 800)
SPEEDS = (1, 2, 5, 10, 30, 60)
SILENCE = 120.0  # seconds of session time without events skipped while playing
TABS = {"events": N_("debrief.tab.events"), "plan": N_("debrief.tab.plan"),
        "participation": N_("debrief.tab.participation"), "consent": N_("debrief.tab.consent"),
        "indicators": N_("debrief.tab.indicators"), "expectations": N_("debrief.tab.expectations"),
        "objectives": N_("debrief.tab.objectives"), "notes": N_("debrief.tab.notes"),
        **tabs_activities.TABS}
MAP_RECT = pygame.Rect(10, 52, 652, 470)
IND_RECT = pygame.Rect(10, 530, 652, 170)
PANEL_RECT = pygame.Rect(672, 117, 598, 543)  # under two rows of tabs
BAND_RECT = pygame.Rect(10, 710, 1260, 26)
TRACK_RECT = pygame.Rect(10, 744, 1260, 30)


class Viewer:
    def __init__(self, rec: Recording, timeline: Timeline | None = None, lang: Lang | None = None,
                 now: Callable[[], float] = time.monotonic, size: tuple[int, int] = SIZE,
                 trainer: bool = False):
        self.rec = rec
        # the trainer's view (`ilot replay --trainer`): evaluations by name in the Attentes tab;
        # without it the replay can be shown to the group
        self.trainer = trainer
        self.lang = lang or lang_for(DEFAULT_LANG)
        self.tl = timeline or Timeline(rec.scenario, rec.events)
        self.now = now
        pygame.init()
        pygame.display.set_caption(self.lang.t("debrief.caption", room=rec.room))
        self.screen = pygame.display.set_mode(size)
        self.ui = pygame_gui.UIManager(size, palette.replay_theme(), enable_live_theme_updates=False)
        self.fonts = Fonts()
        self.clock = pygame.time.Clock()
        self.cursor = 0
        self.playing = False
        self.speed = 10
        self.session_t = self.tl.start_time
        self.tab = "events"
        self.dragging = False
        self.dirty = True
        self.running = True
        self.message = ""
        self._last_tick = self.now()
        self._shown_clock = ""
        self._cache: dict[str, object] = {}
        self._build_controls()
        self.seek(0)

    # ----- controls -----
    def _build_controls(self) -> None:
        ui, t = self.ui, self.lang.t
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
        x = PANEL_RECT.x
        widths = {"events": 66, "plan": 46, "participation": 96, "consent": 106, "indicators": 86,
                  "expectations": 68, "objectives": 72, "notes": 51}
        y = 52
        for name, key in TABS.items():
            label = t(key)
            w = widths.get(name, 90)  # the activities' tabs (tabs_activities), on a second row
            if x + w > PANEL_RECT.right + 1:
                x, y = PANEL_RECT.x, y + 31
            self.tab_buttons[name] = pygame_gui.elements.UIButton(pygame.Rect(x, y, w, 30), label, ui)
            x += w + 1
        self.entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(672, 666, 508, 34), ui, placeholder_text=t("debrief.note_placeholder"))
        self.entry.set_text_length_limit(500)
        self.b_add = pygame_gui.elements.UIButton(pygame.Rect(1184, 666, 86, 34), t("debrief.add_note"), ui)

    # ----- commands -----
    def seek(self, n: int) -> None:
        n = max(0, min(n, len(self.tl)))
        self.cursor = n
        self.state = self.tl.state_at(n)
        self.session_t = self.tl.times[n - 1] if n else self.tl.start_time
        self._cache.clear()
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
            self.dirty = False
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
            self._key(event.key)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if TRACK_RECT.inflate(0, 10).collidepoint(event.pos):
                self.dragging = True
                self._scrub(event.pos[0])
            elif BAND_RECT.collidepoint(event.pos):
                phase = self._phase_under(event.pos[0])
                if phase is not None:
                    self.jump_to_phase(phase)
        elif event.type == pygame.MOUSEMOTION and self.dragging:
            self._scrub(event.pos[0])
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.dragging:
            self._scrub(event.pos[0])
            self.dragging = False
        elif event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE, pygame.WINDOWRESIZED):
            self.dirty = True

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
                    self.tab = name
        self.dirty = True

    def _key(self, key: int) -> None:
        if key == pygame.K_SPACE:
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
        return TRACK_RECT.x + TRACK_RECT.w * n / total

    def _scrub(self, x: int) -> None:
        frac = (x - TRACK_RECT.x) / TRACK_RECT.w
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
        text(scr, f.title, f"{when} · {phase.title}", (542, 10), ACCENT, 728)
        text(scr, f.small, lang.t("debrief.event_of", i=lang.num(self.cursor), n=lang.num(len(self.tl)))
             + f" · {self.rec.title}" + (f" · {self.message}" if self.message else ""), (542, 34), MUTED, 728)
        pygame.draw.rect(scr, PANEL, MAP_RECT)
        draw_map(scr, MAP_RECT, s, f, lang)
        self._draw_legend()
        self._draw_indicators()
        pygame.draw.rect(scr, PANEL, PANEL_RECT)
        pygame.draw.rect(scr, LINE, PANEL_RECT, 1)
        self.screen.set_clip(PANEL_RECT)  # a tab taller than the panel is cut at its edge
        tabs.DRAW[self.tab](self, PANEL_RECT.inflate(-16, -12))
        self.screen.set_clip(None)
        self._draw_timeline()
        self.ui.draw_ui(scr)
        pygame.display.flip()

    def _draw_legend(self) -> None:
        x = MAP_RECT.x + 6
        y = MAP_RECT.bottom - 18
        t = self.lang.t
        for kind in palette.NOTE_SHAPES:  # the same shapes as on the map
            mark(self.screen, kind, (x + 8, y + 7), 5)
            x += 20 + text(self.screen, self.fonts.small, t(f"term.note_kind.{kind}"), (x + 20, y), INK) + 10
        for year, colour in YEAR_COLOURS.items():
            pygame.draw.rect(self.screen, colour, (x, y + 1, 14, 12), 3)
            x += 18 + text(self.screen, self.fonts.small, t("debrief.legend_year", year=year), (x + 18, y), INK) + 8
        pygame.draw.rect(self.screen, ADOPTED, (x, y + 1, 14, 12), 2)
        text(self.screen, self.fonts.small, t("debrief.adopted_not_placed"), (x + 18, y), INK)

    def simulation(self):
        traj = self._cache.get("sim")
        if traj is None:
            traj = self._cache["sim"] = self.tl.simulation_at(self.cursor)
        return traj

    def _draw_indicators(self) -> None:
        scr, f, r = self.screen, self.fonts, IND_RECT
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
            text(scr, f.small, ind.name, (cx, cy + 2), INK, 170)
            colour = GOOD if ind.gain(value - ind.initial) >= 0 else BAD  # lower may be better
            bar(scr, pygame.Rect(cx + 175, cy + 3, col_w - 230, 12), value, ind.min, ind.max, colour, ind.initial)
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
        for k, (phase, x0, x1) in enumerate(self._phase_segments()):
            rect = pygame.Rect(int(x0), BAND_RECT.y, max(1, int(x1 - x0)), BAND_RECT.h)
            current = phase == self.state.phase
            pygame.draw.rect(scr, ACCENT if current else (PHASE[0] if k % 2 else PHASE[1]), rect)
            text(scr, f.small, sc.phases[phase].title, (rect.x + 4, rect.y + 6),
                 WHITE if current else INK, rect.w - 6)
        pygame.draw.rect(scr, TRACK, TRACK_RECT)
        pygame.draw.rect(scr, LINE, TRACK_RECT, 1)
        x = self._x_of_index(self.cursor)
        pygame.draw.rect(scr, TRACK_DONE, (TRACK_RECT.x, TRACK_RECT.y, x - TRACK_RECT.x, TRACK_RECT.h))
        for note in self.rec.notes():
            nx = self._x_of_index(self.tl.index_at_time(note["at"]))
            pygame.draw.polygon(scr, TRACK_MARK, [(nx, TRACK_RECT.y), (nx - 5, TRACK_RECT.y - 7),
                                                       (nx + 5, TRACK_RECT.y - 7)])
        pygame.draw.rect(scr, ACCENT, (x - 4, TRACK_RECT.y - 3, 8, TRACK_RECT.h + 6), border_radius=3)
        text(scr, f.small, clock(self.lang, self.tl.start_time, self.tl.start_time),
             (TRACK_RECT.x, TRACK_RECT.bottom + 4), MUTED)
        end = clock(self.lang, self.tl.end_time, self.tl.start_time)
        text(scr, f.small, end, (TRACK_RECT.right - f.small.size(end)[0], TRACK_RECT.bottom + 4), MUTED)
