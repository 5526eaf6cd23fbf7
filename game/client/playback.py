"""The playback of the simulation's three years in the window: which quarter it shows, and the
strip that says so (« Trimestre 5 / 12 · année 2 », a track, the buttons).

The trainer's buttons (⏮ reset, ◀ back, ▶/⏸ play or pause, ▶| step) send
`simulation_playback`: every window follows the shared playback (`state.playback`, the core's
`quarter_at` on this clock). A participant may « Revoir à mon rythme »: the same buttons then
move a playback of their own, kept in this window only (nothing is sent), until « Suivre
l'animateur ». The shared screen always follows. Nothing ticks on the server: `moved(now)` tells
the loop when the quarter shown changed, so a window redraws once per quarter while it plays.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pygame

from ilot.game import palette as pal
from ilot.game.core.kinds import PlaybackCommand
from ilot.game.core.playback import LAST_QUARTER, PLAYBACK_PHASES, Playback, quarter_at
from ilot.game.core.state import State
from ilot.game.text import Lang

from .context import ClientContext
from .fonts import font, px, wrap

INK = pygame.Color(pal.TEXT_PAIRS["indicators"].fg)
PAPER = pygame.Color(pal.TEXT_PAIRS["indicators"].bg)
BUTTON = pygame.Color(pal.BUTTON)
FRAME = pygame.Color(pal.IND_FRAME)
TRACK = pygame.Color(pal.IND_TRACK)
DONE = pygame.Color(pal.ACCENT)

# the buttons, left to right (the toggle for a participant comes last, as text)
RESET, BACK, PLAY, PAUSE, STEP = "reset", "back", "play", "pause", "step"
LOCAL, FOLLOW, TRACK_HIT = "local", "follow", "track"


@dataclass(frozen=True, slots=True)
class Shown:
    """What the strip shows: the quarter, whether it plays, whose playback it is, which
    controls this window has."""

    quarter: int
    playing: bool
    local: bool  # a participant's own replay
    controls: bool  # the trainer, or a participant replaying on their own
    toggle: bool  # a participant: « Revoir à mon rythme » / « Suivre l'animateur »


class Player:
    """This window's view of the playback (its local replay kept in the context's memory, so
    that it survives a rebuild of the screen)."""

    def __init__(self, ctx: ClientContext) -> None:
        self.ctx = ctx
        self.memory = ctx.memory("playback")
        self._drawn: object = None

    # ----- which quarter -----
    @property
    def local(self) -> bool:
        return bool(self.memory.get("local")) and self.ctx.can_act

    def seconds(self, state: State) -> float:
        return state.scenario.simulation.playback_seconds

    def playback(self, state: State) -> Playback:
        if self.local:
            pb = self.memory.get("pb")
            return pb if isinstance(pb, Playback) else state.playback
        return state.playback

    def active(self, state: State) -> bool:
        return state.phase_kind in PLAYBACK_PHASES

    def quarter(self, state: State, now: float | None = None) -> int | None:
        """The quarter this window shows (None: the phase shows no simulation)."""
        if not self.active(state):
            return None
        return quarter_at(self.playback(state), time.time() if now is None else now,
                          self.seconds(state))

    def shown(self, state: State, now: float | None = None) -> Shown | None:
        q = self.quarter(state, now)
        if q is None:
            return None
        pb = self.playback(state)
        ctx = self.ctx
        return Shown(q, pb.playing and q < LAST_QUARTER, self.local,
                     ctx.is_trainer or self.local, ctx.can_act)

    def moved(self, now: float | None = None) -> bool:
        """Whether the quarter shown changed since the last time asked (the loop redraws)."""
        state = self.ctx.model.state if self.ctx.model is not None else None
        key = self.shown(state, now) if state is not None else None
        if key == self._drawn:
            return False
        self._drawn = key
        return True

    # ----- the buttons -----
    def press(self, name: str, state: State, frac: float | None = None) -> None:
        """A button of the strip (or a click on its track at `frac` of its width)."""
        if name in (LOCAL, FOLLOW):
            self.memory["local"] = name == LOCAL
            if name == LOCAL:  # from where the shared playback stands, paused
                self.memory["pb"] = Playback(self.quarter(state) or 0)
            return
        command = {RESET: PlaybackCommand.RESET, BACK: PlaybackCommand.BACK,
                   PLAY: PlaybackCommand.PLAY, PAUSE: PlaybackCommand.PAUSE,
                   STEP: PlaybackCommand.STEP, TRACK_HIT: PlaybackCommand.SEEK}[name]
        target = round((frac or 0.0) * LAST_QUARTER) if name == TRACK_HIT else None
        if self.ctx.is_trainer and not self.local:
            action: dict[str, object] = {"type": "simulation_playback", "command": str(command)}
            if target is not None:
                action["quarter"] = target
            self.ctx.act(action)
        elif self.local:
            self.memory["pb"] = local_step(self.playback(state), command, time.time(),
                                           self.seconds(state), target)

    def click(self, pos: tuple[int, int], hits: list[tuple[pygame.Rect, str]]) -> bool:
        """A click in the strip (`hits`: its buttons as drawn, in window coordinates): True
        when it was on one of its buttons (or its track)."""
        state = self.ctx.model.state
        if state is None or not self.active(state):
            return False
        for rect, name in hits:
            if rect.collidepoint(pos):
                frac = None
                if name == TRACK_HIT:
                    frac = (pos[0] - rect.x) / max(1, rect.w)
                self.press(name, state, frac)
                return True
        return False


def local_step(pb: Playback, command: PlaybackCommand, now: float, seconds: float,
               target: int | None = None) -> Playback:
    """A participant's own replay: what the rule does for the shared one, in this window."""
    reached = quarter_at(pb, now, seconds)
    if command == PlaybackCommand.PLAY:
        return Playback(0 if reached >= LAST_QUARTER else reached, True, now)
    if command == PlaybackCommand.PAUSE:
        return Playback(reached)
    if command == PlaybackCommand.STEP:
        return Playback(min(LAST_QUARTER, reached + 1))
    if command == PlaybackCommand.BACK:
        return Playback(max(0, reached - 1))
    if command == PlaybackCommand.SEEK:
        q = reached if target is None else max(0, min(LAST_QUARTER, target))
        playing = pb.playing and reached < LAST_QUARTER  # one played to the end stands still
        return Playback(q, playing, now if playing else None)
    return Playback(0)  # reset: today, paused


