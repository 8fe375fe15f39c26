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

import numpy as np
import pandas as pd

from .figures import PeriodSummary, summarise_snapshot
from .model import UNIT_LEVELS, Assessment, Snapshot
from .text import vi_sort_key
from .timeline import REORGANISATION
from .vocab_messages import Message, day_ref, period_ref


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
    units = snapshot.units[level].reindex(snapshot.status.index).astype(object)
    if level == "district" and "province" in snapshot.units.columns:
        units = _told_apart_by_province(units, snapshot.units["province"].reindex(snapshot.status.index))
    return units


def _told_apart_by_province(districts: pd.Series, provinces: pd.Series) -> pd.Series:
    """Districts of one name in two provinces ("Châu Thành" is in about ten) are two units,
    named with their province: "Châu Thành (Tiền Giang)"; a name in one province stays as it is."""
    known = pd.DataFrame({"d": districts, "p": provinces}).dropna().drop_duplicates()
    shared = known["d"][known["d"].duplicated()]
    if shared.empty:
        return districts
    told = districts.isin(set(shared)) & provinces.notna()
    out = districts.copy()
    out[told] = [f"{d} ({p})" for d, p in zip(districts[told], provinces[told])]
    return out


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


# ---------------------------------------------------------------------------------------------
# Every command per unit (``ntm … --by district|province``): the units a period can be split
# into, each unit's own assessment, and the figures of compare, trend, lagging and targets per unit.
# ---------------------------------------------------------------------------------------------

# Districts were abolished on 1/7/2025 (NQ 1672/NQ-UBTVQH15 and the other provinces'
# resolutions), the day of the reorganisation: from the quarter holding it on, communes belong
# to a province directly.
DISTRICTS_ABOLISHED = REORGANISATION

# Target kinds measured commune by commune (``targets.evaluate``): a unit keeps the rows of its
# own communes; a target of another kind that names communes is kept by the unit holding them all.
_PER_COMMUNE_TARGETS = ("all_criteria", "model_areas", "advanced")


# what is said when the data names no unit at a level
_NO_UNITS = {"district": "by_no_districts", "province": "by_no_provinces"}


class NoUnits(ValueError):
    """The data cannot be split into units at the level asked (``message``: a ``Message``)."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


def units_problem(snapshot: Snapshot, level: str) -> Message | None:
    """Why ``snapshot`` cannot be split at ``level``, or None when it can: a period after the
    districts were abolished has no districts (whatever a register still says), and data that
    names no unit at that level (no Huyện/Tỉnh column, heading row or register column) none."""
    from .periods import period_end

    if level not in UNIT_LEVELS:
        raise ValueError(f"level must be one of {', '.join(UNIT_LEVELS)} (not {level!r})")
    if level == "district" and period_end(snapshot.period) >= DISTRICTS_ABOLISHED:
        return Message("by_no_districts_after", period=period_ref(snapshot.period), date=day_ref(DISTRICTS_ABOLISHED))
    if not unit_names(snapshot, level):
        return Message(_NO_UNITS[level], period=period_ref(snapshot.period))
    return None


def check_units(snapshot: Snapshot, level: str) -> None:
    """Raise ``NoUnits`` when ``snapshot`` cannot be split at ``level``."""
    problem = units_problem(snapshot, level)
    if problem is not None:
        raise NoUnits(problem)


def periods_with_units(assessment: Assessment, level: str, periods=None) -> tuple[list[str], list[str]]:
    """The periods (of ``periods``, default all) that can be split at ``level``, and those that
    cannot; ``NoUnits`` (the first period's reason) when none can."""
    periods = list(periods or assessment.periods)
    problems = {p: units_problem(assessment.snapshot(p), level) for p in periods}
    kept = [p for p in periods if problems[p] is None]
    if periods and not kept:
        raise NoUnits(problems[periods[0]])
    return kept, [p for p in periods if problems[p] is not None]


def unit_rows(snapshot: Snapshot, level: str) -> list[tuple[str | None, np.ndarray]]:
    """Each unit's communes as row positions of ``snapshot``, the units in Vietnamese
    alphabetical order, the communes whose unit the data does not tell last (unit None)."""
    units = units_of(snapshot, level).to_numpy(dtype=object)
    known = unit_names(snapshot, level)
    position = {name: i for i, name in enumerate(known)}
    group = np.array([position.get(v, len(known)) if isinstance(v, str) and v else len(known) for v in units],
                     dtype=np.int64)
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(known) + 2))
    out = [(name, order[bounds[g]:bounds[g + 1]]) for g, name in enumerate([*known, None])]
    return [(name, rows) for name, rows in out if len(rows)]


