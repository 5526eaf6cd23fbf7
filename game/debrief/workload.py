"""The report's workload table: each métier's weekly hours at the end of the three years,
available / needed / overload (core/workload.py), then all métiers together with the hours
beyond what is available, métier by métier (the figure the simulation and the client use)."""

from __future__ import annotations

from typing import Any

from ilot.game.core.scenario import Scenario
from ilot.game.core.workload import excess, loads, total
from ilot.game.text import N_, Lang

HEAD = (N_("plantables.workload.col.metier"), N_("plantables.workload.col.available"),
        N_("plantables.workload.col.needed"), N_("plantables.workload.col.overload"))
NUMERIC = frozenset({1, 2, 3})  # the hours and the overload: aligned right


def workload_rows(sc: Scenario, workload: dict[str, tuple[float, float]], lang: Lang
                  ) -> dict[str, Any]:
    """{head, rows, numeric, note}: one row per métier, then the total row (when several).
    Hours keep their quarters (16,75 h): the overload read from the hours shown is the one
    written."""
    by = loads(workload)
    names = {m.id: m.name for m in sc.metiers}

    def over(ratio: float | None) -> str:
        return lang.percent(ratio) if ratio is not None else "—"

    rows = [[names.get(m, m), lang.hours(x.available), lang.hours(x.needed), over(x.overload)]
            for m, x in by.items()]
    hours, ratio = excess(by)
    if len(by) > 1:
        all_ = total(by)
        beyond = (lang.t("plantables.workload.beyond", hours=lang.hours(hours),
                         percent=lang.percent(ratio)) if hours > 0 else "—")
        rows.append([lang.t("plantables.workload.all"), lang.hours(all_.available),
                     lang.hours(all_.needed), beyond])
    return {"head": [lang.t(k) for k in HEAD], "rows": rows, "numeric": NUMERIC,
            "note": lang.t("plantables.workload.note")}


__all__ = ["workload_rows"]
