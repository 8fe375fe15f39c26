"""The review's text as a district report writes it: the paragraphs of 2020Q1 and 2020Q2 of the
bundled data, literally, in both languages; and their figures checked against the raw files."""

from __future__ import annotations

import csv
import re

import pytest

from conftest import ROOT
from ntm_analysis import load
from ntm_analysis.review import build_review
from ntm_analysis.wording import report_sections, report_text

Q1_VI = [
    # 1. Kết quả chung
    ('Tính đến ngày 31/3/2020, toàn huyện có 19 xã thực hiện Bộ tiêu chí quốc gia về xã nông thôn '
     'mới giai đoạn 2016–2020, trong đó có 04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt'
     ' 9 tiêu chí, 13 xã đạt từ 5 đến 8 tiêu chí. Tổng số tiêu chí đạt chuẩn là 187 tiêu chí, '
     'trung bình đạt 9,84 tiêu chí/xã.'),
    ('Chi tiết theo số tiêu chí đạt: 04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt 9 '
     'tiêu chí, 05 xã đạt 8 tiêu chí, 03 xã đạt 7 tiêu chí, 04 xã đạt 6 tiêu chí, 01 xã đạt 5 tiêu'
     ' chí.'),
    ('Lũy kế đến hết quý I/2020 có 04 xã được công nhận đạt chuẩn nông thôn mới: năm 2017 có Yên '
     'Khoái; năm 2018 có Đồng Bục và Hữu Khánh; năm 2019 có Tú Đoạn. Hiện có 04 xã đạt đủ 19 tiêu chí.'),
    # 2. Kết quả theo từng tiêu chí
    ('Tiêu chí số 16 về Văn hóa và số 17 về Môi trường và an toàn thực phẩm có tỷ lệ đạt thấp nhất'
     ' (04/19 xã, 21,1%).'),
    ('Có 04 tiêu chí được tất cả các xã đạt (tiêu chí số 1, 4, 8 và 19); 12 tiêu chí đạt dưới một '
     'nửa số xã (tiêu chí số 2, 5, 6, 7, 9, 10, 11, 12, 13, 15, 16 và 17). Theo nhóm tiêu chí, tỷ lệ'
     ' đạt bình quân của nhóm quy hoạch là 100,0%, nhóm hạ tầng kinh tế – xã hội 52,0%, nhóm kinh tế'
     ' và tổ chức sản xuất 34,2%, nhóm văn hóa – xã hội – môi trường 34,2% và nhóm hệ thống chính '
     'trị 97,4%.'),
    # 3. So sánh với quý trước và cùng kỳ năm trước
    'Không có số liệu kỳ trước (quý IV/2019) để so sánh.',
    'Không có số liệu cùng kỳ năm trước (quý I/2019) để so sánh.',
    # 4. Xã điểm và các mục tiêu
    ('Xã điểm đạt chuẩn NTM năm 2020 (đang thực hiện, hạn quý IV/2020): Khuất Xá còn 07 tiêu chí '
     'chưa đạt (tiêu chí số 2, 5, 6, 9, 10, 16, 17); Tú Mịch còn 10 tiêu chí chưa đạt (tiêu chí số'
     ' 2, 5, 6, 7, 9, 10, 11, 13, 16, 17).'),
    ('Thôn đạt chuẩn NTM ở xã biên giới (đang thực hiện, hạn quý IV/2020): 08/26 thôn của Mẫu Sơn,'
     ' Tam Gia và Tú Mịch đạt chuẩn (30,8%), mục tiêu 50%, cần thêm 05 thôn.'),
    ('Khu dân cư NTM kiểu mẫu năm 2020 (đang thực hiện, hạn quý IV/2020): Đồng Bục, Hữu Khánh, '
     'Tú Đoạn và Yên Khoái chưa hoàn thành khu dân cư kiểu mẫu nào (kế hoạch 1 khu/xã).'),
    ('Xã NTM nâng cao năm 2020 (đang thực hiện, hạn quý IV/2020): Hữu Khánh chưa đạt chuẩn nông '
     'thôn mới nâng cao.'),
    ('Mục tiêu quốc gia 2016–2020 – bình quân 15 tiêu chí/xã (đang thực hiện, hạn quý IV/2020): '
     'bình quân đạt 9,84 tiêu chí/xã, mục tiêu 15 tiêu chí/xã, còn thiếu 5,16 tiêu chí/xã.'),
    ('Mục tiêu quốc gia 2016–2020 – không còn xã dưới 5 tiêu chí (đã đạt, hạn quý IV/2020): không còn xã nào dưới 5'
     ' tiêu chí.'),
    # 5. Cảnh báo
    'Không có xã nào được công nhận mà chưa đạt đủ tiêu chí.',
]

