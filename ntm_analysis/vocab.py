"""One vocabulary: languages, statuses, target kinds and states, flag kinds, the names of
periods and dates, and every phrase the package writes, in every language it writes.

Renderers (texts, charts, page, workbook, terminal, explorer) look words up here instead of
branching on ``lang == "vi"``: a new language is a new column of these tables, not a change to
each renderer. Grammar that differs by language (plural nouns, zero-padded counts, dates) is
table-driven too.

>>> quarter_label("2020Q1"), quarter_label("2020Q1", "en")
('Quý I/2020', 'Q1 2020')
>>> status_label(2, "vi"), status_label(0, "en")
('Đạt', 'Not met')
>>> count_noun(4, "commune", "vi"), count_noun(1, "commune", "en"), count_noun(4, "commune", "en")
('04 xã', '1 commune', '4 communes')
>>> date_text(dt.date(2020, 3, 31), "vi"), date_text(dt.date(2020, 3, 31), "en")
('31/3/2020', '31 March 2020')
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from .text import BASICALLY_MET, MET, NOT_MET, format_count, format_decimal, name_key

LANGS = ("vi", "en")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

# Status words as the language writes them in a table, a form or a legend.
STATUS_LABELS = {
    "vi": {MET: "Đạt", BASICALLY_MET: "Cơ bản đạt", NOT_MET: "Chưa đạt"},
    "en": {MET: "Met", BASICALLY_MET: "Basically met", NOT_MET: "Not met"},
}

# Marks in a wide printed form (the page's annex), explained in a note under it.
STATUS_MARKS = {
    "vi": {MET: "Đ", BASICALLY_MET: "CBĐ", NOT_MET: "CĐ"},
    "en": {MET: "M", BASICALLY_MET: "BM", NOT_MET: "NM"},
}

# Zero padding, one rule for the whole review pack (texts, page paragraphs, workbook titles):
# in Vietnamese running text, a COUNT below 10 is written with two digits, as district reports
# write it: how many communes ("04 xã", "01 xã có tiêu chí không còn đạt"), how many criteria a
# commune meets or lacks ("đạt 09/19 tiêu chí", "còn 01 tiêu chí chưa đạt", "04 tiêu chí cơ bản
# đạt"), villages and model areas counted ("08/26 thôn", "đã hoàn thành 02 khu"), the communes
# meeting a criterion ("04/19 xã"). NOT padded: levels and thresholds (a band's bounds "đạt 9
# tiêu chí", "từ 5 đến 8", the set's size "19", a target's level "mục tiêu 1 khu/xã"), criterion
# numbers ("tiêu chí số 2, 5"), changes ("tăng 5 tiêu chí"), years and dates. Tables, charts and
# English text never pad. ``count_text`` is the one function that writes a count in a sentence.
PAD_COUNTS = {"vi": True, "en": False}

# Nouns counted in sentences: (one, many).
NOUNS = {
    "vi": {"commune": ("xã", "xã"), "criterion": ("tiêu chí", "tiêu chí"), "village": ("thôn", "thôn"),
           "area": ("khu", "khu"), "target": ("mục tiêu", "mục tiêu"), "period": ("kỳ", "kỳ"),
           "note": ("điểm", "điểm"), "district": ("huyện", "huyện"), "province": ("tỉnh", "tỉnh"),
           "row": ("dòng", "dòng"), "ntm_commune": ("xã nông thôn mới", "xã nông thôn mới"), "meets": ("đạt", "đạt"),
           "is_are": ("", "")},
    "en": {"commune": ("commune", "communes"), "criterion": ("criterion", "criteria"),
           "village": ("village", "villages"), "area": ("model residential area", "model residential areas"),
           "target": ("target", "targets"), "period": ("period", "periods"), "note": ("note", "notes"),
           "district": ("district", "districts"), "province": ("province", "provinces"),
           "row": ("row", "rows"), "ntm_commune": ("a new rural commune", "new rural communes"),
           "meets": ("meets", "meet"), "is_are": ("is", "are")},  # a verb agreeing with a count: "1 commune meets", "2 communes meet"
}

# Administrative levels: how a unit is named alone ("huyện Lộc Bình") and as "the whole unit".
LEVELS = {
    "vi": {"district": {"unit": "huyện {name}", "whole": "toàn huyện", "head": "Huyện {name}"},
           "province": {"unit": "tỉnh {name}", "whole": "toàn tỉnh", "head": "Tỉnh {name}"},
           "country": {"unit": "{name}", "whole": "toàn quốc", "head": "{name}"},
           "provinces": {"unit": "{name}", "whole": "các tỉnh trong số liệu", "head": "{name}"}},
    "en": {"district": {"unit": "{name} district", "whole": "the district", "head": "{name} district"},
           "province": {"unit": "{name} province", "whole": "the province", "head": "{name} province"},
           "country": {"unit": "{name}", "whole": "the country", "head": "{name}"},
           "provinces": {"unit": "{name}", "whole": "the provinces in the data", "head": "{name}"}},
}

# ---------------------------------------------------------------------------------------------
# Targets and flags
# ---------------------------------------------------------------------------------------------

TARGET_KINDS = ("all_criteria", "mean", "min_met", "villages_share", "recognised_share", "model_areas",
                "advanced")
TARGET_KIND_LABELS = {
    "vi": {"all_criteria": "Xã đạt đủ tiêu chí", "mean": "Bình quân tiêu chí/xã",
           "min_met": "Không còn xã dưới mức tối thiểu", "villages_share": "Thôn đạt chuẩn",
           "recognised_share": "Xã được công nhận", "model_areas": "Khu dân cư kiểu mẫu",
           "advanced": "Xã nông thôn mới nâng cao"},
    "en": {"all_criteria": "Communes to meet all criteria", "mean": "Average criteria per commune",
           "min_met": "No commune below a minimum", "villages_share": "Villages meeting the standard",
           "recognised_share": "Communes recognised", "model_areas": "Model residential areas",
           "advanced": "Advanced NTM standard"},
}
# targets.MET, IN_PROGRESS, DUE, MISSED, NO_DATA (kept as text there; labelled here). One word
# per state everywhere a target's state is said: the report text, the page's and the workbook's
# targets table, the chart legend and ``ntm targets``. A target not reached is "in progress"
# before its due quarter, "due" in the due quarter itself (the quarter's figures are the last
# chance), and "missed" only after it.
TARGET_STATES = ("met", "in progress", "due", "missed", "no data")
TARGET_STATE_LABELS = {
    "vi": {"met": "đã đạt", "in progress": "đang thực hiện", "due": "đến hạn", "missed": "không đạt",
           "no data": "chưa có số liệu"},
    "en": {"met": "met", "in progress": "in progress", "due": "due now", "missed": "missed", "no data": "no data"},
}
# How a sentence says a target's state with its due quarter ("(đang thực hiện, hạn quý IV/2020)",
# "(chưa có số liệu, hạn quý IV/2025)"): every state has its word, the body says why there is none.
TARGET_DUE = {
    "vi": {"met": "{state}, hạn {period}", "in progress": "{state}, hạn {period}", "due": "{state} {period}",
           "missed": "{state}, hạn {period}", "no data": "{state}, hạn {period}", "plain": "hạn {period}"},
    "en": {"met": "{state}, due {period}", "in progress": "{state}, due {period}", "due": "{state}, {period}",
           "missed": "{state}, due {period}", "no data": "{state}, due {period}", "plain": "due {period}"},
}
# A target whose Vietnamese name begins so is about pilot communes ("Xã điểm đạt chuẩn").
PILOT_TARGET = "xã điểm"
# English names of targets whose data gives only a Vietnamese name (no ``target_en``), from
# their kind and level; "pilot" when every commune of the target is a pilot commune, and the
# commune named when the target is about one ("Pilot commune Tân Lập to meet all criteria").
TARGET_NAMES_EN = {
    "all_criteria": "Communes to meet all criteria", "all_criteria_pilot": "Pilot communes to meet all criteria",
    "all_criteria_one": "Commune {commune} to meet all criteria",
    "all_criteria_pilot_one": "Pilot commune {commune} to meet all criteria",
    "mean": "An average of {level} criteria per commune", "min_met": "No commune below {level} criteria",
    "villages_share": "Village standard in {level} of villages", "recognised_share": "Recognition of {level} of communes",
    "model_areas": "Model residential areas, {level} per commune",
    "model_areas_one": "One model residential area per commune", "advanced": "Advanced NTM standard",
}

# checks.flags kinds (its ``check`` column) and the review's own flags
FLAG_KINDS = ("recognised_below_all", "lost_criterion", "jump", "commune_missing", "commune_new")
FLAG_LABELS = {
    "vi": {"recognised_below_all": "Xã đã công nhận chưa đạt đủ tiêu chí",
           "lost_criterion": "Tiêu chí không còn đạt", "jump": "Thay đổi lớn bất thường",
           "commune_missing": "Xã không còn trong số liệu", "commune_new": "Xã mới có trong số liệu"},
    "en": {"recognised_below_all": "Recognised commune not meeting all criteria",
           "lost_criterion": "Criterion no longer met", "jump": "Unusually large change",
           "commune_missing": "Commune no longer in the data", "commune_new": "Commune new in the data"},
}
# One line per flag, for the terminal and the warnings table ({commune}, {criteria}, {year} …).
FLAG_DETAILS = {
    "vi": {"recognised_below_all": "công nhận năm {year}, hiện đạt {met}/{size} tiêu chí, chưa đạt "
                                   "tiêu chí số {criteria}",
           "lost_criterion": "tiêu chí số {criteria} ({name}) đạt ở {before}, không đạt ở {after}",
           "jump": "từ {old} lên {new} tiêu chí ({change}), vượt quá {threshold}",
           "commune_missing": "có trong {before}, không có trong {after}",
           "commune_new": "có trong {after}, không có trong {before}"},
    "en": {"recognised_below_all": "recognised in {year}, now meets {met} of {size} criteria, not meeting "
                                   "{cnoun} {criteria}",
           "lost_criterion": "{cnoun} {criteria} ({name}) met in {before}, not in {after}",
           "jump": "from {old} to {new} criteria ({change}), more than {threshold}",
           "commune_missing": "in {before}, not in {after}",
           "commune_new": "in {after}, not in {before}"},
}

# ---------------------------------------------------------------------------------------------
# Phrases, by area. Placeholders are filled by the renderers with formatted values.
# ---------------------------------------------------------------------------------------------

PHRASES = {
    "vi": {
        "summary": {
            "band_exact": "{n} xã đạt {level} tiêu chí",
            "band_range": "{n} xã đạt từ {low} đến {high} tiêu chí",
            "band_under": "{n} xã đạt dưới {limit} tiêu chí",
            "share": " (chiếm {share})",
            "totals": "Tổng số tiêu chí đạt chuẩn là {total} tiêu chí, trung bình đạt {mean} tiêu chí/xã.",
            "basic": " Ngoài ra có {basic} tiêu chí cơ bản đạt (chưa tính là đạt).",
            "head": "{period} ({criteria_set}, {n})",
        },
        "band": {"exact": "{level} tiêu chí", "range": "từ {low} đến {high} tiêu chí",
                 "under": "dưới {limit} tiêu chí", "axis_under": "dưới {limit}"},
        "report": {
            "opening": "Tính đến ngày {date}, {whole}có {n} xã thực hiện Bộ tiêu chí quốc gia về xã nông "
                       "thôn mới giai đoạn {criteria_set}",
            "whole": "{whole} ",
            "bands": ", trong đó có {bands}",
            "detail": "Chi tiết theo số tiêu chí đạt: {detail}.",
            "outside": "{n} không thuộc nhóm nào ({names}).",
            "recognised": "Lũy kế đến hết {period} có {n} được công nhận đạt chuẩn nông thôn mới: {names}.",
            "recognised_none": "Đến hết {period} chưa có xã nào được công nhận đạt chuẩn nông thôn mới.",
            "recognised_none_merged": "Đến hết {period} chưa có xã nào trong {now} hiện nay được công nhận đạt "
                                      "chuẩn nông thôn mới; {n} đã được công nhận trước đây nay thuộc {m} mới "
                                      "sau sắp xếp{names}.",
            "recognised_merged": "Ngoài ra, {n} đã được công nhận trước đây nay thuộc {m} mới sau sắp xếp{names}.",
            "merged_names": " ({names})", "merged_group": "{successor}: {olds}",
            "recognised_year": "năm {year} có {names}",  # the year first: it is every name's
            "recognised_many": "Lũy kế đến hết {period} có {n} được công nhận đạt chuẩn nông thôn mới "
                               "({listed}): {years}.",
            "recognised_year_count": "{n} năm {year}",
            "all_met": "Hiện có {n} đạt đủ {size} tiêu chí.",
            "all_met_none": "Hiện chưa có xã nào đạt đủ {size} tiêu chí.",
            "pilot": "xã điểm {commune} còn {n} chưa đạt (tiêu chí số {criteria})",
            "pilot_met": "xã điểm {commune} đã đạt đủ {size} tiêu chí",
            "pilots_none": "",
            "lagging": "{criteria} có tỷ lệ đạt thấp nhất ({met}/{n} xã, {share}).",
            "lagging_one": "Tiêu chí số {number} về {name}",
            "lagging_first": "Tiêu chí số {number} về {name}",
            "lagging_more": "số {number} về {name}",
            "lagging_all": "Tất cả {size} tiêu chí đều được {n} xã đạt.",
            "and": " và ",
            "many": "{n} ({listed})",
            "listed": "{listed}",
            "listed_workbook": "danh sách trong bảng tính",
            "listed_json": "danh sách đầy đủ khi chạy lệnh với --json",
            "listed_table": "danh sách ở bảng dưới đây",
            "no_previous": "Không có số liệu kỳ trước ({period}) để so sánh.",
            "no_year_ago": "Không có số liệu cùng kỳ năm trước ({period}) để so sánh.",
            "missing_quarters": "Số liệu không có {periods}: biểu đồ qua các kỳ để trống {them}.",
            "missing_one": "quý này", "missing_many": "các quý này",
            "reorganised_trend": "Biểu đồ qua các kỳ đánh dấu mốc sắp xếp lại đơn vị hành chính cấp xã từ ngày {date}: "
                                 "số xã và tổng số tiêu chí trước và sau mốc này không so sánh trực tiếp.",
            "no_targets": "Không có tệp mục tiêu (targets.csv) trong số liệu.",
            "no_flags": "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí.",
            "no_flags_previous": "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí, không có tiêu chí "
                                 "nào không còn đạt so với {period}.",
            # after "no_flags", a sentence of its own (a row of its own in the workbook's warnings)
            "lost_other_set": "Không so sánh được các tiêu chí không còn đạt với {period} (khác bộ tiêu chí).",
            "no_flags_part": "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí; trong {n} so sánh được "
                             "với {period} (các xã còn lại hình thành từ sắp xếp), không có tiêu chí nào không "
                             "còn đạt.",
            "lost_few": "Chỉ {n}/{of} xã so sánh được với {period} ({rest} xã còn lại hình thành từ sắp xếp), "
                        "chưa đủ để nhận định về các tiêu chí không còn đạt.",
            "notes": "Khi đọc số liệu, chương trình đã sửa hoặc lưu ý {n} (xem phần Ghi chú về số liệu).",
            "notes_none": "",
            "criteria_all": "Có {n} được tất cả các xã đạt (tiêu chí số {criteria})",
            "criteria_all_none": "Chưa có tiêu chí nào được tất cả các xã đạt",
            "criteria_half": "{n} đạt dưới một nửa số xã (tiêu chí số {criteria}).",
            "criteria_half_none": "không có tiêu chí nào đạt dưới một nửa số xã.",
            "groups": "Theo nhóm tiêu chí, tỷ lệ đạt bình quân của {items}.",
            "group_item": "nhóm {group} là {share}",
            "group_more": "nhóm {group} {share}",
            "flags_intro": "Các trường hợp cần kiểm tra, đôn đốc:",
        },
        "compare": {
            "ref_previous": "{period}",
            "ref_year_ago": "cùng kỳ năm {year} ({period})",
            "head": "So với {ref}, tổng số tiêu chí đạt chuẩn {total_change}, bình quân {mean_change}.",
            "up": "tăng {size}{unit} (từ {before} lên {after})",
            "down": "giảm {size}{unit} (từ {before} xuống {after})",
            "same": "không đổi ({after}{unit})",
            "unit_total": " tiêu chí", "unit_mean": " tiêu chí/xã",
            "gained": "Có {n} có thêm tiêu chí đạt chuẩn",
            "gained_none": "Không có xã nào có thêm tiêu chí đạt chuẩn",
            "lost": "; {n} có tiêu chí không còn đạt: {items}.",
            "lost_many": "; {n} có tiêu chí không còn đạt ({listed}).",
            "lost_none": "; không có xã nào giảm tiêu chí.",
            "lost_ref": "; {n} có tiêu chí không còn đạt (chi tiết tại mục {section}).",
            "lost_item": "{commune} (tiêu chí số {criteria})",
            "reached": " Xã đạt đủ {size} tiêu chí trong kỳ: {names}.",
            "left": " Xã không còn đạt đủ {size} tiêu chí: {names}.",
            "added": " Xã chỉ có trong {period}: {names}.",
            "removed": " Xã không còn trong {period}: {names}.",
            "merged": " Xã {commune} hình thành từ {names} (từ ngày {date}): không so sánh trực tiếp số "
                      "tiêu chí.",
            "merged_many": " {n} hình thành từ sắp xếp {old} ({listed}): không so sánh "
                           "trực tiếp số tiêu chí của các xã này.",
            "compared_part": "Trong {n} so sánh được, ",
            "head_reorganised": "So với {ref}: từ ngày {date} sắp xếp lại {before} thành {after}; không so sánh "
                                "trực tiếp tổng số và bình quân tiêu chí ({period_before} bình quân {mean_before} "
                                "tiêu chí/xã, {period_after} bình quân {mean_after} tiêu chí/xã).",
            "reorganised_note": "Từ ngày {date} sắp xếp lại {before} thành {after}: tổng số tiêu chí không so sánh "
                                "trực tiếp nên dòng tổng cộng để trống; các xã hình thành từ sắp xếp được liệt kê tại "
                                "trang tính “{sheet}”.",
            "reorganised": " Từ ngày {date} sắp xếp lại: {before} thành {after}; không so sánh trực tiếp tổng số "
                           "tiêu chí.",
            "sets": " Bộ tiêu chí khác nhau ({before} và {after}): không so sánh từng tiêu chí.",
            "sets_size": "Từ {start} áp dụng Bộ tiêu chí {after} ({n_after} tiêu chí): không so sánh trực "
                         "tiếp tổng số và bình quân tiêu chí với {period} (Bộ tiêu chí {before}, {n_before} "
                         "tiêu chí).",
            "sets_size_note": "Từ {start} áp dụng Bộ tiêu chí {after} ({n_after} tiêu chí), {period} theo Bộ "
                              "tiêu chí {before} ({n_before} tiêu chí): số tiêu chí của từng xã không so sánh "
                              "trực tiếp, không phải tăng hay giảm.",
            "cli_boundary": "(thay đổi địa giới)", "renamed_from": "tên cũ: {name}",
        },
        "targets": {
            "sentence": "{name} ({due}): {body}.",
            "all_criteria_met": "{commune} đã đạt đủ {size} tiêu chí",
            "all_criteria_missing": "{commune} còn {n} chưa đạt (tiêu chí số {criteria})",
            "of_set": " của Bộ tiêu chí {set}",
            "heading": "{title} \u2013 {where}",
            "model_areas_met": "{communes} đã hoàn thành {actual} khu dân cư kiểu mẫu",
            "model_areas_none": "{communes} chưa hoàn thành khu dân cư kiểu mẫu nào (kế hoạch {level} khu/xã)",
            "model_areas": "{communes} đã hoàn thành {actual} khu dân cư kiểu mẫu (kế hoạch {level} khu/xã)",
            "advanced_met": "{communes} đã đạt chuẩn nông thôn mới nâng cao",
            "advanced": "{communes} chưa đạt chuẩn nông thôn mới nâng cao",
            "villages_share": "{count}/{of} thôn của {communes} đạt chuẩn ({share}), mục tiêu {level}",
            "villages_gap": ", cần thêm {gap} thôn",
            "recognised_share": "{count}/{of} xã được công nhận đạt chuẩn ({share}), mục tiêu {level}",
            "recognised_gap": ", cần thêm {gap} xã",
            "mean": "bình quân đạt {actual} tiêu chí/xã, mục tiêu {level} tiêu chí/xã",
            "mean_gap": ", còn thiếu {gap} tiêu chí/xã",
            "min_met_met": "không còn xã nào dưới {level} tiêu chí",
            "min_met": "còn {n} dưới {level} tiêu chí ({names})",
            "all_criteria_met_since": "{commune} đã đạt đủ {size} tiêu chí từ {since}",
            "all_criteria_met_since_now": "{commune} đã đạt đủ {size} tiêu chí từ {since}, nay còn {n} chưa đạt "
                                          "(tiêu chí số {criteria})",
            "all_criteria_met_judged": "{commune} đã đạt đủ {size} tiêu chí",
            "since": " từ {since}",
            "judged_on": "{commune} (nay thuộc xã {successor}, đánh giá theo xã {successor})",
            "moved": "{commune} (nay thuộc xã {successor})",
            "no_data": "không có trong số liệu kỳ này{communes}",
            "no_data_many": "không có trong số liệu kỳ này{communes}",
            "now_in": "{commune}, nay thuộc xã {successor}",
            "now_in_judged": "{commune}, nay thuộc xã {successor}, đánh giá theo xã {successor}",
            "cli": "[{state}] {text}",
            "chart_level": "{actual}/{level} {unit}",
            "chart_judged": "{commune} (theo xã {successor})",
            "chart_met_before": "{commune} (đạt trước sắp xếp)",
            "chart_since": " (từ {since})",
            "chart_since_now": " (đã đạt từ {since})",
            "chart_areas": "đã hoàn thành {actual} khu (kế hoạch {level} khu)",
            "chart_share": "{count}/{of} {unit} ({share}), mục tiêu {level}",
            "chart_mean": "{actual}/{level} tiêu chí/xã",
            "chart_min": "xã thấp nhất đạt {actual} tiêu chí (tối thiểu {level})",
            "unit_criteria": "tiêu chí", "unit_villages": "thôn", "unit_communes": "xã", "unit_areas": "khu",
            "unit_mean": "tiêu chí/xã", "unit_villages_share": "tỷ lệ thôn đạt chuẩn",
            "unit_recognised_share": "tỷ lệ xã được công nhận",
            "whole": "Toàn đơn vị",
        },
        "lagging": {
            "head": "Các tiêu chí đạt thấp nhất: ",
            "head_one": "Tiêu chí đạt thấp nhất: ",
            "item": "tiêu chí {number} ({name}): {met}/{n} xã đạt ({share})",
            "cli_row": "{number:>2} {name}: {met}/{n}; chưa đạt: {missing}",
        },
        "recognition": {
            "none": "{all_met}.",
            "both": "Lũy kế {recognised} được công nhận đạt chuẩn nông thôn mới; {all_met}.",
            "both_none": "Chưa có xã nào được công nhận đạt chuẩn nông thôn mới; {all_met}.",
            "all_met": "{n} hiện đạt đủ {size} tiêu chí", "all_met_none": "hiện chưa có xã nào đạt đủ {size} tiêu chí",
        },
        "districts": {
            "district": "{unit} có {n}{bands}.",
            "unknown": "{n} không ghi {level}{bands}.",
            "bands": ", trong đó có {bands}",
            # the figure after "với", never in parentheses: a unit named alike in two provinces
            # already carries one ("huyện Bảo Bình (Hòa Mậu)")
            "ranking": "Bình quân cao nhất là {best} với {best_mean} tiêu chí/xã, thấp nhất là {worst} "
                       "với {worst_mean} tiêu chí/xã.",
            "listed": "Kết quả của từng {unit} trong {n} có trong bảng tính.",
            "lead": "{unit}: {text}",
        },
        "sections": {
            "overall": "Kết quả chung", "criteria": "Kết quả theo từng tiêu chí",
            "compare": "So sánh với quý trước và cùng kỳ năm trước", "targets": "Xã điểm và các mục tiêu",
            "flags": "Cảnh báo", "annex": "Phụ lục: kết quả đánh giá từng xã",
            "districts": "So sánh giữa các huyện", "provinces": "So sánh giữa các tỉnh",
        },
        "page": {
            "programme": "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
            "heading": "Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới",
            "as_of": "Tính đến ngày {date}",
            "title": "Kết quả xây dựng nông thôn mới {unit}, {period} (tính đến ngày {date})",
            "source": "Nguồn số liệu: {source}.",
            "illustrative": "Số liệu minh họa (tái dựng), không phải số liệu chính thức.",
            "synthetic": "Số liệu giả lập (do ntm_analysis.synth sinh ra), không phải số liệu của địa phương nào, "
                         "không phải số liệu chính thức.",
            "chart": "Biểu đồ", "table": "Bảng",
            "lagging_table": "Các tiêu chí theo tỷ lệ đạt, từ thấp đến cao, với các xã chưa đạt",
            "lagging_table_counts": "Các tiêu chí theo tỷ lệ đạt, từ thấp đến cao",
            "changes_table": "Các xã có thay đổi so với {period}",
            "trend_after_merger": "{period} (sau sắp xếp lại)",
            "no_change": "Không có xã nào thay đổi số tiêu chí đạt so với {period}.",
            "targets_table": "Tiến độ các mục tiêu", "trend_table": "Kết quả qua các kỳ", "flags_table": "Danh sách cảnh báo",
            "communes_table": "Kết quả đánh giá các xã",
            "bands_table": "Số xã theo nhóm tiêu chí đạt", "by_count_table": "Số xã theo số tiêu chí đạt",
            "more": "… và {n} xã khác (xem bảng tính)",
            "too_many": "Bảng có {n} xã: xem đầy đủ trong tệp bảng tính.",
            "marks": "Đ: đạt; CBĐ: cơ bản đạt; CĐ: chưa đạt.",
            "notes_title": "Ghi chú về số liệu",
            "notes_intro": "Những điểm chương trình đã sửa hoặc lưu ý khi đọc các tệp số liệu:",
            "notes_none": "Khi đọc số liệu không có điểm nào phải sửa hoặc lưu ý.",
            "year_ago_table": "Các xã có thay đổi so với cùng kỳ năm trước ({period})",
            "districts_table": "Kết quả theo huyện, xếp theo bình quân tiêu chí/xã",
            "provinces_table": "Kết quả theo tỉnh, xếp theo bình quân tiêu chí/xã",
            "chart_reduced": "Biểu đồ {number} vẽ {note}; số liệu đầy đủ trong tệp bảng tính.",
            "mergers_table": "Các xã hình thành sau sắp xếp đơn vị hành chính",
            # a table too long for the page, and a page table shorter than its sheet: which table,
            # which sheet of the workbook ("trang tính", as Excel in Vietnamese names a sheet)
            "criteria_names_sheet": "Có tiêu chí còn hơn {n} xã chưa đạt, quá nhiều để ghi trong một ô: các xã "
                                    "chưa đạt từng tiêu chí xem tại trang tính “{sheet}” (lọc theo cột của tiêu "
                                    "chí).",
            # the page's criteria table without its column of names (the page has no cells): where
            # the names are, the lists too long for the workbook's cells or just for the page
            "criteria_names_page": "Danh sách các xã chưa đạt từng tiêu chí quá dài để in trên trang này (có tiêu "
                                   "chí còn hơn {n} xã chưa đạt): xem trang tính “{sheet}” của tệp bảng tính, lọc "
                                   "theo cột của tiêu chí.",
            "criteria_names_listed": "Danh sách các xã chưa đạt từng tiêu chí không in trên trang này: xem trang "
                                     "tính “{sheet}” của tệp bảng tính.",
            "too_many_named": "Bảng “{title}” có {n}, không in hết ở đây: xem đầy đủ tại trang tính “{sheet}” của "
                              "tệp bảng tính.",
            "changes_too_many": "Bảng “{title}” có {n} thay đổi, không in hết ở đây: xem trang tính “{sheet}” của "
                                "tệp bảng tính (trang tính này liệt kê tất cả {all}).",
            "sheet_lists_all": "Bảng trên chỉ gồm các xã có thay đổi; trang tính “{sheet}” của tệp bảng tính liệt "
                               "kê tất cả {all}.",
            "sets_sheet": "Trang tính “{sheet}” của tệp bảng tính liệt kê số tiêu chí đạt của tất cả {all} ở hai "
                          "kỳ, mỗi kỳ theo bộ tiêu chí của kỳ đó.",
            "no_unit": "Số liệu không cho biết đơn vị hành chính (huyện, tỉnh): không có cột Huyện/Tỉnh, "
                       "tiêu đề “UBND HUYỆN …” hay danh sách xã có cột huyện; báo cáo ghi không kèm tên đơn vị.",
        },
        "workbook": {
            "form": "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI",
            "unit": "{unit}", "period": "{period}", "as_of": "(Tính đến ngày {date})",
            "total": "Tổng cộng", "form_no": "Biểu số {n}",
        },
        "cli": {
            "boundary": "(thay đổi địa giới)",
            "missing": "chưa đạt",
            "trend_head": "Kỳ",
            "flag": "{after} {label}: {commune}: {detail}",
            "report_head": "ntm report: {period} → {out}/",
            "waiting": "đang chờ: một lệnh ntm report khác đang ghi {out}",
            "interrupted": "{command}: đã dừng (Ctrl-C); không để lại tệp ghi dở",
            "usage_prefix": "cách dùng: ",
            "terminated": "{command}: đã bị dừng (SIGTERM); không để lại tệp ghi dở",
        },
        "progress": {"text": "[1/4] báo cáo (vi, en)", "workbook": "[2/4] bảng tính (.xlsx)",
                     "charts": "[3/4] biểu đồ (PNG 300 dpi, SVG)", "page": "[4/4] trang báo cáo (HTML)"},
        # what the notebooks show around the page's sections (notebook_view): title, intro, headings
        "notebooks": {
            "review_title": "Sơ kết quý",
            "review_intro": "Kết quả của quý, từng phần như trang báo cáo: cùng các đoạn văn, bảng và biểu đồ, "
                            "kèm các ô kiểm tra đối chiếu với số liệu.",
            "compare_title": "So sánh các kỳ",
            "compare_intro": "Tất cả các kỳ trong số liệu: diễn biến qua các kỳ, từng quý so với quý trước, so với "
                             "cùng kỳ năm trước và các cảnh báo cần rà soát.",
            "each_quarter": "Từng quý so với quý trước",
            "year_on_year": "So với cùng kỳ năm trước",
            "warnings": "Cảnh báo",
        },
    },
    "en": {
        "summary": {
            "band_exact": "{n} {noun} met {level} {cnoun}",
            "band_range": "{n} {noun} met {low} to {high} criteria",
            "band_under": "{n} {noun} met fewer than {limit} criteria",
            "share": " ({share})",
            "totals": "In total {total} criteria were met, an average of {mean} criteria per commune.",
            "basic": " A further {basic} criteria were basically met (not counted as met).",
            "head": "{period} ({criteria_set} criteria, {n})",
        },
        "band": {"exact": "{level} {cnoun}", "range": "{low} to {high} criteria",
                 "under": "fewer than {limit} criteria", "axis_under": "fewer than {limit}"},
        "report": {
            "opening": "As of {date}, {n} {noun}{whole} {verb} implementing the National Criteria for New "
                       "Rural Communes, {criteria_set}",
            "whole": " in {whole}",
            "bands": ": {bands}",
            "detail": "By criteria met: {detail}.",
            "outside": "In no band: {n} ({names}).",
            "recognised": "By the end of {period}, {n} had been recognised as {ntm}: {names}.",
            "recognised_none": "By the end of {period}, no commune had been recognised as a new rural commune.",
            "recognised_none_merged": "By the end of {period}, no commune of today ({now} in all) had been recognised "
                                      "as a new rural commune; the {n} recognised before the reorganisation {is_are} "
                                      "now part of {m} formed in it{names}.",
            "recognised_merged": "In addition, the {n} recognised before the reorganisation {is_are} now part of {m} "
                                 "formed in it{names}.",
            "merged_names": " ({names})", "merged_group": "{successor}: {olds}",
            "recognised_year": "in {year}, {names}",
            "recognised_many": "By the end of {period}, {n} had been recognised as new rural communes "
                               "({listed}): {years}.",
            "recognised_year_count": "{n} in {year}",
            "all_met": "Currently {n} {meets} all {size} criteria.",
            "all_met_none": "No commune currently meets all {size} criteria.",
            "pilot": "pilot commune {commune} has {n} still to meet (criteria {criteria})",
            "pilot_met": "pilot commune {commune} meets all {size} criteria",
            "pilots_none": "",
            "lagging": "{criteria} {verb} the least met ({met} of {n} communes, {share}).",
            "lagging_one": "Criterion {number} ({name})",
            "lagging_first": "Criteria {number} ({name})",
            "lagging_more": "{number} ({name})",
            "lagging_all": "All {size} criteria are met by all {n} communes.",
            "and": " and ",
            "many": "{n} ({listed})",
            "listed": "{listed}",
            "listed_workbook": "listed in the workbook",
            "listed_json": "listed in full with --json",
            "listed_table": "listed in the table below",
            "no_previous": "There is no data for the previous quarter ({period}) to compare with.",
            "no_year_ago": "There is no data for the same quarter a year before ({period}) to compare with.",
            "missing_quarters": "The data holds no figures for {periods}: the chart over time leaves {them} blank.",
            "missing_one": "it", "missing_many": "them",
            "reorganised_trend": "The chart over time marks the reorganisation of communes from {date}: the "
                                 "number of communes and the total of criteria met before and after it are not "
                                 "compared directly.",
            "no_targets": "The data includes no targets file (targets.csv).",
            "no_flags": "No recognised commune falls short of any criterion.",
            "no_flags_previous": "No recognised commune falls short of any criterion, and no criterion met in "
                                 "{period} has been lost.",
            # after "no_flags", a sentence of its own (a row of its own in the workbook's warnings)
            "lost_other_set": "Criteria lost cannot be compared with {period} (a different set of criteria).",
            "no_flags_part": "No recognised commune falls short of any criterion; of the {n} that could be compared "
                             "with {period} (the others were formed by merging), none has lost a criterion.",
            "lost_few": "Only {n} of {of} communes could be compared with {period} (the other {rest} were formed "
                        "by merging): too few to say whether criteria were lost.",
            "notes": "Reading the data left {n} on repairs made and points to check (see the notes on the data).",
            "notes_none": "",
            "criteria_all": "{Cnoun} {criteria} {verb} met by every commune",
            "criteria_all_none": "No criterion is met by every commune",
            "criteria_half": "fewer than half of the communes meet {n} ({cnoun} {criteria}).",
            "criteria_half_none": "every criterion is met by at least half of the communes.",
            "groups": "By group of criteria, the average share met is {items}.",
            "group_item": "{share} for {group}",
            "group_more": "{share} for {group}",
            "flags_intro": "Cases to follow up:",
        },
        "compare": {
            "ref_previous": "{period}",
            "ref_year_ago": "the same quarter a year before ({period})",
            "head": "Compared with {ref}, the number of criteria met {total_change} and the average "
                    "{mean_change}.",
            "up": "rose by {size}{unit} (from {before} to {after})",
            "down": "fell by {size}{unit} (from {before} to {after})",
            "same": "was unchanged ({after}{unit})",
            "unit_total": "", "unit_mean": " criteria per commune",
            "gained": "New criteria were met in {n}",
            "gained_none": "No commune met a new criterion",
            "lost": "; criteria were lost in {n}: {items}.",
            "lost_many": "; criteria were lost in {n} ({listed}).",
            "lost_none": "; no commune lost a criterion.",
            "lost_ref": "; criteria were lost in {n} (see section {section}).",
            "lost_item": "{commune} ({cnoun} {criteria})",
            "reached": " Reached all {size} criteria: {names}.",
            "left": " No longer meeting all {size} criteria: {names}.",
            "added": " Only in {period}: {names}.",
            "removed": " No longer in {period}: {names}.",
            "merged": " {commune} was formed from {names} (from {date}): criteria counts are not compared "
                      "directly.",
            "merged_many": " {n} were formed by merging {old} ({listed}): their criteria "
                           "counts are not compared directly.",
            "compared_part": "Of the {n} that could be compared, ",
            "head_reorganised": "Compared with {ref}: communes were reorganised from {date}, {before} became "
                                "{after}; the total and average number of criteria met are not compared directly "
                                "(average {mean_before} criteria per commune in {period_before}, {mean_after} in "
                                "{period_after}).",
            "reorganised_note": "Communes were reorganised from {date} ({before} became {after}): the total number "
                                "of criteria met is not compared directly, so the total row is left blank; the "
                                "communes formed by merging are listed on the sheet “{sheet}”.",
            "reorganised": " Communes were reorganised from {date}: {before} became {after}; the total "
                           "number of criteria met is not compared directly.",
            "sets": " The criteria sets differ ({before} and {after}): criteria are not compared one by one.",
            "sets_size": "From {start} the {after} criteria set ({n_after} criteria) applies: the total and "
                         "average number of criteria met are not compared directly with {period} ({before} "
                         "set, {n_before} criteria).",
            "sets_size_note": "From {start} the {after} criteria set ({n_after} criteria) applies, {period} used "
                              "the {before} set ({n_before} criteria): each commune's criteria counts are not "
                              "compared directly and are neither gains nor losses.",
            "cli_boundary": "(boundary changed)", "renamed_from": "formerly {name}",
        },
        "targets": {
            "sentence": "{name} ({due}): {body}.",
            "all_criteria_met": "{commune} {verb} all {size} criteria",
            "all_criteria_missing": "{commune} has {n} still to meet ({numbered} {criteria})",
            "of_set": " of the {set} set",
            "heading": "{title} \u2013 {where}",
            "model_areas_met": "{communes} completed {actual} {area}",
            "model_areas_none": "{communes} completed no model residential area yet (planned {level} each)",
            "model_areas": "{communes} completed {actual} {area} (planned {level} each)",
            "advanced_met": "{communes} meets the advanced NTM standard",
            "advanced": "{communes} does not yet meet the advanced NTM standard",
            "villages_share": "{count} of {of} villages of {communes} meet the standard ({share}), target {level}",
            "villages_gap": ", {gap} more needed",
            "recognised_share": "{count} of {of} communes recognised ({share}), target {level}",
            "recognised_gap": ", {gap} more needed",
            "mean": "the average is {actual} criteria per commune, target {level}",
            "mean_gap": ", {gap} short",
            "min_met_met": "no commune is below {level} criteria",
            "min_met": "{n} below {level} criteria ({names})",
            "all_criteria_met_since": "{commune} has met all {size} criteria since {since}",
            "all_criteria_met_since_now": "{commune} met all {size} criteria in {since} and now has {n} still "
                                          "to meet ({numbered} {criteria})",
            "all_criteria_met_judged": "{commune} meets all {size} criteria",
            "since": " (since {since})",
            "judged_on": "{commune} (now part of {successor}, judged on {successor})",
            "moved": "{commune} (now part of {successor})",
            "no_data": "not in this period's data{communes}",
            "no_data_many": "not in this period's data{communes}",
            "now_in": "{commune}, now part of {successor}",
            "now_in_judged": "{commune}, now part of {successor}, judged on {successor}",
            "cli": "[{state}] {text}",
            "chart_level": "{actual}/{level} {unit}",
            "chart_judged": "{commune} (judged on {successor})",
            "chart_met_before": "{commune} (met before the merger)",
            "chart_since": " (since {since})",
            "chart_since_now": " (met in {since})",
            "chart_areas": "{actual} completed ({level} planned)",
            "chart_share": "{count}/{of} {unit} ({share}), target {level}",
            "chart_mean": "{actual}/{level} criteria per commune",
            "chart_min": "lowest commune meets {actual} criteria (minimum {level})",
            "unit_criteria": "criteria", "unit_villages": "villages", "unit_communes": "communes",
            "unit_areas": "areas", "unit_mean": "criteria per commune",
            "unit_villages_share": "share of villages", "unit_recognised_share": "share of communes",
            "whole": "Whole unit",
        },
        "lagging": {
            "head": "Least met criteria: ",
            "head_one": "Least met criterion: ",
            "item": "criterion {number} ({name}): {met} of {n} communes ({share})",
            "cli_row": "{number:>2} {name}: {met}/{n}; not met: {missing}",
        },
        "recognition": {
            "none": "{all_met}.",
            "both": "{recognised} recognised as {ntm}; {all_met}.",
            "both_none": "No commune recognised as a new rural commune yet; {all_met}.",
            "all_met": "{n} currently meeting all {size} criteria",
            "all_met_none": "none currently meets all {size} criteria",
        },
        "districts": {
            "district": "{unit} has {n}{bands}.",
            "unknown": "{n} with no {level} given{bands}.",
            "bands": ": {bands}",
            "ranking": "{best} has the highest average ({best_mean} criteria per commune), {worst} the "
                       "lowest ({worst_mean}).",
            "listed": "The results of each of the {n} are in the workbook.",
            "lead": "{unit}: {text}",
        },
        "sections": {
            "overall": "Overall result", "criteria": "Results by criterion",
            "compare": "Against the previous quarter and the same quarter a year before",
            "targets": "Pilot communes and targets", "flags": "Warnings",
            "annex": "Annex: assessment of each commune", "districts": "The districts compared",
            "provinces": "The provinces compared",
        },
        "page": {
            "programme": "National Target Programme on New Rural Development",
            "heading": "Implementation of the National Criteria for New Rural Communes",
            "as_of": "As of {date}",
            "title": "New rural development, {unit}, {period} (as of {date})",
            "source": "Source: {source}.",
            "illustrative": "Illustrative (reconstructed) data, not official figures.",
            "synthetic": "Synthetic data (generated by ntm_analysis.synth), not about any real place, not official figures.",
            "chart": "Chart", "table": "Table",
            "lagging_table": "Criteria from the least met, with the communes not meeting each",
            "lagging_table_counts": "Criteria from the least met",
            "changes_table": "Communes that changed since {period}",
            "trend_after_merger": "{period} (after the reorganisation)",
            "no_change": "No commune's criteria met changed since {period}.",
            "targets_table": "Progress against targets", "trend_table": "Results over the quarters", "flags_table": "Warnings",
            "communes_table": "Assessment of each commune",
            "bands_table": "Communes by band of criteria met", "by_count_table": "Communes by criteria met",
            "more": "… and {n} more communes (see the workbook)",
            "too_many": "The table has {n} communes: see the workbook for all of them.",
            "marks": "M: met; BM: basically met; NM: not met.",
            "notes_title": "Notes on the data",
            "notes_intro": "What the program repaired or noted while reading the data files:",
            "notes_none": "Reading the data needed no repair and raised no note.",
            "year_ago_table": "Communes that changed since the same quarter a year before ({period})",
            "districts_table": "Results by district, ranked by average criteria per commune",
            "provinces_table": "Results by province, ranked by average criteria per commune",
            "chart_reduced": "Chart {number} shows {note}; the workbook has them all.",
            "mergers_table": "Communes formed by merging communes",
            "criteria_names_sheet": "Some criteria are not met by more than {n} communes, too many for one "
                                    "cell: the communes not meeting each criterion are on the sheet “{sheet}” "
                                    "(filter the criterion's column).",
            "criteria_names_page": "The lists of communes not meeting each criterion are too long to print on "
                                   "this page (some criteria are not met by more than {n} communes): see the "
                                   "sheet “{sheet}” of the workbook, filtering the criterion's column.",
            "criteria_names_listed": "The communes not meeting each criterion are not listed on this page: see "
                                     "the sheet “{sheet}” of the workbook.",
            "too_many_named": "The table “{title}” has {n}, too many to print here: see the sheet “{sheet}” of the "
                              "workbook for all of them.",
            "changes_too_many": "The table “{title}” has {n} that changed, too many to print here: see the sheet "
                                "“{sheet}” of the workbook (it lists all {all}).",
            "sheet_lists_all": "The table above holds only the communes that changed; the sheet “{sheet}” of the "
                               "workbook lists all {all}.",
            "sets_sheet": "The sheet “{sheet}” of the workbook lists the criteria met by all {all} in both "
                          "quarters, each against its own set.",
            "no_unit": "The data does not name its administrative unit (district, province): no Huyện/Tỉnh "
                       "column, no “UBND HUYỆN …” letterhead, no register with a district column; the "
                       "report is worded without a unit name.",
        },
        "workbook": {
            "form": "SUMMARY OF THE NATIONAL CRITERIA FOR NEW RURAL COMMUNES",
            "unit": "{unit}", "period": "{period}", "as_of": "(As of {date})",
            "total": "Total", "form_no": "Form {n}",
        },
        "cli": {
            "boundary": "(boundary changed)",
            "missing": "not met",
            "trend_head": "Period",
            "flag": "{after} {label}: {commune}: {detail}",
            "report_head": "ntm report: {period} → {out}/",
            "waiting": "waiting: another ntm report is writing {out}",
            "interrupted": "{command}: interrupted; nothing was left half-written",
            "usage_prefix": "usage: ",
            "terminated": "{command}: terminated; nothing was left half-written",
        },
        "progress": {"text": "[1/4] report text (vi, en)", "workbook": "[2/4] workbook (.xlsx)",
                     "charts": "[3/4] charts (PNG 300 dpi, SVG)", "page": "[4/4] review page (HTML)"},
        "notebooks": {
            "review_title": "Quarterly review",
            "review_intro": "The quarter's results, section by section as the review page shows them: the same "
                            "paragraphs, tables and charts, with checks against the data.",
            "compare_title": "Comparing quarters",
            "compare_intro": "Every period in the data: the trend, each quarter against the one before, the same "
                             "quarter a year before, and the warnings to follow up.",
            "each_quarter": "Each quarter against the one before",
            "year_on_year": "Against the same quarter a year before",
            "warnings": "Warnings",
        },
    },
}

# Table headers: one key per column, shared by the page and the workbook.
HEADERS = {
    "vi": {"stt": "STT", "commune": "Tên xã", "band": "Nhóm", "criteria_met": "Số tiêu chí đạt",
           "communes": "Số xã", "share": "Tỷ lệ", "criterion": "Tiêu chí", "number": "Số TT tiêu chí",
           "name": "Tên tiêu chí", "n_met": "Số xã đạt", "missing": "Các xã chưa đạt",
           "n_missing": "Số xã chưa đạt",
           "before": "Số tiêu chí đạt {period}", "after": "Số tiêu chí đạt {period}", "change": "Tăng/giảm",
           "gained": "Tiêu chí tăng", "lost": "Tiêu chí không còn đạt", "note": "Ghi chú",
           "period": "Kỳ", "n_communes": "Số xã", "total_met": "Tổng số tiêu chí đạt",
           "mean_met": "Bình quân tiêu chí/xã", "n_all_met": "Số xã đạt đủ tiêu chí",
           "n_recognised": "Số xã được công nhận", "target": "Mục tiêu", "kind": "Loại",
           "due": "Thời hạn", "actual": "Hiện đạt", "level": "Mục tiêu đặt ra", "gap": "Còn thiếu",
           "state": "Tình trạng", "flag": "Cảnh báo", "detail": "Chi tiết", "recognised_year": "Năm công nhận",
           "pilot": "Xã điểm", "villages_meeting": "Số thôn đạt chuẩn", "model_areas": "Số khu dân cư kiểu mẫu",
           "advanced": "Đạt NTM nâng cao", "figure": "Chỉ tiêu", "value": "Giá trị", "yes": "x",
           "total_basically_met": "Số tiêu chí cơ bản đạt", "criteria_group": "Tiêu chí",
           "criteria_set": "Bộ tiêu chí",
           # the review pack's notes, targets and district tables
           "file": "Tệp", "row": "Dòng", "column": "Cột", "message": "Nội dung", "result": "Kết quả",
           "target_unit": "Đơn vị tính", "district": "Huyện", "province": "Tỉnh", "n_bands": "Số xã theo nhóm",
           "rank": "Thứ hạng", "pilot_year": "Xã điểm (năm)",
           # the mergers of communes
           "merged_from": "Hình thành từ các xã", "n_merged": "Số xã cũ", "effective": "Từ ngày",
           "decision": "Căn cứ"},
    "en": {"stt": "No.", "commune": "Commune", "band": "Band", "criteria_met": "Criteria met",
           "communes": "Communes", "share": "Share", "criterion": "Criterion", "number": "Criterion no.",
           "name": "Criterion name", "n_met": "Communes meeting it", "missing": "Communes not meeting it",
           "n_missing": "Number not meeting it",
           "before": "Criteria met {period}", "after": "Criteria met {period}", "change": "Change",
           "gained": "Criteria gained", "lost": "Criteria lost", "note": "Note",
           "period": "Period", "n_communes": "Communes", "total_met": "Criteria met in total",
           "mean_met": "Average per commune", "n_all_met": "Communes meeting all criteria",
           "n_recognised": "Communes recognised", "target": "Target", "kind": "Kind",
           "due": "Due", "actual": "Reached", "level": "Target level", "gap": "Gap",
           "state": "State", "flag": "Warning", "detail": "Detail", "recognised_year": "Year recognised",
           "pilot": "Pilot commune", "villages_meeting": "Villages meeting the standard",
           "model_areas": "Model residential areas", "advanced": "Advanced NTM", "figure": "Figure",
           "value": "Value", "yes": "x", "total_basically_met": "Criteria basically met",
           "criteria_group": "Criteria", "criteria_set": "Criteria set",
           # the review pack's notes, targets and district tables
           "file": "File", "row": "Row", "column": "Column", "message": "Note", "result": "Result",
           "target_unit": "Unit", "district": "District", "province": "Province", "n_bands": "Communes by band",
           "rank": "Rank", "pilot_year": "Pilot commune (year)",
           # the mergers of communes
           "merged_from": "Formed from", "n_merged": "Former communes", "effective": "From",
           "decision": "Decision"},
}

# Sheet names of the workbook (at most 31 characters, no []:*?/\).
SHEETS = {
    "vi": {"summary": "Tổng hợp", "bands": "Theo nhóm", "by_count": "Theo số tiêu chí",
           "communes": "Kết quả các xã", "criteria": "Theo tiêu chí", "previous": "So với quý trước",
           "year_ago": "So với cùng kỳ", "trend": "Qua các kỳ", "targets": "Mục tiêu", "flags": "Cảnh báo",
           "notes": "Ghi chú số liệu", "districts": "Theo huyện", "provinces": "Theo tỉnh",
           "mergers": "Sắp xếp xã"},
    "en": {"summary": "Summary", "bands": "Bands", "by_count": "By criteria met", "communes": "Communes",
           "criteria": "By criterion", "previous": "Previous quarter", "year_ago": "Year on year",
           "trend": "Trend", "targets": "Targets", "flags": "Warnings", "notes": "Notes on the data",
           "districts": "By district", "provinces": "By province", "mergers": "Mergers"},
}
# What each sheet's title row calls its table.
SHEET_TITLES = {
    "vi": {"summary": "TỔNG HỢP KẾT QUẢ", "bands": "SỐ XÃ THEO NHÓM TIÊU CHÍ ĐẠT",
           "by_count": "SỐ XÃ THEO SỐ TIÊU CHÍ ĐẠT",
           "communes": "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI",
           "criteria": "KẾT QUẢ THEO TỪNG TIÊU CHÍ", "previous": "SO SÁNH VỚI QUÝ TRƯỚC",
           "year_ago": "SO SÁNH VỚI CÙNG KỲ NĂM TRƯỚC", "trend": "KẾT QUẢ QUA CÁC KỲ",
           "targets": "TIẾN ĐỘ THỰC HIỆN CÁC MỤC TIÊU", "flags": "DANH SÁCH CẢNH BÁO",
           "notes": "GHI CHÚ VỀ SỐ LIỆU", "districts": "KẾT QUẢ THEO HUYỆN", "provinces": "KẾT QUẢ THEO TỈNH",
           "mergers": "DANH SÁCH XÃ HÌNH THÀNH SAU SẮP XẾP ĐƠN VỊ HÀNH CHÍNH"},
    "en": {"summary": "SUMMARY OF RESULTS", "bands": "COMMUNES BY BAND OF CRITERIA MET",
           "by_count": "COMMUNES BY CRITERIA MET",
           "communes": "ASSESSMENT OF EACH COMMUNE AGAINST THE NATIONAL CRITERIA FOR NEW RURAL COMMUNES",
           "criteria": "RESULTS BY CRITERION", "previous": "AGAINST THE PREVIOUS QUARTER",
           "year_ago": "AGAINST THE SAME QUARTER A YEAR BEFORE", "trend": "RESULTS OVER TIME",
           "targets": "PROGRESS AGAINST TARGETS", "flags": "WARNINGS", "notes": "NOTES ON THE DATA",
           "districts": "RESULTS BY DISTRICT", "provinces": "RESULTS BY PROVINCE",
           "mergers": "COMMUNES FORMED BY MERGING COMMUNES"},
}

# Words on charts: titles, axes, legends, notes.
CHART_WORDS = {
    "vi": {"communes": "Số xã", "criteria_met": "Số tiêu chí đạt", "share": "Tỷ lệ xã đạt",
           "by_count": "Số xã theo số tiêu chí đạt", "by_band": "Số xã theo nhóm tiêu chí đạt",
           "heatmap": "Kết quả từng tiêu chí của các xã", "criteria": "Tỷ lệ xã đạt từng tiêu chí",
           "change": "Thay đổi số tiêu chí đạt của từng xã", "change_hist": "Số xã theo mức thay đổi số tiêu chí đạt",
           "trend": "Bình quân tiêu chí/xã và số xã theo nhóm qua các kỳ",
           "targets": "Tiến độ thực hiện mục tiêu",
           "met": "Đạt", "basically_met": "Cơ bản đạt", "not_met": "Chưa đạt",
           "gained": "Tiêu chí tăng", "lost": "Tiêu chí không còn đạt", "unchanged": "Không thay đổi",
           "net_change": "Thay đổi số tiêu chí đạt (+ tăng, − giảm)",
           "net_up": "Số tiêu chí đạt tăng", "net_down": "Số tiêu chí đạt giảm",
           "mean": "Bình quân", "source": "Nguồn", "criterion": "Tiêu chí", "per_commune": "Tiêu chí/xã",
           "band": "Nhóm (số tiêu chí đạt)", "least": "Tỷ lệ đạt thấp nhất", "others": "Các tiêu chí khác",
           "actual": "Hiện đạt", "target": "Mục tiêu",
           "row_total": "Số TC đạt", "of_communes": "{n} xã",
           "top_bottom": "{top} xã đạt nhiều nhất và {bottom} xã đạt ít nhất trong tổng số {n} xã",
           "tie_cut": "; {n} xã cùng đạt {value} tiêu chí, vẽ {drawn} xã theo thứ tự tên",
           "more_targets": "… và {n} mục tiêu khác (xem bảng tính)",
           "change_counted": "số xã ở mỗi mức thay đổi, vì {n} xã là quá nhiều để vẽ riêng từng xã (tối đa "
                             "{limit})",
           "data": "số liệu đánh giá các xã", "illustrative": "số liệu minh họa",
           "synthetic": "số liệu giả lập",
           "district_means": "Bình quân tiêu chí/xã của các huyện",
           "district_bands": "Số xã theo nhóm tiêu chí đạt của từng huyện", "district": "Huyện",
           "district_mean": "Bình quân của huyện", "overall_mean": "Bình quân chung ({value})",
           "province_means": "Bình quân tiêu chí/xã của các tỉnh",
           "province_bands": "Số xã theo nhóm tiêu chí đạt của từng tỉnh", "province_mean": "Bình quân của tỉnh",
           "per_commune_zoomed": "Tiêu chí/xã (trục từ {start}; tối đa {top})",
           "district_share": "Tỷ lệ số xã của huyện", "province_share": "Tỷ lệ số xã của tỉnh",
           "bar_counts": "chiều cao cột: tỷ lệ; số trên cột: số xã",
           "no_data_quarter": "không có số liệu", "reorganised": "sắp xếp lại các xã từ ngày {date}",
           "top_bottom_units": "{top} {noun} có bình quân cao nhất và {bottom} {noun} thấp nhất trong tổng số {n}"},
    "en": {"communes": "Communes", "criteria_met": "Criteria met", "share": "Share of communes meeting it",
           "by_count": "Communes by criteria met", "by_band": "Communes by band of criteria met",
           "heatmap": "Criteria met by each commune", "criteria": "Share of communes meeting each criterion",
           "change": "Change in criteria met, commune by commune",
           "change_hist": "Communes by change in criteria met",
           "trend": "Average criteria per commune and communes by band over time",
           "targets": "Progress against targets",
           "met": "Met", "basically_met": "Basically met", "not_met": "Not met",
           "gained": "Criteria gained", "lost": "Criteria lost", "unchanged": "Unchanged",
           "net_change": "Change in criteria met (+ gained, − lost)",
           "net_up": "More criteria met", "net_down": "Fewer criteria met",
           "mean": "Average", "source": "Source", "criterion": "Criterion", "per_commune": "Criteria per commune",
           "band": "Band (criteria met)", "least": "Least met", "others": "Other criteria",
           "actual": "Reached", "target": "Target",
           "row_total": "Met", "of_communes": "{n} communes",
           "top_bottom": "the {top} communes meeting most and the {bottom} meeting fewest of {n}",
           "tie_cut": "; {n} communes meet {value} criteria, {drawn} of them drawn in order of name",
           "more_targets": "… and {n} more targets (see the workbook)",
           "change_counted": "communes counted at each change, as {n} are too many to draw one by one (at "
                             "most {limit})",
           "data": "commune assessments", "illustrative": "illustrative data",
           "synthetic": "synthetic data",
           "district_means": "Average criteria per commune, district by district",
           "district_bands": "Communes by band of criteria met, district by district", "district": "District",
           "district_mean": "District average", "overall_mean": "Overall average ({value})",
           "province_means": "Average criteria per commune, province by province",
           "province_bands": "Communes by band of criteria met, province by province",
           "province_mean": "Province average",
           "per_commune_zoomed": "Criteria per commune (axis from {start}; at most {top})",
           "district_share": "Share of its communes", "province_share": "Share of its communes",
           "bar_counts": "bar height: share; on the bar: communes",
           "no_data_quarter": "no data", "reorganised": "communes reorganised from {date}",
           "top_bottom_units": "the {top} {noun} with the highest average and the {bottom} with the lowest, of {n}"},
}


# ---------------------------------------------------------------------------------------------
# Look-ups
# ---------------------------------------------------------------------------------------------


def check_lang(lang: str) -> str:
    """``lang`` if the package writes it; a ValueError naming the choices otherwise."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)} (not {lang!r})")
    return lang


