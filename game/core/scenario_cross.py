"""Problems between sections of a scenario (an unknown reference, a duplicate id, a use that fits
no space…), found on whatever parts of the file could be read (`scenario_parts.Parts`).

A check about one item runs on every item that validated. A check that a section *lacks*
something (no persona for a role, no space for a use) runs only when the sections it looks at
are complete, and a reference is checked only against a section that could be read: so a
shape error elsewhere never causes a false report here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from . import agenda
from .kinds import ConsentTally, UseAttach
from .scenario import CLOCK_PATTERN, ROLE_KINDS, Point, Scenario, Use
from .scenario_codes import Problem, ScenarioCode
from .scenario_parts import CONSENT_OPTIONS, Parts, effect_keys

C = ScenarioCode
CLOSE_MATCHES = 3  # "did you mean": at most this many ids, the closest first
# the sections whose ids must be unique (roles: their kind)
UNIQUE_SECTIONS = ("space_kinds", "constraints", "buildings", "spaces", "personas", "metiers",
                   "indicators", "uses", "enjeux", "inspiring_projects", "cafe_themes", "rules",
                   "events", CONSENT_OPTIONS, "phases", "evaluation", "roles")


def close_matches(value: str, known: set[str]) -> list[str]:
    """The known ids that look like `value` (a typo, a missing accent or letter)."""
    by_lower = {k.lower(): k for k in known}
    found = difflib.get_close_matches(value.lower(), list(by_lower), n=CLOSE_MATCHES, cutoff=0.6)
    return [by_lower[f] for f in found]


def cross_reference_errors(parts: Parts, data: Mapping[str, Any]) -> list[Problem]:
    """Problems between sections, as (JSON path, code, params)."""
    errs: list[Problem] = []
    s = parts.scenario
    sec = parts.sections

    def err(path: str, code: ScenarioCode, **params: Any) -> None:
        errs.append((path, code, params))

    for name in UNIQUE_SECTIONS:
        seen: set[str] = set()
        key = "kind" if name == "roles" else "id"
        for i, value in sec[name].keys:
            if value in seen and value.strip():
                err(f"{name}[{i}].{key}", C.DUPLICATE_ID, value=value)
            seen.add(value)

    kinds, constraints = sec["space_kinds"].ids, sec["constraints"].ids
    buildings, spaces, metiers = sec["buildings"].ids, sec["spaces"].ids, sec["metiers"].ids
    indicators, uses, enjeux = sec["indicators"].ids, sec["uses"].ids, sec["enjeux"].ids

    def ref(path: str, value: str | None, known: set[str] | None, kind: str) -> None:
        # a blank value is a BLANK_TEXT already; an unreadable section cannot be checked
        if value is not None and value.strip() and known is not None and value not in known:
            err(path, C.UNKNOWN_REF, kind=kind, value=value, known=sorted(known),
                close=close_matches(value, known))

    def effects(path: str, mapping: Mapping[str, float]) -> None:
        for ind in mapping:
            ref(f"{path}.{ind}", ind, indicators, "indicator")

    def hours(path: str, mapping: Mapping[str, float]) -> None:
        for m, h in mapping.items():
            ref(f"{path}.{m}", m, metiers, "metier")
            if h < 0:
                err(f"{path}.{m}", C.NEGATIVE_HOURS)

    if sec["roles"].complete:
        roles = {r.kind for r in s.roles}
        for kind in ROLE_KINDS:
            if kind not in roles:
                err("roles", C.MISSING_ROLE, role=kind)

    for k, b in enumerate(s.buildings):
        _polygon_in_map(errs, f"{parts.path('buildings', k)}.polygon", b.polygon, parts)
    for k, sp in enumerate(s.spaces):
        p = parts.path("spaces", k)
        ref(f"{p}.kind", sp.kind, kinds, "space_kind")
        ref(f"{p}.building", sp.building, buildings, "building")
        for j, c in enumerate(sp.constraints):
            ref(f"{p}.constraints[{j}]", c, constraints, "constraint")
        for j, n in enumerate(sp.neighbours):
            ref(f"{p}.neighbours[{j}]", n, spaces, "space")
            if n == sp.id:
                err(f"{p}.neighbours[{j}]", C.OWN_NEIGHBOUR)
        _polygon_in_map(errs, f"{p}.polygon", sp.polygon, parts)

    for k, pe in enumerate(s.personas):
        p = parts.path("personas", k)
        ref(f"{p}.metier", pe.metier, metiers, "metier")
        effects(f"{p}.interests", pe.interests)
    if sec["personas"].complete:
        for kind in ROLE_KINDS:
            if not any(pe.role == kind for pe in s.personas):
                err("personas", C.NO_PERSONA_FOR_ROLE, role=kind)

    for k, ind in enumerate(s.indicators):
        p = parts.path("indicators", k)
        if ind.min >= ind.max:
            err(f"{p}.max", C.MAX_NOT_ABOVE_MIN)
        elif not ind.min <= ind.initial <= ind.max:
            err(f"{p}.initial", C.INITIAL_OUT_OF_RANGE, min=ind.min, max=ind.max)
    if sec["indicators"].complete:
        for kind in ROLE_KINDS:
            if not any(ind.satisfaction_of == kind for ind in s.indicators):
                err("indicators", C.NO_SATISFACTION_INDICATOR, role=kind)

    all_spaces = sec["spaces"].complete
    for k, u in enumerate(s.uses):
        p = parts.path("uses", k)
        for j, kd in enumerate(u.allowed_kinds):
            ref(f"{p}.allowed_kinds[{j}]", kd, kinds, "space_kind")
        hours(f"{p}.maintenance_hours", u.maintenance_hours)
        effects(f"{p}.effects", u.effects)
        for j, conflict in enumerate(u.conflicts):
            cp = f"{p}.conflicts[{j}]"
            if (conflict.with_use is None) == (conflict.with_constraint is None):
                err(cp, C.CONFLICT_TARGET)
            ref(f"{cp}.with_use", conflict.with_use, uses, "use")
            if all_spaces and conflict.with_use in s.index("use") \
                    and not _conflict_reachable(s, u, conflict.with_use):
                err(f"{cp}.with_use", C.CONFLICT_NEVER_HAPPENS)
            ref(f"{cp}.with_constraint", conflict.with_constraint, constraints, "constraint")
            effects(f"{cp}.effects", conflict.effects)
        if u.experiment:
            for j, cr in enumerate(u.experiment.criteria):
                ref(f"{p}.experiment.criteria[{j}].indicator", cr.indicator, indicators,
                    "indicator")
        if all_spaces and u.attach == UseAttach.SPACE and not any(s.use_fits(u, sp) for sp in s.spaces):
            err(p, C.USE_FITS_NO_SPACE, use=u.name)

    for k, pr in enumerate(s.inspiring_projects):
        for j, e in enumerate(pr.enjeux):
            ref(f"{parts.path('inspiring_projects', k)}.enjeux[{j}]", e, enjeux, "enjeu")
    for k, r in enumerate(s.rules):
        p = parts.path("rules", k)
        for j, kd in enumerate(r.applies_to):
            ref(f"{p}.applies_to[{j}]", kd, kinds, "space_kind")
        hours(f"{p}.maintenance_hours", r.maintenance_hours)
        effects(f"{p}.effects", r.effects)
    for k, ev in enumerate(s.events):
        p = parts.path("events", k)
        t = ev.trigger
        if sum(x is not None for x in (t.quarter, t.chance, t.indicator)) != 1:
            err(f"{p}.trigger", C.TRIGGER_KINDS)
        if t.indicator is not None:
            ref(f"{p}.trigger.indicator", t.indicator, indicators, "indicator")
            if (t.below is None) == (t.above is None):
                err(f"{p}.trigger", C.TRIGGER_THRESHOLD)
        if t.from_quarter > t.to_quarter:
            err(f"{p}.trigger.to_quarter", C.TRIGGER_ORDER)
        ref(f"{p}.trigger.unless_use", t.unless_use, uses, "use")
        effects(f"{p}.effects", ev.effects)
    for section in ("overload_effects", "charges_effects", "condition_effects"):
        for key in effect_keys(data, section):
            ref(f"simulation.{section}.{key}", key, indicators, "indicator")
    for k, option in enumerate(s.consent.options):
        if option.counts_as == ConsentTally.BLOCK and not option.reason_required:
            err(f"{parts.path(CONSENT_OPTIONS, k)}.reason_required", C.BLOCK_WITHOUT_REASON)
    if sec[CONSENT_OPTIONS].complete:
        counts = {option.counts_as for option in s.consent.options}
        for needed in (ConsentTally.AGREE, ConsentTally.BLOCK):
            if needed not in counts:
                err(CONSENT_OPTIONS, C.MISSING_CONSENT_OPTION, counts_as=needed)
    # times add up phase after phase from the day's start: all of them are needed
    if sec["phases"].complete and re.match(CLOCK_PATTERN, s.day_start):
        _agenda_errors(errs, s)
    return errs


def _agenda_errors(errs: list[Problem], s: Scenario) -> None:
    """The days go forward, a phase starts no earlier than the one before it ends (same day),
    and no phase runs past midnight."""
    before: agenda.PlannedPhase | None = None
    for p in agenda.planned(s):
        path = f"phases[{p.index}]"
        if before is not None and p.day < before.day:
            errs.append((f"{path}.day", ScenarioCode.PHASE_DAY_ORDER,
                         {"day": p.day, "previous": before.day}))
        elif before is not None and p.day == before.day and p.start < before.end:
            errs.append((f"{path}.start", ScenarioCode.PHASE_OVERLAP,
                         {"start": p.start_clock, "previous_end": before.end_clock,
                          "previous": before.title}))
        if p.end > agenda.DAY_MINUTES:
            errs.append((f"{path}.minutes", ScenarioCode.PHASE_PAST_MIDNIGHT,
                         {"start": p.start_clock, "end": p.end_clock}))
        before = p


def _conflict_reachable(s: Scenario, use: Use, other_id: str) -> bool:
    other = s.use(other_id)
    spaces = s.index("space")
    return any(s.use_fits(use, sp) and any(n in spaces and s.use_fits(other, spaces[n])
                                           for n in sp.neighbours)
               for sp in s.play_spaces())


def _polygon_in_map(errs: list[Problem], path: str, polygon: list[Point], parts: Parts) -> None:
    m = parts.map
    if m is None:
        return
    for j, (x, y) in enumerate(polygon):
        if not (0 <= x <= m.width and 0 <= y <= m.height):
            errs.append((f"{path}[{j}]", ScenarioCode.POINT_OUTSIDE_MAP,
                         {"x": x, "y": y, "width": m.width, "height": m.height}))
            return
