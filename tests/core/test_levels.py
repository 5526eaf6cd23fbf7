"""Levels of spaces: basement, ground, upper, roof; named as such in both languages."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from helpers import PARTS_FILE, ROOT

from ilot.game.core.geometry import contains, hatch
from ilot.game.core.kinds import SpaceLevel
from ilot.game.core.scenario_check import ScenarioCode, check_data
from ilot.game.text import lang_for
from ilot.game.text.spaces import space_name

FR, EN = lang_for("fr"), lang_for("en")


def test_a_space_is_on_the_ground_unless_the_scenario_says_otherwise(short, rich):
    assert {s.level for s in short.spaces} == {SpaceLevel.GROUND}
    levels = {s.id: s.level for s in rich.spaces}
    assert levels["caves_a"] == SpaceLevel.BASEMENT
    assert levels["toit_terrasse"] == SpaceLevel.ROOF
    assert {lv for sid, lv in levels.items() if sid not in ("caves_a", "toit_terrasse")} == {
        SpaceLevel.GROUND}


def test_names_say_the_level_in_french_and_english(rich):
    caves, toit, cour = (rich.space(i) for i in ("caves_a", "toit_terrasse", "cour"))
    assert space_name(FR, caves) == "Caves du bâtiment A (sous-sol)"
    assert space_name(FR, toit) == "Toit-terrasse du bâtiment D (toit)"
    assert space_name(EN, caves) == "Caves du bâtiment A (basement)"
    assert space_name(FR, cour) == space_name(EN, cour) == cour.name == "Cour centrale"
    upper = cour.model_copy(update={"level": SpaceLevel.UPPER})
    assert space_name(FR, upper) == "Cour centrale (étage)"


def test_the_side_panel_title_names_the_level(rich):
    assert FR.t("ui.space_selected", name=space_name(FR, rich.space("caves_a"))) == \
        "Espace\u00a0: Caves du bâtiment A (sous-sol)"


def test_parts_keep_their_parent_level():
    data = json.loads(PARTS_FILE.read_text("utf-8"))
    friche = next(s for s in data["spaces"] if s["id"] == "friche")
    friche["level"] = "upper"
    sc, errors = check_data(data)
    assert sc is not None, errors
    assert {p.level for p in sc.parts_of("friche")} == {SpaceLevel.UPPER}
    assert space_name(FR, sc.space("friche-2")) == "Friche (2/3) (étage)"


@pytest.mark.parametrize("level", ["cellar", "Basement", 1])
def test_an_unknown_level_is_refused_with_the_levels_allowed(level):
    data = json.loads((ROOT / "scenarios" / "petit_ilot.json").read_text("utf-8"))
    data["spaces"][1]["level"] = level
    sc, errors = check_data(data)
    assert sc is None
    assert [(e.path, e.code) for e in errors] == [("spaces[1].level",
                                                   ScenarioCode.NOT_ALLOWED_VALUE)]
    assert errors[0].params["expected"] == ["basement", "ground", "upper", "roof"]


def test_hatching_lines_stay_inside_the_shape():
    square = [(0, 0), (30, 0), (30, 20), (0, 20)]
    lines = hatch(square, 5)
    assert len(lines) == 10  # x + y = 2.5, 7.5 … 47.5
    for (x1, y1), (x2, y2) in lines:
        assert x1 + y1 == pytest.approx(x2 + y2)  # one diagonal each
        assert all(-1e-9 <= x <= 30 + 1e-9 and -1e-9 <= y <= 20 + 1e-9 for x, y in ((x1, y1), (x2, y2)))
        assert contains(square, (x1 + x2) / 2, (y1 + y2) / 2)
    l_shape = [(0, 0), (40, 0), (40, 10), (10, 10), (10, 40), (0, 40)]
    for a, b in hatch(l_shape, 3):  # a concave shape: each piece inside, none across the notch
        assert contains(l_shape, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    per_line = Counter(round(a[0] + a[1], 6) for a, _ in hatch(l_shape, 3))
    assert max(per_line.values()) == 2  # a line across the notch is cut in two
