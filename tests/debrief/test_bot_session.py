"""A session played by bots through a real server on 127.0.0.1, then debriefed from its store:
the report's numbers are those of the recorded events, and the viewer replays it exactly."""

from __future__ import annotations

import asyncio
import re
from collections import Counter

import pygame
import pytest

from ilot.game.cli import main
from ilot.game.core import replay, state_hash
from ilot.game.debrief.recording import LogRecording, StoreRecording
from ilot.game.debrief.viewer import Viewer

app = pytest.importorskip("ilot.server.app")
bots = pytest.importorskip("ilot.server.bots")
trainer_bot = pytest.importorskip("ilot.server.trainer_bot")


@pytest.fixture
async def recorded(tmp_path, short):
    srv = app.IlotServer(tmp_path / "data")
    await srv.start("127.0.0.1", 0)
    room, code = srv.create_room(short, seed=99)
    stop = asyncio.Event()
    players = asyncio.create_task(bots.run_bots(srv.url, room, 7, pace=0, seed=4, stop=stop))
    try:
        report = await trainer_bot.run_trainer(srv.url, room, code, phase_events=12,
                                               phase_seconds=6, round_seconds=3)
    finally:
        stop.set()
    await players
    await srv.stop()
    assert report["phases"] == [p.kind for p in short.phases]
    return tmp_path / "data", room


def test_report_and_viewer_on_a_bot_session(recorded, tmp_path):
    data, room = recorded
    out = tmp_path / "report.html"
    assert main(["debrief", "--data", str(data), "--room", room, "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    rec = StoreRecording(data, room)
    events, sc = rec.events, rec.scenario
    state = replay(sc, events)
    rec.close()
    for h in ("1. Description", "2. Analyse", "3. Transition", "4. Application"):
        assert h in html
    # phases as they ran, participants, rounds: the numbers of the log
    assert html.count("Phase\u00a0: ") == sum(1 for e in events if e.type == "phase_changed")
    assert f"{len(state.participants)} participant·es" in html
    closed = sum(1 for e in events if e.type == "round_closed")
    assert f"<b>{len(state.rounds)}</b>tours de consentement" in html and closed <= len(state.rounds)
    role = {pid: p.role for pid, p in state.participants.items()}
    actions = Counter(role[e.by] for e in events if e.aid and e.by in role)
    for r in sc.roles:
        m = re.search(r"<tr><td>" + re.escape(r.name) + r"</td>(.*?)</tr>", html)
        assert m, r.name
        cells = re.findall(r"<td[^>]*>(.*?)</td>", m.group(1))
        assert int(cells[0]) == sum(1 for x in role.values() if x == r.kind)
        assert int(cells[1]) == actions[r.kind]
    # exported and replayed in the viewer, headless, to the very state the server had
    log = tmp_path / "bots.jsonl"
    assert main(["log", "export", "--data", str(data), "--room", room, "-o", str(log)]) == 0
    v = Viewer(LogRecording(log), now=lambda: 0.0)
    try:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_END, mod=0, unicode="", scancode=0))
        v.step(wait=False)
        assert state_hash(v.state) == state_hash(state)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEUP, mod=0, unicode="", scancode=0))
        v.step(wait=False)
        assert v.state.phase == len(sc.phases) - 1
        assert state_hash(v.state) == state_hash(replay(sc, events[: v.cursor]))
    finally:
        pygame.quit()
