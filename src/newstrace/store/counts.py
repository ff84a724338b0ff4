"""Counts kept up to date in the transaction that stores or deletes a document, so that the
rankings, the summary and the name filters read a few rows at any size of the store.

A document contributes to three tables (store/schema.py, version 8):

- ``entity_counts``: per entity it refers to, the documents (1), its mentions, whether it
  mentions it, its statements as speaker, whether it holds one;
- ``entity_documents``: a row per entity it refers to, in any way;
- ``value_counts``: one use of each value the filters and rankings look at, by kind (the
  value, a detail): ``alias`` (an entity's id, a way a mention wrote it), ``speaker`` (a
  speaker as written), ``outlet``, ``quote date``, ``event date``, ``phrase`` (an event's
  argument that names no entity), ``event`` (an event's id, its type: its reports),
  ``event type`` (reports of a type) and ``total`` (documents,
  stories, statements). What is not a sum of contributions follows from the rows a change makes or
  empties: ``event type events`` and ``total`` events (distinct events), ``entity type``
  and ``total`` entities (entities mentioned), and ``name`` (each referred entity's stored
  name, as it stands after the document's transaction).

Storing adds a document's contribution (from the rows it inserts), deleting subtracts it
(read back before its rows go); `recount` builds everything from the stored rows (the
migration to version 8, and stores filled by inserting rows). Writers take turns (see
store.py), so reading a count and writing it back is safe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.engine import Connection

from newstrace.resolve.names import fold
from newstrace.store.bulk import execute_many, insert_rows, select_in
from newstrace.store.schema import (
    documents,
    entities,
    entity_counts,
    entity_documents,
    events,
    mentions,
    quotes,
    stories,
    value_counts,
)

COUNTED = ("documents", "mentions", "mention_documents", "statements", "statement_documents")
# Keys in one IN list at most.
CHUNK = 500
# The longest written value counted (see countable).
MAX_VALUE_CHARS = 500
# Documents read at a time while everything is counted again.
RECOUNT_BATCH = 1000
ValueKey = tuple[str, str, str]


@dataclass
class DocumentRows:
    """What one document stored that the counts follow: its outlet, how many stories, and
    its mention, statement and event rows (mappings with the columns of their tables)."""

    id: str
    outlet: str | None
    stories: int
    mentions: Sequence[Mapping[str, Any]] = field(default_factory=list)
    quotes: Sequence[Mapping[str, Any]] = field(default_factory=list)
    events: Sequence[Mapping[str, Any]] = field(default_factory=list)

    def referred(self) -> set[str]:
        """Every id the document refers an entity by (some may name no stored entity)."""
        found = {row["entity_id"] for row in self.mentions}
        for row in self.quotes:
            found |= {i for i in (row["speaker_id"], row["medium_id"], *(row["relays"] or []))
                      if i}
        for row in self.events:
            found |= argument_strings(row["args"])
        return found



def argument_strings(args: dict[str, Any] | None) -> set[str]:
    """The strings among an event's stored arguments: entity ids, and phrases (which
    match no entity)."""
    found: set[str] = set()
    for value in (args or {}).values():
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            found.update(v for v in value if isinstance(v, str))
    return found


def add(conn: Connection, stored: list[DocumentRows]) -> None:
    """Count documents just stored (their rows and entities already written)."""
    _apply(conn, stored, 1)


def remove(conn: Connection, document_ids: list[str]) -> list[str]:
    """Take stored documents out of the counts; before their rows are deleted. The entities
    no other stored document refers to (their counts went)."""
    return _apply(conn, read_documents(conn, document_ids), -1)


def recount(conn: Connection) -> None:
    """Every count built again from the stored rows."""
    for table in (entity_counts, entity_documents, value_counts):
        conn.execute(delete(table))
    ids = [row[0] for row in conn.execute(select(documents.c.id).order_by(documents.c.id))]
    for at in range(0, len(ids), RECOUNT_BATCH):
        _apply(conn, read_documents(conn, ids[at:at + RECOUNT_BATCH]), 1)


def read_documents(conn: Connection, document_ids: list[str]) -> list[DocumentRows]:
    """The rows of stored documents the counts follow."""
    found: dict[str, DocumentRows] = {}
    for at in range(0, len(document_ids), CHUNK):
        chunk = document_ids[at:at + CHUNK]
        for row in conn.execute(select(documents.c.id, documents.c.outlet)
                                .where(documents.c.id.in_(chunk))):
            found[row.id] = DocumentRows(row.id, row.outlet, 0, [], [], [])
        for document_id, count in conn.execute(
                select(stories.c.document_id, func.count())
                .where(stories.c.document_id.in_(chunk)).group_by(stories.c.document_id)):
            found[document_id].stories = count
        for table, columns, into in (
                (mentions, ("entity_id", "text"), "mentions"),
                (quotes, ("speaker_id", "speaker_text", "medium_id", "relays", "date"), "quotes"),
                (events, ("event_id", "type", "date", "args"), "events")):
            for row in conn.execute(select(table.c.document_id,
                                           *(table.c[c] for c in columns))
                                    .where(table.c.document_id.in_(chunk))):
                getattr(found[row.document_id], into).append(row._mapping)
    return list(found.values())


def _apply(conn: Connection, changed: list[DocumentRows], sign: int) -> list[str]:
    """Add (``sign`` 1) or take out (-1) documents' counts; the entities whose counts went."""
    if not changed:
        return []
    stored = _stored_entities(conn, set().union(*(d.referred() for d in changed)))
    by_entity: dict[str, Counter[str]] = {}
    values: Counter[ValueKey] = Counter()
    pairs = []
    for document in changed:
        for entity_id in document.referred() & stored.keys():
            by_entity.setdefault(entity_id, Counter())["documents"] += 1
            pairs.append({"entity_id": entity_id, "document_id": document.id})
        _contribution(document, stored, by_entity, values)
    for counted in by_entity.values():
        for name in counted:
            counted[name] *= sign
    for key in values:
        values[key] *= sign
    gone = _write_entities(conn, by_entity, stored, values)
    _write_values(conn, values)
    if sign > 0:
        _insert_chunks(conn, entity_documents, pairs)
        _sync_names(conn, {i: stored[i][1] for i in by_entity if i not in gone})
    else:
        conn.execute(delete(entity_documents).where(
            entity_documents.c.document_id.in_([d.id for d in changed])))
        for at in range(0, len(gone), CHUNK):
            conn.execute(delete(value_counts).where(value_counts.c.kind == "name",
                                                    value_counts.c.value.in_(gone[at:at + CHUNK])))
    return gone


