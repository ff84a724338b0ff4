"""The `newstrace` command: a thin layer over the library (pipeline, store, export, views)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from newstrace.config import Options
from newstrace.errors import NewstraceError
from newstrace.export import analysis_record
from newstrace.pipeline import ingest as ingest_paths
from newstrace.store import DEFAULT_DB, Store
from newstrace.views.entities import entity_records, entity_rows
from newstrace.views.quotes import quote_rows
from newstrace.views.timeline import timeline_rows

err = Console(stderr=True)
# How much of a long string fits a terminal line: the end of a path in ingest's progress
# (where file names differ); in the summary, a story's title, a quote, an event's evidence.
PROGRESS_CHARS = 50
TITLE_CHARS = 70
QUOTE_CHARS = 110
EVIDENCE_CHARS = 80

db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="NEWSTRACE_DB",
    help="SQLite file path or database URL (e.g. postgresql://user@host/db).",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
    show_default=True, help="Output format.",
)


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from error


def open_store(db: str) -> Store:
    try:
        return Store(db)
    except NewstraceError as error:
        raise click.ClickException(str(error)) from error


@click.group()
@click.version_option(package_name="newstrace")
def main() -> None:
    """newstrace: who said what, who did what to whom, when, and according to whom."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", callback=iso_date,
              help="Publication date (YYYY-MM-DD) for text files.")
@click.option("--outlet", help="Publishing outlet for inputs that do not name one.")
@click.option("--gazetteer", "gazetteers", multiple=True, help="Extra gazetteer JSON file.")
@click.option("--max-chars", type=click.IntRange(min=1), default=Options.max_document_chars,
              show_default=True, help="Longest document analysed (characters); a longer one "
              "is reported and skipped.")
@click.option("--time-budget", type=click.FloatRange(min=0), default=Options.time_budget,
              show_default=True, help="Seconds one document's analysis may take (0: no "
              "limit); a document past it is stopped and reported.")
def ingest(
    paths: tuple[str, ...], db: str, published: date | None, outlet: str | None,
    gazetteers: tuple[str, ...], max_chars: int, time_budget: float,
) -> None:
    """Read text files and JSONL records (id, text, title, outlet, published, url) into the
    database. Content already stored is skipped; a bad input is reported and the rest go on."""
    store = open_store(db)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[current]}"), console=err,
                  transient=True) as progress:
        task = progress.add_task("ingesting", total=None, current="")
        report = ingest_paths(
            list(paths), store, published, outlet,
            Options(gazetteer_files=gazetteers, max_document_chars=max_chars,
                    time_budget=time_budget),
            progress=lambda where: progress.update(task, advance=1,
                                                   current=where[-PROGRESS_CHARS:]),
        )
    for problem in report.problems:
        err.print(f"[red]error[/red] {problem.where}: {problem.message}", highlight=False)
    err.print(f"{len(report.added)} added, {len(report.skipped)} already stored, "
              f"{len(report.problems)} failed -> {db}", highlight=False)
    if report.problems and not report.added and not report.skipped:
        sys.exit(1)


@main.command()
@db_option
@click.option("-o", "--output", default="-", show_default=True,
              help="File to write, or - for stdout.")
def export(db: str, output: str) -> None:
    """Write one JSON object per document (JSONL): text, stories, entities, quotes, events,
    timexes."""
    store = open_store(db)
    with click.open_file(output, "w", encoding="utf-8") as out:
        for analysis in store.analyses():
            out.write(json.dumps(analysis_record(analysis), ensure_ascii=False) + "\n")


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
    table = Table(show_lines=True)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in flat:
        table.add_row(*(row[c] for c in columns))
    Console().print(table)


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
def quotes(db: str, fmt: str, speaker: str | None, since: date | None, until: date | None) -> None:
    """Who said what: each statement with its chain, speaker → medium → relays."""
    emit(quote_rows(open_store(db), speaker, since, until), fmt,
         ["chain", "kind", "date", "quote", "sentence"])


