"""Where a series of quarters is not one quarter after another: quarters missing from the data,
and the reorganisation of 1/7/2025 that merged communes and ended districts.

The trend chart places each quarter at its place in time (a missing quarter leaves a gap rather
than making six months look like three) and marks the reorganisation; the text says both.
"""

from __future__ import annotations

import datetime as dt

from .periods import period_end, quarter_number, shift

# The reorganisation of administrative units of 1/7/2025: communes merged, districts abolished
# (domain.md §5, NQ 1672/NQ-UBTVQH15 for Lạng Sơn; the same date across the country).
REORGANISATION = dt.date(2025, 7, 1)


def positions(periods) -> list[int]:
    """Each period's place on a time axis, the first at 0 (a missing quarter leaves a gap)."""
    periods = list(periods)
    if not periods:
        return []
    first = quarter_number(periods[0])
    return [quarter_number(p) - first for p in periods]


def missing_quarters(periods) -> list[str]:
    """Quarters between the first and the last period that the data does not hold, in order."""
    periods = sorted(periods)
    have = set(periods)
    out = []
    if not periods:
        return out
    p = periods[0]
    while p < periods[-1]:
        if p not in have:
            out.append(p)
        p = shift(p, 1)
    return out


def reorganisation_between(periods) -> float | None:
    """Where the reorganisation falls on the axis of ``positions(periods)`` (half-way between the
    last quarter before it and the first after it), or None when the periods do not span it."""
    periods = list(periods)
    at = positions(periods)
    before = [x for p, x in zip(periods, at) if period_end(p) < REORGANISATION]
    after = [x for p, x in zip(periods, at) if period_end(p) >= REORGANISATION]
    if not before or not after:
        return None
    return (quarter_number("2025Q2") - quarter_number(periods[0])) + 0.5
