"""Welcomes of large rooms built off the event loop: by the welcome worker, or a forked child.

Where the server has a store the worker can read (always, in `ilot serve`), a large welcome is
built by the long-lived worker of `welcomer.py`, which costs the loop neither a fork nor its
copy-on-write faults (`mode = "worker"`). The forked child below is the way where there is none
or it failed (`mode = "fork"`), and the loop itself the last resort (`mode = "loop"`, no fork,
or a child that failed).

Building a snapshot welcome (view + msgpack + zlib) costs the loop ~12-15 ns per byte of state:
~10 ms for a realistic two-day session, ~170 ms after a long bot session, and every action of
every room waits behind it. A thread would not help (the work holds the GIL) and a copy of the
state (`clone_state`) costs the loop about as much as the view itself. A fork is the copy: at a
quiet point (no group commit under way, so the state holds exactly the committed events up to
seq W) the server forks; the child builds the frame from its copy-on-write image of the state
with the very same code (`Room.welcome_frame`) and writes it to a pipe, then exits. The loop pays
for the fork itself (page tables: ~2-6 ms for a server of 70 MB), reads the pipe, and takes a
copy-on-write fault for each page it writes while the child lives (Python writes reference
counts on every object it touches: ~5 000 faults per fork at the bench's target load, 10-15 us
each on its VM; docs/BENCHMARKS.md, issue 14).

Meanwhile the connection is registered but *held* (`Room.hold`): frames for it are kept, tagged
with the room's seq; when the welcome (seq W) is ready it is sent first, then the kept frames
whose seq is after W, in order, then the presence (`Room.release`). Nothing is missed (the
connection is registered before W is taken) nor duplicated (frames up to W are dropped).

One child at a time; a child waits GATHER_S for the welcomes asked for with the first one, and
the welcomes asked for while it works are built together by the next one (a group back after a
network cut costs one fork, not one each). The child runs at SCHED_IDLE, on CPU time the server
leaves (`_background`). Where fork is missing (Windows), fails, or the child fails, the welcome
is built on the loop at the next quiet point, with the same hold and release.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import struct
from collections.abc import Awaitable, Callable

from ilot.game.core.decide import Actor

from .room import Room
from .welcomer import WelcomeWorker

log = logging.getLogger("ilot.server")

OFF_LOOP_EVENTS = 1000  # a room with this many events gets its snapshots built off the loop
OFF_LOOP_BYTES = 100_000  # … or one whose last snapshot weighed this much (msgpack, plain)
SMALL_CATCH_UP = 200  # a rejoin missing at most this many events is answered on the loop
GATHER_S = 0.02  # a child waits this long for other welcomes to build with the first one
_HEAD = struct.Struct("!QQ")  # before each frame the child writes: the state's size, the frame's


class _Request:
    __slots__ = ("actor", "compress", "done", "last_seq", "room", "token")

    def __init__(self, room: Room, actor: Actor, last_seq: int | None, token: str | None,
                 compress: bool, done: asyncio.Future[tuple[int, bytes] | None]):
        self.room, self.actor, self.last_seq, self.token = room, actor, last_seq, token
        self.compress, self.done = compress, done

    def frame(self) -> bytes:
        return self.room.welcome_frame(self.actor, self.last_seq, self.token,
                                       compress=self.compress)


class SnapshotBuilder:
    def __init__(self, parallel: int = 1, fork: bool = hasattr(os, "fork"),
                 source: str | None = None):
        self.fork = fork
        # `source`: the store the welcome worker reads (a SQLite file or a postgresql:// URL)
        self.worker = WelcomeWorker(source) if source else None
        self.mode = "worker" if source else "fork" if fork else "loop"
        self.parallel = parallel
        self._slots: asyncio.Semaphore | None = None
        self._waiting: list[_Request] = []
        self.built_off_loop = 0  # counts, for tests and benches
        self.built_on_loop = 0
        self.forks = 0

    def off_loop(self, room: Room, last_seq: int | None) -> bool:
        """Whether this welcome is worth building off the loop (a large snapshot)."""
        seq = room.state.seq
        if last_seq is not None and 0 <= last_seq <= seq and seq - last_seq <= SMALL_CATCH_UP:
            return False
        return seq >= OFF_LOOP_EVENTS or room.snapshot_cost() >= OFF_LOOP_BYTES

    async def build(self, room: Room, actor: Actor, last_seq: int | None, token: str | None,
                    compress: bool, quiet: Callable[[], Awaitable[None]]) -> tuple[int, bytes]:
        """(W, the welcome frame at seq W). `quiet` waits until no commit is under way; W is
        taken right after it, with no await in between. Welcomes asked for while a child is
        at work are built together by the next child (a group back after a cut: one fork)."""
        if self.mode == "worker" and self.worker is not None and self.worker.usable():
            await quiet()
            seq = room.state.seq
            got = await self.worker.build(room.code, seq, actor.kind, actor.id, last_seq, token,
                                          compress, room.snapshot_size())
            if got is not None:
                room.set_snapshot_cost(got[0])
                self.built_off_loop += 1
                return seq, got[1]
        if self.mode in ("worker", "fork") and self.fork:  # (no worker, or it failed)
            if self._slots is None:
                self._slots = asyncio.Semaphore(self.parallel)
            req = _Request(room, actor, last_seq, token, compress,
                           asyncio.get_running_loop().create_future())
            self._waiting.append(req)
            while not req.done.done():
                # one child at a time: with 2 cores, two children (and the server) competing
                # doubled the longest hold of the loop (bench/bench_rejoin_load.py)
                async with self._slots:
                    if not req.done.done():
                        # the hellos of a group back after a cut come within a few ms: one
                        # fork for all of them (each fork costs the loop the fork itself and
                        # the copy-on-write faults of the pages it writes while the child lives)
                        if GATHER_S:
                            await asyncio.sleep(GATHER_S)
                        await quiet()
                        await self._run(self._take(req))
            out = req.done.result()
            if out is not None:
                return out
        await quiet()
        self.built_on_loop += 1
        return room.state.seq, room.welcome_frame(actor, last_seq, token, compress=compress)

    def warm(self, room: Room) -> None:
        """A large room just loaded (server start, takeover): the worker makes its replica."""
        if self.mode == "worker" and self.worker is not None and (
                room.state.seq >= OFF_LOOP_EVENTS or room.snapshot_cost() >= OFF_LOOP_BYTES) \
                and self.worker.usable():
            self.worker.warm(room.code, room.state.seq)

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()

    def _take(self, req: _Request) -> list[_Request]:
        batch = [r for r in self._waiting if not r.done.done()]
        self._waiting = []
        return batch if req in batch else [*batch, req]

    async def _run(self, batch: list[_Request]) -> None:
        """Build the welcomes of `batch` in one child, at the current (quiet) state; each
        request's future gets (W, frame), or None when the child failed."""
        seqs = [r.room.state.seq for r in batch]
        out: list[tuple[int, bytes]] | None = None
        try:
            child = _spawn(batch)
            if child is not None:
                self.forks += 1
                out = await _collect(*child, len(batch))
        finally:
            for i, r in enumerate(batch):
                if out is not None:
                    r.room.set_snapshot_cost(out[i][0])
                    self.built_off_loop += 1
                if not r.done.done():
                    r.done.set_result((seqs[i], out[i][1]) if out is not None else None)


