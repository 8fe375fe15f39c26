"""`--by district|province` on summary, compare, trend, lagging and targets: a small two-province
assessment counted by hand (literal sentences in both languages), the JSON shapes, the clear
errors (no districts after 1/7/2025, no province column), and on synthetic data that the units'
figures add up to the whole and match each unit's own figures computed the plain way."""

from __future__ import annotations

import json
import re

import pytest

from conftest import statuses, write_csv, write_table
from ntm_analysis import load, summarise, synth
from ntm_analysis.cli import main

HEAD = ["Tỉnh", "Huyện", "Tên xã", *map(str, range(1, 20))]
UPTO = lambda k: set(range(1, k + 1))  # noqa: E731  (criteria 1..k met)

# Four districts in two provinces, criteria met per commune in 2020Q4 and 2021Q1. Hand counts:
# 2020Q4  Cao Lộc 19+15+11 = 45 / 3 = 15,00 (1 at 19); Bắc Sơn 19+19+12+6 = 56 / 4 = 14,00 (2 at
#         19); Bình Gia 19+19+10+8 = 56 / 4 = 14,00 (2 at 19: tied with Bắc Sơn, which comes first
#         in Vietnamese order: ă before i; plain code-point order would put Bình Gia first);
#         Hòa An 9+8 = 17 / 2 = 8,50. Lạng Sơn 45+56+56 = 157 / 11 = 14,27; Cao Bằng 17 / 2 = 8,50.
# 2021Q1  Gia Cát gains 16, 17; Hợp Thành gains 12 and loses 3; Nhất Hòa gains 7; Bế Triều
#         loses 9. Cao Lộc 47 / 3 = 15,67 (+0,67); Bắc Sơn 57 / 4 = 14,25 (+0,25); Bình Gia
#         unchanged 14,00; Hòa An 16 / 2 = 8,00 (−0,50).
Q4 = [("Lạng Sơn", "Cao Lộc", "Tân Liên", UPTO(19)), ("Lạng Sơn", "Cao Lộc", "Gia Cát", UPTO(15)),
      ("Lạng Sơn", "Cao Lộc", "Hợp Thành", UPTO(11)),
      ("Lạng Sơn", "Bắc Sơn", "Vũ Lễ", UPTO(19)), ("Lạng Sơn", "Bắc Sơn", "Chiến Thắng", UPTO(19)),
      ("Lạng Sơn", "Bắc Sơn", "Long Đống", UPTO(12)), ("Lạng Sơn", "Bắc Sơn", "Nhất Hòa", UPTO(6)),
      ("Lạng Sơn", "Bình Gia", "Hồng Phong", UPTO(19)), ("Lạng Sơn", "Bình Gia", "Hoa Thám", UPTO(19)),
      ("Lạng Sơn", "Bình Gia", "Tân Tri", UPTO(10)), ("Lạng Sơn", "Bình Gia", "Quý Hòa", UPTO(8)),
      ("Cao Bằng", "Hòa An", "Bế Triều", UPTO(9)), ("Cao Bằng", "Hòa An", "Dân Chủ", UPTO(8))]
Q1_CHANGES = {"Gia Cát": UPTO(17), "Hợp Thành": UPTO(12) - {3}, "Nhất Hòa": UPTO(7), "Bế Triều": UPTO(8)}


def _rows(communes):
    return [HEAD] + [[p, f"Huyện {d}", c, *statuses(met)] for p, d, c, met in communes]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("by_units")
    write_csv(folder / "ntm_2020Q4.csv", _rows(Q4))
    write_csv(folder / "ntm_2021Q1.csv", _rows([(p, d, c, Q1_CHANGES.get(c, met)) for p, d, c, met in Q4]))
    write_table(folder / "targets.csv", ["target", "kind", "commune", "value", "due"],
                [["Bình quân 14 tiêu chí/xã", "mean", "", "14", "2021Q4"],
                 ["Xã điểm đạt chuẩn", "all_criteria", "Gia Cát", "", "2021Q4"]])
    return folder


def ntm(capsys, *args):
    """``ntm`` run in this process: exit code, stdout, stderr."""
    code = main(list(map(str, args)))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------------------------
# summary --by
# ---------------------------------------------------------------------------------------------

