"""Created characters through a real server (a process, killed with SIGKILL and restarted):
their private objectives never reach another participant's wire; a new choice of characters
pushes `me` to everyone; its player gets the objectives in `me`; the restart keeps it all."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess

import pytest

from ilot.game.core import load_scenario
from ilot.game.core.state import state_from_dict
from ilot.game.net import protocol
from ilot.game.net.client import Connection

from .conftest import RICH, act, opened, synced
from .test_crash import start_server

MARK = "Objectif-témoin-7f3a9c : un jardin au pied du A"


@pytest.fixture(scope="module")
def rich():
    return load_scenario(RICH)


def phase(rich, kind: str) -> int:
    return next(i for i, p in enumerate(rich.phases) if p.kind == kind)


class Wire:
    """Every frame a connection receives, raw, read until an event or message is seen."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.raw: list[bytes] = []
        self.msgs: list[dict] = []

    async def until(self, pred, timeout: float = 5.0) -> dict:
        while True:
            frame = await asyncio.wait_for(self.conn.ws.recv(), timeout)
            assert isinstance(frame, bytes)
            self.raw.append(frame)
            msg = protocol.decode(frame, protocol.MAX_DOWN_FRAME)
            self.msgs.append(msg)
            if msg["t"] == protocol.EVENTS and self.conn.mirror is not None:
                self.conn.mirror.apply(msg["events"])
            if pred(msg):
                return msg

    async def seq(self, seq: int) -> None:
        await self.until(lambda m: m["t"] == protocol.EVENTS
                         and any(e["seq"] >= seq for e in m["events"]))

    def saw(self, text: str) -> bool:
        return any(text.encode() in f for f in self.raw) \
            or any(text in json.dumps(m, ensure_ascii=False, default=str) for m in self.msgs)


async def test_objectives_stay_private_on_the_wire_and_survive_a_kill(tmp_path, rich):
    data = tmp_path / "data"
    proc, info = await start_server(data, "--scenario", str(RICH))
    conns: list[Connection] = []
    try:
        url, room, code = info["url"], info["room"], info["code"]

        async def seat(name: str, persona: str) -> Connection:
            c = await opened(url, {"as": "participant", "room": room, "name": name,
                                   "persona": persona})
            conns.append(c)
            return c
        t = await opened(url, {"as": "trainer", "room": room, "code": code})
        conns.append(t)
        a, b, c = await seat("Awa", "fatima"), await seat("Bruno", "marc"), \
            await seat("Chloé", "claire")
        await act(t, {"type": "set_phase", "phase": phase(rich, "personnages")})
        wire_b, wire_c = Wire(b), Wire(c)
        reply = await act(a, {"type": "character_write", "name": "Mme Diallo", "role": "resident",
                              "age": "72 ans", "portrait": "p07",
                              "objectives": [{"text": MARK, "kind": "judged"}]})
        assert reply["t"] == protocol.ACK, reply
        # the author's mirror has the objective; another participant's wire never does
        (cid,) = a.mirror.state.characters
        assert [o.text for o in a.mirror.state.characters[cid].objectives] == [MARK]
        await wire_b.seq(reply["seq"])
        got = b.mirror.state.characters[cid]
        assert (got.name, got.objectives, got.objectives_count) == ("Mme Diallo", [], 1)
        assert not wire_b.saw(MARK)
        # approved, then the next day's first phase opens a new choice: `me` to everyone
        assert (await act(t, {"type": "character_review", "character": cid,
                              "decision": "approve"}))["t"] == protocol.ACK
        reply = await act(t, {"type": "set_phase", "phase": phase(rich, "ateliers")})
        assert reply["t"] == protocol.ACK
        for w in (wire_b, wire_c):
            me = await w.until(lambda m: m["t"] == protocol.ME)
            assert me["me"]["persona"] is None and me["me"]["private_objectives"] == []
        assert [e["type"] for m in wire_c.msgs if m["t"] == protocol.EVENTS
                for e in m["events"]][-2:] == ["phase_changed", "personas_reopened"]
        # the third participant chooses the character: its objectives in their `me` only
        await c.act({"type": "choose_persona", "id": "x1", "persona": cid})
        me = await wire_c.until(lambda m: m["t"] == protocol.ME)
        assert me["me"]["persona"] == cid
        assert [o["text"] for o in me["me"]["private_objectives"]] == [MARK]
        chosen = await wire_b.until(lambda m: m["t"] == protocol.EVENTS and any(
            e["type"] == "persona_chosen" for e in m["events"]))
        seq = max(e["seq"] for e in chosen["events"])
        assert not wire_b.saw(MARK)
        pid = c.welcome["you"]["id"]
        assert b.mirror.state.participants[pid].persona == cid
        # a rejoin of another participant: the state without the objective
        back = await Connection.open(url, {"as": "participant", "room": room,
                                           "token": b.welcome["token"]})
        conns.append(back)
        assert MARK not in json.dumps(back.welcome, ensure_ascii=False, default=str)
        await synced(t, seq)
        characters = t.mirror.state.characters
    finally:
        proc.kill()  # SIGKILL: no shutdown of any kind
        proc.wait(10)
        for x in conns:
            await x.close()

    proc, info = await start_server(data)
    try:
        url = info["url"]
        t = await Connection.open(url, {"as": "trainer", "room": room, "code": code})
        again = state_from_dict(rich, t.welcome["state"])
        assert again.seq == seq and again.characters == characters
        assert again.participants[pid].persona == cid
        assert again.participants[pid].past_personas == ["claire"]
        assert again.persona_choices_opened == ["ateliers"]
        player = await Connection.open(url, {"as": "participant", "room": room,
                                             "token": c.welcome["token"]})
        assert [o["text"] for o in player.welcome["state"]["me"]["private_objectives"]] == [MARK]
        other = await Connection.open(url, {"as": "participant", "room": room,
                                            "token": b.welcome["token"]})
        assert MARK not in json.dumps(other.welcome, ensure_ascii=False, default=str)
        for x in (t, player, other):
            await x.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
