"""Bot participants (and a bot trainer) that play plausible actions for the room's phase.

Each bot keeps a real core State (a `Mirror` of its welcome, advanced by the events it receives)
and picks only actions that this state allows, so nearly all of them are accepted. They serve
the tests, the load bench and a trainer rehearsing a scenario alone.

What the bots write (notes, proposals, reasons: `texts`) is content, in French, as a simulated
participant of a French session would write it: it is not interface text and is not translated.
Each bot has a `texts.Voice` and never writes the same sentence twice; an argument's text is
written for its stance; the plans bots draft, propose, place and add to stay within the
scenario's investment budget; now and then a bot asks for the floor (even while the session is
locked), takes its request back, or ends its turn; once the session is closed bots do nothing.
The report of a run (`run_bots`) is counts and codes; `ilot bot` words it (server/cli.py).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import Counter
from collections.abc import Callable
from typing import Any

from websockets.exceptions import ConnectionClosed

from ilot.game.core.kinds import (
    AmendmentStatus,
    ConsentTally,
    Payer,
    PhaseKind,
    ProposalStatus,
    Subject,
)
from ilot.game.core.rules.characters import choosable
from ilot.game.core.scenario import ROLE_KINDS, Scenario
from ilot.game.core.simulation import bailleur_investment, plan_from_state
from ilot.game.core.state import PlanItem, State
from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.game.net.mirror import Mirror

from . import texts
from .bot_characters import choose_again, write_character

log = logging.getLogger("ilot.bots")


class Player:
    """One connection with its mirror, a reader task and the futures of pending actions."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.mirror = Mirror(conn.welcome)
        self.pid: str = conn.welcome["you"]["id"]
        self.changed = asyncio.Event()
        self.pending: dict[str, asyncio.Future] = {}
        self.closed = False
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            while True:
                msg = await self.conn.recv()
                t = msg["t"]
                if t == protocol.EVENTS:
                    self.mirror.apply(msg["events"])
                    self.changed.set()
                    if self.mirror.stale:  # events were missed: stop rather than play blind
                        log.warning("bot %s: events missed %s, stopping", self.pid, self.mirror.gap)
                        break
                elif t == protocol.ME:  # own private objectives, after choosing a persona
                    self.mirror.me = msg["me"]
                elif t in (protocol.ACK, protocol.REJECT) or (t == protocol.ERROR and "id" in msg):
                    fut = self.pending.pop(msg.get("id", ""), None)
                    if fut is not None and not fut.done():
                        fut.set_result(msg)
        except (ConnectionClosed, asyncio.CancelledError):
            pass
        finally:
            self.closed = True
            self.changed.set()
            for fut in self.pending.values():
                if not fut.done():
                    fut.set_result({"t": "closed"})

    @property
    def state(self) -> State:
        return self.mirror.state

    async def act(self, action: dict[str, Any], timeout: float = 15.0) -> dict[str, Any]:
        action = dict(action)
        action.setdefault("id", self.conn.next_id())
        fut = asyncio.get_running_loop().create_future()
        self.pending[action["id"]] = fut
        await self.conn.act(action)
        return await asyncio.wait_for(fut, timeout)

    async def wait_change(self, timeout: float) -> None:
        self.changed.clear()
        try:
            await asyncio.wait_for(self.changed.wait(), timeout)
        except TimeoutError:
            pass

    async def close(self) -> None:
        self._reader.cancel()
        await self.conn.close()


def personas_by_role(scenario: Scenario | dict) -> list[str]:
    """Persona ids interleaved by role (resident, caretaker, manager, resident…)."""
    personas = scenario.personas if isinstance(scenario, Scenario) else scenario["personas"]
    get = (lambda p, k: getattr(p, k)) if isinstance(scenario, Scenario) else (lambda p, k: p[k])
    by_role = {r: [get(p, "id") for p in personas if get(p, "role") == r] for r in ROLE_KINDS}
    out: list[str] = []
    while any(by_role.values()):
        for r in ROLE_KINDS:
            if by_role[r]:
                out.append(by_role[r].pop(0))
    return out


