"""Read-models shared by the client, the server and the debrief."""

from __future__ import annotations

from ilot.game.core import Actor
from ilot.game.core.kinds import Subject
from ilot.game.core.views import crossed_issues, notes_by_space, participation, resources_view, round_summary

from .script import play_short_session


def _note(s, pid, enjeux, kind="probleme", space="cour"):
    s.act(pid, {"type": "add_note", "space": space, "kind": kind, "text": "t", "enjeux": enjeux})


def test_crossed_issues_matrix_of_enjeux_by_role(rs):
    r1, r2 = rs.join("R1", "fatima"), rs.join("R2", "odette")
    c, m = rs.join("C", "marc"), rs.join("M", "claire")
    rs.goto("etat_des_lieux")
    _note(rs, r1, ["securite", "lien_social"])
    _note(rs, r2, ["securite"], kind="force")
    _note(rs, c, ["securite", "proprete"])
    _note(rs, m, ["securite"], kind="idee")
    _note(rs, m, ["lien_social"], kind="force")
    x = crossed_issues(rs.state)
    assert set(x["matrix"]) == {e.id for e in rs.scenario.enjeux}
    assert x["matrix"]["securite"] == {"resident": 2, "caretaker": 1, "manager": 1}
    assert x["matrix"]["lien_social"] == {"resident": 1, "caretaker": 0, "manager": 1}
    assert x["matrix"]["proprete"] == {"resident": 0, "caretaker": 1, "manager": 0}
    assert x["matrix"]["biodiversite"] == {"resident": 0, "caretaker": 0, "manager": 0}
    assert x["shared"] == ["securite"]
    assert x["single"] == ["proprete"]
    assert x["kinds"]["securite"]["resident"] == {"probleme": 1, "force": 1}
    # residents see lien_social as a problem and managers as a strength: roles differ
    assert "lien_social" in x["divergent"]
    assert "proprete" not in x["divergent"]
    # residents split one atout, one problème: no role sees securite mostly as a strength
    assert "securite" not in x["divergent"]
    assert notes_by_space(rs.state)["cour"] == {"probleme": 2, "force": 2, "idee": 1}


def test_resources_view_lists_fitting_uses_with_costs_and_metiers(rs):
    rows = {r["space"]: r for r in resources_view(rs.state)}
    assert set(rows) == {s.id for s in rs.scenario.spaces}
    sc = rs.scenario
    for sid, row in rows.items():
        space = sc.space(sid)
        expected = [u.id for u in sc.uses if space.kind in u.allowed_kinds
                    and space.area_m2 >= u.min_area_m2]
        assert [o["use"] for o in row["options"]] == expected
    toit = {o["use"]: o for o in rows["toit_terrasse"]["options"]}
    potager = sc.use("potager_toit")
    assert toit["potager_toit"]["investment"] == potager.investment
    assert toit["potager_toit"]["running_cost_per_year"] == potager.running_cost_per_year
    names = sc.index("metier")
    assert toit["potager_toit"]["maintenance"] == {
        names[m].name: h for m, h in potager.maintenance_hours.items()}
    pid = rs.join("Ana", "marc")
    rs.goto("ressources")
    rs.act(pid, {"type": "add_resource", "space": "loge", "service": "Point colis",
                 "use": "conciergerie", "metier": "gardien"})
    ideas = {r["space"]: r["ideas"] for r in resources_view(rs.state)}
    assert ideas["loge"] == [{"service": "Point colis", "use": "conciergerie", "metier": "gardien",
                              "text": "", "author": pid}]


def test_round_summary_hides_then_shows(ss):
    a, b, c = ss.join("A", "josiane"), ss.join("B", "sylvie"), ss.join("C", "helene")
    ss.join("Sans personnage")
    ss.goto("deliberation")
    (e,) = ss.act(a, {"type": "propose", "title": "T", "text": "x"})
    (r,) = ss.trainer({"type": "open_round", "subject": str(Subject.of_proposal(e.data['proposal']))})
    rid = r.data["round"]
    ss.act(a, {"type": "take_position", "round": rid, "option": "desaccord", "reason": "Bruit"})
    ss.act(b, {"type": "take_position", "round": rid, "option": "accord"})
    summary = round_summary(ss.state, rid, Actor.participant(a))
    assert summary["open"] and summary["answered"] == [a, b] and summary["waiting"] == [c]
    assert summary["mine"] == "desaccord" and "counts" not in summary and "reasons" not in summary
    assert "mine" not in round_summary(ss.state, rid, Actor.participant(c))
    ss.trainer({"type": "close_round", "round": rid})
    done = round_summary(ss.state, rid)
    assert not done["open"] and done["adopted"] is True
    assert done["counts"] == {"accord": 1, "abstention": 0, "desaccord": 1, "blocage": 0}
    assert done["reasons"] == [{"participant": a, "option": "desaccord", "reason": "Bruit"}]


def test_participation_counts_what_each_did(short):
    s = play_short_session(short)
    counts = participation(s.state, s.events)
    assert set(counts) == set(s.state.participants)
    p1 = counts["p1"]
    assert p1["proposals"] == sum(1 for p in s.state.proposals.values() if p.author == "p1")
    assert p1["notes"] == sum(1 for n in s.state.notes.values() if n.author == "p1")
    assert p1["positions"] == sum(1 for r in s.state.rounds.values() if "p1" in r.positions)
    assert p1["actions"] == sum(1 for e in s.events if e.by == "p1" and e.aid)
    assert counts["p6"]["amendments"] == 1 and counts["p4"]["amendments"] == 1
