"""A bot trainer: walks a room through every phase of its scenario, steering as a trainer would
(groups for the workshops, consent rounds on proposals, the charter and the final plan, the
participants' most liked experience cards pinned), gives
(groups for the workshops, the café's notes filed under the spaces' cards, consent rounds on
proposals, the charter and the final plan), gives
created characters approved), gives
the floor to whoever asked for it and ends long turns, and closes the session after the
synthèse.

Each phase lasts until the players added `phase_events` events or `phase_seconds` passed. The
final plan it proposes stays within the scenario's investment budget.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from ilot.game.core.actions import FinalisePlan
from ilot.game.core.kinds import CharacterStatus, PhaseKind, ProposalStatus, Reaction, Subject
from ilot.game.core.rules.questions import ranked
from ilot.game.core.simulation import bailleur_investment, plan_from_state
from ilot.game.core.space_card import suggested_lines
from ilot.game.core.state import PlanItem, State
from ilot.game.net import protocol
from ilot.game.net.client import Connection

from .bots import Player

MAX_FINAL = FinalisePlan.model_fields["items"].metadata[0].max_length

log = logging.getLogger("ilot.bots")


async def run_trainer(url: str, room: str, code: str, *, phase_events: int = 10,
                      phase_seconds: float = 30.0, round_seconds: float = 10.0,
                      turn_seconds: float = 2.0, close: bool = True,
                      stop: asyncio.Event | None = None) -> dict[str, Any]:
    """Returns {"phases": [kinds visited], "rejected": [codes], "rounds": n, "adopted": n,
    "turns": n (floors given), "closed": bool}. A turn at the floor lasts `turn_seconds`;
    with `close`, the session is closed after the last phase."""
    stop = stop or asyncio.Event()
    t = Player(await Connection.open(url, {"as": "trainer", "room": room, "code": code}))
    report: dict[str, Any] = {"phases": [], "rejected": [], "rounds": 0, "adopted": 0,
                              "turns": 0, "closed": False}

    async def do(action: dict[str, Any]) -> bool:
        reply = await t.act(action)
        if reply["t"] != protocol.ACK:
            report["rejected"].append(reply.get("code", reply["t"]))
            return False
        return True

    async def wait_for(cond: Callable[[], bool], seconds: float) -> bool:
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while not cond() and not stop.is_set() and not t.closed:
            left = end - loop.time()
            if left <= 0:
                return False
            await t.wait_change(min(left, 1.0))
        return cond()

    async def round_on(subject: Subject) -> bool:
        if not await do({"type": "open_round", "subject": str(subject)}):
            return False
        s = t.state
        rid = next(r.id for r in s.rounds.values() if r.subject == subject and r.closed_at is None)
        voters = lambda: [p for p in t.state.participants.values() if p.persona]  # noqa: E731
        await wait_for(lambda: len(t.state.rounds[rid].positions) >= len(voters()), round_seconds)
        await do({"type": "close_round", "round": rid})
        report["rounds"] += 1
        adopted = bool(t.state.rounds[rid].adopted)
        report["adopted"] += adopted
        return adopted

    done = asyncio.Event()

    async def chair() -> None:
        """The floor: give it to the first who asked, end a turn after `turn_seconds`."""
        loop = asyncio.get_running_loop()
        since: float | None = None
        while not (done.is_set() or stop.is_set() or t.closed):
            s = t.state
            if s.closed_at is None and s.speaker is not None:
                since = loop.time() if since is None else since
                if loop.time() - since >= turn_seconds:
                    await do({"type": "end_turn"})
                    since = None
            elif s.closed_at is None and s.floor_queue:
                if await do({"type": "give_floor"}):
                    report["turns"] += 1
                since = None
            await t.wait_change(0.25)

    chairing = asyncio.create_task(chair())
    try:
        sc = t.mirror.scenario
        for idx, phase in enumerate(sc.phases):
            if stop.is_set():
                break
            if t.state.phase != idx:
                await do({"type": "set_phase", "phase": idx})
            report["phases"].append(phase.kind)
            start = t.state.seq
            if phase.kind in (PhaseKind.ATELIERS, PhaseKind.MISE_EN_COMMUN) and not t.state.groups:
                n = len(t.state.participants)
                await do({"type": "form_groups", "count": max(1, n // 4), "random": True})
            await wait_for(lambda: t.state.seq - start >= phase_events  # noqa: B023  (awaited here)
                           or _all_done(t, phase.kind), phase_seconds)  # noqa: B023
            s = t.state
            if phase.kind == PhaseKind.DELIBERATION:
                for p in [p for p in s.proposals.values() if p.status == ProposalStatus.OPEN][:3]:
                    await round_on(Subject.of_proposal(p.id))
            elif phase.kind == PhaseKind.SCHEMA_DIRECTEUR and not s.schema:
                adopted = s.adopted_placements()
                left = sc.budget.investment_total - bailleur_investment(sc, plan_from_state(s))
                for space, uses in sorted(adopted.items())[:2]:
                    use = sorted(uses)[0]
                    if sc.use(use).investment <= left:  # within the investment budget
                        left -= sc.use(use).investment
                        await do({"type": "schema_place", "space": space, "use": use,
                                  "year": 1})
            elif phase.kind == PhaseKind.PROJETS:
                for xid in most_liked(s)[:2]:  # the group's favourite experiences, pinned
                    await do({"type": "experience_pin", "experience": xid})
            elif phase.kind == PhaseKind.WORLD_CAFE:
                for action in card_lines(s):  # the café's notes filed under the spaces
                    await do(action)
            elif phase.kind == PhaseKind.INTERVENTION:
                for q in ranked(s)[:3]:  # the speaker answers the most upvoted questions
                    if not q.answered:
                        await do({"type": "question_answer", "question": q.id})
            elif phase.kind == PhaseKind.PERSONNAGES:
                for cid, ch in list(s.characters.items()):  # the trainer reads every draft
                    if ch.status == CharacterStatus.DRAFT:
                        await do({"type": "character_review", "character": cid,
                                  "decision": "approve"})
            elif phase.kind == PhaseKind.PLAN_ACTION and s.charter:
                await round_on(Subject.charter())
            elif phase.kind == PhaseKind.CONSENSUS_FINAL and (items := final_items(s)):
                await do({"type": "finalise_plan", "items": items})
                await round_on(Subject.final_plan())
        done.set()
        await chairing
        if close and not stop.is_set() and not t.closed:
            report["closed"] = await do({"type": "close_session"})
    finally:
        done.set()
        chairing.cancel()
        await t.close()
    return report


def most_liked(s: State) -> list[str]:
    """The participants' experience cards not pinned yet, those with the most « m'inspire »
    first (at least one)."""
    liked = {xid: sum(1 for r in s.reactions.get(xid, {}).values() if r == Reaction.INSPIRE)
             for xid, x in s.experiences.items() if not x.pinned}
    return sorted((xid for xid, n in liked.items() if n), key=lambda xid: -liked[xid])


def final_items(s: State) -> list[str]:
    """The final plan a trainer bot proposes: the latest items first, within what one action may
    list (bots write thousands) and within the investment budget (with the schéma directeur)."""
    sc = s.scenario
    chosen: list[PlanItem] = []
    for item in sorted(s.plan.values(), key=lambda i: (i.t, i.id), reverse=True):
        if len(chosen) >= MAX_FINAL:
            break
        if bailleur_investment(sc, plan_from_state(s, [*chosen, item])) \
                <= sc.budget.investment_total:
            chosen.append(item)
    return [i.id for i in chosen]


def card_lines(s: State) -> list[dict[str, Any]]:
    """The lines a trainer bot adds to the spaces' cards at the end of the café
    (`space_card.suggested_lines`: the notes not filed yet, by the space they name)."""
    return [{"type": "space_card_line", "space": space, "text": text, "notes": notes}
            for space, text, notes in suggested_lines(s)]


def _all_done(t: Player, kind: str) -> bool:
    """Phases with one contribution each (evaluation) end when everybody has given it."""
    s = t.state
    if kind == PhaseKind.PERSONNAGES:  # everyone has written (or co-written) a character
        authors = {a for ch in s.characters.values() for a in ch.authors}
        return bool(s.participants) and set(s.participants) <= authors
    if kind == PhaseKind.SYNTHESE:
        return bool(s.participants) and all(pid in s.evaluations for pid in s.participants)
    if kind == PhaseKind.SCHEMA_DIRECTEUR:
        adopted = s.adopted_placements()
        return bool(adopted) and all(space in s.schema for space in adopted)
    return False
