"""The explorer driven as a person would, by setting each control's value, and checked by what
its widgets hand the page: a PNG image, HTML text, an HTML table (not a figure object)."""

from __future__ import annotations

import io
import html as html_module
import re

import pytest
from PIL import Image

from ntm_analysis import load
from ntm_analysis import views
from ntm_analysis.chart_fit import text_problems
from ntm_analysis.views import View
from ntm_analysis.widgets import TABS, explorer, table_html, view_html

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def seed():
    return load()


@pytest.fixture
def ui(seed):
    return explorer(seed, source="test")


def text_of(html: str) -> str:
    """The words a reader sees: tags dropped, entities read ("&#x27;" is "'")."""
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def picture(pane) -> Image.Image:
    """The pane's chart as the browser receives it: PNG bytes that decode to a picture."""
    data = bytes(pane.image.value)
    assert data[:8] == PNG and pane.image.format == "png"
    image = Image.open(io.BytesIO(data))
    assert image.width > 500 and image.height > 300
    return image


def rows(table_value: str) -> list[list[str]]:
    """The table's rows (header first) as the page shows them."""
    return [[text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table_value, re.S)]


def test_each_view_shows_an_image_text_and_a_table(ui):
    for index, name in enumerate(TABS):
        ui.tabs.selected_index = index
        pane = ui.panes[name]
        picture(pane)
        assert '<div class="ntm-title">' in pane.text.value and "<p>" in pane.text.value
        assert "<pre" not in pane.text.value and "Figure size" not in pane.text.value
        assert pane.table.value.startswith("<table") and pane.body.layout.display == "flex"


def test_opens_on_the_latest_period_with_its_figures(ui):
    assert ui.period.value == "2021Q4" and ui.period.label == "Quý IV/2021"
    text = text_of(ui.panes["overview"].text.value)
    assert text.startswith("Huyện Lộc Bình — Quý IV/2021 19 Số xã được đánh giá 284 Tổng số tiêu chí đạt 14,95")


def test_period_and_bands_redraw_text_chart_and_table(ui):
    before = bytes(ui.panes["overview"].image.value)
    ui.period.value = "2020Q1"
    pane = ui.panes["overview"]
    assert bytes(pane.image.value) != before
    assert "Tổng số tiêu chí đạt chuẩn là 187 tiêu chí, trung bình đạt 9,84 tiêu chí/xã." in text_of(pane.text.value)
    ui.bands.value = "19,12,9,5-8"
    assert "04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt 9 tiêu chí, 13 xã đạt từ 5 đến 8 tiêu chí." \
        in text_of(pane.text.value)
    assert rows(pane.table.value) == [["Nhóm", "Số xã", "Tỷ lệ"], ["19 tiêu chí", "4", "21,1%"],
                                      ["12 tiêu chí", "1", "5,3%"], ["9 tiêu chí", "1", "5,3%"],
                                      ["từ 5 đến 8 tiêu chí", "13", "68,4%"]]
    assert [p.get_height() for p in ui.views["overview"].figure.axes[0].patches] == [4, 1, 1, 13]


def test_a_bad_band_is_said_in_the_chosen_language(ui):
    ui.bands.value = "19,abc"
    pane = ui.panes["overview"]
    assert 'role="alert"' in pane.text.value and "Không đọc được nhóm “abc”" in text_of(pane.text.value)
    assert pane.body.layout.display == "none" and bytes(pane.image.value) == b""
    ui.lang.value = "en"
    assert "Cannot read the band “abc”" in text_of(pane.text.value)
    ui.bands.value = ""
    assert ui.message == "" and bytes(pane.image.value)[:8] == PNG


def test_a_band_beyond_the_sets_criteria_names_the_band_and_the_set_size(ui):
    ui.bands.value = "19,20-25"
    pane = ui.panes["overview"]
    assert text_of(pane.text.value) == ("Huyện Lộc Bình — Quý IV/2021 Nhóm “20-25” vượt quá số tiêu chí: bộ tiêu chí của kỳ này có 19 tiêu chí, "
                                        "các nhóm chỉ từ 0 đến 19.")
    assert pane.body.layout.display == "none" and bytes(pane.image.value) == b""
    ui.lang.value = "en"
    assert text_of(pane.text.value) == ("Lộc Bình district — Q4 2021 The band “20-25” goes beyond the criteria: this period's set has 19 "
                                        "criteria, so bands run from 0 to 19.")
    ui.bands.value = "19,0-18"
    assert ui.message == "" and bytes(pane.image.value)[:8] == PNG


