"""« mieux », « moins bien », « stable »: an indicator's change said in words, following the
indicator's direction (a rise of vacancy is « moins bien »), so the colour is never the only cue."""

from __future__ import annotations

from ..core.scenario import Indicator
from .lang import Lang

STEADY = 0.05  # a change smaller than this (after rounding to one decimal) is « stable »


def trend_word(lang: Lang, ind: Indicator, change: float) -> str:
    gain = ind.gain(change)
    key = "better" if gain >= STEADY else "worse" if gain <= -STEADY else "same"
    return lang.t(f"term.trend.{key}")


def with_unit(lang: Lang, ind: Indicator, value: float) -> str:
    """« 11,4 % », « 52 »: a value (one decimal at most) with the indicator's unit, when it has one."""
    return f"{lang.num(value, 1)}\u00a0{ind.unit}" if ind.unit else lang.num(value, 1)
