"""Every reader form offices use yields the communes and marks the file holds."""

from __future__ import annotations

import pytest

from conftest import THREE, statuses, wide_rows, write_csv, write_parquet, write_xlsx
from ntm_analysis import load
from ntm_analysis.text import MET, NOT_MET, BASICALLY_MET

EXPECTED_COUNTS = {"Tú Đoạn": 19, "Khuất Xá": 12, "Tú Mịch": 9}


def counts(assessment, period="2020Q1"):
    return assessment.snapshot(period).met_count.to_dict()


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_separators_and_encodings(tmp_path, three, sep, encoding):
    path = write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three), sep=sep, encoding=encoding)
    assessment = load(path)
    assert counts(assessment) == EXPECTED_COUNTS
    # names come out NFC and without the "Xã " prefix whatever the encoding wrote
    assert list(assessment.snapshot().communes) == ["Tú Đoạn", "Khuất Xá", "Tú Mịch"]


def test_cp1258_text_is_normalised_to_nfc(tmp_path, three):
    import unicodedata

    rows = wide_rows(three)
    rows[2][1] = unicodedata.normalize("NFD", "Khuất Xá")  # Windows-1258 writes tones as marks
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows, sep=";", encoding="cp1258")
    name = load(path).snapshot().communes[1]
    assert name == "Khuất Xá" and unicodedata.is_normalized("NFC", name)


@pytest.mark.parametrize("header", [
    [str(c) for c in range(1, 20)],
    [f"TC{c}" for c in range(1, 20)],
    [f"TC {c:02d}" for c in range(1, 20)],
    [f"Tiêu chí {c}" for c in range(1, 20)],
    [f"Tiêu chí số {c}" for c in range(1, 20)],
    ["1. Quy hoạch", "2. Giao thông", "3. Thủy lợi"] + [f"{c}. Tên {c}" for c in range(4, 20)],
])
def test_criterion_header_forms(tmp_path, three, header):
    path = write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three, header=header))
    assert counts(load(path)) == EXPECTED_COUNTS


@pytest.mark.parametrize("yes,no", [
    ("Đạt", "Chưa đạt"), ("ĐẠT", "CHƯA ĐẠT"), ("đạt", "chưa đạt"),
    ("Đa\u0323t", "Chu\u031ba đa\u0323t"),  # NFD
    ("x", ""), ("X", ""), ("1", "0"), ("True", "False"), ("Đ", "CĐ"),
])
def test_status_vocabularies(tmp_path, three, yes, no):
    path = write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three, yes=yes, no=no))
    assert counts(load(path)) == EXPECTED_COUNTS


def test_basically_met_is_kept_apart_and_not_met(tmp_path):
    row = statuses(set(range(1, 13)))
    row[12], row[13] = "Cơ bản đạt", "CƠ BẢN ĐẠT"
    rows = [["Tên xã", *map(str, range(1, 20))], ["Khuất Xá", *row]]
    snap = load(write_csv(tmp_path / "2020Q1.csv", rows)).snapshot()
    assert snap.met_count["Khuất Xá"] == 12
    assert list(snap.status.loc["Khuất Xá", [12, 13, 14, 15]]) == [MET, BASICALLY_MET, BASICALLY_MET, NOT_MET]


def test_x_blank_form_counts_blank_as_not_met(tmp_path):
    rows = [["Tên xã", *map(str, range(1, 20))], ["Mẫu Sơn", *statuses(set(), yes="x", no="")],
            ["Tam Gia", *statuses({1, 4}, yes="x", no="")]]
    assert counts(load(write_csv(tmp_path / "2020Q1.csv", rows))) == {"Mẫu Sơn": 0, "Tam Gia": 2}


