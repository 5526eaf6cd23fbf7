"""The session as its people live it, through the client's own loop and a real server:
« Ma fiche » in every phase (a late joiner too) with whether the plan meets each private
objective, the agenda strip and « À faire maintenant », who has done the phase's task (trainer),
the floor queue from « Je demande la parole » to « Vider la file », and the end of the session
(close, the closing screen for everyone, actions refused, the debrief, reopen)."""

from __future__ import annotations

import time
from typing import Any

from ilot.game.cli import main as ilot
from ilot.game.client.agenda import ACCENT
from ilot.game.core.decide import Actor
from ilot.game.core.kinds import AgendaStatus
from ilot.game.core.simulation import simulate_state
from ilot.game.core.views import todo
from ilot.game.net.client import Connection
from ilot.game.text import lang_for

from .conftest import Harness, button, click_widget, pump, wait_server
from .test_play import joined

FR = lang_for("fr")
PLAN_PHASES = ("schema_directeur", "plan_action", "synthese")


def seat(h: Harness, name: str, persona: str) -> Connection:
    """Another participant, over a connection of its own, with a character."""
    async def go() -> Connection:
        c = await Connection.open(h.url, {"as": "participant", "room": h.room, "name": name})
        await c.act({"id": "persona", "type": "choose_persona", "persona": persona})
        while (await c.recv(10)).get("id") != "persona":
            pass
        return c
    return h.srv.run(go())


def act_as(h: Harness, c: Connection, action: dict[str, Any]) -> dict[str, Any]:
    async def go() -> dict[str, Any]:
        aid = f"a{time.monotonic_ns()}"
        await c.act({**action, "id": aid})
        while True:
            msg = await c.recv(10)
            if msg.get("t") in ("ack", "reject") and msg.get("id") == aid:
                return msg
    return h.srv.run(go())


def pid_of(c: Connection) -> str:
    return str(c.welcome["you"]["id"])


def phase_index(h: Harness, kind: str) -> int:
    return [p.kind for p in h.state().scenario.phases].index(kind)


def go_to(h: Harness, app, kind: str) -> None:
    i = phase_index(h, kind)
    assert h.trainer_act({"type": "set_phase", "phase": i})["t"] == "ack"
    pump(app, lambda: app.model.state.phase == i and app.header.title.text.find(
        h.state().scenario.phases[i].title) >= 0)


def as_trainer(h: Harness):
    app = h.app({"as": "trainer", "room": h.room, "code": h.code})
    pump(app, lambda: app.screen in ("main", "closing"))
    return app


def as_screen(h: Harness):
    app = h.app({"as": "spectator", "room": h.room})
    pump(app, lambda: app.screen in ("main", "closing"))
    return app


def back_as(h: Harness, token: str):
    """The same participant's window again (their seat's token)."""
    app = h.app({"as": "participant", "room": h.room, "token": token})
    pump(app, lambda: app.screen in ("main", "closing"))
    return app


def open_fiche(app) -> str:
    if app.side.name != "fiche":
        click_widget(app, app.header.widgets["fiche"])
        pump(app, lambda: app.side.name == "fiche")
    return str(app.side.widgets["box"].html_text)


# ----- « Ma fiche » -----

def test_the_fiche_is_there_in_every_phase_and_for_a_late_joiner(harness):
    h = harness
    trainer_moves = phase_index(h, "etat_des_lieux")
    assert h.trainer_act({"type": "set_phase", "phase": trainer_moves})["t"] == "ack"
    app = joined(h, "Zoé", "josiane")  # joins after Accueil: the card is still there
    persona = app.model.scenario.index("persona")["josiane"]
    # the server sends them to this seat alone, once the character is chosen
    pump(app, lambda: app.model.private_objectives)
    objectives = [o["text"] for o in app.model.private_objectives]
    assert len(objectives) == 2
    for i, phase in enumerate(app.model.scenario.phases):
        if i != app.model.state.phase:
            go_to(h, app, phase.kind)
        assert app.side.name == phase.kind  # a new phase shows its own panel first
        html = open_fiche(app)
        assert persona.name in html and "Zoé" in html
        for text in objectives:
            assert text.replace("'", "&#x27;") in html or text in html
        measured = FR.t("ui.fiche_with_plan") in html
        assert measured == (phase.kind in PLAN_PHASES), phase.kind
        assert app.header.widgets["fiche"].text == FR.t("ui.fiche_back")
        click_widget(app, button(app.side, "close"))  # « Revenir à la phase »
        pump(app, lambda: app.side.name == phase.kind)


