"""A scenario problem (`ScenarioError`: a code and its values) as a trainer reads it, in a `Lang`.

The core finds the problems (`ilot.game.core.scenario_check`) and says them with codes; this is
where they become sentences, from `scenario.*` in scenario.po: `ilot scenario check`, the
server's answer to a bad `create_room` and the client's « Créer une salle » screen use it.

    scenario_error_line(error, lang)  →  "mon.json: uses[3].allowed_kinds[0]: type d'espace inconnu « piscine » (…)"
    scenario_error_text(error, lang)  →  the problem alone: "type d'espace inconnu « piscine » (…)"

A warning (`error.warning`: an unusual phase order…) reads « attention : … »; the scenario
still loads. An unknown reference lists the closest ids (« vouliez-vous dire … ? ») and the known
ones, cut with « … » when they are many unless `full` (`ilot scenario check --full`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import N_

if TYPE_CHECKING:
    from ..core.scenario_check import ScenarioError
    from .lang import Lang

# code → message key (a table, so that the key checks of tests/text see every key)
MESSAGES = {
    "file_unreadable": N_("scenario.file_unreadable"),
    "json_syntax": N_("scenario.json_syntax"),
    "too_deep": N_("scenario.too_deep"),
    "missing": N_("scenario.missing"),
    "unknown_field": N_("scenario.unknown_field"),
    "not_text": N_("scenario.not_text"),
    "not_integer": N_("scenario.not_integer"),
    "not_number": N_("scenario.not_number"),
    "not_bool": N_("scenario.not_bool"),
    "not_list": N_("scenario.not_list"),
    "not_object": N_("scenario.not_object"),
    "not_pair": N_("scenario.not_pair"),
    "greater_than": N_("scenario.greater_than"),
    "at_least": N_("scenario.at_least"),
    "less_than": N_("scenario.less_than"),
    "at_most": N_("scenario.at_most"),
    "too_few_items": N_("scenario.too_few_items"),  # plural, on `min`
    "too_many_items": N_("scenario.too_many_items"),  # plural, on `max`
    "text_too_short": N_("scenario.text_too_short"),  # plural, on `min`
    "text_too_long": N_("scenario.text_too_long"),  # plural, on `max`
    "not_allowed_value": N_("scenario.not_allowed_value"),
    "bad_colour": N_("scenario.bad_colour"),
    "bad_format": N_("scenario.bad_format"),
    "bad_time": N_("scenario.bad_time"),
    "invalid_value": N_("scenario.invalid_value"),
    "duplicate_id": N_("scenario.duplicate_id"),
    "unknown_ref": "",  # one message per kind: REFS
    "missing_role": N_("scenario.missing_role"),
    "negative_hours": N_("scenario.negative_hours"),
    "own_neighbour": N_("scenario.own_neighbour"),
    "objective_without_target": N_("scenario.objective_without_target"),
    "objective_field_unused": N_("scenario.objective_field_unused"),
    "objective_unreachable": N_("scenario.objective_unreachable"),
    "objective_no_experiment": N_("scenario.objective_no_experiment"),
    "no_persona_for_role": N_("scenario.no_persona_for_role"),
    "max_not_above_min": N_("scenario.max_not_above_min"),
    "initial_out_of_range": N_("scenario.initial_out_of_range"),
    "no_satisfaction_indicator": N_("scenario.no_satisfaction_indicator"),
    "conflict_target": N_("scenario.conflict_target"),
    "conflict_never_happens": N_("scenario.conflict_never_happens"),
    "use_fits_no_space": N_("scenario.use_fits_no_space"),
    "trigger_kinds": N_("scenario.trigger_kinds"),
    "trigger_threshold": N_("scenario.trigger_threshold"),
    "trigger_order": N_("scenario.trigger_order"),
    "block_without_reason": N_("scenario.block_without_reason"),
    "missing_consent_option": N_("scenario.missing_consent_option"),
    "point_outside_map": N_("scenario.point_outside_map"),
    "part_id_taken": N_("scenario.part_id_taken"),  # these three in spaces.po
    "parent_given": N_("scenario.parent_given"),
    "part_fits_no_use": N_("scenario.part_fits_no_use"),
    "phase_day_order": N_("scenario.phase_day_order"),
    "phase_overlap": N_("scenario.phase_overlap"),
    "phase_past_midnight": N_("scenario.phase_past_midnight"),
    "blank_text": N_("check.blank_text"),
    "decimal_comma": N_("check.decimal_comma"),
    "phase_needs_speaker": N_("check.phase_needs_speaker"),
    "phase_needs_content": "",  # one message per section: NEEDS
    "phase_order": "",  # made by _phase_order
    "phase_without_prior": N_("check.phase_without_prior"),
    "phase_without_rules": N_("check.phase_without_rules"),
    "personnages_not_played": N_("check.personnages_not_played"),
}
NEEDS = {
    "cafe_themes": N_("check.needs.cafe_themes"),
    "inspiring_projects": N_("check.needs.inspiring_projects"),
}
ORDER = {"after": N_("check.phase_order.after"), "before": N_("check.phase_order.before")}
KNOWN_SHOWN = 10  # known ids an unknown reference lists when they are many (all with `full`)
KNOWN_ALL = 15  # up to this many, all are listed
PHASES_SHOWN = 3  # phases an order warning names before « et N autres »
PLURAL = {"too_few_items": "min", "too_many_items": "max", "text_too_short": "min",
          "text_too_long": "max"}
REFS = {
    "space_kind": N_("scenario.unknown_ref.space_kind"),
    "building": N_("scenario.unknown_ref.building"),
    "constraint": N_("scenario.unknown_ref.constraint"),
    "space": N_("scenario.unknown_ref.space"),
    "metier": N_("scenario.unknown_ref.metier"),
    "indicator": N_("scenario.unknown_ref.indicator"),
    "use": N_("scenario.unknown_ref.use"),
    "enjeu": N_("scenario.unknown_ref.enjeu"),
    "rule": N_("scenario.unknown_ref.rule"),
}
JSON_PROBLEMS = {
    "comma": N_("scenario.json.comma"),
    "colon": N_("scenario.json.colon"),
    "property_name": N_("scenario.json.property_name"),
    "value": N_("scenario.json.value"),
    "extra_data": N_("scenario.json.extra_data"),
    "unterminated_string": N_("scenario.json.unterminated_string"),
    "control_character": N_("scenario.json.control_character"),
    "escape": N_("scenario.json.escape"),
    "decimal_comma": N_("check.json.decimal_comma"),
    "other": N_("scenario.json.other"),
}
UNREADABLE = {
    "not_found": N_("scenario.unreadable.not_found"),
    "is_directory": N_("scenario.unreadable.is_directory"),
    "permission": N_("scenario.unreadable.permission"),
    "not_utf8": N_("check.unreadable.not_utf8"),
    "os_error": N_("scenario.unreadable.os_error"),
}
_NUMBERS = ("limit", "min", "max", "x", "y", "width", "height", "capacity", "area")
FOUND_MAX = 60  # characters of a value found in the file that a message repeats


def phase_name(kind: str, lang: Lang) -> str:
    """« Délibération » (deliberation): the phase as the game names it and as the file writes it."""
    key = f"term.phase.{kind}"
    return lang.t("check.phase_name", name=lang.t(key), kind=kind) if lang.has(key) \
        else lang.t("check.quoted", value=kind)


def known_ids(known: Sequence[str], lang: Lang, full: bool = False) -> str:
    """The ids an unknown reference could have named: all of them when `full` or when there are
    at most KNOWN_ALL, else the first KNOWN_SHOWN, « … » and how many more (`ilot scenario
    check --full` lists them all). Never cut without « … »."""
    if full or len(known) <= KNOWN_ALL:
        return ", ".join(known)
    return lang.n("check.known_cut", len(known) - KNOWN_SHOWN, names=", ".join(known[:KNOWN_SHOWN]))


def _unknown_ref(p: Mapping[str, Any], lang: Lang, full: bool) -> str:
    known = list(p.get("known", ()))
    text = lang.t(REFS[p["kind"]], value=p["value"], known=known_ids(known, lang, full))
    close = [lang.t("check.quoted", value=c) for c in p.get("close", ())]
    if close:
        text += lang.t("check.did_you_mean", names=lang.join(close, "or"))
    return text


def _phase_order(p: Mapping[str, Any], lang: Lang) -> str:
    side = "after" if p.get("after") else "before"
    names = [phase_name(k, lang) for k in p.get(side, ())]
    count = len(names)
    if count > PHASES_SHOWN:
        names = names[:PHASES_SHOWN] + [lang.n("check.more_phases", count - PHASES_SHOWN)]
    return lang.n(ORDER[side], count, phase=phase_name(str(p.get("kind", "")), lang),
                  others=lang.join(names))


def scenario_error_text(error: ScenarioError, lang: Lang, full: bool = False) -> str:
    """What is wrong, in plain words, without where; `full`: list every known id of an unknown
    reference (see `known_ids`)."""
    p = error.params
    code = str(error.code)
    values: dict[str, Any] = dict(p)
    for k in _NUMBERS:  # numbers as the language writes them: 1 234,5 / 1,234.5
        if isinstance(p.get(k), (int, float)) and not isinstance(p.get(k), bool):
            values[k] = lang.num(p[k], 2)
    if code == "unknown_ref":
        text = _unknown_ref(p, lang, full)
    elif code == "phase_order":
        text = _phase_order(p, lang)
    elif code == "phase_needs_content":
        text = lang.t(NEEDS[p["section"]], phase=phase_name(str(p.get("kind", "")), lang))
    elif code == "phase_without_rules":
        text = lang.t(MESSAGES[code], phase=phase_name(str(p.get("kind", "")), lang))
    elif code == "phase_without_prior":
        text = lang.t(MESSAGES[code], phase=phase_name(str(p.get("kind", "")), lang),
                      needs=phase_name(str(p.get("needs", "")), lang))
    elif code == "json_syntax":
        problem = lang.t(JSON_PROBLEMS.get(p.get("problem", "other"), JSON_PROBLEMS["other"]),
                         detail=p.get("detail", ""))
        text = lang.t(MESSAGES[code], problem=problem)
    elif code == "file_unreadable":
        reason = lang.t(UNREADABLE.get(p.get("reason", "os_error"), UNREADABLE["os_error"]),
                        detail=p.get("detail", ""), line=p.get("line", 1))
        text = lang.t(MESSAGES[code], reason=reason)
    elif code == "decimal_comma":
        text = lang.t(MESSAGES[code], number=str(p.get("found", "")).strip().replace(",", "."))
    elif code in PLURAL:
        text = lang.n(MESSAGES[code], int(p.get(PLURAL[code]) or 0))
    elif code == "not_allowed_value":
        text = lang.t(MESSAGES[code], expected=lang.join(p.get("expected", ()), "or"))
    else:
        text = lang.t(MESSAGES[code], **values)
    if "found" in p:  # the value as the file writes it, shortened if long
        found = json.dumps(p["found"], ensure_ascii=False)
        found = found if len(found) <= FOUND_MAX else found[:FOUND_MAX - 1] + "…"
        text += " " + lang.t("scenario.found", value=found)
    return text


def scenario_error_where(error: ScenarioError, lang: Lang) -> str:
    """Where the problem is: the file and its JSON path (or line and column, for a JSON text
    that cannot be read); "" when neither is known."""
    parts = [error.file] if error.file else []
    if str(error.code) == "json_syntax":
        parts.append(lang.t("scenario.where.line", line=error.params.get("line", 0),
                            column=error.params.get("column", 0)))
    elif error.path:
        parts.append(error.path)
    elif str(error.code) != "file_unreadable":
        parts.append(lang.t("scenario.where.root"))
    return lang.t("scenario.where.join", file=parts[0], path=parts[1]) if len(parts) == 2 \
        else "".join(parts)


def scenario_error_line(error: ScenarioError, lang: Lang, full: bool = False) -> str:
    """One line: where, then what is wrong (`mon.json: uses[3].allowed_kinds[0]: …`); a warning
    says so first (`attention : …`)."""
    where = scenario_error_where(error, lang)
    text = scenario_error_text(error, lang, full)
    if error.warning:
        text = lang.t("check.warning", problem=text)
    return lang.t("scenario.line", where=where, problem=text) if where else text
