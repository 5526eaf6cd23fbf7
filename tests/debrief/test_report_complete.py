"""Every section of the report is there and filled, on a scripted two-day session of each
shipped scenario, in both versions (the trainer's and the one to share).

REQUIRED_IDS lists the ids of the report's sections and sub-sections (`<section id>` and its
`<h3 id>`): add yours there when you add a part to the report. A part shown only when the
scenario has a phase of some kind goes in WHEN_PLAYED instead. « Filled » means: some text
after the heading, every table in it with at least one row, and none of the report's « nothing
here » sentences.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from ilot.game.core import load_scenario
from ilot.game.core.kinds import PhaseKind
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.debrief.scripted import play
from ilot.game.text import lang_for

from .conftest import ROOM

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.json"))
FR = lang_for("fr")

REQUIRED_IDS = [
    # the one-page summary
    "summary", "summary-decisions", "summary-schema", "summary-plan", "summary-moved", "summary-open",
    "summary-next",
    # 1. Description
    "description", "phases", "by-role", "by-persona", "heard", "short-timeline",
    "act-diagnosis", "act-diverge",
    # 2. Analyse
    "analyse", "delib-trace", "delib-blocks", "crossed", "session-curve", "objectives",
    # 3. Transition
    "transition", "schema", "plan", "plan-not-kept", "charter", "before-after", "workload", "why",
    # 4. Application
    "application", "expectations", "barometre", "trainer-notes",
]
TRAINER_IDS = ["trainer", "trainer-quiet"]  # the trainer's version only
# shown when the scenario has a phase of this kind (the scripted session plays it)
WHEN_PLAYED = {"talk": PhaseKind.INTERVENTION, "experiences": PhaseKind.PROJETS,
               "space-cards": PhaseKind.WORLD_CAFE, "cafe": PhaseKind.WORLD_CAFE,
               # every activity (activities.py): shown always, filled when played
               "act-projects": PhaseKind.PROJETS, "act-resources": PhaseKind.RESSOURCES,
               "act-cafe": PhaseKind.WORLD_CAFE, "act-drafts": PhaseKind.ATELIERS,
               "act-arguments": PhaseKind.MISE_EN_COMMUN}
# the report's « nothing here » sentences: never in a filled part
EMPTY_KEYS = ["report.no_round", "report.no_crossed", "report.no_objectives", "report.empty_schema",
              "report.no_rule", "report.no_notes", "summary.moved.none", "summary.next.no_action",
              "acts.none"]


def part(html: str, ident: str) -> str:
    """What a section or heading with this id holds: a section's inside without its title, a
    heading's following markup up to the next heading of its level or above."""
    m = re.search(r'<(section|h[234])\b[^>]*\bid="' + re.escape(ident) + r'"[^>]*>', html)
    assert m, f"no element with id {ident!r}"
    tag, start = m.group(1), m.end()
    if tag == "section":
        start = html.index("</h2>", start) + len("</h2>")
        return html[start:html.index("</section>", start)]
    start = html.index(f"</{tag}>", start) + len(f"</{tag}>")
    stops = {"h2": ("</section>",), "h3": ("<h3", "<h2", "</section>"),
             "h4": ("<h4", "<h3", "<h2", "</section>")}[tag]
    end = min((k for k in (html.find(s, start) for s in stops) if k >= 0), default=len(html))
    return html[start:end]


def filled(html: str) -> bool:
    text = unescape(re.sub(r"<[^>]+>", " ", html)).strip()
    tables = re.findall(r"<table.*?</table>", html, re.S)
    empty = [FR.t(k) for k in EMPTY_KEYS]
    return (bool(text) and all("<td" in t for t in tables)
            and not any(e in unescape(html) for e in empty))


def ids_of(html: str) -> list[str]:
    return re.findall(r'<(?:section|h[234])\b[^>]*\bid="([^"]+)"', html)


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.stem)
def reports(request):
    """(scenario, trainer's html, shareable html) of a scripted full session, with a trainer's note."""
    sc = load_scenario(request.param)
    script = play(sc, participants=14, scale=1.0, seed=3)
    rec = Recording(ROOM, sc, script.events)
    rec.add_note(script.events[len(script.events) // 2].t, "Bon moment d'échange sur la cour")
    return sc, Report(rec).html(), Report(rec, share=True).html()


def test_every_section_is_present_and_filled(reports):
    sc, trainer, shared = reports
    kinds = {p.kind for p in sc.phases}
    expected = REQUIRED_IDS + [i for i, kind in WHEN_PLAYED.items() if kind in kinds]
    for version, html, more in (("trainer", trainer, TRAINER_IDS), ("share", shared, [])):
        found = ids_of(html)
        assert len(found) == len(set(found)), f"{version}: an id used twice"
        missing = [i for i in expected + more if i not in found]
        assert not missing, f"{version}: missing {missing}"
        empty = [i for i in expected + more if not filled(part(html, i))]
        assert not empty, f"{version}: empty {empty}"
    assert not [i for i in TRAINER_IDS if i in ids_of(shared)]


def test_every_id_of_the_report_is_checked_here(reports):
    """A part added to the report without being added to this test's lists is caught."""
    _, trainer, _ = reports
    known = set(REQUIRED_IDS) | set(TRAINER_IDS) | set(WHEN_PLAYED) | {"whoami-group", "characters"}
    per_subject = re.compile(r"delib-s\d+")  # one per subject put to consent
    assert [i for i in ids_of(trainer) if i not in known and not per_subject.fullmatch(i)] == []


def test_an_empty_part_is_caught():
    """The checks can fail: a heading followed by nothing, or by a table without rows, or by
    a « nothing here » sentence is not filled."""
    html = ('<section id="x"><h2>X</h2><h3 id="a">A</h3><h3 id="b">B</h3><table><tr><th>h</th></tr>'
            f'</table><h3 id="c">C</h3><p>{FR.t("report.no_rule")}</p><h3 id="d">D</h3><p>ok</p></section>')
    assert [i for i in "abcd" if filled(part(html, i))] == ["d"]
    with pytest.raises(AssertionError):
        part(html, "nowhere")
