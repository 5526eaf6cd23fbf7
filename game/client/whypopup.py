"""« Pourquoi ? »: what moved a number at the quarter the playback shows.

A click on an indicator's row (or on the footer: the charges) in the phases that play the
simulation opens a popup over the map's bottom left corner: each contribution
(`Trajectory.why`) named (the use and its space, the rule, the event, the métier, the plan's
item…) with its kind and its signed value, largest first, in the colour of its direction.
A click on it (or on its ×) closes it.
"""

from __future__ import annotations

import pygame

from ilot.game import palette as pal
from ilot.game.core.kinds import ContributionSource
from ilot.game.core.simulation import WORKLOAD_PREFIX, Contribution, Trajectory
from ilot.game.core.state import State
from ilot.game.text import Lang

from .context import ClientContext
from .fonts import font, px, wrap
from .indicators import DOWN, UP, change_colour

INK = pygame.Color(pal.TEXT_PAIRS["indicators"].fg)
PAPER = pygame.Color(pal.TEXT_PAIRS["indicators"].bg)
EDGE = pygame.Color(pal.ACCENT)
FRAME = pygame.Color(pal.IND_FRAME)
CHARGES = "charges"
MAX_LINES = 9


def contribution_name(state: State, c: Contribution, lang: Lang) -> str:
    """« Local jeunes (Loge du gardien) · usage »: what it is, where, and which kind."""
    sc = state.scenario
    spaces = sc.index("space")
    name = c.ref
    if c.source in (ContributionSource.USE, ContributionSource.CONFLICT):
        use = sc.index("use").get(c.ref)
        name = use.name if use else c.ref
    elif c.source == ContributionSource.RULE:
        rule = sc.index("rule").get(c.ref)
        name = rule.title if rule else c.ref
    elif c.source == ContributionSource.EVENT:
        name = next((e.title for e in sc.events if e.id == c.ref), c.ref)
    elif c.source == ContributionSource.OVERLOAD:
        metier = sc.index("metier").get(c.ref)
        name = metier.name if metier else c.ref
    elif c.source == ContributionSource.PLAN:
        item = state.plan.get(c.ref)
        name = item.what if item is not None and item.what else c.ref
    kind = lang.t(f"term.contribution.{c.source}")
    if c.space is not None:
        space = spaces.get(c.space)
        where = space.name if space else c.space
        name = lang.t("playback.why_where", name=name, space=where) if name else where
    return lang.t("playback.why_line", name=name, kind=kind) if name else kind


