"""Typed event payloads: their wire form (keys, order, plain values) is the one logs were written
in before payloads were typed, and reading it back gives the same event."""

from __future__ import annotations

import json
from dataclasses import fields

import msgpack
import pytest
from helpers import TRAINER

from ilot.game.core import Actor, Event, event_for
from ilot.game.core.events import (
    CURRENT_VERSIONS,
    PAYLOAD_TYPES,
    EvaluationSubmitted,
    NoteAdded,
    PositionTaken,
    RoundOpened,
    SessionOpened,
    UnknownEvent,
    decode_payload,
)
from ilot.game.core.kinds import NoteKind, RoleKind, Subject
from ilot.game.debrief.scripted import play

from .script import play_short_session

# The keys of each event's data, in the order the rules wrote them before payloads were typed
# (msgpack and JSON keep that order: it is part of the bytes on the wire and on disk).
KEY_ORDER = {
    "session_opened": ("scenario", "seed"),
    "participant_joined": ("participant", "name"),
    "participant_renamed": ("name",),
    "persona_chosen": ("persona", "role"),
    "expectation_written": ("text",),
    "project_reacted": ("project", "reaction"),
    "project_commented": ("comment", "project", "text"),
    "note_added": ("note", "space", "kind", "text", "enjeux", "x", "y", "role"),
    "note_edited": ("note", "text", "enjeux", "kind"),
    "note_removed": ("note",),
    "resource_added": ("resource", "space", "service", "use", "metier", "text"),
    "resource_removed": ("resource",),
    "cafe_note_added": ("note", "table", "rotation", "text"),
    "cafe_rotated": ("rotation",),
    "groups_formed": ("groups", "keep_drafts"),
    "member_moved": ("participant", "group"),
    "draft_placed": ("group", "space", "use", "why"),
    "draft_cleared": ("group", "space"),
    "spotlight_set": ("group",),
    "argument_added": ("argument", "group", "stance", "text"),
    "proposal_made": ("proposal", "title", "text", "placements", "parents", "group"),
    "proposal_withdrawn": ("proposal",),
    "proposals_merged": ("proposal", "title", "text", "placements", "parents"),
    "amendment_made": ("amendment", "proposal", "text", "add", "remove"),
    "amendment_decided": ("amendment", "accepted"),
    "round_opened": ("round", "subject", "number"),
    "position_taken": ("round", "option", "reason"),
    "round_closed": ("round", "subject", "counts", "adopted", "positions"),
    "schema_placed": ("space", "use", "year"),
    "schema_removed": ("space",),
    "plan_item_added": ("item", "group", "what", "lead", "quarter", "cost", "payer", "space",
                        "use", "experiment", "criteria", "hours"),
    "plan_item_edited": ("item", "what", "lead", "quarter", "cost", "payer", "space", "use",
                         "experiment", "criteria", "hours"),
    "plan_item_removed": ("item",),
    "plan_items_finalised": ("items",),
    "rule_added": ("entry", "rule", "space", "note"),
    "rule_removed": ("entry",),
    "evaluation_submitted": ("answers", "comment"),
    "phase_changed": ("phase", "timer_ends_at"),
    "timer_set": ("ends_at", "paused_left"),
    "lock_set": ("locked",),
    "floor_asked": ("participant",),
    "floor_withdrawn": ("participant",),
    "floor_given": ("participant",),
    "turn_ended": ("participant",),
    "floor_cleared": ("participants",),
    "session_closed": (),
    "session_reopened": (),
    "invitation_shown": ("shown",),
    "playback_set": ("quarter", "playing", "since"),
    "barometre_placed": ("statement", "round", "level", "real_role", "previous", "previous_role"),
    "question_asked": ("question", "text"),
    "question_upvoted": ("question", "up"),
    "question_answered": ("question",),
    "question_removed": ("question",),
    "whoami_set": ("real_role", "organisation", "sentence"),
    "whoami_cleared": ("participant",),
    "experience_shared": ("experience", "title", "where", "carried_by", "worked", "did_not",
                          "figures"),
    "experience_pinned": ("experience", "pinned"),
    "experience_removed": ("experience",),
    "space_card_line_set": ("line", "space", "text", "notes"),
    "space_card_line_removed": ("line",),
    "character_written": ("character", "authors", "name", "role", "age", "situation", "bio",
                          "needs", "objectives", "objectives_count", "portrait"),
    "character_edited": ("character", "authors", "name", "role", "age", "situation", "bio",
                         "needs", "objectives", "objectives_count", "portrait"),
    "character_reviewed": ("character", "status", "comment"),
    "character_merged": ("characters", "into", "authors", "objectives", "objectives_count"),
    "character_removed": ("character",),
    "persona_pool_set": ("scenario",),
    "personas_reopened": ("phase", "participants"),
    "comment_removed": ("comment",),
    "cafe_note_removed": ("note",),
}


@pytest.fixture(scope="module")
def events(rich, short):
    out = list(play(rich, participants=9, scale=1.0, seed=5).events)
    return out + list(play_short_session(short).events)


def test_every_event_type_has_a_payload_class_with_its_keys_in_order():
    assert set(KEY_ORDER) == set(CURRENT_VERSIONS) == set(PAYLOAD_TYPES)
    for name, cls in PAYLOAD_TYPES.items():
        assert name == cls.TYPE
        assert tuple(f.name for f in fields(cls)) == KEY_ORDER[name]


