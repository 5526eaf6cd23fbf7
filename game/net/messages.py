"""Pydantic models of the messages a client may send: every incoming map is validated here.

The action inside `act` is only checked for being a map with an id here; its full shape is
checked by `game.core.actions.parse_action`, so the answer to a bad action is a `reject` with the
game's own codes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from . import protocol

Name = Annotated[str, Field(min_length=1, max_length=120)]
Code = Annotated[str, Field(min_length=1, max_length=64)]


class Msg(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Hello(Msg):
    t: Literal["hello"]
    v: Annotated[int, Field(strict=True)]  # the integer: "1", 1.0 and true are bad hellos
    as_: Literal["participant", "trainer", "spectator", "organiser"] = Field(alias="as")
    room: Code | None = None
    name: Name | None = None
    persona: Code | None = None
    token: Code | None = None
    code: Code | None = None
    key: Code | None = None
    last_seq: Annotated[int, Field(ge=0)] | None = None
    join_id: Annotated[str, Field(min_length=16, max_length=64)] | None = None
    lang: Literal["fr", "en"] = "fr"
    # compressed snapshot fields the client can read (`state_z`, `scenario_z`); see PROTOCOL.md
    compress: Annotated[list[Literal["zlib"]], Field(max_length=4)] | None = None


class Act(Msg):
    t: Literal["act"]
    a: dict[str, Any]


class CreateRoom(Msg):
    t: Literal["create_room"]
    scenario: dict[str, Any] | None = None
    scenario_gz: bytes | None = Field(None, max_length=protocol.MAX_FRAME)
    seed: Annotated[int, Field(ge=0, lt=2**63)] | None = None


class Ping(Msg):
    """Application-level ping (websocket pings also work); answered with `pong`."""

    t: Literal["ping"]
    n: Annotated[int, Field(strict=True)] | None = None


AFTER_HELLO: dict[str, type[Msg]] = {"act": Act, "create_room": CreateRoom, "ping": Ping}
_HELLO = TypeAdapter(Hello)


class MessageError(ValueError):
    """A message of a known type with a wrong shape, or of an unknown type."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"]) or "message"
    return f"{where}: {err['msg']}"[:200]


def parse_hello(msg: dict[str, Any]) -> Hello:
    if msg.get("t") != protocol.HELLO:
        raise MessageError(protocol.ERR_BAD_MESSAGE, "the first message must be a hello")
    try:
        return _HELLO.validate_python(msg)
    except ValidationError as exc:
        raise MessageError(protocol.ERR_BAD_MESSAGE, _first_error(exc)) from None


def parse_after_hello(msg: dict[str, Any]) -> Msg:
    model = AFTER_HELLO.get(msg["t"])
    if model is None:
        raise MessageError(protocol.ERR_UNKNOWN_TYPE, f"unknown message type {msg['t'][:40]!r}")
    try:
        return model.model_validate(msg)
    except ValidationError as exc:
        raise MessageError(protocol.ERR_BAD_MESSAGE, _first_error(exc)) from None
