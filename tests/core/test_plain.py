"""The generated plain form (game/core/plain.py) is exactly what `dataclasses.asdict` gave when
the state's kinds were plain strings.

The plain form feeds the state hash (old logs must keep theirs) and every snapshot a server
sends, so it is compared, value and type, with the reference built the old way on whole
scripted sessions of both scenarios: `asdict`, with each kind (an enum) as its string value and
a round's subject as its wire string, as they were stored before they were typed.
"""

from __future__ import annotations

import copy
from dataclasses import fields, is_dataclass, replace
from enum import Enum

import pytest

from ilot.game.core.kinds import Subject
from ilot.game.core.plain import record_loader
from ilot.game.core.state import LATER_FIELDS, Round, State, state_from_dict
from ilot.game.debrief.scripted import play


def asdict_of_plain_kinds(value):
    """`dataclasses.asdict`, for records whose kinds are plain strings."""
    if isinstance(value, Subject):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value):
        return {f.name: asdict_of_plain_kinds(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return type(value)(asdict_of_plain_kinds(v) for v in value)
    if isinstance(value, dict):
        return {asdict_of_plain_kinds(k): asdict_of_plain_kinds(v) for k, v in value.items()}
    return copy.deepcopy(value)


def reference(state: State) -> dict:
    """`State.to_dict()` as it was written with `asdict`."""
    def plain(value):
        if is_dataclass(value):
            d = asdict_of_plain_kinds(value)
            for key, default in LATER_FIELDS.get(type(value), {}).items():
                if d[key] == default:
                    del d[key]
            return d
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, set):
            return sorted(list(x) if isinstance(x, tuple) else x for x in value)
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value
    return {f.name: state.scenario.id if f.name == "scenario" else plain(getattr(state, f.name))
            for f in fields(state)}


def same(a, b, path="") -> None:
    """Equal values of the same types all the way down (== alone takes 1 for True…)."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        assert list(a) == list(b), f"{path}: keys or their order differ"
        for k in a:
            same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), f"{path}: lengths differ"
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            same(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


@pytest.mark.parametrize("which", ["rich", "short"])
def test_plain_form_is_the_asdict_one(which, request):
    scenario = request.getfixturevalue(which)
    state = play(scenario, participants=10, scale=1.0, seed=3).state
    assert state.notes and state.rounds and state.plan and state.groups
    # a plan item with the later field set, one at its default: kept, resp. left out
    items = list(state.plan.values())
    state.plan[items[0].id] = replace(items[0], hours=2.5)
    state.plan[items[-1].id] = replace(items[-1], hours=0.0)
    got = state.to_dict()
    same(got, reference(state))
    assert "hours" in got["plan"][items[0].id] and "hours" not in got["plan"][items[-1].id]
    same(state.to_dict(include_seen=False)["notes"], reference(state)["notes"])


@pytest.mark.parametrize("which", ["rich", "short"])
def test_the_plain_form_loads_back_with_its_kinds(which, request):
    scenario = request.getfixturevalue(which)
    state = play(scenario, participants=10, scale=1.0, seed=3).state
    loaded = state_from_dict(scenario, state.to_dict())
    assert loaded == state
    note = next(iter(loaded.notes.values()))
    r = next(iter(loaded.rounds.values()))
    assert type(note.kind).__name__ == "NoteKind" and type(note.role).__name__ == "RoleKind"
    assert isinstance(r.subject, Subject) and type(r.subject.kind).__name__ == "SubjectKind"
    assert all(type(x).__name__ == "Reaction" for per in loaded.reactions.values()
               for x in per.values())
    # a record loader leaves absent fields to their defaults and kinds already typed as they are
    again = record_loader(Round)({"id": "R1", "subject": r.subject, "number": 1, "opened_at": 0.0})
    assert again.subject is r.subject and again.closed_at is None
