"""The web page as a person sees it: Debian's headless Chromium, driven by Playwright,
against `eventscope serve`'s app on a free localhost port.

Screenshots of each page are left in pytest's temporary folder for a person to look at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventscope.interfaces.api import create_app
from sample_store import MOU_PROVISIONS, MOU_SIGNED, STORIES, SampleIds, write_sample_store

CHROMIUM = Path(os.environ.get("EVENTSCOPE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MOU_STORY = "Iran and Iraq sign military cooperation memorandum"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} missing (make browser installs it)"
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleIds]:
    path = tmp_path_factory.mktemp("web") / "sample.duckdb"
    return path, write_sample_store(path)


@pytest.fixture(scope="module")
def base_url(sample: tuple[Path, SampleIds]) -> Iterator[str]:
    """The app served by uvicorn in a background thread, as `eventscope serve` runs it."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(str(sample[0])), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    """A fresh tab; script errors on the page fail the test, a screenshot is kept."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    tab.screenshot(path=str(shots / f"{request.node.name}.png"), full_page=True)
    tab.close()
    assert errors == []


def test_story_list_shows_every_story_title(page, base_url: str) -> None:
    page.goto(base_url + "/")
    titles = page.locator("a.story-title").all_inner_texts()
    assert sorted(titles) == sorted(STORIES)
    assert titles[0] == "United States threatens Iran with sanctions"  # newest first
    assert "3 articles from 3 sources" in page.locator("li.story", has_text=MOU_STORY).inner_text()


def test_story_page_shows_outlets_side_by_side_with_event_sentences_highlighted(
    page, base_url: str
) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name=MOU_STORY).click()
    assert page.get_by_role("heading", level=1).inner_text() == MOU_STORY
    columns = page.locator("article.article")
    assert columns.count() == 3
    boxes = [columns.nth(i).bounding_box() for i in range(3)]
    assert len({round(box["y"]) for box in boxes}) == 1  # one row...
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]  # ...of columns
    assert sorted(page.locator("article.article .outlet").all_inner_texts()) == [
        "AL JAZEERA",
        "IRNA",
        "REUTERS",
    ]
    for i in range(3):
        marks = columns.nth(i).locator("mark.event")
        # What a reader sees highlighted is the event's sentence (and its number), nothing else.
        marked = "".join(text.rstrip("0123456789") for text in marks.all_text_contents())
        assert marked == MOU_SIGNED.sentence
        assert columns.nth(i).locator("a.event-ref").count() == 1
        for background in marks.evaluate_all(
            "nodes => nodes.map(node => getComputedStyle(node).backgroundColor)"
        ):
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    provisions = columns.nth(0).locator(".agreement-evidence", has_text=MOU_PROVISIONS)
    assert provisions.count() == 1
    assert "underline" in provisions.evaluate("node => getComputedStyle(node).textDecorationLine")


def test_story_page_event_number_leads_to_its_coded_row(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name=MOU_STORY).click()
    page.locator("article.article mark.event a.event-ref").first.click()
    row = page.locator("tr:target")
    assert row.count() == 1
    assert "057 Sign formal agreement" in row.inner_text()
    assert "Verbal cooperation" in row.inner_text()
    assert "Iranian armed forces" in row.inner_text() and "Iraqi armed forces" in row.inner_text()


def test_dyad_page_draws_the_timeline_with_bars_and_goldstein_points(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("First country (ISO-3)").fill("irn")
    page.get_by_label("Second country (ISO-3)").fill("irq")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/dyads/IRN-IRQ")
    assert page.get_by_role("heading", level=1).inner_text() == "IRN–IRQ"
    chart = page.locator("#dyad-chart svg")
    chart.wait_for()
    assert chart.bounding_box()["height"] > 200
    bars = chart.locator("rect.bar")
    assert bars.count() == 2  # asserted events only: the signing and the accusation
    assert all(bars.nth(i).bounding_box()["height"] > 10 for i in range(2))
    assert chart.locator("rect.quad-3").count() == 1  # the accusation, a verbal conflict
    assert chart.locator("circle.goldstein-point").count() == 2
    tips = chart.locator("title").all_text_contents()
    assert "2018-03: mean Goldstein -2.0" in tips
    assert "2017-07 IRN→IRQ: 1 verbal cooperation" in tips
    assert "memorandum of understanding" in page.locator("#agreements-heading + .table-wrap table").inner_text()
    assert page.locator("#stories-heading + ol li").count() == 3


def test_actor_page_links_to_its_dyads(page, base_url: str) -> None:
    page.goto(base_url + "/actors/act-irnmil")
    assert page.get_by_role("heading", level=1).inner_text() == "Iranian armed forces"
    page.get_by_role("link", name="IRN–IRQ").click()
    page.wait_for_url("**/dyads/IRN-IRQ")
    assert page.locator("#dyad-chart svg rect.bar").count() == 2


def test_missing_story_shows_a_readable_not_found_page(page, base_url: str) -> None:
    response = page.goto(base_url + "/stories/does-not-exist")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Not found"
    assert "no story with id 'does-not-exist'" in page.get_by_role("alert").inner_text()


def test_dyad_page_counts_asserted_events_and_can_count_the_others(page, base_url: str) -> None:
    page.goto(base_url + "/dyads/IRN-IRQ")
    assert "By modality: asserted 2." in page.locator("p.lead").inner_text()
    assert "Not counted: 1 proposed" in page.locator("p.left-out").inner_text()
    assert page.get_by_label("proposed").is_checked() is False
    page.get_by_label("proposed").check()
    page.get_by_role("button", name="Update").click()
    page.wait_for_url("**/dyads/IRN-IRQ?*")
    assert "By modality: asserted 2, proposed 1." in page.locator("p.lead").inner_text()
    assert page.locator("#dyad-chart svg rect.bar").count() == 3
    assert page.get_by_label("proposed").is_checked() is True


def test_dyad_page_alliance_verdict_links_to_the_evidence_in_its_story(page, base_url: str) -> None:
    page.goto(base_url + "/dyads/IRN-IRQ")
    section = page.get_by_role("region", name="Alliance")
    assert "defence cooperation agreement since 2017-07-23" in section.locator("p.verdict").inner_text()
    finding = section.get_by_role("listitem").filter(has_text="counter-terrorism")
    assert finding.locator("mark.cue").inner_text() == "terrorism"
    assert MOU_PROVISIONS in finding.locator("blockquote").inner_text()
    finding.get_by_role("link", name="in the story").click()
    page.wait_for_url("**/stories/*#a-*")
    article_id = page.url.split("#a-")[1]
    assert MOU_PROVISIONS in page.locator(f"article#a-{article_id}").inner_text()


def test_dyad_page_map_dot_leads_to_its_event_in_the_story(page, base_url: str) -> None:
    page.goto(base_url + "/dyads/IRN-IRQ")
    svg = page.get_by_role("img", name="Map of where the events between IRN and IRQ happened")
    assert svg.bounding_box()["height"] > 150
    dot = svg.locator("g.place circle").first
    box = dot.bounding_box()
    assert 4 < box["width"] < 60  # seen as a dot, whatever the map's zoom
    assert "Tehran (IRN)" in svg.locator("g.place title").first.text_content()
    dot.click()
    page.wait_for_url("**/stories/*#event-*")
    assert "057 Sign formal agreement" in page.locator("tr:target").inner_text()
