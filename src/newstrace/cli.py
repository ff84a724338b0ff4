"""The `newstrace` command: a thin layer over the library (pipeline, store, export, views)."""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Column, Table
from rich.text import Text

from newstrace.batch.partitions import PARTITION_SIZE
from newstrace.config import Options
from newstrace.errors import ExportError, GazetteerError, InputError, NewstraceError
from newstrace.export.formats import FORMATS, export_store
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.ingest import RECORD_FIELDS, IngestProblem, parse_column_map
from newstrace.ingest.progress import estimate_total
from newstrace.pipeline import IngestReport
from newstrace.pipeline import ingest as ingest_paths
from newstrace.store import DEFAULT_DB, Store
from newstrace.store.urls import shown_db, without_password
from newstrace.views.entities import entity_records, entity_rows
from newstrace.views.quotes import quote_rows
from newstrace.views.spread import UNKNOWN_OUTLET, spread_rows
from newstrace.views.summary import summary_record
from newstrace.views.timeline import timeline_rows

err = Console(stderr=True)
# How much of a path fits ingest's progress line: its end, where file names differ.
PROGRESS_CHARS = 50
# Rows of each ranking `summary` shows unless --limit says otherwise.
SUMMARY_ROWS = 10

db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="NEWSTRACE_DB",
    help="SQLite file path or database URL (e.g. postgresql://user@host/db).",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
    show_default=True, help="Output format.",
)
limit_option = click.option(
    "--limit", type=click.IntRange(min=1), default=None,
    help="At most this many rows (the first in the listing's order).",
)


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a day in YYYY-MM-DD form ({error})"
                                 ) from error


def column_mapping(_ctx: click.Context, _param: click.Parameter, value: str | None
                   ) -> dict[str, str]:
    try:
        return parse_column_map(value or "")
    except InputError as error:
        raise click.BadParameter(str(error)) from error


def database_error(error: NewstraceError, db: str) -> click.ClickException:
    """Every command's error, printed with the database named only without its password."""
    return click.ClickException(without_password(str(error), db))


def gazetteer_files(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]
                    ) -> tuple[str, ...]:
    """The extra gazetteer files, read now: a broken one stops the run before any input is
    read, named with its entry, rather than failing every document."""
    try:
        load_gazetteer(value)
    except GazetteerError as error:
        raise click.BadParameter(str(error)) from error
    return value


def open_store(db: str) -> Store:
    try:
        return Store(db)
    except NewstraceError as error:
        raise database_error(error, db) from error


def input_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of commands that read inputs (ingest, batch): defaults for what an input
    does not say, extra gazetteers, the column map and the limits."""
    for option in reversed([
        click.option("--published", callback=iso_date,
                     help="Publication date (YYYY-MM-DD) for inputs that do not give one."),
        click.option("--outlet", help="Publishing outlet for inputs that do not name one."),
        click.option("--gazetteer", "gazetteers", multiple=True, callback=gazetteer_files,
                     help="Extra gazetteer JSON file."),
        click.option("--map", "column_map", callback=column_mapping,
                     metavar="FIELD=COLUMN,...",
                     help="Which CSV or JSONL column holds which field, e.g. "
                          "text=body,published=date "
                          f"(fields: {', '.join(RECORD_FIELDS)})."),
        click.option("--max-chars", type=click.IntRange(min=1),
                     default=Options.max_document_chars, show_default=True,
                     help="Longest document analysed (characters); a longer one is "
                          "reported and skipped."),
        click.option("--time-budget", type=click.FloatRange(min=0),
                     default=Options.time_budget, show_default=True,
                     help="Seconds one document's analysis may take (0: no limit); a "
                          "document past it is stopped and reported."),
    ]):
        command = option(command)
    return command


@click.group()
@click.version_option(package_name="newstrace")
def main() -> None:
    """newstrace: who said what, who did what to whom, when, and according to whom."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@input_options
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes that analyse documents (one spaCy model each) while this one "
              "reads and stores them in input order, so the records are those of one "
              "process; 0: this process analyses too.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar; the summary in one line, failures listed.")
@click.option("-v", "--verbose", is_flag=True,
              help="The summary lists every input under its outcome, not only failures.")
