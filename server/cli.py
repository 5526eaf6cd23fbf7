"""`ilot serve` and `ilot bot`: registered on the `ilot` command by `add_commands`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import ssl
import sys
from pathlib import Path

from ilot.game.storage import default_data_dir  # one default for the server and the debrief
from ilot.game.text import Lang


def add_commands(sub: argparse._SubParsersAction, lang: Lang) -> None:
    s = sub.add_parser("serve", help="run the server (rooms over websockets, SQLite log)",
                       description="Lance le serveur Îlot / run the Îlot server.")
    s.add_argument("--scenario", help="open a room with this scenario file at start")
    s.add_argument("--seed", type=int, default=None, help="seed of the room opened at start")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--data", default=None, help=f"data directory (default {default_data_dir()})")
    s.add_argument("--certfile", help="TLS certificate (PEM) to serve wss:// directly")
    s.add_argument("--keyfile", help="TLS private key (PEM)")
    s.add_argument("--trust-proxy", action="store_true",
                   help="take client addresses from X-Forwarded-For (behind a reverse proxy)")
    s.add_argument("--max-rooms", type=int, default=200)
    s.add_argument("--max-seats", type=int, default=60)
    s.add_argument("--rate", type=float, default=20.0, help="messages per second per connection")
    s.add_argument("--burst", type=int, default=40, help="burst of messages per connection")
    s.add_argument("--synchronous", default="FULL", choices=["FULL", "NORMAL", "EXTRA"],
                   help="SQLite synchronous mode (FULL: every ack survives a power cut)")
    s.add_argument("-v", "--verbose", action="store_true")
    s.set_defaults(run=_serve)

    b = sub.add_parser("bot", help="connect bot participants to a room",
                       description="Connecte des participants automatiques / connect bot players.")
    b.add_argument("url", help="server URL, e.g. ws://127.0.0.1:8765")
    b.add_argument("--room", required=True, help="join code")
    b.add_argument("--count", type=int, default=6)
    b.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
    b.add_argument("--pace", type=float, default=1.0,
                   help="1 = human pace (an action every 5-15 s each), 0 = as fast as acks come")
    b.add_argument("--seed", type=int, default=0)
    b.set_defaults(run=_bot)


def _serve(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from ilot import scenario_path
    from ilot.game.core.scenario_check import check_file

    from . import codes
    from .app import IlotServer

    scenario = None
    if args.scenario:
        scenario, errors = check_file(scenario_path(args.scenario))
        for err in errors:
            print(err, file=sys.stderr)
        if scenario is None:
            return 1
    context = None
    if args.certfile or args.keyfile:
        if not (args.certfile and args.keyfile):
            print("--certfile et --keyfile vont ensemble / go together", file=sys.stderr)
            return 2
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.certfile, args.keyfile)
    data = Path(args.data) if args.data else default_data_dir()
    server = IlotServer(data, max_rooms=args.max_rooms, max_seats=args.max_seats,
                        rate=args.rate, burst=args.burst,
                        synchronous=args.synchronous, ssl_context=context,
                        trust_proxy=args.trust_proxy)

    async def main() -> None:
        port = await server.start(args.host, args.port)
        print(f"Îlot : serveur prêt / server ready on {server.url} (port {port})", flush=True)
        print(f"  données / data: {data}", flush=True)
        if server.organiser_key:
            print("  Clé organisateur (affichée une seule fois, gardez-la) / organiser key "
                  f"(shown once, keep it): {server.organiser_key}", flush=True)
        if scenario is not None:
            room, trainer_code = server.create_room(scenario, args.seed)
            print(f"  Session « {scenario.title} »", flush=True)
            print(f"  Code de la session / join code: {codes.show(room)}", flush=True)
            print(f"  Code animateur / trainer code: {codes.show(trainer_code)}", flush=True)
        for info in server.store.list_rooms():
            print(f"  - {codes.show(info['room'])} « {info['title']} » "
                  f"({info['events']} événements / events)", flush=True)
        print(f"  Sessions ouvertes / open rooms: {len(server.rooms)}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await server.stop()

    asyncio.run(main())
    return 0


def _bot(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from . import codes
    from .bots import run_bots

    async def main() -> dict:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        return await run_bots(args.url, codes.normalise(args.room), args.count,
                              seconds=args.seconds, pace=args.pace, seed=args.seed, stop=stop)

    report = asyncio.run(main())
    print(f"bots: {report}")
    return 0
