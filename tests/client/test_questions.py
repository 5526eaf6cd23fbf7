"""The intervention's questions through the real client loop: a participant asks, another
upvotes, the shared screen's order follows the votes; the trainer marks one answered."""

from __future__ import annotations

from .conftest import click_widget, pump, type_text, wait_server
from .test_play import joined, set_phase
from .test_session import as_screen, as_trainer


def ask(h, app, text: str) -> None:
    n = len(h.state().questions)
    type_text(app, app.side.widgets["question"], text)
    click_widget(app, app.side.widgets["ask"])
    wait_server(h, lambda s: len(s.questions) == n + 1, app)
    # the question back on this window (its panel rebuilt) before the next one is typed
    pump(app, lambda: len(app.model.state.questions) == n + 1 and app.side.text_of("question") == "")


def test_ask_upvote_and_the_shared_screen_follows(rich_harness):
    h = rich_harness
    ana = joined(h, "Ana")
    set_phase(h, ana, "intervention")
    ask(h, ana, "Qui garde les clés du local ?")
    ask(h, ana, "Combien de temps pour rouvrir ?")
    s = h.state()
    first, second = list(s.questions)
    assert s.questions[second].author == ana.model.me

    bob = joined(h, "Bob", persona=s.scenario.personas[1].id)
    pump(bob, lambda: f"up:{second}" in bob.side.widgets)
    # his own are not his to upvote, the others' are
    click_widget(bob, bob.side.widgets[f"up:{second}"])
    wait_server(h, lambda s: s.questions[second].voters == [bob.model.me], bob)
    # the board's order follows: the upvoted question comes first, with its buttons
    pump(bob, lambda: list(k for k in bob.side.widgets if k.startswith("up:"))
         == [f"up:{second}", f"up:{first}"])

    screen = as_screen(h)
    pump(screen, lambda: screen.side.name == "intervention")
    text = pump(screen, lambda: screen.side.content())
    assert "Une chargée de développement social" in text
    assert text.index("Combien de temps pour rouvrir") < text.index("Qui garde les clés")
    assert "up:" not in "".join(screen.side.widgets)  # no buttons on the shared screen

    trainer = as_trainer(h)
    pump(trainer, lambda: f"answer:{second}" in trainer.side.widgets)
    click_widget(trainer, trainer.side.widgets[f"answer:{second}"])
    wait_server(h, lambda s: s.questions[second].answered, trainer)
    # answered: below the open ones
    pump(trainer, lambda: [k for k in trainer.side.widgets if k.startswith("answer:")]
         == [f"answer:{first}", f"answer:{second}"])
