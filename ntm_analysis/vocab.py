"""One vocabulary: languages, statuses and the names of periods, in every language the package
writes. Renderers (texts, charts, page, workbook, explorer) look words up here instead of
branching on ``lang == "vi"``; phrase tables grow here as they are needed.

>>> quarter_label("2020Q1"), quarter_label("2020Q1", "en")
('Quý I/2020', 'Q1 2020')
>>> status_label(2, "vi"), status_label(0, "en")
('Đạt', 'Not met')
"""

from __future__ import annotations

from .text import BASICALLY_MET, MET, NOT_MET

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Status words as the language writes them in a table or a legend.
STATUS_LABELS = {
    "vi": {MET: "Đạt", BASICALLY_MET: "Cơ bản đạt", NOT_MET: "Chưa đạt"},
    "en": {MET: "Met", BASICALLY_MET: "Basically met", NOT_MET: "Not met"},
}


def check_lang(lang: str) -> str:
    """``lang`` if the package writes it; a ValueError naming the choices otherwise."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)} (not {lang!r})")
    return lang


def quarter_label(period: str, lang: str = "vi") -> str:
    """A period as a heading or a control shows it: "Quý I/2020" / "Q1 2020"."""
    year, quarter = period[:4], int(period[5])
    return f"Quý {_ROMAN[quarter]}/{year}" if check_lang(lang) == "vi" else f"Q{quarter} {year}"


def period_phrase(period: str, lang: str = "vi") -> str:
    """A period inside a sentence: "quý I năm 2020" / "Q1 2020"."""
    year, quarter = period[:4], int(period[5])
    return f"quý {_ROMAN[quarter]} năm {year}" if check_lang(lang) == "vi" else f"Q{quarter} {year}"


def status_label(code: int, lang: str = "vi") -> str:
    """A status code (text.MET, …) as the language writes it."""
    return STATUS_LABELS[check_lang(lang)][int(code)]


# ---------------------------------------------------------------------------------------------
# The explorer (views.py, explore_charts.py, widgets.py): its words, sentences and messages.
# Kept in tables of their own, apart from the report's phrases.
# ---------------------------------------------------------------------------------------------

# Labels of the explorer's controls, tabs, figure captions, table headers and chart text.
EXPLORER_WORDS = {
    "vi": {
        "title": "Kết quả xây dựng nông thôn mới", "source": "Nguồn",
        "period": "Kỳ", "bands": "Nhóm", "unit": "Đơn vị", "commune": "Xã", "criterion": "Tiêu chí",
        "from": "Từ kỳ", "to": "Đến kỳ", "all": "(tất cả)", "all_units": "Toàn bộ dữ liệu",
        "bands_help": "vd. 19,15-18,10-14,5-9,0-4 hoặc standard5; để trống: mặc định",
        "tab_overview": "Tổng hợp", "tab_commune": "Theo xã", "tab_criterion": "Theo tiêu chí",
        "tab_compare": "So sánh hai kỳ",
        "district": "Huyện {name}",
        "kpi_communes": "Số xã được đánh giá", "kpi_total": "Tổng số tiêu chí đạt",
        "kpi_mean": "Bình quân tiêu chí/xã", "kpi_all_met": "Xã đạt đủ {size} tiêu chí",
        "kpi_recognised": "Xã được công nhận đạt chuẩn", "kpi_met": "Tiêu chí đạt",
        "kpi_basically_met": "Tiêu chí cơ bản đạt", "kpi_not_met": "Tiêu chí chưa đạt",
        "kpi_communes_met": "Số xã đạt", "kpi_share": "Tỷ lệ xã đạt", "kpi_mean_at": "Bình quân {period}",
        "kpi_gained": "Xã tăng tiêu chí", "kpi_lost": "Xã giảm tiêu chí",
        "col_criterion": "Tiêu chí", "col_name": "Tên tiêu chí", "col_status": "Tình trạng",
        "col_last_met": "Đạt gần nhất", "never_met": "chưa đạt kỳ nào",
        "col_period": "Kỳ", "col_communes_met": "Số xã đạt", "col_share": "Tỷ lệ",
        "col_communes_not_met": "Xã chưa đạt", "col_commune": "Xã", "col_gained": "Tiêu chí tăng",
        "col_lost": "Tiêu chí giảm",
        "criteria_met": "Số tiêu chí đạt", "set_size": "Số tiêu chí của bộ", "communes": "Số xã",
        "share": "Tỷ lệ xã đạt", "absent": "Không có số liệu",
        "commune_chart": "{commune}: số tiêu chí đạt qua các kỳ",
        "criterion_chart": "Tiêu chí {number}. {name}: kết quả từng xã qua các kỳ",
        "criterion_share_chart": "Tiêu chí {number}. {name}: tỷ lệ xã đạt qua các kỳ",
    },
    "en": {
        "title": "New Rural Development results", "source": "Source",
        "period": "Period", "bands": "Bands", "unit": "Unit", "commune": "Commune", "criterion": "Criterion",
        "from": "From", "to": "To", "all": "(all)", "all_units": "All data",
        "bands_help": "e.g. 19,15-18,10-14,5-9,0-4 or standard5; empty: the default",
        "tab_overview": "Overview", "tab_commune": "By commune", "tab_criterion": "By criterion",
        "tab_compare": "Compare periods",
        "district": "{name} district",
        "kpi_communes": "Communes assessed", "kpi_total": "Criteria met in total",
        "kpi_mean": "Average criteria per commune", "kpi_all_met": "Communes meeting all {size}",
        "kpi_recognised": "Communes recognised", "kpi_met": "Criteria met",
        "kpi_basically_met": "Basically met", "kpi_not_met": "Not yet met",
        "kpi_communes_met": "Communes meeting it", "kpi_share": "Share of communes",
        "kpi_mean_at": "Average {period}", "kpi_gained": "Communes gaining criteria",
        "kpi_lost": "Communes losing criteria",
        "col_criterion": "Criterion", "col_name": "Name", "col_status": "Status",
        "col_last_met": "Last met", "never_met": "in no period",
        "col_period": "Period", "col_communes_met": "Communes meeting", "col_share": "Share",
        "col_communes_not_met": "Communes not meeting", "col_commune": "Commune",
        "col_gained": "Criteria gained", "col_lost": "Criteria lost",
        "criteria_met": "Criteria met", "set_size": "Criteria in the set", "communes": "Communes",
        "share": "Share of communes", "absent": "No data",
        "commune_chart": "{commune}: criteria met by period",
        "criterion_chart": "Criterion {number}. {name}: each commune by period",
        "criterion_share_chart": "Criterion {number}. {name}: share of communes meeting it",
    },
}

# Sentences of the explorer's views ({…} filled by views.py with numbers in the language's format).
EXPLORER_PHRASES = {
    "vi": {
        "commune_head": "{commune}, {period}: đạt {met}/{size} tiêu chí.",
        "commune_lacks": "Còn {n} tiêu chí chưa đạt: {numbers}.",
        "commune_all": "Đã đạt đủ {size} tiêu chí.",
        "commune_basic": "Trong đó {n} tiêu chí cơ bản đạt (chưa tính là đạt).",
        "commune_lost": "Tiêu chí từng đạt nay chưa đạt: {numbers}.",
        "commune_recognised": "Được công nhận đạt chuẩn nông thôn mới năm {year}.",
        "history_up": "Từ {first} đến {last}: tăng từ {before} lên {after} {noun}.",
        "history_down": "Từ {first} đến {last}: giảm từ {before} xuống {after} {noun}.",
        "history_same": "Từ {first} đến {last}: giữ nguyên {after} {noun}.",
        "noun_criteria": "tiêu chí", "noun_communes": "xã đạt",
        "criterion_head": "Tiêu chí {number} ({name}), {period}: {met}/{n} xã đạt ({share}).",
        "criterion_missing": "Xã chưa đạt: {names}.",
        "criterion_all": "Tất cả các xã đều đạt.",
        "other_sets": "Không gồm các kỳ đánh giá theo bộ tiêu chí khác: {periods}.",
        "sets_differ": "Hai kỳ đánh giá theo hai bộ tiêu chí khác nhau ({before} và {after}).",
    },
    "en": {
        "commune_head": "{commune}, {period}: {met} of {size} criteria met.",
        "commune_lacks": "{n} criteria still to meet: {numbers}.",
        "commune_all": "Meets all {size} criteria.",
        "commune_basic": "{n} of them basically met (not counted as met).",
        "commune_lost": "Met before but not now: {numbers}.",
        "commune_recognised": "Recognised as meeting the NTM standard in {year}.",
        "history_up": "From {first} to {last}: up from {before} to {after} {noun}.",
        "history_down": "From {first} to {last}: down from {before} to {after} {noun}.",
        "history_same": "From {first} to {last}: unchanged at {after} {noun}.",
        "noun_criteria": "criteria", "noun_communes": "communes meeting it",
        "criterion_head": "Criterion {number} ({name}), {period}: {met} of {n} communes ({share}).",
        "criterion_missing": "Not met in: {names}.",
        "criterion_all": "Every commune meets it.",
        "other_sets": "Periods assessed against another criteria set are left out: {periods}.",
        "sets_differ": "The two periods were assessed against different criteria sets ({before} and {after}).",
    },
}

# What the explorer says instead of a view it cannot show. Band problems by ``BandError.kind``.
EXPLORER_MESSAGES = {
    "vi": {
        "unreadable": "Không đọc được nhóm “{part}”: hãy nhập các số nguyên và khoảng, vd. 19,15-18,10-14, "
                      "hoặc tên một mẫu ({presets}).",
        "backwards": "Nhóm “{part}” có số đầu lớn hơn số cuối.",
        "overlap": "Nhóm {a} và nhóm {b} chồng lên nhau: một xã sẽ bị đếm hai lần.",
        "preset_size": "Mẫu “{preset}” dành cho bộ 19 tiêu chí; bộ tiêu chí của kỳ này có {n} tiêu chí "
                       "(dùng “exact” hoặc tự nhập các nhóm).",
        "bands": "Không dùng được các nhóm đã nhập.",
        "outside_bands": "{n} xã không thuộc nhóm nào: {names}.",
        "same_periods": "Hãy chọn hai kỳ khác nhau để so sánh.",
        "order": "Kỳ đầu ({first}) phải trước kỳ sau ({last}).",
        "no_commune": "Không có xã nào để hiển thị.",
    },
    "en": {
        "unreadable": "Cannot read the band “{part}”: give whole numbers and ranges such as 19,15-18,10-14, "
                      "or a preset ({presets}).",
        "backwards": "The band “{part}” runs backwards.",
        "overlap": "Bands {a} and {b} overlap: a commune would count twice.",
        "preset_size": "The preset “{preset}” is for 19-criterion sets; this period's set has {n} criteria "
                       "(use “exact” or give the bands).",
        "bands": "The bands given cannot be used.",
        "outside_bands": "{n} communes fall in no band: {names}.",
        "same_periods": "Choose two different periods to compare.",
        "order": "The first period ({first}) must come before the second ({last}).",
        "no_commune": "There is no commune to show.",
    },
}


def explorer_word(key: str, lang: str = "vi", **values) -> str:
    """A label of the explorer in ``lang``, with ``values`` filled in."""
    return EXPLORER_WORDS[check_lang(lang)][key].format(**values)


def explorer_phrase(key: str, lang: str = "vi", **values) -> str:
    """A sentence of an explorer view in ``lang``, with ``values`` filled in."""
    return EXPLORER_PHRASES[check_lang(lang)][key].format(**values)


def explorer_message(key: str, lang: str = "vi", **values) -> str:
    """What the explorer says instead of a view, in ``lang``."""
    return EXPLORER_MESSAGES[check_lang(lang)][key].format(**values)
