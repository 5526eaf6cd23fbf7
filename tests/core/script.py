"""A scripted, deterministic full session of the short scenario (petit_ilot).

Used to write the golden log (`make_golden.py`) and by tests that need a realistic log: six
players of the three roles go through every phase with notes, proposals, a merge, amendments,
consent rounds (one blocked, with its reason), the schéma directeur, an action plan with an
experiment, the charter of rules and its round, the final plan round and evaluations.
"""

from __future__ import annotations

from helpers import Session

from ilot.game.core.kinds import Subject
from ilot.game.core.scenario import Scenario

START = 1_767_600_000.0  # a fixed clock so the log is the same on every run
STEP = 7.0


def play_short_session(scenario: Scenario, seed: int | None = None) -> Session:
    s = Session(scenario, seed=seed, now=START)
    s.now = START

    def act(who, action):
        s.now += STEP
        return s.act(who, action, now=s.now)

    def new_id(events, key):
        return events[0].data[key]

    T = "trainer"
    # --- accueil ---
    act(T, {"type": "set_phase", "phase": 0})
    names = [("Mireille", "josiane"), ("Kevin", "karim"), ("Sandra", "sylvie"),
             ("Youssef", "yanis"), ("Hélène", "helene"), ("Arnaud", "antoine")]
    p = []
    for name, persona in names:
        s.now += STEP
        pid = s.act("newcomer", {"type": "join", "name": name}, now=s.now)[0].data["participant"]
        act(pid, {"type": "choose_persona", "persona": persona})
        p.append(pid)
    jo, ka, sy, ya, he, an = p
    act(an, {"type": "rename", "name": "Arnaud D."})
    for pid, text in zip(p, ["Comprendre le point de vue des habitants",
                             "Savoir monter une concertation",
                             "Parler des charges sans tabou",
                             "Que les gardiens soient écoutés",
                             "Repartir avec un plan réaliste",
                             "Découvrir le world café"], strict=False):
        act(pid, {"type": "write_expectation", "text": text})
    act(T, {"type": "set_timer", "seconds": 600})
    act(T, {"type": "set_lock", "locked": True})
    act(T, {"type": "set_lock", "locked": False})

    # --- état des lieux ---
    act(T, {"type": "set_phase", "phase": 1})
    notes = []
    for pid, space, kind, text, enjeux in [
        (jo, "ancienne_loge", "idee", "En faire une salle pour l'amicale", ["lien_social"]),
        (ka, "caves", "probleme", "Les vélos sont volés dans les caves", ["proprete"]),
        (sy, "hall", "probleme", "Le hall est sale après le week-end", ["proprete"]),
        (ya, "cour", "force", "Une grande cour bien exposée", ["lien_social", "participation"]),
        (he, "pieds", "probleme", "Dépôts sauvages au pied de l'immeuble", ["proprete", "cout_charges"]),
        (an, "cour", "idee", "Un jardin partagé avec l'école", ["participation"]),
        (jo, "cour", "probleme", "Bruit des jeux sous les fenêtres", ["lien_social"]),
    ]:
        notes.append(new_id(act(pid, {"type": "add_note", "space": space, "kind": kind,
                                      "text": text, "enjeux": enjeux}), "note"))
    act(sy, {"type": "edit_note", "note": notes[2], "text": "Le hall est sale le lundi matin",
             "enjeux": ["proprete", "cout_charges"]})
    act(jo, {"type": "remove_note", "note": notes[6]})
    act(T, {"type": "form_groups", "count": 2})

    # --- délibération ---
    act(T, {"type": "set_phase", "phase": 2})
    pa = new_id(act(jo, {"type": "propose", "title": "Salle et vélos",
                         "text": "Rouvrir l'ancienne loge et sécuriser les vélos",
                         "placements": {"ancienne_loge": "salle_associative",
                                        "caves": "velos_securise"}}), "proposal")
    k1 = new_id(act(ka, {"type": "propose", "title": "Jardin",
                         "placements": {"cour": "jardin_partage"}}), "proposal")
    k2 = new_id(act(ka, {"type": "propose", "title": "Verdure",
                         "placements": {"pieds": "vegetalisation"}}), "proposal")
    pc = new_id(act(sy, {"type": "propose", "title": "Composteur",
                         "placements": {"pieds": "composteur"}}), "proposal")
    pk = new_id(act(ka, {"type": "merge_proposals", "proposals": [k1, k2],
                         "title": "Cour et pieds d'immeuble verts"}), "proposal")
    act(sy, {"type": "withdraw", "proposal": pc})
    r1 = new_id(act(T, {"type": "open_round", "subject": str(Subject.of_proposal(pa))}), "round")
    for pid, option, reason in [(jo, "accord", ""), (ka, "accord", ""), (sy, "abstention", ""),
                                (ya, "blocage", "Personne pour ouvrir et fermer la salle"),
                                (he, "accord", ""), (an, "desaccord", "Coût trop élevé")]:
        act(pid, {"type": "take_position", "round": r1, "option": option, "reason": reason})
    act(T, {"type": "close_round", "round": r1})
    m1 = new_id(act(ya, {"type": "amend", "proposal": pa,
                         "text": "Ajouter un composteur géré par le gardien",
                         "add": {"pieds": "composteur"}}), "amendment")
    m2 = new_id(act(an, {"type": "amend", "proposal": pa, "text": "Retirer les vélos",
                         "remove": ["caves"]}), "amendment")
    act(jo, {"type": "decide_amendment", "amendment": m1, "accept": True})
    act(jo, {"type": "decide_amendment", "amendment": m2, "accept": False})
    r2 = new_id(act(T, {"type": "open_round", "subject": str(Subject.of_proposal(pa))}), "round")
    for pid, option, reason in [(jo, "accord", ""), (ka, "accord", ""), (sy, "accord", ""),
                                (ya, "accord", "Levé : le gardien tient les clés"),
                                (he, "abstention", ""), (an, "desaccord", "Toujours cher")]:
        act(pid, {"type": "take_position", "round": r2, "option": option, "reason": reason})
    act(T, {"type": "close_round", "round": r2})
    r3 = new_id(act(T, {"type": "open_round", "subject": str(Subject.of_proposal(pk))}), "round")
    for pid in p:
        act(pid, {"type": "take_position", "round": r3, "option": "accord"})
    act(T, {"type": "close_round", "round": r3})

    # --- schéma directeur ---
    act(T, {"type": "set_phase", "phase": 3})
    act(he, {"type": "schema_place", "space": "ancienne_loge", "use": "salle_associative", "year": 1})
    act(ka, {"type": "schema_place", "space": "caves", "use": "velos_securise", "year": 1})
    act(sy, {"type": "schema_place", "space": "pieds", "use": "composteur", "year": 1})
    act(an, {"type": "schema_place", "space": "cour", "use": "jardin_partage", "year": 2})
    act(ka, {"type": "schema_place", "space": "caves", "use": "velos_securise", "year": 2})
    act(sy, {"type": "schema_remove", "space": "pieds"})
    act(jo, {"type": "schema_place", "space": "pieds", "use": "vegetalisation", "year": 3})

    # --- plan d'action ---
    act(T, {"type": "set_phase", "phase": 4})
    items = []
    for pid, item in [
        (he, {"what": "Rénover l'ancienne loge en salle", "lead": "manager", "quarter": 2,
              "cost": 12000, "payer": "bailleur", "space": "ancienne_loge",
              "use": "salle_associative"}),
        (ka, {"what": "Local vélos fermé dans les caves", "lead": "gardien", "quarter": 5,
              "cost": 9000, "payer": "bailleur", "space": "caves", "use": "velos_securise"}),
        (an, {"what": "Jardin partagé à l'essai", "lead": "resident", "quarter": 5,
              "cost": 8000, "payer": "bailleur", "space": "cour", "use": "jardin_partage",
              "experiment": True, "criteria": "Cohésion +3 et usage +3 en six mois"}),
        (sy, {"what": "Formation des gardiens à la médiation", "lead": "gardien", "quarter": 3,
              "cost": 1500, "payer": "charges"}),
        (jo, {"what": "Réunion de l'amicale", "lead": "resident", "quarter": 1, "cost": 0,
              "payer": "bailleur"}),
    ]:
        items.append(new_id(act(pid, {"type": "plan_add", **item}), "item"))
    act(an, {"type": "plan_edit", "item": items[2], "what": "Jardin partagé à l'essai",
             "lead": "resident", "quarter": 6, "cost": 8000, "payer": "bailleur", "space": "cour",
             "use": "jardin_partage", "experiment": True,
             "criteria": "Cohésion +3 et usage +3 en six mois"})
    act(jo, {"type": "plan_remove", "item": items[4]})
    e1 = new_id(act(sy, {"type": "rule_add", "rule": "referent_cles", "space": "ancienne_loge",
                         "note": "Les clés chez la gardienne, un cahier de prêt"}), "entry")
    act(he, {"type": "rule_add", "rule": "menage_hall", "space": "hall"})
    e3 = new_id(act(an, {"type": "rule_add", "rule": "horaires_cour"}), "entry")
    act(an, {"type": "rule_remove", "entry": e3})
    rc = new_id(act(T, {"type": "open_round", "subject": "charter"}), "round")
    for pid in p:
        act(pid, {"type": "take_position", "round": rc, "option": "accord"})
    act(T, {"type": "close_round", "round": rc})
    assert e1 in s.state.charter
    act(T, {"type": "finalise_plan", "items": items[:4]})
    rf = new_id(act(T, {"type": "open_round", "subject": "final_plan"}), "round")
    for pid, option, reason in [(jo, "accord", ""), (ka, "accord", ""), (sy, "accord", ""),
                                (ya, "accord", ""), (he, "accord", ""),
                                (an, "desaccord", "La formation devrait être payée par le bailleur")]:
        act(pid, {"type": "take_position", "round": rf, "option": option, "reason": reason})
    act(T, {"type": "close_round", "round": rf})

    # --- synthèse ---
    act(T, {"type": "set_phase", "phase": 5})
    questions = [q.id for q in scenario.evaluation]
    for i, pid in enumerate(p):
        act(pid, {"type": "evaluate", "answers": {q: 1 + (i + j) % 5 for j, q in enumerate(questions)},
                  "comment": "Très utile" if i % 2 else ""})
    return s
