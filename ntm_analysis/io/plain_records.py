"""The plain path of records: a clean CSV commune register, boundary mapping or targets table,
read on its distinct texts.

The careful path (sources → layout → tables._records) cleans, tests and parses every cell of a
register: 14,000 communes and 10,000 boundary rows are half a second. A records file as a
program writes it — its header on the first line, one record per line, every cell clean — is
read here column by column: Arrow's parser gives each column's distinct texts and a code per
row, each distinct text is screened, cleaned and parsed once (most in bulk, by Arrow), and the
rows are built from the codes.

It gives exactly the ``Records`` and problems the careful path gives (tests/test_plain_records.py
compares the two), or declines (None) as soon as the file is not plain: a cell repaired (legacy
encoding, invisible characters), a blank or totals or heading row, a header the careful path
would look for elsewhere, a value that does not parse, a required value missing, a commune
twice, names written with a bare "Xa " prefix … The careful path then reads the file and says
all of it. The only problem said here is the careful path's warning for a column it ignores.
"""

from __future__ import annotations

import codecs
import csv
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..fields import ASSESSMENT, COMMUNES, TARGETS, field_for, fields_of, parse_value
from ..problems import Problems
from ..text import clean_name, clean_unit, fold, has_bare_prefix, name_key, nfc
from . import legacy, plain
from .layout import (_ROMAN, _is_index_row, _is_key_header, _is_name_header, criterion_number,
                     is_total_label, records_kind, unit_heading)
from .sources import _delimiter, _looks_utf16, _quoted_lines_agree, regular_bytes, table_columns
from .tables import _NAME_FIELDS, TARGET_NEEDS, Records

_HEAD_BYTES = 1 << 16  # the first line is looked for in this much of a file


def read_records(path: Path, source: str, options) -> tuple[list[Records], Problems] | None:
    """The records of a plain CSV table of records and the problems said of it (columns
    ignored), or None when the careful path must read it (or it is no table of records)."""
    if not plain.ENABLED or options.encoding is not None or path.suffix.lower() != ".csv":
        return None
    if head_kind(path) is None:
        return None
    grid = _grid(path)
    if grid is None:
        return None
    labels, columns, n, ascii_only = grid
    kind = records_kind(labels)
    if kind is None or not _located(labels, columns, n):
        return None
    return _records(kind, source, labels, columns, n, ascii_only)


def head_kind(path: Path) -> str | None:
    """The kind of records the first line heads, split at any delimiter the careful path may
    choose; None for an assessment (most files: told from one line, nothing else read)."""
    with path.open("rb") as f:
        head = f.read(_HEAD_BYTES)
    if not head or _looks_utf16(head):
        return None
    head = head[len(codecs.BOM_UTF8):] if head.startswith(codecs.BOM_UTF8) else head
    end = head.find(b"\n")
    if end < 0:
        return None
    try:
        line = head[:end].decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        return None
    for delimiter in (",", ";", "\t"):
        try:
            labels = [nfc(c) for c in next(csv.reader([line], delimiter=delimiter), [])]
        except csv.Error:
            return None
        kind = records_kind(labels)
        if kind is not None and not any(criterion_number(c) is not None for c in labels if c):
            return kind
    return None


class _Column:
    """One column of the file as codes: per row (the header's included) a code, per code the
    text as the careful path cleans it, and whether that text is plain as a printed name."""

    def __init__(self, codes: np.ndarray, texts: np.ndarray, named: np.ndarray, total: np.ndarray,
                 heading: np.ndarray):
        self.codes, self.texts, self.named = codes, texts, named
        self.maybe = {"total": total, "heading": heading}  # texts the bulk screens cannot rule out
        self.body = codes[1:]
        self._used = None

    @property
    def used(self) -> np.ndarray:
        """Whether each code is a body row's (the header's text may be no other cell's)."""
        if self._used is None:
            self._used = np.bincount(self.body, minlength=len(self.texts)) > 0
        return self._used

    def per_code(self, func, dtype=object) -> np.ndarray:
        """``func`` of the text of each code used by a body row (others: the dtype's zero)."""
        out = np.zeros(len(self.texts), dtype=dtype) if dtype is not object else np.full(len(self.texts), None, object)
        for k in np.flatnonzero(self.used):
            out[k] = func(self.texts[k])
        return out

    def any_row(self, func, maybe: str | None = None) -> bool:
        """Whether ``func`` holds for any body row's text (of those the screen ``maybe`` has
        not ruled out)."""
        used = self.used if maybe is None else self.used & self.maybe[maybe]
        return any(func(t) for t in self.texts[used])

    def rows(self, per_code: np.ndarray) -> np.ndarray:
        return per_code[self.body]


