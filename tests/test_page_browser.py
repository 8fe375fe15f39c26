"""The review page as a reader sees it in Chromium (Debian's package, driven by Playwright): at
1280 px wide no table is cut off, in either language; the title never breaks inside "nông thôn
mới"; chart captions and chart files carry the same numbers. Screenshots go to
test-artifacts/review_page/."""

from __future__ import annotations

import pytest

from browsing import FLAGS, chromium_or_skip
from conftest import ROOT, run_cli

ARTIFACTS = ROOT / "test-artifacts" / "review_page"

# Each table's box: [caption, client width, scroll width, right edge of the table, window width]
BOXES = """() => [...document.querySelectorAll('.wide')].map(d => {
  const t = d.querySelector('table');
  return [t.querySelector('caption').textContent, d.clientWidth, d.scrollWidth,
          t.getBoundingClientRect().right, document.documentElement.clientWidth];
})"""

# The lines a phrase of the title falls on (the tops of its boxes)
PHRASE_LINES = """(phrase) => {
  const h1 = document.querySelector('header h1'), node = h1.firstChild;
  const at = node.textContent.toLowerCase().replace(/\\u00a0/g, ' ').indexOf(phrase);
  const range = document.createRange();
  range.setStart(node, at); range.setEnd(node, at + phrase.length);
  return [...new Set([...range.getClientRects()].map(r => Math.round(r.top)))];
}"""


@pytest.fixture(scope="module")
def browser():
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    out = {}
    for lang in ("vi", "en"):
        folder = tmp_path_factory.mktemp(f"pack_{lang}") / "2021Q4"
        result = run_cli("report", "--lang", lang, "--out", str(folder))
        assert result.returncode == 0, result.stderr
        out[lang] = folder
    return out


def _open(browser, page_path, width: int, media: str = "screen"):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.emulate_media(media=media)
    page.goto(page_path.as_uri())
    page.locator("img").first.wait_for()
    return page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_table_is_cut_off_at_1280_px(browser, packs, lang):
    page = _open(browser, packs[lang] / "review.html", 1280)
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"2021Q4_{lang}_1280.png"), full_page=True)
        boxes = page.evaluate(BOXES)
        assert len(boxes) >= 6  # bands, criteria, two comparisons, targets, the annex
        for caption, client, scroll, right, window in boxes:
            assert scroll <= client, f"{caption}: {scroll} px of table in a {client} px box"
            assert right <= window, f"{caption}: ends at {right} px in a {window} px window"
        annex = page.locator("section#annex table")
        assert annex.locator("th", has_text="Advanced NTM" if lang == "en" else "Đạt NTM nâng cao").is_visible()
    finally:
        page.close()


def test_a_narrow_window_scrolls_the_annex(browser, packs):
    """Too wide for a 700 px window, the annex scrolls inside its box: every column can be brought
    into view (headless Chromium hides scroll bars; a reader's Chromium draws the styled one)."""
    page = _open(browser, packs["en"] / "review.html", 700)
    try:
        box = page.locator("section#annex .wide")
        client, scroll = box.evaluate("d => [d.clientWidth, d.scrollWidth]")
        assert scroll > client and box.evaluate("d => getComputedStyle(d).overflowX") == "auto"
        last = page.locator("section#annex th", has_text="Advanced NTM")
        right = lambda: last.evaluate("th => th.getBoundingClientRect().right")  # noqa: E731
        assert right() > 700
        box.evaluate("d => { d.scrollLeft = d.scrollWidth; }")
        assert right() <= 700
    finally:
        page.close()


@pytest.mark.parametrize("lang,phrase", [("vi", "nông thôn mới"), ("en", "new rural communes")])
def test_the_title_never_breaks_inside_the_programme_name(browser, packs, lang, phrase):
    for width in (1280, 800, 600):
        page = _open(browser, packs[lang] / "review.html", width)
        try:
            assert len(page.evaluate(PHRASE_LINES, phrase)) == 1, (width, phrase)
        finally:
            page.close()


def test_print_keeps_the_annex_in_the_page(browser, packs):
    page = _open(browser, packs["en"] / "review.html", 1280, media="print")
    try:
        assert page.locator("section#annex .wide").evaluate("d => getComputedStyle(d).transform") == "none"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        page.close()
