"""The review page's charts are readable printed on A4 for a leaders' briefing: a chart is drawn
``w`` inches wide and the page scales it down to its print text width (``img { max-width: 100% }``),
so a text of ``s`` points prints at ``s × min(1, width / w)`` points. Tick and value labels must
print at 8 pt or more, the source line at 7 pt or more; the page's charts keep every label
inside the figure, nothing written over another."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from ntm_analysis import load
from ntm_analysis.chart_fit import _visible_texts, text_problems
from ntm_analysis.charts import house_style
from ntm_analysis.report import chart_figures
from ntm_analysis.review import build_review
from ntm_analysis.vocab import chart_word

A4_WIDTH_MM = 210
SMALLEST = 8.0  # points, as printed: ticks, value labels, legends, notes
SMALLEST_SOURCE = 7.0  # points, as printed: the source line at the foot


def printed_width_in() -> float:
    """The text width of the page printed on A4 portrait, in inches, from the page's own print
    CSS: A4 less the @page left and right margins (the body has no padding in print)."""
    css = resources.files("ntm_analysis").joinpath("templates", "review.html.j2").read_text(encoding="utf-8")
    found = re.search(r"@page \{ size: A4 portrait; margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm; \}", css)
    assert found, "the page's @page rule for A4 portrait"
    assert re.search(r"@media print \{ body \{ max-width: none; padding: 0;", css)
    assert "figure img { max-width: 100%; height: auto; }" in css and "figure { margin: 3mm 0 4mm;" in css
    _, right, _, left = map(float, found.groups())
    return (A4_WIDTH_MM - right - left) / 25.4


def printed_sizes(fig, lang: str) -> tuple[list[tuple[float, str]], list[float]]:
    """(printed size, text) of every text drawn but the source line, and the source line's
    printed size(s), for ``fig`` shown on the page printed on A4."""
    scale = min(1.0, printed_width_in() / fig.get_figwidth())
    with house_style():
        fig.canvas.draw()
        drawn = _visible_texts(fig)
    source = chart_word("source", lang)
    sizes = [(t.get_fontsize() * scale, t.get_text()) for t in drawn if not t.get_text().startswith(source)]
    return sizes, [t.get_fontsize() * scale for t in drawn if t.get_text().startswith(source)]


def test_the_print_width_is_the_a4_text_width():
    assert printed_width_in() == pytest.approx((210 - 16 - 14) / 25.4)


@pytest.mark.parametrize("period", ["2020Q1", "2021Q4"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_charts_print_at_a_readable_size_on_a4(period, lang):
    review = build_review(load(), period, None)
    for stem, fig in chart_figures(review, lang):
        sizes, source = printed_sizes(fig, lang)
        small = [(round(s, 2), text) for s, text in sizes if s < SMALLEST]
        assert small == [], (stem, fig.get_figwidth())
        assert source and min(source) >= SMALLEST_SOURCE, (stem, source)
        assert text_problems(fig) == [], stem  # larger text still fits, nothing written over another


def test_a_chart_drawn_wider_would_print_too_small():
    """The check measures what it claims: the same chart drawn 11 inches wide (as it was) prints
    its value labels under 8 pt and its source line under 7 pt."""
    review = build_review(load(), "2020Q1", None)
    _, fig = next(chart_figures(review, "vi"))
    fig.set_figwidth(11)
    sizes, source = printed_sizes(fig, "vi")
    assert min(s for s, _ in sizes) < SMALLEST and min(source) < SMALLEST_SOURCE
