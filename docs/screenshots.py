"""Retake the README's screenshots of the explorer: `ntm explore` on the bundled data, driven in
Debian's Chromium by Playwright (never a downloaded browser).

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from ntm_analysis import bundled_data
from ntm_analysis.explore import Server

DOCS = Path(__file__).resolve().parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def shoot(page, name: str) -> None:
    """The whole explorer: the page scrolls inside Voilà's container, so the window is made tall
    enough to hold it before the picture is taken."""
    page.wait_for_function("() => [...document.querySelectorAll('.ntm-explorer img')]"
                           ".every(i => !i.offsetParent || (i.complete && i.naturalWidth > 0))")
    page.wait_for_timeout(500)
    bottom = page.evaluate("() => document.querySelector('.ntm-explorer').getBoundingClientRect().bottom")
    page.set_viewport_size({"width": 1400, "height": max(1000, int(bottom) + 40)})
    page.wait_for_timeout(1000)
    page.screenshot(path=str(DOCS / name), clip=page.locator(".ntm-explorer").bounding_box())
    page.set_viewport_size({"width": 1400, "height": 1000})


def main() -> None:
    with Server([bundled_data()]) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server.url, timeout=180_000)
        overview = page.locator(".ntm-pane-overview")
        overview.locator(".ntm-kpi").first.wait_for(timeout=180_000)
        page.get_by_label("Kỳ", exact=True).select_option(label="Quý I/2020")
        bands = page.get_by_label("Nhóm", exact=True)
        bands.fill("19,12,9,5-8")
        bands.press("Enter")
        expect(overview.locator(".ntm-table tr")).to_have_count(5, timeout=60_000)
        shoot(page, "explorer.png")
        page.get_by_role("tab", name="Theo tiêu chí").click()
        criterion = page.locator(".ntm-pane-criterion")
        expect(criterion.locator(".ntm-text")).to_contain_text("Tiêu chí 16", timeout=60_000)
        criterion.locator("img").wait_for()
        shoot(page, "explorer_criterion.png")
        browser.close()


if __name__ == "__main__":
    main()
