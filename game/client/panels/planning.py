"""Schéma directeur (uses over years 1–3), the plan's text, consensus final, synthèse.

The plan d'action panel itself is in plan_action.py."""

from __future__ import annotations

from ilot.game.core.kinds import ActorKind
from ilot.game.core.scenario import Use
from ilot.game.core.simulation import Trajectory
from ilot.game.core.state import State
from ilot.game.palette import GOOD
from ilot.game.text import N_, Lang
from ilot.game.text.payers import paid_by, payer_name
from ilot.game.text.spaces import space_name
from ilot.game.text.trend import trend_word, with_unit

from ..listing import over_markup, plan_budget_text
from ..readmodels import my_objectives_met
from ..widgets import Form, Panel, bold, coloured, esc
from . import barometre
from .diagnosis import space_line
from .fiche import objective_lines
from .final_plan import build_final, final_button
from .rounds import build_round, round_button, round_signature, rounds_html, send_position

# who pays, as the plan's buttons and lines say it ("Payé par le bailleur")
PAYERS = {"bailleur": N_("ui.payer_bailleur"), "charges": N_("ui.payer_charges")}


def quarter_short(lang: Lang, quarter: int) -> str:
    """A quarter of the 3-year plan, short: T5 / Q5."""
    return lang.t("ui.quarter_short", n=lang.num(quarter))


def before_after_lines(lang: Lang, s: State, traj: Trajectory) -> list[str]:
    """Each indicator today » in 3 years with the plan, with its unit and « mieux / moins bien »
    (its direction), then the charges (markup lines)."""
    t = lang.t
    out = []
    for ind in s.scenario.indicators:
        before, after = traj.start.indicators[ind.id], traj.final.indicators[ind.id]
        out.append(lang.label(esc(ind.name), t(
            "ui.before_after_trend", before=esc(with_unit(lang, ind, before)),
            after=f"<b>{esc(with_unit(lang, ind, after))}</b>",
            trend=esc(trend_word(lang, ind, after - before)))))
    out.append(esc(t("ui.draft_charges", charges=lang.money(traj.final.charges, cents=True),
                     base=lang.money(traj.start.charges, cents=True))))
    return out


class SchemaPanel(Panel):
    name = "schema_directeur"
    trainer_controls = True  # the trainer may place any fitting use

    def signature(self) -> object:
        return (self.ctx.selection.space, self.sel.get("year", 1), round_signature(self))

    def uses_for(self, sid: str | None) -> list[Use]:
        if sid is None:
            return []
        s = self.state
        adopted = s.adopted_placements().get(sid, set())
        sc = s.scenario
        if self.ctx.is_trainer:
            return [u for u in sc.uses if sc.use_fits(u, sc.space(sid))]
        return [sc.use(u) for u in sorted(adopted)]

    def build(self, form: Form) -> None:
        build_round(self, form)
        sid, lang = self.ctx.selection.space, self.lang
        form.label(space_line(self.ctx))
        uses = self.uses_for(sid)
        if sid is not None and not uses:
            form.label(lang.t("ui.nothing_adopted"), object_id="#hint")
        current = self.state.schema.get(sid or "")
        form.dropdown("use", [(u.name, u.id) for u in uses],
                      selected=current.use if current else None)
        year = self.sel.setdefault("year", current.year if current else 1)
        form.row([(f"year:{y}", lang.t("ui.year_n", n=lang.num(y))) for y in (1, 2, 3)],
                 selected=f"year:{year}")
        form.row([("place", lang.t("ui.schema_place")), ("remove", lang.t("ui.schema_remove"))])
        form.textbox("box", "")

    def content(self) -> str:
        s, lang = self.state, self.lang
        out = []
        for y in (1, 2, 3):
            items = [(sp, p) for sp, p in sorted(s.schema.items()) if p.year == y]
            out.append(bold(lang.t("ui.year_n", n=lang.num(y))))
            for sp, p in items:
                out.append("• " + esc(lang.label(space_name(lang, s.scenario.space(sp)),
                                                 s.scenario.use(p.use).name)))
            if not items:
                out.append("—")
        waiting = [(sp, u) for sp, us in sorted(s.adopted_placements().items()) for u in sorted(us)
                   if s.schema.get(sp) is None or s.schema[sp].use != u]
        if waiting:
            out.append(bold(lang.t("ui.adopted_to_place")))
            out += ["• " + esc(lang.label(space_name(lang, s.scenario.space(sp)), s.scenario.use(u).name))
                    for sp, u in waiting]
        rh = rounds_html(self)  # after the years: the schéma is what this phase is about
        return "<br>".join(out) + ("<br><br>" + rh if rh else "")

    def on_button(self, key: str) -> None:
        if round_button(self, key):
            return
        sid = self.ctx.selection.space
        if key.startswith("year:"):
            self.sel["year"] = int(key[5:])
        elif key == "place" and self.need(sid, N_("ui.need_space")):
            use = self.choice("use")
            if self.need(use, N_("ui.need_use")):
                self.act({"type": "schema_place", "space": sid, "use": use,
                          "year": self.sel.get("year", 1)})
        elif key == "remove" and self.need(sid, N_("ui.need_space")):
            self.act({"type": "schema_remove", "space": sid})

    def on_enter(self, key: str) -> None:
        if key == "reason":
            send_position(self)


