"""Payers as people read them: the landlord and the charges in the game's own words, any other
funder of the scenario (`payers`: the city, a subsidy…) by its name.

    payer_name(sc, "ville", lang)          →  "Ville de Montreuil"
    cost_by(sc, "charges", "600 €", lang)  →  "600 € sur les charges"
    paid_by(sc, "bailleur", lang)          →  "Payé par le bailleur" (a choice in a form)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import N_

if TYPE_CHECKING:
    from ..core.scenario import Scenario
    from .lang import Lang

# the built-in payers' words (kinds.Payer), as before the scenario could name others
COST_BY = {"bailleur": N_("ui.cost_bailleur"), "charges": N_("ui.cost_charges")}
PAID_BY = {"bailleur": N_("ui.payer_bailleur"), "charges": N_("ui.payer_charges")}


def payer_name(sc: Scenario, pid: str, lang: Lang) -> str:
    """The scenario's name for `pid`, else the game's word (« bailleur »), else the id."""
    funder = sc.index("payer").get(pid)
    if funder is not None and funder.name.strip():
        return funder.name
    key = f"term.payer.{pid}"
    return lang.t(key) if lang.has(key) else pid


def _named(sc: Scenario, pid: str) -> bool:
    return pid in sc.index("payer") or pid not in COST_BY


def cost_by(sc: Scenario, pid: str, cost: str, lang: Lang) -> str:
    """« 12 000 € payés par le bailleur » / « 600 € sur les charges » / « … payés par : Ville »."""
    if not _named(sc, pid):
        return lang.t(COST_BY[pid], cost=cost)
    return lang.t("sim.cost_by", cost=cost, payer=payer_name(sc, pid, lang))


def paid_by(sc: Scenario, pid: str, lang: Lang) -> str:
    """The choice of a payer in a form: « Payé par le bailleur », « Sur les charges »,
    « Payé par : Ville de Montreuil »."""
    if not _named(sc, pid):
        return lang.t(PAID_BY[pid])
    return lang.t("sim.paid_by", payer=payer_name(sc, pid, lang))
