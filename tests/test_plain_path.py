"""The plain path (io/plain.py) gives exactly what the careful path gives, or declines.

Each case is read twice, with ``plain.ENABLED`` on and off (the lexicon forgotten before each
read, and read once more warm): the snapshots (statuses, names, origins, measures, units), the
register, targets, boundaries and every problem (order, file, row, column, message, value) must
be identical. Clean generated files must actually be read by the plain path (else the test
would compare the careful path with itself); messy ones, whatever the path, must agree.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ntm_analysis import synth
from ntm_analysis.io import plain
from ntm_analysis.model import read_assessment

from conftest import spy_reader


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    data = synth.generate(60, 9, seed=4, end="2026Q1", churn=0.06, basic_share=0.5, keep_names=0.3)
    folder = tmp_path_factory.mktemp("plain")
    synth.write(data, folder, forms=("wide", "long", "records"), formats=("csv", "parquet"))
    return folder


def _read(paths, enabled: bool, monkeypatch, **options):
    """The assessment read with the plain path on or off, and how many files it read."""
    used = spy_reader(monkeypatch, "read_plain", enabled)
    assessment = read_assessment(paths, **options)
    return assessment, sum(used)


def _same(a, b) -> None:
    assert [p for p in a.problems] == [p for p in b.problems]
    assert [(p.key, p.params) for p in a.problems] == [(p.key, p.params) for p in b.problems]
    assert a.periods == b.periods
    for period in a.periods:
        x, y = a.snapshots[period], b.snapshots[period]
        assert x.criteria_set.name == y.criteria_set.name
        for name in ("status", "origin", "measures", "units"):
            left, right = getattr(x, name), getattr(y, name)
            pd.testing.assert_frame_equal(left, right, check_index_type=True, obj=f"{period} {name}")
            assert list(left.index) == list(right.index)
        for snap in (x, y):  # names of units as objects (None where unknown), not Arrow strings (NaN)
            assert list(snap.units.columns) == ["district", "province"]
            assert all(dtype == object for dtype in snap.units.dtypes)
    pd.testing.assert_frame_equal(a.communes, b.communes)
    pd.testing.assert_frame_equal(a.targets, b.targets)
    pd.testing.assert_frame_equal(a.boundaries, b.boundaries)


def _compare(paths, monkeypatch, **options) -> int:
    """Both paths read ``paths`` alike (also the plain one warm); how many files it read."""
    careful, none = _read(paths, False, monkeypatch, **options)
    assert none == 0
    fast, used = _read(paths, True, monkeypatch, **options)
    _same(fast, careful)
    monkeypatch.setattr(plain, "ENABLED", True)
    _same(read_assessment(paths, **options), careful)  # the lexicon warm
    return used


@pytest.mark.parametrize("form", ["wide_csv", "wide_parquet", "long.parquet", "long.csv"])
def test_clean_generated_files_are_read_plainly_and_alike(generated, form, monkeypatch):
    paths = [generated / form, generated / "records"]
    used = _compare(paths, monkeypatch)
    assert used == (9 if form.startswith("wide") else 1)  # every assessment file, not the records


def _wide_rows(folder: Path) -> pd.DataFrame:
    return pd.read_csv(sorted((folder / "wide_csv").glob("*.csv"))[3], dtype=str, keep_default_na=False)


def _status_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.isdigit()]


def _messy(frame: pd.DataFrame, case: str) -> pd.DataFrame:
    """One quarter's wide form, spoiled as offices spoil it."""
    frame = frame.copy()
    statuses = _status_columns(frame)
    name = "Tên xã"
    if case == "nfd":
        frame[name] = [unicodedata.normalize("NFD", n) for n in frame[name]]
    elif case == "prefix":
        frame[name] = ["Xã " + n for n in frame[name]]
    elif case == "some_prefix":
        frame.loc[:3, name] = ["xã " + n for n in frame[name][:4]]
    elif case == "totals":
        total = {c: "" for c in frame.columns}
        total[name] = "Tổng cộng"
        total["Số tiêu chí đạt"] = str(frame["Số tiêu chí đạt"].astype(int).sum())
        frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    elif case == "invisible":
        frame.loc[2, name] = frame.loc[2, name][:2] + "\u200b" + frame.loc[2, name][2:]
    elif case == "unknown_status":
        frame.loc[5, statuses[3]] = "đạt?"
    elif case == "lower_status":
        frame[statuses[0]] = frame[statuses[0]].str.lower()
    elif case == "blank_status":
        frame.loc[4, statuses[2]] = ""
    elif case == "twice":
        frame = pd.concat([frame, frame.iloc[[7]]], ignore_index=True)
    elif case == "town":
        frame.loc[1, name] = "Thị trấn Bắc Sơn"
        frame.loc[6, name] = "Phường Hòa Bình"
    elif case == "count":
        frame.loc[3, "Số tiêu chí đạt"] = str(int(frame.loc[3, "Số tiêu chí đạt"]) + 1)
    elif case == "bad_count":
        frame.loc[3, "Số tiêu chí đạt"] = "mười"
    elif case == "extra_column":
        frame["Ghi chú"] = "x"
    elif case == "blank_name":
        frame.loc[8, name] = ""
    elif case == "blank_row":
        frame = pd.concat([frame.iloc[:5], pd.DataFrame([{c: "" for c in frame.columns}]), frame.iloc[5:]],
                          ignore_index=True)
    elif case == "missing_criterion":
        frame = frame.drop(columns=[statuses[-1]])
    elif case == "same_name":  # one name in two districts: told apart by the district
        frame.loc[9, name] = frame.loc[10, name]
    elif case == "same_name_same_district":
        frame.loc[9, name] = frame.loc[10, name]
        frame.loc[9, "Huyện"] = frame.loc[10, "Huyện"]
    elif case == "heading":
        heading = {c: "" for c in frame.columns}
        heading["STT"], heading["Tỉnh"] = "I", "Huyện Lộc Bình"
        frame = pd.concat([pd.DataFrame([heading]), frame], ignore_index=True)
    elif case == "ascii_xa":  # names without diacritics, "Xa" as a name, not a prefix
        frame[name] = [f"Xa Son {i}" for i in range(len(frame))]
        frame["Huyện"] = "Son Duong"
        frame["Tỉnh"] = "Tuyen Quang"
    else:
        raise AssertionError(case)
    return frame


