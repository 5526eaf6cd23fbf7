"""What each viewer may see, and read-models derived from the state.

`view_for(state, viewer)` is the state as one viewer may know it (a dict that
`state_from_dict` loads back), `event_for(event, viewer)` the same for one event. Private
objectives never leave except to their player, open-round positions only to their author (and
the trainer, who facilitates). The seed is not a secret: the simulation everyone sees live draws
its events from it, and must draw the same ones as the server and the debrief. The read-models
(crossed issues, resources, consent summaries) are pure functions of a State, shared by the
client, the server and the debrief.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TypeVar

from .events import EvaluationSubmitted, Event, Payload, PositionTaken
from .kinds import NoteKind, PhaseKind, RoleKind, Subject
from .rules.registry import PARTICIPANT, TRAINER, Actor
from .scenario import ROLE_KINDS
from .state import State

P = TypeVar("P", bound=Payload)

# events whose content is the author's own business until later
_PRIVATE_EVENTS: frozenset[type[Payload]] = frozenset({PositionTaken, EvaluationSubmitted})


def view_for(state: State, viewer: Actor) -> dict[str, Any]:
    d = state.to_dict(include_seen=False)
    me = viewer.id if viewer.kind == PARTICIPANT else None
    for r in d["rounds"].values():
        if r["closed_at"] is None and viewer.kind != TRAINER:
            for pid, pos in r["positions"].items():
                if pid != me:
                    pos["option"] = ""
                    pos["reason"] = ""
    if viewer.kind != TRAINER:
        d["evaluations"] = {pid: ev for pid, ev in d["evaluations"].items() if pid == me}
    d["me"] = me_for(state, viewer)
    return d


def me_for(state: State, viewer: Actor) -> dict[str, Any]:
    """Who the viewer is: kind, id, persona and its private objectives (for its player only).

    It is `view_for(state, viewer)["me"]`; the server also pushes it after a persona change.
    """
    out: dict[str, Any] = {"kind": viewer.kind, "id": viewer.id, "persona": None,
                           "private_objectives": []}
    if viewer.kind == PARTICIPANT and viewer.id in state.participants:
        persona_id = state.participants[viewer.id].persona
        persona = state.scenario.index("persona").get(persona_id or "")
        if persona is not None:
            out["persona"] = persona.id
            out["private_objectives"] = [o.model_dump() for o in persona.private_objectives]
    return out


def event_for(event: Event[P], viewer: Actor) -> Event[P]:
    """The event as this viewer may receive it (`Event.withheld`: a position without its option
    and reason, an evaluation without its content)."""
    if type(event.payload) in _PRIVATE_EVENTS and not _is_author(event, viewer):
        if viewer.kind == TRAINER:  # the facilitator follows agreement and evaluations live
            return event
        return event.withheld()
    return event


def _is_author(event: Event[Any], viewer: Actor) -> bool:
    return viewer.kind == PARTICIPANT and viewer.id == event.by


def is_private(event: Event[Any]) -> bool:
    """True when recipients do not all receive the same frame for this event."""
    return type(event.payload) in _PRIVATE_EVENTS


# ----- read-models -----

def crossed_issues(state: State) -> dict[str, Any]:
    """Enjeux × roles: how many notes each role tagged with each enjeu, and where roles meet.

    `matrix[enjeu][role]` counts notes; `kinds[enjeu][role]` splits them by kind (force,
    probleme, idee). `shared` lists enjeux raised by every role, `single` those raised by one
    role only, `divergent` those that one role sees as a strength and another as a problem.
    """
    counts: dict[str, Counter[RoleKind]] = {e.id: Counter() for e in state.scenario.enjeux}
    kinds: dict[str, dict[RoleKind, Counter[NoteKind]]] = {
        e.id: {r: Counter() for r in ROLE_KINDS} for e in state.scenario.enjeux}
    for note in state.notes.values():
        for enjeu in note.enjeux:
            if enjeu in counts and note.role:
                counts[enjeu][note.role] += 1
                kinds[enjeu][note.role][note.kind] += 1
    matrix = {e: {r: c.get(r, 0) for r in ROLE_KINDS} for e, c in counts.items()}
    shared = [e for e, row in matrix.items() if all(row.values())]
    single = [e for e, row in matrix.items() if sum(1 for v in row.values() if v) == 1]
    divergent = []
    for e, per_role in kinds.items():
        strength = {r for r, c in per_role.items() if c[NoteKind.FORCE]}
        problem = {r for r, c in per_role.items() if c[NoteKind.PROBLEME]}
        if strength and problem and strength != problem:
            divergent.append(e)
    kinds_plain = {e: {r: dict(c) for r, c in pr.items()} for e, pr in kinds.items()}
    return {"matrix": matrix, "kinds": kinds_plain, "shared": shared, "single": single,
            "divergent": divergent}


def notes_by_space(state: State) -> dict[str, Counter[NoteKind]]:
    out: dict[str, Counter[NoteKind]] = {}
    for note in state.notes.values():
        out.setdefault(note.space, Counter())[note.kind] += 1
    return out


def resources_view(state: State) -> list[dict[str, Any]]:
    """For each space: uses that fit, what they cost, who maintains them, and players' ideas."""
    sc = state.scenario
    metiers = sc.index("metier")
    rows = []
    for space in sc.spaces:
        options = [{
            "use": use.id, "name": use.name, "investment": use.investment,
            "running_cost_per_year": use.running_cost_per_year,
            "maintenance": {metiers[m].name: h for m, h in use.maintenance_hours.items()},
        } for use in sc.uses_for(space)]
        ideas = [r for r in state.resources.values() if r.space == space.id]
        rows.append({"space": space.id, "name": space.name, "options": options,
                     "ideas": [{"service": r.service, "use": r.use, "metier": r.metier,
                                "text": r.text, "author": r.author} for r in ideas]})
    return rows


