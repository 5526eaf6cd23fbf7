"""Small ways of writing the debrief's values in a `Lang`, shared by the replay and the report."""

from __future__ import annotations

from datetime import datetime

from ilot.game.core.kinds import ProposalStatus
from ilot.game.text import Lang


def clock(lang: Lang, t: float, start: float) -> str:
    """A moment of the session: 'J1 09:45' / 'D1 09:45' (day counted from the session's first
    day, local time)."""
    day = (datetime.fromtimestamp(t).date() - datetime.fromtimestamp(start).date()).days + 1
    return lang.t("debrief.clock", day=lang.num(day), time=lang.time(t))


def signed(lang: Lang, x: float, digits: int = 0) -> str:
    """+2,4 / -1 / 0: a change, with its sign unless it rounds to nothing."""
    return lang.num(x, digits, sign=round(x, digits) != 0)


def signed_money(lang: Lang, x: float, *, cents: bool = False) -> str:
    """+3,50 € / -12 € / 0,00 €: a change of money, with its sign unless it rounds to nothing."""
    return lang.money(x, cents=cents, sign=round(x, 2 if cents else 0) != 0)


def cut(text: str, n: int) -> str:
    """`text` on one line, cut to `n` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def verdict(lang: Lang, adopted: bool | None, subject: str = "") -> str:
    """adoptée / non adoptée (a proposal, the charter), adopté / non adopté (the final plan)."""
    if subject == "final_plan":
        return lang.t("debrief.plan_adopted") if adopted else lang.t("debrief.plan_not_adopted")
    return lang.t("debrief.adopted") if adopted else lang.t("debrief.not_adopted")


def subject_status(lang: Lang, status: str, subject: str = "") -> str:
    """What became of a subject put to consent: adopted, not adopted (yet), withdrawn, merged."""
    if status in (ProposalStatus.ADOPTED, ProposalStatus.OPEN):
        return verdict(lang, status == ProposalStatus.ADOPTED, subject)
    key = f"term.proposal_status.{status}"
    return lang.t(key) if lang.has(key) else status
