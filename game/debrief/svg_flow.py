"""A small flow chart between two consent rounds: the options of the earlier round on the left,
of the later one on the right, a band per (before, after) pair as wide as the people who went
that way, each band labelled with its count, each box with its option and count: readable
without colour. Text escaped on its way in (the report's rule for inline SVG)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from ilot.game.text import Lang

from .. import palette
from .svg import _f, _open

UNIT, GAP, TOP = 14, 8, 22


def _column(order: Sequence[str], totals: dict[str, int]) -> dict[str, float]:
    """The top y of each option's box (options with nobody are left out)."""
    y, out = float(TOP), {}
    for o in order:
        if totals.get(o, 0):
            out[o] = y
            y += totals[o] * UNIT + GAP
    return out


def flow_chart(moves: dict[tuple[str, str], int], order: Sequence[str], labels: dict[str, str],
               colours: dict[str, str], heads: tuple[str, str], lang: Lang, *, title: str = "",
               width: int = 640) -> Markup:
    """`moves`: (option before, option after) -> how many; `order`: the options top-down;
    `labels`/`colours` per option; `heads`: the two columns' titles (« Tour 1 », « Tour 2 »)."""
    if not moves:
        return Markup("")
    left = {o: sum(n for (a, _), n in moves.items() if a == o) for o in order}
    right = {o: sum(n for (_, b), n in moves.items() if b == o) for o in order}
    ly, ry = _column(order, left), _column(order, right)
    height = int(max([TOP + sum(left.values()) * UNIT + len(ly) * GAP,
                      TOP + sum(right.values()) * UNIT + len(ry) * GAP]) + 6)
    x0, x1, box = 190, width - 210, 14
    out = [_open("chart flow", width, height, title)]
    out.append(f'<text x="{x0 + box}" y="14" class="lb" text-anchor="end">{escape(heads[0])}</text>'
               f'<text x="{x1}" y="14" class="lb">{escape(heads[1])}</text>')
    lout = dict(ly)
    rin = dict(ry)
    for a in order:  # bands, in the order of both columns so they do not cross needlessly
        for b in order:
            n = moves.get((a, b), 0)
            if not n:
                continue
            h = n * UNIT
            ya, yb = lout[a], rin[b]
            lout[a] += h
            rin[b] += h
            xa, xb = x0 + box, x1
            mid = (xa + xb) / 2
            path = (f"M{_f(xa)},{_f(ya)} C{_f(mid)},{_f(ya)} {_f(mid)},{_f(yb)} {_f(xb)},{_f(yb)} "
                    f"L{_f(xb)},{_f(yb + h)} C{_f(mid)},{_f(yb + h)} {_f(mid)},{_f(ya + h)} {_f(xa)},{_f(ya + h)} Z")
            what = lang.label(f"{labels.get(a, a)} → {labels.get(b, b)}", lang.num(n))
            stroke = palette.REPORT["flow_moved"] if a != b else "none"
            out.append(f'<path d="{path}" fill="{escape(colours.get(a, palette.NO_COLOUR))}" fill-opacity="0.35" '
                       f'stroke="{stroke}" stroke-width="0.6"><title>{escape(what)}</title></path>')
            if a != b:  # who moved: their count and where they went, at the band's start
                out.append(f'<text x="{_f(xa + 6)}" y="{_f(ya + h / 2 + 4)}" class="ax">'
                           f'{escape(lang.num(n))} → {escape(labels.get(b, b))}</text>')
    for side, col, x in (("l", ly, x0), ("r", ry, x1)):
        totals = left if side == "l" else right
        for o, y in col.items():
            h = totals[o] * UNIT
            fill, edge = escape(colours.get(o, palette.NO_COLOUR)), palette.REPORT["flow_box"]
            out.append(f'<rect x="{x}" y="{_f(y)}" width="{box}" height="{h}" '
                       f'fill="{fill}" stroke="{edge}" stroke-width="0.6"/>')
            label = f"{labels.get(o, o)} {lang.num(totals[o])}"
            tx, anchor = (x - 6, "end") if side == "l" else (x + box + 6, "start")
            out.append(f'<text x="{tx}" y="{_f(y + h / 2 + 4)}" class="lb" text-anchor="{anchor}">'
                       f'{escape(label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


__all__ = ["flow_chart"]
