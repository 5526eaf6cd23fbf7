"""Plan d'action: actions and rules of management; my items to edit or remove."""

from __future__ import annotations

from typing import Any

from ilot.game.core.kinds import ActorKind, UseAttach
from ilot.game.core.state import PlanItem
from ilot.game.text import N_, Lang
from ilot.game.text.payers import paid_by

from ..checklist import Row
from ..listing import item_detail
from ..widgets import Form, Panel
from .diagnosis import space_line
from .planning import PAYERS, plan_html, quarter_short
from .rounds import build_round, round_button, round_signature, rounds_html, send_position

EDIT = "e_"  # the edit form's widgets and choices: a new action's draft stays as it was


def number(x: float, lang: Lang) -> str:
    """A number to edit in an entry: at most 2 decimals, no thousands separator (12,5 / 12.5)."""
    return lang.pattern(round(x, 2) or 0.0, "0.##")


def parse_number(text: str) -> float:
    """What a person typed as a number: 12,5 or 12.5, spaces (no-break ones too) ignored."""
    return float("".join(text.split()).replace(",", ".") or "0")


class PlanPanel(Panel):
    name = "plan_action"
    trainer_controls = True  # the trainer may add actions and rules too

    def editing(self) -> PlanItem | None:
        """The plan item being edited in the action tab, if any (it may be gone meanwhile)."""
        if self.sel.get("tab", "action") != "action":
            return None
        return self.state.plan.get(self.sel.get("edit") or "")

    def prefix(self) -> str:
        return EDIT if self.editing() is not None else ""

    def signature(self) -> object:
        tab = self.sel.get("tab", "action")
        mine = tuple(self.removable()) if tab == "mine" else ()
        item, p = self.editing(), self.prefix()
        return (tab, self.sel.get(p + "payer", "bailleur"), self.sel.get(p + "experiment", False),
                self.ctx.selection.space, round_signature(self), mine,
                item.id if item else None)

    def removable(self) -> list[tuple[str, str]]:
        """(label, "item:<id>" | "rule:<id>") that I may edit or remove: mine, my group's, or
        any for the trainer (the server checks again)."""
        s, m, lang = self.state, self.model, self.lang
        trainer = m.kind == ActorKind.TRAINER
        group = s.group_of(m.me) if not trainer else None
        rules = s.scenario.index("rule")
        out = [(f"{quarter_short(lang, i.quarter)} {i.what}", f"item:{i.id}")
               for i in s.plan.values()
               if trainer or i.author == m.me or (group is not None and i.group == group)]
        out += [(lang.label(lang.t("ui.tab_rules"), rules[e.rule].title), f"rule:{e.id}")
                for e in s.charter.values() if trainer or e.author == m.me]
        return out

    def removable_rows(self) -> list[Row]:
        """`removable()` as check-box rows, each with its group, quarter, cost and payer."""
        s, lang, name_of = self.state, self.lang, self.model.name_of
        out = []
        for label, ref in self.removable():
            kind, rid = ref.split(":", 1)
            if kind == "item":
                out.append(Row(ref, s.plan[rid].what, item_detail(s, s.plan[rid], lang, name_of)))
            else:
                space = s.charter[rid].space
                out.append(Row(ref, label, s.scenario.space(space).name if space else ""))
        return out

    def build(self, form: Form) -> None:
        tab = self.sel.setdefault("tab", "action")
        t = self.lang.t
        build_round(self, form)
        form.row([("tab:action", t("ui.tab_action")), ("tab:rule", t("ui.tab_rules")),
                  ("tab:mine", t("ui.tab_mine"))], selected=f"tab:{tab}", h=28)
        if tab == "mine":
            rows = self.removable_rows()
            if rows:
                form.checklist("remove", rows, h=max(3 * 42 + 2, form.h - form.y - 2 * 37 - 90),
                               selected=[])
                form.row([("remove_send", t("ui.remove_selected"))])
                form.row([("edit_pick", t("ui.edit_selected"))])
            else:
                form.label(t("ui.nothing_to_remove"), object_id="#hint")
        elif tab == "action":
            item = self.editing()
            if item is not None:
                form.label(t("ui.editing_item", what=item.what))
            self.build_fields(form, self.prefix())
            if item is None:
                form.row([("add", t("ui.plan_add"))])
            else:
                form.row([("save", t("ui.save_changes")), ("cancel", t("ui.cancel"))])
        else:
            sc = self.state.scenario
            sid = self.ctx.selection.space
            space_kind = sc.space(sid).kind if sid else None
            rules = [r for r in sc.rules if space_kind is None or space_kind in r.applies_to]
            form.label(space_line(self.ctx), object_id="#hint")
            form.dropdown("rule", [(r.title, r.id) for r in rules])
            form.entry("note", t("ui.rule_note_hint"))
            form.row([("rule_add", t("ui.rule_add"))])
        form.textbox("box", "")

    def build_fields(self, form: Form, p: str) -> None:
        """The action's fields; `p` is "" for a new action, EDIT for the item being edited."""
        sc = self.state.scenario
        sid = self.ctx.selection.space
        lang, t = self.lang, self.lang.t
        form.entry(p + "what", t("ui.plan_what_hint"), limit=300)
        form.dropdown(p + "lead", [(r.name, r.kind) for r in sc.roles]
                      + [(x.name, x.id) for x in sc.metiers])
        form.dropdown(p + "quarter", [(t("ui.quarter_n", n=lang.num(q),
                                         year=lang.num((q - 1) // 4 + 1)), str(q))
                                      for q in range(1, 13)])
        form.entry(p + "cost", t("ui.plan_cost_hint"), limit=12)
        form.entry(p + "hours", t("ui.plan_hours_hint"), limit=6)
        payer = self.sel.setdefault(p + "payer", "bailleur")
        exp = self.sel.setdefault(p + "experiment", False)
        toggle = ("experiment", t("ui.experiment_on") if exp else t("ui.experiment_off"))
        payers = sc.payer_ids()
        if len(payers) > 2:  # the scenario's other funders (city, subsidy…): a menu of them all
            form.dropdown(p + "payer", [(paid_by(sc, pid, lang, PAYERS), pid) for pid in payers],
                          selected=payer)
            form.row([toggle], selected="experiment" if exp else None)
        else:
            form.row([(f"payer:{pid}", paid_by(sc, pid, lang, PAYERS)) for pid in payers] + [toggle],
                     selected=f"payer:{payer}" if not exp else "experiment")
        uses = [(t("ui.no_use"), "-")]
        if sid:
            uses += [(u.name, u.id) for u in sc.uses if sc.use_fits(u, sc.space(sid))]
        else:
            uses += [(u.name, u.id) for u in sc.uses if u.attach == UseAttach.SPACE]
        # services (a night patrol…) occupy no space: offered whatever the selection
        uses += [(t("sim.service_choice", name=u.name, where=t(f"term.use_attach.{u.attach}")), u.id)
                 for u in sc.services()]
        form.label(space_line(self.ctx), object_id="#hint")
        form.dropdown(p + "use", uses)
        if exp:
            form.entry(p + "criteria", t("ui.criteria_hint"))

    def content(self) -> str:
        rh = rounds_html(self, ("charter", "final_plan"))  # first: the box keeps 16 lines
        return (rh + "<br><br>" if rh else "") + plan_html(self)

    # ----- input -----
    def on_button(self, key: str) -> None:
        if round_button(self, key):
            return
        p = self.prefix()
        if key.startswith("tab:"):
            self.sel["tab"] = key[4:]
        elif key.startswith("payer:"):
            self.sel[p + "payer"] = key[6:]
            self.sel[p + "experiment"] = False
        elif key == "experiment":
            self.sel[p + "experiment"] = not self.sel.get(p + "experiment", False)
        elif key == "add":
            fields = self.fields("")
            if fields is not None:
                self.act({"type": "plan_add", **fields})
                self.clear_fields("")
        elif key == "save":
            item, fields = self.editing(), self.fields(EDIT)
            if item is not None and fields is not None:
                self.act({"type": "plan_edit", "item": item.id, **fields})
                self.leave_edit()
        elif key == "cancel":
            self.leave_edit()
        elif key == "remove_send":
            chosen = self.multi_choice("remove")
            if self.need(chosen, N_("ui.need_choice")):
                for ref in chosen:
                    kind, rid = ref.split(":", 1)
                    self.act({"type": "plan_remove", "item": rid} if kind == "item"
                             else {"type": "rule_remove", "entry": rid})
        elif key == "edit_pick":
            chosen = self.multi_choice("remove")
            if self.need(len(chosen) == 1 and chosen[0].startswith("item:"),
                         N_("ui.need_one_item")):
                self.start_edit(chosen[0][5:])
        elif key == "rule_add":
            rule = self.choice("rule")
            if self.need(rule, N_("ui.need_rule")):
                self.act({"type": "rule_add", "rule": rule, "space": self.ctx.selection.space,
                          "note": self.text_of("note")})
                self.clear_text("note")

    def start_edit(self, iid: str) -> None:
        """Open the action tab on this item, its form pre-filled and its space selected."""
        item = self.state.plan.get(iid)
        if item is None:
            return
        drafts = self.ctx.drafts
        drafts[(self.name, EDIT + "what")] = item.what
        drafts[(self.name, EDIT + "cost")] = number(item.cost, self.lang)
        drafts[(self.name, EDIT + "hours")] = number(item.hours, self.lang) if item.hours else ""
        drafts[(self.name, EDIT + "criteria")] = item.criteria
        self.sel.update({"tab": "action", "edit": iid, EDIT + "payer": item.payer,
                         EDIT + "experiment": item.experiment, f"dd:{EDIT}lead": item.lead,
                         f"dd:{EDIT}quarter": str(item.quarter), f"dd:{EDIT}use": item.use or "-",
                         f"dd:{EDIT}payer": item.payer})
        self.ctx.selection.select(item.space)

    def leave_edit(self) -> None:
        self.clear_fields(EDIT)
        for k in ("edit", EDIT + "payer", EDIT + "experiment", f"dd:{EDIT}lead",
                  f"dd:{EDIT}quarter", f"dd:{EDIT}use", f"dd:{EDIT}payer"):
            self.sel.pop(k, None)
        self.sel["tab"] = "mine"  # back where the item was picked

    def fields(self, p: str) -> dict[str, Any] | None:
        """The form's action fields, or None (with a message) when one is not right."""
        what = self.text_of(p + "what")
        if not self.need(what, N_("ui.need_text")):
            return None
        try:
            cost = parse_number(self.text_of(p + "cost"))
        except ValueError:
            self.ctx.notice(self.lang.t("ui.need_cost"), validation=True)
            return None
        try:
            hours = parse_number(self.text_of(p + "hours"))
        except ValueError:
            self.ctx.notice(self.lang.t("ui.need_hours"), validation=True)
            return None
        use = self.choice(p + "use")
        service = use not in (None, "-") and use in {u.id for u in self.state.scenario.services()}
        return {"what": what, "lead": self.choice(p + "lead"),
                "quarter": int(self.choice(p + "quarter") or 1), "cost": cost,
                "payer": self.choice(p + "payer") or self.sel.get(p + "payer", "bailleur"),
                "space": None if service else self.ctx.selection.space,
                "use": None if use in (None, "-") else use,
                "experiment": bool(self.sel.get(p + "experiment")),
                "criteria": self.text_of(p + "criteria"), "hours": hours}

    def clear_fields(self, p: str) -> None:
        for key in ("what", "cost", "hours", "criteria"):
            self.clear_text(p + key)

    def on_enter(self, key: str) -> None:
        """Enter in an entry submits its form: the consent reason, the action (added, or
        saved when being edited), the rule."""
        p = self.prefix()
        if key == "reason":
            send_position(self)
        elif key in (p + "what", p + "cost", p + "hours", p + "criteria"):
            self.on_button("add" if p == "" else "save")
        elif key == "note":
            self.on_button("rule_add")