MESSY = ["nfd", "prefix", "some_prefix", "totals", "invisible", "unknown_status", "lower_status", "blank_status",
         "twice", "town", "count", "bad_count", "extra_column", "blank_name", "blank_row", "missing_criterion",
         "same_name", "same_name_same_district", "heading", "ascii_xa"]


@pytest.mark.parametrize(("case", "fmt"), [(c, f) for f in ("csv", "parquet", "cp1258") for c in MESSY
                                           if (c, f) != ("invisible", "cp1258")])  # not in the code page
def test_messy_files_give_the_careful_answers(generated, tmp_path, monkeypatch, case, fmt):
    frame = _messy(_wide_rows(generated), case)
    path = tmp_path / f"ntm_2024Q2.{'parquet' if fmt == 'parquet' else 'csv'}"
    if fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        text = frame.to_csv(index=False, lineterminator="\r\n")
        if fmt == "cp1258":
            from conftest import cp1258
            path.write_bytes(cp1258(text))
        else:
            path.write_text(text, encoding="utf-8-sig")
    used = _compare([path, generated / "records"], monkeypatch, missing_period="warning")
    if case in ("nfd", "lower_status", "same_name") and fmt != "cp1258":
        assert used == 1  # still plain
    if case in ("invisible", "unknown_status", "twice", "totals", "blank_name", "bad_count", "count"):
        assert used == 0  # said by the careful path


