"""Check a scenario file and find every problem a trainer must fix, with where it is.

`check_text(text, filename)` returns (scenario or None, [ScenarioError]). Each error names the
file, a JSON path such as `uses[3].allowed_kinds[0]`, a stable code (`ScenarioCode`) and the
values that say what is wrong (the unknown id, the limit, the value found…). The core says it
with codes and numbers, never with words: the sentence a trainer reads is made where it is shown,
in their language, by `ilot.game.text.scenario_errors` (`scenario.<code>` in scenario.po).
Errors of structure come from pydantic; errors between sections (a use allowed in an unknown
space kind, a persona of an unknown role…) are found here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import agenda
from .kinds import ConsentTally, UseAttach
from .scenario import CLOCK_PATTERN, ROLE_KINDS, Point, Scenario, Use


class ScenarioCode(StrEnum):
    """What is wrong, as a stable code; its parameters are listed with each."""

    # the file itself
    FILE_UNREADABLE = "file_unreadable"  # reason: not_found|is_directory|permission|not_utf8|os_error, detail
    JSON_SYNTAX = "json_syntax"  # line, column, problem (JSON_PROBLEMS), detail
    # structure (from pydantic); each may also carry `found`, the value found in the file
    MISSING = "missing"
    UNKNOWN_FIELD = "unknown_field"
    NOT_TEXT = "not_text"
    NOT_INTEGER = "not_integer"
    NOT_NUMBER = "not_number"
    NOT_BOOL = "not_bool"
    NOT_LIST = "not_list"
    NOT_OBJECT = "not_object"
    NOT_PAIR = "not_pair"
    GREATER_THAN = "greater_than"  # limit
    AT_LEAST = "at_least"  # limit
    LESS_THAN = "less_than"  # limit
    AT_MOST = "at_most"  # limit
    TOO_FEW_ITEMS = "too_few_items"  # min
    TOO_MANY_ITEMS = "too_many_items"  # max
    TEXT_TOO_SHORT = "text_too_short"  # min
    TEXT_TOO_LONG = "text_too_long"  # max
    NOT_ALLOWED_VALUE = "not_allowed_value"  # expected: [values]
    BAD_COLOUR = "bad_colour"
    BAD_FORMAT = "bad_format"  # pattern
    BAD_TIME = "bad_time"  # a clock time not written HH:MM
    INVALID_VALUE = "invalid_value"  # detail (pydantic's own words, for a case not foreseen)
    # between sections
    DUPLICATE_ID = "duplicate_id"  # value
    UNKNOWN_REF = "unknown_ref"  # kind (REF_KINDS), value, known: [ids]
    MISSING_ROLE = "missing_role"  # role
    NEGATIVE_HOURS = "negative_hours"
    OWN_NEIGHBOUR = "own_neighbour"
    OBJECTIVE_WITHOUT_TARGET = "objective_without_target"
    NO_PERSONA_FOR_ROLE = "no_persona_for_role"  # role
    MAX_NOT_ABOVE_MIN = "max_not_above_min"
    INITIAL_OUT_OF_RANGE = "initial_out_of_range"  # min, max
    NO_SATISFACTION_INDICATOR = "no_satisfaction_indicator"  # role
    CONFLICT_TARGET = "conflict_target"
    CONFLICT_NEVER_HAPPENS = "conflict_never_happens"
    USE_FITS_NO_SPACE = "use_fits_no_space"  # use (its name)
    TRIGGER_KINDS = "trigger_kinds"
    TRIGGER_THRESHOLD = "trigger_threshold"
    TRIGGER_ORDER = "trigger_order"
    BLOCK_WITHOUT_REASON = "block_without_reason"
    MISSING_CONSENT_OPTION = "missing_consent_option"  # counts_as
    POINT_OUTSIDE_MAP = "point_outside_map"  # x, y, width, height
    # the agenda (phases' day, start and minutes)
    PHASE_DAY_ORDER = "phase_day_order"  # day, previous (the day of the phase before)
    PHASE_OVERLAP = "phase_overlap"  # start, previous_end (HH:MM), previous (its title)
    PHASE_PAST_MIDNIGHT = "phase_past_midnight"  # start, end (HH:MM)


# what an unknown reference was meant to name (`UNKNOWN_REF`'s `kind`)
REF_KINDS = ("space_kind", "building", "constraint", "space", "metier", "indicator", "use",
             "enjeu")
# what is wrong in a JSON text (`JSON_SYNTAX`'s `problem`), from the decoder's own message
JSON_PROBLEMS = {
    "Expecting ',' delimiter": "comma",
    "Expecting ':' delimiter": "colon",
    "Expecting property name enclosed in double quotes": "property_name",
    "Expecting value": "value",
    "Extra data": "extra_data",
    "Unterminated string starting at": "unterminated_string",
    "Invalid control character at": "control_character",
    "Invalid \\escape": "escape",
    "Invalid \\uXXXX escape": "escape",
}
JSON_OTHER = "other"
# why a file could not be read (`FILE_UNREADABLE`'s `reason`)
UNREADABLE_REASONS = ("not_found", "is_directory", "permission", "not_utf8", "os_error")


@dataclass(frozen=True)
class ScenarioError:
    """One problem: `file` ("" for a scenario that came without a file name), `path` (the JSON
    path of the faulty value, "" for the whole document), `code` and its `params`."""

    file: str
    path: str
    code: ScenarioCode
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        """A neutral line for logs (codes, not sentences): people read
        `ilot.game.text.scenario_errors.scenario_error_line(error, lang)`."""
        where = ": ".join(p for p in (self.file, self.path) if p)
        values = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{where}: {self.code}" + (f" ({values})" if values else "")


class ScenarioInvalid(Exception):
    def __init__(self, errors: list[ScenarioError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def json_path(loc: Iterable[Any]) -> str:
    """`("uses", 3, "allowed_kinds", 0)` → `uses[3].allowed_kinds[0]` ("" for the document)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_PYDANTIC_CODES = {
    "missing": ScenarioCode.MISSING,
    "extra_forbidden": ScenarioCode.UNKNOWN_FIELD,
    "string_type": ScenarioCode.NOT_TEXT,
    "string_unicode": ScenarioCode.NOT_TEXT,
    "int_type": ScenarioCode.NOT_INTEGER,
    "int_parsing": ScenarioCode.NOT_INTEGER,
    "int_from_float": ScenarioCode.NOT_INTEGER,
    "float_type": ScenarioCode.NOT_NUMBER,
    "float_parsing": ScenarioCode.NOT_NUMBER,
    "finite_number": ScenarioCode.NOT_NUMBER,
    "bool_type": ScenarioCode.NOT_BOOL,
    "bool_parsing": ScenarioCode.NOT_BOOL,
    "list_type": ScenarioCode.NOT_LIST,
    "dict_type": ScenarioCode.NOT_OBJECT,
    "model_type": ScenarioCode.NOT_OBJECT,
    "model_attributes_type": ScenarioCode.NOT_OBJECT,
    "tuple_type": ScenarioCode.NOT_PAIR,
}
# pydantic error type → (code, the ctx value that is its parameter, the parameter's name)
_PYDANTIC_LIMITS = {
    "greater_than": (ScenarioCode.GREATER_THAN, "gt", "limit"),
    "greater_than_equal": (ScenarioCode.AT_LEAST, "ge", "limit"),
    "less_than": (ScenarioCode.LESS_THAN, "lt", "limit"),
    "less_than_equal": (ScenarioCode.AT_MOST, "le", "limit"),
    "too_short": (ScenarioCode.TOO_FEW_ITEMS, "min_length", "min"),
    "too_long": (ScenarioCode.TOO_MANY_ITEMS, "max_length", "max"),
    "string_too_short": (ScenarioCode.TEXT_TOO_SHORT, "min_length", "min"),
    "string_too_long": (ScenarioCode.TEXT_TOO_LONG, "max_length", "max"),
}
_COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"


