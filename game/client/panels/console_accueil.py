"""The console's « Accueil » tab: the baromètre's counts live (per statement, how many answered
before and after, by real-life role, never who), who has not written their « qui suis-je » card
yet, everyone's cards, and clearing a card out of place."""

from __future__ import annotations

from ilot.game.core.kinds import BarometreRound, PhaseKind, RealRole
from ilot.game.core.rules.whoami import missing
from ilot.game.core.state import State
from ilot.game.text import N_, Lang

from ..widgets import Form, Panel, bold, esc, italic
from .barometre import ROLE_SHORT
from .whoami import people_html


def answered(state: State, rnd: str, statement: str) -> dict[str, int]:
    """real role -> how many answered `statement` in round `rnd` (every level together)."""
    out: dict[str, int] = {}
    for key, n in state.barometre_tally.items():
        r, st, role, _level = key.split("/")
        if r == rnd and st == statement:
            out[role] = out.get(role, 0) + n
    return out


def counts_html(lang: Lang, state: State) -> str:
    """Per statement, one line a round: « Avant : 5 (Locataire 2, Proximité 3) »; the « après »
    line once the synthèse's round has begun (or answers of it exist)."""
    t = lang.t
    sts = state.scenario.barometre
    if not sts:
        return ""
    rounds = [(BarometreRound.BEFORE, N_("ui.whoami.before"))]
    if state.phase_kind == PhaseKind.SYNTHESE or any(
            k.startswith(f"{BarometreRound.AFTER}/") for k in state.barometre_tally):
        rounds.append((BarometreRound.AFTER, N_("ui.whoami.after")))
    out = [bold(t("ui.whoami.console_baro"))]
    for st in sts:
        out.append(f"<b>{esc(st.text)}</b>")
        for rnd, key in rounds:
            by_role = answered(state, rnd, st.id)
            roles = lang.join(f"{t(ROLE_SHORT[r])} {lang.num(by_role[r])}"
                              for r in RealRole if by_role.get(r))
            line = lang.label(t(key), lang.num(sum(by_role.values())))
            out.append("   " + esc(line + (f" ({roles})" if roles else "")))
    return "<br>".join(out)


def build(panel: Panel, form: Form) -> None:
    """Clearing a card: the cards in a menu, « Retirer la carte »."""
    s = panel.state
    cards = [(s.participants[pid].name, pid) for pid in s.participants if pid in s.whoami]
    if cards:
        form.dropdown("who_card", cards)
        form.row([("who_clear", panel.lang.t("ui.whoami.clear"))])
    form.textbox("box", "")


def on_button(panel: Panel, key: str) -> bool:
    if key != "who_clear":
        return False
    pid = panel.choice("who_card")
    if pid:
        panel.act({"type": "whoami_clear", "participant": pid})
    return True


def content(panel: Panel) -> str:
    s, lang = panel.state, panel.lang
    t = lang.t
    out = []
    waiting = missing(s)
    if waiting:
        names = lang.join(s.participants[pid].name for pid in waiting)
        out.append(lang.label(bold(t("ui.whoami.console_missing", n=lang.num(len(waiting)))),
                              esc(names)))
    elif s.participants:
        out.append(italic(t("ui.whoami.console_all_done")))
    baro = counts_html(lang, s)
    if baro:
        out += ["", baro]
    out += ["", people_html(lang, s, panel.model)]
    return "<br>".join(out)


def signature(state: State) -> object:
    return tuple(state.whoami)
