"""The rules and evolvers are declared by their modules and gathered explicitly, once each."""

from __future__ import annotations

import pytest

from ilot.game.core.actions import ACTION_CLASSES, A, Join
from ilot.game.core.events import PAYLOADS, Payload
from ilot.game.core.kinds import ActorKind, PhaseKind
from ilot.game.core.rules import EVOLVERS, MODULES, RULES, registry
from ilot.game.core.rules.registry import DuplicateRule, RuleSet, build


def test_the_tables_are_built_from_the_listed_modules():
    rules, evolvers = build(m.ruleset for m in MODULES)
    assert rules == RULES and evolvers == EVOLVERS
    assert set(RULES) == set(ACTION_CLASSES.values()) and set(EVOLVERS) == set(PAYLOADS)
    declared = [r.action for m in MODULES for r in m.ruleset.rules]
    assert len(declared) == len(set(declared)) == len(RULES)
    for cls, rule in RULES.items():
        assert rule.action is cls and issubclass(cls, A)
        assert all(isinstance(k, ActorKind) for k in rule.who)
        assert rule.phases is None or all(isinstance(p, PhaseKind) for p in rule.phases)
    assert all(issubclass(p, Payload) for p in EVOLVERS)
    # nothing registers itself anywhere: the registry module holds no table
    assert not hasattr(registry, "RULES") and not hasattr(registry, "EVOLVERS")


def test_a_second_rule_or_evolver_for_the_same_thing_is_refused():
    accueil = next(m for m in MODULES if m.__name__.endswith(".accueil"))
    with pytest.raises(DuplicateRule, match="Join"):
        build([accueil.ruleset, accueil.ruleset])
    extra = RuleSet()
    extra.evolver(PAYLOADS[0])(lambda s, e: None)
    with pytest.raises(DuplicateRule, match=PAYLOADS[0].TYPE):
        build([*(m.ruleset for m in MODULES), extra])
    one = RuleSet()
    one.rule(Join)(lambda c: None)
    assert build([one])[0][Join].who == {ActorKind.PARTICIPANT}
