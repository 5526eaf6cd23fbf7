"""A simulation contribution (`Trajectory.why`) as people read it: what moved the number, with
the scenario's names (use and space, rule title, event title, métier, plan item).

    contribution_label(c, sc, lang)            →  "Jardin partagé (Jardin des Tilleuls)"
    contribution_label(c, sc, lang, {"I3": "Fête des voisins"})   (a plan item's words)

Used by the debrief report's « Pourquoi ça a bougé » and by any screen that explains a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..core.kinds import ContributionSource as Src
from . import N_

if TYPE_CHECKING:
    from ..core.scenario import Scenario
    from ..core.simulation import Contribution
    from .lang import Lang

# source → message key, one with a space and one without (a table, so tests/text sees every key)
KEYS: dict[Src, tuple[str, str]] = {
    Src.USE: (N_("sim.why.use_at"), N_("sim.why.use")),
    Src.SERVICE: (N_("sim.why.service_at"), N_("sim.why.service")),
    Src.CONFLICT: (N_("sim.why.conflict_at"), N_("sim.why.conflict")),
    Src.RULE: (N_("sim.why.rule_at"), N_("sim.why.rule")),
    Src.EVENT: (N_("sim.why.event"), N_("sim.why.event")),
    Src.OVERLOAD: (N_("sim.why.overload"), N_("sim.why.overload")),
    Src.CHARGES: (N_("sim.why.charges"), N_("sim.why.charges")),
    Src.DEGRADED: (N_("sim.why.degraded"), N_("sim.why.degraded")),
    Src.LIMIT: (N_("sim.why.limit"), N_("sim.why.limit")),
    Src.PLAN: (N_("sim.why.plan"), N_("sim.why.plan")),
    Src.BASE: (N_("sim.why.base"), N_("sim.why.base")),
}


def contribution_label(c: Contribution, sc: Scenario, lang: Lang,
                       plan_items: Mapping[str, str] | None = None) -> str:
    """The words for `c`. `plan_items` maps plan item ids to their "what" (a `plan` part's ref);
    an id the scenario does not know is shown as it is."""
    space = _name(sc.index("space"), c.space) if c.space else ""
    with_space, without = KEYS[c.source]
    key = with_space if space else without
    ref = c.ref
    if c.source in (Src.USE, Src.SERVICE, Src.CONFLICT):
        name = _name(sc.index("use"), ref)
    elif c.source == Src.RULE:
        rule = sc.index("rule").get(ref)
        name = rule.title if rule else ref
    elif c.source == Src.EVENT:
        event = next((e for e in sc.events if e.id == ref), None)
        name = event.title if event else ref
    elif c.source == Src.OVERLOAD:
        name = _name(sc.index("metier"), ref)
    elif c.source == Src.PLAN:
        name = (plan_items or {}).get(ref, ref)
    else:
        name = ref
    return lang.t(key, name=name, space=space)


def _name(index: Mapping[str, object], ref: str | None) -> str:
    item = index.get(ref or "")
    return str(getattr(item, "name", ref or ""))
