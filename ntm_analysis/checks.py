"""Regression and quality flags across periods, as data checks a reviewer follows up.

Like DHIS2's validation rules: each flag names the check, the commune, the criterion (where one
is concerned) and the periods, so the office can ask the commune about it.

Each check works on the status arrays of two consecutive periods aligned by commune, so a
national history (10,000 communes × 60 quarters) is checked in arrays, not commune by commune;
the text of a flag is made once for each distinct case (a criterion, a pair of counts, a set of
missing criteria) and shared by the flags it describes.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .criteria import NoCriteriaSet, set_for_date
from .model import Assessment
from .periods import period_end
from .text import vi_sorted

COLUMNS = ["check", "commune", "criterion", "period_from", "period_to", "detail"]
DEFAULT_JUMP = 5


def _consecutive(assessment: Assessment):
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        yield prev, curr, assessment.snapshot(prev), assessment.snapshot(curr)


class _Rows:
    """Flags gathered as arrays, period after period, and made into one table at the end."""

    def __init__(self):
        self.parts: dict[str, list] = {c: [] for c in COLUMNS}
        self.n = 0

    def add(self, n: int, **columns) -> None:
        if not n:
            return
        for name in COLUMNS:
            value = columns[name]
            if isinstance(value, np.ndarray):
                self.parts[name].append(value)
            else:
                self.parts[name].append(np.full(n, value, dtype=object))
        self.n += n

    def frame(self) -> pd.DataFrame:
        if not self.n:
            return pd.DataFrame(columns=COLUMNS)
        return pd.DataFrame({name: np.concatenate(parts) for name, parts in self.parts.items()},
                            columns=COLUMNS)


def lost_criteria(assessment: Assessment) -> pd.DataFrame:
    """A commune no longer meeting a criterion it met in the previous period of the data."""
    rows = _Rows()
    for prev, curr, before, after in _consecutive(assessment):
        if before.criteria_set.numbers != after.criteria_set.numbers:
            continue
        before_at, after_at = assessment.align(before, after, by="name")
        lost = before.met_array[before_at] & ~after.met_array[after_at]
        at, cols = np.nonzero(lost)  # row by row, criteria in order within a row
        numbers = after.criteria_set.numbers
        details = np.array([f"criterion {n} ({after.criteria_set.criterion(n).name_vi}) met in {prev}, "
                            f"not in {curr}" for n in numbers], dtype=object)
        rows.add(len(at), check="lost_criterion", commune=before.names[before_at[at]],
                 criterion=np.array(numbers, dtype=np.int64)[cols], period_from=prev, period_to=curr,
                 detail=details[cols])
    return rows.frame()


def recognised_below_all(assessment: Assessment) -> pd.DataFrame:
    """A recognised commune (công nhận đạt chuẩn) not meeting every criterion in a period."""
    if "recognised_year" not in assessment.communes.columns:
        return pd.DataFrame(columns=COLUMNS)
    rows = _Rows()
    for period, snap in assessment.snapshots.items():
        size = snap.criteria_set.size
        years = assessment.register_values(snap, "recognised_year")
        end = period_end(period)
        recognised = (years < end.year) | ((years == end.year) & (end.month == 12))
        # recognised under a set of as many criteria as the period's: a commune recognised under
        # the 19 criteria (until 2025) is not "below all criteria" of the 10 of 2026
        recognised &= same_size_years(years, size)
        at = np.flatnonzero(recognised & (snap.count_array < size))
        if not len(at):
            continue
        # one text per distinct (year, criteria not met): few, however many communes
        bits = (~snap.met_array[at]).astype(np.int64) @ (np.int64(1) << np.arange(size, dtype=np.int64))
        uniques, inverse = np.unique((years[at].astype(np.int64) << 32) | bits, return_inverse=True)
        numbers = [str(n) for n in snap.criteria_set.numbers]
        said: dict[int, str] = {}  # criteria not met → "meets 17/19; not met: 16, 17"
        texts = []
        for key in uniques.tolist():
            bits = key & 0xFFFFFFFF
            if bits not in said:
                missing = [numbers[j] for j in range(size) if bits >> j & 1]
                said[bits] = f"meets {size - len(missing)}/{size}; not met: {', '.join(missing)}"
            texts.append(f"recognised for {key >> 32} but {said[bits]}")
        rows.add(len(at), check="recognised_below_all", commune=snap.names[at], criterion=None,
                 period_from=period, period_to=period,
                 detail=np.array(texts, dtype=object)[inverse])
    return rows.frame()


def set_size_of_year(year: int) -> int | None:
    """How many criteria the set in force at the end of ``year`` has (recognition "for year Y" is
    decided against it); None before the first set."""
    try:
        return set_for_date(dt.date(int(year), 12, 31)).size
    except (NoCriteriaSet, ValueError, OverflowError):
        return None


def same_size_years(years: np.ndarray, size: int) -> np.ndarray:
    """Where the recognition year's set has ``size`` criteria (False where there is no year)."""
    years = np.asarray(years, dtype=float)
    out = np.zeros(len(years), dtype=bool)
    known = ~np.isnan(years)
    for year in np.unique(years[known]).tolist():  # a few dozen years, however many communes
        if set_size_of_year(int(year)) == size:
            out[years == year] = True
    return out


