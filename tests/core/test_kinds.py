"""The coded kinds (game/core/kinds.py): enums whose values are the wire form, and `Subject`."""

from __future__ import annotations

import json

import msgpack
import pytest

from ilot.game.core import Rejection, parse_action
from ilot.game.core.kinds import (
    KINDS,
    ActorKind,
    AmendmentStatus,
    ConsentTally,
    ContributionSource,
    ExperimentOutcome,
    IncomeTarget,
    NoteKind,
    Payer,
    PayerKind,
    PhaseKind,
    ProposalStatus,
    Reaction,
    RoleKind,
    Stance,
    Subject,
    SubjectKind,
    UseAttach,
)
from ilot.game.core.scenario import Scenario
from ilot.game.text import lang_for

# the kinds people read, and the prefix of their messages: term.<prefix>.<value>
TERMS = {RoleKind: "role", NoteKind: "note_kind", Reaction: "reaction", Stance: "stance",
         ProposalStatus: "proposal_status", AmendmentStatus: "amendment_status",
         ConsentTally: "consent", Payer: "payer", ExperimentOutcome: "outcome", PhaseKind: "phase",
         ContributionSource: "contribution", UseAttach: "use_attach", PayerKind: "payer_kind",
         IncomeTarget: "income_target"}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_a_kind_is_its_value_on_the_wire(kind):
    values = [m.value for m in kind]
    assert len(set(values)) == len(values)
    for m in kind:
        assert m == m.value and hash(m) == hash(m.value) and str(m) == f"{m}" == m.value
        assert json.dumps({m: m}) == json.dumps({m.value: m.value})
        assert msgpack.packb(m) == msgpack.packb(m.value)
        assert kind(m.value) is m


@pytest.mark.parametrize("kind", list(TERMS), ids=lambda k: k.__name__)
def test_every_kind_people_read_has_its_words(kind):
    for lang in (lang_for("fr"), lang_for("en")):
        for m in kind:
            assert lang.has(f"term.{TERMS[kind]}.{m}"), (kind.__name__, m)


def test_the_subjects_and_actors_people_read_have_their_words():
    for lang in (lang_for("fr"), lang_for("en")):
        # a proposal is named by its title; newcomers and organisers never show
        assert all(lang.has(f"term.subject.{k}") for k in SubjectKind if k != SubjectKind.PROPOSAL)
        assert all(lang.has(f"term.actor.{k}")
                   for k in (ActorKind.PARTICIPANT, ActorKind.TRAINER, ActorKind.SPECTATOR))


@pytest.mark.parametrize("text, kind, proposal", [
    ("proposal:P12", SubjectKind.PROPOSAL, "P12"),
    ("charter", SubjectKind.CHARTER, None),
    ("final_plan", SubjectKind.FINAL_PLAN, None),
    ("proposal:", SubjectKind.PROPOSAL, ""),  # an id the rules then find unknown
    ("proposal:a:b", SubjectKind.PROPOSAL, "a:b"),
])
def test_a_subject_reads_and_writes_its_wire_string(text, kind, proposal):
    s = Subject.parse(text)
    assert (s.kind, s.proposal) == (kind, proposal)
    assert str(s) == f"{s}" == text and Subject.parse(str(s)) == s
    assert {s: 1}[Subject.parse(text)] == 1


def test_subjects_are_made_by_name_and_refuse_nonsense():
    assert Subject.of_proposal("P3") == Subject(SubjectKind.PROPOSAL, "P3")
    assert str(Subject.charter()) == "charter" and str(Subject.final_plan()) == "final_plan"
    assert Subject.charter() != Subject.final_plan() != Subject.of_proposal("final_plan")
    for bad in ("vote", "", "Charter", "proposal", "final_plan "):
        with pytest.raises(ValueError):
            Subject.parse(bad)
    with pytest.raises(ValueError):
        Subject(SubjectKind.PROPOSAL)
    with pytest.raises(ValueError):
        Subject(SubjectKind.CHARTER, "P1")


def test_the_scenario_schema_lists_the_allowed_values():
    schema = Scenario.model_json_schema()
    defs = schema["$defs"]
    assert defs["PhaseKind"]["enum"] == [k.value for k in PhaseKind]
    assert defs["RoleKind"]["enum"] == ["resident", "caretaker", "manager"]
    assert defs["ConsentTally"]["enum"] == ["agree", "abstain", "disagree", "block"]
    assert defs["ObjectiveDirection"]["enum"] == ["at_least", "at_most"]
    assert defs["PayerKind"]["enum"] == ["landlord", "charges", "city", "subsidy", "partner", "other"]
    assert defs["UseAttach"]["enum"] == ["space", "ilot", "building"]
    assert defs["Phase"]["properties"]["kind"] == {"$ref": "#/$defs/PhaseKind"}


def test_actions_take_kinds_as_their_strings_and_nothing_else():
    a = parse_action({"type": "add_note", "id": "x", "space": "cour", "kind": "idee", "text": "t"})
    assert a.kind is NoteKind.IDEE
    a = parse_action({"type": "plan_add", "id": "x", "what": "w", "lead": "gardien",
                      "quarter": 1, "cost": 1, "payer": Payer.CHARGES})
    assert a.payer == Payer.CHARGES  # a payer id: the two built-in ones or the scenario's
    for bad in ("autre", b"idee", 1, None, ["idee"], "IDEE"):
        with pytest.raises(Rejection) as exc:
            parse_action({"type": "add_note", "id": "x", "space": "cour", "kind": bad, "text": "t"})
        assert exc.value.code == "invalid_action"
        assert exc.value.detail == "kind: Input should be 'force', 'probleme' or 'idee'"
    with pytest.raises(Rejection) as exc:
        parse_action({"type": "plan_add", "id": "x", "what": "w", "lead": "gardien",
                      "quarter": 1, "cost": 1, "payer": b"charges"})
    assert exc.value.detail == "payer: Input should be a valid string"
