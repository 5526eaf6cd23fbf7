"""What the report's deliberation part shows (`templates/deliberation.html.j2`): per subject,
its placements as made and after each accepted amendment, the rounds' bars, a flow chart between
consecutive rounds, every position of every round (a table: people × rounds), the amendments;
then every block and what became of it. People are named through the report's `names` only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from ilot.game.text import Lang

from .. import palette
from ..core.events import Event
from ..core.scenario import Scenario
from . import deliberation as dl
from .delib_words import DelibWords
from .svg import hbars
from .svg_flow import flow_chart
from .words import subject_status


def _title(lang: Lang, st: dl.SubjectTrace) -> str:
    if st.subject.proposal is not None:
        return st.title or st.subject.proposal
    return lang.t("debrief.charter") if st.subject.kind == "charter" else lang.t("debrief.final_plan")


def section(sc: Scenario, events: list[Event], lang: Lang, names: Mapping[str, str],
            styled: Any) -> dict[str, Any]:
    """The template's data; `styled(text, style)` makes a report `Styled` value."""
    t = lang.t
    subjects = dl.trace(sc, events)
    w = DelibWords(sc, lang, names, subjects)
    options = sc.consent.options
    order = [o.id for o in options] + [dl.ABSENT]
    labels = {o: w.option(o) for o in order}
    colours = {o.id: o.colour for o in options} | {dl.ABSENT: palette.REPORT["absent"]}
    out, blocks = [], []
    for k, st in enumerate(subjects):
        title = _title(lang, st)
        status = subject_status(lang, st.status, str(st.subject))
        style = {"adopted": "ok", "open": "mid"}.get(st.status, "")
        versions = []
        for v in st.versions:
            if v.amendment is None:
                versions.append([t("delib.as_made"), w.placements(v.placements)])
            else:
                versions.append([t("delib.after", amendment=w.amendment_ref(v.amendment)),
                                 Markup('{}<div class="small">{}</div>').format(
                                     w.change(v.change) if v.change else "", w.placements(v.placements))])
        bars = []
        for r in st.rounds:
            mark = " ✔" if r.adopted else " ✘" if r.adopted is False else ""
            bars.append((t("debrief.round_n", n=r.number) + mark,
                         [(r.counts.get(o.id, 0), o.colour, o.label) for o in options]))
        flows = [{"head": t("delib.flow_title", a=lang.num(f.before), b=lang.num(f.after)),
                  "chart": flow_chart(f.moves, order, labels, colours,
                                      (t("debrief.round_n", n=f.before), t("debrief.round_n", n=f.after)),
                                      lang, title=t("delib.flow_title", a=lang.num(f.before), b=lang.num(f.after))),
                  "moves": w.moves(f), "deltas": w.deltas(f)} for f in st.flows]
        closed = [r for r in st.rounds if r.closed_at is not None]
        people = list(dict.fromkeys(p.pid for r in closed for p in r.positions))
        at = {(r.number, p.pid): p for r in closed for p in r.positions}
        lifted_at = {(b.pid, b.next_round) for b in st.lifted}
        grid = []
        for pid in sorted(people, key=w.who):
            row: list[Any] = [w.who(pid)]
            for r in closed:
                p = at.get((r.number, pid))
                if p is None:
                    row.append("—")
                    continue
                cell = Markup("{}").format(w.option(p.option))
                if (pid, r.number) in lifted_at:
                    cell += Markup(' <span class="ok">({})</span>').format(t("delib.lifted_mark"))
                if p.reason:
                    cell += Markup('<div class="reason">{}</div>').format(lang.quote(p.reason))
                row.append(cell)
            grid.append(row)
        sizes = [w.size(st, r) for r in st.rounds if r.size is not None]
        out.append({
            "id": f"delib-s{k + 1}", "title": title,
            "status": styled(status, style) if style else status,
            "author": w.who(st.author) if st.author else "",
            "versions": versions if st.subject.proposal else [],
            "sizes": [lang.label(t("debrief.round_n", n=r.number), w.size(st, r))
                      for r in st.rounds] if sizes else [],
            "bars": hbars(bars, lang, width=640, label_width=110, title=t("report.positions_on", title=title)),
            "flows": flows,
            "grid_head": [t("report.col.who")] + [t("debrief.round_n", n=r.number) for r in closed],
            "grid": grid,
            "amendments": [[w.who(m.author), m.text, w.change(m.change) if m.change else "—",
                            _status(lang, m.status)] for m in st.amendments],
        })
        for b in st.blocks:
            fate = w.fate(b)
            blocks.append([title, lang.num(b.round), w.who(b.pid), styled(b.reason, "reason"),
                           styled(fate, "ok" if b.fate == dl.BlockFate.LIFTED else "mid")])
    lifted = sum(1 for st in subjects for b in st.lifted)
    return {
        "subjects": out, "blocks": blocks,
        "legend": Markup(" ").join(Markup('<span style="color:{}">■</span> {}').format(o.colour, o.label)
                                   for o in options),
        "blocks_summary": lang.n("delib.blocks_summary", len(blocks), lifted=lang.num(lifted)),
    }


def _status(lang: Lang, status: str) -> str:
    key = f"term.amendment_status.{status}"
    return lang.t(key) if lang.has(key) else status


__all__ = ["section"]
