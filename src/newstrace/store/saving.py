"""Storing a transaction's documents (`Saving`, which `Store.saving` gives): what storing
them reads of the store read at once and kept up to date as each is stored, their rows written
a table at a time; and the reads a writer shares with `Store` (stored reports for wire copy,
stored entities by name key)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.engine import Connection

from newstrace.errors import StoreError
from newstrace.models import Analysis, Document, Entity, Span
from newstrace.resolve.copies import CopyLink, Report, Signed
from newstrace.resolve.crossdoc import StoredByKey
from newstrace.resolve.names import name_key
from newstrace.store import counts
from newstrace.store import search as full_text
from newstrace.store.bulk import execute_many, insert_rows, select_in
from newstrace.store.schema import (
    boilerplate,
    document_copies,
    document_signatures,
    documents,
    entities,
    events,
    mentions,
    quotes,
    stories,
    timexes,
)

# Links an analysis's entities to the stored ones and returns better names for stored ones
# (`newstrace.resolve.crossdoc.link_analysis`).
Linker = Callable[[Analysis, StoredByKey], dict[str, str]]


def content_hash(text: str) -> str:
    # surrogatepass: a text `save` refuses still has a hash to look it up by
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def stored_reports(conn: Connection, document_ids: list[str]) -> dict[str, Report]:
    """The documents' texts, boilerplate, publication days and stored order."""
    if not document_ids:
        return {}
    spans: dict[str, list[Span]] = {}
    for row in conn.execute(select(boilerplate).where(
            boilerplate.c.document_id.in_(document_ids))):
        spans.setdefault(row.document_id, []).append(Span(row.start, row.end))
    joined = documents.outerjoin(
        document_signatures, document_signatures.c.document_id == documents.c.id)
    return {row.id: Report(row.id, row.text, spans.get(row.id, []), row.published, row.seq)
            for row in conn.execute(
                select(documents.c.id, documents.c.text, documents.c.published,
                       document_signatures.c.seq)
                .select_from(joined).where(documents.c.id.in_(document_ids)))}


def keyed_entities(conn: Connection,
                   keys: set[tuple[str, str]]) -> dict[tuple[str, str], list[Entity]]:
    """The stored entities under each (type, name key) asked for, in a query per
    `counts.CHUNK` keys (a database holds a statement to so many values)."""
    found: dict[tuple[str, str], list[Entity]] = {key: [] for key in keys}
    wanted = sorted({name_key for _, name_key in keys})
    rows = (row for at in range(0, len(wanted), counts.CHUNK)
            for row in conn.execute(select(entities).where(  # the indexed column narrows
                entities.c.name_key.in_(wanted[at:at + counts.CHUNK]))))
    for row in rows:
        if (row.type, row.name_key) not in found:
            continue
        found[(row.type, row.name_key)].append(Entity(
            row.id, row.type, row.name, known_as=row.known_as,
            identifiers=row.identifiers or {}))
    return found


# A stored entity's (type, name key): where cross-document linking looks it up.
Key = tuple[str, str]
# The tables a transaction's documents are written to, in the order they are written (a
# row's document and entities before it), and what is written between: the better names
# after the entities, the search entries after the rows.
FIRST, ROWS, LAST = (documents, entities), (stories, boilerplate, mentions, quotes, events,
                                              timexes), (document_signatures, document_copies)


