"""The client application: one window, one loop, redrawn only when something changed.

`App.step()` runs one frame (events, network messages, timer, maybe a redraw) so tests drive the
real loop; `App.run()` calls it at most `fps` times a second. Idle, a frame costs an event poll
and a queue check: nothing is drawn or flipped.

The App only conducts; each concern is a module of its own (docs/DESIGN.md, "The client in one
paragraph"): `window` opens the window, `context` is all a part may know and do, `link` is the
connection to the room, `organiser` creates rooms, `screens` switches screens and keeps their
parts (`parts.Part`) in line with the model, `input` dispatches events, `statusbar` draws the
bottom bar. The App decides when to draw, and what: all of the window (`dirty`) or some of it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from ilot.game.gcpolicy import Collector
from ilot.game.palette import WINDOW
from ilot.game.text import DEFAULT_LANG, lang_for

from .context import Action, ClientContext, Commands
from .display import (
    TextSizeControl,
    load_text_size,
    load_theme,
    save_text_size,
    scaled_theme,
    step_text_size,
    window_scale,
)
from .fonts import clear_cache as clear_font_cache
from .fonts import scale, set_scale
from .header import Header
from .indicators import IndicatorsPanel
from .input import Input
from .layout import Layout
from .link import RoomLink
from .mapview import MapView
from .model import ClientModel
from .net import NetThread
from .organiser import News, Organiser
from .parts import Part
from .richtext import clear_fonts
from .screens import Screens
from .statusbar import StatusBar
from .window import open_window

THEME = Path(__file__).parent / "theme.json"
BG = WINDOW


class App:
    def __init__(self, *, size: tuple[int, int] | None = None, lang_code: str = "fr",
                 url: str | None = None, hello: dict[str, Any] | None = None,
                 mode: str = "participant", fps: int = 30, title: str | None = None,
                 prefill: dict[str, str] | None = None):
        lang = lang_for(lang_code or DEFAULT_LANG)  # every word of the window, one language
        # no size: the window fits the desktop it opens on (display.fit_window)
        self.window = open_window(size, title or lang.t("ui.window_title"))  # or NoDisplay
        pygame.key.set_repeat(400, 35)
        self._first_lang = lang.code
        self.text_size = load_text_size()  # A− / A+, kept on this laptop
        self._theme = load_theme(THEME)
        set_scale(window_scale(self.window.get_size(), self.text_size))
        self.ui = self._manager()
        self.clock = pygame.time.Clock()
        self.fps = fps
        self.collector = Collector(every=500)  # no 30 ms frame for a full GC in a session
        self.ctx = ctx = ClientContext(lang, self.ui)
        self.map = MapView(lang)
        self.indicators = IndicatorsPanel(lang)
        self.link = RoomLink(ctx, self.collector)
        self.organiser = Organiser(ctx)
        self.screens = Screens(ctx, self.map, self.indicators)
        ctx.bind(send=self.link.act, trajectory=self.indicators.trajectory,
                 commands=Commands(connect=self.link.connect,
                                   create_room=self.organiser.create_room,
                                   toggle_console=self.screens.toggle_console,
                                   set_lang=self.screens.set_lang))
        self.input = Input(ctx, self.screens, changed=self.after_change,
                           redraw_all=self.redraw_all, resized=self.relayout, quit=self.stop)
        self.status = StatusBar(ctx)
        self.text_control = TextSizeControl(self.ui, lang, self.text_size, self.ask_text_step)
        self._text_step = 0  # A− (−1) or A+ (+1) pressed: applied after this frame's events
        self._place_text_control()
        self.running = True
        self.dirty = True  # redraw and show the whole window
        self.parts: list[pygame.Rect] = []  # or only these parts of it
        self.frames = 0  # frames actually drawn (for tests and the bench)
        self._last_update = time.monotonic()
        self._last_second = -1
        ctx.memory("connect")["mode"] = mode  # the connect page opens on this tab
        for key, value in (prefill or {}).items():
            ctx.drafts[("connect", key)] = value
        if url:
            ctx.drafts.setdefault(("connect", "url"), url)
        if hello is not None:
            self.connect(url or "", hello)
        else:
            self.screens.show("connect")

    # ----- what tests, the bench and the command line read -----
    @property
    def model(self) -> ClientModel:
        return self.ctx.model

    @property
    def net(self) -> NetThread | None:
        return self.link.net

    @property
    def screen(self) -> str:
        """The screen shown: "connect", "persona" or "main"."""
        return self.screens.name

    @property
    def side(self) -> Part | None:
        """The main screen's side panel (the phase's, or the trainer's console)."""
        main = self.screens.main
        return main.side if main is not None else None

    @property
    def header(self) -> Header | None:
        main = self.screens.main
        return main.header if main is not None else None

    @property
    def page(self) -> Part | None:
        """The connect or persona page."""
        parts = self.screens.parts() if self.screens.main is None else []
        return parts[0] if parts else None

    @property
    def layout(self) -> Layout | None:
        main = self.screens.main
        return main.layout if main is not None else None

    @property
    def selected_space(self) -> str | None:
        return self.ctx.selection.space

    @property
    def selected_point(self) -> tuple[float, float] | None:
        return self.ctx.selection.point

    # ----- commands -----
    def connect(self, url: str, hello: dict[str, Any]) -> None:
        self.link.connect(url, hello)
        self.screens.show("connect")
        self.dirty = True

    def act(self, action: Action) -> str:
        return self.ctx.act(action)

    def rebuild_side(self) -> None:
        self.screens.rebuild_side()
        self.dirty = True

    def relayout(self) -> None:
        """The window changed size: the scale may change with it (a larger window, larger
        everything), then every part is laid out anew."""
        size = self.window.get_size()
        if window_scale(size, self.text_size) != scale():
            self.rescale()
            return
        self.screens.resize(size)
        self._place_text_control()
        self.dirty = True

    def ask_text_step(self, step: int) -> None:
        """A− or A+ was pressed (a pygame_gui callback): applied once the frame's events are
        handled, not under the manager that is handling them."""
        self._text_step = step

    def step_text_size(self, step: int) -> None:
        """The text one size smaller (−1) or larger (+1), kept for the next time."""
        size = step_text_size(self.text_size, step)
        if size == self.text_size:
            return
        window = self.window.get_size()
        if step > 0 and window_scale(window, size) <= window_scale(window, self.text_size):
            # no larger in this window: the map would have no room left
            self.ctx.notice(self.ctx.lang.t("ui.text_size_window_max"))
            return
        self.text_size = size
        save_text_size(size)
        self.rescale()

    def rescale(self) -> None:
        """The window's scale anew (its size and the text size): a pygame_gui manager with
        the theme at that scale, and the screen made again with it (what was typed and
        picked is in the context, nothing is lost)."""
        size = self.window.get_size()
        set_scale(window_scale(size, self.text_size))
        name = self.screens.name or "connect"
        self.screens.kill()
        self.text_control.kill()
        self.ui = self.ctx.ui = self._manager()
        self.text_control.ui = self.ui
        self.screens.show(name)
        self._place_text_control()
        self.dirty = True

    def _manager(self) -> pygame_gui.UIManager:
        """pygame_gui's manager for the window's size, with the theme at the window's scale."""
        ui = pygame_gui.UIManager(self.window.get_size(), scaled_theme(self._theme, scale()),
                                  enable_live_theme_updates=False,
                                  starting_language=self._lang_code())
        sizes = sorted({round(s * scale()) for s in (12, 13, 14, 16, 18, 20, 24)})
        ui.preload_fonts([{"name": "noto_sans", "point_size": s, "style": st}
                          for s in sizes for st in ("bold", "italic")])
        return ui

    def _lang_code(self) -> str:
        ctx = getattr(self, "ctx", None)  # none yet: the first manager is made before it
        return ctx.lang.code if ctx is not None else self._first_lang

    def _place_text_control(self) -> None:
        self.text_control.lang = self.ctx.lang  # the window's language may have changed
        self.text_control.place(self.status.rect(self.window.get_size()), self.text_size)
        self.status.reserved = self.text_control.reserved

    def redraw_all(self) -> None:
        self.dirty = True

    def stop(self) -> None:
        self.running = False

    # ----- the loop -----
    def run(self) -> None:
        while self.step():
            self.clock.tick(self.fps)
        self.close()

    def close(self) -> None:
        self.link.stop()
        self.organiser.stop()
        clear_font_cache()  # fonts die with pygame.quit
        clear_fonts()
        pygame.quit()
        self.collector.release()  # this window's objects may go now (tests open many)

    def step(self) -> bool:
        now = time.monotonic()
        self.input.pump(now)
        if self._text_step:
            step, self._text_step = self._text_step, 0
            self.step_text_size(step)
        if self.link.net is not None:
            self.drain(self.link.net)
        # once a frame, however many messages
        side = self.side
        if side is not None and side.due and side.refresh():
            self.dirty = True
        news = self.organiser.drain()
        if news is News.CREATED:
            self.screens.show("connect")  # its entries filled with the new room and code
            self.after_change()
        elif news is News.CHANGED:
            self.after_change()
        self.link.check_me(now)
        sec = int(time.time())
        if sec != self._last_second:
            self.collector.tick()
            self._last_second = sec
            header = self.header
            if header is not None and header.refresh():
                self.parts.append(header.rect)  # a timer tick: only the header
            if self.status.fading(now):
                self.parts.append(self.status.rect(self.window.get_size()))  # the message fades
        main = self.screens.main
        if main is not None and main.player.moved():  # the simulation played a quarter on
            self.dirty = True
        if now < self.input.feedback_until and not self.dirty:
            # hover and click feedback: only the part under the pointer, when it is the side
            side = self.side
            if side is not None and side.rect.collidepoint(self.input.pointer):
                self.parts.append(side.rect)
            else:
                self.dirty = True
        if self.dirty or self.parts:
            self.draw(now)
        return self.running

    def drain(self, net: NetThread) -> None:
        """The room's news since the last frame, into the model; the screens follow."""
        if self.link.drain(net):
            self.after_change()

    def after_change(self) -> None:
        """Bring screens and panels in line with the model; cheap when nothing changed."""
        self.dirty = True
        self.link.watch_me()
        if self.screens.follow(self.input.pressed_at()):
            self.input.catch_up = True  # the side panel is rebuilt once the click is over

    # ----- drawing -----
    def draw(self, now: float) -> None:
        dt = min(0.1, now - self._last_update)
        self._last_update = now
        self.ui.update(dt)
        self.window.fill(BG)
        self.screens.draw_under(self.window)
        # the bar below pygame_gui's widgets: its A− / A+ buttons are drawn over it
        self.status.draw(self.window, time.monotonic(), connected=self.link.net is not None,
                         pending=self.link.pending(), banner_y=None)
        self.ui.draw_ui(self.window)
        self.screens.draw_over(self.window)
        layout = self.layout
        self.status.draw_banner(self.window, layout.map.y + 8 if layout is not None else 8)
        if self.dirty:
            pygame.display.flip()
        else:  # on a real display, pushing a part of the window is much cheaper than all of it
            pygame.display.update([*self.parts, self.status.rect(self.window.get_size())])
        self.frames += 1
        self.dirty = False
        self.parts = []
