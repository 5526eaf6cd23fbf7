"""Two versions of the report from one command: the trainer's (names, a « Pour l'animateur »
part with who was little heard) and the version to share, where nobody's name appears (checked
against every name of the log); the replay shows evaluations by name only in the trainer's view."""

from __future__ import annotations

import re
from html import unescape

import pygame
import pytest

from ilot.game.cli import main
from ilot.game.core import Actor
from ilot.game.debrief.browser import find_chromium, screenshot
from ilot.game.debrief.logfile import write_log
from ilot.game.debrief.recording import LogRecording, Recording
from ilot.game.debrief.report import Report
from ilot.game.debrief.scripted import play
from ilot.game.debrief.viewer import Viewer
from ilot.game.text import lang_for

from .conftest import ROOM
from .test_english_replay import SpyFont
from .test_viewer import click

FR = lang_for("fr")
ROLES = ["tenant", "field_staff", "manager", "other"]


@pytest.fixture(scope="module")
def session(rich):
    """The scripted two-day session of the default scenario, two thirds of the group with a
    « qui suis-je » card (the last third named by character only)."""
    s = play(rich, participants=18, scale=1.0, seed=5)
    pids = list(s.state.participants)
    for i, pid in enumerate(pids[: len(pids) * 2 // 3]):
        s.act(Actor.participant(pid), {"type": "whoami_set", "real_role": ROLES[i % len(ROLES)],
                                       "organisation": "Bailleur du Nord", "sentence": "Bonjour"})
    return s


@pytest.fixture(scope="module")
def both(session, rich, tmp_path_factory):
    """(trainer's html, shareable html, the log's names, the names at the end), written by one
    `ilot debrief` run."""
    d = tmp_path_factory.mktemp("share")
    log = d / "session.jsonl"
    write_log(log, ROOM, rich, session.events)
    trainer, shared = d / "trainer.html", d / "share.html"
    assert main(["debrief", str(log), "--html", str(trainer), "--share", str(shared)]) == 0
    names = {e.data["name"] for e in session.events if e.type in ("participant_joined", "participant_renamed")}
    final = {p.name for p in session.state.participants.values()}
    return (_text(trainer.read_text(encoding="utf-8")), _text(shared.read_text(encoding="utf-8")),
            names, final, shared)


def _text(html: str) -> str:
    return unescape(html).replace("\xa0", " ").replace("\u202f", " ")


def _found(name: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text) is not None


def test_the_shareable_report_names_nobody(both):
    trainer, shared, names, final, _ = both
    assert len(names) > len(final) >= 18  # renames too
    assert [n for n in sorted(names) if _found(n, shared)] == []
    assert [n for n in sorted(final) if not _found(n, trainer)] == []


def test_the_shareable_report_names_people_by_character_and_real_role(both, session):
    _, shared, *_ = both
    s = session.state
    tenant = next(pid for pid, w in s.whoami.items() if w.real_role == "tenant" and s.participants[pid].persona)
    persona = s.persona(s.participants[tenant].persona)
    assert f"{persona.name} (Locataire)" in shared
    assert "Version à partager : chaque participant·e" in shared
    # every section people are named in still has its rows, by character
    for heading in ("Tout le monde a-t-il été entendu ?", "Historique du consentement", "Attentes"):
        assert heading in shared


def test_least_heard_only_in_the_trainers_part(both):
    trainer, shared, *_ = both
    assert "Peu entendu·es" not in shared and "Chacun·e a pris la parole" not in shared
    assert "Pour l'animateur" not in shared
    part = trainer[trainer.index("Pour l'animateur"):]
    assert "Peu entendu·es (surlignés) : " in part
    assert "Peu entendu·es" not in trainer[:trainer.index("Pour l'animateur")]


def test_debrief_needs_one_output(tmp_path, capsys):
    assert main(["debrief", str(tmp_path / "none.jsonl")]) == 2
    assert "--share" in capsys.readouterr().err


def test_the_share_option_alone_writes_only_the_shareable_report(tmp_path, rich, session, capsys):
    log = tmp_path / "s.jsonl"
    write_log(log, ROOM, rich, session.events)
    out = tmp_path / "s.html"
    assert main(["debrief", str(log), "--share", str(out)]) == 0
    assert "Version à partager écrite" in capsys.readouterr().out
    assert "Version à partager" in _text(out.read_text(encoding="utf-8"))


def _expectations_tab(log, trainer: bool) -> list[str]:
    v = Viewer(LogRecording(log), now=lambda: 100.0, trainer=trainer)
    seen: list[str] = []
    try:
        for name in ("small", "body", "bold", "title"):
            setattr(v.fonts, name, SpyFont(getattr(v.fonts, name), seen))
        v.seek(len(v.tl))
        v.step(wait=False)
        seen.clear()
        click(v, v.tab_buttons["expectations"].rect.center)
        assert v.tab == "expectations"
        return [line.replace("\xa0", " ").replace("\u202f", " ") for line in seen]
    finally:
        pygame.quit()


def test_the_replay_shows_evaluations_by_name_only_to_the_trainer(rich_log, rich_script):
    evaluated = sum(1 for _ in rich_script.state.evaluations)
    assert evaluated > 10
    group = _expectations_tab(rich_log, trainer=False)
    assert f"{evaluated} évaluations reçues" in group
    assert any(line.startswith("Moyennes sur 5 : 1. ") for line in group)
    assert not any(line.startswith("Évaluation : ") for line in group)
    assert any(line.startswith("Attente : ") for line in group)  # expectations were shared with all
    assert any("ilot replay --trainer" in line for line in group)
    comments = [e.comment for e in rich_script.state.evaluations.values() if e.comment]
    shown = [line for line in group if line.startswith("« ")]  # unsigned, each once with a count
    assert len(comments) > len(set(comments))  # the script repeats its two comments
    assert len(shown) == len(set(comments)) and any(" ×" in line for line in shown)
    trainer = _expectations_tab(rich_log, trainer=True)
    assert sum(1 for line in trainer if line.startswith("Évaluation : ")) >= 10
    assert not any(line.startswith("Moyennes sur 5") for line in trainer)


@pytest.mark.skipif(find_chromium() is None, reason="chromium absent")
def test_a_real_browser_renders_the_shareable_report(both, tmp_path):
    png = screenshot(both[4], tmp_path / "s.png", 1280, 2400)
    img = pygame.image.load(str(png))
    assert img.get_size() == (1280, 2400)
    colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1280, 8) for y in range(0, 2400, 8)}
    assert len(colours) > 40


def test_the_shareable_report_in_english(session, rich):
    en = lang_for("en")
    html = _text(Report(Recording(ROOM, rich, session.events), lang=en, share=True).html())
    assert "Version to share: every participant is named by their character and real-life role" in html
    assert "(Tenant)" in html and "For the trainer" not in html
    trainer = _text(Report(Recording(ROOM, rich, session.events), lang=en).html())
    assert "For the trainer" in trainer and "Version to share" not in trainer


def test_two_people_of_one_character_are_told_apart(rich):
    from ilot.game.debrief.naming import shown_names

    state = play(rich, participants=30, scale=0.3, seed=5).state  # no « qui suis-je » cards
    names = shown_names(state, FR, share=True)
    assert len(set(names.values())) == len(names)  # never one name for two people
    numbered = [n for n in names.values() if re.search(r"\(\d\)$", n)]
    assert numbered  # this session has characters played by two people
