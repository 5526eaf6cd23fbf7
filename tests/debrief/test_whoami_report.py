"""The report lists the group from the « qui suis-je » cards: per real-life role, how many and
their organisations; who wrote no card."""

from __future__ import annotations

from helpers import Session

from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report

from .conftest import ROOM


def test_the_report_lists_the_group_by_real_role_with_organisations(rich):
    rs = Session(rich)
    a, b, c = rs.join("Ana"), rs.join("Bruno"), rs.join("Chloé")
    rs.join("Driss")
    card = {"type": "whoami_set", "sentence": "Bonjour"}
    rs.act(a, {**card, "real_role": "tenant", "organisation": "Amicale des Marronniers"})
    rs.act(b, {**card, "real_role": "manager", "organisation": "Paris Habitat"})
    rs.act(c, {**card, "real_role": "manager", "organisation": "Paris Habitat"})
    html = Report(Recording(ROOM, rich, rs.events)).html().replace("\xa0", " ")
    section = html[html.index("Le groupe (cartes « qui suis-je »)"):]
    table = section[:section.index("</table>")]
    rows = [r.split("</td>")[:3] for r in table.split("<tr>")[2:]]
    cells = [[x.split(">")[-1] for x in r] for r in rows]
    assert cells == [["Locataire", "1", "Amicale des Marronniers"],
                     ["Encadrement", "2", "Paris Habitat"]]
    assert "Sans carte : Driss" in section


def test_no_cards_no_group_table(rich):
    rs = Session(rich)
    rs.join("Ana")
    html = Report(Recording(ROOM, rich, rs.events)).html()
    assert "qui suis-je" not in html
