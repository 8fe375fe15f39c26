"""The plain path of records (io/plain_records.py) gives exactly what the careful path gives, or
declines.

Each case is read twice, with ``plain.ENABLED`` on and off (every kept text forgotten before
each read, and read once more warm): the records as read (frames, dtypes, rows), the assembled
assessment (register, targets, boundaries) and every problem (order, file, row, column,
message, value) must be identical. Clean generated files must actually be read by the plain
path (else the test would compare the careful path with itself); spoiled ones, whatever the
path, must agree, and those the careful path has something to say of are declined.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ntm_analysis.io as io
from ntm_analysis import synth
from ntm_analysis.io import Options, Records, legacy, plain, plain_records
from ntm_analysis.model import read_assessment
from ntm_analysis.problems import Problems

from conftest import cp1258, spy_reader


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Records of a small history, and one quarter of its marks (so that the register meets
    assessed communes: units filled, communes not in the register said)."""
    data = synth.generate(300, 3, seed=7, end="2025Q4", churn=0.05, keep_names=0.3)
    folder = tmp_path_factory.mktemp("records")
    synth.write(data, folder, forms=("wide", "records"), formats=("csv",))
    return folder


def _read(paths, enabled: bool, monkeypatch, **options):
    """The records as read, the assessment, and how many files the plain path of records read."""
    used = spy_reader(monkeypatch, "read_records", enabled)
    problems = Problems()
    records = [p for p in io.read(paths, Options(**options), problems) if isinstance(p, Records)]
    read = sum(used)
    plain.forget()
    assessment = read_assessment(paths, missing_period="warning", **options)
    return records, problems, assessment, read


def _same_records(a: list[Records], b: list[Records]) -> None:
    assert [(r.kind, r.source) for r in a] == [(r.kind, r.source) for r in b]
    for x, y in zip(a, b):
        pd.testing.assert_frame_equal(x.frame, y.frame, check_index_type=True, obj=f"{x.source} frame")
        assert list(x.frame.columns) == list(y.frame.columns)
        assert [str(t) for t in x.frame.dtypes] == [str(t) for t in y.frame.dtypes]
        np.testing.assert_array_equal(x.rows, y.rows)
        assert x.rows.dtype == y.rows.dtype


def _same(a, b) -> None:
    assert [p for p in a.problems] == [p for p in b.problems]
    assert [(p.key, p.params) for p in a.problems] == [(p.key, p.params) for p in b.problems]
    pd.testing.assert_frame_equal(a.communes, b.communes, check_index_type=True)
    assert list(a.communes.index) == list(b.communes.index)
    pd.testing.assert_frame_equal(a.targets, b.targets)
    pd.testing.assert_frame_equal(a.boundaries, b.boundaries)
    assert a.periods == b.periods
    for period in a.periods:
        for name in ("status", "origin", "units"):
            pd.testing.assert_frame_equal(getattr(a.snapshots[period], name), getattr(b.snapshots[period], name))


def _compare(paths, monkeypatch, **options) -> int:
    """Both paths read ``paths`` alike (the plain one also warm); how many records files the
    plain path read."""
    careful_records, careful_problems, careful, none = _read(paths, False, monkeypatch, **options)
    assert none == 0
    fast_records, fast_problems, fast, used = _read(paths, True, monkeypatch, **options)
    _same_records(fast_records, careful_records)
    assert list(fast_problems) == list(careful_problems)
    _same(fast, careful)
    monkeypatch.setattr(plain, "ENABLED", True)
    _same(read_assessment(paths, missing_period="warning", **options), careful)  # the texts kept
    return used


@pytest.mark.parametrize(("communes", "seed"), [(40, 1), (300, 2), (2000, 3)])
def test_clean_generated_records_are_read_plainly_and_alike(tmp_path, monkeypatch, communes, seed):
    data = synth.generate(communes, 4, seed=seed, end="2025Q4", churn=0.05, keep_names=0.3)
    synth.write_records(data, tmp_path / "records")
    assert len(list((tmp_path / "records").glob("*.csv"))) == 3
    used = _compare([tmp_path / "records"], monkeypatch)
    assert used == 3  # the register, the mapping and the targets


