"""The session's state: everything the events have established so far.

Plain mutable dataclasses with slots: `evolve` is the only code that changes them, and keeping
them plain makes a replay of 100 000 events a second possible. `to_dict` gives the canonical form
used for hashing and snapshots.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from typing import Any, TypeVar

from .kinds import (
    AmendmentStatus,
    BarometreRound,
    CharacterStatus,
    NoteKind,
    PhaseKind,
    ProposalStatus,
    Reaction,
    RealRole,
    RoleKind,
    Stance,
    Subject,
)
from .plain import record_converter, record_loader
from .playback import Playback
from .scenario import Persona, PrivateObjective, Scenario


@dataclass(slots=True)
class Participant:
    id: str
    name: str
    joined_at: float
    persona: str | None = None
    role: RoleKind | None = None
    # the characters played before a new choice (a phase with `persona_choice`), in order
    past_personas: list[str] = field(default_factory=list)


# Records that evolve replaces but never changes are frozen: a snapshot copy shares them.
@dataclass(slots=True, frozen=True)
class Expectation:
    author: str
    text: str
    t: float


@dataclass(slots=True, frozen=True)
class Comment:
    id: str
    project: str
    author: str
    text: str
    t: float


@dataclass(slots=True)
class Note:
    id: str
    author: str
    role: RoleKind | None  # the author's, when the note was added
    space: str
    kind: NoteKind
    text: str
    enjeux: list[str]
    x: float
    y: float
    t: float


@dataclass(slots=True, frozen=True)
class Resource:
    id: str
    author: str
    space: str
    service: str
    metier: str | None
    use: str | None
    text: str
    t: float


@dataclass(slots=True, frozen=True)
class CafeNote:
    id: str
    table: str
    author: str
    rotation: int
    text: str
    t: float


@dataclass(slots=True, frozen=True)
class DraftItem:
    use: str
    why: str
    by: str


@dataclass(slots=True)
class Group:
    """`number`: 1, 2, 3… in the order the trainer's groups were formed; clients show it as
    « Groupe 2 » in their language."""

    id: str
    number: int
    members: list[str]
    draft: dict[str, DraftItem] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Argument:
    id: str
    group: str
    author: str
    stance: Stance
    text: str
    t: float


@dataclass(slots=True)
class Proposal:
    id: str
    author: str
    title: str
    text: str
    placements: dict[str, str]  # space -> use
    parents: list[str]
    group: str | None
    status: ProposalStatus
    t: float
    amendments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Amendment:
    id: str
    proposal: str
    author: str
    text: str
    add: dict[str, str]
    remove: list[str]
    status: AmendmentStatus
    t: float


@dataclass(slots=True, frozen=True)
class Position:
    option: str
    reason: str
    t: float


@dataclass(slots=True)
class Round:
    id: str
    subject: Subject
    number: int  # 1 for the first round on this subject, 2 after an amendment…
    opened_at: float
    positions: dict[str, Position] = field(default_factory=dict)
    closed_at: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    adopted: bool | None = None


@dataclass(slots=True, frozen=True)
class Placement:
    use: str
    year: int
    by: str


@dataclass(slots=True)
class PlanItem:
    id: str
    author: str
    group: str | None
    what: str
    lead: str
    quarter: int
    cost: float
    payer: str  # "bailleur", "charges" or the id of one of the scenario's `payers`
    space: str | None
    use: str | None
    experiment: bool
    criteria: str
    t: float
    final: bool = False
    hours: float = 0.0  # weekly hours added to the lead métier (from the item's quarter)


@dataclass(slots=True, frozen=True)
class CharterEntry:
    id: str
    rule: str
    space: str | None
    note: str
    author: str


@dataclass(slots=True, frozen=True)
class FloorRequest:
    """One request for the floor: who asked, and when."""

    participant: str
    t: float


@dataclass(slots=True)
class Question:
    """A question to the intervention's speaker: its author, text, upvoters (in order)."""

    id: str
    author: str
    text: str
    t: float
    voters: list[str] = field(default_factory=list)
    answered: bool = False


@dataclass(slots=True, frozen=True)
class SpaceCardLine:
    """One line of a space's card (« ce que l'îlot en dit »): the trainer's wording and the
    café notes it groups (ids; none for a line written from the talk). An edit replaces it."""

    id: str
    space: str
    text: str
    notes: list[str]
    t: float


