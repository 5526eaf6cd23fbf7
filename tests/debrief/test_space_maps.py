"""The report's SVG maps draw a space of capacity k as k parts inside its outline, a basement
hatched and a roof with a double edge, and name spaces with their level."""

from __future__ import annotations

import re

from helpers import PARTS_FILE

from ilot.game.core import load_scenario
from ilot.game.core.kinds import NoteKind
from ilot.game.core.state import Note
from ilot.game.debrief.svg import _f, notes_map, schema_map
from ilot.game.text import lang_for

FR, EN = lang_for("fr"), lang_for("en")
SC = load_scenario(PARTS_FILE)


def _inside(poly, x: float, y: float, eps: float = 0.06) -> bool:
    """In the box of `poly` (a rectangle here), give or take the rounding of coordinates."""
    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    return min(xs) - eps <= x <= max(xs) + eps and min(ys) - eps <= y <= max(ys) + eps


def _polygons(svg: str) -> list[tuple[str, str]]:
    """(points, the rest of the tag) of every polygon."""
    return re.findall(r'<polygon points="([^"]+)"([^>]*)>', svg)


def test_parts_are_drawn_inside_their_parent_outline_drawn_once():
    svg = str(schema_map(SC, {"friche-2": ("aire_jeux", 2)}, FR))
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    assert "Friche (1/3)" in titles and "Friche (3/3)" in titles
    assert "Friche (2/3)\u00a0: Aire de jeux (année 2)" in titles
    assert "friche" not in {t.lower() for t in titles}  # the parent is no space of its own
    scale = 760 / SC.map.width

    def points(poly) -> str:
        return " ".join(f"{_f(x * scale)},{_f(y * scale)}" for x, y in poly)

    parent = next(s for s in SC.spaces if s.id == "friche")
    drawn = [(p, rest) for p, rest in _polygons(svg) if p == points(parent.polygon)]
    assert len(drawn) == 1 and 'fill="none"' in drawn[0][1]  # its outline only, once
    for part in SC.parts_of("friche"):
        tags = [rest for p, rest in _polygons(svg) if p == points(part.polygon)]
        assert tags and 'stroke-dasharray="3 2"' in tags[0]


def test_a_basement_is_hatched_and_a_roof_edged_twice_and_both_named_so():
    note = Note(id="n1", author="p1", role=None, space="caves", kind=NoteKind.IDEE,
                text="Des caves claires", enjeux=[], x=74, y=15, t=0.0)
    svg = str(notes_map(SC, [note], EN))
    (hatching,) = re.findall(r'<path d="([^"]+)" stroke="[^"]+" stroke-width="1" '
                             r'pointer-events="none"/>', svg)  # the caves only
    scale = 760 / SC.map.width
    caves = [(x * scale, y * scale) for x, y in SC.space("caves").polygon]
    ends = [tuple(map(float, p.split(","))) for p in re.findall(r"[ML]([\d.]+,[\d.]+)", hatching)]
    assert len(ends) >= 20 and all(_inside(caves, x, y) for x, y in ends)
    assert "url(" not in svg and "<pattern" not in svg  # the report stays self-contained
    assert "<title>Caves (basement)</title>" in svg and "<title>Toit-terrasse (roof)</title>" in svg
    assert svg.count('stroke-width="4" pointer-events="none"') == 1  # the roof's double edge
    assert "<title>Cour</title>" in svg  # a space on the ground: its name alone
