"""Deleting a document with all it contributed: its rows in every table, its search entries,
the wire-copy links to and from it, its quotes from the statements they were in (those
statements regrouped), and the global entities no other document refers to (a better
spelling it gave a shared entity stays). Saving the same content again stores it anew."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from newstrace.store import counts, groups
from newstrace.store import search as full_text
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
    full_text.remove(conn, document_id)  # reads the document's text: before it goes
    # reads the document's rows (before they go); the entities no other document refers to
    unused = counts.remove(conn, [document_id])
    # its quotes out of their statements; those statements gathered again once it is gone
    split = groups.remove(conn, document_id)
    for table in (mentions, quotes, events, timexes, stories, boilerplate, document_signatures,
                  search_rows):
        conn.execute(delete(table).where(table.c.document_id == document_id))
    conn.execute(delete(document_copies).where((document_copies.c.document_id == document_id)
                                               | (document_copies.c.copy_of_id == document_id)))
    conn.execute(delete(documents).where(documents.c.id == document_id))
    if unused:
        conn.execute(delete(entities).where(entities.c.id.in_(unused)))
    groups.regroup(conn, groups=split)
    return True
