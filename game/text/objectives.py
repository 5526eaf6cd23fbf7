"""A private objective's verdict in words: its status (« atteint », « non atteint », « jugé par
le groupe ») and what was measured against what target (« Charges : 71,20 € / mois et par
logement (plafond 75 €) »). Used by the client (fiche, synthèse, closing) and the debrief.
Messages: `objective.*` in objectives.po.
"""

from __future__ import annotations

from ..core.kinds import ObjectiveDirection, ObjectiveKind, ObjectiveVerdict
from ..core.objectives import Verdict
from ..core.scenario import Scenario
from ..core.simulation import Trajectory
from . import N_
from .lang import Lang

K = ObjectiveKind
STATUS = {ObjectiveVerdict.MET: N_("objective.status.met"),
          ObjectiveVerdict.NOT_MET: N_("objective.status.not_met"),
          ObjectiveVerdict.JUDGED: N_("objective.status.judged")}


def status_word(lang: Lang, verdict: Verdict) -> str:
    return lang.t(STATUS[verdict.status])


def _euros(lang: Lang, x: float) -> str:
    return lang.money(x, cents=abs(x - round(x)) > 0.004)


def _space_name(sc: Scenario, sid: str) -> str:
    """The name of a space played (a part included) or of a space as written (one played as
    parts, which an objective names by its own id)."""
    space = sc.index("space").get(sid) or next((s for s in sc.spaces if s.id == sid), None)
    return space.name if space is not None else sid


def _places(lang: Lang, sc: Scenario, pairs: tuple[tuple[str | None, str], ...],
            place_only: bool = False) -> str:
    """« Laverie (Cour), Jardin partagé (Friche), Médiation de soirée », or only « Cour,
    Friche » (a service, on no space, is named by itself; with `place_only` it says no more than
    the use already named, and is left out)."""
    uses = sc.index("use")

    def use_name(u: str) -> str:
        return uses[u].name if u in uses else u
    return lang.join([(_space_name(sc, s) if place_only
                       else lang.t("objective.place", use=use_name(u), space=_space_name(sc, s)))
                      if s is not None else use_name(u)
                      for s, u in pairs if s is not None or not place_only])


def objective_measure(lang: Lang, sc: Scenario, traj: Trajectory, verdict: Verdict) -> str:
    """What was measured against the target, "" for an objective the group judges."""
    o, t = verdict.objective, lang.t
    got, target = verdict.measured, verdict.target
    inds, metiers = sc.index("indicator"), sc.index("metier")
    uses, rules = sc.index("use"), sc.index("rule")
    kind = o.kind
    if kind == K.INDICATOR:
        ind = inds.get(o.indicator or "")
        if ind is None or got is None or target is None:
            return ""
        unit = f" {ind.unit}" if ind.unit else ""
        key = N_("objective.target.at_most") if o.direction == ObjectiveDirection.AT_MOST \
            else N_("objective.target.at_least")
        return t("objective.measure.indicator", indicator=ind.name, value=lang.num(got, 1) + unit,
                 target=t(key, value=lang.num(target, 1) + unit))
    if kind == K.INDICATOR_CHANGE:
        ind = inds.get(o.indicator or "")
        if ind is None or got is None or target is None:
            return ""
        return t("objective.measure.indicator_change", indicator=ind.name,
                 start=lang.num(traj.start.indicators[ind.id], 1),
                 end=lang.num(traj.final.indicators[ind.id], 1),
                 gain=lang.num(got, 1, sign=True), target=lang.num(target, 1, sign=True))
    if kind == K.CHARGES_CEILING and got is not None and target is not None:
        return t("objective.measure.charges_ceiling", value=_euros(lang, got),
                 target=_euros(lang, target))
    if kind == K.CHARGES_RISE and got is not None and target is not None:
        return t("objective.measure.charges_rise", value=_euros(lang, traj.final.charges),
                 rise=lang.money(got, cents=True, sign=True), target=_euros(lang, target))
    if kind == K.WORKLOAD:
        m = metiers.get(o.metier or "")
        if m is None or got is None or target is None:
            return ""
        available = traj.final.workload[m.id][1]
        text = t("objective.measure.workload", metier=m.name, needed=lang.hours(got, 1),
                 available=lang.hours(available, 1))
        if o.margin_hours:
            text += " " + t("objective.measure.workload_margin", margin=lang.hours(o.margin_hours, 1))
        return text
    if kind == K.OVERLOAD and got is not None and target is not None:
        return t("objective.measure.overload", value=lang.percent(got / 100, 1),
                 target=lang.percent(target / 100, 1))
    if kind == K.INVESTMENT and got is not None and target is not None:
        key = N_("objective.measure.investment") if o.euros is not None \
            else N_("objective.measure.investment_budget")
        return t(key, value=lang.money(got), target=lang.money(target))
    if kind in (K.USE, K.NO_USE):
        what = lang.join([uses[u].name if u in uses else u for u in o.uses], "or") \
            or t("objective.any_use")
        if o.space is not None:
            what = t("objective.in_space", what=what, space=_space_name(sc, o.space))
        # one use named: where it runs says enough; several: which one, and where
        place_only = len(o.uses) == 1
        if verdict.found and place_only and (o.space is not None
                                             or all(s is None for s, _ in verdict.found)):
            return t("objective.use.running_here", what=what)  # the space is in `what`
        if verdict.found:
            return t("objective.use.running", what=what,
                     where=_places(lang, sc, verdict.found, place_only))
        if verdict.stopped:
            return t("objective.use.stopped", what=what,
                     where=_places(lang, sc, verdict.stopped, place_only))
        return t("objective.use.absent", what=what)
    if kind == K.EXPERIMENT_KEPT and got is not None:
        text = lang.n("objective.measure.experiments_kept", int(got), count=lang.num(o.count))
        if verdict.found:
            text += " " + t("objective.experiments.kept_list", where=_places(lang, sc, verdict.found))
        if verdict.stopped:
            text += " " + t("objective.experiments.stopped_list",
                            where=_places(lang, sc, verdict.stopped))
        return text
    if kind == K.RULE:
        what = t("objective.rule.name", rule=rules[o.rule].title if o.rule in rules else o.rule)
        if o.space is not None:
            what = t("objective.in_space", what=what, space=_space_name(sc, o.space))
        key = N_("objective.rule.adopted") if verdict.status == ObjectiveVerdict.MET \
            else N_("objective.rule.missing")
        return t(key, what=what)
    return ""
