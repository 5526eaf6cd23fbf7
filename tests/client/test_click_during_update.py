"""A click is not lost when the room changes between the press and the release.

Someone else's proposal changes the deliberation panel's shape (its list of proposals); if the
panel were rebuilt while the button is held, the button under the pointer would be destroyed
and the release would press nothing.
"""

from __future__ import annotations

import pygame

from .conftest import click, pump, type_text, wait_server
from .test_play import joined, set_phase


def test_a_press_survives_a_rebuild_of_the_panel(harness):
    app = joined(harness)
    set_phase(harness, app, "deliberation")
    click(app, app.side.widgets["tab:propose"].get_abs_rect().center)
    pump(app, lambda: "propose" in app.side.widgets and app.side._sig == app.side.signature())
    type_text(app, app.side.widgets["title"], "Un jardin partagé dans la cour")
    type_text(app, app.side.widgets["text"], "Géré par l'amicale, ouvert à tous")
    pos = app.side.widgets["propose"].get_abs_rect().center
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    app.step()
    app.ui.update(0.05)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    app.step()
    # meanwhile another proposal arrives (made over the network, not with the mouse)
    app.act({"type": "propose", "title": "Composteur", "text": "", "placements": {"cour": "jardin_partage"}})
    pump(app, lambda: any(p.title == "Composteur" for p in app.model.state.proposals.values()))
    assert app.side._sig != app.side.signature(), "the panel's shape did not change"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    s = wait_server(harness, lambda s: len(s.proposals) == 2, app)
    assert {p.title for p in s.proposals.values()} == {"Composteur",
                                                        "Un jardin partagé dans la cour"}
    # and the panel caught up once the click was over
    pump(app, lambda: app.side._sig == app.side.signature())


def test_a_quick_click_survives_news_that_arrive_in_the_same_frame(harness):
    """Press and release in one frame: pygame_gui posts the button's event, handled after the
    input. If the room's news of that frame rebuilt the panel first, the event would name a
    button that no longer exists, and the click would be lost."""
    app = joined(harness)
    set_phase(harness, app, "deliberation")
    assert app.side.tab() == "vote"
    real_drain = app.drain

    def news_arrive(net):  # what a message changing the panel's shape does: a rebuild
        real_drain(net)
        app.rebuild_side()

    app.drain = news_arrive
    pos = app.side.widgets["tab:propose"].get_abs_rect().center
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    app.step()
    app.ui.update(0.05)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.step()
    app.step()
    del app.drain
    assert app.side.tab() == "propose"
