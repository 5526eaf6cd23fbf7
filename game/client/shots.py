"""Screenshots of every phase from real windows under Xvfb: participant, trainer, spectator.

Run `scripts/screenshots.sh` (it installs Xvfb, xdotool and imagemagick when missing). One Xvfb
display per window so windows never hide each other; a local server with bots plays the session
while this script steers it as the trainer and takes `import -window root` pictures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ilot.game.cli import DEFAULT_SCENARIO, ROOT
from ilot.game.core.kinds import PhaseKind, ProposalStatus, Subject
from ilot.game.core.scenario import Scenario
from ilot.game.text import DEFAULT_LANG, lang_for

from .layout import compute
from .local_server import LocalServer

OUT = ROOT / "docs" / "screenshots"
SIZE = (1280, 800)
DISPLAYS = {"participant": ":91", "trainer": ":92", "spectator": ":93"}
LANG = DEFAULT_LANG  # the windows' language (--lang)


def _xvfb(display: str) -> subprocess.Popen[bytes]:
    """A virtual X display of the screenshots' size (our own process: stopped by pid)."""
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    sock = Path(f"/tmp/.X11-unix/X{display[1:]}")
    end = time.monotonic() + 10
    while not sock.exists() and time.monotonic() < end:
        time.sleep(0.05)
    return proc


def _window(kind: str, args: list[str], lang: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DISPLAY=DISPLAYS[kind], SDL_AUDIODRIVER="dummy",
               PYGAME_HIDE_SUPPORT_PROMPT="1",
               XDG_CONFIG_HOME=str(OUT / ".config"), XDG_DATA_HOME=str(OUT / ".config"),
               ILOT_SETTINGS="", ILOT_SEATS="")  # nothing remembered on this laptop
    env.pop("SDL_VIDEODRIVER", None)
    return subprocess.Popen([sys.executable, "-m", "ilot.game.cli", "play", *args, "--lang", lang,
                             "--size", f"{SIZE[0]}x{SIZE[1]}"],
                            env=env, cwd=ROOT)


def _wid(kind: str, pid: int) -> str:
    env = dict(os.environ, DISPLAY=DISPLAYS[kind])
    out = subprocess.run(["xdotool", "search", "--sync", "--pid", str(pid)], env=env,
                         capture_output=True, text=True, timeout=20).stdout.split()
    return out[-1]


def _click(kind: str, wid: str, x: int, y: int) -> None:
    env = dict(os.environ, DISPLAY=DISPLAYS[kind])
    # SDL needs to see the pointer arrive before the button: move, wait a frame, then click
    subprocess.run(["xdotool", "mousemove", "--window", wid, str(x), str(y)], env=env,
                   check=False, timeout=10)
    time.sleep(0.3)
    subprocess.run(["xdotool", "click", "1"], env=env, check=False, timeout=10)
    time.sleep(0.3)


def _shot(kind: str, name: str) -> Path:
    path = OUT / f"{kind}_{name}.png"
    subprocess.run(["import", "-display", DISPLAYS[kind], "-window", "root", str(path)],
                   check=True, timeout=20)
    return path


def console_button() -> tuple[int, int]:
    """The centre of the trainer toolbar's console button, as header.py lays it out."""
    from .header import header_rows, toolbar_rects

    layout = compute(*SIZE, "trainer")
    bar = header_rows(layout.header.w, layout.header.h, "trainer").toolbar
    assert bar is not None
    centre = toolbar_rects(bar)["console"].center
    return layout.header.x + centre[0], layout.header.y + centre[1]


def console_tab(i: int) -> tuple[int, int]:
    import pygame

    from .panels.console import TABS, tab_widths

    pygame.font.init()  # the tabs' widths follow their labels' (console.tab_widths)
    side = compute(*SIZE, "trainer").side
    lang = lang_for(LANG)
    widths = tab_widths(side.w - 2 - 12, [lang.t(v) for v in TABS.values()])
    return side.x + 7 + sum(widths[:i]) + 4 * i + widths[i] // 2, side.y + 22


def side_tab(kind: str, i: int, n: int) -> tuple[int, int]:
    """The centre of the `i`-th of `n` tab buttons at the top of a side panel (Form.row)."""
    side = compute(*SIZE, kind).side
    w = (side.w - 2 - 12 - 4 * (n - 1)) // n
    return side.x + 7 + i * (w + 4) + w // 2, side.y + 1 + 6 + 14


