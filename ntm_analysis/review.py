"""One quarter's review, computed once: everything the briefing says about a period.

``build_review`` computes the figures, the comparisons with the previous quarter and the same
quarter a year before, the trend to date, the lagging criteria, recognition, pilot communes,
targets, the period's warnings, and the names of the unit and the data. The text, the page, the
workbook, the charts and the review notebook all render this one object, in either language;
none of them computes a figure of its own.

>>> from ntm_analysis import load
>>> review = build_review(load(), "2020Q1", bands="19,12,9,5-8")
>>> review.summary.total_met, [b.n for b in review.summary.bands], review.unit.name
(187, [4, 1, 1, 13], 'Lộc Bình')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .checks import DEFAULT_JUMP
from .compare import Comparison, compare, trend
from .criteria import CriteriaSet
from .figures import PeriodSummary, lagging_criteria, recognised_years, summarise_snapshot
from .model import Assessment, Snapshot
from .periods import period_end, shift
from .problems import WARNING, Problem
from .targets import TargetStatus, evaluate, pilot_communes
from .text import vi_sort_key

# Beyond this many communes, charts and page lists that grow with the communes change form
# (top and bottom communes, counts instead of names) and say so.
LIMIT = 60

# Provinces of the country: 63 until 1/7/2025, 34 after; data holding fewer is "the provinces in
# the data", never "the country".
NATIONAL_PROVINCES = 34


@dataclass(frozen=True)
class Unit:
    """The administrative unit the data covers: ``level`` "district" or "province" (None when
    the data does not say), its ``name`` and its ``parent`` (a district's province)."""

    level: str | None = None
    name: str | None = None
    parent: str | None = None

    def label(self, lang: str = "vi", head: bool = False) -> str:
        """"huyện Lộc Bình, tỉnh Lạng Sơn" / "Lộc Bình district, Lạng Sơn province"."""
        from .vocab import unit_name

        return unit_name(self.level, self.name, self.parent, lang, head)


@dataclass(frozen=True)
class DataSource:
    """One folder of data as its provenance sidecar names it (or the folder's name)."""

    dataset: str
    illustrative: bool = False
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    synthetic: bool = False  # generated (ntm_analysis.synth), not about any real place


def data_label(sources: list[DataSource]) -> str | None:
    """What the data is labelled wherever its source is said: "synthetic" for generated data,
    "illustrative" for a reconstruction, None for data as reported."""
    if any(s.synthetic for s in sources):
        return "synthetic"
    return "illustrative" if any(s.illustrative for s in sources) else None


@dataclass
class Pilot:
    """A pilot commune (xã điểm) of the review's year: criteria met and still missing."""

    commune: str
    met: int
    size: int
    missing: list[int]


@dataclass(frozen=True)
class CriteriaGroup:
    """A group of criteria of the set (Quy hoạch, Hạ tầng kinh tế - xã hội, …) on the period:
    its criteria, and how many of its commune × criterion cells are met (``met`` of ``cells``)."""

    group: str
    criteria: tuple[int, ...]
    met: int
    cells: int


@dataclass
class Flag:
    """A case for the office to follow up in the period reviewed.

    ``kind`` is one of vocab.FLAG_KINDS; ``values`` holds what its sentence needs (year, met,
    size, old, new, change, threshold)."""

    kind: str
    commune: str
    before: str | None
    after: str
    criteria: list[int] = field(default_factory=list)
    values: dict = field(default_factory=dict)


@dataclass
class Review:
    """Everything one quarter's review says, in no language yet."""

    period: str
    criteria_set: CriteriaSet
    snapshot: Snapshot
    unit: Unit
    sources: list[DataSource]
    summary: PeriodSummary  # with the bands asked for
    exact: PeriodSummary  # one band per count: the detail of the bands
    recognised: pd.Series  # commune -> year recognised, as of the period (register order)
    pilots: list[Pilot]
    previous: Comparison | None
    year_ago: Comparison | None
    trend: pd.DataFrame  # one row per period up to the reviewed one
    lagging: pd.DataFrame  # figures.lagging_criteria
    targets: list[TargetStatus]
    flags: list[Flag]
    register: pd.DataFrame  # the commune register, one row per commune of the period
    notes: list = field(default_factory=list)  # problems.Problem warnings of reading the data (and of the review)
    districts: list = field(default_factory=list)  # units.UnitSummary per district (per province for a
    # country's data), ranked: the units the review compares
    criteria_groups: list = field(default_factory=list)  # CriteriaGroup, in the set's order
    pilot_communes: frozenset = frozenset()  # communes the register names as pilots (any year)
    recognised_merged: dict = field(default_factory=dict)  # a recognised commune merged away → the
    # commune it is now part of (recognition is not inherited: said apart, never silently dropped)
    bands: str | None = None
    truncate: bool = False
    shares: bool = False

    @property
    def reference_date(self):
        """The date the assessment describes: the period's last day ("Tính đến ngày 31/3/2020")."""
        return period_end(self.period)

    @property
    def communes(self) -> list[str]:
        return self.snapshot.communes

    @property
    def n_communes(self) -> int:
        return self.summary.n_communes

    @property
    def illustrative(self) -> bool:
        return any(s.illustrative for s in self.sources)

    @property
    def data_label(self) -> str | None:
        """"synthetic", "illustrative" or None: see ``data_label``."""
        return data_label(self.sources)

    @property
    def units_level(self) -> str | None:
        """The level of the units the review compares ("district", "province"), None if none."""
        return self.districts[0].level if self.districts else None

    @property
    def large(self) -> bool:
        """More communes than charts and lists show one by one."""
        return self.n_communes > LIMIT

    def source_text(self, lang: str = "vi") -> str:
        """What the data is, for a source line: the kind of data, the unit and, when it is one,
        that it is illustrative ("số liệu đánh giá các xã, huyện Lộc Bình, tỉnh Lạng Sơn (số liệu
        minh họa)"); never a folder's name (without a unit the line says only what the data is)."""
        from .vocab import chart_word

        parts = [chart_word("data", lang)] + ([self.unit.label(lang)] if self.unit.name else [])
        text = ", ".join(p for p in parts if p)
        return text + (f" ({chart_word(self.data_label, lang)})" if self.data_label else "")


def build_review(assessment: Assessment, period: str | None = None, bands: str | None = None, *,
                 truncate: bool = False, shares: bool = False, jump: int = DEFAULT_JUMP) -> Review:
    """The review of ``period`` (default: the latest): every figure computed here, once."""
    snap = assessment.snapshot(period)
    period = snap.period
    summary = summarise_snapshot(assessment, snap, bands)
    exact = summarise_snapshot(assessment, snap, "exact")
    earlier = [p for p in assessment.periods if p < period]
    previous = compare(assessment, earlier[-1], period, bands) if earlier else None
    year = shift(period, -4)
    if previous is not None and previous.from_period == year:
        year_ago = previous
    else:
        year_ago = compare(assessment, year, period, bands) if year in assessment.periods else None
    history = trend(assessment, bands)
    register = assessment.communes.reindex(snap.communes) if len(assessment.communes.columns) else \
        pd.DataFrame(index=pd.Index(snap.communes, name="commune"))
    recognised = recognised_years(assessment, period, snap.communes)
    sources = data_sources(assessment)
    unit = unit_of(register, sources, snap.units)
    notes = list(assessment.problems.warnings)
    if not unit.name and unit.level is None:
        notes.append(Problem(", ".join(sorted({str(f) for f in snap.origin["file"]})), None, None,
                             NO_UNIT, None, WARNING))
    from .units import unit_names, unit_summaries

    # a province's review compares its districts; a country's, its provinces
    level = "province" if len(unit_names(snap, "province")) > 1 else "district"
    districts = unit_summaries(assessment, period, level, bands) if len(unit_names(snap, level)) > 1 else []
    pilots = pilot_communes(assessment)  # of the whole register: a pilot merged away is still one
    review = Review(
        period=period, criteria_set=snap.criteria_set, snapshot=snap,
        unit=unit, sources=sources, summary=summary, exact=exact,
        recognised=recognised, pilots=pilots_of(snap, register), previous=previous, year_ago=year_ago,
        trend=comparable_trend(history.loc[:period], assessment), lagging=lagging_criteria(snap),
        targets=evaluate(assessment, period) if len(assessment.targets) else [],
        flags=[], register=register, notes=notes, districts=districts,
        criteria_groups=criteria_groups(snap), pilot_communes=pilots,
        recognised_merged=recognised_merged(assessment, period, snap.communes),
        bands=bands, truncate=truncate, shares=shares)
    review.flags = period_flags(review, jump)
    return review


def recognised_merged(assessment: Assessment, period: str, communes: list[str]) -> dict[str, str]:
    """Communes recognised as of ``period`` that a merger took out of the period's communes, each
    with the commune it is now part of (register order): a merged commune does not inherit the
    recognition, so the text says where the recognised communes went rather than none."""
    from .model import commune_key
    from .targets import _merged_into

    register = assessment.communes
    if "recognised_year" not in register.columns or not len(assessment.boundaries):
        return {}
    present = {commune_key(c) for c in communes}
    gone = [c for c in register.index if commune_key(c) not in present]
    if not gone:
        return {}
    moved = _merged_into(assessment, period)
    recognised = recognised_years(assessment, period, [c for c in gone if commune_key(c) in moved])
    return {c: moved[commune_key(c)] for c in recognised.index}


def comparable_trend(history: pd.DataFrame, assessment: Assessment) -> pd.DataFrame:
    """The trend up to the reviewed period (the last row), from the last change to a criteria set
    of another size: band counts and averages out of 10 criteria do not continue a line of
    counts out of 19 (sets of the same size, 2016–2020 then 2021–2025, keep one line)."""
    if history.empty:
        return history
    sizes = [assessment.snapshot(p).criteria_set.size for p in history.index]
    start = len(sizes) - 1
    while start > 0 and sizes[start - 1] == sizes[-1]:
        start -= 1
    return history.iloc[start:].dropna(axis=1, how="all")


# The one warning the review adds to the reading's: no unit named anywhere in the data
# (vocab's page phrase "no_unit" says it in the page's language).
NO_UNIT = "no unit: the data names no district or province (no Huyện/Tỉnh column, letterhead or register)"


def criteria_groups(snap: Snapshot) -> list[CriteriaGroup]:
    """The set's groups of criteria with the cells met in each, in the set's order; empty when
    the set does not group its criteria."""
    met = snap.met
    order: dict[str, list[int]] = {}
    for criterion in snap.criteria_set.criteria:
        if criterion.group_vi:
            order.setdefault(criterion.group_vi, []).append(criterion.number)
    return [CriteriaGroup(group, tuple(numbers), int(met[numbers].to_numpy().sum()), len(snap.communes) * len(numbers))
            for group, numbers in order.items()]


def pilots_of(snap: Snapshot, register: pd.DataFrame) -> list[Pilot]:
    """The pilot communes (xã điểm) of the period's year, in register order."""
    if "pilot_year" not in register.columns:
        return []
    year = int(snap.period[:4])
    chosen = register.index[(register["pilot_year"] == year).fillna(False).to_numpy(dtype=bool)]
    met = snap.met
    return [Pilot(c, int(met.loc[c].sum()), snap.criteria_set.size,
                  [int(k) for k, ok in met.loc[c].items() if not ok]) for c in chosen]


def period_flags(review: Review, jump: int = DEFAULT_JUMP) -> list[Flag]:
    """The period's warnings, from what the review already holds: recognised communes below all
    criteria (this period), criteria lost, large jumps, and communes appearing or disappearing
    (against the previous period). The same checks as ``checks.flags``, for one period."""
    out = []
    snap, size = review.snapshot, review.criteria_set.size
    counts = snap.met_count
    met = snap.met
    from .checks import set_size_of_year

    for commune, year in review.recognised.items():
        # recognised under a set of another size (19 criteria, until 2025): not "below all" of 10
        if counts[commune] < size and set_size_of_year(int(year)) == size:
            out.append(Flag("recognised_below_all", commune, None, review.period,
                            [int(k) for k, ok in met.loc[commune].items() if not ok],
                            {"year": int(year), "met": int(counts[commune]), "size": size}))
    c = review.previous
    if c is not None:
        for change in c.communes:
            if change.lost:
                out.append(Flag("lost_criterion", change.commune, c.from_period, c.to_period, list(change.lost)))
        for change in c.communes:
            if abs(change.after - change.before) > jump and not change.boundary_changed and c.sets_comparable:
                out.append(Flag("jump", change.commune, c.from_period, c.to_period, [],
                                {"old": change.before, "new": change.after,
                                 "change": change.after - change.before, "threshold": jump}))
        out += [Flag("commune_missing", name, c.from_period, c.to_period) for name in c.removed]
        out += [Flag("commune_new", name, c.from_period, c.to_period) for name in c.added]
    # each kind's communes in Vietnamese alphabetical order, as every list shown to a reader
    kinds = list(dict.fromkeys(f.kind for f in out))
    return sorted(out, key=lambda f: (kinds.index(f.kind), vi_sort_key(f.commune)))


def flag_of_row(assessment: Assessment, row, jump: int = DEFAULT_JUMP) -> Flag:
    """A row of ``checks.flags`` as a Flag, with the values its sentence needs."""
    snap = assessment.snapshot(row.period_to)
    criteria = [] if pd.isna(row.criterion) else [int(row.criterion)]
    values = {}
    if row.check == "recognised_below_all":
        met = snap.met.loc[row.commune]
        criteria = [int(c) for c, ok in met.items() if not ok]
        values = {"year": int(assessment.communes.loc[row.commune, "recognised_year"]), "met": int(met.sum()),
                  "size": snap.criteria_set.size}
    elif row.check == "jump":
        old = int(assessment.snapshot(row.period_from).met_count[row.commune])
        new = int(snap.met_count[row.commune])
        values = {"old": old, "new": new, "change": new - old, "threshold": jump}
    before = row.period_from if row.period_from != row.period_to else None
    return Flag(row.check, row.commune, before, row.period_to, criteria, values)


# ---------------------------------------------------------------------------------------------
# Names of the data and its unit
# ---------------------------------------------------------------------------------------------


def data_sources(assessment: Assessment) -> list[DataSource]:
    """Each folder of the assessment files, as its provenance sidecar names it."""
    files = set()
    for snap in assessment.snapshots.values():  # a file per period, not a path per commune and period
        files.update(pd.unique(snap.origin["file"]))
    folders = sorted({Path(f).parent for f in files})
    out = []
    for folder in folders:
        sidecar = folder / "provenance.json"
        meta = {}
        if sidecar.exists():
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                meta = {}
        if isinstance(meta, dict) and isinstance(meta.get("dataset"), str):
            status = str(meta.get("status", ""))
            out.append(DataSource(meta["dataset"], "illustrative" in status, meta, "synthetic" in status))
        else:
            out.append(DataSource(folder.name))
    return out


_DATASET_UNIT = re.compile(r"^\s*(?P<name>[^(:;]+?)\s+(?P<level>district|province)\b\s*(?:\((?P<parent>[^)]+)\))?",
                           re.IGNORECASE)


def unit_of(register: pd.DataFrame, sources: list[DataSource], units: pd.DataFrame | None = None) -> Unit:
    """The unit of the data: the one district (and province) of the period's communes (from the
    assessment itself: a column, heading rows or the letterhead, then the register: see
    ``Snapshot.units``), else the sidecar's ``unit`` or the unit its ``dataset`` names ("Lộc Bình
    district (Lạng Sơn)"). Communes of several districts make a province review (its name when
    the data gives one)."""
    frames = [f for f in (units, register) if f is not None]

    def values(column: str) -> set[str]:
        for frame in frames:  # the assessment's own units first, then the register's
            if column in frame.columns:
                found = {v for v in frame[column].dropna() if isinstance(v, str) and v.strip()}
                if found:
                    return found
        return set()

    def single(column: str) -> str | None:
        found = values(column)
        return found.pop() if len(found) == 1 else None

    named = []
    for source in sources:
        unit = source.meta.get("unit") if source.meta else None
        if isinstance(unit, dict) and unit.get("name"):
            named.append(Unit(unit.get("level"), unit["name"], unit.get("parent")))
            continue
        match = _DATASET_UNIT.match(source.dataset) if source.meta else None
        if match:
            named.append(Unit(match["level"].lower(), match["name"].strip(),
                              (match["parent"] or "").strip() or None))
    sidecar = named[0] if len(set(named)) == 1 else None
    district, province = single("district"), single("province")
    if district:
        parent = province or (sidecar.parent if sidecar and sidecar.level == "district"
                              and sidecar.name == district else None)
        return Unit("district", district, parent)
    if len(values("province")) > 1:  # several provinces: the country's data only when all are there
        return Unit("country" if len(values("province")) >= NATIONAL_PROVINCES else "provinces", None)
    if len(values("district")) > 1:
        return Unit("province", province)
    if province:
        return Unit("province", province)
    return sidecar or Unit()
