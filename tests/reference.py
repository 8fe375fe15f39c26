"""The plain pandas reference: the figures, comparisons, flags and targets as they were computed
before the array paths (issue 10), commune by commune with ``.loc``, kept here so that tests can
check that every fast path gives the same answers on generated data.

Nothing here reads the snapshots' cached arrays: "met" is recomputed from the status table.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field
from fractions import Fraction

import pandas as pd

from ntm_analysis.bands import Band, parse_bands
from ntm_analysis.criteria import criteria_sets
from ntm_analysis.model import Assessment, Snapshot
from ntm_analysis.periods import period_end, shift
from ntm_analysis.text import BASICALLY_MET, name_key, vi_sorted
from ntm_analysis.text import MET as STATUS_MET


def _quarter_name(period: str) -> str:
    """"2020Q1" as English messages name it: "Q1 2020"."""
    return f"Q{period[5]} {period[:4]}"


def _met(snap) -> pd.DataFrame:
    return snap.status == STATUS_MET


def _met_count(snap) -> pd.Series:
    return _met(snap).sum(axis=1).rename("criteria_met")


# ------------------------------------------------------------------------------------------
# text.py: the Vietnamese order as nested tuples (``vi_sort_key`` writes the same as one string)
# ------------------------------------------------------------------------------------------

def vi_sort_key(name: str) -> tuple:
    """((letters, tone) of each syllable, case of each letter): letters of the alphabet by rank,
    any other character after them by code point."""
    import unicodedata

    from ntm_analysis.text import _LETTER_RANK, _TONE_RANK, nfc

    keys = []
    for word in nfc(name).split(" "):
        chars, tone = [], 0
        for ch in unicodedata.normalize("NFD", word):
            if ch in _TONE_RANK:
                tone = _TONE_RANK[ch]
            elif unicodedata.combining(ch) and chars:
                chars[-1] = unicodedata.normalize("NFC", chars[-1] + ch)
            else:
                chars.append(ch)
        letters = tuple((0, _LETTER_RANK[c.lower()]) if c.lower() in _LETTER_RANK else (1, ord(c.lower()))
                        for c in chars)
        keys.append(((letters, tone), tuple(c != c.lower() for c in chars)))
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


# ------------------------------------------------------------------------------------------
# boundaries.py
# ------------------------------------------------------------------------------------------

@dataclass
class Successor:
    """What an old unit became by the end of a span: its final name and the changes on the way."""

    name: str
    changes: list[dict] = field(default_factory=list)  # {old, new, date, decision}


def changes_between(boundaries: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Mapping rows that took effect after ``start`` and on or before ``end``, oldest first."""
    if boundaries.empty:
        return boundaries
    dates = boundaries["effective_date"]
    return boundaries[(dates > start) & (dates <= end)].sort_values("effective_date", kind="stable")


def successors(changes: pd.DataFrame) -> dict[str, Successor]:
    """Each old unit's name key → the unit it ended up in, following changes in date order."""
    out: dict[str, Successor] = {}
    for row in changes.itertuples(index=False):
        step = {"old": row.old_commune, "new": row.new_commune, "date": row.effective_date,
                "decision": getattr(row, "decision", None)}
        # units that had already moved into row.old_commune move on with it
        for successor in out.values():
            if name_key(successor.name) == name_key(row.old_commune):
                successor.name = row.new_commune
                successor.changes.append(step)
        out.setdefault(name_key(row.old_commune), Successor(row.new_commune, [step]))
    return out


def groups(changes: pd.DataFrame) -> dict[str, list[str]]:
    """Final unit's name key → every old unit that ended up in it (itself included, if listed)."""
    out: dict[str, list[str]] = {}
    for successor in successors(changes).values():
        out.setdefault(name_key(successor.name), []).append(successor.changes[0]["old"])
    return out


# ------------------------------------------------------------------------------------------
# figures.py
# ------------------------------------------------------------------------------------------

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
    counts = _met_count(snapshot)
    n = len(counts)
    inside = [int(counts.between(b.low, b.high).sum()) for b in bands]
    out = [BandCount(b.label, b.low, b.high, k, k / n if n else 0.0) for b, k in zip(bands, inside)]
    outside = vi_sorted(c for c, k in counts.items() if not any(k in b for b in bands))
    return out, outside