def test_summary_by_district_hand_counted_in_vietnamese(folder, capsys):
    code, out, err = ntm(capsys, "summary", folder, "--by", "district", "--period", "2020Q4")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Quý IV/2020 (2016-2020, 13 xã)"
    assert lines[1:7] == [
        "STT  Huyện     Số xã  Đạt đủ TC  BQ TC/xã  19  15-18  10-14  5-9  dưới 5",
        "---  --------  -----  ---------  --------  --  -----  -----  ---  ------",
        "  1  Cao Lộc       3          1     15,00   1      1      1    0       0",
        "  2  Bắc Sơn       4          2     14,00   2      0      1    1       0",
        "  3  Bình Gia      4          2     14,00   2      0      1    1       0",
        "  4  Hòa An        2          0      8,50   0      0      0    2       0"]
    paragraphs = lines[lines.index("") + 4:]
    assert paragraphs[:5] == [
        "Huyện Cao Lộc có 03 xã, trong đó có 01 xã đạt 19 tiêu chí, 01 xã đạt từ 15 đến 18 tiêu chí, 01 xã đạt "
        "từ 10 đến 14 tiêu chí. Tổng số tiêu chí đạt chuẩn là 45 tiêu chí, trung bình đạt 15,00 tiêu chí/xã.",
        "Huyện Bắc Sơn có 04 xã, trong đó có 02 xã đạt 19 tiêu chí, 01 xã đạt từ 10 đến 14 tiêu chí, 01 xã đạt "
        "từ 5 đến 9 tiêu chí. Tổng số tiêu chí đạt chuẩn là 56 tiêu chí, trung bình đạt 14,00 tiêu chí/xã.",
        "Huyện Bình Gia có 04 xã, trong đó có 02 xã đạt 19 tiêu chí, 01 xã đạt từ 10 đến 14 tiêu chí, 01 xã đạt "
        "từ 5 đến 9 tiêu chí. Tổng số tiêu chí đạt chuẩn là 56 tiêu chí, trung bình đạt 14,00 tiêu chí/xã.",
        "Huyện Hòa An có 02 xã, trong đó có 02 xã đạt từ 5 đến 9 tiêu chí. Tổng số tiêu chí đạt chuẩn là 17 tiêu "
        "chí, trung bình đạt 8,50 tiêu chí/xã.",
        "Bình quân cao nhất là huyện Cao Lộc với 15,00 tiêu chí/xã, thấp nhất là huyện Hòa An với 8,50 tiêu chí/xã."]


def test_summary_by_province_in_english(folder, capsys):
    code, out, _ = ntm(capsys, "summary", folder, "--by", "province", "--period", "2020Q4", "--lang", "en")
    assert code == 0
    assert out.splitlines()[:5] == [
        "Q4 2020 (2016-2020 criteria, 13 communes)",
        "#  Province  Communes  All met  Average  19  15-18  10-14  5-9  fewer than 5",
        "-  --------  --------  -------  -------  --  -----  -----  ---  ------------",
        "1  Lạng Sơn        11        5    14.27   5      1      3    2             0",
        "2  Cao Bằng         2        0     8.50   0      0      0    2             0"]
    assert ("Lạng Sơn province has 11 communes: 5 communes met 19 criteria, 1 commune met 15 to 18 criteria, "
            "3 communes met 10 to 14 criteria, 2 communes met 5 to 9 criteria. In total 157 criteria were met, "
            "an average of 14.27 criteria per commune.") in out.splitlines()
    assert ("Lạng Sơn province has the highest average (14.27 criteria per commune), Cao Bằng province the "
            "lowest (8.50).") in out.splitlines()


def test_summary_by_json_has_the_summary_keys_plus_unit_and_level(folder, capsys):
    _, whole, _ = ntm(capsys, "summary", folder, "--json")
    code, out, _ = ntm(capsys, "summary", folder, "--json", "--by", "district")
    assert code == 0
    units, whole = json.loads(out), json.loads(whole)
    assert all(set(u) == set(whole[0]) | {"unit", "level"} for u in units)
    assert [(u["period"], u["level"], u["unit"]) for u in units] == [
        (p, "district", d) for p in ("2020Q4", "2021Q1") for d in ("Cao Lộc", "Bắc Sơn", "Bình Gia", "Hòa An")]
    cao_loc = units[0]
    assert (cao_loc["n_communes"], cao_loc["total_met"], cao_loc["by_count"]) == (3, 45, {"11": 1, "15": 1, "19": 1})
    assert cao_loc["mean_met"] == pytest.approx(15.0) and cao_loc["per_criterion"]["16"] == 1
    assert cao_loc["text"].startswith("Huyện Cao Lộc có 03 xã, trong đó có 01 xã đạt 19 tiêu chí")
    for period in ("2020Q4", "2021Q1"):  # the units add up to the whole
        mine = [u for u in units if u["period"] == period]
        [total] = [s for s in whole if s["period"] == period]
        assert sum(u["total_met"] for u in mine) == total["total_met"]
        assert sum(u["n_communes"] for u in mine) == total["n_communes"]


# ---------------------------------------------------------------------------------------------
# compare, trend, lagging, targets --by
# ---------------------------------------------------------------------------------------------

def test_compare_by_district_ranked_by_the_change_with_each_units_paragraph(folder, capsys):
    code, out, err = ntm(capsys, "compare", folder, "--by", "district", "--from", "2020Q4", "--to", "2021Q1")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[:6] == [
        # periods in words in the headers, as everywhere else (review 5: "BQ 2020Q4" was a code)
        "STT  Huyện     Số xã  BQ quý IV/2020  BQ quý I/2021  Tăng/giảm  Xã tăng/giảm  TC tăng/giảm  Mới đạt đủ",
        "---  --------  -----  --------------  -------------  ---------  ------------  ------------  ----------",
        "  1  Cao Lộc       3           15,00          15,67      +0,67           2/1           3/1           0",
        "  2  Bắc Sơn       4           14,00          14,25      +0,25           1/0           1/0           0",
        "  3  Bình Gia      4           14,00          14,00       0,00           0/0           0/0           0",
        "  4  Hòa An        2            8,50           8,00      \u22120,50           0/1           0/1           0"]
    assert ("Huyện Cao Lộc: So với quý IV/2020, tổng số tiêu chí đạt chuẩn tăng 2 tiêu chí (từ 45 lên 47), bình "
            "quân tăng 0,67 tiêu chí/xã (từ 15,00 lên 15,67). Có 02 xã có thêm tiêu chí đạt chuẩn; 01 xã có tiêu "
            "chí không còn đạt: Hợp Thành (tiêu chí số 3).") in lines
    assert ("Huyện Hòa An: So với quý IV/2020, tổng số tiêu chí đạt chuẩn giảm 1 tiêu chí (từ 17 xuống 16), bình "
            "quân giảm 0,50 tiêu chí/xã (từ 8,50 xuống 8,00). Không có xã nào có thêm tiêu chí đạt chuẩn; 01 xã "
            "có tiêu chí không còn đạt: Bế Triều (tiêu chí số 9).") in lines
    code, out, _ = ntm(capsys, "compare", folder, "--by", "district", "--from", "2020Q4", "--to", "2021Q1",
                       "--lang", "en")
    assert out.splitlines()[0].split()[:8] == ["#", "District", "Communes", "Avg", "Q4", "2020", "Avg", "Q1"]
    assert ("Cao Lộc district: Compared with Q4 2020, the number of criteria met rose by 2 (from 45 to 47) and the "
            "average rose by 0.67 criteria per commune (from 15.00 to 15.67). New criteria were met in 2 communes; "
            "criteria were lost in 1 commune: Hợp Thành (criterion 3).") in out.splitlines()


