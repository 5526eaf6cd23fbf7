"""The scenario check's part for private objectives: what they name exists, nothing they set
is ignored, and what they ask can happen.

`objective_errors(scenario)` returns (JSON path, code, params) problems like the rest of
`scenario_check.WHOLE_CHECKS`, which runs it once the file validated. The fields each kind needs are checked
earlier, by `PrivateObjective` itself (a missing one is `missing` at its path).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .kinds import ObjectiveKind
from .scenario import OBJECTIVE_READS, PrivateObjective, Scenario

if TYPE_CHECKING:
    from .scenario_codes import Problem

# fields every kind may carry
_ALWAYS = frozenset({"text", "kind"})


def objective_errors(s: Scenario) -> list[Problem]:
    errs: list[Problem] = []
    for i, pe in enumerate(s.personas):
        for j, o in enumerate(pe.private_objectives):
            errs += objective_problems(s, o, f"personas[{i}].private_objectives[{j}]")
    return errs


def objective_problems(s: Scenario, o: PrivateObjective, p: str) -> list[Problem]:
    """The problems of one objective (at JSON path `p`): the scenario check's, and the
    rule's for a created character's objectives (rules/characters.py)."""
    from .scenario_codes import ScenarioCode as C

    errs: list[Problem] = []
    indicators, metiers = s.index("indicator"), s.index("metier")
    uses, rules = s.index("use"), s.index("rule")
    # an objective may name a space as written (a space played as parts) or any of its parts
    spaces = {**{sp.id: sp for sp in s.spaces}, **s.index("space")}

    def ref(path: str, value: str | None, known: dict[str, Any], kind: str) -> bool:
        if value is None or value in known:
            return True
        errs.append((path, C.UNKNOWN_REF, {"kind": kind, "value": value, "known": sorted(known)}))
        return False

    # a field at its default is not "set" (a scenario dumped by the game carries them all)
    given = {f for f in o.model_fields_set - _ALWAYS
             if getattr(o, f) != type(o).model_fields[f].get_default(call_default_factory=True)}
    for name in sorted(given - OBJECTIVE_READS[o.kind]):
        errs.append((f"{p}.{name}", C.OBJECTIVE_FIELD_UNUSED,
                     {"field": name, "objective_kind": str(o.kind)}))
    ref(f"{p}.indicator", o.indicator, indicators, "indicator")
    ref(f"{p}.metier", o.metier, metiers, "metier")
    known_uses = [u for k, u in enumerate(o.uses) if ref(f"{p}.uses[{k}]", u, uses, "use")]
    space_ok = ref(f"{p}.space", o.space, spaces, "space")
    rule_ok = ref(f"{p}.rule", o.rule, rules, "rule")
    # only a use the scenario lets the plan try (`experiment`) can be kept after one
    # (one use may be tried on several spaces: `count` alone is never too high)
    if o.kind == ObjectiveKind.EXPERIMENT_KEPT and len(known_uses) == len(o.uses) \
            and not any(uses[u].experiment is not None for u in known_uses or uses):
        errs.append((f"{p}.uses" if o.uses else f"{p}.kind", C.OBJECTIVE_NO_EXPERIMENT,
                     {"what": ", ".join(uses[u].name for u in known_uses or uses)}))
    if o.space is None or not space_ok:
        return errs
    space = spaces[o.space]
    played = s.parts_of(o.space) or [space]
    if o.kind == ObjectiveKind.USE and known_uses and len(known_uses) == len(o.uses) \
            and not any(s.use_fits(uses[u], part) for u in known_uses for part in played):
        errs.append((f"{p}.space", C.OBJECTIVE_UNREACHABLE,
                     {"what": ", ".join(uses[u].name for u in known_uses),
                      "space": space.name}))
    if o.kind == ObjectiveKind.RULE and o.rule is not None and rule_ok \
            and space.kind not in rules[o.rule].applies_to:
        errs.append((f"{p}.space", C.OBJECTIVE_UNREACHABLE,
                     {"what": rules[o.rule].title, "space": space.name}))
    return errs
