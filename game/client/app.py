"""The client application: one window, one loop, redrawn only when something changed.

`App.step()` runs one frame (events, network messages, timer, maybe a redraw) so tests drive the
real loop; `App.run()` calls it at most `fps` times a second. Idle, a frame costs an event poll
and a queue check: nothing is drawn or flipped.
"""

from __future__ import annotations

import logging
import os
import time
import zlib
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from ilot.game.core.kinds import ActorKind, PhaseKind
from ilot.game.core.views import shown_uses
from ilot.game.gcpolicy import Collector
from ilot.game.net.joincodes import show as display_code
from ilot.game.palette import HEADER, TIMER_INK, WARNING, WARNING_INK, WHITE, WINDOW
from ilot.game.text import DEFAULT_LANG, lang_for

from .fonts import font
from .header import Header
from .indicators import IndicatorsPanel
from .layout import STATUS_H, compute
from .mapview import MapView
from .model import ClientModel
from .net import NetThread
from .panels import PANELS, ConsolePanel
from .richtext import clear_fonts
from .screens import ConnectScreen, PersonaScreen

log = logging.getLogger("ilot.client")
THEME = Path(__file__).parent / "theme.json"
BG = WINDOW
AFTER_INPUT = 0.35  # seconds of redraws after an input, for hover and click feedback
INPUT_ENDS = (pygame.MOUSEBUTTONUP, pygame.KEYDOWN)  # inputs after which pygame_gui posts UI events
ME_WAIT = 1.5  # seconds to wait for the server's "me" push before rejoining for it


def _prefer_shared_memory_framebuffer() -> None:
    """On X11, SDL presents a software window through an OpenGL texture when it finds a GL
    driver; where that GL is itself software (Xvfb, many VMs and older laptops) every present
    costs 5–8 ms whatever its size (bench/bench_client.py), and our partial updates lose their
    point. SDL's X11 shared-memory path presents in 0.1–0.7 ms. Only on X11, which has that
    path (the Wayland driver has none), and never over a user's own setting."""
    import sys
    driver = os.environ.get("SDL_VIDEODRIVER")
    if sys.platform.startswith("linux") and os.environ.get("DISPLAY") and driver in (None, "x11"):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