def phrases(lang: str, area: str) -> dict[str, str]:
    """The phrase table of one area (``summary``, ``report``, ``compare`` …) in ``lang``."""
    return PHRASES[check_lang(lang)][area]


def quarter_label(period: str, lang: str = "vi") -> str:
    """A period as a heading, a table or a chart shows it: "Quý I/2020" / "Q1 2020"."""
    year, quarter = period[:4], int(period[5])
    return f"Quý {_ROMAN[quarter]}/{year}" if check_lang(lang) == "vi" else f"Q{quarter} {year}"


def quarter_short(period: str, lang: str = "vi") -> str:
    """A period inside a sentence or a list: "quý I/2020" / "Q1 2020"."""
    label = quarter_label(period, lang)
    return label[0].lower() + label[1:] if check_lang(lang) == "vi" else label


def period_phrase(period: str, lang: str = "vi") -> str:
    """A period inside a long sentence: "quý I năm 2020" / "Q1 2020"."""
    year, quarter = period[:4], int(period[5])
    return f"quý {_ROMAN[quarter]} năm {year}" if check_lang(lang) == "vi" else f"Q{quarter} {year}"


def period_span(first: str, last: str, lang: str = "vi") -> str:
    """Periods from ``first`` to ``last``: "quý I/2020 – quý IV/2021", or one period alone."""
    if first == last:
        return quarter_short(first, lang)
    return f"{quarter_short(first, lang)} \u2013 {quarter_short(last, lang)}"