def test_compare_by_json_is_the_compare_json_per_unit(folder, capsys):
    _, whole, _ = ntm(capsys, "compare", folder, "--json", "--from", "2020Q4", "--to", "2021Q1")
    code, out, _ = ntm(capsys, "compare", folder, "--json", "--by", "province", "--from", "2020Q4", "--to", "2021Q1")
    units, whole = json.loads(out), json.loads(whole)
    assert code == 0 and all(set(u) == set(whole) | {"unit", "level"} for u in units)
    assert [(u["level"], u["unit"]) for u in units] == [("province", "Lạng Sơn"), ("province", "Cao Bằng")]
    lang_son = {c["commune"]: (c["gained"], c["lost"]) for c in units[0]["communes"]}
    assert lang_son["Gia Cát"] == ([16, 17], []) and lang_son["Hợp Thành"] == ([12], [3])
    assert lang_son["Nhất Hòa"] == ([7], [])
    assert units[1]["communes"][0] == {"commune": "Bế Triều", "before": 9, "after": 8, "gained": [], "lost": [9],
                                       "band_before": "5-9", "band_after": "5-9", "renamed_from": None,
                                       "boundary_changed": False, "merged_from": []}
    assert sum(u["total_after"] for u in units) == whole["total_after"] == 47 + 57 + 56 + 16


def test_trend_by_district_series(folder, capsys):
    code, out, _ = ntm(capsys, "trend", folder, "--by", "district")
    assert code == 0
    assert out.splitlines()[:9] == [
        "Bình quân tiêu chí/xã của từng huyện qua các kỳ", "Xếp theo bình quân quý I/2021, từ cao xuống thấp.", "",
        "Huyện     Quý IV/2020  Quý I/2021", "--------  -----------  ----------",
        "Cao Lộc         15,00       15,67", "Bắc Sơn         14,00       14,25",
        "Bình Gia        14,00       14,00", "Hòa An           8,50        8,00"]
    code, out, _ = ntm(capsys, "trend", folder, "--by", "district", "--json")
    _, whole, _ = ntm(capsys, "trend", folder, "--json")
    rows, whole = json.loads(out), json.loads(whole)
    assert all(set(r) == set(whole[0]) | {"unit", "level"} for r in rows)
    assert [(r["unit"], r["period"], r["total_met"]) for r in rows][:2] == [("Cao Lộc", "2020Q4", 45),
                                                                            ("Cao Lộc", "2021Q1", 47)]
    assert rows[1]["share_16"] == pytest.approx(2 / 3) and rows[1]["band_15-18"] == 1


def test_lagging_by_district_respects_top(folder, capsys):
    code, out, _ = ntm(capsys, "lagging", folder, "--by", "district", "--period", "2021Q1", "--top", "1")
    assert code == 0
    lines = out.splitlines()
    # 2021Q1: Cao Lộc 19 / 1-17 / {1,2,4..12}: 18 and 19 met by Tân Liên alone (1/3); Bắc Sơn
    # 19, 19, 1-12, 1-7: 13-19 met by two (2/4); Bình Gia 19, 19, 1-10, 1-8: 11-19 by two (2/4);
    # Hòa An 1-8, 1-8: 9-19 by none (0/2). --top 1 names the least met and every criterion tied.
    assert [line.split() for line in lines[2:6]] == [
        ["1", "Cao", "Lộc", "3", "18,", "19", "1/3"],
        ["2", "Bắc", "Sơn", "4", "13,", "14,", "15,", "16,", "17,", "18,", "19", "2/4"],
        ["3", "Bình", "Gia", "4", "11,", "12,", "13,", "14,", "15,", "16,", "17,", "18,", "19", "2/4"],
        ["4", "Hòa", "An", "2", "9,", "10,", "11,", "12,", "13,", "14,", "15,", "16,", "17,", "18,", "19", "0/2"]]
    assert lines[0].split() == ["STT", "Huyện", "Số", "xã", "TC", "đạt", "thấp", "nhất", "Số", "xã", "đạt"]
    assert ("Huyện Cao Lộc: Các tiêu chí đạt thấp nhất: tiêu chí 18 (Hệ thống chính trị và tiếp cận pháp luật): "
            "01/03 xã đạt (33,3%); tiêu chí 19 (Quốc phòng và An ninh): 01/03 xã đạt (33,3%).") in lines
    # (the count of communes as ``ntm lagging`` writes it without --by: "01/03", tests/test_checks_targets.py)
    assert "  18 Hệ thống chính trị và tiếp cận pháp luật: 01/03; chưa đạt: Gia Cát, Hợp Thành" in lines
    assert "  19 Quốc phòng và An ninh: 01/03; chưa đạt: Gia Cát, Hợp Thành" in lines
    cao_loc = next(i for i, line in enumerate(lines) if line.startswith("Huyện Cao Lộc: "))
    assert lines[cao_loc + 3] == "" and lines[cao_loc + 4].startswith("Huyện Bắc Sơn: ")  # only the criteria the sentence names: 18 and 19
    code, out, _ = ntm(capsys, "lagging", folder, "--by", "province", "--json", "--period", "2021Q1")
    _, whole, _ = ntm(capsys, "lagging", folder, "--json", "--period", "2021Q1")
    units, whole = json.loads(out), json.loads(whole)
    assert all(set(u) == set(whole) | {"unit", "level"} for u in units)
    assert [u["unit"] for u in units] == ["Lạng Sơn", "Cao Bằng"]
    assert units[1]["criteria"][0]["missing"] == ["Bế Triều", "Dân Chủ"]


