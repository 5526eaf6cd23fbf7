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

from typing import TYPE_CHECKING

import pygame

from . import deliberation as dl
from .delib_words import DelibWords
from .draw import ACCENT, BAD, GOOD, INK, MUTED, stacked, text, wrap
from .words import subject_status, verdict

if TYPE_CHECKING:
    from .viewer import Viewer

LINE, SMALL = 20, 17


def _trace(v: Viewer) -> list[dl.SubjectTrace]:
    subjects = v._cache.get("delib")
    if subjects is None:
        subjects = v._cache["delib"] = dl.trace(v.rec.scenario, v.tl.events[: v.cursor])
    return subjects  # type: ignore[return-value]


def _lines(scr: pygame.Surface, font: pygame.font.Font, s: str, x: int, y: int, width: int,
           colour: pygame.Color) -> int:
    for line in wrap(font, s, width):
        text(scr, font, line, (x, y), colour, width)
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
    text(scr, f.bold, head, (r.x, y), INK, r.w)
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
            text(scr, f.small, w.size(st, rd), (r.x + 8, y), MUTED, r.w - 8)
            y += SMALL
        text(scr, f.small, lang.t("debrief.round_n", n=rd.number), (r.x, y), INK)
        if rd.closed_at is None:
            text(scr, f.small, lang.n("delib.tab.open", rd.answered), (r.x + 60, y), MUTED, r.w - 60)
            y += SMALL + 2
            continue
        total = sum(rd.counts.values())
        stacked(scr, pygame.Rect(r.x + 60, y + 2, 220, 12),
                [(rd.counts.get(o.id, 0), pygame.Color(o.colour)) for o in v.rec.scenario.consent.options], total)
        text(scr, f.small, verdict(lang, rd.adopted, subject), (r.x + 290, y), GOOD if rd.adopted else BAD,
             r.w - 290)
        y += SMALL + 2
        counts = " · ".join(f"{o.label} {lang.num(rd.counts.get(o.id, 0))}" for o in v.rec.scenario.consent.options)
        text(scr, f.small, counts, (r.x + 60, y), INK, r.w - 60)
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
