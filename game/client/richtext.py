"""Fast scrolling text for the side panels.

pygame_gui's UITextBox lays out its whole text on every `set_text` (~5 ms a line), which made
new notes show up to a second late. Here each paragraph (the text between two `<br>`) is laid
out and rendered once and cached by its markup and width; pygame_gui's own UIScrollingContainer
scrolls an area as tall as the whole text, and only the visible lines are blitted, into an image
kept in view. A new note costs one paragraph's rendering; any length of text can be scrolled.

Markup understood: `<b>`, `<i>`, `<font color='#rrggbb'>`, `<br>` and HTML entities: the
subset the panels write. Lines break at ordinary spaces only: the no-break spaces of French
typography (U+00A0, U+202F) are drawn as spaces inside a word, so "16 %" or « oui » never split.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIImage, UIScrollingContainer

from ilot.game import palette

_DATA = os.path.join(os.path.dirname(pygame_gui.__file__), "data")
Colour = pygame.Color | tuple[int, int, int]
TEXT = pygame.Color(palette.TEXT_PAIRS["text"].fg)  # markup colours: palette.TEXT_PAIRS["text.*"]
BG = pygame.Color(palette.TEXT_PAIRS["text"].bg)
PAD = 6
_CACHE: OrderedDict[tuple[str, int, int], list[pygame.Surface]] = OrderedDict()
_CACHE_SIZE = 3000


@cache
def _font(size: int, bold: bool, italic: bool) -> pygame.font.Font:
    name = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
            (True, True): "BoldItalic"}[(bold, italic)]
    return pygame.font.Font(os.path.join(_DATA, f"NotoSans-{name}.ttf"), size)


def clear_fonts() -> None:
    _font.cache_clear()
    _CACHE.clear()


def _hex(colour: str) -> Colour:
    """A markup colour, darkened if need be to be read on the text's paper (4.5:1): the panels
    write colours of palette.TEXT_PAIRS["text.*"], and any other still reads."""
    try:
        c = pygame.Color(colour)
    except ValueError:  # markup is ours, but a wrong colour must not stop a panel
        return TEXT
    return pygame.Color(palette.ink_for(palette.hex_colour((c.r, c.g, c.b)), palette.hex_colour(
        (BG.r, BG.g, BG.b))))


class _Runs(HTMLParser):
    """Markup -> paragraphs of (text, bold, italic, colour) runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[tuple[str, bool, bool, Colour]]] = [[]]
        self.bold = self.italic = 0
        self.colours: list[Colour] = [TEXT]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.paragraphs.append([])
        elif tag == "b":
            self.bold += 1
        elif tag == "i":
            self.italic += 1
        elif tag == "font":
            colour = dict(attrs).get("color")
            self.colours.append(_hex(colour) if colour else self.colours[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "b":
            self.bold = max(0, self.bold - 1)
        elif tag == "i":
            self.italic = max(0, self.italic - 1)
        elif tag == "font" and len(self.colours) > 1:
            self.colours.pop()

    def handle_data(self, data: str) -> None:
        if data:
            self.paragraphs[-1].append((data, self.bold > 0, self.italic > 0, self.colours[-1]))


def split_paragraphs(markup: str) -> list[str]:
    """The markup of each paragraph, so each can be cached on its own."""
    return markup.replace("<br/>", "<br>").replace("<br />", "<br>").split("<br>")


def _words(text: str) -> list[str]:
    """Words, each with its trailing ordinary space (the only place a line may break)."""
    out, word = [], ""
    for ch in text:
        word += ch
        if ch == " ":
            out.append(word)
            word = ""
    if word:
        out.append(word)
    return out


def render_paragraph(markup: str, width: int, size: int) -> list[pygame.Surface]:
    """One paragraph, word-wrapped to `width`: a surface per line (cached)."""
    key = (markup, width, size)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    parser = _Runs()
    parser.feed(markup)
    parser.close()
    runs = [r for p in parser.paragraphs for r in p]
    line_h = _font(size, False, False).get_linesize()
    lines: list[list[tuple[str, pygame.font.Font, Colour]]] = [[]]
    x = 0
    for text, bold, italic, colour in runs:
        f = _font(size, bold, italic)
        for word in _words(text):
            w = f.size(word)[0]
            if x + w > width and x > 0 and word.strip(" "):
                lines.append([])
                x = 0
                word = word.lstrip(" ")
                w = f.size(word)[0]
            while w > width and len(word) > 1:  # a word longer than the line: cut it
                cut = len(word)
                while cut > 1 and f.size(word[:cut])[0] > width - x:
                    cut -= 1
                lines[-1].append((word[:cut], f, colour))
                lines.append([])
                word = word[cut:]
                x = 0
                w = f.size(word)[0]
            lines[-1].append((word, f, colour))
            x += w
    out = []
    for line in lines:
        surf = pygame.Surface((width, line_h))
        surf.fill(BG)
        x = 0
        for word, f, colour in line:
            if word.strip():
                img = f.render(word, True, colour, BG)
                surf.blit(img, (x, 0))
            x += f.size(word)[0]
        out.append(surf)
    _CACHE[key] = out
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


class _Scroller(UIScrollingContainer):
    """pygame_gui's scrolling container, telling its box when it has scrolled."""

    def __init__(self, *args: Any, on_update: Callable[[], None], **kw: Any) -> None:
        self.on_update = on_update
        super().__init__(*args, **kw)

    def update(self, time_delta: float) -> None:
        super().update(time_delta)
        self.on_update()


class RichBox:
    """A scrolling text area: pygame_gui's scrolling container, as tall as the whole text, and
    in it one image of the visible lines only, drawn again where the container has scrolled
    to. Any length of text can be read to its end (mouse wheel, the scroll bar, or the keys:
    `scroll_key`); a change costs the new paragraphs and one visible area's blits."""

    STEP = 480  # the scrolling area grows in steps, so a new line rarely resizes it
    MIN_SCROLL = 64  # the least height of a view that scrolls (its scroll bar's two arrows and more)

    def __init__(self, rect: pygame.Rect, manager: Any, container: Any, size: int = 14):
        self.rect = pygame.Rect(rect)
        self.size = size
        line_h = _font(size, False, False).get_linesize()  # whole lines only: none half cut
        self.line_h = line_h
        self.rect.h = max(line_h + 2 * PAD, PAD * 2 + line_h * ((self.rect.h - 2 * PAD) // line_h))
        self.html_text = ""
        self.lines: list[pygame.Surface] = []
        self.scroller = _Scroller(self.rect, manager, container=container, allow_scroll_x=False,
                                  object_id="#richbox", on_update=self._follow_scroll)
        self.width = self.rect.w - PAD * 2 - 14  # room for the scroll bar
        self.view_h = max(10, self.rect.h - 2)  # the visible area's height
        self._height = 0  # the scrolling area's
        self._offset = -1  # where the visible image was drawn from
        self._surf = pygame.Surface((self.rect.w - 14, self.view_h))
        self._surf.fill(BG)
        self.image = UIImage(pygame.Rect(0, 0, self.rect.w - 14, self.view_h), self._surf, manager,
                             container=self.scroller)
        self._surf = self._surf.convert_alpha() if pygame.display.get_surface() else self._surf
        self.set_text("")

    @property
    def content_height(self) -> int:
        """The whole text's height, in pixels."""
        return PAD * 2 + self.line_h * len(self.lines)

    def set_text(self, markup: str) -> None:
        self.html_text = markup
        lines: list[pygame.Surface] = []
        for para in split_paragraphs(markup):
            lines += render_paragraph(para, self.width, self.size) if para else \
                [render_paragraph(" ", self.width, self.size)[0]]
        self.lines = lines
        need = self.content_height
        # a view shorter than its scroll bar's arrows cannot scroll (pygame_gui would move the
        # text out of it): it shows what fits
        height = self.view_h if need <= self.view_h or self.view_h < self.MIN_SCROLL \
            else -(-need // self.STEP) * self.STEP
        if height != self._height:
            self._height = height
            self.scroller.set_scrollable_area_dimensions((self.rect.w - 14, height))
        self._draw_view(force=True)

    def offset(self) -> int:
        """How far down the text the visible area starts, in pixels."""
        y = -self.scroller.scrollable_container.get_relative_rect().y
        return max(0, min(int(y), self._height - self.view_h))

    def _follow_scroll(self) -> None:
        self._draw_view()

    def _draw_view(self, force: bool = False) -> None:
        """The lines seen from where the container has scrolled to, in the image kept there."""
        off = self.offset()
        if off == self._offset and not force:
            return
        self._offset = off
        surf = self._surf
        surf.fill(BG)
        first = max(0, (off - PAD) // self.line_h)
        last = min(len(self.lines), (off + self.view_h - PAD) // self.line_h + 1)
        surf.blits([(self.lines[i], (PAD, PAD + i * self.line_h - off))
                    for i in range(first, last)], doreturn=False)
        self.image.set_relative_position((0, off))
        # the surface is in the display's format, opaque and of the element's size: hand it
        # over as is (UIImage.set_image would convert and copy it again)
        self.image._set_image(surf)

    def scroll_to(self, offset: int) -> bool:
        """Scroll so that the visible area starts `offset` pixels down; False when the whole
        text shows (nothing to scroll)."""
        bar = self.scroller.vert_scroll_bar
        if bar is None or self._height <= self.view_h:
            return False
        offset = max(0, min(offset, self._height - self.view_h))
        bar.set_scroll_from_start_percentage(offset / self._height)
        return True

    def scroll_key(self, key: int) -> bool:
        """Page Up / Page Down, Home / End and the arrows scroll the text; True when it did."""
        page = max(self.line_h, self.view_h - self.line_h)
        moves = {pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page, pygame.K_DOWN: self.line_h,
                 pygame.K_UP: -self.line_h}
        if key == pygame.K_HOME:
            return self.scroll_to(0)
        if key == pygame.K_END:
            return self.scroll_to(self._height)
        if key in moves:
            return self.scroll_to(self.offset() + moves[key])
        return False

    def visible_lines(self) -> range:
        """The indexes of the lines (of `lines`) wholly in view."""
        off = self.offset()
        first = max(0, -(-(off - PAD) // self.line_h))
        last = min(len(self.lines), (off + self.view_h - PAD) // self.line_h)
        return range(first, last)

    def get_abs_rect(self) -> pygame.Rect:
        return pygame.Rect(self.scroller.get_abs_rect())

    def kill(self) -> None:
        self.scroller.kill()  # type: ignore[no-untyped-call]  # pygame_gui's, unannotated
