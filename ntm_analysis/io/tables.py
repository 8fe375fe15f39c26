"""What a located table says: assessment marks (wide or long form), or records (a commune
register, targets, boundary changes).

Each cell is read once per distinct value (long files repeat a few words), and each problem is
said with the file, the row, the column and the value, all of them before anything stops.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

import re

from ..criteria import CriteriaSet, find_set, period_problem, set_for_period
from ..fields import ASSESSMENT, COMMUNES, TARGETS, field_for, field_named, fields_of, parse_value
from ..periods import parse_period, period_from_title
from ..problems import Problems
from ..vocab_messages import Message, column_ref, period_ref, reason, row_ref
from ..text import (MET, NOT_MET, clean_name, clean_unit, has_bare_prefix, is_town,
                    name_key, nfc, parse_status, strip_bare_prefix)
from .layout import Table, Total, criterion_number, records_kind
from .sources import cell_text, map_unique

BLANK, UNKNOWN = -1, -2
MEASURES = ("villages_meeting", "model_areas", "advanced")


@dataclass
class Piece:
    """One sheet's marks for one period: communes × criteria of the set, as status codes."""

    source: str
    period: str | None
    criteria_set: CriteriaSet | None
    criteria: tuple[int, ...]
    names: list[str]  # (the plain path's: an array of objects, indexed and iterated alike)
    rows: np.ndarray
    status: np.ndarray  # int8 codes (NOT_MET, BASICALLY_MET, MET), shape (communes, criteria)
    measures: pd.DataFrame = field(default_factory=pd.DataFrame)
    # district and province of each commune (index: ``names``), NFC without "Huyện "/"Tỉnh ";
    # missing (None) where the file does not tell
    units: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["district", "province"]))
    keys: np.ndarray | None = None  # numbers of the name keys of ``names`` (io.plain.key_ids), if known


@dataclass
class Records:
    """Rows of a table other than marks: the commune register, targets or boundary changes."""

    kind: str  # COMMUNES, TARGETS or BOUNDARIES
    source: str
    frame: pd.DataFrame  # a column per field present, typed; commune names cleaned
    rows: np.ndarray


@dataclass
class Options:
    """What the caller says of files that do not say it themselves."""

    period: str | None = None
    criteria_set: CriteriaSet | None = None
    encoding: str | None = None  # forced text encoding (``sources.ENCODINGS``); None detects it
    hidden_sheets: bool = False  # read hidden sheets too (skipped with a warning otherwise)


def interpret(table: Table, options: Options, problems: Problems) -> list[Piece | Records]:
    """The pieces a table holds; problems found are added to ``problems``."""
    source = table.sheet.source
    kind = records_kind(table.labels)
    marks = any(criterion_number(label) is not None for label in table.labels if label)
    if kind is not None and not marks:
        return [_records(table, kind, problems)]
    roles = _roles(table, problems)
    if not roles["criteria"] and "criterion" not in roles:
        problems.error(source, table.header_row or None, None, "no_criterion_columns")
        return []
    if "commune" not in roles:
        problems.error(source, table.header_row or None, None, "no_commune_column")
        return []
    if roles["criteria"]:
        return _wide(table, roles, options, problems)
    if "status" not in roles:
        problems.error(source, table.header_row or None, None, "long_no_status")
        return []
    return _long(table, roles, options, problems)


def _roles(table: Table, problems: Problems) -> dict:
    """Which column holds what: criterion numbers → column, field name → column."""
    roles: dict = {"criteria": {}}
    source, row = table.sheet.source, table.header_row or None
    for i, label in enumerate(table.labels):
        if not label:
            if len(table.body) and (table.body[table.body.columns[i]].astype(str) != "").any():
                problems.warning(source, row, column_ref(i + 1), "column_no_header")
            continue
        number = criterion_number(label)
        known = field_for(label, ASSESSMENT)
        if number is not None and not (known and known.name == "row_number"):
            if number in roles["criteria"]:
                problems.error(source, row, label, "criterion_two_columns", n=number)
            roles["criteria"][number] = i
        elif known is not None:
            if known.name in roles:
                problems.error(source, row, label, "field_two_columns", field=field_label(known))
            roles[known.name] = i
        elif field_for(label, COMMUNES) is None:
            problems.warning(source, row, label, "column_ignored")
    return roles


