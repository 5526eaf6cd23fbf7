"""Build the participant app: Îlot's client as one file that runs without Python.

    pip install -e '.[app]'                                   # PyInstaller, for the trainer only
    python scripts/build_participant_app.py                   # build for this OS, into dist/
    python scripts/build_participant_app.py --url wss://serveur.example:8765   # server baked in
    python scripts/build_participant_app.py --check           # build, then prove it plays (Linux)
    python scripts/build_participant_app.py --check --no-build   # check the last build again

What it builds: `scripts/participant_app.py`, which is `ilot play` (the same client, the same
options: `--room CODE --name NAME`, `--trainer CODE`, `--spectator`; no argument opens the
connect screen), frozen by PyInstaller into one file (windowed on Windows and macOS) with Python,
pygame-ce (SDL), pygame_gui, pydantic, websockets, msgpack, Babel and certifi inside, and the
data the client reads at run time: the text catalogues (game/text/locale/*/LC_MESSAGES/*.po),
the client theme (game/client/theme.json), the portraits (assets/portraits/), pygame_gui's
fonts, theme and translations, and Babel's global.dat and locale data for French and English
(root, fr*, en*: 1.7 MB of Babel's 35 MB). Not inside: the server, the debrief, the shipped
scenarios, Jinja2, and pygame_gui's Chinese, Japanese and Korean fonts (39 MB that a French or
English window never loads; with them, `--all-fonts`, the Linux app weighs 64 MB instead of 35 MB).

Where: `dist/ilot-participant-<os>-<arch>` (`-linux-x86_64`, `-windows-x86_64.exe`; on macOS a
windowed `ilot-participant-macos-<arch>.app`, because PyInstaller deprecates one-file .app
bundles) and, next to it, a `.zip` of it to put behind a download link. The work files go to
build/participant-app/ (a copy of the sources as the wheel lays them out, the generated spec
file, PyInstaller's work folder). PyInstaller builds for the system it runs on: build the Windows
app on Windows and the macOS app on a Mac, with the same command. Only the Linux build has been
run so far (this machine); the Windows and macOS branches follow PyInstaller's documentation.

How long, on the 2-core Linux build machine: a clean build takes 35 to 45 s (PyInstaller's cache
is cleared each time), and `--check` about 25 s. The Linux app is a 35 MB file (the zip is no
smaller: the app is compressed already); each start unpacks it to a temporary folder, and the
window shows about 2 s after the start.

`--check` (Linux; needs Xvfb, xdotool and ImageMagick's `import`, and openssl for its last step)
asks the built app what data it finds (`ILOT_PARTICIPANT_SELFTEST`, see participant_app.py) and
compares with this checkout; starts Xvfb on display :92 and a real server (`ilot serve --port 0
--host 127.0.0.1 --scenario petit_ilot --data <tmp>`); starts the app with no argument (the
connect screen), then with `URL --room CODE --name NAME`; clicks a character; has a trainer
connection move the room to « État des lieux »; clicks the largest space on the map and the
note's entry, types a note (xdotool, ASCII) and presses Enter, as a participant would. It passes
when the server's SQLite store holds that participant's join under the given name, their
character and their note, and when the app also joins a second server over wss:// (a
self-signed certificate it is told to trust). Screenshots go to /tmp/installer/ (`--shots`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "scripts" / "participant_app.py"
WORK = ROOT / "build" / "participant-app"
DIST = ROOT / "dist"
SHOTS = Path("/tmp/installer")
DISPLAY = ":92"  # other engineers' Xvfb use other numbers
SIZE = (1280, 800)

# the client's run-time data, as (source in the checkout, folder inside the app)
DATA = [
    ("game/client/theme.json", "ilot/game/client"),
    *((f"game/text/locale/{lang}/LC_MESSAGES/*.po", f"ilot/game/text/locale/{lang}/LC_MESSAGES")
      for lang in ("fr", "en")),
    ("assets/portraits/*.png", "ilot/assets/portraits"),  # the characters' faces
]
# `ilot.game.cli` finds each part's commands by name (importlib): the client's is needed
HIDDEN = ["ilot.game.client.cli", "ilot.game.client.app",
          "certifi"]  # authorities' certificates for wss:// where the system's are not found
# what `ilot play` never runs: the server (only `ilot demo` starts one), the debrief and its
# templates, and tools that are installed next to Îlot for the tests
EXCLUDES = ["ilot.server", "ilot.game.debrief", "ilot.game.client.shots", "ilot.game.client.local_server",
            "jinja2", "markupsafe", "tkinter", "numpy", "pytest", "_pytest", "hypothesis", "mypy",
            "setuptools", "pkg_resources", "IPython"]
BABEL_KEEP = r"^(root|fr|fr_.*|en|en_.*)\.dat$"  # the locales of `Lang` (fr_FR, en_GB) and their parents
CJK_FONTS = r"^NotoSans(JP|KR|SC)-.*$"


def target() -> tuple[str, str]:
    """(os, arch) in the app's name: linux/windows/macos, x86_64/arm64/aarch64…"""
    system = {"Darwin": "macos", "Windows": "windows"}.get(platform.system(), platform.system().lower())
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "i686": "x86", "i386": "x86"}.get(machine, machine)
    if system == "macos" and machine == "aarch64":
        machine = "arm64"
    return system, machine


