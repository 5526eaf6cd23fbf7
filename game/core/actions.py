"""Actions: what a participant or the trainer asks for. Each carries a client action id `id`.

Validation of shape (types, lengths) happens here with pydantic; everything that depends on the
state happens in `decide`. `parse_action` turns any incoming mapping into an action or raises a
Rejection, so bad input never goes further.

The models are strict (no coercion), except that a coded kind (`kinds.*`) is given as its
string value, as it arrives from msgpack: the `…In` aliases below (`NoteKindIn`…) accept exactly
those strings (and the members) and refuse anything else with the error a `Literal` gave.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from .kinds import NoteKind, PlaybackCommand, Reaction, RealRole, RoleKind, Stance
from .rejections import Rejection

Text = Annotated[str, Field(max_length=2000)]
# Required texts are stripped first: "   " is no text at all.
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Ref = Annotated[str, Field(min_length=1, max_length=64)]
Aid = Annotated[str, Field(min_length=1, max_length=64)]


def _only_strings(kind: type[StrEnum]) -> Callable[[Any], Any]:
    """A kind arrives as its string value; anything else (bytes included, which lax enum
    validation would decode) is refused with the message a `Literal` of the values gave."""
    values = [repr(m.value) for m in kind]
    expected = values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"

    def check(value: Any) -> Any:
        if isinstance(value, str):
            return value
        raise PydanticCustomError("enum", "Input should be {expected}", {"expected": expected})
    return check


NoteKindIn = Annotated[NoteKind, Strict(False), BeforeValidator(_only_strings(NoteKind))]
ReactionIn = Annotated[Reaction, Strict(False), BeforeValidator(_only_strings(Reaction))]
StanceIn = Annotated[Stance, Strict(False), BeforeValidator(_only_strings(Stance))]
PlaybackCommandIn = Annotated[PlaybackCommand, Strict(False),
                              BeforeValidator(_only_strings(PlaybackCommand))]
RealRoleIn = Annotated[RealRole, Strict(False), BeforeValidator(_only_strings(RealRole))]
RoleKindIn = Annotated[RoleKind, Strict(False), BeforeValidator(_only_strings(RoleKind))]


class A(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)
    id: Aid


# --- accueil ---
class Join(A):
    type: Literal["join"] = "join"
    name: Short


class Rename(A):
    type: Literal["rename"] = "rename"
    name: Short


class ChoosePersona(A):
    type: Literal["choose_persona"] = "choose_persona"
    persona: Ref


class WriteExpectation(A):
    type: Literal["write_expectation"] = "write_expectation"
    text: Body


# --- projets inspirants ---
class ReactProject(A):
    type: Literal["react_project"] = "react_project"
    project: Ref
    reaction: ReactionIn


class CommentProject(A):
    type: Literal["comment_project"] = "comment_project"
    project: Ref
    text: Body


# --- état des lieux ---
class AddNote(A):
    type: Literal["add_note"] = "add_note"
    space: Ref
    kind: NoteKindIn
    text: Body
    enjeux: list[Ref] = Field([], max_length=8)
    x: float | None = Field(None, allow_inf_nan=False)
    y: float | None = Field(None, allow_inf_nan=False)


class EditNote(A):
    type: Literal["edit_note"] = "edit_note"
    note: Ref
    text: Body
    enjeux: list[Ref] = Field([], max_length=8)
    kind: NoteKindIn | None = None


class RemoveNote(A):
    type: Literal["remove_note"] = "remove_note"
    note: Ref


# --- ressources communes ---
class AddResource(A):
    type: Literal["add_resource"] = "add_resource"
    space: Ref
    service: Short
    use: Ref | None = None
    metier: Ref | None = None
    text: Text = ""


class RemoveResource(A):
    type: Literal["remove_resource"] = "remove_resource"
    resource: Ref


# --- world café ---
class CafeNoteAction(A):
    type: Literal["cafe_note"] = "cafe_note"
    table: Ref
    text: Body


# --- ateliers ---
class DraftPlace(A):
    type: Literal["draft_place"] = "draft_place"
    space: Ref
    use: Ref
    why: Text = ""


class DraftClear(A):
    type: Literal["draft_clear"] = "draft_clear"
    space: Ref


# --- mise en commun ---
class Argue(A):
    type: Literal["argue"] = "argue"
    group: Ref
    stance: StanceIn
    text: Body


# --- délibération ---
class Propose(A):
    type: Literal["propose"] = "propose"
    title: Short
    text: Text = ""
    placements: dict[Ref, Ref] = Field({}, max_length=64)
    from_group: Ref | None = None


class Withdraw(A):
    type: Literal["withdraw"] = "withdraw"
    proposal: Ref


class MergeProposals(A):
    type: Literal["merge_proposals"] = "merge_proposals"
    proposals: list[Ref] = Field(min_length=2, max_length=16)
    title: Short
    text: Text = ""


class Amend(A):
    type: Literal["amend"] = "amend"
    proposal: Ref
    text: Body
    add: dict[Ref, Ref] = Field({}, max_length=64)
    remove: list[Ref] = Field([], max_length=64)


class DecideAmendment(A):
    type: Literal["decide_amendment"] = "decide_amendment"
    amendment: Ref
    accept: bool


class TakePosition(A):
    type: Literal["take_position"] = "take_position"
    round: Ref
    option: Ref
    reason: Text = ""


# --- schéma directeur ---
class SchemaPlace(A):
    type: Literal["schema_place"] = "schema_place"
    space: Ref
    use: Ref
    year: int = Field(ge=1, le=3)


class SchemaRemove(A):
    type: Literal["schema_remove"] = "schema_remove"
    space: Ref


# --- plan d'action ---
class PlanFields(A):
    what: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    lead: Ref
    quarter: int = Field(ge=1, le=12)
    cost: float = Field(ge=0, le=10_000_000, allow_inf_nan=False)
    payer: Ref = Field(description="A payer of the scenario: \"bailleur\", \"charges\" or the id "
                       "of one of its `payers` (rules refuse another: unknown_payer)")
    space: Ref | None = None
    use: Ref | None = None
    experiment: bool = False
    criteria: Text = ""
    hours: float = Field(0, ge=0, le=80, allow_inf_nan=False,
                         description="Weekly hours this item adds to its lead métier")


class PlanAdd(PlanFields):
    type: Literal["plan_add"] = "plan_add"


class PlanEdit(PlanFields):
    type: Literal["plan_edit"] = "plan_edit"
    item: Ref


class PlanRemove(A):
    type: Literal["plan_remove"] = "plan_remove"
    item: Ref


class RuleAdd(A):
    type: Literal["rule_add"] = "rule_add"
    rule: Ref
    space: Ref | None = None
    note: Text = ""


class RuleRemove(A):
    type: Literal["rule_remove"] = "rule_remove"
    entry: Ref


# --- synthèse ---
class Evaluate(A):
    type: Literal["evaluate"] = "evaluate"
    answers: dict[Ref, Annotated[int, Field(ge=1, le=5)]] = Field(max_length=32)
    comment: Text = ""


# --- trainer ---
class SetPhase(A):
    type: Literal["set_phase"] = "set_phase"
    phase: int = Field(ge=0, le=100)


class SetTimer(A):
    type: Literal["set_timer"] = "set_timer"
    seconds: float | None = Field(None, ge=0, le=24 * 3600, allow_inf_nan=False)
    paused: bool = False


class SetLock(A):
    type: Literal["set_lock"] = "set_lock"
    locked: bool


class FormGroups(A):
    """Either `groups` (lists of participant ids) or `random` groups of mixed roles."""

    type: Literal["form_groups"] = "form_groups"
    count: int = Field(ge=1, le=30)
    random: bool = True
    groups: list[list[Ref]] = Field([], max_length=30)
    keep_drafts: bool = Field(True, description="Each group id keeps the draft it had")


class MoveMember(A):
    type: Literal["move_member"] = "move_member"
    participant: Ref
    group: Ref


class Spotlight(A):
    type: Literal["spotlight"] = "spotlight"
    group: Ref | None = None


class RotateCafe(A):
    type: Literal["rotate_cafe"] = "rotate_cafe"


class OpenRound(A):
    type: Literal["open_round"] = "open_round"
    subject: Annotated[str, Field(min_length=1, max_length=80)]  # kinds.Subject's wire form


class CloseRound(A):
    type: Literal["close_round"] = "close_round"
    round: Ref


class FinalisePlan(A):
    """Mark the given items as the single final plan (the rest stay as group drafts)."""

    type: Literal["finalise_plan"] = "finalise_plan"
    items: list[Ref] = Field(max_length=200)


# --- the floor (demandes de parole): any phase, even while the session is locked ---
class AskFloor(A):
    """A participant asks for the floor: they join the end of the queue."""

    type: Literal["ask_floor"] = "ask_floor"


class WithdrawFloor(A):
    """A participant takes their request back: they leave the queue."""

    type: Literal["withdraw_floor"] = "withdraw_floor"


class GiveFloor(A):
    """The trainer gives the floor to `participant` (the first of the queue when None)."""

    type: Literal["give_floor"] = "give_floor"
    participant: Ref | None = None


class EndTurn(A):
    """The current speaker's turn ends (the trainer, or the speaker saying they are done)."""

    type: Literal["end_turn"] = "end_turn"


