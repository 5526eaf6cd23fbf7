"""The debrief report: one self-contained HTML file the trainer can send, in French or English.

Organised along the debrief steps (Fowler & Steinwachs): Description (what happened),
Analyse (how we decided and what it did), Transition (the plan we leave with), Application
(expectations, evaluations, the trainer's notes). Inline CSS and SVG only: no script, no
network, so it opens anywhere and prints cleanly. Every piece of user text is escaped. The
report's own words are in `report_text.REPORT` (French first); data stays as written.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, Iterable

from ..core.views import crossed_issues
from . import analysis as an
from .describe import subject_title
from .i18n import clock, date_time, euros, tr
from .recording import Recording
from .report_text import REPORT
from .svg import PALETTE, hbars, line_chart, schema_map
from .timeline import Timeline

ROLE_COLOURS = {"resident": "#2a9d8f", "caretaker": "#e9c46a", "manager": "#e76f51", "none": "#999"}
SECTIONS = ("description", "analyse", "transition", "application")

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;background:#fafaf7;color:#222;line-height:1.45}
main{max-width:1060px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:0 0 4px} h2{font-size:21px;margin:34px 0 8px;padding:6px 10px;
background:#264653;color:#fff;border-radius:4px} h3{font-size:16px;margin:20px 0 6px;color:#264653}
.sub{color:#555;margin:0 0 14px} .step{font-size:13px;color:#ddd;font-weight:normal;margin-left:8px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid #d5d5cc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef0ea} td.n,th.n{text-align:right;white-space:nowrap}
.kpi{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.kpi div{background:#fff;border:1px solid #d5d5cc;border-radius:6px;padding:8px 12px;min-width:120px}
.kpi b{display:block;font-size:22px;color:#264653}
svg.chart,svg.map{display:block;max-width:100%;height:auto;margin:6px 0;background:#fff;border:1px solid #e0e0d8;border-radius:4px}
svg .grid{stroke:#e6e6e0} svg .ax{font-size:11px;fill:#666} svg .lg,svg .lb{font-size:12px;fill:#333}
svg .mp{font-size:11px;fill:#fff;font-weight:bold} svg .ms{font-size:10px;fill:#666}
.ok{color:#1e7b45;font-weight:bold} .ko{color:#b3261e;font-weight:bold} .mid{color:#8a6d00}
.quiet{background:#fff4e5} .note{background:#fff;border-left:4px solid #e9c46a;padding:6px 10px;margin:6px 0}
.small{font-size:12px;color:#666} .reason{font-style:italic}
ul.tl{list-style:none;padding:0} ul.tl li{padding:3px 0;border-bottom:1px dotted #ccc}
@media print{h2{break-before:page} body{background:#fff}}
"""


def _e(x: Any) -> str:
    return escape(str(x))


