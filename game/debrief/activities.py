"""Every activity of the two days, as rows the report and the replay tabs both show.

Pure: built from a State (final, or at the replay's cursor), its Scenario, a Lang and the
naming table (`naming.shown_names`): every person is printed through `names`, so the shareable
version holds no participant's name. Participants' texts stay as written; every other word is
an `acts.*` message (acts.po) or a shared `term.*` one.

Sections (the report's `<h3 id="act-…">`, the replay's tabs): inspiring projects' reactions,
the état-des-lieux notes by space and by enjeu with where roles diverge, the resources phase
(spaces ↔ services ↔ métiers), the café notes by space, the group drafts with their figures,
the arguments pour / contre of the mise en commun.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ilot.game.core.kinds import NoteKind, PhaseKind, Reaction, RoleKind, Stance
from ilot.game.core.scenario import ROLE_KINDS
from ilot.game.core.simulation import Trajectory, plan_from_placements, simulate
from ilot.game.core.space_card import card_spaces, line_notes, space_card
from ilot.game.core.state import Group, State
from ilot.game.core.views import opposite_roles
from ilot.game.text import Lang
from ilot.game.text.spaces import space_name

# a note's kind is told by a sign as well as by its word (never by colour only)
KIND_SIGN = {NoteKind.FORCE: "+", NoteKind.PROBLEME: "!", NoteKind.IDEE: "*"}
STANCE_SIGN = {Stance.POUR: "+", Stance.CONTRE: "−", Stance.QUESTION: "?"}
SECTIONS = ("projects", "diagnosis", "resources", "cafe", "drafts", "arguments")
REACTIONS = (Reaction.INSPIRE, Reaction.QUESTION, Reaction.DOUTE)
TOP = 3  # projects named as the most inspiring / the most discussed


@dataclass
class Activities:
    """What one state says about each activity, already worded in `lang`."""

    state: State
    lang: Lang
    names: Mapping[str, str]
    _roles: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._roles = {r.kind: r.name for r in self.state.scenario.roles}

    # ----- small words -----
    def num(self, x: float, digits: int = 0, sign: bool = False) -> str:
        return _memo(self.lang, ("num", x, digits, sign), lambda: self.lang.num(x, digits, sign=sign))

    def money(self, x: float, cents: bool = False) -> str:
        return _memo(self.lang, ("money", x, cents), lambda: self.lang.money(x, cents=cents))

    def hours(self, x: float) -> str:
        return _memo(self.lang, ("hours", x), lambda: self.lang.hours(x))

    def who(self, pid: str) -> str:
        return self.names.get(pid, self.lang.t("acts.someone"))

    def role(self, role: RoleKind | str | None) -> str:
        return self._roles.get(role or "", self.lang.t("term.role.none"))

    def kind(self, kind: NoteKind) -> str:
        return f"{KIND_SIGN.get(kind, '·')} {self.lang.t(f'term.note_kind.{kind}')}"

    def stance(self, stance: Stance) -> str:
        return f"{STANCE_SIGN.get(stance, '·')} {self.lang.t(f'term.stance.{stance}')}"

    def space(self, sid: str | None) -> str:
        if not sid:
            return "—"
        sp = self.state.scenario.index("space").get(sid)
        if sp is None:
            sp = next((s for s in self.state.scenario.spaces if s.id == sid), None)
        return space_name(self.lang, sp) if sp is not None else sid

    # ----- projects -----
    def projects(self) -> dict[str, Any]:
        """Each inspiring project (and experience card) with its reactions by kind and its
        comments; the most inspiring and the most discussed (questions, doubts, comments)."""
        s, lang = self.state, self.lang
        comments = Counter(c.project for c in s.comments.values())
        cards = [(p.id, p.title, lang.t("acts.project.scenario")) for p in s.scenario.inspiring_projects]
        cards += [(x.id, x.title, lang.t("acts.project.experience")) for x in s.experiences.values()]
        rows, scored, raw = [], [], []
        for pid, title, origin in cards:
            counts = Counter(s.reactions.get(pid, {}).values())
            n_comments = comments.get(pid, 0)
            rows.append([title, origin] + [self.num(counts[r]) for r in REACTIONS] + [self.num(n_comments)])
            raw.append([counts[r] for r in REACTIONS])
            scored.append((title, counts[Reaction.INSPIRE],
                           counts[Reaction.DOUTE] + counts[Reaction.QUESTION] + n_comments,
                           counts[Reaction.DOUTE]))
        inspiring = [lang.t("acts.project.ranked", title=t, n=self.num(n))
                     for t, n, _, _ in sorted(scored, key=lambda x: -x[1])[:TOP] if n]
        discussed = [lang.t("acts.project.discussed", title=t, n=self.num(n), doubts=self.num(d))
                     for t, _, n, d in sorted(scored, key=lambda x: (-x[2], -x[3]))[:TOP] if n]
        reacted = sum(len(v) for v in s.reactions.values())
        return {"rows": rows, "counts": raw, "inspiring": inspiring, "discussed": discussed,
                "filled": bool(reacted or comments)}

    # ----- état des lieux -----
    def notes_by_space(self) -> list[tuple[str, list[list[str]]]]:
        s = self.state
        enjeux = s.scenario.index("enjeu")
        by: dict[str, list[list[str]]] = defaultdict(list)
        for n in sorted(s.notes.values(), key=lambda n: (n.t, n.id)):
            by[n.space].append([self.kind(n.kind), n.text,
                                self.lang.join(enjeux[e].label for e in n.enjeux if e in enjeux) or "—",
                                self.role(n.role), self.who(n.author)])
        order = [sp.id for sp in s.scenario.play_spaces()]
        return [(self.space(sid), by[sid]) for sid in sorted(by, key=lambda x: order.index(x) if x in order else 999)]

    def notes_by_enjeu(self) -> list[tuple[str, list[list[str]]]]:
        s = self.state
        out = []
        for e in s.scenario.enjeux:
            rows = [[self.kind(n.kind), n.text, self.space(n.space), self.role(n.role), self.who(n.author)]
                    for n in sorted(s.notes.values(), key=lambda n: (n.t, n.id)) if e.id in n.enjeux]
            if rows:
                out.append((e.label, rows))
        return out

    def divergences(self) -> list[list[str]]:
        """Per enjeu: which roles raised it, which did not, and where roles saw it differently
        (a strength for one, a problem for another; on the whole îlot, then space by space)."""
        s, lang, t = self.state, self.lang, self.lang.t
        rows = []
        for e in s.scenario.enjeux:
            notes = [n for n in s.notes.values() if e.id in n.enjeux and n.role]
            if not notes:
                continue
            kinds: dict[str, Counter[NoteKind]] = defaultdict(Counter)
            for n in notes:
                kinds[n.role or ""][n.kind] += 1
            raised = [t("acts.diag.role_counts", role=self.role(r), counts=lang.join(
                f"{self.num(c[k])} {self.kind(k)}" for k in NoteKind if c[k])) for r, c in kinds.items()]
            missing = [self.role(r) for r in ROLE_KINDS if r not in kinds]
            diverge = []
            opposite = opposite_roles(kinds)
            if opposite:
                diverge.append(t("acts.diag.opposite", strength=lang.join(map(self.role, opposite[0])),
                                 problem=lang.join(map(self.role, opposite[1]))))
            by_space: dict[str, dict[str, Counter[NoteKind]]] = defaultdict(lambda: defaultdict(Counter))
            for n in notes:
                by_space[n.space][n.role or ""][n.kind] += 1
            for sid, per_role in by_space.items():
                o = opposite_roles(per_role)
                if o:
                    diverge.append(t("acts.diag.opposite_at", space=self.space(sid),
                                     strength=lang.join(map(self.role, o[0])),
                                     problem=lang.join(map(self.role, o[1]))))
            if missing:
                diverge.append(t("acts.diag.only", roles=lang.join(self.role(r) for r in kinds),
                                 others=lang.join(missing)))
            rows.append([e.label, lang.join(raised), lang.join(missing) or "—",
                         " ".join(diverge) or t("acts.diag.agree")])
        return rows

    # ----- resources -----
    def resources(self) -> dict[str, Any]:
        """Each space: the uses it could hold (investment, running cost, who maintains them)
        and the services participants proposed there; then each métier's part."""
        s, sc, lang = self.state, self.state.scenario, self.lang
        metiers = sc.index("metier")
        uses = sc.index("use")
        spaces = []
        for sp in sc.play_spaces():
            offers = [lang.t("acts.res.offer", use=u.name, inv=self.money(u.investment),
                             run=self.money(u.running_cost_per_year),
                             maint=lang.join(metiers[m].name if m in metiers else m
                                             for m in u.maintenance_hours) or "—")
                      for u in sc.uses_for(sp)]
            ideas = [self._idea(r.service, r.use, r.metier, r.text, r.author, uses, metiers)
                     for r in sorted(s.resources.values(), key=lambda r: (r.t, r.id)) if r.space == sp.id]
            if offers or ideas:
                spaces.append([space_name(lang, sp), offers, ideas])
        by_metier = []
        for m in sc.metiers:
            mine = [r for r in s.resources.values() if r.metier == m.id]
            hours = sum(u.maintenance_hours.get(m.id, 0) for u in sc.uses)
            by_metier.append([m.name, self.num(len(mine)),
                              lang.join(sorted({r.service for r in mine})) or "—",
                              lang.join(sorted({self.space(r.space) for r in mine})) or "—",
                              lang.join(sorted(u.name for u in sc.uses if u.maintenance_hours.get(m.id)))
                              or "—", self.hours(hours)])
        return {"spaces": spaces, "metiers": by_metier, "filled": bool(s.resources)}

    def _idea(self, service: str, use: str | None, metier: str | None, text: str, author: str,
              uses: Mapping[str, Any], metiers: Mapping[str, Any]) -> str:
        parts = [service]
        if use:
            parts.append(uses[use].name if use in uses else use)
        if metier:
            parts.append(metiers[metier].name if metier in metiers else metier)
        if text:
            parts.append(self.lang.quote(text))
        return self.lang.t("acts.res.idea", what=" · ".join(parts), who=self.who(author))

    # ----- café -----
    def cafe(self) -> dict[str, Any]:
        """The café notes by space (through the spaces' cards the trainer filed them under),
        and how many were left unfiled."""
        s = self.state
        themes = s.scenario.index("theme")
        filed: set[str] = set()
        out = []
        for sid in card_spaces(s):
            rows = []
            for line in space_card(s, sid):
                for k in line_notes(s, line):
                    if k.id in filed:
                        continue
                    filed.add(k.id)
                    rows.append([themes[k.table].title if k.table in themes else k.table,
                                 self.num(k.rotation + 1), k.text, self.who(k.author)])
            if rows:
                out.append((self.space(sid), rows))
        return {"spaces": out, "unfiled": len(set(s.cafe_notes) - filed), "filled": bool(s.cafe_notes)}

    # ----- ateliers -----
    def draft_trajectory(self, g: Group) -> Trajectory:
        """The draft simulated as the client does; kept for the same draft (the replay asks at
        every cursor position, and a draft changes far less often)."""
        placements = {k: d.use for k, d in g.draft.items()}
        key = (id(self.state.scenario), self.state.seed, tuple(sorted(placements.items())))
        traj = _SIMULATED.get(key)
        if traj is None:
            if len(_SIMULATED) > 200:
                _SIMULATED.clear()
            traj = _SIMULATED[key] = simulate(self.state.scenario, plan_from_placements(placements),
                                              self.state.seed)
        return traj

    def drafts(self) -> dict[str, Any]:
        """Each group's draft (placements, why, by whom) and its figures as the client
        computes them (the draft's uses started at year 1), side by side."""
        s, sc, lang, t = self.state, self.state.scenario, self.lang, self.lang.t
        uses = sc.index("use")
        cards, trajs = [], []
        for g in sorted(s.groups.values(), key=lambda g: g.number):
            traj = self.draft_trajectory(g)
            trajs.append(traj)
            cards.append({
                "id": g.id, "name": lang.group(g.number), "members": lang.join(self.who(p) for p in g.members) or "—",
                "placements": {sp: (d.use, 1) for sp, d in g.draft.items()},
                "rows": [[self.space(sp), uses[d.use].name if d.use in uses else d.use, d.why or "—",
                          self.who(d.by)] for sp, d in sorted(g.draft.items())],
                "charges": self.money(traj.final.charges, cents=True),
                "invested": self.money(traj.final.invested),
                # the indicators it moves by half a point or more, as the client lists them
                "effects": [f"{ind.name} {self.num(d, 1, sign=True)}" for ind in sc.indicators
                            if abs(d := traj.final.indicators[ind.id] - traj.start.indicators[ind.id]) >= 0.5],
            })
        head = [t("acts.drafts.figure")] + [c["name"] for c in cards]
        rows: list[list[str]] = []
        if cards:
            rows.append([t("acts.drafts.placed")] + [self.num(len(c["rows"])) for c in cards])
            for ind in sc.indicators:
                rows.append([ind.name] + [self.num(tr.final.indicators[ind.id] - tr.start.indicators[ind.id], 1,
                                                   sign=True) for tr in trajs])
            rows.append([t("acts.drafts.charges")] + [c["charges"] for c in cards])
            rows.append([t("acts.drafts.invested")] + [
                t("acts.drafts.of_budget", amount=c["invested"], budget=self.money(tr.investment_budget))
                for c, tr in zip(cards, trajs, strict=True)])
        return {"cards": cards, "head": head, "rows": rows,
                "filled": any(g.draft for g in s.groups.values())}

    # ----- mise en commun -----
    def arguments(self) -> list[dict[str, Any]]:
        """Per group's draft: its arguments (side, text, author), the counts per side and the
        proposals that came from the group."""
        s, lang = self.state, self.lang
        out = []
        for g in sorted(s.groups.values(), key=lambda g: g.number):
            args = sorted((a for a in s.arguments.values() if a.group == g.id), key=lambda a: (a.t, a.id))
            if not args:
                continue
            counts = Counter(a.stance for a in args)
            out.append({
                "name": lang.group(g.number),
                "proposals": lang.join(lang.quote(p.title) for p in s.proposals.values() if p.group == g.id),
                "counts": lang.join(f"{self.stance(k)} {self.num(counts[k])}" for k in Stance),
                "rows": [[self.stance(a.stance), a.text, self.who(a.author)] for a in args],
            })
        return out


