"""Rows written and read in bulk (store/bulk.py): on SQLite the driver is handed statements
compiled once and values converted by SQLAlchemy's own bind processors, so what is stored must
be byte for byte what SQLAlchemy's executemany stores, and what is read what its query reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update

from newstrace.store import Store
from newstrace.store.bulk import execute_many, insert_rows, select_in
from newstrace.store.schema import (
    document_signatures,
    documents,
    entities,
    entity_counts,
    quotes,
    value_counts,
)

DOCUMENTS = [
    {"id": f"d{n}", "content_hash": f"h{n}", "file": None, "url": "https://x.example/a",
     "title": "Café ½ “quoted”", "outlet": None, "published": day, "language": "en",
     "text": "Text\n\twith ‘marks’ and \u00e9.", "source_kind": "text", "source": None,
     "author": None}
    for n, day in enumerate([date(2026, 3, 2), None, date(1999, 12, 31)])]
QUOTES = [
    {"document_id": "d0", "speaker_id": None, "speaker_text": "the minister", "kind": "direct",
     "content_start": 3, "content_end": 9, "source": None, "cue": {"start": 1, "end": 2},
     "medium_id": None, "relays": [], "date": None, "confidence": 0.875,
     "parts": [{"start": 3, "end": 9}]},
    {"document_id": "d1", "speaker_id": "ent_1", "speaker_text": None, "kind": "indirect",
     "content_start": 0, "content_end": 1, "source": {"start": 0, "end": 1}, "cue": None,
     "medium_id": "ent_2", "relays": ["ent_3", "ent_4"], "date": "2026-03-02",
     "confidence": None, "parts": []},
]
ENTITIES = [
    {"id": "ent_1", "type": "PERSON", "name": "Dovilė Šakalienė", "known_as": None,
     "identifiers": None, "name_key": "SKLN"},
    {"id": "ent_2", "type": "ORG", "name": "Reuters", "known_as": "Reuters",
     "identifiers": {"wikidata": "Q130879"}, "name_key": "RTRS"},
]
SIGNATURES = [{"document_id": "d0", "shingles": 3, "signature": bytes(range(256)) * 2},
              {"document_id": "d1", "shingles": 0, "signature": b""}]
COUNTS = [{"entity_id": "ent_1", "type": "PERSON", "documents": 2, "mentions": 5,
           "mention_documents": 2, "statements": 1, "statement_documents": 1},
          {"entity_id": "ent_2", "type": "ORG", "documents": 1, "mentions": 1,
           "mention_documents": 1, "statements": 0, "statement_documents": 0}]


def stored_as_is(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables written, as the database holds it (the driver's values)."""
    with store.engine.connect() as conn:
        return {table: sorted(conn.exec_driver_sql(f"SELECT * FROM {table}").all(), key=repr)
                for table in ("documents", "quotes", "entities", "document_signatures",
                              "entity_counts")}


def test_rows_written_in_bulk_are_stored_as_sqlalchemy_stores_them(tmp_path: Path) -> None:
    ours, theirs = Store(str(tmp_path / "ours.db")), Store(str(tmp_path / "theirs.db"))
    tables = [(documents, DOCUMENTS), (entities, ENTITIES), (quotes, QUOTES),
              (document_signatures, SIGNATURES), (entity_counts, COUNTS)]
    renames = [{"entity_id": "ent_1", "better_name": "Dovilė Šakalienė MP"}]
    changed = [{"key": "ent_2", "documents": 3, "mentions": 4, "mention_documents": 3,
                "statements": 2, "statement_documents": 1}]
    counted = ("documents", "mentions", "mention_documents", "statements",
               "statement_documents")
    with ours.writing() as conn:
        for table, rows in tables:
            insert_rows(conn, table, rows)
        execute_many(conn, ("rename",), lambda: update(entities).where(
            entities.c.id == bindparam("entity_id")).values(name=bindparam("better_name")),
            renames)
        execute_many(conn, ("counts",), lambda: update(entity_counts).where(
            entity_counts.c.entity_id == bindparam("key")).values(
            {name: bindparam(name) for name in counted}), changed)
    with theirs.writing() as conn:
        for table, rows in tables:
            conn.execute(insert(table), rows)
        conn.execute(update(entities).where(entities.c.id == bindparam("entity_id"))
                     .values(name=bindparam("better_name")), renames)
        conn.execute(update(entity_counts).where(entity_counts.c.entity_id == bindparam("key"))
                     .values({name: bindparam(name) for name in counted}), changed)
    assert stored_as_is(ours) == stored_as_is(theirs)
    assert ours.load("d0").quotes == theirs.load("d0").quotes
    assert ours.load("d1").quotes == theirs.load("d1").quotes


def test_rows_read_in_bulk_are_the_rows_a_query_reads(db_store: Store) -> None:
    """On SQLite and PostgreSQL alike."""
    values = [{"kind": kind, "value": value, "detail": detail, "folded": value.lower(),
               "uses": uses}
              for uses, (kind, value, detail) in enumerate([
                  ("name", "ent_1", "Dovilė"), ("alias", "ent_1", "Šakalienė"),
                  ("speaker", "The Minister", ""), ("outlet", "BBC", ""),
                  ("name", "ent_2", "Reuters")], start=1)]
    with db_store.writing() as conn:
        insert_rows(conn, value_counts, values)
        insert_rows(conn, entities, ENTITIES)
        found = select_in(conn, (value_counts.c.kind, value_counts.c.value,
                                 value_counts.c.detail, value_counts.c.uses),
                          (value_counts.c.kind, ["name", "speaker"]),
                          (value_counts.c.value, ["ent_1", "The Minister", "nobody"]))
        expected = conn.execute(select(value_counts.c.kind, value_counts.c.value,
                                       value_counts.c.detail, value_counts.c.uses).where(
            value_counts.c.kind.in_(["name", "speaker"]),
            value_counts.c.value.in_(["ent_1", "The Minister", "nobody"]))).all()
        assert sorted(found) == sorted(tuple(row) for row in expected) == [
            ("name", "ent_1", "Dovilė", 1), ("speaker", "The Minister", "", 3)]
        assert select_in(conn, (entities.c.id, entities.c.name),
                         (entities.c.id, ["ent_2", "ent_9"])) == [("ent_2", "Reuters")]
        assert select_in(conn, (entities.c.id,), (entities.c.id, [])) == []
        assert conn.execute(text("SELECT count(*) FROM value_counts")).scalar() == 5


def test_a_writing_connection_keeps_a_larger_page_cache(tmp_path: Path) -> None:
    """A run's transactions touch pages all over the indexes: the writer's connection keeps
    WRITER_CACHE_KIB of them from one transaction to the next (SQLite's default is 2 MB)."""
    from newstrace.store.store import WRITER_CACHE_KIB

    store = Store(str(tmp_path / "cache.db"))
    with store.writing() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -WRITER_CACHE_KIB
