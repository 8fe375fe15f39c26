"""Lists of commune names that a reader is shown (the communes missing a criterion in `ntm
lagging`, the page, the workbook and the explorer; communes outside the bands) follow Vietnamese
alphabetical order (``text.vi_sort_key``: Ă after A, Đ after D, tones after letters), whatever
the order of the file. Tables whose rows are the form's keep the form's order."""

from __future__ import annotations

import json

import pytest

from conftest import statuses, write_csv
from ntm_analysis import load
from ntm_analysis.cli import main

# The file's order, as an office typed it: not alphabetical
FILE_ORDER = ["Lợi Lai", "An Hậu", "Sơn Tiến", "Đồng Tâm", "Bắc Sơn", "Dương Minh", "Đông Anh", "Ái Quốc", "Bảo Lâm"]
# Ái before An (i before n), Bảo before Bắc (a before ă), Dương before Đông before Đồng (D before
# Đ; no tone before the grave accent)
VI_ORDER = "Ái Quốc, An Hậu, Bảo Lâm, Bắc Sơn, Dương Minh, Đông Anh, Đồng Tâm, Lợi Lai, Sơn Tiến"


@pytest.fixture
def path(tmp_path):
    rows = [["Tên xã", *map(str, range(1, 20))]]
    rows += [[name, *statuses(set(range(2, 20)) if i < 8 else set(range(3, 20)))] for i, name in enumerate(FILE_ORDER)]
    return str(write_csv(tmp_path / "ntm_2020Q1.csv", rows))


def test_the_order_above_is_the_packages(path):
    from ntm_analysis.text import vi_sorted

    assert ", ".join(vi_sorted(FILE_ORDER)) == VI_ORDER