def test_the_fiche_says_which_objectives_the_plan_meets(harness):
    h = harness
    app = joined(h, "Zoé", "josiane")
    pump(app, lambda: app.model.private_objectives)
    go_to(h, app, "schema_directeur")
    html = open_fiche(app)
    s = app.model.state
    from ilot.game.client.readmodels import my_objectives_met
    from ilot.game.core.kinds import ObjectiveKind
    from ilot.game.text.objectives import STATUS

    expected = my_objectives_met(s, "josiane", app.model.private_objectives, simulate_state(s))
    assert [v.objective.kind for v in expected] == [ObjectiveKind.USE, ObjectiveKind.INDICATOR]
    lines = html.split("<br>")
    for v in expected:
        line = next(ln for ln in lines if v.objective.text.split(" ")[0] in ln and "•" in ln)
        assert FR.t(STATUS[v.status]) in line
    # each says what was measured against its target: the indicator's value, the use's place
    assert FR.t("objective.target.at_least", value="55") in html
    salle = FR.t("objective.in_space", what="Salle des habitants", space="Ancienne loge")
    assert FR.t("objective.use.absent", what=salle).replace("'", "&#x27;") in html
    assert expected[0].status == "not_met"
    # the trainer places the salle in the ancienne loge: the card follows, « atteint »
    assert h.trainer_act({"type": "schema_place", "space": "ancienne_loge", "use": "salle_associative",
                          "year": 1})["t"] == "ack"
    running = FR.t("objective.use.running_here", what=salle).replace("'", "&#x27;")
    html = pump(app, lambda: running in app.side.widgets["box"].html_text
                and str(app.side.widgets["box"].html_text))
    line = next(ln for ln in html.split("<br>") if "ancienne loge devienne" in ln)
    assert line.endswith(FR.t("objective.status.met") + "</b></font>"), line
    # a change of phase puts the phase's panel back
    go_to(h, app, "plan_action")
    pump(app, lambda: app.side.name == "plan_action")


# ----- where we are -----

def test_agenda_strip_and_what_to_do_now(harness):
    h = harness
    app = joined(h)
    for kind in ("accueil", "etat_des_lieux", "deliberation"):
        if app.model.state.phase_kind != kind:
            go_to(h, app, kind)
        s = app.model.state
        strip = app.header.strip
        pump(app, lambda: [c.index for c in strip.cells
                           if c.status == AgendaStatus.CURRENT] == [s.phase])
        text = strip.text()
        assert FR.t("ui.agenda_day", n="1") in text
        from ilot.game.core.views import agenda

        current = next(e for e in agenda(s) if e.status == AgendaStatus.CURRENT)
        assert f"{current.start_clock}–{current.end_clock}" in text
        code = todo(s, Actor.participant(app.model.me))
        pump(app, lambda: app.header.todo.text == FR.t("ui.todo_now") + " "
             + FR.t(f"term.todo.{code}"))
    # the shared screen has the strip but no « À faire » line
    screen = as_screen(h)
    assert screen.header.todo is None and screen.header.strip.text()