def _expected_values(expected: str) -> list[str]:
    """pydantic's "'accueil', 'projets' or 'synthese'" → ["accueil", "projets", "synthese"]."""
    quoted = re.findall(r"'((?:[^'\\]|\\.)*)'", expected)
    if quoted:
        return quoted
    return [v for v in re.split(r",\s*|\s+or\s+", expected) if v]


def _pydantic_problem(err: Mapping[str, Any]) -> tuple[ScenarioCode, dict[str, Any]]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    params: dict[str, Any] = {}
    if kind in _PYDANTIC_CODES:
        code = _PYDANTIC_CODES[kind]
    elif kind in _PYDANTIC_LIMITS:
        code, key, name = _PYDANTIC_LIMITS[kind]
        params[name] = ctx.get(key)
    elif kind in ("literal_error", "enum"):
        code = ScenarioCode.NOT_ALLOWED_VALUE
        params["expected"] = _expected_values(str(ctx.get("expected", "")))
    elif kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        code = ScenarioCode.BAD_COLOUR if pattern == _COLOUR_PATTERN \
            else ScenarioCode.BAD_TIME if pattern == CLOCK_PATTERN else ScenarioCode.BAD_FORMAT
        if code is ScenarioCode.BAD_FORMAT:
            params["pattern"] = pattern
    else:
        code = ScenarioCode.INVALID_VALUE
        params["detail"] = str(err.get("msg", kind))
    found = err.get("input")
    if kind != "missing" and "input" in err and (found is None
                                                 or isinstance(found, (str, int, float, bool))):
        params["found"] = found
    return code, params


