"""Hostile inputs from outside: files, JSON lines and the HTTP API's parameters.

Whatever comes in, extraction returns records or raises `BadInput`, never anything
else, and never hangs: each input is bounded in time. The API answers every request
with a status below 500. The regression tests at the end are the minimal reproducers
of the bugs this fuzzing found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import signal
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eventscope.errors import BadInput
from eventscope.extract import extract_article, read_inputs
from eventscope.records import Article, RawInput
from eventscope.settings import Settings

SECONDS_PER_INPUT = 10
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "seeds"
FUZZ = hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                           HealthCheck.too_slow]
)
ARTICLE = (
    "Iran's defence minister met his Iraqi counterpart in Tehran on Sunday, and the two "
    "signed a memorandum of understanding on military cooperation, state media reported. "
    "The agreement covers training, border security and the exchange of intelligence.\n\n"
) * 3


class InputHang(BaseException):
    """One input took longer than SECONDS_PER_INPUT (a BaseException, so no handler eats it)."""


@contextlib.contextmanager
def time_limit(seconds: float = SECONDS_PER_INPUT) -> Iterator[None]:
    def on_alarm(signum, frame) -> None:
        raise InputHang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_or_reject(raw: RawInput, settings: Settings) -> Article | BadInput:
    """Extraction's only two outcomes, within the time bound."""
    with time_limit():
        try:
            article = extract_article(raw, settings)
        except BadInput as problem:
            return problem
    assert article.text.strip(), "an article with an empty body"
    assert "\x00" not in article.text, "NUL in the cleaned body (PostgreSQL cannot store it)"
    article.text.encode("utf-8")  # raises on lone surrogates, which no database can store
    assert article.id == raw.id
    return article


def read_all(path: Path, settings: Settings) -> list[RawInput | BadInput]:
    with time_limit():
        items = list(read_inputs([path], settings))
    for item in items:
        assert isinstance(item, (RawInput, BadInput))
        if isinstance(item, RawInput):
            assert isinstance(item.id, str)  # the content hash the pipeline keys on
    return items


# -- strategies ----------------------------------------------------------------------

# Unicode that can come out of decoding a file: no lone surrogates.
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000)
noise = st.sampled_from([
    "\x00", "\x07", "\x1b[31m", "\r", "\r\n", "\u2028", "\u0085", "\ufeff", "\u200b", "\u202e",
    "\u200f", "\ufffd", "مرحبا بالعالم", "שלום עולם", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "&amp;", "&#0;", "&#xD800;",
    "<", ">", "<!--", "]]>", "\t" * 50, " " * 500, "=" * 300,
])


@st.composite
def noisy_articles(draw: st.DrawFn) -> str:
    """A real article with noise spliced in at random places, possibly cut short."""
    text = draw(st.sampled_from(seed_texts())) if seed_texts() else ARTICLE
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(noise | any_text) + text[at:]
    cut = draw(st.integers(0, len(text)))
    return text[:cut] if draw(st.booleans()) else text


TAGS = ["div", "p", "span", "b", "a", "table", "tr", "td", "ul", "li", "section", "article", "font"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Pages around real text: deeply nested, unclosed, truncated, with odd attributes."""
    body = draw(noisy_articles())
    depth = draw(st.integers(0, 3000))
    tag = draw(st.sampled_from(TAGS))
    attribute = draw(st.sampled_from(["", ' class="x"', ' style="display:none"', " onload='", ' lang="ar" dir="rtl"']))
    opened = f"<{tag}{attribute}>" * depth
    closed = f"</{tag}>" * draw(st.integers(0, depth))
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    page = (
        f"<html><head><meta charset=utf-8><title>{draw(any_text)[:80]}</title></head>"
        f"<body>{opened}{paragraphs}{closed}</body></html>"
    )
    cut = draw(st.integers(0, len(page)))
    return page[:cut] if draw(st.booleans()) else page


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "cp1251",
             "shift_jis", "gb18030", "koi8-r", "iso-8859-7", "mac-roman"]


@st.composite
def encoded_files(draw: st.DrawFn) -> bytes:
    """Article text in some encoding (characters it cannot hold replaced), or random bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=5000))
    text = draw(noisy_articles())
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | any_text
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(any_text, inner, max_size=4), max_leaves=20)
FIELDS = ["text", "html", "url", "title", "outlet", "published"]


