"""Where each part of the main screen goes for a given window size, at the window's scale.

Every size here is given at scale 1 (a 1366×768 window, text at 100 %) and goes through
`fonts.px`: a larger screen or a larger text size makes the header, the status bar, the side
panel and the indicators larger with their text. The parts tile the window: none overlaps
another, none goes out of it, from 640×480 up.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ilot.game.core.kinds import ActorKind

from .fonts import px

STATUS_H = 26  # at scale 1: use status_h()
MIN_MAP_H = 120  # the map keeps at least this much height (at scale 1)


def status_h() -> int:
    """The status bar's height at the window's scale."""
    return px(STATUS_H)


@dataclass
class Layout:
    header: pygame.Rect
    map: pygame.Rect
    indicators: pygame.Rect
    side: pygame.Rect
    status: pygame.Rect

    def parts(self) -> dict[str, pygame.Rect]:
        return {"header": self.header, "map": self.map, "indicators": self.indicators,
                "side": self.side, "status": self.status}


def compute(w: int, h: int, kind: str) -> Layout:
    big = kind == ActorKind.SPECTATOR
    status = status_h()
    # the header: title, agenda strip, instructions; « À faire » and the floor for a
    # participant; also the progress line and the toolbar for the trainer (header.header_rows)
    # (the smallest windows give the participant's instructions a little less: the map needs it)
    header_h = px(208 if kind == ActorKind.TRAINER else (134 if big else 162 if h >= 700 else 150))
    header_h = min(header_h, int(h * 0.4))
    side_w = max(px(380), min(px(560), int(w * (0.40 if big else 0.38))))
    side_w = min(side_w, w // 2)  # the map keeps half the width, however large the text
    left_w = w - side_w
    body_h = max(0, h - header_h - status)
    ind_h = px(118) if left_w >= px(760) else px(136)  # narrow: the footer takes two lines
    ind_h = max(0, min(ind_h, body_h - min(px(MIN_MAP_H), body_h // 2)))
    return Layout(
        header=pygame.Rect(0, 0, w, header_h),
        map=pygame.Rect(0, header_h, left_w, body_h - ind_h),
        indicators=pygame.Rect(0, header_h + body_h - ind_h, left_w, ind_h),
        side=pygame.Rect(left_w, header_h, side_w, body_h),
        status=pygame.Rect(0, h - status, w, status),
    )
