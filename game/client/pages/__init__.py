"""Whole-window pages, shown before the game: connecting, then choosing a character. Each is a
`Panel` (parts.Part) filling its screen; `screens.PAGES` says where each goes."""

from __future__ import annotations

from .connect import ConnectScreen
from .persona import PersonaScreen

__all__ = ["ConnectScreen", "PersonaScreen"]