def _last_seen(assessment: Assessment) -> dict[str, str]:
    """Each commune's last period in the data."""
    last: dict[str, str] = {}
    for period, snap in assessment.snapshots.items():
        for commune in snap.communes:
            last[commune] = period
    return last


def recognised_by(assessment: Assessment, period: str, communes: list[str]) -> int | None:
    """Communes recognised (công nhận) as of a period; None when the register has no years.

    Recognition "for year Y" is decided at the end of Y, so it counts from Q4 of Y on; or from
    the commune's last period in the data when it ends (is absent from the data's last period)
    earlier in Y.
    """
    register = assessment.communes
    if "recognised_year" not in register.columns:
        return None
    last = _last_seen(assessment)
    final = assessment.periods[-1] if assessment.periods else None
    years = register["recognised_year"].reindex(communes)
    n = 0
    for commune, year in zip(communes, years):
        if pd.isna(year):
            continue
        since = f"{int(year)}Q4"
        seen = last.get(commune)
        if seen is not None and seen != final and int(seen[:4]) == int(year) and seen < since:
            since = seen
        n += since <= period
    return n


def summarise_snapshot(assessment: Assessment, snapshot: Snapshot,
                       bands: str | None = None) -> PeriodSummary:
    """The figures of one snapshot with the bands of ``bands`` (see ``bands.parse_bands``)."""
    counts = _met_count(snapshot)
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
        per_criterion={str(c): int(v) for c, v in _met(snapshot).sum(axis=0).items()},
        total_basically_met=int((snapshot.status == BASICALLY_MET).to_numpy().sum()),
        n_all_met=int((counts == snapshot.criteria_set.size).sum()),
        n_recognised=recognised_by(assessment, snapshot.period, snapshot.communes),
        outside_bands=outside,
    )


def lagging_criteria(snapshot: Snapshot) -> pd.DataFrame:
    """Criteria from the least met to the most, with the communes still missing each.

    Columns: criterion, name_vi, name_en, n_met, share, missing (a list of communes); ties keep
    criterion order, so the ranking is the same on every run.
    """
    met = _met(snapshot)
    rows = []
    for criterion in snapshot.criteria_set.criteria:
        column = met[criterion.number]
        rows.append({"criterion": criterion.number, "name_vi": criterion.name_vi,
                     "name_en": criterion.name_en, "n_met": int(column.sum()),
                     "share": float(column.mean()) if len(column) else 0.0,
                     "missing": vi_sorted(c for c, ok in column.items() if not ok)})
    frame = pd.DataFrame(rows)
    return frame.sort_values(["n_met", "criterion"], kind="stable").reset_index(drop=True)


def least_met(lagging: pd.DataFrame, levels: int = 1) -> pd.DataFrame:
    """The rows of ``lagging_criteria`` at its ``levels`` lowest counts, ties included, so that
    no criterion is singled out over another met by as many communes."""
    lowest = sorted(set(lagging["n_met"]))[:levels]
    return lagging[lagging["n_met"].isin(lowest)]


# ------------------------------------------------------------------------------------------
# compare.py
# ------------------------------------------------------------------------------------------

