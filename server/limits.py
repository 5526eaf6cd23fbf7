"""Token buckets: a per-connection message rate and a per-address budget of failed hellos."""

from __future__ import annotations

import time


class TokenBucket:
    """`rate` tokens per second up to `burst`; `take()` is False when empty."""

    __slots__ = ("burst", "rate", "stamp", "tokens")

    def __init__(self, rate: float, burst: float):
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.stamp = time.monotonic()

    def take(self, n: float = 1.0) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= n:
            self.tokens -= n
            return True
        return False

    def empty(self) -> bool:
        self.take(0.0)  # refill
        return self.tokens < 1.0


class FailureLimiter:
    """Failed attempts (unknown room, wrong code or token) per address.

    Each address may fail `burst` times, then once every `1/rate` seconds. Buckets that are full
    again are forgotten, so the table stays small.
    """

    def __init__(self, rate: float = 0.2, burst: int = 10, max_addresses: int = 10_000):
        self.rate = rate
        self.burst = burst
        self.max_addresses = max_addresses
        self._buckets: dict[str, TokenBucket] = {}

    def blocked(self, addr: str) -> bool:
        b = self._buckets.get(addr)
        return b is not None and b.empty()

    def failed(self, addr: str) -> None:
        b = self._buckets.get(addr)
        if b is None:
            if len(self._buckets) >= self.max_addresses:
                self._prune()
            b = self._buckets[addr] = TokenBucket(self.rate, self.burst)
        b.take()

    def _prune(self) -> None:
        for addr in [a for a, b in self._buckets.items() if b.take(0.0) and b.tokens >= b.burst]:
            del self._buckets[addr]
        if len(self._buckets) >= self.max_addresses:  # still full: forget the oldest
            for addr in list(self._buckets)[: self.max_addresses // 2]:
                del self._buckets[addr]
