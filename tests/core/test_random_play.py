"""Long random sessions of valid and invalid actions from random actors.

Whatever anyone sends, `decide` answers with events or a Rejection, never another exception;
`evolve` accepts every event `decide` made; the invariants hold (no orphan references, counts,
budget arithmetic); the log replays to the live state; every view loads back.
"""

from __future__ import annotations

import random

from helpers import PARTS_FILE
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ilot.game.core import Actor, Rejection, decide, evolve, load_scenario, new_state, open_session, state_hash
from ilot.game.core.actions import action_type
from ilot.game.core.decide import RULES
from ilot.game.core.events import CURRENT_VERSIONS
from ilot.game.core.kinds import Subject
from ilot.game.core.scenario import ROLE_KINDS

from .invariants import check_invariants, check_replay_and_views

PARTS = load_scenario(PARTS_FILE)

BAD = "zzz"
STEP = st.integers(0, 2**32 - 1)  # one number per step, expanded by Pick (cheap to generate)
# No shrinking: a choice tuple drives many later choices, so shrinking a 400-step run takes
# minutes and rarely helps; the failing run is printed and can be replayed with its blob.
SETTINGS = dict(deadline=None, database=None, print_blob=True,
                phases=[Phase.explicit, Phase.reuse, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


class Pick:
    """Turns one number into a dozen small choices for one step."""

    def __init__(self, seed: int):
        self.numbers = random.Random(seed).choices(range(1024), k=12)
        self.i = 0

    def n(self) -> int:
        self.i += 1
        return self.numbers[(self.i - 1) % len(self.numbers)]

    def one(self, items):
        items = list(items)
        return items[self.n() % len(items)] if items else BAD

    def chance(self, per_1024: int) -> bool:
        return self.n() < per_1024


def _objectives(sc) -> list[dict]:
    """Objectives a created character may be given: good ones, and some the rule refuses."""
    use = sc.uses[0]
    space = next(x for x in sc.play_spaces() if sc.use_fits(use, x))
    return [{"text": "Que le groupe m'écoute", "kind": "judged"},
            {"text": "Un usage", "kind": "use", "uses": [use.id], "space": space.id},
            {"text": "Charges", "kind": "charges_ceiling", "euros": 30},
            {"text": "Manque", "kind": "indicator"},  # needs indicator and target
            {"text": "Inconnu", "kind": "use", "uses": [BAD]},
            {"text": " "}, {"kind": "judged"}, {"text": "x", "extra": 1}]


OBJECTIVES: dict[str, list[dict]] = {}


def make_action(s, p: Pick, aid: str, actor: Actor) -> dict:
    OBJECTIVES.setdefault(s.scenario.id, _objectives(s.scenario))
    sc = s.scenario
    spaces = [x.id for x in sc.play_spaces()] + [BAD]
    uses = [x.id for x in sc.uses] + [BAD]
    space = p.one(spaces)

    def use_for(space_id):
        sp = sc.index("space").get(space_id)
        fits = [u.id for u in sc.uses if sp is not None and sc.use_fits(u, sp)]
        return p.one(fits) if fits and p.chance(800) else p.one(uses)

    pids = list(s.participants) + ["p999"]
    groups = list(s.groups) + ["g99"]
    proposals = list(s.proposals) + ["P0"]
    rounds = list(s.rounds) + ["R0"]
    text = p.one(["Une idée", "  ", "Plus de bancs dans la cour", "é" * 30])
    me = s.participants.get(actor.id) if actor.kind == "participant" else None
    in_phase = [action_type(k) for k, r in RULES.items() if r.phases and s.phase_kind in r.phases]
    if actor.kind == "newcomer" and p.chance(900):
        kind = "join"
    elif actor.kind == "trainer" and s.closed_at is not None and p.chance(600):
        kind = "reopen_session"  # a closed session refuses nearly everything: reopen it soon
    elif actor.kind == "trainer" and p.chance(300) and any(
            c.status == "draft" for c in s.characters.values()):
        kind = p.one(["character_review", "character_merge"])  # drafts reviewed as a trainer would
    elif me is not None and me.persona is None and p.chance(700):
        kind = "choose_persona"
    elif me is not None and p.chance(250) and any(r.closed_at is None for r in s.rounds.values()):
        kind = "take_position"
        rounds = [r.id for r in s.rounds.values() if r.closed_at is None]
    elif me is not None and in_phase and p.chance(600):
        kind = p.one(in_phase)
    else:
        kind = p.one([
            "join", "rename", "choose_persona", "write_expectation", "react_project",
            "comment_project", "add_note", "edit_note", "remove_note", "add_resource",
            "remove_resource", "cafe_note", "draft_place", "draft_clear", "argue", "propose",
            "withdraw", "merge_proposals", "amend", "decide_amendment", "simulation_playback",
            "take_position", "take_position", "schema_place", "schema_remove", "plan_add", "plan_edit",
            "plan_remove", "rule_add", "rule_remove", "evaluate", "set_phase", "set_phase",
            "set_phase", "set_timer", "set_lock", "form_groups", "move_member", "spotlight",
            "rotate_cafe", "open_round", "open_round", "close_round", "close_round",
            "finalise_plan", "ask_floor", "ask_floor", "withdraw_floor", "give_floor",
            "give_floor", "end_turn", "clear_floor", "close_session", "reopen_session", "show_invitation",
            "question_ask", "question_upvote", "question_upvote", "question_answer", "question_remove",
            "whoami_set", "whoami_set", "whoami_clear",
            "experience_share", "experience_share", "experience_pin", "experience_remove",
            "space_card_line", "space_card_line", "space_card_remove",
            "character_write", "character_edit", "character_review", "character_review",
            "character_merge", "character_remove", "persona_pool", "comment_remove", "cafe_note_remove",
            "garbage",
        ])
    a: dict = {"type": kind, "id": aid}
    if kind == "join" or kind == "rename":
        a["name"] = p.one(["Ana", " ", "Zoé", "x" * 130])
    elif kind == "choose_persona":
        a["persona"] = p.one([x.id for x in sc.personas] + [BAD] + list(s.characters) * 2)
    elif kind == "write_expectation":
        a["text"] = text
    elif kind in ("react_project", "comment_project"):
        a["project"] = p.one([x.id for x in sc.inspiring_projects] + list(s.experiences) + [BAD])
        if kind == "react_project":
            a["reaction"] = p.one(["inspire", "question", "doute", "none"])
        else:
            a["text"] = text
    elif kind == "add_note":
        a.update(space=space, kind=p.one(["force", "probleme", "idee"]), text=text,
                 enjeux=[p.one([e.id for e in sc.enjeux] + [BAD]) for _ in range(p.n() % 3)])
        if p.chance(300):
            a.update(x=float(p.n() - 200), y=float(p.n() * 3))
    elif kind in ("edit_note", "remove_note"):
        a["note"] = p.one(list(s.notes) + ["n0"])
        if kind == "edit_note":
            a.update(text=text, enjeux=[p.one([e.id for e in sc.enjeux])])
    elif kind == "add_resource":
        a.update(space=space, service="Service", use=p.one([None, use_for(space)]),
                 metier=p.one([None, BAD, *(m.id for m in sc.metiers)]))
    elif kind == "remove_resource":
        a["resource"] = p.one(list(s.resources) + ["r0"])
    elif kind == "cafe_note":
        a.update(table=p.one([t.id for t in sc.cafe_themes] + [BAD]), text=text)
    elif kind == "draft_place":
        a.update(space=space, use=use_for(space), why=text)
    elif kind == "draft_clear":
        gid = s.group_of(actor.id) if me is not None else None
        drafted = list(s.groups[gid].draft) if gid else []
        a["space"] = p.one(drafted) if drafted and p.chance(700) else space
    elif kind == "argue":
        a.update(group=p.one(groups), stance=p.one(["pour", "contre", "question"]), text=text)
    elif kind == "propose":
        a.update(title="Proposition", text=p.one(["", "Texte"]),
                 placements={sp: use_for(sp) for sp in {p.one(spaces) for _ in range(p.n() % 3)}})
        if p.chance(250):
            a["from_group"] = p.one(groups)
    elif kind == "withdraw":
        a["proposal"] = p.one(proposals)
    elif kind == "merge_proposals":
        open_ = [x.id for x in s.proposals.values() if x.status == "open"
                 and (actor.kind == "trainer" or x.author == actor.id)]
        pool = open_ if len(open_) >= 2 and p.chance(600) else proposals  # a merge that can work
        a.update(proposals=[p.one(pool) for _ in range(2 + p.n() % 2)], title="Fusion")
    elif kind == "amend":
        target = s.proposals.get(p.one(proposals))
        placed = list(target.placements) if target else []
        a.update(proposal=target.id if target else "P0", text="Amendement",
                 add={sp: use_for(sp) for sp in {p.one(spaces) for _ in range(p.n() % 2)}},
                 remove=[p.one(placed + [BAD])] if p.chance(400) else [])
    elif kind == "decide_amendment":
        mine = [m.id for m in s.amendments.values()
                if m.status == "pending" and s.proposals[m.proposal].author == actor.id]
        a.update(amendment=p.one(mine if mine and p.chance(700) else list(s.amendments) + ["m0"]),
                 accept=p.chance(600))
    elif kind == "take_position":
        options = [o.id for o in sc.consent.options]  # agreement half the time, as in a session
        a.update(round=p.one(rounds), option=options[0] if p.chance(500) else p.one(options + [BAD]),
                 reason=p.one(["", "Parce que", "  "]))
    elif kind == "schema_place":
        adopted = [(sp, u) for sp, us in s.adopted_placements().items() for u in sorted(us)]
        if adopted and p.chance(700):
            sp, u = p.one(adopted)
        else:
            sp = space
            u = use_for(sp)
        a.update(space=sp, use=u, year=1 + p.n() % 3)
    elif kind == "schema_remove":
        a["space"] = p.one(list(s.schema) + [space])
    elif kind in ("plan_add", "plan_edit"):
        sp = p.one([None, space])
        a.update(what="Action", lead=p.one([*ROLE_KINDS, *(m.id for m in sc.metiers), BAD]),
                 quarter=1 + p.n() % 12, cost=float(p.n() * 50), payer=p.one(["bailleur", "charges"]),
                 space=sp, use=p.one([None, use_for(sp) if sp else p.one(uses)]),
                 experiment=p.chance(300), criteria="Critère")
        if kind == "plan_edit":
            a["item"] = p.one(list(s.plan) + ["i0"])
    elif kind == "plan_remove":
        a["item"] = p.one(list(s.plan) + ["i0"])
    elif kind == "rule_add":
        a.update(rule=p.one([r.id for r in sc.rules] + [BAD]), space=p.one([None, space]))
    elif kind == "rule_remove":
        a["entry"] = p.one(list(s.charter) + ["e0"])
    elif kind == "barometre_place":
        a.update(statement=p.one([b.id for b in sc.barometre] + [BAD]), level=p.n() % 7,
                 real_role=p.one([None, "tenant", "field_staff", "manager", "other", BAD]))
    elif kind == "evaluate":
        a["answers"] = {p.one([q.id for q in sc.evaluation] + [BAD]): 1 + p.n() % 5}
    elif kind == "set_phase":
        a["phase"] = p.n() % (len(sc.phases) + 1)
        if p.chance(300) and any(c.status == "approved" for c in s.characters.values()):
            # the next persona choice, as a trainer moves on once characters are approved
            a["phase"] = next((i for i, ph in enumerate(sc.phases) if ph.persona_choice), a["phase"])
    elif kind == "set_timer":
        a.update(seconds=p.one([None, 60.0, 0.0]), paused=p.chance(300))
    elif kind == "set_lock":
        a["locked"] = p.chance(200)
    elif kind == "show_invitation":
        a["shown"] = p.chance(600)
    elif kind == "simulation_playback":
        a["command"] = p.one(["play", "pause", "step", "back", "seek", "reset"])
        a["quarter"] = p.one([None, 0, 5, 12])
    elif kind == "form_groups":
        count = 1 + p.n() % 4
        a["count"] = count
        if p.chance(300):
            members = list(s.participants)
            a["groups"] = [members[i::count] for i in range(count)]
            if p.chance(200):
                a["groups"][0] = a["groups"][0] + ["p999"]
    elif kind == "move_member":
        a.update(participant=p.one(pids), group=p.one(groups))
    elif kind == "spotlight":
        a["group"] = p.one([None, *groups])
    elif kind in ("open_round", "close_round"):
        if kind == "open_round":
            a["subject"] = p.one(["charter", "final_plan", "vote", *(str(Subject.of_proposal(x)) for x in proposals)])
        else:
            a["round"] = p.one(rounds)
    elif kind == "finalise_plan":
        a["items"] = [p.one(list(s.plan) + ["i0"]) for _ in range(p.n() % 4)]
    elif kind == "give_floor":
        if p.chance(300):
            a["participant"] = p.one(pids)
    elif kind == "question_ask":
        a["text"] = p.one([text, "x" * 301])
    elif kind in ("question_upvote", "question_answer", "question_remove"):
        a["question"] = p.one(list(s.questions) + ["q0"])
    elif kind == "whoami_set":
        a.update(real_role=p.one(["tenant", "field_staff", "manager", "other", BAD]),
                 organisation=p.one(["", "Paris Habitat", "x" * 81]),
                 sentence=p.one([text, "", "x" * 201]))
    elif kind == "whoami_clear":
        a["participant"] = p.one(list(s.whoami) + pids)
    elif kind == "experience_share":
        mine = [x.id for x in s.experiences.values() if x.author == actor.id]
        a.update(experience=p.one([None, None, *mine, "x0"]), title=p.one([text, "t" * 81]),
                 where=p.one(["", "Montreuil"]), worked=text, did_not=p.one(["", "Rien"]),
                 figures=p.one([[], ["40 foyers", " "], ["a", "b", "c"]]))
    elif kind in ("experience_pin", "experience_remove"):
        a["experience"] = p.one(list(s.experiences) + ["x0"])
        if kind == "experience_pin":
            a["pinned"] = p.one([True, False])
    elif kind == "space_card_line":
        parents = [x.id for x in sc.spaces]
        a.update(space=p.one([space, space, *parents, BAD]), text=p.one([text, "x" * 301]),
                 notes=[p.one(list(s.cafe_notes) + ["k0"]) for _ in range(p.n() % 3)])
        if p.chance(400):
            a["line"] = p.one(list(s.space_cards) + ["sc0"])
    elif kind == "space_card_remove":
        a["line"] = p.one(list(s.space_cards) + ["sc0"])
    elif kind in ("character_write", "character_edit"):
        good = OBJECTIVES[sc.id][:3]
        if p.chance(700):  # well formed: only the state may refuse it
            a.update(name="Mme Diallo", role=p.one(ROLE_KINDS), age="72 ans", bio="Retraitée",
                     portrait="p07", objectives=[p.one(good) for _ in range(p.n() % 3)])
        else:
            a.update(name=p.one(["Mme Diallo", " ", "x" * 61, "Jo"]),
                     role=p.one([*ROLE_KINDS, BAD]), age=p.one(["", "72 ans", "x" * 31]),
                     situation=p.one(["", "retraitée, seule au 4e"]), bio=text,
                     needs=p.one(["", "un banc à l'ombre"]), portrait=p.one(["p01", "p24", "P1"]),
                     objectives=[p.one(OBJECTIVES[sc.id]) for _ in range(p.n() % 4)])
        ids = list(s.characters) + ["ch0"]
        if kind == "character_edit":
            a["character"] = p.one(ids)
        else:
            a["character"] = p.one([None, None, *ids])
            a["coauthors"] = [p.one(pids) for _ in range(p.n() % 5)]
    elif kind in ("character_review", "character_remove"):
        a["character"] = p.one(list(s.characters) + ["ch0"])
        if kind == "character_review":
            a.update(decision=p.one(["approve", "approve", "send_back", BAD]),
                     comment=p.one(["", "Trop proche de Fatima", "x" * 301]))
    elif kind == "character_merge":
        ids = list(s.characters) + ["ch0"]
        a["characters"] = list(dict.fromkeys(p.one(ids) for _ in range(p.n() % 4 + 1)))
        a["into"] = p.one(a["characters"] or ids)
    elif kind == "comment_remove":
        a["comment"] = p.one(list(s.comments) + ["c0"])
    elif kind == "cafe_note_remove":
        a["note"] = p.one(list(s.cafe_notes) + ["k0"])
    elif kind == "persona_pool":
        a["scenario"] = p.chance(600)
    elif kind == "garbage":
        return p.one([{"type": "add_note", "id": aid, "space": 3}, {"type": ["x"]}, {},
                      {"type": "set_phase", "id": aid, "phase": "x"},
                      {"type": "join", "id": aid, "name": "A", "extra": True}])
    return a


def actor_for(s, p: Pick) -> Actor:
    pids = list(s.participants)
    choice = p.n() % 20
    if choice < 11 and pids:
        return Actor.participant(p.one(pids))
    if choice < 16:
        return Actor.trainer()
    if choice < 18:
        return Actor.newcomer()
    if choice < 19:
        return Actor.spectator()
    return p.one([Actor.participant("p999"), Actor("ghost", "g"), Actor.participant("")])


def play(scenario, steps) -> None:
    s = new_state(scenario)
    events = [open_session(scenario, 99, 0.0)]
    evolve(s, events[0])
    accepted = rejected = 0
    recent: list[str] = []
    for i, numbers in enumerate(steps):
        p = Pick(numbers)
        actor = actor_for(s, p)
        aid = p.one(recent) if recent and p.chance(60) else f"a{i}"
        recent = (recent + [aid])[-10:]
        action = make_action(s, p, aid, actor)
        before = state_hash(s) if i % 7 == 0 else None
        try:
            new = decide(s, actor, action, float(i + 1))
        except Rejection:
            rejected += 1
            if before is not None:
                assert state_hash(s) == before, "a rejected action changed the state"
            continue
        for e in new:
            assert e.seq == s.seq + 1
            evolve(s, e)
            events.append(e)
        accepted += 1
        if i % 100 == 99:
            check_invariants(s)
    check_invariants(s)
    check_replay_and_views(s, events)
    assert accepted + rejected == len(steps)
    return s, events


@settings(max_examples=100, **SETTINGS)
@given(steps=st.lists(STEP, min_size=200, max_size=400))
def test_random_sessions_on_the_rich_scenario(rich, steps):
    play(rich, steps)


@settings(max_examples=40, **SETTINGS)
@given(steps=st.lists(STEP, min_size=200, max_size=300))
def test_random_sessions_on_the_short_scenario(short, steps):
    play(short, steps)


@settings(max_examples=20, **SETTINGS)
@given(steps=st.lists(STEP, min_size=200, max_size=300))
def test_random_sessions_with_a_space_in_parts_and_levels(steps):
    """The short scenario with a friche of capacity 3, a basement and a roof."""
    play(PARTS, steps)


def test_fixed_runs_reach_every_kind_of_event(rich):
    """Fixed random runs (the same everywhere) that, together, produce every kind of event."""
    types: set[str] = set()
    adopted = 0
    visited: set[int] = set()
    for seed in range(80):
        rng = random.Random(seed)
        state, events = play(rich, [rng.getrandbits(32) for _ in range(400)])
        types |= {e.type for e in events}
        adopted += sum(1 for r in state.rounds.values() if r.adopted)
        visited |= {e.data["phase"] for e in events if e.type == "phase_changed"}
    assert types == set(CURRENT_VERSIONS), sorted(set(CURRENT_VERSIONS) - types)
    assert visited == set(range(len(rich.phases))) and adopted > 0
