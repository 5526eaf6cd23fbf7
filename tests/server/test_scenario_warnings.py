"""A scenario with only warnings (an unusual phase order) creates its room; one with an error and
a warning is refused with the error counted and both lines, the warning last, in `detail`."""

from __future__ import annotations

import json

from helpers import SHORT_FILE

from ilot.game.net.client import Connection
from ilot.server.app import IlotServer


async def test_warnings_do_not_refuse_a_scenario_nor_count_as_errors(tmp_path):
    srv = IlotServer(tmp_path)
    await srv.start()
    try:
        data = json.loads(SHORT_FILE.read_text(encoding="utf-8"))
        data["phases"].insert(0, data["phases"].pop())  # the synthèse first: a warning
        org = await Connection.open(srv.url, {"as": "organiser", "key": srv.organiser_key,
                                              "lang": "fr"})
        await org.send({"t": "create_room", "scenario": data})
        created = await org.recv(5)
        assert created["t"] == "room_created", created
        data["title"] = " "  # and now an error too
        await org.send({"t": "create_room", "scenario": data})
        error = await org.recv(5)
        assert error["code"] == "bad_scenario"
        assert error["message"].startswith("Le scénario contient 1 erreur")
        assert [line.split(":")[0] for line in error["detail"]] == ["title", "phases[0].kind"]
        assert "attention" in error["detail"][1]
        await org.close()
    finally:
        await srv.stop()
