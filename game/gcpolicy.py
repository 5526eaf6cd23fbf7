"""The cyclic garbage collector, kept off the path of the players' actions (server and client).

A room's state only grows during a session (notes, positions, drafts…), so what it keeps ends
up in the collector's oldest generation, and CPython runs a full collection each time that
generation has grown by a quarter: a scan of every live object with the event loop stopped,
30–70 ms at the bench's target load (bench/bench_server.py), which every action in flight
waits for (in the client: a frame that stalls). Instead, after every `every` events applied
(in the server: right after a batch was committed and answered), the process collects the
young generations and freezes what survived (`gc.freeze`: the collector skips it; reference
counting still frees what is no longer used), so every automatic collection stays small. A
full collection, to reclaim any cycles frozen meanwhile, runs only when no event has come for
`idle` seconds.
"""

from __future__ import annotations

import gc
import time
from typing import Callable


class Collector:
    def __init__(self, every: int = 2000, idle: float = 30.0,
                 clock: Callable[[], float] = time.monotonic):
        self.every, self.idle, self.clock = every, idle, clock
        self.since_freeze = 0
        self.last_activity = clock()
        self.frozen_since_full = False
        self.freezes = self.full_collections = 0

    def committed(self, events: int) -> None:
        """Called once `events` more events have been applied (and, in the server, committed
        and answered)."""
        self.last_activity = self.clock()
        self.since_freeze += events
        if self.since_freeze >= self.every:
            self.since_freeze = 0
            gc.collect(1)
            gc.freeze()
            self.freezes += 1
            self.frozen_since_full = True

    def tick(self) -> bool:
        """Called every few seconds: a full collection once no event has come for `idle`
        seconds. Returns whether one ran."""
        if not self.frozen_since_full or self.clock() - self.last_activity < self.idle:
            return False
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.frozen_since_full = False
        self.full_collections += 1
        return True
