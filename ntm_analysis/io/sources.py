"""Files to grids of text: CSV in any office encoding, every sheet of a workbook, Parquet.

A grid keeps each cell as text ("" when blank) and the row number a person sees (the line in a
text editor, the row in Excel), so that every later message can point at the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..problems import Problems
from ..text import nfc

SUFFIXES = (".csv", ".xlsx", ".xlsm", ".parquet")


@dataclass
class Sheet:
    """One table-bearing part of a file: a CSV, one worksheet, or a Parquet file.

    ``cells`` holds every row as text; for Parquet, whose header is known, ``header`` is set and
    ``cells`` holds only the records, typed as stored.
    """

    source: str  # how messages name it: "data/x.xlsx" or "data/x.xlsx[Tổng hợp]"
    name: str  # the file or sheet name, searched for a period
    cells: pd.DataFrame
    rows: np.ndarray  # 1-based row numbers of ``cells``' rows
    header: list[str] | None = None
    names: list[str] = field(default_factory=list)  # file name, then sheet name


def decode(data: bytes) -> tuple[str, str]:
    """Text of a CSV file and the encoding used: UTF-8 (with or without BOM), else Windows-1258.

    Windows-1258 writes tones as combining marks, so the text is NFC-normalised later, cell by
    cell, like every other input.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "cp1258"


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the most lines into the same many fields."""
    lines = [line for line in text.splitlines()[:60] if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        widest = max(counts, default=1)
        score = sum(1 for c in counts if c == widest) * (widest > 1) * widest
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, source: str) -> list[Sheet]:
    text, _ = decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records, rows, start = [], [], 1
    for record in reader:
        records.append(record)
        rows.append(start)
        start = reader.line_num + 1
    width = max((len(r) for r in records), default=0)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object)
    return [Sheet(source, path.name, _clean(cells), np.array(rows, dtype=np.int64), names=[path.name])]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def read_xlsx(path: Path, source: str) -> list[Sheet]:
    """Every worksheet, merged ranges filled with their top-left value (as the eye reads them)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, data_only=True)
    except InvalidFileException as exc:
        raise ValueError(str(exc)) from None
    sheets = []
    for ws in book.worksheets:
        grid = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        for merged in ws.merged_cells.ranges:
            top = grid[merged.min_row - 1][merged.min_col - 1] if len(grid) >= merged.min_row else ""
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for c in range(merged.min_col - 1, merged.max_col):
                    grid[r][c] = top
        label = f"{source}[{ws.title}]" if len(book.worksheets) > 1 else source
        cells = pd.DataFrame(grid, dtype=object)
        rows = np.arange(1, len(grid) + 1, dtype=np.int64)
        sheets.append(Sheet(label, ws.title, _clean(cells), rows, names=[path.name, ws.title]))
    return sheets


def read_parquet(path: Path, source: str) -> list[Sheet]:
    """Records as stored; row n is the n-th record (there is no header line to count)."""
    frame = pd.read_parquet(path)
    rows = np.arange(1, len(frame) + 1, dtype=np.int64)
    header = [nfc(str(c)) for c in frame.columns]
    return [Sheet(source, path.name, frame.reset_index(drop=True), rows, header, names=[path.name])]


def _clean(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell as NFC text with white space folded; blank cells as ""."""
    if cells.empty:
        return cells
    return cells.fillna("").astype(str).apply(lambda column: map_unique(column, nfc))


def cell_text(value) -> str:
    """A typed cell (Parquet) as the NFC text a person would read; missing values as ""."""
    if value is None or (pd.api.types.is_scalar(value) and not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def map_unique(column: pd.Series, func) -> pd.Series:
    """``func`` applied once per distinct value of ``column``: long files repeat a few words."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    mapped = np.array([func(u) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=column.index, dtype=object)


# What parsers raise for a file that is not what its name says (a broken or mislabelled file).
UNREADABLE = (OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile)

READERS = {".csv": read_csv, ".xlsx": read_xlsx, ".xlsm": read_xlsx, ".parquet": read_parquet}


def read_sheets(path: Path, source: str, problems: Problems) -> list[Sheet]:
    """The sheets of one file; an unreadable or empty file becomes a problem, not an exception."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        problems.error(source, None, None, f"unsupported file type {path.suffix!r} "
                       f"(expected {', '.join(SUFFIXES)})")
        return []
    if path.stat().st_size == 0:
        problems.error(source, None, None, "empty file")
        return []
    try:
        sheets = reader(path, source)
    except UNREADABLE as exc:
        problems.error(source, None, None, f"cannot read the file: {type(exc).__name__}: {exc}")
        return []
    if all(s.cells.empty or (s.header is None and (s.cells == "").all().all()) for s in sheets):
        problems.error(source, None, None, "empty file: no cells with values")
        return []
    return sheets
