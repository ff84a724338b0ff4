"""Counts and rankings over the whole store, read from the counts kept as documents are
stored and deleted (store/counts.py), so they cost the same for ten documents and for a
hundred thousand: a few rows read from an index each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, desc, func, select

from newstrace.store.connections import reading_connection
from newstrace.store.schema import documents, entities, entity_counts, value_counts
from newstrace.store.store import Store

TOTALS = ("documents", "stories", "entities", "statements", "events")


def table_counts(store: Store) -> dict[str, int]:
    """Documents, stories, entities mentioned, statements and events (an event told by
    several reports is one) in the store."""
    with reading_connection(store) as conn:
        found = dict(conn.execute(select(value_counts.c.value, value_counts.c.uses)
                                  .where(value_counts.c.kind == "total")).all())
    return {name: found.get(name, 0) for name in TOTALS}


def entities_by_type(store: Store) -> dict[str, int]:
    """How many mentioned entities there are of each type, the most first."""
    return {row.value: row.uses for row in _most_used(store, "entity type")}


def top_entities(store: Store, limit: int, types: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The most mentioned entities (of ``types``, or of any): name, type, documents, mentions."""
    return _ranked(store, entity_counts.c.mentions, entity_counts.c.mention_documents,
                   "mentions", limit, types)


def top_speakers(store: Store, limit: int) -> list[dict[str, Any]]:
    """The speakers with the most statements: name, type, documents, statements."""
    return _ranked(store, entity_counts.c.statements, entity_counts.c.statement_documents,
                   "statements", limit)


def _ranked(store: Store, count: Column[Any], documents_of: Column[Any], label: str,
            limit: int, types: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Entities by ``count`` (read from its index, ties by name), with the documents those
    rows come from; the first ``limit``, of ``types`` or of any."""
    query = (
        select(entities.c.id, entities.c.name, entities.c.type,
               documents_of.label("documents"), count.label(label))
        .join(entities, entities.c.id == entity_counts.c.entity_id)
        .where(count > 0).order_by(count.desc(), entities.c.name).limit(limit)
    )
    if types:
        query = query.where(entity_counts.c.type.in_(types))
    with reading_connection(store) as conn:
        return [row._asdict() for row in conn.execute(query)]


def event_type_counts(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Each event type with its number of events and of reports (one event may have many),
    the most events first."""
    reports = value_counts.alias("reports")
    with reading_connection(store) as conn:
        rows = conn.execute(
            select(value_counts.c.value, value_counts.c.uses, reports.c.uses)
            .join(reports, (reports.c.kind == "event type")
                  & (reports.c.value == value_counts.c.value) & (reports.c.detail == ""))
            .where(value_counts.c.kind == "event type events")
            .order_by(value_counts.c.uses.desc(), value_counts.c.value).limit(limit))
        return [{"type": row[0] or None, "events": row[1], "reports": row[2]} for row in rows]


def top_outlets(store: Store, limit: int) -> list[dict[str, Any]]:
    """The outlets with the most documents, with their first and last publication date, in
    one query (each day two seeks in the index of documents by outlet and day)."""
    outlet = value_counts.c.value
    query = (select(outlet, value_counts.c.uses, _day(func.min, outlet), _day(func.max, outlet))
             .where(value_counts.c.kind == "outlet")
             .order_by(desc(value_counts.c.uses), outlet).limit(limit))
    with reading_connection(store) as conn:
        return [{"outlet": name, "documents": uses, "first": str(first or ""),
                 "last": str(last or "")} for name, uses, first, last in conn.execute(query)]


def _day(which: Any, outlet: Any) -> Any:
    """The first (``func.min``) or last (``func.max``) publication day of an outlet."""
    return select(which(documents.c.published)).where(
        documents.c.outlet == outlet).scalar_subquery()


def outlet_counts(store: Store, outlet: str) -> dict[str, Any] | None:
    """An outlet's documents and its first and last publication date (two seeks in the index
    of documents by outlet and day); None for an outlet no document has."""
    with reading_connection(store) as conn:
        documents_of = conn.execute(select(value_counts.c.uses).where(
            value_counts.c.kind == "outlet", value_counts.c.value == outlet)).scalar()
        if documents_of is None:
            return None
        first, last = conn.execute(select(_day(func.min, outlet), _day(func.max, outlet))).one()
    return {"documents": documents_of, "first": str(first or ""), "last": str(last or "")}


def _most_used(store: Store, kind: str, limit: int | None = None) -> list[Any]:
    """The values of a kind, the most used first (then by value)."""
    with reading_connection(store) as conn:
        return list(conn.execute(
            select(value_counts.c.value, value_counts.c.uses)
            .where(value_counts.c.kind == kind)
            .order_by(desc(value_counts.c.uses), value_counts.c.value).limit(limit)))
