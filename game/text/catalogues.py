"""The `.po` files of one language, merged and compiled to one gettext catalogue on first use.

Keys are unique across the files of a language (a test checks it). French texts are written
with ordinary spaces; French typography (no-break space before « : ; ! ? » and inside
guillemets) is applied here, so no translator has to type invisible characters.
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN_GLOB = "*.po"

NBSP = "\u00a0"  # before a colon, after « and before »
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? (and as the thousands separator)
_BEFORE_COLON = re.compile(r" +:(?=\s|$)")
_BEFORE_MARK = re.compile(r" +([;!?])(?=\s|$|[»)])")
_AFTER_OPEN = re.compile(r"« +")
_BEFORE_CLOSE = re.compile(r" +»")
_BEFORE_UNIT = re.compile(r"(?<=[\d}]) +(?=%|€|h\b|m²)")


class CatalogueError(ValueError):
    """A `.po` file that cannot be read, or a key defined twice."""


def french_typography(text: str) -> str:
    """« Bonjour : ça va ? », 16 %, 3 h: with the no-break spaces French typesetting puts there."""
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_MARK.sub(NNBSP + r"\1", text)
    text = _AFTER_OPEN.sub("«" + NBSP, text)
    text = _BEFORE_UNIT.sub(NNBSP, text)
    return _BEFORE_CLOSE.sub(NBSP + "»", text)


def po_files(code: str) -> list[Path]:
    return sorted((LOCALE_DIR / code / "LC_MESSAGES").glob(DOMAIN_GLOB))


def read_catalogue(code: str) -> Catalog:
    """Every message of language `code`, from all its `.po` files, as one Babel catalogue."""
    files = po_files(code)
    if not files:
        raise CatalogueError(f"no catalogue for language {code!r} in {LOCALE_DIR}")
    merged: Catalog | None = None
    origin: dict[str, Path] = {}
    for path in files:
        with path.open("rb") as f:
            part = read_po(f, locale=code, abort_invalid=True)
        if merged is None:
            merged = Catalog(locale=code, domain="ilot", charset="utf-8")
            merged.mime_headers = part.mime_headers  # Plural-Forms of the language
        for message in part:
            if not message.id:
                continue  # the header
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if key in origin:
                raise CatalogueError(f"{path.name}: key {key!r} already defined in "
                                     f"{origin[key].name}")
            origin[key] = path
            merged[message.id] = message
    assert merged is not None
    return merged


def compile_catalogue(code: str) -> gettext.GNUTranslations:
    """The language's messages as a gettext catalogue (compiled in memory, no .mo on disk)."""
    catalogue = read_catalogue(code)
    if code == "fr":
        for message in catalogue:
            if not message.id:
                continue
            if isinstance(message.string, (tuple, list)):
                message.string = tuple(french_typography(s) for s in message.string)
            elif message.string:
                message.string = french_typography(message.string)
    buf = io.BytesIO()
    write_mo(buf, catalogue)
    buf.seek(0)
    return gettext.GNUTranslations(buf)
