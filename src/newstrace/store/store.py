"""The Store: documents and their extractions saved, loaded, searched and deleted through
SQLAlchemy Core, SQLite by default (a file path), PostgreSQL by URL (docs/storage.md).

Each document is saved in one transaction with everything extracted from it, or a run's
documents a few at a time in one (`Store.saving`), so a crash loses at most the documents in
flight and never leaves half a document stored.
The store only stores: which stored entity a new one is (cross-document linking) is decided
in `newstrace.resolve.crossdoc`, inside the saving transaction when `save` is given the
linker, so that two runs writing at once link as one run after the other would.

Several processes may write one SQLite file at once: a writer waits for the lock (up to
`SQLITE_BUSY_SECONDS`) instead of failing, takes it before its first read (BEGIN
IMMEDIATE), and readers go on beside it (write-ahead log). PostgreSQL writers take turns
the same way, by an advisory lock taken at the start of each writing transaction.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import URL, Table, create_engine, event, insert, select, update
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
from newstrace.resolve.copies import CopyLink, Report, Signed
from newstrace.store import counts, groups
from newstrace.store import search as full_text
from newstrace.store.bulk import insert_rows
from newstrace.store.connections import reading_connection
from newstrace.store.counts import argument_strings
from newstrace.store.deleting import delete_document
from newstrace.store.migrations import bring_up_to_date
from newstrace.store.saving import (
    Linker,
    Saving,
    content_hash,
    copy_rows,
    keyed_entities,
    stored_reports,
)
from newstrace.store.schema import (
    boilerplate,
    document_copies,
    document_signatures,
    documents,
    entities,
    events,
    mentions,
    meta,
    metadata,
    quotes,
    stories,
    timexes,
)
from newstrace.store.urls import database_url, shown_db, without_password

DEFAULT_DB = "newstrace.db"
# How long a SQLite writer waits for another process's transaction to end. A document's
# transaction takes milliseconds; a minute covers a slow disk and a crowded machine.
SQLITE_BUSY_SECONDS = 60.0
# The page cache of a connection that has written (KiB; SQLite's default is 2,000): a run's
# transactions insert rows all over the indexes (entity ids, name keys, counted values),
# and pages kept from one transaction to the next are not read again (WAL mode keeps them
# while no other process writes). 64 MB holds the pages a store of some 3,000 news stories
# is made of; only pages read take memory.
WRITER_CACHE_KIB = 65536
# How often a document's transaction is tried again when another writer stored one of its
# rows (an entity with the same id) between our reads and our writes (PostgreSQL; SQLite
# writers take turns).
SAVE_ATTEMPTS = 3
# Names the advisory lock PostgreSQL writers take turns by (with the schema's name).
WRITER_LOCK = "newstrace writer:"
# The key (in newstrace_meta) of the count of changes to what is stored: one more a document
# stored or deleted, and one a stored document's copies linked later (`save_copies`), kept in
# the transaction that makes the change, so the HTTP server's answers can say which state
# they show (an ETag) without reading it.
GENERATION = "generation"


def engine_for(db: str) -> Engine:
    url = database_url(db)
    if url.get_backend_name() == "postgresql":
        return _postgresql_engine(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions begin as _begin says
        if url.database not in (None, "", ":memory:"):
            _write_ahead_log(dbapi_connection)
            # A commit waits for no disk flush: what a killed process committed is in the
            # log all the same; a power cut may take back the last commits, never half of
            # one (SQLite's WAL with synchronous NORMAL).
            dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the lock before it reads, so no other writer commits between
        # what it read and what it writes; SQLite could not wait for that lock later.
        writing = conn.get_execution_options().get("writing", False)
        if writing and not conn.connection.info.get("writer cache"):
            conn.exec_driver_sql(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
            conn.connection.info["writer cache"] = True
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def _write_ahead_log(dbapi_connection: sqlite3.Connection) -> None:
    """Put the database in WAL mode, waiting for another process that holds a lock. Two
    processes opening a new file at once can find it still in rollback mode with the other's
    lock on it; SQLite then answers "locked" at once (its busy wait would deadlock on the
    upgrade), so the switch is tried again here for as long as a writer would wait, in all:
    each try's own busy wait lasts only what is left."""
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    try:
        while True:
            left_ms = max(int((deadline - time.monotonic()) * 1000), 0)
            dbapi_connection.execute(f"PRAGMA busy_timeout={left_ms}")
            try:
                dbapi_connection.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_SECONDS * 1000)}")