def _plain(value):
    """Only the types JSON gives back: no enum, no Subject, anywhere."""
    t = type(value)
    if t is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if t is list:
        return all(_plain(v) for v in value)
    return t in (str, int, float, bool, type(None))


def test_the_wire_form_is_plain_ordered_and_reads_back(events):
    seen = set()
    for e in events:
        d = e.to_dict()
        assert list(d) == ["seq", "t", "by", "type", "v", "aid", "data"]
        assert tuple(d["data"]) == KEY_ORDER[e.type]
        assert _plain(d["data"]), d
        assert e.data == d["data"] and e.data is not e.data  # a fresh dict each time
        back = Event.from_dict(json.loads(json.dumps(d)))
        assert back == e and back.to_dict() == d and type(back.payload) is type(e.payload)
        assert msgpack.packb(back.to_dict()) == msgpack.packb(d)
        seen.add(e.type)
    assert len(seen) > 30


def test_payloads_hold_kinds_and_subjects():
    e = Event.from_dict({"seq": 4, "t": 1.0, "by": "p1", "type": "note_added", "v": 1, "aid": "a",
                         "data": {"note": "n4", "space": "cour", "kind": "idee", "text": "Un banc",
                                  "enjeux": [], "x": 1.0, "y": 2.0, "role": "resident"}})
    assert isinstance(e.payload, NoteAdded)
    assert e.payload.kind is NoteKind.IDEE and e.payload.role is RoleKind.RESIDENT
    assert type(e.data["kind"]) is str and e.type == "note_added" and e.v == 1
    r = Event(5, 2.0, "trainer", RoundOpened("R5", Subject.of_proposal("P3"), 1), "b")
    assert r.data == {"round": "R5", "subject": "proposal:P3", "number": 1}
    assert Event.from_dict(r.to_dict()).payload.subject == Subject.of_proposal("P3")


def test_withheld_fields_are_absent_not_empty():
    p = Event(7, 3.0, "p1", PositionTaken("R5", "blocage", "Trop cher"), "c")
    other = Actor.participant("p2")
    assert event_for(p, other).data == {"round": "R5"}
    assert event_for(p, other).payload == PositionTaken("R5")
    assert event_for(p, Actor.participant("p1")) is p and event_for(p, TRAINER) is p
    assert Event.from_dict(event_for(p, other).to_dict()).data == {"round": "R5"}
    ev = Event(8, 3.0, "p1", EvaluationSubmitted({"plan": 4}, "Bien"), "d")
    assert event_for(ev, other).data == {} and ev.withheld().payload == EvaluationSubmitted()
    opened = Event(1, 0.0, "", SessionOpened("petit_ilot", 7))
    assert opened.withheld() is opened and opened.data == {"scenario": "petit_ilot", "seed": 7}
    assert Event.from_dict({"seq": 1, "t": 0, "by": "", "type": "session_opened", "v": 1,
                            "data": {}}).payload == SessionOpened(None, None)


@pytest.mark.parametrize("type_, data", [
    ("note_removed", {}),
    ("note_added", {"note": "n4", "space": "cour", "kind": "autre", "text": "", "enjeux": [],
                    "x": 1.0, "y": 2.0, "role": None}),
    ("round_opened", {"round": "R5", "subject": "vote", "number": 1}),
    ("project_reacted", {"project": "x", "reaction": ["none"]}),
    ("lock_set", []),
])
def test_malformed_data_is_an_unknown_event(type_, data):
    with pytest.raises(UnknownEvent):
        Event.from_dict({"seq": 2, "t": 0.0, "by": "p1", "type": type_, "v": 1, "data": data})
    with pytest.raises(UnknownEvent):
        decode_payload(type_, data)


def test_with_data_and_of_build_the_same_payloads():
    e = Event.of(3, 1.0, "p1", "note_removed", {"note": "n1"}, "a")
    assert e.with_data({"note": "n2"}).data == {"note": "n2"}
    assert Event.of(3, 1.0, "p1", "plan_item_added", {
        "item": "i3", "group": None, "what": "w", "lead": "gardien", "quarter": 1, "cost": 1.0,
        "payer": "charges", "space": None, "use": None, "experiment": False, "criteria": ""},
        v=1).data["hours"] == 0.0  # upcast from version 1


def test_groups_formed_of_versions_1_and_2_read_as_numbered_groups():
    """Versions 1–2 named each group « Groupe n » in French (n: its position); version 3 keeps
    the number only, for the client to write in its language."""
    old = [{"group": "g4", "name": "Groupe 1", "members": ["p1"]},
           {"group": "g5", "name": "Groupe 2", "members": ["p2", "p3"]}]
    for v, data in ((1, {"groups": old}), (2, {"groups": old, "keep_drafts": True})):
        e = Event.from_dict({"seq": 9, "t": 1.0, "by": "trainer", "type": "groups_formed",
                             "v": v, "data": data})
        assert e.v == 3
        assert e.data == {"groups": [{"group": "g4", "number": 1, "members": ["p1"]},
                                     {"group": "g5", "number": 2, "members": ["p2", "p3"]}],
                          "keep_drafts": v == 2}
