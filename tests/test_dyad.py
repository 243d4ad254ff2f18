"""The dyad summary, its text and PNG chart, and the `eventscope dyad` command."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.dyads.summary import DyadSummary, dyad_summary, format_dyad, plot_dyad, quad_classes
from eventscope.errors import BadInput
from eventscope.interfaces.cli import main
from eventscope.store import Store, open_store
from sample_store import (
    IRAN,
    IRAQ,
    MOU_SIGNED,
    SIGNED,
    SampleArticle,
    SampleEvent,
    SampleIds,
    build_article,
    write_sample_store,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleIds]:
    path = tmp_path_factory.mktemp("dyad") / "sample.duckdb"
    return path, write_sample_store(path)


@pytest.fixture
def store(sample_db: tuple[Path, SampleIds]) -> Iterator[Store]:
    with open_store(sample_db[0], read_only=True) as opened:
        yield opened


@pytest.fixture
def iran_iraq(store: Store) -> DyadSummary:
    """Every modality counted (the default counts asserted events only)."""
    return dyad_summary(store, "IRN", "IRQ", modalities=None)


def month(summary: DyadSummary, name: str):
    return next(m for m in summary.months if m.month == name)


def test_quad_classes_are_the_four_cameo_classes_in_order() -> None:
    assert [q.number for q in quad_classes()] == [1, 2, 3, 4]
    assert quad_classes()[3].label == "Material conflict"


def test_dyad_counts_one_happening_once_however_many_outlets_report_it(
    iran_iraq: DyadSummary,
) -> None:
    signed = month(iran_iraq, "2017-07")
    assert signed.counts == {1: 1, 2: 0, 3: 0, 4: 0}
    assert signed.reports == 3
    assert iran_iraq.events == 3 and iran_iraq.reports == 6


def test_dyad_counts_a_happening_once_whichever_actors_of_the_countries_tell_it(
    tmp_path: Path,
) -> None:
    by_country = SampleEvent("Iran signed the deal with Iraq.", IRAN, IRAQ, SIGNED, "AGREE")
    other_way = SampleEvent("Iraq signed the deal with Iran.", IRAQ, IRAN, SIGNED, "AGREE")
    article = build_article(
        SampleArticle(
            outlet="Wire",
            title="Deal signed",
            published=dt.date(2021, 5, 2),
            paragraphs=(MOU_SIGNED.sentence, by_country.sentence, other_way.sentence),
            events=(MOU_SIGNED, by_country, other_way),
        )
    )
    with open_store(tmp_path / "one.duckdb") as store:
        store.write_article(article)
        summary = dyad_summary(store, "IRN", "IRQ")
    assert summary.reports == 3
    assert summary.events == 2  # Iran's signing (told twice) and Iraq's
    assert summary.months[0].counts[1] == 2


def test_dyad_keeps_every_month_in_its_range_so_gaps_show(iran_iraq: DyadSummary) -> None:
    names = [m.month for m in iran_iraq.months]
    assert names[0] == "2017-07" and names[-1] == "2019-06"
    assert len(names) == 24
    assert month(iran_iraq, "2018-12").events == 0
    assert month(iran_iraq, "2018-12").goldstein is None


def test_dyad_means_goldstein_per_month(iran_iraq: DyadSummary) -> None:
    assert month(iran_iraq, "2017-07").goldstein == 8.0
    assert month(iran_iraq, "2018-03").goldstein == -2.0
    assert month(iran_iraq, "2018-03").counts[3] == 1


def test_dyad_is_the_same_in_either_order(store: Store, iran_iraq: DyadSummary) -> None:
    reverse = dyad_summary(store, "irq", "irn", modalities=None)

    def without_directions(summary: DyadSummary) -> list[dict]:
        return [{**m.to_record(), "directions": None} for m in summary.months]

    assert without_directions(reverse) == without_directions(iran_iraq)
    assert [m.directions for m in reverse.months] == [m.directions for m in iran_iraq.months]
    assert [w["source"] for w in reverse.months[0].to_record()["directions"]] == ["IRQ", "IRN"]
    assert (reverse.country_a, reverse.country_b) == ("IRQ", "IRN")


def test_dyad_leaves_out_events_with_other_countries(store: Store, iran_iraq: DyadSummary) -> None:
    assert "2019-06" in [m.month for m in iran_iraq.months]
    assert month(iran_iraq, "2019-06").counts == {
        1: 1,
        2: 0,
        3: 0,
        4: 0,
    }  # the US threat is not there
    iran_us = dyad_summary(store, "IRN", "USA")
    assert iran_us.events == 1  # the threat is asserted
    assert [m.month for m in iran_us.months] == ["2019-06"]
    assert month(iran_us, "2019-06").counts[3] == 1


def test_dyad_names_the_countries_from_their_actors(store: Store, iran_iraq: DyadSummary) -> None:
    assert iran_iraq.names == {"IRN": "Iran", "IRQ": "Iraq"}
    assert dyad_summary(store, "IRN", "FRA").names == {"IRN": "Iran"}


def test_dyad_counts_modalities(iran_iraq: DyadSummary) -> None:
    assert iran_iraq.modalities == {"asserted": 2, "proposed": 1}


def test_dyad_lists_agreements_and_latest_stories_newest_first(
    store: Store, iran_iraq: DyadSummary
) -> None:
    assert [a["kind"] for a in iran_iraq.agreements] == ["memorandum of understanding"]
    assert [s["title"] for s in iran_iraq.stories] == [
        "Iran proposes joint drills with Iraq",
        "Iraq accuses Iran over border shelling",
        "Iran and Iraq sign military cooperation memorandum",
    ]
    assert len(dyad_summary(store, "IRN", "IRQ", latest_stories=1).stories) == 1
    assert dyad_summary(store, "IRN", "USA").agreements == []


def test_dyad_without_events_is_empty_not_an_error(store: Store, tmp_path: Path) -> None:
    summary = dyad_summary(store, "FRA", "DEU")
    assert summary.events == 0 and summary.months == [] and summary.stories == []
    assert format_dyad(summary).startswith("FRA-DEU: 0 events")
    plot_dyad(summary, tmp_path / "empty.png")
    assert (tmp_path / "empty.png").read_bytes().startswith(PNG_MAGIC)


@pytest.mark.parametrize("code", ["IR", "IRAN", "12A", ""])
def test_dyad_rejects_codes_that_are_not_iso3(store: Store, code: str) -> None:
    with pytest.raises(BadInput, match="ISO 3166-1 alpha-3"):
        dyad_summary(store, code, "IRQ")


def test_format_dyad_shows_active_months_agreements_and_stories(iran_iraq: DyadSummary) -> None:
    text = format_dyad(iran_iraq)
    assert text.splitlines()[0] == "IRN-IRQ: 3 events (6 reports) from 2017-07 to 2019-06"
    assert "by direction: IRN->IRQ 2, IRQ->IRN 1" in text
    month_rows = [line for line in text.splitlines() if line[:4].isdigit()]
    assert [row.split()[0] for row in month_rows] == ["2017-07", "2018-03", "2019-06"]
    assert month_rows[1].split()[-1] == "-2.0"
    assert "memorandum of understanding, signed (IRN, IRQ) in Tehran" in text
    assert "Iran and Iraq sign military cooperation memorandum (3 articles from 3 sources)" in text


def test_plot_dyad_writes_a_png_chart(iran_iraq: DyadSummary, tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    plot_dyad(iran_iraq, target)
    data = target.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 10_000


def test_dyad_command_prints_the_summary_and_writes_the_chart(
    sample_db: tuple[Path, SampleIds], tmp_path: Path
) -> None:
    png = tmp_path / "irn-irq.png"
    result = CliRunner().invoke(
        main, ["dyad", "irn", "irq", "--db", str(sample_db[0]), "--png", str(png)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("IRN-IRQ: 2 events (4 reports)")
    assert "counting asserted events, each happening once however many outlets report it;" in result.stdout
    assert "not counted: proposed 1" in result.stdout
    assert "Latest stories (3)" in result.stdout
    assert png.read_bytes().startswith(PNG_MAGIC)


def test_dyad_command_rejects_a_bad_country_with_exit_status_2(
    sample_db: tuple[Path, SampleIds],
) -> None:
    result = CliRunner().invoke(main, ["dyad", "Iran", "IRQ", "--db", str(sample_db[0])])
    assert result.exit_code == 2
    assert "not an ISO 3166-1 alpha-3 country code" in result.stderr


def test_dyad_command_reports_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dyad", "IRN", "IRQ", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no such database" in result.stderr


def test_dyad_can_count_only_some_modalities(store: Store) -> None:
    asserted = dyad_summary(store, "IRN", "IRQ", modalities={"asserted"})
    assert asserted.modalities == {"asserted": 2}
    assert asserted.events == 2 and asserted.reports == 4
    assert [m.month for m in asserted.months][-1] == "2018-03"  # the June 2019 proposal is left out


def test_dyad_command_can_print_json(sample_db: tuple[Path, SampleIds]) -> None:
    result = CliRunner().invoke(
        main,
        ["dyad", "IRQ", "IRN", "--db", str(sample_db[0]), "--json", "--modality", "asserted",
         "--modality", "proposed"],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["country_a"], record["events"], record["reports"]) == ("IRQ", 3, 6)
    assert record["counted_modalities"] == ["asserted", "proposed"]
    assert [m["month"] for m in record["months"] if m["events"]] == [
        "2017-07",
        "2018-03",
        "2019-06",
    ]


def test_dyad_counts_asserted_events_by_default_and_says_what_it_left_out(store: Store) -> None:
    summary = dyad_summary(store, "IRN", "IRQ")
    assert summary.counted == ("asserted",)
    assert summary.events == 2 and summary.left_out == {"proposed": 1}


def test_dyad_keeps_the_two_directions_apart(iran_iraq: DyadSummary) -> None:
    assert month(iran_iraq, "2017-07").directions == {
        ("IRN", "IRQ"): {1: 1, 2: 0, 3: 0, 4: 0},
        ("IRQ", "IRN"): {1: 0, 2: 0, 3: 0, 4: 0},
    }
    assert month(iran_iraq, "2018-03").directions[("IRQ", "IRN")][3] == 1
    assert iran_iraq.direction_totals() == {("IRN", "IRQ"): 2, ("IRQ", "IRN"): 1}
    ways = month(iran_iraq, "2018-03").to_record()["directions"]
    assert [(w["source"], w["target"], w["events"]) for w in ways] == [("IRN", "IRQ", 0), ("IRQ", "IRN", 1)]


def test_dyad_months_reach_the_agreements_dates(tmp_path: Path) -> None:
    """An agreement outside the months with events still gets its month on the time axis."""
    from eventscope.records import Agreement

    with open_store(tmp_path / "agreement.duckdb") as store:
        store.write_article(build_article(SampleArticle(
            "Wire", "Deal", dt.date(2021, 5, 2), (MOU_SIGNED.sentence,), (MOU_SIGNED,)
        )))
        store.replace_agreements(
            [Agreement("agr", "treaty", ["IRN", "IRQ"], [], dt.date(2021, 8, 9), None, [], "signed")], []
        )
        summary = dyad_summary(store, "IRN", "IRQ")
    assert [m.month for m in summary.months] == ["2021-05", "2021-06", "2021-07", "2021-08"]
