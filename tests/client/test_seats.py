"""A participant who closes the window (or whose laptop restarts overnight) gets their seat back."""

from __future__ import annotations

import json
import os

from ilot.game.client import seats

from .conftest import pump
from .test_play import joined


def test_closing_the_window_keeps_the_seat(harness):
    app = joined(harness, name="Amélie")
    pid = app.model.me
    persona = harness.state().participants[pid].persona
    assert seats.recall(harness.url, harness.room, "amélie")  # saved under the name, any case
    assert oct(os.stat(seats.seats_file()).st_mode & 0o777) == "0o600"  # a secret: owner only
    app.close()
    again = harness.app({"as": "participant", "room": harness.room, "name": "Amélie"})
    # straight back to the game, as the same participant with the same character
    pump(again, lambda: again.screen == "main")
    assert again.model.me == pid
    state = harness.state()
    assert list(state.participants) == [pid]
    assert state.participants[pid].persona == persona


def test_a_stale_saved_seat_falls_back_to_joining_by_name(harness):
    path = seats.seats_file()
    path.write_text(json.dumps({f"{harness.url}|{harness.room.replace('-', '')}": {
        "name": "Basile", "token": "not-a-token-this-server-knows", "saved_at": 0}}))
    app = harness.app({"as": "participant", "room": harness.room, "name": "Basile"})
    pump(app, lambda: app.screen == "persona")
    state = harness.state()
    assert [p.name for p in state.participants.values()] == ["Basile"]
    # the new seat replaced the stale one on this laptop
    assert seats.recall(harness.url, harness.room, "Basile") not in (None, "not-a-token-this-server-knows")
