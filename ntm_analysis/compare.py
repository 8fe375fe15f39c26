"""Two periods side by side, and every period in a row: what a review meeting compares.

Communes are matched by name key across periods, through renames and mergers of the boundary
mapping; a merged commune is flagged rather than given summed criteria.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from fractions import Fraction
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

from .bands import Band, parse_bands
from .boundaries import changes_between, groups, successors
from .figures import band_counts, frame_of, recognised_count
from .model import Assessment, Snapshot, commune_key, paused_gc, take_rows
from .periods import period_end, shift
from .vocab_messages import Count, Message, period_ref


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


@dataclass(eq=False)
class Changes:
    """Every commune present in both periods, as arrays aligned row by row (in the order of the
    earlier period): what ``CommuneChange`` holds for one commune, for all of them at once.

    ``before_at`` and ``after_at`` are the communes' rows in the two snapshots, so that anything
    kept per commune (units, register columns) joins by position.
    """

    commune: np.ndarray  # names in the later period (object)
    before_at: np.ndarray  # row in the earlier snapshot
    after_at: np.ndarray  # row in the later snapshot
    before: np.ndarray  # criteria met before (int64)
    after: np.ndarray  # criteria met after
    criteria: np.ndarray  # criterion numbers of the columns below
    gained: np.ndarray  # bool communes × criteria; no columns when the sets differ
    lost: np.ndarray
    band_before: np.ndarray  # band label or None (object)
    band_after: np.ndarray
    renamed_from: np.ndarray  # the earlier name where it differs, else None (object)
    boundary_changed: np.ndarray  # bool
    merged_from: dict[int, list[str]] = field(default_factory=dict)  # row → the other units merged

    def __len__(self) -> int:
        return len(self.commune)

    def __eq__(self, other) -> bool:  # arrays compared whole, as the lists of objects were
        if not isinstance(other, Changes):
            return NotImplemented
        return self.merged_from == other.merged_from and all(
            np.array_equal(getattr(self, f.name), getattr(other, f.name))
            for f in fields(self) if f.name != "merged_from")

    def criteria_lists(self, matrix: np.ndarray) -> list[list[int]]:
        """Each row's criteria where ``matrix`` is true, as sorted lists of numbers."""
        rows, cols = np.nonzero(matrix)
        numbers = self.criteria[cols].tolist()
        bounds = np.searchsorted(rows, np.arange(len(self) + 1)).tolist()
        return [numbers[a:b] for a, b in zip(bounds, bounds[1:])]

    def objects(self) -> list[CommuneChange]:
        """The changes as ``CommuneChange`` objects (made when asked, not by ``compare``)."""
        with paused_gc():
            return self._objects()

    def _objects(self) -> list[CommuneChange]:
        gained, lost = self.criteria_lists(self.gained), self.criteria_lists(self.lost)
        return [CommuneChange(commune, before, after, g, l, band_before, band_after, renamed, changed,
                              list(self.merged_from.get(i, [])))
                for i, (commune, before, after, g, l, band_before, band_after, renamed, changed)
                in enumerate(zip(self.commune.tolist(), self.before.tolist(), self.after.tolist(), gained,
                                 lost, self.band_before.tolist(), self.band_after.tolist(),
                                 self.renamed_from.tolist(), self.boundary_changed.tolist()))]

    def frame(self) -> pd.DataFrame:
        """One row per commune: names, counts, the change, bands and the boundary flag."""
        return pd.DataFrame({
            "commune": self.commune, "before": self.before, "after": self.after,
            "change": self.after - self.before, "n_gained": self.gained.sum(axis=1),
            "n_lost": self.lost.sum(axis=1), "band_before": self.band_before,
            "band_after": self.band_after, "renamed_from": self.renamed_from,
            "boundary_changed": self.boundary_changed})


