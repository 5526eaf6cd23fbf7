"""The status bar at the bottom of every screen: connection and room on the left, who I am on
the right, the last message in the middle (it fades out), and the reconnecting banner."""

from __future__ import annotations

import pygame

from ilot.game.net.joincodes import show as display_code
from ilot.game.palette import HEADER, TIMER_INK, WARNING, WARNING_INK, WHITE

from .context import ClientContext
from .fonts import font
from .layout import STATUS_H

SHOWN = 8.0  # seconds a message stays
BG = HEADER
TEXT = WHITE
MESSAGE = TIMER_INK
BANNER = WARNING


class StatusBar:
    def __init__(self, ctx: ClientContext) -> None:
        self.ctx = ctx

    @staticmethod
    def rect(size: tuple[int, int]) -> pygame.Rect:
        w, h = size
        return pygame.Rect(0, h - STATUS_H, w, STATUS_H)

    def message(self, now: float) -> str | None:
        """The message shown at time `now` (monotonic), if any."""
        m = self.ctx.model
        return m.message if m.message and now - m.message_at < SHOWN else None

    def fading(self, now: float) -> bool:
        """A message is shown or has just gone: the bar needs its once-a-second redraw."""
        m = self.ctx.model
        return bool(m.message) and now - m.message_at < SHOWN + 0.5

    def draw(self, target: pygame.Surface, now: float, *, connected: bool, pending: int,
             banner_y: int) -> None:
        """The bar; `connected`: a connection exists (online or trying), `pending`: actions
        not acknowledged yet, `banner_y`: where the reconnecting banner goes."""
        m, lang = self.ctx.model, self.ctx.lang
        t = lang.t
        w, h = target.get_size()
        pygame.draw.rect(target, BG, self.rect((w, h)))
        f = font(13)
        status = {"online": t("ui.status_online"), "connecting": t("ui.status_connecting"),
                  "reconnecting": t("ui.status_reconnecting"), "failed": t("ui.status_failed")}
        left = status.get(m.status, m.status) if connected else t("ui.status_offline")
        if m.room:
            left = t("ui.status_room", room=display_code(m.room), status=left)
        if pending:
            left += " · " + lang.n("ui.pending_n", pending)
        target.blit(f.render(left, True, TEXT), (8, h - STATUS_H + 4))
        me = m.my_participant
        if me is not None:
            right = m.name_of(me.id)
        elif m.kind:
            right = t(f"term.actor.{m.kind}")
        else:
            right = ""
        img = f.render(right, True, TEXT)
        target.blit(img, (w - img.get_width() - 8, h - STATUS_H + 4))
        message = self.message(now)
        if message:
            img = f.render(message[:140], True, MESSAGE)
            target.blit(img, (max(260, (w - img.get_width()) // 2), h - STATUS_H + 4))
        if m.status == "reconnecting" or (m.status == "connecting" and m.mirror is not None):
            banner = font(18, bold=True).render(t("ui.reconnecting_banner"), True, WARNING_INK)
            r = banner.get_rect(midtop=(w // 2, banner_y))
            pygame.draw.rect(target, BANNER, r.inflate(30, 12), border_radius=6)
            target.blit(banner, r)