@main.command()
@db_option
@format_option
@click.option("--name", help="Only entities with this name or alias (accents ignored).")
@click.option("--type", "type_", help="Only entities of this type (PERSON, ORG, GPE, OUTLET, ...).")
def entities(db: str, fmt: str, name: str | None, type_: str | None) -> None:
    """People, organisations, places and outlets, with their aliases and counts. With --name,
    each match in full: mentions with provenance, statements by and about it, its events."""
    store = open_store(db)
    if not name:
        emit(entity_rows(store, None, type_), fmt,
             ["name", "type", "aliases", "documents", "mentions", "statements"])
        return
    records = [r for r in entity_records(store, name) if not type_ or r["type"] == type_.upper()]
    if fmt != "table":
        emit(records, fmt, ["name", "type", "aliases", "mentions", "statements_by",
                            "statements_about", "events"])
        return
    out = Console()
    for record in records:
        out.rule(f"{record['name']} ({record['type']}, {record['id']})")
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
def timeline(db: str, fmt: str, entity: str | None, since: date | None, until: date | None) -> None:
    """Events in date order, with their status, participants and every report of them."""
    rows = timeline_rows(open_store(db), entity, since, until)
    for row in rows:
        row["sources"] = len(row["reports"])
        row["evidence"] = row["reports"][0]["evidence"]
    emit(rows, fmt, ["date", "date_support", "type", "step", "status", "args", "sources",
                     "conflicts", "evidence"])


@main.command()
@db_option
def summary(db: str) -> None:
    """A readable overview of the database: stories, people and organisations, who said
    what with the relay chain, and a dated timeline."""
    store = open_store(db)
    out = Console()
    out.rule("Stories")
    for analysis in store.analyses():
        document = analysis.document
        out.print(f"[bold]{document.file or document.id}[/bold] "
                  f"({document.published or 'undated'}, {document.outlet or 'outlet unknown'})",
                  highlight=False)
        for story in analysis.stories:
            title = story.title or story.span.text(document.text)[:TITLE_CHARS] + "…"
            out.print(f"  • {title} [dim]{story.outlet or ''}[/dim]", highlight=False)
    out.rule("People and organisations")
    for row in entity_rows(store):
        if row["type"] in ("PERSON", "ORG", "OUTLET") and row["mentions"] > 1:
            aliases = ", ".join(a for a in row["aliases"] if a != row["name"])
            out.print(f"  {row['type']:<7} {row['name']}  [dim]{aliases}[/dim]", highlight=False)
    out.rule("Who said what")
    for row in quote_rows(store):
        chain = " → ".join(row["chain"])
        words = row["quote"] if len(row["quote"]) < QUOTE_CHARS \
            else row["quote"][:QUOTE_CHARS - 3] + "…"
        out.print(f"  [bold]{chain}[/bold] ({row['kind']}, {row['date'] or 'undated'})\n"
                  f"      {words}", highlight=False)
    out.rule("Timeline")
    for row in timeline_rows(store):
        out.print(f"  {row['date']:<16} {row['type']:<20} {row['status']:<10} "
                  f"{len(row['reports'])} report(s): "
                  f"{row['reports'][0]['evidence'][:EVIDENCE_CHARS]}",
                  highlight=False)


@main.command()
@db_option
@click.option("--treaty", help="Treaty name or any alias (e.g. 'Oslo Convention').")
@click.option("--on", "on", callback=iso_date, help="Status on YYYY-MM-DD (with --state: "
              "the history up to that day).")
@click.option("--state", help="One state's history across treaties (or the --treaty given).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--gazetteer", "gazetteers", multiple=True, help="Extra gazetteer JSON file.")
def status(db: str, treaty: str | None, on: date | None, state: str | None, fmt: str,
           gazetteers: tuple[str, ...]) -> None:
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
        raise click.ClickException(str(error)) from error
    if fmt == "table":
        columns.remove("caveat")  # shown under pending: a table has no room for both
        for row in rows:  # the sentences, not their document ids, are what a reader checks
            row["evidence"] = [item["sentence"] for item in row["evidence"]]
            row["pending"] = "; ".join(n for n in (row["pending"], row.pop("caveat")) if n)
    emit(rows, fmt, columns)


if __name__ == "__main__":
    main()