@dataclass
class Comparison:
    """Everything ``ntm compare`` reports; ``to_dict`` gives the contract's JSON.

    The per-commune changes are ``changes`` (arrays); ``communes`` makes them into
    ``CommuneChange`` objects the first time it is read."""

    from_period: str
    to_period: str
    criteria_sets: tuple[str, str]
    n_before: int
    n_after: int
    total_before: int
    total_after: int
    changes: Changes
    added: list[str]
    removed: list[str]
    boundary_changes: list[dict]
    warnings: list[str]  # vocab_messages.Message: English as text (the JSON), any language by text()
    criteria_compared: bool  # False when the sets differ in their criteria (19 → 10)
    n_all_criteria: tuple[int, int]
    # communes that the boundary mapping merged: the later period's communes formed from earlier
    # ones, and the earlier period's communes merged into another. They neither appeared nor
    # disappeared, so they are kept out of ``added`` and ``removed``.
    merged_added: list[str] = field(default_factory=list)
    merged_removed: list[str] = field(default_factory=list)

    @property
    def reorganised(self) -> bool:
        """True when communes were merged between the two periods: the totals count different
        communes, so they are not compared directly."""
        return bool(self.merged_removed or self.merged_added or
                    any(len(b["merged_from"]) > 1 for b in self.boundary_changes))

    @property
    def sets_comparable(self) -> bool:
        """False when the two periods use criteria sets with a different number of criteria
        (19 until 2025, 10 from 2026): their totals, means and "all criteria" are not like for like."""
        return self.n_all_criteria[0] == self.n_all_criteria[1]

    @property
    def reorganisation_dates(self) -> list[str]:
        """The dates (ISO) the mergers between the two periods took effect, oldest first."""
        return sorted({b["date"] for b in self.boundary_changes})

    @property
    def communes(self) -> list[CommuneChange]:
        cache = self.__dict__.setdefault("_objects", {})
        if cache.get("changes") is not self.changes:
            cache.update(changes=self.changes, objects=self.changes.objects())
        return cache["objects"]

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
        """Communes meeting every criterion after but not before (none across a change of the
        number of criteria: "all 10" after is not "all 19" before)."""
        n_before, n_after = self.n_all_criteria
        if n_before != n_after:
            return []
        c = self.changes
        return c.commune[(c.after == n_after) & (c.before < n_before) & ~c.boundary_changed].tolist()

    @property
    def left_all(self) -> list[str]:
        """Communes meeting every criterion before but not after (none across a change of the
        number of criteria)."""
        n_before, n_after = self.n_all_criteria
        if n_before != n_after:
            return []
        c = self.changes
        return c.commune[(c.before == n_before) & (c.after < n_after) & ~c.boundary_changed].tolist()

    @property
    def crossed_bands(self) -> list[CommuneChange]:
        c = self.changes
        crossed = (c.band_before != c.band_after) & (c.band_after != None)  # noqa: E711 (elementwise)
        communes = self.communes
        return [communes[i] for i in np.flatnonzero(crossed)]

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
            "sets_comparable": self.sets_comparable,
            "communes": [asdict(c) for c in self.communes],
            "added": self.added, "removed": self.removed,
            "merged_added": self.merged_added, "merged_removed": self.merged_removed,
            "reached_all": self.reached_all, "left_all": self.left_all,
            "crossed_bands": [{"commune": c.commune, "from": c.band_before, "to": c.band_after}
                              for c in self.crossed_bands],
            "boundary_changes": self.boundary_changes,
            "warnings": self.warnings,
        }


def _band_labels(counts: np.ndarray, bands: list[Band], size: int) -> np.ndarray:
    """The label of the first band holding each count (None where no band does)."""
    return _label_table(tuple(bands), size)[counts]


@lru_cache(maxsize=256)
def _label_table(bands: tuple[Band, ...], size: int) -> np.ndarray:
    """The band label of each count 0..size, made once per bands and set size."""
    table = np.array([next((b.label for b in bands if k in b), None) for k in range(size + 1)],
                     dtype=object)
    table.flags.writeable = False
    return table


