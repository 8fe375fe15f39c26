"""The explorer's views as computed (views.py) and the charts drawn for them (explore_charts.py)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from conftest import write_periods, write_table
from ntm_analysis import load
from ntm_analysis import views
from ntm_analysis.explore_charts import draw_commune_history, draw_criterion_grid, png_bytes
from ntm_analysis.vocab import quarter_label


@pytest.fixture(scope="module")
def seed():
    return load()


def test_overview_of_the_seed_quarter(seed):
    view = views.overview(seed, "2020Q1", bands="19,12,9,5-8")
    assert view.title == "Huyện Lộc Bình \u2014 Quý I/2020" and view.message == ""
    assert dict(view.kpis) == {"Số xã được đánh giá": "19", "Tổng số tiêu chí đạt": "187",
                               "Bình quân tiêu chí/xã": "9,84", "Xã đạt đủ 19 tiêu chí": "4",
                               "Xã được công nhận đạt chuẩn": "4"}
    assert view.paragraphs[0] == ("04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt 9 tiêu chí, 13 xã "
                                  "đạt từ 5 đến 8 tiêu chí. Tổng số tiêu chí đạt chuẩn là 187 tiêu chí, trung "
                                  "bình đạt 9,84 tiêu chí/xã.")
    assert list(view.table.columns) == ["Nhóm", "Số xã", "Tỷ lệ"]
    assert view.table.values.tolist() == [["19 tiêu chí", "4", "21,1%"], ["12 tiêu chí", "1", "5,3%"],
                                          ["9 tiêu chí", "1", "5,3%"], ["từ 5 đến 8 tiêu chí", "13", "68,4%"]]
    assert [p.get_height() for p in view.figure.axes[0].patches] == [4, 1, 1, 13]


def test_overview_in_english(seed):
    view = views.overview(seed, "2020Q1", lang="en")
    assert view.title == "Lộc Bình district \u2014 Q1 2020"
    assert dict(view.kpis)["Average criteria per commune"] == "9.84"
    assert "an average of 9.84 criteria per commune" in view.paragraphs[0]
    assert list(view.table.columns) == ["Band", "Communes", "Share"]


@pytest.mark.parametrize("spec, lang, said", [
    ("19,abc", "vi", "Không đọc được nhóm “abc”"),
    ("19,18-10", "vi", "Nhóm “18-10” có số đầu lớn hơn số cuối."),
    ("19,15-18,17", "vi", "Nhóm 15-18 và nhóm 17 chồng lên nhau: một xã sẽ bị đếm hai lần."),
    ("19,abc", "en", "Cannot read the band “abc”"),
])
def test_a_bad_band_is_said_in_the_language(seed, spec, lang, said):
    view = views.overview(seed, "2020Q1", bands=spec, lang=lang)
    assert said in view.message
    assert view.figure is None and view.table is None and view.kpis == []


def test_communes_outside_every_band_are_noted(seed):
    view = views.overview(seed, "2020Q1", bands="19,15-18")
    assert view.notes == ["15 xã không thuộc nhóm nào: Ái Quốc, Đông Quan, Hữu Lân, Khánh Xuân, Khuất Xá, Lợi "
                          "Bác, Mẫu Sơn, Minh Hiệp, Nam Quan, Sàn Viên, Tam Gia, Thống Nhất, Tĩnh Bắc, Tú Mịch, "
                          "Xuân Dương."]


def test_commune_over_periods_and_what_it_lacks(seed):
    view = views.commune_view(seed, "Khuất Xá", "2020Q1")
    assert view.paragraphs[0] == ("Khuất Xá, quý I/2020: đạt 12/19 tiêu chí. Còn 07 tiêu chí chưa đạt: 2, 5, 6, 9, "
                                  "10, 16, 17.")
    assert view.paragraphs[1] == "Từ quý I/2020 đến quý IV/2021: tăng từ 12 lên 19 tiêu chí."
    assert list(view.table.columns) == ["Tiêu chí", "Tên tiêu chí", "Tình trạng", "Đạt gần nhất"]
    assert list(view.table["Tiêu chí"]) == ["2", "5", "6", "9", "10", "16", "17"]
    assert view.table.iloc[-2].tolist() == ["16", "Văn hóa", "Chưa đạt", "chưa đạt kỳ nào"]
    english = views.commune_view(seed, "Khuất Xá", "2020Q1", lang="en").table
    assert english.iloc[-2].tolist() == ["16", "Culture", "Not met", "never"]
    history = view.data
    assert history.loc["2020Q1"].tolist() == [12, 0, 19] and history.loc["2021Q4", "met"] == 19
    assert [p.get_height() for p in view.figure.axes[0].patches[:len(history)]] == history["met"].tolist()


def test_a_criterion_met_before_and_lost_says_when(seed):
    # Lợi Bác meets criterion 10 in 2020Q1 and not in 2021Q4 (see the comparison)
    met_10 = [p for p in seed.periods if p < "2021Q4" and seed.snapshot(p).status.at["Lợi Bác", 10] == 2]
    view = views.commune_view(seed, "Lợi Bác", "2021Q4", lang="en")
    row = view.table[view.table["Criterion"] == "10"].iloc[0].tolist()
    assert row == ["10", "Income", "Not met", quarter_label(met_10[-1], "en")]
    assert "Met before but not now: 10." in view.paragraphs[0]


def test_criterion_across_communes_and_periods(seed):
    view = views.criterion_view(seed, 16, "2020Q1")
    snap = seed.snapshot("2020Q1")
    missing = [c for c in snap.communes if not snap.met.at[c, 16]]
    assert view.paragraphs[0] == (f"Tiêu chí 16 (Văn hóa), quý I/2020: 04/19 xã đạt (21,1%). Xã chưa đạt: "
                                  f"{', '.join(missing)}.")
    grid = view.data
    assert list(grid.columns) == seed.periods and len(grid) == 19
    assert [(grid[p] == 2).sum() for p in seed.periods] == [seed.snapshot(p).met[16].sum() for p in seed.periods]
    assert view.table.iloc[0, :3].tolist() == ["Quý I/2020", "4/19", "21,1%"]
    assert len(view.table) == len(seed.periods)


def test_compare_two_periods(seed):
    view = views.compare_view(seed, "2020Q1", "2021Q4")
    assert view.paragraphs[0].startswith("So với quý I/2020, tổng số tiêu chí đạt chuẩn tăng 97 tiêu chí (từ 187 "
                                         "lên 284), bình quân tăng 5,11 tiêu chí/xã (từ 9,84 lên 14,95).")
    assert dict(view.kpis)["Bình quân quý I/2020"] == "9,84"
    assert list(view.table.columns) == ["Xã", "Quý I/2020", "Quý IV/2021", "Tiêu chí tăng", "Tiêu chí giảm"]
    assert view.table.set_index("Xã").loc["Lợi Bác"].tolist() == ["8", "14", "5, 7, 9, 11, 12, 13, 15", "10"]


@pytest.mark.parametrize("first, last, lang, said", [
    ("2020Q1", "2020Q1", "vi", "Hãy chọn hai kỳ khác nhau để so sánh."),
    ("2021Q4", "2020Q1", "vi", "Kỳ đầu (quý IV/2021) phải trước kỳ sau (quý I/2020)."),  # "quý" inside a sentence
    ("2021Q4", "2020Q1", "en", "The first period (Q4 2021) must come before the second (Q1 2020)."),
])
def test_compare_needs_two_periods_in_order(seed, first, last, lang, said):
    assert views.compare_view(seed, first, last, lang=lang).message == said


def test_units_from_the_register(tmp_path):
    both = {"2020Q1": {"An Lạc": {1, 2}, "Bình Minh": set(range(1, 20)), "Cao Sơn": {1}}}
    folder = write_periods(tmp_path / "data", both)
    write_table(folder / "communes.csv", ["commune", "district", "recognised_year"],
                [["An Lạc", "Sơn Động", ""], ["Bình Minh", "Sơn Động", 2019], ["Cao Sơn", "Lục Ngạn", ""]])
    assessment = load(folder)
    assert views.units(assessment) == ["Lục Ngạn", "Sơn Động"]  # Vietnamese order
    view = views.overview(assessment, "2020Q1", unit="Sơn Động")
    assert view.title.startswith("Huyện Sơn Động") and dict(view.kpis)["Tổng số tiêu chí đạt"] == "21"
    assert views.overview(assessment, "2020Q1").title.startswith("Tỉnh ") is False
    assert views.overview(assessment, "2020Q1").title.startswith("Toàn bộ dữ liệu")


def test_units_are_those_of_the_data_not_of_a_national_register(tmp_path):
    """One province's files read with the country's register: the explorer offers the districts
    that have communes in the data, names the province, and a district without data in a period
    says so instead of "0 xã, bình quân 0,00"."""
    data = {"2020Q1": {"An Lạc": {1, 2}, "Bình Minh": set(range(1, 20)), "Cao Sơn": {1}},
            "2020Q2": {"An Lạc": {1, 2, 3}, "Bình Minh": set(range(1, 20))}}
    folder = write_periods(tmp_path / "data", data)
    write_table(folder / "communes.csv", ["commune", "district", "province", "recognised_year"],
                [["An Lạc", "Sơn Động", "Bắc Giang", ""], ["Bình Minh", "Sơn Động", "Bắc Giang", 2019],
                 ["Cao Sơn", "Lục Ngạn", "Bắc Giang", ""], ["Đông Hải", "Sa Phú", "Tam Mỹ", ""],
                 ["Tây Hòa", "Ân Thi", "Tam Mỹ", ""]])
    assessment = load(folder)
    assert views.units(assessment) == ["Lục Ngạn", "Sơn Động"]
    assert views.overview(assessment, "2020Q1").title == "Tỉnh Bắc Giang \u2014 Quý I/2020"
    assert views.overview(assessment, "2020Q1", lang="en").title == "Bắc Giang province \u2014 Q1 2020"
    empty = views.overview(assessment, "2020Q2", unit="Lục Ngạn")
    assert empty.message == "Đơn vị này không có số liệu quý II/2020." and not empty.kpis
    assert views.overview(assessment, "2020Q2", unit="Lục Ngạn", lang="en").message == \
        "This unit has no data for Q2 2020."


def test_commune_history_drawn_on_an_ax():
    import pandas as pd

    history = pd.DataFrame({"met": [12, 14, 16], "basically_met": [0, 0, 1], "size": [19, 19, 19]},
                           index=["2020Q1", "2020Q2", "2020Q3"])
    ax = Figure().subplots()
    draw_commune_history(history, ax=ax, lang="en", current="2020Q2")
    heights = [p.get_height() for p in ax.patches]
    assert heights == [12, 14, 16, 0, 0, 1]  # met, then basically met stacked on it
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Q1 2020", "Q2 2020", "Q3 2020"]
    assert [t.get_fontweight() for t in ax.get_xticklabels()] == ["normal", "bold", "normal"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Criteria in the set", "Met", "Basically met"]


def test_criterion_grid_drawn_on_an_ax():
    import pandas as pd

    grid = pd.DataFrame({"2020Q1": [2, 0, np.nan], "2020Q2": [2, 2, 1]}, index=["A", "B", "C"])
    ax = Figure().subplots()
    draw_criterion_grid(grid, ax=ax, lang="vi")
    drawn = ax.images[0].get_array()
    assert drawn.mask.tolist() == [[False, False], [False, False], [True, False]]
    assert drawn.data[:2].tolist() == [[2, 2], [0, 2]]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Quý I/2020\n1/2", "Quý II/2020\n2/3"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Đạt", "Cơ bản đạt", "Chưa đạt",
                                                                   "Không có số liệu"]


def test_png_bytes_repeat(seed):
    first = png_bytes(views.overview(seed, "2020Q1").figure)
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == png_bytes(views.overview(seed, "2020Q1").figure)


def test_setbacks_along_a_path():
    path = pd.Series([19, 19, 18, 18, 19, 19, 19, 19],
                     index=["2020Q1", "2020Q2", "2020Q3", "2020Q4", "2021Q1", "2021Q2", "2021Q3", "2021Q4"])
    assert views.setbacks(path) == [("2020Q3", "2020Q4", 18)]
    assert views.setbacks(pd.Series([12, 14, 13, 15, 19], index=list("abcde"))) == [("c", "c", 13)]
    assert views.setbacks(pd.Series([19, 17, 18], index=list("abc"))) == [("b", "c", 17)]  # lower than the end
    assert views.setbacks(pd.Series([19, 19, 18], index=list("abc"))) == []  # the ends say it
    assert views.setbacks(pd.Series([5, 6, 7], index=list("abc"))) == []


@pytest.mark.parametrize("lang, said", [
    ("vi", "Từ quý I/2020 đến quý IV/2021: trở lại 19 tiêu chí như đầu kỳ, sau khi giảm xuống 18 tiêu chí "
           "trong quý III–IV/2020."),
    ("en", "From Q1 2020 to Q4 2021: back to 19 criteria as at the start, after it fell to 18 criteria in "
           "Q3–Q4 2020.")])
def test_a_commune_that_fell_and_came_back_is_not_unchanged(seed, lang, said):
    """Yên Khoái: 19 criteria in the first and last quarters, 18 in Q3 and Q4 2020."""
    view = views.commune_view(seed, "Yên Khoái", "2021Q4", lang=lang)
    assert view.data["met"].tolist() == [19, 19, 18, 18, 19, 19, 19, 19]
    assert said in view.paragraphs


def test_a_criterion_path_names_its_fall_on_the_way(seed):
    view = views.criterion_view(seed, 16, "2020Q1")
    met = view.data.eq(2).sum().tolist()
    assert met == [4, 4, 4, 6, 6, 6, 5, 6]
    assert view.paragraphs[1] == ("Từ quý I/2020 đến quý IV/2021: tăng từ 04 lên 06 xã đạt; có lúc giảm xuống "
                                  "05 xã đạt trong quý III/2021.")


def test_recognition_counts_from_the_fourth_quarter_of_its_year(seed):
    """Khuất Xá is recognised for 2020: in Q3 2020 the explorer says so without counting it, as the
    report's figures do (figures.recognised_years); from Q4 2020 it is recognised."""
    from ntm_analysis.figures import recognised_years, recognition_period

    assert recognition_period(2020) == "2020Q4"
    assert recognised_years(seed, "2020Q3", ["Khuất Xá"]).empty
    assert recognised_years(seed, "2020Q4", ["Khuất Xá"]).tolist() == [2020]
    q3 = views.commune_view(seed, "Khuất Xá", "2020Q3")
    assert q3.paragraphs[-1] == ("Được công nhận đạt chuẩn nông thôn mới năm 2020, tính từ quý IV/2020; quý III/2020 "
                                 "chưa tính là xã đã được công nhận.")
    q4 = views.commune_view(seed, "Khuất Xá", "2020Q4", lang="en")
    assert q4.paragraphs[-1] == "Recognised as meeting the NTM standard in 2020."
    assert dict(views.overview(seed, "2020Q3").kpis)["Xã được công nhận đạt chuẩn"] == "4"
    assert dict(views.overview(seed, "2020Q4").kpis)["Xã được công nhận đạt chuẩn"] == "6"


