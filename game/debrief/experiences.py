"""The participants' own experience cards in the report: pinned first (the board's order), each
with its text, its reactions counted by kind and its comments. Authors are named: they chose to
share, and every screen showed their name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from ilot.game.core.kinds import Reaction
from ilot.game.core.rules.experiences import board
from ilot.game.core.state import State
from ilot.game.text import Lang

KINDS = (Reaction.INSPIRE, Reaction.QUESTION, Reaction.DOUTE)


def experience_cards(state: State, lang: Lang, names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """`names`: participant id -> shown name (naming.shown_names), the display names by default."""
    def name(pid: str) -> str:
        if names is not None:
            return names.get(pid, pid)
        p = state.participants.get(pid)
        return p.name if p else pid

    out = []
    for x in board(state):
        counts = Counter(state.reactions.get(x.id, {}).values())
        comments = sorted((c for c in state.comments.values() if c.project == x.id),
                          key=lambda c: c.t)
        out.append({
            "title": x.title, "where": x.where, "author": name(x.author), "pinned": x.pinned,
            "details": [(lang.t(key), text) for key, text in (
                ("ui.exp.carried_by", x.carried_by), ("ui.exp.worked", x.worked),
                ("ui.exp.did_not", x.did_not), ("ui.exp.figures", " · ".join(x.figures)))
                if text],
            "reactions": lang.join(f"{lang.t(f'term.reaction.{r}')} {lang.num(counts[r])}"
                                   for r in KINDS),
            "comments": [(name(c.author), c.text) for c in comments],
        })
    return out
