"""Fonts: pygame_gui's NotoSans (renders French accents), cached by size and weight, and the
window's scale.

Every size the client draws (fonts, widgets, the layout) is given at scale 1 and multiplied by
the window's scale with `px`: the screen's part (a larger window, larger everything; see
`display.screen_factor`) times the user's text size (A− / A+, `display.TextSize`). There is one
window per process and the App sets the scale (`set_scale`) before it lays anything out, so the
status bar, the map, the indicators, the side panels' text and the widgets' rows all follow it
without being handed it.

Text is broken into lines at ordinary spaces only: the no-break spaces French typography puts
in messages (U+00A0 before « : », inside « », U+202F before ; ! ? % and units) keep "16 %" and
« oui » on one line, and are drawn as the font's own (narrower) spaces.
"""

from __future__ import annotations

import os
import re
from functools import cache

import pygame
import pygame_gui

_DATA = os.path.join(os.path.dirname(pygame_gui.__file__), "data")
_BREAKS = re.compile(r"[ \t\r\n\f\v]+")  # where a line may break: not at U+00A0 or U+202F
_scale = 1.0


def scale() -> float:
    """The window's scale: 1 at 1366×768 with the text at 100 %."""
    return _scale


def set_scale(factor: float) -> None:
    """Every size from now on is `factor` times its size at scale 1 (the App lays out anew)."""
    global _scale
    _scale = max(0.5, min(4.0, float(factor)))


def px(size: float) -> int:
    """`size` pixels at scale 1, in pixels at the window's scale (at least 1)."""
    return max(1, round(size * _scale))


@cache
def _font(pixels: int, bold: bool) -> pygame.font.Font:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return pygame.font.Font(os.path.join(_DATA, name), pixels)


def font(size: int, bold: bool = False) -> pygame.font.Font:
    """NotoSans of `size` at scale 1, at the window's scale."""
    return _font(px(size), bold)


def clear_cache() -> None:
    """Forget the loaded fonts (they die with `pygame.quit`)."""
    _font.cache_clear()



def words(text: str) -> list[str]:
    """The words of `text`, split at ordinary white space (no-break spaces stay inside)."""
    return [w for w in _BREAKS.split(text) if w]


def one_line(text: str) -> str:
    """`text` with its runs of ordinary white space made one space (no-break spaces kept)."""
    return " ".join(words(text))


def wrap(text: str, f: pygame.font.Font, width: int, max_lines: int = 3) -> list[str]:
    """Greedy word wrap; the last line gets an ellipsis when text is cut."""
    lines, line = [], ""
    for w in words(text):
        trial = f"{line} {w}".strip(" ")
        if f.size(trial)[0] <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,") + "…"
    out = []
    for ln in lines:  # a single long word may still be too wide
        while f.size(ln)[0] > width and len(ln) > 2:
            ln = ln[:-2] + "…"
        out.append(ln)
    return out
