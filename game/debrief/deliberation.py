"""The deliberation trace, read from the events in order (pure: no text, no drawing).

For each subject put to consent (a proposal, the charter, the final plan): the proposal's
placements as made and after each accepted amendment (what changed), every position of every
round (with or without a reason), each block and whether a later round of the same person on
the same subject lifted it (and by which accepted amendment(s)), and the movements between
consecutive rounds. Participants are ids here; the report and the replay name them through
their own `names` table (the shareable version never sees a display name).

Positions are those of the closed round (`round_closed` carries them all); a round still open
at the cursor shows only how many have answered, as in the game (positions stay secret).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ..core.events import (
    AmendmentDecided,
    AmendmentMade,
    Event,
    PlanItemsFinalised,
    PositionTaken,
    ProposalMade,
    ProposalsMerged,
    ProposalWithdrawn,
    RoundClosed,
    RoundOpened,
    RuleAdded,
    RuleRemoved,
)
from ..core.kinds import AmendmentStatus, ConsentTally, ProposalStatus, Subject, SubjectKind
from ..core.scenario import Scenario

ABSENT = ""  # the "option" of someone who took no position in a round (flows)
# the events the trace reads (the replay keeps only these, to trace up to any cursor quickly)
TYPES = frozenset(t.TYPE for t in (
    ProposalMade, ProposalsMerged, ProposalWithdrawn, AmendmentMade, AmendmentDecided,
    PlanItemsFinalised, RuleAdded, RuleRemoved, RoundOpened, PositionTaken, RoundClosed))


class BlockFate(StrEnum):
    LIFTED = "lifted"  # the same person's next position on this subject is no longer a block
    KEPT = "kept"  # blocked again in their next round on this subject
    OPEN = "open"  # no later position of theirs on this subject (yet)


@dataclass(frozen=True, slots=True)
class Change:
    """What an accepted amendment did to a proposal's placements (space -> use)."""

    added: dict[str, str]
    removed: dict[str, str]
    changed: dict[str, tuple[str, str]]  # space -> (use before, use after)


@dataclass(slots=True)
class AmendmentTrace:
    id: str
    author: str
    text: str
    add: dict[str, str]
    remove: list[str]
    made_at: float
    status: AmendmentStatus = AmendmentStatus.PENDING
    decided_at: float | None = None
    change: Change | None = None  # once accepted


@dataclass(frozen=True, slots=True)
class Version:
    """A proposal's placements at a moment: as made (amendment None) or after an accepted one."""

    t: float
    placements: dict[str, str]
    amendment: str | None = None
    change: Change | None = None


@dataclass(frozen=True, slots=True)
class PositionTrace:
    pid: str
    option: str
    tally: ConsentTally | None
    reason: str


@dataclass(slots=True)
class Block:
    pid: str
    round: int  # the round's number on its subject
    reason: str
    fate: BlockFate = BlockFate.OPEN
    next_round: int | None = None  # the round of the person's next position, if any
    next_option: str = ""
    by: list[str] = field(default_factory=list)  # accepted amendments between the two rounds
    t: float | None = None  # when it was lifted (the later round's close)


@dataclass(slots=True)
class RoundTrace:
    id: str
    number: int
    opened_at: float
    closed_at: float | None = None
    adopted: bool | None = None
    counts: dict[str, int] = field(default_factory=dict)
    positions: list[PositionTrace] = field(default_factory=list)  # once closed
    answered: int = 0  # positions taken so far (an open round)
    amendments_before: list[str] = field(default_factory=list)  # accepted since the previous round
    size: int | None = None  # the final plan's actions / the charter's rules when it opened


@dataclass(frozen=True, slots=True)
class Flow:
    """Who moved between two consecutive closed rounds: (option before, option after) -> how
    many, ABSENT for no position; `deltas`: option -> change of its count."""

    before: int
    after: int
    moves: dict[tuple[str, str], int]
    deltas: dict[str, int]


@dataclass(slots=True)
class SubjectTrace:
    subject: Subject
    title: str = ""
    author: str = ""
    status: str = ""  # a ProposalStatus, or "adopted"/"open" for the charter and the final plan
    versions: list[Version] = field(default_factory=list)
    amendments: list[AmendmentTrace] = field(default_factory=list)
    rounds: list[RoundTrace] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)

    @property
    def lifted(self) -> list[Block]:
        return [b for b in self.blocks if b.fate == BlockFate.LIFTED]


def change_of(before: dict[str, str], after: dict[str, str]) -> Change:
    return Change(added={s: u for s, u in after.items() if s not in before},
                  removed={s: u for s, u in before.items() if s not in after},
                  changed={s: (before[s], u) for s, u in after.items() if s in before and before[s] != u})


