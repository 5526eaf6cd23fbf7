"""A window or a server that closes in a process that goes on hands what its garbage-collection
policy froze back to the collector (a test run opens hundreds of windows: frozen, each stayed in
memory for good, 8 GB by the end of the client tests)."""

from __future__ import annotations

import gc

from ilot.game.cli import DEFAULT_SCENARIO
from ilot.game.client.local_server import LocalServer

from .conftest import pump


def test_a_closed_window_leaves_nothing_frozen(harness):
    app = harness.app({"as": "spectator", "room": harness.room})
    pump(app, lambda: app.screen == "main")
    app.collector.committed(app.collector.every)  # a session's worth of events: it freezes
    assert gc.get_freeze_count() > 0
    app.close()
    assert gc.get_freeze_count() == 0


def test_a_stopped_server_leaves_nothing_frozen():
    srv = LocalServer()
    srv.start()
    try:
        srv.create_room(DEFAULT_SCENARIO)
        srv.call(lambda: srv.server.collector.committed(srv.server.collector.every))
        assert gc.get_freeze_count() > 0
    finally:
        srv.stop()
    assert gc.get_freeze_count() == 0
