"""Every message in one language: the catalogue is complete in both languages, every message the
package says comes from it, and `ntm validate` prints whole lines in the language asked for."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

from conftest import ROOT, THREE, run_cli, wide_rows, write_csv
from ntm_analysis import DataError, load, validate
from ntm_analysis.text import STATUS_VOCABULARY
from ntm_analysis.vocab_messages import (COMMAND_MESSAGES, LANGS, LANGUAGE_SPECIFIC, MESSAGES, PROBLEM_MESSAGES,
                                         TERMINAL_WORDS, Message, placeholders)

PACKAGE = ROOT / "ntm_analysis"


def sample(name: str):
    """A value for a placeholder: numbers where a format spec needs one, a message elsewhere too."""
    return 171 if name in {"byte", "n", "stated", "shown", "code", "port", "errors", "warnings", "periods",
                           "assessments", "added", "removed", "at", "first", "last", "size"} else f"<{name}>"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_id_is_in_every_language_with_its_placeholders(lang):
    assert set(MESSAGES[lang]) == set(MESSAGES["en"])
    assert not set(PROBLEM_MESSAGES[lang]) & set(COMMAND_MESSAGES[lang])  # one id, one message
    assert set(TERMINAL_WORDS[lang]) == set(TERMINAL_WORDS["en"])
    for key, template in MESSAGES[lang].items():
        if key not in LANGUAGE_SPECIFIC:
            assert placeholders(template) == placeholders(MESSAGES["en"][key]), key
        names = placeholders(template) | placeholders(MESSAGES["en"][key])
        text = Message(key, **{n: sample(n) for n in names}).text(lang)
        assert "{" not in text.replace("{n}", "") and "}" not in text, (key, text)
        for name in placeholders(template):
            assert str(sample(name)) in text or f"{sample(name):02X}" in text, (key, name, text)
        assert text == text.strip() or key in {"text"}, key


def test_vietnamese_messages_are_not_english():
    """No Vietnamese message is left as its English text (names of things excepted)."""
    same = {k for k, v in MESSAGES["vi"].items() if v == MESSAGES["en"][k]}
    assert same <= {"text", "option_reason", "source_set"}, same


def test_the_status_vocabulary_message_is_the_readers_vocabulary():
    assert Message("status_vocabulary") == STATUS_VOCABULARY
    assert Message("unknown_status", expected=Message("status_vocabulary")).text("vi") == (
        "không đọc được tình trạng (cần: Đạt / Chưa đạt / Cơ bản đạt, Đ / CĐ / CBĐ, x hoặc để trống, 1 / 0, "
        "True / False)")


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def test_every_message_the_package_says_is_in_the_catalogue():
    """Each ``problems.error/warning(file, row, column, MESSAGE, …)``, ``Message(KEY, …)`` and
    ``UsageError(KEY, …)`` in the package names a message id of the catalogue, with the values
    its English text fills in."""
    checked = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            if name in ("error", "warning") and isinstance(func, ast.Attribute) and len(call.args) >= 4 \
                    and getattr(func.value, "id", "") in ("problems", "add", "found"):
                message = call.args[3]
            elif name in ("Message", "UsageError") and call.args:
                message = call.args[0]
            else:
                continue
            if not isinstance(message, ast.Constant):
                assert isinstance(message, (ast.Call, ast.Name, ast.Attribute, ast.JoinedStr, ast.IfExp,
                                            ast.Subscript)), where
                if isinstance(message, ast.JoinedStr):  # Message(f"encoding_{kind}") and the like
                    prefix = message.values[0].value
                    assert any(k.startswith(prefix) for k in MESSAGES["en"]), where
                continue
            assert message.value in MESSAGES["en"], f"{where}: {message.value!r} is no message id"
            given = {k.arg for k in call.keywords}
            needed = placeholders(MESSAGES["en"][message.value])
            if message.value not in LANGUAGE_SPECIFIC:
                assert needed <= given, f"{where}: {message.value} needs {needed - given}"
            checked += 1
    assert checked > 100


def test_add_in_the_model_is_a_problems_method():
    """``add`` in model.py is ``problems.error`` or ``problems.warning`` (checked above by name)."""
    text = (PACKAGE / "model.py").read_text(encoding="utf-8")
    assert text.count("add = problems.error if missing_period") == 2


def bad_file(folder: Path) -> Path:
    rows = wide_rows(THREE)
    rows[1][4] = "Dat?"
    rows[3][-1] = 99
    rows.append([4, "Thị trấn Lộc Bình", *["Đạt"] * 19, 19])
    rows.append([5, "Khuất Xá", *["Đạt"] * 12, *["Chưa đạt"] * 7, 12])
    rows += [[], ["Ghi chú: số liệu tạm tính"]]
    return write_csv(folder / "ntm_2020Q1.csv", rows)


VALIDATE_VI = [
    "ntm_2020Q1.csv:8: [-] cảnh báo: bỏ qua 1 dòng có nội dung bên dưới bảng (dòng 8) (giá trị: 'Ghi chú: số liệu tạm tính')",
    "ntm_2020Q1.csv:5: [Tên xã] cảnh báo: thị trấn hoặc phường: không tính vào số liệu cấp xã "
    "(giá trị: 'Thị trấn Lộc Bình')",
    "ntm_2020Q1.csv:2: [3] lỗi: không đọc được tình trạng (cần: Đạt / Chưa đạt / Cơ bản đạt, Đ / CĐ / CBĐ, "
    "x hoặc để trống, 1 / 0, True / False) (giá trị: 'Dat?')",
    "ntm_2020Q1.csv:4: [Số tiêu chí đạt] lỗi: không được lớn hơn 19 (giá trị: '99')",
    "ntm_2020Q1.csv:6: [Tên xã] lỗi: xã bị ghi hai lần trong quý I/2020 (đã có ở dòng 3) (giá trị: 'Khuất Xá')",
]
VALIDATE_EN = [
    "ntm_2020Q1.csv:8: [-] warning: 1 non-empty row below the table ignored (row 8) (value: 'Ghi chú: số liệu tạm tính')",
    "ntm_2020Q1.csv:5: [Tên xã] warning: town or ward: not counted in commune figures "
    "(value: 'Thị trấn Lộc Bình')",
    "ntm_2020Q1.csv:2: [3] error: unknown status (expected Đạt / Chưa đạt / Cơ bản đạt, Đ / CĐ / CBĐ, "
    "x or blank, 1 / 0, True / False) (value: 'Dat?')",
    "ntm_2020Q1.csv:4: [Số tiêu chí đạt] error: expected at most 19 (value: '99')",
    "ntm_2020Q1.csv:6: [Tên xã] error: commune listed twice in Q1 2020 (also row 3) (value: 'Khuất Xá')",
]


def test_validate_prints_every_line_in_the_language_asked(tmp_path, monkeypatch):
    bad_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    vi = run_cli("validate", "ntm_2020Q1.csv")
    assert vi.returncode == 1
    assert vi.stdout.splitlines() == VALIDATE_VI
    assert vi.stderr == "3 lỗi, 2 cảnh báo; 1 kỳ, 3 lượt đánh giá xã\n"
    en = run_cli("validate", "ntm_2020Q1.csv", "--lang", "en")
    assert en.returncode == 1
    assert en.stdout.splitlines() == VALIDATE_EN
    assert en.stderr == "3 errors, 2 warnings; 1 period, 3 commune assessments\n"
    summary = run_cli("summary", "ntm_2020Q1.csv")  # the same lines on stderr where figures are asked
    assert summary.returncode == 1 and summary.stderr.splitlines() == VALIDATE_VI and summary.stdout == ""


def test_the_library_keeps_english_and_gives_every_language(tmp_path):
    problems = validate(bad_file(tmp_path))
    [status] = [p for p in problems.errors if p.key == "unknown_status"]
    assert str(status) == VALIDATE_EN[2].replace("ntm_2020Q1.csv", str(tmp_path / "ntm_2020Q1.csv"))
    assert status.text("vi").endswith(VALIDATE_VI[2].split(": [3] ")[1])
    assert status.message.startswith("unknown status (expected ")  # the English text, a str
    assert status.params["expected"].key == "status_vocabulary"
    assert pickle.loads(pickle.dumps(status)) == status
    assert pickle.loads(pickle.dumps(status)).text("vi") == status.text("vi")
    with pytest.raises(DataError, match="commune listed twice in Q1 2020"):
        load(tmp_path)


def test_a_transposed_form_names_the_commune_column_in_either_language(tmp_path):
    """A commune given twice in a form with communes in columns: the other place is the column of
    the first, in the message's language."""
    from conftest import write_xlsx

    rows = [["UBND HUYỆN LỘC BÌNH"], ["(Tính đến ngày 31/3/2020)"],
            ["TT", "Tiêu chí", "Khuất Xá", "Tú Mịch", "Khuất Xá"]]
    rows += [[n, f"Tiêu chí {n}", "x", "x" if n < 10 else "", "x"] for n in range(1, 20)]
    problems = validate(write_xlsx(tmp_path / "bieu.xlsx", {"s": rows}))
    [twice] = [p for p in problems.errors if p.key == "listed_twice_in"]
    assert twice.message == "commune listed twice in Q1 2020 (also Khuất Xá)"
    assert twice.text("vi").endswith("lỗi: xã bị ghi hai lần trong quý I/2020 (đã có ở Khuất Xá) "
                                     "(giá trị: 'Khuất Xá')")


