"""The web UI in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Without Chromium these tests skip locally; in CI (CI=true) they fail, since .ci/run
installs it. Screenshots go to test-output/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import ARTICLE, HOSTILE

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "test-output"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def dialogs() -> list[str]:
    """The messages of the dialogs (alert, confirm) that scripts on the page opened."""
    return []


@pytest.fixture
def page(browser, demo_site, dialogs):
    """A fresh page on the demo site that records every dialog a script would open."""
    context = browser.new_context(base_url=demo_site, viewport={"width": 1200, "height": 900})
    page = context.new_page()

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def shot(page, name: str, element=None) -> None:
    """A screenshot of the whole page, or of one element (a locator) of it."""
    SHOTS.mkdir(exist_ok=True)
    if element is not None:
        element.screenshot(path=str(SHOTS / f"{name}.png"))
    else:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_story_citation_shows_its_quote_on_hover_and_click(page):
    page.goto("/")
    page.get_by_role("link", name="Geheimdienst: Schon 3.000 Soldaten aus Nordkorea in Russland").click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text().startswith("Geheimdienst")
    brief = page.request.get(page.url.replace("/stories/", "/api/stories/") + "/brief").json()
    first = brief["lead"][0]["citations"][0]

    cite = page.locator(".lead .cite").first
    quote = cite.locator(".quote")
    assert not quote.is_visible()
    cite.hover()
    quote.wait_for(state="visible")
    assert first["quote"] in quote.inner_text()
    shot(page, "story-citation-hover")

    page.mouse.move(5, 5)
    quote.wait_for(state="hidden")
    cite.click()
    quote.wait_for(state="visible")
    page.mouse.move(5, 5)  # focus keeps it open once the pointer has left
    assert quote.is_visible()

    assert page.locator("tr.status-contradicted").count() >= 1
    assert page.locator("#quellen li").count() >= 1 and page.locator("#verlauf .day").count() >= 1


def test_check_colours_each_sentence_by_verdict(page):
    page.goto("/check")
    page.get_by_label("Text des Artikels").fill(ARTICLE)
    page.get_by_label("Geschichte").select_option(
        label="Geheimdienst: Schon 3.000 Soldaten aus Nordkorea in Russland (21 Berichte)"
    )
    page.get_by_role("button", name="Prüfen").click()
    page.locator(".check-result").wait_for()
    sentences = page.locator("li.sentence")
    assert sentences.count() == 3
    verdicts = [sentences.nth(i).get_attribute("data-verdict") for i in range(3)]
    assert verdicts[0] == "supported" and verdicts[2] == "unsupported"
    colours = {
        v: sentences.nth(i).evaluate("e => getComputedStyle(e).backgroundColor")
        for i, v in enumerate(verdicts)
    }
    assert colours["supported"] != colours["unsupported"]
    assert sentences.nth(0).locator(".evidence").count() >= 1
    assert sentences.nth(0).locator(".badge").inner_text().lower() == "belegt"
    shot(page, "check-verdicts")


def test_hostile_text_is_shown_as_text_and_never_runs(page, dialogs):
    page.goto("/")
    title = page.locator(".story-title", has_text="Titel <script>")
    assert title.inner_text() == f"Titel {HOSTILE}"
    title.click()
    page.wait_for_url("**/stories/*")
    page.goto("/documents/hostile-01")
    assert page.locator("h1").inner_text() == f"Titel {HOSTILE}"
    assert HOSTILE in page.locator(".document .text").inner_text()
    assert page.locator("img").count() == 0 and page.locator("main script").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    shot(page, "hostile-document")
    assert dialogs == []


def test_ingest_form_refuses_a_private_address(page):
    page.goto("/ingest")
    page.get_by_label("Adressen").fill("http://127.0.0.1:8000/feed.xml")
    page.get_by_role("button", name="Einlesen").click()
    alert = page.get_by_role("alert")
    assert "refused: 127.0.0.1 resolves to the non-public address" in alert.inner_text()
    shot(page, "ingest-refused")


def test_story_charts_draw_one_series_per_origin_and_reports_by_language(page):
    from lagebild.render.charts import values_chart

    page.goto("/")
    page.get_by_role("link", name="Geheimdienst: Schon 3.000 Soldaten aus Nordkorea in Russland").click()
    page.wait_for_url("**/stories/*")
    brief = page.request.get(page.url.replace("/stories/", "/api/stories/") + "/brief").json()
    charted = [g for g in brief["numbers"] if values_chart(g)]
    figures = page.locator("#zahlen figure.chart")
    assert charted and figures.count() == len(charted)

    fact = charted[0]
    origins = {
        v["attributed_to"] or v["source"] for v in fact["values"] if _day(v["refers_to"] or v["published"])
    }
    chart = figures.filter(has_text=fact["what"]).first.locator("svg")
    box = chart.bounding_box()
    assert box["width"] > 500 and box["height"] > 200
    series = chart.locator(".series")
    assert series.count() == len(origins) >= 2
    assert set(chart.locator(".legend-item text").all_text_contents()) == origins
    colours = [series.nth(i).locator("path").first.get_attribute("fill") for i in range(series.count())]
    assert len(set(colours[:7])) == len(colours[:7])
    for i in range(series.count()):
        marker = series.nth(i).locator(".marker").first.bounding_box()
        assert marker["width"] > 0 and box["y"] <= marker["y"] <= box["y"] + box["height"]
    assert re.search(r"\d+\. \w+\.? \d{4}", chart.locator(".point title").first.text_content())

    reports = page.locator("#verlauf figure.chart svg")
    days = {(_day(s["published"]), s["language"]) for s in brief["sources"] if _day(s["published"])}
    assert reports.locator(".segment").count() == len(days)
    assert reports.locator(".segment").first.bounding_box()["height"] > 0
    shot(page, "story-chart-values", page.locator("#zahlen"))
    shot(page, "story-chart-reports", reports)


def _day(value: str | None) -> str | None:
    return value[:10] if value and len(value) >= 10 else None