def test_records_beside_marks_are_read_plainly_and_alike(generated, monkeypatch):
    used = _compare([generated / "wide_csv", generated / "records"], monkeypatch)
    assert used == 3


def test_an_assessment_file_is_no_table_of_records(generated):
    for path in sorted((generated / "wide_csv").glob("*.csv")):
        assert plain_records.read_records(path, str(path), Options()) is None


def _table(generated: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(generated / "records" / name, dtype=str, keep_default_na=False)


def _tcvn3_shown(text: str) -> str:
    """``text`` as a workbook typed in a .VnTime font stores it: TCVN3 bytes shown by Windows-1252."""
    return legacy.encode_tcvn3(text).decode("cp1252", errors="replace")


def _spoil_register(frame: pd.DataFrame, case: str) -> pd.DataFrame:
    frame = frame.copy()
    name = "commune"
    if case == "blank_name":
        frame.loc[4, name] = ""
    elif case == "twice":
        frame = pd.concat([frame, frame.iloc[[7]]], ignore_index=True)
    elif case == "twice_by_key":  # one commune in two spellings, one district
        frame.loc[8, name], frame.loc[8, "district"] = "Hoà Bình", "Lộc Bình"
        frame.loc[9, name], frame.loc[9, "district"] = "hòa bình", "Lộc Bình"
    elif case == "same_name_two_districts":
        frame.loc[8, name], frame.loc[8, "district"] = "Tân Lập", "Sơn Dương"
        frame.loc[9, name], frame.loc[9, "district"] = "Tân Lập", "Yên Sơn"
    elif case == "same_name_one_district_blank":
        frame.loc[8, name], frame.loc[8, "district"] = "Tân Lập", "Sơn Dương"
        frame.loc[9, name], frame.loc[9, "district"] = "Tân Lập", ""
    elif case == "bad_year":
        frame.loc[5, "recognised_year"] = "20x5"
    elif case == "year_out_of_range":
        frame.loc[5, "recognised_year"] = "1990"
    elif case == "year_as_decimal":
        frame.loc[5, "recognised_year"] = "2021.0"
    elif case == "district_prefixed":
        frame.loc[:10, "district"] = ["Huyện " + d if d else d for d in frame.loc[:10, "district"]]
    elif case == "district_capitals":
        frame.loc[:10, "district"] = [d.upper() for d in frame.loc[:10, "district"]]
    elif case == "unknown_district":
        frame.loc[3, "district"] = "Huyện Không Có Thật"
    elif case == "no_district":  # one name in two districts is then a commune listed twice
        frame = frame.drop(columns=["district"])
    elif case == "no_district_unique":
        frame = frame.drop(columns=["district"]).drop_duplicates("commune", ignore_index=True)
    elif case == "legacy_name":
        frame.loc[6, name] = _tcvn3_shown("Bảo Thắng")
    elif case == "invisible":
        frame.loc[2, name] = frame.loc[2, name][:2] + "\u200b" + frame.loc[2, name][2:]
    elif case == "soft_hyphen":
        frame.loc[2, name] = frame.loc[2, name][:2] + "\u00ad" + frame.loc[2, name][2:]
    elif case == "nfd":
        frame[name] = [unicodedata.normalize("NFD", n) for n in frame[name]]
        frame["district"] = [unicodedata.normalize("NFD", n) for n in frame["district"]]
    elif case == "prefix":
        frame[name] = ["Xã " + n for n in frame[name]]
    elif case == "double_prefix":
        frame.loc[3, name] = "Xã Xã " + frame.loc[3, name]
    elif case == "lower_case":
        frame[name] = [n.lower() for n in frame[name]]
    elif case == "lower_later_word":
        frame.loc[3, name] = "Tân ấp Bắc"
    elif case == "lookalike":  # a Cyrillic "о" for the Latin letter
        frame.loc[3, name] = frame.loc[3, name].replace("o", "\u043e") + " Sоn"
    elif case == "spaces":
        frame.loc[3, name] = "  " + frame.loc[3, name] + "  "
        frame.loc[4, name] = frame.loc[4, name].replace(" ", "   ")
        frame.loc[5, "district"] = "\t" + frame.loc[5, "district"]
    elif case == "totals":
        total = {c: "" for c in frame.columns}
        total[name] = "Tổng cộng"
        frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    elif case == "heading":
        heading = {c: "" for c in frame.columns}
        heading[name] = "Huyện Lộc Bình"
        frame = pd.concat([frame.iloc[:5], pd.DataFrame([heading]), frame.iloc[5:]], ignore_index=True)
    elif case == "numbered_heading":
        frame.insert(0, "STT", [str(i + 1) for i in range(len(frame))])
        frame.loc[4, "STT"] = "II"
    elif case == "blank_row":
        frame = pd.concat([frame.iloc[:5], pd.DataFrame([{c: "" for c in frame.columns}]), frame.iloc[5:]],
                          ignore_index=True)
    elif case == "extra_column":
        frame["Ghi chú"] = "x"
        frame["something else"] = "y"
    elif case == "two_district_columns":
        frame["Huyện"] = frame["district"]
    elif case == "attributes":
        frame["border"] = np.where(np.arange(len(frame)) % 3 == 0, "x", "")
        frame["pilot_year"] = np.where(np.arange(len(frame)) % 4 == 0, "2022", "")
        frame["villages_in_scope"] = [str(i % 20) for i in range(len(frame))]
    elif case == "bad_bool":
        frame["border"] = np.where(np.arange(len(frame)) % 3 == 0, "có lẽ", "")
    elif case == "vietnamese_headers":
        frame = frame.rename(columns={"commune": "Tên xã", "district": "Huyện", "province": "Tỉnh",
                                      "recognised_year": "Năm công nhận"})
    elif case == "formula_text":
        frame.loc[3, name] = "=cmd|' /C calc'!A0"
        frame.loc[4, name] = "+SUM(A1:A2)"
    elif case == "quoted_comma":
        frame.loc[3, name] = "Tân Lập, Sơn Dương"
        frame.loc[4, name] = 'Bản "Mới"'
    elif case == "quoted_newline":
        frame.loc[70 % len(frame), name] = "Tân Lập\nSơn Dương"
    elif case == "index_row":
        frame = pd.concat([pd.DataFrame([{c: str(i + 1) for i, c in enumerate(frame.columns)}]), frame],
                          ignore_index=True)
    elif case == "ascii_bare_prefix":
        frame[name] = [f"Xa Son {i}" for i in range(len(frame))]
        frame["district"] = "Son Duong"
        frame["province"] = "Tuyen Quang"
    elif case == "ascii_names":
        frame[name] = [f"Son {i}" for i in range(len(frame))]
        frame["district"] = "Son Duong"
        frame["province"] = "Tuyen Quang"
    else:
        raise AssertionError(case)
    return frame


REGISTER = ["blank_name", "twice", "twice_by_key", "same_name_two_districts", "same_name_one_district_blank",
            "bad_year", "year_out_of_range", "year_as_decimal", "district_prefixed", "district_capitals",
            "unknown_district", "no_district", "no_district_unique", "legacy_name", "invisible", "soft_hyphen", "nfd", "prefix",
            "double_prefix", "lower_case", "lower_later_word", "lookalike", "spaces", "totals", "heading",
            "numbered_heading", "blank_row", "extra_column", "two_district_columns", "attributes", "bad_bool",
            "vietnamese_headers", "formula_text", "quoted_comma", "quoted_newline", "index_row",
            "ascii_bare_prefix", "ascii_names"]
# Spoilings the careful path reads without a word to say beyond columns it ignores: still plain.
STILL_PLAIN = {"same_name_two_districts", "same_name_one_district_blank", "year_as_decimal", "district_prefixed",
               "district_capitals", "unknown_district", "no_district_unique", "nfd", "prefix", "double_prefix",
               "lower_case", "lower_later_word", "lookalike", "spaces", "extra_column", "attributes",
               "vietnamese_headers", "formula_text", "quoted_comma", "ascii_names"}
# Spoilings the careful path says something of (or reads differently): declined.
DECLINED = {"blank_name", "no_district", "twice", "twice_by_key", "bad_year", "year_out_of_range", "legacy_name", "invisible",
            "soft_hyphen", "totals", "heading", "numbered_heading", "blank_row", "two_district_columns",
            "bad_bool", "quoted_newline", "index_row", "ascii_bare_prefix"}


def _write(frame: pd.DataFrame, path: Path, how: str = "utf-8-sig") -> Path:
    text = frame.to_csv(index=False, sep=";" if how == "semicolon" else ",", lineterminator="\r\n")
    if how == "cp1258":
        path.write_bytes(cp1258(text))
    elif how == "no_bom":
        path.write_text(text, encoding="utf-8", newline="")
    elif how == "utf-16":
        path.write_bytes(text.encode("utf-16"))
    else:
        path.write_text(text, encoding="utf-8-sig", newline="")
    return path


def _folder(generated: Path, tmp_path: Path, spoiled: str, frame: pd.DataFrame, how: str = "utf-8-sig") -> Path:
    """The generated records with one file replaced by ``frame``."""
    folder = tmp_path / "records"
    folder.mkdir()
    for path in (generated / "records").glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    _write(frame, folder / spoiled, how)
    return folder


def test_every_spoiling_is_said_either_way():
    assert set(REGISTER) == STILL_PLAIN | DECLINED and not STILL_PLAIN & DECLINED


@pytest.mark.parametrize("case", REGISTER)
def test_spoiled_registers_give_the_careful_answers(generated, tmp_path, monkeypatch, case):
    frame = _spoil_register(_table(generated, "communes.csv"), case)
    folder = _folder(generated, tmp_path, "communes.csv", frame)
    used = _compare([generated / "wide_csv", folder], monkeypatch)
    assert used == (3 if case in STILL_PLAIN else 2)


@pytest.mark.parametrize("how", ["no_bom", "semicolon", "cp1258", "utf-16"])
def test_registers_written_otherwise_give_the_careful_answers(generated, tmp_path, monkeypatch, how):
    folder = _folder(generated, tmp_path, "communes.csv", _table(generated, "communes.csv"), how)
    used = _compare([generated / "wide_csv", folder], monkeypatch)
    assert used == (3 if how in ("no_bom", "semicolon") else 2)


@pytest.mark.parametrize("case", ["title_above", "blank_label", "header_only", "lone_cr", "nul", "late_bad_byte",
                                  "bom_inside", "ragged", "trailing_blank_lines", "second_header_line"])
def test_register_bytes_give_the_careful_answers(generated, tmp_path, monkeypatch, case):
    frame = _table(generated, "communes.csv")
    lines = frame.to_csv(index=False, lineterminator="\r\n").encode().split(b"\r\n")
    if case == "title_above":
        lines.insert(0, "DANH SÁCH XÃ,,,".encode())
    elif case == "blank_label":
        lines = [line + b"," + (b"" if i == 0 else b"x") for i, line in enumerate(lines[:-1])] + [b""]
    elif case == "header_only":
        lines = lines[:1] + [b""]
    elif case == "lone_cr":
        lines[8] = lines[8].replace(b",", b"\r,", 1)
    elif case == "nul":
        lines[9] = lines[9] + b"\x00"
    elif case == "late_bad_byte":
        lines[90] = lines[90].replace(b",", b"\xff,", 1)
    elif case == "bom_inside":
        lines[85] = lines[85].replace(b",", b",\xef\xbb\xbf", 1)
    elif case == "ragged":
        lines[75] = lines[75] + b",x"
    elif case == "trailing_blank_lines":
        lines = lines[:-1] + [b",,,", b",,,", b""]
    elif case == "second_header_line":  # criteria numbered under the header: not records any more
        lines.insert(1, b",,1,2")
    folder = tmp_path / "records"
    folder.mkdir()
    for path in (generated / "records").glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "communes.csv").write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(lines))
    used = _compare([generated / "wide_csv", folder], monkeypatch)
    assert used == 2  # the register said carefully; the mapping and targets plain


