"""The debrief report: one self-contained HTML file the trainer can send, in French or English.

Two versions from the same data: the trainer's (participants by name, a « Pour l'animateur »
section with who was little heard) and, with `share=True`, one safe to send: everybody named by
character and real-life role (`naming.shown_names`), no trainer's section.

Organised along the debrief steps (Fowler & Steinwachs): Description (what happened),
Analyse (how we decided and what it did), Transition (the plan we leave with), Application
(expectations, evaluations, the trainer's notes). Inline CSS and SVG only: no script, no
network, so it opens anywhere and prints cleanly.

The page is rendered from the Jinja2 templates in `templates/` with autoescape on: this module
gathers what each section shows (texts and numbers already written by the report's `Lang`), the
templates lay it out, and every value is escaped on its way into the page. The only markup made
in Python is the inline SVG of `svg.py` (a `Markup`, built escaping each piece of text in it).
The report's own words are the `report.*` and `debrief.*` messages; data stays as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ilot.game.core.kinds import PayerKind, PhaseKind, ProposalStatus
from ilot.game.core.rules.questions import ranked
from ilot.game.core.space_card import card_spaces
from ilot.game.text import DEFAULT_LANG, N_, Lang, lang_for
from ilot.game.text.objectives import objective_measure, status_word
from ilot.game.text.spaces import service_place, space_name
from ilot.game.text.trend import trend_word

from .. import palette
from ..core.views import crossed_issues
from . import analysis as an
from . import delib_report
from .activities import report_data as activities_report
from .barometre import barometre_rows
from .describe import subject_title
from .experiences import experience_cards
from .group import group_rows, without_card
from .naming import shown_names
from .plan_table import NUMERIC as PLAN_NUMERIC
from .plan_table import plan_head, plan_rows
from .recording import Recording
from .summary import summary
from .svg import PALETTE, hbars, line_chart, notes_map, schema_map
from .timeline import Timeline
from .why import why_tables
from .words import clock, signed, signed_money, verdict
from .workload import workload_rows

ROLE_COLOURS = palette.ROLE_COLOURS
SECTIONS = ("description", "analyse", "transition", "application")
SECTION_WORDS = {
    "description": (N_("report.section.description"), N_("report.step.description")),
    "analyse": (N_("report.section.analyse"), N_("report.step.analyse")),
    "transition": (N_("report.section.transition"), N_("report.step.transition")),
    "application": (N_("report.section.application"), N_("report.step.application")),
    "trainer": (N_("share.section.trainer"), N_("share.step.trainer")),
}
TRAINER_SECTIONS = ("trainer",)  # in the trainer's version only
# the participation table's columns (analysis.COLUMNS), as headed in the report
COLUMN_WORDS = {
    "actions": N_("report.col.actions"), "notes": N_("report.col.notes"),
    "proposals": N_("report.col.proposals"), "amendments": N_("report.col.amendments"),
    "comments": N_("report.col.comments"), "arguments": N_("report.col.arguments"),
    "plan_items": N_("report.col.plan_items"), "cafe_notes": N_("report.col.cafe_notes"),
    "positions": N_("report.col.positions"),
}
TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class Styled:
    """A piece of text shown with one of the report's styles: ok / ko / mid (verdicts, changes),
    reason (a block's reason, in italics)."""

    text: str
    style: str


def environment() -> Environment:
    """The report's templates (package data), autoescape on for every one of them."""
    env = Environment(loader=PackageLoader("ilot.game.debrief", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    env.tests["styled"] = lambda x: isinstance(x, Styled)
    return env


_ENV: Environment | None = None


def _template():
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return _ENV.get_template(TEMPLATE)


class Report:
    """The report's data and page; `share`: the version without any participant's name."""

    def __init__(self, rec: Recording, timeline: Timeline | None = None, lang: Lang | None = None,
                 share: bool = False):
        self.rec = rec
        self.share = share
        self.lang = lang or lang_for(DEFAULT_LANG)
        self.sc = rec.scenario
        self.tl = timeline or Timeline(rec.scenario, rec.events)
        self.state = self.tl.final
        self.events = rec.events
        self.traj = self.tl.simulation_at(len(self.events))
        self.names = shown_names(self.state, self.lang, share)
        self.rows = an.people(self.state, self.events, self.names)
        self.roles = {**an.role_names(self.sc), "none": self.lang.t("term.role.none")}
        self.start = self.tl.start_time

    # ----- small writers -----
    def _clock(self, t: float) -> str:
        return clock(self.lang, t, self.start)

    def _quarter(self, q: int) -> str:
        return self.lang.t("debrief.quarter", q=q)

    def _num(self, x: float, digits: int = 1) -> str:
        return self.lang.num(x, digits)

    def tm(self, key: str, /, **values: Any) -> Markup:
        """A message whose values hold markup (a styled verdict): its own text is escaped, each
        value is escaped unless it is already Markup."""
        return Markup(escape(self.lang.t(key))).format(**values)

    # ----- the whole page -----
    def html(self) -> str:
        lang, s = self.lang, self.state
        return _template().render(
            t=lang.t, n=lang.n, tm=self.tm, lang=lang, colours=palette.REPORT,
            title=self.rec.title, scenario_title=self.sc.title,
            sub=lang.t("report.sub", room=self.rec.room, start=lang.datetime(self.start),
                       end=lang.datetime(self.tl.end_time),
                       people=lang.n("report.people_n", len(s.participants)),
                       events=lang.n("report.events_n", len(self.events))),
            kpis=self._kpis(),
            summary=summary(self.state, self.traj, lang, {**self.roles, **{m.id: m.name for m in self.sc.metiers}}),
            share=self.share,
            sections=[(sid, *SECTION_WORDS[sid]) for sid in SECTIONS
                      + (() if self.share else TRAINER_SECTIONS)],
            description=self._description(), analyse=self._analyse(),
            transition=self._transition(), application=self._application(),
            trainer=self._trainer(),
            acts=activities_report(self.state, lang, self.names),
        )

    def _kpis(self) -> list[tuple[str, str]]:
        s, lang = self.state, self.lang
        adopted = sum(1 for p in s.proposals.values() if p.status == ProposalStatus.ADOPTED)
        items = [(N_("report.kpi.notes"), len(s.notes)), (N_("report.kpi.proposals"), len(s.proposals)),
                 (N_("report.kpi.adopted"), adopted), (N_("report.kpi.rounds"), len(s.rounds)),
                 (N_("report.kpi.actions"), sum(1 for i in s.plan.values() if i.final)),
                 (N_("report.kpi.rules"), len(s.charter))]
        return [(lang.num(v), lang.n(k, v)) for k, v in items]

    # ----- 1. Description -----
    def _description(self) -> dict[str, Any]:
        lang, t = self.lang, self.lang.t
        spans = an.phase_spans(self.state, self.events)
        phases = [[sp["title"], self._clock(sp["start"]), self._clock(sp["end"]),
                   t("report.minutes", n=lang.num(max(0, round((sp["end"] - sp["start"]) / 60)))),
                   lang.num(sp["actions"]), lang.num(sp["people"])] for sp in spans]
        groups = an.by_role(self.rows, self.roles)
        cols = list(an.COLUMNS)
        by_role = [[g.label, lang.num(g.people)] + [lang.num(g.counts.get(c, 0)) for c in cols]
                   + [self._num(g.spoke / g.people) if g.people else "—"] for g in groups]
        role_bars = hbars([(g.label, [(g.spoke / g.people if g.people else 0,
                                       ROLE_COLOURS.get(g.key, palette.NO_COLOUR),
                                       t("report.spoke_per_part"))]) for g in groups], lang,
                          width=700, label_width=260, title=t("report.spoke_per_title"))
        personas = an.by_persona(self.rows)
        persona_bars = hbars([(g.label, [(g.spoke, PALETTE[i % len(PALETTE)], t("report.spoke"))])
                              for i, g in enumerate(personas)], lang, width=700, label_width=260,
                             title=t("report.spoke_persona_title"))
        quiet = set() if self.share else {r.pid for r in an.quiet(self.rows)}
        rows = sorted(self.rows, key=lambda r: -r.spoke)
        heard = [[r.name, r.persona or "—", self.roles.get(r.role or "", "—"), lang.num(r.spoke),
                  lang.num(r.counts["positions"]), lang.num(r.counts["actions"]),
                  lang.num(r.turns)] for r in rows]
        return {
            "phases": phases,
            "group": group_rows(self.state, lang),
            "group_missing": "" if self.share else lang.join(without_card(self.state)),
            "by_role": by_role, "by_role_head": [t("report.col.role"), t("report.col.people")]
            + [t(COLUMN_WORDS[c]) for c in cols] + [t("report.col.spoke_per")],
            "by_role_numeric": set(range(1, len(cols) + 3)),
            "role_bars": role_bars, "persona_bars": persona_bars,
            "heard": heard, "heard_classes": ["quiet" if r.pid in quiet else "" for r in rows],
            "timeline": self._short_timeline(),
            **self._talk(), **self._cafe(),
            "experiences": experience_cards(self.state, lang, self.names),
            "characters": self._characters(),
        }

    def _cafe(self) -> dict[str, Any]:
        """The spaces' cards (« ce que l'îlot en dit »), in the map's order, and the world
        café's notes by table (rotation, text, author), as they were written."""
        s = self.state
        names = self.names
        spaces = {sp.id: sp for sp in [*self.sc.spaces, *self.sc.play_spaces()]}
        cards = [(space_name(self.lang, spaces[sid]), [line.text for line in s.space_cards.values()
                                                       if line.space == sid])
                 for sid in card_spaces(s) if sid in spaces]
        tables = []
        for th in self.sc.cafe_themes:
            notes = [[self.lang.num(k.rotation + 1), k.text, names.get(k.author, k.author)]
                     for k in sorted(s.cafe_notes.values(), key=lambda k: (k.t, k.id))
                     if k.table == th.id]
            if notes:
                tables.append((th.title, notes))
        return {"cards": cards, "cafe_tables": tables}

    def _characters(self) -> list[list[str]]:
        """The characters participants created: who wrote them, who played them (their
        objectives are revealed with the personas', in the analysis)."""
        lang = self.lang
        return [[c["name"], self.roles.get(c["role"], c["role"]),
                 lang.t(f"term.character_status.{c['status']}"), lang.join(c["authors"]),
                 lang.join(c["players"]) or "—"] for c in an.characters(self.state, self.names)]

    def _talk(self) -> dict[str, Any]:
        """The questions to the speaker of an intervention, most upvoted first (the board's
        order), with who asked: they were shown with their author's name to everybody."""
        s, lang = self.state, self.lang
        speakers = [(p.speaker, p.subject or "") for p in self.sc.phases
                    if p.kind == PhaseKind.INTERVENTION and p.speaker]
        names = self.names
        talk = [[lang.num(len(q.voters)), q.text, names.get(q.author, q.author),
                 lang.t("report.answered_yes") if q.answered else "—"] for q in ranked(s)]
        return {"talk": talk, "talk_speakers": speakers}

    def _verdict(self, adopted: bool | None, subject: str) -> Styled:
        return Styled(verdict(self.lang, adopted, subject), "ok" if adopted else "ko")

    def _short_timeline(self) -> list[tuple[str, str, Any]]:
        """(when, kind, what) in time order: phases, rounds closed, proposals, trainer's notes."""
        s = self.state
        items: list[tuple[float, str, Any]] = []
        for e in self.events:
            if e.type == "phase_changed":
                i = e.data["phase"]
                items.append((e.t, "phase", self.sc.phases[i].title))
            elif e.type == "round_closed":
                items.append((e.t, "round", (subject_title(s, e.data["subject"], self.lang),
                                             self._verdict(e.data["adopted"], e.data["subject"]))))
            elif e.type in ("proposal_made", "proposals_merged"):
                items.append((e.t, "proposal", self.lang.quote(e.data["title"])))
            elif e.type in ("session_closed", "session_reopened"):
                items.append((e.t, "closed" if e.type == "session_closed" else "reopened", ""))
        for n in self.rec.notes():
            items.append((n["at"], "note", n["text"]))
        items.sort(key=lambda x: x[0])
        return [(self._clock(at), kind, what) for at, kind, what in items]

    # ----- 2. Analyse -----
    def _analyse(self) -> dict[str, Any]:
        lang = self.lang
        return {
            "delib": delib_report.section(self.sc, self.events, lang, self.names, Styled),
            "crossed": self._crossed(), "session_curve": self._session_curve(),
            "notes_map": notes_map(self.sc, list(self.state.notes.values()), lang),
            "objectives": self._objectives(),
        }

    def _crossed(self) -> dict[str, Any]:
        lang, t = self.lang, self.lang.t
        ci = crossed_issues(self.state)
        enjeux = self.sc.index("enjeu")
        kinds = ("resident", "caretaker", "manager")
        rows = [[enjeux[e].label] + [lang.num(row[r]) for r in kinds]
                + [t("report.shared") if e in ci["shared"] else t("report.single") if e in ci["single"] else ""]
                for e, row in ci["matrix"].items() if any(row.values())]
        return {"head": [t("report.col.enjeu")] + [self.roles.get(k, k) for k in kinds] + [""], "rows": rows}

    def _session_curve(self) -> Markup:
        curve = self.tl.indicator_curve()
        if not curve:
            return Markup("")
        series = [(ind.name, [(i, v[ind.id]) for i, _, v in curve]) for ind in self.sc.indicators]
        starts = [m for m in self.tl.phases if m.index > 0]
        marks = [(m.index, self._clock(m.t)) for m in starts[:: max(1, len(starts) // 5)]]
        return line_chart(series, self.lang, x_labels=marks, step=True, width=760,
                          title=self.lang.t("report.session_curve_title"))

    def _objectives(self) -> list[list[Any]]:
        lang = self.lang
        rows = []
        for o in an.objectives(self.state, self.traj, self.names):
            for obj in o["objectives"]:
                met = obj["met"]
                verdict = Styled(status_word(lang, obj["verdict"]),
                                 "ok" if met else "ko" if met is False else "mid")
                measure = objective_measure(lang, self.sc, self.traj, obj["verdict"])
                rows.append([o["name"], self.roles.get(o["role"], o["role"]),
                             lang.join(o["players"]) or "—",
                             obj["text"] + (f" — {measure}" if measure else ""), verdict])
        return rows

    # ----- 3. Transition -----
    def _transition(self) -> dict[str, Any]:
        s, sc, lang, t = self.state, self.sc, self.lang, self.lang.t
        placements = {space: (p.use, p.year) for space, p in s.schema.items()}
        uses = sc.index("use")
        schema = [[sc.space(space).name, uses[p.use].name if p.use in uses else p.use, lang.num(p.year)]
                  for space, p in sorted(s.schema.items(), key=lambda kv: (kv[1].year, kv[0]))]
        final = [i for i in s.plan.values() if i.final]
        items = sorted(final or list(s.plan.values()), key=lambda i: (i.quarter, i.id))
        plan_title = ((t("report.final_plan_adopted") if s.final_adopted else t("report.final_plan_not_adopted"))
                      if final else t("report.draft_plan"))
        leads = {**self.roles, **{m.id: m.name for m in sc.metiers}}
        plan = plan_rows(s, items, lang, leads)
        left = sorted((i for i in s.plan.values() if not i.final), key=lambda i: (i.quarter, i.id))
        not_kept = plan_rows(s, left, lang, leads) if final else []
        rules = sc.index("rule")
        charter = []
        for c in sorted(s.charter.values(), key=lambda e: e.id):
            rule = rules.get(c.rule)
            charter.append([rule.title if rule else c.rule,
                            sc.space(c.space).name if c.space else t("report.all_spaces"),
                            rule.opens if rule else "", rule.cleans if rule else "",
                            rule.keys if rule else "", rule.hours if rule else "", c.note])
        status = Styled(t("debrief.adopted"), "ok") if s.charter_adopted else t("debrief.not_adopted")
        return {
            "map": schema_map(sc, placements, lang), "schema": schema,
            "plan_title": plan_title, "plan": plan, "plan_left": not_kept,
            "plan_head": plan_head(lang), "plan_numeric": PLAN_NUMERIC,
            "charter": charter, "charter_status": status,
            **self._before_after(), "why": self._why(),
        }

    def _before_after(self) -> dict[str, Any]:
        traj, sc, lang, t = self.traj, self.sc, self.lang, self.lang.t
        rows: list[list[Any]] = []
        for r in an.indicator_table(sc, traj):
            d, g = r["delta"], r["gain"]  # the colour follows the indicator's direction
            cls = "ok" if round(g, 1) > 0 else "ko" if round(g, 1) < 0 else ""
            unit = "\u00a0" + r["unit"] if r["unit"] else ""
            # in words too (« moins bien » for vacancy rising): the colour is never the only cue
            word = trend_word(lang, sc.index("indicator")[r["id"]], d)
            rows.append([r["name"], self._num(r["before"]) + unit, self._num(r["after"]) + unit,
                         Styled(f"{signed(lang, d, 1)} ({word})", cls)])
        start, end = traj.start, traj.final
        rows.append([t("debrief.charges"), lang.money(start.charges), lang.money(end.charges),
                     signed_money(lang, end.charges - start.charges, cents=True)])
        rows.append([t("report.invested"), lang.money(0), lang.money(end.invested),
                     t("report.budget", amount=lang.money(traj.investment_budget))])
        if end.unplanned:
            rows.append([t("report.unplanned"), lang.money(0), lang.money(end.unplanned),
                         t("report.unplanned_note")])
        for f in sc.payers:  # other funders (city, subsidy…): what they put in, apart
            if f.kind in (PayerKind.LANDLORD, PayerKind.CHARGES):
                continue
            rows.append([t("report.funded", payer=f.name), lang.money(0),
                         lang.money(end.funded.get(f.id, 0.0)),
                         t("report.budget", amount=lang.money(f.budget)) if f.budget is not None
                         else ""])
        series = [(ind.name, [(q.q, q.indicators[ind.id]) for q in traj.quarters]) for ind in sc.indicators]
        quarters = [(q, self._quarter(q)) for q in range(0, 13, 2)]
        by_quarter = line_chart(series, lang, x_labels=quarters, width=760, title=t("report.by_quarter"))
        charges = line_chart([(t("report.charges_series"), [(q.q, q.charges) for q in traj.quarters])], lang,
                             x_labels=quarters, height=180, width=760, title=t("report.charges_title"))
        uses = sc.index("use")
        experiments = [[uses[x["use"]].name if x["use"] in uses else x["use"],
                        sc.space(x["space"]).name if x["space"] else service_place(lang, sc, x["use"]),
                        self._quarter(x["start"]), self._quarter(x["end"]),
                        Styled(t("term.outcome.kept"), "ok") if x["success"]
                        else Styled(t("term.outcome.stopped"), "ko")]
                       for x in traj.experiments]
        fired = [(q.q, ev) for q in traj.quarters for ev in q.events]
        events = {e.id: e for e in sc.events}
        sim_events = lang.t("report.sim_events_separator").join(
            f"{self._quarter(q)} {events[e].title if e in events else e}" for q, e in fired)
        return {"before_after": rows, "workload": workload_rows(sc, end.workload, lang),
                "by_quarter": by_quarter, "charges_chart": charges,
                "experiments": experiments, "sim_events": sim_events}

    def _why(self) -> dict[str, Any]:
        tables, still = why_tables(self.sc, self.traj, self.lang, self.state)
        return {"tables": tables, "still": still}

    # ----- 4. Application -----
    def _application(self) -> dict[str, Any]:
        s, sc, lang, t = self.state, self.sc, self.lang, self.lang.t
        questions = sc.evaluation
        # Expectations were shared with all at the accueil; evaluations were private to their
        # author and the trainer: this report goes to participants, so they appear unsigned.
        rows, comments, evaluated = [], [], 0
        for r in an.expectations_and_evaluations(s, self.names):
            rows.append([r["name"], r["expectation"] or "—"])
            evaluated += bool(r["evaluated"])
            if r["comment"]:
                comments.append(r["comment"])
        means = an.evaluation_means(s)
        bars = hbars([(f"{k + 1}. {q.text}", [(means[q.id] or 0, palette.MEAN_BAR, t("report.mean"))])
                      for k, q in enumerate(questions)], lang,
                     width=760, label_width=420, full=5, title=t("report.means_title"))
        return {
            "expectations": rows, "evaluated": evaluated, "comments": sorted(comments),
            "means": bars, "questions": " · ".join(f"{k + 1}. {q.text}" for k, q in enumerate(questions)),
            "notes": [(self._clock(n["at"]), n["text"]) for n in self.rec.notes()],
            "barometre": barometre_rows(s, lang),
        }


    # ----- for the trainer only -----
    def _trainer(self) -> dict[str, Any]:
        """Who was little heard, by name: for the trainer's eyes, never in the shareable version."""
        if self.share:
            return {"quiet_names": ""}
        quiet = {r.pid for r in an.quiet(self.rows)}
        rows = sorted(self.rows, key=lambda r: -r.spoke)
        return {"quiet_names": self.lang.join(r.name for r in rows if r.pid in quiet)}


def write_report(rec: Recording, path: str | Path, timeline: Timeline | None = None,
                 lang: Lang | None = None, share: bool = False) -> Path:
    """Write the report (`share`: the version without participants' names) to `path`."""
    path = Path(path)
    text = Report(rec, timeline, lang, share).html()
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["SECTIONS", "Report", "Styled", "environment", "write_report"]