def date_text(day: dt.date, lang: str = "vi") -> str:
    """A date as a report writes it: "31/3/2020" / "31 March 2020"."""
    if check_lang(lang) == "vi":
        return f"{day.day}/{day.month}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def status_label(code: int, lang: str = "vi") -> str:
    """A status code (text.MET, …) as the language writes it."""
    return STATUS_LABELS[check_lang(lang)][int(code)]


def count_text(n: int, lang: str = "vi") -> str:
    """A count in running text: "04" in Vietnamese reports, "4" in English; thousands grouped."""
    return format_count(int(n), lang, pad=PAD_COUNTS[check_lang(lang)])


def noun(n: int, key: str, lang: str = "vi") -> str:
    """The noun ``key`` ("commune", "criterion" …) in the form ``n`` takes."""
    one, many = NOUNS[check_lang(lang)][key]
    return one if n == 1 else many


def count_noun(n: int, key: str, lang: str = "vi") -> str:
    """A count with its noun: "04 xã", "1 commune", "12 criteria"."""
    return f"{count_text(n, lang)} {noun(n, key, lang)}"


def number_text(value, decimals: int, lang: str = "vi", truncate: bool = False) -> str:
    """A decimal in the language's format: "9,84" / "9.84"."""
    return format_decimal(value if not isinstance(value, float) else Fraction(str(value)), decimals, lang,
                          truncate)