def _spoil_boundaries(frame: pd.DataFrame, case: str) -> pd.DataFrame:
    frame = frame.copy()
    if case == "bad_date":
        frame.loc[2, "effective_date"] = "31/02/2025"
    elif case == "iso_date":
        frame["effective_date"] = "2025-07-01"
    elif case == "blank_new":
        frame.loc[3, "new_commune"] = ""
    elif case == "blank_decision":
        frame.loc[3, "decision"] = ""
    elif case == "no_source":
        frame = frame.drop(columns=["source"])
    elif case == "no_date_column":
        frame = frame.drop(columns=["effective_date"])
    elif case == "vietnamese_headers":
        frame = frame.rename(columns={"old_commune": "Xã cũ", "new_commune": "Xã mới", "effective_date": "Ngày hiệu lực"})
    elif case == "prefixed_names":
        frame["new_commune"] = ["Xã " + n for n in frame["new_commune"]]
    elif case == "total_below":
        total = {c: "" for c in frame.columns}
        total["old_commune"] = "Tổng cộng"
        total["new_commune"] = str(len(frame))
        frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    elif case == "legacy_decision":
        frame["decision"] = _tcvn3_shown("Nghị quyết sắp xếp")
    else:
        raise AssertionError(case)
    return frame


@pytest.mark.parametrize(("case", "plainly"), [("bad_date", False), ("iso_date", True), ("blank_new", False),
                                               ("blank_decision", True), ("no_source", True),
                                               ("no_date_column", False), ("vietnamese_headers", True),
                                               ("prefixed_names", True), ("total_below", False),
                                               ("legacy_decision", False)])
