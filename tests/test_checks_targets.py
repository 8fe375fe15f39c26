"""Regression flags, targets, lagging criteria and recognition on small hand-made data."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import write_periods, write_table
from ntm_analysis import load, summarise, validate
from ntm_analysis.checks import flags
from ntm_analysis.figures import lagging_criteria
from ntm_analysis.targets import DUE, IN_PROGRESS, MET, MISSED, NO_DATA, evaluate
from ntm_analysis.wording import lagging_text, recognition_text, target_sentences, target_text

ALL = set(range(1, 20))
REGISTER = ["commune", "recognised_year", "villages_in_scope"]


@pytest.fixture
def folder(tmp_path):
    folder = write_periods(tmp_path / "d", {
        "2020Q1": {"Tú Đoạn": ALL, "Khuất Xá": ALL - {2, 13, 17}, "Mẫu Sơn": {1, 4, 8, 19}},
        "2020Q2": {"Tú Đoạn": ALL - {16}, "Khuất Xá": ALL - {2, 13}, "Mẫu Sơn": {1, 4, 8, 19, 3, 18}},
        "2020Q3": {"Tú Đoạn": ALL, "Khuất Xá": ALL, "Mẫu Sơn": set(range(1, 13)) | {18, 19}},
    })
    write_table(folder / "communes.csv", REGISTER, [["Tú Đoạn", 2019, ""], ["Khuất Xá", "", ""],
                                                    ["Mẫu Sơn", "", 9]])
    return folder


def test_flags_lost_criteria_recognised_below_all_and_jumps(folder):
    table = flags(load(folder), jump=5)
    rows = {(r.check, r.commune, r.period_to) + (() if pd.isna(r.criterion) else (int(r.criterion),))
            for r in table.itertuples()}
    assert ("lost_criterion", "Tú Đoạn", "2020Q2", 16) in rows
    assert ("recognised_below_all", "Tú Đoạn", "2020Q2") in rows
    assert ("jump", "Mẫu Sơn", "2020Q3") in rows  # 6 -> 14
    assert not any(r[0] == "jump" and r[2] == "2020Q2" for r in rows)  # 4 -> 6 is within 5
    assert len(table[table["check"] == "lost_criterion"]) == 1
    detail = table[table["check"] == "recognised_below_all"]["detail"].iloc[0]
    assert "recognised for 2019" in detail and "not met: 16" in detail


def test_flags_communes_appearing_and_disappearing(tmp_path):
    table = flags(load(write_periods(tmp_path / "d", {"2020Q1": {"A": {1}, "B": {1}},
                                                     "2020Q2": {"A": {1}, "C": {1}}})))
    assert set(zip(table["check"], table["commune"])) == {("commune_missing", "B"), ("commune_new", "C")}


def targets_file(folder, rows):
    write_table(folder / "targets.csv", ["target", "kind", "commune", "value", "due"], rows)
    return load(folder)


def test_commune_target_names_the_missing_criteria(folder):
    assessment = targets_file(folder, [["Xã điểm", "all_criteria", "Khuất Xá", "", "2020Q4"]])
    [status] = evaluate(assessment, "2020Q1")
    assert (status.actual, status.value, status.gap, status.missing, status.state) == (16, 19, 3, [2, 13, 17], IN_PROGRESS)
    assert target_text(status) == ("Xã điểm (đang thực hiện, hạn quý IV/2020): Khuất Xá còn 03 tiêu chí chưa đạt "
                                   "(tiêu chí số 2, 13, 17).")
    assert target_text(status, "en") == ("Pilot commune Khuất Xá to meet all criteria (in progress, due Q4 2020): "
                                         "Khuất Xá has 3 criteria still to meet (criteria 2, 13, 17).")
    assert target_text(status, with_state=False).startswith("Xã điểm (hạn quý IV/2020): ")
    [status] = evaluate(assessment, "2020Q3")
    assert status.state == MET and target_text(status) == "Xã điểm (đã đạt, hạn quý IV/2020): Khuất Xá đã đạt đủ 19 tiêu chí."


def test_district_mean_and_minimum_targets(folder):
    assessment = targets_file(folder, [["Bình quân 15", "mean", "", "15", "2020Q2"],
                                       ["Không xã dưới 5", "min_met", "", "5", "2020Q4"]])
    mean, minimum = evaluate(assessment, "2020Q2")
    assert mean.actual == pytest.approx((18 + 17 + 6) / 3) and mean.gap == pytest.approx(15 - 41 / 3)
    assert mean.state == DUE  # the due quarter itself: the last chance, not yet missed
    assert target_text(mean) == ("Bình quân 15 (đến hạn quý II/2020): bình quân đạt 13,67 tiêu chí/xã, "
                                 "mục tiêu 15 tiêu chí/xã, còn thiếu 1,33 tiêu chí/xã.")
    mean, minimum = evaluate(assessment, "2020Q1")
    assert minimum.below == ["Mẫu Sơn"] and minimum.gap == 1 and minimum.state == IN_PROGRESS
    assert target_text(minimum) == ("Không xã dưới 5 (đang thực hiện, hạn quý IV/2020): còn 01 xã dưới 5 tiêu chí "
                                    "(Mẫu Sơn).")
    [high] = evaluate(targets_file(folder, [["Bình quân 18", "mean", "", "18", "2020Q2"]]), "2020Q3")
    assert high.state == MISSED  # after the due quarter (17,33 of 18)
    assert target_text(high).startswith("Bình quân 18 (không đạt, hạn quý II/2020): bình quân đạt 17,33 tiêu chí/xã")
    assert target_text(high, "en").startswith("An average of 18 criteria per commune (missed, due Q2 2020): ")


def test_village_share_target(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_table(folder / "ntm_2020Q1.csv", ["Tên xã", *map(str, range(1, 20)), "Số thôn đạt chuẩn"],
                [["Mẫu Sơn", *["Đạt"] * 19, 3], ["Tú Mịch", *["Đạt"] * 19, 2], ["Tam Gia", *["Đạt"] * 19, 3]])
    write_table(folder / "communes.csv", REGISTER, [["Mẫu Sơn", "", 9], ["Tú Mịch", "", 8], ["Tam Gia", "", 9]])
    assessment = targets_file(folder, [["Thôn", "villages_share", c, "50%", "2020Q4"]
                                       for c in ("Mẫu Sơn", "Tú Mịch", "Tam Gia")])
    [status] = evaluate(assessment, "2020Q1")
    assert (status.count, status.of, status.gap, status.value) == (8, 26, 5, 0.5)
    assert target_text(status) == ("Thôn (đang thực hiện, hạn quý IV/2020): 08/26 thôn của Mẫu Sơn, Tam Gia và Tú "
                                   "Mịch đạt chuẩn (30,8%), mục tiêu 50%, cần thêm 05 thôn.")


def test_target_without_data_says_so(folder):
    assessment = targets_file(folder, [["Khu dân cư kiểu mẫu", "model_areas", "Tú Đoạn", "1", "2020Q4"],
                                       ["Xã không có", "all_criteria", "Hữu Lân", "", "2020Q4"]])
    statuses = evaluate(assessment, "2020Q1")
    assert [s.state for s in statuses] == [NO_DATA, NO_DATA]
    # the state has its word like every other state; the body says why, without repeating it
    assert target_text(statuses[1]) == ("Xã không có (chưa có số liệu, hạn quý IV/2020): không có trong số liệu "
                                        "kỳ này (Hữu Lân).")
    assert target_text(statuses[1], "en") == ("Commune Hữu Lân to meet all criteria (no data, due Q4 2020): not in "
                                              "this period's data (Hữu Lân).")
    assert target_text(statuses[1], with_state=False).startswith("Xã không có (hạn quý IV/2020): ")


def _merged_pilots(tmp_path):
    """Two pilots merged on 1/7/2025: Đồng Tân (14 criteria) into Hạ Hậu, Mai Pa (19/19 in
    2025Q1, 18 in 2025Q2) into Tà Lèng."""
    folder = write_periods(tmp_path / "d", {
        "2025Q1": {"Đồng Tân": set(range(1, 15)), "Mai Pa": ALL, "Hạ Hậu": ALL, "Tà Lèng": ALL},
        "2025Q2": {"Đồng Tân": set(range(1, 15)), "Mai Pa": ALL - {7}, "Hạ Hậu": ALL, "Tà Lèng": ALL},
        "2025Q3": {"Hạ Hậu": set(range(1, 18)), "Tà Lèng": set(range(1, 10))},
        "2025Q4": {"Hạ Hậu": set(range(1, 18)), "Tà Lèng": set(range(1, 10))}})
    write_table(folder / "mergers.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                [["Đồng Tân", "Hạ Hậu", "01/07/2025", "NQ 1672/NQ-UBTVQH15"],
                 ["Mai Pa", "Tà Lèng", "01/07/2025", "NQ 1672/NQ-UBTVQH15"]])
    return targets_file(folder, [["Xã điểm", "all_criteria", "Đồng Tân", "", "2025Q3"],
                                 ["Xã điểm 2026", "all_criteria", "Mai Pa", "", "2026Q1"]])


def test_a_pilot_merged_away_is_judged_on_the_commune_it_is_now_part_of(tmp_path):
    """A pilot commune merged into another on 1/7/2025 has no figures of its own after it: its
    target is judged on the commune it is now part of, and says so (never "no data" forever);
    past its due quarter unmet it is missed."""
    import json

    from conftest import run_cli

    assessment = _merged_pilots(tmp_path)
    [before, _] = evaluate(assessment, "2025Q2")  # before the merger: measured on itself, nothing said
    assert before.state == IN_PROGRESS and before.successors == {} and before.judged_on == ""
    [due, _] = evaluate(assessment, "2025Q3")
    assert (due.state, due.judged_on, due.successors, due.actual, due.missing) == (
        DUE, "Hạ Hậu", {"Đồng Tân": "Hạ Hậu"}, 17, [18, 19])
    assert target_text(due) == ("Xã điểm (đến hạn quý III/2025): Đồng Tân (nay thuộc xã Hạ Hậu, đánh giá theo xã "
                                "Hạ Hậu) còn 02 tiêu chí chưa đạt (tiêu chí số 18, 19).")
    assert target_text(due, "en") == ("Pilot commune Đồng Tân to meet all criteria (due now, Q3 2025): Đồng Tân (now "
                                      "part of Hạ Hậu, judged on Hạ Hậu) has 2 criteria still to meet (criteria "
                                      "18, 19).")
    [missed, _] = evaluate(assessment, "2025Q4")
    assert missed.state == MISSED
    assert target_text(missed).startswith("Xã điểm (không đạt, hạn quý III/2025): Đồng Tân (nay thuộc xã Hạ Hậu, "
                                          "đánh giá theo xã Hạ Hậu) còn ")
    out = json.loads(run_cli("targets", str(assessment_folder(tmp_path)), "--period", "2025Q3", "--json").stdout)
    assert (out[0]["successors"], out[0]["judged_on"], out[0]["state"]) == ({"Đồng Tân": "Hạ Hậu"}, "Hạ Hậu", "due")
    from ntm_analysis.review import build_review
    from ntm_analysis.review_tables import targets_table

    row = targets_table(build_review(assessment, "2025Q3"), "vi").rows[0]  # the workbook's sheet too
    assert row[:2] == ["Xã điểm", "Đồng Tân, nay thuộc xã Hạ Hậu, đánh giá theo xã Hạ Hậu"]
    assert row[-2:] == ["đến hạn", "17/19 tiêu chí"]
    row = targets_table(build_review(assessment, "2025Q3"), "en").rows[0]
    assert row[:2] == ["Pilot commune Đồng Tân to meet all criteria", "Đồng Tân, now part of Hạ Hậu, judged on Hạ Hậu"]


def assessment_folder(tmp_path):
    return tmp_path / "d"


def test_a_target_reached_stays_reached_also_after_a_merger(tmp_path):
    """"Đã đạt" once reached: Mai Pa met all 19 in 2025Q1, lost one in 2025Q2 and was merged into
    Tà Lèng (9 of 19 later): its target stays met in every later quarter, saying since when."""
    assessment = _merged_pilots(tmp_path)
    [_, first] = evaluate(assessment, "2025Q1")
    assert (first.state, first.met_in) == (MET, "")
    assert target_text(first) == "Xã điểm 2026 (đã đạt, hạn quý I/2026): Mai Pa đã đạt đủ 19 tiêu chí."
    [_, slipped] = evaluate(assessment, "2025Q2")  # still assessed, 18 now: reached stays reached,
    # today's level and the criterion lost said (not the 19 of 2025Q1 as if it held today)
    assert (slipped.state, slipped.met_in, slipped.actual, slipped.missing) == (MET, "2025Q1", 18, [7])
    assert target_text(slipped) == ("Xã điểm 2026 (đã đạt, hạn quý I/2026): Mai Pa đã đạt đủ 19 tiêu chí từ quý I/2025, "
                                    "nay còn 01 tiêu chí chưa đạt (tiêu chí số 7).")
    assert target_text(slipped, "en") == ("Pilot commune Mai Pa to meet all criteria (met, due Q1 2026): Mai Pa met all 19 "
                                          "criteria in Q1 2025 and now has 1 criterion still to meet (criterion 7).")
    from ntm_analysis.charts import target_label

    assert target_label(slipped) == "18/19 tiêu chí (đã đạt từ quý I/2025)"
    assert target_label(slipped, "en") == "18/19 criteria (met in Q1 2025)"
    for period in ("2025Q3", "2025Q4"):  # merged away, its successor far below: still met
        [_, kept] = evaluate(assessment, period)
        assert (kept.state, kept.met_in, kept.successors) == (MET, "2025Q1", {"Mai Pa": "Tà Lèng"})
        assert target_text(kept) == ("Xã điểm 2026 (đã đạt, hạn quý I/2026): Mai Pa (nay thuộc xã Tà Lèng) đã đạt đủ 19 tiêu chí "
                                     "từ quý I/2025.")
        assert target_text(kept, "en") == ("Pilot commune Mai Pa to meet all criteria (met, due Q1 2026): Mai Pa (now part of Tà "
                                           "Lèng) has met all 19 criteria since Q1 2025.")
    from ntm_analysis.review import build_review
    from ntm_analysis.review_tables import targets_table

    row = targets_table(build_review(assessment, "2025Q4"), "vi").rows[1]
    assert row[1:] == ["Mai Pa, nay thuộc xã Tà Lèng", "Quý I/2026", 19, 19, "tiêu chí", "đã đạt",
                       "19/19 tiêu chí (từ quý I/2025)"]


def test_bad_target_rows_are_errors_with_their_cell(folder):
    write_table(folder / "targets.csv", ["target", "kind", "commune", "value", "due"],
                [["X", "bình quân", "", "15", "2020Q4"], ["Y", "mean", "", "mười lăm", "cuối năm"]])
    problems = validate(folder)
    found = {(p.row, p.column, p.value) for p in problems.errors}
    assert found == {(2, "kind", "bình quân"), (3, "value", "mười lăm"), (3, "due", "cuối năm")}


def test_lagging_lists_are_made_when_read_and_act_as_lists(folder):
    """The communes missing each criterion are made into a list the first time they are read
    (the suite ranks the criteria of every period; few read every list): before that their
    length is known, and once read they are the list of names, in every use a list has."""
    import copy
    import pickle

    table = lagging_criteria(load(folder).snapshot("2020Q1"))
    first = table.iloc[0]["missing"]
    assert first._data is None and len(first) == 2 and first._data is None  # counted, not made
    assert first == ["Khuất Xá", "Mẫu Sơn"] and first != ["Khuất Xá"] and first._data == ["Khuất Xá", "Mẫu Sơn"]
    others = table.iloc[3]["missing"]
    walked = iter(others)  # walked as the list itself: made once, not read item by item
    assert others._data is not None and list(walked) == others._data
    assert list(others) == list(reversed(list(reversed(others)))) and len(list(others)) == len(others)
    assert ", ".join(first) == "Khuất Xá, Mẫu Sơn" and "Mẫu Sơn" in first and first[-1] == "Mẫu Sơn"
    assert first[:1] == ["Khuất Xá"] and first + ["X"] == ["Khuất Xá", "Mẫu Sơn", "X"]
    for other in (table.iloc[1]["missing"], table.iloc[2]["missing"]):  # copied or pickled unread
        assert copy.copy(other) == copy.deepcopy(other) == pickle.loads(pickle.dumps(other)) == ["Khuất Xá", "Mẫu Sơn"]
    assert type(pickle.loads(pickle.dumps(table.iloc[4]["missing"]))) is list
    # every row: the communes whose cell is not "Đạt", as the plain reading of the matrix gives
    met = load(folder).snapshot("2020Q1").met
    for row in table.itertuples(index=False):
        assert row.missing == [c for c, ok in met[row.criterion].items() if not ok]


def test_lagging_json_lists_the_communes(folder, capsys):
    from ntm_analysis.cli import main

    assert main(["lagging", str(folder), "--period", "2020Q1", "--json"]) == 0
    import json

    criteria = json.loads(capsys.readouterr().out)["criteria"]
    assert criteria[0]["missing"] == ["Khuất Xá", "Mẫu Sơn"]  # a JSON array, not its text
    assert all(isinstance(c["missing"], list) for c in criteria)


def test_lagging_criteria_ranked_with_the_communes_missing_each(folder):
    table = lagging_criteria(load(folder).snapshot("2020Q1"))
    assert list(table["criterion"][:3]) == [2, 13, 17]  # met only by Tú Đoạn; ties in criterion order
    assert table.iloc[0]["missing"] == ["Khuất Xá", "Mẫu Sơn"]
    assert list(table["n_met"]) == sorted(table["n_met"])
    text = lagging_text(table, 3, top=2)  # criterion 17 is tied with the second: named too
    assert text == ("Các tiêu chí đạt thấp nhất: tiêu chí 2 (Giao thông): 01/03 xã đạt (33,3%); "
                    "tiêu chí 13 (Tổ chức sản xuất): 01/03 xã đạt (33,3%); "
                    "tiêu chí 17 (Môi trường và an toàn thực phẩm): 01/03 xã đạt (33,3%).")
    assert lagging_text(table, 3, top=1) == text  # --top 1 leaves out no criterion met as rarely
    fourth = table.iloc[3]
    assert fourth["n_met"] > 1 and f"tiêu chí {fourth['criterion']} " in lagging_text(table, 3, top=4)
    assert f"tiêu chí {table.iloc[4]['criterion']} " not in lagging_text(table, 3, top=4) or \
        table.iloc[4]["n_met"] == fourth["n_met"]


def test_recognition_is_kept_apart_from_meeting_all_criteria(folder):
    [q2] = summarise(load(folder), period="2020Q2")
    assert (q2.n_recognised, q2.n_all_met) == (1, 0)  # Tú Đoạn recognised for 2019 but at 18
    assert recognition_text(q2) == ("Lũy kế 01 xã được công nhận đạt chuẩn nông thôn mới; hiện chưa có xã nào đạt "
                                    "đủ 19 tiêu chí.")
    [q3] = summarise(load(folder), period="2020Q3")
    assert (q3.n_recognised, q3.n_all_met) == (1, 2)
    assert recognition_text(q3, "en") == ("1 commune recognised as a new rural commune; 2 communes currently meeting "
                                          "all 19 criteria.")
    from ntm_analysis.review import build_review
    from ntm_analysis.wording import recognised_text

    q1 = build_review(load(folder), "2020Q1")  # one commune: singular throughout
    assert recognised_text(q1, "en") == ("By the end of Q1 2020, 1 commune had been recognised as a new rural "
                                         "commune: in 2019, Tú Đoạn. Currently 1 commune meets all 19 criteria.")
    assert recognised_text(q1, "vi") == ("Lũy kế đến hết quý I/2020 có 01 xã được công nhận đạt chuẩn nông thôn "
                                         "mới: năm 2019 có Tú Đoạn. Hiện có 01 xã đạt đủ 19 tiêu chí.")
    write_table(folder / "communes.csv", REGISTER, [["Tú Đoạn", "", ""], ["Khuất Xá", "", ""], ["Mẫu Sơn", "", 9]])
    [none] = summarise(load(folder), period="2020Q3")  # a register, nobody recognised: never "00 xã"
    assert none.n_recognised == 0
    assert recognition_text(none) == ("Chưa có xã nào được công nhận đạt chuẩn nông thôn mới; 02 xã hiện đạt đủ 19 "
                                      "tiêu chí.")
    assert recognition_text(none, "en") == ("No commune recognised as a new rural commune yet; 2 communes currently "
                                            "meeting all 19 criteria.")


def test_target_rows_missing_what_their_kind_needs(folder):
    write_table(folder / "targets.csv", ["target", "kind", "commune", "value", "due"],
                [["A", "all_criteria", "", "", "2020Q4"], ["B", "mean", "", "", "2020Q4"],
                 ["C", "model_areas", "Hữu Lân", "1", "2020Q4"]])
    problems = validate(folder)
    assert {(p.row, p.column, p.message) for p in problems.errors} == {
        (2, "commune", "a all_criteria target needs a commune"), (3, "value", "a mean target needs a value")}
    [warning] = [p for p in problems.warnings if "assessed in no period" in p.message]
    assert (warning.row, warning.value) == (4, "Hữu Lân")


def test_ntm_targets_says_each_state_once_in_the_one_vocabulary(capsys):
    """`ntm targets` brackets the state and leaves it out of the sentence: the same words as the
    text, the tables and the chart legend ("đến hạn" in the due quarter, "không đạt" after)."""
    from ntm_analysis.cli import main

    assert main(["targets", "--period", "2020Q4"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "bình quân 15" in x)
    assert line == ("[đến hạn] Mục tiêu quốc gia 2016–2020 – bình quân 15 tiêu chí/xã (hạn quý IV/2020): bình quân "
                    "đạt 12,37 tiêu chí/xã, mục tiêu 15 tiêu chí/xã, còn thiếu 2,63 tiêu chí/xã.")
    assert main(["targets", "--period", "2021Q4", "--lang", "en"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "average of 15" in x)
    assert line.startswith("[missed] An average of 15 criteria per commune (due Q4 2020): ")


def test_english_names_of_targets(folder):
    """English outputs name a target by the data's English name (target_en) when it has one, else
    from its kind and level, never by its Vietnamese name."""
    from ntm_analysis.vocab import target_title

    write_table(folder / "targets.csv", ["target", "target_en", "kind", "commune", "value", "due"],
                [["Xã điểm 2020", "Pilot communes of 2020 to meet all criteria", "all_criteria", "Khuất Xá", "", "2020Q4"],
                 ["Bình quân 15", "", "mean", "", "15", "2020Q4"],
                 ["Thôn đạt chuẩn", "", "villages_share", "Mẫu Sơn", "50%", "2020Q4"]])
    pilot, mean, villages = evaluate(load(folder), "2020Q1")
    assert target_text(pilot, "en").startswith("Pilot communes of 2020 to meet all criteria (in progress, due Q4 2020)")
    assert target_text(pilot, "vi").startswith("Xã điểm 2020 (đang thực hiện, hạn quý IV/2020)")
    assert target_title(mean, "en") == "An average of 15 criteria per commune"
    assert target_title(villages, "en") == "Village standard in 50% of villages"
    # from its kind, "pilot" when every commune of the target is a pilot commune
    pilot.target_en = ""
    assert target_title(pilot, "en") == "Pilot commune Khuất Xá to meet all criteria"  # "Xã điểm …"
    pilot.target = "Mục tiêu 2020"
    assert target_title(pilot, "en") == "Commune Khuất Xá to meet all criteria"  # one commune: singular, named
    assert target_title(pilot, "en", frozenset({"Khuất Xá"})) == "Pilot commune Khuất Xá to meet all criteria"
    assert target_title(pilot, "en", frozenset({"Khuất Xá"}), ["Khuất Xá", "Tú Mịch"]) == "Communes to meet all criteria"
    assert target_title(pilot, "en", frozenset({"Khuất Xá", "Tú Mịch"}), ["Khuất Xá", "Tú Mịch"]) == \
        "Pilot communes to meet all criteria"


def test_each_target_has_its_own_name_the_same_in_every_place(folder):
    """Two commune targets are told apart by name: in English (the data's names being
    Vietnamese) each is named by its kind and its commune, singular for one commune, a pilot
    when the name or the register says so; ``ntm targets``, the pack's text and its targets
    table name a target alike, also when it covers several communes."""
    from conftest import run_cli
    from ntm_analysis.review import build_review
    from ntm_analysis.review_tables import targets_table
    from ntm_analysis.wording import report_sections

    targets_file(folder, [["Xã điểm đạt chuẩn", "all_criteria", "Khuất Xá", "", "2020Q4"],
                          ["Xã điểm Mẫu Sơn", "all_criteria", "Mẫu Sơn", "", "2021Q4"],
                          ["Đạt chuẩn năm 2020", "all_criteria", "Khuất Xá", "", "2020Q4"],
                          ["Đạt chuẩn năm 2020", "all_criteria", "Mẫu Sơn", "", "2020Q4"]])
    said = run_cli("targets", str(folder), "--period", "2020Q1", "--lang", "en")
    assert said.returncode == 0, said.stderr
    heading, *lines = said.stdout.splitlines()
    assert heading == "Progress against targets \u2013 Q1 2020"  # what and when (this data names no unit)
    assert lines == [
        "[in progress] Pilot commune Khuất Xá to meet all criteria (due Q4 2020): Khuất Xá has 3 criteria still to "
        "meet (criteria 2, 13, 17).",
        "[in progress] Pilot commune Mẫu Sơn to meet all criteria (due Q4 2021): Mẫu Sơn has 15 criteria still to "
        "meet (criteria 2, 3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18).",
        "[in progress] Communes to meet all criteria (due Q4 2020): Khuất Xá has 3 criteria still to meet "
        "(criteria 2, 13, 17).",
        "[in progress] Communes to meet all criteria (due Q4 2020): Mẫu Sơn has 15 criteria still to meet "
        "(criteria 2, 3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18)."]
    review = build_review(load(folder), "2020Q1")
    [text] = [s for s in report_sections(review, "en") if s.key == "targets"]
    assert [p.split(" (")[0] for p in text.paragraphs] == [
        "Pilot commune Khuất Xá to meet all criteria", "Pilot commune Mẫu Sơn to meet all criteria",
        "Communes to meet all criteria"]
    assert [row[0] for row in targets_table(review, "en").rows] == [
        "Pilot commune Khuất Xá to meet all criteria", "Pilot commune Mẫu Sơn to meet all criteria",
        "Communes to meet all criteria", "Communes to meet all criteria"]
    assert [row[0] for row in targets_table(review, "vi").rows] == [
        "Xã điểm đạt chuẩn", "Xã điểm Mẫu Sơn", "Đạt chuẩn năm 2020", "Đạt chuẩn năm 2020"]


def test_one_least_met_criterion_is_named_in_the_singular(folder):
    table = lagging_criteria(load(folder).snapshot("2020Q1")).iloc[[0]]
    assert lagging_text(table, 3) == "Tiêu chí đạt thấp nhất: tiêu chí 2 (Giao thông): 01/03 xã đạt (33,3%)."
    assert lagging_text(table, 3, "en") == "Least met criterion: criterion 2 (Transport): 1 of 3 communes (33.3%)."


def test_several_pilots_merged_into_one_commune_are_each_judged_on_it(tmp_path):
    folder = write_periods(tmp_path / "d", {"2025Q2": {"Đồng Tân": set(range(1, 15)), "Mai Pa": set(range(1, 12)),
                                                       "Hạ Hậu": ALL},
                                           "2025Q4": {"Hạ Hậu": set(range(1, 18))}})
    write_table(folder / "mergers.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                [["Đồng Tân", "Hạ Hậu", "01/07/2025", "NQ 1672/NQ-UBTVQH15"],
                 ["Mai Pa", "Hạ Hậu", "01/07/2025", "NQ 1672/NQ-UBTVQH15"]])
    assessment = targets_file(folder, [["Xã điểm", "all_criteria", "Đồng Tân", "", "2025Q4"],
                                       ["Xã điểm", "all_criteria", "Mai Pa", "", "2025Q4"]])
    statuses = evaluate(assessment, "2025Q4")
    [english] = target_sentences(statuses, "en", pilots={"Đồng Tân", "Mai Pa"}, with_state=False)
    assert english == ("Pilot communes to meet all criteria (due Q4 2025): Đồng Tân (now part of Hạ Hậu, judged on "
                       "Hạ Hậu) has 2 criteria still to meet (criteria 18, 19); Mai Pa (now part of Hạ Hậu, judged "
                       "on Hạ Hậu) has 2 criteria still to meet (criteria 18, 19).")
    [many] = target_sentences(evaluate(targets_file(folder, [["Xã điểm", "all_criteria", "Hữu Lân", "", "2025Q4"],
                                                             ["Xã điểm", "all_criteria", "Nam Quan", "", "2025Q4"]]),
                                       "2025Q4"))
    assert many == "Xã điểm (chưa có số liệu, hạn quý IV/2025): không có trong số liệu kỳ này (Hữu Lân, Nam Quan)."


def test_the_targets_chart_names_the_commune_a_merged_pilot_is_judged_on(tmp_path):
    """The bar of a pilot judged on the commune it was merged into draws that commune's level,
    and its name says so."""
    from ntm_analysis import charts

    assessment = _merged_pilots(tmp_path)
    statuses = evaluate(assessment, "2025Q3")
    for lang, name, kept in (("vi", "Đồng Tân (theo xã Hạ Hậu)", "Mai Pa (đạt trước sắp xếp)"),
                             ("en", "Đồng Tân (judged on Hạ Hậu)", "Mai Pa (met before the merger)")):
        rows, _ = charts.target_rows(statuses, lang)
        bars = {row[1]: row[2] for row in rows if row[0] == "bar"}
        assert set(bars) == {name, kept}  # Mai Pa, met before it was merged away, kept met: said so
        assert (bars[name].actual, bars[name].value) == (17, 19)
        fig = charts.targets_chart(statuses, lang, "số liệu")
        labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()] + \
            [t.get_text() for ax in fig.axes for t in ax.texts]
        assert name in labels and "17/19 " + ("tiêu chí" if lang == "vi" else "criteria") in labels


def test_flags_rank_communes_in_vietnamese_order():
    """``flags`` orders communes by ``vi_ranks``: the order of ``vi_sorted`` as ranks, and two
    spellings of one key (NFD, extra spaces) in the order given, the same on every run."""
    from ntm_analysis.checks import vi_ranks
    from ntm_analysis.text import vi_sorted

    names = ["Hữu Khánh", "Đồng Bục", "Ái Quốc", "Đông Quan", "Bằng Mạc", "Zô", "an Bình"]
    ranks = vi_ranks(names)
    assert [names[i] for i in ranks.argsort()] == vi_sorted(names)
    assert [names[i] for i in ranks.argsort()] == ["Ái Quốc", "an Bình", "Bằng Mạc", "Đông Quan", "Đồng Bục",
                                                   "Hữu Khánh", "Zô"]
    nfd = "Đo\u0302\u0300ng Bục"  # "Đồng Bục" decomposed: the same key
    assert vi_ranks(["Đồng Bục", nfd, "Ái Quốc"]).tolist() == [1, 2, 0]
    assert vi_ranks([nfd, "Đồng Bục", "Ái Quốc"]).tolist() == [1, 2, 0]
    assert vi_ranks([]).tolist() == []


def test_the_targets_chart_marks_a_share_targets_level_and_a_pilot_met_before_its_merger(tmp_path):
    """The analyst's history (60 communes merged into 22 on 1/7/2025, Bảo Phú met all 19 criteria
    every quarter and merged into Hòa Bản): the 80% target has its mark at 80% of a 100% track,
    the pilots their mark at the end; Bảo Phú's bar says it was met before the merger; the value
    label has one form in both languages; the legend's "target" is the mark drawn."""
    import numpy as np
    from matplotlib.lines import Line2D

    from ntm_analysis import charts

    folder = _analyst_history(tmp_path)
    statuses = evaluate(load([folder / "wide_csv", folder / "records"]), "2025Q3")
    for lang, pilot, value, target in (
            ("vi", "Bảo Phú (đạt trước sắp xếp)", "19/19 tiêu chí (từ quý I/2024)", "Mục tiêu"),
            ("en", "Bảo Phú (met before the merger)", "19/19 criteria (since Q1 2024)", "Target")):
        ax = charts.targets_chart(statuses, lang, "số liệu").axes[0]
        ticks = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
        assert pilot in ticks
        assert value in [t.get_text() for t in ax.texts]
        marks = {round(float(np.mean(line.get_ydata()))): line.get_xdata()[0] for line in ax.lines
                 if line.get_gid() == "target_level"}
        assert len(marks) == 3
        whole = [y for name, y in ticks.items() if name not in (pilot,) and "(" not in name][0]  # the 80% row
        assert marks[round(whole)] == pytest.approx(0.8)
        assert marks[round(ticks[pilot])] == 1.0
        tracks = [p for p in ax.patches if round(p.get_y() + p.get_height() / 2) == round(whole)]
        assert max(p.get_width() for p in tracks) == 1.0  # the track is every commune, 100%
        legend = ax.get_legend()
        assert legend.get_texts()[0].get_text() == target
        assert isinstance(legend.legend_handles[0], Line2D) and legend.legend_handles[0].get_marker() == "|"


