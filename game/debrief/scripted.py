"""A deterministic scripted session: a plausible full session played through the core.

Used by the tests, the seek benchmark and `ilot log demo`. Participants join, choose characters,
write expectations, then every phase of the scenario is played with the actions it allows
(notes, reactions, café notes, drafts, proposals, amendments, consent rounds with blocks and
their reasons, schéma, plan items, charter, final round, evaluations). Some participants speak
much less than others, so "was everyone heard?" has an answer. `scale` multiplies the volume:
about 21 000 events for the rich scenario with 30 participants at scale 15.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import zip_longest
from typing import Any

from ilot.game.core.kinds import PhaseKind, ProposalStatus

from ..core.decide import Actor, decide
from ..core.events import Event
from ..core.evolve import evolve
from ..core.kinds import Subject
from ..core.rejections import Rejection
from ..core.rules.characters import choosable
from ..core.rules.questions import ranked
from ..core.rules.session import open_session
from ..core.scenario import Scenario
from ..core.space_card import suggested_lines
from ..core.state import State, new_state

DAY1 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC).timestamp()
FIRST_NAMES = ["Inès", "Hugo", "Chloé", "Mamadou", "Léa", "Julien", "Zoé", "Karim", "Élodie",
               "Thomas", "Aïcha", "Nicolas", "Manon", "Rachid", "Camille", "Yves", "Sarah",
               "Loïc", "Nadège", "Bruno", "Fanny", "Éric", "Salomé", "Paul", "Amina", "Cédric",
               "Maëlle", "Gaël", "Océane", "Jérôme"]
NOTE_TEXTS = {
    "force": ["Lieu très apprécié des enfants", "Le gardien connaît tout le monde",
              "Bel espace vert, ombragé l'été", "Passage fréquent, bonne visibilité"],
    "probleme": ["Encombrants déposés chaque semaine", "Éclairage en panne depuis l'hiver",
                 "Regroupements le soir, bruit", "Porte forcée, accès non contrôlé",
                 "Odeurs et sacs au sol"],
    "idee": ["Un jardin partagé avec l'amicale", "Ouvrir le local aux associations",
             "Des bancs et un point d'eau", "Une permanence du bailleur une fois par mois"],
}
BLOCK_REASONS = ["Les charges vont augmenter pour les locataires âgés sans contrepartie.",
                 "Personne n'est prévu pour l'entretien : ça retombera sur le gardien.",
                 "Le bruit le soir sous les fenêtres du bâtiment B."]


class Script:
    """Plays actions through decide/evolve; a refused action is simply skipped."""

    def __init__(self, scenario: Scenario, seed: int, start: float):
        self.sc = scenario
        self.state: State = new_state(scenario, seed)
        self.events: list[Event] = []
        self.t = start
        self._aid = 0
        self.rejections = 0
        self._apply([open_session(scenario, seed, start)])

    def _apply(self, events: list[Event]) -> list[Event]:
        for e in events:
            evolve(self.state, e)
        self.events.extend(events)
        return events

    def act(self, actor: Actor, action: dict[str, Any]) -> list[Event]:
        self._aid += 1
        try:
            out = decide(self.state, actor, {"id": f"a{self._aid}", **action}, self.t)
        except Rejection:
            self.rejections += 1
            return []
        return self._apply(out)

    def trainer(self, action: dict[str, Any]) -> list[Event]:
        return self.act(Actor.trainer(), action)


def scripted_session(scenario: Scenario, participants: int = 12, scale: float = 1.0,
                     seed: int = 7, start: float = DAY1) -> list[Event]:
    """All events of a full scripted session (deterministic for the same arguments)."""
    return play(scenario, participants, scale, seed, start).events


def play(scenario: Scenario, participants: int = 12, scale: float = 1.0, seed: int = 7,
         start: float = DAY1) -> Script:
    rng = random.Random(seed)
    s = Script(scenario, seed, start)
    sc = scenario
    pids: list[str] = []
    for i in range(participants):
        name = FIRST_NAMES[i % len(FIRST_NAMES)] + ("" if i < len(FIRST_NAMES) else f" {i}")
        out = s.act(Actor.newcomer(), {"type": "join", "name": name})
        pids.append(out[0].data["participant"])
        s.t += rng.uniform(5, 40)
    # talkative and quiet people: the last participant barely speaks
    weights = [rng.choice([0.3, 1, 1, 2, 3]) for _ in pids]
    weights[-1] = 0.05
    actors = [Actor.participant(p) for p in pids]

    def who() -> Actor:
        return rng.choices(actors, weights)[0]

    clock = _Clock(s, sc, start)
    for index, phase in enumerate(sc.phases):
        clock.begin(index)
        s.trainer({"type": "set_phase", "phase": index})
        _choose_again(s, actors)
        units = max(4, int(scale * phase.minutes * len(pids) / 12))
        PHASES.get(phase.kind, _idle)(s, rng, actors, who, units, clock)
        if index < len(sc.phases) - 1:
            s.trainer({"type": "set_timer", "seconds": 300})
    return s


class _Clock:
    """Spreads a phase's actions over its minutes; days start at 9:00, lunch at 12:30."""

    def __init__(self, s: Script, sc: Scenario, start: float):
        self.s, self.sc, self.start = s, sc, start
        self.end = start
        self.day = sc.phases[0].day

    def begin(self, index: int) -> None:
        phase = self.sc.phases[index]
        t = max(self.s.t, self.end)
        if phase.day != self.day:
            t = self.start + (phase.day - 1) * 86400
            self.day = phase.day
        day_start = self.start + (phase.day - 1) * 86400
        if t - day_start >= 3.5 * 3600 and t - day_start < 4.5 * 3600:
            t = day_start + 4.5 * 3600  # lunch break
        self.s.t = t
        self.end = t + phase.minutes * 60

    def tick(self, units: int) -> None:
        """Advance by one unit's share of the phase, never past its end."""
        left = self.end - self.s.t
        self.s.t += max(0.05, left / max(units, 1))