def test_spoiled_mappings_give_the_careful_answers(generated, tmp_path, monkeypatch, case, plainly):
    frame = _spoil_boundaries(_table(generated, "boundaries.csv"), case)
    folder = _folder(generated, tmp_path, "boundaries.csv", frame)
    used = _compare([generated / "wide_csv", folder], monkeypatch)
    assert used == (3 if plainly else 2)


def _spoil_targets(frame: pd.DataFrame, case: str) -> pd.DataFrame:
    frame = frame.copy()
    pilot = int(np.flatnonzero((frame["kind"] == "all_criteria").to_numpy())[0])
    if case == "blank_commune":
        frame.loc[pilot, "commune"] = ""
    elif case == "bad_kind":
        frame.loc[0, "kind"] = "average"
    elif case == "share_as_percent":
        frame.loc[2, "value"] = "80%"
    elif case == "bad_value":
        frame.loc[0, "value"] = "mười lăm"
    elif case == "bad_due":
        frame.loc[0, "due"] = "cuối năm"
    elif case == "due_in_words":
        frame.loc[0, "due"] = "Quý IV/2020"
    elif case == "english":
        frame["target_en"] = "a target"
    elif case == "unassessed":
        frame.loc[pilot, "commune"] = "Xã Không Có"
    elif case == "no_value_column":
        frame = frame.drop(columns=["value"])
    else:
        raise AssertionError(case)
    return frame