def compare(assessment: Assessment, from_period: str, to_period: str,
            bands: str | None = None) -> Comparison:
    """Per commune the criteria gained and lost between two periods, with the district change.

    Boundary changes that took effect between the two periods' ends are applied: renamed
    communes are matched, merged ones flagged, and communes in one period only listed. The
    changes of all communes are computed at once, on the aligned status arrays.
    """
    before, after = assessment.snapshot(from_period), assessment.snapshot(to_period)
    warnings = []
    same_criteria = before.criteria_set.numbers == after.criteria_set.numbers
    if before.criteria_set.name != after.criteria_set.name:
        warnings.append(Message("sets_differ_compared" if same_criteria else "sets_differ_not_compared",
                                before=before.criteria_set.name, after=after.criteria_set.name))
    changes = _changes_of(assessment, from_period, to_period)
    before_names, after_names = before.names, after.names
    if changes.empty:  # no boundary change between the two (most pairs): the communes as aligned
        before_at, after_at = assessment.align(before, after)
        renamed_from, boundary_changed = np.full(len(before_at), None, dtype=object), np.zeros(len(before_at), bool)
        merged_from, boundary = {}, []
        gone = np.ones(len(before_names), dtype=bool)
        gone[before_at] = False
        came = np.ones(len(after_names), dtype=bool)
        came[after_at] = False
        added, removed = after_names[came].tolist(), before_names[gone].tolist()
        merged_added, merged_removed = [], []
    else:
        match = _match(assessment, before, after, changes)
        before_at = np.flatnonzero(match.target >= 0)
        after_at = match.target[before_at]
        renamed_from, boundary_changed = match.renamed_from[before_at], match.boundary_changed[before_at]
        row_of = {int(i): row for row, i in enumerate(before_at.tolist())} if match.merged_from else {}
        merged_from = {row_of[i]: others for i, others in match.merged_from.items()}
        boundary = match.boundary
        gone, came, merged_away, formed = _gone_and_came(match, len(before_names), len(after_names))
        added = after_names[came & ~formed].tolist()
        removed = before_names[gone & ~merged_away].tolist()
        merged_added = after_names[came & formed].tolist()
        merged_removed = before_names[gone & merged_away].tolist()
    count_before, count_after = before.count_array, after.count_array
    if same_criteria and changes.empty:  # as aligned: shared with the flags
        gained, lost = assessment.gained_lost(before, after)
        criteria = np.array(after.criteria_set.numbers, dtype=np.int64)
    elif same_criteria:
        was, now = take_rows(before.met_array, before_at), take_rows(after.met_array, after_at)
        gained, lost = np.greater(now, was), np.greater(was, now)  # now & ~was, was & ~now
        criteria = np.array(after.criteria_set.numbers, dtype=np.int64)
    else:
        gained = lost = np.zeros((len(before_at), 0), dtype=bool)
        criteria = np.zeros(0, dtype=np.int64)
    bands_before = parse_bands(bands, before.criteria_set.size) if bands or same_criteria else []
    bands_after = parse_bands(bands, after.criteria_set.size) if bands or same_criteria else []
    was_count, now_count = take_rows(count_before, before_at), take_rows(count_after, after_at)
    result = Changes(
        commune=take_rows(after_names, after_at), before_at=before_at, after_at=after_at,
        before=was_count, after=now_count, criteria=criteria, gained=gained, lost=lost,
        band_before=_band_labels(was_count, bands_before, before.criteria_set.size),
        band_after=_band_labels(now_count, bands_after, after.criteria_set.size),
        renamed_from=renamed_from, boundary_changed=boundary_changed, merged_from=merged_from)
    if added or removed:
        warnings.append(Message("communes_differ", start=period_ref(from_period), end=period_ref(to_period),
                                added=Count(len(added)), removed=Count(len(removed))))
    if merged_added or merged_removed:
        warnings.append(Message("communes_merged", start=period_ref(from_period), end=period_ref(to_period),
                                before=Count(len(before.names)), after=Count(len(after.names)),
                                merged=Count(len(merged_removed))))
    return Comparison(from_period, to_period, (before.criteria_set.name, after.criteria_set.name),
                      len(before.names), len(after.names), int(count_before.sum()),
                      int(count_after.sum()), result, added, removed, boundary, warnings,
                      same_criteria, (before.criteria_set.size, after.criteria_set.size),
                      merged_added=merged_added, merged_removed=merged_removed)


def _gone_and_came(match: "_Match", n_before: int, n_after: int):
    """Rows of the earlier period matched to none of the later (gone), rows of the later matched
    by none of the earlier (came), and of these the ones the boundary mapping merged: earlier
    communes merged into another, later communes formed by merging."""
    gone = match.target < 0
    came = np.ones(n_after, dtype=bool)
    came[match.target[~gone]] = False
    formed = np.zeros(n_after, dtype=bool)
    formed[list(match.formed)] = True
    merged_away = np.zeros(n_before, dtype=bool)
    merged_away[list(match.merged_away)] = True
    return gone, came, merged_away, formed


def merged_rows(assessment: Assessment, from_period: str, to_period: str):
    """The rows of ``from_period`` merged into another commune and the rows of ``to_period``
    formed by merging (``Comparison.merged_removed`` and ``merged_added`` as boolean arrays),
    or (None, None) when no boundary change took effect between the two."""
    changes = _changes_of(assessment, from_period, to_period)
    if changes.empty:
        return None, None
    before, after = assessment.snapshot(from_period), assessment.snapshot(to_period)
    gone, came, merged_away, formed = _gone_and_came(_match(assessment, before, after, changes),
                                                     len(before.names), len(after.names))
    return gone & merged_away, came & formed


