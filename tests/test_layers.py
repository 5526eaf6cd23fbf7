"""The import table of docs/DESIGN.md ("Layout"), checked on every module with `ast`.

Each part of the code may import only what its row of the table says: the other parts of the
game it builds on, and the libraries it needs. Imports inside functions count (they are imports
all the same); relative imports are resolved. The table here and the one in DESIGN.md are the
same: change both together.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# where each import package lives in the repository (see pyproject's package-dir)
PACKAGES = {"ilot.game": ROOT / "game", "ilot.server": ROOT / "server", "ilot": ROOT / "ilot"}
STDLIB = set(sys.stdlib_module_names)
# what the pure core must never do: wait on the network, touch files or databases, run threads
IO_MODULES = {"asyncio", "sqlite3", "socket", "ssl", "threading", "subprocess", "selectors", "http",
              "urllib", "multiprocessing", "concurrent", "shutil", "tempfile"}


@dataclass(frozen=True)
class Row:
    """One row of the table: which files, which parts of Îlot and which libraries they may import."""

    files: tuple[str, ...]  # paths under ROOT (a folder means all its modules)
    parts: tuple[str, ...]  # modules of ilot (a package means all its modules)
    libraries: tuple[str, ...] = ()  # besides the standard library
    forbidden_stdlib: frozenset[str] = frozenset()
    exceptions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file -> more parts


TABLE = {
    "core": Row(("game/core",), ("ilot.game.core",), ("pydantic", "pydantic_core"), frozenset(IO_MODULES)),
    "text": Row(("game/text",), ("ilot.game.text", "ilot.game.core"), ("babel",)),
    "net": Row(("game/net",), ("ilot.game.net", "ilot.game.core"), ("msgpack", "websockets", "pydantic")),
    "storage": Row(("game/storage",), ("ilot.game.storage", "ilot.game.core", "ilot.game.net.joincodes"),
                   ("msgpack", "psycopg")),
    "server": Row(("server",), ("ilot", "ilot.server", "ilot.game.core", "ilot.game.net", "ilot.game.text",
                                "ilot.game.storage", "ilot.game.gcpolicy", "ilot.game.looks", "ilot.game.cli"),
                  ("msgpack", "websockets", "pydantic", "psycopg")),
    "client": Row(("game/client",), ("ilot", "ilot.game.client", "ilot.game.core", "ilot.game.net",
                                     "ilot.game.text", "ilot.game.palette", "ilot.game.gcpolicy",
                                     "ilot.game.looks", "ilot.game.cli"),
                  ("pygame", "pygame_gui"),
                  exceptions={"game/client/local_server.py": ("ilot.server",),  # the demo's own server
                              "game/client/cli.py": ("ilot.game.storage",)}),  # the demo's data directory
    "debrief": Row(("game/debrief",), ("ilot", "ilot.game.debrief", "ilot.game.core", "ilot.game.text",
                                       "ilot.game.storage", "ilot.game.net.joincodes", "ilot.game.palette",
                                       "ilot.game.cli"),
                   ("pygame", "pygame_gui", "jinja2", "markupsafe", "pydantic")),
    "entry point": Row(("game/cli.py", "game/__init__.py"),
                       ("ilot", "ilot.game", "ilot.server")),
    "shared helpers": Row(("game/palette.py", "game/gcpolicy.py", "game/looks.py", "ilot"), ()),
}


def _module_name(path: Path) -> str:
    for package, folder in PACKAGES.items():
        if path.is_relative_to(folder):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            return ".".join((package, *parts))
    raise ValueError(path)


def _is_module(name: str) -> bool:
    for package, folder in sorted(PACKAGES.items(), key=lambda kv: -len(kv[0])):
        if name == package or name.startswith(package + "."):
            rest = name[len(package):].lstrip(".").split(".") if name != package else []
            target = folder.joinpath(*rest)
            return target.with_suffix(".py").is_file() or (target / "__init__.py").is_file()
    return False


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of the file, relative ones resolved; `from p import m`
    names the module p.m when m is a module of Îlot."""
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for a in node.names:
                sub = f"{module}.{a.name}"
                out.append((node.lineno, sub if _is_module(sub) else module))
    return out


