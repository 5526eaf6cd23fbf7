"""The indicators panel: where the current plan leads in 3 years, from the core simulation.

The trajectory is recomputed only when the state's sequence number changes.
"""

from __future__ import annotations

import pygame

from ilot.game import palette as pal
from ilot.game.core.simulation import Trajectory, simulate_state
from ilot.game.core.state import State
from ilot.game.text import Lang

from .fonts import font, wrap
from .listing import budget_text
from .textruns import SPLIT, blit_runs, split_runs, wrap_runs

# text pairs registered in palette.TEXT_PAIRS ("indicators", ".up", ".down")
BG = pygame.Color(pal.TEXT_PAIRS["indicators"].bg)
TEXT = pygame.Color(pal.TEXT_PAIRS["indicators"].fg)
UP = pygame.Color(pal.TEXT_PAIRS["indicators.up"].fg)
DOWN = pygame.Color(pal.TEXT_PAIRS["indicators.down"].fg)
NOW = pygame.Color(pal.IND_NOW)
FRAME = pygame.Color(pal.IND_FRAME)
TRACK = pygame.Color(pal.IND_TRACK)


class IndicatorsPanel:
    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.rect = pygame.Rect(0, 0, 10, 10)
        self._traj: Trajectory | None = None
        self._seq: object = None
        self._surface: pygame.Surface | None = None
        self._key: object = None

    @staticmethod
    def plan_key(state: State) -> tuple[object, ...]:
        """What the simulation reads: the schéma, the action plan and the charter."""
        return (tuple((k, p.use, p.year) for k, p in state.schema.items()),
                tuple((i.id, i.quarter, i.cost, i.payer, i.space, i.use, i.experiment, i.final)
                      for i in state.plan.values()),
                tuple((e.rule, e.space) for e in state.charter.values()), state.seed)

    def trajectory(self, state: State) -> Trajectory:
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
        lang = self.lang
        surf = pygame.Surface(self.rect.size)
        surf.fill(BG)
        pygame.draw.rect(surf, FRAME, surf.get_rect(), 1)
        title = font(13, bold=True).render(lang.t("ui.indicators_title"), True, TEXT)
        surf.blit(title, (8, 4))
        inds = state.scenario.indicators
        start, end = traj.start, traj.final
        cols = 2 if self.rect.w < 1000 else 3
        col_w = (self.rect.w - 16) // cols
        row_h = 17
        # named « plan commun » (the side panel shows a group's draft beside it); the
        # investment red, with the overrun, when over the budget (listing.budget_text)
        invested, over_budget = budget_text(lang, end.invested, traj.investment_budget)
        foot = lang.t("ui.indicators_footer_plan", charges=lang.money(end.charges, cents=True),
                      base=lang.money(start.charges, cents=True), investment=SPLIT,
                      overload=lang.percent(end.overload_pct / 100, sign=True))
        f = font(12)
        tone = DOWN if end.overload_pct > 0 else TEXT
        foot_lines = wrap_runs(split_runs(foot, invested, tone, DOWN if over_budget else tone),
                               f, self.rect.w - 16, max_lines=2)
        top = 22
        rows_fit = max(1, (self.rect.h - top - 4 - 17 * len(foot_lines)) // row_h)
        shown = inds[: cols * rows_fit]
        # the narrowest bar that lets every name show whole (names are the point)
        def value_w(size: int) -> int:  # room for "100 (+100)" and a gap before the next column
            return font(size).size(self.value_text(100, 100))[0] + 6

        fits = [(size, b) for size in (12, 11) for b in (66, 56, 46, 36, 28, 20)
                if max((font(size).size(ind.name)[0] for ind in shown), default=0)
                <= col_w - b - value_w(size) - 8]
        size, bar_w = fits[0] if fits else (11, 20)
        nf, vw = font(size), value_w(size)
        for i, ind in enumerate(shown):
            cx = 8 + (i // rows_fit) * col_w
            cy = top + (i % rows_fit) * row_h
            name = wrap(ind.name, nf, col_w - bar_w - vw - 8, max_lines=1)[0]
            surf.blit(nf.render(name, True, TEXT), (cx, cy - 1))
            bar_x = cx + col_w - bar_w - vw
            span = (ind.max - ind.min) or 1
            a = (start.indicators[ind.id] - ind.min) / span
            b = (end.indicators[ind.id] - ind.min) / span
            pygame.draw.rect(surf, TRACK, (bar_x, cy + 4, bar_w, 9))
            pygame.draw.rect(surf, NOW, (bar_x, cy + 4, int(bar_w * a), 9))
            colour = UP if b >= a else DOWN
            pygame.draw.line(surf, colour, (bar_x + int(bar_w * b), cy + 1),
                             (bar_x + int(bar_w * b), cy + 15), 3)
            delta = end.indicators[ind.id] - start.indicators[ind.id]
            txt = self.value_text(end.indicators[ind.id], delta)
            surf.blit(nf.render(txt, True, colour if abs(delta) >= 0.5 else TEXT),
                      (bar_x + bar_w + 4, cy))
        y = self.rect.h - 4 - 17 * len(foot_lines)
        for line in foot_lines:
            blit_runs(surf, line, f, (8, y))
            y += 17
        return surf

    def value_text(self, value: float, delta: float) -> str:
        """An indicator in 3 years and its change: 62 (+4)."""
        return self.lang.t("ui.indicator_value", value=self.lang.num(value),
                           delta=self.lang.num(delta, sign=True))