def _dates(column: pd.Series) -> np.ndarray:
    """The dates of a column as datetime64[ns]: plain dates (what the readers give) directly,
    anything else through ``pd.to_datetime``."""
    values = column.tolist()
    if all(type(v) is dt.date or v is None for v in values):
        return pa.array(values, type=pa.date32()).to_numpy(zero_copy_only=False).astype("datetime64[ns]")
    return pd.to_datetime(pd.Series(values, dtype=object)).to_numpy()


def _changes_of(assessment: Assessment, from_period: str, to_period: str) -> pd.DataFrame:
    """``boundaries.changes_between`` the ends of two periods, looked up by the periods themselves: each
    period's end is placed among the sorted dates of the mapping once, and a pair has changes
    when more dates fall by the end of the later."""
    cache = _boundary_dates(assessment)
    found = cache[3].get((from_period, to_period))
    if found is None:
        by_end = cache[4]
        for period in (from_period, to_period):
            if period not in by_end:
                by_end[period] = int(np.searchsorted(cache[1], np.datetime64(period_end(period), "ns"), "right"))
        if by_end[to_period] <= by_end[from_period]:
            found = cache[2]
        else:
            found = changes_between(assessment.boundaries, period_end(from_period), period_end(to_period))
        cache[3][from_period, to_period] = found
    return found


def _boundary_dates(assessment: Assessment) -> list:
    """[boundaries, their dates sorted, no change, changes by pair of periods, dates by each
    period's end], made once per boundary table (``forget`` in the benchmarks drops it),
    so that comparing every pair of 60 quarters does not compare thousands of dates 59 times."""
    boundaries = assessment.boundaries
    cache = assessment.__dict__.get("_boundary_dates")
    if cache is None or cache[0] is not boundaries:
        dates = _dates(boundaries["effective_date"])
        dates = np.sort(dates[~np.isnat(dates)])  # sorted: one binary search per question
        cache = assessment.__dict__["_boundary_dates"] = [boundaries, dates, boundaries.iloc[:0], {}, {}]
    return cache


@dataclass
class _Match:
    """Where each commune of the earlier period is in the later one (-1: not there, or merged
    into another commune), and what the boundary changes say of it."""

    target: np.ndarray
    renamed_from: np.ndarray
    boundary_changed: np.ndarray
    merged_from: dict[int, list[str]]
    boundary: list[dict]
    merged_away: set[int] = field(default_factory=set)  # earlier rows merged into a later commune
    formed: set[int] = field(default_factory=set)  # later rows formed by merging earlier communes


def _match(assessment: Assessment, before: Snapshot, after: Snapshot, changes: pd.DataFrame) -> _Match:
    """Communes matched by name key, through the renames and mergers of ``changes``.

    Without boundary changes (most pairs of periods) it is array indexing on the assessment's
    numbering of names; with them, each commune follows its successor, a dictionary lookup per
    commune."""
    n = len(before.names)
    renamed = np.full(n, None, dtype=object)
    changed = np.zeros(n, dtype=bool)
    target = np.full(n, -1, dtype=np.int64)
    if changes.empty:
        before_at, after_at = assessment.align(before, after)
        target[before_at] = after_at
        return _Match(target, renamed, changed, {}, [])
    # kept per pair of periods: ``flags`` follows the same mergers as the comparisons did
    kept = assessment.__dict__.setdefault("_matches", {})
    key = (before.period, after.period, id(assessment.boundaries))
    if key not in kept:
        with paused_gc():  # ~100,000 small objects at once: no collection passes meanwhile
            kept[key] = _match_through(assessment, before, after, changes, renamed, changed, target)
    return kept[key]


