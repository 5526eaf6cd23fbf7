"""The user's display settings, kept on the laptop, and how big the window draws.

- **The window's first size** (`fit_window`): the screen it opens on (SDL's desktop size) less
  room for the task bar and the title bar, so that it fits any laptop from 1024×700 up; the
  command line's `--size` overrides it.
- **Text size** (A− / A+): 90 % to 150 %, kept in a small settings file in the user's config
  directory (`$XDG_CONFIG_HOME/ilot/display.json`; `$ILOT_SETTINGS` overrides its path).
  A participant who makes the text larger on the first morning finds it so the next day.
- **The window's scale** (`window_scale`): the screen's part (1 up to 1366×768, growing with
  the window, ×1.25 at 1920×1080, ×1.5 at 2560×1440: a larger screen shows everything larger,
  not only more of the map) times the text size. `fonts.set_scale` makes it every size's.
- **pygame_gui's theme at that scale** (`scaled_theme`): every font size of `theme.json`
  multiplied, and the font of each kind of widget made explicit (pygame_gui's own fallback is
  a fixed 14 px that a theme's "defaults" do not change).
- **The A− / A+ control** (`TextSizeControl`): two small buttons at the right end of the status
  bar, on every screen (connect, character, game). They call back the App, which keeps the new
  size and lays the window out anew: no restart.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ilot.game.text import Lang

TEXT_SIZES = (90, 100, 110, 120, 130, 140, 150)  # percent: A− and A+ step through them
DEFAULT_TEXT_SIZE = 100
BASE_SIZE = (1366, 768)  # the audience's most common laptop screen: scale 1
# the kinds of pygame_gui widgets that draw text: each gets the theme's default font, scaled
TEXT_WIDGETS = ("button", "label", "text_entry_line", "text_box", "drop_down_menu",
                "selection_list", "tool_tip")


MIN_WINDOW = (640, 480)
ROOM = (16, 90)  # what a desktop keeps around a window: borders; task bar and title bar


# ----- the window's first size -----

def fit_window(desktop: tuple[int, int]) -> tuple[int, int]:
    """The window's size on a desktop of `desktop` pixels: all of it but room for the task
    bar, the title bar and the borders (1366×768 gives 1350×678)."""
    w, h = desktop
    return max(MIN_WINDOW[0], w - ROOM[0]), max(MIN_WINDOW[1], h - ROOM[1])


def desktop_size() -> tuple[int, int] | None:
    """The size of the desktop the window opens on (pygame started), if SDL knows it."""
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    if not sizes or sizes[0][0] <= 0 or sizes[0][1] <= 0:
        return None
    return int(sizes[0][0]), int(sizes[0][1])


# ----- the settings file -----

def settings_file() -> Path:
    """Where the display settings are kept: the user's config directory."""
    override = os.environ.get("ILOT_SETTINGS")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "ilot" / "display.json"


def _load() -> dict[str, Any]:
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_text_size() -> int:
    """The text size kept on this laptop (percent, one of `TEXT_SIZES`), 100 by default."""
    value = _load().get("text_size", DEFAULT_TEXT_SIZE)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return DEFAULT_TEXT_SIZE
    return min(TEXT_SIZES, key=lambda s: abs(s - value))


def save_text_size(percent: int) -> None:
    """Keep `percent` for the next time; a file that cannot be written costs nothing but that."""
    data = _load()
    data["text_size"] = int(percent)
    path = settings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def step_text_size(percent: int, step: int) -> int:
    """The text size one step smaller (`step` −1) or larger (+1), within `TEXT_SIZES`."""
    i = min(range(len(TEXT_SIZES)), key=lambda k: abs(TEXT_SIZES[k] - percent))
    return TEXT_SIZES[max(0, min(len(TEXT_SIZES) - 1, i + step))]


# ----- the scale -----

def screen_factor(w: int, h: int) -> float:
    """The screen's part of the scale: 1 up to 1366×768, then growing with the window, softly
    (×1.25 at 1920×1080, ×1.5 at 2560×1440), in steps of 0.05 so that resizing a window by a few
    pixels does not change every font."""
    k = min(w / BASE_SIZE[0], h / BASE_SIZE[1])
    if k <= 1.0:
        return 1.0
    return round(min(1.6, 1.0 + 0.6 * (k - 1.0)) * 20) / 20


MIN_LAYOUT = (1000, 600)  # the least room, in sizes at scale 1, the layout needs to show a map


def window_scale(size: tuple[int, int], text_size: int) -> float:
    """The window's scale: the screen's part times the text size, at most what leaves the
    layout `MIN_LAYOUT` (larger text on a small window would leave no map: A+ then stops at
    the window's most, and the text size asked for is kept for a larger window); never below
    1 for that reason."""
    wanted = screen_factor(*size) * text_size / 100
    most = max(min(size[0] / MIN_LAYOUT[0], size[1] / MIN_LAYOUT[1]), min(1.0, wanted))
    return round(min(wanted, most), 3)


def scaled_theme(theme: dict[str, Any], factor: float) -> dict[str, Any]:
    """`theme` (theme.json's data) with every font size multiplied by `factor`; the default font
    is given to each kind of widget that draws text, so that it scales too."""
    out = copy.deepcopy(theme)
    default = out.get("defaults", {}).get("font")
    if default is not None:
        for kind in TEXT_WIDGETS:
            out.setdefault(kind, {}).setdefault("font", dict(default))
    for block in out.values():
        f = block.get("font") if isinstance(block, dict) else None
        if isinstance(f, dict) and "size" in f:
            f["size"] = str(max(6, round(int(f["size"]) * factor)))
    return out


def load_theme(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# ----- the control -----

class TextSizeControl:
    """A− and A+ at the right end of the status bar. The status bar is drawn beside it
    (`reserved` pixels are kept free for it at the bar's right end)."""

    def __init__(self, ui: pygame_gui.UIManager, lang: Lang, text_size: int,
                 on_step: Callable[[int], None]) -> None:
        self.ui = ui
        self.lang = lang
        self.on_step = on_step  # called with −1 or +1
        self.smaller: UIButton | None = None
        self.larger: UIButton | None = None
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.text_size = text_size

    def place(self, bar: pygame.Rect, text_size: int) -> None:
        """(Re)make the two buttons at the right end of the status bar `bar`."""
        self.kill()
        self.text_size = text_size
        t = self.lang.t
        h = max(12, bar.h - 4)
        w = max(h + 8, int(h * 1.5))
        self.rect = pygame.Rect(bar.right - 2 * w - 8, bar.y + 2, 2 * w + 6, h)
        pct = self.lang.percent(text_size / 100)
        self.smaller = UIButton(pygame.Rect(self.rect.x, self.rect.y, w, h), t("ui.text_smaller"),
                                self.ui, object_id="#button",
                                tool_tip_text=t("ui.text_smaller_tip", size=pct),
                                command=lambda: self.on_step(-1))
        self.larger = UIButton(pygame.Rect(self.rect.x + w + 2, self.rect.y, w, h),
                               t("ui.text_larger"), self.ui, object_id="#button",
                               tool_tip_text=t("ui.text_larger_tip", size=pct),
                               command=lambda: self.on_step(+1))
        if text_size <= TEXT_SIZES[0]:
            self.smaller.disable()
        if text_size >= TEXT_SIZES[-1]:
            self.larger.disable()

    @property
    def reserved(self) -> int:
        """The width it takes at the status bar's right end."""
        return self.rect.w + 8 if self.rect.w else 0

    def kill(self) -> None:
        for b in (self.smaller, self.larger):
            if b is not None:
                b.kill()
        self.smaller = self.larger = None
