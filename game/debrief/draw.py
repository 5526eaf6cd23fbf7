"""Drawing helpers for the replay viewer: text, the map, bars, small line charts.

Plain pygame drawing onto a surface; the viewer decides when to redraw.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from weakref import WeakKeyDictionary

import pygame
import pygame_gui

from ilot.game.text import Lang
from ilot.game.text.spaces import space_name

from .. import palette
from ..core.geometry import Fit
from ..core.scenario import Scenario
from ..core.state import State

C = pygame.Color
# text colours and the backgrounds they are drawn on: palette.TEXT_PAIRS["replay.*"]
INK = C(palette.R_INK)
MUTED = C(palette.R_MUTED)
PAPER = C(palette.R_PAPER)
PANEL = C(palette.R_PANEL)
WHITE = C(palette.WHITE)
LINE = C(palette.R_LINE)
ACCENT = C(palette.ACCENT)
GOOD = C(palette.R_GOOD)
BAD = C(palette.R_BAD)
MID = C(palette.R_MID)
HIGHLIGHT = C(palette.R_HIGHLIGHT)
PHASE = tuple(C(c) for c in palette.R_PHASE)
TRACK, TRACK_DONE, TRACK_MARK = C(palette.R_TRACK), C(palette.R_TRACK_DONE), C(palette.R_TRACK_MARK)
NOTE_COLOURS = {kind: C(hex_) for kind, hex_ in palette.NOTE_COLOURS.items()}
ADOPTED = C(palette.ADOPTED)
YEAR_COLOURS = {year: C(hex_) for year, hex_ in palette.YEAR_COLOURS.items()}  # outlines
YEAR_TEXT = {year: C(hex_) for year, hex_ in palette.YEAR_TEXT.items()}  # the same, as words
ROLE_COLOURS = {role: C(hex_) for role, hex_ in palette.ROLE_COLOURS.items()}
SERIES = [C(c) for c in palette.SERIES]


# the client's font files (game/client/fonts.py: pygame_gui's NotoSans, kerned, with glyphs for
# the no-break spaces of French typography), loaded here as there: the debrief may not import
# the client (tests/test_layers.py); tests/debrief/test_replay_infra.py checks they draw alike
FONT_DIR = os.path.join(os.path.dirname(pygame_gui.__file__), "data")


@cache
def client_font(pixels: int, bold: bool = False) -> pygame.font.Font:
    """NotoSans of `pixels`, regular or bold, as the client loads it (cached; `cache_clear()`
    after a pygame.quit, fonts die with it)."""
    return pygame.font.Font(os.path.join(FONT_DIR, "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"),
                            pixels)


class Fonts:
    """The client's fonts at the sizes palette.TEXT_PAIRS gives the replay (12, 13; headings 14
    and the title 18, bold)."""

    def __init__(self) -> None:
        self.small = client_font(12)
        self.body = client_font(13)
        self.bold = client_font(14, bold=True)
        self.title = client_font(18, bold=True)


def text(surf: pygame.Surface, font: pygame.font.Font, s: str, pos: tuple[int, int],
         colour=INK, max_width: int | None = None) -> int:
    """Draw one line (cut with … to `max_width`); returns its width. A line wholly outside the
    surface's clip (a scrolled tab) is measured, not drawn."""
    clip = surf.get_clip()
    if pos[1] >= clip.bottom or pos[1] + font.get_height() <= clip.top:
        width = font.size(s)[0]
        return width if max_width is None else min(width, max_width)
    if max_width is not None and font.size(s)[0] > max_width:
        lo, hi = 0, len(s) - 1  # the longest start that fits with its "…", by halves
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(s[:mid] + "…")[0] <= max_width:
                lo = mid
            else:
                hi = mid - 1
        s = s[:lo] + "…"
    img = font.render(s, True, colour)
    surf.blit(img, pos)
    return img.get_width()


_BREAKS = re.compile(r"[ \t\r\f\v]+")  # where a line may break: not at U+00A0 or U+202F


_WIDTHS: WeakKeyDictionary[pygame.font.Font, dict[str, int]] = WeakKeyDictionary()


def _word_width(font: pygame.font.Font, word: str) -> int:
    """A word's width, measured once per font (tabs wrap hundreds of lines of the same words)."""
    known = _WIDTHS.setdefault(font, {})
    n = known.get(word)
    if n is None:
        if len(known) > 50_000:
            known.clear()
        n = known[word] = font.size(word)[0]
    return n


def wrap(font: pygame.font.Font, s: str, width: int) -> list[str]:
    """`s` in lines of at most `width` pixels, broken at ordinary spaces only: the no-break
    spaces of French typography (« oui », 3 €, « : ») keep their words together and are drawn.
    A line's width is its words' plus the spaces between (kerning across a space is nil)."""
    space = _word_width(font, " ")
    lines: list[str] = []
    for para in s.split("\n"):
        line: list[str] = []
        used = 0
        for word in (w for w in _BREAKS.split(para) if w):
            ww = _word_width(font, word)
            if line and used + space + ww > width:
                lines.append(" ".join(line))
                line, used = [word], ww
            else:
                used += (space if line else 0) + ww
                line.append(word)
        lines.append(" ".join(line))
    return lines


