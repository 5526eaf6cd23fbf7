"""The « lien de connexion »: one short text that takes a participant to a room.

The trainer pastes it in the video call's chat; the participant pastes it in the connect page's
first field (or gives it to `ilot play`). It holds the server's address and the room's join
code, and nothing secret (the join code is what the chat already shows):

    ilot://192.168.1.20:8765/K7QM-3XPA         plain WebSocket: ws://192.168.1.20:8765/
    ilots://ilot.example.org/K7QM-3XPA         TLS: wss://ilot.example.org/ (port 443)
    ilots://example.org:8443/ilot/K7QM-3XPA    TLS, behind a proxy path: wss://example.org:8443/ilot/

`ilot` is `ws`, `ilots` is `wss` (as http/https). Without a port, `ilot://` means 8765 (the port
`ilot serve` listens on by default) and `ilots://` 443. The join code is the last segment of the
path, written ABCD-EFGH (case and dash do not matter). No space: a chat keeps it whole.

`parse(text)` also reads what people paste or type instead, so that the one field of the connect
page accepts it all:
- the link with what a chat adds around it: spaces, a line break, quotes, « », < >, a final
  full stop; or a whole chat message, from which the first word with "://" is taken;
- `ws://` and `wss://` addresses, with the code as the last path segment, in `?room=` (or
  `?code=`) or after `#`; `http://` and `https://` are read as `ws://` and `wss://`;
- an address without scheme (`192.168.1.20:8765`, `ilot.example.org`, `[::1]:8765`): `ws://`,
  port 8765 when none is given;
- a join code alone (`K7QM-3XPA`): no address, the code only.
A text that is none of these raises `LinkError` with a code the connect page words (`scheme`:
a scheme other than these; `address`: no usable host or port).

The link is the client's own (README, "Sharing the room with participants"): the wire is
unchanged, the client connects to the `ws://`/`wss://` address as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from ilot.game.net.joincodes import normalise
from ilot.game.net.joincodes import show as show_code

DEFAULT_PORT = 8765  # `ilot serve`'s
LINK_SCHEMES = {"ilot": "ws", "ilots": "wss"}
SCHEMES = {**LINK_SCHEMES, "ws": "ws", "wss": "wss", "http": "ws", "https": "wss"}
DEFAULT_PORTS = {"ws": 80, "wss": 443}
CODE_LEN = 8
_CODE = re.compile(r"^[A-Za-z0-9]{4}[- ]?[A-Za-z0-9]{4}$")
_HOST = re.compile(r"^[^\s/?#@:\[\]\\%]+$")
_HOST6 = re.compile(r"^[0-9a-f:.]+$")
# what a chat or a sentence puts around a link: quotes, angle brackets, French quotes, brackets
_WRAPPERS = " \t\r\n\"'`<>«»“”‘’(){}\u00a0\u202f"
_TRAILING = ".,;:!?…"


class LinkError(ValueError):
    """`text` is not a link, an address or a join code. `code`: "empty", "scheme" (an unknown
    scheme, in `scheme`) or "address" (no usable host or port)."""

    def __init__(self, code: str, text: str, scheme: str = "") -> None:
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text
        self.scheme = scheme


@dataclass(frozen=True)
class Target:
    """Where a link leads: the server's WebSocket `url` ("" when only a code was given) and the
    room's `room` code, normalised (ABCDEFGH; "" when the link has none)."""

    url: str
    room: str = ""

    @property
    def link(self) -> str:
        """The canonical link (ilot:// or ilots://), or "" without an address or a room."""
        return make_link(self.url, self.room) if self.url and self.room else ""


def is_code(text: str) -> bool:
    """`text` reads as a join code: 8 letters or digits, in two groups of four or not."""
    return bool(_CODE.match(text.strip()))


def valid_room(code: str) -> bool:
    """A join code as the server makes them: 8 letters or digits once normalised."""
    return len(normalise(code)) == CODE_LEN


