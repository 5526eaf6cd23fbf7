"""A throwaway PostgreSQL server in a temporary directory, on a free loopback port.

For the tests, the benches and trying several servers on one machine: it needs PostgreSQL's own
programs (`initdb`, `pg_ctl`: Debian's `postgresql` package, found on PATH or under
/usr/lib/postgresql/*/bin). PostgreSQL refuses to run as root, so as root the cluster is made
and run by the `postgres` user the package creates.

    python -m ilot.server.pgtemp      # prints a postgresql:// URL, runs until Ctrl+C
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


class NoPostgres(RuntimeError):
    """PostgreSQL's programs are not installed."""


def find_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise NoPostgres(f"{name} not found (apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TempPostgres:
    """`start()` makes a cluster and runs it; `url(db)` the URL of a database; `stop()` ends
    it and removes its directory. `fsync` off by default: tests do not survive power cuts."""

    def __init__(self, *, fsync: bool = False, max_connections: int = 300):
        self.fsync, self.max_connections = fsync, max_connections
        self.dir = Path(tempfile.mkdtemp(prefix="ilot-pg-"))
        self.data = self.dir / "data"
        self.port = 0
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.dir, "postgres")

    def _run(self, *args: str) -> None:
        out = subprocess.run([*self._as, *args], capture_output=True, text=True, cwd=self.dir)
        if out.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({out.returncode}): {out.stderr.strip()}"
                               f"\n{out.stdout.strip()[-2000:]}")

    def start(self) -> TempPostgres:
        self._run(find_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "ilot",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        self.port = _free_port()
        self.resume()
        return self

    def resume(self) -> None:
        """Run the server (again, after `pause`: same data, same port)."""
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                   f"-c max_connections={self.max_connections} "
                   f"-c fsync={'on' if self.fsync else 'off'}")
        self._run(find_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.dir / "log"), "-w", "-t", "60", "start")

    def pause(self) -> None:
        """Stop the server, keeping its data (a database that goes down, for tests)."""
        self._run(find_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://ilot@127.0.0.1:{self.port}/{db}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.port:
            try:
                self._run(find_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                          "stop")
            except RuntimeError:
                pass
            self.port = 0
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def main() -> int:
    with TempPostgres(fsync=True) as pg:
        print(pg.create_database("ilot"), flush=True)
        try:
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    sys.exit(main())
