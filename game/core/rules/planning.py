"""Schéma directeur, plan d'action, charter of management rules, final plan, evaluation."""

from __future__ import annotations

from ..events import Event
from ..scenario import ROLE_KINDS
from ..state import CharterEntry, Evaluation, Placement, PlanItem, State
from .registry import PARTICIPANT, TRAINER, Ctx, evolver, rule

PLAN_PHASES = ("plan_action", "consensus_final")


@rule("schema_place", who=(PARTICIPANT, TRAINER), phases=("schema_directeur",))
def schema_place(c: Ctx) -> None:
    sc = c.state.scenario
    space = sc.index("space").get(c.action.space)
    c.require(space, "unknown_space")
    use = sc.index("use").get(c.action.use)
    c.require(use, "unknown_use")
    c.require(sc.use_fits(use, space), "use_not_allowed")
    if not c.is_trainer:
        c.require(use.id in c.state.adopted_placements().get(space.id, ()), "not_adopted")
    c.emit("schema_placed", {"space": space.id, "use": use.id, "year": c.action.year})


@evolver("schema_placed")
def _placed(s: State, e: Event) -> None:
    d = e.data
    s.schema[d["space"]] = Placement(d["use"], d["year"], e.by)


@rule("schema_remove", who=(PARTICIPANT, TRAINER), phases=("schema_directeur",))
def schema_remove(c: Ctx) -> None:
    c.require(c.action.space in c.state.schema, "not_placed")
    c.emit("schema_removed", {"space": c.action.space})


@evolver("schema_removed")
def _unplaced(s: State, e: Event) -> None:
    del s.schema[e.data["space"]]


def _plan_fields(c: Ctx) -> dict:
    a, sc = c.action, c.state.scenario
    c.require(a.lead in ROLE_KINDS or a.lead in sc.index("metier"), "unknown_lead")
    space = None
    if a.space is not None:
        space = sc.index("space").get(a.space)
        c.require(space, "unknown_space")
    if a.use is not None:
        use = sc.index("use").get(a.use)
        c.require(use, "unknown_use")
        if space is not None:
            c.require(sc.use_fits(use, space), "use_not_allowed")
        c.require(not a.experiment or use.experiment is not None, "not_experimentable")
    c.require(not a.hours or a.lead in sc.index("metier"), "hours_need_metier")
    return {"what": a.what.strip(), "lead": a.lead, "quarter": a.quarter, "cost": float(a.cost),
            "payer": a.payer, "space": a.space, "use": a.use, "experiment": a.experiment,
            "criteria": a.criteria.strip(), "hours": float(a.hours)}


def _may_edit_item(c: Ctx, item: PlanItem) -> bool:
    c.require(not (item.final and c.state.open_round("final_plan")), "round_running")
    c.require(c.is_trainer or not (item.final and c.state.final_adopted), "already_adopted")
    if c.may_edit(item.author):
        return True
    return item.group is not None and item.group == c.state.group_of(c.actor.id)


@rule("plan_add", who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def plan_add(c: Ctx) -> None:
    fields = _plan_fields(c)
    group = None if c.is_trainer else c.state.group_of(c.actor.id)
    c.emit("plan_item_added", {"item": c.new_id("i"), "group": group, **fields})


@evolver("plan_item_added")
def _item_added(s: State, e: Event) -> None:
    d = e.data
    s.plan[d["item"]] = PlanItem(d["item"], e.by, d["group"], d["what"], d["lead"], d["quarter"],
                                 d["cost"], d["payer"], d["space"], d["use"], d["experiment"],
                                 d["criteria"], e.t, hours=d["hours"])


@rule("plan_edit", who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def plan_edit(c: Ctx) -> None:
    item = c.state.plan.get(c.action.item)
    c.require(item, "unknown_item")
    c.require(_may_edit_item(c, item), "not_author")
    c.emit("plan_item_edited", {"item": item.id, **_plan_fields(c)})


@evolver("plan_item_edited")
def _item_edited(s: State, e: Event) -> None:
    item = s.plan[e.data["item"]]
    for key, value in e.data.items():
        if key != "item":
            setattr(item, key, value)
    if item.final:
        s.final_adopted = False


@rule("plan_remove", who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def plan_remove(c: Ctx) -> None:
    item = c.state.plan.get(c.action.item)
    c.require(item, "unknown_item")
    c.require(_may_edit_item(c, item), "not_author")
    c.emit("plan_item_removed", {"item": item.id})


@evolver("plan_item_removed")
def _item_removed(s: State, e: Event) -> None:
    if s.plan.pop(e.data["item"]).final:
        s.final_adopted = False


@rule("finalise_plan", who=(TRAINER,))
def finalise_plan(c: Ctx) -> None:
    items = list(dict.fromkeys(c.action.items))
    for iid in items:
        c.require(iid in c.state.plan, "unknown_item", iid)
    c.require(c.state.open_round("final_plan") is None, "round_running")
    c.emit("plan_items_finalised", {"items": items})


@evolver("plan_items_finalised")
def _finalised(s: State, e: Event) -> None:
    chosen = set(e.data["items"])
    for item in s.plan.values():
        item.final = item.id in chosen
    s.final_adopted = False


@rule("rule_add", who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def rule_add(c: Ctx) -> None:
    sc = c.state.scenario
    r = sc.index("rule").get(c.action.rule)
    c.require(r, "unknown_rule")
    if c.action.space is not None:
        space = sc.index("space").get(c.action.space)
        c.require(space, "unknown_space")
        c.require(space.kind in r.applies_to, "rule_not_allowed")
    c.require(c.state.open_round("charter") is None, "round_running")
    c.require(c.is_trainer or not c.state.charter_adopted, "already_adopted")
    c.require(all((e.rule, e.space) != (r.id, c.action.space) for e in c.state.charter.values()),
              "rule_duplicate")
    c.emit("rule_added", {"entry": c.new_id("e"), "rule": r.id, "space": c.action.space,
                          "note": c.action.note.strip()})


@evolver("rule_added")
def _rule_added(s: State, e: Event) -> None:
    d = e.data
    s.charter[d["entry"]] = CharterEntry(d["entry"], d["rule"], d["space"], d["note"], e.by)
    s.charter_adopted = False


@rule("rule_remove", who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def rule_remove(c: Ctx) -> None:
    entry = c.state.charter.get(c.action.entry)
    c.require(entry, "unknown_entry")
    c.require(c.may_edit(entry.author), "not_author")
    c.require(c.state.open_round("charter") is None, "round_running")
    c.require(c.is_trainer or not c.state.charter_adopted, "already_adopted")
    c.emit("rule_removed", {"entry": entry.id})


@evolver("rule_removed")
def _rule_removed(s: State, e: Event) -> None:
    del s.charter[e.data["entry"]]
    s.charter_adopted = False


@rule("evaluate", phases=("synthese",), needs_persona=False)
def evaluate(c: Ctx) -> None:
    known = c.state.scenario.index("question")
    for q in c.action.answers:
        c.require(q in known, "unknown_question", q)
    c.emit("evaluation_submitted", {"answers": dict(c.action.answers),
                                    "comment": c.action.comment.strip()})


@evolver("evaluation_submitted")
def _evaluated(s: State, e: Event) -> None:
    # Others receive this event without its content (see views.event_for); their views hold no
    # one else's evaluation, so a redacted copy leaves the state as it is.
    if "answers" not in e.data:
        return
    s.evaluations[e.by] = Evaluation(dict(e.data["answers"]), e.data.get("comment", ""), e.t)
