"""A province's pack (issue 10, review 3): every commune table carries the commune's district,
the page says which table and which sheet a long or shortened table is, and a comparison across
the 1/7/2025 reorganisation lists its mergers in the workbook. A single district's pack keeps its
tables as they were."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from conftest import statuses, write_csv, write_periods, write_table
from ntm_analysis import load
from ntm_analysis.page import render_page
from ntm_analysis.review import build_review
from ntm_analysis.review_tables import review_tables
from ntm_analysis.workbook import HEADER_ROW, write_workbook
from ntm_analysis.wording import report_sections

# district → commune → criteria met in 2020Q1 and 2020Q2
PROVINCE = {
    "Cao Sơn": {"Tân Lập": (19, 19), "Hòa Bình": (15, 16), "Phú Mỹ": (10, 10)},
    "Bắc Hà": {"Xuân Sơn": (19, 18), "Đông Hà": (19, 19), "An Khánh": (12, 12)},
    "Đình Lập": {"Yên Thế": (8, 9), "Cao Lộc": (7, 7), "Bắc Xa": (6, 6)},
}


def _quarter(folder, period, which):
    rows = [["Tên xã", "Huyện", *map(str, range(1, 20))]]
    for district, communes in PROVINCE.items():
        rows += [[name, f"Huyện {district}", *statuses(set(range(1, met[which] + 1)))]
                 for name, met in communes.items()]
    write_csv(folder / f"ntm_{period}.csv", rows)


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    folder = tmp_path_factory.mktemp("province")
    _quarter(folder, "2020Q1", 0)
    _quarter(folder, "2020Q2", 1)
    return build_review(load(folder), "2020Q2")


def _sheet(path, name):
    ws = load_workbook(path)[name]
    head = [c.value for c in ws[HEADER_ROW]]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    return head, rows


@pytest.mark.parametrize("lang,unit,name", [("vi", "Huyện", "Tên xã"), ("en", "District", "Commune")])
def test_every_commune_sheet_of_a_province_has_the_district(province, tmp_path, lang, unit, name):
    from ntm_analysis.vocab import SHEETS

    path = write_workbook(province, lang, review_tables(province, lang), tmp_path / "t.xlsx")
    sheets = SHEETS[lang]
    head, rows = _sheet(path, sheets["communes"])
    assert head[1:3] == [name, unit]
    by_name = {r[1]: r[2] for r in rows[1:] if r[1] and r[0]}  # the form's second header row first
    assert by_name["Hòa Bình"] == "Cao Sơn" and by_name["Cao Lộc"] == "Đình Lập" and len(by_name) == 9
    for key in ("previous", "flags"):
        head, rows = _sheet(path, sheets[key])
        at = head.index(name)
        assert head[at + 1] == unit, key
        units = {r[at]: r[at + 1] for r in rows if r[at]}
        assert units["Xuân Sơn"] == "Bắc Hà", key  # lost criterion 19: in both sheets
    # the communes not meeting a criterion, grouped by district
    head, rows = _sheet(path, sheets["criteria"])
    missing = {r[0]: r[-1] for r in rows if isinstance(r[0], int)}
    # (districts and communes in Vietnamese alphabetical order, as every list of names: the data's
    # order was "Cao Sơn: Hòa Bình, Phú Mỹ; Bắc Hà: Xuân Sơn, An Khánh; Đình Lập: Yên Thế, Cao Lộc, Bắc Xa")
    assert missing[19] == "Bắc Hà: An Khánh, Xuân Sơn; Cao Sơn: Hòa Bình, Phú Mỹ; Đình Lập: Bắc Xa, Cao Lộc, Yên Thế"


def test_the_page_tables_of_a_province_have_the_district(province):
    page = BeautifulSoup(render_page(province, "vi"), "html.parser")
    compare = page.find("section", id="compare").table
    heads = [th.get_text() for th in compare.find_all("th")]
    assert heads[:3] == ["STT", "Tên xã", "Huyện"]
    cells = {tr.find_all("td")[1].get_text(): tr.find_all("td")[2].get_text() for tr in compare.find_all("tr")
             if len(tr.find_all("td")) > 3}
    assert cells["Yên Thế"] == "Đình Lập" and cells["Hòa Bình"] == "Cao Sơn"
    flags = page.find("section", id="flags").table
    assert [th.get_text() for th in flags.find_all("th")][:4] == ["STT", "Cảnh báo", "Tên xã", "Huyện"]
    annex = page.find("section", id="annex").table
    assert "Huyện" in [th.get_text() for th in annex.find_all("th")]


def test_the_page_says_the_sheet_lists_every_commune_of_a_comparison(province):
    vi = BeautifulSoup(render_page(province, "vi"), "html.parser").find("section", id="compare").get_text()
    # the page shows the 4 communes that changed; the sheet lists all 9
    assert "Bảng trên chỉ gồm các xã có thay đổi; trang tính “So với quý trước” của tệp bảng tính liệt kê tất cả " \
           "09 xã." in vi
    en = BeautifulSoup(render_page(province, "en"), "html.parser").find("section", id="compare").get_text()
    assert "The table above holds only the communes that changed; the sheet “Previous quarter” of the workbook " \
           "lists all 9 communes." in en


def test_a_long_comparison_is_named_with_its_sheet(tmp_path):
    one = {f"Xã {i:03d}": set(range(1, 5 + i % 10)) for i in range(70)}
    two = {f"Xã {i:03d}": set(range(1, 6 + i % 10)) for i in range(70)}
    review = build_review(load(write_periods(tmp_path / "d", {"2020Q1": one, "2020Q4": two,
                                                                      "2021Q1": two})), "2021Q1")
    vi = BeautifulSoup(render_page(review, "vi"), "html.parser").find("section", id="compare").get_text()
    assert ("Bảng “Các xã có thay đổi so với cùng kỳ năm trước (quý I/2020)” có 70 xã thay đổi, không in hết ở "
            "đây: xem trang tính “So với cùng kỳ” của tệp bảng tính (trang tính này liệt kê tất cả 70 xã).") in vi
    assert "Bảng có 70 xã" not in vi
    en = BeautifulSoup(render_page(review, "en"), "html.parser").find("section", id="compare").get_text()
    assert ("The table “Communes that changed since the same quarter a year before (Q1 2020)” has 70 communes "
            "that changed, too many to print here: see the sheet “Year on year” of the workbook (it lists all "
            "70 communes).") in en


def test_a_single_district_pack_has_no_unit_column():
    review = build_review(load())
    for lang in ("vi", "en"):
        for key, table in review_tables(review, lang).items():
            assert "commune_unit" not in [c.key for c in table.columns], key
            assert "Huyện" not in [c.header for c in table.columns], key
        assert "mergers" not in review_tables(review, lang)


def test_a_reorganisation_lists_every_merger_in_the_workbook(tmp_path):
    old = {f"Cũ {i:02d}": set(range(1, 10 + i % 9)) for i in range(45)}
    new = {f"Mới {j:02d}": set(range(1, 15)) for j in range(15)}
    folder = write_periods(tmp_path / "d", {"2024Q4": old, "2025Q4": new})
    write_table(folder / "mergers.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                [[f"Cũ {i:02d}", f"Mới {i // 3:02d}", "01/07/2025", "NQ 1672/NQ-UBTVQH15"] for i in range(45)])
    review = build_review(load(folder), "2025Q4")
    compare = [s for s in report_sections(review, "vi") if s.key == "compare"][0].paragraphs
    yoy = next(p for p in compare if p.startswith("So với cùng kỳ"))
    assert yoy.startswith("So với cùng kỳ năm 2024 (quý IV/2024): từ ngày 1/7/2025 sắp xếp lại 45 xã thành 15 xã; "
                          "không so sánh trực tiếp tổng số và bình quân tiêu chí (quý IV/2024 bình quân ")
    assert "15 xã hình thành từ sắp xếp 45 xã (danh sách trong bảng tính)" in yoy and "Mới 03 hình thành" not in yoy
    assert "tổng số tiêu chí đạt chuẩn giảm" not in yoy
    path = write_workbook(review, "vi", review_tables(review, "vi"), tmp_path / "t.xlsx")
    assert "Sắp xếp xã" in load_workbook(path).sheetnames
    head, rows = _sheet(path, "Sắp xếp xã")
    assert head == ["STT", "Tên xã", "Hình thành từ các xã", "Số xã cũ", "Từ ngày", "Căn cứ"]
    assert rows[0][1:] == ["Mới 00", "Cũ 00, Cũ 01, Cũ 02", 3, "1/7/2025", "NQ 1672/NQ-UBTVQH15"]
    assert len([r for r in rows if r[1] and r[1].startswith("Mới")]) == 15 and rows[15][3] == 45  # total row
    # the warnings do not call the merged communes missing or new
    assert not [f for f in review.flags if f.kind in ("commune_missing", "commune_new")]


def test_the_district_sheet_follows_the_overall_result_as_on_the_page(province, tmp_path):
    path = write_workbook(province, "vi", review_tables(province, "vi"), tmp_path / "t.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[:5] == ["Tổng hợp", "Theo nhóm", "Theo số tiêu chí", "Theo huyện", "Kết quả các xã"]
    assert book["Theo huyện"]["A1"].value.startswith("Biểu số 4: ")


def test_no_targets_file_is_said_plainly(province):
    targets = [s for s in report_sections(province, "vi") if s.key == "targets"][0].paragraphs
    assert targets == ["Không có tệp mục tiêu (targets.csv) trong số liệu."]
    assert [s for s in report_sections(province, "en") if s.key == "targets"][0].paragraphs == [
        "The data includes no targets file (targets.csv)."]


def test_the_warnings_text_names_each_communes_district(province):
    flags = [s for s in report_sections(province, "vi") if s.key == "flags"][0].paragraphs
    assert any(p.startswith("Tiêu chí không còn đạt: Xuân Sơn (Bắc Hà) \u2014 tiêu chí số 19") for p in flags), flags
    en = [s for s in report_sections(province, "en") if s.key == "flags"][0].paragraphs
    assert any("Xuân Sơn (Bắc Hà) \u2014 " in p for p in en), en


def test_without_recognition_the_count_at_all_criteria_is_said_once(province):
    overall = [s for s in report_sections(province, "vi") if s.key == "overall"][0].paragraphs
    text = " ".join(overall)
    assert "02 xã đạt 19 tiêu chí" in overall[0] and "Hiện có" not in text
    english = " ".join([s for s in report_sections(province, "en") if s.key == "overall"][0].paragraphs)
    assert "Currently" not in english
    # the bundled data has recognised communes: both counts stay
    bundled = " ".join([s for s in report_sections(build_review(load()), "vi") if s.key == "overall"][0].paragraphs)
    assert "Hiện có" in bundled and "được công nhận" in bundled


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """Six communes merged three into one on 1/7/2025, one renamed, one kept that gained a
    criterion: the previous quarter's comparison crosses the reorganisation."""
    old = {f"Cũ {i:02d}": set(range(1, 11 + i)) for i in range(6)}
    old.update({"Giữ Nguyên": set(range(1, 12)), "Tên Cũ": set(range(1, 14))})
    new = {"Mới 00": set(range(1, 16)), "Mới 01": set(range(1, 16)), "Giữ Nguyên": set(range(1, 13)),
           "Tên Mới": set(range(1, 14))}
    folder = write_periods(tmp_path_factory.mktemp("merged") / "d", {"2025Q2": old, "2025Q3": new})
    write_table(folder / "mergers.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                [[f"Cũ {i:02d}", f"Mới {i // 3:02d}", "01/07/2025", "NQ 1672/NQ-UBTVQH15"] for i in range(6)]
                + [["Tên Cũ", "Tên Mới", "01/07/2025", "NQ 1672/NQ-UBTVQH15"]])
    return build_review(load(folder), "2025Q3")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_across_a_merger_the_comparison_total_row_is_blank_in_the_workbook_and_the_page(merged, tmp_path, lang):
    from ntm_analysis.vocab import SHEETS

    assert merged.previous.reorganised and (merged.previous.total_before, merged.previous.total_after) != (0, 0)
    note = {"vi": "Từ ngày 1/7/2025 sắp xếp lại 08 xã thành 04 xã: tổng số tiêu chí không so sánh trực tiếp nên "
                  "dòng tổng cộng để trống; các xã hình thành từ sắp xếp được liệt kê tại trang tính “Sắp xếp xã”.",
            "en": "Communes were reorganised from 1 July 2025 (8 communes became 4 communes): the total number of "
                  "criteria met is not compared directly, so the total row is left blank; the communes formed by "
                  "merging are listed on the sheet “Mergers”."}[lang]
    tables = review_tables(merged, lang)
    path = write_workbook(merged, lang, tables, tmp_path / "t.xlsx")
    head, rows = _sheet(path, SHEETS[lang]["previous"])
    total = next(i for i, r in enumerate(rows) if r[1] == {"vi": "Tổng cộng", "en": "Total"}[lang])
    # no before, no after, no change (was 99 | 55 | −44): the communes counted differ
    assert rows[total][2:] == [None] * (len(head) - 2)
    body = {r[1]: r[2:5] for r in rows[:total]}
    assert body == {"Giữ Nguyên": [11, 12, 1], "Tên Mới": [13, 13, 0]}
    assert [r[0] for r in rows[total + 1:] if r[0]] == [note]
    # the page: the same blank total row (not a change of 0 or +1), and the same note under it
    page = BeautifulSoup(render_page(merged, lang, tables=tables), "html.parser")
    table = page.find("section", id="compare").find("table")
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    assert cells[-1] == ["", {"vi": "Tổng cộng", "en": "Total"}[lang]] + [""] * (len(cells[-1]) - 2)
    assert [c[1:5] for c in cells[:-1]] == [["Giữ Nguyên", "11", "12", "+1"]]  # a rename alone is no change
    assert note in " ".join(page.find("section", id="compare").get_text(" ").split())


def test_across_a_merger_the_text_gives_both_averages_and_how_many_communes_were_compared(merged):
    """The average rose (99/8 = 12,38 → 55/4 = 13,75) but across the merger it is no rise; only 2
    of the 4 communes could be compared one by one, and the text and the warnings say so."""
    def paragraphs(lang, key):
        return [s for s in report_sections(merged, lang) if s.key == key][0].paragraphs

    assert paragraphs("vi", "compare")[0].startswith(
        "So với quý II/2025: từ ngày 1/7/2025 sắp xếp lại 08 xã thành 04 xã; không so sánh trực tiếp tổng số và "
        "bình quân tiêu chí (quý II/2025 bình quân 12,38 tiêu chí/xã, quý III/2025 bình quân 13,75 tiêu chí/xã). "
        "Trong 02 xã so sánh được, có 01 xã có thêm tiêu chí đạt chuẩn; không có xã nào giảm tiêu chí. ")
    assert paragraphs("en", "compare")[0].startswith(
        "Compared with Q2 2025: communes were reorganised from 1 July 2025, 8 communes became 4 communes; the total "
        "and average number of criteria met are not compared directly (average 12.38 criteria per commune in "
        "Q2 2025, 13.75 in Q3 2025). Of the 2 communes that could be compared, new criteria were met in 1 commune; "
        "no commune lost a criterion. ")
    assert paragraphs("vi", "flags")[0] == (
        "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí; trong 02 xã so sánh được với quý II/2025 (các xã "
        "còn lại hình thành từ sắp xếp), không có tiêu chí nào không còn đạt.")
    assert paragraphs("en", "flags")[0] == (
        "No recognised commune falls short of any criterion; of the 2 communes that could be compared with Q2 2025 (the "
        "others were formed by merging), none has lost a criterion.")


def _mostly_merged(folder, recognised):
    """Nine communes merged three into one on 1/7/2025 and one kept: 1 of the 4 communes after it
    can be compared one by one; ``recognised``: the register's years."""
    old = {f"Cũ {i:02d}": set(range(1, 11 + i)) for i in range(9)}
    old["Giữ Nguyên"] = set(range(1, 12))
    new = {"Mới 00": set(range(1, 16)), "Mới 01": set(range(1, 16)), "Mới 02": set(range(1, 14)),
           "Giữ Nguyên": set(range(1, 13))}
    folder = write_periods(folder, {"2025Q2": old, "2025Q3": new})
    write_table(folder / "mergers.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                [[f"Cũ {i:02d}", f"Mới {i // 3:02d}", "01/07/2025", "NQ 1672/NQ-UBTVQH15"] for i in range(9)])
    write_table(folder / "communes.csv", ["commune", "recognised_year"], [[c, y] for c, y in recognised.items()])
    return build_review(load(folder), "2025Q3")


def test_recognised_communes_merged_away_are_said_and_few_compared_claims_no_loss(tmp_path):
    """Defect 5 of review 6: after the merger the recognised communes did not vanish: the text
    says where they went; with 1 of 4 communes comparable, no "nothing was lost" claim."""
    review = _mostly_merged(tmp_path / "d", {"Cũ 00": 2019, "Cũ 04": 2020, "Cũ 05": 2021})
    assert review.recognised_merged == {"Cũ 00": "Mới 00", "Cũ 04": "Mới 01", "Cũ 05": "Mới 01"}

    def paragraphs(lang, key):
        return [s for s in report_sections(review, lang) if s.key == key][0].paragraphs

    def text(lang, key):
        return " ".join(paragraphs(lang, key))

    assert "Đến hết quý III/2025 chưa có xã nào trong 04 xã hiện nay được công nhận đạt chuẩn nông thôn mới; 03 xã " \
           "đã được công nhận trước đây nay thuộc 02 xã mới sau sắp xếp (Mới 00: Cũ 00; Mới 01: Cũ 04, Cũ 05)." \
           in text("vi", "overall")
    assert "By the end of Q3 2025, no commune of today (4 communes in all) had been recognised as a new rural commune; the " \
           "3 communes recognised before the reorganisation are now part of 2 communes formed in it (Mới 00: Cũ " \
           "00; Mới 01: Cũ 04, Cũ 05)." in text("en", "overall")
    assert paragraphs("vi", "flags")[0] == (
        "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí. Chỉ 01/04 xã so sánh được với quý II/2025 (03 xã "
        "còn lại hình thành từ sắp xếp), chưa đủ để nhận định về các tiêu chí không còn đạt.")
    assert paragraphs("en", "flags")[0] == (
        "No recognised commune falls short of any criterion. Only 1 of 4 communes could be compared with Q2 2025 (the "
        "other 3 were formed by merging): too few to say whether criteria were lost.")


def test_recognised_communes_kept_and_merged_are_both_said(tmp_path):
    review = _mostly_merged(tmp_path / "d", {"Giữ Nguyên": 2018, "Cũ 07": 2019})
    vi = " ".join(s for s in [s for s in report_sections(review, "vi") if s.key == "overall"][0].paragraphs)
    assert "Lũy kế đến hết quý III/2025 có 01 xã được công nhận đạt chuẩn nông thôn mới: năm 2018 có Giữ Nguyên. " \
           "Ngoài ra, 01 xã đã được công nhận trước đây nay thuộc 01 xã mới sau sắp xếp (Mới 02: Cũ 07)." in vi
    en = " ".join(s for s in [s for s in report_sections(review, "en") if s.key == "overall"][0].paragraphs)
    assert "In addition, the 1 commune recognised before the reorganisation is now part of 1 commune formed in it " \
           "(Mới 02: Cũ 07)." in en
