"""A real Îlot server on 127.0.0.1 in a background thread: for `ilot demo`, tests and screenshots."""

from __future__ import annotations

import asyncio
import tempfile
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from ilot.game.core.scenario_check import load_scenario

T = TypeVar("T")


class LocalServer:
    def __init__(self, data_dir: str | Path | None = None, **server_kw: Any):
        self._tmp = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="ilot-demo-")
            data_dir = self._tmp.name
        self.data_dir = Path(data_dir)
        self.server_kw = server_kw
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="ilot-server",
                                       daemon=True)
        self.server: Any = None
        self.url = ""
        self._bots: list[Future[Any]] = []
        self._stop_bots: asyncio.Event | None = None

    def start(self, port: int = 0) -> str:
        from ilot.server.app import IlotServer

        self.thread.start()

        async def _start() -> str:
            self.server = IlotServer(self.data_dir, **self.server_kw)
            await self.server.start("127.0.0.1", port)
            self._stop_bots = asyncio.Event()
            return str(self.server.url)

        self.url = self.run(_start())
        return self.url

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def call(self, fn: Any, *args: Any) -> Any:
        async def _call() -> Any:
            return fn(*args)
        return self.run(_call())

    def create_room(self, scenario_path: str | Path, seed: int | None = None) -> tuple[str, str]:
        scenario = load_scenario(scenario_path) if not hasattr(scenario_path, "spaces") \
            else scenario_path
        room, code = self.call(self.server.create_room, scenario, seed)
        return str(room), str(code)

    def room_state(self, code: str) -> Any:
        """The server's own State for a room (read on the server thread)."""
        return self.call(lambda: self.server.rooms[code].state.clone())

    def player(self, hello: dict[str, Any]) -> Any:
        """A connection on the server's loop with a reader task that takes every message as it
        comes (`server.bots.Player`: its state mirrored, `act` answered). A connection whose
        messages are left unread stops reading its socket, pongs included, and the client's
        keepalive closes it."""
        from ilot.game.net.client import Connection
        from ilot.server.bots import Player

        async def opened() -> Player:
            return Player(await Connection.open(self.url, hello))
        return self.run(opened())

    def start_bots(self, room: str, count: int, *, pace: float = 1.0, seed: int = 0
                   ) -> Future[Any]:
        from ilot.server.bots import run_bots

        fut = asyncio.run_coroutine_threadsafe(
            run_bots(self.url, room, count, pace=pace, seed=seed, stop=self._stop_bots), self.loop)
        self._bots.append(fut)
        return fut

    def stop(self) -> None:
        if self._stop_bots is not None:
            self.loop.call_soon_threadsafe(self._stop_bots.set)
        for fut in self._bots:
            try:
                fut.result(10)
            except Exception:
                pass
        if self.server is not None:
            try:
                self.run(self.server.stop(), 10)
            except Exception:
                pass
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        if self._tmp is not None:
            self._tmp.cleanup()
