"""The report's plan tables: each action with its group of origin, space, use, lead, quarter,
cost, payer and weekly hours; the final plan says which group each action came from."""

from __future__ import annotations

import re
from html import unescape

from ilot.game.core import Actor
from ilot.game.debrief.plan_table import plan_head, plan_line, plan_rows
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.debrief.scripted import Script
from ilot.game.text import lang_for
from ilot.game.text.payers import payer_name
from ilot.game.text.spaces import space_name

from .conftest import ROOM

FR = lang_for("fr")


def _table_after(html: str, heading: str) -> list[list[str]]:
    """The body rows of the first table after the heading `heading`, as plain cell texts."""
    start = re.search(r'<h3 id="[^"]*">' + re.escape(heading) + "</h3>", html).start()
    body = html[start:].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_every_final_action_names_its_group_and_its_columns(rich, rich_script):
    s = rich_script.state
    final = sorted((i for i in s.plan.values() if i.final), key=lambda i: (i.quarter, i.id))
    assert final and any(not i.final for i in s.plan.values())
    html = Report(Recording(ROOM, rich, rich_script.events)).html()
    heads = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", html.split('<h3 id="plan">Plan d&#39;action final', 1)[1])[:10]
    assert [unescape(h) for h in heads] == ["Groupe", "Action", "Espace", "Usage", "Pilote",
                                            "Trim.", "Coût", "Payé par", "Heures / sem.",
                                            "Expérimentation"]
    title = re.search(r'<h3 id="plan">(Plan d&#39;action final[^<]*)</h3>', html)
    assert title
    rows = _table_after(html, title[1])
    assert len(rows) == len(final)
    groups = {g.id: f"Groupe {g.number}" for g in s.groups.values()}
    for row, item in zip(rows, final, strict=True):
        assert item.group in groups, item  # the scripted participants all work in groups
        assert row[0] == groups[item.group]
        assert row[1] == item.what
        assert row[2] == (space_name(FR, rich.space(item.space)) if item.space else "—")
        assert row[3] == (rich.use(item.use).name if item.use else "—")
        assert row[5] == f"T{item.quarter}"
        assert row[7] == payer_name(rich, item.payer, FR)
    # the actions the groups proposed and the trainer did not keep follow, with their group too
    left = _table_after(html, "Actions proposées, non retenues dans le plan final")
    assert len(left) == sum(1 for i in s.plan.values() if not i.final)
    assert all(r[0] in groups.values() for r in left)


def test_an_action_written_by_the_trainer_or_outside_a_group_says_so(short):
    """No participant name in the origin: « Formateur·rice », « Hors groupe »."""
    s = Script(short, seed=3, start=1000.0)
    pid = s.act(Actor.newcomer(), {"type": "join", "name": "Ana"})[0].data["participant"]
    ana = Actor.participant(pid)
    s.act(ana, {"type": "choose_persona", "persona": short.personas[0].id})
    plan = next(k for k, p in enumerate(short.phases) if p.kind == "plan_action")
    s.trainer({"type": "set_phase", "phase": plan})
    base = {"type": "plan_add", "lead": "resident", "payer": "bailleur", "quarter": 2, "cost": 0.0}
    s.trainer({**base, "what": "Une action du formateur"})
    s.act(ana, {**base, "what": "Une action d'Ana"})
    items = sorted(s.state.plan.values(), key=lambda i: i.t)
    assert len(items) == 2
    rows = plan_rows(s.state, items, FR, {"resident": "Habitant·e"})
    assert [r[0] for r in rows] == ["Formateur·rice", "Hors groupe"]
    assert plan_head(lang_for("en"))[0] == "Group"


def test_the_replay_s_plan_lines_start_with_their_group(rich, rich_script):
    s = rich_script.state
    groups = {g.id: f"Groupe {g.number}" for g in s.groups.values()}
    for item in (i for i in s.plan.values() if i.final):
        line = plan_line(s, item, FR)
        assert line.startswith(f"{groups[item.group]} · T{item.quarter} {item.what} · "), line
        assert line.endswith(f"({payer_name(rich, item.payer, FR)})" if not item.experiment
                             else "expérimentation"), line
