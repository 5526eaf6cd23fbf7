"""The debrief's errors, as codes: a message key and its values, written in a `Lang` when shown.

`exc.text(lang)` is the message in that language (the command line uses its own); `str(exc)` is
the French one, for logs and tracebacks.
"""

from __future__ import annotations

from typing import Any

from ilot.game.text import DEFAULT_LANG, Lang, lang_for


class DebriefError(Exception):
    """An error a person reads. `count` picks the plural form of a key written with `n(…)`.
    A value may be a function of the Lang (a list of rooms written in that language)."""

    def __init__(self, key: str, /, count: int | None = None, **values: Any):
        super().__init__(key)
        self.key = key
        self.count = count
        self.values = values

    def text(self, lang: Lang) -> str:
        values = {k: (v(lang) if callable(v) else v) for k, v in self.values.items()}
        if self.count is not None:
            return lang.n(self.key, self.count, **values)
        return lang.t(self.key, **values)

    def __str__(self) -> str:
        return self.text(lang_for(DEFAULT_LANG))


class LogError(DebriefError, ValueError):
    """A log file that cannot be read, with where and why in plain words."""


class RecordingError(DebriefError, LookupError):
    """The session asked for cannot be found or read."""

    @classmethod
    def because(cls, exc: DebriefError) -> RecordingError:
        return cls(exc.key, count=exc.count, **exc.values)


class TimelineError(DebriefError, ValueError):
    """An event of the log does not apply to the state before it (a damaged or edited log)."""


class EmptyNote(DebriefError, ValueError):
    """A debrief note with no text."""


class BrowserError(DebriefError, RuntimeError):
    """Headless Chromium is missing or made no picture."""
