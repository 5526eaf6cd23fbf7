"""`ilot serve` and `ilot bot`: registered on the `ilot` command by `add_commands`.

Their help and every line they print are in the language of the command line (`cli.serve.*`,
`cli.bot.*` in cli.po). The log records (`logging`, with a time stamp) are diagnostics for
whoever runs the server and stay in English, like the protocol's `detail`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import ssl
import sys
from pathlib import Path
from typing import Any

from ilot.game.storage import default_data_dir  # one default for the server and the debrief
from ilot.game.storage.pg import HOLD_S
from ilot.game.text import Lang, lang_for


def add_commands(sub: argparse._SubParsersAction, lang: Lang) -> None:
    from ilot.game.cli import add_lang_option, shipped_names

    t = lang.t
    file, folder, seed = t("cli.metavar.file"), t("cli.metavar.dir"), t("cli.metavar.seed")
    s = sub.add_parser("serve", help=t("cli.serve.help"), description=t("cli.serve.description"))
    s.add_argument("--scenario", metavar=file, help=t("cli.serve.scenario", names=shipped_names()))
    s.add_argument("--seed", type=int, default=None, metavar=seed, help=t("cli.serve.seed"))
    s.add_argument("--host", default="127.0.0.1", metavar=t("cli.metavar.host"),
                   help=t("cli.serve.host", default="127.0.0.1"))
    s.add_argument("--port", type=int, default=8765, metavar="PORT",
                   help=t("cli.serve.port", default=8765))
    s.add_argument("--data", default=None, metavar=folder,
                   help=t("cli.serve.data", default=default_data_dir()))
    s.add_argument("--store", metavar="URL", help=t("pg.cli.store"))
    s.add_argument("--public-url", metavar="URL", help=t("pg.cli.public_url"))
    s.add_argument("--hold", type=_hold_seconds(lang), default=HOLD_S, metavar=t("pg.cli.seconds"),
                   help=t("pg.cli.hold", default=lang.num(HOLD_S, 0)))
    s.add_argument("--certfile", metavar=file, help=t("cli.serve.certfile"))
    s.add_argument("--keyfile", metavar=file, help=t("cli.serve.keyfile"))
    s.add_argument("--trust-proxy", action="store_true", help=t("cli.serve.trust_proxy"))
    s.add_argument("--max-rooms", type=int, default=200, metavar="N",
                   help=t("cli.serve.max_rooms", default=200))
    s.add_argument("--max-seats", type=int, default=60, metavar="N",
                   help=t("cli.serve.max_seats", default=60))
    s.add_argument("--rate", type=float, default=20.0, metavar="N",
                   help=t("cli.serve.rate", default=lang.num(20.0, 1)))
    s.add_argument("--burst", type=int, default=40, metavar="N",
                   help=t("cli.serve.burst", default=40))
    s.add_argument("--synchronous", default="FULL", choices=["FULL", "NORMAL", "EXTRA"],
                   help=t("cli.serve.synchronous", default="FULL"))
    s.add_argument("--new-room", action="store_true", help=t("rooms.cli.new_room"))
    s.add_argument("-v", "--verbose", action="store_true", help=t("cli.serve.verbose"))
    add_lang_option(s, lang)
    s.set_defaults(run=_serve)

    b = sub.add_parser("bot", help=t("cli.bot.help"), description=t("cli.bot.description"))
    b.add_argument("url", metavar="URL", help=t("cli.bot.url"))
    b.add_argument("--room", required=True, metavar="CODE", help=t("cli.bot.room"))
    b.add_argument("--count", type=int, default=6, metavar="N",
                   help=t("cli.bot.count", default=6))
    b.add_argument("--seconds", type=float, default=None, metavar="N", help=t("cli.bot.seconds"))
    b.add_argument("--pace", type=float, default=1.0, metavar="N",
                   help=t("cli.bot.pace", default=lang.num(1.0)))
    b.add_argument("--seed", type=int, default=0, metavar=seed, help=t("cli.bot.seed", default=0))
    add_lang_option(b, lang)
    b.set_defaults(run=_bot)


def _hold_seconds(lang: Lang) -> Any:
    """`--hold`: 0 (never: a frozen server keeps its rooms) or at least 1 second."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if value != 0 and not 1 <= value <= 86400:
            raise argparse.ArgumentTypeError(lang.t("pg.cli.bad_hold", value=text))
        return value
    return parse


