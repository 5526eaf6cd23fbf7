"""« Ma fiche »: a participant's character card over the side panel, in every phase.

The card says who the character is (name, role, métier, bio, what they care about) and their
private objectives, which the server sends to their player alone (`model.private_objectives`);
from the first planning phase on (`PLAN_KINDS`), it says whether the current plan meets each
objective in 3 years, with what was measured against the target. The header's « Ma fiche »
opens and closes it; a new phase closes it (the phase's panel comes back). Only a participant
with a character has one: the trainer and the shared screen never show private objectives.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIImage

from ilot.game.core.kinds import ObjectiveVerdict, PhaseKind
from ilot.game.core.objectives import Verdict
from ilot.game.core.scenario import Persona, Scenario
from ilot.game.core.simulation import Trajectory
from ilot.game.core.state import State
from ilot.game.palette import BAD, GOOD, NEUTRAL
from ilot.game.text import Lang
from ilot.game.text.objectives import STATUS, objective_measure

from ..context import ClientContext
from ..fonts import px
from ..pages.persona import authors_of
from ..portraits import face_of, portrait
from ..readmodels import my_objectives_met
from ..widgets import Form, Panel, bold, coloured, esc, italic

# the phases where the plan exists: from the first of them on, the card says whether it meets
# each objective
PLAN_KINDS = frozenset({PhaseKind.SCHEMA_DIRECTEUR, PhaseKind.PLAN_ACTION,
                        PhaseKind.CONSENSUS_FINAL, PhaseKind.SYNTHESE})
MET_COLOURS = {True: GOOD, False: BAD, None: NEUTRAL}
FACE = 72  # the portrait, beside the « back » button


def objective_line(lang: Lang, text: str, met: bool | None) -> str:
    """« • objective : atteint / non atteint / jugé par le groupe », the verdict in its colour."""
    word = {True: ObjectiveVerdict.MET, False: ObjectiveVerdict.NOT_MET,
            None: ObjectiveVerdict.JUDGED}[met]
    return "• " + lang.label(esc(text), coloured(MET_COLOURS[met], bold(lang.t(STATUS[word]))))


def objective_lines(lang: Lang, sc: Scenario, traj: Trajectory, mine: list[Verdict]) -> list[str]:
    """`objective_line` for each of my objectives, each followed by what was measured against
    its target (« Charges dans 3 ans : 71,20 € … (plafond : 75 €) »), when a number says it."""
    out = []
    for v in mine:
        out.append(objective_line(lang, v.objective.text, v.met))
        measure = objective_measure(lang, sc, traj, v)
        if measure:
            out.append("   " + italic(esc(measure)))
    return out


def fiche_open(ctx: ClientContext) -> bool:
    """The card is shown in place of the phase's panel."""
    return bool(ctx.memory("fiche").get("open")) and ctx.can_act


def show_fiche(ctx: ClientContext, shown: bool) -> None:
    """Open or close the card; the window swaps the side panel after the click."""
    ctx.memory("fiche")["open"] = shown


def plan_phases_reached(state: State) -> bool:
    """The session has reached its first planning phase (the plan can be measured)."""
    kinds = [p.kind for p in state.scenario.phases]
    first = next((i for i, k in enumerate(kinds) if k in PLAN_KINDS), None)
    return first is not None and state.phase >= first


def interests_line(scenario: Scenario, persona: Persona) -> str:
    """« Cohésion sociale ++, Charges locatives − … »: what the character cares about most."""
    names = scenario.index("indicator")
    parts = []
    for k, w in sorted(persona.interests.items(), key=lambda kv: -abs(kv[1])):
        if k in names:
            sign = "+" if w > 0 else "−"
            parts.append(f"{names[k].name} {sign * (2 if abs(w) >= 0.7 else 1)}")
    return ", ".join(parts)


class FichePanel(Panel):
    name = "fiche"
    readonly_ok = False

    def persona(self) -> Persona | None:
        me = self.model.my_participant
        if me is None or me.persona is None:
            return None
        return self.state.persona(me.persona)

    def signature(self) -> object:
        p = self.persona()
        return p.id if p is not None else None

    def build(self, form: Form) -> None:
        persona = self.persona()
        if persona is None:
            form.row([("close", self.lang.t("ui.fiche_back"))])
        else:  # the character's portrait, the button beside it
            face = px(FACE)
            form.register("face", UIImage(pygame.Rect(form.x, form.y, face, face),
                                          portrait(face_of(self.state, persona), face),
                                          self.ctx.ui, container=form.container))
            top, form.x, form.w = form.y, form.x + face + 8, form.w - face - 8
            form.y += (face - px(32)) // 2
            form.row([("close", self.lang.t("ui.fiche_back"))])
            form.x, form.w, form.y = form.x - face - 8, form.w + face + 8, top + face + form.GAP
        form.textbox("box", "")

    def content(self) -> str:
        s, m, lang = self.state, self.model, self.lang
        t = lang.t
        persona = self.persona()
        if persona is None:
            return italic(t("ui.fiche_none"))
        sc = s.scenario
        me = m.my_participant
        out = [bold(persona.name) + " — " + esc(sc.index("role")[persona.role].name)]
        if me is not None:
            out.append(italic(t("ui.fiche_played_by", name=me.name)))
        authors = authors_of(s, persona.id)  # a character created by participants
        if authors:
            out.append(italic(esc(t("ui.character.created_by", names=lang.join(authors)))))
        if persona.metier and persona.metier in sc.index("metier"):
            out.append(esc(lang.label(t("ui.fiche_metier"), sc.index("metier")[persona.metier].name)))
        out += ["", esc(persona.bio)]
        interests = interests_line(sc, persona)
        if interests:
            out.append(italic(lang.label(t("ui.interests"), interests)))
        out += ["", bold(t("ui.private_objectives"))]
        objectives = m.private_objectives
        if not objectives:
            out.append(italic(t("ui.fiche_no_objectives")))
            return "<br>".join(out)
        if not plan_phases_reached(s):
            out += [f"• {esc(str(o.get('text', '')))}" for o in objectives]
            out += ["", italic(t("ui.fiche_hint_later"))]
            return "<br>".join(out)
        traj = self.ctx.trajectory(s)
        out.append(italic(t("ui.fiche_with_plan")))
        out += objective_lines(lang, sc, traj, my_objectives_met(s, persona.id, objectives, traj))
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
        if key == "close":
            show_fiche(self.ctx, False)
