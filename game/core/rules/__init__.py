"""The rules of every phase, one module per part of the session.

Importing this package registers every action rule and every event evolver.
"""

from . import accueil, deliberation, diagnosis, groups, planning, session  # noqa: F401
