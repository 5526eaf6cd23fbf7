"""The trainer plays the simulation's three years quarter by quarter and every window follows:
through the client's own loop and a real server (127.0.0.1), the participant's and the shared
screen's indicators show the quarter played, an event's card appears at its quarter, the
trainer's buttons send the playback, a participant's own replay moves nobody else, and
« Pourquoi ? » lists what moved an indicator."""

from __future__ import annotations

from ilot.game.client.playback import (
    BACK,
    FOLLOW,
    LOCAL,
    PAUSE,
    PLAY,
    RESET,
    STEP,
    TRACK_HIT,
    quarter_label,
)
from ilot.game.core.playback import Playback
from ilot.game.core.simulation import simulate_state
from ilot.game.text import lang_for

from .conftest import click, pump, wait_server
from .test_play import joined
from .test_session import as_screen, as_trainer, phase_index

FR = lang_for("fr")


def playback(h, command: str, quarter: int | None = None) -> None:
    action: dict[str, object] = {"type": "simulation_playback", "command": command}
    if quarter is not None:
        action["quarter"] = quarter
    assert h.trainer_act(action)["t"] == "ack"


def first_event(h) -> tuple[int, str]:
    """The first quarter a scenario event fires with the room's plan, and its title."""
    s = h.state()
    traj = simulate_state(s)
    q = next(q for q in traj.quarters if q.events)
    ev = next(e for e in s.scenario.events if e.id == q.events[0])
    return q.q, ev.title


def value_at(app, ind_id: str, q: int) -> str:
    """What the indicators panel must show for `ind_id` at quarter q (against today)."""
    traj = simulate_state(app.model.state)
    ind = app.model.scenario.index("indicator")[ind_id]
    value = traj.quarters[q].indicators[ind_id]
    return app.indicators.value_text(value, value - traj.start.indicators[ind_id], ind.unit)


def shows(app, q: int) -> bool:
    """The window drew quarter q: the strip, the indicators' values, nothing else pending."""
    main = app.screens.main
    ind = app.model.scenario.indicators[0].id
    return (main is not None and app.indicators.playing is not None
            and app.indicators.playing.quarter == q
            and app.indicators.drawn.get(ind) == value_at(app, ind, q))


def hit(app, name: str) -> tuple[int, int]:
    """The centre of the strip's button `name`, once the window drew it."""
    pump(app, lambda: any(n == name for _, n in app.indicators.hits))
    return next(r.center for r, n in app.indicators.hits if n == name)


def test_the_trainer_steps_and_the_participant_and_the_shared_screen_follow(rich_harness):
    h = rich_harness
    app = joined(h)
    h.trainer_act({"type": "set_phase", "phase": phase_index(h, "schema_directeur")})
    pump(app, lambda: shows(app, 12))  # at rest: where the plan leads in three years
    assert app.screens.main.cards.shown is None  # no card pops up before anyone plays
    assert FR.t("playback.strip_today", last="12") == quarter_label(FR, 0)
    q, title = first_event(h)
    playback(h, "seek", q - 1)
    pump(app, lambda: shows(app, q - 1))
    assert app.screens.main.cards.shown is None or app.screens.main.cards.shown.title != title
    playback(h, "step")  # the quarter the event fires: its card opens
    pump(app, lambda: shows(app, q) and app.screens.main.cards.shown is not None)
    card = app.screens.main.cards.shown
    assert (card.quarter, card.title) == (q, title)
    frames = app.frames
    for _ in range(20):  # paused: nothing is drawn again
        app.step()
    assert app.frames == frames
    cards = app.screens.main.cards
    close = next(r.center for r, n in cards.hits if n == "close")
    click(app, close)  # closed: the tab « Événements (1) » keeps it a click away
    pump(app, lambda: cards.shown is None and cards.rect is not None)
    click(app, cards.rect.center)
    pump(app, lambda: cards.shown is not None and cards.shown.title == title)
    assert app.selected_space is None  # the clicks on the card did not reach the map

    # the shared screen shows the same quarter and the same card
    screen = as_screen(h)
    pump(screen, lambda: shows(screen, q) and screen.screens.main.cards.shown is not None)
    assert screen.screens.main.cards.shown.title == title
    assert screen.indicators.hits == []  # no buttons on the shared screen

    # while it plays, each window computes the quarter from its clock: no server tick
    playback(h, "play")
    pump(screen, lambda: screen.model.state.playback.playing)
    pb = screen.model.state.playback
    secs = screen.model.scenario.simulation.playback_seconds
    player = screen.screens.main.player
    assert player.quarter(screen.model.state, pb.since + 2.5 * secs) == q + 2
    assert player.quarter(screen.model.state, pb.since + 100 * secs) == 12
    player.moved(pb.since)
    assert player.moved(pb.since + 0.5 * secs) is False
    assert player.moved(pb.since + 1.0 * secs) is True  # a new quarter: the loop redraws


def test_the_trainer_buttons_send_the_playback(rich_harness):
    h = rich_harness
    h.trainer_act({"type": "set_phase", "phase": phase_index(h, "plan_action")})
    app = as_trainer(h)
    pump(app, lambda: shows(app, 12))
    click(app, hit(app, PLAY))  # from the last quarter: again from today
    wait_server(h, lambda s: s.playback.playing and s.playback.quarter == 0, app)
    click(app, hit(app, PAUSE))
    wait_server(h, lambda s: not s.playback.playing, app)
    click(app, hit(app, RESET))
    wait_server(h, lambda s: s.playback == Playback(0), app)
    click(app, hit(app, STEP))
    wait_server(h, lambda s: s.playback == Playback(1), app)
    pump(app, lambda: shows(app, 1))
    click(app, hit(app, STEP))
    click(app, hit(app, BACK))
    wait_server(h, lambda s: s.playback == Playback(1) and s.seq > 3, app)
    track = next(r for r, n in app.indicators.hits if n == TRACK_HIT)
    click(app, (track.right - 1, track.centery))  # the end of the track: the last quarter
    wait_server(h, lambda s: s.playback.quarter == 12, app)
    click(app, hit(app, PLAY))
    wait_server(h, lambda s: s.playback.playing and s.playback.quarter == 0, app)


def test_a_participant_replays_at_their_own_pace_and_nobody_else_moves(rich_harness):
    h = rich_harness
    app = joined(h)
    h.trainer_act({"type": "set_phase", "phase": phase_index(h, "schema_directeur")})
    playback(h, "seek", 2)
    pump(app, lambda: shows(app, 2))
    names = [n for _, n in app.indicators.hits]
    assert names == [LOCAL]  # following: no buttons, only « Revoir à mon rythme »
    seq = h.state().seq
    click(app, hit(app, LOCAL))
    pump(app, lambda: app.indicators.playing.local)
    click(app, hit(app, STEP))
    click(app, hit(app, STEP))
    pump(app, lambda: shows(app, 4))
    assert h.state().playback == Playback(2) and h.state().seq == seq  # nothing was sent
    playback(h, "step")  # the trainer moves on: this window keeps its own quarter
    pump(app, lambda: app.model.state.playback.quarter == 3)
    for _ in range(5):
        app.step()
    assert shows(app, 4)
    click(app, hit(app, FOLLOW))  # « Suivre l'animateur »: back to the shared quarter
    pump(app, lambda: shows(app, 3) and not app.indicators.playing.local)


def test_why_lists_what_moved_an_indicator_at_the_quarter_shown(rich_harness):
    h = rich_harness
    app = joined(h)
    h.trainer_act({"type": "set_phase", "phase": phase_index(h, "schema_directeur")})
    playback(h, "seek", 8)
    pump(app, lambda: shows(app, 8))
    traj = simulate_state(h.state())
    ind = next(i for i in app.model.scenario.indicators if traj.why(i.id, 8))
    if ind.id not in app.indicators.drawn:  # on the other page of indicators
        click(app, (app.indicators.rect.right - 5, app.indicators.rect.y + 5))
    row = next(r for r, i in app.indicators.rows if i == ind.id)
    click(app, row.center)
    why = app.screens.main.why
    pump(app, lambda: why.rect is not None)
    title, lines = why.lines(app.model.state, traj, 8)
    assert ind.name in title
    assert len(lines) == len(traj.why(ind.id, 8)) and lines
    biggest = traj.why(ind.id, 8)[0]
    assert lines[0][1] == FR.num(biggest.value, 1, sign=True)
    click(app, why.rect.center)  # a click on it closes it
    pump(app, lambda: why.rect is None)


def test_an_experiment_is_judged_on_a_card_at_its_end_quarter(rich):
    """Kept or stopped, with each criterion's change against the change asked for."""
    from ilot.game.client.eventcards import build_cards
    from ilot.game.core.simulation import Activation, PlanInput, simulate

    plan = PlanInput(activations=[Activation("cour", "jardin_partage", 2, -1, experiment=True),
                                  Activation("pieds_a", "composteur", 1, -1, experiment=True)])
    traj = simulate(rich, plan, seed=3)
    cards = build_cards(rich, traj, FR)
    assert [c.quarter for c in cards] == sorted(c.quarter for c in cards)
    for x in traj.experiments:
        card = next(c for c in cards if c.key == f"experiment:{x['space']}:{x['use']}")
        use = rich.index("use")[x["use"]].name
        assert card.quarter == x["end"] and use in card.title
        assert card.title.endswith("gardée" if x["success"] else "arrêtée")
        assert len(card.lines) == len(x["criteria"])
        for (text, _colour), *_ in card.lines:
            assert "il fallait au moins" in text
    assert {x["success"] for x in traj.experiments} == {True, False}  # both kinds shown


def test_the_footer_explains_the_charges_then_each_metier_s_hours(rich_harness):
    """A click on the footer: « Pourquoi ? » of the charges; clicked again, the hours of each
    métier that has work, the most loaded first, then the charges again."""
    h = rich_harness
    app = joined(h)
    h.trainer_act({"type": "set_phase", "phase": phase_index(h, "schema_directeur")})
    sc = app.model.scenario
    placed = 0
    for space in sc.play_spaces():  # a few uses that need caretakers' hours
        use = next((u for u in sc.uses_for(space) if u.maintenance_hours), None)
        if use is not None and placed < 4:
            h.trainer_act({"type": "schema_place", "space": space.id, "use": use.id, "year": 1})
            placed += 1
    playback(h, "seek", 8)
    pump(app, lambda: shows(app, 8) and len(app.model.state.schema) == placed)
    traj = simulate_state(h.state())
    loaded = [m for m, (needed, _) in traj.quarters[8].workload.items() if needed > 0]
    assert loaded
    pump(app, lambda: len(app.indicators.footer_targets) == 1 + len(loaded))
    footer = next(r for r, i in app.indicators.rows if i == "charges")
    why = app.screens.main.why
    click(app, footer.center)
    pump(app, lambda: why.rect is not None and why.target == "charges")
    seen = []
    for _ in loaded:
        click(app, footer.center)
        pump(app, lambda: why.target != "charges" and why.target not in seen)
        seen.append(why.target)
        metier = why.target.removeprefix("workload:")
        title, lines = why.lines(app.model.state, traj, 8)
        name = next(m.name for m in sc.metiers if m.id == metier)
        assert name in title and lines
        assert [v for _, v, _ in lines] == \
            [FR.t("playback.why_hours", hours=FR.num(c.value, 1, sign=True))
             for c in traj.why(why.target, 8)][:len(lines)]
    assert sorted(seen) == sorted(f"workload:{m}" for m in loaded)
    click(app, footer.center)
    pump(app, lambda: why.target == "charges")
