"""Extraction: reading inputs, bad inputs, the plain-text cleaner, HTML, golden seed files."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest

from eventscope.errors import BadInput
from eventscope.extract.article import extract_article
from eventscope.extract.blocks import split_blocks
from eventscope.extract.clean import clean_text
from eventscope.extract.date_lines import parse_date_line
from eventscope.extract.html import corroborated_title, html_to_text
from eventscope.extract.inputs import read_inputs
from eventscope.extract.language import (
    LANGID_NGRAM_BYTES,
    SHORT_TEXT_CHARS,
    detect_language,
    language_features,
    language_model,
)
from eventscope.extract.metadata import HEAD_BEFORE
from eventscope.records import RawInput

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
SEED_FILES = sorted(FIXTURES.glob("*.txt"))

# An article written for these tests (not one of the seeds), in three paragraphs.
PARAGRAPHS = [
    (
        "Kenya and Ethiopia agreed on Tuesday to share water from the Omo river under a joint "
        "commission, ending two years of talks that had strained relations between the neighbours."
    ),
    (
        "The commission will publish river flow data every month and settle disputes over dams "
        "upstream, officials from both governments told reporters in Addis Ababa after the signing."
    ),
    (
        "“This agreement protects the livelihoods of herders on both sides of the border,” the "
        "Kenyan water minister said, adding that the first joint survey would begin in March."
    ),
]
TITLE = "Kenya and Ethiopia agree to share Omo river water"


def page(*middle: str, head: tuple[str, ...] = (), tail: tuple[str, ...] = ()) -> str:
    """A scraped page: head lines, title, paragraph 1, middle lines, paragraphs 2-3, tail."""
    lines = [*head, TITLE, PARAGRAPHS[0], *middle, PARAGRAPHS[1], PARAGRAPHS[2], *tail]
    return "\n\n".join(lines)


def assert_article_intact(text: str) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in text


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- golden files: the five seed scrapes, reviewed by reading ---------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem[:3])
def test_seed_article_matches_reviewed_golden_file(seed: Path, settings) -> None:
    expected = json.loads(seed.with_suffix(".expected.json").read_text("utf-8"))
    [raw] = list(read_inputs([seed], settings))
    article = extract_article(raw, settings)
    assert article.title == expected["title"]
    assert article.outlet == expected["outlet"]
    assert article.author == expected["author"]
    assert article.published == (
        dt.date.fromisoformat(expected["published"]) if expected["published"] else None
    )
    assert article.language == expected["language"]
    assert article.text == expected["text"]


def test_seed_dates_are_the_stated_ones_and_null_otherwise(settings) -> None:
    dates = {
        seed.stem[:3]: extract_article(next(read_inputs([seed], settings)), settings).published
        for seed in SEED_FILES
    }
    assert dates == {
        "000": dt.date(2017, 7, 31),
        "001": None,
        "002": None,
        "003": dt.date(2019, 6, 24),
        "004": None,
    }


# --- read_inputs ---------------------------------------------------------------------------


def test_read_inputs_walks_folders_recursively_in_sorted_order(tmp_path, settings) -> None:
    write(tmp_path / "b" / "z.txt", "zed")
    write(tmp_path / "b" / "a.html", "<p>a</p>")
    write(tmp_path / "a.txt", "first")
    write(tmp_path / "notes.md", "not an article")
    given = str(tmp_path)
    sources = [item.source for item in read_inputs([given], settings)]
    assert sources == [
        os.path.join(given, "a.txt"),
        os.path.join(given, "b/a.html"),
        os.path.join(given, "b/z.txt"),
    ]


def test_read_inputs_keeps_the_path_as_given_for_a_file(tmp_path, settings, monkeypatch) -> None:
    write(tmp_path / "story.txt", "Some text.")
    monkeypatch.chdir(tmp_path)
    [raw] = list(read_inputs(["./story.txt"], settings))
    assert isinstance(raw, RawInput)
    assert (raw.source, raw.kind, raw.content) == ("./story.txt", "text", "Some text.")


def test_read_inputs_marks_html_files_as_html(tmp_path, settings) -> None:
    write(tmp_path / "page.HTM", "<html><body><p>x</p></body></html>")
    [raw] = list(read_inputs([tmp_path / "page.HTM"], settings))
    assert raw.kind == "html"


def test_unsupported_file_given_directly_is_bad_input(tmp_path, settings) -> None:
    path = write(tmp_path / "report.pdf", b"%PDF-1.4")
    [bad] = list(read_inputs([path], settings))
    assert isinstance(bad, BadInput)
    assert "unsupported" in bad.reason


def test_missing_path_is_bad_input_and_the_batch_goes_on(tmp_path, settings) -> None:
    good = write(tmp_path / "ok.txt", "Fine.")
    items = list(read_inputs([tmp_path / "missing.txt", good], settings))
    assert isinstance(items[0], BadInput) and "no such file" in items[0].reason
    assert isinstance(items[1], RawInput)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
    ids=["empty", "whitespace-only", "binary"],
)
def test_empty_and_binary_files_are_bad_input(tmp_path, settings, content, reason) -> None:
    path = write(tmp_path / "item.txt", content)
    [bad] = list(read_inputs([path], settings))
    assert isinstance(bad, BadInput)
    assert reason in bad.reason
    assert bad.source == str(path)


def test_oversize_file_is_rejected_before_reading(tmp_path, settings) -> None:
    path = write(tmp_path / "big.txt", "x" * 2048)
    small = settings.with_overrides({"extract.max_file_bytes": 1024})
    [bad] = list(read_inputs([path], small))
    assert isinstance(bad, BadInput) and "too large" in bad.reason


def test_legacy_encoding_is_decoded_when_confident(tmp_path, settings) -> None:
    text = (
        "Le ministre des Affaires étrangères a déclaré mercredi que l'accord signé à Genève "
        "était « une étape décisive » pour la région, après des années de négociations difficiles "
        "entre les délégations réunies à l'hôtel de ville."
    )
    path = write(tmp_path / "latin.txt", text.encode("cp1252"))
    [raw] = list(read_inputs([path], settings))
    assert isinstance(raw, RawInput)
    assert "étrangères" in raw.content and "« une étape décisive »" in raw.content


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_byte_order_mark_are_decoded(tmp_path, settings, encoding) -> None:
    path = write(tmp_path / "wide.txt", "Zürich talks – day two".encode(encoding))
    [raw] = list(read_inputs([path], settings))
    assert raw.content == "Zürich talks – day two"


def test_binary_jsonl_file_is_one_bad_input(tmp_path, settings) -> None:
    path = write(tmp_path / "blob.jsonl", b"\x00\x01\x02\n" * 50)
    [bad] = list(read_inputs([path], settings))
    assert isinstance(bad, BadInput) and "binary" in bad.reason and bad.line is None


def test_utf8_byte_order_mark_is_removed(tmp_path, settings) -> None:
    path = write(tmp_path / "bom.txt", "\ufeffHeadline here".encode())
    [raw] = list(read_inputs([path], settings))
    assert raw.content == "Headline here"


def test_undecodable_text_is_bad_input(tmp_path, settings) -> None:
    noise = bytes(range(0x80, 0x100)) * 8 + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40
    path = write(tmp_path / "noise.txt", noise)
    [bad] = list(read_inputs([path], settings))
    assert isinstance(bad, BadInput) and "decode" in bad.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_bad_input(tmp_path, settings) -> None:
    path = write(tmp_path / "locked.txt", "secret")
    path.chmod(0)
    try:
        [bad] = list(read_inputs([path], settings))
    finally:
        path.chmod(0o644)
    assert isinstance(bad, BadInput) and "cannot read" in bad.reason


def test_jsonl_lines_become_articles_and_bad_lines_are_reported(tmp_path, settings) -> None:
    lines = [
        json.dumps({"text": "Body one.", "url": "https://example.org/a", "title": "A"}),
        "{not json",
        json.dumps({"html": "<p>Body two.</p>", "outlet": "Example Times"}),
        "",
        json.dumps({"title": "no body"}),
        json.dumps(["a", "list"]),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_inputs([path], settings))
    first, malformed, second, missing, not_object = items
    assert (first.source, first.kind, first.line, first.meta["title"]) == (
        "https://example.org/a",
        "text",
        1,
        "A",
    )
    assert (
        isinstance(malformed, BadInput) and malformed.line == 2 and "malformed" in malformed.reason
    )
    assert (second.source, second.kind, second.meta) == (
        f"{path}:3",
        "html",
        {"outlet": "Example Times"},
    )
    assert isinstance(missing, BadInput) and missing.line == 5 and "no 'text'" in missing.reason
    assert isinstance(not_object, BadInput) and not_object.line == 6


def test_empty_jsonl_file_is_bad_input(tmp_path, settings) -> None:
    path = write(tmp_path / "none.jsonl", "\n\n")
    [bad] = list(read_inputs([path], settings))
    assert isinstance(bad, BadInput) and "empty" in bad.reason


def test_jsonl_is_read_streaming(tmp_path, settings) -> None:
    path = write(tmp_path / "stream.jsonl", json.dumps({"text": "first"}) + "\n")
    items = read_inputs([path], settings)
    first = next(items)
    with path.open("a", encoding="utf-8") as stream:  # appended after the first line was read
        stream.write(json.dumps({"text": "second"}) + "\n")
    assert [first.content, next(items).content] == ["first", "second"]


# --- extract_article -----------------------------------------------------------------------


def test_article_without_text_raises_bad_input(settings) -> None:
    raw = RawInput(source="tiny.txt", content="Home\n\nShare this\n\nSubscribe", kind="text")
    with pytest.raises(BadInput) as caught:
        extract_article(raw, settings)
    assert caught.value.source == "tiny.txt" and "no article text" in caught.value.reason


def test_article_id_source_and_language_come_from_the_input(settings) -> None:
    raw = RawInput(source="x.txt", content=page(), kind="text")
    article = extract_article(raw, settings)
    assert (article.id, article.source, article.language) == (raw.id, "x.txt", "en")
    assert article.title == TITLE
    assert_article_intact(article.text)


def test_language_of_a_german_article_is_de(settings) -> None:
    text = (
        "Die Bundesregierung hat am Mittwoch ein neues Abkommen mit Frankreich unterzeichnet, "
        "das die Zusammenarbeit bei der Energieversorgung in den kommenden zehn Jahren regelt. "
        "Beide Seiten sprachen von einem wichtigen Schritt für die europäische Einigung.\n\n"
        "Nach Angaben des Ministeriums sollen die ersten Projekte noch in diesem Jahr beginnen."
    )
    article = extract_article(RawInput(source="de.txt", content=text, kind="text"), settings)
    assert article.language == "de"


def test_json_line_metadata_overrides_what_the_text_states(settings) -> None:
    text = page(head=("March 3, 2021",))
    raw = RawInput(
        source="u",
        content=text,
        kind="text",
        meta={"title": "Given title", "outlet": "Wire", "published": "2021-03-04T08:00:00Z"},
    )
    article = extract_article(raw, settings)
    assert (article.title, article.outlet, article.published) == (
        "Given title",
        "Wire",
        dt.date(2021, 3, 4),
    )


HTML_PAGE = """<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Kenya and Ethiopia agree to share Omo river water | River News</title>
<meta property="og:site_name" content="River News">
<meta name="author" content="Amina Otieno">
<meta property="article:published_time" content="2022-05-17T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Kenya and Ethiopia agree to share Omo river water</h1>
<p>{}</p><p>{}</p><p>{}</p>
<figure><img src="dam.jpg"><figcaption>The Gibe III dam. Photo: Jane Roe/AFP</figcaption></figure>
</article>
<footer><p>© 2022 River News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>""".format(*PARAGRAPHS)


def test_html_article_body_and_metadata_come_from_the_page(settings) -> None:
    article = extract_article(RawInput(source="p.html", content=HTML_PAGE, kind="html"), settings)
    assert_article_intact(article.text)
    assert "All rights reserved" not in article.text and "Sport" not in article.text
    assert article.title == TITLE
    assert (article.outlet, article.author) == ("River News", "Amina Otieno")
    assert article.published == dt.date(2022, 5, 17)
    assert not article.text.startswith(TITLE)  # the headline is the title, not body text


def test_promotional_heading_loses_to_the_headline_echoed_by_the_page_title() -> None:
    html = (
        f"<html><head><title>{TITLE} - River News</title></head><body>"
        "<h1>Get our app for free!</h1><article><h2>" + TITLE + "</h2><p>text</p></article>"
        "</body></html>"
    )
    assert corroborated_title(html, "Get our app for free!") == TITLE
    assert corroborated_title(html, TITLE) == TITLE
    no_heading = html.replace(f"<h2>{TITLE}</h2>", "")
    assert corroborated_title(no_heading, "Get our app for free!") == TITLE


def test_html_to_text_keeps_menus_and_footers_one_line_per_block() -> None:
    lines = html_to_text(HTML_PAGE).split("\n\n")
    assert lines[:4] == [f"{TITLE} | River News", "Home", "World", "Sport"]
    assert PARAGRAPHS[0] in lines
    assert "© 2022 River News. All rights reserved." in lines


def test_html_dump_of_a_page_cleans_to_the_article() -> None:
    clean = clean_text(html_to_text(HTML_PAGE))
    assert_article_intact(clean.text)
    assert "Privacy policy" not in clean.text and "Home" not in clean.text
    assert (clean.title, clean.outlet) == (TITLE, "River News")


# --- language detection: py3langid's own decision, without its per-byte Python loop --------

LANGUAGE_SAMPLES = [
    "\n\n".join(PARAGRAPHS),
    "Die Bundesregierung hat am Mittwoch ein neues Abkommen mit Frankreich unterzeichnet.",
    "東京都は月曜日、新しい防災計画を発表した。 Москва и Пекин подписали соглашение.",
    "مرحبا بالعالم 😀 — 12,5 % \t\r\n",
    "Lone \ud800 surrogate",
    "a",
    "",
    "Kenya " * 2000,  # past the sample detect_language reads
]


@pytest.mark.parametrize(
    "text", LANGUAGE_SAMPLES + [seed.read_text("utf-8") for seed in SEED_FILES]
)
def test_language_features_and_decision_are_py3langids(text: str) -> None:
    import py3langid

    expected = language_model().identifier.instance2fv(text)
    found = language_features(text)
    assert found.dtype == expected.dtype and (found == expected).all()
    if len(text) >= SHORT_TEXT_CHARS:  # shorter ones are told by their function words too
        assert detect_language(text) == py3langid.classify(text[:5000])[0]


@pytest.mark.parametrize("text, language", [
    ("Kenyan police shot dead two protesters in Kisumu.", "en"),
    ("Unidentified gunmen kidnapped three aid workers in North Kivu.", "en"),
    ("La police a arrêté deux hommes à Kharkiv lundi.", "fr"),
    ("Die Bundesregierung hat am Mittwoch ein neues Abkommen mit Frankreich unterzeichnet.", "de"),
    ("Polisi Kenya menembak mati dua demonstran di Kisumu.", "id"),
])
def test_a_short_wire_items_language_is_told_by_its_function_words(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_py3langid_scanner_state_depends_on_the_last_ngram_bytes_only() -> None:
    """What `language_features` relies on, for every state and byte of the model.

    Each state is named by the shortest bytes that lead to it from the start. When every
    move goes to the state named by the longest suffix of (old state's name + byte) that
    names a state, the state after any text is the one named by the text's longest suffix
    that names a state; with names of at most LANGID_NGRAM_BYTES bytes, it depends on the
    last LANGID_NGRAM_BYTES bytes only.
    """
    transitions = language_model().transitions.reshape(-1, 256).tolist()
    single = [bytes([byte]) for byte in range(256)]
    names = {0: b""}
    frontier = [0]
    while frontier:
        reached = []
        for state in frontier:
            for byte, target in enumerate(transitions[state]):
                if target not in names:
                    names[target] = names[state] + single[byte]
                    reached.append(target)
        frontier = reached
    assert max(map(len, names.values())) == LANGID_NGRAM_BYTES
    state_named = {name: state for state, name in names.items()}
    for state, name in names.items():
        suffixes = [name[start:] for start in range(len(name) + 1)]  # longest first
        for byte, target in enumerate(transitions[state]):
            named = [state_named.get(suffix + single[byte]) for suffix in suffixes]
            longest = next((found for found in named if found is not None), 0)  # 0: start
            assert target == longest


# --- the plain-text cleaner: one test per kind of furniture, none from the seeds -------------

BOILERPLATE = {
    "paywall": (
        "You have 2 free articles remaining this month.",
        "Subscribe now to continue reading.",
    ),
    "metered paywall": ("You've used your monthly free article limit.",),
    "subscription offer": (
        "Unlimited digital access for only $1.99/month",
        "Already have an account? Sign in",
    ),
    "donation appeal": (
        "Dear readers,",
        "Independent reporting costs money. Please support our journalism with a donation today.",
        "Thank you for reading.",
    ),
    "cookie banner": (
        "We use cookies to improve your experience on this site. Accept all cookies",
    ),
    "consent link": ("Privacy Settings",),
    "share buttons": ("Share on Facebook", "Share on Twitter", "Email this article"),
    "share row": ("Facebook Twitter LinkedIn WhatsApp Email",),
    "skip link": ("Skip to main content",),
    "page anchors": ("Back to top",),
    "comment form": ("Leave a comment",),
    "comment counter": ("12 comments",),
    "view counter": ("3.4k views",),
    "reading time": ("6 min read",),
    "photo credit": ("Photo: Tom Brown/Reuters",),
    "credit in parentheses": (
        "Herders water cattle near Lake Turkana. (Photo credit: ANNE SMITH)",
    ),
    "agency caption": (
        "Herders water cattle near Lake Turkana in 2021. JOHN DOE/AFP/GETTY IMAGES",
    ),
    "breadcrumbs": ("News › Africa › East Africa › Water",),
    "tag list": ("Tags: Kenya, Ethiopia, water, rivers",),
    "advertisement label": ("Advertisement",),
    "inline link": ("READ MORE: Drought hits northern Kenya hard",),
}


@pytest.mark.parametrize("lines", BOILERPLATE.values(), ids=BOILERPLATE.keys())
def test_cleaner_drops_each_kind_of_boilerplate_inside_the_body(lines) -> None:
    clean = clean_text(page(*lines))
    assert_article_intact(clean.text)
    for line in lines:
        assert line not in clean.text


TRAILING_BOXES = {
    "related box with dates": (
        "Related Articles",
        "Uganda and Tanzania sign pipeline deal",
        "April 2, 2020",
        "Drought hits northern Kenya hard this year",
        "January 15, 2020",
    ),
    "author bio box": (
        "About the author",
        (
            "Peter Mwangi covers East Africa for the paper. He previously reported from Kampala "
            "and Juba, and holds a degree in journalism from the University of Nairobi."
        ),
    ),
    "comment section": (
        "Comments (2)",
        "Great article, thanks for the balanced view of the issue.",
        "I doubt this will hold once the next drought comes.",
    ),
    "recommendations": ("You may also like", "Ten things to do in Nairobi this weekend"),
    "wire credits": (
        "Reporting by Amina Otieno in Nairobi; Editing by Peter Graff",
        "Associated Press writer John Doe in Addis Ababa contributed to this report.",
    ),
    "bottom anchors": ("Comments are closed.", "bottom of page"),
}


@pytest.mark.parametrize("lines", TRAILING_BOXES.values(), ids=TRAILING_BOXES.keys())
def test_cleaner_drops_trailing_boxes_and_their_dates(lines) -> None:
    clean = clean_text(page(tail=lines))
    assert_article_intact(clean.text)
    for line in lines:
        assert line not in clean.text
    assert clean.published is None


def test_cleaner_drops_head_navigation_and_reads_the_date_under_the_title() -> None:
    text = "\n\n".join(
        [
            "Menu",
            "Home | World | Africa | Business",
            TITLE,
            "Published: 12 March 2023, 14:05",
            *PARAGRAPHS,
        ]
    )
    clean = clean_text(text)
    assert clean.text == "\n\n".join(PARAGRAPHS)
    assert (clean.title, clean.published) == (TITLE, dt.date(2023, 3, 12))


def test_byline_gives_author_and_outlet_and_leaves_the_body() -> None:
    clean = clean_text(
        page(head=(), tail=()).replace(TITLE, TITLE + "\n\nBy Amina Otieno | Nation Africa")
    )
    assert (clean.author, clean.outlet) == ("Amina Otieno", "Nation Africa")
    assert "Amina Otieno" not in clean.text


def test_byline_with_a_date_gives_author_and_date() -> None:
    clean = clean_text(page().replace(TITLE, TITLE + "\n\nBy Peter Mwangi, May 5, 2022"))
    assert (clean.author, clean.published) == ("Peter Mwangi", dt.date(2022, 5, 5))


def test_page_title_line_gives_the_headline_and_names_the_site() -> None:
    text = "\n\n".join([TITLE + " | River Times", "Menu", "World", "Africa", *PARAGRAPHS])
    clean = clean_text(text)
    assert (clean.title, clean.outlet) == (TITLE, "River Times")
    assert clean.text == "\n\n".join(PARAGRAPHS)


def test_page_title_suffix_that_the_body_uses_is_not_a_site_name() -> None:
    title = "Omo river water deal will hold - Kenyan minister"
    clean = clean_text("\n\n".join([title, "World", *PARAGRAPHS]))
    assert (clean.title, clean.outlet) == (title, None)


def test_date_under_the_headline_and_byline_is_read_far_above_the_body() -> None:
    topics = [f"Topic {number}" for number in range(HEAD_BEFORE + 2)]  # past the body window
    lines = [TITLE, "By Amina Otieno", "April 5, 2018 | 6:00 PM", *topics, *PARAGRAPHS]
    clean = clean_text("\n\n".join(lines))
    assert (clean.author, clean.published) == ("Amina Otieno", dt.date(2018, 4, 5))
    assert "April 5, 2018" not in clean.text


def test_date_signed_by_a_name_without_by_is_the_publication_date() -> None:
    clean = clean_text("\n\n".join([TITLE, "Amina Otieno March 9, 2017 13", *PARAGRAPHS]))
    assert clean.published == dt.date(2017, 3, 9)
    assert clean.text == "\n\n".join(PARAGRAPHS)


def test_short_line_the_page_repeats_is_dropped_from_the_body() -> None:
    clean = clean_text(page("View gallery", head=("World", "View gallery")))
    assert clean.text == "\n\n".join(PARAGRAPHS)


def test_short_lines_after_the_last_paragraph_are_dropped() -> None:
    tail = (
        "Floods in Mombasa",
        "Tanzania pipeline talks resume",
        "Get our daily newsletter with the top stories from East Africa and beyond",
    )
    clean = clean_text(page(tail=tail))
    assert clean.text == "\n\n".join(PARAGRAPHS)


def test_bulleted_list_closing_the_article_is_kept() -> None:
    items = (
        "- Best river project - the Omo commission of Kenya and Ethiopia in Addis Ababa",
        "- Best dam project - the Gibe III dam of the Ethiopian electric power company",
    )
    clean = clean_text(page(tail=(*items, "Floods in Mombasa")))
    assert clean.text.endswith("\n\n".join(items))


def test_article_closing_with_a_short_finished_sentence_keeps_it() -> None:
    closing = "The first joint survey of the upper river starts in March, officials said."
    clean = clean_text(page(tail=(closing, "Floods in Mombasa")))
    assert clean.text.endswith(closing)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("April 5, 2018 | 6:00 PM", dt.date(2018, 4, 5)),
        ("Oct 18, 2019 · 8 min read", dt.date(2019, 10, 18)),
        ("08.04.2015 12:46", dt.date(2015, 4, 8)),
        (
            "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST",
            dt.date(2019, 1, 3),
        ),
        ("Posted on 2020-09-21", dt.date(2020, 9, 21)),
        ("1 mars 2019 à 15:20", dt.date(2019, 3, 1)),
        ("Iran and Iraq sign pact on March 3, 2019", None),
        ("Top 10 films of 2019", None),
        ("3 hours ago", None),
    ],
)
def test_date_lines_are_read_and_sentences_mentioning_dates_are_not(line, date) -> None:
    assert parse_date_line(line) == date


def test_an_update_date_alone_is_not_the_publication_date() -> None:
    clean = clean_text(page().replace(TITLE, TITLE + "\n\nUpdated March 3, 2021"))
    assert clean.published is None
    assert "Updated March 3, 2021" not in clean.text


def test_byline_followed_by_its_date_and_an_update() -> None:
    line = "By Peter Mwangi May 5, 2022 Updated May 6, 2022"
    clean = clean_text(page().replace(TITLE, TITLE + "\n\n" + line))
    assert (clean.author, clean.published) == ("Peter Mwangi", dt.date(2022, 5, 5))


def test_metadata_not_stated_is_null() -> None:
    clean = clean_text("\n\n".join(PARAGRAPHS))
    assert (clean.title, clean.author, clean.outlet, clean.published) == (None, None, None, None)
    assert clean.text == "\n\n".join(PARAGRAPHS)


def test_relative_dates_are_not_turned_into_a_publication_date() -> None:
    clean = clean_text(page(head=(), tail=()).replace(TITLE, TITLE + "\n\n3 hours ago"))
    assert clean.published is None


def test_more_from_box_names_the_outlet() -> None:
    clean = clean_text(page(tail=("More from The Nairobi Herald", "Ten things to do this weekend")))
    assert clean.outlet == "The Nairobi Herald"
    assert_article_intact(clean.text)


def test_wire_dateline_is_stripped_and_the_paragraph_kept() -> None:
    paragraph = "NAIROBI (Reuters) - " + PARAGRAPHS[1]
    clean = clean_text("\n\n".join([TITLE, PARAGRAPHS[0], paragraph, PARAGRAPHS[2]]))
    assert_article_intact(clean.text)
    assert "(Reuters)" not in clean.text


def test_repeated_paragraphs_are_collapsed_to_the_first() -> None:
    clean = clean_text(page(PARAGRAPHS[0], "Subscribe now to continue reading."))
    assert clean.text.count(PARAGRAPHS[0]) == 1
    assert_article_intact(clean.text)


def test_pull_quote_repeating_a_later_paragraph_is_dropped() -> None:
    pull = "“This agreement protects the livelihoods of herders on both sides of the border” - minister"
    clean = clean_text(page(pull))
    assert pull not in clean.text
    assert_article_intact(clean.text)


def test_short_news_sentences_that_start_like_furniture_are_kept() -> None:
    lines = [
        "Next month the commission will meet in Lodwar.",
        "Share prices of the dam builder rose 4% on Wednesday.",
        "Comments from herders were mostly positive.",
    ]
    clean = clean_text(page(*lines))
    assert_article_intact(clean.text)
    for line in lines:
        assert line in clean.text


def test_article_quotes_bullets_and_headings_are_kept() -> None:
    bullets = [
        "• Who will pay for the new gauging stations on the upper river?",
        "• Will the commission's rulings bind the dam operators?",
    ]
    text = "\n\n".join(
        [
            TITLE,
            PARAGRAPHS[0],
            "Questions remain",
            "Observers asked several questions:",
            *bullets,
            PARAGRAPHS[1],
            PARAGRAPHS[2],
        ]
    )
    clean = clean_text(text)
    assert_article_intact(clean.text)
    for line in ["Questions remain", "Observers asked several questions:", *bullets]:
        assert line in clean.text


def test_hard_wrapped_paragraphs_are_joined_but_lists_are_not() -> None:
    wrapped = (
        "Kenya and Ethiopia agreed on Tuesday to share water from the Omo\n"
        "river under a joint commission, ending two years of talks that had\n"
        "strained relations between the neighbours."
    )
    blocks = [block.text for block in split_blocks(wrapped + "\n\n- one item\n- another item")]
    assert blocks[0] == PARAGRAPHS[0]
    assert blocks[1:] == ["- one item", "- another item"]


def test_gzip_is_not_a_supported_input(tmp_path, settings) -> None:
    path = write(tmp_path / "page.html.gz", gzip.compress(b"<p>x</p>"))
    [bad] = list(read_inputs([path], settings))
    assert isinstance(bad, BadInput)


# --- hostile input ---------------------------------------------------------------------------


def test_control_characters_never_reach_the_body(settings) -> None:
    text = page().replace("Tuesday", "Tues\x00day\x07")
    article = extract_article(RawInput(source="c.txt", content=text, kind="text"), settings)
    assert "\x00" not in article.text and "\x07" not in article.text
    assert "Tuesday" in article.text


def test_json_line_with_a_lone_surrogate_is_read_with_a_replacement(tmp_path, settings) -> None:
    path = write(tmp_path / "s.jsonl", '{"text": "bad \\ud800 char", "title": "T \\udfff"}\n')
    [raw] = list(read_inputs([path], settings))
    assert raw.content == "bad \ufffd char" and raw.meta["title"] == "T \ufffd"
    assert raw.id  # hashing needs encodable text


def test_json_metadata_that_is_not_a_string_is_ignored(tmp_path, settings) -> None:
    record = {"text": page(), "title": {"x": 1}, "outlet": 5, "url": ["u"], "published": 2020}
    path = write(tmp_path / "m.jsonl", json.dumps(record) + "\n")
    [raw] = list(read_inputs([path], settings))
    assert raw.meta == {} and raw.source == f"{path}:1"
    article = extract_article(raw, settings)
    assert article.title == TITLE and article.outlet is None


def test_many_short_lines_are_cleaned_in_linear_time() -> None:
    import time

    text = "Iran.\n" * 20_000 + "\n\n".join(PARAGRAPHS)
    start = time.perf_counter()
    clean = clean_text(text)
    assert time.perf_counter() - start < 10  # the quadratic version took minutes
    assert_article_intact(clean.text)
