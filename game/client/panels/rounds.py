"""The consent round block shared by délibération, schéma, plan d'action and consensus final."""

from __future__ import annotations

from collections.abc import Mapping

from ilot.game.core.kinds import ActorKind, Subject
from ilot.game.core.rules.deliberation import round_result
from ilot.game.core.rules.registry import Actor
from ilot.game.core.scenario import ConsentOption
from ilot.game.core.state import Round, State
from ilot.game.core.views import round_in_view, round_summary, subject_proposal
from ilot.game.palette import BAD, GOOD
from ilot.game.text import N_, Lang

from ..checklist import TEXT
from ..listing import NameOf, subject_suffix
from ..widgets import Form, Panel, esc, italic

# the subjects that are not a proposal, as titles ("Règles de gestion")
SUBJECTS = {"charter": N_("ui.subject_charter"), "final_plan": N_("ui.subject_final_plan")}


def subject_title(state: State, subject: Subject | str, lang: Lang,
                  name_of: NameOf | None = None) -> str:
    """A round's subject in words: the proposal's title, « Règles de gestion », « Plan d'action
    final ». With `name_of`, a title other proposals bear too is followed by what tells it
    apart (« Un îlot plus vert (Groupe 2 · ouverte · 3 usages · 14:05) »)."""
    if isinstance(subject, str):
        subject = Subject.parse(subject)
    pid, title = subject_proposal(state, subject)
    if pid is not None:
        suffix = subject_suffix(state, pid, lang, name_of) if name_of is not None else ""
        return (title or pid) + suffix
    key = SUBJECTS.get(subject.kind)
    return lang.t(key) if key else str(subject)


def round_signature(panel: Panel) -> object:
    rid = round_in_view(panel.state)
    r = panel.state.rounds.get(rid or "")
    mine = r.positions.get(panel.model.me) if r else None
    return (rid, r.closed_at if r else None, mine.option if mine else None,
            panel.sel.get("option"))


def build_round(panel: Panel, form: Form) -> None:
    """Options and reason for the open round, if any."""
    s = panel.state
    rid = round_in_view(s)
    if rid is None or s.rounds[rid].closed_at is not None or not panel.ctx.can_act:
        return
    r = s.rounds[rid]
    lang = panel.lang
    # on two lines: a subject other proposals share a title with says which one it is
    form.legend(lang.t("ui.round_open", subject=subject_title(s, r.subject, lang,
                                                              panel.model.name_of),
                       n=lang.num(r.number)), colour=TEXT, bold=True, size=14, max_lines=2)
    mine = r.positions.get(panel.model.me)
    chosen = panel.sel.get("option") or (mine.option if mine else None)
    opts = s.scenario.consent.options
    form.row([(f"opt:{o.id}", o.label) for o in opts], selected=f"opt:{chosen}" if chosen else None,
             tips={f"opt:{o.id}": o.meaning for o in opts})
    form.entry("reason", lang.t("ui.reason_hint"))
    form.row([("position", lang.t("ui.send_position"))])


def round_button(panel: Panel, key: str) -> bool:
    if key.startswith("opt:"):
        panel.sel["option"] = key[4:]
        return True
    if key == "position":
        send_position(panel)
        return True
    return False


def send_position(panel: Panel) -> None:
    s = panel.state
    rid = round_in_view(s)
    option = panel.sel.get("option")
    if rid is None or not panel.need(option, N_("ui.need_option")) or not isinstance(option, str):
        return
    opt = s.scenario.index("option")[option]
    reason = panel.text_of("reason")
    if opt.reason_required and not panel.need(reason, N_("ui.need_reason")):
        return
    panel.act({"type": "take_position", "round": rid, "option": option, "reason": reason})
    panel.clear_text("reason")
    panel.sel.pop("option", None)


def counts_text(lang: Lang, opts: Mapping[str, ConsentOption], counts: Mapping[str, int]) -> str:
    """Each option's label and count: D'accord 3 · Abstention 1."""
    return " · ".join(f"{opts[k].label} {lang.num(v)}" for k, v in counts.items())


def live_tally(s: State, r: Round, opts: Mapping[str, ConsentOption], lang: Lang) -> str:
    """The trainer's running count of an open round, and whether it would pass now."""
    if any(not p.option for p in r.positions.values()):
        return ""  # redacted (not the trainer's view)
    counts, adopted = round_result(s, r)
    return lang.t("ui.live_tally", counts=counts_text(lang, opts, counts),
                  result=lang.t("ui.would_pass") if adopted else lang.t("ui.would_fail"))


def rounds_html(panel: Panel, subjects: tuple[str, ...] | None = None) -> str:
    """Every round (newest first): who answered while open, counts and reasons once closed."""
    s, m, lang = panel.state, panel.model, panel.lang
    opts = s.scenario.index("option")
    viewer = Actor.participant(m.me) if m.kind == ActorKind.PARTICIPANT else None
    out = []
    for r in sorted(s.rounds.values(), key=lambda r: (-r.opened_at, r.id)):
        if subjects is not None and r.subject.kind not in subjects:
            continue
        sm = round_summary(s, r.id, viewer)
        title = esc(lang.t("ui.round_title", subject=subject_title(s, r.subject, lang, m.name_of),
                           n=lang.num(r.number)))
        if sm["open"]:
            line = lang.t("ui.round_waiting",
                          answered=lang.n("ui.answers_n", len(sm["answered"])),
                          waiting=lang.n("ui.waiting_n", len(sm["waiting"])))
            if sm.get("mine"):
                line += " — " + lang.t("ui.round_mine", option=opts[sm["mine"]].label)
            out.append(f"<b>{title}</b><br>{esc(line)}")
            if m.kind == ActorKind.TRAINER:  # the trainer's view carries the open positions
                out.append(esc(live_tally(s, r, opts, lang)))
                if sm["waiting"]:
                    names = ", ".join(m.name_of(p) for p in sm["waiting"])
                    out.append(italic(lang.t("ui.not_answered", names=names)))
        else:
            result = lang.t("ui.adopted") if sm["adopted"] else lang.t("ui.not_adopted")
            colour = GOOD if sm["adopted"] else BAD
            counts = counts_text(lang, opts, sm["counts"])
            out.append(lang.label(f"<b>{title}</b>",
                                  f"<font color='{colour}'><b>{esc(result)}</b></font>")
                       + f"<br>{esc(counts)}")
            for rs in sm["reasons"]:
                out.append(f"• <i>{esc(opts[rs['option']].label)}</i> — "
                           + lang.label(esc(m.name_of(rs['participant'])), esc(rs['reason'])))
    return "<br>".join(out)