# ----- what a participant may plausibly do now -----

Action = dict[str, Any]


def choose(s: State, pid: str, rng: random.Random, voice: texts.Voice | None = None
           ) -> Action | None:
    """A plausible action for `pid` now, or None. What a bot writes comes from its `voice`,
    which never repeats a sentence (a fresh one, without memory, when None)."""
    me = s.participants.get(pid)
    if me is None or s.closed_at is not None:  # a closed session is read-only
        return None
    voice = voice or texts.Voice(rng)
    kind = s.phase_kind
    if me.persona is None:
        return choose_again(s, pid, rng)
    if pid not in s.whoami and rng.random() < (0.35 if kind == PhaseKind.ACCUEIL else 0.1):
        return _whoami(pid, rng, voice)  # introduces itself (later if it missed the accueil,
        # or again once the trainer cleared its card)
    floor = _floor(s, pid, rng)
    if floor is not None or s.locked:  # asking for the floor is allowed while locked
        return floor
    # an open consent round comes first
    if kind in (PhaseKind.DELIBERATION, PhaseKind.SCHEMA_DIRECTEUR, PhaseKind.PLAN_ACTION, PhaseKind.CONSENSUS_FINAL):
        for r in s.rounds.values():
            if r.closed_at is None and pid not in r.positions:
                return _position(s, r.id, rng, voice)
    fn = _BY_PHASE.get(kind)
    return fn(s, pid, rng, voice) if fn else None


def _floor(s: State, pid: str, rng: random.Random) -> Action | None:
    """Now and then a bot asks for the floor, takes its request back, or ends its turn."""
    if s.speaker == pid:
        return {"type": "end_turn"} if rng.random() < 0.3 else None
    if s.in_queue(pid):
        return {"type": "withdraw_floor"} if rng.random() < 0.02 else None
    return {"type": "ask_floor"} if rng.random() < (0.1 if s.locked else 0.02) else None


def _position(s: State, rid: str, rng: random.Random, voice: texts.Voice) -> Action:
    options = s.scenario.consent.options
    weights = [6 if o.counts_as == ConsentTally.AGREE else 2 if o.counts_as == ConsentTally.ABSTAIN else
               1.5 if o.counts_as == ConsentTally.DISAGREE else 0.3 for o in options]
    o = rng.choices(options, weights)[0]
    reason = ""
    if o.reason_required or rng.random() < 0.3:
        reason = voice.say(texts.REASONS) or ""
        if not reason and o.reason_required:  # nothing new to say: agree instead
            o = next(x for x in options if x.counts_as == ConsentTally.AGREE)
    return {"type": "take_position", "round": rid, "option": o.id, "reason": reason}


_REAL_ROLES = ("tenant", "field_staff", "manager", "other")


def _real_role(pid: str) -> str:
    """Who the bot is in real life: the same on its card and its baromètre answers."""
    return _REAL_ROLES[sum(map(ord, pid)) % len(_REAL_ROLES)]


def _whoami(pid: str, rng: random.Random, voice: texts.Voice) -> Action:
    """The bot's « qui suis-je » card: its real role, an organisation and a sentence that go
    with it (varied: bots of one role do not all come from the same place)."""
    role = _real_role(pid)
    return {"type": "whoami_set", "real_role": role,
            "organisation": rng.choice(texts.ORGANISATIONS[role]),
            "sentence": voice.say(texts.WHOAMI[role]) or ""}


def _barometre(s: State, pid: str, rng: random.Random, rnd: str) -> Action | None:
    """The next baromètre statement this bot has not answered in this round (before: anywhere
    on the scale; after: a step nearer agreement, as a training session may move people)."""
    mine = {(a.round, a.statement): a.level for a in s.barometre.values() if a.participant == pid}
    for st in s.scenario.barometre:
        if (rnd, st.id) in mine:
            continue
        before = mine.get(("before", st.id))
        level = rng.randint(1, 5) if before is None else min(5, before + rng.choice((0, 1, 1)))
        action: Action = {"type": "barometre_place", "statement": st.id, "level": level}
        if not mine:  # the first answer says who the bot is in real life; later ones keep it
            action["real_role"] = _real_role(pid)
        return action
    return None


