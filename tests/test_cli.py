"""The `ntm` command as scripts drive it: exit codes, JSON keys, messages, no tracebacks."""

from __future__ import annotations

import json
import re
import pytest

from conftest import run_cli, wide_rows, write_csv
from ntm_analysis.cli import main

CONTRACT_KEYS = {"period", "criteria_set", "n_communes", "total_met", "mean_met", "by_count", "bands",
                 "per_criterion", "total_basically_met", "text"}


run = run_cli


def test_seed_figures_from_the_bundled_data():
    result = run("summary", "--period", "2020Q1", "--bands", "19,12,9,5-8", "--json")
    assert result.returncode == 0, result.stderr
    [seed] = json.loads(result.stdout)
    assert CONTRACT_KEYS <= set(seed)
    assert [b["n"] for b in seed["bands"]] == [4, 1, 1, 13]
    assert [b["label"] for b in seed["bands"]] == ["19", "12", "9", "5-8"]
    assert (seed["n_communes"], seed["total_met"]) == (19, 187)
    assert seed["mean_met"] == pytest.approx(187 / 19)
    assert seed["text"] == ("04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt 9 tiêu chí, 13 xã đạt "
                            "từ 5 đến 8 tiêu chí. Tổng số tiêu chí đạt chuẩn là 187 tiêu chí, trung bình "
                            "đạt 9,84 tiêu chí/xã.")
    assert set(seed["per_criterion"]) == {str(c) for c in range(1, 20)}
    assert sum(seed["by_count"].values()) == 19


def test_summary_json_lists_every_period_sorted(capsys):
    assert main(["summary", "--json"]) == 0
    periods = [s["period"] for s in json.loads(capsys.readouterr().out)]
    assert periods == sorted(periods) and periods[0] == "2020Q1" and periods[-1] == "2021Q4"