def test_targets_by_district_measure_the_whole_unit_targets_on_each_unit(folder, capsys):
    code, out, _ = ntm(capsys, "targets", folder, "--by", "district")
    assert code == 0
    lines = out.splitlines()
    assert lines[:6] == [
        "STT  Huyện     Số xã  Mục tiêu  đã đạt  đang thực hiện",
        "---  --------  -----  --------  ------  --------------",
        "  1  Cao Lộc       3         2       1               1",
        "  2  Bắc Sơn       4         1       1               0",
        "  3  Bình Gia      4         1       1               0",
        "  4  Hòa An        2         1       0               1"]
    assert ("Huyện Cao Lộc: [đang thực hiện] Xã điểm đạt chuẩn (hạn quý IV/2021): Gia Cát còn 02 tiêu chí chưa "
            "đạt (tiêu chí số 18, 19).") in lines
    assert ("Huyện Hòa An: [đang thực hiện] Bình quân 14 tiêu chí/xã (hạn quý IV/2021): bình quân đạt 8,00 tiêu "
            "chí/xã, mục tiêu 14 tiêu chí/xã, còn thiếu 6,00 tiêu chí/xã.") in lines
    code, out, _ = ntm(capsys, "targets", folder, "--by", "district", "--json")
    _, whole, _ = ntm(capsys, "targets", folder, "--json")
    units, whole = json.loads(out), json.loads(whole)
    # a target's own "unit" is its unit of measure: each unit's targets are a list of the usual objects
    assert all(set(u) == {"level", "unit", "period", "targets"} for u in units)
    assert all(set(t) == set(whole[0]) for u in units for t in u["targets"])
    assert [(u["unit"], [(t["kind"], t["state"]) for t in u["targets"]]) for u in units] == [
        ("Cao Lộc", [("mean", "met"), ("all_criteria", "in progress")]), ("Bắc Sơn", [("mean", "met")]),
        ("Bình Gia", [("mean", "met")]), ("Hòa An", [("mean", "in progress")])]
    hoa_an = units[-1]["targets"][0]
    assert (hoa_an["actual"], hoa_an["gap"], hoa_an["unit"]) == (8.0, 6.0, "criteria per commune")


def test_a_group_target_belongs_to_the_unit_holding_all_its_communes(tmp_path):
    from ntm_analysis.units import unit_assessments

    write_csv(tmp_path / "ntm_2020Q4.csv", _rows(Q4))
    write_table(tmp_path / "targets.csv", ["target", "kind", "commune", "value", "due"],
                [["Thôn A", "villages_share", "Vũ Lễ", "50%", "2021Q4"],
                 ["Thôn A", "villages_share", "Long Đống", "50%", "2021Q4"],
                 ["Thôn B", "villages_share", "Vũ Lễ", "50%", "2021Q4"],
                 ["Thôn B", "villages_share", "Bế Triều", "50%", "2021Q4"],
                 ["Xã điểm", "all_criteria", "Vũ Lễ", "", "2021Q4"],
                 ["Xã điểm", "all_criteria", "Bế Triều", "", "2021Q4"]])
    parts = unit_assessments(load(tmp_path), "district")
    held = {unit: sorted(zip(a.targets["target"], a.targets["commune"])) for unit, a in parts.items()}
    assert held == {"Bắc Sơn": [("Thôn A", "Long Đống"), ("Thôn A", "Vũ Lễ"), ("Xã điểm", "Vũ Lễ")],
                    "Bình Gia": [], "Cao Lộc": [], "Hòa An": [("Xã điểm", "Bế Triều")]}


# ---------------------------------------------------------------------------------------------
# What cannot be split: clear usage errors (exit 2), never a traceback or an empty table
# ---------------------------------------------------------------------------------------------

def test_by_province_on_data_without_a_province(capsys):
    code, out, err = ntm(capsys, "summary", "--by", "province")  # the bundled Lộc Bình data
    assert (code, out) == (2, "")
    assert err == ("ntm summary: lỗi: --by province: số liệu quý I/2020 không ghi tỉnh (không có cột Tỉnh, dòng "
                   "tiêu đề \u201cTỉnh \u2026\u201d hay cột tỉnh trong danh sách xã)\n")
    code, out, err = ntm(capsys, "lagging", "--by", "province", "--lang", "en")
    assert (code, out) == (2, "")
    assert err == ("ntm lagging: error: --by province: the data of Q4 2021 names no province (no Tỉnh column, "
                   "\u201cTỉnh \u2026\u201d heading row or province column in the commune register)\n")


