"""Îlot's pure game logic: scenario, state, actions, decide → events, evolve, views, simulation.

Nothing here does I/O or imports pygame, asyncio, websockets or sqlite3: the server and the
client are thin shells around these functions.
"""

from .actions import parse_action
from .decide import Actor, decide
from .events import Event
from .evolve import evolve
from .rejections import Rejection
from .replay import replay, state_hash
from .rules.session import open_session
from .scenario import Scenario
from .scenario_check import check_file, load_scenario
from .state import State, new_state
from .views import event_for, view_for

__all__ = [
    "Actor", "Event", "Rejection", "Scenario", "State", "check_file", "decide", "event_for",
    "evolve", "load_scenario", "new_state", "open_session", "parse_action", "replay",
    "state_hash", "view_for",
]