def take_rows(snapshot: Snapshot, rows: np.ndarray) -> Snapshot:
    """The part of ``snapshot`` at row positions ``rows`` (ascending: the snapshot's order)."""
    return Snapshot(snapshot.period, snapshot.criteria_set, snapshot.status.iloc[rows], snapshot.origin.iloc[rows],
                    snapshot.measures.iloc[rows] if len(snapshot.measures) else snapshot.measures,
                    snapshot.units.iloc[rows] if len(snapshot.units) else snapshot.units)


def unit_assessments(assessment: Assessment, level: str, periods=None,
                     targets_of: str | None = None) -> dict[str | None, Assessment]:
    """Each unit's own assessment over ``periods`` (default all): in each period the communes the
    data puts in the unit (a unit absent from a period has no snapshot for it), the whole register
    and boundary mapping, and the targets of the unit (those of no commune, for the whole unit,
    and those whose communes are the unit's: in any of ``periods``, or in ``targets_of`` only).
    Every command's function then runs on it as on a district's own data: a unit's figures are
    what that unit's own review would say."""
    parts: dict[str | None, dict[str, Snapshot]] = {}
    for period in periods or assessment.periods:
        snapshot = assessment.snapshot(period)
        for name, rows in unit_rows(snapshot, level):
            parts.setdefault(name, {})[period] = take_rows(snapshot, rows)
    order = sorted((n for n in parts if n is not None), key=vi_sort_key) + ([None] if None in parts else [])
    out = {}
    for name in order:
        snapshots = dict(sorted(parts[name].items()))
        keys = {k for p, s in snapshots.items() if targets_of is None or p == targets_of for k in s.keys.tolist()}
        out[name] = Assessment(snapshots, assessment.communes, targets=_unit_targets(assessment.targets, keys),
                               boundaries=assessment.boundaries)
    return out


def _unit_targets(targets: pd.DataFrame, keys: set[str]) -> pd.DataFrame:
    """The targets of a unit whose communes have the name keys ``keys``: targets for no commune
    (the whole unit's), rows of commune-by-commune targets for its communes, and targets of a
    group of communes all in the unit (a group spread over several units belongs to none)."""
    if targets.empty:
        return targets
    from .model import commune_key

    named = [isinstance(c, str) and bool(c) for c in targets["commune"]]
    inside = [isinstance(c, str) and bool(c) and commune_key(c) in keys for c in targets["commune"]]
    frame = pd.DataFrame({"target": targets["target"].to_numpy(), "kind": targets["kind"].to_numpy(),
                          "named": named, "ok": [i or not n for i, n in zip(inside, named)]})
    whole_group = frame.groupby(["target", "kind"], sort=False, dropna=False)["ok"].transform("all").to_numpy()
    per_commune = frame["kind"].isin(_PER_COMMUNE_TARGETS).to_numpy()
    keep = np.where(per_commune & frame["named"].to_numpy(), inside, whole_group)
    return targets[keep.astype(bool)]


@dataclass
class UnitResult:
    """One unit's result of a command: ``unit`` and ``level`` as in ``UnitSummary``, the unit's
    figures of the period (``summary``) and the command's own ``result``."""

    unit: str | None
    level: str
    summary: UnitSummary | None
    result: object


def _ranked(summaries: list[UnitSummary], results: dict) -> list[UnitResult]:
    """``results`` (by unit) in the ranking of ``summaries`` (``unit_summaries``)."""
    return [UnitResult(s.unit, s.level, s, results[s.unit]) for s in summaries if s.unit in results]