def office_form(three, period_title="(Tính đến ngày 31/3/2020)"):
    """An Excel form as offices keep it: titles, merged two-row header, column numbers, totals,
    signatures."""
    n = 19
    rows = [
        ["UBND HUYỆN LỘC BÌNH"], ["BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ NÔNG THÔN MỚI"],
        [period_title], [],
        ["TT", "Tên xã", "Tiêu chí"] + [""] * (n - 1) + ["Số tiêu chí đạt", "Ghi chú"],
        ["", "", *range(1, n + 1), "", ""],
        ["A", "B", *range(1, n + 1), n + 1, n + 2],
    ]
    for i, (name, met) in enumerate(three.items(), 1):
        rows.append([i, name, *statuses(met, yes="x", no=""), len(met), ""])
    per_criterion = [sum(c in met for met in three.values()) for c in range(1, n + 1)]
    rows.append(["", "Tổng cộng", *per_criterion, sum(len(m) for m in three.values()), ""])
    rows += [[], ["", "Người lập biểu", "", "", "", "", "", "", "", "", "TRƯỞNG BAN"]]
    merges = ["A5:A6", "B5:B6", "C5:U5", "V5:V6", "W5:W6"]
    return rows, merges


def test_excel_office_form(tmp_path, three):
    rows, merges = office_form(three)
    path = write_xlsx(tmp_path / "bao_cao.xlsx", {"Biểu 01": rows}, {"Biểu 01": merges})
    assessment = load(path)
    assert assessment.periods == ["2020Q1"]  # from the title row
    assert counts(assessment) == EXPECTED_COUNTS
    # rows are reported as Excel shows them: the first commune sits on row 8
    assert assessment.snapshot().origin.loc["Tú Đoạn", "row"] == 8
    # the signature block below the table is recognised: no warning on every command
    assert not any("below the table" in p.message for p in assessment.problems.warnings)


@pytest.mark.parametrize("below, said", [
    ([["", "Lộc Bình, ngày 31 tháng 3 năm 2020"], ["", "NGƯỜI LẬP BIỂU", "", "KT. CHỦ TỊCH"],
      ["", "(Ký, ghi rõ họ tên)"], [], ["", "Nguyễn Văn An", "", "Hoàng Thị Mai"]], None),
    ([["", "Ghi chú: số liệu Tú Mịch tạm tính"], ["", "Người lập biểu"]], "Ghi chú: số liệu Tú Mịch tạm tính"),
    ([["", "Người lập biểu"], ["", "Nguyễn Văn An"], ["", "Quang Trung", "12"]], "Quang Trung"),
    ([["", "Tân Lập"]], "Tân Lập"),  # a name with no signature above it is not a signer
])
def test_a_signature_block_is_recognised_and_anything_else_below_is_said(tmp_path, three, below, said):
    rows, merges = office_form(three)
    rows = rows[:-1] + below
    path = write_xlsx(tmp_path / "bao_cao.xlsx", {"Biểu 01": rows}, {"Biểu 01": merges})
    assessment = load(path)
    assert counts(assessment) == EXPECTED_COUNTS
    values = [p.value for p in assessment.problems.warnings if "below the table" in p.message]
    assert values == ([] if said is None else [said])


def test_excel_workbook_with_a_sheet_per_quarter_and_a_notes_sheet(tmp_path, three):
    later = {k: v | {17} for k, v in three.items()}
    path = write_xlsx(tmp_path / "tong_hop.xlsx", {
        "Q1-2020": wide_rows(three), "Q2-2020": wide_rows(later), "Ghi chú": [["Số liệu minh họa"]]})
    assessment = load(path)
    assert assessment.periods == ["2020Q1", "2020Q2"]
    assert counts(assessment, "2020Q2") == {"Tú Đoạn": 19, "Khuất Xá": 13, "Tú Mịch": 10}
    assert any("sheet without a table header" in p.message for p in assessment.problems.warnings)


def long_rows(communes: dict[str, set[int]], period: str | None = "2020Q1", n: int = 19):
    header = ["period", "commune", "criterion", "status"] if period else ["commune", "criterion", "status"]
    rows = [header]
    for name, met in communes.items():
        for c in range(1, n + 1):
            row = [name, c, "Đạt" if c in met else "Chưa đạt"]
            rows.append(([period] if period else []) + row)
    return rows


@pytest.mark.parametrize("writer,suffix", [(write_csv, "csv"), (write_parquet, "parquet"),
                                           (lambda p, r: write_xlsx(p, {"data": r}), "xlsx")])