def _column(table: Table, index: int) -> pd.Series:
    return table.body[table.body.columns[index]]


def _text_column(table: Table, index: int) -> pd.Series:
    return map_unique(_column(table, index), cell_text)


def _period_hint(table: Table, options: Options, problems: Problems) -> str | None:
    """The period a sheet states by its sheet name, title rows or file name; else the option."""
    sheet = table.sheet
    said = {}
    for name in sheet.names:
        if parse_period(name):
            said[Message("said_by_name", name=name)] = parse_period(name)
    title_period = period_from_title(table.title) or parse_period(table.title)
    if title_period:
        said[Message("said_by_title")] = title_period
    if len(set(said.values())) > 1:
        detail = [Message("period_said", where=where, period=period_ref(period)) for where, period in said.items()]
        problems.error(sheet.source, None, None, "conflicting_periods", detail=detail)
    return next(iter(said.values()), None) or options.period


def _periods(table, roles, options, problems) -> pd.Series:
    """The period of every body row (None where it cannot be told)."""
    hint = _period_hint(table, options, problems)
    if "period" not in roles:
        return pd.Series([hint] * len(table.body), dtype=object)
    label = table.labels[roles["period"]]
    texts = _text_column(table, roles["period"])
    periods = map_unique(texts, lambda t: parse_period(t) if t else None)
    for i in np.flatnonzero(periods.isna().to_numpy() & (texts != "").to_numpy()):
        problems.error(table.sheet.source, int(table.rows[i]), label, "not_a_period", texts.iloc[i])
    return periods.where(periods.notna() | (texts != ""), hint)


def _by_period(table, roles, options, keep, problems):
    """(period, body rows, criteria set) for each period the kept rows belong to."""
    periods = _periods(table, roles, options, problems).to_numpy(dtype=object)
    for period in pd.unique(periods[keep]):
        same = pd.isna(periods) if period is None else periods == period
        at = np.flatnonzero(keep & same)
        why = period_problem(period) if period else None
        if why:
            column = table.labels[roles["period"]] if "period" in roles else None
            problems.error(table.sheet.source, int(table.rows[at[0]]) if column else None, column, why,
                           period)
            continue
        yield period, at, _criteria_set(table, roles, options, at, period, problems)


def _criteria_set(table, roles, options, rows_at, period, problems) -> CriteriaSet | None:
    """The set of one period's rows: from the column, else the option, else the period's date."""
    if "criteria_set" in roles:
        label = table.labels[roles["criteria_set"]]
        texts = _text_column(table, roles["criteria_set"]).iloc[rows_at]
        found = {}
        for i, text in zip(rows_at, texts):
            if not text:
                continue
            criteria_set = find_set(text)
            if criteria_set is None:
                problems.error(table.sheet.source, int(table.rows[i]), label, "unknown_set", text)
            else:
                found.setdefault(criteria_set.name, criteria_set)
        if len(found) > 1:
            problems.error(table.sheet.source, None, label, "period_two_sets", period=period_ref(period), sets=list(found))
        if found:
            return next(iter(found.values()))
    if options.criteria_set is not None:
        return options.criteria_set
    return set_for_period(period) if period else None


def _status_codes(table: Table, index: int) -> tuple[np.ndarray, pd.Series]:
    texts = _text_column(table, index)
    codes = map_unique(texts, lambda t: BLANK if t == "" else (s if (s := parse_status(t)) is not None else UNKNOWN))
    return codes.to_numpy(dtype=np.int8), texts


def _commune_names(table: Table, roles: dict, problems: Problems) -> pd.Series:
    """The commune column's text. In a sheet written entirely without diacritics, where most
    names begin "Xa ", that is the prefix "Xã " typed bare (said once); elsewhere "Xa" begins
    a name (Xa Dung)."""
    return _bare_prefix(table, roles["commune"], problems)


