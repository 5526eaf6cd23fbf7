"""Real server on 127.0.0.1 (port 0, SQLite in tmp_path) and the real client loop, headless."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
os.environ["ILOT_STRICT"] = "1"  # UI handler errors fail the test instead of a notice

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest

from ilot.game.client.app import App
from ilot.game.client.checklist import CheckList
from ilot.game.client.local_server import LocalServer
from ilot.game.net.client import Connection

ROOT = Path(__file__).resolve().parents[2]
SHORT = ROOT / "scenarios" / "petit_ilot.json"
RICH = ROOT / "scenarios" / "ilot_des_tilleuls.json"


@pytest.fixture(autouse=True)
def _seats_file(tmp_path, monkeypatch):
    """Seats remembered by the client go to this test's own file, not the user's."""
    monkeypatch.setenv("ILOT_SEATS", str(tmp_path / "seats.json"))
    monkeypatch.setenv("ILOT_SETTINGS", str(tmp_path / "display.json"))  # and the text size


class Harness:
    """A server, its room, a trainer connection for steering, and client apps to drive."""

    def __init__(self, tmp_path: Path, scenario: Path = SHORT):
        self.srv = LocalServer(tmp_path / "data", ping_interval=None)
        self.url = self.srv.start()
        self.room, self.code = self.srv.create_room(scenario)
        self.apps: list[App] = []
        self._trainer: Connection | None = None

    def state(self):
        return self.srv.room_state(self.room)

    def app(self, hello: dict[str, Any] | None = None, **kw: Any) -> App:
        if self.apps:  # one window per process: close the previous one first
            self.apps[-1].close()
        kw.setdefault("size", (1280, 800))  # tests of the window's own size give None
        a = App(url=self.url, hello=hello, **kw)
        self.apps.append(a)
        return a

    def trainer_act(self, action: dict[str, Any]) -> dict[str, Any]:
        """Steer the room as a trainer would, over a real connection; returns the reply."""
        async def go() -> dict[str, Any]:
            if self._trainer is None:
                self._trainer = await Connection.open(
                    self.url, {"as": "trainer", "room": self.room, "code": self.code})
            aid = action.get("id") or f"t{time.monotonic_ns()}"
            await self._trainer.act({**action, "id": aid})
            while True:
                msg = await self._trainer.recv(10)
                if msg.get("t") in ("ack", "reject") and msg.get("id") == aid:
                    return msg
        return self.srv.run(go())

    def drop(self, pid: str) -> None:
        """The server cuts a participant's connection (as a network failure would)."""
        def cut() -> int:
            room = self.srv.server.rooms[self.room]
            n = 0
            for ws, actor in list(room.clients.items()):
                if actor.id == pid:
                    ws.transport.abort()
                    n += 1
            return n
        assert self.srv.call(cut) >= 1

    def close(self) -> None:
        for a in self.apps:
            try:
                a.close()
            except Exception:
                pass
        if self._trainer is not None:
            try:
                self.srv.run(self._trainer.close())
            except Exception:
                pass
        self.srv.stop()


@pytest.fixture
def harness(tmp_path):
    h = Harness(tmp_path)
    yield h
    h.close()


@pytest.fixture
def rich_harness(tmp_path):
    h = Harness(tmp_path, RICH)
    yield h
    h.close()


def pump(app: App, cond: Callable[[], object], timeout: float = 8.0) -> object:
    """Run the client's own loop until `cond()` holds; fail after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.step()
        got = cond()
        if got:
            return got
        app.clock.tick(200)  # the loop's own pacing, as in App.run
    raise AssertionError(f"condition not met within {timeout} s")


def wait_server(h: Harness, cond: Callable[[Any], object], app: App | None = None,
                timeout: float = 8.0) -> Any:
    """Pump the client while waiting for the server's state to satisfy `cond`."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if app is not None:
            app.step()
        s = h.state()
        if cond(s):
            return s
        if app is not None:
            app.clock.tick(100)
        else:
            time.sleep(0.01)  # pragma: no cover
    raise AssertionError(f"server condition not met within {timeout} s")


def click(app: App, pos: tuple[int, int]) -> None:
    pygame.mouse.set_pos(pos)
    for kind in (pygame.MOUSEMOTION,):
        pygame.event.post(pygame.event.Event(kind, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    app.step()
    app.ui.update(0.05)  # hover state is computed on update
    # down and up in one frame: a quick click, as a person makes it
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.step()
    app.step()  # the UI events the click produced (pressed, focus) are handled next frame


def click_widget(app: App, el: Any) -> None:
    click(app, el.get_abs_rect().center)


def type_text(app: App, el: Any, text: str, enter: bool = False) -> None:
    click_widget(app, el)
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()
    app.step()
    if enter:
        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            pygame.event.post(pygame.event.Event(kind, key=pygame.K_RETURN, mod=0,
                                                 unicode="\r", scancode=40))
            app.step()
        app.step()


def wheel(app: App, pos: tuple[int, int], clicks: int = 3) -> None:
    """The pointer over `pos`, then the mouse wheel turned `clicks` notches down."""
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    app.step()
    app.ui.update(0.05)
    for _ in range(clicks):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False,
                                             precise_x=0.0, precise_y=-1.0))
        app.step()


def button(part: Any, key: str) -> Any:
    return part.widgets[key]


def choose(app: App, dropdown: Any, value: str) -> None:
    """Pick `value` (an option id) in a pygame_gui drop-down, by clicks as a person would."""
    click_widget(app, dropdown)  # expands it
    lst = dropdown.menu_states["expanded"].options_selection_list
    item = next(i for i in lst.item_list if i["object_id"] == value or i["text"] == value)
    if item["button_element"] is None:  # scrolled out of the list: scroll it into view
        lst.scroll_bar.set_scroll_from_start_percentage(lst.item_list.index(item) / len(lst.item_list))
        app.step()
    click_widget(app, item["button_element"])
    # the list's pick becomes the menu's choice over the next frames' UI events
    pump(app, lambda: dropdown.selected_option[1] == value, 3)


def tick(app: App, checklist: CheckList, value: str) -> None:
    """Click row `value` of a check-box list (scrolled into view first): ticks or unticks it."""
    click(app, checklist.row_rect(value).center)


def select_items(app: App, selection_list: Any, values: list[str]) -> None:
    """Tick items of a multi-selection list (a check-box list) by clicking them."""
    if isinstance(selection_list, CheckList):
        for value in values:
            if not selection_list.is_checked(value):
                tick(app, selection_list, value)
        return
    for item in selection_list.item_list:
        if item["object_id"] in values and not item["selected"]:
            click_widget(app, item["button_element"])