def _grid(path: Path):
    """(labels, columns, body rows, ascii only) of a UTF-8 CSV file that parses regularly,
    every cell clean; None otherwise."""
    data = path.read_bytes()
    if not data or _looks_utf16(data):
        return None
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    end = -1
    for _ in range(61):  # the lines the delimiter is told from (``sources._delimiter``: 60)
        end = body.find(b"\n", end + 1)
        if end < 0:
            break
    try:  # the rest is checked to be UTF-8 by Arrow
        head = body.decode("utf-8") if end < 0 else body[:end + 1].decode("utf-8")
    except UnicodeDecodeError:
        return None
    delimiter = _delimiter(head)
    regular = regular_bytes(body, head, delimiter)
    if regular is None or regular[1] < 2:
        return None
    table, lines = regular
    if b'"' in body and not _quoted_lines_agree(body.decode("utf-8"), delimiter, table_columns(table)):
        return None
    import pyarrow as pa

    if any(column.num_chunks != 1 for column in table.columns):
        return None
    dictionaries = [column.chunks[0].dictionary for column in table.columns]
    found = _clean_texts(pa.concat_arrays(dictionaries))  # every column's texts screened at once
    if found is None:
        return None  # a cell repaired: said by the careful path
    ascii_only = all(t.isascii() for t in found[0])
    ends = np.cumsum([len(d) for d in dictionaries])
    columns = [_Column(column.chunks[0].indices.to_numpy(zero_copy_only=False).astype(np.int64),
                       *(part[end - len(d):end] for part in found))
               for column, d, end in zip(table.columns, dictionaries, ends)]
    labels = [c.texts[c.codes[0]] for c in columns]
    return labels, columns, lines - 1, ascii_only


@lru_cache(maxsize=1)
def _patterns() -> tuple[str, str, str, str]:
    """Regular expressions (RE2, for Arrow) of texts the careful path leaves as they are:
    (every character printable ASCII or a Vietnamese letter; some character that no legacy
    code page shows, so no legacy reading is tried; a name whose printed form differs; a
    text that may be a totals label)."""
    letters = sorted(legacy.vietnamese_letters())
    assert all(nfc(ch) == ch and ch.isprintable() for ch in letters)

    def chars(found) -> str:
        return "".join(f"\\x{{{ord(ch):x}}}" for ch in found)

    plain_chars = f"^[\\x20-\\x7e{chars(letters)}]*$"
    unshown = f"[^\\x00-\\x7f{chars(sorted(legacy._shown_as()))}]"
    lower = [ch for ch in letters if ch.islower() and not ch.isascii()]
    # ``clean_name``: the prefix "Xã " dropped, a first letter raised, a later word's first
    # letter raised when it is a lower-case letter with a diacritic
    renamed = f"^[xXa-z{chars(lower)}]| [{chars(lower)}]"
    # ``layout.is_total_label``: a label begins "tong", "total", "toan", "cong", "ca", "grand"
    # or "sub" once folded, so its first two letters are T and a letter folding to "o" …
    o = chars(ch for ch in letters if fold(ch) == "o")
    a = chars(ch for ch in letters if fold(ch) == "a")
    total_start = f"^(?:[Tt][oO{o}]|[Cc][oOaA{o}{a}]|[Gg][rR]|[Ss][uU])"
    return plain_chars, unshown, renamed, total_start


