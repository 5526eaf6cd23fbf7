"""A list of check boxes: one row per choice, a box, a label and a second line of detail.

`CheckList` is one pygame_gui element that draws its rows itself (pygame_gui's selection list
shows no boxes, one line per entry, and nothing to tell two like titles apart). A row is a
`Row`: its value, its label, an optional detail line (group, quarter, cost…) and an optional
flag, the reason it deserves a second look (a likely duplicate): a small warning mark is drawn
on the row and the reason is its tooltip; `Legend` says what the mark means.

Mouse: a click anywhere on a row ticks or unticks it; the wheel (or the bar on the right,
clicked or dragged) scrolls. Keyboard, once the list has the focus (a click, or Tab: see
keyboard.py): Up / Down / Home / End / Page Up / Page Down move the current row (drawn
highlighted), Space or Enter ticks it. « Tout cocher / Tout décocher » are two buttons the list
answers itself (`bulk`). What is ticked is written to `store` as it changes (so a rebuild of
the panel keeps it), and `on_change` is told (a summary line under the list).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

import pygame
from pygame_gui import UI_BUTTON_PRESSED
from pygame_gui.core import UIElement
from pygame_gui.elements import UIButton

from ilot.game.palette import BORDER as BORDER_COLOUR
from ilot.game.palette import (
    BUTTON_HOVER,
    CHECK_BOX,
    CHECK_CURRENT,
    CHECK_EDGE,
    CHECK_LINE,
    CHECK_THUMB,
    CHECK_TICKED,
    HINT,
    INK,
    PAPER,
    WHITE,
)
from ilot.game.palette import FLAG as FLAG_COLOUR

from .fonts import font, px, wrap

TEXT = pygame.Color(INK)
DETAIL = pygame.Color(HINT)
BG = pygame.Color(PAPER)
BORDER = pygame.Color(BORDER_COLOUR)
LINE = pygame.Color(CHECK_LINE)
HOVER = pygame.Color(BUTTON_HOVER)
CURRENT = pygame.Color(CHECK_CURRENT)
CURRENT_EDGE = pygame.Color(CHECK_EDGE)
BOX = pygame.Color(CHECK_BOX)
TICKED = pygame.Color(CHECK_TICKED)
FLAG = pygame.Color(FLAG_COLOUR)  # the warning mark ("list.flag" in palette.TEXT_PAIRS)
ON_MARK = pygame.Color(WHITE)  # the tick, the « ! »
BAR = pygame.Color(CHECK_LINE)
THUMB = pygame.Color(CHECK_THUMB)
BAR_W = 12
PAD = 8
BOX_SIZE = 18


@dataclass(frozen=True)
class Row:
    value: str
    label: str
    detail: str = ""
    flag: str = ""  # why the row deserves a second look (its tooltip); "" for none


def draw_flag(surface: pygame.Surface, x: int, y: int, size: int = 16) -> None:
    """The warning mark: an amber triangle with a white « ! », its top-left at (x, y)."""
    pts = [(x + size // 2, y), (x + size, y + size - 1), (x, y + size - 1)]
    pygame.draw.polygon(surface, FLAG, pts)
    cx = x + size // 2
    pygame.draw.line(surface, ON_MARK, (cx, y + 5), (cx, y + size - 7), 2)
    pygame.draw.rect(surface, ON_MARK, (cx - 1, y + size - 5, 2, 2))


def draw_box(surface: pygame.Surface, x: int, y: int, ticked: bool) -> None:
    r = pygame.Rect(x, y, BOX_SIZE, BOX_SIZE)
    if ticked:
        pygame.draw.rect(surface, TICKED, r, border_radius=3)
        pts = [(x + 4, y + 9), (x + 8, y + 13), (x + 14, y + 5)]
        pygame.draw.lines(surface, ON_MARK, False, pts, 3)
    else:
        pygame.draw.rect(surface, ON_MARK, r, border_radius=3)
        pygame.draw.rect(surface, BOX, r, 2, border_radius=3)


class CheckList(UIElement):
    """Rows with a check box each (see the module's docstring)."""

    def __init__(self, rect: pygame.Rect, manager: Any, container: Any, rows: list[Row],
                 checked: list[str], *, store: MutableMapping[str, Any] | None = None,
                 store_key: str = "", on_change: Callable[[list[str]], None] | None = None,
                 bulk: tuple[UIButton, UIButton] | None = None) -> None:
        super().__init__(rect, manager, container, starting_height=1, layer_thickness=1,
                         element_id=["check_list"])
        self.rows = rows
        self.values = [r.value for r in rows]
        self._ticked = {v for v in checked if v in self.values}
        self.store, self.store_key = store, store_key
        self.on_change = on_change
        self.bulk = bulk
        two_lines = any(r.detail for r in rows)
        self.row_h = px(42 if two_lines else 28)
        self.top = 0  # pixels scrolled
        self.current = 0  # the keyboard's row
        self.hovered_row: int | None = None
        self._drag: int | None = None  # the pointer's offset in the thumb while dragging it
        self._row_tip: int | None = None
        self.redraw()

    # ----- what is ticked -----
    def checked(self) -> list[str]:
        """The ticked values, in the rows' order."""
        return [v for v in self.values if v in self._ticked]

    def is_checked(self, value: str) -> bool:
        return value in self._ticked

    def set_checked(self, values: list[str] | set[str]) -> None:
        self._ticked = {v for v in values if v in self.values}
        self._changed()

    def toggle(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        v = self.values[index]
        self._ticked ^= {v}
        self.current = index
        self._changed()

    def _changed(self) -> None:
        if self.store is not None:
            self.store[self.store_key] = self.checked()
        self.redraw()
        if self.on_change is not None:
            self.on_change(self.checked())

    # ----- geometry -----
    @property
    def content_h(self) -> int:
        return self.row_h * len(self.rows)

    @property
    def scrolls(self) -> bool:
        return self.content_h > int(self.rect.h) - 2

    def max_top(self) -> int:
        return max(0, self.content_h - (int(self.rect.h) - 2))

    def scroll_to(self, top: int) -> None:
        top = max(0, min(self.max_top(), top))
        if top != self.top:
            self.top = top
            self.redraw()

    def show_row(self, index: int) -> None:
        """Scroll so that row `index` is wholly in view."""
        y = index * self.row_h
        view = self.rect.h - 2
        if y < self.top:
            self.scroll_to(y)
        elif y + self.row_h > self.top + view:
            self.scroll_to(y + self.row_h - view)

    def row_at(self, pos: tuple[int, int]) -> int | None:
        x, y = pos[0] - self.rect.x, pos[1] - self.rect.y
        if not (0 <= x < self.rect.w - (BAR_W + 2 if self.scrolls else 0) and 1 <= y < self.rect.h - 1):
            return None
        i = (y - 1 + self.top) // self.row_h
        return i if 0 <= i < len(self.rows) else None

    def row_rect(self, value: str) -> pygame.Rect:
        """Where row `value` is on the window, scrolled into view first (tests click there)."""
        i = self.values.index(value)
        self.show_row(i)
        return pygame.Rect(self.rect.x + 1, self.rect.y + 1 + i * self.row_h - self.top,
                           self.rect.w - 2 - (BAR_W + 2 if self.scrolls else 0), self.row_h)

    def _thumb(self) -> pygame.Rect:
        view = self.rect.h - 2
        h = max(24, int(view * view / max(1, self.content_h)))
        y = 1 + int((view - h) * (self.top / self.max_top())) if self.max_top() else 1
        return pygame.Rect(self.rect.w - BAR_W - 2, y, BAR_W, h)

    # ----- drawing -----
    def redraw(self) -> None:
        w, h = self.rect.size
        surf = pygame.Surface((w, h))
        surf.fill(BG)
        bold, small = font(14, bold=True), font(12)
        text_w = w - (BAR_W + 4 if self.scrolls else 0)
        first = self.top // self.row_h
        for i in range(first, len(self.rows)):
            y = 1 + i * self.row_h - self.top
            if y >= h:
                break
            row = self.rows[i]
            band = pygame.Rect(1, y, text_w - 2, self.row_h)
            if i == self.current and self.is_focused:
                pygame.draw.rect(surf, CURRENT, band)
                pygame.draw.rect(surf, CURRENT_EDGE, (1, y, 4, self.row_h))
            elif i == self.hovered_row:
                pygame.draw.rect(surf, HOVER, band)
            pygame.draw.line(surf, LINE, (PAD, y + self.row_h - 1), (text_w - PAD, y + self.row_h - 1))
            top_line = y + (4 if row.detail or any(r.detail for r in self.rows) else 5)
            draw_box(surf, PAD, y + (self.row_h - BOX_SIZE) // 2, row.value in self._ticked)
            x = PAD + BOX_SIZE + 8
            if row.flag:
                draw_flag(surf, x, top_line + 1)
                x += 22
            label = wrap(row.label, bold, text_w - x - PAD, max_lines=1)[0]
            surf.blit(bold.render(label, True, TEXT), (x, top_line))
            if row.detail:
                detail = wrap(row.detail, small, text_w - PAD - BOX_SIZE - 16 - PAD, max_lines=1)[0]
                surf.blit(small.render(detail, True, DETAIL), (PAD + BOX_SIZE + 8, top_line + px(20)))
        if self.scrolls:
            pygame.draw.rect(surf, BAR, (w - BAR_W - 2, 1, BAR_W, h - 2), border_radius=5)
            pygame.draw.rect(surf, THUMB, self._thumb(), border_radius=5)
        pygame.draw.rect(surf, CURRENT_EDGE if self.is_focused else BORDER, surf.get_rect(), 1,
                         border_radius=3)
        self._set_image(surf)

    # ----- focus -----
    def focus(self) -> None:
        super().focus()  # type: ignore[no-untyped-call]  # pygame_gui's stub is not annotated
        self.redraw()

    def unfocus(self) -> None:
        super().unfocus()  # type: ignore[no-untyped-call]  # pygame_gui's stub is not annotated
        self.redraw()

    # ----- input -----
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == UI_BUTTON_PRESSED and self.bulk is not None \
                and event.ui_element in self.bulk:
            self.set_checked(self.values if event.ui_element is self.bulk[0] else [])
            return False  # the part is told too (a redraw), and does nothing with it
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 \
                and self.hover_point(*event.pos):
            local = (event.pos[0] - self.rect.x, event.pos[1] - self.rect.y)
            if self.scrolls and local[0] >= self.rect.w - BAR_W - 3:
                thumb = self._thumb()
                if thumb.collidepoint(local):
                    self._drag = local[1] - thumb.y
                else:  # a page up or down towards the click
                    page = self.rect.h - self.row_h
                    self.scroll_to(self.top + (page if local[1] > thumb.y else -page))
                return True
            i = self.row_at(event.pos)
            if i is not None:
                self.toggle(i)
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._drag is not None:
            self._drag = None
            return True
        if event.type == pygame.MOUSEMOTION and self._drag is not None:
            view = self.rect.h - 2
            thumb = self._thumb()
            room = max(1, view - thumb.h)
            y = event.pos[1] - self.rect.y - self._drag - 1
            self.scroll_to(int(self.max_top() * max(0, min(room, y)) / room))
            return True
        if event.type == pygame.MOUSEWHEEL and self.hovered:
            self.scroll_to(self.top - int(event.y) * self.row_h)
            return True
        if event.type == pygame.KEYDOWN and self.is_focused and self.rows:
            return self.key(event.key)
        return False

    def key(self, key: int) -> bool:
        """A key pressed while the list has the focus; True when it used it."""
        page = max(1, (self.rect.h - 2) // self.row_h - 1)
        moves = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -page,
                 pygame.K_PAGEDOWN: page, pygame.K_HOME: -len(self.rows),
                 pygame.K_END: len(self.rows)}
        if key in moves:
            self.current = max(0, min(len(self.rows) - 1, self.current + moves[key]))
            self.show_row(self.current)
            self.redraw()
            return True
        if key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.toggle(self.current)
            return True
        return False

    # ----- hover: the row under the pointer, and its flag as the tooltip -----
    def while_hovering(self, time_delta: float, mouse_pos: Any) -> None:
        i = self.row_at((int(mouse_pos[0]), int(mouse_pos[1])))
        if i != self.hovered_row:
            self.hovered_row = i
            self.redraw()
        if i != self._row_tip:  # another row: its own tooltip, after the usual delay
            self._row_tip = i
            if self.tool_tip is not None:
                self.tool_tip.kill()
                self.tool_tip = None
            self.hover_time = 0.0
            flag = self.rows[i].flag if i is not None else ""
            self.tool_tip_text = flag or None
        super().while_hovering(time_delta, mouse_pos)

    def on_unhovered(self) -> None:
        super().on_unhovered()  # type: ignore[no-untyped-call]  # pygame_gui's, not annotated
        self._row_tip = None
        if self.hovered_row is not None:
            self.hovered_row = None
            self.redraw()


class Legend(UIElement):
    """A line or two of text under a list, with the warning mark drawn before it when `mark`;
    `set_text` changes it in place (a summary that follows the ticks)."""

    def __init__(self, rect: pygame.Rect, manager: Any, container: Any, text: str,
                 *, mark: bool = False, colour: pygame.Color = DETAIL,
                 size: int = 12, bold: bool = False) -> None:
        super().__init__(rect, manager, container, starting_height=1, layer_thickness=1,
                         element_id=["legend"])
        self.mark, self.size, self.bold = mark, size, bold
        self.text = ""
        self.colour = colour
        self.set_text(text, colour)

    def set_text(self, text: str, colour: pygame.Color | None = None) -> None:
        self.text = text
        if colour is not None:
            self.colour = colour
        w, h = self.rect.size
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        f = font(self.size, bold=self.bold)
        x = 22 if self.mark else 0
        if self.mark:
            draw_flag(surf, 0, 2, 15)
        line_h = f.get_linesize()
        lines = wrap(text, f, w - x, max_lines=max(1, h // line_h))
        for n, line in enumerate(lines):
            surf.blit(f.render(line, True, self.colour), (x, n * line_h))
        self._set_image(surf)

    @staticmethod
    def height_for(text: str, width: int, size: int = 12, bold: bool = False,
                   mark: bool = False, max_lines: int = 3) -> int:
        f = font(size, bold=bold)
        return f.get_linesize() * len(wrap(text, f, width - (22 if mark else 0),
                                           max_lines=max_lines))
