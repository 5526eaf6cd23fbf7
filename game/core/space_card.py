"""The spaces' cards (« ce que l'îlot en dit »): what the world café said about each space,
grouped and worded by the trainer. This is the read-model the client, the server's bots and
the debrief share; the rules that build a card are in rules/spacecards.py."""

from __future__ import annotations

import re

from .scenario import Scenario
from .state import CafeNote, SpaceCardLine, State

MAX_LINES_PER_SPACE = 12  # lines on one space's card
MAX_LINES = 200  # lines on all the cards of a room
SUGGESTED_LINES = 5  # lines `suggested_lines` proposes at once
NOTES_PER_LINE = 4
_WORD = re.compile(r"\w+")


def space_card(state: State, space: str) -> list[SpaceCardLine]:
    """The lines of `space`'s card, in the order they were first written. A part of a space
    (a space of capacity k > 1 is played as k parts) also shows the lines filed under the
    space it is a part of."""
    sp = state.scenario.index("space").get(space)
    keys = {space} if sp is None or sp.parent is None else {space, sp.parent}
    return [line for line in state.space_cards.values() if line.space in keys]


def card_spaces(state: State) -> list[str]:
    """The spaces (or parent spaces) that have a card, in the scenario's order."""
    filed = {line.space for line in state.space_cards.values()}
    order = [s.id for s in state.scenario.spaces] + list(state.scenario.index("space"))
    return [sid for sid in dict.fromkeys(order) if sid in filed]


def line_notes(state: State, line: SpaceCardLine) -> list[CafeNote]:
    """The café notes a line groups (those still there)."""
    return [state.cafe_notes[n] for n in line.notes if n in state.cafe_notes]


def known_space(state: State, space: str) -> bool:
    """Whether a card may be filed under `space`: a play space or a space played as parts."""
    sc = state.scenario
    return space in sc.index("space") or any(s.id == space for s in sc.spaces)


def _space_for(sc: Scenario, text: str) -> str:
    """The space a café note speaks of: the first whose name, or the first word of its name
    (« cour » for « Cour centrale », four letters at least), is in `text`; else the first."""
    low = text.lower()
    words = set(_WORD.findall(low))
    for sp in sc.spaces:
        name = sp.name.lower()
        first = _WORD.findall(name)[:1]
        if name in low or (first and len(first[0]) >= 4 and first[0] in words):
            return sp.id
    return sc.spaces[0].id


def suggested_lines(state: State) -> list[tuple[str, str, list[str]]]:
    """Lines a trainer (a bot, a scripted session) could file: the café notes not filed yet,
    grouped by the space their text or their table's title names (else the first space), one
    line per space: (space, the notes' texts together, the notes' ids)."""
    sc = state.scenario
    if not sc.spaces:
        return []
    filed = {n for line in state.space_cards.values() for n in line.notes}
    themes = sc.index("theme")
    by_space: dict[str, list[CafeNote]] = {}
    for k in state.cafe_notes.values():
        if k.id not in filed:
            table = themes[k.table].title if k.table in themes else ""
            by_space.setdefault(_space_for(sc, f"{k.text} {table}"), []).append(k)
    out = []
    for space, notes in list(by_space.items())[:SUGGESTED_LINES]:
        notes = notes[:NOTES_PER_LINE]
        out.append((space, " ; ".join(k.text for k in notes)[:300], [k.id for k in notes]))
    return out
