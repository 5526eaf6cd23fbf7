"""Benchmark: how fast a long event log is rebuilt into a state (target ≥ 100 000 events/s).

Builds a realistic two-day log on the rich scenario through the real `decide` → `evolve` path
(30 players; notes, comments, café notes, drafts, arguments, proposals, amendments, consent
rounds, schéma, plan items, charter, evaluations), then times `replay` from JSON-decoded dicts
(as read from disk or the wire: `Event.from_dict` + upcast + evolve) and from Event objects.

    python bench/bench_replay.py [--events 30000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ilot.game.core import (  # noqa: E402
    Actor,
    Rejection,
    decide,
    evolve,
    load_scenario,
    new_state,
    open_session,
    replay,
    state_hash,
)
from ilot.game.core.kinds import Subject  # noqa: E402

PLAYERS = 30


def build_log(target: int, seed: int = 1) -> tuple[object, list]:
    sc = load_scenario(ROOT / "scenarios" / "ilot_des_tilleuls.json")
    rng = random.Random(seed)
    state = new_state(sc)
    log = [open_session(sc, 2024, 0.0)]
    evolve(state, log[0])
    clock = [0.0]
    aid = [0]

    def act(actor: Actor, action: dict) -> list:
        clock[0] += 0.5
        aid[0] += 1
        action["id"] = f"a{aid[0]}"
        try:
            events = decide(state, actor, action, clock[0])
        except Rejection:
            return []
        for e in events:
            evolve(state, e)
        log.extend(events)
        return events

    trainer = Actor.trainer()
    personas = [p.id for p in sc.personas]
    pids = []
    for i in range(PLAYERS):
        (e,) = act(Actor.newcomer(), {"type": "join", "name": f"Joueur {i}"})
        pid = e.data["participant"]
        pids.append(pid)
        act(Actor.participant(pid), {"type": "choose_persona", "persona": personas[i % len(personas)]})
    spaces = [s.id for s in sc.spaces]
    fits = {s.id: [u.id for u in sc.uses if sc.use_fits(u, s)] for s in sc.spaces}
    enjeux = [e.id for e in sc.enjeux]
    phase = {p.kind: i for i, p in enumerate(sc.phases)}

    def goto(kind: str) -> None:
        act(trainer, {"type": "set_phase", "phase": phase[kind]})

    def someone() -> Actor:
        return Actor.participant(rng.choice(pids))

    while len(log) < target:
        goto("accueil")
        for pid in pids:
            act(Actor.participant(pid), {"type": "write_expectation", "text": "Mieux comprendre"})
        goto("projets")
        for _ in range(60):
            act(someone(), {"type": "react_project", "project": rng.choice(sc.inspiring_projects).id,
                            "reaction": rng.choice(["inspire", "question", "doute"])})
            act(someone(), {"type": "comment_project", "project": rng.choice(sc.inspiring_projects).id,
                            "text": "Intéressant pour notre cour"})
        goto("etat_des_lieux")
        for _ in range(150):
            who = someone()
            (e,) = act(who, {"type": "add_note", "space": rng.choice(spaces),
                             "kind": rng.choice(["force", "probleme", "idee"]),
                             "text": "Les encombrants s'accumulent le week-end",
                             "enjeux": rng.sample(enjeux, 2)}) or [None]
            if e is not None and rng.random() < 0.2:
                act(who, {"type": "edit_note", "note": e.data["note"], "text": "Précision",
                          "enjeux": rng.sample(enjeux, 1)})
        goto("world_cafe")
        for _ in range(4):
            for pid in pids:
                act(Actor.participant(pid), {"type": "cafe_note", "text": "On pourrait…",
                                             "table": state.cafe_table_of(pid)})
            act(trainer, {"type": "rotate_cafe"})
        act(trainer, {"type": "form_groups", "count": 5})
        goto("ateliers")
        for _ in range(100):
            space = rng.choice(spaces)
            if fits[space]:
                act(someone(), {"type": "draft_place", "space": space, "use": rng.choice(fits[space]),
                                "why": "Pour les enfants"})
        goto("mise_en_commun")
        for g in list(state.groups):
            act(trainer, {"type": "spotlight", "group": g})
            for _ in range(10):
                act(someone(), {"type": "argue", "group": g, "text": "Qui entretient ?",
                                "stance": rng.choice(["pour", "contre", "question"])})
        goto("deliberation")
        props = []
        for g in list(state.groups):
            events = act(someone(), {"type": "propose", "title": f"Projet {g}", "from_group": g})
            props += [(e.by, e.data["proposal"]) for e in events]
        for author, pid in props:
            space = rng.choice(spaces)
            events = act(someone(), {"type": "amend", "proposal": pid, "text": "Et aussi",
                                     "add": {space: rng.choice(fits[space])} if fits[space] else {}})
            for e in events:
                act(Actor.participant(author), {"type": "decide_amendment",
                                                "amendment": e.data["amendment"],
                                                "accept": rng.random() < 0.5})
            for e in act(trainer, {"type": "open_round", "subject": str(Subject.of_proposal(pid))}):
                for p in pids:
                    act(Actor.participant(p), {"type": "take_position", "round": e.data["round"],
                                               "option": rng.choice(["accord", "accord", "abstention",
                                                                     "desaccord"]),
                                               "reason": "Le coût"})
                act(trainer, {"type": "close_round", "round": e.data["round"]})
        goto("schema_directeur")
        for space, uses in state.adopted_placements().items():
            for use in uses:
                act(someone(), {"type": "schema_place", "space": space, "use": use,
                                "year": rng.randint(1, 3)})
        goto("plan_action")
        items = []
        for _ in range(60):
            events = act(someone(), {"type": "plan_add", "what": "Action", "quarter": rng.randint(1, 12),
                                     "lead": rng.choice(["gardien", "resident", "manager"]),
                                     "cost": rng.randint(0, 20) * 500.0,
                                     "payer": rng.choice(["bailleur", "charges"])})
            items += [e.data["item"] for e in events]
        for _ in range(10):
            act(someone(), {"type": "rule_add", "rule": rng.choice(sc.rules).id})
        goto("consensus_final")
        act(trainer, {"type": "finalise_plan", "items": items[:20]})
        for e in act(trainer, {"type": "open_round", "subject": "final_plan"}):
            for p in pids:
                act(Actor.participant(p), {"type": "take_position", "round": e.data["round"],
                                           "option": "accord"})
            act(trainer, {"type": "close_round", "round": e.data["round"]})
        goto("synthese")
        for pid in pids:
            act(Actor.participant(pid), {"type": "evaluate", "answers": {"objectifs": rng.randint(1, 5)}})
        # the next "day": the trainer clears the plan items and charter so the state stays bounded
        goto("plan_action")
        for iid in list(state.plan):
            act(trainer, {"type": "plan_remove", "item": iid})
        for eid in list(state.charter):
            act(trainer, {"type": "rule_remove", "entry": eid})
    return sc, log, state


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=30_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    t0 = time.perf_counter()
    sc, log, live = build_log(args.events)
    built = time.perf_counter() - t0
    n = len(log)
    as_dicts = [json.loads(json.dumps(e.to_dict())) for e in log]
    expected = state_hash(live)
    assert state_hash(replay(sc, as_dicts)) == expected == state_hash(replay(sc, log))
    counts: dict[str, int] = {}
    for e in log:
        counts[e.type] = counts.get(e.type, 0) + 1
    print(f"Python {platform.python_version()} on {platform.machine()}, {n} events "
          f"({len(counts)} types; built through decide/evolve in {built:.2f} s, "
          f"{n / built:,.0f} actions+events/s)")
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:8]
    print("mix: " + ", ".join(f"{k} {v}" for k, v in top) + ", …")
    for label, source in (("dicts (from_dict + upcast + evolve)", as_dicts),
                          ("Event objects (upcast + evolve)", log)):
        times = [timed(lambda: replay(sc, source)) for _ in range(args.repeat)]  # noqa: B023  (called here)
        best, med = min(times), statistics.median(times)
        print(f"replay from {label}: best {n / best:,.0f} events/s, median {n / med:,.0f} events/s "
              f"({best * 1000:.1f} ms for {n} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
