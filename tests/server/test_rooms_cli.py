"""`ilot rooms` and `ilot serve` on existing data: what an operator needs after a restart."""

from __future__ import annotations

import signal

import pytest

from ilot.game.cli import main
from ilot.game.debrief.logfile import read_log
from ilot.game.net.client import Connection
from ilot.game.storage.dirlock import DataDirBusy
from ilot.server.app import IlotServer
from ilot.server.codes import normalise, show

from .conftest import SHORT, act, opened, set_phase
from .test_crash import start_server


async def test_rooms_list_codes_and_delete(tmp_path, scenario, capsys):
    data = tmp_path / "data"
    srv = IlotServer(data)
    await srv.start()
    try:
        kept, kept_code = srv.create_room(scenario)
        gone, _ = srv.create_room(scenario)
        t = await opened(srv.url, {"as": "trainer", "room": kept, "code": kept_code})
        for name in ("Awa", "Bruno", "Chloé"):
            c = await Connection.open(srv.url, {"as": "participant", "room": kept, "name": name})
            await c.close()
        await set_phase(t, scenario, "etat_des_lieux")
        await t.close()
        # one server per data directory
        with pytest.raises(DataDirBusy):
            await IlotServer(data).start()
        capsys.readouterr()
        assert main(["rooms", "--data", str(data), "--codes", "--lang", "fr"]) == 0
        out = capsys.readouterr().out
        line = next(x for x in out.splitlines() if x.startswith(show(kept)))
        assert "3 participant·es" in line and "ouverte" in line and scenario.id in line
        k = next(i for i, ph in enumerate(scenario.phases) if ph.kind == "etat_des_lieux")
        assert f"phase {k + 1} " in line and scenario.phases[k].title in line
        assert show(kept_code) in out and show(gone) in out
        # the code shown opens the trainer's seat
        t = await Connection.open(srv.url, {"as": "trainer", "room": kept, "code": show(kept_code)})
        await t.close()
        # no delete while a server holds the directory
        assert main(["rooms", "--data", str(data), "--delete", gone, "--lang", "fr"]) == 1
        assert "arrêtez-le" in capsys.readouterr().err
    finally:
        await srv.stop()
    archive = tmp_path / "archive"
    assert main(["rooms", "--data", str(data), "--delete", show(gone).lower(),
                 "--archive", str(archive), "--lang", "fr"]) == 0
    (log,) = archive.glob("*.jsonl")
    assert read_log(log).room == gone and str(log) in capsys.readouterr().out
    assert main(["rooms", "--data", str(data), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert show(kept) in out and show(gone) not in out
    assert main(["rooms", "--data", str(data), "--delete", gone, "--lang", "fr"]) == 2
    srv = IlotServer(data)
    await srv.start()
    try:
        assert list(srv.rooms) == [kept] and len(srv.rooms[kept].state.participants) == 3
    finally:
        await srv.stop()


async def test_serve_again_reuses_the_room_of_its_scenario(tmp_path, scenario):
    data = tmp_path / "data"
    proc, first = await start_server(data, "--scenario", str(SHORT))
    try:
        t = await opened(first["url"], {"as": "trainer", "room": first["room"],
                                        "code": first["code"]})
        p = await opened(first["url"], {"as": "participant", "room": first["room"],
                                        "name": "Awa", "persona": scenario.personas[0].id})
        await set_phase(t, scenario, "etat_des_lieux")
        assert (await act(p, {"type": "add_note", "space": scenario.spaces[0].id, "kind": "idee",
                              "text": "Avant le redémarrage"}))["t"] == "ack"
        await p.close()
        await t.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    proc, again = await start_server(data, "--scenario", str(SHORT))
    try:
        assert (again["room"], again["code"]) == (first["room"], first["code"])
        assert "1 room" in again["rooms"] or "Open rooms: 1" in again["rooms"]
        t = await Connection.open(again["url"], {"as": "trainer", "room": again["room"],
                                                 "code": again["code"]})
        assert any(n["text"] == "Avant le redémarrage"
                   for n in t.welcome["state"]["notes"].values()) \
            if isinstance(t.welcome["state"]["notes"], dict) \
            else any(n["text"] == "Avant le redémarrage" for n in t.welcome["state"]["notes"])
        await t.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    proc, fresh = await start_server(data, "--scenario", str(SHORT), "--new-room")
    try:
        assert fresh["room"] != first["room"] and normalise(fresh["code"]) != first["code"]
        assert "Open rooms: 2" in fresh["rooms"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
