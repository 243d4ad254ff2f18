"""The analyst's API: events by direction, actor code, name and text; tables to download;
the interactive documentation served without a CDN."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventscope.interfaces.api import create_app
from pg_schema import NEEDS_PG, postgres_schema
from sample_store import ACCUSATION, MOU_SIGNED, SampleIds, write_sample_store


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleIds]:
    path = tmp_path_factory.mktemp("workbench") / "sample.duckdb"
    return path, write_sample_store(path)


@pytest.fixture(scope="module")
def client(sample_db: tuple[Path, SampleIds]) -> TestClient:
    return TestClient(create_app(str(sample_db[0])))


def items(client: TestClient, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def direction(event: dict) -> tuple[str, str]:
    return event["source_actor"]["code"], event["target_actor"]["code"]


# -- who did what to whom ------------------------------------------------------------


def test_source_and_target_take_country_code_prefixes_and_keep_the_direction(
    client: TestClient,
) -> None:
    iran_to_iraq = items(client, "/api/events?source=IRN&target=IRQ")
    assert sorted(direction(e) for e in iran_to_iraq) == [("IRNMIL", "IRQMIL")] * 5
    iraq_to_iran = items(client, "/api/events?source=irq&target=irn")
    assert [direction(e) for e in iraq_to_iran] == [("IRQ", "IRN")]
    assert iraq_to_iran[0]["sentence"] == ACCUSATION.sentence


def test_a_longer_code_prefix_an_id_and_a_name_pick_the_same_actor(client: TestClient) -> None:
    by_code = items(client, "/api/events?source=IRNMIL")
    assert len(by_code) == 5
    assert items(client, "/api/events?source=act-irnmil") == by_code
    assert items(client, "/api/events?source=iranian%20ARMED") == by_code
    assert items(client, "/api/events?target=IRNMIL") == []


def test_actor_matches_either_side(client: TestClient) -> None:
    either = items(client, "/api/events?actor=IRQ")
    assert len(either) == 6
    assert all("IRQ" in (e["source_actor"]["country"], e["target_actor"]["country"]) for e in either)
    assert {direction(e) for e in items(client, "/api/events?actor=United%20States")} == {
        ("USA", "IRN")
    }
    assert items(client, "/api/events?actor=nobody%20at%20all") == []


def test_q_finds_text_in_the_sentence_in_any_case_and_escapes_wildcards(client: TestClient) -> None:
    assert [e["sentence"] for e in items(client, "/api/events?q=SHELLING%20villages")] == [
        ACCUSATION.sentence
    ]
    assert len(items(client, "/api/events?q=memorandum")) == 3
    assert items(client, "/api/events?q=100%25") == []
    assert items(client, "/api/events?q=_") == []


def test_events_filter_by_outlet_confidence_and_several_modalities(client: TestClient) -> None:
    assert [e["article"]["outlet"] for e in items(client, "/api/events?outlet=Reuters")] == [
        "Reuters"
    ]
    confident = items(client, "/api/events?min_confidence=0.5")
    assert [e["confidence"] for e in confident] == [0.82] * 3
    assert len(items(client, "/api/events?min_confidence=0.3")) == 4
    assert len(items(client, "/api/events?modality=proposed&modality=asserted")) == 7
    assert len(items(client, "/api/events?modality=proposed&dyad=IRN-IRQ")) == 2
    assert client.get("/api/events?min_confidence=2").status_code == 422


def test_events_carry_their_articles_source_outlet_and_publication_day(client: TestClient) -> None:
    event = items(client, "/api/events?outlet=Rudaw")[0]
    assert event["article"] == {"source": "rudaw.txt", "outlet": "Rudaw", "published": "2018-03-05"}


def test_events_can_be_sorted(client: TestClient) -> None:
    oldest = items(client, "/api/events?sort=oldest")
    assert [e["date"] for e in oldest] == sorted(e["date"] for e in oldest)
    assert items(client, "/api/events?sort=most_conflictual")[0]["cameo"]["code"] == "138"
    assert items(client, "/api/events?sort=most_confident")[0]["confidence"] == 0.82
    assert items(client, "/api/events?sort=cameo")[0]["cameo"]["code"] == "0312"
    assert client.get("/api/events?sort=loudest").status_code == 422


# -- tables --------------------------------------------------------------------------


def test_events_as_csv_are_the_same_page_as_flat_rows_with_codes_quoted(client: TestClient) -> None:
    query = "source=IRN&target=IRQ&sort=oldest&limit=4"
    page = items(client, f"/api/events?{query}")
    response = client.get(f"/api/events?{query}&format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["id"] for row in rows] == [e["id"] for e in page]
    assert list(rows[0])[:3] == ["id", "date", "source_actor_code"]
    first = next(row for row in rows if row["cameo_code"] == "057")
    assert first["article_outlet"] in {"IRNA", "Al Jazeera", "Reuters"}
    assert first["sentence"] == MOU_SIGNED.sentence
    assert re.search(r'(^|,)"057",', response.text, re.MULTILINE)


@pytest.mark.parametrize("kind", ["articles", "events", "stories", "actors", "agreements"])
def test_every_list_route_gives_csv_and_parquet(client: TestClient, kind: str) -> None:
    import pyarrow.parquet as pq

    page = client.get(f"/api/{kind}").json()
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/{kind}?format=csv").text)))
    assert [row["id"] for row in rows] == [record["id"] for record in page["items"]]
    table = pq.read_table(io.BytesIO(client.get(f"/api/{kind}?format=parquet").content))
    assert table.column("id").to_pylist() == [record["id"] for record in page["items"]]


def test_parquet_keeps_lists_as_lists_and_days_as_dates(client: TestClient) -> None:
    import datetime as dt

    import pyarrow.parquet as pq

    response = client.get("/api/events?outlet=IRNA&format=parquet")
    table = pq.read_table(io.BytesIO(response.content))
    assert table.column("attribution").to_pylist() == [["IRNA"]]
    assert table.column("cameo_code").to_pylist() == ["057"]
    assert table.column("article_published").to_pylist() == [dt.date(2017, 7, 23)]


def test_unknown_format_is_refused(client: TestClient) -> None:
    response = client.get("/api/stories?format=xlsx")
    assert response.status_code == 422 and "'format'" in response.json()["detail"]


# -- documentation -------------------------------------------------------------------


def test_docs_are_served_from_the_package_without_a_cdn(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls and all(url.startswith("/docs-assets/") for url in urls)
    assert "url: '/openapi.json'" in page.text
    script = client.get("/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200


def test_openapi_documents_the_new_event_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"source", "target", "actor", "q", "format", "sort", "min_confidence", "outlet"} <= names
    content = spec["paths"]["/api/stories"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv"} <= set(content)


# -- one way of counting ----------------------------------------------------------------


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_index_dyad_and_country_pages_count_events_between_countries_alike(
    client: TestClient,
) -> None:
    index, dyad, iran = (plain(client.get(url).text) for url in ("/", "/dyads/IRN-IRQ", "/actors/act-irn"))
    assert "IRN–IRQ 2 events" in index
    assert "2 events between IRN and IRQ (4 reports)" in dyad
    assert "IRN–IRQ 2 events" in iran and "every actor of IRN" in iran
    assert client.get("/api/dyads/IRN/IRQ").json()["events"] == 2
    for page in (index, dyad, iran):
        assert "How events are counted: one happening counts once" in page
    army = plain(client.get("/actors/act-irnmil").text)
    assert "IRN–IRQ 1 event" in army  # the army's own events only: the signing


def test_dyad_page_links_each_month_and_direction_to_its_events(client: TestClient) -> None:
    page = client.get("/dyads/IRN-IRQ").text
    links = re.findall(r'<a href="(/events\?[^"]+)">(\d+)</a>', page)
    assert [(href.replace("&amp;", "&"), n) for href, n in links] == [
        (
            (
                "/events?actor=IRN&direction=source&counterpart=IRQ&modality=asserted"
                "&date_from=2017-07-01&date_to=2017-07-31"
            ),
            "1",
        ),
        (
            (
                "/events?actor=IRQ&direction=source&counterpart=IRN&modality=asserted"
                "&date_from=2018-03-01&date_to=2018-03-31"
            ),
            "1",
        ),
    ]
    reports = plain(client.get(links[0][0].replace("&amp;", "&")).text)
    assert "3 events matching" in reports  # one signing, told by three outlets


def test_events_browser_reads_the_apis_source_and_target(client: TestClient) -> None:
    named = plain(client.get("/events?source=IRN&target=IRQ").text)
    chosen = plain(client.get("/events?actor=IRN&direction=source&counterpart=IRQ").text)
    everything = plain(client.get("/events").text)
    matching = re.search(r"(\d+) events? matching", named)
    assert matching and named == chosen and matching.group(0) not in everything


def test_events_browser_rejects_bad_values_with_a_page_naming_them(client: TestClient) -> None:
    for query, named in [("date_from=2019-13-01", "date_from"), ("modality=rumoured", "modality"),
                         ("min_confidence=2", "min_confidence"), ("direction=up", "direction")]:
        response = client.get(f"/events?{query}")
        assert response.status_code == 422 and f"query parameter &#39;{named}&#39;" in response.text
    assert client.get("/events?actor=&cameo_code=&date_from=&q=").status_code == 200


# -- the same answers from PostgreSQL ----------------------------------------------------


@pytest.fixture(scope="module")
def postgres_client() -> Iterator[TestClient]:
    with postgres_schema("test_workbench") as url:
        write_sample_store(url)
        yield TestClient(create_app(url))


@pytest.mark.postgres
@NEEDS_PG
@pytest.mark.parametrize(
    "url",
    [
        "/api/events?source=IRN&target=IRQ",
        "/api/events?source=iranian%20armed&sort=oldest",
        "/api/events?actor=IRQ&modality=asserted&modality=proposed",
        "/api/events?actor=act-usa",
        "/api/events?q=Shelling&min_confidence=0.3",
        "/api/events?q=100%25",
        "/api/events?outlet=Reuters&sort=most_confident",
        "/api/events?sort=cameo&limit=3&offset=1",
        "/api/events?actor=iran&counterpart=IRQ",
        "/api/dyads/IRQ/IRN",
    ],
)
def test_postgres_filters_events_as_duckdb_does(
    client: TestClient, postgres_client: TestClient, url: str
) -> None:
    expected = client.get(url)
    assert expected.status_code == 200
    assert postgres_client.get(url).json() == expected.json()


@pytest.mark.postgres
@NEEDS_PG
@pytest.mark.parametrize("url", ["/", "/dyads/IRN-IRQ", "/actors/act-irn", "/actors/act-irnmil"])
def test_postgres_counts_events_between_countries_as_duckdb_does(
    client: TestClient, postgres_client: TestClient, url: str
) -> None:
    assert plain(postgres_client.get(url).text) == plain(client.get(url).text)


@pytest.mark.postgres
@NEEDS_PG
def test_postgres_gives_the_same_csv(client: TestClient, postgres_client: TestClient) -> None:
    url = "/api/events?source=IRN&format=csv"
    assert postgres_client.get(url).text == client.get(url).text


def test_serve_on_a_busy_port_says_so_without_announcing_itself(
    sample_db: tuple[Path, SampleIds],
) -> None:
    import socket

    from click.testing import CliRunner

    from eventscope.interfaces.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(sample_db[0]), "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"eventscope: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]


def test_counts_of_one_read_in_the_singular(client: TestClient, sample_db: tuple[Path, SampleIds]) -> None:
    from click.testing import CliRunner

    from eventscope.interfaces.cli import main

    index = plain(client.get("/").text)
    assert "1 article from 1 source (Rudaw) · 1 event" in index
    assert "IRN–USA 1 event" in index
    dyad = CliRunner().invoke(main, ["dyad", "IRN", "USA", "--db", str(sample_db[0])]).stdout
    assert dyad.startswith("IRN-USA: 1 event (1 report)")
    assert "(1 article from 1 source)" in dyad
