"""The assessment cube: period × commune × criterion → status, plus commune attributes.

Each period is a ``Snapshot`` holding a communes × criteria matrix of status codes (the form
every figure aggregates fast); ``Assessment.long()`` is the tidy view of the same cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .criteria import CriteriaSet
from .fields import BOUNDARIES, COMMUNES, TARGETS, fields_of
from .io import Options, Piece, Records, read
from .problems import Problems
from .text import MET, STATUS_NAMES, BASICALLY_MET, clean_unit, name_key
from .vocab_messages import Message, period_ref, row_ref

UNIT_LEVELS = ("district", "province")

STATUS_DTYPE = pd.CategoricalDtype(list(STATUS_NAMES.values()), ordered=True)


@dataclass
class Snapshot:
    """One period's assessment of every commune against one criteria set."""

    period: str
    criteria_set: CriteriaSet
    status: pd.DataFrame  # int8 codes; index commune, columns criterion numbers
    origin: pd.DataFrame  # index commune: file and row each commune was read from
    measures: pd.DataFrame = field(default_factory=pd.DataFrame)  # per-commune counts of the period
    # index commune (as ``status``); columns district and province, NFC without "Huyện "/"Tỉnh ",
    # from the assessment file (a column, a heading row, the letterhead), else the commune
    # register; missing (None) where nothing tells
    units: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(UNIT_LEVELS)))

    @property
    def communes(self) -> list[str]:
        return list(self.status.index)

    @property
    def met(self) -> pd.DataFrame:
        """Boolean communes × criteria: the criterion is met (basically met is not met)."""
        return self.status == MET

    @property
    def basically_met(self) -> pd.DataFrame:
        return self.status == BASICALLY_MET

    @property
    def met_count(self) -> pd.Series:
        """Criteria met by each commune."""
        return self.met.sum(axis=1).rename("criteria_met")


@dataclass
class Assessment:
    """Every snapshot read, by period (sorted), and the commune register."""

    snapshots: dict[str, Snapshot]
    communes: pd.DataFrame  # index commune; attribute columns (may be empty)
    problems: Problems = field(default_factory=Problems)
    targets: pd.DataFrame = field(default_factory=lambda: _empty(TARGETS))
    boundaries: pd.DataFrame = field(default_factory=lambda: _empty(BOUNDARIES))

    @property
    def periods(self) -> list[str]:
        return list(self.snapshots)

    def snapshot(self, period: str | None = None) -> Snapshot:
        """The snapshot of ``period`` (default: the latest)."""
        if not self.snapshots:
            raise KeyError("the data holds no period")
        period = period or self.periods[-1]
        if period not in self.snapshots:
            raise KeyError(f"no data for period {period} (periods: {', '.join(self.periods)})")
        return self.snapshots[period]

    def long(self) -> pd.DataFrame:
        """The tidy view: one row per period, commune and criterion, with the status as a category."""
        frames = []
        for period, snap in self.snapshots.items():
            codes = snap.status.to_numpy()
            frames.append(pd.DataFrame({
                "period": period,
                "criteria_set": snap.criteria_set.name,
                "commune": np.repeat(snap.status.index.to_numpy(dtype=object), codes.shape[1]),
                "criterion": np.tile(snap.status.columns.to_numpy(dtype=np.int64), codes.shape[0]),
                "status": pd.Categorical.from_codes(codes.reshape(-1), dtype=STATUS_DTYPE),
            }))
        columns = ["period", "criteria_set", "commune", "criterion", "status"]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def read_assessment(paths, period: str | None = None, criteria_set: CriteriaSet | None = None,
                    missing_period: str = "error", *, encoding: str | None = None,
                    hidden_sheets: bool = False) -> Assessment:
    """Read and assemble ``paths``; every problem is in ``.problems``, nothing is raised for data.

    ``missing_period`` is the severity of a file whose period cannot be told: an error when
    figures are wanted, a warning when only checking the file. ``encoding`` forces the text
    encoding of the files (one of ``io.ENCODINGS``) instead of detecting it; ``hidden_sheets``
    reads hidden worksheets too.
    """
    problems = Problems()
    pieces = read(paths, Options(period, criteria_set, encoding, hidden_sheets), problems)
    registers = [p for p in pieces if isinstance(p, Records) and p.kind == COMMUNES]
    marks = [p for p in pieces if isinstance(p, Piece)]
    communes, names = _register(registers, problems)
    tables = {kind: _concat([p for p in pieces if isinstance(p, Records) and p.kind == kind], kind)
              for kind in (TARGETS, BOUNDARIES)}
    by_period: dict[str, list[Piece]] = {}
    for piece in marks:
        if piece.period is None:
            add = problems.error if missing_period == "error" else problems.warning
            add(piece.source, None, None, "no_period")
            continue
        by_period.setdefault(piece.period, []).append(piece)
    snapshots = {p: _snapshot(p, by_period[p], names, problems, communes) for p in sorted(by_period)}
    if registers:
        for snap in snapshots.values():
            for commune in snap.communes:
                if name_key(commune) not in names:
                    file, row = snap.origin.loc[commune]
                    problems.warning(file, int(row), "commune", "not_in_register", commune)
    if not marks and not problems.errors:
        add = problems.error if missing_period == "error" else problems.warning
        kinds = [Message(f"table_{kind}") for kind in sorted({p.kind for p in pieces})]
        add(", ".join(map(str, paths)), None, None, "no_assessment_table", kinds=kinds or Message("nothing"))
    assessed = {name_key(c) for s in snapshots.values() if s is not None for c in s.communes}
    for row in tables[TARGETS].itertuples(index=False):
        if isinstance(row.commune, str) and row.commune and name_key(row.commune) not in assessed:
            problems.warning(row.file, int(row.row), "commune", "target_unassessed", row.commune)
    return Assessment({p: s for p, s in snapshots.items() if s is not None}, communes, problems,
                      tables[TARGETS], tables[BOUNDARIES])


