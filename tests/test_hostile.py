"""Hostile and messy files (issue 7, reading side): never a traceback, nothing invented, nothing
lost. Each case is a file as an office might send it, read as a person would check it."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from conftest import run_cli, statuses, wide_rows, write_csv, write_parquet, write_xlsx
from ntm_analysis import load, validate
from ntm_analysis.fields import FIELDS, parse_value
from ntm_analysis.model import read_assessment

HEADER = ["TT", "Tên xã", *map(str, range(1, 20)), "Số tiêu chí đạt"]


def only(problems, text):
    found = [p for p in problems if text in p.message]
    assert found, f"no problem mentioning {text!r} in:\n" + "\n".join(map(str, problems))
    return found


def xrow(number, name, met):
    return [number, name, *statuses(met, yes="x", no=""), len(met)]


def total_row(label, blocks):
    return ["", label, *[sum(c in m for m in blocks) for c in range(1, 20)], sum(len(m) for m in blocks)]


# --- damaged and protected workbooks ---------------------------------------------------------


def good_workbook(tmp_path, three):
    return write_xlsx(tmp_path / "good.xlsx", {"Q1-2020": wide_rows(three)}).read_bytes()


def rewrite_sheet(data: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, change(content) if name == "xl/worksheets/sheet1.xml" else content)
    return out.getvalue()


def flip_deflated_bytes(data: bytes) -> bytes:
    """The workbook with bytes inside the sheet's compressed data damaged."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(data)
    for i in range(start + 10, start + 60):
        damaged[i] ^= 0x5A
    return bytes(damaged)