def jumps(assessment: Assessment, threshold: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Criteria met changing by more than ``threshold`` between consecutive periods."""
    rows = _Rows()
    for prev, curr, before, after in _consecutive(assessment):
        if before.criteria_set.size != after.criteria_set.size:
            continue  # 19 → 10 criteria (2026): counts of different sets, not a jump
        before_at, after_at = assessment.align(before, after, by="name")
        was, now = before.count_array[before_at], after.count_array[after_at]
        at = np.flatnonzero(np.abs(now - was) > threshold)
        if not len(at):
            continue
        pairs = was[at] * 1000 + now[at]
        codes, uniques = pd.factorize(pairs)
        texts = np.array([f"{p // 1000} → {p % 1000} criteria ({p % 1000 - p // 1000:+d}, more than "
                          f"{threshold})" for p in uniques.tolist()], dtype=object)
        rows.add(len(at), check="jump", commune=before.names[before_at[at]], criterion=None,
                 period_from=prev, period_to=curr, detail=texts[codes])
    return rows.frame()


def commune_set_changes(assessment: Assessment) -> pd.DataFrame:
    """Communes assessed in one period and not the next, or the other way round."""
    from .compare import _changes_between, compare

    rows = _Rows()
    for prev, curr, before, after in _consecutive(assessment):
        before_at, after_at = assessment.align(before, after, by="name")
        merged = ([], [])  # communes merged by the boundary mapping neither went nor came
        if not _changes_between(assessment, period_end(prev), period_end(curr)).empty:
            comparison = compare(assessment, prev, curr)
            merged = (comparison.merged_removed, comparison.merged_added)
        for (check, snap, at, text), skip in zip(
                (("commune_missing", before, before_at, f"assessed in {prev}, not in {curr}"),
                 ("commune_new", after, after_at, f"assessed in {curr}, not in {prev}")), merged):
            alone = np.ones(len(snap.names), dtype=bool)
            alone[at] = False
            if skip:  # (a set: np.isin sorts object arrays, seconds at national scale)
                skipped = set(skip)
                alone &= np.fromiter((n not in skipped for n in snap.names), dtype=bool, count=len(snap.names))
            names = snap.names[alone]  # in Vietnamese order once, by ``flags``
            rows.add(len(names), check=check, commune=names, criterion=None, period_from=prev,
                     period_to=curr, detail=text)
    return rows.frame()


def flags(assessment: Assessment, jump: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Every flag, ordered by periods, check and commune."""
    frames = [lost_criteria(assessment), recognised_below_all(assessment),
              jumps(assessment, jump), commune_set_changes(assessment)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["criterion"] = out["criterion"].astype("Int64")
    rank = {name: i for i, name in enumerate(vi_sorted(set(out["commune"])))}  # communes in Vietnamese order
    return out.sort_values(["period_to", "period_from", "check", "commune", "criterion"], kind="stable",
                           key=lambda column: column.map(rank) if column.name == "commune" else column
                           ).reset_index(drop=True)
