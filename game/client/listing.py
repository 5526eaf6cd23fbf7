"""What tells the entries of a list apart, and the budget in words.

Three groups can each propose « Un îlot plus vert »; two groups can each plan « Jardin partagé
dans la cour ». Every list that shows proposals, rounds' subjects or plan items says, next to
the title, who (the group, else the author), the status, the number of uses and the time, and
the short reference when that still leaves two entries alike. Plan items that are likely
duplicates are flagged (`duplicates`: the rule is in its docstring).

`budget_text` / `budget_markup` write an investment against the scenario's budget, with the
overrun when there is one (« 602 000 € sur 250 000 € — dépassement de 352 000 € »).

No pygame here but the font metrics used to fit a label in a width (`fit_pair`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Protocol

import pygame

from ilot.game.core.kinds import PayerKind, UseAttach
from ilot.game.core.scenario import Scenario
from ilot.game.core.simulation import Trajectory
from ilot.game.core.state import PlanItem, Proposal, State
from ilot.game.palette import BAD
from ilot.game.text import N_, Lang
from ilot.game.text.payers import cost_by

from .fonts import font, one_line, wrap
from .model import ClientModel

# the built-in payers' words (a scenario's other funders are said by name: text/payers.py)
COST_BY = {"bailleur": N_("ui.cost_bailleur"), "charges": N_("ui.cost_charges")}

SEP = " · "
RED = BAD  # the indicators' "down" colour, for the overrun ("text.bad" in TEXT_PAIRS)
OVER_EPSILON = 0.5  # euros: below this, no overrun (rounding)

NameOf = Callable[[str], str]


class PanelLike(Protocol):
    """What `proposal_choice` reads of a panel (`widgets.Panel` has all of it)."""

    @property
    def state(self) -> State: ...
    @property
    def lang(self) -> Lang: ...
    @property
    def model(self) -> ClientModel: ...
    rect: pygame.Rect

# a plan item's cost and who pays it, in one phrase


# ----- text comparisons -----

def norm(text: str) -> str:
    """`text` as compared for likeness: accents, case, punctuation and spacing ignored
    (« Jardin partagé, cour » and « jardin partage cour » are alike)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


# ----- proposals (and the rounds on them) -----

def proposal_who(state: State, p: Proposal, lang: Lang, name_of: NameOf) -> str:
    """Who a proposal is from: its group (made from a group draft), else its author."""
    group = state.groups.get(p.group) if p.group else None
    return lang.group(group.number) if group is not None else name_of(p.author)


def proposal_detail(state: State, pid: str, lang: Lang, name_of: NameOf,
                    with_ref: bool | None = None) -> str:
    """« Groupe 2 · ouverte · 3 usages · 14:05 », and « réf. p37 » when another proposal
    would read the same (`with_ref`: force it on or off)."""
    p = state.proposals[pid]
    parts = [proposal_who(state, p, lang, name_of), lang.t(f"term.proposal_status.{p.status}"),
             lang.n("ui.uses_n", len(p.placements)), lang.time(p.t)]
    if with_ref is None:
        with_ref = any(_same_reading(state, lang, name_of, p, o)
                       for o in state.proposals.values() if o.id != pid)
    if with_ref:
        parts.append(lang.t("ui.ref", id=pid))
    return SEP.join(parts)


def _same_reading(state: State, lang: Lang, name_of: NameOf, a: Proposal, b: Proposal) -> bool:
    return (norm(a.title) == norm(b.title) and a.status == b.status
            and len(a.placements) == len(b.placements) and lang.time(a.t) == lang.time(b.t)
            and proposal_who(state, a, lang, name_of) == proposal_who(state, b, lang, name_of))


def repeated_titles(state: State) -> set[str]:
    """The titles (normalised) that more than one proposal bears."""
    seen: dict[str, int] = {}
    for p in state.proposals.values():
        k = norm(p.title)
        seen[k] = seen.get(k, 0) + 1
    return {k for k, n in seen.items() if n > 1}


def proposal_label(state: State, pid: str, lang: Lang, name_of: NameOf,
                   width: int | None = None) -> str:
    """A proposal in a picker: « Un îlot plus vert — Groupe 2 · ouverte · 3 usages · 14:05 »,
    fitted in `width` pixels by shortening the title first."""
    p = state.proposals.get(pid)
    if p is None:
        return pid
    return fit_pair(p.title, proposal_detail(state, pid, lang, name_of), width)


def proposal_choice(panel: PanelLike, pid: str) -> str:
    """`proposal_label` for a menu of `panel`'s width (the trainer console's round subjects,
    the délibération's proposal picker)."""
    return proposal_label(panel.state, pid, panel.lang, panel.model.name_of,
                          panel.rect.w - MENU_MARGIN)


def subject_suffix(state: State, pid: str, lang: Lang, name_of: NameOf) -> str:
    """What follows a round's subject when another proposal bears the same title: « (Groupe
    2, 14:05) »; "" when the title alone is clear."""
    p = state.proposals.get(pid)
    if p is None or norm(p.title) not in repeated_titles(state):
        return ""
    return lang.t("ui.subject_suffix", detail=proposal_detail(state, pid, lang, name_of))


# ----- plan items -----

def item_who(state: State, item: PlanItem, lang: Lang, name_of: NameOf) -> str:
    group = state.groups.get(item.group) if item.group else None
    return lang.group(group.number) if group is not None else name_of(item.author)