def _bare_prefix(table: Table, index: int, problems: Problems) -> pd.Series:
    """A column of names with "Xa " read as the prefix where the sheet's writing says so."""
    names = _text_column(table, index)
    if table.sheet.ascii_only and len(names):
        bare = map_unique(names, has_bare_prefix).to_numpy(dtype=bool)
        filled = int((names != "").sum())
        if bare.any() and 2 * int(bare.sum()) >= filled:
            i = int(np.flatnonzero(bare)[0])
            problems.warning(table.sheet.source, int(table.rows[i]), table.labels[index], "bare_prefix",
                             names.iloc[i], n=int(bare.sum()))
            names = map_unique(names, strip_bare_prefix)
    return names


def _units(table: Table, roles: dict) -> pd.DataFrame:
    """District and province of each body row: its own column, else the heading row or title
    above it; "" where nothing tells."""
    n = len(table.body)
    units = table.units if len(table.units) == n else pd.DataFrame({"district": [""] * n, "province": [""] * n})
    units = units.reset_index(drop=True).copy()
    for level in ("district", "province"):
        if level in roles:
            own = _text_column(table, roles[level]).reset_index(drop=True)
            units[level] = own.where(own != "", units[level])
        units[level] = map_unique(units[level].astype(object), lambda v: clean_unit(v) if v else "")
    return units


def _uncached_cells(table, columns: list[int]) -> np.ndarray:
    """Which cells of the body (rows × ``columns``) hold a formula without a saved value: each
    is an error of its own (``io._say_cells``), not said a second time as a blank status."""
    out = np.zeros((len(table.body), len(columns)), dtype=bool)
    if not table.sheet.uncached or table.transposed is not None:
        return out
    at = {int(r): i for i, r in enumerate(table.grid_rows)}
    where = {c: j for j, c in enumerate(columns)}
    for r, c, _ in table.sheet.uncached:
        if r in at and c in where:
            out[at[r], where[c]] = True
    return out


def _wide(table, roles, options, problems) -> list[Piece]:
    source = table.sheet.source
    numbers = sorted(roles["criteria"])
    labels = {n: table.labels[roles["criteria"][n]] for n in numbers}
    units = _units(table, roles)
    names = qualify(_commune_names(table, roles, problems), units["district"])
    codes = np.empty((len(table.body), len(numbers)), dtype=np.int8)
    texts = {}
    for j, n in enumerate(numbers):
        codes[:, j], texts[n] = _status_codes(table, roles["criteria"][n])
    marked = (codes != BLANK).any(axis=1) if len(numbers) else np.zeros(len(names), bool)
    keep = np.ones(len(names), dtype=bool)
    unnamed = np.zeros(len(names), dtype=bool)  # rows with marks but no name: said, still in the totals
    for i in np.flatnonzero((names == "").to_numpy()):
        keep[i] = False
        unnamed[i] = marked[i]
        if marked[i]:
            problems.error(source, int(table.rows[i]), table.labels[roles["commune"]], "missing_name_marks")
        else:
            problems.warning(source, int(table.rows[i]), None, "row_ignored")
    _leave_out_towns(table, roles, names, keep, problems)
    for j, n in enumerate(numbers):
        for i in np.flatnonzero(codes[:, j] == UNKNOWN):
            problems.error(source, int(table.rows[i]), labels[n], "unknown_status", texts[n].iloc[i],
                           expected=Message("status_vocabulary"))
    explicit = bool((codes == NOT_MET).any())
    formulas = _uncached_cells(table, [roles["criteria"][n] for n in numbers])
    blank = (codes == BLANK) & ~formulas
    blank_rows = np.flatnonzero(keep & blank.any(axis=1)) if explicit else np.array([], int)
    for i in blank_rows:
        missing = [str(n) for j, n in enumerate(numbers) if blank[i, j]]
        problems.error(source, int(table.rows[i]), ", ".join(labels[int(m)] for m in missing),
                       "blank_status", names.iloc[i], criteria=missing)
    unreadable = (codes == UNKNOWN).any(axis=1) | formulas.any(axis=1)
    unreadable[blank_rows] = True
    codes[(codes == BLANK) | (codes == UNKNOWN)] = NOT_MET
    # a row whose marks are already in error is not counted again; a row without a name (an
    # error of its own) still counts in the totals rows, which the office added up with it
    _check_counts(table, roles, numbers, codes, keep & ~unreadable, keep | unnamed, problems)
    pieces = []
    for period, at, criteria_set in _by_period(table, roles, options, keep, problems):
        set_numbers = _check_columns(table, criteria_set, numbers, labels, problems)
        matrix = np.full((len(at), len(set_numbers)), NOT_MET, dtype=np.int8)
        for j, n in enumerate(set_numbers):
            if n in numbers:
                matrix[:, j] = codes[at, numbers.index(n)]
        pieces.append(_piece(table, roles, period, criteria_set, set_numbers, names, at, matrix, units,
                             problems))
    return pieces