def app_name() -> str:
    system, machine = target()
    return f"ilot-participant-{system}-{machine}"


def built_path(dist: Path = DIST) -> Path:
    """The file a participant runs (on macOS the .app bundle)."""
    system, _ = target()
    suffix = {"windows": ".exe", "macos": ".app"}.get(system, "")
    return dist / (app_name() + suffix)


# ----- build -----

def stage(dest: Path) -> Path:
    """A copy of the `ilot` package as the wheel lays it out (ilot/, game/ → ilot/game/), without
    the server and the scenarios: PyInstaller reads it instead of the editable install, whose
    import hook (game/ is `ilot.game`) PyInstaller's module graph does not follow."""
    src = dest / "src"
    shutil.rmtree(src, ignore_errors=True)
    (src / "ilot").mkdir(parents=True)
    shutil.copy2(ROOT / "ilot" / "__init__.py", src / "ilot" / "__init__.py")
    shutil.copytree(ROOT / "game", src / "ilot" / "game",
                    ignore=shutil.ignore_patterns("__pycache__", "debrief", "*.pyc"))
    shutil.copytree(ROOT / "assets", src / "ilot" / "assets")
    return src


SPEC = '''\
# Generated by scripts/build_participant_app.py: edit that script, not this file.
import os
import re

a = Analysis({entry!r}, pathex={pathex!r}, datas={datas!r}, hiddenimports={hidden!r},
             excludes={excludes!r}, noarchive=False)


def wanted(dest):
    dest = dest.replace(os.sep, "/")
    folder, _, name = dest.rpartition("/")
    if folder == "babel/locale-data":
        return re.match({babel_keep!r}, name) is not None
    if folder == "pygame_gui/data" and {drop_cjk!r}:
        return re.match({cjk!r}, name) is None
    return True


a.datas = [d for d in a.datas if wanted(d[0])]
pyz = PYZ(a.pure)
if {bundle!r}:  # macOS: a windowed .app (PyInstaller deprecates one-file .app bundles)
    exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name={name!r}, console=False,
              upx=False, argv_emulation=False)
    coll = COLLECT(exe, a.binaries, a.datas, name={name!r}, upx=False)
    app = BUNDLE(coll, name={name!r} + ".app", bundle_identifier="fr.ilot.participant",
                 info_plist={{"CFBundleDisplayName": "Îlot", "NSHighResolutionCapable": True}})
else:
    exe = EXE(pyz, a.scripts, a.binaries, a.datas, [], name={name!r}, console={console!r},
              upx=False, strip=False, runtime_tmpdir=None)
'''


