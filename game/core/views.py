"""What each viewer may see, and read-models derived from the state.

`view_for(state, viewer)` is the state as one viewer may know it (a dict that
`state_from_dict` loads back), `event_for(event, viewer)` the same for one event. Private
objectives never leave except to their player, open-round positions only to their author (and
the trainer, who facilitates). The seed is not a secret: the simulation everyone sees live draws
its events from it, and must draw the same ones as the server and the debrief. The floor queue
and the speaker are public. The read-models (crossed issues, resources, consent summaries, the
agenda, who has done the phase's task, what to do now, the closing screen) are pure functions
of a State, shared by the client, the server and the debrief.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from . import agenda as _agenda
from .events import (
    BarometrePlaced,
    CharacterEdited,
    CharacterMerged,
    CharacterWritten,
    EvaluationSubmitted,
    Event,
    FloorGiven,
    Payload,
    PositionTaken,
)
from .kinds import AgendaStatus, NoteKind, PhaseKind, ProposalStatus, RoleKind, Subject, SubjectKind
from .rules.registry import PARTICIPANT, TRAINER, Actor
from .scenario import ROLE_KINDS
from .state import Round, State

P = TypeVar("P", bound=Payload)
R = TypeVar("R")

# events whose content is the author's own business until later
_PRIVATE_EVENTS: frozenset[type[Payload]] = frozenset({PositionTaken, EvaluationSubmitted,
                                                        BarometrePlaced})
# events carrying a created character's objectives: for its authors and the trainer only
_CHARACTER_EVENTS: frozenset[type[Payload]] = frozenset({CharacterWritten, CharacterEdited,
                                                          CharacterMerged})


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
    # baromètre answers are anonymous on every screen but their author's (trainer included)
    d["barometre"] = {k: a for k, a in d["barometre"].items() if a["participant"] == me}
    # a created character's objectives: its authors' and the trainer's (its player has them
    # in `me`); the others know how many there are
    if viewer.kind != TRAINER:
        for ch in d["characters"].values():
            if me not in ch["authors"]:
                ch["objectives"] = []
    d["me"] = me_for(state, viewer)
    return d


def me_for(state: State, viewer: Actor) -> dict[str, Any]:
    """Who the viewer is: kind, id, persona and its private objectives (for its player only).

    It is `view_for(state, viewer)["me"]`; the server also pushes it after a persona change.
    """
    out: dict[str, Any] = {"kind": viewer.kind, "id": viewer.id, "persona": None,
                           "private_objectives": []}
    if viewer.kind == PARTICIPANT and viewer.id in state.participants:
        persona = state.persona(state.participants[viewer.id].persona)
        if persona is not None:
            out["persona"] = persona.id
            out["private_objectives"] = [o.model_dump() for o in persona.private_objectives]
    return out


def event_for(event: Event[P], viewer: Actor) -> Event[P]:
    """The event as this viewer may receive it (`Event.withheld`: a position without its option
    and reason, an evaluation without its content; a baromètre answer without its author; a
    created character without its objectives, but for its authors and the trainer)."""
    payload = event.payload
    if type(payload) in _CHARACTER_EVENTS:
        assert isinstance(payload, (CharacterWritten, CharacterEdited, CharacterMerged))
        if viewer.kind == TRAINER or (viewer.kind == PARTICIPANT and viewer.id in payload.authors):
            return event
        return event.withheld()
    if type(event.payload) in _PRIVATE_EVENTS and not _is_author(event, viewer):
        if isinstance(event.payload, BarometrePlaced):  # anonymous: the counts, not who
            return type(event)(event.seq, event.t, "", event.payload, "", event.v)
        if viewer.kind == TRAINER:  # the facilitator follows agreement and evaluations live
            return event
        return event.withheld()
    return event


def _is_author(event: Event[Any], viewer: Actor) -> bool:
    return viewer.kind == PARTICIPANT and viewer.id == event.by


def is_private(event: Event[Any]) -> bool:
    """True when recipients do not all receive the same frame for this event."""
    return type(event.payload) in _PRIVATE_EVENTS or type(event.payload) in _CHARACTER_EVENTS


# ----- read-models -----

def opposite_roles(per_role: Mapping[R, Counter[NoteKind]]) -> tuple[list[R], list[R]] | None:
    """Where roles see one thing opposite ways: (the roles whose notes on it say mostly
    « atout », those whose notes say mostly « problème »), when both exist; else None."""
    strength = [r for r, c in per_role.items() if c[NoteKind.FORCE] > c[NoteKind.PROBLEME]]
    problem = [r for r, c in per_role.items() if c[NoteKind.PROBLEME] > c[NoteKind.FORCE]]
    return (strength, problem) if strength and problem else None


def crossed_issues(state: State) -> dict[str, Any]:
    """Enjeux × roles: how many notes each role tagged with each enjeu, and where roles meet.

    `matrix[enjeu][role]` counts notes; `kinds[enjeu][role]` splits them by kind (force,
    probleme, idee). `shared` lists enjeux raised by every role, `single` those raised by one
    role only, `divergent` those that one role sees mostly as a strength and another mostly as a
    problem (`opposite_roles`).
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
    divergent = [e for e, per_role in kinds.items() if opposite_roles(per_role)]
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
    for space in sc.play_spaces():
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
    """Per participant: notes, proposals, amendments, positions, comments, arguments, plan items,
    café notes; with the log (`events`), also the actions they sent (`actions`) and the turns of
    speech the trainer gave them (`turns`, from `floor_given`)."""
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
            if isinstance(e.payload, FloorGiven):
                bump(e.payload.participant, "turns")
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


