"""Files to grids of text: CSV in any office encoding, every sheet of a workbook, Parquet.

A grid keeps each cell as text ("" when blank) and the row number a person sees (the line in a
text editor, the row in Excel), so that every later message can point at the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..problems import Problems
from ..text import format_chars, nfc
from ..vocab_messages import Message
from . import legacy

# ".txt": delimited text as Excel's "Save As > Unicode Text" writes it (tab-separated UTF-16 LE
# with a byte-order mark), or plain tab- or comma-separated text; read like a CSV.
SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".parquet")
# What ``--encoding`` may force: the text encodings a CSV may be written in. Workbooks and
# Parquet files hold Unicode; for them only "tcvn3" and "vni" change anything (cells typed in
# legacy fonts are converted), and any other value turns the detection of such cells off.
ENCODINGS = ("utf-8", "cp1258", "utf-16", "tcvn3", "vni")


class PackWorkbook(ValueError):
    """A workbook that ``ntm report`` wrote (the pack's tables), found among the inputs: its
    figures are the results of data, not data; read back, its sheets would be a wall of errors."""


def _is_pack_workbook(book) -> bool:
    """Whether ``book`` is a pack's workbook: its author is this package (kept by Excel when the
    workbook is saved again), or, for packs written before it said so, its first sheets are the
    pack's Summary, Bands and By criteria met in one language."""
    from ..pack import GENERATOR
    from ..vocab import SHEETS

    if book.properties.creator == GENERATOR:
        return True
    first = book.sheetnames[:3]
    return any(first == [names["summary"], names["bands"], names["by_count"]] for names in SHEETS.values())


class Unreadable(ValueError):
    """A file that cannot be read, with the reason as a person can act on it (and the line)."""

    def __init__(self, message: Message, row: int | None = None):
        super().__init__(message)
        self.row = row


@dataclass(frozen=True)
class Repair:
    """A cell changed on reading: legacy-encoded text converted, or invisible characters removed."""

    row: int  # position in ``Sheet.cells``
    col: int
    original: str
    kind: str  # "tcvn3", "vni" or "format"
    detail: str = ""  # the format characters removed


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
    repairs: list[Repair] = field(default_factory=list)
    uncached: list[tuple[int, int, str]] = field(default_factory=list)  # formulas without a value
    ascii_only: bool = False  # not one letter with a diacritic: "Xa " may be the prefix "Xã "
    hidden: bool = False  # a hidden sheet, left out unless asked for
    encoding: str | None = None  # the legacy encoding the whole file was read in, if any
    # 0-based sheet column of each grid column, where the grid leaves a long blank stretch out
    # (a workbook); None: grid column j is the sheet's column j
    columns: np.ndarray | None = None

    def column_letters(self, col: int) -> str:
        """The spreadsheet letters of a grid column, as the person sees it in the sheet."""
        if self.columns is not None and col < len(self.columns):
            col = int(self.columns[col])
        return column_letters(col)


