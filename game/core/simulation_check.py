"""Cross-references of the scenario's simulation fields (services, payers, income, constraints'
costs), called from `scenario_check.cross_reference_errors`: problems as (JSON path, code,
params) with the codes of `ScenarioCode`, worded by `ilot.game.text.scenario_errors`.
"""

from __future__ import annotations

from typing import Any

from .kinds import UseAttach
from .scenario import Scenario
from .scenario_check import ScenarioCode as C

Problem = tuple[str, C, dict[str, Any]]


def simulation_errors(s: Scenario) -> list[Problem]:
    errs: list[Problem] = []
    buildings = {b.id for b in s.buildings}
    for i, u in enumerate(s.uses):
        p = f"uses[{i}]"
        if u.attach == UseAttach.SPACE and not u.allowed_kinds:
            errs.append((f"{p}.allowed_kinds", C.TOO_FEW_ITEMS, {"min": 1}))
        if u.attach == UseAttach.BUILDING and u.building is None:
            errs.append((f"{p}.building", C.MISSING, {}))
        if u.attach != UseAttach.SPACE:
            for j, _conflict in enumerate(u.conflicts):  # a service has no space, no neighbour
                errs.append((f"{p}.conflicts[{j}]", C.CONFLICT_NEVER_HAPPENS, {}))
        if u.building is not None and u.building not in buildings:
            errs.append((f"{p}.building", C.UNKNOWN_REF,
                         {"kind": "building", "value": u.building, "known": sorted(buildings)}))
    return errs
