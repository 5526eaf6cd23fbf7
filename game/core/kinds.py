"""Every coded kind of the game, in one place: `StrEnum`s whose values are the wire and disk form.

A member *is* its value (`RoleKind.RESIDENT == "resident"`, same hash, `str()` and f-string give
the value), so JSON and msgpack write exactly the strings they wrote before these types existed,
and the text layer builds its keys from them (`f"term.role.{role}"`). The core compares members,
never string literals.

`Subject` is the subject of a consent round: a proposal (with its id), the charter or the final
plan. Its wire form is the string `proposal:P12`, `charter` or `final_plan` (`str(subject)`,
`Subject.parse(text)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ActorKind(StrEnum):
    """Who sends an action (`Actor.kind`), and what a connection is (`you.kind` in a welcome)."""

    PARTICIPANT = "participant"
    TRAINER = "trainer"
    SPECTATOR = "spectator"
    NEWCOMER = "newcomer"  # only for the join action
    ORGANISER = "organiser"  # a server connection that creates rooms; never acts in one


class RoleKind(StrEnum):
    """The three roles a character (persona) plays."""

    RESIDENT = "resident"
    CARETAKER = "caretaker"
    MANAGER = "manager"


class PhaseKind(StrEnum):
    """What a phase of the session is for (scenario `phases[].kind`), in the seed's order."""

    ACCUEIL = "accueil"
    PROJETS = "projets"
    ETAT_DES_LIEUX = "etat_des_lieux"
    INTERVENTION = "intervention"  # an outside speaker; participants ask and upvote questions
    RESSOURCES = "ressources"
    WORLD_CAFE = "world_cafe"
    PERSONNAGES = "personnages"  # participants create the characters day 2 plays
    ATELIERS = "ateliers"
    MISE_EN_COMMUN = "mise_en_commun"
    DELIBERATION = "deliberation"
    SCHEMA_DIRECTEUR = "schema_directeur"
    PLAN_ACTION = "plan_action"
    CONSENSUS_FINAL = "consensus_final"
    SYNTHESE = "synthese"


class NoteKind(StrEnum):
    """A diagnosis note on the map (état des lieux)."""

    FORCE = "force"
    PROBLEME = "probleme"
    IDEE = "idee"


class Reaction(StrEnum):
    """A reaction to an inspiring project; `none` takes one's reaction back."""

    INSPIRE = "inspire"
    QUESTION = "question"
    DOUTE = "doute"
    NONE = "none"


class Stance(StrEnum):
    """An argument about a group's draft (mise en commun)."""

    POUR = "pour"
    CONTRE = "contre"
    QUESTION = "question"


class ProposalStatus(StrEnum):
    OPEN = "open"
    ADOPTED = "adopted"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


class AmendmentStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ConsentTally(StrEnum):
    """How a consent option counts (scenario `consent.options[].counts_as`)."""

    AGREE = "agree"
    ABSTAIN = "abstain"
    DISAGREE = "disagree"
    BLOCK = "block"


class Payer(StrEnum):
    """Who pays a plan item: the landlord's investment, or the tenants' charges."""

    BAILLEUR = "bailleur"
    CHARGES = "charges"


class PayerKind(StrEnum):
    """What a payer of the scenario is (`payers[].kind`): the landlord (its investment is held
    against `budget.investment_total`), the tenants' charges (spread over the households), or
    another funder that pays its share apart: the city, a subsidy, a partner, another."""

    LANDLORD = "landlord"
    CHARGES = "charges"
    CITY = "city"
    SUBSIDY = "subsidy"
    PARTNER = "partner"
    OTHER = "other"


class IncomeTarget(StrEnum):
    """What a use's income lowers (scenario `uses[].income_lowers`): the bailleur's operating
    cost (rents go to the landlord), or the tenants' charges."""

    OPERATING = "operating"
    CHARGES = "charges"


class ContributionSource(StrEnum):
    """What moved a simulated number (`simulation.Contribution.source`): a use running on a space,
    its conflicts with constraints or neighbours, a management rule, a scenario event,
    caretakers' overload (per métier), the rise of charges, a degraded space left idle, a service
    with no space, the clamping of an indicator at its min/max, the plan's extra cost or hours;
    `base` is the starting point (an indicator's initial, the base charges), never listed by
    `Trajectory.why`, which explains changes from it."""

    USE = "use"
    CONFLICT = "conflict"
    RULE = "rule"
    EVENT = "event"
    OVERLOAD = "overload"
    CHARGES = "charges"
    DEGRADED = "degraded"
    SERVICE = "service"
    LIMIT = "limit"
    PLAN = "plan"
    BASE = "base"


class UseAttach(StrEnum):
    """Where a use of the catalogue runs (scenario `uses[].attach`): on a collective space
    (a jardin, a local vélos: today's uses), or as a service of the whole îlot or of one building
    (a night patrol, a médiation service) that occupies no space."""

    SPACE = "space"
    ILOT = "ilot"
    BUILDING = "building"


