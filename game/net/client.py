"""An asyncio connection to an Îlot server, used by bots, tests and the pygame client's thread.

`Connection.open` does the hello/welcome exchange; after that `recv` yields the server's messages
in order (events, acks, rejects, presence…). It keeps no game state: see `game.net.mirror`.
It asks for compressed snapshots and inflates them, so `welcome["state"]` is always a map.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from . import protocol


class ConnectError(Exception):
    """The server refused the hello (close code and reason), or could not be reached."""

    def __init__(self, code: int, reason: str):
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


def room_url(url: str, room: object) -> str:
    """`url` with the join code as its `room` query parameter (unless it has a query): the
    server reads the hello, not the URL, but a reverse proxy in front of several servers can
    route a room's connections on it (docs/DEPLOY.md)."""
    if not isinstance(room, str) or not room or "?" in url:
        return url
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/",
                       urlencode({"room": room}), ""))


MAX_REDIRECTS = 3  # `moved` answers followed by one `open` (servers sharing a store)
# keepalive: a ping every PING_INTERVAL s, the connection closed if its pong is PING_TIMEOUT s
# late: a server that stops answering (frozen, its machine gone, the network cut silently) is
# noticed within about 17 s (with the 2 s close timeout), rather than 42 s with websockets'
# defaults, and the client reconnects (with `last_seq`: the missed events, not a snapshot)
PING_INTERVAL = 5.0
PING_TIMEOUT = 10.0


class Connection:
    def __init__(self, ws: ClientConnection, welcome: dict[str, Any],
                 wire_welcome: dict[str, Any] | None = None, url: str = ""):
        self.ws = ws
        self.url = url  # the server that welcomed us (after redirects)
        self.welcome = welcome
        self.wire_welcome = welcome if wire_welcome is None else wire_welcome  # as received
        self._n = 0

    @classmethod
    async def open(cls, url: str, hello: dict[str, Any], *, timeout: float = 10.0,
                   compress: bool = True, redirects: int = MAX_REDIRECTS,
                   **connect_kwargs: Any) -> Connection:
        """Connect and send `hello`; with `compress` (unless the hello says otherwise) ask for
        compressed snapshot fields, inflated here into `welcome` (`wire_welcome` keeps them).
        A `moved` answer (the room is held by another server sharing the store) is followed to
        the `url` it gives, up to `redirects` times."""
        msg = dict(hello)
        base, url = url, room_url(url, msg.get("room"))
        msg.setdefault("t", protocol.HELLO)
        msg.setdefault("v", protocol.PROTOCOL_VERSION)
        if compress:
            msg.setdefault("compress", list(protocol.COMPRESSIONS))
        try:
            ws = await asyncio.wait_for(
                connect(url, compression=None, max_size=protocol.MAX_DOWN_FRAME,
                        open_timeout=timeout, **{"close_timeout": 2.0, "ping_interval": PING_INTERVAL,
                                                 "ping_timeout": PING_TIMEOUT, **connect_kwargs}),
                timeout)
        except (TimeoutError, OSError, InvalidHandshake, InvalidURI) as exc:
            raise ConnectError(1006, f"cannot connect: {exc}") from None
        moved = ""
        try:
            await ws.send(protocol.encode(msg))
            while True:
                reply = protocol.decode(await asyncio.wait_for(ws.recv(), timeout),
                                        protocol.MAX_DOWN_FRAME)
                if reply["t"] == protocol.WELCOME:
                    return cls(ws, protocol.inflate_welcome(reply), reply, base)
                if reply["t"] == protocol.ERROR:
                    if reply.get("code") == "moved" and isinstance(reply.get("url"), str):
                        moved = reply["url"]
                    continue  # the close frame that follows carries the code
        except ConnectionClosed as exc:
            rcvd = exc.rcvd
            if moved and rcvd is not None and rcvd.code == protocol.CLOSE_MOVED and redirects > 0:
                return await cls.open(moved, hello, timeout=timeout, compress=compress,
                                      redirects=redirects - 1, **connect_kwargs)
            raise ConnectError(rcvd.code if rcvd else 1006, rcvd.reason if rcvd else "closed") from None
        except (TimeoutError, protocol.FrameError) as exc:
            await ws.close()
            raise ConnectError(1006, f"no welcome: {exc}") from None

    def next_id(self, prefix: str = "a") -> str:
        """A fresh client action id, unique for this connection."""
        self._n += 1
        return f"{prefix}{id(self) & 0xFFFF:x}-{self._n}"

    async def send(self, msg: dict[str, Any]) -> None:
        await self.ws.send(protocol.encode(msg))

    async def act(self, action: dict[str, Any]) -> None:
        await self.send({"t": protocol.ACT, "a": action})

    async def recv(self, timeout: float | None = None) -> dict[str, Any]:
        """The next server message; raises ConnectionClosed or asyncio.TimeoutError."""
        frame = await asyncio.wait_for(self.ws.recv(), timeout)
        return protocol.decode(frame, protocol.MAX_DOWN_FRAME)

    @property
    def close_code(self) -> int | None:
        return self.ws.close_code

    @property
    def close_reason(self) -> str | None:
        return self.ws.close_reason

    async def close(self) -> None:
        await self.ws.close()
