"""« Pourquoi ça a bougé »: for each indicator, the charges and each métier's workload, what moved
it over the three years (`Trajectory.why`), the largest first, with the scenario's names.

The contributions are ranked by their mean over the 12 quarters (an event that lasted two
quarters counts, a use that ran all along counts more) and shown at the end of each year; the
total row is the number's change at those quarters (the sum of the parts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ilot.game.core.scenario import Scenario
from ilot.game.core.simulation import (
    CHARGES_TARGET,
    QUARTERS,
    WORKLOAD_PREFIX,
    Contribution,
    Key,
    Trajectory,
)
from ilot.game.core.state import State
from ilot.game.text import Lang
from ilot.game.text.contributions import contribution_label

from .words import signed, signed_money

YEAR_ENDS = tuple(range(4, QUARTERS + 1, 4))  # the last quarter of each year
TOP = 10  # parts listed by name; the rest are summed in one « autres » row


@dataclass(frozen=True)
class WhyTable:
    """One number explained: its title, rows of [label, year 1, year 2, year 3, mean] already
    written, and the total row."""

    title: str
    rows: list[list[str]]
    total: list[str]


def why_tables(sc: Scenario, traj: Trajectory, lang: Lang,
               state: State | None = None) -> tuple[list[WhyTable], list[str]]:
    """The tables of the numbers that moved, and the names of those that did not."""
    items = {i.id: i.what for i in state.plan.values()} if state is not None else {}
    tables, still = [], []
    targets: list[tuple[str, str, Any]] = []
    for ind in sc.indicators:
        unit = "\u00a0" + ind.unit if ind.unit else ""
        targets.append((ind.id, ind.name + (f" ({ind.unit})" if ind.unit else ""),
                        lambda v, u=unit: signed(lang, v, 1) + u))
    targets.append((CHARGES_TARGET, lang.t("report.why.charges"),
                    lambda v: signed_money(lang, v, cents=True)))
    for m in sc.metiers:
        targets.append((WORKLOAD_PREFIX + m.id, lang.t("report.why.workload", metier=m.name),
                        lambda v: lang.t("fmt.hours", value=signed(lang, v, 1))))
    for target, title, fmt in targets:
        table = _table(sc, traj, lang, items, target, title, fmt)
        if table is None:
            still.append(title)
        else:
            tables.append(table)
    return tables, still


def _table(sc: Scenario, traj: Trajectory, lang: Lang, items: dict[str, str], target: str,
           title: str, fmt: Any) -> WhyTable | None:
    by_key: dict[Key, list[float]] = {}
    for q in range(1, QUARTERS + 1):
        for c in traj.why(target, q):
            by_key.setdefault((c.source, c.ref, c.space), [0.0] * (QUARTERS + 1))[q] = c.value
    if not by_key:
        return None
    ranked = sorted(by_key.items(), key=lambda kv: (-abs(sum(kv[1]) / QUARTERS), -abs(kv[1][-1])))

    def line(label: str, values: list[float]) -> list[str]:
        return [label, *(fmt(values[q]) for q in YEAR_ENDS), fmt(sum(values) / QUARTERS)]

    rows = [line(contribution_label(Contribution(src, ref, space, 0.0), sc, lang, items), values)
            for (src, ref, space), values in ranked[:TOP]]
    rest = ranked[TOP:]
    if rest:
        summed = [sum(v[q] for _, v in rest) for q in range(QUARTERS + 1)]
        rows.append(line(lang.n("report.why.others_n", len(rest)), summed))
    totals = [sum(v[q] for v in by_key.values()) for q in range(QUARTERS + 1)]
    return WhyTable(title, rows, line(lang.t("report.why.total"), totals))