def test_english_text_and_standard5_preset(capsys):
    assert main(["summary", "--period", "2020Q1", "--bands", "standard5", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "an average of 9.84 criteria per commune" in out and "4 communes met 19 criteria" in out


def test_validate_bundled_data_exits_0():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "0 lỗi, 0 cảnh báo; 8 kỳ, 152 lượt đánh giá xã\n"
    result = run("validate", "--lang", "en")
    assert result.stderr == "0 errors, 0 warnings; 8 periods, 152 commune assessments\n"


def test_bad_data_exits_1_with_every_problem_and_no_traceback(tmp_path, three):
    rows = wide_rows(three)
    rows[1][4] = "Dat?"
    rows[3][-1] = 99
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    for command in (["validate", "--lang", "en"], ["summary", "--json", "--lang", "en"]):
        result = run(*command, str(path))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        lines = (result.stdout if command[0] == "validate" else result.stderr).splitlines()
        assert f"{path}:2: [3] error: unknown status" in "\n".join(lines)
        assert any(line.startswith(f"{path}:4: [Số tiêu chí đạt] error:") for line in lines)
    result = run("summary", "--json", str(path))  # Vietnamese by default, on stderr
    assert result.returncode == 1 and f"{path}:2: [3] lỗi: không đọc được tình trạng" in result.stderr
    assert run("summary", "--json", str(path)).stdout == ""


def test_json_only_on_stdout_and_warnings_on_stderr(tmp_path, three):
    path = write_csv(tmp_path / "ntm_2020Q1.csv", wide_rows(three) + [[], ["Ghi chú: số liệu tạm tính"]])
    result = run("summary", "--json", "--bands", "19,10-12", str(path))
    assert result.returncode == 0
    json.loads(result.stdout)
    assert "bên dưới bảng" in result.stderr and "cảnh báo: quý I/2020: 01 xã không thuộc nhóm nào: Tú Mịch" in result.stderr
    result = run("summary", "--json", "--bands", "19,10-12", "--lang", "en", str(path))
    assert "below the table" in result.stderr and "warning: Q1 2020: 1 commune falls in no band: Tú Mịch" in result.stderr


@pytest.mark.parametrize("args", [
    ["summary", "--bands", "19,x"],
    ["summary", "--period", "someday"],
    ["summary", "--period", "2030Q1"],
    ["summary", "--criteria-set", "1999"],
    ["summary", "no/such/file.csv"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip()


@pytest.mark.parametrize("band, lang, expected", [
    ("20-25", "vi", "ntm summary: lỗi: nhóm '20-25' vượt quá số tiêu chí: bộ tiêu chí này có 19 tiêu chí, "
                    "các nhóm chỉ từ 0 đến 19"),
    ("0-30", "en", "ntm summary: error: band '0-30' goes beyond the criteria: this set has 19 criteria, "
                   "so bands run from 0 to 19"),
])
def test_a_band_beyond_the_sets_criteria_is_a_usage_error_naming_both(band, lang, expected):
    """A mistyped band no commune can be in is refused (exit 2, the contract's usage error), not
    warned about and drawn as an empty bar."""
    result = run("summary", "--bands", f"19,{band}", "--lang", lang)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == expected


@pytest.mark.parametrize("args, vi, en", [
    (["summary", "--encoding", "latin9"],
     "ntm summary: lỗi: tham số --encoding: không có lựa chọn 'latin9' (chọn một trong: 'utf-8', 'cp1258', "
     "'utf-16', 'tcvn3', 'vni')",
     "ntm summary: error: argument --encoding: invalid choice: 'latin9' (choose from 'utf-8', 'cp1258', "
     "'utf-16', 'tcvn3', 'vni')"),
    (["record", "data"], "ntm record: lỗi: thiếu các tham số bắt buộc: --reason",
     "ntm record: error: the following arguments are required: --reason"),
    (["summary", "--period"], "ntm summary: lỗi: tham số --period: cần một giá trị",
     "ntm summary: error: argument --period: expected one argument"),
    (["summary", "--bogus"], "ntm: lỗi: không nhận ra các tham số: --bogus",
     "ntm: error: unrecognized arguments: --bogus"),
])
def test_argparse_usage_errors_in_the_command_language(capsys, args, vi, en):
    """argparse's own usage errors follow --lang like every other line (Vietnamese by default);
    in English they are argparse's words, unchanged."""
    for lang, line, prefix in (("vi", vi, "cách dùng: ntm"), ("en", en, "usage: ntm")):
        with pytest.raises(SystemExit) as exit_:
            main([*args, "--lang", lang] if lang == "en" else args)
        err = capsys.readouterr().err
        assert exit_.value.code == 2 and err.startswith(prefix) and err.endswith("\n" + line + "\n"), err


def test_period_option_names_a_file_without_one(tmp_path, three):
    path = write_csv(tmp_path / "bieu.csv", wide_rows(three))
    assert run("summary", str(path)).returncode == 1
    assert run("validate", str(path)).returncode == 0
    result = run("summary", "--period", "2020Q1", "--json", str(path))
    assert result.returncode == 0 and json.loads(result.stdout)[0]["total_met"] == 40


def test_outputs_are_deterministic():
    first, second = run("summary", "--json"), run("summary", "--json")
    assert first.stdout == second.stdout and first.stdout


@pytest.mark.parametrize("command", [["trend"], ["flags"], ["targets", "--period", "2020Q3"],
                                     ["lagging", "--period", "2020Q1"],
                                     ["compare", "--from", "2020Q1", "--to", "2021Q1"]])
def test_analysis_commands_print_json(command):
    result = run_cli(*command, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def test_targets_and_lagging_text_on_the_bundled_data(capsys):
    assert main(["targets", "--period", "2020Q1"]) == 0
    out = capsys.readouterr().out
    assert ("[đang thực hiện] Xã điểm đạt chuẩn NTM năm 2020 (hạn quý IV/2020): Khuất Xá còn 07 tiêu chí chưa đạt "
            "(tiêu chí số 2, 5, 6, 9, 10, 16, 17).") in out.splitlines()
    assert "08/26 thôn của Mẫu Sơn, Tam Gia và Tú Mịch đạt chuẩn (30,8%)" in out  # the seed's 26 villages
    assert "[in progress]" not in out and "[met]" not in out
    assert main(["lagging", "--period", "2020Q1", "--top", "2"]) == 0
    assert capsys.readouterr().out.startswith(
        "Các tiêu chí đạt thấp nhất: tiêu chí 16 (Văn hóa): 04/19 xã đạt (21,1%); "
        "tiêu chí 17 (Môi trường và an toàn thực phẩm): 04/19 xã đạt (21,1%).")


def test_flags_on_the_bundled_data(capsys):
    assert main(["flags", "--json"]) == 0
    found = {(f["check"], f["commune"], f["period_to"]) for f in json.loads(capsys.readouterr().out)}
    assert ("lost_criterion", "Hữu Lân", "2020Q2") in found
    assert ("recognised_below_all", "Yên Khoái", "2020Q3") in found


@pytest.mark.parametrize("args", [["compare", "--from", "2020Q1"], ["compare", "--from", "2020Q1", "--to", "2031Q1"],
                                  ["flags", "--jump", "many"], ["lagging", "--period", "2031Q1"]])
def test_analysis_usage_errors_exit_2(args):
    result = run_cli(*args)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_analysis_commands_refuse_bad_data_with_exit_1(tmp_path, three):
    rows = wide_rows(three)
    rows[1][4] = "??"
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    for command in (["trend"], ["flags"], ["targets"], ["lagging"], ["compare", "--from", "2020Q1", "--to", "2020Q1"]):
        result = run_cli(*command, str(path))
        assert result.returncode == 1 and "không đọc được tình trạng" in result.stderr and "Traceback" not in result.stderr


def test_a_folder_without_data_is_an_error_not_a_traceback(tmp_path):
    for command in (["summary"], ["validate"], ["report", "--out", str(tmp_path / "out")],
                    ["compare", "--from", "2020Q1", "--to", "2020Q2"]):
        result = run_cli(*command, str(tmp_path))
        assert result.returncode == 1 and "không tìm thấy tệp số liệu nào" in result.stderr + result.stdout
        assert "Traceback" not in result.stderr


def test_a_register_alone_has_no_figures(tmp_path):
    write_csv(tmp_path / "communes.csv", [["commune", "border"], ["Mẫu Sơn", "x"]])
    summary = run_cli("summary", "--lang", "en", str(tmp_path))
    assert summary.returncode == 1 and "no assessment table found (only communes)" in summary.stderr
    validate = run_cli("validate", str(tmp_path))
    assert validate.returncode == 0
    assert "cảnh báo: không tìm thấy bảng đánh giá (chỉ có danh sách xã)" in validate.stdout


ENGLISH = ("missing", " met", "criterion", "criteria", "boundary", "in progress", "communes", "->", "period")
VIETNAMESE = ("tiêu chí", "chưa đạt", " xã", "quý", "đạt", "thay đổi")


@pytest.mark.parametrize("command", [["summary", "--period", "2020Q2"], ["compare", "--from", "2020Q1", "--to", "2020Q2"],
                                     ["trend"], ["flags"], ["targets", "--period", "2020Q4"],
                                     ["lagging", "--period", "2020Q1"]])
def test_terminal_output_is_in_one_language(capsys, command):
    assert main([*command, "--lang", "vi"]) == 0
    vi = capsys.readouterr().out
    assert main([*command, "--lang", "en"]) == 0
    en = capsys.readouterr().out
    names = ("Lộc Bình", "Lạng Sơn", "Tú Đoạn", "Đồng Bục", "Hữu Lân", "Yên Khoái", "Lợi Bác", "Đông Quan", "Khuất Xá")
    for name in names:  # commune names are the data's own in both languages
        vi, en = vi.replace(name, ""), en.replace(name, "")
    assert not [w for w in ENGLISH if w in vi.replace("->", "")], vi[:400]
    assert not [w for w in VIETNAMESE if w in en.lower()], en[:400]


def test_boundary_change_is_said_in_the_language(tmp_path):
    from conftest import write_periods, write_table

    folder = write_periods(tmp_path / "d", {"2024Q3": {"Tam Gia": {1, 2}, "Tĩnh Bắc": {1}},
                                            "2025Q1": {"Tam Gia": {1, 2, 3}}})
    write_table(folder / "boundaries.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                [["Tĩnh Bắc", "Tam Gia", "01/12/2024", "NQ 1246/NQ-UBTVQH15"]])
    vi = run_cli("compare", "--from", "2024Q3", "--to", "2025Q1", str(folder))
    en = run_cli("compare", "--from", "2024Q3", "--to", "2025Q1", "--lang", "en", str(folder))
    assert table_row(vi.stdout, "Tam Gia") == ["Tam Gia", "2", "3", "3", "(thay đổi địa giới)"]
    assert table_row(en.stdout, "Tam Gia") == ["Tam Gia", "2", "3", "3", "(boundary changed)"]
    assert table_row(vi.stdout, "Tên xã") == ["Tên xã", "Quý III/2024", "Quý I/2025", "Tiêu chí tăng",
                                              "Tiêu chí không còn đạt", "Ghi chú"]


def table_row(text: str, first: str) -> list[str]:
    """The cells of the terminal table's row that begins with ``first`` (cells are two or more
    spaces apart)."""
    import re

    line = next(line for line in text.splitlines() if line.startswith(first))
    return re.split(r"\s{2,}", line.strip())


def test_compare_prints_a_table_in_the_language():
    vi = run_cli("compare", "--from", "2020Q1", "--to", "2020Q2")
    assert vi.returncode == 0, vi.stderr
    assert "->" not in vi.stdout and "+[" not in vi.stdout
    assert table_row(vi.stdout, "Tên xã") == ["Tên xã", "Quý I/2020", "Quý II/2020", "Tiêu chí tăng",
                                              "Tiêu chí không còn đạt", "Nhóm"]
    assert table_row(vi.stdout, "Hữu Lân") == ["Hữu Lân", "6", "7", "3, 14", "19"]
    assert table_row(vi.stdout, "Tú Mịch") == ["Tú Mịch", "9", "12", "7, 9, 13", "5-9 → 10-14"]
    en = run_cli("compare", "--from", "2020Q1", "--to", "2020Q2", "--lang", "en")
    assert table_row(en.stdout, "Commune") == ["Commune", "Q1 2020", "Q2 2020", "Criteria gained",
                                               "Criteria lost", "Band"]
    assert table_row(en.stdout, "Tú Mịch") == ["Tú Mịch", "9", "12", "7, 9, 13", "5-9 → 10-14"]
    # the JSON is the contract's, unchanged
    data = json.loads(run_cli("compare", "--from", "2020Q1", "--to", "2020Q2", "--json").stdout)
    assert {"from", "to", "mean_before", "mean_after", "communes", "added", "removed"} <= set(data)
    assert {"commune": "Tú Mịch", "from": "5-9", "to": "10-14"} in data["crossed_bands"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_trend_fits_a_terminal(lang):
    result = run_cli("trend", "--lang", lang)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 100
    head = "Kỳ" if lang == "vi" else "Period"
    first = "Quý I/2020" if lang == "vi" else "Q1 2020"
    assert table_row(result.stdout, first)[:5] == [first, "19", "187", "9,84" if lang == "vi" else "9.84", "4"]
    assert table_row(result.stdout, head)[-5:] == ["19", "15-18", "10-14", "5-9", "dưới 5" if lang == "vi" else "fewer than 5"]
    # the shares: criteria in rows, every period in a column of one of the blocks
    crit = "TC" if lang == "vi" else "Crit."
    blocks = [line for line in lines if line.startswith(crit + "  ")]
    periods = [p for line in blocks for p in re.split(r"\s{2,}", line)[1:]]
    assert len(periods) == 8 and periods[0] == first
    sixteen = [re.split(r"\s{2,}", line.strip()) for line in lines if line.strip().startswith("16  ")]
    assert [v for row in sixteen for v in row[1:]][:2] == (["21,1", "21,1"] if lang == "vi" else ["21.1", "21.1"])


def test_lagging_rows_count_as_the_sentence_does(capsys):
    assert main(["lagging", "--period", "2020Q1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "04/19 xã đạt" in lines[0]
    assert lines[1].startswith("16 Văn hóa: 04/19; chưa đạt: Ái Quốc, ")
    assert main(["lagging", "--period", "2020Q1", "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("16 Culture: 4/19; not met: Ái Quốc, ")


def test_lagging_top_names_the_criteria_tied_with_the_last(capsys):
    """--top 1 on 2020Q1: criteria 16 and 17 are both met by 4 of 19 communes; both are named."""
    assert main(["lagging", "--period", "2020Q1", "--top", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Các tiêu chí đạt thấp nhất: tiêu chí 16 (Văn hóa): 04/19 xã đạt (21,1%); "
        "tiêu chí 17 (Môi trường và an toàn thực phẩm): 04/19 xã đạt (21,1%).")
    assert main(["lagging", "--period", "2020Q1", "--top", "3", "--json"]) == 0
    text = json.loads(capsys.readouterr().out)["text"]
    # 16 and 17 at 4/19, then the third, criterion 2 at 5/19, with every criterion tied with it
    assert re.findall(r"tiêu chí (\d+) \(", text) == ["16", "17", "2", "5", "6", "7", "11"]
    assert text.count("05/19 xã đạt") == 5


@pytest.mark.parametrize("lang, detail", [
    ("vi", "tiêu chí số 19 (Quốc phòng và An ninh) đạt ở quý I/2020, không đạt ở quý II/2020"),
    ("en", "criterion 19 (Defence and security) met in Q1 2020, not in Q2 2020")])
def test_flags_json_detail_in_the_language(capsys, lang, detail):
    assert main(["flags", "--json", "--lang", lang]) == 0
    flags = json.loads(capsys.readouterr().out)
    first = next(f for f in flags if f["commune"] == "Hữu Lân" and f["check"] == "lost_criterion")
    assert first == {"check": "lost_criterion", "commune": "Hữu Lân", "criterion": 19, "period_from": "2020Q1",
                     "period_to": "2020Q2", "detail": detail}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_trend_across_a_gap_the_reorganisation_and_a_new_criteria_set(tmp_path, capsys, lang):
    """A history of 2024Q3–2026Q2 without 2025Q1: one table per criteria set under a heading
    naming it (19 criteria's bands never beside 10's), a line where the quarter is missing and
    one at the reorganisation of 1/7/2025, the shares per set; every line fits 100 columns."""
    from ntm_analysis import load, synth

    written = synth.write(synth.generate(40, 8, seed=1, end="2026Q2"), tmp_path / "d", forms=("wide", "records"),
                          formats=("csv",))
    (written["wide_csv"] / "ntm_2025Q1.csv").unlink()
    paths = [str(written["wide_csv"]), str(written["records"])]
    assert main(["trend", *paths, "--lang", lang]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(map(len, lines)) <= 100
    vi = lang == "vi"
    heads = ["Bộ tiêu chí giai đoạn 2021–2025 (19 tiêu chí)", "Bộ tiêu chí giai đoạn 2026–2030 (10 tiêu chí)"] if vi \
        else ["Criteria set 2021–2025 (19 criteria)", "Criteria set 2026–2030 (10 criteria)"]
    assert [line for line in lines if line in heads] == heads
    first, second = out.split(heads[1])
    q = (lambda p: {"2024Q4": "Quý IV/2024", "2025Q2": "Quý II/2025", "2025Q3": "Quý III/2025",
                    "2026Q1": "Quý I/2026"}[p]) if vi else \
        (lambda p: {"2024Q4": "Q4 2024", "2025Q2": "Q2 2025", "2025Q3": "Q3 2025", "2026Q1": "Q1 2026"}[p])
    rows = [line for line in first.splitlines() if line.strip()]
    at = {p: next(i for i, line in enumerate(rows) if line.startswith(q(p))) for p in ("2024Q4", "2025Q2", "2025Q3")}
    gap = "  … Quý I/2025: không có số liệu" if vi else "  … Q1 2025: no data"
    marker = ("  ── sắp xếp lại các xã từ ngày 1/7/2025: trước và sau mốc này không so sánh trực tiếp" if vi else
              "  ── communes reorganised from 1 July 2025: before and after not compared directly")
    assert rows[at["2024Q4"] + 1] == gap and rows[at["2025Q2"] - 1] == gap
    assert rows[at["2025Q2"] + 1] == marker and rows[at["2025Q3"] - 1] == marker
    # the 19-criterion table has the 19 bands only; the 10-criterion table its own
    head19 = table_row(first, "Kỳ" if vi else "Period")
    head10 = table_row(second, "Kỳ" if vi else "Period")
    assert head19[-5:] == ["19", "15-18", "10-14", "5-9", "dưới 5" if vi else "fewer than 5"] and "9" not in head19
    assert head10[-11:] == [str(k) for k in range(10, -1, -1)] and "15-18" not in head10
    # the figures are the assessment's
    assessment = load(paths)
    for period in ("2025Q3", "2026Q1"):
        counts = assessment.snapshot(period).count_array
        row = table_row(out, q(period))
        assert row[1:3] == [str(len(counts)), str(int(counts.sum()))]
    assert out.count("Tỷ lệ xã đạt từng tiêu chí (%) — bộ tiêu chí" if vi else
                     "Share of communes meeting each criterion (%) — criteria set") == 2


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_trend_by_province_across_a_gap_the_reorganisation_and_a_new_set(tmp_path, capsys, lang):
    """Per unit too: the averages of 19 criteria and of 10 are in two tables under headings
    naming their sets, and the missing quarter and the reorganisation are said above them."""
    from ntm_analysis import synth

    written = synth.write(synth.generate(60, 10, seed=1, end="2026Q2"), tmp_path / "d", forms=("wide", "records"),
                          formats=("csv",))
    (written["wide_csv"] / "ntm_2025Q1.csv").unlink()
    assert main(["trend", str(written["wide_csv"]), str(written["records"]), "--by", "province", "--lang", lang]) == 0
    out = capsys.readouterr().out
    vi = lang == "vi"
    heads = ["Bộ tiêu chí giai đoạn 2021–2025 (19 tiêu chí)", "Bộ tiêu chí giai đoạn 2026–2030 (10 tiêu chí)"] if vi \
        else ["Criteria set 2021–2025 (19 criteria)", "Criteria set 2026–2030 (10 criteria)"]
    first, second = out.split(heads[1])
    assert first.startswith(heads[0] + "\n")
    assert ("  … Quý I/2025: không có số liệu" if vi else "  … Q1 2025: no data") in first.splitlines()
    assert ("sắp xếp lại các xã từ ngày 1/7/2025, giữa quý II/2025 và quý III/2025" if vi else
            "communes reorganised from 1 July 2025, between Q2 2025 and Q3 2025") in " ".join(first.split())
    assert ("Quý I/2026" if vi else "Q1 2026") not in first and ("Quý IV/2025" if vi else "Q4 2025") not in second
    assert max(map(len, out.splitlines())) <= 100


def test_validate_counts_thousands_the_language_s_way(tmp_path, capsys):
    from ntm_analysis import synth

    written = synth.write(synth.generate(300, 4, seed=1, end="2024Q4", churn=0), tmp_path / "d", forms=("wide",),
                          formats=("csv",))
    assert main(["validate", str(written["wide_csv"])]) == 0
    assert capsys.readouterr().err.endswith("0 lỗi, 0 cảnh báo; 4 kỳ, 1.200 lượt đánh giá xã\n")
    assert main(["validate", str(written["wide_csv"]), "--lang", "en"]) == 0
    assert capsys.readouterr().err.endswith("; 4 periods, 1,200 commune assessments\n")


def test_version_prints_the_installed_version():
    from importlib.metadata import version

    from conftest import run_cli

    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout == f"ntm {version('ntm_analysis')}\n"


def test_compare_sends_the_reader_to_the_table_it_prints_not_to_json(tmp_path, capsys):
    """Beyond 30 communes the paragraph counts them; the terminal lists them in the table just
    below, so the paragraph says so (it said "with --json" above a table listing them all)."""
    from ntm_analysis import synth
    from ntm_analysis.cli import main

    synth.write(synth.generate(2000, 2, 0, end="2024Q4"), tmp_path, forms=("wide", "records"), formats=("csv",))
    assert main(["compare", str(tmp_path / "wide_csv"), str(tmp_path / "records"), "--from", "2024Q3",
                 "--to", "2024Q4"]) == 0
    paragraph, table = capsys.readouterr().out.split("\n\n", 1)
    assert "--json" not in paragraph
    lost = re.search(r"(\d+) xã có tiêu chí không còn đạt \(danh sách ở bảng dưới đây\)", paragraph)
    assert lost and int(lost.group(1)) > 30
    rows = [line for line in table.splitlines()[1:] if line.strip()]
    assert len(rows) >= int(lost.group(1))
    assert main(["compare", str(tmp_path / "wide_csv"), str(tmp_path / "records"), "--from", "2024Q3",
                 "--to", "2024Q4", "--lang", "en"]) == 0
    assert "communes (listed in the table below)" in capsys.readouterr().out.split("\n\n", 1)[0]


@pytest.mark.parametrize("lang, said", [
    ("vi", "cảnh báo: quý II/2020: 02 xã không thuộc nhóm nào: Khuất Xá, Sàn Viên"),
    ("en", "warning: Q2 2020: 2 communes fall in no band: Khuất Xá, Sàn Viên"),
])
def test_the_warning_of_communes_outside_the_bands_pads_as_reports_do(lang, said):
    result = run_cli("summary", "--lang", lang, "--bands", "19,12,9,5-8", "--period", "2020Q2")
    assert result.returncode == 0 and said in result.stderr.splitlines()
