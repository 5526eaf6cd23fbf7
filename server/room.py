"""One room: its state, its log, its connections, and the single place where its actions apply.

`act` runs decide → commit → evolve → broadcast without any `await`, so the actions of a room are
totally ordered and nobody hears of an event before it is on disk. Frames go out through
`fanout.send` (encoded once, framed once), which writes to each connection's buffer and never
waits on a slow one.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from websockets.asyncio.server import ServerConnection

from game.core import views
from game.core.decide import Actor, decide
from game.core.events import Event
from game.core.evolve import evolve
from game.core.rejections import Rejection
from game.core.replay import replay
from game.core.rules.registry import PARTICIPANT, SPECTATOR, TRAINER
from game.core.rules.session import open_session
from game.core.scenario import Scenario
from game.core.state import State, new_state
from game.net import protocol

from . import codes, fanout
from .store import Store

log = logging.getLogger("ilot.server")

# A rejoin gets the missed events unless there are more than this many and a snapshot is smaller.
EVENTS_BEFORE_SNAPSHOT = 500


class Room:
    def __init__(self, code: str, scenario: Scenario, store: Store, state: State,
                 log_: list[Event], max_seats: int):
        self.code = code
        self.scenario = scenario
        self.store = store
        self.state = state
        self.log = log_
        self.max_seats = max_seats
        self.clients: dict[ServerConnection, Actor] = {}
        self.public_scenario = scenario.public()

    @classmethod
    def create(cls, code: str, scenario: Scenario, store: Store, trainer_code: str,
               seed: int | None, max_seats: int) -> "Room":
        first = open_session(scenario, seed, time.time())
        store.create_room(code, scenario, codes.digest(trainer_code), first)
        state = new_state(scenario)
        evolve(state, first)
        return cls(code, scenario, store, state, [first], max_seats)

    @classmethod
    def load(cls, code: str, store: Store, max_seats: int) -> "Room":
        scenario = store.scenario(code)
        events = store.events(code)
        return cls(code, scenario, store, replay(scenario, events), events, max_seats)

    # ----- actions -----
    def act(self, actor: Actor, action: dict[str, Any], seat_hash: str | None = None,
            join_hash: str | None = None) -> list[Event]:
        """Apply one action for `actor` now; raises Rejection. [] for a repeated action id.

        With `seat_hash` (a join), the new seat (and its `join_hash`) is written in the same
        transaction as the event.
        """
        events = self.apply(actor, action)
        if events:
            seat = (seat_hash, events[0].data["participant"]) if seat_hash else None
            try:
                self.store.append(self.code, events, seat, join_hash)
            except Exception:
                self.reload()
                raise
            self.broadcast(events)
            self.send_me(events)
        return events

    def apply(self, actor: Actor, action: dict[str, Any]) -> list[Event]:
        """decide + evolve, not yet committed: the caller commits before anything is sent, with
        no await in between, so no one can observe an uncommitted event (see IlotServer._flush).
        """
        events = decide(self.state, actor, action, time.time())
        if not events:
            return events
        try:
            for e in events:
                evolve(self.state, e)
        except Exception:
            log.exception("room %s: evolve failed; rebuilding from the log", self.code)
            self.reload()
            raise
        self.log.extend(events)
        return events

    def reload(self) -> None:
        """Forget what is not committed: rebuild the state from the store."""
        self.log = self.store.events(self.code)
        self.state = replay(self.scenario, self.log)

    def join(self, name: str, join_id: str | None = None) -> tuple[str, str]:
        """A new seat: (participant id, seat token). Raises Rejection (session_full…).

        A hello re-sent with the same `join_id` (its welcome was lost in a cut) gets the seat
        that id already made, with a fresh token (both work): no second seat.
        """
        join_hash = codes.digest(join_id) if join_id else None
        token = codes.new_token()
        if join_hash is not None:
            pid = self.store.joined(self.code, join_hash)
            if pid is not None and pid in self.state.participants:
                self.store.add_seat(self.code, codes.digest(token), pid)
                return pid, token
        if len(self.state.participants) >= self.max_seats:
            raise Rejection("session_full")
        events = self.act(Actor.newcomer(), {"type": "join", "id": "join", "name": name},
                          seat_hash=codes.digest(token), join_hash=join_hash)
        return events[0].data["participant"], token

    # ----- sending -----
    def broadcast(self, events: list[Event]) -> None:
        if not self.clients:
            return
        if not any(views.is_private(e) for e in events):
            frame = protocol.encode({"t": protocol.EVENTS, "events": [e.to_dict() for e in events]})
            fanout.send(self.clients, frame)
            return
        frames: dict[Actor, bytes] = {}
        for ws, actor in self.clients.items():
            frame = frames.get(actor)
            if frame is None:
                frame = frames[actor] = protocol.encode({
                    "t": protocol.EVENTS,
                    "events": [views.event_for(e, actor).to_dict() for e in events]})
            fanout.send((ws,), frame)

    def send_me(self, events: list[Event]) -> None:
        """After a participant chose a persona: their own `me` (private objectives), to their
        connections only, so a client learns its objectives without reconnecting."""
        for e in events:
            if e.type == "persona_chosen" and e.by:
                actor = Actor.participant(e.by)
                mine = [ws for ws, a in self.clients.items() if a == actor]
                if mine:
                    fanout.send(mine, protocol.encode({"t": protocol.ME,
                                                     "me": views.me_for(self.state, actor)}))

    def welcome(self, actor: Actor, last_seq: int | None, token: str | None = None,
                protocol_version: int = protocol.PROTOCOL_VERSION) -> dict[str, Any]:
        msg: dict[str, Any] = {"t": protocol.WELCOME, "v": protocol_version, "room": self.code,
                               "you": {"kind": actor.kind, "id": actor.id}, "seq": self.state.seq}
        if token is not None:
            msg["token"] = token
        if last_seq is not None and 0 <= last_seq <= self.state.seq:
            missed = self.log[last_seq:] if self._log_is_dense() else \
                [e for e in self.log if e.seq > last_seq]
            if len(missed) <= EVENTS_BEFORE_SNAPSHOT:
                msg["events"] = [views.event_for(e, actor).to_dict() for e in missed]
                return msg
        msg["scenario"] = self.public_scenario
        msg["state"] = views.view_for(self.state, actor)
        return msg

    def _log_is_dense(self) -> bool:
        return bool(self.log) and self.log[0].seq == 1 and self.log[-1].seq == len(self.log)

    def presence(self) -> dict[str, Any]:
        kinds = list(self.clients.values())
        return {"t": protocol.PRESENCE,
                "connected": sorted({a.id for a in kinds if a.kind == PARTICIPANT},
                                    key=lambda p: (len(p), p)),
                "trainers": sum(1 for a in kinds if a.kind == TRAINER),
                "spectators": sum(1 for a in kinds if a.kind == SPECTATOR)}

    def send_presence(self) -> None:
        if self.clients:
            fanout.send(self.clients, protocol.encode(self.presence()))
