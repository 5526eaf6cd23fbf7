"""`ilot replay`, `ilot debrief` and `ilot log export|demo`: the debrief's commands.

A session is read either from a data directory's store (`--data DIR --room CODE`) or from a
portable log file (`ilot log export`), so the debrief also works on another machine. Help texts,
messages and errors are in the command line's language (`args.lang`, or `--lang`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ilot.game.text import LANGS, Lang, lang_for

from .errors import DebriefError
from .store_args import add_store_options, store_source


def _say_error(lang: Lang, exc: DebriefError) -> None:
    print(f"ilot: {exc.text(lang)}", file=sys.stderr)


def _source_args(p: argparse.ArgumentParser, lang: Lang, room_required: bool = False) -> None:
    p.add_argument("logfile", nargs="?", metavar=lang.t("cli.metavar.log"), help=lang.t("debrief.cli.logfile"))
    add_store_options(p, lang)
    p.add_argument("--room", metavar="CODE", required=room_required, help=lang.t("debrief.cli.room"))


def _open(args: argparse.Namespace, lang: Lang):
    from .recording import RecordingError, open_recording

    try:
        return open_recording(args.logfile, args.store or args.data, args.room)
    except RecordingError as exc:
        _say_error(lang, exc)
        return None


def _open_with_timeline(args: argparse.Namespace, lang: Lang):
    """(recording, timeline), or None after saying why (the recording is then closed)."""
    from .timeline import Timeline, TimelineError

    rec = _open(args, lang)
    if rec is None:
        return None
    try:
        return rec, Timeline(rec.scenario, rec.events)
    except TimelineError as exc:
        _say_error(lang, exc)
        rec.close()
        return None


def _replay(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the viewer has no sound
    lang = lang_for(args.lang)
    opened = _open_with_timeline(args, lang)
    if opened is None:
        return 2
    rec, timeline = opened
    from .viewer import Viewer

    try:
        viewer = Viewer(rec, timeline, lang=lang, trainer=args.trainer, size=None)  # fits the screen
        if args.phase is not None and not viewer.jump_to_phase(args.phase):
            print("ilot: " + lang.t("debrief.cli.no_phase", phase=args.phase), file=sys.stderr)
        viewer.run()
    finally:
        rec.close()
    return 0


def _debrief(args: argparse.Namespace) -> int:
    """The trainer's report (`--html`, names) and/or the version to share (`--share`, none),
    from one reading of the session; each printed to PDF too with `--pdf` / `--share-pdf`."""
    lang = lang_for(args.lang)
    if not (args.html or args.share or args.pdf or args.share_pdf or args.attendance
            or args.attendance_sheet or args.satisfaction):
        print("ilot: " + lang.t("attendance.cli.nothing"), file=sys.stderr)
        return 2
    opened = _open_with_timeline(args, lang)
    if opened is None:
        return 2
    rec, timeline = opened
    from .report import write_report

    with tempfile.TemporaryDirectory(prefix="ilot-report-") as tmp:
        # a PDF without its HTML asked for is printed from a temporary one
        html = args.html or (str(Path(tmp) / "rapport.html") if args.pdf else None)
        share = args.share or (str(Path(tmp) / "partage.html") if args.share_pdf else None)
        try:
            out = write_report(rec, html, timeline, lang) if html else None
            shared = write_report(rec, share, timeline, lang, share=True) if share else None
            _attendance_exports(args, rec, lang)
        finally:
            rec.close()
        if out is not None and args.html:
            print(lang.t("debrief.cli.report_written", path=out))
        if shared is not None and args.share:
            print(lang.t("share.cli.share_written", path=shared))
        for source, pdf in ((out, args.pdf), (shared, args.share_pdf)):
            if pdf and source is not None and not _print_pdf(source, pdf, lang):
                return 1
    picture = (out if args.html else None) or (shared if args.share else None)
    if args.png and picture is not None:
        from .browser import screenshot

        try:
            screenshot(picture, args.png, 1280, args.png_height)
        except DebriefError as exc:
            print("ilot: " + lang.t("debrief.cli.no_picture", detail=exc.text(lang)), file=sys.stderr)
            return 1
        except (RuntimeError, OSError) as exc:
            print("ilot: " + lang.t("debrief.cli.no_picture", detail=exc), file=sys.stderr)
            return 1
        print(lang.t("debrief.cli.picture_written", path=args.png))
    return 0


def _print_pdf(html: Path, pdf: str, lang: Lang) -> bool:
    """Print a written report to `pdf` (headless Chromium); False after saying why not."""
    from .browser import print_pdf

    try:
        print_pdf(html, pdf)
    except DebriefError as exc:
        print("ilot: " + lang.t("summary.cli.no_pdf", detail=exc.text(lang)), file=sys.stderr)
        return False
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        print("ilot: " + lang.t("summary.cli.no_pdf", detail=exc), file=sys.stderr)
        return False
    print(lang.t("summary.cli.pdf_written", path=pdf))
    return True


def _attendance_exports(args: argparse.Namespace, rec, lang: Lang) -> None:
    """--attendance, --attendance-sheet, --satisfaction (game/debrief/attendance_export.py)."""
    if not (args.attendance or args.attendance_sheet or args.satisfaction):
        return
    from ..core.replay import replay
    from .attendance_export import (
        sheet_slots,
        write_attendance_csv,
        write_attendance_sheet,
        write_satisfaction_csv,
    )

    state = replay(rec.scenario, rec.events)
    slots = sheet_slots(rec, lang, args.tz, state)
    written = []
    if args.attendance:
        written.append(write_attendance_csv(args.attendance, slots, lang))
    if args.attendance_sheet:
        written.append(write_attendance_sheet(args.attendance_sheet, rec, slots, lang))
    if args.satisfaction:
        written.append(write_satisfaction_csv(args.satisfaction, rec, lang, state))
    for path in written:
        print(lang.t("attendance.cli.written", path=path))


def _export(args: argparse.Namespace) -> int:
    from .logfile import write_log
    from .recording import RecordingError, StoreRecording

    lang = lang_for(args.lang)
    try:
        rec = StoreRecording(store_source(args), args.room)
    except RecordingError as exc:
        _say_error(lang, exc)
        return 2
    try:
        out = Path(args.output or f"ilot-{rec.room}.jsonl")
        n = write_log(out, rec.room, rec.scenario, rec.events, rec.notes(),
                      connections=rec.connections())
    finally:
        rec.close()
    print(lang.n("debrief.cli.exported", n, path=out))
    return 0


def _import(args: argparse.Namespace) -> int:
    """`ilot log import FILE`: the log becomes a room of the store (ilot.game.storage.importing)."""
    from ilot.game.net.joincodes import show
    from ilot.game.storage.dirlock import DataDirBusy
    from ilot.game.storage.importing import ImportRefused, import_room
    from ilot.game.storage.stores import StoreUnreachable, source_name

    from .recording import LogRecording

    lang = lang_for(args.lang)
    t = lang.t
    target = store_source(args)
    try:
        log = LogRecording(args.logfile)  # its notes and those of its sidecar file
        done = import_room(target, log.room, log.scenario, log.events, log.notes(),
                           log.connections())
    except DebriefError as exc:
        _say_error(lang, exc)
        return 2
    except StoreUnreachable as exc:
        print("ilot: " + t("pg.cli.unreachable", url=exc.url, error=exc.detail), file=sys.stderr)
        return 2
    except DataDirBusy as busy:
        print("ilot: " + t("pgdata.import.busy", path=busy.data_dir, pid=busy.pid or "?"),
              file=sys.stderr)
        return 1
    except ImportRefused as exc:
        line = (t("pgdata.import.damaged", detail=exc.detail) if exc.reason == "damaged" else
                t("pgdata.import.other_version", code=show(exc.room), stored=exc.stored,
                  logged=exc.logged))
        print("ilot: " + line, file=sys.stderr)
        return 1
    if done.already:
        print(t("pgdata.import.already", code=show(done.room), store=source_name(target)))
        return 0
    print(t("pgdata.import.done", code=show(done.room), title=log.scenario.title,
            store=source_name(target), events=lang.n("cli.serve.events_n", done.events),
            notes=lang.n("pgdata.notes_n", done.notes),
            connections=lang.n("pgdata.connections_n", done.connections)))
    if done.renamed:
        print(t("pgdata.import.renamed", old=log.room, code=show(done.room)))
    print(t("pgdata.import.trainer_code", code=show(done.trainer_code or "")))
    print(t("pgdata.import.new_seats"))
    return 0


def _demo(args: argparse.Namespace) -> int:
    """A scripted session written as a log: to try the replay and the report without a server."""
    from ilot import scenario_path

    from ..core.scenario_check import ScenarioInvalid, load_scenario
    from ..text.scenario_errors import scenario_error_line
    from .logfile import write_log
    from .scripted import scripted_session

    lang = lang_for(args.lang)
    try:
        scenario = load_scenario(scenario_path(args.scenario))
    except ScenarioInvalid as exc:
        for err in exc.errors:
            print(f"ilot: {scenario_error_line(err, lang)}", file=sys.stderr)
        return 2
    events = scripted_session(scenario, args.participants, args.scale, args.seed)
    n = write_log(args.output, "DEMO", scenario, events)
    print(lang.n("debrief.cli.demo_written", n, path=args.output))
    return 0


def add_commands(sub: argparse._SubParsersAction, lang: Lang) -> None:
    """Register replay, debrief and log, their help in `lang` (the command line's language)."""
    from ..cli import DEFAULT_SCENARIO

    t = lang.t
    p = sub.add_parser("replay", help=t("debrief.cli.replay"), description=t("debrief.cli.replay_description"))
    _source_args(p, lang)
    p.add_argument("--phase", type=int, metavar="N", help=t("debrief.cli.phase"))
    p.add_argument("--lang", choices=LANGS, default=None, help=t("debrief.cli.replay_lang"))
    p.add_argument("--trainer", action="store_true", help=t("share.cli.trainer"))
    p.set_defaults(run=_replay)

    p = sub.add_parser("debrief", help=t("debrief.cli.debrief"), description=t("debrief.cli.debrief_description"))
    _source_args(p, lang)
    p.add_argument("--html", metavar="OUT.html", help=t("share.cli.html"))
    p.add_argument("--share", metavar="SHARE.html", help=t("share.cli.share"))
    p.add_argument("--pdf", metavar="OUT.pdf", help=t("summary.cli.pdf"))
    p.add_argument("--share-pdf", metavar="SHARE.pdf", help=t("summary.cli.share_pdf"))
    p.add_argument("--png", metavar="OUT.png", help=t("debrief.cli.png"))
    p.add_argument("--png-height", type=int, default=2400, metavar="PX", help=t("debrief.cli.png_height"))
    p.add_argument("--lang", choices=LANGS, default=None, help=t("debrief.cli.report_lang"))
    p.add_argument("--attendance", metavar="OUT.csv", help=t("attendance.cli.attendance"))
    p.add_argument("--attendance-sheet", metavar="OUT.html", help=t("attendance.cli.sheet"))
    p.add_argument("--satisfaction", metavar="OUT.csv", help=t("attendance.cli.satisfaction"))
    p.add_argument("--tz", default="Europe/Paris", metavar="ZONE",
                   help=t("attendance.cli.tz", tz="Europe/Paris"))
    p.set_defaults(run=_debrief)

    p = sub.add_parser("log", help=t("debrief.cli.log"), description=t("debrief.cli.log_description"))
    logs = p.add_subparsers(dest="log_command", required=True)
    e = logs.add_parser("export", help=t("debrief.cli.export"), description=t("debrief.cli.export_description"))
    add_store_options(e, lang)
    e.add_argument("--room", metavar="CODE", required=True, help=t("debrief.cli.room"))
    e.add_argument("-o", "--output", metavar=t("cli.metavar.file"), help=t("debrief.cli.export_output"))
    e.add_argument("--lang", choices=LANGS, default=None, help=t("cli.lang"))
    e.set_defaults(run=_export)
    i = logs.add_parser("import", help=t("pgdata.import.help"), description=t("pgdata.import.description"))
    i.add_argument("logfile", metavar=t("cli.metavar.log"), help=t("pgdata.import.file"))
    add_store_options(i, lang)
    i.add_argument("--lang", choices=LANGS, default=None, help=t("cli.lang"))
    i.set_defaults(run=_import)
    d = logs.add_parser("demo", help=t("debrief.cli.demo"), description=t("debrief.cli.demo_description"))
    d.add_argument("-o", "--output", required=True, metavar=t("cli.metavar.file"), help=t("debrief.cli.demo_output"))
    d.add_argument("--scenario", default=str(DEFAULT_SCENARIO), metavar=t("cli.metavar.file"),
                   help=t("debrief.cli.scenario"))
    d.add_argument("--participants", type=int, default=18, metavar="N", help=t("debrief.cli.participants"))
    d.add_argument("--scale", type=float, default=1.0, metavar=t("cli.metavar.factor"), help=t("debrief.cli.scale"))
    d.add_argument("--seed", type=int, default=7, metavar=t("cli.metavar.seed"), help=t("debrief.cli.seed"))
    d.set_defaults(run=_demo)

    from .rooms_cli import add_rooms_command

    add_rooms_command(sub, lang)
