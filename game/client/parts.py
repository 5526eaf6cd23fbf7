"""The panel protocol: what the window expects of every part of a screen.

A part is a rectangle of pygame_gui widgets that shows a slice of the room and turns clicks and
typing into actions: each phase's side panel, the trainer's console, the header, the connect and
persona pages. `widgets.Panel` is the implementation every part uses (built with a `Form`,
rebuilt when its `signature` changes, its text box refreshed in place otherwise); the window
only relies on `Part`.

Life cycle: the window makes a part with `(ctx, rect)` (a `context.ClientContext`, never the
App), calls `sync()` after every change of the model (a rebuild when `signature()` changed, a
refresh of its text otherwise), applies a `due` refresh once a frame, and `kill()`s it when the
screen changes. UI events go to the part whose `keys` hold the element: `on_button`,
`on_enter`, `on_select`, and `remember_text` / `remember_choice` so that what was typed and
picked survives rebuilds.

Optional capabilities are members of the protocol with a neutral answer (what `Panel` gives):
a part that has one overrides it. The window never asks a part what it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeAlias, runtime_checkable

import pygame
from pygame_gui.core import UIElement

from .richtext import RichBox

if TYPE_CHECKING:
    from .widgets import Form

Widget: TypeAlias = UIElement | RichBox
"""A part's widget: a pygame_gui element, or the fast text box (`richtext.RichBox`)."""


@runtime_checkable
class Overlay(Protocol):
    """Something a part draws above the widgets and that takes the mouse first (the trainer's
    group board: a name dragged from one group to another)."""

    def on_mouse(self, event: pygame.event.Event) -> bool:
        """A mouse event, before the part's widgets see its UI events; True when used."""
        ...

    def draw(self, target: pygame.Surface) -> None:
        """Draw over the window (after pygame_gui's widgets)."""
        ...


@runtime_checkable
class Part(Protocol):
    """A part of a screen, as the window drives it."""

    name: str
    """Its name: the key of its drafts and memory in the context (a phase kind, "console",
    "header", "connect", "persona")."""
    rect: pygame.Rect
    """Where it is in the window."""
    widgets: dict[str, Widget]
    """Its widgets by key ("text", "add", "tab:vote"…)."""
    keys: dict[Widget, str]
    """The same, by element: a UI event goes to the part whose `keys` hold its element."""
    due: bool
    """Its text changed but is not shown yet: the window applies it (`refresh()`) once a frame."""

    # ----- what it shows -----
    def build(self, form: Form) -> None:
        """Make its widgets, top to bottom, with `form`."""
        ...

    def signature(self) -> object:
        """What its widgets depend on (phase, selection, the lists its menus offer): when it
        changes, the part is rebuilt."""
        ...

    def content(self) -> str:
        """The markup of its text box."""
        ...

    # ----- life cycle -----
    def sync(self, force: bool = True) -> bool:
        """Rebuild if the signature changed, else refresh; True when something changed."""
        ...

    def refresh(self, force: bool = True) -> bool:
        """Bring its text in line with the model without a rebuild (force=False: only mark it
        `due`); True when something changed."""
        ...

    def stale(self) -> bool:
        """Its signature changed since it was built: the next `sync()` rebuilds it."""
        ...

    def kill(self) -> None:
        """Remove its widgets from the window."""
        ...

    # ----- input -----
    def on_button(self, key: str) -> None:
        """Button `key` was pressed."""
        ...

    def on_enter(self, key: str) -> None:
        """Enter was pressed in entry `key`."""
        ...

    def on_select(self, key: str, value: str | None) -> None:
        """Menu `key` now shows `value`."""
        ...

    def remember_text(self, key: str, text: str) -> None:
        """Entry `key` now holds `text` (kept as a draft across rebuilds)."""
        ...

    def remember_choice(self, key: str, value: str | None) -> None:
        """Menu `key` now shows `value` (kept across rebuilds)."""
        ...

    # ----- optional capabilities (neutral answers in widgets.Panel) -----
    def proposal_on_map(self) -> str | None:
        """The proposal whose placements the map shows (délibération); None: the room's plan."""
        ...

    def pick_note(self, note_id: str) -> bool:
        """A note's pin was clicked on the map: True when the part took it (it picks that note);
        False, and the click selects the space under the pin."""
        ...

    def overlay(self) -> Overlay | None:
        """What it draws above the widgets and that takes the mouse first, if anything."""
        ...
