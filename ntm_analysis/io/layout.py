"""Where the table sits in an office form: title rows, a (possibly two-row, merged) header,
a column-number row, the communes (in district blocks with heading and subtotal rows in a
provincial form), a "Tổng cộng" row, and signatures below.

``locate`` turns a grid of cells into a ``Table``: one label per column, the body rows, the
totals rows, the district and province of each row, and the title text, leaving what the cells
mean to ``tables.py``. Forms that put the criteria in rows and the communes in columns are
turned the right way round (``transposed.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..fields import ASSESSMENT, BOUNDARIES, COMMUNES, TARGETS, field_for
from ..problems import Problem, Problems
from ..vocab_messages import Message, column_ref, row_ref
from ..text import clean_unit, fold, nfc, parse_status
from .sources import Sheet, cell_text, column_letters, map_unique  # noqa: F401 - column_letters: re-exported

HEADER_SEARCH_ROWS = 40
_CRITERION_HEADER = re.compile(
    r"^(?:(?:tc|tieu chi|criterion|crit|c)\s*(?:so)?\s*[_\-.]?\s*)?0*(?P<n>\d{1,2})"
    r"(?:\s*[.:)\-]\s*\D.*|\s+[^\d\s].*)?$"
)
_INDEX_CELL = re.compile(r"^\(?[0-9a-z]{1,3}\)?$")
# Totals and subtotals: "Tổng cộng", "Tổng", "Cộng", "Cộng huyện Lộc Bình", "Toàn huyện",
# "Cộng (I)"; not a commune that begins with the word ("Cộng Hòa").
_UNIT_WORDS = r"(?:huyen|tinh|quan|thi xa|thanh pho|khu vuc|vung|xa|toan bo)"
_TOTAL = re.compile(
    rf"^(?:(?:tong cong|tong so|tong|cong|total|sub ?total|grand total)(?: (?:toan |ca )?{_UNIT_WORDS}\b.*)?"
    rf"|(?:toan|ca) {_UNIT_WORDS}\b.*|cong \(?[ivx0-9]{{1,4}}\)?)$")
_TOTAL_INITIALS = set("TtCcGgSs")  # Tổng, Toàn, Total, Cộng, Cả, Grand, Sub
_HEADING_INITIALS = set("HhTtQq")  # Huyện, Thị xã, Thành phố, Tỉnh, Quận
_GRAND = re.compile(r"^(?:tong cong|tong so|tong|total|grand total|toan|ca |cong toan|cong ca)")
# A heading row of a provincial form: the district (or province) of the rows below it. Matched
# with diacritics: "Tĩnh Bắc" and "Quân Chu" are communes, "Tỉnh …" and "Quận …" units; a file
# typed without diacritics may write "Huyen …".
_HEADING = re.compile(r"^(?P<level>huyện|thị xã|thành phố|quận|tỉnh|huyen) \S")
# A heading may be numbered in the same cell, as a provincial form counts its districts:
# "I. Huyện Lộc Bình", "1) Huyện …", "A - Huyện …".
_ENUMERATOR = re.compile(r"^(?:[ivxl]{1,6}|\d{1,3}|[a-e])\s*[.):\-–]\s*")
_ENUMERATOR_INITIALS = set("0123456789IVXLivxlABCDEabcde")  # what ``_ENUMERATOR`` can begin with
_ROMAN = re.compile(r"^[ivxl]{1,6}\.?$")


@dataclass
class Total:
    """A totals row: the total of the table ("Tổng cộng") or of a block ("Cộng huyện …").

    It is checked against the communes of its block (since the previous heading or subtotal)
    or against every commune above it, whichever it agrees with; labelled as a total of
    everything (``grand``), the second is the one its disagreement is told against."""

    row: int  # the row as a person counts it
    cells: pd.Series  # its cells as text, by column position
    label: str
    start: int  # body index of the first commune of its block
    end: int  # body index after its last commune
    grand: bool


@dataclass
class Table:
    """A located table: a label per column, the body rows, and what surrounds them."""

    sheet: Sheet
    labels: list[str]
    header_row: int  # the row (as a person counts) of the header's lowest line
    body: pd.DataFrame  # the data rows, columns as in ``labels``
    rows: np.ndarray  # row numbers of ``body``
    title: str = ""  # text above the header, where a period may be stated
    totals: list[Total] = field(default_factory=list)
    # district and province of each body row from heading rows and the title ("" where none)
    units: pd.DataFrame = field(default_factory=pd.DataFrame)
    grid_rows: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))  # body rows in ``sheet.cells``
    transposed: object | None = None  # a ``transposed.Turn`` when the form was turned round
    _body_rows: set | None = field(default=None, repr=False)

    def column_name(self, col: int) -> str:
        """How messages name a column of the sheet's grid: its header, else its letters."""
        if self.transposed is not None:
            return self.transposed.column_name(col)
        if col < len(self.labels) and self.labels[col]:
            return self.labels[col]
        return column_ref(self.sheet.column_letters(col))

    def holds_marks(self, grid_row: int, col: int) -> bool:
        """Whether a cell of the grid is one the figures are made of: a status or a name."""
        if self.transposed is not None:
            return self.transposed.holds_marks(grid_row, col)
        if self._body_rows is None:
            self._body_rows = set(self.grid_rows.tolist())
        if col >= len(self.labels) or grid_row not in self._body_rows:
            return False
        label = self.labels[col]
        known = field_for(label, ASSESSMENT) if label else None
        return criterion_number(label) is not None or (
            known is not None and known.name in ("commune", "period", "criterion", "status", "district"))

    def relocate(self, problem: Problem) -> Problem:
        """A problem said of the table as read, told where the person sees the cell."""
        return self.transposed.relocate(problem) if self.transposed is not None else problem