def test_language_switches_every_label(ui):
    ui.period.value = "2020Q1"
    ui.lang.value = "en"
    assert "an average of 9.84 criteria per commune" in text_of(ui.panes["overview"].text.value)
    assert ui.period.description == "Period" and ui.period.label == "Q1 2020"
    assert ui.tabs.titles == ("Overview", "By commune", "By criterion", "Compare periods")
    # what ntm explore's page template makes the browser tab's title and <html lang>
    assert ('<span hidden class="ntm-page" data-ntm-title="New Rural Development — explorer" '
            'data-ntm-lang="en"></span>') in ui.header.value
    assert dict(ui.criterion.options)["16. Culture"] == 16
    assert rows(ui.panes["overview"].table.value)[0] == ["Band", "Communes", "Share"]
    assert "Số xã" not in ui.panes["overview"].text.value


def test_commune_view(ui):
    ui.period.value = "2020Q1"
    ui.tabs.selected_index = TABS.index("commune")
    ui.commune.value = "Khuất Xá"
    pane = ui.panes["commune"]
    assert "Khuất Xá, quý I/2020: đạt 12/19 tiêu chí. Còn 07 tiêu chí chưa đạt: 2, 5, 6, 9, 10, 16, 17." \
        in text_of(pane.text.value)
    table = rows(pane.table.value)
    assert table[0] == ["Tiêu chí", "Tên tiêu chí", "Tình trạng", "Đạt gần nhất"]
    assert [r[0] for r in table[1:]] == ["2", "5", "6", "9", "10", "16", "17"]
    first = bytes(pane.image.value)
    ui.commune.value = "Tú Mịch"
    assert bytes(pane.image.value) != first and "Tú Mịch, quý I/2020: đạt 9/19" in text_of(pane.text.value)


def test_commune_choice_survives_a_period_change(ui):
    ui.tabs.selected_index = TABS.index("commune")
    ui.commune.value = "Tú Mịch"
    ui.period.value = "2020Q2"
    assert ui.commune.value == "Tú Mịch" and ui.views["commune"].title == "Tú Mịch — Quý II/2020"


def test_criterion_view(ui):
    ui.period.value = "2020Q1"
    ui.tabs.selected_index = TABS.index("criterion")
    assert ui.criterion.value == 16  # opens on the least met criterion
    pane = ui.panes["criterion"]
    assert "Tiêu chí 16 (Văn hóa), quý I/2020: 04/19 xã đạt (21,1%)." in text_of(pane.text.value)
    table = rows(pane.table.value)
    assert table[0] == ["Kỳ", "Số xã đạt", "Tỷ lệ", "Xã chưa đạt"] and len(table) == 1 + 8
    ui.criterion.value = 1
    assert "Tiêu chí 1 (Quy hoạch), quý I/2020: 19/19 xã đạt (100,0%). Tất cả các xã đều đạt." \
        in text_of(pane.text.value)


def test_compare_view(ui):
    ui.tabs.selected_index = TABS.index("compare")
    assert (ui.first.value, ui.last.value) == ("2021Q3", "2021Q4")
    assert ui.shared.layout.display == "none"  # its own two periods replace the one period, and its room
    ui.first.value = "2020Q1"
    pane = ui.panes["compare"]
    assert "bình quân tăng 5,11 tiêu chí/xã (từ 9,84 lên 14,95)" in text_of(pane.text.value)
    assert len(rows(pane.table.value)) == 1 + 19
    ui.first.value = "2021Q4"
    assert "Hãy chọn hai kỳ khác nhau để so sánh." in text_of(pane.text.value)


def test_views_are_drawn_when_shown(ui):
    assert set(ui.views) == {"overview"}  # only the tab on screen is drawn at first
    ui.period.value = "2020Q2"
    assert set(ui.views) == {"overview"}
    ui.tabs.selected_index = TABS.index("criterion")
    assert ui.views["criterion"].title.endswith("Quý II/2020")


def test_data_is_escaped_where_it_lands():
    import pandas as pd

    view = View("<b>Xã</b>", [("<i>", "1 & 2")], ["<script>alert(1)</script>"], notes=["a < b"])
    page = view_html(view)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;Xã&lt;/b&gt;" in page
    assert "1 &amp; 2" in page and "a &lt; b" in page
    table = table_html(pd.DataFrame({"Xã": ["=HYPERLINK(1)", "<img src=x>"]}))
    assert "<img" not in table and "&lt;img src=x&gt;" in table
    assert "<th>Xã</th>" in table and "<th></th>" not in table  # headers, no index column


