"""Questions to an outside speaker (the « intervention » phase).

During the talk participants write questions (at most `MAX_EACH` each, `MAX_QUESTIONS` in all)
and upvote the others' (never their own); a second upvote of the same question takes the vote
back, so a slip of the finger is undone the same way it was made. The trainer (who relays the
speaker) marks a question answered, or removes one out of place. Questions are shown with their
author's name: in a training the speaker often turns to the person who asked.
"""

from __future__ import annotations

from ..actions import QuestionAnswer, QuestionAsk, QuestionRemove, QuestionUpvote
from ..events import Event, QuestionAnswered, QuestionAsked, QuestionRemoved, QuestionUpvoted
from ..kinds import PhaseKind
from ..state import Question, State
from .registry import TRAINER, Ctx, RuleSet

ruleset = RuleSet()

MAX_EACH = 5  # questions one participant may have on the board
MAX_QUESTIONS = 60  # questions on the board in all
TALK = (PhaseKind.INTERVENTION,)


@ruleset.rule(QuestionAsk, phases=TALK, needs_persona=False)
def question_ask(c: Ctx[QuestionAsk]) -> None:
    qs = c.state.questions
    c.require(len(qs) < MAX_QUESTIONS, "questions_full")
    mine = sum(1 for q in qs.values() if q.author == c.actor.id)
    c.require(mine < MAX_EACH, "too_many_questions")
    c.emit(QuestionAsked(c.new_id("q"), c.action.text))


@ruleset.evolver(QuestionAsked)
def _asked(s: State, e: Event[QuestionAsked]) -> None:
    d = e.payload
    s.questions[d.question] = Question(d.question, e.by, d.text, e.t)


@ruleset.rule(QuestionUpvote, phases=TALK, needs_persona=False)
def question_upvote(c: Ctx[QuestionUpvote]) -> None:
    q = c.need(c.state.questions.get(c.action.question), "no_such_question")
    c.require(q.author != c.actor.id, "own_question")
    c.emit(QuestionUpvoted(q.id, c.actor.id not in q.voters))


@ruleset.evolver(QuestionUpvoted)
def _upvoted(s: State, e: Event[QuestionUpvoted]) -> None:
    q = s.questions[e.payload.question]
    if e.payload.up:
        q.voters.append(e.by)
    else:
        q.voters.remove(e.by)


@ruleset.rule(QuestionAnswer, who=(TRAINER,))
def question_answer(c: Ctx[QuestionAnswer]) -> None:
    q = c.need(c.state.questions.get(c.action.question), "no_such_question")
    c.require(not q.answered, "already_answered")
    c.emit(QuestionAnswered(q.id))


@ruleset.evolver(QuestionAnswered)
def _answered(s: State, e: Event[QuestionAnswered]) -> None:
    s.questions[e.payload.question].answered = True


@ruleset.rule(QuestionRemove, who=(TRAINER,))
def question_remove(c: Ctx[QuestionRemove]) -> None:
    q = c.need(c.state.questions.get(c.action.question), "no_such_question")
    c.emit(QuestionRemoved(q.id))


@ruleset.evolver(QuestionRemoved)
def _removed(s: State, e: Event[QuestionRemoved]) -> None:
    del s.questions[e.payload.question]


def ranked(s: State) -> list[Question]:
    """The questions as the board shows them: unanswered first, most upvoted first, then in
    the order they were asked (the dict's order; the sort is stable)."""
    return sorted(s.questions.values(), key=lambda q: (q.answered, -len(q.voters)))
