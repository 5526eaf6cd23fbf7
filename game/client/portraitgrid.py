"""A grid of portraits to pick one from (a created character's face): one pygame_gui element
that draws the faces itself; a click picks, the picked one is framed. What is picked is
written to `store[store_key]` (a rebuild keeps it)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import pygame
from pygame_gui.core import UIElement

from ilot.game.palette import BLUE, BORDER, CHECK_EDGE, PAPER

from .portraits import portrait

BG = pygame.Color(PAPER)
EDGE = pygame.Color(BORDER)
PICKED = pygame.Color(BLUE)
HOVERED = pygame.Color(CHECK_EDGE)
GAP = 6


def grid_shape(width: int, count: int, face: int) -> tuple[int, int]:
    """(columns, rows) of `count` faces of `face` pixels in `width`."""
    cols = max(1, (width - GAP) // (face + GAP))
    return cols, -(-count // cols)


class PortraitGrid(UIElement):
    def __init__(self, rect: pygame.Rect, manager: Any, container: Any, ids: list[str], face: int,
                 store: MutableMapping[str, Any], store_key: str = "portrait") -> None:
        super().__init__(rect, manager, container, starting_height=1, layer_thickness=1,
                         element_id=["portrait_grid"])
        self.ids, self.face = ids, face
        self.store, self.store_key = store, store_key
        self.cols, _ = grid_shape(rect.w, len(ids), face)
        self.hovered_face: int | None = None
        self.redraw()

    @staticmethod
    def height_for(width: int, count: int, face: int) -> int:
        _, rows = grid_shape(width, count, face)
        return GAP + rows * (face + GAP)

    @property
    def picked(self) -> str | None:
        value = self.store.get(self.store_key)
        return value if isinstance(value, str) and value in self.ids else None

    def cell(self, i: int) -> pygame.Rect:
        """Face `i`'s square, in the element's own coordinates."""
        r, c = divmod(i, self.cols)
        return pygame.Rect(GAP + c * (self.face + GAP), GAP + r * (self.face + GAP), self.face,
                           self.face)

    def face_at(self, pos: tuple[int, int]) -> int | None:
        local = (pos[0] - self.rect.x, pos[1] - self.rect.y)
        return next((i for i in range(len(self.ids)) if self.cell(i).collidepoint(local)), None)

    def pick(self, pid: str) -> None:
        self.store[self.store_key] = pid
        self.redraw()

    def redraw(self) -> None:
        surf = pygame.Surface(self.rect.size)
        surf.fill(BG)
        picked = self.picked
        for i, pid in enumerate(self.ids):
            cell = self.cell(i)
            surf.blit(portrait(pid, self.face), cell.topleft)
            if pid == picked:
                pygame.draw.rect(surf, PICKED, cell.inflate(6, 6), 3, border_radius=4)
            elif i == self.hovered_face:
                pygame.draw.rect(surf, HOVERED, cell.inflate(4, 4), 2, border_radius=4)
        pygame.draw.rect(surf, EDGE, surf.get_rect(), 1, border_radius=3)
        self._set_image(surf)

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 \
                and self.hover_point(*event.pos):
            i = self.face_at(event.pos)
            if i is not None:
                self.pick(self.ids[i])
            return True
        return False

    def while_hovering(self, time_delta: float, mouse_pos: Any) -> None:
        i = self.face_at((int(mouse_pos[0]), int(mouse_pos[1])))
        if i != self.hovered_face:
            self.hovered_face = i
            self.redraw()
        super().while_hovering(time_delta, mouse_pos)

    def on_unhovered(self) -> None:
        super().on_unhovered()  # type: ignore[no-untyped-call]  # pygame_gui's, not annotated
        if self.hovered_face is not None:
            self.hovered_face = None
            self.redraw()
