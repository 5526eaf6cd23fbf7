"""Scrolling the replay's tab panel: an offset per tab, the content's height the tab reported,
the scrollbar's geometry.

A tab draws its whole content from `r.top` and returns the bottom it reached (tabs.py's
contract); the viewer moves `r.top` up by the offset and clips to the panel. Offsets are kept
per tab (coming back to a tab finds it where it was) and clamped when the content shrinks. A
"following" tab (the journal) stays at its end — the current event — until scrolled up, and
follows again after a seek.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

BAR_W = 6  # the scrollbar, in the panel's right margin
MIN_THUMB = 24
LINE = 48  # ↑/↓ and one notch of the wheel


@dataclass
class Scroll:
    offsets: dict[str, int] = field(default_factory=dict)
    heights: dict[str, int] = field(default_factory=dict)  # content height as last drawn
    following: dict[str, bool] = field(default_factory=dict)

    def max_offset(self, tab: str, view_h: int) -> int:
        return max(0, self.heights.get(tab, 0) - view_h)

    def offset(self, tab: str, view_h: int) -> int:
        """The offset to draw `tab` at: its end if following, else kept and clamped."""
        top = self.max_offset(tab, view_h)
        if self.following.get(tab):
            return top
        return max(0, min(self.offsets.get(tab, 0), top))

    def by(self, tab: str, view_h: int, delta: int) -> bool:
        """Scroll `tab` by `delta` pixels; True when its offset changed."""
        return self.to(tab, view_h, self.offset(tab, view_h) + delta)

    def to(self, tab: str, view_h: int, offset: int) -> bool:
        before = self.offset(tab, view_h)
        top = self.max_offset(tab, view_h)
        self.offsets[tab] = max(0, min(offset, top))
        if tab in self.following:
            self.following[tab] = self.offsets[tab] >= top  # back at the end: follows again
        return self.offset(tab, view_h) != before

    def measured(self, tab: str, height: int) -> None:
        self.heights[tab] = height


def bar_rects(panel: pygame.Rect, view: pygame.Rect, content_h: int,
              offset: int) -> tuple[pygame.Rect, pygame.Rect] | None:
    """(track, thumb) of the scrollbar at the panel's right edge, or None when all shows."""
    if content_h <= view.h:
        return None
    track = pygame.Rect(panel.right - BAR_W - 3, view.y, BAR_W, view.h)
    thumb_h = max(MIN_THUMB, track.h * view.h // content_h)
    room = content_h - view.h
    y = track.y + (track.h - thumb_h) * offset // room
    return track, pygame.Rect(track.x, y, BAR_W, thumb_h)


def offset_at(track: pygame.Rect, thumb_h: int, content_h: int, view_h: int, y: float) -> int:
    """The offset that puts the thumb's middle at `y` (dragging the thumb)."""
    span = max(1, track.h - thumb_h)
    frac = (y - track.y - thumb_h / 2) / span
    return round(max(0.0, min(1.0, frac)) * (content_h - view_h))