@pytest.fixture(scope="module")
def reorganised(tmp_path_factory):
    """2025Q2 with districts, 2025Q3 (after 1/7/2025) with provinces only."""
    folder = tmp_path_factory.mktemp("reorganised")
    write_csv(folder / "ntm_2025Q2.csv", _rows(Q4))
    write_csv(folder / "ntm_2025Q3.csv", [["Tỉnh", "Tên xã", *map(str, range(1, 20))],
                                          ["Lạng Sơn", "Tân Liên", *statuses(UPTO(19))],
                                          ["Lạng Sơn", "Gia Cát", *statuses(UPTO(16))],
                                          ["Cao Bằng", "Bế Triều", *statuses(UPTO(9))]])
    return folder


@pytest.mark.parametrize("command", [["summary", "--period", "2025Q3"], ["lagging"], ["targets"],
                                     ["compare", "--from", "2025Q2", "--to", "2025Q3"]])
def test_by_district_after_the_districts_were_abolished(reorganised, capsys, command):
    code, out, err = ntm(capsys, command[0], reorganised, *command[1:], "--by", "district")
    assert (code, out) == (2, "")
    assert err == (f"ntm {command[0]}: lỗi: --by district: cấp huyện đã bỏ từ ngày 1/7/2025, quý III/2025 không "
                   "còn huyện (xã trực thuộc tỉnh): hãy dùng --by province\n")
    code, out, err = ntm(capsys, command[0], reorganised, *command[1:], "--by", "district", "--lang", "en")
    assert code == 2 and err == (f"ntm {command[0]}: error: --by district: districts were abolished from 1 July "
                                 "2025, so Q3 2025 has none (communes belong to a province directly): use --by "
                                 "province\n")


def test_a_history_across_the_reorganisation_leaves_out_the_periods_without_districts(reorganised, capsys):
    code, out, err = ntm(capsys, "summary", reorganised, "--by", "district")
    assert code == 0
    assert err == ("cảnh báo: --by district: bỏ qua 1 kỳ vì cấp huyện đã bỏ từ ngày 1/7/2025: quý III/2025 "
                   "(dùng --by province cho các kỳ này)\n")
    code, out, err = ntm(capsys, "summary", reorganised, "--by", "district", "--lang", "en")
    assert err == ("warning: --by district: 1 period left out, as districts were abolished from 1 July 2025: "
                   "Q3 2025 (use --by province for them)\n")
    code, out, err = ntm(capsys, "summary", reorganised, "--by", "district")
    assert out.startswith("Quý II/2025 (2021-2025, 13 xã)\n") and "Quý III/2025" not in out
    code, out, err = ntm(capsys, "trend", reorganised, "--by", "district", "--json")
    assert code == 0 and {r["period"] for r in json.loads(out)} == {"2025Q2"}
    code, out, _ = ntm(capsys, "summary", reorganised, "--by", "province", "--period", "2025Q3")
    assert code == 0 and out.splitlines()[3:5] == [
        "  1  Lạng Sơn      2          1     17,50   1      1      0    0       0",
        "  2  Cao Bằng      1          0      9,00   0      0      0    1       0"]
    code, out, _ = ntm(capsys, "compare", reorganised, "--by", "province", "--from", "2025Q2", "--to", "2025Q3",
                       "--json")
    assert code == 0 and [u["unit"] for u in json.loads(out)] == ["Lạng Sơn", "Cao Bằng"]


def test_by_district_on_data_naming_no_district(tmp_path, capsys):
    write_csv(tmp_path / "ntm_2020Q1.csv", [["Tên xã", *map(str, range(1, 20))], ["A", *statuses(UPTO(3))]])
    code, out, err = ntm(capsys, "compare", tmp_path, "--by", "district", "--from", "2020Q1", "--to", "2020Q1")
    assert code == 2  # the same period twice is said first, as without --by
    code, out, err = ntm(capsys, "trend", tmp_path, "--by", "district")
    assert (code, out) == (2, "") and "Traceback" not in err
    assert err == ("ntm trend: lỗi: --by district: số liệu quý I/2020 không ghi huyện (không có cột Huyện, dòng "
                   "tiêu đề \u201cHuyện \u2026\u201d hay cột huyện trong danh sách xã)\n")


def test_by_takes_only_district_or_province(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["summary", "--by", "commune", "--lang", "en"])
    assert exit_.value.code == 2 and "invalid choice: 'commune'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["summary", "--by", "commune"])
    assert exit_.value.code == 2 and "không có lựa chọn 'commune'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Synthetic provinces: the units add up to the whole, and each unit's figures are its own
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    synth.write(synth.generate(330, 4, seed=3, end="2025Q2"), folder, forms=("wide", "records"), formats=("csv",))
    return folder


