"""The client speaks one language at a time, and writes numbers as that language does.

A scripted session on the rich scenario (every phase, with notes, proposals, rounds, a plan with
an experiment…) is visited through the real client loop (`App.step()`) as participant, trainer
and spectator, in English then in French. Every text the client draws is collected where it is
drawn: the fonts of pygame_gui (labels, buttons, text entries, menus, the header's text box),
the client's own fonts (status bar, indicators, map labels) and the side panels' rich text.
In English none of a list of French words may show, in French none of a list of English words;
no raw message key, no `-0`, no number written the other language's way.
"""

from __future__ import annotations

import html
import json
import re
import sys
import time
from typing import Any

import pytest
from pygame_gui.core.gui_font_freetype import GUIFontFreetype
from pygame_gui.core.gui_font_pygame import GUIFontPygame

from ilot.game.client import fonts, richtext
from ilot.game.net.client import Connection
from ilot.game.text import lang_for

from .conftest import RICH, Harness, button, click, click_widget, pump

# Words of the client's French that no scenario text contains (checked below): in English
# they can only come from a French message shown by mistake.
FRENCH_ONLY = [
    "Suivante", "Précédente", "Rejoindre", "Charges :", "maintenu", "Proposer",
    "Tour de consentement", "Enregistrer", "Retirer", "Annuler", "Trimestre", "Année", "Envoyer",
    "Groupes", "Verrouiller", "Votes", "Animateur", "Connecté", "En ligne", "réponse",
    "Indicateurs", "minuteur", "Expérimentation", "Atout", "Problème", "Idée", "Contre",
    "Choisir", "Complet", "Phase suivante", "Console animateur", "Enjeux croisés",
    "Poser la note", "Mes éléments", "Consentement", "Amender", "Fusionner", "Tout cocher",
    "Mettre en lumière", "Écran partagé", "Participant·e", "Payé par", "Sur les charges",
    "Ajouter", "Publier", "Commenter", "Placer", "Évaluation", "Temps restant", "Attentes",
    "Mes objectifs", "Tient à", "joueurs", "Ma table", "Sans groupe", "Amendement", "Total :",
    "Clore", "Ouvrir", "Refusé", "Investissement", "arrêté",
]
# Words of the client's English that no (French) scenario text contains.
ENGLISH_ONLY = [
    "Next", "Previous", "Join", "proposal", "Proposal", "kept", "stopped", "Room",
    "round", "timer", "Trainer", "Group", "Groups", "Remove", "Send", "Save",
    "Year", "Quarter", "Paid by", "Experiment", "landlord", "Amend", "Consent", "Withdraw",
    "Indicators", "month", "household", "waiting", "answer", "answers", "Connected", "Online",
    "Choose", "Full", "players", "Cares about", "Publish", "Strength", "Problem", "Idea", "For",
    "Against", "open", "adopted", "Crossed issues", "Pin the note", "My items", "Cancel",
    "Lock", "Rotate", "Spotlight", "Shared screen", "Time left", "today", "Charges:",
    "Investment", "Staff workload", "the", "and", "with", "Space", "Click", "Your", "Merge",
    "Keep", "Thank", "Total:", "Close", "Open", "Refused",
]
FORBIDDEN = {"en": FRENCH_ONLY, "fr": ENGLISH_ONLY}
RAW_KEY = re.compile(r"\b(?:ui|term|rejection|fmt|cli)\.[a-z_]+\b")
NEGATIVE_ZERO = re.compile(r"(?<![\w\d])-0(?:[.,]0+)?(?![\d.,])")
WRONG_NUMBERS = {  # a number written the other language's way
    "fr": [re.compile(r"\d\.\d+\s?(?:€|h\b|%)"), re.compile(r"€\s?\d"),
           re.compile(r"(?<![\d\u202f,])[01][\u00a0 ](?:réponses|évaluations|actions|amendements"
                      r"|joueurs|groupes)\b")],
    "en": [re.compile(r"\d,\d+\s?(?:€|h\b|%)"), re.compile(r"\d[\u00a0\u202f]?€"),
           re.compile(r"[\u00a0\u202f]"),
           re.compile(r"\b1 (?:answers|evaluations|actions|amendments|players|groups)\b")],
}
SCENE = {"etat_des_lieux": "cour", "ressources": "salle_commune", "ateliers": "friche",
         "mise_en_commun": None, "deliberation": "cour", "schema_directeur": "jardin",
         "plan_action": "jardin"}


