"""Every chart of the review page fits, measured on what the renderer draws (the project's own
``chart_fit.text_problems``): no title cut at the image's edge, no tick labels written over each
other, for every period of the bundled data and for a synthetic province (60 communes, 2021–2025
criteria with long names; its districts side by side at 2025Q2, communes only at 2025Q4), in Vietnamese and English. The page draws its
charts 8.5 in wide (``charts.PAGE_WIDTH``) so that they print readably on A4: narrow enough that a
long English title or six Vietnamese quarter labels no longer fit without help."""

from __future__ import annotations

import pytest

from ntm_analysis import load, synth
from ntm_analysis.chart_fit import text_problems
from ntm_analysis.report import chart_figures
from ntm_analysis.review import build_review


@pytest.fixture(scope="module")
def bundled():
    return load()


def _province(tmp_path_factory, end: str):
    folder = tmp_path_factory.mktemp(f"province_{end}")
    written = synth.write(synth.generate(60, 6, seed=0, end=end), folder, forms=("wide",), formats=("csv",))
    return load(written["wide_csv"])


@pytest.fixture(scope="module")
def province_q2(tmp_path_factory):
    return _province(tmp_path_factory, "2025Q2")


@pytest.fixture(scope="module")
def province_q4(tmp_path_factory):
    return _province(tmp_path_factory, "2025Q4")


def problems(review, lang: str) -> dict[str, list[str]]:
    """The fit problems of each page chart of ``review``, by file stem (none: an empty dict)."""
    found = {}
    for stem, fig in chart_figures(review, lang):
        if text_problems(fig):
            found[stem] = text_problems(fig)
        fig.clear()
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_bundled_period_draws_charts_that_fit(bundled, lang):
    found = {p: problems(build_review(bundled, p), lang) for p in bundled.periods}
    assert {p: f for p, f in found.items() if f} == {}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("which", ["province_q2", "province_q4"])
def test_a_province_page_draws_charts_that_fit(which, lang, request):
    assessment = request.getfixturevalue(which)
    review = build_review(assessment)
    if which == "province_q2":  # (after 1/7/2025 the province has communes only, no districts)
        assert review.districts, "a province review: its districts side by side"
    assert problems(review, lang) == {}


def test_the_share_chart_keeps_its_bars_wide_and_names_each_criterion_in_full(province_q2):
    """The 2021–2025 names go on two lines, never cut short, and the bars keep room enough for
    "0% 20% … 100%" written upright (they had 190 px of 850 and the ticks ran together)."""
    review = build_review(province_q2)
    fig = dict(chart_figures(review, "en"))["05_share_meeting_each_criterion"]
    ax = fig.axes[0]
    names = {t.get_text().replace("\n", " ") for t in ax.get_yticklabels()}
    assert "13. Production organisation and rural economic development" in names
    assert "13. Production organisation and\nrural economic development" in [t.get_text() for t in ax.get_yticklabels()]
    assert ax.get_window_extent().width > 0.4 * fig.bbox.width
    assert all(t.get_rotation() == 0 for t in ax.get_xticklabels())


def test_a_long_english_title_is_wrapped_within_the_figure_not_cut(province_q2):
    from ntm_analysis.charts import PAGE_WIDTH
    from ntm_analysis.chart_fit import _renderer

    review = build_review(province_q2)
    for stem, fig in chart_figures(review, "en"):
        assert fig.get_figwidth() == PAGE_WIDTH
        renderer = _renderer(fig)
        for ax in fig.axes:
            title = ax.title if ax.get_title() else ax._left_title
            if title.get_text():
                assert title.get_window_extent(renderer).x1 <= fig.bbox.width, stem
        fig.clear()
    means = dict(chart_figures(review, "en"))["03_district_means"].axes[0].get_title(loc="left")
    assert means.replace("\n", " ") == "Average criteria per commune, district by district Tam Mỹ province, Q2 2025"


def test_six_vietnamese_quarters_are_turned_six_english_ones_stay_upright(bundled):
    """The trend's quarter labels turn when, as drawn, they run together; not by their count."""
    review = build_review(bundled, "2021Q2")
    vi = dict(chart_figures(review, "vi"))["06_trend"].axes[1]
    en = dict(chart_figures(review, "en"))["06_trend"].axes[1]
    assert [t.get_text() for t in vi.get_xticklabels()][:2] == ["Quý I/2020", "Quý II/2020"]
    assert {t.get_rotation() for t in vi.get_xticklabels()} == {35}
    assert {t.get_rotation() for t in en.get_xticklabels()} == {0}


def test_the_province_grid_names_each_communes_district(province_q2, bundled):
    """Fresh eyes M6: 60 rows in register order and no district: a provincial leader could not
    find a district's communes. Each row now says its district, as the warnings do."""
    review = build_review(province_q2)
    grid = dict(chart_figures(review, "vi"))["06_criteria_by_commune"].axes[0]
    units = review.snapshot.units["district"]
    labels = [t.get_text() for t in grid.get_yticklabels()]
    first = review.snapshot.status.index[0]
    assert labels[0] == f"{first} ({units[first]})"
    assert len(labels) == 60 and all(label.endswith(f"({units[label.split(' (')[0]]})") for label in labels)
    district = dict(chart_figures(build_review(bundled, "2021Q4"), "vi"))["04_criteria_by_commune"].axes[0]
    assert "(" not in "".join(t.get_text() for t in district.get_yticklabels())  # one district: names alone


def test_an_explorer_chart_title_wraps_like_the_pack_s(bundled):
    """The explorer's own charts use the house style's title wrapping too: a long criterion name
    in English stays inside the figure."""
    from ntm_analysis.chart_fit import _renderer
    from ntm_analysis.explore_charts import criterion_chart
    from ntm_analysis.views import criterion_grid

    grid = criterion_grid(bundled, 13, "2021Q4")
    fig = criterion_chart(grid, number=13, name="Production organisation and rural economic development, "
                          "with cooperatives working to the law", current="2021Q4", lang="en")
    title = fig.axes[0].title if fig.axes[0].get_title() else fig.axes[0]._left_title
    assert "\n" in title.get_text()
    assert title.get_window_extent(_renderer(fig)).x1 <= fig.bbox.width
    assert not [p for p in text_problems(fig) if p.startswith("cut:")]
