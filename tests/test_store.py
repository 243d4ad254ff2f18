"""The store on both engines: DuckDB always, PostgreSQL when EVENTSCOPE_TEST_PG names a server.

Records are built by hand over real article text so these tests do not depend on
the NLP stages; every write goes through the public `Store` methods the pipeline uses.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eventscope.errors import StoreError
from eventscope.interfaces.export import export
from eventscope.records import (
    Actor,
    Agreement,
    Article,
    Cameo,
    Event,
    Location,
    Mention,
    Plover,
    Story,
    content_id,
)
from eventscope.store import Store, open_store
from eventscope.store.schema import MIGRATIONS
from pg_schema import NEEDS_PG, postgres_schema

CONTRACT_SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "contract" / "schema.json"
ENGINES = ["duckdb", pytest.param("postgres", marks=[pytest.mark.postgres, NEEDS_PG])]
TABLES = ("articles", "actors", "mentions", "events", "article_agreements", "agreements", "stories")

IRAN = Actor("act-irn", "Iran", "IRN", "IRN", None, ["Iran", "Tehran"], "country")
IRAQ = Actor("act-irq", "Iraq", "IRQ", "IRQ", None, ["Iraq"], "country")


@contextlib.contextmanager
def fresh_location(engine: str, folder: Path) -> Iterator[str]:
    if engine == "duckdb":
        yield str(folder / f"{uuid.uuid4().hex[:8]}.duckdb")
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture(params=ENGINES)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where an empty database of the engine under test can be opened."""
    with fresh_location(request.param, tmp_path) as where:
        yield where


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with open_store(location) as opened:
        yield opened


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine under test, for tests that open a fresh database per hypothesis example."""
    return request.param


@contextlib.contextmanager
def fresh_store(engine: str, folder: Path) -> Iterator[Store]:
    with fresh_location(engine, folder) as where, open_store(where) as opened:
        yield opened


@pytest.fixture(scope="module")
def seed_texts() -> list[tuple[str, str]]:
    """(file name, text) of the canonical sample articles."""
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "seeds"
    files = sorted(p for p in seeds.glob("*") if p.is_file())
    if not files:
        pytest.skip(f"sample articles not found at {seeds}")
    return [(p.name, p.read_text("utf-8")) for p in files]


def spans_of(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each word first occurs in `text` (words that do not occur are left out)."""
    found = []
    for word in words:
        start = text.find(word)
        if start >= 0:
            found.append((start, start + len(word)))
    return found


def make_article(
    text: str, source: str, spans: list[tuple[int, int]], published: dt.date | None = dt.date(2017, 7, 23)
) -> Article:
    """An article carrying a mention, an event and an agreement per span, as the stages would."""
    article_id = content_id("text", text)
    article = Article(
        id=article_id, source=source, title=text[:40].strip() or None, outlet="Test Outlet",
        author=None, published=published, text=text, language="en",
    )
    parties = [IRAN, IRAQ]
    for index, (start, end) in enumerate(spans):
        source_actor = parties[index % 2]
        target_actor = parties[(index + 1) % 2] if len(spans) > 1 else None  # mentioned elsewhere
        article.mentions.append(
            Mention(index, start, end, text[start:end], source_actor, role="minister", rule="test")
        )
        article.events.append(
            Event(
                id=content_id(article_id, str(start), str(end)), article_id=article_id,
                sentence_index=index, sentence=text[start:end], span=(start, end),
                date=published, source_actor=source_actor.ref(),
                target_actor=target_actor.ref() if target_actor else None,
                cameo=Cameo("057", "05", 1, 8.0), plover=Plover("AGREE", None, ["military"]),
                modality="asserted", attribution=["IRNA"], location=Location("Tehran", "IRN"),
                rule="test", trigger=text[start:end],
            )
        )
    if spans:
        article.agreements.append(
            Agreement(
                id=content_id("agreement", article_id), kind="memorandum of understanding",
                parties=["IRN", "IRQ"], signatories=[IRAN.id], date=published, place="Tehran",
                provisions=["military cooperation"], status="signed", article_ids=[article_id],
                evidence=[(article_id, spans[0][0], spans[0][1])],
            )
        )
    return article


