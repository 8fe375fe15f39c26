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
from functools import lru_cache

import numpy as np
import pandas as pd

from .criteria import NoCriteriaSet, criteria_sets, set_for_date
from .figures import recognised_mask
from .model import Assessment, take_rows
from .text import vi_order

COLUMNS = ["check", "commune", "criterion", "period_from", "period_to", "detail"]
DEFAULT_JUMP = 5


def _consecutive(assessment: Assessment):
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        yield prev, curr, assessment.snapshot(prev), assessment.snapshot(curr)


class _Rows:
    """Flags gathered as arrays, period after period, and made into one table at the end.

    A column that is one value for all the rows added at once (the check, the periods) is kept
    as that value and spread at the end. Besides the columns, each part keeps what ``flags``
    sorts by, so that the checks are ordered with one ``lexsort`` of arrays: the number of each
    row's commune name (``Assessment.name_ids``) and the criterion (none: -1)."""

    def __init__(self):
        self.parts: dict[str, list] = {c: [] for c in COLUMNS}
        self.counts: list[int] = []
        self.name_ids: list[np.ndarray] = []
        self.n = 0

    def add(self, n: int, *, name_ids: np.ndarray, **columns) -> None:
        if not n:
            return
        for name in COLUMNS:
            self.parts[name].append(columns[name])
        self.counts.append(n)
        self.name_ids.append(name_ids)
        self.n += n

    def extend(self, other: "_Rows") -> None:
        for name in COLUMNS:
            self.parts[name].extend(other.parts[name])
        self.counts.extend(other.counts)
        self.name_ids.extend(other.name_ids)
        self.n += other.n

    def column(self, name: str) -> np.ndarray:
        """One column, every part's values or its one value spread over its rows."""
        parts = self.parts[name]
        if not any(isinstance(p, np.ndarray) for p in parts):
            values = np.empty(len(parts), dtype=object)
            values[:] = parts
            return np.repeat(values, self.counts)
        return np.concatenate([p if isinstance(p, np.ndarray) else np.full(n, p, dtype=object)
                               for p, n in zip(parts, self.counts)])

    def ranks(self, name: str) -> np.ndarray:
        """The rank of each row's value of a column among its distinct values, in sorted order."""
        parts = self.parts[name]
        if any(isinstance(p, np.ndarray) for p in parts):
            return np.unique(self.column(name).astype(str), return_inverse=True)[1]
        rank = {value: i for i, value in enumerate(sorted(set(parts)))}
        return np.repeat(np.array([rank[p] for p in parts], dtype=np.int64), self.counts)

    def criteria(self) -> np.ndarray:
        """The criterion of each row, -1 where none."""
        return np.concatenate([p if isinstance(p, np.ndarray) else np.full(n, -1, dtype=np.int64)
                               for p, n in zip(self.parts["criterion"], self.counts)])

    def frame(self) -> pd.DataFrame:
        if not self.n:
            return pd.DataFrame(columns=COLUMNS)
        return pd.DataFrame({name: self.column(name) for name in COLUMNS}, columns=COLUMNS)


def lost_criteria(assessment: Assessment) -> pd.DataFrame:
    """A commune no longer meeting a criterion it met in the previous period of the data."""
    return _lost_criteria(assessment).frame()


def _lost_criteria(assessment: Assessment) -> _Rows:
    rows = _Rows()
    for prev, curr, before, after in _consecutive(assessment):
        if before.criteria_set.numbers != after.criteria_set.numbers:
            continue
        before_at, _ = assessment.align(before, after, by="name")
        lost = assessment.gained_lost(before, after, by="name")[1]
        at, cols = np.divmod(np.flatnonzero(lost), lost.shape[1])  # row by row, criteria in order
        if not len(at):
            continue
        criteria = after.criteria_set.criteria
        texts = {j: f"criterion {criteria[j].number} ({criteria[j].name_vi}) met in {prev}, not in {curr}"
                 for j in set(cols.tolist())}
        details = np.empty(len(criteria), dtype=object)
        for j, text in texts.items():
            details[j] = text
        rows.add(len(at), check="lost_criterion", commune=before.names[before_at[at]],
                 criterion=np.array(after.criteria_set.numbers, dtype=np.int64)[cols], period_from=prev,
                 period_to=curr, detail=details[cols], name_ids=assessment.name_ids(before)[before_at[at]])
    return rows


def recognised_below_all(assessment: Assessment) -> pd.DataFrame:
    """A recognised commune (công nhận đạt chuẩn) not meeting every criterion in a period."""
    if "recognised_year" not in assessment.communes.columns:
        return pd.DataFrame(columns=COLUMNS)
    return _recognised_below_all(assessment).frame()


