"""The connect page, the window's first screen: join a room as a participant, the trainer or the
shared screen; or, as the organiser, create a room from a scenario file.

Its first field takes the « lien de connexion » pasted from the video call's chat
(`joinlink`: ilot://host:port/K7QM-3XPA) or a server's address typed by hand (ws:// is added
when no scheme is given); a link's room code fills the room's field at once. What was used last
on this laptop (server, room, name; `seats.recent`) is filled in on start. When joining fails,
the page says what happened and what to do (`failures`), in the window's language, which the
FR | EN buttons change.
"""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.core.utility import clipboard_paste
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from ilot.game import palette as pal
from ilot.game.net.joincodes import normalise
from ilot.game.net.joincodes import show as show_code
from ilot.game.text import LANGS, N_

from .. import joinlink, seats
from ..failures import Cause, describe
from ..fonts import px
from ..invitation import Invitation, add_to_form, copy_link
from ..widgets import Form, Panel, bold, coloured, esc

MODES = ("participant", "trainer", "spectator")
PROBLEM = pal.BAD  # what went wrong, in the message box
PASTE_W = 110
LANG_NAMES = {"fr": N_("ui.lang_fr"), "en": N_("ui.lang_en")}  # the FR | EN buttons' tips


class ConnectScreen(Panel):
    """Its memory's "mode" (participant, trainer, spectator) is the tab it opens on: the
    window sets it from the command line (`ilot play --trainer`…). Its memory's "problem" is
    what the page itself found wrong before connecting (a `failures.Cause` and its values)."""

    name = "connect"
    readonly_ok = False

    def signature(self) -> object:
        return (self.sel.get("mode", "participant"), self.sel.get("organiser", False),
                self.model.created is not None, self.lang.code)

    def recall(self) -> None:
        """Once per window: fill in what was used last on this laptop (server, room, name),
        unless the command line gave something else."""
        if self.sel.get("recalled"):
            return
        self.sel["recalled"] = True
        recent = seats.recent()
        drafts = self.ctx.drafts
        given = drafts.get((self.name, "url"))
        same_server = not given or _url(given) == _url(recent.url)
        if recent.url and not given:
            drafts[(self.name, "url")] = (joinlink.make_link(recent.url, recent.room)
                                          if joinlink.valid_room(recent.room) else recent.url)
        if recent.room and same_server and joinlink.valid_room(recent.room):
            drafts.setdefault((self.name, "room"), show_code(normalise(recent.room)))
        if recent.name:
            drafts.setdefault((self.name, "name"), recent.name)
        if given and (self.name, "room") not in drafts:  # `ilot play LINK`
            self.follow_link(given)

    def build(self, form: Form) -> None:
        self.recall()
        t = self.lang.t
        ui, root = self.ctx.ui, form.container
        mode = self.sel.setdefault("mode", "participant")
        w = form.w
        # the title, and the window's language at its right
        lang_w = px(50)
        UILabel(pygame.Rect(px(6) + 2 * lang_w, px(4), w - px(12) - 4 * lang_w, px(40)),
                t("ui.app_title"), ui, container=root, object_id="#title")
        for i, code in enumerate(LANGS):
            b = UIButton(pygame.Rect(w - px(6) - (len(LANGS) - i) * lang_w, px(10), lang_w - px(4),
                                     px(28)), code.upper(),
                         ui, container=root,
                         object_id="#selected" if code == self.lang.code else "#button",
                         tool_tip_text=t(LANG_NAMES[code]) if code in LANG_NAMES else None)
            form.register(f"lang_{code}", b)
        form.y = px(46)
        form.label(t("ui.connect_intro"), h=px(22), object_id="#hint")
        form.label(t("ui.link_label"))
        top = form.y
        url = form.entry("url", t("ui.link_hint"), limit=500)
        paste_w = px(PASTE_W)
        url.set_dimensions((w - px(12) - paste_w - px(6), url.rect.h))
        paste = UIButton(pygame.Rect(w - px(6) - paste_w, top, paste_w, url.rect.h), t("ui.paste"),
                         ui, container=root, tool_tip_text=t("ui.paste_tip"))
        form.register("paste", paste)
        hint = UILabel(pygame.Rect(px(6), form.y - px(3), w - px(12), px(20)), "", ui,
                       container=root, object_id="#hint")
        form.register("link_hint", hint)
        form.y += px(18)
        self.show_link_hint(self.text_of("url"))
        form.label(t("ui.join_as"))
        form.row([(f"mode_{m}", t(f"term.actor.{m}")) for m in MODES], selected=f"mode_{mode}")
        form.label(t("ui.room_code"))
        form.entry("room", t("ui.room_code_hint"), limit=40)
        if mode == "participant":
            form.label(t("ui.your_name"))
            form.entry("name", t("ui.your_name_hint"), limit=120)
        elif mode == "trainer":
            form.label(t("ui.trainer_code"))
            form.entry("code", t("ui.trainer_code_hint"), limit=80)
        form.row([("join", t("ui.join"))], h=38)
        invitation = self.invitation()
        if invitation is not None:
            add_to_form(form, invitation, self.lang, height=150)
        if self.sel.get("organiser"):
            form.label(t("ui.organiser_title"))
            form.entry("key", t("ui.organiser_key"), limit=200)
            form.entry("scenario", t("ui.scenario_file"), limit=500)
            form.row([("create", t("ui.create_room"))])
        elif invitation is None:
            form.row([("organiser", t("ui.organiser_open"))], h=px(28))
        form.textbox("box", "", min_h=60)

    def invitation(self) -> Invitation | None:
        """The room the organiser just created, to invite people to."""
        created = self.model.created
        if not created or not created.get("room"):
            return None
        try:
            url = joinlink.parse(self.text_of("url") or self.ctx.drafts.get((self.name, "url"), ""))
        except joinlink.LinkError:
            return None
        return Invitation(url.url, normalise(str(created["room"]))) if url.url else None

    # ----- what it says -----
    def content(self) -> str:
        m, t = self.model, self.lang.t
        parts = []
        if m.created:
            parts.append(t("ui.room_created", room=esc(show_code(str(m.created.get("room", "")))),
                           code=esc(show_code(str(m.created.get("trainer_code", ""))))))
        said = self.problem_text() or (m.failure_text() if m.status == "failed" else None)
        if said is not None:
            what, todo = said
            parts.append(coloured(PROBLEM, bold(what)))
            parts.append(esc(todo))
        elif m.url and m.mirror is None and m.status in ("connecting", "reconnecting"):
            parts.append(esc(t("ui.connecting_to", address=joinlink.address(m.url))))
            if m.failure:  # a first try failed: tried again
                parts.append(esc(describe(self.lang, m.failure, address=joinlink.address(m.url))[0])
                             + " " + esc(t("ui.trying_again")))
        if m.message and said is None:
            parts.append(esc(m.message))
        return "<br>".join(parts)

    def problem_text(self) -> tuple[str, str] | None:
        problem = self.sel.get("problem")
        if not problem:
            return None
        cause, values = problem
        return describe(self.lang, cause, **values)

    def show_link_hint(self, text: str) -> None:
        """Under the first field: what the page reads in it (server, room), as it is typed."""
        label = self.widgets.get("link_hint")
        if not isinstance(label, UILabel):
            return
        t = self.lang.t
        if not text.strip():
            said = ""
        else:
            try:
                target = joinlink.parse(text)
            except joinlink.LinkError:
                said = t("ui.link_unknown")
            else:
                if not target.url:
                    said = t("ui.link_code_only", room=show_code(target.room))
                elif target.room:
                    said = t("ui.link_server_room", address=joinlink.address(target.url),
                             room=show_code(target.room))
                else:
                    said = t("ui.link_server", address=joinlink.address(target.url))
        if label.text != said:
            label.set_text(said)

    def follow_link(self, text: str) -> None:
        """A link's room code goes into the room's field (once per code: what is typed there
        afterwards stays)."""
        try:
            room = joinlink.parse(text).room
        except joinlink.LinkError:
            return
        if room and room != self.sel.get("link_room"):
            self.sel["link_room"] = room
            shown = show_code(room)
            self.ctx.drafts[(self.name, "room")] = shown
            el = self.widgets.get("room")
            if isinstance(el, UITextEntryLine):
                el.set_text(shown)

    # ----- input -----
    def remember_text(self, key: str, text: str) -> None:
        super().remember_text(key, text)
        if key == "url":
            self.follow_link(text)
            self.show_link_hint(text)

    def on_button(self, key: str) -> None:
        if key.startswith("mode_"):
            self.sel["mode"] = key[5:]
        elif key == "organiser":
            self.sel["organiser"] = True
        elif key == "join":
            self.join()
        elif key == "paste":
            self.paste()
        elif key == "copy_link":
            invitation = self.invitation()
            if invitation is not None:
                copy_link(self.ctx, invitation)
        elif key == "create":
            self.sel.pop("problem", None)
            url = self.text_of("url")
            try:
                url = joinlink.parse(url).url or url
            except joinlink.LinkError:
                pass  # the organiser's connection says why
            self.ctx.commands.create_room(url, self.text_of("key"), self.text_of("scenario"))
        elif key.startswith("lang_") and key[5:] in LANGS and key[5:] != self.lang.code:
            seats.remember_recent(lang=key[5:])
            self.ctx.commands.set_lang(key[5:])  # the page is built anew, in that language

    def on_enter(self, key: str) -> None:
        if key in ("name", "code", "room", "url"):
            self.join()

    def paste(self) -> None:
        """The clipboard into the first field: for whom Ctrl+V is not obvious."""
        text = (clipboard_paste() or "").strip()
        if not text:
            self.ctx.notice(self.lang.t("ui.paste_empty"), validation=True)
            return
        el = self.widgets.get("url")
        if isinstance(el, UITextEntryLine):
            el.set_text(text[:500])
        self.remember_text("url", text[:500])

    def fail(self, cause: Cause, **values: str) -> None:
        """A problem found before connecting: said in the message box (and the status bar)."""
        self.sel["problem"] = (cause, values)
        self.ctx.notice(describe(self.lang, cause, **values)[0], validation=True)

    def join(self) -> None:
        self.sel.pop("problem", None)
        mode = self.sel.get("mode", "participant")
        raw, room = self.text_of("url"), self.text_of("room")
        if not raw:
            self.fail(Cause.NEED_URL)
            return
        try:
            target = joinlink.parse(raw)
        except joinlink.LinkError as exc:
            self.fail(Cause.SCHEME if exc.code == "scheme" else Cause.ADDRESS,
                      text=raw[:80], scheme=exc.scheme)
            return
        if not target.url:  # a room code in the address's field
            self.follow_link(raw)
            self.fail(Cause.NEED_URL)
            return
        room = room or show_code(target.room)
        if not self.need(room, N_("ui.need_room")):
            return
        if not joinlink.valid_room(room):
            self.fail(Cause.BAD_ROOM, room=room[:40])
            return
        hello: dict[str, Any] = {"as": mode, "room": normalise(room)}
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
        self.ctx.commands.connect(target.url, hello)


def _url(text: str) -> str:
    """A server's address as the client connects to it, to compare two ("" when unreadable)."""
    try:
        return joinlink.parse(text).url
    except joinlink.LinkError:
        return ""