@pytest.mark.parametrize("args, vi, en", [
    (["summary", "--period", "someday"], "ntm summary: lỗi: --period 'someday' không phải là một quý (cần dạng 2020Q1)",
     "ntm summary: error: --period 'someday' is not a quarter (expected e.g. 2020Q1)"),
    (["summary", "--bands", "19,x"], "ntm summary: lỗi: không đọc được nhóm 'x' trong '19,x'",
     "ntm summary: error: cannot read band 'x' in '19,x'"),
    (["summary", "--period", "2030Q1"], "ntm summary: lỗi: --period: không có số liệu kỳ 2030Q1 (các kỳ có số liệu: "
     "2020Q1, ", "ntm summary: error: --period: no data for period 2030Q1 (periods: 2020Q1, "),
    (["summary", "--criteria-set", "1999"], "ntm summary: lỗi: --criteria-set: không rõ bộ tiêu chí '1999'",
     "ntm summary: error: --criteria-set: unknown criteria set '1999'"),
    (["summary", "no/such/file.csv"], "ntm summary: lỗi: không có tệp hoặc thư mục: no/such/file.csv",
     "ntm summary: error: no such file or folder: no/such/file.csv"),
    (["compare", "--from", "2020Q2", "--to", "2020Q1"],
     "ntm compare: lỗi: kỳ --from 2020Q2 ở sau kỳ --to 2020Q1: hãy ghi kỳ trước ở --from (--from 2020Q1 --to 2020Q2)",
     "ntm compare: error: --from 2020Q2 is after --to 2020Q1: give the earlier period first (--from 2020Q1 --to 2020Q2)"),
    (["compare", "--from", "2020Q2", "--to", "2020Q2"],
     "ntm compare: lỗi: --from và --to cùng là kỳ 2020Q2: hãy chọn hai kỳ khác nhau",
     "ntm compare: error: --from and --to name the same period (2020Q2): choose two different periods"),
    (["lagging", "--top", "0"], "ntm lagging: lỗi: --top phải từ 1 trở lên (không phải 0)",
     "ntm lagging: error: --top must be at least 1 (not 0)"),
    (["lagging", "--top", "-1"], "ntm lagging: lỗi: --top phải từ 1 trở lên (không phải -1)",
     "ntm lagging: error: --top must be at least 1 (not -1)"),
])
def test_usage_errors_in_the_language(args, vi, en):
    said = run_cli(*args)
    assert said.returncode == 2 and said.stderr.startswith(vi) and said.stdout == "", said.stderr
    assert len(said.stderr.splitlines()) == 1
    said = run_cli(*args, "--lang", "en")
    assert said.returncode == 2 and said.stderr.startswith(en), said.stderr


