"""Property and fuzz tests (hypothesis), bounded to a few seconds:

- any generated assessment written to CSV, XLSX or Parquet, wide or long, reads back unchanged;
- random bytes, truncated and re-extensioned files, random headers and statuses give problems,
  never an exception;
- every commune in is a commune out, or there is an error.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write_csv, write_parquet, write_xlsx
from ntm_analysis.model import read_assessment
from ntm_analysis.text import BASICALLY_MET, MET, NOT_MET, clean_name, name_key

# 25 examples each keeps the suite fast; NTM_FUZZ_EXAMPLES=1000 searches harder before a release.
FAST = settings(max_examples=int(os.environ.get("NTM_FUZZ_EXAMPLES", "25")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Syllables of real commune names; none of them makes a name a town, a total or a heading.
SYLLABLES = ["Ái", "Quốc", "Đồng", "Bục", "Đông", "Quan", "Hữu", "Khánh", "Lân", "Xuân", "Khuất", "Xá",
             "Lợi", "Bác", "Mẫu", "Sơn", "Minh", "Hiệp", "Nam", "Sàn", "Viên", "Tam", "Gia", "Thống",
             "Nhất", "Tĩnh", "Bắc", "Tú", "Đoạn", "Mịch", "Dương", "Yên", "Khoái", "Hòa", "Thủy", "Hùng",
             "Nhè", "Dung", "Lượng", "Mường", "Khương", "Tân", "Lập", "Kim", "Phú"]
WORDS = {
    "words": {MET: "Đạt", NOT_MET: "Chưa đạt", BASICALLY_MET: "Cơ bản đạt"},
    "short": {MET: "Đ", NOT_MET: "CĐ", BASICALLY_MET: "CBĐ"},
    "x": {MET: "x", NOT_MET: ""},
    "01": {MET: "1", NOT_MET: "0"},
}


@st.composite
def assessments(draw):
    """(period, names as written, names as they should read, status matrix, vocabulary)."""
    n = draw(st.integers(1, 12))
    names, keys = [], set()
    for _ in range(n):
        name = " ".join(draw(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3)))
        if name_key(name) not in keys:
            keys.add(name_key(name))
            names.append(name)
    period, size = draw(st.sampled_from([("2020Q1", 19), ("2023Q4", 19), ("2026Q2", 10)]))
    vocabulary = draw(st.sampled_from(sorted(WORDS)))
    codes = sorted(WORDS[vocabulary])
    status = np.array(draw(st.lists(st.lists(st.sampled_from(codes), min_size=size, max_size=size),
                                    min_size=len(names), max_size=len(names))), dtype=np.int8)
    written = []
    for name in names:
        form = draw(st.sampled_from(["plain", "prefix", "nfd", "upper-prefix"]))
        written.append({"plain": name, "prefix": f"Xã {name}", "nfd": unicodedata.normalize("NFD", name),
                        "upper-prefix": f"XÃ {name}"}[form])
    return period, written, names, status, vocabulary


def write(folder: Path, period, written, status, vocabulary, shape, kind, encoding) -> Path:
    words = WORDS[vocabulary]
    size = status.shape[1]
    if shape == "wide":
        rows = [["STT", "Tên xã", *map(str, range(1, size + 1)), "Số tiêu chí đạt"]]
        rows += [[i, name, *[words[c] for c in codes], int((codes == MET).sum())]
                 for i, (name, codes) in enumerate(zip(written, status), 1)]
    else:
        rows = [["commune", "criterion", "status"]]
        rows += [[name, c + 1, words[codes[c]] if words[codes[c]] else "Chưa đạt"]
                 for name, codes in zip(written, status) for c in range(size)]
    path = folder / f"ntm_{period}.{kind}"
    if kind == "csv":
        write_csv(path, rows, sep=";" if encoding == "cp1258" else ",", encoding=encoding)
    elif kind == "xlsx":
        write_xlsx(path, {"Biểu": rows})
    else:
        write_parquet(path, [[str(v) for v in row] for row in rows])
    return path


@FAST
@given(assessments(), st.sampled_from(["wide", "long"]), st.sampled_from(["csv", "xlsx", "parquet"]),
       st.sampled_from(["utf-8", "utf-8-sig", "cp1258", "utf-16"]))
def test_any_assessment_reads_back_unchanged(generated, shape, kind, encoding):
    period, written, names, status, vocabulary = generated
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), period, written, status, vocabulary, shape, kind, encoding)
        assessment = read_assessment([path])
        assert not assessment.problems.errors, "\n".join(map(str, assessment.problems.errors))
        snap = assessment.snapshot(period)
        assert snap.communes == [clean_name(n) for n in names]
        assert (snap.status.to_numpy() == status).all()


SUFFIXES = [".csv", ".xlsx", ".parquet", ".xlsm", ".txt"]


def read_only_problems(path: Path):
    """Reading never raises: whatever the bytes, problems come back."""
    for options in ({}, {"encoding": "tcvn3"}, {"encoding": "utf-16"}):
        assessment = read_assessment([path], **options)
        assert all(p.file for p in assessment.problems)
    return assessment


@FAST
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES))
def test_random_bytes_are_problems_not_exceptions(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ntm_2020Q1{suffix}"
        path.write_bytes(data)
        read_only_problems(path)


def _valid_files(folder: Path) -> dict[str, bytes]:
    status = np.array([[MET] * 19, [NOT_MET] * 19], dtype=np.int8)
    return {kind: write(folder, "2020Q1", ["Tú Đoạn", "Khuất Xá"], status, "words", "wide", kind,
                        "utf-8").read_bytes() for kind in ("csv", "xlsx", "parquet")}


VALID: dict[str, bytes] = {}


@FAST
@given(st.sampled_from(["csv", "xlsx", "parquet"]), st.floats(0, 1), st.sampled_from(SUFFIXES),
       st.integers(0, 255), st.integers(0, 10**6))
def test_truncated_damaged_and_re_extensioned_files(kind, cut, suffix, byte, where):
    with tempfile.TemporaryDirectory() as folder:
        if not VALID:
            VALID.update(_valid_files(Path(folder)))
        data = bytearray(VALID[kind])
        data = data[: int(len(data) * cut)]
        if data:
            data[where % len(data)] = byte
        path = Path(folder) / f"bao_cao_2020Q1{suffix}"
        path.write_bytes(bytes(data))
        read_only_problems(path)


CELLS = st.one_of(
    st.sampled_from(["Tên xã", "TT", "STT", "Tiêu chí", "1", "2", "19", "20", "TC 3", "Số tiêu chí đạt",
                     "Kỳ", "2020Q1", "1999Q1", "Quý I/2020", "Huyện Lộc Bình", "I", "Cộng", "Tổng cộng",
                     "Đạt", "Chưa đạt", "x", "", "", "", "Cơ bản đạt", "=SUM(A1:A3)", "1e400", "-1",
                     "99999999999999999999", "Xã Xa Dung", "Thị trấn Lộc Bình", "B¶o Th¾ng", "\u200b",
                     "Tú \u00d0oạn", "kind", "target", "old_commune", "commune", "criterion", "status"]),
    st.text(max_size=8))


@FAST
@given(st.lists(st.lists(CELLS, min_size=1, max_size=8), min_size=1, max_size=12),
       st.sampled_from(["csv", "xlsx"]))
def test_random_headers_and_statuses_are_problems_not_exceptions(rows, kind):
    if kind == "xlsx" and not _xlsx_safe(rows):
        kind = "csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ntm_2020Q1.{kind}"
        write_csv(path, rows) if kind == "csv" else write_xlsx(path, {"s": rows})
        read_only_problems(path)


def _xlsx_safe(rows) -> bool:
    """openpyxl refuses control characters in cells; such a grid is written as CSV instead."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return not any(ILLEGAL_CHARACTERS_RE.search(c) for row in rows for c in row)