# ----- where the session stands: agenda, progress, what to do now -----

@dataclass(frozen=True, slots=True)
class AgendaEntry(_agenda.PlannedPhase):
    """One phase on the agenda strip: its planned day and times (`agenda.PlannedPhase`) and
    whether it is past, the current one, or still to come."""

    status: AgendaStatus


def agenda(state: State) -> list[AgendaEntry]:
    """The scenario's phases with their planned day, start and end (`agenda.planned`), marked
    by the state: the current phase is `current`, those before it in the scenario's order are
    `past`, those after it `upcoming`. Once the session is closed the current phase is `past`
    too (later phases, never reached, stay `upcoming`)."""
    out = []
    for p in _agenda.planned(state.scenario):
        if p.index < state.phase or (p.index == state.phase and state.closed_at is not None):
            status = AgendaStatus.PAST
        elif p.index == state.phase:
            status = AgendaStatus.CURRENT
        else:
            status = AgendaStatus.UPCOMING
        out.append(AgendaEntry(p.index, p.id, p.kind, p.title, p.day, p.start, p.end,
                               p.pause_before, p.start_given, status))
    return out


@dataclass(frozen=True, slots=True)
class PhaseProgress:
    """Who has done what the current phase asks (`phase_progress`): `done[pid]` for every
    participant with a character, in the order they joined."""

    phase: int
    kind: PhaseKind
    done: dict[str, bool]

    @property
    def count(self) -> int:
        return sum(self.done.values())

    @property
    def total(self) -> int:
        return len(self.done)

    @property
    def waiting(self) -> list[str]:
        """Those who have not done it yet."""
        return [pid for pid, ok in self.done.items() if not ok]


def phase_progress(state: State) -> PhaseProgress:
    """For the current phase and each participant with a character: have they done what the
    phase asks? What counts, by phase kind (over the whole session, unless said):

    - accueil: they wrote their expectations;
    - projets: they reacted to a project (a reaction they still hold) or commented on one, or
      shared an experience card of their own;
    - état des lieux: at least one note of theirs is on the map;
    - ressources: at least one resource (a service for a space) of theirs;
    - world café: a note at their table in the current rotation;
    - personnages: they are an author of a created character;
    - ateliers: their group's draft places at least one use (not in a group: not done);
    - mise en commun: at least one argument of theirs;
    - délibération: a position in every consent round open now; with none open, a position in
      the last round opened in this phase; with none opened in this phase, a proposal or an
      amendment of theirs;
    - schéma directeur: they or a member of their group placed a use on the schéma directeur,
      or every adopted use is already placed (nothing is left to do);
    - plan d'action: an item of the plan of action is theirs or their group's;
    - consensus final: a position in the last consent round on the final plan;
    - synthèse: they submitted their evaluation. Evaluations are private: in a participant's
      view only their own is known, so the others show as not done there; the trainer's view
      (and the server's state) has them all.
    """
    people = [pid for pid, p in state.participants.items() if p.persona is not None]
    test = _DONE[state.phase_kind](state)
    return PhaseProgress(state.phase, state.phase_kind, {pid: test(pid) for pid in people})


Done = Callable[[str], bool]


def _done_accueil(s: State) -> Done:
    return s.expectations.__contains__


