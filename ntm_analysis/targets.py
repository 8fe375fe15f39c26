"""Plans and targets as data (pilot communes, district average, village standard, model areas,
advanced standard), each measured on a period: the actual level, the gap, and what is missing.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import pandas as pd

from .figures import recognised_by
from .model import Assessment, Snapshot, commune_key
from .text import vi_sorted

MET, IN_PROGRESS, DUE, MISSED, NO_DATA = "met", "in progress", "due", "missed", "no data"
# Target kinds measured commune by commune.
PER_COMMUNE = ("all_criteria", "model_areas", "advanced")
# A target not reached is in progress before its due quarter, due in that quarter (its figures
# are the last chance), and missed only after it.


@dataclass
class TargetStatus:
    """One target (for one commune, a group of communes, or the district) on one period."""

    target: str
    kind: str
    communes: list[str]  # empty for a district target
    due: str
    period: str
    value: float | None  # the level to reach
    actual: float | None
    gap: float | None  # how far from the level, in the target's unit; 0 when reached
    state: str  # met, in progress, due, missed, no data
    missing: list[int] = field(default_factory=list)  # criteria not yet met (all_criteria)
    below: list[str] = field(default_factory=list)  # communes below the level (min_met)
    count: int | None = None  # for a share: how many (villages, communes) meet it …
    of: int | None = None  # … out of how many
    unit: str = ""
    source: str = ""
    target_en: str = ""  # the data's English name of the target, if it gives one
    successors: dict[str, str] = field(default_factory=dict)  # a commune gone by a merger → the one it is now in
    judged_on: str = ""  # the commune measured instead of the target's own, merged into it
    met_in: str = ""  # the quarter a target met before ``period`` was first reached (it stays met)

    def to_dict(self) -> dict:
        return asdict(self)


def _commune(snap: Snapshot, name: str) -> str | None:
    """The snapshot's name for ``name`` (any spelling), or None when it is not assessed."""
    at = snap.key_index.get_indexer([commune_key(name)])[0]
    return snap.names[at] if at >= 0 else None


def _measure(snap: Snapshot, communes: list[str], column: str) -> pd.Series | None:
    if column not in snap.measures.columns:
        return None
    return snap.measures[column].reindex(communes)


def evaluate(assessment: Assessment, period: str | None = None) -> list[TargetStatus]:
    """Every target of the data measured on ``period`` (default: the latest period)."""
    snap = assessment.snapshot(period)
    out = []
    targets = assessment.targets
    merged = _merged_into(assessment, snap.period) if len(targets) else {}
    for (name, kind), rows in targets.groupby(["target", "kind"], sort=False, dropna=False):
        communes = [c for c in rows["commune"] if isinstance(c, str) and c]
        value = rows["value"].dropna()
        level = float(value.iloc[0]) if len(value) else None
        due = rows["due"].iloc[0]
        source = next((s for s in rows.get("source", []) if isinstance(s, str) and s), "")
        english = next((s for s in rows.get("target_en", []) if isinstance(s, str) and s), "")
        if kind in PER_COMMUNE and communes:
            for commune in communes:  # a commune target is measured commune by commune
                out.append(_commune_target(assessment, snap, kind, commune, level, merged,
                                           name=name, due=due, source=source, english=english))
        else:
            # a group's communes named in Vietnamese order, as every list of names (sentence, chart, tables)
            out.append(_finish(_measure_target(assessment, snap, kind, vi_sorted(communes), level),
                               name, kind, due, snap.period, source, english))
    for status in out:
        if status.state == NO_DATA and merged and not status.successors:
            status.successors = {c: merged[commune_key(c)] for c in status.communes if commune_key(c) in merged}
    return out


def pilot_communes(assessment: Assessment) -> frozenset:
    """The communes the register names as pilots (a ``pilot_year``, any year), those merged away
    since included: a target's English name says "pilot" for them."""
    register = assessment.communes
    if "pilot_year" not in register.columns:
        return frozenset()
    return frozenset(register.index[register["pilot_year"].notna().to_numpy()])


def _merged_into(assessment: Assessment, period: str) -> dict[str, str]:
    """Each commune merged away by the end of ``period`` (its name key) → the commune it is now
    part of: a target naming it has no data, and says where the commune went."""
    import datetime as dt

    from .boundaries import changes_between, successors
    from .periods import period_end

    changes = changes_between(assessment.boundaries, dt.date.min, period_end(period))
    return {key: s.name for key, s in successors(changes).items()} if len(changes) else {}


