"""Charts are checked by what they draw (bar heights, labels, colours), never by pixels."""

from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pytest

from ntm_analysis import charts, load, summarise
from ntm_analysis.compare import compare, trend
from ntm_analysis.figures import lagging_criteria
from ntm_analysis.targets import evaluate


@pytest.fixture(scope="module")
def bundled():
    return load()


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def bars(ax):
    return [p for p in ax.patches if p.get_height() or p.get_width()]


def test_distribution_bars_equal_the_counts(bundled):
    snap = bundled.snapshot("2020Q1")
    fig = charts.distribution_chart(snap, source="data/loc_binh")
    [ax] = fig.axes
    heights = [p.get_height() for p in ax.patches]
    expected = snap.met_count.value_counts().reindex(range(20), fill_value=0).tolist()
    assert heights == expected
    assert heights[19] == 4 and heights[12] == 1 and heights[9] == 1 and sum(heights[5:9]) == 13
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(k) for k in range(20)]
    assert sorted(t for t in texts(fig) if t.isdigit()) == sorted(str(v) for v in expected if v)
    assert "Nguồn: data/loc_binh" in texts(fig)
    assert ax.get_title(loc="left") == "Số xã theo số tiêu chí đạt — quý I năm 2020"


def test_band_chart_in_the_seed_bands(bundled):
    [summary] = summarise(bundled, period="2020Q1", bands="19,12,9,5-8")
    fig = charts.band_chart(summary, lang="vi")
    [ax] = fig.axes
    assert [p.get_height() for p in ax.patches] == [4, 1, 1, 13]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["19", "12", "9", "5–8"]
    assert "4 (21,1%)" in texts(fig) and "13 (68,4%)" in texts(fig)
    [summary] = summarise(bundled, period="2020Q1")
    english = charts.band_chart(summary, lang="en")
    assert [t.get_text() for t in english.axes[0].get_xticklabels()][-1] == "under 5"


def test_heatmap_draws_every_status(tmp_path):
    from conftest import statuses, write_csv

    row = statuses({1, 2})
    row[2] = "Cơ bản đạt"
    rows = [["Tên xã", *map(str, range(1, 20))], ["Mẫu Sơn", *row], ["Tam Gia", *statuses(set(range(1, 20)))]]
    snap = load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)).snapshot()
    fig = charts.heatmap_chart(snap, lang="en")
    ax = fig.axes[0]
    [image] = ax.get_images()
    assert np.array_equal(image.get_array(), snap.status.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mẫu Sơn", "Tam Gia"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(c) for c in range(1, 20)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Met", "Basically met", "Not met"]


def test_criteria_chart_names_criteria_and_highlights_the_least_met(bundled):
    snap = bundled.snapshot("2020Q1")
    table = lagging_criteria(snap)
    fig = charts.criteria_chart(table, 19, "2020Q1", lang="vi")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-2:] == ["17. Môi trường và an toàn thực phẩm", "16. Văn hóa"]  # least met on top
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx(table["share"].iloc[::-1].tolist())
    red = [label for label, p in zip(labels, ax.patches)
           if mcolors.to_hex(p.get_facecolor()) == charts.VERMILION.lower()]
    assert red == ["17. Môi trường và an toàn thực phẩm", "16. Văn hóa"]
    assert "21,1%" in texts(fig)


def test_change_chart_bars_are_gains_and_losses(bundled):
    result = compare(bundled, "2020Q1", "2020Q2")
    fig = charts.change_chart(result, lang="en")
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    half = len(ax.patches) // 2
    gained = dict(zip(names, [p.get_width() for p in ax.patches[:half]]))
    lost = dict(zip(names, [p.get_width() for p in ax.patches[half:]]))
    for c in result.communes:
        assert gained[c.commune] == len(c.gained) and lost[c.commune] == -len(c.lost)
    assert lost["Hữu Lân"] == -1


def test_trend_chart_line_and_stacked_bands(bundled):
    table = trend(bundled)
    fig = charts.trend_chart(table, lang="vi")
    top, bottom = fig.axes[:2]
    [line] = top.get_lines()
    assert line.get_ydata().tolist() == pytest.approx(table["mean_met"].tolist())
    assert "9,84" in texts(fig) and "9.84" not in texts(fig)
    per_period = np.zeros(len(table))
    for patch in bottom.patches:
        per_period[round(patch.get_x() + patch.get_width() / 2)] += patch.get_height()
    assert per_period.tolist() == table["n_communes"].tolist()
    assert [t.get_text() for t in bottom.get_legend().get_texts()] == ["19", "15–18", "10–14", "5–9", "dưới 5"]
    english = charts.trend_chart(table, lang="en")
    assert "9.84" in texts(english)


def test_targets_chart_progress(bundled):
    statuses = evaluate(bundled, "2020Q1")
    fig = charts.targets_chart(statuses, lang="vi")
    widths = [p.get_width() for p in fig.axes[0].patches][::-1]
    measured = [s for s in statuses if s.actual is not None and s.value]
    assert widths == pytest.approx([min(1, s.actual / s.value) for s in measured])
    assert widths[0] == pytest.approx(12 / 19)  # Khuất Xá, 12 of 19 criteria


def test_axes_use_the_language_number_format(bundled):
    fig = charts.criteria_chart(lagging_criteria(bundled.snapshot("2020Q1")), 19, "2020Q1", lang="vi")
    ax = fig.axes[0]
    fig.canvas.draw()
    formatted = [t.get_text() for t in ax.get_xticklabels()]
    assert "20%" in formatted and all("." not in t for t in formatted)
    fig = charts.trend_chart(trend(bundled), lang="vi")
    fig.canvas.draw()
    assert any("," in t.get_text() for t in fig.axes[0].get_yticklabels())