def test_compare_warnings_in_the_language_and_english_in_json(tmp_path):
    from conftest import write_periods

    folder = write_periods(tmp_path / "d", {"2020Q1": {"A": {1}, "B": {1, 2}}, "2020Q2": {"A": {1, 2}}})
    vi = run_cli("compare", "--from", "2020Q1", "--to", "2020Q2", str(folder))
    assert vi.returncode == 0
    assert ("cảnh báo: danh sách xã của quý I/2020 và quý II/2020 khác nhau: 0 xã chỉ có trong quý II/2020, "
            "1 xã chỉ có trong quý I/2020") in vi.stderr.splitlines()
    data = run_cli("compare", "--from", "2020Q1", "--to", "2020Q2", "--json", str(folder))
    import json

    assert json.loads(data.stdout)["warnings"] == [
        "the communes differ between Q1 2020 and Q2 2020: 0 only in Q2 2020, 1 only in Q1 2020"]
    assert "cảnh báo: danh sách xã" in data.stderr


def test_no_english_word_in_vietnamese_terminal_output_of_a_hostile_file(tmp_path):
    """A data folder with a zero-width space and a note below the table: the warnings and the
    paragraph of `ntm summary` are all Vietnamese."""
    rows = wide_rows(THREE)
    rows[2][1] = "Khuất\u200b Xá"
    rows += [[], ["Người lập biểu"]]
    write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    result = run_cli("summary", str(tmp_path))
    assert result.returncode == 0
    output = result.stdout + result.stderr
    for word in ("warning", "error", "removed", "ignored", "value:", "row ", "table"):
        assert word not in output, (word, output)
    assert "cảnh báo: đã xóa ký tự ẩn (U+200B ZERO WIDTH SPACE) (giá trị: 'Khuất\\u200b Xá')" in output


