"""The replay viewer's right-hand tabs, each drawn from the state at the cursor.

Journal, Plan, Participation, Consentement, Indicateurs, Attentes, Objectifs, Notes: one
function per tab, registered in `REGISTRY` (one line per tab: its name, its label's key, its
function; the viewer's tab bar and `DRAW` follow it). Consentement: `tabs_consent.py`.

The contract of a tab function `f(v, r) -> int | None` (the viewer scrolls what it draws):
- draw top-down from `r.top`, inside `r.x … r.right`, on `v.screen`; never stop at, or lay out
  from, `r.height` / `r.bottom` (the panel's visible height is not the tab's);
- return the bottom y reached (an int), or None for a tab that always fits (old style);
- the viewer has set `v.screen`'s clip to the visible panel and moved `r.top` up by the scroll
  offset; `draw.text` skips lines outside the clip, and a long list may draw only the rows in
  `visible_rows(...)`, but must still return its full height.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from ilot.game.palette import series_style
from ilot.game.text import N_
from ilot.game.text.objectives import objective_measure, status_word

from . import analysis as an
from . import tabs_activities
from .barometre import barometre_rows
from .describe import describe
from .draw import (
    ACCENT,
    BAD,
    GOOD,
    HIGHLIGHT,
    INK,
    MID,
    MUTED,
    ROLE_COLOURS,
    YEAR_TEXT,
    bar,
    dashed,
    line_chart,
    text,
    wrap,
)
from .plan_table import plan_line
from .tabs_consent import consent
from .words import clock

if TYPE_CHECKING:
    from .viewer import Viewer


def visible_rows(v: Viewer, top: int, line_h: int, n: int) -> range:
    """The rows (of `n`, `line_h` high from `top`) that show in the panel's clip."""
    clip = v.screen.get_clip()
    first = max(0, (clip.top - top) // line_h)
    return range(first, max(first, min(n, (clip.bottom - top) // line_h + 1)))


def events(v: Viewer, r: pygame.Rect) -> int:
    """Every event up to the cursor, the current one highlighted (the viewer keeps it in view)."""
    f = v.fonts
    final = v.tl.final
    line_h = 19
    for i in visible_rows(v, r.y, line_h, v.cursor):  # a long session: only the rows shown
        e = v.tl.events[i]
        y = r.y + i * line_h
        if i == v.cursor - 1:
            pygame.draw.rect(v.screen, HIGHLIGHT, (r.x - 4, y - 1, r.w + 8, line_h))
        w = text(v.screen, f.small, v.lang.time(e.t), (r.x, y + 1), MUTED)
        text(v.screen, f.small, describe(e, final, v.lang), (r.x + max(44, w + 8), y + 1), INK, r.w - 46)
    return r.y + v.cursor * line_h


def plan(v: Viewer, r: pygame.Rect) -> int:
    """Proposals, schéma directeur, action plan and charter as they stood at the cursor."""
    f, scr, s = v.fonts, v.screen, v.state
    sc = v.rec.scenario
    lang = v.lang
    names = {pid: p.name for pid, p in s.participants.items()}
    names["trainer"] = lang.t("term.actor.trainer")
    lines: list[tuple[object, str, tuple]] = []
    lines.append((f.bold, lang.t("debrief.proposals_n", n=lang.num(len(s.proposals))), ACCENT))
    for p in s.proposals.values():
        status = f"term.proposal_status.{p.status}"
        lines.append((f.small, lang.t("debrief.proposal_line", title=lang.quote(p.title),
                                      status=lang.t(status) if lang.has(status) else p.status,
                                      author=names.get(p.author, p.author),
                                      uses=lang.n("debrief.uses_n", len(p.placements))), INK))
    uses, spaces = sc.index("use"), sc.index("space")
    lines.append((f.bold, lang.n("debrief.schema_n", len(s.schema)), ACCENT))
    for space, pl in sorted(s.schema.items(), key=lambda kv: (kv[1].year, kv[0])):
        use = uses[pl.use].name if pl.use in uses else pl.use
        lines.append((f.small, lang.t("debrief.schema_line", year=pl.year, use=use,
                                      space=spaces[space].name if space in spaces else space),
                      YEAR_TEXT.get(pl.year, INK)))
    final = [i for i in s.plan.values() if i.final]
    items = sorted(final or list(s.plan.values()), key=lambda i: (i.quarter, i.id))
    title = lang.t("debrief.final_plan") if final else lang.t("debrief.draft_plan")
    heading = (lang.n("debrief.plan_n_adopted", len(items), title=title) if s.final_adopted
               else lang.n("debrief.plan_n", len(items), title=title))
    lines.append((f.bold, heading, ACCENT))
    for i in items:  # each with its group of origin (plan_table.plan_line)
        lines.append((f.small, plan_line(s, i, lang), INK))
    rules = sc.index("rule")
    lines.append((f.bold, lang.n("debrief.charter_n_adopted", len(s.charter)) if s.charter_adopted
                  else lang.n("debrief.charter_n", len(s.charter)), ACCENT))
    for e in s.charter.values():
        lines.append((f.small, rules[e.rule].title if e.rule in rules else e.rule, INK))
    y = r.y
    for font, line, colour in lines:
        text(scr, font, line, (r.x + (0 if font is f.bold else 8), y), colour, r.w - 8)
        y += 21 if font is f.bold else 17
    return y


def people(v: Viewer) -> list:
    rows = v._cache.get("people")
    if rows is None:
        rows = v._cache["people"] = an.people(v.state, v.tl.events[: v.cursor])
    return rows


def participation(v: Viewer, r: pygame.Rect) -> int:
    f, scr = v.fonts, v.screen
    rows = people(v)
    lang = v.lang
    groups = an.by_role(rows, {**an.role_names(v.rec.scenario), "none": lang.t("term.role.none")})
    text(scr, f.bold, lang.t("debrief.by_role"), (r.x, r.y), INK, r.w)
    y = r.y + 24
    top = max([g.spoke for g in groups] + [1])
    for g in groups:
        text(scr, f.small, f"{g.label} ({lang.num(g.people)})", (r.x, y), INK, 190)
        bar(scr, pygame.Rect(r.x + 195, y + 2, 190, 12), g.spoke, 0, top, ROLE_COLOURS["resident"])
        text(scr, f.small, " · ".join(lang.num(x) for x in (g.spoke, g.counts.get("positions", 0),
                                                             g.counts.get("actions", 0))),
             (r.x + 392, y), INK)
        y += 20
    y += 6
    text(scr, f.bold, lang.t("debrief.by_persona"), (r.x, y))
    y += 22
    personas = an.by_persona(rows)
    top = max([g.spoke for g in personas] + [1])
    for g in personas:
        text(scr, f.small, g.label, (r.x, y), INK, 190)
        bar(scr, pygame.Rect(r.x + 195, y + 2, 190, 12), g.spoke, 0, top, pygame.Color(series_style(0)[0]))
        text(scr, f.small, lang.num(g.spoke), (r.x + 392, y))
        y += 18
    y += 6
    quiet = an.quiet(rows)
    text(scr, f.bold, lang.t("debrief.quiet"), (r.x, y), BAD)
    y += 22
    names = lang.join(p.name for p in quiet) or lang.t("debrief.nobody")
    for line in wrap(f.small, names, r.w):
        text(scr, f.small, line, (r.x, y))
        y += 18
    return y


def indicators(v: Viewer, r: pygame.Rect) -> int:
    f, scr = v.fonts, v.screen
    curve = v.tl.indicator_curve()
    text(scr, f.bold, v.lang.t("debrief.curve"), (r.x, r.y))
    inds = v.rec.scenario.indicators
    series = [[(i, v[ind.id]) for i, _, v in curve] for ind in inds]
    lo = min([ind.min for ind in inds])
    hi = max([ind.max for ind in inds])
    chart = pygame.Rect(r.x, r.y + 24, r.w, 300)
    line_chart(scr, chart, series, (0, max(1, len(v.tl))), (lo, hi), v.cursor)
    y = chart.bottom + 8
    col = r.w // 2
    for i, ind in enumerate(inds):  # each line's own colour (and dash after ten)
        colour, dash = series_style(i)
        x = r.x + (i % 2) * col
        dashed(scr, pygame.Color(colour), [(x, y + 8), (x + 22, y + 8)], 3, dash, closed=False)
        text(scr, f.small, ind.name, (x + 28, y), INK, col - 32)
        if i % 2:
            y += 18
    y += 28 if len(inds) % 2 else 10
    for line in wrap(f.small, v.lang.t("debrief.curve_note"), r.w):
        text(scr, f.small, line, (r.x, y), MUTED)
        y += 17
    return y


def expectations(v: Viewer, r: pygame.Rect) -> int:
    """Each person's expectation (shared with all at the accueil); the evaluations by name only
    in the trainer's view, else counted and averaged without names, comments unsigned."""
    f, scr, lang = v.fonts, v.screen, v.lang
    y = r.y
    questions = v.rec.scenario.evaluation
    rows = an.expectations_and_evaluations(v.state)
    y = _barometre(v, r)
    if not v.trainer:
        y = _anonymous_evaluations(v, r.move(0, y - r.y), rows)
    for row in rows:
        text(scr, f.bold, row["name"], (r.x, y), INK, 150)
        exp = row["expectation"] or "—"
        text(scr, f.small, lang.label(lang.t("debrief.expectation"), exp), (r.x + 150, y + 1), INK, r.w - 150)
        y += 18
        if not v.trainer:
            y += 4
            continue
        if row["evaluated"]:
            answers = " ".join(lang.num(row["answers"][q.id]) if q.id in row["answers"] else "–"
                               for q in questions)
            ev = (lang.label(lang.t("debrief.evaluation"), answers)
                  + (f" — {row['comment']}" if row["comment"] else ""))
        else:
            ev = lang.label(lang.t("debrief.evaluation"), lang.t("debrief.no_answer"))
        text(scr, f.small, ev, (r.x + 150, y), MUTED, r.w - 150)
        y += 22
    return y


def _barometre(v: Viewer, r: pygame.Rect) -> int:
    """The baromètre at the cursor, anonymous as on the screens: per statement, how many placed
    themselves and the mean, before (accueil) and after (synthèse); the y below it."""
    f, scr, lang = v.fonts, v.screen, v.lang
    rows = barometre_rows(v.state, lang)
    if not rows or all(before == after == "—" for _, before, after in rows):
        return r.y
    y = r.y
    text(scr, f.bold, lang.t("report.barometre"), (r.x, y), INK, r.w)
    y += 20
    before, after = lang.t("term.barometre_round.before"), lang.t("term.barometre_round.after")
    for statement, b, a in rows:
        for line in wrap(f.small, statement, r.w):
            text(scr, f.small, line, (r.x, y), INK)
            y += 17
        for line in wrap(f.small, f"{lang.label(before, b)} · {lang.label(after, a)}", r.w - 12):
            text(scr, f.small, line, (r.x + 12, y), MUTED)
            y += 17
        y += 4
    return y + 12


def _anonymous_evaluations(v: Viewer, r: pygame.Rect, rows: list) -> int:
    """The evaluations without names (the report's way): how many, the mean per question, the
    comments in alphabetical order (each once, with a count); returns the y below them."""
    f, scr, lang = v.fonts, v.screen, v.lang
    y = r.y
    n = sum(1 for row in rows if row["evaluated"])
    text(scr, f.bold, lang.n("share.replay.evaluated", n), (r.x, y), INK, r.w)
    y += 20
    if n:
        means = an.evaluation_means(v.state)
        parts = [f"{k + 1}. {lang.num(means[q.id] or 0, 1)}" for k, q in enumerate(v.rec.scenario.evaluation)
                 if means.get(q.id) is not None]
        text(scr, f.small, lang.t("share.replay.means", means=" · ".join(parts)), (r.x, y), INK, r.w)
        y += 18
        same = Counter(row["comment"] for row in rows if row["comment"])
        for comment in sorted(same):  # the same comment once, with how many wrote it
            times = f" ×{lang.num(same[comment])}" if same[comment] > 1 else ""
            text(scr, f.small, lang.quote(comment) + times, (r.x + 12, y), MUTED, r.w - 12)
            y += 18
    text(scr, f.small, lang.t("share.replay.anonymous_hint"), (r.x, y), MUTED, r.w)
    return y + 26


def objectives(v: Viewer, r: pygame.Rect) -> int:
    f, scr = v.fonts, v.screen
    y = r.y
    for o in an.objectives(v.state, v.simulation()):
        players = v.lang.join(o["players"]) or "—"
        text(scr, f.bold, f"{o['name']} ({players})", (r.x, y), INK, r.w)
        y += 19
        for obj in o["objectives"]:
            met = obj["met"]
            mark = status_word(v.lang, obj["verdict"])
            colour = GOOD if met else BAD if met is False else MID
            w = text(scr, f.small, mark, (r.x + 8, y), colour)
            x = r.x + 16 + max(w, 70)
            measure = objective_measure(v.lang, v.state.scenario, v.simulation(), obj["verdict"])
            # whole, on as many lines as it takes (the tab scrolls)
            for line, ink in [(ln, INK) for ln in wrap(f.small, obj["text"], r.right - x)] + \
                    [(ln, MUTED) for ln in (wrap(f.small, measure, r.right - x) if measure else [])]:
                text(scr, f.small, line, (x, y), ink, r.right - x)
                y += 17
        y += 4
    return y


def notes(v: Viewer, r: pygame.Rect) -> int:
    f, scr = v.fonts, v.screen
    y = r.y
    notes = v.rec.notes()
    if not notes:
        text(scr, f.body, v.lang.t("debrief.no_notes"), (r.x, y), MUTED, r.w)
        y += 20
    for n in notes:
        w = text(scr, f.bold, clock(v.lang, n["at"], v.tl.start_time), (r.x, y), ACCENT)
        for line in wrap(f.small, n["text"], r.w - w - 10):
            text(scr, f.small, line, (r.x + w + 10, y + 1))
            y += 17
        y += 4
    return y


TabFn = Callable[["Viewer", pygame.Rect], "int | None"]
# the tabs, in the tab bar's order: (name, its label's catalogue key, its function). Adding a
# tab is one line here (or `REGISTRY += MORE` from a module of tabs).
REGISTRY: list[tuple[str, str, TabFn]] = [
    ("events", N_("debrief.tab.events"), events),
    ("plan", N_("debrief.tab.plan"), plan),
    ("participation", N_("debrief.tab.participation"), participation),
    ("consent", N_("debrief.tab.consent"), consent),
    ("indicators", N_("debrief.tab.indicators"), indicators),
    ("expectations", N_("debrief.tab.expectations"), expectations),
    ("objectives", N_("debrief.tab.objectives"), objectives),
    ("notes", N_("debrief.tab.notes"), notes),
    *tabs_activities.MORE,  # Projets, Diagnostic, Ressources, Café, Ateliers, Arguments
]
DRAW: dict[str, TabFn] = {name: fn for name, _, fn in REGISTRY}
FOLLOW = {"events"}  # tabs kept scrolled to their end (the current event) after each seek
