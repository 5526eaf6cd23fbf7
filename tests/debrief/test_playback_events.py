"""The debrief's event list says whether the trainer played the simulation or stopped it (a
pause, a step or a reset read « plays the simulation » before)."""

from __future__ import annotations

from helpers import RICH_FILE, Session

from ilot.game.core import load_scenario
from ilot.game.core.kinds import PhaseKind
from ilot.game.debrief.describe import describe
from ilot.game.text import lang_for


def test_played_and_stopped_are_told_apart():
    rs = Session(load_scenario(RICH_FILE))
    rs.goto(PhaseKind.PLAN_ACTION)
    fr, en = lang_for("fr"), lang_for("en")
    lines = []
    for command in ("play", "pause", "step", "reset"):
        (e,) = rs.trainer({"type": "simulation_playback", "command": command})
        lines.append((describe(e, rs.state, fr), describe(e, rs.state, en)))
    assert lines[0] == ("Animateur·rice fait défiler la simulation (trimestre 0)",
                        "Trainer plays the simulation (quarter 0)")
    assert [en_line for _, en_line in lines[1:]] == [
        "Trainer stops the simulation at quarter 0", "Trainer stops the simulation at quarter 1",
        "Trainer stops the simulation at quarter 0"]
    assert lines[2][0] == "Animateur·rice arrête la simulation au trimestre 1"
