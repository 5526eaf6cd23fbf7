"""Small inline SVG charts for the report: lines, horizontal bars, stacked bars, the map.

Each function returns `markupsafe.Markup`, safe to put in the report's template as it is:
every piece of text inside (labels, names, titles, tooltips) goes through `markupsafe.escape`
on its way in, and numbers shown as text are written by the report's `Lang`. Sizes are in CSS
pixels and the charts scale with `viewBox`, so they stay readable when the report is printed
or read on a phone.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from ilot.game.text import Lang
from ilot.game.text.spaces import space_name

from .. import palette
from ..core.geometry import centroid, hatch
from ..core.kinds import NoteKind, SpaceLevel
from ..core.scenario import Scenario, Space
from ..core.state import Note

PALETTE = palette.SERIES
YEAR_COLOURS = palette.YEAR_COLOURS
MAP = palette.REPORT  # the map's colours


def _f(x: float) -> str:
    """A coordinate (not text a person reads): 12.5, never 12,5."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _cut(label: str, n: int) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def _open(cls: str, width: int, height: int, title: str) -> str:
    """Drawn at its natural size (text stays 11–12 px), shrunk only on narrow screens."""
    return (f'<svg class="{cls}" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="{escape(title)}">')


def line_chart(series: Sequence[tuple[str, Sequence[tuple[float, float]]]], lang: Lang, *,
               width: int = 640, height: int = 260, x_labels: Sequence[tuple[float, str]] = (),
               y_min: float | None = None, y_max: float | None = None, title: str = "",
               step: bool = False) -> Markup:
    """Lines with a legend on the right. `series` = [(label, [(x, y), ...])]; `step` holds
    each value until the next point (a plan that changes at moments, not gradually)."""
    pts = [p for _, s in series for p in s]
    if not pts:
        return Markup("")
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1 = min(xs), max(xs)
    lo = min(ys) if y_min is None else y_min
    hi = max(ys) if y_max is None else y_max
    if hi - lo < 1e-9:
        hi, lo = hi + 1, lo - 1
    left, right, top, bottom = 44, 230, 14, 30
    pw, ph = width - left - right, height - top - bottom

    def X(x: float) -> float:
        return left + (0 if x1 == x0 else (x - x0) / (x1 - x0) * pw)

    def Y(y: float) -> float:
        return top + ph - (y - lo) / (hi - lo) * ph

    out = [_open("chart", width, height, title)]
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        y = Y(v)
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{_f(y)}" y2="{_f(y)}" class="grid"/>'
                   f'<text x="{left - 6}" y="{_f(y + 4)}" class="ax" text-anchor="end">'
                   f'{escape(lang.num(v, 1))}</text>')
    last = -1e9
    for x, label in sorted(x_labels):
        if X(x) - last < len(label) * 6.5 + 8:
            continue  # would overlap the previous label
        last = X(x)
        out.append(f'<text x="{_f(X(x))}" y="{height - 10}" class="ax" text-anchor="middle">{escape(label)}</text>')
    for i, (label, s) in enumerate(series):
        colour, dash = palette.series_style(i)  # ten hues, then the same dashed: never two alike
        dashes = f' stroke-dasharray="{dash[0]} {dash[1]}"' if dash else ""
        if len(s) == 1:
            s = [s[0], (s[0][0] + 1e-9, s[0][1])]
        cmds = []
        for j, (x, y) in enumerate(s):
            if j and step:
                cmds.append(f"L{_f(X(x))},{_f(Y(s[j - 1][1]))}")
            cmds.append(f"{'M' if j == 0 else 'L'}{_f(X(x))},{_f(Y(y))}")
        path = " ".join(cmds)
        out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>')
        ly = top + 14 + i * 16
        out.append(f'<line x1="{left + pw + 8}" x2="{left + pw + 24}" y1="{ly - 7}" y2="{ly - 7}" '
                   f'stroke="{colour}" stroke-width="3"{dashes}/>'
                   f'<text x="{left + pw + 28}" y="{ly - 4}" class="lg">{escape(label[:32])}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def hbars(rows: Sequence[tuple[str, Sequence[tuple[float, str, str]]]], lang: Lang, *,
          width: int = 640, label_width: int = 190, title: str = "",
          full: float | None = None) -> Markup:
    """Horizontal stacked bars: rows = [(label, [(value, colour, part label), ...])].
    The longest bar fills the width, or `full` does (e.g. 5 for marks out of 5); each part's
    tooltip is 'part : 3' / 'part: 3'."""
    if not rows:
        return Markup("")
    total = full or max((sum(v for v, _, _ in parts) for _, parts in rows), default=0) or 1
    bar_h, gap = 18, 8
    height = len(rows) * (bar_h + gap) + 6
    pw = width - label_width - 50
    out = [_open("chart", width, height, title)]
    for i, (label, parts) in enumerate(rows):
        y = 4 + i * (bar_h + gap)
        out.append(f'<text x="{label_width - 8}" y="{y + 13}" class="lb" text-anchor="end">'
                   f'{escape(_cut(label, label_width // 7))}</text>')
        x = float(label_width)
        for value, colour, part in parts:
            w = value / total * pw
            if w <= 0:
                continue
            out.append(f'<rect x="{_f(x)}" y="{y}" width="{_f(w)}" height="{bar_h}" fill="{escape(colour)}">'
                       f'<title>{escape(lang.label(part, lang.num(value, 1)))}</title></rect>')
            x += w
        out.append(f'<text x="{_f(x + 6)}" y="{y + 13}" class="ax">'
                   f'{escape(lang.num(sum(v for v, _, _ in parts), 1))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def schema_map(sc: Scenario, placements: dict[str, tuple[str, int]], lang: Lang, *,
               width: int = 760, years: bool = True) -> Markup:
    """The block seen from above; each space holding a use is coloured by its year (1, 2, 3)
    and carries the year's number in a disc (`year_badge`), so years differ without colour.
    Its few words (legend, tooltips, 'A1' after a use) are in `lang`; names as written.
    `years=False`: a group's draft, which has no years: one colour, no badge, no legend."""
    mw, mh = sc.map.width, sc.map.height
    scale = width / mw
    height = int(mh * scale)
    uses = sc.index("use")

    def pts(poly: Sequence[tuple[float, float]]) -> str:
        return " ".join(f"{_f(x * scale)},{_f(y * scale)}" for x, y in poly)

    out = [_open("map", width, height + (26 if years else 0), lang.t("debrief.map_label")),
           _ground(sc, width, height, pts)]
    badges: list[str] = []  # the years' number badges, drawn last (above the parents' outlines)
    for s in sc.play_spaces():
        placed = placements.get(s.id)
        name = space_name(lang, s)
        if placed:
            use = uses.get(placed[0])
            fill = YEAR_COLOURS.get(placed[1] if years else 1, palette.NO_COLOUR)
            stroke, sw = MAP["placed_line"], 2
            tip = (lang.t("debrief.map_tip", space=name, use=use.name if use else placed[0], year=placed[1])
                   if years else lang.label(name, use.name if use else placed[0]))
        else:
            fill, stroke, sw, tip = MAP["space"], MAP["space_line"], 1, name
        if s.parent is not None:  # a part: a thin separator; its parent's outline comes after
            sw = 1
        out.append(f'<polygon points="{pts(s.polygon)}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"'
                   f'{_line_style(s)}><title>{escape(tip)}</title></polygon>{_level_mark(s, pts, scale)}')
        cx, cy = (v * scale for v in centroid(s.polygon))
        xs = [p[0] * scale for p in s.polygon]
        room = max(xs) - min(xs)
        if placed:
            use = uses.get(placed[0])
            icon = (use.icon or use.name[:3]) if use else placed[0][:3]
            year = lang.t("debrief.year_short", year=placed[1])
            label = (f"{use.name} · {year}" if years else use.name) if use else icon
            if len(label) * 6.6 > room:
                label = f"{icon} · {year}" if years else icon
            if len(label) * 6.6 > room:
                label = icon  # the year's badge in the corner still tells the year
            out.append(_badge(label, use.colour if use else palette.NO_COLOUR, cx, cy))
            if years:
                badges.append(year_badge(placed[1], min(xs) + 6, min(p[1] for p in s.polygon) * scale + 6))
        elif room > 60:
            out.append(f'<text x="{_f(cx)}" y="{_f(cy + 4)}" class="ms" text-anchor="middle">'
                       f'{escape(name[:int(room / 6.5)])}</text>')
    out.append(_parents(sc, pts, MAP["placed_line"]))
    out.extend(badges)
    x = 6
    for year, colour in YEAR_COLOURS.items() if years else ():  # the legend: badge on colour
        out.append(f'<rect x="{x}" y="{height + 8}" width="30" height="12" fill="{colour}"/>'
                   + year_badge(year, x + 8, height + 14)
                   + f'<text x="{x + 36}" y="{height + 19}" class="lb">'
                   f'{escape(lang.t("debrief.map_year", year=year))}</text>')
        x += 116
    out.append("</svg>")
    return Markup("".join(out))


