"""Moving data between the two stores: the operator's commands read a PostgreSQL store as they
read a data directory (`--store URL`), `ilot log import` makes a log a room again, `ilot store
copy` moves a whole store. Run against both stores (`pg_url`: a throwaway PostgreSQL)."""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from ilot.game.cli import main
from ilot.game.core.replay import replay, state_hash
from ilot.game.debrief.logfile import read_log, write_log
from ilot.game.debrief.recording import LogRecording
from ilot.game.debrief.scripted import play
from ilot.game.storage import DebriefNotes, StoreMissing, StoreReader
from ilot.game.storage.copying import TABLES, CopyRefused, copy_store
from ilot.game.storage.dirlock import DataDirBusy, DataDirLock
from ilot.game.storage.stores import StoreUnreachable
from ilot.server.store import BaseStore, Store

ROOM = "K7QM3XPA"
_databases = itertools.count(1)
KINDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="module")
def script(short):
    return play(short, participants=5, scale=0.4, seed=3)


@pytest.fixture(params=KINDS)
def kind(request):
    return request.param


def _open(source) -> BaseStore:
    if str(source).startswith("postgresql://"):
        from ilot.server.pgstore import PgStore

        return PgStore(source)
    return Store.in_dir(source)


def fill(source, short, script, room: str = ROOM) -> None:
    """A room as a server leaves it: events, two seats (one with a join id), a trainer code,
    the organiser key, debrief notes and connection rows."""
    store = _open(source)
    try:
        store.create_room(room, short, "f" * 64, script.events[0], "TRAINERCODE2")
        if store.shared:
            assert store.claim(room, "ws://127.0.0.1:1")
        store.append(room, script.events[1:20], seat=(f"tok-a-{room}", "p1"),
                     join_hash="join-a")
        store.append(room, script.events[20:], seat=(f"tok-b-{room}", "p2"))
        store.add_meta("organiser_key", "e" * 64)
        store.add_debrief_note(room, 3.5, "Début de l'état des lieux")
        store.add_debrief_note(room, 9.0, "Bon échange « sur la cour »")
        store.db.execute("INSERT INTO connections (room, actor, who, kind, t, inferred) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (room, "p1", "Léa", "connect", 1.5, 0))
        store.db.execute("INSERT INTO connections (room, actor, who, kind, t, inferred) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (room, "p1", "Léa", "disconnect", 8.0, 1))
    finally:
        store.close()


@pytest.fixture
def source(kind, tmp_path, request, short, script):
    """A store (a data directory or a PostgreSQL URL) with one room."""
    where = request.getfixturevalue("pg_url") if kind == "postgresql" else str(tmp_path / "src")
    fill(where, short, script)
    return where


def _rows(source) -> dict[str, list[tuple]]:
    """Every row of every copied table, sorted."""
    if str(source).startswith("postgresql://"):
        from ilot.game.storage.pg import PgDb

        db = PgDb(source, schema=False)
    else:
        db = sqlite3.connect(f"{source}/ilot.sqlite3")
    try:
        return {t: sorted(tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)
                          for r in db.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall())
                for t, cols in TABLES.items()}
    finally:
        db.close()


# ----- reading a PostgreSQL store as a data directory -----

def test_the_reader_and_the_notes_work_on_both_stores(source, short, script):
    reader = StoreReader(source)
    try:
        assert [r["room"] for r in reader.list_rooms()] == [ROOM]
        assert reader.find_room("k7qm-3xpa")["room"] == ROOM
        assert reader.scenario(ROOM) == short
        assert [e.to_dict() for e in reader.events(ROOM)] == [e.to_dict() for e in script.events]
        assert [c["kind"] for c in reader.connections(ROOM)] == ["connect", "disconnect"]
        assert reader.room_summaries()[0]["trainer_code"] == "TRAINERCODE2"
        notes = DebriefNotes(source)
        try:
            notes.add(ROOM, 5.0, "Ajoutée au débriefing")
        finally:
            notes.close()
        assert [n["text"] for n in reader.debrief_notes(ROOM)][1] == "Ajoutée au débriefing"
        with pytest.raises(Exception, match=r"read-only|readonly"):
            reader.db.execute("DELETE FROM events")
        assert len(reader.events(ROOM)) == len(script.events)
    finally:
        reader.close()


def test_no_store_and_a_database_out_of_reach_are_said(tmp_path, pg_url, capsys):
    with pytest.raises(StoreMissing):
        StoreReader(tmp_path / "nothing")
    with pytest.raises(StoreMissing):  # a database where no server ever ran
        StoreReader(pg_url)
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    url = f"postgresql://ilot:secret@127.0.0.1:{closed}/x"
    with pytest.raises(StoreUnreachable) as exc:
        StoreReader(url)
    assert "secret" not in str(exc.value)
    assert main(["rooms", "--store", url, "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "impossible d'ouvrir la base postgresql://ilot:***@" in err
    assert main(["log", "export", "--store", url, "--room", ROOM, "--lang", "en"]) == 2
    assert "cannot open the database" in capsys.readouterr().err


def test_rooms_export_and_debrief_on_a_postgresql_store(pg_url, short, script, tmp_path, capsys):
    fill(pg_url, short, script)
    assert main(["rooms", "--store", pg_url, "--codes", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "K7QM-3XPA" in out and "TRAI-NERC-ODE2" in out and short.id in out
    assert main(["rooms", "--data", pg_url, "--lang", "fr"]) == 0  # a URL as --data, as serve
    assert "K7QM-3XPA" in capsys.readouterr().out
    log = tmp_path / "room.jsonl"
    assert main(["log", "export", "--store", pg_url, "--room", "k7qm-3xpa", "-o", str(log)]) == 0
    back = read_log(log)
    assert [e.to_dict() for e in back.events] == [e.to_dict() for e in script.events]
    assert len(back.notes) == 2 and len(back.connections) == 2
    sheet = tmp_path / "presence.csv"
    assert main(["debrief", "--store", pg_url, "--room", ROOM, "--attendance", str(sheet),
                 "--lang", "fr"]) == 0
    assert sheet.is_file() and str(sheet) in capsys.readouterr().out
    # --store wants a URL; --data and --store do not go together
    with pytest.raises(SystemExit):
        main(["rooms", "--store", str(tmp_path), "--lang", "fr"])
    assert "--store attend une adresse postgresql://" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["rooms", "--store", pg_url, "--data", str(tmp_path), "--lang", "en"])
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_room_of_postgresql_is_deleted_only_while_no_server_holds_it(pg_url, short, script,
                                                                       tmp_path, capsys):
    from ilot.server.pgstore import PgStore

    fill(pg_url, short, script)
    holder = PgStore(pg_url)
    try:
        assert holder.claim(ROOM, "ws://127.0.0.1:9/")
        assert main(["rooms", "--store", pg_url, "--delete", ROOM, "--archive",
                     str(tmp_path), "--lang", "fr"]) == 1
        assert "la salle K7QM-3XPA est tenue par un serveur (ws://127.0.0.1:9/)" in \
            capsys.readouterr().err
        assert not list(tmp_path.glob("*.jsonl"))
    finally:
        holder.close()  # the server stops: its lock goes with its connection
    assert main(["rooms", "--store", pg_url, "--delete", ROOM, "--archive", str(tmp_path),
                 "--lang", "en"]) == 0
    (archived,) = tmp_path.glob("*.jsonl")
    assert len(read_log(archived).events) == len(script.events)
    assert all(rows == [] for t, rows in _rows(pg_url).items() if t != "meta")


# ----- ilot log import -----

def _export(source, tmp_path, name="room.jsonl"):
    path = tmp_path / name
    assert main(["log", "export", "--data", str(source), "--room", ROOM, "-o", str(path)]) == 0
    return path


def _target_args(target) -> list[str]:
    return ["--store", target] if str(target).startswith("postgresql://") else ["--data", target]


@pytest.fixture
def target(kind, tmp_path, request):
    return request.getfixturevalue("pg_url") if kind == "postgresql" else str(tmp_path / "dst")


def test_a_log_imported_replays_to_the_same_state(target, tmp_path, short, script, capsys):
    src = str(tmp_path / "src")
    fill(src, short, script)
    log = _export(src, tmp_path)
    LogRecording(log).add_note(20.0, "Notée en rejouant le journal")  # in its sidecar file
    capsys.readouterr()
    assert main(["log", "import", str(log), *_target_args(target), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Salle K7QM-3XPA «\u00a0" in out and f"{len(script.events)} événements" in out
    assert "3 notes de débriefing, 2 connexions" in out and "de nouveaux sièges" in out
    code = next(x for x in out.splitlines() if "code animateur" in x).split(":")[-1].strip()
    reader = StoreReader(target)
    try:
        assert [r["room"] for r in reader.list_rooms()] == [ROOM]  # the same join code
        events = reader.events(ROOM)
        assert state_hash(replay(reader.scenario(ROOM), events)) == \
            state_hash(replay(short, script.events))
        assert [n["text"] for n in reader.debrief_notes(ROOM)] == \
            ["Début de l'état des lieux", "Bon échange « sur la cour »",
             "Notée en rejouant le journal"]
        assert reader.connections(ROOM) == StoreReader(src).connections(ROOM)
        assert reader.room_summaries()[0]["trainer_code"] == code.replace("-", "")
    finally:
        reader.close()
    rows = _rows(target)
    assert rows["seats"] == [] and rows["join_ids"] == []  # tokens are not in a log
    # the same log again: nothing to do
    assert main(["log", "import", str(log), *_target_args(target), "--lang", "en"]) == 0
    assert "already in" in capsys.readouterr().out
    assert _rows(target) == rows


def test_import_refuses_another_version_of_a_session_and_a_damaged_log(target, tmp_path, short,
                                                                       script, capsys):
    src = str(tmp_path / "src")
    fill(src, short, script)
    contents = read_log(_export(src, tmp_path))
    shorter = tmp_path / "shorter.jsonl"
    write_log(shorter, ROOM, short, contents.events[:-3])
    assert main(["log", "import", str(shorter), *_target_args(target), "--lang", "fr"]) == 0
    before = _rows(target)
    longer = tmp_path / "longer.jsonl"
    write_log(longer, ROOM, short, contents.events)
    assert main(["log", "import", str(longer), *_target_args(target), "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "déjà dans la base, salle K7QM-3XPA, avec d'autres événements" in err
    assert f"({len(script.events) - 3} dans la base, {len(script.events)} dans le journal)" in err
    damaged = tmp_path / "damaged.jsonl"
    write_log(damaged, "ZZZZ2345", short, contents.events[:5] + contents.events[6:])
    assert main(["log", "import", str(damaged), *_target_args(target), "--lang", "en"]) == 1
    assert "this log does not replay" in capsys.readouterr().err
    assert _rows(target) == before  # nothing written by either


def test_a_taken_code_gives_a_new_one(target, tmp_path, short, script, capsys):
    from ilot.game.debrief.scripted import scripted_session

    fill(target, short, script)  # K7QM3XPA holds another session
    other = tmp_path / "other.jsonl"
    write_log(other, ROOM, short, scripted_session(short, 3, 0.2, 11))
    assert main(["log", "import", str(other), *_target_args(target), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "The log's code (K7QM3XPA) is taken" in out
    rooms = {r["room"] for r in StoreReader(target).list_rooms()}
    assert len(rooms) == 2 and ROOM in rooms
    demo = tmp_path / "demo.jsonl"  # `ilot log demo` writes the room "DEMO": not a join code
    assert main(["log", "demo", "-o", str(demo), "--participants", "3", "--scale", "0.1"]) == 0
    assert main(["log", "import", str(demo), *_target_args(target), "--lang", "en"]) == 0
    assert "(DEMO) is taken or is not a room code" in capsys.readouterr().out
    assert len(StoreReader(target).list_rooms()) == 3


def test_import_into_a_data_directory_a_server_holds_is_refused(tmp_path, short, script, capsys):
    src = str(tmp_path / "src")
    fill(src, short, script)
    log = _export(src, tmp_path)
    with DataDirLock(tmp_path / "dst"):
        assert main(["log", "import", str(log), "--data", str(tmp_path / "dst"),
                     "--lang", "fr"]) == 1
    assert "arrêtez-le avant d'importer" in capsys.readouterr().err


# ----- ilot store copy -----

@pytest.mark.parametrize("direction", ["sqlite>postgresql", "postgresql>sqlite", "sqlite>sqlite",
                                       "postgresql>postgresql"])
def test_a_store_is_copied_row_for_row(direction, tmp_path, short, script, pg_server, capsys):
    ends = []
    for i, kind in enumerate(direction.split(">")):
        ends.append(pg_server.create_database(f"copy{next(_databases)}")
                    if kind == "postgresql" else str(tmp_path / f"store{i}"))
    src, dst = ends
    fill(src, short, script)
    fill(src, short, script, room="SECND234")
    assert main(["store", "copy", "--from", src, "--to", dst, "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert f"2 salles, {2 * len(script.events)} événements, 4 sièges, 4 notes de débriefing, " \
           "4 connexions" in out
    assert "ilot serve --store" in out if dst.startswith("postgresql") else "--data" in out
    assert _rows(dst) == _rows(src)
    # the copy's own ids go on after the copied ones
    store = _open(dst)
    try:
        new = store.add_debrief_note(ROOM, 1.0, "Après le déménagement")
        assert new > max(r[0] for r in _rows(src)["debrief_notes"])
    finally:
        store.close()


def test_copy_refuses_a_non_empty_target_the_same_store_and_a_missing_source(source, tmp_path,
                                                                           short, script, capsys):
    other = str(tmp_path / "other")
    fill(other, short, script, room="OTHR2345")
    before = _rows(other)
    assert main(["store", "copy", "--from", source, "--to", other, "--lang", "fr"]) == 1
    assert "n'est pas vide (table meta)\u00a0: rien n'a été copié" in capsys.readouterr().err
    assert _rows(other) == before
    with pytest.raises(CopyRefused):
        copy_store(source, source)
    assert main(["store", "copy", "--from", str(tmp_path / "none"), "--to", other,
                 "--lang", "en"]) == 2
    assert "no Îlot data in" in capsys.readouterr().err


def test_copy_refuses_a_source_a_server_holds(tmp_path, pg_url, short, script, capsys):
    src = str(tmp_path / "src")
    fill(src, short, script)
    with DataDirLock(src):
        with pytest.raises(DataDirBusy):
            copy_store(src, str(tmp_path / "dst"))
        assert main(["store", "copy", "--from", src, "--to", pg_url, "--lang", "fr"]) == 1
        assert "arrêtez-le avant de copier" in capsys.readouterr().err
    from ilot.server.pgstore import PgStore

    fill(pg_url, short, script)
    holder = PgStore(pg_url)  # a server holds a room (its writer's advisory lock)
    try:
        assert holder.claim(ROOM, "ws://127.0.0.1:1")
        assert main(["store", "copy", "--from", pg_url, "--to", str(tmp_path / "d2"),
                     "--lang", "fr"]) == 1
        assert "tenues par un serveur (K7QM-3XPA)" in capsys.readouterr().err
    finally:
        holder.close()
    running = PgStore(pg_url, name="ilot-server")  # a server connected, holding nothing yet
    try:
        assert main(["store", "copy", "--from", pg_url, "--to", str(tmp_path / "d3"),
                     "--lang", "en"]) == 1
        assert "1 Îlot server connection is open" in capsys.readouterr().err
    finally:
        running.close()
    assert main(["store", "copy", "--from", pg_url, "--to", str(tmp_path / "d4")]) == 0


def test_an_older_data_directory_without_the_later_tables_is_copied(tmp_path, pg_url, short,
                                                                    script):
    src = str(tmp_path / "old")
    fill(src, short, script)
    db = sqlite3.connect(f"{src}/ilot.sqlite3")
    db.executescript("DROP TABLE connections; DROP TABLE trainer_codes;")  # as before them
    db.close()
    counts = copy_store(src, pg_url)
    assert counts["connections"] == counts["trainer_codes"] == 0
    assert counts["events"] == len(script.events) and counts["seats"] == 2
    reader = StoreReader(pg_url)
    try:
        assert reader.room_summaries()[0]["trainer_code"] is None
        assert len(reader.events(ROOM)) == len(script.events)
    finally:
        reader.close()
