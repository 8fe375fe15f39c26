"""The trend over quarters that are not one after another (review 3, D7): a missing quarter
leaves a gap that the chart and the text say, and the reorganisation of 1/7/2025 is marked."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import write_periods
from ntm_analysis import charts, load
from ntm_analysis.review import build_review
from ntm_analysis.timeline import missing_quarters, positions, reorganisation_between
from ntm_analysis.wording import report_sections


def test_positions_and_missing_quarters():
    periods = ["2024Q2", "2024Q4", "2025Q1", "2025Q2"]
    assert positions(periods) == [0, 2, 3, 4]
    assert missing_quarters(periods) == ["2024Q3"]
    assert reorganisation_between(periods) is None
    assert reorganisation_between(["2024Q4", "2025Q2", "2025Q3"]) == 2.5


@pytest.fixture(scope="module")
def gapped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gap")
    communes = {f"X{i}": set(range(1, 10 + i)) for i in range(5)}
    merged = {f"M{i}": set(range(1, 12 + i)) for i in range(2)}
    write_periods(folder, {"2024Q4": communes, "2025Q2": communes, "2025Q3": merged, "2025Q4": merged})
    return build_review(load(folder), "2025Q4")


def test_the_trend_chart_leaves_a_gap_and_marks_the_reorganisation(gapped):
    fig = charts.trend_chart(gapped.trend, "vi")
    top, bottom = fig.axes[:2]
    bars = [p for container in bottom.containers for p in container]
    xs = sorted({round(p.get_x() + p.get_width() / 2, 6) for p in bars if p.get_height()})
    assert xs == [0, 2, 3, 4]  # 2025Q1 missing: no bar at 1, and 2025Q2 two quarters after 2024Q4
    assert [t.get_text() for t in bottom.texts if t.get_text() == "không có số liệu"] == ["không có số liệu"]
    dashed = [line.get_xdata()[0] for line in top.lines + bottom.lines if line.get_linestyle() == "--"]
    assert dashed == [2.5, 2.5]  # between 2025Q2 and 2025Q3, in both panels
    # (wrapped onto two lines when the panel is too narrow for it on one)
    assert "sắp xếp lại các xã từ ngày 1/7/2025" in [t.get_text().replace("\n", " ") for t in bottom.texts]
    # the average is dotted across the missing quarter, and not joined at all across the
    # reorganisation (review 6, defect 6): the line stops before it and starts again after it
    dotted = [list(line.get_xdata()) for line in top.lines if line.get_linestyle() == ":"]
    assert dotted == [[0, 2]]
    [solid] = [line for line in top.lines if line.get_linestyle() == "-"]
    xs = np.asarray(solid.get_xdata(), dtype=float)
    segments = [s.tolist() for s in np.split(xs, np.flatnonzero(np.isnan(xs))) if len(s[~np.isnan(s)])]
    assert [[v for v in s if v == v] for s in segments] == [[0], [2], [3, 4]]
    for line in top.lines:  # no segment of any line, dotted or solid, joins 2025Q2 (x=2) to 2025Q3 (x=3)
        xd = [float(v) for v in line.get_xdata()]
        assert not any(a < 2.5 < b for a, b in zip(xd, xd[1:])), xd


def test_the_text_says_the_missing_quarter_and_the_reorganisation(gapped):
    vi = [s for s in report_sections(gapped, "vi") if s.key == "compare"][0].paragraphs
    en = [s for s in report_sections(gapped, "en") if s.key == "compare"][0].paragraphs
    assert "Số liệu không có quý I/2025: biểu đồ qua các kỳ để trống quý này." in vi
    assert ("Biểu đồ qua các kỳ đánh dấu mốc sắp xếp lại đơn vị hành chính cấp xã từ ngày 1/7/2025: số xã và tổng "
            "số tiêu chí trước và sau mốc này không so sánh trực tiếp.") in vi
    assert "The data holds no figures for Q1 2025: the chart over time leaves it blank." in en
    assert ("The chart over time marks the reorganisation of communes from 1 July 2025: the number of communes "
            "and the total of criteria met before and after it are not compared directly.") in en


def test_a_contiguous_trend_says_nothing_of_gaps():
    review = build_review(load())
    paragraphs = [s for s in report_sections(review, "vi") if s.key == "compare"][0].paragraphs
    assert not any("Số liệu không có quý" in p or "sắp xếp lại" in p for p in paragraphs)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_reorganisation_note_stays_inside_its_panel_clear_of_the_legend(lang, tmp_path):
    """With the break near the right edge (six quarters before it, one after), the note is
    wrapped inside the bar panel instead of running into the legend's title."""
    from ntm_analysis.chart_fit import text_problems

    communes = {f"X{i}": set(range(1, 10 + i)) for i in range(5)}
    merged = {f"M{i}": set(range(1, 12 + i)) for i in range(2)}
    quarters = {p: communes for p in ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"]}
    review = build_review(load(write_periods(tmp_path / "d", {**quarters, "2025Q3": merged})), "2025Q3")
    fig = charts.trend_chart(review.trend, lang, "source")
    assert text_problems(fig) == []
    bottom = fig.axes[1]
    renderer = fig.canvas.get_renderer()
    note = next(t for t in bottom.texts if "2025" in t.get_text())
    assert "\n" in note.get_text()  # wrapped to the room left of the panel's edge
    assert note.get_window_extent(renderer).x1 <= bottom.get_window_extent(renderer).x1
    expected = "sắp xếp lại các xã từ ngày 1/7/2025" if lang == "vi" else "communes reorganised from 1 July 2025"
    assert " ".join(note.get_text().split()) == expected
