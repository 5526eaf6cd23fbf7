"""The baromètre: each participant places themself on the scenario's statements at the accueil
(round "before") and again at the synthèse (round "after"); answers may change.

Answers are private to their author: every other screen knows only the anonymous counts per
statement × level × real-life role × round (`State.barometre_tally`, views.event_for).
"""

from __future__ import annotations

from ..actions import BarometrePlace
from ..events import BarometrePlaced, Event
from ..kinds import BarometreRound, PhaseKind, RealRole
from ..state import BarometreAnswer, State, barometre_key, tally_key
from .registry import Ctx, RuleSet

ruleset = RuleSet()

ROUND_OF_PHASE = {PhaseKind.ACCUEIL: BarometreRound.BEFORE, PhaseKind.SYNTHESE: BarometreRound.AFTER}


def declared_role(s: State, pid: str) -> RealRole | None:
    """The real-life role this participant gave with their latest answer (None: none yet)."""
    latest = max((a for a in s.barometre.values() if a.participant == pid),
                 key=lambda a: a.t, default=None)
    return None if latest is None else latest.real_role


@ruleset.rule(BarometrePlace, phases=(PhaseKind.ACCUEIL, PhaseKind.SYNTHESE), needs_persona=False)
def barometre_place(c: Ctx[BarometrePlace]) -> None:
    s, me = c.state, c.actor.id
    c.require(c.action.statement in s.scenario.index("statement"), "unknown_statement")
    rnd = ROUND_OF_PHASE[s.phase_kind]
    card = s.whoami.get(me)  # the role decided here is written into the event (replay-safe)
    role = c.action.real_role or (card.real_role if card else None) or declared_role(s, me) \
        or RealRole.OTHER
    old = s.barometre.get(barometre_key(rnd, me, c.action.statement))
    if old is not None and old.level == c.action.level and old.real_role == role:
        return
    c.emit(BarometrePlaced(c.action.statement, rnd, c.action.level, role,
                           None if old is None else old.level,
                           None if old is None else old.real_role))


@ruleset.evolver(BarometrePlaced)
def _placed(s: State, e: Event[BarometrePlaced]) -> None:
    d = e.payload
    tally = s.barometre_tally
    if d.previous is not None and d.previous_role is not None:
        old = tally_key(d.round, d.statement, d.previous_role, d.previous)
        tally[old] = tally.get(old, 0) - 1
        if tally[old] <= 0:
            del tally[old]
    new = tally_key(d.round, d.statement, d.real_role, d.level)
    tally[new] = tally.get(new, 0) + 1
    if e.by:  # an anonymous copy (another participant's answer) changes the counts only
        s.barometre[barometre_key(d.round, e.by, d.statement)] = BarometreAnswer(
            e.by, d.statement, d.round, d.level, d.real_role, e.t)
