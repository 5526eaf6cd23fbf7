"""A reference Îlot client written from PROTOCOL.md alone: websockets + msgpack, nothing else.

It joins a room (as a participant with a name, or rejoins with a seat token; or as a trainer
with the trainer code, or as a spectator), keeps its own copy of the room in plain dicts from
the welcome and the events, and rejoins with its token and `last_seq` after a cut. It imports
nothing from Îlot: what it cannot rebuild from the document is a gap in the document.

    python examples/reference_client.py ws://127.0.0.1:8765 HQ7M-4TXZ --name Awa
    python examples/reference_client.py ws://127.0.0.1:8765 HQ7M-4TXZ --trainer K2RT-WQAM-Z4E9
"""

from __future__ import annotations

import argparse
import asyncio
import zlib
from collections.abc import Callable
from typing import Any

import msgpack
import websockets

MAX_DOWN_FRAME = 16 * 1024 * 1024


def encode(msg: dict[str, Any]) -> bytes:
    return msgpack.packb(msg, use_bin_type=True)


def decode(frame: bytes) -> Any:
    return msgpack.unpackb(frame, raw=False)


def inflate(data: bytes) -> Any:
    """A `*_z` welcome field: zlib of the msgpack of the value."""
    return decode(zlib.decompress(data))


# ----- the state, from the events (PROTOCOL.md « Events ») -----

Handler = Callable[[dict[str, Any], dict[str, Any], dict[str, Any]], None]
HANDLERS: dict[str, Handler] = {}


