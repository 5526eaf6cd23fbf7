"""Fast scrolling text for the side panels.

pygame_gui's UITextBox lays out its whole text on every `set_text` (~5 ms a line), which made
new notes show up to a second late. Here each paragraph (the text between two `<br>`) is laid
out and rendered once and cached by its markup and width; a change re-blits cached paragraphs
into one tall image shown in pygame_gui's own UIScrollingContainer (which scrolls it). A new
note costs one paragraph's rendering.

Markup understood: `<b>`, `<i>`, `<font color='#rrggbb'>`, `<br>` and HTML entities: the
subset the panels write. Lines break at ordinary spaces only: the no-break spaces of French
typography (U+00A0, U+202F) are drawn as spaces inside a word, so "16 %" or « oui » never split.
"""

from __future__ import annotations

import os
from collections import OrderedDict
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
MAX_HEIGHT = 2400  # pixels of text kept in the scrolling image (~120 lines; lists are newest first)
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


class RichBox:
    """A scrolling text area: pygame_gui's scrolling container around one rendered image."""

    def __init__(self, rect: pygame.Rect, manager: Any, container: Any, size: int = 14):
        self.rect = pygame.Rect(rect)
        self.size = size
        line_h = _font(size, False, False).get_linesize()  # whole lines only: none half cut
        self.rect.h = max(line_h + 2 * PAD, PAD * 2 + line_h * ((self.rect.h - 2 * PAD) // line_h))
        self.html_text = ""
        self.scroller = UIScrollingContainer(self.rect, manager, container=container,
                                             allow_scroll_x=False, object_id="#richbox")
        self.width = self.rect.w - PAD * 2 - 14  # room for the scroll bar
        blank = pygame.Surface((self.rect.w - 14, 10))
        blank.fill(BG)
        self._height = 10
        self._surf: pygame.Surface | None = None
        self.image = UIImage(pygame.Rect(0, 0, self.rect.w - 14, 10), blank, manager,
                             container=self.scroller)
        self.set_text("")

    def set_text(self, markup: str) -> None:
        self.html_text = markup
        lines: list[pygame.Surface] = []
        for para in split_paragraphs(markup):
            lines += render_paragraph(para, self.width, self.size) if para else \
                [render_paragraph(" ", self.width, self.size)[0]]
        line_h = _font(self.size, False, False).get_linesize()
        need = PAD * 2 + line_h * len(lines)
        # the image grows in steps, so a new line rarely resizes the scrolling area
        height = min(MAX_HEIGHT, max(self.rect.h - 4, -(-need // 480) * 480 if need > self.rect.h - 4
                                     else 0))
        if height != self._height or self._surf is None:
            self._height = height
            self._surf = pygame.Surface((self.rect.w - 14, height)).convert_alpha()
            self.image.set_dimensions(self._surf.get_size())
            self.scroller.set_scrollable_area_dimensions((self.rect.w - 14, height))
        surf = self._surf
        surf.fill(BG)
        y = PAD
        blits = []
        for line in lines:
            if y + line_h > height:
                break
            blits.append((line, (PAD, y)))
            y += line_h
        surf.blits(blits, doreturn=False)
        # the surface is already in the display's format, opaque and of the element's size:
        # hand it over as is (UIImage.set_image would convert and copy it again)
        self.image._set_image(surf)

    def get_abs_rect(self) -> pygame.Rect:
        return pygame.Rect(self.scroller.get_abs_rect())

    def kill(self) -> None:
        self.scroller.kill()