def write_spec(work: Path, src: Path, url: str | None, all_fonts: bool) -> Path:
    system, _ = target()
    pathex, hidden = [str(src)], list(HIDDEN)
    if url:  # the server address, as a module the entry point imports if it is there
        baked = work / "baked"
        baked.mkdir(parents=True, exist_ok=True)
        (baked / "ilot_participant_build.py").write_text(
            f'"""Written by build_participant_app.py --url."""\nSERVER_URL = {url!r}\n', encoding="utf-8")
        pathex.append(str(baked))
        hidden.append("ilot_participant_build")
    datas = []
    for pattern, folder in DATA:
        files = sorted(ROOT.glob(pattern))
        if not files:
            raise SystemExit(f"no file matches {pattern} in {ROOT}")
        datas += [(str(src / "ilot" / f.relative_to(ROOT)), folder) for f in files]
    spec = work / f"{app_name()}.spec"
    spec.write_text(SPEC.format(
        entry=[str(ENTRY)], pathex=pathex, datas=datas, hidden=hidden, excludes=EXCLUDES,
        babel_keep=BABEL_KEEP, cjk=CJK_FONTS, drop_cjk=not all_fonts, bundle=system == "macos",
        name=app_name(), console=system not in ("windows", "macos")), encoding="utf-8")
    return spec


def zip_app(app: Path) -> Path:
    """`<app>.zip` next to the app: what goes behind the download link (the executable bit of
    the Linux binary is kept; macOS's `ditto` keeps the .app's links and signature)."""
    out = app.with_name(app_name() + ".zip")
    out.unlink(missing_ok=True)
    if app.suffix == ".app" and shutil.which("ditto"):
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(app), str(out)], check=True)
        return out
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        files = [app] if app.is_file() else sorted(p for p in app.rglob("*") if p.is_file())
        for path in files:
            info = zipfile.ZipInfo.from_file(path, path.relative_to(app.parent).as_posix())
            info.compress_type = zipfile.ZIP_DEFLATED
            with path.open("rb") as f:
                z.writestr(info, f.read())
    return out


def build(url: str | None = None, all_fonts: bool = False, dist: Path = DIST, work: Path = WORK) -> Path:
    try:
        import certifi  # noqa: F401
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise SystemExit(f"{exc.name} is missing: pip install -e '.[app]'") from None
    started = time.monotonic()
    work.mkdir(parents=True, exist_ok=True)
    src = stage(work)
    spec = write_spec(work, src, url, all_fonts)
    app = built_path(dist)
    if app.is_dir():
        shutil.rmtree(app)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work / "pyinstaller"), str(spec)],
                   check=True, cwd=work)
    archive = zip_app(app)
    size = sum(p.stat().st_size for p in ([app] if app.is_file() else app.rglob("*")) if p.is_file())
    print(f"built {app} in {time.monotonic() - started:.0f} s: {size / 1e6:.1f} MB "
          f"({archive.name}: {archive.stat().st_size / 1e6:.1f} MB)", flush=True)
    return app


# ----- check (Linux, Xvfb) -----

class CheckFailed(Exception):
    pass


def _wait(what: str, cond: Any, timeout: float, every: float = 0.3) -> Any:
    end = time.monotonic() + timeout
    while True:
        got = cond()
        if got:
            return got
        if time.monotonic() > end:
            raise CheckFailed(f"timed out ({timeout:.0f} s) waiting for {what}")
        time.sleep(every)


