"""The canonical plain form of a State's records, fast, and the way back.

`State.to_dict()` feeds the state hash and every snapshot a server sends (`views.view_for`).
`dataclasses.asdict` builds it about 10x slower than needed, because it inspects each object's
fields and deep-copies each value on every call: ~1 s of a server's event loop for the
state of a bot-flooded session (5 MB), during which no room is served. As in `fastcopy`, each
record class gets a converter generated once from its fields; the result is what `asdict`
gives (the same types: lists stay lists, tuples stay tuples, dict keys are kept) except that
it is plain all the way down: a kind (`kinds.*`, a `StrEnum`) becomes its string value and a
round's `Subject` its wire string, as they were before these types existed. The test suite
checks that on whole sessions.

`record_loader(cls)` is the way back for one record: the plain strings of its kinds become
their enums again (and a subject a `Subject`).
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from typing import Any, TypeVar

from .kinds import Subject

_ATOMS = frozenset({str, int, float, bool, type(None)})
_INNER: dict[type, Callable[[Any], Any]] = {Subject: str}
_RECORD: dict[tuple[type, str], Callable[[Any], dict[str, Any]]] = {}
_LOADERS: dict[type, Callable[[dict[str, Any]], Any]] = {}
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class FieldShape:
    """What a record field holds, as far as copying and the plain form care."""

    name: str
    immutable: bool  # an atom, a kind, a subject or a frozen model: copied as is
    enum: type[Enum] | None = None  # a kind (maybe optional): plain form is its value
    subject: bool = False  # a Subject (maybe optional): plain form is its wire string
    optional: bool = False


def frozen_model(t: type) -> bool:
    config = getattr(t, "model_config", None)
    return isinstance(config, dict) and bool(config.get("frozen"))


def field_shapes(cls: type) -> list[FieldShape]:
    """The fields of a dataclass with what each holds, from its resolved annotations."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in fields(cls):
        hint = hints[f.name]
        args = typing.get_args(hint) if isinstance(hint, types.UnionType) \
            or typing.get_origin(hint) is typing.Union else (hint,)
        optional = type(None) in args
        rest = [a for a in args if a is not type(None)]
        if all(a in _ATOMS for a in args):
            out.append(FieldShape(f.name, True))
        elif len(rest) == 1 and isinstance(rest[0], type) and issubclass(rest[0], Enum):
            out.append(FieldShape(f.name, True, enum=rest[0], optional=optional))
        elif len(rest) == 1 and rest[0] is Subject:
            out.append(FieldShape(f.name, True, subject=True, optional=optional))
        elif len(rest) == 1 and isinstance(rest[0], type) and frozen_model(rest[0]):
            out.append(FieldShape(f.name, True, optional=optional))
        else:
            out.append(FieldShape(f.name, False, optional=optional))
    return out


def _enum_value(value: Any) -> Any:
    return value.value


def _model_dump(value: Any) -> Any:
    return value.model_dump(mode="json")


def inner(value: Any) -> Any:
    """The plain conversion of any value found inside a record (`asdict`'s, kinds aside)."""
    t = type(value)
    if t in _ATOMS:
        return value
    if t is list:
        return [x if type(x) in _ATOMS else inner(x) for x in value]
    if t is dict:
        return {inner(k): inner(v) for k, v in value.items()}
    if t is tuple:
        return tuple(inner(x) for x in value)
    conv = _INNER.get(t)
    if conv is None:
        if isinstance(value, Enum):
            conv = _INNER[t] = _enum_value
        elif frozen_model(t):  # a scenario model kept in a record (a character's objectives)
            conv = _INNER[t] = _model_dump
        elif not is_dataclass(value) or isinstance(value, type):
            return copy.deepcopy(value)  # what asdict does with any other value
        else:
            conv = _INNER[t] = _make(t, {})
    return conv(value)


def record_converter(cls: type, later: dict[str, Any]) -> Callable[[Any], dict[str, Any]]:
    """A function giving the plain form of a `cls` record (`asdict(o)`, kinds as their values),
    without the `later` fields that are at their default value."""
    key = (cls, repr(later))  # a default may be a list: keyed by its text
    conv = _RECORD.get(key)
    if conv is None:
        conv = _RECORD[key] = _make(cls, later)
    return conv


def _plain_expr(shape: FieldShape) -> str:
    o = f"o.{shape.name}"
    if shape.enum is not None or shape.subject:
        return f"(None if {o} is None else str({o}))" if shape.optional else f"str({o})"
    return o if shape.immutable else f"_inner({o})"


def _make(cls: type, later: dict[str, Any]) -> Callable[[Any], dict[str, Any]]:
    head, tail = [], []  # a dict literal up to the first `later` field, then one by one
    for shape in field_shapes(cls):
        name, value = shape.name, _plain_expr(shape)
        if name in later:
            tail.append(f"    v = {value}\n    if v != _later[{name!r}]:\n"
                        f"        d[{name!r}] = v\n")
        elif tail:
            tail.append(f"    d[{name!r}] = {value}\n")
        else:
            head.append(f"{name!r}: {value}")
    src = f"def conv(o):\n    d = {{{', '.join(head)}}}\n{''.join(tail)}    return d\n"
    namespace: dict[str, Any] = {"_inner": inner, "_later": later}
    exec(src, namespace)
    conv: Callable[[Any], dict[str, Any]] = namespace["conv"]
    return conv


def _subject(value: str | Subject) -> Subject:
    return value if isinstance(value, Subject) else Subject.parse(value)


def record_loader(cls: type[R]) -> Callable[[dict[str, Any]], R]:
    """A function building a `cls` record from its plain form (kinds back to their enums)."""
    load = _LOADERS.get(cls)
    if load is not None:
        return load
    lines = []
    namespace: dict[str, Any] = {"_cls": cls, "_subject": _subject}
    for shape in field_shapes(cls):
        if shape.enum is None and not shape.subject:
            continue
        n = shape.name
        if shape.enum is not None:
            namespace[f"_m_{n}"] = {m.value: m for m in shape.enum}
            conv = f"_m_{n}[v]"
        else:
            conv = "_subject(v)"
        test = "v is not None" if shape.optional else "True"
        lines.append(f"    if {n!r} in d:\n        v = d[{n!r}]\n"
                     f"        if {test}:\n            d[{n!r}] = {conv}\n")
    if lines:
        src = "def load(d):\n    d = dict(d)\n" + "".join(lines) + "    return _cls(**d)\n"
    else:
        src = "def load(d):\n    return _cls(**d)\n"
    exec(src, namespace)
    made: Callable[[dict[str, Any]], R] = namespace["load"]
    _LOADERS[cls] = made
    return made
