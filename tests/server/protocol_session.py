"""A scripted session on a real server with the reference client (examples/) as one participant.

The trainer steers the phases of the rich scenario, two participants and the reference client
act in each (proposals, amendments, rounds, groups, the floor, questions, characters…), and the
reference client is cut once and rejoins with its token and `last_seq`. Every action must be
acknowledged: a reject fails the session with its code, so the script cannot silently do less.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

from ilot.game.net import protocol

from .conftest import ROOT, act, join, set_phase, trainer


def load_reference_client() -> Any:
    """examples/reference_client.py as a module (it is not a package of the project)."""
    path = ROOT / "examples" / "reference_client.py"
    spec = importlib.util.spec_from_file_location("reference_client", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["reference_client"] = mod
    spec.loader.exec_module(mod)
    return mod


async def ok(conn, action: dict[str, Any]) -> dict:
    reply = await act(conn, action)
    assert reply["t"] == protocol.ACK, (action, reply)
    return reply


class Ref:
    """The reference client with a record of every message it sent and received."""

    def __init__(self, client: Any):
        self.c = client
        self.received: list[dict[str, Any]] = []
        self.sent: list[dict[str, Any]] = []

    async def connect(self) -> dict[str, Any]:
        self.sent.append(self.c.hello())
        welcome = await self.c.connect()
        self.received.append(welcome)
        return welcome

    async def read_until(self, pred, timeout: float = 5.0) -> dict[str, Any]:
        while True:
            msg = await self.c.recv(timeout)
            self.received.append(msg)
            if pred(msg):
                return msg

    async def ok(self, action: dict[str, Any]) -> dict[str, Any]:
        aid = await self.c.act(action)
        self.sent.append({"t": "act", "a": {**action, "id": aid}})
        reply = await self.read_until(lambda m: m["t"] in ("ack", "reject") and m.get("id") == aid)
        assert reply["t"] == "ack", (action, reply)
        return reply

    async def synced(self, seq: int) -> None:
        if self.c.seq < seq:
            await self.read_until(lambda m: self.c.seq >= seq)


async def session(srv, scenario) -> tuple[Ref, Ref, dict[str, Any]]:
    """Play the script; returns the reference client as a participant and as a trainer (both
    still connected, synced to the last event) and the other connections (`trainer`, `a`, `b`,
    and `spectator`: the reference client as a spectator)."""
    mod = load_reference_client()
    t = await trainer(srv)
    ref_t = Ref(mod.Client(srv.url, srv.room, trainer_code=srv.trainer_code))
    await ref_t.connect()
    ref_s = Ref(mod.Client(srv.url, srv.room, spectator=True))
    await ref_s.connect()
    a = await join(srv, "Awa", "aurelie")
    b = await join(srv, "Bruno", "odette")
    ref = Ref(mod.Client(srv.url, srv.room, name="Réf", persona="fatima"))
    await ref.connect()
    me = ref.c.you["id"]
    pa, pb = a.welcome["you"]["id"], b.welcome["you"]["id"]

    # accueil
    await ok(a, {"type": "write_expectation", "text": "Comprendre la concertation"})
    await ref.ok({"type": "write_expectation", "text": "Apprendre"})
    await ok(a, {"type": "whoami_set", "real_role": "tenant", "organisation": "Amicale",
                 "sentence": "Locataire depuis 12 ans"})
    await ref.ok({"type": "whoami_set", "real_role": "manager"})
    await ok(a, {"type": "whoami_set", "real_role": "field_staff"})
    await ok(a, {"type": "barometre_place", "statement": "habitants_associes", "level": 2})
    await ok(a, {"type": "barometre_place", "statement": "habitants_associes", "level": 4})
    await ref.ok({"type": "barometre_place", "statement": "habitants_associes", "level": 5})
    await ok(b, {"type": "rename", "name": "Bruno D."})
    await ok(t, {"type": "set_timer", "seconds": 600, "paused": False})
    await ok(t, {"type": "set_timer", "seconds": 300, "paused": True})
    await ok(t, {"type": "show_invitation", "shown": True})

    # projets
    await set_phase(t, scenario, "projets")
    await ok(a, {"type": "react_project", "project": "chaudronneries", "reaction": "inspire"})
    await ref.ok({"type": "react_project", "project": "chaudronneries", "reaction": "doute"})
    await ok(a, {"type": "react_project", "project": "chaudronneries", "reaction": "none"})
    c1 = await ok(a, {"type": "comment_project", "project": "chaudronneries", "text": "Bien"})
    x = await ok(b, {"type": "experience_share", "title": "Jardin", "where": "Montreuil",
                     "figures": ["40 foyers", ""]})
    xid = f"x{x['seq']}"
    await ok(b, {"type": "experience_share", "experience": xid, "title": "Jardin partagé"})
    await ok(t, {"type": "experience_pin", "experience": xid})
    await ok(a, {"type": "react_project", "project": xid, "reaction": "question"})
    await ok(a, {"type": "comment_project", "project": xid, "text": "Combien ?"})
    x2 = await ok(a, {"type": "experience_share", "title": "Compost"})
    await ok(b, {"type": "comment_project", "project": f"x{x2['seq']}", "text": "Oui"})
    await ok(t, {"type": "experience_remove", "experience": f"x{x2['seq']}"})
    await ok(t, {"type": "comment_remove", "comment": f"c{c1['seq']}"})

    # état des lieux
    await set_phase(t, scenario, "etat_des_lieux")
    n1 = await ok(a, {"type": "add_note", "space": "hall_a", "kind": "probleme",
                      "text": "Sombre", "enjeux": ["lien_social"], "x": 999.0, "y": -3.0})
    await ok(a, {"type": "edit_note", "note": f"n{n1['seq']}", "text": "Très sombre",
                 "enjeux": [], "kind": "idee"})
    n2 = await ref.ok({"type": "add_note", "space": "cour", "kind": "force", "text": "Arbres",
                       "enjeux": []})
    await ok(t, {"type": "remove_note", "note": f"n{n2['seq']}"})

    # intervention: questions, and the floor
    await set_phase(t, scenario, "intervention")
    q1 = await ok(a, {"type": "question_ask", "text": "Qui paie ?"})
    q2 = await ok(b, {"type": "question_ask", "text": "Et le gardien ?"})
    await ok(b, {"type": "question_upvote", "question": f"q{q1['seq']}"})
    await ref.ok({"type": "question_upvote", "question": f"q{q1['seq']}"})
    await ok(b, {"type": "question_upvote", "question": f"q{q1['seq']}"})
    await ok(t, {"type": "question_answer", "question": f"q{q1['seq']}"})
    await ok(t, {"type": "question_remove", "question": f"q{q2['seq']}"})
    await ok(a, {"type": "ask_floor"})
    await ref.ok({"type": "ask_floor"})
    await ok(b, {"type": "ask_floor"})
    await ok(b, {"type": "withdraw_floor"})
    await ok(t, {"type": "give_floor"})
    await ok(t, {"type": "give_floor", "participant": pb})
    await ok(b, {"type": "end_turn"})
    await ok(a, {"type": "ask_floor"})
    await ok(t, {"type": "clear_floor"})

    # the reference client is cut here and rejoins after a few events
    await ref.c.close()
    await ok(t, {"type": "set_lock", "locked": True})
    await ok(t, {"type": "set_lock", "locked": False})

    # ressources
    await set_phase(t, scenario, "ressources")
    await ref.connect()
    assert "events" in ref.received[-1], "a short cut is caught up with events"
    r = await ok(a, {"type": "add_resource", "space": "loge", "service": "gardien",
                     "metier": "gardien", "text": "Permanence"})
    await ok(a, {"type": "remove_resource", "resource": f"r{r['seq']}"})
    await ok(a, {"type": "add_resource", "space": "hall_a", "service": "menage"})

    # world café: tables are the café themes, a participant at themes[(index + rotation) % n]
    await set_phase(t, scenario, "world_cafe")
    themes = [th.id for th in scenario.cafe_themes]
    k1 = await ok(a, {"type": "cafe_note", "table": themes[0], "text": "Se parler"})
    await ok(t, {"type": "rotate_cafe"})
    k2 = await ref.ok({"type": "cafe_note", "table": themes[3], "text": "Les jeunes"})
    await ok(t, {"type": "space_card_line", "space": "cour", "text": "Lien",
                 "notes": [f"k{k1['seq']}", f"k{k2['seq']}"]})
    await ok(t, {"type": "cafe_note_remove", "note": f"k{k1['seq']}"})
    late = await join(srv, "Chloé", "marc")  # a participant_joined the others see

    # personnages
    await set_phase(t, scenario, "personnages")
    ch = await ok(a, {"type": "character_write", "name": "Mme Diallo", "role": "resident",
                      "age": "72 ans", "portrait": "p07", "coauthors": [pb],
                      "objectives": [{"text": "Un banc", "kind": "judged"}]})
    cid = f"ch{ch['seq']}"
    await ok(b, {"type": "character_write", "character": cid, "name": "Mme Diallo",
                 "role": "resident", "bio": "Veuve", "portrait": "p07"})
    ch2 = await ok(b, {"type": "character_write", "name": "M. Roux", "role": "caretaker",
                       "portrait": "p02"})
    ch3 = await ok(b, {"type": "character_write", "name": "Lou", "role": "resident",
                       "portrait": "p03"})
    cid2, cid3 = f"ch{ch2['seq']}", f"ch{ch3['seq']}"
    await ok(t, {"type": "character_review", "character": cid2, "decision": "send_back",
                 "comment": "Plus de détails"})
    await ok(b, {"type": "character_write", "character": cid2, "name": "M. Roux",
                 "role": "caretaker", "situation": "Gardien", "portrait": "p02"})
    await ok(t, {"type": "character_edit", "character": cid, "name": "Mme Diallo",
                 "role": "manager", "portrait": "p08"})
    await ok(t, {"type": "character_merge", "characters": [cid, cid3], "into": cid})
    await ok(t, {"type": "character_review", "character": cid, "decision": "approve"})
    await ok(t, {"type": "character_remove", "character": cid2})
    await ok(t, {"type": "persona_pool", "scenario": False})
    await ok(t, {"type": "persona_pool", "scenario": True})
    sc = await ok(t, {"type": "space_card_line", "space": "cour", "text": "Trop de voitures",
                      "notes": []})
    await ok(t, {"type": "space_card_line", "line": f"sc{sc['seq']}", "space": "jardin",
                 "text": "Des voitures", "notes": []})
    sc2 = await ok(t, {"type": "space_card_line", "space": "cour", "text": "Doublon", "notes": []})
    await ok(t, {"type": "space_card_remove", "line": f"sc{sc2['seq']}"})

    # ateliers: a new persona choice, groups and drafts
    await set_phase(t, scenario, "ateliers")
    await ok(b, {"type": "choose_persona", "persona": cid})
    await ok(t, {"type": "character_edit", "character": cid, "name": "Mme Diallo",
                 "role": "resident", "portrait": "p08"})
    await ok(a, {"type": "choose_persona", "persona": "aurelie"})
    await ref.ok({"type": "choose_persona", "persona": "samir"})
    await ok(t, {"type": "form_groups", "count": 2, "groups": [[pa, me], [pb]]})
    await ok(a, {"type": "draft_place", "space": "cour", "use": "jardin_partage", "why": "Ombre"})
    await ref.ok({"type": "draft_place", "space": "jardin", "use": "composteur"})
    await ref.ok({"type": "draft_clear", "space": "jardin"})
    await ok(b, {"type": "draft_place", "space": "hall_a", "use": "boite_livres"})
    await ok(t, {"type": "form_groups", "count": 2, "groups": [[pa, me], [pb]],
                 "keep_drafts": True})
    await ok(t, {"type": "move_member", "participant": me, "group": "g2"})
    await ok(t, {"type": "spotlight", "group": "g1"})

    # mise en commun
    await set_phase(t, scenario, "mise_en_commun")
    await ok(b, {"type": "argue", "group": "g1", "stance": "pour", "text": "Oui"})
    await ok(t, {"type": "spotlight", "group": None})

    # délibération: proposals, amendments, a merge, rounds
    await set_phase(t, scenario, "deliberation")
    p1 = await ok(a, {"type": "propose", "title": "Jardin", "placements": {"cour": "jardin_partage"},
                      "from_group": "g1"})
    P1 = f"P{p1['seq']}"
    m1 = await ok(b, {"type": "amend", "proposal": P1, "text": "Plus",
                      "add": {"hall_a": "boite_livres"}, "remove": []})
    await ok(a, {"type": "decide_amendment", "amendment": f"m{m1['seq']}", "accept": True})
    m2 = await ok(b, {"type": "amend", "proposal": P1, "text": "Sans jardin", "add": {},
                      "remove": ["cour"]})
    await ok(t, {"type": "decide_amendment", "amendment": f"m{m2['seq']}", "accept": False})
    p2 = await ref.ok({"type": "propose", "title": "Vélos",
                       "placements": {"local_velos": "velos_securise"}})
    p3 = await ref.ok({"type": "propose", "title": "Livres", "placements": {"hall_b": "boite_livres"}})
    merged = await ok(t, {"type": "merge_proposals", "proposals": [f"P{p2['seq']}", f"P{p3['seq']}"],
                          "title": "Vélos et livres"})
    p4 = await ok(b, {"type": "propose", "title": "Rien", "placements": {"square": "aire_jeux"}})
    await ok(b, {"type": "withdraw", "proposal": f"P{p4['seq']}"})
    r1 = await ok(t, {"type": "open_round", "subject": f"proposal:{P1}"})
    R1 = f"R{r1['seq']}"
    await ok(a, {"type": "take_position", "round": R1, "option": "desaccord", "reason": "Non"})
    await ok(a, {"type": "take_position", "round": R1, "option": "accord"})
    await ref.ok({"type": "take_position", "round": R1, "option": "abstention"})
    await ok(t, {"type": "close_round", "round": R1})
    r2 = await ok(t, {"type": "open_round", "subject": f"proposal:P{merged['seq']}"})
    await ok(b, {"type": "take_position", "round": f"R{r2['seq']}", "option": "blocage",
                 "reason": "Trop cher"})
    await ref.ok({"type": "take_position", "round": f"R{r2['seq']}", "option": "accord"})
    await ok(t, {"type": "close_round", "round": f"R{r2['seq']}"})

    # schéma directeur
    await set_phase(t, scenario, "schema_directeur")
    await ok(a, {"type": "schema_place", "space": "cour", "use": "jardin_partage", "year": 1})
    await ok(t, {"type": "schema_place", "space": "square", "use": "aire_jeux", "year": 2})
    await ok(t, {"type": "schema_remove", "space": "square"})
    await ok(t, {"type": "simulation_playback", "command": "play"})
    await ok(t, {"type": "simulation_playback", "command": "seek", "quarter": 5})

    # plan d'action
    await set_phase(t, scenario, "plan_action")
    i1 = await ok(a, {"type": "plan_add", "what": "Bacs", "lead": "resident", "quarter": 2,
                      "cost": 1500, "payer": "charges", "space": "cour", "use": "jardin_partage"})
    I1 = f"i{i1['seq']}"
    await ok(a, {"type": "plan_edit", "item": I1, "what": "Bacs en bois", "lead": "gardien",
                 "quarter": 3, "cost": 1800.5, "payer": "bailleur", "hours": 1.5})
    i2 = await ref.ok({"type": "plan_add", "what": "Réunion", "lead": "manager", "quarter": 1,
                       "cost": 0, "payer": "bailleur"})
    i3 = await ok(b, {"type": "plan_add", "what": "Rien", "lead": "resident", "quarter": 1,
                      "cost": 0, "payer": "bailleur"})
    await ok(b, {"type": "plan_remove", "item": f"i{i3['seq']}"})
    e1 = await ok(a, {"type": "rule_add", "rule": "registre_cles", "space": "loge", "note": "Oui"})
    await ok(a, {"type": "rule_add", "rule": "registre_cles"})
    r3 = await ok(t, {"type": "open_round", "subject": "charter"})
    await ok(a, {"type": "take_position", "round": f"R{r3['seq']}", "option": "accord"})
    await ok(t, {"type": "close_round", "round": f"R{r3['seq']}"})
    await ok(t, {"type": "rule_remove", "entry": f"e{e1['seq']}"})

    # consensus final
    await set_phase(t, scenario, "consensus_final")
    await ok(t, {"type": "finalise_plan", "items": [I1, f"i{i2['seq']}"]})
    r4 = await ok(t, {"type": "open_round", "subject": "final_plan"})
    for conn in (a, b):
        await ok(conn, {"type": "take_position", "round": f"R{r4['seq']}", "option": "accord"})
    await ref.ok({"type": "take_position", "round": f"R{r4['seq']}", "option": "accord"})
    await ok(t, {"type": "close_round", "round": f"R{r4['seq']}"})
    await ok(t, {"type": "plan_edit", "item": I1, "what": "Bacs", "lead": "gardien",
                 "quarter": 3, "cost": 1800.5, "payer": "bailleur"})

    # synthèse
    await set_phase(t, scenario, "synthese")
    await ok(a, {"type": "evaluate", "answers": {"objectifs": 4}, "comment": "Bien"})
    await ref.ok({"type": "evaluate", "answers": {"objectifs": 5, "methodes": 3}})
    await ref.ok({"type": "barometre_place", "statement": "habitants_associes", "level": 3})
    await ok(b, {"type": "barometre_place", "statement": "gardien_relais", "level": 1,
                 "real_role": "other"})
    await ok(t, {"type": "whoami_clear", "participant": pa})
    await ok(t, {"type": "simulation_playback", "command": "pause"})
    await ok(t, {"type": "close_session"})
    await ok(t, {"type": "reopen_session"})
    last = await ok(t, {"type": "show_invitation", "shown": False})
    await ref.synced(last["seq"])
    await ref_t.synced(last["seq"])
    await ref_s.synced(last["seq"])
    return ref, ref_t, {"trainer": t, "a": a, "b": b, "late": late, "spectator": ref_s}
