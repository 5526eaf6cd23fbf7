"""Délibération: proposals, amendments, merges, and consent rounds on any subject.

A round's subject is `proposal:<id>`, `charter` (the rules of management) or `final_plan`.
Positions stay secret until the round closes; the close computes the result from the
scenario's consent scale.
"""

from __future__ import annotations

from ..events import Event
from ..state import Amendment, Position, Proposal, Round, State
from .registry import PARTICIPANT, TRAINER, Ctx, evolver, rule


def _check_placements(c: Ctx, placements: dict[str, str]) -> dict[str, str]:
    sc = c.state.scenario
    for space_id, use_id in placements.items():
        space = sc.index("space").get(space_id)
        c.require(space, "unknown_space", space_id)
        use = sc.index("use").get(use_id)
        c.require(use, "unknown_use", use_id)
        c.require(sc.use_fits(use, space), "use_not_allowed", f"{use_id}@{space_id}")
    return dict(placements)


def _open_proposal(c: Ctx, pid: str) -> Proposal:
    p = c.state.proposals.get(pid)
    c.require(p, "unknown_proposal")
    c.require(p.status == "open", "proposal_closed")
    return p  # type: ignore[return-value]


@rule("propose", phases=("deliberation",))
def propose(c: Ctx) -> None:
    a = c.action
    placements = _check_placements(c, a.placements)
    if a.from_group is not None:
        group = c.state.groups.get(a.from_group)
        c.require(group, "unknown_group")
        if not placements:
            placements = {space: item.use for space, item in group.draft.items()}
    c.require(placements or a.text.strip(), "empty_proposal")
    c.emit("proposal_made", {"proposal": c.new_id("P"), "title": a.title.strip(),
                             "text": a.text.strip(), "placements": placements,
                             "parents": [], "group": a.from_group})


@evolver("proposal_made")
def _proposal(s: State, e: Event) -> None:
    d = e.data
    s.proposals[d["proposal"]] = Proposal(d["proposal"], e.by, d["title"], d["text"],
                                          dict(d["placements"]), list(d["parents"]), d["group"],
                                          "open", e.t)


@rule("withdraw", who=(PARTICIPANT, TRAINER), phases=("deliberation",))
def withdraw(c: Ctx) -> None:
    p = _open_proposal(c, c.action.proposal)
    c.require(c.may_edit(p.author), "not_author")
    c.require(c.state.open_round(f"proposal:{p.id}") is None, "round_running")
    c.emit("proposal_withdrawn", {"proposal": p.id})


@evolver("proposal_withdrawn")
def _withdrawn(s: State, e: Event) -> None:
    s.proposals[e.data["proposal"]].status = "withdrawn"


@rule("merge_proposals", who=(PARTICIPANT, TRAINER), phases=("deliberation",))
def merge_proposals(c: Ctx) -> None:
    ids = list(dict.fromkeys(c.action.proposals))
    c.require(len(ids) >= 2, "unknown_proposal", "two needed")
    placements: dict[str, str] = {}
    texts = []
    for pid in ids:
        p = _open_proposal(c, pid)
        c.require(c.may_edit(p.author), "not_author", pid)
        c.require(c.state.open_round(f"proposal:{pid}") is None, "round_running", pid)
        placements.update(p.placements)
        if p.text:
            texts.append(p.text)
    text = c.action.text.strip() or "\n".join(texts)
    c.emit("proposals_merged", {"proposal": c.new_id("P"), "title": c.action.title.strip(),
                                "text": text, "placements": placements, "parents": ids})


@evolver("proposals_merged")
def _merged(s: State, e: Event) -> None:
    d = e.data
    for pid in d["parents"]:
        s.proposals[pid].status = "merged"
    s.proposals[d["proposal"]] = Proposal(d["proposal"], e.by, d["title"], d["text"],
                                          dict(d["placements"]), list(d["parents"]), None,
                                          "open", e.t)


@rule("amend", phases=("deliberation",))
def amend(c: Ctx) -> None:
    p = _open_proposal(c, c.action.proposal)
    add = _check_placements(c, c.action.add)
    for space in c.action.remove:
        c.require(space in p.placements, "not_placed", space)
    c.emit("amendment_made", {"amendment": c.new_id("m"), "proposal": p.id,
                              "text": c.action.text.strip(), "add": add,
                              "remove": list(c.action.remove)})


@evolver("amendment_made")
def _amended(s: State, e: Event) -> None:
    d = e.data
    s.amendments[d["amendment"]] = Amendment(d["amendment"], d["proposal"], e.by, d["text"],
                                             dict(d["add"]), list(d["remove"]), "pending", e.t)
    s.proposals[d["proposal"]].amendments.append(d["amendment"])