def draw_map(surf: pygame.Surface, rect: pygame.Rect, state: State, fonts: Fonts, lang: Lang) -> None:
    """Buildings, spaces (coloured by the use placed in the schéma), notes as dots."""
    sc: Scenario = state.scenario
    fit = Fit(sc.map.width, sc.map.height, rect)
    scale, ox, oy, P = fit.scale, fit.ox, fit.oy, fit.to_box

    pygame.draw.rect(surf, C(palette.R_GROUND), (ox, oy, sc.map.width * scale, sc.map.height * scale))
    for b in sc.buildings:
        pygame.draw.polygon(surf, C(palette.R_BUILDING), [P(*p) for p in b.polygon])
    uses = sc.index("use")
    adopted = state.adopted_placements()
    years: list[tuple[int, tuple[float, float]]] = []
    for s in sc.play_spaces():
        pts = [P(*p) for p in s.polygon]
        placed = state.schema.get(s.id)
        xs = [p[0] for p in pts]
        cx, cy = sum(xs) / len(pts), sum(p[1] for p in pts) / len(pts)
        room = max(xs) - min(xs)
        if placed is not None and placed.use in uses:
            use = uses[placed.use]
            pygame.draw.polygon(surf, pygame.Color(use.colour), pts)
            year_outline(surf, pts, placed.year)
            label = f"{use.icon or use.name[:3]} {lang.t('debrief.year_short', year=placed.year)}"
            badge(surf, fonts.small, label, use.colour, (cx, cy))
            years.append((placed.year, (min(xs) + 9, min(p[1] for p in pts) + 9)))
        else:
            pygame.draw.polygon(surf, C(palette.R_SPACE), pts)
            pygame.draw.polygon(surf, C(palette.R_SPACE_LINE), pts, 1)
            if s.id in adopted:  # adopted in a proposal, not placed yet
                pygame.draw.polygon(surf, ADOPTED, pts, 2)
            if room > 60:
                name = space_name(lang, s)
                text(surf, fonts.small, name, (int(cx - min(room, fonts.small.size(name)[0]) / 2),
                                               int(cy - 6)), MUTED, int(room) - 4)
    for s in sc.spaces:  # a space played as parts: its own outline once, around them
        if s.capacity > 1:
            pygame.draw.polygon(surf, C(palette.R_SPACE_LINE), [P(*p) for p in s.polygon], 2)
    for n in state.notes.values():
        x, y = P(n.x, n.y)
        # spread notes on the same spot a little, deterministically
        k = sum(map(ord, n.id)) % 7
        mark(surf, n.kind, (x + (k - 3) * 3, y + ((k * 5) % 7 - 3) * 3), 5)
    for year, corner in years:  # on top of the notes: the year is always readable
        year_badge(surf, fonts.small, year, corner)


def dashed(surf: pygame.Surface, colour, pts: Sequence[tuple[float, float]], width: int,
           dash: tuple[int, int] | None, closed: bool = True) -> None:
    """A polyline drawn solid (`dash` None) or as dashes of (on, off) pixels along its length."""
    if dash is None:
        pygame.draw.lines(surf, colour, closed, pts, width)
        return
    on, off = dash
    path = list(pts) + ([pts[0]] if closed else [])
    carry = 0.0  # where in the on+off period the next segment starts
    for (x0, y0), (x1, y1) in pairwise(path):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        d = -carry
        while d < length:
            a, b = max(d, 0.0), min(d + on, length)
            if b > a:
                pygame.draw.line(surf, colour, (x0 + (x1 - x0) * a / length, y0 + (y1 - y0) * a / length),
                                 (x0 + (x1 - x0) * b / length, y0 + (y1 - y0) * b / length), width)
            d += on + off
        carry = (length + carry) % (on + off)


def year_outline(surf: pygame.Surface, pts: Sequence[tuple[float, float]], year: int,
                 closed: bool = True) -> None:
    """A placed space's outline: its year's colour AND its dash (palette.YEAR_DASHES)."""
    dashed(surf, YEAR_COLOURS.get(year, INK), pts, 3, palette.YEAR_DASHES.get(year), closed)


def year_badge(surf: pygame.Surface, font: pygame.font.Font, year: int, centre: tuple[float, float]) -> None:
    """The year's number in a disc of its colour (white edge): « 1 », « 2 », « 3 » on the map and
    in its legend, so years differ without colour."""
    c = (int(centre[0]), int(centre[1]))
    pygame.draw.circle(surf, WHITE, c, 9)
    pygame.draw.circle(surf, YEAR_TEXT.get(year, INK), c, 8)  # its darker shade: white reads on it
    img = font.render(str(year), True, WHITE)
    surf.blit(img, img.get_rect(center=(c[0], c[1])))


