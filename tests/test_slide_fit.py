"""16:9 slides as a meeting sees them (review 3, D6): no text cut at the figure's edge and no
text written over other text, measured on what the renderer draws; a check that can fail."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from conftest import statuses, write_csv
from ntm_analysis import load
from ntm_analysis.chart_fit import fit_texts, text_problems
from ntm_analysis.report import chart_figures
from ntm_analysis.review import build_review

# long district names, uneven district sizes, the 2021–2025 set's long criterion names
DISTRICTS = ["Hiền Khánh", "Trường Nghĩa", "Thuận Giang", "Lâm Nguyên", "Khánh Hưng", "Tân Phúc", "Thạnh Lợi",
             "Tiến Quang", "Đông Minh", "Mường Yên"]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slides")
    for period, extra in (("2025Q1", 0), ("2025Q2", 1)):
        rows = [["UBND TỈNH TÂN KHÊ"], ["Tên xã", "Huyện", *map(str, range(1, 20))]]
        for d, district in enumerate(DISTRICTS):
            rows += [[f"Xã {district} {i}", f"Huyện {district}", *statuses(set(range(1, 9 + (d + i + extra) % 11)))]
                     for i in range(4 + d % 5)]
        write_csv(folder / f"tk_{period}.csv", rows)
    return build_review(load(folder), "2025Q2")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_slide_text_is_cut_or_overlapping(province, lang):
    seen = []
    for stem, fig in chart_figures(province, lang, slides=True):
        seen.append(stem)
        assert text_problems(fig) == [], stem
    assert "04_district_bands" in seen and "05_share_meeting_each_criterion" in seen


def test_the_bundled_slides_fit():
    for stem, fig in chart_figures(build_review(load()), "en", slides=True):
        assert text_problems(fig) == [], stem


def test_the_check_finds_cut_and_overlapping_text_and_the_fit_repairs_a_long_title():
    fig = Figure(figsize=(12.8, 7.2))
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, "one label")
    ax.text(0.5, 0.5, "another label")
    ax.set_title("A very long subtitle that runs off the right edge of a sixteen by nine slide, as review 3 "
                 "found on the district bands chart", loc="left", fontsize=24)
    problems = text_problems(fig)
    assert "overlap: 'one label' / 'another label'" in problems
    assert any(p.startswith("cut: 'A very long subtitle") for p in problems)
    fit_texts(fig)
    assert "\n" in ax.get_title(loc="left")
    assert not any(p.startswith("cut:") for p in text_problems(fig))
