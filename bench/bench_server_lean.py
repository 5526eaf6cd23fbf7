"""A lean raw websocket client for the load bench: handshake by hand, frames counted, not decoded.

The websockets client library spends tens of microseconds per received frame; a load generator
built on it saturates before the server does. This one parses only frame headers and looks for
its own action ids in the payload bytes, so one process can drive hundreds of connections.
"""

from __future__ import annotations

import asyncio
import base64
import os
import struct
import time
from collections.abc import Callable


class LeanClient(asyncio.Protocol):
    def __init__(self, on_frame: Callable[[LeanClient, bytes], None]):
        self.on_frame = on_frame
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.handshaken = asyncio.get_running_loop().create_future()
        self.first = asyncio.get_running_loop().create_future()  # first data frame (welcome)
        self.closed = False
        self.frames = 0
        self.pending: dict[bytes, float] = {}  # action id -> send time

    @classmethod
    async def open(cls, host: str, port: int, on_frame, path: str = "/") -> LeanClient:
        loop = asyncio.get_running_loop()
        _, proto = await loop.create_connection(lambda: cls(on_frame), host, port)
        key = base64.b64encode(os.urandom(16)).decode()
        proto.transport.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode())
        await asyncio.wait_for(proto.handshaken, 10)
        return proto

    def connection_made(self, transport) -> None:
        self.transport = transport

    def connection_lost(self, exc) -> None:
        self.closed = True
        if not self.handshaken.done():
            self.handshaken.set_exception(ConnectionError("closed during handshake"))
        if not self.first.done():
            self.first.set_exception(ConnectionError("closed before welcome"))

    def data_received(self, data: bytes) -> None:
        buf = self.buf
        buf += data
        if not self.handshaken.done():
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            if not buf.startswith(b"HTTP/1.1 101"):
                self.handshaken.set_exception(ConnectionError(bytes(buf[:80])))
                return
            del buf[: end + 4]
            self.handshaken.set_result(None)
        pos, n = 0, len(buf)
        while n - pos >= 2:
            b0, b1 = buf[pos], buf[pos + 1]
            length = b1 & 0x7F
            head = 2
            if length == 126:
                if n - pos < 4:
                    break
                length = struct.unpack_from("!H", buf, pos + 2)[0]
                head = 4
            elif length == 127:
                if n - pos < 10:
                    break
                length = struct.unpack_from("!Q", buf, pos + 2)[0]
                head = 10
            if n - pos < head + length:
                break
            payload = bytes(buf[pos + head: pos + head + length])
            pos += head + length
            opcode = b0 & 0x0F
            if opcode == 0x2:
                self.frames += 1
                if not self.first.done():
                    self.first.set_result(payload)
                else:
                    self.on_frame(self, payload)
            elif opcode == 0x9:
                self.send(payload, opcode=0xA)
            elif opcode == 0x8:
                self.closed = True
        del buf[:pos]

    def send(self, payload: bytes, opcode: int = 0x2) -> None:
        """One masked frame (the mask is zero: allowed, and it keeps the bench lean)."""
        if self.closed or self.transport is None or self.transport.is_closing():
            return
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        self.transport.write(head + b"\x00\x00\x00\x00" + payload)

    def act(self, aid: bytes, frame: bytes) -> None:
        self.pending[aid] = time.perf_counter()
        self.send(frame)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
