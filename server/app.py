"""The server: rooms in memory, the store on disk, and the websocket handler in front.

Every connection starts with a hello, checked in a fixed order (frame → shape → version →
address not blocked → room → credentials → capacity). After the welcome, each frame is checked in
a fixed order too (rate → frame → shape → type → action, which `decide` checks in its own order).
Nothing a client sends may raise out of the handler: bad input gets an `error`, a `reject` or a
close with a code and a reason, and is logged.

Every `message` (and close reason) a person may read is made from the text catalogues in the
language of the connection's hello (`lang`, French by default; see PROTOCOL.md): a refusal is a
code and the key of its message (`server.*` in server.po, `rejection.*` in common.po). `detail`
is technical (which part, or the decoder's words) and not translated; log records are English.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sqlite3
import ssl
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from ilot.game.core.decide import Actor
from ilot.game.core.kinds import ActorKind
from ilot.game.core.names import clean_name
from ilot.game.core.rejections import Rejection
from ilot.game.core.scenario import Scenario
from ilot.game.core.scenario_check import check_data, check_text
from ilot.game.gcpolicy import Collector
from ilot.game.net import messages, protocol
from ilot.game.storage.dirlock import DataDirLock
from ilot.game.storage.pg import HOLD_S
from ilot.game.text import DEFAULT_LANG, LANGS, N_, Lang, lang_for
from ilot.game.text.scenario_errors import scenario_error_line

from . import codes, fanout
from .attendance import ConnectionRecorder
from .limits import FailureLimiter, TokenBucket
from .room import NewSeat, Room
from .snapshots import SnapshotBuilder
from .store import BaseStore, Store, database_path
from .takeover import Moved, Takeover, Unreachable

log = logging.getLogger("ilot.server")

ORGANISER_KEY = "organiser_key_hash"
BAD_FRAMES_BEFORE_CLOSE = 20
MAX_SCENARIO_BYTES = 2 * 1024 * 1024
STORAGE_RETRY_MAX = 15.0  # longest wait between two tries of a failing disk (seconds)


class ServerFull(Exception):
    pass


class Refusal(Exception):
    """A hello that is refused: the close code, the `error` code, the catalogue key of its
    message (with the values it takes), a technical `detail`, and whether it counts as a failed
    attempt of the address. The message is made in the hello's language when it is sent."""

    def __init__(self, close: int, code: str, key: str, *, detail: str = "",
                 failed: bool = False, **values: object):
        super().__init__(f"{code}: {detail or key}")
        self.close, self.code, self.key, self.detail, self.failed = close, code, key, detail, failed
        self.values = values

    def message(self, lang: Lang) -> str:
        return lang.t(self.key, **self.values)


class Session:
    """What the server knows about one open connection after its hello."""

    __slots__ = ("actor", "bad_frames", "bucket", "lang", "room", "ws")

    def __init__(self, ws: ServerConnection, actor: Actor, room: Room | None, lang: Lang,
                 bucket: TokenBucket):
        self.ws, self.actor, self.room, self.lang, self.bucket = ws, actor, room, lang, bucket
        self.bad_frames = 0


