"""The « invitation »: how to join this room, in large type, for the screen shared on the video
call and for the trainer (the join code, the server's address and the « lien de connexion »).

One call for whoever shows it (docs/DESIGN.md, "The client in one paragraph"):

- `Invitation.of(ctx.model)`: the room this window is in (None before a room): `code`
  (K7QM-3XPA), `address` (192.168.1.20:8765), `link` (ilot://192.168.1.20:8765/K7QM-3XPA),
  `local` (the address is this machine's own: useless to the others, and the card says so).
- `draw_invitation(target, rect, invitation, lang)`: draws the card filling `rect`, every line
  as large as `rect` allows (the code takes a quarter of its height): readable in a video-call
  share shown at half size. `render_invitation(invitation, lang, size)` gives it as a surface.
- `InvitationOverlay(ctx, on_close, top=…)`: a `parts.Overlay` that draws the card over the
  window below `top` (80 % of its width, the rest dimmed); a click there calls `on_close` (the
  header returns it from its `overlay()` while « Inviter » asks for it, and on the shared
  screen during the accueil).
- `add_to_form(form, invitation, lang)`: the card as an image in a `widgets.Form`, with a
  « Copier le lien » button (key `copy_link`); the part's `on_button` calls
  `copy_link(ctx, invitation)` for it, which puts the link on the clipboard and says so.

The connect page shows it once the organiser has created a room; the header's « Inviter »
shows it over the game (header.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
from pygame_gui.core.utility import clipboard_copy, clipboard_paste
from pygame_gui.elements import UIImage

from ilot.game import palette as pal
from ilot.game.core.kinds import PhaseKind
from ilot.game.net.joincodes import normalise
from ilot.game.net.joincodes import show as show_code
from ilot.game.text import Lang

from . import joinlink
from .context import ClientContext
from .fonts import font
from .model import ClientModel
from .widgets import Form

CARD = pal.INVITE_CARD
BORDER = pal.INVITE_BORDER
INK = pal.INK
ACCENT = pal.INVITE_TITLE
MUTED = pal.INVITE_MUTED
LINK = pal.INVITE_LINK
WARN = pal.INVITE_WARN
DIM = (*pal.rgb(pal.INVITE_DIM), pal.INVITE_DIM_ALPHA)
ASPECT = 0.56  # height / width of the card at its natural size


@dataclass(frozen=True)
class Invitation:
    """How to join one room: the server's `url` (ws://…) and the room's join code."""

    url: str
    room: str

    @classmethod
    def of(cls, model: ClientModel) -> Invitation | None:
        """The room this window is in (or is joining), or None."""
        room = model.room or model.asked_room
        if not model.url or not room:
            return None
        return cls(model.url, normalise(room))

    @property
    def code(self) -> str:
        return show_code(self.room)

    @property
    def address(self) -> str:
        return joinlink.address(self.url)

    @property
    def link(self) -> str:
        return joinlink.make_link(self.url, self.room)

    @property
    def local(self) -> bool:
        return joinlink.is_local(self.url)


def _fit(text: str, size: int, bold: bool, width: int) -> pygame.font.Font:
    """The font at most `size` high in which `text` fits in `width`."""
    size = max(8, size)
    f = font(size, bold)
    w = f.size(text)[0]
    if w > width:
        size = max(8, int(size * width / max(1, w)))
        f = font(size, bold)
        while size > 8 and f.size(text)[0] > width:
            size -= 1
            f = font(size, bold)
    return f


def _lines(invitation: Invitation, lang: Lang) -> list[tuple[str, float, bool, str]]:
    """(text, height as a share of the card's, bold, colour), top to bottom."""
    t = lang.t
    lines = [(t("ui.invite.title"), 0.07, True, ACCENT),
             (t("ui.invite.code"), 0.045, False, MUTED),
             (invitation.code, 0.22, True, INK),
             (t("ui.invite.address", address=invitation.address), 0.085, False, INK),
             (t("ui.invite.link"), 0.045, False, MUTED),
             (invitation.link, 0.095, True, LINK)]
    if invitation.local:
        lines.append((t("ui.invite.local"), 0.045, False, WARN))
    return lines


def draw_invitation(target: pygame.Surface, rect: pygame.Rect, invitation: Invitation,
                    lang: Lang) -> list[tuple[str, int]]:
    """The card filling `rect` of `target`: every line as large as the rectangle allows.
    Returns what it drew: each line's text and its height in pixels."""
    rect = pygame.Rect(rect)
    pygame.draw.rect(target, CARD, rect, border_radius=10)
    pygame.draw.rect(target, BORDER, rect, width=max(2, rect.h // 120), border_radius=10)
    pad = max(8, rect.h // 18)
    width = rect.w - 2 * pad
    lines = _lines(invitation, lang)
    images = []
    for text, share, bold, colour in lines:
        f = _fit(text, int(rect.h * share), bold, width)
        images.append(f.render(text, True, colour, CARD))
    used = sum(img.get_height() for img in images)
    gap = max(0, (rect.h - 2 * pad - used) // max(1, len(images) - 1))
    y = rect.y + pad + max(0, (rect.h - 2 * pad - used - gap * (len(images) - 1)) // 2)
    drawn = []
    for (text, _, _, _), img in zip(lines, images, strict=True):
        target.blit(img, img.get_rect(midtop=(rect.centerx, y)))
        y += img.get_height() + gap
        drawn.append((text, img.get_height()))
    return drawn


def render_invitation(invitation: Invitation, lang: Lang, size: tuple[int, int]
                      ) -> pygame.Surface:
    """The card as a surface of `size`."""
    surf = pygame.Surface(size)
    surf.fill(CARD)
    draw_invitation(surf, surf.get_rect(), invitation, lang)
    return surf


class InvitationOverlay:
    """The card over the window below `top` (a `parts.Overlay`): 80 % of its width, the rest
    dimmed; a click below `top` calls `on_close` (when given). What is above `top` (the
    header and its « Inviter » button) stays as it is, and takes its own clicks."""

    def __init__(self, ctx: ClientContext, on_close: Callable[[], None] | None = None,
                 share: float = 0.8, top: int = 0) -> None:
        self.ctx = ctx
        self.on_close = on_close
        self.share = share
        self.top = top
        self.drawn: list[tuple[str, int]] = []  # the last drawing's lines and their heights

    def rect(self, size: tuple[int, int]) -> pygame.Rect:
        w, h = size[0], size[1] - self.top
        cw = int(w * self.share)
        ch = min(int(cw * ASPECT), int(h * 0.9))
        return pygame.Rect((w - cw) // 2, self.top + (h - ch) // 2, cw, ch)

    def on_mouse(self, event: pygame.event.Event) -> bool:
        pos = getattr(event, "pos", None)
        if self.on_close is None or pos is None or pos[1] < self.top:
            return False
        if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 0) == 1:
            self.on_close()
        return event.type != pygame.MOUSEMOTION

    def draw(self, target: pygame.Surface) -> None:
        invitation = Invitation.of(self.ctx.model)
        if invitation is None:
            return
        w, h = target.get_size()
        dim = pygame.Surface((w, max(0, h - self.top)), pygame.SRCALPHA)
        dim.fill(DIM)
        target.blit(dim, (0, self.top))
        self.drawn = draw_invitation(target, self.rect((w, h)), invitation, self.ctx.lang)


def invitation_up(ctx: ClientContext) -> bool:
    """Whether this window shows the invitation card: on the shared screen and the trainer's
    window, while the trainer asks for it (`state.invitation`, any window's « Inviter »), and
    on the shared screen by itself during the accueil; a click in this window (« Inviter », or
    on the card) decides here until the trainer's request changes or the phase does."""
    s = ctx.state
    if not (ctx.shared_screen or ctx.is_trainer):
        return False
    memory = ctx.memory("invitation")
    if memory.get("asked") != s.invitation:  # the trainer's request changed: it decides
        memory.clear()
        memory["asked"] = s.invitation
    if memory.get("phase") == s.phase:
        return bool(memory.get("shown"))
    return s.invitation or (ctx.shared_screen and s.phase_kind == PhaseKind.ACCUEIL)


def add_to_form(form: Form, invitation: Invitation, lang: Lang, height: int | None = None,
                key: str = "invitation") -> None:
    """The card as an image across `form` (its natural height, or `height`), then the
    « Copier le lien » button (key `copy_link`)."""
    w = form.w - 12
    h = height or int(w * ASPECT)
    image = UIImage(pygame.Rect(form.x, form.y, w, h), render_invitation(invitation, lang, (w, h)),
                    form.ui, container=form.container)
    form.register(key, image)
    form.y += h + form.GAP
    form.row([("copy_link", lang.t("ui.invite.copy"))], h=30)


def copy_link(ctx: ClientContext, invitation: Invitation) -> bool:
    """The link on the clipboard, to paste in the video call's chat, and said so; when the
    clipboard does not work, the status bar says to copy it by hand from where it is shown.
    True when it was copied."""
    try:
        clipboard_copy(invitation.link)
        copied = (clipboard_paste() or "").strip() == invitation.link
    except Exception:  # no clipboard on this system (pygame.scrap): the link is shown to copy
        copied = False
    t = ctx.lang.t
    ctx.notice(t("ui.invite.copied", link=invitation.link) if copied
               else t("ui.invite.not_copied", link=invitation.link))
    return copied