def criterion_number(header: str) -> int | None:
    """The criterion a column header names ("TC 01", "Tiêu chí số 1", "1. Quy hoạch"), or None."""
    match = _CRITERION_HEADER.match(fold(header).strip())
    return int(match["n"]) if match else None


def _label_key(text: str) -> str:
    return re.sub(r"[\s:.,;\-]+", " ", fold(text)).strip()


def is_total_label(text: str) -> bool:
    """Whether a cell marks a totals row ("Tổng cộng", "Cộng", "Tổng", "Cộng huyện Lộc Bình",
    "Toàn huyện", "Total"); "Cộng Hòa", a commune, is not one."""
    if not text or text[0] not in _TOTAL_INITIALS:  # most cells (numbers, names) stop here
        return False
    return bool(_TOTAL.match(_label_key(text)))


# The signature block office forms end with: titles ("NGƯỜI LẬP BIỂU", "TM. BAN CHỈ ĐẠO", "KT.
# CHỦ TỊCH", "THỦ TRƯỞNG ĐƠN VỊ"), the place and date ("Lộc Bình, ngày 31 tháng 3 năm 2020"),
# "(Ký, ghi rõ họ tên)", "(đã ký)"; matched folded (no diacritics, lower case).
_SIGNATURE = re.compile(
    r"^(nguoi (lap|tong hop|kiem tra|duyet)( bieu| bang| so lieu)?|thu truong( don vi| co quan)?|"
    r"(tm|kt|tl|tuq)(\. ?| )\S.*|q\. ?\S.*|(pho )?(chu tich|truong ban|giam doc|truong phong|chanh van phong)( .*)?|"
    r"(ban chi dao|van phong dieu phoi|uy ban nhan dan)( .*)?|noi nhan:?.*|xac nhan( .*)?|"
    r"\(?(ky|da ky|ky,? ghi ro ho ten|ky,? ho ten|ky ten, dong dau|ky, dong dau)( .*)?\)?|"
    r".{0,60}ngay .{0,8} thang .{0,8} nam .{0,8})$")
# A signer's name under the titles: two to six words of letters ("Nguyễn Văn An").
_PERSON = re.compile(r"^[^\W\d_]+( [^\W\d_]+){1,5}$")