def test_message_ids_of_the_readers_are_used_somewhere():
    """No message of the catalogue is dead: each id appears in the package's code."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))

    def used(key):  # beyond its two definitions (vi, en), or built as f"<prefix>_{…}"
        return code.count(f'"{key}"') > 2 or re.search(rf'f"{key.split("_")[0]}_\{{', code)

    unused = [k for k in MESSAGES["en"] if not used(k)]
    assert not unused, unused


def test_counts_in_messages_are_grouped_the_languages_way():
    from ntm_analysis.vocab_messages import Count, Message

    m = Message("communes_merged", start="2025Q2", end="2025Q3", before=Count(10000), after=Count(3809),
                merged=Count(9445))
    assert "10.000 xã thành 3.809 xã, 9.445 xã nhập vào xã khác" in m.text("vi")
    assert "10,000 communes became 3,809, 9,445 merged into others" in m.text("en")


def test_english_messages_name_periods_and_dates_as_the_english_text_does():
    """A warning says "Q3 2025" as the paragraph under it does, never the code "2025Q3"; the
    reorganisation's day is "1 July 2025" / "1/7/2025" in every message."""
    from ntm_analysis.timeline import REORGANISATION
    from ntm_analysis.vocab_messages import Count, Message, day_ref, period_ref

    m = Message("communes_merged", start=period_ref("2025Q2"), end=period_ref("2025Q3"), before=Count(60),
                after=Count(22), merged=Count(58))
    assert m == ("communes were reorganised between Q2 2025 and Q3 2025: 60 communes became 22, 58 merged into "
                 "others (totals not compared directly)")
    assert m.text("vi") == ("các xã được sắp xếp lại giữa quý II/2025 và quý III/2025: 60 xã thành 22 xã, 58 xã "
                            "nhập vào xã khác (không so sánh trực tiếp tổng số)")
    assert pickle.loads(pickle.dumps(m)).text("vi") == m.text("vi")
    day = day_ref(REORGANISATION)
    assert (day, day.text("vi")) == ("1 July 2025", "1/7/2025")