def _files(row: Row) -> list[Path]:
    out = []
    for f in row.files:
        p = ROOT / f
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return out


def _inside(module: str, parts: tuple[str, ...]) -> bool:
    # "ilot" alone is the top package (data_path, scenario_path), not everything under it
    return any(module == p or (p != "ilot" and module.startswith(p + ".")) for p in parts)


def _row_of(path: Path) -> str:
    rel = path.relative_to(ROOT).as_posix()
    for name, row in TABLE.items():
        if any(rel == f or rel.startswith(f + "/") for f in row.files):
            return name
    raise AssertionError(f"{rel} is in no row of the import table")


def test_every_module_is_in_one_row_of_the_table():
    for folder in ("game", "server", "ilot"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rows = [n for n, row in TABLE.items()
                    if any(path.relative_to(ROOT).as_posix() == f
                           or path.relative_to(ROOT).as_posix().startswith(f + "/") for f in row.files)]
            assert len(rows) == 1, (path, rows)


@pytest.mark.parametrize("name", list(TABLE))
def test_each_part_imports_only_what_its_row_allows(name):
    row = TABLE[name]
    wrong = []
    for path in _files(row):
        rel = path.relative_to(ROOT).as_posix()
        parts = row.parts + row.exceptions.get(rel, ())
        for line, module in imports(path):
            top = module.split(".")[0]
            if top == "ilot":
                ok = _inside(module, parts)
            elif top in STDLIB:
                ok = top not in row.forbidden_stdlib
            else:
                ok = top in row.libraries
            if not ok:
                wrong.append(f"{rel}:{line}: {module}")
    assert wrong == [], f"{name} breaks the import table of docs/DESIGN.md: {wrong}"


def test_what_the_brief_names_explicitly():
    """The rules people will look for, spelt out (they follow from the table)."""
    def found(row: str, prefixes: tuple[str, ...], skip: tuple[str, ...] = ()) -> list[str]:
        return [f"{p.relative_to(ROOT)}:{line}: {m}" for p in _files(TABLE[row])
                if p.relative_to(ROOT).as_posix() not in skip
                for line, m in imports(p) if m == prefixes or m.startswith(prefixes)]

    assert found("core", ("pygame", "pygame_gui", "asyncio", "websockets", "sqlite3", "msgpack", "babel",
                          "jinja2", "ilot.game.client", "ilot.game.debrief", "ilot.game.net",
                          "ilot.game.storage", "ilot.game.text", "ilot.server")) == []
    assert found("debrief", ("ilot.server", "ilot.game.client")) == []
    assert found("client", ("ilot.game.debrief",)) == []
    assert found("client", ("ilot.server",), skip=("game/client/local_server.py",)) == []
    assert found("server", ("ilot.game.client", "ilot.game.debrief")) == []
    assert found("text", ("ilot.game.client", "ilot.server", "ilot.game.debrief")) == []


def test_nothing_imports_the_bare_names_game_or_server():
    wrong = []
    for folder in ("game", "server", "ilot", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
                wrong += [f"{path.relative_to(ROOT)}:{node.lineno}: {n}" for n in names
                          if n.split(".")[0] in ("game", "server")]
    assert wrong == []


def test_the_table_in_design_md_names_every_row():
    design = (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")
    table = design.split("## Layout", 1)[1].split("\n## ", 1)[0]
    for folder in ("game/core/", "game/text/", "game/net/", "game/storage/", "server/", "game/client/",
                   "game/debrief/", "game/cli.py", "game/palette.py", "game/gcpolicy.py", "game/looks.py"):
        assert f"`{folder}`" in table, folder
    for library in ("pydantic", "babel", "msgpack", "websockets", "sqlite3", "pygame", "jinja2", "markupsafe"):
        assert library in table, library