def _empty(kind: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[f.name for f in fields_of(kind)] + ["file", "row"])


def _concat(records: list[Records], kind: str) -> pd.DataFrame:
    """Rows of every file of one kind, each with the file and row it came from."""
    frames = [r.frame.assign(file=r.source, row=r.rows) for r in records]
    frame = pd.concat([_empty(kind), *frames], ignore_index=True) if frames else _empty(kind)
    return frame


def _register(registers: list[Records], problems: Problems) -> tuple[pd.DataFrame, dict[str, str]]:
    """The commune register of all register files, and each name key's printed name."""
    names: dict[str, str] = {}
    first_source: dict[str, str] = {}
    frames = []
    for register in registers:
        if "commune" not in register.frame.columns:
            continue
        frame = register.frame[register.frame["commune"].notna()].copy()
        for name, row in zip(frame["commune"], register.rows[register.frame["commune"].notna().to_numpy()]):
            key = name_key(name)
            if first_source.setdefault(key, register.source) != register.source:
                problems.error(register.source, int(row), "commune", "register_twice", name,
                               other_file=first_source[key])
            names.setdefault(key, name)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(index=pd.Index([], name="commune")), names
    frame = pd.concat(frames, ignore_index=True).drop_duplicates("commune")
    frame["commune"] = [names[name_key(n)] for n in frame["commune"]]
    return frame.set_index("commune"), names


def _snapshot(period: str, pieces: list[Piece], names: dict[str, str],
              problems: Problems, register: pd.DataFrame | None = None) -> Snapshot | None:
    """One period's pieces joined; two files naming one commune, or two sets, are errors."""
    sets = {p.criteria_set.name: p.criteria_set for p in pieces if p.criteria_set}
    if len(sets) != 1:
        where = [Message("source_set", source=p.source, set=p.criteria_set.name if p.criteria_set else "?")
                 for p in pieces]
        problems.error(pieces[0].source, None, "criteria_set", "two_sets", period=period_ref(period),
                       where=where)
        return None
    criteria_set = next(iter(sets.values()))
    seen: dict[str, tuple[str, int]] = {}
    index, origin, blocks, measures, units = [], [], [], [], []
    for piece in pieces:
        for name, row in zip(piece.names, piece.rows):
            key = name_key(name)
            printed = names.setdefault(key, name)
            if key in seen and seen[key][0] != piece.source:
                problems.error(piece.source, int(row), "commune", "assessed_twice", name,
                               period=period_ref(period), other_file=seen[key][0], other=row_ref(seen[key][1]))
            seen.setdefault(key, (piece.source, int(row)))
            index.append(printed)
            origin.append((piece.source, int(row)))
        blocks.append(piece.status)
        measures.append(piece.measures)
        units.append(piece.units.reindex(columns=list(UNIT_LEVELS)).reset_index(drop=True))
    status = pd.DataFrame(np.vstack(blocks), index=pd.Index(index, name="commune"),
                          columns=pd.Index(criteria_set.numbers, name="criterion"))
    keep = ~status.index.duplicated()
    origin_frame = pd.DataFrame(origin, columns=["file", "row"], index=status.index)
    measure_frame = pd.concat(measures, ignore_index=True).set_index(status.index)
    unit_frame = _fill_units(pd.concat(units, ignore_index=True).set_index(status.index)[keep], register)
    return Snapshot(period, criteria_set, status[keep], origin_frame[keep], measure_frame[keep], unit_frame)


def _fill_units(units: pd.DataFrame, register: pd.DataFrame | None) -> pd.DataFrame:
    """Units the assessment does not tell, taken from the commune register; None where unknown."""
    units = units.astype(object)
    if register is not None and len(register):
        for level in UNIT_LEVELS:
            if level in register.columns:
                known = register[level].map(lambda v: clean_unit(v) if isinstance(v, str) and v else None)
                units[level] = units[level].where(units[level].notna(), known.reindex(units.index))
    return units.where(units.notna(), None)