@pytest.mark.parametrize("damage,words", [
    (lambda d: rewrite_sheet(d, lambda x: x[: len(x) // 2]), "XML is incomplete"),
    (flip_deflated_bytes, "damaged"),
    (lambda d: d[: len(d) // 2], "not a complete zip archive"),
])
def test_damaged_workbooks_are_errors_not_tracebacks(tmp_path, three, damage, words):
    path = tmp_path / "ntm_2020Q1.xlsx"
    path.write_bytes(damage(good_workbook(tmp_path, three)))
    [error] = validate(path).errors
    assert error.file == str(path) and "cannot read the file" in error.message and words in error.message
    result = run_cli("summary", str(path))  # the terminal's language: Vietnamese by default
    assert result.returncode == 1 and "Traceback" not in result.stderr and "lỗi: không đọc được tệp" in result.stderr
    result = run_cli("summary", "--lang", "en", str(path))
    assert result.returncode == 1 and "error: cannot read the file" in result.stderr


def test_password_protected_workbook_says_so(tmp_path, three):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(good_workbook(tmp_path, three))
    locked = tmp_path / "ntm_2020Q1.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("mật khẩu", target)
    [error] = validate(locked).errors
    assert "password-protected" in error.message and "zip" not in error.message
    result = run_cli("validate", str(locked))
    assert result.returncode == 1 and "bảng tính có đặt mật khẩu" in result.stdout and "Traceback" not in result.stderr
    assert "password-protected" in run_cli("validate", "--lang", "en", str(locked)).stdout


def test_old_xls_named_xlsx(tmp_path):
    path = tmp_path / "ntm_2020Q1.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    [error] = validate(path).errors
    assert "97-2003" in error.message and "save it as .xlsx" in error.message


# --- periods before the national criteria ----------------------------------------------------


@pytest.mark.parametrize("name", ["ntm_1999Q1.csv", "bao_cao_2009Q1.csv"])
def test_period_before_the_first_criteria_set_from_a_file_name(tmp_path, three, name):
    path = write_csv(tmp_path / name, wide_rows(three))
    [error] = validate(path).errors
    assert "before the national NTM criteria" in error.message and "came into force on 16 April 2009" in error.message
    result = run_cli("summary", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_period_before_the_first_criteria_set_in_a_period_column(tmp_path, three):
    rows = wide_rows(three)
    rows[0].append("Kỳ báo cáo")
    for row, period in zip(rows[1:], ["2020Q1", "1999Q1", "1999Q1"]):
        row.append(period)
    problems = validate(write_csv(tmp_path / "ky.csv", rows))
    [error] = only(problems.errors, "before the national NTM criteria")
    assert (error.row, error.column, error.value) == (3, "Kỳ báo cáo", "1999Q1")


@pytest.mark.parametrize("args", [["summary", "--period", "1999Q1"], ["validate", "--period", "2009Q1"],
                                  ["compare", "--from", "2009Q1", "--to", "2020Q1"]])
def test_period_option_before_the_first_set_is_a_usage_error(args):
    result = run_cli(*args)
    assert result.returncode == 2 and "trước khi có Bộ tiêu chí quốc gia về nông thôn mới" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli(*args, "--lang", "en")
    assert result.returncode == 2 and "before the national NTM criteria" in result.stderr


# --- numbers beyond any plausible value ------------------------------------------------------


def test_every_numeric_field_has_a_range():
    numeric = [f for f in FIELDS if f.kind in ("int", "number")]
    assert numeric and all(f.minimum is not None and f.maximum is not None for f in numeric), [
        f.name for f in numeric if f.minimum is None or f.maximum is None]


@pytest.mark.parametrize("column,value", [
    ("Số thôn đạt chuẩn", "99999999999999999999999"), ("Số khu dân cư kiểu mẫu", "1000000"),
    ("Số thôn đạt chuẩn", "-4"), ("Số tiêu chí đạt", "4000000000000000000000000000"),
    ("Số khu dân cư kiểu mẫu", "9" * 5000),
])
def test_counts_far_beyond_plausible_are_errors(tmp_path, three, column, value):
    rows = wide_rows(three)
    if column not in rows[0]:
        rows[0].append(column)
        for row in rows[1:]:
            row.append("1")
    rows[2][rows[0].index(column)] = value
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    errors = validate(path).errors
    [error] = [p for p in errors if p.column == column]
    assert error.row == 3 and error.value == value and re.search(r"expected at (most|least) -?\d+", error.message)
    result = run_cli("summary", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(line for line in result.stderr.splitlines() if f"[{column}]" in line)
    if len(value) > 25:  # quoted by its first 20 digits and its length, whole in error.value
        assert line.endswith(f"(giá trị: '{value[:20]}…' ({len(value)} chữ số))"), line
    else:
        assert line.endswith(f"(giá trị: {value!r})"), line


def test_a_huge_number_in_a_workbook_is_quoted_as_excel_shows_it(tmp_path, three):
    rows = wide_rows(three)
    rows[2][rows[0].index("Số tiêu chí đạt")] = 1e300  # as Excel shows it: 1E+300
    rows[3][rows[0].index("Số tiêu chí đạt")] = 10**30  # an integer cell (Excel stores a float)
    path = write_xlsx(tmp_path / "ntm_2020Q1.xlsx", {"Q1-2020": rows})
    errors = validate(path).errors
    assert [e.text("en").split("error: ")[1] for e in errors] == [
        "expected a whole number (value: '1e+300')", "expected a whole number (value: '1e+30')"]


def test_huge_numbers_in_a_parquet_register(tmp_path):
    path = write_parquet(tmp_path / "communes.parquet", [["commune", "villages_in_scope", "recognised_year"],
                                                         ["Mẫu Sơn", 10**18, 2019], ["Tam Gia", 9, 1e300]])
    problems = validate(path)
    assert {(p.row, p.column) for p in problems.errors} == {(1, "villages_in_scope"), (2, "recognised_year")}


def test_parse_value_limits():
    villages = next(f for f in FIELDS if f.name == "villages_meeting")
    assert parse_value(villages, "12") == 12
    with pytest.raises(ValueError, match="at most 200"):
        parse_value(villages, "201")


# --- invisible characters, look-alike letters ------------------------------------------------


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\ufeff", "\u00ad", "\u2060", "\u200e"])
def test_invisible_characters_are_removed_and_said(tmp_path, three, char):
    rows = wide_rows(three)
    rows[2][1] = f"Khuất{char} Xá"
    rows[3][5] = f"{char}Đạt"
    assessment = read_assessment([write_csv(tmp_path / "ntm_2020Q1.csv", rows)])
    assert not assessment.problems.errors
    assert assessment.snapshot().communes == ["Tú Đoạn", "Khuất Xá", "Tú Mịch"]
    assert assessment.snapshot().met_count["Tú Mịch"] == 9
    said = only(assessment.problems.warnings, "invisible characters removed")
    assert {(p.row, p.column) for p in said} == {(3, "Tên xã"), (4, "4")}
    assert f"U+{ord(char):04X}" in said[0].message


def test_a_name_made_only_of_invisible_characters_is_a_missing_name(tmp_path, three):
    rows = wide_rows(three)
    rows[2][1] = "\u200b\u2060\ufeff"
    [error] = only(validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows)).errors, "missing commune name")
    assert error.row == 3


def test_icelandic_eth_for_vietnamese_d_is_the_same_commune(tmp_path, three):
    rows = wide_rows(three) + [[4, "Tú \u00d0oạn", *statuses({1}), 1]]
    [error] = only(validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows)).errors, "listed twice")
    assert error.row == 5 and "also row 2" in error.message
    (tmp_path / "q").mkdir()
    q2 = write_csv(tmp_path / "q" / "ntm_2020Q2.csv", wide_rows({"Tú \u00d0oạn": {1}}))
    write_csv(tmp_path / "q" / "ntm_2020Q1.csv", wide_rows({"Tú Đoạn": {1}}))
    assessment = load(q2.parent)
    assert assessment.snapshot("2020Q1").communes == assessment.snapshot("2020Q2").communes == ["Tú Đoạn"]


# --- formulas without saved values, hidden sheets --------------------------------------------


def formula_workbook(path, cached: bool):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Q1-2020"
    ws.append(HEADER)
    ws.append([1, "Tú Đoạn", '=IF(TRUE,"Đạt","")', *["Đạt"] * 18, "=COUNTIF(C2:U2,\"Đạt\")"])
    ws.append([2, "Khuất Xá", *["Chưa đạt"] * 19, 0])
    book.save(path)
    if cached:  # as Excel saves it: the formula and the value it computed
        def store(xml: bytes) -> bytes:
            xml = re.sub(rb'<c r="C2"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
                         lambda m: b'<c r="C2" t="str"><f>' + m[2] + "</f><v>Đạt</v></c>".encode(), xml)
            return re.sub(rb'<c r="V2"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
                          lambda m: b'<c r="V2"><f>' + m[2] + b"</f><v>19</v></c>", xml)
        path.write_bytes(rewrite_sheet(path.read_bytes(), store))
    return path


def test_formulas_without_saved_values_are_errors_naming_the_cells(tmp_path):
    path = formula_workbook(tmp_path / "ntm_2020Q1.xlsx", cached=False)
    problems = validate(path)
    [error] = only(problems.errors, "formula without a saved value")
    assert (error.row, error.column) == (2, "1") and "save it" in error.message and error.value.startswith("=IF")
    assert problems.errors == [error]  # one error for the cell, not a second "no status" one
    [warning] = only(problems.warnings, "formula without a saved value")
    assert warning.column == "Số tiêu chí đạt"
    result = run_cli("summary", "--lang", "en", str(path))
    assert result.returncode == 1 and "formula without a saved value" in result.stderr


def test_a_formula_in_a_long_form_status_column_is_one_error(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tên xã", "Tiêu chí", "Kết quả"])
    for c in range(1, 20):
        book.active.append(["Tú Đoạn", c, '=IF(TRUE,"Đạt","")' if c == 3 else "Đạt"])
        book.active.append(["Khuất Xá", c, "Chưa đạt"])
    book.save(tmp_path / "ntm_2020Q1.xlsx")
    [error] = validate(tmp_path / "ntm_2020Q1.xlsx").errors
    assert (error.row, error.column, error.value) == (6, "Kết quả", '=IF(TRUE,"Đạt","")')
    assert "formula without a saved value" in error.message


def test_formulas_with_saved_values_are_read(tmp_path):
    path = formula_workbook(tmp_path / "ntm_2020Q1.xlsx", cached=True)
    assessment = read_assessment([path])
    assert not assessment.problems.errors, assessment.problems.errors
    assert assessment.snapshot().met_count.to_dict() == {"Tú Đoạn": 19, "Khuất Xá": 0}


def test_hidden_sheets_are_skipped_with_a_warning_unless_asked_for(tmp_path, three):
    from openpyxl import load_workbook

    path = write_xlsx(tmp_path / "tong_hop.xlsx", {"Q1-2020": wide_rows(three),
                                                   "Q2-2020": wide_rows({"Mẫu Sơn": {1}})})
    book = load_workbook(path)
    book["Q2-2020"].sheet_state = "hidden"
    book.save(path)
    assessment = read_assessment([path])
    assert assessment.periods == ["2020Q1"]
    [warning] = only(assessment.problems.warnings, "hidden sheet")
    assert "'Q2-2020'" in warning.message and "--hidden-sheets" in warning.message
    assert read_assessment([path], hidden_sheets=True).periods == ["2020Q1", "2020Q2"]
    result = run_cli("summary", "--json", "--hidden-sheets", str(path))
    assert result.returncode == 0 and '"2020Q2"' in result.stdout


def test_a_stray_cell_in_the_last_row_or_column_costs_one_cell(tmp_path, three):
    """A note typed in A1048576 (Ctrl+Down, then typing) or XFD1 reads as the same table, the
    note said where it is; the grid holds the cells present, not the sheet's whole rectangle
    (a dense grid would have 1,048,576 rows and 16,384 columns and take minutes and GBs)."""
    from openpyxl import load_workbook

    from ntm_analysis.io.layout import HEADER_SEARCH_ROWS
    from ntm_analysis.io.sources import BLANK_STRETCH, read_sheets
    from ntm_analysis.problems import Problems

    # a shortened blank stretch still pushes a header below it out of the header search's reach
    assert 41 > BLANK_STRETCH >= HEADER_SEARCH_ROWS

    rows = [["UBND HUYỆN LỘC BÌNH"], [""], *wide_rows(three)]
    (tmp_path / "clean").mkdir()
    (tmp_path / "far").mkdir()
    clean = write_xlsx(tmp_path / "clean" / "ntm_2020Q1.xlsx", {"Q1-2020": rows}, {"Q1-2020": ["A1:D1"]})
    far = write_xlsx(tmp_path / "far" / "ntm_2020Q1.xlsx", {"Q1-2020": rows}, {"Q1-2020": ["A1:D1"]})
    book = load_workbook(far)
    book.active["A1048576"] = "ghi chú"
    book.active["XFD1"] = "bản nháp"
    book.active["XFD4"] = "=1+1"  # a formula never computed: said at its column, far as it is
    book.save(far)
    [plain], [sparse] = (read_sheets(p, p.name, Problems()) for p in (clean, far))
    assert sparse.rows[-1] == 1048576 and sparse.column_letters(sparse.cells.shape[1] - 1) == "XFD"
    # the far cells add at most one shortened blank stretch (40) and themselves
    assert sparse.cells.shape[0] <= plain.cells.shape[0] + 41
    assert sparse.cells.shape[1] <= plain.cells.shape[1] + 41
    assert sparse.cells.iat[0, 3] == "UBND HUYỆN LỘC BÌNH"  # merged A1:D1 still filled
    before, after = read_assessment([clean]), read_assessment([far])
    assert after.snapshot().met_count.to_dict() == before.snapshot().met_count.to_dict() == {
        "Tú Đoạn": 19, "Khuất Xá": 12, "Tú Mịch": 9}
    assert not after.problems.errors
    [below] = only(after.problems.warnings, "non-empty row below the table ignored")
    assert below.row == 1048576 and below.value == "ghi chú"
    [formula] = only(after.problems.warnings, "formula without a saved value")
    assert (formula.row, str(formula.column)) == (4, "column XFD")
    result = run_cli("summary", "--lang", "en", str(far))
    assert result.returncode == 0 and "1 non-empty row below the table ignored (row 1048576)" in result.stderr


# --- subtotal rows, blank rows, district blocks ----------------------------------------------


A = {"Tú Đoạn": {1, 2}, "Khuất Xá": {3}, "Tú Mịch": {1, 5, 6}}
B = {"Bắc Xa": {1}, "Xã Xa Dung": {2, 3}}


def provincial_form(subtotal_a=None):
    rows = [["UBND TỈNH LẠNG SƠN"], ["BIỂU TỔNG HỢP"], ["(Tính đến ngày 31/3/2020)"], HEADER,
            ["I", "Huyện Lộc Bình"]]
    rows += [xrow(i, n, m) for i, (n, m) in enumerate(A.items(), 1)]
    rows += [subtotal_a or total_row("Cộng huyện Lộc Bình", A.values()), [], ["II", "Huyện Đình Lập"]]
    rows += [xrow(i, n, m) for i, (n, m) in enumerate(B.items(), 1)]
    rows += [total_row("Cộng huyện Đình Lập", B.values()), total_row("Tổng cộng", [*A.values(), *B.values()]),
             [], ["", "Người lập biểu", *[""] * 8, "TRƯỞNG BAN"]]
    return rows


def test_district_blocks_keep_every_commune_and_carry_the_units(tmp_path):
    path = write_xlsx(tmp_path / "tinh.xlsx", {"Biểu 1": provincial_form()})
    assessment = read_assessment([path])
    assert not assessment.problems.errors, assessment.problems.errors
    snap = assessment.snapshot("2020Q1")
    assert snap.met_count.to_dict() == {"Tú Đoạn": 2, "Khuất Xá": 1, "Tú Mịch": 3, "Bắc Xa": 1, "Xa Dung": 2}
    assert snap.units["district"].to_dict() == {"Tú Đoạn": "Lộc Bình", "Khuất Xá": "Lộc Bình", "Tú Mịch": "Lộc Bình",
                                                "Bắc Xa": "Đình Lập", "Xa Dung": "Đình Lập"}
    assert set(snap.units["province"]) == {"Lạng Sơn"}
    assert list(snap.units.index) == snap.communes


@pytest.mark.parametrize("heading", ["I. Huyện {}", "1. Huyện {}", "I - HUYỆN {}", "A) Huyện {}"])
@pytest.mark.parametrize("where", ["name column", "first column"])
def test_a_numbered_heading_in_one_cell_is_a_district_not_a_commune(tmp_path, heading, where):
    """A provincial form often numbers its district headings in the name cell ("I. Huyện Lộc
    Bình", the running-number cell left blank): the row sets the district, it is no commune."""
    rows = provincial_form()
    for row in rows:
        if len(row) == 2 and row[1].startswith("Huyện "):
            text = heading.format(row[1].removeprefix("Huyện "))
            row[:] = ["", text] if where == "name column" else [text, ""]
    assessment = read_assessment([write_xlsx(tmp_path / "tinh_2020Q1.xlsx", {"s": rows})])
    assert not assessment.problems.errors, assessment.problems.errors
    snap = assessment.snapshot("2020Q1")
    assert snap.communes == ["Tú Đoạn", "Khuất Xá", "Tú Mịch", "Bắc Xa", "Xa Dung"]
    assert snap.units["district"].to_dict() == {"Tú Đoạn": "Lộc Bình", "Khuất Xá": "Lộc Bình", "Tú Mịch": "Lộc Bình",
                                                "Bắc Xa": "Đình Lập", "Xa Dung": "Đình Lập"}


def test_a_grand_total_at_the_head_of_the_table_totals_the_rows_below(tmp_path):
    rows = provincial_form()
    grand = next(r for r in rows if r[1:2] == ["Tổng cộng"])
    rows.remove(grand)
    rows.insert(rows.index(HEADER) + 1, grand)
    assessment = read_assessment([write_xlsx(tmp_path / "tinh_2020Q1.xlsx", {"s": rows})])
    assert not assessment.problems.errors, assessment.problems.errors
    assert len(assessment.snapshot("2020Q1").communes) == 5
    grand[-1] += 1  # and it is checked: against the communes below it
    (tmp_path / "bad").mkdir()
    [error] = validate(write_xlsx(tmp_path / "bad" / "tinh_2020Q1.xlsx", {"s": rows})).errors
    assert error.column == "Số tiêu chí đạt" and "'Tổng cộng' states 10 criteria met in total" in error.message
    assert "show 9" in error.message


def test_a_wrong_subtotal_is_told_against_its_block(tmp_path):
    bad = total_row("Cộng huyện Lộc Bình", A.values())
    bad[2] = 3  # criterion 1: the block has 2
    problems = validate(write_xlsx(tmp_path / "tinh_2020Q1.xlsx", {"s": provincial_form(bad)}))
    [error] = problems.errors
    assert (error.row, error.column) == (9, "1") and "of its block show 2" in error.message
    assert "'Cộng huyện Lộc Bình' states 3" in error.message


def test_a_wrong_grand_total_is_told_against_everything(tmp_path):
    rows = provincial_form()
    grand = next(r for r in rows if r[1:2] == ["Tổng cộng"])
    grand[-1] += 1
    [error] = validate(write_xlsx(tmp_path / "tinh_2020Q1.xlsx", {"s": rows})).errors
    assert error.column == "Số tiêu chí đạt" and "'Tổng cộng' states 10 criteria met in total" in error.message


@pytest.mark.parametrize("middle", [["", "Cộng", *[""] * 20], [], ["", "Tổng", *[""] * 20]])
def test_communes_after_a_subtotal_or_blank_row_are_kept(tmp_path, three, middle):
    rows = wide_rows(three)
    rows.insert(3, middle)
    rows += [[4, "Mẫu Sơn", *statuses({1, 2}), 2]]
    for kind in ("csv", "xlsx"):
        path = tmp_path / f"ntm_2020Q1.{kind}"
        write_csv(path, rows) if kind == "csv" else write_xlsx(path, {"s": rows})
        assessment = read_assessment([path])
        assert len(assessment.snapshot().communes) == 4 or assessment.problems.errors


def test_a_subtotal_of_the_rows_above_is_checked_and_the_rows_below_kept(tmp_path, three):
    rows = wide_rows(three)
    rows.insert(4, total_row("Cộng", three.values()))  # right: the three communes above
    rows += [[4, "Mẫu Sơn", *statuses({1, 2}), 2], total_row("Tổng cộng", [*three.values(), {1, 2}])]
    assessment = read_assessment([write_csv(tmp_path / "ntm_2020Q1.csv", rows)])
    assert not assessment.problems.errors, assessment.problems.errors
    assert assessment.snapshot().communes == ["Tú Đoạn", "Khuất Xá", "Tú Mịch", "Mẫu Sơn"]


def test_a_commune_named_cong_hoa_is_no_subtotal(tmp_path, three):
    rows = wide_rows({**three, "Cộng Hòa": {1}, "Tổng Hòa": {2}})
    assert read_assessment([write_csv(tmp_path / "ntm_2020Q1.csv", rows)]).snapshot().communes[-2:] == [
        "Cộng Hòa", "Tổng Hòa"]


def test_communes_named_like_units_are_communes(tmp_path):
    rows = wide_rows({"Tĩnh Bắc": {1}, "Quân Chu": set(), "Huyền Sơn": {2}}, yes="x", no="")
    assessment = read_assessment([write_csv(tmp_path / "ntm_2020Q1.csv", rows)])
    assert assessment.snapshot().communes == ["Tĩnh Bắc", "Quân Chu", "Huyền Sơn"]


# --- the "Xã " prefix and names that begin with Xa --------------------------------------------


def test_xa_and_xa_acute_begin_real_names(tmp_path):
    rows = wide_rows({"Xã Xa Dung": {1}, "Xá Nhè": {2}, "Xã Xá Lượng": {3}, "Xa Lý": {4}, "XÃ Yên Khoái": {5}})
    snap = load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)).snapshot()
    assert snap.communes == ["Xa Dung", "Xá Nhè", "Xá Lượng", "Xa Lý", "Yên Khoái"]


def test_in_a_file_without_diacritics_xa_may_be_the_prefix(tmp_path):
    rows = [["STT", "Ten xa", *map(str, range(1, 20))],
            [1, "Xa Tu Doan", *statuses({1}, yes="x", no="")], [2, "Xa Khuat Xa", *statuses({2}, yes="x", no="")],
            [3, "Xa Xa Dung", *statuses({3}, yes="x", no="")]]
    assessment = read_assessment([write_csv(tmp_path / "ntm_2020Q1.csv", rows)])
    assert assessment.snapshot().communes == ["Tu Doan", "Khuat Xa", "Xa Dung"]
    [warning] = only(assessment.problems.warnings, "without diacritics")
    assert warning.row == 2 and "in 3 names" in warning.message
    # the same file where only one name begins "Xa ": a real name
    rows[1][1], rows[2][1] = "Tu Doan", "Khuat Xa"
    (tmp_path / "p").mkdir()
    plain = read_assessment([write_csv(tmp_path / "p" / "ntm_2020Q1.csv", rows)])
    assert plain.snapshot().communes == ["Tu Doan", "Khuat Xa", "Xa Xa Dung"]
    # a register written the same way reads its names the same way
    write_csv(tmp_path / "communes.csv", [["commune", "recognised_year"], ["Xa Tu Doan", 2019], ["Xa Khuat Xa", ""],
                                          ["Xa Xa Dung", ""]])
    register = read_assessment([tmp_path / "communes.csv", tmp_path / "ntm_2020Q1.csv"])
    assert list(register.communes.index) == ["Tu Doan", "Khuat Xa", "Xa Dung"]
    assert not [p for p in register.problems if "not in the commune register" in p.message]


# --- province and district columns -----------------------------------------------------------


def test_province_and_district_columns_reach_the_snapshot(tmp_path):
    rows = [["Tỉnh", "Huyện", "Tên xã", *map(str, range(1, 20))],
            ["Tỉnh Lạng Sơn", "Huyện Lộc Bình", "Tú Đoạn", *statuses({1})],
            ["Lạng Sơn", "Đình Lập", "Bắc Xa", *statuses({2})], ["", "", "Kim Phú", *statuses({3})]]
    snap = load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)).snapshot()
    assert snap.units.to_dict(orient="index") == {
        "Tú Đoạn": {"district": "Lộc Bình", "province": "Lạng Sơn"},
        "Bắc Xa": {"district": "Đình Lập", "province": "Lạng Sơn"},
        "Kim Phú": {"district": None, "province": None}}


