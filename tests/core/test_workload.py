"""The agents' hours as « available / needed / overload »: one arithmetic for a métier and for
all of them, the same figure as the simulation's overload."""

from __future__ import annotations

import pytest

from ilot.game.core.workload import Load, excess, loads, total


def test_overload_is_needed_minus_available_over_available_and_only_when_over():
    over = Load(available=25, needed=30)
    assert over.overload == pytest.approx(0.2) and over.over_hours == 5
    enough = Load(available=11, needed=5)
    assert enough.overload is None and enough.over_hours == 0
    assert Load(available=10, needed=10).overload is None  # exactly enough: no overload
    assert Load(available=0, needed=3).overload is None and Load(0, 3).over_hours == 3


def test_the_issue_s_line_36_available_35_needed_is_no_overload_in_total_but_one_metier_is_over():
    """« 36 h dispo. / 35 h nécessaires / surcharge 16 % »: the totals have no overload; the
    gardien's 5 hours beyond are 20 % of his hours and 14 % of all the hours available."""
    by = loads({"gardien": (30.0, 25.0), "mediateur": (5.0, 11.0)})  # métier → (needed, available)
    assert total(by) == Load(available=36, needed=35) and total(by).overload is None
    assert by["gardien"].overload == pytest.approx(0.2) and by["mediateur"].overload is None
    hours, ratio = excess(by)
    assert hours == 5 and ratio == pytest.approx(5 / 36)
    assert excess(loads({"gardien": (20.0, 25.0)})) == (0.0, 0.0)
