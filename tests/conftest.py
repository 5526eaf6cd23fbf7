"""Fixtures shared by all tests: the rich and the short shipped scenarios, loaded and checked once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:  # `import helpers` from any test dir (pytest usually adds it already)
    sys.path.append(_TESTS)

from helpers import RICH_FILE, SHORT_FILE, Session  # noqa: E402

from ilot.game.core import load_scenario  # noqa: E402


@pytest.fixture(scope="session")
def rich():
    """The rich default scenario (L'îlot des Tilleuls, twelve phases)."""
    return load_scenario(RICH_FILE)


@pytest.fixture(scope="session")
def short():
    """The short scenario (La résidence des Glycines, one building, six phases)."""
    return load_scenario(SHORT_FILE)


@pytest.fixture
def rs(rich):
    """A fresh session on the rich scenario."""
    return Session(rich)


@pytest.fixture
def ss(short):
    """A fresh session on the short scenario."""
    return Session(short)


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole run (ilot.server.pgtemp). Skipped where
    PostgreSQL is not installed, unless ILOT_REQUIRE_PG=1 (CI installs it: those tests must run)."""
    import os

    from ilot.server.pgtemp import NoPostgres, TempPostgres

    try:
        pg = TempPostgres().start()
    except NoPostgres as exc:
        if os.environ.get("ILOT_REQUIRE_PG") == "1":
            raise
        pytest.skip(str(exc))
    yield pg
    pg.stop()


_databases = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(pg_server):
    """The URL of a new, empty database on the run's PostgreSQL server."""
    return pg_server.create_database(f"t{next(_databases)}")
