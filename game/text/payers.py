"""Payers as people read them: the landlord and the charges in the game's own words, any other
funder of the scenario (`payers`: the city, a subsidy…) by its name.

    payer_name(sc, "ville", lang)                   →  "Ville de Montreuil"
    cost_by(sc, "charges", "600 €", lang, COST_BY)  →  "600 € sur les charges"
    paid_by(sc, "bailleur", lang, PAID_BY)          →  "Payé par le bailleur" (a choice in a form)

`words` maps the built-in payers ("bailleur", "charges") to the interface's own messages (the
client's `ui.cost_*` / `ui.payer_*`); a payer the scenario names is said with its name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.scenario import Scenario
    from .lang import Lang


def payer_name(sc: Scenario, pid: str, lang: Lang) -> str:
    """The scenario's name for `pid`, else the game's word (« bailleur »), else the id."""
    funder = sc.index("payer").get(pid)
    if funder is not None and funder.name.strip():
        return funder.name
    key = f"term.payer.{pid}"
    return lang.t(key) if lang.has(key) else pid


def cost_by(sc: Scenario, pid: str, cost: str, lang: Lang, words: Mapping[str, str]) -> str:
    """« 12 000 € payés par le bailleur » / « 600 € sur les charges » / « … payés par : Ville »."""
    if pid in words and pid not in sc.index("payer"):
        return lang.t(words[pid], cost=cost)
    return lang.t("sim.cost_by", cost=cost, payer=payer_name(sc, pid, lang))


def paid_by(sc: Scenario, pid: str, lang: Lang, words: Mapping[str, str]) -> str:
    """The choice of a payer in a form: « Payé par le bailleur », « Sur les charges »,
    « Payé par : Ville de Montreuil »."""
    if pid in words and pid not in sc.index("payer"):
        return lang.t(words[pid])
    return lang.t("sim.paid_by", payer=payer_name(sc, pid, lang))
