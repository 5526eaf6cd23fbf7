"""The indicators panel: where the current plan leads in 3 years, from the core simulation.

In the phases that play the simulation (`playback.Player`), its title row is the playback strip
and it shows the indicators at the quarter played against today, and in its footer that
quarter's charges, the money spent so far and each métier's hours (needed / available).

The trajectory is recomputed only when the state's sequence number changes. When the
scenario has more indicators than the panel has room for, they are shown a page at a time:
"1/2 ›" at the title's right end; a click on the panel, or the mouse wheel over it, turns the
page, so every indicator can be reached.
"""

from __future__ import annotations

import pygame

from ilot.game import palette as pal
from ilot.game.core.kinds import PayerKind
from ilot.game.core.scenario import Indicator
from ilot.game.core.simulation import WORKLOAD_PREFIX, Trajectory, simulate_state
from ilot.game.core.state import State
from ilot.game.text import Lang

from .fonts import font, px, wrap
from .listing import budget_text, plan_budget_text
from .playback import Shown, draw_strip
from .textruns import SPLIT, Run, blit_runs, split_runs, wrap_runs

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

def overload_text(lang: Lang, overload_pct: float) -> str:
    """The agents' load in the footer: « surcharge 55 % » (the hours beyond, métier by métier,
    over all the hours available: the report's « tous les métiers » row) only when some métier
    needs more hours than it has, else « pas de surcharge » (never « +0 % »)."""
    if overload_pct <= 0:
        return lang.t("plantables.footer.no_overload")
    return lang.t("plantables.footer.overload", percent=lang.percent(overload_pct / 100))


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
        self.playing: Shown | None = None  # the playback shown (None: today against the end)
        self.hits: list[tuple[pygame.Rect, str]] = []  # the strip's buttons, window coordinates
        # what a click on the footer explains, in turn: the charges, then each loaded métier
        self.footer_targets: list[str] = ["charges"]
        self.rows: list[tuple[pygame.Rect, str]] = []  # each indicator's row, window coordinates
        self.drawn: dict[str, str] = {}  # each indicator's value as drawn last (tests read it)
        self.footer = ""  # the footer's text as drawn last (tests read it)

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

    def draw(self, target: pygame.Surface, state: State, shown: Shown | None = None) -> None:
        self.trajectory(state)
        key = (self._seq, tuple(self.rect), self.page, shown)
        if key != self._key or self._surface is None:
            self.playing = shown
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
        shown_pb = self.playing
        start = traj.start
        end = traj.quarters[shown_pb.quarter] if shown_pb is not None else traj.final
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
        f = font(12)
        line_h = f.get_linesize()
        if shown_pb is not None:
            runs = self.quarter_footer(state, traj, shown_pb.quarter)
        else:
            foot = lang.t("ui.indicators_footer_plan", charges=lang.money(end.charges, cents=True),
                          base=lang.money(start.charges, cents=True), investment=SPLIT,
                          overload=overload_text(lang, end.overload_pct))
            tone = DOWN if end.overload_pct > 0 else TEXT
            runs = split_runs(foot, invested, tone, DOWN if over_budget else tone)
        self.footer = "".join(text for text, _ in runs)
        foot_lines = wrap_runs(runs, f, self.rect.w - 2 * margin, max_lines=2)
        tf = font(13, bold=True)
        strip_h = max(tf.get_linesize(), px(20))
        top = px(4) + (strip_h + px(3) if shown_pb is not None else tf.get_linesize())
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
        self.hits = []
        if shown_pb is not None:  # the playback strip in place of the title
            strip = pygame.Rect(margin, px(3), self.rect.w - 2 * margin, strip_h)
            right = self.rect.w - 2 * margin - title_w  # the page mark's room
            self.hits = [(r.move(self.rect.topleft), name)
                         for r, name in draw_strip(surf, strip, shown_pb, lang, right)]
        else:
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
        self.rows = []
        self.drawn = {}
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
            txt = self.drawn[ind.id] = self.value_text(end.indicators[ind.id], delta, ind.unit)
            surf.blit(nf.render(txt, True, colour if abs(delta) >= 0.5 else TEXT),
                      (bar_x + bar_w + px(4), cy))
            self.rows.append((pygame.Rect(self.rect.x + cx, self.rect.y + cy, col_w, row_h), ind.id))
        y = self.rect.h - px(4) - line_h * len(foot_lines)
        if shown_pb is not None:  # the footer's « why » is the charges'
            self.rows.append((pygame.Rect(self.rect.x, self.rect.y + y, self.rect.w,
                                          line_h * len(foot_lines)), "charges"))
        for line in foot_lines:
            blit_runs(surf, line, f, (margin, y))
            y += line_h
        self.shown = [ind.id for ind in shown]
        return surf

    def quarter_footer(self, state: State, traj: Trajectory, q: int) -> list[Run]:
        """At quarter `q`: the charges per household and month (against today), the money
        spent so far (red over the budget), each métier's weekly hours needed / available (red
        when more are needed than there are)."""
        lang = self.lang
        at = traj.quarters[q]
        spent, over = budget_text(lang, at.invested, traj.investment_budget, at.unplanned)
        text = lang.t("playback.footer", charges=lang.money(at.charges, cents=True),
                      base=lang.money(traj.start.charges, cents=True), spent=SPLIT)
        runs = split_runs(text, spent, TEXT, DOWN if over else TEXT)
        for f in state.scenario.payers:  # what the city, a subsidy… has paid by that quarter
            amount = at.funded.get(f.id, 0.0)
            if amount and f.kind not in (PayerKind.LANDLORD, PayerKind.CHARGES):
                part, f_over = budget_text(lang, amount, f.budget) if f.budget is not None \
                    else (lang.money(amount), False)
                runs.append((" · " + lang.label(f.name, ""), TEXT))
                runs.append((part, DOWN if f_over else TEXT))
        names = {m.id: m.name for m in state.scenario.metiers}
        self.footer_targets = ["charges"]
        # the métiers that have work from the plan, the most loaded first (the footer is short)
        loads = sorted(((m, v) for m, v in at.workload.items() if v[0] > 0),
                       key=lambda mv: -mv[1][0] / (mv[1][1] or 0.1))
        self.footer_targets += [WORKLOAD_PREFIX + metier for metier, _ in loads]
        for i, (metier, (needed, available)) in enumerate(loads):
            sep = lang.t("playback.footer_hours") if i == 0 else ", "
            runs.append((sep, TEXT))
            runs.append((lang.t("playback.footer_metier", metier=names.get(metier, metier),
                                needed=lang.num(needed, 1), available=lang.num(available, 1)),
                         DOWN if needed > available else TEXT))
        return runs

    def why_at(self, pos: tuple[int, int]) -> str | None:
        """The indicator whose row is at `pos` (window coordinates), or "charges" on the
        footer while the simulation plays, if any."""
        for rect, ind in self.rows:
            if rect.collidepoint(pos):
                return ind
        return None

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
