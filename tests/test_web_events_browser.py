"""The events browser as a person uses it, in headless Chromium: filter, sort, page, follow
a row to its sentence, and download exactly the rows shown (the browser fixtures and the
server are those of test_web_browser.py)."""

from __future__ import annotations

import csv
import io

import pyarrow.parquet as pq
import pytest

import test_web_browser as web
from sample_store import ACCUSATION, DRILLS_PROPOSED, MOU_SIGNED

# The server, browser and tab of the page tests, shared as fixtures of this module too.
sample, base_url, browser, page = web.sample, web.base_url, web.browser, web.page
CHROMIUM = web.CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} missing (make browser installs it)"
    ),
]


def shown_ids(page) -> list[str]:
    return page.locator("table.browser tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.event)"
    )


def test_events_browser_filters_by_actor_direction_and_modality(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Events", exact=True).click()
    page.wait_for_url("**/events")
    assert "7 events, newest first." in page.locator("p.lead").inner_text()
    page.get_by_label("Actor").fill("irn")
    page.get_by_label("Direction").select_option("source")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/events?*")
    assert "5 events matching" in page.locator("p.lead").inner_text()
    sources = page.locator("table.browser tbody tr td:nth-child(2) .code").all_inner_texts()
    assert sources == ["IRNMIL"] * 5
    page.get_by_label("proposed", exact=True).check()
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**modality=proposed*")
    sentences = page.locator("table.browser td.sentence").all_inner_texts()
    assert sentences == [DRILLS_PROPOSED.sentence] * 2
    assert page.get_by_label("Actor").input_value() == "irn"  # the form keeps what was asked


def test_events_browser_finds_sentence_text_sorts_and_pages(page, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.get_by_label("Sentence contains").fill("shelling")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**q=shelling*")
    row = page.locator("table.browser tbody tr")
    assert row.count() == 1 and ACCUSATION.sentence in row.inner_text()
    assert "0.35" in row.locator("td.confidence").inner_text()
    page.goto(base_url + "/events")
    page.get_by_label("Sort", exact=True).select_option("most_conflictual")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**sort=most_conflictual*")
    assert page.locator("table.browser tbody tr").first.locator("td").nth(3).inner_text().startswith("138")
    page.goto(base_url + "/events?limit=3")
    first_page = shown_ids(page)
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url("**offset=3*")
    assert "Showing 4–6 of 7." in page.locator("#shown").inner_text()
    assert set(shown_ids(page)).isdisjoint(first_page)


def test_events_browser_downloads_exactly_the_rows_shown(page, base_url: str, tmp_path) -> None:
    page.goto(base_url + "/events?actor=IRQ&sort=oldest&limit=4")
    shown = shown_ids(page)
    assert len(shown) == 4
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV").click()
    csv_path = tmp_path / "events.csv"
    csv_download.value.save_as(csv_path)
    assert csv_download.value.suggested_filename == "events.csv"
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text("utf-8"))))
    assert [row["id"] for row in rows] == shown
    assert rows[0]["cameo_code"] == "057" and '"057"' in csv_path.read_text("utf-8")
    with page.expect_download() as parquet_download:
        page.get_by_role("link", name="Parquet").click()
    parquet_path = tmp_path / "events.parquet"
    parquet_download.value.save_as(parquet_path)
    assert pq.read_table(parquet_path).column("id").to_pylist() == shown


def test_a_row_leads_to_its_sentence_marked_in_the_article(page, base_url: str) -> None:
    page.goto(base_url + "/events?outlet=Al%20Jazeera")
    page.locator("table.browser td.sentence a").click()
    page.wait_for_url("**/articles/**")
    chosen = page.locator(".article-text mark.event.chosen")
    marked = "".join(text.rstrip("0123456789") for text in chosen.all_text_contents())
    assert marked == MOU_SIGNED.sentence
    assert page.locator(".article-text mark.event").count() == chosen.count()  # the article's only event
    facts = page.locator(".chosen-event").inner_text()
    assert "057 Sign formal agreement" in facts and "0.82" in facts
    background = chosen.first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert chosen.first.bounding_box()["y"] < 900  # scrolled to the sentence


def test_dyad_bars_go_each_way_and_lead_to_their_events(page, base_url: str) -> None:
    page.goto(base_url + "/dyads/IRN-IRQ")
    chart = page.locator("#dyad-chart svg")
    chart.wait_for()
    iran_to_iraq, iraq_to_iran = chart.locator("a.way-0 rect.bar"), chart.locator("a.way-1 rect.bar")
    assert (iran_to_iraq.count(), iraq_to_iran.count()) == (1, 1)
    assert float(iraq_to_iran.get_attribute("fill-opacity")) < 1  # the other way is drawn paler
    marker = chart.locator("path.agreement-marker")
    assert marker.count() == 1
    assert "2017-07-23: memorandum of understanding (signed)" in marker.locator("title").text_content()
    chart.locator("a.way-1").click()
    page.wait_for_url("**/events?*")
    assert page.locator("table.browser td.sentence").all_inner_texts() == [ACCUSATION.sentence]
    assert page.get_by_label("Actor").input_value() == "IRQ"
    assert page.get_by_label("Counterpart").input_value() == "IRN"
    assert page.get_by_label("asserted", exact=True).is_checked()


def test_docs_render_the_interactive_documentation_without_leaving_the_server(page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "/docs")
    operation = page.locator(".opblock-summary-path", has_text="/api/events").first
    operation.wait_for()
    assert page.locator(".opblock").count() >= 10
    assert requested and all(url.startswith(base_url) for url in requested)