def _table(head: Iterable[str], rows: Iterable[Iterable[Any]], numeric: set[int] = frozenset(),
           row_class: Iterable[str] | None = None) -> str:
    head = list(head)
    classes = list(row_class) if row_class is not None else None
    out = ["<table><thead><tr>"]
    out += [f'<th{" class=n" if i in numeric else ""}>{_e(h)}</th>' for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for k, row in enumerate(rows):
        cls = f' class="{classes[k]}"' if classes and classes[k] else ""
        out.append(f"<tr{cls}>" + "".join(
            f'<td{" class=n" if i in numeric else ""}>{c}</td>' for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if isinstance(x, float) else str(x)


class Report:
    def __init__(self, rec: Recording, timeline: Timeline | None = None, lang: str = "fr"):
        self.rec = rec
        self.lang = "en" if lang == "en" else "fr"
        self.sc = rec.scenario
        self.tl = timeline or Timeline(rec.scenario, rec.events)
        self.state = self.tl.final
        self.events = rec.events
        self.traj = self.tl.simulation_at(len(self.events))
        self.rows = an.people(self.state, self.events)
        self.roles = an.role_names(self.sc)
        self.start = self.tl.start_time

    def t(self, key: str, **kw: Any) -> str:
        """The report's text for `key` in its language (the debrief's shared words otherwise)."""
        pair = REPORT.get(key)
        if pair is None:
            return tr(key, self.lang, **kw)
        text = pair[1 if self.lang == "en" else 0]
        return text.format(**kw) if kw else text

    def _clock(self, t: float) -> str:
        return clock(t, self.start, self.lang)

    def _euros(self, x: float, **kw: bool) -> str:
        return euros(x, self.lang, **kw)

    def _quarter(self, q: int) -> str:
        return self.t("quarter", q=q)

    # ----- the whole page -----
    def html(self) -> str:
        s, sc = self.state, self.sc
        parts = [
            f"<!DOCTYPE html><html lang=\"{self.lang}\"><head><meta charset=\"utf-8\">",
            f"<title>{self.t('doc_title', title=_e(sc.title))}</title><style>{CSS}</style></head><body><main>",
            f"<h1>{self.t('h1', title=_e(self.rec.title))}</h1>",
            '<p class="sub">' + self.t("sub", room=_e(self.rec.room), start=date_time(self.start, self.lang),
                                       end=date_time(self.tl.end_time, self.lang), people=len(s.participants),
                                       events=len(self.events)) + "</p>",
            self._kpis(),
            self._section("description", self._description()),
            self._section("analyse", self._analyse()),
            self._section("transition", self._transition()),
            self._section("application", self._application()),
            f'<p class="small">{_e(self.t("footer"))}</p></main></body></html>',
        ]
        return "".join(parts)

    def _section(self, sid: str, body: str) -> str:
        title, step = self.t(f"s_{sid}"), self.t(f"step_{sid}")
        return f'<section id="{sid}"><h2>{_e(title)}<span class="step">{_e(step)}</span></h2>{body}</section>'

    def _kpis(self) -> str:
        s = self.state
        adopted = sum(1 for p in s.proposals.values() if p.status == "adopted")
        items = [("k_notes", len(s.notes)), ("k_proposals", len(s.proposals)),
                 ("k_adopted", adopted), ("k_rounds", len(s.rounds)),
                 ("k_actions", sum(1 for i in s.plan.values() if i.final)),
                 ("k_rules", len(s.charter))]
        return '<div class="kpi">' + "".join(f"<div><b>{v}</b>{_e(self.t(k))}</div>" for k, v in items) + "</div>"

    # ----- 1. Description -----
    def _description(self) -> str:
        t = self.t
        out = [f"<h3>{t('phases')}</h3>"]
        spans = an.phase_spans(self.state, self.events)
        rows = [[_e(sp["title"]), _e(self._clock(sp["start"])), _e(self._clock(sp["end"])),
                 f'{max(0, round((sp["end"] - sp["start"]) / 60))} min', sp["actions"], sp["people"]]
                for sp in spans]
        out.append(_table([t("phase"), t("start"), t("end"), t("duration"), t("actions"), t("active")],
                          rows, {3, 4, 5}))
        out.append(f"<h3>{t('by_role')}</h3>")
        groups = an.by_role(self.rows, self.roles)
        cols = list(an.COLUMNS)
        labels = {c: t("actions") if c == "actions" else t(f"c_{c}") for c in cols}
        out.append(_table([t("role"), t("people")] + [labels[c] for c in cols] + [t("spoke_per")],
                          [[_e(g.label), g.people] + [g.counts.get(c, 0) for c in cols]
                           + [_num(round(g.spoke / g.people, 1)) if g.people else "—"] for g in groups],
                          set(range(1, len(cols) + 3))))
        out.append(hbars([(g.label, [(g.spoke / g.people if g.people else 0, ROLE_COLOURS.get(g.key, "#999"),
                                      t("spoke_per_part"))]) for g in groups],
                         width=700, label_width=260, title=t("spoke_per_title"), lang=self.lang))
        out.append(f'<p class="small">{t("spoke_legend")}</p>')
        out.append(f"<h3>{t('by_persona')}</h3>")
        personas = an.by_persona(self.rows)
        out.append(hbars([(g.label, [(g.spoke, PALETTE[i % len(PALETTE)], t("spoke"))])
                          for i, g in enumerate(personas)], width=700, label_width=260,
                         title=t("spoke_persona_title"), lang=self.lang))
        out.append(f"<h3>{t('heard_title')}</h3>")
        quiet = {r.pid for r in an.quiet(self.rows)}
        rows = sorted(self.rows, key=lambda r: -r.spoke)
        out.append(_table([t("participant"), t("persona"), t("role"), t("spoke_col"), t("positions"), t("actions")],
                          [[_e(r.name), _e(r.persona or "—"), _e(self.roles.get(r.role or "", "—")),
                            r.spoke, r.counts["positions"], r.counts["actions"]] for r in rows],
                          {3, 4, 5}, ["quiet" if r.pid in quiet else "" for r in rows]))
        if quiet:
            names = ", ".join(_e(r.name) for r in rows if r.pid in quiet)
            out.append(f"<p>{t('quiet', names=names)}</p>")
        else:
            out.append(f"<p>{t('all_spoke')}</p>")
        out.append(f"<h3>{t('short_timeline')}</h3>")
        out.append(self._short_timeline())
        return "".join(out)

    def _verdict(self, adopted: bool | None) -> str:
        return (f'<span class="ok">{_e(self.t("adopted"))}</span>' if adopted
                else f'<span class="ko">{_e(self.t("not_adopted"))}</span>')

    def _short_timeline(self) -> str:
        s, t = self.state, self.t
        items: list[tuple[float, str]] = []
        for e in self.events:
            if e.type == "phase_changed":
                i = e.data["phase"]
                items.append((e.t, f"<b>{t('tl_phase', title=_e(self.sc.phases[i].title))}</b>"))
            elif e.type == "round_closed":
                subj = subject_title(s, e.data["subject"], self.lang)
                items.append((e.t, t("tl_round", subject=_e(subj), result=self._verdict(e.data["adopted"]))))
            elif e.type in ("proposal_made", "proposals_merged"):
                items.append((e.t, t("tl_proposal", title=_e(e.data["title"]))))
        for n in self.rec.notes():
            items.append((n["at"], f"<i>{t('tl_note', text=_e(n['text']))}</i>"))
        items.sort(key=lambda x: x[0])
        return '<ul class="tl">' + "".join(
            f"<li><b>{_e(self._clock(at))}</b> — {text}</li>" for at, text in items) + "</ul>"

    # ----- 2. Analyse -----
    def _analyse(self) -> str:
        t = self.t
        out = [f"<h3>{t('consent_history')}</h3>"]
        history = an.consent_history(self.state)
        options = self.sc.consent.options
        if not history:
            out.append(f"<p>{t('no_round')}</p>")
        trainer = REPORT["trainer_by"][0]  # how analysis names the trainer
        for h in history:
            title = tr(h.subject, self.lang) if h.subject in ("charter", "final_plan") else h.title
            status = {"adopted": f'<span class="ok">{_e(t("adopted"))}</span>', "withdrawn": _e(t("withdrawn")),
                      "merged": _e(t("merged")),
                      "open": f'<span class="mid">{_e(t("not_adopted"))}</span>'}.get(h.status, _e(h.status))
            author = t("trainer_by") if h.author == trainer else h.author
            by = t("proposed_by", who=_e(author)) if h.author else ""
            out.append(f"<h4>{_e(title)} — {status}{by}</h4>")
            bars = []
            for r in h.rounds:
                mark = " ✔" if r.adopted else " ✘" if r.adopted is False else ""
                bars.append((f"{t('round')} {r.number}{mark}",
                             [(r.counts.get(o.id, 0), o.colour, o.label) for o in options]))
            out.append(hbars(bars, width=640, label_width=110, title=t("positions_on", title=title), lang=self.lang))
            legend = " ".join(f'<span style="color:{o.colour}">■</span> {_e(o.label)}' for o in options)
            out.append(f'<p class="small">{legend}</p>')
            reasons = [(r.number, n, o, why) for r in h.rounds for n, o, why in r.positions if why]
            if reasons:
                out.append(_table([t("round"), t("who"), t("position"), t("reason")],
                                  [[n, _e(who), _e(o), f'<span class="reason">{_e(why)}</span>']
                                   for n, who, o, why in reasons]))
            if h.amendments:
                out.append(_table([t("amendment_by"), t("text"), t("decision")],
                                  [[_e(t("trainer_by") if a == trainer else a), _e(text),
                                    _e(t(st) if st in ("accepted", "rejected", "pending") else st)]
                                   for a, text, st in h.amendments]))
        out.append(f"<h3>{t('crossed')}</h3>")
        out.append(self._crossed())
        out.append(f"<h3>{t('session_curve')}</h3>")
        out.append(f'<p class="small">{t("session_curve_note")}</p>')
        out.append(self._session_curve())
        out.append(f"<h3>{t('objectives')}</h3>")
        out.append(self._objectives())
        return "".join(out)

    def _crossed(self) -> str:
        t = self.t
        ci = crossed_issues(self.state)
        enjeux = self.sc.index("enjeu")
        rows = [[_e(enjeux[e].label)] + [row[r] for r in ("resident", "caretaker", "manager")]
                + [t("shared") if e in ci["shared"] else t("single") if e in ci["single"] else ""]
                for e, row in ci["matrix"].items() if any(row.values())]
        if not rows:
            return f"<p>{t('no_crossed')}</p>"
        return _table([t("enjeu"), self.roles["resident"], self.roles["caretaker"], self.roles["manager"], ""],
                      rows, {1, 2, 3})

    def _session_curve(self) -> str:
        curve = self.tl.indicator_curve()
        if not curve:
            return ""
        series = [(ind.name, [(i, v[ind.id]) for i, _, v in curve]) for ind in self.sc.indicators]
        starts = [m for m in self.tl.phases if m.index > 0]
        marks = [(m.index, self._clock(m.t)) for m in starts[:: max(1, len(starts) // 5)]]
        return line_chart(series, x_labels=marks, step=True, width=760, title=self.t("session_curve_title"))

    def _objectives(self) -> str:
        t = self.t
        rows = []
        for o in an.objectives(self.state, self.traj):
            for obj in o["objectives"]:
                met = obj["met"]
                verdict = (f'<span class="ok">{_e(t("met"))}</span>' if met else
                           f'<span class="ko">{_e(t("not_met"))}</span>' if met is False else
                           f'<span class="mid">{_e(t("unjudged"))}</span>')
                rows.append([_e(o["name"]), _e(self.roles.get(o["role"], o["role"])),
                             _e(", ".join(o["players"]) or "—"), _e(obj["text"]), verdict])
        if not rows:
            return f"<p>{t('no_objectives')}</p>"
        return _table([t("persona"), t("role"), t("played_by"), t("secret"), t("final_plan_col")], rows)

    # ----- 3. Transition -----
    def _map(self, placements: dict[str, tuple[str, int]]) -> str:
        """The schéma directeur map, in the report's language."""
        return schema_map(self.sc, placements, lang=self.lang)

    def _transition(self) -> str:
        s, sc, t = self.state, self.sc, self.t
        out = [f"<h3>{t('schema')}</h3>"]
        placements = {space: (p.use, p.year) for space, p in s.schema.items()}
        out.append(self._map(placements))
        uses = sc.index("use")
        rows = [[_e(sc.space(space).name), _e(uses[p.use].name if p.use in uses else p.use), p.year]
                for space, p in sorted(s.schema.items(), key=lambda kv: (kv[1].year, kv[0]))]
        out.append(_table([t("space"), t("use"), t("year")], rows, {2}) if rows
                   else f"<p>{t('empty_schema')}</p>")
        final = [i for i in s.plan.values() if i.final]
        label = t("final_plan") + t("plan_adopted" if s.final_adopted else "plan_not_adopted")
        items = sorted(final or list(s.plan.values()), key=lambda i: (i.quarter, i.id))
        out.append(f"<h3>{_e(label if final else t('draft_plan'))}</h3>")
        leads = {**self.roles, **{m.id: m.name for m in sc.metiers}}
        out.append(_table([t("quarter_col"), t("action"), t("lead"), t("cost"), t("paid_by"), t("hours_col"),
                           t("experiment")],
                          [[self._quarter(i.quarter), _e(i.what), _e(leads.get(i.lead, i.lead)),
                            _e(self._euros(i.cost)),
                            _e(t("payer_bailleur" if i.payer == "bailleur" else "payer_charges")),
                            t("hours", h=f"{i.hours:g}") if i.hours else "",
                            _e(i.criteria) if i.experiment else ""] for i in items], {0, 3, 5}))
        out.append(f"<h3>{t('charter_title')}</h3>")
        rules = sc.index("rule")
        charter = sorted(s.charter.values(), key=lambda e: e.id)
        if charter:
            out.append(_table([t("rule"), t("space"), t("opens"), t("cleans"), t("keys"), t("opening_hours"),
                               t("note")],
                              [[_e(rules[c.rule].title if c.rule in rules else c.rule),
                                _e(sc.space(c.space).name if c.space else t("all_spaces")),
                                _e(rules[c.rule].opens if c.rule in rules else ""),
                                _e(rules[c.rule].cleans if c.rule in rules else ""),
                                _e(rules[c.rule].keys if c.rule in rules else ""),
                                _e(rules[c.rule].hours if c.rule in rules else ""), _e(c.note)]
                               for c in charter]))
            status = f"<span class=ok>{_e(t('adopted'))}</span>" if s.charter_adopted else _e(t("not_adopted"))
            out.append(f"<p>{t('charter_status', status=status)}</p>")
        else:
            out.append(f"<p>{t('no_rule')}</p>")
        out.append(f"<h3>{t('before_after_title')}</h3>")
        out.append(self._before_after())
        return "".join(out)

    def _before_after(self) -> str:
        traj, sc, t = self.traj, self.sc, self.t
        rows = []
        for r in an.indicator_table(sc, traj):
            d = r["delta"]
            cls = "ok" if d > 0 else "ko" if d < 0 else ""
            rows.append([_e(r["name"]), _num(r["before"]), _num(r["after"]),
                         f'<span class="{cls}">{"+" if d > 0 else ""}{_num(d)}</span>'])
        start, end = traj.start, traj.final
        rows.append([_e(t("charges")), _e(self._euros(start.charges)), _e(self._euros(end.charges)),
                     _e(self._euros(end.charges - start.charges, cents=True, sign=True))])
        rows.append([_e(t("invested")), _e(self._euros(0)), _e(self._euros(end.invested)),
                     _e(t("budget", x=self._euros(traj.investment_budget)))])
        needed = sum(v[0] for v in end.workload.values())
        avail = sum(v[1] for v in end.workload.values())
        rows.append([_e(t("workload")), _e(t("available", h=f"{avail:.0f}")),
                     _e(t("needed", h=f"{needed:.0f}")), _e(t("overload", p=f"{end.overload_pct:.0f}"))])
        out = [_table([t("indicator"), t("before"), t("after"), t("change")], rows, {1, 2, 3})]
        series = [(ind.name, [(q.q, q.indicators[ind.id]) for q in traj.quarters]) for ind in sc.indicators]
        quarters = [(q, self._quarter(q)) for q in range(0, 13, 2)]
        out.append(line_chart(series, x_labels=quarters, width=760, title=t("by_quarter")))
        out.append(line_chart([(t("charges_series"), [(q.q, q.charges) for q in traj.quarters])],
                              x_labels=quarters, height=180, width=760, title=t("charges_title")))
        if traj.experiments:
            uses = sc.index("use")
            out.append(_table([t("experiment"), t("space"), t("from"), t("to"), t("result")],
                              [[_e(uses[x["use"]].name if x["use"] in uses else x["use"]),
                                _e(sc.space(x["space"]).name), self._quarter(x["start"]), self._quarter(x["end"]),
                                f'<span class="{"ok" if x["success"] else "ko"}">'
                                f'{_e(t("kept" if x["success"] else "stopped"))}</span>']
                               for x in traj.experiments]))
        fired = [(q.q, ev) for q in traj.quarters for ev in q.events]
        if fired:
            events = {e.id: e for e in sc.events}
            out.append("<p>" + t("sim_events", events="; ".join(
                f"{self._quarter(q)} {_e(events[e].title if e in events else e)}" for q, e in fired)) + "</p>")
        return "".join(out)

    # ----- 4. Application -----
    def _application(self) -> str:
        s, sc, t = self.state, self.sc, self.t
        out = [f"<h3>{t('expectations')}</h3>"]
        questions = sc.evaluation
        # Expectations were shared with all at the accueil; evaluations were private to their
        # author and the trainer: this report goes to participants, so they appear unsigned.
        rows, comments, evaluated = [], [], 0
        for r in an.expectations_and_evaluations(s):
            rows.append([_e(r["name"]), _e(r["expectation"] or "—")])
            evaluated += bool(r["evaluated"])
            if r["comment"]:
                comments.append(r["comment"])
        out.append(_table([t("participant"), t("expectation_col")], rows))
        out.append(f'<p class="small">{_e(t("evaluated", n=evaluated))}</p>')
        if comments:
            out.append("<ul>" + "".join(f"<li>{_e(c)}</li>" for c in sorted(comments)) + "</ul>")
        means = an.evaluation_means(s)
        out.append(hbars([(f"{k + 1}. {q.text}", [(means[q.id] or 0, "#2a9d8f", t("mean"))])
                          for k, q in enumerate(questions)],
                         width=760, label_width=420, full=5, title=t("means_title"), lang=self.lang))
        out.append('<p class="small">' + t("means_note", questions=" · ".join(
            f"{k + 1}. {_e(q.text)}" for k, q in enumerate(questions))) + "</p>")
        out.append(f"<h3>{t('trainer_notes')}</h3>")
        notes = self.rec.notes()
        if notes:
            out.append("".join(f'<div class="note"><b>{_e(self._clock(n["at"]))}</b> — {_e(n["text"])}</div>'
                               for n in notes))
        else:
            out.append(f"<p>{t('no_notes')}</p>")
        return "".join(out)


def write_report(rec: Recording, path: str | Path, timeline: Timeline | None = None, lang: str = "fr") -> Path:
    path = Path(path)
    text = Report(rec, timeline, lang).html()
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["Report", "SECTIONS", "write_report"]
