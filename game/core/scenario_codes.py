"""What can be wrong in a scenario, as stable codes (`ScenarioCode`) with their parameters.

The core says a problem with a code and values, never with words: `ilot.game.text.scenario_errors`
makes the sentence. A few codes are warnings (`WARNING_CODES`): an unusual choice worth a look,
which does not stop the scenario from loading.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ScenarioCode(StrEnum):
    """What is wrong, as a stable code; its parameters are listed with each."""

    # the file itself
    FILE_UNREADABLE = "file_unreadable"  # reason: not_found|is_directory|permission|not_utf8|os_error, detail,
    #                                    line (not_utf8: of the first byte that is not UTF-8)
    JSON_SYNTAX = "json_syntax"  # line, column, problem (JSON_PROBLEMS), detail
    TOO_DEEP = "too_deep"  # limit: lists and objects nested deeper than a scenario ever needs
    # structure (from pydantic); each may also carry `found`, the value found in the file
    MISSING = "missing"
    UNKNOWN_FIELD = "unknown_field"
    NOT_TEXT = "not_text"
    NOT_INTEGER = "not_integer"
    NOT_NUMBER = "not_number"
    NOT_BOOL = "not_bool"
    NOT_LIST = "not_list"
    NOT_OBJECT = "not_object"
    NOT_PAIR = "not_pair"
    GREATER_THAN = "greater_than"  # limit
    AT_LEAST = "at_least"  # limit
    LESS_THAN = "less_than"  # limit
    AT_MOST = "at_most"  # limit
    TOO_FEW_ITEMS = "too_few_items"  # min
    TOO_MANY_ITEMS = "too_many_items"  # max
    TEXT_TOO_SHORT = "text_too_short"  # min
    TEXT_TOO_LONG = "text_too_long"  # max
    NOT_ALLOWED_VALUE = "not_allowed_value"  # expected: [values]
    BAD_COLOUR = "bad_colour"
    BAD_FORMAT = "bad_format"  # pattern
    BAD_TIME = "bad_time"  # a clock time not written HH:MM
    INVALID_VALUE = "invalid_value"  # detail (pydantic's own words, for a case not foreseen)
    # between sections
    DUPLICATE_ID = "duplicate_id"  # value
    UNKNOWN_REF = "unknown_ref"  # kind (REF_KINDS), value, known: [ids]
    MISSING_ROLE = "missing_role"  # role
    NEGATIVE_HOURS = "negative_hours"
    OWN_NEIGHBOUR = "own_neighbour"
    OBJECTIVE_WITHOUT_TARGET = "objective_without_target"  # (now reported as `missing`)
    OBJECTIVE_FIELD_UNUSED = "objective_field_unused"  # field, objective_kind
    OBJECTIVE_UNREACHABLE = "objective_unreachable"  # what (use or rule names), space (its name)
    OBJECTIVE_NO_EXPERIMENT = "objective_no_experiment"  # what (use names)
    NO_PERSONA_FOR_ROLE = "no_persona_for_role"  # role
    MAX_NOT_ABOVE_MIN = "max_not_above_min"
    INITIAL_OUT_OF_RANGE = "initial_out_of_range"  # min, max
    NO_SATISFACTION_INDICATOR = "no_satisfaction_indicator"  # role
    CONFLICT_TARGET = "conflict_target"
    CONFLICT_NEVER_HAPPENS = "conflict_never_happens"
    USE_FITS_NO_SPACE = "use_fits_no_space"  # use (its name)
    TRIGGER_KINDS = "trigger_kinds"
    TRIGGER_THRESHOLD = "trigger_threshold"
    TRIGGER_ORDER = "trigger_order"
    BLOCK_WITHOUT_REASON = "block_without_reason"
    MISSING_CONSENT_OPTION = "missing_consent_option"  # counts_as
    POINT_OUTSIDE_MAP = "point_outside_map"  # x, y, width, height
    # a space's parts (space_check)
    PART_ID_TAKEN = "part_id_taken"  # value (the part's id), space (the parent's id)
    PARENT_GIVEN = "parent_given"  # a scenario does not set `parent`: the game does
    PART_FITS_NO_USE = "part_fits_no_use"  # capacity, area (of one part, m²)
    # the agenda (phases' day, start and minutes)
    PHASE_DAY_ORDER = "phase_day_order"  # day, previous (the day of the phase before)
    PHASE_OVERLAP = "phase_overlap"  # start, previous_end (HH:MM), previous (its title)
    PHASE_PAST_MIDNIGHT = "phase_past_midnight"  # start, end (HH:MM)
    # texts and content
    BLANK_TEXT = "blank_text"  # a text that must say something is empty or only spaces
    DECIMAL_COMMA = "decimal_comma"  # a number written "12,5" (found)
    PHASE_NEEDS_CONTENT = "phase_needs_content"  # kind (the phase's), section (what it needs)
    PHASE_NEEDS_SPEAKER = "phase_needs_speaker"  # an intervention phase without its speaker
    # warnings (WARNING_CODES)
    PHASE_ORDER = "phase_order"  # kind, after: [kinds found later that usually come before],
    #                              before: [kinds found earlier that usually come after]
    PHASE_WITHOUT_PRIOR = "phase_without_prior"  # kind, needs (the kind it builds on)
    PHASE_WITHOUT_RULES = "phase_without_rules"  # kind: a plan phase, but no rules for a charter
    PERSONNAGES_NOT_PLAYED = "personnages_not_played"  # a personnages phase, no persona_choice after


# what an unknown reference was meant to name (`UNKNOWN_REF`'s `kind`)
REF_KINDS = ("space_kind", "building", "constraint", "space", "metier", "indicator", "use",
             "enjeu", "rule")
# what is wrong in a JSON text (`JSON_SYNTAX`'s `problem`), from the decoder's own message
JSON_PROBLEMS = {
    "Expecting ',' delimiter": "comma",
    "Expecting ':' delimiter": "colon",
    "Expecting property name enclosed in double quotes": "property_name",
    "Expecting value": "value",
    "Extra data": "extra_data",
    "Unterminated string starting at": "unterminated_string",
    "Invalid control character at": "control_character",
    "Invalid \\escape": "escape",
    "Invalid \\uXXXX escape": "escape",
}
# a number written with a decimal comma (`"initial": 12,5`), recognised around the error
JSON_DECIMAL_COMMA = "decimal_comma"
JSON_OTHER = "other"
# why a file could not be read (`FILE_UNREADABLE`'s `reason`)
UNREADABLE_REASONS = ("not_found", "is_directory", "permission", "not_utf8", "os_error")


# codes that are warnings: printed (« attention »), but the scenario is valid
WARNING_CODES = frozenset({ScenarioCode.PHASE_ORDER, ScenarioCode.PHASE_WITHOUT_PRIOR,
                           ScenarioCode.PHASE_WITHOUT_RULES, ScenarioCode.PERSONNAGES_NOT_PLAYED})

Problem = tuple[str, ScenarioCode, dict[str, Any]]  # (JSON path, code, params)