def share_text(n: int, total: int, lang: str = "vi", truncate: bool = False) -> str:
    """A share as reports print it, one decimal: "12,4%" / "12.4%"; a share that is not nothing
    (nor everything) never printed as one: 1 commune of 3.001 is "<0,1%", not "0,0%"."""
    text = format_decimal(Fraction(100 * n, total) if total else 0, 1, lang, truncate)
    if total and 0 < n < total and text in (format_decimal(0, 1, lang), format_decimal(100, 1, lang)):
        return ("<" + format_decimal(Fraction(1, 10), 1, lang) if n * 2 < total
                else ">" + format_decimal(Fraction(999, 10), 1, lang)) + "%"
    return text + "%"


def fraction_share_text(value, lang: str = "vi", decimals: int = 1) -> str:
    """A share given as a fraction of one (0.5 → "50%", 0.308 → "30,8%"), decimals only if needed."""
    exact = Fraction(str(value)) * 100
    text = format_decimal(exact, decimals, lang)
    return (format_decimal(exact, 0, lang) if exact.denominator == 1 else text) + "%"


def level_text(value, lang: str = "vi", decimals: int = 2) -> str:
    """A target level: whole numbers as they are ("15"), others with ``decimals`` ("12,50")."""
    exact = Fraction(str(value))
    return format_decimal(exact, 0 if exact.denominator == 1 else decimals, lang)


