"""`ilot debrief --attendance, --attendance-sheet, --satisfaction` on a real store."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from ilot.game.cli import main
from ilot.game.core.events import Event, WhoamiSet
from ilot.game.core.kinds import RealRole
from ilot.game.core.replay import replay
from ilot.game.debrief.attendance_export import Line, SheetSlot, write_attendance_sheet
from ilot.game.debrief.recording import Recording
from ilot.game.text import lang_for

from .conftest import ROOM

CODE = ROOM.replace("-", "")


def _rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


def test_the_three_exports(data_dir, tmp_path, short, short_script):
    card = Event(len(short_script.events) + 1, short_script.events[-1].t + 1, "p1",
                 WhoamiSet(RealRole.MANAGER, "Habitat <Sud>", "Je gère deux résidences."), "w1")
    events = [*short_script.events, card]
    store = pytest.importorskip("ilot.server.store").Store.in_dir(data_dir)
    store.append(CODE, [card])
    store.close()
    t0 = events[0].t
    db = sqlite3.connect(data_dir / "ilot.sqlite3")
    db.executemany("INSERT INTO connections (room, actor, who, kind, t) VALUES (?, ?, ?, ?, ?)",
                   [(CODE, "participant", "p1", "connect", t0),
                    (CODE, "participant", "p1", "disconnect", t0 + 1800),
                    (CODE, "participant", "p1", "connect", t0 + 3600),
                    (CODE, "participant", "p1", "disconnect", t0 + 4500),
                    (CODE, "trainer", "trainer", "connect", t0)])
    db.commit()
    db.close()
    att, sheet, sat = tmp_path / "a.csv", tmp_path / "s.html", tmp_path / "sat.csv"
    assert main(["debrief", "--data", str(data_dir), "--room", ROOM, "--lang", "fr",
                 "--attendance", str(att), "--attendance-sheet", str(sheet),
                 "--satisfaction", str(sat)]) == 0
    state = replay(short, events)
    names = {p.id: p.name for p in state.participants.values()}

    rows = _rows(att)
    assert rows[0] == ["Jour", "Demi-journée", "Date", "Participant·e", "Rôle réel",
                       "Organisation", "Première connexion", "Dernière connexion",
                       "Minutes connectées", "Actions"]
    body = {r[3]: r for r in rows[1:]}
    assert len(rows) - 1 == len(names)  # the short scenario is one morning
    p1 = body[names["p1"]]
    assert p1[0] == "Jour 1" and p1[1] == "Matin"
    assert p1[8] == "45"  # 30 + 15 minutes
    actions = len({e.aid for e in events if e.by == "p1"})
    assert p1[9] == str(actions) and actions > 1
    assert (p1[4], p1[5]) == ("Encadrement", "Habitat <Sud>")  # from the « qui suis-je » card
    p3 = body[names["p3"]]
    assert p3[6] == "—" and p3[8] == "0"
    assert "trainer" not in body

    html = sheet.read_text(encoding="utf-8")
    assert "Feuille d'émargement" in html or "Feuille d&#39;émargement" in html
    assert all(n in html for n in names.values())
    assert html.count('class="sign"') == len(names)
    assert "signature du formateur" in html
    assert "Habitat &lt;Sud&gt;" in html and "Habitat <Sud>" not in html

    answers = _rows(sat)
    assert answers[0] == [q.text for q in short.evaluation] + ["Commentaire"]
    assert len(answers) - 1 == len(state.evaluations) > 0
    text = sat.read_text(encoding="utf-8-sig")
    assert not any(n in text for n in names.values())
    assert not any(cell in names for row in answers[1:] for cell in row)  # no participant id


def test_the_sheet_escapes_names(short, tmp_path):
    rec = Recording("R1", short, [])
    line = Line("<b>Awa</b>", "", "A & B", "09:00", "12:00", 180, 3)
    out = write_attendance_sheet(tmp_path / "s.html", rec,
                                 [SheetSlot("Jour 1, Matin", "Jour 1", "Matin", "2026-03-10",
                                            (line,))], lang_for("fr"))
    html = out.read_text(encoding="utf-8")
    assert "<b>Awa</b>" not in html and "&lt;b&gt;Awa&lt;/b&gt;" in html
    assert "A &amp; B" in html
    assert "Aucune connexion enregistrée" in html  # a log without connection rows says so


def test_nothing_asked_is_an_error(data_dir, capsys):
    assert main(["debrief", "--data", str(data_dir), "--room", ROOM, "--lang", "fr"]) == 2
    assert "rien à écrire" in capsys.readouterr().err


def test_the_exported_log_carries_the_connections(data_dir, tmp_path, short_script):
    """`ilot log export` then `--attendance` from the file: the same CSV as from the store."""
    t0 = short_script.events[0].t
    db = sqlite3.connect(data_dir / "ilot.sqlite3")
    db.executemany("INSERT INTO connections (room, actor, who, kind, t, inferred) VALUES (?, ?, ?, ?, ?, ?)",
                   [(CODE, "participant", "p1", "connect", t0, 0),
                    (CODE, "participant", "p1", "disconnect", t0 + 1200, 1),
                    (CODE, "participant", "p2", "connect", t0 + 60, 0)])
    db.commit()
    db.close()
    log = tmp_path / "session.jsonl"
    assert main(["log", "export", "--data", str(data_dir), "--room", ROOM, "-o", str(log)]) == 0
    kinds = [line.split('"kind":"')[1].split('"')[0] for line in log.read_text("utf-8").splitlines()]
    assert kinds.count("connection") == 3
    from_store, from_log = tmp_path / "store.csv", tmp_path / "log.csv"
    assert main(["debrief", "--data", str(data_dir), "--room", ROOM, "--lang", "fr",
                 "--attendance", str(from_store)]) == 0
    assert main(["debrief", str(log), "--lang", "fr", "--attendance", str(from_log)]) == 0
    assert _rows(from_log) == _rows(from_store)
    minutes = {r[3]: r[8] for r in _rows(from_log)[1:]}
    assert "20" in minutes.values()  # p1: 20 minutes, its inferred end kept


def test_a_broken_connection_line_is_named(tmp_path, short_script, short):
    from ilot.game.debrief.errors import LogError
    from ilot.game.debrief.logfile import read_log, write_log

    log = tmp_path / "s.jsonl"
    write_log(log, ROOM, short, short_script.events)
    with open(log, "a", encoding="utf-8") as f:
        f.write('{"kind": "connection", "actor": "participant", "who": "p1", "event": "hello", "t": 1}\n')
    with pytest.raises(LogError) as err:
        read_log(log)
    assert "ligne de connexion incomplète" in err.value.text(lang_for("fr"))
    assert f":{len(short_script.events) + 2}:" in err.value.text(lang_for("fr"))


def test_a_nesting_bomb_in_a_log_is_named(tmp_path, short_script, short):
    from ilot.game.debrief.errors import LogError
    from ilot.game.debrief.logfile import read_log, write_log

    log = tmp_path / "s.jsonl"
    write_log(log, ROOM, short, short_script.events)
    with open(log, "a", encoding="utf-8") as f:
        f.write("[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(LogError) as err:
        read_log(log)
    assert f":{len(short_script.events) + 2}:" in err.value.text(lang_for("fr"))
