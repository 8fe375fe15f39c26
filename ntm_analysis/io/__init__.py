"""Reading office files: any mix of CSV, XLSX and Parquet files and folders → pieces.

``read`` never raises for bad data: every problem goes into the ``Problems`` it is given.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import numpy as np

from ..pack import is_pack
from ..problems import Problems
from ..text import describe_chars
from ..vocab_messages import Message, column_ref
from .layout import Table, locate
from .legacy import ENCODINGS as LEGACY_NAMES
from . import ahead, plain
from .plain import read_plain
from .plain_records import head_kind, read_records
from .provenance import check_recorded
from .sources import ENCODINGS, SUFFIXES, Sheet, read_sheets
from .tables import Options, Piece, Records, interpret

__all__ = ["ENCODINGS", "NotData", "Options", "Piece", "Records", "data_files", "expand", "read"]


class NotData(FileNotFoundError):
    """A named path that is not input data (a report pack this package wrote): a usage error."""


def expand(paths) -> list[tuple[Path, str]]:
    """Files named or found (recursively, sorted) in folders, each with the name messages use.

    Hidden files and folders, Excel lock files (~$…), files of other types, and report packs this
    package wrote (folders holding its pack.json) are passed over inside folders, so that a pack
    written into the data folder is never read back as data; a named path that does not exist
    raises FileNotFoundError, and a named pack NotData (usage errors, not data errors).
    """
    found = []
    for given in paths:
        path = Path(given)
        if not path.exists():  # typed in one Unicode form, stored in the other (a Mac writes NFD)
            path = _spelled_otherwise(path) or path
        if path.is_dir():
            if is_pack(path):
                raise NotData(Message("is_pack", path=str(given)))
            packs = [p.parent.relative_to(path).parts for p in path.rglob("pack.json") if is_pack(p.parent)]
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                hidden = any(part.startswith((".", "~$")) for part in relative.parts)
                in_pack = any(relative.parts[:len(pack)] == pack for pack in packs)
                if child.is_file() and not hidden and not in_pack and child.suffix.lower() in SUFFIXES:
                    found.append((child, str(Path(given) / relative)))
        elif path.is_file():
            found.append((path, str(given)))
        else:
            raise FileNotFoundError(Message("no_such_path", path=str(given)))
    return found


def _spelled_otherwise(path: Path) -> Path | None:
    """The existing path that ``path`` names once every part is compared in NFC ("báo_cáo" typed
    composed, the file's name stored decomposed), when exactly one entry matches each part."""
    import unicodedata

    current = Path(path.anchor) if path.is_absolute() else Path(".")
    for part in path.parts[1:] if path.is_absolute() else path.parts:
        if (current / part).exists():
            current = current / part
            continue
        want = unicodedata.normalize("NFC", part)
        try:
            same = [c for c in current.iterdir() if unicodedata.normalize("NFC", c.name) == want]
        except OSError:
            return None
        if len(same) != 1:
            return None
        current = same[0]
    return current if str(current) != str(path) else None


# Spreadsheets of other formats that a folder may hold: said, since their data would be missing.
OTHER_SHEETS = (".xls", ".xlsb", ".ods", ".numbers")


def _other_sheets(paths, problems: Problems) -> None:
    for given in paths:
        if Path(given).is_dir():
            for child in sorted(Path(given).rglob("*")):
                if child.suffix.lower() in OTHER_SHEETS and not child.name.startswith((".", "~$")):
                    problems.warning(str(Path(given) / child.relative_to(given)), None, None,
                                     "other_sheet_format", suffix=child.suffix)


def read(paths, options: Options, problems: Problems) -> list[Piece | Records]:
    """Every piece in ``paths``, in file order; problems are added to ``problems``."""
    pieces: list[Piece | Records] = []
    _other_sheets(paths, problems)
    files = _without_text_notes(expand(paths), paths, options, problems)
    check_recorded(files, problems)
    if not files:
        problems.error(", ".join(map(str, paths)), None, None, "no_data_files", suffixes=", ".join(SUFFIXES))
    with _reading_ahead(files, options):
        for path, source in files:
            _read_file(path, source, options, problems, pieces)
    return pieces


def data_files(paths, options: Options | None = None) -> list[tuple[Path, str]]:
    """``expand`` without the ``.txt`` notes found in folders (see ``_without_text_notes``): the
    files a command reads as data, as ``ntm record`` records them and a pack lists its inputs."""
    return _without_text_notes(expand(paths), paths, options or Options(), Problems())


def _without_text_notes(files, paths, options: Options, problems: Problems) -> list[tuple[Path, str]]:
    """``files`` without the ``.txt`` files found in folders that hold no table, each said.

    Notes and READMEs live beside the data; a ``.txt`` is data when it is a table (Excel's
    "Unicode Text" of a form), and one found in a folder is read only then: otherwise one
    warning says it was not read, rather than an error that would stop every command on a
    folder with a README.txt. A ``.txt`` named on the command line is always read (its
    problems said)."""
    named = {str(given) for given in paths if not Path(given).is_dir()}
    kept = []
    for path, source in files:
        if path.suffix.lower() == ".txt" and source not in named and not _holds_table(path, source, options):
            problems.warning(source, None, None, "text_without_table")
        else:
            kept.append((path, source))
    return kept


def _holds_table(path: Path, source: str, options: Options) -> bool:
    """Whether a text file reads as a table (a header found, whatever its other problems)."""
    sheets = read_sheets(path, source, Problems(), options)
    return bool(sheets) and locate(sheets[0], Problems()) is not None


def _reading_ahead(files, options):
    """The plain files parsed ahead in a second thread (``io.ahead``) while each is interpreted."""
    if not plain.ENABLED or options.encoding is not None:
        return nullcontext()
    return ahead.reading_ahead([path for path, _ in files], plain.parser(), wanted=_plain_assessment)


def _plain_assessment(path: Path) -> bool:
    """Whether the plain path may read ``path`` as an assessment (a register is read otherwise)."""
    suffix = path.suffix.lower()
    return suffix == ".parquet" or (suffix == ".csv" and head_kind(path) is None)


def _read_file(path: Path, source: str, options: Options, problems: Problems, pieces: list) -> None:
    """The pieces of one file, added to ``pieces``."""
    read = read_records(path, source, options) or read_plain(path, source, options)
    if read is not None:  # the common case, read on codes (io/plain.py, io/plain_records.py)
        pieces.extend(read[0])
        problems.extend(read[1])
        return
    sheets = read_sheets(path, source, problems, options)
    if sheets and sheets[0].encoding:
        problems.warning(source, None, None, "read_as_legacy",
                         encoding=Message(f"encoding_{sheets[0].encoding}"))
    for sheet in sheets:
        if sheet.hidden and not options.hidden_sheets:
            problems.warning(sheet.source, None, None, "hidden_sheet", name=sheet.name)
    sheets = [s for s in sheets if options.hidden_sheets or not s.hidden]
    tables = []
    for sheet in sheets:
        found = Problems()
        table = locate(sheet, found)
        _say_cells(sheet, table, options, problems)
        if table is None and len(sheets) > 1:  # a notes sheet beside the table is fine
            problems.warning(sheet.source, None, None, "sheet_without_header")
            continue
        problems.extend(found)
        tables += [table] if table is not None else []
    if sheets and len(sheets) > 1 and not tables:
        problems.error(source, None, None, "no_sheet_header")
    for table in tables:
        pieces.extend(_interpret(table, options, problems))


def _interpret(table: Table, options: Options, problems: Problems) -> list[Piece | Records]:
    """The pieces of a table; a turned (transposed) form's problems are said where the person
    sees the cells, and its communes' rows are the row of their names."""
    if table.transposed is None:
        return interpret(table, options, problems)
    found = Problems()
    pieces = interpret(table, options, found)
    problems.extend([table.relocate(p) for p in found])
    for piece in pieces:
        if isinstance(piece, Piece):
            piece.rows = np.full(len(piece.rows), table.transposed.name_row, dtype=np.int64)
    return pieces


FORMAT_WARNINGS_PER_COLUMN = 20


def _column_name(sheet: Sheet, table: Table | None, col: int) -> str:
    return table.column_name(col) if table is not None else column_ref(sheet.column_letters(col))


def _say_cells(sheet: Sheet, table: Table | None, options, problems: Problems) -> None:
    """What reading changed or could not read in single cells, each named by row and column:
    legacy-encoded text converted (one warning per column), invisible characters removed (a
    warning per cell), formulas without a saved value (an error in the table's marks and names,
    else a warning: the value cannot be checked)."""
    by_column: dict[tuple[int, str], list] = {}
    for repair in sheet.repairs:
        by_column.setdefault((repair.col, repair.kind), []).append(repair)
    for (col, kind), repairs in sorted(by_column.items()):
        column = _column_name(sheet, table, col)
        first = repairs[0]
        if kind in LEGACY_NAMES:
            if options.encoding is None:
                problems.warning(sheet.source, int(sheet.rows[first.row]), column, "legacy_cells",
                                 first.original, n=len(repairs), encoding=Message(f"encoding_{kind}"))
            continue
        for repair in repairs[:FORMAT_WARNINGS_PER_COLUMN]:
            problems.warning(sheet.source, int(sheet.rows[repair.row]), column, "invisible_removed",
                             repair.original, chars=describe_chars(repair.detail))
        if len(repairs) > FORMAT_WARNINGS_PER_COLUMN:
            rest = repairs[FORMAT_WARNINGS_PER_COLUMN:]
            problems.warning(sheet.source, int(sheet.rows[rest[0].row]), column, "invisible_more",
                             n=len(rest))
    for r, c, formula in sheet.uncached:
        row, column = int(sheet.rows[r]), _column_name(sheet, table, c)
        if table is not None and table.holds_marks(r, c):
            problems.error(sheet.source, row, column, "formula_marks", formula)
        else:
            problems.warning(sheet.source, row, column, "formula_other", formula)
