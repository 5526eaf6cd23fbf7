"""`Lang`: one language's messages and its ways of writing numbers, money, dates and lists."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from .catalogues import compile_catalogue

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"  # the audience is French
# Babel locales for formatting: French of France; English as written in Europe (day/month,
# 24-hour clock, €68.00), which is where an English-speaking participant of this training is.
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


class Lang:
    """Text in one language. Build it once with `lang_for(code)` and pass it where text is made.

    `t("ui.join")` is a message; `t("ui.room_created", room=…)` fills its `{room}`;
    `n("report.events_n", 3)` picks the plural form for 3 and fills `{n}` with "3".
    A key without a message comes back as the key itself (tests forbid that).
    """

    __slots__ = ("_tr", "code", "locale")

    def __init__(self, code: str):
        if code not in LANGS:
            raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGS)}")
        self.code = code
        self.locale = Locale.parse(LOCALES[code])
        self._tr = compile_catalogue(code)

    def __repr__(self) -> str:
        return f"Lang({self.code!r})"

    # ----- messages -----
    def t(self, key: str, /, **values: object) -> str:
        text = self._tr.gettext(key)
        return text.format(**values) if values else text

    def n(self, key: str, count: int, /, **values: object) -> str:
        """The plural form of `key` for `count`; `{n}` is `count` written for this language."""
        text = self._tr.ngettext(key, key, count)
        return text.format(**{"n": self.num(count), **values})

    def has(self, key: str) -> bool:
        return self._tr.gettext(key) != key

    # ----- numbers -----
    def num(self, x: float, digits: int = 0, *, min_digits: int = 0, sign: bool = False) -> str:
        """`x` with at most `digits` decimals (at least `min_digits`): 1 234,5 or 1,234.5.
        A value that rounds to zero is written 0, never -0."""
        x = _no_negative_zero(x, digits)
        pattern = "#,##0" + ("." + "0" * min_digits + "#" * (digits - min_digits) if digits else "")
        if sign:
            pattern = "+" + pattern + ";-" + pattern
        return format_decimal(x, format=pattern, locale=self.locale)

    def money(self, x: float, *, cents: bool = False, sign: bool = False) -> str:
        """Euros: 68,00 € / €68.00 with `cents`, 1 234 € / €1,234 without."""
        digits = 2 if cents else 0
        # the locale's own pattern ("#,##0.00 ¤" / "¤#,##0.00") with the decimals we want
        pattern = self.locale.currency_formats["standard"].pattern.split(";")[0]
        pattern = pattern.replace("#,##0.00", "#,##0" + ("." + "0" * digits if digits else ""))
        if sign:
            pattern = "+" + pattern + ";-" + pattern
        return format_currency(_no_negative_zero(x, digits), "EUR", format=pattern,
                               locale=self.locale, currency_digits=False)

    def pattern(self, x: float, pattern: str) -> str:
        """`x` in a CLDR number pattern with this language's digits and decimal sign: "00" for a
        clock's minutes (04), "0.##" for a number to edit in a field (12,5 / 12.5)."""
        return format_decimal(x, format=pattern, locale=self.locale)

    def percent(self, ratio: float, digits: int = 0, *, sign: bool = False) -> str:
        """A ratio as a percentage: 0.16 → 16 % / 16%."""
        return self.t("fmt.percent", value=self.num(ratio * 100, digits, sign=sign))

    def hours(self, h: float, digits: int = 2) -> str:
        """Hours: 0,25 h / 0.25 h."""
        return self.t("fmt.hours", value=self.num(h, digits))

    # ----- words and quotes -----
    def quote(self, text: str) -> str:
        """« text » / “text”."""
        return self.t("fmt.quote", text=text)

    def label(self, label: str, value: object) -> str:
        """Label : value / Label: value."""
        return self.t("fmt.label", label=label, value=value)

    def group(self, number: int) -> str:
        """A trainer's group by its number: « Groupe 2 » / "Group 2" (the core numbers groups; it
        never names them)."""
        return self.t("fmt.group", n=self.num(number))

    def join(self, items: Iterable[str], style: str = "standard") -> str:
        """a, b et c / a, b and c."""
        items = list(items)
        return format_list(items, style=style, locale=self.locale) if items else ""

    # ----- dates and times (local time of this machine) -----
    def date(self, t: float) -> str:
        return format_date(_local(t), "short", locale=self.locale)

    def datetime(self, t: float) -> str:
        """3 déc. 2026, 09:45 / 3 Dec 2026, 09:45: the month in words, never ambiguous."""
        when = _local(t)
        return str(self.locale.datetime_formats["medium"]).format(
            format_time(when, "HH:mm", locale=self.locale),
            format_date(when, "medium", locale=self.locale))

    def long_date(self, day: date) -> str:
        """A calendar day in full: mardi 10 mars 2026 / Tuesday, March 10, 2026."""
        return format_date(day, "full", locale=self.locale)

    def time(self, t: float) -> str:
        return format_time(_local(t), "HH:mm", locale=self.locale)


def _local(t: float) -> datetime:
    return datetime.fromtimestamp(t).astimezone()


def _no_negative_zero(x: float, digits: int) -> float:
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return x
    rounded = round(x, digits)
    return 0.0 if rounded == 0 else rounded


@cache
def lang_for(code: str) -> Lang:
    """The `Lang` of `code` ("fr" or "en"), built once per process."""
    return Lang(code)


def pick_lang(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The language to use: `explicit` if given, else ILOT_LANG, else English when the
    system's locale is English (LC_ALL, LC_MESSAGES, LANG), else French."""
    if explicit:
        return explicit
    env = os.environ if env is None else env
    wanted = env.get("ILOT_LANG", "").strip().lower()[:2]
    if wanted in LANGS:
        return wanted
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT_LANG
    return DEFAULT_LANG
