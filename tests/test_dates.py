"""Event dates: resolved in the tense of their clause against publication, with their
precision and source; sentences written for these tests go through every stage."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.common.dates import DateCues, resolve_expression
from eventscope.events.coder import load_coder
from eventscope.pipeline.stages import Stages, process_batch
from eventscope.records import Event, RawInput

PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday


@pytest.fixture(scope="module")
def stages(settings) -> Stages:
    return Stages.load(settings)


@pytest.fixture(scope="module")
def cues(settings) -> DateCues:
    return load_coder(settings).date_cues


def events_of(stages: Stages, text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    meta = {"published": published.isoformat()} if published else {}
    (processed,) = process_batch([RawInput("test.txt", text, "text", meta)], stages)
    return processed.article.events


def by_trigger(events: list[Event], trigger: str) -> Event:
    return next(e for e in events if e.trigger == trigger)


def test_kharkiv_wire_item_is_dated_to_its_tuesday(stages):
    text = "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three civilians, officials said."
    shelled = by_trigger(events_of(stages, text, dt.date(2024, 3, 5)), "shelled")
    assert (shelled.date, shelled.date_precision, shelled.date_source) == (dt.date(2024, 3, 5), "day", "text")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # Told as done: the last such weekday on or before publication.
        ("Russian forces shelled Kharkiv on Sunday.", "shelled", dt.date(2024, 3, 3)),
        ("Russian forces shelled Kharkiv on Wednesday.", "shelled", dt.date(2024, 3, 6)),
        ("Russian forces shelled Kharkiv on Thursday.", "shelled", dt.date(2024, 2, 29)),
        # Planned or scheduled: the next one.
        ("Germany will send troops to Lithuania on Thursday.", "send", dt.date(2024, 3, 7)),
        ("Germany will send troops to Lithuania on Sunday.", "send", dt.date(2024, 3, 10)),
    ],
)
def test_a_weekday_is_read_in_the_tense_of_its_clause(stages, text, trigger, expected):
    event = by_trigger(events_of(stages, text), trigger)
    assert (event.date, event.date_precision, event.date_source) == (expected, "day", "text")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Russian forces shelled Kharkiv yesterday.", dt.date(2024, 3, 5), "day"),
        ("Today, Russian forces shelled Kharkiv.", dt.date(2024, 3, 6), "day"),
        ("Russian forces shelled Kharkiv last week.", dt.date(2024, 2, 28), "day"),
        ("Russian forces shelled Kharkiv on June 23-24.", dt.date(2023, 6, 23), "day"),
        ("Russian forces shelled Kharkiv in January.", dt.date(2024, 1, 1), "month"),
        ("Russian forces shelled Kharkiv earlier this month.", dt.date(2024, 3, 1), "month"),
        ("Russian forces shelled Kharkiv last month.", dt.date(2024, 2, 1), "month"),
        ("Russian forces shelled Kharkiv in 2022.", dt.date(2022, 1, 1), "year"),
    ],
)
def test_expressions_give_a_date_and_its_precision(stages, text, expected, precision):
    shelled = by_trigger(events_of(stages, text), "shelled")
    assert (shelled.date, shelled.date_precision, shelled.date_source) == (expected, precision, "text")


def test_an_act_told_as_done_without_a_time_takes_the_publication_day(stages):
    shelled = by_trigger(events_of(stages, "Russian forces shelled Kharkiv."), "shelled")
    assert (shelled.date, shelled.date_precision, shelled.date_source) == (PUBLISHED, "day", "publication")


def test_without_publication_a_weekday_and_a_bare_act_stay_undated(stages):
    for text in ("Russian forces shelled Kharkiv on Sunday.", "Russian forces shelled Kharkiv."):
        shelled = by_trigger(events_of(stages, text, None), "shelled")
        assert (shelled.date, shelled.date_precision, shelled.date_source) == (None, None, None)


def test_a_neighbouring_sentence_lends_no_date(stages):
    text = "Russian forces shelled Kharkiv on Sunday. Ukraine condemned Russia."
    condemned = by_trigger(events_of(stages, text), "condemned")
    assert (condemned.date, condemned.date_source) == (PUBLISHED, "publication")


def test_a_planned_act_with_no_time_of_its_own_is_undated(stages):
    text = "Iran and Iraq signed an agreement on Sunday to expand military cooperation."
    events = events_of(stages, text)
    assert by_trigger(events, "signed").date == dt.date(2024, 3, 3)
    assert all(e.date is None for e in events if e.trigger == "expand")


def test_written_days_without_a_year_go_forward_for_a_planned_act(cues):
    past = resolve_expression("on June 23-24", PUBLISHED, cues)
    ahead = resolve_expression("on June 23-24", PUBLISHED, cues, future=True)
    assert (past.date, ahead.date) == (dt.date(2023, 6, 23), dt.date(2024, 6, 23))


def test_a_try_is_dated_back_although_the_act_tried_is_planned(stages):
    seize = by_trigger(events_of(stages, "Russian forces attempted to seize Kharkiv on Sunday."), "seize")
    assert (seize.modality, seize.date) == ("planned", dt.date(2024, 3, 3))
    plan = by_trigger(events_of(stages, "Russian forces plan to seize Kharkiv on Sunday."), "seize")
    assert plan.date == dt.date(2024, 3, 10)


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory, seeds_dir, settings) -> list[dict]:
    import eventscope

    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with eventscope.open_store(str(db)) as store:
        eventscope.run([seeds_dir], store, settings.with_overrides({"run.workers": 1}))
        return list(store.iter_records("events"))


def test_every_seed_signing_of_the_memorandum_is_dated_by_its_story(seed_events):
    signings = [
        e for e in seed_events
        if e["cameo"]["code"] == "057"
        and {(e["source_actor"] or {}).get("country"), (e["target_actor"] or {}).get("country")} == {"IRN", "IRQ"}
    ]
    assert len({e["article_id"] for e in signings}) == 3  # all three reports tell it
    assert {e["date"] for e in signings} == {"2017-07-23"}
    assert {e["date_source"] for e in signings} == {"text", "story"}
    assert all(e["date_precision"] == "day" for e in signings)


def test_story_lends_only_dates_the_text_gave():
    from eventscope.stories import StoryEvent, story_dates

    pair = frozenset({"IRN", "IRQ"})
    told = StoryEvent("a1", "s", "A", dt.date(2017, 7, 23), "day", "text", "057", "asserted", pair)
    fallback = StoryEvent("b1", "s", "B", dt.date(2017, 7, 31), "day", "publication", "057", "asserted", pair)
    undated = StoryEvent("c1", "s", "C", None, None, None, "057", "asserted", pair)
    planned = StoryEvent("c2", "s", "C", None, None, None, "057", "planned", pair)
    other_act = StoryEvent("c3", "s", "C", None, None, None, "190", "asserted", pair)
    late = StoryEvent("d1", "s", "D", dt.date(2017, 9, 30), "day", "publication", "057", "asserted", pair)
    lent = {d.event_id: d.date for d in story_dates([told, fallback, undated, planned, other_act, late])}
    assert lent == {"b1": dt.date(2017, 7, 23), "c1": dt.date(2017, 7, 23)}
