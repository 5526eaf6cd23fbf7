"""The canonical plain form of a State's records, fast.

`State.to_dict()` feeds the state hash and every snapshot a server sends (`views.view_for`).
`dataclasses.asdict` builds it about 10x slower than needed, because it inspects each object's
fields and deep-copies each value on every call: ~1 s of a server's event loop for the
state of a bot-flooded session (5 MB), during which no room is served. As in `fastcopy`, each
record class gets a converter generated once from its fields; the result is exactly what
`asdict` gives (the same types: lists stay lists, tuples stay tuples, dict keys are kept), and
the test suite checks that on whole sessions.
"""

from __future__ import annotations

import copy
from dataclasses import fields, is_dataclass
from typing import Any, Callable

_ATOMS = frozenset({str, int, float, bool, type(None)})
_ATOM_ANNOTATIONS = frozenset({"str", "int", "float", "bool", "None", "str | None", "int | None",
                               "float | None", "bool | None"})
_INNER: dict[type, Callable[[Any], dict]] = {}
_RECORD: dict[tuple[type, tuple], Callable[[Any], dict]] = {}


def inner(value: Any) -> Any:
    """`dataclasses.asdict`'s conversion of any value found inside a record."""
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
        if not is_dataclass(value) or isinstance(value, type):
            return copy.deepcopy(value)  # what asdict does with any other value
        conv = _INNER[t] = _make(t, {})
    return conv(value)


def record_converter(cls: type, later: dict[str, Any]) -> Callable[[Any], dict]:
    """A function giving `asdict(o)` for a `cls` record, without the `later` fields that are
    at their default value."""
    key = (cls, tuple(later.items()))
    conv = _RECORD.get(key)
    if conv is None:
        conv = _RECORD[key] = _make(cls, later)
    return conv


def _make(cls: type, later: dict[str, Any]) -> Callable[[Any], dict]:
    head, tail = [], []  # a dict literal up to the first `later` field, then one by one
    for f in fields(cls):
        annotation = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "")
        value = f"o.{f.name}" if annotation in _ATOM_ANNOTATIONS else f"_inner(o.{f.name})"
        if f.name in later:
            tail.append(f"    v = {value}\n    if v != _later[{f.name!r}]:\n"
                        f"        d[{f.name!r}] = v\n")
        elif tail:
            tail.append(f"    d[{f.name!r}] = {value}\n")
        else:
            head.append(f"{f.name!r}: {value}")
    src = f"def conv(o):\n    d = {{{', '.join(head)}}}\n{''.join(tail)}    return d\n"
    namespace: dict[str, Any] = {"_inner": inner, "_later": later}
    exec(src, namespace)  # noqa: S102 - generated from the dataclass's own field names
    return namespace["conv"]
