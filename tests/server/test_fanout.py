"""`fanout.frame` is byte for byte the frame websockets itself would send."""

from __future__ import annotations

import pytest
from websockets.frames import Frame, Opcode

from ilot.server import fanout


@pytest.mark.parametrize("size", [0, 1, 125, 126, 127, 65535, 65536, 70000])
def test_frame_matches_websockets_serialisation(size):
    payload = bytes(i % 251 for i in range(size))
    assert fanout.frame(payload) == Frame(Opcode.BINARY, payload).serialize(mask=False, extensions=[])
