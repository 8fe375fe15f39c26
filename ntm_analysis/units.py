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
    ``unit`` None. ``bands`` as in ``bands.parse_bands``."""
    snapshot = assessment.snapshot(period)
    units = units_of(snapshot, level)
    out = []
    known = unit_names(snapshot, level)
    groups = [(name, units.index[(units == name).to_numpy()]) for name in known]
    unknown = units.index[units.isna().to_numpy() | (units == "").to_numpy()]
    if len(unknown):
        groups.append((None, unknown))
    for name, communes in groups:
        summary = summarise_snapshot(assessment, sub_snapshot(snapshot, communes), bands)
        out.append(UnitSummary(**vars(summary), unit=name, level=level))
    ranked = sorted((u for u in out if u.unit is not None),
                    key=lambda u: (-u.mean_exact, -u.n_all_met, vi_sort_key(u.unit)))
    return ranked + [u for u in out if u.unit is None]
