"""`ntm report`: the pack for a period, built from a clean state, repeatable byte for byte."""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook

from conftest import run_cli, wide_rows, write_csv


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "2020Q1"
    result = run_cli("report", "--period", "2020Q1", "--bands", "19,12,9,5-8", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "[4/4] review notebook" in result.stderr  # progress on stderr
    return out


def test_pack_holds_every_part(pack):
    names = {p.name for p in pack.iterdir()}
    assert {"review.html", "summary_vi.txt", "summary_en.txt", "tables_2020Q1.xlsx"} <= names
    charts = {n.rsplit(".", 1)[0] for n in names if n.endswith(".png")}
    assert charts == {n.rsplit(".", 1)[0] for n in names if n.endswith(".svg")}
    assert {"01_communes_by_criteria_met", "02_communes_by_band", "03_criteria_by_commune",
            "04_share_meeting_each_criterion", "06_trend", "07_targets"} <= charts


def test_html_shows_the_seed_figures(pack):
    html = pack.joinpath("review.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert ("04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt 9 tiêu chí, 13 xã đạt từ 5 đến 8 "
            "tiêu chí") in text
    assert "187 tiêu chí" in text and "9,84 tiêu chí/xã" in text
    assert html.count("data:image/png;base64") >= 5  # the charts are in the page
    assert "Traceback" not in text


def test_summary_texts(pack):
    vi = pack.joinpath("summary_vi.txt").read_text(encoding="utf-8")
    en = pack.joinpath("summary_en.txt").read_text(encoding="utf-8")
    assert "trung bình đạt 9,84 tiêu chí/xã" in vi and "(chiếm" not in vi
    assert "Khuất Xá còn 7 tiêu chí chưa đạt" in vi
    assert "an average of 9.84 criteria per commune" in en and "9,84" not in en


def test_pngs_are_300_dpi(pack):
    from PIL import Image

    with Image.open(pack / "02_communes_by_band.png") as image:
        assert [round(v) for v in image.info["dpi"]] == [300, 300]


def test_workbook_tables(pack):
    book = load_workbook(pack / "tables_2020Q1.xlsx")
    assert {"figures", "bands", "by_count", "communes", "lagging", "trend", "targets", "flags"} <= set(book.sheetnames)
    bands = list(book["bands"].iter_rows(values_only=True))
    assert [row[3] for row in bands[1:]] == [4, 1, 1, 13]
    figures = dict(list(book["figures"].iter_rows(values_only=True))[1:])
    assert (figures["total_met"], figures["n_communes"]) == (187, 19)


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
    assert result.returncode == 1 and "unknown status" in result.stderr and not out.exists()


def test_shares_in_the_text_on_request(tmp_path):
    out = tmp_path / "pack"
    result = run_cli("report", "--period", "2020Q1", "--shares", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "04 xã đạt 19 tiêu chí (chiếm 21,1%)" in (out / "summary_vi.txt").read_text(encoding="utf-8")
    html = (out / "review.html").read_text(encoding="utf-8")
    assert "(chiếm 21,1%)" in html
    # with the usual bands the page still gives every seed count: 4 at 19, 1 at 12, 1 at 9, and
    # 5 + 3 + 4 + 1 = 13 between 5 and 8
    assert ("Chi tiết: 04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt 9 tiêu chí, 05 xã đạt 8 "
            "tiêu chí, 03 xã đạt 7 tiêu chí, 04 xã đạt 6 tiêu chí, 01 xã đạt 5 tiêu chí.") in html
    assert "187 tiêu chí" in html and "9,84 tiêu chí/xã" in html


def test_english_pack(tmp_path):
    out = tmp_path / "en"
    result = run_cli("report", "--period", "2020Q2", "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = re.sub(r"<[^>]+>", "", (out / "review.html").read_text(encoding="utf-8"))
    assert "an average of 10.68 criteria per commune" in html and "10,68" not in html
    assert (out / "05_change_per_commune.svg").exists()  # 2020Q2 has a quarter before it
    assert "Change in criteria met" in (out / "05_change_per_commune.svg").read_text(encoding="utf-8")
