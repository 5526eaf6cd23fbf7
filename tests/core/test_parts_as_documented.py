"""PROTOCOL.md « Spaces played as parts » is enough to rebuild the parts: a client written from
the document alone (here, without geometry.bands or expand_spaces) gets the same ids, names,
areas, fields, neighbours and band polygons as the game, on every scenario with a split space."""

from __future__ import annotations

import json

import pytest
from helpers import PARTS_FILE, SCENARIOS

from ilot.game.core import load_scenario


def shoelace(poly):
    n = len(poly)
    return abs(sum(poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1]
                   for i in range(n))) / 2


def clip(poly, axis, c, below):
    """Sutherland–Hodgman against the line coordinate[axis] = c."""
    out = []
    for i, p in enumerate(poly):
        q = poly[(i + 1) % len(poly)]
        pin = p[axis] <= c if below else p[axis] >= c
        qin = q[axis] <= c if below else q[axis] >= c
        if pin:
            out.append(tuple(p))
        if pin != qin:
            t = (c - p[axis]) / (q[axis] - p[axis])
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def documented_parts(spaces: list[dict]) -> list[dict]:
    split = {s["id"]: [f"{s['id']}-{n}" for n in range(1, s["capacity"] + 1)]
             for s in spaces if s.get("capacity", 1) > 1}
    out = []
    for s in spaces:
        near = [p for n in s.get("neighbours", []) for p in split.get(n, [n])]
        if s["id"] not in split:
            out.append({**s, "neighbours": near})
            continue
        k, poly = s["capacity"], s["polygon"]
        xs, ys = [p[0] for p in poly], [p[1] for p in poly]
        axis = 0 if max(xs) - min(xs) >= max(ys) - min(ys) else 1
        lo, hi = (min(xs), max(xs)) if axis == 0 else (min(ys), max(ys))
        total, cuts = shoelace(poly), [lo]
        for j in range(1, k):
            a, b = lo, hi
            for _ in range(80):
                mid = (a + b) / 2
                a, b = (mid, b) if shoelace(clip(poly, axis, mid, True)) < total * j / k else (a, mid)
            cuts.append(a)
        cuts.append(hi)
        for n, pid in enumerate(split[s["id"]], start=1):
            band = clip(clip(poly, axis, cuts[n - 1], False), axis, cuts[n], True)
            out.append({**s, "id": pid, "parent": s["id"], "capacity": 1,
                        "name": f"{s['name']} ({n}/{k})", "area_m2": s["area_m2"] / k,
                        "polygon": band,
                        "neighbours": near + [o for o in split[s["id"]] if o != pid]})
    return out


@pytest.mark.parametrize("path", [SCENARIOS / "tour_des_peupliers.json", PARTS_FILE],
                         ids=lambda p: p.stem)
def test_parts_rebuilt_from_the_document_are_the_games(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    mine = documented_parts(data["spaces"])
    game = load_scenario(path).play_spaces()
    assert [p["id"] for p in mine] == [s.id for s in game]
    assert any(s.parent for s in game)
    for p, s in zip(mine, game, strict=True):
        assert (p["name"], p.get("parent"), p.get("capacity", 1), p["neighbours"]) \
            == (s.name, s.parent, s.capacity, s.neighbours), s.id
        assert p["area_m2"] == pytest.approx(s.area_m2)
        for field in ("kind", "constraints", "building", "description"):
            if field in p:
                assert p[field] == getattr(s, field), (s.id, field)
        assert p.get("level", "ground") == s.level
        if s.parent:  # the same band, within the rounding of the cuts
            assert shoelace(p["polygon"]) == pytest.approx(shoelace(s.polygon), abs=0.01)
            for coord in (0, 1):
                assert min(q[coord] for q in p["polygon"]) == pytest.approx(
                    min(q[coord] for q in s.polygon), abs=1e-3)
                assert max(q[coord] for q in p["polygon"]) == pytest.approx(
                    max(q[coord] for q in s.polygon), abs=1e-3)
