"""Délibération: proposals, amendments, merges, and consent rounds on any subject.

A round's subject (`kinds.Subject`) is a proposal, the charter (the rules of management) or the
final plan. Positions stay secret until the round closes; the close computes the result from
the scenario's consent scale.
"""

from __future__ import annotations

from typing import Any

from ..actions import (
    Amend,
    CloseRound,
    DecideAmendment,
    MergeProposals,
    OpenRound,
    Propose,
    TakePosition,
    Withdraw,
)
from ..events import (
    AmendmentDecided,
    AmendmentMade,
    ClosedPosition,
    Event,
    PositionTaken,
    ProposalMade,
    ProposalsMerged,
    ProposalWithdrawn,
    RoundClosed,
    RoundOpened,
)
from ..kinds import AmendmentStatus, ConsentTally, PhaseKind, ProposalStatus, Subject, SubjectKind
from ..state import Amendment, Position, Proposal, Round, State
from .registry import PARTICIPANT, TRAINER, Ctx, RuleSet

ruleset = RuleSet()
DELIBERATION = (PhaseKind.DELIBERATION,)


def _check_placements(c: Ctx[Any], placements: dict[str, str]) -> dict[str, str]:
    sc = c.state.scenario
    for space_id, use_id in placements.items():
        space = c.need(sc.index("space").get(space_id), "unknown_space", space_id)
        use = c.need(sc.index("use").get(use_id), "unknown_use", use_id)
        c.require(sc.use_fits(use, space), "use_not_allowed", f"{use_id}@{space_id}")
    return dict(placements)


def _open_proposal(c: Ctx[Any], pid: str) -> Proposal:
    p = c.need(c.state.proposals.get(pid), "unknown_proposal")
    c.require(p.status == ProposalStatus.OPEN, "proposal_closed")
    return p


@ruleset.rule(Propose, phases=DELIBERATION)
def propose(c: Ctx[Propose]) -> None:
    a = c.action
    placements = _check_placements(c, a.placements)
    if a.from_group is not None:
        group = c.need(c.state.groups.get(a.from_group), "unknown_group")
        if not placements:
            placements = {space: item.use for space, item in group.draft.items()}
    c.require(placements or a.text.strip(), "empty_proposal")
    c.emit(ProposalMade(proposal=c.new_id("P"), title=a.title.strip(), text=a.text.strip(),
                        placements=placements, parents=[], group=a.from_group))


@ruleset.evolver(ProposalMade)
def _proposal(s: State, e: Event[ProposalMade]) -> None:
    d = e.payload
    s.proposals[d.proposal] = Proposal(d.proposal, e.by, d.title, d.text, dict(d.placements),
                                       list(d.parents), d.group, ProposalStatus.OPEN, e.t)


@ruleset.rule(Withdraw, who=(PARTICIPANT, TRAINER), phases=DELIBERATION)
def withdraw(c: Ctx[Withdraw]) -> None:
    p = _open_proposal(c, c.action.proposal)
    c.require(c.may_edit(p.author), "not_author")
    c.require(c.state.open_round(Subject.of_proposal(p.id)) is None, "round_running")
    c.emit(ProposalWithdrawn(p.id))


@ruleset.evolver(ProposalWithdrawn)
def _withdrawn(s: State, e: Event[ProposalWithdrawn]) -> None:
    s.proposals[e.payload.proposal].status = ProposalStatus.WITHDRAWN


@ruleset.rule(MergeProposals, who=(PARTICIPANT, TRAINER), phases=DELIBERATION)
def merge_proposals(c: Ctx[MergeProposals]) -> None:
    ids = list(dict.fromkeys(c.action.proposals))
    c.require(len(ids) >= 2, "unknown_proposal", "two needed")
    placements: dict[str, str] = {}
    texts = []
    for pid in ids:
        p = _open_proposal(c, pid)
        c.require(c.may_edit(p.author), "not_author", pid)
        c.require(c.state.open_round(Subject.of_proposal(pid)) is None, "round_running", pid)
        placements.update(p.placements)
        if p.text:
            texts.append(p.text)
    text = c.action.text.strip() or "\n".join(texts)
    c.emit(ProposalsMerged(proposal=c.new_id("P"), title=c.action.title.strip(), text=text,
                           placements=placements, parents=ids))


@ruleset.evolver(ProposalsMerged)
def _merged(s: State, e: Event[ProposalsMerged]) -> None:
    d = e.payload
    for pid in d.parents:
        s.proposals[pid].status = ProposalStatus.MERGED
    s.proposals[d.proposal] = Proposal(d.proposal, e.by, d.title, d.text, dict(d.placements),
                                       list(d.parents), None, ProposalStatus.OPEN, e.t)


@ruleset.rule(Amend, phases=DELIBERATION)
def amend(c: Ctx[Amend]) -> None:
    p = _open_proposal(c, c.action.proposal)
    add = _check_placements(c, c.action.add)
    for space in c.action.remove:
        c.require(space in p.placements, "not_placed", space)
    c.emit(AmendmentMade(amendment=c.new_id("m"), proposal=p.id, text=c.action.text.strip(),
                         add=add, remove=list(c.action.remove)))


