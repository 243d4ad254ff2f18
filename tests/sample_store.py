"""A small hand-built database for the dyad, API and web page tests.

Three Iran-Iraq stories (a signed military memorandum told by three outlets, a
border accusation, a proposal of joint drills told by two) and one Iran-United
States story that a dyad query must leave out. Records are written through the
public `Store` methods the pipeline uses, so the tests do not depend on the NLP stages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

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
from eventscope.store import open_store

IRAN = Actor("act-irn", "Iran", "IRN", "IRN", None, ["Iran", "Tehran"], "country")
IRAQ = Actor("act-irq", "Iraq", "IRQ", "IRQ", None, ["Iraq", "Baghdad"], "country")
IRAN_ARMY = Actor(
    "act-irnmil", "Iranian armed forces", "IRNMIL", "IRN", "MIL", ["Iranian armed forces", "Iran"]
)
IRAQ_ARMY = Actor(
    "act-irqmil", "Iraqi armed forces", "IRQMIL", "IRQ", "MIL", ["Iraqi armed forces", "Iraq"]
)
USA = Actor(
    "act-usa", "United States", "USA", "USA", None, ["United States", "Washington"], "country"
)

SIGNED = Cameo("057", "05", 1, 8.0)
ACCUSE = Cameo("112", "11", 3, -2.0)
PROPOSE_MILITARY = Cameo("0312", "03", 1, 5.2)
THREATEN = Cameo("138", "13", 3, -7.0)


@dataclass(frozen=True)
class SampleEvent:
    sentence: str
    source: Actor
    target: Actor
    cameo: Cameo
    plover: str
    modality: str = "asserted"
    confidence: float | None = None


@dataclass(frozen=True)
class SampleArticle:
    outlet: str
    title: str
    published: dt.date
    paragraphs: tuple[str, ...]
    events: tuple[SampleEvent, ...]


MOU_SIGNED = SampleEvent(
    "Iran and Iraq signed a memorandum of understanding on military cooperation in Tehran on Sunday.",
    IRAN_ARMY,
    IRAQ_ARMY,
    SIGNED,
    "AGREE",
    confidence=0.82,
)
ACCUSATION = SampleEvent(
    "Iraq accused Iran of shelling villages near the border.",
    IRAQ,
    IRAN,
    ACCUSE,
    "ACCUSE",
    confidence=0.35,
)
DRILLS_PROPOSED = SampleEvent(
    "Iran proposed joint military drills with Iraq and cooperation on air defence.",
    IRAN_ARMY,
    IRAQ_ARMY,
    PROPOSE_MILITARY,
    "AGREE",
    "proposed",
)
US_THREAT = SampleEvent(
    "The United States threatened Iran with new sanctions.",
    USA,
    IRAN,
    THREATEN,
    "THREATEN",
)

MOU_PROVISIONS = "The agreement covers training, logistics and the fight against terrorism."
MOU_NAMED = "memorandum of understanding on military cooperation"  # inside MOU_SIGNED

STORIES: dict[str, tuple[SampleArticle, ...]] = {
    "Iran and Iraq sign military cooperation memorandum": (
        SampleArticle(
            "IRNA",
            "Iran, Iraq sign military MoU",
            dt.date(2017, 7, 23),
            (
                "TEHRAN - " + MOU_SIGNED.sentence,
                MOU_PROVISIONS,
            ),
            (MOU_SIGNED,),
        ),
        SampleArticle(
            "Al Jazeera",
            "Iraq and Iran deepen military ties",
            dt.date(2017, 7, 24),
            (
                "Officials said on Monday that the two neighbours would work together more closely.",
                MOU_SIGNED.sentence + " The deal worried Washington.",
            ),
            (MOU_SIGNED,),
        ),
        SampleArticle(
            "Reuters",
            "Iran and Iraq agree to boost military cooperation",
            dt.date(2017, 7, 23),
            (MOU_SIGNED.sentence,),
            (MOU_SIGNED,),
        ),
    ),
    "Iraq accuses Iran over border shelling": (
        SampleArticle(
            "Rudaw",
            "Baghdad protests shelling of border villages",
            dt.date(2018, 3, 5),
            (
                ACCUSATION.sentence,
                "Local officials said nobody was hurt.",
            ),
            (ACCUSATION,),
        ),
    ),
    "Iran proposes joint drills with Iraq": (
        SampleArticle(
            "Tasnim",
            "Iran offers Iraq joint drills",
            dt.date(2019, 6, 11),
            (DRILLS_PROPOSED.sentence,),
            (DRILLS_PROPOSED,),
        ),
        SampleArticle(
            "Mehr",
            "Joint exercises proposed to Baghdad",
            dt.date(2019, 6, 12),
            (
                "A senior commander spoke to reporters in Baghdad.",
                DRILLS_PROPOSED.sentence,
            ),
            (DRILLS_PROPOSED,),
        ),
    ),
    "United States threatens Iran with sanctions": (
        SampleArticle(
            "AP",
            "US threatens Iran with new sanctions",
            dt.date(2019, 6, 20),
            (US_THREAT.sentence,),
            (US_THREAT,),
        ),
    ),
}

TEHRAN = Location("Tehran", "IRN", 35.69439, 51.42151, 112931, "IR.26", "city", "text")

MOU = Agreement(
    id="agr-mou",
    kind="memorandum of understanding",
    parties=["IRN", "IRQ"],
    signatories=["act-irnmil", "act-irqmil"],
    date=dt.date(2017, 7, 23),
    place="Tehran",
    provisions=["military training", "counter-terrorism"],
    status="signed",
)


def build_article(sample: SampleArticle) -> Article:
    text = "\n\n".join(sample.paragraphs)
    article_id = content_id(sample.outlet, text)
    article = Article(
        id=article_id,
        source=f"{sample.outlet.lower().replace(' ', '-')}.txt",
        title=sample.title,
        outlet=sample.outlet,
        author=None,
        published=sample.published,
        text=text,
        language="en",
    )
    for index, sample_event in enumerate(sample.events):
        start = text.index(sample_event.sentence)
        end = start + len(sample_event.sentence)
        for actor in (sample_event.source, sample_event.target):
            for alias in actor.aliases:
                offset = text.find(alias, start, end)
                if offset >= 0:
                    article.mentions.append(
                        Mention(index, offset, offset + len(alias), alias, actor)
                    )
                    break
        article.events.append(
            Event(
                id=content_id(article_id, str(start)),
                article_id=article_id,
                sentence_index=index,
                sentence=sample_event.sentence,
                span=(start, end),
                date=sample.published,
                date_precision="day",
                date_source="publication",
                source_actor=sample_event.source.ref(),
                target_actor=sample_event.target.ref(),
                cameo=sample_event.cameo,
                plover=Plover(sample_event.plover),
                modality=sample_event.modality,
                attribution=[sample.outlet],  # type: ignore[arg-type]
                location=TEHRAN if "Tehran" in sample_event.sentence else None,
                confidence=sample_event.confidence,
            )
        )
    return article


@dataclass(frozen=True)
class SampleIds:
    """Ids of the sample records the tests look up by name."""

    stories: dict[str, str]  # title -> story id
    articles: dict[str, str]  # outlet -> article id
    events: dict[str, list[str]]  # story title -> event ids


def write_sample_store(location: str | Path) -> SampleIds:
    """Write the sample stories into a new database: a DuckDB file or a PostgreSQL URL."""
    story_ids, article_ids, event_ids = {}, {}, {}
    stories, assignments, texts = [], {}, {}
    with open_store(location) as store:
        for title, samples in STORIES.items():
            articles = [build_article(sample) for sample in samples]
            story_id = content_id(title)
            for article in articles:
                store.write_article(article)
                assignments[article.id] = story_id
                article_ids[article.outlet] = article.id
                texts[article.id] = article.text
            story_ids[title] = story_id
            event_ids[title] = [event.id for article in articles for event in article.events]
            stories.append(
                Story(
                    id=story_id,
                    title=title,
                    date=min(s.published for s in samples),
                    article_ids=[a.id for a in articles],
                    outlets=[s.outlet for s in samples],
                    event_ids=event_ids[title],
                )
            )
        reporting = [article_ids["IRNA"], article_ids["Al Jazeera"], article_ids["Reuters"]]
        mou = replace(
            MOU,
            article_ids=reporting,
            story_id=story_ids["Iran and Iraq sign military cooperation memorandum"],
            evidence=[
                (article_id, start, start + len(passage))
                for article_id in reporting
                for passage in (MOU_NAMED, MOU_PROVISIONS)
                if (start := texts[article_id].find(passage)) >= 0
            ],
        )
        store.save_stories(stories, assignments, {})
        store.replace_agreements([mou], [])
        store.mark_finalized(assignments)
    return SampleIds(story_ids, article_ids, event_ids)