def is_signature(text: str) -> bool:
    """Whether a cell belongs to a form's signature block (a title, the place and date, "(Ký,
    ghi rõ họ tên)"); see ``signature_rows`` for the signers' names below them."""
    return bool(_SIGNATURE.match(re.sub(r"\s+", " ", fold(text)).strip()))


def signature_rows(rows: list[list[str]]) -> list[bool]:
    """Which of the rows below a table are its signature block: rows whose every filled cell is
    a signature title, a date line or "(Ký, ghi rõ họ tên)", and below such a row, rows of
    signers' names. Anything else below the table (a note, a stray figure) is not, and is said."""
    out, signed = [], False
    for cells in rows:
        filled = [c.strip() for c in cells if c and c.strip()]
        titles = bool(filled) and all(is_signature(c) for c in filled)
        names = signed and bool(filled) and all(_PERSON.match(nfc_space(c)) for c in filled)
        out.append(titles or names or not filled)
        signed = signed or titles
    return out


def nfc_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def is_grand_total(text: str) -> bool:
    """Whether a totals label speaks of everything ("Tổng cộng", "Toàn tỉnh") rather than a block."""
    return bool(_GRAND.match(_label_key(text)))


def unit_heading(text: str) -> tuple[str, str] | None:
    """("district" or "province", name) of a heading cell such as "Huyện Lộc Bình", "Tỉnh Lạng
    Sơn", "Thị xã …", "Thành phố …", numbered or not ("I. Huyện Lộc Bình"); None otherwise."""
    if not text:
        return None
    if text[0] not in _HEADING_INITIALS:
        if text[0] not in _ENUMERATOR_INITIALS:  # most cells stop here
            return None
        numbered = _ENUMERATOR.match(nfc(text).lower())
        if not numbered:
            return None
        text = text[numbered.end():]
        if not text or text[0] not in _HEADING_INITIALS:
            return None
    match = _HEADING.match(nfc(text).lower())
    if not match:
        return None
    return ("province" if match["level"] == "tỉnh" else "district"), clean_unit(text)


_TITLE_UNIT = re.compile(r"^(?:ubnd|uy ban nhan dan|bcd|ban chi dao\b.*?|van phong\b.*?|vp\b.*?)\s+"
                         r"(?P<level>huyen|tinh)\s+(?P<rest>.+)$")


def title_units(cells) -> dict[str, str]:
    """District and province an office's letterhead names: "UBND HUYỆN LỘC BÌNH" -> district
    "Lộc Bình" (title-cased when written in capitals)."""
    found: dict[str, str] = {}
    for cell in cells:
        if not cell:
            continue
        words = nfc(cell).split(" ")
        folded = [fold(w) for w in words]
        match = _TITLE_UNIT.match(" ".join(folded))
        if not match:
            continue
        at = folded.index(match["level"], 1)
        name = clean_unit(" ".join(words[at + 1:]).strip(" :.,"))
        level = "province" if match["level"] == "tinh" else "district"
        if name:
            found.setdefault(level, name)
    return found


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
    if header is None or not _reads_as_records_or_marks(cells, header):
        from .transposed import turn

        turned = turn(sheet, cells, problems)
        if turned is not None:
            return turned
    if header is None:
        problems.error(sheet.source, None, None, "no_header_found", n=HEADER_SEARCH_ROWS)
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
    split_body(table, cells[start:], sheet.rows[start:], problems, first=start,
               above=title_units(c for row in cells[:header] for c in row))
    return table


def _reads_as_records_or_marks(cells, header: int) -> bool:
    """Whether the rows from ``header`` head a table this module reads the usual way: criteria as
    columns, a long form, or records; else the form may have its criteria in rows."""
    name_cols = [c for c, cell in enumerate(cells[header]) if _is_name_header(cell)]
    for r in range(header, min(header + 3, len(cells))):
        if r > header and any(cells[r][c] not in ("", cells[header][c]) for c in name_cols):
            break  # the data begins (as ``locate`` reads a header)
        row = [c for c in cells[r] if c]
        if sum(criterion_number(c) is not None for c in row) >= 2 or records_kind(row) is not None:
            return True
        fields = {f.name for c in row if (f := field_for(c, ASSESSMENT)) is not None}
        if {"criterion", "status"} <= fields:  # a long form
            return True
    return False