def toward_text(actual, level, decimals: int, lang: str = "vi") -> str:
    """An actual level on its way to a target, never rounded up to reach it: 14,947 of 15 prints
    "14,95" but 14,996 prints "14,99", not "15,00"."""
    exact = Fraction(str(actual))
    rounded = format_decimal(exact, decimals, "en")
    if level is not None and exact < Fraction(str(level)) <= Fraction(rounded):
        return format_decimal(exact, decimals, lang, truncate=True)
    return format_decimal(exact, decimals, lang)


def join_names(names, lang: str = "vi") -> str:
    """Names joined as a list in the language: "A, B và C" / "A, B and C"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + phrases(lang, "report")["and"] + names[-1]


def unit_name(level: str | None, name: str | None, parent: str | None, lang: str = "vi",
              head: bool = False) -> str:
    """A unit as a sentence or heading names it: "huyện Lộc Bình, tỉnh Lạng Sơn"."""
    if not name:
        return ""
    table = LEVELS[check_lang(lang)]
    form = "head" if head else "unit"
    text = table[level][form].format(name=name) if level in table else name
    if parent and level == "district":
        text += ", " + table["province"]["unit"].format(name=parent)
    return text


def whole_unit(level: str | None, lang: str = "vi") -> str:
    """"toàn huyện" / "the district", or "" when the unit's level is not known."""
    return LEVELS[check_lang(lang)].get(level, {}).get("whole", "")


