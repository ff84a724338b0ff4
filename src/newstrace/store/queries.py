"""Counts and rankings over the whole store, answered in SQL (never by loading analyses), so
they cost the same for ten documents and for a hundred thousand."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Table, desc, distinct, func, select

from newstrace.store.schema import documents, entities, events, mentions, quotes, stories
from newstrace.store.store import Store


def table_counts(store: Store) -> dict[str, int]:
    """Documents, stories, entities mentioned, statements and events in the store."""
    with store.engine.connect() as conn:
        return {
            "documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
            "stories": conn.execute(select(func.count()).select_from(stories)).scalar_one(),
            "entities": conn.execute(
                select(func.count(distinct(mentions.c.entity_id)))).scalar_one(),
            "statements": conn.execute(select(func.count()).select_from(quotes)).scalar_one(),
            # An event told by several reports is one event.
            "events": conn.execute(select(func.count(distinct(events.c.event_id)))).scalar_one(),
        }


def entities_by_type(store: Store) -> dict[str, int]:
    """How many mentioned entities there are of each type."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(entities.c.type, func.count(distinct(entities.c.id)))
            .join(mentions, mentions.c.entity_id == entities.c.id)
            .group_by(entities.c.type).order_by(desc(func.count(distinct(entities.c.id))))
        )
        return {row[0]: row[1] for row in rows}


def top_entities(store: Store, limit: int, types: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The most mentioned entities (of ``types``, or of any): name, type, documents, mentions."""
    return _ranked(store, mentions, mentions.c.entity_id, "mentions", limit, types)


def top_speakers(store: Store, limit: int) -> list[dict[str, Any]]:
    """The speakers with the most statements: name, type, documents, statements."""
    return _ranked(store, quotes, quotes.c.speaker_id, "statements", limit)


def _ranked(store: Store, rows: Table, entity_column: Column[Any], label: str, limit: int,
            types: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Entities by how many ``rows`` name them in ``entity_column``, with the documents
    those rows come from; the first ``limit``, of ``types`` or of any."""
    query = (
        select(entities.c.id, entities.c.name, entities.c.type,
               func.count(distinct(rows.c.document_id)).label("documents"),
               func.count().label(label))
        .join(rows, entity_column == entities.c.id)
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(desc(label), entities.c.name).limit(limit)
    )
    if types:
        query = query.where(entities.c.type.in_(types))
    with store.engine.connect() as conn:
        return [row._asdict() for row in conn.execute(query)]


def event_type_counts(store: Store) -> list[dict[str, Any]]:
    """Each event type with its number of events and of reports (one event may have many)."""
    query = (
        select(events.c.type, func.count(distinct(events.c.event_id)).label("events"),
               func.count().label("reports"))
        .group_by(events.c.type).order_by(desc("events"), events.c.type)
    )
    with store.engine.connect() as conn:
        return [row._asdict() for row in conn.execute(query)]


def top_outlets(store: Store, limit: int) -> list[dict[str, Any]]:
    """The outlets with the most documents, with their first and last publication date."""
    query = (
        select(documents.c.outlet, func.count().label("documents"),
               func.min(documents.c.published).label("first"),
               func.max(documents.c.published).label("last"))
        .where(documents.c.outlet.is_not(None))
        .group_by(documents.c.outlet).order_by(desc("documents"), documents.c.outlet)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [{**row._asdict(), "first": str(row.first or ""), "last": str(row.last or "")}
                for row in conn.execute(query)]
