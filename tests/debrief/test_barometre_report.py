"""The report shows the baromètre before and after, anonymous: means and counts per level."""

from __future__ import annotations

from helpers import Session

from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report

from .conftest import ROOM


def _placed(rich) -> Session:
    """Ana (2) and Bruno (4) on the first statement at the accueil; Ana (5) at the synthèse."""
    rs = Session(rich)
    a, b = rs.join("Ana"), rs.join("Bruno")
    place = {"type": "barometre_place", "statement": rich.barometre[0].id}
    rs.act(a, {**place, "level": 2, "real_role": "tenant"})
    rs.act(b, {**place, "level": 4, "real_role": "manager"})
    rs.goto("synthese")
    rs.act(a, {**place, "level": 5})
    return rs


def test_the_report_shows_the_barometre_before_and_after(rich):
    rs = _placed(rich)
    st = rich.barometre[0]
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


def test_the_replay_shows_the_barometre_before_and_after(rich, tmp_path):
    """The Attentes tab opens on the baromètre as it stood at the cursor, without names."""
    import pygame

    from ilot.game.debrief.logfile import write_log
    from ilot.game.debrief.recording import LogRecording
    from ilot.game.debrief.viewer import Viewer

    from .test_english_replay import SpyFont

    rs = _placed(rich)
    log = tmp_path / "s.jsonl"
    write_log(log, ROOM, rich, rs.events)
    v = Viewer(LogRecording(log), now=lambda: 100.0)
    seen: list[str] = []
    try:
        for name in ("small", "body", "bold", "title"):
            setattr(v.fonts, name, SpyFont(getattr(v.fonts, name), seen))
        v.set_tab("expectations")
        for at, wanted in ((len(v.tl), "Après : moyenne 5 sur 5"), (len(v.tl) - 1, "Après : —")):
            v.seek(at)
            seen.clear()
            v.step(wait=False)
            lines = [x.replace("\xa0", " ").replace("\u202f", " ") for x in seen]
            assert "Le baromètre, avant et après" in lines
            row = next(x for x in lines if x.startswith("Avant : moyenne 3 sur 5"))
            assert wanted in row, row
            assert not any("Ana" in x or "Bruno" in x for x in lines if "baromètre" in x or "moyenne" in x)
    finally:
        pygame.quit()
