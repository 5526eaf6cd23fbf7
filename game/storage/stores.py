"""A store named the way the command line names it: a data directory (the SQLite file in it) or
a `postgresql://` URL (`pg.is_store_url`).

The operator's tools (`ilot rooms`, `ilot debrief`, `ilot log export|import`, `ilot store
copy`) take either; this module opens the PostgreSQL side: read-only for reading (the session
refuses writes, whatever the tool does), with clear errors for a database out of reach
(`StoreUnreachable`) or one no Îlot server ever used (`StoreMissing`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pg import PgDb, is_store_url, shown_url
from .reading import StoreMissing


class StoreUnreachable(LookupError):
    """The PostgreSQL database cannot be opened (down, wrong address, refused, psycopg missing)."""

    def __init__(self, url: str, detail: str):
        super().__init__(f"{shown_url(url)}: {detail}")
        self.url, self.detail = shown_url(url), detail


class ReadOnlyPgDb(PgDb):
    """A `PgDb` whose sessions refuse every write (opened again read-only after a break)."""

    def _connect(self) -> Any:
        conn = super()._connect()
        conn.execute("SET default_transaction_read_only = on")
        return conn


def source_name(source: str | Path) -> str:
    """How messages name a store: its directory, or its URL without the password."""
    return shown_url(str(source)) if is_store_url(str(source)) else str(source)


def open_pg(url: str, *, readonly: bool = False, create: bool = False,
            application: str = "ilot-tools") -> PgDb:
    """A connection to the store at `url`. Without `create`, a database with no Îlot tables is
    `StoreMissing`; with it, the tables are created (a writer: `ilot log import`, `ilot store
    copy`)."""
    try:
        db = (ReadOnlyPgDb if readonly else PgDb)(url, schema=create, application=application)
    except ImportError as exc:
        raise StoreUnreachable(url, str(exc)) from None
    except Exception as exc:  # psycopg.OperationalError and the like: out of reach
        raise StoreUnreachable(url, str(exc).strip()) from None
    if not create and db.execute("SELECT to_regclass('rooms')").fetchone()[0] is None:
        db.close()
        raise StoreMissing(shown_url(url))
    return db


def store_exists(source: str | Path) -> bool:
    """Whether there is a store to read at `source` (False for a database out of reach)."""
    from .paths import database_path

    if not is_store_url(str(source)):
        return database_path(source).is_file()
    try:
        open_pg(str(source), readonly=True).close()
    except (StoreMissing, StoreUnreachable):
        return False
    return True
