"""The text catalogues: every key in both languages, the same placeholders, every key used in
the code defined, and numbers, money and plurals written as each language writes them."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from ilot.game.text import lang_for
from ilot.game.text.catalogues import CatalogueError, french_typography, read_catalogue

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"t": (1,), "n": (1,), "N_": (1,)}
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def _messages(code: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for m in read_catalogue(code):
        if m.id:
            key = m.id[0] if isinstance(m.id, tuple) else m.id
            out[key] = tuple(m.string) if isinstance(m.string, (tuple, list)) else (m.string,)
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_a_french_and_an_english_text_with_the_same_placeholders():
    fr, en = _messages("fr"), _messages("en")
    assert fr.keys() == en.keys(), (set(fr) ^ set(en))
    assert len(fr) > 100
    for key in fr:
        assert KEY.match(key), key
        assert all(s.strip() for s in fr[key] + en[key]), f"{key}: empty text"
        fields = [_fields(s) for s in fr[key] + en[key]]
        assert all(f == fields[0] for f in fields), f"{key}: placeholders differ {fields}"


def test_every_key_the_code_uses_is_in_the_catalogues():
    known = set(_messages("fr"))
    used: dict[str, str] = {}
    for folder in ("game", "server"):
        for filename, _, key, *_ in extract_from_dir(
                str(ROOT / folder), method_map=[("**.py", "python")], keywords=KEYWORDS):
            if isinstance(key, tuple):
                key = key[0]
            if isinstance(key, str) and KEY.match(key):
                used.setdefault(key, f"{folder}/{filename}")
    assert used, "no message key found in the code: has the text layer moved?"
    missing = {k: where for k, where in used.items() if k not in known}
    assert not missing, missing


def test_a_key_defined_twice_is_refused(tmp_path, monkeypatch):
    from ilot.game.text import catalogues

    for name in ("a", "b"):
        d = tmp_path / "xx" / "LC_MESSAGES"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{name}.po").write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
                                      'msgid "x.same"\nmsgstr "Même"\n', encoding="utf-8")
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    with pytest.raises(CatalogueError, match=r"x\.same"):
        read_catalogue("xx")


def test_french_numbers_money_hours_percentages_and_plurals():
    fr = lang_for("fr")
    assert fr.money(68, cents=True) == "68,00\u00a0€"
    assert fr.money(1234.4) == "1\u202f234\u00a0€"
    assert fr.hours(0.25) == "0,25\u202fh"
    assert fr.num(-0.04, 1) == "0"  # never -0
    assert fr.num(2.4, 1, sign=True) == "+2,4"
    assert fr.percent(0.163) == "16\u202f%"
    assert fr.join(["a", "b", "c"]) == "a, b et c"
    assert fr.quote("oui") == "«\u00a0oui\u00a0»"


def test_english_numbers_money_hours_percentages_and_plurals():
    en = lang_for("en")
    assert en.money(68, cents=True) == "€68.00"
    assert en.money(1234.4) == "€1,234"
    assert en.hours(0.25) == "0.25 h"
    assert en.num(-0.04, 1) == "0"
    assert en.percent(0.163) == "16%"
    assert en.join(["a", "b", "c"]) == "a, b and c"
    assert en.quote("yes") == "“yes”"


def test_french_typography_puts_no_break_spaces_where_they_go():
    assert french_typography("Charges : 3 € ; encore ? « oui »") == \
        "Charges\u00a0: 3\u202f€\u202f; encore\u202f? «\u00a0oui\u00a0»"
    assert french_typography("http://x:80") == "http://x:80"
    assert lang_for("fr").t("fmt.label", label="Salle", value="K7QM") == "Salle\u00a0: K7QM"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr, en"):
        lang_for("de")


@pytest.mark.parametrize("code", ["fr", "en"])
def test_every_file_of_a_language_has_the_language_s_plural_rule(code):
    """The merged catalogue takes its plural rule from one file's header: a file copied from the
    other language (« 0 connection error », « Charter (0 rule) ») must not slip in."""
    from ilot.game.text.catalogues import po_files

    rule = {"fr": "plural=(n > 1);", "en": "plural=(n != 1);"}[code]
    for path in po_files(code):
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        forms = [line for line in header.splitlines() if "Plural-Forms" in line]
        assert forms and rule in forms[0], path.name
