"""Pure derived views over a core State that only the client needs (candidates for game/core).

No pygame here: these functions take a State and return plain data.
"""

from __future__ import annotations

from game.core.state import State

NOTE_COLOURS = {"force": "#2e9d5b", "probleme": "#c8372d", "idee": "#e5a72b"}


def shown_uses(state: State, viewer_group: str | None, proposal: str | None = None
               ) -> dict[str, tuple[str, int | None]]:
    """space -> (use id, year or None): the uses the map should show in the current phase.

    Ateliers show the viewer's group draft (or the spotlighted one), mise en commun the
    spotlighted draft, délibération the selected proposal, later phases the schéma directeur.
    """
    kind = state.phase_kind
    if kind in ("ateliers", "mise_en_commun"):
        gid = state.spotlight if (kind == "mise_en_commun" or viewer_group is None) else viewer_group
        gid = gid or viewer_group or next(iter(state.groups), None)
        if gid and gid in state.groups:
            return {s: (d.use, None) for s, d in state.groups[gid].draft.items()}
        return {}
    if kind == "deliberation":
        p = state.proposals.get(proposal or "")
        if p is not None:
            return {s: (u, None) for s, u in p.placements.items()}
        return {s: (next(iter(us)), None) for s, us in state.adopted_placements().items()}
    if kind in ("schema_directeur", "plan_action", "consensus_final", "synthese"):
        return {s: (p.use, p.year) for s, p in state.schema.items()}
    return {}


def fitting_uses(state: State, space_id: str) -> list:
    sc = state.scenario
    space = sc.space(space_id)
    return [u for u in sc.uses if sc.use_fits(u, space)]


def round_in_view(state: State) -> str | None:
    """The round to show: the open one, else the most recently opened one."""
    rounds = sorted(state.rounds.values(), key=lambda r: (r.opened_at, r.id))
    for r in reversed(rounds):
        if r.closed_at is None:
            return r.id
    return rounds[-1].id if rounds else None


def subject_title(state: State, subject: str) -> str:
    """A proposal's title; other subjects (charter, final_plan) are named by the caller."""
    if subject.startswith("proposal:"):
        p = state.proposals.get(subject.split(":", 1)[1])
        return p.title if p else subject
    return subject



def my_objectives_met(state: State, persona_id: str, objectives: list[dict], traj
                      ) -> list[tuple[str, bool | None]]:
    """(text, met?) for my private objectives (sent to me alone by the server) in `traj`."""
    from game.core.scenario import PrivateObjective
    from game.core.simulation import objectives_status

    if persona_id not in state.scenario.index("persona") or not objectives:
        return []
    objs = [PrivateObjective.model_validate(o) for o in objectives]
    return [(o.text, m) for o, m in zip(objs, objectives_status(objs, traj))]
