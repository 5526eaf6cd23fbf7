"""What the debrief shows, derived from a state and its log: participation, consent history,
expectations and evaluations, objectives revealed, indicators, phases.

Counting per participant is the core's `views.participation`; this module only groups it by role
and persona and puts names on it for display. Shared by the viewer and the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.events import Event
from ..core.kinds import CharacterStatus
from ..core.objectives import judge_all, verdicts
from ..core.scenario import ROLE_KINDS, Scenario
from ..core.simulation import Trajectory, persona_scores
from ..core.state import State
from ..core.views import participation

# what counts as "speaking" (positions are counted apart: everyone votes)
SPEAKING = ("notes", "proposals", "amendments", "comments", "arguments", "plan_items", "cafe_notes")
COLUMNS = ("actions",) + SPEAKING + ("positions",)


@dataclass
class PersonRow:
    pid: str
    name: str
    persona: str  # persona name, '' without one
    role: str | None
    counts: dict[str, int]

    turns: int = 0  # turns at the floor the trainer gave them (the floor queue)

    @property
    def spoke(self) -> int:
        return sum(self.counts.get(k, 0) for k in SPEAKING)


@dataclass
class GroupRow:
    key: str
    label: str
    people: int
    counts: dict[str, int] = field(default_factory=dict)
    spoke: int = 0


def _names(state: State, names: Mapping[str, str] | None) -> Mapping[str, str]:
    """The names to print (naming.shown_names), the display names by default."""
    return names if names is not None else {pid: p.name for pid, p in state.participants.items()}


def people(state: State, events: list[Event], names: Mapping[str, str] | None = None) -> list[PersonRow]:
    counts = participation(state, events)
    shown = _names(state, names)
    rows = []
    for pid, p in state.participants.items():
        persona = state.persona(p.persona)
        rows.append(PersonRow(pid, shown.get(pid, p.name), persona.name if persona else "", p.role,
                              {k: counts.get(pid, {}).get(k, 0) for k in COLUMNS},
                              counts.get(pid, {}).get("turns", 0)))
    return rows


def by_role(rows: list[PersonRow], role_names: dict[str, str]) -> list[GroupRow]:
    """Rows grouped by role kind; people without a character under "none" (name it in
    `role_names`)."""
    out = {r: GroupRow(r, role_names.get(r, r), 0) for r in ROLE_KINDS}
    for row in rows:
        key = row.role or "none"
        g = out.setdefault(key, GroupRow(key, role_names.get(key, key), 0))
        g.people += 1
        for k, v in row.counts.items():
            g.counts[k] = g.counts.get(k, 0) + v
        g.spoke += row.spoke
    return [g for g in out.values() if g.people or g.key in ROLE_KINDS]


def by_persona(rows: list[PersonRow]) -> list[GroupRow]:
    out: dict[str, GroupRow] = {}
    for row in rows:
        key = row.persona or "—"
        g = out.setdefault(key, GroupRow(key, key, 0))
        g.people += 1
        for k, v in row.counts.items():
            g.counts[k] = g.counts.get(k, 0) + v
        g.spoke += row.spoke
    return sorted(out.values(), key=lambda g: -g.spoke)


def quiet(rows: list[PersonRow]) -> list[PersonRow]:
    """People who spoke less than a quarter of the median (or not at all): were they heard?"""
    if not rows:
        return []
    spoke = sorted(r.spoke for r in rows)
    median = spoke[len(spoke) // 2]
    return [r for r in rows if r.spoke == 0 or r.spoke < median / 4]


def role_names(sc: Scenario) -> dict[str, str]:
    return {r.kind: r.name for r in sc.roles}


# ----- consent -----
def expectations_and_evaluations(state: State, names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    shown = _names(state, names)
    rows = []
    for pid, p in state.participants.items():
        exp = state.expectations.get(pid)
        ev = state.evaluations.get(pid)
        rows.append({"pid": pid, "name": shown.get(pid, p.name), "expectation": exp.text if exp else "",
                     "answers": dict(ev.answers) if ev else {}, "comment": ev.comment if ev else "",
                     "evaluated": ev is not None})
    return rows


def evaluation_means(state: State) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for q in state.scenario.evaluation:
        values = [e.answers[q.id] for e in state.evaluations.values() if q.id in e.answers]
        out[q.id] = round(sum(values) / len(values), 2) if values else None
    return out


# ----- objectives and indicators -----
def objectives(state: State, traj: Trajectory, names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Each persona, its players and its score, and each private objective's verdict on the
    state's plan (`traj` is its simulation): `met` True/False/None (judged by the group) and the
    `verdict` itself (what was measured, for `ilot.game.text.objectives.objective_measure`).
    The scenario's personas, then the approved created characters (score 0: no interests).
    Players are everyone who played it, before a new choice too (`past_personas`)."""
    sc = state.scenario
    judged = verdicts(sc, state, traj)
    scores = persona_scores(sc, traj)
    played = players(state, names)
    personas = [*sc.personas, *(ch.as_persona() for ch in state.characters.values()
                                if ch.status == CharacterStatus.APPROVED)]
    out = []
    for persona in personas:
        found = judged.get(persona.id)
        if found is None:
            found = judge_all(persona.private_objectives, sc, state, traj)
        out.append({"persona": persona.id, "name": persona.name, "role": persona.role,
                    "players": played.get(persona.id, []), "score": scores.get(persona.id, 0.0),
                    "objectives": [{"text": v.objective.text, "met": v.met, "kind": v.objective.kind,
                                    "verdict": v} for v in found]})
    return out


