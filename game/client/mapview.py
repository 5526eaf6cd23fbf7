"""The îlot map: buildings and spaces from the scenario polygons, uses by colour and code,
notes as pins whose shape tells their kind, and a legend of the codes and pins shown. Drawn once
into a cached surface and rebuilt only when its inputs change.

Colours come from `ilot.game.palette`; a use's code is drawn on a badge of the use's colour with
the text colour (and, when needed, the shade of the fill) `palette.badge` chooses. The legend
takes its room from the map's box (a column on the right, or a strip below, whichever leaves the
map larger) and labels are placed around it, so it never covers a space or a name.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pygame

from ilot.game import palette as pal
from ilot.game.core.geometry import Fit, centroid, contains
from ilot.game.core.kinds import NoteKind, SpaceLevel
from ilot.game.core.scenario import Space, Use
from ilot.game.core.state import Note, State
from ilot.game.text import Lang
from ilot.game.text.spaces import space_name

from .fonts import font, words, wrap

BG = pygame.Color(pal.MAP_BG)
BUILDING = pygame.Color(pal.BUILDING)
SPACE = pygame.Color(pal.SPACE)
WORN = pygame.Color(pal.WORN)
OUTLINE = pygame.Color(pal.OUTLINE)
SELECTED = pygame.Color(pal.SELECTED)
NAME = pal.TEXT_PAIRS["map.name"]  # ink of a space's name, on its see-through backdrop
NORTH = pal.TEXT_PAIRS["map.north"]
LEGEND = pal.TEXT_PAIRS["map.legend"]
WHITE = pygame.Color(pal.WHITE)
PAD = 8  # around the map inside its box
GAP = 6  # between the map's box and the legend
NORTH_H = 38  # the north arrow and its letter, in the top right corner
RIM, EDGE = 2, 1  # a pin's white rim, then its thin dark edge


def pin_radius(big: bool) -> int:
    """The radius of a pin's mark (its circle; the other shapes fill about the same area)."""
    return 9 if big else 7


@cache
def pin_sprite(kind: str, r: int) -> tuple[pygame.Surface, pygame.mask.Mask]:
    """A note's pin: its kind's shape (palette.NOTE_SHAPES) in its kind's colour, a white rim and
    a thin dark edge so it shows on light and dark spaces alike. The mask is the whole drawn
    sprite: what a click on the pin hits (`MapView.note_at`). Square, its centre at the middle."""
    colour = pygame.Color(pal.NOTE_COLOURS.get(kind, pal.OUTLINE))
    half = int(r * 1.35) + RIM + EDGE + 1
    size = 2 * half + 1
    fill = pygame.Surface((size, size), pygame.SRCALPHA)
    points = pal.mark_points(pal.NOTE_SHAPES.get(kind, "circle"), half, half, r)
    if points:
        pygame.draw.polygon(fill, colour, points)
    else:
        pygame.draw.circle(fill, colour, (half, half), r)
    shape = pygame.mask.from_surface(fill)
    rim, edge = _grown(shape, RIM), _grown(shape, RIM + EDGE)
    sprite = edge.to_surface(setcolor=pygame.Color(pal.MARK_EDGE), unsetcolor=(0, 0, 0, 0))
    sprite.blit(rim.to_surface(setcolor=pygame.Color(pal.MARK_RIM), unsetcolor=(0, 0, 0, 0)),
                (0, 0))
    sprite.blit(fill, (0, 0))
    return sprite, edge


def _grown(mask: pygame.mask.Mask, d: int) -> pygame.mask.Mask:
    """`mask` grown by `d` pixels all round (a round brush)."""
    out = pygame.mask.Mask(mask.get_size())
    for dx in range(-d, d + 1):
        for dy in range(-d, d + 1):
            if dx * dx + dy * dy <= d * d + d:
                out.draw(mask, (dx, dy))
    return out


