"""The organiser's room creation from the connect page: the scenario file is checked here (its
mistakes worded in the window's language), then sent compressed on a connection of its own; the
server's answer fills the connect page with the new room and its trainer code."""

from __future__ import annotations

import enum
import os
import queue
import zlib
from pathlib import Path

from . import failures, joinlink
from .context import ClientContext
from .net import NetThread

DEFAULT_URL = "ws://127.0.0.1:8765"


class News(enum.Enum):
    NONE = "none"  # nothing came
    CHANGED = "changed"  # a refusal or a failure, in the status bar
    CREATED = "created"  # the room exists: the connect page shows it


class Organiser:
    def __init__(self, ctx: ClientContext) -> None:
        self.ctx = ctx
        self.net: NetThread | None = None

    def create_room(self, url: str, key: str, path: str) -> None:
        from ilot.game.core.scenario_check import check_file
        from ilot.game.text.scenario_errors import scenario_error_line

        lang = self.ctx.lang
        if not key or not path:
            self.ctx.notice(lang.t("ui.need_key_file"), validation=True)
            return
        scenario, errors = check_file(os.path.expanduser(path))
        if scenario is None:
            said = "; ".join(scenario_error_line(e, lang) for e in errors)
            self.ctx.notice(lang.t("ui.scenario_invalid", errors=said[:300]), validation=True)
            return
        raw = Path(os.path.expanduser(path)).read_bytes()
        self.stop()
        self.net = NetThread(url or DEFAULT_URL, {"as": "organiser", "key": key,
                                                  "lang": lang.code}).start()
        # compressed: a rich scenario's map is larger than the 64 KiB a client frame may be
        self.net.send({"t": "create_room", "scenario_gz": zlib.compress(raw, 9)})

    def drain(self) -> News:
        """The server's answers since the last frame."""
        news = News.NONE
        while self.net is not None:
            try:
                msg = self.net.inbox.get_nowait()
            except queue.Empty:
                break
            model = self.ctx.model
            if msg.get("t") == "room_created":
                model.created = msg
                if model.validation:  # the key or the file it was about is right now
                    model.clear_message()
                self.ctx.drafts[("connect", "room")] = msg.get("room", "")
                self.ctx.drafts[("connect", "code")] = msg.get("trainer_code", "")
                self.ctx.memory("connect")["mode"] = "trainer"
                self.stop()
                return News.CREATED
            if msg.get("t") == "reject" or msg.get("t") == "error":
                model.notice(model.refusal_text(msg))
            elif msg.get("t") == "status" and msg.get("status") == "failed":
                cause = failures.for_mode(failures.Cause(msg.get("cause") or "refused"), "organiser")
                said = failures.describe(self.ctx.lang, cause, reason=str(msg.get("reason", "")),
                                         address=joinlink.address(self.net.url))
                model.notice(" ".join(said))
            news = News.CHANGED
        return news

    def stop(self) -> None:
        if self.net is not None:
            self.net.stop()
            self.net = None