def test_a_history_with_messy_quarters_is_read_alike(generated, tmp_path, monkeypatch):
    """Clean and spoiled quarters in one folder: plain files plainly, the rest carefully."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i, path in enumerate(sorted((generated / "wide_csv").glob("*.csv"))):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if i % 3 == 1:
            frame = _messy(frame, MESSY[i % len(MESSY)])
        target = folder / (path.stem + (".parquet" if i % 2 else ".csv"))
        if i % 2:
            frame.to_parquet(target, index=False)
        else:
            target.write_text(frame.to_csv(index=False), encoding="utf-8")
    used = _compare([folder, generated / "records"], monkeypatch, missing_period="warning")
    assert used >= 5


@pytest.mark.parametrize("case", ["quoted", "quoted_break", "lone_cr", "late_bad_byte", "late_cp1258", "nul",
                                  "semicolon", "bom_inside", "ragged", "long_field", "na_texts", "trailing_blanks", "blank_lines_end",
                                  "blank_line_inside"])
def test_messy_bytes_give_the_careful_answers(tmp_path, monkeypatch, case):
    """CSV files spoiled byte by byte, beyond the lines the plain path decodes first (61)."""
    data = synth.generate(200, 2, seed=5, end="2024Q2")
    synth.write(data, tmp_path / "g", forms=("wide", "records"), formats=("csv",))
    frame = pd.read_csv(tmp_path / "g" / "wide_csv" / "ntm_2024Q2.csv", dtype=str, keep_default_na=False)
    assert len(frame) > 100
    name = "Tên xã"
    if case == "quoted":
        frame.loc[70, name] = "Tân Lập, Sơn Dương"
        frame.loc[3, name] = 'Bản "Mới"'
    elif case == "quoted_break":
        frame.loc[70, name] = "Tân Lập\nSơn Dương"
    elif case == "long_field":  # longer than the csv module reads (an error there): never read plainly
        frame.loc[70, name] = "Tân Lập " * (csv.field_size_limit() // 8 + 1)
    elif case == "na_texts":  # texts pandas and Arrow could take for missing values stay texts
        frame.loc[70, name], frame.loc[71, name], frame.loc[72, "Huyện"] = "NA", "null", "NaN"
    elif case == "trailing_blanks":  # blanks around a name are cleaned, not a new name
        frame.loc[70, name] = f"  {frame.loc[70, name]} "
    data = frame.to_csv(index=False, sep=";" if case == "semicolon" else ",", lineterminator="\r\n").encode()
    lines = data.split(b"\r\n")
    if case == "lone_cr":
        lines[80] = lines[80].replace(b",", b"\r,", 1)
    elif case == "late_bad_byte":
        lines[90] = lines[90].replace(b",", b"\xff,", 1)
    elif case == "late_cp1258":  # a name typed in Windows-1258 inside a UTF-8 file
        lines[90] = lines[90].split(b",", 3)[0] + b",T\xe2n L\xe2p," + lines[90].split(b",", 3)[3]
    elif case == "nul":
        lines[95] = lines[95] + b"\x00"
    elif case == "bom_inside":
        lines[85] = lines[85].replace(b",", b",\xef\xbb\xbf", 1)
    elif case == "ragged":
        lines[75] = lines[75] + b",x"
    elif case == "blank_lines_end":  # records counted by Arrow without a quote in the file: as lines
        lines += [b"", b""]
    elif case == "blank_line_inside":
        lines.insert(77, b"")
    path = tmp_path / "ntm_2024Q2.csv"
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(lines))
    used = _compare([path, tmp_path / "g" / "records"], monkeypatch, missing_period="warning")
    if case in ("quoted", "semicolon", "na_texts", "trailing_blanks"):
        assert used == 1
    if case in ("lone_cr", "late_bad_byte", "late_cp1258", "nul", "bom_inside", "ragged", "quoted_break",
                "long_field"):
        assert used == 0


@pytest.mark.parametrize("case", ["blocks", "blocks_missing_district", "plain_encoding", "blocks_new_names"])
@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_parquet_in_blocks_gives_the_careful_answers(generated, tmp_path, monkeypatch, case, streamed):
    """A Parquet file of several row groups (each block with its own dictionary, a text in
    several of them), missing texts in one block only, columns stored without dictionaries.
    ``streamed``: read a block at a time, as a file of millions of rows is: its names and
    districts kept as runs (``_Coded``), every row's code spelled out when a wide form asks."""
    if streamed:
        monkeypatch.setattr(plain, "WHOLE_ROWS", 5)
    frame = _wide_rows(generated)
    frame["STT"] = frame["STT"].astype(int)
    frame["Số tiêu chí đạt"] = frame["Số tiêu chí đạt"].astype(int)
    if case == "blocks_missing_district":
        frame["Huyện"] = frame["Huyện"].astype(object)
        frame.loc[len(frame) - 3:, "Huyện"] = None
    if case == "blocks_new_names":  # names of the last block met in no other
        frame.loc[len(frame) - 5:, "Tên xã"] = [f"Tân Mới {i}" for i in range(5)]
    path = tmp_path / "ntm_2024Q2.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path,
                   row_group_size=len(frame) if case == "plain_encoding" else 7, use_dictionary=case != "plain_encoding")
    assert pq.ParquetFile(path).num_row_groups == (1 if case == "plain_encoding" else -(-len(frame) // 7))
    used = _compare([path, generated / "records"], monkeypatch, missing_period="warning")
    assert used == 1


def _long_table(folder: Path) -> pa.Table:
    return pq.read_table(folder / "long.parquet")


@pytest.mark.parametrize("case", ["null_status", "bad_period", "criterion_outside", "cell_twice", "cell_missing",
                                  "typed_status", "period_blank", "set_column", "nfd_names",
                                  "shuffled", "periods_interleaved", "commune_split", "by_criterion"])
def test_messy_long_files_give_the_careful_answers(generated, tmp_path, monkeypatch, case):
    frame = _long_table(generated).to_pandas()
    if case == "null_status":
        frame.loc[10, "status"] = None
    elif case == "bad_period":
        frame.loc[20, "period"] = "Quý 5/2020"
    elif case == "criterion_outside":
        frame.loc[30, "criterion"] = 25
    elif case == "cell_twice":
        frame = pd.concat([frame, frame.iloc[[40]]], ignore_index=True)
    elif case == "cell_missing":
        frame = frame.drop(index=50).reset_index(drop=True)
    elif case == "typed_status":
        frame["status"] = np.where(frame["status"] == "Đạt", 1, 0)
    elif case == "period_blank":
        frame.loc[frame["period"] == frame["period"].iloc[0], "period"] = ""
    elif case == "set_column":
        frame["criteria_set"] = np.where(frame["period"] < "2016Q1", "2010-2015", "2016-2020")
    elif case == "shuffled":  # rows in any order: the periods not one block each
        frame = frame.sample(frac=1, random_state=0).reset_index(drop=True)
    elif case == "periods_interleaved":  # two periods' blocks split and interleaved
        first, second = frame["period"].unique()[:2]
        a, b = frame[frame["period"] == first], frame[frame["period"] == second]
        frame = pd.concat([a.iloc[:50], b.iloc[:50], a.iloc[50:], b.iloc[50:], frame[~frame["period"].isin([first, second])]],
                          ignore_index=True)
    elif case == "commune_split":  # one commune's rows in two runs within its period's block
        block = frame.index[frame["period"] == frame["period"].iloc[0]]
        first = frame.loc[block, "commune"].iloc[0]
        mine = block[frame.loc[block, "commune"] == first]
        others = block[frame.loc[block, "commune"] != first]
        order = list(mine[:5]) + list(others[:40]) + list(mine[5:]) + list(others[40:])
        frame = pd.concat([frame.loc[order], frame.drop(index=block)], ignore_index=True)
    elif case == "by_criterion":  # each period's rows by criterion, then commune: runs of one row
        frame = frame.sort_values(["period", "criterion", "commune"], kind="stable").reset_index(drop=True)
    elif case == "nfd_names":
        frame["commune"] = [unicodedata.normalize("NFD", n) for n in frame["commune"]]
    path = tmp_path / "long.parquet"
    frame.to_parquet(path, index=False)
    csv_path = tmp_path / "long.csv"
    frame.to_csv(csv_path, index=False)
    for given in (path, csv_path):
        used = _compare([given, generated / "records"], monkeypatch, missing_period="warning", period="2024Q1")
        if case in ("nfd_names", "shuffled", "periods_interleaved", "commune_split", "by_criterion"):
            assert used == 1


def _ascii(text):
    """``text`` written without diacritics, as a keyboard without Vietnamese input types it."""
    if not isinstance(text, str):
        return text
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


@pytest.mark.parametrize("case", ["blocks", "spelled_two_ways", "spelled_two_ways_within_a_period", "blank_statuses",
                                  "odd_statuses", "towns", "told_apart", "bare_prefix_by_rows",
                                  "bare_prefix_by_runs", "commune_across_blocks", "criteria_reversed",
                                  "criteria_written_two_ways", "invisible_character", "missing_name"])
@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_long_files_in_blocks_give_the_careful_answers(generated, tmp_path, monkeypatch, case, streamed):
    """A long file of many row groups (each block its own dictionaries, a period's rows and a
    commune's split between blocks), read on runs of rows (``plain._runs``): names spelled two
    ways, statuses blank or unreadable, towns, one name in two districts, the bare "Xa " prefix
    counted in rows (not runs) give what the careful path gives. ``streamed``: the blocks read
    one by one in the other thread, each block's new texts worked out as the next is read
    (``_Coded.warm``), as a file of millions of rows is."""
    warmed, as_runs = [], []
    if streamed:
        monkeypatch.setattr(plain, "WHOLE_ROWS", 100)
        add_runs = plain._Coded._add_runs  # names, units and periods kept as runs, never a code a row
        monkeypatch.setattr(plain._Coded, "_add_runs", lambda coded, *a: (as_runs.append(coded.label), add_runs(coded, *a))[1])
        warm = plain._Coded.warm
        monkeypatch.setattr(plain._Coded, "warm", lambda coded, steps: (warmed.append(len(steps)), warm(coded, steps))[1])
        narrowed = plain._narrowed  # the criterion numbers narrowed block by block, as they are read
        monkeypatch.setattr(plain, "_narrowed", lambda values: (as_runs.append(("ints", "criterion")), narrowed(values))[1])
    frame = _long_table(generated).to_pandas()
    frame = frame.astype({c: object for c in frame.columns if c != "criterion"})
    first = frame["commune"].iloc[0]
    if case == "spelled_two_ways":  # later quarters write the prefix, in capitals, decomposed
        later = frame["period"] > frame["period"].iloc[0]
        frame.loc[later, "commune"] = [unicodedata.normalize("NFD", f"XÃ {n.upper()}") for n in frame.loc[later, "commune"]]
    elif case == "spelled_two_ways_within_a_period":  # one commune's rows of a quarter: two spellings
        rows = frame.index[(frame["commune"] == first) & (frame["period"] == frame["period"].iloc[0])]
        frame.loc[rows[7:], "commune"] = f"Xã {first}"
    elif case == "blank_statuses":  # blank beside written statuses: an error per row
        frame.loc[[3, 90, 91, 400], "status"] = [None, "", " ", None]
    elif case == "odd_statuses":  # statuses the vocabulary reads, and one it does not
        frame.loc[[5, 6, 7], "status"] = ["đạt", "CHƯA ĐẠT", "Cơ bản đạt"]
        frame.loc[300, "status"] = "Đạt?"
    elif case == "towns":  # a town and a ward: left out, said once each
        frame.loc[frame["commune"] == first, "commune"] = "Thị trấn Lộc Bình"
        frame.loc[frame["commune"] == frame["commune"].iloc[-1], "commune"] = "Phường Đông Kinh"
    elif case == "told_apart":  # a name in a second district (and its own spelled otherwise)
        other = frame.loc[frame["district"] != frame["district"].iloc[0], "commune"].iloc[0]
        frame.loc[frame["commune"] == other, "commune"] = first.upper()
    elif case.startswith("bare_prefix"):  # written without diacritics, "Xa " the prefix
        frame = frame.map(_ascii)
        counts = frame["commune"].value_counts(sort=False)  # rows of each commune, first met first
        within = counts.cumsum() <= len(frame) // 2 - (0 if case == "bare_prefix_by_rows" else 100)
        bare = set(counts.index[within]) | ({counts.index[int(within.sum())]} if case == "bare_prefix_by_rows" else set())
        assert (2 * counts[list(bare)].sum() >= len(frame)) == (case == "bare_prefix_by_rows")
        frame["commune"] = [f"Xa {n}" if n in bare else n for n in frame["commune"]]
        # the other communes' rows by criterion (a run of one row each): more runs, as many rows
        frame["_bare"] = frame["commune"].str.startswith("Xa ")
        parts = []
        for _, rows in frame.groupby("period", sort=False):
            parts += [rows[rows["_bare"]], rows[~rows["_bare"]].sort_values(["criterion", "commune"], kind="stable")]
        frame = pd.concat(parts, ignore_index=True).drop(columns="_bare")
    elif case == "invisible_character":  # a zero-width space in a name of the last blocks: repaired, said
        frame.loc[len(frame) - 30:, "commune"] = [f"{n[:2]}\u200b{n[2:]}" for n in frame.loc[len(frame) - 30:, "commune"]]
    elif case == "criteria_reversed":  # each commune's criteria from the last to the first
        frame = frame.sort_values(["period", "commune", "criterion"], ascending=[True, True, False], kind="stable")
    elif case == "criteria_written_two_ways":  # criteria as text, "1" and "01" both criterion 1
        frame["criterion"] = frame["criterion"].astype(str)
        frame.loc[frame.index[::7], "criterion"] = [f"0{c}" for c in frame.loc[frame.index[::7], "criterion"]]
    elif case == "missing_name":  # a commune's cell left empty in a middle block
        frame.loc[[200, 201], "commune"] = None
    elif case == "commune_across_blocks":  # a commune's rows before and after others, blocks apart
        block = frame.index[frame["period"] == frame["period"].iloc[0]]
        mine = block[frame.loc[block, "commune"] == first]
        others = block[frame.loc[block, "commune"] != first]
        order = list(mine[:4]) + list(others) + list(mine[4:])
        frame = pd.concat([frame.loc[order], frame.drop(index=block)], ignore_index=True)
    path = tmp_path / "long.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=53)
    assert pq.ParquetFile(path).num_row_groups > 100
    used = _compare([path, generated / "records"], monkeypatch, missing_period="warning")
    if case in ("blocks", "spelled_two_ways", "spelled_two_ways_within_a_period", "towns", "told_apart",
                "bare_prefix_by_runs", "commune_across_blocks", "criteria_reversed", "criteria_written_two_ways"):
        assert used == 1  # read plainly (its answers checked above against the careful path's)
        assert (max(warmed, default=0) > 0) == streamed  # names worked out as the blocks came
        assert {label[1] for label in as_runs if label[0] != "ints"} == \
            ({"province", "district", "commune", "period"} if streamed else set())
        assert (("ints", "criterion") in as_runs) == (streamed and case != "criteria_written_two_ways")
    if case in ("blank_statuses", "odd_statuses", "bare_prefix_by_rows", "invisible_character"):
        assert used == 0  # said by the careful path


def test_texts_numbered_from_arrow_as_one_by_one():
    """A column's texts compared with the last file's (the same, more or fewer at the end, in
    another order, of another string type, with a missing text): numbered as one by one."""
    lexicon = plain.Lexicon()
    names = [f"Tân Lập {i}" for i in range(300)]
    arrays = [names[:200], names[:200], names[:260], names[:150], names[::-1][:120], names[100:300],
              ["Đạt", "Chưa đạt"], names[:100] + [None] + names[150:200]]
    for kind, texts in [(kind, texts) for kind in (pa.string(), pa.large_string()) for texts in arrays] + \
            [(pa.large_string(), names[:200]), (pa.string(), names[:250])]:
            dictionary = pa.array(texts, type=kind)
            assert lexicon.number_arrow("name", dictionary).tolist() == lexicon.number(texts).tolist()


def _many_told_apart(frame: pd.DataFrame, quarter: int) -> pd.DataFrame:
    """A quarter where most names stand in two districts (told apart by district: more than the
    64 new names the plain path screens at once), many written as offices write them (the "Xã "
    prefix, a small first letter, a small accented word, a look-alike Đ, a town), and from one
    quarter to the next communes reordered, renamed, added and left out."""
    frame = frame.copy()
    name, districts = "Tên xã", list(dict.fromkeys(frame["Huyện"]))
    spellings = [lambda n: n, lambda n: "Xã " + n, lambda n: n[:1].lower() + n[1:], lambda n: n + " ấp",
                 lambda n: n.replace("Đ", "\u00d0"), lambda n: "xã " + n.upper()]
    base = [frame[name].iloc[i % 70] for i in range(len(frame))]  # 70 names, each in several districts
    frame[name] = [spellings[i % len(spellings)](n) if i % 7 else n for i, n in enumerate(base)]
    frame["Huyện"] = [districts[i % len(districts)] for i in range(len(frame))]
    frame.loc[3, name] = "Thị trấn Bắc Sơn"
    if quarter:
        frame = frame.iloc[::-1].reset_index(drop=True) if quarter == 1 else frame
        frame.loc[5, name] = f"Mới {quarter}"  # a commune renamed (or a new one, and one gone)
        frame = frame.drop(index=[11 + quarter]).reset_index(drop=True)  # one left out
    return frame


def test_many_told_apart_names_over_quarters_give_the_careful_answers(tmp_path, monkeypatch):
    """Names told apart by district in bulk (screened at once by ``_told``), spelt as offices
    spell them, over quarters that reorder, rename, add and drop communes: the plain path gives
    what the careful path gives, file by file and for the history, and reads every file."""
    data = synth.generate(240, 3, seed=11, end="2024Q3")
    synth.write(data, tmp_path / "g", forms=("wide",), formats=("csv",))
    folder = tmp_path / "told"
    folder.mkdir()
    for quarter, path in enumerate(sorted((tmp_path / "g" / "wide_csv").glob("*.csv"))):
        frame = _many_told_apart(pd.read_csv(path, dtype=str, keep_default_na=False), quarter)
        frame.to_parquet(folder / (path.stem + ".parquet"), index=False)
    assert _compare([folder], monkeypatch) == 3
    plain.forget()
    fast = read_assessment([folder])
    told = [n for s in fast.snapshots.values() for n in s.status.index if n.endswith(")")]
    assert len(set(told)) > 64  # the screen's bulk, not a handful
    assert "Bắc Sơn" not in told and all(not n.startswith(("Xã ", "xã ")) for n in told)
    assert sum(n in plain._AS_PRINTED for n in set(told)) > 64  # screened at once as they were told apart
    for path in sorted(folder.glob("*.parquet")):  # each file alone, too
        assert _compare([path], monkeypatch) == 1


@pytest.mark.parametrize("case", ["clean", "blanks", "bad_int", "bad_bool", "subset"])
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_measure_columns_give_the_careful_answers(generated, tmp_path, monkeypatch, case, fmt):
    """Villages meeting the standard, model areas and the advanced standard (``_measures``:
    a value per distinct cell, taken by each row) read as the careful path reads them: values,
    blanks (missing) and dtypes; a bad cell sends the file to the careful path."""
    frame = _wide_rows(generated)
    n = len(frame)
    frame["Số thôn đạt chuẩn"] = [str(i % 7) for i in range(n)]
    frame["Số khu dân cư kiểu mẫu"] = [str(i % 3) for i in range(n)]
    frame["Đạt NTM nâng cao"] = ["x" if i % 4 == 0 else "" for i in range(n)]
    if case == "blanks":
        frame.loc[2, "Số thôn đạt chuẩn"] = ""
        frame.loc[5, "Số khu dân cư kiểu mẫu"] = ""
    elif case == "bad_int":
        frame.loc[4, "Số thôn đạt chuẩn"] = "bảy"
    elif case == "bad_bool":
        frame.loc[4, "Đạt NTM nâng cao"] = "có lẽ"
    elif case == "subset":  # a period column: each period's rows a piece of their own
        frame["Kỳ"] = ["2024Q1" if i % 2 else "2024Q2" for i in range(n)]
    path = tmp_path / f"ntm_2024Q2.{fmt}"
    if fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        path.write_text(frame.to_csv(index=False), encoding="utf-8")
    used = _compare([path, generated / "records"], monkeypatch)
    fast = read_assessment([path, generated / "records"])
    if case in ("clean", "blanks", "subset"):
        assert used == 1
        measures = fast.snapshots["2024Q2"].measures
        assert list(measures.columns) == ["villages_meeting", "model_areas", "advanced"]
        assert measures["villages_meeting"].dtype == "Int64" and measures["advanced"].dtype == "boolean"
        assert measures["advanced"].sum() > 0 and measures["villages_meeting"].max() == 6
    if case == "blanks":
        assert measures["villages_meeting"].isna().sum() == 1


def test_a_column_read_in_blocks_gives_each_text_one_code_past_two_bytes():
    """A text column read block by block (``plain._Coded``): codes of two bytes widened to four
    when the texts pass 32,767, each text one code across blocks, a missing cell read as ""."""
    plain.forget()
    texts = [f"Xã Tân {i}" for i in range(40000)]
    rows = [texts[:30000] + texts[:10], texts[25000:] + [None, ""], texts[5:7]]
    coded = plain._Coded(("test", "names"), sum(len(r) for r in rows))
    for block in rows:
        coded.add(pa.chunked_array([pa.array(block).dictionary_encode()]))
        assert coded.codes.dtype == (np.int16 if block is rows[0] else np.int32)
    column = coded.column()
    assert [plain.LEXICON.text(int(column.ids[c])) for c in column.codes] == \
        [t if t is not None else "" for block in rows for t in block]
    assert len(set(column.ids.tolist())) == len(column.ids) == 40001


@pytest.mark.parametrize("blocks", [
    [[1, 2, 19], [3, 19, 7]],  # a criterion column: a byte a row
    [[-5, 120], [200, -3000]],  # blocks of one and two bytes, the range past one byte
    [[0], [1 << 40, (1 << 40) + 9], []],  # eight bytes a number: hashed
    [[7, 1 << 21], [5]],  # a range of a million or more: hashed
])
def test_whole_numbers_narrowed_block_by_block_give_the_codes_of_the_whole_column(blocks):
    """A long file's whole-number column narrowed block by block in the reading thread
    (``plain._narrowed``, ``plain._Ints``) gives the codes ``_int_codes`` gives the whole column,
    and pandas' values where the numbers are hashed instead."""
    whole = np.concatenate([np.asarray(b, dtype=np.int64) for b in blocks])
    ints = plain._Ints([plain._narrowed(np.asarray(b, dtype=np.int64)) for b in blocks])
    assert [part[0].dtype.itemsize for part in ints.parts if len(part[0])] == \
        [1 if -128 <= min(b) and max(b) < 128 else 2 if -(1 << 15) <= min(b) and max(b) < 1 << 15
         else 4 if -(1 << 31) <= min(b) and max(b) < 1 << 31 else 8 for b in blocks if b]
    found = plain._arrow_int_codes(ints)
    if whole.max() - whole.min() >= 1 << 20:
        assert found is None
        assert ints.to_pandas().tolist() == whole.tolist()
        return
    codes, uniques = plain._int_codes(whole)
    assert (found[1][found[0]] == whole).all() and (found[1] == uniques).all() and (found[0] == codes).all()
    assert found[0].dtype.itemsize == (1 if whole.max() - whole.min() < 128 else 2)
    arrow = plain._arrow_int_codes(pa.chunked_array([pa.array(b, pa.int64()) for b in blocks]))
    assert (arrow[0] == found[0]).all() and (arrow[1] == found[1]).all()  # an Arrow column as it is read whole


@pytest.mark.parametrize("numbers, once", [([3, 0, 5, 1], True), ([3, 0, 3], False), ([], True), ([5, 5], False)])
def test_a_quarter_of_a_long_file_naming_each_commune_once_is_told_without_numbering(numbers, once):
    """``plain._each_once`` tells whether a quarter's communes (numbers below ``len(seen)``)
    each stand once, as numbering them would (``pd.factorize``), and leaves ``seen`` all False
    for the next quarter."""
    seen = np.zeros(6, dtype=bool)
    numbers = np.asarray(numbers, dtype=np.int64)
    assert plain._each_once(numbers, seen) is once
    assert once == (len(pd.factorize(numbers)[1]) == len(numbers))
    assert not seen.any()


def test_quarters_repeating_their_told_apart_names_and_districts_give_the_careful_answers(tmp_path, monkeypatch):
    """Quarters that repeat the last one's communes and districts row for row (what the plain
    path keeps from the file before: its told-apart pairs, its districts' unit keys), then one
    where a commune moves district, one where a district is renamed and one reordered: the plain
    path gives the careful path's answers, for the history and file by file."""
    data = synth.generate(240, 5, seed=12, end="2024Q4")
    synth.write(data, tmp_path / "g", forms=("wide",), formats=("csv",))
    folder = tmp_path / "repeated"
    folder.mkdir()
    paths = sorted((tmp_path / "g" / "wide_csv").glob("*.csv"))
    first = _many_told_apart(pd.read_csv(paths[0], dtype=str, keep_default_na=False), 0)
    first = first.drop(columns=[c for c in first.columns if c.startswith("Số tiêu chí")])
    rng = np.random.default_rng(3)
    for quarter, path in enumerate(paths):
        frame = first.copy()  # each quarter's statuses shuffled
        for column in _status_columns(frame):
            frame[column] = rng.permutation(frame[column].to_numpy())
        if quarter == 2:
            frame.loc[8, "Huyện"] = frame.loc[9, "Huyện"]  # a commune moves district
        if quarter == 3:
            frame["Huyện"] = frame["Huyện"].replace(frame.loc[0, "Huyện"], "Huyện Mới")  # a district renamed
        if quarter == 4:
            frame = frame.iloc[::-1].reset_index(drop=True)
        frame.to_parquet(folder / (path.stem + ".parquet"), index=False)
    assert _compare([folder], monkeypatch) == len(paths)
    fast = read_assessment([folder])
    assert sum(n.endswith(")") for n in fast.snapshots[fast.periods[1]].status.index) > 64
    for path in sorted(folder.glob("*.parquet")):
        assert _compare([path], monkeypatch) == 1


@pytest.mark.parametrize("form", ["wide_parquet", "long.parquet", "wide_csv"])
def test_quarters_naming_the_same_communes_share_their_names_and_units(tmp_path, monkeypatch, form):
    """Quarters that name the same communes in the same districts, in the same order (a history
    without churn), are given the quarter before's names, keys and units (``Names.rows``) and
    share one names index and one units table (``model._Keys``), with the careful path's
    answers; a quarter where one commune moved to another district is not given the same units."""
    data = synth.generate(40, 5, seed=8, end="2024Q4", churn=0.0)
    folder = tmp_path / "stable"
    synth.write(data, folder, forms=("wide", "long"), formats=("csv", "parquet"))
    assert _compare([folder / form], monkeypatch) == (5 if form.startswith("wide") else 1)
    assessment = read_assessment([folder / form])
    snapshots = list(assessment.snapshots.values())
    assert len({id(s.status.index) for s in snapshots}) == 1
    assert len({id(s.units) for s in snapshots}) == 1
    assert all(s.status.index is s.origin.index is s.units.index for s in snapshots)
    # one commune of the third quarter moved: its own units, the others' answers unchanged
    if form == "wide_csv":
        files = sorted((folder / form).glob("*.csv"))
        frame = pd.read_csv(files[2], dtype=str, keep_default_na=False)
        district = next(c for c in frame.columns if c.startswith("Huy"))
        moved = frame[district].iloc[0]
        frame.loc[0, district] = next(d for d in frame[district] if d != moved)
        frame.to_csv(files[2], index=False)
        _compare([folder / form], monkeypatch)
        snapshots = list(read_assessment([folder / form]).snapshots.values())
        assert snapshots[2].units is not snapshots[1].units
        assert snapshots[2].units.iloc[0, 0] != snapshots[1].units.iloc[0, 0]
        assert snapshots[2].units.iloc[1:].equals(snapshots[1].units.iloc[1:])
