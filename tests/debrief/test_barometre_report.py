"""The report shows the baromètre before and after, anonymous: means and counts per level."""

from __future__ import annotations

from helpers import Session

from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report

from .conftest import ROOM


def test_the_report_shows_the_barometre_before_and_after(rich):
    rs = Session(rich)
    a, b = rs.join("Ana"), rs.join("Bruno")
    st = rich.barometre[0]
    place = {"type": "barometre_place", "statement": st.id}
    rs.act(a, {**place, "level": 2, "real_role": "tenant"})
    rs.act(b, {**place, "level": 4, "real_role": "manager"})
    rs.goto("synthese")
    rs.act(a, {**place, "level": 5})
    html = Report(Recording(ROOM, rich, rs.events)).html()
    section = html[html.index("Le baromètre, avant et après"):]
    row = section[section.index(st.text.replace("'", "&#39;")):]
    row = row[:row.index("</tr>")].replace("\u202f", " ").replace("\xa0", " ")
    before, after = row.split("</td><td>")[1:3]
    assert before == "moyenne 3 sur 5 (2 réponses ; de 1 à 5 : 0 · 1 · 0 · 1 · 0)"
    assert after.startswith("moyenne 5 sur 5 (1 réponse ; de 1 à 5 : 0 · 0 · 0 · 0 · 1)")
    # anonymous; a statement nobody answered shows a dash
    assert "Ana" not in section[:section.index("</table>")]
    other = rich.barometre[1].text.replace("'", "&#39;")
    assert section[section.index(other):].split("</tr>")[0].count("—") == 2
