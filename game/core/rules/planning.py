"""Schéma directeur, plan d'action, charter of management rules, final plan, evaluation."""

from __future__ import annotations

from typing import Any

from ..actions import (
    Evaluate,
    FinalisePlan,
    PlanAdd,
    PlanEdit,
    PlanFields,
    PlanRemove,
    RuleAdd,
    RuleRemove,
    SchemaPlace,
    SchemaRemove,
)
from ..events import (
    EvaluationSubmitted,
    Event,
    PlanItemAdded,
    PlanItemEdited,
    PlanItemRemoved,
    PlanItemsFinalised,
    RuleAdded,
    RuleRemoved,
    SchemaPlaced,
    SchemaRemoved,
)
from ..kinds import PhaseKind, Subject
from ..scenario import ROLE_KINDS
from ..state import CharterEntry, Evaluation, Placement, PlanItem, State
from .registry import PARTICIPANT, TRAINER, Ctx, RuleSet

ruleset = RuleSet()
PLAN_PHASES = (PhaseKind.PLAN_ACTION, PhaseKind.CONSENSUS_FINAL)
SCHEMA = (PhaseKind.SCHEMA_DIRECTEUR,)


@ruleset.rule(SchemaPlace, who=(PARTICIPANT, TRAINER), phases=SCHEMA)
def schema_place(c: Ctx[SchemaPlace]) -> None:
    sc = c.state.scenario
    space = c.need(sc.index("space").get(c.action.space), "unknown_space")
    use = c.need(sc.index("use").get(c.action.use), "unknown_use")
    c.require(sc.use_fits(use, space), "use_not_allowed")
    if not c.is_trainer:
        c.require(use.id in c.state.adopted_placements().get(space.id, ()), "not_adopted")
    c.emit(SchemaPlaced(space=space.id, use=use.id, year=c.action.year))


@ruleset.evolver(SchemaPlaced)
def _placed(s: State, e: Event[SchemaPlaced]) -> None:
    d = e.payload
    s.schema[d.space] = Placement(d.use, d.year, e.by)


@ruleset.rule(SchemaRemove, who=(PARTICIPANT, TRAINER), phases=SCHEMA)
def schema_remove(c: Ctx[SchemaRemove]) -> None:
    c.require(c.action.space in c.state.schema, "not_placed")
    c.emit(SchemaRemoved(c.action.space))


@ruleset.evolver(SchemaRemoved)
def _unplaced(s: State, e: Event[SchemaRemoved]) -> None:
    del s.schema[e.payload.space]


def _check_plan_fields(c: Ctx[Any], a: PlanFields) -> None:
    sc = c.state.scenario
    c.require(a.lead in ROLE_KINDS or a.lead in sc.index("metier"), "unknown_lead")
    c.require(sc.payer_kind(a.payer) is not None, "unknown_payer")
    space = None
    if a.space is not None:
        space = c.need(sc.index("space").get(a.space), "unknown_space")
    if a.use is not None:
        use = c.need(sc.index("use").get(a.use), "unknown_use")
        if space is not None:
            c.require(sc.use_fits(use, space), "use_not_allowed")
        c.require(not a.experiment or use.experiment is not None, "not_experimentable")
    c.require(not a.hours or a.lead in sc.index("metier"), "hours_need_metier")


def _may_edit_item(c: Ctx[Any], item: PlanItem) -> bool:
    c.require(not (item.final and c.state.open_round(Subject.final_plan())), "round_running")
    c.require(c.is_trainer or not (item.final and c.state.final_adopted), "already_adopted")
    if c.may_edit(item.author):
        return True
    return item.group is not None and item.group == c.state.group_of(c.actor.id)


