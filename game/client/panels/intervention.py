"""The intervention (an outside talk): the speaker and subject, the questions to them.

A participant writes a question and upvotes others' (« +1 »; clicked again, the vote is taken
back). The trainer, who relays the speaker, marks a question « Répondu » or « Retirer » one out
of place. The board is in the core's order (`rules.questions.ranked`): open questions first,
most upvoted first; answered ones below, marked. The shared screen shows the top questions
large (no controls: the text box alone, at its larger size).
"""

from __future__ import annotations

from ilot.game.core.rules.questions import ranked
from ilot.game.core.state import Question
from ilot.game.palette import GOOD
from ilot.game.text import N_

from ..widgets import Form, Panel, bold, coloured, esc, italic

BUTTONS_SHOWN = 5  # questions with their buttons in the panel; the rest are listed below them
SCREEN_SHOWN = 8  # questions on the shared screen
QUESTION_LIMIT = 300  # as the action's (actions.QuestionAsk)


class InterventionPanel(Panel):
    name = "intervention"
    trainer_controls = True  # the trainer's « Répondu » and « Retirer »

    def board(self) -> list[Question]:
        return ranked(self.state)

    def signature(self) -> object:
        return tuple((q.id, len(q.voters), self.model.me in q.voters, q.answered)
                     for q in self.board()[:BUTTONS_SHOWN])

    def build(self, form: Form) -> None:
        t = self.lang.t
        phase = self.state.scenario.phases[self.state.phase]
        if phase.speaker:
            form.legend(self.lang.label(t("ui.question_speaker"), phase.speaker), bold=True,
                        size=14, max_lines=2)
        if phase.subject:
            form.legend(phase.subject, max_lines=3)
        if self.ctx.can_act:
            form.entry("question", t("ui.question_hint"), limit=QUESTION_LIMIT)
            form.row([("ask", t("ui.question_ask"))])
        me = self.model.me
        for i, q in enumerate(self.board()[:BUTTONS_SHOWN], 1):
            form.legend(self.line(i, q), max_lines=3, bold=not q.answered)
            if self.ctx.is_trainer:
                answered, _ = form.row([(f"answer:{q.id}", t("ui.question_answered_button")),
                                        (f"remove:{q.id}", t("ui.question_remove"))], h=28)
                if q.answered:
                    answered.disable()
            else:
                mine = me in q.voters  # clicked again, the vote is taken back
                key = N_("ui.question_unvote") if mine else N_("ui.question_upvote")
                label = t(key, n=self.lang.num(len(q.voters)))
                (up,) = form.row([(f"up:{q.id}", label)], h=28,
                                 selected=f"up:{q.id}" if mine else None)
                if q.author == me:
                    up.disable()
        form.textbox("box", "")

    def line(self, i: int, q: Question) -> str:
        """« 2. Qui garde les clés ? — Ana (3 +1) », plain text (a legend)."""
        lang = self.lang
        out = lang.t("ui.question_line", place=lang.num(i), text=q.text,
                     name=self.model.name_of(q.author), votes=lang.num(len(q.voters)))
        return out + (" — " + lang.t("ui.question_answered_mark") if q.answered else "")

    def content(self) -> str:
        s, lang = self.state, self.lang
        phase = s.scenario.phases[s.phase]
        out = []
        if self.builds_controls():  # speaker and subject are above, in the panel's head
            phase = phase.model_copy(update={"speaker": None, "subject": None})
        if phase.speaker:
            out.append(bold(esc(lang.label(lang.t("ui.question_speaker"), phase.speaker))))
        if phase.subject:
            out.append(italic(esc(phase.subject)))
        board = self.board()
        if out:
            out.append("")
        out.append(bold(esc(lang.t("ui.questions_title", n=lang.num(len(board))))))
        if not board:
            out.append(italic(esc(lang.t("ui.questions_none"))))
        if self.builds_controls():  # the first ones are above, with their buttons
            shown = list(enumerate(board, 1))[BUTTONS_SHOWN:]
        else:
            shown = list(enumerate(board, 1))[:SCREEN_SHOWN]
        for i, q in shown:
            line = esc(self.line(i, q))
            out.append(coloured(GOOD, line) if q.answered else line)
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
        if key == "ask":
            self.on_enter("question")
        elif key.startswith("up:"):
            self.act({"type": "question_upvote", "question": key[3:]})
        elif key.startswith("answer:"):
            self.act({"type": "question_answer", "question": key[7:]})
        elif key.startswith("remove:"):
            self.act({"type": "question_remove", "question": key[7:]})

    def on_enter(self, key: str) -> None:
        text = self.text_of("question")
        if key == "question" and self.need(text, N_("ui.need_text")):
            self.act({"type": "question_ask", "text": text})
            self.clear_text("question")
