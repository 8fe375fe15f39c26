"""The dashboard and the review page in a real browser: Debian's Chromium driven by Playwright.

`ntm explore` serves the bundled data (and a hand-built province of two districts, for the unit
picker) on a free loopback port; each test opens the page as a person would, waits for the widgets, uses the controls and reads what the page shows. Every page
is screenshot into test-artifacts/browser/ (also when a test fails), any request leaving
loopback is blocked and reported, and console errors fail the test.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import browsing
from browsing import FLAGS, chromium_or_skip
from conftest import ROOT, run_cli
from ntm_analysis import load
from ntm_analysis.vocab import quarter_label
from serving import ntm_explore

ARTIFACTS = ROOT / "test-artifacts" / "browser"
WAIT = 180_000  # ms: the first page runs the notebook in a new kernel on a busy machine
LOCAL = re.compile(r"^(?:https?://127\.0\.0\.1[:/]|blob:|data:|file:|about:)")


@pytest.fixture(scope="module")
def browser():
    path = chromium_or_skip()
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(browser):
    with ntm_explore() as running:
        yield running


class Watched:
    """A page with what it tried to fetch from outside loopback and the errors it logged."""

    def __init__(self, context, name: str):
        self.context, self.name = context, name
        self.external: list[str] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _console(self, message) -> None:
        said = f"{message.text} ({message.location.get('url')})"
        if message.type == "error":
            self.errors.append(said)
        elif message.type == "warning":
            self.warnings.append(said)

    @property
    def version_mismatches(self) -> list[str]:
        """JupyterLab packages the page loads that were built for another version than the one
        Voilà provides ("Unsatisfied version 4.2.5 … (required ^4.6.2)"; see pyproject.toml)."""
        return [w for w in self.warnings if re.search(r"(Unsatisfied|No satisfying) version", w)]

    def _route(self, route):
        if LOCAL.match(route.request.url):
            route.continue_()
        else:  # the page must work without the internet: nothing leaves the machine
            self.external.append(route.request.url)
            route.abort()

    def shot(self, step: str = "") -> Path:
        """The whole page as it stands (``step`` names a picture taken on the way); Voilà's page
        scrolls inside a container, so the window is first made tall enough to hold the explorer."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}{'_' + step if step else ''}.png"
        try:  # charts loaded (not waited for long: the test may have failed on them)
            self.page.wait_for_function("() => [...document.querySelectorAll('img')]"
                                        ".every(i => !i.offsetParent || (i.complete && i.naturalWidth > 0))",
                                        timeout=5000)
        except Exception:  # noqa: BLE001 - a picture of the failure is still wanted
            pass
        bottom = self.page.evaluate("() => { const e = document.querySelector('.ntm-explorer');"
                                    " return e ? e.getBoundingClientRect().bottom : 0; }")
        if bottom > 1000:
            self.page.set_viewport_size({"width": 1400, "height": int(bottom) + 40})
            self.page.wait_for_timeout(1000)
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def watched(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    page = Watched(context, request.node.name)
    try:
        yield page
    finally:
        try:
            page.shot()
        finally:
            context.close()


def districts_data(folder: Path) -> Path:
    """A small province of two districts over two quarters, by hand, so that every figure a unit
    shows can be checked by head: Lục Ngạn in 2020Q2 has 2 + 12 + 18 = 32 criteria met, 10,67 a
    commune; the whole province 54, 10,80."""
    from conftest import write_periods, write_table

    upto = lambda n: set(range(1, n + 1))  # noqa: E731
    write_periods(folder, {
        "2020Q1": {"An Lạc": {1, 2}, "Bình Minh": upto(19), "Cao Sơn": {1}, "Đèo Gia": upto(10), "Kiên Lao": upto(15)},
        "2020Q2": {"An Lạc": {1, 2, 3}, "Bình Minh": upto(19), "Cao Sơn": {1, 2}, "Đèo Gia": upto(12),
                   "Kiên Lao": upto(18)}})
    return write_table(folder / "communes.csv", ["commune", "district", "province"],
                       [["An Lạc", "Sơn Động", "Bắc Giang"], ["Bình Minh", "Sơn Động", "Bắc Giang"],
                        ["Cao Sơn", "Lục Ngạn", "Bắc Giang"], ["Đèo Gia", "Lục Ngạn", "Bắc Giang"],
                        ["Kiên Lao", "Lục Ngạn", "Bắc Giang"]]).parent


@pytest.fixture(scope="module")
def districts_server(browser, tmp_path_factory):
    """``ntm explore`` of ``districts_data``: its unit picker is shown (stopped however the tests end)."""
    with ntm_explore(str(districts_data(tmp_path_factory.mktemp("districts") / "data"))) as running:
        yield running


def opened(watched, server):
    """The explorer as it opens, once its first view is drawn; afterwards, what it must not have done."""
    page = watched.page
    page.goto(server.url, timeout=WAIT)
    page.locator(".ntm-pane-overview .ntm-kpi").first.wait_for(timeout=WAIT)
    yield page
    assert watched.external == [], "the dashboard fetched from the internet"
    assert watched.errors == [], "the dashboard logged errors"
    assert watched.version_mismatches == [], "the widget managers do not match Voilà's JupyterLab"


@pytest.fixture
def dashboard(watched, server):
    """The explorer of the bundled data (one district: no unit picker)."""
    yield from opened(watched, server)


@pytest.fixture
def district_dashboard(watched, districts_server):
    """The explorer of a province of two districts."""
    yield from opened(watched, districts_server)


def pane(page, name: str):
    return page.locator(f".ntm-pane-{name}")


def image_of(page, name: str) -> dict:
    """The view's chart as the page shows it: an <img> loaded with real pixels, and their hash."""
    img = pane(page, name).locator("img")
    img.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    size = img.evaluate("img => [img.naturalWidth, img.naturalHeight, img.src]")
    return {"width": size[0], "height": size[1], "src": size[2],
            "pixels": hashlib.sha256(img.screenshot()).hexdigest()}


def table_rows(page, name: str) -> list[list[str]]:
    rows = pane(page, name).locator(".ntm-table tr")
    return [[c.strip() for c in row.locator("th, td").all_inner_texts()] for row in rows.all()]


def choose(page, label: str, option: str, scope=None) -> None:
    (scope or page).get_by_label(label, exact=True).select_option(label=option)


def expect_rows(page, name: str, rows: dict[int, list[str]]) -> None:
    """Wait until the view's table shows these cells in these rows (0: the header): the text of a
    view may be drawn a moment before its table."""
    from playwright.sync_api import expect

    for index, cells in rows.items():
        expect(pane(page, name).locator(".ntm-table tr").nth(index).locator("th, td")).to_have_text(cells)


def options(page, label: str, scope=None) -> list[str]:
    """A picker's choices as the reader sees them (ipywidgets writes spaces as no-break spaces)."""
    texts = (scope or page).get_by_label(label, exact=True).evaluate("s => [...s.options].map(o => o.text)")
    return [t.replace("\xa0", " ") for t in texts]


def changed_image(page, name: str, before: dict) -> dict:
    """The view's chart once the page has replaced ``before`` with a different picture."""
    page.wait_for_function("([img, src]) => img.src !== src",
                           arg=[pane(page, name).locator("img").element_handle(), before["src"]])
    after = image_of(page, name)
    assert after["pixels"] != before["pixels"], f"the {name} chart was redrawn the same"
    return after


def typed_bands(page, label: str, spec: str) -> None:
    bands = page.get_by_label(label, exact=True)
    bands.fill(spec)
    bands.press("Enter")


def test_without_chromium_the_tests_skip_saying_how_to_enable_them(monkeypatch):
    from conftest import pytest_report_header

    monkeypatch.setattr(browsing, "chromium", lambda: None)
    monkeypatch.delenv(browsing.REQUIRED, raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install -y chromium"):
        chromium_or_skip()
    assert pytest_report_header(None) == browsing.HINT and "\n" not in browsing.HINT
    monkeypatch.setenv(browsing.REQUIRED, "required")  # as .ci/run sets it: a failure, not a skip
    with pytest.raises(pytest.fail.Exception, match="Chromium is not installed"):
        chromium_or_skip()


def test_overview_reacts_to_period_and_bands(dashboard):
    from playwright.sync_api import expect

    page, text = dashboard, pane(dashboard, "overview").locator(".ntm-text")
    expect(pane(page, "overview").locator(".ntm-title")).to_have_text("Huyện Lộc Bình — Quý IV/2021")
    assert page.title() == "Nông thôn mới — khám phá số liệu"  # the tab, in the language served
    assert page.locator("html").get_attribute("lang") == "vi"
    first = image_of(page, "overview")
    assert first["width"] > 600 and first["height"] > 300
    choose(page, "Kỳ", "Quý I/2020")
    expect(text).to_contain_text("Tổng số tiêu chí đạt chuẩn là 187 tiêu chí, trung bình đạt 9,84 tiêu chí/xã.")
    expect(pane(page, "overview").locator(".ntm-kpi").nth(2)).to_have_text("9,84Bình quân tiêu chí/xã")
    page.wait_for_function("([img, src]) => img.src !== src",
                           arg=[pane(page, "overview").locator("img").element_handle(), first["src"]])
    second = image_of(page, "overview")
    assert second["pixels"] != first["pixels"]  # a new chart, not the same picture again
    assert table_rows(page, "overview")[0] == ["Nhóm", "Số xã", "Tỷ lệ"]
    bands = page.get_by_label("Nhóm", exact=True)
    bands.fill("19,12,9,5-8")
    bands.press("Enter")
    expect(text).to_contain_text("04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt 9 tiêu chí, 13 xã đạt từ "
                                 "5 đến 8 tiêu chí.")
    expect(pane(page, "overview").locator(".ntm-table tr")).to_have_count(5)
    assert table_rows(page, "overview") == [["Nhóm", "Số xã", "Tỷ lệ"], ["19 tiêu chí", "4", "21,1%"],
                                            ["12 tiêu chí", "1", "5,3%"], ["9 tiêu chí", "1", "5,3%"],
                                            ["từ 5 đến 8 tiêu chí", "13", "68,4%"]]
    assert image_of(page, "overview")["pixels"] != second["pixels"]
    bands.fill("19,abc")
    bands.press("Enter")
    expect(pane(page, "overview").get_by_role("alert")).to_contain_text("Không đọc được nhóm “abc”")
    expect(pane(page, "overview").locator("img")).to_be_hidden()
    typed_bands(page, "Nhóm", "19,20-25")  # beyond the set's 19 criteria: said, not drawn as an empty bar
    expect(pane(page, "overview").get_by_role("alert")).to_have_text(
        "Nhóm “20-25” vượt quá số tiêu chí: bộ tiêu chí của kỳ này có 19 tiêu chí, các nhóm chỉ từ 0 đến 19.")
    expect(pane(page, "overview").locator("img")).to_be_hidden()


def test_language_switch(dashboard):
    from playwright.sync_api import expect

    page = dashboard
    choose(page, "Kỳ", "Quý I/2020")
    expect(pane(page, "overview").locator(".ntm-text")).to_contain_text("trung bình đạt 9,84 tiêu chí/xã")
    page.get_by_role("button", name="English").click()
    expect(pane(page, "overview").locator(".ntm-text")).to_contain_text(
        "In total 187 criteria were met, an average of 9.84 criteria per commune.")
    expect(pane(page, "overview").locator(".ntm-title")).to_have_text("Lộc Bình district — Q1 2020")
    shown = page.get_by_label("Period", exact=True).evaluate("s => s.options[s.selectedIndex].text")
    assert shown.replace("\xa0", " ") == "Q1 2020"  # ipywidgets writes option spaces as no-break spaces
    expect(page.get_by_role("tab", name="By commune")).to_be_visible()
    expect(pane(page, "overview").locator(".ntm-table th").first).to_have_text("Band")
    assert table_rows(page, "overview")[0] == ["Band", "Communes", "Share"]
    assert "tiêu chí" not in pane(page, "overview").locator(".ntm-text").inner_text()
    # the browser tab's title and the page's language follow the switch, and back
    expect(page).to_have_title("New Rural Development — explorer")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page).to_have_title("Nông thôn mới — khám phá số liệu")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(pane(page, "overview").locator(".ntm-title")).to_have_text("Huyện Lộc Bình — Quý I/2020")


def test_every_tab_in_english(dashboard, watched):
    """After the language switch each tab speaks English: its title, text, table headers, the
    periods it names, its alerts, and a chart redrawn in English."""
    from playwright.sync_api import expect

    page = dashboard
    choose(page, "Kỳ", "Quý I/2020")
    drawn = {}
    for tab, name in (("Theo xã", "commune"), ("Theo tiêu chí", "criterion"), ("So sánh hai kỳ", "compare")):
        page.get_by_role("tab", name=tab).click()
        drawn[name] = image_of(page, name)
    page.get_by_role("tab", name="Tổng hợp").click()
    page.get_by_role("button", name="English").click()
    expect(pane(page, "overview").locator(".ntm-title")).to_have_text("Lộc Bình district — Q1 2020")
    typed_bands(page, "Bands", "19,xyz")
    expect(pane(page, "overview").get_by_role("alert")).to_contain_text("Cannot read the band “xyz”: give whole "
                                                                         "numbers")
    typed_bands(page, "Bands", "19,20-25")
    expect(pane(page, "overview").get_by_role("alert")).to_have_text(
        "The band “20-25” goes beyond the criteria: this period's set has 19 criteria, so bands run from 0 to 19.")

    page.get_by_role("tab", name="By commune").click()
    commune = pane(page, "commune")
    choose(page, "Commune", "Khuất Xá", scope=commune)
    expect(commune.locator(".ntm-title")).to_have_text("Khuất Xá — Q1 2020")
    expect(commune.locator(".ntm-text")).to_contain_text(
        "Khuất Xá, Q1 2020: 12 of 19 criteria met. 7 criteria still to meet: 2, 5, 6, 9, 10, 16, 17.")
    expect(commune.locator(".ntm-text")).to_contain_text("From Q1 2020 to Q4 2021: up from 12 to 19 criteria.")
    expect_rows(page, "commune", {0: ["Criterion", "Name", "Status", "Last met"],
                                  1: ["2", "Transport", "Not met", "never"]})
    changed_image(page, "commune", drawn["commune"])
    watched.shot("commune")

    page.get_by_role("tab", name="By criterion").click()
    criterion = pane(page, "criterion")
    choose(page, "Criterion", "16. Culture", scope=criterion)
    expect(criterion.locator(".ntm-text")).to_contain_text("Criterion 16 (Culture), Q1 2020: 4 of 19 communes (21.1%).")
    expect(criterion.locator(".ntm-table tr").nth(1)).to_contain_text("Q1 2020")
    expect_rows(page, "criterion", {0: ["Period", "Communes meeting", "Share", "Communes not meeting"]})
    changed_image(page, "criterion", drawn["criterion"])
    watched.shot("criterion")

    page.get_by_role("tab", name="Compare periods").click()
    compare = pane(page, "compare")
    expect(compare.locator(".ntm-text")).to_contain_text(
        "Compared with Q3 2021, the number of criteria met rose by 16 (from 268 to 284) and the average rose by "
        "0.84 criteria per commune (from 14.11 to 14.95).")
    expect_rows(page, "compare", {0: ["Commune", "Q3 2021", "Q4 2021", "Criteria gained", "Criteria lost"]})
    assert options(page, "To", scope=compare)[0] == "Q1 2020"
    changed_image(page, "compare", drawn["compare"])
    watched.shot("compare")
    choose(page, "From", "Q4 2021", scope=compare)
    choose(page, "To", "Q1 2020", scope=compare)
    expect(compare.get_by_role("alert")).to_have_text("The first period (Q4 2021) must come before the second "
                                                      "(Q1 2020).")
    assert not re.search(r"Quý|quý|tiêu chí|Xã\b", page.locator(".ntm-explorer").inner_text())


def test_commune_tab(dashboard):
    from playwright.sync_api import expect

    page = dashboard
    choose(page, "Kỳ", "Quý I/2020")
    page.get_by_role("tab", name="Theo xã").click()
    commune = pane(page, "commune")
    choose(page, "Xã", "Khuất Xá", scope=commune)
    expect(commune.locator(".ntm-text")).to_contain_text(
        "Khuất Xá, quý I/2020: đạt 12/19 tiêu chí. Còn 07 tiêu chí chưa đạt: 2, 5, 6, 9, 10, 16, 17.")
    expect(commune.locator(".ntm-text")).to_contain_text("Từ quý I/2020 đến quý IV/2021: tăng từ 12 lên 19 tiêu chí.")
    # recognised "for 2020": counted from Q4 2020, as the report counts it
    expect(commune.locator(".ntm-text")).to_contain_text(
        "Được công nhận đạt chuẩn nông thôn mới năm 2020, tính từ quý IV/2020; quý I/2020 chưa tính là xã đã được "
        "công nhận.")
    expect(commune.locator(".ntm-table tr")).to_have_count(1 + 7)
    rows = table_rows(page, "commune")
    assert rows[0] == ["Tiêu chí", "Tên tiêu chí", "Tình trạng", "Đạt gần nhất"]
    assert [r[:3] for r in rows[1:3]] == [["2", "Giao thông", "Chưa đạt"], ["5", "Trường học", "Chưa đạt"]]
    assert len(rows) == 1 + 7
    chart = image_of(page, "commune")
    choose(page, "Xã", "Tú Mịch", scope=commune)
    expect(commune.locator(".ntm-text")).to_contain_text("Tú Mịch, quý I/2020: đạt 9/19 tiêu chí.")
    page.wait_for_function("([img, src]) => img.src !== src",
                           arg=[commune.locator("img").element_handle(), chart["src"]])
    assert image_of(page, "commune")["pixels"] != chart["pixels"]
    # Yên Khoái meets 19 at both ends but fell to 18 in Q3-Q4 2020: the path is said, not hidden
    choose(page, "Xã", "Yên Khoái", scope=commune)
    expect(commune.locator(".ntm-text")).to_contain_text(
        "Từ quý I/2020 đến quý IV/2021: trở lại 19 tiêu chí như đầu kỳ, sau khi giảm xuống 18 tiêu chí trong "
        "quý III–IV/2020.")
    assert "giữ nguyên" not in commune.locator(".ntm-text").inner_text()


def test_criterion_tab(dashboard):
    from playwright.sync_api import expect

    page = dashboard
    choose(page, "Kỳ", "Quý I/2020")
    page.get_by_role("tab", name="Theo tiêu chí").click()
    criterion = pane(page, "criterion")
    expect(criterion.locator(".ntm-text")).to_contain_text("Tiêu chí 16 (Văn hóa), quý I/2020: 04/19 xã đạt (21,1%).")
    grid = image_of(page, "criterion")
    assert grid["height"] > 400  # the commune × period grid
    choose(page, "Tiêu chí", "2. Giao thông", scope=criterion)
    seed = load()
    met = [int(seed.snapshot(p).met[2].sum()) for p in seed.periods]
    expect(criterion.locator(".ntm-text")).to_contain_text(f"Tiêu chí 2 (Giao thông), quý I/2020: {met[0]:02d}/19 xã đạt")
    expect(criterion.locator(".ntm-table tr").nth(1)).to_contain_text(f"{met[0]}/19")
    rows = table_rows(page, "criterion")
    assert rows[0] == ["Kỳ", "Số xã đạt", "Tỷ lệ", "Xã chưa đạt"]
    assert [r[:2] for r in rows[1:]] == [[quarter_label(p), f"{m}/19"] for p, m in zip(seed.periods, met)]
    page.wait_for_function("([img, src]) => img.src !== src",
                           arg=[criterion.locator("img").element_handle(), grid["src"]])
    assert image_of(page, "criterion")["pixels"] != grid["pixels"]


def test_compare_tab(dashboard):
    from playwright.sync_api import expect

    page = dashboard
    tab_bar = page.get_by_role("tab", name="So sánh hai kỳ")
    below_bar = tab_bar.bounding_box()["y"]
    tab_bar.click()
    compare = pane(page, "compare")
    expect(page.get_by_label("Kỳ", exact=True)).to_be_hidden()  # the two periods of the tab replace it
    # … and the bar takes its room with it: no empty band above the tabs
    expect(page.locator(".ntm-controls")).to_have_css("display", "none")
    assert tab_bar.bounding_box()["y"] < below_bar - 20
    choose(page, "Từ kỳ", "Quý I/2020", scope=compare)
    expect(compare.locator(".ntm-text")).to_contain_text(
        "bình quân tăng 5,11 tiêu chí/xã (từ 9,84 lên 14,95)")
    expect(compare.locator(".ntm-table th").nth(1)).to_have_text("Quý I/2020")
    rows = table_rows(page, "compare")
    assert rows[0] == ["Xã", "Quý I/2020", "Quý IV/2021", "Tiêu chí tăng", "Tiêu chí giảm"] and len(rows) == 1 + 19
    assert ["Lợi Bác", "8", "14", "5, 7, 9, 11, 12, 13, 15", "10"] in rows
    image_of(page, "compare")
    choose(page, "Từ kỳ", "Quý IV/2021", scope=compare)
    expect(compare.get_by_role("alert")).to_have_text("Hãy chọn hai kỳ khác nhau để so sánh.")
    expect(compare.locator("img")).to_be_hidden()
    page.get_by_role("tab", name="Tổng hợp").click()
    expect(page.get_by_label("Kỳ", exact=True)).to_be_visible()
    assert abs(tab_bar.bounding_box()["y"] - below_bar) < 2


def test_compare_tab_to_period(dashboard, watched):
    """"Đến kỳ" moves the comparison's end: its text, table, figures and chart follow; an end
    before the start is said plainly (with "quý" lower-case inside the sentence)."""
    from playwright.sync_api import expect

    page = dashboard
    page.get_by_role("tab", name="So sánh hai kỳ").click()
    compare = pane(page, "compare")
    choose(page, "Từ kỳ", "Quý I/2020", scope=compare)
    expect(compare.locator(".ntm-text")).to_contain_text("bình quân tăng 5,11 tiêu chí/xã (từ 9,84 lên 14,95)")
    to_end = image_of(page, "compare")
    choose(page, "Đến kỳ", "Quý IV/2020", scope=compare)
    expect(compare.locator(".ntm-text")).to_contain_text(
        "So với quý I/2020, tổng số tiêu chí đạt chuẩn tăng 48 tiêu chí (từ 187 lên 235), bình quân tăng 2,53 tiêu "
        "chí/xã (từ 9,84 lên 12,37). Có 14 xã có thêm tiêu chí đạt chuẩn; 01 xã có tiêu chí không còn đạt: Yên Khoái "
        "(tiêu chí số 17).")
    expect(compare.locator(".ntm-title")).to_have_text("Huyện Lộc Bình — Quý I/2020 → Quý IV/2020")
    expect(compare.locator(".ntm-kpi").nth(1)).to_have_text("12,37Bình quân quý IV/2020")
    expect_rows(page, "compare", {0: ["Xã", "Quý I/2020", "Quý IV/2020", "Tiêu chí tăng", "Tiêu chí giảm"],
                                  1: ["Ái Quốc", "7", "10", "3, 12, 15", ""]})
    changed_image(page, "compare", to_end)
    watched.shot("q1_to_q4_2020")
    choose(page, "Từ kỳ", "Quý II/2020", scope=compare)
    choose(page, "Đến kỳ", "Quý I/2020", scope=compare)
    expect(compare.get_by_role("alert")).to_have_text("Kỳ đầu (quý II/2020) phải trước kỳ sau (quý I/2020).")
    expect(compare.locator("img")).to_be_hidden()


def test_unit_picker(district_dashboard, watched):
    """A province of two districts: the picker names the province and its districts alike; picking
    one gives that district's title, figures, paragraph, chart and communes."""
    from playwright.sync_api import expect

    page = district_dashboard
    overview = pane(page, "overview")
    assert options(page, "Đơn vị") == ["Tỉnh Bắc Giang", "Huyện Lục Ngạn", "Huyện Sơn Động"]
    expect(overview.locator(".ntm-title")).to_have_text("Tỉnh Bắc Giang — Quý II/2020")
    expect(overview.locator(".ntm-text")).to_contain_text(
        "Tổng số tiêu chí đạt chuẩn là 54 tiêu chí, trung bình đạt 10,80 tiêu chí/xã.")
    whole = image_of(page, "overview")
    choose(page, "Đơn vị", "Huyện Lục Ngạn")
    expect(overview.locator(".ntm-title")).to_have_text("Huyện Lục Ngạn — Quý II/2020")
    expect(overview.locator(".ntm-text")).to_contain_text(
        "01 xã đạt từ 15 đến 18 tiêu chí, 01 xã đạt từ 10 đến 14 tiêu chí, 01 xã đạt dưới 5 tiêu chí. Tổng số tiêu "
        "chí đạt chuẩn là 32 tiêu chí, trung bình đạt 10,67 tiêu chí/xã.")
    expect(overview.locator(".ntm-kpi").nth(0)).to_have_text("3Số xã được đánh giá")
    expect(overview.locator(".ntm-kpi").nth(2)).to_have_text("10,67Bình quân tiêu chí/xã")
    expect_rows(page, "overview", {1: ["19 tiêu chí", "0", "0,0%"], 2: ["từ 15 đến 18 tiêu chí", "1", "33,3%"],
                                   3: ["từ 10 đến 14 tiêu chí", "1", "33,3%"], 4: ["từ 5 đến 9 tiêu chí", "0", "0,0%"],
                                   5: ["dưới 5 tiêu chí", "1", "33,3%"]})
    district = changed_image(page, "overview", whole)
    watched.shot("luc_ngan")
    page.get_by_role("tab", name="Theo xã").click()
    assert options(page, "Xã", scope=pane(page, "commune")) == ["Cao Sơn", "Đèo Gia", "Kiên Lao"]
    page.get_by_role("tab", name="So sánh hai kỳ").click()  # the comparison follows the unit chosen
    expect(page.get_by_label("Đơn vị", exact=True)).to_be_visible()
    expect(page.get_by_label("Kỳ", exact=True)).to_be_hidden()
    expect(pane(page, "compare").locator(".ntm-table tr")).to_have_count(1 + 3)
    assert sorted(r[0] for r in table_rows(page, "compare")[1:]) == ["Cao Sơn", "Kiên Lao", "Đèo Gia"]
    watched.shot("luc_ngan_compare")
    page.get_by_role("tab", name="Tổng hợp").click()
    page.get_by_role("button", name="English").click()
    assert options(page, "Unit") == ["Bắc Giang province", "Lục Ngạn district", "Sơn Động district"]
    expect(overview.locator(".ntm-title")).to_have_text("Lục Ngạn district — Q2 2020")
    expect(overview.locator(".ntm-text")).to_contain_text(
        "In total 32 criteria were met, an average of 10.67 criteria per commune.")
    expect_rows(page, "overview", {0: ["Band", "Communes", "Share"], 2: ["15 to 18 criteria", "1", "33.3%"]})
    changed_image(page, "overview", district)  # the chart's words in English


def test_review_page_of_a_fresh_pack(watched, tmp_path_factory):
    from playwright.sync_api import expect

    out = tmp_path_factory.mktemp("pack") / "2020Q1"
    result = run_cli("report", "--period", "2020Q1", "--bands", "19,12,9,5-8", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = watched.page
    page.goto((out / "review.html").as_uri())
    body = page.locator("body")
    expect(body).to_contain_text("04 xã đạt 19 tiêu chí, 01 xã đạt 12 tiêu chí, 01 xã đạt 9 tiêu chí, 13 xã đạt từ 5 "
                                 "đến 8 tiêu chí")
    expect(body).to_contain_text("9,84 tiêu chí/xã")
    images = page.locator("img")
    assert images.count() >= 5
    assert images.evaluate_all("imgs => imgs.every(i => i.complete && i.naturalWidth > 0)")
    # Failed loads of what the page links from the internet are counted apart (see the next test).
    own = [e for e in watched.errors if not any(url in e for url in watched.external)]
    assert own == [], "the review page logged errors"
    assert "Traceback" not in body.inner_text()


def test_review_page_fetches_nothing_from_the_internet(watched, tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "latest"
    result = run_cli("report", "--out", str(out))
    assert result.returncode == 0, result.stderr
    watched.page.goto((out / "review.html").as_uri())
    watched.page.locator("img").first.wait_for()
    assert watched.external == [] and watched.errors == []
