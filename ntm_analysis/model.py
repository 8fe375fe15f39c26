"""The assessment cube: period × commune × criterion → status, plus commune attributes.

Each period is a ``Snapshot`` holding a communes × criteria matrix of status codes (the form
every figure aggregates fast); ``Assessment.long()`` is the tidy view of the same cells.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from .criteria import CriteriaSet
from .fields import BOUNDARIES, COMMUNES, TARGETS, fields_of
from .io import Options, Piece, Records, read
from .io.plain import KEYS, key_ids
from .problems import Problems
from .text import MET, STATUS_NAMES, BASICALLY_MET, clean_unit, name_key, vi_order
from .vocab_messages import Message, period_ref, row_ref

UNIT_LEVELS = ("district", "province")

STATUS_DTYPE = pd.CategoricalDtype(list(STATUS_NAMES.values()), ordered=True)


@lru_cache(maxsize=1 << 20)
def commune_key(name: str) -> str:
    """``text.name_key`` of a commune name, computed once per distinct name: a national history
    names each commune in every period (10,000 communes × 60 quarters), with few spellings."""
    return name_key(name)


@contextmanager
def paused_gc():
    """No cyclic garbage collection inside: for code that makes a great many small objects
    that live on (each collection pass would walk every object of a national history)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _read_only(array: np.ndarray) -> np.ndarray:
    """``array`` as it is when nothing can write to it through it (pandas' copy-on-write hands
    out read-only views of a table), else a read-only copy: a snapshot's status table or names
    are not copied again for every figure (a 100,000-commune period is 2 MB of codes)."""
    return array if not array.flags.writeable else _frozen(array.copy())


def _row_counts(matrix: np.ndarray) -> np.ndarray:
    """True cells in each row of a boolean matrix (int64): as ``count_nonzero(axis=1)``, column
    by column for a column-major matrix (a snapshot's), else as a product with a column of ones
    (a tenth of the time of ``count_nonzero`` on rows of 10–19 criteria)."""
    if matrix.ndim != 2 or not 0 < matrix.shape[1] < 256:
        return np.count_nonzero(matrix, axis=1).astype(np.int64, copy=False)
    if matrix.flags.f_contiguous:  # a snapshot's: column after column, each added whole
        cells = matrix.view(np.uint8)
        counts = cells[:, 0].copy()
        for j in range(1, matrix.shape[1]):
            np.add(counts, cells[:, j], out=counts)
        return counts.astype(np.int64)
    return (matrix.view(np.uint8) @ np.ones(matrix.shape[1], dtype=np.uint8)).astype(np.int64)


def _column_counts(matrix: np.ndarray) -> np.ndarray:
    """True cells in each column of a boolean matrix (int64): as ``count_nonzero(axis=0)``,
    column by column (a row-wise reduction over 19 columns is slower than 19 counts)."""
    if matrix.ndim != 2:
        return np.count_nonzero(matrix, axis=0).astype(np.int64, copy=False)
    return np.array([np.count_nonzero(matrix[:, j]) for j in range(matrix.shape[1])], dtype=np.int64)


