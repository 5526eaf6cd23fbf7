"""A line of text in several colours, word-wrapped: the indicators' footer, whose budget part
turns red (with the overrun) while the rest keeps its colour.

A run is (text, colour). Lines break at ordinary spaces only (fonts.words), so the no-break
spaces of French typography keep « 602 000 € » whole.
"""

from __future__ import annotations

import pygame

from .fonts import words

Colour = tuple[int, int, int] | pygame.Color
Run = tuple[str, Colour]
SPLIT = "\x00"  # stands in a message for the part drawn in its own colour


def split_runs(text: str, part: str, colour: Colour, part_colour: Colour) -> list[Run]:
    """`text` made with SPLIT where `part` goes: the runs before, `part`, after."""
    before, _, after = text.partition(SPLIT)
    return [(before, colour), (part, part_colour), (after, colour)]


def wrap_runs(runs: list[Run], f: pygame.font.Font, width: int, max_lines: int = 2
              ) -> list[list[Run]]:
    """Lines of at most `width` pixels, each a list of (word, colour); an ellipsis ends the
    last line when the text is cut."""
    lines: list[list[Run]] = [[]]
    x = 0
    space = f.size(" ")[0]
    ended_in_space = True
    for text, colour in runs:
        if not text:
            continue
        # a run glued to the previous one (no space between) continues its word
        glued = not text[0].isspace() and not ended_in_space
        ended_in_space = text[-1].isspace()
        for n, w in enumerate(words(text)):
            ww = f.size(w)[0]
            gap = 0 if (n == 0 and glued) else space
            if lines[-1] and x + gap + ww > width:
                lines.append([])
                x, gap = 0, 0
            elif not lines[-1]:
                gap = 0
            lines[-1].append((" " * (gap > 0) + w, colour))
            x += gap + ww
    lines = [ln for ln in lines if ln]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        text, colour = lines[-1][-1]
        lines[-1][-1] = (text.rstrip(".,") + "…", colour)
    return lines


def blit_runs(target: pygame.Surface, line: list[Run], f: pygame.font.Font,
              pos: tuple[int, int]) -> None:
    """Draw one line of `wrap_runs`: the words of one colour in one piece each."""
    x, y = pos
    merged: list[Run] = []
    for text, colour in line:
        if merged and merged[-1][1] == colour:
            merged[-1] = (merged[-1][0] + text, colour)
        else:
            merged.append((text, colour))
    for text, colour in merged:
        target.blit(f.render(text, True, colour), (x, y))
        x += f.size(text)[0]
