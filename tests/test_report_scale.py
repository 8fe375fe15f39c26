"""A review with more communes than a chart draws one by one (300 synthetic communes): the charts
whose size grows with the communes change form and say so on the chart, the page says so under
each of them and prints no long table, and the workbook still lists every commune."""

from __future__ import annotations

import collections

import pytest
from bs4 import BeautifulSoup

from ntm_analysis import charts, load, synth
from ntm_analysis.report import build, chart_stems
from ntm_analysis.review import LIMIT, build_review
from ntm_analysis.vocab import header

N = 300


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    """300 communes over five quarters (no churn: every commune in every quarter), reviewed and
    written as a pack."""
    folder = tmp_path_factory.mktemp("scale")
    written = synth.write(synth.generate(N, 5, seed=3, end="2024Q4", churn=0), folder / "data",
                          forms=("wide", "records"), formats=("parquet",))
    paths = [str(written["wide_parquet"]), str(written["records"])]
    assessment = load(paths)
    review = build_review(assessment)
    build(assessment, paths, review.period, folder / "pack", progress=lambda message: None)
    return assessment, review, folder / "pack"


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text)]


def test_the_heatmap_draws_the_top_and_bottom_communes_and_says_so(scale):
    _, review, _ = scale
    counts = review.snapshot.met_count
    assert review.n_communes == N and N > LIMIT
    fig = charts.heatmap_chart(review.snapshot, "vi", "số liệu", unit=review.unit)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    districts = review.snapshot.units["district"]
    names = [label.rsplit(" (", 1)[0] for label in labels]  # a province's grid names each commune's district
    assert labels == [f"{n} ({districts[n]})" for n in names]
    assert len(names) == 40 and len(set(names)) == 40
    shown = counts[names].tolist()
    ranked = sorted(counts.tolist(), reverse=True)
    assert shown[:20] == ranked[:20] and shown[20:] == ranked[-20:]  # the 20 meeting most, the 20 meeting fewest
    assert ax.get_images()[0].get_array().shape == (40, review.criteria_set.size)
    # 47 communes tie at 19: which 20 are drawn is said (the first by name), as at the bottom
    assert ("20 xã đạt nhiều nhất và 20 xã đạt ít nhất trong tổng số 300 xã; 47 xã cùng đạt 19 tiêu chí, vẽ 20 xã "
            "theo thứ tự tên; 14 xã cùng đạt 10 tiêu chí, vẽ 5 xã theo thứ tự tên") in _texts(fig)
    from ntm_analysis.text import vi_sorted

    assert names[:20] == vi_sorted(counts.index[counts == 19])[:20]
    english = charts.heatmap_chart(review.snapshot, "en", "data", unit=review.unit)
    assert ("The 20 communes meeting most and the 20 meeting fewest of 300; 47 communes meet 19 criteria, 20 of "
            "them drawn in order of name; 14 communes meet 10 criteria, 5 of them drawn in order of name") in _texts(english)
    assert fig.get_figheight() < 20  # the height of 40 rows, not of 300


def test_the_change_chart_counts_communes_by_change_and_says_so(scale):
    assessment, review, _ = scale
    before = assessment.snapshot(review.previous.from_period).met_count
    after = review.snapshot.met_count
    assert set(before.index) == set(after.index) and len(after) == N
    expected = collections.Counter((after - before[after.index]).tolist())
    fig = charts.change_chart(review.previous, "vi", "số liệu", unit=review.unit)
    ax = fig.axes[0]
    drawn = {round(p.get_x() + p.get_width() / 2): round(p.get_height()) for p in ax.patches}
    assert drawn == dict(expected)  # one bar per net change, its height the communes at that change
    assert ax.get_title(loc="left").startswith("Số xã theo mức thay đổi số tiêu chí đạt")
    assert not [t for t in ax.get_yticklabels() if t.get_text() in set(after.index)]  # no commune drawn by name
    assert "Số xã ở mỗi mức thay đổi, vì 300 xã là quá nhiều để vẽ riêng từng xã (tối đa 60)" in _texts(fig)
    english = charts.change_chart(review.previous, "en", "data", unit=review.unit)
    assert "Communes counted at each change, as 300 are too many to draw one by one (at most 60)" in _texts(english)