def _postgresql_engine(url: URL) -> Engine:
    engine = create_engine(url)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take turns as on SQLite: the first statement of a writing transaction
        # waits for a lock held until its commit, so what a writer reads (the stored
        # entities it links to) includes everything the writer before it committed. The
        # lock is one per schema: two stores in one database's schemas do not wait.
        if conn.get_execution_options().get("writing", False):
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext("
                                 f"'{WRITER_LOCK}' || current_schema()))")

    return engine


def _count_change(conn: Connection, changes: int = 1) -> None:
    """More changes to what is stored (one a document stored or deleted), in the writing
    transaction that makes them (writers take turns, so no two read the same count)."""
    count = conn.execute(select(meta.c.value).where(meta.c.key == GENERATION)).scalar()
    if count is None:
        conn.execute(insert(meta).values(key=GENERATION, value=str(changes)))
    else:
        conn.execute(update(meta).where(meta.c.key == GENERATION)
                     .values(value=str(int(count) + changes)))


def _span(raw: Any) -> Span | None:
    return Span(raw["start"], raw["end"]) if raw else None


class Store:
    def __init__(self, db: str = DEFAULT_DB):
        self.db = db
        try:
            self.engine = engine_for(db)
            with self.writing() as conn:  # two runs opening a new database make it once
                metadata.create_all(conn)
                bring_up_to_date(conn, self.db)
        # Never the password: neither the URL as given nor a driver's words repeat it.
        except SQLAlchemyError as error:
            raise StoreError(without_password(f"{db}: cannot open the database: {error}",
                                              db)) from error
        except StoreError as error:
            raise StoreError(without_password(str(error), db)) from error

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A transaction that writes: committed at the end, rolled back on any error."""
        with self.engine.connect() as conn:
            conn.execution_options(writing=True)
            with conn.begin():
                yield conn

    # -- writing ----------------------------------------------------------------------------
    def standing(self, document: Document) -> str:
        """"new", "stored" (this content is in the store already) or "id taken" (another
        content is stored under this document's id: nothing is overwritten)."""
        return self.standings([document])[0]

    def standings(self, found: Sequence[Document]) -> list[str]:
        """`standing` of each document, read in a query for them all (one per
        `counts.CHUNK` documents)."""
        digests = [content_hash(document.text) for document in found]
        stored_ids: set[str] = set()
        stored_hashes: set[str] = set()
        with self.engine.connect() as conn:
            for at in range(0, len(found), counts.CHUNK):
                ids = [document.id for document in found[at:at + counts.CHUNK]]
                for row in conn.execute(select(documents.c.id,
                                               documents.c.content_hash).where(
                        documents.c.content_hash.in_(digests[at:at + counts.CHUNK])
                        | documents.c.id.in_(ids))):
                    stored_ids.add(row.id)
                    stored_hashes.add(row.content_hash)
        return ["stored" if digest in stored_hashes else
                "id taken" if document.id in stored_ids else "new"
                for document, digest in zip(found, digests, strict=True)]

    def save(self, analysis: Analysis, better_names: dict[str, str] | None = None,
             link: Linker | None = None, copies: Signed | None = None) -> bool:
        """Store one document and its extractions in a single transaction; ``better_names``
        gives stored entities (by id) the fuller spelling this document found for them, or
        ``link`` finds them (and the stored ids of this document's entities) in the same
        transaction; ``copies`` are its wire-copy signature and links, stored with it. False
        when another run stored the same content first: nothing saved."""
        self.check(analysis.document)
        clash: IntegrityError | None = None
        for _ in range(SAVE_ATTEMPTS):
            try:
                with self.saving() as saving:
                    return saving.save(analysis, better_names, link, copies)
            except IntegrityError as error:  # another writer stored a row of ours first
                clash = error
        doc = analysis.document
        raise StoreError(f"{doc.file or doc.id}: cannot be stored beside another run's rows "
                         f"({clash.orig if clash else ''})") from clash

    @staticmethod
    def check(doc: Document) -> None:
        """StoreError when a field of the document is one no database stores."""
        for name in ("text", "id", "file", "url", "title", "outlet", "author", "source"):
            value = getattr(doc, name) or ""
            where = (doc.file or doc.id).encode("utf-8", "backslashreplace").decode()
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:  # a lone surrogate, from a JSON "\ud800"
                raise StoreError(f"{where}: character {error.start} of the "
                                 f"{name} ({error.object[error.start]!a}) has no UTF-8 form; "
                                 "no database can store it") from error
            if "\x00" in value:  # the readers give U+FFFD for it (see ingest.inputs)
                raise StoreError(f"{where}: character {value.index(chr(0))} of the {name} "
                                 "is a NUL ('\\x00'), which PostgreSQL cannot store; "
                                 "replace it (with U+FFFD, as newstrace's readers do)")

    @contextmanager
    def saving(self) -> Iterator[Saving]:
        """A writing transaction that stores documents one after another (`Saving.save`),
        committed at the end: one commit, their rows written a table at a time, and the
        counts (store/counts.py) brought up to date once, for all of them. An error rolls
        all of them back."""
        with self.writing() as conn:
            saving = Saving(conn)
            yield saving
            saving.flush()
            if saving.stored:
                # their statements joined later, many documents at once (`settle_groups`)
                groups.mark(conn, [stored.id for stored in saving.stored])
                counts.add(conn, saving.stored)
                _count_change(conn, len(saving.stored))

    def settle_groups(self) -> int:
        """Join the quotes and copy links of every document stored (or linked) since the
        last settling into their statements (store/groups.py), `groups.SETTLE_AT_ONCE`
        documents a transaction; how many documents were settled. A transaction that merged
        statements counts one change (`generation`): the pages show them otherwise now.
        `newstrace ingest`, `batch` and the HTTP server's ingest call it when a run ends
        (`pipeline.store_analyses`), so it also settles what a killed run left, and a run
        with workers whenever its writer waits for them."""
        settled = 0
        while True:
            with self.writing() as conn:
                count, merged = groups.settle(conn, groups.SETTLE_AT_ONCE)
                if merged:
                    _count_change(conn)
            settled += count
            if count < groups.SETTLE_AT_ONCE:
                return settled

    # -- deleting ---------------------------------------------------------------------------
    def delete(self, document_id: str) -> None:
        """Take a document out with all it contributed, in one transaction (see
        `store.deleting`); StoreError for an id not stored."""
        with self.writing() as conn:
            if not delete_document(conn, document_id):
                raise StoreError(f"no document {document_id!r} in {shown_db(self.db)}")
            _count_change(conn)

    # -- wire copy: signatures and links (see resolve/copies.py) ------------------------------
    def signatures(self) -> Iterator[tuple[str, bytes, int]]:
        """Each stored document's signature and shingle count (documents without words have
        none to index)."""
        with self.engine.connect() as conn:
            for row in conn.execute(
                    select(document_signatures.c.document_id, document_signatures.c.signature,
                           document_signatures.c.shingles)
                    .where(document_signatures.c.shingles > 0)
                    .order_by(document_signatures.c.seq)):
                yield row.document_id, row.signature, row.shingles

    def unsigned_documents(self) -> list[str]:
        """Documents stored without a signature (before wire copy was looked for)."""
        with self.engine.connect() as conn:
            signed = select(document_signatures.c.document_id)
            return [row[0] for row in conn.execute(
                select(documents.c.id).where(documents.c.id.not_in(signed))
                .order_by(documents.c.published.asc().nulls_first(), documents.c.id))]

    def reports(self, document_ids: list[str]) -> dict[str, Report]:
        """The documents' texts, boilerplate, publication days and stored order."""
        if not document_ids:
            return {}
        with self.engine.connect() as conn:
            return stored_reports(conn, document_ids)

    def save_copies(self, document_id: str, signature: bytes, shingle_count: int,
                    links: list[CopyLink]) -> None:
        """Store a document's signature and links, once: a run that started while this one
        stored the document may have linked it already (see WireCopies)."""
        try:
            with self.writing() as conn:
                self._save_copies(conn, document_id, signature, shingle_count, links)
                # its quotes' rows now know its place in the stored order (its statements'
                # reports are ordered by it)
                groups.place_rows(conn, [document_id])
                # the statements its links join: joined later (`settle_groups`)
                groups.mark(conn, [document_id], new=False)
                _count_change(conn)
        except IntegrityError:
            return

    @staticmethod
    def _save_copies(conn: Connection, document_id: str, signature: bytes, shingle_count: int,
                     links: list[CopyLink]) -> None:
        conn.execute(insert(document_signatures).values(
            document_id=document_id, shingles=shingle_count, signature=signature))
        insert_rows(conn, document_copies, copy_rows(links))

    def copy_links(self) -> list[CopyLink]:
        with reading_connection(self) as conn:
            return [CopyLink(row.document_id, row.copy_of_id, row.similarity, row.containment)
                    for row in conn.execute(select(document_copies))]

    def stored_order(self) -> dict[str, int]:
        """Each document's place in the order documents were stored (ties of first report)."""
        with reading_connection(self) as conn:
            return {row.document_id: row.seq for row in conn.execute(
                select(document_signatures.c.document_id, document_signatures.c.seq))}

    # -- reading ----------------------------------------------------------------------------
    def generation(self) -> int:
        """How many times what is stored has changed (0: never, or only before this count
        was kept); read before an answer, it names the state the answer shows or a later one.
        One statement on a pooled driver connection: a server asks before every answer, and a
        SQLAlchemy connection with its transaction costs thirty times more."""
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(f"SELECT value FROM {meta.name} WHERE key = '{GENERATION}'")
            row = cursor.fetchone()
            cursor.close()
        finally:
            connection.close()  # back to the pool
        return int(row[0]) if row else 0

    def document_ids(self) -> list[str]:
        with reading_connection(self) as conn:
            # undated first on either database (PostgreSQL would put NULL last)
            return [row[0] for row in conn.execute(select(documents.c.id).order_by(
                documents.c.published.asc().nulls_first(), documents.c.id))]

    def entity_rows(self) -> dict[str, dict[str, Any]]:
        with self.engine.connect() as conn:
            return {row.id: row._asdict() for row in conn.execute(select(entities))}

    def entities_keyed(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], list[Entity]]:
        """The stored entities under each (type, name key) asked for (see
        `resolve.names.name_key`), in one query."""
        with self.engine.connect() as conn:
            return keyed_entities(conn, keys)

    def search(self, query: str, limit: int = 20, offset: int = 0,
               kind: str | None = None) -> list[dict[str, Any]]:
        """Documents and statements holding the words of ``query`` (and its "quoted
        phrases"), case and accents ignored, best first: see `store.search.search`."""
        with reading_connection(self) as conn:
            return full_text.search(conn, query, limit, offset, kind)

    def analyses(self) -> Iterator[Analysis]:
        for document_id in self.document_ids():
            yield self.load(document_id)

    def load(self, document_id: str) -> Analysis:
        with reading_connection(self) as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).one()
            document = Document(text=row.text, id=row.id, file=row.file, url=row.url,
                                title=row.title, outlet=row.outlet, published=row.published,
                                language=row.language, source_kind=row.source_kind or "text",
                                source=row.source, author=row.author)

            def rows(table: Table) -> list[Any]:
                return list(conn.execute(select(table).where(table.c.document_id == document_id)))

            mention_rows, quote_list = rows(mentions), [Quote(
                content=Span(q.content_start, q.content_end), kind=q.kind, speaker=q.speaker_id,
                speaker_text=q.speaker_text, source=_span(q.source), cue=_span(q.cue),
                medium=q.medium_id, relays=list(q.relays or []), date=q.date,
                confidence=q.confidence, parts=[Span(p["start"], p["end"]) for p in q.parts or []],
            ) for q in rows(quotes)]
            event_rows = list(conn.execute(select(events).where(
                events.c.document_id == document_id).order_by(events.c.id)))
            # Every entity this document refers to: by mentions, as speaker, medium or relay,
            # or as an event's participant (an argument may also be a phrase: no entity).
            referred = {m.entity_id for m in mention_rows}
            referred |= {i for q in quote_list for i in (q.speaker, q.medium, *q.relays) if i}
            for e in event_rows:
                referred |= argument_strings(e.args)
            by_entity = {
                info.id: Entity(info.id, info.type, info.name, known_as=info.known_as,
                                identifiers=info.identifiers or {})
                for info in conn.execute(select(entities).where(entities.c.id.in_(referred)))
            }
            for m in mention_rows:
                by_entity[m.entity_id].mentions.append(
                    Mention(Span(m.start, m.end), m.text, m.type, m.origin, m.entity_id))
            # Stored arguments are written as exported (role -> id or literal): an entity
            # id of this document is a participant, any other string a phrase.
            event_list, known = [], set(by_entity)
            for e in event_rows:
                event = Event(id=e.event_id, type=e.type,
                              evidence=Span(e.evidence_start, e.evidence_end), date=e.date,
                              date_text=e.date_text, status=e.status, plover=e.plover,
                              step=e.step)
                for role, value in (e.args or {}).items():
                    event.put(role, value, known)
                event_list.append(event)
            copy_rows = conn.execute(select(document_copies).where(
                (document_copies.c.document_id == document_id)
                | (document_copies.c.copy_of_id == document_id))).all()
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
                copy_of=sorted(c.copy_of_id for c in copy_rows if c.document_id == document_id),
                copied_by=sorted(c.document_id for c in copy_rows
                                 if c.copy_of_id == document_id),
            )
