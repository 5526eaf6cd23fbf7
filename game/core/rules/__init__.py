"""The rules of every phase, one module per part of the session.

Each module declares its rules and evolvers in its own `ruleset`; the tables `decide` and
`evolve` use are built here, explicitly, from this list of modules (a second rule for one action
class, or evolver for one event type, is refused).
"""

from __future__ import annotations

from . import (
    accueil,
    barometre,
    characters,
    deliberation,
    diagnosis,
    experiences,
    floor,
    groups,
    moderation,
    planning,
    playback,
    questions,
    session,
    spacecards,
    whoami,
)
from .registry import build

MODULES = (session, accueil, diagnosis, groups, deliberation, planning, floor, playback, barometre,
           questions, whoami, experiences, spacecards, characters,
           moderation)

RULES, EVOLVERS = build(m.ruleset for m in MODULES)

__all__ = ["EVOLVERS", "MODULES", "RULES"]
