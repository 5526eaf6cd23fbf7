"""The consent round block shared by délibération, schéma, plan d'action and consensus final."""

from __future__ import annotations

from ilot.game.core.rules.deliberation import round_result
from ilot.game.core.rules.registry import Actor
from ilot.game.core.views import round_in_view, round_summary, subject_proposal

from ..i18n import t
from ..widgets import esc


def subject_title(state, subject: str) -> str:
    pid, title = subject_proposal(state, subject)
    return title if pid is not None else t(f"subject_{subject}")


def round_signature(panel) -> object:
    rid = round_in_view(panel.state)
    r = panel.state.rounds.get(rid or "")
    mine = r.positions.get(panel.app.model.me) if r else None
    return (rid, r.closed_at if r else None, mine.option if mine else None,
            panel.sel.get("option"))


def build_round(panel, form) -> None:
    """Options and reason for the open round, if any."""
    s = panel.state
    rid = round_in_view(s)
    if rid is None or s.rounds[rid].closed_at is not None or not panel.app.can_act:
        return
    r = s.rounds[rid]
    form.label(t("round_open", subject=subject_title(s, r.subject), n=r.number))
    mine = r.positions.get(panel.app.model.me)
    chosen = panel.sel.get("option") or (mine.option if mine else None)
    opts = s.scenario.consent.options
    form.row([(f"opt:{o.id}", o.label) for o in opts], selected=f"opt:{chosen}" if chosen else None,
             tips={f"opt:{o.id}": o.meaning for o in opts})
    form.entry("reason", t("reason_hint"))
    form.row([("position", t("send_position"))])


def round_button(panel, key: str) -> bool:
    if key.startswith("opt:"):
        panel.sel["option"] = key[4:]
        return True
    if key == "position":
        send_position(panel)
        return True
    return False


def send_position(panel) -> None:
    s = panel.state
    rid = round_in_view(s)
    option = panel.sel.get("option")
    if rid is None or not panel.need(option, "need_option"):
        return
    opt = s.scenario.index("option")[option]
    reason = panel.text_of("reason")
    if opt.reason_required and not panel.need(reason, "need_reason"):
        return
    panel.act({"type": "take_position", "round": rid, "option": option, "reason": reason})
    panel.clear_text("reason")
    panel.sel.pop("option", None)


def live_tally(s, r, opts) -> str:
    """The trainer's running count of an open round, and whether it would pass now."""
    if any(not p.option for p in r.positions.values()):
        return ""  # redacted (not the trainer's view)
    counts, adopted = round_result(s, r)
    text = " · ".join(f"{opts[k].label} {v}" for k, v in counts.items())
    return t("live_tally", counts=text,
             result=t("would_pass") if adopted else t("would_fail"))


def rounds_html(panel, subjects: tuple[str, ...] | None = None) -> str:
    """Every round (newest first): who answered while open, counts and reasons once closed."""
    s, m = panel.state, panel.app.model
    opts = s.scenario.index("option")
    viewer = Actor.participant(m.me) if m.kind == "participant" else None
    out = []
    for r in sorted(s.rounds.values(), key=lambda r: (-r.opened_at, r.id)):
        if subjects is not None and r.subject.kind not in subjects:
            continue
        sm = round_summary(s, r.id, viewer)
        title = esc(t("round_title", subject=subject_title(s, r.subject), n=r.number))
        if sm["open"]:
            line = t("round_waiting", answered=len(sm["answered"]), waiting=len(sm["waiting"]))
            if sm.get("mine"):
                line += " — " + t("round_mine", option=opts[sm["mine"]].label)
            out.append(f"<b>{title}</b><br>{esc(line)}")
            if m.kind == "trainer":  # the trainer's view carries the open positions
                out.append(esc(live_tally(s, r, opts)))
                if sm["waiting"]:
                    names = ", ".join(m.name_of(p) for p in sm["waiting"])
                    out.append(f"<i>{esc(t('not_answered', names=names))}</i>")
        else:
            result = t("adopted") if sm["adopted"] else t("not_adopted")
            colour = "#2e9d5b" if sm["adopted"] else "#c8372d"
            counts = " · ".join(f"{opts[k].label} {v}" for k, v in sm["counts"].items())
            out.append(f"<b>{title}</b> : <font color='{colour}'><b>{esc(result)}</b></font>"
                       f"<br>{esc(counts)}")
            for rs in sm["reasons"]:
                out.append(f"• <i>{esc(opts[rs['option']].label)}</i> — "
                           f"{esc(m.name_of(rs['participant']))} : {esc(rs['reason'])}")
    return "<br>".join(out)