class Saving:
    """Documents stored one after another in one writing transaction (`Store.saving`).

    Storing a document reads what is stored (its content, its entities' ids, the entities
    its names may be) and writes rows to a dozen tables. Both are done for the whole
    transaction: what its documents will read is read at once (`expect`) and kept here up to
    date as each one is stored, so that each sees those before it as if they were committed;
    their rows are written a table at a time (`flush`) when the transaction ends, or before
    the stored reports are read for wire copy. Writers take turns (see `Store.writing`), so
    nothing else changes what was read."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.stored: list[counts.DocumentRows] = []  # counted when the transaction ends
        # Stored content: the hash under each document id, and the hashes, of the ids and
        # hashes looked up and of the documents stored in this transaction.
        self.contents: dict[str, str] = {}
        self.hashes: set[str] = set()
        self.ids_looked_up: set[str] = set()
        self.hashes_looked_up: set[str] = set()
        # Whether an entity id is stored, for the ids looked up; the stored entities under
        # each key looked up (one object an entity, by id), and those this transaction adds.
        self.entity_ids: dict[str, bool] = {}
        self.keyed: dict[Key, list[Entity]] = {}
        self.by_id: dict[str, Entity] = {}
        self.added: dict[Key, list[Entity]] = {}
        self.renamed: dict[str, str] = {}  # the better names this transaction gave
        # What is not written yet: rows by table, better names, search entries.
        self.rows: dict[Table, list[dict[str, Any]]] = {t: [] for t in (*FIRST, *ROWS, *LAST)}
        self.names: list[dict[str, str]] = []
        self.entries: list[full_text.Indexed] = []

    def expect(self, analyses: list[Analysis], keys: set[Key]) -> None:
        """Read at once what storing these analyses will read: whether their contents and
        ids are stored, their entities' ids, and the stored entities under ``keys`` (those
        linking them looks up: `resolve.crossdoc.linked_keys`)."""
        self._look_up([a.document.id for a in analyses],
                      [content_hash(a.document.text) for a in analyses])
        self._look_up_entities({e.id for a in analyses for e in a.entities})
        self._read_keyed(keys)

    def save(self, analysis: Analysis, better_names: dict[str, str] | None = None,
             link: Linker | None = None, copies: Signed | None = None) -> bool:
        """`Store.save` in this transaction (after `Store.check`): False when the content is
        stored already (by another run, or earlier in this transaction); StoreError, with
        nothing of this document kept, when another content is stored under its id."""
        doc = analysis.document
        digest = content_hash(doc.text)
        if self._holds(doc, digest):
            return False
        if link is not None:
            better_names = link(analysis, self.entities_keyed)
        self.rows[documents].append({
            "id": doc.id, "content_hash": digest, "file": doc.file, "url": doc.url,
            "title": doc.title, "outlet": doc.outlet, "published": doc.published,
            "language": doc.language, "text": doc.text, "source_kind": doc.source_kind,
            "source": doc.source, "author": doc.author,
        })
        self.contents[doc.id] = digest
        self.hashes.add(digest)
        for entity_id, name in (better_names or {}).items():
            self._rename(entity_id, name)
        self._add_entities(analysis.entities)
        rows = _rows(analysis)
        for table, table_rows in rows.items():
            self.rows[table].extend(table_rows)
        self.entries.append((doc.title, doc.text, full_text.entries_of(analysis)))
        if copies is not None:
            self.rows[document_signatures].append({
                "document_id": copies.document_id, "shingles": copies.shingles,
                "signature": copies.signature})
            self.rows[document_copies].extend(copy_rows(copies.links))
        self.stored.append(counts.DocumentRows(doc.id, doc.outlet, len(rows[stories]),
                                               rows[mentions], rows[quotes], rows[events]))
        return True

    def reports(self, document_ids: list[str]) -> dict[str, Report]:
        """`Store.reports` as this transaction sees them (its own documents included)."""
        if not document_ids:
            return {}
        self.flush()
        return stored_reports(self.conn, document_ids)

    def flush(self) -> None:
        """Write the rows stored so far, a statement a table."""
        conn = self.conn
        for table in FIRST:
            insert_rows(conn, table, self.rows[table])
        execute_many(conn, ("rename", entities), lambda: update(entities).where(
            entities.c.id == bindparam("entity_id")).values(name=bindparam("better_name")),
            self.names)
        for table in ROWS:
            insert_rows(conn, table, self.rows[table])
        full_text.add(conn, self.entries)
        for table in LAST:
            insert_rows(conn, table, self.rows[table])
        for table_rows in self.rows.values():
            table_rows.clear()
        self.names.clear()
        self.entries.clear()

    def entities_keyed(self, keys: set[Key]) -> dict[Key, list[Entity]]:
        """`Store.entities_keyed` as this transaction sees them (read once a key)."""
        self._read_keyed(keys)
        return {key: list(self.keyed[key]) for key in keys}

    def _read_keyed(self, keys: set[Key]) -> None:
        """The stored entities under the keys not read yet, read."""
        if missing := keys - self.keyed.keys():
            for key, found in keyed_entities(self.conn, missing).items():
                kept = {entity.id: self._kept(entity) for entity in found}
                self.keyed[key] = [*kept.values(), *(entity for entity in self.added.get(key, [])
                                                     if entity.id not in kept)]

    def _holds(self, doc: Document, digest: str) -> bool:
        """Whether this content is stored already, under any id; another content stored
        under this document's id is an error (nothing is overwritten)."""
        self._look_up([doc.id], [digest])
        if self.contents.get(doc.id, digest) != digest:
            raise StoreError(f"{doc.file or doc.id}: id {doc.id!r} is already stored with "
                             "other content; nothing was overwritten")
        return doc.id in self.contents or digest in self.hashes

    def _look_up(self, ids: list[str], hashes: list[str]) -> None:
        ids = [i for i in ids if i not in self.ids_looked_up]
        hashes = [h for h in hashes if h not in self.hashes_looked_up]
        if not ids and not hashes:
            return
        for row in self.conn.execute(select(documents.c.id, documents.c.content_hash).where(
                documents.c.id.in_(ids) | documents.c.content_hash.in_(hashes))):
            self.contents[row.id] = row.content_hash
            self.hashes.add(row.content_hash)
        self.ids_looked_up.update(ids)
        self.hashes_looked_up.update(hashes)

    def _look_up_entities(self, ids: set[str]) -> None:
        wanted = sorted(ids - self.entity_ids.keys())
        for at in range(0, len(wanted), counts.CHUNK):
            chunk = wanted[at:at + counts.CHUNK]
            stored = {row[0] for row in select_in(self.conn, (entities.c.id,),
                                                  (entities.c.id, chunk))}
            self.entity_ids.update((entity_id, entity_id in stored) for entity_id in chunk)

    def _add_entities(self, found: list[Entity]) -> None:
        """The entities not stored yet, stored."""
        self._look_up_entities({e.id for e in found})
        new = [e for e in found if not self.entity_ids[e.id]]
        for e in new:
            key = (e.type, name_key(e.name, e.type))
            self.rows[entities].append({
                "id": e.id, "type": e.type, "name": e.name, "known_as": e.known_as,
                "identifiers": e.identifiers, "name_key": key[1]})
            self.entity_ids[e.id] = True
            stored = self._kept(Entity(e.id, e.type, e.name, known_as=e.known_as,
                                       identifiers=e.identifiers or {}))
            self.added.setdefault(key, []).append(stored)
            if key in self.keyed:
                self.keyed[key].append(stored)

    def _rename(self, entity_id: str, name: str) -> None:
        """A stored entity's better name."""
        self.names.append({"entity_id": entity_id, "better_name": name})
        self.renamed[entity_id] = name
        if entity_id in self.by_id:
            self.by_id[entity_id].name = name

    def _kept(self, entity: Entity) -> Entity:
        """The one object this transaction keeps for a stored entity, with its name as it
        now stands."""
        kept = self.by_id.setdefault(entity.id, entity)
        kept.name = self.renamed.get(entity.id, kept.name)
        return kept


