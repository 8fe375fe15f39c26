"""`ntm report`: the pack for a period, built from one review, repeatable byte for byte."""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook

from conftest import run_cli, wide_rows, write_csv
from ntm_analysis import load, report
from ntm_analysis import review as review_module


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "2020Q1"
    result = run_cli("report", "--period", "2020Q1", "--bands", "19,12,9,5-8", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "[4/4] trang báo cáo (HTML)" in result.stderr  # progress on stderr, in the language
    return out


def test_pack_holds_every_part(pack):
    names = {p.name for p in pack.iterdir()}
    assert {"review.html", "summary_vi.txt", "summary_en.txt", "tables_2020Q1.xlsx"} <= names
    charts = {n.rsplit(".", 1)[0] for n in names if n.endswith(".png")}
    assert charts == {n.rsplit(".", 1)[0] for n in names if n.endswith(".svg")}
    # 2020Q1 is the first quarter of the data: no change chart and no trend of one period
    # files numbered as the page numbers its charts: "05_targets" is "Biểu đồ 5"
    assert charts == {"01_communes_by_band", "02_communes_by_criteria_met", "03_share_meeting_each_criterion",
                      "04_criteria_by_commune", "05_targets"}
    assert not any(n.endswith(".ipynb") for n in names)


def test_summary_texts(pack):
    vi = pack.joinpath("summary_vi.txt").read_text(encoding="utf-8")
    en = pack.joinpath("summary_en.txt").read_text(encoding="utf-8")
    assert "trung bình đạt 9,84 tiêu chí/xã" in vi and "(chiếm" not in vi
    assert "Khuất Xá còn 07 tiêu chí chưa đạt (tiêu chí số 2, 5, 6, 9, 10, 16, 17)" in vi
    assert "an average of 9.84 criteria per commune" in en and "9,84" not in en


def test_pngs_are_300_dpi(pack):
    from PIL import Image

    with Image.open(pack / "01_communes_by_band.png") as image:
        assert [round(v) for v in image.info["dpi"]] == [300, 300]


def test_workbook_follows_the_page_language(pack):
    book = load_workbook(pack / "tables_2020Q1.xlsx")
    assert book.sheetnames[:4] == ["Tổng hợp", "Theo nhóm", "Theo số tiêu chí", "Kết quả các xã"]
    bands = list(book["Theo nhóm"].iter_rows(values_only=True))
    assert [row[2] for row in bands[6:10]] == [4, 1, 1, 13]


def test_the_same_data_gives_the_same_files(pack, tmp_path):
    again = tmp_path / "again"
    assert run_cli("report", "--period", "2020Q1", "--bands", "19,12,9,5-8", "--out", str(again)).returncode == 0
    for path in pack.iterdir():
        if path.name != "pack.json":  # it names the command, whose --out differs
            assert path.read_bytes() == (again / path.name).read_bytes(), path.name
    listed = [json.loads((folder / "pack.json").read_text(encoding="utf-8")) for folder in (pack, again)]
    assert listed[0]["files"] == listed[1]["files"] and listed[0]["inputs"] == listed[1]["inputs"]


def test_report_refuses_bad_data_before_building(tmp_path, three):
    rows = wide_rows(three)
    rows[1][3] = "??"
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    out = tmp_path / "out"
    result = run_cli("report", str(path), "--out", str(out))
    assert result.returncode == 1 and "không đọc được tình trạng" in result.stderr and not out.exists()


def test_build_writes_into_the_folder_it_is_given_and_lists_the_files(tmp_path):
    assessment = load()
    out = tmp_path / "into"
    written = report.build(assessment, [], "2020Q2", out, bands=None, progress=lambda m: None, shares=True,
                           lang="en", slides=True)
    assert sorted(p.name for p in written) == sorted(p.name for p in out.iterdir())
    assert all(p.parent == out for p in written)
    names = {p.name for p in written}
    assert {"05_change_per_commune.png", "06_trend.svg", "05_change_per_commune_16x9.png"} <= names
    assert "07_targets.png" in names  # 2020Q2 has every chart of a district review
    from PIL import Image

    with Image.open(out / "01_communes_by_band_16x9.png") as image:
        assert image.size == (1920, 1080)
    vi = (out / "summary_vi.txt").read_text(encoding="utf-8")
    assert "04 xã đạt 19 tiêu chí (chiếm 21,1%)" in vi  # shares on request
    assert load_workbook(out / "tables_2020Q2.xlsx").sheetnames[0] == "Summary"


def test_the_report_computes_each_comparison_once(monkeypatch, tmp_path):
    calls = []
    real_compare, real_trend = review_module.compare, review_module.trend
    monkeypatch.setattr(review_module, "compare", lambda *a, **k: calls.append(a[1:3]) or real_compare(*a, **k))
    monkeypatch.setattr(review_module, "trend", lambda *a, **k: calls.append("trend") or real_trend(*a, **k))
    report.build(load(), [], "2021Q4", tmp_path / "p", progress=lambda m: None)
    assert calls == [("2021Q3", "2021Q4"), ("2020Q4", "2021Q4"), "trend"]


def test_english_pack(tmp_path):
    out = tmp_path / "en"
    result = run_cli("report", "--period", "2020Q2", "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "[4/4] review page (HTML)" in result.stderr
    assert (out / "05_change_per_commune.svg").exists()  # 2020Q2 has a quarter before it
    assert "Change in criteria met" in (out / "05_change_per_commune.svg").read_text(encoding="utf-8")
