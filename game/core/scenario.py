"""The scenario a trainer writes: the block, its people, its catalogues and the session's phases.

Every model is frozen and forbids unknown keys, so a typo in a trainer's JSON is an error with a
path, not a silently ignored field. Cross-references between sections are checked separately in
`scenario_check`, which turns every problem into a plain French/English sentence with a JSON path.
"""

from __future__ import annotations

from typing import Any, Literal, overload

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import InitErrorDetails

from .kinds import (
    Better,
    ConsentTally,
    IncomeTarget,
    ObjectiveDirection,
    ObjectiveKind,
    Payer,
    PayerKind,
    PhaseKind,
    RoleKind,
    SpaceLevel,
    UseAttach,
)
from .space_parts import expand_spaces

Id = str
ROLE_KINDS: tuple[RoleKind, ...] = tuple(RoleKind)
PHASE_KINDS: tuple[PhaseKind, ...] = tuple(PhaseKind)

Point = tuple[float, float]
# A clock time of the agenda: "09:30", also "9:30" or "9h30" (agenda.minutes_of reads them).
CLOCK_PATTERN = r"^([01]?[0-9]|2[0-3])[:hH][0-5][0-9]$"


class Model(BaseModel):
    # defaults validated too: a float field defaulting to `0` holds 0.0, as it does once the
    # scenario has been stored and read back (a replayed state must equal the live one, to the byte)
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


class MapInfo(Model):
    """Size of the map in map units (roughly metres); polygons are given in these units."""

    width: float = Field(gt=0)
    height: float = Field(gt=0)
    north_label: str = "N"


class Building(Model):
    id: Id
    name: str
    polygon: list[Point] = Field(min_length=3)
    floors: int = Field(ge=1)
    households: int = Field(ge=0)
    description: str = ""


class SpaceKind(Model):
    id: Id
    label: str


class Constraint(Model):
    """A constraint of spaces (« sol pollué », « accès pompiers »). It may cost: `investment`
    and `running_cost_per_year` are added to those of any use placed on a space that has it
    (a dépollution before a garden), and `effects` apply while such a use runs."""

    id: Id
    label: str
    investment: float = Field(0, ge=0, description="Euros, once, added to the investment of "
                              "any use placed on a space with this constraint")
    running_cost_per_year: float = Field(0, ge=0, description="Euros a year added to the "
                                         "running cost of any use placed on such a space")
    effects: dict[Id, float] = Field({}, description="Change of indicators while a use runs on "
                                     "such a space (ramped in as the use)")


class Space(Model):
    """A collective space: hall, cour, local vélos, toit-terrasse…

    A space with `capacity` k > 1 takes k uses: the game plays it as k parts (`space_parts`),
    each a space of its own whose `parent` is this space's id.
    """

    id: Id
    name: str
    kind: Id
    polygon: list[Point] = Field(min_length=3)
    area_m2: float = Field(gt=0)
    condition: int = Field(ge=0, le=100, description="État: 0 very degraded, 100 as new")
    current_use: str = Field("", description="What the space is used for today, in words")
    constraints: list[Id] = []
    neighbours: list[Id] = Field([], description="Ids of adjacent spaces (for use conflicts)")
    building: Id | None = None
    description: str = ""
    capacity: int = Field(1, ge=1, le=6, description="How many uses it takes side by side: "
                                                   "the game splits it into that many parts")
    level: SpaceLevel = Field(SpaceLevel.GROUND, description="basement, ground, upper or roof")
    parent: Id | None = Field(None, description="Set by the game on a part: the space it is "
                                                "part of; a scenario leaves it out")


class Role(Model):
    kind: RoleKind
    name: str
    description: str = ""


