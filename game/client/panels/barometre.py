"""The baromètre in the side panel: a participant places themself on each statement (one at a
time, five levels, their real-life role once), and every screen shows the anonymous
distribution per statement by real-life role; at the synthèse, the movement before → after."""

from __future__ import annotations

from ilot.game.core.kinds import BarometreRound, RealRole
from ilot.game.core.state import State
from ilot.game.text import N_, Lang

from ..widgets import Form, Panel, bold, esc

LEVELS = (1, 2, 3, 4, 5)
LEVEL_LABELS = {1: N_("ui.barometre.level_1"), 2: N_("ui.barometre.level_2"),
                3: N_("ui.barometre.level_3"), 4: N_("ui.barometre.level_4"),
                5: N_("ui.barometre.level_5")}
ROLE_SHORT = {RealRole.TENANT: N_("ui.barometre.role_tenant"),
              RealRole.FIELD_STAFF: N_("ui.barometre.role_field_staff"),
              RealRole.MANAGER: N_("ui.barometre.role_manager"),
              RealRole.OTHER: N_("ui.barometre.role_other")}


def round_of(state: State) -> BarometreRound:
    return BarometreRound.AFTER if state.phase_kind == "synthese" else BarometreRound.BEFORE


def my_answers(panel: Panel) -> dict[str, int]:
    """statement -> my level in this phase's round (the view holds only my own answers)."""
    rnd, me = round_of(panel.state), panel.model.me
    return {a.statement: a.level for a in panel.state.barometre.values()
            if a.participant == me and a.round == rnd}


def my_role(panel: Panel) -> RealRole | None:
    """The role an answer goes with when none is picked: my « qui suis-je » card's, else my
    latest answer's (as the rule decides: rules/barometre.py)."""
    card = panel.state.whoami.get(panel.model.me)
    if card is not None:
        return card.real_role
    mine = [a for a in panel.state.barometre.values() if a.participant == panel.model.me]
    return max(mine, key=lambda a: a.t).real_role if mine else None


def signature(panel: Panel) -> object:
    return (panel.sel.get("baro", 0), panel.sel.get("baro_role"),
            tuple(sorted(my_answers(panel).items())), my_role(panel))


def build_controls(panel: Panel, form: Form) -> None:
    """The participant's controls: the statement, ‹ 1 2 3 4 5 ›, and their real-life role."""
    sts = panel.state.scenario.barometre
    if not sts or not panel.ctx.can_act:
        return
    lang, t = panel.lang, panel.lang.t
    i = min(panel.sel.setdefault("baro", 0), len(sts) - 1)
    form.label(t("ui.barometre.title", i=lang.num(i + 1), n=lang.num(len(sts))))
    form.textbox("baro_text", f"<b>{esc(sts[i].text)}</b>", h=62)
    chosen = my_answers(panel).get(sts[i].id)
    form.row([("baro_prev", "‹"), *((f"baro:{v}", lang.num(v)) for v in LEVELS),
              ("baro_next", "›")], selected=f"baro:{chosen}" if chosen else None,
             tips={f"baro:{v}": t(LEVEL_LABELS[v]) for v in LEVELS})
    role = panel.sel.get("baro_role") or my_role(panel)
    form.row([(f"baro_role:{r}", t(ROLE_SHORT[r])) for r in RealRole], h=26,
             selected=f"baro_role:{role}" if role else None,
             tips={f"baro_role:{r}": t(f"term.real_role.{r}") for r in RealRole})


def on_button(panel: Panel, key: str) -> bool:
    """Handle a baromètre button; False when `key` is not one of them."""
    sts = panel.state.scenario.barometre
    i = panel.sel.get("baro", 0)
    if key == "baro_prev":
        panel.sel["baro"] = max(0, i - 1)
    elif key == "baro_next":
        panel.sel["baro"] = min(len(sts) - 1, i + 1)
    elif key.startswith("baro_role:"):
        panel.sel["baro_role"] = key.split(":", 1)[1]
    elif key.startswith("baro:") and sts:
        action: dict[str, object] = {"type": "barometre_place", "statement": sts[i].id,
                                     "level": int(key[5:])}
        if panel.sel.get("baro_role"):
            action["real_role"] = panel.sel["baro_role"]
        panel.act(action)
        panel.sel["baro"] = min(i + 1, len(sts) - 1)
    else:
        return False
    return True


def counts(state: State, rnd: str, statement: str) -> dict[int, dict[str, int]]:
    """level -> real role -> how many, in one round."""
    out: dict[int, dict[str, int]] = {}
    for key, n in state.barometre_tally.items():
        r, st, role, level = key.split("/")
        if r == rnd and st == statement:
            out.setdefault(int(level), {})[role] = n
    return out


def distribution_html(lang: Lang, state: State) -> str:
    """Every statement's anonymous distribution (by real-life role); at the synthèse, before
    → after per level. Empty when the scenario has no baromètre."""
    sts = state.scenario.barometre
    if not sts:
        return ""
    t = lang.t
    after = round_of(state) == BarometreRound.AFTER
    out = [bold(t("ui.barometre.results"))]
    for st in sts:
        out.append(f"<b>{esc(st.text)}</b>")
        shown = counts(state, BarometreRound.AFTER if after else BarometreRound.BEFORE, st.id)
        before = counts(state, BarometreRound.BEFORE, st.id)
        if not shown and not (after and before):
            out.append("<i>" + esc(t("ui.barometre.nobody")) + "</i>")
            continue
        for level in LEVELS:
            by_role = shown.get(level, {})
            n, was = sum(by_role.values()), sum(before.get(level, {}).values())
            if not n and not (after and was):
                continue
            roles = lang.join(f"{t(ROLE_SHORT[RealRole(r)])} {lang.num(k)}"
                              for r, k in sorted(by_role.items()))
            if after:
                line = t("ui.barometre.move", level=t(LEVEL_LABELS[level]),
                         before=lang.num(was), after=lang.num(n))
            else:
                line = lang.label(t(LEVEL_LABELS[level]), lang.num(n))
            out.append(esc(line) + (f" <i>({esc(roles)})</i>" if roles else ""))
    return "<br>".join(out)
