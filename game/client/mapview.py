"""The îlot map: buildings and spaces from the scenario polygons, uses by colour and icon,
notes as pins. Drawn once into a cached surface and rebuilt only when its inputs change."""

from __future__ import annotations

import zlib

import pygame

from ilot.game.core.geometry import Fit, centroid, contains
from ilot.game.core.state import State
from ilot.game.palette import NOTE_COLOURS
from ilot.game.text import Lang

from .fonts import font, words, wrap

BG = (233, 236, 228)
BUILDING = (196, 190, 178)
SPACE = (248, 246, 240)
OUTLINE = (120, 120, 115)
SELECTED = (30, 90, 200)
TEXT = (35, 35, 40)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    return (int(a[0] + (b[0] - a[0]) * k), int(a[1] + (b[1] - a[1]) * k), int(a[2] + (b[2] - a[2]) * k))


def _area(poly: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1], strict=False))) / 2


def _label(name: str, tag: tuple[str, tuple] | None, f: pygame.font.Font,
           tag_font: pygame.font.Font, width: int, backdrop: int) -> pygame.Surface:
    """One block: the use tag on top, the space's name below, so the two never overlap."""
    parts: list[pygame.Surface] = []
    if tag is not None:
        img = tag_font.render(tag[0], True, (255, 255, 255))
        chip = pygame.Surface((img.get_width() + 8, img.get_height() + 2), pygame.SRCALPHA)
        pygame.draw.rect(chip, tag[1], chip.get_rect(), border_radius=4)
        chip.blit(img, (4, 1))
        parts.append(chip)
    if name:  # a single word wider than the shape widens the block rather than being cut
        width = max(width, max(f.size(w)[0] for w in words(name)))
        parts += [f.render(ln, True, TEXT) for ln in wrap(name, f, width, max_lines=3)]
    w = max(p.get_width() for p in parts) + 6
    h = sum(p.get_height() for p in parts) + 2
    block = pygame.Surface((w, h), pygame.SRCALPHA)
    if backdrop and name:
        block.fill((255, 255, 255, backdrop))
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
    for d in (3, 24, 48):
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


