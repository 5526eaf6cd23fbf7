"""Menus to pick one of a list that changes (my notes, a space's notes, my resources…).

The menu is built with the form; when only the list changes its options are replaced in place,
so the panel is not rebuilt (the rest of the form, its focus and ticks stay as they were). An
empty menu, and the buttons that act on its pick, are greyed out. Panels put `picked(…)` in
their signature: a new pick, or the picked entry gone, rebuilds the form. A menu may open on a
pick made elsewhere (a note's pin clicked on the map): clicking that entry again closes it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

import pygame
from pygame_gui import UI_SELECTION_LIST_DROPPED_SELECTION
from pygame_gui.elements import UIDropDownMenu
from pygame_gui.elements.ui_drop_down_menu import UIExpandedDropDownState

from ..fonts import font, one_line, wrap
from ..richtext import RichBox

if TYPE_CHECKING:
    from ..widgets import Form, Panel


class Dated(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def t(self) -> float: ...


T = TypeVar("T", bound=Dated)

LIMIT = 40  # at most this many entries in a menu: the newest
ARROW = 56  # the menu's arrow button and margins, in pixels


def fit(text: str, width: int) -> str:
    """`text` on one line of `width` pixels, cut with an ellipsis."""
    return wrap(one_line(text), font(14), width, max_lines=1)[0]


def newest(items: Iterable[T]) -> list[T]:
    return sorted(items, key=lambda x: (-x.t, x.id))[:LIMIT]


def picked(panel: Panel, key: str, ids: Collection[str]) -> str | None:
    """The id picked in menu `key`, if it is still one of `ids`."""
    value = panel.sel.get(f"dd:{key}")
    return value if isinstance(value, str) and value in ids else None


def pick_menu(panel: Panel, form: Form, key: str, head: str, picks: list[tuple[str, str]],
              row: Sequence[tuple[str, str]] = ()) -> None:
    """Menu `key`: first `head` (value "-": nothing picked), then `picks` (text, id); then
    the `row` of buttons that act on the pick."""
    width = form.w - ARROW
    el = form.dropdown(key, [(head, "-")] + [(fit(text, width), pid) for text, pid in picks])
    if el is not None:
        _close_on_repick(el)
    if row:
        form.row(list(row))
    _known(panel)[key] = (picks, tuple(k for k, _ in row))
    _enable(panel, key, bool(picks))


def _known(panel: Panel) -> dict[str, tuple[list[tuple[str, str]], tuple[str, ...]]]:
    """The menus of `panel` made by `pick_menu`: their entries and the keys of their buttons."""
    known: dict[str, tuple[list[tuple[str, str]], tuple[str, ...]]] = \
        panel.__dict__.setdefault("_picks", {})
    return known


def update_picks(panel: Panel, key: str, picks: list[tuple[str, str]]) -> bool:
    """Replace the menu's entries in place when the list changed; True if it did."""
    el = panel.widgets.get(key)
    known = _known(panel)
    if not isinstance(el, UIDropDownMenu) or key not in known or known[key][0] == picks:
        return False
    known[key] = (picks, known[key][1])
    width = int(el.relative_rect.width) - ARROW + 12
    el.remove_options([o for o in el.options_list if isinstance(o, tuple) and o[1] != "-"])
    el.add_options([(fit(text, width), pid) for text, pid in picks])
    _enable(panel, key, bool(picks))
    return True


def _enable(panel: Panel, key: str, on: bool) -> None:
    known = _known(panel)
    for k in (key, *(known[key][1] if key in known else ())):
        el = panel.widgets.get(k)
        if el is None or isinstance(el, RichBox) or el.is_enabled == on:
            continue
        if on:
            el.enable()
        else:
            el.disable()


def _close_on_repick(menu: UIDropDownMenu) -> None:
    """pygame_gui leaves an open menu open, its entry unticked, when the entry already picked
    is clicked again: close it instead, keeping the pick (as picking any other entry does)."""
    state = menu.menu_states["expanded"]
    assert isinstance(state, UIExpandedDropDownState)
    process = state.process_event

    def process_event(event: pygame.event.Event) -> bool:
        if (event.type == UI_SELECTION_LIST_DROPPED_SELECTION
                and event.ui_element is state.options_selection_list
                and state.options_selection_list.get_single_selection() is None):
            state.should_transition = True  # no other entry picked: the same one, again
        return process(event)

    state.process_event = process_event  # type: ignore[method-assign]  # pygame_gui has no hook for it: its handler is wrapped
