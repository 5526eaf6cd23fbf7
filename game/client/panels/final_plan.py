"""The trainer's pick of the final plan: the groups' actions in a list of check boxes, then a
confirmation that says what the chosen plan costs against the budget.

Each row shows the action (« quoi »), then its group, quarter, cost and who pays; likely
duplicates (`listing.duplicates`: same use on the same space, or the same « quoi ») carry a
warning mark whose tooltip names the other action, and a legend under the list says what the
mark means. Under the list, a summary follows the ticks: how many actions, and their investment
against the scenario's budget, in red with the overrun when over it. « Retenir la sélection »
asks for a confirmation first (the same summary, plus the duplicates ticked); finalising over
the budget stays possible.

Used by the trainer console's « Plan final » tab and by the consensus final panel (trainer).
Its ticks and the confirmation live in the context's memory `final_plan`, shared by both.
"""

from __future__ import annotations

from typing import Any

import pygame

from ilot.game.core.simulation import plan_from_state, simulate
from ilot.game.core.state import PlanItem
from ilot.game.palette import OVER_BUDGET

from ..checklist import DETAIL, TEXT, Row
from ..listing import budget_text, duplicates, item_detail
from ..widgets import Form, Panel

MEMORY = "final_plan"
KEY = "items"
KEYS = ("finalise", "cancel", f"{KEY}:all", f"{KEY}:none")  # the buttons it answers
RED = pygame.Color(OVER_BUDGET)  # "legend.over" in palette.TEXT_PAIRS


def _memory(panel: Panel) -> dict[str, Any]:
    return panel.ctx.memory(MEMORY)


def plan_items(panel: Panel) -> list[PlanItem]:
    return sorted(panel.state.plan.values(), key=lambda i: (i.quarter, i.id))


def ticked(panel: Panel) -> list[str]:
    """The actions ticked (remembered), else those already final."""
    s = panel.state
    remembered = _memory(panel).get(KEY)
    if isinstance(remembered, list):
        return [i for i in remembered if i in s.plan]
    return [i.id for i in plan_items(panel) if i.final]


def investment(panel: Panel, items: list[str]) -> float:
    """What the bailleur invests over 3 years with these actions as the plan (the simulation's
    figure, as the indicators show it), cached while nothing it reads changes."""
    s = panel.state
    chosen = [s.plan[i] for i in items if i in s.plan]
    key = (tuple((i.id, i.quarter, i.cost, i.payer, i.space, i.use, i.experiment, i.hours)
                 for i in chosen),
           tuple((k, p.use, p.year) for k, p in sorted(s.schema.items())),
           tuple((e.rule, e.space) for e in s.charter.values()), s.seed)
    mem = _memory(panel)
    cached = mem.get("_investment")
    if isinstance(cached, tuple) and cached[0] == key:
        return float(cached[1])
    value = simulate(s.scenario, plan_from_state(s, chosen), s.seed).final.invested
    mem["_investment"] = (key, value)
    return value


def summary(panel: Panel, items: list[str]) -> tuple[str, bool]:
    """« 5 actions cochées · investissement : 602 000 € sur 250 000 € — dépassement de
    352 000 € », and whether it is over the budget."""
    lang = panel.lang
    money, over = budget_text(lang, investment(panel, items),
                              panel.state.scenario.budget.investment_total)
    return lang.n("ui.final_summary_n", len(items), investment=money), over


def build_final(panel: Panel, form: Form, reserve: int = 90) -> None:
    """The picker (or its confirmation); `reserve`: pixels to leave below it."""
    s, lang = panel.state, panel.lang
    t = lang.t
    items = plan_items(panel)
    if not items:
        form.label(t("ui.final_no_items"), object_id="#hint")
        return
    mem = _memory(panel)
    chosen = ticked(panel)
    mem[KEY] = chosen
    dups = duplicates(s, items, lang, panel.model.name_of)
    if mem.get("confirm"):
        build_confirm(panel, form, chosen, dups)
        return
    rows = [Row(i.id, i.what, item_detail(s, i, lang, panel.model.name_of), dups.get(i.id, ""))
            for i in items]
    below = reserve + 37 + 2 * 17 + (3 * 16 if dups else 0)
    height = max(3 * 42 + 2, form.h - form.y - 33 - below)
    checks = form.checklist(KEY, rows, height, chosen, store=mem,
                            bulk=(t("ui.check_all"), t("ui.check_none")))
    if dups:
        form.legend(t("ui.duplicate_legend"), mark=True, key="duplicate_legend")
    text, over = summary(panel, chosen)
    line = form.legend(text, colour=RED if over else TEXT, bold=True, max_lines=2, min_lines=2,
                       key="summary")

    def follow(now: list[str]) -> None:
        words, now_over = summary(panel, now)
        line.set_text(words, RED if now_over else TEXT)

    checks.on_change = follow
    form.row([("finalise", t("ui.finalise_plan"))])


def build_confirm(panel: Panel, form: Form, chosen: list[str], dups: dict[str, str]) -> None:
    lang = panel.lang
    t = lang.t
    question = lang.n("ui.final_confirm_n", len(chosen)) if chosen \
        else t("ui.final_confirm_empty")
    form.legend(question, colour=TEXT, bold=True, size=14)
    money, over = budget_text(lang, investment(panel, chosen),
                              panel.state.scenario.budget.investment_total)
    if over:
        form.legend(t("ui.final_confirm_over", investment=money), colour=RED, bold=True,
                    key="summary")
    else:
        form.legend(t("ui.final_confirm_within", investment=money), colour=DETAIL, key="summary")
    ticked_dups = [i for i in chosen if i in dups]
    if ticked_dups:
        form.legend(lang.n("ui.final_confirm_duplicates_n", len(ticked_dups)), mark=True)
    form.row([("finalise", t("ui.final_confirm_yes")), ("cancel", t("ui.cancel"))])


def final_button(panel: Panel, key: str) -> bool:
    """Button `key` of the picker pressed; False when it is not one of its buttons."""
    if key not in KEYS:
        return False
    mem = _memory(panel)
    if key == "finalise":
        if mem.get("confirm"):
            mem.pop("confirm", None)
            panel.act({"type": "finalise_plan", "items": ticked(panel)})
        else:
            mem["confirm"] = True
        panel.rebuild()
    elif key == "cancel" and mem.get("confirm"):
        mem.pop("confirm", None)
        panel.rebuild()
    return True  # « Tout cocher / Tout décocher »: the list answers them itself

