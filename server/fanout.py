"""Send one binary message to many connections, building its websocket frame once.

`websockets.broadcast` builds and serialises a new frame object for every recipient; with
30 recipients per action that was about a sixth of the server's CPU (bench/bench_server.py).
A frame from a server is never masked and, with compression off, passes through no extension,
so its bytes are the same for every connection: they are built once and written to each open
connection's transport, after the checks `broadcast` makes. A connection with an extension or
unusual state goes through `broadcast` itself. Like `broadcast`, this never waits.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Iterable

from websockets.asyncio.server import ServerConnection, broadcast
from websockets.protocol import OPEN

log = logging.getLogger("ilot.server")

_FIN_BINARY = 0x82


def frame(payload: bytes) -> bytes:
    """The bytes of one unmasked, final binary frame holding `payload` (RFC 6455 §5.2)."""
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", _FIN_BINARY, n)
    elif n < 65536:
        head = struct.pack("!BBH", _FIN_BINARY, 126, n)
    else:
        head = struct.pack("!BBQ", _FIN_BINARY, 127, n)
    return head + payload


def send(connections: Iterable[ServerConnection], payload: bytes) -> None:
    """Write `payload` as one binary message to every open connection; skip closed ones."""
    data = None
    for ws in connections:
        proto = ws.protocol
        if proto.state is not OPEN or ws.send_in_progress is not None:
            continue  # what broadcast() skips too (closing, or a fragmented send under way)
        if proto.extensions or proto.writes or proto.expect_continuation_frame:
            broadcast((ws,), payload)
            continue
        if data is None:
            data = frame(payload)
        try:
            ws.transport.write(data)
        except Exception as exc:  # as broadcast(): one failed write does not stop the others
            log.warning("skipped a send: %s", exc)
