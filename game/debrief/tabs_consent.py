"""The replay's Consentement tab: the deliberation trace at the cursor (`deliberation.trace` of
the events before it). For each subject: its placements, the amendments accepted before each
round and what they changed, each round's bar with its counts in words, every position (those
with a reason one per line, the others grouped by option), the movements since the round
before, the blocks that round lifted. Rounds still open show how many answered (positions stay
secret until the close, as in the game).

Drawn top-down from `r.top` inside `r.width`, whatever the height: the viewer scrolls what is
taller than the panel; returns the y reached.
"""

from __future__ import annotations

import bisect
import functools
import weakref
from typing import TYPE_CHECKING, cast

import pygame

from ..core.events import Event
from . import deliberation as dl
from .delib_words import DelibWords
from .draw import ACCENT, BAD, GOOD, INK, MUTED, stacked, text, wrap
from .words import subject_status, verdict

if TYPE_CHECKING:
    from .viewer import Viewer

LINE, SMALL = 20, 17


_READ: weakref.WeakKeyDictionary[object, tuple[list[int], list[Event]]] = weakref.WeakKeyDictionary()


def _trace(v: Viewer) -> list[dl.SubjectTrace]:
    """The trace up to the cursor, from the timeline's deliberation events only (kept once per
    timeline: a few hundred of a session's thousands)."""
    subjects = cast("list[dl.SubjectTrace] | None", v._cache.get("delib"))
    if subjects is None:
        read = _READ.get(v.tl)
        if read is None:
            kept = [(i, e) for i, e in enumerate(v.tl.events) if e.type in dl.TYPES]
            read = _READ[v.tl] = ([i for i, _ in kept], [e for _, e in kept])
        upto = bisect.bisect_left(read[0], v.cursor)
        subjects = v._cache["delib"] = dl.trace(v.rec.scenario, read[1][:upto])
    return subjects


@functools.lru_cache(maxsize=8192)
def _wrap(font: pygame.font.Font, s: str, width: int) -> tuple[str, ...]:
    """The lines of `s` (the trace's earlier rounds read the same at every later cursor)."""
    return tuple(wrap(font, s, width))


def _shown(scr: pygame.Surface, y: int, h: int = SMALL) -> bool:
    """Whether a line at y is inside the surface's clip: lines out of view are laid out (their
    height counts) but not rendered, so a long trace scrolled in a clipped panel stays fast."""
    clip = scr.get_clip()
    return y + h > clip.top and y < clip.bottom


def _put(scr: pygame.Surface, font: pygame.font.Font, s: str, pos: tuple[int, int],
         colour: pygame.Color, width: int | None = None) -> None:
    if _shown(scr, pos[1]):
        text(scr, font, s, pos, colour, width)


def _lines(scr: pygame.Surface, font: pygame.font.Font, s: str, x: int, y: int, width: int,
           colour: pygame.Color) -> int:
    for line in _wrap(font, s, width):
        _put(scr, font, line, (x, y), colour, width)
        y += SMALL
    return y


def consent(v: Viewer, r: pygame.Rect) -> int:
    f, scr, lang = v.fonts, v.screen, v.lang
    sc = v.rec.scenario
    options = sc.consent.options
    subjects = _trace(v)
    y = r.top
    if not subjects:
        text(scr, f.body, lang.t("debrief.no_round"), (r.x, y), MUTED, r.w)
        return y + LINE
    # the legend: each option's colour and word (the bars' counts are written too)
    x = r.x
    for o in options:
        pygame.draw.rect(scr, pygame.Color(o.colour), (x, y + 3, 12, 10))
        x += 16 + text(scr, f.small, o.label, (x + 16, y), INK) + 12
    y += LINE
    w = DelibWords(sc, lang, {pid: p.name for pid, p in v.state.participants.items()}, subjects)
    for st in subjects:
        y = _subject(v, r, w, st, y) + 8
    return y


