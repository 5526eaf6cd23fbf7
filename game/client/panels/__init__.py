"""Side panels, one per phase kind, plus the trainer console."""

from __future__ import annotations

from .accueil import AccueilPanel
from .characters import CharactersPanel
from .console import ConsolePanel
from .deliberation import DeliberationPanel
from .diagnosis import CafePanel, EtatPanel, RessourcesPanel
from .groups import AteliersPanel, MiseEnCommunPanel
from .intervention import InterventionPanel
from .plan_action import PlanPanel
from .planning import ConsensusPanel, SchemaPanel, SynthesePanel
from .projets import ProjetsPanel

PANELS = {
    "accueil": AccueilPanel,
    "projets": ProjetsPanel,
    "etat_des_lieux": EtatPanel,
    "intervention": InterventionPanel,
    "ressources": RessourcesPanel,
    "world_cafe": CafePanel,
    "ateliers": AteliersPanel,
    "mise_en_commun": MiseEnCommunPanel,
    "deliberation": DeliberationPanel,
    "schema_directeur": SchemaPanel,
    "plan_action": PlanPanel,
    "consensus_final": ConsensusPanel,
    "synthese": SynthesePanel,
    "personnages": CharactersPanel,
}

__all__ = ["PANELS", "ConsolePanel"]
