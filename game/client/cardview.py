"""A space's card (« Ce que l'îlot en dit ») as the side panels show it: above a phase panel's
own text whenever the selected space has one (widgets.Panel.refresh), in every phase, for
everyone; the trainer builds cards in panels/spacecards.py."""

from __future__ import annotations

from html import escape

from ilot.game.core.scenario import Space
from ilot.game.core.space_card import space_card
from ilot.game.core.state import State
from ilot.game.palette import BLUE_DARK
from ilot.game.text import Lang
from ilot.game.text.spaces import space_name


def any_space(state: State, sid: str) -> Space | None:
    """A play space, or a space played as parts (a card may be filed under it)."""
    sc = state.scenario
    return sc.index("space").get(sid) or next((s for s in sc.spaces if s.id == sid), None)


def card_html(state: State, lang: Lang, sid: str | None, *, empty: bool = False) -> str:
    """« Ce que l'îlot en dit — Cour centrale » and its lines, as markup; "" when no space is
    selected, or when its card is empty (unless `empty`: the builder says it is)."""
    space = any_space(state, sid) if sid else None
    if space is None:
        return ""
    lines = space_card(state, space.id)
    if not lines and not empty:
        return ""
    head = lang.t("ui.card_title", name=space_name(lang, space))
    bullet = f"<font color='{BLUE_DARK}'><b>•</b></font>"
    out = [f"<font color='{BLUE_DARK}'><b>{escape(head, quote=False)}</b></font>"]
    out += [f"{bullet} {escape(x.text, quote=False)}" for x in lines]
    if not lines:
        empty_text = lang.t("ui.card_empty")
        out.append(f"<i>{escape(empty_text, quote=False)}</i>")
    return "<br>".join(out)