def test_the_page_says_under_each_reduced_chart_where_the_rest_is(scale):
    _, review, pack = scale
    page = BeautifulSoup((pack / "review.html").read_text(encoding="utf-8"), "html.parser")
    stems = chart_stems(review)
    heatmap = int(stems["criteria_by_commune"][:2])
    change = int(stems["change_per_commune"][:2])
    notes = [p.get_text() for p in page.find_all("p", class_="note")]
    assert (f"Biểu đồ {heatmap} vẽ 20 xã đạt nhiều nhất và 20 xã đạt ít nhất trong tổng số 300 xã; 47 xã cùng "
            "đạt 19 tiêu chí, vẽ 20 xã theo thứ tự tên; 14 xã cùng đạt 10 tiêu chí, vẽ 5 xã theo thứ tự tên; số liệu "
            "đầy đủ trong tệp bảng tính.") in notes
    assert (f"Biểu đồ {change} vẽ số xã ở mỗi mức thay đổi, vì 300 xã là quá nhiều để vẽ riêng từng xã (tối "
            "đa 60); số liệu đầy đủ trong tệp bảng tính.") in notes
    from ntm_analysis.page import render_page

    images = {stem: b"<svg/>" for stem in stems.values()}  # the page's English words, not its charts
    english = BeautifulSoup(render_page(review, "en", images), "html.parser")
    assert (f"Chart {change} shows communes counted at each change, as 300 are too many to draw one by one (at "
            "most 60); the workbook has them all.") in [p.get_text() for p in english.find_all("p", class_="note")]
    captions = [c.get_text() for c in page.find_all("figcaption")]
    assert f"Biểu đồ {change}. Số xã theo mức thay đổi số tiêu chí đạt" in captions  # the chart's own title
    # the note follows its chart
    figure = page.find("figcaption", string=f"Biểu đồ {heatmap}. Kết quả từng tiêu chí của các xã").parent
    assert figure.find_next_sibling("p")["class"] == ["note"]
    assert not page.find("section", id="annex").find("table")
    assert ("Bảng “Kết quả đánh giá các xã” có 300 xã, không in hết ở đây: xem đầy đủ tại trang tính “Kết quả các "
            "xã” của tệp bảng tính.") in page.find("section", id="annex").get_text()
    assert max(len(t.find_all("tr")) for t in page.find_all("table")) <= LIMIT + 3  # no table of every commune


def test_the_workbook_lists_every_commune(scale):
    from openpyxl import load_workbook

    from ntm_analysis.vocab import SHEETS

    _, review, pack = scale
    book = load_workbook(pack / f"tables_{review.period}.xlsx", read_only=True)
    rows = list(book[SHEETS["vi"]["communes"]].iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if row[:2] == ("STT", "Tên xã"))
    body = [row for row in rows[head + 2:] if isinstance(row[0], int)]
    assert [row[1] for row in body] == list(review.snapshot.communes)
    counts = review.snapshot.met_count
    met_column = rows[head].index("Số tiêu chí đạt")
    assert [row[met_column] for row in body] == counts.tolist()
    units = review.snapshot.units.reindex(review.snapshot.communes)  # a country's review: each commune's units
    assert rows[head][2:4] == ("Tỉnh", "Huyện")
    assert [row[2] for row in body] == units["province"].tolist() and len(set(units["province"])) == 2
    assert [row[3] for row in body] == units["district"].tolist()
    changes = list(book[SHEETS["vi"]["previous"]].iter_rows(values_only=True))
    assert sum(1 for row in changes if isinstance(row[0], int)) == N  # every commune of both quarters


def test_a_bundled_sized_review_draws_every_commune_and_notes_nothing(scale, tmp_path):
    """Below the limit nothing changes form: the bundled data's heatmap and change chart draw each
    commune and carry no note, and its page has none."""
    from ntm_analysis.report import chart_note

    review = build_review(load(), "2021Q4")
    assert review.n_communes <= LIMIT
    assert all(chart_note(name, review, "vi") == "" for name in chart_stems(review))
    ax = charts.heatmap_chart(review.snapshot, "vi").axes[0]
    assert len(ax.get_yticklabels()) == review.n_communes
    ax = charts.change_chart(review.previous, "vi").axes[0]
    assert len(ax.get_yticklabels()) == len(review.previous.communes)