# ----- phases -----
Phase = Callable[[Script, random.Random, list[Actor], Callable[[], Actor], int, _Clock], None]


def _accueil(s: Script, rng: random.Random, actors: list[Actor], who, units: int, clock) -> None:
    # the roles in turn (a resident, a caretaker, a manager, a resident…), so that even a small
    # group plays every role and the état des lieux crosses their views
    by_role = [[p for p in s.sc.personas if p.role == r] for r in dict.fromkeys(p.role for p in s.sc.personas)]
    personas = [p for row in zip_longest(*by_role) for p in row if p is not None]
    for i, a in enumerate(actors):
        for k in range(len(personas)):
            p = personas[(i + k) % len(personas)]
            if s.act(a, {"type": "choose_persona", "persona": p.id}):
                break
        clock.tick(units)
    for a in actors[:-1]:
        s.act(a, {"type": "write_expectation",
                  "text": rng.choice(["Comprendre les contraintes des gardiens",
                                      "Repartir avec une méthode de concertation",
                                      "Savoir monter une expérimentation",
                                      "Mieux travailler avec l'amicale des locataires"])})
        clock.tick(units)
    for _ in range(units):
        a = who()
        if rng.random() < 0.2:
            s.act(a, {"type": "rename", "name": f"{s.state.participants[a.id].name.split()[0]} {rng.randint(1, 9)}"})
        else:
            s.act(a, {"type": "write_expectation", "text": f"Mes attentes, version {rng.randint(2, 5)}"})
        clock.tick(units)


def _projets(s, rng, actors, who, units, clock) -> None:
    projects = [p.id for p in s.sc.inspiring_projects] or ["-"]
    for _ in range(units):
        a, proj = who(), rng.choice(projects)
        if rng.random() < 0.7:
            s.act(a, {"type": "react_project", "project": proj,
                      "reaction": rng.choice(["inspire", "question", "doute", "none"])})
        else:
            s.act(a, {"type": "comment_project", "project": proj,
                      "text": rng.choice(["À adapter chez nous", "Qui finance l'animation ?",
                                          "Très inspirant pour la cour"])})
        clock.tick(units)
    _experiences(s, actors)


