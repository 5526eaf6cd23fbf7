"""PROTOCOL.md's generated parts: the JSON Schemas of docs/protocol/ and the « Events » section.

Both come from the code: the client messages (`messages`, with each action's own model from
`game.core.actions` inside `act`), the server messages and every event's data
(`server_messages`), and the payload classes' docstrings (`game.core.events`), which say what
each event does to the state. Regenerate after changing any of them:

    python -m ilot.game.net.protocol_doc          # writes docs/protocol/*.json and PROTOCOL.md
    python -m ilot.game.net.protocol_doc --check  # exit 1 when a file is not current

(tests/server/test_protocol_schema.py fails when they are not current.)
"""

from __future__ import annotations

import inspect
import json
import sys
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from ilot.game.core.actions import ACTION_CLASSES
from ilot.game.core.events import CURRENT_VERSIONS, PAYLOADS, Payload

from . import messages, server_messages

BEGIN, END = "<!-- generated:events -->", "<!-- /generated:events -->"
SCHEMA_DIR = Path("docs") / "protocol"
_ID = "https://ilot.example.org/protocol/v1/"


def _client_union() -> Any:
    """The client messages, with `act.a` typed as every action a client may send (not `join`)."""
    wire = [cls for t, cls in sorted(ACTION_CLASSES.items()) if t != "join"]
    kind: Any = Literal["act"]
    action: Any = Annotated[Union[tuple(wire)], Field(discriminator="type")]  # noqa: UP007
    act = create_model("Act", __config__=ConfigDict(extra="forbid"), __doc__=messages.Act.__doc__,
                       t=(kind, ...), a=(action, ...))
    return Annotated[Union[messages.Hello, act, messages.CreateRoom, messages.Ping],  # noqa: UP007
                     Field(discriminator="t")]


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema (draft 2020-12) for each direction."""
    client = TypeAdapter(_client_union()).json_schema(by_alias=True)
    server = server_messages.ServerMessage.json_schema()
    out = {}
    for name, schema, title in (("client.json", client, "Îlot client → server message"),
                                ("server.json", server, "Îlot server → client message")):
        out[name] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                     "$id": _ID + name, "title": title,
                     "description": "One msgpack map per binary WebSocket frame (PROTOCOL.md). "
                                    "msgpack `bin` values are shown as strings of format binary.",
                     **schema}
    return out


def _schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# ----- the « Events » section -----

def _type_text(hint: Any) -> str:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Union or type(hint).__name__ == "UnionType":
        return " \\| ".join(_type_text(a) for a in args)
    if origin is Literal:
        return " \\| ".join(f"`{a}`" if isinstance(a, str) else str(a).lower() for a in args)
    if origin is Annotated:
        return _type_text(args[0])
    if origin is list:
        return f"list of {_type_text(args[0])}"
    if origin is dict:
        return f"map {_type_text(args[0])} → {_type_text(args[1])}"
    if hint is type(None):
        return "null"
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        if hint is server_messages.Objective:
            return "private objective map (as in `me`)"
        inner = ", ".join(f"`{k}` {_type_text(f.annotation)}" for k, f in hint.model_fields.items())
        return "{" + inner + "}"
    return {str: "str", int: "int", float: "number", bool: "bool"}.get(hint, str(hint))


def _doc(cls: type[Payload]) -> str:
    doc = cls.__doc__ or ""
    if doc.startswith(cls.__name__ + "("):  # dataclass's made-up docstring: none written
        return ""
    return " ".join(inspect.cleandoc(doc).split())


def events_section() -> str:
    """The markdown between the markers: one entry per event type, in the order of the code."""
    lines = [BEGIN, "<!-- made by `python -m ilot.game.net.protocol_doc`, from the payload classes "
                    "of game/core/events.py: edit those, not this -->", ""]
    for cls in PAYLOADS:
        model = server_messages.DATA_MODELS[cls.TYPE]
        fields = []
        for name, f in model.model_fields.items():
            opt = " (may be absent)" if name in cls.OPTIONAL_KEYS else ""
            fields.append(f"`{name}` {_type_text(f.annotation)}{opt}")
        v = CURRENT_VERSIONS[cls.TYPE]
        lines.append(f"#### `{cls.TYPE}`" + (f" (version {v})" if v > 1 else ""))
        lines.append("Data: " + ("; ".join(fields) if fields else "`{}` (empty map)") + ".")
        lines.append("")
        lines.append(_doc(cls) or "(no effect written)")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def with_events(doc: str) -> str:
    """PROTOCOL.md with its generated events section replaced by the current one."""
    start, end = doc.index(BEGIN), doc.index(END) + len(END)
    return doc[:start] + events_section() + doc[end:]


def outputs(root: Path) -> dict[Path, str]:
    """Every generated file (path under `root`) with the text it must hold."""
    out = {root / SCHEMA_DIR / name: _schema_text(s) for name, s in schemas().items()}
    doc = root / "PROTOCOL.md"
    out[doc] = with_events(doc.read_text(encoding="utf-8"))
    return out


def stale(root: Path) -> list[Path]:
    """The generated files that are missing or differ from what the code makes now."""
    return [p for p, text in outputs(root).items()
            if not p.exists() or p.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path.cwd()
    if "--check" in args:
        bad = stale(root)
        for p in bad:
            print(f"not current: {p}")
        return 1 if bad else 0
    for path, text in outputs(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
