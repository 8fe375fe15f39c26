"""Charts are checked by what they draw (bar heights, colours, labels, legends, the source line
and titles), never by pixels."""

from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from conftest import statuses, write_csv
from ntm_analysis import charts, load, summarise
from ntm_analysis.compare import compare, trend
from ntm_analysis.figures import lagging_criteria
from ntm_analysis.review import Unit, build_review
from ntm_analysis.targets import TargetStatus, evaluate

UNIT = Unit("district", "Lộc Bình", "Lạng Sơn")
SOURCE = "số liệu đánh giá các xã, huyện Lộc Bình, tỉnh Lạng Sơn (số liệu minh họa)"


@pytest.fixture(scope="module")
def bundled():
    return load()


def texts(fig):
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def hexes(patches):
    return [mcolors.to_hex(p.get_facecolor()) for p in patches]


def legend_texts(ax):
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def source_of(fig):
    return [t.get_text() for t in fig.texts]


def test_distribution_bars_are_the_counts_coloured_by_band(bundled):
    snap = bundled.snapshot("2020Q1")
    fig = charts.distribution_chart(snap, "vi", SOURCE, bands="19,12,9,5-8", unit=UNIT)
    [ax] = fig.axes
    heights = [p.get_height() for p in ax.patches]
    expected = snap.met_count.value_counts().reindex(range(20), fill_value=0).tolist()
    assert heights == expected and heights[19] == 4 and sum(heights[5:9]) == 13
    colours = hexes(ax.patches)
    assert colours[19] != colours[12] != colours[9] != colours[5]
    assert len({colours[k] for k in range(5, 9)}) == 1  # one colour for the band 5–8
    assert legend_texts(ax) == ["19", "12", "9", "5–8"]
    assert ax.get_legend().get_title().get_text() == "Nhóm (số tiêu chí đạt)"
    assert source_of(fig) == [f"Nguồn: {SOURCE}; quý I/2020"]
    assert ax.get_title(loc="left") == "Số xã theo số tiêu chí đạt\nHuyện Lộc Bình, tỉnh Lạng Sơn, quý I/2020"


def test_band_chart_one_colour_per_band_and_count_with_share(bundled):
    [summary] = summarise(bundled, period="2020Q1", bands="19,12,9,5-8")
    fig = charts.band_chart(summary, "vi", SOURCE, unit=UNIT)
    [ax] = fig.axes
    assert [p.get_height() for p in ax.patches] == [4, 1, 1, 13]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["19", "12", "9", "5–8"]
    assert len(set(hexes(ax.patches))) == 4
    assert "4 (21,1%)" in texts(fig) and "13 (68,4%)" in texts(fig)
    [summary] = summarise(bundled, period="2020Q1")
    english = charts.band_chart(summary, "en", "commune assessments", unit=UNIT)
    assert [t.get_text() for t in english.axes[0].get_xticklabels()][-1] == "fewer than 5"
    assert source_of(english) == ["Source: commune assessments; Q1 2020"]
    assert "Lộc Bình district, Lạng Sơn province, Q1 2020" in english.axes[0].get_title(loc="left")


def test_the_same_band_has_the_same_colour_in_every_chart(bundled):
    review = build_review(bundled, "2020Q2")
    bands = charts.band_chart(review.summary, "vi").axes[0]
    trend_bottom = charts.trend_chart(review.trend, "vi").axes[1]
    by_label = dict(zip([t.get_text() for t in bands.get_xticklabels()], hexes(bands.patches)))
    legend = trend_bottom.get_legend()
    for text, handle in zip(legend.get_texts(), legend.legend_handles):
        assert mcolors.to_hex(handle.get_facecolor()) == by_label[text.get_text()]


