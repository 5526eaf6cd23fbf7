"""The trainer removes what is out of place: a comment (on a scenario project or a participant's
experience card) or a world-café note (which then leaves the spaces' card lines that grouped it).

Questions, experience cards, characters, card lines and « qui suis-je » cards have their own
removal in their modules; these two are the written contributions that had none.
"""

from __future__ import annotations

from dataclasses import replace

from ..actions import CafeNoteRemove, CommentRemove
from ..events import CafeNoteRemoved, CommentRemoved, Event
from ..state import State
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()


@ruleset.rule(CommentRemove, who=(TRAINER,))
def comment_remove(c: Ctx[CommentRemove]) -> None:
    comment = c.need(c.state.comments.get(c.action.comment), "no_such_comment")
    c.emit(CommentRemoved(comment.id))


@ruleset.evolver(CommentRemoved)
def _comment_removed(s: State, e: Event[CommentRemoved]) -> None:
    del s.comments[e.payload.comment]


@ruleset.rule(CafeNoteRemove, who=(TRAINER,))
def cafe_note_remove(c: Ctx[CafeNoteRemove]) -> None:
    note = c.need(c.state.cafe_notes.get(c.action.note), "unknown_note")
    c.emit(CafeNoteRemoved(note.id))


@ruleset.evolver(CafeNoteRemoved)
def _cafe_note_removed(s: State, e: Event[CafeNoteRemoved]) -> None:
    note = e.payload.note
    del s.cafe_notes[note]
    for lid, line in s.space_cards.items():  # a line keeps its wording, loses the note
        if note in line.notes:
            s.space_cards[lid] = replace(line, notes=[n for n in line.notes if n != note])
