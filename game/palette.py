"""Colours that mean the same thing in every window (the client, the replay viewer, the report),
the pairs of text and background they are drawn in, and the contrast rule those pairs meet.

One source: every colour a window draws text in, or behind text, is named here, and the drawing
code takes it from here (tests/test_contrast.py finds any colour written as a literal in
`game/client` or `game/debrief`). To draw text in a new colour, name the colour and register
its pair in `TEXT_PAIRS` (text, background, the smallest size drawn): the same test checks every
pair against WCAG 2.x, 4.5:1, or 3:1 for large text. The pygame_gui theme (client/theme.json,
and `replay_theme()` here) is checked by that test as pygame_gui resolves it. A code drawn on a
colour a trainer chose (a use's badge) goes through `badge()`, which picks the text colour and,
only when neither dark nor white text is readable, shades the badge's fill.

Standard library only: the client, the debrief and the tests all read it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

# ----- the contrast rule (WCAG 2.x) -----------------------------------------------------------
AA = 4.5  # normal text
AA_LARGE = 3.0  # large text: at least 18 pt (24 px), or 14 pt (18.67 px) in bold


def rgb(colour: str | tuple[int, ...]) -> tuple[int, int, int]:
    """'#rrggbb' (or '#rgb', or an (r, g, b[, a]) tuple) as (r, g, b)."""
    if not isinstance(colour, str):
        return int(colour[0]), int(colour[1]), int(colour[2])
    h = colour.lstrip("#")
    if len(h) in (3, 4):
        h = "".join(c * 2 for c in h[:3])
    if len(h) not in (6, 8):
        raise ValueError(f"not a colour: {colour!r}")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def hex_colour(c: tuple[int, ...] | str) -> str:
    r, g, b = rgb(c)
    return f"#{r:02x}{g:02x}{b:02x}"


def luminance(colour: str | tuple[int, ...]) -> float:
    """Relative luminance (WCAG 2.x): 0 for black, 1 for white."""
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = rgb(colour)
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: str | tuple[int, ...], b: str | tuple[int, ...]) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def is_large(px: float, bold: bool = False) -> bool:
    """Large text for WCAG: 18 pt (24 px) and more, or 14 pt (18.67 px) and more in bold."""
    return px >= 24 or (bold and px >= 18.67)


def mix(a: str, b: str, k: float) -> str:
    """`a` moved towards `b` by `k` (0: a, 1: b), in sRGB, rounded."""
    ra, rb = rgb(a), rgb(b)
    return hex_colour(tuple(round(x + (y - x) * k) for x, y in zip(ra, rb, strict=True)))


def over(fg: str, bg: str, alpha: float) -> str:
    """`fg` painted with opacity `alpha` (0..1) over `bg`: the colour one sees."""
    return mix(bg, fg, alpha)


# ----- the client: ink, paper, controls (client/theme.json holds the same values) ----------------
INK = "#23232a"  # text on every light background
WHITE = "#ffffff"
PAPER = "#fbfaf6"  # text boxes, entries, cards
WINDOW = "#eeece4"  # the window and the side panel, behind labels
BUTTON = "#f3f1ea"
BUTTON_HOVER = "#e3e8f2"
DISABLED = "#e6e6e2"
DISABLED_INK = "#5e5e5a"  # was #8a8a88 (2.9:1 on DISABLED)
HINT = "#55565a"
BLUE = "#2f6fb5"  # a selected choice, links, a name being dragged
BLUE_DARK = "#24588f"
LINK_HOVER = "#1b4f8a"
HEADER = "#2f4858"  # the header and the status bar
HEADER_INK = "#e8eef2"
TIMER_INK = "#ffe9a8"  # the timer, the status bar's messages
DANGER = "#c8372d"
DANGER_HOVER = "#a42b22"
BORDER = "#b9b6ac"
DISABLED_BORDER = "#cfcfcb"
TEXT_SHADOW = "#777777"  # pygame_gui's, unused: our theme draws no text shadow
BAR_EMPTY = "#d8d8d2"
WARNING = "#e5892b"  # the reconnecting banner's amber: dark text on it (white was 2.6:1)
WARNING_INK = INK

# words that carry a verdict in the side panel's text (drawn on PAPER)
GOOD = "#1e7b45"  # agreed, adopted, shared, online, a rising indicator; was #2e9d5b (3.3:1)
BAD = "#c8372d"  # rejected, offline, a falling indicator
CAUTION = "#a35200"  # « un seul rôle »; was #e5892b (2.6:1)
NEUTRAL = "#666666"  # not judged
QUESTION = BLUE

# the header's own drawing (agenda strip, « À faire », the floor): on HEADER, in HEADER_INK,
# TIMER_INK (what stands out) and HEADER_MUTED (past, quiet)
HEADER_MUTED = "#a3b8c4"

# ----- notes: a kind is a colour and a shape -----------------------------------------------------
# pins on the client's map, marks on the replay's map and in the report; their colours are fills
# (white-rimmed marks, not text); their shapes tell the kinds apart without colour
NOTE_COLOURS = {"force": "#2e9d5b", "probleme": "#c8372d", "idee": "#e5a72b"}
NOTE_SHAPES = {"force": "circle", "probleme": "triangle", "idee": "star"}
# the same kinds written as words on paper: darkened to stay readable (was #2e9d5b, #b8860b)
NOTE_TEXT_COLOURS = {"force": GOOD, "probleme": BAD, "idee": "#8a5f00"}
MARK_RIM = WHITE  # round every mark, then a thin dark edge: it shows on light and dark
MARK_EDGE = "#3a3a40"


def mark_points(shape: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """The outline of a note's mark of radius `r` centred on (cx, cy): a polygon, or [] for a
    circle. A mark reaches at most 1.35 r from its centre, and its area is about the circle's
    (the star's a little less), so no kind looks more important than another."""
    if shape == "triangle":  # pointing up, like a warning sign; centred on its centroid
        h = r * 1.35
        return [(cx, cy - h), (cx + h * 0.95, cy + h * 0.6), (cx - h * 0.95, cy + h * 0.6)]
    if shape == "diamond":
        d = r * 1.2
        return [(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)]
    if shape == "square":
        s = r * 0.9
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    if shape == "star":
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rr = r * 1.35 if i % 2 == 0 else r * 0.6
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        return pts
    return []


# ----- the client's map ---------------------------------------------------------------------------
MAP_BG = "#e9ece4"
BUILDING = "#c4beb2"
SPACE = "#f8f6f0"
WORN = "#d7aa96"  # a space in poor condition is tinted towards it
OUTLINE = "#787873"
SELECTED = "#1e5ac8"
LABEL_BACKDROP = WHITE  # behind a space's name, see-through:
LABEL_ALPHA = 150  # inside its space
LABEL_ALPHA_OUT = 225  # outside it, over whatever is there
USE_TINT = 0.35  # a space holding a use is filled with the use's colour mixed with this much white
LEGEND_BG = PAPER
LEGEND_BORDER = BORDER

# ----- the client's indicators ------------------------------------------------------------------
IND_BG = "#fafaf7"
IND_FRAME = "#c8c8c3"
IND_TRACK = "#e1e1dc"
IND_NOW = "#969ba0"
UP = GOOD  # was #2e9d5b (3.3:1)
DOWN = BAD

# ----- the client's check-box lists and the keyboard's focus ring ------------------------------
# rows on PAPER: a bold label in INK, a detail line in HINT; the row under the pointer on
# BUTTON_HOVER, the keyboard's row on CHECK_CURRENT with a LINK_HOVER edge
CHECK_CURRENT = "#dee8f6"
CHECK_EDGE = LINK_HOVER  # the keyboard's row, a focused list's frame
CHECK_LINE = BAR_EMPTY  # between rows; the scroll bar's track
CHECK_BOX = HINT  # an empty box's outline
CHECK_TICKED = BLUE  # a ticked box's fill (a white tick on it)
CHECK_THUMB = HINT
FLAG = CAUTION  # the likely-duplicate mark: a triangle with a white « ! »
OVER_BUDGET = DANGER_HOVER  # the overrun under a list, on WINDOW (BAD there is 4.4:1)
FOCUS_RING = LINK_HOVER  # around the widget Tab reached (a white inner line: seen on any colour)
# ----- the invitation (client/invitation.py): code, address and link in large type -------------
INVITE_CARD = WHITE
INVITE_BORDER = BLUE
INVITE_TITLE = HEADER
INVITE_MUTED = HINT
INVITE_LINK = LINK_HOVER
INVITE_WARN = BAD
INVITE_DIM = "#14181c"  # over the rest of the window, see-through:
INVITE_DIM_ALPHA = 150

# ----- the replay viewer (pygame) ---------------------------------------------------------------
R_INK = "#222222"
R_MUTED = "#616161"  # was #6e6e6e (3.9:1 under a space's name on the map)
R_PAPER = "#fafaf6"
R_PANEL = WHITE
R_LINE = "#d6d6cc"
ACCENT = "#264653"  # headings; the report's section bars too
ADOPTED = "#d6a800"  # outline of a space adopted in a proposal, not placed yet
R_GROUND = "#f4f4ef"
R_BUILDING = "#6b6e78"
R_SPACE = "#e2e2da"
R_SPACE_LINE = "#96968c"
R_BAR = "#ecece6"
R_TRACK = "#e6e6e0"
R_TRACK_DONE = "#a8c4cc"
R_TRACK_MARK = "#e9c46a"
R_PHASE = ("#dee4e2", "#ced6d3")  # the phase strip, alternating
R_HIGHLIGHT = "#fff3cd"  # the current event in the list
R_GOOD = GOOD  # was #2e9d5b (3.3:1)
R_BAD = BAD
R_MID = "#8a6d00"
# a schéma's years: outlines and fills (not text); YEAR_TEXT is their ink on white
YEAR_COLOURS = {1: "#1b9e77", 2: "#d95f02", 3: "#7570b3"}
# ... and, so that colour is not the only clue, each year's outline dash (on, off; None = solid)
YEAR_DASHES: dict[int, tuple[int, int] | None] = {1: None, 2: (8, 4), 3: (3, 3)}
# series in charts (lines, bars: not text); ten hues that differ for the eye (the cyan last: it
# was the 6th and read as a second blue beside the first); `series_style` goes on with dashes
SERIES = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
          "#7f7f7f", "#bcbd22", "#17becf"]
