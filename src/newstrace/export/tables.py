"""An analysis as rows of flat tables, for the CSV and Parquet exports: one table per kind
of record, fixed typed columns, and ids that link them (`document_id`, `entity_id`,
`statement_id`, `report_id`).

Entities are global: a table of them lists each once, however many documents mention it,
so the writer passes the set of ids it has written already.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, cast

from newstrace.export.provenance import quote_selector
from newstrace.models import Analysis, Entity, Event, Mention, Quote, Span, stable_id

Kind = Literal["string", "int", "float", "date", "list"]
Row = dict[str, Any]
FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "string"


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from "name name:kind ..." (string unless a kind is given)."""
    columns = []
    for word in spec.split():
        name, _, kind = word.partition(":")
        columns.append(Column(name, cast(Kind, kind or "string")))
    return tuple(columns)


# Spans as start/end ints with the exact text; the facts people read (mentions, statements,
# events) also with the words either side (a W3C TextQuoteSelector's prefix and suffix).
TABLES: dict[str, tuple[Column, ...]] = {
    "documents": _columns("document_id file url title outlet published:date language "
                          "source_kind author characters:int copy_of:list copied_by:list text"),
    "stories": _columns("document_id story:int start:int end:int title outlet"),
    "boilerplate": _columns("document_id start:int end:int"),
    "entities": _columns("entity_id type name known_as identifiers"),
    "mentions": _columns("mention_id document_id entity_id start:int end:int text type origin "
                         "prefix suffix"),
    "statements": _columns(
        "statement_id document_id speaker_id speaker_text kind content_start:int "
        "content_end:int content prefix suffix cue_start:int cue_end:int cue source_start:int "
        "source_end:int source medium_id relay_ids:list date day:date confidence:float"),
    # A statement's relay chain, one row per outlet, position 0 nearest the speaker.
    "relays": _columns("statement_id document_id position:int entity_id"),
    # One row per report of an event: a document may report one event (event_id) twice.
    "events": _columns(
        "report_id event_id document_id type plover status step date day:date date_text "
        "evidence_start:int evidence_end:int evidence prefix suffix motion amount:float "
        "currency votes_for:int votes_against:int votes_abstain:int"),
    # Each participant of an event report: an entity id, or the words when no entity fills it.
    "event_arguments": _columns("report_id event_id document_id role entity_id text"),
    "timexes": _columns("document_id start:int end:int text value kind"),
}


def mention_id(document_id: str, mention: Mention) -> str:
    return stable_id("mention", document_id, mention.entity_id or "", str(mention.span.start),
                     str(mention.span.end))


def statement_id(document_id: str, index: int) -> str:
    return stable_id("statement", document_id, str(index))


def report_id(document_id: str, index: int) -> str:
    return stable_id("report", document_id, str(index))


def day_of(value: str | None) -> date | None:
    """A TIMEX value's day when it names a whole one (2025-03-06), else None (2025-03, P6M)."""
    return date.fromisoformat(value) if value and FULL_DAY.fullmatch(value) else None


