"""Invariants every reachable state must keep (used by the golden and the random-play tests)."""

from __future__ import annotations

import itertools

import pytest

from ilot.game.core import Actor, State, replay, state_hash, view_for
from ilot.game.core.kinds import SubjectKind
from ilot.game.core.scenario import ROLE_KINDS
from ilot.game.core.simulation import plan_from_state, simulate_state
from ilot.game.core.space_card import MAX_LINES, MAX_LINES_PER_SPACE, known_space
from ilot.game.core.state import state_from_dict


def check_invariants(s: State) -> None:
    sc = s.scenario
    people = s.participants
    spaces, uses = sc.index("space"), sc.index("use")
    for pid, p in people.items():
        assert p.id == pid
        assert (p.persona is None) == (p.role is None)
        if p.persona is not None:
            persona = s.persona(p.persona)
            assert persona is not None and persona.role == p.role
    # personas are not taken by more players than the scenario allows
    taken: dict[str, int] = {}
    for p in people.values():
        if p.persona:
            taken[p.persona] = taken.get(p.persona, 0) + 1
    assert all(n <= sc.players_per_persona for n in taken.values())
    # authors and references exist
    for pid in s.expectations:
        assert pid in people
    for project, per in s.reactions.items():
        assert project in sc.index("project") or project in s.experiences
        assert set(per) <= set(people)
        assert set(per.values()) <= {"inspire", "question", "doute"}
    for c in s.comments.values():
        assert c.author in people
        assert c.project in sc.index("project") or c.project in s.experiences
    for n in s.notes.values():
        assert n.author in people and n.space in spaces and n.role in ROLE_KINDS
        assert set(n.enjeux) <= set(sc.index("enjeu")) and len(set(n.enjeux)) == len(n.enjeux)
        assert 0 <= n.x <= sc.map.width and 0 <= n.y <= sc.map.height
    for r in s.resources.values():
        assert r.author in people and r.space in spaces
        assert r.use is None or sc.use_fits(uses[r.use], spaces[r.space])
    for k in s.cafe_notes.values():
        assert k.author in people and k.table in sc.index("theme")
        assert 0 <= k.rotation <= s.cafe_rotation
    # groups: existing members, each in one group at most
    members = [m for g in s.groups.values() for m in g.members]
    assert len(members) == len(set(members)) and set(members) <= set(people)
    for gid, g in s.groups.items():
        assert g.id == gid
        for space, item in g.draft.items():
            assert sc.use_fits(uses[item.use], spaces[space]) and item.by in people
    assert s.spotlight is None or s.spotlight in s.groups
    for a in s.arguments.values():
        assert a.author in people
    # proposals, amendments, rounds
    for pid, p in s.proposals.items():
        assert p.author in people or p.author == "trainer"
        assert p.status in ("open", "adopted", "withdrawn", "merged")
        for space, use in p.placements.items():
            assert sc.use_fits(uses[use], spaces[space])
        for parent in p.parents:
            assert s.proposals[parent].status == "merged"
        for mid in p.amendments:
            assert s.amendments[mid].proposal == pid
    for m in s.amendments.values():
        assert m.proposal in s.proposals and m.author in people
        assert m.id in s.proposals[m.proposal].amendments
        assert m.status in ("pending", "accepted", "rejected")
    open_subjects = [r.subject for r in s.rounds.values() if r.closed_at is None]
    assert len(open_subjects) == len(set(open_subjects)), "two open rounds on one subject"
    options = sc.index("option")
    for r in s.rounds.values():
        if r.subject.kind == SubjectKind.PROPOSAL:
            assert r.subject.proposal in s.proposals
        else:
            assert r.subject.kind in (SubjectKind.CHARTER, SubjectKind.FINAL_PLAN)
        for pid, pos in r.positions.items():
            # a position's author had a character then (a new choice may have opened since)
            assert pid in people and (people[pid].persona is not None or people[pid].past_personas)
            assert pos.option in options
            if options[pos.option].reason_required:
                assert pos.reason.strip()
        if r.closed_at is not None:
            assert sum(r.counts.values()) == len(r.positions)
            if r.adopted and r.subject.proposal is not None:
                # adopted once; later it can be merged or stay adopted, never reopened
                assert s.proposals[r.subject.proposal].status in ("adopted", "merged")
    # schema, plan, charter
    adopted = s.adopted_placements()
    for space, placement in s.schema.items():
        assert sc.use_fits(uses[placement.use], spaces[space]) and 1 <= placement.year <= 3
        if placement.by != "trainer":
            assert placement.use in adopted.get(space, ())
    for iid, item in s.plan.items():
        assert item.id == iid and 1 <= item.quarter <= 12 and item.cost >= 0
        assert item.payer in ("bailleur", "charges")
        assert item.space is None or item.space in spaces
        assert item.use is None or item.use in uses
        if item.space and item.use:
            assert sc.use_fits(uses[item.use], spaces[item.space])
        if item.experiment and item.use is not None:  # a free-text experiment may name no use
            assert uses[item.use].experiment is not None
    if s.final_adopted:
        assert any(i.final for i in s.plan.values())
    for e in s.charter.values():
        rule = sc.index("rule")[e.rule]
        assert e.space is None or spaces[e.space].kind in rule.applies_to
    if s.charter_adopted:
        assert s.charter
    for pid, ev in s.evaluations.items():
        assert pid in people and set(ev.answers) <= set(sc.index("question"))
    # created characters: known authors (no one twice), at most 2
    # objectives, merged into a character still there (itself not merged)
    for cid, ch in s.characters.items():
        assert ch.id == cid and ch.authors and len(set(ch.authors)) == len(ch.authors)
        assert set(ch.authors) <= set(people) and len(ch.objectives) == ch.objectives_count <= 2
        assert (ch.status == "merged") == (ch.merged_into is not None)
        if ch.merged_into is not None:
            assert s.characters[ch.merged_into].status != "merged"
        assert (ch.approved_at is not None) == (ch.status == "approved") or ch.status == "merged"
    assert len(s.characters) <= 60
    assert len(set(s.persona_choices_opened)) == len(s.persona_choices_opened)
    # questions: by a participant, upvoted at most once by each, never by their author
    for q in s.questions.values():
        assert q.author in s.participants and len(set(q.voters)) == len(q.voters)
        assert q.author not in q.voters and set(q.voters) <= set(s.participants)
    # « qui suis-je » cards: one per participant, within the limits
    for pid, w in s.whoami.items():
        assert pid == w.participant and pid in people
        assert len(w.organisation) <= 80 and len(w.sentence) <= 200
    # experience cards: by a participant, within the limits; reactions and comments on an
    # experience only while it is on the board
    for x in s.experiences.values():
        assert x.author in s.participants and x.title and len(x.figures) <= 2
    assert len(s.experiences) <= 60
    projects = set(sc.index("project")) | set(s.experiences)
    assert set(s.reactions) <= projects and {c.project for c in s.comments.values()} <= projects
    # the spaces' cards: on a known space, at most 12 lines each and 200 in all; known notes
    assert len(s.space_cards) <= MAX_LINES
    for line in s.space_cards.values():
        assert known_space(s, line.space) and set(line.notes) <= set(s.cafe_notes)
        assert sum(x.space == line.space for x in s.space_cards.values()) <= MAX_LINES_PER_SPACE
    # the floor: each once in the queue, in the order asked, never while speaking
    queue = [r.participant for r in s.floor_queue]
    assert len(queue) == len(set(queue)) and set(queue) <= set(people)
    assert all(a.t <= b.t for a, b in itertools.pairwise(s.floor_queue))
    assert (s.speaker is None) == (s.speaker_since is None)
    assert s.speaker is None or (s.speaker in people and s.speaker not in queue)
    assert s.closed_at is None or s.closed_at >= s.created_at
    check_budget(s)


