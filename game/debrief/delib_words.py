"""The deliberation trace in words, shared by the report and the replay's Consentement tab:
a space and its use, what an amendment changed, a block's fate, the movements between rounds.
Participants are named through the caller's `names` (display names, or the shareable ones)."""

from __future__ import annotations

from collections.abc import Mapping

from ilot.game.text import Lang
from ilot.game.text.spaces import space_name

from ..core.scenario import Scenario
from . import deliberation as dl


class DelibWords:
    def __init__(self, sc: Scenario, lang: Lang, names: Mapping[str, str],
                 subjects: list[dl.SubjectTrace]):
        self.sc, self.lang, self.subjects = sc, lang, subjects
        self.names = {**names, "trainer": lang.t("debrief.the_trainer")}
        self.options = sc.index("option")
        self.spaces, self.uses = sc.index("space"), sc.index("use")

    def who(self, pid: str) -> str:
        return self.names.get(pid, pid)

    def option(self, oid: str) -> str:
        if oid == dl.ABSENT:
            return self.lang.t("delib.no_position")
        return self.options[oid].label if oid in self.options else oid

    def space(self, sid: str) -> str:
        return space_name(self.lang, self.spaces[sid]) if sid in self.spaces else sid

    def use(self, uid: str) -> str:
        return self.uses[uid].name if uid in self.uses else uid

    def placement(self, sid: str, uid: str) -> str:
        return self.lang.t("delib.placement", space=self.space(sid), use=self.use(uid))

    def placements(self, placements: Mapping[str, str]) -> str:
        if not placements:
            return self.lang.t("delib.no_placement")
        return " · ".join(self.placement(s, u)
                          for s, u in sorted(placements.items(), key=lambda kv: self.space(kv[0])))

    def change(self, c: dl.Change) -> str:
        t = self.lang.t
        parts = [t("delib.added", what=self.placement(s, u)) for s, u in c.added.items()]
        parts += [t("delib.removed", what=self.placement(s, u)) for s, u in c.removed.items()]
        parts += [t("delib.changed", space=self.space(s), before=self.use(a), after=self.use(b))
                  for s, (a, b) in c.changed.items()]
        return " · ".join(parts) or t("delib.no_change")

    def amendment_ref(self, mid: str) -> str:
        m = dl.amendment(self.subjects, mid)
        if m is None:
            return mid
        return self.lang.t("delib.amendment_ref", text=self.lang.quote(m.text or "…"), who=self.who(m.author))

    def fate(self, b: dl.Block) -> str:
        t = self.lang.t
        if b.fate == dl.BlockFate.LIFTED:
            option = self.option(b.next_option)
            if b.by:
                return t("delib.fate.lifted_by", n=self.lang.num(b.next_round or 0), option=option,
                         amendments=self.lang.join(self.amendment_ref(m) for m in b.by))
            return t("delib.fate.lifted", n=self.lang.num(b.next_round or 0), option=option)
        if b.fate == dl.BlockFate.KEPT:
            return t("delib.fate.kept", n=self.lang.num(b.next_round or 0))
        return t("delib.fate.open")

    def moves(self, f: dl.Flow) -> str:
        """The changes of position only: « Blocage → D'accord : 1 · … », or nobody moved."""
        lang = self.lang
        moved = [lang.t("delib.move", before=self.option(a), after=self.option(b), n=lang.num(n))
                 for (a, b), n in sorted(f.moves.items()) if a != b]
        return lang.t("delib.moves", moves=" · ".join(moved)) if moved else lang.t("delib.no_move")

    def deltas(self, f: dl.Flow) -> str:
        lang = self.lang
        parts = [lang.t("delib.delta", option=self.option(o), n=lang.num(d, sign=True))
                 for o, d in f.deltas.items() if d]
        return lang.t("delib.deltas", deltas=", ".join(parts)) if parts else lang.t("delib.no_delta")

    def size(self, st: dl.SubjectTrace, r: dl.RoundTrace) -> str:
        if r.size is None:
            return ""
        key = "delib.plan_size" if st.subject.kind == "final_plan" else "delib.charter_size"
        return self.lang.n(key, r.size)


__all__ = ["DelibWords"]