def test_the_page_notes_the_units_charts_beyond_the_limit(tmp_path):
    """70 districts: the dot chart draws the best and the last 20, the small multiples the best
    and the last 8, and the page says so under each."""
    from conftest import statuses, write_csv

    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))]]
    rows += [[f"Xã {i:03d}", f"H{i:03d}", *statuses(set(range(1, 2 + i % 19)))] for i in range(70)]
    (tmp_path / "d").mkdir()
    assessment = load(write_csv(tmp_path / "d" / "ntm_2020Q1.csv", rows))
    review = build_review(assessment)
    build(assessment, [], review.period, tmp_path / "pack", progress=lambda message: None)
    page = BeautifulSoup((tmp_path / "pack" / "review.html").read_text(encoding="utf-8"), "html.parser")
    stems = chart_stems(review)
    notes = [p.get_text() for p in page.find("section", id="districts").find_all("p", class_="note")]
    assert notes == ["Bảng “Kết quả theo huyện, xếp theo bình quân tiêu chí/xã” có 70 huyện, không in hết ở đây: "
                     "xem đầy đủ tại trang tính “Theo huyện” của tệp bảng tính.",
                     f"Biểu đồ {int(stems['district_means'][:2])} vẽ 20 huyện có bình quân cao nhất và 20 huyện "
                     "thấp nhất trong tổng số 70; số liệu đầy đủ trong tệp bảng tính.",
                     f"Biểu đồ {int(stems['district_bands'][:2])} vẽ 8 huyện có bình quân cao nhất và 8 huyện "
                     "thấp nhất trong tổng số 70; số liệu đầy đủ trong tệp bảng tính."]


def test_the_trend_starts_where_the_criteria_set_changes_size(tmp_path):
    """A quarter of the 2026–2030 set (10 criteria) after quarters of 19: the review's trend runs
    from the first 10-criteria quarter (band counts out of 19 do not continue a line out of 10)
    and its workbook table has no gap."""
    from ntm_analysis.review_tables import review_tables

    written = synth.write(synth.generate(30, 6, seed=2, end="2026Q2", churn=0), tmp_path / "data",
                          forms=("wide",), formats=("parquet",))
    assessment = load(str(written["wide_parquet"]))
    sizes = {p: assessment.snapshot(p).criteria_set.size for p in assessment.periods}
    assert set(sizes.values()) == {19, 10}
    review = build_review(assessment)
    assert list(review.trend.index) == [p for p, size in sizes.items() if size == 10]
    assert not review.trend.isna().any().any()
    trend = review_tables(review, "vi")["trend"]
    assert [row[0] for row in trend.rows] == ["Quý I/2026", "Quý II/2026"]


def test_the_trend_counts_thousands_the_language_s_way():
    """Thousands of communes up the trend's band axis: "2.000" in Vietnamese, "2,000" in English."""
    import pandas as pd

    table = pd.DataFrame({"mean_met": [7.2, 7.4], "n_communes": [3809, 3809], "band_10": [160, 300],
                          "band_5-9": [3649, 3509]}, index=pd.Index(["2026Q1", "2026Q2"], name="period"))
    for lang, thousands in (("vi", "2.000"), ("en", "2,000")):
        fig = charts.trend_chart(table, lang, "x")
        fig.canvas.draw()
        labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
        assert thousands in labels and not [t for t in labels if len(t) > 3 and t.isdigit()]


