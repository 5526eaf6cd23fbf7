"""« Création des personnages » (phase `personnages`): participants write the îlot's characters,
the trainer reviews them live.

A participant: « Créer un personnage » opens the editor (pages/character.py); their own
characters are listed with their status (brouillon, approuvé, renvoyé with the trainer's
comment, fusionné), each with « Modifier » while it is not approved. The trainer: every
character in a list of check boxes (status and authors under each name); « Ouvrir » edits the
one ticked, « Approuver », « Renvoyer » (with the comment typed above), « Fusionner » (two or
more: into the oldest ticked), « Retirer »; and whether the scenario's own personas are offered
too at the next choice (`persona_pool`). The text box says each character in full (the trainer
sees its objectives; a participant, their own characters' only, as the server sends them).
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIImage

from ilot.game.core.kinds import CharacterStatus, PhaseKind
from ilot.game.core.rules.characters import MAX_EACH
from ilot.game.core.state import Character
from ilot.game.text import N_

from ..checklist import Row
from ..context import ClientContext
from ..fonts import px
from ..pages.character import ROLE_WORDS, STATUS_KEYS, open_editor
from ..portraits import portrait
from ..widgets import Form, Panel, bold, esc, italic

AT_CAFE = "characters_at_cafe"  # the context's memory: the panel shown over the café's
COMMENT_LIMIT = 300
FACE = 48  # a participant's character's portrait, beside its name


def add_characters_button(panel: Panel, form: Form) -> None:
    """The café's « Personnages » button (a participant's and the trainer's, when the scenario
    has a personnages phase): the panel below replaces the café's until « Retour au world café »."""
    writes = any(p.kind == PhaseKind.PERSONNAGES for p in panel.state.scenario.phases)
    if writes and (panel.ctx.can_act or panel.ctx.is_trainer):
        key = N_("ui.character.at_cafe_trainer") if panel.ctx.is_trainer else N_("ui.character.at_cafe")
        form.row([("characters", panel.lang.t(key))], h=28)


def characters_shown(ctx: ClientContext) -> bool:
    """This panel is shown over the café's (see `add_characters_button`)."""
    return bool(ctx.memory(AT_CAFE).get("open")) and (ctx.can_act or ctx.is_trainer) \
        and ctx.state.phase_kind == PhaseKind.WORLD_CAFE


def show_characters(ctx: ClientContext, shown: bool) -> None:
    ctx.memory(AT_CAFE)["open"] = shown