class ClearFloor(A):
    """The trainer empties the queue of requests (the speaker, if any, keeps the floor)."""

    type: Literal["clear_floor"] = "clear_floor"


# --- the questions to an outside speaker (intervention phase) ---
class QuestionAsk(A):
    """A participant asks the speaker a question."""

    type: Literal["question_ask"] = "question_ask"
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class QuestionUpvote(A):
    """A participant upvotes someone else's question; a second upvote takes it back."""

    type: Literal["question_upvote"] = "question_upvote"
    question: Ref


class QuestionAnswer(A):
    """The trainer marks a question answered."""

    type: Literal["question_answer"] = "question_answer"
    question: Ref


class QuestionRemove(A):
    """The trainer removes a question out of place."""

    type: Literal["question_remove"] = "question_remove"
    question: Ref


# --- the end of the session ---
class CloseSession(A):
    """The trainer closes the session: from then on the room is read-only."""

    type: Literal["close_session"] = "close_session"


class ReopenSession(A):
    """The trainer reopens a closed session (a mistake must not be final)."""

    type: Literal["reopen_session"] = "reopen_session"


class ShowInvitation(A):
    """The trainer shows (or hides) the invitation, join code and link, on every shared screen."""

    type: Literal["show_invitation"] = "show_invitation"
    shown: bool = True


