"""The documented way to move a server from its data directory to PostgreSQL: stop it, `ilot store
copy --from DIR --to postgresql://…`, start it with `--store`. Participants rejoin with their
tokens, the trainer with their code, the state is the same. And a log imported into
PostgreSQL opens with the trainer code `ilot log import` printed."""

from __future__ import annotations

from ilot.game.cli import main
from ilot.game.core.replay import state_hash
from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer

from .conftest import act, opened, set_phase


async def _session(srv, scenario):
    """A trainer, two participants with personas, notes: (room, trainer code, tokens)."""
    room, code = srv.create_room(scenario, seed=5)
    t = await opened(srv.url, {"as": "trainer", "room": room, "code": code})
    await set_phase(t, scenario, "etat_des_lieux")
    tokens = {}
    for i, name in enumerate(("Léa", "Bruno")):
        p = await opened(srv.url, {"as": "participant", "room": room, "name": name,
                                   "persona": scenario.personas[i].id})
        tokens[p.welcome["you"]["id"]] = p.welcome["token"]
        reply = await act(p, {"type": "add_note", "space": scenario.spaces[0].id,
                              "kind": "force", "text": f"Note de {name}"})
        assert reply["t"] == protocol.ACK, reply
        await p.close()
    await t.close()
    return room, code, tokens


async def test_a_data_directory_moved_to_postgresql_keeps_its_seats_and_codes(
        tmp_path, pg_url, scenario, capsys):
    data = tmp_path / "data"
    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    try:
        room, code, tokens = await _session(srv, scenario)
        before = state_hash(srv.rooms[room].state)
        seq = srv.rooms[room].state.seq
        # no copy while the server holds the directory
        assert main(["store", "copy", "--from", str(data), "--to", pg_url, "--lang", "fr"]) == 1
        assert "arrêtez-le avant de copier" in capsys.readouterr().err
    finally:
        await srv.stop()
    assert main(["store", "copy", "--from", str(data), "--to", pg_url, "--lang", "en"]) == 0
    assert "1 room" in capsys.readouterr().out
    moved = IlotServer(tmp_path / "unused", store_url=pg_url)
    await moved.start("127.0.0.1", 0)
    try:
        for pid, token in tokens.items():
            back = await opened(moved.url, {"as": "participant", "room": room, "token": token,
                                            "last_seq": 0})
            assert back.welcome["you"]["id"] == pid and back.url == moved.url
            await back.close()
        assert state_hash(moved.rooms[room].state) == before
        t = await opened(moved.url, {"as": "trainer", "room": room, "code": code})
        assert t.welcome["seq"] == seq
        await t.close()
        p = await opened(moved.url, {"as": "participant", "room": room,
                                     "token": tokens[next(iter(tokens))], "last_seq": seq})
        reply = await act(p, {"type": "add_note", "space": scenario.spaces[0].id,
                              "kind": "idee", "text": "Après le déménagement"})
        assert reply["t"] == protocol.ACK and reply["seq"] == seq + 1, reply
        await p.close()
    finally:
        await moved.stop()


async def test_a_log_imported_into_postgresql_opens_with_its_new_trainer_code(
        tmp_path, pg_url, scenario, capsys):
    data = tmp_path / "data"
    srv = IlotServer(data)
    await srv.start("127.0.0.1", 0)
    try:
        room, old_code, _ = await _session(srv, scenario)
        before = state_hash(srv.rooms[room].state)
    finally:
        await srv.stop()
    log = tmp_path / "session.jsonl"
    assert main(["log", "export", "--data", str(data), "--room", room, "-o", str(log)]) == 0
    capsys.readouterr()
    assert main(["log", "import", str(log), "--store", pg_url, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    code = next(x for x in out.splitlines() if x.startswith("New trainer code:")).split(": ")[1]
    assert code.replace("-", "") != old_code
    server = IlotServer(tmp_path / "unused", store_url=pg_url)
    await server.start("127.0.0.1", 0)
    try:
        t = await opened(server.url, {"as": "trainer", "room": room, "code": code})
        assert state_hash(server.rooms[room].state) == before
        await t.close()
        # the participants join again, as new seats
        p = await opened(server.url, {"as": "participant", "room": room, "name": "Léa"})
        assert len(server.rooms[room].state.participants) == 3 and p.welcome["token"]
        await p.close()
        try:  # the code of the room's first life does not open it
            await Connection.open(server.url, {"as": "trainer", "room": room, "code": old_code},
                                  redirects=0)
            raise AssertionError("the old trainer code was accepted")
        except ConnectError:
            pass
    finally:
        await server.stop()
