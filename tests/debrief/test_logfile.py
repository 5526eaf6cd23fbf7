"""The portable log: export from a real store, read back, same state; bad files say why."""

from __future__ import annotations

import json

import pytest

from ilot.game.cli import main
from ilot.game.core import replay, state_hash
from ilot.game.debrief.logfile import LogError, read_log, write_log
from ilot.game.debrief.recording import LogRecording, RecordingError, StoreRecording, open_recording

from .conftest import GOLDEN, ROOM, ROOT


def test_export_then_read_gives_the_same_state(data_dir, tmp_path, short, short_script, capsys):
    out = tmp_path / "export.jsonl"
    assert main(["log", "export", "--data", str(data_dir), "--room", ROOM.lower(), "-o", str(out)]) == 0
    assert f"{len(short_script.events)} événements" in capsys.readouterr().out
    header = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert header["kind"] == "ilot-log" and header["format"] == 1 and header["room"] == ROOM.replace("-", "")
    # the full scenario travels with the log, private objectives included (the debrief reveals them)
    assert any(p["private_objectives"] for p in header["scenario"]["personas"])
    log = read_log(out)
    assert [e.to_dict() for e in log.events] == [e.to_dict() for e in short_script.events]
    assert state_hash(replay(log.scenario, log.events)) == state_hash(short_script.state)


def test_store_and_log_recordings_agree_and_keep_notes(data_dir, tmp_path, short_script):
    rec = StoreRecording(data_dir, ROOM)
    note = rec.add_note(short_script.events[40].t, "  Le blocage sur la cour : à reprendre  ")
    rec.close()
    again = open_recording(data=str(data_dir), room=ROOM)
    assert [n["text"] for n in again.notes()] == ["Le blocage sur la cour : à reprendre"]
    assert again.notes()[0]["id"] == note["id"]
    out = tmp_path / "with_notes.jsonl"
    write_log(out, again.room, again.scenario, again.events, again.notes())
    again.close()
    log_rec = LogRecording(out)
    assert [n["text"] for n in log_rec.notes()] == ["Le blocage sur la cour : à reprendre"]
    log_rec.add_note(short_script.events[50].t, "Noté sur l'autre machine")
    # a sidecar next to the log keeps the new note; the log itself is untouched
    assert out.read_text(encoding="utf-8").count("debrief_note") == 1
    assert [n["text"] for n in LogRecording(out).notes()] == [
        "Le blocage sur la cour : à reprendre", "Noté sur l'autre machine"]


def test_golden_log_of_an_earlier_version_reads(short):
    log = read_log(GOLDEN)
    assert log.scenario.id == short.id
    expected = (GOLDEN.with_suffix(".sha256")).read_text().split()[0]
    assert state_hash(replay(log.scenario, log.events)) == expected


@pytest.mark.parametrize("content, words", [
    ("", "aucun événement"),
    ("pas du json\n", ":1: JSON invalide"),
    ('[1, 2]\n', "objet JSON"),
    ('{"kind": "ilot-log", "format": 99}\n{"seq":1,"t":0,"by":"","type":"session_opened","v":1,"data":{}}\n',
     "format 99"),
    ('{"kind": "ilot-log", "format": 1}\n{"seq":1,"t":0,"by":"","type":"bogus","v":1,"data":{}}\n',
     ":2: événement illisible"),
    ('{"kind": "ilot-log", "format": 1}\n{"seq":1,"t":0}\n', ":2: événement illisible"),
    ('{"kind": "weird"}\n', "type inconnu"),
    ('{"kind": "ilot-log", "format": 1}\n{"seq":1,"t":0,"by":"p1","type":"note_removed","v":1,"data":{"note":"n1"}}\n',
     "session_opened"),
    ('{"kind": "ilot-log", "format": 1}\n{"seq":1,"t":0,"by":"","type":"session_opened","v":1,'
     '"data":{"scenario":"nulle_part","seed":1}}\n', "introuvable"),
    ('{"kind": "ilot-log", "format": 1, "scenario": {"id": 3}}\n'
     '{"seq":1,"t":0,"by":"","type":"session_opened","v":1,"data":{}}\n', "scénario de l'en-tête invalide"),
    ('{"kind": "debrief_note", "text": 3}\n', "note de débriefing"),
])
def test_bad_log_files_are_refused_with_where_and_why(tmp_path, content, words):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LogError) as err:
        read_log(path)
    assert words in str(err.value)
    with pytest.raises(RecordingError):
        LogRecording(path)