def _commune_target(assessment: Assessment, snap: Snapshot, kind: str, commune: str, level, merged: dict,
                    *, name, due, source, english) -> TargetStatus:
    """One commune's target on ``snap``, by the two rules of commune targets: a commune merged away
    is judged on the commune it is now part of (``judged_on``: the sentence says so), and a target
    reached in an earlier quarter stays reached (``met_in``: that quarter; a commune's "all
    criteria" target keeps today's level and the criteria it lacks today, other targets the
    figures of that quarter)."""
    status = _finish(_judged(assessment, snap, kind, commune, level, merged), name, kind, due, snap.period,
                     source, english)
    if status.state == MET:
        return status
    for period in assessment.periods:  # oldest first: the quarter it was first reached
        if period >= snap.period:
            break
        earlier = assessment.snapshot(period)
        moved = merged if _commune(earlier, commune) is not None else _merged_into(assessment, period)
        reached = _judged(assessment, earlier, kind, commune, level, moved)
        if reached.actual is not None and reached.gap == 0:
            if kind == "all_criteria" and status.actual is not None and not status.judged_on \
                    and status.value == reached.value:  # the commune itself, on one set: met, at today's level
                status.state, status.gap, status.met_in = MET, 0.0, period
                return status
            reached = _finish(reached, name, kind, due, snap.period, source, english)
            reached.met_in, reached.successors = period, status.successors
            return reached
    return status


def _judged(assessment: Assessment, snap: Snapshot, kind: str, commune: str, level, merged: dict) -> TargetStatus:
    """A commune target measured on ``snap``: on the commune itself, else (merged away by then) on
    the commune it is now part of, named in ``judged_on``; ``successors`` says where it went."""
    status = _measure_target(assessment, snap, kind, [commune], level)
    successor = merged.get(commune_key(commune))
    if status.actual is not None or successor is None:
        return status
    judged = _measure_target(assessment, snap, kind, [successor], level)
    if judged.actual is None:
        status.successors = {commune: successor}
        return status
    judged.communes, judged.judged_on, judged.successors = [commune], judged.communes[0], {commune: successor}
    return judged


def _finish(status: TargetStatus, name, kind, due, period, source, english="") -> TargetStatus:
    status.target, status.kind, status.due, status.period, status.source = name, kind, due, period, source
    status.target_en = english
    if status.actual is None:
        status.state = NO_DATA
    elif status.gap == 0:
        status.state = MET
    else:
        status.state = MISSED if period > due else DUE if period == due else IN_PROGRESS
    return status


def _measure_target(assessment: Assessment, snap: Snapshot, kind: str, communes: list[str],
                    level: float | None) -> TargetStatus:
    """The actual level and gap of one target on one snapshot."""
    status = TargetStatus("", kind, communes, "", "", level, None, None, NO_DATA)
    present = [c for c in (_commune(snap, n) for n in communes) if c is not None]
    status.communes = present or communes
    if communes and len(present) < len(communes):
        return status  # a commune of the target is not assessed in this period
    counts = snap.met_count
    if kind == "all_criteria":
        [commune] = present
        status.value, status.unit = snap.criteria_set.size, "criteria"
        status.actual = int(counts[commune])
        status.missing = [int(c) for c, met in snap.met.loc[commune].items() if not met]
        status.gap = len(status.missing)
    elif kind == "mean":
        status.actual, status.unit = float(counts.mean()), "criteria per commune"
        status.gap = max(0.0, level - status.actual)
    elif kind == "min_met":
        status.below = snap.names[snap.count_array < level].tolist()
        status.actual, status.unit = int(counts.min()), "criteria"
        status.gap = len(status.below)
    elif kind == "recognised_share":
        recognised = recognised_by(assessment, snap.period, snap.communes)
        if recognised is not None:
            status.actual, status.unit = recognised / len(counts), "share of communes"
            status.count, status.of = recognised, len(counts)
            status.gap = max(0, math.ceil(level * len(counts) - 1e-9) - recognised)
    elif kind == "villages_share":
        _villages(assessment, snap, present, level, status)
    elif kind in ("model_areas", "advanced"):
        [commune] = present
        values = _measure(snap, [commune], kind)
        if values is not None and not pd.isna(values.iloc[0]):
            status.actual = float(values.iloc[0]) if kind == "model_areas" else float(bool(values.iloc[0]))
            status.value = level if kind == "model_areas" else 1.0
            status.unit = "model residential areas" if kind == "model_areas" else "advanced standard met"
            status.gap = max(0.0, status.value - status.actual)
    return status


def _villages(assessment, snap, communes, level, status) -> None:
    """Share of villages in scope (register) meeting the village standard (snapshot)."""
    register = assessment.communes
    meeting = _measure(snap, communes, "villages_meeting")
    if meeting is None or "villages_in_scope" not in register.columns or meeting.isna().any():
        return
    scope = register["villages_in_scope"].reindex(communes)
    if scope.isna().any():
        return
    total, met = int(scope.sum()), int(meeting.sum())
    status.actual, status.unit = met / total, "share of villages"
    status.count, status.of = met, total
    status.gap = max(0, math.ceil(level * total - 1e-9) - met)  # villages still needed
