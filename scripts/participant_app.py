"""Entry point of the participant app (`scripts/build_participant_app.py` freezes this file).

The app is `ilot play` and nothing else: the same client, the same options. Started with no
argument (a double click) it opens the connect screen; `--room CODE --name NAME` joins at once,
`--trainer CODE` opens the trainer console, `--spectator` the screen shared on the call:

    ilot-participant-linux-x86_64 wss://serveur.example:8765 --room K7QM-3XPA --name Camille

A build made with `--url` carries the trainer's server address: the app then uses it whenever
no address is given (the connect screen shows it), so a participant only types the room code
and a name.

`wss://` needs the certificates of the authorities that sign servers' certificates. The app's
OpenSSL looks for them where the build machine keeps them; where this machine has none there
(macOS, a Linux other than the build's, Windows besides its own store), the app uses certifi's
list, which it carries.

`ILOT_PARTICIPANT_SELFTEST=report.json` makes the app write what it finds of its own data (the
text catalogues, the client theme, pygame_gui's fonts, Babel's locale data) to that file and
exit without opening a window: the build's `--check` reads it. It changes nothing else.
"""

from __future__ import annotations

import json
import os
import ssl
import sys
import tempfile
from pathlib import Path
from typing import Any

SELFTEST = "ILOT_PARTICIPANT_SELFTEST"


def _baked_url() -> str | None:
    """The server address written into this build by `build_participant_app.py --url`."""
    try:
        from ilot_participant_build import SERVER_URL  # type: ignore[import-not-found]  # made by the build
    except ImportError:
        return None
    return SERVER_URL or None


def play_argv(argv: list[str], baked_url: str | None = None) -> list[str]:
    """The `ilot` command line for these app arguments: `play`, then the baked server address
    when the participant gave none (nor a connection link), then their arguments (macOS's old
    `-psn_…` dropped)."""
    args = [a for a in argv if not a.startswith("-psn_")]
    given = any(a.startswith(("ws://", "wss://", "ilot://", "ilots://")) for a in args)
    return ["play", *([baked_url] if baked_url and not given else []), *args]


def _quiet_streams() -> None:
    """A windowed app on Windows and macOS has no console: `sys.stdout`/`sys.stderr` are None
    there, and a message (argparse's, a warning) would crash it. They go to a log file in the
    temporary folder instead, which a trainer can ask a participant for."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    try:
        log: Any = open(Path(tempfile.gettempdir()) / "ilot-participant.log", "a",  # noqa: SIM115
                        encoding="utf-8", buffering=1)
    except OSError:
        log = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stdout = sys.stdout or log
    sys.stderr = sys.stderr or log


def use_carried_certificates(frozen: bool | None = None) -> str | None:
    """Point OpenSSL at certifi's list of authorities (`SSL_CERT_FILE`) when the frozen app's
    OpenSSL finds none of its own here; returns that file, or None when nothing was changed.
    Never over a user's own `SSL_CERT_FILE`, never outside the frozen app."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if not frozen or os.environ.get("SSL_CERT_FILE"):
        return None
    paths = ssl.get_default_verify_paths()
    if paths.cafile or (paths.capath and any(Path(paths.capath).iterdir())):
        return None
    try:
        import certifi
    except ImportError:
        return None
    os.environ["SSL_CERT_FILE"] = certifi.where()
    return os.environ["SSL_CERT_FILE"]


def _certifi_file() -> str | None:
    try:
        import certifi
    except ImportError:
        return None
    return certifi.where() if Path(certifi.where()).is_file() else None


def selftest() -> dict[str, Any]:
    """What the frozen app finds of its own data, by the client's own paths."""
    import importlib.resources

    import babel
    import babel.localedata
    import pygame_gui

    import ilot
    from ilot.game.client import app, fonts
    from ilot.game.text import catalogues, lang_for

    text_files = importlib.resources.files("ilot.game.text").joinpath("locale")
    report: dict[str, Any] = {
        "frozen": bool(getattr(sys, "frozen", False)),
        "meipass": getattr(sys, "_MEIPASS", None),
        "ilot_file": ilot.__file__,
        "data_path_theme": str(ilot.data_path("game", "client", "theme.json")),
        "data_path_theme_exists": ilot.data_path("game", "client", "theme.json").is_file(),
        "theme": str(app.THEME),
        "theme_exists": app.THEME.is_file(),
        "resources_theme": importlib.resources.files("ilot.game.client").joinpath("theme.json")
        .is_file(),
        "resources_locale": sorted(f"{lang.name}/{po.name}" for lang in text_files.iterdir()
                                   if lang.is_dir()
                                   for po in lang.joinpath("LC_MESSAGES").iterdir()),
        "po_files": {code: [p.name for p in catalogues.po_files(code)] for code in ("fr", "en")},
        "babel_dir": babel.localedata._dirname,
        "babel_global": Path(babel.__file__).with_name("global.dat").is_file(),
        "babel_locale_count": len(babel.localedata.locale_identifiers()),
        "babel_has": {name: babel.localedata.exists(name)
                      for name in ("root", "fr", "fr_FR", "en", "en_001", "en_GB")},
        "pygame_gui_fonts": sorted(p.name for p in Path(pygame_gui.__file__).with_name("data")
                                   .iterdir() if p.suffix in (".ttf", ".otf")),
        "pygame_gui_fr": importlib.resources.files("pygame_gui.data.translations")
        .joinpath("pygame-gui.fr.json").is_file(),
        "noto_sans": Path(fonts._DATA, "NotoSans-Regular.ttf").is_file(),
        "baked_url": _baked_url(),
        "ssl_cafile": ssl.get_default_verify_paths().cafile,
        "ssl_capath": ssl.get_default_verify_paths().capath,
        "certifi": _certifi_file(),
    }
    fr, en = lang_for("fr"), lang_for("en")
    when = 1_800_000_000.0  # 15 January 2027, in the formats of the session's texts
    for lang in (fr, en):
        report[lang.code] = {"title": lang.t("ui.window_title"), "money": lang.money(1234.5, cents=True),
                             "join": lang.join(["cour", "hall", "jardin"]), "date": lang.date(when)}
    return report


def main() -> int:
    _quiet_streams()
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    carried = use_carried_certificates()  # before anything opens a connection
    out = os.environ.get(SELFTEST)
    if out:
        report = {**selftest(), "carried_certificates_used": carried}
        Path(out).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0
    from ilot.game.cli import main as ilot_main

    return ilot_main(play_argv(sys.argv[1:], _baked_url()))


if __name__ == "__main__":
    sys.exit(main())
