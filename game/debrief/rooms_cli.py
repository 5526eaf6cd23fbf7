"""`ilot rooms`: what an operator needs on the data directory of a server.

It lists the rooms (code, scenario, phase, participants, last activity, closed or not), shows
their trainer codes with `--codes` (whoever can read the data directory is trusted with them),
and deletes a room with `--delete CODE` after writing its portable log to `--archive DIR`, only
while no server holds the directory (`ilot.game.storage.dirlock`). With `--store URL` (or a URL
as `--data`), the same on a PostgreSQL store: a room is deleted only while no server holds it
(its advisory lock, `ilot.game.storage.deleting.room_for_deleting`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from ilot.game.storage import default_data_dir
from ilot.game.text import Lang, lang_for

from .store_args import add_store_options, store_source


def add_rooms_command(sub: argparse._SubParsersAction, lang: Lang) -> None:
    from ilot.game.cli import add_lang_option

    t = lang.t
    r = sub.add_parser("rooms", help=t("rooms.cli.help"), description=t("rooms.cli.description"))
    add_store_options(r, lang, t("cli.serve.data", default=default_data_dir()))
    r.add_argument("--codes", action="store_true", help=t("rooms.cli.codes"))
    r.add_argument("--delete", metavar="CODE", help=t("rooms.cli.delete"))
    r.add_argument("--archive", metavar=t("cli.metavar.dir"), default=".",
                   help=t("rooms.cli.archive"))
    add_lang_option(r, lang)
    r.set_defaults(run=_rooms)


def _rooms(args: argparse.Namespace) -> int:
    from ilot.game.storage import StoreMissing, StoreReader
    from ilot.game.storage.stores import StoreUnreachable, source_name

    lang = lang_for(args.lang)
    data = store_source(args)
    try:
        reader = StoreReader(data)
    except StoreMissing:
        print(lang.t("rooms.cli.no_store", path=source_name(data)), file=sys.stderr)
        return 2
    except StoreUnreachable as exc:
        print(lang.t("pg.cli.unreachable", url=exc.url, error=exc.detail), file=sys.stderr)
        return 2
    data_name = source_name(data)
    try:
        rooms = reader.room_summaries()
    finally:
        reader.close()
    if args.delete:
        return _delete(args, lang, data, rooms)
    if not rooms:
        print(lang.t("rooms.cli.none", path=data_name))
        return 0
    for info in rooms:
        print(room_line(info, lang))
        if args.codes:
            code = info["trainer_code"]
            print("    " + (lang.t("rooms.cli.trainer_code", code=_show(code)) if code
                           else lang.t("rooms.cli.code_not_kept")))
    return 0


def _show(code: str) -> str:
    from ilot.game.net.joincodes import show

    return show(code)


def room_line(info: dict[str, Any], lang: Lang) -> str:
    """« ABCD-EFGH · L'îlot des Tilleuls (ilot_des_tilleuls) · phase 3 « … » · 12 participant·es
    · 345 événements · dernière activité 3 déc. 2026 14:05 · close »."""
    parts = [_show(info["room"]), f"{info['title']} ({info['scenario']})",
             lang.t("rooms.cli.phase", n=lang.num(info["phase"] + 1), title=info["phase_title"]),
             lang.n("rooms.cli.participants_n", info["participants"]),
             lang.n("cli.serve.events_n", info["events"]),
             lang.t("rooms.cli.last_activity", at=lang.datetime(info["last_activity"]))]
    parts.append(lang.t("rooms.cli.closed") if info["closed"] else lang.t("rooms.cli.open"))
    return " · ".join(parts)


def _delete(args: argparse.Namespace, lang: Lang, data: str | Path,
            rooms: list[dict[str, Any]]) -> int:
    from ilot.game.net.joincodes import normalise
    from ilot.game.storage.deleting import RoomHeld, delete_rows, room_for_deleting
    from ilot.game.storage.dirlock import DataDirBusy
    from ilot.game.storage.reading import (
        read_connections,
        read_debrief_notes,
        read_events,
        read_scenario,
    )
    from ilot.game.storage.stores import source_name

    from .logfile import read_log, write_log

    wanted = normalise(args.delete)
    info = next((r for r in rooms if r["room"] == wanted), None)
    if info is None:
        print(lang.t("rooms.cli.unknown", code=args.delete), file=sys.stderr)
        return 2
    room = info["room"]
    try:
        with room_for_deleting(data, room) as db:
            scenario, events = read_scenario(db, room), read_events(db, room)
            notes, connections = read_debrief_notes(db, room), read_connections(db, room)
            archive = Path(args.archive)
            archive.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            path = archive / f"ilot-{_show(room)}-{stamp}.jsonl"
            write_log(path, room, scenario, events, notes, connections=connections)
            if len(read_log(path).events) != len(events):  # the archive reads back whole, or no delete
                print(lang.t("rooms.cli.archive_failed", path=path), file=sys.stderr)
                return 1
            delete_rows(db, room)
    except DataDirBusy as busy:
        print(lang.t("rooms.cli.busy", path=source_name(data), pid=busy.pid or "?"), file=sys.stderr)
        return 1
    except RoomHeld as held:
        print(lang.t("pgdata.rooms.held", code=_show(room), url=held.url or "?"), file=sys.stderr)
        return 1
    print(lang.t("rooms.cli.deleted", code=_show(room), path=path,
                 events=lang.n("cli.serve.events_n", len(events))))
    return 0
