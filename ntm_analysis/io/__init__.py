"""Reading office files: any mix of CSV, XLSX and Parquet files and folders → pieces.

``read`` never raises for bad data: every problem goes into the ``Problems`` it is given.
"""

from __future__ import annotations

from pathlib import Path

from ..pack import is_pack
from ..problems import Problems
from .layout import locate
from .provenance import check_recorded
from .sources import SUFFIXES, read_sheets
from .tables import Options, Piece, Records, interpret

__all__ = ["NotData", "Options", "Piece", "Records", "expand", "read"]


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
        if path.is_dir():
            if is_pack(path):
                raise NotData(f"{given} is a report pack written by ntm, not input data")
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
    check_recorded(files, problems)
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