class SimulationPlayback(A):
    """The trainer plays the simulation's three years quarter by quarter on every screen."""

    type: Literal["simulation_playback"] = "simulation_playback"
    command: PlaybackCommandIn
    quarter: int | None = Field(None, ge=0, le=12)  # for `seek`


class BarometrePlace(A):
    """A participant places themself on a baromètre statement (1 « pas du tout d'accord » … 5
    « tout à fait d'accord »), with their real-life role (kept from an earlier answer if None)."""

    type: Literal["barometre_place"] = "barometre_place"
    statement: Ref
    level: int = Field(ge=1, le=5)
    real_role: RealRoleIn | None = None


# --- « qui suis-je »: each participant's introduction card ---
Organisation = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class SetWhoami(A):
    """A participant writes (or rewrites) their « qui suis-je » card: real-life role,
    organisation and one sentence (both may be left empty)."""

    type: Literal["whoami_set"] = "whoami_set"
    real_role: RealRoleIn
    organisation: Organisation = ""
    sentence: Sentence = ""


class ClearWhoami(A):
    """The trainer clears a participant's card that is out of place."""

    type: Literal["whoami_clear"] = "whoami_clear"
    participant: Ref
# --- participants' own experiences (projets inspirants) ---
_Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
_Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]
_Who = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]
_Story = Annotated[str, StringConstraints(strip_whitespace=True, max_length=600)]


class ExperienceShare(A):
    """A participant shares a project of their own as a card (`experience` None), or edits one
    of theirs (`experience`: its id). Empty figures are dropped."""

    type: Literal["experience_share"] = "experience_share"
    experience: Ref | None = None
    title: _Title
    where: _Line = ""
    carried_by: _Who = ""
    worked: _Story = ""
    did_not: _Story = ""
    figures: list[_Line] = Field([], max_length=2)


class ExperiencePin(A):
    """The trainer pins a participant's experience card for the group (or unpins it)."""

    type: Literal["experience_pin"] = "experience_pin"
    experience: Ref
    pinned: bool = True


class ExperienceRemove(A):
    """The trainer removes an experience card out of place (with its reactions and comments)."""

    type: Literal["experience_remove"] = "experience_remove"
    experience: Ref
# --- the spaces' cards (« ce que l'îlot en dit »), built by the trainer from the café notes ---
class SetSpaceCardLine(A):
    """The trainer adds a line to a space's card (`line` None) or edits line `line`: its
    wording and the café notes it groups (none: a line written from the talk)."""

    type: Literal["space_card_line"] = "space_card_line"
    line: Ref | None = None
    space: Ref
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    notes: list[Ref] = Field(default_factory=list, max_length=40)


class RemoveSpaceCardLine(A):
    """The trainer removes a line from a space's card."""

    type: Literal["space_card_remove"] = "space_card_remove"
    line: Ref
