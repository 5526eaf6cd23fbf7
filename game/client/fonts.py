"""Fonts: pygame_gui's NotoSans (renders French accents), cached by size and weight."""

from __future__ import annotations

import os
from functools import lru_cache

import pygame
import pygame_gui

_DATA = os.path.join(os.path.dirname(pygame_gui.__file__), "data")


@lru_cache(maxsize=None)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return pygame.font.Font(os.path.join(_DATA, name), size)


def wrap(text: str, f: pygame.font.Font, width: int, max_lines: int = 3) -> list[str]:
    """Greedy word wrap; the last line gets an ellipsis when text is cut."""
    words, lines, line = text.split(), [], ""
    for w in words:
        trial = f"{line} {w}".strip()
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
