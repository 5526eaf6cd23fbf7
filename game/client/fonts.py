"""Fonts: pygame_gui's NotoSans (renders French accents), cached by size and weight.

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


@cache
def font(size: int, bold: bool = False) -> pygame.font.Font:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return pygame.font.Font(os.path.join(_DATA, name), size)


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
