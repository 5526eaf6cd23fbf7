"""Questions to the intervention's speaker: asking, upvoting (and taking back), answering,
removing; the refusals; the board's order; replay and views."""

from __future__ import annotations

from helpers import SPECTATOR, TRAINER

from ilot.game.core import Actor, replay, state_hash, view_for
from ilot.game.core.kinds import PhaseKind
from ilot.game.core.rules.questions import MAX_EACH, MAX_QUESTIONS, ranked
from ilot.game.core.state import state_from_dict


def ask(rs, pid, text="Comment financer le local ?"):
    (e,) = rs.act(pid, {"type": "question_ask", "text": text})
    return e.data["question"]


def test_ask_upvote_answer_remove_and_the_board_order(rs):
    a, b, c = rs.join("Ana", "fatima"), rs.join("Bob", "marc"), rs.join("Cem", "claire")
    rs.goto(PhaseKind.INTERVENTION)
    (e,) = rs.act(a, {"type": "question_ask", "text": "  Qui garde les clés ?  "})
    assert (e.type, e.by) == ("question_asked", a)
    assert e.data == {"question": e.data["question"], "text": "Qui garde les clés ?"}
    q1 = e.data["question"]
    q2 = ask(rs, b, "Combien coûte un gardien ?")
    assert [q.id for q in ranked(rs.state)] == [q1, q2]  # oldest first at equal votes
    (e,) = rs.act(c, {"type": "question_upvote", "question": q2})
    assert (e.type, e.data) == ("question_upvoted", {"question": q2, "up": True})
    rs.act(a, {"type": "question_upvote", "question": q2})
    assert rs.state.questions[q2].voters == [c, a]
    assert [q.id for q in ranked(rs.state)] == [q2, q1]
    # a second upvote takes it back
    (e,) = rs.act(c, {"type": "question_upvote", "question": q2})
    assert e.data == {"question": q2, "up": False}
    assert rs.state.questions[q2].voters == [a]
    # answered questions go to the bottom of the board
    (e,) = rs.trainer({"type": "question_answer", "question": q2})
    assert (e.type, e.data) == ("question_answered", {"question": q2})
    assert rs.state.questions[q2].answered
    assert [q.id for q in ranked(rs.state)] == [q1, q2]
    assert rs.reject(TRAINER, {"type": "question_answer", "question": q2}) == "already_answered"
    (e,) = rs.trainer({"type": "question_remove", "question": q1})
    assert (e.type, e.data) == ("question_removed", {"question": q1})
    assert list(rs.state.questions) == [q2]
    assert rs.reject(b, {"type": "question_upvote", "question": q1}) == "no_such_question"
    assert rs.reject(TRAINER, {"type": "question_remove", "question": q1}) == "no_such_question"


def test_refusals(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob")  # Bob has no character: he may still ask
    assert rs.reject(a, {"type": "question_ask", "text": "Trop tôt ?"}) == "wrong_phase"
    rs.goto(PhaseKind.INTERVENTION)
    assert rs.reject(a, {"type": "question_ask", "text": "   "}) == "invalid_action"
    assert rs.reject(a, {"type": "question_ask", "text": "x" * 301}) == "invalid_action"
    q = ask(rs, a, "x" * 300)
    assert rs.reject(a, {"type": "question_upvote", "question": q}) == "own_question"
    rs.act(b, {"type": "question_upvote", "question": q})
    for action in ({"type": "question_answer", "question": q},
                   {"type": "question_remove", "question": q}):
        assert rs.reject(a, action) == "trainer_only"
        assert rs.reject(SPECTATOR, action) == "spectator"
    for action in ({"type": "question_ask", "text": "?"},
                   {"type": "question_upvote", "question": q}):
        assert rs.reject(TRAINER, action) == "forbidden_role"
    for i in range(MAX_EACH - 1):
        ask(rs, a, f"Question {i}")
    assert rs.reject(a, {"type": "question_ask", "text": "Une de plus"}) == "too_many_questions"
    # a removed question frees its place
    rs.trainer({"type": "question_remove", "question": q})
    ask(rs, a, "Une de plus")
    # after the talk, upvotes stop too
    rs.goto(PhaseKind.RESSOURCES)
    assert rs.reject(b, {"type": "question_upvote", "question": q}) == "wrong_phase"
    other = next(iter(rs.state.questions))
    assert rs.reject(b, {"type": "question_upvote", "question": other}) == "wrong_phase"
    rs.trainer({"type": "question_answer", "question": other})  # the trainer is not phase-bound


def test_the_board_has_a_limit(rs):
    rs.goto(PhaseKind.INTERVENTION)
    people = [rs.join(f"P{i}") for i in range(MAX_QUESTIONS // MAX_EACH)]
    for pid in people:
        for i in range(MAX_EACH):
            ask(rs, pid, f"Q{i}")
    late = rs.join("Zoé")
    assert rs.reject(late, {"type": "question_ask", "text": "Et moi ?"}) == "questions_full"


def test_everybody_sees_the_questions_and_replay_and_snapshots_keep_them(rs):
    a, b = rs.join("Ana", "fatima"), rs.join("Bob", "marc")
    rs.goto(PhaseKind.INTERVENTION)
    q = ask(rs, a)
    rs.act(b, {"type": "question_upvote", "question": q})
    for viewer in (Actor.participant(b), SPECTATOR, TRAINER):
        v = view_for(rs.state, viewer)
        assert v["questions"][q]["author"] == a
        assert v["questions"][q]["voters"] == [b]
    again = replay(rs.scenario, rs.events)
    assert state_hash(again) == rs.hash()
    back = state_from_dict(rs.scenario, rs.state.to_dict())
    assert state_hash(back) == rs.hash()
    assert back.questions == rs.state.questions
    clone = rs.state.clone()
    clone.questions[q].voters.append("p9")
    assert rs.state.questions[q].voters == [b]  # a deep copy


def test_an_intervention_phase_needs_a_speaker():
    import json

    from helpers import RICH_FILE

    from ilot.game.core.scenario_check import check_data

    data = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    k = next(i for i, p in enumerate(data["phases"]) if p["kind"] == "intervention")
    assert data["phases"][k]["speaker"]
    del data["phases"][k]["speaker"]
    _, problems = check_data(data)
    assert any(str(p.code) == "phase_needs_speaker" and p.path.endswith(f"phases[{k}].speaker")
               for p in problems), problems
