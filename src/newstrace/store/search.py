"""Full-text search over statements (the quote, its speaker's name) and documents (title,
text): SQLite's FTS5 and PostgreSQL's tsvector with a GIN index, kept in step with the
documents as they are saved and deleted.

Both databases index the same words, folded here (lower case, accents taken off), so a search
finds the same rows on either; only the scores differ (bm25, ts_rank). A search is words, all
of which must occur, and "quoted phrases"; nothing else in it is query syntax, so user text
goes to the database as bound values (and, for FTS5, inside quotes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Integer,
    cast,
    column,
    delete,
    func,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.engine import Connection

from newstrace.models import Analysis
from newstrace.store.bulk import insert_rows
from newstrace.store.schema import documents, entities, quotes, search_rows

# Characters of a document shown either side of the first word found.
SNIPPET_CHARS = 80
# Rows read beyond those a search wants, at least, among which the ties of the last wanted
# are looked for (the synthetic store's common words: 20 to 90 rows tie at the 21st score).
TIED = 100
# Documents indexed per step when an older database gains the index.
INDEX_BATCH = 200
WORD = re.compile(r"\w+")
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
PHRASE = re.compile(r'"([^"]*)"')
# The words are already folded: PostgreSQL's simple configuration only splits them.
CONFIGURATION = "simple"


@dataclass(frozen=True)
class Entry:
    """A row of the index: a document (its title and text) or one of its statements (the
    speaker's name and the quote's span)."""

    document_id: str
    kind: str  # "document" or "statement"
    start: int
    end: int
    speaker: str | None = None

    def title_and_body(self, title: str | None, document_text: str) -> tuple[str, str]:
        """The two indexed texts, folded; from the stored document, so the same on saving
        and on deleting (FTS5 takes a contentless row out by its words)."""
        if self.kind == "document":
            return fold(title or ""), fold(document_text)
        return fold(self.speaker or ""), fold(document_text[self.start:self.end])


def fold(value: str) -> str:
    """Lower case without accents ("Šakalienė" -> "sakaliene")."""
    # Only characters outside ASCII can be accents: a document's text is read char by char
    # in its runs of those alone.
    return NON_ASCII.sub(lambda run: "".join(
        ch for ch in run.group() if not unicodedata.combining(ch)),
        unicodedata.normalize("NFKD", value)).casefold()


@lru_cache(maxsize=4096)
def _fold_one(ch: str) -> str:
    folded = fold(ch)
    return folded[0] if folded else ch


def entries_of(analysis: Analysis) -> list[Entry]:
    doc = analysis.document
    found = [Entry(doc.id, "document", 0, len(doc.text))]
    for quote in analysis.quotes:
        speaker = analysis.entity(quote.speaker)
        found.append(Entry(doc.id, "statement", quote.content.start, quote.content.end,
                           speaker.name if speaker else quote.speaker_text))
    return found


# The FTS5 table (SQLite), for queries built by SQLAlchemy: its rowid is search_rows.id, and
# a column named as the table matches a query against any of its columns.
search_text = table("search_text", column("rowid", Integer), column("search_text"))


def documents_quoting(conn: Connection, words: str, limit: int) -> set[str] | None:
    """The documents with a statement whose quote holds ``words`` as typed (case and
    accents ignored: the words in a row, the last whole or the start of a word), from the
    index, the speaker's name left out; None when more than ``limit`` statements hold them
    (no narrowing worth an IN list) or ``words`` holds no word to look up."""
    folded = fold(words)
    if not WORD.search(folded):
        return None
    entries = select(search_rows.c.document_id).where(search_rows.c.kind == "statement")
    if conn.dialect.name == "postgresql":
        phrase = _prefix_phrase(conn, folded)
        if phrase is None:
            return None
        entries = entries.where(search_rows.c.terms.op("@@")(cast(phrase, TSQUERY)))
    else:
        # One phrase, its last word a prefix, in the body (the quote; the title column holds
        # the speaker's name). Nothing inside quotes is an FTS5 operator. A join, read as
        # the index gives its rows and stopped at the limit: as ``id IN (SELECT rowid ...)``
        # SQLite would first gather every row the phrase matches (a third of the index for
        # a common phrase: three times the time).
        match = f'body : "{" ".join(WORD.findall(folded))}"*'
        entries = entries.join(search_text, search_text.c.rowid == search_rows.c.id).where(
            search_text.c.search_text.match(match))
    found = conn.execute(entries.limit(limit + 1)).scalars().all()
    return set(found) if len(found) <= limit else None


def _prefix_phrase(conn: Connection, folded: str) -> str | None:
    """A tsquery of the words as PostgreSQL's parser splits them (as it split the quotes:
    "2.5" one word) in their order, the last a prefix, each in the body (weight B); None
    when it finds no word."""
    words: Sequence[Any] = conn.execute(select(column("lexeme"), column("positions")).select_from(
        func.unnest(func.to_tsvector(CONFIGURATION, folded.replace("\x00", " "))))).all()
    placed = sorted((at, str(lexeme)) for lexeme, places in words for at in places or [0])
    if not placed:
        return None
    quoted = ["'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
              for _, lexeme in placed]
    return " <-> ".join([f"{word}:B" for word in quoted[:-1]] + [f"{quoted[-1]}:*B"])


# What `add` indexes of a document: its title, its text and its entries.
Indexed = tuple[str | None, str, list[Entry]]


def add(conn: Connection, indexed: list[Indexed]) -> None:
    """Index documents' entries, in order (in the writer's transaction: ids follow the
    last), a statement a table for them all."""
    entries = [(entry, title, document_text)
               for title, document_text, document_entries in indexed
               for entry in document_entries]
    if not entries:
        return
    first = conn.execute(select(func.coalesce(func.max(search_rows.c.id), 0))).scalar_one() + 1
    rows = []
    for number, (entry, title, document_text) in enumerate(entries):
        title_words, body_words = entry.title_and_body(title, document_text)
        rows.append({"id": first + number, "document_id": entry.document_id,
                     "kind": entry.kind, "start": entry.start, "end": entry.end,
                     "speaker": entry.speaker, "title": title_words, "body": body_words})
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            'INSERT INTO search_rows (id, document_id, kind, start, "end", speaker, terms) '
            "VALUES (:id, :document_id, :kind, :start, :end, :speaker, "
            f"setweight(to_tsvector('{CONFIGURATION}', :title), 'A') || "
            f"setweight(to_tsvector('{CONFIGURATION}', :body), 'B'))"), rows)
        return
    insert_rows(conn, search_rows, [{key: row[key] for key in (
        "id", "document_id", "kind", "start", "end", "speaker")} for row in rows])
    conn.exec_driver_sql("INSERT INTO search_text (rowid, title, body) VALUES (?, ?, ?)",
                         [(row["id"], row["title"], row["body"]) for row in rows])


def remove(conn: Connection, document_id: str) -> None:
    """Take a document's entries out of the index."""
    if conn.dialect.name == "sqlite":
        document = conn.execute(select(documents.c.title, documents.c.text)
                                .where(documents.c.id == document_id)).one()
        rows = []
        for row in conn.execute(select(search_rows).where(
                search_rows.c.document_id == document_id)):
            entry = Entry(row.document_id, row.kind, row.start, row.end, row.speaker)
            title_words, body_words = entry.title_and_body(document.title, document.text)
            rows.append({"id": row.id, "title": title_words, "body": body_words})
        if rows:
            conn.execute(text("INSERT INTO search_text (search_text, rowid, title, body) "
                              "VALUES ('delete', :id, :title, :body)"), rows)
    conn.execute(delete(search_rows).where(search_rows.c.document_id == document_id))