@dataclass(slots=True)
class Experience:
    """A participant's own project, shared as a card beside the scenario's (rules/experiences.py).
    Its id is a project id too: reactions and comments on it are kept with the scenario's."""

    id: str
    author: str
    title: str
    where: str
    carried_by: str
    worked: str
    did_not: str
    figures: list[str]
    t: float  # when first shared (an edit keeps it)
    pinned: bool = False


@dataclass(slots=True)
class Character:
    """A character created by participants (rules/characters.py). `authors`: participant ids,
    the first is who created it. Its `objectives` reach only its authors, the trainer and its
    player (views); `objectives_count` is what everyone else knows of them."""

    id: str
    authors: list[str]
    name: str
    role: RoleKind
    age: str
    situation: str
    bio: str
    needs: str
    objectives: list[PrivateObjective]
    portrait: str
    status: CharacterStatus
    comment: str  # the trainer's, when sent back
    merged_into: str | None
    t: float
    approved_at: float | None
    objectives_count: int = 0

    def as_persona(self) -> Persona:
        """The character as a scenario persona (the fiche, objectives, debrief and bots read
        personas): its bio says age · situation · bio · needs."""
        bio = " · ".join(x for x in (self.age, self.situation, self.bio, self.needs) if x)
        return Persona.model_construct(
            id=self.id, role=self.role, name=self.name, bio=bio, metier=None, interests={},
            private_objectives=list(self.objectives), portrait=self.portrait)


@dataclass(slots=True)
class Evaluation:
    answers: dict[str, int]
    comment: str
    t: float


@dataclass(slots=True, frozen=True)
class BarometreAnswer:
    """One participant's place on one baromètre statement in one round (private to them)."""

    participant: str
    statement: str
    round: BarometreRound
    level: int
    real_role: RealRole
    t: float


@dataclass(slots=True, frozen=True)
class WhoAmI:
    """A participant's « qui suis-je » card (public: it is their introduction)."""

    participant: str
    real_role: RealRole
    organisation: str
    sentence: str
    t: float


def barometre_key(round: str, participant: str, statement: str) -> str:
    return f"{round}/{participant}/{statement}"


def tally_key(round: str, statement: str, real_role: str, level: int) -> str:
    return f"{round}/{statement}/{real_role}/{level}"


