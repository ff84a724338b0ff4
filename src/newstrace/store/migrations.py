"""Schema versions: a new database is stamped with the current one, an older one is brought
up to it step by step, a newer one is refused."""

from __future__ import annotations

from sqlalchemy import Index, bindparam, insert, inspect, select, update
from sqlalchemy.engine import Connection

from newstrace.errors import StoreError
from newstrace.resolve.names import KEY_VERSION, name_key
from newstrace.store import counts, groups
from newstrace.store.schema import (
    GROUP_QUOTES,
    OUTLET_DAYS,
    VIEW_INDEXES,
    entities,
    events,
    meta,
)
from newstrace.store.search import index_stored

SCHEMA_VERSION = 13
# Columns a version added to an existing table: version -> (table, column, SQL type). A table
# that create_all has just made new already has them.
ADDED_COLUMNS: dict[int, list[tuple[str, str, str]]] = {
    2: [("entities", "name_key", "VARCHAR(120)")],
    3: [("quotes", "parts", "JSON")],
    4: [("events", "step", "VARCHAR(16)")],
    6: [("documents", "source_kind", "VARCHAR(8)"), ("documents", "source", "TEXT"),
        ("documents", "author", "TEXT")],
    13: [("statement_groups", "published", "DATE"), ("statement_groups", "seq", "INTEGER"),
         ("statement_groups", "outlet", "TEXT")],
}


def index_sql(index: Index) -> str:
    """The statement that makes an index of a table older stores already have."""
    return (f"CREATE INDEX IF NOT EXISTS {index.name} ON {index.table.name} "  # type: ignore[union-attr]
            f"({', '.join(column.name for column in index.columns)})")


# Other statements that bring a database from the version before to the key's version (new
# tables need none: create_all makes them).
MIGRATIONS: dict[int, list[str]] = {
    2: ["CREATE INDEX IF NOT EXISTS ix_entities_name_key ON entities (name_key)"],
    7: [index_sql(index) for index in VIEW_INDEXES],
    # The count tables are new (create_all makes them with their indexes).
    8: [index_sql(OUTLET_DAYS)],
    12: ["CREATE INDEX IF NOT EXISTS ix_statement_groups_group_quote ON statement_groups "
         "(group_id, document_id, content_start, content_end, speaker)"],
    # version 12's index of a group's keys, with its rows' new columns (schema.GROUP_QUOTES)
    13: ["DROP INDEX IF EXISTS ix_statement_groups_group_quote", index_sql(GROUP_QUOTES)],
}


def number_events(conn: Connection) -> None:
    """Give stored event reports their ``id`` in the order they were stored: a new column
    on PostgreSQL (numbered in the table's order), a table made anew on SQLite (its rowid,
    since SQLite numbers rows only through the primary key it is made with)."""
    if "id" in {c["name"] for c in inspect(conn).get_columns("events")}:
        return
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN id SERIAL PRIMARY KEY")
        return
    conn.exec_driver_sql("ALTER TABLE events RENAME TO events_before_8")
    for index in inspect(conn).get_indexes("events_before_8"):
        conn.exec_driver_sql(f"DROP INDEX {index['name']}")
    events.create(conn)
    columns = ", ".join(f'"{c.name}"' for c in events.columns if c.name != "id")
    conn.exec_driver_sql(f"INSERT INTO events (id, {columns}) "
                         f"SELECT rowid, {columns} FROM events_before_8 ORDER BY rowid")
    conn.exec_driver_sql("DROP TABLE events_before_8")


def rekey_entities(conn: Connection) -> None:
    """Every stored entity under the key the current `name_key` gives it (only those whose
    key changed are written)."""
    rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.type,
                               entities.c.name_key)).all()
    changed = [{"entity_id": id_, "key": key} for id_, name, type_, stored in rows
               if (key := name_key(name, type_)) != stored]
    rekey = update(entities).where(entities.c.id == bindparam("entity_id")) \
        .values(name_key=bindparam("key"))
    for at in range(0, len(changed), 1000):
        conn.execute(rekey, changed[at:at + 1000])


def bring_up_to_date(conn: Connection, db: str) -> None:
    """Stamp a new database, migrate an older one, refuse one newer than this newstrace."""
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    if row is None:
        conn.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
        conn.execute(insert(meta).values(key="name_key_version", value=str(KEY_VERSION)))
        return
    version = int(row[0])
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{db}: schema version {version} is newer than this newstrace "
            f"({SCHEMA_VERSION}); upgrade newstrace"
        )
    for step in range(version + 1, SCHEMA_VERSION + 1):
        for table, column, sql_type in ADDED_COLUMNS.get(step, []):
            if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
                conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")
        for statement in MIGRATIONS.get(step, []):
            conn.exec_driver_sql(statement)
    # Names keyed by an older `name_key` (before version 5 by their spelling, since by their
    # sound, the convention of each language growing) are keyed anew. Version 9 records the
    # keys' version, so a newstrace from before it cannot write old keys beside the new.
    key_version = conn.execute(select(meta.c.value)
                               .where(meta.c.key == "name_key_version")).scalar()
    if key_version is not None and int(key_version) > KEY_VERSION:
        raise StoreError(f"{db}: its names are keyed by a newer newstrace (name keys "
                         f"{key_version}, this one {KEY_VERSION}); upgrade newstrace")
    if key_version != str(KEY_VERSION):
        rekey_entities(conn)
        if key_version is None:
            conn.execute(insert(meta).values(key="name_key_version", value=str(KEY_VERSION)))
        else:
            conn.execute(update(meta).where(meta.c.key == "name_key_version")
                         .values(value=str(KEY_VERSION)))
    # Version 7 searches the full text: the index (made with its table) gains what is stored.
    if version < 7:
        index_stored(conn)
    # Version 8 numbers event reports in the order stored and keeps counts as documents
    # come and go (both made once for what is stored), and hashes the speakers' index on
    # PostgreSQL (see schema.VIEW_INDEXES).
    if version < 8:
        number_events(conn)
        counts.recount(conn)
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP INDEX IF EXISTS ix_quotes_speaker_text")
            conn.exec_driver_sql("CREATE INDEX ix_quotes_speaker_text ON quotes "
                                 "USING hash (speaker_text)")
    # Version 10 keeps each quote's statement (store/groups.py): grouped once for what is
    # stored (the table is new: create_all made it).
    if version < 10:
        groups.fill(conn)
    # Version 12 finds the quotes a new one joins by their word pairs: the index (a new table)
    # made once from the kept rows.
    elif version < 12:
        groups.index_pairs(conn)
    # Version 13 orders and counts a statement's reports from its rows: each row's copy of
    # its document's day, outlet and stored place (new columns) filled once.
    if 10 <= version < 13:
        groups.place_rows(conn)
    # Version 11 joins statements when a run ends, not as each document is stored: the
    # documents still to join are marked in a table of their own (new: create_all made it),
    # which a newstrace before it would not know to keep or to clear when deleting.
    conn.execute(update(meta).where(meta.c.key == "schema_version")
                 .values(value=str(SCHEMA_VERSION)))