@dataclass
class CommuneChange:
    """One commune in both periods: criteria met before and after, and which changed."""

    commune: str
    before: int
    after: int
    gained: list[int]
    lost: list[int]
    band_before: str | None = None
    band_after: str | None = None
    renamed_from: str | None = None
    boundary_changed: bool = False  # its territory changed: before and after are not like for like
    merged_from: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    """Everything ``ntm compare`` reports; ``to_dict`` gives the contract's JSON."""

    from_period: str
    to_period: str
    criteria_sets: tuple[str, str]
    n_before: int
    n_after: int
    total_before: int
    total_after: int
    communes: list[CommuneChange]
    added: list[str]
    removed: list[str]
    boundary_changes: list[dict]
    warnings: list[str]
    criteria_compared: bool  # False when the sets differ in their criteria (19 → 10)
    n_all_criteria: tuple[int, int]
    merged_added: list[str] = field(default_factory=list)  # formed by merging earlier communes
    merged_removed: list[str] = field(default_factory=list)  # merged into a later commune

    @property
    def mean_before_exact(self) -> Fraction:
        return Fraction(self.total_before, self.n_before) if self.n_before else Fraction(0)

    @property
    def mean_after_exact(self) -> Fraction:
        return Fraction(self.total_after, self.n_after) if self.n_after else Fraction(0)

    @property
    def mean_before(self) -> float:
        return float(self.mean_before_exact)

    @property
    def mean_after(self) -> float:
        return float(self.mean_after_exact)

    @property
    def reached_all(self) -> list[str]:
        """Communes meeting every criterion after but not before (none when the sets' sizes differ)."""
        n_before, n_after = self.n_all_criteria
        if n_before != n_after:
            return []
        return [c.commune for c in self.communes
                if c.after == n_after and c.before < n_before and not c.boundary_changed]

    @property
    def left_all(self) -> list[str]:
        """Communes meeting every criterion before but not after (none when the sets' sizes differ)."""
        n_before, n_after = self.n_all_criteria
        if n_before != n_after:
            return []
        return [c.commune for c in self.communes
                if c.before == n_before and c.after < n_after and not c.boundary_changed]

    @property
    def crossed_bands(self) -> list[CommuneChange]:
        return [c for c in self.communes if c.band_before != c.band_after and c.band_after is not None]

    @property
    def year_on_year(self) -> bool:
        return shift(self.from_period, 4) == self.to_period

    def to_dict(self) -> dict:
        return {
            "from": self.from_period, "to": self.to_period,
            "mean_before": self.mean_before, "mean_after": self.mean_after,
            "total_before": self.total_before, "total_after": self.total_after,
            "n_before": self.n_before, "n_after": self.n_after,
            "criteria_sets": list(self.criteria_sets),
            "sets_comparable": self.n_all_criteria[0] == self.n_all_criteria[1],
            "communes": [asdict(c) for c in self.communes],
            "added": self.added, "removed": self.removed,
            "merged_added": self.merged_added, "merged_removed": self.merged_removed,
            "reached_all": self.reached_all, "left_all": self.left_all,
            "crossed_bands": [{"commune": c.commune, "from": c.band_before, "to": c.band_after}
                              for c in self.crossed_bands],
            "boundary_changes": self.boundary_changes,
            "warnings": self.warnings,
        }


def _band_of(count: int, bands: list[Band]) -> str | None:
    return next((b.label for b in bands if count in b), None)


def compare(assessment: Assessment, from_period: str, to_period: str,
            bands: str | None = None) -> Comparison:
    """Per commune the criteria gained and lost between two periods, with the district change.

    Boundary changes that took effect between the two periods' ends are applied: renamed
    communes are matched, merged ones flagged, and communes in one period only listed.
    """
    before, after = assessment.snapshot(from_period), assessment.snapshot(to_period)
    warnings = []
    same_criteria = before.criteria_set.numbers == after.criteria_set.numbers
    if before.criteria_set.name != after.criteria_set.name:
        warnings.append(
            f"criteria sets differ ({before.criteria_set.name} → {after.criteria_set.name}): "
            + ("criteria compared by number" if same_criteria else "per-criterion changes not compared"))
    changes = changes_between(assessment.boundaries, period_end(from_period), period_end(to_period))
    moved = successors(changes)
    merged = groups(changes)
    after_keys = {name_key(c): c for c in after.communes}
    bands_before = parse_bands(bands, before.criteria_set.size) if bands or same_criteria else []
    bands_after = parse_bands(bands, after.criteria_set.size) if bands or same_criteria else []
    count_before, count_after = _met_count(before), _met_count(after)
    before_names = {name_key(c): c for c in before.communes}
    communes, removed, matched, boundary = [], [], set(), []
    merged_removed, formed = [], set()
    for name in before.communes:
        key = name_key(name)
        final = moved[key].name if key in moved else name
        group = _group(merged.get(name_key(final), []), final, before_names)
        others = [m for k, m in group.items() if k != key]
        target = after_keys.get(name_key(final))
        if target is not None and others:
            formed.add(target)
        if target is None:
            removed.append(name)  # gone
            continue
        if others and name_key(final) != key:
            merged_removed.append(name)  # merged into another commune
            continue
        matched.add(target)
        lost, gained = _criteria_changes(before, after, name, target) if same_criteria else ([], [])
        communes.append(CommuneChange(
            target, int(count_before[name]), int(count_after[target]), gained, lost,
            _band_of(int(count_before[name]), bands_before), _band_of(int(count_after[target]), bands_after),
            renamed_from=name if key != name_key(target) else None,
            boundary_changed=bool(others), merged_from=others))
    added = [c for c in after.communes if c not in matched and c not in formed]
    merged_added = [c for c in after.communes if c not in matched and c in formed]
    for final_key, members in merged.items():
        group = _group(members, after_keys.get(final_key, ""), before_names)
        if final_key in after_keys and len(group) > 1:
            change = moved[name_key(members[0])].changes[-1]
            boundary.append({"commune": after_keys[final_key], "merged_from": list(group.values()),
                             "date": change["date"].isoformat(), "decision": change["decision"]})
    start, end = _quarter_name(from_period), _quarter_name(to_period)
    if added or removed:
        warnings.append(f"the communes differ between {start} and {end}: "
                        f"{len(added)} only in {end}, {len(removed)} only in {start}")
    if merged_added or merged_removed:
        warnings.append(f"communes were reorganised between {start} and {end}: "
                        f"{len(before.communes)} communes became {len(after.communes)}, {len(merged_removed)} "
                        f"merged into others (totals not compared directly)")
    return Comparison(from_period, to_period, (before.criteria_set.name, after.criteria_set.name),
                      len(before.communes), len(after.communes), int(count_before.sum()),
                      int(count_after.sum()), communes, added, removed, boundary, warnings,
                      same_criteria, (before.criteria_set.size, after.criteria_set.size),
                      merged_added, merged_removed)