def test_communes_listed_in_vietnamese_order_and_the_whole_named_as_the_heading(seed, ui):
    """The commune list in Vietnamese order (the data's order is the file's), and the "whole"
    choice of the unit list named as the heading names the data ("Huyện Lộc Bình")."""
    from ntm_analysis.text import vi_sorted

    names = [label for label, _ in ui.commune.options]
    assert names == vi_sorted(seed.snapshot().communes) != list(seed.snapshot().communes)
    assert names[:4] == ["Ái Quốc", "Đông Quan", "Đồng Bục", "Hữu Khánh"]
    assert ui.unit.options == (("Huyện Lộc Bình", "__all__"),)  # one district: it is the whole, listed once
    assert "Huyện Lộc Bình" in ui.header.value


def _two_districts(tmp_path):
    """A province file of two districts over two quarters: Sơn Động (An Lạc, Bình Minh) and
    Lục Ngạn (Cao Sơn), Bắc Giang."""
    from conftest import write_periods, write_table

    data = {"2020Q1": {"An Lạc": {1, 2}, "Bình Minh": set(range(1, 20)), "Cao Sơn": {1}},
            "2020Q2": {"An Lạc": {1, 2, 3}, "Bình Minh": set(range(1, 20)), "Cao Sơn": {1, 2}}}
    folder = write_periods(tmp_path / "data", data)
    write_table(folder / "communes.csv", ["commune", "district", "province"],
                [["An Lạc", "Sơn Động", "Bắc Giang"], ["Bình Minh", "Sơn Động", "Bắc Giang"],
                 ["Cao Sơn", "Lục Ngạn", "Bắc Giang"]])
    return folder


def test_the_comparison_follows_the_chosen_unit(tmp_path):
    """A district office using the provincial file compares its own two quarters: with a district
    chosen, the comparison tab keeps the unit picker (not the period) and counts that district's
    communes only, named so on its chart; the whole data again when the province is chosen."""
    folder = _two_districts(tmp_path)
    ui = explorer(load(folder), source="test")
    # the province and its districts named alike, with their prefixes, as the headings name them
    assert ui.unit.options == (("Tỉnh Bắc Giang", "__all__"), ("Huyện Lục Ngạn", "Lục Ngạn"),
                               ("Huyện Sơn Động", "Sơn Động"))
    ui.tabs.selected_index = TABS.index("compare")
    assert ui.unit.layout.display != "none" and ui.period.layout.display == "none"
    pane = ui.panes["compare"]
    assert len(rows(pane.table.value)) == 1 + 3  # the whole province
    ui.unit.value = "Sơn Động"
    assert [r[0] for r in rows(pane.table.value)[1:]] == ["An Lạc", "Bình Minh"]
    assert dict(ui.views["compare"].kpis)["Bình quân quý I/2020"] == "10,50"  # (2 + 19) / 2
    assert ui.views["compare"].figure.axes[0].get_title(loc="left").split("\n")[1] == \
        "Huyện Sơn Động, tỉnh Bắc Giang, quý I/2020 → quý II/2020"
    assert ui.views["compare"].title == "Huyện Sơn Động \u2014 Quý I/2020 \u2192 Quý II/2020"
    ui.lang.value = "en"
    assert ui.unit.options == (("Bắc Giang province", "__all__"), ("Lục Ngạn district", "Lục Ngạn"),
                               ("Sơn Động district", "Sơn Động"))
    assert [r[0] for r in rows(pane.table.value)[1:]] == ["An Lạc", "Bình Minh"]
    ui.tabs.selected_index = TABS.index("overview")
    assert ui.period.layout.display != "none"


def _drawn(view) -> tuple[str, list[str]]:
    """The title and the texts at the foot of the figure behind a view, as drawn."""
    return view.figure.axes[0].get_title(loc="left"), [t.get_text() for t in view.figure.texts]