SERIES_DASHES: tuple[tuple[int, int] | None, ...] = (None, (8, 4), (2, 3))


def series_style(i: int) -> tuple[str, tuple[int, int] | None]:
    """The `i`th series' colour and dash (None = solid): each of the ten colours solid, then
    dashed, then dotted, so 30 series never share a look."""
    return SERIES[i % len(SERIES)], SERIES_DASHES[(i // len(SERIES)) % len(SERIES_DASHES)]
ROLE_COLOURS = {"resident": "#2a9d8f", "caretaker": "#e9c46a", "manager": "#e76f51", "none": "#999999"}
MEAN_BAR = "#2a9d8f"
NO_COLOUR = "#999999"  # a bar of unknown colour


@cache
def ink_for(colour: str, bg: str = WHITE, ratio: float = AA) -> str:
    """`colour` darkened (or lightened, on a dark `bg`) just enough to be read as text on `bg`."""
    if contrast(colour, bg) >= ratio:
        return hex_colour(colour)
    towards = "#000000" if luminance(bg) > 0.18 else WHITE
    for k in range(1, 101):
        c = mix(colour, towards, k / 100)
        if contrast(c, bg) >= ratio:
            return c
    return towards


YEAR_TEXT = {y: ink_for(c) for y, c in YEAR_COLOURS.items()}  # was 3.4, 3.7 and 4.4:1 on white

# ----- the report (HTML and SVG; templates/style.css.j2 reads these) ---------------------------------
REPORT = {
    "ink": R_INK, "paper": "#fafaf7", "card": WHITE, "sub": "#555555", "muted": "#5c5c5c",
    "heading": ACCENT, "on_heading": WHITE, "step": "#dddddd", "th": "#eef0ea", "rule": "#d5d5cc",
    "chart_border": "#e0e0d8", "grid": "#e6e6e0", "chart_ink": "#333333",
    "ok": GOOD, "ko": "#b3261e", "mid": R_MID, "quiet": "#fff4e5", "note_rule": "#e9c46a",
    "dotted": "#cccccc",
    # the deliberation's flow chart: a band of people who moved, its outline, an option's box
    "absent": WHITE, "flow_moved": "#444444", "flow_box": "#333333",
    # the map
    "ground": R_GROUND, "ground_line": "#555555", "building": R_BUILDING, "space": "#e3e3dc",
    "space_line": "#9a9a90", "space_name": "#4d4d4d", "placed_line": "#222222",
}

# ----- text pairs: (text colour, background, smallest size drawn in px, bold) --------------------


@dataclass(frozen=True)
class Pair:
    """A text colour on a background, as some window draws it, at `px` pixels and up."""

    fg: str
    bg: str
    px: float = 12
    bold: bool = False

    @property
    def large(self) -> bool:
        return is_large(self.px, self.bold)

    @property
    def needed(self) -> float:
        return AA_LARGE if self.large else AA

    @property
    def ratio(self) -> float:
        return contrast(self.fg, self.bg)


# the darkest a space of the map can be under a name's see-through backdrop: a use's colour,
# however dark, is mixed with white first; the test also takes pure black
_DARKEST_FILL = mix("#000000", WHITE, USE_TINT)

TEXT_PAIRS: dict[str, Pair] = {
    # client: drawn by our code (pygame_gui's own widgets: theme.json, checked from the theme)
    "status": Pair(WHITE, HEADER, 13),
    "status.message": Pair(TIMER_INK, HEADER, 13),
    "banner": Pair(WARNING_INK, WARNING, 18, bold=True),
    "drag": Pair(WHITE, BLUE, 13, bold=True),
    "text": Pair(INK, PAPER, 14),  # client/richtext.py: the side panel's text
    "text.good": Pair(GOOD, PAPER, 14),
    "text.bad": Pair(BAD, PAPER, 14),
    "text.caution": Pair(CAUTION, PAPER, 14, bold=True),
    "text.neutral": Pair(NEUTRAL, PAPER, 14),
    "text.question": Pair(QUESTION, PAPER, 14, bold=True),
    **{f"text.note.{k}": Pair(c, PAPER, 14, bold=True) for k, c in NOTE_TEXT_COLOURS.items()},
    "map.name": Pair(INK, over(LABEL_BACKDROP, _DARKEST_FILL, LABEL_ALPHA / 255), 11),
    "map.name.black": Pair(INK, over(LABEL_BACKDROP, "#000000", LABEL_ALPHA / 255), 11),
    "map.name.outside": Pair(INK, over(LABEL_BACKDROP, "#000000", LABEL_ALPHA_OUT / 255), 11),
    "map.north": Pair(INK, over(LABEL_BACKDROP, "#000000", LABEL_ALPHA_OUT / 255), 14, bold=True),
    "map.legend": Pair(INK, LEGEND_BG, 11),
    "indicators": Pair(INK, IND_BG, 11),
    # the header's strip and lines (client/agenda.py, client/header.py)
    "header.line": Pair(HEADER_INK, HEADER, 12),
    "header.accent": Pair(TIMER_INK, HEADER, 12, bold=True),
    "header.muted": Pair(HEADER_MUTED, HEADER, 12),
    "header.agenda.current": Pair(INK, TIMER_INK, 13, bold=True),
    "indicators.up": Pair(UP, IND_BG, 11),
    "indicators.down": Pair(DOWN, IND_BG, 11),
    # check-box lists (client/checklist.py) and the legends under them, on the side panel
    "list.label": Pair(INK, PAPER, 14, bold=True),
    "list.label.hover": Pair(INK, BUTTON_HOVER, 14, bold=True),
    "list.label.current": Pair(INK, CHECK_CURRENT, 14, bold=True),
    "list.detail": Pair(HINT, PAPER, 12),
    "list.detail.hover": Pair(HINT, BUTTON_HOVER, 12),
    "list.detail.current": Pair(HINT, CHECK_CURRENT, 12),
    "list.flag": Pair(WHITE, FLAG, 12, bold=True),  # the « ! » of the duplicate mark
    "legend": Pair(HINT, WINDOW, 12),
    "legend.strong": Pair(INK, WINDOW, 12, bold=True),
    "legend.over": Pair(OVER_BUDGET, WINDOW, 12, bold=True),  # the budget overrun
    "invite": Pair(INK, INVITE_CARD, 24),  # its smallest: a 1024×640 window's card
    "invite.title": Pair(INVITE_TITLE, INVITE_CARD, 24, bold=True),
    "invite.muted": Pair(INVITE_MUTED, INVITE_CARD, 14),
    "invite.link": Pair(INVITE_LINK, INVITE_CARD, 24, bold=True),
    "invite.warn": Pair(INVITE_WARN, INVITE_CARD, 13),
    # the replay viewer (pygame's default font: its sizes are about 0.7 of the asked size)
    "replay": Pair(R_INK, R_PAPER, 12),
    "replay.panel": Pair(R_INK, R_PANEL, 12),
    "replay.muted": Pair(R_MUTED, R_PAPER, 12),
    "replay.muted.panel": Pair(R_MUTED, R_PANEL, 12),
    "replay.map_name": Pair(R_MUTED, R_SPACE, 12),
    "replay.heading": Pair(ACCENT, R_PANEL, 14, bold=True),
    "replay.title": Pair(ACCENT, R_PAPER, 18, bold=True),
    "replay.highlight": Pair(R_INK, R_HIGHLIGHT, 12),
    "replay.highlight.muted": Pair(R_MUTED, R_HIGHLIGHT, 12),
    "replay.phase": Pair(R_INK, R_PHASE[1], 12),
    "replay.phase.alt": Pair(R_INK, R_PHASE[0], 12),
    "replay.phase.current": Pair(WHITE, ACCENT, 12),
    "replay.good": Pair(R_GOOD, R_PANEL, 12),
    "replay.bad": Pair(R_BAD, R_PANEL, 12),
    "replay.mid": Pair(R_MID, R_PANEL, 12),
    **{f"replay.year.{y}": Pair(c, R_PANEL, 12) for y, c in YEAR_TEXT.items()},
    # the report (style.css.j2, svg.py)
    "report": Pair(REPORT["ink"], REPORT["paper"], 12),
    "report.card": Pair(REPORT["ink"], REPORT["card"], 12),
    "report.th": Pair(REPORT["ink"], REPORT["th"], 13, bold=True),
    "report.quiet": Pair(REPORT["ink"], REPORT["quiet"], 13),
    "report.sub": Pair(REPORT["sub"], REPORT["paper"], 14),
    "report.small": Pair(REPORT["muted"], REPORT["paper"], 12),
    "report.small.card": Pair(REPORT["muted"], REPORT["card"], 10),
    "report.h2": Pair(REPORT["on_heading"], REPORT["heading"], 21, bold=True),
    "report.step": Pair(REPORT["step"], REPORT["heading"], 13),
    "report.h3": Pair(REPORT["heading"], REPORT["paper"], 16, bold=True),
    "report.kpi": Pair(REPORT["heading"], REPORT["card"], 22, bold=True),
    "report.chart": Pair(REPORT["chart_ink"], REPORT["card"], 11),
    "report.ok": Pair(REPORT["ok"], REPORT["paper"], 13, bold=True),
    "report.ko": Pair(REPORT["ko"], REPORT["paper"], 13, bold=True),
    "report.mid": Pair(REPORT["mid"], REPORT["paper"], 13),
    "report.ok.quiet": Pair(REPORT["ok"], REPORT["quiet"], 13, bold=True),
    "report.ko.quiet": Pair(REPORT["ko"], REPORT["quiet"], 13, bold=True),
    "report.map_name": Pair(REPORT["space_name"], REPORT["space"], 10),
    "report.map_legend": Pair(REPORT["chart_ink"], REPORT["card"], 12),
}

# ----- use badges -------------------------------------------------------------------------------
BADGE_DARK = INK
BADGE_LIGHT = WHITE


@cache
def badge(colour: str, large: bool = False) -> tuple[str, str]:
    """(fill, text colour) of a code drawn on a use's `colour`, whatever colour a trainer wrote:
    the text is dark or white, whichever contrasts more; if neither reaches 4.5:1 (3:1 for
    `large` text), the fill is darkened (for white text) or lightened (for dark text), whichever
    changes it less, just enough. The use keeps its own colour everywhere else."""
    need = AA_LARGE if large else AA
    fill = hex_colour(colour)
    dark, light = contrast(BADGE_DARK, fill), contrast(BADGE_LIGHT, fill)
    if max(dark, light) >= need:
        return fill, (BADGE_DARK if dark >= light else BADGE_LIGHT)
    for k in range(1, 101):  # the least shading that makes one of the two readable
        darker = mix(fill, "#000000", k / 100)
        if contrast(BADGE_LIGHT, darker) >= need:
            return darker, BADGE_LIGHT
        lighter = mix(fill, WHITE, k / 100)
        if contrast(BADGE_DARK, lighter) >= need:
            return lighter, BADGE_DARK
    return "#000000", BADGE_LIGHT  # not reached: black and white are 21:1


# ----- the replay viewer's pygame_gui theme (its own widgets: buttons, the note entry) ----------
def replay_theme() -> dict:
    """pygame_gui's dark default controls, with text made readable on them (its grey #bbbbbb
    was 4.2:1 on its buttons, 3.0:1 hovered; its disabled text 3.7:1)."""
    ink = {k: WHITE for k in ("normal_text", "hovered_text", "selected_text", "active_text")}
    return {"defaults": {"colours": {**ink, "disabled_text": "#a6a6a6"}}}