def _typed_table(sheet: Sheet, problems: Problems) -> Table:
    """A Parquet table: records as stored; totals rows in the commune column are set apart."""
    table = Table(sheet, sheet.header, 0, sheet.cells, sheet.rows)
    table.grid_rows = np.arange(len(sheet.cells), dtype=np.int64)
    name_cols = [i for i, label in enumerate(sheet.header) if _is_name_header(label)]
    if not name_cols or sheet.cells.empty:
        return table
    names = sheet.cells.iloc[:, name_cols[0]]
    totals = map_unique(names, lambda v: isinstance(v, str) and is_total_label(v)).to_numpy(bool)
    if totals.any():
        body_at = np.flatnonzero(~totals)
        at_total = np.flatnonzero(totals)
        before = np.searchsorted(body_at, at_total)  # body rows above each total
        block_start = 0
        for at, end in zip(at_total, before):
            label = str(names.iloc[at])
            cells = pd.Series([cell_text(v) for v in sheet.cells.iloc[at]])
            table.totals.append(Total(int(sheet.rows[at]), cells, label, block_start, int(end),
                                      is_grand_total(label)))
            block_start = int(end)
        table.body = sheet.cells.iloc[body_at].reset_index(drop=True)
        table.rows, table.grid_rows = sheet.rows[body_at], body_at.astype(np.int64)
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


def _flags(frame: pd.DataFrame, columns, test) -> np.ndarray:
    """Rows where ``test`` holds for any of ``columns`` (tested once per distinct value)."""
    out = np.zeros(len(frame), dtype=bool)
    for c in columns:
        out |= map_unique(frame.iloc[:, c], test).to_numpy(dtype=bool)
    return out


def _heading_unit(frame, i, heading_cells, columns) -> tuple[str, str]:
    """The unit a heading row names: "Huyện Lộc Bình", or a name beside a roman number."""
    found = next((h.iloc[i] for h in heading_cells if h.iloc[i] is not None), None)
    if found is not None:
        return found
    texts = [frame.iat[i, c] for c in columns if frame.iat[i, c] and not _ROMAN.match(fold(frame.iat[i, c]))]
    return "district", clean_unit(texts[0]) if texts else ""


