"""The workbook as Excel shows it: sheet names and headers in the language, the title block,
STT, the total row against the data, real number formats, frozen bold headers, A4 landscape."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ntm_analysis import load
from ntm_analysis.review import build_review
from ntm_analysis.review_tables import review_tables
from ntm_analysis.workbook import write_workbook


@pytest.fixture(scope="module")
def bundled():
    return load()


def book_of(bundled, tmp_path_factory, period, lang, bands=None):
    review = build_review(bundled, period, bands)
    path = tmp_path_factory.mktemp(f"wb_{lang}") / "tables.xlsx"
    write_workbook(review, lang, review_tables(review, lang), path)
    return load_workbook(path), review


@pytest.fixture(scope="module")
def vi_q2(bundled, tmp_path_factory):
    return book_of(bundled, tmp_path_factory, "2020Q2", "vi")


@pytest.fixture(scope="module")
def en_q2(bundled, tmp_path_factory):
    return book_of(bundled, tmp_path_factory, "2020Q2", "en")


SOURCE = ("Nguồn số liệu: ", "Source: ")


def rows(ws):
    """The sheet's rows as Excel shows them, without the source line at its foot and the blank
    row above it (``test_every_sheet_says_the_data_is_illustrative`` reads that line)."""
    out = [list(r) for r in ws.iter_rows(values_only=True)]
    if out and isinstance(out[-1][0], str) and out[-1][0].startswith(SOURCE):
        out.pop()
        while out and all(v is None for v in out[-1]):
            out.pop()
    return out


@pytest.mark.parametrize("lang, line", [
    ("vi", "Nguồn số liệu: số liệu đánh giá các xã, huyện Lộc Bình, tỉnh Lạng Sơn (số liệu minh họa)."),
    ("en", "Source: commune assessments, Lộc Bình district, Lạng Sơn province (illustrative data)."),
])
def test_every_sheet_says_the_data_is_illustrative(vi_q2, en_q2, lang, line):
    """The bundled reconstruction is labelled on every sheet, under its table, as on the page."""
    book, _ = vi_q2 if lang == "vi" else en_q2
    for ws in book.worksheets:
        last = [list(r) for r in ws.iter_rows(values_only=True)][-1]
        assert last[0] == line, ws.title


def test_sheet_names_in_each_language(vi_q2, en_q2):
    assert vi_q2[0].sheetnames == ["Tổng hợp", "Theo nhóm", "Theo số tiêu chí", "Kết quả các xã", "Theo tiêu chí",
                                   "So với quý trước", "Qua các kỳ", "Mục tiêu", "Cảnh báo", "Ghi chú số liệu"]
    assert en_q2[0].sheetnames == ["Summary", "Bands", "By criteria met", "Communes", "By criterion",
                                   "Previous quarter", "Trend", "Targets", "Warnings", "Notes on the data"]


def test_title_block_names_form_unit_period_and_date(vi_q2, en_q2):
    book, _ = vi_q2
    for n, ws in enumerate(book.worksheets, 1):
        block = [r[0] for r in rows(ws)[:4]]
        assert block[0].startswith(f"Biểu số {n}: ")
        assert block[1:] == ["Huyện Lộc Bình, tỉnh Lạng Sơn", "Quý II/2020", "(Tính đến ngày 30/6/2020)"]
        assert ws.cell(row=1, column=1).font.b
        from openpyxl.utils import get_column_letter

        assert f"A1:{get_column_letter(ws.max_column)}1" in {str(r) for r in ws.merged_cells.ranges}
    assert rows(book["Kết quả các xã"])[0][0] == ("Biểu số 4: BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ "
                                                 "NÔNG THÔN MỚI")
    assert [r[0] for r in rows(en_q2[0]["Summary"])[:4]] == [
        "Form 1: SUMMARY OF RESULTS", "Lộc Bình district, Lạng Sơn province", "Q2 2020", "(As of 30 June 2020)"]


def test_bands_sheet_with_stt_formats_and_total(vi_q2):
    book, review = vi_q2
    ws = book["Theo nhóm"]
    table = rows(ws)
    assert table[5] == ["STT", "Nhóm", "Số xã", "Tỷ lệ"]
    assert table[6:] == [[1, "19 tiêu chí", 4, pytest.approx(4 / 19)], [2, "từ 15 đến 18 tiêu chí", 0, 0],
                         [3, "từ 10 đến 14 tiêu chí", 3, pytest.approx(3 / 19)],
                         [4, "từ 5 đến 9 tiêu chí", 12, pytest.approx(12 / 19)], [5, "dưới 5 tiêu chí", 0, 0],
                         [None, "Tổng cộng", 19, 1]]
    assert [ws.cell(row=7, column=c).number_format for c in (1, 3, 4)] == ["0", "#,##0", "0.0%"]
    assert ws.cell(row=12, column=2).font.b and ws.cell(row=6, column=2).font.b
    assert ws.freeze_panes == "A7"


def test_summary_sheet_keeps_numbers_as_numbers(vi_q2):
    book, review = vi_q2
    ws = book["Tổng hợp"]
    values = {r[1]: (r[2], ws.cell(row=i + 1, column=3).number_format) for i, r in enumerate(rows(ws)) if r[1]}
    assert values["Tổng số tiêu chí đạt"] == (203, "#,##0")
    assert values["Bình quân tiêu chí/xã"][1] == "0.00"
    assert values["Bình quân tiêu chí/xã"][0] == pytest.approx(203 / 19)
    assert values["Số tiêu chí cơ bản đạt"][0] == 3


def test_communes_sheet_mirrors_the_office_form(vi_q2, bundled):
    book, review = vi_q2
    ws = book["Kết quả các xã"]
    table = rows(ws)
    head, numbers = table[5], table[6]
    # criterion numbers head their columns as numbers (no "number stored as text" in Excel)
    assert head[:3] == ["STT", "Tên xã", "Tiêu chí"] and numbers[2:21] == list(range(1, 20))
    assert head[21:] == ["Số tiêu chí đạt", "Năm công nhận", "Xã điểm (năm)", "Số thôn đạt chuẩn",
                         "Số khu dân cư kiểu mẫu"]
    assert "C6:U6" in {str(r) for r in ws.merged_cells.ranges}  # "Tiêu chí" over 1 … 19
    snap = bundled.snapshot("2020Q2")
    body = table[7:-1]
    assert [r[1] for r in body] == snap.communes and [r[0] for r in body] == list(range(1, 20))
    khuat = next(r for r in body if r[1] == "Khuất Xá")
    assert khuat[2:21] == ["Đạt" if snap.met.loc["Khuất Xá", c] else
                           ("Cơ bản đạt" if snap.basically_met.loc["Khuất Xá", c] else "Chưa đạt") for c in range(1, 20)]
    assert khuat[21] == 14 and khuat[23] == 2020  # a pilot commune of 2020, as a year
    total = table[-1]
    assert total[1] == "Tổng cộng"
    assert total[2:21] == [int(snap.met[c].sum()) for c in range(1, 20)]
    assert total[21] == 203 == int(snap.met_count.sum())
    assert total[22] is None and total[23] is None  # no total under a year column
    assert total[24] == int(snap.measures["villages_meeting"].sum())
    assert ws.freeze_panes == "C8"  # STT and name stay in view, below the two header rows
    # the sheet filters on its lower header row (criterion numbers), over the communes, not the total
    assert ws.auto_filter.ref == f"A7:Z{7 + len(body)}" and len(head) == 26 and table[7 + len(body) - 1][1] == body[-1][1]
    assert ws.print_title_rows == "$6:$7"


@pytest.mark.parametrize("sheet", ["Kết quả các xã", "Communes"])
def test_the_criterion_columns_of_the_communes_sheet_have_one_width(vi_q2, en_q2, sheet):
    """The office form prints evenly: every criterion column as wide as the widest one needs
    ("Cơ bản đạt"), not 6 where all communes meet it and 13 where one basically meets it."""
    from openpyxl.utils import get_column_letter

    book = (vi_q2 if sheet == "Kết quả các xã" else en_q2)[0]
    ws = book[sheet]
    widths = {ws.column_dimensions[get_column_letter(c)].width for c in range(3, 22)}  # criteria 1 … 19
    longest = max(len(str(ws.cell(row=r, column=c).value or "")) for r in range(8, ws.max_row + 1) for c in range(3, 22))
    assert len(widths) == 1 and widths.pop() >= longest
    names = [ws.cell(row=r, column=2).value for r in range(8, ws.max_row + 1)]
    assert ws.column_dimensions["B"].width >= max(len(n) for n in names if n)  # the names keep their own width


def test_every_sheet_prints_landscape_a4_fit_to_width(vi_q2):
    book, _ = vi_q2
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert int(ws.page_setup.fitToHeight) == 0
        widths = [ws.column_dimensions[c].width for c in "AB"]
        assert all(w and w >= 6 for w in widths)


def test_change_sheet_is_the_comparison(vi_q2):
    book, review = vi_q2
    ws = book["So với quý trước"]
    table = rows(ws)
    assert table[5] == ["STT", "Tên xã", "Số tiêu chí đạt quý I/2020", "Số tiêu chí đạt quý II/2020", "Tăng/giảm",
                        "Tiêu chí tăng", "Tiêu chí không còn đạt"]
    lan = next(r for r in table if r[1] == "Hữu Lân")
    assert lan[2:] == [6, 7, 1, "3, 14", "19"]
    assert table[-1][1:5] == ["Tổng cộng", 187, 203, 16]
    assert ws.cell(row=7, column=5).number_format.startswith("+")


def test_english_workbook_has_english_headers_and_marks(en_q2):
    book, _ = en_q2
    table = rows(book["Communes"])
    assert table[5][:3] == ["No.", "Commune", "Criteria"] and table[5][21] == "Criteria met"
    marks = {v for r in table[7:-1] for v in r[2:21]}
    assert marks <= {"Met", "Not met", "Basically met"}
    assert table[-1][1] == "Total"


def test_no_cell_is_a_formula(vi_q2):
    book, _ = vi_q2
    assert not [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]


@pytest.fixture(scope="module")
def vi_q4_2021(bundled, tmp_path_factory):
    review = build_review(bundled, "2021Q4")
    path = tmp_path_factory.mktemp("wb_2021") / "tables.xlsx"
    write_workbook(review, "vi", review_tables(review, "vi"), path)
    return path


def test_lists_of_criterion_numbers_are_text_that_excel_is_told_about(vi_q4_2021):
    """A single gained criterion ("16") is text like "5, 10" in its column, and the sheet's
    ignoredErrors numberStoredAsText covers the column, so Excel shows no green triangle."""
    import re
    import zipfile

    book = load_workbook(vi_q4_2021)
    ws = book["So với quý trước"]
    table = rows(ws)
    assert table[5][5] == "Tiêu chí tăng"
    gained = [r[5] for r in table[6:-1] if r[5] is not None]
    assert "16" in gained and "5, 10" in gained and all(isinstance(v, str) for v in gained)
    names = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(book.worksheets, 1)}
    with zipfile.ZipFile(vi_q4_2021) as z:
        xml = z.read(names["So với quý trước"]).decode("utf-8")
    [sqref] = re.findall(r'<ignoredError sqref="([^"]+)" numberStoredAsText="1"/>', xml)
    assert "F7:F25" in sqref.split()
    assert xml.index("<ignoredErrors>") > xml.index("<pageSetup")  # where the schema puts it


def test_targets_sheet_holds_numbers_beside_the_sentence(vi_q4_2021):
    ws = load_workbook(vi_q4_2021)["Mục tiêu"]
    table = rows(ws)
    assert table[5] == ["STT", "Mục tiêu", "Tên xã", "Thời hạn", "Hiện đạt", "Mục tiêu đặt ra", "Đơn vị tính",
                        "Tình trạng", "Kết quả"]
    by_name = {(r[1], r[2]): (r, i) for i, r in enumerate(table) if i > 5}
    row, i = by_name[("Thôn đạt chuẩn NTM ở xã biên giới", "Mẫu Sơn, Tam Gia, Tú Mịch")]
    assert row[4] == pytest.approx(20 / 26) and row[5] == 0.5 and row[8] == "20/26 thôn (76,9%), mục tiêu 50%"
    assert ws.cell(row=i + 1, column=5).number_format == "0.0%"
    row, i = by_name[("Mục tiêu quốc gia 2016–2020: bình quân 15 tiêu chí/xã", None)]
    assert (row[4], row[5], row[6], row[7]) == (14.95, 15, "tiêu chí/xã", "không đạt")
    assert ws.cell(row=i + 1, column=5).number_format == "0.00"
    row, i = by_name[("Khu dân cư NTM kiểu mẫu năm 2020", "Yên Khoái")]
    assert (row[4], row[5], row[8]) == (2, 1, "đã hoàn thành 2 khu (kế hoạch 1 khu)")
    assert ws.cell(row=i + 1, column=9).alignment.wrap_text


def test_long_lists_wrap_and_empty_sheets_say_so(vi_q4_2021):
    book = load_workbook(vi_q4_2021)
    ws = book["Theo tiêu chí"]
    assert rows(ws)[5][-1] == "Các xã chưa đạt"
    column = ws.max_column
    longest = max(len(r[-1] or "") for r in rows(ws)[6:])
    assert longest > 100 and ws.cell(row=7, column=column).alignment.wrap_text
    assert ws.column_dimensions["G"].width <= 60
    assert rows(book["Cảnh báo"])[6][:2] == [1, "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí, không có "
                                                "tiêu chí nào không còn đạt so với quý III/2021."]  # numbered, in its column
    assert len(rows(book["Cảnh báo"])) == 7
    assert rows(book["Ghi chú số liệu"])[6][0] == "Khi đọc số liệu không có điểm nào phải sửa hoặc lưu ý."


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_table_repeats_a_header(bundled, lang):
    review = build_review(bundled, "2021Q4")
    for key, table in review_tables(review, lang).items():
        heads = [c.header for c in table.columns if not c.group]
        assert len(heads) == len(set(heads)), (key, heads)


def test_an_average_is_never_stored_rounded_up_to_its_target():
    from ntm_analysis.review_tables import _target_numbers
    from ntm_analysis.targets import TargetStatus

    almost = TargetStatus("Bình quân 15", "mean", [], "2020Q4", "2020Q4", 15.0, 14.996, 0.004, "missed")
    assert _target_numbers(almost)[:3] == (14.99, 15.0, "mean")  # Excel's 0.00 would show 15,00 for 14.996


def test_the_trend_sheet_marks_the_reorganisation_of_1_july_2025(tmp_path):
    """60 communes merged into 22 on 1/7/2025: the trend sheet's first quarter after it says so
    and the sentence under the table says the quarters on both sides are not compared directly."""
    from ntm_analysis import synth
    from ntm_analysis.vocab import SHEETS

    assert synth.main([str(tmp_path / "hist"), "--communes", "60", "--quarters", "10", "--end", "2026Q2",
                       "--forms", "wide,records", "--formats", "csv"]) == 0
    review = build_review(load([tmp_path / "hist" / "wide_csv", tmp_path / "hist" / "records"]), "2025Q3")
    for lang, before, after, note in (
            ("vi", "Quý II/2025", "Quý III/2025 (sau sắp xếp lại)",
             "Sắp xếp lại các xã từ ngày 1/7/2025, giữa quý II/2025 và quý III/2025: trước và sau mốc này không "
             "so sánh trực tiếp."),
            ("en", "Q2 2025", "Q3 2025 (after the reorganisation)",
             "Communes reorganised from 1 July 2025, between Q2 2025 and Q3 2025: before and after not compared "
             "directly.")):
        path = write_workbook(review, lang, review_tables(review, lang), tmp_path / f"t_{lang}.xlsx")
        rows = [[v for v in row if v is not None] for row in
                load_workbook(path)[SHEETS[lang]["trend"]].iter_rows(values_only=True)]
        labels = [r[1] for r in rows if len(r) > 2 and isinstance(r[0], int)]
        i = labels.index(after)
        assert labels[i - 1] == before and sum(lab.endswith(")") for lab in labels) == 1
        counts = {r[1]: r[2] for r in rows if len(r) > 2 and isinstance(r[0], int)}
        assert (counts[before], counts[after]) == (60, 22)
        assert [note] in rows


@pytest.mark.parametrize("lang, sheet, head, first, last", [
    ("vi", "Theo tiêu chí", ["Tiêu chí", "Tên tiêu chí", "Số xã đạt", "Tỷ lệ", "Số xã chưa đạt", "Các xã chưa đạt"],
     [16, "Văn hóa", 6, 6 / 19, 13, "Ái Quốc, Đông Quan, Hữu Lân, Khánh Xuân, Lợi Bác, Mẫu Sơn, Minh Hiệp, Nam Quan, "
                                    "Sàn Viên, Tam Gia, Thống Nhất, Tĩnh Bắc, Xuân Dương"],
     [19, "Quốc phòng và An ninh", 19, 1, 0, None]),
    ("en", "By criterion", ["Criterion", "Criterion name", "Communes meeting it", "Share", "Number not meeting it",
                            "Communes not meeting it"],
     [16, "Culture", 6, 6 / 19, 13, "Ái Quốc, Đông Quan, Hữu Lân, Khánh Xuân, Lợi Bác, Mẫu Sơn, Minh Hiệp, Nam Quan, "
                                    "Sàn Viên, Tam Gia, Thống Nhất, Tĩnh Bắc, Xuân Dương"],
     [19, "Defence and security", 19, 1, 0, None]),
])
def test_the_criteria_sheet_has_no_total_row(bundled, tmp_path_factory, lang, sheet, head, first, last):
    """Adding up "communes meeting it" over 19 criteria counts each commune up to 19 times (a
    national pack showed 48,291 "communes" for 3,001): the sheet ends with its last criterion."""
    book, _ = book_of(bundled, tmp_path_factory, "2021Q4", lang)
    table = rows(book[sheet])[5:]
    assert table[0] == head
    assert table[1][:3] == first[:3] and table[1][3] == pytest.approx(first[3]) and table[1][4:] == first[4:]
    assert table[-1] == last and len(table) == 1 + 19
    assert not any(isinstance(v, str) and v in ("Tổng cộng", "Total") for r in table for v in r)


def test_a_pack_workbook_among_the_data_is_said_and_not_read(bundled, tmp_path):
    """The pack's tables_P.xlsx kept beside the data is no input: one warning says what it is,
    instead of a wall of errors from reading its sheets as assessments ("commune not in the
    register: 'Share'"). Known by its author (kept by Excel when saved again), or by its sheets."""
    import shutil

    from openpyxl import Workbook

    from conftest import ROOT
    from ntm_analysis import validate

    data = tmp_path / "loc_binh"
    shutil.copytree(ROOT / "data" / "loc_binh", data)
    review = build_review(bundled, "2020Q2", None)
    for lang in ("vi", "en"):
        path = data / f"tables_2020Q2_{lang}.xlsx"
        write_workbook(review, lang, review_tables(review, lang), path)
        assert load_workbook(path).properties.creator == "ntm_analysis"
    older = load_workbook(data / "tables_2020Q2_en.xlsx")
    older.properties.creator = "Nguyễn Văn A"  # a pack written before it named its author
    older.save(data / "tables_2020Q2_en.xlsx")
    mine = Workbook()  # an office's own workbook with a "Tổng hợp" sheet is data
    mine.active.title = "Tổng hợp"
    mine.active.append(["Tên xã", *map(str, range(1, 20))])
    mine.active.append(["Khuất Xá", *["Đạt"] * 19])
    mine.save(tmp_path / "ntm_2020Q1.xlsx")
    problems = validate(data)
    assert not problems.errors, problems.errors
    said = [(p.file, p.message) for p in problems.warnings if "written by ntm report" in p.message]
    assert said == [(str(data / f"tables_2020Q2_{lang}.xlsx"), "a workbook written by ntm report (the tables of "
                     "a pack): its figures are results, not input data, so it is not read") for lang in ("en", "vi")]
    assert load(data).periods == bundled.periods
    assert load(tmp_path / "ntm_2020Q1.xlsx").snapshot().met_count.to_dict() == {"Khuất Xá": 19}