def test_long_form_in_every_format(tmp_path, three, writer, suffix):
    path = writer(tmp_path / f"long.{suffix}", long_rows(three))
    assert counts(load(path)) == EXPECTED_COUNTS


def test_long_form_vietnamese_headers_and_criterion_labels(tmp_path, three):
    rows = [["Kỳ", "Tên xã", "Tiêu chí", "Kết quả"]] + [
        [r[0], r[1], f"TC{r[2]}", r[3]] for r in long_rows(three)[1:]]
    assert counts(load(write_csv(tmp_path / "long.csv", rows))) == EXPECTED_COUNTS


def test_wide_parquet(tmp_path, three):
    rows = wide_rows(three)
    rows[0][0] = "period"
    for row in rows[1:]:
        row[0] = "2020Q1"
    assert counts(load(write_parquet(tmp_path / "wide.parquet", rows))) == EXPECTED_COUNTS


@pytest.mark.parametrize("name", ["ntm_2020Q1.csv", "ntm_2020-Q1.csv", "Q1-2020.csv", "quy1_2020.csv",
                                  "bao cao quy I nam 2020.csv"])
def test_period_from_file_name(tmp_path, three, name):
    assert load(write_csv(tmp_path / name, wide_rows(three))).periods == ["2020Q1"]


def test_period_from_title_row_and_column_and_option(tmp_path, three):
    titled = write_csv(tmp_path / "a.csv", [["BIỂU TỔNG HỢP"], ["(Tính đến ngày 30/6/2020)"]] + wide_rows(three))
    assert load(titled).periods == ["2020Q2"]
    rows = wide_rows(three)
    rows[0].append("Kỳ báo cáo")
    for row in rows[1:]:
        row.append("Quý III/2020")
    assert load(write_csv(tmp_path / "b.csv", rows)).periods == ["2020Q3"]
    plain = write_csv(tmp_path / "c.csv", wide_rows(three))
    assert load(plain, period="2020Q4").periods == ["2020Q4"]


def test_option_does_not_override_a_period_the_file_states(tmp_path, three):
    path = write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three))
    assert load(path, period="2021Q2").periods == ["2020Q1"]


def test_folders_mix_formats_and_skip_other_files(tmp_path, three):
    write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three))
    (tmp_path / "sub").mkdir()
    write_xlsx(tmp_path / "sub" / "ntm_2020Q2.xlsx", {"s": wide_rows(three)})
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    (tmp_path / "~$ntm_2020Q2.xlsx").write_bytes(b"lock")
    assert load(tmp_path).periods == ["2020Q1", "2020Q2"]


def test_communes_across_periods_match_whatever_the_spelling(tmp_path):
    q1 = [["Tên xã", *map(str, range(1, 20))], ["Xã Hoà Bình", *statuses({1})], ["Thuỷ Hùng", *statuses({2})]]
    q2 = [["Tên xã", *map(str, range(1, 20))], ["HÒA BÌNH", *statuses({1, 2})],
          ["xã thu\u0309y hu\u0300ng", *statuses({2})]]
    write_csv(tmp_path / "2020Q1.csv", q1)
    write_csv(tmp_path / "2020Q2.csv", q2)
    assessment = load(tmp_path)
    assert assessment.snapshot("2020Q1").communes == assessment.snapshot("2020Q2").communes
    assert assessment.snapshot("2020Q2").met_count.to_dict() == {"Hoà Bình": 2, "Thuỷ Hùng": 1}


def test_ten_criterion_set_from_2026(tmp_path):
    rows = [["Tên xã", *map(str, range(1, 11))], ["Lộc Bình", *statuses(set(range(1, 11)), n=10)],
            ["Mẫu Sơn", *statuses({1, 2, 3}, n=10)]]
    assessment = load(write_csv(tmp_path / "ntm_2026Q2.csv", rows))
    snap = assessment.snapshot()
    assert snap.criteria_set.name == "2026-2030" and snap.criteria_set.size == 10
    assert snap.met_count.to_dict() == {"Lộc Bình": 10, "Mẫu Sơn": 3}


