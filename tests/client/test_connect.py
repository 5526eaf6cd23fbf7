"""Connect screen, persona choice, catalogues and language."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

import ilot.game.client
from ilot.game.text import lang_for
from ilot.game.text.catalogues import french_typography, read_catalogue

from .conftest import button, click_widget, pump, type_text, wait_server

CLIENT = Path(ilot.game.client.__file__).parent


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
    pump(app, lambda: "confirm" in app.page.widgets)  # « Choisir » asks to confirm first
    click_widget(app, button(app.page, "confirm"))
    s = wait_server(harness, lambda s: s.participants[pid].persona == persona.id, app)
    assert s.participants[pid].role == persona.role
    pump(app, lambda: app.screen == "main")
    # the private objectives of that persona, and only those, reach their player
    personas = harness.srv.server.rooms[harness.room].scenario.index("persona")
    expected = [o.text for o in personas[persona.id].private_objectives]
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
    assert app.page.widgets["name"].get_text() == "Zoé"
    assert "Aucune salle avec le code ZZZZ-ZZZZ" in app.page.content()


def _ui_keys() -> set[str]:
    return {(m.id[0] if isinstance(m.id, tuple) else m.id) for m in read_catalogue("fr")
            if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id).startswith("ui.")}


def test_every_client_message_is_used_by_the_client():
    """The client's `ui.*` messages (client.po) are all used in game/client: none left behind
    (that every key used exists is tests/text's job)."""
    used = {key[0] if isinstance(key, tuple) else key
            for _, _, key, *_ in extract_from_dir(str(CLIENT), method_map=[("**.py", "python")],
                                                  keywords={"t": (1,), "n": (1,), "N_": (1,)})}
    known = _ui_keys()
    assert len(known) > 200
    assert sorted(known - used) == []


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
    for code in ("fr", "en"):
        lang = lang_for(code)
        # as shown: French typography's no-break spaces (U+00A0, U+202F) included
        strings = [s for m in read_catalogue(code) if m.id
                   for s in (m.string if isinstance(m.string, (tuple, list)) else (m.string,))]
        text = "".join(map(french_typography if code == "fr" else str, strings))
        text += lang.money(1234.5, cents=True)
        assert code == "en" or ("\u202f" in text and "\u00a0" in text)
        bad = sorted({ch for ch in set(text) if ch != "\n" and f.metrics(ch)[0] == missing})
        assert bad == [], (code, bad)
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
    model = ClientModel(lang_for("fr"))
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
