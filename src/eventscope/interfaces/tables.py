"""Records as flat table rows, and what each column holds.

CSV and Parquet are flat: nested objects become prefixed columns (`cameo_code`,
`source_actor_country`), and an event's location also GDELT's ActionGeo columns
(`ActionGeo_FullName`, `ActionGeo_Lat`...); lists stay lists here (Parquet keeps them as list columns, CSV
writes them as JSON text). The column types found in the rows become a Frictionless
Table Schema written beside a CSV file, so pandas and R can read codes such as CAMEO
`057` as text instead of the number 57.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventscope.common.places import country_names

# Nested objects and the keys each becomes a `<object>_<key>` column for, in column order.
NESTED = {
    "source_actor": ("id", "name", "code", "country"),
    "target_actor": ("id", "name", "code", "country"),
    "cameo": ("code", "root", "quad_class", "goldstein"),
    "plover": ("type", "mode", "context"),
    "location": ("name", "country", "lat", "lon", "geonames_id", "admin1", "precision", "place_source"),
    "article": ("source", "outlet", "published"),
}
# GDELT's ActionGeo_Type for a location's precision (city and admin1 split by US or not).
GEO_TYPES = {("country", False): 1, ("country", True): 1, ("admin1", True): 2, ("city", True): 3,
             ("city", False): 4, ("admin1", False): 5}

# The flat events table (`export events_flat`, the API's events as CSV or Parquet): one row
# per event, in the spirit of GDELT's event table. These columns come first, in this order;
# every other column of the event follows them.
EVENT_FLAT_COLUMNS = (
    "id", "date", "source_actor_code", "source_actor_name", "source_actor_country",
    "target_actor_code", "target_actor_name", "target_actor_country",
    "cameo_code", "cameo_root", "cameo_quad_class", "cameo_goldstein",
    "plover_type", "plover_mode", "plover_context", "modality", "confidence", "background",
    "date_precision", "date_source",
    "attribution", "location_name", "location_country", "location_lat", "location_lon",
    "location_geonames_id", "location_admin1", "location_precision", "location_place_source",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID",
    "article_source", "article_outlet", "article_published",
    "sentence", "rule", "trigger",
)

# Columns holding a `YYYY-MM-DD` day.
DATE_COLUMNS = {"date", "published", "article_published"}

DESCRIPTIONS = {
    "cameo_code": "CAMEO event code: text, leading zeros kept (057, 0312)",
    "cameo_root": "two-digit CAMEO root code: text (05)",
    "cameo_quad_class": "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
    "cameo_goldstein": "Goldstein score, -10 (most conflictual) to +10 (most cooperative)",
    "article_source": "the article's URL, or the path it was read from",
    "article_outlet": "the article's outlet; empty when not stated",
    "article_published": "the article's publication day",
    "confidence": "the learned filter's confidence that the event is right, 0 to 1",
    "date_precision": "how precise the event's date is: day, month (dated its 1st) or year (dated 1 January)",
    "date_source": "where the date came from: text (its clause), publication (its report's day) or story",
    "location_place_source": "where the place came from: text (its clause), dateline or story",
    "location_geonames_id": "the place's GeoNames id",
    "location_admin1": "the place's GeoNames first-level division code (UA.07)",
    "ActionGeo_Type": "GDELT's: 1 country, 2 US state, 3 US city, 4 world city, 5 world first-level division",
    "ActionGeo_CountryCode": "ISO 3166 alpha-3 (not GDELT's FIPS)",
    "ActionGeo_FeatureID": "the place's GeoNames id (GDELT gives GNS/GNIS ids)",
}


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row: nested objects as prefixed columns, `span` as two columns, lists kept."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in NESTED:
            for sub in NESTED[key]:
                row[f"{key}_{sub}"] = value.get(sub) if isinstance(value, dict) else None
        elif key == "span":
            row["span_start"], row["span_end"] = value
        else:
            row[key] = value
    if "location" in record:
        row.update(action_geo(record["location"]))
    return row


def action_geo(place: dict[str, Any] | None) -> dict[str, Any]:
    """GDELT's ActionGeo columns for an event's location. Unlike GDELT's FIPS codes,
    the country code is ISO 3166 alpha-3, as everywhere in eventscope."""
    place = place or {}
    country = place.get("country")
    precision = place.get("precision")
    full_name = None
    if place.get("name"):
        country_name = country_names().get(country or "")
        full_name = place["name"] if precision == "country" or not country_name else f"{place['name']}, {country_name}"
    return {
        "ActionGeo_Type": GEO_TYPES.get((precision, country == "USA")) if precision else None,
        "ActionGeo_FullName": full_name,
        "ActionGeo_CountryCode": country,
        "ActionGeo_ADM1Code": place.get("admin1"),
        "ActionGeo_Lat": place.get("lat"),
        "ActionGeo_Long": place.get("lon"),
        "ActionGeo_FeatureID": place.get("geonames_id"),
    }


def flat_event(record: dict[str, Any]) -> dict[str, Any]:
    """An event as one row of the flat events table."""
    row = flatten(record)
    ordered = {column: row.pop(column, None) for column in EVENT_FLAT_COLUMNS}
    return {**ordered, **row}


def flat_rows(kind: str, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The rows of a flat table of KIND (`events_flat` orders the event columns GDELT-style)."""
    to_row = flat_event if kind == "events_flat" else flatten
    return (to_row(record) for record in records)


def _kind_of(column: str, value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, (list, dict)):
        texts = isinstance(value, list) and all(isinstance(item, str) for item in value)
        return "array" if texts else "json"
    return "date" if column in DATE_COLUMNS else "string"


class ColumnTypes:
    """The type of each column, learnt from the rows seen; a column without values is text."""

    def __init__(self) -> None:
        self.kinds: dict[str, set[str]] = {}

    def see(self, row: dict[str, Any]) -> dict[str, Any]:
        for column, value in row.items():
            kinds = self.kinds.setdefault(column, set())
            if value is not None:
                kinds.add(_kind_of(column, value))
        return row

    def type_of(self, column: str) -> str:
        """`string`, `integer`, `number`, `boolean`, `date`, `array` (of text) or `json`."""
        kinds = self.kinds.get(column, set())
        if len(kinds) == 1:
            return next(iter(kinds))
        if kinds == {"integer", "number"}:
            return "number"
        if kinds <= {"array", "json"} and kinds:
            return "json"
        return "string"

    def table_schema(self) -> dict[str, Any]:
        """A Frictionless Table Schema of the columns (lists are JSON arrays in the CSV)."""
        fields = []
        for column in self.kinds:
            kind = self.type_of(column)
            field: dict[str, Any] = {"name": column, "type": "array" if kind == "json" else kind}
            if column in DESCRIPTIONS:
                field["description"] = DESCRIPTIONS[column]
            fields.append(field)
        return {"fields": fields, "missingValues": [""]}
