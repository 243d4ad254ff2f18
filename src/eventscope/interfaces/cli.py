"""The `eventscope` command: each command parses its options and calls one library function.

Only this module prints, draws progress bars and turns errors into exit codes:
0 on success, 2 on bad usage or when any input was rejected (after everything
good was stored), 1 when the job itself could not run (e.g. a locked database).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar, get_args

import click

from eventscope.errors import BadInput, EventscopeError, SettingsError
from eventscope.interfaces.export import EXPORT_KINDS, FORMATS
from eventscope.records import Modality
from eventscope.settings import Settings, load_settings
from eventscope.store import Store, open_for_reading, open_store

EXIT_REJECTED = 2
EXIT_FAILED = 1


T = TypeVar("T")


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    click.echo(f"eventscope: {message}", err=True)
    sys.exit(code)


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    settings: Settings = ctx.obj["settings"]
    return settings.with_overrides(overrides)


def plural(count: int, noun: str, many: str | None = None) -> str:
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def _load_settings_file(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is None:
        return
    try:
        ctx.ensure_object(dict)["settings"] = load_settings(value)
    except EventscopeError as exc:
        fail(str(exc), EXIT_REJECTED)


def settings_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--settings FILE` after the command name too (`eventscope run --settings s.yaml ...`);
    given there, it replaces one given before the command."""
    return click.option(
        "--settings", type=click.Path(dir_okay=False), expose_value=False, is_eager=True,
        callback=_load_settings_file, help="YAML file merged over the defaults.",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False), help="YAML file merged over the defaults.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="eventscope")