def ingest(
    paths: tuple[str, ...], db: str, published: date | None, outlet: str | None,
    gazetteers: tuple[str, ...], column_map: dict[str, str], max_chars: int,
    time_budget: float, workers: int, quiet: bool, verbose: bool,
) -> None:
    """Read PATHS into the database: files, directories (walked for the kinds below) or - for
    stdin. Each input is read by what its content is, whatever its name: plain text in any
    encoding, HTML pages (the article's text and metadata), RSS and Atom feeds (an entry each,
    or the page it links to when saved beside the feed), web archives (WARC, WARC.gz), CSV and
    JSONL records (id, text, title, outlet, published, url, author, language; see --map);
    gzipped files too. Content already stored is skipped; a bad input is reported and the rest
    go on; a document not in English is stored without extraction.

    On a terminal a progress bar on stderr shows the inputs done, the rate and the time
    left; in a pipe nothing is printed until the summary, which counts the inputs read,
    stored, duplicates, near-duplicates, not analysed and failed, and names each failed
    input (file, line or record) with the reason.

    Exit status: 0 when every input was stored (near-duplicates and reports in a language
    not analysed included) or was stored already; 1 when any input failed (the others are
    stored all the same) or the database cannot be opened; 2 for a usage error.
    """
    store = open_store(db)
    started = time.perf_counter()
    options = Options(gazetteer_files=gazetteers, max_document_chars=max_chars,
                      time_budget=time_budget)
    try:
        with inputs_progress("ingesting", list(paths), quiet) as advance:
            report = ingest_paths(list(paths), store, published, outlet, options,
                                  progress=advance, columns=column_map, workers=workers)
    except NewstraceError as error:  # a broken gazetteer or model file: nothing to run with
        raise database_error(error, db) from error
    echo_ingest_summary(report, db, time.perf_counter() - started, quiet, verbose)
    if report.problems:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for the batch's Parquet shards and manifest; on a cluster, storage "
                   "every worker reaches. Give the same folder to resume a run.")
@click.option("--engine", type=click.Choice(["dask", "local"]), default="dask",
              show_default=True, help="dask: a Dask cluster (local unless --scheduler); "
              "local: worker processes of this machine, no Dask.")
@click.option("--scheduler", metavar="ADDRESS",
              help="A running Dask scheduler (tcp://host:8786) whose workers analyse; "
                   "else a local cluster of --workers processes.")
@click.option("--workers", type=click.IntRange(min=0), default=os.cpu_count() or 1,
              show_default="the cores",
              help="Processes on this machine that analyse partitions while this one reads "
              "and stores them, as ingest's --workers (Dask's workers with --engine dask); "
              "0, with --engine local: this process analyses too.")
@click.option("--partition-size", type=click.IntRange(min=1), default=PARTITION_SIZE,
              show_default=True, help="Inputs a partition (a task, a shard) holds.")
@input_options
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar; the summary in one line, failures listed.")
@click.option("-v", "--verbose", is_flag=True,
              help="The summary lists every input under its outcome, not only failures.")
def batch(
    paths: tuple[str, ...], db: str, out: str, engine: str, scheduler: str | None,
    workers: int, partition_size: int, published: date | None, outlet: str | None,
    gazetteers: tuple[str, ...], column_map: dict[str, str], max_chars: int,
    time_budget: float, quiet: bool, verbose: bool,
) -> None:
    """Read PATHS (as ingest reads them) into the database in partitions analysed by
    worker processes, on a Dask cluster or this machine: each partition's analyses are kept
    as a Parquet shard in --out, then stored by this process in input order, linked to the
    stored entities and reports as ingest links them, so the records are those of ingest.
    A batch into a database that holds reports adds to it; a batch killed and started again
    with the same --out analyses only what has no shard and stores every document once.

    Exit status as ingest's.
    """
    from newstrace.batch.run import run_batch  # Dask is imported by this command only

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler names a Dask cluster: give it with --engine dask")
    if workers == 0 and engine == "dask" and not scheduler:
        raise click.UsageError("--workers 0 (this process analyses) is for --engine local; "
                               "a Dask cluster needs a worker or more")
    store = open_store(db)
    started = time.perf_counter()
    options = Options(gazetteer_files=gazetteers, max_document_chars=max_chars,
                      time_budget=time_budget)
    try:
        with inputs_progress("batch", list(paths), quiet) as advance:
            run = run_batch(list(paths), store, Path(out), engine, workers, scheduler,
                            published, outlet, options, column_map, partition_size,
                            progress=advance)
    except NewstraceError as error:
        raise database_error(error, db) from error
    echo_ingest_summary(run.report, db, time.perf_counter() - started, quiet, verbose)
    if not quiet:
        click.echo(f"  partitions {run.partitions:>8} ({run.analysed} analysed now, "
                   f"{run.reused} from an earlier run) in {out}", err=True)
    if run.report.problems:
        sys.exit(1)


