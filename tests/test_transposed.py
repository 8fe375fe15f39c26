"""The transposed summary form: criteria in rows, communes in columns, read like the wide form."""

from __future__ import annotations

import pytest

from conftest import THREE, write_csv, write_xlsx
from ntm_analysis import load, validate
from ntm_analysis.model import read_assessment

NAMES = ["Quy hoạch", "Giao thông", "Thủy lợi", "Điện", "Trường học", "Cơ sở vật chất văn hóa",
         "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư", "Thu nhập",
         "Hộ nghèo", "Lao động có việc làm", "Tổ chức sản xuất", "Giáo dục và Đào tạo", "Y tế", "Văn hóa",
         "Môi trường và an toàn thực phẩm", "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh"]
COMMUNES = {"Tú Đoạn": set(range(1, 20)), "Khuất Xá": set(range(1, 13)), "Tú Mịch": set(range(1, 10))}


def transposed_form(communes=COMMUNES, merged_header=False, count_column=True, title="(Tính đến ngày 31/3/2020)"):
    """Title rows, "TT | Tiêu chí | commune … | Số xã đạt", x marks, a "Số tiêu chí đạt" row."""
    names = list(communes)
    rows = [["UBND HUYỆN LỘC BÌNH"], ["BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ NÔNG THÔN MỚI"], [title], []]
    if merged_header:
        rows += [["TT", "Tiêu chí", *["Tên xã"] * len(names)] + (["Số xã đạt"] if count_column else []),
                 ["", "", *names] + ([""] if count_column else [])]
    else:
        rows += [["TT", "Tiêu chí", *names] + (["Số xã đạt"] if count_column else [])]
    for n, label in enumerate(NAMES, 1):
        marks = ["x" if n in communes[c] else "" for c in names]
        rows.append([n, label, *marks] + ([sum(n in communes[c] for c in names)] if count_column else []))
    rows.append(["", "Số tiêu chí đạt", *[len(communes[c]) for c in names]]
                + ([sum(len(m) for m in communes.values())] if count_column else []))
    rows += [[], ["", "Người lập biểu", "", "Trưởng ban"]]
    return rows


@pytest.mark.parametrize("merged", [False, True])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_transposed_form_reads_like_the_wide_form(tmp_path, merged, kind):
    rows = transposed_form(merged_header=merged)
    path = tmp_path / f"bieu.{kind}"
    write_xlsx(path, {"Tổng hợp": rows}) if kind == "xlsx" else write_csv(path, rows)
    assessment = read_assessment([path])
    assert not assessment.problems.errors, assessment.problems.errors
    assert assessment.periods == ["2020Q1"]  # from the title row
    snap = assessment.snapshot()
    assert snap.met_count.to_dict() == {"Tú Đoạn": 19, "Khuất Xá": 12, "Tú Mịch": 9}
    assert set(snap.units["district"]) == {"Lộc Bình"}  # from the letterhead
    assert not any("below the table" in p.message for p in assessment.problems.warnings)  # signatures
    wide = load(write_csv(tmp_path / "ntm_2020Q1.csv", [["Tên xã", *map(str, range(1, 20))]] + [
        [c, *["Đạt" if n in m else "Chưa đạt" for n in range(1, 20)]] for c, m in COMMUNES.items()]))
    assert (wide.snapshot().status.to_numpy() == snap.status.to_numpy()).all()


def test_the_count_row_is_checked_against_the_marks(tmp_path):
    rows = transposed_form()
    count = next(r for r in rows if r[1:2] == ["Số tiêu chí đạt"])
    count[3] = 13  # Khuất Xá, column D: the marks show 12
    path = write_xlsx(tmp_path / "bieu.xlsx", {"s": rows})
    [error] = validate(path).errors
    assert (error.row, error.column, error.value) == (rows.index(count) + 1, "Khuất Xá", "13")
    assert "states 13 criteria met but the marks show 12" in error.message


def test_a_bad_mark_is_named_by_the_criterion_row_and_commune_column(tmp_path):
    rows = transposed_form()
    crit5 = next(r for r in rows if r[:1] == [5])
    crit5[4] = "đạt?"  # Tú Mịch, criterion 5
    [error] = [p for p in validate(write_xlsx(tmp_path / "bieu.xlsx", {"s": rows})).errors if "unknown status" in p.message]
    assert (error.row, error.column, error.value) == (rows.index(crit5) + 1, "Tú Mịch", "đạt?")


def test_the_communes_met_column_is_checked(tmp_path):
    rows = transposed_form()
    crit2 = next(r for r in rows if r[:1] == [2])
    crit2[-1] = 1  # three communes meet criterion 2
    [error] = validate(write_xlsx(tmp_path / "bieu.xlsx", {"s": rows})).errors
    assert (error.row, error.column) == (rows.index(crit2) + 1, "Số xã đạt")
    assert "states 1 communes meeting criterion 2 but the marks show 3" in error.message


def test_a_commune_listed_twice_names_both_columns(tmp_path):
    rows = transposed_form({**COMMUNES, "tú đoạn": {1}}, count_column=False)
    [error] = [p for p in validate(write_xlsx(tmp_path / "bieu.xlsx", {"s": rows})).errors if "twice" in p.message]
    assert error.column == "tú đoạn" and "also Tú Đoạn" in error.message


def test_period_from_the_title_or_option(tmp_path):
    rows = transposed_form(title="Quý II năm 2021")
    assert load(write_xlsx(tmp_path / "bieu.xlsx", {"s": rows})).periods == ["2021Q2"]
    untitled = transposed_form(title="")
    assert load(write_xlsx(tmp_path / "x.xlsx", {"s": untitled}), period="2020Q3").periods == ["2020Q3"]


def test_sub_indicator_rows_are_said(tmp_path):
    rows = transposed_form()
    at = next(i for i, r in enumerate(rows) if r[:1] == [2])
    rows.insert(at + 1, ["2.1", "Đường xã", "x", "x", ""])
    assessment = read_assessment([write_xlsx(tmp_path / "bieu.xlsx", {"s": rows})])
    assert assessment.snapshot().met_count.to_dict() == {"Tú Đoạn": 19, "Khuất Xá": 12, "Tú Mịch": 9}
    [warning] = [p for p in assessment.problems.warnings if "sub-indicators" in p.message]
    assert warning.row == at + 2


def test_the_wide_form_is_not_mistaken_for_a_transposed_one(tmp_path):
    rows = [["TT", "Tên xã", "Tiêu chí", *[""] * 18], ["", "", *map(str, range(1, 20))]]
    rows += [[i, n, *["x" if c in m else "" for c in range(1, 20)]] for i, (n, m) in enumerate(THREE.items(), 1)]
    assert load(write_xlsx(tmp_path / "ntm_2020Q1.xlsx", {"s": rows})).snapshot().met_count.to_dict() == {
        "Tú Đoạn": 19, "Khuất Xá": 12, "Tú Mịch": 9}