def column_letters(col: int) -> str:
    """Spreadsheet column letters of a 0-based column index (0 -> A, 27 -> AB)."""
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 text: a byte-order mark, or (Excel's "Unicode text" without one) NUL high bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = data[:4096]
    return len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text of a CSV file and the encoding used.

    Detected (``encoding`` None): UTF-16 (byte-order mark, or NUL high bytes), else UTF-8 (with
    or without BOM), else whichever of Windows-1258, TCVN3 and VNI reads as the most Vietnamese
    syllables (ties go to Windows-1258). Windows-1258 writes tones as combining marks, so the
    text is NFC-normalised later, cell by cell, like every other input.
    """
    if encoding == "utf-16" or (encoding is None and _looks_utf16(data)):
        try:
            bom = data[:2] in (b"\xff\xfe", b"\xfe\xff")
            return data.decode("utf-16" if bom else "utf-16-le"), "utf-16"
        except UnicodeDecodeError as exc:
            raise Unreadable(Message("not_utf16", reason=exc.reason, at=exc.start)) from None
    if encoding in legacy.DECODERS:
        return legacy.DECODERS[encoding](data), encoding
    if encoding == "cp1258":
        return data.decode("cp1258", errors="replace"), "cp1258"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            line = data[: exc.start].count(b"\n") + 1
            raise Unreadable(Message("not_utf8", byte=data[exc.start]), line) from None
    sample = data[: 1 << 18]
    readings = {"cp1258": lambda d: d.decode("cp1258", errors="replace"), **legacy.DECODERS}
    best = max(readings, key=lambda name: (*legacy.score(readings[name](sample)), name == "cp1258"))
    return readings[best](data), best


def _head_lines(text: str, n: int) -> list[str]:
    """``text.splitlines()[:n]`` without splitting the whole of a large file."""
    size = 1 << 14
    while size < len(text):
        lines = text[:size].splitlines()
        if len(lines) > n:  # the first n are whole: a later line began after them
            return lines[:n]
        size *= 4
    return text.splitlines()[:n]


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the most lines into the same many fields."""
    lines = [line for line in _head_lines(text, 60) if line.strip()]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        widest = max(counts, default=1)
        score = sum(1 for c in counts if c == widest) * (widest > 1) * widest
        if score > best_score:
            best, best_score = delimiter, score
    return best


# The csv module's limit on one field: a longer field makes the file unreadable (said), on
# either path.
_FIELD_LIMIT = csv.field_size_limit()


def parse_regular(text: str, delimiter: str) -> tuple[list[tuple[np.ndarray, list[str]]], int] | None:
    """The records of a CSV text that parses regularly, by Arrow's C parser: per column, the
    code of each record's cell and the cells' distinct texts; and the number of records. None
    when the file is not regular, so that the csv module reads it: records of unequal widths, a
    record over several lines (a quoted line break: row numbers would no longer be line
    numbers), a lone carriage return or a NUL.

    Where they read alike the two parsers agree cell for cell: on lines without quotes both
    split at the delimiter and nothing else; every line with a quote is read again by the csv
    module and compared (tests/test_fast_paths.py checks both on hostile texts)."""
    found = regular_table(text, delimiter)
    if found is None:
        return None
    table, lines = found
    columns = table_columns(table)
    if '"' in text and not _quoted_lines_agree(text, delimiter, columns):
        return None
    return columns, lines


def regular_table(text: str, delimiter: str, data: bytes | None = None):
    """``parse_regular``'s reading before the lines with quotes are compared: the Arrow table
    of text columns, one dictionary per column, and the number of records; or None. ``data``:
    ``text`` encoded as UTF-8, when the caller has it."""
    if not text or "\x00" in text or text.count("\r") != text.count("\r\n"):
        return None
    lines = text.count("\n") + (not text.endswith("\n"))
    width = len(next(csv.reader([_head_lines(text, 1)[0]], delimiter=delimiter), [])) if text.strip() else 0
    return _arrow_table(text.encode("utf-8") if data is None else data, delimiter, width, lines)


def regular_bytes(data: bytes, head: str, delimiter: str, start: int = 0):
    """``regular_table`` of UTF-8 ``data[start:]`` (``start``: after its BOM, whose bytes are none
    of those looked for) that the caller has not decoded: ``head`` is its first lines decoded (at
    least two, ending at a line break, or the whole); Arrow checks that every cell is UTF-8. None
    as there, and when the head is blank."""
    if not head.strip():
        return None
    if b"\0" in data:
        return None
    if b"\r" in data:  # only as the end of a line (CR LF)
        codes = np.frombuffer(data, dtype=np.uint8)
        returns = np.flatnonzero(codes == 13)
        if returns[-1] + 1 == len(codes) or (codes[returns + 1] != 10).any():
            return None
    # without a quote every line is a record: Arrow's count is the lines' (else counted here)
    lines = data.count(b"\n") + (not data.endswith(b"\n")) if b'"' in data else None
    width = len(next(csv.reader([_head_lines(head, 1)[0]], delimiter=delimiter), []))
    if start:
        import pyarrow as pa

        data = pa.py_buffer(data).slice(start)  # a view, not a copy of the file
    return _arrow_table(data, delimiter, width, lines)


def _arrow_table(data, delimiter: str, width: int, lines: int | None):
    """``data`` (bytes or an Arrow buffer) as a table of text columns, one dictionary each, and
    its number of records, which must be ``lines`` (None: the text holds no quote)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    as_text = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            # one block, read in this thread: one dictionary per column, nothing to unify
            read_options=pacsv.ReadOptions(autogenerate_column_names=True, use_threads=False,
                                           block_size=min(max(len(data) + 1, 1 << 20), 1 << 30)),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                             escape_char=False, newlines_in_values=True,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{i}": as_text for i in range(max(width, 1))}, null_values=[],
                strings_can_be_null=False, quoted_strings_can_be_null=False, true_values=[],
                false_values=[]))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeEncodeError):
        return None
    lines = table.num_rows if lines is None else lines
    if table.num_rows != lines or table.num_columns != width:
        return None
    table = table.unify_dictionaries()
    for column in table.columns:
        if column.num_chunks and len(column.chunks[0].dictionary):
            texts = column.chunks[0].dictionary.buffers()[2]  # no more characters than bytes
            if texts is not None and texts.size > _FIELD_LIMIT and \
                    pc.max(pc.utf8_length(column.chunks[0].dictionary)).as_py() > _FIELD_LIMIT:
                return None
    return table, lines


def table_columns(table) -> list[tuple[np.ndarray, list[str]]]:
    """Per column of ``regular_table``'s table, each record's code and the distinct texts."""
    columns = []
    for column in table.columns:
        codes = np.empty(len(column), dtype=np.int32)
        start = 0
        for chunk in column.chunks:
            codes[start:start + len(chunk)] = chunk.indices.to_numpy(zero_copy_only=False)
            start += len(chunk)
        columns.append((codes, column.chunks[0].dictionary.to_pylist() if column.num_chunks else []))
    return columns


def _quoted_lines_agree(text: str, delimiter: str, columns) -> bool:
    """Whether every line holding a quote reads the same in the csv module as in Arrow's parser."""
    for i, line in enumerate(text.split("\n")):
        if '"' not in line:
            continue
        try:
            record = next(csv.reader([line.removesuffix("\r")], delimiter=delimiter), [])
        except csv.Error:
            return False
        if record != [values[codes[i]] for codes, values in columns]:
            return False
    return True


def read_csv(path: Path, source: str, options=None) -> list[Sheet]:
    """A delimited text file (``.csv``, ``.txt``) as one sheet: encoding and delimiter detected
    unless ``options.encoding`` forces the encoding."""
    forced = getattr(options, "encoding", None)
    text, encoding = decode(path.read_bytes(), forced)
    delimiter = _delimiter(text)
    regular = parse_regular(text, delimiter)
    if regular is not None:
        columns, n = regular
        cells = pd.DataFrame({j: np.array(values, dtype=object)[codes] if n else np.zeros(0, object)
                              for j, (codes, values) in enumerate(columns)}, dtype=object)
        rows = np.arange(1, n + 1, dtype=np.int64)
    else:
        cells, rows = _csv_module_grid(text, delimiter)
    # cells of a file decoded from legacy bytes, or read as told, are Unicode already
    cell_mode = "auto" if forced is None and encoding not in legacy.DECODERS else None
    sheet = Sheet(source, path.name, cells, rows, names=[path.name])
    _clean(sheet, cell_mode)
    sheet.encoding = encoding if encoding in legacy.DECODERS and forced is None else None
    return [sheet]


def _csv_module_grid(text: str, delimiter: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Every record by the csv module, padded to the widest, with the line each begins on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, rows, start = [], [], 1
    for record in reader:
        records.append(record)
        rows.append(start)
        start = reader.line_num + 1
    width = max((len(r) for r in records), default=0)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object)
    return cells, np.array(rows, dtype=np.int64)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return str(int(value))  # past 2**53 a float's digits are not what was typed: "1e+300"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return str(value)


# An encrypted (password-protected) OOXML workbook, and an Excel 97-2003 .xls, are OLE2
# compound files, not zip archives: they begin with this signature.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _check_workbook(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(8)
    if head == _OLE2:
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise Unreadable(Message("password"))
        raise Unreadable(Message("ole_file"))


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet of the workbook holds a formula (so that a second, formula-reading
    load is needed only then)."""
    with zipfile.ZipFile(path) as archive:
        return any(_FORMULA.search(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/") and name.endswith(".xml"))


def read_xlsx(path: Path, source: str, options=None) -> list[Sheet]:
    """Every worksheet, merged ranges filled with their top-left value (as the eye reads them).

    Hidden sheets are marked and left empty unless ``options.hidden_sheets``; formula cells
    that hold no saved value (a workbook written by a program and never opened in Excel) are
    listed in ``Sheet.uncached`` so that they are said, not read as blank.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_workbook(path)
    try:
        book = load_workbook(path, data_only=True)
    except InvalidFileException as exc:
        raise ValueError(str(exc)) from None
    if _is_pack_workbook(book):
        raise PackWorkbook(path.name)
    formulas = load_workbook(path, read_only=True, data_only=False) if _has_formulas(path) else None
    try:
        return _worksheets(book, formulas, path, source, options)
    finally:
        if formulas is not None:
            formulas.close()


def _worksheets(book, formulas, path: Path, source: str, options) -> list[Sheet]:
    encoding = getattr(options, "encoding", None)
    cell_mode = encoding if encoding in legacy.DECODERS else ("auto" if encoding is None else None)
    sheets = []
    for ws in book.worksheets:
        label = f"{source}[{ws.title}]" if len(book.worksheets) > 1 else source
        names = [path.name, ws.title]
        if ws.sheet_state != "visible" and not getattr(options, "hidden_sheets", False):
            sheets.append(Sheet(label, ws.title, pd.DataFrame(), np.array([], dtype=np.int64),
                                names=names, hidden=True))
            continue
        texts = _stored_texts(ws)
        found = _uncached(formulas[ws.title], texts) if formulas is not None else []
        _fill_merged(texts, ws.merged_cells.ranges)
        grid, rows, columns = _sparse_grid(texts, [(r, c) for r, c, _ in found])
        at_row = {int(r): i for i, r in enumerate(rows)}
        at_col = {int(c): j for j, c in enumerate(columns)}
        uncached = [(at_row[r], at_col[c], formula) for r, c, formula in found]
        sheet = Sheet(label, ws.title, pd.DataFrame(grid, dtype=object), rows, names=names,
                      uncached=uncached, hidden=ws.sheet_state != "visible",
                      columns=None if columns[-1:].tolist() in ([], [len(columns)]) else columns - 1)
        _clean(sheet, cell_mode)
        sheets.append(sheet)
    return sheets


# A stretch of blank rows or columns longer than this is shortened to it in the grid: a stray
# note in row 1,048,576 or column XFD costs one cell, not a sheet-sized grid. It is the header
# search's depth, so that no header is found, or missed, where the whole grid would not (or
# would) find it; any shorter stretch (a blank row ending a table) stays as it is.
BLANK_STRETCH = 40


def _stored_texts(ws) -> dict[tuple[int, int], str]:
    """The text of each cell the sheet stores with a value, by (row, column), both 1-based as
    Excel counts them. Only the cells in the file are visited, however far apart they are
    (openpyxl keeps a sheet's cells in a dictionary; its ``iter_rows`` would visit every cell
    of the rectangle up to the last one)."""
    texts = {}
    for at, cell in ws._cells.items():  # noqa: SLF001 - the stored cells only, see above
        text = _cell_text(cell.value)
        if text:
            texts[at] = text
    return texts


def _fill_merged(texts: dict[tuple[int, int], str], ranges) -> None:
    """Each merged range's cells take its top-left value, as the eye reads them (blank when
    that is blank)."""
    for merged in ranges:
        top = texts.get((merged.min_row, merged.min_col), "")
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if top:
                    texts[(r, c)] = top
                else:
                    texts.pop((r, c), None)


def _kept(used) -> np.ndarray:
    """The used rows (or columns), 1-based and sorted, with the blank ones between them, a
    stretch longer than ``BLANK_STRETCH`` shortened to its first ``BLANK_STRETCH``."""
    kept, last = [], 0
    for i in used:
        kept.extend(range(last + 1, min(i, last + 1 + BLANK_STRETCH)))
        kept.append(i)
        last = i
    return np.array(kept, dtype=np.int64)


def _sparse_grid(texts: dict[tuple[int, int], str], also) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """A grid over the used rows and columns (see ``_kept``; ``also``: more cells to hold, the
    formulas without a value), and the sheet's row and column (1-based) of each of its rows
    and columns: its size follows the cells present, not the distance between them. An empty
    sheet is one blank cell."""
    used = [*texts, *also] or [(1, 1)]
    rows = _kept(sorted({r for r, _ in used}))
    columns = _kept(sorted({c for _, c in used}))
    at_row = {int(r): i for i, r in enumerate(rows)}
    at_col = {int(c): j for j, c in enumerate(columns)}
    grid = [[""] * len(columns) for _ in rows]
    for (r, c), text in texts.items():
        grid[at_row[r]][at_col[c]] = text
    return grid, rows, columns


def _uncached(ws, texts: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """Cells (row, column as Excel counts them, formula) that hold a formula but no saved value.

    ``ws`` is the read-only sheet of formulas; told to forget its stated size, it yields each
    stored row only up to its last cell (and an empty row for each row it does not store)."""
    found = []
    ws.reset_dimensions()
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        for c, value in enumerate(row, start=1):
            formula = (isinstance(value, str) and value.startswith("=")) or (
                value is not None and type(value).__name__ in ("ArrayFormula", "DataTableFormula"))
            if formula and (r, c) not in texts:
                found.append((r, c, value if isinstance(value, str) else getattr(value, "text", "") or ""))
    return found


def read_parquet(path: Path, source: str, options=None) -> list[Sheet]:
    """Records as stored; row n is the n-th record (there is no header line to count)."""
    frame = pd.read_parquet(path).reset_index(drop=True)
    rows = np.arange(1, len(frame) + 1, dtype=np.int64)
    header = [nfc(str(c)) for c in frame.columns]
    encoding = getattr(options, "encoding", None)
    cell_mode = encoding if encoding in legacy.DECODERS else ("auto" if encoding is None else None)
    sheet = Sheet(source, path.name, frame, rows, header, names=[path.name])
    _clean(sheet, cell_mode, typed=True)
    return [sheet]


def _clean(sheet: Sheet, legacy_mode: str | None, typed: bool = False) -> None:
    """Every text cell converted from a legacy encoding where it is written in one
    (``legacy_mode``: "auto" detects, "tcvn3"/"vni" force, None leaves), then NFC with white
    space folded and invisible format characters removed; blank cells as "".

    Each cell changed is recorded in ``sheet.repairs``. Work is done once per distinct value.
    Typed (Parquet) cells keep their type; only text cells are cleaned.
    """
    cells = sheet.cells
    if cells.empty:
        sheet.ascii_only = True
        return
    if not typed:
        cells = cells.fillna("").astype(str)
    ascii_only = True
    for j in range(cells.shape[1]):
        column = cells.iloc[:, j]
        if typed and column.dtype != object and not isinstance(column.dtype, pd.StringDtype):
            continue
        try:
            codes, uniques = pd.factorize(column, use_na_sentinel=False)
        except TypeError:  # nested cells (lists) in a Parquet column: not text, left as they are
            continue
        cleaned, flagged = [], {}
        if isinstance(uniques, pd.Index):  # not one by one from Arrow
            uniques = uniques.to_numpy(dtype=object)
        for k, value in enumerate(uniques):
            if not isinstance(value, str):
                cleaned.append(value)
                continue
            text, encoding = (legacy.repair(value, None if legacy_mode == "auto" else legacy_mode)
                              if legacy_mode else (value, None))
            removed = format_chars(text)
            found = ([(encoding, "")] if encoding else []) + ([("format", removed)] if removed else [])
            if found:
                flagged[k] = found
            text = nfc(text)
            ascii_only = ascii_only and text.isascii()
            cleaned.append(text)
        cells.isetitem(j, np.array(cleaned + [None], dtype=object)[codes])
        if flagged:
            for i in np.flatnonzero(np.isin(codes, np.fromiter(flagged, dtype=np.int64))):
                for kind, removed in flagged[codes[i]]:
                    sheet.repairs.append(Repair(int(i), j, uniques[codes[i]], kind, removed))
    sheet.cells = cells
    sheet.ascii_only = ascii_only


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
    uniques = uniques.to_numpy(dtype=object) if isinstance(uniques, pd.Index) else uniques  # not one by one from Arrow
    mapped = np.array([func(u) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=column.index, dtype=object)


def _why(exc: Exception) -> Message:
    """What a parser's failure means for the person holding the file (the parser's own words,
    in English, kept in brackets for whoever debugs it)."""
    detail = f"{type(exc).__name__}: {exc}"
    for kind, key in ((zipfile.BadZipFile, "why_zip"), (zlib.error, "why_zlib"),
                      (SyntaxError, "why_xml"),  # xml.etree's ParseError
                      (EOFError, "why_eof")):
        if isinstance(exc, kind):
            return Message(key, detail=detail)
    return Message("text", text=detail)

READERS = {".csv": read_csv, ".txt": read_csv, ".xlsx": read_xlsx, ".xlsm": read_xlsx, ".parquet": read_parquet}


def read_sheets(path: Path, source: str, problems: Problems, options=None) -> list[Sheet]:
    """The sheets of one file; an unreadable or empty file becomes a problem, not an exception.

    Any failure of a parser on a file's content (a damaged zip, sheet XML cut short, bytes that
    are no Parquet) is a problem: hostile files never escape as a traceback."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        problems.error(source, None, None, "unsupported_type", suffix=path.suffix, suffixes=", ".join(SUFFIXES))
        return []
    if path.stat().st_size == 0:
        problems.error(source, None, None, "empty_file")
        return []
    try:
        sheets = reader(path, source, options)
    except Unreadable as exc:
        problems.error(source, exc.row, None, exc.args[0])
        return []
    except PackWorkbook:
        problems.warning(source, None, None, "pack_workbook")
        return []
    except Exception as exc:  # noqa: BLE001 - a parser's failure on hostile bytes is a data problem
        problems.error(source, None, None, "cannot_read", why=_why(exc))
        return []
    if all(s.hidden for s in sheets):
        return sheets
    if all(s.hidden or s.cells.empty or (s.header is None and (s.cells == "").all().all()) for s in sheets):
        problems.error(source, None, None, "empty_no_cells")
        return []
    return sheets
