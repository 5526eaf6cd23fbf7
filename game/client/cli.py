"""`ilot play` (join a room) and `ilot demo` (a whole session on one machine, with bots)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from ilot.game.text import Lang


def add_commands(sub: argparse._SubParsersAction, lang: Lang) -> None:
    p = sub.add_parser("play", help="open the game window and join a room")
    p.add_argument("url", nargs="?", default="ws://127.0.0.1:8765", help="server address")
    p.add_argument("--room", help="join code (ABCD-EFGH)")
    p.add_argument("--name", help="your name (participant)")
    p.add_argument("--trainer", metavar="CODE", help="join as the trainer with this code")
    p.add_argument("--spectator", action="store_true", help="shared-screen mode, no controls")
    p.add_argument("--token", help="seat token to rejoin as the same participant")
    _common(p)
    p.set_defaults(run=_play)

    d = sub.add_parser("demo", help="local server + trainer window + bots playing the other roles")
    d.add_argument("--scenario", help="scenario file (default: the rich default scenario)")
    d.add_argument("--bots", type=int, default=9, help="bot participants (default 9)")
    d.add_argument("--pace", type=float, default=1.0, help="bot speed factor")
    d.add_argument("--as", dest="mode", choices=("trainer", "participant", "spectator"),
                   default="trainer", help="which window to open (default: trainer)")
    d.add_argument("--name", default="Moi", help="your name when --as participant")
    d.add_argument("--data", metavar="DIR",
                   help="where the demo session is kept, to replay it afterwards "
                        "(default: demo/ in the server's data directory)")
    _common(d)
    d.set_defaults(run=_demo)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("fr", "en"), default=None, help="interface language")
    p.add_argument("--size", default="1280x800", help="window size WxH (default 1280x800)")
    p.add_argument("--fps", type=int, default=30, help="frame cap (frames are drawn only on change)")


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"--size: expected WxH like 1280x800, got {text!r}") from None
    return max(640, w), max(480, h)


def _play(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the game has no sound
    from .app import App

    hello: dict[str, Any] | None = None
    mode = "trainer" if args.trainer else "spectator" if args.spectator else "participant"
    if args.room and (args.trainer or args.spectator or args.name or args.token):
        hello = {"as": mode, "room": args.room.upper()}
        if args.trainer:
            hello["code"] = args.trainer
        elif args.token:
            hello["token"] = args.token
        elif args.name and not args.spectator:
            hello["name"] = args.name
    prefill = {k: v for k, v in (("room", args.room), ("name", args.name),
                                 ("code", args.trainer)) if v}
    App(size=_size(args.size), lang_code=args.lang, url=args.url, hello=hello, mode=mode,
        fps=args.fps, prefill=prefill).run()
    return 0


def _demo(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the game has no sound
    from ilot import scenario_path
    from ilot.game.cli import DEFAULT_SCENARIO
    from ilot.server.cli import default_data_dir

    from .app import App
    from ilot.game.net.joincodes import show as display_code
    from .local_server import LocalServer

    data = args.data or str(default_data_dir() / "demo")  # apart from real sessions
    server = LocalServer(data)
    url = server.start()
    room, code = server.create_room(scenario_path(args.scenario) if args.scenario
                                    else DEFAULT_SCENARIO)
    print(f"Îlot démo : {url} · salle {display_code(room)} · code animateur {code}", flush=True)
    print(f"Rejouer ensuite / replay afterwards : ilot replay --data {data} --room {room}", flush=True)
    print(f"Rapport / report : ilot debrief --data {data} --room {room} --html rapport.html",
          flush=True)
    try:
        server.start_bots(room, args.bots, pace=args.pace)
    except ImportError:
        print("bots are not available (server.bots missing): the room stays empty", flush=True)
    hello: dict[str, Any] = {"as": args.mode, "room": room}
    if args.mode == "trainer":
        hello["code"] = code
    elif args.mode == "participant":
        hello["name"] = args.name
    try:
        App(size=_size(args.size), lang_code=args.lang, url=url, hello=hello, mode=args.mode,
            fps=args.fps).run()
    finally:
        server.stop()
    return 0
