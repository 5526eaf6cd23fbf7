"""The debrief report: one self-contained French HTML file the trainer can send.

Organised along the debrief steps (Fowler & Steinwachs): Description (what happened),
Analyse (how we decided and what it did), Transition (the plan we leave with), Application
(expectations, evaluations, the trainer's notes). Inline CSS and SVG only: no script, no
network, so it opens anywhere and prints cleanly. Every piece of user text is escaped.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any, Iterable

from ..core.views import crossed_issues
from . import analysis as an
from .describe import subject_title
from .i18n import clock, euros
from .recording import Recording
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
    def __init__(self, rec: Recording, timeline: Timeline | None = None):
        self.rec = rec
        self.sc = rec.scenario
        self.tl = timeline or Timeline(rec.scenario, rec.events)
        self.state = self.tl.final
        self.events = rec.events
        self.traj = self.tl.simulation_at(len(self.events))
        self.rows = an.people(self.state, self.events)
        self.roles = an.role_names(self.sc)
        self.start = self.tl.start_time

    # ----- the whole page -----
    def html(self) -> str:
        s, sc = self.state, self.sc
        d0 = datetime.fromtimestamp(self.start)
        d1 = datetime.fromtimestamp(self.tl.end_time)
        parts = [
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">",
            f"<title>Débriefing — {_e(sc.title)}</title><style>{CSS}</style></head><body><main>",
            f"<h1>Débriefing : {_e(self.rec.title)}</h1>",
            f'<p class="sub">Salle {_e(self.rec.room)} · du {d0:%d/%m/%Y %H:%M} au {d1:%d/%m/%Y %H:%M} · '
            f"{len(s.participants)} participant·es · {len(self.events)} événements enregistrés</p>",
            self._kpis(),
            self._section("description", "1. Description", "ce qui s'est passé", self._description()),
            self._section("analyse", "2. Analyse", "comment nous avons décidé, et ce que le plan produit",
                          self._analyse()),
            self._section("transition", "3. Transition", "le plan que nous emportons", self._transition()),
            self._section("application", "4. Application", "attentes, évaluations et suites",
                          self._application()),
            '<p class="small">Rapport produit par Îlot à partir du journal de la session '
            "(état reconstruit événement par événement).</p></main></body></html>",
        ]
        return "".join(parts)

    def _section(self, sid: str, title: str, step: str, body: str) -> str:
        return f'<section id="{sid}"><h2>{_e(title)}<span class="step">{_e(step)}</span></h2>{body}</section>'

    def _kpis(self) -> str:
        s = self.state
        adopted = sum(1 for p in s.proposals.values() if p.status == "adopted")
        items = [("notes sur la carte", len(s.notes)), ("propositions", len(s.proposals)),
                 ("propositions adoptées", adopted), ("tours de consentement", len(s.rounds)),
                 ("actions au plan final", sum(1 for i in s.plan.values() if i.final)),
                 ("règles de gestion", len(s.charter))]
        return '<div class="kpi">' + "".join(f"<div><b>{v}</b>{_e(k)}</div>" for k, v in items) + "</div>"

    # ----- 1. Description -----
    def _description(self) -> str:
        out = ["<h3>Déroulé des phases</h3>"]
        spans = an.phase_spans(self.state, self.events)
        rows = [[_e(sp["title"]), _e(clock(sp["start"], self.start)), _e(clock(sp["end"], self.start)),
                 f'{max(0, round((sp["end"] - sp["start"]) / 60))} min', sp["actions"], sp["people"]]
                for sp in spans]
        out.append(_table(["Phase", "Début", "Fin", "Durée", "Actions", "Personnes actives"], rows, {3, 4, 5}))
        out.append("<h3>Participation par rôle</h3>")
        groups = an.by_role(self.rows, self.roles)
        cols = list(an.COLUMNS)
        labels = {"actions": "Actions", "notes": "Notes", "proposals": "Propos.",
                  "amendments": "Amend.", "comments": "Comm.", "arguments": "Argum.",
                  "plan_items": "Plan", "cafe_notes": "Café", "positions": "Positions"}
        out.append(_table(["Rôle", "Pers."] + [labels[c] for c in cols] + ["Parole / pers."],
                          [[_e(g.label), g.people] + [g.counts.get(c, 0) for c in cols]
                           + [_num(round(g.spoke / g.people, 1)) if g.people else "—"] for g in groups],
                          set(range(1, len(cols) + 3))))
        out.append(hbars([(g.label, [(g.spoke / g.people if g.people else 0, ROLE_COLOURS.get(g.key, "#999"),
                                      "prises de parole par personne")]) for g in groups],
                         width=700, label_width=260, title="Prises de parole par personne, par rôle"))
        out.append('<p class="small">Prises de parole : notes, propositions (Propos.), amendements '
                   "(Amend.), commentaires (Comm.), arguments (Argum.), actions du plan (Plan) et notes "
                   "de world café (Café) ; les positions de vote sont comptées à part.</p>")
        out.append("<h3>Participation par personnage</h3>")
        personas = an.by_persona(self.rows)
        out.append(hbars([(g.label, [(g.spoke, PALETTE[i % len(PALETTE)], "prises de parole")])
                          for i, g in enumerate(personas)], width=700, label_width=260,
                         title="Prises de parole par personnage"))
        out.append("<h3>Tout le monde a-t-il été entendu ?</h3>")
        quiet = {r.pid for r in an.quiet(self.rows)}
        rows = sorted(self.rows, key=lambda r: -r.spoke)
        out.append(_table(["Participant·e", "Personnage", "Rôle", "Prises de parole", "Positions", "Actions"],
                          [[_e(r.name), _e(r.persona or "—"), _e(self.roles.get(r.role or "", "—")),
                            r.spoke, r.counts["positions"], r.counts["actions"]] for r in rows],
                          {3, 4, 5}, ["quiet" if r.pid in quiet else "" for r in rows]))
        if quiet:
            names = ", ".join(_e(r.name) for r in rows if r.pid in quiet)
            out.append(f"<p>Peu entendu·es (surlignés) : {names}. À qui donner la parole la prochaine fois ?</p>")
        else:
            out.append("<p>Chacun·e a pris la parole.</p>")
        out.append("<h3>Chronologie courte</h3>")
        out.append(self._short_timeline())
        return "".join(out)

    def _short_timeline(self) -> str:
        s = self.state
        items: list[tuple[float, str]] = []
        for e in self.events:
            if e.type == "phase_changed":
                i = e.data["phase"]
                items.append((e.t, f"<b>Phase : {_e(self.sc.phases[i].title)}</b>"))
            elif e.type == "round_closed":
                subj = subject_title(s, e.data["subject"])
                res = '<span class="ok">adoptée</span>' if e.data["adopted"] else '<span class="ko">non adoptée</span>'
                items.append((e.t, f"Tour de consentement sur {_e(subj)} : {res}"))
            elif e.type in ("proposal_made", "proposals_merged"):
                items.append((e.t, f"Proposition « {_e(e.data['title'])} »"))
        for n in self.rec.notes():
            items.append((n["at"], f"<i>Note de l'animateur·rice : {_e(n['text'])}</i>"))
        items.sort(key=lambda x: x[0])
        return '<ul class="tl">' + "".join(
            f"<li><b>{_e(clock(t, self.start))}</b> — {text}</li>" for t, text in items) + "</ul>"

    # ----- 2. Analyse -----
    def _analyse(self) -> str:
        out = ["<h3>Historique du consentement</h3>"]
        history = an.consent_history(self.state)
        options = self.sc.consent.options
        if not history:
            out.append("<p>Aucun tour de consentement.</p>")
        for h in history:
            status = {"adopted": '<span class="ok">adoptée</span>', "withdrawn": "retirée",
                      "merged": "fusionnée", "open": '<span class="mid">non adoptée</span>'}.get(h.status, _e(h.status))
            by = f" · proposée par {_e(h.author)}" if h.author else ""
            out.append(f"<h4>{_e(h.title)} — {status}{by}</h4>")
            bars = []
            for r in h.rounds:
                bars.append((f"Tour {r.number}" + (" ✔" if r.adopted else " ✘" if r.adopted is False else ""),
                             [(r.counts.get(o.id, 0), o.colour, o.label) for o in options]))
            out.append(hbars(bars, width=640, label_width=110, title=f"Positions : {h.title}"))
            legend = " ".join(f'<span style="color:{o.colour}">■</span> {_e(o.label)}' for o in options)
            out.append(f'<p class="small">{legend}</p>')
            reasons = [(r.number, n, o, why) for r in h.rounds for n, o, why in r.positions if why]
            if reasons:
                out.append(_table(["Tour", "Qui", "Position", "Raison"],
                                  [[n, _e(who), _e(o), f'<span class="reason">{_e(why)}</span>']
                                   for n, who, o, why in reasons]))
            if h.amendments:
                out.append(_table(["Amendement de", "Texte", "Décision"],
                                  [[_e(a), _e(t), _e({"accepted": "accepté", "rejected": "refusé",
                                                      "pending": "en attente"}.get(st, st))]
                                   for a, t, st in h.amendments]))
        out.append("<h3>Enjeux croisés de l'état des lieux</h3>")
        out.append(self._crossed())
        out.append("<h3>Les indicateurs au fil de la session</h3>")
        out.append('<p class="small">Valeur en fin d\'année 3 de la simulation du plan tel qu\'il était '
                   "à chaque moment de la session.</p>")
        out.append(self._session_curve())
        out.append("<h3>Objectifs secrets révélés</h3>")
        out.append(self._objectives())
        return "".join(out)

    def _crossed(self) -> str:
        ci = crossed_issues(self.state)
        enjeux = self.sc.index("enjeu")
        rows = [[_e(enjeux[e].label)] + [row[r] for r in ("resident", "caretaker", "manager")]
                + ["partagé par tous" if e in ci["shared"] else "un seul rôle" if e in ci["single"] else ""]
                for e, row in ci["matrix"].items() if any(row.values())]
        if not rows:
            return "<p>Pas de note d'état des lieux.</p>"
        return _table(["Enjeu", self.roles["resident"], self.roles["caretaker"], self.roles["manager"], ""],
                      rows, {1, 2, 3})

    def _session_curve(self) -> str:
        curve = self.tl.indicator_curve()
        if not curve:
            return ""
        series = [(ind.name, [(i, v[ind.id]) for i, _, v in curve]) for ind in self.sc.indicators]
        starts = [m for m in self.tl.phases if m.index > 0]
        marks = [(m.index, clock(m.t, self.start)) for m in starts[:: max(1, len(starts) // 5)]]
        return line_chart(series, x_labels=marks, step=True, width=760,
                          title="Indicateurs au fil de la session")

    def _objectives(self) -> str:
        rows = []
        for o in an.objectives(self.state, self.traj):
            for obj in o["objectives"]:
                met = obj["met"]
                verdict = ('<span class="ok">atteint</span>' if met else '<span class="ko">non atteint</span>'
                           if met is False else '<span class="mid">à discuter</span>')
                rows.append([_e(o["name"]), _e(self.roles.get(o["role"], o["role"])),
                             _e(", ".join(o["players"]) or "—"), _e(obj["text"]), verdict])
        if not rows:
            return "<p>Le scénario ne donne pas d'objectifs secrets.</p>"
        return _table(["Personnage", "Rôle", "Joué par", "Objectif secret", "Plan final"], rows)

    # ----- 3. Transition -----
    def _transition(self) -> str:
        s, sc = self.state, self.sc
        out = ["<h3>Schéma directeur à 3 ans</h3>"]
        placements = {space: (p.use, p.year) for space, p in s.schema.items()}
        out.append(schema_map(sc, placements))
        uses = sc.index("use")
        rows = [[_e(sc.space(space).name), _e(uses[p.use].name if p.use in uses else p.use), p.year]
                for space, p in sorted(s.schema.items(), key=lambda kv: (kv[1].year, kv[0]))]
        out.append(_table(["Espace", "Usage", "Année"], rows, {2}) if rows else "<p>Schéma vide.</p>")
        final = [i for i in s.plan.values() if i.final]
        label = "Plan d'action final" + (" (adopté)" if s.final_adopted else " (non adopté)")
        items = sorted(final or list(s.plan.values()), key=lambda i: (i.quarter, i.id))
        out.append(f"<h3>{_e(label if final else 'Plan d’action (brouillons des groupes)')}</h3>")
        leads = {**self.roles, **{m.id: m.name for m in sc.metiers}}
        out.append(_table(["Trim.", "Action", "Pilote", "Coût", "Payé par", "Heures / sem.",
                           "Expérimentation"],
                          [[f"T{i.quarter}", _e(i.what), _e(leads.get(i.lead, i.lead)), _e(euros(i.cost)),
                            "bailleur" if i.payer == "bailleur" else "charges",
                            f"+{i.hours:g} h" if i.hours else "",
                            _e(i.criteria) if i.experiment else ""] for i in items], {0, 3, 5}))
        out.append("<h3>Charte des règles de gestion et d'entretien</h3>")
        rules = sc.index("rule")
        charter = sorted(s.charter.values(), key=lambda e: e.id)
        if charter:
            out.append(_table(["Règle", "Espace", "Qui ouvre", "Qui nettoie", "Clés", "Horaires", "Note"],
                              [[_e(rules[c.rule].title if c.rule in rules else c.rule),
                                _e(sc.space(c.space).name if c.space else "tous"),
                                _e(rules[c.rule].opens if c.rule in rules else ""),
                                _e(rules[c.rule].cleans if c.rule in rules else ""),
                                _e(rules[c.rule].keys if c.rule in rules else ""),
                                _e(rules[c.rule].hours if c.rule in rules else ""), _e(c.note)]
                               for c in charter]))
            out.append(f"<p>Charte {'<span class=ok>adoptée</span>' if s.charter_adopted else 'non adoptée'}.</p>")
        else:
            out.append("<p>Aucune règle.</p>")
        out.append("<h3>Indicateurs avant / après (simulation du plan final, 12 trimestres)</h3>")
        out.append(self._before_after())
        return "".join(out)

    def _before_after(self) -> str:
        traj, sc = self.traj, self.sc
        rows = []
        for r in an.indicator_table(sc, traj):
            d = r["delta"]
            cls = "ok" if d > 0 else "ko" if d < 0 else ""
            rows.append([_e(r["name"]), _num(r["before"]), _num(r["after"]),
                         f'<span class="{cls}">{"+" if d > 0 else ""}{_num(d)}</span>'])
        start, end = traj.start, traj.final
        rows.append(["Charges locatives / ménage / mois", _e(euros(start.charges)), _e(euros(end.charges)),
                     _e(f"{end.charges - start.charges:+.2f} €")])
        rows.append(["Investissement engagé (bailleur)", "0 €", _e(euros(end.invested)),
                     _e(f"budget {euros(traj.investment_budget)}")])
        needed = sum(v[0] for v in end.workload.values())
        avail = sum(v[1] for v in end.workload.values())
        rows.append(["Charge de travail des agents (h/sem.)", _e(f"{avail:.0f} h dispo."),
                     _e(f"{needed:.0f} h nécessaires"), _e(f"surcharge {end.overload_pct:.0f} %")])
        out = [_table(["Indicateur", "Avant", "Après 3 ans", "Écart"], rows, {1, 2, 3})]
        series = [(ind.name, [(q.q, q.indicators[ind.id]) for q in traj.quarters]) for ind in sc.indicators]
        out.append(line_chart(series, x_labels=[(q, f"T{q}") for q in range(0, 13, 2)], width=760,
                              title="Indicateurs trimestre par trimestre"))
        out.append(line_chart([("Charges €/ménage/mois", [(q.q, q.charges) for q in traj.quarters])],
                              x_labels=[(q, f"T{q}") for q in range(0, 13, 2)], height=180, width=760,
                              title="Charges locatives"))
        if traj.experiments:
            uses = sc.index("use")
            out.append(_table(["Expérimentation", "Espace", "De", "À", "Résultat"],
                              [[_e(uses[x["use"]].name if x["use"] in uses else x["use"]),
                                _e(sc.space(x["space"]).name), f"T{x['start']}", f"T{x['end']}",
                                f'<span class="{"ok" if x["success"] else "ko"}">{_e(x["outcome"])}</span>']
                               for x in traj.experiments]))
        fired = [(q.q, ev) for q in traj.quarters for ev in q.events]
        if fired:
            events = {e.id: e for e in sc.events}
            out.append("<p>Événements survenus pendant la simulation : " + "; ".join(
                f"T{q} {_e(events[e].title if e in events else e)}" for q, e in fired) + ".</p>")
        return "".join(out)

    # ----- 4. Application -----
    def _application(self) -> str:
        s, sc = self.state, self.sc
        out = ["<h3>Attentes de l'accueil et évaluation de la formation</h3>"]
        questions = sc.evaluation
        # Expectations were shared with all at the accueil; evaluations were private to their
        # author and the trainer: this report goes to participants, so they appear unsigned.
        rows, comments, evaluated = [], [], 0
        for r in an.expectations_and_evaluations(s):
            rows.append([_e(r["name"]), _e(r["expectation"] or "—")])
            evaluated += bool(r["evaluated"])
            if r["comment"]:
                comments.append(r["comment"])
        out.append(_table(["Participant·e", "Attentes (accueil)"], rows))
        out.append(f'<p class="small">{evaluated} évaluation(s) reçue(s), présentées sans nom.</p>')
        if comments:
            out.append("<ul>" + "".join(f"<li>{_e(c)}</li>" for c in sorted(comments)) + "</ul>")
        means = an.evaluation_means(s)
        out.append(hbars([(f"{k + 1}. {q.text}", [(means[q.id] or 0, "#2a9d8f", "moyenne sur 5")])
                          for k, q in enumerate(questions)],
                         width=760, label_width=420, full=5, title="Évaluation : moyennes sur 5"))
        out.append('<p class="small">Moyennes sur 5 ; questions : ' + " · ".join(
            f"{k + 1}. {_e(q.text)}" for k, q in enumerate(questions)) + "</p>")
        out.append("<h3>Notes de l'animateur·rice</h3>")
        notes = self.rec.notes()
        if notes:
            out.append("".join(f'<div class="note"><b>{_e(clock(n["at"], self.start))}</b> — {_e(n["text"])}</div>'
                               for n in notes))
        else:
            out.append("<p>Pas de note de débriefing.</p>")
        return "".join(out)


def write_report(rec: Recording, path: str | Path, timeline: Timeline | None = None) -> Path:
    path = Path(path)
    text = Report(rec, timeline).html()
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


__all__ = ["Report", "SECTIONS", "write_report"]
