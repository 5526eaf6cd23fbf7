"""Where each part of the main screen goes for a given window size (1280×800 down to 1024×640)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ilot.game.core.kinds import ActorKind

STATUS_H = 26


@dataclass
class Layout:
    header: pygame.Rect
    map: pygame.Rect
    indicators: pygame.Rect
    side: pygame.Rect
    status: pygame.Rect


def compute(w: int, h: int, kind: str) -> Layout:
    big = kind == ActorKind.SPECTATOR
    # the header: title, agenda strip, instructions; « À faire » and the floor for a
    # participant; also the progress line and the toolbar for the trainer (header.header_rows)
    # (the smallest windows give the participant's instructions a little less: the map needs it)
    header_h = 208 if kind == ActorKind.TRAINER else (134 if big else 162 if h >= 700 else 150)
    side_w = max(380, min(560, int(w * (0.40 if big else 0.38))))
    left_w = w - side_w
    ind_h = 118 if left_w >= 760 else 136  # narrow: the footer takes two lines
    body_h = h - header_h - STATUS_H
    return Layout(
        header=pygame.Rect(0, 0, w, header_h),
        map=pygame.Rect(0, header_h, left_w, body_h - ind_h),
        indicators=pygame.Rect(0, header_h + body_h - ind_h, left_w, ind_h),
        side=pygame.Rect(left_w, header_h, side_w, body_h),
        status=pygame.Rect(0, h - STATUS_H, w, STATUS_H),
    )
