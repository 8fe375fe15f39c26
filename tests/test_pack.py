"""The pack on disk is complete or absent: built beside its destination, listed with checksums in
pack.json, moved into place whole, one writer at a time; killed or interrupted at any moment, the
previous pack stays as it was; inputs are never modified and a pack is never read back as data."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from conftest import ROOT, ctrl_c_able, run_cli
from ntm_analysis.io import expand
from ntm_analysis.pack import PACK_FILE, PackError, check_destination, is_pack, not_of_the_pack, verify, write_pack

NTM = [sys.executable, "-m", "ntm_analysis"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fake_build(label: str, n: int = 5):
    def build(folder: Path) -> None:
        for i in range(n):
            (folder / f"part_{i}.txt").write_text(f"{label} {i}\n", encoding="utf-8")
    return build


def test_pack_lists_every_file_with_its_checksum(tmp_path):
    out = tmp_path / "reports" / "2020Q1"
    written = write_pack(out, fake_build("a"), inputs={"data/x.csv": "abc"},
                         meta={"version": "1", "command": "ntm report", "period": "2020Q1"})
    content = json.loads((out / PACK_FILE).read_text(encoding="utf-8"))
    assert content["files"] == {f"part_{i}.txt": sha(out / f"part_{i}.txt") for i in range(5)}
    assert content["inputs"] == {"data/x.csv": "abc"}
    assert (content["version"], content["command"], content["period"]) == ("1", "ntm report", "2020Q1")
    assert written[-1] == out / PACK_FILE and set(written[:-1]) == {out / f"part_{i}.txt" for i in range(5)}
    assert verify(out) == [] and is_pack(out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["2020Q1"]  # no lock, no half-built folder


def test_a_failed_build_leaves_the_previous_pack_as_it_was(tmp_path):
    out = tmp_path / "pack"
    write_pack(out, fake_build("old"), inputs={}, meta={})
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(folder: Path) -> None:
        fake_build("new", 2)(folder)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_pack(out, broken, inputs={}, meta={})
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


def test_verify_finds_a_changed_a_missing_and_an_unlisted_file(tmp_path):
    out = tmp_path / "pack"
    write_pack(out, fake_build("a"), inputs={}, meta={})
    (out / "part_0.txt").write_text("edited\n", encoding="utf-8")
    (out / "part_1.txt").unlink()
    (out / "extra.txt").write_text("?\n", encoding="utf-8")
    assert verify(out) == ["missing: part_1.txt", "not listed: extra.txt", "changed: part_0.txt"]


# A writer in its own process, slow enough to be killed or overlapped at any point.
SLOW_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from ntm_analysis.pack import write_pack

    label, out = sys.argv[1], Path(sys.argv[2])
    def build(folder):
        for i in range(8):
            (folder / f"part_{i}.txt").write_text(f"{label} {i}\\n", encoding="utf-8")
            time.sleep(0.05)
    write_pack(out, build, inputs={}, meta={"label": label}, progress=lambda m: print(m, file=sys.stderr, flush=True))
""")


def slow_writer(label: str, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SLOW_WRITER, label, str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.25, 0.35, 0.45, 0.55])
def test_killed_at_any_moment_the_previous_pack_stays_whole(tmp_path, delay):
    out = tmp_path / "pack"
    write_pack(out, fake_build("old", 8), inputs={}, meta={"label": "old"})
    writer = slow_writer("new", out)
    time.sleep(delay + 0.3)  # the interpreter starts in about 0.3 s
    writer.kill()
    writer.wait()
    assert verify(out) == []
    labels = {p.read_text(encoding="utf-8").split()[0] for p in out.glob("part_*.txt")}
    assert labels in ({"old"}, {"new"})  # one pack or the other, never a mix
    write_pack(out, fake_build("next", 8), inputs={}, meta={})  # the next run clears what was left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


def test_two_writers_at_once_never_mix(tmp_path):
    out = tmp_path / "pack"
    first, second = slow_writer("first", out), slow_writer("second", out)
    errors = [p.communicate()[1] for p in (first, second)]
    assert first.returncode == second.returncode == 0, errors
    assert any("waiting: another ntm report is writing" in e for e in errors)
    assert verify(out) == []
    labels = {p.read_text(encoding="utf-8").split()[0] for p in out.glob("part_*.txt")}
    assert len(labels) == 1 and json.loads((out / PACK_FILE).read_text())["label"] in labels
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