def quarter_label(lang: Lang, quarter: int) -> str:
    """« Trimestre 5 / 12 · année 2 », or « Aujourd'hui · trimestre 0 / 12 »."""
    if quarter == 0:
        return lang.t("playback.strip_today", last=lang.num(LAST_QUARTER))
    return lang.t("playback.strip_quarter", quarter=lang.num(quarter), last=lang.num(LAST_QUARTER),
                  year=lang.num(year_of(quarter)))


def year_of(quarter: int) -> int:
    """The year (1..3) a quarter (1..12) belongs to."""
    return max(1, -(-quarter // 4))


def _icon(surf: pygame.Surface, rect: pygame.Rect, name: str, colour: pygame.Color) -> None:
    """The button's symbol, drawn (fonts seldom have ⏮ ⏸)."""
    cx, cy = rect.center
    h = max(4, rect.h // 2 - px(2))
    w = max(3, int(h * 0.9))

    def tri(x: int, left: bool) -> None:
        pts = [(x, cy - h), (x, cy + h), (x - w, cy)] if left else \
            [(x, cy - h), (x, cy + h), (x + w, cy)]
        pygame.draw.polygon(surf, colour, pts)

    bar = max(2, px(3))
    if name == PLAY:
        tri(cx - w // 2, False)
    elif name == PAUSE:
        pygame.draw.rect(surf, colour, (cx - bar - px(2), cy - h, bar, 2 * h))
        pygame.draw.rect(surf, colour, (cx + px(2), cy - h, bar, 2 * h))
    elif name == BACK:
        tri(cx + w // 2, True)
    elif name == STEP:
        tri(cx - w // 2 - bar // 2, False)
        pygame.draw.rect(surf, colour, (cx + w // 2, cy - h, bar, 2 * h))
    elif name == RESET:
        pygame.draw.rect(surf, colour, (cx - w // 2 - bar, cy - h, bar, 2 * h))
        tri(cx + w // 2 + bar // 2, True)


def draw_strip(surf: pygame.Surface, rect: pygame.Rect, shown: Shown, lang: Lang, right: int = 0
               ) -> list[tuple[pygame.Rect, str]]:
    """The strip in `rect` of `surf`: buttons, « Trimestre 5 / 12 · année 2 », the track, the
    participant's toggle; `right` pixels at its right end are left free. The buttons' rects
    (in `surf`'s coordinates) and names."""
    hits: list[tuple[pygame.Rect, str]] = []
    x = rect.x
    bh = rect.h
    bw = px(26)
    if shown.controls:
        for name in (RESET, BACK, PAUSE if shown.playing else PLAY, STEP):
            r = pygame.Rect(x, rect.y, bw, bh)
            pygame.draw.rect(surf, BUTTON, r, border_radius=px(3))
            pygame.draw.rect(surf, FRAME, r, 1, border_radius=px(3))
            _icon(surf, r, name, INK)
            hits.append((r, name))
            x += bw + px(3)
        x += px(5)
    tf = font(13, bold=True)
    label = quarter_label(lang, shown.quarter)
    if shown.local:
        label = lang.t("playback.strip_mine", label=label)
    end = rect.right - right
    if shown.toggle:
        toggle = lang.t("playback.follow") if shown.local else lang.t("playback.replay_mine")
        f = font(12)
        tw = f.size(toggle)[0] + px(14)
        r = pygame.Rect(end - tw, rect.y, tw, bh)
        pygame.draw.rect(surf, BUTTON, r, border_radius=px(3))
        pygame.draw.rect(surf, FRAME, r, 1, border_radius=px(3))
        text = f.render(toggle, True, INK)
        surf.blit(text, text.get_rect(center=r.center))
        hits.append((r, FOLLOW if shown.local else LOCAL))
        end = r.x - px(8)
    label = wrap(label, tf, max(px(40), end - x - px(60)), max_lines=1)[0]
    text = tf.render(label, True, INK)
    surf.blit(text, (x, rect.centery - text.get_height() // 2))
    x += text.get_width() + px(8)
    track = pygame.Rect(x, rect.centery - px(4), max(0, end - x), px(8))
    if track.w >= px(40):
        pygame.draw.rect(surf, TRACK, track, border_radius=px(4))
        done = track.copy()
        done.w = int(track.w * shown.quarter / LAST_QUARTER)
        if done.w:
            pygame.draw.rect(surf, DONE, done, border_radius=px(4))
        for year in (1, 2):  # the years' limits
            tx = track.x + track.w * year * 4 // LAST_QUARTER
            pygame.draw.line(surf, PAPER, (tx, track.y), (tx, track.bottom - 1), 2)
        knob = (track.x + done.w, track.centery)
        pygame.draw.circle(surf, DONE, knob, px(6))
        pygame.draw.circle(surf, PAPER, knob, px(3))
        if shown.controls:
            hits.append((track.inflate(0, px(10)), TRACK_HIT))
    return hits
