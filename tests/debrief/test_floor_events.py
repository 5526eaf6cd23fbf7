"""The debrief words the floor queue and the end of the session: one sentence per event in the
replay's list, turns at the floor counted per participant, the close in the report."""

from __future__ import annotations

from helpers import Session

from ilot.game.debrief.analysis import people
from ilot.game.debrief.describe import describe
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.text import lang_for

EN, FR = lang_for("en"), lang_for("fr")


def _session(short) -> Session:
    s = Session(short)
    a, b = s.join("Awa", "josiane"), s.join("Bruno", "sylvie")
    s.act(a, {"type": "ask_floor"})
    s.act(b, {"type": "ask_floor"})
    s.act(b, {"type": "withdraw_floor"})
    s.act(b, {"type": "ask_floor"})
    s.trainer({"type": "give_floor"})
    s.trainer({"type": "give_floor"})
    s.act(b, {"type": "end_turn"})
    s.act(a, {"type": "ask_floor"})
    s.trainer({"type": "close_session"})
    s.trainer({"type": "reopen_session"})
    s.act(b, {"type": "ask_floor"})
    s.trainer({"type": "clear_floor"})
    s.trainer({"type": "close_session"})
    return s


def test_each_new_event_has_its_sentence(short):
    s = _session(short)
    fr = [describe(e, s.state, FR) for e in s.events if e.type not in (
        "session_opened", "participant_joined", "persona_chosen")]
    assert fr == [
        "Awa demande la parole", "Bruno demande la parole",
        "Bruno retire sa demande de parole", "Bruno demande la parole",
        "Animateur·rice donne la parole à Awa",
        "Fin de la prise de parole\u00a0: Awa", "Animateur·rice donne la parole à Bruno",
        "Fin de la prise de parole\u00a0: Bruno", "Awa demande la parole",
        "Animateur·rice vide la file des demandes de parole (Awa)",
        "Animateur·rice clôt la session", "Animateur·rice rouvre la session",
        "Bruno demande la parole",
        "Animateur·rice vide la file des demandes de parole (Bruno)",
        "Animateur·rice clôt la session",
    ]
    en = [describe(e, s.state, EN) for e in s.events]
    assert "Trainer empties the queue for the floor (Awa)" in en
    assert "Trainer closes the session" in en and "Trainer reopens the session" in en
    assert "Awa's turn at the floor ends" in en


def test_turns_at_the_floor_are_counted_and_the_close_is_in_the_report(short):
    s = _session(short)
    rows = {r.name: r for r in people(s.state, s.events)}
    assert rows["Awa"].turns == 1 and rows["Bruno"].turns == 1
    rec = Recording("TEST", short, s.events, [], "Test")
    html = Report(rec, lang=FR).html()
    assert html.count("Clôture de la session") == 2 and "Réouverture de la session" in html
    assert "Tours de parole" in Report(rec, lang=FR).html()
    assert "Turns at the floor" in Report(rec, lang=EN).html()