def take_rows(array: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``array[rows]`` along the first axis (``np.take``: a quarter of the time of fancy
    indexing on rows of a few bytes). A column-major table (a snapshot's: each criterion's
    column whole) is taken column by column and stays column-major."""
    if array.ndim == 2 and array.flags.f_contiguous and not array.flags.c_contiguous:
        return np.take(array.T, rows, axis=1).T
    return np.take(array, rows, axis=0)


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

    # What the figures read again and again is computed once per status table and kept (the
    # status of a snapshot is not changed once assembled; assigning a new one starts afresh).
    # The arrays kept are read-only; the frames (``met``, ``met_count``) are shared: copy them
    # before changing them.

    def _cached(self, name, compute):
        cache = self.__dict__.get("_cache")
        if cache is None:
            cache = self.__dict__["_cache"] = {}
        if cache.get("status") is not self.status:
            cache.clear()
            cache["status"] = self.status
        try:
            return cache[name]
        except KeyError:
            value = cache[name] = compute()
            return value

    @property
    def communes(self) -> list[str]:
        return list(self.status.index)

    @property
    def names(self) -> np.ndarray:
        """Commune names as an array, in row order (positions index every per-commune array)."""
        return self._cached("names", lambda: _read_only(self.status.index.to_numpy(dtype=object)))

    @property
    def vi_order(self) -> np.ndarray:
        """Row positions in Vietnamese alphabetical order of the names (``text.vi_sort_key``):
        the order of every list of names a reader is shown ("chưa đạt: An Hậu, Lợi Lai, …").
        Through its assessment the names of every period are ranked once (names of one key by
        name number), else this period's (names of one key in row order)."""
        return self._vi_ranked[0]

    @property
    def _vi_ranked(self) -> tuple:
        """(``vi_order``, a function giving the names in that order): through its assessment
        (``_vi_order_of``: names ordered once, ``Numbering``), whose names are copies laid out
        in that order; else its own names ranked."""
        held = self.__dict__.get("_vi_orderer")
        orderer = held() if held is not None else None
        if orderer is not None:
            def ranked():
                order, names = orderer(self)
                return _frozen(order), names
        else:
            def ranked():
                names = self.names  # (not ``self``: no cycle through the cache)
                order = _frozen(vi_order(names.tolist()))
                return order, lambda: names[order]
        return self._cached("vi_ranked", ranked)

    @property
    def met_in_vi_order(self) -> np.ndarray:
        """The met array with its rows in Vietnamese order of the names (``vi_order``): the
        communes missing a criterion are then one mask away."""
        return self._cached("met_in_vi_order", lambda: _frozen(take_rows(self.met_array, self.vi_order)))

    @property
    def in_vi_order(self) -> tuple[np.ndarray, np.ndarray]:
        """The names and the met array with their rows in Vietnamese order of the names
        (``vi_order``). Through the assessment, the names are its copies laid out in memory in
        that order (``Numbering.in_vi_order``)."""
        def compute():
            return _frozen(self._vi_ranked[1]()), self.met_in_vi_order

        return self._cached("in_vi_order", compute)

    @property
    def keys(self) -> np.ndarray:
        """Each commune's name key (``text.name_key``), in row order."""
        return self._cached("keys", lambda: _frozen(np.array([commune_key(n) for n in self.names], dtype=object)))

    @property
    def key_index(self) -> pd.Index:
        """Row position of each name key: ``key_index.get_indexer(keys)`` aligns communes."""
        return self._cached("key_index", lambda: pd.Index(self.keys, dtype=object))

    @property
    def codes(self) -> np.ndarray:
        """The status codes as a communes × criteria array (row order, criteria order of the set)."""
        return self._cached("codes", lambda: _read_only(self.status.to_numpy()))

    @property
    def met_array(self) -> np.ndarray:
        """Boolean communes × criteria array (row order, criteria order of the set)."""
        return self._cached("met_array", lambda: _frozen(self.codes == MET))

    @property
    def count_array(self) -> np.ndarray:
        """Criteria met by each commune, in row order (int64)."""
        return self._cached("count_array", lambda: _frozen(_row_counts(self.met_array)))

    @property
    def met_by_criterion(self) -> np.ndarray:
        """Communes meeting each criterion, in criteria order (int64)."""
        return self._cached("met_by_criterion", lambda: _frozen(_column_counts(self.met_array)))

    @property
    def count_histogram(self) -> np.ndarray:
        """Communes meeting 0, 1, … all criteria of the set (int64, one more than the set's size)."""
        return self._cached("count_histogram", lambda: _frozen(
            np.bincount(self.count_array, minlength=self.criteria_set.size + 1).astype(np.int64, copy=False)))

    @property
    def met(self) -> pd.DataFrame:
        """Boolean communes × criteria: the criterion is met (basically met is not met)."""
        return self._cached("met", lambda: pd.DataFrame(self.met_array, index=self.status.index,
                                                        columns=self.status.columns))

    @property
    def basically_met(self) -> pd.DataFrame:
        return self.status == BASICALLY_MET

    @property
    def met_count(self) -> pd.Series:
        """Criteria met by each commune."""
        return self._cached("met_count", lambda: pd.Series(self.count_array, index=self.status.index,
                                                           name="criteria_met"))


class Numbering:
    """Every commune name an assessment holds, numbered once, with its name key numbered too.

    Per-commune arrays of any two periods then align by plain array indexing (``Assessment.align``)
    instead of a hash lookup of every name for every pair of periods. The names of all periods
    are numbered in one pass (``pandas.factorize``); numbers only grow, so arrays computed
    earlier stay valid.
    """

    def __init__(self):
        self.names = pd.Index([], dtype=object)  # name number → name
        self.keys: list[str] = []  # key number → name key
        self._key_ids: dict[str, int] = {}
        self._key_of_name = np.zeros(0, dtype=np.int64)
        # every name numbered so far has a key of its own, numbered as the name is (what
        # ``read_assessment`` gives): aligning by key is then aligning by name
        self.keys_are_names = True

    @classmethod
    def of_keys(cls, keys: list[str], names: dict[str, str]) -> "Numbering":
        """The numbering of name keys numbered in this order, each printed as ``names`` says
        (what ``read_assessment`` gathers while it assembles the snapshots)."""
        numbering = cls()
        numbering.names = pd.Index([names[k] for k in keys], dtype=object)
        numbering.keys = list(keys)
        numbering._key_ids = {k: i for i, k in enumerate(keys)}
        numbering._key_of_name = np.arange(len(keys), dtype=np.int64)
        return numbering

    @property
    def n_names(self) -> int:
        return len(self.names)

    def name_ids(self, *arrays: np.ndarray) -> list[np.ndarray]:
        """The number of each name of each array (names not seen before are numbered)."""
        joined = np.concatenate(arrays) if arrays else np.zeros(0, dtype=object)
        ids = self.names.get_indexer(joined) if len(self.names) else np.full(len(joined), -1, dtype=np.int64)
        new = ids < 0
        if new.any():
            codes, uniques = pd.factorize(joined[new])
            start = len(self.names)
            ids[new] = codes + start
            uniques = np.asarray(uniques, dtype=object)
            self.names = self.names.append(pd.Index(uniques, dtype=object))
            key_ids = [self._key_ids.setdefault(k, len(self._key_ids)) for k in map(commune_key, uniques)]
            self.keys_are_names = self.keys_are_names and key_ids == list(range(start, start + len(key_ids)))
            self.keys.extend(list(self._key_ids)[len(self.keys):])
            self._key_of_name = np.concatenate([self._key_of_name, np.array(key_ids, dtype=np.int64)])
        return np.split(ids.astype(np.int64), np.cumsum([len(a) for a in arrays])[:-1])

    def key_ids(self, name_ids: np.ndarray) -> np.ndarray:
        """The key number of each name number."""
        return self._key_of_name[name_ids]

    def in_vi_order(self, ids: np.ndarray):
        """(the positions of ``ids`` (name numbers, one a row) in Vietnamese alphabetical order
        of their names (names of one key by name number), a function giving those names in that
        order): every name numbered put in order once (again when names were numbered since),
        then each period's rows picked out of that order, no sort.

        The names given are copies of the numbered names, made in that order, so that they lie
        in memory in it: a national history's lists of communes (``figures.MissingNames``, tens
        of millions of references, each touching its name) then walk memory forwards rather
        than jumping among 100,000 names scattered in reading order, which no cache holds
        (half the time of those lists at 100,000 communes)."""
        ordered, laid_out = self._ranked()
        at = np.full(len(self.names), -1, dtype=np.int64)
        at[ids] = np.arange(len(ids))
        order = at[ordered]
        present = order >= 0
        return order[present], lambda: laid_out[present]

    def _ranked(self) -> tuple[np.ndarray, np.ndarray]:
        """(every name number in Vietnamese order of the names, copies of those names made in
        that order), kept until more names are numbered."""
        held = self.__dict__.get("_vi_numbers")
        if held is None or len(held[0]) != len(self.names):
            ordered = vi_order(self.names.tolist())
            # a new string object per name ("str(name)" would give the same object back), in order
            copies = np.array([(name + "\0")[:-1] for name in self.names[ordered]], dtype=object)
            held = self.__dict__["_vi_numbers"] = (_frozen(ordered), _frozen(copies))
        return held


@dataclass
class Assessment:
    """Every snapshot read, by period (sorted), and the commune register."""

    snapshots: dict[str, Snapshot]
    communes: pd.DataFrame  # index commune; attribute columns (may be empty)
    problems: Problems = field(default_factory=Problems)
    targets: pd.DataFrame = field(default_factory=lambda: _empty(TARGETS))
    boundaries: pd.DataFrame = field(default_factory=lambda: _empty(BOUNDARIES))

    def __post_init__(self):
        import weakref

        # each snapshot puts its names in Vietnamese order through this numbering; held weakly,
        # so that an assessment let go of is freed at once, not when the collector finds the cycle
        for snapshot in self.snapshots.values():
            snapshot.__dict__["_vi_orderer"] = weakref.WeakMethod(self._vi_order_of)

    def _vi_order_of(self, snapshot: Snapshot):
        """``snapshot``'s row positions in Vietnamese alphabetical order of the names, and a
        function giving its names in that order (``Numbering.in_vi_order``: the assessment's
        names put in order once)."""
        return self.numbering.in_vi_order(self.name_ids(snapshot))

    @property
    def periods(self) -> list[str]:
        return list(self.snapshots)

    # Alignment of communes across periods and with the register, computed once per snapshot.

    @property
    def numbering(self) -> Numbering:
        numbering = self.__dict__.get("_numbering")
        if numbering is None:  # (not ``setdefault``: that would build one on every call)
            numbering = self.__dict__["_numbering"] = Numbering()
        return numbering

    @staticmethod
    def _kept(snapshot: Snapshot, name: str) -> list:
        """[owner, value] kept on ``snapshot`` under ``name`` (reset when its status changes)."""
        return snapshot._cached(name, lambda: [None, None])

    def _kept_while(self, name: str, owners: tuple, values: tuple, compute):
        """``compute()`` kept on the assessment for as long as each of ``owners`` is the same
        object (held here, so that no other object takes its place) and ``values`` are equal."""
        kept = self.__dict__.setdefault("_held_while", {})
        held = kept.get(name)
        if held is None or len(held[0]) != len(owners) or any(a is not b for a, b in zip(held[0], owners)) \
                or held[1] != values:
            held = kept[name] = (owners, values, compute())
        return held[2]

    def _per_snapshot(self, snapshot: Snapshot, name: str, owner, compute):
        """``compute()`` kept on the snapshot for as long as ``owner`` is the same object."""
        kept = self._kept(snapshot, name)
        if kept[0] is not owner:
            kept[:] = [owner, compute()]
        return kept[1]

    def name_ids(self, snapshot: Snapshot) -> np.ndarray:
        """The number (``numbering``) of each commune's name, in row order; the first call
        numbers the names of every period at once."""
        numbering = self.__dict__.get("_numbering")
        cache = snapshot.__dict__.get("_cache")
        if numbering is not None and cache is not None and cache.get("status") is snapshot.status:
            kept = cache.get("name_ids")  # (the usual case, without the layers below)
            if kept is not None and kept[0] is numbering:
                return kept[1]
        numbering = self.numbering
        if self._kept(snapshot, "name_ids")[0] is not numbering:
            waiting = [snapshot, *(s for s in self.snapshots.values()
                                   if s is not snapshot and self._kept(s, "name_ids")[0] is not numbering)]
            for snap, ids in zip(waiting, numbering.name_ids(*(s.names for s in waiting))):
                self._kept(snap, "name_ids")[:] = [numbering, ids]
        return self._kept(snapshot, "name_ids")[1]

    def key_ids(self, snapshot: Snapshot) -> np.ndarray:
        """The number of each commune's name key, in row order."""
        ids = self.name_ids(snapshot)
        numbering = self.numbering
        return ids if numbering.keys_are_names else numbering.key_ids(ids)

    def align(self, before: Snapshot, after: Snapshot, by: str = "key") -> tuple[np.ndarray, np.ndarray]:
        """Rows of the communes present in both snapshots, in ``before``'s order: same name key
        (``by="key"``) or same printed name (``by="name"``). Kept on ``after`` (read-only):
        the comparison and the checks of a pair of periods align it alike."""
        ids = self.key_ids if by == "key" else self.name_ids
        was, now = ids(before), ids(after)
        kept = after._cached("aligned", dict)
        held = kept.get(id(before))
        if held is not None and held[0] is was and held[1] is now:
            return held[2]
        where = np.full(max(self.numbering.n_names, 1), -1, dtype=np.int64)
        where[now] = np.arange(len(now))
        found = where[was]
        before_at = np.flatnonzero(found >= 0)
        aligned = (_frozen(before_at), _frozen(found[before_at]))
        kept[id(before)] = (was, now, aligned)
        return aligned

    def gained_lost(self, before: Snapshot, after: Snapshot, by: str = "key") -> tuple[np.ndarray, np.ndarray]:
        """The criteria each commune present in both snapshots (the rows of ``align``) gained
        and lost, as boolean communes × criteria arrays (read-only), for snapshots of the same
        criteria. Kept on ``after`` beside the alignment: the comparison and the flags ask."""
        before_at, after_at = self.align(before, after, by)
        kept = after._cached("gained_lost", dict)
        held = kept.get(id(before))
        if held is not None and held[0] is before_at and held[1] is before.met_array:
            return held[2]
        was, now = take_rows(before.met_array, before_at), take_rows(after.met_array, after_at)
        changed = (_frozen(np.greater(now, was)), _frozen(np.greater(was, now)))  # now & ~was, was & ~now
        kept[id(before)] = (before_at, before.met_array, changed)
        return changed

    def register_values(self, snapshot: Snapshot, column: str) -> np.ndarray:
        """A numeric register column for each commune of ``snapshot`` (NaN where not given)."""
        values = self.register_by_number(column)
        ids = self.name_ids(snapshot)
        if len(values) < self.numbering.n_names:  # names numbered since: align again
            values = self.register_by_number(column, again=True)
        return values[ids]

    def register_by_number(self, column: str, again: bool = False) -> np.ndarray:
        """A numeric register column (NaN where not given) by name number (``name_ids``),
        aligned once per register and numbering; ``again``: aligned anew (names numbered since).
        For figures over every commune of every period (recognition, flags) at once."""
        register, numbering = self.communes, self.numbering
        kept = self.__dict__.setdefault("_register_aligned", {})
        held = kept.get(column)
        if again or held is None or held[0] is not register or held[1] is not numbering:
            names = numbering.names
            rows = register.index.get_indexer(names) if len(register) else np.full(len(names), -1)
            values = pd.to_numeric(register[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            aligned = np.full(len(names), np.nan)
            aligned[rows >= 0] = values[rows[rows >= 0]]
            held = kept[column] = (register, numbering, aligned)
        return held[2]

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
    by_period = _told_apart_throughout(by_period)
    keys = _Keys(names)  # name key → number, as the snapshots are assembled
    numbers = keys.numbers
    register_units = _register_units(communes)
    registered = set(names)
    snapshots = {p: _snapshot(p, by_period[p], names, problems, register_units, keys) for p in sorted(by_period)}
    if registers:  # each commune assessed but not in the register, said at its first row
        outside = np.array([k not in registered for k in numbers], dtype=bool)
        said = np.zeros(len(outside), dtype=bool)
        renamed: dict[str, str] = {}  # the register's "Phú Thịnh (An Hồng)" → the data's "Phú Thịnh"
        for snap in snapshots.values():
            ids = snap.__dict__["_numbers"] if snap is not None else np.zeros(0, np.int64)
            for at in np.flatnonzero(outside[ids] & ~said[ids]):
                said[ids[at]] = True
                told = _told_in_register(snap, int(at), names, communes)
                if told is not None:  # the register tells it apart by the unit the data gives it
                    renamed[told] = snap.names[at]
                    continue
                problems.warning(snap.origin["file"].iat[at], int(snap.origin["row"].iat[at]), "commune",
                                 "not_in_register", snap.names[at])
        if renamed:
            communes = communes.rename(index=renamed)
    if not marks and not problems.errors:
        add = problems.error if missing_period == "error" else problems.warning
        kinds = [Message(f"table_{kind}") for kind in sorted({p.kind for p in pieces})]
        if kinds:
            add(", ".join(map(str, paths)), None, None, "no_assessment_table", kinds=kinds)
        else:
            add(", ".join(map(str, paths)), None, None, "no_table_read")
    assessed = numbers  # every name key of the snapshots
    for row in tables[TARGETS].itertuples(index=False):
        if isinstance(row.commune, str) and row.commune and commune_key(row.commune) not in assessed:
            problems.warning(row.file, int(row.row), "commune", "target_unassessed", row.commune)
    assessment = Assessment({p: s for p, s in snapshots.items() if s is not None}, communes, problems,
                            tables[TARGETS], tables[BOUNDARIES])
    numbering = assessment.__dict__["_numbering"] = Numbering.of_keys(list(numbers), names)
    for snap in assessment.snapshots.values():  # numbered while the names were keyed
        assessment._kept(snap, "name_ids")[:] = [numbering, snap.__dict__.pop("_numbers")]
    return assessment


def _empty(kind: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[f.name for f in fields_of(kind)] + ["file", "row"])


def _concat(records: list[Records], kind: str) -> pd.DataFrame:
    """Rows of every file of one kind, each with the file and row it came from."""
    frames = [r.frame.assign(file=r.source, row=r.rows) for r in records]
    frame = pd.concat([_empty(kind), *frames], ignore_index=True) if frames else _empty(kind)
    return frame


def _register(registers: list[Records], problems: Problems) -> tuple[pd.DataFrame, dict[str, str]]:
    """The commune register of all register files, and each name key's printed name.

    A commune is one row, under the name its key was first printed with: a second row of one
    key (another file's, said as an error, or a second spelling in one file, said by the reader)
    is left out, so that the register has one row per commune."""
    names: dict[str, str] = {}
    first_source: dict[str, str] = {}
    frames, keys = [], []
    for register in registers:
        if "commune" not in register.frame.columns:
            continue
        named = register.frame["commune"].notna().to_numpy()
        frame = register.frame[named]
        communes = frame["commune"].to_numpy(dtype=object)
        found = [commune_key(name) for name in communes]
        source = register.source
        for key, name, row in zip(found, communes, register.rows[named]):
            if first_source.setdefault(key, source) != source:
                problems.error(source, int(row), "commune", "register_twice", name, other_file=first_source[key])
            names.setdefault(key, name)
        frames.append(frame)
        keys += found
    if not frames:
        return pd.DataFrame(index=pd.Index([], name="commune", dtype=object)), names
    first = ~pd.Index(keys, dtype=object).duplicated()
    frame = pd.concat(frames, ignore_index=True)[first]
    printed = pd.Series([names[key] for key in np.asarray(keys, dtype=object)[first]], dtype=object, index=frame.index)
    return frame.assign(commune=printed).set_index("commune"), names


class _Keys:
    """The name keys of an assessment numbered in order of appearance (``numbers``), each with
    its printed name (the register's spelling, else the first met), looked up by the readers'
    key numbers (``io.plain.key_ids``) as arrays."""

    def __init__(self, names: dict[str, str]):
        self.names = names
        self.numbers: dict[str, int] = {}
        self.printed: list[str] = []
        self._local = np.zeros(0, dtype=np.int64)  # reader's key number → number here, or -1
        self._printed = np.zeros(0, dtype=object)  # ``printed`` as an array, grown as it grows
        self._filled = 0  # entries of ``_printed`` set
        self._last: dict = {}  # the last snapshot's numbers, names index and units (``index``, ``units``)

    def printed_array(self) -> np.ndarray:
        """``printed`` as an object array (the names of numbers ``ids``: ``printed_array()[ids]``)."""
        if self._filled < len(self.printed):  # grown by doubling: a national history adds names every quarter
            if len(self._printed) < len(self.printed):
                grown = np.empty(max(2 * len(self._printed), len(self.printed), 1024), dtype=object)
                grown[:self._filled] = self._printed[:self._filled]
                self._printed = grown
            self._printed[self._filled:len(self.printed)] = self.printed[self._filled:]
            self._filled = len(self.printed)
        return self._printed[:self._filled]

    def index(self, ids: np.ndarray) -> pd.Index:
        """The printed names of numbers ``ids`` as an object index: the last snapshot's when it
        named the same communes in the same order (a national history's quarters), one index
        and its hash table shared, not built again each quarter (an index is never changed)."""
        last = self._last.get("ids")
        if last is not None and np.array_equal(last, ids):
            return self._last["index"]
        # an object index: looked up again and again (every comparison, check and register
        # join), and an object index keeps its hash table where an Arrow-backed one converts each time
        index = pd.Index(self.printed_array()[ids], name="commune", dtype=object, copy=False)
        self._last.clear()
        self._last.update(ids=ids, index=index)
        return index

    def units(self, units_of, index: pd.Index, register, fill) -> pd.DataFrame:
        """``fill()``, the units of a snapshot whose one piece's units are ``units_of`` (a table),
        named by ``index``, completed from ``register``: the last snapshot's when all three are
        the last's (a history's quarters give one table of units for the same communes: the
        reader's ``Names.rows``); a snapshot's units are never changed in place."""
        given = (units_of, index, register)
        last = self._last.get("units_given")
        if units_of is not None and last is not None and all(a is b for a, b in zip(last, given)):
            return self._last["units"]
        found = fill()
        if units_of is not None:
            self._last.update(units_given=given, units=found)
        return found

    def number(self, key_numbers: np.ndarray, given: list[str]) -> np.ndarray:
        """The number of each key (``given``: the names as read, the first printing a new key)."""
        if len(self._local) < len(KEYS):
            self._local = np.concatenate([self._local, np.full(len(KEYS) - len(self._local), -1, np.int64)])
        ids = self._local[key_numbers]
        new = np.flatnonzero(ids < 0)
        if len(new):
            distinct, first = np.unique(key_numbers[new], return_index=True)
            order = np.argsort(first)  # in order of appearance
            fresh, rows = distinct[order].tolist(), new[first[order]].tolist()
            keys = KEYS.texts(fresh)  # distinct texts: the readers number each key once
            start = len(self.numbers)
            if start == len(self.printed) and self.numbers.keys().isdisjoint(keys):  # every key new here
                self.numbers.update(zip(keys, range(start, start + len(keys))))
                self._local[fresh] = np.arange(start, start + len(keys))
                setdefault = self.names.setdefault
                self.printed += [setdefault(key, given[i]) for key, i in zip(keys, rows)]
            else:
                self._number_one_by_one(fresh, rows, given)
            ids = self._local[key_numbers]
        return ids

    def _number_one_by_one(self, fresh: list[int], rows: list[int], given: list[str]) -> None:
        for k, i in zip(fresh, rows):
            key = KEYS.text(k)
            self._local[k] = self.numbers.setdefault(key, len(self.numbers))
            if self._local[k] == len(self.printed):
                self.printed.append(self.names.setdefault(key, given[i]))


def _snapshot(period: str, pieces: list[Piece], names: dict[str, str], problems: Problems,
              register_units: dict[str, pd.Series] | None = None, keys: "_Keys | None" = None) -> Snapshot | None:
    """One period's pieces joined; two files naming one commune, or two sets, are errors.

    Each name key is numbered (``numbers``) and printed (``printed``: the register's spelling,
    else the first met) once for the whole assessment; the rows of a period are then joined by
    those numbers, without a Python step per commune."""
    sets = {p.criteria_set.name: p.criteria_set for p in pieces if p.criteria_set}
    if len(sets) != 1:
        where = [Message("source_set", source=p.source, set=p.criteria_set.name if p.criteria_set else "?")
                 for p in pieces]
        problems.error(pieces[0].source, None, "criteria_set", "two_sets", period=period_ref(period),
                       where=where)
        return None
    criteria_set = next(iter(sets.values()))
    keys = keys or _Keys(names)
    key_numbers = [p.keys if p.keys is not None else key_ids(commune_key(n) for n in p.names) for p in pieces]
    if len(pieces) > 1:
        pieces, key_numbers = _told_apart_across_files(pieces, key_numbers)
    flat = np.concatenate(key_numbers) if key_numbers else np.zeros(0, np.int64)
    ids = keys.number(flat, [n for p in pieces for n in p.names] if len(pieces) > 1 else pieces[0].names)
    twice = len(ids) and np.bincount(ids).max() > 1
    if twice:
        _say_twice(period, pieces, key_numbers, problems)
    one = pieces[0] if len(pieces) == 1 else None  # the common case: one file per period
    rows = one.rows.astype(np.int64, copy=False) if one else np.concatenate([p.rows for p in pieces]).astype(np.int64)
    files = _files_of(pieces)
    index = keys.index(ids)  # names as an object index (shared with the quarter before when alike)
    # column-major (each criterion's column whole: what the figures count and mask by; a wide
    # file's piece is so already, uncopied)
    codes = np.asfortranarray(one.status if one else np.vstack([p.status for p in pieces]))
    status = pd.DataFrame(codes, index=index,
                          columns=pd.Index(criteria_set.numbers, name="criterion"), copy=False)
    origin = pd.DataFrame({"file": files, "row": rows}, index=index, copy=False)
    measures = (one.measures if one else pd.concat([p.measures for p in pieces], ignore_index=True)).set_axis(index)
    if twice:  # names printed alike: a commune assessed twice (said), its first row kept
        keep = ~index.duplicated()
        status, origin, measures, index, ids = status[keep], origin[keep], measures[keep], index[keep], ids[keep]
        units = {level: values[keep] for level, values in _pieces_units(pieces).items()}
        units = _fill_units(units, index, register_units)
    else:  # the units of the pieces, column by column (a printed name's index is the snapshot's)
        units = keys.units(one.units if one else None, index, register_units,
                           lambda: _fill_units(_pieces_units(pieces), index, register_units))
    snapshot = Snapshot(period, criteria_set, status, origin, measures, units)
    snapshot.__dict__["_numbers"] = ids  # numbered while the names were keyed: see Assessment.name_ids
    return snapshot


def _files_of(pieces: list[Piece]) -> pd.Categorical:
    """The file each row was read from, as a category per file: not the file's path written
    out once per row (8 MB a quarter at 100,000 communes, a third of the time of joining a
    national quarter)."""
    sources = [p.source for p in pieces]
    distinct = list(dict.fromkeys(sources))
    codes = np.repeat(np.array([distinct.index(s) for s in sources], dtype=np.int32), [len(p.names) for p in pieces])
    return pd.Categorical.from_codes(codes, categories=pd.Index(distinct, dtype="str"))


def _told_apart_throughout(by_period: dict[str, list[Piece]]) -> dict[str, list[Piece]]:
    """A commune one quarter tells apart by its unit ("Thành Khai (An Lãng)", because another
    Thành Khai is in Long Tú that quarter) keeps that name in every quarter that names it plainly
    under the same unit: its identity must not depend on the other districts' names (else a
    comparison sees it leave and come back, and loses its gains and losses). Works on key
    numbers through lookup tables: each told-apart name is looked at once, and only the plain
    names sharing a told-apart name's base are looked at, at all."""
    pieces = [(p, piece) for p, group in by_period.items() for piece in group]
    keyed = [piece.keys if piece.keys is not None else key_ids(commune_key(n) for n in piece.names)
             for _, piece in pieces]
    present = np.zeros(len(KEYS), dtype=bool)
    for kn in keyed:
        present[kn] = True
    is_told = np.zeros(len(KEYS), dtype=bool)
    met = np.flatnonzero(present).tolist()
    is_told[[k for k, key in zip(met, KEYS.texts(met)) if ")" in key]] = True
    if not is_told.any():  # the common case: no name told apart anywhere
        return by_period
    found: list[tuple[str, str]] = []  # (plain name, unit) of each told-apart name, once
    told_names: list[str] = []
    seen = np.zeros(len(KEYS), dtype=bool)
    for (_, piece), kn in zip(pieces, keyed):
        rows = np.flatnonzero(is_told[kn])
        rows = rows[~seen[kn[rows]]]
        if not len(rows):
            continue
        _, first = np.unique(kn[rows], return_index=True)
        seen[kn[rows]] = True
        units = _unit_arrays(piece)
        for j in rows[first].tolist():  # each told-apart name once, at its first row
            name = piece.names[j]
            for values in units.values():
                unit = values[j]
                if isinstance(unit, str) and unit and name.endswith(f" ({unit})"):
                    found.append((name[:-len(unit) - 3], unit))
                    told_names.append(name)
                    break
    if not found:
        return by_period
    base_keys = key_ids(commune_key(plain) for plain, _ in found).tolist()
    told = {(k, unit): name for k, (_, unit), name in zip(base_keys, found, told_names)}
    is_base = np.zeros(len(KEYS), dtype=bool)
    is_base[base_keys] = True
    out: dict[str, list[Piece]] = {p: [] for p in by_period}
    for (period, piece), kn in zip(pieces, keyed):
        renamed = {}
        candidates = np.flatnonzero(is_base[kn]).tolist()  # plain names with a told-apart twin
        units = _unit_arrays(piece) if candidates else {}
        for j in candidates:
            for values in units.values():
                name = told.get((int(kn[j]), values[j]))
                if name is not None:
                    renamed[j] = name
                    break
        out[period].append(_renamed(piece, kn, renamed)[0] if renamed else piece)
    return out


def _renamed(piece: Piece, keys: np.ndarray, renamed: dict[int, str]) -> tuple[Piece, np.ndarray]:
    """``piece`` with the names of rows ``renamed`` (row → new name), its units' index and its
    name keys following; the keys as a new array."""
    names = [renamed.get(j, n) for j, n in enumerate(piece.names)]
    keys = keys.copy()
    keys[list(renamed)] = key_ids(commune_key(n) for n in renamed.values())
    piece = replace(piece, names=names, keys=keys,
                    units=piece.units.set_axis(pd.Index(names, name=piece.units.index.name)))
    return piece, keys


def _unit_arrays(piece: Piece) -> dict[str, np.ndarray]:
    """The piece's unit columns as arrays (district first), for looking rows up one by one."""
    return {level: piece.units[level].to_numpy(dtype=object) for level in UNIT_LEVELS if level in piece.units.columns}


def _told_in_register(snap: Snapshot, at: int, names: dict[str, str], communes: pd.DataFrame) -> str | None:
    """The register's name for the commune at row ``at`` when the register and the data tell
    communes of one name apart differently: the register by unit ("Phú Thịnh (An Hồng)", a
    national register) where the data, holding one of them, names it plainly under that unit; or
    the data by unit ("Thành Khai (An Lãng)") where the register holds one plain "Thành Khai" of
    that unit. None otherwise."""
    name = snap.names[at]
    for level in UNIT_LEVELS:
        if level in snap.units.columns:
            unit = snap.units[level].iat[at]
            if isinstance(unit, str) and unit:
                found = names.get(commune_key(f"{name} ({unit})"))
                if found is not None:
                    return found
                # the data tells it apart ("Thành Khai (An Lãng)"), the register holds one, there
                plain = names.get(commune_key(name[:-len(unit) - 3])) if name.endswith(f" ({unit})") else None
                if plain is not None and level in communes.columns and communes[level].get(plain) == unit:
                    return plain
    return None


def _told_apart_across_files(pieces: list[Piece], key_numbers: list[np.ndarray]):
    """Communes of one name in two files of a period whose units differ (two provinces' forms
    each holding a "Phú Thịnh", each under its own district or province) are two communes, told
    apart as a single file tells them ("Phú Thịnh (Lâm Nguyên)"), and a name a file has told
    apart already counts with the others of that name; the same name under the same unit, or
    with a unit unknown, stays one commune assessed twice (an error)."""
    bases = [_base_keys(piece, part) for piece, part in zip(pieces, key_numbers)]
    flat = np.concatenate(bases)
    if not len(flat) or np.bincount(flat).max() <= 1:
        return pieces, key_numbers
    shared = np.flatnonzero(np.bincount(flat) > 1)
    places: dict[int, list[tuple[int, int]]] = {}
    for i, part in enumerate(bases):
        for j in np.flatnonzero(np.isin(part, shared)):
            places.setdefault(int(part[j]), []).append((i, int(j)))
    renamed: dict[tuple[int, int], str] = {}
    for at in places.values():
        if len({i for i, _ in at}) < 2:
            continue  # within one file: its reader has told them apart or said so
        for level in UNIT_LEVELS:  # told apart by district, else by province
            units = [_unit_at(pieces[i], j, level) for i, j in at]
            if all(units) and len(set(units)) == len(at):
                renamed.update({(i, j): f"{pieces[i].names[j]} ({u})" for (i, j), u in zip(at, units)
                                if key_numbers[i][j] == bases[i][j]})  # not told apart yet
                break
    if not renamed:
        return pieces, key_numbers
    out_pieces, out_keys = [], []
    for i, (piece, part) in enumerate(zip(pieces, key_numbers)):
        mine = {j: name for (k, j), name in renamed.items() if k == i}
        if not mine:
            out_pieces.append(piece)
            out_keys.append(part)
            continue
        piece, part = _renamed(piece, part, mine)
        out_pieces.append(replace(piece, keys=None))
        out_keys.append(part)
    return out_pieces, out_keys


def _base_keys(piece: Piece, part: np.ndarray) -> np.ndarray:
    """The key of each row's name without the district a reader added to tell it apart
    ("Tân Lập (Sơn Dương)" → "Tân Lập"); the row's own key elsewhere."""
    names = pd.Series(piece.names, dtype=object)
    told = np.flatnonzero(names.str.endswith(")").to_numpy(dtype=bool))
    if not len(told):
        return part
    out = part.copy()
    for j in told:
        for level in UNIT_LEVELS:
            unit = _unit_at(piece, int(j), level)
            if unit and piece.names[j].endswith(f" ({unit})"):
                out[j] = key_ids([commune_key(piece.names[j][:-len(unit) - 3])])[0]
                break
    return out


def _unit_at(piece: Piece, row: int, level: str) -> str | None:
    if level not in piece.units.columns:
        return None
    value = piece.units[level].iloc[row]
    return value if isinstance(value, str) and value else None


def _say_twice(period: str, pieces: list[Piece], keys: list, problems: Problems) -> None:
    """A commune assessed in two files of one period: an error at each later row."""
    seen: dict[str, tuple[str, int]] = {}
    for piece, part in zip(pieces, keys):
        for name, key, row in zip(piece.names, part.tolist(), piece.rows):
            if key in seen and seen[key][0] != piece.source:
                problems.error(piece.source, int(row), "commune", "assessed_twice", name,
                               period=period_ref(period), other_file=seen[key][0], other=row_ref(seen[key][1]))
            seen.setdefault(key, (piece.source, int(row)))


def _register_units(register: pd.DataFrame | None) -> dict[str, pd.Series]:
    """The register's district and province of each commune, as printed; computed once per
    distinct unit (a register repeats a few hundred districts over thousands of communes)."""
    out = {}
    if register is not None and len(register):
        for level in UNIT_LEVELS:
            if level in register.columns:
                codes, units = pd.factorize(register[level].to_numpy(dtype=object))
                printed = [clean_unit(v) if isinstance(v, str) and v else None for v in units]
                out[level] = pd.Series(np.array(printed + [None], dtype=object)[codes], index=register.index)
    return out


def _pieces_units(pieces: list[Piece]) -> dict[str, np.ndarray]:
    """The units of the pieces' rows, an array of objects per level; one piece holding every
    level (a file of the plain path, the common case): its own table's columns, not copied."""
    if len(pieces) == 1 and list(pieces[0].units.columns) == list(UNIT_LEVELS):
        table = pieces[0].units.to_numpy(dtype=object)
        return {level: table[:, j] for j, level in enumerate(UNIT_LEVELS)}
    return {level: np.concatenate([_units_of(p, level) for p in pieces]) if pieces else np.zeros(0, object)
            for level in UNIT_LEVELS}


def _units_of(piece: Piece, level: str) -> np.ndarray:
    """A piece's ``level`` of each commune, as objects (None where the file does not tell)."""
    if level in piece.units.columns:
        return piece.units[level].to_numpy(dtype=object)
    return np.full(len(piece.names), None, dtype=object)


def _missing(values: np.ndarray) -> np.ndarray:
    """``pd.isna`` of an object array, at once where every value is a text (a file naming every
    commune's district: ``infer_dtype`` stops at the first value that is not)."""
    if len(values) and pd.api.types.infer_dtype(values, skipna=False) == "string":
        return np.zeros(len(values), dtype=bool)
    return pd.isna(values)


def _fill_units(units: dict[str, np.ndarray], index: pd.Index,
                register_units: dict[str, pd.Series] | None) -> pd.DataFrame:
    """Units the assessment does not tell (``units``: an array per level, rows of ``index``),
    taken from the commune register; None where unknown."""
    table = np.empty((len(index), len(units)), dtype=object)  # one block of objects, as pandas keeps it
    for j, (level, values) in enumerate(units.items()):
        table[:, j] = values
        missing = _missing(table[:, j])
        if missing.any():
            known = (register_units or {}).get(level)
            if known is not None:
                table[missing, j] = known.reindex(index[missing]).to_numpy(dtype=object)
                missing = pd.isna(table[:, j])
            table[missing, j] = None
    return pd.DataFrame(table, index=index, columns=pd.Index(list(units)), dtype=object, copy=False)
