"""The report's plan tables (the groups' draft plan, then the final plan): one row per action
with its group of origin, space, use, lead, quarter, cost, payer and weekly hours.

The origin is the group the action was written in (`PlanItem.group`, set when it was added and
kept when the trainer makes it final: `finalise_plan` marks the same items). An action the
trainer wrote says so; one written by a participant outside any group says « hors groupe »:
no participant name, so the table reads the same in a report without names.
"""

from __future__ import annotations

from typing import Any

from ilot.game.core.state import PlanItem, State
from ilot.game.text import N_, Lang
from ilot.game.text.payers import payer_name
from ilot.game.text.spaces import space_name

from .words import signed

HEAD = (N_("plantables.col.group"), N_("report.col.action"), N_("report.col.space"),
        N_("report.col.use"), N_("report.col.lead"), N_("report.col.quarter"),
        N_("report.col.cost"), N_("report.col.paid_by"), N_("report.col.hours"),
        N_("report.col.experiment"))
NUMERIC = frozenset({5, 6, 8})  # quarter, cost, hours: aligned right


def origin(state: State, item: PlanItem, lang: Lang) -> str:
    """The group the action came from: « Groupe 2 », « formateur·rice », or « hors groupe »."""
    group = state.groups.get(item.group) if item.group else None
    if group is not None:
        return lang.group(group.number)
    if item.author not in state.participants:
        return lang.t("plantables.origin.trainer")
    return lang.t("plantables.origin.no_group")


def plan_rows(state: State, items: list[PlanItem], lang: Lang, leads: dict[str, str]
              ) -> list[list[Any]]:
    """The rows of a plan table, in the order of `items` (`leads`: role and métier names)."""
    sc = state.scenario
    spaces, uses = sc.index("space"), sc.index("use")
    rows: list[list[Any]] = []
    for i in items:
        rows.append([
            origin(state, i, lang), i.what,
            space_name(lang, spaces[i.space]) if i.space in spaces else (i.space or "—"),
            uses[i.use].name if i.use in uses else (i.use or "—"),
            leads.get(i.lead, i.lead), lang.t("debrief.quarter", q=i.quarter),
            lang.money(i.cost), payer_name(sc, i.payer, lang),
            lang.t("fmt.hours", value=signed(lang, i.hours, 2)) if i.hours else "",
            i.criteria if i.experiment else "",
        ])
    return rows


def plan_line(state: State, item: PlanItem, lang: Lang) -> str:
    """The replay's plan tab line: « Groupe 2 · T3 Jardin partagé · 18 000 € (bailleur) »."""
    values = dict(quarter=lang.t("debrief.quarter", q=item.quarter), what=item.what,
                  cost=lang.money(item.cost), payer=payer_name(state.scenario, item.payer, lang))
    key = N_("debrief.plan_line_experiment") if item.experiment else N_("debrief.plan_line")
    line = lang.t(key, **values)
    return lang.t("plantables.replay_line", origin=origin(state, item, lang), line=line)


def plan_head(lang: Lang) -> list[str]:
    return [lang.t(k) for k in HEAD]


__all__ = ["HEAD", "NUMERIC", "origin", "plan_head", "plan_line", "plan_rows"]