def qualify(names: pd.Series, districts: pd.Series | None) -> pd.Series:
    """Names that stand in two districts of one table, told apart: "Tân Lập (Sơn Dương)".

    Only repeated names are qualified, so a district's file reads the same with or without a
    district column; a name repeated within one district stays a duplicate (an error later)."""
    if districts is None or not (districts != "").any():
        return names
    names, districts = names.reset_index(drop=True), districts.reset_index(drop=True)
    keys = map_unique(names, name_key)
    spread = pd.DataFrame({"key": keys, "district": map_unique(districts, name_key)}).groupby("key")["district"]
    repeated = (keys.map(spread.nunique()).to_numpy() > 1) & (districts != "").to_numpy()
    qualified = names.copy()
    qualified[repeated] = [f"{clean_name(n)} ({clean_unit(d)})" for n, d in zip(names[repeated], districts[repeated])]
    return qualified


def _leave_out_towns(table, roles, names, keep, problems) -> None:
    """Towns (thị trấn) and wards (phường) do not count in commune figures: said once, left out.

    Also says when no commune is left (a table with a header and no commune is an error)."""
    towns = map_unique(names, is_town).to_numpy(dtype=bool)
    said = set()
    for i in np.flatnonzero(towns & keep):
        keep[i] = False
        if names.iloc[i] not in said:
            said.add(names.iloc[i])
            problems.warning(table.sheet.source, int(table.rows[i]), table.labels[roles["commune"]],
                             "town_ignored", names.iloc[i])
    if not keep.any() and not towns.any():
        problems.error(table.sheet.source, table.header_row or None, None, "no_commune_rows")


def _check_columns(table, criteria_set, numbers, labels, problems) -> tuple[int, ...]:
    """The set's criteria; columns outside the set and criteria without a column are errors."""
    if criteria_set is None:
        return tuple(numbers)
    source, row = table.sheet.source, table.header_row or None
    for n in numbers:
        if n not in criteria_set.numbers:
            problems.error(source, row, labels[n], "criterion_not_in_set", n=n, set=criteria_set.name,
                           size=criteria_set.size)
    missing = [str(n) for n in criteria_set.numbers if n not in numbers]
    if missing:
        problems.error(source, row, None, "missing_criterion_columns", numbers=missing, set=criteria_set.name)
    return criteria_set.numbers


def _check_counts(table, roles, numbers, codes, readable, keep, problems) -> None:
    """The "Số tiêu chí đạt" column and every totals and subtotals row must agree with the marks."""
    source = table.sheet.source
    met = (codes == MET).sum(axis=1)
    if "criteria_met" in roles:
        label = table.labels[roles["criteria_met"]]
        stated = _text_column(table, roles["criteria_met"])
        fld = field_named("criteria_met")
        for i in np.flatnonzero(readable & (stated != "").to_numpy()):
            try:
                value = parse_value(fld, stated.iloc[i])
            except ValueError as exc:
                problems.error(source, int(table.rows[i]), label, reason(exc), stated.iloc[i])
                continue
            if value != int(met[i]):
                problems.error(source, int(table.rows[i]), label, "count_mismatch", stated.iloc[i],
                               stated=value, shown=int(met[i]))
    for total in table.totals:
        _check_total(table, roles, numbers, codes, met, keep, total, problems)