def seed_article(seed_texts: list[tuple[str, str]], which: int = 0) -> Article:
    name, text = seed_texts[which]
    return make_article(text, f"seeds/{name}", spans_of(text, ["Iran", "Iraq", "signed", "military"]))


def exported(store: Store, kind: str, fmt: str = "jsonl", out: Path | None = None) -> str:
    buffer = io.StringIO()
    export(store, kind, fmt, out, buffer)
    return buffer.getvalue()


def jsonl_records(store: Store, kind: str) -> list[dict]:
    # JSON Lines ends records with "\n" only; str.splitlines would also split inside text.
    return [json.loads(line) for line in exported(store, kind).split("\n") if line]


def table_counts(store: Store) -> dict[str, int]:
    return {table: int(store.query(f"SELECT count(*) FROM {table}")[0][0]) for table in TABLES}


def finalize_by_hand(store: Store, article: Article) -> Story:
    """The corpus-level writes `pipeline.finalize` makes, without its NLP stages."""
    story = Story(
        id=content_id("story", article.id), title=article.title, date=article.published,
        article_ids=[article.id], outlets=[article.outlet or ""], event_ids=[e.id for e in article.events],
    )
    with store.transaction():
        store.replace_agreements(store.pending_work().agreements, [])
        store.save_stories([story], {article.id: story.id}, {})
        store.link_agreement_stories()
        store.mark_finalized([article.id])
    return story


# -- schema and migrations -------------------------------------------------------------