Q1_EN = [
    # 1. Overall result
    ('As of 31 March 2020, 19 communes in the district were implementing the National Criteria for'
     ' New Rural Communes, 2016–2020: 4 communes met 19 criteria, 1 commune met 12 criteria, 1 '
     'commune met 9 criteria, 13 communes met 5 to 8 criteria. In total 187 criteria were met, an '
     'average of 9.84 criteria per commune.'),
    ('By criteria met: 4 communes met 19 criteria, 1 commune met 12 criteria, 1 commune met 9 '
     'criteria, 5 communes met 8 criteria, 3 communes met 7 criteria, 4 communes met 6 criteria, 1'
     ' commune met 5 criteria.'),
    ('By the end of Q1 2020, 4 communes had been recognised as new rural communes: in 2017, '
     'Yên Khoái; in 2018, Đồng Bục and Hữu Khánh; in 2019, Tú Đoạn. Currently 4 communes meet all 19 '
     'criteria.'),
    # 2. Results by criterion
    ('Criteria 16 (Culture) and 17 (Environment and food safety) are the least met (4 of 19 '
     'communes, 21.1%).'),
    ('Criteria 1, 4, 8 and 19 are met by every commune; fewer than half of the communes '
     'meet 12 criteria (criteria 2, 5, 6, 7, 9, 10, 11, 12, 13, 15, 16 and 17). By group of criteria, the '
     'average share met is 100.0% for planning; 52.0% for socio-economic infrastructure; 34.2% for '
     'economy and production organisation; 34.2% for culture, society and environment; and 97.4% '
     'for the political system.'),
    # 3. Against the previous quarter and the same quarter a year before
    'There is no data for the previous quarter (Q4 2019) to compare with.',
    'There is no data for the same quarter a year before (Q1 2019) to compare with.',
    # 4. Pilot communes and targets
    ('Pilot communes to meet all criteria (in progress, due Q4 2020): Khuất Xá has 7 criteria '
     'still to meet (criteria 2, 5, 6, 9, 10, 16, 17); Tú Mịch has 10 criteria still to meet '
     '(criteria 2, 5, 6, 7, 9, 10, 11, 13, 16, 17).'),
    ('Village standard in 50% of villages (in progress, due Q4 2020): 8 of 26 villages of Mẫu '
     'Sơn, Tam Gia and Tú Mịch meet the standard (30.8%), target 50%, 5 more needed.'),
    ('One model residential area per commune (in progress, due Q4 2020): Đồng Bục, Hữu Khánh, '
     'Tú Đoạn and Yên Khoái completed no model residential area yet (planned 1 each).'),
    ('Advanced NTM standard (in progress, due Q4 2020): Hữu Khánh does not yet meet the advanced '
     'NTM standard.'),
    ('An average of 15 criteria per commune (in progress, due Q4 2020): the average is 9.84 '
     'criteria per commune, target 15, 5.16 short.'),
    'No commune below 5 criteria (met, due Q4 2020): no commune is below 5 criteria.',
    # 5. Warnings
    'No recognised commune falls short of any criterion.',
]