def _whole_number(text: str) -> int:
    """A count stated in a totals row; ValueError when it is none."""
    if not re.fullmatch(r"\d{1,9}(?:\.0+)?", nfc(text)):
        raise ValueError
    return int(nfc(text).split(".")[0])


def _check_total(table, roles, numbers, codes, met, keep, total: Total, problems) -> None:
    """A totals row against the communes of its block, or of everything above it."""
    source = table.sheet.source
    checks = [(roles["criteria"][n], Message("what_criterion", n=n), codes[:, j] == MET)
              for j, n in enumerate(numbers)]
    if "criteria_met" in roles:
        checks.append((roles["criteria_met"], Message("what_total"), met))
    stated = {}
    for col, what, _ in checks:
        text = str(total.cells.iloc[col]) if col < len(total.cells) else ""
        if text == "":
            continue
        try:
            stated[col] = _whole_number(text)
        except ValueError:
            problems.error(source, total.row, table.labels[col], "total_not_whole", text, what=what)

    def counted(start: int) -> dict[int, int]:
        rows = np.zeros(len(keep), dtype=bool)
        rows[start:total.end] = True
        rows &= keep
        return {col: int(values[rows].sum()) for col, _, values in checks}

    block, everything = counted(total.start), counted(0)
    if all(stated[c] == block[c] for c in stated) or all(stated[c] == everything[c] for c in stated):
        return
    against = everything if total.grand else block
    blocks = total.start > 0 or len(table.totals) > 1
    key = "total_mismatch_block" if against is block and blocks else "total_mismatch"
    for col, what, _ in checks:
        if col in stated and stated[col] != against[col]:
            problems.error(source, total.row, table.labels[col], key, total.cells.iloc[col],
                           label=total.label, stated=stated[col], what=what, shown=against[col])


def _piece(table, roles, period, criteria_set, numbers, names, at, matrix, units, problems) -> Piece:
    source = table.sheet.source
    clean = [clean_name(n) for n in names.iloc[at]]
    rows = table.rows[at]
    seen: dict[str, int] = {}
    for name, row in zip(clean, rows):
        key = name_key(name)
        if key in seen:
            problems.error(source, int(row), table.labels[roles["commune"]], "listed_twice_in", name,
                           period=period_ref(period) if period else Message("this_table"),
                           other=row_ref(seen[key]))
        seen.setdefault(key, int(row))
    measures = pd.DataFrame(index=range(len(at)))
    for name in MEASURES:
        if name in roles:
            measures[name] = _parse_column(table, roles[name], at, problems)
    return Piece(source, period, criteria_set, tuple(numbers), clean, rows, matrix, measures,
                 _piece_units(units, at, clean))


def _piece_units(units: pd.DataFrame, at, names: list[str]) -> pd.DataFrame:
    picked = units.iloc[at].replace("", None)
    return picked.set_axis(pd.Index(names, name="commune")).astype(object)


def _parse_column(table, index, at, problems, kind: str = ASSESSMENT) -> pd.Series:
    """Typed values of a field's column for rows ``at``; bad cells become problems and NA."""
    label = table.labels[index]
    fld = field_for(label, kind)
    texts = _text_column(table, index).iloc[at]
    values, parsed = [], {}  # each distinct text parsed once (a register repeats its years)
    for i, text in zip(at, texts):
        found = parsed.get(text)
        if found is None:
            try:
                found = parsed[text] = (parse_value(fld, text), None)
            except ValueError as exc:
                found = parsed[text] = (None, exc)
        if found[1] is not None:
            problems.error(table.sheet.source, int(table.rows[i]), label, reason(found[1]), text)
        values.append(found[0])
    dtype = {"int": "Int64", "bool": "boolean", "number": "Float64"}.get(fld.kind, object)
    return pd.Series(values, dtype=dtype).reset_index(drop=True)


