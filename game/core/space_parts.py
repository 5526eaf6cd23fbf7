"""A large space that takes several uses side by side is played as parts.

A scenario gives a space a `capacity` k (1 to 6). For the whole game that space is k spaces of
its own, its parts: the friche of capacity 3 is `friche-1`, `friche-2`, `friche-3`. Every rule,
draft, proposal, schéma and plan item then names a part like any other space, so nothing else
needs to know about capacity. Each part:

- id `<parent id>-<n>` (n from 1), `parent` the parent's id, `capacity` 1;
- name the parent's name followed by `(n/k)`, a plain suffix that reads in every language;
- polygon: the n-th of k bands of equal area of the parent's polygon, cut across its longer
  side (west to east, or north to south); area: the parent's area / k;
- kind, level, condition, current use, constraints, building and description of the parent;
- neighbours: the parent's neighbours, then its sibling parts. A space that names the parent as
  a neighbour has all its parts as neighbours instead.

`Scenario.spaces` stays as written (what a trainer reads and what is sent to clients, which
expand it the same way); `Scenario.index("space")` and `Scenario.play_spaces()` hold the parts.
A scenario without any capacity gives back the very same space objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .geometry import bands

if TYPE_CHECKING:
    from .scenario import Space


def part_id(parent: str, n: int) -> str:
    """The id of the n-th part (from 1) of the space `parent`."""
    return f"{parent}-{n}"


def expand_spaces(spaces: Sequence[Space]) -> list[Space]:
    """`spaces` with each space of capacity k > 1 replaced, in place, by its k parts."""
    split = {s.id: [part_id(s.id, n) for n in range(1, s.capacity + 1)]
             for s in spaces if s.capacity > 1}
    if not split:
        return list(spaces)

    def neighbours(ids: Sequence[str]) -> list[str]:
        out: list[str] = []
        for n in ids:
            out += split.get(n, [n])
        return out

    out: list[Space] = []
    for s in spaces:
        near = neighbours(s.neighbours)
        if s.id not in split:
            out.append(s if near == s.neighbours else s.model_copy(update={"neighbours": near}))
            continue
        # this space's own parts (a file with a duplicate id, refused by the check, must not
        # break the reading of the rest)
        k = s.capacity
        ids = [part_id(s.id, n) for n in range(1, k + 1)]
        for n, (pid, poly) in enumerate(zip(ids, bands(s.polygon, k), strict=True), start=1):
            out.append(s.model_copy(update={
                "id": pid, "name": f"{s.name} ({n}/{k})", "parent": s.id, "capacity": 1,
                "polygon": poly or list(s.polygon), "area_m2": s.area_m2 / k,
                "neighbours": near + [o for o in ids if o != pid]}))
    return out
