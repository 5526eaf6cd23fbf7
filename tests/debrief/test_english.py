"""The debrief in English: the report (`--lang en`), the event sentences and the command line.

The English report of a scripted two-day session holds none of the debrief's French words, and
the French report none of the English ones (the session's own data, French, is left out of the
check: names, titles and texts stay as written). French stays the default.
"""

from __future__ import annotations

import re

import pytest

from ilot.game.cli import main
from ilot.game.debrief.browser import find_chromium, screenshot
from ilot.game.debrief.describe import describe, subject_title
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report, write_report
from ilot.game.debrief.timeline import Timeline
from ilot.game.debrief.words import clock
from ilot.game.text import lang_for

from .conftest import GOLDEN, ROOM
from .language_checks import ENGLISH_WORDS, FRENCH_WORDS, checked, data_text, page_text, words_found

EN, FR = lang_for("en"), lang_for("fr")
HEADINGS_EN = ["1. Description", "2. Analysis", "3. Transition", "4. Application", "How the phases went",
               "Participation by role", "Participation by character", "Was everyone heard?",
               "Short timeline", "Consent history", "Secret objectives revealed",
               "Schéma directeur over 3 years", "Final action plan", "Charter of management and maintenance rules",
               "Indicators before / after", "Expectations at the welcome", "Trainer's notes"]


@pytest.fixture(scope="module")
def rich_rec(rich, rich_script):
    rec = Recording(ROOM, rich, rich_script.events)
    rec.add_note(rich_script.events[300].t, "Le groupe 2 n'a pas été écouté")
    return rec


@pytest.fixture(scope="module")
def reports(rich_rec):
    tl = Timeline(rich_rec.scenario, rich_rec.events)
    return {"en": Report(rich_rec, tl, EN).html(), "fr": Report(rich_rec, tl, FR).html()}


def test_english_report_has_english_headings_and_no_french_words(rich_rec, reports):
    html = reports["en"]
    assert html.startswith('<!DOCTYPE html><html lang="en">')
    text = page_text(html)
    for h in HEADINGS_EN:
        assert h in text, h
    data = data_text(rich_rec)
    assert len(checked(FRENCH_WORDS, data)) > 60  # most of the list is checked, not skipped as data
    assert words_found(text, FRENCH_WORDS, data) == []
    # the same check finds them in the French report: it would see a forgotten word
    found = words_found(page_text(reports["fr"]), FRENCH_WORDS, data)
    assert len(found) > 50, sorted(set(checked(FRENCH_WORDS, data)) - set(found))
    # English formats: days, money, quarters, numbers
    assert re.search(r"<b>D1 \d\d:\d\d</b>", html) and not re.search(r"<b>J\d \d\d:\d\d</b>", html)
    assert re.search(r'<td>Service charges / household / month</td><td class="n">€\d+</td>', html)
    assert ">Q4<" in html and ">T4<" not in html
    assert re.search(r"<b>1,\d\d\d</b>|\d,\d\d\d events recorded", html)
    # participants' text stays as written
    assert "Le groupe 2 n&#39;a pas été écouté" in html


def test_french_report_has_no_english_words(rich_rec, reports):
    data = data_text(rich_rec)
    assert len(checked(ENGLISH_WORDS, data)) > 60
    assert words_found(page_text(reports["fr"]), ENGLISH_WORDS, data) == []
    found = words_found(page_text(reports["en"]), ENGLISH_WORDS, data)
    assert len(found) > 50, sorted(set(checked(ENGLISH_WORDS, data)) - set(found))


def test_french_stays_the_default(rich_rec, reports):
    fr = Report(rich_rec).html()
    assert fr == reports["fr"]
    assert fr.startswith('<!DOCTYPE html><html lang="fr">') and "2. Analyse" in fr and "2. Analysis" not in fr
    assert clock(FR, 0, 0).startswith("J1 ") and clock(EN, 0, 0).startswith("D1 ")
    assert clock(FR, 86400 * 1.5, 0).startswith("J2 ")


def test_event_sentences_in_english_name_codes_with_the_shared_words(rich, rich_script):
    state = Timeline(rich, rich_script.events).final
    seen = set()
    for e in rich_script.events:
        seen.add(e.type)
        line = describe(e, state, EN)
        assert line and line != e.type, e.type
        assert "«" not in line or "«" in str(e.data), line
        if e.type == "note_added":
            assert f"({EN.t('term.note_kind.' + e.data['kind'])})" in line
        if e.type == "argument_added":
            assert f"({EN.t('term.stance.' + e.data['stance'])})" in line
    assert len(seen) >= 30  # the rich session uses most event types
    assert subject_title(state, "charter", EN) == "the management charter"
    assert subject_title(state, "final_plan", FR) == "le plan d'action final"


def test_cli_writes_the_english_report_and_speaks_english(tmp_path, capsys, monkeypatch):
    out_en, out_fr = tmp_path / "en.html", tmp_path / "fr.html"
    assert main(["debrief", str(GOLDEN), "--html", str(out_en), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Report written: ") and "Rapport" not in said
    assert main(["debrief", str(GOLDEN), "--html", str(out_fr)]) == 0
    assert capsys.readouterr().out.startswith("Rapport écrit\u00a0: ")
    en, fr = out_en.read_text(encoding="utf-8"), out_fr.read_text(encoding="utf-8")
    assert '<html lang="en">' in en and "consent rounds" in en and "Debrief:" in en
    assert '<html lang="fr">' in fr and "tours de consentement" in fr and "Débriefing\u00a0:" in fr
    # the command line's language (ILOT_LANG) is the default of every debrief command
    monkeypatch.setenv("ILOT_LANG", "en")
    log = tmp_path / "demo.jsonl"
    assert main(["log", "demo", "-o", str(log), "--participants", "4", "--scale", "0.2"]) == 0
    assert re.fullmatch(r"[\d,]+ events \(scripted session\) written to .*demo\.jsonl\n", capsys.readouterr().out)
    assert main(["replay", "--lang", "en", str(tmp_path / "absent.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "cannot be read" in err and "lecture" not in err


def test_cli_help_follows_the_language(capsys, monkeypatch):
    for lang, words, other in (("en", "replay a recorded session", "rejouer"),
                               ("fr", "rejouer une session enregistrée", "replay a recorded")):
        monkeypatch.setenv("ILOT_LANG", lang)
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        assert words in out and other not in out
        with pytest.raises(SystemExit):
            main(["debrief", "--lang", lang, "--help"])
        out = capsys.readouterr().out
        expected = "language of the report" if lang == "en" else "langue du rapport"
        assert expected in out


@pytest.mark.skipif(find_chromium() is None, reason="chromium absent")
def test_a_real_browser_renders_the_english_report(tmp_path, rich_rec):
    import pygame

    path = write_report(rich_rec, tmp_path / "en.html", lang=EN)
    png = screenshot(path, tmp_path / "en.png", 1280, 2400)
    img = pygame.image.load(str(png))
    assert img.get_size() == (1280, 2400)
    colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1280, 8) for y in range(0, 2400, 8)}
    assert len(colours) > 40 and (38, 70, 83) in colours
