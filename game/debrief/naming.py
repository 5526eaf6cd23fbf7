"""How the debrief names a participant: by display name (the trainer's version), or, in the
shareable version, by character and real-life role only (« Mme Benali (Locataire) »), so the
report can go to participants and their managers without anybody's name.

One table, participant id -> shown name, built here and used everywhere the report or the
replay prints a person (positions, proposals, questions, café notes, experience cards…).
"""

from __future__ import annotations

from ilot.game.core.state import State
from ilot.game.text import Lang


def shown_names(state: State, lang: Lang, share: bool = False) -> dict[str, str]:
    """participant id -> how to name them; `share`: character (the one played last) and
    real-life role (their « qui suis-je » card), never the display name."""
    if not share:
        return {pid: p.name for pid, p in state.participants.items()}
    out: dict[str, str] = {}
    unnamed = 0
    for pid, p in state.participants.items():
        last = p.persona or (p.past_personas[-1] if p.past_personas else None)
        persona = state.persona(last)
        card = state.whoami.get(pid)
        role = lang.t(f"term.real_role.{card.real_role}") if card else ""
        if persona and role:
            out[pid] = lang.t("share.who.character_role", character=persona.name, role=role)
        elif persona:
            out[pid] = persona.name
        elif role:
            out[pid] = role
        else:
            unnamed += 1
            out[pid] = lang.t("share.who.nobody", n=lang.num(unnamed))
    return _told_apart(out, lang)


def _told_apart(names: dict[str, str], lang: Lang) -> dict[str, str]:
    """Two people who played one character (and share a real-life role) get « (1) », « (2) »…
    in joining order, so a table of positions never shows one name for two people."""
    seen: dict[str, list[str]] = {}
    for pid, name in names.items():
        seen.setdefault(name, []).append(pid)
    out = dict(names)
    for name, pids in seen.items():
        if len(pids) > 1:
            for k, pid in enumerate(pids, 1):
                out[pid] = lang.t("share.who.numbered", name=name, n=lang.num(k))
    return out
