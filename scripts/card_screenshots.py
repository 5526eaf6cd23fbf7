"""Screenshots of the spaces' cards: the trainer's builder in the café and in the console, and
a participant reading a card on day 2. Headless (SDL's dummy driver draws the whole window),
driven with the client tests' harness (a real server on 127.0.0.1, the real client loop).

Usage: python scripts/card_screenshots.py 1366x768 docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TMP = Path(tempfile.mkdtemp())
os.environ.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
                  ILOT_SEATS=str(TMP / "seats.json"), ILOT_SETTINGS=str(TMP / "display.json"))
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

import pygame  # noqa: E402

from tests.client.conftest import RICH, Harness, click, click_widget, pump, tick, wait_server  # noqa: E402
from tests.client.test_play import joined, space_point  # noqa: E402
from tests.client.test_session import act_as, as_trainer, phase_index, pid_of, seat  # noqa: E402

NOTES = ["La cour sert de parking sauvage le soir", "Il manque un banc à l'ombre dans la cour",
         "Le jardin des Acacias est fermé à clé, personne ne sait qui a la clé",
         "Une fête des voisins dans la cour, au printemps",
         "La salle commune : qui garde les clés ?",
         "Les jeunes se retrouvent dans le hall B faute d'autre lieu"]


def shot(out: Path, name: str, app: object) -> None:
    for _ in range(10):
        app.step()  # type: ignore[attr-defined]
    pygame.image.save(pygame.display.get_surface(), str(out / name))


def main(size: str, out: Path) -> None:
    w, h_ = (int(x) for x in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    h = Harness(TMP, RICH)
    make = h.app
    h.app = lambda hello=None, **kw: make(hello, size=(w, h_), **kw)  # type: ignore[method-assign]
    try:
        ps = [p.id for p in h.state().scenario.personas]
        names = ["Ana", "Bob", "Chloé", "Driss", "Élise", "Farid"]
        people = [seat(h, n, ps[i % len(ps)]) for i, n in enumerate(names)]
        h.trainer_act({"type": "set_phase", "phase": phase_index(h, "world_cafe")})
        for c, text in zip(people, NOTES, strict=True):
            table = h.state().cafe_table_of(pid_of(c))
            act_as(h, c, {"type": "cafe_note", "table": table, "text": text})
        notes = list(h.state().cafe_notes)
        tr = as_trainer(h)
        pump(tr, lambda: tr.side.name == "world_cafe")
        click(tr, space_point(tr, "cour"))
        pump(tr, lambda: "card_notes" in tr.side.widgets)
        tick(tr, tr.side.widgets["card_notes"], notes[0])
        tick(tr, tr.side.widgets["card_notes"], notes[1])
        click_widget(tr, tr.side.widgets["card_add"])
        wait_server(h, lambda s: len(s.space_cards) == 1, tr)
        tick(tr, tr.side.widgets["card_notes"], notes[3])
        pump(tr, lambda: len(tr.model.state.space_cards) == 1)
        shot(out, "cards_trainer_cafe.png", tr)
        click_widget(tr, tr.side.widgets["card_add"])
        wait_server(h, lambda s: len(s.space_cards) == 2, tr)
        h.trainer_act({"type": "set_phase", "phase": phase_index(h, "deliberation")})
        pump(tr, lambda: tr.side.name == "deliberation")
        click_widget(tr, tr.header.widgets["console"])
        pump(tr, lambda: tr.side.name == "console")
        click_widget(tr, tr.side.widgets["tab:cards"])
        pump(tr, lambda: "card_text" in tr.side.widgets)
        click(tr, space_point(tr, "cour"))
        pump(tr, lambda: "card_line" in tr.side.widgets and len(tr.model.state.space_cards) == 2)
        shot(out, "cards_trainer_console.png", tr)
        ch = joined(h, "Gaëlle", persona=ps[2])
        pump(ch, lambda: ch.side.name == "deliberation")
        click(ch, space_point(ch, "cour"))
        pump(ch, lambda: "Ce que" in ch.side.widgets["box"].html_text)
        shot(out, "cards_participant_day2.png", ch)
    finally:
        h.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