def _group(members: list[str], final: str, before_names: dict[str, str]) -> dict[str, str]:
    """Every unit that makes up ``final``: the units mapped into it, and itself if it existed."""
    group = {name_key(m): before_names.get(name_key(m), m) for m in members}
    if final and name_key(final) in before_names:
        group.setdefault(name_key(final), before_names[name_key(final)])
    return group


def _criteria_changes(before: Snapshot, after: Snapshot, old: str, new: str) -> tuple[list[int], list[int]]:
    was, now = _met(before).loc[old], _met(after).loc[new]
    lost = [int(c) for c in was.index[was & ~now]]
    gained = [int(c) for c in now.index[now & ~was]]
    return lost, gained


def year_on_year(assessment: Assessment, period: str, bands: str | None = None) -> Comparison:
    """``period`` against the same quarter a year before ("so với cùng kỳ")."""
    return compare(assessment, shift(period, -4), period, bands)


def since_baseline(assessment: Assessment, period: str, baseline: str | None = None,
                   bands: str | None = None) -> Comparison:
    """``period`` against a baseline period (default: the first period in the data)."""
    return compare(assessment, baseline or assessment.periods[0], period, bands)


def trend(assessment: Assessment, bands: str | None = None) -> pd.DataFrame:
    """One row per period: communes, total, mean, communes meeting all, recognised, band counts,
    and the share of communes meeting each criterion (columns ``share_<criterion>``)."""
    rows = []
    for period, snap in assessment.snapshots.items():
        counts = _met_count(snap)
        row = {"period": period, "criteria_set": snap.criteria_set.name, "n_communes": len(counts),
               "total_met": int(counts.sum()), "mean_met": float(counts.mean()),
               "n_all_met": int((counts == snap.criteria_set.size).sum()),
               "n_recognised": recognised_by(assessment, period, snap.communes)}
        for band in band_counts(snap, parse_bands(bands, snap.criteria_set.size))[0]:
            row[f"band_{band.label}"] = band.n
        for criterion, share in _met(snap).mean().items():
            row[f"share_{criterion}"] = float(share)
        rows.append(row)
    return pd.DataFrame(rows).set_index("period") if rows else pd.DataFrame()


# ------------------------------------------------------------------------------------------
# checks.py
# ------------------------------------------------------------------------------------------

COLUMNS = ["check", "commune", "criterion", "period_from", "period_to", "detail"]
DEFAULT_JUMP = 5


def lost_criteria(assessment: Assessment) -> pd.DataFrame:
    """A commune no longer meeting a criterion it met in the previous period of the data."""
    rows = []
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        before, after = assessment.snapshot(prev), assessment.snapshot(curr)
        if before.criteria_set.numbers != after.criteria_set.numbers:
            continue
        common = _met(before).index.intersection(_met(after).index, sort=False)
        lost = (_met(before).loc[common] & ~_met(after).loc[common]).stack()
        for (commune, criterion), flag in lost.items():
            if flag:
                name = after.criteria_set.criterion(int(criterion)).name_vi
                rows.append(["lost_criterion", commune, int(criterion), prev, curr,
                             f"criterion {criterion} ({name}) met in {prev}, not in {curr}"])
    return pd.DataFrame(rows, columns=COLUMNS)


