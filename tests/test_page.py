"""The review page as a reader meets it: parsed as HTML (never searched as a string), in one
language, with numbered sections in report order, no code, tables without an index, every seed
figure in its text, self-contained and printable; and safe with hostile names in the data."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import run_cli, write_csv
from ntm_analysis.vocab import HEADERS

SECTIONS = {
    "vi": ["1. Kết quả chung", "2. Kết quả theo từng tiêu chí", "3. So sánh với quý trước và cùng kỳ năm trước",
           "4. Xã điểm và các mục tiêu", "5. Cảnh báo", "6. Phụ lục: kết quả đánh giá từng xã"],
    "en": ["1. Overall result", "2. Results by criterion",
           "3. Against the previous quarter and the same quarter a year before", "4. Pilot communes and targets",
           "5. Warnings", "6. Annex: assessment of each commune"],
}


def build(out, *args):
    result = run_cli("report", *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return BeautifulSoup((out / "review.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def vi_page(tmp_path_factory):
    return build(tmp_path_factory.mktemp("vi"), "--period", "2020Q1", "--bands", "19,12,9,5-8")


@pytest.fixture(scope="module")
def en_page(tmp_path_factory):
    return build(tmp_path_factory.mktemp("en"), "--period", "2020Q1", "--bands", "19,12,9,5-8", "--lang", "en")


def text_of(page) -> str:
    return re.sub(r"\s+", " ", page.get_text(" "))


def test_language_and_title(vi_page, en_page):
    assert vi_page.html["lang"] == "vi" and en_page.html["lang"] == "en"
    assert vi_page.title.get_text() == ("Kết quả xây dựng nông thôn mới huyện Lộc Bình, tỉnh Lạng Sơn, quý I/2020 "
                                        "(tính đến ngày 31/3/2020)")
    assert en_page.title.get_text() == ("New rural development, Lộc Bình district, Lạng Sơn province, Q1 2020 "
                                        "(as of 31 March 2020)")
    header = vi_page.find("header")
    assert [p.get_text() for p in header.find_all("p")] == [
        "Chương trình mục\u00a0tiêu\u00a0quốc\u00a0gia xây dựng nông\u00a0thôn\u00a0mới",
        "Huyện Lộc Bình, tỉnh Lạng Sơn — Quý I/2020",
        "(Tính đến ngày 31/3/2020)"]
    # "nông thôn mới" is never broken over two lines: its spaces are no-break spaces
    assert header.h1.get_text() == "Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông\u00a0thôn\u00a0mới"
    assert en_page.find("header").h1.get_text() == ("Implementation of the National Criteria for "
                                                    "New\u00a0Rural\u00a0Communes")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_numbered_sections_in_report_order(vi_page, en_page, lang):
    page = vi_page if lang == "vi" else en_page
    assert [h.get_text() for h in page.find_all("h2")] == SECTIONS[lang]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_code_prompt_monospace_or_script(vi_page, en_page, lang):
    page = vi_page if lang == "vi" else en_page
    assert not page.find_all(["pre", "code", "script", "samp", "kbd", "tt"])
    assert not page.find_all(class_=re.compile(r"jp-|prompt|input|output|cell"))
    style = page.find("style").get_text()
    assert "monospace" not in style and "@page" in style and "A4" in style
    text = text_of(page)
    for leak in ("In [", "Out[", "None", "False", "True", "nan", "Notebook", "import ", "0.210526"):
        assert leak not in text, leak


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tables_have_headers_in_the_language_and_no_index(vi_page, en_page, lang):
    page = vi_page if lang == "vi" else en_page
    known = {v.split("{")[0].strip() for v in HEADERS[lang].values()}
    tables = page.find_all("table")
    assert len(tables) >= 4  # bands, criteria, targets, annex (2020Q1 has no quarter before it)
    for table in tables:
        heads = [th.get_text() for th in table.thead.find_all("th")]
        assert all(heads), f"an empty header (a pandas index?) in {table.caption.get_text()}"
        first = heads[0]
        assert first in (HEADERS[lang]["stt"], HEADERS[lang]["criterion"]), first
        for head in heads:
            assert head.isdigit() or any(head.startswith(k) for k in known), head
        width = len(table.tbody.find("tr").find_all("td"))
        for row in table.tbody.find_all("tr"):
            assert len(row.find_all("td")) == width
    other = "en" if lang == "vi" else "vi"
    own = set(HEADERS[lang].values())
    foreign = {h for h in HEADERS[other].values() if h not in own and "{" not in h}
    assert not foreign & {th.get_text() for th in page.find_all("th")}


def test_every_seed_figure_is_in_the_vietnamese_page(vi_page):
    text = text_of(vi_page)
    for figure in ("04 xã đạt 19 tiêu chí", "01 xã đạt 12 tiêu chí", "01 xã đạt 9 tiêu chí",
                   "13 xã đạt từ 5 đến 8 tiêu chí", "Tổng số tiêu chí đạt chuẩn là 187 tiêu chí",
                   "trung bình đạt 9,84 tiêu chí/xã", "toàn huyện có 19 xã", "năm 2019 có Tú Đoạn",
                   "Xã điểm đạt chuẩn NTM năm 2020 (đang thực hiện, hạn quý IV/2020): Khuất Xá còn 07 tiêu chí "
                   "chưa đạt", "(04/19 xã, 21,1%)",
                   "08/26 thôn của Mẫu Sơn, Tam Gia và Tú Mịch"):
        assert figure in text, figure
    bands = vi_page.find("caption", string=re.compile("Số xã theo nhóm")).find_parent("table")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in bands.tbody.find_all("tr")]
    assert rows == [["1", "19 tiêu chí", "4", "21,1%"], ["2", "12 tiêu chí", "1", "5,3%"],
                    ["3", "9 tiêu chí", "1", "5,3%"], ["4", "từ 5 đến 8 tiêu chí", "13", "68,4%"],
                    ["", "Tổng cộng", "19", "100,0%"]]


def test_every_seed_figure_is_in_the_english_page(en_page):
    text = text_of(en_page)
    for figure in ("4 communes met 19 criteria", "1 commune met 12 criteria", "1 commune met 9 criteria",
                   "13 communes met 5 to 8 criteria", "In total 187 criteria were met",
                   "an average of 9.84 criteria per commune", "(4 of 19 communes, 21.1%)"):
        assert figure in text, figure
    assert "9,84" not in text and "21,1%" not in text and "Tổng cộng" not in text


def test_annex_lists_every_commune_as_the_office_form(vi_page):
    annex = vi_page.find("section", id="annex").table
    body = annex.tbody.find_all("tr")
    assert len(body) == 20  # 19 communes and the total row
    names = [tr.find_all("td")[1].get_text() for tr in body[:-1]]
    assert names[0] == "Ái Quốc" and "Khuất Xá" in names
    total = [td.get_text() for td in body[-1].find_all("td")]
    # STT, name, criteria 1…19, criteria met: the total row counts communes meeting each criterion
    assert total[1] == "Tổng cộng" and total[21] == "187" and (total[17], total[18]) == ("4", "4")
    groups = [th.get_text() for th in annex.thead.find_all("tr")[0].find_all("th")]
    assert groups[:3] == ["STT", "Tên xã", "Tiêu chí"]


def test_page_is_self_contained(vi_page):
    images = vi_page.find_all("img")
    assert len(images) == 5  # no change chart and no trend without a quarter before 2020Q1
    assert all(img["src"].startswith("data:image/svg+xml;base64,") and img["alt"] for img in images)
    assert not vi_page.find_all("link") and not vi_page.find_all(src=re.compile(r"^(?!data:)"))
    captions = [f.get_text() for f in vi_page.find_all("figcaption")]
    assert captions[0] == "Biểu đồ 1. Số xã theo nhóm tiêu chí đạt"


HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", '=HYPERLINK("http://x","y")',
           "+1 Xuân", "-2 Hòa", "@SUM(A1)", "$x^2$ \\frac{a}{b}", "Tân\\Lập\\"]


@pytest.fixture(scope="module")
def hostile_pack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for k, period in enumerate(("2020Q1", "2020Q2")):
        rows = [["STT", "Tên xã", *map(str, range(1, 20))]]
        for i, name in enumerate(HOSTILE):
            met = set(range(1, 3 + i + k))
            rows.append([i + 1, name, *["Đạt" if c in met else "Chưa đạt" for c in range(1, 20)]])
        write_csv(folder / f"ntm_{period}.csv", rows)
    out = folder / "pack"
    result = run_cli("report", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_hostile_names_are_text_in_the_page(hostile_pack):
    page = BeautifulSoup((hostile_pack / "review.html").read_text(encoding="utf-8"), "html.parser")
    assert not page.find_all("script")
    assert all(img["src"].startswith("data:image/") for img in page.find_all("img"))
    assert not [tag for tag in page.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    cells = {td.get_text() for td in page.find_all("td")}
    for name in HOSTILE:
        assert name in cells, name  # shown as the data has it, as text
    assert "<script>alert(1)</script>" in text_of(page)


def test_hostile_names_are_text_in_the_workbook(hostile_pack):
    from openpyxl import load_workbook

    book = load_workbook(hostile_pack / "tables_2020Q2.xlsx")
    formulas = [(ws.title, c.coordinate) for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    values = {c.value for ws in book for row in ws.iter_rows() for c in row}
    assert set(HOSTILE) <= values


def test_hostile_names_draw_literally_in_the_charts(hostile_pack):
    svg = (hostile_pack / "04_criteria_by_commune.svg").read_text(encoding="utf-8")
    # matplotlib writes each text as a comment before its glyphs: the names are there as drawn, literally
    assert "$x^2$ \\frac{a}{b}" in svg and "Tân\\Lập\\" in svg
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


@pytest.fixture(scope="module")
def q4_2021(tmp_path_factory):
    out = tmp_path_factory.mktemp("q4") / "2021Q4"
    return out, build(out)


def test_each_chart_caption_has_its_files_number(q4_2021):
    """"Biểu đồ 3" on the page is 03_….svg in the pack: the embedded image is that file."""
    import base64

    out, page = q4_2021
    figures = page.find_all("figure")
    assert len(figures) == 7
    for n, figure in enumerate(figures, 1):
        caption = figure.figcaption.get_text()
        assert caption.startswith(f"Biểu đồ {n}. "), caption
        [svg] = out.glob(f"{n:02d}_*.svg")
        assert base64.b64decode(figure.img["src"].split(",", 1)[1]) == svg.read_bytes(), caption


def test_changes_against_the_previous_quarter_and_a_year_before_with_totals(q4_2021):
    _, page = q4_2021
    tables = page.find("section", id="compare").find_all("table")
    assert [t.caption.get_text() for t in tables] == [
        "Bảng 3. Các xã có thay đổi so với quý III/2021",
        "Bảng 4. Các xã có thay đổi so với cùng kỳ năm trước (quý IV/2020)"]
    totals = [[td.get_text() for td in t.tbody.find_all("tr")[-1].find_all("td")] for t in tables]
    assert totals[0] == ["", "Tổng cộng", "", "", "+16", "", ""]  # the district's change: 268 → 284
    assert totals[1] == ["", "Tổng cộng", "", "", "+49", "", ""]  # 235 → 284
    lost = [[td.get_text() for td in tr.find_all("td")] for tr in tables[1].tbody.find_all("tr")]
    assert ["5", "Lợi Bác", "11", "14", "+3", "5, 9, 11, 13", "10"] in lost


def test_no_total_under_a_year_and_pilots_shown_with_their_year(q4_2021):
    _, page = q4_2021
    annex = page.find("section", id="annex").table
    heads = [th.get_text() for th in annex.thead.find_all("tr")[0].find_all("th")]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in annex.tbody.find_all("tr")]
    year, pilot = heads.index("Năm công nhận") + 19 - 1, heads.index("Xã điểm (năm)") + 19 - 1
    khuat = next(r for r in rows if r[1] == "Khuất Xá")
    assert (khuat[year], khuat[pilot]) == ("2020", "2020")  # a pilot of 2020, reviewed in 2021
    assert rows[-1][1] == "Tổng cộng" and rows[-1][year] == "" and rows[-1][pilot] == ""


def test_english_headers_are_never_repeated(en_page):
    for table in en_page.find_all("table"):
        heads = [th.get_text() for th in table.thead.find_all("th")]
        assert len(heads) == len(set(heads)), heads


def test_the_criteria_table_has_no_total_row(q4_2021):
    """A total of "Số xã đạt" over the criteria would count each commune up to 19 times: the
    table of results by criterion (Bảng 2) ends with its last criterion."""
    _, page = q4_2021
    table = page.find("section", id="criteria").find("table")
    assert [th.get_text() for th in table.thead.find_all("th")] == [
        "Tiêu chí", "Tên tiêu chí", "Số xã đạt", "Tỷ lệ", "Số xã chưa đạt", "Các xã chưa đạt"]
    body = [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    assert len(body) == 19 and not table.find("tr", class_="total")
    assert body[0] == ["16", "Văn hóa", "6", "31,6%", "13", "Ái Quốc, Đông Quan, Hữu Lân, Khánh Xuân, Lợi Bác, Mẫu Sơn, "
                       "Minh Hiệp, Nam Quan, Sàn Viên, Tam Gia, Thống Nhất, Tĩnh Bắc, Xuân Dương"]
    assert body[-1] == ["19", "Quốc phòng và An ninh", "19", "100,0%", "0", ""]
    assert "Tổng cộng" not in table.get_text()


@pytest.mark.parametrize("lang, caption", [("vi", "Bảng 1. Kết quả qua các kỳ"),
                                           ("en", "Table 1. Results over the quarters")])
def test_the_trend_table_is_captioned_as_the_results_over_the_quarters(lang, caption):
    """Notebook 02 shows the trend table (one row per quarter) under its own name, as the
    workbook's sheet calls it, not under the comparison section's name."""
    from ntm_analysis import load
    from ntm_analysis.page import table_html
    from ntm_analysis.review import build_review
    from ntm_analysis.review_tables import trend_table

    table = BeautifulSoup(table_html(trend_table(build_review(load(), "2021Q4"), lang), lang), "html.parser")
    assert table.find("caption").get_text(" ", strip=True) == caption
