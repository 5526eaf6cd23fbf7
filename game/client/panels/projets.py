"""Projets inspirants: the scenario's project cards and the participants' own experience cards,
with the same reactions and comments.

A participant picks a card in one menu (pinned experiences first, then the scenario's projects,
then the other experiences, each with its author's name), reacts and comments; under the tab
« Partager une expérience » they write a card of their own (title, where, who carried it, what
worked, what did not, two figures), and edit theirs (« Modifier ma carte » on it). The trainer
picks a card too, pins, unpins or removes an experience, and removes a comment out of place
(« Retirer un commentaire… »). The shared screen shows the pinned cards whole, then a line for
every other card.
"""

from __future__ import annotations

from typing import Any

from ilot.game.core.rules.experiences import MAX_EACH, board
from ilot.game.core.state import Experience
from ilot.game.palette import GOOD
from ilot.game.text import N_

from ..listing import MENU_MARGIN, fit_pair
from ..widgets import Form, Panel, bold, coloured, esc, italic
from .picks import newest, pick_menu, picked

REACTIONS = ("inspire", "question", "doute")
# the buttons speak in the first person ("M'inspire"): the client's own words, not term.reaction.*
REACTION_LABELS = {"inspire": N_("ui.reaction_inspire"), "question": N_("ui.reaction_question"),
                   "doute": N_("ui.reaction_doute")}
EDIT = "e_"  # the edit form's entries: a new card's draft stays as it was
# the card's entries: (field, placeholder key, length limit as the action's)
FIELDS = (("title", N_("ui.exp.title_hint"), 80), ("where", N_("ui.exp.where_hint"), 80),
          ("carried_by", N_("ui.exp.carried_by_hint"), 120),
          ("worked", N_("ui.exp.worked_hint"), 600), ("did_not", N_("ui.exp.did_not_hint"), 600),
          ("figure1", N_("ui.exp.figure_hint"), 80), ("figure2", N_("ui.exp.figure2_hint"), 80))
SCREEN_BRIEF = 3  # comments under a card in the brief form, and on the shared screen


