"""Which screen the window shows, and switching between them.

Five screens: "connect" (no room yet, or joining failed), "persona" (a participant without a
character), "character" (the character editor, over the main screen while it is open: see
pages/character.py), "closing" (the trainer has closed the session: everyone, a newcomer too, sees what
was adopted; the trainer may reopen it) and "main" (header, map, indicators, the side panel:
the phase's, the trainer's console, or a participant's « Ma fiche »). `wanted_screen(model)`
says which one the model asks for; after every change `Screens.follow()` moves there, or keeps
the current screen's parts in line with the model. A resize rebuilds the screen at the new size:
what was typed and picked is in the context, nothing is lost.

A page is a whole-window screen made of one part (`parts.Part`, a `widgets.Panel`): the connect,
persona and closing pages. To add one: write its part, give it an entry in `PAGES` (its class
and where it goes in the window), and say in `wanted_screen` when the model asks for it. A side
panel for a phase goes in `panels.PANELS` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import pygame

from ilot.game.core.kinds import ActorKind, PhaseKind
from ilot.game.core.views import shown_uses
from ilot.game.text import lang_for

from .context import ClientContext
from .eventcards import EventCards
from .fonts import px
from .header import Header
from .indicators import IndicatorsPanel
from .layout import Layout, compute, status_h
from .mapview import MapView
from .model import ClientModel
from .pages import ConnectScreen, PersonaScreen
from .pages.character import CharacterEditor, editor_open
from .pages.closing import ClosingScreen
from .panels import PANELS, ConsolePanel
from .panels.characters import CharactersPanel, characters_shown, show_characters
from .panels.fiche import FichePanel, fiche_open, show_fiche
from .panels.whoami import WhoPanel, show_who, who_open
from .parts import Part
from .playback import Player
from .whypopup import WhyPopup
from .widgets import Panel

NOTE_PHASES = (PhaseKind.ETAT_DES_LIEUX, PhaseKind.RESSOURCES)  # the map shows notes' pins


def wanted_screen(model: ClientModel) -> str:
    """The screen the model asks for."""
    if model.mirror is None:
        return "connect"
    if model.mirror.state.closed_at is not None:  # read-only: no character to choose either
        return "closing"
    if model.kind == ActorKind.PARTICIPANT and (model.my_participant is None
                                        or model.my_participant.persona is None):
        return "persona"
    return "main"


# ----- pages -----

PageRect = Callable[[tuple[int, int]], pygame.Rect]


def centred(width: int, height: int) -> PageRect:
    """A box of at most `width`×`height` (at scale 1: `fonts.px`) in the middle of the window."""
    def rect(size: tuple[int, int]) -> pygame.Rect:
        w, h = size
        pw, ph = min(px(width), w - 40), min(px(height), h - 40)
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)
    return rect


def above_status(size: tuple[int, int]) -> pygame.Rect:
    """The whole window but the status bar."""
    w, h = size
    return pygame.Rect(0, 0, w, h - status_h())


@dataclass(frozen=True)
class Page:
    make: Callable[[ClientContext, pygame.Rect], Part]
    rect: PageRect


PAGES: dict[str, Page] = {
    "connect": Page(ConnectScreen, centred(620, 600)),
    "persona": Page(PersonaScreen, above_status),
    "closing": Page(ClosingScreen, above_status),
    "character": Page(CharacterEditor, above_status),
}


# ----- screens -----

class Screen(Protocol):
    """A screen as the window drives it."""

    name: str

    def parts(self) -> list[Part]:
        """Its parts, in the order UI events are offered to them."""
        ...

    def follow(self, pressed_at: tuple[int, int] | None) -> bool:
        """Bring its parts in line with the model. `pressed_at`: where the left button is held
        down, if it is. True when a part's rebuild waits for that click to end (rebuilding now
        would destroy the button under the pointer): call again once it is released."""
        ...

    def draw_under(self, target: pygame.Surface) -> None:
        """What it draws below pygame_gui's widgets (the map, the indicators)."""
        ...

    def draw_over(self, target: pygame.Surface) -> None:
        """What it draws above them (its parts' overlays)."""
        ...

    def kill(self) -> None:
        ...


class PageScreen:
    """A screen made of one page."""

    def __init__(self, name: str, ctx: ClientContext, size: tuple[int, int]) -> None:
        page = PAGES[name]
        self.name = name
        self.page = page.make(ctx, page.rect(size))
        self.page.sync()

    def parts(self) -> list[Part]:
        return [self.page]

    def follow(self, pressed_at: tuple[int, int] | None) -> bool:
        self.page.sync()
        return False

    def draw_under(self, target: pygame.Surface) -> None:
        pass

    def draw_over(self, target: pygame.Surface) -> None:
        overlay = self.page.overlay()
        if overlay is not None:
            overlay.draw(target)

    def kill(self) -> None:
        self.page.kill()


