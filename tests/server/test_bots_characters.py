"""Bots on the default scenario, from the accueil to the day 2 ateliers: at the personnages
phase each bot writes a character of another role than its persona's, the trainer bot approves
the drafts, and when the ateliers open a new choice every bot chooses again, a created
character first."""

from __future__ import annotations

import asyncio

from ilot.game.core import load_scenario
from ilot.game.core.kinds import CharacterStatus, PhaseKind
from ilot.game.core.replay import replay, state_hash
from ilot.server.bot_characters import PORTRAITS
from ilot.server.bots import run_bots
from ilot.server.store import Store
from ilot.server.trainer_bot import run_trainer

from .conftest import RICH, server_until


async def test_bots_write_characters_and_choose_them_the_next_day(server):
    rich = load_scenario(RICH)
    room, code = server.create_room(rich, seed=5)
    ateliers = next(i for i, p in enumerate(rich.phases) if p.kind == PhaseKind.ATELIERS)
    stop = asyncio.Event()
    bots = asyncio.create_task(run_bots(server.url, room, 6, pace=0, seed=4, stop=stop))
    trainer = asyncio.create_task(run_trainer(server.url, room, code, phase_events=12,
                                              phase_seconds=6, round_seconds=3, stop=stop))
    state = server.rooms[room].state

    def chosen_again() -> bool:
        return state.phase >= ateliers and len(state.participants) == 6 \
            and all(p.persona is not None for p in state.participants.values())
    try:
        await server_until(lambda: bool(state.persona_choices_opened), timeout=120)
        await server_until(chosen_again, timeout=30)
    finally:
        stop.set()
        await asyncio.gather(bots, trainer)
    state = server.rooms[room].state
    people = state.participants
    # each bot wrote one character, of another role than the persona it played on day 1
    written = [ch for ch in state.characters.values()]
    assert sorted(ch.authors[0] for ch in written) == sorted(people)
    for ch in written:
        first = people[ch.authors[0]].past_personas[0]
        assert ch.role != rich.index("persona")[first].role
        assert len(ch.objectives) == 1 and ch.portrait in PORTRAITS
        assert ch.status == CharacterStatus.APPROVED
    # the new choice: everyone lost their character, then chose a created one
    assert state.persona_choices_opened == ["ateliers"]
    assert all(len(p.past_personas) == 1 for p in people.values())
    assert all(p.persona in state.characters for p in people.values())
    store = Store.in_dir(server.data_dir)
    assert state_hash(replay(store.scenario(room), store.events(room))) == state_hash(state)
    store.close()
