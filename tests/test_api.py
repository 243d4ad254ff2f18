"""The HTTP API and the server-rendered pages, through FastAPI's test client."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventscope.errors import StoreError
from eventscope.interfaces.api import create_app
from eventscope.interfaces.page_views import Segment, highlight
from eventscope.records import Story
from eventscope.store import open_store
from pg_schema import NEEDS_PG, postgres_schema
from sample_store import (
    MOU_NAMED,
    MOU_PROVISIONS,
    MOU_SIGNED,
    US_THREAT,
    SampleArticle,
    SampleIds,
    build_article,
    write_sample_store,
)

MOU_STORY = "Iran and Iraq sign military cooperation memorandum"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleIds]:
    path = tmp_path_factory.mktemp("api") / "sample.duckdb"
    return path, write_sample_store(path)


@pytest.fixture(scope="module")
def client(sample_db: tuple[Path, SampleIds]) -> TestClient:
    return TestClient(create_app(str(sample_db[0])))


@pytest.fixture(scope="module")
def ids(sample_db: tuple[Path, SampleIds]) -> SampleIds:
    return sample_db[1]


def items(client: TestClient, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()["items"]


# -- listing and filtering ---------------------------------------------------------


def test_events_filter_by_dyad_in_either_direction(client: TestClient) -> None:
    both = items(client, "/api/events?dyad=IRN-IRQ")
    assert len(both) == 6
    assert items(client, "/api/events?dyad=irq-irn") == both
    assert all(
        {e["source_actor"]["country"], e["target_actor"]["country"]} == {"IRN", "IRQ"} for e in both
    )


def test_events_filter_by_country_actor_and_codes(client: TestClient) -> None:
    assert [e["cameo"]["code"] for e in items(client, "/api/events?country=USA")] == ["138"]
    assert len(items(client, "/api/events?actor=act-irnmil")) == 5
    assert len(items(client, "/api/events?cameo_root=05")) == 3
    assert len(items(client, "/api/events?cameo_code=0312&modality=proposed")) == 2
    assert items(client, "/api/events?cameo_code=0312&modality=asserted") == []
    assert len(items(client, "/api/events?plover_type=accuse")) == 1
    assert len(items(client, "/api/events?quad_class=3")) == 2


def test_events_filter_by_date_range_inclusive(client: TestClient) -> None:
    found = items(client, "/api/events?date_from=2017-07-23&date_to=2017-07-23")
    assert [e["date"] for e in found] == ["2017-07-23", "2017-07-23"]
    assert len(items(client, "/api/events?date_from=2019-06-01")) == 3


def test_events_are_newest_first_and_paginated(client: TestClient) -> None:
    first = client.get("/api/events?limit=2").json()
    second = client.get("/api/events?limit=2&offset=2").json()
    assert first["total"] == second["total"] == 7
    assert (first["limit"], second["offset"]) == (2, 2)
    dates = [e["date"] for e in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in second["items"])


def test_events_carry_the_contract_fields(client: TestClient) -> None:
    event = items(client, "/api/events?cameo_code=057&limit=1")[0]
    assert event["sentence"] == MOU_SIGNED.sentence
    assert event["cameo"] == {"code": "057", "root": "05", "quad_class": 1, "goldstein": 8.0}
    assert event["plover"]["type"] == "AGREE"
    assert event["location"] == {"name": "Tehran", "country": "IRN", "lat": 35.69439, "lon": 51.42151,
                                 "geonames_id": 112931, "admin1": "IR.26", "precision": "city", "place_source": "text"}
    assert (event["date_precision"], event["date_source"]) == ("day", "publication")
    article = client.get(f"/api/articles/{event['article_id']}").json()
    assert article["text"][event["span"][0] : event["span"][1]] == event["sentence"]


def test_stories_filter_by_country_outlet_and_actor(client: TestClient) -> None:
    assert [s["title"] for s in items(client, "/api/stories?country=USA")] == [
        "United States threatens Iran with sanctions"
    ]
    assert [s["title"] for s in items(client, "/api/stories?outlet=Reuters")] == [MOU_STORY]
    assert len(items(client, "/api/stories?actor=act-irqmil")) == 2


def test_stories_filter_by_title_and_dyad(client: TestClient) -> None:
    assert [s["title"] for s in items(client, "/api/stories?title=JOINT%20drills")] == [
        "Iran proposes joint drills with Iraq"
    ]
    assert len(items(client, "/api/stories?dyad=IRQ-IRN")) == 3
    assert [s["outlets"] for s in items(client, "/api/stories?dyad=USA-IRN")] == [["AP"]]


def test_articles_filter_by_story_and_mentioned_actor(client: TestClient, ids: SampleIds) -> None:
    story = items(client, f"/api/articles?story_id={ids.stories[MOU_STORY]}")
    assert sorted(a["outlet"] for a in story) == ["Al Jazeera", "IRNA", "Reuters"]
    assert [a["outlet"] for a in items(client, "/api/articles?actor=act-usa")] == ["AP"]


def test_actors_and_agreements_filters(client: TestClient) -> None:
    assert [a["id"] for a in items(client, "/api/actors?name=iraqi")] == ["act-irqmil"]
    assert [a["id"] for a in items(client, "/api/actors?country=irn&sector=mil")] == ["act-irnmil"]
    assert len(items(client, "/api/agreements?party=IRQ")) == 1
    assert len(items(client, "/api/agreements?dyad=IRN-IRQ&status=signed")) == 1
    assert items(client, "/api/agreements?dyad=IRN-USA") == []


def test_one_record_by_id(client: TestClient, ids: SampleIds) -> None:
    story = client.get(f"/api/stories/{ids.stories[MOU_STORY]}").json()
    assert story["num_sources"] == 3 and story["title"] == MOU_STORY
    assert client.get("/api/actors/act-irq").json()["name"] == "Iraq"
    assert client.get("/api/agreements/agr-mou").json()["place"] == "Tehran"


def test_dyad_endpoint_gives_months_agreements_and_stories(client: TestClient) -> None:
    dyad = client.get("/api/dyads/IRN/IRQ").json()
    assert dyad["events"] == 2 and dyad["counted_modalities"] == ["asserted"]
    assert dyad["left_out"] == {"proposed": 1}
    assert dyad["months"][0] == {
        "month": "2017-07",
        "counts": {"1": 1, "2": 0, "3": 0, "4": 0},
        "events": 1,
        "reports": 3,
        "goldstein": 8.0,
        "directions": [
            {"source": "IRN", "target": "IRQ", "counts": {"1": 1, "2": 0, "3": 0, "4": 0}, "events": 1},
            {"source": "IRQ", "target": "IRN", "counts": {"1": 0, "2": 0, "3": 0, "4": 0}, "events": 0},
        ],
    }
    assert len(dyad["agreements"]) == 1 and len(dyad["stories"]) == 3


def test_dyad_endpoint_counts_only_the_modalities_asked_for(client: TestClient) -> None:
    dyad = client.get("/api/dyads/irq/irn?modality=asserted&modality=denied").json()
    assert dyad["modalities"] == {"asserted": 2}
    assert client.get("/api/dyads/IRN/IRQ?modality=rumoured").status_code == 422


@pytest.mark.parametrize("kind", ["articles", "events", "stories", "actors", "agreements"])
def test_api_records_follow_the_contract_schema(client: TestClient, kind: str) -> None:
    from jsonschema import Draft202012Validator

    spec = client.get("/openapi.json").json()
    name = kind[:-3] + "y" if kind == "stories" else kind[:-1]
    schema = {"components": spec["components"], "$ref": f"#/components/schemas/{name}"}
    validator = Draft202012Validator(schema)
    records = items(client, f"/api/{kind}?limit=500")
    assert records
    for record in records:
        validator.validate(record)
    listed = spec["paths"][f"/api/{kind}"]["get"]["responses"]["200"]
    assert listed["content"]["application/json"]["schema"]["properties"]["items"]["items"] == {
        "$ref": f"#/components/schemas/{name}"
    }


# -- errors --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["articles", "events", "stories", "actors", "agreements"])
def test_missing_record_is_404_with_a_message(client: TestClient, kind: str) -> None:
    response = client.get(f"/api/{kind}/no-such-id")
    assert response.status_code == 404
    assert response.json()["detail"].endswith("with id 'no-such-id'")


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("limit=501", "limit"),
        ("limit=0", "limit"),
        ("offset=-1", "offset"),
        ("date_from=23/07/2017", "date_from"),
        ("dyad=IRN", "dyad"),
        ("country=Iran", "country"),
        ("modality=rumoured", "modality"),
        ("cameo_code=05x", "cameo_code"),
        ("quad_class=5", "quad_class"),
    ],
)
def test_bad_parameters_get_422_naming_the_parameter(
    client: TestClient, query: str, named: str
) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and f"'{named}'" in detail
    assert "Traceback" not in detail


def test_reversed_date_range_is_refused(client: TestClient) -> None:
    response = client.get("/api/events?date_from=2019-01-01&date_to=2018-01-01")
    assert response.status_code == 422
    assert "date_from (2019-01-01) is after date_to (2018-01-01)" == response.json()["detail"]


def test_only_read_routes_exist(client: TestClient) -> None:
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events/x").status_code == 405
    spec = client.get("/openapi.json").json()
    methods = {method for route in spec["paths"].values() for method in route}
    assert methods == {"get"}
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/stories",
        "/api/actors",
        "/api/agreements",
        "/api/articles",
        "/api/dyads/{country_a}/{country_b}",
    } <= set(spec["paths"])
    limit = next(
        p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == 500


def test_database_errors_hide_the_path(sample_db: tuple[Path, SampleIds], tmp_path: Path) -> None:
    copy = tmp_path / "private-name.duckdb"
    shutil.copy(sample_db[0], copy)
    client = TestClient(create_app(str(copy)))
    copy.unlink()
    for url in ("/api/events", "/stories/x"):
        response = client.get(url)
        assert response.status_code == 503
        assert "private-name" not in response.text and str(tmp_path) not in response.text


def test_app_refuses_a_missing_database_at_once(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        create_app(str(tmp_path / "missing.duckdb"))


# -- pages ---------------------------------------------------------------------------


def test_story_list_page_links_every_story(client: TestClient, ids: SampleIds) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for title, story_id in ids.stories.items():
        assert f'href="/stories/{story_id}">{title}</a>' in page.text
    assert 'href="/dyads/IRN-IRQ"' in page.text


def test_story_list_page_filters_by_title_and_country(client: TestClient) -> None:
    page = client.get("/?country=usa").text
    assert "1 story matching" in page
    assert "United States threatens Iran with sanctions" in page
    assert MOU_STORY not in page
    assert 'value="USA"' in page
    page = client.get("/?title=memorandum&limit=1").text
    assert MOU_STORY in page and "Iran proposes joint drills" not in page
    assert client.get("/?country=IRAN").status_code == 422


def test_story_list_pages_keep_the_filters(client: TestClient) -> None:
    page = client.get("/?country=IRN&limit=1").text
    assert 'href="/?offset=1&amp;limit=1&amp;country=IRN"' in page


def test_story_page_marks_each_outlets_event_sentence(client: TestClient, ids: SampleIds) -> None:
    page = client.get(f"/stories/{ids.stories[MOU_STORY]}").text
    assert page.count('<article class="article"') == 3
    columns = page.split('<article class="article"')[1:]
    marked = [
        "".join(re.findall(r'<mark class="event"[^>]*>([^<]*)', column)) for column in columns
    ]
    assert marked == [MOU_SIGNED.sentence] * 3
    table = page[page.index('id="events-heading"'):]
    assert table.count("Sign formal agreement") == 3  # CAMEO names from the code table
    assert "memorandum of understanding" in page


def test_pages_name_cameo_codes_without_loading_the_verb_dictionary(
    sample_db: tuple[Path, SampleIds], monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventscope.events import coder as events

    def no_verb_dictionary(*args, **kwargs):
        raise AssertionError("the app loaded the event coder")

    monkeypatch.setattr(events, "load_coder", no_verb_dictionary)
    monkeypatch.setattr(events, "load_verb_dictionary", no_verb_dictionary)
    page = TestClient(create_app(str(sample_db[0]))).get(f"/stories/{sample_db[1].stories[MOU_STORY]}")
    assert "057 Sign formal agreement" in re.sub(r"<[^>]+>", "", page.text)


def test_story_page_underlines_the_passages_an_agreement_was_read_from(
    client: TestClient, ids: SampleIds
) -> None:
    page = client.get(f"/stories/{ids.stories[MOU_STORY]}").text
    underlined = re.findall(r'<span class="agreement-evidence"[^>]*>(.*?)</span>', page, re.DOTALL)
    assert underlined.count(MOU_PROVISIONS) == 1
    assert sum(MOU_NAMED in passage for passage in underlined) == 3
    assert "Local officials said" not in " ".join(underlined)


def test_story_page_escapes_markup_in_titles_and_text(tmp_path: Path) -> None:
    hostile = SampleArticle(
        outlet="<b>Outlet</b>",
        title="<script>alert('title')</script>",
        published=dt.date(2020, 1, 2),
        paragraphs=("Intro <img src=x onerror=alert(1)>.", US_THREAT.sentence),
        events=(US_THREAT,),
    )
    article = build_article(hostile)
    with open_store(tmp_path / "hostile.duckdb") as store:
        store.write_article(article)
        story = Story("s-hostile", hostile.title, hostile.published, [article.id], [hostile.outlet])
        store.save_stories([story], {article.id: story.id}, {})
    page = TestClient(create_app(str(tmp_path / "hostile.duckdb"))).get("/stories/s-hostile").text
    body = page.split("<main", 1)[1]
    assert (
        "<script>alert" not in body
        and "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in body
    )
    assert "<img" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<b>Outlet</b>" not in body
    assert (
        f'<span class="anchor" id="mark-{article.events[0].id}"></span><mark class="event"' in body
    )


def test_dyad_page_embeds_the_chart_data_and_a_table(client: TestClient) -> None:
    page = client.get("/dyads/IRN-IRQ").text
    assert 'id="dyad-chart"' in page and "/static/dyad-chart.js" in page
    assert '"month": "2017-07"' in page
    assert '<th scope="row">2018-03</th>' in page
    assert client.get("/static/dyad-chart.js").status_code == 200


def test_dyad_form_redirects_to_the_dyad_page(client: TestClient) -> None:
    response = client.get("/dyads?a=irn&b=irq", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/dyads/IRN-IRQ"


def test_actor_page_lists_events_and_counterpart_countries(client: TestClient) -> None:
    page = client.get("/actors/act-irnmil").text
    assert "<h1>Iranian armed forces</h1>" in page
    assert 'href="/dyads/IRN-IRQ"' in page
    assert "5 of 5, newest first." in page


def test_unknown_pages_answer_with_an_html_404(client: TestClient) -> None:
    response = client.get("/stories/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no story with id" in response.text


# -- highlighting ----------------------------------------------------------------------


def test_highlight_marks_exactly_the_spans() -> None:
    text = "One. Two three. Four."
    assert highlight(text, [(5, 15, "e1")]) == [
        Segment("One. "),
        Segment("Two three.", ("e1",), starts=("e1",), ends=("e1",)),
        Segment(" Four."),
    ]


def test_highlight_splits_overlapping_spans_without_losing_text() -> None:
    text = "abcdefghij"
    segments = highlight(text, [(2, 6, "a"), (4, 8, "b"), (20, 30, "outside")])
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.marks) for s in segments] == [
        ("ab", ()),
        ("cd", ("a",)),
        ("ef", ("a", "b")),
        ("gh", ("b",)),
        ("ij", ()),
    ]
    assert [(s.text, s.starts, s.ends) for s in segments if s.starts or s.ends] == [
        ("cd", ("a",), ()),
        ("ef", ("b",), ("a",)),
        ("gh", (), ("b",)),
    ]


def test_story_page_numbers_each_event_once_however_its_sentence_is_cut(
    client: TestClient, ids: SampleIds
) -> None:
    page = client.get(f"/stories/{ids.stories[MOU_STORY]}").text
    numbers = re.findall(r'<a class="event-ref" href="#event-([0-9a-f]+)"', page)
    assert sorted(numbers) == sorted(ids.events[MOU_STORY])
    anchors = re.findall(r'id="mark-([0-9a-f]+)"', page)
    assert sorted(anchors) == sorted(ids.events[MOU_STORY])


# -- the same answers from PostgreSQL ----------------------------------------------------


@pytest.fixture(scope="module")
def postgres_client() -> Iterator[TestClient]:
    """The app over the sample records in a private, throwaway PostgreSQL schema."""
    with postgres_schema("test_api") as url:
        write_sample_store(url)
        yield TestClient(create_app(url))


@pytest.mark.postgres
@NEEDS_PG
@pytest.mark.parametrize(
    "url",
    [
        "/api/events?dyad=IRQ-IRN&date_from=2017-07-24",
        "/api/events?country=USA",
        "/api/events?plover_type=accuse&limit=1&offset=0",
        "/api/events?limit=3&offset=2",
        "/api/stories?country=IRQ",
        "/api/stories?title=Joint&dyad=IRN-IRQ",
        "/api/actors?name=iraqi",
        "/api/agreements?dyad=IRN-IRQ",
        "/api/articles?actor=act-usa",
        "/api/dyads/IRN/IRQ?modality=asserted",
    ],
)
def test_postgres_gives_the_same_answers_as_duckdb(
    client: TestClient, postgres_client: TestClient, url: str
) -> None:
    expected = client.get(url)
    assert expected.status_code == 200
    assert postgres_client.get(url).json() == expected.json()


def test_serve_command_refuses_a_missing_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventscope.interfaces.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no such database" in result.stderr
    assert "serving" not in result.stderr


def test_event_date_range_leaves_out_undated_events_unless_asked(tmp_path: Path) -> None:
    sample = SampleArticle("Reuters", "Undated report", dt.date(2017, 7, 31), (MOU_SIGNED.sentence,), (MOU_SIGNED,))
    article = build_article(sample)
    undated = article.events[0]
    undated.date, undated.date_precision, undated.date_source = None, None, None
    path = tmp_path / "undated.duckdb"
    with open_store(str(path)) as store:
        store.write_article(article)
    client = TestClient(create_app(str(path)))
    july = "/api/events?date_from=2017-07-01&date_to=2017-07-31"
    assert items(client, july) == []
    assert [e["id"] for e in items(client, july + "&undated_by_report=true")] == [undated.id]
    assert items(client, "/api/events?date_source=text") == []
