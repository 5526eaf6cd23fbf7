"""`ilot` command line: one entry point, one subcommand per job.

Each subcommand imports its module only when run, so checking a scenario does not load pygame
and serving does not load the client.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ilot import data_path, scenario_path, shipped_scenarios
from ilot.game.text import LANGS, Lang, lang_for, pick_lang

ROOT = Path(__file__).resolve().parent.parent  # the source checkout (dev tools: screenshots)
SCENARIOS = data_path("scenarios")  # the shipped scenarios (package data)
DEFAULT_SCENARIO = SCENARIOS / "ilot_des_tilleuls.json"
SHORT_SCENARIO = SCENARIOS / "petit_ilot.json"


def _scenario_check(args: argparse.Namespace) -> int:
    from .core.scenario_check import check_file

    failed = False
    for name in args.files or [str(p) for p in shipped_scenarios()]:
        scenario, errors = check_file(scenario_path(name))
        for err in errors:
            print(err)
        if scenario is None:
            failed = True
        elif not args.quiet:
            print(f"{name}: OK ({scenario.title})")
    return 1 if failed else 0


def _scenario_schema(args: argparse.Namespace) -> int:
    from .core.scenario import Scenario

    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Scénario Îlot"
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    """The whole `ilot` command line, its help in `lang`."""
    p = argparse.ArgumentParser(prog="ilot", description="Îlot — jeu de rôle de stratégie résidentielle")
    sub = p.add_subparsers(dest="command", required=True)

    sc = sub.add_parser("scenario", help="check a scenario file or print its JSON Schema")
    scs = sc.add_subparsers(dest="scenario_command", required=True)
    chk = scs.add_parser("check", help="check scenario files; exit 1 if any is invalid")
    chk.add_argument("files", nargs="*", help="scenario files or names of shipped scenarios "
                     "(default: every shipped scenario)")
    chk.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    chk.set_defaults(run=_scenario_check)
    sch = scs.add_parser("schema", help="print the JSON Schema of a scenario")
    sch.set_defaults(run=_scenario_schema)

    import importlib
    import importlib.util

    # Each part registers its own subcommands (serve, bot, play, demo, replay, debrief, log).
    for module in ("ilot.server.cli", "ilot.game.client.cli", "ilot.game.debrief.cli"):
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:  # its package is not there at all
            found = False
        if found:
            importlib.import_module(module).add_commands(sub, lang)
    return p


def _lang_option(argv: list[str]) -> str | None:
    """The value of a `--lang` option in argv, if any (it also sets the help's language)."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] or None
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    wanted = _lang_option(argv)
    lang = lang_for(pick_lang(wanted if wanted in LANGS else None))
    args = build_parser(lang).parse_args(argv)
    # commands with a --lang option default to the language of the command line
    args.lang = getattr(args, "lang", None) or lang.code
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