def _loc(err: Mapping[str, Any]) -> tuple[Any, ...]:
    # pydantic adds the tagged-union / function names to loc; keep only real keys and indices
    return tuple(p for p in err["loc"] if isinstance(p, int) or not str(p).startswith("function-"))


def check_data(data: Any, filename: str = "") -> tuple[Scenario | None, list[ScenarioError]]:
    """Check a scenario already read from JSON; `filename` names it in the errors."""
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = []
        for e in exc.errors(include_url=False):
            code, params = _pydantic_problem(e)
            errors.append(ScenarioError(filename, json_path(_loc(e)), code, params))
        return None, errors
    errors = [ScenarioError(filename, path, code, params)
              for path, code, params in cross_reference_errors(scenario)]
    return (None if errors else scenario), errors


def check_text(text: str, filename: str = "") -> tuple[Scenario | None, list[ScenarioError]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = JSON_PROBLEMS.get(exc.msg, JSON_OTHER)
        return None, [ScenarioError(filename, "", ScenarioCode.JSON_SYNTAX,
                                    {"line": exc.lineno, "column": exc.colno,
                                     "problem": problem, "detail": exc.msg})]
    return check_data(data, filename)


def check_file(path: str | Path) -> tuple[Scenario | None, list[ScenarioError]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = ("not_found" if isinstance(exc, FileNotFoundError)
                  else "is_directory" if isinstance(exc, IsADirectoryError)
                  else "permission" if isinstance(exc, PermissionError)
                  else "not_utf8" if isinstance(exc, UnicodeDecodeError)
                  else "os_error")
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, [ScenarioError(str(path), "", ScenarioCode.FILE_UNREADABLE,
                                    {"reason": reason, "detail": detail})]
    return check_text(text, str(path))


def load_scenario(path: str | Path) -> Scenario:
    scenario, errors = check_file(path)
    if scenario is None:
        raise ScenarioInvalid(errors)
    return scenario


Problem = tuple[str, ScenarioCode, dict[str, Any]]  # (JSON path, code, params)


def cross_reference_errors(s: Scenario) -> list[Problem]:
    """Problems between sections, as (JSON path, code, params)."""
    errs: list[Problem] = []
    C = ScenarioCode

    def err(path: str, code: ScenarioCode, **params: Any) -> None:
        errs.append((path, code, params))

    def unique(section: str, items: Sequence[BaseModel], key: str = "id") -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                err(f"{section}[{i}].{key}", C.DUPLICATE_ID, value=value)
            seen.add(value)
        return seen

    kinds = unique("space_kinds", s.space_kinds)
    constraints = unique("constraints", s.constraints)
    buildings = unique("buildings", s.buildings)
    spaces = unique("spaces", s.spaces)
    unique("personas", s.personas)
    metiers = unique("metiers", s.metiers)
    indicators = unique("indicators", s.indicators)
    uses = unique("uses", s.uses)
    enjeux = unique("enjeux", s.enjeux)
    unique("inspiring_projects", s.inspiring_projects)
    unique("cafe_themes", s.cafe_themes)
    unique("rules", s.rules)
    unique("events", s.events)
    unique("consent.options", s.consent.options)
    unique("phases", s.phases)
    unique("evaluation", s.evaluation)
    roles = unique("roles", s.roles, "kind")

    def ref(path: str, value: str | None, known: set[str], kind: str) -> None:
        if value is not None and value not in known:
            err(path, C.UNKNOWN_REF, kind=kind, value=value, known=sorted(known)[:12])

    def effects(path: str, mapping: Mapping[str, float]) -> None:
        for ind in mapping:
            ref(f"{path}.{ind}", ind, indicators, "indicator")

    def hours(path: str, mapping: Mapping[str, float]) -> None:
        for m, h in mapping.items():
            ref(f"{path}.{m}", m, metiers, "metier")
            if h < 0:
                err(f"{path}.{m}", C.NEGATIVE_HOURS)

    for kind in ROLE_KINDS:
        if kind not in roles:
            err("roles", C.MISSING_ROLE, role=kind)

    for i, b in enumerate(s.buildings):
        _polygon_in_map(errs, f"buildings[{i}].polygon", b.polygon, s)
    for i, sp in enumerate(s.spaces):
        p = f"spaces[{i}]"
        ref(f"{p}.kind", sp.kind, kinds, "space_kind")
        ref(f"{p}.building", sp.building, buildings, "building")
        for j, c in enumerate(sp.constraints):
            ref(f"{p}.constraints[{j}]", c, constraints, "constraint")
        for j, n in enumerate(sp.neighbours):
            ref(f"{p}.neighbours[{j}]", n, spaces, "space")
            if n == sp.id:
                err(f"{p}.neighbours[{j}]", C.OWN_NEIGHBOUR)
        _polygon_in_map(errs, f"{p}.polygon", sp.polygon, s)

    for i, pe in enumerate(s.personas):
        p = f"personas[{i}]"
        ref(f"{p}.metier", pe.metier, metiers, "metier")
        effects(f"{p}.interests", pe.interests)
        for j, o in enumerate(pe.private_objectives):
            ref(f"{p}.private_objectives[{j}].indicator", o.indicator, indicators, "indicator")
            if o.indicator is not None and o.target is None:
                err(f"{p}.private_objectives[{j}].target", C.OBJECTIVE_WITHOUT_TARGET)
    for kind in ROLE_KINDS:
        if not any(pe.role == kind for pe in s.personas):
            err("personas", C.NO_PERSONA_FOR_ROLE, role=kind)

    for i, ind in enumerate(s.indicators):
        p = f"indicators[{i}]"
        if ind.min >= ind.max:
            err(f"{p}.max", C.MAX_NOT_ABOVE_MIN)
        elif not ind.min <= ind.initial <= ind.max:
            err(f"{p}.initial", C.INITIAL_OUT_OF_RANGE, min=ind.min, max=ind.max)
    for kind in ROLE_KINDS:
        if not any(ind.satisfaction_of == kind for ind in s.indicators):
            err("indicators", C.NO_SATISFACTION_INDICATOR, role=kind)

    for i, u in enumerate(s.uses):
        p = f"uses[{i}]"
        for j, k in enumerate(u.allowed_kinds):
            ref(f"{p}.allowed_kinds[{j}]", k, kinds, "space_kind")
        hours(f"{p}.maintenance_hours", u.maintenance_hours)
        effects(f"{p}.effects", u.effects)
        for j, conflict in enumerate(u.conflicts):
            cp = f"{p}.conflicts[{j}]"
            if (conflict.with_use is None) == (conflict.with_constraint is None):
                err(cp, C.CONFLICT_TARGET)
            ref(f"{cp}.with_use", conflict.with_use, uses, "use")
            if conflict.with_use in uses and not _conflict_reachable(s, u, conflict.with_use):
                err(f"{cp}.with_use", C.CONFLICT_NEVER_HAPPENS)
            ref(f"{cp}.with_constraint", conflict.with_constraint, constraints, "constraint")
            effects(f"{cp}.effects", conflict.effects)
        if u.experiment:
            for j, cr in enumerate(u.experiment.criteria):
                ref(f"{p}.experiment.criteria[{j}].indicator", cr.indicator, indicators,
                    "indicator")
        if u.attach == UseAttach.SPACE and not any(s.use_fits(u, sp) for sp in s.spaces):
            err(p, C.USE_FITS_NO_SPACE, use=u.name)

    for i, pr in enumerate(s.inspiring_projects):
        for j, e in enumerate(pr.enjeux):
            ref(f"inspiring_projects[{i}].enjeux[{j}]", e, enjeux, "enjeu")
    for i, r in enumerate(s.rules):
        p = f"rules[{i}]"
        for j, k in enumerate(r.applies_to):
            ref(f"{p}.applies_to[{j}]", k, kinds, "space_kind")
        hours(f"{p}.maintenance_hours", r.maintenance_hours)
        effects(f"{p}.effects", r.effects)
    for i, ev in enumerate(s.events):
        p = f"events[{i}]"
        t = ev.trigger
        ways = sum(x is not None for x in (t.quarter, t.chance, t.indicator))
        if ways != 1:
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
        effects(f"simulation.{section}", getattr(s.simulation, section))
    for i, option in enumerate(s.consent.options):
        if option.counts_as == ConsentTally.BLOCK and not option.reason_required:
            err(f"consent.options[{i}].reason_required", C.BLOCK_WITHOUT_REASON)
    counts = {option.counts_as for option in s.consent.options}
    for needed in (ConsentTally.AGREE, ConsentTally.BLOCK):
        if needed not in counts:
            err("consent.options", C.MISSING_CONSENT_OPTION, counts_as=needed)
    _agenda_errors(errs, s)
    from .simulation_check import simulation_errors  # services, payers, constraints' costs
    errs.extend(simulation_errors(s))
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
               for sp in s.spaces)


def _polygon_in_map(errs: list[Problem], path: str, polygon: list[Point],
                    s: Scenario) -> None:
    for j, (x, y) in enumerate(polygon):
        if not (0 <= x <= s.map.width and 0 <= y <= s.map.height):
            errs.append((f"{path}[{j}]", ScenarioCode.POINT_OUTSIDE_MAP,
                         {"x": x, "y": y, "width": s.map.width, "height": s.map.height}))
            return
