"""The characters' portraits: assets/portraits/pNN.png (drawn by scripts/draw_portraits.py).

`portrait(id, size)` gives the picture at `size`×`size`, smooth-scaled and cached; an id with no
file (a typo in a scenario, a set redrawn with fewer faces, a hostile client's id) gives a neutral
silhouette instead, never an exception. A scenario persona without `portrait` gets one from its
id (`portrait_for`): the same face for the same persona in every window and every session.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Protocol

import pygame

from ilot import data_path
from ilot.game import palette as pal
from ilot.game.looks import LOOKS

FOLDER = data_path("assets", "portraits")
ID = re.compile(r"^[a-z0-9_-]{1,40}$")


@cache
def _ids() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in FOLDER.glob("*.png") if ID.match(p.stem)))


def portrait_ids() -> list[str]:
    """The ids of the shipped portraits, in order ("p01" … "p24")."""
    return list(_ids())


AGE = re.compile(r"\b(\d{1,3}) (?:ans|years)\b")
SHE = re.compile(r"\b(?:[Ee]lle|[Ss]he|[Hh]er)\b")
HE = re.compile(r"\b(?:[Ii]l|[Hh]e|[Hh]is)\b")


def guess(bio: str) -> tuple[str, str]:
    """(gender, age group) a bio suggests (« 58 ans, … Elle … »): "" where it says nothing."""
    she, he = len(SHE.findall(bio)), len(HE.findall(bio))
    gender = "f" if she > he else "m" if he > she else ""
    m = AGE.search(bio)
    age = "" if m is None else "young" if int(m[1]) < 30 else "mid" if int(m[1]) < 60 else "old"
    return gender, age


class HasFace(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def bio(self) -> str: ...


class _HasScenarioPersonas(Protocol):
    @property
    def personas(self) -> Sequence[HasFace]: ...


class HasPersonas(Protocol):
    @property
    def scenario(self) -> _HasScenarioPersonas: ...


def chosen_face(persona: object) -> str | None:
    """The portrait a persona names (`Persona.portrait`), if any."""
    face = getattr(persona, "portrait", None)
    return face if isinstance(face, str) and face else None


def _misfit(look: tuple[str, str], want: tuple[str, str]) -> int:
    """0: the look fits the bio; 1: only its gender does; 2: not even that."""
    if look == want:
        return 0
    return 1 if not want[0] or look[0] == want[0] else 2


def faces(personas: Sequence[HasFace]) -> dict[str, str]:
    """Each persona's portrait: the one it names, else a face its bio suggests (gender, age)
    not yet given to another persona of the list, picked by its id (the same in every window
    and every session)."""
    ids = _ids()
    out: dict[str, str] = {}
    for p in personas:
        if chosen_face(p):
            out[p.id] = str(chosen_face(p))
    used = set(out.values())
    for p in personas:
        if p.id in out or not ids:
            continue
        want = guess(p.bio)
        order = sorted(ids, key=lambda pid: zlib.crc32(f"{p.id}:{pid}".encode()))
        free = [pid for pid in order if pid not in used] or order
        pick = min(free, key=lambda pid: _misfit(LOOKS.get(pid, ("", "")), want))
        out[p.id] = pick
        used.add(pick)
    return out


def face_of(state: HasPersonas, persona: HasFace) -> str:
    """The portrait of a character being played: the one it names, else the one `faces` gives
    it among the scenario's personas."""
    return chosen_face(persona) or faces(state.scenario.personas).get(persona.id) or portrait_for(persona.id)


def portrait_for(persona_id: str, chosen: str | None = None) -> str:
    """The portrait of one character out of any list: `chosen` when set, else one picked from
    its id (stable)."""
    if chosen:
        return chosen
    ids = _ids()
    if not ids:
        return ""
    return ids[zlib.crc32(persona_id.encode("utf-8")) % len(ids)]


@cache
def _original(pid: str) -> pygame.Surface | None:
    if not ID.match(pid) or pid not in _ids():
        return None
    try:
        return pygame.image.load(str(FOLDER / f"{pid}.png"))
    except (pygame.error, OSError):
        return None


def silhouette(size: int) -> pygame.Surface:
    """A neutral grey head and shoulders on the card's paper: the face of an unknown id."""
    surf = pygame.Surface((size, size))
    surf.fill(pal.rgb(pal.DISABLED))
    grey = pal.rgb(pal.BORDER)
    pygame.draw.circle(surf, grey, (size // 2, size * 2 // 5), size // 5)
    pygame.draw.ellipse(surf, grey, pygame.Rect(size // 6, size * 2 // 3, size * 2 // 3, size // 2))
    return surf


@cache
def portrait(pid: str | None, size: int) -> pygame.Surface:
    """The portrait `pid` at `size`×`size` (cached: do not draw on it); an unknown id gives the
    silhouette."""
    size = max(1, int(size))
    original = _original(pid or "")
    if original is None:
        return silhouette(size)
    if original.get_size() == (size, size):
        return original
    return pygame.transform.smoothscale(original.convert() if pygame.display.get_surface() else original,
                                        (size, size))
