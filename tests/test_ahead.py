"""Files read ahead (io/ahead.py): the next plain files are parsed in a second thread, and the
assessment read is exactly the one read file by file."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from ntm_analysis import synth
from ntm_analysis.io import ahead, plain
from ntm_analysis.model import read_assessment

from test_plain_path import _same


def _recorder(calls: list):
    def read(path: Path):
        calls.append((path.name, threading.current_thread().name))
        return f"parsed {path.name}"
    return read


def _files(tmp_path, names) -> list[Path]:
    paths = []
    for name in names:
        (tmp_path / name).write_text("x")
        paths.append(tmp_path / name)
    return paths


def test_files_are_parsed_in_order_in_another_thread(tmp_path):
    paths = _files(tmp_path, ["a.csv", "b.csv", "c.csv", "d.csv"])
    calls: list = []
    read = _recorder(calls)
    in_place = []
    with ahead.reading_ahead(paths, read, wanted=lambda p: True):
        got = [ahead.take(p, lambda p: in_place.append(p) or "in place") for p in paths]
    assert got == ["parsed a.csv", "parsed b.csv", "parsed c.csv", "parsed d.csv"]
    assert in_place == []
    assert [name for name, _ in calls] == ["a.csv", "b.csv", "c.csv", "d.csv"]
    assert all(thread.startswith("ntm-read-ahead") for _, thread in calls)


def test_files_never_asked_for_do_not_stop_the_others_being_parsed_ahead(tmp_path):
    """A register or a workbook the careful path reads is never taken: the files after it still
    come parsed ahead (once the window has moved past it), and a file outside the list (or
    unwanted) is read in place."""
    paths = _files(tmp_path, ["1.csv", "2.csv", "3.csv", "4.csv", "5.csv", "6.csv", "big.csv"])
    calls: list = []
    with ahead.reading_ahead(paths, _recorder(calls), wanted=lambda p: p.name != "big.csv"):
        assert ahead.take(paths[3], lambda p: "in place") == "in place"  # 1–3 never asked for
        assert ahead.take(paths[4], lambda p: "in place") == "parsed 5.csv"
        assert ahead.take(paths[5], lambda p: "in place") == "parsed 6.csv"
        assert ahead.take(paths[6], lambda p: "in place") == "in place"  # not wanted
        assert ahead.take(paths[0], lambda p: "in place") == "in place"  # passed: read now
    assert ahead.take(paths[0], lambda p: "outside") == "outside"  # outside the block: in place


def test_large_files_are_read_in_place(tmp_path, monkeypatch):
    monkeypatch.setattr(ahead, "LIMIT", 0)
    paths = _files(tmp_path, ["a.csv", "b.csv"])
    calls: list = []
    with ahead.reading_ahead(paths, _recorder(calls), wanted=lambda p: True):
        assert ahead.take(paths[0], lambda p: "in place") == "in place"
    assert calls == []


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    data = synth.generate(80, 8, seed=6, end="2026Q1", churn=0.06, basic_share=0.4, keep_names=0.3)
    folder = tmp_path_factory.mktemp("ahead")
    synth.write(data, folder, forms=("wide", "records"), formats=("csv", "parquet"))
    # a folder mixing the plain files with a register and a file the careful path must read
    mixed = folder / "mixed"
    shutil.copytree(folder / "wide_csv", mixed)
    for register in (folder / "records").iterdir():
        shutil.copy(register, mixed / register.name)
    spoiled = sorted(mixed.glob("*.csv"))[2]
    spoiled.write_bytes(spoiled.read_bytes().replace(b"\n", b"\nTotal,,,\n", 1))
    return folder


@pytest.mark.parametrize("form", ["wide_csv", "wide_parquet", "mixed"])
def test_reading_ahead_gives_the_assessment_read_file_by_file(history, form, monkeypatch):
    paths = [history / form] + ([history / "records"] if form != "mixed" else [])
    taken = []
    real = ahead.take

    def spy(path, read):
        found = ahead._current.take(path) if ahead._current is not None else ahead.MISSING
        taken.append(found is not ahead.MISSING)
        return read(path) if found is ahead.MISSING else found

    plain.forget()
    monkeypatch.setattr(ahead, "take", spy)
    with_ahead = read_assessment(paths)
    assert sum(taken) >= 6  # the plain files did come parsed ahead
    monkeypatch.setattr(ahead, "take", real)
    monkeypatch.setattr(ahead, "AHEAD", 0)  # nothing parsed ahead: every file read in place
    plain.forget()
    _same(with_ahead, read_assessment(paths))


def _threads_calling_index_in(monkeypatch) -> tuple[list[str], object]:
    """Record the thread of every call to Arrow's ``index_in`` (where one block's or file's
    names stand in the one before's); give the list and the real function."""
    import pyarrow.compute as pc

    found_where, real_index_in = [], pc.index_in

    def index_in(*args, **kwargs):
        found_where.append(threading.current_thread().name)
        return real_index_in(*args, **kwargs)

    monkeypatch.setattr(pc, "index_in", index_in)
    return found_where, real_index_in


