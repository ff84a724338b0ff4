"""The tables: one row per document, per global entity, and per extraction of a document.

Entities are global rows (one per real-world entity id) shared by every document; every
other table hangs off a document.
"""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    JSON,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    event,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

metadata = MetaData()

meta = Table("newstrace_meta", metadata, Column("key", String(40), primary_key=True),
             Column("value", String(200)))
documents = Table(
    "documents", metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("file", Text), Column("url", Text), Column("title", Text), Column("outlet", Text),
    Column("published", Date), Column("language", String(8)), Column("text", Text, nullable=False),
    # What the document was read from (text, html, rss ...), the raw input when its text was
    # extracted from one (a web page), and the author the input names.
    Column("source_kind", String(8)), Column("source", Text), Column("author", Text),
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
    # The order reports were stored in (a document's in the extractor's order), version 8.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("event_id", String(40), index=True, nullable=False),
    Column("type", String(40)), Column("date", String(32)), Column("date_text", Text),
    Column("status", String(16)), Column("plover", String(40)), Column("args", JSON),
    Column("evidence_start", Integer), Column("evidence_end", Integer), Column("step", String(16)),
)
timexes = Table(
    "timexes", metadata,
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("start", Integer), Column("end", Integer), Column("text", Text),
    Column("value", String(40)), Column("kind", String(12)),
)
# Wire copy (resolve/copies.py): each document's MinHash signature, in the order documents were
# stored (seq breaks a tie of publication days: the one stored first is the first report).
document_signatures = Table(
    "document_signatures", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("document_id", ForeignKey("documents.id"), unique=True, nullable=False),
    Column("shingles", Integer, nullable=False), Column("signature", LargeBinary, nullable=False),
)
# A document and the one it republishes: copy_of_id is always the first report of the two.
document_copies = Table(
    "document_copies", metadata,
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("copy_of_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("similarity", Float), Column("containment", Float),
)
# Full-text search (store/search.py): a row per document and per statement, with the span it
# covers and the speaker's name as indexed. Its words are in the FTS5 table search_text under
# the same id (SQLite), or in its own tsvector column with a GIN index (PostgreSQL).
search_rows = Table(
    "search_rows", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("document_id", ForeignKey("documents.id"), index=True, nullable=False),
    Column("kind", String(12), nullable=False), Column("start", Integer), Column("end", Integer),
    Column("speaker", Text), Column("terms", Text().with_variant(TSVECTOR(), "postgresql")),
)
event.listen(search_rows, "after_create", DDL(
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(title, body, content='')"
).execute_if(dialect="sqlite"))
event.listen(search_rows, "after_create", DDL(
    "CREATE INDEX IF NOT EXISTS ix_search_rows_terms ON search_rows USING GIN (terms)"
).execute_if(dialect="postgresql"))

# What the views filter and order by (store/reading.py), version 7: documents in reading
# order and by outlet; statements in a document's order, by speaker text, date and medium;
# an entity's mentions by document and offset; events by type, date, status and PLOVER.
VIEW_INDEXES = (
    Index("ix_documents_published_id", documents.c.published, documents.c.id),
    Index("ix_documents_outlet", documents.c.outlet),
    Index("ix_quotes_document_content", quotes.c.document_id, quotes.c.content_start,
          quotes.c.content_end),
    # Hashed on PostgreSQL, whose B-tree refuses a key over about 2,700 bytes (a speaker
    # read as a whole paragraph); the views only look a speaker up by equality.
    Index("ix_quotes_speaker_text", quotes.c.speaker_text, postgresql_using="hash"),
    Index("ix_quotes_date", quotes.c.date),
    Index("ix_quotes_medium_id", quotes.c.medium_id),
    Index("ix_mentions_entity_document_start", mentions.c.entity_id, mentions.c.document_id,
          mentions.c.start),
    Index("ix_events_type", events.c.type),
    Index("ix_events_date", events.c.date),
    Index("ix_events_status", events.c.status),
    Index("ix_events_plover", events.c.plover),
)

# Counts kept up to date as documents are stored and deleted (store/counts.py), version 8,
# so rankings, the summary and name filters cost the same at any size of the store. Per
# entity: the documents referring to it in any way, its mentions and the documents that
# mention it, its statements (as speaker) and the documents that hold them.
entity_counts = Table(
    "entity_counts", metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("documents", Integer, nullable=False), Column("mentions", Integer, nullable=False),
    Column("mention_documents", Integer, nullable=False),
    Column("statements", Integer, nullable=False),
    Column("statement_documents", Integer, nullable=False),
)
# Each distinct value a filter or a ranking looks at, with how often it is used
# (store/counts.py lists the kinds): an entity's ways of being written (``alias``: its id
# and the words as written) and its stored name, speakers as written, outlets, dates of
# statements and of events, events (id and type) with their reports, event and entity
# types, and the store's totals. ``folded`` is what a name filter matches (resolve.names.fold).
value_counts = Table(
    "value_counts", metadata,
    Column("kind", String(20), primary_key=True), Column("value", Text, primary_key=True),
    Column("detail", Text, primary_key=True), Column("folded", Text, nullable=False),
    Column("uses", Integer, nullable=False),
)
# Every document that refers to an entity, in any way (mention, speaker, medium, relay,
# event participant): an entity's documents from an index, never from a scan of JSON.
entity_documents = Table(
    "entity_documents", metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("document_id", String(200), primary_key=True, index=True),
)
COUNT_INDEXES = (
    Index("ix_entity_counts_mentions", entity_counts.c.mentions.desc(), entity_counts.c.entity_id),
    Index("ix_entity_counts_type_mentions", entity_counts.c.type, entity_counts.c.mentions.desc()),
    Index("ix_entity_counts_statements", entity_counts.c.statements.desc()),
    Index("ix_value_counts_uses", value_counts.c.kind, value_counts.c.uses.desc()),
)
# An outlet's first and last report, version 8.
OUTLET_DAYS = Index("ix_documents_outlet_published", documents.c.outlet, documents.c.published)
# Each stored quote's statement (store/groups.py), version 10: the quotes one fact of the spread
# view gathers share a group, kept up to date as documents are settled after a run stores them
# or links them as copies (version 11: `statement_groups_pending` until then) and as they are
# deleted. A quote is keyed as the spread view keys it: its document, span and speaker entity
# ('' for none); ``words`` are its words as statements compare them (folded, by spaces).
statement_groups = Table(
    "statement_groups", metadata,
    Column("document_id", ForeignKey("documents.id"), primary_key=True),
    Column("content_start", Integer, primary_key=True),
    Column("content_end", Integer, primary_key=True),
    Column("speaker", String(40), primary_key=True),
    Column("words", Text, nullable=False),
    Column("group_id", Integer, nullable=False, index=True),
    # version 13: where the quote's document stands among a statement's reports (its day,
    # then the order documents were stored) and its outlet, copied from the document (which
    # never changes them) and its signature, so a page orders and counts a statement's
    # reports from the index below without reading its quotes (views/spread.py)
    Column("published", Date), Column("seq", Integer), Column("outlet", Text),
    Index("ix_statement_groups_speaker", "speaker"),
)
# A statement's quotes by its group, their keys in the index (version 12: the spread's page
# joins them to their quotes without reading the table's rows), with their documents' days,
# places in the stored order and outlets (version 13, replacing version 12's index of the keys
# alone): the spread's page counts each statement's documents and outlets and finds its first
# reports from this index alone, then reads only the quotes it shows.
GROUP_QUOTES = Index("ix_statement_groups_group_order", statement_groups.c.group_id,
                     statement_groups.c.document_id, statement_groups.c.content_start,
                     statement_groups.c.content_end, statement_groups.c.speaker,
                     statement_groups.c.published, statement_groups.c.seq,
                     statement_groups.c.outlet)
# The documents whose quotes or copy links are not yet in their statements, version 11: a
# document stored (or its copies linked later) is marked here in its own transaction, a
# constant cost, and `Store.settle_groups` joins everything marked, many documents at once,
# when a run ends (store/groups.py). Their quotes have no row in ``statement_groups`` until
# then (or keep the groups they had, for copies linked later).
statement_groups_pending = Table(
    "statement_groups_pending", metadata,
    Column("document_id", ForeignKey("documents.id"), primary_key=True),
)
# Each grouped quote with a speaker, by its word pairs (version 12): where settling finds the
# quotes a new one can join (store/groups.py, `similar_rows`) without reading every quote of
# its speaker. A row per distinct pair ``pair`` ("word word", folded) of a quote of four words
# or more, ``pairs`` the count of its distinct pairs; a shorter quote has one row, its whole
# words after a tab (no word holds one), ``pairs`` 0. A quote without a speaker entity has
# none: it joins others only through copies, whose documents are read whole. Its rows are
# its key (on SQLite a table without rowids, stored once), found by speaker and pair; a
# document's are taken out by their keys, made again from its rows' words.
statement_pairs = Table(
    "statement_pairs", metadata,
    Column("speaker", String(40), primary_key=True),
    Column("pair", Text, primary_key=True),
    Column("document_id", ForeignKey("documents.id"), primary_key=True),
    Column("content_start", Integer, primary_key=True),
    Column("content_end", Integer, primary_key=True),
    Column("pairs", Integer, nullable=False),
    sqlite_with_rowid=False,
)