def test_lagging_names_the_communes_in_vietnamese_order(path, capsys):
    assert main(["lagging", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f" 1 Quy hoạch: 00/09; chưa đạt: {VI_ORDER}"
    assert lines[2] == " 2 Giao thông: 08/09; chưa đạt: Bảo Lâm"
    assert main(["lagging", path, "--json"]) == 0
    criteria = json.loads(capsys.readouterr().out)["criteria"]
    assert ", ".join(criteria[0]["missing"]) == VI_ORDER


def test_the_criteria_table_lists_the_communes_in_vietnamese_order(path):
    from ntm_analysis.review import build_review
    from ntm_analysis.review_tables import criteria_table

    table = criteria_table(build_review(load(path), "2020Q1"), "vi")
    assert [c.key for c in table.columns][-1] == "missing"
    assert table.rows[0] == [1, "Quy hoạch", 0, 0.0, 9, VI_ORDER]
    assert table.rows[1] == [2, "Giao thông", 8, 8 / 9, 1, "Bảo Lâm"]


def test_the_explorer_names_the_communes_in_vietnamese_order(path):
    from ntm_analysis.views import criterion_view

    view = criterion_view(load(path), 1, "2020Q1", lang="vi")
    assert view.paragraphs[0].endswith(f"Xã chưa đạt: {VI_ORDER}.")
    assert view.table.iloc[0, -1] == VI_ORDER


def test_communes_outside_the_bands_are_named_in_vietnamese_order(path):
    from ntm_analysis import summarise

    [summary] = [s for s in summarise(load(path), bands="19,5-8") if s.period == "2020Q1"]
    assert ", ".join(summary.outside_bands) == VI_ORDER  # 17 and 18 criteria: in no band


def test_the_communes_table_keeps_the_forms_order(path):
    from ntm_analysis.review import build_review
    from ntm_analysis.review_tables import review_tables

    table = review_tables(build_review(load(path), "2020Q1"), "vi")["communes"]
    assert [r[0] for r in table.rows] == FILE_ORDER


def test_the_communes_merged_into_one_are_named_in_vietnamese_order(tmp_path):
    """The mergers table's cell of communes merged (the decision listed Tĩnh Bắc first)."""
    from conftest import write_periods, write_table
    from ntm_analysis.reorganisation import mergers_table
    from ntm_analysis.review import build_review

    all_met = set(range(1, 20))
    folder = write_periods(tmp_path / "d", {
        "2024Q4": {"Tĩnh Bắc": set(range(1, 11)), "Tam Gia": set(range(1, 16)), "Ái Quốc": set(range(1, 9)),
                   "Khuất Xá": all_met},
        "2025Q1": {"Tam Gia": set(range(1, 14)), "Khuất Xá": all_met}})
    write_table(folder / "mergers.csv", ["old_commune", "new_commune", "effective_date", "decision"],
                [["Tĩnh Bắc", "Tam Gia", "01/01/2025", "NQ 1246"], ["Ái Quốc", "Tam Gia", "01/01/2025", "NQ 1246"]])
    table = mergers_table(build_review(load(folder), "2025Q1"), "vi")
    assert [r[:3] for r in table.rows] == [["Tam Gia", "Ái Quốc, Tam Gia, Tĩnh Bắc", 3]]


def test_the_communes_of_targets_without_data_are_named_in_vietnamese_order():
    """Targets' communes missing from the period, one merged away: "(Bảo Phú, nay thuộc …; Đông
    Anh; Tú Mịch)" whatever the order of the targets file."""
    from ntm_analysis.targets import NO_DATA, TargetStatus
    from ntm_analysis.wording import target_commune_names

    def status(commune, successor=None):
        s = TargetStatus("Xã điểm", "all_criteria", [commune], "2025Q4", "2025Q3", 19.0, None, None, NO_DATA)
        s.successors = {commune: successor} if successor else {}
        return s

    statuses = [status("Tú Mịch"), status("Đông Anh"), status("Bảo Phú", "Hòa Bản")]
    assert target_commune_names(statuses, "vi") == "Bảo Phú, nay thuộc xã Hòa Bản; Đông Anh; Tú Mịch"
    assert target_commune_names(statuses, "en") == "Bảo Phú, now part of Hòa Bản; Đông Anh; Tú Mịch"


# ---------------------------------------------------------------------------------------------
# A national list (``text._KEYED_IN_ARROW`` names or more) is keyed as Arrow columns: the same
# order as keying each name, whatever the names hold
# ---------------------------------------------------------------------------------------------

_PIECES = ["a", "á", "à", "ả", "ã", "ạ", "ă", "ắ", "â", "ấ", "đ", "Đ", "e", "ê", "ế", "i", "o", "ô", "ơ", "ờ",
           "u", "ư", "ự", "y", "ý", "b", "c", "d", "g", "h", "n", "ng", "nh", "qu", "t", "th", "x", "z", "w",
           "A", "Ă", "Â", "Ô", "Ư", "1", "2", "-", "(", ")", "'", "ß", "Ω",
           "a\u0301", "o\u0302\u0300", "\u0301",  # NFD pieces and a lone mark
           " ", "  ", "\t", "\u00a0", "\u2009", "\u200b", "\ufeff", "\u200d"]  # spaces, format characters


def _random_names(seed: int, count: int) -> list[str]:
    import random

    rng = random.Random(seed)
    names = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 9))) for _ in range(count)]
    names += names[: count // 10]  # names twice: ties keep the order given
    rng.shuffle(names)
    return names


@pytest.mark.parametrize("seed", range(6))
def test_a_long_list_is_put_in_the_order_each_names_key_gives(seed):
    from ntm_analysis import text

    names = _random_names(seed, 3000)
    keys = [text.vi_sort_key(name) for name in names]
    one_by_one = sorted(range(len(names)), key=keys.__getitem__)
    assert len(names) >= text._KEYED_IN_ARROW
    assert text.vi_order(names).tolist() == one_by_one


def test_a_long_list_of_real_names_is_in_vietnamese_order():
    from ntm_analysis import text

    names = FILE_ORDER * 300  # 2,700 names: keyed as columns
    assert len(names) >= text._KEYED_IN_ARROW
    ordered = [names[i] for i in text.vi_order(names)]
    assert ", ".join(dict.fromkeys(ordered)) == VI_ORDER
    assert text.vi_order(names).tolist()[:300] == [names.index("Ái Quốc") + 9 * k for k in range(300)]
