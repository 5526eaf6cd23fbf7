"""Names on a real server: nothing invisible or bidirectional, one per person, `join` only by hello."""

from __future__ import annotations

import pytest

from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection

from .conftest import act, join, until


def _name(conn: Connection, pid: str) -> str:
    return next(p["name"] for p in conn.welcome["state"]["participants"] if p["id"] == pid) \
        if isinstance(conn.welcome["state"]["participants"], list) \
        else conn.welcome["state"]["participants"][pid]["name"]


async def test_names_are_cleaned_and_unique(server):
    a = await join(server, "Awa")
    b = await join(server, "a\u200bwa\u202e")  # zero-width space, right-to-left override
    me = b.welcome["you"]["id"]
    assert _name(b, me) == "awa (2)"  # what the participant sees as their own name
    joined = await until(a, lambda m: m["t"] == protocol.EVENTS and any(
        e["type"] == "participant_joined" and e["data"]["participant"] == me for e in m["events"]))
    assert [e["data"]["name"] for e in joined["events"] if e["type"] == "participant_joined"] \
        == ["awa (2)"]
    # renaming to another's name gets the suffix too
    assert (await act(a, {"type": "rename", "name": "AWA (2)"}))["t"] == protocol.ACK
    renamed = await until(b, lambda m: m["t"] == protocol.EVENTS and any(
        e["type"] == "participant_renamed" for e in m["events"]))
    assert [e["data"]["name"] for e in renamed["events"]] == ["AWA (2) (2)"]
    # a name of invisible characters only is no name
    with pytest.raises(ConnectError) as info:
        await Connection.open(server.url, {"as": "participant", "room": server.room,
                                           "name": "\u200b\u2066\u0000"}, timeout=5)
    assert info.value.code == protocol.CLOSE_BAD_HELLO
    await a.close()
    await b.close()


async def test_join_is_not_an_action_a_client_can_send(server):
    a = await join(server, "Awa")
    r = await act(a, {"type": "join", "name": "Intrus"})
    assert r["t"] == protocol.REJECT and r["code"] == "unknown_action"
    await a.close()
