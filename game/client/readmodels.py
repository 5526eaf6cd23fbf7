"""Pure derived views over a core State that only the client needs (shared ones live in
game.core.views: shown_uses, round_in_view, crossed_issues…).

No pygame here: these functions take a State and return plain data.
"""

from __future__ import annotations

from typing import Any

from ilot.game.core.scenario import Use
from ilot.game.core.simulation import Trajectory
from ilot.game.core.state import State


def fitting_uses(state: State, space_id: str) -> list[Use]:
    return state.scenario.uses_for(state.scenario.space(space_id))


def my_objectives_met(state: State, persona_id: str, objectives: list[dict[str, Any]],
                      traj: Trajectory) -> list[tuple[str, bool | None]]:
    """(text, met?) for my private objectives (sent to me alone by the server) in `traj`."""
    from ilot.game.core.scenario import PrivateObjective
    from ilot.game.core.simulation import objectives_status

    if persona_id not in state.scenario.index("persona") or not objectives:
        return []
    objs = [PrivateObjective.model_validate(o) for o in objectives]
    return [(o.text, m) for o, m in zip(objs, objectives_status(objs, traj), strict=False)]
