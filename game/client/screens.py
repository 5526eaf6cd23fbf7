"""The screens before the game: connect (join, trainer, spectator, organiser) and persona choice."""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIButton, UILabel, UIPanel

from ilot.game.text import N_

from .richtext import RichBox
from .widgets import Panel, esc

MODES = ("participant", "trainer", "spectator")


class ConnectScreen(Panel):
    name = "connect"
    readonly_ok = False

    def signature(self) -> object:
        return (self.sel.get("mode", "participant"), self.sel.get("organiser", False))

    def build(self, form) -> None:
        t = self.lang.t
        mode = self.sel.setdefault("mode", self.app.args_mode)
        form.label(t("ui.app_title"), h=40, object_id="#title")
        form.label(t("ui.connect_intro"), h=24, object_id="#hint")
        form.label(t("ui.server_url"))
        form.entry("url", "ws://127.0.0.1:8765")
        form.label(t("ui.join_as"))
        form.row([(f"mode_{m}", t(f"term.actor.{m}")) for m in MODES], selected=f"mode_{mode}")
        form.label(t("ui.room_code"))
        form.entry("room", "ABCD-EFGH", limit=40)
        if mode == "participant":
            form.label(t("ui.your_name"))
            form.entry("name", t("ui.your_name_hint"), limit=120)
        elif mode == "trainer":
            form.label(t("ui.trainer_code"))
            form.entry("code", "", limit=80)
        form.row([("join", t("ui.join"))], h=38)
        if self.sel.get("organiser"):
            form.label(t("ui.organiser_title"))
            form.entry("key", t("ui.organiser_key"), limit=200)
            form.entry("scenario", t("ui.scenario_file"), limit=500)
            form.row([("create", t("ui.create_room"))])
        else:
            form.row([("organiser", t("ui.organiser_open"))], h=28)
        form.textbox("box", "", min_h=40)

    def content(self) -> str:
        m = self.app.model
        parts = []
        if m.created:
            parts.append(self.lang.t("ui.room_created", room=esc(m.created.get("room", "")),
                                     code=esc(m.created.get("trainer_code", ""))))
        if m.message:
            parts.append(esc(m.message))
        if m.status == "failed":
            parts.append(esc(self.lang.t("ui.connect_failed", reason=m.status_reason)))
        return "<br>".join(parts)

    def on_button(self, key: str) -> None:
        if key.startswith("mode_"):
            self.sel["mode"] = key[5:]
        elif key == "organiser":
            self.sel["organiser"] = True
        elif key == "join":
            self.join()
        elif key == "create":
            self.app.create_room(self.text_of("url"), self.text_of("key"),
                                 self.text_of("scenario"))

    def on_enter(self, key: str) -> None:
        if key in ("name", "code", "room"):
            self.join()

    def join(self) -> None:
        mode = self.sel.get("mode", "participant")
        url, room = self.text_of("url") or "ws://127.0.0.1:8765", self.text_of("room")
        if not self.need(room, N_("ui.need_room")):
            return
        hello: dict[str, Any] = {"as": mode, "room": room.upper()}
        if mode == "participant":
            name = self.text_of("name")
            if not self.need(name, N_("ui.need_name")):
                return
            hello["name"] = name
        elif mode == "trainer":
            code = self.text_of("code")
            if not self.need(code, N_("ui.need_code")):
                return
            hello["code"] = code
        self.app.connect(url, hello)


def interests_text(scenario: Any, interests: dict[str, float]) -> str:
    names = scenario.index("indicator")
    parts = []
    for k, w in sorted(interests.items(), key=lambda kv: -abs(kv[1])):
        if k in names:
            sign = "+" if w > 0 else "−"
            parts.append(f"{names[k].name} {sign * (2 if abs(w) >= 0.7 else 1)}")
    return ", ".join(parts)


class PersonaScreen:
    """A card per persona, one column per role; its button sends `choose_persona`."""

    name = "persona"

    def __init__(self, app: Any, rect: pygame.Rect):
        self.app = app
        self.rect = rect
        self.keys: dict[Any, str] = {}
        self.widgets: dict[str, Any] = {}
        self.root = UIPanel(rect, manager=app.ui, object_id="#side")
        self._sig: object = object()

    def signature(self) -> object:
        s = self.app.model.state
        return tuple(sorted((p.id, p.persona) for p in s.participants.values()))

    def sync(self) -> bool:
        sig = self.signature()
        if sig == self._sig:
            return False
        self._sig = sig
        self.build()
        return True

    def build(self) -> None:
        self.root.get_container().clear()
        self.keys.clear()
        s = self.app.model.state
        sc = s.scenario
        lang = self.app.lang
        w, h = self.rect.size
        UILabel(pygame.Rect(10, 6, w - 20, 34), lang.t("ui.choose_persona"), self.app.ui,
                container=self.root, object_id="#title")
        UILabel(pygame.Rect(10, 40, w - 20, 22), lang.t("ui.choose_persona_hint"), self.app.ui,
                container=self.root, object_id="#hint")
        roles = [r for r in sc.roles]
        col_w = (w - 20 - 10 * (len(roles) - 1)) // len(roles)
        taken: dict[str, int] = {}
        for p in s.participants.values():
            if p.persona:
                taken[p.persona] = taken.get(p.persona, 0) + 1
        top = 68
        for ci, role in enumerate(roles):
            x = 10 + ci * (col_w + 10)
            UILabel(pygame.Rect(x, top, col_w, 26), role.name, self.app.ui, container=self.root,
                    object_id="#card_title")
            personas = [p for p in sc.personas if p.role == role.kind]
            card_h = (h - top - 32 - 8 * (len(personas) - 1)) // max(1, len(personas))
            for ri, persona in enumerate(personas):
                y = top + 30 + ri * (card_h + 8)
                card = UIPanel(pygame.Rect(x, y, col_w, card_h), manager=self.app.ui,
                               container=self.root, object_id="#card")
                n = taken.get(persona.id, 0)
                full = n >= sc.players_per_persona
                UILabel(pygame.Rect(6, 2, col_w - 120, 24), persona.name, self.app.ui,
                        container=card, object_id="#card_title")
                b = UIButton(pygame.Rect(col_w - 110, 3, 100, 26),
                             lang.t("ui.taken") if full else lang.t("ui.choose"), self.app.ui,
                             container=card,
                             tool_tip_text=lang.n("ui.players_of_n", sc.players_per_persona,
                                                  taken=lang.num(n)))
                if full:
                    b.disable()
                self.keys[b] = f"persona:{persona.id}"
                interests = lang.label(esc(lang.t("ui.interests")),
                                       esc(interests_text(sc, persona.interests)))
                body = f"{esc(persona.bio)}<br><i>{interests}</i>"
                RichBox(pygame.Rect(4, 30, col_w - 10, card_h - 36), self.app.ui, card,
                        size=14).set_text(body)

    def on_button(self, key: str) -> None:
        if key.startswith("persona:"):
            self.app.act({"type": "choose_persona", "persona": key.split(":", 1)[1]})

    def on_enter(self, key: str) -> None:
        pass

    def on_select(self, key: str, value: str | None) -> None:
        pass

    def kill(self) -> None:
        self.root.kill()
