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
