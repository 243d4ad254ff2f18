"""The whole job: read inputs, process each article through the stages, store, finalize.

Per-article stages (extract -> nlp -> actors -> events -> agreements -> story item)
run in worker processes chosen by the engine; the parent is the only writer, one
transaction per group of articles (never half an article). The corpus-level stages
(actor merging, agreement merging, story clustering) then run once over the articles
still pending.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from eventscope import actors, agreements, extract, stories
from eventscope.errors import BadInput
from eventscope.pipeline.engines import get_engine
from eventscope.pipeline.stages import Processed
from eventscope.records import RawInput
from eventscope.settings import Settings
from eventscope.store import Store
from eventscope.streams import batched

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    """What a run did: the CLI prints it, tests assert on it."""

    stored: int = 0
    already_stored: int = 0
    not_english: int = 0
    rejected: list[BadInput] = field(default_factory=list)
    events: int = 0
    stories_changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected


def run(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings,
    on_progress: Callable[[int], None] | None = None,
    on_problem: Callable[[BadInput], None] | None = None,
    meta: dict[str, str] | None = None,
    on_status: Callable[[str], None] | None = None,
) -> RunReport:
    """Ingest `paths` into `store` and update the corpus-level records.

    Articles already stored (same content hash) are skipped before any work, so
    a rerun adds nothing and an interrupted run resumes where it stopped. `meta`
    (`outlet`, `published`) applies to every input that does not state its own.
    `on_status` hears what the run is doing while no article is done yet (loading).
    """
    report = RunReport()
    languages = set(settings.get("extract.languages"))

    started = False

    def advance() -> None:
        """One input done: the first one ends the loading status."""
        nonlocal started
        if on_status and not started:
            on_status("articles")
            started = True
        if on_progress:
            on_progress(1)

    def reject(problem: BadInput) -> None:
        report.rejected.append(problem)
        if on_problem:
            on_problem(problem)
        advance()

    def fresh_inputs() -> Iterator[list[RawInput]]:
        for chunk in batched(extract.read_inputs(paths, settings, meta), 64):
            raws: list[RawInput] = []
            for item in chunk:
                if isinstance(item, BadInput):
                    reject(item)
                else:
                    raws.append(item)
            known = store.known_article_ids(raw.id for raw in raws)
            seen: set[str] = set()
            for raw in raws:
                if raw.id in known or raw.id in seen:
                    report.already_stored += 1
                    advance()
                    continue
                seen.add(raw.id)
            new = [raw for raw in raws if raw.id not in known]
            unique = list({raw.id: raw for raw in new}.values())
            if unique:
                yield unique

    def write(group: list[Processed]) -> None:
        written = store.write_articles([(result.article, result.story_item) for result in group])
        report.stored += len(written)
        report.already_stored += len(group) - len(written)
        report.events += sum(len(article.events) for article in written)
        report.not_english += sum(article.language not in languages for article in written)

    engine = get_engine(settings)
    group_size = max(1, int(settings.get("run.write_group")))
    group: list[Processed] = []
    if on_status:
        on_status("loading the language model and dictionaries")
    for result in engine.map_batches(fresh_inputs(), settings):
        if isinstance(result, BadInput):
            reject(result)
            continue
        advance()
        group.append(cast(Processed, result))
        if len(group) >= group_size:
            write(group)
            group = []
    if group:
        write(group)
    report.stories_changed = finalize(store, settings)
    return report


def finalize(store: Store, settings: Settings) -> int:
    """Merge actors and agreements and update stories for pending articles, in one transaction.

    Returns the number of stories created or changed.
    """
    with store.transaction():
        pending = store.pending_work()
        if not pending.article_ids:
            return 0
        existing_actors = store.actors(
            "id NOT IN (SELECT m.actor_id FROM mentions m JOIN articles r ON r.id = m.article_id"
            " WHERE r.pending)"
        )
        mapping = actors.merge_actors(pending.actors, existing_actors)
        store.apply_actor_merge(mapping)

        existing_agreements = store.agreements()
        merged = agreements.merge_agreements(pending.agreements, existing_agreements)
        store.replace_agreements(merged, [a.id for a in existing_agreements])

        update = stories.update_stories(
            [stories.StoryItem.from_json(item) for item in pending.story_items],
            [stories.StoryItem.from_json(item) for item in store.story_items()],
            store.stories(),
            settings,
        )
        store.save_stories(update.stories, update.assignments, update.duplicates)
        changed = [story.id for story in update.stories]
        told = store.story_events(changed)
        store.save_story_dates(stories.story_dates(told))
        store.save_story_places(stories.story_places(told))
        store.link_agreement_stories()
        store.mark_finalized(pending.article_ids)
    return len(update.stories)