def badge(surf: pygame.Surface, font: pygame.font.Font, label: str, colour: str,
          centre: tuple[float, float]) -> None:
    """A use's code on its colour, as on the client's map: the text colour and, if need be, the
    fill's shade chosen by `palette.badge` so the code reads whatever colour the use has."""
    fill, ink = palette.badge(colour)
    img = font.render(label, True, C(ink))
    box = img.get_rect(center=(int(centre[0]), int(centre[1]))).inflate(8, 2)
    pygame.draw.rect(surf, C(fill), box, border_radius=3)
    surf.blit(img, img.get_rect(center=box.center))


@cache
def mark_sprite(kind: str, r: int) -> pygame.Surface:
    """A note's mark: its kind's shape (palette.NOTE_SHAPES) in its colour, a white rim and a
    thin dark edge all round, as the client's pins, so kinds differ without colour too."""
    half = int(r * 1.35) + 4
    fill = pygame.Surface((2 * half + 1, 2 * half + 1), pygame.SRCALPHA)
    points = palette.mark_points(palette.NOTE_SHAPES.get(kind, "circle"), half, half, r)
    colour = NOTE_COLOURS.get(kind, INK)
    if points:
        pygame.draw.polygon(fill, colour, points)
    else:
        pygame.draw.circle(fill, colour, (half, half), r)
    shape = pygame.mask.from_surface(fill)
    out = pygame.Surface(fill.get_size(), pygame.SRCALPHA)
    for d, c in ((3, palette.MARK_EDGE), (2, palette.MARK_RIM)):
        grown = pygame.mask.Mask(shape.get_size())
        for dx in range(-d, d + 1):
            for dy in range(-d, d + 1):
                if dx * dx + dy * dy <= d * d + d:
                    grown.draw(shape, (dx, dy))
        out.blit(grown.to_surface(setcolor=C(c), unsetcolor=(0, 0, 0, 0)), (0, 0))
    out.blit(fill, (0, 0))
    return out


def mark(surf: pygame.Surface, kind: str, centre: tuple[float, float], r: int) -> None:
    """Draw a note's mark (`mark_sprite`) centred on `centre`."""
    sprite = mark_sprite(kind, r)
    surf.blit(sprite, sprite.get_rect(center=(int(centre[0]), int(centre[1]))))


def bar(surf: pygame.Surface, rect: pygame.Rect, value: float, lo: float, hi: float,
        colour, marker: float | None = None) -> None:
    pygame.draw.rect(surf, C(palette.R_BAR), rect)
    frac = 0 if hi <= lo else max(0.0, min(1.0, (value - lo) / (hi - lo)))
    pygame.draw.rect(surf, colour, (rect.x, rect.y, int(rect.w * frac), rect.h))
    if marker is not None and hi > lo:
        mx = rect.x + int(rect.w * max(0.0, min(1.0, (marker - lo) / (hi - lo))))
        pygame.draw.line(surf, INK, (mx, rect.y - 2), (mx, rect.bottom + 1), 2)


def stacked(surf: pygame.Surface, rect: pygame.Rect, parts: Sequence[tuple[int, tuple]], total: int) -> None:
    pygame.draw.rect(surf, C(palette.R_BAR), rect)
    x = rect.x
    for value, colour in parts:
        w = int(rect.w * value / total) if total else 0
        if w > 0:
            pygame.draw.rect(surf, colour, (x, rect.y, w, rect.h))
            x += w


def line_chart(surf: pygame.Surface, rect: pygame.Rect, series: Sequence[Sequence[tuple[float, float]]],
               x_range: tuple[float, float], y_range: tuple[float, float], cursor: float | None) -> None:
    pygame.draw.rect(surf, PANEL, rect)
    pygame.draw.rect(surf, LINE, rect, 1)
    (x0, x1), (y0, y1) = x_range, y_range
    if x1 <= x0 or y1 <= y0:
        return

    def P(x: float, y: float) -> tuple[float, float]:
        return (rect.x + (x - x0) / (x1 - x0) * rect.w, rect.bottom - (y - y0) / (y1 - y0) * rect.h)

    for i, pts in enumerate(series):
        if not pts:
            continue
        path = []
        for j, (x, y) in enumerate(pts):
            if j:
                path.append(P(x, pts[j - 1][1]))
            path.append(P(x, y))
        path.append(P(x1, pts[-1][1]))
        if len(path) >= 2:
            colour, dash = palette.series_style(i)
            dashed(surf, C(colour), path, 2, dash, closed=False)
    if cursor is not None:
        cx = P(cursor, y0)[0]
        pygame.draw.line(surf, INK, (cx, rect.y), (cx, rect.bottom), 1)