@dataclass(slots=True)
class State:
    scenario: Scenario
    seed: int
    created_at: float = 0.0
    seq: int = 0
    phase: int = 0
    phase_started_at: float = 0.0
    timer_ends_at: float | None = None
    timer_paused_left: float | None = None
    locked: bool = False
    participants: dict[str, Participant] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)  # (actor, client action id)
    expectations: dict[str, Expectation] = field(default_factory=dict)
    # project -> participant -> reaction
    reactions: dict[str, dict[str, Reaction]] = field(default_factory=dict)
    comments: dict[str, Comment] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    cafe_rotation: int = 0
    cafe_notes: dict[str, CafeNote] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    spotlight: str | None = None
    arguments: dict[str, Argument] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    amendments: dict[str, Amendment] = field(default_factory=dict)
    rounds: dict[str, Round] = field(default_factory=dict)
    schema: dict[str, Placement] = field(default_factory=dict)  # space -> placement
    plan: dict[str, PlanItem] = field(default_factory=dict)
    charter: dict[str, CharterEntry] = field(default_factory=dict)
    charter_adopted: bool = False
    final_adopted: bool = False
    evaluations: dict[str, Evaluation] = field(default_factory=dict)
    # the floor: requests in the order they were made, who speaks now and since when
    floor_queue: list[FloorRequest] = field(default_factory=list)
    speaker: str | None = None
    speaker_since: float | None = None
    closed_at: float | None = None  # when the trainer closed the session (None: open)
    invitation: bool = False  # the trainer asks the shared screens to show the invitation
    # the shared playback of the simulation's three years (rules/playback.py)
    playback: Playback = field(default_factory=Playback)
    # the baromètre: each answer (a viewer's state holds only their own, views.view_for), and
    # the anonymous counts every screen shows (`tally_key` -> how many, never 0)
    barometre: dict[str, BarometreAnswer] = field(default_factory=dict)
    barometre_tally: dict[str, int] = field(default_factory=dict)
    # questions to the intervention's speaker (rules/questions.py), by id
    questions: dict[str, Question] = field(default_factory=dict)
    # the « qui suis-je » cards, by participant id (rules/whoami.py)
    whoami: dict[str, WhoAmI] = field(default_factory=dict)
    # participants' own experience cards (rules/experiences.py), by id
    experiences: dict[str, Experience] = field(default_factory=dict)
    # the spaces' cards, line by line (rules/spacecards.py; read them with space_card.space_card)
    space_cards: dict[str, SpaceCardLine] = field(default_factory=dict)
    # characters created by participants (rules/characters.py), by id; whether the scenario's
    # personas are offered at the next choice; the phases (ids) whose persona choice was opened
    characters: dict[str, Character] = field(default_factory=dict)
    persona_pool_scenario: bool = True
    persona_choices_opened: list[str] = field(default_factory=list)

    # ----- derived helpers (read-only) -----
    @property
    def phase_kind(self) -> PhaseKind:
        return self.scenario.phases[self.phase].kind

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def persona(self, persona_id: str | None) -> Persona | None:
        """The persona of this id: the scenario's, or an approved created character's as a
        `Persona` (`Character.as_persona`). None for None or an unknown id."""
        if persona_id is None:
            return None
        p = self.scenario.index("persona").get(persona_id)
        if p is not None:
            return p
        ch = self.characters.get(persona_id)
        if ch is None or ch.status != CharacterStatus.APPROVED:
            return None
        return ch.as_persona()

    def in_queue(self, pid: str) -> bool:
        return any(r.participant == pid for r in self.floor_queue)

    def group_of(self, pid: str) -> str | None:
        for g in self.groups.values():
            if pid in g.members:
                return g.id
        return None

    def open_round(self, subject: Subject) -> Round | None:
        for r in self.rounds.values():
            if r.subject == subject and r.closed_at is None:
                return r
        return None

    def cafe_table_of(self, pid: str) -> str | None:
        """Tables are the scenario's café themes; participants rotate one table per rotation."""
        themes = self.scenario.cafe_themes
        if not themes or pid not in self.participants:
            return None
        order = list(self.participants)
        return themes[(order.index(pid) + self.cafe_rotation) % len(themes)].id

    def adopted_placements(self) -> dict[str, set[str]]:
        """space -> uses adopted through a proposal."""
        out: dict[str, set[str]] = {}
        for p in self.proposals.values():
            if p.status == ProposalStatus.ADOPTED:
                for space, use in p.placements.items():
                    out.setdefault(space, set()).add(use)
        return out

    def to_dict(self, include_seen: bool = True, for_hash: bool = False) -> dict[str, Any]:
        """Canonical plain form (scenario replaced by its id). For the state hash (`for_hash`),
        the fields added after the first log format (`LATER_STATE_FIELDS`) are left out while at
        their default value, so that a log written before they existed keeps its hash."""
        out: dict[str, Any] = {}
        for f in fields(self):
            name = f.name
            if name == "scenario":
                out["scenario"] = self.scenario.id
            elif name == "seen" and not include_seen:
                out["seen"] = []
            else:
                value = _plain(getattr(self, name))
                if not for_hash or name not in LATER_STATE_FIELDS \
                        or value != LATER_STATE_FIELDS[name]:
                    out[name] = value
        return out

    def clone(self) -> State:
        """A deep copy sharing the (frozen) scenario (about 30x faster than copy.deepcopy)."""
        from .fastcopy import clone_state

        return clone_state(self)


R = TypeVar("R")


def _load_map(cls: type[R], d: dict[str, Any]) -> dict[str, R]:
    load = record_loader(cls)
    return {k: load(v) for k, v in d.items()}


