"""District figures and report paragraphs, checked against counts made by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from conftest import statuses, write_csv
from ntm_analysis import load, summarise
from ntm_analysis.bands import BandError, parse_bands
from ntm_analysis.text import format_count, format_decimal


def assessment_of(tmp_path, counts: dict[str, int], period="2020Q1", basically: int = 0):
    """Communes meeting criteria 1..k; ``basically`` cells of the first commune marked CBĐ."""
    rows = [["Tên xã", *map(str, range(1, 20))]]
    for i, (name, k) in enumerate(counts.items()):
        row = statuses(set(range(1, k + 1)))
        if i == 0:
            for j in range(k, min(k + basically, 19)):
                row[j] = "Cơ bản đạt"
        rows.append([name, *row])
    return load(write_csv(tmp_path / f"ntm_{period}.csv", rows))


SEVEN = {"A": 19, "B": 19, "C": 16, "D": 12, "E": 12, "F": 7, "G": 2}  # total 87, mean 12.4286


def test_counts_bands_totals_and_per_criterion(tmp_path):
    [s] = summarise(assessment_of(tmp_path, SEVEN, basically=0))
    assert (s.n_communes, s.total_met) == (7, 87)
    assert s.mean_met == pytest.approx(87 / 7)
    assert s.by_count == {"2": 1, "7": 1, "12": 2, "16": 1, "19": 2}
    assert [(b.label, b.n) for b in s.bands] == [("19", 2), ("15-18", 1), ("10-14", 2), ("5-9", 1), ("0-4", 1)]
    assert s.bands[0].share == pytest.approx(2 / 7)
    # criterion c is met by the communes whose count is at least c
    assert s.per_criterion == {str(c): sum(k >= c for k in SEVEN.values()) for c in range(1, 20)}
    assert s.n_all_met == 2 and s.total_basically_met == 0


def test_basically_met_is_counted_apart(tmp_path):
    [s] = summarise(assessment_of(tmp_path, {"A": 10, "B": 3}, basically=2))
    assert (s.total_met, s.total_basically_met) == (13, 2)
    # small counts are written with two digits, as district reports write them
    assert "Ngoài ra có 02 tiêu chí cơ bản đạt (chưa tính là đạt)." in s.text


def test_vietnamese_text_in_report_style(tmp_path):
    [s] = summarise(assessment_of(tmp_path, SEVEN), bands="19,15-18,10-14,5-9,0-4")
    assert s.text == ("02 xã đạt 19 tiêu chí, 01 xã đạt từ 15 đến 18 tiêu chí, 02 xã đạt từ 10 đến 14 "
                      "tiêu chí, 01 xã đạt từ 5 đến 9 tiêu chí, 01 xã đạt dưới 5 tiêu chí. Tổng số tiêu "
                      "chí đạt chuẩn là 87 tiêu chí, trung bình đạt 12,43 tiêu chí/xã.")


def test_truncation_and_shares(tmp_path):
    assessment = assessment_of(tmp_path, SEVEN)
    [s] = summarise(assessment, bands="19,0-18", truncate=True, shares=True)
    # 87/7 = 12.4286 is cut to 12,42; 2/7 = 28.57% is cut to 28,5%
    assert "trung bình đạt 12,42 tiêu chí/xã" in s.text and "02 xã đạt 19 tiêu chí (chiếm 28,5%)" in s.text
    [s] = summarise(assessment, bands="19,0-18", shares=True)
    assert "(chiếm 28,6%)" in s.text and "12,43" in s.text


def test_english_text(tmp_path):
    [s] = summarise(assessment_of(tmp_path, SEVEN), bands="19,10-18,0-9", lang="en", shares=True)
    assert s.text == ("2 communes met 19 criteria (28.6%), 3 communes met 10 to 18 criteria (42.9%), "
                      "2 communes met fewer than 10 criteria (28.6%). In total 87 criteria were met, "
                      "an average of 12.43 criteria per commune.")


def test_bands_with_no_commune_are_left_out_of_the_text_but_kept_in_figures(tmp_path):
    [s] = summarise(assessment_of(tmp_path, {"A": 19, "B": 7}))
    assert [b.n for b in s.bands] == [1, 0, 0, 1, 0]
    assert s.text.startswith("01 xã đạt 19 tiêu chí, 01 xã đạt từ 5 đến 9 tiêu chí. ")


def test_communes_outside_every_band_are_listed(tmp_path):
    [s] = summarise(assessment_of(tmp_path, {"A": 19, "B": 11}), bands="19,5-8")
    assert s.outside_bands == ["B"]


def test_band_specs_and_presets():
    assert [b.label for b in parse_bands("19,12,9,5-8", 19)] == ["19", "12", "9", "5-8"]
    assert [b.label for b in parse_bands("standard5", 19)] == ["19", "15-18", "10-14", "5-9", "0-4"]
    assert [b.label for b in parse_bands(None, 10)] == [str(k) for k in range(10, -1, -1)]
    for bad in ["19,abc", "8-5", "19,15-19", ""]:
        with pytest.raises(BandError):
            parse_bands(bad, 19)
    with pytest.raises(BandError, match="19-criterion"):
        parse_bands("standard5", 10)


@pytest.mark.parametrize("value,decimals,lang,truncate,expected", [
    (Fraction(187, 19), 2, "vi", False, "9,84"),
    (Fraction(187, 19), 2, "en", False, "9.84"),
    (Fraction(87, 7), 2, "vi", True, "12,42"),
    (Fraction(87, 7), 2, "vi", False, "12,43"),
    (Fraction(2675, 1000), 2, "en", False, "2.68"),  # half up, not the float's 2.67
    (1922, 0, "vi", False, "1.922"),
    (1922, 0, "en", False, "1,922"),
    (Fraction(5775 * 100, 8227), 1, "vi", False, "70,2"),  # 5.775/8.227 recognised, 6/2022
    (1234567.5, 1, "vi", False, "1.234.567,5"),
])
def test_number_formats(value, decimals, lang, truncate, expected):
    assert format_decimal(value, decimals, lang, truncate) == expected


def test_zero_padding_of_small_counts():
    assert [format_count(n, pad=True) for n in (0, 4, 13, 1285)] == ["00", "04", "13", "1.285"]
    assert format_count(4, "en") == "4"