def set_size_of_year(year) -> int | None:
    """Criteria in the set in force on 31/12 of a recognition year (None: no year, or before 2009)."""
    if pd.isna(year):
        return None
    in_force = [s for s in criteria_sets().values() if s.in_force <= dt.date(int(year), 12, 31)]
    return in_force[-1].size if in_force else None


def recognised_below_all(assessment: Assessment) -> pd.DataFrame:
    """A recognised commune (công nhận đạt chuẩn) not meeting every criterion in a period."""
    register = assessment.communes
    if "recognised_year" not in register.columns:
        return pd.DataFrame(columns=COLUMNS)
    rows = []
    for period, snap in assessment.snapshots.items():
        counts = _met_count(snap)
        for commune, count in counts.items():
            if (count < snap.criteria_set.size and recognised_by(assessment, period, [commune])
                    and set_size_of_year(register.loc[commune, "recognised_year"]) == snap.criteria_set.size):
                year = int(register.loc[commune, "recognised_year"])
                missing = [int(c) for c, met in _met(snap).loc[commune].items() if not met]
                rows.append(["recognised_below_all", commune, None, period, period,
                             f"recognised for {year} but meets {count}/{snap.criteria_set.size}; "
                             f"not met: {', '.join(map(str, missing))}"])
    return pd.DataFrame(rows, columns=COLUMNS)


