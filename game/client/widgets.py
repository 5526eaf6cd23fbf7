"""A small vertical form builder over pygame_gui widgets, and `Panel`: the part every screen is
made of (see parts.py for the protocol the window relies on).

A panel builds its widgets once and only refreshes its text boxes when the state changes; it
is rebuilt when its `signature` changes (phase, selection, lists that feed menus). Text typed in
entries is kept in the context's `drafts` across rebuilds and reconnects, so nothing typed is
lost; menus' picks and other choices are kept in the panel's `memory` (`sel`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pygame
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UIPanel, UISelectionList, UITextEntryLine

from ilot.game.core.state import State
from ilot.game.text import Lang

from .cardview import card_html
from .checklist import DETAIL, CheckList, Legend, Row
from .context import Action, ClientContext
from .entries import HintedEntry
from .fonts import font, px, wrap
from .model import ClientModel
from .parts import Overlay, Widget
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
    """Places widgets top to bottom in a panel's container, each registered under its key."""

    GAP = 5

    def __init__(self, panel: Panel, container: UIPanel, width: int, height: int):
        self.panel = panel
        self.ctx = panel.ctx
        self.ui = panel.ctx.ui
        self.container = container
        self.w = width
        self.h = height
        self.y = 6
        self.x = 6

    def _rect(self, h: int, x: int | None = None, w: int | None = None) -> pygame.Rect:
        return pygame.Rect(self.x if x is None else x, self.y, (self.w - 12) if w is None else w, h)

    def register(self, key: str, el: Widget) -> None:
        """`el` is the panel's widget `key`: its UI events go to the panel under that key."""
        assert key not in self.panel.widgets, f"two widgets named {key!r} in {self.panel.name}"
        self.panel.widgets[key] = el
        self.panel.keys[el] = key

    def label(self, text: str, h: int = 22, object_id: str = "#label") -> UILabel:
        h = px(h)  # every height at the window's scale (fonts.px), as the fonts
        f = font(24, bold=True) if object_id == "#title" else font(14, bold=object_id == "#label")
        text = wrap(text, f, self.w - 20, max_lines=1)[0]  # never cut mid-glyph
        el = UILabel(self._rect(h), text, self.ui, container=self.container,
                     object_id=object_id)
        self.y += h + 1
        return el

    def entry(self, key: str, placeholder: str = "", h: int = 32, limit: int = 2000
              ) -> UITextEntryLine:
        h = px(h)
        el = HintedEntry(self._rect(h), self.ui, container=self.container,
                         placeholder_text=placeholder)  # a grey placeholder
        el.set_text_length_limit(limit)
        saved = self.ctx.drafts.get((self.panel.name, key))
        if saved:
            el.set_text(saved)
        self.register(key, el)
        self.y += h + self.GAP
        return el

    def row(self, items: list[tuple[str, str]], h: int = 32, selected: str | None = None,
            tips: dict[str, str] | None = None) -> list[UIButton]:
        """Buttons side by side; `selected` is drawn as the active choice."""
        h = px(h)
        n = max(1, len(items))
        gap = 4
        w = (self.w - 12 - gap * (n - 1)) // n
        out: list[UIButton] = []
        for i, (key, label) in enumerate(items):
            oid = "#selected" if key == selected else "#button"
            shown = wrap(label, font(14), w - 10, max_lines=1)[0]  # never cut mid-glyph
            tip = (tips or {}).get(key) or (label if shown != label else None)
            el = UIButton(pygame.Rect(self.x + i * (w + gap), self.y, w, h), shown, self.ui,
                          container=self.container, object_id=oid, tool_tip_text=tip)
            self.register(key, el)
            out.append(el)
        self.y += h + self.GAP
        return out

    def dropdown(self, key: str, options: list[tuple[str, str]], h: int = 30,
                 selected: str | None = None) -> UIDropDownMenu | None:
        if not options:
            return None
        h = px(h)
        remembered = self.panel.sel.get(f"dd:{key}")  # the last pick survives rebuilds
        if any(o[1] == remembered for o in options):
            selected = remembered
        start = next((o for o in options if o[1] == selected), options[0])
        choices: list[str | tuple[str, str]] = list(options)
        el = UIDropDownMenu(choices, start, self._rect(h), self.ui, container=self.container,
                            expand_on_option_click=True)
        self.register(key, el)
        self.y += h + self.GAP
        return el

    def multi(self, key: str, options: list[tuple[str, str]], h: int, selected: list[str]
              ) -> CheckList:
        """Several choices ticked in a list of check boxes: (text, value) options."""
        return self.checklist(key, [Row(v, text) for text, v in options], h, selected)

    def checklist(self, key: str, rows: list[Row], h: int, selected: list[str], *,
                  bulk: tuple[str, str] | None = None, store: dict[str, Any] | None = None,
                  on_change: Callable[[list[str]], None] | None = None) -> CheckList:
        """A list of check boxes (checklist.CheckList), at most `h` pixels high (less when its
        rows need less). `bulk`: the labels of « Tout cocher » and « Tout décocher », two
        buttons above the list (keys `key:all`, `key:none`). `store`: where the ticks are kept
        (under `key`) so that a rebuild keeps them; else `selected` is ticked."""
        buttons = None
        if bulk is not None:
            a, b = self.row([(f"{key}:all", bulk[0]), (f"{key}:none", bulk[1])], h=28)
            buttons = (a, b)
        row_h = 42 if any(r.detail for r in rows) else 28  # checklist.CheckList's (scale 1)
        h = max(row_h + 2, min(h, row_h * len(rows) + 2))
        remembered = store.get(key) if store is not None else None
        ticked = list(remembered) if isinstance(remembered, list) else selected
        el = CheckList(self._rect(h), self.ui, self.container, rows, ticked, store=store,
                       store_key=key, on_change=on_change, bulk=buttons)
        self.register(key, el)
        self.y += h + self.GAP
        return el

    def legend(self, text: str, *, mark: bool = False, colour: pygame.Color | None = None,
               bold: bool = False, size: int = 12, max_lines: int = 3, min_lines: int = 1,
               key: str | None = None) -> Legend:
        """A line or two of small text (under a list: what its mark means, a summary);
        `min_lines`: room kept for a text that grows (`Legend.set_text`); `key`: the panel's
        widget of that name (tests read it)."""
        h = max(Legend.height_for(text, self.w - 12, size=size, bold=bold, mark=mark,
                                  max_lines=max_lines),
                font(size, bold=bold).get_linesize() * min(min_lines, max_lines))
        el = Legend(self._rect(h), self.ui, self.container, text, mark=mark, bold=bold,
                    size=size, colour=colour or DETAIL)
        if key is not None:
            self.register(key, el)
        self.y += h + self.GAP
        return el

    def textbox(self, key: str, html_text: str, h: int | None = None, min_h: int = 60
                ) -> RichBox:
        h = max(px(min_h), self.h - self.y - 6) if h is None else px(h)
        el = RichBox(self._rect(h), self.ui, self.container,
                     size=px(20 if self.ctx.shared_screen else 14))
        if html_text:
            el.set_text(html_text)
        self.register(key, el)
        self.y += h + self.GAP
        return el


