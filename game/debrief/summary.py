"""The report's one-page summary, for a manager who reads nothing else: the decisions taken,
the adopted schéma and the plan in figures, the indicators that moved most, the open points
(counts only) and the next steps.

No participant is named anywhere in it (groups, roles and métiers only), so the trainer's report
and the version to share show the same summary. Every figure is the one the detailed sections
show further down (the same state and the same simulation of the plan).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from ilot.game.core.kinds import ConsentTally, PayerKind, ProposalStatus
from ilot.game.core.scenario import Scenario
from ilot.game.core.simulation import QUARTERS, Trajectory, investment_by_payer, plan_from_state
from ilot.game.core.state import PlanItem, State
from ilot.game.core.workload import excess, loads, total
from ilot.game.text import N_, Lang
from ilot.game.text.payers import payer_name
from ilot.game.text.spaces import space_name
from ilot.game.text.trend import trend_word

from . import analysis as an
from .words import signed, signed_money

TOP_INDICATORS = 3  # the indicators that moved most, by progress (either way)
MAX_ROWS = 3  # per list (adopted titles, first actions, experiments): the rest is counted, so
# the summary stays on one printed page whatever the session's size (6, and 4, overflowed to a second
# page on a 30-person session with five experiments whose rows wrap on two lines)


@dataclass(frozen=True)
class Line:
    """One line of the summary: a label, its value, and a style (ok / ko / mid / '')."""

    label: str
    value: str
    style: str = ""


def plan_items(state: State) -> list[PlanItem]:
    """The plan the session leaves with: the final plan when there is one, else the draft."""
    final = [i for i in state.plan.values() if i.final]
    return sorted(final or list(state.plan.values()), key=lambda i: (i.quarter, i.id))


def summary(state: State, traj: Trajectory, lang: Lang, leads: dict[str, str]) -> dict[str, Any]:
    """What the summary section shows (`leads`: role and métier names, for the next steps)."""
    items = plan_items(state)
    return {
        "decisions": _decisions(state, lang),
        "schema": _schema(state, lang),
        "plan": _plan(state, traj, items, lang),
        "moved": _moved(state, traj, lang),
        "open": _open_points(state, traj, lang),
        "first": _first_actions(state, items, lang, leads),
        "experiments": _experiments(state, items, lang, leads),
    }


def _decisions(state: State, lang: Lang) -> list[Line]:
    t = lang.t
    proposals = list(state.proposals.values())
    adopted = [p for p in proposals if p.status == ProposalStatus.ADOPTED]
    lines = [Line(t("summary.decisions.proposals"),
                  lang.n("summary.decisions.proposals_value", len(adopted), total=lang.num(len(proposals))),
                  "ok" if adopted else "")]
    if adopted:
        titles = [lang.quote(p.title) for p in adopted[:MAX_ROWS]]
        if len(adopted) > MAX_ROWS:
            titles.append(lang.n("summary.more", len(adopted) - MAX_ROWS))
        lines.append(Line(t("summary.decisions.adopted"), lang.join(titles)))
    final = any(i.final for i in state.plan.values())
    plan = (N_("summary.decisions.plan_adopted") if state.final_adopted
            else N_("summary.decisions.plan_not_adopted") if final else N_("summary.decisions.no_final_plan"))
    charter = (N_("summary.decisions.charter_adopted") if state.charter_adopted
               else N_("summary.decisions.charter_not_adopted") if state.charter
               else N_("summary.decisions.no_rule"))
    lines.append(Line(t("summary.decisions.final_plan"), t(plan), "ok" if state.final_adopted else "ko"))
    lines.append(Line(t("summary.decisions.charter"), t(charter), "ok" if state.charter_adopted else "ko"))
    return lines


def _schema(state: State, lang: Lang) -> dict[str, Any]:
    """The schéma's uses, year by year, with how many spaces take each: « Année 1 (4) — Jardin
    partagé ×2, Local vélos sécurisé… » (the spaces are in the detail)."""
    uses = state.scenario.index("use")
    years: dict[int, Counter[str]] = defaultdict(Counter)
    for _, p in sorted(state.schema.items(), key=lambda kv: (kv[1].year, kv[0])):
        years[p.year][uses[p.use].name if p.use in uses else p.use] += 1
    rows = []
    for year, counts in sorted(years.items()):
        names = [lang.t("summary.schema.times", use=u, n=lang.num(k)) if k > 1 else u
                 for u, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        rows.append((lang.t("summary.schema.year", year=lang.num(year), n=lang.num(sum(counts.values()))),
                     lang.join(names)))
    return {"count": len(state.schema), "years": rows}


def _plan(state: State, traj: Trajectory, items: list[PlanItem], lang: Lang) -> list[Line]:
    t, sc = lang.t, state.scenario
    by_payer = investment_by_payer(sc, plan_from_state(state))
    cost = sum(by_payer.values())
    start, end = traj.start, traj.final
    by = loads(end.workload)
    all_ = total(by)
    hours, ratio = excess(by)
    lines = [Line(t("summary.plan.actions"), lang.num(len(items))),
             Line(t("summary.plan.cost"), lang.money(cost))]
    for pid, v in sorted(by_payer.items(), key=lambda kv: (-kv[1], kv[0])):
        if not v:
            continue
        value = t("summary.plan.share", amount=lang.money(v), percent=lang.percent(v / cost if cost else 0))
        budget = _budget(sc, pid, traj)
        if budget is not None:  # the landlord's investment budget, a funder's own
            value = t("summary.plan.with_budget", value=value, budget=lang.money(budget))
        over = budget is not None and v > budget + 0.005
        lines.append(Line(t("summary.plan.paid_by", payer=payer_name(sc, pid, lang)), value, "ko" if over else ""))
    charges = end.charges - start.charges
    lines.append(Line(t("summary.plan.charges"),
                      t("summary.plan.before_after", before=lang.money(start.charges, cents=True),
                        after=lang.money(end.charges, cents=True),
                        change=signed_money(lang, charges, cents=True)),
                      "ko" if charges > 0.005 else "ok" if charges < -0.005 else ""))
    if by:
        over = t("summary.plan.overload", percent=lang.percent(ratio)) if hours > 0 else t("summary.plan.no_overload")
        lines.append(Line(t("summary.plan.hours"),
                          t("summary.plan.hours_value", needed=lang.hours(all_.needed),
                            available=lang.hours(all_.available), overload=over),
                          "ko" if hours > 0 else "ok"))
    return lines


def _budget(sc: Scenario, pid: str, traj: Trajectory) -> float | None:
    kind = sc.payer_kind(pid) or PayerKind.LANDLORD  # an unknown id counts as the landlord's
    if kind == PayerKind.LANDLORD:
        return traj.investment_budget
    funder = sc.index("payer").get(pid)
    return funder.budget if funder is not None else None


def _moved(state: State, traj: Trajectory, lang: Lang) -> list[dict[str, str]]:
    """The indicators that moved most over the three years, by progress (better or worse)."""
    sc = state.scenario
    rows = sorted((r for r in an.indicator_table(sc, traj) if round(r["gain"], 1) != 0),
                  key=lambda r: (-abs(r["gain"]), r["id"]))[:TOP_INDICATORS]
    out = []
    for r in rows:
        unit = "\u00a0" + r["unit"] if r["unit"] else ""
        word = trend_word(lang, sc.index("indicator")[r["id"]], r["delta"])
        out.append({"name": r["name"], "before": lang.num(r["before"], 1) + unit,
                    "after": lang.num(r["after"], 1) + unit,
                    "change": lang.t("summary.moved.change", change=signed(lang, r["delta"], 1), word=word),
                    "style": "ok" if r["gain"] > 0 else "ko"})
    return out


def _open_points(state: State, traj: Trajectory, lang: Lang) -> list[Line]:
    """Counts only (who blocked is in the detail, never here)."""
    sc = state.scenario
    blocking = {o.id for o in sc.consent.options if o.counts_as == ConsentTally.BLOCK}
    last: dict[Any, Any] = {}
    for r in state.rounds.values():  # each subject's last closed round: its blocks stand
        if r.closed_at is not None and (r.subject not in last or r.number > last[r.subject].number):
            last[r.subject] = r
    blocks = sum(1 for r in last.values() for p in r.positions.values() if p.option in blocking)
    pending = sum(1 for p in state.proposals.values() if p.status == ProposalStatus.OPEN)
    rounds = sum(1 for r in state.rounds.values() if r.closed_at is None)
    by = loads(traj.final.workload)
    over = sum(1 for x in by.values() if x.over_hours > 0)
    unmet = sum(1 for o in an.objectives(state, traj) for obj in o["objectives"] if obj["met"] is False)
    counts = [("summary.open.blocks", blocks), ("summary.open.proposals", pending),
              ("summary.open.rounds", rounds), ("summary.open.overload", over),
              ("summary.open.objectives", unmet)]
    return [Line(lang.n(key, n), lang.num(n), "ko" if n else "ok") for key, n in counts]


def _lead(item: PlanItem, lang: Lang, leads: dict[str, str]) -> str:
    return leads.get(item.lead, item.lead) if item.lead else "—"


def _first_actions(state: State, items: list[PlanItem], lang: Lang, leads: dict[str, str]
                   ) -> dict[str, Any]:
    """The actions of the plan's first quarter, with who leads each (a role or a métier)."""
    if not items:
        return {"quarter": "", "rows": [], "more": ""}
    first = min(i.quarter for i in items)
    spaces = state.scenario.index("space")
    rows = [[i.what, space_name(lang, spaces[i.space]) if i.space in spaces else "—", _lead(i, lang, leads)]
            for i in items if i.quarter == first]
    return {"quarter": lang.t("debrief.quarter", q=first), "rows": rows[:MAX_ROWS],
            "more": lang.n("summary.more", len(rows) - MAX_ROWS) if len(rows) > MAX_ROWS else ""}


def _experiments(state: State, items: list[PlanItem], lang: Lang, leads: dict[str, str]
                 ) -> dict[str, Any]:
    """The plan's experiments and the quarter at whose end each is evaluated (its use's run)."""
    uses = state.scenario.index("use")
    rows = []
    for i in items:
        if not i.experiment:
            continue
        spec = uses[i.use].experiment if i.use in uses else None
        end = i.quarter + math.ceil(spec.months / 3) - 1 if spec is not None else i.quarter
        key = "summary.next.evaluate" if end <= QUARTERS else "summary.next.evaluate_after"
        rows.append([i.what, _lead(i, lang, leads),
                     lang.t(key, quarter=lang.t("debrief.quarter", q=end)), i.criteria or "—"])
    return {"rows": rows[:MAX_ROWS],
            "more": lang.n("summary.more", len(rows) - MAX_ROWS) if len(rows) > MAX_ROWS else ""}


__all__ = ["Line", "plan_items", "summary"]
