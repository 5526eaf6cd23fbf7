"""« Fiches des espaces »: the trainer files the world café's notes under the spaces, and
everyone reads a selected space's card (« Ce que l'îlot en dit »).

The trainer's builder (the café's panel; in any phase, the console's view « cards », opened by
« Fiches des espaces » in its Séance tab): the space selected on the map, the café notes to
tick (by table, with their author), the line's wording (filled in from the ticked notes' text
until the trainer types their own), « Ajouter à la fiche »; a line of the card picked in the
menu is edited (« Enregistrer la ligne ») or removed. Its text box shows the selected space's
card, then the café notes by table.

Every side panel shows the selected space's card above its own text: cardview.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ilot.game.core.space_card import space_card
from ilot.game.text import N_
from ilot.game.text.spaces import space_name

from ..cardview import any_space, card_html
from ..checklist import CheckList, Row
from ..widgets import bold, esc, italic
from .picks import pick_menu, picked, update_picks

if TYPE_CHECKING:
    from ..widgets import Form, Panel

TEXT_MAX = 300  # the core's limit on a line's wording
NOTES = "card_notes"  # the check list of café notes
TEXT = "card_text"  # the line's wording
LINES = "card_line"  # the menu of the card's lines


def notes_html(panel: Panel) -> str:
    """The café notes by table: the theme, then each note (newest first) and its author."""
    s, lang, name_of = panel.state, panel.lang, panel.model.name_of
    out = [bold(lang.t("ui.cafe_notes_by_table"))]
    for th in s.scenario.cafe_themes:
        notes = sorted((k for k in s.cafe_notes.values() if k.table == th.id), key=lambda k: -k.t)
        out.append(f"<b>{esc(th.title)}</b> ({lang.num(len(notes))})")
        out += [f"• {esc(k.text)} — <i>{esc(name_of(k.author))}</i>" for k in notes]
    if not s.cafe_notes:
        out.append(italic(lang.t("ui.cafe_notes_none")))
    return "<br>".join(out)


def _rows(panel: Panel) -> list[Row]:
    s, name_of = panel.state, panel.model.name_of
    themes = s.scenario.index("theme")
    rows = []
    for th in s.scenario.cafe_themes:  # by table, newest first at each
        for k in sorted((k for k in s.cafe_notes.values() if k.table == th.id),
                        key=lambda k: -k.t):
            rows.append(Row(k.id, k.text, f"{themes[k.table].title} — {name_of(k.author)}"))
    return rows


def _line_picks(panel: Panel) -> list[tuple[str, str]]:
    sid = panel.ctx.selection.space
    return [(x.text, x.id) for x in space_card(panel.state, sid)] if sid else []


def _mem(panel: Panel) -> dict[str, object]:
    return panel.ctx.memory("space_cards")


def editing(panel: Panel) -> str | None:
    """The line being edited, if it is still on the selected space's card."""
    line = _mem(panel).get("edit")
    ids = {x for _, x in _line_picks(panel)}
    return line if isinstance(line, str) and line in ids else None


def cards_signature(panel: Panel) -> object:
    s = panel.state
    return (panel.ctx.selection.space, editing(panel), tuple(s.cafe_notes),
            picked(panel, LINES, {x for _, x in _line_picks(panel)}))


def cards_update(panel: Panel) -> bool:
    return update_picks(panel, LINES, _line_picks(panel))


