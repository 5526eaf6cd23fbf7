"""« Qui suis-je » through the client's own loop: a participant fills their card at the
accueil, another browses « Qui est là ? » from the header in a later phase; the trainer's
console counts the baromètre and names who has no card yet; the shared screen's invitation card
hides the baromètre's distribution while it shows."""

from __future__ import annotations

import re

from .conftest import button, click, click_widget, pump, type_text, wait_server
from .test_play import joined


def box_text(part) -> str:
    """The text box's words, without markup."""
    return re.sub(r"<[^>]+>", " ", part.widgets["box"].html_text).replace("\xa0", " ")


def test_a_participant_fills_their_card_and_another_sees_it(harness):
    app = joined(harness, "Amélie")
    pump(app, lambda: app.side.name == "accueil" and "tab:whoami" in app.side.widgets)
    click_widget(app, button(app.side, "tab:whoami"))
    pump(app, lambda: "who_role:tenant" in app.side.widgets)
    click_widget(app, button(app.side, "who_send"))  # no role yet: nothing is sent
    app.step()
    assert not harness.state().whoami
    click_widget(app, button(app.side, "who_role:tenant"))
    type_text(app, app.side.widgets["who_org"], "Amicale des Tilleuls")
    type_text(app, app.side.widgets["who_sentence"], "J'habite le bâtiment B depuis 20 ans.")
    click_widget(app, button(app.side, "who_send"))
    wait_server(harness, lambda s: s.whoami, app)
    (card,) = harness.state().whoami.values()
    assert (card.real_role, card.organisation, card.sentence) == \
        ("tenant", "Amicale des Tilleuls", "J'habite le bâtiment B depuis 20 ans.")
    pump(app, lambda: "Amicale des Tilleuls" in box_text(app.side))
    # another participant, in a later phase, opens « Qui est là ? » from the header
    harness.trainer_act({"type": "set_phase", "phase": 1})
    other = joined(harness, "Bruno", persona=app.model.scenario.personas[1].id)
    pump(other, lambda: other.screen == "main" and "who" in other.header.widgets)
    click_widget(other, button(other.header, "who"))
    pump(other, lambda: other.side.name == "who")
    text = box_text(other.side)
    assert "Amélie" in text and "Locataire · Amicale des Tilleuls" in text
    assert "J'habite le bâtiment B depuis 20 ans." in text
    assert "Bruno" in text.split("Pas encore de carte")[1]  # Bruno has none yet
    click_widget(other, button(other.header, "who"))  # back to the phase's panel
    pump(other, lambda: other.side.name != "who")


def test_the_console_counts_the_barometre_and_names_who_has_no_card(harness):
    a = joined(harness, "Amélie")
    st = a.model.scenario.barometre[0]
    a.act({"type": "whoami_set", "real_role": "field_staff", "organisation": "Régie"})
    a.act({"type": "barometre_place", "statement": st.id, "level": 4})
    wait_server(harness, lambda s: s.barometre_tally and s.whoami, a)
    b = joined(harness, "Bruno", persona=a.model.scenario.personas[1].id)
    pump(b, lambda: len(b.model.state.participants) == 2)
    trainer = harness.app({"as": "trainer", "room": harness.room, "code": harness.code})
    pump(trainer, lambda: trainer.screen == "main")
    click_widget(trainer, button(trainer.header, "console"))
    pump(trainer, lambda: trainer.side.name == "console")
    click_widget(trainer, button(trainer.side, "tab:accueil"))
    pump(trainer, lambda: "who_clear" in trainer.side.widgets)
    text = box_text(trainer.side)
    assert "Sans carte « qui suis-je » (1)  : Bruno" in text
    assert "Avant : 1 (Proximité 1)" in text and "Après" not in text  # not before the synthèse
    assert "Plutôt d'accord" not in text  # counts only, no levels: and no name by an answer
    click_widget(trainer, button(trainer.side, "who_clear"))
    wait_server(harness, lambda s: not s.whoami, trainer)
    pump(trainer, lambda: "Sans carte « qui suis-je » (2)" in box_text(trainer.side))


def test_the_invitation_hides_the_distribution_on_the_shared_screen(harness):
    a = joined(harness, "Amélie")
    st = a.model.scenario.barometre[0]
    a.act({"type": "barometre_place", "statement": st.id, "level": 4, "real_role": "tenant"})
    wait_server(harness, lambda s: s.barometre_tally, a)
    spec = harness.app({"as": "spectator", "room": harness.room}, size=(1366, 768))
    pump(spec, lambda: spec.screen == "main" and spec.side.name == "accueil")
    pump(spec, lambda: spec.model.state.barometre_tally)
    overlay = spec.header.overlay()  # the accueil shows the invitation by itself
    assert overlay is not None
    spec.step()
    assert "Baromètre" not in box_text(spec.side) and "Locataire 1" not in box_text(spec.side)
    click(spec, overlay.rect(spec.window.get_size()).center)  # a click hides the card
    assert spec.header.overlay() is None
    pump(spec, lambda: "Locataire 1" in box_text(spec.side))
    # the trainer asks for the invitation again: the distribution goes behind it
    harness.trainer_act({"type": "show_invitation"})
    pump(spec, lambda: spec.header.overlay() is not None)
    pump(spec, lambda: "Locataire 1" not in box_text(spec.side))


def test_the_console_counts_show_after_once_the_synthese_has_answers(rich):
    from helpers import Session

    from ilot.game.client.panels.console_accueil import counts_html
    from ilot.game.text import lang_for

    rs = Session(rich)
    a, b = rs.join("Ana"), rs.join("Bruno")
    st = rich.barometre[0]
    rs.act(a, {"type": "barometre_place", "statement": st.id, "level": 2, "real_role": "tenant"})
    rs.act(b, {"type": "barometre_place", "statement": st.id, "level": 5, "real_role": "manager"})
    text = re.sub(r"<[^>]+>", "", counts_html(lang_for("fr"), rs.state)).replace("\xa0", " ")
    assert "Avant : 2 (Locataire 1 et Encadrement 1)" in text and "Après" not in text
    assert "Ana" not in text and "Bruno" not in text
    rs.goto("synthese")
    rs.act(a, {"type": "barometre_place", "statement": st.id, "level": 3})
    text = re.sub(r"<[^>]+>", "", counts_html(lang_for("fr"), rs.state)).replace("\xa0", " ")
    assert "Après : 1 (Locataire 1)" in text and "Après : 0" in text  # another statement