def _clean(text: str) -> str:
    """The link in a pasted text: the first word holding "://" (a whole chat message may have
    been copied), without what a chat or a sentence wraps it in."""
    words = text.split()
    if len(words) > 1:
        linked = [w for w in words if "://" in w]
        codes = [w for w in words if is_code(w.strip(_WRAPPERS + _TRAILING))]
        if linked:
            text = linked[0]
        elif is_code(" ".join(words)):
            text = " ".join(words)  # "K7QM 3XPA"
        elif codes:
            text = codes[0]  # "Code : K7QM-3XPA"
        else:
            text = "".join(words)  # an address with a stray space: "192.168.1.20 :8765"
    text = text.strip(_WRAPPERS)
    while text and text[-1] in _TRAILING and not text.endswith("://"):
        text = text[:-1].rstrip(_WRAPPERS)
    return text.strip(_WRAPPERS)


def parse(text: str) -> Target:
    """What a pasted link, a typed address or a join code leads to (see the module's doc)."""
    raw = text
    text = _clean(text)
    if not text:
        raise LinkError("empty", raw)
    if "://" in text:
        given, rest = text.split("://", 1)
        scheme = SCHEMES.get(given.lower(), "")
        if not scheme:
            raise LinkError("scheme", raw, given)
        default_port = {"ilot": DEFAULT_PORT, "ilots": None}.get(given.lower())
    elif is_code(text):
        return Target("", normalise(text))
    else:  # a bare address: ws://, on the port `ilot serve` listens on unless one is given
        scheme, rest, default_port = "ws", text, DEFAULT_PORT
    try:
        parts = urlsplit(f"{scheme}://{rest}")
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number, or out of range
        raise LinkError("address", raw) from None
    if not host or "@" in parts.netloc or parts.netloc.endswith(":") or port == 0 \
            or not (_HOST6 if ":" in host else _HOST).match(host):
        raise LinkError("address", raw)
    if port is None:
        port = default_port
    room = ""
    query = parse_qs(parts.query)
    for key in ("room", "code", "salle"):
        if query.get(key) and valid_room(query[key][0]):
            room = normalise(query[key][0])
            break
    if not room and parts.fragment and is_code(parts.fragment):
        room = normalise(parts.fragment)
    segments = [s for s in parts.path.split("/") if s]
    if not room and segments and is_code(segments[-1]):
        room = normalise(segments.pop())
    shown_host = f"[{host}]" if ":" in host else host
    path = "/" + "".join(f"{s}/" for s in segments)
    url = f"{scheme}://{shown_host}" + (f":{port}" if port is not None else "") + path
    return Target(url, room)


def normalise_url(text: str) -> str:
    """A server address as the client connects to it (ws://host:port/), whatever its form."""
    return parse(text).url


def make_link(url: str, room: str) -> str:
    """The link to room `room` on the server at `url` (ws://… or wss://…, as the client knows
    it): ilot://host:port/ABCD-EFGH, or ilots://host/ABCD-EFGH for TLS (its port written only
    when it is not 443)."""
    target = parse(url)
    parts = urlsplit(target.url)
    tls = parts.scheme == "wss"
    host = parts.hostname or ""
    shown_host = f"[{host}]" if ":" in host else host
    port = parts.port or DEFAULT_PORTS["wss" if tls else "ws"]
    netloc = shown_host if tls and port == DEFAULT_PORTS["wss"] else f"{shown_host}:{port}"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{'ilots' if tls else 'ilot'}://{netloc}{path}{show_code(normalise(room))}"


def address(url: str) -> str:
    """The server's address as a person reads it: host:port, with no scheme (« ws:// » says
    nothing to a participant); the path when there is one."""
    try:
        parts = urlsplit(parse(url).url)
    except LinkError:
        return url
    host = parts.hostname or ""
    shown_host = f"[{host}]" if ":" in host else host
    port = parts.port
    tls = parts.scheme == "wss"
    netloc = shown_host if port is None or port == DEFAULT_PORTS["wss" if tls else "ws"] \
        else f"{shown_host}:{port}"
    path = parts.path.rstrip("/")
    return netloc + path


def host_of(url: str) -> str:
    """The host name of a server address ("" when there is none)."""
    try:
        return urlsplit(parse(url).url).hostname or ""
    except (LinkError, ValueError):
        return ""


def is_local(url: str) -> bool:
    """The address is this machine's own (localhost, 127.x, ::1): useless to anyone else."""
    host = host_of(url).lower()
    return host in ("localhost", "::1", "0.0.0.0") or host.startswith("127.") or \
        host.endswith(".localhost")
