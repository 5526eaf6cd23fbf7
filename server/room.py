"""One room: its state, its log, its connections, and the single place where its actions apply.

`apply` runs decide → evolve with no `await`, so the actions of a room are totally ordered; the
server commits them (IlotServer._flush, _commit_seat) before anything about them is sent, so
nobody hears of an event before it is on disk. Frames go out through
`fanout.send` (encoded once, framed once), which writes to each connection's buffer and never
waits on a slow one. A rejoin gets the events it missed, or a snapshot when that is smaller
(`welcome_frame`).
"""

from __future__ import annotations

import itertools
import logging
import time
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import msgpack
from websockets.asyncio.server import ServerConnection

from ilot.game.core import views
from ilot.game.core.decide import Actor, decide
from ilot.game.core.events import (
    CharacterEdited,
    CharacterMerged,
    Event,
    PersonaChosen,
    PersonasReopened,
)
from ilot.game.core.evolve import evolve
from ilot.game.core.rejections import Rejection
from ilot.game.core.replay import replay
from ilot.game.core.rules.registry import PARTICIPANT, SPECTATOR, TRAINER
from ilot.game.core.rules.session import open_session
from ilot.game.core.scenario import Scenario
from ilot.game.core.state import State, new_state
from ilot.game.net import protocol

from . import codes, fanout
from .store import BaseStore

log = logging.getLogger("ilot.server")

