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


def test_the_province_page_shows_the_small_multiples_at_the_scale_of_the_other_charts(browser, tmp_path):
    """Review 6, defect 14: chart 4 (bands per district) was a narrower figure, enlarged to the
    column's width, its title much larger than the others'. In Chromium every chart of the page
    is now shown at one scale (shown width / drawn width), so their titles are one size."""
    from conftest import statuses, write_csv

    def block(communes):
        return [["", name, *statuses(set(range(1, met + 1)))] for name, met in communes]

    rows = [["UBND TỈNH LẠNG SƠN"], ["STT", "Tên xã", *map(str, range(1, 20))],
            ["I", "Huyện Cao Sơn"], *block([("Tân Lập", 19), ("Hòa Bình", 15), ("Phú Mỹ", 10)]),
            ["II", "Huyện Bắc Hà"], *block([("Xuân Sơn", 19), ("Đông Hà", 19), ("An Khánh", 12)]),
            ["III", "Huyện Đình Lập"], *block([("Yên Thế", 8), ("Cao Lộc", 7)])]
    (tmp_path / "d").mkdir()
    data = write_csv(tmp_path / "d" / "ntm_2020Q1.csv", rows).parent
    out = tmp_path / "pack"
    result = run_cli("report", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = _open(browser, out / "review.html", 1280)
    try:
        charts = page.evaluate("""() => [...document.querySelectorAll('figure img')].map(
            i => [i.alt, i.getBoundingClientRect().width / i.naturalWidth])""")
        scale = dict(charts)
        bands = scale["Số xã theo nhóm tiêu chí đạt của từng huyện"]
        assert bands == pytest.approx(scale["Bình quân tiêu chí/xã của các huyện"], rel=0.01)
        assert bands == pytest.approx(scale["Số xã theo số tiêu chí đạt"], rel=0.01)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.locator("figure img").nth(3).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "province_small_multiples.png"))
    finally:
        page.close()


A4_TEXT_MM = (210 - 16 - 14, 297 - 16 - 16)  # the page's @page margins: the printable width and height
MM = 96 / 25.4  # CSS pixels per millimetre

# Each figure as laid out for print: [alt, image height, figure height, image height at the text's width]
FIGURE_BOXES = """() => [...document.querySelectorAll('figure')].map(f => {
  const i = f.querySelector('img'), r = i.getBoundingClientRect();
  return [i.alt, r.height, f.getBoundingClientRect().height, f.getBoundingClientRect().width * i.naturalHeight / i.naturalWidth];
})"""


@pytest.fixture(scope="module")
def province_pack(tmp_path_factory):
    """The review page of a synthetic province of 60 communes at 2025Q2 (its grid and change
    chart, one row per commune, are taller than an A4 page at the text's width)."""
    from ntm_analysis import synth

    folder = tmp_path_factory.mktemp("province")
    data = synth.write(synth.generate(60, 6, seed=0, end="2025Q2"), folder / "data", forms=("wide",),
                       formats=("csv",))["wide_csv"]
    result = run_cli("report", str(data), "--out", str(folder / "pack"))
    assert result.returncode == 0, result.stderr
    return folder / "pack"


def test_printed_on_a4_every_chart_stays_on_one_page_with_its_caption(browser, packs, province_pack):
    """Fresh eyes H2: printed, the 60-commune grid ran over two pages (the rows on the second
    without their criterion header) and the change chart left its losers alone on the next page.
    Laid out for print at A4's text width, every figure (chart and caption) is no taller than
    the printable height: a chart taller than that is scaled down whole."""
    width, height = (round(v * MM) for v in A4_TEXT_MM)
    for name, pack in (("province_2025Q2", province_pack), ("2021Q4_vi", packs["vi"])):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.emulate_media(media="print")
        page.goto((pack / "review.html").as_uri())
        page.locator("img").first.wait_for()
        try:
            boxes = page.evaluate(FIGURE_BOXES)
            assert boxes and all(figure <= height for _, _, figure, _ in boxes), boxes
            if pack == province_pack:  # the grid is drawn taller than a page: scaled down, not cut
                grid = next(b for b in boxes if b[0].startswith("Kết quả từng tiêu chí"))
                assert grid[3] > height and grid[1] < height
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            (ARTIFACTS / f"print_A4_{name}.pdf").write_bytes(page.pdf(format="A4"))
        finally:
            page.close()


def _printed_pages(browser, pack) -> list[str]:
    """The text of each A4 page of the pack's page, printed by Chromium."""
    import io

    from pypdf import PdfReader

    page = browser.new_page()
    try:
        page.goto((pack / "review.html").as_uri())
        page.locator("img").first.wait_for()
        pdf = page.pdf(format="A4")
    finally:
        page.close()
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_printed_no_line_of_a_paragraph_is_left_alone_on_a_page(browser, packs):
    """Fresh eyes L1: printed, page 6 began with "Yên Khoái." alone, the last line of the
    year-on-year paragraph (asked 3 lines at least each side, Chromium split its four lines 3 + 1).
    The paragraph's last line now shares its page with the line before it."""
    import unicodedata

    def bare(text: str) -> str:  # (the PDF's text has spaces between some letters: compared without any)
        return unicodedata.normalize("NFC", "".join(text.split()))

    pages = [bare(text) for text in _printed_pages(browser, packs["vi"])]
    whole = "".join(pages)
    ending = bare("Lợi Bác (tiêu chí số 10). Xã đạt đủ 19 tiêu chí trong kỳ: Yên Khoái.")
    assert whole.count(ending) == 1  # (the paragraph, in one piece, once)
    assert any(ending in text for text in pages), [text[:120] for text in pages]


def test_printed_a_tables_note_stays_with_its_table(browser, tmp_path):
    """Fresh eyes (final): printed, the bundled 2021Q2 page put "Bảng trên chỉ gồm các xã có thay
    đổi…" ("the table above…") alone at the head of the next page, above a chart it does not
    describe. A note under a table now shares its page with the table's end."""
    import unicodedata

    def bare(text: str) -> str:
        return unicodedata.normalize("NFC", "".join(text.split()))

    out = tmp_path / "2021Q2"
    result = run_cli("report", "--period", "2021Q2", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = [bare(text) for text in _printed_pages(browser, out)]
    note = bare("Bảng trên chỉ gồm các xã có thay đổi")
    assert any(note in text for text in pages)
    assert not [i for i, text in enumerate(pages) if text.startswith(note)], "a note alone at a page's head"