def round_summary(state: State, round_id: str, viewer: Actor | None = None) -> dict[str, Any]:
    """Who answered, and, once closed, the counts, the result and the reasons given."""
    r = state.rounds[round_id]
    answered = sorted(r.positions)
    waiting = sorted(pid for pid, p in state.participants.items()
                     if p.persona is not None and pid not in r.positions)
    out: dict[str, Any] = {"round": r.id, "subject": str(r.subject), "number": r.number,
                           "open": r.closed_at is None, "answered": answered, "waiting": waiting}
    if viewer is not None and viewer.id in r.positions:
        out["mine"] = r.positions[viewer.id].option
    if r.closed_at is not None:
        options = state.scenario.index("option")
        out["counts"] = r.counts
        out["adopted"] = r.adopted
        out["reasons"] = [
            {"participant": pid, "option": p.option, "reason": p.reason}
            for pid, p in r.positions.items() if p.reason or options[p.option].reason_required
        ]
    return out


def participation(state: State, events: list[Event[Any]] | None = None
                  ) -> dict[str, dict[str, int]]:
    """Per participant: notes, proposals, amendments, positions, comments, arguments, plan items."""
    out: dict[str, Counter[str]] = {pid: Counter() for pid in state.participants}

    def bump(pid: str, key: str) -> None:
        if pid in out:
            out[pid][key] += 1

    for n in state.notes.values():
        bump(n.author, "notes")
    for p in state.proposals.values():
        bump(p.author, "proposals")
    for m in state.amendments.values():
        bump(m.author, "amendments")
    for r in state.rounds.values():
        for pid in r.positions:
            bump(pid, "positions")
    for c in state.comments.values():
        bump(c.author, "comments")
    for a in state.arguments.values():
        bump(a.author, "arguments")
    for i in state.plan.values():
        bump(i.author, "plan_items")
    for k in state.cafe_notes.values():
        bump(k.author, "cafe_notes")
    if events is not None:
        for e in events:
            if e.aid:
                bump(e.by, "actions")
    return {pid: dict(c) for pid, c in out.items()}


def shown_uses(state: State, viewer_group: str | None, proposal: str | None = None
               ) -> dict[str, tuple[str, int | None]]:
    """space -> (use id, year or None): the uses the map should show in the current phase.

    Ateliers show the viewer's group draft (or the spotlighted one), mise en commun the
    spotlighted draft, délibération the selected proposal, later phases the schéma directeur.
    """
    kind = state.phase_kind
    if kind in (PhaseKind.ATELIERS, PhaseKind.MISE_EN_COMMUN):
        gid = state.spotlight if (kind == PhaseKind.MISE_EN_COMMUN or viewer_group is None) \
            else viewer_group
        gid = gid or viewer_group or next(iter(state.groups), None)
        if gid and gid in state.groups:
            return {s: (d.use, None) for s, d in state.groups[gid].draft.items()}
        return {}
    if kind == PhaseKind.DELIBERATION:
        p = state.proposals.get(proposal or "")
        if p is not None:
            return {s: (u, None) for s, u in p.placements.items()}
        return {s: (min(us), None) for s, us in state.adopted_placements().items()}
    if kind in (PhaseKind.SCHEMA_DIRECTEUR, PhaseKind.PLAN_ACTION, PhaseKind.CONSENSUS_FINAL,
                PhaseKind.SYNTHESE):
        return {s: (p.use, p.year) for s, p in state.schema.items()}
    return {}


def round_in_view(state: State) -> str | None:
    """The round to show: the open one, else the most recently opened one."""
    rounds = sorted(state.rounds.values(), key=lambda r: (r.opened_at, r.id))
    for r in reversed(rounds):
        if r.closed_at is None:
            return r.id
    return rounds[-1].id if rounds else None


def subject_proposal(state: State, subject: Subject | str) -> tuple[str | None, str | None]:
    """A consent round's subject (a `Subject`, or its wire string as in an event's data):
    (proposal id, its title) for a proposal, (None, None) for the others (the charter, the
    final plan), which each interface names in its language. A proposal no longer in the state
    keeps its id as title."""
    if isinstance(subject, str):
        subject = Subject.parse(subject)
    pid = subject.proposal
    if pid is None:
        return None, None
    p = state.proposals.get(pid)
    return pid, (p.title if p else pid)