class Room:
    def __init__(self, code: str, scenario: Scenario, store: BaseStore, state: State,
                 log_: list[Event], max_seats: int):
        self.code = code
        self.scenario = scenario
        self.store = store
        self.state = state
        self.log = log_
        self.max_seats = max_seats
        self.clients: dict[ServerConnection, Actor] = {}
        self.public_scenario = scenario.public()
        self._scenario_plain = _Packed(protocol.encode(self.public_scenario))
        self._scenario_z = _Packed(protocol.encode(zlib.compress(
            self._scenario_plain, protocol.Z_LEVEL))) \
            if len(self._scenario_plain) > protocol.Z_MIN else None
        self._state_bytes = 0  # encoded size of the last snapshot state built (0: none yet)
        # connections whose welcome is being built off the loop (server/snapshots.py): the
        # frames for them, each with the room's seq when it was sent
        self.held: dict[ServerConnection, list[tuple[int, bytes]]] = {}

    @classmethod
    def create(cls, code: str, scenario: Scenario, store: BaseStore, trainer_code: str,
               seed: int | None, max_seats: int) -> Room:
        first = open_session(scenario, seed, time.time())
        store.create_room(code, scenario, codes.digest(trainer_code), first, trainer_code)
        state = new_state(scenario)
        evolve(state, first)
        return cls(code, scenario, store, state, [first], max_seats)

    @classmethod
    def load(cls, code: str, store: BaseStore, max_seats: int) -> Room:
        scenario = store.scenario(code)
        events = store.events(code)
        return cls(code, scenario, store, replay(scenario, events), events, max_seats)

    # ----- actions -----
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

    def new_seat(self, name: str, join_id: str | None = None) -> NewSeat:
        """A new seat, decided and applied but not committed. Raises Rejection (session_full…).

        A hello re-sent with the same `join_id` (its welcome was lost in a cut) gets the seat
        that id already made, with a fresh token (both work): no second seat, no event.
        """
        join_hash = codes.digest(join_id) if join_id else None
        token = codes.new_token()
        if join_hash is not None:
            pid = self.store.joined(self.code, join_hash)
            if pid is not None and pid in self.state.participants:
                return NewSeat(self.code, pid, token, [], None)
        if len(self.state.participants) >= self.max_seats:
            raise Rejection("session_full")
        events = self.apply(Actor.newcomer(), {"type": "join", "id": "join", "name": name})
        return NewSeat(self.code, events[0].data["participant"], token, events, join_hash)

    # ----- sending -----
    def broadcast(self, events: list[Event]) -> None:
        if not self.clients:
            return
        if not any(views.is_private(e) for e in events):
            frame = protocol.encode({"t": protocol.EVENTS, "events": [e.to_dict() for e in events]})
            self._send(self.clients, frame)
            return
        frames: dict[Actor, bytes] = {}
        for ws, actor in self.clients.items():
            frame = frames.get(actor)
            if frame is None:
                frame = frames[actor] = protocol.encode({
                    "t": protocol.EVENTS,
                    "events": [views.event_for(e, actor).to_dict() for e in events]})
            self._send((ws,), frame)

    def send_me(self, events: list[Event]) -> None:
        """After a participant chose a persona: their own `me` (private objectives), to their
        connections only, so a client learns its objectives without reconnecting. The same
        after a new choice opens (`personas_reopened`: to everyone who lost their character),
        and after the trainer edits or merges a created character someone plays (its
        objectives may have changed: to its players)."""
        who: list[str] = []
        for e in events:
            p = e.payload
            if isinstance(p, PersonaChosen) and e.by:
                who.append(e.by)
            elif isinstance(p, PersonasReopened):
                who += p.participants
            elif isinstance(p, (CharacterEdited, CharacterMerged)):
                cid = p.character if isinstance(p, CharacterEdited) else p.into
                who += [pid for pid, x in self.state.participants.items() if x.persona == cid]
        for pid in dict.fromkeys(who):
            actor = Actor.participant(pid)
            mine = [ws for ws, a in self.clients.items() if a == actor]
            if mine:
                self._send(mine, protocol.encode({"t": protocol.ME,
                                                "me": views.me_for(self.state, actor)}))

    def welcome(self, actor: Actor, last_seq: int | None, token: str | None = None,
                protocol_version: int = protocol.PROTOCOL_VERSION,
                compress: bool = False) -> dict[str, Any]:
        """The welcome as a map (what `welcome_frame` encodes)."""
        return protocol.decode(self.welcome_frame(actor, last_seq, token, protocol_version,
                                                  compress), protocol.MAX_INFLATED)

    def welcome_frame(self, actor: Actor, last_seq: int | None, token: str | None = None,
                      protocol_version: int = protocol.PROTOCOL_VERSION,
                      compress: bool = False) -> bytes:
        """The encoded welcome: the events missed since `last_seq` when they are no larger than
        a snapshot, else `scenario` + `state` (as `*_z` fields when `compress` and large).
        Values are encoded once and spliced into the frame (a snapshot can be megabytes)."""
        msg: dict[str, Any] = {"t": protocol.WELCOME, "v": protocol_version, "room": self.code,
                               "you": {"kind": actor.kind, "id": actor.id}, "seq": self.state.seq}
        if token is not None:
            msg["token"] = token
        body: dict[str, Any] | None = None
        if last_seq is not None and 0 <= last_seq <= self.state.seq:
            body = self._catch_up(actor, last_seq, compress)
        msg.update(body or self._snapshot(self._encoded_state(actor), compress))
        return _map_frame(msg)

    def _catch_up(self, actor: Actor, last_seq: int,
                  compress: bool) -> dict[str, Any]:
        """The missed events, or the snapshot when they weigh more (msgpack bytes, compression
        aside: see `_snapshot_cost`). Events are encoded one by one while their total stays
        within the last snapshot's size; past it, the state is encoded (which refreshes that
        size) and the events go on only if it turned out bigger."""
        limit, state = self._snapshot_cost(), None
        parts: list[bytes] = []
        total = 0
        for e in self._missed(last_seq):
            parts.append(protocol.encode(views.event_for(e, actor).to_dict()))
            total += len(parts[-1])
            if total > limit:
                if state is None:
                    state = self._encoded_state(actor)
                    limit = self._snapshot_cost()
                if total > limit:
                    return self._snapshot(state, compress)
        return {"events": _Packed(_HEADERS.pack_array_header(len(parts)) + b"".join(parts))}

    def _missed(self, last_seq: int) -> Iterator[Event]:
        """The events with seq > last_seq, in order."""
        if self._log_is_dense():
            return itertools.islice(self.log, last_seq, None)
        return (e for e in self.log if e.seq > last_seq)

    def _encoded_state(self, actor: Actor) -> bytes:
        """This viewer's state, msgpack-encoded; records its size for `_snapshot_cost`."""
        state = protocol.encode(views.view_for(self.state, actor))
        self._state_bytes = len(state)
        return state

    def _snapshot(self, state: bytes, compress: bool) -> dict[str, Any]:
        """The snapshot fields, pre-encoded: `scenario` and `state`, or their `*_z` forms when
        `compress` and larger than `Z_MIN`."""
        fields: dict[str, Any] = {}
        if compress and self._scenario_z:
            fields["scenario_z"] = self._scenario_z
        else:
            fields["scenario"] = self._scenario_plain
        if compress and len(state) > protocol.Z_MIN:
            fields["state_z"] = _Packed(protocol.encode(zlib.compress(state, protocol.Z_LEVEL)))
        else:
            fields["state"] = _Packed(state)
        return fields

    def snapshot_size(self) -> int:
        """The encoded size of the last snapshot state built (0: none yet)."""
        return self._state_bytes

    def set_snapshot_cost(self, state_bytes: int) -> None:
        """Record the state size of a snapshot built elsewhere (a child process)."""
        self._state_bytes = state_bytes

    def snapshot_cost(self) -> int:
        return self._snapshot_cost()

    def _snapshot_cost(self) -> int:
        """The msgpack size of the snapshot fields, uncompressed, as of the last snapshot built
        (before any: the scenario alone, a lower bound). The state only grows during a
        session, so a stale figure errs towards building a snapshot to compare, not towards
        sending more events than a snapshot weighs. The same for every client: building either
        costs the event loop about the same per byte (~12-15 ns: view and encoding of the state,
        or of each event), so this picks the cheaper for the server; compression then shrinks
        a snapshot ~8x on the wire, not the server's time to build it."""
        return len(self._scenario_plain) + self._state_bytes

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
        """The presence to every connection (a held one gets it when released)."""
        if self.clients:
            live = [ws for ws in self.clients if ws not in self.held] if self.held else self.clients
            fanout.send(live, protocol.encode(self.presence()))

    # ----- welcomes built off the loop (server/snapshots.py) -----
    def hold(self, ws: ServerConnection, actor: Actor) -> None:
        """Register a connection whose welcome is not built yet: what is sent to it from now
        on is kept until `release`."""
        self.held[ws] = []
        self.clients[ws] = actor

    def release(self, ws: ServerConnection, seq: int, welcome: bytes) -> None:
        """Send the welcome (the state at `seq`), then the kept frames sent after `seq`, in
        order; the connection is no longer held (the caller sends the presence)."""
        kept = self.held.pop(ws, [])
        fanout.send((ws,), welcome)
        for at, frame in kept:
            if at > seq:
                fanout.send((ws,), frame)

    def _send(self, connections: Iterable[ServerConnection], frame: bytes) -> None:
        """`fanout.send`, except that a held connection's frame is kept, with the seq."""
        if not self.held:
            fanout.send(connections, frame)
            return
        live = []
        for ws in connections:
            kept = self.held.get(ws)
            if kept is None:
                live.append(ws)
            else:
                kept.append((self.state.seq, frame))
        fanout.send(live, frame)


_HEADERS = msgpack.Packer()


class _Packed(bytes):
    """A value already msgpack-encoded, spliced as is into a frame by `_map_frame`."""


def _map_frame(msg: dict[str, Any]) -> bytes:
    """msgpack-encode a map whose values may be `_Packed` (encoded once, never twice)."""
    out = [_HEADERS.pack_map_header(len(msg))]
    for k, v in msg.items():
        out.append(protocol.encode(k))
        out.append(v if isinstance(v, _Packed) else protocol.encode(v))
    return b"".join(out)


class NewSeat:
    """A seat being created: its events (applied, not yet committed; more can be added, e.g. the
    persona chosen in the hello) and the rows to write with them in one transaction."""

    def __init__(self, room: str, participant: str, token: str, events: list[Event],
                 join_hash: str | None):
        self.room, self.participant, self.token = room, participant, token
        self.events, self.join_hash = events, join_hash

    def write(self, store: BaseStore) -> None:
        store.append(self.room, self.events, (codes.digest(self.token), self.participant),
                     self.join_hash)
