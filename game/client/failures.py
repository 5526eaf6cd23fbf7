"""Why joining a room failed, said so that someone who is not at ease with computers knows what
happened and what to do.

`classify(exc)` turns what the network thread caught (a `ConnectError` with the server's close
code, or the socket, DNS, TLS or WebSocket error behind a « cannot connect ») into a `Cause`;
`describe(lang, cause, …)` words it as two sentences in the window's language: what happened
(`ui.fail.<cause>`) and what to do (`ui.fail.<cause>_do`). The connect page shows both; the
codes the server closes a hello with are those of PROTOCOL.md ("Close codes").
"""

from __future__ import annotations

import enum
import socket
import ssl

from ilot.game.net import protocol as wire
from ilot.game.text import N_, Lang


class Cause(enum.StrEnum):
    # the network, before any Îlot server answered
    UNREACHABLE = "unreachable"  # nothing listens there (refused, no route)
    DNS = "dns"  # the host name is unknown
    TIMEOUT = "timeout"  # no answer in time (firewall, proxy, a slow network)
    TLS = "tls"  # the secure connection failed (certificate, clock)
    NOT_TLS = "not_tls"  # ilots:// (wss) to a server without TLS
    NOT_ILOT = "not_ilot"  # something answered, but not an Îlot server (a web page, ilot:// to TLS)
    # the Îlot server refused the hello
    UNKNOWN_ROOM = "unknown_room"
    BAD_CODE = "bad_code"  # a wrong trainer code
    BAD_KEY = "bad_key"  # a wrong organiser key
    BAD_SEAT = "bad_seat"  # a seat token this server does not know
    FULL = "full"
    VERSION = "version"
    RATE_LIMITED = "rate_limited"
    RESTARTING = "restarting"  # the server is shutting down or had an internal error
    REFUSED = "refused"  # any other refusal (its reason is shown)
    # found by the connect page before connecting
    NEED_URL = "need_url"
    SCHEME = "scheme"
    ADDRESS = "address"
    BAD_ROOM = "bad_room"


# close codes (PROTOCOL.md) → cause; 4003 depends on who connects (`describe`)
CLOSE_CAUSES = {wire.CLOSE_UNKNOWN_ROOM: Cause.UNKNOWN_ROOM, wire.CLOSE_FULL: Cause.FULL,
                wire.CLOSE_VERSION: Cause.VERSION, wire.CLOSE_RATE_LIMITED: Cause.RATE_LIMITED,
                wire.CLOSE_SERVER_STOP: Cause.RESTARTING, 1011: Cause.RESTARTING,
                wire.CLOSE_MOVED: Cause.RESTARTING,  # redirects not followed to the end: retry
                wire.CLOSE_BAD_HELLO: Cause.REFUSED, wire.CLOSE_BAD_FRAME: Cause.REFUSED,
                wire.CLOSE_HELLO_TIMEOUT: Cause.TIMEOUT}
# a first connection that fails for one of these is given up at once: trying again the same
# way cannot help, and the person should read what to do (the others are tried three times)
FINAL = frozenset(Cause) - {Cause.UNREACHABLE, Cause.RESTARTING}
# reason prefixes (a refusal's close reason is "<code>: <message>")
_REASONS = {"unknown_room": Cause.UNKNOWN_ROOM, "session_full": Cause.FULL,
            "server_full": Cause.FULL, "version": Cause.VERSION,
            "rate_limited": Cause.RATE_LIMITED, "hello_timeout": Cause.TIMEOUT}