class PrivateObjective(Model):
    """Shown only to the persona's player; judged on the plan at the end of the 3 years and
    revealed at the debrief (`game.core.objectives.judge`).

    `kind` says what is measured and which fields it needs (`OBJECTIVE_NEEDS`); left out, it is
    `indicator` when `indicator` or `target` is given (files written before kinds existed),
    else `judged` (« jugé par le groupe »: what no number can say).
    """

    text: str
    kind: ObjectiveKind = ObjectiveKind.JUDGED
    indicator: Id | None = Field(None, description="indicator, indicator_change")
    target: float | None = Field(None, description="indicator: the value to reach")
    direction: ObjectiveDirection = Field(
        ObjectiveDirection.AT_LEAST, description="indicator: at_least (default) or at_most target")
    min_gain: float | None = Field(
        None, description="indicator_change: the least improvement, start to end, in the "
                          "indicator's better direction (0: it must not get worse)")
    euros: float | None = Field(
        None, ge=0, description="charges_ceiling: most charges per household per month; "
                                "charges_rise: most rise over the base; investment: most invested "
                                "(left out: the scenario's investment budget)")
    metier: Id | None = Field(None, description="workload: the métier that must not be overloaded")
    margin_hours: float = Field(
        0, ge=0, description="workload: weekly hours that must stay free (needed ≤ available − margin)")
    percent: float | None = Field(
        None, ge=0, description="overload: most hours needed above those available, all métiers, "
                                "in % of the hours available")
    uses: list[Id] = Field(
        [], description="use: any of these uses running at the end; no_use: none of them "
                        "(left out: no use at all in `space`); experiment_kept: only these uses")
    space: Id | None = Field(None, description="use, no_use, rule: in this space only")
    rule: Id | None = Field(None, description="rule: the management rule to adopt in the charter")
    count: int = Field(1, ge=1, description="experiment_kept: how many experiments kept")

    @model_validator(mode="before")
    @classmethod
    def _default_kind(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("kind") is None:
            data = {k: v for k, v in data.items() if k != "kind"}
            legacy = data.get("indicator") is not None or data.get("target") is not None
            data["kind"] = ObjectiveKind.INDICATOR if legacy else ObjectiveKind.JUDGED
        return data

    @model_validator(mode="after")
    def _needs(self) -> PrivateObjective:
        """Each field the kind needs is given: a missing one is reported at its own path."""
        missing = [f for f in OBJECTIVE_NEEDS[self.kind] if getattr(self, f) in (None, [])]
        if self.kind == ObjectiveKind.NO_USE and not self.uses and self.space is None:
            missing.append("space")
        if missing:
            raise ValidationError.from_exception_data(
                "PrivateObjective",
                [InitErrorDetails(type="missing", loc=(f,), input=self.model_dump()) for f in missing])
        return self


# The fields each objective kind needs, and those it reads (any other field set is an error
# of the scenario check: it would be silently ignored).
OBJECTIVE_NEEDS: dict[ObjectiveKind, tuple[str, ...]] = {
    ObjectiveKind.INDICATOR: ("indicator", "target"),
    ObjectiveKind.INDICATOR_CHANGE: ("indicator", "min_gain"),
    ObjectiveKind.CHARGES_CEILING: ("euros",),
    ObjectiveKind.CHARGES_RISE: ("euros",),
    ObjectiveKind.WORKLOAD: ("metier",),
    ObjectiveKind.OVERLOAD: ("percent",),
    ObjectiveKind.INVESTMENT: (),
    ObjectiveKind.USE: ("uses",),
    ObjectiveKind.NO_USE: (),  # `uses` or `space`, at least one
    ObjectiveKind.EXPERIMENT_KEPT: (),
    ObjectiveKind.RULE: ("rule",),
    ObjectiveKind.JUDGED: (),
}
OBJECTIVE_READS: dict[ObjectiveKind, frozenset[str]] = {
    ObjectiveKind.INDICATOR: frozenset({"indicator", "target", "direction"}),
    ObjectiveKind.INDICATOR_CHANGE: frozenset({"indicator", "min_gain"}),
    ObjectiveKind.CHARGES_CEILING: frozenset({"euros"}),
    ObjectiveKind.CHARGES_RISE: frozenset({"euros"}),
    ObjectiveKind.WORKLOAD: frozenset({"metier", "margin_hours"}),
    ObjectiveKind.OVERLOAD: frozenset({"percent"}),
    ObjectiveKind.INVESTMENT: frozenset({"euros"}),
    ObjectiveKind.USE: frozenset({"uses", "space"}),
    ObjectiveKind.NO_USE: frozenset({"uses", "space"}),
    ObjectiveKind.EXPERIMENT_KEPT: frozenset({"uses", "count"}),
    ObjectiveKind.RULE: frozenset({"rule", "space"}),
    ObjectiveKind.JUDGED: frozenset(),
}


class Persona(Model):
    id: Id
    role: RoleKind
    name: str
    bio: str
    metier: Id | None = None
    interests: dict[Id, float] = Field({}, description="Weight of each indicator for this persona")
    private_objectives: list[PrivateObjective] = []
    portrait: str | None = Field(
        None, pattern=r"^[a-z0-9_-]{1,40}$",
        description="A portrait id from the game's set (assets/), e.g. \"p07\"; left out: none")


class Metier(Model):
    id: Id
    name: str
    role: RoleKind = RoleKind.CARETAKER
    hours_per_week: float = Field(ge=0)
    hourly_cost: float = Field(0, ge=0, description="Cost of an extra hour, euros")


class Indicator(Model):
    id: Id
    name: str
    initial: float
    min: float = 0
    max: float = 100
    unit: str = ""
    better: Better = Better.HIGHER  # "lower": a rise is bad news (vacancy, tags, complaints)
    satisfaction_of: RoleKind | None = None
    description: str = ""

    def gain(self, change: float) -> float:
        """`change` seen as progress: positive when the indicator got better."""
        return change if self.better == Better.HIGHER else -change


class Criterion(Model):
    """An experiment succeeds when `indicator` moved by at least `min_change` over its run."""

    indicator: Id
    min_change: float


class ExperimentSpec(Model):
    months: int = Field(ge=1, le=36)
    criteria: list[Criterion] = Field(min_length=1)


class UseConflict(Model):
    """Effects applied when the use sits in a space with `constraint`, or next to `with_use`."""

    with_use: Id | None = None
    with_constraint: Id | None = None
    effects: dict[Id, float]
    reason: str


class Use(Model):
    """A use of the catalogue: on a space (`attach` "space", the default), or a service of the
    îlot or of a building with no space (a night patrol, a médiation service), which a plan item
    starts and which has no `allowed_kinds`, conflicts or neighbours."""

    id: Id
    name: str
    icon: str = Field("", max_length=3, description="One to three letters drawn on the map")
    colour: str = Field("#7f8c8d", pattern=r"^#[0-9a-fA-F]{6}$")
    description: str = ""
    attach: UseAttach = Field(UseAttach.SPACE, description="space: placed on a space; ilot or "
                              "building: a service with no space, started by a plan item")
    building: Id | None = Field(None, description="The building a service with attach "
                                "\"building\" serves")
    allowed_kinds: list[Id] = Field([], description="Space kinds where it may go (at least one "
                                    "for a use on a space; none for a service)")
    min_area_m2: float = Field(0, ge=0)
    investment: float = Field(ge=0, description="Euros, once")
    running_cost_per_year: float = Field(ge=0, description="Euros per year")
    recoverable_share: float = Field(
        1.0, ge=0, le=1, description="Share of running cost passed on to tenants' charges"
    )
    maintenance_hours: dict[Id, float] = Field({}, description="Weekly hours by métier")
    effects: dict[Id, float] = Field({}, description="Change of each indicator once running")
    conflicts: list[UseConflict] = []
    experiment: ExperimentSpec | None = None
    income_per_year: float = Field(0, ge=0, description="Euros a year the use brings while it "
                                   "runs (rented boxes, a café's takings)")
    income_lowers: IncomeTarget = Field(IncomeTarget.OPERATING, description="What the income "
                                        "lowers: the bailleur's operating cost or the charges")


class Funder(Model):
    """Who may pay a plan item (`payers`). The landlord (`bailleur`) and the tenants' charges
    (`charges`) always exist; an entry with one of these ids names them, any other id is another
    funder (city, subsidy, partner…) with, optionally, the money it puts in over 3 years."""

    id: Id
    name: str
    kind: PayerKind
    budget: float | None = Field(None, ge=0, description="Euros over 3 years (not for the "
                                 "landlord, whose budget is budget.investment_total, nor the "
                                 "charges)")
    description: str = ""


BUILT_IN_PAYERS = {Payer.BAILLEUR: PayerKind.LANDLORD, Payer.CHARGES: PayerKind.CHARGES}
_BUILT_IN_KINDS: dict[str, PayerKind] = {str(k): v for k, v in BUILT_IN_PAYERS.items()}


class Budget(Model):
    investment_total: float = Field(ge=0, description="Investment available over 3 years, euros")
    operating_per_year: float = Field(ge=0)
    households: int = Field(ge=1)
    base_charges_per_household_month: float = Field(ge=0)


class Enjeu(Model):
    id: Id
    label: str
    description: str = ""


class InspiringProject(Model):
    id: Id
    title: str
    place: str
    summary: str
    lessons: list[str] = []
    enjeux: list[Id] = []


class CafeTheme(Model):
    id: Id
    title: str
    question: str


class ManagementRule(Model):
    id: Id
    title: str
    description: str = ""
    applies_to: list[Id] = Field(min_length=1, description="Space kinds")
    opens: str = ""
    cleans: str = ""
    keys: str = ""
    hours: str = ""
    maintenance_hours: dict[Id, float] = {}
    effects: dict[Id, float] = {}


class Trigger(Model):
    """When a scenario event fires during the simulation.

    `quarter` fixes it; `chance` draws it each quarter in [from_quarter, to_quarter] from the
    session seed; `indicator` with `below`/`above` fires it the first quarter the condition holds.
    """

    quarter: int | None = Field(None, ge=1, le=12)
    chance: float | None = Field(None, gt=0, le=1)
    from_quarter: int = Field(1, ge=1, le=12)
    to_quarter: int = Field(12, ge=1, le=12)
    indicator: Id | None = None
    below: float | None = None
    above: float | None = None
    unless_use: Id | None = Field(None, description="Does not fire while this use is running")


class ScenarioEvent(Model):
    id: Id
    title: str
    description: str
    trigger: Trigger
    effects: dict[Id, float] = {}
    duration_quarters: int | None = Field(None, ge=1, description="None: lasting")
    cost: float = Field(0, ge=0)


class ConsentOption(Model):
    id: Id
    label: str
    meaning: str
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    counts_as: ConsentTally
    reason_required: bool = False


def _default_consent_options() -> list[ConsentOption]:
    return [
        ConsentOption(id="accord", label="D'accord", meaning="Je soutiens la proposition.",
                      colour="#2e9d5b", counts_as=ConsentTally.AGREE),
        ConsentOption(id="abstention", label="Abstention",
                      meaning="Je ne me prononce pas et je laisse le groupe décider.",
                      colour="#9aa5ad", counts_as=ConsentTally.ABSTAIN),
        ConsentOption(id="desaccord", label="Désaccord",
                      meaning="Je ne suis pas d'accord, mais je ne bloque pas.",
                      colour="#e5892b", counts_as=ConsentTally.DISAGREE, reason_required=True),
        ConsentOption(id="blocage", label="Blocage",
                      meaning="Je m'oppose : la proposition va contre un point essentiel.",
                      colour="#c8372d", counts_as=ConsentTally.BLOCK, reason_required=True),
    ]


class Consent(Model):
    options: list[ConsentOption] = Field(default_factory=_default_consent_options, min_length=2)
    max_blocks: int = Field(0, ge=0, description="A round with more blocks is not adopted")
    min_agree_share: float = Field(
        0.5, ge=0, le=1, description="Share of agree among agree+disagree+block needed"
    )


class Phase(Model):
    id: Id
    kind: PhaseKind
    title: str
    minutes: int = Field(ge=1, description="Planned duration; the trainer's timer")
    instructions: str = ""
    day: int = Field(1, ge=1, le=3)
    start: str | None = Field(
        None, pattern=CLOCK_PATTERN,
        description="Planned start, HH:MM (e.g. \"14:00\" after lunch). Left out: the end of "
                    "the phase before on the same day, or the scenario's day_start for a day's "
                    "first phase")
    # an intervention phase (an outside talk): who speaks, and on what
    speaker: str | None = Field(None, description="Intervention: the speaker (name and role)")
    subject: str | None = Field(None, description="Intervention: the subject of the talk")
    # when the session first reaches this phase, everyone picks a character again
    persona_choice: bool = Field(
        False, description="When the session first reaches this phase, everyone picks a "
                           "character again, among the approved created characters (and the "
                           "scenario's personas unless the trainer left them out)")


class EvaluationQuestion(Model):
    id: Id
    text: str


class BarometreStatement(Model):
    """A statement of the baromètre: each participant places themself on it from 1 (« pas du
    tout d'accord ») to 5 (« tout à fait d'accord »), at the accueil and again at the synthèse."""

    id: Id
    text: str


def _default_evaluation() -> list[EvaluationQuestion]:
    return [
        EvaluationQuestion(id="objectifs", text="La formation a répondu à mes attentes."),
        EvaluationQuestion(id="methodes", text="Les méthodes d'intelligence collective me seront utiles."),
        EvaluationQuestion(id="roles", text="Jouer un autre rôle m'a fait comprendre d'autres contraintes."),
        EvaluationQuestion(id="plan", text="Le plan d'action final est réaliste."),
    ]


class Simulation(Model):
    """How the block reacts beyond each use's own effects; numbers, not code, decide."""

    ramp_quarters: int = Field(2, ge=1, le=8, description="Quarters for a new use to reach full effect")
    overload_effects: dict[Id, float] = Field(
        {}, description="Change per 10 % of caretaker hours needed above those available"
    )
    charges_effects: dict[Id, float] = Field(
        {}, description="Change per euro of monthly charges per household above the base"
    )
    condition_effects: dict[Id, float] = Field(
        {}, description="Change for each degraded space (condition < 40) left without any use"
    )
    playback_seconds: float = Field(
        4.0, ge=0.5, le=60, description="Seconds a quarter stays on screen while the simulation plays"
    )


class Scenario(Model):
    format: Literal[1] = 1
    id: Id
    title: str
    description: str = ""
    language: Literal["fr", "en"] = "fr"
    seed: int = 1
    players_per_persona: int = Field(3, ge=1)
    day_start: str = Field("09:00", pattern=CLOCK_PATTERN,
                           description="When each day of the session starts, HH:MM, for a day "
                                       "whose first phase gives no start")
    map: MapInfo
    buildings: list[Building] = Field(min_length=1)
    space_kinds: list[SpaceKind] = Field(min_length=1)
    constraints: list[Constraint] = []
    spaces: list[Space] = Field(min_length=1)
    roles: list[Role] = Field(min_length=3, max_length=3)
    personas: list[Persona] = Field(min_length=3)
    metiers: list[Metier] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    uses: list[Use] = Field(min_length=1)
    budget: Budget
    payers: list[Funder] = Field([], description="Who may pay plan items besides (or naming) "
                                 "the landlord \"bailleur\" and the charges \"charges\"")
    enjeux: list[Enjeu] = Field(min_length=1)
    inspiring_projects: list[InspiringProject] = []
    cafe_themes: list[CafeTheme] = []
    rules: list[ManagementRule] = []
    events: list[ScenarioEvent] = []
    consent: Consent = Field(default_factory=Consent)
    simulation: Simulation = Field(default_factory=Simulation)
    evaluation: list[EvaluationQuestion] = Field(default_factory=_default_evaluation, min_length=1)
    phases: list[Phase] = Field(min_length=1)
    barometre: list[BarometreStatement] = Field(
        [], description="Statements the participants place themselves on at the accueil and "
                        "again at the synthèse (the movement is shown); none: no baromètre")

    _idx: dict[str, dict[Any, Any]] = PrivateAttr(default_factory=dict)

    # Lookups built once; the model is frozen so they never go stale.
    def model_post_init(self, __context: object) -> None:
        idx: dict[str, dict[Any, Any]] = {
            "space": {s.id: s for s in expand_spaces(self.spaces)},
            "use": {u.id: u for u in self.uses},
            "persona": {p.id: p for p in self.personas},
            "metier": {m.id: m for m in self.metiers},
            "indicator": {i.id: i for i in self.indicators},
            "enjeu": {e.id: e for e in self.enjeux},
            "project": {p.id: p for p in self.inspiring_projects},
            "theme": {t.id: t for t in self.cafe_themes},
            "rule": {r.id: r for r in self.rules},
            "option": {o.id: o for o in self.consent.options},
            "building": {b.id: b for b in self.buildings},
            "question": {q.id: q for q in self.evaluation},
            "role": {r.kind: r for r in self.roles},
            "payer": {f.id: f for f in self.payers},
            "constraint": {c.id: c for c in self.constraints},
            "statement": {b.id: b for b in self.barometre},
        }
        self._idx = idx

    @overload
    def index(self, section: Literal["space"]) -> dict[Id, Space]: ...
    @overload
    def index(self, section: Literal["use"]) -> dict[Id, Use]: ...
    @overload
    def index(self, section: Literal["persona"]) -> dict[Id, Persona]: ...
    @overload
    def index(self, section: Literal["metier"]) -> dict[Id, Metier]: ...
    @overload
    def index(self, section: Literal["indicator"]) -> dict[Id, Indicator]: ...
    @overload
    def index(self, section: Literal["enjeu"]) -> dict[Id, Enjeu]: ...
    @overload
    def index(self, section: Literal["project"]) -> dict[Id, InspiringProject]: ...
    @overload
    def index(self, section: Literal["theme"]) -> dict[Id, CafeTheme]: ...
    @overload
    def index(self, section: Literal["rule"]) -> dict[Id, ManagementRule]: ...
    @overload
    def index(self, section: Literal["option"]) -> dict[Id, ConsentOption]: ...
    @overload
    def index(self, section: Literal["building"]) -> dict[Id, Building]: ...
    @overload
    def index(self, section: Literal["question"]) -> dict[Id, EvaluationQuestion]: ...
    @overload
    def index(self, section: Literal["role"]) -> dict[RoleKind, Role]: ...
    @overload
    def index(self, section: Literal["payer"]) -> dict[Id, Funder]: ...
    @overload
    def index(self, section: Literal["constraint"]) -> dict[Id, Constraint]: ...
    @overload
    def index(self, section: Literal["statement"]) -> dict[Id, BarometreStatement]: ...
    def index(self, section: str) -> dict[Any, Any]:
        """The items of a section by id (roles by kind)."""
        return self._idx[section]

    def space(self, sid: str) -> Space:
        return self.index("space")[sid]

    def play_spaces(self) -> list[Space]:
        """The spaces the game plays with: `spaces` with each one of capacity k > 1 replaced by
        its k parts (`spaces` itself stays as the scenario wrote it)."""
        return list(self.index("space").values())

    def parts_of(self, sid: str) -> list[Space]:
        """The parts of a space of capacity k > 1, in order (empty for any other space)."""
        return [s for s in self.index("space").values() if s.parent == sid]

    def use(self, uid: str) -> Use:
        return self.index("use")[uid]

    def use_fits(self, use: Use, space: Space) -> bool:
        """Whether `use` may go on `space` (a service goes on none)."""
        return (use.attach == UseAttach.SPACE and space.kind in use.allowed_kinds
                and space.area_m2 >= use.min_area_m2)

    def payer_kind(self, pid: str) -> PayerKind | None:
        """What payer `pid` is (None: no such payer): "bailleur" and "charges" always exist."""
        funder = self.index("payer").get(pid)
        if funder is not None:
            return funder.kind
        return _BUILT_IN_KINDS.get(pid)

    def payer_ids(self) -> list[str]:
        """Every payer a plan item may name: the landlord, the charges, then the others."""
        return [*BUILT_IN_PAYERS, *(f.id for f in self.payers if f.id not in BUILT_IN_PAYERS)]

    def services(self) -> list[Use]:
        """The catalogue's services: uses of the îlot or of a building, with no space."""
        return [u for u in self.uses if u.attach != UseAttach.SPACE]

    def uses_for(self, space: Space) -> list[Use]:
        """The catalogue's uses that fit this space (kind and area)."""
        return [u for u in self.uses if self.use_fits(u, space)]

    def public(self) -> dict[str, Any]:
        """The scenario as every client may see it: private objectives removed."""
        data = self.model_dump(mode="json")
        for p in data["personas"]:
            p["private_objectives"] = []
        return data
