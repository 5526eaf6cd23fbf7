"""Events: versioned facts with a sequence number, a time and an author.

An event is never edited once written. When the shape of an event's data changes, bump its
version in `CURRENT_VERSIONS` and register an upcaster from the old version: logs written by
earlier versions then keep replaying to the same state.
"""

from __future__ import annotations

from typing import Any, Callable

# type -> current version of its data
CURRENT_VERSIONS: dict[str, int] = {
    "session_opened": 1,
    "participant_joined": 1,
    "participant_renamed": 1,
    "persona_chosen": 1,
    "expectation_written": 1,
    "project_reacted": 1,
    "project_commented": 1,
    "note_added": 1,
    "note_edited": 1,
    "note_removed": 1,
    "resource_added": 1,
    "resource_removed": 1,
    "cafe_note_added": 1,
    "cafe_rotated": 1,
    "groups_formed": 2,
    "member_moved": 1,
    "draft_placed": 1,
    "draft_cleared": 1,
    "spotlight_set": 1,
    "argument_added": 1,
    "proposal_made": 1,
    "proposal_withdrawn": 1,
    "proposals_merged": 1,
    "amendment_made": 1,
    "amendment_decided": 1,
    "round_opened": 1,
    "position_taken": 1,
    "round_closed": 1,
    "schema_placed": 1,
    "schema_removed": 1,
    "plan_item_added": 2,
    "plan_item_edited": 2,
    "plan_item_removed": 1,
    "plan_items_finalised": 1,
    "rule_added": 1,
    "rule_removed": 1,
    "evaluation_submitted": 1,
    "phase_changed": 1,
    "timer_set": 1,
    "lock_set": 1,
}

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
# (type, from_version) -> function returning the data at from_version + 1
UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def _groups_formed_v1(data: dict[str, Any]) -> dict[str, Any]:
    # v1 always started every group with an empty draft
    return {**data, "keep_drafts": False}


UPCASTERS[("groups_formed", 1)] = _groups_formed_v1


def _plan_item_v1(data: dict[str, Any]) -> dict[str, Any]:
    # v1 items could not add caretaker hours
    return {**data, "hours": 0.0}


UPCASTERS[("plan_item_added", 1)] = _plan_item_v1
UPCASTERS[("plan_item_edited", 1)] = _plan_item_v1


class Event:
    """One fact. `aid` is the client action id that caused it ('' for server-made events)."""

    __slots__ = ("seq", "t", "by", "type", "v", "aid", "data")

    def __init__(self, seq: int, t: float, by: str, type: str, data: dict[str, Any],
                 aid: str = "", v: int | None = None):
        self.seq = seq
        self.t = t
        self.by = by
        self.type = type
        self.v = CURRENT_VERSIONS[type] if v is None else v
        self.aid = aid
        self.data = data

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "t": self.t, "by": self.by, "type": self.type, "v": self.v,
                "aid": self.aid, "data": self.data}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        try:
            if type(d["v"]) is not int:
                raise TypeError(f"version {d['v']!r} is not a whole number")
            e = cls(d["seq"], d["t"], d["by"], d["type"], d["data"], d.get("aid", ""), d["v"])
            # fast path: almost every stored event is already at its current version
            return e if e.v == CURRENT_VERSIONS.get(e.type) else upcast(e)
        except (KeyError, TypeError, AttributeError) as exc:  # a damaged or hand-edited log
            raise UnknownEvent(f"malformed event {str(d)[:120]}: {exc!r}") from None

    def with_data(self, data: dict[str, Any]) -> "Event":
        return Event(self.seq, self.t, self.by, self.type, data, self.aid, self.v)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Event) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        return f"Event(#{self.seq} {self.type} by {self.by or '-'} {self.data!r})"


class UnknownEvent(ValueError):
    pass


def upcast(event: Event) -> Event:
    """Bring an event read from an old log to the current version of its type."""
    current = CURRENT_VERSIONS.get(event.type)
    if current is None:
        raise UnknownEvent(f"unknown event type {event.type!r} at seq {event.seq}")
    while event.v < current:
        fn = UPCASTERS.get((event.type, event.v))
        if fn is None:
            raise UnknownEvent(f"no upcaster for {event.type} v{event.v}")
        event = Event(event.seq, event.t, event.by, event.type, fn(dict(event.data)),
                      event.aid, event.v + 1)
    return event
