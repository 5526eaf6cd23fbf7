"""Rooms of a store shared by several servers (PostgreSQL): taking, redirecting, losing.

A server holds only the rooms it claimed (`PgStore.claim`, an advisory lock). A hello for a room
it does not hold:
- takes the room when no server holds it (never opened here, or its holder died: a *takeover*):
  the room is loaded from the log, its connections left open by the dead holder are closed in
  the attendance rows, and the hello goes on as usual;
- is answered `moved` with the holder's URL (close 4010) when another server holds it.

A room lost (the writer's connection was cut and another server took the room meanwhile) is
dropped here and its clients are closed with `moved`: they reconnect where it is now. A server
that stops answering without dying (frozen) loses its rooms after the hold time
(`PgStore.hold`): `keep_alive` is what keeps a running server's writer session, and its rooms.
When it runs again, a hello that comes before its next beat waits for that beat (the database
last answered longer ago than half the hold: `overdue`), so it is sent to the room's new holder,
never welcomed into a room this server lost while frozen.
Servers with a SQLite store never come here (`store.shared` is false).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import TYPE_CHECKING, Any

from ilot.game.core.kinds import ActorKind
from ilot.game.core.scenario import Scenario
from ilot.game.net import messages, protocol
from ilot.game.text import DEFAULT_LANG, lang_for

from . import codes
from .room import Room

if TYPE_CHECKING:
    from .app import IlotServer

log = logging.getLogger("ilot.server")


class Moved(Exception):
    """The room is held by another server, reached at `url`."""

    def __init__(self, room: str, url: str):
        super().__init__(f"room {room} is held at {url}")
        self.room, self.url = room, url


class Unreachable(Exception):
    """The database failed while the room was being taken: try again later."""


class Takeover:
    def __init__(self, server: IlotServer):
        self.server = server
        self._taking: dict[str, asyncio.Future[None]] = {}
        self._sending: set[asyncio.Task[None]] = set()
        self._beat: asyncio.TimerHandle | None = None
        self._beating: asyncio.Future[None] | None = None
        self.alive_at = time.monotonic()  # when the database last answered the writer

    @property
    def writer(self) -> Any:  # PgStore
        return self.server._writer_store

    async def take_for(self, hello: messages.Hello) -> None:
        """Before a hello is admitted: make sure this server holds its room, if the room exists
        (an unknown code is left to the usual `unknown_room`). Raises Moved."""
        if hello.as_ == ActorKind.ORGANISER or not hello.room:
            return
        code = codes.normalise(hello.room)
        if code in self.server.rooms and self.overdue():
            await self._confirm(code)
        while code not in self.server.rooms:
            pending = self._taking.get(code)
            if pending is None:
                break
            await asyncio.shield(pending)  # another hello of this room is taking it
        if code in self.server.rooms:
            return
        store = self.server.store
        if not store.room_exists(code):
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._taking[code] = done
        try:
            await self._take(code)
        except Moved:
            raise
        except Exception as exc:
            if not store.outage(exc):
                raise
            log.warning("room %s not taken: the database failed: %r", code, exc)
            raise Unreachable(code) from None
        finally:
            del self._taking[code]
            done.set_result(None)

    async def _take(self, code: str) -> None:
        server = self.server
        loop = asyncio.get_running_loop()
        got = await loop.run_in_executor(server._writer, self.writer.claim, code,
                                         server.public_url)
        if not got:
            owner = server.store.owner(code)
            raise Moved(code, owner[1] if owner else "")
        started = loop.time()
        server.rooms[code] = Room.load(code, server.store, server.max_seats)
        server.recorder.close_open_room(code, self.writer.previous.get(code, ""))
        server.snapshots.warm(server.rooms[code])
        log.info("room %s taken (%d events replayed in %.0f ms)", code,
                 server.rooms[code].state.seq, (loop.time() - started) * 1000)

    def created(self, code: str) -> None:
        """A room just created here: hold it (the writer is idle: called once quiet)."""
        if not self.writer.claim(code, self.server.public_url):
            self.server.rooms.pop(code, None)
            raise RuntimeError(f"room {code} was claimed by another server as it was created")

    def open_room_of(self, scenario: Scenario) -> str | None:
        """The most recent open room of this scenario in the shared store that no other server
        holds, taken here (`ilot serve --scenario X` restarted)."""
        wanted = scenario.model_dump(mode="json")
        rows = self.server.store.db.execute(
            "SELECT room, scenario FROM rooms ORDER BY created_at DESC, room DESC").fetchall()
        for code, text in rows:
            if json.loads(text) != wanted:
                continue
            if code not in self.server.rooms:
                if not self.writer.claim(code, self.server.public_url):
                    continue
                self.server.rooms[code] = Room.load(code, self.server.store, self.server.max_seats)
                self.server.recorder.close_open_room(code, self.writer.previous.get(code, ""))
                self.server.snapshots.warm(self.server.rooms[code])
            if self.server.rooms[code].state.closed_at is None:
                return str(code)
        return None

    def keep_alive(self) -> None:
        """Every quarter of the hold time, while no commit is under way (a commit is a sign of
        life too): `alive` on the writer's thread and connection, then drop the rooms it found
        lost (the session had been ended: this server was frozen longer than the hold)."""
        hold = getattr(self.writer, "hold", None)
        if not hold:
            return
        server = self.server
        loop = asyncio.get_running_loop()
        if not server._committing:
            self._check()
        self._beat = loop.call_later(hold / 4, self.keep_alive)

    def lived(self) -> None:
        """The database answered the writer (a commit went through)."""
        self.alive_at = time.monotonic()

    def overdue(self) -> bool:
        """Whether the database last answered longer ago than half the hold: this server may
        have been frozen (SIGSTOP, a paused VM) long enough to lose its rooms."""
        hold = getattr(self.writer, "hold", None)
        return bool(hold) and time.monotonic() - self.alive_at > hold / 2

    def _check(self) -> asyncio.Future[None]:
        """`alive` on the writer's thread and connection (one at a time; callers share it),
        then drop the rooms it found lost."""
        if self._beating is None:
            self._beating = asyncio.get_running_loop().run_in_executor(
                self.server._writer, self.writer.alive)
            self._beating.add_done_callback(self._alive)
        return self._beating

    async def _confirm(self, code: str) -> None:
        """Before a welcome from a server that may have been frozen: a beat now (its room is
        dropped if another server took it meanwhile). Raises Unreachable if the database does
        not answer within the hold."""
        check = self._check()
        done, _ = await asyncio.wait([check], timeout=self.writer.hold)
        if not done or check.cancelled() or check.exception() is not None:
            raise Unreachable(code)

    def _alive(self, future: asyncio.Future[None]) -> None:
        self._beating = None
        error = future.exception() if not future.cancelled() else None
        if error is not None:
            log.warning("the writer's database session did not answer: %r", error)
        else:
            self.lived()
        self.drop_lost()

    def stop(self) -> None:
        if self._beat is not None:
            self._beat.cancel()
            self._beat = None

    def let_go(self, room: Room) -> None:
        """Forget a room whose state cannot be trusted nor rebuilt now (the database is down):
        its clients are closed with 1011 `storage` and come back; the room is then taken again
        from the log (this server may still hold its lock: `claim` says so at once)."""
        if self.server.rooms.get(room.code) is room:
            del self.server.rooms[room.code]
        for ws in list(room.clients) + list(room.held):
            self._close(ws, {"code": "storage",
                             "message": lang_for(DEFAULT_LANG).t("server.room_not_reachable"),
                             "detail": "database"}, 1011)

    def _close(self, ws: Any, error: dict[str, Any], code: int) -> None:
        task = asyncio.ensure_future(_close_with(ws, error, code))
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    def drop_lost(self) -> None:
        """Forget the rooms another server took while our connection was cut; their clients are
        closed with `moved` and reconnect to the new holder."""
        if not self.server.store.shared:
            return
        for code in self.writer.take_lost():
            room = self.server.rooms.pop(code, None)
            if room is None:
                continue
            owner = self.server.store.owner(code)
            url = owner[1] if owner else ""
            log.warning("room %s is held by %s now: its %d connection(s) are sent there",
                        code, url or "another server", len(room.clients))
            message = lang_for(DEFAULT_LANG).t("server.moved")
            for ws in list(room.clients) + list(room.held):
                self._close(ws, {"code": "moved", "url": url, "message": message,
                                 "detail": url}, protocol.CLOSE_MOVED)


async def _close_with(ws: Any, error: dict[str, Any], code: int) -> None:
    from websockets.exceptions import ConnectionClosed

    try:
        await ws.send(protocol.encode({"t": protocol.ERROR, **error}))
        await ws.close(code, f"{error['code']}: {error['message']}".encode()[:120]
                       .decode("utf-8", "ignore"))
    except ConnectionClosed:
        pass
