"""Attendance and satisfaction exports: the CSV of attendance per half-day, the printable
attendance sheet (HTML, A4, one page per half-day, with signature columns) and the evaluations'
answers as an anonymous CSV.

CSVs are UTF-8 with a BOM and `;` separators, what Excel opens as is in France.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined

from ilot.game.core.replay import replay
from ilot.game.core.state import State
from ilot.game.text import Lang

from .attendance import DEFAULT_TZ, attendance
from .recording import Recording


@dataclass(frozen=True, slots=True)
class Line:
    """One participant in one slot, as written (texts already in the export's language)."""

    name: str
    role: str
    organisation: str
    first: str
    last: str
    minutes: int
    actions: int


@dataclass(frozen=True, slots=True)
class SheetSlot:
    heading: str
    day: str
    half: str
    date: str
    lines: tuple[Line, ...]


def _sort_key(name: str) -> str:
    """Alphabetical as a person reads it: « Élodie » with the E's."""
    return "".join(c for c in unicodedata.normalize("NFD", name.casefold())
                   if not unicodedata.combining(c))


def _clock(t: float | None, zone: ZoneInfo, lang: Lang) -> str:
    return datetime.fromtimestamp(t, zone).strftime("%H:%M") if t is not None \
        else lang.t("attendance.never")


def sheet_slots(rec: Recording, lang: Lang, tz: str = DEFAULT_TZ,
                state: State | None = None) -> list[SheetSlot]:
    """The slots of `attendance`, with names, real roles and organisations (from the « qui
    suis-je » cards, when given) and times in `tz`."""
    state = state if state is not None else replay(rec.scenario, rec.events)
    zone = ZoneInfo(tz)
    people = sorted(state.participants.values(), key=lambda p: (_sort_key(p.name), p.id))
    slots = attendance(rec.scenario, rec.events, rec.connections(), [p.id for p in people], tz)
    names = {p.id: p.name for p in people}
    out = []
    for s in slots:
        lines = []
        for r in s.seats:
            card = state.whoami.get(r.participant)
            lines.append(Line(names[r.participant],
                              lang.t(f"term.real_role.{card.real_role}") if card else "",
                              card.organisation if card else "",
                              _clock(r.first, zone, lang), _clock(r.last, zone, lang),
                              round(r.minutes), r.actions))
        day = lang.t("attendance.day", n=s.day)
        half = lang.t(f"attendance.half.{s.half}")
        when = lang.long_date(s.date)
        heading = lang.t("attendance.sheet.slot", day=day, half=half, date=when,
                         start=s.planned_start, end=s.planned_end)
        out.append(SheetSlot(heading, day, half, s.date.isoformat(), tuple(lines)))
    return out


def write_attendance_csv(path: str | Path, slots: list[SheetSlot], lang: Lang) -> Path:
    t = lang.t
    head = [t(f"attendance.col.{k}") for k in ("day", "half", "date", "name", "role",
                                                 "organisation", "first", "last", "minutes",
                                                 "actions")]
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(head)
        for s in slots:
            for ln in s.lines:
                w.writerow([s.day, s.half, s.date, ln.name, ln.role, ln.organisation, ln.first,
                            ln.last, ln.minutes, ln.actions])
    return path


def write_attendance_sheet(path: str | Path, rec: Recording, slots: list[SheetSlot],
                           lang: Lang) -> Path:
    env = Environment(loader=PackageLoader("ilot.game.debrief", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    html = env.get_template("attendance_sheet.html.j2").render(
        t=lang.t, lang=lang.locale.language, title=rec.title, room=rec.room, slots=slots,
        recorded=bool(rec.connections()))
    path = Path(path)
    path.write_text(html, encoding="utf-8")
    return path


def write_satisfaction_csv(path: str | Path, rec: Recording, lang: Lang,
                           state: State | None = None) -> Path:
    """One row per evaluation: the answer to each question and the comment, no name, no time,
    and rows sorted by their content, not by who answered or when."""
    state = state if state is not None else replay(rec.scenario, rec.events)
    questions = rec.scenario.evaluation
    rows = sorted([["" if (a := e.answers.get(q.id)) is None else a for q in questions]
                   + [e.comment] for e in state.evaluations.values()],
                  key=lambda r: [str(x) for x in r])
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow([q.text for q in questions] + [lang.t("satisfaction.col.comment")])
        w.writerows(rows)
    return path