def target_state_label(state: str, lang: str = "vi") -> str:
    return TARGET_STATE_LABELS[check_lang(lang)][state]


# Groups of criteria (criteria.csv names them in Vietnamese): as a sentence names them.
GROUP_NAMES = {
    "vi": {"Quy hoạch": "quy hoạch", "Hạ tầng kinh tế - xã hội": "hạ tầng kinh tế \u2013 xã hội",
           "Kinh tế và tổ chức sản xuất": "kinh tế và tổ chức sản xuất",
           "Văn hóa - xã hội - môi trường": "văn hóa \u2013 xã hội \u2013 môi trường",
           "Hệ thống chính trị": "hệ thống chính trị"},
    "en": {"Quy hoạch": "planning", "Hạ tầng kinh tế - xã hội": "socio-economic infrastructure",
           "Kinh tế và tổ chức sản xuất": "economy and production organisation",
           "Văn hóa - xã hội - môi trường": "culture, society and environment",
           "Hệ thống chính trị": "the political system"},
}


def group_name(group: str, lang: str = "vi") -> str:
    """A group of criteria inside a sentence ("hạ tầng kinh tế – xã hội" / "socio-economic
    infrastructure"); a group the table does not know keeps its own name."""
    return GROUP_NAMES[check_lang(lang)].get(group, group)


