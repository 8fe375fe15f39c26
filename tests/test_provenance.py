"""Reviewed quarters stay as reviewed: a file its folder's sidecar records may not change unseen;
`ntm record` records a change deliberately, with its reason kept in the sidecar."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from conftest import ROOT, wide_rows, write_csv

NTM = [sys.executable, "-m", "ntm_analysis"]


def ntm(*args, cwd):
    return subprocess.run([*NTM, *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "data"
    subprocess.run(["cp", "-r", str(ROOT / "data"), str(copy)], check=True)
    return copy


def sidecar(folder):
    return json.loads((folder / "provenance.json").read_text(encoding="utf-8"))


def entry(folder, name):
    return next(e for e in sidecar(folder)["files"] if e["path"] == name)


def test_the_bundled_data_matches_its_sidecars(data):
    result = ntm("validate", ".", cwd=data)
    assert result.returncode == 0 and "lỗi" not in result.stdout, result.stdout


def test_a_changed_file_of_a_recorded_quarter_is_an_error_naming_both_checksums(data):
    path = data / "loc_binh" / "ntm_2020Q1.csv"
    recorded = entry(data / "loc_binh", "ntm_2020Q1.csv")["md5"]
    path.write_bytes(path.read_bytes().replace("Chưa đạt".encode(), "Đạt".encode(), 1))
    now = hashlib.md5(path.read_bytes()).hexdigest()
    for command in (["validate", "."], ["report", ".", "--period", "2020Q1", "--out", "../pack"]):
        result = ntm(*command, "--lang", "en", cwd=data)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        line = next(l for l in output.splitlines() if "changed since it was recorded" in l)
        assert line.startswith("loc_binh/ntm_2020Q1.csv:-: [-] error: changed since it was recorded in "
                               "provenance.json")
        assert f"md5 recorded {recorded}, now {now}" in line
        assert 'ntm record loc_binh/ntm_2020Q1.csv --reason "…"' in line
        result = ntm(*command, cwd=data)  # Vietnamese by default
        output = result.stdout + result.stderr
        assert result.returncode == 1 and "changed since" not in output
        line = next(l for l in output.splitlines() if "đã thay đổi kể từ khi được ghi" in l)
        assert line == ("loc_binh/ntm_2020Q1.csv:-: [-] lỗi: đã thay đổi kể từ khi được ghi trong provenance.json: "
                        f"md5 đã ghi {recorded}, nay là {now}; nếu thay đổi là có chủ ý, hãy ghi lại: "
                        'ntm record loc_binh/ntm_2020Q1.csv --reason "…"')
    assert not (data.parent / "pack").exists()


def test_record_keeps_the_reason_and_the_checksums_it_replaces(data):
    folder = data / "loc_binh"
    path = folder / "ntm_2020Q2.csv"
    old = entry(folder, "ntm_2020Q2.csv")["md5"]
    path.write_bytes(path.read_bytes() + b"\r\n")
    result = ntm("record", "loc_binh/ntm_2020Q2.csv", "--reason", "Bổ sung theo công văn số 12/VPĐP", cwd=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("loc_binh/ntm_2020Q2.csv: đã ghi (sha256 ")
    recorded = entry(folder, "ntm_2020Q2.csv")
    assert recorded["md5"] == hashlib.md5(path.read_bytes()).hexdigest()
    assert recorded["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    [change] = recorded["history"]
    assert change["reason"] == "Bổ sung theo công văn số 12/VPĐP" and change["md5"] == old
    assert change["date"]
    assert sidecar(folder)["dataset"].startswith("Lộc Bình")  # the rest of the sidecar is kept
    assert ntm("validate", ".", cwd=data).returncode == 0
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []  # written atomically


def test_record_needs_a_reason(data):
    result = ntm("record", "loc_binh/ntm_2020Q2.csv", cwd=data)
    assert result.returncode == 2 and "--reason" in result.stderr
    result = ntm("record", "loc_binh/ntm_2020Q2.csv", "--reason", "  ", "--lang", "en", cwd=data)
    assert result.returncode == 2 and "a reason is needed" in result.stderr
    result = ntm("record", "loc_binh/ntm_2020Q2.csv", "--reason", "  ", cwd=data)
    assert result.returncode == 2 and "ntm record: lỗi: cần ghi lý do (--reason)" in result.stderr


def test_a_new_file_is_said_until_recorded_then_checked(tmp_path):
    folder = tmp_path / "bao_cao"
    folder.mkdir()
    write_csv(folder / "ntm_2020Q1.csv", wide_rows({"A": set(range(1, 20)), "B": {1, 2}}))
    assert ntm("validate", str(folder), cwd=tmp_path).returncode == 0  # no sidecar: nothing recorded
    result = ntm("record", str(folder), "--reason", "quý I/2020 đã sơ kết", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0 and "recorded (sha256" in result.stdout
    write_csv(folder / "ntm_2020Q2.csv", wide_rows({"A": set(range(1, 20)), "B": {1, 2, 3}}))
    result = ntm("validate", str(folder), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0
    assert "ntm_2020Q2.csv:-: [-] warning: not recorded in provenance.json beside it" in result.stdout
    result = ntm("validate", str(folder), cwd=tmp_path)
    assert "ntm_2020Q2.csv:-: [-] cảnh báo: chưa được ghi trong provenance.json cùng thư mục" in result.stdout
    write_csv(folder / "ntm_2020Q1.csv", wide_rows({"A": set(range(1, 20)), "B": {1}}))
    result = ntm("validate", str(folder), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1 and "ntm_2020Q1.csv:-: [-] error: changed since it was recorded" in result.stdout
    assert "sha256 recorded" in result.stdout
