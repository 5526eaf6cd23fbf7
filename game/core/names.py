"""Participants' display names: what a name may hold, and one name per person in a room.

A name is shown to everybody, next to everything its owner does, so it must not be able to pass
for another's: control, zero-width and bidirectional characters are removed (a right-to-left
override can make « Awa » out of other letters), white space is one plain space, the length is
capped, and a name already taken in the room (whatever its case or accents' composition) gets a
suffix « (2) », « (3) »… that its owner sees in the header like any name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

NAME_MAX = 40  # characters, suffix included: a name fits a list line and a badge
# invisible or layout-changing categories: control, format (zero-width, bidi), separators of
# lines and paragraphs, private use, surrogates, unassigned
_DROP = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}
_FILLERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}  # blank letters (Hangul, Braille)


def clean_name(raw: str) -> str:
    """The name as it will be shown: NFC, no invisible or bidi characters, single spaces, at
    most NAME_MAX characters; "" when nothing visible is left."""
    text = unicodedata.normalize("NFC", raw)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isspace():  # tabs and line breaks too: a space
            kept.append(" ")
            continue
        if cat in _DROP or ch in _FILLERS or (cat.startswith("M") and not kept):
            continue  # a combining mark needs a letter before it
        kept.append(ch)
    name = " ".join("".join(kept).split())
    return name[:NAME_MAX].rstrip()


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


def unique_name(name: str, taken: Iterable[str]) -> str:
    """`name`, or `name (2)`, `name (3)`… the first that none of `taken` already is (case and
    compatibility forms do not make two names different)."""
    used = {_key(t) for t in taken}
    if _key(name) not in used:
        return name
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = name[:NAME_MAX - len(suffix)].rstrip() + suffix
        if _key(candidate) not in used:
            return candidate
        n += 1