EXPERIENCES = [
    {"title": "Un jardin partagé au pied des tours", "where": "Montreuil",
     "carried_by": "L'amicale et le gardien", "worked": "Un bac par cage d'escalier",
     "did_not": "Le local à outils sans clé", "figures": ["40 foyers inscrits"]},
    {"title": "Le local vélos rouvert", "where": "Villeurbanne", "carried_by": "Le bailleur",
     "worked": "Des arceaux et un badge", "did_not": "Les vols la première année",
     "figures": ["60 badges", "2 vols"]},
    {"title": "Une fête des voisins chaque saison", "where": "Rennes",
     "carried_by": "Trois habitantes", "worked": "Un repas partagé dans la cour",
     "did_not": "", "figures": []},
]


def _experiences(s, actors) -> None:
    """Three participants share a card of their own, the others react and comment, the
    trainer pins the first. Its own random draws: the rest of the script draws as before."""
    xr = random.Random(len(actors))
    for a, card in zip(actors, EXPERIENCES, strict=False):
        s.act(a, {"type": "experience_share", **card})
        s.t += 20
    cards = list(s.state.experiences)
    for a in actors:
        xid = xr.choice(cards)
        if s.state.experiences[xid].author == a.id:
            continue
        s.act(a, {"type": "react_project", "project": xid,
                  "reaction": xr.choice(["inspire", "inspire", "question", "doute"])})
        if xr.random() < 0.3:
            s.act(a, {"type": "comment_project", "project": xid,
                      "text": xr.choice(["Qui a payé ?", "On le tente chez nous",
                                         "Combien de temps pour lancer ?"])})
        s.t += 5
    if cards:
        s.trainer({"type": "experience_pin", "experience": cards[0]})


def _etat_des_lieux(s, rng, actors, who, units, clock) -> None:
    spaces = s.sc.play_spaces()
    enjeux = [e.id for e in s.sc.enjeux]
    mine: dict[str, list[str]] = {}
    for _ in range(units):
        a = who()
        r = rng.random()
        if r < 0.6 or not mine.get(a.id):
            kind = rng.choice(["force", "probleme", "probleme", "idee"])
            space = rng.choice(spaces)
            out = s.act(a, {"type": "add_note", "space": space.id, "kind": kind,
                            "text": rng.choice(NOTE_TEXTS[kind]),
                            "enjeux": rng.sample(enjeux, k=rng.randint(1, 2))})
            if out:
                mine.setdefault(a.id, []).append(out[0].data["note"])
        elif r < 0.9:
            s.act(a, {"type": "edit_note", "note": rng.choice(mine[a.id]),
                      "text": "Précision : " + rng.choice(NOTE_TEXTS["probleme"]),
                      "enjeux": rng.sample(enjeux, k=rng.randint(1, 3))})
        else:
            note = mine[a.id].pop(rng.randrange(len(mine[a.id])))
            s.act(a, {"type": "remove_note", "note": note})
        clock.tick(units)
    _divergence(s, actors, spaces, enjeux)


def _divergence(s: Script, actors: list[Actor], spaces: list, enjeux: list[str]) -> None:
    """Two roles see the same place opposite ways: a strength for a resident, a problem for a
    caretaker or a manager (the crossed issues then name a divergence)."""
    by_role: dict[str, Actor] = {}
    for a in actors:
        role = s.state.participants[a.id].role
        if role is not None:
            by_role.setdefault(role, a)
    others = [by_role[r] for r in ("caretaker", "manager") if r in by_role]
    if "resident" not in by_role or not others or not spaces or not enjeux:
        return
    # the place with the fewest notes so far, so the two views are not drowned by others
    used = Counter(n.space for n in s.state.notes.values())
    space, enjeu = min(spaces, key=lambda sp: used[sp.id]).id, enjeux[0]
    s.act(by_role["resident"], {"type": "add_note", "space": space, "kind": "force", "enjeux": [enjeu],
                                "text": "Les enfants y jouent en sécurité, on s'y retrouve"})
    s.act(others[0], {"type": "add_note", "space": space, "kind": "probleme", "enjeux": [enjeu],
                      "text": "Chaque lundi il faut tout nettoyer, personne n'en est responsable"})
    s.t += 30


QUESTIONS = ["Comment avez-vous convaincu le bailleur de rouvrir les locaux ?",
             "Qui tient les clés, au quotidien ?", "Combien coûte l'animation, et qui paie ?",
             "Comment les gardiens ont-ils été associés ?", "Que feriez-vous autrement ?"]