CHILD_TIMEOUT = 10.0  # seconds a child may take; a realistic welcome takes well under 0.1 s


def _spawn(batch: list[_Request]) -> tuple[int, int] | None:
    """Fork a child that writes the welcomes to a pipe: (pid, read end), or None."""
    r, w = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(r)
        os.close(w)
        log.warning("fork failed (%s): building a welcome on the event loop", exc)
        return None
    if pid == 0:  # the child: no logging, no store, no loop; never returns
        code = 1
        try:
            os.close(r)
            _quiet_signals()
            gc.disable()  # no collection touching every page of the copied heap
            _background()
            for req in batch:
                frame = req.frame()
                data = memoryview(_HEAD.pack(req.room.snapshot_size(), len(frame)) + frame)
                while data:
                    data = data[os.write(w, data):]
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    return pid, r


IDLE_CHILD = True  # the child runs at SCHED_IDLE where there is one (else at nice 10)


def _background() -> None:
    """In the child: leave the CPU to the server. At SCHED_IDLE (Linux) the child runs only on
    CPU time nothing else wants, and the loop, when it wakes up on the child's CPU, takes it
    back at once; at nice 10 the loop could wait for the end of the child's time slice (the
    kernel protects a running task's slice), and each action in flight with it. The cost: on a
    machine whose cores are all busy, the child may wait until CHILD_TIMEOUT (then the
    welcome is built on the loop)."""
    if IDLE_CHILD and hasattr(os, "SCHED_IDLE"):
        with contextlib.suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            return
    with contextlib.suppress(OSError):
        os.nice(10)


def _quiet_signals() -> None:
    """In the child: a signal (Ctrl-C to the process group, a TERM) ends it at once, and never
    reaches the server's loop through the wake-up fd the child shares with it."""
    with contextlib.suppress(ValueError, OSError):
        signal.set_wakeup_fd(-1)
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):
            signal.signal(sig, signal.SIG_DFL)


async def _collect(pid: int, r: int, n: int) -> list[tuple[int, bytes]] | None:
    """Read the child's answer (the loop only copies bytes), reap it; None if it failed."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()
    chunks: list[bytes] = []

    def readable() -> None:
        try:
            chunk = os.read(r, 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if chunk:
            chunks.append(chunk)
        elif not done.done():
            done.set_result(None)

    os.set_blocking(r, False)
    loop.add_reader(r, readable)
    try:
        await asyncio.wait_for(done, CHILD_TIMEOUT)
    except TimeoutError:  # a child stuck (a lock copied held by the fork): end it, build here
        log.warning("a welcome child took over %s s: killed, building on the loop", CHILD_TIMEOUT)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        chunks = []
    finally:
        loop.remove_reader(r)
        os.close(r)
        _, status = await loop.run_in_executor(None, os.waitpid, pid, 0)
    data = memoryview(b"".join(chunks))
    out: list[tuple[int, bytes]] = []
    at = 0
    while len(out) < n and len(data) - at >= _HEAD.size:
        size, length = _HEAD.unpack_from(data, at)
        at += _HEAD.size
        out.append((size, bytes(data[at:at + length])))
        at += length
    if os.waitstatus_to_exitcode(status) != 0 or len(out) < n or at != len(data):
        log.warning("welcomes built off the loop failed (status %s): building them on the loop",
                    status)
        return None
    return out
