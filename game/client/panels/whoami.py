"""« Qui suis-je ? » and « Qui est là ? »: a participant's introduction card (real-life role as
four buttons, organisation, one sentence) and the list of everyone's cards.

The card form and the list are shared by the accueil panel's « Qui suis-je ? » tab and by
`WhoPanel`, the side panel the header's « Qui est là ? » opens in any phase (participants and
the shared screen; the trainer has the list in the console's « Accueil » tab). A new phase
closes it, as it closes « Ma fiche ».
"""

from __future__ import annotations

from ilot.game.core.kinds import RealRole
from ilot.game.core.state import State
from ilot.game.text import N_, Lang

from ..context import ClientContext
from ..fonts import font
from ..model import ClientModel
from ..widgets import Form, Panel, bold, esc, italic

# the four buttons' words (the client's own: shorter than term.real_role.*, their tooltips)
ROLE_LABELS = {RealRole.TENANT: N_("ui.whoami.role_tenant"),
               RealRole.FIELD_STAFF: N_("ui.whoami.role_field_staff"),
               RealRole.MANAGER: N_("ui.whoami.role_manager"),
               RealRole.OTHER: N_("ui.whoami.role_other")}
ORG_LIMIT = 80
SENTENCE_LIMIT = 200


def who_open(ctx: ClientContext) -> bool:
    """« Qui est là ? » is shown in place of the phase's panel (never for the trainer, whose
    console has it)."""
    return bool(ctx.memory("who").get("open")) and not ctx.is_trainer


def show_who(ctx: ClientContext, shown: bool) -> None:
    ctx.memory("who")["open"] = shown


def card_signature(panel: Panel) -> object:
    card = panel.state.whoami.get(panel.model.me)
    return (panel.sel.get("who_role"),
            None if card is None else (card.real_role, card.organisation, card.sentence))


def build_card_form(panel: Panel, form: Form) -> None:
    """The participant's own card: « Je suis… » four buttons, organisation, sentence, send."""
    if not panel.ctx.can_act:
        return
    t = panel.lang.t
    card = panel.state.whoami.get(panel.model.me)
    form.label(t("ui.whoami.form_title") if card is None else t("ui.whoami.form_title_done"))
    role = panel.sel.get("who_role") or (card.real_role if card else None)
    buttons = [(f"who_role:{r}", t(ROLE_LABELS[r])) for r in RealRole]
    one_row = (form.w - 12 - 12) // len(buttons) - 10
    fits = all(font(14).size(label)[0] <= one_row for _, label in buttons)
    for part in ([buttons] if fits else [buttons[:2], buttons[2:]]):  # never a cut word
        form.row(part, h=28, selected=f"who_role:{role}" if role else None,
                 tips={f"who_role:{r}": t(f"term.real_role.{r}") for r in RealRole})
    org = form.entry("who_org", t("ui.whoami.org_hint"), limit=ORG_LIMIT)
    sentence = form.entry("who_sentence", t("ui.whoami.sentence_hint"), limit=SENTENCE_LIMIT)
    if card is not None:  # what is on the card, to change a word of it
        if not panel.ctx.drafts.get((panel.name, "who_org")):
            org.set_text(card.organisation)
        if not panel.ctx.drafts.get((panel.name, "who_sentence")):
            sentence.set_text(card.sentence)
    form.row([("who_send", t("ui.whoami.send") if card is None else t("ui.whoami.update"))])


def card_button(panel: Panel, key: str) -> bool:
    """Handle a button of the card form; False when `key` is not one of them."""
    if key.startswith("who_role:"):
        panel.sel["who_role"] = key.split(":", 1)[1]
    elif key == "who_send":
        send_card(panel)
    else:
        return False
    return True


def send_card(panel: Panel) -> None:
    card = panel.state.whoami.get(panel.model.me)
    role = panel.sel.get("who_role") or (card.real_role if card else None)
    if not panel.need(role, N_("ui.whoami.need_role")):
        return
    panel.act({"type": "whoami_set", "real_role": role,
               "organisation": panel.text_of("who_org"),
               "sentence": panel.text_of("who_sentence")})
    panel.ctx.drafts.pop((panel.name, "who_org"), None)
    panel.ctx.drafts.pop((panel.name, "who_sentence"), None)
    panel.sel.pop("who_role", None)


def card_line(lang: Lang, state: State, model: ClientModel, pid: str) -> str:
    """« **Awa** — Locataire · Amicale des Tilleuls · joue Josiane » then the sentence."""
    p = state.participants[pid]
    card = state.whoami.get(pid)
    parts = []
    if card is not None:
        parts.append(esc(lang.t(f"term.real_role.{card.real_role}")))
        if card.organisation:
            parts.append(esc(card.organisation))
    persona = state.scenario.index("persona").get(p.persona or "")
    if persona is not None:
        parts.append(italic(lang.t("ui.whoami.plays", persona=persona.name)))
    line = bold(p.name) + (" — " + " · ".join(parts) if parts else "")
    if card is not None and card.sentence:
        line += "<br>   " + italic(lang.quote(card.sentence))
    return line


def people_html(lang: Lang, state: State, model: ClientModel) -> str:
    """Everyone's card, in the order they joined; then who has not written one yet."""
    cards = [pid for pid in state.participants if pid in state.whoami]
    out = [bold(lang.t("ui.whoami.list_title", n=lang.num(len(cards)),
                       total=lang.num(len(state.participants))))]
    out += [card_line(lang, state, model, pid) for pid in cards]
    if not state.participants:
        out.append(italic(lang.t("ui.whoami.nobody")))
    rest = [state.participants[pid].name for pid in state.participants
            if pid not in state.whoami]
    if rest:
        out.append(lang.label(italic(lang.t("ui.whoami.not_yet")), esc(lang.join(rest))))
    return "<br>".join(out)


class WhoPanel(Panel):
    """« Qui est là ? » over the side panel, in any phase (see the module's docstring)."""

    name = "who"

    def signature(self) -> object:
        return card_signature(self)

    def build(self, form: Form) -> None:
        build_card_form(self, form)
        form.textbox("box", "")

    def content(self) -> str:
        return people_html(self.lang, self.state, self.model)

    def on_button(self, key: str) -> None:
        card_button(self, key)

    def on_enter(self, key: str) -> None:
        if key in ("who_org", "who_sentence"):
            send_card(self)