STATUS_CELLS = st.sampled_from(["Đạt", "Chưa đạt", "x", "", "Cơ bản đạt", "1", "0", "đạt?", "Cộng", "2", "-"])


@FAST
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=10, unique=True),
       st.data(), st.sampled_from(["csv", "xlsx"]),
       st.lists(st.sampled_from(["blank", "subtotal", "heading", "total"]), max_size=3))
def test_every_commune_in_is_a_commune_out_or_an_error(names, data, kind, breaks):
    """Random marks, blank rows, subtotals and headings between the communes: each commune
    written is read, or an error is said."""
    rows = [["STT", "Tên xã", *map(str, range(1, 20))]]
    for i, name in enumerate(names, 1):
        rows.append([i, name, *data.draw(st.lists(STATUS_CELLS, min_size=19, max_size=19))])
        if breaks and data.draw(st.booleans()):
            kind_of_break = breaks.pop()
            rows.append({"blank": [], "subtotal": ["", "Cộng", *[""] * 19], "heading": ["II", "Huyện Đình Lập"],
                         "total": ["", "Tổng cộng", *[""] * 19]}[kind_of_break])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ntm_2020Q1.{kind}"
        write_csv(path, rows) if kind == "csv" else write_xlsx(path, {"s": rows})
        assessment = read_assessment([path])
        read = set(assessment.snapshots["2020Q1"].communes) if "2020Q1" in assessment.snapshots else set()
        lost = [n for n in names if clean_name(n) not in read]
        assert not lost or assessment.problems.errors, (lost, [str(p) for p in assessment.problems])


# Letters of names and what else a cell may hold: tones, breve, circumflex, horn, đ, case, digits,
# punctuation and letters from outside the alphabet.
NAME_CHARS = "aAăĂâÂbdđĐeêÊghiIklmnoOôÔơƠpqrstuưƯvxyYzfjw0129 ().-'\u0300\u0301\u0303\u0309\u0323ñßÆ"


@FAST
@given(st.lists(st.one_of(st.text(NAME_CHARS, max_size=12), st.sampled_from(SYLLABLES).map(
    lambda s: s.upper() if len(s) % 2 else s)), min_size=2, max_size=12))
def test_the_vietnamese_order_is_that_of_the_tuple_keys(names):
    """``vi_sort_key`` is one string per name; comparing two names' strings says what comparing
    their (letters, tone, case) tuples says (``reference.vi_sort_key``), for any text."""
    from reference import vi_sort_key as tuple_key

    from ntm_analysis.text import vi_sort_key, vi_sorted

    for a, b in zip(names, names[1:] + names[:1]):
        ka, kb, ta, tb = vi_sort_key(a), vi_sort_key(b), tuple_key(a), tuple_key(b)
        assert (ka < kb, ka == kb, ka > kb) == (ta < tb, ta == tb, ta > tb), (a, b)
    assert vi_sorted(names) == sorted(names, key=tuple_key)
