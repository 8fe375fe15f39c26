"""The district figures of one period: counts, bands, totals, means, per-criterion counts.

Pure functions over a ``Snapshot``; wording and charts format what these return.
"""

from __future__ import annotations

from collections import UserList
from dataclasses import asdict, dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd
from pandas.api.internals import create_dataframe_from_blocks

from .bands import Band, parse_bands
from .criteria import CriteriaSet
from .model import Assessment, Snapshot, _frozen
from .periods import period_of_number, quarter_number
from .text import BASICALLY_MET


@dataclass
class BandCount:
    label: str
    low: int
    high: int
    n: int
    share: float  # n / n_communes


@dataclass
class PeriodSummary:
    """The figures of one period, as the contract's JSON keys."""

    period: str
    criteria_set: str
    n_criteria: int
    n_communes: int
    total_met: int
    mean_met: float
    by_count: dict[str, int]
    bands: list[BandCount]
    per_criterion: dict[str, int]
    total_basically_met: int
    n_all_met: int  # communes meeting every criterion now
    n_recognised: int | None  # communes recognised by the period's year (None: no register data)
    outside_bands: list[str] = field(default_factory=list)  # communes no band holds
    text: str = ""

    @property
    def mean_exact(self) -> Fraction:
        return Fraction(self.total_met, self.n_communes) if self.n_communes else Fraction(0)

    def to_dict(self) -> dict:
        return asdict(self)


def band_counts(snapshot: Snapshot, bands: list[Band]) -> tuple[list[BandCount], list[str]]:
    """Communes in each band, and the communes that fall in none."""
    inside = snapshot._cached(("bands", tuple(bands)), lambda: _inside(snapshot.count_histogram, bands))
    n = len(snapshot.count_array)
    out = [BandCount(b.label, b.low, b.high, k, k / n if n else 0.0) for b, k in zip(bands, inside)]
    if sum(inside) == n:  # every commune in a band (bands do not overlap)
        return out, []
    at = snapshot.count_histogram
    covered = np.zeros(len(at), dtype=bool)
    for b in bands:
        covered[min(b.low, len(at)):min(b.high, len(at) - 1) + 1] = True
    order = snapshot.vi_order  # (named in a sentence: in Vietnamese order)
    outside = snapshot.names[order[~covered[snapshot.count_array[order]]]].tolist()
    return out, outside


def _inside(at: np.ndarray, bands: list[Band]) -> tuple[int, ...]:
    """Communes in each band, from the communes at each count 0..n_criteria (``at``)."""
    cumulative = np.concatenate([[0], np.cumsum(at)]).tolist()
    return tuple(cumulative[min(b.high, len(at) - 1) + 1] - cumulative[min(b.low, len(at))] for b in bands)


def recognition_period(year: int, last: str | None = None) -> str:
    """The first period in which a commune recognised "for year Y" counts as recognised: Q4 of Y
    (recognition for a year is decided at its end), or ``last``, the commune's last period in the
    data, when it ends (merged away, gone) earlier in that year: a commune recognised in 2025
    and merged away on 1/7/2025 counts from 2025Q2, its last quarter, not never. The one rule of
    the report, the 80% target, the flags, the workbook and the explorer (``recognised_from``)."""
    last_number = np.array([quarter_number(last) if last is not None else -1], dtype=np.int64)
    return period_of_number(int(_recognised_numbers(np.array([float(year)]), last_number, _NEVER)[0]))


_NEVER = np.iinfo(np.int64).max


