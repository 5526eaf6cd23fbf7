"""The indicators panel: where the current plan leads in 3 years, from the core simulation.

The trajectory is recomputed only when the state's sequence number changes.
"""

from __future__ import annotations

import pygame

from game.core.simulation import simulate_state
from game.core.state import State

from .fonts import font, wrap
from .i18n import t

BG = (250, 250, 247)
TEXT = (35, 35, 40)
NOW = (150, 155, 160)
UP = (46, 157, 91)
DOWN = (200, 55, 45)


class IndicatorsPanel:
    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 10, 10)
        self._traj = None
        self._seq: object = None
        self._surface: pygame.Surface | None = None
        self._key: object = None

    @staticmethod
    def plan_key(state: State) -> tuple:
        """What the simulation reads: the schéma, the action plan and the charter."""
        return (tuple((k, p.use, p.year) for k, p in state.schema.items()),
                tuple((i.id, i.quarter, i.cost, i.payer, i.space, i.use, i.experiment, i.final)
                      for i in state.plan.values()),
                tuple((e.rule, e.space) for e in state.charter.values()), state.seed)

    def trajectory(self, state: State):
        key = self.plan_key(state)
        if key != self._seq or self._traj is None:
            self._traj = simulate_state(state)
            self._seq = key
        return self._traj

    def draw(self, target: pygame.Surface, state: State) -> None:
        self.trajectory(state)
        key = (self._seq, tuple(self.rect))
        if key != self._key or self._surface is None:
            self._surface = self._render(state)
            self._key = key
        target.blit(self._surface, self.rect.topleft)

    def _render(self, state: State) -> pygame.Surface:
        traj = self.trajectory(state)
        surf = pygame.Surface(self.rect.size)
        surf.fill(BG)
        pygame.draw.rect(surf, (200, 200, 195), surf.get_rect(), 1)
        title = font(13, bold=True).render(t("indicators_title"), True, TEXT)
        surf.blit(title, (8, 4))
        inds = state.scenario.indicators
        start, end = traj.start, traj.final
        cols = 2 if self.rect.w < 1000 else 3
        col_w = (self.rect.w - 16) // cols
        row_h = 17
        f = font(12)
        top = 22
        rows_fit = max(1, (self.rect.h - top - 22) // row_h)
        for i, ind in enumerate(inds[: cols * rows_fit]):
            cx = 8 + (i // rows_fit) * col_w
            cy = top + (i % rows_fit) * row_h
            name = wrap(ind.name, f, col_w - 156, max_lines=1)[0]
            surf.blit(f.render(name, True, TEXT), (cx, cy - 1))
            bar_x, bar_w = cx + col_w - 150, 66
            span = (ind.max - ind.min) or 1
            a = (start.indicators[ind.id] - ind.min) / span
            b = (end.indicators[ind.id] - ind.min) / span
            pygame.draw.rect(surf, (225, 225, 220), (bar_x, cy + 4, bar_w, 9))
            pygame.draw.rect(surf, NOW, (bar_x, cy + 4, int(bar_w * a), 9))
            colour = UP if b >= a else DOWN
            pygame.draw.line(surf, colour, (bar_x + int(bar_w * b), cy + 1),
                             (bar_x + int(bar_w * b), cy + 15), 3)
            delta = end.indicators[ind.id] - start.indicators[ind.id]
            txt = f"{end.indicators[ind.id]:.0f} ({delta:+.0f})"
            surf.blit(f.render(txt, True, colour if abs(delta) >= 0.5 else TEXT),
                      (bar_x + bar_w + 4, cy))
        over = end.overload_pct
        foot = t("indicators_footer", charges=f"{end.charges:.2f}",
                 base=f"{start.charges:.2f}", invested=f"{end.invested:,.0f}".replace(",", " "),
                 budget=f"{traj.investment_budget:,.0f}".replace(",", " "),
                 overload=f"{over:+.0f}")
        line = wrap(foot, f, self.rect.w - 16, max_lines=1)[0]
        surf.blit(f.render(line, True, DOWN if over > 0 else TEXT), (8, self.rect.h - 19))
        return surf
