"""The client's network side: an asyncio loop on a background thread.

The UI thread never waits on the network. It calls `act()` (which returns at once) and drains
`inbox` each frame. Every action keeps its client id until the server acks or rejects it; after a
cut the thread rejoins with the seat token and the last sequence number it saw, then re-sends the
pending actions with the SAME ids, so the server applies each one exactly once.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ilot.game.net.protocol import ACK, CLOSE_BAD_CREDENTIALS, EVENTS, REJECT, WELCOME

from . import failures, seats

# close codes after which retrying cannot help
FATAL_CODES = {4000, 4001, 4003, 4004, 4009}
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 3.0)


class NetThread:
    """Owns one connection to a room. Messages for the UI arrive in `inbox` as dicts.

    Besides server messages the UI receives {"t": "status", "status": "connecting" |
    "online" | "reconnecting" | "failed", "code"?, "reason"?, "cause"?} (`failures.Cause`).
    """

    def __init__(self, url: str, hello: dict[str, Any], *, wake: Callable[[], None] | None = None,
                 open_fn: Callable[..., Any] | None = None):
        self.url = url
        self.hello = dict(hello)
        # A participant joining by name: rejoin the seat saved on this laptop if there is one,
        # and let the server recognise a hello repeated after a cut (join_id).
        self._name = self.hello.get("name") if self.hello.get("as", "participant") == "participant" else None
        self._recalled = False
        if self._name and "token" not in self.hello and self.hello.get("room"):
            token = seats.recall(url, self.hello["room"], self._name)
            if token:
                self.hello["token"] = token
                self.hello.pop("name")
                self._recalled = True
            else:
                self.hello.setdefault("join_id", uuid.uuid4().hex)
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.pending: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.last_seq = 0
        self.status = "connecting"
        self._wake = wake or (lambda: None)
        self._open_fn = open_fn
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._conn: Any = None
        self._stop: asyncio.Event | None = None
        self._outbox: asyncio.Queue[dict[str, Any]] | None = None
        self._ready = threading.Event()
        self._full = False
        self._quiet = False
        self._thread = threading.Thread(target=self._run, name="ilot-net", daemon=True)

    # ----- UI thread side -----
    def start(self) -> NetThread:
        self._thread.start()
        self._ready.wait(5)
        return self

    def act(self, action: dict[str, Any]) -> str:
        """Queue an action; returns its client action id. Never blocks."""
        action = dict(action)
        aid = str(action.setdefault("id", uuid.uuid4().hex))
        with self._lock:
            self.pending[aid] = action
        self._queue({"t": "act", "a": action})
        return aid

    def send(self, msg: dict[str, Any]) -> None:
        self._queue(dict(msg))

    def _queue(self, msg: dict[str, Any]) -> None:
        """Put `msg` on the network loop's outbox (from the UI thread)."""
        def put() -> None:
            if self._outbox is not None:
                self._outbox.put_nowait(msg)
        self._call(put)

    def drop_connection(self) -> None:
        """Close the socket as a network cut would (used by tests and the debug key)."""
        async def _drop() -> None:
            if self._conn is not None:
                ws = getattr(self._conn, "ws", None) or getattr(self._conn, "_ws", None)
                if ws is not None and hasattr(ws, "transport"):
                    ws.transport.abort()
                else:
                    await self._conn.close()
        self._call(lambda: asyncio.ensure_future(_drop()))

    def resync(self) -> None:
        """Rejoin at once for a full view (e.g. to receive my private objectives after choosing
        a persona): quietly, without the reconnect banner."""
        self._full = True
        self._quiet = True
        self.drop_connection()

    def stop(self, timeout: float = 3.0) -> None:
        if self._loop is not None and self._stop is not None:
            self._call(self._stop.set)
        self._thread.join(timeout)

    def pending_count(self) -> int:
        with self._lock:
            return len(self.pending)

    def _call(self, fn: Callable[[], Any]) -> None:
        if self._loop is not None and not self._loop.is_closed():
            try:
                self._loop.call_soon_threadsafe(fn)
            except RuntimeError:  # loop closing
                pass

    def _post(self, msg: dict[str, Any]) -> None:
        self.inbox.put(msg)
        self._wake()

    def _set_status(self, status: str, **extra: Any) -> None:
        self.status = status
        self._post({"t": "status", "status": status, **extra})

    # ----- network thread side -----
    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._stop = asyncio.Event()
        self._outbox = asyncio.Queue()
        self._ready.set()
        try:
            loop.run_until_complete(self._main())
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _open(self, hello: dict[str, Any]) -> Any:
        if self._open_fn is not None:
            return await self._open_fn(self.url, hello)
        from ilot.game.net.client import Connection
        return await Connection.open(self.url, hello, timeout=10.0)

    async def _main(self) -> None:
        assert self._stop is not None and self._outbox is not None
        attempt = 0
        first = True
        while not self._stop.is_set():
            hello = dict(self.hello)
            if not first and not self._full:
                hello["last_seq"] = self.last_seq
            try:
                conn = await self._open(hello)
            except Exception as exc:  # ConnectError, OSError, timeouts
                code = getattr(exc, "code", 0)
                reason = getattr(exc, "reason", "") or str(exc)
                if code == CLOSE_BAD_CREDENTIALS and self._recalled:
                    # the saved seat is gone (another server, a reset room): join anew by name
                    seats.forget(self.url, self.hello["room"])
                    self._recalled = False
                    self.hello.pop("token", None)
                    self.hello.update(name=self._name, join_id=uuid.uuid4().hex)
                    continue
                cause = failures.classify(exc)  # worded by the connect page
                if code in FATAL_CODES or (first and (attempt >= 2 or cause in failures.FINAL)):
                    self._set_status("failed", code=code, reason=reason, cause=cause)
                    return
                self._set_status("reconnecting" if not first else "connecting", reason=reason,
                                 cause=cause)
                delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)]
                attempt += 1
                try:
                    await asyncio.wait_for(self._stop.wait(), delay)
                except TimeoutError:
                    pass
                continue
            attempt = 0
            self._full = self._quiet = False
            self._conn = conn
            welcome = dict(conn.welcome)
            if welcome.get("token"):
                self.hello["token"] = welcome["token"]
                self.hello.pop("name", None)
                self.hello.pop("join_id", None)
                if self._name and self.hello.get("room"):
                    seats.remember(self.url, self.hello["room"], self._name, welcome["token"])
            self._note_seq(welcome)
            self._post(welcome)
            self._set_status("online")
            other = []  # queued while offline: acts are in `pending` already
            while not self._outbox.empty():
                msg = self._outbox.get_nowait()
                if msg.get("t") != "act":
                    other.append(msg)
            with self._lock:
                resend = list(self.pending.values())
            try:
                for action in resend:  # same ids: the server applies each at most once
                    await conn.send({"t": "act", "a": action})
                for msg in other:
                    await conn.send(msg)
            except Exception:
                pass  # the pump below notices the cut
            first = False
            await self._pump(conn)
            self._conn = None
            try:
                await conn.close()
            except Exception:
                pass
            if not self._stop.is_set() and not self._quiet:
                self._set_status("reconnecting")
                try:  # a short pause first: a server restarting needs a moment
                    await asyncio.wait_for(self._stop.wait(), RETRY_DELAYS[0])
                except TimeoutError:
                    pass

    def _note_seq(self, msg: dict[str, Any]) -> None:
        if msg.get("t") == WELCOME:
            if msg.get("state") is not None:
                self.last_seq = max(self.last_seq, int(msg["state"].get("seq", 0)))
            for e in msg.get("events") or ():
                self.last_seq = max(self.last_seq, int(e["seq"]))
        elif msg.get("t") == EVENTS:
            for e in msg.get("events", ()):
                if int(e["seq"]) > self.last_seq + 1 and not self._full:
                    self.resync()  # events were missed: the mirror waits for a snapshot
                    return
                self.last_seq = max(self.last_seq, int(e["seq"]))

    async def _pump(self, conn: Any) -> None:
        """Forward incoming messages and outgoing sends until the connection ends."""
        assert self._stop is not None and self._outbox is not None
        stop_task = asyncio.ensure_future(self._stop.wait())
        recv_task = asyncio.ensure_future(conn.recv())
        send_task = asyncio.ensure_future(self._outbox.get())
        try:
            while True:
                done, _ = await asyncio.wait({stop_task, recv_task, send_task},
                                             return_when=asyncio.FIRST_COMPLETED)
                if stop_task in done:
                    return
                if send_task in done:
                    msg = send_task.result()
                    try:
                        await conn.send(msg)
                    except Exception:
                        return  # stays pending; re-sent after reconnect
                    send_task = asyncio.ensure_future(self._outbox.get())
                if recv_task in done:
                    try:
                        msg = recv_task.result()
                    except Exception:
                        return
                    self._handle(msg)
                    recv_task = asyncio.ensure_future(conn.recv())
        finally:
            for task in (stop_task, recv_task, send_task):
                if not task.done():
                    task.cancel()

    def _handle(self, msg: dict[str, Any]) -> None:
        t = msg.get("t")
        if t in (ACK, REJECT):
            with self._lock:
                self.pending.pop(str(msg.get("id")), None)
        elif t == EVENTS:
            self._note_seq(msg)
        self._post(msg)