def _match_through(assessment, before, after, changes, renamed, changed, target) -> _Match:
    """``_match`` when boundary changes took effect: each commune follows its successor.

    Worked out per commune in arrays (where each commune's final unit is, whether its group
    holds others) and per group of merged units only where a group is said; a national
    reorganisation (100,000 communes into 38,000) is then not 100,000 steps of dictionaries.
    Two communes of one key in a period (not what the readers give) take the loop below."""
    moved = successors(changes)
    before_ids, after_ids = assessment.key_ids(before), assessment.key_ids(after)
    keys = np.array(assessment.numbering.keys, dtype=object)
    before_keys, after_keys = keys[before_ids], keys[after_ids]
    before_index, after_index = pd.Index(before_keys, dtype=object), pd.Index(after_keys, dtype=object)
    if not (before_index.is_unique and after_index.is_unique):
        return _match_through_loop(assessment, before, after, moved, renamed, changed, target)
    names = before.names
    # each commune's final unit (its own name where the mapping does not move it) and its key
    finals = np.array([s.name for s in moved.values()], dtype=object)
    at = pd.Index(list(moved), dtype=object).get_indexer(before_keys)
    is_moved = at >= 0
    final_names = np.where(is_moved, finals[np.maximum(at, 0)] if len(finals) else names, names)
    final_keys = np.array([commune_key(f) for f in final_names.tolist()], dtype=object)
    own = before_keys == final_keys  # (elementwise) the commune is its own final unit
    # each group (the units a final unit is made of, as ``_group``): its members by final key
    members: dict[str, list[tuple[str, str]]] = {}
    for old_key, successor in moved.items():
        members.setdefault(commune_key(successor.name), []).append((old_key, successor.changes[0]["old"]))
    before_names = dict(zip(before_keys.tolist(), names.tolist()))
    groups_at, final_at = pd.factorize(final_keys)
    final_at = np.asarray(final_at, dtype=object)
    n_members = np.array([len(members.get(k, ())) for k in final_at.tolist()], dtype=np.int64)
    # the final unit itself, where a commune of the earlier period, unless one of the members already
    itself = np.array([k in before_names and not (k in moved and commune_key(moved[k].name) == k)
                       for k in final_at.tolist()], dtype=bool)
    size = (n_members + itself)[groups_at]
    in_group = is_moved | own  # the commune's own key is in its group
    others = size > in_group
    found = after_index.get_indexer(final_keys)
    skip = (found < 0) | (others & ~own)  # gone, or merged into another commune
    merged_away = set(np.flatnonzero(skip & (found >= 0)).tolist())
    formed = set(found[others & (found >= 0)].tolist())
    kept = ~skip
    target[kept] = found[kept]
    renamed[kept & ~own] = names[kept & ~own]
    changed[kept & others] = True
    group_of: dict[str, dict[str, str]] = {}

    def group(final_key: str, final: str) -> dict[str, str]:
        held = group_of.get(final_key)
        if held is None:
            held = group_of[final_key] = {k: before_names.get(k, m) for k, m in members.get(final_key, ())}
            if final and commune_key(final) in before_names:
                held.setdefault(commune_key(final), before_names[commune_key(final)])
        return held

    merged_from = {}
    for i in np.flatnonzero(kept & others).tolist():
        key = before_keys[i]
        merged_from[i] = [m for k, m in group(final_keys[i], final_names[i]).items() if k != key]
    # the first final name met of each group, as the loop builds a group from the first commune
    first = np.unique(groups_at, return_index=True)[1]  # (factorized: every group is met)
    first_final = dict(zip(final_at.tolist(), final_names[first].tolist()))
    after_names = dict(zip(after_keys.tolist(), after.names.tolist()))
    boundary = []
    for final_key, pairs in members.items():
        if final_key not in after_names:
            continue
        whole = group(final_key, first_final.get(final_key, after_names[final_key]))
        if len(whole) > 1:
            change = moved[pairs[0][0]].changes[-1]
            boundary.append({"commune": after_names[final_key], "merged_from": list(whole.values()),
                             "date": change["date"].isoformat(), "decision": change["decision"]})
    return _Match(target, renamed, changed, merged_from, boundary, merged_away, formed)


