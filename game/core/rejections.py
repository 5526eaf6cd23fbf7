"""Rejections: a refused action, with a stable code (part of the protocol, see PROTOCOL.md).

The core says *why* with a code and never with words: the person who tried reads the message
of `rejection.<code>` in their language (game/text, common.po).
"""

from __future__ import annotations

from enum import StrEnum


class RejectionCode(StrEnum):
    INVALID_ACTION = "invalid_action"
    UNKNOWN_ACTION = "unknown_action"
    UNKNOWN_ACTOR = "unknown_actor"
    ALREADY_JOINED = "already_joined"
    FORBIDDEN_ROLE = "forbidden_role"
    TRAINER_ONLY = "trainer_only"
    SPECTATOR = "spectator"
    NO_PERSONA = "no_persona"
    WRONG_PHASE = "wrong_phase"
    LOCKED = "locked"
    UNKNOWN_PERSONA = "unknown_persona"
    PERSONA_FULL = "persona_full"
    PERSONA_LOCKED = "persona_locked"
    UNKNOWN_PROJECT = "unknown_project"
    UNKNOWN_SPACE = "unknown_space"
    UNKNOWN_ENJEU = "unknown_enjeu"
    UNKNOWN_NOTE = "unknown_note"
    NOT_AUTHOR = "not_author"
    UNKNOWN_USE = "unknown_use"
    UNKNOWN_PAYER = "unknown_payer"
    USE_NOT_ALLOWED = "use_not_allowed"
    UNKNOWN_METIER = "unknown_metier"
    UNKNOWN_RESOURCE = "unknown_resource"
    UNKNOWN_TABLE = "unknown_table"
    NOT_YOUR_TABLE = "not_your_table"
    NO_TABLES = "no_tables"
    NO_GROUP = "no_group"
    UNKNOWN_GROUP = "unknown_group"
    UNKNOWN_PARTICIPANT = "unknown_participant"
    BAD_GROUPS = "bad_groups"
    UNKNOWN_PROPOSAL = "unknown_proposal"
    PROPOSAL_CLOSED = "proposal_closed"
    EMPTY_PROPOSAL = "empty_proposal"
    ROUND_RUNNING = "round_running"
    UNKNOWN_AMENDMENT = "unknown_amendment"
    AMENDMENT_DECIDED = "amendment_decided"
    UNKNOWN_ROUND = "unknown_round"
    ROUND_CLOSED = "round_closed"
    UNKNOWN_OPTION = "unknown_option"
    REASON_REQUIRED = "reason_required"
    BAD_SUBJECT = "bad_subject"
    NOT_ADOPTED = "not_adopted"
    NOT_PLACED = "not_placed"
    UNKNOWN_ITEM = "unknown_item"
    UNKNOWN_LEAD = "unknown_lead"
    NOT_EXPERIMENTABLE = "not_experimentable"
    HOURS_NEED_METIER = "hours_need_metier"
    ALREADY_ADOPTED = "already_adopted"
    RULE_DUPLICATE = "rule_duplicate"
    UNKNOWN_RULE = "unknown_rule"
    RULE_NOT_ALLOWED = "rule_not_allowed"
    UNKNOWN_ENTRY = "unknown_entry"
    CHARTER_EMPTY = "charter_empty"
    PLAN_EMPTY = "plan_empty"
    UNKNOWN_QUESTION = "unknown_question"
    BAD_PHASE = "bad_phase"
    SESSION_FULL = "session_full"
    RATE_LIMITED = "rate_limited"
    # the floor queue (demandes de parole)
    ALREADY_ASKED = "already_asked"
    ALREADY_SPEAKING = "already_speaking"
    NOT_IN_QUEUE = "not_in_queue"
    FLOOR_EMPTY = "floor_empty"
    NO_SPEAKER = "no_speaker"
    NOT_SPEAKER = "not_speaker"
    # the questions to an outside speaker (intervention)
    NO_SUCH_QUESTION = "no_such_question"
    OWN_QUESTION = "own_question"
    TOO_MANY_QUESTIONS = "too_many_questions"
    QUESTIONS_FULL = "questions_full"
    ALREADY_ANSWERED = "already_answered"
    # the end of the session
    SESSION_CLOSED = "session_closed"
    NOT_CLOSED = "not_closed"
    # the playback of the simulation
    NO_SIMULATION_HERE = "no_simulation_here"
    SEEK_NEEDS_QUARTER = "seek_needs_quarter"
    # the baromètre
    UNKNOWN_STATEMENT = "unknown_statement"
    # the « qui suis-je » cards
    NO_WHOAMI = "no_whoami"
    # participants' own experience cards (projets inspirants)
    NO_SUCH_EXPERIENCE = "no_such_experience"
    OWN_EXPERIENCE = "own_experience"
    TOO_MANY_EXPERIENCES = "too_many_experiences"
    EXPERIENCES_FULL = "experiences_full"
    # the spaces' cards (« ce que l'îlot en dit »)
    NO_SUCH_CARD_LINE = "no_such_card_line"
    SPACE_CARD_FULL = "space_card_full"
    SPACE_CARDS_FULL = "space_cards_full"
    # the trainer removes what is out of place
    NO_SUCH_COMMENT = "no_such_comment"
    # the characters participants create (personnages)
    UNKNOWN_CHARACTER = "unknown_character"
    CHARACTER_MERGED = "character_merged"
    CHARACTER_APPROVED = "character_approved"
    CHARACTER_PLAYED = "character_played"
    TOO_MANY_CHARACTERS = "too_many_characters"
    CHARACTERS_FULL = "characters_full"
    TOO_MANY_AUTHORS = "too_many_authors"
    COMMENT_REQUIRED = "comment_required"
    ALREADY_REVIEWED = "already_reviewed"
    BAD_MERGE = "bad_merge"
    OBJECTIVE_INVALID = "objective_invalid"
    OBJECTIVE_UNKNOWN = "objective_unknown"
    OBJECTIVE_UNREACHABLE = "objective_unreachable"
    PERSONA_NOT_OFFERED = "persona_not_offered"


class Rejection(Exception):
    """A refused action. `code` is stable; `detail` says which part (ids, a field), not why."""

    def __init__(self, code: RejectionCode | str, detail: str = ""):
        try:
            self.code = RejectionCode(code)
        except ValueError:
            raise ValueError(f"unknown rejection code {code!r}") from None
        self.detail = detail
        super().__init__(f"{self.code}" + (f" ({detail})" if detail else ""))

    @property
    def message_key(self) -> str:
        """The key of this rejection's message in the text catalogues."""
        return f"rejection.{self.code}"
