"""A trainer opens a room from the connect screen with the organiser key and a scenario file,
then joins it with the trainer code the server gave. The file here is the rich scenario with
longer personas' bios: more than a client frame may carry (64 KiB) uncompressed."""

from __future__ import annotations

import json
from pathlib import Path

from ilot.game.net import protocol

from .conftest import click_widget, pump, type_text

ROOT = Path(__file__).resolve().parents[2]
RICH = ROOT / "scenarios" / "ilot_des_tilleuls.json"


def test_organiser_creates_a_room_from_a_large_scenario_file(harness, tmp_path):
    data = json.loads(RICH.read_text(encoding="utf-8"))
    for p in data["personas"]:
        p["bio"] += " Il ou elle connaît bien l'îlot, ses cours et ses halls." * 20
    path = tmp_path / "grand_ilot.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert len(protocol.encode({"t": "create_room", "scenario": data})) > protocol.MAX_FRAME
    key = harness.srv.server.organiser_key
    before = set(harness.srv.server.rooms)
    app = harness.app(mode="trainer")
    pump(app, lambda: app.screen == "connect" and "organiser" in app.page.widgets)
    assert app.page.text_of("url") == harness.url  # `ilot play URL` fills it in
    click_widget(app, app.page.widgets["organiser"])
    pump(app, lambda: "key" in app.page.widgets and app.page._sig == app.page.signature())
    type_text(app, app.page.widgets["key"], key)
    type_text(app, app.page.widgets["scenario"], str(path))
    click_widget(app, app.page.widgets["create"])
    pump(app, lambda: app.model.created)
    created = app.model.created
    room = harness.srv.server.rooms[created["room"]]
    assert created["room"] not in before
    assert room.scenario.id == "ilot_des_tilleuls" and len(room.scenario.phases) == 14
    assert room.scenario.personas[0].bio.endswith("ses cours et ses halls.")
    # the connect screen now holds the new room and its trainer code: one click to join it
    pump(app, lambda: app.page.text_of("room") == created["room"]
         and app.page.text_of("code") == created["trainer_code"])
    click_widget(app, app.page.widgets["join"])
    pump(app, lambda: app.screen == "main" and app.model.kind == "trainer")
    assert app.model.room == created["room"]