class RateColumn(ProgressColumn):
    """Inputs a second, averaged over the last half minute."""

    def __init__(self) -> None:
        super().__init__(table_column=Column(no_wrap=True))

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:6.1f} documents/s" if speed else "     … documents/s")


@contextmanager
def progress_bar(description: str, total: int | None, shown: bool
                 ) -> Iterator[Callable[[str], None]]:
    """A callback advancing a progress bar on stderr by one input; silent when not shown
    (a pipe, a file, --quiet), so no control codes reach a log."""
    if not shown:
        yield lambda _where: None
        return
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               RateColumn(), TimeRemainingColumn(),
               TextColumn("{task.fields[current]}",
                          table_column=Column(no_wrap=True, overflow="ellipsis"))]
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(description, total=total, current="")
        yield lambda where: progress.update(task, advance=1, current=where[-PROGRESS_CHARS:])


def inputs_progress(description: str, paths: list[str], quiet: bool
                    ) -> AbstractContextManager[Callable[[str], None]]:
    """The progress bar of a run over input paths, with their count when it can be told."""
    shown = err.is_terminal and not quiet
    return progress_bar(description, estimate_total(paths) if shown else None, shown)


def echo_ingest_summary(report: IngestReport, db: str, seconds: float, quiet: bool,
                        verbose: bool) -> None:
    """The counts of an ingest run on stderr, each failure under them with its input."""
    counts: list[tuple[str, Sequence[str | IngestProblem]]] = [
        ("stored", report.added), ("duplicates", report.skipped),
        ("near-duplicates", report.near_duplicates), ("not analysed", report.not_analysed),
        ("not read", report.not_read), ("failed", report.problems)]
    if quiet:
        for problem in report.problems:
            click.echo(f"failed {problem.where}: {problem.message}", err=True)
        click.echo(", ".join(f"{len(items)} {name}" for name, items in counts)
                   + f" -> {shown_db(db)}", err=True)
        return
    rate = f" ({report.read / seconds:.1f} documents/s)" if seconds > 0 and report.read else ""
    click.echo(f"{report.read} inputs read in {seconds:.1f} s{rate} -> {shown_db(db)}",
               err=True)
    for name, items in counts:
        colour = "red" if name == "failed" and items else None
        click.echo(click.style(f"  {name:<16}{len(items):>6}", fg=colour), err=True)
        listed = items if verbose or name in ("failed", "not analysed") else []
        for item in listed:
            line = f"{item.where}: {item.message}" if isinstance(item, IngestProblem) else item
            click.echo(f"      {line}", err=True)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="jsonl",
              show_default=True, help="What to write (see below).")
@click.option("-o", "--output", default="-", show_default=True,
              help="File to write, or - for stdout; a folder for csv, parquet and ftm.")
@click.option("--outlet", help="Only documents of this outlet (any spelling).")
@click.option("--since", callback=iso_date, help="Only documents published on or after "
              "this day (YYYY-MM-DD).")
@click.option("--until", callback=iso_date, help="Only documents published on or before "
              "this day (YYYY-MM-DD).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def export(db: str, fmt: str, output: str, outlet: str | None, since: date | None,
           until: date | None, quiet: bool) -> None:
    """Write every stored document, one at a time, with no cap:

    \b
    jsonl    one JSON object per document: text, stories, entities, quotes, events, timexes
    csv      a folder, a CSV file per table (documents, entities, mentions, statements,
             relays, events, event_arguments, ...), ids linking them; no cell a formula
    parquet  a folder, a Parquet file per table, typed columns
    ftm      a folder: FollowTheMoney entities (Article, Person, Organization, Mention,
             Event ...) and W3C Web Annotations of where each was read
    gexf     a network of who quotes whom and who acts on whom (Gephi)
    graphml  the same network as GraphML

    On a terminal a progress bar on stderr counts the documents written.
    """
    from newstrace.views.documents import document_rows

    if "://" not in db and not os.path.isfile(db):  # exporting must not make an empty one
        raise click.ClickException(f"{db}: no such database; store reports in it with "
                                   "newstrace ingest")
    store = open_store(db)
    chosen = ([row["id"] for row in document_rows(store, outlet, since, until)]
              if outlet or since or until else store.document_ids())
    try:
        with progress_bar("exporting", len(chosen), shown=err.is_terminal and not quiet
                          ) as advance:
            export_store(store, fmt, output, chosen, progress=advance)
    except ExportError as error:
        raise database_error(error, db) from error


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    flat = [{c: flatten(row.get(c)) for c in columns} for row in rows]
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(flat)
        return
    out = Console()
    if not out.is_terminal:  # a pipe: one line per row, tab-separated, for cut and awk
        for values in [columns, *([row[c] for c in columns] for row in flat)]:
            click.echo("\t".join(" ".join(v.split()) for v in values))
        return
    table = Table(show_lines=True)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in flat:
        table.add_row(*(row[c] for c in columns))
    out.print(table)