@pytest.mark.parametrize(("case", "plainly"), [("blank_commune", False), ("bad_kind", False),
                                               ("share_as_percent", True), ("bad_value", False),
                                               ("bad_due", False), ("due_in_words", True), ("english", True),
                                               ("unassessed", True), ("no_value_column", True)])
def test_spoiled_targets_give_the_careful_answers(generated, tmp_path, monkeypatch, case, plainly):
    frame = _spoil_targets(_table(generated, "targets.csv"), case)
    folder = _folder(generated, tmp_path, "targets.csv", frame)
    used = _compare([generated / "wide_csv", folder], monkeypatch)
    assert used == (3 if plainly else 2)


def test_records_forced_in_an_encoding_are_read_carefully(generated, monkeypatch):
    used = _compare([generated / "records"], monkeypatch, encoding="utf-8")
    assert used == 0


def test_a_plain_reading_that_differs_is_caught(generated, tmp_path, monkeypatch):
    """The comparison itself: a plain path that printed one name otherwise would fail it."""
    real = plain_records._records

    def wrong(*args, **kwargs):
        found = real(*args, **kwargs)
        if found is not None and "commune" in found[0][0].frame.columns:
            found[0][0].frame.loc[0, "commune"] = "Sai Tên"
        return found

    monkeypatch.setattr(plain_records, "_records", wrong)
    with pytest.raises(AssertionError):
        _compare([generated / "records"], monkeypatch)


