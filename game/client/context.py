"""What a part of the window may know and do: the narrow context every part receives.

A part (a side panel, the console, the header, the connect and persona pages) never sees the
`App`. It gets a `ClientContext`: the room as this window knows it (`model`, `state`), the
window's `Lang`, the pygame_gui manager to build its widgets with, who this viewer is
(`can_act`, `is_trainer`, `shared_screen`), the map's selection, what was typed (`drafts`) and
picked (`memory`) so that rebuilds and reconnects lose nothing, and the few things a part may
ask: `act(action)` in the room, `notice(text)` in the status bar, the simulation of the current
plan (`trajectory`), and the window's `commands` (join a room, create one, open the console).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame_gui

from ilot.game.core.kinds import ActorKind
from ilot.game.core.simulation import Trajectory
from ilot.game.core.state import State
from ilot.game.text import Lang

from .model import ClientModel

Action = dict[str, Any]


@dataclass
class Selection:
    """The space selected on the map, and where in it the click was (map coordinates; None when
    the space was selected otherwise, e.g. by picking one of its notes)."""

    space: str | None = None
    point: tuple[float, float] | None = None

    def select(self, space: str | None, point: tuple[float, float] | None = None) -> None:
        self.space = space
        self.point = point if space is not None else None

    def clear(self) -> None:
        self.select(None)


def _nothing(*_args: Any) -> None:
    return None


@dataclass(frozen=True)
class Commands:
    """What a part may ask of the window besides acting in the room. Each is a method of the
    part of the window that does it (the room link, the organiser, the screens), never the App."""

    connect: Callable[[str, dict[str, Any]], None] = _nothing
    """Join a room: the server's address and the hello (the connect page)."""
    create_room: Callable[[str, str, str], None] = _nothing
    """Create a room as the organiser: address, organiser key, scenario file (the connect page)."""
    toggle_console: Callable[[], None] = _nothing
    """The trainer's console in place of the phase's panel, or back (the header)."""
    set_lang: Callable[[str], None] = _nothing
    """The window speaks this language from now on: "fr" or "en" (the connect page)."""


class ClientContext:
    """The one object a part receives. It holds no reference to the App."""

    def __init__(self, lang: Lang, ui: pygame_gui.UIManager) -> None:
        self.lang = lang  # every word and number a part shows is made with it
        self.ui = ui  # the manager a part builds its widgets with
        self.model = ClientModel(lang)  # replaced when the window joins another room
        self.selection = Selection()
        # what was typed in each part's entries, by (part name, widget key): kept across
        # rebuilds, screen changes and reconnects
        self.drafts: dict[tuple[str, str], str] = {}
        self._memory: dict[str, dict[str, Any]] = {}
        self.console_open = False  # the trainer's console replaces the phase's panel
        self.commands = Commands()
        self._send: Callable[[Action], str] = lambda _action: ""
        self._trajectory: Callable[[State], Trajectory] | None = None

    def bind(self, *, send: Callable[[Action], str], commands: Commands,
             trajectory: Callable[[State], Trajectory]) -> None:
        """The window's side of the context, once its parts exist."""
        self._send = send
        self.commands = commands
        self._trajectory = trajectory

    # ----- the room -----
    @property
    def state(self) -> State:
        """The room's state. Parts of the main and persona screens only exist once it is known;
        the connect page reads `model` instead."""
        state = self.model.state
        if state is None:
            raise LookupError("no room state yet: this part belongs to the main or persona screen")
        return state

    @property
    def can_act(self) -> bool:
        """A participant: acts in the phases (the trainer steers, the shared screen watches)."""
        return self.model.kind == ActorKind.PARTICIPANT

    @property
    def is_trainer(self) -> bool:
        return self.model.kind == ActorKind.TRAINER

    @property
    def shared_screen(self) -> bool:
        """The projected screen (spectator): larger text, no controls."""
        return self.model.kind == ActorKind.SPECTATOR

    # ----- what a part may do -----
    def act(self, action: Action) -> str:
        """Send an action to the room (never blocks); its client id, "" when not connected."""
        aid = self._send(action)
        if aid:
            self.model.sent(aid)
        return aid

    def notice(self, text: str, *, validation: bool = False) -> None:
        """A message in the status bar. `validation`: the client refused to send something
        (« Choisissez d'abord un espace… »); such a message goes once an action succeeds."""
        self.model.notice(text, validation=validation)

    def memory(self, part: str) -> dict[str, Any]:
        """The choices of part `part` that survive its rebuilds (a tab, a menu's pick…)."""
        return self._memory.setdefault(part, {})

    def trajectory(self, state: State) -> Trajectory:
        """Where the current plan leads in 3 years (the indicators' simulation, cached)."""
        if self._trajectory is None:
            from ilot.game.core.simulation import simulate_state
            return simulate_state(state)
        return self._trajectory(state)