def _done_projets(s: State) -> Done:
    who = {pid for per in s.reactions.values() for pid in per}
    who |= {c.author for c in s.comments.values()}
    who |= {x.author for x in s.experiences.values()}
    return who.__contains__


def _done_notes(s: State) -> Done:
    return {n.author for n in s.notes.values()}.__contains__


def _done_questions(s: State) -> Done:
    who = {q.author for q in s.questions.values()}
    who.update(v for q in s.questions.values() for v in q.voters)
    return who.__contains__


def _done_resources(s: State) -> Done:
    return {r.author for r in s.resources.values()}.__contains__


def _done_cafe(s: State) -> Done:
    who = {k.author for k in s.cafe_notes.values()
           if k.rotation == s.cafe_rotation and k.table == s.cafe_table_of(k.author)}
    return who.__contains__


def _done_ateliers(s: State) -> Done:
    who = {pid for g in s.groups.values() if g.draft for pid in g.members}
    return who.__contains__


def _done_arguments(s: State) -> Done:
    return {a.author for a in s.arguments.values()}.__contains__


def _latest(rounds: list[Round]) -> Round | None:
    return max(rounds, key=lambda r: (r.opened_at, r.number, r.id), default=None)


def _done_deliberation(s: State) -> Done:
    rounds = [r for r in s.rounds.values() if r.closed_at is None]
    if not rounds:
        last = _latest([r for r in s.rounds.values() if r.opened_at >= s.phase_started_at])
        rounds = [last] if last is not None else []
    if rounds:
        return lambda pid: all(pid in r.positions for r in rounds)
    who = {p.author for p in s.proposals.values()} | {m.author for m in s.amendments.values()}
    return who.__contains__


def _done_schema(s: State) -> Done:
    adopted = s.adopted_placements()
    if adopted and all(space in s.schema for space in adopted):
        return lambda pid: True
    placers = {p.by for p in s.schema.values()}
    groups = {gid for gid, g in s.groups.items() if placers & set(g.members)}
    return lambda pid: pid in placers or s.group_of(pid) in groups


def _done_plan(s: State) -> Done:
    authors = {i.author for i in s.plan.values()}
    groups = {i.group for i in s.plan.values() if i.group is not None}
    return lambda pid: pid in authors or s.group_of(pid) in groups


def _done_final(s: State) -> Done:
    last = _latest([r for r in s.rounds.values() if r.subject.kind == SubjectKind.FINAL_PLAN])
    if last is None:
        return lambda pid: False
    return last.positions.__contains__


def _done_characters(s: State) -> Done:
    return {a for ch in s.characters.values() for a in ch.authors}.__contains__


def _done_synthese(s: State) -> Done:
    return s.evaluations.__contains__


_DONE: dict[PhaseKind, Callable[[State], Done]] = {
    PhaseKind.ACCUEIL: _done_accueil, PhaseKind.PROJETS: _done_projets,
    PhaseKind.ETAT_DES_LIEUX: _done_notes, PhaseKind.INTERVENTION: _done_questions,
    PhaseKind.RESSOURCES: _done_resources,
    PhaseKind.WORLD_CAFE: _done_cafe, PhaseKind.PERSONNAGES: _done_characters,
    PhaseKind.ATELIERS: _done_ateliers,
    PhaseKind.MISE_EN_COMMUN: _done_arguments, PhaseKind.DELIBERATION: _done_deliberation,
    PhaseKind.SCHEMA_DIRECTEUR: _done_schema, PhaseKind.PLAN_ACTION: _done_plan,
    PhaseKind.CONSENSUS_FINAL: _done_final, PhaseKind.SYNTHESE: _done_synthese,
}

# Phases whose task reads differently for each role: `todo` gives `<phase kind>.<role>` there.
ROLE_TODOS: frozenset[PhaseKind] = frozenset({
    PhaseKind.ETAT_DES_LIEUX, PhaseKind.RESSOURCES, PhaseKind.PLAN_ACTION})
# What `todo` may answer besides the phase kinds and their role variants.
TODO_CLOSED = "closed"
TODO_PERSONA = "choose_persona"
TODO_ROUND = "round"
TODO_NO_GROUP = "no_group"
TODO_TRAINER = "trainer"  # a prefix: `trainer.<phase kind>`, `trainer.round`
TODO_CODES: frozenset[str] = frozenset({
    TODO_CLOSED, TODO_PERSONA, TODO_ROUND, TODO_NO_GROUP, f"{TODO_TRAINER}.{TODO_ROUND}",
    *(str(k) for k in PhaseKind), *(f"{TODO_TRAINER}.{k}" for k in PhaseKind),
    *(f"{k}.{r}" for k in ROLE_TODOS for r in RoleKind),
})


