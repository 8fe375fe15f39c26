"""Regression and quality flags across periods, as data checks a reviewer follows up.

Like DHIS2's validation rules: each flag names the check, the commune, the criterion (where one
is concerned) and the periods, so the office can ask the commune about it.

Each check works on the status arrays of two consecutive periods aligned by commune, so a
national history (10,000 communes × 60 quarters) is checked in arrays, not commune by commune;
the text of a flag is made once for each distinct case (a criterion, a pair of counts, a set of
missing criteria) and shared by the flags it describes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import Assessment, Snapshot
from .periods import period_end

COLUMNS = ["check", "commune", "criterion", "period_from", "period_to", "detail"]
DEFAULT_JUMP = 5


def _consecutive(assessment: Assessment):
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        yield prev, curr, assessment.snapshot(prev), assessment.snapshot(curr)


def _common(before: Snapshot, after: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """Rows of the communes in both snapshots (same printed name), in the earlier one's order."""
    after_at = after.status.index.get_indexer(before.status.index)
    before_at = np.flatnonzero(after_at >= 0)
    return before_at, after_at[before_at]


def _frame(check: str, communes, criteria, period_from, period_to, details) -> pd.DataFrame:
    return pd.DataFrame({"check": check, "commune": communes, "criterion": criteria,
                         "period_from": period_from, "period_to": period_to, "detail": details},
                        columns=COLUMNS)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)


def lost_criteria(assessment: Assessment) -> pd.DataFrame:
    """A commune no longer meeting a criterion it met in the previous period of the data."""
    frames = []
    for prev, curr, before, after in _consecutive(assessment):
        if before.criteria_set.numbers != after.criteria_set.numbers:
            continue
        before_at, after_at = _common(before, after)
        lost = before.met_array[before_at] & ~after.met_array[after_at]
        rows, cols = np.nonzero(lost)  # row by row, criteria in order within a row
        numbers = after.criteria_set.numbers
        details = np.array([f"criterion {n} ({after.criteria_set.criterion(n).name_vi}) met in {prev}, "
                            f"not in {curr}" for n in numbers], dtype=object)
        frames.append(_frame("lost_criterion", before.names[before_at[rows]],
                             np.array(numbers, dtype=np.int64)[cols], prev, curr, details[cols]))
    return _concat(frames)


def recognised_below_all(assessment: Assessment) -> pd.DataFrame:
    """A recognised commune (công nhận đạt chuẩn) not meeting every criterion in a period."""
    register = assessment.communes
    if "recognised_year" not in register.columns:
        return pd.DataFrame(columns=COLUMNS)
    frames = []
    for period, snap in assessment.snapshots.items():
        size = snap.criteria_set.size
        years = register["recognised_year"].reindex(snap.status.index)
        end = period_end(period)
        recognised = ((years < end.year) | ((years == end.year) & (end.month == 12))).fillna(False)
        counts = snap.count_array
        rows = np.flatnonzero(recognised.to_numpy(dtype=bool) & (counts < size))
        if not len(rows):
            continue
        year_values = years.iloc[rows].astype("int64").to_numpy()
        missing = ~snap.met_array[rows]
        # one text per distinct (year, criteria not met): few, however many communes
        keys = np.column_stack([year_values, np.packbits(missing, axis=1)])
        uniques, inverse = np.unique(keys, axis=0, return_inverse=True)
        numbers = np.array(snap.criteria_set.numbers)
        texts = []
        for key in uniques:
            not_met = np.unpackbits(key[1:].astype(np.uint8))[:size].astype(bool)
            texts.append(f"recognised for {int(key[0])} but meets {size - int(not_met.sum())}/{size}; "
                         f"not met: {', '.join(map(str, numbers[not_met].tolist()))}")
        frames.append(_frame("recognised_below_all", snap.names[rows], None, period, period,
                             np.array(texts, dtype=object)[inverse.reshape(-1)]))
    return _concat(frames)


def jumps(assessment: Assessment, threshold: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Criteria met changing by more than ``threshold`` between consecutive periods."""
    frames = []
    for prev, curr, before, after in _consecutive(assessment):
        before_at, after_at = _common(before, after)
        was, now = before.count_array[before_at], after.count_array[after_at]
        rows = np.flatnonzero(np.abs(now - was) > threshold)
        if not len(rows):
            continue
        pairs = was[rows] * 1000 + now[rows]
        codes, uniques = pd.factorize(pairs)
        texts = np.array([f"{p // 1000} → {p % 1000} criteria ({p % 1000 - p // 1000:+d}, more than "
                          f"{threshold})" for p in uniques.tolist()], dtype=object)
        frames.append(_frame("jump", before.names[before_at[rows]], None, prev, curr, texts[codes]))
    return _concat(frames)


def commune_set_changes(assessment: Assessment) -> pd.DataFrame:
    """Communes assessed in one period and not the next, or the other way round."""
    frames = []
    for prev, curr, before, after in _consecutive(assessment):
        gone = before.status.index.difference(after.status.index, sort=False)
        new = after.status.index.difference(before.status.index, sort=False)
        if len(gone):
            frames.append(_frame("commune_missing", sorted(gone), None, prev, curr,
                                 f"assessed in {prev}, not in {curr}"))
        if len(new):
            frames.append(_frame("commune_new", sorted(new), None, prev, curr,
                                 f"assessed in {curr}, not in {prev}"))
    return _concat(frames)


def flags(assessment: Assessment, jump: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Every flag, ordered by periods, check and commune."""
    frames = [lost_criteria(assessment), recognised_below_all(assessment),
              jumps(assessment, jump), commune_set_changes(assessment)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["criterion"] = out["criterion"].astype("Int64")
    return out.sort_values(["period_to", "period_from", "check", "commune", "criterion"],
                           kind="stable").reset_index(drop=True)