def test_destinations_that_cannot_hold_a_pack_are_refused(tmp_path):
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.docx").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    for out, said in ((tmp_path / "a_file", "is a file, not a folder"),
                      (tmp_path / "a_file" / "pack", "cannot create"),
                      (tmp_path / "mine", "with other files in it"),
                      (Path("/sys/kernel/ntm_pack"), "cannot write into /sys/kernel")):
        with pytest.raises(PackError, match=said):
            check_destination(out)
    check_destination(tmp_path / "empty")  # an empty folder may become the pack
    write_pack(tmp_path / "empty", fake_build("a"), inputs={}, meta={})
    assert verify(tmp_path / "empty") == []
    assert (tmp_path / "mine" / "notes.docx").exists()


def nested_build(folder: Path) -> None:
    fake_build("a", 2)(folder)
    (folder / "charts").mkdir()
    (folder / "charts" / "01.png").write_bytes(b"png")


def test_a_pack_folder_holding_files_it_does_not_list_is_refused(tmp_path):
    """Notes saved beside the briefing and a second pack put inside the first would be deleted
    by replacing the pack: refused, naming them; a clean pack folder is replaced whole."""
    out = tmp_path / "ro"
    write_pack(out, nested_build, inputs={}, meta={})
    write_pack(tmp_path / "clean", nested_build, inputs={}, meta={})
    (tmp_path / "clean" / "Thumbs.db").write_bytes(b"x")  # a desktop's clutter is no one's work
    write_pack(tmp_path / "clean", fake_build("b", 1), inputs={}, meta={})
    assert sorted(p.name for p in (tmp_path / "clean").iterdir()) == ["pack.json", "part_0.txt"]
    (out / "ghi_chu.txt").write_text("Ghi chú của chuyên viên", encoding="utf-8")
    write_pack(out / "sub", fake_build("c", 1), inputs={}, meta={})
    (out / "charts" / "01_sua.png").write_bytes(b"edited")
    assert not_of_the_pack(out) == ["charts/01_sua.png", "ghi_chu.txt", "sub/"]
    with pytest.raises(PackError, match=re.escape("holds 3 things the pack does not list "
                                                  "(charts/01_sua.png, ghi_chu.txt, sub/)")):
        write_pack(out, fake_build("d"), inputs={}, meta={})
    assert (out / "ghi_chu.txt").exists() and is_pack(out / "sub") and verify(out / "sub") == []
    for lang, said in (("en", f"ntm report: error: --out: {out} is a pack folder that also holds 3 things "
                              "the pack does not list (charts/01_sua.png, ghi_chu.txt, sub/): the pack "
                              "replaces its folder whole and would delete them, so move them out first "
                              "or choose another folder\n"),
                       ("vi", f"ntm report: lỗi: --out: thư mục {out} là bộ báo cáo nhưng còn chứa 3 tệp "
                              "hoặc thư mục không thuộc bộ báo cáo (charts/01_sua.png, ghi_chu.txt, sub/)")):
        result = subprocess.run([*NTM, "report", "--out", str(out), "--lang", lang], capture_output=True,
                                text=True)
        assert result.returncode == 2 and said in result.stderr, result.stderr
    assert (out / "ghi_chu.txt").read_text(encoding="utf-8") == "Ghi chú của chuyên viên"


@pytest.mark.parametrize("out, said, said_vi", [
    ("a_file", "is a file, not a folder", "là một tệp, không phải thư mục"),
    ("a_file/sub", "cannot create", "không tạo được"),
    ("/sys/kernel/ntm_pack", "cannot write into", "không ghi được vào"),
    ("/proc/ntm_pack", "cannot write into /proc: this folder does not take new files (a system folder)",
     "không ghi được vào /proc: thư mục này không cho tạo tệp mới (thư mục của hệ thống)"),
    ("", "--out: an empty folder name: name the folder for the pack, or drop --out to write into reports/PERIOD",
     "--out: tên thư mục để trống")])