def _clean_texts(dictionary):
    """(each distinct text as the careful path cleans it; whether it prints as a name unchanged;
    whether it may be a totals label; whether it may be a heading), or None when any text
    would be repaired. Screened in bulk by Arrow; a text the screens cannot vouch for is
    cleaned as the careful path cleans a cell, and taken for a possible total or heading."""
    import pyarrow as pa
    import pyarrow.compute as pc

    plain_chars, unshown, renamed, total_start = _patterns()
    if not pa.types.is_string(dictionary.type):
        return None
    fine = pc.and_(pc.match_substring_regex(dictionary, plain_chars),
                   pc.invert(pc.match_substring_regex(dictionary, "^ | $|  ")))
    # ``legacy.repair`` leaves a text as it is when no code page shows it, or when every word
    # of it reads as Vietnamese: words judged once each, not once per text
    shown = pc.and_(fine, pc.invert(pc.or_(pc.string_is_ascii(dictionary),
                                           pc.match_substring_regex(dictionary, unshown))))
    shown = shown.to_numpy(zero_copy_only=False)
    if shown.any():
        at = np.flatnonzero(shown)
        words = pc.split_pattern_regex(dictionary.take(pa.array(at)), _TOKEN_BREAK)
        flat = pc.list_flatten(words)
        wrong = [w for w in pc.unique(flat).to_pylist() if legacy.judge(w)[1]]
        shown[:] = False
        if wrong:  # texts with a word that is no Vietnamese syllable: ``legacy.repair`` decides
            bad = pc.is_in(flat, value_set=pa.array(wrong, pa.string())).to_numpy(zero_copy_only=False)
            shown[at[pc.list_parent_indices(words).to_numpy(zero_copy_only=False)[bad]]] = True
    fine = pc.and_(fine, pa.array(~shown))
    named = pc.and_(fine, pc.invert(pc.match_substring_regex(dictionary, renamed)))
    total = pc.or_(pc.invert(fine), pc.match_substring_regex(dictionary, total_start))
    heading = pc.or_(pc.invert(fine), pc.match_substring_regex(dictionary, _HEADING_START))
    fine, named, total, heading = (a.to_numpy(zero_copy_only=False) for a in (fine, named, total, heading))
    texts = np.array(dictionary.to_pylist(), dtype=object)
    for k in np.flatnonzero(~fine):  # the rest as the careful path cleans a cell
        clean = plain._clean(texts[k])
        if clean is None:
            return None
        texts[k] = clean
    return texts, named, total, heading


# ``legacy._TOKEN_BREAK`` and ``layout.unit_heading``'s patterns for texts of printable ASCII and
# Vietnamese letters (white space: a single space), in RE2
_TOKEN_BREAK = "[ 0-9!-/:-@\\[-`{-~]+"
_HEADING_START = "(?i)^(?:(?:[ivxl]{1,6}|[0-9]{1,3}|[a-e]) *[.):-] *)?(?:huyện|thị xã|thành phố|quận|tỉnh|huyen) "


def _located(labels: list[str], columns: list[_Column], n: int) -> bool:
    """Whether ``layout.locate`` and ``split_body`` take the first line as the whole header and
    every other line as a record: no blank label, no second header line or column numbers, no
    blank, totals or heading row."""
    if n == 0 or any(not label for label in labels) or not any(_is_key_header(c) for c in labels):
        return False
    if any(criterion_number(label) is not None for label in labels):
        return False
    name_cols = [c for c, label in enumerate(labels) if _is_name_header(label)]
    for r in (1, 2):  # a lower header line (``locate``)
        if r > n:
            break
        cells = [column.texts[column.codes[r]] for column in columns]
        if any(cells[c] not in ("", labels[c]) for c in name_cols):
            break
        if sum(criterion_number(c) is not None for c in cells if c) >= 2:
            return False
    if _is_index_row([column.texts[column.codes[1]] for column in columns]):
        return False
    blank = np.ones(n, dtype=bool)
    for column in columns:
        blank &= column.rows(column.texts == "")
    if blank.any():
        return False
    fields = [field_for(label, ASSESSMENT) for label in labels]
    lead = sorted(set(range(min(3, len(labels)))) | set(name_cols))
    units = {i for i, f in enumerate(fields) if f is not None and f.name in ("district", "province")}
    numbers = [i for i, f in enumerate(fields) if f is not None and f.name == "row_number"]
    if any(columns[c].any_row(is_total_label, "total") for c in lead):
        return False
    if any(columns[c].any_row(lambda t: unit_heading(t) is not None, "heading") for c in lead if c not in units):
        return False
    return not any(columns[c].any_row(lambda t: bool(_ROMAN.match(fold(t)))) for c in numbers)


