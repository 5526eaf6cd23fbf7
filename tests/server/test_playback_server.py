"""`simulation_playback` through a real server: the trainer's command reaches every screen as
`playback_set`, and the server refuses what PROTOCOL.md says it refuses, with its codes."""

from __future__ import annotations

from ilot.game.core.playback import Playback
from ilot.game.net import protocol

from .conftest import act, join, opened, set_phase, synced, trainer


async def test_the_server_plays_back_for_the_trainer_only_and_refuses_bad_payloads(server,
                                                                                   scenario):
    t = await trainer(server)
    a = await join(server, "Awa", "josiane")
    screen = await opened(server.url, {"as": "spectator", "room": server.room})
    play = {"type": "simulation_playback", "command": "play"}
    reply = await act(t, play)  # the accueil shows no simulation
    assert (reply["t"], reply["code"]) == (protocol.REJECT, "no_simulation_here")
    assert reply["message"].startswith("La simulation ne se joue qu")
    await set_phase(t, scenario, "plan_action")
    reply = await act(a, play)
    assert (reply["t"], reply["code"]) == (protocol.REJECT, "trainer_only")
    assert (await act(screen, play))["code"] == "spectator"
    for bad in ({"command": "seek", "quarter": 13}, {"command": "seek", "quarter": -1},
                {"command": "seek", "quarter": "3"}, {"command": "seek", "quarter": True},
                {"command": "seek", "quarter": 2.0}, {"command": "fast"}, {"command": 1},
                {"command": "play", "quarter": 40}, {"command": "play", "speed": 2}, {}):
        reply = await act(t, {"type": "simulation_playback", **bad})
        assert (reply["t"], reply["code"]) == (protocol.REJECT, "invalid_action"), bad
    reply = await act(t, {"type": "simulation_playback", "command": "seek"})
    assert reply["code"] == "seek_needs_quarter"

    room = server.rooms[server.room]
    assert room.state.playback == Playback(12, False, None)  # at rest until played
    assert (await act(t, {"type": "simulation_playback", "command": "seek",
                          "quarter": 5}))["t"] == protocol.ACK
    await synced(screen, room.state.seq)
    await synced(a, room.state.seq)
    for c in (screen, a):
        assert c.mirror.state.playback == Playback(5, False, None)
    assert (await act(t, play))["t"] == protocol.ACK
    pb = room.state.playback
    assert pb.playing and pb.quarter == 5 and pb.since is not None
    late = await opened(server.url, {"as": "spectator", "room": server.room})
    assert late.welcome["state"]["playback"] == {"quarter": 5, "playing": True, "since": pb.since}
    for c in (t, a, screen, late):
        await c.close()
