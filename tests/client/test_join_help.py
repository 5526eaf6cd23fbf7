"""Connecting without help (issue 10): the « lien de connexion », ws:// added, what went wrong
and what to do, grey placeholders, the last server remembered; the persona choice (taken
characters and their counts, a confirmation); the invitation in large type on the shared
screen and the trainer's link. Real server on 127.0.0.1, the real client loop."""

from __future__ import annotations

import json
import socket

import pygame
import pytest

from ilot.game.client import joinlink, seats
from ilot.game.client.app import App
from ilot.game.client.entries import HintedEntry
from ilot.game.client.invitation import Invitation
from ilot.game.client.local_server import LocalServer
from ilot.game.net.client import Connection

from .conftest import SHORT, Harness, button, click, click_widget, pump, type_text, wait_server

# ----- the link -----


@pytest.mark.parametrize(("text", "url", "room"), [
    ("ilot://192.168.1.20:8765/K7QM-3XPA", "ws://192.168.1.20:8765/", "K7QM3XPA"),
    ("  « ilot://192.168.1.20:8765/k7qm3xpa ».\n", "ws://192.168.1.20:8765/", "K7QM3XPA"),
    ("Rejoignez-nous : ilot://10.0.0.5/K7QM-3XPA merci", "ws://10.0.0.5:8765/", "K7QM3XPA"),
    ("ilots://ilot.example.org/K7QM-3XPA", "wss://ilot.example.org/", "K7QM3XPA"),
    ("ilots://example.org:8443/ilot/K7QM-3XPA", "wss://example.org:8443/ilot/", "K7QM3XPA"),
    ("ws://127.0.0.1:9000/?room=K7QM-3XPA", "ws://127.0.0.1:9000/", "K7QM3XPA"),
    ("192.168.1.20:8765", "ws://192.168.1.20:8765/", ""),  # no scheme: ws:// added
    ("ilot.example.org", "ws://ilot.example.org:8765/", ""),
    ("[::1]:8765", "ws://[::1]:8765/", ""),
    ("K7QM-3XPA", "", "K7QM3XPA"),  # a code alone
])
def test_a_link_or_an_address_leads_to_a_server_and_a_room(text, url, room):
    target = joinlink.parse(text)
    assert (target.url, target.room) == (url, room)


@pytest.mark.parametrize(("text", "code"), [
    ("", "empty"), ("   ", "empty"), ("ftp://example.org/K7QM-3XPA", "scheme"),
    ("ilot://", "address"), ("ilot://:8765/K7QM-3XPA", "address"),
    ("ilot://host:99999/K7QM-3XPA", "address"), ("ilot://user@host/K7QM-3XPA", "address"),
])
def test_a_bad_link_says_what_is_wrong(text, code):
    with pytest.raises(joinlink.LinkError) as caught:
        joinlink.parse(text)
    assert caught.value.code == code


def test_the_link_made_for_a_room_reads_back():
    for url in ("ws://192.168.1.20:8765/", "wss://ilot.example.org/", "wss://h:8443/ilot/"):
        link = joinlink.make_link(url, "k7qm3xpa")
        assert " " not in link and link.endswith("/K7QM-3XPA")
        assert joinlink.parse(link) == joinlink.Target(url, "K7QM3XPA")
    assert joinlink.make_link("ws://192.168.1.20:8765/", "K7QM3XPA") \
        == "ilot://192.168.1.20:8765/K7QM-3XPA"


# ----- the connect page -----

def fresh_app(h: Harness, **kw):
    """A window started with nothing on its command line (the harness's gives the address)."""
    if h.apps:
        h.apps[-1].close()
    a = App(**kw)
    h.apps.append(a)
    return a


def _join(app, url_text: str, name: str = "", room: str = "") -> None:
    page = app.page
    type_text(app, page.widgets["url"], url_text)
    if room:
        type_text(app, page.widgets["room"], room)
    if name:
        type_text(app, page.widgets["name"], name)
    click_widget(app, button(app.page, "join"))


def test_one_pasted_link_fills_the_room_and_joins(harness):
    app = fresh_app(harness)
    link = joinlink.make_link(harness.url, harness.room)
    _join(app, link, name="Awa")
    # the link's room code went into the room's field, as typed by hand
    assert joinlink.parse(app.page.widgets["room"].get_text()).room == harness.room
    pump(app, lambda: app.screen == "persona")
    wait_server(harness, lambda s: any(p.name == "Awa" for p in s.participants.values()), app)


def test_an_address_without_ws_is_joined(harness):
    app = fresh_app(harness)
    bare = harness.url.removeprefix("ws://").rstrip("/")  # 127.0.0.1:PORT
    _join(app, bare, name="Bintou", room=harness.room)
    pump(app, lambda: app.screen == "persona")
    assert app.model.url.startswith("ws://127.0.0.1:")