class MainScreen:
    """The game: the header on top, the map and the indicators on the left, the phase's side
    panel (or the trainer's console, or a participant's « Ma fiche ») on the right."""

    name = "main"

    def __init__(self, ctx: ClientContext, size: tuple[int, int], mapview: MapView,
                 indicators: IndicatorsPanel) -> None:
        self.ctx = ctx
        self.map = mapview
        self.indicators = indicators
        state = ctx.state
        self.phase = state.phase
        self.layout: Layout = compute(*size, ctx.model.kind)
        mapview.big = ctx.shared_screen
        mapview.layout(self.layout.map, state)
        indicators.rect = self.layout.indicators
        self.header = Header(ctx, self.layout.header)
        self.header.sync()
        self.side = self._side()
        self.player = Player(ctx)  # the simulation's playback, in the phases that show it
        self.cards = EventCards(ctx)
        self.why = WhyPopup(ctx)  # « Pourquoi ? » on an indicator at the quarter shown

    def side_class(self) -> type[Panel]:
        """The side panel the context asks for."""
        ctx = self.ctx
        if ctx.console_open and ctx.is_trainer:
            return ConsolePanel
        if who_open(ctx):
            return WhoPanel
        if fiche_open(ctx):
            return FichePanel
        if characters_shown(ctx):  # a participant writing characters at the café
            return CharactersPanel
        return PANELS[ctx.state.phase_kind]

    def _side(self) -> Part:
        cls = self.side_class()
        side = cls(self.ctx, self.layout.side)
        side.shows_space_card = cls is PANELS[self.ctx.state.phase_kind]  # not on the console
        side.sync()
        return side

    def rebuild_side(self) -> None:
        self.side.kill()
        self.side = self._side()

    def parts(self) -> list[Part]:
        return [self.side, self.header]

    def follow(self, pressed_at: tuple[int, int] | None) -> bool:
        state = self.ctx.state
        waits = False
        if state.phase != self.phase:
            # a new phase: what was selected on the map was for the last one, and the phase's
            # panel replaces « Ma fiche »
            self.phase = state.phase
            self.ctx.selection.clear()
            show_fiche(self.ctx, False)
            show_who(self.ctx, False)
            show_characters(self.ctx, False)
            self.rebuild_side()
        elif type(self.side) is not self.side_class():  # « Ma fiche », « Qui est là ? »
            self.rebuild_side()
        elif pressed_at is not None and self.side.rect.collidepoint(pressed_at) \
                and self.side.stale():
            # rebuilding now would destroy the button being pressed and lose the click:
            # the panel catches up once the click (and the UI events it makes) is handled
            waits = True
            self.side.refresh(force=False)
        else:
            self.side.sync(force=False)  # text boxes catch up in the loop, once a frame
        self.header.sync()  # rebuilt only to ask for a confirmation (closing the session)
        return waits

    def draw_under(self, target: pygame.Surface) -> None:
        s, ctx = self.ctx.state, self.ctx
        mine = s.group_of(ctx.model.me) if ctx.can_act else None
        uses = shown_uses(s, mine, self.side.proposal_on_map())
        self.map.draw(target, s, version=ctx.model.version, selected=ctx.selection.space,
                      uses=uses, show_notes=s.phase_kind in NOTE_PHASES)
        shown = self.player.shown(s)
        self.indicators.draw(target, s, shown)
        self.cards.rect = self.why.rect = None
        if shown is not None:  # the event cards reached so far, over the map's corner
            traj = self.indicators.trajectory(s)
            cards = self.cards.cards(s.scenario, traj, ctx.lang)
            self.cards.draw(target, self.map.rect, [c for c in cards if c.quarter <= shown.quarter],
                            shown.quarter)
            self.why.draw(target, self.map.rect, s, traj, shown.quarter)

    def draw_over(self, target: pygame.Surface) -> None:
        for part in self.parts():
            overlay = part.overlay()
            if overlay is not None:
                overlay.draw(target)

    def kill(self) -> None:
        self.header.kill()
        self.side.kill()


class Screens:
    """The screen the window shows, made anew when it changes or the window is resized."""

    def __init__(self, ctx: ClientContext, mapview: MapView, indicators: IndicatorsPanel) -> None:
        self.ctx = ctx
        self.map = mapview
        self.indicators = indicators
        self.current: Screen | None = None

    @property
    def name(self) -> str:
        return self.current.name if self.current is not None else ""

    @property
    def main(self) -> MainScreen | None:
        return self.current if isinstance(self.current, MainScreen) else None

    def show(self, name: str) -> None:
        if self.current is not None:
            self.current.kill()
            self.current = None
        window = pygame.display.get_surface()
        if window is None:
            raise RuntimeError("the window is not open")
        size = window.get_size()
        if name == "main":
            self.current = MainScreen(self.ctx, size, self.map, self.indicators)
        else:
            self.current = PageScreen(name, self.ctx, size)

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size: the same screen, laid out anew."""
        self.ctx.ui.set_window_resolution(size)
        self.show(self.name or "connect")

    def follow(self, pressed_at: tuple[int, int] | None = None) -> bool:
        """After a change: the screen the model asks for, its parts in line with the model.
        True when the side panel's rebuild waits for the click under way (Screen.follow)."""
        want = wanted_screen(self.ctx.model)
        if want == "main" and editor_open(self.ctx):  # a character being written, whole window
            want = "character"
        if want != self.name or self.current is None:
            self.show(want)
            return False
        return self.current.follow(pressed_at)

    def parts(self) -> list[Part]:
        return self.current.parts() if self.current is not None else []

    def rebuild_side(self) -> None:
        if self.main is not None:
            self.main.rebuild_side()

    def set_lang(self, code: str) -> None:
        """Every word of the window in another language from now on (the connect page's
        FR | EN): the screen is built anew, what was typed stays."""
        lang = lang_for(code)
        self.ctx.lang = self.ctx.model.lang = lang
        self.map.lang = lang
        self.indicators.lang = lang
        self.ctx.ui.set_locale(lang.code)
        pygame.display.set_caption(lang.t("ui.window_title"))
        self.show(self.name or "connect")

    def toggle_console(self) -> None:
        """The trainer's console in place of the phase's panel, or back."""
        self.ctx.console_open = not self.ctx.console_open
        self.rebuild_side()

    def draw_under(self, target: pygame.Surface) -> None:
        if self.current is not None:
            self.current.draw_under(target)

    def draw_over(self, target: pygame.Surface) -> None:
        if self.current is not None:
            self.current.draw_over(target)

    def kill(self) -> None:
        if self.current is not None:
            self.current.kill()
            self.current = None
