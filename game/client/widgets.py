"""A small vertical form builder over pygame_gui widgets, and the base class of side panels.

A panel builds its widgets once and only refreshes its text boxes when the state changes; it
is rebuilt when its `signature` changes (phase, selection, lists that feed menus). Text typed in
entries is kept in `app.drafts` across rebuilds and reconnects, so nothing typed is lost.
"""

from __future__ import annotations

import html
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UIPanel, UISelectionList, UITextEntryLine

from ilot.game.core.kinds import ActorKind

from .fonts import font, wrap
from .richtext import RichBox


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def bold(text: str) -> str:
    """`text` (plain) in bold, as markup."""
    return f"<b>{esc(text)}</b>"


def italic(text: str) -> str:
    """`text` (plain) in italics, as markup."""
    return f"<i>{esc(text)}</i>"


def coloured(colour: str, markup: str) -> str:
    """`markup` in `colour` ("#2e9d5b")."""
    return f"<font color='{colour}'>{markup}</font>"


class Form:
    GAP = 5

    def __init__(self, panel: Panel, container: Any, width: int, height: int):
        self.panel = panel
        self.app = panel.app
        self.container = container
        self.w = width
        self.h = height
        self.y = 6
        self.x = 6

    def _rect(self, h: int, x: int | None = None, w: int | None = None) -> pygame.Rect:
        return pygame.Rect(self.x if x is None else x, self.y, (self.w - 12) if w is None else w, h)

    def _register(self, key: str, el: Any) -> Any:
        assert key not in self.panel.widgets, f"two widgets named {key!r} in {self.panel.name}"
        self.panel.widgets[key] = el
        self.panel.keys[el] = key
        return el

    def label(self, text: str, h: int = 22, object_id: str = "#label") -> UILabel:
        f = font(24, bold=True) if object_id == "#title" else font(14, bold=object_id == "#label")
        text = wrap(text, f, self.w - 20, max_lines=1)[0]  # never cut mid-glyph
        el = UILabel(self._rect(h), text, self.app.ui, container=self.container,
                     object_id=object_id)
        self.y += h + 1
        return el

    def entry(self, key: str, placeholder: str = "", h: int = 32, limit: int = 2000
              ) -> UITextEntryLine:
        el = UITextEntryLine(self._rect(h), self.app.ui, container=self.container,
                             placeholder_text=placeholder)
        el.set_text_length_limit(limit)
        saved = self.app.drafts.get((self.panel.name, key))
        if saved:
            el.set_text(saved)
        self._register(key, el)
        self.y += h + self.GAP
        return el

    def row(self, items: list[tuple[str, str]], h: int = 32, selected: str | None = None,
            tips: dict[str, str] | None = None) -> list[UIButton]:
        """Buttons side by side; `selected` is drawn as the active choice."""
        n = max(1, len(items))
        gap = 4
        w = (self.w - 12 - gap * (n - 1)) // n
        out = []
        for i, (key, label) in enumerate(items):
            oid = "#selected" if key == selected else "#button"
            shown = wrap(label, font(14), w - 10, max_lines=1)[0]  # never cut mid-glyph
            tip = (tips or {}).get(key) or (label if shown != label else None)
            el = UIButton(pygame.Rect(self.x + i * (w + gap), self.y, w, h), shown, self.app.ui,
                          container=self.container, object_id=oid, tool_tip_text=tip)
            out.append(self._register(key, el))
        self.y += h + self.GAP
        return out

    def dropdown(self, key: str, options: list[tuple[str, str]], h: int = 30,
                 selected: str | None = None) -> UIDropDownMenu | None:
        if not options:
            return None
        remembered = self.panel.sel.get(f"dd:{key}")  # the last pick survives rebuilds
        if any(o[1] == remembered for o in options):
            selected = remembered
        start = next((o for o in options if o[1] == selected), options[0])
        el = UIDropDownMenu(options, start, self._rect(h), self.app.ui, container=self.container,
                            expand_on_option_click=True)
        self._register(key, el)
        self.y += h + self.GAP
        return el

    def multi(self, key: str, options: list[tuple[str, str]], h: int, selected: list[str]
              ) -> UISelectionList:
        el = UISelectionList(self._rect(h), options, self.app.ui, container=self.container,
                             allow_multi_select=True,
                             default_selection=[o for o in options if o[1] in selected] or None)
        self._register(key, el)
        self.y += h + self.GAP
        return el

    def textbox(self, key: str, html_text: str, h: int | None = None, min_h: int = 60
                ) -> RichBox:
        if h is None:
            h = max(min_h, self.h - self.y - 6)
        el = RichBox(self._rect(h), self.app.ui, self.container, size=20 if self.app.big else 14)
        if html_text:
            el.set_text(html_text)
        self._register(key, el)
        self.y += h + self.GAP
        return el


