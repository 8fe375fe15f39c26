"""`ntm explore` as a process: the address on stdout, a page served from loopback with no asset
from the internet, Ctrl-C stopping it cleanly with everything it started; the data reaching the
notebook. The page itself is tested in Chromium (test_browser.py)."""

from __future__ import annotations

import re
import socket
import time
import urllib.request

import nbformat
import psutil
from nbclient import NotebookClient

from conftest import run_cli, wide_rows, write_csv, write_periods
from ntm_analysis.explore import write_notebook
from serving import ntm_explore


def test_serves_the_dashboard_and_stops_on_ctrl_c():
    with ntm_explore() as server:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.url)
        with urllib.request.urlopen(server.url, timeout=180) as response:  # runs the notebook
            assert response.status == 200
            page = response.read().decode("utf-8")
        assert "<title>Nông thôn mới — khám phá số liệu</title>" in page and '<html lang="vi">' in page
        assert "explorer" not in re.search(r"<title>[^<]*</title>", page)[0]  # one language
        assert "application/vnd.jupyter.widget-view+json" in page  # the explorer was displayed
        external = [u for u in re.findall(r"""(?:src|href)=["']([^"']+)""", page)
                    if re.match(r"(?:https?:)?//", u) and not u.startswith(server.url)]
        assert external == []
        started = server.descendants()
        assert any("ipykernel" in " ".join(p.cmdline()) for p in started)  # Voilà and the page's kernel
        assert server.interrupt() == 130
        # one line, no traceback, in the language served (as `ntm report` says its own)
        assert server.stderr == "ntm explore: đã dừng (Ctrl-C); không để lại tiến trình nào chạy ngầm\n"
        alive = [p for p in started if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert alive == []


def test_a_port_in_use_is_a_usage_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("explore", "--port", str(port))
        english = run_cli("explore", "--port", str(port), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"ntm explore: lỗi: cổng {port} trên 127.0.0.1 đang được dùng\n"
    assert english.stderr == f"ntm explore: error: port {port} is in use on 127.0.0.1\n"


def test_bad_data_is_said_before_serving(tmp_path, three):
    rows = wide_rows(three)
    rows[2][4] = "??"
    path = write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    result = run_cli("explore", str(path))
    assert result.returncode == 1 and result.stdout == ""
    assert "không đọc được tình trạng" in result.stderr and "Traceback" not in result.stderr


def test_the_data_paths_reach_the_notebook(tmp_path):
    folder = write_periods(tmp_path / "ho_so", {"2020Q1": {"An Lạc": {1, 2, 3}, "Bình Minh": set(range(1, 20))}})
    notebook = write_notebook(tmp_path, [folder], lang="en")
    parameters = next(c for c in nbformat.read(notebook, as_version=4).cells
                      if "injected-parameters" in c.metadata.get("tags", []))
    assert f'data_paths = ["{folder.resolve()}"]' in parameters.source and 'lang = "en"' in parameters.source
    book = nbformat.read(notebook, as_version=4)
    book.cells.append(nbformat.v4.new_code_cell("print(ui.lang.value, ui.period.value, ui.commune.options)"))
    executed = NotebookClient(book, timeout=300, kernel_name="python3",
                              resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = executed.cells[-1].outputs[0]["text"]
    assert printed == "en 2020Q1 (('An Lạc', 'An Lạc'), ('Bình Minh', 'Bình Minh'))\n"  # this folder's explorer


def test_a_browser_opens_only_when_asked(tmp_path, monkeypatch):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" >> "{opened}"\n', encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(browser))  # what Python's webbrowser (and Voilà's) would open
    with ntm_explore() as server:
        assert server.interrupt() == 130
    assert not opened.exists()
    with ntm_explore("--open") as server:
        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text(encoding="utf-8") == server.url + "\n"
        assert server.interrupt() == 130
