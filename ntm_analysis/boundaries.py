"""Commune boundary changes (mergers, renames) between two dates, from a mapping table.

Merged communes do not inherit "criteria met" by summing: a commune whose territory changed is
flagged, and units that disappeared or appeared are listed, never silently dropped or counted
twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .model import commune_key


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
    now_in: dict[str, list[Successor]] = {}  # the units each unit (by name key) now holds
    decisions = changes["decision"] if "decision" in changes.columns else [None] * len(changes)
    for old, new, date, decision in zip(changes["old_commune"], changes["new_commune"],
                                        changes["effective_date"], decisions):
        step = {"old": old, "new": new, "date": date, "decision": decision}
        old_key, new_key = commune_key(old), commune_key(new)
        # units that had already moved into the old unit move on with it
        movers = now_in.pop(old_key, [])
        for successor in movers:
            successor.name = new
            successor.changes.append(step)
        now_in.setdefault(new_key, []).extend(movers)
        if old_key not in out:
            out[old_key] = Successor(new, [step])
            now_in[new_key].append(out[old_key])
    return out


def groups(changes: pd.DataFrame, moved: dict[str, Successor] | None = None) -> dict[str, list[str]]:
    """Final unit's name key → every old unit that ended up in it (itself included, if listed).

    ``moved`` is ``successors(changes)`` when the caller has it already."""
    out: dict[str, list[str]] = {}
    for successor in (successors(changes) if moved is None else moved).values():
        out.setdefault(commune_key(successor.name), []).append(successor.changes[0]["old"])
    return out
