"""The spaces' cards (« ce que l'îlot en dit »): what the world café said about each space,
grouped and worded by the trainer. This is the read-model the client, the server's bots and
the debrief share; the rules that build a card are in rules/spacecards.py."""

from __future__ import annotations

from .state import CafeNote, SpaceCardLine, State

MAX_LINES_PER_SPACE = 12  # lines on one space's card
MAX_LINES = 200  # lines on all the cards of a room


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
