"""Where the table sits in an office form: title rows, a (possibly two-row, merged) header,
a column-number row, the communes, a "Tổng cộng" row, and signatures below.

``locate`` turns a grid of cells into a ``Table``: one label per column, the body rows, the
totals row and the title text, leaving what the cells mean to ``tables.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..fields import ASSESSMENT, BOUNDARIES, COMMUNES, TARGETS, field_for
from ..problems import Problems
from ..text import fold
from .sources import Sheet, cell_text, map_unique

HEADER_SEARCH_ROWS = 40
_CRITERION_HEADER = re.compile(
    r"^(?:(?:tc|tieu chi|criterion|crit|c)\s*(?:so)?\s*[_\-.]?\s*)?0*(?P<n>\d{1,2})"
    r"(?:\s*[.:)\-]\s*\D.*|\s+[^\d\s].*)?$"
)
_INDEX_CELL = re.compile(r"^\(?[0-9a-z]{1,3}\)?$")
_TOTAL_WORDS = {"tong cong", "tong", "cong", "total", "tong so", "toan huyen", "tong cong toan huyen"}


@dataclass
class Table:
    """A located table: a label per column, the body rows, and what surrounds them."""

    sheet: Sheet
    labels: list[str]
    header_row: int  # the row (as a person counts) of the header's lowest line
    body: pd.DataFrame  # the data rows, columns as in ``labels``
    rows: np.ndarray  # row numbers of ``body``
    title: str = ""  # text above the header, where a period may be stated
    totals: pd.Series | None = None
    totals_row: int | None = None


def criterion_number(header: str) -> int | None:
    """The criterion a column header names ("TC 01", "Tiêu chí số 1", "1. Quy hoạch"), or None."""
    match = _CRITERION_HEADER.match(fold(header).strip())
    return int(match["n"]) if match else None


def is_total_label(text: str) -> bool:
    """Whether a cell marks a totals row ("Tổng cộng", "Cộng", "Tổng", "Total")."""
    return re.sub(r"[\s:.]+", " ", fold(text)).strip() in _TOTAL_WORDS


def _is_name_header(cell: str) -> bool:
    field = field_for(cell, ASSESSMENT) if cell else None
    return field is not None and field.name == "commune"


def locate(sheet: Sheet, problems: Problems) -> Table | None:
    """The table of a sheet, or None (with a problem said) when no header can be found."""
    if sheet.header is not None:  # Parquet: the header is known; a totals row may still follow
        return _typed_table(sheet, problems)
    cells = sheet.cells.to_numpy(dtype=object)
    top = min(len(cells), HEADER_SEARCH_ROWS)
    header = next((r for r in range(top) if any(_is_key_header(c) for c in cells[r])), None)
    if header is None:
        problems.error(sheet.source, None, None, "no table header found: expected a commune column "
                       "(Tên xã, Xã, Đơn vị, commune; or old_commune/new_commune, or target) in the "
                       f"first {HEADER_SEARCH_ROWS} rows")
        return None
    # Criteria may be numbered on the header row or on one of the two rows under it
    # (a merged "Tiêu chí" cell above 1 … 19).
    # A lower header line leaves the commune column blank or repeats its (merged) header.
    name_cols = [c for c, cell in enumerate(cells[header]) if _is_name_header(cell)]
    lowest = header
    for r in range(header, min(header + 3, len(cells))):
        if r > header and any(cells[r][c] not in ("", cells[header][c]) for c in name_cols):
            break
        if sum(criterion_number(c) is not None for c in cells[r] if c) >= 2:
            lowest = r
            break
    labels = []
    for c in range(cells.shape[1]):
        stack = [cells[r][c] for r in range(lowest, header - 1, -1) if cells[r][c]]
        labels.append(stack[0] if stack else "")
    start = lowest + 1
    if start < len(cells) and _is_index_row(cells[start]):
        start += 1
    title = " ".join(c for row in cells[:header] for c in row if c)
    table = Table(sheet, labels, int(sheet.rows[lowest]), pd.DataFrame(), np.array([], dtype=np.int64),
                  title)
    _split_body(table, cells[start:], sheet.rows[start:], problems)
    return table


def _typed_table(sheet: Sheet, problems: Problems) -> Table:
    """A Parquet table: records as stored, cut at a "Tổng cộng" row in the commune column."""
    table = Table(sheet, sheet.header, 0, sheet.cells, sheet.rows)
    name_cols = [i for i, label in enumerate(sheet.header) if _is_name_header(label)]
    if not name_cols or sheet.cells.empty:
        return table
    names = sheet.cells.iloc[:, name_cols[0]]
    totals = np.flatnonzero(map_unique(names, lambda v: isinstance(v, str) and is_total_label(v)).to_numpy(bool))
    if len(totals):
        at = int(totals[0])
        table.totals = pd.Series([cell_text(v) for v in sheet.cells.iloc[at]])
        table.totals_row = int(sheet.rows[at])
        table.body, table.rows = sheet.cells.iloc[:at].reset_index(drop=True), sheet.rows[:at]
        if at + 1 < len(sheet.cells):
            problems.warning(sheet.source, int(sheet.rows[at + 1]), None, f"{len(sheet.cells) - at - 1} "
                             "record(s) after the totals row ignored")
    return table


def _is_index_row(row) -> bool:
    """A row of column numbers under the header ("1 2 3 …", "(1) (2) …", "A B 1 2 3 …").

    Its numbers run up one by one and fill most of the row; anything else (a commune whose
    marks are all "Đạt" or "x") is data.
    """
    values = [fold(c).strip("()") for c in row if c]
    if not values or not all(_INDEX_CELL.match(v) for v in values):
        return False
    numbers = [int(v) for v in values if v.isdigit()]
    letters = [v for v in values if not v.isdigit()]
    runs_up = all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    return len(numbers) >= 3 and runs_up and all(len(v) == 1 for v in letters) \
        and len(numbers) >= 2 * len(letters)


def _split_body(table: Table, cells: np.ndarray, rows: np.ndarray, problems: Problems) -> None:
    """Body rows up to the totals row or the signatures below; what lies below is said, not lost."""
    labels = table.labels
    criteria_cols = [i for i, label in enumerate(labels) if criterion_number(label) is not None]
    name_cols = [i for i, label in enumerate(labels) if _is_name_header(label)]
    keep, end, gap = [], len(cells), False
    for i, row in enumerate(cells):
        if not any(row):
            gap = gap or bool(keep)
            continue
        if any(is_total_label(row[c]) for c in range(min(3, len(row)))) or any(
            is_total_label(row[c]) for c in name_cols
        ):
            table.totals = pd.Series(row, index=range(len(row)))
            table.totals_row = int(rows[i])
            end = i + 1
            break
        if gap and criteria_cols and not any(row[c] for c in criteria_cols):
            end = i  # signatures and notes under the table
            break
        keep.append(i)
    else:
        end = len(cells)
    below_at = [i for i in range(end, len(cells)) if any(cells[i])]
    below = [int(rows[i]) for i in below_at]
    if below:
        first = next(c for c in cells[below_at[0]] if c)
        span = f"row {below[0]}" if len(below) == 1 else f"rows {below[0]}-{below[-1]}"
        problems.warning(table.sheet.source, below[0], None,
                         f"{len(below)} non-empty row(s) below the table ignored ({span})", first)
    table.body = pd.DataFrame(cells[keep].tolist() if keep else [], columns=range(len(labels)))
    table.rows = rows[keep].astype(np.int64)


def records_kind(labels: list[str]) -> str | None:
    """Which table of records the labels head (BOUNDARIES, TARGETS, COMMUNES), or None.

    Each is told by the fields only it has: old and new commune; target and kind; any commune
    attribute beyond the name and district.
    """
    def names(table):
        return {f.name for label in labels if label and (f := field_for(label, table)) is not None}

    if {"old_commune", "new_commune"} <= names(BOUNDARIES):
        return BOUNDARIES
    if {"target", "kind"} <= names(TARGETS):
        return TARGETS
    if names(COMMUNES) - {"commune", "district"}:
        return COMMUNES
    return None


def _is_key_header(cell: str) -> bool:
    """A header cell that starts a table: a commune column, an old/new commune, or a target."""
    if not cell:
        return False
    if _is_name_header(cell):
        return True
    return any(f is not None and f.name in ("old_commune", "new_commune", "target")
               for f in (field_for(cell, BOUNDARIES), field_for(cell, TARGETS)))