def test_new_database_records_each_migration_once(location: str) -> None:
    with open_store(location) as store:
        store.migrate()
        versions = [row[0] for row in store.query("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [version for version, _, _ in MIGRATIONS]
        assert store.schema_version == MIGRATIONS[-1][0]


def test_reopening_keeps_data_and_reapplies_no_migration(location: str, seed_texts) -> None:
    article = seed_article(seed_texts)
    with open_store(location) as store:
        store.write_article(article)
        applied_at = store.query("SELECT applied_at FROM schema_migrations")
    with open_store(location) as store:
        assert store.query("SELECT applied_at FROM schema_migrations") == applied_at
        assert store.known_article_ids([article.id]) == {article.id}
        assert store.count("events") == len(article.events)


@pytest.mark.postgres
@NEEDS_PG
def test_postgres_tables_have_the_same_columns_as_duckdb(tmp_path: Path) -> None:
    def columns(store: Store) -> dict[str, list[str]]:
        return {
            table: [name for (name,) in store.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                " AND table_schema = current_schema() ORDER BY ordinal_position", [table])]
            for table in TABLES
        }

    with (
        open_store(tmp_path / "reference.duckdb") as duck,
        postgres_schema() as url,
        open_store(url) as postgres,
    ):
        assert postgres.engine == "postgres"
        assert columns(postgres) == columns(duck)
        assert all(columns(duck).values())


# -- per-article writes ----------------------------------------------------------------


def publication(article) -> dict:
    """What an event record says about its article."""
    published = article.published.isoformat() if article.published else None
    return {"source": article.source, "outlet": article.outlet, "published": published}


def test_written_article_reads_back_as_contract_records(store: Store, seed_texts) -> None:
    article = seed_article(seed_texts)
    assert article.events, "the seed article should mention Iran"
    assert store.write_article(article, {"id": article.id}) is True

    assert jsonl_records(store, "articles") == [article.to_record()]
    assert jsonl_records(store, "events") == sorted(
        (event.to_record() | {"article": publication(article)} for event in article.events),
        key=lambda r: (r["span"][0], r["id"]),
    )
    actors = {record["id"]: record for record in jsonl_records(store, "actors")}
    assert set(actors) == {m.actor.id for m in article.mentions}
    assert actors[IRAN.id]["aliases"] == sorted(IRAN.aliases)
    assert store.pending_work().article_ids == [article.id]
    assert store.pending_work().story_items == [{"id": article.id}]


def test_rewriting_a_stored_article_adds_nothing(store: Store, seed_texts) -> None:
    article = seed_article(seed_texts)
    store.write_article(article)
    before = table_counts(store)
    assert store.write_article(article) is False
    assert table_counts(store) == before


def test_failed_write_leaves_no_part_of_the_article(store: Store, seed_texts) -> None:
    article = seed_article(seed_texts)
    article.events[-1].cameo = Cameo(None, "05", 1, 8.0)  # type: ignore[arg-type]  # NOT NULL column
    with pytest.raises(StoreError):
        store.write_article(article)
    assert table_counts(store) == dict.fromkeys(TABLES, 0)
    assert store.write_article(seed_article(seed_texts)) is True


def test_a_group_is_written_whole_skipping_what_is_stored(store: Store, seed_texts) -> None:
    first, second, third = (seed_article(seed_texts, i) for i in range(3))
    renamed = Actor(IRAN.id, IRAN.name, IRAN.code, IRAN.country, None, ["Islamic Republic"], "country")
    for mention in third.mentions:
        if mention.actor.id == IRAN.id:
            mention.actor = renamed
    store.write_article(first)
    written = store.write_articles([(first, None), (second, {"id": second.id}), (third, None), (second, None)])
    assert [a.id for a in written] == [second.id, third.id]
    assert table_counts(store)["articles"] == 3
    assert table_counts(store)["events"] == sum(len(a.events) for a in (first, second, third))
    (iran,) = [a for a in store.actors() if a.id == IRAN.id]
    assert iran.aliases == sorted({"Iran", "Tehran", "Islamic Republic"})


def test_a_failed_group_leaves_none_of_its_articles(store: Store, seed_texts) -> None:
    good, bad = seed_article(seed_texts, 0), seed_article(seed_texts, 1)
    bad.events[-1].cameo = Cameo(None, "05", 1, 8.0)  # type: ignore[arg-type]  # NOT NULL column
    with pytest.raises(StoreError):
        store.write_articles([(good, None), (bad, None)])
    assert table_counts(store) == dict.fromkeys(TABLES, 0)


def test_shared_actor_gains_aliases_from_each_article(store: Store, seed_texts) -> None:
    first, second = seed_article(seed_texts, 0), seed_article(seed_texts, 1)
    renamed = Actor(IRAN.id, IRAN.name, IRAN.code, IRAN.country, None, ["Islamic Republic"], "country")
    for mention in second.mentions:
        if mention.actor.id == IRAN.id:
            mention.actor = renamed
    store.write_article(first)
    store.write_article(second)
    (iran,) = [a for a in store.actors() if a.id == IRAN.id]
    assert iran.aliases == sorted({"Iran", "Tehran", "Islamic Republic"})


# -- corpus-level writes ---------------------------------------------------------------


def test_finalized_article_links_story_events_and_agreements(store: Store, seed_texts) -> None:
    article = seed_article(seed_texts)
    store.write_article(article, {"id": article.id})
    story = finalize_by_hand(store, article)

    assert store.pending_work().article_ids == []
    assert store.story_items() == [{"id": article.id}]
    assert jsonl_records(store, "stories") == [story.to_record()]
    assert {record["story_id"] for record in jsonl_records(store, "events")} == {story.id}
    assert [record["story_id"] for record in jsonl_records(store, "articles")] == [story.id]
    (agreement,) = jsonl_records(store, "agreements")
    assert agreement["story_id"] == story.id
    assert agreement["evidence"] == [[article.id, *article.events[0].span]]
    assert store.agreements()[0].evidence == [(article.id, *article.events[0].span)]


def test_actor_merge_points_mentions_and_events_at_the_canonical_actor(store: Store, seed_texts) -> None:
    article = seed_article(seed_texts)
    store.write_article(article)
    canonical = Actor("act-iran", "Islamic Republic of Iran", "IRN", "IRN", None, ["Iran", "Persia"], "country")
    with store.transaction():
        store.apply_actor_merge({IRAN.id: canonical})
    assert {a.id for a in store.actors()} == {canonical.id, IRAQ.id}
    events = jsonl_records(store, "events")
    assert IRAN.id not in {e["source_actor"]["id"] for e in events} | {e["target_actor"]["id"] for e in events}
    assert {"id": canonical.id, "name": canonical.name, "code": "IRN", "country": "IRN"} in [
        e["source_actor"] for e in events
    ]
    assert not store.query("SELECT 1 FROM mentions WHERE actor_id = ?", [IRAN.id])


def test_error_inside_a_transaction_undoes_its_corpus_writes(store: Store, seed_texts) -> None:
    article = seed_article(seed_texts)
    store.write_article(article)
    with pytest.raises(RuntimeError), store.transaction():
        store.mark_finalized([article.id])
        raise RuntimeError("crash between two corpus-level writes")
    assert store.pending_work().article_ids == [article.id]


# -- read-only queries of the API and dyad pages --------------------------------------


def test_every_record_filter_runs_and_selects_on_this_engine(store: Store, seed_texts) -> None:
    article = seed_article(seed_texts)
    store.write_article(article, {"id": article.id})
    story = finalize_by_hand(store, article)
    every_event = len(article.events)

    def total(record_kind: str, **filters) -> int:
        return store.find_records(record_kind, filters, limit=None).total

    assert total("events", country="IRN") == every_event
    assert total("events", dyad=("IRQ", "IRN")) == every_event
    assert total("events", actor=IRAQ.id, cameo_root="05", quad_class=1) == every_event
    assert total("events", plover_type="agree", modality="asserted", story_id=story.id) == every_event
    assert total("events", date_from=dt.date(2017, 7, 23), date_to=dt.date(2017, 7, 23)) == every_event
    assert total("events", date_from=dt.date(2017, 7, 24)) == 0
    assert total("events", cameo_code="190") == 0
    assert total("events", between=("irn", "Iraq"), actor="iran", outlet="Test Outlet") == every_event
    assert total("events", source="IRQ") + total("events", target="IRQ") == every_event
    assert total("events", modality=["planned", "asserted"], q=article.events[0].sentence[:12].upper()) >= 1
    assert total("events", min_confidence=1.01) == total("events", q="%") == total("events", modality=[]) == 0
    assert total("articles", actor=IRAN.id, outlet="Test Outlet", language="en") == 1
    assert total("stories", title=article.title[:5].upper(), outlet="Test Outlet", dyad=("IRN", "IRQ")) == 1
    assert total("stories", country="IRQ", actor=IRAN.id, date_to=dt.date(2017, 7, 22)) == 0
    assert total("actors", name="TEHRAN") == 1
    assert total("actors", country="IRQ", kind="country", code="IRQ") == 1
    assert total("agreements", party="IRN", dyad=("IRQ", "IRN"), status="signed", kind="Memorandum of Understanding") == 1
    assert total("agreements", article_id=article.id, story_id=story.id) == 1
    page = store.find_records("events", {"country": "IRN"}, limit=1, offset=1)
    assert (page.total, len(page.items)) == (every_event, 1)
    assert store.get_record("events", article.events[0].id) == article.events[0].to_record() | {
        "story_id": story.id, "article": publication(article)}
    assert store.get_record("stories", "missing") is None
    assert len(store.dyad_events("IRQ", "IRN")) == every_event
    assert store.top_dyads(["asserted"]) == [("IRN", "IRQ", len({(e.cameo.code, e.source_actor.id) for e in article.events}))]
    assert store.top_dyads(["proposed"]) == []
    assert store.counterpart_countries(["asserted"], country="IRN") == [store.top_dyads(["asserted"])[0][1:]]
    assert store.counterpart_countries(["asserted"], actor_id=IRAN.id)[0][0] == "IRQ"


# -- exports ---------------------------------------------------------------------------


def test_jsonl_export_of_every_kind_matches_the_contract_schema(store: Store, seed_texts) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not CONTRACT_SCHEMA.is_file():
        pytest.skip(f"contract schema not found at {CONTRACT_SCHEMA}")
    contract = json.loads(CONTRACT_SCHEMA.read_text("utf-8"))
    article = seed_article(seed_texts)
    store.write_article(article, {"id": article.id})
    finalize_by_hand(store, article)
    singular = {"articles": "article", "events": "event", "actors": "actor", "stories": "story",
                "agreements": "agreement"}
    for kind, name in singular.items():
        validator = jsonschema.Draft202012Validator({**contract, "$ref": f"#/$defs/{name}"})
        records = jsonl_records(store, kind)
        assert records, kind
        for record in records:
            validator.validate(record)


def test_csv_export_flattens_nested_fields_into_columns(store: Store, seed_texts) -> None:
    article = seed_article(seed_texts)
    store.write_article(article)
    rows = list(csv.DictReader(io.StringIO(exported(store, "events", "csv"))))
    assert [row["id"] for row in rows] == [r["id"] for r in jsonl_records(store, "events")]
    first = rows[0]
    assert {"span_start", "span_end", "cameo_code", "source_actor_country", "plover_context"} <= set(first)
    assert article.text[int(first["span_start"]):int(first["span_end"])] == first["sentence"]
    assert json.loads(first["plover_context"]) == ["military"]


def test_parquet_export_has_one_row_per_record(store: Store, seed_texts, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    article = seed_article(seed_texts)
    store.write_article(article)
    out = tmp_path / "events.parquet"
    assert export(store, "events", "parquet", out, io.StringIO()) == len(article.events)
    table = pq.read_table(out)
    assert sorted(table.column("id").to_pylist()) == sorted(e.id for e in article.events)
    assert table.column("cameo_quad_class").to_pylist() == [1] * len(article.events)


@pytest.mark.postgres
@NEEDS_PG
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_exports_the_same_bytes_from_duckdb_and_postgres(seed_texts, tmp_path: Path, fmt: str) -> None:
    from click.testing import CliRunner

    from eventscope.interfaces.cli import main

    article = seed_article(seed_texts)
    duck = str(tmp_path / "events.duckdb")
    with postgres_schema() as url:
        for location in (duck, url):
            with open_store(location) as store:
                store.write_article(article, {"id": article.id})
                finalize_by_hand(store, article)
        for kind in ("articles", "events", "actors", "stories", "agreements"):
            outputs = [
                CliRunner().invoke(main, ["export", kind, "--db", location, "--format", fmt])
                for location in (duck, url)
            ]
            assert [o.exit_code for o in outputs] == [0, 0], outputs[1].output
            assert outputs[0].output == outputs[1].output, kind
            assert outputs[0].output.strip(), kind


def test_unknown_record_kind_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown record kind"):
        list(store.iter_records("people; DROP TABLE articles"))


def test_text_with_nul_character_is_stored_with_every_offset_kept(store: Store) -> None:
    text = "Iran and Iraq signed\x00 a memorandum of understanding in Tehran on Sunday."
    article = make_article(text, "nul.txt", spans_of(text, ["Iran", "Tehran"]))
    assert store.write_article(article) is True
    (stored,) = jsonl_records(store, "articles")
    # DuckDB keeps NUL; PostgreSQL cannot, and stores the replacement character instead.
    assert stored["text"] in (text, text.replace("\x00", "\ufffd"))
    for event in jsonl_records(store, "events"):
        start, end = event["span"]
        assert stored["text"][start:end] == text[start:end]


# -- opening ---------------------------------------------------------------------------


def test_directory_is_not_a_duckdb_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


def test_reading_a_missing_duckdb_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://analyst:s3cret@127.0.0.1:1/events",
        "postgresql://analyst@127.0.0.1:1/events?password=s3cret",
        "postgresql://analyst:s3cret@127.0.0.1:1/events?sslmode=bogus",
        "postgresql://analyst:s3cret@[127.0.0.1/events",
        "postgres://analyst:s3cret@127.0.0.1:notaport/events",
    ],
)
def test_unusable_postgres_url_is_a_store_error_that_hides_the_password(url: str) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as raised:
        open_store(url)
    assert "s3cret" not in str(raised.value)


