"""Screenshots of the created characters' screens (docs/screenshots/characters).

Runs a real local server on the shipped ilot_des_tilleuls scenario and the real client with
SDL's dummy video driver: three participants (one a caretaker in real life, by the baromètre)
write characters in the « Création des personnages » phase, the trainer approves one and sends
one back; then, at 1366×768 and 1024×700: a participant's panel (their characters and the
trainer's comment), the editor partly filled, the trainer's review, and the persona page when
the characters are offered again (day 2). Run from the repository:
`python scripts/character_screenshots.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pygame  # noqa: E402

from ilot.game.client.app import App  # noqa: E402
from ilot.game.client.local_server import LocalServer  # noqa: E402
from ilot.game.net.client import Connection  # noqa: E402
from tests.client.conftest import click_widget, pump  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "characters"
SCENARIO = ROOT / "scenarios" / "ilot_des_tilleuls.json"
EDITOR = {"name": "Éloïse Martin", "age": "52 ans", "situation": "Gardienne de la résidence depuis 1998",
          "bio": "Ancienne cheffe de chantier, elle connaît chaque cave ; très attachée à la cour.",
          "needs": "Un local à vélos qui ferme à clé", "text0": "Que la cour reste ouverte aux enfants",
          "text1": "Des charges à 80 € au plus", "euros1": "80"}


def save(app: App, path: Path) -> None:
    app.dirty = True  # a part rebuilt here, out of the loop: the whole window drawn again
    for _ in range(20):  # a few frames: everything drawn
        app.step()
        app.clock.tick(100)
    surface = pygame.display.get_surface()
    assert surface is not None
    pygame.image.save(surface, str(path))
    print(path.relative_to(ROOT))


class Room:
    """The server, a trainer connection and the participants' connections, steered here."""

    def __init__(self) -> None:
        self.srv = LocalServer(Path(tempfile.mkdtemp()) / "data", ping_interval=None)
        self.url = self.srv.start()
        self.room, self.code = self.srv.create_room(SCENARIO)
        self.n = 0
        self.trainer = self.srv.run(Connection.open(self.url, {"as": "trainer", "room": self.room,
                                                               "code": self.code}))
        self.people: dict[str, Any] = {}

    def act(self, conn: Any, action: dict[str, Any]) -> dict[str, Any]:
        self.n += 1
        aid = f"a{self.n}"

        async def go() -> dict[str, Any]:
            await conn.act({**action, "id": aid})
            while True:
                msg = await conn.recv(10)
                if msg.get("t") in ("ack", "reject") and msg.get("id") == aid:
                    return dict(msg)
        reply = self.srv.run(go())
        if reply["t"] != "ack":
            raise SystemExit(f"{action['type']} refused: {reply}")
        return reply

    def join(self, name: str, persona: str) -> None:
        conn = self.srv.run(Connection.open(self.url, {"as": "participant", "room": self.room, "name": name}))
        self.people[name] = conn
        self.act(conn, {"type": "choose_persona", "persona": persona})

    def token(self, name: str) -> str:
        """`name`'s seat, their connection closed: a window takes it."""
        conn = self.people.pop(name)
        self.srv.run(conn.close())
        return str(conn.welcome["token"])

    def phase(self, kind: str) -> None:
        kinds = [p.kind for p in self.srv.room_state(self.room).scenario.phases]
        self.act(self.trainer, {"type": "set_phase", "phase": kinds.index(kind)})

    def write(self, who: str, **fields: Any) -> str:
        action = {"type": "character_write", "character": None, "age": "", "situation": "", "bio": "",
                  "needs": "", "objectives": [], "portrait": "p01", "coauthors": [], **fields}
        before = set(self.srv.room_state(self.room).characters)
        self.act(self.people[who], action)
        (cid,) = set(self.srv.room_state(self.room).characters) - before
        return cid


