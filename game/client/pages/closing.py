"""The closing page: once the trainer has closed the session, every window shows it.

Thanks and what comes next (a report will follow), then what the group adopted
(`views.closing_summary`: proposals adopted by consent, the schéma directeur, the charter and the
final plan with its cost), and the indicators in 3 years with the plan; a participant also sees
whether the plan meets their own private objectives (no one else does). The room is read-only:
no controls, but the trainer's « Rouvrir la session ». A participant who joins a closed room
lands here, without choosing a character.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel

from ilot.game.core.views import closing_summary
from ilot.game.palette import GOOD, INK, PAPER, rgb
from ilot.game.text.payers import paid_by

from ..agenda import TextLine
from ..fonts import font, px, wrap
from ..panels.fiche import objective_lines
from ..panels.planning import PAYERS, before_after_lines, quarter_short
from ..readmodels import my_objectives_met
from ..richtext import PAD, RichBox
from ..widgets import Form, Panel, bold, coloured, esc, italic

GREEN = GOOD


class ClosingScreen(Panel):
    """The whole window once the session is closed."""

    name = "closing"
    readonly_ok = False
    right: RichBox | None = None
    _right: str | None = None

    def signature(self) -> object:
        return (self.model.kind, self.rect.size)

    def build(self, form: Form) -> None:
        lang, ui, root = self.lang, self.ctx.ui, form.container
        t = lang.t
        w, h = self.rect.size
        big = self.ctx.shared_screen
        title_f = font(30 if big else 24, bold=True)
        title = wrap(t("ui.closing_title"), title_f, w - px(40), max_lines=1)[0]
        UILabel(pygame.Rect(px(10), px(8), w - px(20), px(44)), title, ui, container=root, object_id="#title")
        y = px(56)
        hint = t("ui.closing_trainer", room=self.model.room) if self.ctx.is_trainer \
            else t("term.todo.closed")
        hint_w = w - px(40) - (px(230) if self.ctx.is_trainer else 0)
        hint_size = 18 if big else 14
        # as tall as its text (no scroll bar), fitted by `TextLine` (never cut)
        n = len(wrap(hint, font(hint_size), hint_w - 2 * PAD, max_lines=4))
        hint_h = max(px(48), n * font(hint_size).get_linesize() + 2 * PAD)
        hint_box = TextLine(pygame.Rect(px(20), y, hint_w, hint_h), ui, root,
                            sizes=(hint_size, hint_size - 1, hint_size - 2), bg=rgb(PAPER), pad=PAD)
        hint_box.show([(hint, False, rgb(INK))])  # palette pair "text"
        self.hint = hint_box
        if self.ctx.is_trainer:
            b = UIButton(pygame.Rect(w - px(240), y + px(6), px(220), px(36)), t("ui.reopen_session"), ui,
                         container=root, object_id="#button")
            form.register("reopen", b)
        y += hint_h + px(10)
        size = 20 if big else 14
        col_h = h - y - px(10)
        if w >= px(900):  # two columns: what was adopted | the indicators (and my objectives)
            left_w = (w - px(50)) * 11 // 20
            left = RichBox(pygame.Rect(px(20), y, left_w, col_h), ui, root, size=size)
            self.right = RichBox(pygame.Rect(px(30) + left_w, y, w - px(50) - left_w, col_h), ui, root,
                                 size=size)
        else:
            left = RichBox(pygame.Rect(px(20), y, w - px(40), col_h), ui, root, size=size)
            self.right = None
        form.register("box", left)
        if self.right is not None:
            form.register("future", self.right)
        self._right = None

    # ----- what it shows -----
    def adopted_html(self) -> str:
        """What the group adopted: proposals, schéma directeur, charter, final plan."""
        s, lang = self.state, self.lang
        t = lang.t
        sc = s.scenario
        summary = closing_summary(s)
        out = [bold(t("ui.closing_adopted_title")), ""]
        if summary.adopted:
            out.append(bold(lang.n("ui.closing_proposals_n", len(summary.adopted))))
            for a in summary.adopted:
                where = ", ".join(lang.label(sc.space(sp).name, sc.use(u).name)
                                  for sp, u in sorted(a.placements.items())
                                  if sp in sc.index("space") and u in sc.index("use"))
                out.append("• " + bold(a.title) + (" — " + esc(where) if where else ""))
        else:
            out.append(italic(t("ui.closing_no_proposal")))
        out.append(esc(lang.n("ui.closing_schema_n", summary.schema)))
        out.append("")
        status = coloured(GREEN, bold(t("ui.adopted"))) if summary.charter_adopted \
            else italic(t("ui.not_adopted"))
        out.append(bold(t("ui.charter_title")) + " — " + status)
        rules = sc.index("rule")
        for eid in summary.charter:
            e = s.charter[eid]
            where = f" ({esc(sc.space(e.space).name)})" if e.space else ""
            name = rules[e.rule].title if e.rule in rules else e.rule
            out.append(f"• {esc(name)}{where}" + (f" — {esc(e.note)}" if e.note else ""))
        out.append("")
        status = coloured(GREEN, bold(t("ui.adopted"))) if summary.final_adopted \
            else italic(t("ui.not_adopted"))
        out.append(bold(t("ui.closing_final_title")) + " — " + status)
        for iid in summary.final_items:
            i = s.plan[iid]
            out.append(f"• {esc(quarter_short(lang, i.quarter))} <b>{esc(i.what)}</b> — "
                       f"{esc(lang.money(i.cost))} ({esc(paid_by(sc, i.payer, lang, PAYERS))})")
        if summary.final_items:
            out.append(esc(t("ui.closing_final_cost", cost=lang.money(summary.final_cost))))
        else:
            out.append(italic(t("ui.closing_no_final")))
        return "<br>".join(out)

    def future_html(self) -> str:
        """The indicators in 3 years with the plan; my objectives (mine only); the counts."""
        s, m, lang = self.state, self.model, self.lang
        t = lang.t
        traj = self.ctx.trajectory(s)
        out = [bold(t("ui.closing_future_title")), ""]
        out += before_after_lines(lang, s, traj)
        me = m.my_participant
        if self.ctx.can_act and me is not None and me.persona:
            mine = my_objectives_met(s, me.persona, m.private_objectives, traj)
            if mine:
                out += ["", bold(t("ui.my_objectives"))]
            out += objective_lines(lang, s.scenario, traj, mine)
        summary = closing_summary(s)
        counts = [lang.n("ui.closing_participants_n", summary.participants),
                  lang.n("ui.closing_notes_n", summary.notes),
                  lang.n("ui.closing_proposals_made_n", summary.proposals),
                  lang.n("ui.closing_rounds_n", summary.rounds)]
        if self.ctx.is_trainer:  # evaluations are the trainer's to know
            counts.append(lang.n("ui.evaluations_n", summary.evaluations))
        out += ["", bold(t("ui.closing_counts_title")), esc(" · ".join(counts))]
        return "<br>".join(out)

    def content(self) -> str:
        if self.right is None:  # one column: everything in it
            return self.adopted_html() + "<br><br>" + self.future_html()
        return self.adopted_html()

    def update_in_place(self) -> bool:
        if self.right is None:
            return False
        text = self.future_html()
        if text == self._right:
            return False
        self._right = text
        self.right.set_text(text)
        return True

    def on_button(self, key: str) -> None:
        if key == "reopen":
            self.act({"type": "reopen_session"})
