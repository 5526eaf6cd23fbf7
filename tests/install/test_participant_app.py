"""The participant app (scripts/build_participant_app.py, scripts/participant_app.py).

Always, in well under a second: the app's command line is `ilot play`'s, and the build recipe
carries every text catalogue, the client theme and Babel's data for the languages of `Lang`.

Only when asked (`ILOT_BUILD_APP=1`), on Linux with PyInstaller, Xvfb, xdotool and ImageMagick:
the real thing, `build_participant_app.py --check`: a PyInstaller build (about 40 s here) that
is then started under Xvfb against a real server, joins a room and places a note (about 20 s).
It is too slow for every run of the suite; the script's own `--check` is the same test.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


entry = _script("participant_app")
builder = _script("build_participant_app")


def test_the_app_is_ilot_play_with_the_same_options():
    play = entry.play_argv
    assert play([]) == ["play"]  # a double click: the connect screen
    assert play(["wss://s.example:8765", "--room", "K7QM-3XPA", "--name", "Camille"]) == \
        ["play", "wss://s.example:8765", "--room", "K7QM-3XPA", "--name", "Camille"]
    # a build with --url: its address unless the participant gives one
    assert play([], "wss://s.example:8765") == ["play", "wss://s.example:8765"]
    assert play(["--room", "K7QM-3XPA", "--spectator"], "wss://s.example:8765") == \
        ["play", "wss://s.example:8765", "--room", "K7QM-3XPA", "--spectator"]
    assert play(["ws://10.0.0.2:8765", "--room", "K7QM-3XPA"], "wss://s.example:8765") == \
        ["play", "ws://10.0.0.2:8765", "--room", "K7QM-3XPA"]
    assert play(["-psn_0_1234567"]) == ["play"]  # what old macOS adds to a double click


def test_the_apps_arguments_parse_as_ilot_play():
    from ilot.game.cli import build_parser
    from ilot.game.text import lang_for

    parser = build_parser(lang_for("fr"))
    args = parser.parse_args(entry.play_argv(["--room", "K7QM-3XPA", "--trainer", "ABCD-EFGH-JKLM"],
                                             "wss://s.example:8765"))
    assert (args.command, args.url, args.room, args.trainer) == \
        ("play", "wss://s.example:8765", "K7QM-3XPA", "ABCD-EFGH-JKLM")
    args = parser.parse_args(entry.play_argv(["--room", "K7QM-3XPA", "--spectator"]))
    assert args.spectator and args.url is None  # the server used last, else this machine's
    args = parser.parse_args(entry.play_argv(["ilot://10.0.0.5:8765/K7QM-3XPA", "--name", "Awa"],
                                             "wss://s.example:8765"))
    assert (args.url, args.name) == ("ilot://10.0.0.5:8765/K7QM-3XPA", "Awa")  # the link wins


def test_the_frozen_app_falls_back_on_its_own_certificates_only_where_the_system_has_none(
        monkeypatch, tmp_path):
    import ssl

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    none_here = ssl.DefaultVerifyPaths(None, None, "SSL_CERT_FILE", "/nowhere/cert.pem",
                                       "SSL_CERT_DIR", "/nowhere/certs")
    monkeypatch.setattr(ssl, "get_default_verify_paths", lambda: none_here)
    assert entry.use_carried_certificates(frozen=False) is None  # `ilot play` itself: untouched
    try:
        import certifi
    except ImportError:
        pytest.skip("certifi is not installed (pip install -e '.[app]')")
    assert entry.use_carried_certificates(frozen=True) == certifi.where()
    assert os.environ["SSL_CERT_FILE"] == certifi.where()
    # a user's own SSL_CERT_FILE is kept; a system with its authorities is left alone
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "mine.pem"))
    assert entry.use_carried_certificates(frozen=True) is None
    monkeypatch.delenv("SSL_CERT_FILE")
    (tmp_path / "ca.pem").write_text("")
    system = ssl.DefaultVerifyPaths(str(tmp_path / "ca.pem"), None, "SSL_CERT_FILE", "", "SSL_CERT_DIR", "")
    monkeypatch.setattr(ssl, "get_default_verify_paths", lambda: system)
    assert entry.use_carried_certificates(frozen=True) is None
    assert "SSL_CERT_FILE" not in os.environ


def test_the_app_is_named_for_its_system():
    assert re.fullmatch(r"ilot-participant-(linux|windows|macos)-[a-z0-9_]+", builder.app_name())


def test_the_build_recipe_carries_the_catalogues_the_theme_and_the_server_address(tmp_path):
    src = builder.stage(tmp_path)
    spec = builder.write_spec(tmp_path, src, "wss://s.example:8765", all_fonts=False)
    text = spec.read_text(encoding="utf-8")
    compile(text, str(spec), "exec")
    catalogues = sorted((ROOT / "game" / "text" / "locale").rglob("*.po"))
    assert catalogues
    portraits = sorted((ROOT / "assets" / "portraits").glob("*.png"))
    assert len(portraits) == 24  # the characters' faces, which the client draws
    for path in [*catalogues, ROOT / "game" / "client" / "theme.json", *portraits]:
        staged = src / "ilot" / path.relative_to(ROOT)
        assert staged.is_file() and repr(str(staged)) in text, path
    # the package as the wheel lays it out, without what a participant never runs
    assert (src / "ilot" / "__init__.py").is_file() and (src / "ilot" / "game" / "client" / "app.py").is_file()
    assert not (src / "ilot" / "server").exists() and not (src / "ilot" / "game" / "debrief").exists()
    baked = (tmp_path / "baked" / "ilot_participant_build.py").read_text(encoding="utf-8")
    assert "SERVER_URL = 'wss://s.example:8765'" in baked


def test_babel_data_kept_covers_every_locale_of_lang_and_its_parents():
    from babel.core import get_global

    from ilot.game.text.lang import LOCALES

    for locale in LOCALES.values():
        name = locale
        while True:
            assert re.match(builder.BABEL_KEEP, f"{name}.dat"), f"{name}.dat (for {locale}) left out"
            if name == "root":
                break
            name = get_global("parent_exceptions").get(name) or (
                name.rsplit("_", 1)[0] if "_" in name else "root")


def _why_not_build() -> str | None:
    if os.environ.get("ILOT_BUILD_APP") != "1":
        return ("building the participant app with PyInstaller takes about a minute: set "
                "ILOT_BUILD_APP=1 to run it (or run scripts/build_participant_app.py --check)")
    if not sys.platform.startswith("linux"):
        return "the built app is played under Xvfb: Linux only"
    if importlib.util.find_spec("PyInstaller") is None:
        return "PyInstaller is not installed: pip install -e '.[app]'"
    missing = [t for t in ("Xvfb", "xdotool", "import") if shutil.which(t) is None]
    if missing:
        return f"missing {', '.join(missing)}: sudo apt-get install -y xvfb xdotool imagemagick"
    return None


@pytest.mark.skipif(_why_not_build() is not None, reason=_why_not_build() or "")
def test_the_built_app_joins_a_room_and_places_a_note(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_participant_app.py"), "--check",
                           "--dist", str(tmp_path / "dist"), "--shots", str(tmp_path / "shots")],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "check passed" in done.stdout
    assert (tmp_path / "shots" / "participant-app.png").is_file()
