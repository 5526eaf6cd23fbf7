"""Accueil: expectations, my character, the baromètre; the trainer's invitation link.
(The projets inspirants are in projets.py.)"""

from __future__ import annotations

from pygame_gui.elements import UITextEntryLine

from ilot.game.text import N_

from ..invitation import Invitation, copy_link, invitation_up
from ..widgets import Form, Panel, bold, esc, italic
from . import barometre, whoami


class AccueilPanel(Panel):
    """Participants write their expectations and may fix their name. The trainer has the
    « lien de connexion » at hand: a field holding it (select it, Ctrl+C) and « Copier »."""

    name = "accueil"
    trainer_controls = True  # the trainer's: the invitation link

    def my_name(self) -> str:
        me = self.model.my_participant
        return me.name if me is not None else ""

    def tab(self) -> str:
        """The participant's tab: the accueil's tasks (« main ») or their « Qui suis-je ? »."""
        return str(self.sel.get("tab", "main")) if self.ctx.can_act else "main"

    def signature(self) -> object:
        return (self.my_name(), barometre.signature(self), self.tab(),
                whoami.card_signature(self), self.hides_distribution())

    def hides_distribution(self) -> bool:
        """On the shared screen, the invitation card is drawn over the accueil: the baromètre's
        distribution is not shown behind it (invitation.invitation_up)."""
        return self.ctx.shared_screen and invitation_up(self.ctx)

    def build(self, form: Form) -> None:
        t = self.lang.t
        if self.ctx.is_trainer:
            self.build_invitation(form)
            return
        tab = self.tab()
        form.row([("tab:main", t("ui.whoami.tab_accueil")),
                  ("tab:whoami", t("ui.whoami.tab_whoami"))], selected=f"tab:{tab}", h=28)
        if tab == "whoami":
            whoami.build_card_form(self, form)
            form.textbox("box", "")
            return
        barometre.build_controls(self, form)
        form.label(t("ui.expectation_label"))
        form.entry("text", t("ui.expectation_hint"))
        form.row([("publish", t("ui.publish"))])
        form.label(t("ui.my_name", name=self.my_name()))  # a typo in it, a nickname: change it
        form.entry("name", t("ui.rename_hint"), limit=120)
        form.row([("rename", t("ui.rename"))])
        form.textbox("box", "")

    def build_invitation(self, form: Form) -> None:
        invitation = Invitation.of(self.model)
        if invitation is not None:
            form.label(self.lang.t("ui.invite.trainer_label"))
            link = form.entry("invite_link", limit=500)
            link.set_text(invitation.link)
            form.row([("copy_link", self.lang.t("ui.invite.copy"))])
        form.textbox("box", "")

    def content(self) -> str:
        s, m, lang = self.state, self.model, self.lang
        if self.tab() == "whoami":
            return whoami.people_html(lang, s, m)
        out = []
        me = m.my_participant
        persona = s.persona(me.persona) if me is not None else None
        if persona is not None:
            out.append(bold(lang.label(lang.t("ui.my_character"), persona.name)) + " — "
                       + esc(s.scenario.index("role")[persona.role].name))
            objectives = m.private_objectives
            if objectives:
                out.append(italic(lang.t("ui.private_objectives")))
                out += [f"• {esc(o['text'])}" for o in objectives]
            out.append("")
        baro = "" if self.hides_distribution() else barometre.distribution_html(lang, s)
        if baro:
            out += [baro, ""]
        out.append(bold(lang.t("ui.expectations_title", n=lang.num(len(s.expectations)))))
        for e in sorted(s.expectations.values(), key=lambda e: -e.t)[:80]:
            out.append(lang.label(f"<b>{esc(m.name_of(e.author))}</b>", esc(e.text)))
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
        if barometre.on_button(self, key) or whoami.card_button(self, key):
            return
        if key.startswith("tab:"):
            self.sel["tab"] = key[4:]
        elif key == "copy_link":
            invitation = Invitation.of(self.model)
            if invitation is not None:
                copy_link(self.ctx, invitation)
            el = self.widgets.get("invite_link")
            if isinstance(el, UITextEntryLine) and invitation is not None:
                el.set_text(invitation.link)  # as it was, should it have been typed over
        elif key == "publish":
            self.on_enter("text")
        elif key == "rename":
            self.on_enter("name")

    def on_enter(self, key: str) -> None:
        if key in ("who_org", "who_sentence"):
            whoami.send_card(self)
            return
        if key == "name":
            name = self.text_of("name")
            if self.need(name, N_("ui.need_name")):
                self.act({"type": "rename", "name": name})
                self.clear_text("name")
            return
        text = self.text_of("text")
        if key == "text" and self.need(text, N_("ui.need_text")):
            self.act({"type": "write_expectation", "text": text})
            self.clear_text("text")