class WhyPopup:
    """The popup, its target kept in the context's memory (None: closed)."""

    def __init__(self, ctx: ClientContext) -> None:
        self.ctx = ctx
        self.memory = ctx.memory("why")
        self.rect: pygame.Rect | None = None

    @property
    def target(self) -> str | None:
        target = self.memory.get("target")
        return target if isinstance(target, str) else None

    def open(self, target: str | None) -> None:
        self.memory["target"] = target

    def open_footer(self, targets: list[str]) -> None:
        """A click on the footer: the charges, then each loaded métier's hours in turn
        (`targets`: "charges" then "workload:<métier>", from the footer as drawn)."""
        current = self.target
        if current in targets and targets:
            self.open(targets[(targets.index(current) + 1) % len(targets)])
        else:
            self.open(targets[0] if targets else "charges")

    def lines(self, state: State, traj: Trajectory, q: int
              ) -> tuple[str, list[tuple[str, str, pygame.Color]]]:
        """The title and the lines (name, signed value, colour) of the popup for the target."""
        lang = self.ctx.lang
        target = self.target or ""
        at = traj.quarters[q]
        inds = state.scenario.index("indicator")
        ind = inds.get(target)
        if ind is not None:
            value = at.indicators[target]
            delta = value - traj.start.indicators[target]
            shown = lang.num(value, 1) + (f" {ind.unit}" if ind.unit else "")
            title = lang.t("playback.why_title", name=ind.name, quarter=lang.num(q), value=shown,
                           delta=lang.num(delta, 1, sign=True))
        elif target.startswith(WORKLOAD_PREFIX):
            metier = target[len(WORKLOAD_PREFIX):]
            needed, available = at.workload.get(metier, (0.0, 0.0))
            names = {m.id: m.name for m in state.scenario.metiers}
            title = lang.t("playback.why_title_workload", metier=names.get(metier, metier),
                           quarter=lang.num(q), needed=lang.num(needed, 1),
                           available=lang.num(available, 1))
        else:
            title = lang.t("playback.why_title_charges", quarter=lang.num(q),
                           value=lang.money(at.charges, cents=True),
                           base=lang.money(traj.start.charges, cents=True))
        try:
            parts = traj.why(target, q) if q > 0 else []
        except KeyError:
            parts = []
        out = []
        for c in parts:
            if ind is not None:
                text = lang.num(c.value, 1, sign=True)
                colour = change_colour(ind, c.value)
            elif target.startswith(WORKLOAD_PREFIX):  # hours: more work is the bad news
                text = lang.t("playback.why_hours", hours=lang.num(c.value, 1, sign=True))
                colour = DOWN if c.value > 0 else UP
            else:  # charges: a rise is bad for the tenants
                text = lang.money(c.value, cents=True, sign=True)
                colour = DOWN if c.value > 0 else UP
            out.append((contribution_name(state, c, lang), text, colour))
        return title, out

    def draw(self, target: pygame.Surface, area: pygame.Rect, state: State, traj: Trajectory,
             q: int) -> None:
        """Over the bottom left corner of `area` (the map), when open."""
        self.rect = None
        if self.target is None:
            return
        lang = self.ctx.lang
        title, lines = self.lines(state, traj, q)
        more = max(0, len(lines) - MAX_LINES)
        lines = lines[:MAX_LINES]
        pad = px(8)
        w = min(px(440), area.w - px(12))
        tf, f = font(13, bold=True), font(12)
        title_lines = wrap(title, tf, w - 2 * pad - px(20), max_lines=2)
        body = len(lines) or 1
        # the footer's popups say that another click there goes on to the métiers' hours
        hint = lang.t("playback.why_footer_hint") \
            if self.target is not None and self.target not in state.scenario.index("indicator") else ""
        hint_lines = wrap(hint, f, w - 2 * pad, max_lines=2) if hint else []
        h = pad + tf.get_linesize() * len(title_lines) + px(4) \
            + f.get_linesize() * (body + (more > 0) + len(hint_lines)) + pad
        r = pygame.Rect(area.x + px(6), area.bottom - h - px(6), w, h)
        pygame.draw.rect(target, FRAME, r.move(px(3), px(3)), border_radius=px(6))
        pygame.draw.rect(target, PAPER, r, border_radius=px(6))
        pygame.draw.rect(target, EDGE, r, 2, border_radius=px(6))
        y = r.y + pad
        for line in title_lines:
            target.blit(tf.render(line, True, EDGE), (r.x + pad, y))
            y += tf.get_linesize()
        close = tf.render("×", True, INK)
        target.blit(close, (r.right - pad - close.get_width(), r.y + pad))
        y += px(4)
        if not lines:
            target.blit(f.render(lang.t("playback.why_nothing"), True, INK), (r.x + pad, y))
            y += f.get_linesize()
        value_w = max((f.size(v)[0] for _, v, _ in lines), default=0)
        for name, value, colour in lines:
            v = f.render(value, True, colour)
            target.blit(v, (r.x + pad + value_w - v.get_width(), y))
            text = wrap(name, f, w - 2 * pad - value_w - px(10), max_lines=1)[0]
            target.blit(f.render(text, True, INK), (r.x + pad + value_w + px(10), y))
            y += f.get_linesize()
        if more:
            target.blit(f.render(lang.n("playback.why_more", more), True, INK),
                        (r.x + pad + value_w + px(10), y))
            y += f.get_linesize()
        for line in hint_lines:
            target.blit(f.render(line, True, EDGE), (r.x + pad, y))
            y += f.get_linesize()
        self.rect = r

    def click(self, pos: tuple[int, int]) -> bool:
        """A click on the popup closes it (True: it was there)."""
        if self.rect is None or not self.rect.collidepoint(pos):
            return False
        self.open(None)
        return True