def test_heatmap_in_register_order_with_criteria_met_at_the_row_end(bundled):
    snap = bundled.snapshot("2020Q1")
    fig = charts.heatmap_chart(snap, "vi", SOURCE, unit=UNIT)
    ax = fig.axes[0]
    [image] = ax.get_images()
    assert np.array_equal(image.get_array(), snap.status.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == snap.communes  # STT order of the form
    row_ends = [t for t in ax.texts if t.get_position()[0] > snap.criteria_set.size - 0.5]
    counts = {round(t.get_position()[1]): t.get_text() for t in row_ends if t.get_text().isdigit()}
    assert [counts[y] for y in range(len(snap.communes))] == [str(v) for v in snap.met_count]
    assert legend_texts(ax) == ["Đạt", "Chưa đạt"]  # no "Cơ bản đạt" in 2020Q1: none drawn


def test_heatmap_by_criteria_met_and_beyond_the_limit(tmp_path):
    rows = [["Tên xã", *map(str, range(1, 20))]]
    rows += [[f"Xã {i:03d}", *statuses(set(range(1, 1 + i % 20)))] for i in range(1, 81)]
    snap = load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)).snapshot()
    fig = charts.heatmap_chart(snap, "vi", "x", limit=20)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == 20
    counts = snap.met_count
    shown = counts[names].tolist()
    assert shown == sorted(shown, reverse=True) and shown[0] == counts.max() and shown[-1] == counts.min()
    assert any("10 xã đạt nhiều nhất và 10 xã đạt ít nhất trong tổng số 80 xã" in t for t in texts(fig))
    small = charts.heatmap_chart(snap, "vi", "x", order="met", limit=100)
    shown = counts[[t.get_text() for t in small.axes[0].get_yticklabels()]].tolist()
    assert shown == sorted(shown, reverse=True) and len(shown) == 80


def test_criteria_chart_highlights_the_least_met_with_a_legend(bundled):
    table = lagging_criteria(bundled.snapshot("2020Q1"))
    fig = charts.criteria_chart(table, 19, "2020Q1", "vi", SOURCE, unit=UNIT)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-2:] == ["17. Môi trường và an toàn thực phẩm", "16. Văn hóa"]  # least met on top
    assert [p.get_width() for p in ax.patches] == pytest.approx(table["share"].iloc[::-1].tolist())
    red = [label for label, colour in zip(labels, hexes(ax.patches)) if colour == charts.VERMILION.lower()]
    assert red == ["17. Môi trường và an toàn thực phẩm", "16. Văn hóa"]
    assert legend_texts(ax) == ["Tỷ lệ đạt thấp nhất", "Các tiêu chí khác"]
    assert "21,1% (4)" in texts(fig)
    fig.canvas.draw()
    formatted = [t.get_text() for t in ax.get_xticklabels()]
    assert "20%" in formatted and all("." not in t for t in formatted)


def test_change_chart_is_a_change_with_the_unchanged_communes_visible(bundled):
    result = compare(bundled, "2020Q1", "2020Q2")
    fig = charts.change_chart(result, "vi", SOURCE, unit=UNIT)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(names) == sorted(c.commune for c in result.communes)  # every commune, changed or not
    n = len(names)
    gained = dict(zip(names, [p.get_width() for p in ax.patches[:n]]))
    lost = dict(zip(names, [p.get_width() for p in ax.patches[n:]]))
    for c in result.communes:
        assert gained[c.commune] == len(c.gained) and lost[c.commune] == -len(c.lost)
    assert (gained["Hữu Lân"], lost["Hữu Lân"]) == (2, -1)  # in both: gained two, lost one
    [dots] = ax.get_lines()[:1]
    unchanged = {names[int(y)] for y in dots.get_ydata()}
    assert unchanged == {c.commune for c in result.communes if not c.gained and not c.lost} and unchanged
    assert legend_texts(ax) == ["Tiêu chí tăng", "Tiêu chí không còn đạt", "Không thay đổi"]
    assert ax.get_title(loc="left").startswith("Thay đổi số tiêu chí đạt của từng xã\n")
    assert "quý I/2020 → quý II/2020" in ax.get_title(loc="left")
    assert source_of(fig) == [f"Nguồn: {SOURCE}; quý I/2020 → quý II/2020"]
    assert ax.get_xlabel() == "Thay đổi số tiêu chí đạt (+ tăng, − giảm)"
    assert "+2" in texts(fig) and "\u22121" in texts(fig)


def test_change_chart_legend_only_for_what_is_drawn(tmp_path):
    from conftest import write_periods

    assessment = load(write_periods(tmp_path / "d", {"2020Q1": {"A": {1}, "B": {1}}, "2020Q2": {"A": {1, 2}, "B": {1}}}))
    ax = charts.change_chart(compare(assessment, "2020Q1", "2020Q2"), "en").axes[0]
    assert legend_texts(ax) == ["Criteria gained", "Unchanged"]


def test_change_beyond_the_limit_counts_communes_by_change(tmp_path):
    from conftest import write_periods

    before = {f"X{i}": set(range(1, 1 + i % 10)) for i in range(90)}
    after = {f"X{i}": set(range(1, 1 + i % 10 + (i % 3) - 1)) for i in range(90)}
    result = compare(load(write_periods(tmp_path / "d", {"2020Q1": before, "2020Q2": after})), "2020Q1", "2020Q2")
    ax = charts.change_chart(result, "vi", limit=60).axes[0]
    assert sum(p.get_height() for p in ax.patches) == 90
    assert ax.get_title(loc="left").startswith("Số xã theo mức thay đổi số tiêu chí đạt")
    assert legend_texts(ax) == ["Số tiêu chí đạt tăng", "Số tiêu chí đạt giảm", "Không thay đổi"]


