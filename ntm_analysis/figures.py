"""The district figures of one period: counts, bands, totals, means, per-criterion counts.

Pure functions over a ``Snapshot``; wording and charts format what these return.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from fractions import Fraction

import pandas as pd

from .bands import Band, parse_bands
from .model import Assessment, Snapshot


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
    counts = snapshot.met_count
    n = len(counts)
    inside = [int(counts.between(b.low, b.high).sum()) for b in bands]
    out = [BandCount(b.label, b.low, b.high, k, k / n if n else 0.0) for b, k in zip(bands, inside)]
    outside = [c for c, k in counts.items() if not any(k in b for b in bands)]
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


def summarise_snapshot(assessment: Assessment, snapshot: Snapshot,
                       bands: str | None = None) -> PeriodSummary:
    """The figures of one snapshot with the bands of ``bands`` (see ``bands.parse_bands``)."""
    counts = snapshot.met_count
    n = len(counts)
    total = int(counts.sum())
    by_count = counts.value_counts().sort_index()
    band_list, outside = band_counts(snapshot, parse_bands(bands, snapshot.criteria_set.size))
    return PeriodSummary(
        period=snapshot.period,
        criteria_set=snapshot.criteria_set.name,
        n_criteria=snapshot.criteria_set.size,
        n_communes=n,
        total_met=total,
        mean_met=total / n if n else 0.0,
        by_count={str(int(k)): int(v) for k, v in by_count.items()},
        bands=band_list,
        per_criterion={str(c): int(v) for c, v in snapshot.met.sum(axis=0).items()},
        total_basically_met=int(snapshot.basically_met.to_numpy().sum()),
        n_all_met=int((counts == snapshot.criteria_set.size).sum()),
        n_recognised=recognised_by(assessment, snapshot.period, snapshot.communes),
        outside_bands=outside,
    )


def lagging_criteria(snapshot: Snapshot) -> pd.DataFrame:
    """Criteria from the least met to the most, with the communes still missing each.

    Columns: criterion, name_vi, name_en, n_met, share, missing (a list of communes); ties keep
    criterion order, so the ranking is the same on every run.
    """
    met = snapshot.met
    rows = []
    for criterion in snapshot.criteria_set.criteria:
        column = met[criterion.number]
        rows.append({"criterion": criterion.number, "name_vi": criterion.name_vi,
                     "name_en": criterion.name_en, "n_met": int(column.sum()),
                     "share": float(column.mean()) if len(column) else 0.0,
                     "missing": [c for c, ok in column.items() if not ok]})
    frame = pd.DataFrame(rows)
    return frame.sort_values(["n_met", "criterion"], kind="stable").reset_index(drop=True)


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
