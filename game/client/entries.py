"""A one-line text entry whose placeholder is grey.

pygame_gui 0.6 draws an entry's placeholder (« Prénom ou pseudo », « K7QM-3XPA ») in the same
colour as typed text, so an empty field looks filled in. `HintedEntry` draws it in the theme's
`disabled_text` colour (a grey, the colour of what cannot be used), and its typed text in
`normal_text`, as before. `widgets.Form.entry` makes every entry of the client with it.
"""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UITextEntryLine


class HintedEntry(UITextEntryLine):
    """`UITextEntryLine` with a grey placeholder: it is redrawn in the grey when its
    placeholder shows (empty and not focused), and in the text colour otherwise."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.hinting = False  # the placeholder is shown, in grey
        super().__init__(*args, **kwargs)

    def showing_hint(self) -> bool:
        """Its placeholder is what shows: nothing typed, not focused, a placeholder to show."""
        return (not getattr(self, "text", "") and not getattr(self, "is_focused", False)
                and bool(getattr(self, "placeholder_text", "")))

    def hint_colour(self) -> Any:
        return self.ui_theme.get_colour_or_gradient("disabled_text", self.combined_element_ids)

    def shown_colour(self) -> pygame.Color | Any:
        """The colour its text is drawn in now: the grey while the placeholder shows."""
        return self.hint_colour() if self.hinting else self.text_colour

    def _rebuild_as(self, hint: bool) -> None:
        normal = self.text_colour
        if hint:
            self.text_colour = self.hint_colour()
        try:
            super().rebuild()  # type: ignore[no-untyped-call]  # pygame_gui 0.6 is untyped
        finally:
            self.text_colour = normal
        self.hinting = hint

    def rebuild(self) -> None:
        self._rebuild_as(self.showing_hint())

    def _follow(self) -> None:
        if self.showing_hint() != self.hinting:
            self._rebuild_as(self.showing_hint())

    def set_text(self, text: str | None) -> None:
        super().set_text(text)
        self._follow()

    def focus(self) -> None:
        if self.hinting:  # typed text comes next: the text colour, before the cursor shows
            self._rebuild_as(False)
        super().focus()  # type: ignore[no-untyped-call]  # pygame_gui 0.6 is untyped

    def unfocus(self) -> None:
        super().unfocus()  # type: ignore[no-untyped-call]  # pygame_gui 0.6 is untyped
        self._follow()