def check_budget(s: State) -> None:
    """The simulation runs, and its money adds up from what the plan says."""
    sc = s.scenario
    traj = simulate_state(s)
    plan = plan_from_state(s)
    assert len(traj.quarters) == 13 and [q.q for q in traj.quarters] == list(range(13))
    events = {e.id: e for e in sc.events}
    expected = unplanned = 0.0
    funded: dict[str, float] = {}
    landlord = {"bailleur"} | {f.id for f in sc.payers if f.kind == "landlord"}
    for quarter in traj.quarters[1:]:
        paid = [(a.payer, a.investment) for a in plan.activations if a.start == quarter.q]
        paid += [(c.payer, c.cost) for c in plan.costs if c.quarter == quarter.q]
        for payer, cost in paid:
            if payer in landlord:
                expected += cost
            elif payer != "charges":  # another funder of the scenario (city, subsidy…)
                funded[payer] = funded.get(payer, 0.0) + cost
        unplanned += sum(events[e].cost for e in quarter.events)
        assert abs(quarter.invested - expected) < 0.01, (quarter.q, quarter.invested, expected)
        assert abs(quarter.unplanned - unplanned) < 0.01, (quarter.q, quarter.unplanned, unplanned)
        assert quarter.funded == pytest.approx(funded), (quarter.q, quarter.funded, funded)
    base = sc.budget.base_charges_per_household_month
    income = any(u.income_per_year and u.income_lowers == "charges" for u in sc.uses)
    for quarter in traj.quarters:
        assert income or quarter.charges >= base - 1e-9
        for ind in sc.indicators:
            assert ind.min <= quarter.indicators[ind.id] <= ind.max


def check_replay_and_views(s: State, events: list) -> None:
    """The log rebuilds the same state; every viewer's view loads back into a State."""
    assert [e.seq for e in events] == list(range(1, len(events) + 1)) and s.seq == len(events)
    assert all(a.t <= b.t for a, b in itertools.pairwise(events))
    assert state_hash(replay(s.scenario, events)) == state_hash(s)
    assert state_hash(replay(s.scenario, [e.to_dict() for e in events])) == state_hash(s)
    for viewer in [Actor.trainer(), Actor.spectator(),
                   *(Actor.participant(p) for p in list(s.participants)[:2])]:
        view = view_for(s, viewer)
        loaded = state_from_dict(s.scenario, view)
        assert loaded.seq == s.seq and set(loaded.participants) == set(s.participants)
