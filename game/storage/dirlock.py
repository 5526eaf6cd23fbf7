"""One server per data directory: an exclusive lock on `ilot.lock` beside the store.

Two servers writing one store would both number a room's events; the `(room, seq)` key stops the
second at its first commit, too late for its players. The lock stops it at its start instead,
and lets `ilot rooms --delete` make sure no server holds a room it removes. The operating system
drops the lock when its process dies, so a killed server never leaves a stale one.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_NAME = "ilot.lock"


class DataDirBusy(RuntimeError):
    """Another process (a running server) holds the data directory."""

    def __init__(self, data_dir: Path, pid: str):
        super().__init__(f"{data_dir} is in use by process {pid or '?'}")
        self.data_dir, self.pid = data_dir, pid


class DataDirLock:
    """Held from `acquire()` until `release()` (or the process's end)."""

    def __init__(self, data_dir: str | Path):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> DataDirLock:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise DataDirBusy(self.data_dir, pid) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DataDirLock:
        return self.acquire()

    def __exit__(self, *_: object) -> None:
        self.release()
