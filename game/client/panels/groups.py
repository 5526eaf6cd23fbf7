"""Ateliers (the group's draft on the map) and mise en commun (spotlight, arguments)."""

from __future__ import annotations

from ilot.game.core.kinds import ActorKind
from ilot.game.core.simulation import plan_from_placements, simulate
from ilot.game.palette import BAD, GOOD, QUESTION
from ilot.game.text import N_
from ilot.game.text.spaces import space_name

from ..listing import budget_markup
from ..readmodels import fitting_uses
from ..widgets import Form, Panel, bold, esc, italic
from .diagnosis import space_line


def no_groups(panel: Panel) -> str:
    text = esc(panel.lang.t("ui.no_group_yet"))
    if panel.ctx.is_trainer:
        text += "<br><i>" + esc(panel.lang.t("ui.groups_hint_trainer")) + "</i>"
    return text


def draft_html(panel: Panel, gid: str | None) -> str:
    s, m, lang = panel.state, panel.model, panel.lang
    if gid is None or gid not in s.groups:
        return esc(lang.t("ui.no_group_yet"))
    g = s.groups[gid]
    out = [lang.label(f"<b>{esc(lang.group(g.number))}</b>", esc(', '.join(m.name_of(p) for p in g.members)))]
    # the group's draft and the shared plan side by side, each named: the indicators under the
    # map show the shared plan, and a figure without its name was read as the draft's
    traj = simulate(s.scenario, plan_from_placements({k: d.use for k, d in g.draft.items()}),
                    s.seed)
    common = panel.ctx.trajectory(s)
    mine = panel.ctx.can_act and s.group_of(m.me) == gid
    draft_name = esc(lang.t("ui.figures_mine") if mine else lang.t("ui.figures_this"))
    common_name = esc(lang.t("ui.figures_common"))
    out.append(lang.t("ui.compare_charges", draft_name=draft_name,
                      draft=bold(lang.money(traj.final.charges, cents=True)),
                      common_name=common_name,
                      common=esc(lang.money(common.final.charges, cents=True)),
                      base=esc(lang.money(common.start.charges, cents=True))))
    out.append(lang.t("ui.compare_investment", draft_name=draft_name,
                      draft=budget_markup(lang, traj.final.invested, traj.investment_budget),
                      common_name=common_name,
                      common=budget_markup(lang, common.final.invested,
                                           common.investment_budget)))
    if g.draft:
        deltas = []
        for ind in s.scenario.indicators:
            d = traj.final.indicators[ind.id] - traj.start.indicators[ind.id]
            if abs(d) >= 0.5:
                deltas.append(f"{ind.name} {lang.num(d, sign=True)}")
        out.append(italic(lang.t("ui.draft_effects")) + " " + esc(", ".join(deltas) or "—"))
    for space, item in sorted(g.draft.items()):
        out.append("• " + lang.label(esc(space_name(lang, s.scenario.space(space))),
                                     f"<b>{esc(s.scenario.use(item.use).name)}</b>")
                   + (f" <i>({esc(item.why)})</i>" if item.why else ""))
    return "<br>".join(out)


class AteliersPanel(Panel):
    name = "ateliers"

    def group(self) -> str | None:
        m = self.model
        if m.kind == ActorKind.PARTICIPANT:
            return self.state.group_of(m.me)
        return self.state.spotlight or next(iter(self.state.groups), None)

    def signature(self) -> object:
        return (self.ctx.selection.space, self.group())

    def build(self, form: Form) -> None:
        gid, t = self.group(), self.lang.t
        if gid is None:
            form.label(t("ui.no_group_yet"))
            form.textbox("box", "")
            return
        form.label(space_line(self.ctx))
        sid = self.ctx.selection.space
        uses = fitting_uses(self.state, sid) if sid else []
        draft = self.state.groups[gid].draft.get(sid or "")
        form.dropdown("use", [(u.name, u.id) for u in uses], selected=draft.use if draft else None)
        form.entry("why", t("ui.why_hint"))
        form.row([("place", t("ui.draft_place")), ("clear", t("ui.draft_clear"))])
        form.textbox("box", "")

    def content(self) -> str:
        if not self.ctx.can_act:
            return "<br><br>".join(draft_html(self, g) for g in self.state.groups) or no_groups(self)
        return draft_html(self, self.group())

    def on_button(self, key: str) -> None:
        sid = self.ctx.selection.space
        if not self.need(sid, N_("ui.need_space")):
            return
        if key == "place":
            use = self.choice("use")
            if self.need(use, N_("ui.need_use")):
                self.act({"type": "draft_place", "space": sid, "use": use,
                          "why": self.text_of("why")})
                self.clear_text("why")
        elif key == "clear":
            self.act({"type": "draft_clear", "space": sid})

    def on_enter(self, key: str) -> None:
        if key == "why":
            self.on_button("place")


STANCES = ("pour", "contre", "question")


class MiseEnCommunPanel(Panel):
    name = "mise_en_commun"

    def group(self) -> str | None:
        gid = self.sel.get("group") or self.state.spotlight
        if gid not in self.state.groups:
            gid = self.state.spotlight or next(iter(self.state.groups), None)
        return gid

    def signature(self) -> object:
        return (self.group(), tuple(self.state.groups), self.sel.get("stance", "pour"),
                self.state.spotlight)

    def build(self, form: Form) -> None:
        s, t = self.state, self.lang.t
        if not s.groups:
            form.label(t("ui.no_group_yet"))
            form.textbox("box", "")
            return
        form.dropdown("group", [(self.lang.group(g.number) + (" *" if g.id == s.spotlight else ""), g.id)
                                for g in s.groups.values()], selected=self.group())
        stance = self.sel.setdefault("stance", "pour")
        form.row([(f"stance:{x}", t(f"term.stance.{x}")) for x in STANCES],
                 selected=f"stance:{stance}")
        form.entry("text", t("ui.argument_hint"))
        form.row([("send", t("ui.send_argument"))])
        form.textbox("box", "")

    def content(self) -> str:
        s, m = self.state, self.model
        gid = self.group()
        if gid is None:
            return no_groups(self)
        out = [draft_html(self, gid)]
        args = sorted((a for a in s.arguments.values() if a.group == gid), key=lambda a: a.t)
        if args:
            out.append(bold(self.lang.t("ui.arguments")))
        colours = {"pour": GOOD, "contre": BAD, "question": QUESTION}
        for a in args[-60:]:
            stance = esc(self.lang.t(f"term.stance.{a.stance}"))
            out.append(f"<font color='{colours[a.stance]}'><b>{stance}</b></font>"
                       f" {esc(a.text)} — {esc(m.name_of(a.author))}")
        return "<br>".join(out)

    def on_select(self, key: str, value: str | None) -> None:
        if key == "group" and value:
            self.sel["group"] = value

    def on_button(self, key: str) -> None:
        if key.startswith("stance:"):
            self.sel["stance"] = key[7:]
        elif key == "send":
            self.on_enter("text")

    def on_enter(self, key: str) -> None:
        text = self.text_of("text")
        gid = self.group()
        if key == "text" and gid and self.need(text, N_("ui.need_text")):
            self.act({"type": "argue", "group": gid, "stance": self.sel.get("stance", "pour"),
                      "text": text})
            self.clear_text("text")
