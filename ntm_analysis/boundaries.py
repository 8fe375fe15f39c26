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
    olds, news = changes["old_commune"].tolist(), changes["new_commune"].tolist()
    dates = changes["effective_date"].tolist()
    decisions = changes["decision"].tolist() if "decision" in changes.columns else [None] * len(olds)
    old_keys, new_keys = [commune_key(o) for o in olds], [commune_key(n) for n in news]
    rows = zip(old_keys, new_keys, olds, news, dates, decisions)
    out: dict[str, Successor] = {}
    if set(old_keys).isdisjoint(new_keys):  # (a national reorganisation) no unit moves twice
        for old_key, _, old, new, date, decision in rows:
            if old_key not in out:
                out[old_key] = Successor(new, [{"old": old, "new": new, "date": date, "decision": decision}])
        return out
    now_in: dict[str, list[Successor]] = {}  # the units each unit (by name key) now holds
    for old_key, new_key, old, new, date, decision in rows:
        step = {"old": old, "new": new, "date": date, "decision": decision}
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
