"""The baromètre: answers at the accueil (before) and the synthèse (after), private to their
author, with anonymous counts per statement × level × real-life role × round for everyone."""

from __future__ import annotations

from helpers import SPECTATOR, TRAINER

from ilot.game.core import Actor, evolve, view_for
from ilot.game.core.state import state_from_dict
from ilot.game.core.views import event_for


def place(rs, pid, statement, level, role=None):
    action = {"type": "barometre_place", "statement": statement, "level": level}
    if role is not None:
        action["real_role"] = role
    return rs.act(pid, action)


def test_answers_count_by_round_role_and_level_and_may_change(rs):
    a, b = rs.join("Ana"), rs.join("Bruno")  # no persona needed at the accueil
    (e,) = place(rs, a, "habitants_associes", 2, "tenant")
    assert e.type == "barometre_placed"
    assert e.data == {"statement": "habitants_associes", "round": "before", "level": 2,
                      "real_role": "tenant"}
    place(rs, b, "habitants_associes", 2, "manager")
    assert rs.state.barometre_tally == {"before/habitants_associes/tenant/2": 1,
                                        "before/habitants_associes/manager/2": 1}
    # a change moves the count; the same answer again does nothing; the role is kept
    (e,) = place(rs, a, "habitants_associes", 4)
    assert e.data["previous"] == 2 and e.data["previous_role"] == "tenant"
    assert e.data["real_role"] == "tenant"
    assert place(rs, a, "habitants_associes", 4) == []
    assert rs.state.barometre_tally == {"before/habitants_associes/tenant/4": 1,
                                        "before/habitants_associes/manager/2": 1}
    # at the synthèse the answers go to the "after" round; the "before" ones stay
    rs.goto("synthese")
    place(rs, a, "habitants_associes", 5)
    assert rs.state.barometre_tally["after/habitants_associes/tenant/5"] == 1
    assert rs.state.barometre_tally["before/habitants_associes/tenant/4"] == 1
    assert {(x.round, x.level) for x in rs.state.barometre.values() if x.participant == a} == \
        {("before", 4), ("after", 5)}


def test_refusals(rs):
    pid = rs.join("Ana")
    assert rs.reject(pid, {"type": "barometre_place", "statement": "nope", "level": 3}) == \
        "unknown_statement"
    for level in (0, 6, "3"):
        assert rs.reject(pid, {"type": "barometre_place", "statement": "habitants_associes",
                               "level": level}) == "invalid_action"
    assert rs.reject(pid, {"type": "barometre_place", "statement": "habitants_associes",
                           "level": 3, "real_role": "king"}) == "invalid_action"
    assert rs.reject(TRAINER, {"type": "barometre_place", "statement": "habitants_associes",
                               "level": 3}) == "forbidden_role"
    rs.goto("projets")
    assert rs.reject(pid, {"type": "barometre_place", "statement": "habitants_associes",
                           "level": 3}) == "wrong_phase"


def test_answers_are_anonymous_on_every_screen_but_their_author(rs, rich):
    a, b = rs.join("Ana"), rs.join("Bruno")
    start = len(rs.events)
    place(rs, a, "gardien_relais", 1, "field_staff")
    place(rs, b, "gardien_relais", 5, "other")
    place(rs, a, "gardien_relais", 3)
    for viewer in (TRAINER, SPECTATOR, Actor.participant(b)):
        view = view_for(rs.state, viewer)
        assert all(x["participant"] != a for x in view["barometre"].values())
        assert view["barometre_tally"] == rs.state.barometre_tally
        for e in rs.events[start:]:
            if e.by == a:
                seen = event_for(e, viewer)
                assert seen.by == "" and seen.aid == "" and seen.data == e.data
    mine = view_for(rs.state, Actor.participant(a))["barometre"]
    assert [x["level"] for x in mine.values()] == [3]


def test_a_client_fed_its_events_keeps_the_counts_of_the_server(rs, rich):
    a, b = rs.join("Ana"), rs.join("Bruno")
    viewers = (TRAINER, SPECTATOR, Actor.participant(a))
    clients = {v: state_from_dict(rich, view_for(rs.state, v)) for v in viewers}
    start = len(rs.events)
    place(rs, a, "gardien_relais", 1, "tenant")
    place(rs, b, "gardien_relais", 2)
    place(rs, a, "gardien_relais", 5, "manager")
    rs.goto("synthese")
    place(rs, b, "regles_communes", 4, "field_staff")
    for v, client in clients.items():
        for e in rs.events[start:]:
            evolve(client, event_for(e, v))
        view = view_for(rs.state, v)
        assert client.to_dict(include_seen=False)["barometre"] == view["barometre"]
        assert client.barometre_tally == rs.state.barometre_tally
