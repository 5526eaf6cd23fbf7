"""Délibération: proposals (own or from a group draft), amendments, consent positions."""

from __future__ import annotations

from ..i18n import t
from ..widgets import Panel, esc
from .rounds import build_round, round_button, round_signature, rounds_html, send_position


class DeliberationPanel(Panel):
    name = "deliberation"

    def proposal(self) -> str | None:
        s = self.state
        pid = self.sel.get("proposal")
        if pid not in s.proposals:
            voting = [r.subject.split(":", 1)[1] for r in s.rounds.values()
                      if r.closed_at is None and r.subject.startswith("proposal:")]
            if voting:
                return voting[-1]
            opened = [p.id for p in s.proposals.values() if p.status == "open"]
            pid = opened[-1] if opened else next(reversed(s.proposals), None) if s.proposals else None
        return pid

    def signature(self) -> object:
        s = self.state
        pid = self.proposal()
        pending = [m.id for m in s.amendments.values()
                   if m.proposal == pid and m.status == "pending"]
        return (tuple((p.id, p.status) for p in s.proposals.values()), pid, tuple(pending),
                round_signature(self), self.sel.get("tab", "vote"))

    def build(self, form) -> None:
        s, me = self.state, self.app.model.me
        tab = self.sel.setdefault("tab", "vote")
        form.row([("tab:vote", t("tab_vote")), ("tab:propose", t("tab_propose"))],
                 selected=f"tab:{tab}", h=28)
        pid = self.proposal()
        if s.proposals:
            form.dropdown("proposal", [(f"{p.title} [{t('status_' + p.status)}]", p.id)
                                       for p in s.proposals.values()], selected=pid)
        if tab == "vote":
            build_round(self, form)
            if pid is not None:
                form.entry("amend", t("amend_hint"))
                form.row([("amend", t("amend"))])
                p = s.proposals[pid]
                pending = [m for m in s.amendments.values()
                           if m.proposal == pid and m.status == "pending"]
                if p.author == me and pending:
                    form.row([(f"accept:{pending[0].id}", t("accept_amendment")),
                              (f"reject:{pending[0].id}", t("reject_amendment"))])
        else:
            form.entry("title", t("proposal_title_hint"), limit=120)
            form.entry("text", t("proposal_text_hint"))
            row = [("propose", t("propose"))]
            if s.group_of(me):
                row.append(("propose_group", t("propose_group")))
            form.row(row)
        form.textbox("box", "")

    def content(self) -> str:
        s, m = self.state, self.app.model
        out = []
        pids = [self.proposal()] if self.app.can_act else list(s.proposals)
        for pid in pids:
            if pid is None:
                continue
            p = s.proposals[pid]
            out.append(f"<b>{esc(p.title)}</b> [{esc(t('status_' + p.status))}] — "
                       f"{esc(m.name_of(p.author))}")
            if p.text:
                out.append(esc(p.text))
            for space, use in sorted(p.placements.items()):
                out.append(f"• {esc(s.scenario.space(space).name)} : {esc(s.scenario.use(use).name)}")
            for mid in p.amendments:
                a = s.amendments[mid]
                out.append(f"<i>{esc(t('amendment'))} [{esc(t('amend_' + a.status))}]</i> "
                           f"{esc(a.text)} — {esc(m.name_of(a.author))}")
        if not out:
            out.append(esc(t("no_proposals")))
        rh = rounds_html(self)
        return "<br>".join(out) + ("<br><br>" + rh if rh else "")

    def on_select(self, key: str, value: str | None) -> None:
        if key == "proposal" and value:
            self.sel["proposal"] = value

    def on_button(self, key: str) -> None:
        if round_button(self, key):
            return
        if key.startswith("tab:"):
            self.sel["tab"] = key[4:]
        elif key == "propose":
            title = self.text_of("title")
            if self.need(title, "need_title") and self.need(self.text_of("text"), "need_text"):
                self.act({"type": "propose", "title": title, "text": self.text_of("text")})
                self.clear_text("title")
                self.clear_text("text")
        elif key == "propose_group":
            gid = self.state.group_of(self.app.model.me)
            title = self.text_of("title") or t("group_proposal_title",
                                                 name=self.state.groups[gid].name)
            self.act({"type": "propose", "title": title[:120], "text": self.text_of("text"),
                      "from_group": gid})
            self.clear_text("title")
            self.clear_text("text")
        elif key == "amend":
            self.on_enter("amend")
        elif key.startswith(("accept:", "reject:")):
            self.act({"type": "decide_amendment", "amendment": key.split(":", 1)[1],
                      "accept": key.startswith("accept:")})

    def on_enter(self, key: str) -> None:
        if key == "reason":
            send_position(self)
        elif key == "amend":
            text, pid = self.text_of("amend"), self.proposal()
            if pid and self.need(text, "need_text"):
                self.act({"type": "amend", "proposal": pid, "text": text})
                self.clear_text("amend")
