"""Display names: nothing invisible or bidirectional, capped, one per person in a room."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ilot.game.core.names import NAME_MAX, clean_name, unique_name


def test_invisible_and_bidi_characters_are_removed():
    assert clean_name("A\u200bwa") == "Awa"  # zero-width space
    assert clean_name("\u202eawA") == "awA"  # right-to-left override
    assert clean_name("Awa\u0000\u0007") == "Awa"  # NUL, bell
    assert clean_name("  Awa \u00a0\t Diallo\n") == "Awa Diallo"  # one plain space
    assert clean_name("\u200d\u2066\u2069") == ""  # nothing visible
    assert clean_name("E\u0301loi\u0308se") == "Éloïse"  # composed (NFC)
    assert clean_name("Awa\tDiallo") == "Awa Diallo"
    assert clean_name("x" * 200) == "x" * NAME_MAX


def test_a_taken_name_gets_a_suffix_whatever_its_case():
    assert unique_name("Awa", ["Bruno"]) == "Awa"
    assert unique_name("Awa", ["awa"]) == "Awa (2)"
    assert unique_name("AWA", ["awa", "Awa (2)"]) == "AWA (3)"
    long = "y" * NAME_MAX
    assert unique_name(long, [long]) == "y" * (NAME_MAX - 4) + " (2)"


@given(st.text(max_size=300))
def test_a_clean_name_shows_only_what_it_says(raw):
    name = clean_name(raw)
    assert len(name) <= NAME_MAX
    assert name == name.strip() and "  " not in name
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")
                   for ch in name)
    assert clean_name(name) == name  # stable: shown as stored


@given(st.lists(st.sampled_from(["Awa", "awa", "AWA", "Bruno", "Awa (2)"]), max_size=12))
def test_names_given_one_by_one_are_all_different(wanted):
    given_names: list[str] = []
    for w in wanted:
        given_names.append(unique_name(w, given_names))
    keys = [n.casefold() for n in given_names]
    assert len(set(keys)) == len(keys)
