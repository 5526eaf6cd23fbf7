"""The baromètre through the client's own loop: a participant answers in the accueil, the
shared screen's distribution counts it, anonymously; at the synthèse it shows before → after."""

from __future__ import annotations

from .conftest import button, click, click_widget, pump, wait_server
from .test_play import joined, set_phase


def test_an_answer_counts_on_the_shared_screen(harness):
    app = joined(harness, "Amélie")
    sc = app.model.scenario
    first = sc.barometre[0]
    pump(app, lambda: "baro:4" in app.side.widgets)  # the accueil's first tab
    click_widget(app, button(app.side, "baro_role:field_staff"))
    click_widget(app, button(app.side, "baro:4"))
    wait_server(harness, lambda s: s.barometre_tally, app)
    assert harness.state().barometre_tally == {f"before/{first.id}/field_staff/4": 1}
    # the panel moved on to the next statement; back, the answer shows as chosen
    pump(app, lambda: app.side.sel.get("baro") == 1)
    spec = harness.app({"as": "spectator", "room": harness.room})
    pump(spec, lambda: spec.screen == "main" and spec.side.name == "accueil")
    overlay = spec.header.overlay()  # the distribution is hidden behind the invitation
    click(spec, overlay.rect(spec.window.get_size()).center)  # a click hides the card
    pump(spec, lambda: "Plutôt d'accord : 1" in spec.side.widgets["box"].html_text.replace("\xa0", " "))
    html = spec.side.widgets["box"].html_text
    assert "Proximité 1" in html and "Amélie" not in html.split("Baromètre")[1].split("attentes")[0]
    assert "baro:4" not in spec.side.widgets  # the shared screen only shows
    set_phase(harness, spec, "synthese")
    pump(spec, lambda: "avant 1 » après 0" in spec.side.widgets["box"].html_text.replace("\xa0", " "))