def item_detail(state: State, item: PlanItem, lang: Lang, name_of: NameOf) -> str:
    """« Groupe 2 · T3 · 12 000 € payés par le bailleur · Cour · expérimentation »."""
    sc = state.scenario
    parts = [item_who(state, item, lang, name_of), lang.t("ui.quarter_short", n=lang.num(item.quarter)),
             cost_by(sc, item.payer, lang.money(item.cost), lang, COST_BY)]
    if item.space:
        parts.append(sc.space(item.space).name)
    if item.use:
        parts.append(sc.use(item.use).name)
    if item.experiment:
        parts.append(lang.t("ui.experiment"))
    return SEP.join(parts)


def duplicates(state: State, items: Iterable[PlanItem], lang: Lang, name_of: NameOf
               ) -> dict[str, str]:
    """The likely duplicates among `items`: item id → why (the tooltip's words).

    The rule: two items are likely duplicates when they start the same use on the same space
    (both name a space and a use: the simulation would count the second as an extra cost), or
    the same service (a use with no space: likewise), or
    when their « quoi » is the same text once accents, case, punctuation and spacing are
    ignored (`norm`). Each item of such a pair is flagged, naming the other one."""
    items = sorted(items, key=lambda i: (i.quarter, i.id))
    sc = state.scenario
    out: dict[str, str] = {}
    for a in items:
        for b in items:
            if a.id == b.id or a.id in out:
                continue
            other = lang.t("ui.duplicate_other", what=lang.quote(b.what),
                           who=item_who(state, b, lang, name_of))
            if a.space and a.use and (a.space, a.use) == (b.space, b.use):
                out[a.id] = lang.t("ui.duplicate_place", use=sc.use(a.use).name,
                                   space=sc.space(a.space).name, other=other)
            elif (a.space is None and b.space is None and a.use and a.use == b.use
                  and sc.use(a.use).attach != UseAttach.SPACE):
                out[a.id] = lang.t("ui.duplicate_service", use=sc.use(a.use).name, other=other)
            elif norm(a.what) and norm(a.what) == norm(b.what):
                out[a.id] = lang.t("ui.duplicate_text", other=other)
    return out


# ----- the budget -----

def overrun(invested: float, budget: float) -> float:
    """How much `invested` goes over `budget` (0 when within it)."""
    over = invested - budget
    return over if over >= OVER_EPSILON else 0.0


def budget_text(lang: Lang, invested: float, budget: float,
                unplanned: float = 0.0) -> tuple[str, bool]:
    """(« 602 000 € sur 250 000 € — dépassement de 352 000 € », True), or (« 60 000 € sur
    250 000 € », False) within the budget. `invested` is what the plan invests; `unplanned`
    (scenario events' repairs, which no plan chose) is said apart and not held against the
    budget: « 60 000 € sur 250 000 € (et 26 000 € imprévus, hors plan) »."""
    over = overrun(invested, budget)
    if over:
        text = lang.t("ui.budget_over", invested=lang.money(invested),
                      budget=lang.money(budget), over=lang.money(over))
    else:
        text = lang.t("ui.budget_of", invested=lang.money(invested), budget=lang.money(budget))
    if round(unplanned) > 0:
        text = lang.t("ui.budget_unplanned", text=text, unplanned=lang.money(unplanned))
    return text, bool(over)


def plan_budget_text(lang: Lang, sc: Scenario, traj: Trajectory) -> tuple[str, bool]:
    """The budget line of a simulated plan at its end: the landlord's investment against its
    budget, its unplanned repairs, then what each other funder of the scenario (city,
    subsidy…) puts in, against its own budget when it has one: « 60 000 € sur 250 000 € ·
    Ville de Montreuil : 20 000 € sur 30 000 € ». True when any is over its budget."""
    end = traj.final
    text, over = budget_text(lang, end.invested, traj.investment_budget, end.unplanned)
    parts = []
    for f in sc.payers:
        if f.kind in (PayerKind.LANDLORD, PayerKind.CHARGES):
            continue
        amount = end.funded.get(f.id, 0.0)
        if f.budget is None:
            if amount:
                parts.append(lang.label(f.name, lang.money(amount)))
            continue
        part, f_over = budget_text(lang, amount, f.budget)
        over = over or f_over
        parts.append(lang.label(f.name, part))
    if parts:
        text = lang.t("sim.budget_funders", text=text, funders=" · ".join(parts))
    return text, over


def budget_markup(lang: Lang, invested: float, budget: float, unplanned: float = 0.0) -> str:
    """`budget_text` as markup: in bold red when over the budget."""
    return over_markup(*budget_text(lang, invested, budget, unplanned))


def over_markup(text: str, over: bool) -> str:
    """A budget line as markup: in bold red when over the budget."""
    text = html.escape(text, quote=False)
    return f"<font color='{RED}'><b>{text}</b></font>" if over else text


# ----- fitting in a width -----

MENU_MARGIN = 56  # a menu's arrow button and margins, in pixels (as picks.ARROW)


def fit_pair(first: str, second: str, width: int | None, size: int = 14) -> str:
    """« first — second » on one line of `width` pixels: `first` is shortened (with an
    ellipsis) before `second`, which tells entries apart; `width` None: no limit."""
    first, second = one_line(first), one_line(second)
    whole = f"{first} — {second}" if second else first
    if width is None:
        return whole
    f = font(size)
    if f.size(whole)[0] <= width:
        return whole
    tail = f" — {second}" if second else ""
    room = width - f.size(tail)[0]
    if room < width * 0.4:  # the detail itself is long: both are shortened
        room = int(width * 0.4)
        tail = " — " + wrap(second, f, width - room - f.size(" — ")[0], max_lines=1)[0]
    return wrap(first, f, max(20, room), max_lines=1)[0] + tail
