"""The command line speaks one language: `ilot --help` and the help of each subcommand, argparse's
own words and errors included, are all French or all English (`--lang`, ILOT_LANG)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ilot.game.cli import ArgumentParser, argparse_message, build_parser
from ilot.game.text import lang_for
from ilot.server.cli import bot_report

ROOT = Path(__file__).resolve().parents[2]
FR, EN = lang_for("fr"), lang_for("en")
# every command of `ilot`
COMMANDS = [[], ["scenario"], ["scenario", "check"], ["scenario", "schema"], ["serve"], ["rooms"], ["bot"],
            ["play"], ["demo"], ["replay"], ["debrief"], ["log"], ["log", "export"], ["log", "demo"],
            ["log", "import"], ["store"], ["store", "copy"]]
ENGLISH_WORDS = ["usage:", "show this help", "options:", "positional arguments", "default:",
                 "required", "commands:"]
FRENCH_WORDS = ["utilisation", "afficher", "commandes", "défaut", "fichier", "serveur", "salle",
                "arguments :", "options :", "obligatoire"]


def _ilot(*args: str, env_lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ILOT_LANG": env_lang}
    return subprocess.run([sys.executable, "-m", "ilot.game.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "ilot")
def test_help_is_all_french_or_all_english(command):
    french = _ilot(*command, "--help", env_lang="fr")
    by_option = _ilot(*command, "--help", "--lang", "en", env_lang="fr")  # --lang wins
    by_env = _ilot(*command, "--help", env_lang="en")
    for run in (french, by_option, by_env):
        assert run.returncode == 0 and not run.stderr, run.stderr
    assert by_option.stdout == by_env.stdout
    fr, en = french.stdout, by_env.stdout
    assert fr.startswith("utilisation\u00a0: ilot") and "afficher cette aide et quitter" in fr
    assert en.startswith("usage: ilot") and "show this help message and exit" in en
    assert [w for w in ENGLISH_WORDS if w in fr] == []
    assert [w for w in FRENCH_WORDS if w in en.lower()] == []


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, path + (name,))


@pytest.mark.parametrize("lang", [FR, EN], ids=["fr", "en"])
def test_every_option_and_command_has_a_help_text(lang):
    seen = []
    for path, parser in _parsers(build_parser(lang)):
        seen.append(list(path))
        assert isinstance(parser, ArgumentParser) and parser.lang is lang
        assert parser.description, path
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                commands = action._choices_actions
                assert commands and all(c.help for c in commands), path
            else:
                assert action.help and action.help is not argparse.SUPPRESS, (path, action.dest)
    assert sorted(seen) == sorted(COMMANDS)


def test_the_subcommands_of_other_modules_get_the_language_too():
    parser = build_parser(FR)
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, child in sub.choices.items():
        assert isinstance(child, ArgumentParser) and child.lang is FR, name
        assert child.format_usage().startswith("utilisation\u00a0: ilot " + name)
        assert "-h, --help" in child.format_help() and "afficher cette aide" in child.format_help()
    # argparse itself is untouched: another parser in the process speaks English
    assert argparse.ArgumentParser(prog="x").format_help().startswith("usage: x")


@pytest.mark.parametrize("argv,french,english", [
    ([], "arguments obligatoires manquants\u00a0: COMMANDE",
     "the following arguments are required: COMMAND"),
    (["bot"], "arguments obligatoires manquants\u00a0: URL, --room",
     "the following arguments are required: URL, --room"),
    (["serve", "--port", "abc"],
     "argument --port\u00a0: valeur invalide (nombre entier attendu)\u00a0: 'abc'",
     "argument --port: invalid integer value: 'abc'"),
    (["bot", "ws://x", "--room", "A", "--pace", "vite"],
     "argument --pace\u00a0: valeur invalide (nombre attendu)\u00a0: 'vite'",
     "argument --pace: invalid number value: 'vite'"),
    (["serve", "--rate"], "argument --rate\u00a0: une valeur est attendue",
     "argument --rate: expected one argument"),
    (["serve", "--bogus"], "arguments non reconnus\u00a0: --bogus", "unrecognized arguments: --bogus"),
    (["scenario", "frob"], "choix invalide\u00a0: 'frob' (choisir parmi 'check', 'schema')",
     "invalid choice: 'frob' (choose from 'check', 'schema')"),
], ids=["no command", "required", "int", "float", "one argument", "unrecognized", "choice"])
def test_argparse_errors_in_the_language(argv, french, english, capsys):
    for lang, expected, word in ((FR, french, "erreur"), (EN, english, "error")):
        with pytest.raises(SystemExit) as exit_:
            build_parser(lang).parse_args(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        usage, said = err.strip().splitlines()[0], err.strip().splitlines()[-1]
        assert usage.startswith(lang.t("cli.usage"))
        assert re.match(rf"ilot( \w+)? ?\u00a0?: {word}\u00a0?: ", said), said
        assert said.endswith(expected), said


def test_an_unknown_argparse_message_is_kept_as_it_is():
    assert argparse_message("something new", FR) == "something new"
    assert argparse_message("expected 2 arguments", FR) == "2 valeurs attendues"
    assert argparse_message("argument -x: expected 1 argument", EN) == \
        "argument -x: expected 1 argument"


def test_the_bot_report_is_one_sentence():
    report = {"connected": 3, "sent": 40, "accepted": 38, "rejected": 1, "errors": 0,
              "codes": {"wrong_phase": 1}}
    assert bot_report(report, EN) == ("Bots: 3 connected, 40 actions sent, 38 accepted, "
                                      "1 rejected, 0 connection errors (rejections: wrong_phase × 1)")
    assert bot_report(report, FR) == ("Bots\u00a0: 3 connectés, 40 actions envoyées, 38 acceptées, "
                                      "1 refusée, 0 erreur de connexion (refus\u00a0: wrong_phase × 1)")


def test_no_key_is_defined_twice_in_a_catalogue_file():
    for po in sorted((ROOT / "game" / "text" / "locale").glob("*/LC_MESSAGES/*.po")):
        keys = re.findall(r'^msgid "(.+)"$', po.read_text(encoding="utf-8"), re.M)
        assert len(keys) == len(set(keys)), (po, [k for k in keys if keys.count(k) > 1])