Q2_VI = [
    # 1. Kết quả chung
    ('Tính đến ngày 30/6/2020, toàn huyện có 19 xã thực hiện Bộ tiêu chí quốc gia về xã nông thôn '
     'mới giai đoạn 2016–2020, trong đó có 04 xã đạt 19 tiêu chí, 03 xã đạt từ 10 đến 14 tiêu chí,'
     ' 12 xã đạt từ 5 đến 9 tiêu chí. Tổng số tiêu chí đạt chuẩn là 203 tiêu chí, trung bình đạt '
     '10,68 tiêu chí/xã. Ngoài ra có 03 tiêu chí cơ bản đạt (chưa tính là đạt).'),
    ('Chi tiết theo số tiêu chí đạt: 04 xã đạt 19 tiêu chí, 01 xã đạt 14 tiêu chí, 01 xã đạt 12 '
     'tiêu chí, 01 xã đạt 10 tiêu chí, 02 xã đạt 9 tiêu chí, 06 xã đạt 8 tiêu chí, 02 xã đạt 7 '
     'tiêu chí, 01 xã đạt 6 tiêu chí, 01 xã đạt 5 tiêu chí.'),
    ('Lũy kế đến hết quý II/2020 có 04 xã được công nhận đạt chuẩn nông thôn mới: năm 2017 có Yên '
     'Khoái; năm 2018 có Đồng Bục và Hữu Khánh; năm 2019 có Tú Đoạn. Hiện có 04 xã đạt đủ 19 tiêu chí.'),
    # 2. Kết quả theo từng tiêu chí
    ('Tiêu chí số 16 về Văn hóa và số 17 về Môi trường và an toàn thực phẩm có tỷ lệ đạt thấp nhất'
     ' (04/19 xã, 21,1%).'),
    ('Có 03 tiêu chí được tất cả các xã đạt (tiêu chí số 1, 4 và 8); 11 tiêu chí đạt dưới một nửa số'
     ' xã (tiêu chí số 2, 5, 6, 7, 9, 10, 11, 13, 15, 16 và 17). Theo nhóm tiêu chí, tỷ lệ đạt bình '
     'quân của nhóm quy hoạch là 100,0%, nhóm hạ tầng kinh tế – xã hội 56,6%, nhóm kinh tế và tổ '
     'chức sản xuất 39,5%, nhóm văn hóa – xã hội – môi trường 42,1% và nhóm hệ thống chính trị '
     '94,7%.'),
    # 3. So sánh với quý trước và cùng kỳ năm trước
    ('So với quý I/2020, tổng số tiêu chí đạt chuẩn tăng 16 tiêu chí (từ 187 lên 203), bình quân '
     'tăng 0,84 tiêu chí/xã (từ 9,84 lên 10,68). Có 11 xã có thêm tiêu chí đạt chuẩn; 01 xã có '
     'tiêu chí không còn đạt (chi tiết tại mục 5).'),
    'Không có số liệu cùng kỳ năm trước (quý II/2019) để so sánh.',
    # 4. Xã điểm và các mục tiêu
    ('Xã điểm đạt chuẩn NTM năm 2020 (đang thực hiện, hạn quý IV/2020): Khuất Xá còn 05 tiêu chí '
     'chưa đạt (tiêu chí số 2, 5, 6, 16, 17); Tú Mịch còn 07 tiêu chí chưa đạt (tiêu chí số 2, 5, '
     '6, 10, 11, 16, 17).'),
    ('Thôn đạt chuẩn NTM ở xã biên giới (đang thực hiện, hạn quý IV/2020): 09/26 thôn của Mẫu Sơn,'
     ' Tam Gia và Tú Mịch đạt chuẩn (34,6%), mục tiêu 50%, cần thêm 04 thôn.'),
    ('Khu dân cư NTM kiểu mẫu năm 2020 (đang thực hiện, hạn quý IV/2020): Hữu Khánh, Tú Đoạn và '
     'Yên Khoái chưa hoàn thành khu dân cư kiểu mẫu nào (kế hoạch 1 khu/xã); Đồng Bục đã hoàn thành '
     '01 khu dân cư kiểu mẫu.'),
    ('Xã NTM nâng cao năm 2020 (đang thực hiện, hạn quý IV/2020): Hữu Khánh chưa đạt chuẩn nông '
     'thôn mới nâng cao.'),
    ('Mục tiêu quốc gia 2016–2020 – bình quân 15 tiêu chí/xã (đang thực hiện, hạn quý IV/2020): '
     'bình quân đạt 10,68 tiêu chí/xã, mục tiêu 15 tiêu chí/xã, còn thiếu 4,32 tiêu chí/xã.'),
    ('Mục tiêu quốc gia 2016–2020 – không còn xã dưới 5 tiêu chí (đã đạt, hạn quý IV/2020): không còn xã nào dưới 5'
     ' tiêu chí.'),
    # 5. Cảnh báo
    ('Tiêu chí không còn đạt: Hữu Lân — tiêu chí số 19 (Quốc phòng và An ninh) đạt ở quý I/2020, '
     'không đạt ở quý II/2020.'),
]

