"""Reading office files: any mix of CSV, XLSX and Parquet files and folders → pieces.

``read`` never raises for bad data: every problem goes into the ``Problems`` it is given.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Problems
from .layout import locate
from .sources import SUFFIXES, read_sheets
from .tables import Options, Piece, Records, interpret

__all__ = ["Options", "Piece", "Records", "expand", "read"]


def expand(paths) -> list[tuple[Path, str]]:
    """Files named or found (recursively, sorted) in folders, each with the name messages use.

    Hidden files, Excel lock files (~$…) and files of other types inside folders are passed over;
    a named path that does not exist raises FileNotFoundError (a usage error, not a data error).
    """
    found = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                hidden = any(part.startswith((".", "~$")) for part in relative.parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUFFIXES:
                    found.append((child, str(Path(given) / relative)))
        elif path.is_file():
            found.append((path, str(given)))
        else:
            raise FileNotFoundError(f"no such file or folder: {given}")
    return found


# Spreadsheets of other formats that a folder may hold: said, since their data would be missing.
OTHER_SHEETS = (".xls", ".xlsb", ".ods", ".numbers")


def _other_sheets(paths, problems: Problems) -> None:
    for given in paths:
        if Path(given).is_dir():
            for child in sorted(Path(given).rglob("*")):
                if child.suffix.lower() in OTHER_SHEETS and not child.name.startswith((".", "~$")):
                    problems.warning(str(Path(given) / child.relative_to(given)), None, None,
                                     f"{child.suffix} files are not read: save it as .xlsx or .csv")


def read(paths, options: Options, problems: Problems) -> list[Piece | Records]:
    """Every piece in ``paths``, in file order; problems are added to ``problems``."""
    pieces: list[Piece | Records] = []
    _other_sheets(paths, problems)
    files = expand(paths)
    if not files:
        problems.error(", ".join(map(str, paths)), None, None,
                       f"no data files found (expected {', '.join(SUFFIXES)})")
    for path, source in files:
        sheets = read_sheets(path, source, problems)
        tables = []
        for sheet in sheets:
            found = Problems()
            table = locate(sheet, found)
            if table is None and len(sheets) > 1:  # a notes sheet beside the table is fine
                problems.warning(sheet.source, None, None, "sheet without a table header skipped")
                continue
            problems.extend(found)
            tables += [table] if table is not None else []
        if sheets and len(sheets) > 1 and not tables:
            problems.error(source, None, None, "no sheet has a table header (a commune column such "
                           "as Tên xã, Xã, Đơn vị or commune)")
        for table in tables:
            pieces.extend(interpret(table, options, problems))
    return pieces