def _long(table, roles, options, problems) -> list[Piece]:
    source = table.sheet.source
    units = _units(table, roles)
    names = qualify(_commune_names(table, roles, problems), units["district"])
    crit_label = table.labels[roles["criterion"]]
    crit_text = _text_column(table, roles["criterion"])
    crits = map_unique(crit_text, lambda t: criterion_number(t) if t else None)
    codes, status_text = _status_codes(table, roles["status"])
    status_label = table.labels[roles["status"]]
    no_name = (names == "").to_numpy()
    no_criterion = crits.isna().to_numpy()
    keep = ~(no_name | no_criterion)
    for i in np.flatnonzero(no_name | no_criterion | (codes == UNKNOWN)):  # only the bad rows
        row = int(table.rows[i])
        if no_name[i]:
            problems.error(source, row, table.labels[roles["commune"]], "missing_commune_name")
        if no_criterion[i]:
            problems.error(source, row, crit_label, "not_criterion_number", crit_text.iloc[i])
        if codes[i] == UNKNOWN:
            problems.error(source, row, status_label, "unknown_status", status_text.iloc[i],
                           expected=Message("status_vocabulary"))
    _leave_out_towns(table, roles, names, keep, problems)
    explicit = bool((codes == NOT_MET).any())
    formulas = _uncached_cells(table, [roles["status"]])[:, 0]
    for i in np.flatnonzero((codes == BLANK) & ~formulas) if explicit else []:
        problems.error(source, int(table.rows[i]), status_label, "missing_status", "")
    codes = np.where((codes == BLANK) | (codes == UNKNOWN), NOT_MET, codes).astype(np.int8)
    pieces = []
    for period, at, criteria_set in _by_period(table, roles, options, keep, problems):
        pieces.append(_long_piece(table, roles, period, criteria_set, names, crits, codes, at, units,
                                  problems))
    return pieces


def _long_piece(table, roles, period, criteria_set, names, crits, codes, at, units, problems) -> Piece:
    """Rows (commune, criterion, status) of one period pivoted to the communes × criteria matrix."""
    source = table.sheet.source
    crit_values = crits.iloc[at].to_numpy(dtype=np.int64)
    numbers = criteria_set.numbers if criteria_set else tuple(int(n) for n in np.unique(crit_values))
    keys = map_unique(names.iloc[at], name_key)  # one key per distinct spelling, not per row
    commune_codes, uniques = pd.factorize(keys)
    _, first_at = np.unique(commune_codes, return_index=True)
    first = at[first_at]  # the first row of each commune, in order of appearance
    lookup = np.full(max(max(numbers), int(crit_values.max(initial=0))) + 1, -1, dtype=np.int64)
    lookup[list(numbers)] = np.arange(len(numbers))
    crit_codes = lookup[crit_values]
    crit_label = table.labels[roles["criterion"]]
    for i, n in zip(at[crit_codes < 0], crit_values[crit_codes < 0]):
        problems.error(source, int(table.rows[i]), crit_label, "criterion_not_in_set", str(n), n=n,
                       set=criteria_set.name, size=criteria_set.size)
    ok = crit_codes >= 0
    matrix = np.full((len(uniques), len(numbers)), BLANK, dtype=np.int8)
    flat = commune_codes[ok] * len(numbers) + crit_codes[ok]
    counts = np.bincount(flat, minlength=matrix.size)
    for cell in np.flatnonzero(counts > 1):
        twice = at[ok][flat == cell]
        rows = ", ".join(str(int(table.rows[i])) for i in twice)
        problems.error(source, int(table.rows[twice[1]]), crit_label, "given_twice",
                       f"{names.iloc[twice[0]]} / {numbers[cell % len(numbers)]}", rows=rows)
    matrix.reshape(-1)[flat] = codes[at][ok]
    for c in np.flatnonzero((matrix == BLANK).any(axis=1)):
        missing = [str(numbers[j]) for j in np.flatnonzero(matrix[c] == BLANK)]
        problems.error(source, int(table.rows[first[c]]), crit_label, "no_row_for_criteria",
                       names.iloc[first[c]], numbers=missing)
    matrix[matrix == BLANK] = NOT_MET
    clean = [clean_name(names.iloc[i]) for i in first]
    return Piece(source, period, criteria_set, tuple(numbers), clean, table.rows[first], matrix,
                 pd.DataFrame(index=range(len(first))), _piece_units(units, first, clean))


