"""The district figures of one period: counts, bands, totals, means, per-criterion counts.

Pure functions over a ``Snapshot``; wording and charts format what these return.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd

from .bands import Band, parse_bands
from .model import Assessment, Snapshot
from .periods import period_end
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
    counts = snapshot.count_array
    n = len(counts)
    # communes at each count 0..n_criteria, then summed over each band's range
    at = np.bincount(counts, minlength=snapshot.criteria_set.size + 1)
    cumulative = np.concatenate([[0], np.cumsum(at)])
    inside = [int(cumulative[min(b.high, len(at) - 1) + 1] - cumulative[min(b.low, len(at))]) for b in bands]
    out = [BandCount(b.label, b.low, b.high, k, k / n if n else 0.0) for b, k in zip(bands, inside)]
    covered = np.zeros(len(at), dtype=bool)
    for b in bands:
        covered[min(b.low, len(at)):min(b.high, len(at) - 1) + 1] = True
    outside = snapshot.names[~covered[counts]].tolist()
    return out, outside


def recognition_period(year: int) -> str:
    """The first period in which a commune recognised "for year Y" counts as recognised: Q4 of Y
    (recognition for a year is decided at its end). The one rule of the report, the flags and
    the explorer."""
    return f"{int(year)}Q4"


def recognised_years(assessment: Assessment, period: str, communes: list[str]) -> pd.Series:
    """The year each commune of ``communes`` was recognised (công nhận), for those recognised as
    of ``period`` (from ``recognition_period`` of their year on), in the order given; empty when
    the register has no years."""
    register = assessment.communes
    if "recognised_year" not in register.columns:
        return pd.Series([], dtype="Int64", name="recognised_year")
    years = register["recognised_year"].reindex(communes)
    counted = years.map(lambda y: bool(pd.notna(y)) and recognition_period(y) <= period)
    return years[counted.astype(bool).to_numpy()].astype("Int64")


def recognised_by(assessment: Assessment, period: str, communes: list[str]) -> int | None:
    """Communes recognised (công nhận) as of a period; None when the register has no years."""
    if "recognised_year" not in assessment.communes.columns:
        return None
    return len(recognised_years(assessment, period, communes))


def recognised_count(assessment: Assessment, snapshot: Snapshot) -> int | None:
    """``recognised_by`` for the communes of ``snapshot``, on the register aligned once per
    snapshot (a national history asks it for every period)."""
    if "recognised_year" not in assessment.communes.columns:
        return None
    years = assessment.register_values(snapshot, "recognised_year")
    end = period_end(snapshot.period)
    return int(((years < end.year) | ((years == end.year) & (end.month == 12))).sum())


def summarise_snapshot(assessment: Assessment, snapshot: Snapshot,
                       bands: str | None = None) -> PeriodSummary:
    """The figures of one snapshot with the bands of ``bands`` (see ``bands.parse_bands``)."""
    counts = snapshot.count_array
    n = len(counts)
    total = int(counts.sum())
    by_count = np.bincount(counts, minlength=snapshot.criteria_set.size + 1)
    band_list, outside = band_counts(snapshot, parse_bands(bands, snapshot.criteria_set.size))
    return PeriodSummary(
        period=snapshot.period,
        criteria_set=snapshot.criteria_set.name,
        n_criteria=snapshot.criteria_set.size,
        n_communes=n,
        total_met=total,
        mean_met=total / n if n else 0.0,
        by_count={str(k): v for k, v in enumerate(by_count.tolist()) if v},
        bands=band_list,
        per_criterion={str(c): v for c, v in zip(snapshot.criteria_set.numbers,
                                                 snapshot.met_array.sum(axis=0).tolist())},
        total_basically_met=int((snapshot.status.to_numpy() == BASICALLY_MET).sum()),
        n_all_met=int((counts == snapshot.criteria_set.size).sum()),
        n_recognised=recognised_count(assessment, snapshot),
        outside_bands=outside,
    )


def lagging_criteria(snapshot: Snapshot) -> pd.DataFrame:
    """Criteria from the least met to the most, with the communes still missing each.

    Columns: criterion, name_vi, name_en, n_met, share, missing (a list of communes); ties keep
    criterion order, so the ranking is the same on every run.
    """
    met = snapshot.met_array
    names = snapshot.names
    n_met = met.sum(axis=0)
    shares = met.mean(axis=0) if len(names) else np.zeros(met.shape[1])
    criteria = snapshot.criteria_set.criteria
    order = np.lexsort((np.array([c.number for c in criteria]), n_met))  # by count, then number
    return pd.DataFrame({
        "criterion": [criteria[j].number for j in order],
        "name_vi": [criteria[j].name_vi for j in order],
        "name_en": [criteria[j].name_en for j in order],
        "n_met": n_met[order].astype(np.int64),
        "share": shares[order].astype(float),
        "missing": [names[~met[:, j]].tolist() for j in order],
    })


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
