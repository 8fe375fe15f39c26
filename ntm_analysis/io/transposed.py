"""The transposed summary form: criteria in rows, communes in columns.

District summaries often list the criteria down the side ("1 | Quy hoạch | x | x | …") with a
commune per column, title rows above, and a "Số tiêu chí đạt" row at the bottom counting each
commune's marks. ``turn`` reads such a sheet as the wide form would be (a row per commune, a
column per criterion, the count row as the "Số tiêu chí đạt" column, a "Tổng"/"Số xã đạt"
column as the totals row), so every check of the wide form applies; ``Turn.relocate`` then
says each problem where the person sees the cell: the criterion's row, the commune's column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..fields import ASSESSMENT, field_for, header_key
from ..problems import Problem, Problems
from ..vocab_messages import Message, column_ref, row_ref
from ..text import parse_status
from .layout import (HEADER_SEARCH_ROWS, Table, Total, column_letters, criterion_number, is_total_label,
                     signature_rows,
                     title_units, _is_index_row)
from .sources import Sheet

# How the column of criterion names is headed.
_CRITERIA_HEADERS = {"tieu chi", "ten tieu chi", "noi dung", "noi dung tieu chi", "chi tieu", "ten chi tieu",
                     "tieu chi so", "criterion", "criteria", "ten tieu chi ntm", "bo tieu chi"}
# Columns beside the communes that are no commune: notes, and the count of communes meeting
# each criterion (read as the totals row).
_NOTES = {"ghi chu", "note", "notes"}
_COUNT_OF_COMMUNES = {"so xa dat", "tong so xa dat", "so xa dat chuan", "so xa dat tieu chi"}
COMMUNE_LABEL = "Tên xã"
COUNT_LABEL = "Số tiêu chí đạt"


@dataclass
class Turn:
    """Where the cells of a turned table sit in the sheet, to say problems where they are seen."""

    source: str
    name_row: int  # the row (as a person counts) holding the commune names
    label_rows: dict[str, int]  # wide label -> the row it came from
    label_column: str  # how the column of criteria is named in messages
    names: dict[int, str]  # grid column -> the commune name heading it
    mark_rows: set[int]  # grid rows of the criteria and the names
    commune_cols: set[int]
    letters: Callable[[int], str] = column_letters  # a grid column's letters in the sheet

    def column_name(self, col: int) -> str:
        return self.names.get(col) or column_ref(self.letters(col))

    def holds_marks(self, grid_row: int, col: int) -> bool:
        return grid_row in self.mark_rows and col in self.commune_cols

    def relocate(self, problem: Problem) -> Problem:
        """Row -(c + 1) of the turned table is grid column c; a label is the row it came from."""
        message = problem.message
        if isinstance(message, Message):  # "also row -3" names the commune's column instead
            message = message.map_values(self._place)
        if problem.row is not None and problem.row < 0:
            col = -problem.row - 1
            return replace(problem, row=self.label_rows.get(problem.column, self.name_row),
                           column=self.column_name(col), message=message)
        if problem.row == self.name_row and problem.column in self.label_rows:
            return replace(problem, row=self.label_rows[problem.column], column=self.label_column,
                           message=message)
        return replace(problem, message=message)

    def _place(self, value):
        """A row reference of the turned table as the column it is in the sheet; else ``value``."""
        if isinstance(value, Message) and value.key == "row_ref" and value.params["n"] < 0:
            return self.column_name(-value.params["n"] - 1)
        return value


def _criteria_header(cells, width: int) -> tuple[int, list[int]] | None:
    """(row, label columns) of the header over the criteria column, or None."""
    for r in range(min(len(cells), HEADER_SEARCH_ROWS)):
        cols = [c for c in range(min(3, width)) if cells[r][c] and header_key(cells[r][c]) in _CRITERIA_HEADERS]
        if cols:
            return r, cols
    return None


def _criterion_of(row, lead) -> int | None:
    for c in lead:
        if row[c]:
            n = criterion_number(row[c])
            if n is not None:
                return n
    return None


def _beside(text: str) -> bool:
    """A column beside the communes: notes, or the count of communes meeting each criterion."""
    key = header_key(text)
    return key in _NOTES or key in _COUNT_OF_COMMUNES or is_total_label(text)


def turn(sheet: Sheet, cells: np.ndarray, problems: Problems) -> Table | None:
    """The table of a sheet whose criteria are rows and communes columns, read the wide way
    round; None when the sheet is not such a form."""
    if not len(cells):
        return None
    width = cells.shape[1]
    found = _criteria_header(cells, width)
    if found is None:
        return None
    header, label_cols = found
    lead = list(range(max(label_cols) + 1))
    right = range(max(lead) + 1, width)
    # the commune names: on the header row, or under a merged "Tên xã" cell spanning them
    name_row = header
    heads = {cells[header][c] for c in right if cells[header][c] and not _beside(cells[header][c])}
    if len(heads) <= 1 and header + 1 < len(cells) and len({cells[header + 1][c] for c in right if cells[header + 1][c]}) > 1:
        name_row = header + 1
    communes, total_col = [], None
    for c in right:
        text = cells[name_row][c]
        above = cells[header][c] if name_row > header else ""
        if (text and _beside(text) or above and _beside(above)) and header_key(text or above) not in _NOTES:
            total_col = c
            continue
        if not text or header_key(text) in _NOTES:
            continue
        communes.append(c)
    start = name_row + 1
    if start < len(cells) and _is_index_row(cells[start]):
        start += 1
    criteria_rows: dict[int, int] = {}
    count_row, end = None, len(cells)
    skipped_with_marks = []
    for r in range(start, len(cells)):
        row = cells[r]
        if any((f := field_for(row[c], ASSESSMENT)) is not None and f.name == "criteria_met" for c in lead if row[c]):
            count_row, end = r, r + 1
            break
        n = _criterion_of(row, lead)
        if n is None:
            if any(row[c] and parse_status(row[c]) is not None for c in communes):
                skipped_with_marks.append(r)
            continue
        if n in criteria_rows:
            problems.error(sheet.source, int(sheet.rows[r]), None, "criterion_two_rows",
                           row[lead[0]] or row[lead[-1]], n=n, other=row_ref(int(sheet.rows[criteria_rows[n]])))
            continue
        criteria_rows[n] = r
    if len(criteria_rows) < 2 or not communes:
        return None
    marks = [cells[r][c] for r in criteria_rows.values() for c in communes]
    if not any(m and parse_status(m) is not None for m in marks):
        return None
    if skipped_with_marks:
        span = ", ".join(str(int(sheet.rows[r])) for r in skipped_with_marks[:5])
        problems.warning(sheet.source, int(sheet.rows[skipped_with_marks[0]]), None, "marks_no_criterion",
                         n=len(skipped_with_marks), span=span)
    below_at = [r for r in range(end, len(cells)) if any(cells[r])]
    below_at = [r for r, sig in zip(below_at, signature_rows([list(cells[r]) for r in below_at])) if not sig]
    if count_row is not None and below_at:
        problems.warning(sheet.source, int(sheet.rows[below_at[0]]), None, "rows_below_plain",
                         next(c for c in cells[below_at[0]] if c), n=len(below_at))
    numbers = sorted(criteria_rows)
    labels = [COMMUNE_LABEL, *map(str, numbers)] + ([COUNT_LABEL] if count_row is not None else [])
    source_rows = [name_row, *(criteria_rows[n] for n in numbers)] + ([count_row] if count_row is not None else [])
    body = pd.DataFrame([[cells[r][c] for r in source_rows] for c in communes], columns=range(len(labels)),
                        dtype=object)
    excel = [int(sheet.rows[r]) for r in source_rows]
    turn_ = Turn(sheet.source, int(sheet.rows[name_row]), dict(zip(labels, excel)),
                 cells[header][label_cols[-1]] or cells[header][label_cols[0]],
                 {c: cells[name_row][c] for c in right if cells[name_row][c]},
                 {name_row, *criteria_rows.values()}, set(communes), sheet.column_letters)
    title = " ".join(c for row in cells[:header] for c in row if c)
    table = Table(sheet, labels, int(sheet.rows[name_row]), body,
                  np.array([-(c + 1) for c in communes], dtype=np.int64), title, transposed=turn_)
    if total_col is not None:
        table.totals.append(Total(-(total_col + 1), pd.Series([cells[r][total_col] for r in source_rows]),
                                  cells[name_row][total_col], 0, len(communes), True))
    above = title_units(c for row in cells[:header] for c in row)
    table.units = pd.DataFrame({"district": [above.get("district", "")] * len(communes),
                                "province": [above.get("province", "")] * len(communes)}, dtype=object)
    return table
