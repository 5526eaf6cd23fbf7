"""The replay window, its event list and the SVG map in English and in French
(`ilot replay … --lang en`, the report's map).

The viewer is driven headless through every tab, at the start, in the middle and at the end of
a session; its fonts are wrapped so the test sees every line it draws (tabs, legend, simulation
box, map labels, the event list). The English window holds none of the debrief's French words
and the French one none of the English words; the session's data (French) is left out.
"""

from __future__ import annotations

import hashlib
import re

import pygame
import pytest

from ilot.game.debrief.describe import describe
from ilot.game.debrief.recording import LogRecording, Recording
from ilot.game.debrief.report import Report
from ilot.game.debrief.svg import hbars, schema_map
from ilot.game.debrief.timeline import Timeline
from ilot.game.debrief.viewer import Viewer
from ilot.game.text import lang_for

from .conftest import GOLDEN, ROOM
from .language_checks import ENGLISH_WORDS, FRENCH_WORDS, checked, data_text, words_found
from .test_viewer import click

EN, FR = lang_for("en"), lang_for("fr")
# French formats that must not show in English: a year on the map, money, quarters, a label
FRENCH_FORMATS = [r"[Aa]nnée \d", r"\d €", r"^\S+ A[123]$", r"^T[1-4] ", r"\) : “", r"\d,\d\d?(?!\d)",
                  r"^(Expectation|Evaluation|Service charges / household / month|Year \d) : ",
                  r"(Caretakers' workload|Investment planned) : "]


class SpyFont:
    """A font that remembers every line rendered with it."""

    def __init__(self, font: pygame.font.Font, seen: list[str]):
        self._font, self._seen = font, seen

    def render(self, s, *args, **kw):
        self._seen.append(s)
        return self._font.render(s, *args, **kw)

    def __getattr__(self, name):
        return getattr(self._font, name)


