"""The database: an embedded DuckDB file by default, PostgreSQL for a `postgresql://` URL.

Every article is written in one transaction together with its mentions, actors,
events and per-article agreements, so a crash never leaves half an article. The
corpus-level step (`Store.finalize`) merges actors and agreements and updates
stories for the articles still marked pending, again in one transaction; a rerun
after a crash simply finds them pending again. Ids come from content, so writes
are idempotent upserts. Lists and nested values are stored as JSON text, which
keeps one schema for both engines.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self

from eventscope.errors import StoreError
from eventscope.records import Actor, Agreement, Article, Event, Story
from eventscope.streams import batched

log = logging.getLogger(__name__)

# Parameters per statement: well under PostgreSQL's limit of 65,535.
PARAMETERS_PER_STATEMENT = 20_000

RECORD_KINDS = ("articles", "events", "actors", "stories", "agreements")

# Each migration is applied once, in order, and recorded in schema_migrations.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "initial schema",
        [
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, outlet TEXT, author TEXT,
                published DATE, text TEXT NOT NULL, language TEXT, story_id TEXT,
                duplicate_of TEXT, story_item TEXT, pending BOOLEAN NOT NULL,
                ingested_at TIMESTAMP NOT NULL)""",
            """CREATE TABLE actors (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT, country TEXT, sector TEXT,
                kind TEXT, aliases TEXT NOT NULL, roles TEXT NOT NULL)""",
            """CREATE TABLE mentions (
                article_id TEXT NOT NULL, sentence INTEGER NOT NULL, span_start INTEGER NOT NULL,
                span_end INTEGER NOT NULL, text TEXT NOT NULL, actor_id TEXT NOT NULL,
                role TEXT, rule TEXT, PRIMARY KEY (article_id, span_start, span_end))""",
            """CREATE TABLE events (
                id TEXT PRIMARY KEY, article_id TEXT NOT NULL, story_id TEXT,
                sentence_index INTEGER NOT NULL, sentence TEXT NOT NULL,
                span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, date DATE,
                source_id TEXT, target_id TEXT, cameo_code TEXT NOT NULL, cameo_root TEXT NOT NULL,
                quad_class INTEGER NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
                plover_type TEXT NOT NULL, plover_mode TEXT, plover_context TEXT NOT NULL,
                modality TEXT NOT NULL, attribution TEXT NOT NULL, location_name TEXT,
                location_country TEXT, rule TEXT, trigger_text TEXT)""",
            """CREATE TABLE article_agreements (
                article_id TEXT NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL,
                PRIMARY KEY (article_id, position))""",
            """CREATE TABLE agreements (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, parties TEXT NOT NULL,
                signatories TEXT NOT NULL, date DATE, place TEXT, provisions TEXT NOT NULL,
                status TEXT NOT NULL, article_ids TEXT NOT NULL, story_id TEXT,
                evidence TEXT NOT NULL)""",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY, title TEXT, date DATE, article_ids TEXT NOT NULL,
                outlets TEXT NOT NULL, event_ids TEXT NOT NULL)""",
            "CREATE INDEX events_article ON events (article_id)",
            "CREATE INDEX events_date ON events (date)",
            "CREATE INDEX mentions_actor ON mentions (actor_id)",
        ],
    ),
    (
        2,
        "stories count their articles without a stated outlet",
        ["ALTER TABLE stories ADD COLUMN articles_without_outlet INTEGER DEFAULT 0"],
    ),
]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class PendingWork:
    """What the corpus-level step needs about the articles not yet finalized."""

    article_ids: list[str]
    story_items: list[dict[str, Any]]
    agreements: list[Agreement]
    actors: list[Actor]


class Store:
    """A connection to one eventscope database; use as a context manager."""

    engine = "duckdb"
    placeholder = "?"

    def __init__(self, connection: Any, location: str) -> None:
        self._db = connection
        self.location = location
        self._in_transaction = False

    # -- connection plumbing -------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._db.execute(self._sql(sql), list(params))
        except Exception as exc:  # the driver's own error types differ per engine
            raise StoreError(f"{self.location}: {exc}") from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        try:
            cursor = self._db.execute(self._sql(sql), list(params))
            return cursor.fetchall()
        except Exception as exc:
            raise StoreError(f"{self.location}: {exc}") from exc

    def query_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self._db.execute(self._sql(sql), list(params))
            names = [col[0] for col in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]
        except Exception as exc:
            raise StoreError(f"{self.location}: {exc}") from exc

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
        self.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        applied = {row[0] for row in self.query("SELECT version FROM schema_migrations")}
        for version, name, statements in MIGRATIONS:
            if version in applied:
                continue
            with self.transaction():
                for statement in statements:
                    self.execute(statement)
                self.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [version, name, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)],
                )
            log.info("applied migration %d: %s", version, name)

    @property
    def schema_version(self) -> int:
        rows = self.query("SELECT max(version) FROM schema_migrations")
        return int(rows[0][0] or 0)

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
            self._insert_rows("articles", [
                [
                    article.id, article.source, article.title, article.outlet, article.author,
                    article.published, article.text, article.language, None, None,
                    _json(item) if item is not None else None, True, now,
                ]
                for article, item in fresh
            ])
            self._upsert_actors(_union_actors(m.actor for article, _ in fresh for m in article.mentions))
            mentions = {
                (article.id, m.start, m.end): [
                    article.id, m.sentence, m.start, m.end, m.text, m.actor.id, m.role, m.rule,
                ]
                for article, _ in fresh
                for m in article.mentions
            }
            self._insert_rows("mentions", list(mentions.values()))
            events = {e.id: e for article, _ in fresh for e in article.events}
            self._insert_rows("events", [_event_row(e) for e in events.values()])
            self._insert_rows("article_agreements", [
                [article.id, i, _json(a.to_record())] for article, _ in fresh for i, a in enumerate(article.agreements)
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

    def _insert_values(self, table: str, rows: list[list[Any]]) -> None:
        """Many rows in few statements of VALUES lists (a statement per row is far slower)."""
        if not rows:
            return
        marks = "(" + ", ".join(["?"] * len(rows[0])) + ")"
        for chunk in batched(rows, max(1, PARAMETERS_PER_STATEMENT // len(rows[0]))):
            self.execute(
                f"INSERT INTO {table} VALUES " + ", ".join([marks] * len(chunk)),
                [value for row in chunk for value in row],
            )

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
                new_rows.append(_actor_row(actor))
                continue
            aliases, roles = known[actor.id]
            if set(actor.aliases) <= aliases and set(actor.roles) <= roles:
                continue
            self.execute(
                "UPDATE actors SET aliases = ?, roles = ? WHERE id = ?",
                [_json(sorted(aliases | set(actor.aliases))), _json(sorted(roles | set(actor.roles))), actor.id],
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

    def actors(self, where: str = "TRUE", params: Sequence[Any] = ()) -> list[Actor]:
        return [
            Actor(
                id=row["id"], name=row["name"], code=row["code"], country=row["country"],
                sector=row["sector"], kind=row["kind"] or "organisation",
                aliases=json.loads(row["aliases"]), roles=json.loads(row["roles"]),
            )
            for row in self.query_dicts(f"SELECT * FROM actors WHERE {where} ORDER BY id", params)
        ]

    def story_items(self, exclude_pending: bool = True) -> list[dict[str, Any]]:
        where = "NOT pending AND story_item IS NOT NULL" if exclude_pending else "story_item IS NOT NULL"
        return [json.loads(row[0]) for row in self.query(f"SELECT story_item FROM articles WHERE {where} ORDER BY id")]

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
        stored = {a.id: _actor_row(a) for a in self.actors(f"id IN ({marks})", ids)} if ids else {}
        stale = [i for i in ids if i in stored and (i in moved or stored[i] != _actor_row(canonical[i]))]
        for actor_id in stale:
            self.execute("DELETE FROM actors WHERE id = ?", [actor_id])
        self._insert_rows(
            "actors",
            [_actor_row(a) for a in canonical.values() if a.id not in stored or a.id in stale],
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
            self.execute(
                "INSERT INTO agreements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    agreement.id, agreement.kind, _json(agreement.parties),
                    _json(agreement.signatories), agreement.date, agreement.place,
                    _json(agreement.provisions), agreement.status, _json(agreement.article_ids),
                    agreement.story_id, _json([list(e) for e in agreement.evidence]),
                ],
            )

    def save_stories(
        self, stories: Iterable[Story], assignments: dict[str, str], duplicates: dict[str, str]
    ) -> None:
        stories = list(stories)
        for chunk in batched([story.id for story in stories], PARAMETERS_PER_STATEMENT):
            self.execute(f"DELETE FROM stories WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
        self._insert_rows("stories", [
            [story.id, story.title, story.date, _json(story.article_ids), _json(story.outlets),
             _json(story.event_ids), story.articles_without_outlet]
            for story in stories
        ])
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

    # -- reading records in the contract's shapes -----------------------------

    def count(self, kind: str) -> int:
        _check_kind(kind)
        return int(self.query(f"SELECT count(*) FROM {kind}")[0][0])

    def iter_records(self, kind: str, where: str = "TRUE", params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Records of one kind as the contract's dicts, in id order."""
        _check_kind(kind)
        if kind == "events":
            sql = f"SELECT * FROM events WHERE {where} ORDER BY article_id, span_start, id"
        else:
            sql = f"SELECT * FROM {kind} WHERE {where} ORDER BY id"
        refs: dict[str, dict[str, Any]] = {}
        if kind == "events":
            refs = {a.id: a.ref().to_record() for a in self.actors()}
        for row in self.query_dicts(sql, params):
            yield ROW_TO_RECORD[kind](row, refs)

    # -- read-only queries for the API, the web page and dyad summaries ------

    def find_records(
        self, kind: str, filters: Mapping[str, Any] | None = None, limit: int | None = 100,
        offset: int = 0,
    ) -> RecordPage:
        """One page of records of KIND matching every filter given (see RECORD_FILTERS), newest first.

        A filter whose value is None is not applied; `limit=None` returns every match.
        """
        _check_kind(kind)
        clauses, params = ["TRUE"], []
        for name, value in (filters or {}).items():
            if value is None:
                continue
            if name not in RECORD_FILTERS[kind]:
                raise StoreError(f"{kind} cannot be filtered by {name!r}")
            clause, to_params = RECORD_FILTERS[kind][name]
            clauses.append(clause)
            params.extend(to_params(value))
        where = " AND ".join(clauses)
        total = int(self.query(f"SELECT count(*) FROM {kind} WHERE {where}", params)[0][0])
        sql = f"SELECT * FROM {kind} WHERE {where} ORDER BY {NEWEST_FIRST[kind]}"
        page_params = list(params)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            page_params += [limit, offset]
        elif offset:
            sql += " OFFSET ?"
            page_params.append(offset)
        rows = self.query_dicts(sql, page_params)
        refs = self._actor_refs(rows) if kind == "events" else {}
        return RecordPage(total, limit, offset, [ROW_TO_RECORD[kind](row, refs) for row in rows])

    def get_record(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The record of KIND with this id, or None when there is none."""
        _check_kind(kind)
        rows = self.query_dicts(f"SELECT * FROM {kind} WHERE id = ?", [record_id])
        if not rows:
            return None
        refs = self._actor_refs(rows) if kind == "events" else {}
        return ROW_TO_RECORD[kind](rows[0], refs)

    def dyad_events(self, country_a: str, country_b: str) -> list[dict[str, Any]]:
        """Light rows of the events between two countries (either direction), oldest first.

        `date` falls back to the article's publication date, then the story's, when the
        event has none; `source_country` is the source actor's country.
        """
        clause, to_params = RECORD_FILTERS["events"]["dyad"]
        return [
            {**row, "date": _date(row["date"])}
            for row in self.query_dicts(
                f"SELECT id, article_id, story_id, {EVENT_DATE} AS date, source_id, target_id,"
                " (SELECT a.country FROM actors a WHERE a.id = events.source_id) AS source_country,"
                " cameo_code, quad_class, goldstein, modality FROM events"
                f" WHERE {clause} ORDER BY {EVENT_DATE} NULLS LAST, id",
                to_params((country_a, country_b)),
            )
        ]

    def actor_counterparts(self, actor_id: str) -> list[tuple[str, int]]:
        """Countries of the actors this actor has events with, most events first."""
        rows = self.query(
            "SELECT a.country, count(*) AS n FROM events e JOIN actors a"
            " ON a.id = CASE WHEN e.source_id = ? THEN e.target_id ELSE e.source_id END"
            " WHERE (e.source_id = ? OR e.target_id = ?) AND a.id <> ? AND a.country IS NOT NULL"
            " GROUP BY a.country ORDER BY n DESC, a.country",
            [actor_id, actor_id, actor_id, actor_id],
        )
        return [(row[0], int(row[1])) for row in rows]

    def top_dyads(self, limit: int = 10) -> list[tuple[str, str, int]]:
        """The pairs of different countries with the most events between them (either direction)."""
        rows = self.query(
            "SELECT LEAST(s.country, t.country) AS a, GREATEST(s.country, t.country) AS b,"
            " count(*) AS n FROM events e JOIN actors s ON s.id = e.source_id"
            " JOIN actors t ON t.id = e.target_id WHERE s.country <> t.country"
            " GROUP BY LEAST(s.country, t.country), GREATEST(s.country, t.country)"
            " ORDER BY n DESC, a, b LIMIT ?",
            [limit],
        )
        return [(row[0], row[1], int(row[2])) for row in rows]

    def _actor_refs(self, event_rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        ids = sorted({row[key] for row in event_rows for key in ("source_id", "target_id") if row[key]})
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        return {a.id: a.ref().to_record() for a in self.actors(f"id IN ({marks})", ids)}


# -- filters and order of the read-only queries (Store.find_records) ----------

# An event's date; when the text gave none, its article's publication date, else its story's date.
EVENT_DATE = (
    "COALESCE(date, (SELECT a.published FROM articles a WHERE a.id = events.article_id),"
    " (SELECT s.date FROM stories s WHERE s.id = events.story_id))"
)
_COUNTRY_ACTORS = "(SELECT id FROM actors WHERE country = ?)"


def _json_item_pattern(value: str) -> list[str]:
    """A LIKE pattern matching one item of a JSON list stored as text."""
    return [f"%{_json(value)}%"]


RECORD_FILTERS: dict[str, dict[str, tuple[str, Any]]] = {
    "events": {
        "article_id": ("article_id = ?", lambda v: [v]),
        "story_id": ("story_id = ?", lambda v: [v]),
        "actor": ("(source_id = ? OR target_id = ?)", lambda v: [v, v]),
        "country": (
            f"(source_id IN {_COUNTRY_ACTORS} OR target_id IN {_COUNTRY_ACTORS})",
            lambda v: [v, v],
        ),
        "dyad": (
            (
                f"((source_id IN {_COUNTRY_ACTORS} AND target_id IN {_COUNTRY_ACTORS})"
                f" OR (source_id IN {_COUNTRY_ACTORS} AND target_id IN {_COUNTRY_ACTORS}))"
            ),
            lambda v: [v[0], v[1], v[1], v[0]],
        ),
        "cameo_code": ("cameo_code = ?", lambda v: [v]),
        "cameo_root": ("cameo_root = ?", lambda v: [v]),
        "quad_class": ("quad_class = ?", lambda v: [v]),
        "plover_type": ("upper(plover_type) = upper(?)", lambda v: [v]),
        "modality": ("modality = ?", lambda v: [v]),
        "date_from": (f"{EVENT_DATE} >= ?", lambda v: [v]),
        "date_to": (f"{EVENT_DATE} <= ?", lambda v: [v]),
    },
    "articles": {
        "story_id": ("story_id = ?", lambda v: [v]),
        "outlet": ("outlet = ?", lambda v: [v]),
        "language": ("language = ?", lambda v: [v]),
        "actor": ("id IN (SELECT article_id FROM mentions WHERE actor_id = ?)", lambda v: [v]),
        "date_from": ("published >= ?", lambda v: [v]),
        "date_to": ("published <= ?", lambda v: [v]),
    },
    "stories": {
        "title": ("lower(title) LIKE ?", lambda v: [f"%{v.lower()}%"]),
        "outlet": ("outlets LIKE ?", _json_item_pattern),
        "actor": (
            "id IN (SELECT story_id FROM events WHERE source_id = ? OR target_id = ?)",
            lambda v: [v, v],
        ),
        "country": (
            (
                "id IN (SELECT story_id FROM events WHERE source_id IN"
                f" {_COUNTRY_ACTORS} OR target_id IN {_COUNTRY_ACTORS})"
            ),
            lambda v: [v, v],
        ),
        "dyad": (
            (
                "id IN (SELECT story_id FROM events WHERE"
                f" (source_id IN {_COUNTRY_ACTORS} AND target_id IN {_COUNTRY_ACTORS})"
                f" OR (source_id IN {_COUNTRY_ACTORS} AND target_id IN {_COUNTRY_ACTORS}))"
            ),
            lambda v: [v[0], v[1], v[1], v[0]],
        ),
        "date_from": ("date >= ?", lambda v: [v]),
        "date_to": ("date <= ?", lambda v: [v]),
    },
    "actors": {
        "country": ("country = ?", lambda v: [v]),
        "sector": ("sector = ?", lambda v: [v]),
        "code": ("code = ?", lambda v: [v]),
        "kind": ("kind = ?", lambda v: [v]),
        "name": (
            "(lower(name) LIKE ? OR lower(aliases) LIKE ?)",
            lambda v: [f"%{v.lower()}%"] * 2,
        ),
    },
    "agreements": {
        "party": ("parties LIKE ?", _json_item_pattern),
        "article_id": ("article_ids LIKE ?", _json_item_pattern),
        "dyad": (
            "(parties LIKE ? AND parties LIKE ?)",
            lambda v: _json_item_pattern(v[0]) + _json_item_pattern(v[1]),
        ),
        "status": ("status = ?", lambda v: [v]),
        "kind": ("lower(kind) = lower(?)", lambda v: [v]),
        "story_id": ("story_id = ?", lambda v: [v]),
        "date_from": ("date >= ?", lambda v: [v]),
        "date_to": ("date <= ?", lambda v: [v]),
    },
}

NEWEST_FIRST = {
    "events": f"{EVENT_DATE} DESC NULLS LAST, article_id, span_start, id",
    "articles": "published DESC NULLS LAST, id",
    "stories": "date DESC NULLS LAST, id",
    "agreements": "date DESC NULLS LAST, id",
    "actors": "name, id",
}


@dataclass(frozen=True)
class RecordPage:
    """One page of a filtered listing: `total` counts every match, `items` only this page."""

    total: int
    limit: int | None
    offset: int
    items: list[dict[str, Any]]


def _union_actors(actors: Iterable[Actor]) -> list[Actor]:
    """One record per actor id, with the aliases and roles every copy gives it; the first
    copy's code stays, as it does for a row already stored."""
    from eventscope.actors import union_by_id

    return list(union_by_id(actors, fill_missing=False).values())


def _actor_row(actor: Actor) -> list[Any]:
    return [
        actor.id, actor.name, actor.code, actor.country, actor.sector, actor.kind,
        _json(sorted(set(actor.aliases))), _json(sorted(set(actor.roles))),
    ]


def _event_row(event: Event) -> list[Any]:
    return [
        event.id, event.article_id, event.story_id, event.sentence_index, event.sentence,
        event.span[0], event.span[1], event.date,
        event.source_actor.id if event.source_actor else None,
        event.target_actor.id if event.target_actor else None,
        event.cameo.code, event.cameo.root, event.cameo.quad_class, event.cameo.goldstein,
        event.plover.type, event.plover.mode, _json(event.plover.context),
        event.modality, _json(event.attribution),
        event.location.name if event.location else None,
        event.location.country if event.location else None,
        event.rule, event.trigger,
    ]


def _check_kind(kind: str) -> None:
    if kind not in RECORD_KINDS:
        raise StoreError(f"unknown record kind {kind!r}; expected one of {', '.join(RECORD_KINDS)}")


def _iso(value: Any) -> str | None:
    value = _date(value)
    return value.isoformat() if value else None


def _article_record(row: dict[str, Any], _refs: dict) -> dict[str, Any]:
    return {
        "id": row["id"], "source": row["source"], "title": row["title"], "outlet": row["outlet"],
        "author": row["author"], "published": _iso(row["published"]), "text": row["text"],
        "language": row["language"], "story_id": row["story_id"],
        "duplicate_of": row["duplicate_of"],
    }


def _actor_record(row: dict[str, Any], _refs: dict) -> dict[str, Any]:
    return {
        "id": row["id"], "name": row["name"], "code": row["code"], "country": row["country"],
        "sector": row["sector"], "aliases": json.loads(row["aliases"]),
        "kind": row["kind"], "roles": json.loads(row["roles"]),
    }


def _event_record(row: dict[str, Any], refs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def ref(actor_id: str | None) -> dict[str, Any] | None:
        if actor_id is None:
            return None
        return refs.get(actor_id, {"id": actor_id, "name": actor_id, "code": None, "country": None})

    return {
        "id": row["id"], "article_id": row["article_id"], "story_id": row["story_id"],
        "sentence": row["sentence"], "span": [row["span_start"], row["span_end"]],
        "date": _iso(row["date"]),
        "source_actor": ref(row["source_id"]), "target_actor": ref(row["target_id"]),
        "cameo": {
            "code": row["cameo_code"], "root": row["cameo_root"],
            "quad_class": int(row["quad_class"]), "goldstein": float(row["goldstein"]),
        },
        "plover": {
            "type": row["plover_type"], "mode": row["plover_mode"],
            "context": json.loads(row["plover_context"]),
        },
        "modality": row["modality"], "attribution": json.loads(row["attribution"]),
        "location": (
            {"name": row["location_name"], "country": row["location_country"]}
            if row["location_name"] else None
        ),
        "sentence_index": row["sentence_index"], "rule": row["rule"], "trigger": row["trigger_text"],
    }


def _story_record(row: dict[str, Any], _refs: dict) -> dict[str, Any]:
    article_ids = json.loads(row["article_ids"])
    outlets = json.loads(row["outlets"])
    return {
        "id": row["id"], "title": row["title"], "date": _iso(row["date"]),
        "article_ids": article_ids, "outlets": outlets, "num_articles": len(article_ids),
        "num_sources": len(outlets), "event_ids": json.loads(row["event_ids"]),
        "articles_without_outlet": row["articles_without_outlet"] or 0,
    }


def _agreement_record(row: dict[str, Any], _refs: dict) -> dict[str, Any]:
    return {
        "id": row["id"], "kind": row["kind"], "parties": json.loads(row["parties"]),
        "signatories": json.loads(row["signatories"]), "date": _iso(row["date"]),
        "place": row["place"], "provisions": json.loads(row["provisions"]),
        "status": row["status"], "article_ids": json.loads(row["article_ids"]),
        "story_id": row["story_id"], "evidence": json.loads(row["evidence"]),
    }


ROW_TO_RECORD = {
    "articles": _article_record,
    "actors": _actor_record,
    "events": _event_record,
    "stories": _story_record,
    "agreements": _agreement_record,
}


def agreement_from_record(record: dict[str, Any]) -> Agreement:
    return Agreement(
        id=record["id"], kind=record["kind"], parties=list(record["parties"]),
        signatories=list(record["signatories"]), date=_date(record["date"]),
        place=record["place"], provisions=list(record["provisions"]), status=record["status"],
        article_ids=list(record["article_ids"]), story_id=record.get("story_id"),
        evidence=[tuple(e) for e in record.get("evidence", [])],
    )


def story_from_record(record: dict[str, Any]) -> Story:
    return Story(
        id=record["id"], title=record["title"], date=_date(record["date"]),
        article_ids=list(record["article_ids"]), outlets=list(record["outlets"]),
        event_ids=list(record["event_ids"]),
        articles_without_outlet=int(record.get("articles_without_outlet") or 0),
    )