def plan_html(panel: Panel, final_only: bool = False) -> str:
    s, m, lang = panel.state, panel.model, panel.lang
    sc = s.scenario
    leads: dict[str, str] = {**{r.kind: r.name for r in sc.roles},
                             **{x.id: x.name for x in sc.metiers}}
    items = sorted(s.plan.values(), key=lambda i: (i.quarter, i.id))
    if final_only and any(i.final for i in items):
        items = [i for i in items if i.final]
    groups = {g.id: lang.group(g.number) for g in s.groups.values()}
    out = [bold(lang.t("ui.plan_title", n=lang.num(len(items))))]
    total = {"bailleur": 0.0, "charges": 0.0}
    for i in items:
        total[i.payer] = total.get(i.payer, 0.0) + i.cost
        star = "<b>*</b> " if i.final else ""
        extra = (" — " + esc(lang.label(lang.t("ui.experiment"), i.criteria))
                 if i.experiment else "")
        if i.hours:
            extra += " — " + esc(lang.t("ui.plan_hours", hours=lang.hours(i.hours)))
        where = f" ({esc(sc.space(i.space).name)})" if i.space else ""
        quarter = esc(quarter_short(lang, i.quarter))
        out.append(f"{star}{quarter} <b>{esc(i.what)}</b>{where} — "
                   f"{esc(leads.get(i.lead, i.lead))}, {esc(lang.money(i.cost))} "
                   f"({esc(paid_by(sc, i.payer, lang, PAYERS))})"
                   f" <i>{esc(groups.get(i.group or '', m.name_of(i.author)))}</i>{extra}")
    out.append(esc(lang.t("ui.plan_totals", bailleur=lang.money(total["bailleur"]),
                          charges=lang.money(total["charges"]))))
    others = [(pid, cost) for pid, cost in total.items() if pid not in ("bailleur", "charges")]
    if others:  # the scenario's other funders (city, subsidy…), apart from the landlord's
        out.append(esc(lang.t("sim.plan_totals_others", funders=lang.join(
            lang.label(payer_name(sc, pid, lang), lang.money(cost)) for pid, cost in others))))
    traj = panel.ctx.trajectory(s)  # the figure the indicators show, labelled the same
    out.append(lang.t("ui.plan_investment", investment=over_markup(*plan_budget_text(lang, sc, traj))))
    rules = sc.index("rule")
    out.append(bold(lang.t("ui.charter_title"))
               + (" " + coloured(GOOD, esc(lang.t("ui.adopted"))) if s.charter_adopted
                  else ""))
    for e in s.charter.values():
        where = f" ({esc(sc.space(e.space).name)})" if e.space else ""
        out.append(f"• {esc(rules[e.rule].title)}{where}" + (f" — {esc(e.note)}" if e.note else ""))
    return "<br>".join(out)