def test_units_from_the_register_where_the_assessment_says_nothing(tmp_path, three):
    write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three))
    write_csv(tmp_path / "communes.csv", [["commune", "district", "province"], ["Tú Đoạn", "Lộc Bình", "Lạng Sơn"],
                                          ["Khuất Xá", "Huyện Lộc Bình", "Tỉnh Lạng Sơn"]])
    units = load(tmp_path).snapshot().units
    assert units.loc["Khuất Xá"].to_dict() == {"district": "Lộc Bình", "province": "Lạng Sơn"}
    assert units.loc["Tú Mịch"].isna().all()


def test_bundled_data_carries_the_district():
    snap = load().snapshot("2020Q1")
    assert set(snap.units["district"]) == {"Lộc Bình"} and len(snap.units) == 19


def _unit_file(path, unit_header, rows):
    return write_csv(path, [["Tên xã", unit_header, *map(str, range(1, 20))],
                            *[[name, unit, *statuses(met)] for name, unit, met in rows]])


def test_one_name_in_two_provinces_files_is_two_communes(tmp_path):
    """Two provinces' files of one quarter each hold a "Phú Thịnh": two communes, told apart by
    their districts as one file tells them apart; the rest keep their names."""
    _unit_file(tmp_path / "tinh_a_2020Q1.csv", "Huyện", [("Phú Thịnh", "Lâm Nguyên", {1}), ("Tú Đoạn", "Lâm Nguyên", {1, 2})])
    _unit_file(tmp_path / "tinh_b_2020Q1.csv", "Huyện", [("Phú Thịnh", "Tân Phúc", {1, 2, 3}), ("Khuất Xá", "Tân Phúc", set())])
    assessment = read_assessment([tmp_path])
    assert not assessment.problems.errors, assessment.problems.errors
    snap = assessment.snapshot("2020Q1")
    assert snap.met_count.to_dict() == {"Phú Thịnh (Lâm Nguyên)": 1, "Tú Đoạn": 2, "Phú Thịnh (Tân Phúc)": 3, "Khuất Xá": 0}
    assert snap.units["district"].to_dict()["Phú Thịnh (Tân Phúc)"] == "Tân Phúc"


