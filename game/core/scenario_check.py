"""Check a scenario file and find every problem a trainer must fix, with where it is.

`check_text(text, filename)` returns (scenario or None, [ScenarioError]). Each error names the
file, a JSON path such as `uses[3].allowed_kinds[0]`, a stable code (`ScenarioCode`) and the
values that say what is wrong (the unknown id, the limit, the value found…). The core says it
with codes and numbers, never with words: the sentence a trainer reads is made where it is shown,
in their language, by `ilot.game.text.scenario_errors` (`scenario.<code>` in scenario.po).
Errors of structure come from pydantic; the others, found in the same run on every part of the
file that could be read, from `scenario_cross` (between sections: a use allowed in an unknown
space kind…) and `scenario_content` (blank texts, phases without their content, phases in an
unusual order, which is only a warning).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .objectives_check import objective_errors
from .scenario import CLOCK_PATTERN, Scenario
from .scenario_codes import (
    JSON_DECIMAL_COMMA,
    JSON_OTHER,
    JSON_PROBLEMS,
    REF_KINDS,
    UNREADABLE_REASONS,
    WARNING_CODES,
    Problem,
    ScenarioCode,
)
from .scenario_content import blank_texts, phase_content, phase_order
from .scenario_cross import cross_reference_errors
from .scenario_parts import Parts, parts_of, read_parts
from .simulation_check import simulation_errors
from .space_check import space_errors

__all__ = ["JSON_DECIMAL_COMMA", "JSON_OTHER", "JSON_PROBLEMS", "REF_KINDS", "UNREADABLE_REASONS",
           "WARNING_CODES", "WHOLE_CHECKS", "Problem", "ScenarioCode", "ScenarioError", "ScenarioInvalid",
           "check_data", "check_file", "check_text", "cross_reference_errors", "json_path",
           "load_scenario"]


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

    @property
    def warning(self) -> bool:
        """An unusual choice worth a look (« attention »), not an error: the scenario loads."""
        return self.code in WARNING_CODES


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
_DECIMAL_COMMA = re.compile(r"^\s*[-+]?[0-9]*,[0-9]+\s*$")  # "12,5" where a number is expected


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
    if code in (ScenarioCode.NOT_NUMBER, ScenarioCode.NOT_INTEGER) and isinstance(found, str) \
            and _DECIMAL_COMMA.match(found):
        code = ScenarioCode.DECIMAL_COMMA
    if kind != "missing" and "input" in err and (found is None
                                                 or isinstance(found, (str, int, float, bool))):
        params["found"] = found
    return code, params


def _loc(err: Mapping[str, Any]) -> tuple[Any, ...]:
    # pydantic adds the tagged-union / function names to loc; keep only real keys and indices
    return tuple(p for p in err["loc"] if isinstance(p, int) or not str(p).startswith("function-"))


def _shape_errors(data: Any, filename: str) -> tuple[Scenario | None, list[ScenarioError]]:
    try:
        return Scenario.model_validate(data), []
    except ValidationError as exc:
        errors = []
        for e in exc.errors(include_url=False):
            code, params = _pydantic_problem(e)
            errors.append(ScenarioError(filename, json_path(_loc(e)), code, params))
        return None, errors


# Checks written for a whole Scenario (paths from `enumerate(s.<section>)`): private objectives,
# spaces in parts, payers and services. When the file has shape errors they run on the items
# that validated (`_whole_checks_on_parts`: paths mapped back to the file's items, and what
# needs complete sections waits for the next run); `scenario_cross` does the same by hand.
WHOLE_CHECKS: list[Callable[[Scenario], list[Problem]]] = [objective_errors, space_errors, simulation_errors]


MAX_DEPTH = 32  # the deepest shipped scenario nests 6 levels; pydantic and the checks recurse


def nesting_depth(data: Any, stop: int) -> int:
    """How deep lists and maps nest in `data` (a scalar: 0), without recursion; stops counting
    past `stop` so a nesting bomb costs nothing."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        x, depth = todo.pop()
        if isinstance(x, Mapping):
            children: Any = x.values()
        elif isinstance(x, list | tuple):
            children = x
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > stop:
            return deepest
        todo.extend((c, depth + 1) for c in children)
    return deepest


