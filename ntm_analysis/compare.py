"""Two periods side by side, and every period in a row: what a review meeting compares.

Communes are matched by name key across periods, through renames and mergers of the boundary
mapping; a merged commune is flagged rather than given summed criteria.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from fractions import Fraction

import pandas as pd

from .bands import Band, parse_bands
from .boundaries import changes_between, groups, successors
from .figures import band_counts, recognised_by
from .model import Assessment, Snapshot
from .periods import period_end, shift
from .text import name_key
from .vocab_messages import Message, period_ref


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
    warnings: list[str]  # vocab_messages.Message: English as text (the JSON), any language by text()
    criteria_compared: bool  # False when the sets differ in their criteria (19 → 10)
    n_all_criteria: tuple[int, int]

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
        """Communes meeting every criterion after but not before."""
        n_before, n_after = self.n_all_criteria
        return [c.commune for c in self.communes
                if c.after == n_after and c.before < n_before and not c.boundary_changed]

    @property
    def left_all(self) -> list[str]:
        """Communes meeting every criterion before but not after."""
        n_before, n_after = self.n_all_criteria
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
            "communes": [asdict(c) for c in self.communes],
            "added": self.added, "removed": self.removed,
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
        warnings.append(Message("sets_differ_compared" if same_criteria else "sets_differ_not_compared",
                                before=before.criteria_set.name, after=after.criteria_set.name))
    changes = changes_between(assessment.boundaries, period_end(from_period), period_end(to_period))
    moved = successors(changes)
    merged = groups(changes)
    after_keys = {name_key(c): c for c in after.communes}
    bands_before = parse_bands(bands, before.criteria_set.size) if bands or same_criteria else []
    bands_after = parse_bands(bands, after.criteria_set.size) if bands or same_criteria else []
    count_before, count_after = before.met_count, after.met_count
    before_names = {name_key(c): c for c in before.communes}
    communes, removed, matched, boundary = [], [], set(), []
    for name in before.communes:
        key = name_key(name)
        final = moved[key].name if key in moved else name
        group = _group(merged.get(name_key(final), []), final, before_names)
        others = [m for k, m in group.items() if k != key]
        target = after_keys.get(name_key(final))
        if target is None or (others and name_key(final) != key):
            removed.append(name)  # gone, or merged into another commune
            continue
        matched.add(target)
        lost, gained = _criteria_changes(before, after, name, target) if same_criteria else ([], [])
        communes.append(CommuneChange(
            target, int(count_before[name]), int(count_after[target]), gained, lost,
            _band_of(int(count_before[name]), bands_before), _band_of(int(count_after[target]), bands_after),
            renamed_from=name if key != name_key(target) else None,
            boundary_changed=bool(others), merged_from=others))
    added = [c for c in after.communes if c not in matched]
    for final_key, members in merged.items():
        group = _group(members, after_keys.get(final_key, ""), before_names)
        if final_key in after_keys and len(group) > 1:
            change = moved[name_key(members[0])].changes[-1]
            boundary.append({"commune": after_keys[final_key], "merged_from": list(group.values()),
                             "date": change["date"].isoformat(), "decision": change["decision"]})
    if added or removed:
        warnings.append(Message("communes_differ", start=period_ref(from_period), end=period_ref(to_period),
                                added=len(added), removed=len(removed)))
    return Comparison(from_period, to_period, (before.criteria_set.name, after.criteria_set.name),
                      len(before.communes), len(after.communes), int(count_before.sum()),
                      int(count_after.sum()), communes, added, removed, boundary, warnings,
                      same_criteria, (before.criteria_set.size, after.criteria_set.size))


def _group(members: list[str], final: str, before_names: dict[str, str]) -> dict[str, str]:
    """Every unit that makes up ``final``: the units mapped into it, and itself if it existed."""
    group = {name_key(m): before_names.get(name_key(m), m) for m in members}
    if final and name_key(final) in before_names:
        group.setdefault(name_key(final), before_names[name_key(final)])
    return group


def _criteria_changes(before: Snapshot, after: Snapshot, old: str, new: str) -> tuple[list[int], list[int]]:
    was, now = before.met.loc[old], after.met.loc[new]
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
        counts = snap.met_count
        row = {"period": period, "criteria_set": snap.criteria_set.name, "n_communes": len(counts),
               "total_met": int(counts.sum()), "mean_met": float(counts.mean()),
               "n_all_met": int((counts == snap.criteria_set.size).sum()),
               "n_recognised": recognised_by(assessment, period, snap.communes)}
        for band in band_counts(snap, parse_bands(bands, snap.criteria_set.size))[0]:
            row[f"band_{band.label}"] = band.n
        for criterion, share in snap.met.mean().items():
            row[f"share_{criterion}"] = float(share)
        rows.append(row)
    return pd.DataFrame(rows).set_index("period") if rows else pd.DataFrame()
