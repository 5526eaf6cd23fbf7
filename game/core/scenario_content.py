"""Checks of what a scenario says rather than of its shape: texts that must say something, phases
that need content, and phases in an unusual order (warnings).

Blank texts are found on the raw JSON, guided by the models, so that an item with another
problem still has its blank title reported in the same run.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from .kinds import PhaseKind
from .scenario import PHASE_KINDS, Phase, Scenario
from .scenario_codes import Problem, ScenarioCode
from .scenario_parts import Parts

# what a phase cannot be played without: the scenario section its rules need (error when empty)
PHASE_NEEDS: dict[PhaseKind, str] = {
    PhaseKind.WORLD_CAFE: "cafe_themes",  # one table per theme (rules: "no_tables")
    PhaseKind.PROJETS: "inspiring_projects",  # participants react to the projects
}
# a phase that builds on the work of an earlier one (warning when that one is nowhere before)
PHASE_PRIOR: dict[PhaseKind, PhaseKind] = {
    PhaseKind.MISE_EN_COMMUN: PhaseKind.ATELIERS,  # shares the groups' drafts
    PhaseKind.CONSENSUS_FINAL: PhaseKind.PLAN_ACTION,  # votes the plan written there
}
# the phases where the charter of management rules is written and voted (warning without rules)
CHARTER_PHASES = (PhaseKind.PLAN_ACTION, PhaseKind.CONSENSUS_FINAL)
# the usual order of a session is the order of PhaseKind
RANK = {kind: i for i, kind in enumerate(PHASE_KINDS)}


def _join(path: str, part: str | int) -> str:
    return f"{path}[{part}]" if isinstance(part, int) else f"{path}.{part}" if path else part


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation may hold directly: `Use`, `Use | None`."""
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) \
        or typing.get_origin(annotation) is typing.Union else (annotation,)
    return [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]


TEXT, TEXTS, MODEL, MODELS = "text", "texts", "model", "models"


@functools.cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, str, type[BaseModel] | None], ...]:
    """What to look at in a model's fields: (name, TEXT|TEXTS|MODEL|MODELS, the sub-model)."""
    out: list[tuple[str, str, type[BaseModel] | None]] = []
    for name, info in model.model_fields.items():
        ann = info.annotation
        if ann is str:
            if info.is_required():
                out.append((name, TEXT, None))
        elif typing.get_origin(ann) is list:
            (arg,) = typing.get_args(ann)
            if arg is str:
                out.append((name, TEXTS, None))
            elif isinstance(arg, type) and issubclass(arg, BaseModel):
                out.append((name, MODELS, arg))
        else:
            out += [(name, MODEL, sub) for sub in _models_in(ann)[:1]]
    return tuple(out)


def blank_texts(data: Any, model: type[BaseModel] = Scenario, path: str = "") -> list[Problem]:
    """Every required text (a `str` field without a default: ids, titles, names, bios,
    questions…) and every text of a list of texts that is empty or only spaces."""
    out: list[Problem] = []
    if not isinstance(data, Mapping):
        return out
    for name, what, sub in _plan(model):
        if name not in data:
            continue
        value, here = data[name], _join(path, name)
        if what == TEXT:
            if isinstance(value, str) and not value.strip():
                out.append((here, ScenarioCode.BLANK_TEXT, {}))
        elif what == TEXTS and isinstance(value, list):
            out += [(_join(here, i), ScenarioCode.BLANK_TEXT, {}) for i, item in enumerate(value)
                    if isinstance(item, str) and not item.strip()]
        elif what == MODELS and isinstance(value, list) and sub is not None:
            for i, item in enumerate(value):
                out += blank_texts(item, sub, _join(here, i))
        elif what == MODEL and sub is not None:
            out += blank_texts(value, sub, here)
    return out


def phase_content(parts: Parts) -> list[Problem]:
    """A phase whose section is empty in the file (a world café with no `cafe_themes`); and,
    as warnings, a plan phase with no `rules` (the plan can be made, the charter cannot), a
    personnages phase with no later `persona_choice` (the characters would not be played)."""
    out: list[Problem] = []
    for k, phase in enumerate(parts.scenario.phases):
        section = PHASE_NEEDS.get(phase.kind)
        if section is not None and parts.sections[section].readable \
                and parts.sections[section].size == 0:
            out.append((f"{parts.path('phases', k)}.kind", ScenarioCode.PHASE_NEEDS_CONTENT,
                        {"kind": phase.kind, "section": section}))
        if phase.kind == PhaseKind.INTERVENTION and not (phase.speaker or "").strip():
            out.append((f"{parts.path('phases', k)}.speaker", ScenarioCode.PHASE_NEEDS_SPEAKER,
                        {}))
        if phase.kind == PhaseKind.PERSONNAGES \
                and not any(p.persona_choice for p in parts.scenario.phases[k + 1:]):
            # a warning: the characters created there would never be chosen
            out.append((f"{parts.path('phases', k)}.kind", ScenarioCode.PERSONNAGES_NOT_PLAYED,
                        {}))
    rules = parts.sections["rules"]
    charter = [k for k, p in enumerate(parts.scenario.phases) if p.kind in CHARTER_PHASES]
    if charter and rules.readable and rules.size == 0:  # a warning, on the first of them
        k = charter[0]
        out.append((f"{parts.path('phases', k)}.kind", ScenarioCode.PHASE_WITHOUT_RULES,
                    {"kind": parts.scenario.phases[k].kind}))
    return out


def _kept_in_order(phases: Sequence[Phase]) -> set[int]:
    """The positions of a longest run of phases already in the usual order (not necessarily
    next to each other); the others are the ones out of place. Ties keep the later phases."""
    ranks = [RANK[p.kind] for p in phases]
    best = [1] * len(ranks)
    prev = [-1] * len(ranks)
    for i in range(len(ranks)):
        for j in range(i):
            if ranks[j] <= ranks[i] and best[j] + 1 >= best[i]:
                best[i], prev[i] = best[j] + 1, j
    kept: set[int] = set()
    i = max(range(len(ranks)), key=lambda n: (best[n], n), default=-1)
    while i >= 0:
        kept.add(i)
        i = prev[i]
    return kept


def phase_order(parts: Parts) -> list[Problem]:
    """Warnings: a phase out of the usual order (a synthèse first, a délibération before the
    ateliers), and a phase that builds on another one found nowhere before it."""
    out: list[Problem] = []
    phases = parts.scenario.phases
    kept = _kept_in_order(phases)
    for k, phase in enumerate(phases):
        where = f"{parts.path('phases', k)}.kind"
        if k not in kept:
            rank = RANK[phase.kind]
            after = list(dict.fromkeys(p.kind for p in phases[k + 1:] if RANK[p.kind] < rank))
            before = list(dict.fromkeys(p.kind for p in phases[:k] if RANK[p.kind] > rank))
            out.append((where, ScenarioCode.PHASE_ORDER,
                        {"kind": phase.kind, "after": after, "before": before}))
        needs = PHASE_PRIOR.get(phase.kind)
        if needs is not None and all(p.kind != needs for p in phases):
            out.append((where, ScenarioCode.PHASE_WITHOUT_PRIOR,
                        {"kind": phase.kind, "needs": needs}))
    return out
