"""The debrief in English: the report (`--lang en`), the event sentences and the replay's event
list. French stays the default: the other debrief tests check the French text."""

from __future__ import annotations

import json
import re
from html import unescape
from string import Formatter

import pytest
from helpers import RICH_FILE

from ilot.game.cli import main
from ilot.game.core.events import CURRENT_VERSIONS
from ilot.game.debrief import tabs
from ilot.game.debrief.browser import find_chromium, screenshot
from ilot.game.debrief.describe import TEMPLATES, WORDS, describe, subject_title
from ilot.game.debrief.i18n import STRINGS, clock, euros
from ilot.game.debrief.recording import LogRecording, Recording
from ilot.game.debrief.report import Report, write_report
from ilot.game.debrief.report_text import REPORT
from ilot.game.debrief.timeline import Timeline

from .conftest import GOLDEN, ROOM

HEADINGS_EN = ["1. Description", "2. Analysis", "3. Transition", "4. Application", "How the phases went",
               "Participation by role", "Participation by character", "Was everyone heard?",
               "Short timeline", "Consent history", "Secret objectives revealed",
               "Schéma directeur over 3 years", "Final action plan", "Charter of management and maintenance rules",
               "Indicators before / after", "Expectations at the welcome", "Trainer's notes"]
# the debrief's shared words the report uses, besides its own table
SHARED_KEYS = ["adopted", "not_adopted", "round", "charter", "final_plan", "met", "not_met", "unjudged",
               "charges", "trainer"]
# the words svg.schema_map writes in French, which the English report translates
MAP_FR = ["Année 1", "Année 2", "Année 3", "(année 1)", "(année 2)", "(année 3)"]


def _fragments(template: str) -> list[str]:
    """The fixed pieces of a template (between its placeholders), long enough to mean something."""
    return [p.strip() for p in re.split(r"\{[^}]*\}", template) if len(p.strip()) >= 5]


def _french_fragments() -> set[str]:
    pieces = set(MAP_FR)
    for fr, en in [*REPORT.values(), *(STRINGS[k] for k in SHARED_KEYS)]:
        pieces.update(p for p in _fragments(fr) if p not in en)
    return pieces


def _data_text(rec: Recording) -> str:
    """Everything the session's data says (scenario, events, notes): French, and kept as is."""
    events = json.dumps([e.data for e in rec.events], ensure_ascii=False)
    return " ".join([RICH_FILE.read_text(encoding="utf-8"), events, json.dumps(rec.notes(), ensure_ascii=False)])


@pytest.fixture(scope="module")
def rich_rec(rich, rich_script):
    rec = Recording(ROOM, rich, rich_script.events)
    rec.add_note(rich_script.events[300].t, "Le groupe 2 n'a pas été écouté")
    return rec


def test_english_report_has_english_headings_and_no_french_template_text(rich_rec):
    html = Report(rich_rec, lang="en").html()
    assert html.startswith('<!DOCTYPE html><html lang="en">')
    text = unescape(html)
    for h in HEADINGS_EN:
        assert h in text, h
    data = _data_text(rich_rec)
    checked = [f for f in sorted(_french_fragments()) if f not in data]
    assert len(checked) > 100  # most of the report's French is checked, not skipped as data
    leftovers = [f for f in checked if f in text]
    assert leftovers == []
    # the same check finds them in the French report: it would see a forgotten string
    french = unescape(Report(rich_rec).html())
    assert sum(f in french for f in checked) > 0.8 * len(checked)
    # English formats: days, money, quarters
    assert re.search(r"<b>D1 \d\d:\d\d</b>", html) and not re.search(r"<b>J\d \d\d:\d\d</b>", html)
    assert re.search(r"<td>Service charges / household / month</td><td class=n>€\d+</td>", html)
    assert ">Q4<" in html and ">T4<" not in html
    # participants' text stays as written
    assert "Le groupe 2 n'a pas été écouté" in text


