"""« Qui suis-je »: each participant's public introduction card, written in any phase and
changeable; the trainer clears one out of place; the baromètre takes its default real-life role
from it (decided in the rule, written into the event)."""

from __future__ import annotations

from helpers import SPECTATOR, TRAINER

from ilot.game.core import Actor, view_for
from ilot.game.core.rules.whoami import missing
from ilot.game.core.state import state_from_dict


def card(rs, pid, role="tenant", organisation="Amicale des Tilleuls", sentence="J'habite ici."):
    return rs.act(pid, {"type": "whoami_set", "real_role": role, "organisation": organisation,
                        "sentence": sentence})


def test_a_card_is_written_changed_and_public_with_the_name(rs):
    a, b = rs.join("Ana"), rs.join("Bruno")
    assert missing(rs.state) == [a, b]
    (e,) = card(rs, a, organisation="  Amicale des Tilleuls ")
    assert (e.type, e.by) == ("whoami_set", a)
    assert e.data == {"real_role": "tenant", "organisation": "Amicale des Tilleuls",
                      "sentence": "J'habite ici."}
    w = rs.state.whoami[a]
    assert (w.participant, w.real_role, w.organisation) == (a, "tenant", "Amicale des Tilleuls")
    assert missing(rs.state) == [b]
    assert card(rs, a, organisation="Amicale des Tilleuls") == []  # the same card: nothing
    rs.goto("synthese")  # any phase, no persona needed
    (e,) = card(rs, a, role="manager", organisation="", sentence="")
    assert rs.state.whoami[a].real_role == "manager" and rs.state.whoami[a].organisation == ""
    for viewer in (TRAINER, SPECTATOR, Actor.participant(b)):
        view = view_for(rs.state, viewer)
        assert view["whoami"][a]["real_role"] == "manager"
        assert state_from_dict(rs.state.scenario, view).whoami == rs.state.whoami


def test_the_trainer_clears_a_card_out_of_place(rs):
    a = rs.join("Ana")
    card(rs, a, sentence="Un texte déplacé")
    (e,) = rs.act(TRAINER, {"type": "whoami_clear", "participant": a})
    assert e.data == {"participant": a}
    assert a not in rs.state.whoami and missing(rs.state) == [a]
    assert rs.reject(TRAINER, {"type": "whoami_clear", "participant": a}) == "no_whoami"
    assert rs.reject(TRAINER, {"type": "whoami_clear", "participant": "p99"}) == \
        "unknown_participant"
    card(rs, a)  # the participant writes it again
    assert a in rs.state.whoami


def test_refusals(rs):
    a = rs.join("Ana")
    assert rs.reject(a, {"type": "whoami_set", "real_role": "king"}) == "invalid_action"
    assert rs.reject(a, {"type": "whoami_set"}) == "invalid_action"
    assert rs.reject(a, {"type": "whoami_set", "real_role": "tenant",
                         "organisation": "x" * 81}) == "invalid_action"
    assert rs.reject(a, {"type": "whoami_set", "real_role": "tenant",
                         "sentence": "x" * 201}) == "invalid_action"
    assert card(rs, a, organisation="x" * 80, sentence="y" * 200)  # the limits themselves pass
    assert rs.reject(TRAINER, {"type": "whoami_set", "real_role": "tenant"}) == \
        "forbidden_role"
    assert rs.reject(a, {"type": "whoami_clear", "participant": a}) == "trainer_only"


def test_the_barometre_role_defaults_to_the_card_and_is_written_into_the_event(rs):
    a, b = rs.join("Ana"), rs.join("Bruno")
    card(rs, a, role="field_staff")
    (e,) = rs.act(a, {"type": "barometre_place", "statement": "habitants_associes", "level": 4})
    assert e.data["real_role"] == "field_staff"
    # a role given with the answer wins over the card
    (e,) = rs.act(b, {"type": "barometre_place", "statement": "habitants_associes", "level": 2,
                      "real_role": "manager"})
    assert e.data["real_role"] == "manager"
    # without a card, the role of the participant's earlier answer is kept, as before
    (e,) = rs.act(b, {"type": "barometre_place", "statement": "gardien_relais", "level": 2})
    assert e.data["real_role"] == "manager"