def target_due_text(state: str, period: str, lang: str = "vi", with_state: bool = True) -> str:
    """A target's state with its due quarter, as a sentence says it: "đang thực hiện, hạn quý
    IV/2020", "đến hạn quý IV/2020", "đã đạt"; without the state ("hạn quý IV/2020") where the
    state is said beside it (``ntm targets`` prints it in brackets)."""
    forms = TARGET_DUE[check_lang(lang)]
    form = forms[state] if with_state else forms["plain"]
    return form.format(state=target_state_label(state, lang), period=quarter_short(period, lang))


def target_kind_label(kind: str, lang: str = "vi") -> str:
    return TARGET_KIND_LABELS[check_lang(lang)].get(kind, kind)


def flag_label(kind: str, lang: str = "vi") -> str:
    return FLAG_LABELS[check_lang(lang)].get(kind, kind)


def criterion_name(row, lang: str = "vi") -> str:
    """A criterion's name in the language, from any record with ``name_vi`` and ``name_en``."""
    return getattr(row, f"name_{check_lang(lang)}")


# Whose name a target goes by: the data's own (written in Vietnamese) or, in another language,
# the data's name in that language (``target_en``) and else a name made from its kind and level.
TARGET_NAMES = {"vi": "data", "en": "kind"}

# The order of target states from the most pressing: a group of statuses (one target over several
# communes) is said in the state of its most pressing member.
_STATE_ORDER = ("missed", "due", "in progress", "no data", "met")


