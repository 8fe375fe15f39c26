"""Quarter comparisons on small hand-made data: gains, losses, mergers, renames, set changes."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from conftest import ROOT, run_cli, write_periods, write_table
from ntm_analysis import load
from ntm_analysis.compare import compare, since_baseline, trend, year_on_year
from ntm_analysis.wording import compare_text

ALL = set(range(1, 20))


@pytest.fixture
def two_quarters(tmp_path):
    return load(write_periods(tmp_path / "d", {
        "2020Q1": {"Khuất Xá": set(range(1, 13)), "Yên Khoái": ALL, "Tú Mịch": set(range(1, 10)),
                   "Hữu Lân": {1, 3, 4, 8, 18, 19}},
        "2020Q2": {"Khuất Xá": ALL, "Yên Khoái": ALL - {17}, "Tú Mịch": set(range(1, 10)) | {13, 14},
                   "Hữu Lân": {1, 4, 8, 14, 18, 19}},
    }))


def test_gained_and_lost_per_commune(two_quarters):
    result = compare(two_quarters, "2020Q1", "2020Q2")
    by = {c.commune: c for c in result.communes}
    assert (by["Khuất Xá"].gained, by["Khuất Xá"].lost) == (list(range(13, 20)), [])
    assert (by["Yên Khoái"].gained, by["Yên Khoái"].lost) == ([], [17])
    assert (by["Tú Mịch"].gained, by["Tú Mịch"].before, by["Tú Mịch"].after) == ([13, 14], 9, 11)
    assert (by["Hữu Lân"].gained, by["Hữu Lân"].lost) == ([14], [3])
    assert (result.total_before, result.total_after) == (46, 54)
    assert result.mean_before == pytest.approx(46 / 4) and result.mean_after == pytest.approx(54 / 4)
    assert result.reached_all == ["Khuất Xá"] and result.left_all == ["Yên Khoái"]
    assert result.added == [] and result.removed == [] and result.warnings == []


def test_communes_crossing_bands(two_quarters):
    crossed = {c.commune: (c.band_before, c.band_after)
               for c in compare(two_quarters, "2020Q1", "2020Q2").crossed_bands}
    assert crossed == {"Khuất Xá": ("10-14", "19"), "Yên Khoái": ("19", "15-18"), "Tú Mịch": ("5-9", "10-14")}


def test_comparison_text_in_report_style(two_quarters):
    text = compare_text(compare(two_quarters, "2020Q1", "2020Q2"))
    # a commune that gained one criterion and lost another (Hữu Lân) counts in both
    assert text == ("So với quý I/2020, tổng số tiêu chí đạt chuẩn tăng 8 tiêu chí (từ 46 lên 54), bình quân "
                    "tăng 2,00 tiêu chí/xã (từ 11,50 lên 13,50). Có 03 xã có thêm tiêu chí đạt chuẩn; 02 xã có "
                    "tiêu chí không còn đạt: Hữu Lân (tiêu chí số 3); Yên Khoái (tiêu chí số 17). Xã đạt đủ 19 "
                    "tiêu chí trong kỳ: Khuất Xá. Xã không còn đạt đủ 19 tiêu chí: Yên Khoái.")
    english = compare_text(compare(two_quarters, "2020Q1", "2020Q2"), "en")
    assert english == ("Compared with Q1 2020, the number of criteria met rose by 8 (from 46 to 54) and the average "
                       "rose by 2.00 criteria per commune (from 11.50 to 13.50). New criteria were met in 3 communes; "
                       "criteria were lost in 2 communes: Hữu Lân (criterion 3); Yên Khoái (criterion 17). "
                       "Reached all 19 criteria: Khuất Xá. No longer meeting all 19 criteria: Yên Khoái.")
    assert "((" not in english and "))" not in english


def test_no_loss_is_said_in_words_not_as_00(tmp_path):
    assessment = load(write_periods(tmp_path / "d", {"2020Q1": {"A": {1}, "B": {1}}, "2020Q2": {"A": {1, 2}, "B": {1}}}))
    text = compare_text(compare(assessment, "2020Q1", "2020Q2"))
    assert "Có 01 xã có thêm tiêu chí đạt chuẩn; không có xã nào giảm tiêu chí." in text and " 00 " not in text


def test_year_on_year_and_since_baseline(tmp_path):
    assessment = load(write_periods(tmp_path / "d", {
        "2019Q2": {"A": {1, 2}, "B": {1}}, "2019Q4": {"A": {1, 2, 3}, "B": {1}},
        "2020Q2": {"A": {1, 2, 3, 4}, "B": {1, 2}}}))
    yoy = year_on_year(assessment, "2020Q2")
    assert (yoy.from_period, yoy.year_on_year) == ("2019Q2", True)
    assert compare_text(yoy).startswith("So với cùng kỳ năm 2019 (quý II/2019), tổng số tiêu chí đạt chuẩn tăng 3 "
                                        "tiêu chí (từ 3 lên 6), bình quân tăng 1,50 tiêu chí/xã")
    assert since_baseline(assessment, "2020Q2").from_period == "2019Q2"
    base = since_baseline(assessment, "2020Q2", baseline="2019Q4")
    assert not base.year_on_year
    assert "So với quý IV/2019, tổng số tiêu chí đạt chuẩn tăng 2 tiêu chí (từ 4 lên 6), bình quân tăng 1,00 " \
           "tiêu chí/xã (từ 2,00 lên 3,00)" in compare_text(base, truncate=True)


def test_added_and_removed_communes_are_listed_with_a_warning(tmp_path):
    assessment = load(write_periods(tmp_path / "d", {
        "2020Q1": {"A": {1}, "B": {1, 2}}, "2020Q2": {"A": {1, 2}, "C": {3}}}))
    result = compare(assessment, "2020Q1", "2020Q2")
    assert (result.added, result.removed) == (["C"], ["B"])
    assert [c.commune for c in result.communes] == ["A"]
    assert any("communes differ" in w for w in result.warnings)


def mergers(folder, rows):
    return write_table(folder / "mergers.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                       rows)


def test_a_merger_across_the_periods(tmp_path):
    folder = write_periods(tmp_path / "d", {
        "2024Q3": {"Tam Gia": set(range(1, 16)), "Tĩnh Bắc": set(range(1, 11)), "Khuất Xá": ALL},
        "2025Q1": {"Tam Gia": set(range(1, 14)), "Khuất Xá": ALL},
    })
    mergers(folder, [["Tĩnh Bắc", "Tam Gia", "01/12/2024", "NQ 1246/NQ-UBTVQH15"]])
    result = compare(load(folder), "2024Q3", "2025Q1")
    by = {c.commune: c for c in result.communes}
    assert set(by) == {"Tam Gia", "Khuất Xá"}
    assert by["Tam Gia"].boundary_changed and by["Tam Gia"].merged_from == ["Tĩnh Bắc"]
    assert not by["Khuất Xá"].boundary_changed
    # Tĩnh Bắc merged into Tam Gia: it did not disappear, so it is not "removed"
    assert result.removed == [] and result.added == []
    assert result.merged_removed == ["Tĩnh Bắc"] and result.merged_added == []
    assert result.reorganised
    assert result.boundary_changes == [{"commune": "Tam Gia", "merged_from": ["Tĩnh Bắc", "Tam Gia"],
                                        "date": "2024-12-01", "decision": "NQ 1246/NQ-UBTVQH15"}]
    # merged communes do not inherit criteria by summing: totals are the communes' own
    assert (result.total_before, result.total_after) == (15 + 10 + 19, 13 + 19)
    assert "Xã Tam Gia hình thành từ Tĩnh Bắc, Tam Gia (từ ngày 1/12/2024): không so sánh trực tiếp số tiêu " \
           "chí." in compare_text(result)


def test_a_merger_into_a_new_name_and_a_rename(tmp_path):
    folder = write_periods(tmp_path / "d", {
        "2025Q2": {"Khánh Xuân": {1}, "Đồng Bục": ALL, "Sàn Viên": {1, 2}, "Cũ": {5}},
        "2025Q3": {"Lộc Bình": {1, 2, 3}, "Lợi Bác": {1, 2, 3}, "Mới": {5, 6}},
    })
    mergers(folder, [["Thị trấn Lộc Bình", "Lộc Bình", "01/07/2025", ""],
                     ["Khánh Xuân", "Lộc Bình", "01/07/2025", ""], ["Đồng Bục", "Lộc Bình", "01/07/2025", ""],
                     ["Sàn Viên", "Lợi Bác", "01/07/2025", ""], ["Cũ", "Mới", "01/07/2025", ""]])
    result = compare(load(folder), "2025Q2", "2025Q3")
    by = {c.commune: c for c in result.communes}
    # merged communes neither appear nor disappear: they are counted apart
    assert result.removed == [] and result.added == []
    assert set(result.merged_removed) == {"Khánh Xuân", "Đồng Bục"}
    assert result.merged_added == ["Lộc Bình"]
    # one old commune into one new name, and nothing else into it: a rename, compared directly
    assert by["Mới"].renamed_from == "Cũ" and by["Mới"].gained == [6] and not by["Mới"].boundary_changed
    assert by["Lợi Bác"].renamed_from == "Sàn Viên" and by["Lợi Bác"].gained == [3]
    merged = {b["commune"]: sorted(b["merged_from"]) for b in result.boundary_changes}
    assert merged == {"Lộc Bình": ["Khánh Xuân", "Thị trấn Lộc Bình", "Đồng Bục"]}
    # the comparison table says a renamed commune's earlier name in words, not with an arrow
    from ntm_analysis.review_tables import change_table

    for lang, note in (("vi", "tên cũ: Cũ"), ("en", "formerly Cũ")):
        rows = {r[0]: r for r in change_table(result, lang, "changes").rows}
        assert rows["Mới"][-1] == note and rows["Lợi Bác"][-1] == note.replace("Cũ", "Sàn Viên")


def test_chained_mergers_follow_every_step(tmp_path):
    folder = write_periods(tmp_path / "d", {
        "2024Q3": {"Tĩnh Bắc": {1}, "Tam Gia": {2}, "Khuất Xá": {3}}, "2025Q3": {"Khuất Xá": {3, 4}}})
    mergers(folder, [["Tĩnh Bắc", "Tam Gia", "01/12/2024", ""], ["Tam Gia", "Khuất Xá", "01/07/2025", ""],
                     ["Khuất Xá", "Khuất Xá", "01/07/2025", ""]])
    result = compare(load(folder), "2024Q3", "2025Q3")
    assert set(result.merged_removed) == {"Tĩnh Bắc", "Tam Gia"} and result.removed == []
    [khuat_xa] = result.communes
    assert khuat_xa.boundary_changed and sorted(khuat_xa.merged_from) == ["Tam Gia", "Tĩnh Bắc"]


def test_changes_outside_the_span_are_not_applied(tmp_path):
    folder = write_periods(tmp_path / "d", {"2020Q1": {"Tĩnh Bắc": {1}, "Tam Gia": {2}},
                                            "2020Q2": {"Tĩnh Bắc": {1, 2}, "Tam Gia": {2}}})
    mergers(folder, [["Tĩnh Bắc", "Tam Gia", "01/12/2024", ""]])
    result = compare(load(folder), "2020Q1", "2020Q2")
    assert [c.commune for c in result.communes] == ["Tĩnh Bắc", "Tam Gia"] and not result.boundary_changes


def test_criteria_set_changes(tmp_path):
    folder = write_periods(tmp_path / "a", {"2021Q4": {"A": {1, 2}}, "2022Q1": {"A": {1, 3}}})
    same_numbers = compare(load(folder), "2021Q4", "2022Q1")
    assert same_numbers.criteria_sets == ("2016-2020", "2021-2025")
    assert same_numbers.communes[0].gained == [3] and "compared by number" in same_numbers.warnings[0]
    folder = write_periods(tmp_path / "b", {"2025Q4": {"A": {1, 2}}})
    write_periods(folder, {"2026Q2": {"A": {1, 2, 3}}}, n=10)
    new_set = compare(load(folder), "2025Q4", "2026Q2")
    assert new_set.communes[0].gained == [] and not new_set.criteria_compared
    assert "not compared" in new_set.warnings[0]
    assert (new_set.communes[0].before, new_set.communes[0].after) == (2, 3)


def test_trend_table(two_quarters):
    table = trend(two_quarters)
    assert table.loc["2020Q1", "total_met"] == 46 and table.loc["2020Q2", "total_met"] == 54
    assert table.loc["2020Q2", "n_all_met"] == 1 and table.loc["2020Q2", "band_15-18"] == 1
    assert table.loc["2020Q1", "share_3"] == 1.0 and table.loc["2020Q2", "share_3"] == pytest.approx(3 / 4)
    assert table.loc["2020Q2", "share_17"] == pytest.approx(1 / 4)


def hand_counted(period):
    """Criteria met by each commune in a bundled file, read with the csv module alone."""
    path = ROOT / "data" / "loc_binh" / f"ntm_{period}.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))[2:]
    return {r[1]: {c for c in range(1, 20) if r[1 + c] == "Đạt"} for r in rows if r[1] != "Tổng cộng"}


def test_ntm_compare_json_on_the_bundled_data_matches_a_hand_count():
    result = run_cli("compare", "--from", "2020Q1", "--to", "2020Q2", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    before, after = hand_counted("2020Q1"), hand_counted("2020Q2")
    assert {"from", "to", "mean_before", "mean_after", "communes", "added", "removed"} <= set(out)
    assert (out["from"], out["to"], out["added"], out["removed"]) == ("2020Q1", "2020Q2", [], [])
    assert out["mean_before"] == pytest.approx(187 / 19)
    assert out["mean_after"] == pytest.approx(sum(map(len, after.values())) / 19)
    for c in out["communes"]:
        name = c["commune"]
        assert c["gained"] == sorted(after[name] - before[name]), name
        assert c["lost"] == sorted(before[name] - after[name]), name
        assert (c["before"], c["after"]) == (len(before[name]), len(after[name]))
    assert any(c["lost"] for c in out["communes"])  # Hữu Lân loses criterion 19


def _reorganised(tmp_path, n_old: int = 24, per: int = 3):
    """``n_old`` communes merged ``per`` into one on 1/7/2025, and one commune that truly went and
    one that truly came: what a province's data across the reorganisation looks like."""
    old = {f"Cũ {i:02d}": set(range(1, 10 + i % 9)) for i in range(n_old)}
    old["Biến Mất"] = {1}
    new = {f"Mới {j:02d}": set(range(1, 15)) for j in range(n_old // per)}
    new["Xuất Hiện"] = {1, 2}
    folder = write_periods(tmp_path / "d", {"2024Q4": old, "2025Q4": new})
    mergers(folder, [[f"Cũ {i:02d}", f"Mới {i // per:02d}", "01/07/2025", "NQ 1672/NQ-UBTVQH15"]
                     for i in range(n_old)])
    return load(folder)


def test_a_reorganisation_is_said_as_one_and_never_as_a_fall_of_the_total(tmp_path):
    result = compare(_reorganised(tmp_path), "2024Q4", "2025Q4")
    assert result.added == ["Xuất Hiện"] and result.removed == ["Biến Mất"]
    assert len(result.merged_added) == 8 and len(result.merged_removed) == 24
    vi, en = compare_text(result, "vi"), compare_text(result, "en")
    assert "giảm" not in vi.split(".")[0] and "tổng số tiêu chí đạt chuẩn giảm" not in vi
    # neither the total nor the average is a rise or a fall: both are given, as not comparable
    # (304 criteria in 25 communes, 12,16; 114 in 9, 12,67)
    assert vi.startswith("So với cùng kỳ năm 2024 (quý IV/2024): từ ngày 1/7/2025 sắp xếp lại 25 xã thành 09 xã; "
                         "không so sánh trực tiếp tổng số và bình quân tiêu chí (quý IV/2024 bình quân 12,16 "
                         "tiêu chí/xã, quý IV/2025 bình quân 12,67 tiêu chí/xã). ")
    assert en.startswith("Compared with the same quarter a year before (Q4 2024): communes were reorganised from "
                         "1 July 2025, 25 communes became 9 communes; the total and average number of criteria met "
                         "are not compared directly (average 12.16 criteria per commune in Q4 2024, 12.67 in "
                         "Q4 2025). ")
    assert "tăng" not in vi.split(". ")[0] and "rose by" not in en and "fell by" not in en
    # the real newcomer and the real loss are still named; the merged communes are not among them
    assert " Xã chỉ có trong quý IV/2025: Xuất Hiện." in vi and " Xã không còn trong quý IV/2025: Biến Mất." in vi
    assert "Cũ 00" not in vi.split("Xã không còn")[1].split(".")[0]
    # eight mergers: one sentence each (within the limit)
    assert vi.count("hình thành từ") == 8 and " Xã Mới 00 hình thành từ Cũ 00, Cũ 01, Cũ 02 (từ ngày 1/7/2025)" in vi


def test_many_mergers_are_counted_and_sent_to_the_workbook(tmp_path):
    from ntm_analysis.wording import MERGERS_LIMIT

    result = compare(_reorganised(tmp_path, n_old=3 * (MERGERS_LIMIT + 5)), "2024Q4", "2025Q4")
    vi, en = compare_text(result, "vi"), compare_text(result, "en")
    assert "hình thành từ Cũ" not in vi and "formed from Cũ" not in en
    assert " 15 xã hình thành từ sắp xếp 45 xã (danh sách trong bảng tính): không so sánh trực tiếp số tiêu " \
           "chí của các xã này." in vi
    assert " 15 communes were formed by merging 45 communes (listed in the workbook): their criteria counts " \
           "are not compared directly." in en
    assert len(vi) < 1000


def test_the_terminal_sends_long_lists_to_json_not_to_a_workbook_it_does_not_have(tmp_path):
    from ntm_analysis.wording import MERGERS_LIMIT

    n_old = 3 * (MERGERS_LIMIT + 5)
    _reorganised(tmp_path, n_old=n_old)
    args = ("compare", "--from", "2024Q4", "--to", "2025Q4", str(tmp_path / "d"))
    vi, en = run_cli(*args), run_cli(*args, "--lang", "en")
    assert vi.returncode == 0 and en.returncode == 0, vi.stderr + en.stderr
    assert " 15 xã hình thành từ sắp xếp 45 xã (danh sách đầy đủ khi chạy lệnh với --json): không so sánh " \
           "trực tiếp số tiêu chí của các xã này." in vi.stdout
    assert " 15 communes were formed by merging 45 communes (listed in full with --json): their criteria " \
           "counts are not compared directly." in en.stdout
    assert "bảng tính" not in vi.stdout + vi.stderr and "workbook" not in en.stdout + en.stderr
    # the list the sentence promises is in the JSON
    out = json.loads(run_cli(*args, "--json").stdout)
    assert len(out["boundary_changes"]) == 15 and sum(len(b["merged_from"]) for b in out["boundary_changes"]) == 45


def test_compare_json_keeps_merged_communes_apart(tmp_path):
    _reorganised(tmp_path)
    result = run_cli("compare", "--from", "2024Q4", "--to", "2025Q4", str(tmp_path / "d"), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["added"], out["removed"]) == (["Xuất Hiện"], ["Biến Mất"])
    assert out["merged_added"] == [f"Mới {j:02d}" for j in range(8)]
    assert sorted(out["merged_removed"]) == [f"Cũ {i:02d}" for i in range(24)]
    assert len(out["boundary_changes"]) == 8


def test_flags_do_not_call_merged_communes_missing_or_new(tmp_path):
    from ntm_analysis.checks import flags

    table = flags(_reorganised(tmp_path))
    assert table.loc[table["check"] == "commune_missing", "commune"].tolist() == ["Biến Mất"]
    assert table.loc[table["check"] == "commune_new", "commune"].tolist() == ["Xuất Hiện"]


# --- across the 2026 criteria set (19 → 10): said, not counted as a fall -------------------------

TEN = set(range(1, 11))
SETS_VI = ("Từ quý I/2026 áp dụng Bộ tiêu chí 2026–2030 (10 tiêu chí): không so sánh trực tiếp tổng số và "
           "bình quân tiêu chí với quý IV/2025 (Bộ tiêu chí 2021–2025, 19 tiêu chí).")
SETS_EN = ("From Q1 2026 the 2026–2030 criteria set (10 criteria) applies: the total and average number of "
           "criteria met are not compared directly with Q4 2025 (2021–2025 set, 19 criteria).")


@pytest.fixture
def across_sets(tmp_path):
    """Q4/2025 under the 19 criteria, Q1/2026 under the 10: two communes at 19/19 then 9/10 and
    10/10, one recognised for 2024, one for 2026 and still short of the 10."""
    folder = write_periods(tmp_path / "d", {"2025Q4": {"Khuất Xá": ALL, "Yên Khoái": ALL,
                                                       "Tú Mịch": set(range(1, 13))}})
    write_periods(folder, {"2026Q1": {"Khuất Xá": TEN - {4}, "Yên Khoái": TEN, "Tú Mịch": {1, 2, 3}}}, n=10)
    write_table(folder / "communes.csv", ["commune", "recognised_year"],
                [["Khuất Xá", 2024], ["Yên Khoái", 2024], ["Tú Mịch", ""]])
    return load(folder)


def test_across_sets_of_different_sizes_one_sentence_and_no_fall(across_sets):
    result = compare(across_sets, "2025Q4", "2026Q1")
    assert not result.sets_comparable and result.to_dict()["sets_comparable"] is False
    assert (result.total_before, result.total_after) == (50, 22)  # the JSON keeps the numbers
    assert result.left_all == [] and result.reached_all == []  # "all 19" before is not "all 10" after
    assert compare_text(result) == SETS_VI
    assert compare_text(result, "en") == SETS_EN
    for text in (compare_text(result), compare_text(result, truncate=True, see_section=6)):
        assert "giảm" not in text and "tăng" not in text and "không còn đạt" not in text
    assert "fell" not in compare_text(result, "en") and "No longer" not in compare_text(result, "en")


def test_across_sets_no_flags_for_the_pair(across_sets):
    from ntm_analysis.checks import flags
    from ntm_analysis.review import build_review

    # 19 → 3 would be a jump, 19/19 → 9/10 a lost set; a commune recognised for 2024 (19 criteria)
    # is not below all of the 10
    assert flags(across_sets, jump=5).empty
    review = build_review(across_sets, "2026Q1")
    assert [f for f in review.flags if f.kind in ("jump", "lost_criterion", "recognised_below_all")] == []


def test_across_sets_tables_say_so(across_sets):
    from ntm_analysis.review import build_review
    from ntm_analysis.review_tables import change_table
    from ntm_analysis.terminal import compare_table

    result = compare(across_sets, "2025Q4", "2026Q1")
    table = change_table(result, "vi", "previous")
    assert [c.key for c in table.columns] == ["commune", "before", "after"]  # no change, gained, lost
    assert table.total is None and table.note.startswith("Từ quý I/2026 áp dụng Bộ tiêu chí 2026–2030")
    assert compare_table(result) == ""  # no "19 → 9" rows
    from ntm_analysis.wording import report_text

    text = report_text(build_review(across_sets, "2026Q1"))
    assert SETS_VI in text and "giảm" not in text.split(SETS_VI)[0][-200:]
    assert "Xã không còn đạt đủ 10 tiêu chí" not in text


def test_same_set_pair_unchanged_by_the_sets_check(two_quarters):
    result = compare(two_quarters, "2020Q1", "2020Q2")
    assert result.sets_comparable and result.to_dict()["sets_comparable"] is True
    assert "tổng số tiêu chí đạt chuẩn tăng 8" in compare_text(result)


def test_compare_cli_across_sets(across_sets, tmp_path):
    folder = tmp_path / "d"
    out = run_cli("compare", str(folder), "--from", "2025Q4", "--to", "2026Q1")
    assert out.stdout.strip().splitlines()[0] == SETS_VI
    data = json.loads(run_cli("compare", str(folder), "--from", "2025Q4", "--to", "2026Q1", "--json").stdout)
    assert data["sets_comparable"] is False and data["total_before"] == 50


def test_across_sets_page_and_workbook_with_districts(tmp_path):
    """With a district column (the unit column is added to the tables), the page says the
    sentence and the sheet under the year-on-year table, with no change column."""
    from openpyxl import load_workbook

    from conftest import wide_rows, write_csv
    from ntm_analysis.page import render_page
    from ntm_analysis.review import build_review
    from ntm_analysis.review_tables import review_tables
    from ntm_analysis.vocab import SHEETS
    from ntm_analysis.workbook import write_workbook

    def with_district(rows):
        return [r[:2] + (["Huyện"] if i == 0 else ["An Lãng" if i % 2 else "Long Tú"]) + r[2:]
                for i, r in enumerate(rows)]

    folder = tmp_path / "d"
    folder.mkdir()
    write_csv(folder / "ntm_2025Q4.csv", with_district(wide_rows({"Khuất Xá": ALL, "Yên Khoái": ALL,
                                                                  "Tú Mịch": set(range(1, 13))})))
    write_csv(folder / "ntm_2026Q4.csv", with_district(wide_rows({"Khuất Xá": TEN - {4}, "Yên Khoái": TEN,
                                                                  "Tú Mịch": {1, 2, 3}}, n=10)))
    review = build_review(load(folder), "2026Q4")
    assert review.year_ago is not None and not review.year_ago.sets_comparable
    html = render_page(review, "vi")
    assert "Từ quý I/2026 áp dụng Bộ tiêu chí 2026–2030 (10 tiêu chí), quý IV/2025 theo Bộ tiêu chí " \
           "2021–2025 (19 tiêu chí): số tiêu chí của từng xã không so sánh trực tiếp" in html
    tables = review_tables(review, "vi")
    path = write_workbook(review, "vi", tables, tmp_path / "t.xlsx")
    key = "year_ago" if "year_ago" in tables else "previous"  # 2025Q4 is also the quarter before
    cells = [v for row in load_workbook(path)[SHEETS["vi"][key]].iter_rows(values_only=True)
             for v in row if isinstance(v, str)]
    assert any(v.startswith("Từ quý I/2026 áp dụng Bộ tiêu chí 2026–2030") for v in cells)
    assert "Tăng/giảm" not in cells and "Số tiêu chí đạt quý IV/2025 (/19)" in cells


def test_compare_by_unit_across_sets(tmp_path):
    """``ntm compare --by province`` across 19 → 10: no change, gains or losses in the table,
    the sentence under it, the units ranked by the later average."""
    from conftest import wide_rows, write_csv
    from ntm_analysis.terminal import unit_compare_table
    from ntm_analysis.units import unit_comparisons

    def with_district(rows):
        return [r[:2] + (["Tỉnh"] if i == 0 else ["An Lãng" if i % 2 else "Long Tú"]) + r[2:]
                for i, r in enumerate(rows)]

    folder = tmp_path / "d"
    folder.mkdir()
    write_csv(folder / "ntm_2025Q4.csv", with_district(wide_rows({"Khuất Xá": ALL, "Yên Khoái": set(range(1, 5)),
                                                                  "Tú Mịch": set(range(1, 13))})))
    write_csv(folder / "ntm_2026Q1.csv", with_district(wide_rows({"Khuất Xá": {1, 2}, "Yên Khoái": TEN,
                                                                  "Tú Mịch": {1, 2, 3}}, n=10)))
    results, _ = unit_comparisons(load(folder), "2025Q4", "2026Q1", "province")
    assert [r.unit for r in results] == ["Long Tú", "An Lãng"]  # 10 against 2,5 (by change: An Lãng first)
    text = unit_compare_table(results, "vi")
    rows = text.splitlines()[2:4]
    assert all(row.split()[-4:] == ["-"] * 4 for row in rows)
    assert " ".join(text.split()).count(" ".join(SETS_VI.split())) == 1


def test_many_communes_losing_criteria_are_counted_once(tmp_path):
    """Beyond NAMES_LIMIT the communes losing a criterion are counted once with where the list
    is ("35 xã có tiêu chí không còn đạt (danh sách trong bảng tính)"), not "35 xã …: 35 xã"."""
    from ntm_analysis.wording import NAMES_LIMIT, lists_in

    n = NAMES_LIMIT + 5
    before = {f"Xã {i:02d}": set(range(1, 12)) for i in range(n)}
    after = {f"Xã {i:02d}": set(range(1, 11)) for i in range(n)}
    result = compare(load(write_periods(tmp_path / "d", {"2020Q1": before, "2020Q2": after})), "2020Q1", "2020Q2")
    vi = compare_text(result, "vi")
    assert vi.endswith("Không có xã nào có thêm tiêu chí đạt chuẩn; 35 xã có tiêu chí không còn đạt "
                       "(danh sách trong bảng tính).")
    assert compare_text(result, "en").endswith("; criteria were lost in 35 communes (listed in the workbook).")
    with lists_in("json"):
        assert compare_text(result, "vi").endswith("35 xã có tiêu chí không còn đạt (danh sách đầy đủ khi chạy "
                                                   "lệnh với --json).")


@pytest.mark.parametrize("periods, rows", [
    ({"2024Q3": {"Tam Gia": {1}, "Tĩnh Bắc": {2}, "Khuất Xá": ALL}, "2025Q1": {"Tam Gia": {1, 3}, "Khuất Xá": ALL}},
     [["Tĩnh Bắc", "Tam Gia", "01/12/2024", "NQ 1"]]),  # merged into a commune that goes on
    ({"2025Q2": {"Khánh Xuân": {1}, "Đồng Bục": ALL, "Sàn Viên": {1, 2}, "Cũ": {5}, "Hữu Lân": {7}},
      "2025Q3": {"Lộc Bình": {1, 2, 3}, "Lợi Bác": {1, 2, 3}, "Mới": {5, 6}, "Hữu Lân": {7}, "Yên Khoái": {1}}},
     [["Thị trấn Lộc Bình", "Lộc Bình", "01/07/2025", ""], ["Khánh Xuân", "Lộc Bình", "01/07/2025", ""],
      ["Đồng Bục", "Lộc Bình", "01/07/2025", ""], ["Sàn Viên", "Lợi Bác", "01/07/2025", ""],
      ["Cũ", "Mới", "01/07/2025", ""], ["Tú Mịch", "Hữu Lân", "01/07/2025", ""]]),  # new names, renames
    ({"2024Q3": {"Tĩnh Bắc": {1}, "Tam Gia": {2}, "Khuất Xá": {3}, "Ái Quốc": {4}}, "2025Q3": {"Khuất Xá": {3, 4}}},
     [["Tĩnh Bắc", "Tam Gia", "01/12/2024", ""], ["Tam Gia", "Khuất Xá", "01/07/2025", ""],
      ["Khuất Xá", "Khuất Xá", "01/07/2025", ""], ["Ái Quốc", "Bằng Mạc", "01/07/2025", ""]]),  # chains, gone
    ({"2025Q2": {"Tam Gia": {1}, "Tĩnh Bắc": {2}, "Khuất Xá": {3}, "Tú Mịch": {5}},
      "2025Q3": {"Tam Gia": {1, 2}, "Khuất Xá": {3}, "Mới": {5}}},
     [["Tam Gia", "Tam Gia", "01/07/2025", "NQ 1"], ["Tĩnh Bắc", "Tam Gia", "01/07/2025", "NQ 2"],
      ["Tú Mịch", "Mới", "01/07/2025", "NQ 5"], ["Tú Mịch", "Khác", "01/07/2025", "NQ 6"]]),
    # a unit listed into itself before the others moved into it; a unit listed twice
    ({"2025Q2": {"Khuất Xá": {3}, "Ái Quốc": {4}}, "2025Q3": {"Ái Quốc": {4}}},
     [["Khuất Xá", "Ái Quốc", "01/07/2025", "NQ 3"], ["Ái Quốc", "Ái Quốc", "01/07/2025", "NQ 4"]]),
    # a unit listed into itself after another moved into it (the loop follows them)
])
def test_the_matching_through_mergers_in_arrays_is_the_loop(tmp_path, periods, rows):
    """``_match_through`` works per commune in arrays; the loop it replaced (kept for periods
    naming one key twice) gives every part of the match alike: targets, renames, changed
    territories, who merged from whom, the groups said, and who merged away or was formed."""
    from dataclasses import astuple

    from ntm_analysis.boundaries import successors
    from ntm_analysis.compare import _KeyNumbers, _changes_of, _match_through, _match_through_loop, _moves

    folder = write_periods(tmp_path / "d", periods)
    mergers(folder, rows)
    assessment = load(folder)
    first, last = assessment.periods[0], assessment.periods[-1]
    before, after = assessment.snapshot(first), assessment.snapshot(last)
    changes = _changes_of(assessment, first, last)

    def fresh():
        n = len(before.names)
        return np.full(n, None, dtype=object), np.zeros(n, bool), np.full(n, -1, np.int64)

    assert (_moves(changes, _KeyNumbers(assessment.numbering)) is None) == (len(rows) == 2 or any(r[1] == "Khuất Xá" for r in rows))
    arrays = _match_through(assessment, before, after, changes, *fresh())
    loop = _match_through_loop(assessment, before, after, successors(changes), *fresh())
    for mine, theirs in zip(astuple(arrays), astuple(loop)):
        assert (np.array_equal(mine, theirs) if isinstance(mine, np.ndarray) else mine == theirs)
    assert arrays.boundary and (arrays.target >= 0).any()


def test_the_communes_that_lost_criteria_are_named_in_vietnamese_order(tmp_path):
    """"Yên Cao …; Cao Đạo …; Đồng Bục …" as the file listed them reads as no order: the text
    names them alphabetically, Đ after D, whatever the file's order."""
    from conftest import write_periods
    from ntm_analysis import load
    from ntm_analysis.compare import compare
    from ntm_analysis.wording import compare_text

    before = {"Yên Cao": {1, 2}, "Đồng Bục": {1, 2}, "Cao Đạo": {1, 2}, "Dương Xá": {1, 2}}
    after = {"Yên Cao": {2}, "Đồng Bục": {2}, "Cao Đạo": {2}, "Dương Xá": {2}}
    assessment = load([write_periods(tmp_path / "d", {"2024Q1": before, "2024Q2": after})])
    text = compare_text(compare(assessment, "2024Q1", "2024Q2"), "vi")
    assert ("04 xã có tiêu chí không còn đạt: Cao Đạo (tiêu chí số 1); Dương Xá (tiêu chí số 1); "
            "Đồng Bục (tiêu chí số 1); Yên Cao (tiêu chí số 1).") in text


def test_a_rename_alone_is_not_a_change_on_the_page(tmp_path):
    """Across the reorganisation a commune renamed one to one, its criteria the same, is listed
    in the workbook's full comparison (with its earlier name) but is no "commune that changed"."""
    from ntm_analysis.review_tables import change_table, changed_rows

    folder = write_periods(tmp_path / "d", {
        "2025Q2": {"Khánh Xuân": {1}, "Đồng Bục": ALL, "Cũ": {5}, "Sàn Viên": {1, 2}},
        "2025Q3": {"Lộc Bình": {1, 2, 3}, "Mới": {5}, "Lợi Bác": {1, 2, 3}},
    })
    mergers(folder, [["Khánh Xuân", "Lộc Bình", "01/07/2025", ""], ["Đồng Bục", "Lộc Bình", "01/07/2025", ""],
                     ["Cũ", "Mới", "01/07/2025", ""], ["Sàn Viên", "Lợi Bác", "01/07/2025", ""]])
    result = compare(load(folder), "2025Q2", "2025Q3")
    every = {r[0]: r for r in change_table(result, "vi", "changes").rows}
    assert every["Mới"][3:] == [0, None, None, "tên cũ: Cũ"]  # the full table: every commune compared
    for table in (changed_rows(change_table(result, "vi", "changes")),  # the page's, from the full table
                  change_table(result, "vi", "changes", changed_only=True)):
        assert [r[0] for r in table.rows] == ["Lợi Bác"]  # gained criterion 3; "Mới" was only renamed


def test_the_comparison_lists_communes_in_vietnamese_alphabetical_order(tmp_path):
    """Review 5/6: the communes leaving all criteria, appearing and going are listed as a reader
    looks them up (Đ after D, tones after letters), not in the data's order."""
    from conftest import write_periods
    from ntm_analysis import load
    from ntm_analysis.compare import compare
    from ntm_analysis.wording import compare_text

    every = set(range(1, 20))
    folder = write_periods(tmp_path / "d", {
        "2020Q1": {"Yên Khoái": every, "Đồng Bục": every, "Bắc Sơn": every, "Mẫu Sơn": {1}, "Lợi Bác": {1}},
        "2020Q2": {"Yên Khoái": every - {1}, "Đồng Bục": every - {1}, "Bắc Sơn": every - {1}, "Tú Mịch": {1},
                   "Ái Quốc": {1}}})
    result = compare(load(folder), "2020Q1", "2020Q2")
    vi, en = compare_text(result, "vi"), compare_text(result, "en")
    assert " Xã không còn đạt đủ 19 tiêu chí: Bắc Sơn, Đồng Bục, Yên Khoái." in vi
    assert "Ái Quốc, Tú Mịch" in vi and "Lợi Bác, Mẫu Sơn" in vi
    assert "Bắc Sơn, Đồng Bục, Yên Khoái" in en and "Ái Quốc, Tú Mịch" in en and "Lợi Bác, Mẫu Sơn" in en
