"""Pydantic models of the messages the server sends, and of every event's `data`.

They describe what `server/app.py` and `server/room.py` already send (the server builds its maps
itself; these models only document and check them): the JSON Schemas in docs/protocol/ are made
from them (`protocol_doc`), and the tests validate real frames against them. Strict and closed:
a key the server sends that is not here, or a value of another type, fails validation.

Each event's `data` model is generated from its typed payload (`game.core.events`): kinds become
their string values, `Subject` its wire string, optional keys (`OPTIONAL_KEYS`) may be absent.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from ilot.game.core.events import CURRENT_VERSIONS, PAYLOADS, Payload
from ilot.game.core.kinds import Subject
from ilot.game.core.scenario import Scenario
from ilot.game.core.state import LATER_FIELDS, State


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


Seq = Annotated[int, Field(ge=0)]


class You(Out):
    kind: Literal["participant", "trainer", "spectator", "organiser"]
    id: str = Field(description="participant id (`p3`), `trainer`, `spectator`, or `\"\"`")


class Objective(BaseModel):
    """A private objective with every field of the scenario format (scenarios/README.md)."""

    model_config = ConfigDict(extra="forbid")
    text: str
    kind: str
    indicator: str | None
    target: float | None
    direction: str
    min_gain: float | None
    euros: float | None
    metier: str | None
    margin_hours: float
    percent: float | None
    uses: list[str]
    space: str | None
    rule: str | None
    count: int


class MeBody(Out):
    kind: Literal["participant", "trainer", "spectator", "organiser"]
    id: str
    persona: str | None
    private_objectives: list[Objective]


# ----- event data, one model per payload -----

def _wire(hint: Any) -> Any:
    """The wire type of a payload field's annotation."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return Union[tuple(_wire(a) for a in args)]  # noqa: UP007  (built from a tuple)
    if origin is list:
        return list[_wire(args[0])]  # type: ignore[misc]  # a type built at run time
    if origin is dict and args[1] is Any:  # the only such map of a payload: a private objective
        return Objective
    if origin is dict:
        return dict[_wire(args[0]), _wire(args[1])]  # type: ignore[misc]  # built at run time
    if isinstance(hint, type) and issubclass(hint, Enum):
        return Literal[tuple(m.value for m in hint)]
    if hint is Subject:
        return Annotated[str, Field(pattern=r"^(proposal:.+|charter|final_plan)$")]
    if origin is set:  # `seen`: always [] in a client's state
        return list[str]
    if hint is Scenario:  # the state names its scenario by id
        return str
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record_model(hint)
    if isinstance(hint, type) and issubclass(hint, BaseModel) and hint.__name__ == "PrivateObjective":
        return Objective
    if typing.is_typeddict(hint):
        fields = {k: (_wire(v), ...) for k, v in typing.get_type_hints(hint).items()}
        return create_model(hint.__name__, __config__=ConfigDict(extra="forbid", strict=True),
                            **fields)  # type: ignore[call-overload]  # fields built at run time
    return hint


_RECORDS: dict[type, type[BaseModel]] = {}


def _record_model(cls: type) -> type[BaseModel]:
    """A state record (or the state itself) as it is in a view: its fields in order, the ones
    added later (`LATER_FIELDS`) absent while at their default."""
    model = _RECORDS.get(cls)
    if model is None:
        hints = typing.get_type_hints(cls)
        later = LATER_FIELDS.get(cls, {})
        fields: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            default = None if f.name in later else ...
            if hasattr(BaseModel, f.name):  # `schema`: a name pydantic keeps for itself
                fields[f.name + "_"] = (_wire(hints[f.name]), Field(default, alias=f.name))
            else:
                fields[f.name] = (_wire(hints[f.name]), default)
        if cls is State:
            fields["me"] = (MeBody, ...)
        model = _RECORDS[cls] = create_model(
            f"State{cls.__name__}" if cls is not State else "State",
            __config__=ConfigDict(extra="forbid", strict=True), **fields)
    return model


