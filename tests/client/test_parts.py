"""The panel protocol and the context parts receive: every part class has the protocol's members
with its signatures, the live parts satisfy it, and no part can reach the App (the context holds
none, the commands are not the App's methods, no part's module names it)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import ilot.game.client
from ilot.game.client.app import App
from ilot.game.client.context import ClientContext, Commands
from ilot.game.client.header import Header
from ilot.game.client.pages import ConnectScreen, PersonaScreen
from ilot.game.client.panels import PANELS, ConsolePanel
from ilot.game.client.parts import Overlay, Part
from ilot.game.client.widgets import Panel

from .conftest import click_widget, pump
from .test_play import joined, set_phase

CLIENT = Path(ilot.game.client.__file__).parent
PART_CLASSES = sorted({*PANELS.values(), ConsolePanel, Header, ConnectScreen, PersonaScreen},
                      key=lambda c: c.__name__)
# the modules parts are made in: they see a ClientContext, never the App
PART_MODULES = [CLIENT / "widgets.py", CLIENT / "header.py",
                *sorted((CLIENT / "panels").glob("*.py")), *sorted((CLIENT / "pages").glob("*.py"))]


def protocol_methods(proto: type) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(fn) for name, fn in vars(proto).items()
            if inspect.isfunction(fn) and not name.startswith("_")}


def test_the_protocol_lists_the_lifecycle_the_input_and_the_capabilities():
    methods = set(protocol_methods(Part))
    assert {"build", "signature", "content", "sync", "refresh", "stale", "kill", "on_button",
            "on_enter", "on_select", "remember_text", "remember_choice"} <= methods
    assert {"proposal_on_map", "pick_note", "overlay"} <= methods  # optional capabilities
    assert {"name", "rect", "widgets", "keys", "due"} <= set(Part.__annotations__)


@pytest.mark.parametrize("cls", PART_CLASSES, ids=lambda c: c.__name__)
def test_every_part_class_has_the_protocol_members(cls):
    assert issubclass(cls, Panel)
    for name, expected in protocol_methods(Part).items():
        got = inspect.signature(getattr(cls, name))
        assert list(got.parameters) == list(expected.parameters), (cls.__name__, name)
        defaults = [p.default for p in got.parameters.values()]
        assert defaults == [p.default for p in expected.parameters.values()], (cls.__name__, name)
    assert isinstance(cls.name, str) and cls.name != Panel.name


def test_optional_capabilities_have_neutral_answers(harness):
    app = harness.app(prefill={"url": harness.url})
    page = app.page
    assert isinstance(page, Part)
    assert page.proposal_on_map() is None and page.overlay() is None
    assert page.pick_note("N1") is False


def test_live_parts_satisfy_the_protocol_through_the_loop(harness):
    app = joined(harness)
    assert isinstance(app.side, Part) and isinstance(app.header, Part)
    for kind in ("etat_des_lieux", "deliberation", "plan_action"):
        set_phase(harness, app, kind)
        assert isinstance(app.side, Part) and app.side.name == kind
    assert app.side.proposal_on_map() is None  # no proposal yet
    trainer = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(trainer, lambda: trainer.screen == "main")
    click_widget(trainer, trainer.header.widgets["console"])
    pump(trainer, lambda: trainer.side.name == "console")
    click_widget(trainer, trainer.side.widgets["tab:groups"])
    pump(trainer, lambda: trainer.side.sel.get("tab") == "groups")
    assert isinstance(trainer.side, Part)


def _holds_app(value: object) -> bool:
    if isinstance(value, App):
        return True
    owner = getattr(value, "__self__", None)  # a bound method
    return isinstance(owner, App)


def test_the_context_exposes_no_app(harness):
    app = harness.app(prefill={"url": harness.url})
    ctx = app.ctx
    assert isinstance(ctx, ClientContext)
    assert [k for k, v in vars(ctx).items() if _holds_app(v)] == []
    assert isinstance(ctx.commands, Commands)
    assert [k for k, v in vars(ctx.commands).items() if _holds_app(v)] == []
    for part in app.screens.parts():
        assert part.ctx is ctx
        assert [k for k, v in vars(part).items() if _holds_app(v)] == []


@pytest.mark.parametrize("path", PART_MODULES, ids=lambda p: p.relative_to(CLIENT).as_posix())
def test_no_part_module_reaches_the_app(path):
    source = path.read_text(encoding="utf-8")
    assert re.findall(r"\.app\b|\bapp\.|import App\b|from \.+app import", source) == []


def test_the_group_board_is_an_overlay():
    from ilot.game.client.panels.board import GroupBoard

    for name in protocol_methods(Overlay):
        assert callable(getattr(GroupBoard, name))
