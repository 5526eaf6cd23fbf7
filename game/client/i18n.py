"""Interface text lives in JSON catalogues (lang/fr.json, lang/en.json); none in the UI code."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).parent / "lang"
LANGS = ("fr", "en")
_current = ["fr"]


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    return json.loads((LANG_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def set_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    _current[0] = lang


def lang() -> str:
    return _current[0]


def t(key: str, **kw: object) -> str:
    """The text for `key` in the current language (French when missing), formatted with kw."""
    text = catalogue(_current[0]).get(key) or catalogue("fr").get(key) or key
    return text.format(**kw) if kw else text
