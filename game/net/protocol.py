"""The wire format: one msgpack map per websocket binary frame, with a type `t`.

See PROTOCOL.md for every message with examples. This module holds the constants both sides
share and the two functions that turn frames into maps and back.
"""

from __future__ import annotations

from typing import Any

import msgpack

PROTOCOL_VERSION = 1
MAX_FRAME = 64 * 1024  # bytes, client -> server; larger frames close the connection (1009)
MAX_DOWN_FRAME = 16 * 1024 * 1024  # bytes, server -> client (a welcome carries the whole view)

# client -> server
HELLO = "hello"        # {t, v, as: participant|trainer|spectator|organiser, room?, name?, token?, code?, key?, last_seq?, join_id?, lang?}
ACT = "act"            # {t, a: action map with its client id `id`}
CREATE_ROOM = "create_room"  # organiser only: {t, scenario: scenario map, seed?}

# server -> client
WELCOME = "welcome"    # {t, v, room, you: {kind, id}, token?, scenario, seq, state? | events?}
EVENTS = "events"      # {t, events: [event maps]}
ACK = "ack"            # {t, id, seq}
REJECT = "reject"      # {t, id, code, message, detail}
PRESENCE = "presence"  # {t, connected: [participant ids], trainers: n, spectators: n}
ME = "me"              # {t, me: {kind, id, private_objectives}}: to a participant's own connections after they choose a persona
ROOM_CREATED = "room_created"  # {t, room, trainer_code}
ERROR = "error"        # {t, code, message}: protocol-level problem (the connection may close)

# close codes (application range 4000-4999)
CLOSE_BAD_HELLO = 4000       # first frame not a valid hello
CLOSE_VERSION = 4001         # protocol version not supported
CLOSE_UNKNOWN_ROOM = 4004    # no room with that join code
CLOSE_BAD_CREDENTIALS = 4003  # wrong trainer code, organiser key or seat token
CLOSE_RATE_LIMITED = 4029    # too many failed attempts / too many messages
CLOSE_FULL = 4009            # room or server full
CLOSE_BAD_FRAME = 4002       # undecodable or invalid message after hello
CLOSE_HELLO_TIMEOUT = 4008   # no hello within the allowed time
CLOSE_SERVER_STOP = 1001     # server shutting down (standard "going away")

# `error` codes (protocol-level; action rejections use game.core.rejections codes)
ERR_BAD_FRAME = "bad_frame"        # not a msgpack map with a string `t`, or a text frame
ERR_BAD_MESSAGE = "bad_message"    # a known type with missing or wrong fields
ERR_UNKNOWN_TYPE = "unknown_type"  # `t` is not a message type the server knows
ERR_NOT_ALLOWED = "not_allowed"    # e.g. create_room from a participant


class FrameError(ValueError):
    pass


def encode(msg: dict[str, Any]) -> bytes:
    return msgpack.packb(msg, use_bin_type=True)


def decode(frame: bytes | str, max_size: int = MAX_FRAME) -> dict[str, Any]:
    """Decode one frame into a map with a string `t`, or raise FrameError."""
    if isinstance(frame, str):
        raise FrameError("text frames are not accepted; send msgpack in binary frames")
    if len(frame) > max_size:
        raise FrameError("frame too large")
    try:
        msg = msgpack.unpackb(frame, raw=False, strict_map_key=True)
    except Exception as exc:  # msgpack raises several unrelated types on garbage
        raise FrameError(f"not msgpack: {type(exc).__name__}") from None
    if not isinstance(msg, dict) or not isinstance(msg.get("t"), str):
        raise FrameError("a frame is a map with a string 't'")
    return msg