class _Builder:
    def __init__(self, sc: Scenario) -> None:
        self.options = sc.index("option")
        self.subjects: dict[Subject, SubjectTrace] = {}
        self.placements: dict[str, dict[str, str]] = {}
        self.amendments: dict[str, tuple[SubjectTrace, AmendmentTrace]] = {}
        self.rounds: dict[str, tuple[SubjectTrace, RoundTrace]] = {}
        self.accepted_since: dict[Subject, list[str]] = {}
        self.final: set[str] = set()
        self.charter: set[str] = set()

    def subject(self, key: Subject) -> SubjectTrace:
        st = self.subjects.get(key)
        if st is None:
            st = self.subjects[key] = SubjectTrace(key, status="open")
        return st

    def proposal(self, e: Event, pid: str, title: str, placements: dict[str, str]) -> None:
        st = self.subject(Subject.of_proposal(pid))
        st.title, st.author, st.status = title, e.by, ProposalStatus.OPEN
        self.placements[pid] = dict(placements)
        st.versions.append(Version(e.t, dict(placements)))

    def event(self, e: Event) -> None:
        d = e.payload
        if isinstance(d, ProposalMade):
            self.proposal(e, d.proposal, d.title, d.placements)
        elif isinstance(d, ProposalsMerged):
            self.proposal(e, d.proposal, d.title, d.placements)
            for parent in d.parents:
                self.subject(Subject.of_proposal(parent)).status = ProposalStatus.MERGED
        elif isinstance(d, ProposalWithdrawn):
            self.subject(Subject.of_proposal(d.proposal)).status = ProposalStatus.WITHDRAWN
        elif isinstance(d, AmendmentMade):
            st = self.subject(Subject.of_proposal(d.proposal))
            m = AmendmentTrace(d.amendment, e.by, d.text, dict(d.add), list(d.remove), e.t)
            st.amendments.append(m)
            self.amendments[d.amendment] = (st, m)
        elif isinstance(d, AmendmentDecided) and d.amendment in self.amendments:
            self.decided(e, d)
        elif isinstance(d, PlanItemsFinalised):
            self.final = set(d.items)
        elif isinstance(d, RuleAdded):
            self.charter.add(d.entry)
        elif isinstance(d, RuleRemoved):
            self.charter.discard(d.entry)
        elif isinstance(d, RoundOpened):
            st = self.subject(d.subject)
            r = RoundTrace(d.round, d.number, e.t,
                           amendments_before=self.accepted_since.pop(d.subject, []))
            if d.subject.kind == SubjectKind.FINAL_PLAN:
                r.size = len(self.final)
            elif d.subject.kind == SubjectKind.CHARTER:
                r.size = len(self.charter)
            st.rounds.append(r)
            self.rounds[d.round] = (st, r)
        elif isinstance(d, PositionTaken) and d.round in self.rounds:
            self.rounds[d.round][1].answered += 1
        elif isinstance(d, RoundClosed) and d.round in self.rounds:
            self.closed(e, d)

    def decided(self, e: Event, d: AmendmentDecided) -> None:
        st, m = self.amendments[d.amendment]
        m.decided_at = e.t
        if not d.accepted:
            m.status = AmendmentStatus.REJECTED
            return
        m.status = AmendmentStatus.ACCEPTED
        pid = st.subject.proposal or ""
        before = self.placements.get(pid, {})
        after = {s: u for s, u in before.items() if s not in m.remove}
        after.update(m.add)
        m.change = change_of(before, after)
        self.placements[pid] = after
        st.versions.append(Version(e.t, dict(after), m.id, m.change))
        self.accepted_since.setdefault(st.subject, []).append(m.id)

    def closed(self, e: Event, d: RoundClosed) -> None:
        st, r = self.rounds[d.round]
        r.closed_at, r.adopted, r.counts = e.t, d.adopted, dict(d.counts)
        r.answered = len(d.positions)
        r.positions = []
        for pid, p in d.positions.items():
            opt = self.options.get(p["option"])
            r.positions.append(PositionTrace(pid, p["option"], opt.counts_as if opt else None, p["reason"]))
        if d.adopted:
            st.status = ProposalStatus.ADOPTED if st.subject.proposal else "adopted"
        # blocks still open whose holder answers now: lifted or kept
        now = {p.pid: p for p in r.positions}
        for b in st.blocks:
            if b.fate != BlockFate.OPEN or b.pid not in now:
                continue
            b.next_round, b.next_option = r.number, now[b.pid].option
            b.by = [a for k in st.rounds if b.round < k.number <= r.number for a in k.amendments_before]
            if now[b.pid].tally == ConsentTally.BLOCK:
                b.fate = BlockFate.KEPT
            else:
                b.fate, b.t = BlockFate.LIFTED, e.t
        st.blocks.extend(Block(p.pid, r.number, p.reason) for p in r.positions
                         if p.tally == ConsentTally.BLOCK)
        closed = [k for k in st.rounds if k.closed_at is not None]
        if len(closed) >= 2:
            st.flows.append(flow(closed[-2], closed[-1]))


def flow(a: RoundTrace, b: RoundTrace) -> Flow:
    before = {p.pid: p.option for p in a.positions}
    after = {p.pid: p.option for p in b.positions}
    moves = Counter((before.get(pid, ABSENT), after.get(pid, ABSENT)) for pid in {**before, **after})
    options = dict.fromkeys([*a.counts, *b.counts])
    deltas = {o: b.counts.get(o, 0) - a.counts.get(o, 0) for o in options}
    return Flow(a.number, b.number, dict(moves), deltas)


def trace(sc: Scenario, events: Sequence[Event]) -> list[SubjectTrace]:
    """Every subject put to consent in `events` (in the order of their first round), traced;
    proposals never put to consent are left out."""
    b = _Builder(sc)
    for e in events:
        b.event(e)
    shown = [st for st in b.subjects.values() if st.rounds]
    shown.sort(key=lambda st: st.rounds[0].opened_at)
    return shown


def amendment(subjects: Sequence[SubjectTrace], mid: str) -> AmendmentTrace | None:
    for st in subjects:
        for m in st.amendments:
            if m.id == mid:
                return m
    return None


__all__ = ["ABSENT", "TYPES", "AmendmentTrace", "Block", "BlockFate", "Change", "Flow", "PositionTrace",
           "RoundTrace", "SubjectTrace", "Version", "amendment", "change_of", "flow", "trace"]
