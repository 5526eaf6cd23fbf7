"""The baromètre in the report: per statement, how many answered and the mean level before
(accueil) and after (synthèse), with the count at each level. Anonymous, like on the screens."""

from __future__ import annotations

from ilot.game.core.kinds import BarometreRound
from ilot.game.core.state import State
from ilot.game.text import Lang


def _levels(state: State, rnd: str, statement: str) -> list[int]:
    """How many at each level 1..5 in one round."""
    out = [0] * 5
    for key, n in state.barometre_tally.items():
        r, st, _role, level = key.split("/")
        if r == rnd and st == statement:
            out[int(level) - 1] += n
    return out


def _cell(lang: Lang, levels: list[int]) -> str:
    n = sum(levels)
    if not n:
        return "—"
    mean = sum((i + 1) * k for i, k in enumerate(levels)) / n
    return lang.n("report.barometre_cell", n, mean=lang.num(mean, 1),
                  levels=" · ".join(lang.num(k) for k in levels))


def barometre_rows(state: State, lang: Lang) -> list[list[str]]:
    """[statement, before, after] for each statement of the scenario (none: no rows)."""
    return [[st.text, _cell(lang, _levels(state, BarometreRound.BEFORE, st.id)),
             _cell(lang, _levels(state, BarometreRound.AFTER, st.id))]
            for st in state.scenario.barometre]
