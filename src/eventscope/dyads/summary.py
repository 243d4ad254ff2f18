"""The relationship between two countries over time: events by quad class per month,
the agreements between them and the latest stories that involve both.

One happening told by several outlets is counted once: the events of one story (or of
one article, when it is in no story) with the same CAMEO code going the same way between
the two countries are a single event (the store's HAPPENING_KEY), dated by its earliest
report; "Iran signed with Iraq" and "Iran's defence minister signed with his Iraqi
counterpart" in one story are one signing. `reports` keeps the raw number of coded
sentences, so an analyst can see how loudly a month was reported as well. By default only
asserted events count (COUNTED_BY_DEFAULT): proposals, plans, denials and hypotheticals
did not happen. Every page that counts events between countries counts this way.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import yaml

from eventscope.errors import BadInput
from eventscope.records import Modality
from eventscope.store import Store

log = logging.getLogger(__name__)

QUAD_CLASSES_FILE = "quad_classes.yaml"
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
# The modalities counted unless others are asked for: what the text says happened.
COUNTED_BY_DEFAULT = ("asserted",)


@dataclass(frozen=True)
class QuadClass:
    number: int
    label: str
    colour: str


@functools.lru_cache(maxsize=1)
def quad_classes() -> tuple[QuadClass, ...]:
    """The four CAMEO quad classes with their labels and chart colours, in stacking order."""
    text = resources.files("eventscope.data").joinpath(QUAD_CLASSES_FILE).read_text("utf-8")
    return tuple(
        QuadClass(int(number), entry["label"], entry["colour"])
        for number, entry in yaml.safe_load(text).items()
    )


@dataclass
class DyadMonth:
    """One calendar month of a dyad; months without events are kept so timelines stay honest."""

    month: str  # YYYY-MM
    counts: dict[int, int]  # quad class -> distinct events
    reports: int = 0
    goldstein: float | None = None  # mean over the month's distinct events
    # (source country, target country) -> quad class -> distinct events, both ways kept apart
    directions: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)

    @property
    def events(self) -> int:
        return sum(self.counts.values())

    def to_record(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "counts": {str(quad): count for quad, count in sorted(self.counts.items())},
            "events": self.events,
            "reports": self.reports,
            "goldstein": self.goldstein,
            "directions": [
                {
                    "source": source,
                    "target": target,
                    "counts": {str(quad): n for quad, n in sorted(counts.items())},
                    "events": sum(counts.values()),
                }
                for (source, target), counts in self.directions.items()
            ],
        }


@dataclass
class DyadSummary:
    country_a: str
    country_b: str
    months: list[DyadMonth]
    undated: int = 0
    undated_reports: int = 0
    modalities: dict[str, int] = field(default_factory=dict)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # country code -> name, when known
    counted: tuple[str, ...] = COUNTED_BY_DEFAULT  # the modalities counted
    left_out: dict[str, int] = field(default_factory=dict)  # modality -> happenings not counted

    @property
    def events(self) -> int:
        return sum(month.events for month in self.months) + self.undated

    @property
    def reports(self) -> int:
        return sum(month.reports for month in self.months) + self.undated_reports

    def direction_totals(self) -> dict[tuple[str, str], int]:
        """Dated events each way: (A, B) and then (B, A)."""
        ways = ((self.country_a, self.country_b), (self.country_b, self.country_a))
        return {
            way: sum(sum(m.directions.get(way, {}).values()) for m in self.months) for way in ways
        }

    def to_record(self) -> dict[str, Any]:
        return {
            "country_a": self.country_a,
            "country_b": self.country_b,
            "names": dict(self.names),
            "events": self.events,
            "reports": self.reports,
            "undated": self.undated,
            "modalities": dict(self.modalities),
            "counted_modalities": list(self.counted),
            "left_out": dict(self.left_out),
            "months": [month.to_record() for month in self.months],
            "agreements": list(self.agreements),
            "stories": list(self.stories),
        }


def check_country(code: str) -> str:
    """The code upper-cased, or `BadInput` when it is not an ISO 3166-1 alpha-3 code."""
    upper = code.strip().upper()
    if not COUNTRY_CODE.match(upper):
        raise BadInput(code, "not an ISO 3166-1 alpha-3 country code (e.g. IRN)")
    return upper


def dyad_summary(
    store: Store,
    country_a: str,
    country_b: str,
    latest_stories: int = 5,
    modalities: Collection[str] | None = COUNTED_BY_DEFAULT,
) -> DyadSummary:
    """Events by month, quad class and direction, agreements and latest stories between two
    countries.

    `modalities` keeps only events of those modalities (by default the asserted ones,
    leaving out proposals, plans, denials and hypotheticals); None keeps every event.
    """
    country_a, country_b = check_country(country_a), check_country(country_b)
    counted = tuple(sorted(modalities)) if modalities is not None else get_args(Modality)
    happenings: dict[str, dict[str, Any]] = {}
    left_out: dict[str, set[str]] = {}
    reports: Counter[str | None] = Counter()
    for row in store.dyad_events(country_a, country_b):
        if row["modality"] not in counted:
            left_out.setdefault(row["modality"], set()).add(row["happening"])
            continue
        key = row["happening"]
        first = happenings.setdefault(key, row)
        if row["date"] and (first["date"] is None or row["date"] < first["date"]):
            happenings[key] = row
        reports[_month(row["date"]) if row["date"] else None] += 1
    dated = [row for row in happenings.values() if row["date"]]
    agreements = store.find_records(
        "agreements", {"dyad": (country_a, country_b)}, limit=None
    ).items
    agreement_days = [as_day(a["date"]) for a in agreements if a["date"]]
    ways = ((country_a, country_b), (country_b, country_a))
    months = {
        month: DyadMonth(
            month,
            {q.number: 0 for q in quad_classes()},
            directions={way: {q.number: 0 for q in quad_classes()} for way in ways},
        )
        for month in _month_range([row["date"] for row in dated] + agreement_days)
    }
    scores: dict[str, list[float]] = {month: [] for month in months}
    for row in dated:
        month = months[_month(row["date"])]
        quad = int(row["quad_class"])
        month.counts[quad] = month.counts.get(quad, 0) + 1
        way = ways[0] if row["source_country"] == country_a else ways[1]
        month.directions[way][quad] = month.directions[way].get(quad, 0) + 1
        scores[month.month].append(float(row["goldstein"]))
    for month in months.values():
        month.reports = reports[month.month]
        if scores[month.month]:
            month.goldstein = round(sum(scores[month.month]) / len(scores[month.month]), 2)
    stories = store.find_records("stories", {"dyad": (country_a, country_b)}, latest_stories)
    log.debug(
        "dyad %s-%s: %d events in %d months", country_a, country_b, len(happenings), len(months)
    )
    return DyadSummary(
        country_a=country_a,
        country_b=country_b,
        months=list(months.values()),
        undated=len(happenings) - len(dated),
        undated_reports=reports[None],
        modalities=dict(Counter(row["modality"] for row in happenings.values()).most_common()),
        agreements=agreements,
        stories=stories.items,
        names=_country_names(store, (country_a, country_b)),
        counted=counted,
        left_out={name: len(keys) for name, keys in sorted(left_out.items())},
    )


def _country_names(store: Store, codes: Collection[str]) -> dict[str, str]:
    """Names of the countries as stored for their country actors (e.g. IRN -> Iran)."""
    names = {}
    for code in codes:
        found = store.find_records("actors", {"country": code, "kind": "country"}, limit=1).items
        if found:
            names[code] = found[0]["name"]
    return names


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def as_day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _month_range(days: list[dt.date]) -> list[str]:
    """Every month from the earliest to the latest day, inclusive."""
    if not days:
        return []
    first, last = min(days), max(days)
    year, month, out = first.year, first.month, []
    while (year, month) <= (last.year, last.month):
        out.append(_month(dt.date(year, month, 1)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def format_dyad(summary: DyadSummary) -> str:
    """The plain-text summary `eventscope dyad` prints: a month table, agreements, stories."""
    pair = f"{summary.country_a}-{summary.country_b}"
    classes = quad_classes()
    active = [month for month in summary.months if month.events]
    lines = [
        f"{pair}: {_plural(summary.events, 'event')} ({_plural(summary.reports, 'report')})"
        + (
            f" from {summary.months[0].month} to {summary.months[-1].month}"
            if summary.months
            else ""
        )
        + (f", {summary.undated} undated" if summary.undated else "")
    ]
    lines.append(
        f"counting {', '.join(summary.counted)} events, each happening once however many"
        " outlets report it"
        + (
            "; not counted: " + ", ".join(f"{name} {n}" for name, n in summary.left_out.items())
            if summary.left_out
            else ""
        )
    )
    if summary.modalities:
        lines.append(
            "by modality: " + ", ".join(f"{name} {n}" for name, n in summary.modalities.items())
        )
    ways = summary.direction_totals()
    if any(ways.values()):
        lines.append(
            "by direction: " + ", ".join(f"{a}->{b} {n}" for (a, b), n in ways.items())
        )
    if active:
        widths = [max(len(q.label), 5) for q in classes]
        lines.append("")
        lines.append(
            "month    "
            + "  ".join(q.label.rjust(w) for q, w in zip(classes, widths))
            + "  reports  mean Goldstein"
        )
        for month in active:
            lines.append(
                f"{month.month}  "
                + "  ".join(
                    str(month.counts.get(q.number, 0)).rjust(w) for q, w in zip(classes, widths)
                )
                + f"  {month.reports:7d}  {month.goldstein:+14.1f}"
            )
        if len(active) < len(summary.months):
            lines.append(f"({len(summary.months) - len(active)} months without events not shown)")
    lines.append("")
    lines.append(f"Agreements ({len(summary.agreements)})")
    for agreement in summary.agreements:
        lines.append(
            f"- {agreement_line(agreement)}"
            + (f": {', '.join(agreement['provisions'])}" if agreement["provisions"] else "")
        )
    lines.append("")
    lines.append(f"Latest stories ({len(summary.stories)})")
    for story in summary.stories:
        lines.append(
            f"- {story['date'] or 'undated'}  {story['title'] or '(untitled)'}"
            f" ({_plural(story['num_articles'], 'article')}"
            f" from {_plural(story['num_sources'], 'source')})"
        )
    return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def agreement_line(agreement: dict[str, Any]) -> str:
    """An agreement record in one line: date, kind, status, parties and place."""
    return (f"{agreement['date'] or 'undated'}  {agreement['kind']}, {agreement['status']}"
            f" ({', '.join(agreement['parties'])})"
            + (f" in {agreement['place']}" if agreement["place"] else ""))


def plot_dyad(summary: DyadSummary, path: str | Path) -> None:
    """Draw the dyad timeline as a PNG, as the dyad page does: two bars a month (A→B solid on
    the left, B→A paler on the right), each stacked by quad class, and the mean Goldstein line."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    classes = quad_classes()
    figure = Figure(figsize=(min(14.0, max(6.0, 0.35 * len(summary.months) + 3)), 4.5), dpi=120)
    FigureCanvasAgg(figure)
    counts_axis = figure.add_subplot()
    positions = list(range(len(summary.months)))
    tops = [1]
    pairs = ((summary.country_a, summary.country_b), (summary.country_b, summary.country_a))
    for side, (source, target) in enumerate(pairs):
        bottoms = [0] * len(summary.months)
        shifted = [p + (side - 0.5) * 0.4 for p in positions]
        for quad in classes:
            heights = [month.directions.get((source, target), {}).get(quad.number, 0) for month in summary.months]
            counts_axis.bar(shifted, heights, bottom=bottoms, color=quad.colour, width=0.38,
                            alpha=1.0 if side == 0 else 0.5, linewidth=0,
                            label=quad.label if side == 0 else None)
            bottoms = [b + h for b, h in zip(bottoms, heights)]
        tops += bottoms
    counts_axis.set_ylabel(f"events ({summary.country_a}→{summary.country_b} left, "
                           f"{summary.country_b}→{summary.country_a} right)")
    counts_axis.set_ylim(0, max(tops) * 1.1)
    counts_axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    step = max(1, len(summary.months) // 24)  # at most ~24 month labels stay readable
    counts_axis.set_xticks(
        positions[::step],
        [month.month for month in summary.months][::step],
        rotation=45,
        ha="right",
    )
    goldstein_axis = counts_axis.twinx()
    # Months without events have no mean: NaN breaks the line instead of bridging the gap.
    goldstein_axis.plot(
        positions,
        [math.nan if m.goldstein is None else m.goldstein for m in summary.months],
        color="black",
        marker="o",
        linewidth=1.2,
        label="mean Goldstein",
    )
    goldstein_axis.axhline(0, color="grey", linewidth=0.6, linestyle=":")
    goldstein_axis.set_ylim(-10, 10)
    goldstein_axis.set_ylabel("mean Goldstein (−10 … +10)")
    handles, labels = counts_axis.get_legend_handles_labels()
    line_handles, line_labels = goldstein_axis.get_legend_handles_labels()
    figure.legend(
        handles + line_handles,
        labels + line_labels,
        loc="lower center",
        ncol=5,
        fontsize="small",
        frameon=False,
    )
    title = f"{summary.country_a}–{summary.country_b}: events by month"
    if not summary.months:
        title += " (no dated events)"
    counts_axis.set_title(title)
    figure.tight_layout(rect=(0, 0.07, 1, 1))
    figure.savefig(Path(path), format="png")