Q2_EN = [
    # 1. Overall result
    ('As of 30 June 2020, 19 communes in the district were implementing the National Criteria for '
     'New Rural Communes, 2016–2020: 4 communes met 19 criteria, 3 communes met 10 to 14 criteria,'
     ' 12 communes met 5 to 9 criteria. In total 203 criteria were met, an average of 10.68 '
     'criteria per commune. A further 3 criteria were basically met (not counted as met).'),
    ('By criteria met: 4 communes met 19 criteria, 1 commune met 14 criteria, 1 commune met 12 '
     'criteria, 1 commune met 10 criteria, 2 communes met 9 criteria, 6 communes met 8 criteria, 2'
     ' communes met 7 criteria, 1 commune met 6 criteria, 1 commune met 5 criteria.'),
    ('By the end of Q2 2020, 4 communes had been recognised as new rural communes: in 2017, '
     'Yên Khoái; in 2018, Đồng Bục and Hữu Khánh; in 2019, Tú Đoạn. Currently 4 communes meet all 19 '
     'criteria.'),
    # 2. Results by criterion
    ('Criteria 16 (Culture) and 17 (Environment and food safety) are the least met (4 of 19 '
     'communes, 21.1%).'),
    ('Criteria 1, 4 and 8 are met by every commune; fewer than half of the communes meet 11 '
     'criteria (criteria 2, 5, 6, 7, 9, 10, 11, 13, 15, 16 and 17). By group of criteria, the average'
     ' share met is 100.0% for planning; 56.6% for socio-economic infrastructure; 39.5% for economy '
     'and production organisation; 42.1% for culture, society and environment; and 94.7% for the '
     'political system.'),
    # 3. Against the previous quarter and the same quarter a year before
    ('Compared with Q1 2020, the number of criteria met rose by 16 (from 187 to 203) and the '
     'average rose by 0.84 criteria per commune (from 9.84 to 10.68). New criteria were met in 11 '
     'communes; criteria were lost in 1 commune (see section 5).'),
    'There is no data for the same quarter a year before (Q2 2019) to compare with.',
    # 4. Pilot communes and targets
    ('Pilot communes to meet all criteria (in progress, due Q4 2020): Khuất Xá has 5 criteria '
     'still to meet (criteria 2, 5, 6, 16, 17); Tú Mịch has 7 criteria still to meet (criteria 2, '
     '5, 6, 10, 11, 16, 17).'),
    ('Village standard in 50% of villages (in progress, due Q4 2020): 9 of 26 villages of Mẫu '
     'Sơn, Tam Gia and Tú Mịch meet the standard (34.6%), target 50%, 4 more needed.'),
    ('One model residential area per commune (in progress, due Q4 2020): Hữu Khánh, Tú Đoạn and '
     'Yên Khoái completed no model residential area yet (planned 1 each); Đồng Bục completed 1 model'
     ' residential area.'),
    ('Advanced NTM standard (in progress, due Q4 2020): Hữu Khánh does not yet meet the advanced '
     'NTM standard.'),
    ('An average of 15 criteria per commune (in progress, due Q4 2020): the average is 10.68 '
     'criteria per commune, target 15, 4.32 short.'),
    'No commune below 5 criteria (met, due Q4 2020): no commune is below 5 criteria.',
    # 5. Warnings
    ('Criterion no longer met: Hữu Lân — criterion 19 (Defence and security) met in Q1 2020, not '
     'in Q2 2020.'),
]

TITLES = {"vi": ["Kết quả chung", "Kết quả theo từng tiêu chí", "So sánh với quý trước và cùng kỳ năm trước",
                 "Xã điểm và các mục tiêu", "Cảnh báo"],
          "en": ["Overall result", "Results by criterion",
                 "Against the previous quarter and the same quarter a year before", "Pilot communes and targets",
                 "Warnings"]}


@pytest.fixture(scope="module")
def bundled():
    return load()


