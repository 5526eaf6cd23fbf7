"""The JSON Schemas of docs/protocol/ and PROTOCOL.md's « Events » are generated from the code and
current, every event type is documented with its effect, and real frames of a real session (both
directions) have the documented shapes."""

from __future__ import annotations

import dataclasses
import gzip
import json
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from ilot.game.core import load_scenario
from ilot.game.core.events import CURRENT_VERSIONS, PAYLOADS
from ilot.game.core.rules.registry import Actor
from ilot.game.core.state import (
    LATER_FIELDS,
    Amendment,
    Character,
    Experience,
    Group,
    Note,
    Participant,
    PlanItem,
    Proposal,
    Question,
    Round,
    new_state,
)
from ilot.game.core.views import view_for
from ilot.game.net import protocol, protocol_doc, server_messages
from ilot.game.net.client import Connection

from .conftest import RICH, ROOT, until
from .protocol_session import session

CLIENT = TypeAdapter(protocol_doc._client_union())
LATER = {n for d in LATER_FIELDS.values() for n in d}  # record keys written only when not default


def test_generated_files_are_current():
    """Run `python -m ilot.game.net.protocol_doc` when this fails."""
    assert protocol_doc.stale(ROOT) == []


def test_every_event_type_is_documented_with_its_effect():
    doc = (ROOT / "PROTOCOL.md").read_text(encoding="utf-8")
    section = doc[doc.index(protocol_doc.BEGIN):doc.index(protocol_doc.END)]
    assert {cls.TYPE for cls in PAYLOADS} == set(CURRENT_VERSIONS)
    for cls in PAYLOADS:
        assert f"#### `{cls.TYPE}`" in section, cls.TYPE
        assert len(protocol_doc._doc(cls)) > 15, f"{cls.__name__} has no docstring"
        fields = list(server_messages.DATA_MODELS[cls.TYPE].model_fields)
        assert fields == [f.name for f in dataclasses.fields(cls)], cls.TYPE
    assert "game/core/rules" not in doc  # the document is enough: no « read the evolvers »


def test_the_schemas_refuse_what_the_server_never_sends():
    good = {"t": "ack", "id": "a1", "seq": 3}
    server_messages.ServerMessage.validate_python(good)
    for bad in ({**good, "seq": "3"}, {**good, "extra": 1}, {"t": "nope"},
                {"t": "events", "events": [{"seq": 1, "t": 0.0, "by": "", "type": "lock_set",
                                            "v": 1, "aid": "", "data": {"locked": "yes"}}]}):
        with pytest.raises(ValidationError):
            server_messages.ServerMessage.validate_python(bad)
    with pytest.raises(ValidationError):  # `join` is not an action a client sends
        CLIENT.validate_python({"t": "act", "a": {"id": "x", "type": "join", "name": "A"}})
    with pytest.raises(ValidationError):
        CLIENT.validate_python({"t": "hello", "v": "1", "as": "trainer"})


def check(frames: list[dict[str, Any]], adapter: TypeAdapter) -> set[str]:
    """Validate every frame; return the message types seen."""
    for msg in frames:
        try:
            adapter.validate_python(msg)
        except ValidationError as exc:
            raise AssertionError(f"{str(msg)[:300]}\n{exc}") from None
    return {m["t"] for m in frames}




async def test_real_frames_have_the_documented_shapes(rich_server):
    srv = rich_server
    ref, ref_t, conns = await session(srv, srv.scenario)
    ref_s = conns.pop("spectator")
    received = ref.received + ref_t.received + ref_s.received
    # the rest of the messages: an organiser, an error, a pong, a reject
    org = await Connection.open(srv.url, {"as": "organiser", "key": srv.organiser_key})
    sent = [{"t": "create_room", "scenario": {"id": "x"}}, {"t": "ping", "n": 4}, {"t": "ping"},
            {"t": "create_room", "scenario_gz": gzip.compress(RICH.read_bytes())}]
    for msg in sent:
        await org.send(msg)
    received += [org.wire_welcome] + [await org.recv(5) for _ in sent]
    a = conns["a"]
    bad = [{"t": "act", "a": {"id": "z1", "type": "add_note"}}, {"t": "act", "a": "nope"},
           {"t": "what"}]
    for msg in [*bad, {"t": "act", "a": {"id": "z2", "type": "rename", "name": "Awa"}}]:
        await a.send(msg)
    await until(a, lambda m: m.get("id") == "z2")
    for conn in conns.values():
        received += [conn.wire_welcome, *conn.inbox]
    late = await Connection.open(srv.url, {"as": "trainer", "room": srv.room,
                                           "code": srv.trainer_code}, compress=False)
    received.append(late.wire_welcome)  # a snapshot of the whole session, every map filled
    assert all(late.welcome["state"][k] for k in ("proposals", "amendments", "rounds", "groups",
                                                  "characters", "plan", "evaluations"))
    await late.close()
    # a compressed field holds the same value as the plain one would: check it inflated too
    received += [protocol.inflate_welcome(m) for m in received
                 if m["t"] == "welcome" and ("state_z" in m or "scenario_z" in m)]
    assert sum(1 for m in received if "state" in m) >= 5  # snapshots of every kind of viewer
    types = check(received, server_messages.ServerMessage)
    assert types == set(server_messages.SERVER_MESSAGES), types
    sent += ref.sent + ref_t.sent + ref_s.sent
    assert {m["t"] for m in sent} == {"hello", "act", "create_room", "ping"}
    check(sent, CLIENT)
    for msg in bad:
        with pytest.raises(ValidationError):
            CLIENT.validate_python(msg)
    assert any("state_z" in m or "scenario_z" in m for m in received)
    assert any(m["t"] == "welcome" and "events" in m for m in received)
    await org.close()
    for r in (ref, ref_t, ref_s):
        await r.c.close()
    for conn in conns.values():
        await conn.close()
    assert protocol.PROTOCOL_VERSION == 1


def test_the_state_example_has_the_keys_of_a_real_view():
    """« The state »'s example is a real view's shape: every key, in order, and every record's
    keys as the state writes them (a participant's `past_personas` and a plan item's `hours`
    shown, as when not at their default)."""
    doc = (ROOT / "PROTOCOL.md").read_text(encoding="utf-8")
    start = doc.index("```json", doc.index("## The state")) + len("```json")
    example = json.loads(doc[start:doc.index("```", start)])
    state = new_state(load_scenario(RICH))
    view = view_for(state, Actor.trainer())
    assert list(example) == list(view)
    records = {"participants": Participant, "notes": Note, "plan": PlanItem, "proposals": Proposal,
               "amendments": Amendment, "rounds": Round, "groups": Group,
               "characters": Character, "questions": Question, "experiences": Experience}
    for key, cls in records.items():
        for rec in example[key].values():
            names = [f.name for f in dataclasses.fields(cls)]
            assert list(rec) == [n for n in names if n in rec or n not in LATER], key
    assert "past_personas" in example["participants"]["p2"] and "hours" in example["plan"]["i90"]