def build_cards(panel: Panel, form: Form) -> None:
    """The builder's widgets, down to its text box."""
    t, mem = panel.lang.t, _mem(panel)
    sid = panel.ctx.selection.space
    space = any_space(panel.state, sid) if sid else None
    form.label(t("ui.space_selected", name=space_name(panel.lang, space)) if space
               else t("ui.card_click_space"))
    rows = _rows(panel)
    if rows:
        room = max(2 * 42 + 2, min(4 * 42 + 2, form.h - form.y - 5 * 37 - 150))
        form.checklist(NOTES, rows, h=room, selected=[], store=mem,
                       on_change=lambda ticked: _prefill(panel, ticked))
        # a note out of place goes (moderation.py): the lines that grouped it keep their wording
        form.row([("notes_remove", t(N_("ui.mod.remove_notes")))], h=28)
    else:
        form.label(t("ui.cafe_notes_none"), object_id="#hint")
    form.entry(TEXT, t("ui.card_text_hint"), limit=TEXT_MAX)
    if editing(panel):
        form.row([("card_save", t("ui.card_save")), ("card_cancel", t("ui.cancel"))])
    else:
        form.row([("card_add", t("ui.card_add"))])
    pick_menu(panel, form, LINES, t("ui.card_pick_line"), _line_picks(panel),
              [("card_remove", t("ui.card_remove"))])
    form.textbox("box", "")


def cards_content(panel: Panel) -> str:
    card = card_html(panel.state, panel.lang, panel.ctx.selection.space, empty=True)
    return (card + "<br><br>" if card else "") + notes_html(panel)


def _prefill(panel: Panel, ticked: list[str]) -> None:
    """The wording follows the ticked notes until the trainer writes their own."""
    mem = _mem(panel)
    typed = panel.text_of(TEXT)
    if typed and typed != mem.get("prefill"):
        return
    notes = panel.state.cafe_notes
    text = " ; ".join(notes[k].text for k in ticked if k in notes)[:TEXT_MAX]
    mem["prefill"] = text
    _set_text(panel, text)


def _set_text(panel: Panel, text: str) -> None:
    from pygame_gui.elements import UITextEntryLine

    el = panel.widgets.get(TEXT)
    if isinstance(el, UITextEntryLine):
        el.set_text(text)
    panel.remember_text(TEXT, text)


def _leave(panel: Panel) -> None:
    """Back to a new line: nothing ticked, an empty wording, no line picked."""
    el = panel.widgets.get(NOTES)
    if isinstance(el, CheckList):
        el.set_checked([])
    mem = _mem(panel)
    for k in ("edit", "prefill", NOTES):
        mem.pop(k, None)
    panel.sel.pop(f"dd:{LINES}", None)
    panel.clear_text(TEXT)


def cards_select(panel: Panel, key: str, value: str | None) -> bool:
    """A line picked in the menu: the builder edits it (its notes ticked, its wording)."""
    if key != LINES:
        return False
    line = panel.state.space_cards.get(value or "")
    if line is None:
        _leave(panel)
        return True
    mem = _mem(panel)
    mem.update({"edit": line.id, NOTES: list(line.notes)})  # its wording is the trainer's
    mem.pop("prefill", None)
    panel.ctx.drafts[(panel.name, TEXT)] = line.text  # the form opens on it
    return True


def cards_button(panel: Panel, key: str) -> bool:
    """The builder's buttons; False for a key that is not one of them."""
    sid = panel.ctx.selection.space
    if key in ("card_add", "card_save"):
        text = panel.text_of(TEXT)
        if not panel.need(sid, N_("ui.need_space")) or not panel.need(text, N_("ui.need_text")):
            return True
        action: dict[str, object] = {"type": "space_card_line", "space": sid, "text": text,
                                     "notes": panel.multi_choice(NOTES)}
        line = editing(panel) if key == "card_save" else None
        if line is not None:
            action["line"] = line
        panel.act(action)
        _leave(panel)
        return True
    if key == "card_cancel":
        _leave(panel)
        return True
    if key == "notes_remove":
        ticked = panel.multi_choice(NOTES)
        if panel.need(ticked, N_("ui.need_notes")):
            for note in ticked:
                panel.act({"type": "cafe_note_remove", "note": note})
        return True
    if key == "card_remove":
        pick = panel.choice(LINES)
        if panel.need(pick not in (None, "-"), N_("ui.need_card_line")):
            panel.act({"type": "space_card_remove", "line": pick})
            _leave(panel)
        return True
    return False


