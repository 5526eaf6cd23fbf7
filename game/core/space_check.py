"""The checks of a scenario's spaces that come from capacity (parts) and levels.

Run by `scenario_check.WHOLE_CHECKS` once the file validated; gives (JSON path, code, params) problems in
the trainer's own file: paths point at `spaces[i]` as written, never at a part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .space_parts import part_id

if TYPE_CHECKING:
    from .scenario import Scenario
    from .scenario_codes import Problem


def space_errors(s: Scenario) -> list[Problem]:
    from .scenario_codes import ScenarioCode as C

    errs: list[Problem] = []
    written = {sp.id for sp in s.spaces}
    parts_seen: set[str] = set()

    def err(path: str, code: C, **params: Any) -> None:
        errs.append((path, code, params))

    for i, sp in enumerate(s.spaces):
        p = f"spaces[{i}]"
        if sp.parent is not None:
            err(f"{p}.parent", C.PARENT_GIVEN)
        if sp.capacity == 1:
            continue
        for n in range(1, sp.capacity + 1):
            pid = part_id(sp.id, n)
            if pid in written or pid in parts_seen:
                err(f"{p}.capacity", C.PART_ID_TAKEN, value=pid, space=sp.id)
            parts_seen.add(pid)
        part = s.space(part_id(sp.id, 1))
        if any(s.use_fits(u, sp) for u in s.uses) and not s.uses_for(part):
            err(f"{p}.capacity", C.PART_FITS_NO_USE, capacity=sp.capacity,
                area=round(part.area_m2, 1))
    # a use that only the whole of a split space could take fits no space of the game
    play = s.play_spaces()
    for i, u in enumerate(s.uses):
        if any(s.use_fits(u, sp) for sp in s.spaces) and not any(s.use_fits(u, sp) for sp in play):
            err(f"uses[{i}]", C.USE_FITS_NO_SPACE, use=u.name)
    return errs