def _recognised_below_all(assessment: Assessment) -> _Rows:
    rows = _Rows()
    if "recognised_year" not in assessment.communes.columns:
        return rows
    said: dict[tuple, str] = {}  # (criteria, those not met) → "meets 17/19; not met: 16, 17"
    same_size: dict[int, tuple] = {}  # set size → (years by name number, ``same_size_years`` of them)
    for period, snap in assessment.snapshots.items():
        size = snap.criteria_set.size
        years = assessment.register_values(snap, "recognised_year")
        # recognised under a set of as many criteria as the period's: a commune recognised under
        # the 19 criteria (until 2025) is not "below all criteria" of the 10 of 2026. Told once
        # per name number and set size, then taken for each period's communes.
        by_number = assessment.register_by_number("recognised_year")
        held = same_size.get(size)
        if held is None or held[0] is not by_number:
            held = same_size[size] = (by_number, same_size_years(by_number, size))
        recognised = recognised_mask(assessment, snap) & held[1][assessment.name_ids(snap)]
        at = np.flatnonzero(recognised & (snap.count_array < size))
        if not len(at):
            continue
        # one text per distinct (year, criteria not met): few, however many communes
        bits = (~snap.met_array[at]).astype(np.int64) @ (np.int64(1) << np.arange(size, dtype=np.int64))
        uniques, inverse = np.unique((years[at].astype(np.int64) << 32) | bits, return_inverse=True)
        numbers = snap.criteria_set.numbers
        texts = []
        for key in uniques.tolist():
            bits = key & 0xFFFFFFFF
            text = said.get((numbers, bits))
            if text is None:
                missing = [str(numbers[j]) for j in range(size) if bits >> j & 1]
                text = said[numbers, bits] = f"meets {size - len(missing)}/{size}; not met: {', '.join(missing)}"
            texts.append(f"recognised for {key >> 32} but {text}")
        rows.add(len(at), check="recognised_below_all", commune=snap.names[at], criterion=None,
                 period_from=period, period_to=period,
                 detail=np.array(texts, dtype=object)[inverse], name_ids=assessment.name_ids(snap)[at])
    return rows


def set_size_of_year(year: int) -> int | None:
    """How many criteria the set in force at the end of ``year`` has (recognition "for year Y" is
    decided against it); None before the first set."""
    try:
        return set_for_date(dt.date(int(year), 12, 31)).size
    except (NoCriteriaSet, ValueError, OverflowError):
        return None


def same_size_years(years: np.ndarray, size: int) -> np.ndarray:
    """Where the recognition year's set has ``size`` criteria (False where there is no year):
    ``set_size_of_year`` of every year at once, by the year each set came into force."""
    years = np.asarray(years, dtype=float)
    starts, sizes = _sets_by_year()
    # the years ``set_size_of_year`` can tell (a date's year is 1 to 9999; int() cuts)
    known = (years >= 1) & (years < 10000)
    at = np.searchsorted(starts, np.floor(np.where(known, years, 1)), side="right") - 1
    return known & (at >= 0) & (sizes[np.maximum(at, 0)] == size)


@lru_cache(maxsize=1)
def _sets_by_year() -> tuple[np.ndarray, np.ndarray]:
    """The year each criteria set came into force, oldest first, and its size: the set in force
    at the end of year Y is the last to come into force in Y or before."""
    sets = list(criteria_sets().values())
    return (np.array([s.in_force.year for s in sets], dtype=float),
            np.array([s.size for s in sets], dtype=np.int64))


def jumps(assessment: Assessment, threshold: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Criteria met changing by more than ``threshold`` between consecutive periods."""
    return _jumps(assessment, threshold).frame()


def _jumps(assessment: Assessment, threshold: int) -> _Rows:
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
                 period_from=prev, period_to=curr, detail=texts[codes],
                 name_ids=assessment.name_ids(before)[before_at[at]])
    return rows


def commune_set_changes(assessment: Assessment) -> pd.DataFrame:
    """Communes assessed in one period and not the next, or the other way round."""
    return _commune_set_changes(assessment).frame()


def _commune_set_changes(assessment: Assessment) -> _Rows:
    from .compare import merged_rows

    rows = _Rows()
    for prev, curr, before, after in _consecutive(assessment):
        before_at, after_at = assessment.align(before, after, by="name")
        # communes merged by the boundary mapping neither went nor came
        merged = merged_rows(assessment, prev, curr)
        for (check, snap, at, text), skip in zip(
                (("commune_missing", before, before_at, f"assessed in {prev}, not in {curr}"),
                 ("commune_new", after, after_at, f"assessed in {curr}, not in {prev}")), merged):
            alone = np.ones(len(snap.names), dtype=bool)
            alone[at] = False
            if skip is not None:
                alone &= ~skip
            names = snap.names[alone]  # in Vietnamese order once, by ``flags``
            rows.add(len(names), check=check, commune=names, criterion=None, period_from=prev,
                     period_to=curr, detail=text, name_ids=assessment.name_ids(snap)[alone])
    return rows


def vi_ranks(names: list[str]) -> np.ndarray:
    """The place of each name in Vietnamese alphabetical order (0 first; int64), names of one
    key in the order given: ``text.vi_sorted`` as ranks, for a long list of names ranked once
    and then ordered in arrays (a key per name, the keys sorted, no lookup of names)."""
    ranks = np.empty(len(names), dtype=np.int64)
    ranks[vi_order(names)] = np.arange(len(names), dtype=np.int64)
    return ranks


def flags(assessment: Assessment, jump: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Every flag, ordered by periods, check and commune (in Vietnamese order), and criterion."""
    rows = _Rows()
    for part in (_lost_criteria(assessment), _recognised_below_all(assessment), _jumps(assessment, jump),
                 _commune_set_changes(assessment)):
        rows.extend(part)
    if not rows.n:
        return pd.DataFrame(columns=COLUMNS)
    ids = np.concatenate(rows.name_ids)
    criteria = rows.criteria()
    # communes in Vietnamese order: each distinct name ranked once (the names are distinct:
    # ranked by their keys, in arrays, rather than looked up name by name)
    distinct, inverse = np.unique(ids, return_inverse=True)
    names = take_rows(assessment.numbering.names.to_numpy(dtype=object), distinct)
    communes = vi_ranks(names.tolist())[inverse]
    order = np.lexsort((np.where(criteria < 0, np.iinfo(np.int64).max, criteria), communes,
                        rows.ranks("check"), rows.ranks("period_from"), rows.ranks("period_to")))
    out = {name: rows.column(name)[order] for name in COLUMNS if name != "criterion"}
    out["criterion"] = pd.arrays.IntegerArray(criteria[order], criteria[order] < 0)
    return pd.DataFrame(out, columns=COLUMNS)