_WRITTEN: dict[tuple[int, tuple[Any, ...]], str] = {}
_SIMULATED: dict[tuple[Any, ...], Trajectory] = {}


def _memo(lang: Lang, key: tuple[Any, ...], write: Callable[[], str]) -> str:
    """A number as `lang` writes it (Babel's formatting is ~0.5 ms a call: a tab at a new
    cursor position writes hundreds of the same small counts and the catalogue's prices)."""
    k = (id(lang), key)
    out = _WRITTEN.get(k)
    if out is None:
        if len(_WRITTEN) > 20000:
            _WRITTEN.clear()
        out = _WRITTEN[k] = write()
    return out


def activities(state: State, lang: Lang, names: Mapping[str, str]) -> Activities:
    return Activities(state, lang, names)


__all__ = ["KIND_SIGN", "PHASE_OF", "SECTIONS", "STANCE_SIGN", "Activities", "activities", "report_data",
           "shown_sections"]


def report_data(state: State, lang: Lang, names: Mapping[str, str]) -> dict[str, Any]:
    """Everything templates/activities.html.j2 shows, the drafts' small maps included."""
    from markupsafe import Markup

    from .svg import schema_map  # the report's SVG, not needed by the replay

    a = Activities(state, lang, names)
    resources = a.resources()
    br = Markup("<br>")  # joins escaped pieces, one per line in the cell
    resources["spaces"] = [[name, br.join(offers) or "—", br.join(ideas) or "—"]
                           for name, offers, ideas in resources["spaces"]]
    drafts = a.drafts()
    for card in drafts["cards"]:
        card["map"] = schema_map(state.scenario, card["placements"], lang, width=340, years=False)
    return {"projects": a.projects(), "by_space": a.notes_by_space(), "by_enjeu": a.notes_by_enjeu(),
            "diverge": a.divergences(), "resources": resources, "cafe": a.cafe(),
            "drafts": drafts, "arguments": a.arguments(), "notes_filled": bool(state.notes),
            "show": shown_sections(state)}


# the phase each section debriefs: a section is shown when the scenario plays it (or, for an
# old log, when the state holds something of it anyway)
PHASE_OF = {"projects": PhaseKind.PROJETS, "diagnosis": PhaseKind.ETAT_DES_LIEUX,
            "resources": PhaseKind.RESSOURCES, "cafe": PhaseKind.WORLD_CAFE,
            "drafts": PhaseKind.ATELIERS, "arguments": PhaseKind.MISE_EN_COMMUN}


def shown_sections(state: State) -> dict[str, bool]:
    kinds = {p.kind for p in state.scenario.phases}
    held = {"projects": bool(state.reactions or state.comments), "diagnosis": bool(state.notes),
            "resources": bool(state.resources), "cafe": bool(state.cafe_notes),
            "drafts": any(g.draft for g in state.groups.values()), "arguments": bool(state.arguments)}
    return {k: PHASE_OF[k] in kinds or held[k] for k in SECTIONS}