def year_badge(year: int, cx: float, cy: float) -> str:
    """A year's number, white in a disc of the year's darker shade (palette.YEAR_TEXT, 4.5:1
    with white) edged in white, as on the replay's map."""
    fill = palette.YEAR_TEXT.get(year, palette.R_INK)
    return (f'<g class="year" pointer-events="none"><circle cx="{_f(cx)}" cy="{_f(cy)}" r="7.5" '
            f'fill="{fill}" stroke="{palette.WHITE}" stroke-width="1.5"/><text x="{_f(cx)}" y="{_f(cy + 3.5)}" '
            f'fill="{palette.WHITE}" font-size="10" font-weight="bold" text-anchor="middle">{year:d}</text></g>')


def _ground(sc: Scenario, width: float, height: float, pts) -> str:
    """The map's ground and its buildings."""
    out = [f'<rect x="0" y="0" width="{_f(width)}" height="{_f(height)}" fill="{MAP["ground"]}" '
           f'stroke="{MAP["ground_line"]}"/>']
    for b in sc.buildings:
        out.append(f'<polygon points="{pts(b.polygon)}" fill="{MAP["building"]}"><title>{escape(b.name)}</title>'
                   '</polygon>')
    return "".join(out)


def _line_style(s: Space) -> str:
    """A basement's outline is dashed, a part's separator dotted (ground spaces: as before)."""
    if s.parent is not None:
        return ' stroke-dasharray="3 2"'
    return ' stroke-dasharray="5 3"' if s.level == SpaceLevel.BASEMENT else ""