def unit_comparisons(assessment: Assessment, from_period: str, to_period: str, level: str = "district",
                     bands: str | None = None) -> tuple[list[UnitResult], list[str | None]]:
    """``compare.compare`` for each unit's communes, ranked by the change of the unit's average
    (the largest rise first; ties by name in Vietnamese order, unknown units last), and the units
    found in only one of the two periods (not compared)."""
    from .compare import compare

    for period in (from_period, to_period):
        check_units(assessment.snapshot(period), level)
    parts = unit_assessments(assessment, level, [from_period, to_period])
    both = {n: a for n, a in parts.items() if len(a.snapshots) == 2}
    results = [UnitResult(n, level, None, compare(a, from_period, to_period, bands)) for n, a in both.items()]
    ranked = sorted((r for r in results if r.unit is not None),  # across 19 → 10: by the later average
                    key=lambda r: (-(r.result.mean_after_exact - r.result.mean_before_exact
                                     if r.result.sets_comparable else r.result.mean_after_exact),
                                   vi_sort_key(r.unit)))
    return ranked + [r for r in results if r.unit is None], [n for n in parts if n not in both]


def unit_trend(assessment: Assessment, level: str = "district", bands: str | None = None,
               periods=None) -> pd.DataFrame:
    """``compare.trend`` per unit, from ``unit_summaries`` of each period: one row per unit and
    period (columns ``level``, ``unit``, then trend's), the units in the ranking of their latest
    period, each unit's periods in order."""
    rows, rank = {}, {}
    for t, period in enumerate(periods or assessment.periods):
        for i, s in enumerate(unit_summaries(assessment, period, level, bands)):
            rows.setdefault(s.unit, []).append(_trend_row(s))
            rank[s.unit] = (-t, i)  # the unit's latest period first, then its place in that ranking
    order = sorted(rows, key=lambda u: (u is None, *rank[u]))
    records = [r for u in order for r in rows[u]]
    return pd.DataFrame(records) if records else pd.DataFrame()


def _trend_row(s: UnitSummary) -> dict:
    """One unit's period as a row of ``compare.trend`` (with ``level`` and ``unit`` first)."""
    row = {"level": s.level, "unit": s.unit, "period": s.period, "criteria_set": s.criteria_set,
           "n_communes": s.n_communes, "total_met": s.total_met, "mean_met": s.mean_met, "n_all_met": s.n_all_met,
           "n_recognised": s.n_recognised}
    row.update({f"band_{b.label}": b.n for b in s.bands})
    row.update({f"share_{c}": k / s.n_communes for c, k in s.per_criterion.items()})
    return row


def unit_lagging(assessment: Assessment, period: str | None = None, level: str = "district") -> list[UnitResult]:
    """``figures.lagging_criteria`` of each unit's communes in ``period`` (default: the latest),
    the units in the ranking of ``unit_summaries``."""
    from .figures import lagging_criteria

    snapshot = assessment.snapshot(period)
    check_units(snapshot, level)
    results = {name: lagging_criteria(take_rows(snapshot, rows)) for name, rows in unit_rows(snapshot, level)}
    return _ranked(unit_summaries(assessment, snapshot.period, level), results)


def unit_targets(assessment: Assessment, period: str | None = None, level: str = "district") -> list[UnitResult]:
    """``targets.evaluate`` on each unit's own assessment: the whole-unit targets measured on the
    unit's communes, the targets of its communes; ranked as ``unit_summaries``. Each unit holds
    its history up to ``period``: a commune's target reached in an earlier quarter stays reached,
    as without ``--by``."""
    from .targets import evaluate

    snapshot = assessment.snapshot(period)
    check_units(snapshot, level)
    history, _ = periods_with_units(assessment, level, [p for p in assessment.periods if p <= snapshot.period])
    parts = unit_assessments(assessment, level, history, targets_of=snapshot.period)
    results = {name: evaluate(part, snapshot.period) for name, part in parts.items()}
    return _ranked(unit_summaries(assessment, snapshot.period, level), results)