@ruleset.rule(PlanAdd, who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def plan_add(c: Ctx[PlanAdd]) -> None:
    a = c.action
    _check_plan_fields(c, a)
    group = None if c.is_trainer else c.state.group_of(c.actor.id)
    c.emit(PlanItemAdded(item=c.new_id("i"), group=group, what=a.what.strip(), lead=a.lead,
                         quarter=a.quarter, cost=float(a.cost), payer=a.payer, space=a.space,
                         use=a.use, experiment=a.experiment, criteria=a.criteria.strip(),
                         hours=float(a.hours)))


@ruleset.evolver(PlanItemAdded)
def _item_added(s: State, e: Event[PlanItemAdded]) -> None:
    d = e.payload
    s.plan[d.item] = PlanItem(d.item, e.by, d.group, d.what, d.lead, d.quarter, d.cost, d.payer,
                              d.space, d.use, d.experiment, d.criteria, e.t, hours=d.hours)


@ruleset.rule(PlanEdit, who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def plan_edit(c: Ctx[PlanEdit]) -> None:
    a = c.action
    item = c.need(c.state.plan.get(a.item), "unknown_item")
    c.require(_may_edit_item(c, item), "not_author")
    _check_plan_fields(c, a)
    c.emit(PlanItemEdited(item=item.id, what=a.what.strip(), lead=a.lead, quarter=a.quarter,
                          cost=float(a.cost), payer=a.payer, space=a.space, use=a.use,
                          experiment=a.experiment, criteria=a.criteria.strip(),
                          hours=float(a.hours)))


@ruleset.evolver(PlanItemEdited)
def _item_edited(s: State, e: Event[PlanItemEdited]) -> None:
    d = e.payload
    item = s.plan[d.item]
    item.what, item.lead, item.quarter, item.cost = d.what, d.lead, d.quarter, d.cost
    item.payer, item.space, item.use = d.payer, d.space, d.use
    item.experiment, item.criteria, item.hours = d.experiment, d.criteria, d.hours
    if item.final:
        s.final_adopted = False


@ruleset.rule(PlanRemove, who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def plan_remove(c: Ctx[PlanRemove]) -> None:
    item = c.need(c.state.plan.get(c.action.item), "unknown_item")
    c.require(_may_edit_item(c, item), "not_author")
    c.emit(PlanItemRemoved(item.id))


@ruleset.evolver(PlanItemRemoved)
def _item_removed(s: State, e: Event[PlanItemRemoved]) -> None:
    if s.plan.pop(e.payload.item).final:
        s.final_adopted = False


@ruleset.rule(FinalisePlan, who=(TRAINER,))
def finalise_plan(c: Ctx[FinalisePlan]) -> None:
    items = list(dict.fromkeys(c.action.items))
    for iid in items:
        c.require(iid in c.state.plan, "unknown_item", iid)
    c.require(c.state.open_round(Subject.final_plan()) is None, "round_running")
    c.emit(PlanItemsFinalised(items))


@ruleset.evolver(PlanItemsFinalised)
def _finalised(s: State, e: Event[PlanItemsFinalised]) -> None:
    chosen = set(e.payload.items)
    for item in s.plan.values():
        item.final = item.id in chosen
    s.final_adopted = False


@ruleset.rule(RuleAdd, who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def rule_add(c: Ctx[RuleAdd]) -> None:
    sc = c.state.scenario
    r = c.need(sc.index("rule").get(c.action.rule), "unknown_rule")
    if c.action.space is not None:
        space = c.need(sc.index("space").get(c.action.space), "unknown_space")
        c.require(space.kind in r.applies_to, "rule_not_allowed")
    c.require(c.state.open_round(Subject.charter()) is None, "round_running")
    c.require(c.is_trainer or not c.state.charter_adopted, "already_adopted")
    c.require(all((e.rule, e.space) != (r.id, c.action.space) for e in c.state.charter.values()),
              "rule_duplicate")
    c.emit(RuleAdded(entry=c.new_id("e"), rule=r.id, space=c.action.space,
                     note=c.action.note.strip()))


@ruleset.evolver(RuleAdded)
def _rule_added(s: State, e: Event[RuleAdded]) -> None:
    d = e.payload
    s.charter[d.entry] = CharterEntry(d.entry, d.rule, d.space, d.note, e.by)
    s.charter_adopted = False


@ruleset.rule(RuleRemove, who=(PARTICIPANT, TRAINER), phases=PLAN_PHASES)
def rule_remove(c: Ctx[RuleRemove]) -> None:
    entry = c.need(c.state.charter.get(c.action.entry), "unknown_entry")
    c.require(c.may_edit(entry.author), "not_author")
    c.require(c.state.open_round(Subject.charter()) is None, "round_running")
    c.require(c.is_trainer or not c.state.charter_adopted, "already_adopted")
    c.emit(RuleRemoved(entry.id))


@ruleset.evolver(RuleRemoved)
def _rule_removed(s: State, e: Event[RuleRemoved]) -> None:
    del s.charter[e.payload.entry]
    s.charter_adopted = False


@ruleset.rule(Evaluate, phases=(PhaseKind.SYNTHESE,), needs_persona=False)
def evaluate(c: Ctx[Evaluate]) -> None:
    known = c.state.scenario.index("question")
    for q in c.action.answers:
        c.require(q in known, "unknown_question", q)
    c.emit(EvaluationSubmitted(answers=dict(c.action.answers), comment=c.action.comment.strip()))


@ruleset.evolver(EvaluationSubmitted)
def _evaluated(s: State, e: Event[EvaluationSubmitted]) -> None:
    # Others receive this event without its content (see views.event_for); their views hold no
    # one else's evaluation, so a withheld copy leaves the state as it is.
    if e.payload.answers is None:
        return
    s.evaluations[e.by] = Evaluation(dict(e.payload.answers), e.payload.comment or "", e.t)
