"""What the UI knows: the room's core State (a Mirror), presence, status and the last message.

All derived numbers come from the core read-models; this class only holds and updates.
"""

from __future__ import annotations

import time
from typing import Any

from ilot.game.core.kinds import ActorKind
from ilot.game.core.rejections import RejectionCode
from ilot.game.core.scenario import Scenario
from ilot.game.core.state import Participant, State
from ilot.game.net.joincodes import normalise as normalise_code
from ilot.game.net.joincodes import show as display_code
from ilot.game.net.mirror import Mirror
from ilot.game.text import Lang

from . import failures, joinlink


class ClientModel:
    def __init__(self, lang: Lang) -> None:
        self.lang = lang  # the app's language: for refusals and notices made here
        self.mirror: Mirror | None = None
        self.room = ""
        self.token: str | None = None
        self.status = "connecting"
        self.status_reason = ""
        # what was asked of the server (set by the room link), for the connect page's words
        self.url = ""  # the server's address (ws://host:port/)
        self.mode = ""  # who joins: participant, trainer, spectator
        self.asked_room = ""  # the join code of the hello
        self.failure = ""  # why joining failed, or is being tried again (failures.Cause)
        self.rejected: dict[str, str] = {}  # my refused actions: client id -> code (the last 50)
        self.acked: dict[str, bool] = {}  # my accepted actions: client ids (the last 50)
        self.connected: list[str] = []
        self.presence: dict[str, Any] = {}
        self.message = ""  # last rejection or notice, shown in the status bar
        self.message_at = 0.0
        # the message is the client's own refusal to send something (a field left empty, no
        # space chosen): it goes as soon as an action sent after it is accepted
        self.validation = False
        self._after_validation: set[str] = set()  # ids of the actions sent since it showed
        self.created: dict[str, Any] | None = None  # organiser: room_created reply
        self.version = 0  # bumps on every change the UI must show
        # the persona my `me` (private objectives) was sent for; "*" = pushed by the server
        self.me_persona: str | None = None

    # ----- accessors -----
    @property
    def state(self) -> State | None:
        return self.mirror.state if self.mirror else None

    @property
    def scenario(self) -> Scenario | None:
        return self.mirror.scenario if self.mirror else None

    @property
    def kind(self) -> str:
        return str(self.mirror.you["kind"]) if self.mirror else ""

    @property
    def me(self) -> str:
        return str(self.mirror.you.get("id", "")) if self.mirror else ""

    @property
    def my_participant(self) -> Participant | None:
        s = self.state
        return s.participants.get(self.me) if s is not None else None

    @property
    def private_objectives(self) -> list[dict[str, Any]]:
        return list((self.mirror.me or {}).get("private_objectives", [])) if self.mirror else []

    def needs_me(self) -> bool:
        """True when my persona is chosen but its private objectives were not received yet."""
        me = self.my_participant
        return (self.kind == ActorKind.PARTICIPANT and me is not None and me.persona is not None
                and self.me_persona not in ("*", me.persona))

    def name_of(self, pid: str) -> str:
        s = self.state
        if s is None or pid not in s.participants:
            return self.lang.t("term.actor.trainer") if pid == "trainer" else pid
        p = s.participants[pid]
        persona = s.persona(p.persona)
        return f"{p.name} ({persona.name})" if persona else p.name

    # ----- updates -----
    def apply(self, msg: dict[str, Any]) -> None:
        kind = msg.get("t")
        if kind == "welcome":
            if self.mirror is None or ("state" in msg and msg.get("room") != self.room):
                self.mirror = Mirror(msg)
            else:
                self.mirror.rejoined(msg)
            self.room = msg.get("room", self.room)
            self.token = msg.get("token") or self.token
            if "state" in msg and self.my_participant is not None:
                self.me_persona = self.my_participant.persona
            if self.validation:  # joined: « enter the room code » and the like are over
                self.clear_message()
        elif kind == "ack":
            self.acked[str(msg.get("id") or "")] = True
            while len(self.acked) > 50:
                self.acked.pop(next(iter(self.acked)))
            if msg.get("id") in self._after_validation:  # that refusal is behind us
                self.clear_message()
        elif kind == "me" and self.mirror is not None:  # pushed after choose_persona
            self.mirror.me = dict(msg.get("me") or {})
            self.me_persona = self.mirror.me.get("persona") or "*"
        elif kind == "events" and self.mirror is not None:
            self.mirror.apply(msg.get("events", []))
        elif kind == "reject":
            self.rejected[str(msg.get("id") or "")] = str(msg.get("code") or "")
            while len(self.rejected) > 50:
                self.rejected.pop(next(iter(self.rejected)))
            detail = msg.get("detail") or ""
            self.notice(self.lang.t("ui.rejected", message=self.refusal_text(msg)
                                    + (f" ({detail})" if detail else "")))
        elif kind == "presence":
            self.presence = msg
            self.connected = list(msg.get("connected", []))
        elif kind == "status":
            self.status = msg["status"]
            self.status_reason = str(msg.get("reason") or "")
            self.failure = str(msg.get("cause") or "") if self.status != "online" else ""
        elif kind == "room_created":
            self.created = msg
        elif kind == "error":
            self.notice(self.refusal_text(msg))
        self.version += 1

    def refusal_text(self, msg: dict[str, Any]) -> str:
        """A refusal in this window's language: its code's message when the code is a known
        rejection, else the server's own words."""
        code = str(msg.get("code") or "")
        if code in RejectionCode.__members__.values():
            return self.lang.t(f"rejection.{code}")
        return str(msg.get("message") or code)

    def failure_text(self) -> tuple[str, str] | None:
        """Why joining failed (or is being tried again), in this window's language: what
        happened and what to do; None when nothing failed."""
        if not self.failure:
            return None
        try:
            cause = failures.for_mode(failures.Cause(self.failure), self.mode)
        except ValueError:
            cause = failures.Cause.REFUSED
        room = self.asked_room or self.room
        return failures.describe(self.lang, cause, address=joinlink.address(self.url),
                                 host=joinlink.host_of(self.url),
                                 room=display_code(normalise_code(room)),
                                 reason=self.status_reason)

    def notice(self, text: str, *, validation: bool = False) -> None:
        """Show `text` in the status bar. `validation`: the client's own refusal to send
        something, which goes once an action sent after it is accepted."""
        self.message = text
        self.message_at = time.monotonic()
        self.validation = validation
        self._after_validation.clear()

    def sent(self, aid: str) -> None:
        """Action `aid` was sent: if it is accepted, a validation message shown now goes."""
        if self.validation and self.message:
            self._after_validation.add(aid)

    def clear_message(self) -> None:
        self.message = ""
        self.validation = False
        self._after_validation.clear()