class Panel:
    """Base class: subclasses define `build(form)`, `content()`, `on_button(key)`…"""

    name = "panel"
    readonly_ok = True  # False: this panel builds its own controls even for the trainer
    trainer_controls = False  # True: build() also runs for the trainer (who may act here)

    def __init__(self, app: Any, rect: pygame.Rect):
        self.app = app
        self.rect = rect
        self.widgets: dict[str, Any] = {}
        self.keys: dict[Any, str] = {}
        self.container = UIPanel(rect, manager=app.ui, object_id="#side")
        self.due = False  # text box content changed but not shown yet (see refresh)
        self._sig: object = object()  # never equal: the first sync builds
        self._content: str | None = None

    @property
    def state(self):
        return self.app.model.state

    @property
    def lang(self):
        """The app's `Lang`: every word and number this panel shows is made with it."""
        return self.app.lang

    @property
    def sel(self) -> dict[str, Any]:
        """Choices that survive rebuilds (selected kind, option, proposal…)."""
        return self.app.panel_state.setdefault(self.name, {})

    def signature(self) -> object:
        return None

    def build(self, form: Form) -> None:
        raise NotImplementedError

    def content(self) -> str:
        return ""

    def on_button(self, key: str) -> None:
        pass

    def on_enter(self, key: str) -> None:
        pass

    def on_select(self, key: str, value: str | None) -> None:
        pass

    # ----- life cycle -----
    def rebuild(self) -> None:
        focused = next((k for k, el in self.widgets.items()
                        if isinstance(el, UITextEntryLine) and el.is_focused), None)
        self.container.get_container().clear()
        self.widgets.clear()
        self.keys.clear()
        inner = self.container.get_container().get_rect()
        form = Form(self, self.container, inner.w, inner.h)
        if self.app.can_act or not self.readonly_ok or (
                self.trainer_controls and self.app.model.kind == ActorKind.TRAINER):
            self.build(form)
        else:  # trainer and spectator see the phase's content, without its controls
            form.textbox("box", "")
        self._content = None
        self.refresh()
        if focused and focused in self.widgets:
            self.widgets[focused].focus()
            self.app.ui.set_focus_set(self.widgets[focused])

    def sync(self, force: bool = True) -> bool:
        """Rebuild if the signature changed, else refresh; True when something changed."""
        sig = self.signature()
        if sig != self._sig:
            self._sig = sig
            self.rebuild()
            return True
        return self.refresh(force)

    def refresh(self, force: bool = True) -> bool:
        """Update the text box. With force=False a change is only marked as due: the app
        applies it once per frame, however many messages arrived in that frame."""
        box = self.widgets.get("box")
        if box is None:
            return False
        if not force and self._content is not None:
            self.due = True  # content() is built later, when the app applies it
            return False
        self.due = False
        changed = self.update_in_place()
        text = self.content()
        if text == self._content:
            return changed
        self._content = text
        box.set_text(text)
        return True

    def update_in_place(self) -> bool:
        """Bring widgets other than the text box in line with the state without a rebuild
        (e.g. a menu's entries); True if something changed. Runs when the text is applied."""
        return False

    def kill(self) -> None:
        self.container.kill()

    # ----- helpers -----
    def text_of(self, key: str) -> str:
        el = self.widgets.get(key)
        return el.get_text().strip() if el is not None else ""

    def clear_text(self, key: str) -> None:
        el = self.widgets.get(key)
        if el is not None:
            el.set_text("")
        self.app.drafts.pop((self.name, key), None)

    def choice(self, key: str) -> str | None:
        el = self.widgets.get(key)
        if isinstance(el, UIDropDownMenu):
            opt = el.selected_option
            return opt[1] if isinstance(opt, tuple) else opt
        if isinstance(el, UISelectionList):
            sel = el.get_single_selection(include_object_id=True)
            return sel[1] if isinstance(sel, tuple) else sel
        return None

    def multi_choice(self, key: str) -> list[str]:
        el = self.widgets.get(key)
        if not isinstance(el, UISelectionList):
            return []
        return [s[1] if isinstance(s, tuple) else s
                for s in el.get_multi_selection(include_object_id=True)]

    def act(self, action: dict[str, Any]) -> str:
        return self.app.act(action)

    def need(self, ok: object, message_key: str) -> bool:
        """False, with the message `message_key` (a key marked `N_("ui.…")`), when not `ok`."""
        if not ok:
            self.app.model.notice(self.lang.t(message_key))
        return bool(ok)


EVENTS = (pygame_gui.UI_BUTTON_PRESSED, pygame_gui.UI_TEXT_ENTRY_FINISHED)
