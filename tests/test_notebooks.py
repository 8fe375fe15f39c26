"""Notebooks 01 and 02 show what the page shows: formatted HTML (never printed text, never raw
data frames), in the language chosen; notebook 01's sections are the page's own sections."""

from __future__ import annotations

import re

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from conftest import ROOT, run_cli


def execute(name: str, **parameters):
    """The notebook run with ``parameters`` set in its parameters cell (as papermill does)."""
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    [cell] = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    cell.source += "\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    return notebook


def outputs(notebook):
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]


@pytest.fixture(scope="module")
def review_notebook():
    return execute("01_quarterly_review.ipynb", period="2020Q2", lang="vi")


@pytest.fixture(scope="module")
def compare_notebook():
    return execute("02_compare_quarters.ipynb", lang="en")


@pytest.fixture(scope="module")
def review_notebook_en():
    return execute("01_quarterly_review.ipynb", period="2020Q2", lang="en")


@pytest.fixture(scope="module")
def compare_notebook_vi():
    return execute("02_compare_quarters.ipynb", lang="vi")


def shown_html(notebook) -> BeautifulSoup:
    """Every HTML output of the notebook, in order, as one parsed document."""
    return BeautifulSoup("".join(o["data"]["text/html"] for o in outputs(notebook) if "text/html" in o.get("data", {})),
                         "html.parser")


def headings(soup: BeautifulSoup) -> list[str]:
    return [re.sub(r"\s+", " ", h.get_text()).strip() for h in soup.find_all(["h1", "h2"])]


# What each notebook shows around the page's sections, in each language, as the analyst reads it.
NOTEBOOK_WORDS = {
    ("review", "vi"): (["Sơ kết quý", "Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới"],
                       "Kết quả của quý, từng phần như trang báo cáo: cùng các đoạn văn, bảng và biểu đồ, kèm các ô "
                       "kiểm tra đối chiếu với số liệu."),
    ("review", "en"): (["Quarterly review", "Implementation of the National Criteria for New Rural Communes"],
                       "The quarter's results, section by section as the review page shows them: the same "
                       "paragraphs, tables and charts, with checks against the data."),
    ("compare", "vi"): (["So sánh các kỳ", "Từng quý so với quý trước", "So với cùng kỳ năm trước", "Cảnh báo"],
                        "Tất cả các kỳ trong số liệu: diễn biến qua các kỳ, từng quý so với quý trước, so với cùng "
                        "kỳ năm trước và các cảnh báo cần rà soát."),
    ("compare", "en"): (["Comparing quarters", "Each quarter against the one before",
                         "Against the same quarter a year before", "Warnings"],
                        "Every period in the data: the trend, each quarter against the one before, the same quarter "
                        "a year before, and the warnings to follow up."),
}


@pytest.mark.parametrize("which, notebook, lang", [
    ("review_notebook", "review", "vi"), ("review_notebook_en", "review", "en"),
    ("compare_notebook_vi", "compare", "vi"), ("compare_notebook", "compare", "en")])
def test_each_notebook_reads_in_the_language_it_is_run_in(which, notebook, lang, request):
    """No markdown cell (it cannot follow ``lang``): the title, intro and headings shown are the
    language's own, and neither the other language's nor the old bilingual ones appear."""
    run = request.getfixturevalue(which)
    assert [c for c in run.cells if c.cell_type == "markdown"] == []
    soup = shown_html(run)
    heads, intro = NOTEBOOK_WORDS[notebook, lang]
    sections = [h for h in headings(soup) if h[:1].isdigit()]  # the page's own numbered sections
    assert [h for h in headings(soup) if h not in sections] == heads
    text = re.sub(r"\s+", " ", soup.get_text(" "))
    assert intro in text
    other_heads, other_intro = NOTEBOOK_WORDS[notebook, "en" if lang == "vi" else "vi"]
    # the English developer note and bilingual headings the Vietnamese view used to show
    old = ["Year on year", "The review of one quarter", "Every period in the data"] if lang == "vi" else []
    for foreign in [*other_heads, other_intro, *old]:
        assert foreign not in text, foreign


