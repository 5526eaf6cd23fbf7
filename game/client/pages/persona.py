"""The persona page: a card per persona, one column per role; its button sends `choose_persona`."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UIPanel

from ilot.game.core.scenario import Scenario

from ..fonts import font, px, wrap
from ..richtext import RichBox
from ..widgets import Form, Panel, esc


def interests_text(scenario: Scenario, interests: dict[str, float]) -> str:
    names = scenario.index("indicator")
    parts = []
    for k, w in sorted(interests.items(), key=lambda kv: -abs(kv[1])):
        if k in names:
            sign = "+" if w > 0 else "−"
            parts.append(f"{names[k].name} {sign * (2 if abs(w) >= 0.7 else 1)}")
    return ", ".join(parts)


class PersonaScreen(Panel):
    """A participant without a character chooses one here: the window moves on to the main
    screen once the server has given it."""

    name = "persona"
    readonly_ok = False

    def signature(self) -> object:
        s = self.state
        return tuple(sorted((p.id, p.persona or "") for p in s.participants.values()))

    def build(self, form: Form) -> None:
        s = self.state
        sc = s.scenario
        lang, ui, root = self.lang, self.ctx.ui, form.container
        w, h = self.rect.size
        UILabel(pygame.Rect(10, px(6), w - 20, px(34)), lang.t("ui.choose_persona"), ui,
                container=root, object_id="#title")
        hint = wrap(lang.t("ui.choose_persona_hint"), font(13), w - 30, max_lines=1)[0]
        UILabel(pygame.Rect(10, px(40), w - 20, px(22)), hint, ui,
                container=root, object_id="#hint")
        roles = list(sc.roles)
        col_w = (w - 20 - 10 * (len(roles) - 1)) // len(roles)
        taken: dict[str, int] = {}
        for p in s.participants.values():
            if p.persona:
                taken[p.persona] = taken.get(p.persona, 0) + 1
        top = px(68)
        for ci, role in enumerate(roles):
            x = 10 + ci * (col_w + 10)
            UILabel(pygame.Rect(x, top, col_w, px(26)), role.name, ui, container=root,
                    object_id="#card_title")
            personas = [p for p in sc.personas if p.role == role.kind]
            card_h = (h - top - px(32) - 8 * (len(personas) - 1)) // max(1, len(personas))
            for ri, persona in enumerate(personas):
                y = top + px(30) + ri * (card_h + 8)
                card = UIPanel(pygame.Rect(x, y, col_w, card_h), manager=ui, container=root,
                               object_id="#card")
                n = taken.get(persona.id, 0)
                full = n >= sc.players_per_persona
                button_w = px(100)
                UILabel(pygame.Rect(6, 2, col_w - button_w - 20, px(24)), persona.name, ui,
                        container=card,
                        object_id="#card_title")
                b = UIButton(pygame.Rect(col_w - button_w - 10, 3, button_w, px(26)),
                             lang.t("ui.taken") if full else lang.t("ui.choose"), ui,
                             container=card,
                             tool_tip_text=lang.n("ui.players_of_n", sc.players_per_persona,
                                                  taken=lang.num(n)))
                if full:
                    b.disable()
                form.register(f"persona:{persona.id}", b)
                interests = lang.label(esc(lang.t("ui.interests")),
                                       esc(interests_text(sc, persona.interests)))
                body = f"{esc(persona.bio)}<br><i>{interests}</i>"
                RichBox(pygame.Rect(4, px(30), col_w - 10, card_h - px(36)), ui, card,
                        size=px(14)).set_text(body)

    def on_button(self, key: str) -> None:
        if key.startswith("persona:"):
            self.act({"type": "choose_persona", "persona": key.split(":", 1)[1]})