def test_the_last_server_is_remembered_on_this_laptop(harness):
    app = fresh_app(harness)
    _join(app, harness.url, name="Chloé", room=harness.room)
    pump(app, lambda: app.screen == "persona")
    recent = seats.recent()
    assert (joinlink.parse(recent.url).url, recent.room, recent.name) \
        == (joinlink.parse(harness.url).url, harness.room, "Chloé")
    assert "code" not in json.loads(seats.recent_file().read_text(encoding="utf-8"))
    app.close()
    app = fresh_app(harness)  # the next start: the link, the room and the name are filled in
    page = app.page
    assert joinlink.parse(page.widgets["url"].get_text()) \
        == joinlink.Target(joinlink.parse(harness.url).url, harness.room)
    assert page.widgets["name"].get_text() == "Chloé"
    click_widget(app, button(page, "join"))
    pump(app, lambda: app.screen == "persona")


def test_placeholders_are_grey_until_something_is_typed(harness):
    app = fresh_app(harness)
    entry = app.page.widgets["name"]
    assert isinstance(entry, HintedEntry) and entry.get_text() == ""
    assert entry.hinting and entry.shown_colour() != entry.text_colour
    type_text(app, entry, "Dana")
    assert not entry.hinting and entry.shown_colour() == entry.text_colour


def _failure(app) -> str:
    pump(app, lambda: app.model.status == "failed", 20)
    assert app.screen == "connect"
    pump(app, lambda: "<br>" in app.page.content())
    return app.page.content()


def test_unreachable_server_says_what_to_do(harness):
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = fresh_app(harness)
    _join(app, f"127.0.0.1:{port}", name="Emma", room=harness.room)
    said = _failure(app)
    assert f"Le serveur ne répond pas à l'adresse 127.0.0.1:{port}" in said
    assert "Vérifiez l'adresse" in said and "Errno" not in said


def test_unknown_room_says_what_to_do(harness):
    app = fresh_app(harness)
    _join(app, harness.url, name="Farah", room="ZZZZ-ZZZZ")
    said = _failure(app)
    assert "Aucune salle avec le code ZZZZ-ZZZZ" in said and "Vérifiez le code" in said


def test_wrong_trainer_code_says_what_to_do(harness):
    app = fresh_app(harness)
    click_widget(app, button(app.page, "mode_trainer"))
    pump(app, lambda: "code" in app.page.widgets)
    type_text(app, app.page.widgets["url"], harness.url)
    type_text(app, app.page.widgets["room"], harness.room)
    type_text(app, app.page.widgets["code"], "AAAA-BBBB-CCCC")
    click_widget(app, button(app.page, "join"))
    said = _failure(app)
    assert "Ce code animateur n'ouvre pas la salle" in said
    assert "ce n'est pas le code de la salle" in said


def test_full_room_says_what_to_do(tmp_path):
    srv = LocalServer(tmp_path / "data", ping_interval=None, max_seats=1)
    h = Harness.__new__(Harness)  # the harness's clean-up, on a server with one seat
    h.srv, h.url, h.apps, h._trainer = srv, srv.start(), [], None
    try:
        h.room, h.code = srv.create_room(SHORT)

        async def first() -> None:
            c = await Connection.open(h.url, {"as": "participant", "room": h.room,
                                              "name": "Gaby"})
            await c.close()
        srv.run(first())
        app = fresh_app(h)
        _join(app, h.url, name="Hugo", room=h.room)
        said = _failure(app)
        assert "est complète" in said and "Prévenez l'animateur·rice" in said
    finally:
        h.close()


def test_version_mismatch_says_what_to_do(harness):
    app = harness.app({"as": "participant", "room": harness.room, "name": "Inès", "v": 999})
    said = _failure(app)
    assert "Cette version d'Îlot ne correspond pas à celle du serveur" in said
    assert "Installez la version" in said


def test_a_typed_scheme_other_than_ws_is_explained(harness):
    app = fresh_app(harness)
    _join(app, "ftp://127.0.0.1:1/", name="Jade", room=harness.room)
    pump(app, lambda: "ftp:// n'est pas reconnu" in app.page.content())
    assert app.model.url == ""  # nothing was tried


# ----- the persona choice -----

