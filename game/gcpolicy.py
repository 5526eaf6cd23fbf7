"""The cyclic garbage collector, kept off the path of the players' actions (server and client).

A room's state only grows during a session (notes, positions, drafts…), so what it keeps ends
up in the collector's oldest generation, and CPython runs a full collection each time that
generation has grown by a quarter: a scan of every live object with the event loop stopped,
30–70 ms at the bench's target load (bench/bench_server.py), which every action in flight
waits for (in the client: a frame that stalls). Instead, after every `every` events applied
(in the server: right after a batch was committed and answered, and every few seconds), the
process collects the young generations and freezes everything (`gc.freeze`: the collector
skips it from then on; reference counting still frees what is no longer used), so every
automatic collection, full ones included, scans only what came since the last freeze. A full
pass over the frozen objects too, to reclaim cycles that were garbage or became garbage once
frozen, runs only when no event has come for `idle` seconds. (A full collection before each
freeze would leak less until then, but it scans all that came since the last freeze: 60 ms
for a server's first seconds, measured.)
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


class Collector:
    """`every`: events between two freezes. `settle`: seconds after which `tick` also freezes
    what came since the last freeze, events or not (a server's connections, new rooms; None:
    only by events). `idle`: seconds without events before a full pass."""

    def __init__(self, every: int = 2000, idle: float = 30.0, settle: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.every, self.idle, self.settle, self.clock = every, idle, settle, clock
        self.since_freeze = 0
        self.last_activity = self.last_freeze = clock()
        self.frozen_since_full = False
        self.freezes = self.full_collections = 0

    def committed(self, events: int) -> None:
        """Called once `events` more events have been applied (and, in the server, committed
        and answered)."""
        self.last_activity = self.clock()
        self.since_freeze += events
        if self.since_freeze >= self.every:
            self._freeze()

    def tick(self) -> bool:
        """Called every few seconds: a full pass once no event has come for `idle` seconds,
        else a freeze when `settle` seconds went by since the last one. Returns whether a
        full pass ran."""
        now = self.clock()
        if self.frozen_since_full and now - self.last_activity >= self.idle:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.frozen_since_full = False
            self.full_collections += 1
            return True
        if self.settle is not None and now - self.last_freeze >= self.settle and (
                self.since_freeze or now - self.last_activity < self.idle):
            self._freeze()
        return False

    def release(self) -> None:
        """Hand what was frozen back to the collector: the window or room it was kept for is
        closing and the process goes on (a test suite opens hundreds of windows one after the
        other; frozen, each one stayed in memory for good)."""
        gc.unfreeze()
        self.frozen_since_full = False

    def _freeze(self) -> None:
        self.since_freeze = 0
        self.last_freeze = self.clock()
        gc.collect(1)  # the young generations only: a few ms at most, whatever the heap
        gc.freeze()
        self.freezes += 1
        self.frozen_since_full = True
