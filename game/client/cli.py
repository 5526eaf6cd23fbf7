"""`ilot play` (join a room) and `ilot demo` (a whole session on one machine, with bots)."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from ilot.game.text import DEFAULT_LANG, LANGS, Lang, lang_for

if TYPE_CHECKING:
    from .window import NoDisplay  # pygame is loaded only by the commands that open a window


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    t = lang.t
    p = sub.add_parser("play", help=t("ui.cli.play"), description=t("ui.cli.play_description"))
    p.add_argument("url", nargs="?", default=None, metavar=t("cli.metavar.url"),
                   help=t("ui.cli.url"))
    p.add_argument("--room", metavar="CODE", help=t("ui.cli.room"))
    p.add_argument("--name", metavar=t("cli.metavar.name"), help=t("ui.cli.name"))
    p.add_argument("--trainer", metavar="CODE", help=t("ui.cli.trainer"))
    p.add_argument("--spectator", action="store_true", help=t("ui.cli.spectator"))
    p.add_argument("--token", metavar=t("cli.metavar.token"), help=t("ui.cli.token"))
    _common(p, lang)
    p.set_defaults(run=_play)

    d = sub.add_parser("demo", help=t("ui.cli.demo"), description=t("ui.cli.demo_description"))
    d.add_argument("--scenario", metavar=t("cli.metavar.file"), help=t("ui.cli.scenario"))
    d.add_argument("--bots", type=int, default=9, metavar="N", help=t("ui.cli.bots"))
    d.add_argument("--pace", type=float, default=1.0, metavar=t("cli.metavar.factor"),
                   help=t("ui.cli.pace"))
    d.add_argument("--as", dest="mode", choices=("trainer", "participant", "spectator"),
                   default="trainer", help=t("ui.cli.as"))
    d.add_argument("--name", default=t("ui.cli.default_name"), metavar=t("cli.metavar.name"),
                   help=t("ui.cli.demo_name"))
    d.add_argument("--data", metavar=t("cli.metavar.dir"), help=t("ui.cli.data"))
    _common(d, lang)
    d.set_defaults(run=_demo)


def _common(p: argparse.ArgumentParser, lang: Lang) -> None:
    # its own name: `ilot`'s main fills `lang` with the command line's language, whereas the
    # window needs to know whether one was asked for (else the one last chosen on this laptop)
    p.add_argument("--lang", dest="window_lang", choices=LANGS, default=None,
                   help=lang.t("ui.cli.lang"))
    p.add_argument("--size", default="1280x800", metavar=lang.t("cli.metavar.size"),
                   help=lang.t("ui.cli.size"))
    p.add_argument("--fps", type=int, default=30, metavar="N", help=lang.t("ui.cli.fps"))


def _size(text: str, lang: Lang) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SystemExit(lang.t("ui.cli.bad_size", value=repr(text))) from None
    return max(640, w), max(480, h)


def _no_display(exc: NoDisplay, lang: Lang) -> SystemExit:
    """`ilot play` or `ilot demo` on a machine without a screen: exit at once (status 1),
    saying why in the command line's language."""
    return SystemExit(exc.message(lang))


LOCAL_URL = "ws://127.0.0.1:8765"  # `ilot serve`'s address on this machine


def window_lang(args: argparse.Namespace) -> str:
    """The window's language: `--lang`, else ILOT_LANG, else the one chosen last on this laptop
    (the connect page's FR | EN), else the command line's (the system's locale)."""
    from . import seats

    if getattr(args, "window_lang", None):
        return str(args.window_lang)
    wanted = os.environ.get("ILOT_LANG", "").strip().lower()[:2]
    if wanted in LANGS:
        return wanted
    last = seats.recent().lang
    return last if last in LANGS else str(getattr(args, "lang", None) or DEFAULT_LANG)


def _target(text: str | None, lang: Lang) -> tuple[str | None, str]:
    """`ilot play`'s address: a link (its room code too), an address with or without ws://."""
    from . import joinlink

    if not text:
        return None, ""
    try:
        target = joinlink.parse(text)
    except joinlink.LinkError:
        raise SystemExit(lang.t("ui.cli.bad_url", value=text)) from None
    if not target.url:  # a room code alone
        return None, target.room
    return target.url, target.room


def _play(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the game has no sound
    from ilot.game.net.joincodes import show as display_code

    from . import seats
    from .app import App
    from .window import NoDisplay

    lang = lang_for(window_lang(args))
    url, linked_room = _target(args.url, lang)
    if linked_room and not args.room:
        args.room = display_code(linked_room)
    if url is None and args.room:  # --room alone: the server used last on this laptop, else
        url = seats.recent().url or LOCAL_URL  # this machine's (as before)
    hello: dict[str, Any] | None = None
    mode = "trainer" if args.trainer else "spectator" if args.spectator else "participant"
    if url and args.room and (args.trainer or args.spectator or args.name or args.token):
        hello = {"as": mode, "room": args.room.upper()}
        if args.trainer:
            hello["code"] = args.trainer
        elif args.token:
            hello["token"] = args.token
        elif args.name and not args.spectator:
            hello["name"] = args.name
    prefill = {k: v for k, v in (("url", args.url), ("room", args.room), ("name", args.name),
                                 ("code", args.trainer)) if v}
    try:
        app = App(size=_size(args.size, lang), lang_code=lang.code, url=url, hello=hello,
                  mode=mode, fps=args.fps, prefill=prefill)
    except NoDisplay as exc:
        raise _no_display(exc, lang) from None
    app.run()
    return 0


def _demo(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the game has no sound
    from ilot import scenario_path
    from ilot.game.cli import DEFAULT_SCENARIO
    from ilot.game.net.joincodes import show as display_code
    from ilot.game.storage import default_data_dir

    from .app import App
    from .local_server import LocalServer
    from .window import NoDisplay, check_display

    lang = lang_for(args.window_lang or args.lang or DEFAULT_LANG)
    size = _size(args.size, lang)
    try:
        check_display()  # before the server and its robots start
    except NoDisplay as exc:
        raise _no_display(exc, lang) from None
    data = args.data or str(default_data_dir() / "demo")  # apart from real sessions
    server = LocalServer(data)
    url = server.start()
    room, code = server.create_room(scenario_path(args.scenario) if args.scenario
                                    else DEFAULT_SCENARIO)
    print(lang.t("ui.cli.demo_ready", url=url, room=display_code(room), code=code), flush=True)
    print(lang.t("ui.cli.demo_replay", data=data, room=room), flush=True)
    print(lang.t("ui.cli.demo_report", data=data, room=room), flush=True)
    try:
        server.start_bots(room, args.bots, pace=args.pace)
    except ImportError:
        print(lang.t("ui.cli.no_bots"), flush=True)
    hello: dict[str, Any] = {"as": args.mode, "room": room}
    if args.mode == "trainer":
        hello["code"] = code
    elif args.mode == "participant":
        hello["name"] = args.name
    try:
        App(size=size, lang_code=lang.code, url=url, hello=hello, mode=args.mode,
            fps=args.fps).run()
    except NoDisplay as exc:
        raise _no_display(exc, lang) from None
    finally:
        server.stop()
    return 0
