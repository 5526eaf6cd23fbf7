"""The replay and the report as readable as the client: note kinds told apart by the same shapes
(a colour-blind reader, a greyscale print), use codes on badges readable on any colour."""

from __future__ import annotations

import re

import pygame

from ilot.game import palette as pal
from ilot.game.core.kinds import NoteKind
from ilot.game.debrief import draw, svg
from ilot.game.text import lang_for

FR = lang_for("fr")


def test_report_marks_have_the_kinds_shapes():
    for kind in NoteKind:
        out = svg.mark(kind, 10, 10, 5)
        layers = re.findall(r"<(circle|polygon)\b[^>]*fill=\"(#[0-9a-f]{6})\"", out)
        assert [c for _, c in layers] == [pal.MARK_EDGE, pal.MARK_RIM, pal.NOTE_COLOURS[kind]]
        shape = pal.NOTE_SHAPES[kind]
        assert {t for t, _ in layers} == ({"circle"} if shape == "circle" else {"polygon"})
        if shape != "circle":
            points = re.findall(r'points="([^"]*)"', out)[-1].split()
            assert len(points) == len(pal.mark_points(shape, 0, 0, 5))
    assert len(set(pal.NOTE_SHAPES.values())) == len(NoteKind)


def test_the_notes_map_shows_every_note_and_a_legend_of_shapes(rich, rich_script):
    notes = list(rich_script.state.notes.values())
    assert notes
    out = str(svg.notes_map(rich, notes, FR))
    assert out.count("<g>") == len(notes)
    legend = out.split("</g>")[-1]
    for kind in NoteKind:
        n = sum(1 for note in notes if note.kind == kind)
        assert FR.t("report.notes_kind_n", kind=FR.t(f"term.note_kind.{kind}"), n=FR.num(n)) in legend
        assert svg.mark(kind, 0, 0, 5).split("<")[1].split()[0] in legend  # its shape, drawn
    assert str(svg.notes_map(rich, [], FR)) == ""


def test_report_map_badges_read_on_their_use_colour(rich, rich_script):
    placements = {space: (p.use, p.year) for space, p in rich_script.state.schema.items()}
    assert placements
    out = str(svg.schema_map(rich, placements, FR))
    badges = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})"/><text [^>]*class="mp" fill="(#[0-9a-f]{6})"', out)
    assert len(badges) == len(placements)
    for fill, ink in badges:
        assert pal.contrast(fill, ink) >= pal.AA, (fill, ink)
    uses = {rich.use(u).colour for u, _ in placements.values()}
    assert {pal.badge(c)[0] for c in uses} == {fill for fill, _ in badges}


def test_replay_marks_and_badges():
    pygame.init()
    masks = {}
    for kind in NoteKind:
        surf = pygame.Surface((30, 30), pygame.SRCALPHA)
        draw.mark(surf, kind, (15, 15), 5)
        assert surf.get_at((15, 15))[:3] == pygame.Color(pal.NOTE_COLOURS[kind])[:3]
        masks[kind] = pygame.mask.from_surface(surf)
    kinds = list(masks)
    for i, a in enumerate(kinds):  # the outlines differ: shapes, not only colours
        for b in kinds[i + 1:]:
            ma, mb = masks[a], masks[b]
            assert ma.count() + mb.count() - 2 * ma.overlap_area(mb, (0, 0)) >= 0.15 * ma.count(), (a, b)
    surf = pygame.Surface((80, 30))
    font = pygame.font.Font(None, 17)
    draw.badge(surf, font, "HE A1", "#ffeb3b", (40, 15))
    colours = {tuple(surf.get_at((x, y)))[:3] for x in range(80) for y in range(30)}
    assert pygame.Color("#ffeb3b")[:3] in colours and pygame.Color(pal.INK)[:3] in colours
    assert pygame.Color(pal.WHITE)[:3] not in colours  # no more white on yellow