def test_the_trainer_sees_who_has_done_the_phase_task(harness):
    h = harness
    awa, bruno = seat(h, "Awa", "josiane"), seat(h, "Bruno", "karim")
    app = as_trainer(h)
    go_to(h, app, "etat_des_lieux")
    pump(app, lambda: app.header.progress.text.startswith(
        FR.t("ui.progress_etat_des_lieux", count="0", total="2")))
    assert "Awa" in app.header.progress.text and "Bruno" in app.header.progress.text
    code = todo(app.model.state, Actor.trainer())
    assert app.header.todo.text.endswith(FR.t(f"term.todo.{code}"))
    space = app.model.scenario.spaces[0].id
    reply = act_as(h, awa, {"type": "add_note", "space": space, "kind": "probleme",
                            "text": "Hall sombre le soir"})
    assert reply["t"] == "ack"
    pump(app, lambda: app.header.progress.text.startswith(
        FR.t("ui.progress_etat_des_lieux", count="1", total="2")))
    waiting = app.header.progress.text.split("—", 1)[1]
    assert "Bruno" in waiting and "Awa" not in waiting
    # the console's list says it per person too
    click_widget(app, app.header.widgets["console"])
    pump(app, lambda: app.side.name == "console")
    html = app.side.widgets["box"].html_text
    assert FR.t("ui.progress_done_mark") in html and FR.t("ui.progress_waiting_mark") in html
    act_as(h, bruno, {"type": "add_note", "space": space, "kind": "idee", "text": "Un banc"})
    pump(app, lambda: FR.t("ui.progress_all_done") in app.header.progress.text)
    for c in (awa, bruno):
        h.srv.run(c.close())


# ----- the floor -----

def test_the_floor_from_asking_to_an_empty_queue(harness):
    h = harness
    app = joined(h, "Camille", "josiane")
    me, token = app.model.me, app.model.token
    # « Je demande la parole »: in the queue, the button now withdraws
    assert app.header.widgets["floor"].text == FR.t("ui.floor_ask")
    click_widget(app, app.header.widgets["floor"])
    wait_server(h, lambda s: [r.participant for r in s.floor_queue] == [me], app)
    pump(app, lambda: app.header.floor_text.text == FR.t("ui.floor_place", place="1", total="1"))
    assert app.header.widgets["floor"].text == FR.t("ui.floor_withdraw")
    bruno = seat(h, "Bruno", "karim")
    assert act_as(h, bruno, {"type": "ask_floor"})["t"] == "ack"

    # the trainer sees both and gives the floor to the first from the header
    trainer = as_trainer(h)
    pump(trainer, lambda: "Camille" in trainer.header.floor_text.text
         and "Bruno" in trainer.header.floor_text.text)
    assert trainer.header.widgets["floor"].text == FR.t("ui.floor_give_to", name="Camille")
    click_widget(trainer, trainer.header.widgets["floor"])
    wait_server(h, lambda s: s.speaker == me, trainer)
    pump(trainer, lambda: trainer.header.floor_text.text.startswith(
        FR.t("ui.floor_speaks_since", name="Camille", minutes="0")))
    # the participant list (the console) marks the speaker and the queue
    click_widget(trainer, trainer.header.widgets["console"])
    pump(trainer, lambda: trainer.side.name == "console")
    html = trainer.side.widgets["box"].html_text
    assert FR.t("ui.floor_has_it") in html
    assert FR.t("ui.floor_queued_mark", place="1") in html

    # the shared screen: who speaks, large, and who comes next
    screen = as_screen(h)
    pump(screen, lambda: screen.header.floor_text is not None
         and "Camille" in screen.header.floor_text.text)
    line = screen.header.floor_text
    assert line.text.startswith(FR.t("ui.floor_card_speaker")) and "Bruno" in line.text
    assert line.size >= 16 and line.runs[1] == (screen.model.name_of(me), True, ACCENT)

    # the speaker ends their turn from their own window
    app = back_as(h, token)
    pump(app, lambda: app.header.floor_text.text == FR.t("ui.floor_you_speak"))
    assert app.header.widgets["floor"].text == FR.t("ui.floor_done")
    click_widget(app, app.header.widgets["floor"])
    wait_server(h, lambda s: s.speaker is None, app)
    pump(app, lambda: app.header.widgets["floor"].text == FR.t("ui.floor_ask"))

    # the trainer empties the queue from the console's « Parole » tab
    trainer = as_trainer(h)
    click_widget(trainer, trainer.header.widgets["console"])
    pump(trainer, lambda: trainer.side.name == "console")
    click_widget(trainer, button(trainer.side, "tab:floor"))
    pump(trainer, lambda: f"give:{pid_of(bruno)}" in trainer.side.widgets)
    click_widget(trainer, button(trainer.side, "floor_clear"))
    wait_server(h, lambda s: not s.floor_queue, trainer)
    pump(trainer, lambda: trainer.header.floor_text.text == FR.t("ui.floor_nobody"))
    # nobody speaks or waits: the shared screen's instructions take the whole width again
    screen = as_screen(h)
    assert screen.header.floor_text is None
    assert screen.header.text.rect.w == screen.header.rect.w - 12
    h.srv.run(bruno.close())