@ruleset.evolver(AmendmentMade)
def _amended(s: State, e: Event[AmendmentMade]) -> None:
    d = e.payload
    s.amendments[d.amendment] = Amendment(d.amendment, d.proposal, e.by, d.text, dict(d.add),
                                          list(d.remove), AmendmentStatus.PENDING, e.t)
    s.proposals[d.proposal].amendments.append(d.amendment)


@ruleset.rule(DecideAmendment, who=(PARTICIPANT, TRAINER), phases=DELIBERATION)
def decide_amendment(c: Ctx[DecideAmendment]) -> None:
    m = c.need(c.state.amendments.get(c.action.amendment), "unknown_amendment")
    c.require(m.status == AmendmentStatus.PENDING, "amendment_decided")
    p = _open_proposal(c, m.proposal)
    c.require(c.may_edit(p.author), "not_author")
    c.require(c.state.open_round(Subject.of_proposal(p.id)) is None, "round_running")
    c.emit(AmendmentDecided(m.id, c.action.accept))


@ruleset.evolver(AmendmentDecided)
def _amendment_decided(s: State, e: Event[AmendmentDecided]) -> None:
    m = s.amendments[e.payload.amendment]
    m.status = AmendmentStatus.ACCEPTED if e.payload.accepted else AmendmentStatus.REJECTED
    if e.payload.accepted:
        p = s.proposals[m.proposal]
        for space in m.remove:
            p.placements.pop(space, None)
        p.placements.update(m.add)


@ruleset.rule(OpenRound, who=(TRAINER,))
def open_round(c: Ctx[OpenRound]) -> None:
    s = c.state
    try:
        subject = Subject.parse(c.action.subject)
    except ValueError:
        c.refuse("bad_subject")
    if subject.proposal is not None:
        _open_proposal(c, subject.proposal)
    elif subject.kind == SubjectKind.CHARTER:
        c.require(s.charter, "charter_empty")
    else:
        c.require(any(i.final for i in s.plan.values()), "plan_empty")
    c.require(s.open_round(subject) is None, "round_running")
    number = 1 + sum(1 for r in s.rounds.values() if r.subject == subject)
    c.emit(RoundOpened(round=c.new_id("R"), subject=subject, number=number))


@ruleset.evolver(RoundOpened)
def _round_opened(s: State, e: Event[RoundOpened]) -> None:
    d = e.payload
    s.rounds[d.round] = Round(d.round, d.subject, d.number, e.t)


@ruleset.rule(TakePosition)  # wherever the trainer opened a round
def take_position(c: Ctx[TakePosition]) -> None:
    r = c.need(c.state.rounds.get(c.action.round), "unknown_round")
    c.require(r.closed_at is None, "round_closed")
    option = c.need(c.state.scenario.index("option").get(c.action.option), "unknown_option")
    reason = c.action.reason.strip()
    c.require(reason or not option.reason_required, "reason_required")
    c.emit(PositionTaken(round=r.id, option=option.id, reason=reason))


@ruleset.evolver(PositionTaken)
def _position(s: State, e: Event[PositionTaken]) -> None:
    # A client sees others' positions withheld (no option, no reason) until the round closes.
    d = e.payload
    s.rounds[d.round].positions[e.by] = Position("" if d.option is None else d.option,
                                                 "" if d.reason is None else d.reason, e.t)


def round_result(s: State, r: Round) -> tuple[dict[str, int], bool]:
    consent = s.scenario.consent
    counts = {o.id: 0 for o in consent.options}
    tally = dict.fromkeys(ConsentTally, 0)
    options = s.scenario.index("option")
    for pos in r.positions.values():
        counts[pos.option] += 1
        tally[options[pos.option].counts_as] += 1
    voting = tally[ConsentTally.AGREE] + tally[ConsentTally.DISAGREE] + tally[ConsentTally.BLOCK]
    adopted = (tally[ConsentTally.AGREE] > 0 and tally[ConsentTally.BLOCK] <= consent.max_blocks
               and tally[ConsentTally.AGREE] >= consent.min_agree_share * voting)
    return counts, adopted


@ruleset.rule(CloseRound, who=(TRAINER,))
def close_round(c: Ctx[CloseRound]) -> None:
    r = c.need(c.state.rounds.get(c.action.round), "unknown_round")
    c.require(r.closed_at is None, "round_closed")
    counts, adopted = round_result(c.state, r)
    c.emit(RoundClosed(
        round=r.id, subject=r.subject, counts=counts, adopted=adopted,
        positions={pid: ClosedPosition(option=p.option, reason=p.reason)
                   for pid, p in r.positions.items()},
    ))


@ruleset.evolver(RoundClosed)
def _round_closed(s: State, e: Event[RoundClosed]) -> None:
    d = e.payload
    r = s.rounds[d.round]
    r.closed_at = e.t
    r.counts = dict(d.counts)
    r.adopted = d.adopted
    when = {pid: p.t for pid, p in r.positions.items()}
    r.positions = {pid: Position(p["option"], p["reason"], when.get(pid, e.t))
                   for pid, p in d.positions.items()}
    if not r.adopted:
        return
    if r.subject.proposal is not None:
        s.proposals[r.subject.proposal].status = ProposalStatus.ADOPTED
    elif r.subject.kind == SubjectKind.CHARTER:
        s.charter_adopted = True
    elif r.subject.kind == SubjectKind.FINAL_PLAN:
        s.final_adopted = True
