"""The status bar at the bottom of every screen: connection and room on the left, who I am on
the right, the last message in the middle (it fades out), and the reconnecting banner."""

from __future__ import annotations

import pygame

from ilot.game.net.joincodes import show as display_code
from ilot.game.palette import HEADER, TIMER_INK, WARNING, WARNING_INK, WHITE

from .context import ClientContext
from .fonts import font, px
from .layout import status_h

SHOWN = 8.0  # seconds a message stays
BG = HEADER
TEXT = WHITE
MESSAGE = TIMER_INK
BANNER = WARNING


class StatusBar:
    def __init__(self, ctx: ClientContext) -> None:
        self.ctx = ctx
        self.reserved = 0  # pixels kept free at the bar's right end (the A− / A+ buttons)

    @staticmethod
    def rect(size: tuple[int, int]) -> pygame.Rect:
        w, h = size
        return pygame.Rect(0, h - status_h(), w, status_h())

    def message(self, now: float) -> str | None:
        """The message shown at time `now` (monotonic), if any."""
        m = self.ctx.model
        return m.message if m.message and now - m.message_at < SHOWN else None

    def fading(self, now: float) -> bool:
        """A message is shown or has just gone: the bar needs its once-a-second redraw."""
        m = self.ctx.model
        return bool(m.message) and now - m.message_at < SHOWN + 0.5

    def texts(self, now: float, *, connected: bool, pending: int) -> tuple[str, str, str]:
        """What the bar says: on the left (connection, room), on the right (who I am) and in
        the middle (the last message, or "")."""
        m, lang = self.ctx.model, self.ctx.lang
        t = lang.t
        status = {"online": t("ui.status_online"), "connecting": t("ui.status_connecting"),
                  "reconnecting": t("ui.status_reconnecting"), "failed": t("ui.status_failed")}
        left = status.get(m.status, m.status) if connected else t("ui.status_offline")
        if m.room:
            left = t("ui.status_room", room=display_code(m.room), status=left)
        if pending:
            left += " · " + lang.n("ui.pending_n", pending)
        me = m.my_participant
        if me is not None:
            right = m.name_of(me.id)
        elif m.kind:
            right = t(f"term.actor.{m.kind}")
        else:
            right = ""
        return left, right, self.message(now) or ""

    def draw(self, target: pygame.Surface, now: float, *, connected: bool, pending: int,
             banner_y: int | None) -> None:
        """The bar; `connected`: a connection exists (online or trying), `pending`: actions
        not acknowledged yet, `banner_y`: where the reconnecting banner goes (None: drawn
        apart, `draw_banner`). Its three texts share the bar's width (each shortened with "…"
        rather than drawn over another)."""
        w, h = target.get_size()
        bar = self.rect((w, h))
        pygame.draw.rect(target, BG, bar)
        f = font(13)
        pad = px(8)
        y = bar.y + (bar.h - f.get_linesize()) // 2
        left, right, message = self.texts(now, connected=connected, pending=pending)
        end = w - self.reserved - pad  # where the right text ends
        room = max(0, end - pad)
        right = fit(right, f, room // 3) if right else ""
        right_w = f.size(right)[0] if right else 0
        left = fit(left, f, max(0, room - right_w - pad) if not message else room // 3)
        left_w = f.size(left)[0]
        target.blit(f.render(left, True, TEXT), (pad, y))
        if right:
            target.blit(f.render(right, True, TEXT), (end - right_w, y))
        if message:
            lo, hi = pad + left_w + 2 * pad, end - right_w - 2 * pad
            shown = fit(message, f, max(0, hi - lo))
            img = f.render(shown, True, MESSAGE)
            target.blit(img, (max(lo, (w - img.get_width()) // 2) if lo + img.get_width() <= hi
                              else lo, y))
        if banner_y is not None:
            self.draw_banner(target, banner_y)

    def draw_banner(self, target: pygame.Surface, banner_y: int) -> None:
        """The reconnecting banner, when the connection is lost, at `banner_y` (drawn above
        the widgets)."""
        m, t, w = self.ctx.model, self.ctx.lang.t, target.get_width()
        if m.status == "reconnecting" or (m.status == "connecting" and m.mirror is not None):
            banner = font(18, bold=True).render(t("ui.reconnecting_banner"), True, WARNING_INK)
            r = banner.get_rect(midtop=(w // 2, banner_y))
            pygame.draw.rect(target, BANNER, r.inflate(30, 12), border_radius=6)
            target.blit(banner, r)


def fit(text: str, f: pygame.font.Font, width: int) -> str:
    """`text` on one line of at most `width` pixels, shortened with "…" if need be."""
    if not text or f.size(text)[0] <= width:
        return text
    while text and f.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…" if text else ""
