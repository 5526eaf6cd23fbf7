"""The map is readable by everyone: a legend of the use codes shown and of the note kinds (never
over a space, a name or the map's edge, at the sizes of the audience's laptops), pins whose
shape tells their kind (a click hits exactly the drawn shape), badges readable on any colour."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pygame
import pytest

from ilot.game import palette as pal
from ilot.game.client.layout import compute
from ilot.game.client.mapview import MapView, pin_radius, pin_sprite, use_code
from ilot.game.core.geometry import contains
from ilot.game.core.kinds import NoteKind
from ilot.game.text import lang_for

SIZES = [((1366, 768), "participant"), ((1366, 740), "trainer"), ((1024, 700), "trainer"),
         ((1024, 700), "participant"), ((1024, 640), "participant"), ((1280, 800), "spectator")]


@pytest.fixture(autouse=True)
def _pygame():
    pygame.init()
    yield


def _uses(sc, n: int) -> dict[str, tuple[str, int | None]]:
    """`n` spaces each holding a different use (the worst case for the legend), years 1-3."""
    return {space.id: (sc.uses[i % len(sc.uses)].id, 1 + i % 3) for i, space in enumerate(sc.spaces[:n])}


def _draw(sc, size, kind, uses, notes=None, show_notes=False, lang="fr") -> tuple[MapView, pygame.Surface]:
    view = MapView(lang_for(lang))
    view.big = kind == "spectator"
    state = SimpleNamespace(scenario=sc, notes=notes or {})
    view.layout(compute(*size, kind).map, state)
    window = pygame.Surface(size)
    view.draw(window, state, version=1, selected=None, uses=uses, show_notes=show_notes)
    return view, window


def _space_boxes(view: MapView, sc) -> list[pygame.Rect]:
    """Each space's bounding box on the map, in the map's own coordinates."""
    out = []
    for space in sc.spaces:
        pts = [view.to_screen(x, y) for x, y in space.polygon]
        xs, ys = [p[0] - view.rect.x for p in pts], [p[1] - view.rect.y for p in pts]
        out.append(pygame.Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1))
    return out


@pytest.mark.parametrize(("size", "kind"), SIZES)
@pytest.mark.parametrize("which", ["rich", "short"])
def test_the_legend_lists_the_codes_shown_and_covers_nothing(size, kind, which, rich, short):
    sc = rich if which == "rich" else short
    for n in (1, 6, len(sc.spaces)):
        uses = _uses(sc, n)
        for show_notes in (False, True):
            view, _ = _draw(sc, size, kind, uses, show_notes=show_notes)
            legend = view.legend
            assert legend is not None
            entries = view.legend_entries(SimpleNamespace(scenario=sc), uses, show_notes)
            shown = {u for u, _ in uses.values()}
            names = [name for _, name in entries]
            assert names[:len(shown)] == [sc.use(u).name for u in sorted(
                shown, key=lambda u: (use_code(sc.use(u)), sc.use(u).name))]
            assert (names[len(shown):] == ["Atout", "Problème", "Idée"]) is show_notes
            area = pygame.Rect((0, 0), view.rect.size)
            assert area.contains(legend.rect), (legend.rect, area)  # nothing cut
            for box in _space_boxes(view, sc):
                assert not box.colliderect(legend.rect), (n, box, legend.rect)  # no space covered
            for spot in view.label_rects:
                assert not spot.colliderect(legend.rect), (n, spot, legend.rect)  # no name covered
                assert area.contains(spot)
            assert view.scale > 0.45 * min(view.rect.w / sc.map.width, view.rect.h / sc.map.height)


def test_no_legend_without_uses_or_pins(rich):
    view, _ = _draw(rich, (1366, 768), "participant", {})
    assert view.legend is None and view.label_rects
    view, _ = _draw(rich, (1366, 768), "participant", {}, show_notes=True)
    assert view.legend is not None and view.legend.rect.h < 100  # three kinds: a small box


def test_every_badge_on_the_map_reads(rich, short):
    for sc in (rich, short):
        for use in sc.uses:
            fill, ink = pal.badge(use.colour)
            assert pal.contrast(fill, ink) >= pal.AA, (use.id, use.colour)
    # « HE », the 1.2:1: dark text on the hall's yellow now, drawn so on the map
    he = rich.use("hall_embelli")
    assert pal.badge(he.colour) == (he.colour, pal.INK)
    hall = next(s for s in rich.spaces if s.kind == "hall")
    view, window = _draw(rich, (1366, 768), "participant", {hall.id: (he.id, None)})
    drawn = {tuple(window.get_at((x, y)))[:3] for x in range(view.rect.x, view.rect.right, 1)
             for y in range(view.rect.y, view.rect.bottom, 1)}
    assert pygame.Color(he.colour)[:3] in drawn and pygame.Color(pal.INK)[:3] in drawn


def test_pins_differ_by_shape_and_are_big_enough():
    for big in (False, True):
        r = pin_radius(big)
        masks = {kind: pin_sprite(kind, r)[1] for kind in NoteKind}
        for kind, mask in masks.items():
            box = mask.get_bounding_rects()[0]
            assert min(box.size) >= 2 * r + 4, (kind, box)  # at least 18 px across with its rim
        kinds = list(masks)
        for i, a in enumerate(kinds):  # two kinds differ in a fifth of their pixels or more
            for b in kinds[i + 1:]:
                ma, mb = masks[a], masks[b]
                differ = ma.count() + mb.count() - 2 * ma.overlap_area(mb, (0, 0))
                assert differ >= 0.2 * max(ma.count(), mb.count()), (a, b)
    # in grey the fills differ too, and every mark is rimmed in white and edged in dark
    greys = sorted(pal.luminance(pal.NOTE_COLOURS[k]) for k in NoteKind)
    assert all(b - a > 0.08 for a, b in itertools.pairwise(greys))
    assert set(pal.NOTE_SHAPES.values()) == {"circle", "triangle", "star"}


def test_a_click_hits_a_pin_exactly_where_it_is_drawn(rich):
    cour = next(s for s in rich.spaces if s.id == "cour")
    xs, ys = [p[0] for p in cour.polygon], [p[1] for p in cour.polygon]
    notes = {}
    for i, kind in enumerate(NoteKind):  # far apart, off the space's label at its centre
        x = min(xs) + (max(xs) - min(xs)) * (0.15 + 0.3 * i)
        notes[f"n{i}"] = SimpleNamespace(id=f"n{i}", x=x, y=min(ys) + 4, kind=kind)
    view, window = _draw(rich, (1366, 768), "participant", {}, notes=notes, show_notes=True)
    state = SimpleNamespace(scenario=rich, notes=notes)
    for note in notes.values():
        cx, cy = view.pin_center(state, note.id)
        sprite, mask = pin_sprite(note.kind, pin_radius(False))
        half = sprite.get_width() // 2
        hits = 0
        for dx in range(-half, half + 1):
            for dy in range(-half, half + 1):
                on_pin = bool(mask.get_at((half + dx, half + dy)))
                assert (view.note_at(state, (cx + dx, cy + dy)) == note.id) is on_pin, (note.kind, dx, dy)
                if on_pin:  # and it is what the window shows there: no name drawn over it
                    assert window.get_at((cx + dx, cy + dy)) == sprite.get_at((half + dx, half + dy))
                    hits += 1
        assert hits == mask.count()


def test_pins_come_out_from_under_the_names(rich):
    """A note put where a space's name is shows its pin next to the name, still in its space."""
    notes = {}
    for i, space in enumerate(rich.spaces):
        cx = sum(p[0] for p in space.polygon) / len(space.polygon)
        cy = sum(p[1] for p in space.polygon) / len(space.polygon)
        notes[f"n{i}"] = SimpleNamespace(id=f"n{i}", x=cx, y=cy, kind=list(NoteKind)[i % 3], space=space.id)
    for size, kind in SIZES:
        view, _ = _draw(rich, size, kind, {}, notes=notes, show_notes=True)
        state = SimpleNamespace(scenario=rich, notes=notes)
        moved = 0
        for note in notes.values():
            sprite = pin_sprite(note.kind, pin_radius(view.big))[0]
            x, y = view.pin_center(state, note.id)
            mark = sprite.get_bounding_rect().move(x - view.rect.x - sprite.get_width() // 2,
                                                   y - view.rect.y - sprite.get_width() // 2)
            space = rich.index("space")[note.space]
            inside = contains(space.polygon, *view.to_map(x, y))
            if mark.collidelist(view.label_rects) < 0:
                moved += inside
            else:  # no free spot in its space: left where it was put
                assert contains(space.polygon, note.x, note.y)
        assert moved >= len(notes) * 3 // 4, (size, kind, moved)


@pytest.mark.parametrize(("size", "kind"), [((1366, 768), "participant"), ((1366, 768), "trainer"),
                                            ((1280, 800), "spectator")])
def test_every_space_of_the_shipped_scenarios_is_named_on_a_laptop_map(size, kind):
    """With no use placed, every space (every part of a split one) gets its name on the map at
    the usual laptop sizes: the roof of a crowded low building too (the Peupliers' toit-terrasse
    found no spot near its building until labels could sit a little further away)."""
    from ilot import scenario_path
    from ilot.game.core import load_scenario

    for name in ("ilot_des_tilleuls", "petit_ilot", "tour_des_peupliers"):
        sc = load_scenario(scenario_path(name))
        view, _ = _draw(sc, size, kind, {})
        assert len(view.label_rects) == len(sc.play_spaces()), (name, size, kind)