def _tour(log, lang) -> tuple[dict, dict]:
    """Every tab at the start, the middle and the end: {(cursor, tab): lines drawn}, and the
    window's own texts (buttons, tooltips, caption)."""
    v = Viewer(LogRecording(log), lang=lang, now=lambda: 100.0)
    seen: list[str] = []
    for name in ("small", "body", "bold", "title"):
        setattr(v.fonts, name, SpyFont(getattr(v.fonts, name), seen))
    drawn: dict[tuple[int, str], list[str]] = {}
    try:
        n = len(v.tl)
        for at in (0, n * 2 // 3, n):
            v.seek(at)
            for name, button in v.tab_buttons.items():
                v.step(wait=False)
                seen.clear()
                click(v, button.rect.center)
                assert v.tab == name
                drawn[(at, name)] = list(seen)
        window = {
            "caption": pygame.display.get_caption()[0],
            "buttons": [b.text for b in (v.b_play, v.b_next, v.b_add, *v.tab_buttons.values())],
            "tips": [v.b_prev_phase.tool_tip_text, v.b_next_phase.tool_tip_text],
            "placeholder": v.entry.placeholder_text,
        }
    finally:
        pygame.quit()
    return drawn, window


@pytest.fixture(scope="module")
def data(rich, rich_script):
    return data_text(Recording(ROOM, rich, rich_script.events))


@pytest.fixture(scope="module")
def sentences(rich, rich_script):
    """Every event of the scripted session described in each language, as the event list shows it."""
    final = Timeline(rich, rich_script.events).final
    return {code: [describe(e, final, lang) for e in rich_script.events] for code, lang in (("en", EN), ("fr", FR))}


def _own_lines(lines: list[str], data: str) -> str:
    """The lines that are not simply the session's data (a name, a title cut or not), joined."""
    return "\n".join(line for line in lines if line.rstrip("…") not in data)


def test_the_english_event_list_has_no_french_words(sentences, data):
    en = "\n".join(sentences["en"])
    assert len(checked(FRENCH_WORDS, data)) > 60
    assert words_found(en, FRENCH_WORDS, data) == []
    assert "«" not in en.replace(data, "")
    # the check sees French: the French event list is full of it
    assert len(words_found("\n".join(sentences["fr"]), FRENCH_WORDS, data)) > 25


def test_the_french_event_list_has_no_english_words(sentences, data):
    assert words_found("\n".join(sentences["fr"]), ENGLISH_WORDS, data) == []
    assert len(words_found("\n".join(sentences["en"]), ENGLISH_WORDS, data)) > 25
    # French typography, plurals and shared words
    fr = sentences["fr"]
    assert any(re.fullmatch(r".+ rejoint la session", s) for s in fr)
    assert any("\u00a0: «\u00a0" in s and s.endswith("\u00a0»") for s in fr)
    assert any(re.fullmatch(r"Formation de \d+ groupes?", s) for s in fr)
    assert any(re.fullmatch(r"Plan final\u00a0: \d+ actions? retenues?", s) for s in fr)
    assert any(re.search(r"pose une note \((Atout|Problème|Idée)\)", s) for s in fr)
    # the plan is masculine, the charter and proposals feminine
    assert "Fin du tour sur le plan d'action final\u00a0: adopté" in fr
    assert "Fin du tour sur la charte de gestion\u00a0: adoptée" in fr


def test_every_tab_of_the_replay_window_speaks_english(rich_log, data, sentences):
    drawn, window = _tour(rich_log, EN)
    every = [line for lines in drawn.values() for line in lines]
    assert len(every) > 500
    own = _own_lines(every, data)
    assert words_found(own, FRENCH_WORDS, data) == []
    assert [(line, rx) for line in own.split("\n") for rx in FRENCH_FORMATS if re.search(rx, line)] == []
    # each tab drew something of its own, in English
    end = max(at for at, _ in drawn)
    assert any(line.startswith("Proposals (") for line in drawn[(end, "plan")])
    assert any(re.match(r"“.+” — (open|adopted|withdrawn|merged) · .+ · \d+ uses?$", line)
               for line in drawn[(end, "plan")])
    assert any(re.match(r"Year 1: ", line) for line in drawn[(end, "plan")])
    # each action after its group of origin, named in English (the core only numbers groups)
    assert any(re.match(r"(Group \d+|Trainer|No group) · "
                        r"Q\d+ .* · €[\d,]+ \((landlord|service charges)\)", line)
               for line in drawn[(end, "plan")])
    assert "Charter (0 rules)" in drawn[(0, "plan")]  # at the end, the long plan pushes it out of view
    assert "By character" in drawn[(end, "participation")] and "Barely heard" in drawn[(end, "participation")]
    assert any(re.match(r".+ — .+: “", line) for line in drawn[(end, "consent")])
    assert any(re.match(r"Moves: .+ to .+: \d", line) for line in drawn[(end, "consent")])
    assert "No consent round yet." in drawn[(0, "consent")]
    assert any(line.startswith("Value at the end of year 3") for line in drawn[(end, "indicators")])
    assert any(line.startswith("Expectation: ") for line in drawn[(end, "expectations")])
    assert any(line.startswith("No notes yet") for line in drawn[(0, "notes")])
    # the event list draws the English sentences (cut to the panel's width)
    listed = [line for at in drawn if at[1] == "events" for line in drawn[at]]
    english = {s.translate({0xa0: " ", 0x202f: " "}) for s in sentences["en"]}
    assert sum(line in english or line.endswith("…") for line in listed) > 40
    # the legend and the simulation box, drawn with every tab
    for lines in drawn.values():
        assert {"Strength", "Problem", "Idea", "year 1", "year 3", "adopted, not placed yet"} <= set(lines)
        assert any(re.search(r"\d+ h / \d+ h per week", line) for line in lines)
        assert any(re.match(r"Service charges / household / month: €\d+\.\d\d$", line) for line in lines)
    assert any(re.fullmatch(r"\S+ Y[123]", line) for line in drawn[(end, "plan")])  # the map's labels
    # the window's own texts
    assert window["caption"] == f"Îlot — debrief {ROOM}"
    assert window["tips"] == ["Previous phase", "Next phase"]
    assert window["buttons"] == ["Play", "Next event", "Add", "Log", "Plan", "Participation", "Consent",
                                 "Indicators", "Expect.", "Goals", "Notes", "Projects", "Diagnosis",
                                 "Resources", "Café", "Workshops", "Arguments"]
    assert window["placeholder"] == "Debrief note at this moment…"


def test_the_french_replay_window_speaks_french(rich_log, data):
    drawn, window = _tour(rich_log, FR)
    every = [line for lines in drawn.values() for line in lines]
    own = _own_lines(every, data)
    assert words_found(own, ENGLISH_WORDS, data) == []
    assert len(words_found(own, FRENCH_WORDS, data)) > 15
    end = max(at for at, _ in drawn)
    # French typography kept: the client's font draws the no-break spaces (test_replay_infra)
    assert "\u00a0" in own
    spaces = str.maketrans({"\u00a0": " ", "\u202f": " "})
    drawn = {k: [line.translate(spaces) for line in lines] for k, lines in drawn.items()}
    for lines in drawn.values():
        assert {"Atout", "Problème", "Idée", "année 1", "adopté, pas encore placé"} <= set(lines)
        assert any(re.search(r"\d+ h / \d+ h par semaine", line) for line in lines)
        assert any(re.match(r"Charges locatives / ménage / mois : \d+,\d\d €$", line) for line in lines)
    assert any(re.match(r"Année 1 : ", line) for line in drawn[(end, "plan")])
    assert any(re.match(r"(Groupe \d+|Formateur·rice|Hors groupe) · "
                        r"T\d+ .* · [\d ]+ € \((bailleur|charges locatives)\)", line)
               for line in drawn[(end, "plan")])
    assert any(re.match(r"Charte \(\d+ règles?\)", line) for line in drawn[(0, "plan")])
    assert "Pas encore de tour de consentement." in drawn[(0, "consent")]
    assert "Peu entendu·es" in drawn[(end, "participation")]
    assert window["caption"] == f"Îlot — débriefing {ROOM}"
    assert window["tips"] == ["Phase précédente", "Phase suivante"]
    assert window["buttons"][3:] == ["Journal", "Plan", "Participation", "Consentement", "Indicateurs",
                                     "Attentes", "Objectifs", "Notes", "Projets", "Diagnostic",
                                     "Ressources", "Café", "Ateliers", "Arguments"]


# ----- the SVG map -----
# schema_map's French output before the text layer: it moved only by the escaping of quotes
# (markupsafe's &#39; and &#34; for html.escape's &#x27; and &quot;) and the no-break space of
# French typography before the colon of its tooltips; then by its colours taken from the
# palette and its use codes drawn as badges (palette.badge: readable on any use colour).
# The map of the golden log, and of the scripted session of the default scenario (which follows
# the scenario's phases and minutes: it changes when they change). The rich map moved when its
# caves became a basement (hatched, dashed) and its toit-terrasse a roof (double edge); without
# those two levels it still gives ed7aeda3d2600443c1419c8db5c125291b1c2d9f4f9c1061f0299152dba1ae16.
# It moves whenever the scripted session of the default scenario gains events before its
# schéma (later ids and random groups follow the events' sequence numbers): its intervention
# phase, the participants' experience cards, the café's notes filed under the spaces' cards, the
# personnages phase (day 1, 16:30). Then each placed space got its year's number badge and the
# legend its badges (years told apart without colour): before that, golden 41927509…d1f51 and
# rich 710a7931…9a0ef6. Then the activities' scripted changes (characters created and chosen on
# day 2, café notes naming a space and all filed, divergent notes, personas by role in turn).
MAP_SHA256 = {"golden": "a81435d71cffb226b4571b5a0cefe2447a8a9f84639aeca793f5e9da1a9bee90",
              "rich": "281d6e5b0007227fdb33108fc0b5ab71324397b5511c3ed9ecafc91405577163"}


def _placements(rec: Recording) -> dict[str, tuple[str, int]]:
    state = Timeline(rec.scenario, rec.events).final
    return {space: (p.use, p.year) for space, p in state.schema.items()}


@pytest.fixture(scope="module")
def maps(rich, rich_script):
    return {"golden": LogRecording(GOLDEN), "rich": Recording(ROOM, rich, rich_script.events)}


def test_the_svg_map_in_english_and_french_unchanged(maps):
    for name, rec in maps.items():
        pl = _placements(rec)
        assert pl, name
        fr = str(schema_map(rec.scenario, pl, FR))
        before = fr.replace("\u00a0:", " :").replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
        assert hashlib.sha256(before.encode("utf-8")).hexdigest() == MAP_SHA256[name], name
        assert "Année 1" in fr and "(année" in fr
        en = str(schema_map(rec.scenario, pl, EN))
        assert "Année" not in en and "année" not in en, name
        assert ">Year 1<" in en and ">Year 3<" in en and re.search(r": [^<]+ \(year [123]\)</title>", en)
        assert re.search(r"(·|>)[^<]* Y[123]</text>|>\S+</text>", en)
        assert not re.search(r" · A[123]</text>", en)
        # nothing but those words differs
        back = re.sub(r">Year (\d)<", r">Année \1<", en)
        back = back.replace(" (basement)", " (sous-sol)").replace(" (roof)", " (toit)")  # levels
        back = re.sub(r": ([^<]*) \(year (\d)\)</title>", "\u00a0: \\1 (année \\2)</title>", back)
        assert re.sub(r" · Y(\d)</text>", r" · A\1</text>", back) == fr


def test_svg_tooltips_and_numbers_follow_the_language():
    rows = [("Q1", [(3.25, "#2a9d8f", "mean out of 5")])]
    assert "<title>mean out of 5: 3.2</title>" in hbars(rows, EN)
    assert "<title>mean out of 5\u00a0: 3,2</title>" in hbars(rows, FR)
    assert ">3,2</text>" in hbars(rows, FR)


def test_the_report_draws_its_map_in_its_language(maps):
    rec = maps["golden"]
    pl = _placements(rec)
    en, fr = Report(rec, lang=EN).html(), Report(rec).html()
    assert schema_map(rec.scenario, pl, EN) in en
    assert schema_map(rec.scenario, pl, FR) in fr
    svgs = re.findall(r"<svg.*?</svg>", en, re.S)
    assert svgs and not any("nnée" in s or re.search(r"\w : \d", s) or re.search(r">\d+,\d<", s) for s in svgs)