def _level_mark(s: Space, pts, scale: float) -> str:
    """Over a space, what says its level: a basement hatched, a roof edged with a double line.
    Drawn on top without catching the pointer, so the space's tooltip still shows."""
    if s.level == SpaceLevel.BASEMENT:
        return _hatched(s.polygon, scale)
    if s.level == SpaceLevel.ROOF and s.parent is None:
        return _roof_edge(pts(s.polygon))
    return ""


def _hatched(polygon: Sequence[tuple[float, float]], scale: float) -> str:
    """Diagonal lines across a basement, as one path (the report has no fill patterns)."""
    shape = [(x * scale, y * scale) for x, y in polygon]
    d = " ".join(f"M{_f(a[0])},{_f(a[1])}L{_f(b[0])},{_f(b[1])}" for a, b in hatch(shape, 7))
    return f'<path d="{d}" stroke="{MAP["space_line"]}" stroke-width="1" pointer-events="none"/>'


def _roof_edge(points: str) -> str:
    return (f'<polygon points="{points}" fill="none" stroke="{MAP["space_line"]}" '
            'stroke-width="4" pointer-events="none"/>'
            f'<polygon points="{points}" fill="none" stroke="{MAP["card"]}" '
            'stroke-width="1.5" pointer-events="none"/>')


def _parents(sc: Scenario, pts, stroke: str) -> str:
    """The outline of each space played as parts, once, above its parts' separators."""
    out = []
    for s in sc.spaces:
        if s.capacity > 1:
            dash = ' stroke-dasharray="5 3"' if s.level == SpaceLevel.BASEMENT else ""
            out.append(f'<polygon points="{pts(s.polygon)}" fill="none" stroke="{stroke}" '
                       f'stroke-width="2"{dash} pointer-events="none"/>')
            if s.level == SpaceLevel.ROOF:
                out.append(_roof_edge(pts(s.polygon)))
    return "".join(out)


