"""The review object: everything one quarter's review says, computed once, with the unit and
the data named from the data itself."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, statuses, wide_rows, write_csv, write_periods, write_table
from ntm_analysis import load
from ntm_analysis.page import render_page
from ntm_analysis.review import Unit, build_review
from ntm_analysis.wording import report_text


@pytest.fixture(scope="module")
def bundled():
    return load()


def test_the_review_holds_the_quarter(bundled):
    review = build_review(bundled, "2021Q4")
    assert (review.period, review.n_communes, review.summary.total_met) == ("2021Q4", 19, 284)
    assert review.previous.from_period == "2021Q3" and review.year_ago.from_period == "2020Q4"
    assert review.trend.index.tolist() == bundled.periods
    assert review.unit == Unit("district", "Lộc Bình", "Lạng Sơn")
    assert review.reference_date.isoformat() == "2021-12-31"
    assert list(review.recognised.index) == ["Đồng Bục", "Hữu Khánh", "Khuất Xá", "Tú Đoạn", "Tú Mịch", "Yên Khoái"]
    assert review.pilots == []  # the pilots were 2020's
    assert review.illustrative


def test_pilots_and_flags_of_the_period(bundled):
    review = build_review(bundled, "2020Q3")
    counts = review.snapshot.met_count
    assert [(p.commune, p.met) for p in review.pilots] == [(c, counts[c]) for c in ("Khuất Xá", "Tú Mịch")]
    assert all(p.met + len(p.missing) == 19 for p in review.pilots)
    kinds = {(f.kind, f.commune) for f in review.flags}
    assert ("recognised_below_all", "Yên Khoái") in kinds and ("lost_criterion", "Yên Khoái") in kinds
    [below] = [f for f in review.flags if f.kind == "recognised_below_all"]
    assert below.criteria == [17] and below.values == {"year": 2017, "met": 18, "size": 19}


def test_the_unit_comes_from_the_register_without_a_sidecar(tmp_path):
    folder = write_periods(tmp_path / "d", {"2020Q1": {"Tân Lập": {1, 2}, "Hòa Bình": {1}}})
    write_table(folder / "communes.csv", ["commune", "district", "border"],
                [["Tân Lập", "Sơn Dương", ""], ["Hòa Bình", "Sơn Dương", "x"]])
    review = build_review(load(folder))
    assert review.unit == Unit("district", "Sơn Dương", None)
    assert review.unit.label("vi") == "huyện Sơn Dương" and review.unit.label("en") == "Sơn Dương district"
    assert "toàn huyện có 02 xã" in report_text(review, "vi")
    assert review.source_text("vi") == "số liệu đánh giá các xã, huyện Sơn Dương"


def test_the_unit_from_the_letterhead_without_a_register(tmp_path):
    """No register: the letterhead "UBND HUYỆN LỘC BÌNH" names the unit of the title, the text,
    the charts and the source line."""
    rows = [["UBND HUYỆN LỘC BÌNH"], ["BIỂU TỔNG HỢP (Tính đến ngày 31/3/2020)"]] + \
        wide_rows({"Ái Quốc": {1, 2, 3}, "Tú Đoạn": set(range(1, 20))})
    (tmp_path / "xss").mkdir()
    review = build_review(load(write_csv(tmp_path / "xss" / "ntm_2020Q1.csv", rows)))
    assert review.unit == Unit("district", "Lộc Bình", None) and not review.notes
    text = report_text(review, "vi")
    assert text.splitlines()[1] == "Huyện Lộc Bình — Quý I/2020"
    assert "Tính đến ngày 31/3/2020, toàn huyện có 02 xã thực hiện" in text
    assert review.source_text("vi") == "số liệu đánh giá các xã, huyện Lộc Bình" and "xss" not in text
    from ntm_analysis.report import chart_figures

    for stem, fig in chart_figures(review, "vi"):
        assert "huyện Lộc Bình" in fig.axes[0].get_title(loc="left") or "Huyện Lộc Bình" in \
            fig.axes[0].get_title(loc="left"), stem
        assert any(t.get_text() == "Nguồn: số liệu đánh giá các xã, huyện Lộc Bình; quý I/2020" for t in fig.texts)


def test_the_unit_from_a_sidecar_and_none_when_nothing_says(tmp_path):
    folder = write_periods(tmp_path / "d", {"2020Q1": {"A": {1}}})
    review = build_review(load(folder))
    assert review.unit == Unit() and review.unit.label("vi") == ""
    text = report_text(review, "vi")
    assert "Tính đến ngày 31/3/2020, có 01 xã thực hiện" in text and "toàn huyện" not in text
    # said once, as a note of the pack; the texts are worded without a unit, never with the folder
    [note] = review.notes
    assert note.severity == "warning" and "no unit" in note.message
    assert review.source_text("vi") == "số liệu đánh giá các xã" and "Nguồn số liệu: số liệu đánh giá các xã." in text
    from bs4 import BeautifulSoup

    page = BeautifulSoup(render_page(review, "vi"), "html.parser")
    notes = page.find("section", id="flags").find_all("table")[-1]
    assert "Số liệu không cho biết đơn vị hành chính (huyện, tỉnh)" in notes.get_text()
    (folder / "provenance.json").write_text(json.dumps({"dataset": "Bảo Yên district (Lào Cai): test", "status": ""}),
                                            encoding="utf-8")
    assert build_review(load(folder)).unit == Unit("district", "Bảo Yên", "Lào Cai")


def test_beyond_the_limit_the_page_counts_and_the_workbook_lists(tmp_path):
    rows = [["Tên xã", *map(str, range(1, 20))]]
    rows += [[f"Xã {i:03d}", *statuses(set(range(1, 2 + i % 18)))] for i in range(80)]
    review = build_review(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)))
    assert review.large
    from bs4 import BeautifulSoup

    page = BeautifulSoup(render_page(review, "vi"), "html.parser")
    assert not page.find("section", id="annex").find("table")
    # the note names its table and the sheet that holds it
    assert ("Bảng “Kết quả đánh giá các xã” có 80 xã, không in hết ở đây: xem đầy đủ tại trang tính “Kết quả các "
            "xã” của tệp bảng tính.") in page.find("section", id="annex").get_text()
    en = BeautifulSoup(render_page(review, "en"), "html.parser").find("section", id="annex").get_text()
    assert ("The table “Assessment of each commune” has 80 communes, too many to print here: see the sheet "
            "“Communes” of the workbook for all of them.") in en
    criteria = page.find("section", id="criteria").table
    assert "Các xã chưa đạt" not in [th.get_text() for th in criteria.find_all("th")]
    assert "Số xã chưa đạt" in [th.get_text() for th in criteria.find_all("th")]


def test_no_unit_is_said_once_on_the_terminal(tmp_path):
    folder = write_periods(tmp_path / "d", {"2020Q1": {"A": {1}, "B": {1, 2}}})
    result = run_cli("report", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("không cho biết đơn vị hành chính") == 1


def test_the_pack_lists_what_reading_repaired(tmp_path):
    """An invisible character removed from a name is listed in the page's notes on the data and
    in the workbook's notes sheet, not only on stderr."""
    from bs4 import BeautifulSoup
    from openpyxl import load_workbook

    from ntm_analysis.review_tables import review_tables
    from ntm_analysis.workbook import write_workbook

    rows = [["UBND HUYỆN LỘC BÌNH"]] + wide_rows({"Ái Quốc": {1, 2}, "Tú\u200b Đoạn": {1}})
    (tmp_path / "d").mkdir()
    review = build_review(load(write_csv(tmp_path / "d" / "ntm_2020Q1.csv", rows)))
    page = BeautifulSoup(render_page(review, "vi"), "html.parser")
    flags = page.find("section", id="flags")
    assert [h.get_text() for h in flags.find_all("h3")] == ["Ghi chú về số liệu"]
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in flags.find_all("table")[-1].tbody.find_all("tr")]
    assert cells == [["1", "ntm_2020Q1.csv", "4", "Tên xã", "đã xóa ký tự ẩn (U+200B ZERO WIDTH SPACE)",
                      "Tú\u200b Đoạn"]]  # in the page's language, like every line of it
    english = BeautifulSoup(render_page(review, "en"), "html.parser").find("section", id="flags")
    assert "invisible characters removed (U+200B ZERO WIDTH SPACE)" in english.get_text()
    assert "Khi đọc số liệu, chương trình đã sửa hoặc lưu ý 01 điểm" in flags.get_text()
    path = write_workbook(review, "vi", review_tables(review, "vi"), tmp_path / "t.xlsx")
    sheet = [list(r) for r in load_workbook(path)["Ghi chú số liệu"].iter_rows(values_only=True)]
    assert sheet[5] == ["STT", "Tệp", "Dòng", "Cột", "Nội dung", "Giá trị"]
    assert sheet[6][:4] == [1, "ntm_2020Q1.csv", 4, "Tên xã"]  # the row as Excel shows it


def test_the_warnings_of_each_kind_name_their_communes_in_vietnamese_order():
    """A reader finds a commune in the warnings as in every list: alphabetically (Vietnamese
    order), within each kind of warning, whatever order the data gave them."""
    from ntm_analysis import load, synth
    from ntm_analysis.text import vi_sorted

    data = synth.generate(400, 3, seed=2, end="2024Q3", churn=0.05)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        synth.write(data, Path(folder), forms=("wide", "records"), formats=("csv",))
        assessment = load([Path(folder) / "wide_csv", Path(folder) / "records"])
    review = build_review(assessment, "2024Q3")
    kinds = list(dict.fromkeys(f.kind for f in review.flags))
    lost = [f.commune for f in review.flags if f.kind == "lost_criterion"]
    assert len(lost) > 5  # enough to be out of order if they were not sorted
    for kind in kinds:
        named = [f.commune for f in review.flags if f.kind == kind]
        assert named == vi_sorted(named), kind
    assert [f.kind for f in review.flags] == sorted((f.kind for f in review.flags), key=kinds.index)
