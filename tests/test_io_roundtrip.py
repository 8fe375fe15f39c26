"""A file with N communes yields N communes, or an error: never a silently lost row.

Random but seeded forms (format, layout, vocabulary, title rows, totals, names in NFD) are
written, read back and compared with what was written.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from conftest import write_csv, write_parquet, write_xlsx
from ntm_analysis import validate
from ntm_analysis.model import read_assessment

NAMES = ["Ái Quốc", "Đồng Bục", "Đông Quan", "Hữu Khánh", "Hữu Lân", "Khánh Xuân", "Khuất Xá",
         "Lợi Bác", "Mẫu Sơn", "Minh Hiệp", "Nam Quan", "Sàn Viên", "Tam Gia", "Thống Nhất",
         "Tĩnh Bắc", "Tú Đoạn", "Tú Mịch", "Xuân Dương", "Yên Khoái", "Hòa Bình", "Thủy Hùng",
         "A", "B", "Đạt", "1"]
VOCABULARIES = [("Đạt", "Chưa đạt"), ("x", ""), ("1", "0"), ("True", "False"), ("ĐẠT", "chưa đạt")]


def random_form(rng: random.Random, tmp_path, damage: bool = False):
    """Write a random form; return its path and the criteria met by each commune written.

    With ``damage``, one status cell is replaced by a word that is no status."""
    n = rng.randint(1, 25)
    names = rng.sample(NAMES, n)
    met = {name: {c for c in range(1, 20) if rng.random() < 0.5} for name in names}
    yes, no = rng.choice(VOCABULARIES)
    written = [unicodedata.normalize("NFD", nm) if rng.random() < 0.3 else nm for nm in names]
    written = [("Xã " + nm) if rng.random() < 0.3 else nm for nm in written]
    long = rng.random() < 0.3
    if long:
        rows = [["commune", "criterion", "status"]] + [
            [w, c, yes if c in met[nm] else no] for nm, w in zip(names, written) for c in range(1, 20)]
        if damage:
            rows[rng.randint(1, len(rows) - 1)][2] = "đạt??"
    else:
        rows = [["STT", "Tên xã", *[f"TC{c}" for c in range(1, 20)], "Số tiêu chí đạt"]] + [
            [i, w, *[yes if c in met[nm] else no for c in range(1, 20)], len(met[nm])]
            for i, (nm, w) in enumerate(zip(names, written), 1)]
        if damage:
            rows[rng.randint(1, n)][2 + rng.randrange(19)] = "đạt??"
        if rng.random() < 0.5 and not damage:
            rows.append(["", "Tổng cộng", *[sum(c in m for m in met.values()) for c in range(1, 20)],
                         sum(len(m) for m in met.values())])
        if rng.random() < 0.5:
            rows = [["UBND HUYỆN LỘC BÌNH"], ["BIỂU TỔNG HỢP"], []] + rows
    titled = rows[0][0] == "UBND HUYỆN LỘC BÌNH"
    kind = rng.choice(["csv", "xlsx"] if titled else ["csv", "xlsx", "parquet"])
    path = tmp_path / f"ntm_2020Q1.{kind}"
    if kind == "csv":
        write_csv(path, rows, sep=rng.choice([",", ";"]), encoding=rng.choice(["utf-8", "utf-8-sig", "cp1258"]))
    elif kind == "xlsx":
        write_xlsx(path, {"Sheet1": rows})
    else:
        write_parquet(path, [[str(v) for v in row] for row in rows])
    return path, met


@pytest.mark.parametrize("seed", range(40))
def test_n_communes_in_n_communes_out(tmp_path, seed):
    path, met = random_form(random.Random(seed), tmp_path)
    assessment = read_assessment([path])
    assert not assessment.problems.errors, "\n".join(map(str, assessment.problems.errors))
    counts = assessment.snapshot("2020Q1").met_count.to_dict()
    assert counts == {name: len(m) for name, m in met.items()}


@pytest.mark.parametrize("seed", range(20))
def test_a_damaged_cell_is_an_error(tmp_path, seed):
    path, _ = random_form(random.Random(1000 + seed), tmp_path, damage=True)
    errors = [p for p in validate(path) if p.is_error]
    assert [p.value for p in errors if "unknown status" in p.message] == ["đạt??"]
