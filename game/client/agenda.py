"""What the header draws itself: the agenda strip of the session's days, and lines of text that
must fit their place (« À faire maintenant », the trainer's progress line, the floor).

Both are images in the header (a pygame_gui `UIImage`), rendered again only when their text
changes. The strip is one line: each day's tag (J1, J2), then its phases with their planned times
(`views.agenda`): past ones dimmed and without times, the current one boxed with its start and
end, the next ones with their start. When the window is too narrow for all of them, the strip
shows a window around the current phase, with the number of phases left out on each side.
A `TextLine` never cuts its text: it tries smaller sizes, then a second line if its place is
tall enough, and only then an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame_gui.core.interfaces import IContainerLikeInterface, IUIManagerInterface
from pygame_gui.elements import UIImage

from ilot.game import palette
from ilot.game.core.kinds import AgendaStatus, PhaseKind
from ilot.game.core.views import AgendaEntry
from ilot.game.palette import rgb
from ilot.game.text import N_, Lang

from .fonts import font, words

Colour = tuple[int, int, int]
# the header's colours (palette.TEXT_PAIRS "header.*": each text colour checked on its ground)
HEADER_BG: Colour = rgb(palette.HEADER)
TEXT: Colour = rgb(palette.HEADER_INK)
MUTED: Colour = rgb(palette.HEADER_MUTED)
ACCENT: Colour = rgb(palette.TIMER_INK)  # the timer's yellow
DARK: Colour = rgb(palette.INK)  # on ACCENT: the current phase

# the agenda's names, short enough for the strip (the domain's words, GAME.md)
SHORT = {
    PhaseKind.ACCUEIL: N_("ui.agenda_short_accueil"),
    PhaseKind.PROJETS: N_("ui.agenda_short_projets"),
    PhaseKind.ETAT_DES_LIEUX: N_("ui.agenda_short_etat_des_lieux"),
    PhaseKind.INTERVENTION: N_("ui.agenda_short_intervention"),
    PhaseKind.RESSOURCES: N_("ui.agenda_short_ressources"),
    PhaseKind.WORLD_CAFE: N_("ui.agenda_short_world_cafe"),
    PhaseKind.PERSONNAGES: N_("ui.agenda_short_personnages"),
    PhaseKind.ATELIERS: N_("ui.agenda_short_ateliers"),
    PhaseKind.MISE_EN_COMMUN: N_("ui.agenda_short_mise_en_commun"),
    PhaseKind.DELIBERATION: N_("ui.agenda_short_deliberation"),
    PhaseKind.SCHEMA_DIRECTEUR: N_("ui.agenda_short_schema_directeur"),
    PhaseKind.PLAN_ACTION: N_("ui.agenda_short_plan_action"),
    PhaseKind.CONSENSUS_FINAL: N_("ui.agenda_short_consensus_final"),
    PhaseKind.SYNTHESE: N_("ui.agenda_short_synthese"),
}

Run = tuple[str, bool, Colour]
"""A piece of a line: its text, bold or not, its colour."""


# ----- the agenda strip -----

@dataclass(frozen=True)
class Cell:
    """One thing on the strip: a day's tag, a phase, or how many phases are left out."""

    kind: str  # "day", "phase", "more"
    text: str
    status: AgendaStatus | None = None  # a phase's
    index: int | None = None  # a phase's index in the scenario
    pause: bool = False  # a phase after a break (lunch) on the same day


PAD = 6  # inside a cell, left and right
GAP = 4  # between cells
PAUSE_GAP = 14  # before a phase that follows a break


def phase_text(entry: AgendaEntry, lang: Lang) -> str:
    """A phase as the strip writes it: dimmed name when past, its times otherwise."""
    name = lang.t(SHORT[entry.kind]) if entry.kind in SHORT else entry.title
    if entry.status == AgendaStatus.PAST:
        return name
    if entry.status == AgendaStatus.CURRENT:
        return lang.t("ui.agenda_current", start=entry.start_clock, end=entry.end_clock,
                      name=name)
    return lang.t("ui.agenda_upcoming", start=entry.start_clock, name=name)


def _all_cells(entries: list[AgendaEntry], lang: Lang) -> list[Cell]:
    out: list[Cell] = []
    day: int | None = None
    for e in entries:
        if e.day != day:
            day = e.day
            out.append(Cell("day", lang.t("ui.agenda_day", n=lang.num(e.day))))
        out.append(Cell("phase", phase_text(e, lang), e.status, e.index,
                        pause=e.pause_before > 0))
    return _breaks(out)