def selftest(app: Path, tmp: Path) -> dict[str, Any]:
    """Ask the built app which of its data it finds (no window), and compare with the checkout."""
    from ilot.game.text import lang_for

    out = tmp / "selftest.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSL_")}  # the app's own OpenSSL paths
    env.update(ILOT_PARTICIPANT_SELFTEST=str(out), SDL_VIDEODRIVER="dummy")
    done = subprocess.run([str(app)], env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not out.is_file():
        raise CheckFailed(f"the app's self-test failed ({done.returncode}): {done.stderr[-2000:]}")
    got = json.loads(out.read_text(encoding="utf-8"))
    wanted_po = sorted(p.name for p in (ROOT / "game/text/locale/fr/LC_MESSAGES").glob("*.po"))
    problems = [k for k in ("frozen", "theme_exists", "data_path_theme_exists", "resources_theme",
                            "babel_global", "noto_sans", "pygame_gui_fr") if got.get(k) is not True]
    problems += [f"babel:{k}" for k, v in got["babel_has"].items() if not v]
    meipass = got["meipass"] or "?"
    for key in ("theme", "babel_dir", "certifi"):
        if not (got[key] or "").startswith(meipass):
            problems.append(f"{key} read from outside the app: {got[key]}")
    for code in ("fr", "en"):
        if got["po_files"][code] != wanted_po:
            problems.append(f"catalogues {code}: {got['po_files'][code]}")
        lang = lang_for(code)
        for key, value in (("title", lang.t("ui.window_title")), ("money", lang.money(1234.5, cents=True)),
                           ("join", lang.join(["cour", "hall", "jardin"])), ("date", lang.date(1_800_000_000.0))):
            if got[code][key] != value:
                problems.append(f"{code} {key}: {got[code][key]!r} != {value!r}")
    if problems:
        raise CheckFailed(f"the frozen app misses data: {problems}")
    return got


class Server:
    """`ilot serve` from this checkout, on a free port, its store in a temporary folder; over
    TLS (wss://) with `cert`, a self-signed certificate and its key."""

    def __init__(self, tmp: Path, name: str = "server", cert: tuple[Path, Path] | None = None):
        self.data = tmp / name
        self.log = tmp / f"{name}.log"
        self.cafile = cert[0] if cert else None
        tls = ["--certfile", str(cert[0]), "--keyfile", str(cert[1])] if cert else []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ilot.game.cli", "serve", "--port", "0", "--host", "127.0.0.1",
             "--scenario", "petit_ilot", "--data", str(self.data), *tls],
            stdout=self.log.open("w"), stderr=subprocess.STDOUT, cwd=tmp)
        self.url, self.trainer_code, self.room = _wait("the server's join code", self._ready, 30)

    def _ready(self) -> tuple[str, str, str] | None:
        """(address, trainer code, join code) once the server has printed them."""
        if self.proc.poll() is not None:
            raise CheckFailed(f"the server stopped: {self.log.read_text()[-2000:]}")
        text = self.log.read_text(encoding="utf-8", errors="replace")
        found = [re.search(pattern, text) for pattern in (
            r"wss?://127\.0\.0\.1:\d+",
            r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b",  # the trainer code
            r"(?<![-A-Z0-9])[A-Z0-9]{4}-[A-Z0-9]{4}(?![-A-Z0-9])")]  # the join code
        url, code, room = (m.group(0) if m else None for m in found)
        return (url, code, room) if url and code and room else None

    async def _trainer(self, action: dict[str, Any] | None) -> dict[str, Any]:
        from ilot.game.net.client import Connection

        tls = {"ssl": ssl.create_default_context(cafile=str(self.cafile))} if self.cafile else {}
        conn = await Connection.open(self.url, {"as": "trainer", "room": self.room, "code": self.trainer_code},
                                     **tls)
        try:
            if action is None:
                return conn.welcome["state"]
            aid = f"check{time.monotonic_ns()}"
            await conn.act({**action, "id": aid})
            while True:
                msg = await conn.recv(10)
                if msg.get("t") in ("ack", "reject") and msg.get("id") == aid:
                    return msg
        finally:
            await conn.close()

    def view(self) -> dict[str, Any]:
        """The room as the trainer sees it now (a fresh connection each time)."""
        return asyncio.run(self._trainer(None))

    def trainer_act(self, action: dict[str, Any]) -> None:
        reply = asyncio.run(self._trainer(action))
        if reply.get("t") != "ack":
            raise CheckFailed(f"the trainer's {action} was refused: {reply}")

    def stored(self) -> list[Any]:
        """The room's events as the store on disk holds them (read-only)."""
        from ilot.game.storage.reading import StoreReader

        reader = StoreReader(self.data)
        try:
            room = reader.find_room(self.room)
            return reader.events(room["room"]) if room else []
        finally:
            reader.close()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _x(*args: str, timeout: float = 10) -> str:
    env = dict(os.environ, DISPLAY=DISPLAY)
    return subprocess.run(list(args), env=env, capture_output=True, text=True, timeout=timeout).stdout


