"""Helpers that write small office-style files (CSV, XLSX, Parquet) for the reader tests."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


def write_csv(path: Path, rows: list[list], sep: str = ",", encoding: str = "utf-8") -> Path:
    """Rows written as a CSV file in ``encoding`` (utf-8-sig for a BOM, cp1258 for Windows)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def cp1258(text: str) -> bytes:
    """Text as Vietnamese Windows writes it: precomposed where the code page has the letter,
    else the base letter (â, ơ, ư …) followed by the tone as a combining mark."""
    from ntm_analysis.text import TONE_MARKS

    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out.append((base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258"))
    return b"".join(out)


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    """A workbook with one sheet per entry; ``merges`` lists ranges such as "C3:U3" per sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
        for cell_range in (merges or {}).get(name, []):
            ws.merge_cells(cell_range)
    book.save(path)
    return path


def write_parquet(path: Path, rows: list[list]) -> Path:
    import pandas as pd

    pd.DataFrame(rows[1:], columns=rows[0]).to_parquet(path, index=False)
    return path


def statuses(met: set[int], n: int = 19, yes: str = "Đạt", no: str = "Chưa đạt") -> list[str]:
    """A commune's row of status words: ``yes`` for criteria in ``met``, else ``no``."""
    return [yes if c in met else no for c in range(1, n + 1)]


def wide_rows(communes: dict[str, set[int]], n: int = 19, header=None, yes="Đạt", no="Chưa đạt",
              count_column: bool = True) -> list[list]:
    """Header + one row per commune, criteria headed 1..n, with the "Số tiêu chí đạt" column."""
    header = header or [str(c) for c in range(1, n + 1)]
    rows = [["STT", "Tên xã", *header] + (["Số tiêu chí đạt"] if count_column else [])]
    for i, (name, met) in enumerate(communes.items(), 1):
        rows.append([i, name, *statuses(met, n, yes, no)] + ([len(met)] if count_column else []))
    return rows


THREE = {"Xã Tú Đoạn": set(range(1, 20)), "Khuất Xá": set(range(1, 13)), "Tú Mịch": set(range(1, 10))}


@pytest.fixture
def three():
    """Three communes at 19, 12 and 9 criteria (the seed's upper bands)."""
    return {k: set(v) for k, v in THREE.items()}


# Runs the command after it with SIGINT back to its default. A job started with `&` from a
# script (CI, a developer's `pytest … &`) inherits SIGINT ignored, and a Python program that
# starts with SIGINT ignored rightly keeps ignoring it (as under nohup): a test that stops a
# child with Ctrl-C must give it the disposition a terminal gives. (A wrapper that execs, rather
# than ``preexec_fn``, which is unsafe while other threads run.)
_SIGINT_DEFAULT = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                   "os.execvp(sys.argv[1], sys.argv[1:])")


def ctrl_c_able(command: list[str]) -> list[str]:
    """``command`` to start as a terminal would, so that a test's Ctrl-C (SIGINT) reaches it
    even when pytest itself runs with SIGINT ignored."""
    import sys

    return [sys.executable, "-c", _SIGINT_DEFAULT, *command]


def run_cli(*args):
    """The ``ntm`` command in a fresh process, as a script would call it."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "ntm_analysis", *args], capture_output=True,
                          text=True, encoding="utf-8")


def write_periods(folder: Path, periods: dict[str, dict[str, set[int]]], n: int = 19) -> Path:
    """One wide CSV per period (ntm_<period>.csv) of communes meeting the given criteria."""
    folder.mkdir(parents=True, exist_ok=True)
    for period, communes in periods.items():
        write_csv(folder / f"ntm_{period}.csv", wide_rows(communes, n=n))
    return folder


def write_table(path: Path, header: list[str], rows: list[list]) -> Path:
    """A plain CSV table (a register, targets, boundary changes)."""
    return write_csv(path, [header, *rows])


def pytest_report_header(config):
    """One line on the browser tests: which Chromium runs them, or how to enable them."""
    from browsing import HINT, chromium, required

    found = chromium()
    if found:
        return f"browser tests: {found}"
    return f"browser tests: required ({HINT.split(';')[0]})" if required() else HINT


def spy_reader(monkeypatch, name: str, enabled: bool) -> list[bool]:
    """The plain path switched on or off, and its reader ``ntm_analysis.io.<name>`` watched: the
    list returned gets True for each file the reader read, False for each it declined."""
    import ntm_analysis.io as io
    from ntm_analysis.io import plain

    used: list[bool] = []
    real = getattr(io, name)

    def spy(path, source, opts):
        found = real(path, source, opts)
        used.append(found is not None)
        return found

    monkeypatch.setattr(plain, "ENABLED", enabled)
    monkeypatch.setattr(io, name, spy)
    plain.forget()
    return used