def jumps(assessment: Assessment, threshold: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Criteria met changing by more than ``threshold`` between consecutive periods."""
    rows = []
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        if assessment.snapshot(prev).criteria_set.size != assessment.snapshot(curr).criteria_set.size:
            continue  # counts of sets of different sizes (19 → 10) are not a jump
        before, after = assessment.snapshot(prev).met_count, assessment.snapshot(curr).met_count
        common = before.index.intersection(after.index, sort=False)
        for commune in common:
            change = int(after[commune]) - int(before[commune])
            if abs(change) > threshold:
                rows.append(["jump", commune, None, prev, curr,
                             f"{before[commune]} → {after[commune]} criteria ({change:+d}, more than "
                             f"{threshold})"])
    return pd.DataFrame(rows, columns=COLUMNS)


def commune_set_changes(assessment: Assessment) -> pd.DataFrame:
    """Communes assessed in one period and not the next, or the other way round."""
    rows = []
    for prev, curr in zip(assessment.periods, assessment.periods[1:]):
        before, after = set(assessment.snapshot(prev).communes), set(assessment.snapshot(curr).communes)
        merged = compare(assessment, prev, curr)  # communes merged by the mapping neither went nor came
        before -= set(merged.merged_removed)
        after -= set(merged.merged_added)
        for commune in vi_sorted(before - after):
            rows.append(["commune_missing", commune, None, prev, curr, f"assessed in {prev}, not in {curr}"])
        for commune in vi_sorted(after - before):
            rows.append(["commune_new", commune, None, prev, curr, f"assessed in {curr}, not in {prev}"])
    return pd.DataFrame(rows, columns=COLUMNS)


def flags(assessment: Assessment, jump: int = DEFAULT_JUMP) -> pd.DataFrame:
    """Every flag, ordered by periods, check and commune."""
    frames = [lost_criteria(assessment), recognised_below_all(assessment),
              jumps(assessment, jump), commune_set_changes(assessment)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["criterion"] = out["criterion"].astype("Int64")
    rank = {name: i for i, name in enumerate(vi_sorted(set(out["commune"])))}  # Vietnamese order
    out["rank"] = out["commune"].map(rank)
    return out.sort_values(["period_to", "period_from", "check", "rank", "criterion"],
                           kind="stable").drop(columns="rank").reset_index(drop=True)


# ------------------------------------------------------------------------------------------
# targets.py
# ------------------------------------------------------------------------------------------

MET, IN_PROGRESS, DUE, MISSED, NO_DATA = "met", "in progress", "due", "missed", "no data"


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
    state: str  # met, in progress, missed, no data
    missing: list[int] = field(default_factory=list)  # criteria not yet met (all_criteria)
    below: list[str] = field(default_factory=list)  # communes below the level (min_met)
    count: int | None = None  # for a share: how many (villages, communes) meet it …
    of: int | None = None  # … out of how many
    unit: str = ""
    source: str = ""
    target_en: str = ""
    successors: dict = field(default_factory=dict)  # a commune merged away → the one it is now in
    judged_on: str = ""
    met_in: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _commune(snap: Snapshot, name: str) -> str | None:
    return next((c for c in snap.communes if name_key(c) == name_key(name)), None)


def _measure(snap: Snapshot, communes: list[str], column: str) -> pd.Series | None:
    if column not in snap.measures.columns:
        return None
    return snap.measures[column].reindex(communes)


def evaluate(assessment: Assessment, period: str | None = None) -> list[TargetStatus]:
    """Every target of the data measured on ``period`` (default: the latest period)."""
    snap = assessment.snapshot(period)
    out = []
    targets = assessment.targets
    for (name, kind), rows in targets.groupby(["target", "kind"], sort=False, dropna=False):
        communes = [c for c in rows["commune"] if isinstance(c, str) and c]
        value = rows["value"].dropna()
        level = float(value.iloc[0]) if len(value) else None
        due = rows["due"].iloc[0]
        source = next((s for s in rows.get("source", []) if isinstance(s, str) and s), "")
        english = next((s for s in rows.get("target_en", []) if isinstance(s, str) and s), "")
        if kind in ("all_criteria", "model_areas", "advanced") and communes:
            for commune in communes:  # a commune target is measured commune by commune
                out.append(_commune_target(assessment, snap, kind, commune, level, name, due, source, english))
        else:
            out.append(_finish(_measure_target(assessment, snap, kind, communes, level),
                               name, kind, due, snap.period, source, english))
    if out:  # communes merged away by the end of the period: where each went
        from ntm_analysis.periods import period_end

        moved = successors(changes_between(assessment.boundaries, dt.date.min, period_end(snap.period)))
        for status in out:
            if status.state == NO_DATA and not status.successors:
                status.successors = {c: moved[name_key(c)].name for c in status.communes if name_key(c) in moved}
    return out


def _moved(assessment, period: str) -> dict:
    from ntm_analysis.periods import period_end

    return successors(changes_between(assessment.boundaries, dt.date.min, period_end(period)))


def _judged(assessment, snap, kind, commune, level) -> TargetStatus:
    """Measured on the commune, else on the commune it was merged into by then."""
    status = _measure_target(assessment, snap, kind, [commune], level)
    moved = _moved(assessment, snap.period)
    if status.actual is not None or name_key(commune) not in moved:
        return status
    successor = moved[name_key(commune)].name
    judged = _measure_target(assessment, snap, kind, [successor], level)
    if judged.actual is None:
        status.successors = {commune: successor}
        return status
    judged.judged_on, judged.communes, judged.successors = judged.communes[0], [commune], {commune: successor}
    return judged


def _commune_target(assessment, snap, kind, commune, level, name, due, source, english) -> TargetStatus:
    """A commune target: judged on its commune or the one it was merged into; met once reached."""
    now = _finish(_judged(assessment, snap, kind, commune, level), name, kind, due, snap.period, source, english)
    if now.state == MET:
        return now
    for period in sorted(p for p in assessment.periods if p < snap.period):
        then = _judged(assessment, assessment.snapshot(period), kind, commune, level)
        if then.actual is not None and then.gap == 0:
            then = _finish(then, name, kind, due, snap.period, source, english)
            then.met_in, then.successors = period, now.successors
            return then
    return now


def _finish(status: TargetStatus, name, kind, due, period, source, english="") -> TargetStatus:
    status.target, status.kind, status.due, status.period, status.source = name, kind, due, period, source
    status.target_en = english
    if status.actual is None:
        status.state = NO_DATA
    elif status.gap == 0:
        status.state = MET
    else:  # not reached: due in its own quarter, missed only after it
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
    counts = _met_count(snap)
    if kind == "all_criteria":
        [commune] = present
        status.value, status.unit = snap.criteria_set.size, "criteria"
        status.actual = int(counts[commune])
        status.missing = [int(c) for c, met in _met(snap).loc[commune].items() if not met]
        status.gap = len(status.missing)
    elif kind == "mean":
        status.actual, status.unit = float(counts.mean()), "criteria per commune"
        status.gap = max(0.0, level - status.actual)
    elif kind == "min_met":
        status.below = [c for c, k in counts.items() if k < level]
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
