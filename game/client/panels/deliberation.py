"""Délibération: proposals (own or from a group draft), amendments that change placements,
the author's accept / reject, merges, withdrawals, and consent positions."""

from __future__ import annotations

from collections.abc import Iterable

from ilot.game.core.kinds import AmendmentStatus, ProposalStatus
from ilot.game.text import N_
from ilot.game.text.spaces import space_name

from ..checklist import Row
from ..listing import proposal_choice, proposal_detail
from ..readmodels import fitting_uses
from ..widgets import Form, Panel, bold, esc, italic
from .diagnosis import space_line
from .rounds import build_round, round_button, round_signature, rounds_html, send_position

TABS = {"vote": N_("ui.tab_vote"), "amend": N_("ui.tab_amend"), "propose": N_("ui.tab_propose"),
        "manage": N_("ui.tab_manage"), "merge": N_("ui.tab_merge")}


class DeliberationPanel(Panel):
    name = "deliberation"
    trainer_controls = True  # the trainer may withdraw, merge and decide amendments

    def proposal(self) -> str | None:
        s = self.state
        pid = self.sel.get("proposal")
        if pid not in s.proposals:
            voting = [r.subject.proposal for r in s.rounds.values()
                      if r.closed_at is None and r.subject.proposal is not None]
            if voting:
                return voting[-1]
            opened = [p.id for p in s.proposals.values() if p.status == ProposalStatus.OPEN]
            pid = opened[-1] if opened else next(reversed(s.proposals), None) if s.proposals else None
        return pid

    def proposal_on_map(self) -> str | None:
        return self.proposal()  # the map shows its placements

    def tabs(self) -> list[str]:
        return ["vote", "amend", "propose"] if self.ctx.can_act else ["manage", "merge"]

    def tab(self) -> str:
        tab = self.sel.get("tab")
        return tab if tab in self.tabs() else self.tabs()[0]

    def mine(self, author: str) -> bool:
        return self.ctx.is_trainer or author == self.model.me

    def signature(self) -> object:
        s = self.state
        pid = self.proposal()
        pending = [m.id for m in s.amendments.values()
                   if m.proposal == pid and m.status == AmendmentStatus.PENDING]
        tab = self.tab()
        return (tuple((p.id, p.status) for p in s.proposals.values()), pid, tuple(pending),
                round_signature(self), tab,
                self.ctx.selection.space if tab == "amend" else None,
                tuple(sorted(self.sel.get("add", {}).items())), tuple(self.sel.get("remove", [])))

    # ----- building -----
    def build(self, form: Form) -> None:
        s, t = self.state, self.lang.t
        tab = self.tab()
        form.row([(f"tab:{x}", t(TABS[x])) for x in self.tabs()], selected=f"tab:{tab}", h=28)
        pid = self.proposal()
        if s.proposals and tab != "merge" and tab != "propose":
            # each entry says who, its status, its uses and its time: three groups may each
            # propose « Un îlot plus vert »
            form.dropdown("proposal", [(proposal_choice(self, p.id), p.id)
                                       for p in s.proposals.values()], selected=pid)
        if tab in ("vote", "manage"):
            build_round(self, form)
            if pid is not None:
                self.build_author(form, pid)
        elif tab == "amend":
            self.build_amend(form, pid)
        elif tab == "propose":
            form.entry("title", t("ui.proposal_title_hint"), limit=120)
            form.entry("text", t("ui.proposal_text_hint"))
            row = [("propose", t("ui.propose"))]
            if s.group_of(self.model.me):
                row.append(("propose_group", t("ui.propose_group")))
            form.row(row)
            self.build_merge(form)
        else:
            self.build_merge(form)
        form.textbox("box", "")

    def build_author(self, form: Form, pid: str) -> None:
        """The author's (or trainer's) decisions on a proposal: amendments, withdrawal."""
        s = self.state
        p = s.proposals[pid]
        if p.status != ProposalStatus.OPEN or not self.mine(p.author):
            return
        pending = [m for m in s.amendments.values() if m.proposal == pid and m.status == AmendmentStatus.PENDING]
        t = self.lang.t
        if pending:
            m = pending[0]
            form.label(self.lang.n("ui.amendments_to_decide_n", len(pending),
                                   who=self.model.name_of(m.author)), object_id="#hint")
            form.row([(f"accept:{m.id}", t("ui.accept_amendment")),
                      (f"reject:{m.id}", t("ui.reject_amendment"))])
        form.row([("withdraw", t("ui.withdraw"))], h=28)

    def build_amend(self, form: Form, pid: str | None) -> None:
        t = self.lang.t
        if pid is None or self.state.proposals[pid].status != ProposalStatus.OPEN:
            form.label(t("ui.no_open_proposal"), object_id="#hint")
            return
        sid = self.ctx.selection.space
        form.label(space_line(self.ctx))
        uses = fitting_uses(self.state, sid) if sid else []
        form.dropdown("use", [(u.name, u.id) for u in uses])
        form.row([("amend_add", t("ui.amend_add")), ("amend_remove", t("ui.amend_remove"))], h=28)
        form.label(self.changes_text(), object_id="#hint")
        form.entry("amend", t("ui.amend_hint"))
        form.row([("amend_send", t("ui.amend")), ("amend_reset", t("ui.amend_reset"))])

    def build_merge(self, form: Form) -> None:
        s = self.state
        name_of = self.model.name_of
        mine = [Row(p.id, p.title, proposal_detail(s, p.id, self.lang, name_of))
                for p in s.proposals.values()
                if p.status == ProposalStatus.OPEN and self.mine(p.author)]
        t = self.lang.t
        if len(mine) < 2:
            if self.tab() == "merge":
                form.label(t("ui.merge_need_two"), object_id="#hint")
            return
        form.label(t("ui.merge_label"))
        form.checklist("merge", mine, h=3 * 42 + 2, selected=[])
        form.entry("merge_title", t("ui.merge_title_hint"), limit=120)
        form.row([("merge_send", t("ui.merge"))])

    def change_parts(self, add: Iterable[tuple[str, str]], remove: Iterable[str]) -> list[str]:
        """The changes of an amendment: "+ space: use" for each (space, use) of `add`,
        "− space" for each space of `remove`."""
        sc, label = self.state.scenario, self.lang.label
        parts = ["+ " + label(space_name(self.lang, sc.space(sp)), sc.use(u).name) for sp, u in add]
        return parts + [f"− {space_name(self.lang, sc.space(sp))}" for sp in remove]

    def changes_text(self) -> str:
        parts = self.change_parts(sorted(self.sel.get("add", {}).items()),
                                  self.sel.get("remove", []))
        return self.lang.t("ui.amend_changes", changes="; ".join(parts)) if parts \
            else self.lang.t("ui.amend_no_change")

    # ----- content -----
    def content(self) -> str:
        s, m, lang = self.state, self.model, self.lang
        sc = s.scenario
        out = []
        pids = [self.proposal()] if self.ctx.can_act else list(s.proposals)
        for pid in pids:
            if pid is None:
                continue
            p = s.proposals[pid]
            out.append(f"{bold(p.title)} — {esc(proposal_detail(s, pid, lang, m.name_of))}")
            if p.text:
                out.append(esc(p.text))
            for space, use in sorted(p.placements.items()):
                out.append("• " + esc(lang.label(space_name(lang, sc.space(space)), sc.use(use).name)))
            for mid in p.amendments:
                a = s.amendments[mid]
                change = self.change_parts(a.add.items(), a.remove)
                status = lang.t(f"term.amendment_status.{a.status}")
                amendment = lang.t("ui.amendment")
                out.append(italic(f"{amendment} [{status}]") + " "
                           f"{esc(a.text)}" + (f" ({esc('; '.join(change))})" if change else "")
                           + f" — {esc(m.name_of(a.author))}")
        if not out:
            out.append(esc(lang.t("ui.no_proposals")))
        rh = rounds_html(self)
        return (rh + "<br><br>" if rh else "") + "<br>".join(out)

    # ----- input -----
    def on_select(self, key: str, value: str | None) -> None:
        if key == "proposal" and value:
            self.sel["proposal"] = value
            self.sel.pop("add", None)
            self.sel.pop("remove", None)

    def on_button(self, key: str) -> None:
        if round_button(self, key):
            return
        s, sid, pid = self.state, self.ctx.selection.space, self.proposal()
        if key.startswith("tab:"):
            self.sel["tab"] = key[4:]
        elif key == "propose":
            title = self.text_of("title")
            if self.need(title, N_("ui.need_title")) \
                    and self.need(self.text_of("text"), N_("ui.need_text")):
                self.act({"type": "propose", "title": title, "text": self.text_of("text")})
                self.clear_text("title")
                self.clear_text("text")
        elif key == "propose_group":
            gid = s.group_of(self.model.me)
            if gid is None:  # no longer in a group: the button goes with the next rebuild
                return
            title = self.text_of("title") or self.lang.t("ui.group_proposal_title",
                                                          name=self.lang.group(s.groups[gid].number))
            self.act({"type": "propose", "title": title[:120], "text": self.text_of("text"),
                      "from_group": gid})
            self.clear_text("title")
            self.clear_text("text")
        elif key == "amend_add" and self.need(sid, N_("ui.need_space")):
            use = self.choice("use")
            if self.need(use, N_("ui.need_use")):
                self.sel.setdefault("add", {})[sid] = use
                self.sel["remove"] = [x for x in self.sel.get("remove", []) if x != sid]
        elif key == "amend_remove" and self.need(sid, N_("ui.need_space")):
            if self.need(pid and sid in s.proposals[pid].placements, N_("ui.amend_not_placed")):
                self.sel.setdefault("add", {}).pop(sid, None)
                self.sel["remove"] = sorted({*self.sel.get("remove", []), sid})
        elif key == "amend_reset":
            self.sel.pop("add", None)
            self.sel.pop("remove", None)
        elif key == "amend_send":
            self.on_enter("amend")
        elif key.startswith(("accept:", "reject:")):
            self.act({"type": "decide_amendment", "amendment": key.split(":", 1)[1],
                      "accept": key.startswith("accept:")})
        elif key == "withdraw" and pid:
            self.act({"type": "withdraw", "proposal": pid})
        elif key == "merge_send":
            ids = self.multi_choice("merge")
            title = self.text_of("merge_title")
            if self.need(len(ids) >= 2, N_("ui.merge_need_two")) \
                    and self.need(title, N_("ui.need_title")):
                self.act({"type": "merge_proposals", "proposals": ids, "title": title})
                self.clear_text("merge_title")

    def on_enter(self, key: str) -> None:
        if key == "reason":
            send_position(self)
        elif key == "merge_title":
            self.on_button("merge_send")
        elif key in ("title", "text"):  # the new proposal's form
            self.on_button("propose")
        elif key == "amend":
            text, pid = self.text_of("amend"), self.proposal()
            if pid and self.need(text, N_("ui.need_text")):
                self.act({"type": "amend", "proposal": pid, "text": text,
                          "add": dict(self.sel.get("add", {})),
                          "remove": list(self.sel.get("remove", []))})
                self.clear_text("amend")
                self.sel.pop("add", None)
                self.sel.pop("remove", None)