class ConsensusPanel(Panel):
    name = "consensus_final"
    trainer_controls = True  # the trainer picks the final plan here too (as in the console)

    def signature(self) -> object:
        if self.ctx.is_trainer:  # the picker's rows
            return (round_signature(self), tuple(
                (i.id, i.what, i.quarter, i.cost, i.payer, i.group, i.space, i.use, i.final)
                for i in self.state.plan.values()), tuple(g.number for g in self.state.groups.values()))
        return round_signature(self)

    def build(self, form: Form) -> None:
        if self.ctx.is_trainer:
            build_final(self, form, reserve=150)
        else:
            build_round(self, form)
        form.textbox("box", "")

    def content(self) -> str:
        s = self.state
        head = self.lang.t("ui.final_adopted") if s.final_adopted \
            else self.lang.t("ui.final_not_adopted")
        rh = rounds_html(self, ("final_plan", "charter"))
        return f"<b>{esc(head)}</b><br>" + (rh + "<br><br>" if rh else "") + \
            plan_html(self, final_only=True)

    def on_button(self, key: str) -> None:
        if not final_button(self, key):
            round_button(self, key)

    def on_enter(self, key: str) -> None:
        if key == "reason":
            send_position(self)


class SynthesePanel(Panel):
    name = "synthese"

    def signature(self) -> object:
        return (self.sel.get("q", 0), tuple(sorted(self.sel.get("answers", {}).items())),
                self.model.me in self.state.evaluations, barometre.signature(self))

    def build(self, form: Form) -> None:
        qs = self.state.scenario.evaluation
        lang, t = self.lang, self.lang.t
        i = min(self.sel.setdefault("q", 0), len(qs) - 1)
        answers = self.sel.setdefault("answers", {})
        barometre.build_controls(self, form)
        form.label(t("ui.evaluation_title", i=lang.num(i + 1), n=lang.num(len(qs))))
        form.textbox("question", f"<b>{esc(qs[i].text)}</b>", h=52)
        chosen = answers.get(qs[i].id)
        form.row([(f"score:{v}", lang.num(v)) for v in range(1, 6)],
                 selected=f"score:{chosen}" if chosen else None,
                 tips={"score:1": t("ui.score_1"), "score:5": t("ui.score_5")})
        form.row([("prev", t("ui.previous")), ("next", t("ui.next"))], h=28)
        form.entry("comment", t("ui.evaluation_comment_hint"))
        form.row([("submit", t("ui.evaluation_submit"))])
        form.textbox("box", "")

    def content(self) -> str:
        s, m, lang = self.state, self.model, self.lang
        t = lang.t
        out = []
        if m.me in s.evaluations:
            out.append(coloured(GOOD, bold(t("ui.evaluation_done"))))
        if m.kind == ActorKind.TRAINER:
            out.append(esc(lang.n("ui.evaluations_n", len(s.evaluations))))
        traj = self.ctx.trajectory(s)
        me = m.my_participant
        if me is not None and me.persona:
            mine = my_objectives_met(s, me.persona, m.private_objectives, traj)
            if mine:
                out.append(bold(t("ui.my_objectives")))
            out += objective_lines(lang, s.scenario, traj, mine)
        out.append(bold(t("ui.before_after")))
        out += before_after_lines(lang, s, traj)
        for ex in traj.experiments:
            out.append(esc(t("ui.experiment_result", use=s.scenario.use(ex["use"]).name,
                             outcome=t(f"term.outcome.{ex['outcome']}"))))
        baro = barometre.distribution_html(lang, s)
        if baro:
            out += ["", baro]
        out.append("")
        out.append(plan_html(self, final_only=True))
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
        if barometre.on_button(self, key):
            return
        qs = self.state.scenario.evaluation
        i = self.sel.get("q", 0)
        if key.startswith("score:"):
            self.sel.setdefault("answers", {})[qs[i].id] = int(key[6:])
            self.sel["q"] = min(i + 1, len(qs) - 1)
        elif key == "prev":
            self.sel["q"] = max(0, i - 1)
        elif key == "next":
            self.sel["q"] = min(len(qs) - 1, i + 1)
        elif key == "submit":
            answers = self.sel.get("answers", {})
            if self.need(answers, N_("ui.need_answers")):
                self.act({"type": "evaluate", "answers": dict(answers),
                          "comment": self.text_of("comment")})
                self.clear_text("comment")

    def on_enter(self, key: str) -> None:
        if key == "comment":  # Enter in the comment sends the evaluation
            self.on_button("submit")