MESSAGES: dict[Cause, tuple[str, str]] = {
    Cause.UNREACHABLE: (N_("ui.fail.unreachable"), N_("ui.fail.unreachable_do")),
    Cause.DNS: (N_("ui.fail.dns"), N_("ui.fail.dns_do")),
    Cause.TIMEOUT: (N_("ui.fail.timeout"), N_("ui.fail.timeout_do")),
    Cause.TLS: (N_("ui.fail.tls"), N_("ui.fail.tls_do")),
    Cause.NOT_TLS: (N_("ui.fail.not_tls"), N_("ui.fail.not_tls_do")),
    Cause.NOT_ILOT: (N_("ui.fail.not_ilot"), N_("ui.fail.not_ilot_do")),
    Cause.UNKNOWN_ROOM: (N_("ui.fail.unknown_room"), N_("ui.fail.unknown_room_do")),
    Cause.BAD_CODE: (N_("ui.fail.bad_code"), N_("ui.fail.bad_code_do")),
    Cause.BAD_KEY: (N_("ui.fail.bad_key"), N_("ui.fail.bad_key_do")),
    Cause.BAD_SEAT: (N_("ui.fail.bad_seat"), N_("ui.fail.bad_seat_do")),
    Cause.FULL: (N_("ui.fail.full"), N_("ui.fail.full_do")),
    Cause.VERSION: (N_("ui.fail.version"), N_("ui.fail.version_do")),
    Cause.RATE_LIMITED: (N_("ui.fail.rate_limited"), N_("ui.fail.rate_limited_do")),
    Cause.RESTARTING: (N_("ui.fail.restarting"), N_("ui.fail.restarting_do")),
    Cause.REFUSED: (N_("ui.fail.refused"), N_("ui.fail.refused_do")),
    Cause.NEED_URL: (N_("ui.fail.need_url"), N_("ui.fail.need_url_do")),
    Cause.SCHEME: (N_("ui.fail.scheme"), N_("ui.fail.scheme_do")),
    Cause.ADDRESS: (N_("ui.fail.address"), N_("ui.fail.address_do")),
    Cause.BAD_ROOM: (N_("ui.fail.bad_room"), N_("ui.fail.bad_room_do")),
}


def _chain(exc: BaseException) -> list[BaseException]:
    """`exc` and the exceptions behind it (raised `from`, or while handling)."""
    out: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in out and len(out) < 8:
        out.append(seen)
        seen = seen.__cause__ or seen.__context__
    return out


def _network_cause(exc: BaseException) -> Cause | None:
    name = type(exc).__name__
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Cause.TLS
    if isinstance(exc, ssl.SSLError):
        text = f"{exc.reason or ''} {exc}".upper()
        return Cause.NOT_TLS if "WRONG_VERSION" in text or "RECORD_LAYER" in text \
            or "PACKET_LENGTH" in text else Cause.TLS
    if isinstance(exc, socket.gaierror):
        return Cause.DNS
    if isinstance(exc, TimeoutError):
        return Cause.TIMEOUT
    if isinstance(exc, OSError):
        return Cause.UNREACHABLE  # refused, no route, network down
    if name == "InvalidURI":
        return Cause.ADDRESS
    if name in ("InvalidStatus", "InvalidMessage", "InvalidHeader", "InvalidUpgrade",
                "InvalidHandshake", "InvalidOrigin", "NegotiationError", "InvalidHeaderValue",
                "InvalidHeaderFormat", "InvalidParameterName", "InvalidParameterValue",
                "DuplicateParameter", "InvalidStatusCode", "InvalidProxy", "ProxyError"):
        return Cause.NOT_ILOT
    return None


def classify(exc: BaseException) -> Cause:
    """Why connecting and saying hello failed (`exc`: what `Connection.open` raised)."""
    code = getattr(exc, "code", 0)
    reason = str(getattr(exc, "reason", "") or "")
    if code == wire.CLOSE_BAD_CREDENTIALS:
        return Cause.BAD_CODE  # the trainer's code, the organiser's key or a seat (describe)
    if code in CLOSE_CAUSES:
        return CLOSE_CAUSES[code]
    prefix = reason.split(":", 1)[0].strip()
    if prefix in _REASONS:
        return _REASONS[prefix]
    for inner in _chain(exc):
        found = _network_cause(inner)
        if found is not None:
            return found
    if reason.startswith("no welcome"):  # something answered the WebSocket, not with Îlot's
        return Cause.NOT_ILOT
    return Cause.REFUSED if code >= 4000 else Cause.UNREACHABLE


def for_mode(cause: Cause, mode: str) -> Cause:
    """A wrong credential is a different mistake for each who: the trainer's code, the
    organiser's key, a participant's saved seat."""
    if cause is Cause.BAD_CODE:
        return {"organiser": Cause.BAD_KEY, "participant": Cause.BAD_SEAT}.get(mode, cause)
    return cause


def describe(lang: Lang, cause: Cause | str, *, address: str = "", host: str = "",
             room: str = "", text: str = "", reason: str = "", scheme: str = ""
             ) -> tuple[str, str]:
    """What happened and what to do, in `lang`: two sentences for a person (`address`: the
    server's, `room`: the join code, `text`: what was typed, `scheme`: its wrong scheme)."""
    try:
        what, todo = MESSAGES[Cause(cause)]
    except ValueError:
        what, todo = MESSAGES[Cause.REFUSED]
    values = {"address": address, "host": host or address, "room": room, "text": text,
              "reason": reason, "scheme": scheme}
    return lang.t(what, **values), lang.t(todo, **values)
