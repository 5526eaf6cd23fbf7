"""Scenario checks: each kind of mistake a trainer can make is reported at the right JSON path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import RICH_FILE, ROOT, SHORT_FILE

from ilot.game.core.scenario_check import ScenarioInvalid, check_file, check_text, load_scenario


@pytest.fixture(scope="module")
def base() -> dict:
    return json.loads(RICH_FILE.read_text(encoding="utf-8"))


def errors_of(data: dict, tmp_path=None) -> list:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    scenario, errors = check_text(text, "mon_scenario.json")
    assert scenario is None and errors
    return errors


def paths(errors) -> dict[str, str]:
    return {e.path: e.message for e in errors}


def _del(d, key):
    del d[key]


def _set(d, key, value):
    d[key] = value


def _idx(data, section, item_id):
    return next(i for i, x in enumerate(data[section]) if x.get("id") == item_id)


CASES = [
    # (name, mutate(data), expected path, words in the message)
    ("missing field", lambda d: _del(d["spaces"][0], "area_m2"), "spaces[0].area_m2",
     "manquant"),
    ("unknown field", lambda d: _set(d["uses"][2], "coulour", "#ffffff"), "uses[2].coulour",
     "champ inconnu"),
    ("wrong type", lambda d: _set(d["spaces"][1], "area_m2", "grand"), "spaces[1].area_m2",
     "nombre"),
    ("wrong type of list", lambda d: _set(d["uses"][0], "allowed_kinds", "jardin"),
     "uses[0].allowed_kinds", "liste"),
    ("bad colour", lambda d: _set(d["uses"][0], "colour", "vert"), "uses[0].colour", "#RRGGBB"),
    ("unknown space kind in a use", lambda d: _set(d["uses"][0]["allowed_kinds"], 0, "piscine"),
     "uses[0].allowed_kinds[0]", "piscine"),
    ("persona of an unknown role", lambda d: _set(d["personas"][0], "role", "locataire"),
     "personas[0].role", "resident"),
    ("effect on an unknown indicator", lambda d: _set(d["uses"][1]["effects"], "bonheur", 3),
     "uses[1].effects.bonheur", "indicateur"),
    ("interest on an unknown indicator", lambda d: _set(d["personas"][2]["interests"], "joie", 1),
     "personas[2].interests.joie", "indicateur"),
    ("unknown métier in maintenance hours",
     lambda d: _set(d["uses"][1]["maintenance_hours"], "jardinier", 1.0),
     "uses[1].maintenance_hours.jardinier", "métier"),
    ("negative hours", lambda d: _set(d["rules"][0]["maintenance_hours"], "gardien", -1.0),
     "rules[0].maintenance_hours.gardien", "négatif"),
    ("duplicate id", lambda d: _set(d["spaces"][3], "id", d["spaces"][2]["id"]), "spaces[3].id",
     "double"),
    ("polygon outside the map", lambda d: _set(d["spaces"][0]["polygon"], 1, [99999, 5]),
     "spaces[0].polygon[1]", "hors de la carte"),
    ("building outside the map", lambda d: _set(d["buildings"][0]["polygon"], 0, [-1, 5]),
     "buildings[0].polygon[0]", "hors de la carte"),
    ("trigger with two kinds", lambda d: _set(d["events"][0]["trigger"], "quarter", 3),
     "events[0].trigger", "exactement un"),
    ("trigger with no kind",
     lambda d: _set(d["events"][0], "trigger", {"from_quarter": 2}), "events[0].trigger",
     "exactement un"),
    ("use that fits no space", lambda d: _set(d["uses"][0], "min_area_m2", 1e7), "uses[0]",
     "aucun espace"),
    ("unknown neighbour", lambda d: _set(d["spaces"][0], "neighbours", ["lune"]),
     "spaces[0].neighbours[0]", "lune"),
    ("own neighbour", lambda d: _set(d["spaces"][0], "neighbours", [d["spaces"][0]["id"]]),
     "spaces[0].neighbours[0]", "propre voisin"),
    ("unknown constraint", lambda d: _set(d["spaces"][0], "constraints", ["volcan"]),
     "spaces[0].constraints[0]", "contrainte"),
    ("unknown enjeu on a project", lambda d: _set(d["inspiring_projects"][0], "enjeux", ["x"]),
     "inspiring_projects[0].enjeux[0]", "enjeu"),
    ("rule on an unknown space kind", lambda d: _set(d["rules"][0], "applies_to", ["piscine"]),
     "rules[0].applies_to[0]", "type d'espace"),
    ("objective without target",
     lambda d: _set(d["personas"][0], "private_objectives", [{"text": "t", "indicator": "cohesion"}]),
     "personas[0].private_objectives[0].target", "cible"),
    ("initial out of range", lambda d: _set(d["indicators"][0], "initial", 150),
     "indicators[0].initial", "entre"),
    ("phase of an unknown kind", lambda d: _set(d["phases"][0], "kind", "pause_cafe"),
     "phases[0].kind", "valeurs possibles"),
    ("too few roles", lambda d: _set(d, "roles", d["roles"][:2]), "roles", "au moins"),
    ("unknown top-level field", lambda d: _set(d, "auteur", "Moi"), "auteur", "champ inconnu"),
    ("consent without block",
     lambda d: _set(d, "consent", {"options": [
         {"id": "oui", "label": "Oui", "meaning": "m", "colour": "#00ff00", "counts_as": "agree"},
         {"id": "non", "label": "Non", "meaning": "m", "colour": "#ff0000",
          "counts_as": "disagree"}]}),
     "consent.options", "block"),
    ("block without a reason",
     lambda d: _set(d, "consent", {"options": [
         {"id": "oui", "label": "Oui", "meaning": "m", "colour": "#00ff00", "counts_as": "agree"},
         {"id": "non", "label": "Non", "meaning": "m", "colour": "#ff0000",
          "counts_as": "block"}]}),
     "consent.options[1].reason_required", "motivé"),
    ("neighbour conflict that can never happen",
     lambda d: _set(d["uses"][_idx(d, "uses", "coworking")]["conflicts"][0], "with_use",
                    "potager_toit"),
     f"uses[{_idx(json.loads(RICH_FILE.read_text(encoding='utf-8')), 'uses', 'coworking')}]"
     ".conflicts[0].with_use", "jamais"),
]


@pytest.mark.parametrize("name,mutate,path,words", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_at_its_path(base, name, mutate, path, words):
    data = json.loads(json.dumps(base))
    mutate(data)
    found = paths(errors_of(data))
    assert path in found, f"{name}: {found}"
    assert words.lower() in found[path].lower(), found[path]


def test_missing_satisfaction_indicator_of_a_role(base):
    data = json.loads(json.dumps(base))
    i = next(i for i, ind in enumerate(data["indicators"]) if ind.get("satisfaction_of") == "caretaker")
    data["indicators"][i]["satisfaction_of"] = None
    found = paths(errors_of(data))
    assert "caretaker" in found["indicators"] and "satisfaction" in found["indicators"]


def test_missing_persona_of_a_role(base):
    data = json.loads(json.dumps(base))
    data["personas"] = [p for p in data["personas"] if p["role"] != "manager"]
    assert "manager" in paths(errors_of(data))["personas"]


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
    assert errors[0].path.startswith(f"ligne {n + 2}, colonne ")  # the next line has the error
    assert "JSON invalide" in errors[0].message
    assert str(errors[0]).startswith("cassé.json: ligne ")


def test_errors_name_the_file(base, tmp_path):
    data = json.loads(json.dumps(base))
    data["uses"][1]["effects"]["bonheur"] = 3
    f = tmp_path / "atelier.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    scenario, errors = check_file(f)
    assert scenario is None
    assert str(errors[0]) == f"{f}: uses[1].effects.bonheur: {errors[0].message}"
    with pytest.raises(ScenarioInvalid) as exc:
        load_scenario(f)
    assert "uses[1].effects.bonheur" in str(exc.value)
    _, missing = check_file(tmp_path / "absent.json")
    assert "illisible" in missing[0].message
    (tmp_path / "latin1.json").write_bytes("{\"title\": \"é\"}".encode("latin-1"))
    _, bad = check_file(tmp_path / "latin1.json")
    assert "illisible" in bad[0].message


def test_shipped_scenarios_are_valid_and_big_enough():
    rich, short = load_scenario(RICH_FILE), load_scenario(SHORT_FILE)
    assert len(rich.buildings) >= 3 and len(rich.spaces) >= 10
    assert len(rich.personas) >= 9 and {p.role for p in rich.personas} == {
        "resident", "caretaker", "manager"}
    assert len(rich.uses) >= 15 and len(rich.inspiring_projects) >= 6 and len(rich.enjeux) >= 10
    assert len(rich.rules) >= 8 and len(rich.events) >= 6 and len(rich.phases) == 12
    assert len(short.buildings) == 1 and len(short.spaces) == 5 and len(short.phases) == 6


# ----- the command line, as a trainer runs it -----

def _ilot(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "ilot.game.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


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
    assert lines[0].startswith(f"{bad}: uses[0].allowed_kinds[0]: ") and "« piscine »" in lines[0]
    assert f"{bad}: uses[3].effects.bonheur: " in lines[1]
    assert lines[2].startswith(f"{broken}: ligne 3, colonne 3: JSON invalide")


def test_cli_schema_prints_json_schema():
    res = _ilot("scenario", "schema")
    assert res.returncode == 0
    schema = json.loads(res.stdout)
    assert "properties" in schema and {"spaces", "uses", "phases"} <= set(schema["properties"])
    assert schema["title"] == "Scénario Îlot"