class MapView:
    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.scale = 1.0
        self.origin = (0.0, 0.0)
        self._surface: pygame.Surface | None = None
        self._key: object = None
        self._static_key: object = None
        self._base: pygame.Surface | None = None
        self._labels: pygame.Surface | None = None
        self._pin_key: object = None
        self._pin_pos: dict[tuple, tuple[int, int]] = {}
        self._sprites: dict[str, pygame.Surface] = {}
        self._notes_on = False  # the last rendered map showed the pins
        self.big = False  # spectator: larger labels

    def layout(self, rect: pygame.Rect, state: State) -> None:
        m = state.scenario.map
        pad = 8
        self.rect = pygame.Rect(rect)
        fit = Fit(m.width, m.height, self.rect, pad)
        self.scale, self.origin = fit.scale, (fit.ox, fit.oy)

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        return int(self.origin[0] + x * self.scale), int(self.origin[1] + y * self.scale)

    def to_map(self, px: int, py: int) -> tuple[float, float]:
        return (px - self.origin[0]) / self.scale, (py - self.origin[1]) / self.scale

    def space_at(self, state: State, pos: tuple[int, int]) -> str | None:
        if not self.rect.collidepoint(pos):
            return None
        x, y = self.to_map(*pos)
        for space in reversed(state.scenario.spaces):
            if contains(space.polygon, x, y):
                return space.id
        return None

    def note_at(self, state: State, pos: tuple[int, int]) -> str | None:
        """The note whose pin is under `pos` on the map as last drawn, if any; where pins
        overlap, the one drawn last (on top). Only runs on a click: it reads the positions
        `_pins` cached, nothing is computed while drawing."""
        if not self._notes_on or not self.rect.collidepoint(pos):
            return None
        r = 6 if self.big else 5
        if self._pin_key != (tuple(self.rect), r):
            return None  # the pins were not drawn at this size yet
        # a pin's sprite is 2r+3 wide, its disc (white rim included) of radius r+1 centred at
        # (r+1, r+1); one pixel of slack, pins are small targets
        cx, cy = pos[0] - self.rect.x - r - 1, pos[1] - self.rect.y - r - 1
        reach = (r + 2) ** 2
        for note in reversed(state.notes.values()):  # drawn in this order: last on top
            p = self._pin_pos.get((note.id, note.x, note.y))
            if p is not None and (p[0] - cx) ** 2 + (p[1] - cy) ** 2 <= reach:
                return note.id
        return None

    def pin_center(self, state: State, note_id: str) -> tuple[int, int] | None:
        """Where the pin of a note is drawn on the window (None: not drawn)."""
        note = state.notes.get(note_id)
        p = self._pin_pos.get((note.id, note.x, note.y)) if note is not None else None
        if p is None or not self._notes_on:
            return None
        r = 6 if self.big else 5
        return self.rect.x + p[0] + r + 1, self.rect.y + p[1] + r + 1

    def space_anchor(self, state: State, space_id: str) -> tuple[int, int]:
        return self.to_screen(*centroid(state.scenario.space(space_id).polygon))

    def draw(self, target: pygame.Surface, state: State, *, version: int, selected: str | None,
             uses: dict[str, tuple[str, int | None]], show_notes: bool) -> None:
        """Blit the map; the shapes and labels are re-rendered only when the uses, the selection
        or the size change, the pins only when the state changed (and pins are shown)."""
        static = (selected, tuple(sorted(uses.items())), tuple(self.rect), self.big,
                  state.scenario.id)
        if static != self._static_key or self._base is None:
            self._base, self._labels = self._render(state, selected, uses)
            self._static_key = static
        key = (static, version if show_notes else None)
        if key != self._key or self._surface is None:
            self._surface = self._base.copy()
            if show_notes:
                self._pins(self._surface, state)
            self._surface.blit(self._labels, (0, 0))
            self._key = key
            self._notes_on = show_notes
        target.blit(self._surface, self.rect.topleft)

    def _pins(self, surf: pygame.Surface, state: State) -> None:
        """Notes as pins: one small sprite per kind, positions cached per note."""
        ox, oy = self.rect.topleft
        r = 6 if self.big else 5
        if self._pin_key != (tuple(self.rect), r):
            self._pin_key = (tuple(self.rect), r)
            self._pin_pos.clear()
            self._sprites.clear()
        items = []
        for note in state.notes.values():
            pos = self._pin_pos.get((note.id, note.x, note.y))
            if pos is None:
                x, y = self.to_screen(note.x, note.y)
                # spread pins of the same space a little so they stay countable
                h = zlib.crc32(note.id.encode()) & 0xFFFF
                pos = (x + (h % 23) - 11 - ox - r - 1, y + ((h >> 5) % 17) - 8 - oy - r - 1)
                self._pin_pos[(note.id, note.x, note.y)] = pos
            sprite = self._sprites.get(note.kind)
            if sprite is None:
                sprite = pygame.Surface((2 * r + 3, 2 * r + 3), pygame.SRCALPHA)
                pygame.draw.circle(sprite, (255, 255, 255), (r + 1, r + 1), r + 1)
                pygame.draw.circle(sprite, pygame.Color(NOTE_COLOURS.get(note.kind, "#555555")),
                                   (r + 1, r + 1), r)
                self._sprites[note.kind] = sprite
            items.append((sprite, pos))
        surf.blits(items, doreturn=False)

    def _render(self, state: State, selected: str | None, uses: dict
                ) -> tuple[pygame.Surface, pygame.Surface]:
        sc = state.scenario
        surf = pygame.Surface(self.rect.size)
        surf.fill(BG)
        ox, oy = self.rect.topleft

        def pts(poly: list) -> list[tuple[int, int]]:
            return [(x - ox, y - oy) for x, y in (self.to_screen(*p) for p in poly)]

        small = font(15 if self.big else 12)
        label_font = font(16 if self.big else 13, bold=True)
        tiny = font(13 if self.big else 11)
        for b in sc.buildings:
            p = pts(b.polygon)
            pygame.draw.polygon(surf, BUILDING, p)
            pygame.draw.polygon(surf, OUTLINE, p, 1)
        for space in sc.spaces:
            p = pts(space.polygon)
            shown = uses.get(space.id)
            if shown is not None:
                colour = _mix(pygame.Color(sc.use(shown[0]).colour), (255, 255, 255), 0.35)
            else:
                colour = _mix(SPACE, (215, 170, 150), max(0.0, (60 - space.condition) / 100))
            pygame.draw.polygon(surf, colour, p)
            pygame.draw.polygon(surf, OUTLINE, p, 1)
        base = surf
        surf = pygame.Surface(self.rect.size, pygame.SRCALPHA)  # labels, above the pins
        placed: list[pygame.Rect] = []
        blocks: list[tuple[pygame.Surface, pygame.Rect, pygame.Rect]] = []
        bound = surf.get_rect().inflate(-4, -4)
        order = sorted(sc.spaces, key=lambda sp: -_area(pts(sp.polygon)))
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
                icon = use.icon or use.name[:2]
                year = None if shown[1] is None else \
                    self.lang.t("ui.year_short", n=self.lang.num(shown[1]))
                tag = (icon if year is None else f"{icon} · {year}", pygame.Color(use.colour))
            fits_inside = box.w >= 90 and box.h >= 34
            for f in ((small, tiny) if fits_inside else (tiny,)):
                block = _label(space.name, tag, f, label_font,
                               max(box.w - 8, 40) if fits_inside else 110,
                               backdrop=150 if fits_inside else 225)
                spot = _place(block.get_rect(), box, placed, bound, inside=fits_inside)
                if spot is not None:
                    break
            else:  # no room anywhere: the tag alone; the name shows when the space is selected
                block = _label("", tag, tiny, label_font, 110, backdrop=0) if tag else None
                spot = block.get_rect(center=box.center) if block else None
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
        north = font(14, bold=True).render(sc.map.north_label, True, TEXT)
        nx = self.rect.w - 20
        pygame.draw.polygon(surf, TEXT, [(nx, 6), (nx - 6, 18), (nx + 6, 18)])
        surf.blit(north, north.get_rect(midtop=(nx, 19)))
        return base, surf
