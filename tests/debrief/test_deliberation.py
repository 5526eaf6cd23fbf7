"""The deliberation trace (issue 13): a proposal's placements before and after each accepted
amendment, every position of every round (reason or not), each block and what lifted it, the
movements between rounds; in the report (both versions) and in the replay's Consentement tab."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pygame
import pytest

from ilot.game.core import load_scenario
from ilot.game.core.events import (
    AmendmentDecided,
    AmendmentMade,
    Event,
    PositionTaken,
    ProposalMade,
    RoundClosed,
    RoundOpened,
)
from ilot.game.core.kinds import AmendmentStatus, Subject
from ilot.game.debrief import delib_report
from ilot.game.debrief import deliberation as dl
from ilot.game.debrief.logfile import write_log
from ilot.game.debrief.recording import LogRecording
from ilot.game.debrief.report import Report, Styled
from ilot.game.debrief.scripted import play
from ilot.game.debrief.tabs_consent import consent
from ilot.game.debrief.viewer import Viewer
from ilot.game.text import lang_for

from .conftest import ROOM

FR = lang_for("fr")
SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.json"))
P = Subject.of_proposal("P1")


def _events(*payloads: tuple[str, object]) -> list[Event]:
    return [Event(i + 1, 1000.0 + 60 * i, by, payload) for i, (by, payload) in enumerate(payloads)]


def _closed(rid: str, subject: Subject, adopted: bool, **positions: tuple[str, str]) -> RoundClosed:
    counts: dict[str, int] = {}
    for option, _ in positions.values():
        counts[option] = counts.get(option, 0) + 1
    return RoundClosed(rid, subject, counts, adopted,
                       {pid: {"option": o, "reason": why} for pid, (o, why) in positions.items()})


@pytest.fixture
def lifted(short):
    """Alice blocks round 1 with a reason, Bob agrees and Chloé abstains without one; Bob's
    amendment (another space, one placement removed) is accepted, Dan's refused; in round 2
    Alice agrees, Bob agrees, Chloé gives no position."""
    return _events(
        ("alice", ProposalMade("P1", "Un jardin", "", {"cour": "jardin_partage", "hall": "boite_livres"}, [], None)),
        ("trainer", RoundOpened("R1", P, 1)),
        ("alice", PositionTaken("R1", "blocage", "Qui arrosera ?")),
        ("bob", PositionTaken("R1", "accord", "")),
        ("trainer", _closed("R1", P, False, alice=("blocage", "Qui arrosera ?"), bob=("accord", ""),
                            chloe=("abstention", ""))),
        ("bob", AmendmentMade("m1", "P1", "L'amicale arrose", {"pieds": "composteur"}, ["hall"])),
        ("dan", AmendmentMade("m2", "P1", "Tout enlever", {}, ["cour"])),
        ("alice", AmendmentDecided("m1", True)),
        ("alice", AmendmentDecided("m2", False)),
        ("trainer", RoundOpened("R2", P, 2)),
        ("alice", PositionTaken("R2", "accord", "")),
        ("trainer", _closed("R2", P, True, alice=("accord", ""), bob=("accord", ""))),
    )


def test_a_block_is_lifted_by_the_amendment_accepted_between_the_rounds(short, lifted):
    [st] = dl.trace(short, lifted)
    [block] = st.blocks
    assert (block.pid, block.round, block.reason) == ("alice", 1, "Qui arrosera ?")
    assert block.fate == dl.BlockFate.LIFTED and block.by == ["m1"]
    assert (block.next_round, block.next_option, block.t) == (2, "accord", lifted[-1].t)
    assert [b.pid for b in st.lifted] == ["alice"]
    assert st.rounds[1].amendments_before == ["m1"]  # the refused one lifted nothing
    assert [(m.id, m.status) for m in st.amendments] == [("m1", AmendmentStatus.ACCEPTED),
                                                         ("m2", AmendmentStatus.REJECTED)]
    assert st.status == "adopted"


def test_placements_as_made_then_after_each_accepted_amendment(short, lifted):
    [st] = dl.trace(short, lifted)
    made, amended = st.versions
    assert made.amendment is None and made.placements == {"cour": "jardin_partage", "hall": "boite_livres"}
    assert amended.amendment == "m1"
    assert amended.placements == {"cour": "jardin_partage", "pieds": "composteur"}
    assert amended.change == dl.Change(added={"pieds": "composteur"}, removed={"hall": "boite_livres"},
                                       changed={})
    assert dl.change_of({"cour": "a"}, {"cour": "b"}).changed == {"cour": ("a", "b")}


def test_every_position_with_or_without_a_reason_and_the_moves(short, lifted):
    [st] = dl.trace(short, lifted)
    r1, r2 = st.rounds
    assert [(p.pid, p.option, p.reason) for p in r1.positions] == [
        ("alice", "blocage", "Qui arrosera ?"), ("bob", "accord", ""), ("chloe", "abstention", "")]
    assert len(r2.positions) == 2
    [f] = st.flows
    assert (f.before, f.after) == (1, 2)
    assert f.moves == {("blocage", "accord"): 1, ("accord", "accord"): 1, ("abstention", dl.ABSENT): 1}
    assert f.deltas == {"blocage": -1, "accord": 1, "abstention": -1}


def test_a_block_kept_or_never_answered(short):
    events = _events(
        ("alice", ProposalMade("P1", "Un jardin", "", {"cour": "jardin_partage"}, [], None)),
        ("trainer", RoundOpened("R1", P, 1)),
        ("trainer", _closed("R1", P, False, alice=("blocage", "Non"), bob=("blocage", "Non plus"))),
        ("trainer", RoundOpened("R2", P, 2)),
        ("trainer", _closed("R2", P, False, alice=("blocage", "Toujours non"))),
        ("trainer", RoundOpened("R3", P, 3)),
        ("alice", PositionTaken("R3", "accord", "")),
    )
    [st] = dl.trace(short, events)
    fates = [(b.pid, b.round, b.fate, b.next_round) for b in st.blocks]
    assert fates == [("alice", 1, dl.BlockFate.KEPT, 2), ("bob", 1, dl.BlockFate.OPEN, None),
                     ("alice", 2, dl.BlockFate.OPEN, None)]
    open_round = st.rounds[2]  # still open: how many answered, not what
    assert open_round.closed_at is None and open_round.answered == 1 and open_round.positions == []


def test_the_report_part_names_people_through_its_names_only(short, lifted):
    names = {"alice": "Mme Benali (Locataire)", "bob": "Le gardien", "chloe": "Participant·e 3",
             "dan": "Participant·e 4"}
    d = delib_report.section(short, lifted, FR, names, Styled)
    [s] = d["subjects"]
    assert [row[0] for row in s["grid"]] == ["Le gardien", "Mme Benali (Locataire)", "Participant·e 3"]
    text = unescape(str([s["grid"], s["versions"], s["amendments"], d["blocks"]]))
    for raw in ("alice", "bob", "chloe", "dan"):
        assert not re.search(rf"\b{raw}\b", text)
    fate = d["blocks"][0][-1].text
    assert "levé au tour 2" in fate and "L'amicale arrose" in fate and "Le gardien" in fate
    # every position is in the grid: 3 people × 2 rounds, Chloé's missing answer a dash
    cells = {row[0]: row[1:] for row in s["grid"]}
    assert [str(c) for c in cells["Participant·e 3"]] == ["Abstention", "—"]


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.stem)
def shipped(request, tmp_path_factory):
    sc = load_scenario(request.param)
    s = play(sc, participants=12, seed=7)
    log = tmp_path_factory.mktemp("delib") / "session.jsonl"
    write_log(log, ROOM, sc, s.events)
    return sc, s, LogRecording(log)


def _section(html: str, sid: str) -> str:
    start = html.index(f'<h3 id="{sid}">')
    end = html.find("<h3", start + 1)
    return unescape(html[start:end]).replace("\xa0", " ").replace("\u202f", " ")


def test_the_scripted_session_of_each_shipped_scenario_lifts_a_block_by_an_amendment(shipped):
    sc, s, _ = shipped
    subjects = dl.trace(sc, s.events)
    by_amendment = [b for st in subjects for b in st.lifted if b.by]
    assert by_amendment, "no block lifted by an accepted amendment"
    reasonless = [p for st in subjects for r in st.rounds for p in r.positions if not p.reason]
    assert reasonless
    changes = [m.change for st in subjects for m in st.amendments if m.change]
    assert any(c.added or c.removed or c.changed for c in changes)
    kinds = {st.subject.kind for st in subjects}
    assert {"proposal", "final_plan"} <= kinds


@pytest.mark.parametrize("share", [False, True], ids=["trainer", "share"])
def test_the_report_has_the_deliberation_sections_filled(shipped, share):
    sc, s, rec = shipped
    report = Report(rec, share=share)
    html = report.html()
    trace = _section(html, "delib-trace")
    blocks = _section(html, "delib-blocks")
    subjects = dl.trace(sc, s.events)
    lifted = next(b for st in subjects for b in st.lifted if b.by)
    m = dl.amendment(subjects, lifted.by[0])
    assert m is not None and m.text in trace and m.text in blocks
    assert "levé au tour" in blocks and "Du tour 1 au tour 2" in trace and "<svg" in html
    # every position of every closed round, those without a reason too, one cell each
    for st in subjects:
        for r in st.rounds:
            for p in r.positions:
                assert report.names[p.pid] in trace
    if share:  # nobody's display name (but a character may share a first name: « Karim Benhamou »)
        shown = re.sub("|".join(re.escape(p.name) for p in sc.personas), "", trace + blocks)
        for name in {p.name for p in s.state.participants.values()}:
            assert not re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", shown), name


def test_the_tab_draws_the_trace_at_several_cursors(shipped):
    v = Viewer(shipped[2])
    try:
        r = pygame.Rect(680, 92, 582, 560)
        rounds = [i for i, e in enumerate(v.tl.events) if e.type in ("round_opened", "round_closed")]
        ys = []
        for cursor in (0, rounds[0] + 1, rounds[1] + 1, rounds[3] + 1, len(v.tl)):
            v.seek(cursor)
            y = consent(v, r)
            assert isinstance(y, int) and y > r.top
            assert consent(v, pygame.Rect(r.x, r.y, r.w, 10)) == y  # the height plays no part
            v.screen.set_clip(pygame.Rect(r.x, r.y + 200, r.w, 100))  # scrolled: lines out of view
            assert consent(v, r) == y  # are laid out the same, only not rendered
            v.screen.set_clip(None)
            ys.append(y)
        assert ys == sorted(ys) and ys[-1] > r.bottom  # the whole trace: taller than the panel
        v.screen.fill((255, 255, 255))
        consent(v, r)
        assert pygame.transform.average_color(v.screen, r)[:3] != (255, 255, 255)  # it drew
    finally:
        pygame.quit()
