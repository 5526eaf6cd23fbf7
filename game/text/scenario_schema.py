"""The scenario format as a JSON Schema whose descriptions are in a `Lang` (`ilot scenario schema`).

Editors show a field's description on hover (VS Code), so each description comes from the
catalogue (check_schema.po), not from the models' English docstrings or field names:

    schema.<model>              the model itself          schema.use
    schema.<model>.<field>      one of its fields         schema.use.allowed_kinds
    schema.<enum>.<value>       one value of an enum      schema.phase_kind.world_cafe

`<model>` is the model's class name in snake_case (`ScenarioEvent` → `scenario_event`). pydantic's
generated titles ("Players Per Persona") are dropped. `missing_descriptions(lang)` lists what
the catalogue lacks, so a new field without a description is caught by a test.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.scenario import Scenario
from .lang import Lang

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def model_key(name: str) -> str:
    """`ScenarioEvent` → `schema.scenario_event`."""
    return "schema." + re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _nodes(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The root (the Scenario model) and each definition, with the model's name."""
    return [(Scenario.__name__, schema), *schema.get("$defs", {}).items()]


def _keys(name: str, node: dict[str, Any]) -> list[tuple[str, str]]:
    """(catalogue key, what it describes as `Model.field`) for a model or enum and its parts."""
    base = model_key(name)
    out = [(base, name)]
    out += [(f"{base}.{prop}", f"{name}.{prop}") for prop in node.get("properties", {})]
    out += [(f"{base}.{value}", f"{name}.{value}") for value in node.get("enum", ())]
    return out


def scenario_schema(lang: Lang) -> dict[str, Any]:
    """The JSON Schema of a scenario file, described in `lang`."""
    schema = Scenario.model_json_schema()
    for name, node in _nodes(schema):
        base = model_key(name)
        node.pop("title", None)
        if lang.has(base):
            node["description"] = lang.t(base)
        for prop, sub in node.get("properties", {}).items():
            sub.pop("title", None)
            if lang.has(f"{base}.{prop}"):
                sub["description"] = lang.t(f"{base}.{prop}")
        if "enum" in node:  # VS Code shows these next to each value it proposes
            node["enumDescriptions"] = [lang.t(f"{base}.{v}") if lang.has(f"{base}.{v}") else ""
                                        for v in node["enum"]]
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = lang.t("cli.schema.title")
    return schema


def missing_descriptions(lang: Lang) -> list[str]:
    """`schema.use.capacity (Use.capacity)` for every model, field and enum value of the format
    that has no description in `lang`'s catalogue."""
    schema = Scenario.model_json_schema()
    return [f"{key} ({what})" for name, node in _nodes(schema)
            for key, what in _keys(name, node) if not lang.has(key)]