def _analyst_history(tmp_path):
    """``python -m ntm_analysis.synth hist --communes 60 --quarters 10 --end 2026Q2`` (60 communes
    merged into 22 on 1/7/2025; 19 criteria until 2025, 10 from 2026Q1) with the analyst's pilot
    Bảo Phú (met all 19 criteria every quarter, merged into Hòa Bản), due 2026Q1."""
    from ntm_analysis import synth

    folder = tmp_path / "hist"
    assert synth.main([str(folder), "--communes", "60", "--quarters", "10", "--end", "2026Q2",
                       "--forms", "wide,records", "--formats", "csv"]) == 0
    with open(folder / "records" / "targets.csv", "a", encoding="utf-8") as f:
        f.write("Xã điểm thí điểm (sáp nhập),all_criteria,Bảo Phú,,2026Q1,pilot added by analyst\n")
    # the generator recorded its files' checksums: the analyst records the change deliberately
    from ntm_analysis.cli import main

    assert main(["record", str(folder / "records" / "targets.csv"), "--reason", "pilot added by analyst"]) == 0
    return folder


def test_ntm_targets_names_unit_and_quarter_the_set_judged_on_and_a_met_targets_due_date(tmp_path, capsys):
    """``ntm targets`` opens with a line naming the unit and quarter; a pilot due 2025Q4 read in
    2026Q1 lacks criteria of the 2026–2030 set, said so; a met target keeps its due quarter."""
    from ntm_analysis.cli import main

    folder = _analyst_history(tmp_path)
    capsys.readouterr()  # what the generator printed
    args = ["targets", str(folder / "wide_csv"), str(folder / "records"), "--period", "2026Q1"]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Tiến độ thực hiện mục tiêu \u2013 tỉnh Tam Mỹ, quý I/2026",
        "[không đạt] 80% số xã đạt chuẩn (hạn quý IV/2025): 01/22 xã được công nhận đạt chuẩn (4,5%), mục tiêu "
        "80%, cần thêm 17 xã.",
        "[không đạt] Xã điểm đạt chuẩn (hạn quý IV/2025): Tân Lập (nay thuộc xã Long Liên, đánh giá theo xã Long "
        "Liên) còn 03 tiêu chí chưa đạt (tiêu chí số 1, 2, 5 của Bộ tiêu chí 2026\u20132030).",
        "[đã đạt] Xã điểm thí điểm (sáp nhập) (hạn quý I/2026): Bảo Phú (nay thuộc xã Hòa Bản) đã đạt đủ 19 tiêu "
        "chí từ quý I/2024."]
    assert main(args + ["--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Progress against targets \u2013 Tam Mỹ province, Q1 2026"
    assert out[2] == ("[missed] Pilot commune Tân Lập to meet all criteria (due Q4 2025): Tân Lập (now part of "
                      "Long Liên, judged on Long Liên) has 3 criteria still to meet (criteria 1, 2, 5 of the "
                      "2026\u20132030 set).")
    assert main(args + ["--json"]) == 0
    assert capsys.readouterr().out.lstrip().startswith("[")  # --json: only JSON, as before
    statuses = evaluate(load([folder / "wide_csv", folder / "records"]), "2026Q1")
    met = [s for s in statuses if s.state == MET]
    assert target_text(met[0]).startswith("Xã điểm thí điểm (sáp nhập) (đã đạt, hạn quý I/2026): Bảo Phú")
    assert target_text(met[0], "en").startswith("Pilot commune Bảo Phú to meet all criteria (met, due Q1 2026)")


def test_a_target_kept_met_is_the_same_with_and_without_by(tmp_path):
    """A pilot commune that met all criteria and lost one since is "đã đạt" with and without
    ``--by`` (each unit holds its history), at today's level, the criterion lost said (a
    reviewer found the province's line "đến hạn" while the country's said "đã đạt")."""
    import contextlib
    import io

    from ntm_analysis import synth
    from ntm_analysis.cli import main
    from ntm_analysis.units import unit_targets
    from ntm_analysis.vocab import quarter_short

    synth.write(synth.generate(600, 24, 0, end="2026Q2"), tmp_path, forms=("wide", "records"), formats=("parquet",))
    assessment = load([tmp_path / "wide_parquet", tmp_path / "records"])
    kept = [s for s in evaluate(assessment, "2023Q1") if s.met_in and s.missing]
    assert [(s.communes, s.state, s.missing) for s in kept] == [(["Ea Khánh"], MET, [3])]
    [status] = kept
    by_province = [s for u in unit_targets(assessment, "2023Q1", "province") for s in u.result if s.communes == ["Ea Khánh"]]
    assert [(s.state, s.met_in, s.actual, s.missing) for s in by_province] == \
        [(status.state, status.met_in, status.actual, status.missing)]
    for by in ([], ["--by", "province"]):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            assert main(["targets", str(tmp_path / "wide_parquet"), str(tmp_path / "records"), "--period", "2023Q1", *by]) == 0
        line = next(line for line in buffer.getvalue().splitlines() if "Ea Khánh" in line)
        assert "[đã đạt]" in line and line.endswith(
            f"Ea Khánh đã đạt đủ 19 tiêu chí từ {quarter_short(status.met_in, 'vi')}, nay còn 01 tiêu chí chưa đạt "
            "(tiêu chí số 3).")