def _children(pid: int) -> list[int]:
    """The processes `pid` started (a one-file app's bootloader runs the app as its child)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        found += [int(k) for k in kids]
        todo += [int(k) for k in kids]
    return found


def _window(pid: int) -> str | None:
    for p in [pid, *_children(pid)]:
        out = _x("xdotool", "search", "--onlyvisible", "--pid", str(p)).split()
        if out:
            return out[-1]
    return None


def _click(wid: str, x: int, y: int) -> None:
    # SDL needs to see the pointer arrive before the button: move, wait a frame, then click
    _x("xdotool", "mousemove", "--window", wid, str(x), str(y))
    time.sleep(0.3)
    _x("xdotool", "click", "1")
    time.sleep(0.4)


def _stop(proc: subprocess.Popen) -> None:
    """Stop an app we started: its bootloader passes SIGTERM on to the app; whatever of it is
    still there after 10 s is killed, by process id."""
    kids = _children(proc.pid)
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
    for pid in kids:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass


def _shot(shots: Path, name: str) -> Path:
    shots.mkdir(parents=True, exist_ok=True)
    path = shots / f"{name}.png"
    subprocess.run(["import", "-display", DISPLAY, "-window", "root", str(path)], check=True, timeout=20)
    return path


WINDOW = (1280, 740)  # the app's window in the check (--size): the probe lays out the same


def probe(server: Server, scenario: Any, persona_id: str, space_id: str, name: str) -> dict[str, tuple[int, int]]:
    """Where a participant clicks, read from the real client laid out at the app's size: the
    check runs the client's own loop here (SDL's dummy driver) in a room of its own, a step
    ahead of the app, and takes each widget's place from it (« Choisir », « Confirmer », the
    largest space on the map, the note's entry), so the check follows the layout as it changes."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from ilot.game.client.app import App

    app = App(url=server.url, hello={"as": "participant", "room": server.room, "name": name}, size=WINDOW,
              lang_code="fr")

    def pump(what: str, cond: Any) -> Any:
        def step() -> Any:
            app.step()
            return cond()
        return _wait(what, step, 20, 0.01)

    def click(pos: tuple[int, int]) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        app.step()
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=pos, button=1))
        app.step()
        app.step()

    try:
        out: dict[str, tuple[int, int]] = {}
        key = f"persona:{persona_id}"
        out["persona"] = pump("the probe's persona page",
                              lambda: key in app.page.widgets and app.page.widgets[key].get_abs_rect().center)
        click(out["persona"])
        out["confirm"] = pump("the probe's confirmation", lambda: "confirm" in app.page.widgets
                              and app.page.widgets["confirm"].get_abs_rect().center)
        click(out["confirm"])
        pump("the probe's character", lambda: app.model.my_participant is not None
             and app.model.my_participant.persona == persona_id)
        phase = [p.kind for p in scenario.phases].index("etat_des_lieux")
        server.trainer_act({"type": "set_phase", "phase": phase})
        pump("the probe's état des lieux", lambda: "text" in app.side.widgets)
        out["space"] = app.map.space_anchor(app.model.state, space_id)
        click(out["space"])
        out["entry"] = pump("the probe's note entry", lambda: app.side.widgets["text"].get_abs_rect().center)
        return out
    finally:
        app.close()


