"""The report: its sections in the debrief order, numbers that match the log, escaped text,
no network, and a real browser renders it."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

import pytest
from markupsafe import escape

from ilot.game.cli import main
from ilot.game.core import Actor
from ilot.game.core.simulation import simulate_state
from ilot.game.debrief.browser import find_chromium, screenshot
from ilot.game.debrief.logfile import read_log
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report, write_report
from ilot.game.debrief.scripted import Script
from ilot.game.text import lang_for
from ilot.game.text.spaces import space_name

from .conftest import GOLDEN, ROOM

FR = lang_for("fr")
HEADINGS = ["1. Description", "2. Analyse", "3. Transition", "4. Application"]


def _role_counts_from_events(events, state):
    """Per role, recounted from the raw log: notes still on the map, positions per round."""
    role = {pid: p.role for pid, p in state.participants.items()}
    notes: dict[str, str] = {}
    positions: set[tuple[str, str]] = set()
    proposals: Counter = Counter()
    for e in events:
        if e.type == "note_added":
            notes[e.data["note"]] = e.by
        elif e.type == "note_removed":
            notes.pop(e.data["note"], None)
        elif e.type == "position_taken":
            positions.add((e.data["round"], e.by))
        elif e.type == "proposal_made":
            proposals[role.get(e.by)] += 1
    out = {}
    for r in ("resident", "caretaker", "manager"):
        out[r] = {"notes": sum(1 for a in notes.values() if role.get(a) == r),
                  "positions": sum(1 for _, a in positions if role.get(a) == r),
                  "people": sum(1 for x in role.values() if x == r),
                  "proposals": proposals[r]}
    return out


def _french_float(text: str) -> float:
    """12,5 / 1 234,5 (narrow no-break space between thousands) → 1234.5"""
    assert "." not in text, text
    return float(text.replace("\u202f", "").replace(",", "."))


def _cells(html: str, first_cell: str, section: str | None = None) -> list[str]:
    """The cells of the first table row that starts with `first_cell` (in `section` if given:
    the activities in Description also have rows named after an indicator or a métier)."""
    if section is not None:
        html = html[html.index(f'<section id="{section}"'):]
    m = re.search(r"<tr><td>" + re.escape(first_cell) + r"</td>(.*?)</tr>", html)
    assert m, first_cell
    return re.findall(r"<td[^>]*>(.*?)</td>", m.group(1))


def test_sections_in_debrief_order_with_the_numbers_of_the_log(rich, rich_script):
    rec = Recording(ROOM, rich, rich_script.events)
    rec.add_note(rich_script.events[300].t, "Le groupe 2 n'a pas été écouté")
    html = Report(rec).html()
    positions = [html.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    for title in ("Déroulé des phases", "Participation par rôle", "Participation par personnage",
                  "Tout le monde a-t-il été entendu", "Chronologie courte", "Historique du consentement",
                  "Objectifs secrets révélés", "Schéma directeur à 3 ans", "Plan d'action final",
                  "Charte des règles", "Indicateurs avant / après", "Attentes de l'accueil",
                  "Notes de l'animateur·rice"):
        assert title in html or escape(title) in html, title
    state = rich_script.state
    expected = _role_counts_from_events(rich_script.events, state)
    roles = {r.kind: r.name for r in rich.roles}
    for kind, counts in expected.items():
        cells = _cells(html, roles[kind])
        # columns: Pers., Actions, Notes, Propos., Amend., Comm., Argum., Plan, Café, Positions, Parole
        assert int(cells[0]) == counts["people"]
        assert int(cells[2]) == counts["notes"]
        assert int(cells[3]) == counts["proposals"]
        assert int(cells[9]) == counts["positions"]
    # every block's reason appears, in the consent history
    reasons = {e.data["reason"] for e in rich_script.events
               if e.type == "position_taken" and e.data["option"] == "blocage"}
    assert reasons and all(escape(r) in html for r in reasons)
    # indicators before/after are the simulation of the final plan
    traj = simulate_state(state)
    name = rich.indicators[0].name
    cells = _cells(html, name, "transition")
    assert _french_float(cells[0]) == pytest.approx(traj.start.indicators[rich.indicators[0].id], abs=0.05)
    assert _french_float(cells[1]) == pytest.approx(traj.final.indicators[rich.indicators[0].id], abs=0.05)
    # the change is said in words too (higher is better here): never the colour alone
    change = traj.final.indicators[rich.indicators[0].id] - traj.start.indicators[rich.indicators[0].id]
    word = "mieux" if round(change, 1) > 0 else "moins bien" if round(change, 1) < 0 else "stable"
    assert cells[2].endswith(f"({word})</span>") or cells[2] == f"0 ({word})", cells[2]
    # the final schéma directeur: one map polygon per space, placed ones named with their year
    # (and, drawn over a space without catching the pointer, the marks of a basement or a roof)
    schema = re.search(r'<svg class="map"[^>]*aria-label="Schéma directeur".*?</svg>', html, re.S)
    shapes = re.findall(r'<polygon points=[^>]*>', schema[0]) if schema else []
    shapes = [p for p in shapes if 'pointer-events="none"' not in p]
    assert len(shapes) == len(rich.buildings) + len(rich.play_spaces())
    # the notes of the état des lieux on the map: a mark per note, its shape telling its kind
    notes = re.search(r'<svg class="map"[^>]*aria-label="Les notes de l[^"]*état des lieux sur le plan".*?</svg>',
                      html, re.S)
    assert notes and notes[0].count("<g>") == len(state.notes) > 0
    for space, p in state.schema.items():
        name = space_name(FR, rich.space(space))  # with its level: « Caves … (sous-sol) »
        assert escape(f"{name}\u00a0: {rich.use(p.use).name} (année {p.year})") in html
    assert "Le groupe 2 n&#39;a pas été écouté" in html
    # the quietest participant is flagged
    quiet = rich_script.state.participants[list(rich_script.state.participants)[-1]].name
    assert "Peu entendu·es" in html and escape(quiet) in html.split("Peu entendu·es")[1][:2000]


def test_self_contained_and_escaped(short):
    s = Script(short, seed=3, start=1_800_000_000.0)
    trainer = Actor.trainer()
    s.trainer({"type": "set_phase", "phase": 0})
    pid = s.act(Actor.newcomer(), {"type": "join", "name": "<script>alert(1)</script>"})[0].data["participant"]
    me = Actor.participant(pid)
    s.act(me, {"type": "choose_persona", "persona": short.personas[0].id})
    s.act(me, {"type": "write_expectation", "text": "</td></tr><img src=x onerror=alert(2)>"})
    s.act(trainer, {"type": "set_phase", "phase": 1})
    s.act(me, {"type": "add_note", "space": short.spaces[0].id, "kind": "idee", "text": "<b>gras</b> & co"})
    rec = Recording("X", short, s.events)
    rec.add_note(s.t, "<iframe src='http://example.com'>")
    html = Report(rec).html()
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<b>gras" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;img" in html
    # only plain markup and inline SVG: no script, no link, nothing fetched from anywhere
    tags = set(re.findall(r"<(\w+)", html))
    assert tags <= {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "h4",
                    "p", "span", "section", "div", "b", "i", "table", "thead", "tbody", "tr", "th",
                    "td", "svg", "line", "text", "path", "rect", "polygon", "circle", "g", "ul", "li", "br"}, tags
    assert not re.search(r"<[^>]*\s(src|href|xlink:href)=", html)
    assert "@import" not in html and "url(" not in html


def test_golden_log_reports(tmp_path, capsys):
    out = tmp_path / "golden.html"
    assert main(["debrief", str(GOLDEN), "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    log = read_log(GOLDEN)
    rounds = sum(1 for e in log.events if e.type == "round_closed")
    assert html.count("<h4>") >= 1 and f"<b>{rounds}</b>tours de consentement" in html
    for h in HEADINGS:
        assert h in html


def test_report_from_the_store_matches_the_log(data_dir, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["debrief", "--data", str(data_dir), "--room", ROOM, "--html", str(a)]) == 0
    log = tmp_path / "x.jsonl"
    assert main(["log", "export", "--data", str(data_dir), "--room", ROOM, "-o", str(log)]) == 0
    assert main(["debrief", str(log), "--html", str(b)]) == 0
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    assert main(["debrief", "--data", str(data_dir), "--room", "NOPE", "--html", str(a)]) == 2


@pytest.mark.skipif(find_chromium() is None, reason="chromium absent")
def test_a_real_browser_renders_the_report(tmp_path, rich, rich_script):
    import pygame

    path = write_report(Recording(ROOM, rich, rich_script.events), tmp_path / "r.html")
    png = screenshot(path, tmp_path / "r.png", 1280, 2400)
    img = pygame.image.load(str(png))
    assert img.get_size() == (1280, 2400)
    # not a blank page: the dark section band, table lines and chart colours are there
    colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1280, 8) for y in range(0, 2400, 8)}
    assert len(colours) > 40
    assert (38, 70, 83) in colours  # the section heading band (#264653)


def test_french_numbers_money_hours_and_plurals_in_the_report(rich, rich_script):
    """The scripted session (a known state), one of its final actions given 0.25 weekly hours
    and a cost of 1 234.4 €: every number of the report is written the French way."""
    final = next(e for e in rich_script.events if e.type == "plan_items_finalised").data["items"]
    edited = {e.data["item"] for e in rich_script.events if e.type == "plan_item_edited"}
    item = next(i for i in final if i not in edited)  # as added: its cost and hours are kept
    events = [e.with_data({**e.data, "hours": 0.25, "cost": 1234.4})
              if e.type == "plan_item_added" and e.data["item"] == item else e
              for e in rich_script.events]
    html = Report(Recording(ROOM, rich, events)).html()
    nb, nn = "\u00a0", "\u202f"  # no-break space, narrow no-break space
    assert re.search(rf"· 1{nn}\d\d\d événements enregistrés</p>", html)  # 1 137
    # group, action, space, use, lead, quarter, cost, payer, hours (plan_table.HEAD)
    assert re.search(rf'<tr>(<td>[^<]+</td>){{5}}<td class="n">T\d+</td><td class="n">1{nn}234{nb}€</td>'
                     rf'<td>[^<]+</td><td class="n">\+0,25{nn}h</td>', html)
    cells = _cells(html, "Charges locatives / ménage / mois")
    assert all(re.fullmatch(rf"\d+{nb}€", c) for c in cells[:2]), cells
    assert re.fullmatch(rf"[+-]\d+,\d\d{nb}€|0,00{nb}€", cells[2]), cells
    cells = _cells(html, "Investissement prévu par le plan (bailleur)")
    assert re.fullmatch(rf"\d{{1,3}}({nn}\d{{3}})*{nb}€", cells[1]) and cells[2].startswith("budget "), cells
    for m in rich.metiers:  # the workload table: available / needed / overload (or —)
        cells = _cells(html, str(escape(m.name)), "transition")
        assert all(re.fullmatch(rf"\d+(,\d\d?)?{nn}h", c) for c in cells[:2]), cells
        assert re.fullmatch(rf"\d+{nn}%|—", cells[2]), cells
    for ind in rich.indicators:
        before, after, change = _cells(html, ind.name, "transition")
        assert re.fullmatch(r"\d+(,\d)?", before) and re.fullmatch(r"\d+(,\d)?", after), (before, after)
        assert re.fullmatch(r'<span class="(ok|ko)">[+-]\d+(,\d)? \((mieux|moins bien)\)</span>|0 \(stable\)',
                            change), change
    numeric = re.findall(r'<td class="n">(.*?)</td>', html)
    assert numeric and not [c for c in numeric if re.search(r"\d\.\d", c)]  # no English decimals
    assert not re.search(r"(?<![\d,])-0(?![,\d])", html)  # never -0
    assert not re.search(r"\d\.\d\d ?€|€\d", html)  # never 68.00 € nor €68
    assert re.search(r"\d+ évaluations reçues, présentées sans nom\.", html)
    assert re.search(r"<b>\d+</b>propositions adoptées", html)
    assert re.search(rf"<title>moyenne sur 5{nb}: \d,\d</title>", html)  # the charts' tooltips
    assert re.search(r'<h4 id="delib-s\d+">Plan d&#39;action final — <span class="ok">adopté</span></h4>', html)
    assert re.search(r'<h4 id="delib-s\d+">Charte de gestion — <span class="ok">adoptée</span></h4>', html)


def test_writing_a_report_needs_no_pygame():
    """`ilot debrief` on a machine without a display: the report's modules never load pygame."""
    import subprocess
    import sys

    code = ("import sys; from ilot.game.debrief import cli, report, recording, svg, describe, words; "
            "sys.exit(any(m.startswith('pygame') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_the_report_reveals_each_objective_with_what_was_measured(tmp_path):
    """Every private objective of the golden session: its verdict, and the measure against its
    target for those a number says (the same words as the participant's fiche)."""
    from ilot.game.core.objectives import verdicts
    from ilot.game.text import lang_for
    from ilot.game.text.objectives import objective_measure, status_word

    out = tmp_path / "golden.html"
    assert main(["debrief", str(GOLDEN), "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    from ilot.game.core import replay
    from ilot.game.debrief.recording import LogRecording

    rec = LogRecording(GOLDEN)
    state = replay(rec.scenario, rec.events)
    traj = simulate_state(state)
    fr = lang_for("fr")
    measured = 0
    for vs in verdicts(state.scenario, state, traj).values():
        for v in vs:
            measure = objective_measure(fr, state.scenario, traj, v)
            row = str(escape(v.objective.text + (f" — {measure}" if measure else "")))
            assert row in html, row
            assert status_word(fr, v) in html
            measured += bool(measure)
    assert measured >= 5


def test_the_report_lists_the_questions_to_the_speaker_with_their_votes(rich, rich_script):
    """The scripted session asks and upvotes questions in the intervention: the report lists
    them, most upvoted first, with who asked and whether they were answered."""
    state = rich_script.state
    assert state.questions
    html = Report(Recording(ROOM, rich, rich_script.events)).html()
    assert '<h3 id="talk">Questions à l&#39;intervenant</h3>' in html
    assert "Une chargée de développement social d&#39;un bailleur" in html
    part = html.split('<h3 id="talk">Questions à l&#39;intervenant</h3>')[1].split("</table>")[0]
    rows = re.findall(r'<tr><td class="n">(\d+)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>',
                      part)
    assert len(rows) == len(state.questions)
    open_votes = [int(v) for v, _, _, answered in rows if answered == "—"]
    assert open_votes == sorted(open_votes, reverse=True)
    assert any(answered == "oui" for *_, answered in rows)
    names = {p.name for p in state.participants.values()}
    assert all(who in names for _, _, who, _ in rows)


def test_the_report_lists_the_shared_experiences_pinned_first_with_reactions_and_comments(
        rich, rich_script):
    """The scripted session's participants share three cards of their own, react and comment;
    the trainer pins one: the report lists them all, the pinned one first, with its author, its
    reactions counted by kind and its comments."""
    state = rich_script.state
    assert len(state.experiences) == 3
    assert sum(1 for c in state.comments.values() if c.project in state.experiences) >= 1
    (pinned,) = [x for x in state.experiences.values() if x.pinned]
    html = Report(Recording(ROOM, rich, rich_script.events)).html()
    title = '<h3 id="experiences">Expériences partagées par les participants</h3>'
    assert title in html
    blocks = [unescape(b) for b in html.split(title)[1].split("<h3")[0].split("<div>")[1:]]
    titles = [re.search(r"<p><b>(.*?)</b>", b).group(1) for b in blocks]
    assert titles[0] == pinned.title
    assert sorted(titles) == sorted(x.title for x in state.experiences.values())
    assert ["Épinglé par l'animateur" in b for b in blocks] == [True, False, False]
    for x, block in zip(sorted(state.experiences.values(), key=lambda x: not x.pinned), blocks,
                        strict=True):
        assert f"partagée par {state.participants[x.author].name}" in block
        counts = Counter(state.reactions.get(x.id, {}).values())
        assert f"Inspirant {counts['inspire']}, Question {counts['question']} et " \
               f"Doute {counts['doute']}" in block
        assert x.worked in block
        for c in (c for c in state.comments.values() if c.project == x.id):
            assert c.text in block