# ----- the end of the session -----

def test_closing_the_session_for_everyone_then_reopening(harness, tmp_path):
    h = harness
    app = joined(h, "Camille", "josiane")
    token = app.model.token
    trainer = as_trainer(h)
    assert trainer.header.widgets["next"].text == FR.t("ui.phase_next")
    go_to(h, trainer, "synthese")
    pump(trainer, lambda: trainer.header.widgets["next"].text == FR.t("ui.close_session"))
    click_widget(trainer, trainer.header.widgets["next"])  # asks for a confirmation first
    pump(trainer, lambda: "close_confirm" in trainer.header.widgets)
    assert h.state().closed_at is None
    click_widget(trainer, trainer.header.widgets["close_cancel"])
    pump(trainer, lambda: "next" in trainer.header.widgets)
    assert h.state().closed_at is None
    click_widget(trainer, trainer.header.widgets["next"])
    pump(trainer, lambda: "close_confirm" in trainer.header.widgets)
    click_widget(trainer, trainer.header.widgets["close_confirm"])
    wait_server(h, lambda s: s.closed_at is not None, trainer)
    pump(trainer, lambda: trainer.screen == "closing")
    assert "reopen" in trainer.page.widgets
    assert f"--room {h.room}" in trainer.page.hint.text

    # the participant: thanks, what was adopted, a report will follow; no controls
    app = back_as(h, token)
    assert app.screen == "closing"
    assert app.page.hint.text == FR.t("term.todo.closed")
    assert FR.t("ui.closing_adopted_title") in app.page.widgets["box"].html_text
    pump(app, lambda: FR.t("ui.my_objectives") in app.page.widgets["future"].html_text)
    assert "reopen" not in app.page.widgets
    # an action is refused, and the window says why
    app.act({"type": "ask_floor"})
    pump(app, lambda: FR.t("rejection.session_closed") in app.model.message)
    assert not h.state().floor_queue
    # a newcomer lands on the closing screen, without choosing a character
    late = h.app({"as": "participant", "room": h.room, "name": "Zoé"})
    pump(late, lambda: late.screen == "closing")
    # the shared screen too
    screen = as_screen(h)
    assert screen.screen == "closing" and "reopen" not in screen.page.widgets

    # the debrief still works on the closed room
    out = tmp_path / "rapport.html"
    assert ilot(["debrief", "--data", str(h.srv.data_dir), "--room", h.room,
                 "--html", str(out), "--lang", "fr"]) == 0
    assert "Clôture de la session" in out.read_text(encoding="utf-8")

    # the trainer reopens: everyone is back in the game
    trainer = as_trainer(h)
    assert trainer.screen == "closing"
    click_widget(trainer, trainer.page.widgets["reopen"])
    wait_server(h, lambda s: s.closed_at is None, trainer)
    pump(trainer, lambda: trainer.screen == "main")


# ----- the header's layout -----

def test_the_header_rows_fit_and_do_not_overlap():
    from ilot.game.client.header import header_rows
    from ilot.game.client.layout import compute

    for size in ((1366, 768), (1280, 800), (1024, 700), (1024, 640)):
        for kind in ("participant", "trainer", "spectator"):
            header = compute(*size, kind).header
            rows = header_rows(header.w, header.h, kind, floor=True)
            rects = [r for r in (rows.title, rows.timer, rows.fiche, rows.strip, rows.text,
                                 rows.todo, rows.floor_text, rows.floor_button, rows.progress,
                                 rows.toolbar) if r is not None]
            box = header.copy()
            box.topleft = (0, 0)
            for i, r in enumerate(rects):
                assert box.contains(r), (size, kind, r)
                for other in rects[i + 1:]:
                    assert not r.colliderect(other), (size, kind, r, other)
            if size[1] >= 700:
                assert rows.text.h >= 60, (size, kind)  # two lines of instructions
