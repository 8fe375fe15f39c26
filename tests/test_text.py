"""Vietnamese text: names match across spellings, statuses are read, periods and sets parsed."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from ntm_analysis.criteria import criteria_sets, find_set, set_for_date, set_for_period
from ntm_analysis.periods import parse_period, period_end, period_from_title, period_label, shift
from ntm_analysis.text import (BASICALLY_MET, MET, NOT_MET, clean_name, name_key, parse_status)


@pytest.mark.parametrize("a,b", [
    ("Xã Hoà Bình", "hòa bình"),
    ("Thuỷ Hùng", "THỦY HÙNG"),
    ("Tú Đoạn", unicodedata.normalize("NFD", "xã Tú Đoạn")),
    ("Khuất  Xá", " Khuất Xá "),
    ("Xã ái Quốc", "Ái Quốc"),  # TCVN3 conversions lower-case accented capitals
])
def test_same_commune_whatever_the_spelling(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", [("Tân Lập", "Tấn Lập"), ("Hòa Bình", "Hóa Bình"), ("Đông Quan", "Đồng Quan")])
def test_different_communes_stay_apart(a, b):
    assert name_key(a) != name_key(b)


def test_clean_name_is_nfc_without_prefix():
    name = clean_name(unicodedata.normalize("NFD", "Xã ái Quốc"))
    assert name == "Ái Quốc" and unicodedata.is_normalized("NFC", name)
    assert clean_name("XÃ Yên Khoái") == "Yên Khoái"


@pytest.mark.parametrize("word,code", [
    ("Đạt", MET), ("ĐẠT", MET), ("đạt.", MET), (unicodedata.normalize("NFD", "Đạt"), MET), ("x", MET),
    ("1", MET), ("1.0", MET), ("True", MET), ("Đ", MET),
    ("Chưa đạt", NOT_MET), ("CHƯA ĐẠT", NOT_MET), ("0", NOT_MET), ("False", NOT_MET), ("CĐ", NOT_MET),
    ("Không đạt", NOT_MET), ("Cơ bản đạt", BASICALLY_MET), ("CBĐ", BASICALLY_MET),
    ("Dat?", None), ("2", None), ("đạt một phần", None),
])
def test_status_words(word, code):
    assert parse_status(word) == code


@pytest.mark.parametrize("text,period", [
    ("2020Q1", "2020Q1"), ("ntm_2020-Q1.xlsx", "2020Q1"), ("Q1-2020", "2020Q1"), ("quy1_2020", "2020Q1"),
    ("Quý I/2020", "2020Q1"), ("quý IV năm 2021", "2021Q4"), ("Q3 2020", "2020Q3"),
    ("Quy hoạch 2020", None), ("bao_cao.xlsx", None), ("2020", None),
])
def test_period_forms(text, period):
    assert parse_period(text) == period


def test_period_from_title_and_dates():
    assert period_from_title("(Tính đến ngày 31/3/2020)") == "2020Q1"
    assert period_from_title("Tính đến 30/09/2021") == "2021Q3"
    assert period_from_title("(Tính đến ngày 31/2/2020)") is None
    assert period_end("2020Q1") == dt.date(2020, 3, 31) and period_end("2020Q4") == dt.date(2020, 12, 31)
    assert shift("2020Q1", -1) == "2019Q4" and shift("2020Q3", 4) == "2021Q3"
    assert period_label("2020Q1") == "quý I năm 2020" and period_label("2020Q1", "en") == "Q1 2020"


def test_criteria_sets_are_versioned():
    sets = criteria_sets()
    assert {name: s.size for name, s in sets.items()} == {
        "2010-2015": 19, "2016-2020": 19, "2021-2025": 19, "2026-2030": 10}
    assert sets["2016-2020"].criterion(17).name_vi == "Môi trường và an toàn thực phẩm"
    assert sets["2021-2025"].criterion(3).name_vi == "Thủy lợi và phòng, chống thiên tai"
    assert sets["2021-2025"].criterion(11).name_vi == "Nghèo đa chiều"
    assert sets["2010-2015"].criterion(7).name_vi == "Chợ nông thôn"
    assert sets["2026-2030"].criterion(10).name_en == "Access to law, security and defence"
    for s in sets.values():
        assert s.numbers == tuple(range(1, s.size + 1))
        assert all(c.name_vi and c.name_en for c in s.criteria)


@pytest.mark.parametrize("day,name", [
    (dt.date(2016, 10, 16), "2010-2015"), (dt.date(2016, 10, 17), "2016-2020"),
    (dt.date(2022, 3, 7), "2016-2020"), (dt.date(2022, 3, 8), "2021-2025"),
    (dt.date(2026, 2, 14), "2021-2025"), (dt.date(2026, 2, 15), "2026-2030"),
])
def test_set_in_force_on_a_date(day, name):
    assert set_for_date(day).name == name


def test_set_of_a_period_is_the_one_in_force_at_its_end():
    assert [set_for_period(p).name for p in ("2016Q3", "2016Q4", "2021Q4", "2022Q1", "2026Q1")] == [
        "2010-2015", "2016-2020", "2016-2020", "2021-2025", "2026-2030"]


@pytest.mark.parametrize("text,name", [("2016-2020", "2016-2020"), ("2016–2020", "2016-2020"),
                                       ("QĐ 1980/QĐ-TTg", "2016-2020"), ("318", "2021-2025"),
                                       ("QĐ 51/2025", "2026-2030"), ("1999", None)])
def test_find_set(text, name):
    found = find_set(text)
    assert (found.name if found else None) == name


@pytest.mark.parametrize("a,b", [
    ("Xã Xa Dung", "Xa Dung"), ("XÃ XA DUNG", "xa dung"), ("Tú \u00d0oạn", "Tú Đoạn"), ("tú \u00f0oạn", "Tú Đoạn"),
    ("Tú\u200b Đoạn", "Tú Đoạn"), ("\ufeffKhuất\u00adXá", "KhuấtXá"), ("Mẫu Sơn\u2060", "Mẫu Sơn"),
    ("Кim Phú", "Kim Phú"),  # a Cyrillic К typed for K
])
def test_same_commune_despite_look_alikes_and_invisible_characters(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", [("Xa Dung", "Dung"), ("Xá Nhè", "Nhè"), ("Xa Lý", "Lý")])
def test_xa_begins_a_name_it_is_no_prefix(a, b):
    assert name_key(a) != name_key(b)
    assert clean_name(a) == a


def test_clean_name_repairs_look_alikes_and_drops_only_the_xa_with_a_tilde():
    assert clean_name("Xã Xá Nhè") == "Xá Nhè" and clean_name("Xa Dung") == "Xa Dung"
    assert clean_name("Tú \u00d0oạn") == "Tú Đoạn"
    assert clean_name("\u200bXã Tú\u200b Mịch\ufeff") == "Tú Mịch"


def test_units_are_printed_without_their_prefix():
    from ntm_analysis.text import clean_unit

    assert clean_unit("Huyện Lộc Bình") == "Lộc Bình" and clean_unit("TỈNH Lạng Sơn") == "Lạng Sơn"
    assert clean_unit("huyen Loc Binh") == "Loc Binh"
    assert clean_unit("HUYỆN LỘC BÌNH") == clean_unit("Lộc Bình") == "Lộc Bình"
    assert clean_unit("Thành phố Lạng Sơn") == "Thành phố Lạng Sơn"  # a city is named as such
    assert clean_unit(unicodedata.normalize("NFD", "Huyện Đình Lập")) == "Đình Lập"


@pytest.mark.parametrize("text", ["Cộng", "Tổng cộng", "TỔNG CỘNG:", "Tổng", "Cộng huyện Lộc Bình",
                                  "Toàn huyện", "Tổng cộng toàn tỉnh", "Cộng (I)", "Total"])
def test_totals_labels(text):
    from ntm_analysis.io.layout import is_total_label

    assert is_total_label(text)


@pytest.mark.parametrize("text", ["Cộng Hòa", "Tổng Hòa", "Hòa Bình", "Tĩnh Bắc", "Số tiêu chí đạt"])
def test_commune_names_are_no_totals(text):
    from ntm_analysis.io.layout import is_total_label, unit_heading

    assert not is_total_label(text) and unit_heading(text) is None


def test_periods_before_the_first_criteria_set():
    from ntm_analysis.criteria import period_problem

    assert period_problem("2009Q2") is None  # QĐ 491 in force 16/4/2009, before 30/6/2009
    assert period_problem("2009Q1") == ("Q1 2009 is before the national NTM criteria: no national criteria set was "
                                        "in force on 31 March 2009: the first, QĐ 491/QĐ-TTg, came into force on "
                                        "16 April 2009")
    assert period_problem("1999Q1").text("vi") == (
        "quý I/1999 trước khi có Bộ tiêu chí quốc gia về nông thôn mới: ngày 31/3/1999 chưa có bộ tiêu chí quốc gia "
        "nào có hiệu lực: bộ đầu tiên, QĐ 491/QĐ-TTg, có hiệu lực từ ngày 16/4/2009")


def test_names_sort_in_vietnamese_alphabetical_order():
    """Đ after D (not after Z), ă â after a, tones only between otherwise equal syllables
    (none, grave, hook, tilde, acute, dot below), syllable by syllable."""
    from ntm_analysis.text import vi_sorted

    names = ["Yên Khoái", "Đồng Bục", "Đông Quan", "Ái Quốc", "Dương Hưu", "Ân Thi", "Ăn Cư", "An Bình",
             "Tĩnh Bắc", "Tình Húc", "Tinh Nhuệ", "Tính Xá", "Tam Gia", "Tú Mịch", "Tú Đoạn", "Zô", "Ba Sơn"]
    assert vi_sorted(names) == ["Ái Quốc", "An Bình", "Ăn Cư", "Ân Thi", "Ba Sơn", "Dương Hưu", "Đông Quan",
                                "Đồng Bục", "Tam Gia", "Tinh Nhuệ", "Tình Húc", "Tĩnh Bắc", "Tính Xá", "Tú Đoạn",
                                "Tú Mịch", "Yên Khoái", "Zô"]
    assert vi_sorted(["Hòa Bình", "Hoà Bình", "HÒA BÌNH"])[0] in ("Hòa Bình", "Hoà Bình")  # one syllable either way


def test_decimal_texts_are_those_of_exact_decimal_arithmetic():
    """``format_decimal`` writes the figures of a report in whole-number arithmetic: the same
    digits as dividing in ``decimal`` (28 digits) and rounding half up, or cutting."""
    import random
    from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
    from fractions import Fraction

    from ntm_analysis.text import format_decimal

    def by_decimal(value, decimals, lang, truncate):
        exact = Fraction(value) if not isinstance(value, float) else Fraction(str(value))
        number = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN if truncate else ROUND_HALF_UP)
        whole, _, frac = f"{abs(number):f}".partition(".")
        thousands, point = (".", ",") if lang == "vi" else (",", ".")
        head = len(whole) % 3 or 3
        whole = thousands.join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
        return ("-" if number < 0 else "") + (whole + point + frac if frac else whole)

    rng = random.Random(10)
    values = [0, 1, -1, 9, 1922, -1922, 10 ** 9 - 1, 10 ** 9, 10 ** 12, Fraction(187, 19), Fraction(87, 7),
              Fraction(1, 200), Fraction(-1, 200), Fraction(-1, 1000), Fraction(125, 1000), 2.675, -0.005, 1e-7]
    values += [Fraction(rng.randint(-10 ** 7, 10 ** 7), rng.choice([1, 3, 7, 19, 100, 12345, 10 ** 6 + 3]))
               for _ in range(3000)]
    for value in values:
        for decimals in (0, 1, 2, 3):
            for lang in ("vi", "en"):
                for truncate in (False, True):
                    assert format_decimal(value, decimals, lang, truncate) == by_decimal(value, decimals, lang,
                                                                                         truncate), value
    assert format_decimal(Fraction(187, 19), 2, "vi") == "9,84" and format_decimal(Fraction(87, 7), 2, "vi", True) == "12,42"