def split_body(table: Table, cells: np.ndarray, rows: np.ndarray, problems: Problems, first: int = 0,
               above: dict[str, str] | None = None) -> None:
    """The body rows of a table: communes, with totals and subtotals set apart, heading rows
    giving the district (or province) of the rows below them, and what lies below the table
    (signatures, notes) said, not lost.

    A blank row or a subtotal in the middle of the table does not end it: communes below them
    are kept. The table ends after its last row that looks like a commune (a status word in a
    criterion column or a running number) or a totals row; rows right under it with no blank
    between are communes too (an x/blank form's commune meeting nothing)."""
    labels = table.labels
    width = len(labels)
    frame = pd.DataFrame(cells.tolist() if len(cells) else [], columns=range(width), dtype=object)
    criteria_cols = [i for i, label in enumerate(labels) if criterion_number(label) is not None]
    name_cols = [i for i, label in enumerate(labels) if _is_name_header(label)]
    number_cols = [i for i, label in enumerate(labels)
                   if label and (f := field_for(label, ASSESSMENT)) is not None and f.name == "row_number"]
    lead = sorted(set(range(min(3, width))) | set(name_cols))
    unit_cols = {i for i, label in enumerate(labels)
                 if label and (f := field_for(label, ASSESSMENT)) is not None and f.name in ("district", "province")}
    blank = (frame == "").all(axis=1).to_numpy() if len(frame) else np.zeros(0, dtype=bool)
    total = _flags(frame, lead, is_total_label)
    marks = _flags(frame, criteria_cols, lambda v: v != "" and parse_status(v) is not None)
    numbered = _flags(frame, number_cols, lambda v: v.isdigit())
    roman = _flags(frame, number_cols, lambda v: bool(_ROMAN.match(fold(v))))
    heading_cells = [map_unique(frame.iloc[:, c], unit_heading) for c in lead if c not in unit_cols]
    headed = np.zeros(len(frame), dtype=bool)
    for found in heading_cells:
        headed |= found.notna().to_numpy()
    # a heading row: a unit named ("Huyện Lộc Bình") or a roman number, no marks, and nothing
    # else (a register's row naming a commune and its district is a record)
    few = np.zeros(len(frame), dtype=bool)
    for i in np.flatnonzero(headed | roman):  # only the candidate rows
        few[i] = len(set(cells[i]) - {""}) <= 2
    heading = (headed | (roman & ~numbered)) & few & ~marks & ~total & ~blank
    likely = marks | numbered | total
    last = int(np.flatnonzero(likely)[-1]) if likely.any() else -1
    end = last + 1
    if not criteria_cols:  # records (a register, targets): every row down to the last
        end = int(np.flatnonzero(~blank)[-1]) + 1 if (~blank).any() else 0
    elif last < 0 or not total[last]:
        while end < len(frame) and not (blank[end] or heading[end] or total[end]):
            end += 1
    region = np.arange(len(frame)) < end
    special = (total | heading) & region
    keep = np.flatnonzero(region & ~blank & ~special)
    above = above or {}
    district = np.full(len(keep), above.get("district", ""), dtype=object)
    province = np.full(len(keep), above.get("province", ""), dtype=object)
    block_start = 0
    for i in np.flatnonzero(special):  # a few rows: totals, subtotals and headings
        at = int(np.searchsorted(keep, i))  # communes above this row
        if total[i]:
            label = next(frame.iat[i, c] for c in lead if is_total_label(frame.iat[i, c]))
            grand = is_grand_total(label)
            # a grand total written at the head of the table, above every commune, totals the
            # communes below it
            end_at = len(keep) if grand and at == 0 else at
            table.totals.append(Total(int(rows[i]), frame.iloc[i].reset_index(drop=True), label,
                                      block_start, end_at, grand))
        else:
            level, name = _heading_unit(frame, i, heading_cells, [c for c in name_cols + lead if c not in unit_cols])
            if level == "province":
                province[at:], district[at:] = name, ""
            else:
                district[at:] = name
        block_start = at
    below_at = [i for i in range(end, len(frame)) if not blank[i]]
    signed = signature_rows([list(cells[i]) for i in below_at])
    below_at = [i for i, sig in zip(below_at, signed) if not sig]  # a signature block is no news
    if below_at:
        below = [int(rows[i]) for i in below_at]
        first_text = next(c for c in cells[below_at[0]] if c)
        span = row_ref(below[0]) if len(below) == 1 else Message("rows_ref", first=below[0], last=below[-1])
        problems.warning(table.sheet.source, below[0], None, "rows_below", first_text, n=len(below), span=span)
    table.body = frame.iloc[keep].reset_index(drop=True) if len(keep) else pd.DataFrame(columns=range(width))
    table.rows = rows[keep].astype(np.int64)
    table.grid_rows = keep.astype(np.int64) + first
    table.units = pd.DataFrame({"district": district, "province": province}, dtype=object)


def records_kind(labels: list[str]) -> str | None:
    """Which table of records the labels head (BOUNDARIES, TARGETS, COMMUNES), or None.

    Each is told by the fields only it has: old and new commune; target and kind; any commune
    attribute beyond the name and district (a province too). A table with a criterion and a
    status column is an assessment in long form, whatever else it carries.
    """
    def names(table):
        return {f.name for label in labels if label and (f := field_for(label, table)) is not None}

    if {"old_commune", "new_commune"} <= names(BOUNDARIES):
        return BOUNDARIES
    if {"target", "kind"} <= names(TARGETS):
        return TARGETS
    if {"criterion", "status"} <= names(ASSESSMENT):
        return None
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
