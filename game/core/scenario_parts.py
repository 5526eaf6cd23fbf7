"""What of a scenario can be read, section by section, when the whole of it does not validate.

pydantic refuses a scenario as a whole when one field is wrong; a trainer then fixes that field
and only learns of the next problem (an unknown space kind, a duplicate id…) on the next run.
`read_parts(data)` instead validates each list item on its own and keeps those that pass, so
`scenario_check` can run every check between sections on what was readable, in the same run as
the shape errors. It never reports anything itself: the shape errors come from validating the
whole scenario once.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .scenario import Consent, ConsentOption, MapInfo, Scenario

# a list section's items are found by `id`, except the roles (by `kind`)
KEY_OF = {"roles": "kind"}
CONSENT_OPTIONS = "consent.options"


@dataclass(frozen=True)
class Section:
    """One list section as the file gives it.

    `where[k]` is the index in the file of the k-th item that validated (the items of
    `Parts.scenario`'s list); `keys` every (index, id) an item of the file names, valid or not;
    `size` how many items the file has; `patched` how many items only validated once their
    faulty optional parts were left out (`_without_faults`). `readable` is False when the
    section is missing or not a list: nothing can be said about what it holds."""

    where: list[int] = field(default_factory=list)
    keys: list[tuple[int, str]] = field(default_factory=list)
    size: int = 0
    readable: bool = True
    patched: int = 0

    @property
    def complete(self) -> bool:
        """Every item of the file validated as written: "no item does X" can be said."""
        return self.readable and len(self.where) == self.size and not self.patched

    @property
    def ids(self) -> set[str] | None:
        """The ids the file declares (None: unknown, so references to it are not checked)."""
        return {k for _, k in self.keys} if self.readable else None


@dataclass(frozen=True)
class Parts:
    """`scenario`: a Scenario built without validation from the items that validated (so its
    lists hold only good items); `sections`: where each came from; `map`: None when unreadable."""

    scenario: Scenario
    sections: dict[str, Section]
    map: MapInfo | None

    def path(self, section: str, k: int) -> str:
        """The JSON path of the k-th valid item of `section`: `spaces[4]`."""
        return f"{section}[{self.sections[section].where[k]}]"


def _item_model(annotation: Any) -> type[BaseModel] | None:
    """`list[Space]` → Space; None for anything else."""
    if typing.get_origin(annotation) is list:
        (arg,) = typing.get_args(annotation)
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _read_list(raw: Any, model: type[BaseModel], key: str) -> tuple[list[BaseModel], Section]:
    if not isinstance(raw, list):
        return [], Section(readable=False)
    items: list[BaseModel] = []
    where: list[int] = []
    keys: list[tuple[int, str]] = []
    patched = 0
    for i, item in enumerate(raw):
        if isinstance(item, Mapping) and isinstance(item.get(key), str):
            keys.append((i, item[key]))
        try:
            items.append(model.model_validate(item))
        except ValidationError as exc:
            lighter = _without_faults(item, model, exc)
            if lighter is None:
                continue
            try:
                items.append(model.model_validate(lighter))
            except ValidationError:
                continue
            patched += 1
        where.append(i)
    return items, Section(where, keys, len(raw), patched=patched)


def _container(annotation: Any) -> bool:
    """A list, a mapping or a model (possibly optional): leaving it out loses detail, never
    invents a value that another check could compare (as a default `max` would)."""
    args = typing.get_args(annotation) if typing.get_origin(annotation) in (
        typing.Union, types.UnionType) else (annotation,)
    return any(typing.get_origin(a) in (list, dict)
               or (isinstance(a, type) and issubclass(a, BaseModel)) for a in args)


def _without_faults(item: Any, model: type[BaseModel],
                    exc: ValidationError) -> dict[str, Any] | None:
    """The item without the keys its errors are in, when each is an unknown key or an optional
    container (a persona's faulty `private_objectives`, a use's faulty `conflicts`): its other
    fields can then be checked. None when a required or scalar field is at fault."""
    if not isinstance(item, Mapping):
        return None
    errors = exc.errors()
    if not all(e["loc"] for e in errors):  # the item itself is wrong (not an object)
        return None
    faulty = {e["loc"][0] for e in errors}
    for name in faulty:
        info = model.model_fields.get(str(name))
        if info is not None and (info.is_required() or not _container(info.annotation)):
            return None
    return {k: v for k, v in item.items() if k not in faulty}


def _default(name: str) -> Any:
    return Scenario.model_fields[name].get_default(call_default_factory=True)


def _read_consent(raw: Any) -> tuple[Consent, Section]:
    if raw is None:
        consent = Consent()
        return consent, _whole(consent.options, "id")
    if not isinstance(raw, Mapping):
        return Consent.model_construct(options=[]), Section(readable=False)
    if "options" not in raw:
        return _read_consent(None)
    options, section = _read_list(raw["options"], ConsentOption, "id")
    return Consent.model_construct(options=[o for o in options
                                            if isinstance(o, ConsentOption)]), section


def _whole(items: list[Any], key: str) -> Section:
    return Section(list(range(len(items))), [(i, str(getattr(x, key))) for i, x in
                                             enumerate(items)], len(items))


def parts_of(scenario: Scenario) -> Parts:
    """The parts of a scenario that validated as a whole: every item of every section."""
    sections = {name: _whole(getattr(scenario, name), KEY_OF.get(name, "id"))
                for name, info in Scenario.model_fields.items()
                if _item_model(info.annotation) is not None}
    sections[CONSENT_OPTIONS] = _whole(scenario.consent.options, "id")
    return Parts(scenario, sections, scenario.map)


def read_parts(data: Mapping[str, Any]) -> Parts:
    """Every readable part of a scenario's JSON object (see the module's docstring)."""
    values: dict[str, Any] = {}
    sections: dict[str, Section] = {}
    for name, info in Scenario.model_fields.items():
        model = _item_model(info.annotation)
        if model is None:
            continue
        if name in data:
            items, section = _read_list(data[name], model, KEY_OF.get(name, "id"))
        elif not info.is_required():
            items = list(_default(name))
            section = _whole(items, KEY_OF.get(name, "id"))
        else:
            items, section = [], Section(readable=False)
        values[name] = items
        sections[name] = section
    consent, sections[CONSENT_OPTIONS] = _read_consent(data.get("consent"))
    values["consent"] = consent
    values["simulation"] = _default("simulation")
    for name in ("id", "title", "day_start"):  # texts the checks read (blank, agenda)
        value = data.get(name)
        if isinstance(value, str):
            values[name] = value
        else:
            values[name] = "" if Scenario.model_fields[name].is_required() else _default(name)
    try:
        map_info: MapInfo | None = MapInfo.model_validate(data.get("map"))
    except ValidationError:
        map_info = None
    return Parts(Scenario.model_construct(**values), sections, map_info)


def effect_keys(data: Mapping[str, Any], section: str) -> list[str]:
    """The indicator ids a `simulation.<section>` mapping names, even when its values are wrong."""
    sim = data.get("simulation")
    raw = sim.get(section) if isinstance(sim, Mapping) else None
    return [k for k in raw if isinstance(k, str)] if isinstance(raw, Mapping) else []