def index_stored(conn: Connection) -> None:
    """Index every stored document and statement (an older database gaining the index)."""
    indexed = select(search_rows.c.document_id)
    document_ids = [row[0] for row in conn.execute(
        select(documents.c.id).where(documents.c.id.not_in(indexed)).order_by(documents.c.id))]
    for at in range(0, len(document_ids), INDEX_BATCH):
        batch = document_ids[at:at + INDEX_BATCH]
        statements: dict[str, list[Entry]] = {}
        for said in conn.execute(
                select(quotes.c.document_id, quotes.c.content_start, quotes.c.content_end,
                       func.coalesce(entities.c.name, quotes.c.speaker_text))
                .outerjoin(entities, entities.c.id == quotes.c.speaker_id)
                .where(quotes.c.document_id.in_(batch))):
            statements.setdefault(said[0], []).append(
                Entry(said[0], "statement", said[1], said[2], said[3]))
        add(conn, [(doc.title, doc.text, [Entry(doc.id, "document", 0, len(doc.text)),
                                          *statements.get(doc.id, [])])
                   for doc in conn.execute(
                       select(documents.c.id, documents.c.title, documents.c.text)
                       .where(documents.c.id.in_(batch)).order_by(documents.c.id))])


def parse(query: str) -> tuple[list[str], list[list[str]]]:
    """The words (outside quotes) and the phrases (inside) of a search, folded."""
    phrases = [WORD.findall(fold(phrase)) for phrase in PHRASE.findall(query)]
    words = WORD.findall(fold(PHRASE.sub(" ", query)))
    return words, [phrase for phrase in phrases if phrase]


def search(conn: Connection, query: str, limit: int, offset: int = 0,
           kind: str | None = None) -> list[dict[str, Any]]:
    """The best hits for ``query``, best first: document id, kind, the span a hit covers,
    its text (a statement's quote, the words around a document's first match), title,
    speaker and score."""
    words, phrases = parse(query)
    if not words and not phrases:
        return []
    if conn.dialect.name == "postgresql":
        hits = _postgresql_hits(conn, query, bool(words), limit, offset, kind)
    else:
        hits = _sqlite_hits(conn, words, phrases, limit, offset, kind)
    texts = {row.id: (row.title, row.text) for row in conn.execute(
        select(documents.c.id, documents.c.title, documents.c.text)
        .where(documents.c.id.in_({hit["document"] for hit in hits})))}
    for hit in hits:
        title, document_text = texts[hit["document"]]
        hit["title"] = title
        if hit["kind"] == "document":
            hit["start"], hit["end"] = _snippet_span(document_text, words + sum(phrases, []))
        hit["text"] = document_text[hit["start"]:hit["end"]]
    return hits