def test_report_refuses_a_bad_out_with_a_usage_error(tmp_path, out, said, said_vi):
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    result = subprocess.run([*NTM, "report", "--out", out, "--lang", "en"], cwd=tmp_path, capture_output=True,
                            text=True)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("ntm report: error: --out: ") and said in result.stderr
    assert "Traceback" not in result.stderr
    result = subprocess.run([*NTM, "report", "--out", out], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.startswith("ntm report: lỗi: --out: ")
    assert said_vi in result.stderr and said not in result.stderr


def test_report_refuses_a_read_only_folder(tmp_path):
    """As a person without write access meets it (root writes anywhere, so the command runs as
    the unprivileged user 'nobody' when the tests run as root)."""
    place = Path(tempfile.mkdtemp(prefix="ntm-ro-"))
    try:
        os.chmod(place, 0o755)
        (place / "ro").mkdir(mode=0o555)
        os.chmod(place / "ro", 0o555)
        command = [*NTM, "report", "--out", str(place / "ro" / "pack")]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        result = subprocess.run(command, cwd=place, capture_output=True, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.returncode == 2, result.stderr
        assert "không ghi được vào" in result.stderr and "Traceback" not in result.stderr
        assert "không có quyền ghi" in result.stderr  # the system's reason, in the language too
        assert list((place / "ro").iterdir()) == []
    finally:
        os.chmod(place / "ro", 0o755)
        subprocess.run(["rm", "-rf", str(place)], check=True)


def test_a_pack_in_the_data_folder_is_never_read_back(tmp_path):
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(ROOT / "data"), str(data)], check=True)
    pack = data / "reports" / "2021Q4"
    pack.mkdir(parents=True)
    write_pack(pack, lambda folder: (folder / "tables_2021Q4.xlsx").write_bytes(b"not data"),
               inputs={}, meta={})
    (data / "reports" / "notes.csv").write_text("a,b\n", encoding="utf-8")  # a user's file beside it
    sources = [source for _, source in expand([data])]
    assert not any(s.startswith(str(pack)) for s in sources)
    assert str(data / "reports" / "notes.csv") in sources
    result = subprocess.run([*NTM, "validate", "reports/2021Q4"], cwd=data, capture_output=True, text=True)
    assert result.returncode == 2 and "là bộ báo cáo do ntm tạo ra, không phải số liệu đầu vào" in result.stderr


def inputs_of(paths) -> dict[str, str]:
    return {source: sha(path) for path, source in expand(paths)}


def test_report_from_inside_the_data_folder_twice(tmp_path):
    """`cd data && ntm report .`, twice: the pack written into the data folder is not read back,
    the inputs are not modified, and pack.json lists every file and input with its checksum."""
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(ROOT / "data"), str(data)], check=True)
    before = inputs_of([data])
    for _ in range(2):
        result = subprocess.run([*NTM, "report", "."], cwd=data, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    pack = data / "reports" / "2021Q4"
    assert verify(pack) == []
    content = json.loads((pack / PACK_FILE).read_text(encoding="utf-8"))
    assert content["command"] == "ntm report ." and content["period"] == "2021Q4"
    assert content["version"] and set(content["files"]) >= {"review.html", "summary_vi.txt", "tables_2021Q4.xlsx"}
    assert content["inputs"] == {k[len(str(data)) + 1:]: v for k, v in before.items()}
    assert inputs_of([data]) == before  # nothing in the data folder was modified, the pack not read
    assert sorted(p.name for p in (data / "reports").iterdir()) == ["2021Q4"]


def test_ctrl_c_says_one_line_and_leaves_the_previous_pack(tmp_path):
    """Interrupted after each progress line in turn: exit 130, one line, no traceback, the
    previous pack intact, nothing half-built left behind."""
    out = tmp_path / "pack"
    write_pack(out, fake_build("old"), inputs={}, meta={})
    for stage in (1, 3, 5):
        process = subprocess.Popen(ctrl_c_able([*NTM, "report", "--out", str(out)]), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        for _ in range(stage):
            process.stderr.readline()
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read()
        process.wait(timeout=60)
        assert process.returncode == 130, rest
        assert "Traceback" not in rest
        assert rest.strip().splitlines()[-1] == "ntm report: đã dừng (Ctrl-C); không để lại tệp ghi dở"
        assert verify(out) == [] and (out / "part_0.txt").read_text(encoding="utf-8") == "old 0\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


@pytest.mark.parametrize("raised, code, lang, line", [
    (KeyboardInterrupt, 130, "en", "ntm summary: interrupted; nothing was left half-written"),
    (KeyboardInterrupt, 130, "vi", "ntm summary: đã dừng (Ctrl-C); không để lại tệp ghi dở"),
    ("terminated", 143, "en", "ntm summary: terminated; nothing was left half-written")])
def test_every_command_stops_with_one_line(monkeypatch, capsys, raised, code, lang, line):
    from ntm_analysis import cli

    def stop(args):
        if raised == "terminated":
            cli._terminate(signal.SIGTERM, None)
        raise raised

    monkeypatch.setitem(cli.COMMANDS, "summary", stop)
    assert cli.main(["summary", "--lang", lang]) == code
    assert capsys.readouterr().err == line + "\n"