def test_lists_of_names_too_long_for_a_cell_become_a_note_naming_the_sheet(scale, monkeypatch):
    """The criteria sheet lists the communes not meeting each criterion while every list has at
    most CELL_NAMES names; beyond (here: 300 communes), the numbers stay, the names go, and a note
    under the table, in the workbook as Excel shows it and on the page, says where they are."""
    from openpyxl import load_workbook

    from ntm_analysis import review_tables as tables_module
    from ntm_analysis.page import render_page

    _, review, pack = scale
    longest = max(len(m) for m in review.lagging["missing"])
    assert longest > tables_module.CELL_NAMES  # the pack was written past the limit
    note = ("Có tiêu chí còn hơn 100 xã chưa đạt, quá nhiều để ghi trong một ô: các xã chưa đạt từng tiêu chí "
            "xem tại trang tính “Kết quả các xã” (lọc theo cột của tiêu chí).")
    sheet = load_workbook(pack / "tables_2024Q4.xlsx")["Theo tiêu chí"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert note in cells and "Số xã chưa đạt" in cells and "Các xã chưa đạt" not in cells
    assert max(len(c) for c in cells) < 300  # no cell of thousands of names
    # the page has no cells and, for 300 communes, no commune table in its annex: its own note
    # names the workbook's sheet, in Vietnamese ("trang tính", not "sheet")
    for lang, expected in (
            ("vi", "Danh sách các xã chưa đạt từng tiêu chí quá dài để in trên trang này (có tiêu chí còn hơn 100 "
                   "xã chưa đạt): xem trang tính “Kết quả các xã” của tệp bảng tính, lọc theo cột của tiêu chí."),
            ("en", "The lists of communes not meeting each criterion are too long to print on this page (some "
                   "criteria are not met by more than 100 communes): see the sheet “Communes” of the workbook, "
                   "filtering the criterion's column.")):
        section = BeautifulSoup(render_page(review, lang), "html.parser").find("section", id="criteria")
        assert [p.get_text() for p in section.find_all("p", class_="note")].count(expected) == 1
        assert note not in section.get_text() and "sheet “Kết" not in section.get_text()
    assert tables_module.criteria_table(review, "vi").title == "Các tiêu chí theo tỷ lệ đạt, từ thấp đến cao"
    english = tables_module.criteria_table(review, "en").note
    assert english == ("Some criteria are not met by more than 100 communes, too many for one cell: the communes "
                       "not meeting each criterion are on the sheet “Communes” (filter the criterion's column).")
    # within the limit, the names are listed and nothing is noted
    monkeypatch.setattr(tables_module, "CELL_NAMES", longest)
    listed = tables_module.criteria_table(review, "vi")
    assert [c.key for c in listed.columns][-1] == "missing" and listed.note is None
    assert listed.title == "Các tiêu chí theo tỷ lệ đạt, từ thấp đến cao, với các xã chưa đạt"
    assert max(len(row[-1].split(", ")) for row in listed.rows) == longest
    # the page of 300 communes still drops the names (the workbook's criteria sheet has them), its
    # table's title promises no list, and a note says where the names are
    for lang, title, expected in (
            ("vi", "Các tiêu chí theo tỷ lệ đạt, từ thấp đến cao",
             "Danh sách các xã chưa đạt từng tiêu chí không in trên trang này: xem trang tính “Theo tiêu chí” của "
             "tệp bảng tính."),
            ("en", "Criteria from the least met",
             "The communes not meeting each criterion are not listed on this page: see the sheet “By criterion” "
             "of the workbook.")):
        section = BeautifulSoup(render_page(review, lang), "html.parser").find("section", id="criteria")
        assert [p.get_text() for p in section.find_all("p", class_="note")].count(expected) == 1
        caption = section.find("table").find("caption").get_text()
        assert caption.endswith(title) and header("missing", lang) not in section.find("table").get_text()


def test_the_text_counts_recognised_communes_by_year_beyond_the_names_limit(scale):
    """Hundreds of recognised communes: the text gives how many each year and says the workbook
    lists them (no sentence of names per year, no "(listed) (year)" pile-up)."""
    from ntm_analysis.wording import NAMES_LIMIT, recognised_text

    assessment, review, pack = scale
    register = assessment.communes.reindex(review.snapshot.communes)["recognised_year"].dropna()
    years = collections.Counter(int(y) for y in register if int(y) <= int(review.period[:4]))
    assert sum(years.values()) == len(review.recognised) > NAMES_LIMIT
    listed = ", ".join(f"{n:02d} xã năm {y}" if n < 10 else f"{n} xã năm {y}" for y, n in sorted(years.items()))
    expected = (f"Lũy kế đến hết quý IV/2024 có {len(review.recognised)} xã được công nhận đạt chuẩn nông thôn mới "
                f"(danh sách trong bảng tính): {listed}.")
    assert recognised_text(review, "vi").startswith(expected)
    assert expected in (pack / "summary_vi.txt").read_text(encoding="utf-8")
    english = ", ".join(f"{n} communes in {y}" if n != 1 else f"1 commune in {y}" for y, n in sorted(years.items()))
    assert recognised_text(review, "en").startswith(
        f"By the end of Q4 2024, {len(review.recognised)} communes had been recognised as new rural communes "
        f"(listed in the workbook): {english}.")
