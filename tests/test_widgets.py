"""The explorer driven as a person would, by setting each control's value."""

from __future__ import annotations

import pytest

from ntm_analysis import load
from ntm_analysis.widgets import ALL, explorer


@pytest.fixture
def ui():
    return explorer(load(), source="test")


def test_opens_on_the_latest_period_with_its_bands(ui):
    assert ui.period.value == "2021Q4" and ui.summary.period == "2021Q4"
    assert [p.get_height() for p in ui.figure.axes[0].patches] == [b.n for b in ui.summary.bands]


def test_period_and_bands_redraw_the_figures(ui):
    ui.period.value = "2020Q1"
    ui.bands.value = "19,12,9,5-8"
    assert (ui.summary.total_met, ui.summary.n_communes) == (187, 19)
    assert [p.get_height() for p in ui.figure.axes[0].patches] == [4, 1, 1, 13]
    assert ui.summary.text.startswith("04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí")


def test_language_switches_text_and_labels(ui):
    ui.period.value = "2020Q1"
    ui.lang.value = "en"
    assert "an average of 9.84 criteria per commune" in ui.summary.text
    assert ui.period.description == "Period"
    assert dict(ui.criterion.options)["16. Culture"] == 16


def test_commune_shows_its_criteria(ui):
    ui.period.value = "2020Q1"
    ui.commune.value = "Khuất Xá"
    table = ui.table
    assert list(table.index) == list(range(1, 20))
    assert (table[""] == "Đạt").sum() == 12
    assert [t.get_text() for t in ui.figure.axes[0].get_yticklabels()] == ["Khuất Xá"]


def test_criterion_lists_the_communes_missing_it(ui):
    ui.period.value = "2020Q1"
    ui.criterion.value = 16
    missing = set(ui.table["Xã"])
    snap = ui.assessment.snapshot("2020Q1")
    assert missing == set(snap.met.index[~snap.met[16]])
    assert len(missing) == 15


def test_a_bad_band_spec_is_said_not_raised(ui):
    ui.bands.value = "19,abc"
    assert "cannot read band" in ui.message and ui.figure is None
    ui.bands.value = ""
    assert ui.message == "" and ui.figure is not None


def test_commune_choice_survives_a_period_change_and_resets_when_absent(ui):
    ui.commune.value = "Tú Mịch"
    ui.period.value = "2020Q2"
    assert ui.commune.value == "Tú Mịch"
    ui.commune.value = ALL
    assert ui.table is None