@pytest.mark.parametrize("level", ["district", "province"])
def test_synthetic_units_add_up_to_the_whole(national, capsys, level):
    _, whole, _ = ntm(capsys, "summary", national, "--json")
    code, out, _ = ntm(capsys, "summary", national, "--json", "--by", level)
    assert code == 0
    whole, units = json.loads(whole), json.loads(out)
    assert len({u["unit"] for u in units}) == (2 if level == "province" else 24)
    for total in whole:
        mine = [u for u in units if u["period"] == total["period"]]
        for key in ("n_communes", "total_met", "n_all_met", "n_recognised", "total_basically_met"):
            assert sum(u[key] for u in mine) == total[key], key
        for c, n in total["per_criterion"].items():
            assert sum(u["per_criterion"][c] for u in mine) == n
        assert [sum(u["bands"][i]["n"] for u in mine) for i in range(5)] == [b["n"] for b in total["bands"]]
        means = [u["mean_met"] for u in mine]
        assert means == sorted(means, reverse=True)  # ranked
        big = max(mine, key=lambda u: u["total_met"])  # thousands the Vietnamese way
        assert f"là {big['total_met']:,} tiêu chí".replace(",", ".") in big["text"]
    code, out, _ = ntm(capsys, "compare", national, "--json", "--by", level, "--from", "2024Q4", "--to", "2025Q2")
    _, whole_compare, _ = ntm(capsys, "compare", national, "--json", "--from", "2024Q4", "--to", "2025Q2")
    units, whole_compare = json.loads(out), json.loads(whole_compare)
    for key in ("total_before", "total_after", "n_before", "n_after"):
        assert sum(u[key] for u in units) == whole_compare[key], key
    gained = lambda communes: sorted((c["commune"], c["gained"], c["lost"]) for c in communes)  # noqa: E731
    assert gained([c for u in units for c in u["communes"]]) == gained(whole_compare["communes"])


