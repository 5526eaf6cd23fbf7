"""The server speaks the language of each hello (`lang`, French by default): a refused hello, the
errors after it and a bad scenario's problems, in `message`, the close reason and `detail`."""

from __future__ import annotations

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from ilot.game.net import protocol
from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer

from .conftest import opened, until

UNKNOWN_ROOM = {"fr": "Aucune session avec ce code\u00a0: vérifiez le code donné par "
                      "l'animateur·rice.",
                "en": "No session with this code: check the code the trainer gave."}
BAD_CREDENTIALS = {"fr": "Code animateur, clé organisateur ou jeton de place invalide.",
                   "en": "Wrong trainer code, organiser key or seat token."}


async def refusal(url: str, hello: dict) -> tuple[dict, int, str]:
    """The `error` a hello gets, then the close code and reason."""
    async with connect(url, compression=None) as ws:
        await ws.send(protocol.encode({"t": "hello", "v": 1, **hello}))
        error = protocol.decode(await ws.recv(), protocol.MAX_DOWN_FRAME)
        with pytest.raises(ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None
    return error, closed.value.rcvd.code, closed.value.rcvd.reason


@pytest.mark.parametrize("lang", ["fr", "en", None])
async def test_a_refused_hello_is_answered_in_its_language(server, lang):
    said = {"lang": lang} if lang else {}
    lang = lang or "fr"  # French when the hello does not say
    error, close, reason = await refusal(server.url, {"as": "participant", "room": "ZZZZ-ZZZZ",
                                                      "name": "Awa", **said})
    assert (error["code"], close) == ("unknown_room", protocol.CLOSE_UNKNOWN_ROOM)
    assert error["message"] == UNKNOWN_ROOM[lang] and error["detail"] == ""
    assert reason.startswith("unknown_room: " + UNKNOWN_ROOM[lang][:40])
    error, close, reason = await refusal(server.url, {"as": "trainer", "room": server.room,
                                                      "code": "AAAA-BBBB-CCCC", **said})
    assert (error["code"], close) == ("bad_credentials", protocol.CLOSE_BAD_CREDENTIALS)
    assert error["message"] == BAD_CREDENTIALS[lang]
    assert reason == "bad_credentials: " + BAD_CREDENTIALS[lang]
    # what a client library gets (and shows): the close reason, in the hello's language
    with pytest.raises(ConnectError) as refused:
        await Connection.open(server.url, {"as": "participant", "room": server.room,
                                           "token": "forged", **said}, timeout=5)
    assert refused.value.reason == "bad_credentials: " + BAD_CREDENTIALS[lang]


async def test_a_hello_refused_for_its_shape_still_speaks_its_language(server):
    error, close, _ = await refusal(server.url, {"as": "wizard", "room": server.room,
                                                 "lang": "en"})
    assert close == protocol.CLOSE_BAD_HELLO and error["code"] == protocol.ERR_BAD_MESSAGE
    assert error["message"] == "Invalid hello." and error["detail"].startswith("as:")
    error, _, _ = await refusal(server.url, {"as": "participant", "room": server.room, "lang": "en"})
    assert error["message"] == "Give a name to join the session." and error["detail"] == "name"
    error, _, _ = await refusal(server.url, {"as": "participant", "room": server.room, "v": 9,
                                             "name": "Awa"})
    assert error["code"] == "version"
    assert error["message"] == ("Version 9 du protocole non prise en charge (ce serveur parle la "
                                "version 1).")
    error, _, _ = await refusal(server.url, {"as": "participant", "room": server.room,
                                             "lang": "de"})  # not a language: French
    assert error["message"] == "Hello invalide."


async def test_errors_after_the_hello_are_in_the_connections_language(server):
    for lang, invalid in (("en", "Invalid message."), ("fr", "Message invalide.")):
        c = await opened(server.url, {"as": "spectator", "room": server.room, "lang": lang})
        await c.send({"t": "teleport"})
        await c.send({"t": "create_room", "scenario": {}})
        first = await until(c, lambda m: m["t"] == protocol.ERROR)
        second = await until(c, lambda m: m["t"] == protocol.ERROR)
        assert (first["code"], first["message"]) == (protocol.ERR_UNKNOWN_TYPE, invalid)
        assert second["code"] == protocol.ERR_NOT_ALLOWED
        assert second["message"] == {"en": "For the organiser only (organiser key).",
                                     "fr": "Réservé à l'organisateur·rice (clé organisateur)."}[lang]
        await c.close()


async def test_a_bad_scenario_is_explained_in_the_organisers_language(tmp_path):
    srv = IlotServer(tmp_path)
    await srv.start()
    try:
        bad = {"id": "x", "title": "t", "spaces": "aucun"}
        for lang, message, words in (("en", "The scenario has", "must be a list"),
                                     ("fr", "Le scénario contient", "doit être une liste")):
            org = await Connection.open(srv.url, {"as": "organiser", "key": srv.organiser_key,
                                                  "lang": lang})
            await org.send({"t": "create_room", "scenario": bad})
            error = await org.recv(5)
            assert error["code"] == "bad_scenario" and error["message"].startswith(message)
            assert error["message"].endswith(" errors.") or error["message"].endswith(" erreurs.")
            # one line per problem: JSON path, then what is wrong (no file: it came as a map)
            assert any(line.startswith(f"spaces: {words}") for line in error["detail"])
            assert all(": " in line for line in error["detail"])
            await org.close()
    finally:
        await srv.stop()