def test_french_stays_the_default(rich_rec):
    fr = Report(rich_rec).html()
    assert fr == Report(rich_rec, lang="fr").html()
    assert fr.startswith('<!DOCTYPE html><html lang="fr">') and "2. Analyse" in fr and "2. Analysis" not in fr
    assert clock(0, 0) == clock(0, 0, "fr") and clock(0, 0).startswith("J1 ")
    assert clock(0, 0, "en").startswith("D1 ")
    assert euros(1234) == "1\u202f234 €" and euros(1234, "en") == "€1,234"
    assert euros(3.5, "en", cents=True, sign=True) == "+€3.50" and euros(-3.5, cents=True, sign=True) == "-3.50 €"


def test_every_event_type_has_an_english_sentence(rich, rich_script):
    fr, en = TEMPLATES["fr"], TEMPLATES["en"]
    assert set(fr) == set(en) == set(CURRENT_VERSIONS)
    for kind, sentence in en.items():
        fields = {f for _, f, _, _ in Formatter().parse(sentence) if f}
        assert fields == {f for _, f, _, _ in Formatter().parse(fr[kind]) if f}, kind
        assert sentence != fr[kind] or kind == "lock_set", kind  # "Session {lock}" reads in both
        assert "«" not in sentence and " :" not in sentence, kind
    assert set(WORDS["fr"]) == set(WORDS["en"])
    state = Timeline(rich, rich_script.events).final
    seen = set()
    french_words = {w for k, w in WORDS["fr"].items() if k not in ("quote", "reason")}
    for e in rich_script.events:
        seen.add(e.type)
        line = describe(e, state, "en")
        assert line and line != e.type, e.type
        assert describe(e, state) == describe(e, state, "fr")
        assert not any(w in line for w in french_words if len(w) > 5), line
        assert "«" not in line or "«" in json.dumps(e.data, ensure_ascii=False), line
    assert len(seen) >= 30  # the rich session uses most event types
    assert subject_title(state, "charter", "en") == "the management charter"
    assert subject_title(state, "final_plan") == "le plan d'action final"


def test_cli_writes_the_english_report(tmp_path):
    out_en, out_fr = tmp_path / "en.html", tmp_path / "fr.html"
    assert main(["debrief", str(GOLDEN), "--html", str(out_en), "--lang", "en"]) == 0
    assert main(["debrief", str(GOLDEN), "--html", str(out_fr)]) == 0
    en, fr = out_en.read_text(encoding="utf-8"), out_fr.read_text(encoding="utf-8")
    assert '<html lang="en">' in en and "consent rounds" in en and "Debrief:" in en
    assert '<html lang="fr">' in fr and "tours de consentement" in fr and "Débriefing :" in fr


def test_the_replay_event_list_follows_the_language(rich_log, monkeypatch):
    import pygame

    from ilot.game.debrief.viewer import Viewer

    said: list[tuple[str, str]] = []

    def spy(event, state, lang="fr"):
        line = describe(event, state, lang)
        said.append((lang, line))
        return line

    monkeypatch.setattr(tabs, "describe", spy)
    v = Viewer(LogRecording(rich_log), lang="en", now=lambda: 100.0)
    try:
        v.seek(40)
        assert v.tab == "events"
        for _ in range(2):
            v.step(wait=False)
    finally:
        pygame.quit()
    assert said and {lang for lang, _ in said} == {"en"}
    assert any(" joins the session" in line for _, line in said)


@pytest.mark.skipif(find_chromium() is None, reason="chromium absent")
def test_a_real_browser_renders_the_english_report(tmp_path, rich_rec):
    import pygame

    path = write_report(rich_rec, tmp_path / "en.html", lang="en")
    png = screenshot(path, tmp_path / "en.png", 1280, 2400)
    img = pygame.image.load(str(png))
    assert img.get_size() == (1280, 2400)
    colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1280, 8) for y in range(0, 2400, 8)}
    assert len(colours) > 40 and (38, 70, 83) in colours
