"""A space of capacity k shows as k parts on the client's map: each part is clicked and chosen
as a space, its name says which part; a basement's name says « sous-sol ». Through the client's
own loop against a real server on the test scenario with a friche in three parts."""

from __future__ import annotations

import pytest
from pygame_gui.elements import UILabel

from ilot.game.core.geometry import centroid

from .conftest import ROOT, Harness, click, pump
from .test_play import joined, set_phase

PARTS = ROOT / "tests" / "data" / "parts_and_levels.json"


@pytest.fixture
def parts_harness(tmp_path):
    h = Harness(tmp_path, PARTS)
    yield h
    h.close()


def labels(app) -> list[str]:
    return [e.text for e in app.ui.get_sprite_group().sprites() if isinstance(e, UILabel)]


def test_each_part_is_clicked_and_chosen_as_a_space(parts_harness):
    h = parts_harness
    app = joined(h)
    set_phase(h, app, "etat_des_lieux")
    sc = app.model.scenario
    assert [p.id for p in sc.parts_of("friche")] == ["friche-1", "friche-2", "friche-3"]
    for n, part in enumerate(sc.parts_of("friche"), start=1):
        pos = app.map.to_screen(*centroid(part.polygon))
        assert app.map.space_at(app.model.state, pos) == part.id
        click(app, pos)
        pump(app, lambda p=part: app.selected_space == p.id)
        pump(app, lambda n=n: f"Espace\u00a0: Friche ({n}/3)" in labels(app))
    # a note on a part is a note on that space, as on any other
    part = sc.space("friche-2")
    x, y = centroid(part.polygon)
    app.act({"type": "add_note", "space": "friche-2", "kind": "idee", "text": "Un verger",
             "x": x, "y": y})
    pump(app, lambda: any(n.space == "friche-2" for n in app.model.state.notes.values()))
    # the caves are a basement: their name says so
    caves = sc.space("caves")
    click(app, app.map.to_screen(*centroid(caves.polygon)))
    pump(app, lambda: app.selected_space == "caves")
    pump(app, lambda: "Espace\u00a0: Caves (sous-sol)" in labels(app))


def test_the_map_draws_the_parent_outline_over_the_parts(parts_harness):
    """Between two parts the separator is dashed (some pixels of the fill show through); the
    friche's own edge is a solid line."""
    h = parts_harness
    app = joined(h)
    set_phase(h, app, "etat_des_lieux")
    pump(app, lambda: app.map._base is not None)
    sc, view, base = app.model.scenario, app.map, app.map._base
    one, two = sc.space("friche-1"), sc.space("friche-2")
    cut_y = max(y for _, y in one.polygon)
    assert cut_y == min(y for _, y in two.polygon)
    xs = [x for x, _ in next(s for s in sc.spaces if s.id == "friche").polygon]
    ox, oy = view.rect.topleft

    def pixels(points):
        return [tuple(base.get_at((px - ox, py - oy)))[:3] for px, py in points]

    left, right = view.to_screen(min(xs), cut_y), view.to_screen(max(xs), cut_y)
    cut = pixels([(x, left[1]) for x in range(left[0] + 4, right[0] - 4)])
    edge_x = left[0]
    top, bottom = view.to_screen(min(xs), 32), view.to_screen(min(xs), 62)
    edge = pixels([(edge_x, y) for y in range(top[1] + 2, bottom[1] - 2)])
    assert len(set(edge)) == 1  # one solid colour all along the friche's west edge
    assert len(set(cut)) >= 2  # dashes and gaps along the cut between two parts