def test_trend_line_and_stacked_bands(bundled):
    table = trend(bundled)
    fig = charts.trend_chart(table, "vi", SOURCE, unit=UNIT)
    top, bottom = fig.axes[:2]
    [line] = top.get_lines()
    assert line.get_ydata().tolist() == pytest.approx(table["mean_met"].tolist())
    assert "9,84" in texts(fig) and "9.84" not in texts(fig)
    per_period = np.zeros(len(table))
    for patch in bottom.patches:
        per_period[round(patch.get_x() + patch.get_width() / 2)] += patch.get_height()
    assert per_period.tolist() == table["n_communes"].tolist()
    assert legend_texts(bottom) == ["19", "15–18", "10–14", "5–9"]  # no commune under 5: not in the legend
    assert source_of(fig) == [f"Nguồn: {SOURCE}; quý I/2020 – quý IV/2021"]
    fig.canvas.draw()
    assert any("," in t.get_text() for t in top.get_yticklabels())


def test_no_trend_chart_for_a_single_period(bundled):
    with pytest.raises(ValueError, match="two periods"):
        charts.trend_chart(trend(bundled).iloc[:1], "vi")


def test_targets_drawn_as_actual_against_target(bundled):
    statuses_ = evaluate(bundled, "2020Q1")
    fig = charts.targets_chart(statuses_, "vi", SOURCE, unit=UNIT)
    ax = fig.axes[0]
    drawn = texts(fig)
    for label in ("12/19 tiêu chí", "9/19 tiêu chí", "8/26 thôn (30,8%), mục tiêu 50%",
                  "đã hoàn thành 0 khu (kế hoạch 1 khu)", "9,84/15 tiêu chí/xã", "Chưa đạt",
                  "xã thấp nhất đạt 5 tiêu chí (tối thiểu 5)"):
        assert label in drawn, label
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "Khuất Xá" in ticks and "Mẫu Sơn, Tam Gia, Tú Mịch" in ticks and "Toàn huyện" in ticks
    assert all("\n" not in t for t in ticks)  # commune names are never wrapped
    heads = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert heads[0] == "Xã điểm đạt chuẩn NTM năm 2020"
    assert legend_texts(ax) == ["Mục tiêu", "Đã đạt", "Đang thực hiện"]  # the states' one vocabulary
    assert "0/1 khu" not in drawn  # it would read "0 of 1"
    khuat = [p for p in ax.patches if p.get_width() < 1][0]
    assert khuat.get_width() == pytest.approx(12 / 19)


def test_a_target_is_never_rounded_up_to_reach_it():
    almost = TargetStatus("Bình quân 15", "mean", [], "2020Q4", "2020Q4", 15.0, 14.996, 0.004, "missed")
    fig = charts.targets_chart([almost], "vi")
    assert "14,99/15 tiêu chí/xã" in texts(fig)
    assert max(p.get_width() for p in fig.axes[0].patches if mcolors.to_hex(p.get_facecolor()) != "#e8e8e8") < 1
    assert legend_texts(fig.axes[0]) == ["Mục tiêu", "Không đạt"]


def test_the_legend_names_no_state_whose_bar_is_not_drawn():
    """A target at 0% draws no bar: its state's colour is nowhere, so the legend does not name it."""
    nothing = TargetStatus("Tỷ lệ xã đạt chuẩn 80%", "recognised_share", [], "2025Q3", "2026Q4", 80.0, 0.0, 80.0,
                           "in progress", count=0, of=22)
    some = TargetStatus("Bình quân 15", "mean", [], "2025Q3", "2025Q4", 15.0, 14.5, 0.5, "missed")
    fig = charts.targets_chart([nothing, some], "vi")
    assert legend_texts(fig.axes[0]) == ["Mục tiêu", "Không đạt"]


def test_draw_functions_use_the_ax_they_are_given(bundled):
    [summary] = summarise(bundled, period="2020Q1", bands="19,12,9,5-8")
    fig = Figure()
    left, right = fig.subplots(1, 2)
    assert charts.draw_bands(right, summary, "vi") is right
    assert [p.get_height() for p in right.patches] == [4, 1, 1, 13] and not left.patches
    snap = bundled.snapshot("2020Q1")
    assert charts.draw_heatmap(left, snap.status, snap.met_count, "en") is left
    assert len(fig.axes) == 2