def todo(state: State, viewer: Actor) -> str:
    """What this viewer should do now, as a code the interfaces word with `term.todo.<code>`
    (« À faire maintenant »). In this order: `closed` once the session is closed (for everyone);
    for the trainer `trainer.round` while a consent round is open, else `trainer.<phase kind>`;
    for a participant `choose_persona` until they have a character, `round` while a consent
    round they have not answered is open, `no_group` in the ateliers outside any group, else
    the phase's task: `<phase kind>`, or `<phase kind>.<role>` where the role changes it
    (`ROLE_TODOS`). A spectator (or an unknown participant) gets "" (nothing to do).
    Every possible code is in `TODO_CODES`."""
    if state.closed_at is not None:
        return TODO_CLOSED
    kind = state.phase_kind
    rounds = [r for r in state.rounds.values() if r.closed_at is None]
    if viewer.kind == TRAINER:
        return f"{TODO_TRAINER}.{TODO_ROUND}" if rounds else f"{TODO_TRAINER}.{kind}"
    me = state.participants.get(viewer.id) if viewer.kind == PARTICIPANT else None
    if me is None:
        return ""
    if me.persona is None or me.role is None:
        return TODO_PERSONA
    if any(me.id not in r.positions for r in rounds):
        return TODO_ROUND
    if kind == PhaseKind.ATELIERS and state.group_of(me.id) is None:
        return TODO_NO_GROUP
    if kind in ROLE_TODOS:
        return f"{kind}.{me.role}"
    return str(kind)


# ----- the floor -----

def floor_place(state: State, pid: str) -> int | None:
    """Where `pid` stands in the queue for the floor: 1 for the first, None when not in it."""
    for i, r in enumerate(state.floor_queue, 1):
        if r.participant == pid:
            return i
    return None


# ----- the end of the session -----

@dataclass(frozen=True, slots=True)
class AdoptedProposal:
    id: str
    title: str
    placements: dict[str, str]  # space -> use
    adopted_at: float  # when the round that adopted it closed


@dataclass(frozen=True, slots=True)
class ClosingSummary:
    """What the closing screen shows (`closing_summary`): what the group adopted, and a few
    counts. Ids refer to the state (`plan`, `charter`) and to the scenario (spaces, uses)."""

    closed_at: float | None  # None: the session is still open
    participants: int  # with a character
    adopted: list[AdoptedProposal]  # proposals adopted by consent, in the order adopted
    schema: int  # uses placed on the schéma directeur
    charter_adopted: bool
    charter: list[str]  # the charter's entries (ids), adopted or not
    final_adopted: bool
    final_items: list[str]  # the final plan's items (ids), in quarter order
    final_cost: float  # the sum of their costs, euros
    plan_items: int  # items of every group's plan
    notes: int
    proposals: int
    rounds: int
    evaluations: int  # as far as this state knows them (all, on the server or the trainer's)


def closing_summary(state: State) -> ClosingSummary:
    """The closing screen: proposals adopted by consent (in the order the rounds adopted them),
    the charter and the final plan with whether each was adopted, and counts."""
    adopted_at: dict[str, float] = {}
    for r in state.rounds.values():
        if r.adopted and r.subject.proposal is not None and r.closed_at is not None:
            adopted_at.setdefault(r.subject.proposal, r.closed_at)
    adopted = [AdoptedProposal(p.id, p.title, dict(p.placements), adopted_at.get(p.id, p.t))
               for p in state.proposals.values() if p.status == ProposalStatus.ADOPTED]
    adopted.sort(key=lambda a: (a.adopted_at, a.id))
    final = sorted((i for i in state.plan.values() if i.final), key=lambda i: (i.quarter, i.id))
    return ClosingSummary(
        closed_at=state.closed_at,
        participants=sum(1 for p in state.participants.values() if p.persona is not None),
        adopted=adopted, schema=len(state.schema),
        charter_adopted=state.charter_adopted, charter=list(state.charter),
        final_adopted=state.final_adopted, final_items=[i.id for i in final],
        final_cost=sum((i.cost for i in final), 0.0), plan_items=len(state.plan),
        notes=len(state.notes), proposals=len(state.proposals), rounds=len(state.rounds),
        evaluations=len(state.evaluations),
    )
