"""Side panels, one per phase kind, plus the trainer console."""

from __future__ import annotations

from .accueil import AccueilPanel, ProjetsPanel
from .characters_board import CharactersBoardPanel
from .console import ConsolePanel
from .deliberation import DeliberationPanel
from .diagnosis import CafePanel, EtatPanel, RessourcesPanel
from .groups import AteliersPanel, MiseEnCommunPanel
from .intervention import InterventionPanel
from .plan_action import PlanPanel
from .planning import ConsensusPanel, SchemaPanel, SynthesePanel

PANELS = {
    "accueil": AccueilPanel,
    "projets": ProjetsPanel,
    "etat_des_lieux": EtatPanel,
    "intervention": InterventionPanel,
    "ressources": RessourcesPanel,
    "world_cafe": CafePanel,
    "personnages": CharactersBoardPanel,
    "ateliers": AteliersPanel,
    "mise_en_commun": MiseEnCommunPanel,
    "deliberation": DeliberationPanel,
    "schema_directeur": SchemaPanel,
    "plan_action": PlanPanel,
    "consensus_final": ConsensusPanel,
    "synthese": SynthesePanel,
}

__all__ = ["PANELS", "ConsolePanel"]