def _intervention(s, rng, actors, who, units, clock) -> None:
    """Questions to the speaker, upvotes (a few taken back), some marked answered."""
    for k in range(units):
        a = who()
        asked = [q for q in s.state.questions.values() if q.author != a.id]
        if k < 2 or rng.random() < 0.3 or not asked:
            s.act(a, {"type": "question_ask", "text": rng.choice(QUESTIONS)})
        else:
            s.act(a, {"type": "question_upvote", "question": rng.choice(asked).id})
        if k % 6 == 5:
            top = next((q for q in ranked(s.state) if not q.answered), None)
            if top is not None:
                s.trainer({"type": "question_answer", "question": top.id})
        clock.tick(units)


def _ressources(s, rng, actors, who, units, clock) -> None:
    sc = s.sc
    metiers = [m.id for m in sc.metiers]
    for _ in range(units):
        space = rng.choice(sc.play_spaces())
        uses = [u.id for u in sc.uses if sc.use_fits(u, space)]
        s.act(who(), {"type": "add_resource", "space": space.id,
                      "service": rng.choice(["Prêt d'outils", "Permanence", "Entretien partagé"]),
                      "use": rng.choice(uses) if uses else None, "metier": rng.choice(metiers)})
        clock.tick(units)


def _world_cafe(s, rng, actors, who, units, clock) -> None:
    themes = s.sc.cafe_themes
    per_rotation = max(1, units // max(1, len(themes)))
    for k in range(units):
        if k and k % per_rotation == 0:
            s.trainer({"type": "rotate_cafe"})
        a = who()
        table = s.state.cafe_table_of(a.id)
        if table:
            # a note names a space (the café talks about places), without another random draw
            place = s.sc.spaces[k % len(s.sc.spaces)].name if s.sc.spaces else ""
            s.act(a, {"type": "cafe_note", "table": table,
                      "text": rng.choice(["On garde l'idée du groupe précédent",
                                          "Attention aux charges", "Qui a les clés ?"])
                      + (f" — {place}" if place else "")})
        clock.tick(units)
    # the trainer files the notes under the spaces' cards (all of them, a few lines at a
    # time, as long as the cards have room), and rewords one line
    while True:
        lines = suggested_lines(s.state)
        filed = sum(bool(s.trainer({"type": "space_card_line", "space": space, "text": text,
                                    "notes": notes})) for space, text, notes in lines)
        if not filed:
            break
    if s.state.space_cards:
        first = next(iter(s.state.space_cards.values()))
        s.trainer({"type": "space_card_line", "line": first.id, "space": first.space,
                   "text": "Dit en plénière : " + first.text[:200], "notes": first.notes})


CHARACTERS = [
    {"name": "Mme Diallo", "role": "resident", "age": "67 ans", "situation": "Veuve, au 3e sans ascenseur",
     "bio": "Présidente de l'amicale depuis dix ans.", "needs": "Un lieu où se retrouver l'hiver",
     "portrait": "p1"},
    {"name": "Kevin", "role": "caretaker", "age": "29 ans", "situation": "Gardien depuis deux ans",
     "bio": "Connaît chaque famille du bâtiment B.", "needs": "Moins d'encombrants à sortir",
     "portrait": "p2"},
    {"name": "Mme Roussel", "role": "manager", "age": "45 ans", "situation": "Responsable de secteur",
     "bio": "Gère quatre résidences.", "needs": "Des charges maîtrisées", "portrait": "p3"},
]


def _personnages(s, rng, actors, who, units, clock) -> None:
    """Three participants write a character each (the second with a co-author); the trainer
    sends the first back once, its author rewrites it, then approves the three. The day-2
    choice (a phase with `persona_choice`) then offers them. No draw of the shared generator."""
    written = []
    for i, (a, card) in enumerate(zip(actors, CHARACTERS, strict=False)):
        co = [actors[i + 3].id] if i == 1 and len(actors) > i + 3 else []
        out = s.act(a, {"type": "character_write", **card, "coauthors": co})
        if out:
            written.append((a, out[0].data["character"]))
        clock.tick(units)
    if written:
        a, cid = written[0]
        s.trainer({"type": "character_review", "character": cid, "decision": "send_back",
                   "comment": "Précisez ce qui la ferait changer d'avis."})
        s.act(a, {"type": "character_write", "character": cid, **CHARACTERS[0],
                  "needs": "Un lieu où se retrouver l'hiver, sans payer plus de charges"})
    for _, cid in written:
        s.trainer({"type": "character_review", "character": cid, "decision": "approve"})
        clock.tick(units)


def _choose_again(s: Script, actors: list[Actor]) -> None:
    """After a new choice opened (`personas_reopened`), everyone picks again: the created
    characters first (as `choosable` lists them), else a persona of the scenario."""
    for a in actors:
        p = s.state.participants[a.id]
        if p.persona is not None or not p.past_personas:  # only those asked to choose again
            continue
        for pid in choosable(s.state):
            if s.act(a, {"type": "choose_persona", "persona": pid}):
                break


def _fits(sc: Scenario) -> list[tuple[str, str]]:
    return [(sp.id, u.id) for sp in sc.play_spaces() for u in sc.uses if sc.use_fits(u, sp)]


def _ensure_groups(s: Script, actors: list[Actor]) -> None:
    if not s.state.groups:
        s.trainer({"type": "form_groups", "count": max(2, min(5, len(actors) // 5)), "random": True})


def _ateliers(s, rng, actors, who, units, clock) -> None:
    _ensure_groups(s, actors)
    fits = _fits(s.sc)
    for _ in range(units):
        a = who()
        if rng.random() < 0.85:
            space, use = rng.choice(fits)
            s.act(a, {"type": "draft_place", "space": space, "use": use, "why": "Pour le voisinage"})
        else:
            gid = s.state.group_of(a.id)
            if gid and s.state.groups[gid].draft:
                s.act(a, {"type": "draft_clear", "space": rng.choice(sorted(s.state.groups[gid].draft))})
        clock.tick(units)


# what each stance says (three each: the same draws of the random generator as before)
ARGUMENTS = {
    "pour": ["Bonne idée pour les jeunes", "Ça crée du lien entre voisins", "Peu coûteux et réversible"],
    "contre": ["Trop cher pour les charges", "L'entretien retombera sur le gardien",
               "Le bruit gênera les riverains"],
    "question": ["Et l'entretien ?", "Qui garde les clés ?", "Combien ça coûte par ménage ?"],
}

def _mise_en_commun(s, rng, actors, who, units, clock) -> None:
    _ensure_groups(s, actors)
    groups = sorted(s.state.groups)
    per = max(1, units // len(groups))
    for k in range(units):
        if k % per == 0:
            s.trainer({"type": "spotlight", "group": groups[(k // per) % len(groups)]})
        author = who()
        stance = rng.choice(["pour", "contre", "question"])
        s.act(author, {"type": "argue", "group": s.state.spotlight or groups[0], "stance": stance,
                       "text": rng.choice(ARGUMENTS[stance])})
        clock.tick(units)
    s.trainer({"type": "spotlight", "group": None})


def _vote_round(s: Script, rng: random.Random, actors: list[Actor], subject: str,
                blockers: int, clock, units: int, lifting: frozenset[str] = frozenset()) -> bool | None:
    """One consent round: `blockers` block with a reason (never absent), `lifting` (who blocked
    the round before an accepted amendment) answer d'accord without a reason, the others as
    drawn (agreement and abstention without a reason, some disagreements with one)."""
    out = s.trainer({"type": "open_round", "subject": subject})
    if not out:
        return None
    rid = out[0].data["round"]
    order = list(actors)
    rng.shuffle(order)
    for i, a in enumerate(order):
        absent = rng.random() < 0.08  # drawn for everyone: the same draws whoever blocks
        if absent and i >= blockers and a.id not in lifting:
            continue  # absent from this round
        if i < blockers:
            pos = {"option": "blocage", "reason": rng.choice(BLOCK_REASONS)}
        else:
            pos = rng.choices([{"option": "accord"}, {"option": "abstention"},
                               {"option": "desaccord", "reason": "Je crains pour le budget."}],
                              [7, 2, 1])[0]
            if a.id in lifting:
                pos = {"option": "accord"}  # the amendment answered their block
        s.act(a, {"type": "take_position", "round": rid, **pos})
        clock.tick(units)
    closed = s.trainer({"type": "close_round", "round": rid})
    return closed[0].data["adopted"] if closed else None


def _blockers(s: Script, subject: str) -> frozenset[str]:
    """Who blocked the last closed round on `subject`."""
    rounds = [r for r in s.state.rounds.values() if str(r.subject) == subject and r.closed_at is not None]
    if not rounds:
        return frozenset()
    last = max(rounds, key=lambda r: r.number)
    return frozenset(pid for pid, p in last.positions.items() if p.option == "blocage")


def _deliberation(s, rng, actors, who, units, clock) -> None:
    sc = s.sc
    _ensure_groups(s, actors)
    fits = _fits(sc)
    proposals: list[str] = []
    for gid in sorted(s.state.groups):
        members = s.state.groups[gid].members
        if not members:
            continue
        placements = dict(rng.sample(fits, k=min(3, len(fits)))) if not s.state.groups[gid].draft else {}
        out = s.act(Actor.participant(members[0]), {
            "type": "propose", "title": f"Projet du Groupe {s.state.groups[gid].number}",
            "text": "Notre maquette", "from_group": gid, "placements": placements})
        if out:
            proposals.append(out[0].data["proposal"])
    n_cycles = max(1, units // (len(actors) * 3))
    for cycle in range(n_cycles):
        a = who()
        out = s.act(a, {"type": "propose", "title": f"Proposition {cycle + 1}",
                        "text": "Une idée de plus", "placements": dict([rng.choice(fits)])})
        if out:
            proposals.append(out[0].data["proposal"])
    if len(proposals) >= 3:
        p1, p2 = proposals[1], proposals[2]
        author = s.state.proposals[p1].author
        s.act(Actor.trainer(), {"type": "merge_proposals", "proposals": [p1, p2],
                                "title": "Proposition fusionnée", "text": ""})
        del author
    for i, pid in enumerate(sorted(p for p, prop in s.state.proposals.items() if prop.status == ProposalStatus.OPEN)):
        prop = s.state.proposals[pid]
        if i % 5 == 4:
            s.act(Actor.participant(prop.author), {"type": "withdraw", "proposal": pid})
            continue
        adopted = _vote_round(s, rng, actors, str(Subject.of_proposal(pid)), 1 if i % 2 == 0 else 0, clock, units)
        if adopted is False:
            amender = who()
            space, use = rng.choice(fits)
            # one placement more and, from a proposal of three or more, one less: the trace shows both
            drop = [sp for sp in sorted(prop.placements) if sp != space][:1] if len(prop.placements) >= 3 else []
            out = s.act(amender, {"type": "amend", "proposal": pid,
                                  "text": "Confier l'entretien à une régie de quartier",
                                  "add": {space: use}, "remove": drop})
            author = Actor.trainer() if prop.author == "trainer" else Actor.participant(prop.author)
            accepted = out and s.act(author, {
                "type": "decide_amendment", "amendment": out[0].data["amendment"], "accept": True})
            subject = str(Subject.of_proposal(pid))
            _vote_round(s, rng, actors, subject, 0, clock, units,
                        _blockers(s, subject) if accepted else frozenset())


def _schema(s, rng, actors, who, units, clock) -> None:
    adopted = sorted((sp, u) for sp, uses in s.state.adopted_placements().items() for u in sorted(uses))
    if not adopted:
        adopted = _fits(s.sc)[:3]
    for k in range(units):
        space, use = adopted[k % len(adopted)]
        actor = who() if k < units - len(adopted) else Actor.trainer()
        if rng.random() < 0.15 and space in s.state.schema:
            s.act(actor, {"type": "schema_remove", "space": space})
        else:
            s.act(actor, {"type": "schema_place", "space": space, "use": use,
                          "year": 1 + (k + len(space)) % 3})
        clock.tick(units)
    for space, use in adopted:  # what the group settled on
        if space not in s.state.schema:
            s.trainer({"type": "schema_place", "space": space, "use": use, "year": 2})


def _plan(s, rng, actors, who, units, clock, final_here: bool = False) -> None:
    sc = s.sc
    leads = ["resident", "caretaker", "manager"] + [m.id for m in sc.metiers]
    placed = sorted(s.state.schema.items())
    items: list[str] = []
    for k in range(units):
        a = who()
        r = rng.random()
        if (r < 0.45 and len(s.state.plan) < 60) or not items:
            if placed and rng.random() < 0.6:
                space, p = placed[k % len(placed)]
                use = sc.use(p.use)
                fields = {"what": f"Mettre en place : {use.name}", "space": space, "use": use.id,
                          "experiment": use.experiment is not None and rng.random() < 0.5,
                          "criteria": "Fréquentation et propreté après six mois",
                          "cost": float(use.investment), "quarter": (p.year - 1) * 4 + rng.randint(1, 4)}
            else:
                fields = {"what": rng.choice(["Former les gardiens à l'animation",
                                              "Réunion trimestrielle avec l'amicale",
                                              "Signalétique des espaces communs"]),
                          "cost": float(rng.choice([0, 1500, 4000])), "quarter": rng.randint(1, 12)}
            out = s.act(a, {"type": "plan_add", "lead": rng.choice(leads),
                            # the landlord twice as often; the scenario's other funders too
                            "payer": rng.choice(["bailleur", *sc.payer_ids()]), **fields})
            if out:
                items.append(out[0].data["item"])
        elif r < 0.8:
            item = s.state.plan.get(rng.choice(items))
            if item:
                s.act(a, {"type": "plan_edit", "item": item.id, "what": item.what, "lead": item.lead,
                          "quarter": min(12, item.quarter + rng.choice([0, 1])),
                          "cost": item.cost, "payer": item.payer, "space": item.space,
                          "use": item.use, "experiment": item.experiment, "criteria": item.criteria})
        elif r < 0.95 and sc.rules and len(s.state.charter) < 16:
            rule = rng.choice(sc.rules)
            spaces = [sp.id for sp in sc.play_spaces() if sp.kind in rule.applies_to]
            s.act(a, {"type": "rule_add", "rule": rule.id, "space": rng.choice(spaces) if spaces else None,
                      "note": "Proposé en atelier"})
        elif r >= 0.95 or len(s.state.charter) >= 16:
            mine = [e for e in s.state.charter.values() if e.author == a.id]
            if mine:
                s.act(a, {"type": "rule_remove", "entry": mine[0].id})
        clock.tick(units)
    if s.state.charter:
        _vote_round(s, rng, actors, "charter", 0, clock, units)
    if final_here:
        _final(s, rng, actors, clock, units)


def _final(s, rng, actors, clock, units) -> None:
    chosen = sorted(s.state.plan)[: min(40, max(1, (len(s.state.plan) * 2) // 3))]
    if not chosen:
        return
    s.trainer({"type": "finalise_plan", "items": chosen})
    if _vote_round(s, rng, actors, "final_plan", 1, clock, units) is False:
        s.trainer({"type": "finalise_plan", "items": chosen[:-1] or chosen})
        _vote_round(s, rng, actors, "final_plan", 0, clock, units)


def _plan_action(s, rng, actors, who, units, clock) -> None:
    final_here = not any(p.kind == PhaseKind.CONSENSUS_FINAL for p in s.sc.phases)
    _plan(s, rng, actors, who, units, clock, final_here)


def _consensus_final(s, rng, actors, who, units, clock) -> None:
    _plan(s, rng, actors, who, units // 2, clock)
    _final(s, rng, actors, clock, units)


def _synthese(s, rng, actors, who, units, clock) -> None:
    questions = [q.id for q in s.sc.evaluation]
    for _i, a in enumerate(actors[:-1]):
        s.act(a, {"type": "evaluate", "answers": {q: rng.randint(2, 5) for q in questions},
                  "comment": rng.choice(["", "Très utile de jouer le gardien.",
                                         "Il manquait du temps pour le plan d'action."])})
        clock.tick(len(actors))


def _idle(s, rng, actors, who, units, clock) -> None:
    pass


PHASES: dict[str, Phase] = {
    "accueil": _accueil, "projets": _projets, "personnages": _personnages, "etat_des_lieux": _etat_des_lieux,
    "intervention": _intervention, "ressources": _ressources, "world_cafe": _world_cafe, "ateliers": _ateliers,
    "mise_en_commun": _mise_en_commun, "deliberation": _deliberation, "schema_directeur": _schema,
    "plan_action": _plan_action, "consensus_final": _consensus_final, "synthese": _synthese,
}