def _breaks(cells: list[Cell]) -> list[Cell]:
    """A break is marked only between two phases (not after a day's tag or a "more")."""
    return [Cell(c.kind, c.text, c.status, c.index) if c.pause and (
        i == 0 or cells[i - 1].kind != "phase") else c for i, c in enumerate(cells)]


def _width(cells: list[Cell], size: int) -> int:
    total = 0
    for i, c in enumerate(cells):
        f = font(size, bold=c.kind == "day" or c.status == AgendaStatus.CURRENT)
        total += f.size(c.text)[0] + 2 * PAD
        if i:
            total += PAUSE_GAP if c.pause else GAP
    return total


def strip_cells(entries: list[AgendaEntry], lang: Lang, width: int, size: int = 13
                ) -> list[Cell]:
    """The cells the strip shows in `width` pixels: every phase when they fit, else a window
    around the current one (the last one reached once the session is closed)."""
    cells = _all_cells(entries, lang)
    if not entries or _width(cells, size) <= width:
        return cells
    phases = [c for c in cells if c.kind == "phase"]
    focus = next((i for i, c in enumerate(phases) if c.status == AgendaStatus.CURRENT), None)
    if focus is None:
        past = [i for i, c in enumerate(phases) if c.status == AgendaStatus.PAST]
        focus = past[-1] if past else 0

    def window(lo: int, hi: int) -> list[Cell]:
        out: list[Cell] = []
        if lo > 0:
            out.append(Cell("more", lang.t("ui.agenda_more_before", n=lang.num(lo))))
        day = None
        for e, c in zip(entries[lo:hi + 1], phases[lo:hi + 1], strict=True):
            if e.day != day:
                day = e.day
                out.append(Cell("day", lang.t("ui.agenda_day", n=lang.num(e.day))))
            out.append(c)
        if hi < len(phases) - 1:
            out.append(Cell("more", lang.t("ui.agenda_more_after",
                                           n=lang.num(len(phases) - 1 - hi))))
        return _breaks(out)

    lo = hi = focus
    best = window(lo, hi)
    grown = True
    while grown:
        grown = False
        for lo2, hi2 in ((lo, hi + 1), (lo - 1, hi)):  # the coming phases first
            if lo2 >= 0 and hi2 < len(phases):
                trial = window(lo2, hi2)
                if _width(trial, size) <= width:
                    lo, hi, best, grown = lo2, hi2, trial, True
    if _width(best, size) > width:  # too narrow even for the current phase: shorten it
        cur = next(c for c in best if c.kind == "phase")
        f = font(size, bold=True)
        room = width - (_width(best, size) - f.size(cur.text)[0])
        text = cur.text
        while len(text) > 1 and f.size(text + "…")[0] > room:
            text = text[:-1]
        best = [Cell(c.kind, text.rstrip() + "…", c.status, c.index) if c is cur else c
                for c in best]
    return best