def test_names_that_look_like_markup_draw_literally(tmp_path):
    names = ["$x^2$", "Tân\\Lập", "$\\frac{1}{0}$ Mẫu Sơn", "50% $"]
    rows = [["Tên xã", *map(str, range(1, 20))]] + [[n, *statuses({1, 2})] for n in names]
    snap = load(write_csv(tmp_path / "ntm_2020Q1.csv", rows)).snapshot()
    fig = charts.heatmap_chart(snap, "vi", "$source$")
    labels = fig.axes[0].get_yticklabels()
    assert [t.get_text() for t in labels] == names
    assert not any(t.get_parse_math() for t in fig.findobj(Text) if t.get_text())
    fig.savefig(tmp_path / "heat.png")  # no mathtext error
    fig.savefig(tmp_path / "heat.svg")
    assert "$\\frac{1}{0}$ Mẫu Sơn" in (tmp_path / "heat.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["distribution", "bands", "heatmap", "criteria", "change", "trend", "targets"])
def test_slides_are_16_9_with_no_text_under_18_px(bundled, name):
    review = build_review(bundled, "2020Q2")
    make = {
        "distribution": lambda: charts.distribution_chart(review.snapshot, "vi", SOURCE, unit=UNIT, slides=True),
        "bands": lambda: charts.band_chart(review.summary, "vi", SOURCE, unit=UNIT, slides=True),
        "heatmap": lambda: charts.heatmap_chart(review.snapshot, "vi", SOURCE, unit=UNIT, slides=True),
        "criteria": lambda: charts.criteria_chart(review.lagging, 19, "2020Q2", "vi", SOURCE, unit=UNIT, slides=True),
        "change": lambda: charts.change_chart(review.previous, "vi", SOURCE, unit=UNIT, slides=True),
        "trend": lambda: charts.trend_chart(review.trend, "vi", SOURCE, unit=UNIT, slides=True),
        "targets": lambda: charts.targets_chart(review.targets, "vi", SOURCE, unit=UNIT, slides=True),
    }
    fig = make[name]()
    width, height = fig.get_size_inches()
    assert width / height == pytest.approx(16 / 9)
    fig.canvas.draw()
    px_per_point = 1280 / width / 72  # as shown at 1280 × 720
    sizes = {t.get_text(): t.get_fontsize() * px_per_point for t in fig.findobj(Text) if t.get_text() and t.get_visible()}
    small = {text: round(px, 1) for text, px in sizes.items() if px < 18}
    assert not small


def test_change_chart_ties_in_vietnamese_alphabetical_order(bundled):
    """Communes with the same change read from the top in Vietnamese alphabetical order (Ái Quốc
    first, Đ after D), not in reverse code-point order (which put Đông Quan and Ái Quốc last)."""
    from ntm_analysis.text import vi_sorted

    result = compare(bundled, "2021Q3", "2021Q4")
    ax = charts.change_chart(result, "vi", SOURCE, unit=UNIT).axes[0]
    top_down = [t.get_text() for t in ax.get_yticklabels()][::-1]
    net = {c.commune: len(c.gained) - len(c.lost) for c in result.communes}
    assert [net[n] for n in top_down] == sorted(net.values(), reverse=True)
    for level in set(net.values()):
        tied = [n for n in top_down if net[n] == level]
        assert tied == vi_sorted(tied)
    assert top_down[0] == "Đông Quan" and top_down[-1] == "Yên Khoái"
    unchanged = [n for n in top_down if net[n] == 0]
    assert unchanged[0] == "Ái Quốc" and unchanged[-1] == "Yên Khoái"


def test_target_legend_says_due_in_the_due_quarter(bundled):
    fig = charts.targets_chart(evaluate(bundled, "2020Q4"), "vi", SOURCE, unit=UNIT)
    assert legend_texts(fig.axes[0]) == ["Mục tiêu", "Đã đạt", "Đến hạn"]
    fig = charts.targets_chart(evaluate(bundled, "2021Q4"), "en", SOURCE, unit=UNIT,
                               pilots=frozenset({"Khuất Xá", "Tú Mịch"}))
    assert legend_texts(fig.axes[0]) == ["Target", "Met", "Missed"]
    heads = [t.get_text() for t in fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert heads[:2] == ["Pilot communes to meet all criteria", "Village standard in 50% of villages"]
    assert not any("Xã" in h or "Thôn" in h for h in heads)  # English names in an English chart


def test_the_trend_axis_never_repeats_a_label():
    """Averages a few hundredths apart: the ticks carry as many decimals as their spacing needs."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from ntm_analysis.charts import draw_trend_mean

    trend = pd.DataFrame({"mean_met": [14.31, 14.35, 14.38, 14.42]},
                         index=pd.Index(["2024Q3", "2024Q4", "2025Q1", "2025Q2"], name="period"))
    fig, ax = plt.subplots()
    draw_trend_mean(ax, trend, "vi")
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    plt.close(fig)
    assert len(labels) == len(set(labels)) >= 3, labels
    assert all("," in label for label in labels)  # Vietnamese decimals


def test_change_chart_axis_reads_whole_numbers_when_nothing_changed(tmp_path):
    """Nothing changed: the axis reads −1, 0, +1, never "−0", "+0" or a number twice."""
    from conftest import write_periods

    assessment = load(write_periods(tmp_path / "d", {"2020Q1": {"A": {1}, "B": {1, 2}}, "2020Q2": {"A": {1}, "B": {1, 2}}}))
    fig = charts.change_chart(compare(assessment, "2020Q1", "2020Q2"), "en")
    ax = fig.axes[0]
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["\u22121", "0", "+1"]


def test_change_chart_axis_ticks_are_whole_numbers_once_each(tmp_path):
    from conftest import write_periods

    assessment = load(write_periods(tmp_path / "d", {"2020Q1": {"A": {1}, "B": {1, 2}}, "2020Q2": {"A": {1, 2, 3}, "B": {1, 2}}}))
    fig = charts.change_chart(compare(assessment, "2020Q1", "2020Q2"), "vi")
    ax = fig.axes[0]
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["\u22121", "0", "+1", "+2"]


def test_a_share_target_is_written_with_one_decimal_as_the_text_writes_it():
    """"(0%)" on the chart beside "(0,0%)" in the text: one precision in one output."""
    none = TargetStatus("80% số xã đạt chuẩn", "recognised_share", [], "2025Q4", "2025Q3", 0.8, 0.0, 0.8, "in progress",
                        count=0, of=22)
    three = TargetStatus("80% số xã đạt chuẩn", "recognised_share", [], "2025Q4", "2025Q3", 0.8, 0.75, 0.05,
                         "in progress", count=3, of=4)
    assert charts.target_label(none, "vi") == "0/22 xã (0,0%), mục tiêu 80%"
    assert charts.target_label(three, "en") == "3/4 communes (75.0%), target 80%"
    assert "0/22 xã (0,0%), mục tiêu 80%" in texts(charts.targets_chart([none], "vi"))


def drawn_count_ticks(fig, ax):
    """The count axis's labels as drawn (those within the axis's limits)."""
    fig.canvas.draw()
    low, high = ax.get_ylim()
    return [t.get_text() for t, v in zip(ax.get_yticklabels(), ax.get_yticks()) if low <= v <= high]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_band_chart_with_every_band_empty_reads_0_and_1_once_each(bundled, lang):
    """Bands no commune is in (18 and 16–17 in Q1 2020): the axis reads 0 and 1, not nine "0"."""
    [summary] = summarise(bundled, period="2020Q1", bands="18,16-17")
    fig = charts.band_chart(summary, lang, SOURCE, unit=UNIT)
    [ax] = fig.axes
    assert [p.get_height() for p in ax.patches] == [0, 0]
    assert drawn_count_ticks(fig, ax) == ["0", "1"]


def test_count_axes_are_whole_numbers_once_each(bundled):
    """One commune in a band, a trend whose bands are mostly empty: whole ticks, no label twice."""
    [summary] = summarise(bundled, period="2020Q4", bands="18,16-17")
    fig = charts.band_chart(summary, "vi", SOURCE, unit=UNIT)
    labels = drawn_count_ticks(fig, fig.axes[0])
    assert labels == ["0", "1"], labels
    fig = charts.trend_chart(trend(bundled, bands="18,16-17"), "vi", SOURCE, unit=UNIT)
    labels = drawn_count_ticks(fig, fig.axes[1])
    assert labels == ["0", "1", "2"], labels
    fig = charts.distribution_chart(bundled.snapshot("2020Q1"), "vi", SOURCE, bands="19,12,9,5-8", unit=UNIT)
    labels = drawn_count_ticks(fig, fig.axes[0])
    assert len(labels) == len(set(labels)) >= 3 and all(label.isdigit() for label in labels), labels
