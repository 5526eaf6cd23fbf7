"""The generated plain form (game/core/plain.py) is exactly what `dataclasses.asdict` gave.

The plain form feeds the state hash (old logs must keep theirs) and every snapshot a server
sends, so it is compared, value and type, with the reference built the old way on whole
scripted sessions of both scenarios.
"""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass, replace

import pytest

from ilot.game.core.state import LATER_FIELDS, State
from ilot.game.debrief.scripted import play


def reference(state: State) -> dict:
    """`State.to_dict()` as it was written with `asdict`."""
    def plain(value):
        if is_dataclass(value):
            d = asdict(value)
            for key, default in LATER_FIELDS.get(type(value), {}).items():
                if d[key] == default:
                    del d[key]
            return d
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
        for i, (x, y) in enumerate(zip(a, b)):
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
