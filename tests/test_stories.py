"""Story clustering: near-duplicates, cross-outlet grouping, stable ids, incremental runs."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eventscope.evaluate.stories import load_gold
from eventscope.records import Actor, Article, Cameo, Event, Plover, Story, content_id
from eventscope.stories.cluster import (
    StoryItem,
    StoryUpdate,
    build_story,
    cluster_items,
    outlet_key,
    story_item,
    update_stories,
)

ECBPLUS = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "ecbplus"
# Publication dates the seed pages state (the extract stage reads them from the page).
SEED_PUBLISHED = {"000": dt.date(2017, 7, 31), "003": dt.date(2019, 6, 24)}
IRAN = Actor(id="irn", name="Iran", code="IRN", country="IRN", sector=None)
IRAQ = Actor(id="irq", name="Iraq", code="IRQ", country="IRQ", sector=None)


def make_article(
    text: str, source: str, published: dt.date | None = None, outlet: str | None = None
) -> Article:
    return Article(
        id=content_id(source, text),
        source=source,
        title=None,
        outlet=outlet,
        author=None,
        published=published,
        text=text,
        language="en",
    )


def with_event(article: Article, day: dt.date) -> Article:
    """A copy of the article with one coded Iran-Iraq cooperation event on `day`."""
    event = Event(
        id=content_id(article.id, "event", day.isoformat()),
        article_id=article.id,
        sentence_index=0,
        sentence=article.text[:80],
        span=(0, 80),
        date=day,
        date_precision="day",
        date_source="text",
        source_actor=IRAN.ref(),
        target_actor=IRAQ.ref(),
        cameo=Cameo(code="061", root="06", quad_class=2, goldstein=6.4),
        plover=Plover(type="COOPERATE"),
    )
    return replace(article, events=[event])


@pytest.fixture(scope="module")
def seed_articles(seeds_dir: Path) -> dict[str, Article]:
    articles = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        key = path.name[:3]
        articles[key] = make_article(path.read_text("utf-8"), str(path), SEED_PUBLISHED.get(key))
    return articles


@pytest.fixture(scope="module")
def mixed_items(seed_articles: dict[str, Article]) -> list[StoryItem]:
    """The seeds plus two similar ECB+ happenings (two celebrities entering rehab)."""
    if not ECBPLUS.is_dir():
        pytest.skip(f"ECB+ gold not found at {ECBPLUS}")
    gold_articles, gold = load_gold(ECBPLUS)
    rehab = [a for a in gold_articles if gold[a.id] in ("1ecb", "1ecbplus")]
    return [story_item(article) for article in [*seed_articles.values(), *rehab]]


def partition(clusters: list[list[StoryItem]]) -> set[frozenset[str]]:
    return {frozenset(item.article_id for item in members) for members in clusters}


def apply(state: dict[str, Story], update: StoryUpdate) -> dict[str, Story]:
    """What the store holds after saving an update: the changed stories, the articles
    moved, and no story that no article belongs to any more."""
    belongs = {aid: story.id for story in state.values() for aid in story.article_ids} | update.assignments
    kept = set(belongs.values())
    state = {**state, **{story.id: story for story in update.stories}}
    return {key: story for key, story in state.items() if key in kept}


def test_seed_articles_form_the_2017_signing_and_the_2019_proposal(seed_articles, settings):
    items = [story_item(article) for article in seed_articles.values()]
    clusters, _ = cluster_items(items, settings)
    by_key = {article.id: key for key, article in seed_articles.items()}
    found = {frozenset(by_key[item.article_id] for item in members) for members in clusters}
    assert found == {frozenset({"000", "001", "002"}), frozenset({"003", "004"})}


def test_same_dyad_two_years_apart_stays_apart_despite_similar_text(seed_articles, settings):
    def reported(key: str, day: dt.date) -> StoryItem:
        return story_item(
            with_event(replace(seed_articles[key], published=day + dt.timedelta(days=1)), day)
        )

    signing = reported("001", dt.date(2017, 7, 23))
    together, _ = cluster_items([signing, reported("000", dt.date(2017, 7, 23))], settings)
    apart, _ = cluster_items([signing, reported("000", dt.date(2019, 6, 23))], settings)
    assert len(together) == 1
    assert len(apart) == 2


def test_background_event_dates_do_not_split_a_story(seed_articles, settings):
    dated = with_event(seed_articles["000"], dt.date(2017, 7, 23))
    undated_with_history = with_event(seed_articles["001"], dt.date(2003, 3, 20))
    dated_with_history = with_event(
        replace(seed_articles["002"], published=dt.date(2017, 7, 24)), dt.date(2003, 3, 20)
    )
    items = [story_item(article) for article in (dated, undated_with_history, dated_with_history)]
    clusters, _ = cluster_items(items, settings)
    story = build_story(clusters[0], settings.get("stories.lookback_days"))
    assert len(clusters) == 1
    assert story.date == dt.date(2017, 7, 23)


def test_story_item_round_trips_through_json(seed_articles):
    item = story_item(with_event(seed_articles["001"], dt.date(2017, 7, 23)))
    restored = StoryItem.from_json(json.loads(json.dumps(item.to_json())))
    assert restored == item
    assert restored.events[0].dyad == ("IRN", "IRQ")


@given(title=st.one_of(st.none(), st.text(max_size=60)), text=st.text(max_size=400))
@hypothesis_settings(max_examples=40, deadline=None)
def test_any_article_gives_an_item_that_round_trips_and_clusters(settings, title, text):
    article = replace(make_article(text, "any.txt"), title=title)
    item = story_item(article)
    assert StoryItem.from_json(json.loads(json.dumps(item.to_json()))) == item
    other = story_item(make_article("Iran and Iraq signed a memorandum on Sunday.", "other.txt"))
    clusters, _ = cluster_items([item, other], settings)
    assert sorted(i.article_id for members in clusters for i in members) == sorted(
        [item.article_id, other.article_id]
    )


def test_incremental_runs_give_the_same_stories_as_one_run(mixed_items, settings):
    at_once = apply({}, update_stories(mixed_items, [], [], settings))
    expected = {(story.id, tuple(story.article_ids)) for story in at_once.values()}
    for seed in range(3):
        shuffled = list(mixed_items)
        random.Random(seed).shuffle(shuffled)
        first, second = shuffled[: 5 + 4 * seed], shuffled[5 + 4 * seed :]
        state = apply({}, update_stories(first, [], [], settings))
        state = apply(state, update_stories(second, first, list(state.values()), settings))
        assert {(story.id, tuple(story.article_ids)) for story in state.values()} == expected


def test_two_similar_happenings_of_one_topic_stay_apart(mixed_items, settings):
    _, gold = load_gold(ECBPLUS)
    clusters, _ = cluster_items(mixed_items, settings)
    for members in clusters:
        labels = {gold.get(item.article_id) for item in members} - {None}
        assert len(labels) <= 1


def test_rerun_without_new_items_changes_nothing(mixed_items, settings):
    state = apply({}, update_stories(mixed_items, [], [], settings))
    update = update_stories([], mixed_items, list(state.values()), settings)
    assert update.stories == []
    assert update.assignments == {}
    assert apply(state, update) == state


def test_story_id_comes_from_the_earliest_article(seed_articles, settings):
    items = [story_item(article) for article in seed_articles.values()]
    for story in update_stories(items, [], [], settings).stories:
        assert story.id == content_id("story", story.article_ids[0])
    earliest = seed_articles["000"].id
    assert any(
        story.article_ids[0] == earliest
        for story in update_stories(items, [], [], settings).stories
    )


def test_near_duplicate_points_to_the_earlier_copy_and_adds_no_anonymous_source(
    seed_articles, settings
):
    original = seed_articles["001"]
    copy = make_article(
        original.text.replace("Sunday", "Sunday afternoon", 1),
        "feeds/copy.txt",
        dt.date(2017, 7, 24),
    )
    dated = make_article(original.text, original.source, dt.date(2017, 7, 23))
    update = update_stories([story_item(copy), story_item(dated)], [], [], settings)
    assert update.duplicates == {copy.id: dated.id}
    assert len(update.stories) == 1
    assert update.stories[0].num_sources == 0
    assert update.stories[0].articles_without_outlet == 2


def test_syndicated_copy_from_a_named_outlet_counts_once_per_outlet(seed_articles, settings):
    original = seed_articles["001"]
    first = make_article(original.text, "a.txt", dt.date(2017, 7, 23), outlet="SOFREP")
    syndicated = make_article(
        original.text + "\nMore at our site.", "b.txt", dt.date(2017, 7, 24), outlet="Yahoo"
    )
    again = make_article(
        original.text + "\nShared again.", "c.txt", dt.date(2017, 7, 25), outlet="Yahoo"
    )
    items = [story_item(article) for article in (first, syndicated, again)]
    clusters, duplicates = cluster_items(items, settings)
    story = build_story(clusters[0])
    assert len(clusters) == 1
    assert story.outlets == ["SOFREP", "Yahoo"]
    assert set(duplicates) == {syndicated.id, again.id}


def test_outlet_falls_back_to_url_host_never_to_a_file_name():
    item = story_item(make_article("Text of a report.", "https://www.reuters.com/world/x"))
    assert outlet_key(item) == "reuters.com"
    item.outlet = "Reuters"
    assert outlet_key(item) == "Reuters"
    assert outlet_key(story_item(make_article("Text.", "inbox/report.txt"))) is None


def test_story_counts_known_outlets_and_articles_without_one(seed_articles, settings):
    original = seed_articles["001"]
    named = make_article(original.text, "a.txt", dt.date(2017, 7, 23), outlet="Reuters")
    anonymous = make_article(original.text + "\nFiled.", "inbox/b.txt", dt.date(2017, 7, 23))
    clusters, _ = cluster_items([story_item(named), story_item(anonymous)], settings)
    story = build_story(clusters[0])
    assert story.outlets == ["Reuters"]
    assert (story.num_articles, story.num_sources, story.articles_without_outlet) == (2, 1, 1)
