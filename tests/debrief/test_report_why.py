"""The report's « Pourquoi ça a bougé »: every number of the final plan's simulation, split into
what moved it with the scenario's names, the largest first, its total the number's change."""

from __future__ import annotations

import json
import re

import pytest
from helpers import RICH_FILE, Session
from markupsafe import escape

from ilot.game.core.scenario import Scenario
from ilot.game.core.simulation import QUARTERS, simulate_state
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.text import lang_for
from ilot.game.text.contributions import contribution_label

from .conftest import ROOM


def _section(html: str, title: str) -> str:
    start = re.search(r'<h3 id="[^"]*">' + re.escape(str(escape(title))) + "</h3>", html).start()
    end = html.find("<h2", start)
    return html[start:end if end > 0 else len(html)]


def _table_after(section: str, heading: str) -> list[list[str]]:
    m = re.search(r"<h4>" + re.escape(str(escape(heading))) + r"</h4>\s*<table>(.*?)</table>",
                  section, re.S)
    assert m, heading
    return [re.findall(r"<td[^>]*>(.*?)</td>", row)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S)][1:]


def _num(text: str) -> float:
    """+3,5 h / -1,2 / +0,85 € (French) or +3.5 h / €0.85 / 1,234.5 (English) → the number"""
    m = re.search(r"[-+−]?[\d\u202f,.]*\d", text.replace("€", ""))
    assert m, text
    digits = m[0].replace("\u202f", "").replace("−", "-")
    return float(digits.replace(",", ".") if "." not in digits else digits.replace(",", ""))


@pytest.mark.parametrize("code", ["fr", "en"])
def test_why_it_moved_lists_each_number_with_names_largest_first(rich, rich_script, code):
    lang = lang_for(code)
    state = rich_script.state
    html = Report(Recording(ROOM, rich, rich_script.events), lang=lang).html()
    why = _section(html, lang.t("report.why.title"))
    traj = simulate_state(state)
    items = {i.id: i.what for i in state.plan.values()}
    for ind in rich.indicators:
        title = ind.name + (f" ({ind.unit})" if ind.unit else "")
        rows = _table_after(why, title)
        *parts, total = rows
        change = traj.final.indicators[ind.id] - ind.initial
        assert _num(total[3]) == pytest.approx(change, abs=0.06), ind.id
        assert total[0] == escape(lang.t("report.why.total"))
        # ranked by the mean over the 12 quarters, the largest first
        means = {}
        for q in range(1, QUARTERS + 1):
            for c in traj.why(ind.id, q):
                key = contribution_label(c, rich, lang, items)
                means[key] = means.get(key, 0.0) + c.value / QUARTERS
        first = max(means, key=lambda k: abs(means[k]))
        assert parts[0][0] == escape(first)
        assert _num(parts[0][4]) == pytest.approx(means[first], abs=0.06)
    # uses are named with their space, rules with their title
    # (the first ten of each table are named, the rest summed: some placement is among them)
    named = [escape(f"{rich.use(p.use).name} ({rich.space(space).name})")
             for space, p in state.schema.items()]
    assert any(n in why for n in named), named
    rule = rich.index("rule")[next(iter(state.charter.values())).rule]
    assert escape(rule.title) in why
    charges = _table_after(why, lang.t("report.why.charges"))
    assert "€" in charges[-1][3]
    for m in rich.metiers:
        title = lang.t("report.why.workload", metier=m.name)
        needed = traj.final.workload[m.id][0]
        if needed:
            assert _num(_table_after(why, title)[-1][3]) == pytest.approx(needed, abs=0.06)
        else:
            assert escape(title) in why.split(escape(lang.t("report.why.still", names="")[:8]))[-1]


def test_the_report_shows_funders_services_and_unplanned_costs_apart(tmp_path):
    """A scenario with a city that pays and a night patrol: the before/after table has the
    city's share against its budget, the patrol is explained as a service, and the events'
    repairs are not the plan's investment."""
    data = json.loads(RICH_FILE.read_text(encoding="utf-8"))
    data["payers"] = [{"id": "ville", "name": "Ville de Montreuil", "kind": "city", "budget": 30000}]
    data["uses"].append({"id": "ronde_nuit", "name": "Ronde de nuit", "attach": "ilot",
                         "investment": 0, "running_cost_per_year": 12000,
                         "effects": {"tranquillite": 6}})
    sc = Scenario.model_validate(data)
    s = Session(sc)
    s.goto("plan_action")
    s.trainer({"type": "plan_add", "what": "Fresque", "lead": "resident", "quarter": 2,
               "cost": 12000, "payer": "ville"})
    s.trainer({"type": "plan_add", "what": "Rondes", "lead": "manager", "quarter": 1,
               "cost": 0, "payer": "bailleur", "use": "ronde_nuit"})
    lang = lang_for("fr")
    html = Report(Recording(ROOM, sc, s.events), lang=lang).html()
    traj = simulate_state(s.state)
    assert traj.final.funded == {"ville": 12000.0} and traj.final.invested == 0.0
    m = re.search(r"<tr><td>Financé par\u00a0: Ville de Montreuil</td>(.*?)</tr>", html)
    assert m, "the city's row"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", m.group(1))
    assert cells[1] == "12\u202f000\u00a0€" and cells[2] == "budget 30\u202f000\u00a0€"
    why = _section(html, lang.t("report.why.title"))
    assert escape("Ronde de nuit (service)") in why
    if traj.final.unplanned:
        assert "Dépenses imprévues du bailleur" in html
    assert "Payé par\u00a0: Ville de Montreuil" not in html  # the plan table names the payer
    assert escape("Ville de Montreuil") in _section(html, lang.t("report.draft_plan"))
