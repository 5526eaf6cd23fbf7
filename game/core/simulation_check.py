"""Cross-references of the scenario's simulation fields (services, payers, income, constraints'
costs), run by `scenario_check.WHOLE_CHECKS` once the file validated: problems as (JSON path, code,
params) with the codes of `ScenarioCode`, worded by `ilot.game.text.scenario_errors`.
"""

from __future__ import annotations

from .kinds import PayerKind, UseAttach
from .scenario import BUILT_IN_PAYERS, Scenario
from .scenario_codes import Problem
from .scenario_codes import ScenarioCode as C

FUNDER_KINDS = [k for k in PayerKind if k not in (PayerKind.LANDLORD, PayerKind.CHARGES)]
_BUILT_IN: dict[str, PayerKind] = {str(k): v for k, v in BUILT_IN_PAYERS.items()}


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
    indicators = {i.id for i in s.indicators}
    for i, c in enumerate(s.constraints):
        for k in c.effects:
            if k not in indicators:
                errs.append((f"constraints[{i}].effects.{k}", C.UNKNOWN_REF,
                             {"kind": "indicator", "value": k, "known": sorted(indicators)}))
    _payer_errors(s, errs)
    return errs


def _payer_errors(s: Scenario, errs: list[Problem]) -> None:
    """Ids once each; "bailleur" is the landlord and "charges" the charges (an entry with one
    of these ids only names it); any other payer is a funder (city, subsidy, partner, other),
    the only kind that may have a budget of its own."""
    seen: set[str] = set()
    for i, f in enumerate(s.payers):
        p = f"payers[{i}]"
        if f.id in seen:
            errs.append((f"{p}.id", C.DUPLICATE_ID, {"value": f.id}))
        seen.add(f.id)
        built_in = _BUILT_IN.get(f.id)
        expected = [built_in] if built_in is not None else FUNDER_KINDS
        if f.kind not in expected:
            errs.append((f"{p}.kind", C.NOT_ALLOWED_VALUE,
                         {"expected": [str(k) for k in expected], "found": str(f.kind)}))
        elif f.budget is not None and f.kind not in FUNDER_KINDS:
            # the landlord's budget is budget.investment_total; the charges have none
            errs.append((f"{p}.budget", C.UNKNOWN_FIELD, {}))
