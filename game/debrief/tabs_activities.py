"""The replay's activity tabs: Projets, Diagnostic, Ressources, Café, Ateliers, Arguments.

Each shows the same rows as the report's act-* subsections (activities.py), for the state at
the cursor. A tab draws top-down from `r.top` within `r.width`, never looks at `r.height` or
`r.bottom`, and returns the bottom y it reached: the viewer scrolls what is taller than the
panel. People are named as in the other tabs (display names: the replay is shown to the group,
who were all in the room).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import pygame

from ilot.game.text import N_

from ..core.geometry import Fit
from ..core.state import State
from .activities import Activities
from .draw import ACCENT, BAD, GOOD, INK, LINE, MID, MUTED, PANEL, stacked, text, wrap
from .naming import shown_names

if TYPE_CHECKING:
    from .viewer import Viewer

TABS = {"projects": N_("acts.tab.projects"), "diagnosis": N_("acts.tab.diagnosis"),
        "resources": N_("acts.tab.resources"), "cafe": N_("acts.tab.cafe"),
        "drafts": N_("acts.tab.drafts"), "arguments": N_("acts.tab.arguments")}
LINE_H = 17
SHOWN = 8  # rows per place / group in a tab (the newest); the report has them all
MAP_W, MAP_H = 200, 130


class _Pen:
    """Writes lines top-down in a column and remembers how far it went; with `record`, keeps
    each rendered line (image, offset from the column's top-left) to draw it again."""

    def __init__(self, v: Viewer, r: pygame.Rect, record: list[tuple[pygame.Surface, int, int]] | None = None):
        self.scr, self.f, self.x, self.w, self.y = v.screen, v.fonts, r.x, r.w, r.y
        self.x0, self.y0, self.record = r.x, r.y, record

    def _put(self, font: pygame.font.Font, s: str, x: int, colour, max_width: int | None = None) -> None:
        img = _line(font, s, colour, max_width)
        self.scr.blit(img, (x, self.y))
        if self.record is not None:
            self.record.append((img, x - self.x0, self.y - self.y0))

    def title(self, s: str) -> None:
        self.y += 4
        self._put(self.f.bold, s, self.x, ACCENT, self.w)
        self.y += 22

    def head(self, s: str, indent: int = 0) -> None:
        self._put(self.f.body, s, self.x + indent, INK, self.w - indent)
        self.y += 19

    def para(self, s: str, colour=INK, indent: int = 0, font: pygame.font.Font | None = None) -> None:
        font = font or self.f.small
        for line in wrap(font, s, self.w - indent - 4):  # a few px for the kerning
            self._put(font, line, self.x + indent, colour)
            self.y += LINE_H

    def gap(self, h: int = 6) -> None:
        self.y += h

    def rows(self, v: Viewer, lines: list[str], indent: int = 10) -> None:
        """The last SHOWN lines (the newest), and how many more there are."""
        if len(lines) > SHOWN:
            self.para(v.lang.n("acts.tab.more", len(lines) - SHOWN), MUTED, indent=indent)
        for line in lines[-SHOWN:]:
            self.para(line, indent=indent)


def _line(font: pygame.font.Font, s: str, colour, max_width: int | None) -> pygame.Surface:
    """One line as draw.text writes it (no-break spaces as spaces, cut with … to the width)."""
    s = s.replace("\u00a0", " ").replace("\u202f", " ")
    if max_width is not None and font.size(s)[0] > max_width:
        while s and font.size(s + "…")[0] > max_width:
            s = s[:-1]
        s += "…"
    return font.render(s, True, colour)


_DRAWN: WeakKeyDictionary[Viewer, dict[str, tuple[Hashable, list[tuple[pygame.Surface, int, int]], int]]] \
    = WeakKeyDictionary()


def _cached(v: Viewer, r: pygame.Rect, key: str, draw: Callable[[Viewer, _Pen], int],
            sig: Callable[[State], Hashable]) -> int:
    """A text-only tab: its lines wrapped and rendered once for what it shows (`sig`, the part
    of the state it reads: the same at many cursor positions while playing), then only blitted
    again, wherever the viewer puts the column's top."""
    k = f"{key}.{r.x}.{r.w}"
    mine = _DRAWN.setdefault(v, {})
    now = (sig(v.state), tuple((pid, p.name) for pid, p in v.state.participants.items()))
    hit = mine.get(k)
    if hit is not None and hit[0] == now:
        for img, dx, dy in hit[1]:
            v.screen.blit(img, (r.x + dx, r.y + dy))
        return r.y + hit[2]
    record: list[tuple[pygame.Surface, int, int]] = []
    bottom = draw(v, _Pen(v, r, record))
    mine[k] = (now, record, bottom - r.y)
    return bottom


def _notes_sig(s: State) -> Hashable:
    return tuple((n.id, n.text, n.kind, n.space, n.role, tuple(n.enjeux)) for n in s.notes.values())


def _resources_sig(s: State) -> Hashable:
    return tuple(s.resources)


def _cafe_sig(s: State) -> Hashable:
    return (tuple(s.cafe_notes), tuple((k, line.space, tuple(line.notes)) for k, line in s.space_cards.items()))


def _arguments_sig(s: State) -> Hashable:
    return (tuple(s.arguments), tuple((g.id, g.number) for g in s.groups.values()),
            tuple((p.id, p.title, p.group) for p in s.proposals.values()))


def _acts(v: Viewer) -> Activities:
    return Activities(v.state, v.lang, shown_names(v.state, v.lang))


def _data(v: Viewer, key: str, make: Callable[[Activities], Any]) -> Any:
    """A section's rows, computed once per cursor position (the viewer clears `_cache` on
    every seek): redrawing the same moment only draws."""
    k = f"acts.{key}"
    if k not in v._cache:
        v._cache[k] = make(_acts(v))
    return v._cache[k]


def _none(p: _Pen, v: Viewer) -> int:
    p.para(v.lang.t("acts.none"), MUTED, font=p.f.body)
    return p.y


def projects(v: Viewer, r: pygame.Rect) -> int:
    p, lang, t = _Pen(v, r), v.lang, v.lang.t
    data = _data(v, "projects", Activities.projects)
    p.title(t("acts.projects.title"))
    if not data["rows"]:
        return _none(p, v)
    colours = (GOOD, MID, BAD)
    for (title, origin, *counts), values in zip(data["rows"], data["counts"], strict=True):
        p.head(title)
        stacked(p.scr, pygame.Rect(p.x + 8, p.y + 3, 90, 9), list(zip(values, colours, strict=True)),
                max(1, sum(values)))
        words = " · ".join(f"{t(k)} {c}" for k, c in zip(
            ("term.reaction.inspire", "term.reaction.question", "term.reaction.doute", "acts.col.comments"),
            counts, strict=True))
        text(p.scr, p.f.small, f"{words} — {origin}", (p.x + 106, p.y), MUTED, p.w - 106)
        p.y += LINE_H + 2
    p.gap()
    if data["inspiring"]:
        p.para(lang.label(t("acts.projects.inspiring").rstrip(" :\u00a0"), lang.join(data["inspiring"])))
    if data["discussed"]:
        p.para(lang.label(t("acts.projects.discussed").rstrip(" :\u00a0"), lang.join(data["discussed"])))
    return p.y


def diagnosis(v: Viewer, r: pygame.Rect) -> int:
    return _cached(v, r, "diagnosis", _diagnosis, _notes_sig)


def _diagnosis(v: Viewer, p: _Pen) -> int:
    t = v.lang.t
    p.title(t("acts.diag.title"))
    if not v.state.notes:
        return _none(p, v)
    p.para(t("acts.diag.legend"), MUTED)
    for name, rows in _data(v, "by_space", Activities.notes_by_space):
        p.head(name)
        p.rows(v, [f"{kind} · {note} — {enjeux} · {role}, {who}" for kind, note, enjeux, role, who in rows])
        p.gap(4)
    p.title(t("acts.diag.diverge"))
    for enjeu, raised, _missing, diverge in _data(v, "diverge", Activities.divergences):
        p.head(enjeu)
        p.para(v.lang.label(t("acts.col.raised_by"), raised), MUTED, indent=10)
        p.para(diverge, indent=10)
    return p.y


def resources(v: Viewer, r: pygame.Rect) -> int:
    return _cached(v, r, "resources", _resources, _resources_sig)


def _resources(v: Viewer, p: _Pen) -> int:
    t = v.lang.t
    data = _data(v, "resources", Activities.resources)
    p.title(t("acts.res.title"))
    if not data["spaces"]:
        return _none(p, v)
    shown = [(name, ideas) for name, _offers, ideas in data["spaces"] if ideas]
    if not shown:
        p.para(t("acts.res.no_idea"), MUTED)
    for name, ideas in shown:
        p.head(name)
        p.rows(v, [f"• {idea}" for idea in ideas])
    p.title(t("acts.res.by_metier"))
    for metier, n, services, spaces, maintains, _hours in data["metiers"]:
        p.head(f"{metier} ({n})")
        p.para(v.lang.label(t("acts.col.services"), services) + " · "
               + v.lang.label(t("acts.col.spaces"), spaces), indent=10)
        p.para(v.lang.label(t("acts.col.maintains"), maintains), MUTED, indent=10)
    return p.y


def cafe(v: Viewer, r: pygame.Rect) -> int:
    return _cached(v, r, "cafe", _cafe, _cafe_sig)


def _cafe(v: Viewer, p: _Pen) -> int:
    lang = v.lang
    data = _data(v, "cafe", Activities.cafe)
    p.title(lang.t("acts.cafe.title"))
    if not data["filled"]:
        return _none(p, v)
    for name, rows in data["spaces"]:
        p.head(name)
        p.rows(v, [f"{lang.t('acts.col.rotation')} {rotation} · {table} — {note} — {who}"
                   for table, rotation, note, who in rows])
        p.gap(4)
    if data["unfiled"]:
        p.para(lang.n("acts.cafe.unfiled", data["unfiled"]), MUTED)
    return p.y


def drafts(v: Viewer, r: pygame.Rect) -> int:
    p, lang = _Pen(v, r), v.lang
    p.title(lang.t("acts.drafts.title"))
    data = _data(v, "drafts", Activities.drafts)
    if not data["cards"]:
        return _none(p, v)
    sc = v.state.scenario
    for card in data["cards"]:
        p.head(lang.t("acts.tab.group_line", name=card["name"], members=card["members"]))
        top = p.y
        _mini_map(p.scr, pygame.Rect(p.x, top, MAP_W, MAP_H), sc,
                  {space: use for space, (use, _year) in card["placements"].items()})
        col = _Pen(v, pygame.Rect(p.x + MAP_W + 10, top, p.w - MAP_W - 10, 0))
        col.para(lang.t("acts.tab.draft_figures", charges=card["charges"], invested=card["invested"],
                        effects=", ".join(card["effects"]) or "—"))
        for space, use, _why, _by in card["rows"]:  # at most one per space: all of them
            col.para(f"• {lang.label(space, use)}", MUTED)
        p.y = max(top + MAP_H, col.y) + 10
    return p.y


def _mini_map(surf: pygame.Surface, box: pygame.Rect, sc, placements: dict[str, str]) -> None:
    """The block from above, small: the draft's spaces in their use's colour and outlined."""
    fit = Fit(sc.map.width, sc.map.height, box)
    pygame.draw.rect(surf, PANEL, box)
    uses = sc.index("use")
    for b in sc.buildings:
        pygame.draw.polygon(surf, LINE, [fit.to_box(*q) for q in b.polygon])
    for s in sc.play_spaces():
        pts = [fit.to_box(*q) for q in s.polygon]
        use = uses.get(placements.get(s.id, ""))
        if use is not None:
            pygame.draw.polygon(surf, pygame.Color(use.colour), pts)
            pygame.draw.polygon(surf, INK, pts, 2)
        else:
            pygame.draw.polygon(surf, MUTED, pts, 1)
    pygame.draw.rect(surf, LINE, box, 1)


def arguments(v: Viewer, r: pygame.Rect) -> int:
    return _cached(v, r, "arguments", _arguments, _arguments_sig)


def _arguments(v: Viewer, p: _Pen) -> int:
    lang = v.lang
    groups = _data(v, "arguments", Activities.arguments)
    p.title(lang.t("acts.args.title"))
    if not groups:
        return _none(p, v)
    for g in groups:
        p.head(lang.t("acts.tab.group_proposals", name=g["name"], proposals=g["proposals"])
               if g["proposals"] else g["name"])
        p.para(g["counts"], MUTED, indent=10)
        p.rows(v, [f"{side} · {arg} — {who}" for side, arg, who in g["rows"]])
        p.gap(4)
    return p.y


DRAW: dict[str, Callable[[Viewer, pygame.Rect], int]] = {
    "projects": projects, "diagnosis": diagnosis, "resources": resources, "cafe": cafe,
    "drafts": drafts, "arguments": arguments,
}

# the tabs' registry entries (tabs.REGISTRY): name, label key, function
MORE = [(name, key, DRAW[name]) for name, key in TABS.items()]

__all__ = ["DRAW", "MORE", "TABS"]