class Drawn:
    """Every text drawn, with the screen it was drawn on."""

    def __init__(self) -> None:
        self.where = ""
        self.texts: list[tuple[str, str]] = []

    def add(self, text: Any) -> None:
        if isinstance(text, str) and text.strip():
            self.texts.append((self.where, text))


class _Font:
    """A pygame font that notes what it renders."""

    def __init__(self, real: Any, drawn: Drawn):
        self._real, self._drawn = real, drawn

    def render(self, text, *args, **kw):
        self._drawn.add(text)
        return self._real.render(text, *args, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@pytest.fixture
def drawn(monkeypatch) -> Drawn:
    rec = Drawn()
    for cls in (GUIFontFreetype, GUIFontPygame):  # what pygame_gui draws: every text chunk
        for name in ("render_premul", "render_premul_to"):
            real = getattr(cls, name)

            def noted(self, text, *args, _real=real, **kw):
                rec.add(text)
                return _real(self, text, *args, **kw)
            monkeypatch.setattr(cls, name, noted)
    real_font = fonts.font

    def noted_font(size: int, bold: bool = False) -> _Font:
        return _Font(real_font(size, bold), rec)
    for name, mod in list(sys.modules.items()):  # the client's own text: status bar, map…
        if name.startswith("ilot.game.client") and getattr(mod, "font", None) is real_font:
            monkeypatch.setattr(mod, "font", noted_font)
    real_set_text = richtext.RichBox.set_text

    def set_text(self, markup: str) -> None:  # the side panels' text (rendered per paragraph)
        rec.add(html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", markup))))
        real_set_text(self, markup)
    monkeypatch.setattr(richtext.RichBox, "set_text", set_text)
    return rec


# ----- the session, played on the server by two other participants and the trainer -----

def _act(h: Harness, conn: Connection, action: dict[str, Any]) -> dict[str, Any]:
    async def go() -> dict[str, Any]:
        aid = f"x{time.monotonic_ns()}"
        await conn.act({**action, "id": aid})
        while True:
            msg = await conn.recv(10)
            if msg.get("t") in ("ack", "reject") and msg.get("id") == aid:
                return msg
    reply = h.srv.run(go())
    assert reply["t"] == "ack", (action, reply)
    return reply


def _trainer(h: Harness, action: dict[str, Any]) -> None:
    reply = h.trainer_act(action)
    assert reply["t"] == "ack", (action, reply)


def _player(h: Harness, name: str, persona: str) -> tuple[Connection, str]:
    conn = h.srv.run(Connection.open(h.url, {"as": "participant", "room": h.room, "name": name}))
    _act(h, conn, {"type": "choose_persona", "persona": persona})
    return conn, conn.welcome["you"]["id"]


def _phase(h: Harness, kind: str) -> int:
    kinds = [p.kind for p in h.state().scenario.phases]
    _trainer(h, {"type": "set_phase", "phase": kinds.index(kind)})
    return kinds.index(kind)


def play_session(h: Harness) -> None:
    """Something to show in every phase: what the other participants and the trainer did."""
    lea, lea_id = _player(h, "Léa", "fatima")
    noe, _ = _player(h, "Noé", "marc")
    sc = h.state().scenario
    _act(h, lea, {"type": "write_expectation", "text": "Test 1"})
    _phase(h, "projets")
    project = sc.inspiring_projects[0].id
    _act(h, lea, {"type": "react_project", "project": project, "reaction": "inspire"})
    _act(h, lea, {"type": "comment_project", "project": project, "text": "Test 2"})
    _phase(h, "etat_des_lieux")
    _act(h, lea, {"type": "add_note", "space": "cour", "kind": "probleme", "text": "Test 3",
                  "enjeux": [sc.enjeux[0].id]})
    _act(h, noe, {"type": "add_note", "space": "cour", "kind": "idee", "text": "Test 4",
                  "enjeux": [sc.enjeux[0].id]})
    _phase(h, "ressources")
    _act(h, lea, {"type": "add_resource", "space": "salle_commune", "service": "Test 5",
                  "use": None, "metier": None, "text": "Test 6"})
    _phase(h, "world_cafe")
    s = h.state()
    _act(h, lea, {"type": "cafe_note", "table": s.cafe_table_of(lea_id), "text": "Test 7"})
    _phase(h, "ateliers")
    _trainer(h, {"type": "form_groups", "count": 2, "random": True})
    _act(h, lea, {"type": "draft_place", "space": "jardin", "use": "jardin_partage",
                  "why": "Test 8"})
    gid = h.state().group_of(lea_id)
    _phase(h, "mise_en_commun")
    _trainer(h, {"type": "spotlight", "group": gid})
    _act(h, noe, {"type": "argue", "group": gid, "stance": "contre", "text": "Test 9"})
    _phase(h, "deliberation")
    _act(h, lea, {"type": "propose", "title": "Test 10", "text": "", "from_group": gid})
    _act(h, noe, {"type": "propose", "title": "Test 11", "text": "Test 12"})
    first, second = list(h.state().proposals)
    _act(h, noe, {"type": "amend", "proposal": first, "text": "Test 13",
                  "add": {"cour": "composteur"}, "remove": []})
    _trainer(h, {"type": "open_round", "subject": f"proposal:{first}"})
    rid = next(iter(h.state().rounds))
    for conn in (lea, noe):
        _act(h, conn, {"type": "take_position", "round": rid, "option": "accord", "reason": ""})
    _trainer(h, {"type": "close_round", "round": rid})
    _trainer(h, {"type": "open_round", "subject": f"proposal:{second}"})  # stays open
    _phase(h, "schema_directeur")
    _trainer(h, {"type": "schema_place", "space": "jardin", "use": "jardin_partage", "year": 2})
    _phase(h, "plan_action")
    _act(h, lea, {"type": "plan_add", "what": "Test 14", "lead": "gardien", "quarter": 2,
                  "cost": 1500.0, "payer": "charges", "space": "jardin",
                  "use": "jardin_partage", "experiment": True, "criteria": "Test 15",
                  "hours": 0.25})
    _act(h, noe, {"type": "rule_add", "rule": "horaires_jardins", "space": "jardin",
                  "note": "Test 16"})
    _phase(h, "consensus_final")
    _trainer(h, {"type": "finalise_plan", "items": list(h.state().plan)})
    _trainer(h, {"type": "open_round", "subject": "final_plan"})
    _phase(h, "synthese")
    _act(h, lea, {"type": "evaluate", "answers": {q.id: 4 for q in sc.evaluation},
                  "comment": "Test 17"})
    _phase(h, "accueil")
    for conn in (lea, noe):
        h.srv.run(conn.close())


# ----- visiting it through the client -----

def settled(app, index: int) -> bool:
    return (app.screen == "main" and app.model.state.phase == index and app.side is not None
            and app.side._sig == app.side.signature() and not app.side.due)


def frames(app, n: int = 3) -> None:
    for _ in range(n):
        app.dirty = True
        app.step()


def press(app, key: str) -> None:
    """Click the side panel's button `key`, then let the panel settle."""
    click_widget(app, button(app.side, key))
    pump(app, lambda: app.side._sig == app.side.signature() and not app.side.due, 4)
    frames(app, 1)


def visit(h: Harness, app, drawn: Drawn, label: str) -> None:
    """Every phase, in order, with the clicks that show each phase's other views."""
    kind = app.model.kind
    for index, phase in enumerate(h.state().scenario.phases):
        drawn.where = f"{label}/{phase.kind}"
        _trainer(h, {"type": "set_phase", "phase": index})
        pump(app, lambda: settled(app, index))
        frames(app)
        space = SCENE.get(phase.kind)
        if kind != "spectator" and space:
            click(app, app.map.space_anchor(app.model.state, space))
            pump(app, lambda: app.selected_space == space and settled(app, index), 4)
            frames(app, 1)
        if kind == "participant":
            visit_as_participant(h, app, phase.kind)
        elif kind == "trainer":
            visit_as_trainer(h, app, phase.kind)


def visit_as_participant(h: Harness, app, kind: str) -> None:
    if kind == "accueil":  # an action the phase refuses: the server's refusal, in my language
        app.act({"type": "add_note", "space": "cour", "kind": "idee", "text": "Test 18"})
        pump(app, lambda: app.model.message, 4)
        frames(app, 1)
    elif kind == "etat_des_lieux":
        press(app, "matrix")
        press(app, "matrix")
    elif kind == "deliberation":
        for tab in ("tab:amend", "tab:propose", "tab:vote"):
            press(app, tab)
    elif kind == "plan_action":
        app.act({"type": "plan_add", "what": "Test 19", "lead": "gardien", "quarter": 5,
                 "cost": 250.0, "payer": "bailleur", "space": None, "use": None,
                 "experiment": False, "criteria": "", "hours": 1.5})
        pump(app, lambda: "Test 19" in app.side.widgets["box"].html_text, 4)
        for tab in ("tab:rule", "tab:mine", "tab:action"):
            press(app, tab)
        press(app, "experiment")
    elif kind == "consensus_final":
        press(app, "opt:desaccord")
        press(app, "position")  # no reason: the client asks for one
    elif kind == "synthese":
        press(app, "score:4")


def visit_as_trainer(h: Harness, app, kind: str) -> None:
    if kind == "accueil":
        def timer():
            return app.model.state.timer_ends_at, app.model.state.timer_paused_left
        for _ in range(2):  # starts or pauses the timer, then resumes or pauses it
            before = timer()
            click_widget(app, app.header.widgets["pause"])
            pump(app, lambda: timer() != before, 4)
            frames(app)
        if app.model.state.timer_paused_left is None:  # a paused timer, for "Paused 04:59"
            click_widget(app, app.header.widgets["pause"])
            pump(app, lambda: app.model.state.timer_paused_left is not None, 4)
            frames(app)
    elif kind == "ateliers":
        click_widget(app, app.header.widgets["console"])
        pump(app, lambda: app.side.name == "console", 4)
        for tab in ("tab:groups", "tab:rounds", "tab:plan", "tab:session"):
            press(app, tab)
        press(app, "lock")
        pump(app, lambda: app.model.state.locked, 4)
        frames(app)
        press(app, "lock")
        pump(app, lambda: not app.model.state.locked, 4)
        click_widget(app, app.header.widgets["console"])
        pump(app, lambda: app.side.name == "ateliers", 4)
    elif kind == "deliberation":
        for tab in ("tab:merge", "tab:manage"):
            press(app, tab)


def scenario_strings() -> str:
    out: list[str] = []

    def walk(x: Any) -> None:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(json.loads(RICH.read_text(encoding="utf-8")))
    return "\n".join(out)


def _word(word: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(word.strip()) + (r"(?!\w)" if word[-1] != " " else " "))


def problems(drawn: Drawn, code: str) -> list[str]:
    found = []
    for where, text in drawn.texts:
        plain = text.replace("\u00a0", " ").replace("\u202f", " ")
        for word in FORBIDDEN[code]:
            if _word(word).search(plain):
                found.append(f"{where}: {word!r} in {text!r}")
        for pattern in (RAW_KEY, NEGATIVE_ZERO, *WRONG_NUMBERS[code]):
            if pattern.search(re.sub(r"ws://\S+", "", text)):
                found.append(f"{where}: {pattern.pattern!r} in {text!r}")
    return found


def test_the_word_lists_are_words_of_one_language_only():
    """A listed word must not be in the scenario (French content shown in both languages),
    and the French list's words must be the client's own French (and the English list's)."""
    content = scenario_strings()
    for word in FRENCH_ONLY + ENGLISH_ONLY:
        assert not _word(word).search(content), word
    texts = {code: _client_texts(code) for code in ("fr", "en")}
    for word in FRENCH_ONLY:
        assert not _word(word).search(texts["en"]), word
        assert _word(word).search(texts["fr"]), word
    for word in ENGLISH_ONLY:
        assert not _word(word).search(texts["fr"]), word
        assert _word(word).search(texts["en"]), word


def _client_texts(code: str) -> str:
    """Every text of the client's messages (ui.*) and the shared words (term.*), placeholders
    left out, no-break spaces as spaces."""
    from ilot.game.text.catalogues import read_catalogue

    out = []
    for m in read_catalogue(code):
        key = m.id[0] if isinstance(m.id, tuple) else m.id
        if key and key.startswith(("ui.", "term.")):
            out += m.string if isinstance(m.string, (tuple, list)) else [m.string]
    return re.sub(r"\{\w+\}", " ", "\n".join(out))


def test_every_screen_speaks_one_language(tmp_path, drawn):
    from ilot.game.client import seats

    h = Harness(tmp_path, RICH)
    try:
        play_session(h)
        for code, persona in (("en", "odette"), ("fr", "claire")):
            drawn.texts.clear()
            # the connect screen, in every mode, with the organiser's fields open
            drawn.where = f"{code}/connect"
            seats.recent_file().unlink(missing_ok=True)  # as on a fresh laptop: no room filled
            app = h.app(prefill={"url": h.url}, lang_code=code)
            assert app.ui.get_locale() == code  # pygame_gui's own words too
            frames(app)
            for key in ("mode_trainer", "mode_spectator", "organiser", "join"):
                click_widget(app, button(app.page, key))
                frames(app, 2)
            assert app.model.message  # "enter the room code"
            frames(app)
            # a participant: the persona screen, then every phase
            drawn.where = f"{code}/persona"
            app = h.app({"as": "participant", "room": h.room, "name": f"Camille {code}"},
                        lang_code=code)
            pump(app, lambda: app.screen == "persona")
            frames(app)
            click_widget(app, next(el for el, key in app.page.keys.items()
                                   if key == f"persona:{persona}"))
            pump(app, lambda: "confirm" in app.page.widgets)
            frames(app)  # the confirmation, in this language too
            click_widget(app, button(app.page, "confirm"))
            pump(app, lambda: app.screen == "main")
            me = app.model.me
            gid = next(iter(h.state().groups))
            _trainer(h, {"type": "move_member", "participant": me, "group": gid})
            visit(h, app, drawn, f"{code}/participant")
            for hello, role in (({"as": "trainer", "room": h.room, "code": h.code}, "trainer"),
                                ({"as": "spectator", "room": h.room}, "spectator")):
                app = h.app(hello, lang_code=code)
                pump(app, lambda: app.screen == "main")
                visit(h, app, drawn, f"{code}/{role}")
            text = "\n".join(t for _, t in drawn.texts)
            # the visit did show the session: a few of the client's own words, as it says them
            expected = {"en": ["Next phase", "Consent round", "Refused: Not possible in this "
                               "phase.", "Year 2", "Crossed issues", "Paused", "Experiment “"],
                        "fr": ["Phase suivante", "Tour de consentement", "Refusé\u00a0: Pas "
                               "possible dans cette phase.", "Année 2", "Enjeux croisés",
                               "En pause", "Expérimentation «\u00a0"]}[code]
            for words in expected:
                assert words in text, (code, words)
            lang = lang_for(code)  # the experiment's outcome, as a word of the language
            assert any(lang.t(f"term.outcome.{o}") in text for o in ("kept", "stopped"))
            assert problems(drawn, code) == [], code
    finally:
        h.close()


def test_french_numbers_on_a_known_state(tmp_path, drawn):
    """Money, hours and percentages as French writes them: 68,00 €, 0,25 h, 1 500 €."""
    h = Harness(tmp_path, RICH)
    try:
        lea, _ = _player(h, "Léa", "fatima")
        _phase(h, "plan_action")
        _act(h, lea, {"type": "plan_add", "what": "Test 14", "lead": "gardien", "quarter": 2,
                      "cost": 1500.0, "payer": "charges", "space": "jardin",
                      "use": "jardin_partage", "experiment": False, "criteria": "",
                      "hours": 0.25})
        h.srv.run(lea.close())
        for code, money, hours, base in (
                ("fr", "1\u202f500\u00a0€", "+0,25\u202fh/semaine", "(aujourd'hui 68,00\u00a0€)"),
                ("en", "€1,500", "+0.25 h/week", "(today €68.00)")):
            drawn.texts.clear()
            app = h.app({"as": "spectator", "room": h.room}, lang_code=code)
            pump(app, lambda: app.screen == "main" and "Test 14" in app.side.widgets["box"].html_text)
            frames(app)
            box = app.side.widgets["box"].html_text
            assert money in box and hours in box, box
            texts = [t for _, t in drawn.texts]
            first = next((n for n, t in enumerate(texts) if base in t), None)
            assert first is not None, texts
            footer = texts[first:first + 2]  # the footer's two lines, drawn one after the other
            charges = {"fr": r"Charges\u00a0: \d+,\d\d\u00a0€/mois/logement",
                       "en": r"Charges: €\d+\.\d\d/month/household"}[code]
            assert re.search(charges, " ".join(footer)), footer
            # the plan's phases play the simulation: each métier's hours at the quarter shown
            workload = {"fr": r"Heures par semaine \(besoin/dispo\)\u00a0: .+ \d+/\d+\sh",
                        "en": r"Hours a week \(needed/available\): .+ \d+/\d+\sh"}[code]
            assert re.search(workload, " ".join(footer)), footer
            assert problems(drawn, code) == []
    finally:
        h.close()
