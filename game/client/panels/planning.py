"""Schéma directeur (uses over years 1–3), the plan's text, consensus final, synthèse.

The plan d'action panel itself is in plan_action.py."""

from __future__ import annotations

from ilot.game.text import lang_for

from ..i18n import lang, t
from ..readmodels import my_objectives_met
from ..widgets import Panel, esc
from .diagnosis import space_line
from .rounds import build_round, round_button, round_signature, rounds_html, send_position


def money(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ") + " €"


class SchemaPanel(Panel):
    name = "schema_directeur"
    trainer_controls = True  # the trainer may place any fitting use

    def signature(self) -> object:
        return (self.app.selected_space, self.sel.get("year", 1), round_signature(self))

    def uses_for(self, sid: str | None) -> list:
        if sid is None:
            return []
        s = self.state
        adopted = s.adopted_placements().get(sid, set())
        sc = s.scenario
        if self.app.model.kind == "trainer":
            return [u for u in sc.uses if sc.use_fits(u, sc.space(sid))]
        return [sc.use(u) for u in sorted(adopted)]

    def build(self, form) -> None:
        build_round(self, form)
        sid = self.app.selected_space
        form.label(space_line(self.app))
        uses = self.uses_for(sid)
        if sid is not None and not uses:
            form.label(t("nothing_adopted"), object_id="#hint")
        current = self.state.schema.get(sid or "")
        form.dropdown("use", [(u.name, u.id) for u in uses],
                      selected=current.use if current else None)
        year = self.sel.setdefault("year", current.year if current else 1)
        form.row([(f"year:{y}", t("year_n", n=y)) for y in (1, 2, 3)], selected=f"year:{year}")
        form.row([("place", t("schema_place")), ("remove", t("schema_remove"))])
        form.textbox("box", "")

    def content(self) -> str:
        s = self.state
        out = []
        for y in (1, 2, 3):
            items = [(sp, p) for sp, p in sorted(s.schema.items()) if p.year == y]
            out.append(f"<b>{esc(t('year_n', n=y))}</b>")
            for sp, p in items:
                out.append(f"• {esc(s.scenario.space(sp).name)} : {esc(s.scenario.use(p.use).name)}")
            if not items:
                out.append("—")
        waiting = [(sp, u) for sp, us in sorted(s.adopted_placements().items()) for u in sorted(us)
                   if s.schema.get(sp) is None or s.schema[sp].use != u]
        if waiting:
            out.append(f"<b>{esc(t('adopted_to_place'))}</b>")
            out += [f"• {esc(s.scenario.space(sp).name)} : {esc(s.scenario.use(u).name)}"
                    for sp, u in waiting]
        rh = rounds_html(self)  # after the years: the schéma is what this phase is about
        return "<br>".join(out) + ("<br><br>" + rh if rh else "")

    def on_button(self, key: str) -> None:
        if round_button(self, key):
            return
        sid = self.app.selected_space
        if key.startswith("year:"):
            self.sel["year"] = int(key[5:])
        elif key == "place" and self.need(sid, "need_space"):
            use = self.choice("use")
            if self.need(use, "need_use"):
                self.act({"type": "schema_place", "space": sid, "use": use,
                          "year": self.sel.get("year", 1)})
        elif key == "remove" and self.need(sid, "need_space"):
            self.act({"type": "schema_remove", "space": sid})

    def on_enter(self, key: str) -> None:
        if key == "reason":
            send_position(self)


def plan_html(panel, final_only: bool = False) -> str:
    s, m = panel.state, panel.app.model
    sc = s.scenario
    leads = {**{r.kind: r.name for r in sc.roles}, **{x.id: x.name for x in sc.metiers}}
    items = sorted(s.plan.values(), key=lambda i: (i.quarter, i.id))
    if final_only and any(i.final for i in items):
        items = [i for i in items if i.final]
    groups = {g.id: g.name for g in s.groups.values()}
    out = [f"<b>{esc(t('plan_title', n=len(items)))}</b>"]
    total = {"bailleur": 0.0, "charges": 0.0}
    for i in items:
        total[i.payer] += i.cost
        star = "<b>*</b> " if i.final else ""
        extra = f" — {esc(t('experiment'))} : {esc(i.criteria)}" if i.experiment else ""
        if i.hours:
            extra += " — " + esc(t("plan_hours", h=f"{i.hours:g}"))
        where = f" ({esc(sc.space(i.space).name)})" if i.space else ""
        out.append(f"{star}T{i.quarter} <b>{esc(i.what)}</b>{where} — {esc(leads.get(i.lead, i.lead))}"
                   f", {money(i.cost)} ({esc(t('payer_' + i.payer))})"
                   f" <i>{esc(groups.get(i.group or '', m.name_of(i.author)))}</i>{extra}")
    out.append(esc(t("plan_totals", bailleur=money(total["bailleur"]),
                     charges=money(total["charges"]))))
    rules = sc.index("rule")
    out.append(f"<b>{esc(t('charter_title'))}</b>"
               + (f" <font color='#2e9d5b'>{esc(t('adopted'))}</font>" if s.charter_adopted else ""))
    for e in s.charter.values():
        where = f" ({esc(sc.space(e.space).name)})" if e.space else ""
        out.append(f"• {esc(rules[e.rule].title)}{where}" + (f" — {esc(e.note)}" if e.note else ""))
    return "<br>".join(out)


class ConsensusPanel(Panel):
    name = "consensus_final"

    def signature(self) -> object:
        return round_signature(self)

    def build(self, form) -> None:
        build_round(self, form)
        form.textbox("box", "")

    def content(self) -> str:
        s = self.state
        head = t("final_adopted") if s.final_adopted else t("final_not_adopted")
        rh = rounds_html(self, ("final_plan", "charter"))
        return f"<b>{esc(head)}</b><br>" + (rh + "<br><br>" if rh else "") + \
            plan_html(self, final_only=True)

    def on_button(self, key: str) -> None:
        round_button(self, key)

    def on_enter(self, key: str) -> None:
        if key == "reason":
            send_position(self)


class SynthesePanel(Panel):
    name = "synthese"

    def signature(self) -> object:
        return (self.sel.get("q", 0), tuple(sorted(self.sel.get("answers", {}).items())),
                self.app.model.me in self.state.evaluations)

    def build(self, form) -> None:
        qs = self.state.scenario.evaluation
        i = min(self.sel.setdefault("q", 0), len(qs) - 1)
        answers = self.sel.setdefault("answers", {})
        form.label(t("evaluation_title", i=i + 1, n=len(qs)))
        form.textbox("question", f"<b>{esc(qs[i].text)}</b>", h=52)
        chosen = answers.get(qs[i].id)
        form.row([(f"score:{v}", str(v)) for v in range(1, 6)],
                 selected=f"score:{chosen}" if chosen else None,
                 tips={"score:1": t("score_1"), "score:5": t("score_5")})
        form.row([("prev", t("previous")), ("next", t("next"))], h=28)
        form.entry("comment", t("evaluation_comment_hint"))
        form.row([("submit", t("evaluation_submit"))])
        form.textbox("box", "")

    def content(self) -> str:
        s, m = self.state, self.app.model
        out = []
        if m.me in s.evaluations:
            out.append(f"<font color='#2e9d5b'><b>{esc(t('evaluation_done'))}</b></font>")
        if m.kind == "trainer":
            out.append(esc(t("evaluations_count", n=len(s.evaluations))))
        traj = self.app.indicators.trajectory(s)
        me = m.my_participant
        if me is not None and me.persona:
            mine = my_objectives_met(s, me.persona, m.private_objectives, traj)
            if mine:
                out.append(f"<b>{esc(t('my_objectives'))}</b>")
            colours = {True: "#2e9d5b", False: "#c8372d", None: "#666666"}
            for text, met in mine:
                word = {True: t("objective_met"), False: t("objective_not_met"),
                        None: t("objective_unmeasured")}[met]
                out.append(f"• {esc(text)} : <font color='{colours[met]}'><b>{esc(word)}</b></font>")
        out.append(f"<b>{esc(t('before_after'))}</b>")
        for ind in s.scenario.indicators:
            a, b = traj.start.indicators[ind.id], traj.final.indicators[ind.id]
            out.append(f"{esc(ind.name)} : {a:.0f} » <b>{b:.0f}</b>")
        out.append(esc(t("draft_charges", charges=f"{traj.final.charges:.2f}",
                         base=f"{traj.start.charges:.2f}")))
        for ex in traj.experiments:
            out.append(esc(t("experiment_result", use=s.scenario.use(ex["use"]).name,
                             outcome=lang_for(lang()).t(f"term.outcome.{ex['outcome']}"))))
        out.append("")
        out.append(plan_html(self, final_only=True))
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
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
            if self.need(answers, "need_answers"):
                self.act({"type": "evaluate", "answers": dict(answers),
                          "comment": self.text_of("comment")})
                self.clear_text("comment")
