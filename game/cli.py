"""`ilot` command line: one entry point, one subcommand per job, in one language.

The language of the command line (`--lang`, else ILOT_LANG, else the system's locale, else
French) is picked once, before the parser is built: every description, help text and printed
line comes from `cli.*` in cli.po, and `ArgumentParser` also speaks argparse's own words in it
("usage:", "options", "-h, --help", its error messages). Each part registers its subcommands
with `add_commands(sub, lang)`; the parsers `sub.add_parser(...)` makes are `ArgumentParser`s
with the same `Lang`.

Each subcommand imports its module only when run, so checking a scenario does not load pygame
and serving does not load the client.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from ilot import data_path, scenario_path, shipped_scenarios
from ilot.game.text import LANGS, N_, Lang, lang_for, pick_lang

ROOT = Path(__file__).resolve().parent.parent  # the source checkout (dev tools: screenshots)
SCENARIOS = data_path("scenarios")  # the shipped scenarios (package data)
DEFAULT_SCENARIO = SCENARIOS / "ilot_des_tilleuls.json"
SHORT_SCENARIO = SCENARIOS / "petit_ilot.json"


# ----- argparse in the language of the command line -----

class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter with its words ("usage:", section headings) in a `Lang`.
    Made by `ArgumentParser` around any formatter class it is given."""

    lang: Lang

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        if prefix is None:
            prefix = self.lang.t("cli.usage") + " "
        super().add_usage(usage, actions, groups, prefix)

    def start_section(self, heading: str | None) -> None:
        if heading and heading is not argparse.SUPPRESS:
            # argparse writes "<heading>:" itself; the catalogue says how the language puts the
            # colon ("options :" in French, with its no-break space), so keep all but the colon
            heading = self.lang.t("cli.heading", title=heading).removesuffix(":")
        super().start_section(heading)


@functools.cache
def _formatter_class(base: type[argparse.HelpFormatter]) -> type[HelpFormatter]:
    if issubclass(base, HelpFormatter):
        return base
    if base is argparse.HelpFormatter:
        return HelpFormatter
    return type(f"Lang{base.__name__}", (HelpFormatter, base), {})


def _formatter(base: type[argparse.HelpFormatter], lang: Lang, prog: str,
               **kwargs: Any) -> HelpFormatter:
    formatter = _formatter_class(base)(prog, **kwargs)
    formatter.lang = lang
    return formatter


# argparse's messages (Python 3.11 to 3.13), as it writes them in English: the pattern of each,
# and the key of our own text for it
_ARGPARSE_MESSAGES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.S), key) for p, key in (
    (r"argument (?P<argument>.+?): (?P<message>.*)", N_("cli.argparse.argument")),
    (r"the following arguments are required: (?P<args>.*)", N_("cli.argparse.required")),
    (r"one of the arguments (?P<args>.*) is required", N_("cli.argparse.one_required")),
    (r"unrecognized arguments: (?P<args>.*)", N_("cli.argparse.unrecognized")),
    (r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
     N_("cli.argparse.invalid_choice")),
    (r"unknown parser (?P<name>.*?) \(choices: (?P<choices>.*)\)",
     N_("cli.argparse.invalid_choice")),
    (r"expected one argument", N_("cli.argparse.expected_one")),
    (r"expected at most one argument", N_("cli.argparse.expected_at_most_one")),
    (r"expected at least one argument", N_("cli.argparse.expected_at_least_one")),
    (r"expected (?P<n>\d+) arguments?", N_("cli.argparse.expected_n")),
    (r"invalid (?P<type>\S+) value: (?P<value>.*)", N_("cli.argparse.invalid_value")),
    (r"not allowed with argument (?P<other>.*)", N_("cli.argparse.not_allowed_with")),
    (r"ignored explicit argument (?P<value>.*)", N_("cli.argparse.ignored_explicit")),
    (r"ambiguous option: (?P<option>.*?) could match (?P<matches>.*)",
     N_("cli.argparse.ambiguous")),
    (r"can't open '(?P<filename>.*?)': (?P<error>.*)", N_("cli.argparse.cannot_open")),
)]
_TYPE_NAMES = {"int": N_("cli.argparse.type_int"), "float": N_("cli.argparse.type_float")}