class ProjetsPanel(Panel):
    name = "projets"
    trainer_controls = True  # the trainer's « Épingler » and « Retirer »

    # ----- what is shown -----
    def card_ids(self) -> list[str]:
        """Every card's id in the menu's order: pinned experiences, the scenario's projects,
        the other experiences."""
        xs = board(self.state)
        return ([x.id for x in xs if x.pinned]
                + [p.id for p in self.state.scenario.inspiring_projects]
                + [x.id for x in xs if not x.pinned])

    def cards(self) -> list[tuple[str, str]]:
        """(menu label, id) of every card, each experience with its author's name."""
        lang, name_of = self.lang, self.model.name_of
        width = self.rect.w - MENU_MARGIN  # the title is shortened first, never the name
        projects = self.state.scenario.index("project")
        out = []
        for cid in self.card_ids():
            x = self.state.experiences.get(cid)
            if x is None:
                out.append((projects[cid].title, cid))
            else:
                title = lang.t("ui.exp.option_pinned", title=x.title) if x.pinned else x.title
                out.append((fit_pair(title, name_of(x.author), width), cid))
        return out

    def card(self) -> str:
        ids = self.card_ids()
        cid = self.sel.get("project")
        if cid not in ids:
            cid = ids[0] if ids else ""
        return cid or ""

    def experience(self) -> Experience | None:
        return self.state.experiences.get(self.card())

    def editing(self) -> Experience | None:
        x = self.state.experiences.get(self.sel.get("edit") or "")
        return x if x is not None and x.author == self.model.me else None

    def tab(self) -> str:
        return self.sel.get("tab", "cards") if self.ctx.can_act else "cards"

    def signature(self) -> object:
        cid = self.card()
        x = self.editing()
        name_of = self.model.name_of
        return (self.tab(), cid, self.state.reactions.get(cid, {}).get(self.model.me),
                tuple((c.id, c.title, c.pinned, c.author, name_of(c.author))
                      for c in self.state.experiences.values()),
                x.id if x else None,
                tuple(c.id for c in self.state.comments.values()) if self.ctx.is_trainer else None,
                picked(self, "comment_pick", self.state.comments) if self.ctx.is_trainer else None)

    # ----- the form -----
    def build(self, form: Form) -> None:
        t = self.lang.t
        if self.ctx.can_act:
            editing = self.editing()
            share = t("ui.exp.tab_edit") if editing else t("ui.exp.tab_share")
            form.row([("tab:cards", t("ui.exp.tab_cards")), ("tab:share", share)],
                     selected=f"tab:{self.tab()}", h=28)
            if self.tab() == "share":
                self.build_share(form)
                return
        cid = self.card()
        form.dropdown("project", self.cards(), selected=cid)
        x = self.experience()
        if self.ctx.is_trainer:
            if x is not None:
                form.row([("pin", t("ui.exp.unpin") if x.pinned else t("ui.exp.pin")),
                          ("remove", t("ui.exp.remove"))])
            comments = [(f"{self.model.name_of(c.author)} : {c.text}", c.id)
                        for c in newest(c for c in self.state.comments.values() if c.project == cid)]
            pick_menu(self, form, "comment_pick", t(N_("ui.mod.pick_comment")), comments,
                      [("comment_remove", t(N_("ui.mod.remove_comment")))])
            form.textbox("box", "")
            return
        if x is not None and x.author == self.model.me:
            form.row([("edit", t("ui.exp.edit_mine"))])
        elif cid:
            mine = self.state.reactions.get(cid, {}).get(self.model.me)
            form.row([(f"react:{r}", t(REACTION_LABELS[r])) for r in REACTIONS],
                     selected=f"react:{mine}" if mine else None)
        form.entry("comment", t("ui.comment_hint"))
        form.row([("send", t("ui.send_comment"))])
        form.textbox("box", "")

    def build_share(self, form: Form) -> None:
        t = self.lang.t
        editing = self.editing()
        p = EDIT if editing else ""
        mine = sum(1 for x in self.state.experiences.values() if x.author == self.model.me)
        if editing is None and mine >= MAX_EACH:
            form.legend(t("ui.exp.limit", n=self.lang.num(MAX_EACH)), max_lines=2)
        for key, hint, limit in FIELDS:
            form.entry(p + key, t(hint), limit=limit)
        if editing is None:
            form.row([("share", t("ui.exp.share"))])
        else:
            form.row([("save", t("ui.save_changes")), ("cancel", t("ui.cancel"))])
        form.textbox("box", "")

    # ----- the text -----
    def content(self) -> str:
        lang = self.lang
        if self.tab() == "share":  # the form above; my cards below, as others see them
            mine = [x for x in board(self.state) if x.author == self.model.me]
            out = [italic(lang.t("ui.exp.share_intro"))]
            if mine:
                out.append(bold(lang.t("ui.exp.mine_title", n=lang.num(len(mine)))))
                out += [self.card_html(x.id, brief=True) for x in mine]
            return "<br>".join(out)
        cid = self.card()
        if not cid:
            return esc(lang.t("ui.exp.no_cards"))
        if self.ctx.can_act:
            return self.card_html(cid)
        if self.ctx.is_trainer:  # the card picked whole, then every other card brief
            others = [c for c in self.card_ids() if c != cid]
            return "<br>".join([self.card_html(cid)] + [self.card_html(c, brief=True)
                                                         for c in others])
        # the shared screen: the pinned cards whole, then the others brief
        pinned = [x.id for x in board(self.state) if x.pinned]
        rest = [c for c in self.card_ids() if c not in pinned]
        return "<br>".join([self.card_html(c, comments=SCREEN_BRIEF) for c in pinned]
                           + [self.card_html(c, brief=True) for c in rest])

    def card_html(self, cid: str, brief: bool = False, comments: int = 50) -> str:
        """One card: its head, its reactions' counts, its text (unless brief), its comments."""
        s, m, lang = self.state, self.model, self.lang
        x = s.experiences.get(cid)
        out: list[str] = []
        if x is not None:
            head = f"<b>{esc(x.title)}</b>" + (f" — <i>{esc(x.where)}</i>" if x.where else "")
            out.append(head)
            if x.pinned:
                out.append(coloured(GOOD, bold(lang.t("ui.exp.pinned"))))
            out.append(italic(lang.t("ui.exp.shared_by", name=m.name_of(x.author))))
        else:
            p = s.scenario.index("project")[cid]
            out.append(f"<b>{esc(p.title)}</b> — <i>{esc(p.place)}</i>")
        counts = {r: 0 for r in REACTIONS}
        for r in s.reactions.get(cid, {}).values():
            counts[r] = counts.get(r, 0) + 1
        out.append(" · ".join(f"{esc(lang.t(REACTION_LABELS[r]))} {lang.num(counts[r])}"
                              for r in REACTIONS))
        if not brief:
            out += self.details(x) if x is not None else self.project_details(cid)
        shown = sorted((c for c in s.comments.values() if c.project == cid), key=lambda c: -c.t)
        for c in shown[: SCREEN_BRIEF if brief else comments]:
            out.append(lang.label(f"<b>{esc(m.name_of(c.author))}</b>", esc(c.text)))
        return "<br>".join(out) + "<br>"

    def details(self, x: Experience) -> list[str]:
        lang = self.lang
        rows = [(N_("ui.exp.carried_by"), x.carried_by), (N_("ui.exp.worked"), x.worked),
                (N_("ui.exp.did_not"), x.did_not),
                (N_("ui.exp.figures"), " · ".join(x.figures))]
        return [lang.label(bold(lang.t(key)), esc(text)) for key, text in rows if text]

    def project_details(self, cid: str) -> list[str]:
        p = self.state.scenario.index("project")[cid]
        return [esc(p.summary)] + [f"• {esc(x)}" for x in p.lessons]

    # ----- input -----
    def on_select(self, key: str, value: str | None) -> None:
        if key == "project" and value:
            self.sel["project"] = value

    def on_button(self, key: str) -> None:
        cid = self.card()
        if key.startswith("tab:"):
            self.sel["tab"] = key[4:]
        elif key.startswith("react:"):
            mine = self.state.reactions.get(cid, {}).get(self.model.me)
            r = key[6:]
            self.act({"type": "react_project", "project": cid,
                      "reaction": "none" if mine == r else r})
        elif key == "send":
            self.on_enter("comment")
        elif key == "pin":
            x = self.experience()
            if x is not None:
                self.act({"type": "experience_pin", "experience": x.id, "pinned": not x.pinned})
        elif key == "remove":
            if self.experience() is not None:
                self.act({"type": "experience_remove", "experience": cid})
        elif key == "comment_remove":
            comment = picked(self, "comment_pick", self.state.comments)
            if comment is not None:
                self.act({"type": "comment_remove", "comment": comment})
        elif key == "edit":
            self.start_edit(cid)
        elif key == "share":
            self.send("")
        elif key == "save":
            self.send(EDIT)
        elif key == "cancel":
            self.leave_edit()

    def on_enter(self, key: str) -> None:
        if key == "comment":
            text = self.text_of("comment")
            if self.need(text, N_("ui.need_text")):
                self.act({"type": "comment_project", "project": self.card(), "text": text})
                self.clear_text("comment")
        elif key.startswith(EDIT):
            self.send(EDIT)
        elif any(key == f for f, _, _ in FIELDS):
            self.send("")

    def fields(self, p: str) -> dict[str, Any]:
        got = {key: self.text_of(p + key) for key, _, _ in FIELDS}
        figures = [f for f in (got.pop("figure1"), got.pop("figure2")) if f]
        return {**got, "figures": figures}

    def send(self, p: str) -> None:
        """Share the card (p ""), or save the one being edited (p EDIT)."""
        fields = self.fields(p)
        if not self.need(fields["title"], N_("ui.exp.need_title")):
            return
        editing = self.editing() if p else None
        if p and editing is None:  # gone meanwhile (removed by the trainer)
            self.leave_edit()
            return
        self.act({"type": "experience_share", "experience": editing.id if editing else None,
                  **fields})
        if p:
            self.leave_edit()
            self.sel["project"] = editing.id if editing else self.sel.get("project")
        else:
            for key, _, _ in FIELDS:
                self.clear_text(key)
            self.sel["tab"] = "cards"

    def start_edit(self, xid: str) -> None:
        """Open the share tab on my card, its form pre-filled."""
        x = self.state.experiences.get(xid)
        if x is None or x.author != self.model.me:
            return
        values = {"title": x.title, "where": x.where, "carried_by": x.carried_by,
                  "worked": x.worked, "did_not": x.did_not,
                  "figure1": x.figures[0] if x.figures else "",
                  "figure2": x.figures[1] if len(x.figures) > 1 else ""}
        for key, value in values.items():
            self.ctx.drafts[(self.name, EDIT + key)] = value
        self.sel.update({"tab": "share", "edit": xid})

    def leave_edit(self) -> None:
        for key, _, _ in FIELDS:
            self.clear_text(EDIT + key)
        self.sel.pop("edit", None)
        self.sel["tab"] = "cards"