def test_synthetic_unit_trend_is_each_units_own_trend(national):
    """The fast path (every unit's series from ``unit_summaries``) against ``compare.trend`` run
    on each unit's own assessment, the plain way."""
    import pandas as pd

    from ntm_analysis.compare import trend
    from ntm_analysis.units import unit_assessments, unit_trend

    assessment = load(national)
    fast = unit_trend(assessment, "district")
    for unit, part in unit_assessments(assessment, "district").items():
        plain = trend(part).reset_index()
        mine = fast[fast["unit"] == unit].drop(columns=["level", "unit"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(mine[plain.columns], plain, check_dtype=False)


def test_the_readme_by_example_is_what_the_command_prints(tmp_path, capsys):
    """The README's `--by` example, run as its note says: the same lines (the elided ones aside)."""
    import re
    import shlex

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Per unit: `--by district|province`"):]
    block = re.search(r"```\n(.*?)```", section, re.S)[1]
    made = re.search(r"`(python -m ntm_analysis\.synth synthetic [^`]*)`", section.replace("\n", " "))[1]
    words = shlex.split(made)[3:]
    assert synth.main([str(tmp_path / words[0]), *words[1:]]) == 0
    runs = re.split(r"^\$ ", block, flags=re.M)[1:]
    for run in runs:
        command, *expected = run.rstrip("\n").split("\n")
        args = [str(tmp_path / a) if a == "synthetic" else a for a in shlex.split(command)[1:]]
        code, out, err = ntm(capsys, *args)
        printed = (out + err).splitlines()
        shown = [line for line in expected if line not in ("\u2026", "")]
        assert [line for line in printed if line in shown] == shown, command
        assert code == (2 if "lỗi" in "".join(expected) else 0)


def test_communes_of_no_known_unit_are_a_last_row_and_paragraph(tmp_path, capsys):
    """Never dropped: a commune whose district the data does not tell is counted, last, unranked."""
    write_csv(tmp_path / "ntm_2020Q1.csv", [["Huyện", "Tên xã", *map(str, range(1, 20))],
                                            ["Na Rì", "A", *statuses(UPTO(2))], ["Na Rì", "B", *statuses(UPTO(4))],
                                            ["", "C", *statuses(UPTO(3))]])
    code, out, _ = ntm(capsys, "summary", tmp_path, "--by", "district", "--bands", "0-19")
    assert code == 0
    lines = out.splitlines()
    # hand counts: Na Rì 2 + 4 = 6 of 2 (3,00); the commune of no district 3 of 1 (3,00)
    assert lines[3:5] == ["  1  Na Rì      2          0      3,00        2",
                          "     \u2014          1          0      3,00        1"]
    assert lines[-3:-1] == [
        "Huyện Na Rì có 02 xã, trong đó có 02 xã đạt dưới 20 tiêu chí. Tổng số tiêu chí đạt chuẩn là 6 tiêu chí, "
        "trung bình đạt 3,00 tiêu chí/xã.",
        "01 xã không ghi huyện, trong đó có 01 xã đạt dưới 20 tiêu chí. Tổng số tiêu chí đạt chuẩn là 3 tiêu chí, "
        "trung bình đạt 3,00 tiêu chí/xã."]
    code, out, _ = ntm(capsys, "summary", tmp_path, "--by", "district", "--bands", "0-19", "--lang", "en", "--json")
    assert [(u["unit"], u["n_communes"]) for u in json.loads(out)] == [("Na Rì", 2), (None, 1)]
    assert json.loads(out)[1]["text"] == ("1 commune with no district given: 1 commune met fewer than 20 criteria. "
                                          "In total 3 criteria were met, an average of 3.00 criteria per commune.")


def test_summary_by_keeps_shares_and_truncate(folder, capsys):
    code, out, _ = ntm(capsys, "summary", folder, "--by", "district", "--period", "2021Q1", "--shares", "--truncate")
    assert code == 0
    # Cao Lộc 2021Q1: 19 + 17 + 11 = 47 of 3 = 15,666…: cut to 15,66; one commune in three is 33,3%
    assert ("Huyện Cao Lộc có 03 xã, trong đó có 01 xã đạt 19 tiêu chí (chiếm 33,3%), 01 xã đạt từ 15 đến 18 tiêu "
            "chí (chiếm 33,3%), 01 xã đạt từ 10 đến 14 tiêu chí (chiếm 33,3%). Tổng số tiêu chí đạt chuẩn là 47 tiêu "
            "chí, trung bình đạt 15,66 tiêu chí/xã.") in out.splitlines()


@pytest.mark.parametrize("command", [["targets"], ["lagging"], ["compare", "--from", "2020Q1", "--to", "2021Q4"]])
def test_one_district_is_the_whole(capsys, command):
    """The bundled data is one district: its one unit's result is the command's result, key by key."""
    _, whole, _ = ntm(capsys, *command, "--json")
    code, out, _ = ntm(capsys, *command, "--json", "--by", "district")
    assert code == 0
    [unit] = json.loads(out)
    assert (unit.pop("level"), unit.pop("unit")) == ("district", "Lộc Bình")
    if command[0] == "targets":
        assert unit["targets"] == json.loads(whole) and len(unit["targets"]) == 10
    else:
        assert unit == json.loads(whole)


def test_districts_of_one_name_in_two_provinces_are_two_units(tmp_path, capsys):
    """"Châu Thành" is a district of several provinces: by district, each is its own unit,
    named with its province, never one unit of both provinces' communes."""
    rows = [["Tên xã", "Tỉnh", "Huyện", *map(str, range(1, 20))],
            ["A", "Tiền Giang", "Châu Thành", *statuses({1, 2})],
            ["B", "Tiền Giang", "Cái Bè", *statuses({1})],
            ["C", "Bến Tre", "Châu Thành", *statuses(set(range(1, 20)))]]
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    from ntm_analysis.units import unit_summaries

    units = {u.unit: u.n_communes for u in unit_summaries(load(path), level="district")}
    assert units == {"Châu Thành (Bến Tre)": 1, "Châu Thành (Tiền Giang)": 1, "Cái Bè": 1}


def test_one_province_read_with_a_national_register_that_tells_its_names_apart(tmp_path):
    """A national register holds two "Phú Thịnh", told apart by district. One province's file,
    holding one of them under its district, matches it: no "not in the register" warning, and
    the register's year of recognition is the commune's."""
    folder = tmp_path / "p1"
    folder.mkdir()
    write_csv(folder / "ntm_2024Q4.csv", [["Tên xã", "Huyện", "Tỉnh", *map(str, range(1, 20))],
                                         ["Phú Thịnh", "An Hồng", "Tam Mỹ", *statuses(set(range(1, 20)))],
                                         ["Long Tân", "An Hồng", "Tam Mỹ", *statuses({1, 2})]])
    write_table(tmp_path / "communes.csv", ["commune", "district", "province", "recognised_year"],
                [["Phú Thịnh", "An Hồng", "Tam Mỹ", 2023], ["Long Tân", "An Hồng", "Tam Mỹ", ""],
                 ["Phú Thịnh", "Hòa Pắc Tân", "Tân Khê", ""]])
    assessment = load([folder, tmp_path / "communes.csv"])
    assert not [p for p in assessment.problems if "not in the commune register" in p.message]
    assert assessment.snapshot().communes == ["Phú Thịnh", "Long Tân"]
    assert assessment.communes.at["Phú Thịnh", "recognised_year"] == 2023
    [summary] = summarise(assessment)
    assert summary.n_recognised == 1
    # a commune the register does not hold under that district is still said
    write_csv(folder / "ntm_2024Q4.csv", [["Tên xã", "Huyện", "Tỉnh", *map(str, range(1, 20))],
                                         ["Phú Thịnh", "Sa Phú", "Tam Mỹ", *statuses({1})]])
    other = load([folder, tmp_path / "communes.csv"])
    assert [p.value for p in other.problems if "not in the commune register" in p.message] == ["Phú Thịnh"]


def test_a_commune_keeps_its_identity_when_another_district_takes_its_name(tmp_path):
    """Review D12: in 2025Q2 a commune of Long Tú is renamed "Thành Khai", a name An Lãng's
    commune already has. An Lãng's Thành Khai is the same commune in both quarters (its gains
    compared, never "gone" and "new"); the renamed one is new and Bản Quý gone."""
    from ntm_analysis.compare import compare

    def quarter(period, second, an_lang_met):
        write_csv(tmp_path / "d" / f"ntm_{period}.csv", [
            ["Tên xã", "Huyện", *map(str, range(1, 20))],
            ["Thành Khai", "An Lãng", *statuses(set(range(1, an_lang_met + 1)))],
            [second, "Long Tú", *statuses({1, 2, 3})],
            ["Hòa Bình", "Long Tú", *statuses({1})]])

    (tmp_path / "d").mkdir()
    quarter("2025Q1", "Bản Quý", 10)
    quarter("2025Q2", "Thành Khai", 12)
    assessment = load(tmp_path / "d")
    assert assessment.snapshot("2025Q1").communes == ["Thành Khai (An Lãng)", "Bản Quý", "Hòa Bình"]
    assert assessment.snapshot("2025Q2").communes == ["Thành Khai (An Lãng)", "Thành Khai (Long Tú)", "Hòa Bình"]
    result = compare(assessment, "2025Q1", "2025Q2")
    assert result.added == ["Thành Khai (Long Tú)"] and result.removed == ["Bản Quý"]
    [changed] = [c for c in result.communes if c.gained or c.lost]
    assert (changed.commune, changed.gained) == ("Thành Khai (An Lãng)", [11, 12])
    # a register naming An Lãng's Thành Khai plainly holds the commune the data tells apart
    write_table(tmp_path / "d" / "communes.csv", ["commune", "district", "recognised_year"],
                [["Thành Khai", "An Lãng", 2024], ["Bản Quý", "Long Tú", ""], ["Hòa Bình", "Long Tú", ""]])
    registered = load(tmp_path / "d")
    outside = [p.value for p in registered.problems if "not in the commune register" in p.message]
    assert outside == ["Thành Khai (Long Tú)"]  # the renamed commune only: the register predates it
    assert registered.communes.at["Thành Khai (An Lãng)", "recognised_year"] == 2024


@pytest.fixture(scope="module")
def merged_history(tmp_path_factory):
    """The analyst's history: 60 communes merged into 22 on 1/7/2025 (``python -m
    ntm_analysis.synth hist --communes 60 --quarters 10 --end 2026Q2``)."""
    folder = tmp_path_factory.mktemp("merged")
    assert synth.main([str(folder / "hist"), "--communes", "60", "--quarters", "10", "--end", "2026Q2",
                       "--forms", "wide,records", "--formats", "csv"]) == 0
    return folder / "hist"


def test_compare_by_across_the_merger_shows_both_counts_and_no_change(merged_history, capsys):
    """Across the 1/7/2025 merger the unit's row has its communes before → after and no change of
    its average (the paragraph says it is not compared directly), in both languages."""
    args = ["compare", merged_history / "wide_csv", merged_history / "records", "--by", "province",
            "--from", "2025Q2", "--to", "2025Q3"]
    code, out, _ = ntm(capsys, *args)
    assert code == 0
    lines = out.splitlines()
    assert re.split(r"\s{2,}", lines[0])[2] == "Số xã"
    row = lines[2].split()
    assert row[:5] == ["1", "Tam", "Mỹ", "60", "→"] and row[5] == "22" and row[8] == "-"
    assert "\u22121,09" not in out
    assert ("Các xã được sắp xếp lại từ ngày 1/7/2025: Số xã ghi trước → sau, không tính Tăng/giảm (không so "
            "sánh trực tiếp bình quân tiêu chí).") in " ".join(out.split())
    code, out, _ = ntm(capsys, *args, "--lang", "en")
    row = out.splitlines()[2].split()
    assert row[3:6] == ["60", "→", "22"] and row[8] == "-" and "\u22121.09" not in out
    assert ("Communes reorganised from 1 July 2025: Communes shows before → after, no Change (averages not "
            "compared directly).") in " ".join(out.split())


def test_trend_by_unit_ranks_each_set_by_its_own_last_quarter(tmp_path, capsys):
    """Each criteria set's table is ranked by the average of its own last quarter, and says so
    (the rows of 2016-2020 followed the ranking of 2026, unexplained: review 8)."""
    from ntm_analysis import synth

    synth.write(synth.generate(400, 24, 0, end="2026Q2"), tmp_path, forms=("wide", "records"), formats=("parquet",))
    code, out, _ = ntm(capsys, "trend", str(tmp_path / "wide_parquet"), str(tmp_path / "records"), "--by", "province")
    assert code == 0
    lines = out.splitlines()
    for heading in ("Xếp theo bình quân quý IV/2021, từ cao xuống thấp.",
                    "Xếp theo bình quân quý II/2026, từ cao xuống thấp."):
        at = lines.index(heading)
        rows = [line for line in lines[at + 4:] if line and not line.startswith(("-", " "))]
        rows = rows[:next((i for i, r in enumerate(rows) if not r[-1].isdigit()), len(rows))]
        last = [float(r.split()[-1].replace(",", ".")) for r in rows]
        assert len(last) > 1 and last == sorted(last, reverse=True), heading


def test_a_unit_named_with_its_province_is_ranked_without_double_parentheses(tmp_path, capsys):
    """A district named with its province ("Châu Thành (Tiền Giang)") leads or trails: the average
    follows "với" (vi) or the words "the highest average" (en), never a second "(…)" right
    after the province's."""
    rows = [["Tên xã", "Tỉnh", "Huyện", *map(str, range(1, 20))],
            ["A", "Tiền Giang", "Châu Thành", *statuses({1, 2})],
            ["B", "Tiền Giang", "Cái Bè", *statuses({1, 2, 3})],
            ["C", "Bến Tre", "Châu Thành", *statuses(set(range(1, 20)))]]
    path = str(write_csv(tmp_path / "ntm_2020Q1.csv", rows))
    for lang, expected in (
            ("vi", "Bình quân cao nhất là huyện Châu Thành (Bến Tre) với 19,00 tiêu chí/xã, thấp nhất là huyện "
                   "Châu Thành (Tiền Giang) với 2,00 tiêu chí/xã."),
            ("en", "Châu Thành (Bến Tre) district has the highest average (19.00 criteria per commune), Châu Thành "
                   "(Tiền Giang) district the lowest (2.00).")):
        code, out, _ = ntm(capsys, "summary", path, "--by", "district", "--lang", lang)
        assert code == 0
        assert expected in out.splitlines()
        assert ") (" not in out