class IlotServer:
    def __init__(self, data_dir: str | Path, *, max_rooms: int = 200, max_seats: int = 60,
                 rate: float = 20.0, burst: int = 40, max_watchers: int = 60,
                 max_connections: int = 5000, fail_rate: float = 0.2, fail_burst: int = 10,
                 hello_timeout: float = 10.0, ping_interval: float | None = 20.0,
                 ping_timeout: float | None = 20.0, synchronous: str = "FULL",
                 ssl_context: ssl.SSLContext | None = None, trust_proxy: bool = False,
                 store_url: str | None = None, public_url: str | None = None,
                 hold: float = HOLD_S):
        self.data_dir = Path(data_dir)
        self.store: BaseStore
        self._writer_store: BaseStore
        if store_url:  # PostgreSQL, shared with other servers: rooms are claimed (takeover.py)
            from .pgstore import PgStore

            self._lock: DataDirLock | None = None
            self.store = PgStore(store_url, name="ilot-server")
            # the writer's connection holds the rooms' advisory locks: it writes what it holds
            self._writer_store = PgStore(store_url, name="ilot-writer", hold=hold)
            self.recorder = ConnectionRecorder(db=PgStore(store_url, name="ilot-attendance").db,
                                               server=self.store.server)
        else:
            self._lock = DataDirLock(self.data_dir)  # held from start() to stop()
            self.store = Store.in_dir(self.data_dir, synchronous=synchronous)
            # group commits run on their own connection and thread: an fsync never blocks the loop
            self._writer_store = Store.in_dir(self.data_dir, synchronous=synchronous)
            # the checkpointer thread does the WAL checkpoints; none inside a group commit
            self._writer_store.db.execute("PRAGMA wal_autocheckpoint=0")
            # connections and disconnections per seat, off the loop (server/attendance.py)
            self.recorder = ConnectionRecorder(database_path(self.data_dir))
        self.store.start_checkpointer()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="ilot-writer")
        self.public_url = public_url  # where clients reach this server (redirects); else `url`
        self.takeover = Takeover(self)
        self.max_rooms, self.max_seats, self.max_watchers = max_rooms, max_seats, max_watchers
        self.max_connections = max_connections
        self.rate, self.burst = rate, burst
        self.failures = FailureLimiter(fail_rate, fail_burst)
        self.hello_timeout = hello_timeout
        self.ping_interval, self.ping_timeout = ping_interval, ping_timeout
        self.ssl_context = ssl_context
        self.trust_proxy = trust_proxy
        self.rooms: dict[str, Room] = {}
        # large welcomes, built off the loop by a worker that reads the store (server/welcomer.py)
        self.snapshots = SnapshotBuilder(
            source=store_url or str(database_path(self.data_dir)))
        self.organiser_key: str | None = None  # set only on the start that created it
        self.connections = 0
        self.url = ""
        self._server: Server | None = None
        self._queue: list[tuple[Session, dict[str, Any], str]] = []
        self._flush_scheduled = False
        self.collector = Collector(every=2000, idle=30.0, settle=5.0)  # see game/gcpolicy.py
        self._gc_timer: asyncio.TimerHandle | None = None
        self._committing = False  # a group commit is on the writer thread
        self._idle = asyncio.Event()
        self._idle.set()
        # disk trouble (full, read-only): after a failed commit, actions and new seats are
        # refused with `storage` without being tried until `_storage_until` (loop time); the
        # wait starts at `storage_retry` and doubles up to STORAGE_RETRY_MAX while commits fail
        self.storage_retry = 1.0
        self._storage_wait = 0.0
        self._storage_until = 0.0

    # ----- life cycle -----
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Resume every room from the store, then listen. Returns the bound port. Raises
        DataDirBusy when another server holds the data directory."""
        if self._lock is not None:
            self._lock.acquire()
        if not self.store.shared:  # a shared store's rooms are loaded as they are claimed
            for code in self.store.room_codes():
                if code not in self.rooms:
                    self.rooms[code] = Room.load(code, self.store, self.max_seats)
            self.recorder.close_open()
        self.recorder.start()
        # the loaded rooms live as long as the server: keep them out of every GC pass
        gc.collect()
        gc.freeze()
        if self.store.meta(ORGANISER_KEY) is None:
            key = codes.new_token()
            self.store.add_meta(ORGANISER_KEY, codes.digest(key))
            # servers sharing a store that start together: the first key written is the key
            if self.store.meta(ORGANISER_KEY) == codes.digest(key):
                self.organiser_key = key
        self._server = await serve(
            self._handler, host, port, compression=None, max_size=protocol.MAX_FRAME,
            ping_interval=self.ping_interval, ping_timeout=self.ping_timeout,
            close_timeout=2.0, ssl=self.ssl_context, server_header=None)
        bound = self._server.sockets[0].getsockname()[1]
        scheme = "wss" if self.ssl_context else "ws"
        shown = f"[{host}]" if ":" in host else host
        self.url = f"{scheme}://{shown}:{bound}"
        self.public_url = self.public_url or self.url
        for room in self.rooms.values():
            self.snapshots.warm(room)
        log.info("listening on %s with %d room(s)", self.url, len(self.rooms))
        self._gc_tick()
        self.takeover.keep_alive()
        return bound

    def _gc_tick(self) -> None:
        self.collector.tick()
        self._gc_timer = asyncio.get_running_loop().call_later(5.0, self._gc_tick)

    async def stop(self) -> None:
        if self._gc_timer is not None:
            self._gc_timer.cancel()
        self.takeover.stop()
        while self._committing or self._queue:  # answer every action received
            if self._committing:
                await self._idle.wait()
            else:
                self._flush()
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
            self._server = None
        while self._committing:
            await self._idle.wait()
        self.snapshots.stop()
        self.recorder.stop()  # every handler has run: each disconnection is queued
        self._writer.shutdown(wait=True)
        self._writer_store.close()
        self.store.close()
        if self._lock is not None:
            self._lock.release()
        self.collector.release()  # the rooms' objects may go now (a process that goes on)

    def open_room_of(self, scenario: Scenario) -> str | None:
        """The most recent room opened from this very scenario and not closed, if any: what
        `ilot serve --scenario X` reuses when it starts again on the same data."""
        if self.store.shared:
            return self.takeover.open_room_of(scenario)
        rooms = [r for r in self.rooms.values()  # in the order they were created
                 if r.state.closed_at is None and r.scenario == scenario]
        return rooms[-1].code if rooms else None

    def create_room(self, scenario: Scenario, seed: int | None = None) -> tuple[str, str]:
        """Open a room: (join code, trainer code). Raises ServerFull past `max_rooms`."""
        if len(self.rooms) >= self.max_rooms:
            raise ServerFull(f"{self.max_rooms} rooms already open")
        code = codes.new_join_code()
        while code in self.rooms or (self.store.shared and self.store.room_exists(code)):
            code = codes.new_join_code()
        trainer_code = codes.new_trainer_code()
        self.rooms[code] = Room.create(code, scenario, self.store, trainer_code, seed,
                                       self.max_seats)
        if self.store.shared:
            self.takeover.created(code)
        log.info("room %s opened (%s)", code, scenario.id)
        return code, trainer_code

    # ----- connections -----
    def _address(self, ws: ServerConnection) -> str:
        if self.trust_proxy and ws.request is not None:
            forwarded = ws.request.headers.get("X-Forwarded-For")
            if forwarded:
                return forwarded.split(",")[-1].strip()  # the hop our proxy added
            real = ws.request.headers.get("X-Real-IP")
            if real:
                return real.strip()
        peer = ws.remote_address
        return str(peer[0]) if peer else "?"

    async def _handler(self, ws: ServerConnection) -> None:
        addr = self._address(ws)
        self.connections += 1
        session: Session | None = None
        try:
            session = await self._hello(ws, addr)
            if session is not None:
                await self._serve(session)
        except ConnectionClosed as exc:
            if exc.sent is not None and exc.sent.code == 1009:
                log.info("closed %s: frame larger than %d bytes", addr, protocol.MAX_FRAME)
        except Exception:  # a bug, not bad input: keep the server up, close this one
            log.exception("internal error on a connection from %s", addr)
            lang = session.lang if session is not None else lang_for(DEFAULT_LANG)
            await ws.close(1011, _reason("internal", lang.t("server.internal")))
        finally:
            self.connections -= 1
            if session is not None and session.room is not None:
                if session.room.clients.pop(ws, None) is not None:
                    self.recorder.disconnected(session.room.code, session.actor)
                session.room.send_presence()

    async def _hello(self, ws: ServerConnection, addr: str) -> Session | None:
        lang = lang_for(DEFAULT_LANG)  # until the hello says otherwise
        try:
            frame = await asyncio.wait_for(ws.recv(), self.hello_timeout)
        except TimeoutError:
            await self._refuse(ws, addr, Refusal(protocol.CLOSE_HELLO_TIMEOUT, "hello_timeout",
                                                 N_("server.hello_timeout")), lang)
            return None
        try:
            msg = protocol.decode(frame)
            lang = _lang_of(msg)  # even a hello refused for its shape is answered in its language
            hello = messages.parse_hello(msg)
            if hello.v != protocol.PROTOCOL_VERSION:
                raise Refusal(protocol.CLOSE_VERSION, "version", N_("server.version"),
                              detail=f"v={hello.v}", version=hello.v,
                              supported=protocol.PROTOCOL_VERSION)
            if self.connections > self.max_connections:
                raise Refusal(protocol.CLOSE_FULL, "server_full", N_("server.server_full"))
            blocked = self.failures.blocked(addr)
            if blocked and not _unguessable(hello):
                raise _rate_limited()
            if self.store.shared:
                try:
                    await self.takeover.take_for(hello)
                except Moved as moved:
                    raise Refusal(protocol.CLOSE_MOVED, "moved", N_("server.moved"),
                                  detail=moved.url, url=moved.url) from None
                except Unreachable:
                    raise Refusal(1011, "storage", N_("server.room_not_reachable"),
                                  detail="database") from None
            await self._quiet()
            try:
                return await self._admit(ws, hello)
            except Refusal as exc:
                # a blocked address learns nothing from a wrong guess, not even that a room exists
                raise _rate_limited() if blocked and exc.failed else exc from None
        except protocol.FrameError as exc:
            refusal = Refusal(protocol.CLOSE_BAD_HELLO, protocol.ERR_BAD_FRAME,
                              N_("server.unreadable_hello"), detail=str(exc))
        except messages.MessageError as exc:
            refusal = Refusal(protocol.CLOSE_BAD_HELLO, exc.code, N_("server.bad_hello"),
                              detail=exc.detail)
        except Refusal as exc:
            refusal = exc
        await self._refuse(ws, addr, refusal, lang)
        return None

    async def _refuse(self, ws: ServerConnection, addr: str, r: Refusal, lang: Lang) -> None:
        if r.failed:
            self.failures.failed(addr)
        log.info("refused %s: %s (%s)", addr, r.code, r.detail or r.key)
        message = r.message(lang)
        error = {"t": protocol.ERROR, "code": r.code, "message": message, "detail": r.detail}
        if r.code == "moved":
            error["url"] = r.detail
        try:
            await ws.send(protocol.encode(error))
        except ConnectionClosed:
            pass
        await ws.close(r.close, _reason(r.code, message))

    def _room(self, hello: messages.Hello) -> Room:
        room = self.rooms.get(codes.normalise(hello.room or ""))
        if room is None:
            raise Refusal(protocol.CLOSE_UNKNOWN_ROOM, "unknown_room", N_("server.unknown_room"),
                          failed=True)
        return room

    async def _admit(self, ws: ServerConnection, hello: messages.Hello) -> Session:
        """Check the credentials of a hello, register the connection and send its welcome.
        Called once no commit is under way (`_quiet`); a new seat is committed on the writer
        thread, like a batch of actions, and nothing else is decided meanwhile."""
        kind = hello.as_
        if kind == ActorKind.ORGANISER:
            if not (hello.key and codes.matches(hello.key, self.store.meta(ORGANISER_KEY))):
                raise _bad_credentials()
            session = self._session(ws, Actor(ActorKind.ORGANISER, ""), None, lang_for(hello.lang))
            _push(ws, {"t": protocol.WELCOME, "v": protocol.PROTOCOL_VERSION, "room": None,
                       "you": {"kind": "organiser", "id": ""}, "seq": 0})
            return session
        room = self._room(hello)
        token = None
        persona_error: Rejection | None = None
        if kind == ActorKind.TRAINER:
            if not (hello.code and codes.matches(codes.normalise(hello.code),
                                                 self.store.trainer_hash(room.code))):
                raise _bad_credentials()
            actor = Actor.trainer()
        elif kind == ActorKind.SPECTATOR:
            actor = Actor.spectator()
        elif hello.token:
            pid = self.store.seat(room.code, codes.digest(hello.token))
            if pid is None:
                raise _bad_credentials()
            actor = Actor.participant(pid)
        else:
            if not hello.name or not clean_name(hello.name):  # blank, or only invisible
                raise Refusal(protocol.CLOSE_BAD_HELLO, protocol.ERR_BAD_MESSAGE,
                              N_("server.name_needed"), detail="name")
            if self.storage_down():
                raise Refusal(1011, "storage", N_("server.seat_not_stored"), detail="disk")
            try:
                seat = room.new_seat(hello.name, hello.join_id)
            except Rejection as exc:
                raise Refusal(protocol.CLOSE_FULL, exc.code, exc.message_key, detail=exc.detail) from None
            actor = Actor.participant(seat.participant)
            if hello.persona:
                try:
                    seat.events += room.apply(actor, {"type": "choose_persona", "id": "persona",
                                                      "persona": hello.persona})
                except Rejection as exc:
                    persona_error = exc
            await self._commit_seat(room, seat)
            token = seat.token
        if actor.kind != ActorKind.PARTICIPANT:
            watchers = sum(1 for a in room.clients.values() if a.kind != ActorKind.PARTICIPANT)
            if watchers >= self.max_watchers:
                raise Refusal(protocol.CLOSE_FULL, "session_full", N_("server.screens_full"),
                              max=self.max_watchers)
        last_seq = None if token else hello.last_seq
        compress = "zlib" in (hello.compress or ())
        session = self._session(ws, actor, room, lang_for(hello.lang))
        if self.snapshots.off_loop(room, last_seq):
            await self._welcome_off_loop(ws, room, actor, last_seq, token, compress)
        else:
            # welcome, registration and presence with no await in between: no event is missed
            fanout.send((ws,), room.welcome_frame(actor, last_seq, token, compress=compress))
            room.clients[ws] = actor
        self.recorder.connected(room.code, actor)
        if persona_error is not None:
            _push(ws, _reject("persona", persona_error, session.lang))
        room.send_presence()
        log.info("%s %s joined room %s", actor.kind, actor.id, room.code)
        return session

    async def _welcome_off_loop(self, ws: ServerConnection, room: Room, actor: Actor,
                                last_seq: int | None, token: str | None, compress: bool) -> None:
        """A large welcome, built in a child process (server/snapshots.py) while the loop goes
        on: the connection is held (registered, its frames kept) until the welcome is sent."""
        room.hold(ws, actor)  # the presence is sent once it is released (`_admit`)
        try:
            seq, frame = await self.snapshots.build(room, actor, last_seq, token, compress,
                                                    self._quiet)
        except BaseException:
            room.held.pop(ws, None)
            room.clients.pop(ws, None)
            room.send_presence()
            raise
        room.release(ws, seq, frame)

    async def _commit_seat(self, room: Room, seat: NewSeat) -> None:
        """Commit a new seat and its events on the writer thread (the loop goes on reading and
        sending meanwhile), then broadcast the events. Nothing else is decided or welcomed
        until it is done (`_committing`), so the caller's welcome sees only committed events."""
        self._begin_commit()
        try:
            await asyncio.get_running_loop().run_in_executor(
                self._writer, seat.write, self._writer_store)
        except Exception as exc:
            log.log(_level(exc), "commit failed: new seat in room %s not created: %r", room.code,
                    exc)
            self._reload(room)
            self._storage_failed(exc)
            raise Refusal(1011, "storage", N_("server.seat_not_stored")) from None
        finally:
            self._end_commit()  # what it lets run waits until this hello is done (no await)
            self.takeover.drop_lost()
        self._storage_works()
        room.broadcast(seat.events)
        room.send_me(seat.events)
        self.collector.committed(len(seat.events))

    def _session(self, ws: ServerConnection, actor: Actor, room: Room | None,
                 lang: Lang) -> Session:
        return Session(ws, actor, room, lang, TokenBucket(self.rate, self.burst))

    # ----- after the hello -----
    async def _quiet(self) -> None:
        """Wait until no group commit is under way: a welcome or a new room must see only
        committed events, and the store has one writer at a time. The caller must not await
        between this and its use of the state."""
        while self._committing:
            await self._idle.wait()

    async def _serve(self, s: Session) -> None:
        async for frame in s.ws:
            try:
                m = self._message(s, frame)
                if m is not None:
                    await self._quiet()
                    self._create_room(s, m)
            except _Close as c:
                await s.ws.close(c.code, c.reason)
                return

    def _message(self, s: Session, frame: bytes | str) -> messages.CreateRoom | None:
        """Handle one frame; a create_room is returned for `_serve` to run once quiet."""
        try:
            msg = protocol.decode(frame)
        except protocol.FrameError as exc:
            self._bad(s, protocol.ERR_BAD_FRAME, N_("server.unreadable_message"), str(exc))
            return
        aid = _action_id(msg)
        if not s.bucket.take():
            _push(s.ws, _reject(aid, Rejection("rate_limited"), s.lang))
            return
        try:
            m = messages.parse_after_hello(msg)
        except messages.MessageError as exc:
            self._bad(s, exc.code, N_("server.bad_message"), exc.detail, aid)
            return
        if isinstance(m, messages.Act):
            self._act(s, m, aid)
        elif isinstance(m, messages.CreateRoom):
            return m
        elif isinstance(m, messages.Ping):
            _push(s.ws, {"t": "pong", "n": m.n})

    def _bad(self, s: Session, code: str, key: str, detail: str, aid: str | None = None,
             **values: object) -> None:
        """An `error` for a bad frame or message after the hello: `key` is its message."""
        s.bad_frames += 1
        log.info("bad message from %s %s: %s (%s)", s.actor.kind, s.actor.id, code, detail)
        msg: dict[str, Any] = {"t": protocol.ERROR, "code": code,
                               "message": s.lang.t(key, **values), "detail": detail}
        if aid is not None:
            msg["id"] = aid
        _push(s.ws, msg)
        if s.bad_frames > BAD_FRAMES_BEFORE_CLOSE and s.bad_frames > s.bucket.burst:
            raise _Close(protocol.CLOSE_BAD_FRAME,
                         _reason("bad_frame", s.lang.t("server.too_many_bad_frames")))

    def _act(self, s: Session, m: messages.Act, aid: str) -> None:
        if s.room is None:
            self._bad(s, protocol.ERR_NOT_ALLOWED, N_("server.act_needs_room"), "act", aid)
            return
        if m.a.get("type") == "join":  # seats are made by the hello only
            _push(s.ws, _reject(aid, Rejection("unknown_action", detail="join"), s.lang))
            return
        self._queue.append((s, m.a, aid))
        self._schedule_flush()

    def _schedule_flush(self) -> None:
        if not self._flush_scheduled and not self._committing:
            self._flush_scheduled = True
            asyncio.get_running_loop().call_soon(self._flush)

    def _flush(self) -> None:
        """Group commit: the actions received since the last flush, in arrival order.

        decide + evolve each action on the loop, then commit them all in one transaction on the
        writer thread; only when that commit is done are they broadcast (one frame per room)
        and acknowledged (`_committed`). Until then no action is applied and no hello or new
        room is served (`_quiet`), so nobody sees an uncommitted event, each room's actions have
        one order, and a failed commit is undone by reloading its rooms. The loop keeps reading
        and sending during the fsync; actions that arrive meanwhile form the next batch.
        """
        self._flush_scheduled = False
        if self._committing or not self._queue:
            return
        batch, self._queue = self._queue, []
        if self.storage_down():  # not even tried: nothing to undo (a reload replays the log)
            for s, _, aid in batch:
                _push(s.ws, _not_stored(aid, s.lang))
            return
        done: list[tuple[Session, str, list | Rejection | None]] = []
        for s, action, aid in batch:
            try:
                done.append((s, aid, s.room.apply(s.actor, action)))
            except Rejection as r:
                log.debug("room %s: %s rejected %s (%s)", s.room.code, s.actor.id, r.code, r.detail)
                done.append((s, aid, r))
            except Exception:
                log.exception("room %s: action %s failed", s.room.code, aid)
                # rebuild the room from the store: its uncommitted actions of this batch are
                # undone (and answered as such); its rejections keep their own answer
                self._reload(s.room)

                def applied_here(d: tuple) -> bool:
                    return d[0].room is s.room and isinstance(d[2], list) and bool(d[2])  # noqa: B023
                undone = [d for d in done if applied_here(d)] + [(s, aid, None)]
                done = [d for d in done if not applied_here(d)]
                for u, uid, _ in undone:
                    _push(u.ws, {"t": protocol.ERROR, "id": uid, "code": "internal",
                                 "message": u.lang.t("server.internal"), "detail": ""})
        items = [(s.room.code, r) for s, _, r in done if isinstance(r, list) and r]
        if not items:
            self._answer(done)
            return
        self._begin_commit()
        future = asyncio.get_running_loop().run_in_executor(
            self._writer, self._writer_store.append_batch, items)
        future.add_done_callback(lambda f: self._committed(done, f))

    def _committed(self, done: list, future: asyncio.Future) -> None:
        error = future.exception() if not future.cancelled() else asyncio.CancelledError()
        try:
            if error is None:
                self._storage_works()
                self._answer(done)
                self.collector.committed(sum(len(r) for _, _, r in done if isinstance(r, list)))
            else:
                log.log(_level(error), "commit failed: %d action(s) not applied: %r", len(done),
                        error)
                for room in {id(s.room): s.room for s, _, _ in done}.values():
                    self._reload(room)
                self._storage_failed(error)
                for s, aid, _ in done:
                    _push(s.ws, _not_stored(aid, s.lang))
        finally:
            self._end_commit()
            self.takeover.drop_lost()

    def _reload(self, room: Room) -> None:
        """Undo a room's uncommitted events: rebuild it from the store. When the store cannot
        be read either (a database that is down), a shared store's room is let go: its clients
        are closed (1011 `storage`) and it is taken again from the log at their next hello."""
        try:
            room.reload()
        except Exception as exc:
            if not (self.store.shared and self.store.outage(exc)):
                raise
            log.warning("room %s let go: the database cannot be read: %r", room.code, exc)
            self.takeover.let_go(room)

    def storage_down(self) -> bool:
        """Whether the disk failed lately: actions and new seats are refused untried."""
        return asyncio.get_running_loop().time() < self._storage_until

    def _storage_failed(self, error: BaseException) -> None:
        """After a failed commit: if the disk failed (not, e.g., a conflict with another
        writer), refuse untried for a while."""
        if not self._writer_store.outage(error):
            return
        first = self._storage_wait == 0
        self._storage_wait = min(STORAGE_RETRY_MAX, self._storage_wait * 2 or self.storage_retry)
        self._storage_until = asyncio.get_running_loop().time() + self._storage_wait
        if first:
            log.warning("the data directory refuses writes: actions refused with `storage`, "
                        "retried in %g s (then up to every %g s)", self._storage_wait,
                        STORAGE_RETRY_MAX)

    def _storage_works(self) -> None:
        self.takeover.lived()
        if self._storage_wait:
            log.info("the data directory accepts writes again")
        self._storage_wait = self._storage_until = 0.0

    def _begin_commit(self) -> None:
        self._committing = True
        self._idle.clear()

    def _end_commit(self) -> None:
        """A commit is over: waiting hellos run first, then the next batch (scheduled after
        them)."""
        self._committing = False
        self._idle.set()
        if self._queue:
            self._schedule_flush()

    def _answer(self, done: list) -> None:
        """Committed: one events frame per room for all its actions of this batch (fewer sends
        under load), then every ack or reject; an ack always comes after its action's events."""
        per_room: dict[Room, list] = {}
        for s, _, r in done:
            if isinstance(r, list) and r:
                per_room.setdefault(s.room, []).extend(r)
        for room, events in per_room.items():
            room.broadcast(events)
            room.send_me(events)
        for s, aid, r in done:
            if isinstance(r, Rejection):
                _push(s.ws, _reject(aid, r, s.lang))
            elif r:
                _push(s.ws, {"t": protocol.ACK, "id": aid, "seq": r[-1].seq})
            elif r is not None:
                _push(s.ws, {"t": protocol.ACK, "id": aid, "seq": s.room.state.seq, "dup": True})

    def _create_room(self, s: Session, m: messages.CreateRoom) -> None:
        if s.actor.kind != ActorKind.ORGANISER:
            self._bad(s, protocol.ERR_NOT_ALLOWED, N_("server.organiser_only"), "create_room")
            return
        if m.scenario_gz is not None:
            try:
                z = zlib.decompressobj(wbits=47)  # gzip or zlib
                raw = z.decompress(m.scenario_gz, MAX_SCENARIO_BYTES)
                if z.unconsumed_tail:
                    raise ValueError("scenario too large")
                text = raw.decode("utf-8")
            except (zlib.error, ValueError) as exc:
                self._bad(s, protocol.ERR_BAD_MESSAGE, N_("server.unreadable_scenario"),
                          str(exc)[:200])
                return
            # JSON syntax and nesting bombs are scenario problems, answered like the file check
            scenario, errors = check_text(text)
        else:
            scenario, errors = check_data(m.scenario)
        if scenario is None:
            _push(s.ws, {"t": protocol.ERROR, "code": "bad_scenario",
                         "message": s.lang.n("server.bad_scenario",
                                             sum(not e.warning for e in errors)),
                         "detail": [scenario_error_line(e, s.lang) for e in errors[:20]]})
            return
        try:
            room, trainer_code = self.create_room(scenario, m.seed)
        except ServerFull:
            _push(s.ws, {"t": protocol.ERROR, "code": "server_full",
                         "message": s.lang.t("server.rooms_full", max=self.max_rooms),
                         "detail": ""})
            return
        except Exception as exc:  # a full or read-only disk: nothing was created
            if not (isinstance(exc, sqlite3.Error) or self.store.outage(exc)):
                raise
            log.error("room not created: %r", exc)
            _push(s.ws, {"t": protocol.ERROR, "code": "storage",
                         "message": s.lang.t("server.room_not_stored"), "detail": ""})
            return
        _push(s.ws, {"t": protocol.ROOM_CREATED, "room": room, "trainer_code": trainer_code})