@pytest.mark.parametrize("second", ["Lâm Nguyên", ""])
def test_one_name_under_one_district_in_two_files_is_assessed_twice(tmp_path, second):
    """The same name under the same district, or with no district to tell it apart, is one commune
    assessed twice: an error, never two communes invented."""
    _unit_file(tmp_path / "a_2020Q1.csv", "Huyện", [("Phú Thịnh", "Lâm Nguyên", {1})])
    _unit_file(tmp_path / "b_2020Q1.csv", "Huyện", [("Phú Thịnh", second, {1, 2})])
    [error] = read_assessment([tmp_path]).problems.errors
    assert error.column == "commune" and "Phú Thịnh" in (error.value or "")


def test_a_file_named_in_decomposed_letters_opens_when_typed_composed(tmp_path, three):
    """A file saved on a Mac keeps its name decomposed (NFD); typed on the command line it is
    composed (NFC): the same name, read, its period found in it (review 8)."""
    import unicodedata

    folder = tmp_path / unicodedata.normalize("NFD", "báo cáo")
    folder.mkdir()
    write_csv(folder / unicodedata.normalize("NFD", "báo_cáo_quý4_2021.csv"), wide_rows(three))
    typed = unicodedata.normalize("NFC", str(tmp_path / "báo cáo" / "báo_cáo_quý4_2021.csv"))
    assert not __import__("os").path.exists(typed)  # the name as typed is not the name stored
    result = run_cli("validate", typed)
    assert result.returncode == 0, result.stderr
    assert "0 lỗi, 0 cảnh báo; 1 kỳ, 3 lượt đánh giá xã" in result.stderr
    assert run_cli("summary", typed, "--period", "2021Q4").returncode == 0
    missing = run_cli("validate", str(tmp_path / "báo cáo" / "bao_cao_quy4_2021.csv"))  # another name: still none
    assert missing.returncode == 2 and "không có tệp hoặc thư mục" in missing.stderr


def test_a_row_without_a_name_still_counts_in_the_totals_row(tmp_path, three):
    """Two rows with marks and no name are two errors, and nothing more: the "Tổng cộng" row,
    which the office added up with them, agrees (it was 20 knock-on errors, review 8)."""
    rows = wide_rows(three)
    rows[2][1], rows[3][1] = "", "  "
    met = [sum(1 for r in rows[1:] if r[2 + j] == "Đạt") for j in range(19)]
    rows.append(["", "Tổng cộng", *met, sum(met)])
    problems = validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows))
    assert [(e.row, e.column, e.message) for e in problems.errors] == [
        (3, "Tên xã", "missing commune name on a row with marks"),
        (4, "Tên xã", "missing commune name on a row with marks")]
    rows[-1][2] = met[0] + 1  # a total that is wrong is still said
    [wrong] = [e for e in validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows)).errors if e.row == 5]
    assert wrong.column == "1" and wrong.value == str(met[0] + 1)