def _subject(v: Viewer, r: pygame.Rect, w: DelibWords, st: dl.SubjectTrace, y: int) -> int:
    f, scr, lang = v.fonts, v.screen, v.lang
    subject = str(st.subject)
    if st.subject.proposal is not None:
        title = lang.quote(st.title or st.subject.proposal)
    else:
        title = lang.t("debrief.charter") if subject == "charter" else lang.t("debrief.final_plan")
    status = subject_status(lang, st.status, subject)
    head = f"{title} — {status}" + (f" · {lang.t('report.proposed_by', who=w.who(st.author))}" if st.author else "")
    _put(scr, f.bold, head, (r.x, y), INK, r.w)
    y += LINE
    if st.versions:
        y = _lines(scr, f.small, lang.t("delib.tab.placements", placements=w.placements(st.versions[0].placements)),
                   r.x + 8, y, r.w - 8, MUTED)
    flows = {fl.after: fl for fl in st.flows}
    changes = {ver.amendment: ver.change for ver in st.versions if ver.amendment}
    for rd in st.rounds:
        for mid in rd.amendments_before:
            change = changes.get(mid)
            y = _lines(scr, f.small, lang.t("delib.tab.amended", amendment=w.amendment_ref(mid),
                                            change=w.change(change) if change else ""),
                       r.x + 8, y, r.w - 8, ACCENT)
        if rd.size is not None:
            _put(scr, f.small, w.size(st, rd), (r.x + 8, y), MUTED, r.w - 8)
            y += SMALL
        _put(scr, f.small, lang.t("debrief.round_n", n=rd.number), (r.x, y), INK)
        if rd.closed_at is None:
            _put(scr, f.small, lang.n("delib.tab.open", rd.answered), (r.x + 60, y), MUTED, r.w - 60)
            y += SMALL + 2
            continue
        total = sum(rd.counts.values())
        if _shown(scr, y):
            stacked(scr, pygame.Rect(r.x + 60, y + 2, 220, 12),
                    [(rd.counts.get(o.id, 0), pygame.Color(o.colour)) for o in v.rec.scenario.consent.options],
                    total)
        _put(scr, f.small, verdict(lang, rd.adopted, subject), (r.x + 290, y), GOOD if rd.adopted else BAD,
             r.w - 290)
        y += SMALL + 2
        counts = " · ".join(f"{o.label} {lang.num(rd.counts.get(o.id, 0))}" for o in v.rec.scenario.consent.options)
        _put(scr, f.small, counts, (r.x + 60, y), INK, r.w - 60)
        y += SMALL
        y = _positions(v, r, w, rd, y)
        fl = flows.get(rd.number)
        if fl is not None:
            y = _lines(scr, f.small, f"{w.moves(fl)} — {w.deltas(fl)}", r.x + 8, y, r.w - 8, MUTED)
        for b in st.lifted:
            if b.next_round == rd.number:
                y = _lines(scr, f.small, lang.t("delib.tab.lifted", name=w.who(b.pid), fate=w.fate(b)),
                           r.x + 8, y, r.w - 8, GOOD)
        y += 4
    return y


def _positions(v: Viewer, r: pygame.Rect, w: DelibWords, rd: dl.RoundTrace, y: int) -> int:
    """Every position: with a reason one per line, the others by option (names in order)."""
    f, scr, lang = v.fonts, v.screen, v.lang
    plain: dict[str, list[str]] = {}
    for p in rd.positions:
        if p.reason:
            y = _lines(scr, f.small, lang.t("delib.tab.reason", name=w.who(p.pid), option=w.option(p.option),
                                            reason=lang.quote(p.reason)),
                       r.x + 16, y, r.w - 16, BAD if p.tally == "block" else INK)
        else:
            plain.setdefault(p.option, []).append(w.who(p.pid))
    for o in v.rec.scenario.consent.options:
        if o.id in plain:
            y = _lines(scr, f.small, lang.t("delib.tab.plain", option=o.label, names=lang.join(sorted(plain[o.id]))),
                       r.x + 16, y, r.w - 16, MUTED)
    return y


__all__ = ["consent"]