class _Close(Exception):
    def __init__(self, code: int, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


def _rate_limited() -> Refusal:
    return Refusal(protocol.CLOSE_RATE_LIMITED, "rate_limited", N_("server.too_many_failures"),
                   failed=True)


def _unguessable(hello: messages.Hello) -> bool:
    """A hello whose credential nobody guesses (a seat token, a trainer code, the organiser
    key): still admitted from an address blocked for guessing join codes, since a whole
    training group often shares one office address."""
    return bool(hello.token or hello.key or (hello.as_ == ActorKind.TRAINER and hello.code))


def _bad_credentials() -> Refusal:
    return Refusal(protocol.CLOSE_BAD_CREDENTIALS, "bad_credentials",
                   N_("server.bad_credentials"), failed=True)


def _lang_of(msg: dict[str, Any]) -> Lang:
    """The language a hello asks for, even one refused for its shape (else French)."""
    code = msg.get("lang")
    return lang_for(code if isinstance(code, str) and code in LANGS else DEFAULT_LANG)


def _reason(code: str, text: str) -> str:
    """A close reason: the code, then the message, cut to what a close frame holds."""
    return f"{code}: {text}".encode()[:120].decode("utf-8", "ignore")


def _action_id(msg: dict[str, Any]) -> str:
    a = msg.get("a")
    aid = a.get("id") if isinstance(a, dict) else None
    return aid[:64] if isinstance(aid, str) else ""


def _reject(aid: str, r: Rejection, lang: Lang) -> dict[str, Any]:
    return {"t": protocol.REJECT, "id": aid, "code": r.code, "message": lang.t(r.message_key),
            "detail": r.detail}


def _not_stored(aid: str, lang: Lang) -> dict[str, Any]:
    return {"t": protocol.ERROR, "id": aid, "code": "storage",
            "message": lang.t("server.action_not_stored"), "detail": ""}


def _push(ws: ServerConnection, msg: dict[str, Any]) -> None:
    """Send without waiting: the frame goes to the connection's buffer, in order."""
    fanout.send((ws,), protocol.encode(msg))


def _level(error: BaseException) -> int:
    """How loud a failed commit is: a room another server took over (after this one was cut
    off or frozen) is an expected event of shared stores, not an error."""
    from .pgstore import RoomsLost

    return logging.WARNING if isinstance(error, RoomsLost) else logging.ERROR
