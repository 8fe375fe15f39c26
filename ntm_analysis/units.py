"""Figures per administrative unit above the commune (district, province), for one period.

A provincial office reviews its districts side by side: communes, communes meeting all
criteria, recognised communes, the average and the bands, per district, ranked. These are the
period's figures (``figures.summarise_snapshot``) computed on each unit's communes, so a unit's
figures are exactly what the district's own review of the same communes would say.

Pure functions over the assessment: the review pack (``review.build_review``) computes them once
for its district section, and ``ntm summary --by district`` can print them.

>>> from ntm_analysis import load
>>> [(u.unit, u.n_communes, u.total_met) for u in unit_summaries(load(), "2020Q1")]
[('Lộc Bình', 19, 187)]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .figures import PeriodSummary, summarise_snapshot
from .model import UNIT_LEVELS, Assessment, Snapshot
from .text import vi_sort_key


@dataclass
class UnitSummary(PeriodSummary):
    """A period's figures for one unit: every key of ``PeriodSummary`` (the contract's summary
    JSON) plus ``unit`` (its name, NFC, without "Huyện "/"Tỉnh "; None for the communes whose unit
    the data does not tell) and ``level`` ("district" or "province")."""

    unit: str | None = None
    level: str = "district"

    @property
    def summary(self) -> PeriodSummary:
        """The figures alone, as a ``PeriodSummary`` (for renderers that take one)."""
        return self


def sub_snapshot(snapshot: Snapshot, communes) -> Snapshot:
    """The part of ``snapshot`` holding ``communes`` (in the snapshot's order)."""
    keep = snapshot.status.index.isin(list(communes))
    return Snapshot(snapshot.period, snapshot.criteria_set, snapshot.status[keep], snapshot.origin[keep],
                    snapshot.measures[keep] if len(snapshot.measures) else snapshot.measures,
                    snapshot.units[keep] if len(snapshot.units) else snapshot.units)


def units_of(snapshot: Snapshot, level: str = "district") -> pd.Series:
    """Each commune's unit at ``level`` (None where the data does not tell), in snapshot order."""
    if level not in UNIT_LEVELS:
        raise ValueError(f"level must be one of {', '.join(UNIT_LEVELS)} (not {level!r})")
    if level not in snapshot.units.columns:
        return pd.Series([None] * len(snapshot.communes), index=snapshot.status.index, dtype=object)
    return snapshot.units[level].reindex(snapshot.status.index).astype(object)


def unit_names(snapshot: Snapshot, level: str = "district") -> list[str]:
    """The units at ``level`` the snapshot's communes belong to, in Vietnamese alphabetical order."""
    values = {v for v in units_of(snapshot, level) if isinstance(v, str) and v}
    return sorted(values, key=vi_sort_key)


def unit_summaries(assessment: Assessment, period: str | None = None, level: str = "district",
                   bands: str | None = None) -> list[UnitSummary]:
    """The figures of ``period`` (default: the latest) for each unit at ``level``, ranked: the
    highest average first, then more communes meeting all criteria, then the name in Vietnamese
    alphabetical order. Communes whose unit the data does not tell form one last entry with
    ``unit`` None. ``bands`` as in ``bands.parse_bands``.

    Each unit's figures are those ``figures.summarise_snapshot`` gives for its communes
    (``reference_summaries`` computes them so, one unit at a time); here they come from one pass
    over the period's matrix, so hundreds of districts cost about as much as one."""
    import numpy as np

    from .bands import parse_bands
    from .figures import BandCount, recognised_years
    from .text import BASICALLY_MET, MET

    snapshot = assessment.snapshot(period)
    units = units_of(snapshot, level)
    known = unit_names(snapshot, level)
    position = {name: i for i, name in enumerate(known)}
    group = np.array([position.get(v, len(known)) if isinstance(v, str) and v else len(known) for v in units])
    codes = snapshot.status.to_numpy()
    met = codes == MET
    counts = met.sum(axis=1)
    basic = (codes == BASICALLY_MET).sum(axis=1)
    size = snapshot.criteria_set.size
    band_list = parse_bands(bands, size)
    register = assessment.communes
    recognised = None
    if "recognised_year" in register.columns:
        counted = set(recognised_years(assessment, snapshot.period, snapshot.communes).index)
        recognised = np.array([c in counted for c in snapshot.communes], dtype=bool)
    communes = np.array(snapshot.communes, dtype=object)
    numbers = [str(c) for c in snapshot.status.columns]
    out = []
    for g, name in enumerate([*known, None]):
        rows = np.flatnonzero(group == g)
        if not len(rows):
            continue
        k = counts[rows]
        n, total = len(rows), int(k.sum())
        values, freq = np.unique(k, return_counts=True)
        inside = [int(((k >= b.low) & (k <= b.high)).sum()) for b in band_list]
        outside = [str(c) for c, x in zip(communes[rows], k) if not any(b.low <= x <= b.high for b in band_list)]
        out.append(UnitSummary(
            period=snapshot.period, criteria_set=snapshot.criteria_set.name, n_criteria=size, n_communes=n,
            total_met=total, mean_met=total / n,
            by_count={str(int(v)): int(f) for v, f in zip(values, freq)},
            bands=[BandCount(b.label, b.low, b.high, x, x / n) for b, x in zip(band_list, inside)],
            per_criterion=dict(zip(numbers, (int(x) for x in met[rows].sum(axis=0)))),
            total_basically_met=int(basic[rows].sum()), n_all_met=int((k == size).sum()),
            n_recognised=int(recognised[rows].sum()) if recognised is not None else None,
            outside_bands=outside, unit=name, level=level))
    ranked = sorted((u for u in out if u.unit is not None),
                    key=lambda u: (-u.mean_exact, -u.n_all_met, vi_sort_key(u.unit)))
    return ranked + [u for u in out if u.unit is None]


def reference_summaries(assessment: Assessment, period: str | None = None, level: str = "district",
                        bands: str | None = None) -> list[UnitSummary]:
    """The same as ``unit_summaries``, one unit at a time through ``figures.summarise_snapshot``:
    the plain reference the fast path is tested against."""
    snapshot = assessment.snapshot(period)
    units = units_of(snapshot, level)
    groups = [(name, units.index[(units == name).to_numpy()]) for name in unit_names(snapshot, level)]
    unknown = units.index[units.isna().to_numpy() | (units == "").to_numpy()]
    if len(unknown):
        groups.append((None, unknown))
    out = [UnitSummary(**vars(summarise_snapshot(assessment, sub_snapshot(snapshot, communes), bands)), unit=name,
                       level=level) for name, communes in groups]
    ranked = sorted((u for u in out if u.unit is not None),
                    key=lambda u: (-u.mean_exact, -u.n_all_met, vi_sort_key(u.unit)))
    return ranked + [u for u in out if u.unit is None]
