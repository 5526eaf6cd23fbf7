"""Input dispatch: pygame's events → pygame_gui → the part that owns the element; clicks on the
map select a space (or, on a note's pin, let the side panel pick that note).

Order for each event: the window's own (quit, resize, exposed), then pygame_gui, then the side
panel's overlay (the group board takes the mouse first), then the pointer's bookkeeping (what
to redraw for hover and click feedback), then: a UI event goes to the part whose `keys` hold its
element (`parts.Part.on_button`…); a left click that no widget took, on the map, is the map's.
Every handled UI event and map click is followed by the window's `changed()` (the screens and
panels catch up with what it did).

A click is one frame's MOUSEBUTTONDOWN and UP; pygame_gui posts the button's event while
handling the UP, so `pump` handles the events a click or a key made in the same frame, before
the network's news may rebuild the panel and orphan that button's event. While the left button
is held on the side panel, a rebuild it needs waits for the release (`screens.Screen.follow`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import pygame
import pygame_gui

from .context import ClientContext
from .keyboard import Keyboard
from .parts import Part
from .richtext import RichBox
from .screens import MainScreen, Screens
from .widgets import option_value

log = logging.getLogger("ilot.client")
AFTER_INPUT = 0.35  # seconds of redraws after an input, for hover and click feedback
INPUT_ENDS = (pygame.MOUSEBUTTONUP, pygame.KEYDOWN)  # inputs after which pygame_gui posts UI events
MOUSE = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
INPUTS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN, pygame.KEYUP,
          pygame.TEXTINPUT, pygame.MOUSEWHEEL)
SHOWN = (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN)


class Input:
    """Reads pygame's queue once a frame and hands each event to whom it concerns."""

    def __init__(self, ctx: ClientContext, screens: Screens, *, changed: Callable[[], None],
                 redraw_all: Callable[[], None], resized: Callable[[], None],
                 quit: Callable[[], None]) -> None:
        self.ctx = ctx
        self.screens = screens
        self.changed = changed  # after a handled input: screens and panels catch up
        self.redraw_all = redraw_all
        self.resized = resized
        self.quit = quit
        self.feedback_until = 0.0  # redraw around the pointer until then (hover, click)
        self.pointer = (0, 0)
        self.pressed = False  # the left button is down (a click under way)
        self.catch_up = False  # a rebuild of the side panel waits for the click to end
        self._pointer_on_map = False
        self.keyboard = Keyboard(ctx, screens, changed=changed)  # Tab, Enter, Esc, the ring

    def pressed_at(self) -> tuple[int, int] | None:
        """Where the left button is held down, if it is."""
        return self.pointer if self.pressed else None

    def pump(self, now: float) -> None:
        """This frame's events, and the UI events they made."""
        events = pygame.event.get()
        for event in events:
            self.handle(event, now)
        if any(e.type in INPUT_ENDS for e in events):
            # a click or a key just made UI events (a button pressed, a menu chosen): handle them
            # before the network's news may rebuild the panel and orphan that button's event
            for event in pygame.event.get():
                self.handle(event, now)
        if self.catch_up and not self.pressed:
            for event in pygame.event.get():  # the release's button press, focus…, first
                self.handle(event, now)
            self.catch_up = False
            self.changed()
        if self.keyboard.follow():  # the focus ring follows its widget through rebuilds
            self.redraw_all()

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.resized()
        if event.type in SHOWN:
            self.redraw_all()
        if event.type == pygame.KEYDOWN and self.keyboard.key(event):
            self.feedback_until = now + AFTER_INPUT  # Tab, Esc…: not for pygame_gui
            return
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.keyboard.mouse()
        consumed = self.ctx.ui.process_events(event)
        main = self.screens.main
        # the header's (the invitation, drawn last) over the side panel's
        overlay = (main.header.overlay() or main.side.overlay()) if main is not None else None
        if overlay is not None and event.type in MOUSE and overlay.on_mouse(event):
            self.feedback_until = now + AFTER_INPUT
        if event.type in MOUSE and hasattr(event, "pos"):
            self.pointer = event.pos
        if getattr(event, "button", None) == 1:
            self.pressed = event.type == pygame.MOUSEBUTTONDOWN
        if event.type == pygame.MOUSEMOTION:
            on_map = main is not None and main.map.rect.collidepoint(event.pos)
            if not (on_map and self._pointer_on_map):  # nothing on the map reacts to hovering
                self.feedback_until = now + AFTER_INPUT
            self._pointer_on_map = on_map
        elif event.type in INPUTS:
            self.feedback_until = now + AFTER_INPUT
        if event.type >= pygame.USEREVENT:  # hover, focus… redraw around the pointer;
            self.feedback_until = max(self.feedback_until, now + AFTER_INPUT)
            self.ui_event(event)  # a handled event redraws it all (changed)
        elif (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not consumed
              and main is not None):
            if main.indicators.rect.collidepoint(event.pos):
                ind = main.indicators
                why = ind.why_at(event.pos) if ind.playing is not None else None
                if why == "charges":  # the footer: the charges, then each métier's hours
                    main.why.open_footer(ind.footer_targets)
                elif why is not None:
                    main.why.open(why)  # « Pourquoi ? » on an indicator
                # the playback strip's buttons, else the next page of indicators
                if why is not None or main.player.click(event.pos, ind.hits) or ind.turn(+1):
                    self.redraw_all()
            elif main.why.click(event.pos) or main.cards.click(event.pos):  # over the map
                self.redraw_all()
            else:
                self.click_map(main, event.pos)
        elif event.type == pygame.KEYDOWN and not consumed and main is not None:
            box = self.text_box(main)
            if box is not None and box.scroll_key(event.key):
                self.feedback_until = now + AFTER_INPUT  # the scroll shows over the next frames
        elif event.type == pygame.MOUSEWHEEL and not consumed and main is not None \
                and main.indicators.rect.collidepoint(self.pointer) \
                and main.indicators.turn(-1 if event.y > 0 else +1):
            self.redraw_all()

    def ui_event(self, event: pygame.event.Event) -> None:
        """A pygame_gui event, to the part that owns its element."""
        el = getattr(event, "ui_element", None)
        for part in self.screens.parts():
            key = part.keys.get(el) if el is not None else None
            if key is None:
                continue
            try:
                if not dispatch(part, key, event):
                    return
            except Exception:  # a UI bug must not close a participant's window mid-session
                if os.environ.get("ILOT_STRICT"):
                    raise
                log.exception("UI handler failed for %s", key)
                self.ctx.notice(self.ctx.lang.t("ui.ui_error"))
            self.changed()
            return

    def text_box(self, main: MainScreen) -> RichBox | None:
        """The side panel's text the keys scroll: the one under the pointer, else its main
        one (when no entry has the keys)."""
        boxes = [el for el in main.side.widgets.values() if isinstance(el, RichBox)]
        under = next((b for b in boxes if b.get_abs_rect().collidepoint(self.pointer)), None)
        if under is not None:
            return under
        focused = self.ctx.ui.get_focus_set()
        if any(isinstance(el, pygame_gui.elements.UITextEntryLine) for el in focused or ()):
            return None
        box = main.side.widgets.get("box")
        return box if isinstance(box, RichBox) else None

    def click_map(self, main: MainScreen, pos: tuple[int, int]) -> None:
        """A left click on the map: a note's pin the side panel takes, else the space there
        (none: off every space) is selected."""
        state = self.ctx.model.state
        if state is None or not main.map.rect.collidepoint(pos):
            return
        note = main.map.note_at(state, pos)  # a pin (only where pins are shown)
        if note is None or not main.side.pick_note(note):
            space = main.map.space_at(state, pos)
            self.ctx.selection.select(space, main.map.to_map(*pos) if space else None)
        self.changed()


def dispatch(part: Part, key: str, event: pygame.event.Event) -> bool:
    """Hand the UI event `event` on widget `key` to `part`; False when it is not one a part
    handles (hover, focus…)."""
    if event.type == pygame_gui.UI_BUTTON_PRESSED:
        part.on_button(key)
    elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
        part.on_enter(key)
    elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
        part.remember_text(key, event.ui_element.get_text())
    elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
        value = option_value(event.ui_element.selected_option)
        part.remember_choice(key, value)
        part.on_select(key, value)
    else:
        return False
    return True