# --- the characters participants create (personnages phase, rules/characters.py) ---
Upto30 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=30)]
Upto120 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]
Upto300 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Upto400 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=400)]
Upto600 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=600)]
PORTRAIT_PATTERN = r"^[a-z0-9_-]{1,40}$"


class CharacterFields(A):
    """What a created character says. Its objectives are PrivateObjective dicts (the scenario
    format's), checked against the scenario by the rule."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    role: RoleKindIn
    age: Upto30 = ""
    situation: Upto120 = ""
    bio: Upto600 = ""
    needs: Upto400 = ""
    objectives: list[dict[str, Any]] = Field([], max_length=2)
    portrait: Annotated[str, StringConstraints(pattern=PORTRAIT_PATTERN)]


class CharacterWrite(CharacterFields):
    """A participant writes a new character (`character` None) or edits one they author."""

    type: Literal["character_write"] = "character_write"
    character: Ref | None = None
    coauthors: list[Ref] = Field([], max_length=3)


class CharacterEdit(CharacterFields):
    """The trainer edits any character not merged."""

    type: Literal["character_edit"] = "character_edit"
    character: Ref


class CharacterReview(A):
    """The trainer approves a character or sends it back with a comment (required then)."""

    type: Literal["character_review"] = "character_review"
    character: Ref
    decision: Literal["approve", "send_back"]
    comment: Upto300 = ""


class CharacterMerge(A):
    """The trainer merges characters into one of them (`into` keeps its own fields)."""

    type: Literal["character_merge"] = "character_merge"
    characters: list[Ref] = Field(min_length=2, max_length=10)
    into: Ref


class CharacterRemove(A):
    """The trainer removes a character out of place."""

    type: Literal["character_remove"] = "character_remove"
    character: Ref


class PersonaPool(A):
    """The trainer says whether the scenario's personas are offered at the next choice."""

    type: Literal["persona_pool"] = "persona_pool"
    scenario: bool



# --- the trainer removes what is out of place (rules/moderation.py) ---
class CommentRemove(A):
    """The trainer removes a comment out of place (on a project or an experience card)."""

    type: Literal["comment_remove"] = "comment_remove"
    comment: Ref


class CafeNoteRemove(A):
    """The trainer removes a world-café note out of place (and from the card lines grouping it)."""

    type: Literal["cafe_note_remove"] = "cafe_note_remove"
    note: Ref


Action = Annotated[
    (
        Join | Rename | ChoosePersona | WriteExpectation | ReactProject | CommentProject | AddNote |
        EditNote | RemoveNote | AddResource | RemoveResource | CafeNoteAction | DraftPlace |
        DraftClear | Argue | Propose | Withdraw | MergeProposals | Amend | DecideAmendment |
        TakePosition | SchemaPlace | SchemaRemove | PlanAdd | PlanEdit | PlanRemove | RuleAdd |
        RuleRemove | Evaluate | SetPhase | SetTimer | SetLock | FormGroups | MoveMember |
        Spotlight | RotateCafe | OpenRound | CloseRound | FinalisePlan | AskFloor |
        WithdrawFloor | GiveFloor | EndTurn | ClearFloor | CloseSession | ReopenSession |
        ShowInvitation | SimulationPlayback | BarometrePlace | QuestionAsk | QuestionUpvote |
        QuestionAnswer | QuestionRemove | SetWhoami | ClearWhoami |
        ExperienceShare | ExperiencePin | ExperienceRemove | SetSpaceCardLine | RemoveSpaceCardLine |
        CharacterWrite | CharacterEdit | CharacterReview |
        CharacterMerge | CharacterRemove | PersonaPool | CommentRemove | CafeNoteRemove
    ),
    Field(discriminator="type"),
]

_ADAPTER: TypeAdapter[A] = TypeAdapter(Action)
# every action class, by its type name
ACTION_CLASSES: dict[str, type[A]] = {
    m.model_fields["type"].default: m for m in typing.get_args(typing.get_args(Action)[0])
}
ACTION_TYPES: frozenset[str] = frozenset(ACTION_CLASSES)


def action_type(cls: type[A]) -> str:
    """The type name of an action class (`Join` → "join")."""
    name: str = cls.model_fields["type"].default
    return name


def parse_action(data: object) -> A:
    """Turn an incoming mapping into an action, or raise a Rejection that says why."""
    if not isinstance(data, dict):
        raise Rejection("invalid_action")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in ACTION_TYPES:  # a list would not even hash
        raise Rejection("unknown_action", detail=str(kind)[:40])
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"][1:])
        raise Rejection("invalid_action", detail=f"{where}: {first['msg']}"[:200]) from None