class Panel:
    """A part of a screen (parts.Part): subclasses define `build(form)`, `content()`,
    `signature()`, `on_button(key)`…, and the optional capabilities they have."""

    name = "panel"
    container_id = "#side"  # the theme's look of its container
    readonly_ok = True  # False: this panel builds its own controls even for the trainer
    trainer_controls = False  # True: build() also runs for the trainer (who may act here)
    # True: the selected space's card (« Ce que l'îlot en dit ») above the text (the screen
    # sets it on the phases' panels)
    shows_space_card = False

    def __init__(self, ctx: ClientContext, rect: pygame.Rect):
        self.ctx = ctx
        self.rect = rect
        self.widgets: dict[str, Widget] = {}
        self.keys: dict[Widget, str] = {}
        self.container = UIPanel(rect, manager=ctx.ui, object_id=self.container_id)
        self.due = False  # text box content changed but not shown yet (see refresh)
        self._sig: object = object()  # never equal: the first sync builds
        self._content: str | None = None

    @property
    def state(self) -> State:
        return self.ctx.state

    @property
    def model(self) -> ClientModel:
        return self.ctx.model

    @property
    def lang(self) -> Lang:
        """The window's `Lang`: every word and number this panel shows is made with it."""
        return self.ctx.lang

    @property
    def sel(self) -> dict[str, Any]:
        """Choices that survive rebuilds (selected kind, option, proposal…)."""
        return self.ctx.memory(self.name)

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

    def remember_text(self, key: str, text: str) -> None:
        self.ctx.drafts[(self.name, key)] = text

    def remember_choice(self, key: str, value: str | None) -> None:
        self.sel[f"dd:{key}"] = value  # the last pick survives rebuilds (Form.dropdown)

    # ----- optional capabilities: the neutral answers -----
    def proposal_on_map(self) -> str | None:
        return None

    def pick_note(self, note_id: str) -> bool:
        return False

    def overlay(self) -> Overlay | None:
        return None

    def space_card_html(self) -> str:
        """The selected space's card, when this panel shows it (cardview.py)."""
        if not self.shows_space_card:
            return ""
        return card_html(self.state, self.lang, self.ctx.selection.space)

    # ----- life cycle -----
    def builds_controls(self) -> bool:
        """Whether `build` runs for this viewer; else the phase's text alone is shown
        (trainer and shared screen see the content, without its controls)."""
        return self.ctx.can_act or not self.readonly_ok or (
            self.trainer_controls and self.ctx.is_trainer)

    def rebuild(self) -> None:
        focused = next((k for k, el in self.widgets.items()
                        if isinstance(el, UITextEntryLine) and el.is_focused), None)
        inner = self.container.get_container()
        inner.clear()
        self.widgets.clear()
        self.keys.clear()
        rect = inner.get_rect()
        form = Form(self, self.container, rect.w, rect.h)
        if self.builds_controls():
            self.build(form)
        else:
            form.textbox("box", "")
        self._content = None
        self.refresh()
        el = self.widgets.get(focused) if focused else None
        if isinstance(el, UITextEntryLine):
            el.focus()
            self.ctx.ui.set_focus_set(el)

    def stale(self) -> bool:
        return self.signature() != self._sig

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
        if not isinstance(box, RichBox):
            return False
        if not force and self._content is not None:
            self.due = True  # content() is built later, when the app applies it
            return False
        self.due = False
        changed = self.update_in_place()
        text = self.content()
        card = self.space_card_html()
        if card:
            text = f"{card}<br><br>{text}" if text else card
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
        return el.get_text().strip() if isinstance(el, UITextEntryLine) else ""

    def clear_text(self, key: str) -> None:
        el = self.widgets.get(key)
        if isinstance(el, UITextEntryLine):
            el.set_text("")
        self.ctx.drafts.pop((self.name, key), None)

    def choice(self, key: str) -> str | None:
        el = self.widgets.get(key)
        if isinstance(el, UIDropDownMenu):
            return option_value(el.selected_option)
        if isinstance(el, UISelectionList):
            return option_value(el.get_single_selection(include_object_id=True))
        return None

    def multi_choice(self, key: str) -> list[str]:
        el = self.widgets.get(key)
        if isinstance(el, CheckList):
            return el.checked()
        if not isinstance(el, UISelectionList):
            return []
        return [v for v in (option_value(s) for s in el.get_multi_selection(include_object_id=True))
                if v is not None]

    def act(self, action: Action) -> str:
        return self.ctx.act(action)

    def need(self, ok: object, message_key: str) -> bool:
        """False, with the message `message_key` (a key marked `N_("ui.…")`), when not `ok`:
        nothing is sent, and the message goes once an action succeeds."""
        if not ok:
            self.ctx.notice(self.lang.t(message_key), validation=True)
        return bool(ok)


def option_value(option: object) -> str | None:
    """The value of a menu's or list's option: (text, id) gives id, a plain text itself."""
    if isinstance(option, tuple):
        return str(option[1])
    return option if isinstance(option, str) else None
