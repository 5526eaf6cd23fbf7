"""Welcomes of large rooms built by a long-lived worker process that reads the log.

The forked child of `snapshots.py` costs the event loop the fork, then a copy-on-write fault for
each page the loop writes while the child lives (~5 000 per fork at the target load: Python
writes reference counts on every object it touches). The worker costs it neither. It is started
once (at server start or takeover when a room is large, else at the first large welcome; again
30 s after it failed), opens the store for reading, and keeps a replica of each large room.
Asked for the welcome of room R at seq W, where W was taken at a quiet point (every event up to
W is committed), it reads from the log the events after its replica's seq up to W, applies them
(`evolve` is deterministic: the state the server has at W, as after a restart), and builds the
frame with the server's own code (`Room.welcome_frame`). The loop sends a request of a few
hundred bytes and reads the frame. The worker runs at SCHED_IDLE, on CPU time the server leaves;
it builds welcomes before it makes the replicas asked for in advance (`warm`).

Between them, two pipes; each message is a 4-byte length and a msgpack map. The first message
names the store (on stdin, not the command line, where `ps` would show a database password).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import signal
import struct
import subprocess
import sys
import threading
from collections import OrderedDict, deque
from pathlib import Path
from typing import Any

import msgpack

log = logging.getLogger("ilot.server")

_LEN = struct.Struct("!I")
REPLICAS = 8  # rooms the worker keeps a replica of (the least recently asked for goes first)
TIMEOUT = 10.0  # seconds a welcome may take; a realistic one takes well under 0.1 s
RESTART_AFTER = 30.0  # seconds before a worker that died is started again


def code_id() -> str:
    """A fingerprint of the code that shapes a welcome (the core, the protocol, the room): the
    same in the server and its worker, unless the installed package changed in between."""
    import ilot.game.core
    import ilot.game.net.protocol

    from . import room

    digest = hashlib.blake2b(digest_size=8)
    core = Path(ilot.game.core.__file__).parent
    for path in sorted([*core.rglob("*.py"), Path(ilot.game.net.protocol.__file__),
                        Path(room.__file__), Path(__file__)]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


CODE_ID = code_id()  # as the server was started: a worker started later must run the same code


def _pack(message: dict[str, Any]) -> bytes:
    body = msgpack.packb(message, use_bin_type=True)
    return _LEN.pack(len(body)) + body


class WelcomeWorker:
    """The server's side: start the worker, send requests, match the answers."""

    def __init__(self, source: str):
        self.source = source  # a SQLite file or a postgresql:// URL
        self.proc: subprocess.Popen[bytes] | None = None
        self._pending: dict[int, asyncio.Future[tuple[int, bytes] | None]] = {}
        self._next = 0
        self._buffer = bytearray()
        self._failed_at: float | None = None
        self.closed = False  # stopped with the server: never started again
        self.started = 0  # workers started (tests, benches)

    def usable(self) -> bool:
        """Whether a request may go to the worker (starting it if need be)."""
        if self.proc is not None:
            return True
        if self.closed:
            return False
        if getattr(sys, "frozen", False) or os.name == "nt":  # no `python -m` in a bundled
            return False  # executable; no non-blocking pipes on Windows: the fork, or the loop
        loop = asyncio.get_running_loop()
        if self._failed_at is not None and loop.time() - self._failed_at < RESTART_AFTER:
            return False
        try:
            self._start(loop)
        except OSError as exc:
            log.warning("the welcome worker could not start (%s): welcomes built without it", exc)
            self._failed_at = loop.time()
            return False
        return True

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        proc = subprocess.Popen([sys.executable, "-m", "ilot.server.welcomer"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        assert proc.stdin is not None and proc.stdout is not None
        os.set_blocking(proc.stdin.fileno(), False)
        os.set_blocking(proc.stdout.fileno(), False)
        self.proc = proc
        self.started += 1
        self._buffer.clear()
        self._send({"source": self.source, "code": CODE_ID})
        loop.add_reader(proc.stdout.fileno(), self._readable)

    def warm(self, code: str, seq: int) -> None:
        """Have the worker make its replica of a room now (a room loaded at start or taken over
        from another server), so that the first rejoins into it do not wait for that."""
        self._send({"room": code, "seq": seq})

    async def build(self, code: str, seq: int, kind: str, who: str, last_seq: int | None,
                    token: str | None, compress: bool, size: int) -> tuple[int, bytes] | None:
        """(the state's encoded size, the welcome frame at `seq`), or None if the worker failed
        (the caller builds it another way). `size`: the room's last snapshot size as the server
        knows it (`Room.snapshot_size`), so that the worker picks events or a snapshot for a
        catch-up exactly as the server would."""
        self._next += 1
        n = self._next
        done: asyncio.Future[tuple[int, bytes] | None] = asyncio.get_running_loop().create_future()
        self._pending[n] = done
        if not self._send({"id": n, "room": code, "seq": seq, "kind": kind, "who": who,
                           "last_seq": last_seq, "token": token, "compress": compress,
                           "size": size}):
            self._pending.pop(n, None)
            return None
        try:
            return await asyncio.wait_for(asyncio.shield(done), TIMEOUT)
        except TimeoutError:
            log.warning("the welcome worker took over %s s: stopped, welcomes built without it",
                        TIMEOUT)
            self._failed()
            return None

    def _send(self, message: dict[str, Any]) -> bool:
        if self.proc is None or self.proc.stdin is None:
            return False
        data = memoryview(_pack(message))
        try:
            while data:  # a few hundred bytes: the pipe takes them unless the worker is stuck
                data = data[os.write(self.proc.stdin.fileno(), data):]
        except (BlockingIOError, OSError) as exc:
            log.warning("the welcome worker does not read (%s): welcomes built without it", exc)
            self._failed()
            return False
        return True

    def _readable(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        try:
            chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            log.warning("the welcome worker stopped (status %s): welcomes built without it",
                        self.proc.poll())
            self._failed()
            return
        self._buffer += chunk
        while len(self._buffer) >= _LEN.size:
            (length,) = _LEN.unpack_from(self._buffer)
            if len(self._buffer) < _LEN.size + length:
                break
            try:
                answer = msgpack.unpackb(bytes(self._buffer[_LEN.size:_LEN.size + length]),
                                         raw=False)
                n = answer.get("id")
            except Exception as exc:  # not an answer of ours: the stream cannot be trusted
                log.warning("the welcome worker wrote %r: stopped, welcomes built without it", exc)
                self._failed()
                return
            del self._buffer[:_LEN.size + length]
            if "refused" in answer:  # the package changed since the server started
                log.warning("the welcome worker refused: %s; welcomes built without it until "
                            "the server restarts", answer["refused"])
                self.closed = True
                self._failed()
                return
            done = self._pending.pop(n, None)
            if done is None or done.done():
                continue
            if "error" in answer:
                log.warning("the welcome worker failed: %s: built without it",
                            answer["error"])
                done.set_result(None)
            else:
                done.set_result((answer["size"], answer["frame"]))

    def _failed(self) -> None:
        """Kill the worker (it may be stuck: no waiting on the loop); every pending welcome is
        built another way; a new worker is started RESTART_AFTER s later."""
        loop = asyncio.get_running_loop()
        proc = self._forget()
        if proc is not None:
            with contextlib.suppress(OSError):
                proc.kill()
            loop.run_in_executor(None, proc.wait)  # reaped off the loop
        self._failed_at = loop.time()

    def stop(self) -> None:
        """With the server: the worker exits when its stdin closes (killed after 2 s)."""
        self.closed = True
        proc = self._forget()
        if proc is None:
            return
        try:
            proc.wait(2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def _forget(self) -> subprocess.Popen[bytes] | None:
        """Resolve the pending welcomes (None), stop reading, close the pipes."""
        proc, self.proc = self.proc, None
        for done in self._pending.values():
            if not done.done():
                done.set_result(None)
        self._pending.clear()
        if proc is None:
            return None
        assert proc.stdin is not None and proc.stdout is not None
        with contextlib.suppress(Exception):
            asyncio.get_running_loop().remove_reader(proc.stdout.fileno())
        for stream in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        return proc


# ----- the worker process -----
class _Replicas:
    """The rooms the worker follows, each at the seq of its last welcome."""

    def __init__(self, db: Any):
        self.db = db
        self.rooms: OrderedDict[str, Any] = OrderedDict()

    def at(self, code: str, seq: int) -> Any:
        """The room (`server.room.Room`, without a store) with every event up to `seq`."""
        from ilot.game.core import evolve, replay
        from ilot.game.storage.reading import read_events, read_scenario

        from .room import Room

        room = self.rooms.pop(code, None)
        # the events from the replica's last one on; that one must be the same (a room deleted
        # and another imported under its code would not be)
        events = read_events(self.db, code, room.state.seq - 1) if room is not None else []
        if room is None or room.state.seq > seq or not events or _key(events[0]) != _key(room.log[-1]):
            scenario = read_scenario(self.db, code)
            events = [e for e in read_events(self.db, code) if e.seq <= seq]
            # no store: a replica is never written to, only asked for welcome frames
            room = Room(code, scenario, None, replay(scenario, events), events, 0)  # type: ignore[arg-type]  # never used here
        else:
            for e in events[1:]:
                if e.seq > seq:
                    break
                evolve(room.state, e)
                room.log.append(e)
        self.rooms[code] = room
        while len(self.rooms) > REPLICAS:
            self.rooms.popitem(last=False)
        if room.state.seq != seq:
            raise LookupError(f"room {code}: the log stops at {room.state.seq}, not {seq}")
        return room


def _key(e: Any) -> tuple[Any, ...]:
    return e.seq, e.t, e.by, e.aid, e.type


def _open(source: str) -> Any:
    from ilot.game.storage.pg import is_store_url
    from ilot.game.storage.stores import open_pg

    if is_store_url(source):
        return open_pg(source, readonly=True, application="ilot-welcomes")
    import sqlite3
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(source)}?mode=ro", uri=True, isolation_level=None)


def _read(stream: Any) -> dict[str, Any] | None:
    head = stream.read(_LEN.size)
    if len(head) < _LEN.size:
        return None
    (length,) = _LEN.unpack(head)
    message: dict[str, Any] = msgpack.unpackb(stream.read(length), raw=False)
    return message


class _Inbox:
    """The requests read from stdin by a thread of their own: welcomes first, then the warms
    (at most REPLICAS, the latest), so that no rejoin waits behind a row of replays."""

    def __init__(self, stdin: Any):
        self.builds: deque[dict[str, Any]] = deque()
        self.warms: deque[dict[str, Any]] = deque(maxlen=REPLICAS)
        self.closed = False
        self._ready = threading.Condition()
        threading.Thread(target=self._read, args=(stdin,), daemon=True).start()

    def _read(self, stdin: Any) -> None:
        while (req := _read(stdin)) is not None:
            with self._ready:
                (self.builds if "id" in req else self.warms).append(req)
                self._ready.notify()
        with self._ready:
            self.closed = True
            self._ready.notify()

    def next(self) -> dict[str, Any] | None:
        """The next request, or None once stdin closed (the server stopped or died)."""
        with self._ready:
            while not (self.builds or self.warms or self.closed):
                self._ready.wait()
            if self.builds:
                return self.builds.popleft()
            return self.warms.popleft() if self.warms else None


def main() -> None:
    """Answer requests until stdin closes (the server stopped or died)."""
    from ilot.game.core.decide import Actor
    from ilot.game.core.kinds import ActorKind

    from .snapshots import _background

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    _background()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    first = _read(stdin)
    if first is None:
        return
    if first.get("code") != CODE_ID:
        sys.stdout.buffer.write(_pack({"refused": "the installed code changed since the server "
                                                  "started"}))
        sys.stdout.buffer.flush()
        return
    replicas = _Replicas(_open(first["source"]))
    inbox = _Inbox(stdin)
    while (req := inbox.next()) is not None:
        if "id" not in req:  # warm: the replica only
            with contextlib.suppress(Exception):
                replicas.at(req["room"], req["seq"])
            continue
        try:
            room = replicas.at(req["room"], req["seq"])
            room.set_snapshot_cost(req["size"])  # a catch-up decided as the server would
            frame = room.welcome_frame(Actor(ActorKind(req["kind"]), req["who"]), req["last_seq"],
                                       req["token"], compress=req["compress"])
            answer: dict[str, Any] = {"id": req["id"], "size": room.snapshot_size(),
                                      "frame": frame}
        except Exception as exc:  # the server builds this one another way
            answer = {"id": req["id"], "error": repr(exc)}
        stdout.write(_pack(answer))
        stdout.flush()


if __name__ == "__main__":
    main()