def _records(kind: str, source: str, labels, columns: list[_Column], n: int, ascii_only: bool):
    """``tables._records`` of a located plain table; None where it would say an error."""
    problems = Problems()
    frame = pd.DataFrame(index=range(n))
    found: dict[str, int] = {}
    blanks: dict[str, np.ndarray] = {}
    printed_keys = None
    for i, label in enumerate(labels):
        fld = field_for(label, kind)
        if fld is None:
            problems.warning(source, 1, label, "column_ignored")
            continue
        if fld.name in found:
            return None  # two columns of one field: an error
        found[fld.name] = i
        column = columns[i]
        blank = column.rows(column.texts == "")
        blanks[fld.name] = blank
        if fld.required and blank.any():
            return None  # a required value missing
        if fld.name in _NAME_FIELDS:
            if ascii_only:
                bare = column.rows(column.per_code(has_bare_prefix, bool))
                if bare.any() and 2 * int(bare.sum()) >= int((~blank).sum()):
                    return None  # "Xa " read as the prefix, with a warning
            district = None
            if kind == COMMUNES and fld.name == "commune":
                district = next((j for j, other in enumerate(labels)
                                 if (f := field_for(other, kind)) and f.name == "district"), None)
            register = kind == COMMUNES and fld.name == "commune"
            printed, keys = _names(column, None if district is None else columns[district], keyed=register)
            if register:
                printed_keys = keys[keys != None]  # noqa: E711 - (a blank name is no commune)
            frame[fld.name] = printed.tolist()
        else:
            values = np.full(len(column.texts), None, dtype=object)
            for k in np.flatnonzero(column.used):
                try:
                    values[k] = parse_value(fld, column.texts[k])
                except ValueError:
                    return None
            dtype = {"int": "Int64", "bool": "boolean", "number": "Float64"}.get(fld.kind, object)
            frame[fld.name] = pd.Series(values[column.body].tolist(), dtype=dtype).reset_index(drop=True)
    if any(f.required and f.name not in frame.columns for f in fields_of(kind)):
        return None
    if kind == TARGETS and {"kind", "commune", "value"} <= set(frame.columns):
        for i, target_kind in enumerate(frame["kind"]):
            if any(blanks[need][i] for need in TARGET_NEEDS.get(target_kind, ())):
                return None
    if printed_keys is not None and len(pd.unique(printed_keys)) < len(printed_keys):
        return None  # a commune listed twice
    return [Records(kind, source, frame, np.arange(2, n + 2, dtype=np.int64))], problems


def _names(column: _Column, district: _Column | None, keyed: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """Each row's name as printed (``clean_name``; None where blank), told apart by district
    as ``tables.qualify`` tells them; ``keyed``: and each printed name's key (None where it
    prints blank), else None."""
    at = np.flatnonzero(column.used)
    texts, named = column.texts[at], column.named[at]
    printed_of = np.full(len(column.texts), None, dtype=object)
    printed_of[at] = [(t if fine else clean_name(t)) if t else None for t, fine in zip(texts, named)]
    printed = column.rows(printed_of)
    keys = None
    if keyed:
        key_of = np.full(len(column.texts), None, dtype=object)
        key_of[at] = [name_key(p) if p else None for p in printed_of[at]]
        keys = column.rows(key_of)
    if district is None:
        return printed, keys
    # ``qualify``: a name whose key stands with two district keys (blank counting as one) is
    # told apart in the rows whose district is not blank
    name_key_code = np.full(len(column.texts), -1, dtype=np.int64)
    name_key_code[at] = pd.factorize(np.array([name_key(t) for t in texts], dtype=object))[0]
    units = np.flatnonzero(district.used)
    unit_key_code = np.full(len(district.texts), -1, dtype=np.int64)
    unit_key_code[units] = pd.factorize(np.array([name_key(t) for t in district.texts[units]], dtype=object))[0]
    width = int(unit_key_code.max()) + 2
    row_key = name_key_code[column.body]
    pairs = np.unique(row_key * width + unit_key_code[district.body])
    spread = np.bincount(pairs // width, minlength=int(row_key.max(initial=0)) + 1)
    repeated = (spread[row_key] > 1) & district.rows(district.texts != "")
    if repeated.any():
        rows = np.flatnonzero(repeated)
        pair_codes, distinct = pd.factorize(column.body[rows] * len(district.texts) + district.body[rows])
        told = [f"{printed_of[p // len(district.texts)]} ({clean_unit(district.texts[p % len(district.texts)])})"
                for p in distinct]
        told = _printed(told)
        printed = printed.copy()
        printed[rows] = told[pair_codes]
        if keys is not None:
            keys = keys.copy()
            keys[rows] = np.array([name_key(t) if t else None for t in told], dtype=object)[pair_codes]
    return printed, keys


def _printed(texts: list[str]) -> np.ndarray:
    """``clean_name`` of names told apart ("Tân Lập (Sơn Dương)"), screened in bulk: most
    print as written."""
    import pyarrow as pa

    found = _clean_texts(pa.array(texts, pa.string()))
    if found is None:  # (a name and district as read are clean: their parts cannot be repaired)
        return np.array([clean_name(t) for t in texts], dtype=object)
    return np.array([t if fine else clean_name(t) for t, fine in zip(texts, found[1])], dtype=object)
