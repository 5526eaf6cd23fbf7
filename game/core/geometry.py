"""Plane geometry of the îlot's map, shared by the rules, the client's map and the debrief's."""

from __future__ import annotations

from collections.abc import Sequence

Point = Sequence[float]


def centroid(polygon: Sequence[Point]) -> tuple[float, float]:
    """The mean of the vertices (where a note is pinned when no point is given)."""
    n = len(polygon)
    return (sum(p[0] for p in polygon) / n, sum(p[1] for p in polygon) / n)


def contains(polygon: Sequence[Point], x: float, y: float) -> bool:
    """Whether (x, y) is inside `polygon` (even-odd rule)."""
    inside = False
    n = len(polygon)
    for i in range(n):
        x1, y1 = polygon[i]
        x2, y2 = polygon[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


class Fit:
    """The map (width × height, in map units) scaled to fit a box and centred in it."""

    __slots__ = ("ox", "oy", "scale")

    def __init__(self, width: float, height: float, box: Sequence[float], pad: float = 0.0):
        x, y, w, h = box
        self.scale = min((w - 2 * pad) / width, (h - 2 * pad) / height)
        self.ox = x + (w - width * self.scale) / 2
        self.oy = y + (h - height * self.scale) / 2

    def to_box(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + x * self.scale, self.oy + y * self.scale

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        return (px - self.ox) / self.scale, (py - self.oy) / self.scale
