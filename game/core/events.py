"""Events: versioned facts with a sequence number, a time and an author.

An `Event` is an envelope (`seq`, `t`, `by`, `aid`, `v`) around a typed payload: one frozen
dataclass per event type (`NoteAdded`, `RoundClosed`…), whose fields, in order, are the keys of
the event's `data` on the wire and on disk. `event.type` is the payload's `TYPE`, `event.data`
a fresh dict of the payload in that wire form (kinds as plain strings, a subject as
`proposal:P12`), exactly as events were written before payloads were typed.

An event is never edited once written. When the shape of an event's data changes, bump its
version in `CURRENT_VERSIONS` and register an upcaster from the old version in `UPCASTERS`:
`Event.from_dict` upcasts the data of older logs before it builds the payload, so an `Event`
always holds the current shape and old logs keep replaying to the same state.

Some viewers receive some events with fields withheld (`views.event_for`: others' consent
positions, others' evaluations): `Event.withheld()`. Those fields are then `None` in the payload
and absent from its `data` (`Payload.OPTIONAL_KEYS`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Generic, Self, TypedDict, TypeVar

from .kinds import (
    BarometreRound,
    CharacterStatus,
    NoteKind,
    Reaction,
    RealRole,
    RoleKind,
    Stance,
    Subject,
)
from .plain import field_shapes

# type -> current version of its data
CURRENT_VERSIONS: dict[str, int] = {
    "session_opened": 1,
    "participant_joined": 1,
    "participant_renamed": 1,
    "persona_chosen": 1,
    "expectation_written": 1,
    "project_reacted": 1,
    "project_commented": 1,
    "note_added": 1,
    "note_edited": 1,
    "note_removed": 1,
    "resource_added": 1,
    "resource_removed": 1,
    "cafe_note_added": 1,
    "cafe_rotated": 1,
    "groups_formed": 3,
    "member_moved": 1,
    "draft_placed": 1,
    "draft_cleared": 1,
    "spotlight_set": 1,
    "argument_added": 1,
    "proposal_made": 1,
    "proposal_withdrawn": 1,
    "proposals_merged": 1,
    "amendment_made": 1,
    "amendment_decided": 1,
    "round_opened": 1,
    "position_taken": 1,
    "round_closed": 1,
    "schema_placed": 1,
    "schema_removed": 1,
    "plan_item_added": 2,
    "plan_item_edited": 2,
    "plan_item_removed": 1,
    "plan_items_finalised": 1,
    "rule_added": 1,
    "rule_removed": 1,
    "evaluation_submitted": 1,
    "phase_changed": 1,
    "timer_set": 1,
    "lock_set": 1,
    "floor_asked": 1,
    "floor_withdrawn": 1,
    "floor_given": 1,
    "turn_ended": 1,
    "floor_cleared": 1,
    "session_closed": 1,
    "invitation_shown": 1,
    "session_reopened": 1,
    "playback_set": 1,
    "barometre_placed": 1,
    "question_asked": 1,
    "question_upvoted": 1,
    "question_answered": 1,
    "question_removed": 1,
    "whoami_set": 1,
    "whoami_cleared": 1,
    "experience_shared": 1,
    "experience_pinned": 1,
    "experience_removed": 1,
    "space_card_line_set": 1,
    "space_card_line_removed": 1,
    "character_written": 1,
    "character_edited": 1,
    "character_reviewed": 1,
    "character_merged": 1,
    "character_removed": 1,
    "persona_pool_set": 1,
    "personas_reopened": 1,
    "comment_removed": 1,
    "cafe_note_removed": 1,
}

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
# (type, from_version) -> function returning the data at from_version + 1
UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def _groups_formed_v1(data: dict[str, Any]) -> dict[str, Any]:
    # v1 always started every group with an empty draft
    return {**data, "keep_drafts": False}


UPCASTERS[("groups_formed", 1)] = _groups_formed_v1


def _groups_formed_v2(data: dict[str, Any]) -> dict[str, Any]:
    # v2 named each group in French, « Groupe n » with n its position: the number is kept, the
    # name is now the client's to write, in its language
    return {**data, "groups": [{"group": g["group"], "number": i, "members": g["members"]}
                               for i, g in enumerate(data["groups"], 1)]}


UPCASTERS[("groups_formed", 2)] = _groups_formed_v2


def _plan_item_v1(data: dict[str, Any]) -> dict[str, Any]:
    # v1 items could not add caretaker hours
    return {**data, "hours": 0.0}


UPCASTERS[("plan_item_added", 1)] = _plan_item_v1
UPCASTERS[("plan_item_edited", 1)] = _plan_item_v1


class UnknownEvent(ValueError):
    """An event that cannot be read: unknown type or version, or malformed."""


# ----- payloads -----

class Payload:
    """The data of one event type. Subclasses are frozen dataclasses with slots; their fields,
    in order, are the keys of `data`. Each one's wire form (to and from a dict) is generated from
    its fields (`_codecs`, below)."""

    __slots__ = ()
    TYPE: ClassVar[str]
    OPTIONAL_KEYS: ClassVar[frozenset[str]] = frozenset()  # absent from `data` when None

    def to_data(self) -> dict[str, Any]:
        """The wire form: a fresh dict, keys in field order, kinds as plain strings."""
        return _ENCODERS[type(self)](self)

    def withheld(self) -> Self:
        """This payload as received by a viewer who may not see all of it (views.event_for):
        the fields withheld are None, so absent from `data`. Itself for most types."""
        return self


class FormedGroup(TypedDict):
    group: str
    number: int
    members: list[str]


class ClosedPosition(TypedDict):
    option: str
    reason: str


@dataclass(frozen=True, slots=True)
class SessionOpened(Payload):
    """The room opened: the first event of every room (`by` ""). `scenario` is the scenario's id;
    `seed` the public seed the live simulation draws its scenario events from (the same on the
    server and in the debrief). Effect: `seed` = `seed` (0 when absent), `created_at` and
    `phase_started_at` = `t`."""

    TYPE: ClassVar[str] = "session_opened"
    OPTIONAL_KEYS: ClassVar[frozenset[str]] = frozenset({"scenario", "seed"})
    scenario: str | None  # the scenario's id (None: a log whose header names the scenario)
    seed: int | None = None  # None: not sent (early clients received it without)


@dataclass(frozen=True, slots=True)
class ParticipantJoined(Payload):
    """A seat was made (a participant `hello` with a `name`; `by` ""): `participants[participant]` =
    `{id: participant, name, joined_at: t, persona: null, role: null}` (a participant's
    `past_personas` is written only once not empty: absent means `[]`)."""

    TYPE: ClassVar[str] = "participant_joined"
    participant: str
    name: str


@dataclass(frozen=True, slots=True)
class ParticipantRenamed(Payload):
    """The participant `by` renamed themself: `participants[by].name` = `name`."""

    TYPE: ClassVar[str] = "participant_renamed"
    name: str


@dataclass(frozen=True, slots=True)
class PersonaChosen(Payload):
    """The participant `by` took the character `persona` (a scenario persona or an approved created
    character), which plays `role`: `participants[by].persona` = `persona`, `participants[by].role`
    = `role`. Its private objectives come in a `me` message, to its player only."""

    TYPE: ClassVar[str] = "persona_chosen"
    persona: str
    role: RoleKind


@dataclass(frozen=True, slots=True)
class ExpectationWritten(Payload):
    """The participant `by` wrote their expectation (accueil): `expectations[by]` = `{author: by,
    text, t}` (replacing theirs)."""

    TYPE: ClassVar[str] = "expectation_written"
    text: str


@dataclass(frozen=True, slots=True)
class ProjectReacted(Payload):
    """The participant `by` reacted to `project` (a scenario project or an experience card):
    `reactions[project]` is created as `{}` when missing (for `none` too); then
    `reactions[project][by]` = `reaction`, or, for `none`, `reactions[project][by]` is removed (the
    map stays, even empty)."""

    TYPE: ClassVar[str] = "project_reacted"
    project: str
    reaction: Reaction


@dataclass(frozen=True, slots=True)
class ProjectCommented(Payload):
    """The participant `by` commented on `project`: `comments[comment]` = `{id: comment, project,
    author: by, text, t}`."""

    TYPE: ClassVar[str] = "project_commented"
    comment: str
    project: str
    text: str


@dataclass(frozen=True, slots=True)
class NoteAdded(Payload):
    """The participant `by` added a diagnosis note on the map (`x`, `y` in map units, already moved
    onto the map); `role` is the author's role then: `notes[note]` = `{id: note, author: by, role,
    space, kind, text, enjeux, x, y, t}`."""

    TYPE: ClassVar[str] = "note_added"
    note: str
    space: str
    kind: NoteKind
    text: str
    enjeux: list[str]
    x: float
    y: float
    role: RoleKind | None


@dataclass(frozen=True, slots=True)
class NoteEdited(Payload):
    """Its author edited note `note`: its `text`, `enjeux` and `kind` = the event's (the rest
    kept)."""

    TYPE: ClassVar[str] = "note_edited"
    note: str
    text: str
    enjeux: list[str]
    kind: NoteKind


@dataclass(frozen=True, slots=True)
class NoteRemoved(Payload):
    """Remove `notes[note]`."""

    TYPE: ClassVar[str] = "note_removed"
    note: str


@dataclass(frozen=True, slots=True)
class ResourceAdded(Payload):
    """The participant `by` named a resource of `space` (a `service`, with an optional `use` and
    `metier`): `resources[resource]` = `{id: resource, author: by, space, service, metier, use,
    text, t}`."""

    TYPE: ClassVar[str] = "resource_added"
    resource: str
    space: str
    service: str
    use: str | None
    metier: str | None
    text: str


@dataclass(frozen=True, slots=True)
class ResourceRemoved(Payload):
    """Remove `resources[resource]`."""

    TYPE: ClassVar[str] = "resource_removed"
    resource: str


@dataclass(frozen=True, slots=True)
class CafeNoteAdded(Payload):
    """The participant `by` wrote on the world café table `table` during rotation `rotation`:
    `cafe_notes[note]` = `{id: note, table, author: by, rotation, text, t}`."""

    TYPE: ClassVar[str] = "cafe_note_added"
    note: str
    table: str
    rotation: int
    text: str


@dataclass(frozen=True, slots=True)
class CafeRotated(Payload):
    """The trainer moved the café tables on: `cafe_rotation` = `rotation`."""

    TYPE: ClassVar[str] = "cafe_rotated"
    rotation: int


@dataclass(frozen=True, slots=True)
class GroupsFormed(Payload):
    """The trainer formed the groups: `groups` is replaced, in the event's order, by one entry per
    item of `groups`: `{id: group, number, members, draft}`, where `draft` is, when `keep_drafts`
    is true and a group with that id existed, that group's `draft`, else `{}`. Then if `spotlight`
    is not one of the new groups' ids, `spotlight` = null. `number` (1, 2, 3… in the event's
    order) is what a client shows: « Groupe 2 », "Group 2". (Version 1 had no `keep_drafts`: read
    it as false. Version 2 had `name`, « Groupe n », instead of `number`: n is the position.)"""

    TYPE: ClassVar[str] = "groups_formed"
    groups: list[FormedGroup]
    keep_drafts: bool


@dataclass(frozen=True, slots=True)
class MemberMoved(Payload):
    """The trainer moved `participant`: remove them from the `members` of every group, then append
    them to `groups[group].members`."""

    TYPE: ClassVar[str] = "member_moved"
    participant: str
    group: str


@dataclass(frozen=True, slots=True)
class DraftPlaced(Payload):
    """A member (`by`) of `group` placed `use` on `space` in the group's draft:
    `groups[group].draft[space]` = `{use, why, by}` (replacing what was there; a new key goes at the
    end)."""

    TYPE: ClassVar[str] = "draft_placed"
    group: str
    space: str
    use: str
    why: str


@dataclass(frozen=True, slots=True)
class DraftCleared(Payload):
    """Remove `groups[group].draft[space]`."""

    TYPE: ClassVar[str] = "draft_cleared"
    group: str
    space: str


@dataclass(frozen=True, slots=True)
class SpotlightSet(Payload):
    """The trainer put `group` in the spotlight (null: none): `spotlight` = `group`."""

    TYPE: ClassVar[str] = "spotlight_set"
    group: str | None


@dataclass(frozen=True, slots=True)
class ArgumentAdded(Payload):
    """The participant `by` argued on `group`'s work: `arguments[argument]` = `{id: argument, group,
    author: by, stance, text, t}`."""

    TYPE: ClassVar[str] = "argument_added"
    argument: str
    group: str
    stance: Stance
    text: str


@dataclass(frozen=True, slots=True)
class ProposalMade(Payload):
    """The participant `by` made a proposal (from their group's draft when `group` is set):
    `proposals[proposal]` = `{id: proposal, author: by, title, text, placements, parents, group,
    status: "open", t, amendments: []}`. `placements` maps a space to a use."""

    TYPE: ClassVar[str] = "proposal_made"
    proposal: str
    title: str
    text: str
    placements: dict[str, str]  # space -> use
    parents: list[str]
    group: str | None


@dataclass(frozen=True, slots=True)
class ProposalWithdrawn(Payload):
    """`proposals[proposal].status` = `"withdrawn"`."""

    TYPE: ClassVar[str] = "proposal_withdrawn"
    proposal: str


@dataclass(frozen=True, slots=True)
class ProposalsMerged(Payload):
    """Proposals were merged into a new one: the `status` of each of `parents` = `"merged"`; then
    `proposals[proposal]` = `{id: proposal, author: by, title, text, placements, parents, group:
    null, status: "open", t, amendments: []}`."""

    TYPE: ClassVar[str] = "proposals_merged"
    proposal: str
    title: str
    text: str
    placements: dict[str, str]
    parents: list[str]


@dataclass(frozen=True, slots=True)
class AmendmentMade(Payload):
    """The participant `by` amended `proposal` (to add the placements `add`, space to use, and take
    those of the spaces `remove` away): `amendments[amendment]` = `{id: amendment, proposal, author:
    by, text, add, remove, status: "pending", t}`, and `amendment` is appended to
    `proposals[proposal].amendments`. The proposal's `placements` change only when it is
    accepted."""

    TYPE: ClassVar[str] = "amendment_made"
    amendment: str
    proposal: str
    text: str
    add: dict[str, str]
    remove: list[str]


@dataclass(frozen=True, slots=True)
class AmendmentDecided(Payload):
    """`amendments[amendment].status` = `"accepted"` when `accepted`, else `"rejected"`. When
    accepted, the proposal `p` = `proposals[amendments[amendment].proposal]` changes: each space of
    the amendment's `remove` is removed from `p.placements` (if there), then each space → use of its
    `add` is set in `p.placements` (replacing a use in place; a new space goes at the end)."""

    TYPE: ClassVar[str] = "amendment_decided"
    amendment: str
    accepted: bool


@dataclass(frozen=True, slots=True)
class RoundOpened(Payload):
    """The trainer opened a consent round on `subject` (`proposal:<id>`, `charter` or `final_plan`),
    its `number`-th on that subject: `rounds[round]` = `{id: round, subject, number, opened_at: t,
    positions: {}, closed_at: null, counts: {}, adopted: null}`."""

    TYPE: ClassVar[str] = "round_opened"
    round: str
    subject: Subject
    number: int


@dataclass(frozen=True, slots=True)
class PositionTaken(Payload):
    """The participant `by` took (or changed) their position in `round`:
    `rounds[round].positions[by]` = `{option, reason, t}` (a changed one keeps its place in the
    map). While the round is open, every viewer but the author and the trainer receives it without
    `option` and `reason`: store them as `""`."""

    TYPE: ClassVar[str] = "position_taken"
    OPTIONAL_KEYS: ClassVar[frozenset[str]] = frozenset({"option", "reason"})
    round: str
    option: str | None = None  # None: withheld until the round closes
    reason: str | None = None

    def withheld(self) -> Self:
        return type(self)(self.round)


@dataclass(frozen=True, slots=True)
class RoundClosed(Payload):
    """The trainer closed `round`: its `closed_at` = `t`, `counts` = `counts` (option → number),
    `adopted` = `adopted`, and `positions` is replaced by the event's `positions` (participant →
    `{option, reason}`, now public), each with the `t` of that participant's position already in the
    round (`t` when there was none), in the event's order. When `adopted`: a `proposal:<id>` subject
    sets `proposals[<id>].status` = `"adopted"`; `charter` sets `charter_adopted` = true;
    `final_plan` sets `final_adopted` = true."""

    TYPE: ClassVar[str] = "round_closed"
    round: str
    subject: Subject
    counts: dict[str, int]  # option -> count
    adopted: bool
    positions: dict[str, ClosedPosition]  # participant -> position


@dataclass(frozen=True, slots=True)
class SchemaPlaced(Payload):
    """`by` placed `use` on `space` in the master plan, in year `year` (1–3): `schema[space]` =
    `{use, year, by}` (replacing what was there)."""

    TYPE: ClassVar[str] = "schema_placed"
    space: str
    use: str
    year: int


@dataclass(frozen=True, slots=True)
class SchemaRemoved(Payload):
    """Remove `schema[space]`."""

    TYPE: ClassVar[str] = "schema_removed"
    space: str


@dataclass(frozen=True, slots=True)
class PlanItemAdded(Payload):
    """`by` added an action-plan item: `plan[item]` = `{id: item, author: by, group, what, lead,
    quarter, cost, payer, space, use, experiment, criteria, t, final: false, hours}`, where `hours`
    is left out when 0 (a plan item without `hours` has 0). `lead` is a role or a métier id; `payer`
    `bailleur`, `charges` or one of the scenario's `payers`; `hours` the weekly hours it adds to the
    lead métier (version 1 had no `hours`: read 0)."""

    TYPE: ClassVar[str] = "plan_item_added"
    item: str
    group: str | None
    what: str
    lead: str  # a role kind or a métier id
    quarter: int
    cost: float
    payer: str  # a payer of the scenario (kinds.Payer's values, or a `payers` id)
    space: str | None
    use: str | None
    experiment: bool
    criteria: str
    hours: float


@dataclass(frozen=True, slots=True)
class PlanItemEdited(Payload):
    """`plan[item]` gets `what`, `lead`, `quarter`, `cost`, `payer`, `space`, `use`, `experiment`,
    `criteria` and `hours` (its `id`, `author`, `group`, `t` and `final` are kept; `hours` goes at
    the end, and is left out when 0); if the item is `final`, `final_adopted` = false."""

    TYPE: ClassVar[str] = "plan_item_edited"
    item: str
    what: str
    lead: str
    quarter: int
    cost: float
    payer: str  # a payer of the scenario (kinds.Payer's values, or a `payers` id)
    space: str | None
    use: str | None
    experiment: bool
    criteria: str
    hours: float


@dataclass(frozen=True, slots=True)
class PlanItemRemoved(Payload):
    """Remove `plan[item]`; if it was `final`, `final_adopted` = false."""

    TYPE: ClassVar[str] = "plan_item_removed"
    item: str


@dataclass(frozen=True, slots=True)
class PlanItemsFinalised(Payload):
    """The trainer chose the final plan: every item's `final` = whether its id is in `items`;
    `final_adopted` = false."""

    TYPE: ClassVar[str] = "plan_items_finalised"
    items: list[str]


@dataclass(frozen=True, slots=True)
class RuleAdded(Payload):
    """`by` added rule `rule` (a scenario charter rule) for `space` (null: everywhere):
    `charter[entry]` = `{id: entry, rule, space, note, author: by}`; `charter_adopted` = false."""

    TYPE: ClassVar[str] = "rule_added"
    entry: str
    rule: str
    space: str | None
    note: str


@dataclass(frozen=True, slots=True)
class RuleRemoved(Payload):
    """Remove `charter[entry]`; `charter_adopted` = false."""

    TYPE: ClassVar[str] = "rule_removed"
    entry: str


@dataclass(frozen=True, slots=True)
class EvaluationSubmitted(Payload):
    """The participant `by` evaluated the session: `evaluations[by]` = `{answers, comment, t}`.
    Private: every viewer but its author and the trainer receives it without `answers` and `comment`
    (an empty `data`), and then changes nothing."""

    TYPE: ClassVar[str] = "evaluation_submitted"
    OPTIONAL_KEYS: ClassVar[frozenset[str]] = frozenset({"answers", "comment"})
    answers: dict[str, int] | None = None  # None: withheld from all but its author and trainer
    comment: str | None = None

    def withheld(self) -> Self:
        return type(self)()


@dataclass(frozen=True, slots=True)
class PhaseChanged(Payload):
    """The trainer moved to phase index `phase`: `phase` = `phase`, `phase_started_at` = `t`,
    `timer_ends_at` = `timer_ends_at`, `timer_paused_left` = null."""

    TYPE: ClassVar[str] = "phase_changed"
    phase: int
    timer_ends_at: float


@dataclass(frozen=True, slots=True)
class TimerSet(Payload):
    """The trainer set the phase timer: `timer_ends_at` = `ends_at` (server time, null: no timer),
    `timer_paused_left` = `paused_left` (seconds left while paused, else null)."""

    TYPE: ClassVar[str] = "timer_set"
    ends_at: float | None
    paused_left: float | None


@dataclass(frozen=True, slots=True)
class LockSet(Payload):
    """The trainer locked (`locked` true) or unlocked the session: `locked` = `locked`."""

    TYPE: ClassVar[str] = "lock_set"
    locked: bool


@dataclass(frozen=True, slots=True)
class FloorAsked(Payload):
    """`participant` (also `by`) asked for the floor: append `{participant, t}` to `floor_queue`."""

    TYPE: ClassVar[str] = "floor_asked"
    participant: str


@dataclass(frozen=True, slots=True)
class FloorWithdrawn(Payload):
    """`participant` took their request back: remove their entry from `floor_queue`."""

    TYPE: ClassVar[str] = "floor_withdrawn"
    participant: str


@dataclass(frozen=True, slots=True)
class FloorGiven(Payload):
    """`participant` has the floor: remove their entry from `floor_queue` (if there); `speaker` =
    `participant`, `speaker_since` = `t`."""

    TYPE: ClassVar[str] = "floor_given"
    participant: str


@dataclass(frozen=True, slots=True)
class TurnEnded(Payload):
    """`participant`, who had the floor, no longer has it: when `speaker` is `participant`,
    `speaker` and `speaker_since` = null."""

    TYPE: ClassVar[str] = "turn_ended"
    participant: str


@dataclass(frozen=True, slots=True)
class FloorCleared(Payload):
    """The queue was emptied: remove from `floor_queue` the entries of `participants` (those who
    were in it, in order); the speaker keeps the floor."""

    TYPE: ClassVar[str] = "floor_cleared"
    participants: list[str]


@dataclass(frozen=True, slots=True)
class SessionClosed(Payload):
    """The trainer closed the session, read-only from now on: `closed_at` = `t`."""

    TYPE: ClassVar[str] = "session_closed"


@dataclass(frozen=True, slots=True)
class SessionReopened(Payload):
    """The trainer reopened a closed session: `closed_at` = null."""

    TYPE: ClassVar[str] = "session_reopened"


@dataclass(frozen=True, slots=True)
class InvitationShown(Payload):
    """`invitation` = `shown` (shared screens show the invitation while true)."""

    TYPE: ClassVar[str] = "invitation_shown"
    shown: bool


@dataclass(frozen=True, slots=True)
class PlaybackSet(Payload):
    """The shared playback of the simulation: `playback` = `{quarter, playing, since}` (`quarter`
    0–12 reached; `since` the server time it started playing from `quarter`, null when paused)."""

    TYPE: ClassVar[str] = "playback_set"
    quarter: int
    playing: bool
    since: float | None


@dataclass(frozen=True, slots=True)
class BarometrePlaced(Payload):
    """A participant's answer `level` (1–5) on baromètre `statement` for `round` (`before` at the
    accueil, `after` at the synthèse) as `real_role`; `previous` and `previous_role`, when present,
    are the answer it replaces. In `barometre_tally` (keys `round/statement/real_role/level`): when
    `previous` and `previous_role` are present, the key `round/statement/previous_role/previous`
    loses one (and goes when it reaches 0); then `round/statement/real_role/level` gains one
    (created at 1). Anonymous: everyone but the author (the trainer too) receives it with `by` and
    `aid` `""`, and changes only the tally; the author, `by` set, also sets
    `barometre["round/by/statement"]` = `{participant: by, statement, round, level, real_role,
    t}`."""

    TYPE: ClassVar[str] = "barometre_placed"
    OPTIONAL_KEYS: ClassVar[frozenset[str]] = frozenset({"previous", "previous_role"})
    statement: str
    round: BarometreRound
    level: int
    real_role: RealRole
    previous: int | None = None
    previous_role: RealRole | None = None


@dataclass(frozen=True, slots=True)
class QuestionAsked(Payload):
    """The participant `by` asked the speaker a question: `questions[question]` = `{id: question,
    author: by, text, t, voters: [], answered: false}`."""

    TYPE: ClassVar[str] = "question_asked"
    question: str
    text: str


@dataclass(frozen=True, slots=True)
class QuestionUpvoted(Payload):
    """When `up`, append `by` to `questions[question].voters`; else remove `by` from them."""

    TYPE: ClassVar[str] = "question_upvoted"
    question: str
    up: bool


@dataclass(frozen=True, slots=True)
class QuestionAnswered(Payload):
    """`questions[question].answered` = true."""

    TYPE: ClassVar[str] = "question_answered"
    question: str


@dataclass(frozen=True, slots=True)
class QuestionRemoved(Payload):
    """Remove `questions[question]`."""

    TYPE: ClassVar[str] = "question_removed"
    question: str


@dataclass(frozen=True, slots=True)
class WhoamiSet(Payload):
    """The participant `by` wrote their « qui suis-je » card: `whoami[by]` = `{participant: by,
    real_role, organisation, sentence, t}` (replacing theirs, in place)."""

    TYPE: ClassVar[str] = "whoami_set"
    real_role: RealRole
    organisation: str
    sentence: str


@dataclass(frozen=True, slots=True)
class WhoamiCleared(Payload):
    """Remove `whoami[participant]`."""

    TYPE: ClassVar[str] = "whoami_cleared"
    participant: str


@dataclass(frozen=True, slots=True)
class ExperienceShared(Payload):
    """The participant `by` shared an experience card, or edited theirs (the id is already in
    `experiences`): `experiences[experience]` = `{id: experience, author: by, title, where,
    carried_by, worked, did_not, figures, t, pinned: false}`, except that an edit keeps the card's
    `t`, `pinned` and place in the map."""

    TYPE: ClassVar[str] = "experience_shared"
    experience: str
    title: str
    where: str
    carried_by: str
    worked: str
    did_not: str
    figures: list[str]


@dataclass(frozen=True, slots=True)
class ExperiencePinned(Payload):
    """`experiences[experience].pinned` = `pinned`."""

    TYPE: ClassVar[str] = "experience_pinned"
    experience: str
    pinned: bool


@dataclass(frozen=True, slots=True)
class ExperienceRemoved(Payload):
    """Remove `experiences[experience]`, `reactions[experience]` (if there) and every comment of
    `comments` whose `project` is `experience`."""

    TYPE: ClassVar[str] = "experience_removed"
    experience: str


@dataclass(frozen=True, slots=True)
class SpaceCardLineSet(Payload):
    """The trainer set line `line` of `space`'s card (a new one, or an edit: the whole line is
    given): `space_cards[line]` = `{id: line, space, text, notes, t}` (`notes`: ids of café notes;
    an edit keeps its place in the map and takes the new `t`)."""

    TYPE: ClassVar[str] = "space_card_line_set"
    line: str
    space: str
    text: str
    notes: list[str]


@dataclass(frozen=True, slots=True)
class SpaceCardLineRemoved(Payload):
    """Remove `space_cards[line]`."""

    TYPE: ClassVar[str] = "space_card_line_removed"
    line: str


class _WithObjectives(Payload):
    """A character's payload carrying its private objectives (`objectives`, PrivateObjective
    dicts) and their number: a viewer who is neither one of its `authors` nor the trainer
    receives it withheld (views.event_for), the objectives emptied and the count kept."""

    __slots__ = ()
    authors: list[str]
    objectives: list[dict[str, Any]]

    def withheld(self) -> Self:
        return replace(self, objectives=[]) if self.objectives else self  # type: ignore[type-var]  # subclasses are dataclasses; this base is not


@dataclass(frozen=True, slots=True)
class CharacterWritten(_WithObjectives):
    """A participant (`by`) wrote a new character, or edited one they author: every field as it now
    stands, `authors` first the one who created it. When `characters` has no `character`:
    `characters[character]` = `{id: character, authors, name, role, age, situation, bio, needs,
    objectives, portrait, status: "draft", comment: "", merged_into: null, t, approved_at: null,
    objectives_count}`. Else the character gets `authors`, `name`, `role`, `age`, `situation`,
    `bio`, `needs`, `objectives`, `objectives_count` and `portrait`, and a `sent_back` one becomes
    `draft` (other statuses, `comment`, `t` kept). `objectives` are private objective maps with
    every field (as in `me`): a viewer who is neither in `authors` nor the trainer receives `[]`
    (the count kept)."""

    TYPE: ClassVar[str] = "character_written"
    character: str
    authors: list[str]
    name: str
    role: RoleKind
    age: str
    situation: str
    bio: str
    needs: str
    objectives: list[dict[str, Any]]
    objectives_count: int
    portrait: str


@dataclass(frozen=True, slots=True)
class CharacterEdited(_WithObjectives):
    """The trainer edited `character`: it gets `authors`, `name`, `role`, `age`, `situation`, `bio`,
    `needs`, `objectives`, `objectives_count` and `portrait` (status kept), and every participant
    whose `persona` is `character` gets `role` = `role`. Objectives withheld as for
    `character_written`."""

    TYPE: ClassVar[str] = "character_edited"
    character: str
    authors: list[str]
    name: str
    role: RoleKind
    age: str
    situation: str
    bio: str
    needs: str
    objectives: list[dict[str, Any]]
    objectives_count: int
    portrait: str


@dataclass(frozen=True, slots=True)
class CharacterReviewed(Payload):
    """The trainer approved `character` (`status` `approved`) or sent it back with `comment`
    (`sent_back`): its `status` = `status`, `comment` = `comment`, `approved_at` = `t` when
    approved, else null."""

    TYPE: ClassVar[str] = "character_reviewed"
    character: str
    status: CharacterStatus
    comment: str


@dataclass(frozen=True, slots=True)
class CharacterMerged(_WithObjectives):
    """The trainer merged `characters` into `into`: `characters[into].authors` = `authors` (its own,
    then the others'); each of `characters` gets `status` `merged` and `merged_into` = `into`; then
    every character whose `merged_into` is one of `characters` gets `merged_into` = `into`; and
    `characters[into].objectives` = `objectives`, `characters[into].objectives_count` =
    `objectives_count`. Those are `into`'s, unchanged: they ride along for its new authors, who had
    received them withheld until now (withheld as for `character_written`: a viewer who is neither
    in `authors` nor the trainer gets `[]`, as it has)."""

    TYPE: ClassVar[str] = "character_merged"
    characters: list[str]
    into: str
    authors: list[str]
    objectives: list[dict[str, Any]]
    objectives_count: int


@dataclass(frozen=True, slots=True)
class CharacterRemoved(Payload):
    """Remove `characters[character]`, and every character whose `merged_into` is `character`."""

    TYPE: ClassVar[str] = "character_removed"
    character: str


@dataclass(frozen=True, slots=True)
class PersonaPoolSet(Payload):
    """`persona_pool_scenario` = `scenario` (whether the scenario's personas are offered at the next
    choice)."""

    TYPE: ClassVar[str] = "persona_pool_set"
    scenario: bool


@dataclass(frozen=True, slots=True)
class PersonasReopened(Payload):
    """The session first reached `phase` (a phase's id), a phase with `persona_choice`: append
    `phase` to `persona_choices_opened`; for each of `participants`, append their `persona` (when
    not null) to their `past_personas` (created when absent), then their `persona` and `role` =
    null. Made by the trainer's `set_phase`, right after `phase_changed`."""

    TYPE: ClassVar[str] = "personas_reopened"
    phase: str
    participants: list[str]


@dataclass(frozen=True, slots=True)
class CommentRemoved(Payload):
    """Remove `comments[comment]`."""

    TYPE: ClassVar[str] = "comment_removed"
    comment: str


@dataclass(frozen=True, slots=True)
class CafeNoteRemoved(Payload):
    """Remove `cafe_notes[note]`, and remove `note` from the `notes` of every line of `space_cards`
    (the line stays)."""

    TYPE: ClassVar[str] = "cafe_note_removed"
    note: str


PAYLOADS: tuple[type[Payload], ...] = (
    SessionOpened, ParticipantJoined, ParticipantRenamed, PersonaChosen, ExpectationWritten,
    ProjectReacted, ProjectCommented, NoteAdded, NoteEdited, NoteRemoved, ResourceAdded,
    ResourceRemoved, CafeNoteAdded, CafeRotated, GroupsFormed, MemberMoved, DraftPlaced,
    DraftCleared, SpotlightSet, ArgumentAdded, ProposalMade, ProposalWithdrawn, ProposalsMerged,
    AmendmentMade, AmendmentDecided, RoundOpened, PositionTaken, RoundClosed, SchemaPlaced,
    SchemaRemoved, PlanItemAdded, PlanItemEdited, PlanItemRemoved, PlanItemsFinalised, RuleAdded,
    RuleRemoved, EvaluationSubmitted, PhaseChanged, TimerSet, LockSet, FloorAsked,
    FloorWithdrawn, FloorGiven, TurnEnded, FloorCleared, SessionClosed, SessionReopened,
    InvitationShown, PlaybackSet, BarometrePlaced, QuestionAsked, QuestionUpvoted,
    QuestionAnswered, QuestionRemoved, WhoamiSet, WhoamiCleared,
    ExperienceShared, ExperiencePinned, ExperienceRemoved, SpaceCardLineSet, SpaceCardLineRemoved,
    CharacterWritten, CharacterEdited, CharacterReviewed,
    CharacterMerged, CharacterRemoved, PersonaPoolSet, PersonasReopened, CommentRemoved, CafeNoteRemoved,
)
PAYLOAD_TYPES: dict[str, type[Payload]] = {cls.TYPE: cls for cls in PAYLOADS}


# ----- the wire form of each payload, generated once from its fields -----

def _codecs(cls: type[Payload]) -> tuple[Callable[[Any], dict[str, Any]],
                                         Callable[[dict[str, Any]], Payload]]:
    """(encode, decode) for one payload class: field order is key order; a kind is written as
    its value and read back through its members; an optional key is left out when None and
    read with `get`. Decoding fills the slots directly (a frozen dataclass's `__init__` costs
    twice as much, and replay reads every event of a log)."""
    head: list[str] = []
    tail: list[str] = []
    reads: list[str] = []
    namespace: dict[str, Any] = {"_cls": cls, "_new": object.__new__, "_subject": Subject.parse}
    shapes = field_shapes(cls)
    assert {s.name for s in shapes} >= cls.OPTIONAL_KEYS, cls
    for shape in shapes:
        n = shape.name
        value = f"p.{n}"
        if shape.enum is not None or shape.subject:
            value = f"(None if p.{n} is None else str(p.{n}))" if shape.optional else f"str(p.{n})"
        read = f"d.get({n!r})" if n in cls.OPTIONAL_KEYS else f"d[{n!r}]"
        if shape.enum is not None:
            namespace[f"_m_{n}"] = {m.value: m for m in shape.enum}
            read = f"(None if (v := {read}) is None else _m_{n}[v])" if shape.optional \
                else f"_m_{n}[{read}]"
        elif shape.subject:
            read = f"_subject({read})"
        namespace[f"_set_{n}"] = cls.__dict__[n].__set__  # the slot's own setter
        reads.append(f"    _set_{n}(o, {read})\n")
        if n in cls.OPTIONAL_KEYS:
            tail.append(f"    if p.{n} is not None:\n        d[{n!r}] = p.{n}\n")
        elif tail:
            tail.append(f"    d[{n!r}] = {value}\n")
        else:
            head.append(f"{n!r}: {value}")
    src = (f"def encode(p):\n    d = {{{', '.join(head)}}}\n{''.join(tail)}    return d\n"
           f"def decode(d):\n    o = _new(_cls)\n{''.join(reads)}    return o\n")
    exec(src, namespace)
    return namespace["encode"], namespace["decode"]


_ENCODERS: dict[type[Payload], Callable[[Any], dict[str, Any]]] = {}
_DECODERS: dict[str, Callable[[dict[str, Any]], Payload]] = {}
for _cls in PAYLOADS:
    _ENCODERS[_cls], _DECODERS[_cls.TYPE] = _codecs(_cls)
assert set(_DECODERS) == set(CURRENT_VERSIONS), set(_DECODERS) ^ set(CURRENT_VERSIONS)


def upcast(type_: str, v: int, data: dict[str, Any]) -> dict[str, Any]:
    """The data of a `type_` event written at version `v`, brought to the current version."""
    current = CURRENT_VERSIONS.get(type_)
    if current is None:
        raise UnknownEvent(f"unknown event type {type_!r}")
    while v < current:
        fn = UPCASTERS.get((type_, v))
        if fn is None:
            raise UnknownEvent(f"no upcaster for {type_} v{v}")
        data = fn(dict(data))
        v += 1
    return data


def decode_payload(type_: str, data: dict[str, Any]) -> Payload:
    """The payload of a `type_` event from its current-version data; UnknownEvent if malformed."""
    decode = _DECODERS.get(type_)
    if decode is None:
        raise UnknownEvent(f"unknown event type {type_!r}")
    try:
        return decode(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UnknownEvent(f"malformed {type_} data {str(data)[:120]}: {exc!r}") from None


# ----- the envelope -----

_new = object.__new__

P = TypeVar("P", bound=Payload)


class Event(Generic[P]):
    """One fact: its payload, with the sequence number, time, author (`by`: a participant id,
    `trainer` or '' for the server) and the client action id `aid` that caused it ('' for
    server-made events). `v` is the version of the payload's data shape."""

    __slots__ = ("aid", "by", "payload", "seq", "t", "v")

    def __init__(self, seq: int, t: float, by: str, payload: P, aid: str = "",
                 v: int | None = None):
        self.seq = seq
        self.t = t
        self.by = by
        self.aid = aid
        self.payload = payload
        self.v = CURRENT_VERSIONS[payload.TYPE] if v is None else v

    @property
    def type(self) -> str:
        return self.payload.TYPE

    @property
    def data(self) -> dict[str, Any]:
        """The payload in its wire form (a fresh dict each time: reading it changes nothing)."""
        return _ENCODERS[type(self.payload)](self.payload)

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "t": self.t, "by": self.by, "type": self.payload.TYPE,
                "v": self.v, "aid": self.aid,
                "data": _ENCODERS[type(self.payload)](self.payload)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event[Payload]:
        """An event as written by `to_dict` (on disk, on the wire), upcast to the current version
        of its type. Raises UnknownEvent for an unknown type or version, or a malformed event."""
        try:
            v = d["v"]
            if type(v) is not int:
                raise TypeError(f"version {v!r} is not a whole number")
            kind = d["type"]
            decode = _DECODERS.get(kind)
            if decode is None:
                raise UnknownEvent(f"unknown event type {kind!r} at seq {d['seq']}")
            data = d["data"]
            current = CURRENT_VERSIONS[kind]
            if v < current:  # almost every stored event is already at its current version
                data = upcast(kind, v, data)
                v = current
            # what __init__ does, one call less: replay reads every event of a log through here
            e: Event[Payload] = _new(Event)
            e.seq = d["seq"]
            e.t = d["t"]
            e.by = d["by"]
            e.aid = d.get("aid", "")
            e.v = v
            e.payload = decode(data)
            return e
        except UnknownEvent:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a damaged or
            raise UnknownEvent(f"malformed event {str(d)[:120]}: {exc!r}") from None  # edited log

    @classmethod
    def of(cls, seq: int, t: float, by: str, type: str, data: dict[str, Any], aid: str = "",
           v: int | None = None) -> Event[Payload]:
        """An event from its type name and data (at version `v`, the current one when None)."""
        return Event.from_dict({"seq": seq, "t": t, "by": by, "type": type,
                                "v": CURRENT_VERSIONS.get(type, 1) if v is None else v,
                                "aid": aid, "data": data})

    def with_payload(self, payload: Payload) -> Event[Payload]:
        return Event(self.seq, self.t, self.by, payload, self.aid, self.v)

    def with_data(self, data: dict[str, Any]) -> Event[Payload]:
        """The same envelope around the payload of `data` (current version)."""
        return self.with_payload(decode_payload(self.payload.TYPE, data))

    def withheld(self) -> Event[P]:
        """The event as received by a viewer who may not see all of it (`Payload.withheld`)."""
        payload = self.payload.withheld()
        if payload is self.payload:
            return self
        return Event(self.seq, self.t, self.by, payload, self.aid, self.v)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Event) and self.seq == other.seq and self.t == other.t \
            and self.by == other.by and self.aid == other.aid and self.v == other.v \
            and self.payload == other.payload

    def __repr__(self) -> str:
        return f"Event(#{self.seq} {self.type} by {self.by or '-'} {self.data!r})"