def check_data(data: Any, filename: str = "") -> tuple[Scenario | None, list[ScenarioError]]:
    """Check a scenario already read from JSON; `filename` names it in the errors.

    Every problem is found in one run: the shape errors (pydantic, on the whole scenario), then
    the blank texts, the problems between sections and the phases' content and order, on every
    part of the file that could be read even when other parts are wrong. The list ends with the
    warnings (`ScenarioError.warning`); the scenario is returned when there is no error."""
    if nesting_depth(data, MAX_DEPTH) > MAX_DEPTH:
        return None, [ScenarioError(filename, "", ScenarioCode.TOO_DEEP, {"limit": MAX_DEPTH})]
    scenario, errors = _shape_errors(data, filename)
    if not isinstance(data, Mapping):
        return None, errors
    parts = read_parts(data) if scenario is None else parts_of(scenario)
    problems = blank_texts(data) + cross_reference_errors(parts, data) + phase_content(parts)
    problems += phase_order(parts)
    if scenario is not None:
        for check in WHOLE_CHECKS:
            problems += check(scenario)
    else:
        problems += _whole_checks_on_parts(parts)
    errors += [ScenarioError(filename, path, code, params) for path, code, params in problems]
    errors.sort(key=lambda e: e.warning)  # stable: errors in the file's order, then warnings
    if any(not e.warning for e in errors):
        return None, errors
    return scenario, errors


# What a whole-scenario check says about a section that must be complete to be true: an id
# "unknown" may be that of an item left out for its own fault; "fits no space" may be wrong
# while a space is left out.
_NEEDS_COMPLETE = {ScenarioCode.UNKNOWN_REF, ScenarioCode.USE_FITS_NO_SPACE,
                   ScenarioCode.PART_FITS_NO_USE, ScenarioCode.CONFLICT_NEVER_HAPPENS}
_REF_SECTION = {"indicator": "indicators", "metier": "metiers", "use": "uses", "space": "spaces",
                "rule": "rules", "building": "buildings", "constraint": "constraints",
                "payer": "payers"}
_LEADING_ITEM = re.compile(r"^(\w+)\[(\d+)\]")


def _whole_checks_on_parts(parts: Parts) -> list[Problem]:
    """The whole-scenario checks run on the items that validated, in the same run as the shape
    errors: paths point at the file's items again, and what could be false while some item is
    left out (`_NEEDS_COMPLETE`) waits for the next run."""
    complete = all(section.complete for section in parts.sections.values())
    out: list[Problem] = []
    for check in WHOLE_CHECKS:
        try:
            found = check(parts.scenario)
        except Exception:  # a partial scenario may lack what a check expects: next run
            continue
        for path, code, params in found:
            if code == ScenarioCode.UNKNOWN_REF and params.get("kind") in _REF_SECTION:
                section = parts.sections.get(_REF_SECTION[params["kind"]])
                if section is None or not section.complete:
                    continue
            elif code in _NEEDS_COMPLETE and not complete:
                continue
            m = _LEADING_ITEM.match(path)
            if m and m.group(1) in parts.sections:
                k = int(m.group(2))
                where = parts.sections[m.group(1)].where
                if k >= len(where):
                    continue
                path = f"{m.group(1)}[{where[k]}]" + path[m.end():]
            out.append((path, code, params))
    return out


def _decimal_comma(text: str, pos: int) -> int | None:
    """Where a number written with a decimal comma (`12,5`) makes the JSON invalid: the comma's
    position, when the decoder stopped on a digit just after a comma that follows a digit."""
    if 2 <= pos < len(text) and text[pos].isdigit() and text[pos - 1] == "," \
            and text[pos - 2].isdigit():
        return pos - 1
    return None


def check_text(text: str, filename: str = "") -> tuple[Scenario | None, list[ScenarioError]]:
    try:
        data = json.loads(text)
    except RecursionError:  # `[[[[…` thousands deep: the decoder's own stack runs out
        return None, [ScenarioError(filename, "", ScenarioCode.TOO_DEEP, {"limit": MAX_DEPTH})]
    except json.JSONDecodeError as exc:
        problem = JSON_PROBLEMS.get(exc.msg, JSON_OTHER)
        line, column = exc.lineno, exc.colno
        comma = _decimal_comma(text, exc.pos)
        if comma is not None:
            problem = JSON_DECIMAL_COMMA
            line = text.count("\n", 0, comma) + 1
            column = comma - text.rfind("\n", 0, comma)
        return None, [ScenarioError(filename, "", ScenarioCode.JSON_SYNTAX,
                                    {"line": line, "column": column,
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
        params: dict[str, Any] = {"reason": reason, "detail": detail}
        if isinstance(exc, UnicodeDecodeError):  # the line of the first byte that is not UTF-8
            params["line"] = exc.object[:exc.start].count(b"\n") + 1
        return None, [ScenarioError(str(path), "", ScenarioCode.FILE_UNREADABLE, params)]
    return check_text(text, str(path))


def load_scenario(path: str | Path) -> Scenario:
    scenario, errors = check_file(path)
    if scenario is None:
        raise ScenarioInvalid(errors)
    return scenario