def prepare() -> tuple[Room, dict[str, str]]:
    r = Room()
    for name, persona in (("Awa", "fatima"), ("Bruno", "marc"), ("Chloé", "claire")):
        r.join(name, persona)
    statement = r.srv.room_state(r.room).scenario.barometre[0].id
    r.act(r.people["Awa"], {"type": "barometre_place", "statement": statement, "level": 4,
                            "real_role": "field_staff"})
    r.phase("personnages")
    ids = {p.name: p.id for p in r.srv.room_state(r.room).participants.values()}
    made = {
        "mamadou": r.write("Bruno", name="Mamadou Sy", role="resident", age="67 ans",
                           situation="Retraité de la RATP, locataire de la tour C",
                           bio="Il descend chaque matin dans la cour et connaît tous les enfants par leur "
                               "prénom. Il rêve d'un jardin partagé.",
                           needs="Un banc à l'ombre et un coin potager", portrait="p08",
                           objectives=[{"text": "Qu'un jardin partagé ouvre dans la cour", "kind": "judged"}],
                           coauthors=[ids["Chloé"]]),
        "ines": r.write("Chloé", name="Inès Benhamou", role="manager", age="34 ans",
                        situation="Chargée de gestion locative", portrait="p19",
                        bio="Elle arrive de Lyon et découvre l'îlot ; elle veut des règles claires.",
                        objectives=[{"text": "Des charges à 75 € au plus", "kind": "charges_ceiling",
                                     "euros": 75}]),
        "lucas": r.write("Bruno", name="Lucas Petit", role="caretaker", age="26 ans",
                         situation="Agent d'entretien", bio="Nouveau sur le site.", portrait="p13"),
    }
    r.act(r.trainer, {"type": "character_review", "character": made["mamadou"], "decision": "approve",
                      "comment": ""})
    r.act(r.trainer, {"type": "character_review", "character": made["lucas"], "decision": "send_back",
                      "comment": "Donnez-lui un objectif et dites ce qu'il attend des espaces."})
    return r, made


def shots(size: tuple[int, int]) -> None:
    out = OUT / f"{size[0]}x{size[1]}"
    out.mkdir(parents=True, exist_ok=True)
    r, made = prepare()
    try:
        # a participant's panel, then the editor partly filled
        app = App(url=r.url, hello={"as": "participant", "room": r.room, "token": r.token("Bruno")}, size=size)
        pump(app, lambda: app.screen == "main" and app.side is not None and "create" in app.side.widgets)
        save(app, out / "participant_panel.png")
        click_widget(app, app.side.widgets["create"])
        pump(app, lambda: app.screen == "character")
        for _ in range(10):  # the click's last UI events handled: the editor is open and empty
            app.step()
            app.clock.tick(100)
        for key, text in EDITOR.items():
            app.ctx.drafts[("character", key)] = text
        app.ctx.memory("character").update({"role": "caretaker", "portrait": "p10", "dd:kind0": "use",
                                            "dd:kind1": "charges_ceiling"})
        assert app.page is not None
        app.page.rebuild()
        save(app, out / "participant_editor.png")
        app.close()
        # the trainer's review, one character ticked
        app = App(url=r.url, hello={"as": "trainer", "room": r.room, "code": r.code}, size=size)
        pump(app, lambda: app.screen == "main" and app.side is not None and "picked" in app.side.widgets)
        app.ctx.memory("personnages")["picked"] = [made["mamadou"]]
        app.side.rebuild()
        save(app, out / "trainer_review.png")
        app.close()
        # day 2: the characters offered again; Awa (a caretaker in real life) chooses
        phases = r.srv.room_state(r.room).scenario.phases
        first = next(i for i, p in enumerate(phases) if p.persona_choice)
        r.act(r.trainer, {"type": "set_phase", "phase": first})
        app = App(url=r.url, hello={"as": "participant", "room": r.room, "token": r.token("Awa")}, size=size)
        pump(app, lambda: app.screen == "persona" and app.page is not None
             and f"persona:{made['mamadou']}" in app.page.widgets)
        time.sleep(0.2)
        save(app, out / "participant_persona_pool.png")
        app.close()
    finally:
        r.srv.stop()


if __name__ == "__main__":
    for wanted in ((1366, 768), (1024, 700)):
        shots(wanted)
