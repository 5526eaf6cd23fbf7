"""The persona page: a card per character, one column per role, then a confirmation.

Each card says how many players already play the character, out of the scenario's
`players_per_persona`, and who (« Déjà pris · 1 / 3 joueurs : Awa »); a full one cannot be
chosen. Cards are as tall as their text: the page scrolls when they do not all fit, so no text
is ever cut (1366×768, 1024×700). « Choisir » only opens the confirmation (« Jouer Josiane
Perrin ? Ce choix est définitif. », Annuler / Confirmer): `choose_persona` is sent on
« Confirmer », and a refusal (taken meanwhile) brings the cards back.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UIImage, UILabel, UIPanel, UIScrollingContainer

from ilot.game import palette as pal
from ilot.game.core.kinds import RealRole, RoleKind
from ilot.game.core.rules.characters import offered as offered_now
from ilot.game.core.scenario import Persona, Scenario
from ilot.game.core.state import Participant, State
from ilot.game.text import Lang

from ..fonts import font, wrap
from ..portraits import face_of, portrait
from ..richtext import render_paragraph
from ..widgets import Form, Panel, bold, coloured, esc

FREE = pal.GOOD
SOME = pal.CAUTION
FULL = pal.BAD
CARD_BG = pal.PAPER  # the theme's #card background: the text is drawn on it
TEXT_SIZE = 14
SCROLL_W = 20
TOP_ROW = 34  # the card's name and button
HEAD = 70  # the page's title and hint
FACE = 64  # a card's portrait (48 in narrow columns)
FACE_SMALL = 48
BIG_FACE = 96  # on the confirmation


def interests_text(scenario: Scenario, interests: dict[str, float]) -> str:
    names = scenario.index("indicator")
    parts = []
    for k, w in sorted(interests.items(), key=lambda kv: -abs(kv[1])):
        if k in names:
            sign = "+" if w > 0 else "−"
            parts.append(f"{names[k].name} {sign * (2 if abs(w) >= 0.7 else 1)}")
    return ", ".join(parts)


def players_of(participants: dict[str, Participant], persona_id: str) -> list[str]:
    """The names of those who play `persona_id`, in the order they joined."""
    return [p.name for p in participants.values() if p.persona == persona_id]


def taken_markup(lang: Lang, players: list[str], most: int) -> str:
    """« Libre · 0 / 3 joueurs », « Déjà pris · 1 / 3 joueurs : Awa », « Complet · … »."""
    n = len(players)
    if n >= most:
        state, colour = lang.t("ui.persona_full"), FULL
    elif n:
        state, colour = lang.t("ui.persona_some"), SOME
    else:
        state, colour = lang.t("ui.persona_free"), FREE
    count = lang.n("ui.players_of_n", most, taken=lang.num(n))
    text = coloured(colour, bold(state)) + " · " + esc(count)
    if players:
        text = lang.label(text, esc(lang.join(players)))
    return text


def card_markup(lang: Lang, scenario: Scenario, persona: Persona, players: list[str],
                authors: list[str] | None = None) -> list[str]:
    """The paragraphs of a card under its name: who plays it, who created it (a created
    character), the bio, what it cares about."""
    interests = interests_text(scenario, persona.interests)
    out = [taken_markup(lang, players, scenario.players_per_persona)]
    if authors:
        out.append(f"<i>{esc(lang.t('ui.character.created_by', names=lang.join(authors)))}</i>")
    out.append(esc(persona.bio))
    if interests:
        out.append(f"<i>{lang.label(esc(lang.t('ui.interests')), esc(interests))}</i>")
    return out


def offered(state: State) -> list[Persona]:
    """The characters one may choose (the core's `offered`): the approved created characters,
    oldest first, then the scenario's personas unless the trainer left them out."""
    created = [state.persona(c.id) for c in sorted(state.characters.values(), key=lambda c: c.t)]
    return [p for p in [*created, *state.scenario.personas] if p is not None and offered_now(state, p.id)]


REAL_TO_ROLE = {RealRole.TENANT: RoleKind.RESIDENT, RealRole.FIELD_STAFF: RoleKind.CARETAKER,
                RealRole.MANAGER: RoleKind.MANAGER}


def my_real_role(state: State, me: str) -> RoleKind | None:
    """The role of my real-life job, as my « qui suis-je » card, else my baromètre answers, say
    it (None: not said, or other)."""
    card = state.whoami.get(me)
    if card is not None:
        return REAL_TO_ROLE.get(card.real_role)
    for answer in state.barometre.values():
        if answer.participant == me and answer.real_role in REAL_TO_ROLE:
            return REAL_TO_ROLE[answer.real_role]
    return None


def authors_of(state: State, persona_id: str) -> list[str]:
    """Who created a created character (their names), [] for a scenario persona."""
    c = state.characters.get(persona_id)
    if c is None:
        return []
    return [state.participants[a].name if a in state.participants else a for a in c.authors]


def render_card_text(paragraphs: list[str], width: int) -> pygame.Surface:
    """The paragraphs word-wrapped to `width`, whole: the surface is as tall as they are."""
    blocks = [render_paragraph(p, width, TEXT_SIZE) for p in paragraphs if p]
    gap = 4
    h = sum(line.get_height() for b in blocks for line in b) + gap * (len(blocks) - 1)
    surf = pygame.Surface((width, max(1, h)))
    surf.fill(CARD_BG)
    y = 0
    for block in blocks:
        for line in block:
            surf.blit(line, (0, y))
            y += line.get_height()
        y += gap
    return surf


class PersonaScreen(Panel):
    """A participant without a character chooses one here: the window moves on to the main
    screen once the server has given it. Its memory: "confirm" (the character being
    confirmed), "sent" (the client id of the `choose_persona` sent), "scroll" (where the
    cards were scrolled to, kept across rebuilds)."""

    name = "persona"
    readonly_ok = False
    shown: dict[str, str]  # persona id -> what its card says of who plays it (markup)
    said: dict[str, list[str]]  # persona id -> its card's paragraphs (markup)

    def signature(self) -> object:
        self.settle()
        s = self.state
        taken = tuple(sorted((p.id, p.persona or "") for p in s.participants.values()))
        return (taken, self.sel.get("confirm"), self.sel.get("sent"),
                tuple(p.id for p in offered(s)), my_real_role(s, self.model.me))

    def settle(self) -> None:
        """A choice the server refused (taken meanwhile): back to the cards. A choice made in
        an earlier phase (the characters were offered again since): a new choice."""
        sent = self.sel.get("sent")
        if sent and (sent in self.model.rejected or self.sel.get("sent_phase") != self.state.phase):
            self.sel.pop("sent", None)
            self.sel.pop("confirm", None)

    def face_of(self, persona: Persona) -> str:
        """The portrait of a character offered here (the one it names, else one its bio
        suggests, distinct among the scenario's)."""
        return face_of(self.state, persona)

    def players(self, persona_id: str) -> list[str]:
        return players_of(self.state.participants, persona_id)

    # ----- the cards -----
    def build(self, form: Form) -> None:
        confirm = self.sel.get("confirm")
        persona = self.state.persona(confirm)
        if persona is not None:
            self.build_confirmation(form, persona)
        else:
            self.sel.pop("confirm", None)
            self.build_cards(form)

    def header(self, form: Form, title: str, hint: str) -> None:
        ui, root = self.ctx.ui, form.container
        w = self.rect.w
        UILabel(pygame.Rect(10, 4, w - 20, 34), wrap(title, font(24, bold=True), w - 30, 1)[0],
                ui, container=root, object_id="#title")
        for i, line in enumerate(wrap(hint, font(13), w - 30, 2)):
            UILabel(pygame.Rect(10, 36 + i * 16, w - 20, 18), line, ui, container=root,
                    object_id="#hint")

    def build_cards(self, form: Form) -> None:
        self.shown, self.said = {}, {}
        s = self.state
        sc = s.scenario
        lang, ui, root = self.lang, self.ctx.ui, form.container
        w, h = self.rect.size
        self.header(form, lang.t("ui.choose_persona"),
                    lang.n("ui.choose_persona_hint_n", sc.players_per_persona))
        mine = my_real_role(s, self.model.me)
        roles = sorted(sc.roles, key=lambda r: mine is not None and r.kind == mine)  # others first
        gap = 10
        col_w = (w - 20 - SCROLL_W - gap * (len(roles) - 1)) // max(1, len(roles))
        hinted = mine is not None and any(s.characters)
        for ci, role in enumerate(roles):
            x = 10 + ci * (col_w + gap)
            form.register(f"column:{role.kind}", UILabel(
                pygame.Rect(x, HEAD, col_w, 26), wrap(role.name, font(16, True), col_w, 1)[0], ui,
                container=root, object_id="#card_title"))
            if hinted and role.kind != mine:
                form.register(f"other:{role.kind}", UILabel(
                    pygame.Rect(x, HEAD + 24, col_w, 18),
                    wrap(lang.t("ui.character.other_view"), font(13), col_w, 1)[0], ui,
                    container=root, object_id="#hint"))
        top = HEAD + (46 if hinted else 28)
        pool = offered(s)
        area = UIScrollingContainer(pygame.Rect(0, top, w, h - top - 4), ui, container=root,
                                    allow_scroll_x=False)
        form.register("cards", area)
        bottom = 0
        for ci, role in enumerate(roles):
            x = 10 + ci * (col_w + gap)
            y = 0
            for persona in (p for p in pool if p.role == role.kind):
                y += self.card(form, area, persona, pygame.Rect(x, y, col_w, 0)) + 8
            bottom = max(bottom, y)
        area.set_scrollable_area_dimensions((w - SCROLL_W, bottom + 4))
        bar = area.vert_scroll_bar
        if bar is not None and self.sel.get("scroll"):
            bar.set_scroll_from_start_percentage(float(self.sel["scroll"]))

    def card(self, form: Form, area: UIScrollingContainer, persona: Persona,
             at: pygame.Rect) -> int:
        """One character's card at `at` (its height is its text's): returns the height."""
        sc, lang, ui = self.state.scenario, self.lang, self.ctx.ui
        players = self.players(persona.id)
        full = len(players) >= sc.players_per_persona
        paragraphs = card_markup(lang, sc, persona, players, authors_of(self.state, persona.id))
        self.shown[persona.id] = paragraphs[0]  # who plays it, as the card says
        self.said[persona.id] = paragraphs
        face = FACE if at.w >= 380 else FACE_SMALL
        left = face + 14  # the text sits right of the portrait
        text = render_card_text(paragraphs, at.w - left - 10)
        height = max(TOP_ROW + text.get_height() + 12, face + 12)
        card = UIPanel(pygame.Rect(at.x, at.y, at.w, height), manager=ui, container=area,
                       object_id="#card")
        form.register(f"face:{persona.id}", UIImage(
            pygame.Rect(6, 6, face, face), portrait(self.face_of(persona), face),
            ui, container=card))
        bw = min(120, max(90, font(14).size(lang.t("ui.choose"))[0] + 24))
        UILabel(pygame.Rect(left - 2, 4, at.w - bw - left - 12, 26),
                wrap(persona.name, font(16, True), at.w - bw - left - 22, 1)[0], ui, container=card,
                object_id="#card_title")
        b = UIButton(pygame.Rect(at.w - bw - 10, 4, bw, 28),
                     lang.t("ui.taken") if full else lang.t("ui.choose"), ui, container=card,
                     object_id="#button")
        if full:
            b.disable()
        form.register(f"persona:{persona.id}", b)
        UIImage(pygame.Rect(left, TOP_ROW, text.get_width(), text.get_height()), text, ui,
                container=card)
        return height

    # ----- the confirmation -----
    def build_confirmation(self, form: Form, persona: Persona) -> None:
        sc, lang, ui, root = self.state.scenario, self.lang, self.ctx.ui, form.container
        w, h = self.rect.size
        players = self.players(persona.id)
        full = len(players) >= sc.players_per_persona
        sent = bool(self.sel.get("sent"))
        self.header(form, lang.t("ui.persona_confirm", name=persona.name),
                    lang.t("ui.persona_taken_now") if full else lang.t("ui.persona_final"))
        cw = min(640, w - 40)
        x = (w - cw) // 2
        role = next((r.name for r in sc.roles if r.kind == persona.role), "")
        face = BIG_FACE
        left = face + 16
        text = render_card_text(card_markup(lang, sc, persona, players, authors_of(self.state, persona.id)),
                                cw - left - 10)
        buttons_h = 44
        room = h - HEAD - 10 - buttons_h - 16
        card_h = min(room, max(TOP_ROW + text.get_height() + 12, face + 14))
        card = UIPanel(pygame.Rect(x, HEAD + 4, cw, card_h), manager=ui, container=root,
                       object_id="#card")
        UIImage(pygame.Rect(7, 7, face, face), portrait(self.face_of(persona), face),
                ui, container=card)
        UILabel(pygame.Rect(left - 2, 4, cw - left - 8, 26),
                wrap(f"{persona.name} — {role}", font(16, True), cw - left - 22, 1)[0], ui,
                container=card, object_id="#card_title")
        if TOP_ROW + text.get_height() + 12 <= card_h:
            UIImage(pygame.Rect(left, TOP_ROW, text.get_width(), text.get_height()), text, ui,
                    container=card)
        else:  # a very long bio in a small window: it scrolls
            box = UIScrollingContainer(pygame.Rect(left - 5, TOP_ROW, cw - left - 1, card_h - TOP_ROW - 6),
                                       ui, container=card, allow_scroll_x=False)
            UIImage(pygame.Rect(5, 0, text.get_width(), text.get_height()), text, ui,
                    container=box)
            box.set_scrollable_area_dimensions((cw - left - 1 - SCROLL_W, text.get_height() + 4))
        by = HEAD + 4 + card_h + 14
        bw = min(220, (cw - 20) // 2)
        cancel = UIButton(pygame.Rect(w // 2 - bw - 10, by, bw, buttons_h), lang.t("ui.cancel"),
                          ui, container=root, object_id="#button")
        form.register("cancel", cancel)
        ok = UIButton(pygame.Rect(w // 2 + 10, by, bw, buttons_h),
                      lang.t("ui.persona_wait") if sent else lang.t("ui.persona_confirm_button"),
                      ui, container=root, object_id="#selected")
        form.register("confirm", ok)
        if full or sent:
            ok.disable()
        if sent:
            cancel.disable()

    # ----- input -----
    def rebuild(self) -> None:
        area = self.widgets.get("cards")
        if isinstance(area, UIScrollingContainer) and area.vert_scroll_bar is not None:
            self.sel["scroll"] = area.vert_scroll_bar.start_percentage
        super().rebuild()

    def on_button(self, key: str) -> None:
        if key.startswith("persona:"):
            self.sel["confirm"] = key.split(":", 1)[1]
        elif key == "cancel":
            self.sel.pop("confirm", None)
        elif key == "confirm" and self.sel.get("confirm") and not self.sel.get("sent"):
            aid = self.act({"type": "choose_persona", "persona": self.sel["confirm"]})
            if aid:
                self.sel["sent"] = aid
                self.sel["sent_phase"] = self.state.phase