@click.pass_context
def main(ctx: click.Context, settings_file: str | None, verbose: int) -> None:
    """Turn news articles into a deduplicated, source-attributed database of events."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        ctx.obj = {"settings": load_settings(settings_file)}
    except EventscopeError as exc:
        fail(str(exc), EXIT_REJECTED)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", required=True, help="DuckDB file, or a postgresql:// URL.")
@click.option("--workers", type=click.IntRange(min=0), default=None, help="Worker processes (0 = all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None, help="Where per-article work runs.")
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a local cluster).")
@click.option("--actors", "actor_dictionary", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Extra actor dictionary in PETRARCH format.")
@click.option("--outlet", default=None, help="Outlet of the inputs that do not state one (e.g. 'BBC News').")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) of the inputs that do not state one.")
@click.option("--quiet", is_flag=True, help="No progress bar, story listing or log lines on any engine.")
@settings_option
@click.pass_context
def run(ctx: click.Context, paths: tuple[str, ...], db: str, workers: int | None, engine: str | None,
        scheduler: str | None, actor_dictionary: str | None, outlet: str | None,
        published: dt.datetime | None, quiet: bool) -> None:
    """Ingest files or folders (.txt, .html, .jsonl) and run the whole pipeline into DB."""
    from tqdm import tqdm

    from eventscope.extract import count_inputs, missing_paths
    from eventscope.pipeline import run as run_pipeline

    if quiet:  # warnings of the library and of Dask too; problems with inputs still print
        logging.getLogger().setLevel(logging.ERROR)
    missing = missing_paths(paths)
    for path in missing:
        click.echo(f"eventscope: {path}: no such file or folder", err=True)
    if missing:
        sys.exit(EXIT_REJECTED)  # before the database is opened, so none is created
    settings = settings_from(
        ctx, **{"run.workers": workers, "run.engine": engine, "run.scheduler": scheduler,
                "actors.dictionary": actor_dictionary}
    )
    meta = {"outlet": outlet.strip() if outlet and outlet.strip() else None,
            "published": published.date().isoformat() if published else None}
    bar = tqdm(total=None if quiet else count_inputs(paths), desc="starting", unit=" articles",
               file=sys.stderr, disable=quiet or None, mininterval=0.5, dynamic_ncols=True)

    def report_problem(problem: BadInput) -> None:
        bar.clear()
        click.echo(f"eventscope: {problem}", err=True)

    try:
        with open_store(db) as store:
            report = run_pipeline(
                paths, store, settings, on_progress=bar.update, on_problem=report_problem,
                meta={key: value for key, value in meta.items() if value},
                on_status=bar.set_description_str,
            )
            bar.close()
            click.echo(
                f"{plural(report.stored, 'article')} stored, {report.already_stored} already stored, "
                f"{len(report.rejected)} rejected, {plural(report.events, 'event')}"
                + (f", {report.not_english} not in English (stored, not coded)" if report.not_english else ""),
                err=True,
            )
            if not quiet:
                print_stories(store)
    except EventscopeError as exc:
        bar.close()
        fail(str(exc))
    if report.rejected:
        sys.exit(EXIT_REJECTED)


def print_stories(store: Store) -> None:
    """A short listing of every story, newest first."""
    records = sorted(store.iter_records("stories"), key=lambda s: (s["date"] or "", s["id"]), reverse=True)
    click.echo(plural(len(records), "story", "stories"))
    for story in records:
        outlets = list(story["outlets"])
        unstated = story.get("articles_without_outlet") or 0
        if unstated:
            outlets.append(f"{plural(unstated, 'article')} with outlet not stated")
        sources = (f"from {plural(story['num_sources'], 'source')} ({', '.join(outlets)})"
                   if story["num_sources"] else "(outlet not stated)")
        click.echo(
            f"- {story['date'] or 'undated'}  {story['title'] or '(untitled)'}\n"
            f"    {plural(story['num_articles'], 'article')} {sources};"
            f" {plural(len(story['event_ids']), 'event')}"
        )


@main.command("export")
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@click.option("--db", required=True, help="DuckDB file, or a postgresql:// URL.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File to write (default: stdout).")
def export_command(kind: str, db: str, fmt: str, out: Path | None) -> None:
    """Write every stored record of KIND, one per line (or row).

    events_flat is the events as one flat row each (GDELT-style: actors, codes, article URL,
    outlet and date); a CSV written with --out gets a Table Schema file beside it.
    """
    from eventscope.interfaces.export import export, schema_path

    try:
        with open_for_reading(db) as store:
            export(store, kind, fmt, out, sys.stdout)
    except SettingsError as exc:
        fail(str(exc), EXIT_REJECTED)
    except EventscopeError as exc:
        fail(str(exc))
    if fmt == "csv" and out is not None:
        click.echo(f"column types written to {schema_path(out)}", err=True)


@main.group("eval")
def eval_group() -> None:
    """Score eventscope against gold sets."""


def print_scores(scores: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(scores, ensure_ascii=False, sort_keys=True))
        return
    for name, value in scores.items():
        if isinstance(value, dict) and {"precision", "recall", "f1"} <= set(value):
            click.echo(f"{name:<28} P {value['precision']:.3f}  R {value['recall']:.3f}  F1 {value['f1']:.3f}")
        elif not isinstance(value, (dict, list)):
            click.echo(f"{name:<28} {value}")


def print_evaluation(evaluate: Callable[[], dict[str, Any]], as_json: bool) -> dict[str, Any]:
    """Run one evaluation, print its scores and return them; a gold set it cannot read is
    bad usage."""
    try:
        scores = evaluate()
    except EventscopeError as exc:
        fail(str(exc), EXIT_REJECTED)
    print_scores(scores, as_json)
    return scores


ERRORS_HELP = "List every miss and false alarm with its sentence."


def print_errors(scores: dict[str, Any], as_json: bool) -> None:
    """The misses and false alarms an evaluation gave (`--errors`), one block each."""
    if as_json:
        return
    errors = scores.get("errors", [])
    if errors:
        kinds = Counter(error["kind"] for error in errors)
        click.echo(f"\n{plural(kinds['miss'], 'miss', 'misses')}, "
                   f"{plural(kinds['false_alarm'], 'false alarm')}:")
    for error in errors:
        event = error["event"]
        rule = f" rule {event['rule']}" if event.get("rule") else ""
        trigger = f" ({event['trigger']!r}{rule})" if event.get("trigger") else ""
        click.echo(f"\n{error['kind']} [{error['sentence']}] {event['code']} {event['source']} -> {event['target']}"
                   f"{trigger}\n    {error['text']}")


@eval_group.command("petrarch2")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--actors", "actor_dictionary", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--errors", "with_errors", is_flag=True, help=ERRORS_HELP)
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a table.")
@settings_option
@click.pass_context
def eval_petrarch2(ctx: click.Context, file: Path, actor_dictionary: Path | None, with_errors: bool,
                   as_json: bool) -> None:
    """Score the coder on PETRARCH2-format validation records."""
    from eventscope.evaluate.petrarch2 import evaluate_petrarch2

    scores = print_evaluation(
        lambda: evaluate_petrarch2(file, settings_from(ctx), actor_dictionary, with_errors), as_json
    )
    print_errors(scores, as_json)


@eval_group.command("plover")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors", "with_errors", is_flag=True, help=ERRORS_HELP)
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a table.")
@settings_option
@click.pass_context
def eval_plover(ctx: click.Context, file: Path, with_errors: bool, as_json: bool) -> None:
    """Score the coder on PLOVER gold standard records."""
    from eventscope.evaluate.plover import evaluate_plover

    scores = print_evaluation(lambda: evaluate_plover(file, settings_from(ctx), with_errors), as_json)
    print_errors(scores, as_json)


@eval_group.command("stories")
@click.argument("root", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a table.")
@settings_option
@click.pass_context
def eval_stories(ctx: click.Context, root: Path, as_json: bool) -> None:
    """Score story clustering on ECB+-style folders (one folder per happening)."""
    from eventscope.evaluate.stories import evaluate_stories, format_story_scores

    try:
        report = evaluate_stories(root, settings_from(ctx))
    except EventscopeError as exc:
        fail(str(exc), EXIT_REJECTED)
    click.echo(json.dumps(report, ensure_ascii=False, sort_keys=True) if as_json else format_story_scores(report))


@eval_group.command("events")
@click.argument("gold", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["train", "dev", "test", "all"]), default="dev", show_default=True,
              help="Which documents to score (tune on train and dev; test is for reporting).")
@click.option("--shared", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder holding the corpora the gold set points into (default: ../shared beside the repository).")
@click.option("--errors", "with_errors", is_flag=True, help=ERRORS_HELP)
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a table.")
@settings_option
@click.pass_context
def eval_events(ctx: click.Context, gold: Path, split: str, shared: Path | None, with_errors: bool,
                as_json: bool) -> None:
    """Score events against a sentence-level real-news gold set (gold/realnews)."""
    from eventscope.evaluate.realnews import evaluate_realnews

    scores = print_evaluation(lambda: evaluate_realnews(gold, settings_from(ctx), shared, split, with_errors), as_json)
    if as_json:
        return
    actors = scores["actors_on_root_matches"]
    click.echo(f"\nactors on events whose root both found: {actors['compared']} compared, country "
               f"{actors['country_accuracy']:.3f}, sector {actors['sector_accuracy']:.3f} "
               f"({actors['sector_compared']} with a sector), {actors['system_actor_missing']} not found, "
               f"{actors['system_actor_without_country']} without a country")
    click.echo("\nper root          P      R      F1   support")
    for root, row in scores["per_root"].items():
        click.echo(f"  {root:<12} {row['precision']:.3f}  {row['recall']:.3f}  {row['f1']:.3f}  {row['support']:>5}")
    click.echo("\nroot confusion (gold root -> system roots; none = missed or not in gold)")
    for root, row in scores["root_confusion"].items():
        click.echo(f"  {root:<5} " + "  ".join(f"{other}:{n}" for other, n in row.items()))
    print_errors(scores, as_json)


@main.command("dyad")
@click.argument("country_a")
@click.argument("country_b")
@click.option("--db", required=True, help="DuckDB file, or a postgresql:// URL.")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also draw the monthly chart into this PNG file.")
@click.option("--stories", "latest_stories", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many of the latest stories to list.")
@click.option("--modality", "modalities", multiple=True,
              type=click.Choice(get_args(Modality)),
              help="Count events of this modality (repeatable; default: asserted only).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
def dyad_command(country_a: str, country_b: str, db: str, png: Path | None, latest_stories: int,
                 modalities: tuple[str, ...], as_json: bool) -> None:
    """Summarise the relationship between two countries (ISO-3 codes, e.g. IRN IRQ)."""
    from eventscope.dyads.summary import COUNTED_BY_DEFAULT, dyad_summary, format_dyad, plot_dyad

    counted = set(modalities) or COUNTED_BY_DEFAULT
    summary = read_pair(db, lambda store: dyad_summary(store, country_a, country_b, latest_stories, counted))
    if as_json:
        click.echo(json.dumps(summary.to_record(), ensure_ascii=False, sort_keys=True))
    else:
        click.echo(format_dyad(summary))
    if png is not None:
        try:
            plot_dyad(summary, png)
        except OSError as exc:
            fail(f"{png}: cannot write chart: {exc.strerror or exc}")
        click.echo(f"chart written to {png}", err=True)


def read_pair(db: str, read: Callable[[Store], T]) -> T:
    """What `read` finds about a pair in the database; a bad pair exits 2, a store error 1."""
    try:
        with open_for_reading(db) as store:
            return read(store)
    except BadInput as exc:
        fail(str(exc), EXIT_REJECTED)
    except EventscopeError as exc:
        fail(str(exc))


@main.command("alliance")
@click.argument("party_a")
@click.argument("party_b")
@click.option("--db", required=True, help="DuckDB file, or a postgresql:// URL.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
def alliance_command(party_a: str, party_b: str, db: str, as_json: bool) -> None:
    """Assess whether two parties amount to an alliance (ISO-3 codes or NATO, EU...), with evidence."""
    from eventscope.alliance import assess_alliance, format_alliance

    assessment = read_pair(db, lambda store: assess_alliance(store, party_a, party_b))
    if as_json:
        click.echo(json.dumps(assessment.to_dict(), ensure_ascii=False, sort_keys=True))
    else:
        click.echo(format_alliance(assessment))


@main.command("serve")
@click.option("--db", required=True, help="DuckDB file, or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_command(db: str, host: str, port: int) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json) and the web page."""
    from eventscope.interfaces.api import serve

    def announce(url: str) -> None:
        click.echo(f"eventscope: serving {db} on {url} (Ctrl-C to stop)", err=True)

    try:
        serve(db, host, port, on_ready=announce)
    except EventscopeError as exc:
        fail(str(exc))
