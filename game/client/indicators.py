"""The indicators panel: where the current plan leads in 3 years, from the core simulation.

The trajectory is recomputed only when the state's sequence number changes. When the
scenario has more indicators than the panel has room for, they are shown a page at a time:
"1/2 ›" at the title's right end; a click on the panel, or the mouse wheel over it, turns the
page, so every indicator can be reached.
"""

from __future__ import annotations

import pygame

from ilot.game import palette as pal
from ilot.game.core.scenario import Indicator
from ilot.game.core.simulation import Trajectory, simulate_state
from ilot.game.core.state import State
from ilot.game.text import Lang

from .fonts import font, px, wrap
from .listing import plan_budget_text
from .textruns import SPLIT, blit_runs, split_runs, wrap_runs

# text pairs registered in palette.TEXT_PAIRS ("indicators", ".up", ".down")
BG = pygame.Color(pal.TEXT_PAIRS["indicators"].bg)
TEXT = pygame.Color(pal.TEXT_PAIRS["indicators"].fg)
UP = pygame.Color(pal.TEXT_PAIRS["indicators.up"].fg)
DOWN = pygame.Color(pal.TEXT_PAIRS["indicators.down"].fg)
NOW = pygame.Color(pal.IND_NOW)
FRAME = pygame.Color(pal.IND_FRAME)
TRACK = pygame.Color(pal.IND_TRACK)



def change_colour(ind: Indicator, change: float) -> pygame.Color:
    """The colour of an indicator's change: the good one when it got better (up, or down for
    a lower-is-better indicator), the bad one when it got worse."""
    return UP if ind.gain(change) >= 0 else DOWN

class IndicatorsPanel:
    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.rect = pygame.Rect(0, 0, 10, 10)
        self._traj: Trajectory | None = None
        self._seq: object = None
        self._surface: pygame.Surface | None = None
        self._key: object = None
        self.page = 0  # the page of indicators shown (when they do not all fit)
        self.pages = 1
        self.shown: list[str] = []  # the ids of the indicators on the page drawn last

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
        key = (self._seq, tuple(self.rect), self.page)
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
        inds = state.scenario.indicators
        start, end = traj.start, traj.final
        margin = px(8)
        # as many columns as leave every name whole (a narrow window: fewer, and more pages)
        widest = max((font(11).size(ind.name)[0] for ind in inds), default=0)
        unit = max((ind.unit for ind in inds), key=len, default="")
        need = widest + px(20) + font(11).size(self.value_text(100, 100, unit))[0] + px(6) + margin
        cols = 2 if self.rect.w < px(1000) else 3
        while cols > 1 and (self.rect.w - 2 * margin) // cols < need:
            cols -= 1
        col_w = (self.rect.w - 2 * margin) // cols
        row_h = px(17)
        # named « plan commun » (the side panel shows a group's draft beside it); the
        # investment red, with the overrun, when over the budget (listing.budget_text)
        invested, over_budget = plan_budget_text(lang, state.scenario, traj)
        foot = lang.t("ui.indicators_footer_plan", charges=lang.money(end.charges, cents=True),
                      base=lang.money(start.charges, cents=True), investment=SPLIT,
                      overload=lang.percent(end.overload_pct / 100, sign=True))
        f = font(12)
        line_h = f.get_linesize()
        tone = DOWN if end.overload_pct > 0 else TEXT
        foot_lines = wrap_runs(split_runs(foot, invested, tone, DOWN if over_budget else tone),
                               f, self.rect.w - 2 * margin, max_lines=2)
        tf = font(13, bold=True)
        top = px(4) + tf.get_linesize()
        rows_fit = max(1, (self.rect.h - top - px(4) - line_h * len(foot_lines)) // row_h)
        per_page = cols * rows_fit
        self.pages = max(1, -(-len(inds) // per_page))
        self.page %= self.pages
        shown = inds[self.page * per_page: (self.page + 1) * per_page]
        title_w = self.rect.w - 2 * margin
        if self.pages > 1:  # "1/2 ›": the other indicators are a click away
            mark = font(12, bold=True).render(
                lang.t("ui.indicators_page", page=lang.num(self.page + 1),
                       pages=lang.num(self.pages)), True, TEXT)
            surf.blit(mark, (self.rect.w - mark.get_width() - margin, px(4)))
            title_w -= mark.get_width() + margin
        title = wrap(lang.t("ui.indicators_title"), tf, title_w, max_lines=1)[0]
        surf.blit(tf.render(title, True, TEXT), (margin, px(4)))

        # the narrowest bar that lets every name show whole (names are the point)
        def value_w(size: int) -> int:  # room for "100 (+100)" and a gap before the next column
            return font(size).size(self.value_text(100, 100, unit))[0] + px(6)

        fits = [(size, px(b)) for size in (12, 11) for b in (66, 56, 46, 36, 28, 20)
                if max((font(size).size(ind.name)[0] for ind in shown), default=0)
                <= col_w - px(b) - value_w(size) - margin]
        size, bar_w = fits[0] if fits else (11, px(20))
        nf, vw = font(size), value_w(size)
        for i, ind in enumerate(shown):
            cx = margin + (i // rows_fit) * col_w
            cy = top + (i % rows_fit) * row_h
            name = wrap(ind.name, nf, col_w - bar_w - vw - margin, max_lines=1)[0]
            surf.blit(nf.render(name, True, TEXT), (cx, cy - 1))
            bar_x = cx + col_w - bar_w - vw
            span = (ind.max - ind.min) or 1
            a = (start.indicators[ind.id] - ind.min) / span
            b = (end.indicators[ind.id] - ind.min) / span
            pygame.draw.rect(surf, TRACK, (bar_x, cy + px(4), bar_w, px(9)))
            pygame.draw.rect(surf, NOW, (bar_x, cy + px(4), int(bar_w * a), px(9)))
            delta = end.indicators[ind.id] - start.indicators[ind.id]
            colour = change_colour(ind, delta)
            pygame.draw.line(surf, colour, (bar_x + int(bar_w * b), cy + 1),
                             (bar_x + int(bar_w * b), cy + px(15)), px(3))
            txt = self.value_text(end.indicators[ind.id], delta, ind.unit)
            surf.blit(nf.render(txt, True, colour if abs(delta) >= 0.5 else TEXT),
                      (bar_x + bar_w + px(4), cy))
        y = self.rect.h - px(4) - line_h * len(foot_lines)
        for line in foot_lines:
            blit_runs(surf, line, f, (margin, y))
            y += line_h
        self.shown = [ind.id for ind in shown]
        return surf

    def turn(self, step: int = 1) -> bool:
        """Show the next page of indicators (`step` −1: the previous one); False when they all
        fit on one."""
        if self.pages <= 1:
            return False
        self.page = (self.page + step) % self.pages
        return True

    def value_text(self, value: float, delta: float, unit: str = "") -> str:
        """An indicator in 3 years and its change: 62 (+4), 11,4 % (+2,4) with its unit."""
        if unit:
            return self.lang.t("ui.indicator_value_unit", value=self.lang.num(value), unit=unit,
                               delta=self.lang.num(delta, sign=True))
        return self.lang.t("ui.indicator_value", value=self.lang.num(value),
                           delta=self.lang.num(delta, sign=True))
