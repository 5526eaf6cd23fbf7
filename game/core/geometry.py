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


def area(polygon: Sequence[Point]) -> float:
    """The area of a simple polygon (shoelace formula), whatever its orientation."""
    n = len(polygon)
    return abs(sum(polygon[i][0] * polygon[(i + 1) % n][1] - polygon[(i + 1) % n][0] * polygon[i][1]
                   for i in range(n))) / 2


def _cross(p: Point, q: Point, axis: int, value: float) -> tuple[float, float]:
    """Where the segment p–q crosses the line `coordinate[axis] == value`. The two ends are
    taken in a fixed order, so both sides of a cut get the very same point."""
    a, b = (p, q) if (p[0], p[1]) <= (q[0], q[1]) else (q, p)
    t = (value - a[axis]) / (b[axis] - a[axis])
    other = 1 - axis
    point = [0.0, 0.0]
    point[axis] = value
    point[other] = a[other] + t * (b[other] - a[other])
    return point[0], point[1]


def clip(polygon: Sequence[Point], axis: int, value: float, below: bool) -> list[tuple[float, float]]:
    """The part of `polygon` where `coordinate[axis] <= value` (`below`) or `>= value`
    (Sutherland–Hodgman against one axis-parallel line); empty when nothing is left."""
    def inside(p: Point) -> bool:
        return p[axis] <= value if below else p[axis] >= value

    out: list[tuple[float, float]] = []
    n = len(polygon)
    for i in range(n):
        p, q = polygon[i], polygon[(i + 1) % n]
        if inside(p):
            out.append((p[0], p[1]))
            if not inside(q):
                out.append(_cross(p, q, axis, value))
        elif inside(q):
            out.append(_cross(p, q, axis, value))
    return out if len(out) >= 3 else []


def _band(polygon: Sequence[Point], axis: int, lo: float, hi: float) -> list[tuple[float, float]]:
    part = clip(polygon, axis, lo, below=False)
    return clip(part, axis, hi, below=True) if part else []


def bands(polygon: Sequence[Point], k: int) -> list[list[tuple[float, float]]]:
    """`polygon` cut into `k` bands of equal area across its longer side (the cuts are lines
    parallel to its shorter side), in order of that axis: west to east, or north to south."""
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    axis = 0 if max(xs) - min(xs) >= max(ys) - min(ys) else 1
    lo, hi = (min(xs), max(xs)) if axis == 0 else (min(ys), max(ys))
    total = area(polygon)
    cuts = [lo]
    for j in range(1, k):
        a, b = cuts[-1], hi  # the cut where the area before it is j/k of the whole
        for _ in range(60):
            mid = (a + b) / 2
            if area(clip(polygon, axis, mid, below=True) or [(0, 0)] * 3) < total * j / k:
                a = mid
            else:
                b = mid
        cuts.append(round((a + b) / 2, 6))  # a clean number where the area allows it
    cuts.append(hi)
    return [_band(polygon, axis, cuts[j], cuts[j + 1]) for j in range(k)]


def hatch(polygon: Sequence[Point], step: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Diagonal segments (lines x + y = c, every `step` along x) inside `polygon`: the
    hatching of a basement, drawn as plain lines where a fill pattern cannot be used."""
    sums = [p[0] + p[1] for p in polygon]
    out = []
    n = len(polygon)
    c = min(sums) + step / 2
    while c < max(sums):
        cuts = []
        for i in range(n):
            p, q = polygon[i], polygon[(i + 1) % n]
            fp, fq = p[0] + p[1] - c, q[0] + q[1] - c
            if (fp > 0) != (fq > 0):
                t = fp / (fp - fq)
                cuts.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
        cuts.sort()
        out += [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
        c += step
    return out