def state_from_dict(scenario: Scenario, d: dict[str, Any]) -> State:
    """Rebuild a State from `State.to_dict()` (or a view of it) and its scenario: the plain
    strings of its kinds become their enums again, a round's subject a `Subject`."""
    s = State(scenario=scenario, seed=d["seed"])
    for key in ("created_at", "seq", "phase", "phase_started_at", "timer_ends_at",
                "timer_paused_left", "locked", "cafe_rotation", "spotlight",
                "charter_adopted", "final_adopted"):
        setattr(s, key, d[key])
    s.seen = {(a, b) for a, b in d["seen"]}
    s.participants = _load_map(Participant, d["participants"])
    s.expectations = _load_map(Expectation, d["expectations"])
    s.reactions = {k: {pid: Reaction(r) for pid, r in v.items()} for k, v in d["reactions"].items()}
    s.comments = _load_map(Comment, d["comments"])
    s.notes = _load_map(Note, d["notes"])
    s.resources = _load_map(Resource, d["resources"])
    s.cafe_notes = _load_map(CafeNote, d["cafe_notes"])
    s.groups = {}
    for gid, g in d["groups"].items():
        s.groups[gid] = Group(g["id"], g["number"], list(g["members"]),
                              _load_map(DraftItem, g["draft"]))
    s.arguments = _load_map(Argument, d["arguments"])
    s.proposals = _load_map(Proposal, d["proposals"])
    s.amendments = _load_map(Amendment, d["amendments"])
    s.rounds = {}
    load_round = record_loader(Round)
    for rid, r in d["rounds"].items():
        r = dict(r)
        r["positions"] = _load_map(Position, r["positions"])
        s.rounds[rid] = load_round(r)
    s.schema = _load_map(Placement, d["schema"])
    s.plan = _load_map(PlanItem, d["plan"])
    s.charter = _load_map(CharterEntry, d["charter"])
    s.evaluations = _load_map(Evaluation, d["evaluations"])
    load_request = record_loader(FloorRequest)
    s.floor_queue = [load_request(r) for r in d.get("floor_queue", ())]
    s.speaker = d.get("speaker")
    s.speaker_since = d.get("speaker_since")
    s.closed_at = d.get("closed_at")
    s.invitation = d.get("invitation", False)
    if "playback" in d:
        s.playback = record_loader(Playback)(d["playback"])
    s.barometre = _load_map(BarometreAnswer, d.get("barometre", {}))
    s.barometre_tally = dict(d.get("barometre_tally", {}))
    s.questions = _load_map(Question, d.get("questions", {}))
    s.whoami = _load_map(WhoAmI, d.get("whoami", {}))
    s.experiences = _load_map(Experience, d.get("experiences", {}))
    s.space_cards = _load_map(SpaceCardLine, d.get("space_cards", {}))
    load_character = record_loader(Character)
    for cid, ch in d.get("characters", {}).items():
        ch = dict(ch)
        ch["objectives"] = [PrivateObjective.model_validate(o) for o in ch["objectives"]]
        s.characters[cid] = load_character(ch)
    s.persona_pool_scenario = d.get("persona_pool_scenario", True)
    s.persona_choices_opened = list(d.get("persona_choices_opened", ()))
    return s


# Fields added after the first log format, left out of the canonical form while at their default
# value: a log written before they existed keeps its state hash (see tests/core/golden).
LATER_FIELDS: dict[type, dict[str, Any]] = {PlanItem: {"hours": 0.0},
                                             Participant: {"past_personas": []}}
# The same for the State's own fields (their plain default value).
LATER_STATE_FIELDS: dict[str, Any] = {"floor_queue": [], "speaker": None, "speaker_since": None,
                                      "closed_at": None, "invitation": False,
                                      "playback": {"quarter": 12, "playing": False, "since": None},
                                      "barometre": {}, "barometre_tally": {}, "questions": {},
                                      "whoami": {}, "experiences": {}, "space_cards": {},
                                      "characters": {}, "persona_pool_scenario": True,
                                      "persona_choices_opened": []}
_RECORDS: dict[type, Any] = {}  # record class -> its plain-form converter (see plain.py)


def _plain(value: Any) -> Any:
    conv = _RECORDS.get(type(value))
    if conv is not None:
        return conv(value)
    if is_dataclass(value) and not isinstance(value, type):
        t = type(value)
        conv = _RECORDS[t] = record_converter(t, LATER_FIELDS.get(t, {}))
        return conv(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, set):
        return sorted(list(x) if isinstance(x, tuple) else x for x in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def new_state(scenario: Scenario, seed: int | None = None, created_at: float = 0.0) -> State:
    return State(scenario=scenario, seed=scenario.seed if seed is None else seed, created_at=created_at)
