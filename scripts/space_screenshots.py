"""Screenshots of the map with a space in parts, a basement and a roof (docs/screenshots/spaces).

Runs a real local server and the real client with SDL's dummy video driver, on the test
scenario tests/data/parts_and_levels.json (a friche of capacity 3, caves in the basement, a
toit-terrasse): the état des lieux with a part selected, then the schéma directeur with uses on
the parts, at 1366×768 and 1024×700. Run from the repository: `python scripts/space_screenshots.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pygame  # noqa: E402

from ilot.game.core.geometry import centroid  # noqa: E402
from tests.client.conftest import Harness, click, pump  # noqa: E402
from tests.client.test_play import set_phase  # noqa: E402

PARTS = ROOT / "tests" / "data" / "parts_and_levels.json"
OUT = ROOT / "docs" / "screenshots" / "spaces"
SCHEMA = [("friche-1", "jardin_partage", 1), ("friche-2", "aire_jeux", 2),
          ("friche-3", "composteur", 1), ("toit", "vegetalisation", 2),
          ("caves", "velos_securise", 3)]


def settle(app) -> None:
    for _ in range(20):
        app.step()
        app.clock.tick(200)


def shoot(size: tuple[int, int]) -> None:
    h = Harness(Path(tempfile.mkdtemp()), PARTS)
    try:
        app = h.app({"as": "participant", "room": h.room, "name": "Amélie"}, size=size)
        pump(app, lambda: app.screen == "persona")
        app.act({"type": "choose_persona", "persona": app.model.scenario.personas[0].id})
        pump(app, lambda: app.screen == "main")
        sc, tag = app.model.scenario, f"{size[0]}x{size[1]}"
        set_phase(h, app, "etat_des_lieux")
        click(app, app.map.to_screen(*centroid(sc.space("friche-2").polygon)))
        pump(app, lambda: app.selected_space == "friche-2")
        settle(app)
        pygame.image.save(app.window, str(OUT / f"etat_{tag}.png"))
        set_phase(h, app, "schema_directeur")
        for space, use, year in SCHEMA:
            assert h.trainer_act({"type": "schema_place", "space": space, "use": use,
                                  "year": year})["t"] == "ack"
        pump(app, lambda: len(app.model.state.schema) == len(SCHEMA))
        click(app, app.map.to_screen(*centroid(sc.space("caves").polygon)))
        pump(app, lambda: app.selected_space == "caves")
        settle(app)
        pygame.image.save(app.window, str(OUT / f"schema_{tag}.png"))
    finally:
        h.close()


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in ((1366, 768), (1024, 700)):
        shoot(size)
    print(OUT)