@rule("decide_amendment", who=(PARTICIPANT, TRAINER), phases=("deliberation",))
def decide_amendment(c: Ctx) -> None:
    m = c.state.amendments.get(c.action.amendment)
    c.require(m, "unknown_amendment")
    c.require(m.status == "pending", "amendment_decided")
    p = _open_proposal(c, m.proposal)
    c.require(c.may_edit(p.author), "not_author")
    c.require(c.state.open_round(f"proposal:{p.id}") is None, "round_running")
    c.emit("amendment_decided", {"amendment": m.id, "accepted": c.action.accept})


@evolver("amendment_decided")
def _amendment_decided(s: State, e: Event) -> None:
    m = s.amendments[e.data["amendment"]]
    m.status = "accepted" if e.data["accepted"] else "rejected"
    if e.data["accepted"]:
        p = s.proposals[m.proposal]
        for space in m.remove:
            p.placements.pop(space, None)
        p.placements.update(m.add)


@rule("open_round", who=(TRAINER,))
def open_round(c: Ctx) -> None:
    s, subject = c.state, c.action.subject
    if subject.startswith("proposal:"):
        _open_proposal(c, subject.split(":", 1)[1])
    elif subject == "charter":
        c.require(s.charter, "charter_empty")
    elif subject == "final_plan":
        c.require(any(i.final for i in s.plan.values()), "plan_empty")
    else:
        c.require(False, "bad_subject")
    c.require(s.open_round(subject) is None, "round_running")
    number = 1 + sum(1 for r in s.rounds.values() if r.subject == subject)
    c.emit("round_opened", {"round": c.new_id("R"), "subject": subject, "number": number})


@evolver("round_opened")
def _round_opened(s: State, e: Event) -> None:
    d = e.data
    s.rounds[d["round"]] = Round(d["round"], d["subject"], d["number"], e.t)


@rule("take_position")  # wherever the trainer opened a round
def take_position(c: Ctx) -> None:
    r = c.state.rounds.get(c.action.round)
    c.require(r, "unknown_round")
    c.require(r.closed_at is None, "round_closed")
    option = c.state.scenario.index("option").get(c.action.option)
    c.require(option, "unknown_option")
    reason = c.action.reason.strip()
    c.require(reason or not option.reason_required, "reason_required")
    c.emit("position_taken", {"round": r.id, "option": option.id, "reason": reason})


@evolver("position_taken")
def _position(s: State, e: Event) -> None:
    # A client sees others' positions redacted (no option, no reason) until the round closes.
    s.rounds[e.data["round"]].positions[e.by] = Position(e.data.get("option", ""),
                                                         e.data.get("reason", ""), e.t)


def round_result(s: State, r: Round) -> tuple[dict[str, int], bool]:
    consent = s.scenario.consent
    counts = {o.id: 0 for o in consent.options}
    tally = {"agree": 0, "abstain": 0, "disagree": 0, "block": 0}
    options = s.scenario.index("option")
    for pos in r.positions.values():
        counts[pos.option] += 1
        tally[options[pos.option].counts_as] += 1
    voting = tally["agree"] + tally["disagree"] + tally["block"]
    adopted = (tally["agree"] > 0 and tally["block"] <= consent.max_blocks
               and tally["agree"] >= consent.min_agree_share * voting)
    return counts, adopted


@rule("close_round", who=(TRAINER,))
def close_round(c: Ctx) -> None:
    r = c.state.rounds.get(c.action.round)
    c.require(r, "unknown_round")
    c.require(r.closed_at is None, "round_closed")
    counts, adopted = round_result(c.state, r)
    c.emit("round_closed", {
        "round": r.id, "subject": r.subject, "counts": counts, "adopted": adopted,
        "positions": {pid: {"option": p.option, "reason": p.reason}
                      for pid, p in r.positions.items()},
    })


@evolver("round_closed")
def _round_closed(s: State, e: Event) -> None:
    r = s.rounds[e.data["round"]]
    r.closed_at = e.t
    r.counts = dict(e.data["counts"])
    r.adopted = e.data["adopted"]
    when = {pid: p.t for pid, p in r.positions.items()}
    r.positions = {pid: Position(p["option"], p["reason"], when.get(pid, e.t))
                   for pid, p in e.data["positions"].items()}
    if not r.adopted:
        return
    if r.subject.startswith("proposal:"):
        s.proposals[r.subject.split(":", 1)[1]].status = "adopted"
    elif r.subject == "charter":
        s.charter_adopted = True
    elif r.subject == "final_plan":
        s.final_adopted = True
