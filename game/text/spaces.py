"""How a space is named to people: its name, then its level when it is not at street level."""

from __future__ import annotations

from ilot.game.core.kinds import SpaceLevel
from ilot.game.core.scenario import Scenario, Space

from .lang import Lang


def level_word(lang: Lang, level: SpaceLevel) -> str:
    """« sous-sol », « toit »…"""
    return lang.t(f"space.level.{level}")


def space_name(lang: Lang, space: Space) -> str:
    """« Caves du bâtiment A (sous-sol) », « Friche (2/3) », « Cour »."""
    if space.level == SpaceLevel.GROUND:
        return space.name
    return lang.t("space.name_level", name=space.name, level=level_word(lang, space.level))


def service_place(lang: Lang, sc: Scenario, use_id: str) -> str:
    """Where a service with no space runs: « service de l'îlot » / « service : Bâtiment C »."""
    use = sc.index("use").get(use_id)
    building = sc.index("building").get(use.building) if use and use.building else None
    if building is not None:
        return lang.t("sim.service_of_building", building=building.name)
    return lang.t("term.use_attach.ilot")