@pytest.mark.postgres
@NEEDS_PG
def test_concurrent_postgres_writers_store_an_article_once(seed_texts) -> None:
    article = seed_article(seed_texts)
    with postgres_schema() as url:
        with open_store(url):
            pass
        results: list[bool | Exception] = []
        start = threading.Barrier(4)

        def write() -> None:
            with open_store(url) as store:
                start.wait()
                try:
                    results.append(store.write_article(article))
                except StoreError as exc:
                    results.append(exc)

        threads = [threading.Thread(target=write) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(results, key=str) == [False, False, False, True]
        with open_store(url) as store:
            assert table_counts(store)["events"] == len(article.events)


@pytest.mark.postgres
@NEEDS_PG
def test_postgres_reader_opens_while_a_writer_holds_the_lock(seed_texts) -> None:
    with postgres_schema() as url, open_store(url) as writer:
        seen: list[int] = []

        def read() -> None:
            with open_store(url) as reader:
                seen.append(reader.count("articles"))

        with writer.transaction():
            writer.write_article(seed_article(seed_texts))
            reader_thread = threading.Thread(target=read, daemon=True)
            reader_thread.start()
            reader_thread.join(timeout=20)
            assert not reader_thread.is_alive(), "opening the store waited for the writer"
        assert seen == [0], "the reader saw an uncommitted article"


# -- properties ------------------------------------------------------------------------

PROPERTY_SETTINGS = hypothesis_settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Text a cleaned article body can hold: any character except NUL and lone surrogates.
article_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1, max_size=400,
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(article_texts)
    bounds = st.integers(min_value=0, max_value=len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=4))
    spans = sorted({(min(a, b), max(a, b)) for a, b in pairs if a != b})
    published = draw(st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
    source = draw(st.text(min_size=1, max_size=60).filter(lambda s: "\x00" not in s and not any(
        "\ud800" <= ch <= "\udfff" for ch in s)))
    return make_article(text, source, spans, published)


@PROPERTY_SETTINGS
@given(article=articles())
def test_store_export_load_round_trip(engine: str, tmp_path: Path, article: Article) -> None:
    with fresh_store(engine, tmp_path) as store:
        assert store.write_article(article) is True
        assert jsonl_records(store, "articles") == [article.to_record()]
        assert sorted(jsonl_records(store, "events"), key=lambda r: r["id"]) == sorted(
            (e.to_record() | {"article": publication(article)} for e in article.events), key=lambda r: r["id"]
        )


@PROPERTY_SETTINGS
@given(article=articles())
def test_reingesting_adds_nothing(engine: str, tmp_path: Path, article: Article) -> None:
    with fresh_store(engine, tmp_path) as store:
        store.write_article(article)
        before = table_counts(store)
        assert store.write_article(article) is False
        assert table_counts(store) == before


@PROPERTY_SETTINGS
@given(article=articles())
def test_event_spans_index_the_stored_article_text(engine: str, tmp_path: Path, article: Article) -> None:
    with fresh_store(engine, tmp_path) as store:
        store.write_article(article)
        (text,) = [r["text"] for r in store.iter_records("articles")]
        for event in store.iter_records("events"):
            start, end = event["span"]
            assert 0 <= start < end <= len(text)
            assert text[start:end] == event["sentence"]