def draw_strip(cells: list[Cell], width: int, height: int, size: int,
               bg: Colour = HEADER_BG) -> pygame.Surface:
    surf = pygame.Surface((width, height))
    surf.fill(bg)
    x = 0
    for i, c in enumerate(cells):
        if i:
            if c.pause:  # a break (lunch) before this phase: a thin mark in the gap
                mid = x + PAUSE_GAP // 2
                pygame.draw.line(surf, MUTED, (mid, 5), (mid, height - 6), 1)
                x += PAUSE_GAP
            else:
                x += GAP
        current = c.status == AgendaStatus.CURRENT
        f = font(size, bold=c.kind == "day" or current)
        if c.kind == "phase":
            colour = MUTED if c.status == AgendaStatus.PAST else DARK if current else TEXT
        else:
            colour = ACCENT if c.kind == "day" else MUTED
        img = f.render(c.text, True, colour)
        w = img.get_width() + 2 * PAD
        box = pygame.Rect(x, 1, w, height - 2)
        if current:
            pygame.draw.rect(surf, ACCENT, box, border_radius=4)
        elif c.kind == "day":
            pygame.draw.rect(surf, ACCENT, box, width=1, border_radius=4)
        surf.blit(img, (x + PAD, (height - img.get_height()) // 2))
        x += w
    return surf


class AgendaStrip:
    """The agenda strip: an image in the header, drawn again when its cells change."""

    def __init__(self, rect: pygame.Rect, ui: IUIManagerInterface,
                 container: IContainerLikeInterface, size: int = 13) -> None:
        self.rect = pygame.Rect(rect)
        self.size = size
        self.cells: list[Cell] = []
        self._shown: object = None  # the entries and language the cells were made for
        blank = pygame.Surface(self.rect.size)
        blank.fill(HEADER_BG)
        self.image = UIImage(self.rect, blank, ui, container=container)

    def show(self, entries: list[AgendaEntry], lang: Lang) -> bool:
        """Bring the strip in line with `entries`; True when it changed."""
        key = (entries, lang.code)
        if key == self._shown:  # the same agenda: nothing to measure again (every news)
            return False
        self._shown = key
        cells = strip_cells(entries, lang, self.rect.w, self.size)
        if cells == self.cells:
            return False
        self.cells = cells
        self.image.set_image(draw_strip(cells, self.rect.w, self.rect.h, self.size))
        return True

    def text(self) -> str:
        """What the strip says, as one line of text (tests, accessibility)."""
        return "  ".join(c.text for c in self.cells)


# ----- lines of text that must fit -----

def _runs_width(runs: list[Run], size: int) -> int:
    return sum(font(size, bold).size(text)[0] for text, bold, _ in runs)


def _wrap(runs: list[Run], size: int, width: int) -> list[list[Run]]:
    """`runs` broken into lines of at most `width` pixels, at ordinary spaces only."""
    lines: list[list[Run]] = [[]]
    x = 0
    space = font(size).size(" ")[0]
    for text, bold, colour in runs:
        f = font(size, bold)
        for word in words(text):
            w = f.size(word)[0]
            if x and x + space + w > width:
                lines.append([])
                x = 0
            if x:
                lines[-1].append((" ", bold, colour))
                x += space
            lines[-1].append((word, bold, colour))
            x += w
    return lines


def fit(runs: list[Run], width: int, height: int, sizes: tuple[int, ...]
        ) -> tuple[int, list[list[Run]]]:
    """The size and the lines `runs` are drawn with in `width`×`height`: one line at the
    largest size that holds it, else as many lines as the height holds, else cut with "…"."""
    for size in sizes:
        if _runs_width(runs, size) <= width:
            return size, [runs]
    for size in sizes:
        max_lines = max(1, height // font(size).get_linesize())
        lines = _wrap(runs, size, width)
        if len(lines) <= max_lines and all(_runs_width(ln, size) <= width for ln in lines):
            return size, lines
    size = sizes[-1]
    max_lines = max(1, height // font(size).get_linesize())
    lines = _wrap(runs, size, width)[:max_lines]
    last = lines[-1]
    while last and _runs_width(last + [("…", False, TEXT)], size) > width:
        text, bold, colour = last[-1]
        last = last[:-1] + ([(text[:-1], bold, colour)] if len(text) > 1 else [])
    lines[-1] = last + [("…", last[-1][1] if last else False, last[-1][2] if last else TEXT)]
    return size, lines


class TextLine:
    """A line of text in the header, fitted to its place (see `fit`)."""

    def __init__(self, rect: pygame.Rect, ui: IUIManagerInterface,
                 container: IContainerLikeInterface, sizes: tuple[int, ...] = (14, 13, 12),
                 align: str = "left", bg: Colour = HEADER_BG, pad: int = 0) -> None:
        self.rect = pygame.Rect(rect)
        self.pad = pad  # left and right, inside the rect
        self.sizes = sizes
        self.align = align
        self.bg = bg
        self.runs: list[Run] = []
        self.size = sizes[0]
        self.lines: list[list[Run]] = []
        blank = pygame.Surface(self.rect.size)
        blank.fill(bg)
        self.image = UIImage(self.rect, blank, ui, container=container)

    @property
    def text(self) -> str:
        """The whole text shown (tests)."""
        return "".join(t for t, _, _ in self.runs)

    def show(self, runs: list[Run]) -> bool:
        """Show `runs`; True when the text changed."""
        runs = [r for r in runs if r[0]]
        if runs == self.runs:
            return False
        self.runs = runs
        surf = pygame.Surface(self.rect.size)
        surf.fill(self.bg)
        if runs:
            inner = self.rect.w - 2 * self.pad
            self.size, self.lines = fit(runs, inner, self.rect.h, self.sizes)
            line_h = font(self.size).get_linesize()
            y = (self.rect.h - line_h * len(self.lines)) // 2
            for line in self.lines:
                w = _runs_width(line, self.size)
                x = self.pad + (inner - w if self.align == "right" else 0)
                for text, bold, colour in line:
                    img = font(self.size, bold).render(text, True, colour)
                    surf.blit(img, (x, y))
                    x += img.get_width()
                y += line_h
        else:
            self.lines = []
        self.image.set_image(surf)
        return True
