"""The spaces' cards (« ce que l'îlot en dit »): the trainer files the world café's notes under
the spaces they speak of, one worded line at a time.

A café note belongs to a table (a café theme), not to a space; the trainer groups one or more
notes into a line on a space's card and words it (a line may also group no note: something said
in the talk). A note may be grouped in several lines, on several cards. The trainer may do this
in any phase (during the café, just after it, or on day 2 to complete a card).
"""

from __future__ import annotations

from ..actions import RemoveSpaceCardLine, SetSpaceCardLine
from ..events import Event, SpaceCardLineRemoved, SpaceCardLineSet
from ..space_card import MAX_LINES, MAX_LINES_PER_SPACE, known_space
from ..state import SpaceCardLine, State
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()


@ruleset.rule(SetSpaceCardLine, who=(TRAINER,), needs_persona=False)
def space_card_line(c: Ctx[SetSpaceCardLine]) -> None:
    a, s = c.action, c.state
    c.require(known_space(s, a.space), "unknown_space", a.space)
    for n in a.notes:
        c.require(n in s.cafe_notes, "unknown_note", n)
    old = None
    if a.line is not None:
        old = c.need(s.space_cards.get(a.line), "no_such_card_line", a.line)
    else:
        c.require(len(s.space_cards) < MAX_LINES, "space_cards_full")
    if old is None or old.space != a.space:
        on_space = sum(1 for x in s.space_cards.values() if x.space == a.space)
        c.require(on_space < MAX_LINES_PER_SPACE, "space_card_full", a.space)
    c.emit(SpaceCardLineSet(line=a.line or c.new_id("sc"), space=a.space, text=a.text,
                            notes=list(dict.fromkeys(a.notes))))


@ruleset.evolver(SpaceCardLineSet)
def _line_set(s: State, e: Event[SpaceCardLineSet]) -> None:
    d = e.payload
    s.space_cards[d.line] = SpaceCardLine(d.line, d.space, d.text, list(d.notes), e.t)


@ruleset.rule(RemoveSpaceCardLine, who=(TRAINER,), needs_persona=False)
def space_card_remove(c: Ctx[RemoveSpaceCardLine]) -> None:
    line = c.need(c.state.space_cards.get(c.action.line), "no_such_card_line", c.action.line)
    c.emit(SpaceCardLineRemoved(line.id))


@ruleset.evolver(SpaceCardLineRemoved)
def _line_removed(s: State, e: Event[SpaceCardLineRemoved]) -> None:
    del s.space_cards[e.payload.line]
