"""The report shows each space's card (« Ce que l'îlot en dit ») and the café's notes by table,
their text and author, not only a count."""

from __future__ import annotations

import re
from html import unescape

from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.text import lang_for

from .conftest import ROOM

FR = lang_for("fr")


def section(html: str, key: str) -> str:
    return re.split(r'<h3 id="[^"]*">' + re.escape(FR.t(key)) + "</h3>", html)[1].split("<h3")[0]


def test_the_report_shows_the_cards_and_the_cafe_notes_by_table(rich, rich_script):
    state = rich_script.state
    assert state.cafe_notes and state.space_cards
    html = unescape(Report(Recording(ROOM, rich, rich_script.events)).html())
    cards = section(html, "report.cards_title")
    names = {sp.id: sp.name for sp in rich.play_spaces()}
    for line in state.space_cards.values():
        assert line.text in cards
        assert names[line.space] in cards
    # the trainer's rewording is what the card says
    assert "Dit en plénière" in cards
    cafe = section(html, "report.cafe_title")
    people = {p.id: p.name for p in state.participants.values()}
    for th in rich.cafe_themes:
        notes = [k for k in state.cafe_notes.values() if k.table == th.id]
        if notes:
            part = cafe.split(f"<h4>{th.title}</h4>")[1].split("</table>")[0]
            rows = re.findall(r"<tr><td class=\"n\">(\d+)</td><td>(.*?)</td><td>(.*?)</td></tr>", part)
            assert [(text, who) for _, text, who in rows] == [
                (k.text, people[k.author]) for k in sorted(notes, key=lambda k: (k.t, k.id))]


def test_a_report_without_cafe_has_neither_section(short, short_script):
    html = unescape(Report(Recording(ROOM, short, short_script.events)).html())
    assert "Ce que l'îlot en dit" not in html and "Les notes du world café" not in html
