"""Check a scenario file and explain every problem as a trainer would need it.

`check_text(text, filename)` returns (scenario or None, [ScenarioError]). Each error names the
file, a JSON path such as `uses[3].allowed_kinds[0]`, and what is wrong, in plain words.
Errors of structure come from pydantic; errors between sections (a use allowed in an unknown
space kind, a persona of an unknown role…) are found here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .kinds import ConsentTally
from .scenario import ROLE_KINDS, Point, Scenario, Use


@dataclass(frozen=True)
class ScenarioError:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class ScenarioInvalid(Exception):
    def __init__(self, errors: list[ScenarioError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def json_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(racine)"


_PYDANTIC_WORDS = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu (faute de frappe ?)",
    "string_type": "doit être un texte",
    "int_type": "doit être un nombre entier",
    "int_parsing": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier",
    "float_type": "doit être un nombre",
    "float_parsing": "doit être un nombre",
    "bool_type": "doit être true ou false",
    "list_type": "doit être une liste [...]",
    "dict_type": "doit être un objet {...}",
    "model_type": "doit être un objet {...}",
    "tuple_type": "doit être une paire [x, y]",
}


def _pydantic_message(err: ErrorDetails) -> str:
    kind = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    if kind in _PYDANTIC_WORDS:
        msg = _PYDANTIC_WORDS[kind]
    elif kind == "greater_than":
        msg = f"doit être supérieur à {ctx.get('gt')}"
    elif kind == "greater_than_equal":
        msg = f"doit être supérieur ou égal à {ctx.get('ge')}"
    elif kind == "less_than_equal":
        msg = f"doit être inférieur ou égal à {ctx.get('le')}"
    elif kind == "too_short":
        msg = f"trop court : il faut au moins {ctx.get('min_length')} élément(s)"
    elif kind == "too_long":
        msg = f"trop long : au plus {ctx.get('max_length')} élément(s)"
    elif kind in ("literal_error", "enum"):  # a value outside a kind's list
        msg = f"valeur non reconnue ; valeurs possibles : {ctx.get('expected')}"
    elif kind == "string_pattern_mismatch":
        msg = "format invalide (une couleur s'écrit #RRGGBB, par exemple #2e9d5b)"
    elif kind == "string_too_long":
        msg = f"texte trop long : au plus {ctx.get('max_length')} caractères"
    else:
        msg = err.get("msg", kind)
    if "input" in err and kind not in ("missing",) and not isinstance(err["input"], (dict, list)):
        msg += f" (valeur trouvée : {err['input']!r})"
    return msg


def _loc(err: ErrorDetails) -> tuple[int | str, ...]:
    # pydantic adds the tagged-union / function names to loc; keep only real keys and indices
    return tuple(p for p in err["loc"] if isinstance(p, int) or not str(p).startswith("function-"))


def check_data(data: Any, filename: str = "<scénario>") -> tuple[Scenario | None, list[ScenarioError]]:
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = [
            ScenarioError(filename, json_path(_loc(e)), _pydantic_message(e))
            for e in exc.errors(include_url=False)
        ]
        return None, errors
    errors = [ScenarioError(filename, p, m) for p, m in cross_reference_errors(scenario)]
    return (None if errors else scenario), errors


def check_text(text: str, filename: str = "<scénario>") -> tuple[Scenario | None, list[ScenarioError]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [
            ScenarioError(filename, f"ligne {exc.lineno}, colonne {exc.colno}",
                          f"JSON invalide : {exc.msg}")
        ]
    return check_data(data, filename)


def check_file(path: str | Path) -> tuple[Scenario | None, list[ScenarioError]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [ScenarioError(str(path), "", f"fichier illisible : {exc}")]
    return check_text(text, str(path))


def load_scenario(path: str | Path) -> Scenario:
    scenario, errors = check_file(path)
    if scenario is None:
        raise ScenarioInvalid(errors)
    return scenario


def cross_reference_errors(s: Scenario) -> list[tuple[str, str]]:
    """Problems between sections, as (json path, message)."""
    errs: list[tuple[str, str]] = []

    def unique(section: str, items: Sequence[BaseModel], key: str = "id") -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                errs.append((f"{section}[{i}].{key}", f"identifiant « {value} » en double"))
            seen.add(value)
        return seen

    kinds = unique("space_kinds", s.space_kinds)
    constraints = unique("constraints", s.constraints)
    buildings = unique("buildings", s.buildings)
    spaces = unique("spaces", s.spaces)
    personas = unique("personas", s.personas)
    metiers = unique("metiers", s.metiers)
    indicators = unique("indicators", s.indicators)
    uses = unique("uses", s.uses)
    enjeux = unique("enjeux", s.enjeux)
    unique("inspiring_projects", s.inspiring_projects)
    unique("cafe_themes", s.cafe_themes)
    unique("rules", s.rules)
    unique("events", s.events)
    unique("consent.options", s.consent.options)
    unique("phases", s.phases)
    unique("evaluation", s.evaluation)
    roles = unique("roles", s.roles, "kind")

    def ref(path: str, value: str | None, known: set[str], what: str) -> None:
        if value is not None and value not in known:
            hint = ", ".join(sorted(known)[:12])
            errs.append((path, f"{what} inconnu(e) « {value} » (connus : {hint})"))

    def effects(path: str, mapping: dict[str, float]) -> None:
        for ind in mapping:
            ref(f"{path}.{ind}", ind, indicators, "indicateur")

    def hours(path: str, mapping: dict[str, float]) -> None:
        for m, h in mapping.items():
            ref(f"{path}.{m}", m, metiers, "métier")
            if h < 0:
                errs.append((f"{path}.{m}", "un nombre d'heures ne peut pas être négatif"))

    for kind in ROLE_KINDS:
        if kind not in roles:
            errs.append(("roles", f"le rôle « {kind} » manque (il faut resident, caretaker et manager)"))

    for i, b in enumerate(s.buildings):
        _polygon_in_map(errs, f"buildings[{i}].polygon", b.polygon, s)
    for i, sp in enumerate(s.spaces):
        p = f"spaces[{i}]"
        ref(f"{p}.kind", sp.kind, kinds, "type d'espace")
        ref(f"{p}.building", sp.building, buildings, "bâtiment")
        for j, c in enumerate(sp.constraints):
            ref(f"{p}.constraints[{j}]", c, constraints, "contrainte")
        for j, n in enumerate(sp.neighbours):
            ref(f"{p}.neighbours[{j}]", n, spaces, "espace voisin")
            if n == sp.id:
                errs.append((f"{p}.neighbours[{j}]", "un espace ne peut pas être son propre voisin"))
        _polygon_in_map(errs, f"{p}.polygon", sp.polygon, s)

    for i, pe in enumerate(s.personas):
        p = f"personas[{i}]"
        ref(f"{p}.metier", pe.metier, metiers, "métier")
        effects(f"{p}.interests", pe.interests)
        for j, o in enumerate(pe.private_objectives):
            ref(f"{p}.private_objectives[{j}].indicator", o.indicator, indicators, "indicateur")
            if o.indicator is not None and o.target is None:
                errs.append((f"{p}.private_objectives[{j}].target",
                             "un objectif lié à un indicateur doit donner une cible (target)"))
    for kind in ROLE_KINDS:
        if not any(pe.role == kind for pe in s.personas):
            errs.append(("personas", f"aucun personnage n'a le rôle « {kind} »"))

    for i, ind in enumerate(s.indicators):
        p = f"indicators[{i}]"
        if ind.min >= ind.max:
            errs.append((f"{p}.max", "max doit être supérieur à min"))
        elif not ind.min <= ind.initial <= ind.max:
            errs.append((f"{p}.initial", f"la valeur initiale doit être entre {ind.min} et {ind.max}"))
    for kind in ROLE_KINDS:
        if not any(ind.satisfaction_of == kind for ind in s.indicators):
            errs.append(("indicators",
                         f"il manque un indicateur de satisfaction du rôle « {kind} » (satisfaction_of)"))

    for i, u in enumerate(s.uses):
        p = f"uses[{i}]"
        for j, k in enumerate(u.allowed_kinds):
            ref(f"{p}.allowed_kinds[{j}]", k, kinds, "type d'espace")
        hours(f"{p}.maintenance_hours", u.maintenance_hours)
        effects(f"{p}.effects", u.effects)
        for j, conflict in enumerate(u.conflicts):
            cp = f"{p}.conflicts[{j}]"
            if (conflict.with_use is None) == (conflict.with_constraint is None):
                errs.append((cp, "un conflit indique soit with_use, soit with_constraint (un seul)"))
            ref(f"{cp}.with_use", conflict.with_use, uses, "usage")
            if conflict.with_use in uses and not _conflict_reachable(s, u, conflict.with_use):
                errs.append((f"{cp}.with_use", "ce conflit ne peut jamais se produire : aucun espace "
                             "où va cet usage n'a de voisin où irait l'autre"))
            ref(f"{cp}.with_constraint", conflict.with_constraint, constraints, "contrainte")
            effects(f"{cp}.effects", conflict.effects)
        if u.experiment:
            for j, criterion in enumerate(u.experiment.criteria):
                ref(f"{p}.experiment.criteria[{j}].indicator", criterion.indicator, indicators,
                    "indicateur")
        if not any(s.use_fits(u, sp) for sp in s.spaces):
            errs.append((p, f"l'usage « {u.name} » ne peut aller dans aucun espace (types ou surface)"))

    for i, pr in enumerate(s.inspiring_projects):
        for j, e in enumerate(pr.enjeux):
            ref(f"inspiring_projects[{i}].enjeux[{j}]", e, enjeux, "enjeu")
    for i, r in enumerate(s.rules):
        p = f"rules[{i}]"
        for j, k in enumerate(r.applies_to):
            ref(f"{p}.applies_to[{j}]", k, kinds, "type d'espace")
        hours(f"{p}.maintenance_hours", r.maintenance_hours)
        effects(f"{p}.effects", r.effects)
    for i, ev in enumerate(s.events):
        p = f"events[{i}]"
        t = ev.trigger
        ways = sum(x is not None for x in (t.quarter, t.chance, t.indicator))
        if ways != 1:
            errs.append((f"{p}.trigger", "un déclencheur donne exactement un de : quarter, chance, indicator"))
        if t.indicator is not None:
            ref(f"{p}.trigger.indicator", t.indicator, indicators, "indicateur")
            if (t.below is None) == (t.above is None):
                errs.append((f"{p}.trigger", "avec indicator, donner below ou above (un seul)"))
        if t.from_quarter > t.to_quarter:
            errs.append((f"{p}.trigger.to_quarter", "to_quarter doit suivre from_quarter"))
        ref(f"{p}.trigger.unless_use", t.unless_use, uses, "usage")
        effects(f"{p}.effects", ev.effects)
    for section in ("overload_effects", "charges_effects", "condition_effects"):
        effects(f"simulation.{section}", getattr(s.simulation, section))
    for i, option in enumerate(s.consent.options):
        if option.counts_as == ConsentTally.BLOCK and not option.reason_required:
            errs.append((f"consent.options[{i}].reason_required",
                         "un blocage doit toujours être motivé : mettre reason_required à true"))
    counts = {option.counts_as for option in s.consent.options}
    for needed in (ConsentTally.AGREE, ConsentTally.BLOCK):
        if needed not in counts:
            errs.append(("consent.options", f"il faut une option qui compte comme « {needed} »"))
    return errs


def _conflict_reachable(s: Scenario, use: Use, other_id: str) -> bool:
    other = s.use(other_id)
    spaces = s.index("space")
    return any(s.use_fits(use, sp) and any(n in spaces and s.use_fits(other, spaces[n])
                                           for n in sp.neighbours)
               for sp in s.spaces)


def _polygon_in_map(errs: list[tuple[str, str]], path: str, polygon: list[Point],
                    s: Scenario) -> None:
    for j, (x, y) in enumerate(polygon):
        if not (0 <= x <= s.map.width and 0 <= y <= s.map.height):
            errs.append((f"{path}[{j}]", f"point ({x}, {y}) hors de la carte "
                                         f"({s.map.width} × {s.map.height})"))
            return