def test_notebook_tables_read_as_on_the_page(compare_notebook_vi):
    """The notebook's table style (shown with its title) aligns text left, numbers right and keeps
    a quarter on one line, over the notebook's own rule that aligns every cell right."""
    [style] = shown_html(compare_notebook_vi).find_all("style")
    rules = re.sub(r"\s+", " ", style.get_text())
    assert ".wide > table td { text-align: left !important; }" in rules
    assert ".wide > table td.num { text-align: right !important; white-space: nowrap; }" in rules
    assert ".wide > table td.name, .wide > table td.short { white-space: nowrap; }" in rules
    periods = [tr.find_all("td")[1] for tr in shown_html(compare_notebook_vi).find("table").find_all("tr")[1:]]
    assert periods and all(td.get_text().startswith("Quý ") and "name" in td["class"] for td in periods)
    captions = [c.get_text() for c in shown_html(compare_notebook_vi).find_all("caption")]
    assert [c.split(".")[0] for c in captions] == ["Bảng 1", "Bảng 2"]  # numbered in turn, as on the page


@pytest.mark.parametrize("which", ["review_notebook", "compare_notebook"])
def test_notebooks_show_html_never_printed_text(which, request):
    notebook = request.getfixturevalue(which)
    found = outputs(notebook)
    assert found and not [o for o in found if o.output_type in ("stream", "error")]
    for output in found:
        data = output.get("data", {})
        assert "text/html" in data or "image/png" in data, data.get("text/plain", "")[:200]
        assert "<pre" not in data.get("text/html", "") and "dataframe" not in data.get("text/html", "")


def test_review_notebook_sections_are_the_pages_sections(review_notebook, tmp_path):
    result = run_cli("report", "--period", "2020Q2", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "review.html").read_text(encoding="utf-8"), "html.parser")
    shown = [BeautifulSoup(o["data"]["text/html"], "html.parser") for o in outputs(review_notebook)]
    sections = [s for s in shown if s.find("section")]
    assert [s.section["id"] for s in sections] == ["overall", "criteria", "compare", "targets", "flags", "annex"]
    for fragment in sections:
        key = fragment.section["id"]
        assert str(fragment.section) == str(page.find("section", id=key)), key


def test_compare_notebook_is_in_english_when_asked(compare_notebook):
    html = " ".join(o["data"]["text/html"] for o in outputs(compare_notebook) if "text/html" in o.get("data", {}))
    text = re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" "))
    assert "Compared with Q1 2020, the number of criteria met rose by 16 (from 187 to 203)" in text
    assert "Criterion no longer met" in text and "tiêu chí" not in text and "Kỳ" not in text
    heads = [th.get_text() for th in BeautifulSoup(html, "html.parser").find_all("th")]
    assert heads[:4] == ["No.", "Period", "Communes", "Criteria met in total"]


def test_review_notebook_shows_the_districts_of_a_province(tmp_path):
    from conftest import statuses, write_csv

    rows = [["STT", "Tên xã", *map(str, range(1, 20))], ["I", "Huyện Cao Sơn"],
            ["1", "Tân Lập", *statuses(set(range(1, 20)))], ["2", "Hòa Bình", *statuses({1, 2})],
            ["II", "Huyện Bắc Hà"], ["3", "Xuân Sơn", *statuses({1, 2, 3})]]
    write_csv(tmp_path / "ntm_2020Q1.csv", rows)
    notebook = execute("01_quarterly_review.ipynb", data_paths=str(tmp_path), lang="vi")
    shown = [BeautifulSoup(o["data"]["text/html"], "html.parser") for o in outputs(notebook)
             if "text/html" in o.get("data", {})]
    keys = [s.section["id"] for s in shown if s.find("section")]
    assert keys == ["overall", "districts", "criteria", "compare", "targets", "flags", "annex"]
    [districts] = [s for s in shown if s.find("section", id="districts")]
    assert "Huyện Cao Sơn có 02 xã" in districts.get_text()