def _serve(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from ilot import scenario_path
    from ilot.game.core.scenario_check import check_file
    from ilot.game.storage.dirlock import DataDirBusy
    from ilot.game.text.scenario_errors import scenario_error_line

    from . import codes
    from .app import IlotServer

    lang = lang_for(args.lang)
    t = lang.t
    scenario = None
    if args.scenario:
        scenario, errors = check_file(scenario_path(args.scenario))
        for err in errors:
            print(scenario_error_line(err, lang), file=sys.stderr)
        if scenario is None:
            return 1
    context = None
    if args.certfile or args.keyfile:
        if not (args.certfile and args.keyfile):
            print(t("cli.error", prog="ilot serve", message=t("cli.serve.cert_and_key")),
                  file=sys.stderr)
            return 2
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.certfile, args.keyfile)
    from ilot.game.storage.pg import is_store_url, shown_url

    store_url = args.store or (args.data if is_store_url(args.data) else None)
    if args.store and not is_store_url(args.store):
        print(t("cli.error", prog="ilot serve", message=t("pg.cli.not_url", url=args.store)),
              file=sys.stderr)
        return 2
    data = Path(args.data) if args.data and not store_url else default_data_dir()
    try:
        server = IlotServer(data, max_rooms=args.max_rooms, max_seats=args.max_seats,
                            rate=args.rate, burst=args.burst,
                            synchronous=args.synchronous, ssl_context=context,
                            trust_proxy=args.trust_proxy, store_url=store_url,
                            public_url=args.public_url, hold=args.hold)
    except Exception as exc:  # the database is out of reach, or psycopg is missing
        if store_url is None:
            raise
        print(t("cli.error", prog="ilot serve",
                message=t("pg.cli.unreachable", url=shown_url(store_url), error=str(exc).strip())),
              file=sys.stderr)
        return 1

    def say(line: str) -> None:
        print(line, flush=True)

    async def main() -> None:
        try:
            port = await server.start(args.host, args.port)
        except DataDirBusy as busy:
            print(t("rooms.cli.busy_serve", path=data, pid=busy.pid or "?"), file=sys.stderr)
            raise SystemExit(1) from None
        # the URL and the codes stay whole words on their lines: scripts and tests read them
        say(t("cli.serve.ready", url=server.url, port=port))
        say("  " + (t("pg.cli.store_line", url=shown_url(store_url)) if store_url
                    else t("cli.serve.data_dir", path=data)))
        if server.organiser_key:
            say("  " + t("cli.serve.organiser_key", key=server.organiser_key))
        if scenario is not None:
            reused = None if args.new_room else server.open_room_of(scenario)
            if reused is None:
                room, trainer_code = server.create_room(scenario, args.seed)
                say("  " + t("cli.serve.room", title=scenario.title))
            else:  # a restart on the same data: the room already opened from that scenario
                room, trainer_code = reused, server.store.trainer_code(reused)
                say("  " + t("rooms.cli.reused", title=scenario.title))
            say("  " + t("cli.serve.join_code", code=codes.show(room)))
            say("  " + (t("cli.serve.trainer_code", code=codes.show(trainer_code)) if trainer_code
                        else t("rooms.cli.code_not_kept")))
        for info in server.store.list_rooms():
            line = t("cli.serve.room_line", code=codes.show(info["room"]), title=info["title"],
                     events=lang.n("cli.serve.events_n", info["events"]))
            room = server.rooms.get(info["room"])
            if room is not None and room.state.closed_at is not None:
                line += " · " + t("cli.serve.room_closed")
            say("  - " + line)
        say("  " + t("cli.serve.open_rooms", n=len(server.rooms)))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await server.stop()

    asyncio.run(main())
    return 0


def bot_report(report: dict[str, Any], lang: Lang) -> str:
    """What `run_bots` did, in one line: "Bots: 3 connected, 40 actions sent, …"."""
    parts = [lang.n("cli.bot.connected_n", report["connected"]),
             lang.n("cli.bot.sent_n", report["sent"]),
             lang.n("cli.bot.accepted_n", report["accepted"]),
             lang.n("cli.bot.rejected_n", report["rejected"]),
             lang.n("cli.bot.errors_n", report["errors"])]
    if report.get("reconnected"):
        parts.insert(1, lang.n("cli.bot.reconnected_n", report["reconnected"]))
    line = lang.t("cli.bot.report", summary=", ".join(parts))
    if report.get("codes"):
        codes = ", ".join(lang.t("cli.bot.code_count", code=code, n=lang.num(n))
                          for code, n in sorted(report["codes"].items()))
        line += " " + lang.t("cli.bot.codes", codes=codes)
    return line


def _bot(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from . import codes
    from .bots import run_bots

    async def main() -> dict[str, Any]:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        return await run_bots(args.url, codes.normalise(args.room), args.count,
                              seconds=args.seconds, pace=args.pace, seed=args.seed, stop=stop)

    report = asyncio.run(main())
    print(bot_report(report, lang_for(args.lang)), flush=True)
    return 0
