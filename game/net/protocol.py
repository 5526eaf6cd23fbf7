"""The wire format: one msgpack map per websocket binary frame, with a type `t`.

See PROTOCOL.md for every message with examples. This module holds the constants both sides
share and the two functions that turn frames into maps and back.
"""

from __future__ import annotations

import zlib
from typing import Any

import msgpack

PROTOCOL_VERSION = 1
MAX_FRAME = 64 * 1024  # bytes, client -> server; larger frames close the connection (1009)
MAX_DOWN_FRAME = 16 * 1024 * 1024  # bytes, server -> client (a welcome carries the whole view)

# compressed snapshot fields (opt-in: hello `compress: ["zlib"]`)
COMPRESSIONS = ("zlib",)
Z_MIN = 32 * 1024  # a welcome field is compressed only when its msgpack encoding is larger
Z_LEVEL = 1        # a 6.7 MB state: 8.6x smaller in ~25 ms (level 6: 11x in ~90 ms)
MAX_INFLATED = 256 * 1024 * 1024  # decompressed size a client accepts for one field
Z_FIELDS = {"state_z": "state", "scenario_z": "scenario"}  # welcome field -> field it stands for

# client -> server
# {t, v, as: participant|trainer|spectator|organiser, room?, name?, token?, code?, key?,
#  last_seq?, join_id?, lang?, compress?}
HELLO = "hello"
ACT = "act"            # {t, a: action map with its client id `id`}
CREATE_ROOM = "create_room"  # organiser only: {t, scenario: scenario map, seed?}

# server -> client
WELCOME = "welcome"    # {t, v, room, you: {kind, id}, token?, seq, scenario|scenario_z + state|state_z, or events}
EVENTS = "events"      # {t, events: [event maps]}
ACK = "ack"            # {t, id, seq}
REJECT = "reject"      # {t, id, code, message, detail}
PRESENCE = "presence"  # {t, connected: [participant ids], trainers: n, spectators: n}
# {t, me: {kind, id, private_objectives}}: to a participant's own connections after they choose a
# persona
ME = "me"
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
CLOSE_MOVED = 4010           # the room is held by another server: the `error` before says its `url`

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


def deflate(msg: Any) -> bytes:
    """msgpack-encode then zlib-compress (a `*_z` welcome field)."""
    return zlib.compress(encode(msg), Z_LEVEL)


def inflate(data: bytes, max_size: int = MAX_INFLATED) -> Any:
    """The inverse of `deflate`; raises FrameError on bad or oversized data."""
    if not isinstance(data, bytes):
        raise FrameError("a compressed field is a msgpack bin")
    try:
        z = zlib.decompressobj()
        raw = z.decompress(data, max_size)
        if z.unconsumed_tail or not z.eof:
            raise FrameError("compressed field too large or truncated")
        return msgpack.unpackb(raw, raw=False, strict_map_key=True)
    except FrameError:
        raise
    except Exception as exc:
        raise FrameError(f"bad compressed field: {type(exc).__name__}") from None


def inflate_welcome(msg: dict[str, Any]) -> dict[str, Any]:
    """A welcome with its `state_z` / `scenario_z` replaced by `state` / `scenario`, so callers
    see the same map whether or not the server compressed it (the same map if nothing is)."""
    if not any(k in msg for k in Z_FIELDS):
        return msg
    out = {k: v for k, v in msg.items() if k not in Z_FIELDS}
    for zkey, key in Z_FIELDS.items():
        if zkey in msg:
            out[key] = inflate(msg[zkey])
    return out