def _badge(label: str, colour: str, cx: float, cy: float) -> str:
    """A use's code (or name) on its colour, as on the client's map: `palette.badge` picks the
    text colour and, when neither dark nor white reads on the colour, shades the fill."""
    fill, ink = palette.badge(colour)
    w, h = len(label) * 7 + 8, 15
    return (f'<rect x="{_f(cx - w / 2)}" y="{_f(cy - h / 2)}" width="{_f(w)}" height="{h}" rx="3" '
            f'fill="{fill}"/><text x="{_f(cx)}" y="{_f(cy + 4)}" class="mp" fill="{ink}" '
            f'text-anchor="middle">{escape(label)}</text>')


def mark(kind: str, cx: float, cy: float, r: float) -> str:
    """A note's mark: its kind's shape and colour, a white rim and a thin dark edge all round
    (round-joined strokes under the fill), as the client's pins and the replay's marks
    (palette.NOTE_SHAPES)."""
    points = palette.mark_points(palette.NOTE_SHAPES.get(kind, "circle"), cx, cy, r)
    shape = (f'<polygon points="{" ".join(f"{_f(x)},{_f(y)}" for x, y in points)}"' if points
             else f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r)}"')
    out = []
    for colour, stroke in ((palette.MARK_EDGE, 6), (palette.MARK_RIM, 4),
                           (palette.NOTE_COLOURS.get(kind, palette.NO_COLOUR), 0)):
        line = f' stroke="{colour}" stroke-width="{stroke}" stroke-linejoin="round"' if stroke else ""
        out.append(f'{shape} fill="{colour}"{line}/>')
    return "".join(out)


def notes_map(sc: Scenario, notes: Sequence[Note], lang: Lang, *, width: int = 760) -> Markup:
    """The état des lieux on the block: each note a mark whose shape and colour tell its kind
    (its text as a tooltip), and a legend of the kinds with how many of each."""
    if not notes:
        return Markup("")
    mw, mh = sc.map.width, sc.map.height
    scale = width / mw
    height = int(mh * scale)

    def pts(poly: Sequence[tuple[float, float]]) -> str:
        return " ".join(f"{_f(x * scale)},{_f(y * scale)}" for x, y in poly)

    out = [_open("map", width, height + 26, lang.t("report.notes_map")), _ground(sc, width, height, pts)]
    for s in sc.play_spaces():
        name = space_name(lang, s)
        out.append(f'<polygon points="{pts(s.polygon)}" fill="{MAP["space"]}" stroke="{MAP["space_line"]}"'
                   f'{_line_style(s)}><title>{escape(name)}</title></polygon>{_level_mark(s, pts, scale)}')
        cx, cy = (v * scale for v in centroid(s.polygon))
        room = (max(p[0] for p in s.polygon) - min(p[0] for p in s.polygon)) * scale
        if len(name) * 6.2 + 8 <= room:  # a name shows whole or not at all (its tooltip has it)
            out.append(f'<text x="{_f(cx)}" y="{_f(cy + 4)}" class="ms" text-anchor="middle">'
                       f'{escape(name)}</text>')
    out.append(_parents(sc, pts, MAP["space_line"]))
    for n in notes:
        k = sum(map(ord, n.id)) % 7  # notes on one spot spread a little, as in the replay
        x, y = n.x * scale + (k - 3) * 3, n.y * scale + ((k * 5) % 7 - 3) * 3
        kind = lang.t(f"term.note_kind.{n.kind}")
        out.append(f'<g>{mark(n.kind, x, y, 5)}<title>{escape(lang.label(kind, n.text))}</title></g>')
    x = 6.0
    for kind in NoteKind:  # the legend
        count = sum(1 for n in notes if n.kind == kind)
        label = lang.t("report.notes_kind_n", kind=lang.t(f"term.note_kind.{kind}"), n=lang.num(count))
        out.append(mark(kind, x + 7, height + 14, 5)
                   + f'<text x="{_f(x + 18)}" y="{height + 19}" class="lb">{escape(label)}</text>')
        x += 30 + len(label) * 7
    out.append("</svg>")
    return Markup("".join(out))
