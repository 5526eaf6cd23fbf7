"""The report's workload table on the scripted sessions: per métier hours available / needed /
overload = (needed − available) / available when over, else « — »; then all métiers with the
hours beyond, métier by métier, which is the simulation's overload (the client's figure)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from ilot.game.core.simulation import simulate_state
from ilot.game.core.workload import excess, loads
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report

from .conftest import ROOM

NN = "\u202f"


def _table(html: str) -> list[list[str]]:
    part = html.split("Heures des agents par semaine, dans 3 ans</h4>", 1)[1]
    body = part.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def _h(text: str) -> float:
    m = re.fullmatch(rf"(\d+(,\d+)?){NN}h", text)
    assert m, text
    return float(m[1].replace(",", "."))


def _pct(text: str) -> float:
    m = re.fullmatch(rf"(\d+){NN}%", text)
    assert m, text
    return float(m[1])


@pytest.mark.parametrize("which", ["rich", "short"])
def test_each_metier_then_all_with_one_arithmetic(which, request):
    sc = request.getfixturevalue(which)
    script = request.getfixturevalue(f"{which}_script")
    end = simulate_state(script.state).final
    rows = _table(Report(Recording(ROOM, sc, script.events)).html())
    names = {m.id: m.name for m in sc.metiers}
    assert [r[0] for r in rows[:-1]] == [names[m] for m in end.workload]
    over_any = False
    for row, (m, (needed, avail)) in zip(rows, end.workload.items(), strict=False):
        assert (_h(row[1]), _h(row[2])) == (round(avail, 2), round(needed, 2)), (m, row)
        if needed > avail:
            over_any = True
            assert _pct(row[3]) == round(100 * (needed - avail) / avail), (m, row)
        else:
            assert row[3] == "—", (m, row)
    last = rows[-1]
    assert last[0] == "Tous les métiers"
    assert _h(last[1]) == pytest.approx(sum(a for _, a in end.workload.values()))
    assert _h(last[2]) == pytest.approx(sum(n for n, _ in end.workload.values()))
    hours, ratio = excess(loads(end.workload))
    assert ratio * 100 == pytest.approx(end.overload_pct, abs=0.01)  # the simulation's figure
    if over_any:
        beyond = f"{hours:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        assert last[3] == (f"{beyond}{NN}h au-delà ({round(end.overload_pct)}{NN}% "
                           "des heures disponibles)"), last
    else:
        assert last[3] == "—" and end.overload_pct == 0
    assert over_any == (which == "rich")  # one session with overload, one without
