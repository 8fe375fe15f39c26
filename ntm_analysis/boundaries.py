"""Commune boundary changes (mergers, renames) between two dates, from a mapping table.

Merged communes do not inherit "criteria met" by summing: a commune whose territory changed is
flagged, and units that disappeared or appeared are listed, never silently dropped or counted
twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .text import name_key


@dataclass
class Successor:
    """What an old unit became by the end of a span: its final name and the changes on the way."""

    name: str
    changes: list[dict] = field(default_factory=list)  # {old, new, date, decision}


def changes_between(boundaries: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Mapping rows that took effect after ``start`` and on or before ``end``, oldest first."""
    if boundaries.empty:
        return boundaries
    dates = boundaries["effective_date"]
    return boundaries[(dates > start) & (dates <= end)].sort_values("effective_date", kind="stable")


def successors(changes: pd.DataFrame) -> dict[str, Successor]:
    """Each old unit's name key → the unit it ended up in, following changes in date order."""
    out: dict[str, Successor] = {}
    for row in changes.itertuples(index=False):
        step = {"old": row.old_commune, "new": row.new_commune, "date": row.effective_date,
                "decision": getattr(row, "decision", None)}
        # units that had already moved into row.old_commune move on with it
        for successor in out.values():
            if name_key(successor.name) == name_key(row.old_commune):
                successor.name = row.new_commune
                successor.changes.append(step)
        out.setdefault(name_key(row.old_commune), Successor(row.new_commune, [step]))
    return out


def groups(changes: pd.DataFrame) -> dict[str, list[str]]:
    """Final unit's name key → every old unit that ended up in it (itself included, if listed)."""
    out: dict[str, list[str]] = {}
    for successor in successors(changes).values():
        out.setdefault(name_key(successor.name), []).append(successor.changes[0]["old"])
    return out
