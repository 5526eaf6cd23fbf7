"""Accueil (expectations, my character) and projets inspirants (reactions, comments)."""

from __future__ import annotations

from pygame_gui.elements import UITextEntryLine

from ilot.game.text import N_

from ..invitation import Invitation, copy_link
from ..widgets import Form, Panel, bold, esc, italic
from . import barometre


class AccueilPanel(Panel):
    """Participants write their expectations and may fix their name. The trainer has the
    « lien de connexion » at hand: a field holding it (select it, Ctrl+C) and « Copier »."""

    name = "accueil"
    trainer_controls = True  # the trainer's: the invitation link

    def my_name(self) -> str:
        me = self.model.my_participant
        return me.name if me is not None else ""

    def signature(self) -> object:
        return self.my_name(), barometre.signature(self)

    def build(self, form: Form) -> None:
        t = self.lang.t
        if self.ctx.is_trainer:
            self.build_invitation(form)
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
        baro = barometre.distribution_html(lang, s)
        if baro:
            out += [baro, ""]
        out.append(bold(lang.t("ui.expectations_title", n=lang.num(len(s.expectations)))))
        for e in sorted(s.expectations.values(), key=lambda e: -e.t)[:80]:
            out.append(lang.label(f"<b>{esc(m.name_of(e.author))}</b>", esc(e.text)))
        return "<br>".join(out)

    def on_button(self, key: str) -> None:
        if barometre.on_button(self, key):
            return
        if key == "copy_link":
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


REACTIONS = ("inspire", "question", "doute")
# the buttons speak in the first person ("M'inspire"): the client's own words, not term.reaction.*
REACTION_LABELS = {"inspire": N_("ui.reaction_inspire"), "question": N_("ui.reaction_question"),
                   "doute": N_("ui.reaction_doute")}


class ProjetsPanel(Panel):
    name = "projets"

    def project(self) -> str:
        projects = self.state.scenario.inspiring_projects
        pid = self.sel.get("project")
        if pid not in self.state.scenario.index("project") and projects:
            pid = projects[0].id
        return pid or ""

    def signature(self) -> object:
        pid = self.project()
        return (pid, self.state.reactions.get(pid, {}).get(self.model.me))

    def build(self, form: Form) -> None:
        sc = self.state.scenario
        pid = self.project()
        form.dropdown("project", [(p.title, p.id) for p in sc.inspiring_projects], selected=pid)
        mine = self.state.reactions.get(pid, {}).get(self.model.me)
        form.row([(f"react:{r}", self.lang.t(REACTION_LABELS[r])) for r in REACTIONS],
                 selected=f"react:{mine}" if mine else None)
        form.entry("comment", self.lang.t("ui.comment_hint"))
        form.row([("send", self.lang.t("ui.send_comment"))])
        form.textbox("box", "")

    def content(self) -> str:
        s, _m = self.state, self.model
        pid = self.project()
        if not pid:
            return esc(self.lang.t("ui.no_projects"))
        if not self.ctx.can_act:  # spectator and trainer see every project's reactions
            return "<br>".join(self._one(p.id, brief=True) for p in s.scenario.inspiring_projects)
        return self._one(pid)

    def _one(self, pid: str, brief: bool = False) -> str:
        s, m, lang = self.state, self.model, self.lang
        p = s.scenario.index("project")[pid]
        counts = {r: 0 for r in REACTIONS}
        for r in s.reactions.get(pid, {}).values():
            counts[r] = counts.get(r, 0) + 1
        out = [f"<b>{esc(p.title)}</b> — <i>{esc(p.place)}</i>",
               " · ".join(f"{esc(lang.t(REACTION_LABELS[r]))} {lang.num(counts[r])}"
                          for r in REACTIONS)]
        if not brief:
            out.append(esc(p.summary))
            out += [f"• {esc(x)}" for x in p.lessons]
        comments = [c for c in s.comments.values() if c.project == pid]
        for c in sorted(comments, key=lambda c: -c.t)[: 3 if brief else 50]:
            out.append(lang.label(f"<b>{esc(m.name_of(c.author))}</b>", esc(c.text)))
        return "<br>".join(out) + "<br>"

    def on_select(self, key: str, value: str | None) -> None:
        if key == "project" and value:
            self.sel["project"] = value

    def on_button(self, key: str) -> None:
        pid = self.project()
        if key.startswith("react:"):
            mine = self.state.reactions.get(pid, {}).get(self.model.me)
            r = key[6:]
            self.act({"type": "react_project", "project": pid,
                      "reaction": "none" if mine == r else r})
        elif key == "send":
            self.on_enter("comment")

    def on_enter(self, key: str) -> None:
        text = self.text_of("comment")
        if key == "comment" and self.need(text, N_("ui.need_text")):
            self.act({"type": "comment_project", "project": self.project(), "text": text})
            self.clear_text("comment")
