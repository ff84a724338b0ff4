"""People, organisations, places and outlets: counts per entity, and everything known
about the entities a name matches, read from the store in SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, true

from newstrace.models import VALUE_ROLES
from newstrace.store import Store
from newstrace.store.reading import (
    alias_counts,
    documents_of,
    documents_referring,
    entity_info,
    event_rows,
    evidence_text,
    first_met,
    holding,
    mention_rows,
    mentioned_in_quote,
    one_of,
    ranked_entities,
    statement_lines,
)
from newstrace.store.schema import entities, entity_counts, events, quotes
from newstrace.views.shared import matches, matching_entities


def entity_rows(
    store: Store, name: str | None = None, type_: str | None = None, *,
    limit: int | None = None, after: tuple[int, str, str] | None = None,
) -> list[dict[str, Any]]:
    """Entities some document refers to, most mentioned first (then by name and id):
    aliases (each way a mention wrote it, with its count), documents, mentions and
    statements (as speaker); the first ``limit`` after the entity ``after`` keys (its
    mentions, name and id). Read from the counts kept as documents are stored."""
    conditions: list[ColumnElement[bool]] = []
    if type_:
        conditions.append(entity_counts.c.type == type_.upper())
    if name:
        among = one_of(entities.c.id, matching_entities(store, name))
        conditions.append(among if among is not None else true())
    rows = ranked_entities(store, conditions, limit, after)
    aliases = alias_counts(store, [row["id"] for row in rows])
    return [{"id": row["id"], "type": row["type"], "name": row["name"],
             "aliases": aliases.get(row["id"], {}), "documents": row["documents"],
             "mentions": row["mentions"], "statements": row["statements"]}
            for row in rows
            if matches(name, row["name"], *aliases.get(row["id"], {}))]


def entity_records(store: Store, name: str | None = None,
                   entity_id: str | None = None) -> list[dict[str, Any]]:
    """Everything known about the entities matching `name` (or the one with `entity_id`):
    mentions with provenance, statements by and about each, and the events each takes part
    in; the most mentioned first, a tie in the order the reports first mention them."""
    if entity_id is not None:
        ids = [entity_id]
    elif name:
        ids = sorted(matching_entities(store, name))
    else:
        ids = [row["id"] for row in entity_rows(store)]
    referring = documents_referring(store, ids)
    records = {row["id"]: {**row, "aliases": {}, "mentions": [], "statements_by": [],
                           "statements_about": [], "events": []}
               for row in entity_info(store, [i for i in ids if referring[i]])}
    for entity_id, document_id, start, end, text in mention_rows(store, list(records)):
        record = records[entity_id]
        record["aliases"][text] = record["aliases"].get(text, 0) + 1
        record["mentions"].append({"document": document_id, "start": start, "end": end,
                                   "text": text})
    for record in records.values():
        record["statements_by"] = _statements(store, quotes.c.speaker_id == record["id"])
        record["statements_about"] = _statements(store, and_(
            mentioned_in_quote([record["id"]]),
            quotes.c.speaker_id.is_(None) | (quotes.c.speaker_id != record["id"])))
        record["events"] = _events(store, record["id"])
    if len(records) < 2:
        return list(records.values())
    met = first_met(store, referring)  # a tie in the order a reader meets them
    return sorted(records.values(), key=lambda r: (-len(r["mentions"]), met[r["id"]]))


def _statements(store: Store, condition: ColumnElement[bool]) -> list[dict[str, Any]]:
    """Statements as an entity record lists them: document, kind, date, speaker, quote."""
    return [{"document": document_id, "kind": kind, "date": date,
             "speaker": _named(speaker_id, speaker_name) or speaker_text, "quote": quote}
            for document_id, kind, date, speaker_id, speaker_text, speaker_name, quote
            in statement_lines(store, [condition])]


def _named(entity_id: str | None, stored_name: str | None) -> str | None:
    """A speaker's stored name, else the id an unknown entity has; None without an id."""
    if not entity_id:
        return None
    return stored_name if stored_name is not None else entity_id


def _events(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """The events an entity takes part in, each with the roles it has."""
    found = []
    for row in event_rows(store, [events.c.document_id.in_(documents_of([entity_id])),
                                  holding(events.c.args, [entity_id])],
                          [evidence_text(events.c.evidence_start, events.c.evidence_end)
                           .label("evidence")]):
        roles = [role for role, value in (row.args or {}).items()
                 if value == entity_id and role not in VALUE_ROLES]
        if roles:
            found.append({"document": row.document_id, "event": row.event_id, "type": row.type,
                          "date": row.date, "status": row.status, "roles": roles,
                          "evidence": row.evidence})
    return found