def _one_per_persona(tmp_path):
    data = json.loads(SHORT.read_text(encoding="utf-8"))
    data["players_per_persona"] = 2
    path = tmp_path / "two_per_persona.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_taken_characters_are_marked_with_counts_and_the_choice_is_confirmed(tmp_path):
    h = Harness(tmp_path, _one_per_persona(tmp_path))
    try:
        async def others() -> list[Connection]:
            conns = []
            for name in ("Kofi", "Lina"):
                c = await Connection.open(h.url, {"as": "participant", "room": h.room,
                                                  "name": name})
                await c.act({"id": "p", "type": "choose_persona", "persona": "josiane"})
                while (await c.recv(5)).get("t") not in ("ack", "reject"):
                    pass
                conns.append(c)
            c = await Connection.open(h.url, {"as": "participant", "room": h.room,
                                              "name": "Malo"})
            await c.act({"id": "p", "type": "choose_persona", "persona": "karim"})
            while (await c.recv(5)).get("t") not in ("ack", "reject"):
                pass
            return [*conns, c]
        conns = h.srv.run(others())
        app = h.app({"as": "participant", "room": h.room, "name": "Nour"})
        pump(app, lambda: app.screen == "persona" and "karim" in app.page.shown)
        page = app.page
        assert "Complet" in page.shown["josiane"] and "2 / 2 joueurs" in page.shown["josiane"]
        assert "Kofi" in page.shown["josiane"] and "Lina" in page.shown["josiane"]
        assert not page.widgets["persona:josiane"].is_enabled  # full: cannot be chosen
        assert "Déjà pris" in page.shown["karim"] and "1 / 2 joueurs" in page.shown["karim"]
        assert "Malo" in page.shown["karim"]
        assert "Libre" in page.shown["sylvie"] and "0 / 2 joueurs" in page.shown["sylvie"]
        # « Choisir » asks first: nothing is sent before « Confirmer »
        click_widget(app, button(page, "persona:karim"))
        pump(app, lambda: "confirm" in app.page.widgets)
        assert app.page.widgets["confirm"].is_enabled
        click_widget(app, button(app.page, "cancel"))
        pump(app, lambda: "persona:karim" in app.page.widgets)
        me = app.model.me
        assert h.state().participants[me].persona is None
        click_widget(app, button(app.page, "persona:karim"))
        pump(app, lambda: "confirm" in app.page.widgets)
        click_widget(app, button(app.page, "confirm"))
        wait_server(h, lambda s: s.participants[me].persona == "karim", app)
        pump(app, lambda: app.screen == "main")

        async def close() -> None:
            for c in conns:
                await c.close()
        h.srv.run(close())
    finally:
        h.close()


# ----- the invitation -----

def test_the_shared_screen_shows_the_invitation_in_large_type(harness):
    app = harness.app({"as": "spectator", "room": harness.room}, size=(1366, 768))
    pump(app, lambda: app.screen == "main")
    assert harness.state().phase_kind == "accueil"
    overlay = app.header.overlay()  # during the accueil, by itself
    assert overlay is not None
    app.step()
    app.draw(0.0)
    invitation = Invitation.of(app.model)
    assert invitation is not None and invitation.link == joinlink.make_link(harness.url,
                                                                            harness.room)
    heights = dict(overlay.drawn)
    for text in (invitation.code, invitation.link):
        assert heights[text] >= 40, (text, heights[text])
    address = next(t for t in heights if invitation.address in t)
    assert heights[address] >= 40
    # a click on the card hides it; « Inviter » shows it again
    click(app, overlay.rect(app.window.get_size()).center)
    assert app.header.overlay() is None
    click_widget(app, button(app.header, "invite"))
    pump(app, lambda: app.header.overlay() is not None)
    # in the next phase it is shown only when asked for
    harness.trainer_act({"type": "set_phase", "phase": 1})
    pump(app, lambda: app.model.mirror.state.phase == 1)
    assert app.header.overlay() is None
    # the trainer asks for it from their own window (another process): it shows here
    harness.trainer_act({"type": "show_invitation"})
    pump(app, lambda: app.header.overlay() is not None)
    click(app, app.header.overlay().rect(app.window.get_size()).center)  # hidden here only
    assert app.header.overlay() is None and harness.state().invitation
    harness.trainer_act({"type": "show_invitation", "shown": False})
    pump(app, lambda: app.model.mirror.state.invitation is False)
    assert app.header.overlay() is None
    harness.trainer_act({"type": "show_invitation"})
    pump(app, lambda: app.header.overlay() is not None)
    harness.trainer_act({"type": "show_invitation", "shown": False})
    pump(app, lambda: app.header.overlay() is None)


def test_the_trainer_has_the_link_to_copy_and_shows_the_invitation(harness):
    app = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(app, lambda: app.screen == "main" and "invite_link" in app.side.widgets)
    link = joinlink.make_link(harness.url, harness.room)
    assert app.side.widgets["invite_link"].get_text() == link  # select it, Ctrl+C
    click_widget(app, button(app.side, "copy_link"))
    assert link in app.model.message or "Lien copié" in app.model.message
    if "Lien copié" in app.model.message:  # this system's clipboard works: it holds the link
        assert pygame.scrap.get_text() == link
    assert app.header.overlay() is None  # the trainer's own window: only when asked
    click_widget(app, button(app.header, "invite"))
    pump(app, lambda: app.header.overlay() is not None)
    wait_server(harness, lambda s: s.invitation, app)  # and on every shared screen
    pump(app, lambda: app.model.mirror.state.invitation)
    assert app.header.overlay() is not None
    click_widget(app, button(app.header, "invite"))
    pump(app, lambda: app.header.overlay() is None)
    wait_server(harness, lambda s: not s.invitation, app)
    pump(app, lambda: not app.model.mirror.state.invitation)
    assert app.header.overlay() is None
