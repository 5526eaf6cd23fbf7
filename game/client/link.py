"""The window's link to its room: the network thread, the actions sent on it, the messages it
brings (applied to the model once a frame), and the fresh welcome asked for when the server did
not push my private objectives after I chose a character. Once a room welcomes the window, its
server, room, name and language are remembered on this laptop (`seats.remember_recent`): the
connect page fills them in on the next start."""

from __future__ import annotations

import queue
import time
from typing import Any

from ilot.game.gcpolicy import Collector

from . import joinlink, seats
from .context import Action, ClientContext
from .model import ClientModel
from .net import NetThread

ME_WAIT = 1.5  # seconds to wait for the server's "me" push before rejoining for it


class RoomLink:
    def __init__(self, ctx: ClientContext, collector: Collector) -> None:
        self.ctx = ctx
        self.collector = collector
        self.net: NetThread | None = None
        self._me_deadline: float | None = None
        self._remembered = False  # this join's server, room and name are remembered

    def connect(self, url: str, hello: dict[str, Any]) -> None:
        """Join a room (leaving the one joined before): a fresh model, a new network thread;
        the window's language goes in the hello, for the server's own words. `url` may be
        written any way `joinlink.parse` reads (a link, an address without ws://)."""
        self.stop()
        try:
            url = joinlink.parse(url).url or url
        except joinlink.LinkError:
            pass  # connecting fails, and says why
        model = ClientModel(self.ctx.lang)
        model.url, model.mode = url, str(hello.get("as", "participant"))
        model.asked_room = str(hello.get("room", ""))
        self.ctx.model = model
        self.ctx.selection.clear()
        self._remembered = False
        self.net = NetThread(url, {"lang": self.ctx.lang.code, **hello}).start()

    def act(self, action: Action) -> str:
        """Send `action`; its client id ("" when not connected)."""
        if self.net is None:
            return ""
        return self.net.act(action)

    def pending(self) -> int:
        return self.net.pending_count() if self.net is not None else 0

    def drain(self, net: NetThread) -> bool:
        """Apply every message `net` brought since the last frame; True if any."""
        got = False
        while True:
            try:
                msg = net.inbox.get_nowait()
            except queue.Empty:
                break
            self.ctx.model.apply(msg)
            got = True
            kind = msg.get("t")
            if kind == "events":
                self.collector.committed(len(msg.get("events", ())))
            elif kind == "welcome":  # a whole state: settle it now, out of later frames' way
                self.collector.committed(self.collector.every)
                if not self._remembered:
                    self.remember()
        return got

    def remember(self) -> None:
        """The server, room, name and language that just worked, for the next start (never
        the trainer's code)."""
        self._remembered = True
        model = self.ctx.model
        me = model.my_participant
        seats.remember_recent(url=model.url, room=model.room or model.asked_room,
                              name=me.name if me is not None else None, lang=self.ctx.lang.code)

    def watch_me(self) -> None:
        """After a change: start waiting for my private objectives if they are missing."""
        if self.ctx.model.needs_me():
            if self._me_deadline is None:
                self._me_deadline = time.monotonic() + ME_WAIT
        else:
            self._me_deadline = None

    def check_me(self, now: float) -> None:
        """Once a frame: no "me" push from this server in time, a fresh welcome carries it."""
        if self._me_deadline is not None and now > self._me_deadline:
            self._me_deadline = None
            if self.ctx.model.needs_me() and self.net is not None:
                self.net.resync()

    def stop(self) -> None:
        if self.net is not None:
            self.net.stop()
            self.net = None
