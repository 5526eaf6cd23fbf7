"""The report's one-page summary (debrief/summary.py) and its print to PDF (`--pdf`,
`--share-pdf`): the figures are the session's, nobody is named, it prints on one A4 page, and the
PDF is A4 with a page per section, or a clear message when Chromium is missing."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from ilot.game.cli import main
from ilot.game.core import load_scenario
from ilot.game.core.kinds import ProposalStatus
from ilot.game.core.simulation import simulate_state
from ilot.game.debrief import browser
from ilot.game.debrief.browser import find_chromium, print_pdf
from ilot.game.debrief.logfile import write_log
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.debrief.scripted import play
from ilot.game.debrief.summary import MAX_ROWS
from ilot.game.text import lang_for
from ilot.game.text.payers import payer_name

from .conftest import ROOM

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.json"))
FR = lang_for("fr")
NO_CHROMIUM = pytest.mark.skipif(find_chromium() is None, reason="chromium absent")


def summary_of(html: str) -> str:
    start = html.index('<section id="summary">')
    return html[start:html.index("</section>", start) + len("</section>")]


def text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ").replace("\u202f", " ")


def row(html: str, label: str) -> str:
    """The value cell of the summary line `label`, as text."""
    m = re.search(r"<tr><th>" + re.escape(str(label)) + r"</th><td[^>]*>(.*?)</td></tr>", html)
    assert m, label
    return text(m.group(1)).strip()


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """Each page's size in points (Chromium writes its page objects uncompressed)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    boxes = [tuple(float(x) for x in m.split()) for m in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)]
    assert pages and len(boxes) == pages  # one box per page object
    return [(b[2] - b[0], b[3] - b[1]) for b in boxes]


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.stem)
def session(request):
    sc = load_scenario(request.param)
    script = play(sc, participants=14, scale=1.0, seed=3)
    rec = Recording(ROOM, sc, script.events)
    return script, Report(rec).html(), Report(rec, share=True).html()


def test_the_summary_holds_the_session_s_decisions_plan_and_open_points(session):
    script, html, _ = session
    s = script.state
    part = summary_of(html)
    final = [i for i in s.plan.values() if i.final] or list(s.plan.values())
    adopted = [p for p in s.proposals.values() if p.status == ProposalStatus.ADOPTED]
    # decisions
    assert row(part, "Propositions").startswith(f"{len(adopted)} adoptée")
    assert row(part, "Propositions").endswith(f"sur {len(s.proposals)}")
    for p in adopted:
        assert f"« {p.title} »" in row(part, "Adoptées")
    assert row(part, "Plan d&#39;action final") == ("adopté" if s.final_adopted else "non adopté")
    assert row(part, "Charte de gestion") == ("adoptée" if s.charter_adopted else "non adoptée")
    # the plan in figures: its actions, what they cost and who pays, charges and hours simulated
    assert row(part, "Actions") == str(len(final))
    # the investment as the simulation counts it: the landlord's part is the detail's
    # « investissement prévu par le plan (bailleur) », the charges' what the actions put on them
    traj = simulate_state(s)
    def money(x: float) -> str:
        return FR.money(x).replace("\u202f", " ").replace("\xa0", " ")

    assert row(part, "dont bailleur").startswith(money(traj.final.invested)), row(part, "dont bailleur")
    assert row(part, "dont bailleur").endswith(f" — budget {money(traj.investment_budget)}")
    over = traj.final.invested > traj.investment_budget  # over budget: in red (and the figures say it)
    assert ('<td class="ko">' in part.split("dont bailleur</th>")[1][:20]) == over
    for pid, amount in traj.final.funded.items():  # other funders: the detail's « financé par »
        assert row(part, f"dont {payer_name(s.scenario, pid, FR)}").startswith(money(amount))
    assert "Investissement sur 3 ans" in part
    charges = row(part, "Charges par ménage et par mois")
    assert charges.startswith(f"de {traj.start.charges:.2f} €".replace(".", ",")), charges
    assert f"à {traj.final.charges:.2f} €".replace(".", ",") in charges
    needed = sum(n for n, _ in traj.final.workload.values())
    assert row(part, "Heures des agents par semaine").startswith(FR.hours(needed).replace("\u202f", " "))
    # the schéma: every placement counted, year by year
    assert f"{len(s.schema)} aménagement" in text(part)
    for year in {p.year for p in s.schema.values()}:
        n = sum(1 for p in s.schema.values() if p.year == year)
        assert f"Année {year} ({n})" in text(part)
    # open points, counts only: rounds still open, proposals not adopted
    assert row(part, "tour de consentement encore ouvert" if not [r for r in s.rounds.values()
               if r.closed_at is None] else "tours de consentement encore ouverts") == "0"
    pending = sum(1 for p in s.proposals.values() if p.status == ProposalStatus.OPEN)
    label = "proposition non adoptée" if pending <= 1 else "propositions non adoptées"
    assert row(part, label) == str(pending)
    # next steps: the first quarter's actions, each with its lead
    first = min(i.quarter for i in final)
    assert f"Premier trimestre (T{first})" in text(part)
    shown = re.findall(r"<tr><td>(.*?)</td><td>", part.split("Premier trimestre")[1].split("</table>")[0])
    assert [unescape(x) for x in shown] == [i.what for i in sorted(final, key=lambda i: (i.quarter, i.id))
                                            if i.quarter == first][:MAX_ROWS]