class ObjectiveDirection(StrEnum):
    """How a private objective's indicator is judged against its target."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class ObjectiveKind(StrEnum):
    """What a private objective measures (scenario `personas[].private_objectives[].kind`).

    Left out in a file: `indicator` when the objective names an indicator, else `judged`."""

    INDICATOR = "indicator"  # an indicator at the end: at least / at most `target`
    INDICATOR_CHANGE = "indicator_change"  # an indicator improved by at least `min_gain`
    CHARGES_CEILING = "charges_ceiling"  # charges per household per month at the end ≤ `euros`
    CHARGES_RISE = "charges_rise"  # charges at the end ≤ the base + `euros`
    WORKLOAD = "workload"  # a métier's hours needed ≤ its hours available − `margin_hours`
    OVERLOAD = "overload"  # hours needed above those available, all métiers, ≤ `percent` %
    INVESTMENT = "investment"  # the bailleur's investment ≤ `euros` (default: the budget)
    USE = "use"  # one of `uses` running at the end (in `space` when given)
    NO_USE = "no_use"  # none of `uses` (no use at all when left out) running at the end
    EXPERIMENT_KEPT = "experiment_kept"  # at least `count` experiments (of `uses`) kept
    RULE = "rule"  # a management rule in the charter (for `space` when given)
    JUDGED = "judged"  # what no number can say: the group judges it at the debrief


class ObjectiveVerdict(StrEnum):
    """Whether the plan meets a private objective."""

    MET = "met"
    NOT_MET = "not_met"
    JUDGED = "judged"


class Better(StrEnum):
    """Which way an indicator improves: most go up (cohesion), some go down (vacancy, tags)."""

    HIGHER = "higher"
    LOWER = "lower"


class SpaceLevel(StrEnum):
    """Where a space lies: under the ground floor (caves, parking), at street level, on an
    upper floor (a salle commune at R+1), or on the roof (a toit-terrasse)."""

    BASEMENT = "basement"
    GROUND = "ground"
    UPPER = "upper"
    ROOF = "roof"


class PlaybackCommand(StrEnum):
    """What the trainer asks of the shared playback of the simulation (`simulation_playback`)."""

    PLAY = "play"
    PAUSE = "pause"
    STEP = "step"  # one quarter forward (and pause)
    BACK = "back"  # one quarter back (and pause)
    SEEK = "seek"  # to `quarter`, playing on if it was playing
    RESET = "reset"  # back to today (quarter 0), paused


class ExperimentOutcome(StrEnum):
    """What the simulation decides at an experiment's end."""

    KEPT = "kept"
    STOPPED = "stopped"


class AgendaStatus(StrEnum):
    """Where a phase of the agenda stands: done, running now, or still to come."""

    PAST = "past"
    CURRENT = "current"
    UPCOMING = "upcoming"


class SubjectKind(StrEnum):
    """What a consent round is about."""

    PROPOSAL = "proposal"
    CHARTER = "charter"
    FINAL_PLAN = "final_plan"


_PROPOSAL_PREFIX = "proposal:"


@dataclass(frozen=True, slots=True)
class Subject:
    """A consent round's subject: `Subject.of_proposal("P12")`, `Subject.charter()`,
    `Subject.final_plan()`. `proposal` is set for (and only for) a proposal."""

    kind: SubjectKind
    proposal: str | None = None

    def __post_init__(self) -> None:
        if (self.kind is SubjectKind.PROPOSAL) != (self.proposal is not None):
            raise ValueError(f"a {self.kind} subject {'needs' if self.proposal is None else 'has no'}"
                             " proposal id")

    @classmethod
    def of_proposal(cls, proposal_id: str) -> Subject:
        return cls(SubjectKind.PROPOSAL, proposal_id)

    @classmethod
    def charter(cls) -> Subject:
        return _CHARTER

    @classmethod
    def final_plan(cls) -> Subject:
        return _FINAL_PLAN

    @classmethod
    def parse(cls, text: str) -> Subject:
        """The subject of a wire string; ValueError when it names none. The proposal id is
        whatever follows `proposal:` (an unknown id is the rules' business, not the syntax's)."""
        if text.startswith(_PROPOSAL_PREFIX):
            return cls(SubjectKind.PROPOSAL, text[len(_PROPOSAL_PREFIX):])
        if text == SubjectKind.CHARTER:
            return _CHARTER
        if text == SubjectKind.FINAL_PLAN:
            return _FINAL_PLAN
        raise ValueError(f"not a consent round subject: {text!r}")

    def __str__(self) -> str:
        if self.proposal is not None:
            return _PROPOSAL_PREFIX + self.proposal
        return self.kind.value


class RealRole(StrEnum):
    """A participant's real-life role, declared with their baromètre answers (distribution)."""

    TENANT = "tenant"
    FIELD_STAFF = "field_staff"
    MANAGER = "manager"
    OTHER = "other"


class BarometreRound(StrEnum):
    """When a baromètre answer is given: at the accueil (before) or at the synthèse (after)."""

    BEFORE = "before"
    AFTER = "after"


class CharacterStatus(StrEnum):
    """Where a character created by participants stands (rules/characters.py): written and
    not yet reviewed, approved by the trainer (it joins the pool of personas), sent back with
    a comment (its authors edit it, which makes it a draft again), or merged into another."""

    DRAFT = "draft"
    APPROVED = "approved"
    SENT_BACK = "sent_back"
    MERGED = "merged"


_CHARTER = Subject(SubjectKind.CHARTER)
_FINAL_PLAN = Subject(SubjectKind.FINAL_PLAN)

# Every kind above that is an enum, for the text layer's checks (`term.<kind>.<value>`).
KINDS: tuple[type[StrEnum], ...] = (
    ActorKind, RoleKind, PhaseKind, NoteKind, Reaction, Stance, ProposalStatus, AmendmentStatus,
    ConsentTally, Payer, ObjectiveDirection, ExperimentOutcome, SubjectKind, AgendaStatus,
    ObjectiveKind, ObjectiveVerdict, ContributionSource, SpaceLevel, PlaybackCommand, UseAttach,
    PayerKind, IncomeTarget, RealRole, BarometreRound, CharacterStatus,
)
