"""Scenario checks: each kind of mistake a trainer can make is reported at the right JSON path,
with a stable code, and reads as a plain sentence in French (and English) where it is shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import RICH_FILE, ROOT, SHORT_FILE

from ilot.game.core.scenario_check import (
    JSON_PROBLEMS,
    REF_KINDS,
    UNREADABLE_REASONS,
    ScenarioCode,
    ScenarioError,
    ScenarioInvalid,
    check_file,
    check_text,
    load_scenario,
)
from ilot.game.text import lang_for
from ilot.game.text.scenario_errors import scenario_error_line, scenario_error_text

FR, EN = lang_for("fr"), lang_for("en")
C = ScenarioCode


@pytest.fixture(scope="module")
def base() -> dict:
    return json.loads(RICH_FILE.read_text(encoding="utf-8"))


def errors_of(data: dict, tmp_path=None) -> list:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    scenario, errors = check_text(text, "mon_scenario.json")
    assert scenario is None and errors
    return errors


def paths(errors) -> dict[str, ScenarioError]:
    """The first problem at each path (a shape error comes before what else is found there)."""
    return {e.path: e for e in reversed(errors)}


def _del(d, key):
    del d[key]


def _set(d, key, value):
    d[key] = value


def _idx(data, section, item_id):
    return next(i for i, x in enumerate(data[section]) if x.get("id") == item_id)


CASES = [
    # (name, mutate(data), expected path, code, words in the French message)
    ("missing field", lambda d: _del(d["spaces"][0], "area_m2"), "spaces[0].area_m2",
     C.MISSING, "manquant"),
    ("unknown field", lambda d: _set(d["uses"][2], "coulour", "#ffffff"), "uses[2].coulour",
     C.UNKNOWN_FIELD, "champ inconnu"),
    ("wrong type", lambda d: _set(d["spaces"][1], "area_m2", "grand"), "spaces[1].area_m2",
     C.NOT_NUMBER, "nombre"),
    ("wrong type of list", lambda d: _set(d["uses"][0], "allowed_kinds", "jardin"),
     "uses[0].allowed_kinds", C.NOT_LIST, "liste"),
    ("bad colour", lambda d: _set(d["uses"][0], "colour", "vert"), "uses[0].colour", C.BAD_COLOUR, "#RRGGBB"),
    ("unknown space kind in a use", lambda d: _set(d["uses"][0]["allowed_kinds"], 0, "piscine"),
     "uses[0].allowed_kinds[0]", C.UNKNOWN_REF, "piscine"),
    ("persona of an unknown role", lambda d: _set(d["personas"][0], "role", "locataire"),
     "personas[0].role", C.NOT_ALLOWED_VALUE, "resident"),
    ("effect on an unknown indicator", lambda d: _set(d["uses"][1]["effects"], "bonheur", 3),
     "uses[1].effects.bonheur", C.UNKNOWN_REF, "indicateur"),
    ("interest on an unknown indicator", lambda d: _set(d["personas"][2]["interests"], "joie", 1),
     "personas[2].interests.joie", C.UNKNOWN_REF, "indicateur"),
    ("unknown métier in maintenance hours",
     lambda d: _set(d["uses"][1]["maintenance_hours"], "jardinier", 1.0),
     "uses[1].maintenance_hours.jardinier", C.UNKNOWN_REF, "métier"),
    ("negative hours", lambda d: _set(d["rules"][0]["maintenance_hours"], "gardien", -1.0),
     "rules[0].maintenance_hours.gardien", C.NEGATIVE_HOURS, "négatif"),
    ("duplicate id", lambda d: _set(d["spaces"][3], "id", d["spaces"][2]["id"]), "spaces[3].id",
     C.DUPLICATE_ID, "double"),
    ("polygon outside the map", lambda d: _set(d["spaces"][0]["polygon"], 1, [99999, 5]),
     "spaces[0].polygon[1]", C.POINT_OUTSIDE_MAP, "hors de la carte"),
    ("building outside the map", lambda d: _set(d["buildings"][0]["polygon"], 0, [-1, 5]),
     "buildings[0].polygon[0]", C.POINT_OUTSIDE_MAP, "hors de la carte"),
    ("trigger with two kinds", lambda d: _set(d["events"][0]["trigger"], "quarter", 3),
     "events[0].trigger", C.TRIGGER_KINDS, "exactement un"),
    ("trigger with no kind",
     lambda d: _set(d["events"][0], "trigger", {"from_quarter": 2}), "events[0].trigger",
     C.TRIGGER_KINDS, "exactement un"),
    ("use that fits no space", lambda d: _set(d["uses"][0], "min_area_m2", 1e7), "uses[0]",
     C.USE_FITS_NO_SPACE, "aucun espace"),
    ("unknown neighbour", lambda d: _set(d["spaces"][0], "neighbours", ["lune"]),
     "spaces[0].neighbours[0]", C.UNKNOWN_REF, "lune"),
    ("own neighbour", lambda d: _set(d["spaces"][0], "neighbours", [d["spaces"][0]["id"]]),
     "spaces[0].neighbours[0]", C.OWN_NEIGHBOUR, "propre voisin"),
    ("unknown constraint", lambda d: _set(d["spaces"][0], "constraints", ["volcan"]),
     "spaces[0].constraints[0]", C.UNKNOWN_REF, "contrainte"),
    ("unknown enjeu on a project", lambda d: _set(d["inspiring_projects"][0], "enjeux", ["x"]),
     "inspiring_projects[0].enjeux[0]", C.UNKNOWN_REF, "enjeu"),
    ("rule on an unknown space kind", lambda d: _set(d["rules"][0], "applies_to", ["piscine"]),
     "rules[0].applies_to[0]", C.UNKNOWN_REF, "type d'espace"),
    ("objective without target",
     lambda d: _set(d["personas"][0], "private_objectives", [{"text": "t", "indicator": "cohesion"}]),
     "personas[0].private_objectives[0].target", C.MISSING, "manquant"),
    ("initial out of range", lambda d: _set(d["indicators"][0], "initial", 150),
     "indicators[0].initial", C.INITIAL_OUT_OF_RANGE, "entre"),
    ("phase of an unknown kind", lambda d: _set(d["phases"][0], "kind", "pause_cafe"),
     "phases[0].kind", C.NOT_ALLOWED_VALUE, "valeurs possibles"),
    ("too few roles", lambda d: _set(d, "roles", d["roles"][:2]), "roles", C.TOO_FEW_ITEMS, "au moins"),
    ("unknown top-level field", lambda d: _set(d, "auteur", "Moi"), "auteur", C.UNKNOWN_FIELD, "champ inconnu"),
    ("consent without block",
     lambda d: _set(d, "consent", {"options": [
         {"id": "oui", "label": "Oui", "meaning": "m", "colour": "#00ff00", "counts_as": "agree"},
         {"id": "non", "label": "Non", "meaning": "m", "colour": "#ff0000",
          "counts_as": "disagree"}]}),
     "consent.options", C.MISSING_CONSENT_OPTION, "block"),
    ("block without a reason",
     lambda d: _set(d, "consent", {"options": [
         {"id": "oui", "label": "Oui", "meaning": "m", "colour": "#00ff00", "counts_as": "agree"},
         {"id": "non", "label": "Non", "meaning": "m", "colour": "#ff0000",
          "counts_as": "block"}]}),
     "consent.options[1].reason_required", C.BLOCK_WITHOUT_REASON, "motivé"),
    ("neighbour conflict that can never happen",
     lambda d: _set(d["uses"][_idx(d, "uses", "coworking")]["conflicts"][0], "with_use",
                    "potager_toit"),
     f"uses[{_idx(json.loads(RICH_FILE.read_text(encoding='utf-8')), 'uses', 'coworking')}]"
     ".conflicts[0].with_use", C.CONFLICT_NEVER_HAPPENS, "jamais"),
]


@pytest.mark.parametrize("name,mutate,path,code,words", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_at_its_path(base, name, mutate, path, code, words):
    data = json.loads(json.dumps(base))
    mutate(data)
    found = paths(errors_of(data))
    assert path in found, f"{name}: {found}"
    assert found[path].code == code, found[path]
    french = scenario_error_text(found[path], FR)
    assert words.lower() in french.lower(), french
    english = scenario_error_text(found[path], EN)
    assert english and english != french and "{" not in english, english


def test_missing_satisfaction_indicator_of_a_role(base):
    data = json.loads(json.dumps(base))
    i = next(i for i, ind in enumerate(data["indicators"]) if ind.get("satisfaction_of") == "caretaker")
    data["indicators"][i]["satisfaction_of"] = None
    error = paths(errors_of(data))["indicators"]
    assert error.code == C.NO_SATISFACTION_INDICATOR and error.params["role"] == "caretaker"
    french = scenario_error_text(error, FR)
    assert "caretaker" in french and "satisfaction" in french


def test_missing_persona_of_a_role(base):
    data = json.loads(json.dumps(base))
    data["personas"] = [p for p in data["personas"] if p["role"] != "manager"]
    error = paths(errors_of(data))["personas"]
    assert error.code == C.NO_PERSONA_FOR_ROLE and error.params == {"role": "manager"}
    assert scenario_error_text(error, FR) == "aucun personnage n'a le rôle «\u00a0manager\u00a0»"


def test_several_mistakes_are_all_reported(base):
    data = json.loads(json.dumps(base))
    data["uses"][0]["allowed_kinds"][0] = "piscine"
    data["uses"][3]["effects"]["bonheur"] = 1
    data["spaces"][2]["polygon"][0] = [-5, -5]
    found = paths(errors_of(data))
    assert {"uses[0].allowed_kinds[0]", "uses[3].effects.bonheur", "spaces[2].polygon[0]"} <= set(found)


def test_invalid_json_reports_line_and_column():
    text = RICH_FILE.read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines) if line.rstrip().endswith(",") and i > 10)
    lines[n] = lines[n].rstrip()[:-1]  # a missing comma
    scenario, errors = check_text("\n".join(lines), "cassé.json")
    assert scenario is None and len(errors) == 1
    error = errors[0]
    assert error.code == C.JSON_SYNTAX and error.path == ""
    assert error.params["line"] == n + 2  # the next line has the error
    assert error.params["problem"] == "comma"
    assert scenario_error_line(error, FR).startswith(f"cassé.json: ligne {n + 2}, colonne ")
    assert scenario_error_text(error, FR) == \
        "JSON invalide\u00a0: il manque une virgule entre deux éléments"
    assert scenario_error_line(error, EN).startswith(f"cassé.json: line {n + 2}, column ")


def test_errors_name_the_file(base, tmp_path):
    data = json.loads(json.dumps(base))
    data["uses"][1]["effects"]["bonheur"] = 3
    f = tmp_path / "atelier.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    scenario, errors = check_file(f)
    assert scenario is None
    error = errors[0]
    assert (error.file, error.path, error.code) == (str(f), "uses[1].effects.bonheur", C.UNKNOWN_REF)
    assert error.params["kind"] == "indicator" and error.params["value"] == "bonheur"
    assert scenario_error_line(error, FR) == \
        f"{f}: uses[1].effects.bonheur: {scenario_error_text(error, FR)}"
    assert scenario_error_text(error, FR).startswith(
        "indicateur inconnu «\u00a0bonheur\u00a0» (connus\u00a0: ")
    assert scenario_error_text(error, EN).startswith("unknown indicator “bonheur” (known: ")
    # str() is a neutral line for logs: the place and the code, no sentence
    assert str(error).startswith(f"{f}: uses[1].effects.bonheur: unknown_ref (")
    with pytest.raises(ScenarioInvalid) as exc:
        load_scenario(f)
    assert "uses[1].effects.bonheur" in str(exc.value)
    _, missing = check_file(tmp_path / "absent.json")
    assert missing[0].code == C.FILE_UNREADABLE and missing[0].params["reason"] == "not_found"
    assert scenario_error_line(missing[0], FR) == \
        f"{tmp_path / 'absent.json'}: fichier illisible\u00a0: ce fichier n'existe pas"
    (tmp_path / "latin1.json").write_bytes("{\"title\": \"é\"}".encode("latin-1"))
    _, bad = check_file(tmp_path / "latin1.json")
    assert bad[0].params["reason"] == "not_utf8" and "illisible" in scenario_error_text(bad[0], FR)


def test_found_values_are_shown_as_written_in_json(base):
    data = json.loads(json.dumps(base))
    data["spaces"][1]["area_m2"] = "grand"
    data["uses"][0]["colour"] = "vert"
    found = paths(errors_of(data))
    assert found["spaces[1].area_m2"].params["found"] == "grand"
    assert scenario_error_text(found["spaces[1].area_m2"], FR) == \
        'doit être un nombre (valeur trouvée\u00a0: "grand")'
    assert scenario_error_text(found["uses[0].colour"], EN) == \
        'invalid format (a colour is written #RRGGBB, for example #2e9d5b) (found: "vert")'


def test_numbers_are_written_as_the_language_writes_them(base):
    data = json.loads(json.dumps(base))
    data["spaces"][0]["polygon"][1] = [1234.5, 5]
    error = paths(errors_of(data))["spaces[0].polygon[1]"]
    assert error.code == C.POINT_OUTSIDE_MAP and error.params["x"] == 1234.5
    assert "x = 1\u202f234,5\u202f; y = 5" in scenario_error_text(error, FR)
    assert "x = 1,234.5, y = 5" in scenario_error_text(error, EN)


SAMPLE = {"limit": 1, "min": 2, "max": 3, "value": "v", "known": ["a", "b"], "role": "resident",
          "use": "u", "counts_as": "block", "x": 1.5, "y": 2, "width": 3, "height": 4,
          "expected": ["a", "b"], "pattern": "^x$", "detail": "d", "line": 1, "column": 2,
          "day": 1, "previous": 2, "start": "12:00", "previous_end": "12:30", "end": "24:30",
          "kind": "world_cafe", "section": "cafe_themes", "needs": "ateliers",
          "after": ["ateliers"], "before": [], "found": "12,5",
          "field": "f", "objective_kind": "k", "what": "w", "space": "s",
          "capacity": 3, "area": 12.5}


@pytest.mark.parametrize("lang", [FR, EN], ids=["fr", "en"])
def test_every_code_has_a_sentence_in_both_languages(lang):
    texts = []
    for code in ScenarioCode:
        variants: list[dict] = [{}]
        if code is C.UNKNOWN_REF:
            variants = [{"kind": k} for k in REF_KINDS]
        elif code is C.JSON_SYNTAX:
            variants = [{"problem": p} for p in sorted({*JSON_PROBLEMS.values(), "other"})]
        elif code is C.FILE_UNREADABLE:
            variants = [{"reason": r} for r in UNREADABLE_REASONS]
        elif code is C.PHASE_NEEDS_CONTENT:
            variants = [{"section": "cafe_themes"}, {"section": "inspiring_projects"}]
        elif code is C.PHASE_ORDER:
            variants = [{"after": ["ateliers"]}, {"after": [], "before": ["synthese"]}]
        for extra in variants:
            error = ScenarioError("f.json", "a.b[0]", code, {**SAMPLE, **extra})
            text = scenario_error_text(error, lang)
            assert text and "scenario." not in text and "{" not in text, (code, extra, text)
            texts.append(text)
    assert len(set(texts)) == len(texts)  # each its own sentence, none a generic fallback


def test_shipped_scenarios_are_valid_and_big_enough():
    rich, short = load_scenario(RICH_FILE), load_scenario(SHORT_FILE)
    assert len(rich.buildings) >= 3 and len(rich.spaces) >= 10
    assert len(rich.personas) >= 9 and {p.role for p in rich.personas} == {
        "resident", "caretaker", "manager"}
    assert len(rich.uses) >= 15 and len(rich.inspiring_projects) >= 6 and len(rich.enjeux) >= 10
    assert len(rich.rules) >= 8 and len(rich.events) >= 6 and len(rich.phases) == 14
    assert len(short.buildings) == 1 and len(short.spaces) == 5 and len(short.phases) == 6


# ----- the command line, as a trainer runs it -----

def _ilot(*args, cwd=ROOT, lang="fr"):
    return subprocess.run([sys.executable, "-m", "ilot.game.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "ILOT_LANG": lang})


def test_cli_check_exit_codes_and_one_line_per_error(base, tmp_path):
    ok = _ilot("scenario", "check", str(RICH_FILE), str(SHORT_FILE))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count(": OK") == 2
    data = json.loads(json.dumps(base))
    data["uses"][0]["allowed_kinds"][0] = "piscine"
    data["uses"][3]["effects"]["bonheur"] = 1
    bad = tmp_path / "faux.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    broken = tmp_path / "casse.json"
    broken.write_text("{\n  \"id\": \"x\",\n  oups\n}\n", encoding="utf-8")
    res = _ilot("scenario", "check", "-q", str(RICH_FILE), str(bad), str(broken))
    assert res.returncode == 1
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 3, res.stdout
    assert lines[0].startswith(f"{bad}: uses[0].allowed_kinds[0]: type d'espace inconnu ")
    assert "«\u00a0piscine\u00a0»" in lines[0]
    assert f"{bad}: uses[3].effects.bonheur: " in lines[1]
    assert lines[2].startswith(f"{broken}: ligne 3, colonne 3: JSON invalide")
    # the same in English, with --lang (or ILOT_LANG)
    en = _ilot("scenario", "check", "-q", "--lang", "en", str(bad), str(broken))
    lines = en.stdout.strip().splitlines()
    assert en.returncode == 1 and len(lines) == 3, en.stdout
    assert lines[0].startswith(f"{bad}: uses[0].allowed_kinds[0]: unknown space kind “piscine”")
    assert lines[2].startswith(f"{broken}: line 3, column 3: invalid JSON")


def test_cli_schema_prints_json_schema():
    res = _ilot("scenario", "schema")
    assert res.returncode == 0
    schema = json.loads(res.stdout)
    assert "properties" in schema and {"spaces", "uses", "phases"} <= set(schema["properties"])
    assert schema["title"] == "Scénario Îlot"
    assert json.loads(_ilot("scenario", "schema", lang="en").stdout)["title"] == "Îlot scenario"


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,
                                  '{"id": ' + "[" * 40 + "]" * 40 + "}"])
def test_a_nesting_bomb_is_a_clear_error(text):
    """JSON nested past the decoder's stack, or past what any scenario needs: one error that
    says so, never a RecursionError."""
    scenario, errors = check_text(text, "bombe.json")
    assert scenario is None and [e.code for e in errors] == [C.TOO_DEEP]
    assert "32 niveaux" in scenario_error_text(errors[0], FR)
