"""`ilot replay`, `ilot debrief` and `ilot log export|demo`: the debrief's commands.

A session is read either from the server's data directory (`--data DIR --room CODE`) or from a
portable log file (`ilot log export`), so the debrief also works on another machine.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ilot.game.text import Lang


def _source_args(p: argparse.ArgumentParser, room_required: bool = False) -> None:
    p.add_argument("logfile", nargs="?", help="journal exporté (JSON Lines) ; sinon --data et --room")
    p.add_argument("--data", metavar="DIR", help="dossier de données du serveur (défaut : ~/.local/share/ilot)")
    p.add_argument("--room", metavar="CODE", required=room_required, help="code de la salle")


def _open(args: argparse.Namespace):
    from .recording import RecordingError, open_recording

    try:
        return open_recording(args.logfile, args.data, args.room)
    except RecordingError as exc:
        print(f"ilot: {exc}", file=sys.stderr)
        return None


def _open_with_timeline(args: argparse.Namespace):
    """(recording, timeline), or None after saying why (the recording is then closed)."""
    from .timeline import Timeline, TimelineError

    rec = _open(args)
    if rec is None:
        return None
    try:
        return rec, Timeline(rec.scenario, rec.events)
    except TimelineError as exc:
        print(f"ilot: {exc}", file=sys.stderr)
        rec.close()
        return None


def _replay(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the viewer has no sound
    opened = _open_with_timeline(args)
    if opened is None:
        return 2
    rec, timeline = opened
    from .viewer import Viewer

    try:
        viewer = Viewer(rec, timeline, lang=args.lang)
        if args.phase is not None and not viewer.jump_to_phase(args.phase):
            print(f"ilot: la phase {args.phase} n'a pas eu lieu", file=sys.stderr)
        viewer.run()
    finally:
        rec.close()
    return 0


def _debrief(args: argparse.Namespace) -> int:
    opened = _open_with_timeline(args)
    if opened is None:
        return 2
    rec, timeline = opened
    from .report import write_report

    try:
        out = write_report(rec, args.html, timeline, args.lang)
    finally:
        rec.close()
    print(f"Rapport écrit : {out}")
    if args.png:
        from .browser import screenshot

        try:
            screenshot(out, args.png, 1280, args.png_height)
        except (RuntimeError, OSError) as exc:
            print(f"ilot: capture impossible : {exc}", file=sys.stderr)
            return 1
        print(f"Capture écrite : {args.png}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .logfile import write_log
    from .recording import RecordingError, StoreRecording, default_data_dir

    try:
        rec = StoreRecording(args.data or default_data_dir(), args.room)
    except RecordingError as exc:
        print(f"ilot: {exc}", file=sys.stderr)
        return 2
    try:
        out = Path(args.output or f"ilot-{rec.room}.jsonl")
        n = write_log(out, rec.room, rec.scenario, rec.events, rec.notes())
    finally:
        rec.close()
    print(f"{n} événements exportés dans {out}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    """A scripted session written as a log: to try the replay and the report without a server."""
    from ilot import scenario_path

    from ..core.scenario_check import ScenarioInvalid, load_scenario
    from .logfile import write_log
    from .scripted import scripted_session

    try:
        scenario = load_scenario(scenario_path(args.scenario))
    except (ScenarioInvalid, OSError) as exc:
        print(f"ilot: {exc}", file=sys.stderr)
        return 2
    events = scripted_session(scenario, args.participants, args.scale, args.seed)
    n = write_log(args.output, "DEMO", scenario, events)
    print(f"{n} événements (session scriptée) écrits dans {args.output}")
    return 0


def add_commands(sub: argparse._SubParsersAction, lang: Lang) -> None:
    from ..cli import DEFAULT_SCENARIO

    p = sub.add_parser("replay", help="rejouer une session enregistrée (débriefing)")
    _source_args(p)
    p.add_argument("--phase", type=int, help="commencer à cette phase (0 = la première)")
    p.add_argument("--lang", choices=("fr", "en"), default=None)
    p.set_defaults(run=_replay)

    p = sub.add_parser("debrief", help="écrire le rapport de débriefing (HTML autonome)")
    _source_args(p)
    p.add_argument("--html", required=True, metavar="OUT.html")
    p.add_argument("--png", metavar="OUT.png", help="aussi une capture du rapport (Chromium headless)")
    p.add_argument("--png-height", type=int, default=2400)
    p.add_argument("--lang", choices=("fr", "en"), default=None, help="langue du rapport (défaut : fr)")
    p.set_defaults(run=_debrief)

    p = sub.add_parser("log", help="journaux de session portables")
    logs = p.add_subparsers(dest="log_command", required=True)
    e = logs.add_parser("export", help="exporter le journal d'une salle (JSON Lines)")
    e.add_argument("--data", metavar="DIR")
    e.add_argument("--room", metavar="CODE", required=True)
    e.add_argument("-o", "--output", metavar="FILE")
    e.set_defaults(run=_export)
    d = logs.add_parser("demo", help="écrire le journal d'une session scriptée (démonstration)")
    d.add_argument("-o", "--output", required=True, metavar="FILE")
    d.add_argument("--scenario", default=str(DEFAULT_SCENARIO))
    d.add_argument("--participants", type=int, default=18)
    d.add_argument("--scale", type=float, default=1.0)
    d.add_argument("--seed", type=int, default=7)
    d.set_defaults(run=_demo)