def table_rows(analysis: Analysis, written_entities: set[str]) -> dict[str, list[Row]]:
    """Every table's rows for one document; entities not in ``written_entities`` are added
    to it and to the rows."""
    document, text = analysis.document, analysis.document.text
    doc_id = document.id
    new_entities = [e for e in analysis.entities if e.id not in written_entities]
    written_entities.update(e.id for e in new_entities)
    statements = [_statement_row(doc_id, i, q, text) for i, q in enumerate(analysis.quotes)]
    reports = [_event_row(doc_id, i, e, text) for i, e in enumerate(analysis.events)]
    return {
        "documents": [{
            "document_id": doc_id, "file": document.file, "url": document.url,
            "title": document.title, "outlet": document.outlet, "published": document.published,
            "language": document.language, "source_kind": document.source_kind,
            "author": document.author, "characters": len(text), "copy_of": analysis.copy_of,
            "copied_by": analysis.copied_by, "text": text}],
        "stories": [{"document_id": doc_id, "story": i, "start": s.span.start,
                     "end": s.span.end, "title": s.title, "outlet": s.outlet}
                    for i, s in enumerate(analysis.stories)],
        "boilerplate": [{"document_id": doc_id, **b.as_dict()} for b in analysis.boilerplate],
        "entities": [_entity_row(e) for e in new_entities],
        "mentions": [_mention_row(doc_id, m, text)
                     for e in analysis.entities for m in e.mentions],
        "statements": statements,
        "relays": [{"statement_id": row["statement_id"], "document_id": doc_id,
                    "position": position, "entity_id": outlet}
                   for row in statements for position, outlet in enumerate(row["relay_ids"])],
        "events": reports,
        "event_arguments": [
            {"report_id": report_id(doc_id, i), "event_id": e.id, "document_id": doc_id,
             "role": role, "entity_id": entity_id, "text": words}
            for i, e in enumerate(analysis.events) for role, entity_id, words in _arguments(e)],
        "timexes": [{"document_id": doc_id, "start": t.span.start, "end": t.span.end,
                     "text": t.text, "value": t.value, "kind": t.kind}
                    for t in analysis.timexes],
    }


def _entity_row(entity: Entity) -> Row:
    return {"entity_id": entity.id, "type": entity.type, "name": entity.name,
            "known_as": entity.known_as,
            "identifiers": json.dumps(entity.identifiers, ensure_ascii=False, sort_keys=True)}


def _mention_row(doc_id: str, mention: Mention, text: str) -> Row:
    selector = quote_selector(text, mention.span)
    return {"mention_id": mention_id(doc_id, mention), "document_id": doc_id,
            "entity_id": mention.entity_id, "start": mention.span.start,
            "end": mention.span.end, "text": mention.text, "type": mention.type,
            "origin": mention.origin, "prefix": selector["prefix"],
            "suffix": selector["suffix"]}


def _span_columns(name: str, span: Span | None, text: str) -> Row:
    if span is None:
        return {f"{name}_start": None, f"{name}_end": None, name: None}
    return {f"{name}_start": span.start, f"{name}_end": span.end, name: span.text(text)}


def _statement_row(doc_id: str, index: int, quote: Quote, text: str) -> Row:
    selector = quote_selector(text, quote.content)
    return {"statement_id": statement_id(doc_id, index), "document_id": doc_id,
            "speaker_id": quote.speaker, "speaker_text": quote.speaker_text, "kind": quote.kind,
            **_span_columns("content", quote.content, text), "prefix": selector["prefix"],
            "suffix": selector["suffix"], **_span_columns("cue", quote.cue, text),
            **_span_columns("source", quote.source, text), "medium_id": quote.medium,
            "relay_ids": quote.relays, "date": quote.date, "day": day_of(quote.date),
            "confidence": quote.confidence}


def _event_row(doc_id: str, index: int, event: Event, text: str) -> Row:
    selector = quote_selector(text, event.evidence)
    votes = event.votes or {"for": None, "against": None, "abstain": None}
    return {"report_id": report_id(doc_id, index), "event_id": event.id,
            "document_id": doc_id, "type": event.type, "plover": event.plover,
            "status": event.status, "step": event.step, "date": event.date,
            "day": day_of(event.date), "date_text": event.date_text,
            **_span_columns("evidence", event.evidence, text), "prefix": selector["prefix"],
            "suffix": selector["suffix"], "motion": event.motion,
            "amount": event.amount["value"] if event.amount else None,
            "currency": event.amount["currency"] if event.amount else None,
            "votes_for": votes["for"], "votes_against": votes["against"],
            "votes_abstain": votes["abstain"]}


def _arguments(event: Event) -> list[tuple[str, str | None, str | None]]:
    """(role, entity id, words) for each participant; amounts and votes have columns."""
    found: list[tuple[str, str | None, str | None]] = []
    for role, value in event.args.items():
        ids = value if isinstance(value, list) else [value]
        found.extend((role, entity_id, None) for entity_id in ids)
    found.extend((role, None, words) for role, words in event.texts.items())
    return found