def _sqlite_hits(conn: Connection, words: list[str], phrases: list[list[str]], limit: int,
                 offset: int, kind: str | None) -> list[dict[str, Any]]:
    # Each word and phrase quoted: FTS5 reads nothing inside quotes as an operator.
    match = " ".join(f'"{" ".join(terms)}"' for terms in [*([w] for w in words), *phrases])
    if not kind:
        return _best_sqlite_hits(conn, match, limit, offset)
    rows = conn.execute(text(
        'SELECT r.document_id, r.kind, r.start, r."end", r.speaker, '
        "-bm25(search_text, 2.0, 1.0) AS score FROM search_text "
        "JOIN search_rows AS r ON r.id = search_text.rowid "
        "WHERE search_text MATCH :match AND r.kind = :kind "
        "ORDER BY score DESC, r.document_id, r.start, r.id LIMIT :limit OFFSET :offset"),
        {"match": match, "kind": kind, "limit": limit, "offset": offset})
    return [_hit(row) for row in rows]


def _best_sqlite_hits(conn: Connection, match: str, limit: int,
                      offset: int) -> list[dict[str, Any]]:
    """The hits ``_sqlite_hits`` gives for any kind, the best first (then by document,
    start and id), found among the best by score alone: the index ranks its rows and only
    those are joined to their entries and ordered by the rest (a common word is in a third
    of the rows, each joined and sorted by four keys before). Scores tie often (rows of
    one length), so as many more are read as tie with the last wanted, until a score below
    it shows every tie was read."""
    wanted = limit + offset
    if wanted <= 0:
        return []
    read = wanted + max(wanted, TIED)
    while True:
        rows = conn.execute(text(
            'SELECT r.document_id, r.kind, r.start, r."end", r.speaker, best.score FROM '
            "(SELECT rowid, -bm25(search_text, 2.0, 1.0) AS score FROM search_text "
            "WHERE search_text MATCH :match ORDER BY score DESC LIMIT :read) AS best "
            "JOIN search_rows AS r ON r.id = best.rowid "
            "ORDER BY best.score DESC, r.document_id, r.start, r.id"),
            {"match": match, "read": read}).all()
        if len(rows) < read or rows[-1].score < rows[wanted - 1].score:
            return [_hit(row) for row in rows[offset:wanted]]
        read *= 4


def _postgresql_hits(conn: Connection, query: str, has_words: bool, limit: int, offset: int,
                     kind: str | None) -> list[dict[str, Any]]:
    # PostgreSQL's own parser splits the folded query as it split the folded texts ("2.5"
    # one word in both); its functions read no operators. A NUL it cannot take at all.
    def folded(part: str) -> str:
        return fold(part).replace("\x00", " ")

    phrases = [phrase for phrase in PHRASE.findall(query) if WORD.search(phrase)]
    parts = (["plainto_tsquery(:config, :words)"] if has_words else []) + [
        f"phraseto_tsquery(:config, :phrase{n})" for n in range(len(phrases))]
    values: dict[str, Any] = {"config": CONFIGURATION, "words": folded(PHRASE.sub(" ", query)),
                              "kind": kind, "limit": limit, "offset": offset}
    values.update({f"phrase{n}": folded(phrase) for n, phrase in enumerate(phrases)})
    kind_clause = "AND r.kind = :kind " if kind else ""
    rows = conn.execute(text(
        'SELECT r.document_id, r.kind, r.start, r."end", r.speaker, '
        "ts_rank(r.terms, q.query, 1) AS score FROM search_rows AS r, "
        f"(SELECT {' && '.join(parts)} AS query) AS q "
        f"WHERE r.terms @@ q.query {kind_clause}"
        "ORDER BY score DESC, r.document_id, r.start, r.id LIMIT :limit OFFSET :offset"),
        values)
    return [_hit(row) for row in rows]


def _hit(row: Any) -> dict[str, Any]:
    return {"kind": row.kind, "document": row.document_id, "start": row.start, "end": row.end,
            "speaker": row.speaker, "score": round(float(row.score), 6)}


def _snippet_span(document_text: str, words: list[str]) -> tuple[int, int]:
    """Where the words around the first of ``words`` in the text start and end (the
    text's start when only the title holds them)."""
    folded = "".join(_fold_one(ch) for ch in document_text)
    found = [m.start() for word in words
             if (m := re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded))]
    at = min(found, default=0)
    start, end = max(at - SNIPPET_CHARS, 0), min(at + 2 * SNIPPET_CHARS, len(document_text))
    # whole words at either end
    while start > 0 and not document_text[start - 1].isspace():
        start += 1
        if start >= at:
            break
    while end < len(document_text) and not document_text[end].isspace():
        end += 1
    return start, end
