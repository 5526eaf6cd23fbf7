"""`ilot store copy --from DIR|URL --to DIR|URL`: a whole store moved to another, the way to
move a server's data directory to PostgreSQL (and back): every row verbatim, so participants'
tokens and trainer codes keep working (`ilot.game.storage.copying`)."""

from __future__ import annotations

import argparse
import sys

from ilot.game.text import Lang, lang_for


def add_commands(sub: argparse._SubParsersAction, lang: Lang) -> None:
    from ilot.game.cli import add_lang_option

    t = lang.t
    s = sub.add_parser("store", help=t("pgdata.store.help"), description=t("pgdata.store.description"))
    stores = s.add_subparsers(dest="store_command", required=True)
    c = stores.add_parser("copy", help=t("pgdata.copy.help"), description=t("pgdata.copy.description"))
    where = f"{t('cli.metavar.dir')}|URL"
    c.add_argument("--from", dest="source", required=True, metavar=where, help=t("pgdata.copy.from"))
    c.add_argument("--to", dest="target", required=True, metavar=where, help=t("pgdata.copy.to"))
    add_lang_option(c, lang)
    c.set_defaults(run=_copy)


def _copy(args: argparse.Namespace) -> int:
    from ilot.game.storage.copying import CopyRefused, copy_store
    from ilot.game.storage.dirlock import DataDirBusy
    from ilot.game.storage.pg import is_store_url
    from ilot.game.storage.reading import StoreMissing
    from ilot.game.storage.stores import StoreUnreachable, source_name

    lang = lang_for(args.lang)
    t = lang.t
    source, target = source_name(args.source), source_name(args.target)

    def fail(line: str, code: int = 1) -> int:
        print("ilot: " + line, file=sys.stderr)
        return code

    try:
        counts = copy_store(args.source, args.target)
    except StoreMissing as exc:
        return fail(t("rooms.cli.no_store", path=source_name(exc.data_dir)), 2)
    except StoreUnreachable as exc:
        return fail(t("pg.cli.unreachable", url=exc.url, error=exc.detail), 2)
    except DataDirBusy as busy:
        return fail(t("pgdata.copy.busy", path=busy.data_dir, pid=busy.pid or "?"))
    except CopyRefused as exc:
        if exc.reason == "not_empty":
            return fail(t("pgdata.copy.not_empty", target=target, table=exc.table))
        if exc.reason == "served":
            return fail(lang.n("pgdata.copy.served", exc.count, source=source))
        if exc.reason == "held":
            return fail(t("pgdata.copy.held", source=source,
                          rooms=", ".join(_show(r) for r in exc.rooms)))
        return fail(t("pgdata.copy.same"), 2)
    print(t("pgdata.copy.done", source=source, target=target,
            rooms=lang.n("pgdata.rooms_n", counts["rooms"]),
            events=lang.n("cli.serve.events_n", counts["events"]),
            seats=lang.n("pgdata.seats_n", counts["seats"]),
            notes=lang.n("pgdata.notes_n", counts["debrief_notes"]),
            connections=lang.n("pgdata.connections_n", counts["connections"])))
    option = f"--store {target}" if is_store_url(args.target) else f"--data {target}"
    print(t("pgdata.copy.next", option=option, source=source))
    return 0


def _show(code: str) -> str:
    from ilot.game.net.joincodes import show

    return show(code)
