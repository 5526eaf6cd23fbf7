"""The keyboard in the side panel (and on the connect and persona pages): every form works
without the mouse.

- Tab / Shift+Tab move the focus through the panel's entries, buttons, menus and check-box
  lists, in the order the form shows them (top to bottom, left to right), and round again.
- Enter in an entry submits its form (pygame_gui's "entry finished": the part's `on_enter`);
  Enter or Space on a button reached with Tab presses it; on a menu, Enter or Space opens or
  closes it and Up / Down pick the previous or next entry; in a check-box list, Up / Down move
  and Space or Enter ticks (checklist.CheckList).
- Esc closes an open menu; else presses the panel's « Annuler » (the button `cancel`: leave an
  edit, a confirmation); else leaves the entry being typed in; else clears the map's selection.

The element reached with the keyboard is ringed (`FocusRing`, dark blue and white: seen on any
background); a click drops the ring (the mouse's user sees where they click). A rebuild of the
panel keeps the focus on the widget of the same key.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui import UI_BUTTON_PRESSED, UI_DROP_DOWN_MENU_CHANGED
from pygame_gui.core import UIElement
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextEntryLine

from ilot.game.palette import FOCUS_RING, WHITE

from .checklist import CheckList
from .context import ClientContext
from .parts import Part
from .screens import Screens

FOCUSABLE = (UITextEntryLine, UIButton, UIDropDownMenu, CheckList)
CANCEL = "cancel"  # the key of a panel's « Annuler » button: Esc presses it
PRESS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
RING = pygame.Color(FOCUS_RING)  # 8:1 on the side panel's background
RING_INNER = pygame.Color(WHITE)
RING_W = 3
GAP = 2  # between the element and its ring


class FocusRing(UIElement):
    """A frame drawn around the element that has the keyboard's focus, above every widget;
    it is never hovered nor clicked (the pointer goes through to what it surrounds)."""

    def __init__(self, manager: pygame_gui.UIManager) -> None:
        super().__init__(pygame.Rect(0, 0, 8, 8), manager, None, starting_height=50,
                         layer_thickness=1, element_id=["focus_ring"])
        self.around: pygame.Rect | None = None
        self._set_image(pygame.Surface((8, 8), pygame.SRCALPHA))
        self.hide()  # type: ignore[no-untyped-call]  # pygame_gui's, not annotated

    def hover_point(self, hover_x: float, hover_y: float) -> bool:
        return False

    def place(self, target: pygame.Rect | None) -> bool:
        """Ring `target` (a window rectangle), or hide when None; True when it changed."""
        if target == self.around:
            return False
        self.around = None if target is None else pygame.Rect(target)
        if target is None:
            self.hide()  # type: ignore[no-untyped-call]  # pygame_gui's, not annotated
            return True
        out = RING_W + GAP
        rect = pygame.Rect(target).inflate(2 * out, 2 * out)
        surf = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(surf, RING, surf.get_rect(), RING_W, border_radius=6)
        pygame.draw.rect(surf, RING_INNER, surf.get_rect().inflate(-2 * RING_W, -2 * RING_W),
                         1, border_radius=4)
        self.set_relative_position(rect.topleft)
        self.set_dimensions(rect.size)
        self._set_image(surf)
        self.show()  # type: ignore[no-untyped-call]  # pygame_gui's, not annotated
        return True


class Keyboard:
    """Tab, Enter, Space, arrows and Esc for the screen's first part (the side panel on the
    main screen, the page otherwise)."""

    def __init__(self, ctx: ClientContext, screens: Screens, *,
                 changed: Callable[[], None]) -> None:
        self.ctx = ctx
        self.screens = screens
        self.changed = changed
        self.where: tuple[str, str] | None = None  # (part name, widget key) the ring is on
        self._ring: FocusRing | None = None

    # ----- what has the focus -----
    def part(self) -> Part | None:
        parts = self.screens.parts()
        return parts[0] if parts else None

    def stops(self, part: Part) -> list[tuple[str, UIElement]]:
        """The part's widgets Tab goes through, in the form's order."""
        out: list[tuple[str, UIElement]] = []
        for key, el in part.widgets.items():
            if isinstance(el, FOCUSABLE) and alive(el) and el.visible and el.is_enabled:
                out.append((key, el))
        return out

    def target(self) -> UIElement | None:
        """The widget the ring is on, if it is still there."""
        part = self.part()
        if self.where is None or part is None or part.name != self.where[0]:
            return None
        el = part.widgets.get(self.where[1])
        return el if isinstance(el, UIElement) and alive(el) else None

    @property
    def ring(self) -> FocusRing:
        if self._ring is None or not alive(self._ring):
            self._ring = FocusRing(self.ctx.ui)
        return self._ring

    # ----- events -----
    def key(self, event: pygame.event.Event) -> bool:
        """A KEYDOWN, before pygame_gui sees it; True when it was used here (pygame_gui must
        not see it then)."""
        key = event.key
        if key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if key == pygame.K_ESCAPE:
            return self.escape()
        el = self.target()
        if isinstance(el, UIButton) and key in PRESS:
            if el.is_enabled:
                self.press(el)
            return True
        if isinstance(el, UIDropDownMenu) and el.is_enabled:
            if key in PRESS:
                state = el.current_state
                if state is not None:
                    state.should_transition = True  # open, or close (pygame_gui's update)
                return True
            if key in (pygame.K_UP, pygame.K_DOWN):
                step_menu(el, -1 if key == pygame.K_UP else 1)
                return True
        return False

    def mouse(self) -> None:
        """A click: the ring goes (the focus is where pygame_gui puts it)."""
        self.where = None

    def move(self, step: int) -> None:
        part = self.part()
        if part is None:
            return
        stops = self.stops(part)
        if not stops:
            return
        keys = [k for k, _ in stops]
        current = self.where[1] if self.where is not None and self.where[0] == part.name \
            else None
        if current is None:  # where the mouse left the focus (an entry clicked), if in the part
            focused = self.ctx.ui.get_focus_set() or set()
            current = next((k for k, el in stops if el in focused), None)
        start = keys.index(current) if current in keys else (-1 if step > 0 else 0)
        i = (start + step) % len(stops)
        key, el = stops[i]
        self.where = (part.name, key)
        self.ctx.ui.set_focus_set(el)
        self.follow()

    def press(self, button: UIButton) -> None:
        """Press `button` as a click would: its event is handled in this same frame."""
        pygame.event.post(pygame.event.Event(UI_BUTTON_PRESSED, {
            "ui_element": button, "ui_object_id": button.most_specific_combined_id,
            "mouse_button": pygame.BUTTON_LEFT}))

    def escape(self) -> bool:
        part = self.part()
        for p in self.screens.parts():  # an open menu closes
            for el in p.widgets.values():
                if isinstance(el, UIDropDownMenu) and expanded(el):
                    if el.current_state is not None:
                        el.current_state.should_transition = True
                    return True
        if part is not None:  # the panel's « Annuler »
            cancel = part.widgets.get(CANCEL)
            if isinstance(cancel, UIButton) and alive(cancel) and cancel.visible \
                    and cancel.is_enabled:
                self.press(cancel)
                return True
        focused = self.ctx.ui.get_focus_set() or set()
        if self.where is not None or any(isinstance(el, UITextEntryLine) for el in focused):
            self.where = None  # out of the entry (what was typed stays), the ring goes
            self.ctx.ui.set_focus_set(None)
            self.follow()
            return True
        if self.ctx.model.state is not None and self.ctx.selection.space is not None:
            self.ctx.selection.clear()
            self.changed()
            return True
        return False

    # ----- once a frame -----
    def follow(self) -> bool:
        """Keep the ring on its widget (a rebuilt panel has a new one under the same key, which
        gets the focus); True when the ring moved, appeared or went."""
        el = self.target()
        if el is None:  # gone with a new screen or phase, or from the rebuilt panel
            self.where = None
            return self._ring is not None and self._ring.place(None)
        focused = self.ctx.ui.get_focus_set() or set()
        if el not in focused:
            self.ctx.ui.set_focus_set(el)
        if isinstance(el, UIDropDownMenu) and expanded(el):
            return self.ring.place(None)  # the open list shows where the focus is
        return self.ring.place(pygame.Rect(el.rect))


def alive(el: UIElement) -> bool:
    """Still in the window (not killed by a rebuild)."""
    return bool(el.alive())


def expanded(menu: UIDropDownMenu) -> bool:
    return menu.current_state is menu.menu_states.get("expanded")


def step_menu(menu: UIDropDownMenu, step: int) -> None:
    """Pick the entry before (-1) or after (+1) the current one, as a click in the list would
    (the menu's "changed" event is posted)."""
    options = [o if isinstance(o, tuple) else (o, o) for o in menu.options_list]
    current = menu.selected_option
    ids = [o[1] for o in options]
    i = ids.index(current[1]) if current[1] in ids else 0
    j = max(0, min(len(options) - 1, i + step))
    if j == i:
        return
    menu.selected_option = options[j]
    state = menu.current_state
    if state is menu.menu_states.get("closed") and state is not None:
        state.finish()
        state.selected_option = options[j]
        state.start()
    elif state is not None:
        state.should_transition = True
    pygame.event.post(pygame.event.Event(UI_DROP_DOWN_MENU_CHANGED, {
        "text": options[j][0], "selected_option_id": options[j][1], "ui_element": menu,
        "ui_object_id": menu.most_specific_combined_id}))
