"""The replay window's geometry for a window size: the map and the indicators on the left, the
tabs and their panel on the right, the phase band and the timeline along the bottom.

1280×800 is the default; any size from `MIN_SIZE` (1024×700) up lays out the same way: the right
column keeps at least 500 px, the map takes what is left, and the tab bar wraps onto as many
rows as its tabs need (`tab_rows`), the panel starting below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

SIZE = (1280, 800)
MIN_SIZE = (1024, 700)
TAB_H = 26  # a tab button's height; rows of tabs 2 px apart
TAB_GAP = 2


@dataclass(frozen=True)
class Layout:
    size: tuple[int, int]
    map: pygame.Rect
    ind: pygame.Rect
    side: pygame.Rect  # the right column: tab bar at its top, then the panel
    entry: pygame.Rect  # the debrief note's box (its button at its right)
    add: pygame.Rect
    band: pygame.Rect
    track: pygame.Rect

    def panel(self, tabs_bottom: int) -> pygame.Rect:
        """The tab panel, below the tab bar and above the note's box."""
        top = tabs_bottom + 4
        return pygame.Rect(self.side.x, top, self.side.w, self.entry.y - 6 - top)


def layout(size: tuple[int, int]) -> Layout:
    w, h = max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1])
    side_w = max(500, round(w * 0.467))
    left_w = w - 30 - side_w
    band = pygame.Rect(10, h - 90, w - 20, 26)
    track = pygame.Rect(10, h - 56, w - 20, 30)
    ind = pygame.Rect(10, band.y - 180, left_w, 170)
    entry_y = band.y - 44
    side = pygame.Rect(left_w + 20, 52, side_w, entry_y - 52)
    return Layout(size=(w, h), map=pygame.Rect(10, 52, left_w, ind.y - 60), ind=ind, side=side,
                  entry=pygame.Rect(side.x, entry_y, side_w - 90, 34),
                  add=pygame.Rect(side.right - 86, entry_y, 86, 34), band=band, track=track)


def _wrap(widths: Sequence[int], cap: int) -> list[list[int]]:
    rows: list[list[int]] = [[]]
    used = 0
    for i, w in enumerate(widths):
        if rows[-1] and used + w > cap:
            rows.append([])
            used = 0
        rows[-1].append(i)
        used += w + TAB_GAP
    return rows


def tab_rows(widths: Sequence[int], x: int, y: int, width: int) -> list[pygame.Rect]:
    """The tab buttons' rects, in order, on as few rows as fit `width`, the rows balanced (8 tabs
    on two rows: 4 and 4, not 7 and 1) and, when there are several, each widened to fill
    `width` (the extra shared out), as a real tab strip; one row keeps natural widths."""
    rows = _wrap(widths, width)
    n = len(rows)
    if n > 1:  # the narrowest cap that still needs no more rows
        cap = (sum(widths) + TAB_GAP * len(widths)) // n
        while len(rows := _wrap(widths, cap)) > n:
            cap += 4
    out: list[pygame.Rect] = [pygame.Rect(0, 0, 0, 0)] * len(widths)
    for r, row in enumerate(rows):
        natural = sum(widths[i] for i in row) + TAB_GAP * (len(row) - 1)
        extra = (width - natural) if n > 1 else 0
        cx = x
        for k, i in enumerate(row):
            add = extra * (k + 1) // len(row) - extra * k // len(row)
            out[i] = pygame.Rect(cx, y + r * (TAB_H + TAB_GAP), widths[i] + add, TAB_H)
            cx += widths[i] + add + TAB_GAP
    return out