def test_binary_garbage_and_missing_files(tmp_path):
    path = tmp_path / "bin.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(LogError, match="lecture impossible"):
        read_log(path)
    with pytest.raises(LogError, match="lecture impossible"):
        read_log(tmp_path / "absent.jsonl")


def test_wrong_room_unknown_room_and_no_store(data_dir, rich_log, tmp_path):
    with pytest.raises(RecordingError, match="salle"):
        LogRecording(rich_log, room="AAAA-BBBB")
    assert LogRecording(rich_log, room=ROOM.lower()).room == ROOM
    with pytest.raises(RecordingError, match=ROOM.replace("-", "")):
        StoreRecording(data_dir, "ZZZZ-ZZZZ")  # the message lists the rooms there are
    with pytest.raises(RecordingError, match="aucune base"):
        StoreRecording(tmp_path / "empty", ROOM)
    assert not (tmp_path / "empty").exists()  # looking does not create a store


def test_a_sidecar_line_cut_by_a_crash_is_skipped(rich_log, rich_script):
    rec = LogRecording(rich_log)
    rec.add_note(rich_script.events[10].t, "première")
    with open(rec.sidecar, "a", encoding="utf-8") as f:
        f.write('{"at": 12, "text": "coupé')
    assert [n["text"] for n in LogRecording(rich_log).notes()] == ["première"]
    with pytest.raises(ValueError):
        rec.add_note(0, "   ")


def test_commands_refuse_a_missing_session_clearly(tmp_path, capsys):
    assert main(["replay", "--data", str(tmp_path), "--room", "ABCD-EFGH"]) == 2
    assert "aucune base de sessions" in capsys.readouterr().err
    assert main(["replay", str(tmp_path / "absent.jsonl")]) == 2
    assert "lecture impossible" in capsys.readouterr().err
    assert main(["replay"]) == 2
    assert "--room" in capsys.readouterr().err
    assert main(["log", "export", "--data", str(tmp_path), "--room", "X"]) == 2


def test_without_a_room_the_rooms_of_the_store_are_listed(data_dir, capsys):
    assert main(["debrief", "--data", str(data_dir), "--html", "unused.html"]) == 2
    err = capsys.readouterr().err
    assert ROOM.replace("-", "") in err and "événements" in err


def test_demo_log_is_a_full_session_that_reports(tmp_path, short):
    log = tmp_path / "demo.jsonl"
    assert main(["log", "demo", "-o", str(log), "--scenario", str(ROOT / "scenarios" / "petit_ilot.json"),
                 "--participants", "6"]) == 0
    rec = LogRecording(log)
    state = replay(rec.scenario, rec.events)
    assert state.phase == len(short.phases) - 1 and state.final_adopted and state.evaluations
    assert main(["debrief", str(log), "--html", str(tmp_path / "demo.html")]) == 0


def test_a_damaged_log_is_refused_by_both_commands(tmp_path, short, short_script, capsys):
    events = list(short_script.events)
    bad = events[:20] + [events[20].with_data({"note": "n999999"}) if events[20].type == "note_removed"
                         else type(events[20]).of(events[20].seq, events[20].t, events[20].by,
                                                  "note_removed", {"note": "n999999"})] + events[21:]
    path = tmp_path / "damaged.jsonl"
    write_log(path, "X", short, bad)
    assert main(["debrief", str(path), "--html", str(tmp_path / "r.html")]) == 2
    assert "l'événement n°21" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
    assert main(["replay", str(path)]) == 2
    assert "journal abîmé" in capsys.readouterr().err
