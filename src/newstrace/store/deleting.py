"""Deleting a document with all it contributed: its rows in every table, its search entries,
the wire-copy links to and from it, and the global entities no other document refers to (a
better spelling it gave a shared entity stays). Saving the same content again stores it anew."""

from __future__ import annotations

from sqlalchemy import Text, cast, delete, or_, select
from sqlalchemy.engine import Connection

from newstrace.store import counts
from newstrace.store import search as full_text
from newstrace.store.counts import argument_strings
from newstrace.store.schema import (
    boilerplate,
    document_copies,
    document_signatures,
    documents,
    entities,
    events,
    mentions,
    quotes,
    search_rows,
    stories,
    timexes,
)


def delete_document(conn: Connection, document_id: str) -> bool:
    """Delete in the writer's transaction ``conn``; False when no such document is stored."""
    if conn.execute(select(documents.c.id).where(documents.c.id == document_id)).first() is None:
        return False
    referred = _referred(conn, document_id)
    full_text.remove(conn, document_id)  # reads the document's text: before it goes
    counts.remove(conn, [document_id])  # reads the document's rows: before they go
    for table in (mentions, quotes, events, timexes, stories, boilerplate, document_signatures,
                  search_rows):
        conn.execute(delete(table).where(table.c.document_id == document_id))
    conn.execute(delete(document_copies).where((document_copies.c.document_id == document_id)
                                               | (document_copies.c.copy_of_id == document_id)))
    conn.execute(delete(documents).where(documents.c.id == document_id))
    unused = referred - _still_referred(conn, referred)
    if unused:
        conn.execute(delete(entities).where(entities.c.id.in_(unused)))
    return True


def _referred(conn: Connection, document_id: str) -> set[str]:
    """The stored entities a document refers to: mentioned, as speaker, medium or relay,
    or as an event's participant."""
    found = {row[0] for row in conn.execute(
        select(mentions.c.entity_id).where(mentions.c.document_id == document_id))}
    for row in conn.execute(select(quotes.c.speaker_id, quotes.c.medium_id, quotes.c.relays)
                            .where(quotes.c.document_id == document_id)):
        found |= {i for i in (row.speaker_id, row.medium_id, *(row.relays or [])) if i}
    for row in conn.execute(select(events.c.args).where(events.c.document_id == document_id)):
        found |= argument_strings(row.args)
    return found & {row[0] for row in conn.execute(
        select(entities.c.id).where(entities.c.id.in_(found)))}


def _still_referred(conn: Connection, candidates: set[str]) -> set[str]:
    """Which of ``candidates`` a stored document still refers to."""
    found = {row[0] for row in conn.execute(
        select(mentions.c.entity_id).where(mentions.c.entity_id.in_(candidates)).distinct())}
    for column in (quotes.c.speaker_id, quotes.c.medium_id):
        found |= {row[0] for row in conn.execute(
            select(column).where(column.in_(candidates - found)).distinct())}
    # Relays and arguments are JSON: rows whose text names a candidate, then read.
    for column, ids_of in ((quotes.c.relays, lambda v: set(v or [])),
                           (events.c.args, argument_strings)):
        left = candidates - found
        if not left:
            break
        named = or_(*(cast(column, Text).contains(f'"{i}"', autoescape=True) for i in left))
        for (value,) in conn.execute(select(column).where(named)):
            found |= ids_of(value) & left
    return found