def _recognised_numbers(years: np.ndarray, last: np.ndarray, final: int) -> np.ndarray:
    """The rule of ``recognition_period`` on quarter numbers (``periods.quarter_number``), for
    many communes at once: ``years`` (NaN: none), each commune's ``last`` quarter (-1: none), and
    the data's ``final`` quarter (a commune whose last quarter is the final one has not ended)."""
    has = ~np.isnan(years)
    year = np.where(has, years, 0).astype(np.int64)
    out = np.where(has, year * 4 + 3, _NEVER)
    ended = has & (last >= 0) & (last < final) & (last // 4 == year)
    out[ended] = last[ended]
    return out


def recognised_from(assessment: Assessment) -> np.ndarray:
    """By name number, the quarter (``periods.quarter_number``) from which each commune counts as
    recognised (``recognition_period`` of its year and of its last period when it ends before
    the data's last period), ``_NEVER`` where it has no year. Kept on the assessment per register,
    numbering and snapshots."""
    snapshots = assessment.snapshots
    if snapshots:  # the first snapshot's numbers number every period's names (the key below counts them)
        assessment.name_ids(next(iter(snapshots.values())))
    numbering = assessment.numbering

    def compute() -> np.ndarray:
        periods = list(snapshots)
        ids = [assessment.name_ids(s) for s in snapshots.values()]  # (before the register: every name numbered)
        years = assessment.register_by_number("recognised_year", again=True)
        last = np.full(len(years), -1, dtype=np.int64)
        for period, at in zip(periods, ids):
            last[at] = quarter_number(period)
        final = quarter_number(periods[-1]) if periods else -1
        return _frozen(_recognised_numbers(years, last, final))

    return assessment._kept_while("recognised_from", (assessment.communes, numbering, *snapshots.values()),
                                  (numbering.n_names, tuple(snapshots)), compute)


def recognised_since(assessment: Assessment, commune: str) -> str | None:
    """The period from which ``commune`` counts as recognised (``recognition_period``), None
    without a year."""
    if "recognised_year" not in assessment.communes.columns:
        return None
    year = assessment.communes["recognised_year"].get(commune)
    if year is None or pd.isna(year):
        return None
    at = assessment.numbering.names.get_indexer([commune])[0] if assessment.numbering.n_names else -1
    if at < 0:
        return recognition_period(year)
    return period_of_number(int(recognised_from(assessment)[at]))


def recognised_years(assessment: Assessment, period: str, communes: list[str]) -> pd.Series:
    """The year each commune of ``communes`` was recognised (công nhận), for those recognised as
    of ``period`` (from ``recognition_period`` on), in the order given; empty when the register
    has no years."""
    register = assessment.communes
    if "recognised_year" not in register.columns:
        return pd.Series([], dtype="Int64", name="recognised_year")
    years = register["recognised_year"].reindex(communes)
    since = recognised_from(assessment)
    numbers = assessment.numbering.names.get_indexer(list(communes)) if assessment.numbering.n_names \
        else np.full(len(communes), -1)
    now = quarter_number(period)
    counted = [bool(pd.notna(y)) and (since[i] <= now if i >= 0 else recognition_period(y) <= period)
               for y, i in zip(years.tolist(), numbers.tolist())]
    return years[np.array(counted, dtype=bool)].astype("Int64")


def recognised_by(assessment: Assessment, period: str, communes: list[str]) -> int | None:
    """Communes recognised (công nhận) as of a period; None when the register has no years."""
    if "recognised_year" not in assessment.communes.columns:
        return None
    return len(recognised_years(assessment, period, communes))


def recognised_count(assessment: Assessment, snapshot: Snapshot) -> int | None:
    """``recognised_by`` for the communes of ``snapshot``, on the register aligned once per
    snapshot (a national history asks it for every period)."""
    recognised = recognised_mask(assessment, snapshot)
    return None if recognised is None else int(np.count_nonzero(recognised))


def recognised_mask(assessment: Assessment, snapshot: Snapshot) -> np.ndarray | None:
    """Which communes of ``snapshot`` are recognised as of its period (from
    ``recognition_period`` on: ``recognised_from``), in row order; None when the register has no
    years. Kept on the snapshot: the summary, the trend and the flags each ask."""
    register = assessment.communes
    if "recognised_year" not in register.columns:
        return None
    since = recognised_from(assessment)

    def compute():
        return _frozen(since[assessment.name_ids(snapshot)] <= quarter_number(snapshot.period))

    return assessment._per_snapshot(snapshot, "recognised", since, compute)


def summarise_snapshot(assessment: Assessment, snapshot: Snapshot,
                       bands: str | None = None) -> PeriodSummary:
    """The figures of one snapshot with the bands of ``bands`` (see ``bands.parse_bands``)."""
    criteria_set = snapshot.criteria_set
    by_count = snapshot.count_histogram.tolist()
    n = sum(by_count)
    total = int(snapshot.met_by_criterion.sum())
    band_list, outside = band_counts(snapshot, parse_bands(bands, criteria_set.size))
    return PeriodSummary(
        period=snapshot.period,
        criteria_set=criteria_set.name,
        n_criteria=criteria_set.size,
        n_communes=n,
        total_met=total,
        mean_met=total / n if n else 0.0,
        by_count={str(k): v for k, v in enumerate(by_count) if v},
        bands=band_list,
        per_criterion=dict(zip(_labels(criteria_set), snapshot.met_by_criterion.tolist())),
        total_basically_met=int(np.count_nonzero(snapshot.codes == BASICALLY_MET)),
        n_all_met=by_count[criteria_set.size],
        n_recognised=recognised_count(assessment, snapshot),
        outside_bands=outside,
    )


_SET_ARRAYS: dict[int, tuple[CriteriaSet, dict]] = {}


def _set_arrays(criteria_set: CriteriaSet) -> dict:
    """What the figures read of a criteria set on every call, made once per set: the numbers
    as text (the keys of ``per_criterion``) and as an array, and the names as text arrays.
    (Kept by identity: hashing a set hashes all its criteria.)"""
    held = _SET_ARRAYS.get(id(criteria_set))
    if held is None or held[0] is not criteria_set:
        if len(_SET_ARRAYS) > 64:
            _SET_ARRAYS.clear()
        criteria = criteria_set.criteria
        held = _SET_ARRAYS[id(criteria_set)] = (criteria_set, {
            "labels": tuple(str(c.number) for c in criteria),
            "numbers": _frozen(np.array([c.number for c in criteria], dtype=np.int64)),
            "name_vi": pd.array([c.name_vi for c in criteria], dtype="str"),
            "name_en": pd.array([c.name_en for c in criteria], dtype="str"),
            "ordered": {}})
    return held[1]


def _names_in_order(arrays: dict, order: np.ndarray) -> tuple:
    """The criteria's names (Vietnamese, English) in ``order``, taken once per order: the
    ranking of a set's criteria changes little from one period to the next. Each table gets
    its own copy (of the same immutable Arrow data)."""
    ordered = arrays["ordered"]
    key = order.tobytes()
    names = ordered.get(key)
    if names is None:
        if len(ordered) > 1024:
            ordered.clear()
        names = ordered[key] = (arrays["name_vi"].take(order), arrays["name_en"].take(order))
    return names[0].copy(), names[1].copy()


def _labels(criteria_set: CriteriaSet) -> tuple[str, ...]:
    return _set_arrays(criteria_set)["labels"]


def lagging_criteria(snapshot: Snapshot, communes: bool = True) -> pd.DataFrame:
    """Criteria from the least met to the most, with the communes still missing each.

    Columns: criterion, name_vi, name_en, n_met, share, missing (the communes in Vietnamese
    alphabetical order, as every output lists them: a ``MissingNames``, a list made when first
    read; left out with ``communes=False``, for a view that shows the criteria only: at national scale the
    lists are millions of names); ties keep criterion order, so the ranking is the same on
    every run.
    """
    met = snapshot.met_array
    names = snapshot.names
    n_met = snapshot.met_by_criterion
    shares = n_met / len(names) if len(names) else np.zeros(met.shape[1])  # as met.mean(axis=0)
    arrays = _set_arrays(snapshot.criteria_set)
    order = np.lexsort((arrays["numbers"], n_met))  # by count, then number
    name_vi, name_en = _names_in_order(arrays, order)
    columns = [arrays["numbers"][order], name_vi, name_en, n_met[order], shares[order]]
    if not communes:
        return frame_of(_LAGGING_COLUMNS[:-1], columns)
    missing = np.empty(len(order), dtype=object)
    for i, j in enumerate(order.tolist()):  # (one by one: a list of lists would make a 2-D array)
        missing[i] = MissingNames(source=(snapshot, j))
    return frame_of(_LAGGING_COLUMNS, columns + [missing])


class MissingNames(UserList):
    """The communes not meeting one criterion, in Vietnamese alphabetical order (the snapshot's
    ``vi_order``, ranked once per period and only when a list is read): a list of names, made the first
    time it is read (its length is known before). A national history is 100,000 communes ×
    19 criteria × 60 quarters: as lists, tens of millions of references to names that every
    figure of the suite would pay for and few ever read (the explorer's and the page's overview
    show the counts). Compares equal to the list of the same names; ``list(...)`` gives it."""

    def __init__(self, initlist=(), *, source: tuple[Snapshot, int] | None = None):
        # ``source``: the snapshot (its names and met array are read-only: not copied) and the column
        self._source = source
        self._data = None if source is not None else list(initlist)

    @property
    def data(self) -> list[str]:
        if self._data is None:
            snapshot, column = self._source
            names, met = snapshot.in_vi_order
            self._data = names[~met[:, column]].tolist()
        return self._data

    @property
    def positions(self) -> np.ndarray:
        """The communes' row positions in their snapshot, in the list's order, without making
        the list (as the comparisons give their changes: arrays, names made when asked for);
        for a list given by hand, its names' positions are not known: None."""
        if self._source is None:
            return None
        snapshot, column = self._source
        return snapshot.vi_order[~snapshot.met_in_vi_order[:, column]]

    @data.setter
    def data(self, value: list[str]) -> None:
        self._data, self._source = value, None

    def __len__(self) -> int:
        if self._data is None:
            snapshot, column = self._source
            return len(snapshot.names) - int(np.count_nonzero(snapshot.met_array[:, column]))
        return len(self._data)

    def __iter__(self):  # the list's own iterator: ``UserList`` would read ``data`` once per item
        return iter(self.data)

    def __copy__(self) -> "MissingNames":
        return MissingNames(self.data)

    def __reduce__(self):  # pickled (and deep-copied) as the plain list it stands for
        return list, (self.data,)


_LAGGING_COLUMNS = pd.Index(["criterion", "name_vi", "name_en", "n_met", "share", "missing"])


def frame_of(columns, arrays: list, index: pd.Index | None = None) -> pd.DataFrame:
    """A table of columns already made (1-D numpy or extension arrays of one length, each of its
    final type), by default with a range index: what ``pd.DataFrame(dict(zip(columns, arrays)))``
    gives, without inferring and checking each column again (a tenth of a millisecond per
    table, and the figures make one per period). Numpy columns of one type share a block, as
    the constructor would consolidate them. The arrays are used as they are (extension arrays
    not copied): pass arrays of the table's own."""
    if index is None:
        index = pd.RangeIndex.from_range(range(len(arrays[0]) if len(arrays) else 0))
    blocks, by_type = [], {}
    for i, array in enumerate(arrays):
        if isinstance(array, np.ndarray):
            by_type.setdefault(array.dtype, []).append(i)
        else:
            blocks.append((array, np.array([i])))
    for places in by_type.values():
        stacked = np.vstack([arrays[i] for i in places]) if len(places) > 1 else arrays[places[0]].reshape(1, -1)
        blocks.append((stacked, np.array(places)))
    return create_dataframe_from_blocks(blocks, index=index, columns=pd.Index(columns) if not isinstance(
        columns, pd.Index) else columns.copy())


def least_met_top(lagging: pd.DataFrame, top: int) -> pd.DataFrame:
    """The ``top`` first rows of ``lagging_criteria`` and every criterion tied with the last of
    them: a report naming "the two least met criteria" does not leave out a third met by as few
    communes (``--top 1`` with criteria 16 and 17 both at 4/19 names both)."""
    if top < 1:
        raise ValueError("top must be at least 1")
    head = lagging.head(top)
    if head.empty:
        return head
    return lagging[lagging["n_met"] <= head["n_met"].iloc[-1]]


def least_met(lagging: pd.DataFrame, levels: int = 1) -> pd.DataFrame:
    """The rows of ``lagging_criteria`` at its ``levels`` lowest counts, ties included, so that
    no criterion is singled out over another met by as many communes."""
    lowest = sorted(set(lagging["n_met"]))[:levels]
    return lagging[lagging["n_met"].isin(lowest)]