@pytest.mark.parametrize("form", ["wide_csv", "wide_parquet"])
def test_names_are_matched_with_the_previous_file_in_the_other_thread(history, form, monkeypatch):
    """Where a file's names stand in the previous file's is found while parsing ahead; the
    readers use it instead of finding it themselves (the assessment is the same: above)."""
    import pyarrow.compute as pc

    found_where, real_index_in = _threads_calling_index_in(monkeypatch)
    plain.forget()
    read_assessment([history / form])
    assert found_where  # the files' names changed between quarters (communes came and went)
    assert all(name.startswith("ntm-read-ahead") for name in found_where)


def test_a_long_parquet_file_read_ahead_is_still_read_a_block_at_a_time(history, tmp_path, monkeypatch):
    """Reading ahead never holds a whole long file: above ``WHOLE_ROWS`` its blocks are read as
    they are coded, in this thread; the assessment is the same."""
    import pyarrow.parquet as pq

    folder = tmp_path / "two"
    folder.mkdir()
    for name in sorted((history / "wide_parquet").iterdir())[:2]:
        table = pq.read_table(name)
        pq.write_table(table, folder / name.name, row_group_size=20)
    monkeypatch.setattr(plain, "WHOLE_ROWS", 10)
    parsed = plain._parquet_parsed(sorted(folder.iterdir())[0], whole=True)
    assert not isinstance(parsed[3], list)  # a generator of blocks: read when asked for
    plain.forget()
    lazily = read_assessment([folder])
    monkeypatch.setattr(plain, "WHOLE_ROWS", 1 << 20)
    assert isinstance(plain._parquet_parsed(sorted(folder.iterdir())[0], whole=True)[3], list)
    plain.forget()
    _same(lazily, read_assessment([folder]))


def test_a_long_files_blocks_are_read_in_order_in_another_thread_two_at_most():
    read_in, held = [], []

    def read(i):
        read_in.append(threading.current_thread().name)
        held.append(i)
        return i

    seen = []
    for block in ahead.blocks(read, 5):
        assert len(held) - len(seen) <= 2  # the block used and the next one, no more
        seen.append(block)
    assert seen == [0, 1, 2, 3, 4]
    assert all(name.startswith("ntm-read-ahead") for name in read_in)
    assert list(ahead.blocks(read, 1)) == [0]


def test_a_long_files_names_are_matched_with_the_block_before_in_the_other_thread(tmp_path, monkeypatch):
    """A long file read block by block: where each block's names stand in the block before's is
    found in the reading thread (``plain._block_reader``), never in this one; the assessment is
    that of the same file in one block."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    data = synth.generate(80, 6, seed=7, end="2026Q1", churn=0.06, keep_names=0.3)
    synth.write(data, tmp_path, forms=("long",), formats=("parquet",))
    (tmp_path / "provenance.json").unlink()  # the file is rewritten below, in blocks: no record to hold it to
    path = tmp_path / "long.parquet"
    table = pq.read_table(path)
    pq.write_table(table, path, row_group_size=2000)
    assert pq.ParquetFile(path).num_row_groups > 2
    found_where, real_index_in = _threads_calling_index_in(monkeypatch)
    plain.forget()
    streamed = read_assessment([path])
    assert found_where  # the blocks' names differ (communes came and went, periods change)
    assert all(name.startswith("ntm-read-ahead") for name in found_where)
    monkeypatch.setattr(pc, "index_in", real_index_in)
    pq.write_table(table, path)  # the same file in one block
    assert pq.ParquetFile(path).num_row_groups == 1
    plain.forget()
    _same(streamed, read_assessment([path]))
