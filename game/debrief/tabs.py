"""The replay viewer's right-hand tabs, each drawn from the state at the cursor.

Journal, Plan, Participation, Consentement, Indicateurs, Attentes, Objectifs, Notes: one
function per tab, `DRAW[name](viewer, rect)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame

from . import analysis as an
from .describe import describe
from .draw import ACCENT, INK, MUTED, SERIES, YEAR_COLOURS, bar, line_chart, stacked, text, wrap
from .i18n import clock, colon, euros, tr

if TYPE_CHECKING:
    from .viewer import Viewer


def events(v: "Viewer", r: pygame.Rect) -> None:
    f = v.fonts
    final = v.tl.final
    line_h = 19
    rows = (r.h - 4) // line_h
    lo = max(0, v.cursor - rows)
    y = r.y
    for i in range(lo, v.cursor):
        e = v.tl.events[i]
        current = i == v.cursor - 1
        if current:
            pygame.draw.rect(v.screen, (255, 243, 205), (r.x - 4, y - 1, r.w + 8, line_h))
        who = clock(e.t, v.tl.start_time, v.lang)[3:]
        text(v.screen, f.small, who, (r.x, y + 2), MUTED)
        text(v.screen, f.small, describe(e, final, v.lang), (r.x + 44, y + 2), INK, r.w - 46)
        y += line_h


def plan(v: "Viewer", r: pygame.Rect) -> None:
    """Proposals, schéma directeur, action plan and charter as they stood at the cursor."""
    f, scr, s = v.fonts, v.screen, v.state
    sc = v.rec.scenario
    names = {pid: p.name for pid, p in s.participants.items()}
    lang = v.lang
    names["trainer"] = tr("trainer", lang)
    status = {k: tr(f"p_{k}", lang) for k in ("open", "adopted", "withdrawn", "merged")}
    quote = "“{}”" if lang == "en" else "« {} »"
    lines: list[tuple[object, str, tuple]] = []
    lines.append((f.bold, tr("proposals_n", lang, n=len(s.proposals)), ACCENT))
    for p in s.proposals.values():
        lines.append((f.small, f"{quote.format(p.title)} — {status.get(p.status, p.status)} · "
                               f"{names.get(p.author, p.author)} · {tr('uses_n', lang, n=len(p.placements))}",
                      INK))
    uses, spaces = sc.index("use"), sc.index("space")
    lines.append((f.bold, tr("schema_n", lang, n=len(s.schema)), ACCENT))
    for space, pl in sorted(s.schema.items(), key=lambda kv: (kv[1].year, kv[0])):
        use = uses[pl.use].name if pl.use in uses else pl.use
        lines.append((f.small, tr("schema_line", lang, year=pl.year, use=use,
                                  space=spaces[space].name if space in spaces else space),
                      YEAR_COLOURS.get(pl.year, INK)))
    final = [i for i in s.plan.values() if i.final]
    items = sorted(final or list(s.plan.values()), key=lambda i: (i.quarter, i.id))
    title = tr("final_plan" if final else "draft_plan", lang)
    lines.append((f.bold, tr("actions_n", lang, title=title, n=len(items))
                  + (tr("plan_adopted", lang) if s.final_adopted else ""), ACCENT))
    payers = {"bailleur": tr("payer_bailleur", lang), "charges": tr("payer_charges", lang)}
    for i in items:
        lines.append((f.small, f"{tr('quarter', lang, q=i.quarter)} {i.what} · {euros(i.cost, lang)} "
                               f"({payers.get(i.payer, i.payer)})"
                               + (tr("experiment", lang) if i.experiment else ""), INK))
    rules = sc.index("rule")
    lines.append((f.bold, tr("charter_n", lang, n=len(s.charter))
                  + (tr("charter_adopted", lang) if s.charter_adopted else ""), ACCENT))
    for e in s.charter.values():
        lines.append((f.small, rules[e.rule].title if e.rule in rules else e.rule, INK))
    y = r.y
    for font, line, colour in lines:
        if y > r.bottom - 16:
            text(scr, f.small, "…", (r.x, y), MUTED)
            break
        text(scr, font, line, (r.x + (0 if font is f.bold else 8), y), colour, r.w - 8)
        y += 20 if font is f.bold else 17


def people(v: "Viewer") -> list:
    rows = v._cache.get("people")
    if rows is None:
        rows = v._cache["people"] = an.people(v.state, v.tl.events[: v.cursor])
    return rows


def participation(v: "Viewer", r: pygame.Rect) -> None:
    f, scr = v.fonts, v.screen
    rows = people(v)
    groups = an.by_role(rows, {**an.role_names(v.rec.scenario), "none": tr("no_role", v.lang)})
    text(scr, f.bold, tr("by_role", v.lang), (r.x, r.y), INK, r.w)
    y = r.y + 24
    top = max([g.spoke for g in groups] + [1])
    for g in groups:
        text(scr, f.small, f"{g.label} ({g.people})", (r.x, y), INK, 190)
        bar(scr, pygame.Rect(r.x + 195, y + 2, 190, 12), g.spoke, 0, top, (42, 157, 143))
        text(scr, f.small, f"{g.spoke} · {g.counts.get('positions', 0)} · {g.counts.get('actions', 0)}",
             (r.x + 392, y), INK)
        y += 20
    y += 6
    text(scr, f.bold, tr("by_persona", v.lang), (r.x, y))
    y += 22
    personas = an.by_persona(rows)
    top = max([g.spoke for g in personas] + [1])
    for g in personas[:10]:
        text(scr, f.small, g.label, (r.x, y), INK, 190)
        bar(scr, pygame.Rect(r.x + 195, y + 2, 190, 12), g.spoke, 0, top, (31, 119, 180))
        text(scr, f.small, str(g.spoke), (r.x + 392, y))
        y += 18
    y += 6
    quiet = an.quiet(rows)
    text(scr, f.bold, tr("quiet", v.lang), (r.x, y), (200, 55, 45))
    y += 22
    names = ", ".join(p.name for p in quiet) or tr("nobody", v.lang)
    for line in wrap(f.small, names, r.w)[: max(1, (r.bottom - y) // 18)]:
        text(scr, f.small, line, (r.x, y))
        y += 18


def consent(v: "Viewer", r: pygame.Rect) -> None:
    f, scr = v.fonts, v.screen
    options = v.rec.scenario.consent.options
    y = r.y
    for h in an.consent_history(v.state):
        if y > r.bottom - 40:
            break
        status = {"adopted": tr("adopted", v.lang), "open": tr("not_adopted", v.lang),
                  "withdrawn": tr("p_withdrawn", v.lang),
                  "merged": tr("p_merged", v.lang)}.get(h.status, h.status)
        title = tr(h.subject, v.lang) if h.subject in ("charter", "final_plan") else h.title
        text(scr, f.bold, f"{title} — {status}", (r.x, y), INK, r.w)
        y += 20
        for rd in h.rounds:
            total = sum(rd.counts.values())
            label = f"{tr('round', v.lang)} {rd.number}"
            text(scr, f.small, label, (r.x, y))
            if rd.closed_at is None:
                text(scr, f.small, tr("open", v.lang), (r.x + 60, y), MUTED)
            else:
                stacked(scr, pygame.Rect(r.x + 60, y + 2, 260, 12),
                        [(rd.counts.get(o.id, 0), pygame.Color(o.colour)) for o in options], total)
                verdict = tr("adopted" if rd.adopted else "not_adopted", v.lang)
                text(scr, f.small, verdict, (r.x + 330, y), (46, 157, 91) if rd.adopted else (200, 55, 45))
            y += 18
            for name, option, reason in rd.positions:
                if reason and y < r.bottom - 18:
                    text(scr, f.small, tr("reason_line", v.lang, name=name, option=option, reason=reason),
                         (r.x + 10, y), MUTED, r.w - 10)
                    y += 17
        y += 6
    if y == r.y:
        text(scr, f.body, tr("no_round", v.lang), (r.x, y), MUTED)


def indicators(v: "Viewer", r: pygame.Rect) -> None:
    f, scr = v.fonts, v.screen
    curve = v.tl.indicator_curve()
    text(scr, f.bold, tr("curve", v.lang), (r.x, r.y))
    inds = v.rec.scenario.indicators
    series = [[(i, v[ind.id]) for i, _, v in curve] for ind in inds]
    lo = min([ind.min for ind in inds])
    hi = max([ind.max for ind in inds])
    chart = pygame.Rect(r.x, r.y + 24, r.w, 300)
    line_chart(scr, chart, series, (0, max(1, len(v.tl))), (lo, hi), v.cursor)
    y = chart.bottom + 8
    for i, ind in enumerate(inds):
        pygame.draw.rect(scr, SERIES[i % len(SERIES)], (r.x + (i % 2) * 245, y + 4, 12, 4))
        text(scr, f.small, ind.name, (r.x + 16 + (i % 2) * 245, y), INK, 225)
        if i % 2:
            y += 18
    y += 28
    text(scr, f.small, tr("curve_note", v.lang), (r.x, y), MUTED, r.w)


def expectations(v: "Viewer", r: pygame.Rect) -> None:
    f, scr = v.fonts, v.screen
    y = r.y
    questions = v.rec.scenario.evaluation
    for row in an.expectations_and_evaluations(v.state):
        if y > r.bottom - 36:
            break
        text(scr, f.bold, row["name"], (r.x, y), INK, 150)
        exp = row["expectation"] or "—"
        text(scr, f.small, f"{tr('expectation', v.lang)}{colon(v.lang)}{exp}", (r.x + 150, y + 1), INK, r.w - 150)
        y += 18
        if row["evaluated"]:
            answers = " ".join(str(row["answers"].get(q.id, "–")) for q in questions)
            ev = (f"{tr('evaluation', v.lang)}{colon(v.lang)}{answers}"
                  + (f" — {row['comment']}" if row["comment"] else ""))
        else:
            ev = f"{tr('evaluation', v.lang)}{colon(v.lang)}{tr('no_answer', v.lang)}"
        text(scr, f.small, ev, (r.x + 150, y), MUTED, r.w - 150)
        y += 22


def objectives(v: "Viewer", r: pygame.Rect) -> None:
    f, scr = v.fonts, v.screen
    y = r.y
    for o in an.objectives(v.state, v.simulation()):
        if y > r.bottom - 36:
            break
        players = ", ".join(o["players"]) or "—"
        text(scr, f.bold, f"{o['name']} ({players})", (r.x, y), INK, r.w)
        y += 19
        for obj in o["objectives"]:
            met = obj["met"]
            mark, colour = ((tr("met", v.lang), (46, 157, 91)) if met else
                            (tr("not_met", v.lang), (200, 55, 45)) if met is False else
                            (tr("unjudged", v.lang), (138, 109, 0)))
            w = text(scr, f.small, mark, (r.x + 8, y), colour)
            text(scr, f.small, obj["text"], (r.x + 16 + max(w, 70), y), INK, r.w - 90)
            y += 17
        y += 4


def notes(v: "Viewer", r: pygame.Rect) -> None:
    f, scr = v.fonts, v.screen
    y = r.y
    notes = v.rec.notes()
    if not notes:
        text(scr, f.body, tr("no_notes", v.lang), (r.x, y), MUTED, r.w)
    for n in notes:
        if y > r.bottom - 20:
            break
        w = text(scr, f.bold, clock(n["at"], v.tl.start_time, v.lang), (r.x, y), ACCENT)
        for line in wrap(f.small, n["text"], r.w - w - 10)[:3]:
            text(scr, f.small, line, (r.x + w + 10, y + 1))
            y += 17
        y += 4


DRAW: dict[str, Callable[["Viewer", pygame.Rect], None]] = {
    "events": events, "plan": plan, "participation": participation, "consent": consent,
    "indicators": indicators, "expectations": expectations, "objectives": objectives, "notes": notes,
}
