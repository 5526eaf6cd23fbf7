"""Event cards: what happened on the way, shown when the playback reaches it.

A card for each scenario event the simulation fired (title, description, cost, effects on the
indicators in the colour of their direction, « Trimestre 3 ») and for each experiment at its end
quarter (« Expérimentation … : gardée » or « arrêtée », and each criterion: the change against
the change asked for). The newest card opens when the playback moves on to its quarter (a change
of the plan only updates the tab); it can be
closed, and the cards so far stay a click away (a tab « Événements (3) », ‹ › between them).
Drawn over the top left corner of the map: the map's legend and compass are on its right.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ilot.game import palette as pal
from ilot.game.core.playback import LAST_QUARTER
from ilot.game.core.scenario import Scenario
from ilot.game.core.simulation import Trajectory
from ilot.game.text import Lang
from ilot.game.text.spaces import service_place

from .context import ClientContext
from .fonts import font, px, wrap
from .indicators import DOWN, UP, change_colour
from .playback import year_of
from .textruns import Run, blit_runs, wrap_runs

INK = pygame.Color(pal.TEXT_PAIRS["indicators"].fg)
PAPER = pygame.Color(pal.TEXT_PAIRS["indicators"].bg)
EDGE = pygame.Color(pal.ACCENT)
BUTTON = pygame.Color(pal.BUTTON)
FRAME = pygame.Color(pal.IND_FRAME)

CLOSE, PREV, NEXT, OPEN = "close", "prev", "next", "open"


@dataclass(frozen=True, slots=True)
class Card:
    quarter: int
    title: str
    text: str  # a description, may be empty
    lines: tuple[tuple[Run, ...], ...]  # lines of coloured runs: cost, effects, criteria
    key: str  # "event:<id>" or "experiment:<space>:<use>"


def effect_runs(sc: Scenario, lang: Lang, effects: dict[str, float]) -> tuple[Run, ...]:
    """« Tranquillité −5, Propreté +3 pts »: each effect in the colour of its direction."""
    inds = sc.index("indicator")
    runs: list[Run] = []
    for i, (ind_id, value) in enumerate(sorted(effects.items(), key=lambda kv: -abs(kv[1]))):
        ind = inds.get(ind_id)
        if ind is None:
            continue
        signed = lang.num(value, 1, sign=True)
        text = lang.t("playback.effect_unit", name=ind.name, value=signed, unit=ind.unit) \
            if ind.unit else lang.t("playback.effect", name=ind.name, value=signed)
        runs.append(((", " if i else "") + text, change_colour(ind, value)))
    return tuple(runs)


def build_cards(sc: Scenario, traj: Trajectory, lang: Lang) -> list[Card]:
    """Every card of the three years, by quarter (events before experiments)."""
    events = {e.id: e for e in sc.events}
    uses, spaces, inds = sc.index("use"), sc.index("space"), sc.index("indicator")
    cards: list[tuple[int, int, Card]] = []
    for q in traj.quarters:
        for ev_id in q.events:
            ev = events.get(ev_id)
            if ev is None:
                continue
            lines: list[tuple[Run, ...]] = []
            if ev.cost:
                lines.append(((lang.t("playback.event_cost", cost=lang.money(ev.cost)), INK),))
            effects = effect_runs(sc, lang, ev.effects)
            if effects:
                label = lang.t("playback.event_effects") if ev.duration_quarters is None else \
                    lang.n("playback.event_effects_for", ev.duration_quarters)
                lines.append(((label, INK), *effects))
            cards.append((q.q, 0, Card(q.q, ev.title, ev.description, tuple(lines),
                                       f"event:{ev_id}")))
    for x in traj.experiments:
        use, space = uses.get(x["use"]), spaces.get(x["space"])
        kept = bool(x["success"])
        where = space.name if space else x["space"] if x["space"] is not None \
            else service_place(lang, sc, x["use"])  # a service runs on no space
        names = {"use": use.name if use else x["use"], "space": where}
        title = lang.t("playback.experiment_kept", **names) if kept \
            else lang.t("playback.experiment_stopped", **names)
        lines = []
        for c in x["criteria"]:
            ind = inds.get(c["indicator"])
            met = c["change"] >= c["min_change"]
            lines.append(((lang.t("playback.criterion", name=ind.name if ind else c["indicator"],
                                  change=lang.num(c["change"], 1, sign=True),
                                  wanted=lang.num(c["min_change"], 1, sign=True)),
                           UP if met else DOWN),))
        why = lang.t("playback.experiment_why_kept") if kept \
            else lang.t("playback.experiment_why_stopped")
        cards.append((x["end"], 1, Card(x["end"], title, why, tuple(lines),
                                        f"experiment:{x['space']}:{x['use']}")))
    cards.sort(key=lambda c: (c[0], c[1]))
    return [c for _, _, c in cards]


class EventCards:
    """The cards reached so far and the one open, over the map's corner."""

    def __init__(self, ctx: ClientContext) -> None:
        self.ctx = ctx
        self.memory = ctx.memory("event_cards")
        self.hits: list[tuple[pygame.Rect, str]] = []
        self.rect: pygame.Rect | None = None  # the card (or the tab) drawn last
        self.shown: Card | None = None  # the card drawn last (None: the tab, or none)
        self._cache: tuple[object, list[Card]] | None = None

    def cards(self, sc: Scenario, traj: Trajectory, lang: Lang) -> list[Card]:
        key = (id(traj), lang.code)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, build_cards(sc, traj, lang))
        return self._cache[1]

    def follow(self, cards: list[Card], quarter: int) -> None:
        """`cards` are those reached at `quarter`. When the playback moves to a quarter that
        has a card, its card opens; going back closes what is not reached yet. Cards that come
        with a change of the plan only count in the tab; a window opened mid-playback shows the
        latest card (none on the playback at rest, on the last quarter)."""
        m = self.memory
        so_far = len(cards)
        opened = m.get("open")
        if m.get("seen") is None:  # this window's first look
            opened = so_far - 1 if so_far and quarter < LAST_QUARTER else None
        elif quarter != m.get("quarter") and so_far and cards[-1].quarter == quarter:
            opened = so_far - 1
        elif opened is not None and opened >= so_far:
            opened = so_far - 1 if so_far else None
        m.update(open=opened, seen=so_far, quarter=quarter)

    def draw(self, target: pygame.Surface, area: pygame.Rect, cards: list[Card], quarter: int
             ) -> None:
        """The open card in the top left corner of `area` (the map), or the tab; `cards`
        are those reached at `quarter`."""
        self.follow(cards, quarter)
        self.hits = []
        self.rect = None
        self.shown = None
        if not cards:
            return
        lang = self.ctx.lang
        opened = self.memory.get("open")
        pad = px(8)
        if opened is None:  # the tab: the cards so far are a click away
            f = font(12, bold=True)
            text = f.render(lang.t("playback.cards_tab", count=lang.num(len(cards))), True, INK)
            r = pygame.Rect(area.x + px(6), area.y + px(6), text.get_width() + 2 * pad,
                            text.get_height() + px(6))
            pygame.draw.rect(target, PAPER, r, border_radius=px(4))
            pygame.draw.rect(target, EDGE, r, 2, border_radius=px(4))
            target.blit(text, (r.x + pad, r.y + px(3)))
            self.hits = [(r, OPEN)]
            self.rect = r
            return
        card = self.shown = cards[opened]
        big = 3 if self.ctx.shared_screen else 0  # the projected screen: read from afar
        w = min(px(360 + 40 * big), max(px(220), int(area.w * 0.46)))
        inner = w - 2 * pad
        small, tf, bf = font(11 + big), font(14 + big, bold=True), font(12 + big)
        head = lang.t("playback.card_quarter", quarter=lang.num(card.quarter),
                      year=lang.num(year_of(card.quarter)))
        title = wrap(card.title, tf, inner, max_lines=2)
        body = wrap(card.text, bf, inner, max_lines=4) if card.text else []
        lines = [ln for runs in card.lines for ln in wrap_runs(list(runs), bf, inner, max_lines=5)]
        h = pad + small.get_linesize() + px(4) + tf.get_linesize() * len(title) + px(4) \
            + bf.get_linesize() * (len(body) + len(lines)) + (px(4) if body and lines else 0) + pad
        h = min(h, area.h - px(12))
        r = pygame.Rect(area.x + px(6), area.y + px(6), w, h)
        shadow = r.move(px(3), px(3))
        pygame.draw.rect(target, FRAME, shadow, border_radius=px(6))
        pygame.draw.rect(target, PAPER, r, border_radius=px(6))
        pygame.draw.rect(target, EDGE, r, 2, border_radius=px(6))
        clip = target.get_clip()
        target.set_clip(r.inflate(-2, -2))
        y = r.y + pad
        target.blit(small.render(head, True, INK), (r.x + pad, y))
        # ‹ 2/3 › and ×, at the top right
        bs = small.get_linesize() + px(2)
        x = r.right - pad - bs
        for name, glyph in ((CLOSE, "×"), (NEXT, "›"), (PREV, "‹")):
            b = pygame.Rect(x, y - px(2), bs, bs)
            enabled = name == CLOSE or (name == NEXT and opened < len(cards) - 1) \
                or (name == PREV and opened > 0)
            pygame.draw.rect(target, BUTTON, b, border_radius=px(3))
            pygame.draw.rect(target, FRAME, b, 1, border_radius=px(3))
            g = font(13, bold=True).render(glyph, True, INK if enabled else FRAME)
            target.blit(g, g.get_rect(center=b.center))
            if enabled:
                self.hits.append((b, name))
            x -= bs + px(3)
            if name == NEXT:
                count = small.render(lang.t("playback.card_count", n=lang.num(opened + 1),
                                            total=lang.num(len(cards))), True, INK)
                x -= count.get_width() + px(2)
                target.blit(count, (x + bs + px(1), y))
        y += small.get_linesize() + px(4)
        for line in title:
            target.blit(tf.render(line, True, EDGE), (r.x + pad, y))
            y += tf.get_linesize()
        y += px(4)
        for line in body:
            target.blit(bf.render(line, True, INK), (r.x + pad, y))
            y += bf.get_linesize()
        if body and lines:
            y += px(4)
        for runs in lines:
            blit_runs(target, runs, bf, (r.x + pad, y))
            y += bf.get_linesize()
        target.set_clip(clip)
        self.rect = r

    def click(self, pos: tuple[int, int]) -> bool:
        """A click on the card or its tab: True when it was there (the map does not get it)."""
        if self.rect is None or not self.rect.collidepoint(pos):
            return False
        m = self.memory
        for r, name in self.hits:
            if r.collidepoint(pos):
                opened = m.get("open")
                if name == CLOSE:
                    m["open"] = None
                elif name == OPEN:
                    m["open"] = max(0, (m.get("seen") or 1) - 1)
                elif name == NEXT and opened is not None:
                    m["open"] = opened + 1
                elif name == PREV and opened is not None:
                    m["open"] = max(0, opened - 1)
        return True