def argparse_message(message: str, lang: Lang) -> str:
    """An argparse error message in `lang` (one argparse does not know comes back as it is)."""
    for pattern, key in _ARGPARSE_MESSAGES:
        m = pattern.fullmatch(message)
        if m is None:
            continue
        values = m.groupdict()
        if "message" in values:
            values["message"] = argparse_message(values["message"], lang)
        if "type" in values:
            values["type"] = lang.t(_TYPE_NAMES[values["type"]]) if values["type"] in \
                _TYPE_NAMES else values["type"]
        if "name" in values:  # an unknown subcommand: the same words as an invalid choice
            values["value"] = values.pop("name")
        if "n" in values:
            return lang.n(key, int(values.pop("n")), **values)
        return lang.t(key, **values)
    return message


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser that speaks one language, `lang`, argparse's own words included:
    "usage:", "positional arguments", "options", "-h, --help" and its error messages.

        parser = ArgumentParser(prog="ilot", lang=lang, description=lang.t("cli.description"))
        sub = parser.add_subparsers(dest="command", required=True)
        p = sub.add_parser("serve", help=lang.t("cli.serve.help"))   # an ArgumentParser too

    Subparsers (`add_subparsers().add_parser(...)`, at any depth) are of the same class with
    the same `lang`, so a module that registers commands only writes its own texts. A
    `formatter_class` given is kept and taught the language's words. Argparse itself is not
    changed: other parsers in the process keep speaking English.
    """

    def __init__(self, *args: Any, lang: Lang, add_help: bool = True,
                 formatter_class: type[argparse.HelpFormatter] = argparse.HelpFormatter,
                 **kwargs: Any) -> None:
        self.lang = lang
        super().__init__(*args, add_help=False,
                         formatter_class=functools.partial(_formatter, formatter_class, lang),
                         **kwargs)
        self._positionals.title = lang.t("cli.positionals")
        self._optionals.title = lang.t("cli.options")
        if add_help:
            prefix = "-" if "-" in self.prefix_chars else self.prefix_chars[0]
            self.add_argument(prefix + "h", prefix * 2 + "help", action="help",
                              default=argparse.SUPPRESS, help=lang.t("cli.help"))

    def add_subparsers(self, **kwargs: Any) -> Any:
        """As argparse's; the subcommands' parsers are `ArgumentParser`s in the same language,
        listed under "commands" with the metavar COMMAND unless told otherwise."""
        kwargs.setdefault("parser_class", functools.partial(type(self), lang=self.lang))
        kwargs.setdefault("title", self.lang.t("cli.commands"))
        kwargs.setdefault("metavar", self.lang.t("cli.command_metavar"))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, self.lang.t("cli.error", prog=self.prog,
                                 message=argparse_message(message, self.lang)) + "\n")


def add_lang_option(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """`--lang fr|en`: the language of a command's messages (and of its help)."""
    parser.add_argument("--lang", choices=LANGS, default=None, help=lang.t("cli.lang"))


def _print(line: str, file: IO[str] | None = None) -> None:
    print(line, file=file, flush=True)


# ----- ilot scenario check | schema -----

def _scenario_check(args: argparse.Namespace) -> int:
    """Every problem of every file, one line each; warnings (« attention ») do not fail."""
    from .core.scenario_check import check_file
    from .text.scenario_errors import scenario_error_line

    lang = lang_for(args.lang)
    failed = False
    for name in args.files or [str(p) for p in shipped_scenarios()]:
        scenario, errors = check_file(scenario_path(name))
        for err in errors:
            _print(scenario_error_line(err, lang, full=args.full))
        if scenario is None:
            failed = True
        elif not args.quiet:
            _print(lang.t("cli.check.ok", file=name, title=scenario.title))
    return 1 if failed else 0


def _scenario_schema(args: argparse.Namespace) -> int:
    from .text.scenario_schema import scenario_schema

    print(json.dumps(scenario_schema(lang_for(args.lang)), ensure_ascii=False, indent=2))
    return 0


def shipped_names() -> str:
    """The shipped scenarios' names, for help texts: `ilot_des_tilleuls, petit_ilot, tour_des_peupliers`."""
    return ", ".join(p.stem for p in shipped_scenarios())


def build_parser(lang: Lang) -> ArgumentParser:
    """The whole `ilot` command line, its help in `lang`."""
    p = ArgumentParser(prog="ilot", lang=lang, description=lang.t("cli.description"))
    add_lang_option(p, lang)
    sub = p.add_subparsers(dest="command", required=True)

    sc = sub.add_parser("scenario", help=lang.t("cli.scenario.help"),
                        description=lang.t("cli.scenario.description"))
    scs = sc.add_subparsers(dest="scenario_command", required=True)
    chk = scs.add_parser("check", help=lang.t("cli.check.help"),
                         description=lang.t("cli.check.description"))
    chk.add_argument("files", nargs="*", metavar=lang.t("cli.metavar.file"),
                     help=lang.t("cli.check.files", names=shipped_names()))
    chk.add_argument("-q", "--quiet", action="store_true", help=lang.t("cli.check.quiet"))
    chk.add_argument("--full", action="store_true", help=lang.t("check.cli.full"))
    add_lang_option(chk, lang)
    chk.set_defaults(run=_scenario_check)
    sch = scs.add_parser("schema", help=lang.t("cli.schema.help"),
                         description=lang.t("cli.schema.description"))
    add_lang_option(sch, lang)
    sch.set_defaults(run=_scenario_schema)

    import importlib
    import importlib.util

    # Each part registers its own subcommands (serve, bot, play, demo, replay, debrief, log,
    # rooms, store).
    for module in ("ilot.server.cli", "ilot.game.client.cli", "ilot.game.debrief.cli",
                   "ilot.game.debrief.store_cli"):
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:  # its package is not there at all
            found = False
        if found:
            importlib.import_module(module).add_commands(sub, lang)
    return p


def _lang_option(argv: Sequence[str]) -> str | None:
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
    run: Callable[[argparse.Namespace], int | None] = args.run
    try:
        return int(run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