def on(type_: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[type_] = fn
        return fn
    return register


def record(s: dict[str, Any], key: str, value: dict[str, Any]) -> None:
    s[key][value["id"]] = value


@on("session_opened")
def _session_opened(s, e, d):
    s["seed"] = d.get("seed") or 0
    s["created_at"] = s["phase_started_at"] = e["t"]


@on("participant_joined")
def _joined(s, e, d):
    s["participants"][d["participant"]] = {"id": d["participant"], "name": d["name"],
                                           "joined_at": e["t"], "persona": None, "role": None}


@on("participant_renamed")
def _renamed(s, e, d):
    s["participants"][e["by"]]["name"] = d["name"]


@on("persona_chosen")
def _persona(s, e, d):
    p = s["participants"][e["by"]]
    p["persona"], p["role"] = d["persona"], d["role"]


@on("expectation_written")
def _expectation(s, e, d):
    s["expectations"][e["by"]] = {"author": e["by"], "text": d["text"], "t": e["t"]}


@on("project_reacted")
def _reacted(s, e, d):
    per = s["reactions"].setdefault(d["project"], {})
    if d["reaction"] == "none":
        per.pop(e["by"], None)
    else:
        per[e["by"]] = d["reaction"]


@on("project_commented")
def _commented(s, e, d):
    record(s, "comments", {"id": d["comment"], "project": d["project"], "author": e["by"],
                           "text": d["text"], "t": e["t"]})


@on("note_added")
def _note_added(s, e, d):
    record(s, "notes", {"id": d["note"], "author": e["by"], "role": d["role"],
                        "space": d["space"], "kind": d["kind"], "text": d["text"],
                        "enjeux": d["enjeux"], "x": d["x"], "y": d["y"], "t": e["t"]})


@on("note_edited")
def _note_edited(s, e, d):
    s["notes"][d["note"]].update(text=d["text"], enjeux=d["enjeux"], kind=d["kind"])


@on("resource_added")
def _resource_added(s, e, d):
    record(s, "resources", {"id": d["resource"], "author": e["by"], "space": d["space"],
                            "service": d["service"], "metier": d["metier"], "use": d["use"],
                            "text": d["text"], "t": e["t"]})


@on("cafe_note_added")
def _cafe_note(s, e, d):
    record(s, "cafe_notes", {"id": d["note"], "table": d["table"], "author": e["by"],
                             "rotation": d["rotation"], "text": d["text"], "t": e["t"]})


@on("cafe_rotated")
def _rotated(s, e, d):
    s["cafe_rotation"] = d["rotation"]


@on("groups_formed")
def _groups(s, e, d):
    old = s["groups"] if d["keep_drafts"] else {}
    s["groups"] = {g["group"]: {"id": g["group"], "number": g["number"], "members": list(g["members"]),
                                "draft": old[g["group"]]["draft"] if g["group"] in old else {}}
                   for g in d["groups"]}
    if s["spotlight"] not in s["groups"]:
        s["spotlight"] = None


@on("member_moved")
def _moved(s, e, d):
    for g in s["groups"].values():
        if d["participant"] in g["members"]:
            g["members"].remove(d["participant"])
    s["groups"][d["group"]]["members"].append(d["participant"])


@on("draft_placed")
def _draft_placed(s, e, d):
    s["groups"][d["group"]]["draft"][d["space"]] = {"use": d["use"], "why": d["why"], "by": e["by"]}


@on("draft_cleared")
def _draft_cleared(s, e, d):
    del s["groups"][d["group"]]["draft"][d["space"]]


@on("spotlight_set")
def _spotlight(s, e, d):
    s["spotlight"] = d["group"]


@on("argument_added")
def _argument(s, e, d):
    record(s, "arguments", {"id": d["argument"], "group": d["group"], "author": e["by"],
                            "stance": d["stance"], "text": d["text"], "t": e["t"]})


def _proposal(e: dict[str, Any], d: dict[str, Any], group: str | None) -> dict[str, Any]:
    return {"id": d["proposal"], "author": e["by"], "title": d["title"], "text": d["text"],
            "placements": dict(d["placements"]), "parents": list(d["parents"]), "group": group,
            "status": "open", "t": e["t"], "amendments": []}


@on("proposal_made")
def _proposal_made(s, e, d):
    record(s, "proposals", _proposal(e, d, d["group"]))


@on("proposal_withdrawn")
def _withdrawn(s, e, d):
    s["proposals"][d["proposal"]]["status"] = "withdrawn"


@on("proposals_merged")
def _merged(s, e, d):
    for pid in d["parents"]:
        s["proposals"][pid]["status"] = "merged"
    record(s, "proposals", _proposal(e, d, None))


@on("amendment_made")
def _amended(s, e, d):
    record(s, "amendments", {"id": d["amendment"], "proposal": d["proposal"], "author": e["by"],
                             "text": d["text"], "add": dict(d["add"]), "remove": list(d["remove"]),
                             "status": "pending", "t": e["t"]})
    s["proposals"][d["proposal"]]["amendments"].append(d["amendment"])


@on("amendment_decided")
def _amendment_decided(s, e, d):
    m = s["amendments"][d["amendment"]]
    m["status"] = "accepted" if d["accepted"] else "rejected"
    if d["accepted"]:
        placements = s["proposals"][m["proposal"]]["placements"]
        for space in m["remove"]:
            placements.pop(space, None)
        placements.update(m["add"])


@on("round_opened")
def _round_opened(s, e, d):
    record(s, "rounds", {"id": d["round"], "subject": d["subject"], "number": d["number"],
                         "opened_at": e["t"], "positions": {}, "closed_at": None, "counts": {},
                         "adopted": None})


@on("position_taken")
def _position(s, e, d):
    s["rounds"][d["round"]]["positions"][e["by"]] = {
        "option": d.get("option", ""), "reason": d.get("reason", ""), "t": e["t"]}


@on("round_closed")
def _round_closed(s, e, d):
    r = s["rounds"][d["round"]]
    before = r["positions"]
    r.update(closed_at=e["t"], counts=dict(d["counts"]), adopted=d["adopted"])
    r["positions"] = {pid: {"option": p["option"], "reason": p["reason"],
                            "t": before[pid]["t"] if pid in before else e["t"]}
                      for pid, p in d["positions"].items()}
    if not d["adopted"]:
        return
    if d["subject"].startswith("proposal:"):
        s["proposals"][d["subject"][len("proposal:"):]]["status"] = "adopted"
    elif d["subject"] == "charter":
        s["charter_adopted"] = True
    elif d["subject"] == "final_plan":
        s["final_adopted"] = True


@on("schema_placed")
def _schema_placed(s, e, d):
    s["schema"][d["space"]] = {"use": d["use"], "year": d["year"], "by": e["by"]}


PLAN_FIELDS = ("what", "lead", "quarter", "cost", "payer", "space", "use", "experiment",
               "criteria", "hours")


@on("plan_item_added")
def _item_added(s, e, d):
    record(s, "plan", {"id": d["item"], "author": e["by"], "group": d["group"],
                       **{k: d[k] for k in PLAN_FIELDS[:-1]}, "t": e["t"], "final": False})
    _set_hours(s["plan"][d["item"]], d["hours"])


def _set_hours(item: dict[str, Any], hours: float) -> None:
    """`hours` goes last, and only when not 0."""
    item.pop("hours", None)
    if hours:
        item["hours"] = hours


@on("plan_item_edited")
def _item_edited(s, e, d):
    item = s["plan"][d["item"]]
    item.update({k: d[k] for k in PLAN_FIELDS[:-1]})
    _set_hours(item, d["hours"])
    if item["final"]:
        s["final_adopted"] = False


@on("plan_item_removed")
def _item_removed(s, e, d):
    if s["plan"].pop(d["item"])["final"]:
        s["final_adopted"] = False


@on("plan_items_finalised")
def _finalised(s, e, d):
    for item in s["plan"].values():
        item["final"] = item["id"] in d["items"]
    s["final_adopted"] = False


@on("rule_added")
def _rule_added(s, e, d):
    record(s, "charter", {"id": d["entry"], "rule": d["rule"], "space": d["space"],
                          "note": d["note"], "author": e["by"]})
    s["charter_adopted"] = False


@on("rule_removed")
def _rule_removed(s, e, d):
    del s["charter"][d["entry"]]
    s["charter_adopted"] = False


@on("evaluation_submitted")
def _evaluated(s, e, d):
    if "answers" in d:
        s["evaluations"][e["by"]] = {"answers": d["answers"], "comment": d.get("comment") or "",
                                     "t": e["t"]}


@on("phase_changed")
def _phase(s, e, d):
    s.update(phase=d["phase"], phase_started_at=e["t"], timer_ends_at=d["timer_ends_at"],
             timer_paused_left=None)


@on("timer_set")
def _timer(s, e, d):
    s.update(timer_ends_at=d["ends_at"], timer_paused_left=d["paused_left"])


@on("lock_set")
def _lock(s, e, d):
    s["locked"] = d["locked"]


def _leave_queue(s: dict[str, Any], pid: str) -> None:
    s["floor_queue"] = [r for r in s["floor_queue"] if r["participant"] != pid]


@on("floor_asked")
def _floor_asked(s, e, d):
    s["floor_queue"].append({"participant": d["participant"], "t": e["t"]})


@on("floor_withdrawn")
def _floor_withdrawn(s, e, d):
    _leave_queue(s, d["participant"])


@on("floor_given")
def _floor_given(s, e, d):
    _leave_queue(s, d["participant"])
    s["speaker"], s["speaker_since"] = d["participant"], e["t"]


@on("turn_ended")
def _turn_ended(s, e, d):
    if s["speaker"] == d["participant"]:
        s["speaker"] = s["speaker_since"] = None


@on("floor_cleared")
def _floor_cleared(s, e, d):
    s["floor_queue"] = [r for r in s["floor_queue"] if r["participant"] not in d["participants"]]


@on("session_closed")
def _closed(s, e, d):
    s["closed_at"] = e["t"]


@on("session_reopened")
def _reopened(s, e, d):
    s["closed_at"] = None


@on("invitation_shown")
def _invitation(s, e, d):
    s["invitation"] = d["shown"]


@on("playback_set")
def _playback(s, e, d):
    s["playback"] = {"quarter": d["quarter"], "playing": d["playing"], "since": d["since"]}


@on("barometre_placed")
def _barometre(s, e, d):
    tally = s["barometre_tally"]
    if "previous" in d and "previous_role" in d:
        old = f"{d['round']}/{d['statement']}/{d['previous_role']}/{d['previous']}"
        tally[old] = tally.get(old, 0) - 1
        if tally[old] <= 0:
            del tally[old]
    new = f"{d['round']}/{d['statement']}/{d['real_role']}/{d['level']}"
    tally[new] = tally.get(new, 0) + 1
    if e["by"]:
        s["barometre"][f"{d['round']}/{e['by']}/{d['statement']}"] = {
            "participant": e["by"], "statement": d["statement"], "round": d["round"],
            "level": d["level"], "real_role": d["real_role"], "t": e["t"]}


@on("question_asked")
def _question(s, e, d):
    record(s, "questions", {"id": d["question"], "author": e["by"], "text": d["text"],
                            "t": e["t"], "voters": [], "answered": False})


@on("question_upvoted")
def _upvoted(s, e, d):
    voters = s["questions"][d["question"]]["voters"]
    if d["up"]:
        voters.append(e["by"])
    else:
        voters.remove(e["by"])


@on("question_answered")
def _answered(s, e, d):
    s["questions"][d["question"]]["answered"] = True


@on("whoami_set")
def _whoami(s, e, d):
    s["whoami"][e["by"]] = {"participant": e["by"], "real_role": d["real_role"],
                            "organisation": d["organisation"], "sentence": d["sentence"],
                            "t": e["t"]}


@on("experience_shared")
def _experience(s, e, d):
    old = s["experiences"].get(d["experience"])
    s["experiences"][d["experience"]] = {
        "id": d["experience"], "author": e["by"],
        **{k: d[k] for k in ("title", "where", "carried_by", "worked", "did_not")},
        "figures": list(d["figures"]), "t": old["t"] if old else e["t"],
        "pinned": old["pinned"] if old else False}


@on("experience_pinned")
def _pinned(s, e, d):
    s["experiences"][d["experience"]]["pinned"] = d["pinned"]


@on("experience_removed")
def _experience_removed(s, e, d):
    xid = d["experience"]
    del s["experiences"][xid]
    s["reactions"].pop(xid, None)
    s["comments"] = {k: c for k, c in s["comments"].items() if c["project"] != xid}


@on("space_card_line_set")
def _line_set(s, e, d):
    s["space_cards"][d["line"]] = {"id": d["line"], "space": d["space"], "text": d["text"],
                                   "notes": list(d["notes"]), "t": e["t"]}


CHARACTER_FIELDS = ("authors", "name", "role", "age", "situation", "bio", "needs", "objectives",
                    "objectives_count", "portrait")


@on("character_written")
def _character_written(s, e, d):
    ch = s["characters"].get(d["character"])
    if ch is None:
        ch = s["characters"][d["character"]] = {
            "id": d["character"], "authors": [], "name": "", "role": "", "age": "",
            "situation": "", "bio": "", "needs": "", "objectives": [], "portrait": "",
            "status": "draft", "comment": "", "merged_into": None, "t": e["t"],
            "approved_at": None, "objectives_count": 0}
    elif ch["status"] == "sent_back":
        ch["status"] = "draft"
    ch.update({k: d[k] for k in CHARACTER_FIELDS})


@on("character_edited")
def _character_edited(s, e, d):
    s["characters"][d["character"]].update({k: d[k] for k in CHARACTER_FIELDS})
    for p in s["participants"].values():
        if p["persona"] == d["character"]:
            p["role"] = d["role"]


@on("character_reviewed")
def _character_reviewed(s, e, d):
    ch = s["characters"][d["character"]]
    ch.update(status=d["status"], comment=d["comment"],
              approved_at=e["t"] if d["status"] == "approved" else None)


@on("character_merged")
def _character_merged(s, e, d):
    s["characters"][d["into"]].update(authors=list(d["authors"]), objectives=d["objectives"],
                                      objectives_count=d["objectives_count"])
    for cid in d["characters"]:
        s["characters"][cid].update(status="merged", merged_into=d["into"])
    for ch in s["characters"].values():
        if ch["merged_into"] in d["characters"]:
            ch["merged_into"] = d["into"]


@on("character_removed")
def _character_removed(s, e, d):
    cid = d["character"]
    s["characters"] = {k: ch for k, ch in s["characters"].items()
                       if k != cid and ch["merged_into"] != cid}


@on("persona_pool_set")
def _pool(s, e, d):
    s["persona_pool_scenario"] = d["scenario"]


@on("personas_reopened")
def _personas_reopened(s, e, d):
    s["persona_choices_opened"].append(d["phase"])
    for pid in d["participants"]:
        p = s["participants"][pid]
        if p["persona"] is not None:
            p.setdefault("past_personas", []).append(p["persona"])
        p["persona"] = p["role"] = None


@on("cafe_note_removed")
def _cafe_note_removed(s, e, d):
    del s["cafe_notes"][d["note"]]
    for line in s["space_cards"].values():
        line["notes"] = [n for n in line["notes"] if n != d["note"]]


def _remover(map_name: str, key: str) -> Handler:
    def remove(s: dict[str, Any], e: dict[str, Any], d: dict[str, Any]) -> None:
        del s[map_name][d[key]]
    return remove


for _type, _map, _key in (("note_removed", "notes", "note"),
                          ("resource_removed", "resources", "resource"),
                          ("schema_removed", "schema", "space"),
                          ("question_removed", "questions", "question"),
                          ("whoami_cleared", "whoami", "participant"),
                          ("space_card_line_removed", "space_cards", "line"),
                          ("comment_removed", "comments", "comment")):
    HANDLERS[_type] = _remover(_map, _key)


def apply_event(state: dict[str, Any], event: dict[str, Any]) -> bool:
    """Apply one event map; False (nothing done) when already applied or after a gap."""
    if event["seq"] != state["seq"] + 1:
        return False
    HANDLERS[event["type"]](state, event, event["data"])
    state["seq"] = event["seq"]
    return True


# ----- the connection -----

class Client:
    """One connection's view of a room: `scenario`, `state` (with `me`), `token`, `seq`."""

    def __init__(self, url: str, room: str, *, name: str | None = None,
                 persona: str | None = None, trainer_code: str | None = None,
                 spectator: bool = False, lang: str = "fr"):
        self.url, self.room, self.lang = url, room, lang
        self.name, self.persona, self.trainer_code = name, persona, trainer_code
        self.spectator = spectator
        self.token: str | None = None
        self.you: dict[str, Any] = {}
        self.scenario: dict[str, Any] | None = None
        self.state: dict[str, Any] | None = None
        self.stale = False  # a gap was seen: rejoin to catch up
        self.ws: Any = None
        self.seen_types: set[str] = set()
        self._next = 0

    @property
    def seq(self) -> int:
        return self.state["seq"] if self.state is not None else 0

    def hello(self) -> dict[str, Any]:
        msg: dict[str, Any] = {"t": "hello", "v": 1, "room": self.room, "lang": self.lang,
                               "compress": ["zlib"]}
        if self.trainer_code is not None:
            msg.update({"as": "trainer", "code": self.trainer_code})
        elif self.spectator:
            msg["as"] = "spectator"
        else:
            msg["as"] = "participant"
            if self.token is not None:
                msg["token"] = self.token
            else:
                msg["name"] = self.name or "Invité"
                if self.persona:
                    msg["persona"] = self.persona
        if self.state is not None and not self.stale:
            msg["last_seq"] = self.seq
        return msg

    async def connect(self, redirects: int = 3) -> dict[str, Any]:
        """Open the connection (a join, or a rejoin once it has a token or a state) and apply
        the welcome. Raises ConnectionError with the server's `error` when refused. A `moved`
        (the room is held by another server of the group) is followed to its `url`."""
        url = f"{self.url.rstrip('/')}/?room={self.room}"  # a proxy may route on it
        self.ws = await websockets.connect(url, max_size=MAX_DOWN_FRAME, compression=None)
        await self.ws.send(encode(self.hello()))
        msg = decode(await self.ws.recv())
        if msg["t"] == "error":
            await self.ws.close()
            if msg["code"] == "moved" and msg.get("url") and redirects > 0:
                self.url = msg["url"]
                return await self.connect(redirects - 1)
            raise ConnectionError(f"{msg['code']}: {msg['message']}")
        self.handle(msg)
        return msg

    def handle(self, msg: dict[str, Any]) -> None:
        """Apply one server message to this view."""
        t = msg["t"]
        if t == "welcome":
            self.you = msg["you"]
            self.token = msg.get("token", self.token)
            for zkey, key in (("scenario_z", "scenario"), ("state_z", "state")):
                if zkey in msg:
                    msg = {**msg, key: inflate(msg[zkey])}
            if "scenario" in msg:
                self.scenario = msg["scenario"]
            if "state" in msg:
                self.state, self.stale = msg["state"], False
            else:
                self.apply(msg.get("events", []))
        elif t == "events":
            self.apply(msg["events"])
        elif t == "me" and self.state is not None:
            self.state["me"] = msg["me"]

    def apply(self, events: list[dict[str, Any]]) -> None:
        for e in events:
            if self.stale or self.state is None or e["seq"] <= self.seq:
                continue
            if not apply_event(self.state, e):
                self.stale = True  # a gap: rejoin (`last_seq` left out: a snapshot)
                return
            self.seen_types.add(e["type"])

    async def recv(self, timeout: float | None = None) -> dict[str, Any]:
        msg = decode(await asyncio.wait_for(self.ws.recv(), timeout))
        self.handle(msg)
        return msg

    async def act(self, action: dict[str, Any]) -> str:
        self._next += 1
        aid = action.get("id") or f"ref-{self._next}"
        await self.ws.send(encode({"t": "act", "a": {**action, "id": aid}}))
        return aid

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def _main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("url")
    ap.add_argument("room")
    ap.add_argument("--name")
    ap.add_argument("--persona")
    ap.add_argument("--trainer", metavar="CODE")
    ap.add_argument("--spectator", action="store_true")
    args = ap.parse_args()
    client = Client(args.url, args.room, name=args.name, persona=args.persona,
                    trainer_code=args.trainer, spectator=args.spectator)
    while True:
        try:
            await client.connect()
            print(f"welcome: {client.you}, seq {client.seq}")
            while True:
                msg = await client.recv()
                if msg["t"] == "events":
                    for e in msg["events"]:
                        print(f"#{e['seq']} {e['type']} by {e['by'] or '-'} {e['data']}")
                elif msg["t"] != "presence":
                    print(msg)
        except (websockets.ConnectionClosed, OSError) as exc:
            print(f"cut ({exc}); rejoining in 2 s with last_seq {client.seq}")
            await asyncio.sleep(2)


if __name__ == "__main__":
    asyncio.run(_main())
