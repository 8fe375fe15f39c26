"""Two periods side by side, and every period in a row: what a review meeting compares.

Communes are matched by name key across periods, through renames and mergers of the boundary
mapping; a merged commune is flagged rather than given summed criteria.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache

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
    kept per commune (units, register columns) joins by position. The arrays taken from the
    snapshots through them (``before``, ``after``, ``commune``, ``band_before``, ``band_after``,
    ``renamed_from``) are made the first time they are read: a national suite compares 59
    pairs of 100,000 communes, and six arrays per pair (280 MB) that few ever read cost more
    than the gains and losses themselves.
    """

    names: np.ndarray  # the later period's names, all of them (read-only: the snapshot's)
    before_at: np.ndarray  # row in the earlier snapshot
    after_at: np.ndarray  # row in the later snapshot
    counts: tuple[np.ndarray, np.ndarray]  # criteria met by every commune of each snapshot (read-only)
    criteria: np.ndarray  # criterion numbers of the columns below
    gained: np.ndarray  # bool communes × criteria; no columns when the sets differ
    lost: np.ndarray
    labels: tuple[np.ndarray, np.ndarray]  # band label (or None) of each count, before and after
    renamed: np.ndarray | None  # the earlier name where it differs, else None; None: none renamed
    boundary_changed: np.ndarray  # bool
    merged_from: dict[int, list[str]] = field(default_factory=dict)  # row → the other units merged

    @cached_property
    def before(self) -> np.ndarray:
        """Criteria met before (int64)."""
        return take_rows(self.counts[0], self.before_at)

    @cached_property
    def after(self) -> np.ndarray:
        """Criteria met after (int64)."""
        return take_rows(self.counts[1], self.after_at)

    @cached_property
    def commune(self) -> np.ndarray:
        """Names in the later period (object)."""
        return take_rows(self.names, self.after_at)

    @cached_property
    def band_before(self) -> np.ndarray:
        """Band label before, or None (object)."""
        return self.labels[0][self.before]

    @cached_property
    def band_after(self) -> np.ndarray:
        return self.labels[1][self.after]

    @cached_property
    def renamed_from(self) -> np.ndarray:
        """The earlier name where it differs, else None (object)."""
        if self.renamed is None:
            return np.full(len(self.before_at), None, dtype=object)
        return self.renamed

    _COMPARED = ("commune", "before_at", "after_at", "before", "after", "criteria", "gained", "lost",
                 "band_before", "band_after", "renamed_from", "boundary_changed")

    def __len__(self) -> int:
        return len(self.before_at)

    def __eq__(self, other) -> bool:  # arrays compared whole, as the lists of objects were
        if not isinstance(other, Changes):
            return NotImplemented
        return self.merged_from == other.merged_from and all(
            np.array_equal(getattr(self, name), getattr(other, name)) for name in self._COMPARED)

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
        renamed_from, boundary_changed = None, np.zeros(len(before_at), bool)
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
    result = Changes(
        names=after_names, before_at=before_at, after_at=after_at,
        counts=(count_before, count_after), criteria=criteria, gained=gained, lost=lost,
        labels=(_label_table(tuple(bands_before), before.criteria_set.size),
                _label_table(tuple(bands_after), after.criteria_set.size)),
        renamed=renamed_from, boundary_changed=boundary_changed, merged_from=merged_from)
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

    Worked out in arrays of key numbers (the assessment's numbering; the mapping's other units
    numbered after them): the units the mapping moves (``_moves``), each commune's final unit,
    whether its group holds others and where it is later, and the groups said. Each name is
    looked up once, so a national reorganisation (100,000 communes into 38,000) is not
    100,000 steps of dictionaries and objects. A mapping in which a unit moves on from a unit
    others moved into, or periods naming one key twice (not what the readers give), take the
    loop below."""
    numbers = _KeyNumbers(assessment.numbering)
    moves = _moves(changes, numbers)
    before_ids, after_ids = assessment.key_ids(before), assessment.key_ids(after)
    if moves is None or not (_distinct(before_ids) and _distinct(after_ids)):
        return _match_through_loop(assessment, before, after, successors(changes), renamed, changed, target)
    old_ids, final_of, olds, rows = moves
    names = before.names
    # each commune's final unit: where the mapping moves it, else its own name's key
    moved_at = numbers.table(old_ids)[before_ids]
    is_moved = moved_at >= 0
    final_ids = np.empty(len(names), dtype=np.int64)
    final_ids[is_moved] = final_of[moved_at[is_moved]]
    final_ids[~is_moved] = numbers.of([commune_key(n) for n in names[~is_moved].tolist()])
    own = before_ids == final_ids  # the commune is its own final unit
    at_before, at_after = numbers.table(before_ids), numbers.table(after_ids)  # key → row, -1
    # the groups (the units a final unit is made of): the moved units by final unit, in the
    # order of ``groups``, each printed as the earlier period names it, else as the mapping does
    member_group, group_ids = pd.factorize(final_of)
    group_ids = np.asarray(group_ids, dtype=np.int64)
    member_counts = np.bincount(member_group, minlength=len(group_ids))
    in_before = at_before[old_ids]
    printed = np.where(in_before >= 0, names[np.maximum(in_before, 0)] if len(names) else olds, olds)
    # a final unit that was a commune of the earlier period is in its group too (last), unless
    # it is one of the moved units already
    itself_at = at_before[group_ids]
    moved_to = numbers.table(old_ids, final_of)
    itself = (itself_at >= 0) & (moved_to[group_ids] != group_ids)
    group_size = member_counts + itself
    # each commune's group and its size (a final unit no unit moved into: the commune alone)
    group_of = numbers.table(group_ids)[final_ids]
    alone = (at_before[final_ids] >= 0).astype(np.int64)
    size = np.where(group_of >= 0, group_size[np.maximum(group_of, 0)] if len(group_ids) else 0, alone)
    in_group = is_moved | own  # the commune's own key is in its group
    others = size > in_group
    found = at_after[final_ids]
    skip = (found < 0) | (others & ~own)  # gone, or merged into another commune
    merged_away = set(np.flatnonzero(skip & (found >= 0)).tolist())
    formed = set(found[others & (found >= 0)].tolist())
    kept = ~skip
    target[kept] = found[kept]
    renamed[kept & ~own] = names[kept & ~own]
    changed[kept & others] = True
    order = np.argsort(member_group, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(member_counts)]).astype(np.int64)
    member_ids, member_names = old_ids[order].tolist(), printed[order].tolist()

    def group(g: int) -> tuple[list[int], list[str]]:
        """The key numbers and printed names of group ``g``, as ``_group`` orders them."""
        a, b = int(bounds[g]), int(bounds[g + 1])
        ks, ns = member_ids[a:b], member_names[a:b]
        if itself[g]:
            ks, ns = ks + [int(group_ids[g])], ns + [names[itself_at[g]]]
        return ks, ns

    merged_from = {}
    for i in np.flatnonzero(kept & others).tolist():
        ks, ns = (group(int(group_of[i])) if group_of[i] >= 0
                  else ([int(final_ids[i])], [names[at_before[final_ids[i]]]]))
        merged_from[i] = [m for k, m in zip(ks, ns) if k != before_ids[i]]
    after_at = at_after[group_ids]
    said = np.flatnonzero((after_at >= 0) & (group_size > 1)).tolist()
    dates, decisions = changes["effective_date"].tolist(), (
        changes["decision"].tolist() if "decision" in changes.columns else [None] * len(changes))
    first_row = rows[order[bounds[:-1]]].tolist()  # the first unit of each group: its change
    after_names = after.names
    boundary = []
    for g in said:
        row = first_row[g]
        boundary.append({"commune": after_names[after_at[g]], "merged_from": group(g)[1],
                         "date": dates[row].isoformat(), "decision": decisions[row]})
    return _Match(target, renamed, changed, merged_from, boundary, merged_away, formed)


class _KeyNumbers:
    """Name keys as numbers: the assessment's numbering of keys, and keys it does not hold
    (units of the mapping no period names) numbered after them."""

    def __init__(self, numbering):
        self.known = numbering._key_ids
        self.size = len(numbering.keys)
        self.more: dict[str, int] = {}

    def of(self, keys: list[str]) -> np.ndarray:
        get = self.known.get
        out = np.array([get(k, -1) for k in keys], dtype=np.int64)
        for i in np.flatnonzero(out < 0).tolist():
            out[i] = self.more.setdefault(keys[i], self.size + len(self.more))
        return out

    def table(self, ids: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
        """An array by key number: ``values`` (default: the position) at ``ids``, -1 elsewhere."""
        out = np.full(self.size + len(self.more), -1, dtype=np.int64)
        out[ids] = np.arange(len(ids)) if values is None else values
        return out


def _distinct(ids: np.ndarray) -> bool:
    return not len(ids) or int(np.bincount(ids).max()) <= 1


def _lookup(sorted_ids: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The position of each of ``ids`` in ``sorted_ids`` (distinct, ascending), -1 if absent."""
    at = np.searchsorted(sorted_ids, ids)
    hit = at < len(sorted_ids)
    hit[hit] = sorted_ids[at[hit]] == ids[hit]
    return np.where(hit, at, -1)


def _moves(changes: pd.DataFrame, numbers: _KeyNumbers):
    """What ``successors`` says of each unit the mapping moves, as arrays in the order it meets
    the units: the unit's key number, its final unit's, the unit's name in the mapping, and
    the mapping row that moved it (its only change); None when a unit moves on from a unit
    others moved into before (``successors`` follows them) or a name is blank."""
    olds = changes["old_commune"].to_numpy(dtype=object)
    news = changes["new_commune"].to_numpy(dtype=object)
    if not all(isinstance(v, str) and v for v in (*olds.tolist(), *news.tolist())):
        return None
    old_ids = numbers.of([commune_key(o) for o in olds.tolist()])
    new_ids = numbers.of([commune_key(n) for n in news.tolist()])
    # a row moving a unit into which an earlier row moved others (a chain, or "A → A" after
    # "B → A"): successors carries them on
    into, first_into = np.unique(new_ids, return_index=True)
    at = _lookup(into, old_ids)
    if ((at >= 0) & (first_into[np.maximum(at, 0)] < np.arange(len(old_ids)))).any():
        return None
    first = np.sort(np.unique(old_ids, return_index=True)[1])  # each unit's first row moves it
    return old_ids[first], new_ids[first], olds[first], first


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