class CharactersPanel(Panel):
    name = "personnages"
    trainer_controls = True  # the trainer's review

    def characters(self) -> list[Character]:
        """Every character not merged away, oldest first."""
        return sorted((c for c in self.state.characters.values()
                       if c.status != CharacterStatus.MERGED), key=lambda c: c.t)

    def mine(self) -> list[Character]:
        me = self.model.me
        return sorted((c for c in self.state.characters.values() if me in c.authors), key=lambda c: c.t)

    def signature(self) -> object:
        if self.ctx.is_trainer:
            return ("trainer", tuple((c.id, c.name, c.status, tuple(c.authors)) for c in self.characters()),
                    self.state.persona_pool_scenario)
        return tuple((c.id, c.name, c.status, c.comment) for c in self.mine())

    # ----- words -----
    def role_word(self, c: Character) -> str:
        return self.lang.t(ROLE_WORDS[c.role])

    def authors(self, c: Character) -> str:
        people = self.state.participants
        return self.lang.join([people[a].name if a in people else a for a in c.authors])

    def status_line(self, c: Character) -> str:
        """« Brouillon · écrit par Awa, Bea » (plain text)."""
        return self.lang.t("ui.character.status_line", status=self.lang.t(STATUS_KEYS[c.status]),
                           authors=self.authors(c))

    # ----- building -----
    def build(self, form: Form) -> None:
        if self.ctx.is_trainer:
            self.build_trainer(form)
        else:
            self.build_participant(form)
        form.textbox("box", "")

    def build_participant(self, form: Form) -> None:
        t = self.lang.t
        if self.state.phase_kind == PhaseKind.WORLD_CAFE:
            form.row([("back", t("ui.character.back_to_cafe"))], h=28)
        form.legend(t("ui.character.panel_hint"), max_lines=3)
        mine = self.mine()
        authored = [c for c in mine if c.authors[0] == self.model.me and c.status != CharacterStatus.MERGED]
        (create,) = form.row([("create", t("ui.character.create"))], selected="create")
        if len(authored) >= MAX_EACH:
            create.disable()
        face = px(FACE)
        for c in mine[:MAX_EACH + 2]:  # its portrait, then its name, status, comment, button
            top, x0, w0 = form.y, form.x, form.w
            UIImage(pygame.Rect(x0, top, face, face), portrait(c.portrait, face), self.ctx.ui,
                    container=form.container)
            form.x, form.w = x0 + face + 8, w0 - face - 8
            line = self.lang.label(c.name, self.lang.t(STATUS_KEYS[c.status]))
            form.legend(line, bold=True, size=14, max_lines=1)
            if c.status == CharacterStatus.SENT_BACK and c.comment:
                form.legend(t("ui.character.comment_line", comment=c.comment), max_lines=3,
                            key=f"comment:{c.id}")
            (edit,) = form.row([(f"edit:{c.id}", t("ui.character.edit"))], h=28)
            if c.status in (CharacterStatus.APPROVED, CharacterStatus.MERGED):
                edit.disable()
            form.x, form.w, form.y = x0, w0, max(form.y, top + face + form.GAP)

    def build_trainer(self, form: Form) -> None:
        t = self.lang.t
        if self.state.phase_kind == PhaseKind.WORLD_CAFE:
            form.row([("back", t("ui.character.back_to_cafe"))], h=28)
        pool = self.state.persona_pool_scenario
        form.row([("pool", t("ui.character.pool_on") if pool else t("ui.character.pool_off"))], h=28,
                 selected="pool" if pool else None)
        rows = [Row(c.id, f"{c.name} — {self.role_word(c)}", self.status_line(c)) for c in self.characters()]
        if not rows:
            return  # the text box says there is none yet
        ticked = [v for v in self.sel.get("picked") or [] if v in {r.value for r in rows}]
        self.sel["picked"] = ticked
        form.checklist("picked", rows, 42 * 4 + 2, ticked, store=self.sel)
        form.entry("comment", t("ui.character.comment_hint"), limit=COMMENT_LIMIT)
        form.row([("open", t("ui.character.open")), ("approve", t("ui.character.approve")),
                  ("send_back", t("ui.character.send_back"))], h=30)
        form.row([("merge", t("ui.character.merge")), ("remove", t("ui.character.remove"))], h=30)

    def content(self) -> str:
        t = self.lang.t
        if self.ctx.is_trainer:
            picked = set(self.sel.get("picked") or [])
            shown = [c for c in self.characters() if c.id in picked] or self.characters()
        elif self.ctx.can_act:
            shown = [c for c in self.characters()
                     if self.model.me in c.authors or c.status == CharacterStatus.APPROVED]
        else:  # the shared screen: the approved ones
            shown = [c for c in self.characters() if c.status == CharacterStatus.APPROVED]
        if not shown:
            return italic(esc(t("ui.character.none_yet")))
        return "<br><br>".join(self.card(c) for c in shown)

    def card(self, c: Character) -> str:
        """A character in full: name, role, status and authors, who they are, their objectives
        (when this window receives them)."""
        lang, t = self.lang, self.lang.t
        out = [bold(esc(f"{c.name} — {self.role_word(c)}")), italic(esc(self.status_line(c)))]
        who = " · ".join(x for x in (c.age, c.situation) if x)
        if who:
            out.append(esc(who))
        if c.bio:
            out.append(esc(c.bio))
        if c.needs:
            out.append(esc(lang.label(t("ui.character.needs_short"), c.needs)))
        if c.objectives:
            out.append(bold(esc(t("ui.character.objectives"))))
            out += [f"• {esc(o.text)}" for o in c.objectives]
        if c.status == CharacterStatus.SENT_BACK and c.comment:
            out.append(italic(esc(t("ui.character.comment_line", comment=c.comment))))
        return "<br>".join(out)

    # ----- input -----
    def picked(self) -> list[str]:
        """The ticked characters, oldest first (a merge keeps the oldest's fields)."""
        chosen = set(self.sel.get("picked") or [])
        return [c.id for c in self.characters() if c.id in chosen]

    def on_button(self, key: str) -> None:
        s = self.state
        if key == "create":
            open_editor(self.ctx, None)
        elif key == "back":
            show_characters(self.ctx, False)
        elif key.startswith("edit:") and key[5:] in s.characters:
            open_editor(self.ctx, s.characters[key[5:]])
        elif key == "pool":
            self.act({"type": "persona_pool", "scenario": not s.persona_pool_scenario})
        elif key in ("open", "approve", "send_back", "merge", "remove"):
            self.review(key, self.picked())

    def review(self, key: str, picked: list[str]) -> None:
        s = self.state
        if not self.need(picked, N_("ui.character.need_pick")):
            return
        if key == "open":
            if self.need(len(picked) == 1, N_("ui.character.need_one")):
                open_editor(self.ctx, s.characters[picked[0]])
        elif key == "approve":
            for cid in picked:
                self.act({"type": "character_review", "character": cid, "decision": "approve",
                          "comment": ""})
        elif key == "send_back":
            comment = self.text_of("comment")
            if self.need(comment, N_("ui.character.need_comment")):
                for cid in picked:
                    self.act({"type": "character_review", "character": cid, "decision": "send_back",
                              "comment": comment})
                self.clear_text("comment")
        elif key == "merge":
            if self.need(len(picked) >= 2, N_("ui.character.need_two")):
                self.act({"type": "character_merge", "characters": picked, "into": picked[0]})
                self.sel["picked"] = []
        elif key == "remove":
            for cid in picked:
                self.act({"type": "character_remove", "character": cid})
            self.sel["picked"] = []

    def on_enter(self, key: str) -> None:
        if key == "comment":
            self.on_button("send_back")
