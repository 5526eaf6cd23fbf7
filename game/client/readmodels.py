"""Pure derived views over a core State that only the client needs (shared ones live in
game.core.views: shown_uses, round_in_view, crossed_issues…).

No pygame here: these functions take a State and return plain data.
"""

from __future__ import annotations

from typing import Any

from ilot.game.core.objectives import Verdict, judge_all
from ilot.game.core.scenario import PrivateObjective, Use
from ilot.game.core.simulation import Trajectory
from ilot.game.core.state import State


def fitting_uses(state: State, space_id: str) -> list[Use]:
    return state.scenario.uses_for(state.scenario.space(space_id))


def my_objectives_met(state: State, persona_id: str, objectives: list[dict[str, Any]],
                      traj: Trajectory) -> list[Verdict]:
    """The verdict of each of my private objectives (sent to me alone by the server) on the
    state's plan, whose simulation is `traj`."""
    if state.persona(persona_id) is None or not objectives:
        return []
    objs = [PrivateObjective.model_validate(o) for o in objectives]
    return judge_all(objs, state.scenario, state, traj)