def header_button(kind: str, key: str) -> tuple[int, int]:
    """The centre of a header button (`who`, `fiche`, `invite`), as header.py lays it out."""
    from .header import header_rows

    layout = compute(*SIZE, kind)
    rect = getattr(header_rows(layout.header.w, layout.header.h, kind), key)
    assert rect is not None
    return layout.header.x + rect.centerx, layout.header.y + rect.centery


def _accueil_extras(wids: dict[str, str]) -> None:
    """The accueil beyond its own shots: the participant's « Qui suis-je ? » tab and the
    header's « Qui est là ? », the trainer's console tab « Accueil » (baromètre counts, who
    has no card), the shared screen with the invitation hidden (the distribution shows)."""
    from .panels.console import TABS

    _click("participant", wids["participant"], *side_tab("participant", 1, 2))
    time.sleep(0.8)
    _shot("participant", "accueil_whoami")
    _click("participant", wids["participant"], *header_button("participant", "who"))
    time.sleep(0.8)
    _shot("participant", "who")
    _click("participant", wids["participant"], *header_button("participant", "who"))
    _click("participant", wids["participant"], *side_tab("participant", 0, 2))
    _click("trainer", wids["trainer"], *console_button())
    time.sleep(0.5)
    _click("trainer", wids["trainer"], *console_tab(list(TABS).index("accueil")))
    time.sleep(0.8)
    _shot("trainer", "console_accueil")
    _click("trainer", wids["trainer"], *console_tab(0))
    _click("trainer", wids["trainer"], *console_button())
    side = compute(*SIZE, "spectator").side  # a click on the invitation card hides it
    _click("spectator", wids["spectator"], side.x - 200, side.centery)
    time.sleep(0.8)
    _shot("spectator", "accueil_barometre")


def space_point(scenario: Scenario, space_id: str, kind: str = "participant") -> tuple[int, int]:
    from .mapview import MapView

    class _S:  # MapView.layout only reads the scenario's map
        pass

    s = _S()
    s.scenario = scenario  # type: ignore[attr-defined]  # a stand-in State: only .scenario is read
    mv = MapView(lang_for(DEFAULT_LANG))  # only its geometry is used here
    mv.layout(compute(*SIZE, kind).map, s)  # type: ignore[arg-type]  # the stand-in above
    return mv.space_anchor(s, space_id)  # type: ignore[arg-type]  # the stand-in above


class Trainer:
    """The script's own trainer connection, on the server's loop (`LocalServer.player`: it
    reads every message as it comes, so the keepalive's pongs are read too)."""

    def __init__(self, srv: LocalServer, room: str, code: str):
        self.srv = srv
        self.n = 0
        self.player = srv.player({"as": "trainer", "room": room, "code": code})

    def act(self, action: dict[str, Any]) -> dict[str, Any]:
        self.n += 1
        result: dict[str, Any] = self.srv.run(self.player.act({**action, "id": f"shot{self.n}"},
                                                              timeout=10))
        return result


def _floor_and_closing(srv: LocalServer, room: str, trainer: Trainer) -> None:
    """Someone speaks while others wait for the floor; then the trainer closes the session."""
    state = srv.room_state(room)
    bots = [p for p in state.participants.values() if p.persona and p.name != "Camille"]
    if state.speaker is None and bots:
        trainer.act({"type": "give_floor", "participant": bots[0].id})
    time.sleep(1.5)
    for who in ("participant", "trainer", "spectator"):
        _shot(who, "floor")
    trainer.act({"type": "close_session"})
    time.sleep(2.0)
    for who in ("participant", "trainer", "spectator"):
        _shot(who, "closing")


def _playback(srv: LocalServer, room: str, trainer: Trainer, wid: str) -> None:
    """The simulation played to the first quarter a scenario event fires (its card open on
    every window): the participant, the trainer's buttons, the shared screen; then the
    participant asks « Pourquoi ? » of an indicator."""
    from ilot.game.core.simulation import simulate_state

    traj = simulate_state(srv.room_state(room))
    q = next((x.q for x in traj.quarters if x.events), 6)
    trainer.act({"type": "simulation_playback", "command": "seek", "quarter": q})
    time.sleep(1.5)
    for who in ("participant", "trainer", "spectator"):
        _shot(who, "playback")
    # « Pourquoi ? » on the second indicator's row (the strip, then rows of 17 px at scale 1)
    ind = compute(*SIZE, "participant").indicators
    _click("participant", wid, ind.x + 40, ind.y + 27 + 17 + 8)
    time.sleep(0.8)
    _shot("participant", "playback_why")
    # back at rest for the phases after: the popup closed (a click on it, over the map's
    # bottom left corner), the cards closed by going back to today, then the last quarter
    area = compute(*SIZE, "participant").map
    _click("participant", wid, area.x + 30, area.bottom - 12)
    trainer.act({"type": "simulation_playback", "command": "reset"})
    time.sleep(0.5)
    trainer.act({"type": "simulation_playback", "command": "seek", "quarter": 12})
    time.sleep(0.5)


