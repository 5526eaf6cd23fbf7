"""What bot participants do about created characters (the « personnages » phase), and how they
choose a character when a new choice opens.

Each bot writes one character: a role other than its own persona's when it can (playing someone
else's role is the point), one private objective that fits any scenario, a portrait of the
game's set (`p01`…`p24`) that fits its gender and age (`game/looks.py`), a name, situation and
lines that agree with that gender. A character sent back is written again (which makes it a
draft for the trainer to read once more). The names and texts are content, in French, as
participants of a French session would write them: not interface text.
"""

from __future__ import annotations

import random
from typing import Any

from ilot.game.core.kinds import CharacterStatus, RoleKind
from ilot.game.core.rules.characters import choosable
from ilot.game.core.scenario import ROLE_KINDS
from ilot.game.core.state import State
from ilot.game.looks import LOOKS

Action = dict[str, Any]
PORTRAITS = [f"p{i:02d}" for i in range(1, 25)]

# (feminine, masculine): names, situations and lines agree with the character's gender
FIRST = (["Awa", "Bernadette", "Chantal", "Élodie", "Gisèle", "Inès", "Karima", "Mireille", "Odile",
          "Rachida", "Thérèse"],
         ["Djamel", "Fabrice", "Hamid", "Jacques", "Lucien", "Nordine", "Pascal", "Serge", "Yacine"])
LAST = ["Diallo", "Martin", "Benali", "Lefèvre", "Nguyen", "Moreau", "Traoré", "Petit",
        "Haddad", "Roux", "Camara", "Fontaine"]
SITUATIONS = {
    RoleKind.RESIDENT: (["retraitée, seule au 4e du bâtiment A", "mère de trois enfants, au 2e",
                         "étudiante en colocation", "aide à domicile, horaires décalés"],
                        ["retraité, seul au 4e du bâtiment A", "père de trois enfants, au 2e",
                         "étudiant en colocation", "ancien ouvrier, membre de l'amicale"]),
    RoleKind.CARETAKER: (["gardienne depuis quinze ans, loge au rez-de-chaussée",
                          "agente d'entretien, à mi-temps sur deux îlots"],
                         ["gardien depuis quinze ans, loge au rez-de-chaussée",
                          "agent de proximité recruté l'an dernier"]),
    RoleKind.MANAGER: (["gestionnaire de secteur, 900 logements à suivre",
                        "chargée de développement social du bailleur"],
                       ["gestionnaire de secteur, 900 logements à suivre",
                        "responsable de site, arrivé il y a six mois"]),
}
BIOS = (["Connaît tout le monde et tout le monde la connaît.",
         "Se méfie des projets qui coûtent cher et ne durent pas.",
         "Voudrait que l'îlot redevienne un endroit où l'on s'arrête."],
        ["Connaît tout le monde et tout le monde le connaît.",
         "A déjà vu trois plans passer sans rien changer.",
         "Aime bricoler et rendre service."])
NEEDS = ["Un endroit abrité pour se retrouver en bas de chez soi.",
         "Des halls propres et des caves qui ferment.",
         "Un local pour ranger les vélos des enfants.",
         "Moins d'heures de ménage imprévues, des règles claires.",
         "Des charges qui n'augmentent pas."]
AGES = {"young": ["24 ans", "27 ans"], "mid": ["37 ans", "45 ans", "58 ans"], "old": ["67 ans", "74 ans"]}


def objective_for(s: State, role: RoleKind) -> dict[str, Any]:
    """One private objective that any scenario can judge."""
    if role == RoleKind.RESIDENT:
        return {"text": "Que les charges n'augmentent pas de plus de 5 € par mois et par logement.",
                "kind": "charges_rise", "euros": 5.0}
    if role == RoleKind.CARETAKER and s.scenario.metiers:
        m = s.scenario.metiers[0]
        return {"text": f"Que le métier « {m.name} » ne soit pas surchargé.", "kind": "workload",
                "metier": m.id}
    return {"text": "Que le plan reste dans le budget d'investissement.", "kind": "investment"}


def write_character(s: State, pid: str, rng: random.Random) -> Action | None:
    """The bot's character: a new one if it has none, its sent-back one written again."""
    mine = [ch for ch in s.characters.values() if pid in ch.authors]
    back = [ch for ch in mine if ch.status == CharacterStatus.SENT_BACK]
    if mine and not back:
        return None
    me = s.participants[pid]
    others = [r for r in ROLE_KINDS if r != me.role] or list(ROLE_KINDS)
    role = back[0].role if back else rng.choice(others)
    g = rng.randrange(2)  # 0: a woman, 1: a man
    fits = [p for p, look in LOOKS.items() if look[0] == "fm"[g]] or PORTRAITS
    used = {ch.portrait for ch in s.characters.values()}
    portrait = rng.choice([p for p in fits if p not in used] or fits)  # a face not shown yet
    action: Action = {
        "type": "character_write", "name": f"{rng.choice(FIRST[g])} {rng.choice(LAST)}",
        "role": str(role), "age": rng.choice(AGES[LOOKS.get(portrait, ("", "mid"))[1] or "mid"]),
        "situation": rng.choice(SITUATIONS[role][g]), "bio": rng.choice(BIOS[g]),
        "needs": rng.choice(NEEDS), "objectives": [objective_for(s, role)], "portrait": portrait}
    if back:
        action.update(character=back[0].id, name=back[0].name, portrait=back[0].portrait)
    return action


def choose_again(s: State, pid: str, rng: random.Random) -> Action | None:
    """After a new choice opened: a created character (not one's own when others are free),
    else a scenario persona."""
    free = choosable(s)
    created = [c for c in free if c in s.characters]
    others = [c for c in created if pid not in s.characters[c].authors]
    pick = others or created or free
    return {"type": "choose_persona", "persona": rng.choice(pick)} if pick else None
