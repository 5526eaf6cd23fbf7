"""The report: its sections in the debrief order, numbers that match the log, escaped text,
no network, and a real browser renders it."""

from __future__ import annotations

import re
from collections import Counter
from html import escape

import pytest

from ilot.game.cli import main
from ilot.game.core import Actor
from ilot.game.core.simulation import simulate_state
from ilot.game.debrief.browser import find_chromium, screenshot
from ilot.game.debrief.logfile import read_log
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report, write_report
from ilot.game.debrief.scripted import Script

from .conftest import GOLDEN, ROOM

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


def _cells(html: str, first_cell: str) -> list[str]:
    """The cells of the first table row that starts with `first_cell`."""
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
    cells = _cells(html, name)
    assert float(cells[0]) == pytest.approx(traj.start.indicators[rich.indicators[0].id], abs=0.05)
    assert float(cells[1]) == pytest.approx(traj.final.indicators[rich.indicators[0].id], abs=0.05)
    # the final schéma directeur: one map polygon per space, placed ones named with their year
    assert html.count('<polygon points=') == len(rich.buildings) + len(rich.spaces)
    for space, p in state.schema.items():
        assert escape(f"{rich.space(space).name} : {rich.use(p.use).name} (année {p.year})") in html
    assert "Le groupe 2 n&#x27;a pas été écouté" in html
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
                    "td", "svg", "line", "text", "path", "rect", "polygon", "ul", "li"}, tags
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
