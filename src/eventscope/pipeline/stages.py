"""The per-article stages, loaded once per process, and one batch of articles through them.

Extract -> nlp -> actors -> events -> agreements -> story item. `Stages` owns every loaded
resource (actor knowledge base, verb coder, triage) and hands each stage what it needs; an
engine runs `process_batch` in its worker processes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventscope import actors, agreements, events, extract, nlp, stories
from eventscope.actors.kb import ActorKB
from eventscope.errors import BadInput
from eventscope.events.coder import EventCoder
from eventscope.events.verbs import verb_needs
from eventscope.nlp.triage import SentenceTriage, load_triage, triage_wanted
from eventscope.records import Article, RawInput
from eventscope.settings import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Processed:
    """One article after the per-article stages, with the features stories need."""

    article: Article
    story_item: dict[str, Any] | None


@dataclass(frozen=True)
class Stages:
    """The loaded, process-local resources of the per-article stages."""

    settings: Settings
    actor_kb: ActorKB
    coder: EventCoder
    triage: SentenceTriage | None = None  # None: parse every sentence

    @classmethod
    def load(cls, settings: Settings) -> Stages:
        extract.load_resources()
        actor_kb = actors.load_actor_kb(settings)
        coder = events.load_coder(settings)
        return cls(
            settings=settings,
            actor_kb=actor_kb,
            coder=coder,
            triage=_triage(settings, actor_kb, coder),
        )


def _triage(settings: Settings, actor_kb: ActorKB, coder: EventCoder) -> SentenceTriage | None:
    """The sentence triage, handed what the later stages look for (the nlp stage imports
    none of them); None when `nlp.parse` is `all`."""
    if not triage_wanted(settings):
        return None
    return load_triage(
        settings,
        find_actors=functools.partial(actors.find_actor_spans, kb=actor_kb),
        names_a_person=functools.partial(actors.names_a_person, kb=actor_kb),
        agreement_kind=functools.partial(agreements.kind_in_sentence, cues=agreements.load_cues()),
        verb_needs=coder.nouns.with_support_verbs(verb_needs(coder.verbs)),
        pattern_only=coder.pattern_only,
    )


def process_batch(
    raws: list[RawInput], stages: Stages, keep_sentences: bool = False
) -> list[Processed | BadInput]:
    """Run the per-article stages over a batch, keeping input order; bad inputs come back as `BadInput`.

    A failure of one article in any stage comes back as its `BadInput` too (logged with
    its traceback), so one article never takes its batch, or a worker process, down. The
    sentences (tokens, parses) are dropped from the returned articles once the stages are
    done, unless `keep_sentences`: the store keeps none, and results sent back from worker
    processes unpickle about four times faster without them.
    """
    results: list[Processed | BadInput | None] = []
    extracted: list[tuple[int, RawInput, Article]] = []
    for raw in raws:
        try:
            article = extract.extract_article(raw, stages.settings)
        except BadInput as problem:
            results.append(problem)
            continue
        except Exception as exc:  # noqa: BLE001 - any failure of one input is reported as data
            results.append(_failure(raw, "extraction", exc))
            continue
        extracted.append((len(results), raw, article))
        results.append(None)
    for slot, raw, analysed in _analysed(extracted, stages):
        if isinstance(analysed, BadInput):
            results[slot] = analysed
            continue
        try:
            results[slot] = _annotate(analysed, stages, keep_sentences)
        except Exception as exc:  # noqa: BLE001
            results[slot] = _failure(raw, "event coding", exc)
    return [result for result in results if result is not None]


def _analysed(
    extracted: list[tuple[int, RawInput, Article]], stages: Stages
) -> Iterator[tuple[int, RawInput, Article | BadInput]]:
    """The articles through the NLP stage, batched; if the batch fails, article by article,
    so that only the article that fails is reported."""
    articles = [article for _, _, article in extracted]
    try:
        analysed = list(nlp.analyse(articles, stages.settings, stages.triage))
    except Exception:  # noqa: BLE001
        log.warning("the NLP stage failed on a batch; retrying its articles one by one")
        for slot, raw, article in extracted:
            try:
                yield slot, raw, next(iter(nlp.analyse([article], stages.settings, stages.triage)))
            except Exception as exc:  # noqa: BLE001
                yield slot, raw, _failure(raw, "language analysis", exc)
        return
    for (slot, raw, _), article in zip(extracted, analysed):
        yield slot, raw, article


def _annotate(article: Article, stages: Stages, keep_sentences: bool) -> Processed:
    item = None
    if article.sentences:
        actors.resolve_mentions(article, stages.actor_kb)
        events.code_events(article, stages.coder)
        agreements.find_agreements(article)
        item = stories.story_item(article).to_json()
    if not keep_sentences:
        article.sentences = []
    return Processed(article, item)


def _failure(raw: RawInput, stage: str, exc: Exception) -> BadInput:
    log.exception("%s: %s failed", raw.source, stage)
    return BadInput(raw.source, f"{stage} failed ({type(exc).__name__}: {exc})", raw.line)