def _contribution(document: DocumentRows, stored: dict[str, tuple[str, str]],
                  by_entity: dict[str, Counter[str]], values: Counter[ValueKey]) -> None:
    """Add one document's counts to ``by_entity`` and ``values``."""
    mentioned = Counter(row["entity_id"] for row in document.mentions
                        if row["entity_id"] in stored)
    for entity_id, count in mentioned.items():
        by_entity[entity_id].update(mentions=count, mention_documents=1)
    for row in document.mentions:
        if row["entity_id"] in stored:
            if countable(row["text"] or ""):
                values["alias", row["entity_id"], row["text"] or ""] += 1
    spoken = Counter(row["speaker_id"] for row in document.quotes if row["speaker_id"] in stored)
    for entity_id, count in spoken.items():
        by_entity[entity_id].update(statements=count, statement_documents=1)
    for row in document.quotes:
        if row["speaker_text"] and countable(row["speaker_text"]):
            values["speaker", row["speaker_text"], ""] += 1
        if row["date"]:
            values["quote date", row["date"], ""] += 1
    for row in document.events:
        for value in argument_strings(row["args"]) - stored.keys():
            if countable(value):
                values["phrase", value, ""] += 1
        values["event", row["event_id"], row["type"] or ""] += 1
        values["event type", row["type"] or "", ""] += 1
        if row["date"]:
            values["event date", row["date"], ""] += 1
    if document.outlet:
        values["outlet", document.outlet, ""] += 1
    values["total", "documents", ""] += 1
    values["total", "stories", ""] += document.stories
    values["total", "statements", ""] += len(document.quotes)


def countable(text: str) -> bool:
    """Whether a written value is kept in ``value_counts``: PostgreSQL refuses an index key
    over about 2,700 bytes, and a phrase that long is no name anyone filters by."""
    return len(text) <= MAX_VALUE_CHARS


def _stored_entities(conn: Connection, ids: set[str]) -> dict[str, tuple[str, str]]:
    """(type, name) of each of ``ids`` stored as an entity."""
    wanted = sorted(ids)
    found: dict[str, tuple[str, str]] = {}
    for at in range(0, len(wanted), CHUNK):
        found |= {entity_id: (entity_type, name) for entity_id, entity_type, name in select_in(
            conn, (entities.c.id, entities.c.type, entities.c.name),
            (entities.c.id, wanted[at:at + CHUNK]))}
    return found


