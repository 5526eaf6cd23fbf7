"""A log whose sequence numbers have a gap or a repeat is refused with where it breaks."""

from __future__ import annotations

import pytest

from ilot.game.debrief.timeline import Timeline, TimelineError


def test_a_gap_or_a_repeat_in_a_log_is_a_damaged_log(short, short_script):
    events = list(short_script.events)
    for damaged in (events[:20] + events[21:], events[:20] + events[19:]):
        with pytest.raises(TimelineError) as exc:
            Timeline(short, damaged)
        assert "n°21" in str(exc.value) and "journal abîmé" in str(exc.value)
