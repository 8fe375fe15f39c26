"""Figures per district (units.py) against hand counts, and the province review's district
section: text, ranked table, workbook sheet, the dot chart and the small multiples as drawn."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pytest
from bs4 import BeautifulSoup
from matplotlib.text import Text
from openpyxl import load_workbook

from conftest import statuses, write_csv, write_table
from ntm_analysis import load
from ntm_analysis.review import Unit, build_review
from ntm_analysis.units import unit_summaries
from ntm_analysis.wording import report_sections

# Three districts as a provincial form lists them: heading rows above each block of communes.
CAO_SON = [("Tân Lập", 19), ("Hòa Bình", 15), ("Phú Mỹ", 10)]
BAC_HA = [("Xuân Sơn", 19), ("Đông Hà", 19), ("An Khánh", 12), ("Bình Minh", 5)]
DINH_LAP = [("Yên Thế", 8), ("Cao Lộc", 7)]


def _block(communes):
    return [["", name, *statuses(set(range(1, met + 1)))] for name, met in communes]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    folder = tmp_path_factory.mktemp("province")
    rows = [["UBND TỈNH LẠNG SƠN"], ["BIỂU TỔNG HỢP (Tính đến ngày 31/3/2020)"],
            ["STT", "Tên xã", *map(str, range(1, 20))],
            ["I", "Huyện Cao Sơn"], *_block(CAO_SON), ["II", "Huyện Bắc Hà"], *_block(BAC_HA),
            ["III", "Huyện Đình Lập"], *_block(DINH_LAP)]
    write_csv(folder / "ntm_2020Q1.csv", rows)
    return load(folder)


def test_unit_summaries_against_hand_counts(province):
    ranked = unit_summaries(province, "2020Q1")
    # hand counts: Cao Sơn 19+15+10 = 44 of 3 (14,67); Bắc Hà 19+19+12+5 = 55 of 4 (13,75);
    # Đình Lập 8+7 = 15 of 2 (7,50); standard bands 19 / 15-18 / 10-14 / 5-9 / 0-4
    assert [(u.unit, u.level, u.n_communes, u.total_met, u.n_all_met) for u in ranked] == [
        ("Cao Sơn", "district", 3, 44, 1), ("Bắc Hà", "district", 4, 55, 2), ("Đình Lập", "district", 2, 15, 0)]
    assert [u.mean_met for u in ranked] == pytest.approx([44 / 3, 55 / 4, 15 / 2])
    assert [[b.n for b in u.bands] for u in ranked] == [[1, 1, 1, 0, 0], [2, 0, 1, 1, 0], [0, 0, 0, 2, 0]]
    assert [[b.n for b in u.bands] for u in unit_summaries(province, "2020Q1", bands="19,5-18,0-4")] == [
        [1, 2, 0], [2, 2, 0], [0, 2, 0]]
    # every key of the contract's summary JSON, plus unit and level
    keys = set(ranked[0].to_dict())
    assert {"period", "criteria_set", "n_communes", "total_met", "mean_met", "by_count", "bands",
            "per_criterion", "total_basically_met", "unit", "level"} <= keys
    assert ranked[0].per_criterion["16"] == 1 and ranked[0].by_count == {"10": 1, "15": 1, "19": 1}


def test_unit_summaries_from_a_district_column_and_unknown_units_last(tmp_path):
    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))],
            ["A", "Huyện Na Rì", *statuses({1, 2})], ["B", "Na Rì", *statuses({1, 2, 3, 4})],
            ["C", "Huyện Ba Bể", *statuses({1, 2, 3})], ["D", "", *statuses({1})]]
    ranked = unit_summaries(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)), level="district")
    assert [(u.unit, u.n_communes, u.total_met) for u in ranked] == [("Ba Bể", 1, 3), ("Na Rì", 2, 6), (None, 1, 1)]
    with pytest.raises(ValueError, match="level"):
        unit_summaries(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)), level="commune")


def test_ties_rank_by_communes_at_all_criteria_then_by_name(tmp_path):
    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))],
            ["A", "Đông Anh", *statuses(set(range(1, 11)))], ["B", "Ba Vì", *statuses(set(range(1, 11)))],
            ["C", "Cao Phong", *statuses(set(range(1, 20)))], ["D", "Cao Phong", *statuses({1})]]
    ranked = unit_summaries(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)))
    assert [u.unit for u in ranked] == ["Cao Phong", "Ba Vì", "Đông Anh"]  # 10 each; one at 19; then by name


@pytest.fixture(scope="module")
def review(province):
    return build_review(province, "2020Q1")


def test_the_province_review_has_a_district_section(review):
    assert review.unit == Unit("province", "Lạng Sơn") and len(review.districts) == 3
    sections = report_sections(review, "vi")
    assert [s.key for s in sections] == ["overall", "districts", "criteria", "compare", "targets", "flags"]
    assert sections[1].title == "So sánh giữa các huyện" and sections[1].number == 2
    assert sections[1].paragraphs == [  # who leads and trails first: the sentence a leader reads
        "Bình quân cao nhất là huyện Cao Sơn với 14,67 tiêu chí/xã, thấp nhất là huyện Đình Lập với 7,50 tiêu chí/xã.",
        "Huyện Cao Sơn có 03 xã, trong đó có 01 xã đạt 19 tiêu chí, 01 xã đạt từ 15 đến 18 tiêu chí, 01 xã đạt từ 10 "
        "đến 14 tiêu chí. Tổng số tiêu chí đạt chuẩn là 44 tiêu chí, trung bình đạt 14,67 tiêu chí/xã.",
        "Huyện Bắc Hà có 04 xã, trong đó có 02 xã đạt 19 tiêu chí, 01 xã đạt từ 10 đến 14 tiêu chí, 01 xã đạt từ 5 "
        "đến 9 tiêu chí. Tổng số tiêu chí đạt chuẩn là 55 tiêu chí, trung bình đạt 13,75 tiêu chí/xã.",
        "Huyện Đình Lập có 02 xã, trong đó có 02 xã đạt từ 5 đến 9 tiêu chí. Tổng số tiêu chí đạt chuẩn là 15 tiêu "
        "chí, trung bình đạt 7,50 tiêu chí/xã."]
    english = report_sections(review, "en")[1].paragraphs
    lagging = report_sections(review, "vi")[2].paragraphs[0]
    assert lagging.endswith("có tỷ lệ đạt thấp nhất (03/09 xã, 33,3%).")  # both counts padded, one rule
    assert english[1] == ("Cao Sơn district has 3 communes: 1 commune met 19 criteria, 1 commune met 15 to 18 "
                          "criteria, 1 commune met 10 to 14 criteria. In total 44 criteria were met, an average of "
                          "14.67 criteria per commune.")
    assert english[0] == ("Cao Sơn district has the highest average (14.67 criteria per commune), Đình Lập "
                          "district the lowest (7.50).")


def test_a_single_district_has_no_district_section(tmp_path):
    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))], ["A", "Na Rì", *statuses({1})],
            ["B", "Na Rì", *statuses({1, 2})]]
    review = build_review(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)))
    assert review.districts == [] and "districts" not in [s.key for s in report_sections(review, "vi")]


def test_district_table_on_the_page_and_in_the_workbook(review, tmp_path):
    from ntm_analysis.page import render_page
    from ntm_analysis.review_tables import review_tables
    from ntm_analysis.workbook import write_workbook

    page = BeautifulSoup(render_page(review, "vi"), "html.parser")
    table = page.find("section", id="districts").table
    assert table.caption.get_text() == "Bảng 2. Kết quả theo huyện, xếp theo bình quân tiêu chí/xã"
    body = [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    assert body == [["1", "Cao Sơn", "3", "1", "14,67", "1", "1", "1", "0", "0"],
                    ["2", "Bắc Hà", "4", "2", "13,75", "2", "0", "1", "1", "0"],
                    ["3", "Đình Lập", "2", "0", "7,50", "0", "0", "0", "2", "0"],
                    ["", "Tổng cộng", "9", "3", "12,67", "3", "1", "2", "3", "0"]]
    path = write_workbook(review, "vi", review_tables(review, "vi"), tmp_path / "t.xlsx")
    ws = load_workbook(path)["Theo huyện"]
    sheet = [list(r) for r in ws.iter_rows(values_only=True)]
    assert sheet[5][:6] == ["STT", "Huyện", "Số xã", "Số xã đạt đủ tiêu chí", "Bình quân tiêu chí/xã",
                            "Số xã theo nhóm"]
    assert sheet[6][5:] == ["19", "15–18", "10–14", "5–9", "dưới 5"]
    assert sheet[7][:5] == [1, "Cao Sơn", 3, 1, pytest.approx(44 / 3)]
    assert ws.cell(row=8, column=5).number_format == "0.00"


def _texts(fig):
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_district_means_dot_chart_as_drawn(review):
    from ntm_analysis import charts

    fig = charts.district_means_chart(review.districts, "vi", "số liệu", unit=review.unit,
                                      overall=review.summary.mean_met)
    ax = fig.axes[0]
    [dots] = [line for line in ax.lines if line.get_marker() == "o"]
    assert list(dots.get_xdata()) == pytest.approx([15 / 2, 55 / 4, 44 / 3])  # drawn bottom up: best on top
    # each unit with its communes, so that a small one reads as small
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Huyện Đình Lập (2 xã)", "Huyện Bắc Hà (4 xã)",
                                                            "Huyện Cao Sơn (3 xã)"]
    # zoomed to the data (7,50 … 14,67 and the overall 12,67), not from 0; the axis says so and names the maximum
    assert ax.get_xlim() == pytest.approx((6, 14.67 + 2.5 * 0.86), abs=0.01)
    assert ax.get_xlabel() == "Tiêu chí/xã (trục từ 6; tối đa 19)"
    assert {"14,67", "13,75", "7,50"} <= set(_texts(fig))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Bình quân của huyện", "Bình quân chung (12,67)"]
    assert ax.get_title(loc="left") == "Bình quân tiêu chí/xã của các huyện\nTỉnh Lạng Sơn, quý I/2020"
    ticks = [t for t in ax.get_xticks() if 0 <= t <= 19]
    assert all(float(t).is_integer() for t in ticks)  # no 2,5 tick printed as "3"
    values = [t for t in ax.texts if t.get_text() in {"14,67", "13,75", "7,50"}]
    assert all(t.get_bbox_patch() is not None and t.get_bbox_patch().get_facecolor()[:3] == (1, 1, 1)
               for t in values)  # on white: the dashed average never runs through a value


def test_the_dot_chart_zooms_to_a_narrow_spread_and_marks_the_maximum():
    from ntm_analysis.charts import means_range

    # review 3: 13 districts between 13,88 and 16,18 filled a tenth of an axis from 0 to 19,5
    start, end = means_range([13.88, 16.18, 15.18], 19)
    assert start == 13 and end < 17.5 and (16.18 - 13.88) / (end - start) > 0.5
    # near the maximum the axis stops at it (and the chart draws it as a dotted line)
    assert means_range([17.2, 18.9], 19) == (16, 19.5)


def test_the_dot_chart_draws_the_maximum_when_in_view(tmp_path):
    from ntm_analysis import charts

    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))]]
    rows += [[f"X{i}", f"Huyện H{i % 2}", *statuses(set(range(1, 19 + i % 2)))] for i in range(6)]
    review = build_review(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)))
    ax = charts.district_means_chart(review.districts, "en", overall=review.summary.mean_met).axes[0]
    assert ax.get_xlim()[1] == 19.5
    assert [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == ":"] == [19]


def test_district_band_small_multiples_as_drawn(review):
    from ntm_analysis import charts

    fig = charts.district_bands_chart(review.districts, "en", "commune assessments", unit=review.unit)
    panels = [ax for ax in fig.axes if ax.get_title()]
    # n in each panel's title: districts of different sizes side by side
    assert [ax.get_title() for ax in panels] == ["Cao Sơn district (3 communes)", "Bắc Hà district (4 communes)",
                                                 "Đình Lập district (2 communes)"]
    palette = charts.band_colours(review.districts[0].bands)
    for ax, district in zip(panels, review.districts):
        # "fewer than 5" on two lines: clear of "5–9" in a panel half the chart's width, in every panel
        assert [t.get_text() for t in ax.get_xticklabels()] == ["19", "15–18", "10–14", "5–9", "fewer\nthan 5"]
        drawn = {round(p.get_x() + p.get_width() / 2): p for p in ax.patches}  # band index → its bar
        # heights are shares of the district's communes; the counts are written on the bars
        assert {i: p.get_height() for i, p in drawn.items() if p.get_height()} == \
            pytest.approx({i: b.n / district.n_communes for i, b in enumerate(district.bands) if b.n})
        assert ax.yaxis.get_major_formatter()(0.5, 0) == "50%"
        # the review's one colour per band
        assert all(mcolors.to_hex(p.get_facecolor()) == palette[i].lower() for i, p in drawn.items() if p.get_height())
        labels = [t.get_text() for t in ax.texts]
        assert sorted(labels) == sorted(str(b.n) for b in district.bands)  # every count written, zeros too
    assert fig._suptitle.get_text() == ("Communes by band of criteria met, district by district\nLạng Sơn province, "
                                        "Q1 2020 (bar height: share; on the bar: communes)")
    assert fig._supylabel.get_text() == "Share of its communes"
    assert "Source: commune assessments; Q1 2020" in _texts(fig)
    assert not fig.legends  # the axis names the bands


def test_the_province_pack_numbers_the_district_charts(tmp_path, province):
    from ntm_analysis import report

    written = report.build(province, [], "2020Q1", tmp_path / "p", progress=lambda m: None)
    charts_ = sorted(p.stem for p in written if p.suffix == ".png")
    assert charts_ == ["01_communes_by_band", "02_communes_by_criteria_met", "03_district_means", "04_district_bands",
                       "05_share_meeting_each_criterion", "06_criteria_by_commune"]
    page = BeautifulSoup((tmp_path / "p" / "review.html").read_text(encoding="utf-8"), "html.parser")
    captions = [f.get_text() for f in page.find("section", id="districts").find_all("figcaption")]
    assert captions == ["Biểu đồ 3. Bình quân tiêu chí/xã của các huyện",
                        "Biểu đồ 4. Số xã theo nhóm tiêu chí đạt của từng huyện"]


def test_a_register_names_districts_too(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_csv(folder / "ntm_2020Q1.csv", [["Tên xã", *map(str, range(1, 20))], ["A", *statuses({1})],
                                          ["B", *statuses({1, 2, 3})]])
    write_table(folder / "communes.csv", ["commune", "district", "province"],
                [["A", "Na Rì", "Bắc Kạn"], ["B", "Ba Bể", "Bắc Kạn"]])
    review = build_review(load(folder))
    assert review.unit == Unit("province", "Bắc Kạn")
    assert [d.unit for d in review.districts] == ["Ba Bể", "Na Rì"]


@pytest.mark.parametrize("name", ["district_means", "district_bands"])
def test_district_slides_are_16_9_with_no_text_under_18_px(review, name):
    from ntm_analysis import charts

    make = {"district_means": lambda: charts.district_means_chart(review.districts, "vi", "số liệu", unit=review.unit,
                                                                  overall=review.summary.mean_met, slides=True),
            "district_bands": lambda: charts.district_bands_chart(review.districts, "vi", "số liệu", unit=review.unit,
                                                                  slides=True)}
    fig = make[name]()
    width, height = fig.get_size_inches()
    assert width / height == pytest.approx(16 / 9)
    fig.canvas.draw()
    px_per_point = 1280 / width / 72
    small = {t.get_text(): round(t.get_fontsize() * px_per_point, 1) for t in fig.findobj(Text)
             if t.get_text() and t.get_visible() and t.get_fontsize() * px_per_point < 18}
    assert not small


def test_every_province_is_the_country(tmp_path):
    rows = [["Tên xã", "Tỉnh", *map(str, range(1, 20))]]
    rows += [[f"Xã {i}", f"Tỉnh {i:02d}", *statuses({1})] for i in range(34)]
    review = build_review(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)))
    assert review.unit == Unit("country", None)
    assert report_sections(review, "vi")[0].paragraphs[0].startswith("Tính đến ngày 31/3/2020, toàn quốc có 34 xã")


def test_a_country_compares_its_provinces(tmp_path):
    rows = [["Tên xã", "Tỉnh", "Huyện", *map(str, range(1, 20))],
            ["A", "Lạng Sơn", "Lộc Bình", *statuses({1, 2})], ["B", "Lạng Sơn", "Cao Lộc", *statuses({1, 2, 3, 4})],
            ["C", "Bắc Kạn", "Ba Bể", *statuses(set(range(1, 20)))]]
    review = build_review(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)))
    assert review.unit == Unit("provinces", None) and review.units_level == "province"
    assert [(d.unit, d.level, d.n_communes) for d in review.districts] == [("Bắc Kạn", "province", 1),
                                                                          ("Lạng Sơn", "province", 2)]
    sections = report_sections(review, "vi")
    # two provinces are not the country
    assert sections[0].paragraphs[0].startswith("Tính đến ngày 31/3/2020, các tỉnh trong số liệu có 03 xã")
    assert report_sections(review, "en")[0].paragraphs[0].startswith(
        "As of 31 March 2020, 3 communes in the provinces in the data were implementing")
    assert sections[1].title == "So sánh giữa các tỉnh"
    assert sections[1].paragraphs[0].startswith("Bình quân cao nhất là tỉnh Bắc Kạn với 19,00 tiêu chí/xã")
    assert sections[1].paragraphs[1].startswith("Tỉnh Bắc Kạn có 01 xã")
    from ntm_analysis.review_tables import review_tables

    tables = review_tables(review, "en")
    assert "provinces" in tables and tables["provinces"].columns[0].header == "Province"
    assert not [n for n in review.notes if "no unit" in n.message]


def test_many_districts_are_counted_and_charted_best_and_last(tmp_path):
    """A national file's hundreds of districts: the page counts them and leaves the table to the
    workbook, the dot chart draws the 20 best and the 20 last, the small multiples 8 and 8."""
    from ntm_analysis import charts
    from ntm_analysis.page import render_page

    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))]]
    rows += [[f"Xã {i:03d}", f"H{i:03d}", *statuses(set(range(1, 2 + i % 19)))] for i in range(70)]
    review = build_review(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)))
    assert len(review.districts) == 70
    paragraphs = report_sections(review, "vi")[1].paragraphs
    assert len(paragraphs) == 2 and paragraphs[-1] == "Kết quả của từng huyện trong 70 huyện có trong bảng tính."
    page = BeautifulSoup(render_page(review, "vi"), "html.parser")
    section = page.find("section", id="districts")
    assert not section.find("table") and ("Bảng “Kết quả theo huyện, xếp theo bình quân tiêu chí/xã” có 70 huyện, không in hết ở đây: "
                                         "xem đầy đủ tại trang tính “Theo huyện” của tệp bảng tính.") in section.get_text()
    ax = charts.district_means_chart(review.districts, "vi", "số liệu", unit=review.unit).axes[0]
    assert len(ax.get_yticklabels()) == 40
    assert "20 huyện có bình quân cao nhất và 20 huyện thấp nhất trong tổng số 70" in _texts(ax.figure)
    fig = charts.district_bands_chart(review.districts, "vi", "số liệu", unit=review.unit)
    assert len([a for a in fig.axes if a.get_title()]) == 16
    assert "8 huyện có bình quân cao nhất và 8 huyện thấp nhất trong tổng số 70" in fig._suptitle.get_text()


@pytest.mark.parametrize("n, drawn", [(19, 19), (20, 20), (21, 16)])
def test_the_small_multiples_draw_every_unit_up_to_twenty(tmp_path, n, drawn):
    """19 provinces are 19 panels (leaving out 3 of 19 helped no one, review 8); beyond 20, the
    best and the last 8, said under the title and on the page."""
    from ntm_analysis import charts
    from ntm_analysis.report import chart_note

    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))]]
    rows += [[f"Xã {i:03d}", f"H{i:03d}", *statuses(set(range(1, 2 + i % 19)))] for i in range(n)]
    review = build_review(load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)))
    fig = charts.district_bands_chart(review.districts, "vi", "số liệu", unit=review.unit)
    assert len([a for a in fig.axes if a.get_title()]) == drawn
    said = f"8 huyện có bình quân cao nhất và 8 huyện thấp nhất trong tổng số {n}"
    assert any(said in t.get_text() for t in fig.findobj(Text)) == (drawn < n)
    assert (said in chart_note("district_bands", review, "vi")) == (drawn < n)


def test_the_one_pass_figures_are_the_plain_references(tmp_path, province):
    """unit_summaries (one pass over the matrix) gives exactly what summarise_snapshot gives unit by
    unit: on the province form, and on random communes with basically-met marks, a register of
    recognition years, communes of no known district and bands that leave some out."""
    import random

    from ntm_analysis.units import reference_summaries

    assert [u.to_dict() for u in unit_summaries(province)] == [u.to_dict() for u in reference_summaries(province)]
    rng = random.Random(7)
    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))]]
    register = []
    for i in range(120):
        marks = [rng.choice(["Đạt", "Chưa đạt", "Cơ bản đạt", "Đạt"]) for _ in range(19)]
        rows.append([f"Xã {i:03d}", rng.choice(["Na Rì", "Ba Bể", "Đông Anh", "Ân Thi", ""]), *marks])
        register.append([f"Xã {i:03d}", rng.choice(["", "2017", "2019", "2020", "2021"])])
    folder = tmp_path / "r"
    folder.mkdir()
    write_csv(folder / "ntm_2020Q4.csv", rows)
    write_table(folder / "communes.csv", ["commune", "recognised_year"], register)
    assessment = load(folder)
    for bands in (None, "19,12,9,5-8", "exact"):
        fast, plain = unit_summaries(assessment, bands=bands), reference_summaries(assessment, bands=bands)
        assert [u.to_dict() for u in fast] == [u.to_dict() for u in plain]
    assert fast[-1].unit is None and sum(u.n_communes for u in fast) == 120


def _title_as_shown(fig) -> float:
    """A chart's title size as the page shows it: the page fits every chart to one column width,
    so a title of s points on a figure w inches wide is seen as s × PAGE_WIDTH / w."""
    from ntm_analysis.charts import PAGE_WIDTH

    title = fig._suptitle if fig._suptitle is not None else fig.axes[0].title if fig.axes[0].get_title() \
        else fig.axes[0]._left_title
    assert title.get_text()
    return title.get_fontsize() * PAGE_WIDTH / fig.get_figwidth()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_small_multiples_title_is_the_size_of_the_other_titles(review, lang):
    """Review 6, defect 14: in the province page the small multiples' title looked much larger
    than the others (a narrower figure, enlarged to the column's width): now seen at one size."""
    from ntm_analysis import charts
    from ntm_analysis.chart_fit import text_problems

    bands = charts.district_bands_chart(review.districts, lang, "số liệu", unit=review.unit)
    others = [charts.district_means_chart(review.districts, lang, "số liệu", unit=review.unit,
                                          overall=review.summary.mean_met),
              charts.distribution_chart(review.snapshot, lang, "số liệu", unit=review.unit)]
    sizes = {round(_title_as_shown(fig), 2) for fig in others}
    assert sizes == {round(_title_as_shown(bands), 2)} == {14.0}
    # and every chart of the review (bands 9 in and grid, targets 12 in wide before): one size
    from ntm_analysis.report import chart_figures

    shown = {stem: round(_title_as_shown(fig), 2) for stem, fig in chart_figures(review, lang)}
    assert set(shown.values()) == {14.0}, shown
    assert bands._suptitle.get_fontweight() == "bold"
    assert text_problems(bands) == []
