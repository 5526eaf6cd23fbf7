"""The wheel a user gets from `pip install .` (no `-e`): one import package, scenarios inside.

Builds the wheel from a copy of the sources, installs it in a fresh virtual environment (its
dependencies borrowed from the test environment, so the test needs no network), and runs
`ilot scenario check` and a server start from a directory that is not the repository.
"""

from __future__ import annotations

import re
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JOIN_CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")
SOURCES = ("pyproject.toml", "README.md", "ilot", "game", "server", "scenarios", "assets")


def _run(cmd: list[str], cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(wheel file, bin/ of a fresh venv where it is installed)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "-q", "-w", str(tmp / "dist"), str(src)], tmp)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("ilot-*.whl")
    venv = tmp / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], tmp)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    # the dependencies (pygame-ce, pydantic…) come from this environment, not the network
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                   tmp).stdout.strip()
    Path(purelib, "borrowed_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    done = _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                 str(wheel)], tmp)
    assert done.returncode == 0, done.stderr
    return wheel, venv / "bin"


def test_the_wheel_holds_one_import_package_with_every_module_and_the_scenarios(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"ilot"}
    for folder in ("game", "server"):
        for pattern in ("*.py", "*.json", "*.po", "*.j2"):  # code, client theme, catalogues, report templates
            for path in (ROOT / folder).rglob(pattern):
                assert f"ilot/{path.relative_to(ROOT).as_posix()}" in names
    shipped = {p.name for p in (ROOT / "scenarios").glob("*.json")}
    assert shipped and {f"ilot/scenarios/{n}" for n in shipped} <= set(names)
    portraits = {p.name for p in (ROOT / "assets" / "portraits").glob("*.png")}
    assert len(portraits) == 24 and {f"ilot/assets/portraits/{n}" for n in portraits} <= set(names)
    assert "ilot/assets/portraits/LICENCE.md" in names


def test_scenario_check_and_serve_work_from_another_directory(installed, tmp_path):
    _, bin_ = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([str(bin_ / "python"), "-c", "import ilot; print(ilot.__file__)"], elsewhere)
    assert "site-packages" in where.stdout, where.stderr
    said = _run([str(bin_ / "python"), "-c", "from ilot.game.text import lang_for; "
                 "print(lang_for('fr').t('rejection.wrong_phase'))"], elsewhere)
    assert said.stdout.strip() == "Pas possible dans cette phase.", said.stderr
    for name in ("game", "server"):  # no generic top-level names in site-packages
        assert _run([str(bin_ / "python"), "-c", f"import {name}"], elsewhere).returncode != 0

    checked = _run([str(bin_ / "ilot"), "scenario", "check"], elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == len(list((ROOT / "scenarios").glob("*.json")))
    by_name = _run([str(bin_ / "ilot"), "scenario", "check", "petit_ilot"], elsewhere)
    assert by_name.returncode == 0 and ": OK" in by_name.stdout, by_name.stderr

    server = subprocess.Popen(
        [str(bin_ / "ilot"), "serve", "--scenario", "petit_ilot", "--host", "127.0.0.1",
         "--port", "0", "--data", str(tmp_path / "data")],
        cwd=elsewhere, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        seen: list[str] = []
        assert server.stdout is not None
        for line in server.stdout:  # blocks until the server shows the room's code, or dies
            seen.append(line)
            if JOIN_CODE.search(line):
                break
        assert any("ws://127.0.0.1:" in line for line in seen), "".join(seen)
        assert JOIN_CODE.search(seen[-1]), "".join(seen)
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert (tmp_path / "data").is_dir()


def test_the_debrief_report_renders_from_the_installed_templates(installed, tmp_path):
    """The report's Jinja2 templates are package data: a report renders from the wheel."""
    _, bin_ = installed
    log, html = tmp_path / "demo.jsonl", tmp_path / "rapport.html"
    made = _run([str(bin_ / "ilot"), "log", "demo", "-o", str(log), "--participants", "4",
                 "--scale", "0.2", "--scenario", "petit_ilot"], tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    wrote = _run([str(bin_ / "ilot"), "debrief", str(log), "--html", str(html), "--lang", "en"], tmp_path)
    assert wrote.returncode == 0 and wrote.stdout.startswith("Report written: "), wrote.stdout + wrote.stderr
    text = html.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "2. Analysis" in text and "</html>" in text