@pytest.mark.parametrize("lang, unit, source, periods", [
    ("vi", "Huyện Lộc Bình, tỉnh Lạng Sơn",
     "Nguồn: số liệu đánh giá các xã, huyện Lộc Bình, tỉnh Lạng Sơn (số liệu minh họa)",
     {"overview": "quý IV/2021", "commune": "quý I/2020 – quý IV/2021",
      "criterion": "quý I/2020 – quý IV/2021", "compare": "quý III/2021 → quý IV/2021"}),
    ("en", "Lộc Bình district, Lạng Sơn province",
     "Source: commune assessments, Lộc Bình district, Lạng Sơn province (illustrative data)",
     {"overview": "Q4 2021", "commune": "Q1 2020 – Q4 2021", "criterion": "Q1 2020 – Q4 2021",
      "compare": "Q3 2021 → Q4 2021"}),
])
def test_every_chart_of_the_explorer_names_its_unit_and_period(seed, lang, unit, source, periods):
    """Saved or pasted into a slide, each explorer chart says whose data it is and when, as the
    review pack's charts do: "<unit>, <period>" under the title, "; <period>" on the source line."""
    ui = explorer(seed, lang=lang)
    for name in TABS:
        ui.tabs.selected_index = TABS.index(name)
        title, foot = _drawn(ui.views[name])
        assert title.split("\n")[1] == f"{unit}, {periods[name]}", name
        assert foot == [f"{source}; {periods[name]}"], name
        assert text_problems(ui.views[name].figure) == [], name
    # the longest criterion name of the set, with the unit and periods under it, is not cut
    longest = max(seed.snapshot().criteria_set.criteria, key=lambda c: len(c.name(lang)))
    ui.tabs.selected_index = TABS.index("criterion")
    ui.criterion.value = longest.number
    assert longest.name(lang) in _drawn(ui.views["criterion"])[0]
    assert text_problems(ui.views["criterion"].figure) == []


def test_a_chart_of_a_chosen_district_names_the_district_not_the_province(tmp_path):
    """With a district of a province file chosen, each chart is titled and sourced with that
    district (and its province), not with the province alone."""
    folder = _two_districts(tmp_path)
    ui = explorer(load(folder))
    ui.tabs.selected_index = TABS.index("overview")
    assert _drawn(ui.views["overview"]) == (
        "Số xã theo nhóm tiêu chí đạt\nTỉnh Bắc Giang, quý II/2020",
        ["Nguồn: số liệu đánh giá các xã, tỉnh Bắc Giang; quý II/2020"])
    ui.unit.value = "Sơn Động"
    expected = {"overview": ("Số xã theo nhóm tiêu chí đạt", "quý II/2020"),
                "commune": ("An Lạc: số tiêu chí đạt qua các kỳ", "quý I–II/2020"),
                "criterion": (None, "quý I–II/2020")}
    for name, (head, when) in expected.items():
        ui.tabs.selected_index = TABS.index(name)
        title, foot = _drawn(ui.views[name])
        assert title.split("\n")[1] == f"Huyện Sơn Động, tỉnh Bắc Giang, {when}", name
        assert head is None or title.split("\n")[0] == head
        assert foot == [f"Nguồn: số liệu đánh giá các xã, huyện Sơn Động, tỉnh Bắc Giang; {when}"], name
    ui.lang.value = "en"
    ui.tabs.selected_index = TABS.index("overview")
    assert _drawn(ui.views["overview"]) == (
        "Communes by band of criteria met\nSơn Động district, Bắc Giang province, Q2 2020",
        ["Source: commune assessments, Sơn Động district, Bắc Giang province; Q2 2020"])
    # a long criterion name over two quarters: the title is wrapped (house style), never cut
    ui.tabs.selected_index = TABS.index("criterion")
    ui.criterion.value = 18
    assert " ".join(_drawn(ui.views["criterion"])[0].split()) == (
        "Criterion 18. Political system and access to law: each commune by period Sơn Động district, "
        "Bắc Giang province, Q1–Q2 2020")
    assert text_problems(ui.views["criterion"].figure) == []
    # with the whole province chosen, a commune's chart names the commune's own district
    ui.unit.value = "__all__"
    ui.commune.value = "Cao Sơn"
    ui.tabs.selected_index = TABS.index("commune")
    assert _drawn(ui.views["commune"])[0] == "Cao Sơn: criteria met by period\nLục Ngạn district, Bắc Giang province, Q1–Q2 2020"


def test_the_bands_hint_is_in_the_language_and_the_preset_name_still_works(seed):
    """The Vietnamese view's hint gives examples, not the English preset name "standard5";
    typed, that name still gives the five usual bands."""
    ui = explorer(seed)
    assert ui.bands.placeholder == "vd. 19,15-18,10-14,5-9,0-4 hoặc 19,12,9,5-8; để trống: mặc định"
    ui.bands.value = "standard5"
    assert ui.message == "" and len(ui.summary.bands) == 5
    assert [b.label for b in ui.summary.bands] == [b.label for b in views.overview(seed, "2021Q4").data.bands]
    ui.lang.value = "en"
    assert ui.bands.placeholder == "e.g. 19,15-18,10-14,5-9,0-4 or standard5; empty: the default"
