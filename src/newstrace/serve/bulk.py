"""/export/statements, /export/events, /export/documents: a whole list without a page cap,
as JSON lines or CSV, streamed a batch at a time (the server never holds the list)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from newstrace.serve.common import StoreDep, csv_text
from newstrace.serve.documents import COLUMNS as DOCUMENT_COLUMNS
from newstrace.serve.statements import COLUMNS as STATEMENT_COLUMNS
from newstrace.store import Store
from newstrace.store.counts import argument_strings
from newstrace.store.reading import BATCH, event_rows, evidence_text, in_batches, names
from newstrace.store.schema import events
from newstrace.views.documents import document_rows
from newstrace.views.quotes import Said, quote_stream
from newstrace.views.shared import shown_arguments

router = APIRouter(tags=["export"])
EVENT_COLUMNS = ["event", "step", "document", "published", "outlet", "type", "status", "date",
                 "args", "evidence"]
Format = Annotated[Literal["jsonl", "csv"], Query(description="jsonl or csv.")]
MEDIA = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8"}
RESPONSES: dict[int | str, dict[str, Any]] = {200: {
    "content": {media.split(";")[0]: {"schema": {"type": "string"}} for media in MEDIA.values()},
    "description": "Every row, one JSON object a line or CSV with a header."}}


def streamed(batches: Iterable[list[dict[str, Any]]], format: str, columns: list[str],
             name: str) -> StreamingResponse:
    def lines() -> Iterator[str]:
        header = True
        for rows in batches:
            if format == "csv":
                text = csv_text(rows, columns)
                yield text if header else text.split("\r\n", 1)[1]
                header = False
            else:
                yield "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n"
                              for row in rows)
        if header and format == "csv":
            yield csv_text([], columns)

    return StreamingResponse(lines(), media_type=MEDIA[format], headers={
        "Content-Disposition": f'attachment; filename="{name}.{format}"'})


@router.get("/export/statements", response_class=StreamingResponse, responses=RESPONSES)
def export_statements(
    store: StoreDep, format: Format = "jsonl",
    speaker: Annotated[str | None, Query(description="Speaker.")] = None,
    entity: Annotated[str | None, Query(description="An entity its words mention.")] = None,
    outlet: Annotated[str | None, Query(description="The outlet of its document.")] = None,
    since: Annotated[date | None, Query(description="Said on or after.")] = None,
    until: Annotated[date | None, Query(description="Said on or before.")] = None,
    relay: Annotated[str | None, Query(description="An outlet or medium that relayed it.")]
    = None,
    text: Annotated[str | None, Query(description="Words the quote holds in a row (case "
                                      "and accents ignored; the last whole or its start).")]
    = None,
) -> StreamingResponse:
    """Every statement (as /statements lists them, with the same filters), in reading
    order."""
    said = Said(speaker, since, until, entity, outlet, relay, text)
    rows = (row for _, row in quote_stream(store, said))
    return streamed(in_batches(rows), format,
                    STATEMENT_COLUMNS, "statements")


@router.get("/export/events", response_class=StreamingResponse, responses=RESPONSES)
def export_events(
    store: StoreDep, format: Format = "jsonl",
    type: Annotated[str | None, Query(description="Event type.")] = None,
) -> StreamingResponse:
    """Every report of every event, one row each (an event told by three documents is three
    rows with its id), in reading order."""
    return streamed(_event_batches(store, type), format, EVENT_COLUMNS, "events")


def _event_batches(store: Store, type_: str | None) -> Iterator[list[dict[str, Any]]]:
    rows = event_rows(store, [events.c.type == type_] if type_ else [], [
        evidence_text(events.c.evidence_start, events.c.evidence_end).label("evidence")])
    for chunk in in_batches(rows):
        name_of = names(store, (i for row in chunk for i in argument_strings(row.args)))
        yield [{"event": row.event_id, "step": row.step, "document": row.document_id,
                "published": row.published.isoformat() if row.published else None,
                "outlet": row.outlet, "type": row.type, "status": row.status,
                "date": row.date, "args": shown_arguments(row.args, name_of),
                "evidence": row.evidence} for row in chunk]


@router.get("/export/documents", response_class=StreamingResponse, responses=RESPONSES)
def export_documents(
    store: StoreDep, format: Format = "jsonl",
    outlet: Annotated[str | None, Query(description="Outlet.")] = None,
    since: Annotated[date | None, Query(description="Published on or after.")] = None,
    until: Annotated[date | None, Query(description="Published on or before.")] = None,
) -> StreamingResponse:
    """Every document's metadata (as /documents lists them), in reading order."""
    def batches() -> Iterator[list[dict[str, Any]]]:
        after = None
        while True:
            rows = document_rows(store, outlet, since, until, after=after, limit=BATCH)
            if rows:
                yield rows
            if len(rows) < BATCH:
                return
            last = rows[-1]
            after = (date.fromisoformat(last["published"]) if last["published"] else None,
                     last["id"])

    return streamed(batches(), format, DOCUMENT_COLUMNS, "documents")
