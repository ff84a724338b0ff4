"""What the pages need that no view gives: where a statement or an event's evidence lies in
its document (the views give their words, the pages link to the characters), an entity's
stored row, and the titles and texts of a few documents. SQL through SQLAlchemy, every value
a bound parameter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select

from newstrace.store import Store
from newstrace.store.connections import reading_connection
from newstrace.store.schema import documents, entities, events, quotes

Spans = dict[tuple[str, str], tuple[int, int]]


def entity_row(store: Store, entity_id: str) -> dict[str, Any] | None:
    """The stored entity: id, type, name, known_as (its gazetteer key), identifiers."""
    query = select(entities.c.id, entities.c.type, entities.c.name, entities.c.known_as,
                   entities.c.identifiers).where(entities.c.id == entity_id)
    with reading_connection(store) as conn:
        row = conn.execute(query).first()
    return row._asdict() if row else None


def quote_spans(store: Store, document_ids: Iterable[str]) -> Spans:
    """(document, the quote's words) -> the quote's offsets, for the documents' quotes."""
    content = func.substr(documents.c.text, quotes.c.content_start + 1,
                          quotes.c.content_end - quotes.c.content_start)
    query = (select(quotes.c.document_id, content, quotes.c.content_start, quotes.c.content_end)
             .join(documents, documents.c.id == quotes.c.document_id)
             .where(quotes.c.document_id.in_(sorted(set(document_ids)))))
    return _spans(store, query)


def evidence_spans(store: Store, event_id: str) -> Spans:
    """(document, the evidence's words) -> its offsets, for each report of one event."""
    evidence = func.substr(documents.c.text, events.c.evidence_start + 1,
                           events.c.evidence_end - events.c.evidence_start)
    query = (select(events.c.document_id, evidence, events.c.evidence_start,
                    events.c.evidence_end)
             .join(documents, documents.c.id == events.c.document_id)
             .where(events.c.event_id == event_id))
    return _spans(store, query)


def _spans(store: Store, query: Any) -> Spans:
    found: Spans = {}
    with reading_connection(store) as conn:
        for document, words, start, end in conn.execute(query):
            found.setdefault((document, words), (start, end))  # the first of equal words
    return found


def document_titles(store: Store, document_ids: Iterable[str]) -> dict[str, str | None]:
    query = select(documents.c.id, documents.c.title).where(
        documents.c.id.in_(sorted(set(document_ids))))
    with reading_connection(store) as conn:
        return {row.id: row.title for row in conn.execute(query)}


def document_texts(store: Store, document_ids: Iterable[str]) -> dict[str, str]:
    query = select(documents.c.id, documents.c.text).where(
        documents.c.id.in_(sorted(set(document_ids))))
    with reading_connection(store) as conn:
        return {row.id: row.text for row in conn.execute(query)}


def document_stored(store: Store, document_id: str) -> bool:
    query = select(documents.c.id).where(documents.c.id == document_id)
    with reading_connection(store) as conn:
        return conn.execute(query).first() is not None


def latest_documents(store: Store, limit: int, outlet: str | None = None
                     ) -> list[dict[str, Any]]:
    """The ``limit`` documents published last (undated ones after), of an ``outlet`` or of
    any: id, title, outlet, published; read backwards from an index."""
    query = (select(documents.c.id, documents.c.title, documents.c.outlet,
                    documents.c.published)
             .order_by(documents.c.published.desc().nulls_last(), documents.c.id.desc())
             .limit(limit))
    if outlet is not None:
        query = query.where(documents.c.outlet == outlet)
    with reading_connection(store) as conn:
        return [{**row._asdict(), "published": row.published.isoformat()
                 if row.published else None} for row in conn.execute(query)]