def chip(text: str, f: pygame.font.Font, fill: str, ink: str) -> pygame.Surface:
    """A use's badge: its code in `ink` on a rounded box of `fill` (palette.badge chooses both)."""
    img = f.render(text, True, pygame.Color(ink))
    out = pygame.Surface((img.get_width() + 8, img.get_height() + 2), pygame.SRCALPHA)
    pygame.draw.rect(out, pygame.Color(fill), out.get_rect(), border_radius=4)
    out.blit(img, (4, 1))
    return out


def use_code(use: Use) -> str:
    """The letters a use shows on the map: its icon, else the first two of its name."""
    return str(use.icon or use.name[:2])


def _mix(a: pygame.Color | Sequence[int], b: pygame.Color | Sequence[int], k: float) -> tuple[int, int, int]:
    return (int(a[0] + (b[0] - a[0]) * k), int(a[1] + (b[1] - a[1]) * k), int(a[2] + (b[2] - a[2]) * k))


def _area(poly: Sequence[tuple[float, float]]) -> float:
    ring = list(poly)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False))) / 2


def _dashed(surf: pygame.Surface, colour: pygame.Color | Sequence[int],
            points: Sequence[tuple[int, int]], dash: int = 5, gap: int = 3) -> None:
    """A closed outline drawn in dashes (a basement, a part's separator)."""
    n = len(points)
    for i in range(n):
        (x1, y1), (x2, y2) = points[i], points[(i + 1) % n]
        length = max(abs(x2 - x1), abs(y2 - y1), 1)
        for start in range(0, length, dash + gap):
            a, b = start / length, min(start + dash, length) / length
            pygame.draw.line(surf, colour, (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                             (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b), 1)


def _hatch(surf: pygame.Surface, points: Sequence[tuple[int, int]],
           colour: pygame.Color | Sequence[int], step: int = 7) -> None:
    """Diagonal lines across the shape (a basement: what is under the ground)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    box = pygame.Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)
    lines = pygame.Surface(box.size, pygame.SRCALPHA)
    for d in range(-box.h, box.w, step):
        pygame.draw.line(lines, colour, (d, box.h), (d + box.h, 0), 1)
    shape = pygame.Surface(box.size, pygame.SRCALPHA)
    pygame.draw.polygon(shape, WHITE, [(x - box.x, y - box.y) for x, y in points])
    lines.blit(shape, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surf.blit(lines, box)


def _inset(points: Sequence[tuple[int, int]], d: int) -> list[tuple[int, int]]:
    """The outline drawn `d` pixels inside (towards the middle): a roof's second edge."""
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    return [(round(x + d * ((cx > x) - (cx < x))), round(y + d * ((cy > y) - (cy < y))))
            for x, y in points]


def _outline(surf: pygame.Surface, level: SpaceLevel, p: Sequence[tuple[int, int]]) -> None:
    """A space's outline as its level draws it: a basement dashed, a roof doubled."""
    if level == SpaceLevel.BASEMENT:
        _dashed(surf, OUTLINE, p)
        return
    pygame.draw.polygon(surf, OUTLINE, p, 1)
    if level == SpaceLevel.ROOF:
        pygame.draw.polygon(surf, OUTLINE, _inset(p, 3), 1)


def _edge(surf: pygame.Surface, space: Space, p: Sequence[tuple[int, int]],
          fill: Sequence[int]) -> None:
    """What a space shows of its level, then its edge: a part only a thin dashed separator
    (its parent's outline is drawn once over all its parts)."""
    if space.level == SpaceLevel.BASEMENT:
        _hatch(surf, p, _mix(fill, OUTLINE, 0.35))
    if space.parent is not None:
        _dashed(surf, _mix(fill, OUTLINE, 0.8), p, 4, 3)
    else:
        _outline(surf, space.level, p)


def _label(name: str, tag: tuple[str, str, str] | None, f: pygame.font.Font,
           tag_font: pygame.font.Font, width: int, backdrop: int) -> pygame.Surface:
    """One block: the use's badge on top (text, fill, ink), the space's name below, so the two
    never overlap."""
    parts: list[pygame.Surface] = []
    if tag is not None:
        parts.append(chip(tag[0], tag_font, tag[1], tag[2]))
    if name:  # a single word wider than the shape widens the block rather than being cut
        width = max(width, max(f.size(w)[0] for w in words(name)))
        ink = pygame.Color(NAME.fg)
        parts += [f.render(ln, True, ink) for ln in wrap(name, f, width, max_lines=3)]
    w = max(p.get_width() for p in parts) + 6
    h = sum(p.get_height() for p in parts) + 2
    block = pygame.Surface((w, h), pygame.SRCALPHA)
    if backdrop and name:
        block.fill((*pygame.Color(pal.LABEL_BACKDROP)[:3], backdrop))
    y = 1
    for part in parts:
        block.blit(part, part.get_rect(midtop=(w // 2, y)))
        y += part.get_height()
    return block


def _place(rect: pygame.Rect, box: pygame.Rect, placed: list[pygame.Rect],
           bound: pygame.Rect, inside: bool = True) -> pygame.Rect | None:
    """The first free spot for a label: centred in its space, else just outside it. A small
    space (`inside` False) gets its label outside first, so its shape and pins stay visible."""
    cx, cy = box.center
    centre = rect.copy()
    centre.center = (cx, cy)
    trials = [centre] if inside else []
    for d in (3, 24, 48, 72):
        for attr, value in (("midtop", (cx, box.bottom + d)), ("midbottom", (cx, box.top - d)),
                            ("midleft", (box.right + d, cy)), ("midright", (box.left - d, cy)),
                            ("topleft", (box.right + d, box.bottom + d)),
                            ("bottomright", (box.left - d, box.top - d)),
                            ("bottomleft", (box.right + d, box.top - d)),
                            ("topright", (box.left - d, box.bottom + d))):
            r = rect.copy()
            setattr(r, attr, value)
            trials.append(r)
    if not inside:
        trials.append(centre)
    for r in trials:
        if bound.contains(r) and not any(r.inflate(4, 2).colliderect(p) for p in placed
                                         if p is not box):
            return r
    return None


# ----- the legend ---------------------------------------------------------------------------


@dataclass
class Legend:
    """The legend as drawn: its picture and where it goes, in the map's own coordinates."""

    surface: pygame.Surface
    rect: pygame.Rect


def _entry(marker: pygame.Surface, name: str, f: pygame.font.Font, text_w: int) -> pygame.Surface:
    """One line of the legend: a badge or a pin, then what it means (wrapped, never cut)."""
    ink = pygame.Color(LEGEND.fg)
    width = max(text_w, max((f.size(w)[0] for w in words(name)), default=0))
    lines = [f.render(ln, True, ink) for ln in wrap(name, f, width, max_lines=6)]
    line_h = f.get_linesize()
    mid = max(marker.get_height(), line_h) // 2  # the marker and the first line share a middle
    top = mid - line_h // 2
    w = marker.get_width() + 5 + max((ln.get_width() for ln in lines), default=0)
    h = max(marker.get_height(), top + line_h * len(lines))
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    out.blit(marker, marker.get_rect(midleft=(0, mid)))
    for i, ln in enumerate(lines):
        out.blit(ln, (marker.get_width() + 5, top + i * line_h))
    return out


def _widened(marker: pygame.Surface, w: int) -> pygame.Surface:
    """`marker` centred in a transparent box `w` wide."""
    if marker.get_width() >= w:
        return marker
    out = pygame.Surface((w, marker.get_height()), pygame.SRCALPHA)
    out.blit(marker, marker.get_rect(centerx=w // 2))
    return out


def _boxed(items: list[tuple[pygame.Surface, tuple[int, int]]], size: tuple[int, int]
           ) -> pygame.Surface:
    w, h = size
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(out, pygame.Color(LEGEND.bg), out.get_rect(), border_radius=5)
    pygame.draw.rect(out, pygame.Color(pal.LEGEND_BORDER), out.get_rect(), 1, border_radius=5)
    out.blits(items, doreturn=False)
    return out


def legend_column(entries: list[tuple[pygame.Surface, str]], f: pygame.font.Font, text_w: int,
                  max_h: int) -> pygame.Surface | None:
    """Entries stacked top to bottom, in as many columns as `max_h` needs (None: not even one
    entry fits)."""
    pad, gap_x, gap_y = 6, 12, 3
    mark_w = max((m.get_width() for m, _ in entries), default=0)  # names start on one line
    imgs = [_entry(_widened(m, mark_w), name, f, text_w) for m, name in entries]
    if not imgs or max(i.get_height() for i in imgs) + 2 * pad > max_h:
        return None
    items, x, y, col_w, bottom = [], pad, pad, 0, 0
    for img in imgs:
        if y > pad and y + img.get_height() + pad > max_h:
            x, y, col_w = x + col_w + gap_x, pad, 0
        items.append((img, (x, y)))
        col_w = max(col_w, img.get_width())
        y += img.get_height() + gap_y
        bottom = max(bottom, y - gap_y)
    return _boxed(items, (x + col_w + pad, bottom + pad))


def legend_strip(entries: list[tuple[pygame.Surface, str]], f: pygame.font.Font, max_w: int
                 ) -> pygame.Surface:
    """Entries side by side, in as many rows as `max_w` needs."""
    pad, gap_x, gap_y = 6, 14, 3
    imgs = [_entry(m, name, f, min(f.size(name)[0], max(60, max_w - 2 * pad - m.get_width() - 5)))
            for m, name in entries]
    items, x, y, row_h, right = [], pad, pad, 0, 0
    for img in imgs:
        if x > pad and x + img.get_width() + pad > max_w:
            x, y, row_h = pad, y + row_h + gap_y, 0
        items.append((img, (x, y)))
        right = max(right, x + img.get_width())
        x += img.get_width() + gap_x
        row_h = max(row_h, img.get_height())
    return _boxed(items, (right + pad, y + row_h + pad))


class MapView:
    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.scale = 1.0
        self.origin = (0.0, 0.0)
        self.legend: Legend | None = None
        self.label_rects: list[pygame.Rect] = []  # where the names and badges went (map coords)
        self._surface: pygame.Surface | None = None
        self._key: object = None
        self._static_key: object = None
        self._base: pygame.Surface | None = None
        self._labels: pygame.Surface | None = None
        self._pin_key: object = None
        self._pin_pos: dict[tuple[str, float, float], tuple[int, int]] = {}
        self._notes_on = False  # the last rendered map showed the pins
        self._pinned: dict[str, tuple[str, float, float]] = {}  # the drawn pins' notes
        self._drawn_static: object = None  # the static key of the map in `_surface`
        self.big = False  # spectator: larger labels

    def layout(self, rect: pygame.Rect, state: State) -> None:
        """The map's place on the window; until it is drawn with its legend, the map fills it."""
        self.rect = pygame.Rect(rect)
        self.legend = None
        self._fit(state, pygame.Rect(0, 0, self.rect.w, self.rect.h))
        self._static_key = None

    def _fit(self, state: State, box: pygame.Rect) -> None:
        """Scale and place the map in `box` (in the map's own coordinates)."""
        m = state.scenario.map
        fit = Fit(m.width, m.height, tuple(box.move(self.rect.topleft)), PAD)
        self.scale, self.origin = fit.scale, (fit.ox, fit.oy)

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        return int(self.origin[0] + x * self.scale), int(self.origin[1] + y * self.scale)

    def to_map(self, px: int, py: int) -> tuple[float, float]:
        return (px - self.origin[0]) / self.scale, (py - self.origin[1]) / self.scale

    def space_at(self, state: State, pos: tuple[int, int]) -> str | None:
        if not self.rect.collidepoint(pos):
            return None
        if self.legend is not None and self.legend.rect.collidepoint(
                pos[0] - self.rect.x, pos[1] - self.rect.y):
            return None
        x, y = self.to_map(*pos)
        for space in reversed(state.scenario.play_spaces()):  # a part, not its parent
            if contains(space.polygon, x, y):
                return space.id
        return None

    def _pin_geometry(self) -> tuple[object, ...]:
        """What the pins' positions depend on: the map's place and scale, the pins' size, the
        labels they keep clear of."""
        return (tuple(self.rect), pin_radius(self.big), self.scale, self.origin,
                tuple(tuple(r) for r in self.label_rects))

    def note_at(self, state: State, pos: tuple[int, int]) -> str | None:
        """The note whose pin is under `pos` on the map as last drawn, if any: a hit is a pixel
        of the pin's drawn shape (mark, rim and edge); where pins overlap, the one drawn last (on
        top). Only runs on a click: it reads the positions `_pins` cached."""
        if not self._notes_on or not self.rect.collidepoint(pos):
            return None
        if self._pin_key != self._pin_geometry():
            return None  # the pins were not drawn at this size yet
        r = pin_radius(self.big)
        px, py = pos[0] - self.rect.x, pos[1] - self.rect.y
        if self.legend is not None and self.legend.rect.collidepoint(px, py):
            return None  # the legend is drawn above any pin under it
        for note in reversed(state.notes.values()):  # drawn in this order: last on top
            p = self._pin_pos.get((note.id, note.x, note.y))
            if p is None:
                continue
            mask = pin_sprite(note.kind, r)[1]
            dx, dy = px - p[0], py - p[1]
            w, h = mask.get_size()
            if 0 <= dx < w and 0 <= dy < h and mask.get_at((dx, dy)):
                return note.id
        return None

    def pin_center(self, state: State, note_id: str) -> tuple[int, int] | None:
        """Where the pin of a note is drawn on the window (None: not drawn)."""
        note = state.notes.get(note_id)
        p = self._pin_pos.get((note.id, note.x, note.y)) if note is not None else None
        if note is None or p is None or not self._notes_on:
            return None
        half = pin_sprite(note.kind, pin_radius(self.big))[0].get_width() // 2
        return self.rect.x + p[0] + half, self.rect.y + p[1] + half

    def space_anchor(self, state: State, space_id: str) -> tuple[int, int]:
        return self.to_screen(*centroid(state.scenario.space(space_id).polygon))

    def draw(self, target: pygame.Surface, state: State, *, version: int, selected: str | None,
             uses: dict[str, tuple[str, int | None]], show_notes: bool) -> None:
        """Blit the map; the shapes, labels and legend are re-rendered only when the uses, the
        selection, the pins' presence or the size change, the pins only when the state changed
        (and pins are shown)."""
        static = (selected, tuple(sorted(uses.items())), tuple(self.rect), self.big,
                  state.scenario.id, show_notes)
        if static != self._static_key or self._base is None:
            self._arrange(state, uses, show_notes)
            self._base, self._labels = self._render(state, selected, uses)
            self._static_key = static
        key = (static, version if show_notes else None)
        surface = self._surface
        if key != self._key or surface is None:
            same_map = surface is not None and self._drawn_static == static
            added = self._added_notes(state) if show_notes and same_map else None
            if surface is not None and added is not None:
                self._add_pins(surface, state, added)  # their pins, the names back over them
            else:
                surface = self._base.copy()
                if show_notes:
                    self._pins(surface, state)
                if self._labels is not None:
                    surface.blit(self._labels, (0, 0))
                self._surface = surface
            self._pinned = {n.id: (n.kind, n.x, n.y) for n in state.notes.values()} \
                if show_notes else {}
            self._key = key
            self._drawn_static = static
            self._notes_on = show_notes
        target.blit(surface, self.rect.topleft)

    def _added_notes(self, state: State) -> list[Note] | None:
        """The notes added since the pins were drawn, when nothing else changed (None: a note
        was edited, moved or removed, and the pins are drawn again)."""
        pinned = self._pinned
        if len(state.notes) < len(pinned) or self._pin_key != self._pin_geometry():
            return None
        added = []
        seen = 0
        for note in state.notes.values():
            was = pinned.get(note.id)
            if was is None:
                added.append(note)
            elif was != (note.kind, note.x, note.y):
                return None
            else:
                seen += 1
        return added if seen == len(pinned) else None

    def _add_pins(self, surf: pygame.Surface, state: State, notes: list[Note]) -> None:
        """The pins of `notes` on the drawn map, then the names and badges again where they
        fell (pins lie under the labels)."""
        r = pin_radius(self.big)
        areas = []
        for note in notes:
            sprite = pin_sprite(note.kind, r)[0]
            areas.append(sprite.get_rect(topleft=self._pin_position(state, note, sprite)))
            if self._labels is None or self._base is None:  # nothing lies over pins
                surf.blit(sprite, areas[-1])
        if self._labels is None or self._base is None:
            return
        # where a label lies over a new pin, that area is made again as a full draw makes it:
        # the map, every pin there in order, then the labels (blending them twice would not do)
        for area in areas:  # one after the other: two areas may overlap
            surf.blit(self._base, area, area)
            self._pins_in(surf, state, [area])
            surf.blit(self._labels, area, area)

    def _pins_in(self, surf: pygame.Surface, state: State, areas: list[pygame.Rect]) -> None:
        """The pins that touch `areas`, in the order a full draw puts them, clipped to them."""
        r = pin_radius(self.big)
        for note in state.notes.values():
            sprite = pin_sprite(note.kind, r)[0]
            rect = sprite.get_rect(topleft=self._pin_position(state, note, sprite))
            for area in areas:
                clip = rect.clip(area)
                if clip.w and clip.h:
                    surf.blit(sprite, clip.topleft, clip.move(-rect.x, -rect.y))

    # ----- the legend -----
    def legend_entries(self, state: State, uses: dict[str, tuple[str, int | None]],
                       show_notes: bool) -> list[tuple[pygame.Surface, str]]:
        """(badge or pin, meaning): each use shown on the map (by code), then the note kinds
        when pins are shown."""
        sc = state.scenario
        tag_font = font(16 if self.big else 13, bold=True)
        shown = {use_id: sc.use(use_id) for use_id, _year in uses.values()}
        out = []
        for use in sorted(shown.values(), key=lambda u: (use_code(u), u.name)):
            fill, ink = pal.badge(use.colour)
            out.append((chip(use_code(use), tag_font, fill, ink), use.name))
        if show_notes:
            r = pin_radius(self.big)
            for kind in NoteKind:
                sprite = pin_sprite(kind, r)[0]
                out.append((sprite.subsurface(sprite.get_bounding_rect()),
                            self.lang.t(f"term.note_kind.{kind}")))
        return out

    def _arrange(self, state: State, uses: dict[str, tuple[str, int | None]], show_notes: bool) -> None:
        """Room for the legend (a column on the right or a strip below, whichever leaves the map
        larger), then the map fitted in the rest, map and legend centred together."""
        w, h = self.rect.size
        whole = pygame.Rect(0, 0, w, h)
        h -= 3  # the legend keeps off the indicators below
        entries = self.legend_entries(state, uses, show_notes)
        self.legend = None
        if not entries:
            self._fit(state, whole)
            return
        m = state.scenario.map
        f = font(15 if self.big else 12)

        def scale(bw: int, bh: int) -> float:
            return Fit(m.width, m.height, (0, 0, bw, bh), PAD).scale if bw > 2 * PAD and bh > 2 * PAD \
                else 0.0

        column = legend_column(entries, f, max(110, min(190, w // 5)), h - NORTH_H)
        strip = legend_strip(entries, f, w)
        s_col = scale(w - column.get_width() - GAP, h) if column is not None else -1.0
        s_strip = scale(w, h - strip.get_height() - GAP)
        if s_col >= s_strip and column is not None:
            map_w = min(w - column.get_width() - GAP, int(m.width * s_col) + 2 * PAD)
            left = max(0, (w - map_w - GAP - column.get_width()) // 2)
            self._fit(state, pygame.Rect(left, 0, map_w, h))
            lx = min(w - column.get_width(), left + map_w + GAP)
            self.legend = Legend(column, column.get_rect(topleft=(lx, NORTH_H)))
        else:
            map_h = min(h - strip.get_height() - GAP, int(m.height * s_strip) + 2 * PAD)
            top = max(0, (h - map_h - GAP - strip.get_height()) // 2)
            self._fit(state, pygame.Rect(0, top, w, map_h))
            self.legend = Legend(strip, strip.get_rect(midtop=(w // 2, top + map_h + GAP)))

    # ----- pins -----
    def _pins(self, surf: pygame.Surface, state: State) -> None:
        """Notes as pins: one sprite per kind (its shape and colour), positions cached per note."""
        r = pin_radius(self.big)
        if self._pin_key != self._pin_geometry():
            self._pin_key = self._pin_geometry()
            self._pin_pos.clear()
        items = []
        for note in state.notes.values():
            sprite = pin_sprite(note.kind, r)[0]
            items.append((sprite, self._pin_position(state, note, sprite)))
        surf.blits(items, doreturn=False)

    def _pin_position(self, state: State, note: Note, sprite: pygame.Surface) -> tuple[int, int]:
        """Where a note's pin goes on the map's surface (cached per note and place)."""
        pos = self._pin_pos.get((note.id, note.x, note.y))
        if pos is None:
            ox, oy = self.rect.topleft
            x, y = self.to_screen(note.x, note.y)
            half = sprite.get_width() // 2
            # spread pins of the same space a little so they stay countable
            h = zlib.crc32(note.id.encode()) & 0xFFFF
            pos = (x + (h % 23) - 11 - ox - half, y + ((h >> 5) % 17) - 8 - oy - half)
            pos = self._clear_of_labels(state, note, sprite, pos)
            self._pin_pos[(note.id, note.x, note.y)] = pos
        return pos

    def _clear_of_labels(self, state: State, note: Note, sprite: pygame.Surface,
                         pos: tuple[int, int]) -> tuple[int, int]:
        """A pin moved the least it takes to come out from under the names and badges (drawn
        above pins) while staying in its space, so every pin can be seen and clicked; where
        there is no such spot, it stays where it was."""
        mark = sprite.get_bounding_rect()
        labels = [r.inflate(2, 2) for r in self.label_rects]
        if self.legend is not None:
            labels.append(self.legend.rect.inflate(2, 2))

        def free(p: tuple[int, int]) -> bool:
            return mark.move(p).collidelist(labels) < 0

        if free(pos):
            return pos
        space = state.scenario.index("space").get(getattr(note, "space", ""))
        bound = pygame.Rect((0, 0), self.rect.size)
        half = sprite.get_width() // 2
        trials = []
        for label in labels:
            if mark.move(pos).colliderect(label):
                x, y = pos
                trials += [(x, label.top - mark.bottom), (x, label.bottom - mark.top),
                           (label.left - mark.right, y), (label.right - mark.left, y)]
        for p in sorted(trials, key=lambda q: abs(q[0] - pos[0]) + abs(q[1] - pos[1])):
            centre = (self.rect.x + p[0] + half, self.rect.y + p[1] + half)
            if free(p) and bound.contains(mark.move(p)) and (
                    space is None or contains(space.polygon, *self.to_map(*centre))):
                return p
        return pos

    def _render(self, state: State, selected: str | None, uses: dict[str, tuple[str, int | None]]
                ) -> tuple[pygame.Surface, pygame.Surface]:
        sc = state.scenario
        surf = pygame.Surface(self.rect.size)
        surf.fill(BG)
        ox, oy = self.rect.topleft

        def pts(poly: list[tuple[float, float]]) -> list[tuple[int, int]]:
            return [(x - ox, y - oy) for x, y in (self.to_screen(*p) for p in poly)]

        small = font(15 if self.big else 12)
        label_font = font(16 if self.big else 13, bold=True)
        tiny = font(13 if self.big else 11)
        for b in sc.buildings:
            p = pts(b.polygon)
            pygame.draw.polygon(surf, BUILDING, p)
            pygame.draw.polygon(surf, OUTLINE, p, 1)
        for space in sc.play_spaces():
            p = pts(space.polygon)
            shown = uses.get(space.id)
            if shown is not None:
                colour = _mix(pygame.Color(sc.use(shown[0]).colour), WHITE, pal.USE_TINT)
            else:
                colour = _mix(SPACE, WORN, max(0.0, (60 - space.condition) / 100))
            pygame.draw.polygon(surf, colour, p)
            _edge(surf, space, p, colour)
        for space in sc.spaces:  # a space played as parts: its own outline, once, over theirs
            if space.capacity > 1:
                _outline(surf, space.level, pts(space.polygon))
        base = surf
        surf = pygame.Surface(self.rect.size, pygame.SRCALPHA)  # labels, above the pins
        placed: list[pygame.Rect] = []
        blocks: list[tuple[pygame.Surface, pygame.Rect, pygame.Rect]] = []
        bound = surf.get_rect().inflate(-4, -4)
        north = font(14, bold=True).render(sc.map.north_label, True, pygame.Color(NORTH.fg))
        nx = self.rect.w - 20
        north_rect = north.get_rect(midtop=(nx, 19)).union(pygame.Rect(nx - 6, 6, 13, 13))
        placed.append(north_rect)
        if self.legend is not None:  # labels go around the legend, never under it
            placed.append(self.legend.rect.inflate(4, 4))
        order = sorted(sc.play_spaces(), key=lambda sp: -_area(pts(sp.polygon)))
        boxes = {}
        for space in order:
            p = pts(space.polygon)
            box = pygame.Rect(min(q[0] for q in p), min(q[1] for q in p), 1, 1)
            box.width = max(q[0] for q in p) - box.x
            box.height = max(q[1] for q in p) - box.y
            boxes[space.id] = box
            if box.w < 50 or box.h < 30:  # tiny shapes stay visible: labels go around them
                placed.append(box)
        for space in order:  # big spaces first: they keep their label at the centre
            box = boxes[space.id]
            shown = uses.get(space.id)
            tag = None
            if shown is not None:
                use = sc.use(shown[0])
                code = use_code(use)
                year = None if shown[1] is None else \
                    self.lang.t("ui.year_short", n=self.lang.num(shown[1]))
                tag = (code if year is None else f"{code} · {year}", *pal.badge(use.colour))
            fits_inside = box.w >= 90 and box.h >= 34
            for f in ((small, tiny) if fits_inside else (tiny,)):
                label = _label(space_name(self.lang, space), tag, f, label_font,
                               max(box.w - 8, 40) if fits_inside else 110,
                               backdrop=pal.LABEL_ALPHA if fits_inside else pal.LABEL_ALPHA_OUT)
                spot = _place(label.get_rect(), box, placed, bound, inside=fits_inside)
                block: pygame.Surface | None = label
                if spot is not None:
                    break
            else:  # no room anywhere: the tag alone; the name shows when the space is selected
                block = _label("", tag, tiny, label_font, 110, backdrop=0) if tag else None
                # on its space, kept inside the map (a space on the edge of a short map)
                spot = block.get_rect(center=box.center).clamp(bound) if block else None
            if block is None or spot is None:
                continue
            placed.append(spot)
            blocks.append((block, spot, box))
        if selected is not None:  # under the labels, so its outline never crosses a name
            pygame.draw.polygon(surf, SELECTED, pts(sc.space(selected).polygon), 3)
        for _block, spot, box in blocks:  # leader lines first, so no line crosses a label
            if not box.collidepoint(spot.center):
                pygame.draw.line(surf, OUTLINE, spot.center, box.center, 1)
                pygame.draw.circle(surf, OUTLINE, box.center, 2)
        for block, spot, _box in blocks:
            surf.blit(block, spot)
        self.label_rects = [spot for _block, spot, _box in blocks]
        backdrop = pygame.Surface(north_rect.inflate(4, 2).size, pygame.SRCALPHA)
        backdrop.fill((*pygame.Color(pal.LABEL_BACKDROP)[:3], pal.LABEL_ALPHA_OUT))
        surf.blit(backdrop, north_rect.inflate(4, 2))
        pygame.draw.polygon(surf, pygame.Color(NORTH.fg), [(nx, 6), (nx - 6, 18), (nx + 6, 18)])
        surf.blit(north, north.get_rect(midtop=(nx, 19)))
        if self.legend is not None:
            surf.blit(self.legend.surface, self.legend.rect)
        return base, surf
