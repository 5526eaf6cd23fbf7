"""The client's network thread asks for a fresh snapshot when events were missed."""

from __future__ import annotations

from ilot.game.client.net import NetThread
from ilot.game.net.protocol import EVENTS, WELCOME


def test_a_gap_in_the_events_asks_for_a_snapshot():
    net = NetThread("ws://127.0.0.1:1", {"as": "trainer", "room": "ROOM", "code": "x"})
    net._note_seq({"t": WELCOME, "state": {"seq": 10}})
    net._note_seq({"t": EVENTS, "events": [{"seq": 9}, {"seq": 10}, {"seq": 11}, {"seq": 12}]})
    assert net.last_seq == 12 and not net._full  # repeats and the next ones: fine
    net._note_seq({"t": EVENTS, "events": [{"seq": 14}]})  # 13 never came
    assert net._full and net.last_seq == 12  # the next hello asks for a whole state