def _data_model(cls: type[Payload]) -> type[BaseModel]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]  # every payload is a dataclass
        if f.name in cls.OPTIONAL_KEYS:
            hint = typing.get_args(hints[f.name])[0]  # `X | None`: absent rather than null
            fields[f.name] = (_wire(hint), None)
        else:
            fields[f.name] = (_wire(hints[f.name]), ...)
    return create_model(cls.__name__, __config__=ConfigDict(extra="forbid", strict=True),
                        __doc__=cls.__doc__, **fields)


DATA_MODELS: dict[str, type[BaseModel]] = {cls.TYPE: _data_model(cls) for cls in PAYLOADS}


def _event_model(type_: str, data: type[BaseModel]) -> type[BaseModel]:
    kind: Any = Literal[type_]  # built at run time: one literal per event type
    version: Any = Literal[CURRENT_VERSIONS[type_]]
    return create_model(
        f"Event_{type_}", __config__=ConfigDict(extra="forbid", strict=True),
        seq=(Annotated[int, Field(ge=1)], ...), t=(float, ...),
        by=(str, Field(description="participant id, `trainer`, or `\"\"` (the server, or "
                                   "withheld)")),
        type=(kind, ...), v=(version, ...),
        aid=(str, Field(description="the client action id that caused it, `\"\"` for none")),
        data=(data, ...))


EVENT_MODELS = [_event_model(t, m) for t, m in DATA_MODELS.items()]
AnyEvent = Annotated[Union[tuple(EVENT_MODELS)], Field(discriminator="type")]  # type: ignore[valid-type]  # noqa: UP007


ViewState = _record_model(State)

# ----- the messages -----

class Welcome(Out):
    """The answer to a good hello: a snapshot (`scenario`/`scenario_z` + `state`/`state_z`) or
    the missed `events`; an organiser's has `room` null, `seq` 0 and nothing else."""

    t: Literal["welcome"]
    v: Literal[1]
    room: str | None
    you: You
    seq: Seq
    token: str | None = Field(None, description="only on a participant's first join")
    scenario: dict[str, Any] | None = None
    scenario_z: bytes | None = Field(None, description="zlib(msgpack(scenario)), msgpack bin")
    state: ViewState | None = Field(None, description="the viewer's state (PROTOCOL.md « The state »)")  # type: ignore[valid-type]  # a model built at run time
    state_z: bytes | None = Field(None, description="zlib(msgpack(state)), msgpack bin")
    events: list[AnyEvent] | None = None  # type: ignore[valid-type]  # a union built at run time


class Events(Out):
    t: Literal["events"]
    events: list[AnyEvent]  # type: ignore[valid-type]  # a union built at run time


class Ack(Out):
    t: Literal["ack"]
    id: str
    seq: Seq
    dup: Literal[True] | None = None


class Reject(Out):
    t: Literal["reject"]
    id: str
    code: str
    message: str
    detail: str


class Me(Out):
    t: Literal["me"]
    me: MeBody


class Presence(Out):
    t: Literal["presence"]
    connected: list[str]
    trainers: Annotated[int, Field(ge=0)]
    spectators: Annotated[int, Field(ge=0)]


class RoomCreated(Out):
    t: Literal["room_created"]
    room: str
    trainer_code: str


class Error(Out):
    t: Literal["error"]
    code: str
    message: str
    detail: str | list[str] = Field(description="technical, often `\"\"`; for `bad_scenario` a "
                                                "list of problems (strings, in the hello's `lang`)")
    id: str | None = Field(None, description="the action id, for an `act` (storage, internal, "
                                             "a bad envelope)")
    url: str | None = Field(None, description="for `moved` only: the address of the server that "
                                              "holds the room (`ws://…` or `wss://…`); connect "
                                              "there and send the same hello")


class Pong(Out):
    t: Literal["pong"]
    n: int | None


SERVER_MESSAGES: dict[str, type[Out]] = {
    "welcome": Welcome, "events": Events, "ack": Ack, "reject": Reject, "me": Me,
    "presence": Presence, "room_created": RoomCreated, "error": Error, "pong": Pong}
_ANY_SERVER_MESSAGE: Any = Annotated[Union[tuple(SERVER_MESSAGES.values())],  # noqa: UP007
                                    Field(discriminator="t")]
ServerMessage: TypeAdapter[Out] = TypeAdapter(_ANY_SERVER_MESSAGE)
