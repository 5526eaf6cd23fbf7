"""The debrief's words all come from the text layer: every key its templates use exists in both
languages, every event type has its sentence, every coded word it shows at run time has its
shared `term.*` word, and no hand-made language switch is left in game/debrief."""

from __future__ import annotations

import ast
import enum
import typing
from pathlib import Path

import pytest
from jinja2.ext import extract_from_ast

from ilot.game.core import actions
from ilot.game.core.events import CURRENT_VERSIONS
from ilot.game.core.kinds import Payer
from ilot.game.debrief import report as report_mod
from ilot.game.debrief.describe import _COUNTED, SUBJECTS
from ilot.game.debrief.draw import NOTE_COLOURS
from ilot.game.debrief.viewer import TABS
from ilot.game.text import lang_for
from ilot.game.text.catalogues import LOCALE_DIR, read_catalogue

ROOT = Path(__file__).resolve().parents[2]
DEBRIEF = ROOT / "game" / "debrief"
TEMPLATES = DEBRIEF / "templates"
LANGS = [lang_for("fr"), lang_for("en")]


def _codes(model: type, field: str) -> list[str]:
    """The values a field of an action accepts (a Literal, or an enum of str), without None."""

    def walk(tp) -> list[str]:
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return [m.value for m in tp]
        if typing.get_origin(tp) is typing.Literal:
            return [a for a in typing.get_args(tp) if isinstance(a, str)]
        return [v for arg in typing.get_args(tp) for v in walk(arg)]

    values = walk(model.model_fields[field].annotation)
    assert values, (model, field)
    return values


def test_every_key_of_the_report_templates_is_in_both_languages():
    env = report_mod.environment()
    keys = set()
    for path in sorted(TEMPLATES.glob("*.j2")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for _, func, strings in extract_from_ast(tree, ("t", "n", "tm"), babel_style=False):
            assert strings and strings[0].count(".") >= 1, (path.name, func, strings)
            keys.add(strings[0])
    assert len(keys) > 80
    for lang in LANGS:
        missing = sorted(k for k in keys if not lang.has(k))
        assert not missing, (lang, missing)


def test_every_event_type_has_a_sentence_and_nothing_else_is_an_event():
    for code in ("fr", "en"):
        events = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_catalogue(code)
                  if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id).startswith("event.")}
        assert events == {f"event.{t}" for t in CURRENT_VERSIONS}, code
        plural = {m.id[0] for m in read_catalogue(code) if isinstance(m.id, tuple)}
        assert {f"event.{t}" for t in _COUNTED} <= plural


def test_every_word_shown_for_a_code_exists_in_both_languages():
    kinds = {
        "note_kind": _codes(actions.AddNote, "kind") + list(NOTE_COLOURS),
        "stance": _codes(actions.Argue, "stance"),
        "reaction": _codes(actions.ReactProject, "reaction"),
        "payer": [p.value for p in Payer],  # the built-in ones; the scenario names the others
        "proposal_status": ["open", "adopted", "withdrawn", "merged"],
        "amendment_status": ["pending", "accepted", "rejected"],
        "outcome": ["kept", "stopped"],
        "actor": ["trainer", "server"],
        "role": ["none"],
    }
    keys = [f"term.{kind}.{v}" for kind, values in kinds.items() for v in values]
    keys += list(SUBJECTS.values()) + list(TABS.values()) + list(report_mod.COLUMN_WORDS.values())
    keys += [k for pair in report_mod.SECTION_WORDS.values() for k in pair]
    for lang in LANGS:
        assert [k for k in keys if not lang.has(k)] == [], lang


def test_the_codes_of_a_recorded_session_all_have_their_word(rich_script):
    """What a real session holds, in case the core grows a code the lists above miss."""
    fields = {"kind": "note_kind", "stance": "stance", "reaction": "reaction", "payer": "payer"}
    seen = {f"term.{fields[k]}.{v}" for e in rich_script.events for k, v in e.data.items()
            if k in fields and isinstance(v, str)}
    seen |= {f"term.proposal_status.{p.status}" for p in rich_script.state.proposals.values()}
    assert len(seen) >= 8
    for lang in LANGS:
        assert [k for k in seen if not lang.has(k)] == []


@pytest.mark.parametrize("code, plural", [("fr", "nplurals=2; plural=(n > 1);"),
                                          ("en", "nplurals=2; plural=(n != 1);")])
def test_the_debrief_catalogue_is_a_po_file_of_its_own_area(code, plural):
    text = (LOCALE_DIR / code / "LC_MESSAGES" / "debrief.po").read_text(encoding="utf-8")
    assert text.startswith("# Îlot: ") and f'"Plural-Forms: {plural}\\n"' in text
    keys = [line.split('"')[1] for line in text.splitlines() if line.startswith("msgid \"") and line != 'msgid ""']
    assert keys and all(k.split(".")[0] in ("debrief", "event", "report") for k in keys)
    lang = lang_for(code)
    assert lang.n("debrief.events_n", 1) == ("1 événement" if code == "fr" else "1 event")
    assert lang.n("debrief.events_n", 2) == ("2 événements" if code == "fr" else "2 events")


def test_no_hand_made_language_switch_or_escape_in_the_debrief():
    """The language is a Lang: no `lang == "en"`, no table of (fr, en) pairs, no html.escape."""
    assert not (DEBRIEF / "i18n.py").exists() and not (DEBRIEF / "report_text.py").exists()
    for path in sorted(DEBRIEF.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                consts = [c.value for c in [node.left, *node.comparators] if isinstance(c, ast.Constant)]
                assert not set(consts) & {"fr", "en"}, (path.name, node.lineno)
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) and " " in e.value
                    for e in node.elts):
                pytest.fail(f"{path.name}:{node.lineno}: a (French, English) pair?")
            if isinstance(node, ast.ImportFrom) and node.module == "html":
                pytest.fail(f"{path.name}:{node.lineno}: escape with markupsafe / Jinja2")
