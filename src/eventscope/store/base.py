"""The store's transactions and writes, over the reads of `StoreReader`.

Every article is written in one transaction together with its mentions, actors,
events and per-article agreements, so a crash never leaves half an article. The
corpus-level step (`pipeline.ingest.finalize`, through the methods here) merges actors
and agreements and updates stories for the articles still marked pending, again in one
transaction; a rerun after a crash simply finds them pending again. Ids come from
content, so writes are idempotent upserts. This is the DuckDB store; `postgres.py`
changes only the connection, the writer lock and how rows are inserted in bulk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from eventscope.actors import union_by_id
from eventscope.records import Actor, Agreement, Article, Story
from eventscope.store import schema
from eventscope.store.reads import StoreReader
from eventscope.store.rows import (
    LOCATION_COLUMNS,
    actor_row,
    agreement_from_record,
    agreement_row,
    article_row,
    as_date,
    event_row,
    location_from_row,
    location_row,
    mention_row,
    story_from_record,
    story_row,
    to_json,
)
from eventscope.stories import StoryDate, StoryEvent, StoryPlace
from eventscope.streams import batched

# Parameters per statement: well under PostgreSQL's limit of 65,535.
PARAMETERS_PER_STATEMENT = 20_000


@dataclass(frozen=True)
class PendingWork:
    """What the corpus-level step needs about the articles not yet finalized."""

    article_ids: list[str]
    story_items: list[dict[str, Any]]
    agreements: list[Agreement]
    actors: list[Actor]


class Store(StoreReader):
    """A connection to one eventscope database, to read and write; use as a context manager."""

    def __init__(self, connection: Any, location: str) -> None:
        super().__init__(connection, location)
        self._in_transaction = False

    # -- transactions and the schema -----------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen, or none do."""
        if self._in_transaction:
            yield
            return
        self.execute("BEGIN TRANSACTION")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._in_transaction = False
            with contextlib.suppress(Exception):
                self._db.execute("ROLLBACK")
            raise
        self._in_transaction = False
        self.execute("COMMIT")

    def migrate(self) -> None:
        """Create the schema, or bring an older database up to date."""
        schema.migrate(self)

    @property
    def schema_version(self) -> int:
        return schema.schema_version(self)

    # -- per-article writes --------------------------------------------------

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        marks = ", ".join("?" for _ in ids)
        return {row[0] for row in self.query(f"SELECT id FROM articles WHERE id IN ({marks})", ids)}

    def write_article(self, article: Article, story_item: dict[str, Any] | None = None) -> bool:
        """Store one processed article and all it carries, in one transaction.

        Returns False (and writes nothing) when the article is already stored.
        """
        return bool(self.write_articles([(article, story_item)]))

    def write_articles(self, items: Sequence[tuple[Article, dict[str, Any] | None]]) -> list[Article]:
        """Store a group of processed articles and all they carry, in one transaction.

        An article is never half-written: the whole group is, or none of it. Articles
        already stored (same content hash) are skipped; returns those written. A group
        costs a few statements, as one article does (DuckDB's cost is per statement).
        """
        with self.transaction():
            known = self.known_article_ids(article.id for article, _ in items)
            fresh = list({article.id: (article, item) for article, item in items if article.id not in known}.values())
            if not fresh:
                return []
            now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
            self._insert_rows("articles", [article_row(article, item, now) for article, item in fresh])
            self._upsert_actors(_union_actors(m.actor for article, _ in fresh for m in article.mentions))
            mentions = {
                (article.id, m.start, m.end): mention_row(article, m) for article, _ in fresh for m in article.mentions
            }
            self._insert_rows("mentions", list(mentions.values()))
            events = {e.id: e for article, _ in fresh for e in article.events}
            self._insert_rows("events", [event_row(e) for e in events.values()])
            self._insert_rows("article_agreements", [
                [article.id, i, to_json(a.to_record())] for article, _ in fresh for i, a in enumerate(article.agreements)
            ])
        return [article for article, _ in fresh]

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Many rows in one statement, through an Arrow table: DuckDB binds thousands of
        statement parameters slowly (~20 ms a statement) but scans Arrow at memory speed."""
        if not rows:
            return
        import pyarrow as pa

        columns = pa.table({f"c{i}": pa.array(column) for i, column in enumerate(zip(*rows))})
        self._db.register("eventscope_rows", columns)  # replaces the last one, even a failed one
        self.execute(f"INSERT INTO {table} SELECT * FROM eventscope_rows")
        self._db.unregister("eventscope_rows")

    def _upsert_actors(self, actors: Iterable[Actor]) -> None:
        """Insert new actors; add new aliases and roles to known ones."""
        actors = list(actors)
        if not actors:
            return
        marks = ", ".join("?" for _ in actors)
        known = {
            row[0]: (set(json.loads(row[1])), set(json.loads(row[2])))
            for row in self.query(
                f"SELECT id, aliases, roles FROM actors WHERE id IN ({marks})", [a.id for a in actors]
            )
        }
        new_rows = []
        for actor in actors:
            if actor.id not in known:
                new_rows.append(actor_row(actor))
                continue
            aliases, roles = known[actor.id]
            if set(actor.aliases) <= aliases and set(actor.roles) <= roles:
                continue
            self.execute(
                "UPDATE actors SET aliases = ?, roles = ? WHERE id = ?",
                [to_json(sorted(aliases | set(actor.aliases))), to_json(sorted(roles | set(actor.roles))), actor.id],
            )
        self._insert_rows("actors", new_rows)

    # -- corpus-level step ---------------------------------------------------

    def pending_work(self) -> PendingWork:
        """Everything the corpus-level stages need about the articles not yet finalized."""
        rows = self.query("SELECT id, story_item FROM articles WHERE pending ORDER BY id")
        ids = [row[0] for row in rows]
        items = [json.loads(row[1]) for row in rows if row[1]]
        agreements = [
            agreement_from_record(json.loads(row[0]))
            for row in self.query(
                "SELECT a.record FROM article_agreements a JOIN articles r ON r.id = a.article_id"
                " WHERE r.pending ORDER BY a.article_id, a.position"
            )
        ]
        actors = self.actors(
            "id IN (SELECT m.actor_id FROM mentions m JOIN articles r ON r.id = m.article_id"
            " WHERE r.pending)"
        )
        return PendingWork(ids, items, agreements, actors)

    def story_items(self) -> list[dict[str, Any]]:
        """The story items of the finalized articles (`pending_work` has the others)."""
        rows = self.query("SELECT story_item FROM articles WHERE NOT pending AND story_item IS NOT NULL ORDER BY id")
        return [json.loads(row[0]) for row in rows]

    def stories(self) -> list[Story]:
        return [story_from_record(r) for r in self.iter_records("stories")]

    def agreements(self) -> list[Agreement]:
        return [agreement_from_record(r) for r in self.iter_records("agreements")]

    def apply_actor_merge(self, mapping: dict[str, Actor]) -> None:
        """Point mentions and events at canonical actors and keep only those.

        Only actors whose id or record changed are touched, so a large corpus stays cheap.
        """
        canonical = {actor.id: actor for actor in mapping.values()}
        moved = {old_id: actor.id for old_id, actor in mapping.items() if old_id != actor.id}
        ids = sorted(set(canonical) | set(moved))
        marks = ", ".join("?" for _ in ids)
        stored = {a.id: actor_row(a) for a in self.actors(f"id IN ({marks})", ids)} if ids else {}
        stale = [i for i in ids if i in stored and (i in moved or stored[i] != actor_row(canonical[i]))]
        for actor_id in stale:
            self.execute("DELETE FROM actors WHERE id = ?", [actor_id])
        self._insert_rows(
            "actors",
            [actor_row(a) for a in canonical.values() if a.id not in stored or a.id in stale],
        )
        for old_id, new_id in sorted(moved.items()):
            self.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ?", [new_id, old_id])
            self.execute("UPDATE events SET source_id = ? WHERE source_id = ?", [new_id, old_id])
            self.execute("UPDATE events SET target_id = ? WHERE target_id = ?", [new_id, old_id])

    def replace_agreements(self, agreements: Iterable[Agreement], replaced_ids: Iterable[str]) -> None:
        for old_id in replaced_ids:
            self.execute("DELETE FROM agreements WHERE id = ?", [old_id])
        for agreement in agreements:
            self.execute("DELETE FROM agreements WHERE id = ?", [agreement.id])
            self.execute("INSERT INTO agreements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", agreement_row(agreement))

    def save_stories(
        self, stories: Iterable[Story], assignments: dict[str, str], duplicates: dict[str, str]
    ) -> None:
        stories = list(stories)
        for chunk in batched([story.id for story in stories], PARAMETERS_PER_STATEMENT):
            self.execute(f"DELETE FROM stories WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
        self._insert_rows("stories", [story_row(story) for story in stories])
        assigned = sorted(assignments.items())
        self._update_from_values("articles", "story_id", "id", assigned)
        self._update_from_values("events", "story_id", "article_id", assigned)
        self._update_from_values("articles", "duplicate_of", "id", sorted(duplicates.items()))
        self.execute(
            "DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM articles"
            " WHERE story_id IS NOT NULL)"
        )

    def link_agreement_stories(self) -> None:
        """An agreement belongs to the story of its earliest reporting article."""
        for agreement in self.agreements():
            rows = self.query(
                "SELECT story_id FROM articles WHERE story_id IS NOT NULL AND id IN ("
                + ", ".join("?" for _ in agreement.article_ids) + ") ORDER BY id LIMIT 1",
                agreement.article_ids,
            ) if agreement.article_ids else []
            story_id = rows[0][0] if rows else None
            if story_id != agreement.story_id:
                self.execute("UPDATE agreements SET story_id = ? WHERE id = ?", [story_id, agreement.id])

    def story_events(self, story_ids: Iterable[str]) -> list[StoryEvent]:
        """The events of these stories, as story dating reads them."""
        found: list[StoryEvent] = []
        for chunk in batched(list(story_ids), PARAMETERS_PER_STATEMENT):
            rows = self.query(
                "SELECT e.id, e.story_id, e.article_id, e.date, e.date_precision, e.date_source,"
                " e.cameo_code, e.modality, s.country, t.country, " + ", ".join(f"e.{c}" for c in LOCATION_COLUMNS)
                + " FROM events e"
                " LEFT JOIN actors s ON s.id = e.source_id LEFT JOIN actors t ON t.id = e.target_id"
                f" WHERE e.story_id IN ({', '.join('?' for _ in chunk)}) ORDER BY e.id",
                chunk,
            )
            found += [
                StoryEvent(row[0], row[1], row[2], as_date(row[3]), row[4], row[5], row[6], row[7],
                           frozenset(c for c in row[8:10] if c), location_from_row(list(row[10:])))
                for row in rows
            ]
        return found

    def save_story_dates(self, dates: Iterable[StoryDate]) -> None:
        """Date events by their story (see `stories.story_dates`)."""
        for lent in dates:
            self.execute(
                "UPDATE events SET date = ?, date_precision = ?, date_source = 'story' WHERE id = ?",
                [lent.date, lent.precision, lent.event_id],
            )

    def save_story_places(self, places: Iterable[StoryPlace]) -> None:
        """Place events by their story (see `stories.story_places`)."""
        assignments = ", ".join(f"{column} = ?" for column in LOCATION_COLUMNS)
        for lent in places:
            self.execute(f"UPDATE events SET {assignments} WHERE id = ?", [*location_row(lent.location), lent.event_id])

    def mark_finalized(self, article_ids: Iterable[str]) -> None:
        for chunk in batched(list(article_ids), PARAMETERS_PER_STATEMENT):
            self.execute(f"UPDATE articles SET pending = FALSE WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)

    def _update_from_values(self, table: str, column: str, key: str, pairs: list[tuple[str, str]]) -> None:
        """Set `column` by `key` for many rows in a few statements ((key, value) pairs)."""
        for chunk in batched(pairs, PARAMETERS_PER_STATEMENT // 2):
            self.execute(
                f"UPDATE {table} SET {column} = v.value FROM (VALUES "
                + ", ".join("(?, ?)" for _ in chunk)
                + f") AS v(key, value) WHERE {table}.{key} = v.key",
                [value for pair in chunk for value in pair],
            )


def _union_actors(actors: Iterable[Actor]) -> list[Actor]:
    """One record per actor id, with the aliases and roles every copy gives it; the first
    copy's code stays, as it does for a row already stored."""
    return list(union_by_id(actors, fill_missing=False).values())
