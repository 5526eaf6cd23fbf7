"""Every activity debriefed (issue 13): for each shipped scenario, the scripted two-day session's
report has each act-* subsection, filled with what the log holds (notes' texts, reactions,
services, café notes, drafts, arguments pour and contre, where roles diverge); the shareable
version names nobody; the replay's activity tabs draw at the start, the middle and the end."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pygame
import pytest

from ilot.game.core.kinds import PhaseKind
from ilot.game.core.scenario_check import load_scenario
from ilot.game.debrief.activities import PHASE_OF
from ilot.game.debrief.recording import Recording
from ilot.game.debrief.report import Report
from ilot.game.debrief.scripted import play
from ilot.game.debrief.tabs_activities import DRAW, TABS
from ilot.game.debrief.viewer import Viewer
from ilot.game.text import lang_for
from ilot.game.text.spaces import space_name

from .conftest import ROOM

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.json"))
IDS = ("act-projects", "act-diagnosis", "act-diverge", "act-resources", "act-cafe", "act-drafts",
       "act-arguments")
FR, EN = lang_for("fr"), lang_for("en")


def _plain(html: str) -> str:
    return unescape(html).replace("\xa0", " ").replace("\u202f", " ")


def _part(html: str, sid: str) -> str:
    """The text of one act-* subsection: from its heading to the next h3."""
    start = html.index(f'id="{sid}"')
    end = html.find("<h3", start)
    return _plain(html[start: end if end > 0 else len(html)])


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.stem)
def session(request):
    sc = load_scenario(request.param)
    script = play(sc, participants=12, scale=1.0, seed=3)
    rec = Recording(ROOM, sc, script.events)
    return sc, script, rec, Report(rec, lang=FR).html(), Report(rec, lang=FR, share=True).html()


def test_every_activity_has_its_subsection_filled(session):
    sc, script, _rec, html, _shared = session
    s = script.state
    kinds = {p.kind for p in sc.phases}
    shown = {"act-diagnosis", "act-diverge"} | {f"act-{k}" for k, kind in PHASE_OF.items() if kind in kinds}
    for sid in IDS:  # a section for each activity the scenario plays, none for the others
        assert html.count(f'id="{sid}"') == (1 if sid in shown else 0), sid
    # état des lieux: every note's text, by space and by enjeu, and the divergence named
    diag = _part(html, "act-diagnosis")
    assert s.notes
    for n in s.notes.values():
        assert diag.count(n.text) >= 2, n.text  # once by space, once per enjeu at least
    diverge = _part(html, "act-diverge")
    assert "atout pour" in diverge.lower() and "problème pour" in diverge.lower()
    # the place the scripted resident and caretaker (or manager) saw opposite ways is named
    strong = next(n for n in s.notes.values() if n.text.startswith("Les enfants y jouent"))
    place = space_name(FR, sc.index("space")[strong.space])
    resident = next(r.name for r in sc.roles if r.kind == "resident")
    assert re.search(rf"{re.escape(place)} : atout pour [^.]*{re.escape(resident)}[^.]*, problème pour",
                     diverge), place
    assert "Soulevé par" in diverge or "Pas de désaccord" in diverge
    none = FR.t("acts.none")
    if PhaseKind.PROJETS in kinds:
        projects = _part(html, "act-projects")
        assert none not in projects and "Les plus inspirants" in projects
        assert any(r == "doute" for v in s.reactions.values() for r in v.values())
        for p in sc.inspiring_projects:
            assert p.title in projects
    if PhaseKind.RESSOURCES in kinds:
        res = _part(html, "act-resources")
        assert s.resources and all(r.service in res for r in s.resources.values())
        assert all(m.name in res for m in sc.metiers)
    if PhaseKind.WORLD_CAFE in kinds:
        cafe = _part(html, "act-cafe")
        assert s.cafe_notes and all(k.text in cafe for k in s.cafe_notes.values())
        assert "aucun espace" not in cafe  # the scripted trainer filed every note
    if PhaseKind.ATELIERS in kinds:
        drafts = html[html.index('id="act-drafts"'): html.index('id="act-arguments"')]
        groups = [g for g in s.groups.values() if g.draft]
        assert len(groups) >= 2
        assert drafts.count('<svg class="map"') == len(s.groups)  # one small map per group
        # a draft has no years: no year badge, no year legend on its map
        assert 'class="year"' not in drafts and "Année 1" not in _plain(drafts)
        text = _plain(drafts)
        for g in groups:
            assert f"Groupe {g.number}" in text
            assert all(s.participants[m].name in text for m in g.members)
        for ind in sc.indicators:
            assert ind.name in text
    if PhaseKind.MISE_EN_COMMUN in kinds:
        args = _part(html, "act-arguments")
        stances = {a.stance for a in s.arguments.values()}
        assert {"pour", "contre"} <= stances
        assert all(a.text in args for a in s.arguments.values())
        assert "+ Pour" in args and "− Contre" in args
    if PhaseKind.PERSONNAGES in kinds:  # characters created and played on day 2
        made = {c.id for c in s.characters.values() if c.status == "approved"}
        assert len(made) == 3
        assert made & {p.persona for p in s.participants.values()}


def test_the_shareable_version_names_nobody(session):
    sc, script, _rec, html, shared = session
    names = {e.data["name"] for e in script.events if e.type in ("participant_joined", "participant_renamed")}
    written = sc.model_dump_json()  # a first name may also be a persona's (« Karim Benhamou »)
    names = {n for n in names if n not in written}
    assert len(names) > 6
    text = _plain(re.sub(r"<[^>]+>", " ", shared))
    for name in names:
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text), name
    assert any(n in _plain(html) for n in names)  # the trainer's version does name them
    for sid in ("act-diagnosis", "act-diverge"):
        assert f'id="{sid}"' in shared


def test_english_words_in_the_english_report(session):
    _sc, _script, rec, _html, _shared = session
    en = Report(rec, lang=EN).html()
    part = _plain(en[en.index('id="act-diagnosis"'): en.index('id="short-timeline"')])
    assert "Site diagnosis" in part and "Crossed issues" in part and "By space" in part
    assert "État des lieux" not in part and "Par espace" not in part


def test_the_activity_tabs_draw_at_the_start_the_middle_and_the_end(session):
    _sc, _script, rec, _html, _shared = session
    v = Viewer(rec, lang=FR)
    try:
        assert set(TABS) <= set(v.tab_buttons)
        n = len(v.tl)
        panel = v.view
        for at in (0, n // 3, n // 2, n):
            v.seek(at)
            for name in TABS:
                v.tab = name
                v.dirty = True
                assert v.step(wait=False)
                bottom = DRAW[name](v, panel)
                assert isinstance(bottom, int) and bottom > panel.top, name
            assert v.tab_buttons[name].rect.right <= pygame.display.get_surface().get_width()
        # a tab does not stop at the panel's edge: it draws all its rows (the viewer scrolls
        # or clips what is taller than the panel)
        v.seek(n)
        tall = pygame.Rect(panel.x, panel.y, panel.w, 10)
        assert DRAW["diagnosis"](v, tall) > panel.top + 40
    finally:
        pygame.quit()


def test_a_text_tab_drawn_again_from_its_lines_is_the_same_and_follows_the_state(rich):
    """The text-only tabs keep their rendered lines while what they show is unchanged: drawn
    again they give the same pixels; once a note is added, they are drawn anew."""
    script = play(rich, participants=12, scale=1.0, seed=3)
    rec = Recording(ROOM, rich, script.events)
    v = Viewer(rec, lang=FR)
    try:
        panel = v.view
        added = [i for i, e in enumerate(rec.events) if e.type == "note_added"]
        first, later = added[len(added) // 2], added[-1] + 1

        def shot(at: int) -> tuple[int, bytes]:
            v.seek(at)
            v.screen.fill((255, 255, 255))
            bottom = DRAW["diagnosis"](v, panel)
            return bottom, pygame.image.tobytes(v.screen.subsurface(v.panel), "RGB")

        a = shot(first + 1)
        b = shot(first + 1)  # from the kept lines
        assert a == b
        c = shot(later)  # more notes: drawn anew, and taller
        assert c[0] > a[0] and c[1] != a[1]
        assert shot(first + 1) == a
    finally:
        pygame.quit()
