"""The report lists the characters participants created (who wrote them, who played them) and
reveals their objectives with their verdict, like the scenario personas'."""

from __future__ import annotations

import re

from markupsafe import escape

from ilot.game.core import Actor
from ilot.game.core.kinds import PhaseKind
from ilot.game.core.objectives import judge_all
from ilot.game.core.simulation import simulate_state
from ilot.game.debrief.describe import describe
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.debrief.scripted import Script
from ilot.game.text import lang_for
from ilot.game.text.objectives import status_word

from .conftest import ROOM

FR = lang_for("fr")
SECRET = "Que les charges n'augmentent pas de plus de 2 € par mois et par logement."
JUDGED = "Que les anciens soient écoutés par le groupe."


def _phase(sc, kind) -> int:
    return next(i for i, p in enumerate(sc.phases) if p.kind == kind)


def _row(html: str, first: str) -> list[str]:
    m = re.search(rf"<tr><td>{re.escape(first)}</td>(.*?)</tr>", html)
    assert m, first
    return re.findall(r"<td[^>]*>(.*?)</td>", m.group(1))


def test_the_report_lists_the_created_characters_and_their_objectives(rich):
    s = Script(rich, seed=3, start=1_800_000_000.0)
    people = {}
    for name, persona in (("Ana", "fatima"), ("Bob", "marc"), ("Cem", "claire"), ("Dan", "kevin")):
        pid = s.act(Actor.newcomer(), {"type": "join", "name": name})[0].data["participant"]
        s.act(Actor.participant(pid), {"type": "choose_persona", "persona": persona})
        people[name] = Actor.participant(pid)
    s.trainer({"type": "set_phase", "phase": _phase(rich, PhaseKind.PERSONNAGES)})
    base = {"type": "character_write", "role": "resident", "portrait": "p03"}
    one = s.act(people["Ana"], {**base, "name": "Awa Diallo",
                                "coauthors": [people["Bob"].id],
                                "objectives": [{"text": SECRET, "kind": "charges_rise",
                                                "euros": 2}]})[0].data["character"]
    two = s.act(people["Cem"], {**base, "name": "Lucien Roux", "role": "caretaker",
                                "objectives": [{"text": JUDGED, "kind": "judged"}]}
                )[0].data["character"]
    dup = s.act(people["Dan"], {**base, "name": "Lulu Roux"})[0].data["character"]
    s.trainer({"type": "character_merge", "characters": [two, dup], "into": two})
    for cid in (one, two):
        s.trainer({"type": "character_review", "character": cid, "decision": "approve"})
    s.trainer({"type": "set_phase", "phase": _phase(rich, PhaseKind.ATELIERS)})
    s.act(people["Cem"], {"type": "choose_persona", "persona": one})
    s.act(people["Ana"], {"type": "choose_persona", "persona": two})
    s.act(people["Bob"], {"type": "choose_persona", "persona": "fatima"})
    assert s.rejections == 0
    state = s.state
    html = Report(Recording(ROOM, rich, s.events)).html()
    assert '<h3 id="characters">Les personnages créés par les participants</h3>' in html
    part = html.split('<h3 id="characters">Les personnages créés par les participants</h3>')[1].split(
        "</table>")[0]
    roles = {r.kind: r.name for r in rich.roles}
    assert _row(part, "Awa Diallo") == [str(escape(roles["resident"])), "approuvé",
                                        "Ana et Bob", "Cem"]
    assert _row(part, "Lucien Roux") == [str(escape(roles["caretaker"])), "approuvé",
                                         "Cem et Dan", "Ana"]
    assert "Lulu Roux" not in part  # merged into Lucien Roux
    # the objectives, revealed with their verdict, with who played the character (Fatima was
    # played by Ana on day 1, then by Bob)
    traj = simulate_state(state)
    (v,) = judge_all(state.characters[one].objectives, rich, state, traj)
    objectives = html.split('<h3 id="objectives">Objectifs secrets révélés</h3>')[1].split("</table>")[0]
    row = _row(objectives, "Awa Diallo")
    assert row[1] == "Cem" and row[2].startswith(str(escape(SECRET)))
    assert status_word(FR, v) in row[3]
    assert _row(objectives, "Lucien Roux")[1:3] == ["Ana", str(escape(JUDGED))]
    assert _row(objectives, "Fatima Benali")[1] == "Ana et Bob"
    # the event list names the characters
    lines = [describe(e, state, FR) for e in s.events if e.type.startswith(("character_",
                                                                           "personas_"))]
    assert "Ana écrit le personnage Awa Diallo" in lines
    assert any("fusionne des personnages dans Lucien Roux" in x for x in lines)
    assert "Chacun choisit à nouveau un personnage" in lines
