"""Every word a person reads, in French or English: gettext catalogues and Babel formatting.

Text is made through a `Lang` (`lang_for("fr")`), passed explicitly to whatever builds text: the
client's panels, the debrief, the server's refusals, the command line. Messages have stable keys
(`ui.join`, `rejection.wrong_phase`, `report.h1`); their French and English texts are `.po`
files in `locale/<lang>/LC_MESSAGES/`, one per area, read with Babel and compiled to gettext
catalogues on first use. Numbers, money, percentages, dates and plurals are formatted by
Babel for the language's locale. The core never makes text: it emits codes and numbers.
See docs/TEXT.md for how to add a message.
"""

from __future__ import annotations

from .lang import DEFAULT_LANG, LANGS, Lang, lang_for, pick_lang


def N_(key: str) -> str:
    """Mark a message key kept in a table for later (`N_("ui.join")`): the key itself.
    Message extraction (tests/text) finds keys in `t(…)`, `n(…)` and `N_(…)` calls."""
    return key


__all__ = ["DEFAULT_LANG", "LANGS", "N_", "Lang", "lang_for", "pick_lang"]
