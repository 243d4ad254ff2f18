"""Reading an eventscope database: records in the contract's shapes, filtered pages of them,
and the few aggregate queries behind the dyad summaries and the web pages.

`Store` adds the writes; everything here runs on a read-only connection too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self

from eventscope.errors import StoreError
from eventscope.records import Actor
from eventscope.store.filters import (
    EVENT_COLUMNS,
    EVENT_DATE,
    EVENT_ORDERS,
    HAPPENING_KEY,
    NEWEST_FIRST,
    RECORD_FILTERS,
    where_clause,
)
from eventscope.store.rows import RECORD_KINDS, ROW_TO_RECORD, actor_from_row, as_date


@dataclass(frozen=True)
class RecordPage:
    """One page of a filtered listing: `total` counts every match, `items` only this page."""

    total: int
    limit: int | None
    offset: int
    items: list[dict[str, Any]]


class StoreReader:
    """A connection to one eventscope database, for reading; use as a context manager."""

    engine = "duckdb"
    placeholder = "?"

    def __init__(self, connection: Any, location: str) -> None:
        self._db = connection
        self.location = location

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

    # -- records in the contract's shapes -------------------------------------

    def actors(self, where: str = "TRUE", params: Sequence[Any] = ()) -> list[Actor]:
        return [
            actor_from_row(row)
            for row in self.query_dicts(f"SELECT * FROM actors WHERE {where} ORDER BY id", params)
        ]

    def count(self, kind: str) -> int:
        _check_kind(kind)
        return int(self.query(f"SELECT count(*) FROM {kind}")[0][0])

    def iter_records(self, kind: str) -> Iterator[dict[str, Any]]:
        """Every record of one kind as the contract's dicts, in id order (events by article)."""
        _check_kind(kind)
        if kind == "events":
            sql = f"SELECT {EVENT_COLUMNS} FROM events ORDER BY article_id, span_start, id"
        else:
            sql = f"SELECT * FROM {kind} ORDER BY id"
        refs: dict[str, dict[str, Any]] = {}
        if kind == "events":
            refs = {a.id: a.ref().to_record() for a in self.actors()}
        for row in self.query_dicts(sql):
            yield ROW_TO_RECORD[kind](row, refs)

    # -- read-only queries for the API, the web page and dyad summaries ------

    def find_records(
        self, kind: str, filters: Mapping[str, Any] | None = None, limit: int | None = 100,
        offset: int = 0, order: str | None = None,
    ) -> RecordPage:
        """One page of records of KIND matching every filter given (see RECORD_FILTERS), newest first.

        A filter whose value is None is not applied; `limit=None` returns every match.
        Events may take another `order` (a name in EVENT_ORDERS).
        """
        _check_kind(kind)
        where, params = where_clause(kind, filters)
        total = int(self.query(f"SELECT count(*) FROM {kind} WHERE {where}", params)[0][0])
        if order is not None and (kind != "events" or order not in EVENT_ORDERS):
            raise StoreError(f"{kind} cannot be listed in the order {order!r}")
        columns = EVENT_COLUMNS if kind == "events" else "*"
        sort = EVENT_ORDERS[order] if order else NEWEST_FIRST[kind]
        sql = f"SELECT {columns} FROM {kind} WHERE {where} ORDER BY {sort}"
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
        columns = EVENT_COLUMNS if kind == "events" else "*"
        rows = self.query_dicts(f"SELECT {columns} FROM {kind} WHERE id = ?", [record_id])
        if not rows:
            return None
        refs = self._actor_refs(rows) if kind == "events" else {}
        return ROW_TO_RECORD[kind](rows[0], refs)

    def dyad_events(self, country_a: str, country_b: str) -> list[dict[str, Any]]:
        """Light rows of the events between two countries (either direction), oldest first.

        `date` falls back to the article's publication date, then the story's, when the
        event has none; `source_country` is the source actor's country; `happening` is the
        key events reporting one happening share (HAPPENING_KEY).
        """
        clause, to_params = RECORD_FILTERS["events"]["dyad"]
        return [
            {**row, "date": as_date(row["date"])}
            for row in self.query_dicts(
                f"SELECT id, article_id, story_id, {EVENT_DATE} AS date, source_id, target_id,"
                f" {HAPPENING_KEY} AS happening,"
                " (SELECT a.country FROM actors a WHERE a.id = events.source_id) AS source_country,"
                " cameo_code, quad_class, goldstein, modality FROM events"
                f" WHERE {clause} ORDER BY {EVENT_DATE} NULLS LAST, id",
                to_params((country_a, country_b)),
            )
        ]

    def outlets(self) -> list[str]:
        """Every stated outlet, by name."""
        rows = self.query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")
        return [row[0] for row in rows]

    def counterpart_countries(
        self, modalities: Sequence[str], actor_id: str | None = None, country: str | None = None
    ) -> list[tuple[str, int]]:
        """The countries one actor (or every actor of one country) has events with, and how
        many happenings (HAPPENING_KEY) of these modalities with each, most first."""
        marks = ", ".join("?" for _ in modalities) or "NULL"
        if actor_id is not None:
            sql = (
                f"SELECT other.country AS other, count(DISTINCT {HAPPENING_KEY}) AS n FROM events"
                " JOIN actors other ON other.id = CASE WHEN events.source_id = ?"
                " THEN events.target_id ELSE events.source_id END"
                " WHERE (events.source_id = ? OR events.target_id = ?) AND other.id <> ?"
                " AND other.country IS NOT NULL"
            )
            params: list[Any] = [actor_id] * 4
        else:
            sql = (
                "SELECT CASE WHEN s.country = ? THEN t.country ELSE s.country END AS other,"
                f" count(DISTINCT {HAPPENING_KEY}) AS n FROM events"
                " JOIN actors s ON s.id = events.source_id JOIN actors t ON t.id = events.target_id"
                " WHERE (s.country = ? OR t.country = ?) AND s.country <> t.country"
            )
            params = [country] * 3
        rows = self.query(
            f"{sql} AND events.modality IN ({marks}) GROUP BY 1 ORDER BY n DESC, other",
            [*params, *modalities],
        )
        return [(row[0], int(row[1])) for row in rows]

    def top_dyads(self, modalities: Sequence[str], limit: int = 10) -> list[tuple[str, str, int]]:
        """The pairs of different countries with the most happenings (HAPPENING_KEY) of these
        modalities between them, either direction."""
        marks = ", ".join("?" for _ in modalities) or "NULL"
        rows = self.query(
            "SELECT LEAST(s.country, t.country) AS a, GREATEST(s.country, t.country) AS b,"
            f" count(DISTINCT {HAPPENING_KEY}) AS n FROM events"
            " JOIN actors s ON s.id = events.source_id"
            " JOIN actors t ON t.id = events.target_id WHERE s.country <> t.country"
            f" AND events.modality IN ({marks})"
            " GROUP BY LEAST(s.country, t.country), GREATEST(s.country, t.country)"
            " ORDER BY n DESC, a, b LIMIT ?",
            [*modalities, limit],
        )
        return [(row[0], row[1], int(row[2])) for row in rows]

    def _actor_refs(self, event_rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        ids = sorted({row[key] for row in event_rows for key in ("source_id", "target_id") if row[key]})
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        return {a.id: a.ref().to_record() for a in self.actors(f"id IN ({marks})", ids)}


def _check_kind(kind: str) -> None:
    if kind not in RECORD_KINDS:
        raise StoreError(f"unknown record kind {kind!r}; expected one of {', '.join(RECORD_KINDS)}")