# What each kind of target needs besides its name, kind and due period.
TARGET_NEEDS = {"all_criteria": ("commune",), "model_areas": ("commune", "value"), "advanced": ("commune",),
                "villages_share": ("commune", "value"), "mean": ("value",), "min_met": ("value",),
                "recognised_share": ("value",)}


def field_label(fld, name: str | None = None) -> Message:
    """A field as a message names it: its name in English, its first (Vietnamese) header in
    Vietnamese ("effective_date" / "ngày hiệu lực")."""
    return Message("field_label", name=name or fld.name, header=fld.aliases[0] if fld.aliases else fld.name)


def _check_targets(frame, table, columns, problems) -> None:
    """A target row whose commune or level, needed by its kind, is blank is an error."""
    blank = {need: (_text_column(table, columns[need]) == "").to_numpy() for need in ("commune", "value")}
    for i, kind in enumerate(frame["kind"]):
        for need in TARGET_NEEDS.get(kind, ()):
            if blank[need][i]:
                problems.error(table.sheet.source, int(table.rows[i]), table.labels[columns[need]],
                               "target_needs", kind=kind, need=field_label(field_named(need, TARGETS)))


# Fields that name a commune in each table of records; their values are cleaned like names.
_NAME_FIELDS = {"commune", "old_commune", "new_commune"}


def _records(table: Table, kind: str, problems: Problems) -> Records:
    """A table of records: each column parsed by its field's type, required fields checked."""
    source, header = table.sheet.source, table.header_row or None
    at = np.arange(len(table.body))
    frame = pd.DataFrame(index=range(len(at)))
    labels, columns = {}, {}
    for i, label in enumerate(table.labels):
        fld = field_for(label, kind) if label else None
        if fld is None:
            if label:
                problems.warning(source, header, label, "column_ignored")
            continue
        labels[fld.name] = label
        columns[fld.name] = i
        if fld.name in _NAME_FIELDS:
            names = _bare_prefix(table, i, problems)
            if kind == COMMUNES and fld.name == "commune":
                district = next((j for j, other in enumerate(table.labels)
                                 if other and (f := field_for(other, kind)) and f.name == "district"), None)
                names = qualify(names, None if district is None else _text_column(table, district))
            frame[fld.name] = [clean_name(n) if n else None for n in names]
            if fld.required:
                for j in np.flatnonzero((names == "").to_numpy()):
                    problems.error(source, int(table.rows[j]), label, "missing_field",
                                   field=field_label(fld, fld.name.replace("_", " ")))
        else:
            frame[fld.name] = _parse_column(table, i, at, problems, kind)
            if fld.required:  # blank cells only: a cell that did not parse is already an error
                for j in np.flatnonzero((_text_column(table, i) == "").to_numpy()):
                    problems.error(source, int(table.rows[j]), label, "missing_field", field=field_label(fld))
    missing = [f.name for f in fields_of(kind) if f.required and f.name not in frame.columns]
    if missing:
        problems.error(source, header, None, "missing_table_columns", names=missing,
                       kind=Message(f"table_{kind}"))
    if kind == TARGETS and {"kind", "commune", "value"} <= set(frame.columns):
        _check_targets(frame, table, columns, problems)
    if kind == COMMUNES and "commune" in frame.columns:
        seen: dict[str, int] = {}
        for name, row in zip(frame["commune"], table.rows):  # a blank name: missing (NaN), said above
            if isinstance(name, str) and name and seen.setdefault(name_key(name), int(row)) != int(row):
                problems.error(source, int(row), labels["commune"], "listed_twice", name,
                               other=row_ref(seen[name_key(name)]))
    return Records(kind, source, frame, table.rows.copy())
