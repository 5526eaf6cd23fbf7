"""The connect page, the window's first screen: join a room as a participant, the trainer or the
shared screen; or, as the organiser, create a room from a scenario file."""

from __future__ import annotations

from typing import Any

from ilot.game.text import N_

from ..widgets import Form, Panel, esc

MODES = ("participant", "trainer", "spectator")


class ConnectScreen(Panel):
    """Its memory's "mode" (participant, trainer, spectator) is the tab it opens on: the
    window sets it from the command line (`ilot play --trainer`…)."""

    name = "connect"
    readonly_ok = False

    def signature(self) -> object:
        return (self.sel.get("mode", "participant"), self.sel.get("organiser", False))

    def build(self, form: Form) -> None:
        t = self.lang.t
        mode = self.sel.setdefault("mode", "participant")
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
        m = self.model
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
            self.ctx.commands.create_room(self.text_of("url"), self.text_of("key"),
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
        self.ctx.commands.connect(url, hello)