def heading(out: Console, title: str) -> None:
    """A section's title: a rule across a terminal; in a pipe a "# title" line, no box
    characters."""
    if out.is_terminal:
        out.rule(title)
    else:
        click.echo(f"# {title}")


def flatten(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " → ".join(flatten(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {flatten(v)}" for k, v in value.items())
    return str(value)


@main.command()
@db_option
@format_option
@click.option("--speaker", help="Only statements by this speaker (any spelling, accents ignored).")
@click.option("--since", callback=iso_date, help="Said on or after YYYY-MM-DD.")
@click.option("--until", callback=iso_date, help="Said on or before YYYY-MM-DD.")
@limit_option
def quotes(db: str, fmt: str, speaker: str | None, since: date | None, until: date | None,
           limit: int | None) -> None:
    """Who said what: each statement with its chain, speaker → medium → relays."""
    emit(quote_rows(open_store(db), speaker, since, until, limit=limit), fmt,
         ["chain", "kind", "date", "quote", "sentence"])


@main.command()
@db_option
@format_option
@click.option("--name", help="Only entities with this name or alias (accents ignored).")
@click.option("--type", "type_", help="Only entities of this type (PERSON, ORG, GPE, OUTLET, ...).")
@limit_option
def entities(db: str, fmt: str, name: str | None, type_: str | None, limit: int | None) -> None:
    """People, organisations, places and outlets, with their aliases and counts. With --name,
    each match in full: mentions with provenance, statements by and about it, its events."""
    store = open_store(db)
    if not name:
        emit(entity_rows(store, None, type_, limit=limit), fmt,
             ["name", "type", "aliases", "documents", "mentions", "statements"])
        return
    records = [r for r in entity_records(store, name)
               if not type_ or r["type"] == type_.upper()][:limit]
    if fmt != "table":
        emit(records, fmt, ["name", "type", "aliases", "mentions", "statements_by",
                            "statements_about", "events"])
        return
    out = Console()
    for record in records:
        heading(out, f"{record['name']} ({record['type']}, {record['id']})")
        out.print("aliases: " + flatten(record["aliases"]), highlight=False)
        for title, key, columns in (
            ("Mentions", "mentions", ["document", "start", "end", "text"]),
            ("Statements by", "statements_by", ["document", "kind", "date", "quote"]),
            ("Statements about", "statements_about", ["document", "speaker", "quote"]),
            ("Events", "events", ["document", "type", "date", "status", "roles", "evidence"]),
        ):
            if record[key]:
                out.print(f"[bold]{title}[/bold]")
                emit(record[key], "table", columns)


@main.command()
@db_option
@format_option
@click.option("--entity", help="Only events this entity takes part in.")
@click.option("--since", callback=iso_date, help="Events on or after YYYY-MM-DD.")
@click.option("--until", callback=iso_date, help="Events on or before YYYY-MM-DD.")
@limit_option
def timeline(db: str, fmt: str, entity: str | None, since: date | None, until: date | None,
             limit: int | None) -> None:
    """Events in date order, with their status, participants and every report of them."""
    rows = timeline_rows(open_store(db), entity, since, until, limit=limit)
    for row in rows:
        row["sources"] = len(row["reports"])
        row["evidence"] = row["reports"][0]["evidence"]
    emit(rows, fmt, ["date", "date_support", "type", "step", "status", "args", "sources",
                     "conflicts", "evidence"])


@main.command()
@db_option
@format_option
@limit_option
@click.option("--kind", type=click.Choice(["statement", "event"]),
              help="Only statements or only events.")
@click.option("--speaker", help="Only statements by this speaker (any spelling, accents ignored).")
@click.option("--entity", help="Only facts this entity takes part in (speaker or participant).")
@click.option("--since", callback=iso_date, help="First reported on or after YYYY-MM-DD.")
@click.option("--until", callback=iso_date, help="First reported on or before YYYY-MM-DD.")
@click.option("--min-reports", default=2, show_default=True, type=click.IntRange(min=1),
              help="Only facts carried by at least this many documents (1: every fact).")
def spread(db: str, fmt: str, limit: int | None, kind: str | None, speaker: str | None,
           entity: str | None, since: date | None, until: date | None,
           min_reports: int) -> None:
    """Who reported it first and who relayed it: each statement or event carried by several
    documents, its first report, and every outlet that carried it, on which day, and whether
    as a copy of the first report."""
    rows = spread_rows(open_store(db), kind, speaker, entity, since, until, min_reports,
                       wanted=limit)[:limit]
    if fmt != "table":
        emit(rows, fmt, ["kind", "fact", "first", "reports", "outlets"])
        return
    for row in rows:
        first = row["first"]
        row["first"] = (f"{first['outlet'] or UNKNOWN_OUTLET}, {first['published'] or 'undated'}"
                        f" ({first['document']})")
        row["relayed"] = [f"{r['outlet'] or UNKNOWN_OUTLET}, {r['published'] or 'undated'}"
                          f"{' (copy)' if r['copy_of_first'] else ''}" for r in row["reports"][1:]]
        row["reports"] = len(row["reports"])
    emit(rows, fmt, ["kind", "fact", "first", "reports", "relayed"])


@main.command()
@db_option
@limit_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
def summary(db: str, limit: int | None, fmt: str) -> None:
    """An overview of the database at any size: how many documents, stories, entities (by
    type), statements and events, then the top outlets, people and organisations, places,
    speakers and event types (10 of each unless --limit says otherwise)."""
    record = summary_record(open_store(db), limit or SUMMARY_ROWS)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    out = Console()
    counts = record["counts"]
    out.print(", ".join(f"{count:,} {name}" for name, count in counts.items()), highlight=False)
    out.print("entities by type: " + ", ".join(
        f"{type_} {count:,}" for type_, count in record["entities_by_type"].items()),
        highlight=False)
    for title, key, columns in (
        ("Outlets", "outlets", ["outlet", "documents", "first", "last"]),
        ("People and organisations", "actors", ["name", "type", "documents", "mentions"]),
        ("Places", "places", ["name", "type", "documents", "mentions"]),
        ("Speakers", "speakers", ["name", "type", "documents", "statements"]),
        ("Events", "event_types", ["type", "events", "reports"]),
    ):
        if record[key]:
            heading(out, title)
            emit(record[key], "table", columns)


@main.command()
@click.argument("query")
@db_option
@format_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many hits, the best first.")
@click.option("--kind", type=click.Choice(["document", "statement"]),
              help="Only documents (title, text) or only statements (quote, speaker).")
def search(query: str, db: str, fmt: str, limit: int, kind: str | None) -> None:
    """Documents and statements holding every word of QUERY ("quoted phrases" as
    phrases), case and accents ignored, the best first: each hit's document, the span it
    covers (start, end) and its text."""
    emit(open_store(db).search(query, limit, kind=kind), fmt,
         ["kind", "document", "start", "end", "title", "speaker", "text"])


@main.command()
@click.argument("document_ids", metavar="ID...", nargs=-1, required=True)
@db_option
def delete(document_ids: tuple[str, ...], db: str) -> None:
    """Delete documents with all they contributed (mentions, statements, events, dates,
    stories, wire-copy links, search entries, and the entities no other document refers
    to); ingesting the same input again stores it anew."""
    store = open_store(db)
    stored = set(store.document_ids())
    unknown = [document_id for document_id in document_ids if document_id not in stored]
    if unknown:
        raise click.ClickException(
            f"no document {', '.join(map(repr, unknown))} in {shown_db(db)} (see newstrace "
            "export or the API's /documents for the ids); nothing was deleted")
    for document_id in dict.fromkeys(document_ids):
        try:
            store.delete(document_id)
        except NewstraceError as error:
            raise database_error(error, db) from error
        click.echo(f"deleted {document_id}", err=True)


@main.command()
@db_option
@click.option("--treaty", help="Treaty name or any alias (e.g. 'Oslo Convention').")
@click.option("--on", "on", callback=iso_date, help="Status on YYYY-MM-DD (with --state: "
              "the history up to that day).")
@click.option("--state", help="One state's history across treaties (or the --treaty given).")
@format_option
@click.option("--gazetteer", "gazetteers", multiple=True, help="Extra gazetteer JSON file.")
@limit_option
def status(db: str, treaty: str | None, on: date | None, state: str | None, fmt: str,
           gazetteers: tuple[str, ...], limit: int | None) -> None:
    """Each state's status in a treaty on a day (party, signatory, withdrawing, withdrawn,
    not party, unknown), derived from the treaty's reference data as of its cut-off and the
    treaty steps stored reports state; or, with --state, one state's steps across treaties."""
    from newstrace.views.treaties import state_history, treaty_status

    options = Options(gazetteer_files=gazetteers)
    try:
        if state is not None:
            rows = state_history(open_store(db), state, treaty, on, options)
            columns = ["date", "treaty", "step", "status", "basis", "pending", "caveat",
                       "conflicts", "evidence"]
        elif treaty is not None and on is not None:
            rows = treaty_status(open_store(db), treaty, on, options)
            columns = ["state", "status", "since", "basis", "pending", "caveat", "conflicts",
                       "evidence"]
        else:
            raise click.UsageError("give --treaty and --on, or --state")
    except NewstraceError as error:
        raise database_error(error, db) from error
    if fmt == "table":
        columns.remove("caveat")  # shown under pending: a table has no room for both
        for row in rows:  # the sentences, not their document ids, are what a reader checks
            row["evidence"] = [item["sentence"] for item in row["evidence"]]
            row["pending"] = "; ".join(n for n in (row["pending"], row.pop("caveat")) if n)
    emit(rows[:limit], fmt, columns)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--gazetteer", "gazetteers", multiple=True, help="Extra gazetteer JSON file.")
@click.option("--write-token-file", type=click.Path(exists=True, dir_okay=False),
              help="Allow POST /api/v1/documents to requests carrying this file's token "
                   "(Authorization: Bearer TOKEN); else $NEWSTRACE_WRITE_TOKEN; else read-only.")
@click.option("--max-request-bytes", type=click.IntRange(1),
              help="Largest request body, 413 beyond (default 2,000,000).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes, each with its own connections to the store: "
                   "concurrent requests on several cores (README: the serve command).")
def serve(db: str, host: str, port: int, gazetteers: tuple[str, ...],
          write_token_file: str | None, max_request_bytes: int | None, workers: int) -> None:
    """The web UI at / and the HTTP API under /api/v1/ (documents, entities, statements,
    events, timeline, treaty status, spread, summary, search; JSON or CSV, pages linked by
    cursor), its OpenAPI document at /api/v1/openapi.json and docs page at /api/v1/docs.
    Read-only unless a write token is set."""
    import uvicorn

    from newstrace import serve as api
    from newstrace.serve.heads import BoundedHead
    from newstrace.serve.workers import serve as serve_in_processes
    from newstrace.serve.writes import DEFAULT_MAX_REQUEST_BYTES, write_token

    if "://" not in db and not os.path.isfile(db):  # serving must not make an empty one
        raise click.ClickException(f"{db}: no such database; store reports in it with "
                                   "newstrace ingest")
    try:
        token = write_token(write_token_file)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    try:
        if workers == 1:
            app = api.settled(api.create_app(
                db, Options(gazetteer_files=gazetteers), write_token=token,
                max_request_bytes=max_request_bytes or DEFAULT_MAX_REQUEST_BYTES))
        else:  # each worker makes the app; here the store is only brought up to date
            Store(db).engine.dispose()
    except NewstraceError as error:
        raise database_error(error, db) from error
    mode = "with writes for the token holder" if token else "read-only"
    click.echo(f"serving {shown_db(db)} {mode} at http://{host}:{port}/ "
               f"(API: /api/v1/){f', {workers} processes' if workers > 1 else ''}", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, http=BoundedHead)
        return
    # Each worker process makes the same app (the store, brought up to date above, opened
    # anew) from a settings file in a folder only this user may enter, removed at the end.
    serve_in_processes(db, gazetteers, token, max_request_bytes, host, port, workers)


if __name__ == "__main__":
    main()
