"""wss:// served directly with --certfile/--keyfile: a participant joins and acts over TLS."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest

from ilot.game.net.client import ConnectError, Connection
from ilot.server.app import IlotServer

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI needed")


def _self_signed(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    return cert, key


async def test_wss_join_and_act(tmp_path, scenario):
    cert, key = _self_signed(tmp_path)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    srv = IlotServer(tmp_path / "data", ssl_context=server_ctx)
    await srv.start("127.0.0.1", 0)
    try:
        room, _ = srv.create_room(scenario, seed=7)
        assert srv.url.startswith("wss://127.0.0.1:")
        client_ctx = ssl.create_default_context(cafile=str(cert))
        hello = {"as": "participant", "room": room, "name": "Zoé Lefèvre",
                 "persona": scenario.personas[0].id}
        conn = await Connection.open(srv.url, hello, timeout=5, ssl=client_ctx)
        try:
            assert conn.welcome["you"]["kind"] == "participant"
            await conn.act({"type": "write_expectation", "id": "x1",
                            "text": "Comprendre les contraintes du gardien, évidemment."})
            while True:
                msg = await conn.recv(timeout=5)
                if msg["t"] == "ack" and msg["id"] == "x1":
                    break
                assert msg["t"] != "reject", msg
        finally:
            await conn.close()
        # the stored log holds the expectation, written over TLS
        texts = [e.data.get("text") for e in srv.store.events(room) if e.type == "expectation_written"]
        assert texts == ["Comprendre les contraintes du gardien, évidemment."]
        # a client that does not trust the certificate cannot connect
        with pytest.raises(ConnectError):
            await Connection.open(srv.url, hello, timeout=5)
    finally:
        await srv.stop()