def test_criteria_set_from_column_or_option(tmp_path, three):
    rows = wide_rows(three)
    rows[0].append("Bộ tiêu chí")
    for row in rows[1:]:
        row.append("QĐ 318")
    assert load(write_csv(tmp_path / "ntm_2021Q4.csv", rows)).snapshot().criteria_set.name == "2021-2025"
    (tmp_path / "x").mkdir()
    plain = write_csv(tmp_path / "x" / "ntm_2021Q4.csv", wide_rows(three))
    assert load(plain).snapshot().criteria_set.name == "2016-2020"  # QĐ 318 in force 08/3/2022
    assert load(plain, criteria_set="2021-2025").snapshot().criteria_set.name == "2021-2025"


def test_long_view_matches_the_matrix(tmp_path, three):
    assessment = load(write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three)))
    long = assessment.long()
    assert len(long) == 3 * 19
    met = long[long["status"] == "met"].groupby("commune").size().to_dict()
    assert met == EXPECTED_COUNTS


def test_input_files_are_never_altered(tmp_path, three):
    path = write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three), encoding="cp1258")
    before = path.read_bytes()
    load(path)
    assert path.read_bytes() == before


def test_parquet_with_typed_and_nested_cells(tmp_path):
    import pandas as pd

    frame = pd.DataFrame({"commune": ["Mẫu Sơn", "Tam Gia"], "period": ["2020Q1", "2020Q1"],
                          **{str(c): [True, c < 5] for c in range(1, 20)},
                          "notes": [["a", "b"], None]})
    frame.to_parquet(tmp_path / "typed.parquet", index=False)
    assert counts(load(tmp_path / "typed.parquet")) == {"Mẫu Sơn": 19, "Tam Gia": 4}


def test_communes_of_one_name_in_two_districts_are_told_apart(tmp_path):
    from ntm_analysis import validate

    rows = [["Huyện", "Tên xã", *map(str, range(1, 20))],
            ["Sơn Dương", "Tân Lập", *statuses({1})], ["Yên Sơn", "Xã Tân Lập", *statuses({1, 2})],
            ["Yên Sơn", "Kim Phú", *statuses({3})]]
    assessment = load(write_csv(tmp_path / "tinh_2020Q1.csv", rows))
    assert counts(assessment) == {"Tân Lập (Sơn Dương)": 1, "Tân Lập (Yên Sơn)": 2, "Kim Phú": 1}
    long = [["district", "commune", "criterion", "status"]] + [
        [d, n, c, "Đạt" if c == 1 else "Chưa đạt"] for d, n in (("Sơn Dương", "Tân Lập"), ("Yên Sơn", "Tân Lập"))
        for c in range(1, 20)]
    assert set(counts(load(write_csv(tmp_path / "long_2020Q1.csv", long)))) == {"Tân Lập (Sơn Dương)",
                                                                                "Tân Lập (Yên Sơn)"}
    rows.append(["Yên Sơn", "Tân Lập", *statuses({1})])  # the same name twice in one district
    assert any("listed twice" in p.message for p in validate(write_csv(tmp_path / "x_2020Q1.csv", rows)).errors)


def test_register_tells_apart_the_same_names_as_the_assessments(tmp_path):
    rows = [["Huyện", "Tên xã", *map(str, range(1, 20))],
            ["Sơn Dương", "Tân Lập", *statuses({1})], ["Yên Sơn", "Tân Lập", *statuses({1, 2})]]
    write_csv(tmp_path / "tinh_2020Q1.csv", rows)
    write_csv(tmp_path / "communes.csv", [["commune", "district", "recognised_year"],
                                          ["Tân Lập", "Sơn Dương", 2019], ["Tân Lập", "Yên Sơn", ""]])
    assessment = load(tmp_path)
    years = assessment.communes["recognised_year"]
    assert list(years.index) == ["Tân Lập (Sơn Dương)", "Tân Lập (Yên Sơn)"]
    assert years["Tân Lập (Sơn Dương)"] == 2019 and years.isna()["Tân Lập (Yên Sơn)"]
    assert not assessment.problems.warnings