def _choose_again(srv: LocalServer, url: str, room: str, token: str, only: set[str]) -> None:
    """A phase where everyone chooses a character again (`persona_choice`): the persona page
    with the created characters, then our participant plays the first one approved."""
    from ilot.game.core.kinds import CharacterStatus
    from ilot.game.net.client import Connection

    time.sleep(2.0)
    state = srv.room_state(room)
    if any(p.persona for p in state.participants.values() if p.name == "Camille"):
        return  # no character approved: everyone keeps theirs (rules.characters.reopen_if_first)
    if not only or "persona_choice" in only:
        _shot("participant", "persona_choice")
    approved = [c.id for c in sorted(state.characters.values(), key=lambda c: c.t)
                if c.status == CharacterStatus.APPROVED]

    async def choose() -> None:
        c = await Connection.open(url, {"as": "participant", "room": room, "token": token})
        await c.act({"id": "again", "type": "choose_persona",
                     "persona": approved[0] if approved else "odette"})
        await c.recv(5)
        await c.close()
    srv.run(choose())
    time.sleep(1.0)


def main(argv: list[str] | None = None) -> int:
    global SIZE, OUT, LANG
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--wait", type=float, default=6.0, help="seconds of play per phase")
    p.add_argument("--bots", type=int, default=9)
    p.add_argument("--lang", default="fr")
    p.add_argument("--size", default="1280x800", help="window size WxH (1024x640: the smallest)")
    p.add_argument("--out", default=str(OUT), help="folder for the PNG files")
    p.add_argument("--only", default="", help="phase kinds to take, comma-separated (default: all, "
                   "plus the invitation, the floor and the closing screen; playback: the "
                   "simulation played to its first event; persona_choice: the persona page "
                   "when the characters are offered again)")
    p.add_argument("--displays", default=",".join(DISPLAYS.values()),
                   help="the three X displays (participant, trainer, spectator) to run Xvfb on")
    args = p.parse_args(argv)
    DISPLAYS.update(zip(DISPLAYS, args.displays.split(","), strict=True))
    only = {k for k in args.only.split(",") if k}
    width, height = (int(x) for x in args.size.lower().split("x"))
    SIZE = (width, height)
    OUT = Path(args.out)
    lang = lang_for(args.lang)
    LANG = args.lang
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            raise SystemExit(lang.t("ui.shots.missing_tool", tool=tool))
    OUT.mkdir(parents=True, exist_ok=True)
    xs = [_xvfb(d) for d in DISPLAYS.values()]
    srv = LocalServer()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        url = srv.start()
        room, code = srv.create_room(DEFAULT_SCENARIO)
        scenario = srv.call(lambda: srv.server.rooms[room].scenario)
        # our participant: joined and given a persona here, then its window rejoins by token
        from ilot.game.net.client import Connection

        async def seat() -> str:
            c = await Connection.open(url, {"as": "participant", "room": room, "name": "Camille"})
            await c.act({"id": "persona", "type": "choose_persona", "persona": "odette"})
            await c.recv(5)
            await c.close()
            return str(c.welcome["token"])
        token = srv.run(seat())
        srv.start_bots(room, args.bots, pace=0.04)
        trainer = Trainer(srv, room, code)
        windows = {
            "participant": _window("participant", [url, "--room", room, "--token", token], args.lang),
            "trainer": _window("trainer", [url, "--room", room, "--trainer", code], args.lang),
            "spectator": _window("spectator", [url, "--room", room, "--spectator"], args.lang),
        }
        procs += windows.values()
        wids = {k: _wid(k, pr.pid) for k, pr in windows.items()}
        time.sleep(2)
        clicks = {"etat_des_lieux": "cour", "ressources": "salle_commune", "ateliers": "friche",
                  "schema_directeur": "salle_commune", "plan_action": "jardin",
                  "world_cafe": None}
        for i, phase in enumerate(scenario.phases):
            trainer.act({"type": "set_phase", "phase": i})
            kind = phase.kind
            if kind == PhaseKind.ATELIERS:
                trainer.act({"type": "form_groups", "count": 3, "random": True})
            if kind == PhaseKind.MISE_EN_COMMUN:
                trainer.act({"type": "spotlight", "group": "g1"})
            space = clicks.get(kind)
            time.sleep(1.0)
            if phase.persona_choice:  # everyone chooses again: our participant too
                _choose_again(srv, url, room, token, only)
            if space:
                _click("participant", wids["participant"], *space_point(scenario, space))
            time.sleep(args.wait)
            state = srv.room_state(room)
            if kind == PhaseKind.PERSONNAGES:  # the bots' characters: all but one approved
                drafts = sorted((c for c in state.characters.values() if c.status == "draft"),
                                key=lambda c: c.t)
                for c in drafts[1:]:
                    trainer.act({"type": "character_review", "character": c.id, "decision": "approve",
                                 "comment": ""})
                time.sleep(1.0)
            if kind == PhaseKind.DELIBERATION:
                opened = [p.id for p in state.proposals.values() if p.status == ProposalStatus.OPEN][:3]
                for pid in opened:
                    trainer.act({"type": "open_round", "subject": str(Subject.of_proposal(pid))})
                    time.sleep(args.wait / 2)
                    if pid == opened[0]:
                        _shot("participant", kind)
                        _shot("spectator", kind + "_vote")
                        _click("trainer", wids["trainer"], *console_button())  # console
                        time.sleep(0.5)
                        _click("trainer", wids["trainer"], *console_tab(2))
                        time.sleep(0.6)
                        _shot("trainer", "console_votes")
                        _click("trainer", wids["trainer"], *console_button())
                    rid = next(r.id for r in srv.room_state(room).rounds.values()
                               if r.subject == Subject.of_proposal(pid) and r.closed_at is None)
                    trainer.act({"type": "close_round", "round": rid})
                time.sleep(1.0)
                _shot("trainer", kind)
                _shot("spectator", kind)
                continue
            if kind == PhaseKind.CONSENSUS_FINAL:
                trainer.act({"type": "finalise_plan", "items": list(state.plan)})
                if state.charter:
                    trainer.act({"type": "open_round", "subject": "charter"})
                trainer.act({"type": "open_round", "subject": "final_plan"})
                time.sleep(args.wait / 2)
            if kind == PhaseKind.ACCUEIL and not only:
                trainer.act({"type": "show_invitation"})  # on the trainer's window too
                time.sleep(1.0)
                _shot("trainer", "invitation")
                trainer.act({"type": "show_invitation", "shown": False})
                time.sleep(0.5)
            playback = kind == PhaseKind.SCHEMA_DIRECTEUR and (not only or "playback" in only)
            if only and kind not in only:
                if playback:
                    _playback(srv, room, trainer, wids["participant"])
                continue
            for who in ("participant", "trainer", "spectator"):
                _shot(who, kind)
            if kind == PhaseKind.ACCUEIL:
                _accueil_extras(wids)
            if playback:  # after the phase's own shots, which show the playback at rest
                _playback(srv, room, trainer, wids["participant"])
            if kind == PhaseKind.CONSENSUS_FINAL:
                for r in srv.room_state(room).rounds.values():
                    if r.closed_at is None:
                        trainer.act({"type": "close_round", "round": r.id})
            if kind == PhaseKind.ATELIERS:
                _click("trainer", wids["trainer"], *console_button())
                time.sleep(0.6)
                _shot("trainer", "console_session")
                _click("trainer", wids["trainer"], *console_tab(1))
                time.sleep(0.6)
                _shot("trainer", "console_groups")
                _click("trainer", wids["trainer"], *console_tab(0))
                _click("trainer", wids["trainer"], *console_button())
        if not only:
            _floor_and_closing(srv, room, trainer)
        srv.run(trainer.player.close())
        print(lang.t("ui.shots.done", folder=OUT))
        return 0
    finally:
        for pr in procs:
            pr.terminate()
        for pr in procs:
            try:
                pr.wait(5)
            except subprocess.TimeoutExpired:
                pr.kill()
        srv.stop()
        shutil.rmtree(OUT / ".config", ignore_errors=True)
        for x in xs:
            x.terminate()
            x.wait(5)


if __name__ == "__main__":
    sys.exit(main())
