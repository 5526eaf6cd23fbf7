"""The îlot map: buildings and spaces from the scenario polygons, uses by colour and icon,
notes as pins. Drawn once into a cached surface and rebuilt only when its inputs change."""

from __future__ import annotations

import zlib

import pygame

from game.core.state import State

from .fonts import font, wrap
from .readmodels import NOTE_COLOURS

BG = (233, 236, 228)
BUILDING = (196, 190, 178)
SPACE = (248, 246, 240)
OUTLINE = (120, 120, 115)
SELECTED = (30, 90, 200)
TEXT = (35, 35, 40)


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(a: tuple, b: tuple, k: float) -> tuple[int, int, int]:
    return tuple(int(x + (y - x) * k) for x, y in zip(a, b))  # type: ignore[return-value]


def point_in_polygon(x: float, y: float, poly: list) -> bool:
    inside = False
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


class MapView:
    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.scale = 1.0
        self.origin = (0.0, 0.0)
        self._surface: pygame.Surface | None = None
        self._key: object = None
        self.big = False  # spectator: larger labels

    def layout(self, rect: pygame.Rect, state: State) -> None:
        m = state.scenario.map
        pad = 8
        self.rect = pygame.Rect(rect)
        self.scale = min((rect.w - 2 * pad) / m.width, (rect.h - 2 * pad) / m.height)
        self.origin = (rect.x + (rect.w - m.width * self.scale) / 2,
                       rect.y + (rect.h - m.height * self.scale) / 2)

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        return int(self.origin[0] + x * self.scale), int(self.origin[1] + y * self.scale)

    def to_map(self, px: int, py: int) -> tuple[float, float]:
        return (px - self.origin[0]) / self.scale, (py - self.origin[1]) / self.scale

    def space_at(self, state: State, pos: tuple[int, int]) -> str | None:
        if not self.rect.collidepoint(pos):
            return None
        x, y = self.to_map(*pos)
        for space in reversed(state.scenario.spaces):
            if point_in_polygon(x, y, space.polygon):
                return space.id
        return None

    def space_anchor(self, state: State, space_id: str) -> tuple[int, int]:
        poly = state.scenario.space(space_id).polygon
        cx = sum(p[0] for p in poly) / len(poly)
        cy = sum(p[1] for p in poly) / len(poly)
        return self.to_screen(cx, cy)

    def draw(self, target: pygame.Surface, state: State, *, version: int, selected: str | None,
             uses: dict[str, tuple[str, int | None]], show_notes: bool) -> None:
        key = (version, selected, tuple(sorted(uses.items())), show_notes, tuple(self.rect),
               self.big)
        if key != self._key or self._surface is None:
            self._surface = self._render(state, selected, uses, show_notes)
            self._key = key
        target.blit(self._surface, self.rect.topleft)

    def _render(self, state: State, selected: str | None, uses: dict, show_notes: bool
                ) -> pygame.Surface:
        sc = state.scenario
        surf = pygame.Surface(self.rect.size)
        surf.fill(BG)
        ox, oy = self.rect.topleft

        def pts(poly: list) -> list[tuple[int, int]]:
            return [(x - ox, y - oy) for x, y in (self.to_screen(*p) for p in poly)]

        small = font(15 if self.big else 12)
        label_font = font(16 if self.big else 13, bold=True)
        tiny = font(13 if self.big else 11)
        placed: list[pygame.Rect] = []
        for b in sc.buildings:
            p = pts(b.polygon)
            pygame.draw.polygon(surf, BUILDING, p)
            pygame.draw.polygon(surf, OUTLINE, p, 1)
        for space in sc.spaces:
            p = pts(space.polygon)
            shown = uses.get(space.id)
            if shown is not None:
                colour = _mix(_hex(sc.use(shown[0]).colour), (255, 255, 255), 0.35)
            else:
                colour = _mix(SPACE, (215, 170, 150), max(0.0, (60 - space.condition) / 100))
            pygame.draw.polygon(surf, colour, p)
            pygame.draw.polygon(surf, OUTLINE, p, 1)
        if show_notes:
            r = 6 if self.big else 5
            for note in state.notes.values():
                x, y = self.to_screen(note.x, note.y)
                # spread pins of the same space a little so they stay countable
                h = zlib.crc32(note.id.encode()) & 0xFFFF
                x += (h % 23) - 11
                y += ((h >> 5) % 17) - 8
                c = _hex(NOTE_COLOURS.get(note.kind, "#555555"))
                pygame.draw.circle(surf, (255, 255, 255), (x - ox, y - oy), r + 1)
                pygame.draw.circle(surf, c, (x - ox, y - oy), r)
        for space in sc.spaces:
            p = pts(space.polygon)
            xs, ys = [q[0] for q in p], [q[1] for q in p]
            w = max(xs) - min(xs)
            h = max(ys) - min(ys)
            cx, cy = (min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2
            shown = uses.get(space.id)
            small_space = w < 90 or h < 34
            f = tiny if small_space else small
            lines = wrap(space.name, f, max(w - 8, 84 if small_space else 40), max_lines=3)
            block = [f.render(ln, True, TEXT) for ln in lines]
            total = sum(s.get_height() for s in block)
            y = cy - total // 2
            bw = max(s.get_width() for s in block) + 6
            area = pygame.Rect(cx - bw // 2, y - 1, bw, total + 2)
            for dy in (0, total + 3, -(total + 3), 2 * (total + 3), -2 * (total + 3)):
                trial = area.move(0, dy)
                if trial.collidelist(placed) < 0:
                    area, y = trial, y + dy
                    break
            area.clamp_ip(surf.get_rect())
            cx, y = area.centerx, area.y + 1
            placed.append(area)
            if shown is not None:
                use = sc.use(shown[0])
                icon = use.icon or use.name[:2]
                tag = icon if shown[1] is None else f"{icon} · A{shown[1]}"
                img = label_font.render(tag, True, (255, 255, 255))
                box = img.get_rect(center=(cx, y - img.get_height() // 2 - 1))
                pygame.draw.rect(surf, _hex(use.colour), box.inflate(8, 2), border_radius=4)
                surf.blit(img, box)
            if small_space:  # the name overflows its shape: give it a backdrop
                back = pygame.Surface(area.size, pygame.SRCALPHA)
                back.fill((255, 255, 255, 215))
                surf.blit(back, area)
            for s in block:
                surf.blit(s, s.get_rect(midtop=(cx, y)))
                y += s.get_height()
        if selected is not None:
            pygame.draw.polygon(surf, SELECTED, pts(sc.space(selected).polygon), 3)
        north = font(14, bold=True).render(sc.map.north_label, True, TEXT)
        nx = self.rect.w - 20
        pygame.draw.polygon(surf, TEXT, [(nx, 6), (nx - 6, 18), (nx + 6, 18)])
        surf.blit(north, north.get_rect(midtop=(nx, 19)))
        return surf
