"""PROTOCOL.md documents every message type, code, action and event the code knows."""

from __future__ import annotations

import re

from ilot.game.core.actions import ACTION_TYPES
from ilot.game.core.events import CURRENT_VERSIONS
from ilot.game.core.rejections import RejectionCode
from ilot.game.net import messages, protocol

from .conftest import ROOT

DOC = (ROOT / "PROTOCOL.md").read_text(encoding="utf-8")


def test_every_code_and_type_is_documented():
    missing = [f"rejection {c}" for c in RejectionCode if f"`{c}`" not in DOC]
    missing += [f"event {e}" for e in CURRENT_VERSIONS if f"`{e}`" not in DOC]
    missing += [f"action {a}" for a in ACTION_TYPES - {"join"} if f"`{a}`" not in DOC]
    for name, value in vars(protocol).items():
        if name.startswith("CLOSE_") and not re.search(rf"^\| {value} \|", DOC, re.M):
            missing.append(f"close code {name}={value}")
        if name.startswith("ERR_") and f"`{value}`" not in DOC:
            missing.append(f"error code {value}")
    for t in [protocol.HELLO, protocol.ACT, protocol.CREATE_ROOM, protocol.WELCOME,
              protocol.EVENTS, protocol.ACK, protocol.REJECT, protocol.PRESENCE,
              protocol.ROOM_CREATED, protocol.ERROR, protocol.ME, *messages.AFTER_HELLO]:
        if f'"t": "{t}"' not in DOC:
            missing.append(f"message {t}")
    assert f"`v` | int | protocol version: `{protocol.PROTOCOL_VERSION}`" in DOC
    assert f"{protocol.MAX_FRAME:,}".replace(",", " ") in DOC
    hello_keys = {f.alias or n for n, f in messages.Hello.model_fields.items()}
    missing += [f"hello key {k}" for k in hello_keys if f"| `{k}` |" not in DOC]
    assert missing == []
