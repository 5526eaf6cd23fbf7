"""The agents' weekly hours written as « available / needed / overload », with one arithmetic.

For one métier the overload is (needed − available) / available, and there is one only when
more hours are needed than available. For all métiers together the simulation's figure
(`Quarter.overload_pct`) is the hours beyond what is available, métier by métier, over all the
hours available: a métier with hours to spare does not lend them to an overloaded one, so the
totals' difference (needed − available) is not the overload. `excess` gives that figure with
its hours, so a text can say what it is made of.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Load:
    """One métier's weekly hours (or all of them added up)."""

    available: float
    needed: float

    @property
    def over_hours(self) -> float:
        """Hours needed beyond those available (0 when there are enough)."""
        return max(0.0, self.needed - self.available)

    @property
    def overload(self) -> float | None:
        """(needed − available) / available when more hours are needed than available, else
        None (and None when no hour is available at all: no ratio to give)."""
        if self.needed <= self.available or self.available <= 0:
            return None
        return (self.needed - self.available) / self.available


def loads(workload: dict[str, tuple[float, float]]) -> dict[str, Load]:
    """`Quarter.workload` (métier → (needed, available)) as loads, in the same order."""
    return {m: Load(available=avail, needed=needed) for m, (needed, avail) in workload.items()}


def total(by_metier: dict[str, Load]) -> Load:
    return Load(available=sum(x.available for x in by_metier.values()),
                needed=sum(x.needed for x in by_metier.values()))


def excess(by_metier: dict[str, Load]) -> tuple[float, float]:
    """(hours beyond the available ones, métier by métier; that as a ratio of all the hours
    available): the simulation's overload (`overload_pct` / 100), 0 when nobody is over."""
    hours = sum(x.over_hours for x in by_metier.values())
    avail = sum(x.available for x in by_metier.values()) or 1.0
    return hours, hours / avail


__all__ = ["Load", "excess", "loads", "total"]