def group_state(states) -> str:
    """The state a target of several statuses is said in: its most pressing member's."""
    states = set(states)
    return next(s for s in _STATE_ORDER if s in states)


def display_text(text: str) -> str:
    """Text from the data as the pack prints it: year ranges with an en dash ("2016–2020"), the
    one dash style of the pack for set names and spans."""
    import re

    return re.sub(r"\b(\d{4})\s*-\s*(\d{4})\b", "\\1\u2013\\2", text)


def target_title(status, lang: str = "vi", pilots=frozenset(), communes=None) -> str:
    """A target's name in ``lang``: the data's name (Vietnamese) or its English name when the
    data gives one; else, in English, a name from its kind and level ("Pilot commune Tân Lập to
    meet all criteria", "Village standard in 50% of villages"). ``pilots`` are the pilot
    communes (a target named "Xã điểm …" is about pilots too); ``communes`` all the communes of the target (``target_communes``), as a target
    measured commune by commune has one status per commune: a name for one is singular."""
    if TARGET_NAMES[check_lang(lang)] == "data":
        return display_text(status.target)
    if getattr(status, "target_en", ""):
        return display_text(status.target_en)
    kind, value = status.kind, status.value
    if kind == "all_criteria":
        communes = list(status.communes if communes is None else communes)
        keys = {name_key(c) for c in pilots}
        pilot = display_text(status.target).casefold().startswith(PILOT_TARGET) or \
            (bool(communes) and all(name_key(c) in keys for c in communes))
        name = "all_criteria_pilot" if pilot else "all_criteria"
        if len(communes) == 1:
            return TARGET_NAMES_EN[name + "_one"].format(commune=display_text(communes[0]))
        return TARGET_NAMES_EN[name]
    if kind in ("villages_share", "recognised_share"):
        return TARGET_NAMES_EN[kind].format(level=fraction_share_text(value, lang) if value is not None else "")
    if kind == "model_areas" and value is not None and float(value) == 1:
        return TARGET_NAMES_EN["model_areas_one"]
    if kind in TARGET_NAMES_EN:
        return TARGET_NAMES_EN[kind].format(level=level_text(value, lang) if value is not None else "")
    return target_kind_label(kind, lang)


def target_communes(statuses) -> dict[tuple, list[str]]:
    """Each target's communes ((target, kind) → communes in order): ``target_title`` names a
    target by all of them, the same in every place that shows it."""
    out: dict[tuple, list[str]] = {}
    for s in statuses:
        communes = out.setdefault((s.target, s.kind), [])
        communes += [c for c in s.communes if c not in communes]
    return out


def header(key: str, lang: str = "vi", **values) -> str:
    """A table column's header in ``lang``."""
    return HEADERS[check_lang(lang)][key].format(**values)


def chart_word(key: str, lang: str = "vi") -> str:
    return CHART_WORDS[check_lang(lang)][key]


# ---------------------------------------------------------------------------------------------
# The explorer (views.py, explore_charts.py, widgets.py): its words, sentences and messages.
# Kept in tables of their own, apart from the report's phrases.
# ---------------------------------------------------------------------------------------------

# Labels of the explorer's controls, tabs, figure captions, table headers and chart text.
EXPLORER_WORDS = {
    "vi": {
        "title": "Kết quả xây dựng nông thôn mới", "source": "Nguồn",
        "tab_title": "Nông thôn mới \u2014 khám phá số liệu",
        "period": "Kỳ", "bands": "Nhóm", "unit": "Đơn vị", "commune": "Xã", "criterion": "Tiêu chí",
        "from": "Từ kỳ", "to": "Đến kỳ", "all": "(tất cả)", "all_units": "Toàn bộ dữ liệu",
        "bands_help": "vd. 19,15-18,10-14,5-9,0-4 hoặc 19,12,9,5-8; để trống: mặc định",
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
        "tab_title": "New Rural Development \u2014 explorer",
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
        "col_last_met": "Last met", "never_met": "never",
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
        "commune_lacks": "Còn {n} chưa đạt: {numbers}.",
        "commune_all": "Đã đạt đủ {size} tiêu chí.",
        "commune_basic": "Trong đó {n} tiêu chí cơ bản đạt (chưa tính là đạt).",
        "commune_lost": "Tiêu chí từng đạt nay chưa đạt: {numbers}.",
        "commune_recognised": "Được công nhận đạt chuẩn nông thôn mới năm {year}.",
        "commune_recognised_later": "Được công nhận đạt chuẩn nông thôn mới năm {year}, tính từ {since}; "
                                    "{period} chưa tính là xã đã được công nhận.",
        "history_up": "Từ {first} đến {last}: tăng từ {before} lên {after} {noun}{path}.",
        "history_down": "Từ {first} đến {last}: giảm từ {before} xuống {after} {noun}{path}.",
        "history_same": "Từ {first} đến {last}: giữ nguyên {after} {noun}.",
        "history_back": "Từ {first} đến {last}: trở lại {after} {noun} như đầu kỳ, sau khi {dips}.",
        "history_path": "; có lúc {dips}",
        "history_dip": "giảm xuống {low} {noun} trong {span}",
        "history_and": " và ",
        "noun_criteria": "tiêu chí", "noun_communes": "xã đạt",
        "criterion_head": "Tiêu chí {number} ({name}), {period}: {met}/{n} xã đạt ({share}).",
        "criterion_missing": "Xã chưa đạt: {names}.",
        "criterion_all": "Tất cả các xã đều đạt.",
        "other_sets": "Không gồm các kỳ đánh giá theo bộ tiêu chí khác: {periods}.",
        "sets_differ": "Hai kỳ đánh giá theo hai bộ tiêu chí khác nhau ({before} và {after}).",
    },
    "en": {
        "commune_head": "{commune}, {period}: {met} of {size} criteria met.",
        "commune_lacks": "{n} still to meet: {numbers}.",
        "commune_all": "Meets all {size} criteria.",
        "commune_basic": "{n} of them basically met (not counted as met).",
        "commune_lost": "Met before but not now: {numbers}.",
        "commune_recognised": "Recognised as meeting the NTM standard in {year}.",
        "commune_recognised_later": "Recognised as meeting the NTM standard for {year}, counted from {since}; "
                                    "not yet counted as recognised in {period}.",
        "history_up": "From {first} to {last}: up from {before} to {after} {noun}{path}.",
        "history_down": "From {first} to {last}: down from {before} to {after} {noun}{path}.",
        "history_same": "From {first} to {last}: unchanged at {after} {noun}.",
        "history_back": "From {first} to {last}: back to {after} {noun} as at the start, after it {dips}.",
        "history_path": "; it {dips} on the way",
        "history_dip": "fell to {low} {noun} in {span}",
        "history_and": " and ",
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
        "beyond": "Nhóm “{part}” vượt quá số tiêu chí: bộ tiêu chí của kỳ này có {n} tiêu chí, các nhóm "
                  "chỉ từ 0 đến {n}.",
        "overlap": "Nhóm {a} và nhóm {b} chồng lên nhau: một xã sẽ bị đếm hai lần.",
        "preset_size": "Mẫu “{preset}” dành cho bộ 19 tiêu chí; bộ tiêu chí của kỳ này có {n} tiêu chí "
                       "(dùng “exact” hoặc tự nhập các nhóm).",
        "bands": "Không dùng được các nhóm đã nhập.",
        "outside_bands": "{n} không thuộc nhóm nào: {names}.",
        "same_periods": "Hãy chọn hai kỳ khác nhau để so sánh.",
        "order": "Kỳ đầu ({first}) phải trước kỳ sau ({last}).",
        "no_commune": "Không có xã nào để hiển thị.",
        "no_data_unit": "Đơn vị này không có số liệu {period}.",
    },
    "en": {
        "unreadable": "Cannot read the band “{part}”: give whole numbers and ranges such as 19,15-18,10-14, "
                      "or a preset ({presets}).",
        "backwards": "The band “{part}” runs backwards.",
        "beyond": "The band “{part}” goes beyond the criteria: this period's set has {n} criteria, so bands "
                  "run from 0 to {n}.",
        "overlap": "Bands {a} and {b} overlap: a commune would count twice.",
        "preset_size": "The preset “{preset}” is for 19-criterion sets; this period's set has {n} criteria "
                       "(use “exact” or give the bands).",
        "bands": "The bands given cannot be used.",
        "outside_bands": "{n} in no band: {names}.",
        "same_periods": "Choose two different periods to compare.",
        "order": "The first period ({first}) must come before the second ({last}).",
        "no_commune": "There is no commune to show.",
        "no_data_unit": "This unit has no data for {period}.",
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


def quarter_range(first: str, last: str, lang: str = "vi") -> str:
    """Consecutive quarters inside a sentence, as short as reads well: "quý III–IV/2020" /
    "Q3–Q4 2020" within a year, "quý IV/2020 – quý I/2021" across years, one quarter alone."""
    if first == last:
        return quarter_short(first, lang)
    if first[:4] != last[:4]:
        return period_span(first, last, lang)
    a, b = int(first[5]), int(last[5])
    if check_lang(lang) == "vi":
        return f"quý {_ROMAN[a]}\u2013{_ROMAN[b]}/{first[:4]}"
    return f"Q{a}\u2013Q{b} {first[:4]}"
