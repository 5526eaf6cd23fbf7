"""The group in the report, from the « qui suis-je » cards: per real-life role, how many and
from which organisations (the cards were public: their introduction to the group)."""

from __future__ import annotations

from ilot.game.core.kinds import RealRole
from ilot.game.core.state import State
from ilot.game.text import Lang


def group_rows(state: State, lang: Lang) -> list[list[str]]:
    """[real role, how many, organisations (each once, in the order given)] per role present;
    no cards: no rows."""
    rows = []
    for role in RealRole:
        cards = [w for w in state.whoami.values() if w.real_role == role]
        if not cards:
            continue
        orgs = list(dict.fromkeys(w.organisation for w in cards if w.organisation))
        rows.append([lang.t(f"term.real_role.{role}"), lang.num(len(cards)),
                     ", ".join(orgs) or "—"])
    return rows


def without_card(state: State) -> list[str]:
    """The names of those who wrote no card."""
    return [p.name for pid, p in state.participants.items() if pid not in state.whoami]