def copy_rows(links: list[CopyLink]) -> list[dict[str, Any]]:
    return [{"document_id": link.document_id, "copy_of_id": link.copy_of_id,
             "similarity": link.similarity, "containment": link.containment}
            for link in links]


def _rows(analysis: Analysis) -> dict[Table, list[dict[str, Any]]]:
    """The rows of an analysis's extractions, by table."""
    doc_id = analysis.document.id
    return {
        stories: [{"document_id": doc_id, "start": s.span.start, "end": s.span.end,
                   "title": s.title, "outlet": s.outlet} for s in analysis.stories],
        boilerplate: [{"document_id": doc_id, "start": b.start, "end": b.end}
                      for b in analysis.boilerplate],
        mentions: [{"document_id": doc_id, "entity_id": e.id, "start": m.span.start,
                    "end": m.span.end, "text": m.text, "type": m.type, "origin": m.origin}
                   for e in analysis.entities for m in e.mentions],
        quotes: [{"document_id": doc_id, "speaker_id": q.speaker,
                  "speaker_text": q.speaker_text, "kind": q.kind,
                  "content_start": q.content.start, "content_end": q.content.end,
                  "source": q.source.as_dict() if q.source else None,
                  "cue": q.cue.as_dict() if q.cue else None, "medium_id": q.medium,
                  "relays": q.relays, "date": q.date, "confidence": q.confidence,
                  "parts": [p.as_dict() for p in q.parts]}
                 for q in analysis.quotes],
        events: [{"document_id": doc_id, "event_id": e.id, "type": e.type, "date": e.date,
                  "date_text": e.date_text, "status": e.status, "plover": e.plover,
                  "args": e.arguments(), "evidence_start": e.evidence.start,
                  "evidence_end": e.evidence.end, "step": e.step} for e in analysis.events],
        timexes: [{"document_id": doc_id, "start": t.span.start, "end": t.span.end,
                   "text": t.text, "value": t.value, "kind": t.kind}
                  for t in analysis.timexes],
    }