class App:
    def __init__(self, *, size: tuple[int, int] = (1280, 800), lang_code: str = "fr",
                 url: str | None = None, hello: dict[str, Any] | None = None,
                 mode: str = "participant", fps: int = 30, title: str | None = None,
                 prefill: dict[str, str] | None = None):
        self.lang = lang_for(lang_code or DEFAULT_LANG)  # every word of the window, one language
        _prefer_shared_memory_framebuffer()
        pygame.init()
        pygame.key.set_repeat(400, 35)
        self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption(title or self.lang.t("ui.window_title"))
        self.ui = pygame_gui.UIManager(size, str(THEME), enable_live_theme_updates=False,
                                       starting_language=self.lang.code)
        self.ui.preload_fonts([{"name": "noto_sans", "point_size": s, "style": st}
                               for s in (13, 14, 16, 18, 20, 24) for st in ("bold", "italic")])
        self.clock = pygame.time.Clock()
        self.fps = fps
        self.collector = Collector(every=500)  # no 30 ms frame for a full GC in a session
        self.model = ClientModel(self.lang)
        self.net: NetThread | None = None
        self.org_net: NetThread | None = None
        self.args_mode = mode
        self.drafts: dict[tuple[str, str], str] = {}
        self.panel_state: dict[str, dict[str, Any]] = {}
        self.selected_space: str | None = None
        self.selected_point: tuple[float, float] | None = None
        self.console_open = False
        self.map = MapView(self.lang)
        self.indicators = IndicatorsPanel(self.lang)
        self.screen = ""
        self.header: Header | None = None
        self.side: Any = None
        self.page: Any = None  # connect or persona screen
        self.running = True
        self.dirty = True  # redraw and show the whole window
        self.parts: list[pygame.Rect] = []  # or only these parts of it
        self.redraw_until = 0.0
        self.frames = 0  # frames actually drawn (for tests and the bench)
        self._last_update = time.monotonic()
        self._last_second = -1
        self._last_input = 0.0
        self._pointer_on_map = False
        self._pointer = (0, 0)
        self._pressed = False  # the left button is down (a click under way)
        self._sync_after_click = False  # the side panel's rebuild waits for the click to end
        self._phase = -1
        self._me_deadline: float | None = None
        for key, value in (prefill or {}).items():
            self.drafts[("connect", key)] = value
        if url:
            self.drafts.setdefault(("connect", "url"), url)
        if hello is not None:
            self.connect(url or "", hello)
        else:
            self.show_connect()

    # ----- properties used by panels -----
    @property
    def can_act(self) -> bool:
        return self.model.kind == ActorKind.PARTICIPANT

    @property
    def big(self) -> bool:
        return self.model.kind == ActorKind.SPECTATOR

    # ----- commands -----
    def connect(self, url: str, hello: dict[str, Any]) -> None:
        if self.net is not None:
            self.net.stop()
        self.model = ClientModel(self.lang)
        hello = {"lang": self.lang.code, **hello}
        self.net = NetThread(url, hello).start()
        self.show_connect()

    def act(self, action: dict[str, Any]) -> str:
        if self.net is None:
            return ""
        return self.net.act(action)

    def create_room(self, url: str, key: str, path: str) -> None:
        from ilot.game.core.scenario_check import check_file
        from ilot.game.text.scenario_errors import scenario_error_line

        if not key or not path:
            self.model.notice(self.lang.t("ui.need_key_file"))
            return
        scenario, errors = check_file(os.path.expanduser(path))
        if scenario is None:
            said = "; ".join(scenario_error_line(e, self.lang) for e in errors)
            self.model.notice(self.lang.t("ui.scenario_invalid", errors=said[:300]))
            return
        raw = Path(os.path.expanduser(path)).read_bytes()
        if self.org_net is not None:
            self.org_net.stop()
        self.org_net = NetThread(url or "ws://127.0.0.1:8765", {"as": "organiser", "key": key,
                                                                 "lang": self.lang.code}).start()
        # compressed: a rich scenario's map is larger than the 64 KiB a client frame may be
        self.org_net.send({"t": "create_room", "scenario_gz": zlib.compress(raw, 9)})

    # ----- screens -----
    def _clear(self) -> None:
        for part in (self.header, self.side, self.page):
            if part is not None:
                part.kill()
        self.header = self.side = self.page = None

    def show_connect(self) -> None:
        self._clear()
        self.screen = "connect"
        w, h = self.window.get_size()
        pw, ph = min(620, w - 40), min(600, h - 40)
        self.page = ConnectScreen(self, pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph))
        self.page.sync()
        self.dirty = True

    def show_persona(self) -> None:
        self._clear()
        self.screen = "persona"
        w, h = self.window.get_size()
        self.page = PersonaScreen(self, pygame.Rect(0, 0, w, h - STATUS_H))
        self.page.sync()
        self.dirty = True

    def show_main(self) -> None:
        self._clear()
        self.screen = "main"
        w, h = self.window.get_size()
        self.layout = compute(w, h, self.model.kind)
        self.map.big = self.big
        self.map.layout(self.layout.map, self.model.state)
        self.indicators.rect = self.layout.indicators
        self.header = Header(self, self.layout.header)
        self.header.refresh()
        self.rebuild_side()

    def rebuild_side(self) -> None:
        if self.side is not None:
            self.side.kill()
        s = self.model.state
        cls = ConsolePanel if (self.console_open and self.model.kind == ActorKind.TRAINER) \
            else PANELS[s.phase_kind]
        self.side = cls(self, self.layout.side)
        self.side.sync()
        self.dirty = True

    def wanted_screen(self) -> str:
        m = self.model
        if m.mirror is None:
            return "connect"
        if m.kind == ActorKind.PARTICIPANT and (m.my_participant is None or m.my_participant.persona is None):
            return "persona"
        return "main"

    # ----- the loop -----
    def run(self) -> None:
        while self.step():
            self.clock.tick(self.fps)
        self.close()

    def close(self) -> None:
        for net in (self.net, self.org_net):
            if net is not None:
                net.stop()
        font.cache_clear()  # fonts die with pygame.quit
        clear_fonts()
        pygame.quit()

    def step(self) -> bool:
        now = time.monotonic()
        events = pygame.event.get()
        for event in events:
            self.handle(event, now)
        if any(e.type in INPUT_ENDS for e in events):
            # a click or a key just made UI events (a button pressed, a menu chosen): handle them
            # before the network's news may rebuild the panel and orphan that button's event
            for event in pygame.event.get():
                self.handle(event, now)
        if self._sync_after_click and not self._pressed:
            for event in pygame.event.get():  # the release's button press, focus…, first
                self.handle(event, now)
            self._sync_after_click = False
            self.after_change()
        if self.net is not None:
            self.drain(self.net)
        # once a frame, however many messages
        if self.side is not None and self.side.due and self.side.refresh():
            self.dirty = True
        if self.org_net is not None:
            self.drain_organiser()
        if self._me_deadline is not None and now > self._me_deadline:
            self._me_deadline = None
            if self.model.needs_me() and self.net is not None:
                self.net.resync()  # no "me" push from this server: a fresh welcome carries it
        sec = int(time.time())
        if sec != self._last_second:
            self.collector.tick()
            self._last_second = sec
            if self.header is not None and self.header.refresh():
                self.parts.append(self.header.rect)  # a timer tick: only the header
            if self.model.message and now - self.model.message_at < 8.5:
                self.parts.append(self.status_rect())  # the message fades out
        if now < self.redraw_until and not self.dirty:
            # hover and click feedback: only the part under the pointer, when it is the side
            pos = self._pointer
            if self.screen == "main" and self.side is not None \
                    and self.side.rect.collidepoint(pos):
                self.parts.append(self.side.rect)
            else:
                self.dirty = True
        if self.dirty or self.parts:
            self.draw(now)
        return self.running

    def status_rect(self) -> pygame.Rect:
        w, h = self.window.get_size()
        return pygame.Rect(0, h - STATUS_H, w, STATUS_H)

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            size = self.window.get_size()
            self.ui.set_window_resolution(size)
            self.relayout()
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.dirty = True
        consumed = self.ui.process_events(event)
        board = getattr(self.side, "board", None)
        if board is not None and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION,
                                                pygame.MOUSEBUTTONUP) and board.on_mouse(event):
            self.redraw_until = now + AFTER_INPUT
        if hasattr(event, "pos") and event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN,
                                                     pygame.MOUSEBUTTONUP):
            self._pointer = event.pos
        if getattr(event, "button", None) == 1:
            self._pressed = event.type == pygame.MOUSEBUTTONDOWN
        if event.type == pygame.MOUSEMOTION:
            on_map = self.screen == "main" and self.map.rect.collidepoint(event.pos)
            if not (on_map and self._pointer_on_map):  # nothing on the map reacts to hovering
                self.redraw_until = now + AFTER_INPUT
            self._pointer_on_map = on_map
        elif event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN,
                            pygame.KEYUP, pygame.TEXTINPUT, pygame.MOUSEWHEEL):
            self.redraw_until = now + AFTER_INPUT
            self._last_input = now
        if event.type >= pygame.USEREVENT:  # hover, focus… redraw around the pointer;
            self.redraw_until = max(self.redraw_until, now + AFTER_INPUT)
            self.ui_event(event)  # a handled event redraws it all (after_change)
        elif (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not consumed
              and self.screen == "main"):
            self.click_map(event.pos)

    def ui_event(self, event: pygame.event.Event) -> None:
        el = getattr(event, "ui_element", None)
        parts = [p for p in (self.side, self.header, self.page) if p is not None]
        for part in parts:
            key = part.keys.get(el)
            if key is None:
                continue
            try:
                if event.type == pygame_gui.UI_BUTTON_PRESSED:
                    part.on_button(key)
                elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
                    part.on_enter(key)
                elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
                    self.drafts[(part.name, key)] = el.get_text()
                elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
                    opt = el.selected_option
                    value = opt[1] if isinstance(opt, tuple) else opt
                    if hasattr(part, "sel"):
                        part.sel[f"dd:{key}"] = value
                    part.on_select(key, value)
                else:
                    return
            except Exception:  # a UI bug must not close a participant's window mid-session
                if os.environ.get("ILOT_STRICT"):
                    raise
                log.exception("UI handler failed for %s", key)
                self.model.notice(self.lang.t("ui.ui_error"))
            self.after_change()
            return

    def _click_on_side(self) -> bool:
        return self._pressed and self.side is not None and self.side.rect.collidepoint(self._pointer)

    def click_map(self, pos: tuple[int, int]) -> None:
        state = self.model.state
        if state is None or not self.map.rect.collidepoint(pos):
            return
        pick = getattr(self.side, "pick_note", None)  # a note's pin: the panel picks it
        note = self.map.note_at(state, pos) if pick is not None else None
        if note is None or not pick(note):
            self.selected_space = self.map.space_at(state, pos)
            self.selected_point = self.map.to_map(*pos) if self.selected_space else None
        self.after_change()

    def relayout(self) -> None:
        if self.screen == "main":
            self.show_main()
        elif self.screen == "persona":
            self.show_persona()
        else:
            self.show_connect()

    def drain(self, net: NetThread) -> None:
        got = False
        while True:
            try:
                msg = net.inbox.get_nowait()
            except Exception:
                break
            self.model.apply(msg)
            got = True
            kind = msg.get("t")
            if kind == "events":
                self.collector.committed(len(msg.get("events", ())))
            elif kind == "welcome":  # a whole state: settle it now, out of later frames' way
                self.collector.committed(self.collector.every)
        if got:
            self.after_change()

    def drain_organiser(self) -> None:
        while self.org_net is not None:
            try:
                msg = self.org_net.inbox.get_nowait()
            except Exception:
                break
            if msg.get("t") == "room_created":
                self.model.created = msg
                self.drafts[("connect", "room")] = msg.get("room", "")
                self.drafts[("connect", "code")] = msg.get("trainer_code", "")
                self.panel_state.setdefault("connect", {})["mode"] = "trainer"
                self.org_net.stop()
                self.org_net = None
                self.show_connect()
                return
            if msg.get("t") == "reject" or msg.get("t") == "error":
                self.model.notice(self.model.refusal_text(msg))
            elif msg.get("t") == "status" and msg.get("status") == "failed":
                self.model.notice(self.lang.t("ui.connect_failed", reason=msg.get("reason", "")))
            self.after_change()

    def after_change(self) -> None:
        """Bring screens and panels in line with the model; cheap when nothing changed."""
        self.dirty = True
        want = self.wanted_screen()
        if self.model.needs_me():
            if self._me_deadline is None:
                self._me_deadline = time.monotonic() + ME_WAIT
        else:
            self._me_deadline = None
        if want != self.screen:
            {"connect": self.show_connect, "persona": self.show_persona,
             "main": self.show_main}[want]()
            if want == "main":
                self._phase = self.model.state.phase
            return
        if want == "main":
            s = self.model.state
            if s.phase != self._phase:
                self._phase = s.phase
                self.rebuild_side()
            elif self._click_on_side() and self.side.signature() != self.side._sig:
                # rebuilding now would destroy the button being pressed and lose the click:
                # the panel catches up once the click (and the UI events it makes) is handled
                self._sync_after_click = True
                self.side.refresh(force=False)
            else:
                self.side.sync(force=False)  # text boxes catch up in step()
            self.header.refresh()
        elif self.page is not None:
            self.page.sync()

    # ----- drawing -----
    def draw(self, now: float) -> None:
        dt = min(0.1, now - self._last_update)
        self._last_update = now
        self.ui.update(dt)
        self.window.fill(BG)
        s = self.model.state
        if self.screen == "main" and s is not None:
            proposal = self.side.proposal() if hasattr(self.side, "proposal") else None
            uses = shown_uses(s, s.group_of(self.model.me) if self.can_act else None, proposal)
            self.map.draw(self.window, s, version=self.model.version, selected=self.selected_space,
                          uses=uses, show_notes=s.phase_kind in (PhaseKind.ETAT_DES_LIEUX, PhaseKind.RESSOURCES))
            self.indicators.draw(self.window, s)
        self.ui.draw_ui(self.window)
        board = getattr(self.side, "board", None)
        if board is not None:
            board.draw(self.window)
        self.draw_status()
        if self.dirty:
            pygame.display.flip()
        else:  # on a real display, pushing a part of the window is much cheaper than all of it
            pygame.display.update([*self.parts, self.status_rect()])
        self.frames += 1
        self.dirty = False
        self.parts = []

    def draw_status(self) -> None:
        w, h = self.window.get_size()
        m = self.model
        bar = pygame.Rect(0, h - STATUS_H, w, STATUS_H)
        pygame.draw.rect(self.window, HEADER, bar)
        f = font(13)
        t = self.lang.t
        status = {"online": t("ui.status_online"), "connecting": t("ui.status_connecting"),
                  "reconnecting": t("ui.status_reconnecting"), "failed": t("ui.status_failed")}
        left = status.get(m.status, m.status) if self.net else t("ui.status_offline")
        if m.room:
            left = t("ui.status_room", room=display_code(m.room), status=left)
        pending = self.net.pending_count() if self.net else 0
        if pending:
            left += " · " + self.lang.n("ui.pending_n", pending)
        self.window.blit(f.render(left, True, WHITE), (8, h - STATUS_H + 4))
        me = m.my_participant
        if me is not None:
            right = m.name_of(me.id)
        elif m.kind:
            right = t(f"term.actor.{m.kind}")
        else:
            right = ""
        img = f.render(right, True, WHITE)
        self.window.blit(img, (w - img.get_width() - 8, h - STATUS_H + 4))
        if m.message and time.monotonic() - m.message_at < 8:
            img = f.render(m.message[:140], True, TIMER_INK)
            self.window.blit(img, (max(260, (w - img.get_width()) // 2), h - STATUS_H + 4))
        if m.status in ("reconnecting",) or (m.status == "connecting" and m.mirror is not None):
            banner = font(18, bold=True).render(t("ui.reconnecting_banner"), True,
                                                WARNING_INK)
            r = banner.get_rect(midtop=(w // 2, 8 if self.screen != "main" else self.layout.map.y + 8))
            pygame.draw.rect(self.window, WARNING, r.inflate(30, 12), border_radius=6)
            self.window.blit(banner, r)