def _hostile_texts() -> list[str]:
    """Names and labels as offices write them, and spoiled: what the bulk screens meet."""
    data = synth.generate(400, 2, seed=11, end="2025Q4")
    names = list(dict.fromkeys(list(data.register["commune"]) + list(data.register["district"].fillna(""))))
    spoiled = []
    for name in names[:60]:
        spoiled += [unicodedata.normalize("NFD", name), name.lower(), name.upper(), "Xã " + name, "xã " + name,
                    "XÃ " + name, "Xa " + name, " " + name, name + " ", name.replace(" ", "  "), name + "\u200b",
                    "\u00ad" + name, name.replace("o", "\u043e"), _tcvn3_shown(name) if name.isascii() is False else name,
                    f"{name} ({names[-1]})", "1. " + name, "I. Huyện " + name, "Huyện " + name, "Tỉnh " + name,
                    "Thành phố " + name, "Thị xã " + name, "Quận " + name, "Cộng huyện " + name, "Toàn " + name,
                    "Cả huyện " + name, name + "\t", "ấp " + name, name + " ấp"]
    spoiled += ["Tổng cộng", "TỔNG CỘNG", "Tổng", "Cộng", "Cộng (I)", "Total", "Grand total", "Sub total", "Subtotal",
                "Toàn tỉnh", "Cả xã", "ii) Huyện X", "a - Huyện X", "B. Thị xã Y", "Thị trấn X", "=cmd|' /C calc'!A0",
                "", " ", "Đ", "đạt", "ĐẠT", "Tó", "Th¸i B×nh", "Tha\u00f8i Bình", "\ufeffTân", "B\u00c3\u00a1", "Cao", "Cát",
                "Gò Công", "Sơn", "Sub", "Tô Hiệu", "Tổng Chuyên", "Công Chính", "Ca Đình", "Grand", "Su Bàn"]
    return names + spoiled


def test_the_bulk_screens_vouch_only_for_what_the_careful_steps_say():
    """A text screened clean is clean, one screened printed-as-written prints as written, and
    every total and heading label is among those the screens keep for the careful test."""
    import pyarrow as pa

    from ntm_analysis.io.layout import is_total_label, unit_heading
    from ntm_analysis.text import clean_name

    texts = _hostile_texts()
    plain.forget()
    found = plain_records._clean_texts(pa.array(texts, pa.string()))
    assert found is not None or any(plain._clean(t) is None for t in texts)
    clean_ones = [t for t in texts if plain._clean(t) is not None]
    clean, named, total, heading = plain_records._clean_texts(pa.array(clean_ones, pa.string()))
    assert list(clean) == [plain._clean(t) for t in clean_ones]
    for raw, text, as_written, maybe_total, maybe_heading in zip(clean_ones, clean, named, total, heading):
        if as_written:
            assert text == raw and clean_name(text) == text, raw
        if is_total_label(text):
            assert maybe_total, raw
        if unit_heading(text) is not None:
            assert maybe_heading, raw
    assert named.sum() > 300 and not total.all() and not heading.all()  # the screens do rule out most
    assert any(plain._clean(t) is None for t in texts)  # the spoiled ones are there
