"""The operating system's window: opened on the display, or a clear refusal when there is none.

Without a display (a server over ssh, a container) SDL falls back on its "offscreen" driver: the
game would run in a window nobody sees, and `ilot play` would seem to hang. `open_window` says
so instead (`NoDisplay`, worded by the command line with `ui.cli.*`), as it does when SDL cannot
open a window at all. A driver the user chose (`SDL_VIDEODRIVER=dummy` for tests and benches)
is always taken as it is.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import pygame

from ilot.game.text import N_, Lang

from .display import desktop_size, fit_window

HEADLESS_DRIVERS = ("offscreen", "dummy")  # SDL's drivers that show nothing
DEFAULT_SIZE = (1280, 720)  # when SDL cannot tell the desktop's size


class NoDisplay(Exception):
    """No window can be opened here; `message(lang)` says why, in the command line's words."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values

    def message(self, lang: Lang) -> str:
        return lang.t(self.key, **self.values)


def _chosen_driver() -> str | None:
    return os.environ.get("SDL_VIDEODRIVER") or None


def check_display() -> None:
    """Raise `NoDisplay` when this system plainly has no display: on Linux and the BSDs, neither
    DISPLAY (X11) nor WAYLAND_DISPLAY is set and no SDL driver was chosen. Cheap: pygame is not
    started (`ilot demo` checks before starting its server)."""
    if _chosen_driver() is not None:
        return
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) \
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise NoDisplay(N_("ui.cli.no_display"))


def _prefer_shared_memory_framebuffer() -> None:
    """On X11, SDL presents a software window through an OpenGL texture when it finds a GL
    driver; where that GL is itself software (Xvfb, many VMs and older laptops) every present
    costs 5–8 ms whatever its size (bench/bench_client.py), and our partial updates lose their
    point. SDL's X11 shared-memory path presents in 0.1–0.7 ms. Only on X11, which has that
    path (the Wayland driver has none), and never over a user's own setting."""
    driver = _chosen_driver()
    if sys.platform.startswith("linux") and os.environ.get("DISPLAY") and driver in (None, "x11"):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


def open_window(size: tuple[int, int] | None, title: str) -> pygame.Surface:
    """Start pygame and open the game's resizable window, of `size` or, None, of the size that
    fits the desktop it opens on (`display.fit_window`); `NoDisplay` when it cannot be seen."""
    check_display()
    _prefer_shared_memory_framebuffer()
    pygame.init()
    if size is None:
        desktop = desktop_size()
        size = fit_window(desktop) if desktop is not None else DEFAULT_SIZE
    try:
        window = pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error as exc:  # SDL found no video driver that works here
        pygame.quit()
        raise NoDisplay(N_("ui.cli.no_window"), reason=str(exc)) from exc
    if pygame.display.get_driver() in HEADLESS_DRIVERS and _chosen_driver() is None:
        pygame.quit()  # SDL's fallback: a window nobody would see
        raise NoDisplay(N_("ui.cli.no_display"))
    pygame.display.set_caption(title)
    return window
