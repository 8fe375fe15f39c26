"""Each validation problem is found, all at once, with file, row, column and value."""

from __future__ import annotations

import pytest

from conftest import statuses, wide_rows, write_csv, write_xlsx
from ntm_analysis import DataError, load, validate
from ntm_analysis.model import read_assessment

HEADER = ["STT", "Tên xã", *map(str, range(1, 20)), "Số tiêu chí đạt"]


def only(problems, text):
    found = [p for p in problems if text in p.message]
    assert found, f"no problem mentioning {text!r} in:\n" + "\n".join(map(str, problems))
    return found


def test_unknown_status_word_names_row_column_and_value(tmp_path, three):
    rows = wide_rows(three)
    rows[2][2 + 4] = "Dat?"  # Khuất Xá, criterion 5, on line 3 of the file
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    [problem] = only(validate(path), "unknown status")
    assert (problem.file, problem.row, problem.column, problem.value) == (str(path), 3, "5", "Dat?")
    assert str(problem).startswith(f"{path}:3: [5] error: unknown status")


def test_all_problems_are_reported_at_once(tmp_path, three):
    rows = wide_rows(three)
    rows[1][3] = "??"
    rows[2][1] = ""
    rows[3][-1] = 3  # Tú Mịch meets 9, not 3
    problems = validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows))
    assert len(problems.errors) == 3
    assert {p.row for p in problems.errors} == {2, 3, 4}


def test_unknown_criterion_number_for_the_set(tmp_path, three):
    rows = wide_rows(three)
    rows[0].insert(21, "20")
    for row in rows[1:]:
        row.insert(21, "Đạt")
    [problem] = only(validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows)), "criterion 20 is not in")
    assert problem.column == "20" and problem.row == 1 and "2016-2020" in problem.message


def test_missing_criterion_columns(tmp_path, three):
    rows = [row[:19] + row[21:] for row in wide_rows(three)]  # drop criteria 18 and 19
    [problem] = only(validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows)), "missing criterion column")
    assert problem.message == "missing criterion columns 18, 19 of the 2016-2020 set"


def test_duplicate_commune_in_one_file_and_across_files(tmp_path, three):
    rows = wide_rows(three) + [[4, "tú đoạn", *statuses(set(range(1, 20))), 19]]
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    [problem] = only(validate(path), "listed twice")
    assert problem.row == 5 and "row 2" in problem.message
    other = write_csv(tmp_path / "other_2020Q1.csv", wide_rows({"Xã Khuất Xá": set(range(1, 13))}))
    [problem] = only(validate(tmp_path), "also assessed")
    assert problem.file.endswith("other_2020Q1.csv") and "ntm_2020Q1.csv row 3" in problem.message
    assert other.exists()


def test_missing_commune_name(tmp_path, three):
    rows = wide_rows(three)
    rows[3][1] = ""
    [problem] = only(validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows)), "missing commune name")
    assert problem.row == 4 and problem.column == "Tên xã"


def test_count_column_disagreeing_with_the_marks(tmp_path, three):
    rows = wide_rows(three)
    rows[2][-1] = 13
    [problem] = only(validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows)), "the marks show 12")
    assert problem.column == "Số tiêu chí đạt" and problem.value == "13" and problem.row == 3


def test_totals_row_is_excluded_and_checked(tmp_path, three):
    per_criterion = [sum(c in met for met in three.values()) for c in range(1, 20)]
    good = wide_rows(three) + [["", "Tổng cộng", *per_criterion, 40]]
    assessment = load(write_csv(tmp_path / "ntm_2020Q1.csv", good))
    assert len(assessment.snapshot().communes) == 3
    bad = wide_rows(three) + [["", "Cộng", *per_criterion[:-1], 2, 41]]
    problems = validate(write_csv(tmp_path / "x_2020Q1.csv", bad))
    assert {(p.row, p.column) for p in problems.errors} == {(5, "19"), (5, "Số tiêu chí đạt")}
    only(problems, "states 2 communes meeting criterion 19 but the marks show 1")


def test_blank_where_the_file_writes_not_met_explicitly(tmp_path, three):
    rows = wide_rows(three)
    rows[3][2 + 17] = ""
    [problem] = only(validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows)), "no status for criteria 18")
    assert problem.row == 4 and problem.value == "Tú Mịch"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b",,,\n,,\n"])
def test_empty_files(tmp_path, content):
    path = tmp_path / "ntm_2020Q1.csv"
    path.write_bytes(content)
    [problem] = validate(path).errors
    assert "empty file" in problem.message and problem.file == str(path)


def test_unreadable_files(tmp_path):
    (tmp_path / "broken.xlsx").write_bytes(b"this is not a workbook")
    (tmp_path / "broken.parquet").write_bytes(b"nor a parquet file")
    problems = validate(tmp_path)
    assert sorted(p.file.rsplit("/", 1)[-1] for p in only(problems, "cannot read the file")) == [
        "broken.parquet", "broken.xlsx"]


def test_no_header(tmp_path):
    path = write_csv(tmp_path / "ntm_2020Q1.csv", [["a", "b"], ["1", "2"]])
    only(validate(path), "no table header found")


def test_period_unknown_is_a_warning_in_validate_and_an_error_in_load(tmp_path, three):
    rows = wide_rows(three)
    rows[2][5] = "??"
    path = write_csv(tmp_path / "bieu.csv", rows)
    problems = validate(path)
    [warning] = only(problems.warnings, "cannot determine the period")
    assert warning.file == str(path)
    only(problems.errors, "unknown status")  # the content is still checked
    assert not [p for p in validate(path, period="2020Q1") if "period" in p.message]
    with pytest.raises(DataError, match="cannot determine the period"):
        load(write_csv(tmp_path / "clean.csv", wide_rows(three)))