def _match_through_loop(assessment, before, after, moved, renamed, changed, target) -> _Match:
    """``_match_through`` one commune after another (what the arrays above do, for periods
    naming one key twice)."""
    merged = groups(None, moved)
    before_ids, after_ids = assessment.key_ids(before), assessment.key_ids(after)
    keys = np.array(assessment.numbering.keys, dtype=object)
    before_keys, after_keys = keys[before_ids].tolist(), keys[after_ids].tolist()
    before_names = dict(zip(before_keys, before.names.tolist()))
    after_names = dict(zip(after_keys, after.names.tolist()))
    after_rows = dict(zip(after_keys, range(len(after.names))))
    merged_from: dict[int, list[str]] = {}
    group_of: dict[str, dict[str, str]] = {}
    merged_away: set[int] = set()
    formed: set[int] = set()
    for i, (key, name) in enumerate(zip(before_keys, before.names.tolist())):
        final = moved[key].name if key in moved else name
        final_key = commune_key(final)
        if final_key not in group_of:
            group_of[final_key] = _group(merged.get(final_key, []), final, before_names)
        others = [m for k, m in group_of[final_key].items() if k != key]
        found = after_rows.get(final_key)
        if found is not None and others:
            formed.add(found)
        if found is None or (others and final_key != key):
            if found is not None:
                merged_away.add(i)  # merged into a commune of the later period
            continue  # gone, or merged into another commune
        target[i] = found
        if key != final_key:
            renamed[i] = name
        if others:
            changed[i] = True
            merged_from[i] = others
    boundary = []
    for final_key, members in merged.items():
        group = group_of.get(final_key) or _group(members, after_names.get(final_key, ""), before_names)
        if final_key in after_names and len(group) > 1:
            change = moved[commune_key(members[0])].changes[-1]
            boundary.append({"commune": after_names[final_key], "merged_from": list(group.values()),
                             "date": change["date"].isoformat(), "decision": change["decision"]})
    return _Match(target, renamed, changed, merged_from, boundary, merged_away, formed)


def _group(members: list[str], final: str, before_names: dict[str, str]) -> dict[str, str]:
    """Every unit that makes up ``final``: the units mapped into it, and itself if it existed."""
    group = {commune_key(m): before_names.get(commune_key(m), m) for m in members}
    if final and commune_key(final) in before_names:
        group.setdefault(commune_key(final), before_names[commune_key(final)])
    return group


def year_on_year(assessment: Assessment, period: str, bands: str | None = None) -> Comparison:
    """``period`` against the same quarter a year before ("so với cùng kỳ")."""
    return compare(assessment, shift(period, -4), period, bands)


def since_baseline(assessment: Assessment, period: str, baseline: str | None = None,
                   bands: str | None = None) -> Comparison:
    """``period`` against a baseline period (default: the first period in the data)."""
    return compare(assessment, baseline or assessment.periods[0], period, bands)


def trend(assessment: Assessment, bands: str | None = None) -> pd.DataFrame:
    """One row per period: communes, total, mean, communes meeting all, recognised, band counts,
    and the share of communes meeting each criterion (columns ``share_<criterion>``).

    A band or criterion column missing from a period (the 10 criteria of 2026 after the 19
    before) is NaN there, as in a table made of one record per period; the columns are made as
    arrays, period by period, rather than as records."""
    snapshots = assessment.snapshots
    if not snapshots:
        return pd.DataFrame()
    k = len(snapshots)
    fixed: dict[str, list] = {name: [] for name in ("criteria_set", "n_communes", "total_met", "mean_met",
                                                    "n_all_met", "n_recognised")}
    varying: dict[str, np.ndarray] = {}  # band and share columns, in the order they first appear
    for i, snap in enumerate(snapshots.values()):
        size = snap.criteria_set.size
        n = len(snap.count_array)
        per_criterion = snap.met_by_criterion
        total = int(per_criterion.sum())
        for name, value in zip(fixed, (snap.criteria_set.name, n, total, total / n if n else float("nan"),
                                       int(snap.count_histogram[size]), recognised_count(assessment, snap))):
            fixed[name].append(value)
        for band in band_counts(snap, parse_bands(bands, size))[0]:
            _column(varying, f"band_{band.label}", k)[i] = band.n
        shares = per_criterion / n if n else np.full(size, np.nan)
        for criterion, share in zip(snap.status.columns, shares.tolist()):
            _column(varying, f"share_{criterion}", k)[i] = share
    columns = {"criteria_set": pd.array(fixed.pop("criteria_set"), dtype="str")}
    for name, values in fixed.items():
        columns[name] = (np.array(values, dtype=object) if any(v is None for v in values)
                         else np.array(values, dtype=np.float64 if name == "mean_met" else np.int64))
    for name, values in varying.items():  # counts stay whole where every period has the band
        columns[name] = values.astype(np.int64) if name.startswith("band_") and not np.isnan(values).any() else values
    return frame_of(list(columns), list(columns.values()), index=pd.Index(list(snapshots), name="period", dtype="str"))


def _column(columns: dict[str, np.ndarray], name: str, k: int) -> np.ndarray:
    column = columns.get(name)
    if column is None:
        column = columns[name] = np.full(k, np.nan)
    return column