@pytest.mark.parametrize("period,bands,lang,expected", [
    ("2020Q1", "19,12,9,5-8", "vi", Q1_VI), ("2020Q1", "19,12,9,5-8", "en", Q1_EN),
    ("2020Q2", None, "vi", Q2_VI), ("2020Q2", None, "en", Q2_EN)])
def test_report_paragraphs_as_a_district_report_writes_them(bundled, period, bands, lang, expected):
    sections = report_sections(build_review(bundled, period, bands), lang)
    assert [s.title for s in sections] == TITLES[lang]
    assert [p for s in sections for p in s.paragraphs] == expected


def _raw(period: str) -> dict[str, set[int]]:
    """Criteria met per commune, read straight from the bundled CSV with the csv module."""
    with open(ROOT / "data" / "loc_binh" / f"ntm_{period}.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return {r[1]: {c for c in range(1, 20) if r[1 + c] == "Đạt"} for r in rows[2:] if r and r[0].isdigit()}


@pytest.mark.parametrize("period", ["2020Q1", "2020Q2"])
def test_the_figures_in_the_text_are_the_files_figures(bundled, period):
    raw = _raw(period)
    total = sum(len(m) for m in raw.values())
    mean = f"{total / len(raw):.2f}".replace(".", ",")
    per = {c: sum(c in m for m in raw.values()) for c in range(1, 20)}
    low = min(per.values())
    text = report_text(build_review(bundled, period), "vi")
    assert f"toàn huyện có {len(raw)} xã" in text
    assert f"Tổng số tiêu chí đạt chuẩn là {total} tiêu chí, trung bình đạt {mean} tiêu chí/xã." in text
    lowest = [c for c, n in per.items() if n == low]
    assert f"Tiêu chí số {lowest[0]} về" in text and f"({low:02d}/{len(raw)} xã," in text
    missing = sorted(set(range(1, 20)) - raw["Khuất Xá"])
    assert (f"Khuất Xá còn {len(missing):02d} tiêu chí chưa đạt (tiêu chí số "
            f"{', '.join(map(str, missing))})") in text


def test_the_text_file_opens_with_programme_unit_quarter_and_date(bundled):
    review = build_review(bundled, "2020Q1")
    vi, en = report_text(review, "vi"), report_text(review, "en")
    assert vi.splitlines()[:3] == ["KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI",
                                   "Huyện Lộc Bình, tỉnh Lạng Sơn — Quý I/2020", "(Tính đến ngày 31/3/2020)"]
    assert en.splitlines()[:3] == ["IMPLEMENTATION OF THE NATIONAL CRITERIA FOR NEW RURAL COMMUNES",
                                   "Lộc Bình district, Lạng Sơn province — Q1 2020", "(As of 31 March 2020)"]
    assert "1. Kết quả chung" in vi.splitlines() and "5. Warnings" in en.splitlines()


@pytest.mark.parametrize("period", ["2020Q1", "2020Q2", "2020Q4", "2021Q4"])
def test_one_language_and_report_style_in_every_quarter(bundled, period):
    review = build_review(bundled, period)
    vi, en = report_text(review, "vi"), report_text(review, "en")
    assert " 00 xã" not in vi and "((" not in en and "))" not in en and "[" not in vi + en
    assert not re.search(r"\d\.\d", vi.replace("2016-2020", "")), "a decimal point in the Vietnamese text"
    assert not re.search(r"\d,\d\d(?!\d)", en), "a decimal comma in the English text"
    for word in (" xã ", "tiêu chí", "Đạt", "quý"):
        assert word not in en.replace("Lộc Bình", "").replace("Lạng Sơn", "") or word == "Đạt"
    assert "criteria" not in vi and "None" not in vi + en and "False" not in vi + en


def _section(review, lang, key):
    [section] = [s for s in report_sections(review, lang) if s.key == key]
    return section.paragraphs


def test_each_pilot_commune_is_said_once(bundled):
    """The pilots' target details them; no second sentence repeats them (nor says "còn 07" then
    "đạt 12/19" of one commune)."""
    for period in ("2020Q1", "2020Q4"):
        text = " ".join(_section(build_review(bundled, period), "vi", "targets"))
        assert text.count("Khuất Xá") == 1 and text.count("Tú Mịch") == 2  # Tú Mịch: a pilot and a border commune
        assert "/19 tiêu chí" not in text
    assert _section(build_review(bundled, "2020Q4"), "vi", "targets")[0] == (
        "Xã điểm đạt chuẩn NTM năm 2020 (đã đạt, hạn quý IV/2020): Khuất Xá và Tú Mịch đã đạt đủ 19 tiêu chí.")
    assert _section(build_review(bundled, "2020Q4"), "en", "targets")[0] == (
        "Pilot communes to meet all criteria (met, due Q4 2020): Khuất Xá and Tú Mịch meet all 19 criteria.")


def test_a_target_is_due_in_its_quarter_and_missed_after(bundled):
    """One vocabulary of states: in the due quarter a target not reached is "đến hạn", only after
    it "không đạt" (missed)."""
    due = _section(build_review(bundled, "2020Q4"), "vi", "targets")[4]
    assert due == ("Mục tiêu quốc gia 2016–2020 – bình quân 15 tiêu chí/xã (đến hạn quý IV/2020): bình quân đạt "
                   "12,37 tiêu chí/xã, mục tiêu 15 tiêu chí/xã, còn thiếu 2,63 tiêu chí/xã.")
    missed = _section(build_review(bundled, "2021Q4"), "vi", "targets")[4]
    assert missed == ("Mục tiêu quốc gia 2016–2020 – bình quân 15 tiêu chí/xã (không đạt, hạn quý IV/2020): bình "
                      "quân đạt 14,95 tiêu chí/xã, mục tiêu 15 tiêu chí/xã, còn thiếu 0,05 tiêu chí/xã.")
    assert _section(build_review(bundled, "2020Q4"), "en", "targets")[4] == (
        "An average of 15 criteria per commune (due now, Q4 2020): the average is 12.37 criteria per commune, "
        "target 15, 2.63 short.")
    assert _section(build_review(bundled, "2021Q4"), "en", "targets")[4] == (
        "An average of 15 criteria per commune (missed, due Q4 2020): the average is 14.95 criteria per commune, "
        "target 15, 0.05 short.")


def test_no_claim_about_a_previous_quarter_the_data_lacks(bundled):
    assert _section(build_review(bundled, "2020Q1"), "vi", "flags") == [
        "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí."]
    assert _section(build_review(bundled, "2021Q4"), "vi", "flags") == [
        "Không có xã nào được công nhận mà chưa đạt đủ tiêu chí, không có tiêu chí nào không còn đạt so với "
        "quý III/2021."]
    assert _section(build_review(bundled, "2021Q4"), "en", "flags") == [
        "No recognised commune falls short of any criterion, and no criterion met in Q3 2021 has been lost."]


def test_comparisons_in_english_say_rose_and_fell(bundled):
    assert _section(build_review(bundled, "2021Q4"), "en", "compare")[0].startswith(
        "Compared with Q3 2021, the number of criteria met rose by 16 (from 268 to 284) and the average rose by "
        "0.84 criteria per commune (from 14.11 to 14.95).")


@pytest.mark.parametrize("period", ["2020Q1", "2020Q2", "2020Q3", "2020Q4", "2021Q4"])
def test_sentences_read_as_a_report(bundled, period):
    """No English sentence begins with a numeral; one colon per sentence; set names with an en
    dash; "quý" in lower case inside a sentence; counts under ten padded in Vietnamese (vocab's
    one rule), levels and criterion numbers not."""
    review = build_review(bundled, period)
    for lang in ("vi", "en"):
        for paragraph in (p for s in report_sections(review, lang) for p in s.paragraphs):
            for sentence in re.split(r"(?<=\.) (?=[A-ZÀ-Ỹ])", paragraph):
                assert sentence.count(":") <= 1, sentence
                assert "2016-2020" not in sentence, sentence
                if lang == "en":
                    assert not sentence[:1].isdigit(), sentence
                else:
                    assert not re.search(r"(?<!^)(?<!\. )Quý", sentence), sentence
                    assert not re.search(r"(?<![\d/,])\b[1-9] (xã|thôn)\b", sentence), sentence  # "4 xã": unpadded
                    assert not re.search(r"còn [1-9] tiêu chí", sentence), sentence
    text = report_text(review, "vi")
    assert "chưa đạt: tiêu chí" not in text  # "…, chưa đạt tiêu chí số 17": one colon


def test_one_criterion_met_by_every_commune_in_the_singular():
    """"Every commune meets 2 criteria" read as "only 2": the criteria named come first, and agree."""
    from types import SimpleNamespace

    import pandas as pd

    from ntm_analysis.wording import criteria_paragraph

    lagging = pd.DataFrame({"criterion": [5, 16, 2], "n_met": [4, 2, 1]})
    review = SimpleNamespace(lagging=lagging, n_communes=4, criteria_groups=[])
    assert criteria_paragraph(review, "en") == ("Criterion 5 is met by every commune; fewer than "
                                                "half of the communes meet 1 criterion (criterion 2).")
    assert criteria_paragraph(review, "vi") == ("Có 01 tiêu chí được tất cả các xã đạt (tiêu chí số 5); 01 tiêu chí "
                                                "đạt dưới một nửa số xã (tiêu chí số 2).")


def test_a_recognised_commune_short_of_a_criterion_is_not_below_all(bundled):
    """"Below all criteria" read as "meets none": Yên Khoái meets 18 of 19."""
    assert _section(build_review(bundled, "2020Q3"), "en", "flags")[0] == (
        "Recognised commune not meeting all criteria: Yên Khoái — recognised in 2017, now meets 18 of 19 "
        "criteria, not meeting criterion 17.")


def test_vietnamese_text_names_a_workbook_sheet_in_vietnamese():
    """"trang tính", as Excel in Vietnamese says, never the English "sheet" in a Vietnamese
    sentence (review 5, D6); the placeholder {sheet} is the sheet's own Vietnamese name."""
    from ntm_analysis.vocab import PHRASES, SHEETS, phrases

    english_word = [f"{area}.{key}" for area, table in PHRASES["vi"].items() for key, text in table.items()
                    if "sheet" in re.sub(r"\{[^}]*\}", "", text).casefold()]
    assert english_word == []
    say = {lang: phrases(lang, "page") for lang in ("vi", "en")}
    assert say["vi"]["sets_sheet"].format(sheet=SHEETS["vi"]["previous"], all="09 xã") == (
        "Trang tính “So với quý trước” của tệp bảng tính liệt kê số tiêu chí đạt của tất cả 09 xã ở hai kỳ, mỗi kỳ "
        "theo bộ tiêu chí của kỳ đó.")
    assert say["en"]["sets_sheet"].format(sheet=SHEETS["en"]["previous"], all="9 communes") == (
        "The sheet “Previous quarter” of the workbook lists the criteria met by all 9 communes in both quarters, "
        "each against its own set.")


def test_a_share_that_is_not_nothing_is_never_printed_as_nothing():
    """1 commune of 3.001 is "<0,1%", not "0,0%" (the band chart showed "1 (0,0%)", review 8);
    3.000 of 3.001 is ">99,9%"; none and all stay "0,0%" and "100,0%"."""
    from ntm_analysis.vocab import share_text

    assert [share_text(n, 3001) for n in (0, 1, 2, 3000, 3001)] == ["0,0%", "<0,1%", "0,1%", ">99,9%", "100,0%"]
    assert [share_text(n, 3001, "en") for n in (1, 3000)] == ["<0.1%", ">99.9%"]


def test_the_band_chart_writes_a_tiny_share_as_the_text_does(tmp_path):
    from matplotlib.text import Text

    from conftest import statuses, write_csv
    from ntm_analysis import charts, load
    from ntm_analysis.figures import summarise_snapshot

    rows = [["Tên xã", *map(str, range(1, 20))]] + [[f"Xã {i:04d}", *statuses(set(range(1, 20)))] for i in range(3000)]
    rows.append(["Xã Cuối", *statuses({1, 2})])
    assessment = load(write_csv(tmp_path / "ntm_2020Q1.csv", rows))
    fig = charts.band_chart(summarise_snapshot(assessment, assessment.snapshot()), "vi")
    labels = [t.get_text() for t in fig.findobj(Text) if "%" in t.get_text()]
    assert "3.000 (>99,9%)" in labels and "1 (<0,1%)" in labels