def test_conflicting_periods(tmp_path, three):
    path = write_csv(tmp_path / "ntm_2020Q2.csv", [["(Tính đến ngày 31/3/2020)"]] + wide_rows(three))
    [problem] = only(validate(path), "conflicting periods")
    assert problem.message == "conflicting periods: the name 'ntm_2020Q2.csv' says Q2 2020, the title says Q1 2020"
    assert problem.message.text("vi") == ("kỳ báo cáo không thống nhất: tên 'ntm_2020Q2.csv' ghi quý II/2020, các dòng "
                                          "tiêu đề ghi quý I/2020")


def test_long_form_duplicates_and_gaps(tmp_path):
    rows = [["period", "commune", "criterion", "status"]]
    rows += [["2020Q1", "Mẫu Sơn", c, "Đạt"] for c in range(1, 19)]  # criterion 19 missing
    rows += [["2020Q1", "Mẫu Sơn", 3, "Chưa đạt"]]  # criterion 3 twice
    rows += [["2020Q1", "Tam Gia", "TC 99", "Đạt"]]
    problems = validate(write_csv(tmp_path / "long.csv", rows))
    assert "rows 4, 20" in only(problems, "given more than once")[0].message
    assert only(problems, "no row for criteria 19")[0].value == "Mẫu Sơn"
    assert only(problems, "criterion 99 is not in")[0].row == 21


def test_excel_problems_name_the_sheet_and_excel_row(tmp_path, three):
    rows = [["BIỂU TỔNG HỢP"], []] + wide_rows(three)
    rows[4][2] = "Đạt lắm"
    path = write_xlsx(tmp_path / "ntm_2020Q1.xlsx", {"Số liệu": rows, "Ghi chú": [["ghi chú"]]})
    [problem] = only(validate(path), "unknown status")
    assert problem.file == f"{path}[Số liệu]" and problem.row == 5 and problem.column == "1"


def test_rows_without_name_or_marks_are_said_not_dropped_silently(tmp_path, three):
    rows = wide_rows(three) + [[4, "", *[""] * 19, ""]]
    problems = validate(write_csv(tmp_path / "ntm_2020Q1.csv", rows))
    assert only(problems.warnings, "row without a commune name")[0].row == 5


def test_commune_register_checks_types(tmp_path):
    rows = [["commune", "border", "recognised_year", "villages_in_scope"],
            ["Mẫu Sơn", "x", "", "9"], ["Tú Đoạn", "", "năm ngoái", "-3"]]
    problems = validate(write_csv(tmp_path / "communes.csv", rows))
    assert {(p.row, p.column, p.value) for p in problems.errors} == {
        (3, "recognised_year", "năm ngoái"), (3, "villages_in_scope", "-3")}


def test_towns_and_wards_are_left_out_of_commune_figures_with_a_warning(tmp_path, three):
    rows = wide_rows({**three, "Thị trấn Lộc Bình": set(range(1, 20)), "TT. Na Dương": {1}})
    assessment = load(write_csv(tmp_path / "ntm_2020Q1.csv", rows))
    assert assessment.snapshot().communes == ["Tú Đoạn", "Khuất Xá", "Tú Mịch"]
    assert [p.value for p in only(assessment.problems.warnings, "town or ward")] == [
        "Thị trấn Lộc Bình", "TT. Na Dương"]


def test_header_without_communes_is_an_error(tmp_path):
    path = write_csv(tmp_path / "ntm_2020Q1.csv", [HEADER])
    [problem] = only(validate(path), "no commune rows")
    assert problem.row == 1


def test_tcvn3_names_are_converted_and_said(tmp_path):
    # TCVN3 bytes shown as Windows-1252 characters in a Unicode file ("ư" is the soft hyphen byte)
    rows = [["Tên xã", *map(str, range(1, 20))], ["B¶o Th¾ng", *["x"] * 19], ["M\xadêng Kh\xad¬ng", *[""] * 19]]
    assessment = read_assessment([write_csv(tmp_path / "ntm_2020Q1.csv", rows)])
    [warning] = only(assessment.problems.warnings, "TCVN3")
    assert (warning.row, warning.column, warning.value) == (2, "Tên xã", "B¶o Th¾ng")
    assert "2 cells" in warning.message
    assert assessment.snapshot().communes == ["Bảo Thắng", "Mường Khương"]


def test_rows_are_text_editor_lines_even_after_a_quoted_line_break(tmp_path, three):
    rows = [["BIỂU TỔNG HỢP\n(Tính đến ngày 31/3/2020)"]] + wide_rows(three)
    rows[3][5] = "Đạt?"  # Khuất Xá: record 4, but line 5 in an editor
    path = write_csv(tmp_path / "bieu.csv", rows)
    [problem] = only(validate(path), "unknown status")
    assert problem.row == 5
    assert path.read_text(encoding="utf-8").splitlines()[problem.row - 1].startswith("2,Khuất Xá")


def test_old_spreadsheet_formats_in_a_folder_are_said(tmp_path, three):
    write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three))
    (tmp_path / "bao_cao_cu.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    [warning] = only(validate(tmp_path).warnings, "not read")
    assert warning.file.endswith("bao_cao_cu.xls") and "save it as .xlsx" in warning.message
    assert not validate(tmp_path).errors
