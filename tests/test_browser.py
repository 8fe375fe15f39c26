"""The dashboard and the review page in a real browser: Debian's Chromium driven by Playwright.

`ntm explore` serves the bundled data on a free loopback port; each test opens the page as a
person would, waits for the widgets, uses the controls and reads what the page shows. Every page
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

    def shot(self) -> Path:
        """The whole page as it stands; Voilà's page scrolls inside a container, so the window is
        first made tall enough to hold the explorer."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}.png"
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


@pytest.fixture
def dashboard(watched, server):
    """The explorer as it opens, once its first view is drawn."""
    page = watched.page
    page.goto(server.url, timeout=WAIT)
    page.locator(".ntm-pane-overview .ntm-kpi").first.wait_for(timeout=WAIT)
    yield page
    assert watched.external == [], "the dashboard fetched from the internet"
    assert watched.errors == [], "the dashboard logged errors"
    assert watched.version_mismatches == [], "the widget managers do not match Voilà's JupyterLab"


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
    assert page.title() == "Nông thôn mới — khám phá số liệu"  # the tab, in the language served only
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
    page.get_by_role("tab", name="Tổng hợp").click()
    expect(page.get_by_label("Kỳ", exact=True)).to_be_visible()
    assert abs(tab_bar.bounding_box()["y"] - below_bar) < 2


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
