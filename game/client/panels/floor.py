"""The floor (« Je demande la parole »): the queue of requests and the speaker.

Participants ask and withdraw from the header, the speaker ends their turn there; the trainer
gives the floor and ends turns from the header's toolbar and from the console's « Parole » tab
(the queue with a button per person, anyone else by name, « Fin du tour », « Vider la file »);
the shared screen shows who speaks and who waits, large, over the corner of the map
(`FloorCard`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame

from ilot.game.core.state import State
from ilot.game.text import Lang

from ..fonts import font, wrap
from ..model import ClientModel
from ..widgets import Form, Panel, bold, coloured, esc, italic

if TYPE_CHECKING:
    from ..context import ClientContext

SPEAKER_COLOUR = "#2e7d4f"  # the speaker, in lists (a darker green than "done")
QUEUE_SHOWN = 8  # buttons for the first of the queue in the console; the others are listed


def first_name(state: State, pid: str) -> str:
    """The name a participant chose (without their character): short, for one-line places."""
    p = state.participants.get(pid)
    return p.name if p is not None else pid


def minutes_since(t: float | None, now: float | None = None) -> int:
    if t is None:
        return 0
    return max(0, int(((time.time() if now is None else now) - t) // 60))


# ----- the console's « Parole » tab -----

def floor_signature(state: State) -> object:
    return (tuple(r.participant for r in state.floor_queue), state.speaker,
            tuple(state.participants))


def build_floor(panel: Panel, form: Form) -> None:
    s, lang, m = panel.state, panel.lang, panel.model
    t = lang.t
    end, clear = form.row([("floor_end", t("ui.floor_end_turn")),
                           ("floor_clear", t("ui.floor_clear"))])
    if s.speaker is None:
        end.disable()
    if not s.floor_queue:
        clear.disable()
    for i, r in enumerate(s.floor_queue[:QUEUE_SHOWN], 1):
        form.row([(f"give:{r.participant}",
                   t("ui.floor_give_to_n", place=lang.num(i), name=first_name(s, r.participant)))],
                 h=30)
    others = [(m.name_of(p), p) for p in s.participants if p != s.speaker]
    if others:
        form.label(t("ui.floor_anyone"), object_id="#hint")
        form.dropdown("floor_who", others)
        form.row([("give_any", t("ui.floor_give"))])
    form.textbox("box", "")


def floor_html(panel: Panel) -> str:
    s, lang, m = panel.state, panel.lang, panel.model
    t = lang.t
    out = []
    if s.speaker is not None:
        out.append(coloured(SPEAKER_COLOUR, bold(t("ui.floor_speaks_since", name=m.name_of(s.speaker),
                                                  minutes=lang.num(minutes_since(s.speaker_since))))))
    else:
        out.append(italic(t("ui.floor_no_speaker")))
    out.append("")
    out.append(bold(t("ui.floor_queue_title", n=lang.num(len(s.floor_queue)))))
    if not s.floor_queue:
        out.append(italic(t("ui.floor_queue_empty")))
    for i, r in enumerate(s.floor_queue, 1):
        out.append(esc(t("ui.floor_queue_line", place=lang.num(i), name=m.name_of(r.participant),
                         time=lang.time(r.t))))
    return "<br>".join(out)


def floor_button(panel: Panel, key: str) -> bool:
    """The « Parole » tab's buttons; False when `key` is not one of them."""
    if key == "floor_end":
        panel.act({"type": "end_turn"})
    elif key == "floor_clear":
        panel.act({"type": "clear_floor"})
    elif key.startswith("give:"):
        panel.act({"type": "give_floor", "participant": key[5:]})
    elif key == "give_any":
        who = panel.choice("floor_who")
        if who:
            panel.act({"type": "give_floor", "participant": who})
    else:
        return False
    return True


def floor_mark(state: State, pid: str, lang: Lang) -> str:
    """Markup after a participant's name in a list: has the floor, or their place in the queue."""
    if state.speaker == pid:
        return " " + coloured(SPEAKER_COLOUR, bold("— " + lang.t("ui.floor_has_it")))
    for i, r in enumerate(state.floor_queue, 1):
        if r.participant == pid:
            return " " + esc(lang.t("ui.floor_queued_mark", place=lang.num(i)))
    return ""


# ----- the shared screen -----

CARD_BG = (47, 72, 88, 238)
CARD_TEXT = (232, 238, 242)
CARD_MUTED = (163, 184, 196)
CARD_ACCENT = (255, 233, 168)
CARD_MAX_W = 640


class FloorCard:
    """Who has the floor and who waits for it, large, over the bottom left corner of the shared
    screen's map; nothing when nobody speaks or waits."""

    def __init__(self, ctx: ClientContext) -> None:
        self.ctx = ctx

    def lines(self, width: int = CARD_MAX_W) -> list[tuple[str, int, bool, tuple[int, int, int]]]:
        """(text, size, bold, colour) of each line, wrapped to `width`."""
        s: State = self.ctx.state
        m: ClientModel = self.ctx.model
        t = self.ctx.lang.t
        lang = self.ctx.lang
        out: list[tuple[str, int, bool, tuple[int, int, int]]] = []
        if s.speaker is not None:
            out.append((t("ui.floor_card_speaker"), 18, False, CARD_MUTED))
            for ln in wrap(m.name_of(s.speaker), font(30, True), width, max_lines=2):
                out.append((ln, 30, True, CARD_ACCENT))
            if s.speaker_since is not None:
                out.append((t("ui.floor_since", time=lang.time(s.speaker_since)), 16, False,
                            CARD_MUTED))
        if s.floor_queue:
            names = [t("ui.floor_card_place", place=lang.num(i), name=first_name(s, r.participant))
                     for i, r in enumerate(s.floor_queue, 1)]
            text = t("ui.floor_card_next", names=", ".join(names[:6]))
            if len(names) > 6:
                text += " " + lang.n("ui.floor_more_n", len(names) - 6)
            for ln in wrap(text, font(22), width, max_lines=3):
                out.append((ln, 22, False, CARD_TEXT))
        return out

    def draw(self, target: pygame.Surface, area: pygame.Rect) -> pygame.Rect | None:
        """Draw the card in the bottom left corner of `area` (the map); its rect, or None."""
        margin, pad = 12, 12
        width = min(CARD_MAX_W, area.w - 2 * margin) - 2 * pad
        if width < 120:
            return None
        lines = self.lines(width)
        if not lines:
            return None
        imgs = [font(size, boldness).render(text, True, colour)
                for text, size, boldness, colour in lines]
        w = max(i.get_width() for i in imgs) + 2 * pad
        h = sum(i.get_height() for i in imgs) + 2 * pad
        rect = pygame.Rect(area.x + margin, area.bottom - margin - h, w, h)
        card = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(card, CARD_BG, card.get_rect(), border_radius=8)
        pygame.draw.rect(card, CARD_ACCENT, card.get_rect(), width=2, border_radius=8)
        y = pad
        for img in imgs:
            card.blit(img, (pad, y))
            y += img.get_height()
        target.blit(card, rect)
        return rect