def _write_entities(conn: Connection, by_entity: dict[str, Counter[str]],
                    stored: dict[str, tuple[str, str]], values: Counter[ValueKey]) -> list[str]:
    """Add the changes to the entities' rows; an entity that comes to be mentioned (or no
    longer) changes the count of its type and the total in ``values``. The entities no
    document refers to any more, whose rows went."""
    ids = sorted(by_entity)
    old: dict[str, dict[str, int]] = {}
    for at in range(0, len(ids), CHUNK):
        old |= {row[0]: dict(zip(COUNTED, row[1:], strict=True)) for row in select_in(
            conn, (entity_counts.c.entity_id, *(entity_counts.c[name] for name in COUNTED)),
            (entity_counts.c.entity_id, ids[at:at + CHUNK]))}
    new_rows, changed_rows, gone = [], [], []
    for entity_id in ids:
        before = old.get(entity_id, dict.fromkeys(COUNTED, 0))
        after = {name: before[name] + by_entity[entity_id][name] for name in COUNTED}
        step = (after["mention_documents"] > 0) - (before["mention_documents"] > 0)
        if step:
            values["entity type", stored[entity_id][0], ""] += step
            values["total", "entities", ""] += step
        if after["documents"] <= 0:
            gone.append(entity_id)
        elif entity_id in old:
            changed_rows.append({"key": entity_id, **after})
        else:
            new_rows.append({"entity_id": entity_id, "type": stored[entity_id][0], **after})
    for at in range(0, len(gone), CHUNK):
        conn.execute(delete(entity_counts)
                     .where(entity_counts.c.entity_id.in_(gone[at:at + CHUNK])))
    execute_many(conn, ("update", entity_counts), lambda: update(entity_counts).where(
        entity_counts.c.entity_id == bindparam("key")).values(
        {name: bindparam(name) for name in COUNTED}), changed_rows)
    _insert_chunks(conn, entity_counts, new_rows)
    return gone


def _write_values(conn: Connection, values: Counter[ValueKey]) -> None:
    """Add the changes to the values' uses: a value used no more goes, and an event that
    comes (or goes) changes the distinct events of its type and in all."""
    events_of = [key for key in values if key[0] == "event"]
    old = _uses(conn, [*values, ("total", "events", ""),
                       *(("event type events", key[2], "") for key in events_of)])
    for key in events_of:
        step = (old.get(key, 0) + values[key] > 0) - (old.get(key, 0) > 0)
        if step:
            values["event type events", key[2], ""] += step
            values["total", "events", ""] += step
    new_rows, changed_rows, gone = [], [], []
    for key, change in values.items():
        if not change:
            continue
        uses = old.get(key, 0) + change
        row = {"kind": key[0], "value": key[1], "detail": key[2], "folded": folded(key)}
        if uses <= 0:
            gone.append(key)
        elif key in old:
            changed_rows.append({"k": key[0], "v": key[1], "d": key[2], "uses": uses})
        else:
            new_rows.append({**row, "uses": uses})
    _delete_values(conn, gone)
    execute_many(conn, ("update", value_counts), lambda: update(value_counts).where(
        value_counts.c.kind == bindparam("k"), value_counts.c.value == bindparam("v"),
        value_counts.c.detail == bindparam("d")).values(uses=bindparam("uses")), changed_rows)
    _insert_chunks(conn, value_counts, new_rows)


def folded(key: ValueKey) -> str:
    """What a name filter matches a value by: an entity's alias or name, a speaker, an
    outlet, folded; nothing for dates, events and counts."""
    kind, value, detail = key
    if kind in ("alias", "name"):
        return fold(detail)
    return fold(value) if kind in ("speaker", "outlet", "phrase") else ""


def _uses(conn: Connection, keys: list[ValueKey]) -> dict[ValueKey, int]:
    """The stored uses of values, in one query by kinds and values (the primary key's
    start: a row-value IN list would be a scan on SQLite)."""
    wanted = set(keys)
    kinds, values = sorted({key[0] for key in wanted}), sorted({key[1] for key in wanted})
    found = {}
    for at in range(0, len(values), CHUNK):
        for kind, value, detail, uses in select_in(
                conn, (value_counts.c.kind, value_counts.c.value, value_counts.c.detail,
                       value_counts.c.uses),
                (value_counts.c.kind, kinds), (value_counts.c.value, values[at:at + CHUNK])):
            if (kind, value, detail) in wanted:
                found[kind, value, detail] = uses
    return found


def _delete_values(conn: Connection, keys: list[ValueKey]) -> None:
    execute_many(conn, ("delete", value_counts), lambda: delete(value_counts).where(
        value_counts.c.kind == bindparam("k"), value_counts.c.value == bindparam("v"),
        value_counts.c.detail == bindparam("d")),
        [{"k": kind, "v": value, "d": detail} for kind, value, detail in keys])


def _sync_names(conn: Connection, names: dict[str, str]) -> None:
    """Each entity's ``name`` row: its stored name as it now stands, folded."""
    ids = sorted(names)
    for at in range(0, len(ids), CHUNK):
        chunk = ids[at:at + CHUNK]
        have = set(select_in(conn, (value_counts.c.value, value_counts.c.detail),
                             (value_counts.c.kind, ["name"]), (value_counts.c.value, chunk)))
        want = {(i, names[i]) for i in chunk if countable(names[i])}
        _delete_values(conn, [("name", *key) for key in sorted(have - want)])
        _insert_chunks(conn, value_counts, [
            {"kind": "name", "value": i, "detail": name, "folded": fold(name), "uses": 1}
            for i, name in sorted(want - have)])


def _insert_chunks(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    insert_rows(conn, table, list(rows))