def test_quarters_mid_sentence_are_in_sentence_form(seed):
    """"quý I/2020" inside a sentence, "Quý I/2020" only where a heading, a label or a cell begins."""
    texts = [*views.commune_view(seed, "Khuất Xá", "2020Q1").paragraphs,
             *views.criterion_view(seed, 16, "2020Q1").paragraphs,
             *[caption for caption, _ in views.compare_view(seed, "2020Q1", "2021Q4").kpis]]
    assert not [t for t in texts if re.search(r"(?<!^)Quý", t)], texts
    chart = views.compare_view(seed, "2021Q3", "2021Q4").figure
    assert chart.axes[0].get_title(loc="left").splitlines()[1] == "Huyện Lộc Bình, tỉnh Lạng Sơn, quý III/2021 → quý IV/2021"


def test_quarter_ranges():
    from ntm_analysis.vocab import quarter_range

    assert quarter_range("2020Q3", "2020Q4") == "quý III–IV/2020"
    assert quarter_range("2020Q3", "2020Q4", "en") == "Q3–Q4 2020"
    assert quarter_range("2020Q4", "2021Q1") == "quý IV/2020 – quý I/2021"
    assert quarter_range("2021Q3", "2021Q3", "en") == "Q3 2021"


@pytest.mark.parametrize("lang, note", [
    ("vi", "Số xã ở mỗi mức thay đổi, vì 154 xã là quá nhiều để vẽ riêng từng xã (tối đa 60)"),
    ("en", "Communes counted at each change, as 154 are too many to draw one by one (at most 60)"),
])
def test_the_compare_tab_says_why_it_counts_communes_by_change(tmp_path, lang, note):
    """Beyond 60 communes the comparison tab's chart counts communes by change and says why, in
    a sentence (review 5, D9: "… thay cho từng xã (có 154 xã, nhiều hơn 60)" read awkwardly)."""
    one = {f"Xã {i:03d}": set(range(1, 5 + i % 10)) for i in range(154)}
    two = {f"Xã {i:03d}": set(range(1, 5 + i % 10 + i % 2)) for i in range(154)}
    assessment = load(write_periods(tmp_path / "d", {"2020Q1": one, "2020Q2": two}))
    view = views.compare_view(assessment, "2020Q1", "2020Q2", lang=lang)
    texts = [t.get_text() for t in view.figure.findobj(lambda a: hasattr(a, "get_text"))]
    assert note in texts
    heights = sorted(round(p.get_height()) for p in view.figure.axes[0].patches)
    assert heights == [77, 77]  # half the communes gained one criterion, half did not change


@pytest.mark.parametrize("lang, row, tick", [("vi", "dưới 5 tiêu chí", "dưới 5"),
                                             ("en", "fewer than 5 criteria", "fewer than 5")])
def test_the_overview_names_the_lowest_band_alike_in_its_table_and_its_chart(seed, lang, row, tick):
    """The band table and the chart under it say one phrase ("fewer than 5", not "under 5" on the
    chart; review 5, D9)."""
    view = views.overview(seed, seed.periods[-1], lang=lang)
    assert view.table.iloc[-1, 0] == row
    assert [t.get_text() for t in view.figure.axes[0].get_xticklabels()][-1] == tick


@pytest.mark.parametrize("lang, said", [
    ("vi", "09 xã không thuộc nhóm nào: "),
    ("en", "9 communes in no band: "),
])
def test_communes_outside_the_bands_are_counted_as_reports_count(seed, lang, said):
    """A count of communes in a sentence is padded in Vietnamese ("09 xã", as "06 xã đạt 19 tiêu
    chí" beside it), never in English."""
    view = views.overview(seed, "2021Q4", bands="19,12,9,5-8", lang=lang)
    assert view.notes[0].startswith(said), view.notes
