"""Light commands stay light: `ntm --help` imports no pandas, and `summary` and `validate` never
import the chart, widget or notebook libraries (checked in a fresh interpreter's sys.modules)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, wide_rows, write_xlsx

HEAVY = {"matplotlib", "seaborn", "ipywidgets", "IPython", "ipykernel", "jupyter_client", "jupyter_core",
         "nbformat", "nbclient", "nbconvert", "papermill", "voila", "notebook"}

PROBE = """
import contextlib, io, json, sys
from ntm_analysis.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules}),
                  "out": out.getvalue()[:200]}))
"""


def imported(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                            encoding="utf-8", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_help_imports_neither_pandas_nor_numpy():
    probe = imported("--help")
    assert probe["code"] == 0 and "usage: ntm" in probe["out"]
    assert not {"pandas", "numpy", *HEAVY} & set(probe["modules"])


@pytest.mark.parametrize("args", [["summary"], ["summary", "--json", "--period", "2020Q1"], ["validate"],
                                  ["summary", "--by", "district"]])
def test_summary_and_validate_import_no_chart_widget_or_notebook_library(args):
    probe = imported(*args)
    assert probe["code"] == 0
    assert "pandas" in probe["modules"]  # the work was done …
    assert not HEAVY & set(probe["modules"])  # … without the heavy libraries


def test_validate_of_a_workbook_stays_light(tmp_path):
    path = write_xlsx(tmp_path / "ntm_2020Q1.xlsx", {"Tổng hợp": wide_rows({"Tú Đoạn": set(range(1, 20))})})
    probe = imported("validate", str(path))
    assert probe["code"] == 0 and "openpyxl" in probe["modules"]
    assert not HEAVY & set(probe["modules"])