def test_compare_across_the_reorganisation_warns_with_the_periods_of_the_text(tmp_path):
    from conftest import write_csv

    folder = tmp_path / "d"
    folder.mkdir()
    write_csv(folder / "ntm_2025Q2.csv", wide_rows(THREE))
    write_csv(folder / "ntm_2025Q3.csv", [["TT", "Tên xã", *map(str, range(1, 20))],
                                          [1, "Mới", *["Đạt"] * 15, *["Chưa đạt"] * 4]])
    write_csv(folder / "boundaries.csv", [["old_commune", "new_commune", "effective_date", "decision"]]
              + [[name, "Mới", "01/07/2025", ""] for name in ("Tú Đoạn", "Khuất Xá", "Tú Mịch")])
    en = run_cli("compare", "--from", "2025Q2", "--to", "2025Q3", str(folder), "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert ("warning: communes were reorganised between Q2 2025 and Q3 2025: 3 communes became 1, 3 merged into "
            "others (totals not compared directly)") in en.stderr.splitlines()
    # the average rose (40/3 = 13.33 → 15.00), but across the merger it is no rise: both given
    assert en.stdout.startswith(
        "Compared with Q2 2025: communes were reorganised from 1 July 2025, 3 communes became 1 commune; the total "
        "and average number of criteria met are not compared directly (average 13.33 criteria per commune in "
        "Q2 2025, 15.00 in Q3 2025). ")
    assert "rose by" not in en.stdout
    vi = run_cli("compare", "--from", "2025Q2", "--to", "2025Q3", str(folder))
    assert ("cảnh báo: các xã được sắp xếp lại giữa quý II/2025 và quý III/2025: 3 xã thành 1 xã, 3 xã nhập vào "
            "xã khác (không so sánh trực tiếp tổng số)") in vi.stderr.splitlines()
    assert vi.stdout.startswith(
        "So với quý II/2025: từ ngày 1/7/2025 sắp xếp lại 03 xã thành 01 xã; không so sánh trực tiếp tổng số và "
        "bình quân tiêu chí (quý II/2025 bình quân 13,33 tiêu chí/xã, quý III/2025 bình quân 15,00 tiêu chí/xã). ")
    assert "tăng" not in vi.stdout.split(". ")[0]


def test_english_words_agree_with_their_counts():
    """"1 error, 2 warnings", never "error(s)"; Vietnamese nouns do not change."""
    from ntm_analysis.vocab_messages import Count, Message

    def summary(errors, warnings, periods, assessments):
        return Message("validate_summary", errors=Count(errors), warnings=Count(warnings), periods=Count(periods),
                       assessments=Count(assessments))

    assert summary(1, 0, 1, 1) == "1 error, 0 warnings; 1 period, 1 commune assessment"
    assert summary(2, 1, 8, 12816) == "2 errors, 1 warning; 8 periods, 12,816 commune assessments"
    assert summary(2, 1, 8, 12816).text("vi") == "2 lỗi, 1 cảnh báo; 8 kỳ, 12.816 lượt đánh giá xã"
    assert Message("rows_below_plain", n=1) == "1 non-empty row below the table ignored"
    assert Message("marks_no_criterion", n=2, span="5, 7") == (
        "2 rows with marks that name no criterion (sub-indicators such as 2.1, group headings) not read: rows 5, 7")
    assert all("(s)" not in template for template in MESSAGES["en"].values())
    assert Message("missing_criterion_columns", numbers=[19], set="2016-2020") == (
        "missing criterion column 19 of the 2016-2020 set")