def test_blocks_never_lifted_are_counted_from_each_subject_s_last_round(rich):
    """Blocks stand when the subject's last closed round still had them: counted from the
    positions the log's `round_closed` events revealed."""
    script = play(rich, participants=18, scale=1.0, seed=5)
    # the log up to the first round closed with blocks: they stand there (lifted later on)
    k = next(k for k, e in enumerate(script.events) if e.type == "round_closed"
             and any(p["option"] == "blocage" for p in e.data["positions"].values()))
    events = script.events[: k + 1]
    last = {}  # subject -> the positions its last closed round revealed
    for e in events:
        if e.type == "round_closed":
            last[str(e.data["subject"])] = e.data["positions"]
    blocks = sum(1 for positions in last.values() for p in positions.values()
                 if p["option"] == "blocage")
    assert blocks > 0
    part = summary_of(Report(Recording(ROOM, rich, events)).html())
    label = "blocage jamais levé" if blocks <= 1 else "blocages jamais levés"
    assert row(part, label) == str(blocks)


def test_the_summary_is_the_same_in_both_versions_and_names_nobody(session):
    script, html, shared = session
    assert summary_of(html) == summary_of(shared)
    names = {e.data["name"] for e in script.events if e.type in ("participant_joined", "participant_renamed")}
    body = text(summary_of(shared))
    assert names and [n for n in names if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", body)] == []


def test_the_summary_is_in_english_too(rich, rich_script):
    html = Report(Recording(ROOM, rich, rich_script.events), lang=lang_for("en")).html()
    part = text(summary_of(html))
    for words in ("Decisions taken", "The plan in figures", "Open points", "Next steps", "Staff hours per week"):
        assert words in part
    assert "Synthèse" not in part and "Décisions" not in part


@NO_CHROMIUM
@pytest.mark.parametrize("participants,scale,seed,share", [
    (18, 1.0, 7, False), (30, 4.0, 7, False), (18, 1.0, 5, True), (30, 4.0, 7, True)])
def test_the_summary_prints_on_one_a4_page(tmp_path, rich, participants, scale, seed, share):
    """The title, the key figures and the summary alone print on a single A4 page, even for a
    large session (the summary's lists are capped, the rest counted), in both versions (the
    shareable one has a line more above it)."""
    script = play(rich, participants, scale, seed=seed)
    html = Report(Recording(ROOM, rich, script.events), share=share).html()
    cut = html[:html.index('<section id="description">')] + "</main></body></html>"
    page = tmp_path / "summary.html"
    page.write_text(cut, encoding="utf-8")
    pages = pdf_pages(print_pdf(page, tmp_path / "summary.pdf"))
    assert len(pages) == 1, pages


@NO_CHROMIUM
def test_debrief_prints_both_versions_to_a4_pdf(tmp_path, rich, rich_script, capsys):
    log = tmp_path / "session.jsonl"
    write_log(log, ROOM, rich, rich_script.events)
    out, shared = tmp_path / "rapport.pdf", tmp_path / "partage.pdf"
    assert main(["debrief", str(log), "--pdf", str(out), "--share-pdf", str(shared)]) == 0
    said = capsys.readouterr().out
    assert f"PDF écrit : {out}".replace(" :", "\u00a0:") in said
    for pdf in (out, shared):
        pages = pdf_pages(pdf)
        # a page per section at least (summary, 4 steps), each A4: 595 × 842 points
        assert len(pages) > 5
        assert all(abs(w - 595) < 2 and abs(h - 842) < 2 for w, h in pages), pages
        # the charts and maps are drawn, not pictures: no raster image in the PDF
        assert not re.search(rb"/Subtype\s*/Image", pdf.read_bytes())
    # no HTML was asked for: none left beside the PDFs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partage.pdf", "rapport.pdf", "session.jsonl"]
    # the shareable PDF is not the trainer's (no « Pour l'animateur » part: fewer pages or bytes)
    assert out.read_bytes() != shared.read_bytes()


@pytest.mark.parametrize("lang,message", [
    ("fr", "PDF impossible\u00a0: chromium introuvable (paquet Debian `chromium`)"),
    ("en", "no PDF: chromium not found (Debian package `chromium`)")])
def test_without_chromium_the_pdf_is_refused_with_a_clear_message(tmp_path, rich, rich_script, capsys,
                                                                   monkeypatch, lang, message):
    monkeypatch.setattr(browser, "find_chromium", lambda: None)
    log = tmp_path / "session.jsonl"
    write_log(log, ROOM, rich, rich_script.events)
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    assert main(["debrief", str(log), "--html", str(html), "--pdf", str(pdf), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert html.is_file() and not pdf.exists()  # the HTML report is still written


def test_an_experiment_judged_after_the_three_years_says_so(rich, rich_script):
    """An experiment whose run ends past the 12th quarter is judged « après les 3 ans », not at
    a quarter the simulation never reaches."""
    from dataclasses import replace

    from ilot.game.debrief.summary import _experiments

    state = rich_script.state
    item = next(i for i in state.plan.values() if i.experiment and i.use)
    early, late = replace(item, quarter=1), replace(item, quarter=12)
    rows = _experiments(state, [early, late], FR, {})["rows"]
    assert rows[0][2].startswith("fin T")
    assert rows[1][2].startswith("après les 3 ans (fin T1")  # T13 or later