def _area(polygon: list[Any]) -> float:
    """A polygon's area (the shoelace formula): the check clicks the largest space."""
    turned = list(polygon[1:]) + list(polygon[:1])
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(polygon, turned, strict=True))) / 2


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    return cert, key


def check(app: Path, shots: Path = SHOTS, name: str = "Camille Test") -> dict[str, Any]:
    """Run the built app against a real local server under Xvfb and prove it joins and places a
    note (see the module's docstring); then that it joins over wss:// too. Returns the figures;
    raises CheckFailed."""
    from ilot import scenario_path
    from ilot.game.core.scenario_check import check_file

    if not sys.platform.startswith("linux"):
        raise SystemExit("--check runs on Linux (Xvfb)")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # the map's geometry imports pygame
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            raise SystemExit(f"--check needs {tool}: sudo apt-get install -y xvfb xdotool imagemagick")
    if not app.is_file():
        raise SystemExit(f"no app at {app}: build it first")
    if Path(f"/tmp/.X11-unix/X{DISPLAY[1:]}").exists() or Path(f"/tmp/.X{DISPLAY[1:]}-lock").exists():
        raise SystemExit(f"display {DISPLAY} is taken (another Xvfb?): stop it first")
    figures: dict[str, Any] = {}
    tmp = Path(tempfile.mkdtemp(prefix="ilot-app-check-"))
    scenario, errors = check_file(scenario_path("petit_ilot"))
    assert scenario is not None, errors
    started = time.monotonic()
    got = selftest(app, tmp)
    figures["selftest_s"] = round(time.monotonic() - started, 1)
    figures["babel_locales_inside"] = got["babel_locale_count"]
    figures["app_openssl_cafile"] = got["ssl_cafile"]  # where the app's OpenSSL finds authorities here
    figures["carried_certificates_used"] = got["carried_certificates_used"]
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers: list[Server] = []
    proc: subprocess.Popen | None = None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SDL_", "ILOT_", "LC_", "SSL_"))}
    env.update(DISPLAY=DISPLAY, LANG="fr_FR.UTF-8",  # a French participant's laptop
               ILOT_SEATS=str(tmp / "seats.json"))  # not this machine's own seats file

    def launch(*args: str, **more_env: str) -> subprocess.Popen:
        return subprocess.Popen([str(app), *args], env={**env, **more_env}, stdout=(tmp / "app.log").open("a"),
                                stderr=subprocess.STDOUT, cwd=tmp)

    def alive() -> None:
        if proc is not None and proc.poll() is not None:
            raise CheckFailed(f"the app stopped ({proc.returncode}): {(tmp / 'app.log').read_text()[-3000:]}")

    def window() -> str | None:
        alive()
        return _window(proc.pid) if proc is not None else None

    def joined(server: Server, who: str) -> str | None:
        alive()
        return next((pid for pid, p in server.view()["participants"].items() if p["name"] == who), None)

    try:
        _wait("Xvfb", Path(f"/tmp/.X11-unix/X{DISPLAY[1:]}").exists, 10, 0.05)
        server = Server(tmp)
        servers.append(server)
        # a double click: no argument, the connect screen
        started = time.monotonic()
        proc = launch()
        _wait("the connect screen's window", window, 60)
        figures["connect_window_s"] = round(time.monotonic() - started, 1)
        time.sleep(1.5)
        _shot(shots, "participant-app-connect")
        _stop(proc)
        # the command line a trainer gives: --room CODE --name NAME
        started = time.monotonic()
        persona = scenario.personas[0]
        space = max(scenario.spaces, key=lambda s: _area(s.polygon))
        probe_server = Server(tmp, name="probe")
        servers.append(probe_server)
        at = probe(probe_server, scenario, persona.id, space.id, name)
        proc = launch(server.url, "--room", server.room, "--name", name, "--size", f"{WINDOW[0]}x{WINDOW[1]}")
        wid = _wait("the app's window", window, 60)
        figures["window_s"] = round(time.monotonic() - started, 1)
        pid = _wait(f"{name!r} to join the room", lambda: joined(server, name), 30)
        figures["joined_s"] = round(time.monotonic() - started, 1)
        time.sleep(1.5)  # the persona screen is drawn
        _shot(shots, "participant-app-persona")
        _click(wid, *at["persona"])
        time.sleep(0.5)  # the confirmation is drawn
        _click(wid, *at["confirm"])
        _wait(f"the persona {persona.id} to be chosen",
              lambda: server.view()["participants"][pid]["persona"] == persona.id, 15)
        phase = [p.kind for p in scenario.phases].index("etat_des_lieux")
        server.trainer_act({"type": "set_phase", "phase": phase})
        time.sleep(1.5)  # the main screen and its side panel are built
        _click(wid, *at["space"])
        _click(wid, *at["entry"])
        text = "Local velos trop petit, a agrandir"  # xdotool types ASCII reliably, not accents
        _x("xdotool", "type", "--delay", "60", text, timeout=30)
        time.sleep(0.3)
        _x("xdotool", "key", "Return")

        def note() -> dict[str, Any] | None:
            alive()
            return next((n for n in server.view()["notes"].values() if n["author"] == pid), None)

        placed = _wait("the participant's note", note, 15)
        time.sleep(1.0)  # the note is drawn
        figures["screenshot"] = str(_shot(shots, "participant-app"))
        stored = server.stored()
        joins = [e for e in stored if e.type == "participant_joined" and e.data["name"] == name]
        chosen = [e for e in stored if e.type == "persona_chosen" and e.by == pid]
        notes = [e for e in stored if e.type == "note_added" and e.by == pid]
        if not joins or not chosen or not notes:
            raise CheckFailed(f"the store misses the join, the character or the note: {[e.type for e in stored]}")
        figures.update(participant=pid, name=name, persona=persona.id, space=placed["space"],
                       note=placed["text"], kind=placed["kind"], typed_as_sent=placed["text"] == text,
                       stored_events=[e.type for e in stored])
        _stop(proc)
        # wss://, as over the internet: the app's own TLS (its certificate trusted as a
        # participant's system would trust a real one, here through SSL_CERT_FILE)
        if shutil.which("openssl") is None:
            figures["wss"] = "not checked: no openssl to make a certificate"
        else:
            cert, key = _self_signed(tmp)
            tls = Server(tmp, "tls-server", (cert, key))
            servers.append(tls)
            proc = launch(tls.url, "--room", tls.room, "--name", name + " TLS", SSL_CERT_FILE=str(cert))
            _wait(f"{name!r} to join over wss://", lambda: joined(tls, name + " TLS"), 60)
            figures["wss"] = f"joined {tls.url}"
        return figures
    except CheckFailed:
        try:
            print(f"screenshot of the failure: {_shot(shots, 'participant-app-failed')}", file=sys.stderr)
        except Exception:
            pass
        raise
    finally:
        if proc is not None:
            _stop(proc)
        for server in servers:
            server.stop()
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--check", action="store_true", help="run the built app under Xvfb: it must join and place a note")
    p.add_argument("--no-build", action="store_true", help="check the app already in dist/")
    p.add_argument("--url", help="the server address the app uses when none is given (wss://…)")
    p.add_argument("--all-fonts", action="store_true", help="keep pygame_gui's CJK fonts (+39 MB)")
    p.add_argument("--dist", type=Path, default=DIST, help="where the app goes (default: dist/)")
    p.add_argument("--shots", type=Path, default=SHOTS, help="where --check puts its screenshots")
    args = p.parse_args(argv)
    app = built_path(args.dist) if args.no_build else build(args.url, args.all_fonts, args.dist)
    if args.check:
        started = time.monotonic()
        try:
            figures = check(app, args.shots)
        except CheckFailed as exc:
            print(f"CHECK FAILED: {exc}", file=sys.stderr, flush=True)
            return 1
        figures["check_s"] = round(time.monotonic() - started, 1)
        print("check passed: " + json.dumps(figures, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
