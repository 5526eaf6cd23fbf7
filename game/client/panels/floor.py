"""The floor (« Je demande la parole »): the queue of requests and the speaker.

Participants ask and withdraw from the header, the speaker ends their turn there; the trainer
gives the floor and ends turns from the header's toolbar and from the console's « Parole » tab
(the queue with a button per person, anyone else by name, « Fin du tour », « Vider la file »);
the shared screen shows who speaks and who waits, large, in its header (`header.Header`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ilot.game.core.state import State
from ilot.game.palette import GOOD
from ilot.game.text import Lang

from ..fonts import px
from ..widgets import Form, Panel, bold, coloured, esc, italic

if TYPE_CHECKING:
    pass

SPEAKER_COLOUR = GOOD  # the speaker, in lists
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
                 h=px(30))
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
