"""A commune recognised "for 2025" and merged away on 1/7/2025 counts from its last quarter
(2025Q2), not from 2025Q4 when it no longer exists: the same fact in consecutive reports."""
from __future__ import annotations

import pytest

from conftest import write_periods, write_table
from ntm_analysis import load
from ntm_analysis.checks import flags
from ntm_analysis.figures import recognised_since, recognition_period
from ntm_analysis.review import build_review
from ntm_analysis.wording import recognised_text

ALL = set(range(1, 20))


@pytest.fixture
def merged(tmp_path):
    folder = write_periods(tmp_path / "d", {
        "2025Q1": {"Đồng Tân": ALL, "Mai Pa": ALL, "Bản Lầu": set(range(1, 12))},
        "2025Q2": {"Đồng Tân": ALL, "Mai Pa": set(range(1, 19)), "Bản Lầu": set(range(1, 12))},
        "2025Q3": {"Hạ Hậu": set(range(1, 18))},
    })
    write_table(folder / "communes.csv", ["commune", "recognised_year"],
                [["Đồng Tân", 2024], ["Mai Pa", 2025], ["Bản Lầu", ""], ["Hạ Hậu", ""]])
    write_table(folder / "mergers.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                [["Đồng Tân", "Hạ Hậu", "01/07/2025", "NQ 1672/NQ-UBTVQH15"],
                 ["Mai Pa", "Hạ Hậu", "01/07/2025", "NQ 1672/NQ-UBTVQH15"],
                 ["Bản Lầu", "Hạ Hậu", "01/07/2025", "NQ 1672/NQ-UBTVQH15"]])
    return load(folder)


def test_the_rule():
    assert recognition_period(2025) == "2025Q4"
    assert recognition_period(2025, "2025Q2") == "2025Q2"  # ended earlier in the year
    assert recognition_period(2025, "2024Q3") == "2025Q4"  # ended the year before: Q4 still
    assert recognition_period(2025, "2026Q1") == "2025Q4"


def test_recognised_in_the_year_it_was_merged_away_counts_before_and_after(merged):
    assert recognised_since(merged, "Mai Pa") == "2025Q2"
    assert recognised_since(merged, "Đồng Tân") == "2024Q4"
    before = build_review(merged, "2025Q2")
    assert recognised_text(before, "vi") == (
        "Lũy kế đến hết quý II/2025 có 02 xã được công nhận đạt chuẩn nông thôn mới: năm 2024 có Đồng Tân; "
        "năm 2025 có Mai Pa. Hiện có 01 xã đạt đủ 19 tiêu chí.")
    assert recognised_text(before, "en") == (
        "By the end of Q2 2025, 2 communes had been recognised as new rural communes: in 2024, Đồng Tân; "
        "in 2025, Mai Pa. Currently 1 commune meets all 19 criteria.")
    after = build_review(merged, "2025Q3")
    assert recognised_text(after, "vi") == (
        "Đến hết quý III/2025 chưa có xã nào trong 01 xã hiện nay được công nhận đạt chuẩn nông thôn mới; "
        "02 xã đã được công nhận trước đây nay thuộc 01 xã mới sau sắp xếp (Hạ Hậu: Đồng Tân, Mai Pa). Hiện chưa có xã nào đạt đủ 19 tiêu chí.")
    assert recognised_text(after, "en") == (
        "By the end of Q3 2025, no commune of today (1 commune in all) had been recognised as a new rural commune; "
        "the 2 communes recognised before the reorganisation are now part of 1 commune formed in it "
        "(Hạ Hậu: Đồng Tân, Mai Pa). No commune currently meets all 19 criteria.")


def test_flag_recognised_below_all_counts_from_the_last_quarter(merged):
    table = flags(merged)
    below = table[table["check"] == "recognised_below_all"]
    assert below[["commune", "period_from"]].values.tolist() == [["Mai Pa", "2025Q2"]]


def test_no_criterion_said_lost_across_criteria_sets(tmp_path):
    """Q4 2025 under the 19 criteria, Q1 2026 under the 10: the warnings say criteria lost cannot
    be compared, not that none was lost."""
    from ntm_analysis.wording import flags_paragraphs

    folder = write_periods(tmp_path / "d", {"2025Q4": {"Đồng Tân": ALL, "Mai Pa": set(range(1, 12))}}, n=19)
    write_periods(folder, {"2026Q1": {"Đồng Tân": set(range(1, 11)), "Mai Pa": set(range(1, 6))}}, n=10)
    review = build_review(load(folder), "2026Q1")
    assert flags_paragraphs(review, "vi")[0] == (
        "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí. Không so sánh được các tiêu chí không còn đạt "
        "với quý IV/2025 (khác bộ tiêu chí).")
    assert flags_paragraphs(review, "en")[0] == (
        "No recognised commune falls short of any criterion. Criteria lost cannot be compared with Q4 2025 "
        "(a different set of criteria).")
    same = build_review(load(write_periods(tmp_path / "e", {"2025Q3": {"Đồng Tân": ALL}, "2025Q4": {"Đồng Tân": ALL}})),
                        "2025Q4")
    assert flags_paragraphs(same, "en")[0] == ("No recognised commune falls short of any criterion, and no "
                                               "criterion met in Q3 2025 has been lost.")


def test_workbook_warnings_sheet_gives_each_sentence_a_numbered_row(tmp_path):
    """The warnings sheet without warning: one row per sentence, STT numbered, the text in the
    warning column (not two sentences in one cell of STT)."""
    from openpyxl import load_workbook

    from ntm_analysis.review_tables import review_tables
    from ntm_analysis.vocab import SHEETS
    from ntm_analysis.workbook import HEADER_ROW, write_workbook

    folder = write_periods(tmp_path / "d", {"2025Q4": {"Đồng Tân": ALL, "Mai Pa": set(range(1, 12))}}, n=19)
    write_periods(folder, {"2026Q1": {"Đồng Tân": set(range(1, 11)), "Mai Pa": set(range(1, 6))}}, n=10)
    review = build_review(load(folder), "2026Q1")
    expected = {"vi": [(1, "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí.", None, None),
                       (2, "Không so sánh được các tiêu chí không còn đạt với quý IV/2025 (khác bộ tiêu chí).",
                        None, None)],
                "en": [(1, "No recognised commune falls short of any criterion.", None, None),
                       (2, "Criteria lost cannot be compared with Q4 2025 (a different set of criteria).",
                        None, None)]}
    for lang, rows in expected.items():
        path = write_workbook(review, lang, review_tables(review, lang), tmp_path / f"t_{lang}.xlsx")
        sheet = load_workbook(path)[SHEETS[lang]["flags"]]
        assert sheet.cell(row=HEADER_ROW, column=1).value == {"vi": "STT", "en": "No."}[lang]
        assert list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)) == rows