def players(state: State, names: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """persona id -> the names of those who played it (now or before a new choice)."""
    shown = _names(state, names)
    out: dict[str, list[str]] = {}
    for who, p in state.participants.items():
        for pid in dict.fromkeys([*p.past_personas, *([p.persona] if p.persona else [])]):
            out.setdefault(pid, []).append(shown.get(who, p.name))
    return out


def characters(state: State, shown: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The characters participants created, in the order written (merged ones left out): name,
    role, status, who wrote them, who played them."""
    names = _names(state, shown)
    played = players(state, shown)
    return [{"id": ch.id, "name": ch.name, "role": ch.role, "status": ch.status,
             "authors": [names.get(a, a) for a in ch.authors],
             "players": played.get(ch.id, []), "objectives": ch.objectives_count}
            for ch in state.characters.values() if ch.status != CharacterStatus.MERGED]


def indicator_table(sc: Scenario, traj: Trajectory) -> list[dict[str, Any]]:
    start, end = traj.start.indicators, traj.final.indicators
    return [{"id": i.id, "name": i.name, "unit": i.unit, "before": start[i.id], "after": end[i.id],
             "delta": round(end[i.id] - start[i.id], 2),
             "gain": round(i.gain(end[i.id] - start[i.id]), 2)} for i in sc.indicators]


BREAK = 3600  # seconds without any event before the next phase: a lunch or a night, not work


def phase_spans(state: State, events: list[Event]) -> list[dict[str, Any]]:
    """Each phase as it ran: start, end, number of events and of participant actions.

    The session opens in the first phase; a phase ends when the next one starts, or at its last
    event when a break (lunch, the night) came before the next phase. The phase the session is
    already in, sent again, adds no row.
    """
    sc = state.scenario
    spans: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    last_t = 0.0

    def begin(i: int, t: float) -> dict[str, Any]:
        return {"phase": i, "title": sc.phases[i].title if i < len(sc.phases) else str(i),
                "kind": sc.phases[i].kind if i < len(sc.phases) else "", "start": t,
                "end": t, "events": 0, "actions": Counter()}

    for e in events:
        if e.type == "phase_changed" and current is not None and current["phase"] == e.data["phase"] \
                and e.t - last_t <= BREAK:
            # the phase the session is already in, sent again (a timer restarted, a double
            # click): the same row goes on (after a break, it is a new row: the phase resumes);
            # only the first phase, (re)started at once, starts now
            if current["events"] == 0 and len(spans) == 1:
                current["start"] = e.t
            current["events"] += 1
            current["end"] = last_t = e.t
            continue
        if e.type in ("phase_changed", "session_opened"):
            if current is not None:
                current["end"] = e.t if e.t - last_t <= BREAK else last_t
            current = begin(e.data.get("phase", 0), e.t)
            spans.append(current)
        elif current is not None:
            current["events"] += 1
            current["end"] = e.t
            if e.aid and e.by and e.by != "trainer":
                current["actions"][e.by] += 1
        last_t = e.t
    for s in spans:
        s["people"] = len(s["actions"])
        s["actions"] = sum(s["actions"].values())
    return spans