@st.composite
def json_lines(draw: st.DrawFn) -> bytes:
    """A JSON Lines file: objects with the contract's fields and others, and broken lines.

    """
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["object", "object", "value", "broken", "surrogate", "blank"]))
        if kind == "object":
            record = {"text" if draw(st.booleans()) else "html": draw(noisy_articles() | any_text)}
            for field in draw(st.lists(st.sampled_from(FIELDS[2:]), max_size=4, unique=True)):
                record[field] = draw(
                    any_text | json_values | st.sampled_from(["2019-06-30", "30 June 2019", "not a date"])
                )
            record.update(draw(st.dictionaries(any_text, json_values, max_size=2)))
            line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        elif kind == "value":
            line = json.dumps(draw(json_values))
        elif kind == "surrogate":  # JSON escapes can spell characters no file can hold
            escape = draw(st.sampled_from(["\\ud800", "\\udfff", "\\udbff\\udbff", "\\u0000"]))
            line = '{"text": "' + escape + json.dumps(draw(noisy_articles()))[1:] + "}"
        elif kind == "broken":
            line = json.dumps({"text": draw(noisy_articles())})[: draw(st.integers(0, 200))]
        else:
            line = draw(st.sampled_from(["", "   ", "\t"]))
        lines.append(line.encode("utf-8"))
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


@functools.lru_cache(maxsize=1)
def seed_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []


# -- extraction ----------------------------------------------------------------------


@FUZZ
@given(text=noisy_articles() | any_text)
def test_plain_text_becomes_an_article_or_bad_input(settings: Settings, text: str) -> None:
    extract_or_reject(RawInput("fuzz.txt", text, "text"), settings)


@FUZZ
@given(page=html_pages())
def test_html_becomes_an_article_or_bad_input(settings: Settings, page: str) -> None:
    extract_or_reject(RawInput("fuzz.html", page, "html"), settings)


@FUZZ
@given(data=encoded_files(), suffix=st.sampled_from([".txt", ".html", ".htm"]))
def test_files_in_any_encoding_are_read_or_rejected(
    settings: Settings, tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)
    for item in read_all(path, settings):
        if isinstance(item, RawInput):
            extract_or_reject(item, settings)
        else:
            assert item.source == str(path)


@FUZZ
@given(data=json_lines())
def test_json_lines_are_read_line_by_line_or_rejected(settings: Settings, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(data)
    items = read_all(path, settings)
    assert items, "a file gives at least one article or one problem"
    for item in items:
        if isinstance(item, BadInput):
            assert item.source == str(path)
            continue
        article = extract_or_reject(item, settings)
        if isinstance(article, Article):
            assert isinstance(article.source, str)
            assert all(v is None or isinstance(v, str) for v in (article.title, article.outlet, article.author))
            assert article.published is None or isinstance(article.published, dt.date)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("one line of two million characters", "word " * 400_000),
        ("two million characters without a space", "a" * 2_000_000),
        ("every control character", "".join(map(chr, range(32))) * 2000 + ARTICLE),
        ("right-to-left overrides around English", "\u202e" + ARTICLE + "\u202c"),
    ],
)
def test_huge_or_odd_text_is_handled_in_bounded_time(settings: Settings, name: str, text: str) -> None:
    extract_or_reject(RawInput(f"{name}.txt", text, "text"), settings)


@pytest.mark.parametrize("depth", [300, 5000, 100_000])
def test_deeply_nested_html_is_handled_in_bounded_time(settings: Settings, depth: int) -> None:
    page = "<html><body>" + "<div>" * depth + f"<p>{ARTICLE}</p>" + "</div>" * depth + "</body></html>"
    extract_or_reject(RawInput("nested.html", page, "html"), settings)


def test_over_size_json_line_is_rejected_and_the_next_line_still_read(settings: Settings, tmp_path: Path) -> None:
    small = settings.with_overrides({"extract.max_file_bytes": 10_000})
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 20_000}) + "\n" + json.dumps({"text": ARTICLE}) + "\n", "utf-8"
    )
    first, second = read_all(path, small)
    assert isinstance(first, BadInput) and "too large" in first.reason and first.line == 1
    assert isinstance(second, RawInput) and second.line == 2


@pytest.fixture(scope="module")
def stages(settings: Settings):
    from eventscope.pipeline import Stages

    return Stages.load(settings)


