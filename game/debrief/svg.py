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

from ..core.geometry import centroid
from ..core.scenario import Scenario

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22"]
YEAR_COLOURS = {1: "#1b9e77", 2: "#d95f02", 3: "#7570b3"}


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
        colour = PALETTE[i % len(PALETTE)]
        if len(s) == 1:
            s = [s[0], (s[0][0] + 1e-9, s[0][1])]
        cmds = []
        for j, (x, y) in enumerate(s):
            if j and step:
                cmds.append(f"L{_f(X(x))},{_f(Y(s[j - 1][1]))}")
            cmds.append(f"{'M' if j == 0 else 'L'}{_f(X(x))},{_f(Y(y))}")
        path = " ".join(cmds)
        out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        ly = top + 14 + i * 16
        out.append(f'<rect x="{left + pw + 12}" y="{ly - 9}" width="12" height="4" fill="{colour}"/>'
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
               width: int = 760) -> Markup:
    """The block seen from above; each space holding a use is coloured by its year (1, 2, 3).
    Its few words (legend, tooltips, 'A1' after a use) are in `lang`; names as written."""
    mw, mh = sc.map.width, sc.map.height
    scale = width / mw
    height = int(mh * scale)
    uses = sc.index("use")

    def pts(poly: Sequence[tuple[float, float]]) -> str:
        return " ".join(f"{_f(x * scale)},{_f(y * scale)}" for x, y in poly)

    out = [_open("map", width, height + 26, lang.t("debrief.map_label")),
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f4f4ef" stroke="#555"/>']
    for b in sc.buildings:
        out.append(f'<polygon points="{pts(b.polygon)}" fill="#6b6e78"><title>{escape(b.name)}</title></polygon>')
    for s in sc.spaces:
        placed = placements.get(s.id)
        if placed:
            use = uses.get(placed[0])
            fill = YEAR_COLOURS.get(placed[1], "#999")
            stroke, sw = "#222", 2
            tip = lang.t("debrief.map_tip", space=s.name, use=use.name if use else placed[0], year=placed[1])
        else:
            fill, stroke, sw, tip = "#e3e3dc", "#9a9a90", 1, s.name
        out.append(f'<polygon points="{pts(s.polygon)}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}">'
                   f'<title>{escape(tip)}</title></polygon>')
        cx, cy = (v * scale for v in centroid(s.polygon))
        xs = [p[0] * scale for p in s.polygon]
        room = max(xs) - min(xs)
        if placed:
            use = uses.get(placed[0])
            icon = (use.icon or use.name[:3]) if use else placed[0][:3]
            year = lang.t("debrief.year_short", year=placed[1])
            label = f"{use.name} · {year}" if use else icon
            if len(label) * 6.6 > room:
                label = f"{icon} · {year}"
            if len(label) * 6.6 > room:
                label = icon  # the colour still tells the year
            out.append(f'<text x="{_f(cx)}" y="{_f(cy + 4)}" class="mp" text-anchor="middle">'
                       f'{escape(label)}</text>')
        elif room > 60:
            out.append(f'<text x="{_f(cx)}" y="{_f(cy + 4)}" class="ms" text-anchor="middle">'
                       f'{escape(s.name[:int(room / 6.5)])}</text>')
    x = 6
    for year, colour in YEAR_COLOURS.items():
        out.append(f'<rect x="{x}" y="{height + 8}" width="14" height="12" fill="{colour}"/>'
                   f'<text x="{x + 20}" y="{height + 19}" class="lb">'
                   f'{escape(lang.t("debrief.map_year", year=year))}</text>')
        x += 100
    out.append("</svg>")
    return Markup("".join(out))
