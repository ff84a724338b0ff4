"""Storage through SQLAlchemy Core: SQLite by default (a file path), any database by URL.

Each document is saved in one transaction with everything extracted from it, so a crash
mid-batch loses at most the document in flight and never leaves half a document stored.
Entities are global rows (one per real-world entity id) shared by every document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from newstrace.errors import StoreError
from newstrace.models import (
    Analysis,
    Document,
    Entity,
    Event,
    Mention,
    Quote,
    Span,
    Story,
    Timex,
)
from newstrace.resolve.names import name_weight, names_match, phonetic_key

SCHEMA_VERSION = 3
# Statements that bring a database from the version before to the key's version. New tables
# need none (create_all makes them); new columns of existing tables do.
MIGRATIONS: dict[int, list[str]] = {
    2: ["ALTER TABLE entities ADD COLUMN name_key VARCHAR(120)",
        "CREATE INDEX IF NOT EXISTS ix_entities_name_key ON entities (name_key)"],
    3: ["ALTER TABLE quotes ADD COLUMN parts JSON"],
}
DEFAULT_DB = "newstrace.db"

metadata = MetaData()

meta = Table("newstrace_meta", metadata, Column("key", String(40), primary_key=True),
             Column("value", String(200)))
documents = Table(
    "documents", metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("file", Text), Column("url", Text), Column("title", Text), Column("outlet", Text),
    Column("published", Date), Column("language", String(8)), Column("text", Text, nullable=False),
)
stories = Table(
    "stories", metadata,
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("start", Integer), Column("end", Integer), Column("title", Text), Column("outlet", Text),
)
boilerplate = Table(
    "boilerplate", metadata,
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("start", Integer), Column("end", Integer),
)
entities = Table(
    "entities", metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(16), nullable=False), Column("name", Text, nullable=False),
    Column("known_as", String(80)), Column("identifiers", JSON),
    # Phonetic key of the surname (people) or name (others): candidates for cross-document links.
    Column("name_key", String(120), index=True),
)
mentions = Table(
    "mentions", metadata,
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("entity_id", ForeignKey("entities.id"), index=True, nullable=False),
    Column("start", Integer), Column("end", Integer), Column("text", Text),
    Column("type", String(16)), Column("origin", String(16)),
)
quotes = Table(
    "quotes", metadata,
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("speaker_id", String(40), index=True), Column("speaker_text", Text),
    Column("kind", String(16)), Column("content_start", Integer), Column("content_end", Integer),
    Column("source", JSON), Column("cue", JSON), Column("medium_id", String(40)),
    Column("relays", JSON), Column("date", String(32)), Column("confidence", Float),
    Column("parts", JSON),
)
events = Table(
    "events", metadata,
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("event_id", String(40), index=True, nullable=False),
    Column("type", String(40)), Column("date", String(32)), Column("date_text", Text),
    Column("status", String(16)), Column("plover", String(40)), Column("args", JSON),
    Column("evidence_start", Integer), Column("evidence_end", Integer),
)
timexes = Table(
    "timexes", metadata,
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("start", Integer), Column("end", Integer), Column("text", Text),
    Column("value", String(40)), Column("kind", String(12)),
)


def name_key(entity: Entity) -> str:
    words = entity.name.split() or [""]
    return phonetic_key(words[-1] if entity.type == "PERSON" else entity.name)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def engine_for(db: str) -> Engine:
    url = db if "://" in db else f"sqlite:///{db}"
    return create_engine(url)


def _span(raw: Any) -> Span | None:
    return Span(raw["start"], raw["end"]) if raw else None


class Store:
    def __init__(self, db: str = DEFAULT_DB):
        self.db = db
        try:
            self.engine = engine_for(db)
            metadata.create_all(self.engine)
            self._check_version()
        except SQLAlchemyError as error:
            raise StoreError(f"{db}: cannot open the database: {error}") from error

    def _check_version(self) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
            if row is None:
                conn.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
                return
            version = int(row[0])
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.db}: schema version {version} is newer than this newstrace "
                    f"({SCHEMA_VERSION}); upgrade newstrace"
                )
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS.get(step, []):
                    conn.exec_driver_sql(statement)
            if version < 2:
                for entity in conn.execute(select(entities)).all():
                    key = name_key(Entity(entity.id, entity.type, entity.name))
                    conn.execute(update(entities).where(entities.c.id == entity.id)
                                 .values(name_key=key))
            conn.execute(update(meta).where(meta.c.key == "schema_version")
                         .values(value=str(SCHEMA_VERSION)))

    # -- writing ----------------------------------------------------------------------------
    def standing(self, document: Document) -> str:
        """"new", "stored" (this content is in the store already) or "id taken" (another
        content is stored under this document's id: nothing is overwritten)."""
        digest = content_hash(document.text)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(documents.c.id, documents.c.content_hash).where(
                    (documents.c.content_hash == digest) | (documents.c.id == document.id)
                )
            ).all()
        if any(row.content_hash == digest for row in rows):
            return "stored"
        return "id taken" if rows else "new"

    def save(self, analysis: Analysis) -> None:
        """Store one document and its extractions in a single transaction."""
        doc = analysis.document
        try:
            self._save(analysis, doc)
        except IntegrityError as error:  # another run stored it between our check and now
            raise StoreError(f"{doc.file or doc.id}: already stored ({error.orig})") from error

    def _save(self, analysis: Analysis, doc: Document) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(documents).values(
                id=doc.id, content_hash=content_hash(doc.text), file=doc.file, url=doc.url,
                title=doc.title, outlet=doc.outlet, published=doc.published,
                language=doc.language, text=doc.text,
            ))
            analysis.rename_entities(self._known_elsewhere(conn, analysis.entities))
            self._save_entities(conn, analysis.entities)
            rows = self._rows(analysis)
            for table, table_rows in rows.items():
                if table_rows:
                    conn.execute(insert(table), table_rows)

    def _known_elsewhere(self, conn: Connection, found: list[Entity]) -> dict[str, str]:
        """New ids of entities the gazetteer does not know but another document does: the one
        stored entity of the same type whose fuller name fits ("Petraitis" joins "Jonas
        Petraitis"), never a guess between two ("Jonas" and "Petras Petraitis"). A full name
        never joins a stored surname: that surname may have been anyone's."""
        new_ids: dict[str, str] = {}
        for entity in found:
            if entity.known_as:
                continue
            rows = conn.execute(select(entities).where(
                (entities.c.type == entity.type) & (entities.c.name_key == name_key(entity))
            )).all()
            if any(row.id == entity.id for row in rows):
                continue
            fitting = [row for row in rows if names_match(entity.name, row.name, entity.type)
                       and len(row.name.split()) >= len(entity.name.split())]
            if len(fitting) != 1:
                continue
            new_ids[entity.id] = fitting[0].id
            if name_weight(entity.name) > name_weight(fitting[0].name):  # more diacritics
                conn.execute(update(entities).where(entities.c.id == fitting[0].id)
                             .values(name=entity.name))
        return new_ids

    def _save_entities(self, conn: Connection, found: list[Entity]) -> None:
        known = {
            row[0] for row in conn.execute(
                select(entities.c.id).where(entities.c.id.in_([e.id for e in found]))
            )
        }
        new = [{"id": e.id, "type": e.type, "name": e.name, "known_as": e.known_as,
                "identifiers": e.identifiers, "name_key": name_key(e)}
               for e in found if e.id not in known]
        if new:
            conn.execute(insert(entities), new)

    def _rows(self, analysis: Analysis) -> dict[Table, list[dict[str, Any]]]:
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
                      "args": e.args, "evidence_start": e.evidence.start,
                      "evidence_end": e.evidence.end} for e in analysis.events],
            timexes: [{"document_id": doc_id, "start": t.span.start, "end": t.span.end,
                       "text": t.text, "value": t.value, "kind": t.kind}
                      for t in analysis.timexes],
        }

    # -- reading ----------------------------------------------------------------------------
    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(select(documents.c.id).order_by(
                documents.c.published, documents.c.id))]

    def entity_rows(self) -> dict[str, dict[str, Any]]:
        with self.engine.connect() as conn:
            return {row.id: row._asdict() for row in conn.execute(select(entities))}

    def analyses(self) -> Iterator[Analysis]:
        for document_id in self.document_ids():
            yield self.load(document_id)

    def load(self, document_id: str) -> Analysis:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).one()
            document = Document(text=row.text, id=row.id, file=row.file, url=row.url,
                                title=row.title, outlet=row.outlet, published=row.published,
                                language=row.language)

            def rows(table: Table) -> list[Any]:
                return list(conn.execute(select(table).where(table.c.document_id == document_id)))

            mention_rows, quote_list = rows(mentions), [Quote(
                content=Span(q.content_start, q.content_end), kind=q.kind, speaker=q.speaker_id,
                speaker_text=q.speaker_text, source=_span(q.source), cue=_span(q.cue),
                medium=q.medium_id, relays=list(q.relays or []), date=q.date,
                confidence=q.confidence, parts=[Span(p["start"], p["end"]) for p in q.parts or []],
            ) for q in rows(quotes)]
            event_list = [Event(id=e.event_id, type=e.type, evidence=Span(e.evidence_start,
                                                                          e.evidence_end),
                                args=e.args or {}, date=e.date, date_text=e.date_text,
                                status=e.status, plover=e.plover) for e in rows(events)]
            # Every entity this document refers to: by mentions, as speaker, medium or relay,
            # or as an event's participant.
            referred = {m.entity_id for m in mention_rows}
            referred |= {i for q in quote_list for i in (q.speaker, q.medium, *q.relays) if i}
            referred |= {v for e in event_list for v in e.args.values() if isinstance(v, str)}
            by_entity = {
                info.id: Entity(info.id, info.type, info.name, known_as=info.known_as,
                                identifiers=info.identifiers or {})
                for info in conn.execute(select(entities).where(entities.c.id.in_(referred)))
            }
            for m in mention_rows:
                by_entity[m.entity_id].mentions.append(
                    Mention(Span(m.start, m.end), m.text, m.type, m.origin, m.entity_id))
            return Analysis(
                document=document,
                stories=[Story(Span(s.start, s.end), s.title, s.outlet) for s in rows(stories)],
                boilerplate=[Span(b.start, b.end) for b in rows(boilerplate)],
                entities=sorted(by_entity.values(),
                                key=lambda e: e.mentions[0].span if e.mentions else Span(0, 0)),
                quotes=quote_list,
                events=event_list,
                timexes=[Timex(Span(t.start, t.end), t.text, t.value, t.kind)
                         for t in rows(timexes)],
            )