def _accueil(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    placed = _barometre(s, pid, rng, "before")
    if placed is not None and rng.random() < 0.5:
        return placed
    if pid not in s.expectations:
        text = voice.say(texts.EXPECTATIONS)
        return {"type": "write_expectation", "text": text} if text else placed
    return placed


def _projets(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    """Now and then a bot shares a project of its own (one at most; the first card comes
    quickly); otherwise it reacts to or comments on a card, the scenario's or another
    participant's (first those it has not reacted to)."""
    mine = [x for x in s.experiences.values() if x.author == pid]
    if not mine and rng.random() < (0.5 if not s.experiences else 0.12):
        # each bot its own card (by its place in the room: two bots acting at once never
        # share the same one), none once the pool is used up
        pool = texts.EXPERIENCES
        card = pool[list(s.participants).index(pid) % len(pool)] if pid in s.participants \
            else None
        if card is not None and card["title"] not in {x.title for x in s.experiences.values()}:
            return {"type": "experience_share", **card}
    # a colleague's card not reacted to yet draws the eye first
    unseen = [x.id for x in s.experiences.values()
              if x.author != pid and pid not in s.reactions.get(x.id, {})]
    cards = [p.id for p in s.scenario.inspiring_projects]
    cards += [x.id for x in s.experiences.values() if x.author != pid]
    if not cards:
        return None
    cid = rng.choice(unseen) if unseen and rng.random() < 0.6 else rng.choice(cards)
    if rng.random() < 0.5:
        return {"type": "react_project", "project": cid,
                "reaction": rng.choice(["inspire", "inspire", "question", "doute"])}
    text = voice.say(texts.COMMENTS)
    return {"type": "comment_project", "project": cid, "text": text} if text else None


def _etat(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    sc = s.scenario
    mine = [n for n in s.notes.values() if n.author == pid and not n.text.endswith("(précisé)")]
    if mine and rng.random() < 0.15:
        n = rng.choice(mine)
        return {"type": "edit_note", "note": n.id, "text": n.text + " (précisé)",
                "enjeux": n.enjeux}
    space = rng.choice(sc.play_spaces())
    kind = rng.choice(["force", "probleme", "idee"])
    enjeux = [e.id for e in rng.sample(sc.enjeux, k=min(len(sc.enjeux), rng.randint(1, 2)))]
    text = voice.say(texts.NOTES[kind])
    if text is None:
        return None
    return {"type": "add_note", "space": space.id, "kind": kind, "text": text, "enjeux": enjeux}


def _fitting(sc: Scenario, rng: random.Random, max_investment: float | None = None
             ) -> tuple[str, str] | None:
    """A (space, use) that fits, whose use costs at most `max_investment` when given."""
    pairs = [(sp.id, u.id) for sp in sc.play_spaces() for u in sc.uses if sc.use_fits(u, sp)
             and (max_investment is None or u.investment <= max_investment)]
    return rng.choice(pairs) if pairs else None


def _ressources(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    sc = s.scenario
    pair = _fitting(sc, rng)
    text = voice.say(texts.RESOURCES)
    if pair is None or text is None:
        return None
    use = sc.use(pair[1])
    metier = rng.choice(sc.metiers).id
    return {"type": "add_resource", "space": pair[0], "use": use.id, "metier": metier,
            "service": use.name[:120], "text": text}


def _cafe(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    table = s.cafe_table_of(pid)
    text = voice.say(texts.CAFE)
    if table is None or text is None:
        return None
    return {"type": "cafe_note", "table": table, "text": text}


def _ateliers(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    gid = s.group_of(pid)
    if gid is None:
        return None
    sc = s.scenario
    cost = {sp: sc.use(d.use).investment for sp, d in s.groups[gid].draft.items()}
    spent = sum(cost.values())
    # the group's draft stays within the investment budget (a placement replaces what was there)
    pairs = [(sp.id, u.id) for sp in sc.play_spaces() for u in sc.uses if sc.use_fits(u, sp)
             and spent - cost.get(sp.id, 0.0) + u.investment <= sc.budget.investment_total]
    if not pairs:
        return None
    space, use = rng.choice(pairs)
    return {"type": "draft_place", "space": space, "use": use, "why": voice.say(texts.WHY) or ""}


def _mise_en_commun(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    if not s.groups:
        return None
    g = s.spotlight or rng.choice(sorted(s.groups))
    stance = rng.choice(["pour", "contre", "question"])
    text = voice.say(texts.ARGUMENTS[stance])  # a text written for that stance
    if text is None:
        return None
    return {"type": "argue", "group": g, "stance": stance, "text": text}


def _investment(sc: Scenario, placements: dict[str, str]) -> float:
    return sum(sc.use(u).investment for u in placements.values())


def _deliberation(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    sc = s.scenario
    budget = sc.budget.investment_total
    for m in s.amendments.values():
        p = s.proposals[m.proposal]
        if m.status == AmendmentStatus.PENDING and p.author == pid and p.status == ProposalStatus.OPEN \
                and s.open_round(Subject.of_proposal(p.id)) is None:
            return {"type": "decide_amendment", "amendment": m.id, "accept": rng.random() < 0.7}
    open_props = [p for p in s.proposals.values() if p.status == ProposalStatus.OPEN]
    mine = [p for p in open_props if p.author == pid]
    others = [p for p in open_props if p.author != pid]
    if not mine and rng.random() < 0.5:
        title = voice.say(texts.TITLES)
        if title is None:
            return None
        placements: dict[str, str] = {}
        for _ in range(rng.randint(1, 3)):  # a proposal the budget can pay for
            pair = _fitting(sc, rng, budget - _investment(sc, placements))
            if pair and pair[0] not in placements:
                placements[pair[0]] = pair[1]
        group = s.group_of(pid)
        if group and not placements and _investment(sc, {
                sp: d.use for sp, d in s.groups[group].draft.items()}) > budget:
            group = None
        return {"type": "propose", "title": title, "text": voice.say(texts.WHY) or "",
                "placements": placements,
                **({"from_group": group} if group and not placements else {})}
    if others:
        p = rng.choice(others)
        text = voice.say(texts.AMENDMENTS)
        if text is None:
            return None
        left = budget - _investment(sc, p.placements)
        pair = _fitting(sc, rng, left) if rng.random() < 0.6 else None
        add = {pair[0]: pair[1]} if pair and pair[0] not in p.placements else {}
        return {"type": "amend", "proposal": p.id, "text": text, "add": add}
    return None


def _schema(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    sc = s.scenario
    adopted = s.adopted_placements()
    left = sc.budget.investment_total - bailleur_investment(sc, plan_from_state(s))
    todo = [(sp, u) for sp, uses in sorted(adopted.items()) for u in sorted(uses)
            if sp not in s.schema]
    # within the budget, each placement taking at most a share of what is left (bots place at
    # the same moment)
    share = left / max(1, min(len(todo), len(s.participants)))
    todo = [(sp, u) for sp, u in todo if sc.use(u).investment <= share]
    if todo:
        sp, u = rng.choice(todo)
        return {"type": "schema_place", "space": sp, "use": u, "year": rng.randint(1, 3)}
    return None


def _plan(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    sc = s.scenario
    if sc.rules and rng.random() < 0.3 and s.open_round(Subject.charter()) is None \
            and not s.charter_adopted:
        taken = {(e.rule, e.space) for e in s.charter.values()}
        free = [(r.id, sp.id) for r in sc.rules for sp in sc.play_spaces()
                if sp.kind in r.applies_to and (r.id, sp.id) not in taken]
        if free:
            rule, space = rng.choice(free)
            return {"type": "rule_add", "rule": rule, "space": space,
                    "note": voice.say(texts.RULE_NOTES, allow_empty=True) or ""}
    what = voice.say(texts.PLAN_ITEMS)
    if what is None:
        return None
    leads = list(ROLE_KINDS) + [m.id for m in sc.metiers]
    item: Action = {"type": "plan_add", "what": what, "lead": rng.choice(leads),
                    "quarter": rng.randint(1, 12),
                    "cost": float(rng.choice([0, 500, 1500, 4000, 12000])),
                    "payer": rng.choice(["bailleur", "charges"]),
                    "criteria": rng.choice(texts.CRITERIA)}
    placed = sorted(s.schema.items())
    if placed and rng.random() < 0.6:
        space, p = rng.choice(placed)
        item.update(space=space, use=p.use,
                    experiment=sc.use(p.use).experiment is not None and rng.random() < 0.5)
    if not _within_budget(s, pid, item):  # a cheaper action: no investment of its own
        item.update(cost=0.0, payer="charges", space=None, use=None, experiment=False)
    return item


def _within_budget(s: State, pid: str, item: Action) -> bool:
    """Whether the plan of action stays within the scenario's investment budget once the item
    is in: the plan the simulation plays (the schéma directeur and every group's items, which
    the final plan is chosen from), with the item added. An item takes at most an equal share
    of what is left, so that bots adding items at the same moment stay within it together."""
    new = PlanItem("new", pid, s.group_of(pid), item["what"], item["lead"], item["quarter"],
                   item["cost"], Payer(item["payer"]), item.get("space"), item.get("use"),
                   bool(item.get("experiment")), item["criteria"], 0.0)
    sc = s.scenario
    items = list(s.plan.values())
    before = bailleur_investment(sc, plan_from_state(s, items))
    after = bailleur_investment(sc, plan_from_state(s, [*items, new]))
    share = (sc.budget.investment_total - before) / max(1, len(s.participants))
    return after <= sc.budget.investment_total and after - before <= share


def _intervention(s: State, pid: str, rng: random.Random, voice: texts.Voice
                  ) -> Action | None:
    """A question now and then (one or two each); mostly upvotes of the others'."""
    others = [q for q in s.questions.values()
              if q.author != pid and pid not in q.voters and not q.answered]
    mine = sum(1 for q in s.questions.values() if q.author == pid)
    if others and (mine >= 2 or rng.random() < 0.7):
        return {"type": "question_upvote", "question": rng.choice(others).id}
    if rng.random() < 0.3:
        text = voice.say(texts.QUESTIONS)
        return {"type": "question_ask", "text": text} if text else None
    return None


def _personnages(s: State, pid: str, rng: random.Random, voice: texts.Voice
                 ) -> Action | None:
    return write_character(s, pid, rng)


def _synthese(s: State, pid: str, rng: random.Random, voice: texts.Voice) -> Action | None:
    placed = _barometre(s, pid, rng, "after")
    if placed is not None and (pid in s.evaluations or rng.random() < 0.5):
        return placed
    if pid in s.evaluations:
        return None
    return {"type": "evaluate", "answers": {q.id: rng.randint(3, 5) for q in s.scenario.evaluation},
            "comment": voice.say(texts.EVALUATIONS) or ""}


_BY_PHASE: dict[str, Callable[[State, str, random.Random, texts.Voice], Action | None]] = {
    "accueil": _accueil, "projets": _projets, "etat_des_lieux": _etat,
    "intervention": _intervention, "ressources": _ressources,
    "world_cafe": _cafe, "personnages": _personnages, "ateliers": _ateliers, "mise_en_commun": _mise_en_commun,
    "deliberation": _deliberation, "schema_directeur": _schema, "plan_action": _plan,
    "consensus_final": _plan, "synthese": _synthese,
}


# ----- running bots -----

async def run_bots(url: str, room: str, count: int, *, seconds: float | None = None,
                   pace: float = 1.0, seed: int = 0, stop: asyncio.Event | None = None,
                   names: list[str] | None = None) -> dict[str, Any]:
    """Connect `count` bot participants and play until `seconds` pass or `stop` is set.

    Returns counts: connected, sent, accepted, rejected (with codes), idle (no action possible).
    """
    stop = stop or asyncio.Event()
    report: dict[str, Any] = {"connected": 0, "reconnected": 0, "sent": 0, "accepted": 0,
                              "rejected": 0, "codes": Counter(), "errors": 0}
    tasks = [asyncio.create_task(_one_bot(url, room, i, pace, seed, stop, report, names))
             for i in range(count)]
    try:
        if seconds is not None:
            try:
                await asyncio.wait_for(stop.wait(), seconds)
            except TimeoutError:
                pass
            stop.set()
        await asyncio.gather(*tasks)
    finally:
        stop.set()
        for t in tasks:
            t.cancel()
    report["codes"] = dict(report["codes"])
    return report


# hello refusals after which coming back cannot help (a wrong room or token, a full room, a version)
FINAL_CLOSES = {protocol.CLOSE_BAD_HELLO, protocol.CLOSE_VERSION, protocol.CLOSE_BAD_CREDENTIALS,
                protocol.CLOSE_UNKNOWN_ROOM, protocol.CLOSE_FULL}
BACKOFF = (0.5, 5.0)  # seconds: first wait before coming back, longest wait


async def _one_bot(url: str, room: str, i: int, pace: float, seed: int, stop: asyncio.Event,
                   report: dict[str, Any], names: list[str] | None) -> None:
    """One bot: joins, plays, and like the client comes back to its seat (its token) after a
    cut or a server restart, waiting longer each time it fails, until `stop`."""
    rng = random.Random(f"{seed}:{i}")
    voice = texts.Voice(random.Random(f"{seed}:{i}:voice"))
    name = (names or texts.NAMES)[i % len(names or texts.NAMES)]
    if i >= len(names or texts.NAMES):
        name = f"{name} {i + 1}"
    token: str | None = None
    wait = BACKOFF[0]
    while not stop.is_set():
        player: Player | None = None
        try:
            hello: dict[str, Any] = {"as": "participant", "room": room}
            hello.update({"token": token} if token else {"name": name})
            player = Player(await Connection.open(url, hello))
            if token is None:
                token = player.conn.welcome.get("token")
                await _first_choice(player, i)
                report["connected"] += 1
            else:
                report["reconnected"] += 1
            wait = BACKOFF[0]
            await _play(player, rng, voice, pace, stop, report)
        except ConnectError as exc:
            if exc.code in FINAL_CLOSES:
                report["errors"] += 1
                log.info("bot %d stopped: %s", i, exc)
                return
            log.info("bot %d: server unreachable (%s), trying again", i, exc)
        except (TimeoutError, ConnectionClosed) as exc:
            log.info("bot %d: connection lost (%s), coming back", i, exc)
        finally:
            if player is not None:
                await player.close()
        if not stop.is_set():
            await _pause(stop, wait)
            wait = min(BACKOFF[1], wait * 2)


async def _first_choice(player: Player, i: int) -> None:
    personas = personas_by_role(player.mirror.scenario)
    free = set(choosable(player.state))
    wanted = personas[i % len(personas)]
    first = wanted if wanted in free else (sorted(free)[0] if free else None)
    if first:
        await player.act({"type": "choose_persona", "persona": first})


async def _play(player: Player, rng: random.Random, voice: texts.Voice, pace: float,
                stop: asyncio.Event, report: dict[str, Any]) -> None:
    """Play until `stop` or the connection ends (then the caller comes back)."""
    while not stop.is_set() and not player.closed:
        if pace > 0:
            await _pause(stop, rng.uniform(5, 15) * pace)
            if stop.is_set():
                break
        action = choose(player.state, player.pid, rng, voice)
        if action is None:
            await player.wait_change(1.0 if pace == 0 else 5.0 * pace)
            continue
        report["sent"] += 1
        reply = await player.act(action)
        if reply["t"] == protocol.ACK:
            report["accepted"] += 1
        elif reply["t"] == protocol.REJECT:
            report["rejected"] += 1
            report["codes"][reply["code"]] += 1
            if reply["code"] == "rate_limited":
                await player.wait_change(0.5)


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass
