"""Two mends through the client's own loop (`App.step()`):
- a validation message (« Choisissez d'abord un espace… ») leaves the status bar once the action
  it was about succeeded, or at the next action that succeeds;
- the map's selection is for one phase: a new phase clears it, and the notes' pins show only in
  the phases where notes matter (état des lieux, ressources).
"""

from __future__ import annotations

import time
from types import SimpleNamespace

from ilot.game.core.kinds import Subject
from ilot.game.text import lang_for

from .conftest import button, click, click_widget, pump, type_text, wait_server
from .test_play import joined, set_phase, space_point


def shown(app) -> str | None:
    """The message the status bar shows now."""
    return app.status.message(time.monotonic())


def test_a_validation_message_goes_once_its_action_succeeded(harness):
    app = joined(harness)
    set_phase(harness, app, "etat_des_lieux")
    type_text(app, app.side.widgets["text"], "Boîtes aux lettres cassées", enter=True)
    assert "espace" in (shown(app) or "")  # no space chosen: nothing sent
    assert app.net.pending_count() == 0
    space = app.model.scenario.spaces[0].id
    click(app, space_point(app, space))
    assert "espace" in (shown(app) or "")  # still there: the note is not posted yet
    click_widget(app, button(app.side, "add"))
    wait_server(harness, lambda s: len(s.notes) == 1, app)
    pump(app, lambda: shown(app) is None and app.model.message == "", 3)  # gone, not faded


def test_a_validation_message_goes_at_the_next_action_that_succeeds(harness):
    app = joined(harness)
    pump(app, lambda: app.side.name == "accueil")
    click_widget(app, button(app.side, "rename"))  # no name typed
    assert "prénom" in (shown(app) or "")
    type_text(app, app.side.widgets["text"], "Mieux connaître le métier de gardien")
    click_widget(app, button(app.side, "publish"))
    wait_server(harness, lambda s: len(s.expectations) == 1, app)
    pump(app, lambda: shown(app) is None and app.model.message == "", 3)


def test_a_refusal_from_the_server_stays_its_time(harness):
    """Only the client's own validation messages go early: a server's refusal is news."""
    app = joined(harness)
    app.act({"type": "add_note", "space": "cour", "kind": "idee", "text": "Trop tôt"})  # accueil
    pump(app, lambda: shown(app))
    refused = shown(app)
    type_text(app, app.side.widgets["text"], "Voir l'îlot autrement")
    click_widget(app, button(app.side, "publish"))
    wait_server(harness, lambda s: len(s.expectations) == 1, app)
    pump(app, lambda: app.net.pending_count() == 0)
    assert shown(app) == refused


def record_map(app) -> list[dict]:
    """What the loop asks the map to draw, frame by frame."""
    calls: list[dict] = []
    real = app.map.draw

    def draw(target, state, **kw):
        calls.append({**kw, "phase": state.phase_kind})
        real(target, state, **kw)
    app.map.draw = draw
    return calls


def test_a_new_phase_clears_the_selection_and_pins_show_only_where_notes_matter(rich_harness):
    harness = rich_harness
    app = joined(harness)
    set_phase(harness, app, "etat_des_lieux")
    calls = record_map(app)
    click(app, space_point(app, "cour"))
    assert app.selected_space == "cour"
    x, y = app.map.to_map(*space_point(app, "cour"))
    app.act({"type": "add_note", "space": "cour", "kind": "idee", "text": "Des bancs", "x": x,
             "y": y})
    s = wait_server(harness, lambda s: len(s.notes) == 1, app)
    note = next(iter(s.notes))
    pump(app, lambda: app.map.pin_center(app.model.state, note) is not None)
    assert calls[-1]["selected"] == "cour" and calls[-1]["show_notes"]
    set_phase(harness, app, "ressources")  # notes still matter: pins stay, the selection goes
    assert app.selected_space is None and app.selected_point is None
    pump(app, lambda: calls[-1]["phase"] == "ressources")
    assert calls[-1]["selected"] is None and calls[-1]["show_notes"]
    assert app.map.pin_center(app.model.state, note) is not None
    click(app, space_point(app, "salle_commune"))
    assert app.selected_space == "salle_commune"
    for kind in ("world_cafe", "ateliers", "deliberation"):
        set_phase(harness, app, kind)
        assert app.selected_space is None
        pump(app, lambda: calls[-1]["phase"] == kind)
        assert calls[-1]["selected"] is None and not calls[-1]["show_notes"]
        assert app.map.pin_center(app.model.state, note) is None
        assert app.map.note_at(app.model.state, space_point(app, "cour")) is None
        click(app, space_point(app, "cour"))  # selected again, for the next phase to clear
        assert app.selected_space == "cour"


def test_a_round_on_the_charter_or_the_final_plan_is_named_in_words():
    """Rounds' subjects are `Subject`s: the charter's round is « Règles de gestion », not
    "charter"."""
    from ilot.game.client.panels.rounds import subject_title

    state = SimpleNamespace(proposals={"P1": SimpleNamespace(title="Un jardin")})
    fr, en = lang_for("fr"), lang_for("en")
    assert subject_title(state, Subject.charter(), fr) == fr.t("ui.subject_charter")
    assert subject_title(state, "final_plan", en) == en.t("ui.subject_final_plan")
    assert subject_title(state, Subject.of_proposal("P1"), fr) == "Un jardin"
    assert subject_title(state, "proposal:P9", fr) == "P9"  # gone: its id