@pytest.mark.slow
@hypothesis_settings(FUZZ, max_examples=20)
@given(text=noisy_articles())
def test_every_per_article_stage_and_the_store_survive_hostile_articles(
    settings: Settings, stages, text: str
) -> None:
    from eventscope.pipeline import Processed, process_batch
    from eventscope.store import open_store

    with time_limit(3 * SECONDS_PER_INPUT):
        (result,) = process_batch([RawInput("hostile.txt", text, "text")], stages)
    if isinstance(result, BadInput):
        return
    assert isinstance(result, Processed)
    article = result.article
    for mention in article.mentions:
        assert article.text[mention.start:mention.end] == mention.text
    for event in article.events:
        assert 0 <= event.span[0] < event.span[1] <= len(article.text)
    with open_store(":memory:") as store:
        assert store.write_article(article, result.story_item) is True
        assert store.count("events") == len({event.id for event in article.events})


# -- regressions: bugs this fuzzing found, fixed in extract/clean ---------------------


def test_json_line_with_a_lone_surrogate_does_not_crash(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"text": "\\ud800 ' + ARTICLE.replace("\n", " ") + '"}\n', "utf-8")
    for item in read_all(path, settings):
        if isinstance(item, RawInput):
            extract_or_reject(item, settings)


def test_cleaned_body_has_no_nul_characters(settings: Settings) -> None:
    article = extract_or_reject(RawInput("nul.txt", ARTICLE + "\x00" + ARTICLE, "text"), settings)
    assert isinstance(article, Article) and "\x00" not in article.text


def test_jsonl_metadata_of_the_wrong_type_never_reaches_the_article(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "meta.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "title": {"x": 1}, "outlet": 5, "url": ["u"]}) + "\n", "utf-8")
    (item,) = read_all(path, settings)
    if isinstance(item, RawInput):
        article = extract_or_reject(item, settings)
        if isinstance(article, Article):
            assert isinstance(article.source, str)
            assert all(v is None or isinstance(v, str) for v in (article.title, article.outlet))


def test_many_short_lines_are_cleaned_in_bounded_time(settings: Settings) -> None:
    extract_or_reject(RawInput("lines.txt", "Iran.\n" * 20_000 + ARTICLE, "text"), settings)


# -- the HTTP API --------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_client(tmp_path_factory: pytest.TempPathFactory):
    """A test client over the small hand-built database of the API tests."""
    from fastapi.testclient import TestClient

    from eventscope.interfaces.api import create_app
    from sample_store import write_sample_store

    db = tmp_path_factory.mktemp("api") / "api.duckdb"
    write_sample_store(db)
    return TestClient(create_app(str(db)), raise_server_exceptions=False)


# The web pages are left out of the OpenAPI document, so they are listed here.
PAGE_ROUTES = [
    ("/", ["limit", "offset", "title", "country"]),
    ("/stories/{story_id}", []),
    ("/actors/{actor_id}", []),
    ("/dyads", ["a", "b"]),
    ("/dyads/{pair}", ["modality"]),
]


@pytest.fixture(scope="module")
def api_routes(api_client) -> list[tuple[str, list[str]]]:
    """Every GET route the app documents, with the names of its query parameters, and the pages."""
    paths = api_client.get("/openapi.json").json()["paths"]
    return [
        (path, [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"])
        for path, operations in sorted(paths.items())
        if "get" in operations
    ] + PAGE_ROUTES


parameter_values = st.one_of(
    any_text.map(lambda s: s[:300]),
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["", "IRN", "irn", "IRN-IRQ", "057", "05", "2019-06-30", "2019-02-30",
                     "9999-12-31", "0000-00-00", "-1", "1e309", "NaN", "' OR 1=1 --", "%", "_",
                     "\\", "\x00", "a" * 10_000, "asserted", "AGREE"]),
)


@hypothesis_settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_api_answers_any_parameters_without_a_server_error(
    api_client, api_routes, data: st.DataObject
) -> None:
    path, query_names = data.draw(st.sampled_from(api_routes))
    for name in [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]:
        path = path.replace("{" + name + "}", quote(data.draw(parameter_values) or "x", safe=""))
    names = st.sampled_from(query_names + ["unknown"]) if query_names else st.just("unknown")
    params = data.draw(st.lists(st.tuples(names, parameter_values), max_size=5))
    with time_limit():
        response = api_client.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:500])


def test_route_listing_finds_the_api_routes(api_routes) -> None:
    routes = dict(api_routes)
    assert {"/api/events", "/api/stories", "/api/actors"} <= set(routes)
    assert "date_from" in routes["/api/events"]
