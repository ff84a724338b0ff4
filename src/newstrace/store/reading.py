"""The rows the views read, in SQL: statements, mentions and events with the views' filters
pushed into the query, documents in the store's reading order, names and texts only for
the rows shown. A view reads what it shows, never every stored analysis.

The reading order of documents is publication day (undated first), then id, on every
database. Within a document, statements come in the order of their words, mentions in text
order, events in the order they were stored (their id: the extractor's order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    FunctionElement,
    Select,
    Text,
    and_,
    cast,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from newstrace.resolve.names import fold
from newstrace.store.connections import reading_connection
from newstrace.store.schema import (
    documents,
    entities,
    entity_counts,
    entity_documents,
    events,
    mentions,
    quotes,
    value_counts,
)
from newstrace.store.store import Store

# Values in one IN list at most; a filter matching more is applied to the rows read instead.
MAX_IN = 2000
# Statements read from the database at a time while a view fills a page.
BATCH = 500
DOCUMENT_ORDER = (documents.c.published.asc().nulls_first(), documents.c.id)
QUOTE_COLUMNS = (quotes.c.document_id, quotes.c.speaker_id, quotes.c.speaker_text,
                 quotes.c.kind, quotes.c.content_start, quotes.c.content_end,
                 quotes.c.medium_id, quotes.c.relays, quotes.c.date, quotes.c.confidence)
STATEMENT_ORDER = (quotes.c.content_start, quotes.c.content_end, quotes.c.kind,
                   quotes.c.speaker_text)


@dataclass(frozen=True)
class Place:
    """Where a list of statements stands: a document (by its reading key) and how many of
    its statements came before. Documents are never changed once stored, so a place stays
    valid while others are stored."""

    published: date | None
    document: str
    given: int = 0


def one_of(column: ColumnElement[Any], values: Iterable[Any]) -> ColumnElement[bool] | None:
    """``column IN values``; None (no condition: the caller checks each row) when there are
    too many values for one statement."""
    values = sorted(set(values), key=str)
    if len(values) > MAX_IN:
        return None
    return column.in_(values) if values else false()


def from_document(published: date | None, document: str,
                  inclusive: bool = True) -> ColumnElement[bool]:
    """Documents at or after (``inclusive``) or after one, in the reading order."""
    same = documents.c.id >= document if inclusive else documents.c.id > document
    if published is None:
        return or_(and_(documents.c.published.is_(None), same),
                   documents.c.published.is_not(None))
    return or_(documents.c.published > published,
               and_(documents.c.published == published, same))


def statements(store: Store, conditions: Sequence[ColumnElement[bool]],
               start: Place | None = None, batch: int = BATCH,
               check: ColumnElement[bool] | None = None) -> Iterator[list[tuple[Place, Any]]]:
    """Statements meeting ``conditions`` in reading order from ``start``, each with the
    place just after it, ``batch`` at first and more at a time after, so a caller that stops
    early reads little. A row has the quote's columns a view shows (``QUOTE_COLUMNS``: not
    the spans of its parts, source and cue), its document's ``published`` and ``outlet``,
    and ``checked``: whether it meets ``check`` (true without one), a test the database
    makes on each row read, for the caller to skip the rows that fail it (they keep their
    place: a cursor counts every statement meeting ``conditions``). Without conditions the
    documents are read in order from their index and their statements fetched by document,
    so no database sorts every statement; after the first batch, as many documents as the
    rows that met ``check`` so far say the first batch's worth of them takes."""
    place, lower = start, (start.published, start.document, True) if start else None
    wanted, met, documents_read = batch, 0, 0
    while True:
        query = (select(*QUOTE_COLUMNS, documents.c.published, documents.c.outlet,
                        (true() if check is None else check).label("checked"))
                 .join(documents, documents.c.id == quotes.c.document_id)
                 .where(true(), *conditions).order_by(*DOCUMENT_ORDER, *STATEMENT_ORDER))
        with reading_connection(store) as conn:
            if conditions:
                skip = place.given if place else 0
                if place is not None:
                    query = query.where(from_document(place.published, place.document))
                rows = conn.execute(query.limit(batch + skip)).all()
                complete = len(rows) < batch + skip
            else:
                next_documents = select(documents.c.id, documents.c.published).order_by(
                    *DOCUMENT_ORDER).limit(batch)
                if lower is not None:
                    next_documents = next_documents.where(from_document(*lower))
                read = conn.execute(next_documents).all()
                rows = conn.execute(query.where(
                    quotes.c.document_id.in_([row.id for row in read]))).all()
                complete = len(read) < batch
                lower = (read[-1].published, read[-1].id, False) if read else None
                documents_read += len(read)
        found, skip = [], place.given if place else 0
        given_in = place.document if place else None  # its first ``skip`` were given
        for row in rows:
            if skip and row.document_id == given_in:
                skip -= 1
                continue
            if place is not None and row.document_id == place.document:
                place = Place(row.published, row.document_id, place.given + 1)
            else:
                place = Place(row.published, row.document_id, 1)
            found.append((place, row))
            met += bool(row.checked)
        yield found
        if complete:
            return
        if not conditions and 0 < met < wanted:  # half as many again as the rate says
            batch = min(BATCH, max(wanted // 4, -(-(wanted - met) * documents_read * 3
                                                   // (met * 2))))
        else:
            batch = min(BATCH, batch * 4)


def statement_lines(store: Store, conditions: Sequence[ColumnElement[bool]]) -> list[Any]:
    """Statements meeting ``conditions`` in reading order, with only what a list of them
    shows: document_id, kind, date, speaker_id, speaker_text, the speaker's stored name
    (``speaker_name``, None for an id no entity has) and the words quoted (``quote``, sliced
    by the database: no document's whole text is read)."""
    query = (select(quotes.c.document_id, quotes.c.kind, quotes.c.date, quotes.c.speaker_id,
                    quotes.c.speaker_text, entities.c.name.label("speaker_name"),
                    evidence_text(quotes.c.content_start, quotes.c.content_end).label("quote"))
             .join(documents, documents.c.id == quotes.c.document_id)
             .outerjoin(entities, entities.c.id == quotes.c.speaker_id)
             .where(true(), *conditions).order_by(*DOCUMENT_ORDER, *STATEMENT_ORDER))
    with reading_connection(store) as conn:
        return list(conn.execute(query).all())


def texts(store: Store, document_ids: Iterable[str]) -> dict[str, str]:
    """The texts of the documents asked for, by id."""
    wanted = sorted(set(document_ids))
    if not wanted:
        return {}
    with reading_connection(store) as conn:
        return {row.id: row.text for row in conn.execute(
            select(documents.c.id, documents.c.text).where(documents.c.id.in_(wanted)))}


def names(store: Store, entity_ids: Iterable[str | None]) -> dict[str, str]:
    """The stored names of the entities asked for, by id."""
    wanted = sorted({i for i in entity_ids if i})
    found: dict[str, str] = {}
    with reading_connection(store) as conn:
        for at in range(0, len(wanted), MAX_IN):
            found |= {row.id: row.name for row in conn.execute(
                select(entities.c.id, entities.c.name)
                .where(entities.c.id.in_(wanted[at:at + MAX_IN])))}
    return found


def stored_dates(store: Store, kind: str, since: date | None,
                 until: date | None) -> list[str]:
    """The distinct dates of a kind the counts keep (``quote date``, ``event date``: TIMEX
    values) that may overlap the range, read from the index: a TIMEX value begins with its
    year (2021, 2021-07-04, 2021-W27, 2021-Q3), a year before or after for a week that
    straddles New Year, or is a decade or century holding the first year (202, 20). The
    caller checks each value found against the range."""
    value = value_counts.c.value
    near: list[ColumnElement[bool]] = []
    if since is not None:
        years = (since.year - 1, since.year)
        near.append(or_(value >= f"{years[0]:04d}", value.in_(
            sorted({f"{year:04d}"[:width] for year in years for width in (2, 3)}))))
    if until is not None and until.year < 9998:  # ("10000" would sort before "2021")
        near.append(value < f"{until.year + 2:04d}")
    # Most values are days (2021-07-04, or with a time): those outside the range, here.
    within = [value >= since.isoformat()] if since is not None else []
    if until is not None and until < date.max:
        within.append(value < (until + timedelta(days=1)).isoformat())
    if within:
        near.append(or_(not_(value.like("____-__-__%")), and_(*within)))
    with reading_connection(store) as conn:
        return [row[0] for row in conn.execute(
            select(value).where(value_counts.c.kind == kind, *near).distinct())]


def matching_values(store: Store, kinds: Sequence[str], needle: str,
                    speaking: bool = False) -> set[str]:
    """The values of ``kinds`` (``outlet``, ``speaker``; ``name`` and ``alias``: entity
    ids) whose folded form holds the folded ``needle``, found in SQL over the distinct
    values (never every stored row); with ``speaking``, entities that have a statement."""
    pattern = "%" + like_escaped(fold(needle)) + "%"
    query = (select(value_counts.c.value).where(
        value_counts.c.kind.in_(kinds), value_counts.c.folded.like(pattern, escape="\\"))
        .distinct())
    if speaking:
        query = query.join(entity_counts, entity_counts.c.entity_id == value_counts.c.value
                           ).where(entity_counts.c.statements > 0)
    with reading_connection(store) as conn:
        return {row[0] for row in conn.execute(query)}


def like_escaped(text: str) -> str:
    """Text matched literally inside a LIKE pattern (escape character: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def mentioned_in_quote(entity_ids: Iterable[str]) -> ColumnElement[bool]:
    """A statement whose words hold a mention of one of the entities (in a document that
    mentions one: what an index finds first)."""
    among = mentions.c.entity_id.in_(sorted(set(entity_ids)))
    return and_(quotes.c.document_id.in_(select(mentions.c.document_id).where(among)),
                exists().where(mentions.c.document_id == quotes.c.document_id, among,
                               mentions.c.start >= quotes.c.content_start,
                               mentions.c.end <= quotes.c.content_end))


class holds_words(FunctionElement[bool]):
    """Whether a text holds some ASCII words in their order, case ignored, or a character
    outside ASCII other than the ``SEPARATORS`` (or a NUL): on SQLite a LIKE and a GLOB,
    on PostgreSQL one regular expression (so a document's text, compressed there, is
    sliced once for each statement)."""

    type = Boolean()
    inherit_cache = True

    def __init__(self, value: ColumnElement[Any], words: list[str]) -> None:
        super().__init__(value, literal("%" + "%".join(words) + "%"),
                         literal(".*".join(words) + "|" + _others_class()))


def _others_class() -> str:
    return "[^\x01-\x7f" + SEPARATORS + "]"


@compiles(holds_words)
def _holds_words_sqlite(element: holds_words, compiler: SQLCompiler, **kw: Any) -> str:
    value, like, _ = (compiler.process(clause, **kw) for clause in element.clauses)
    glob = compiler.process(literal("*" + _others_class() + "*"), **kw)
    return f"(lower({value}) LIKE {like} OR {value} GLOB {glob})"


@compiles(holds_words, "postgresql")
def _holds_words_postgresql(element: holds_words, compiler: SQLCompiler, **kw: Any) -> str:
    value, _, pattern = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({value} ~* {pattern})"


# Characters outside ASCII that folding (resolve.names.fold) reads as a space between
# words, as it reads ASCII punctuation: curly quotes, dashes, an ellipsis, guillemets, primes,
# spaces of other widths. The news writes them everywhere; a quote holding only these
# outside ASCII folds to its ASCII letters' words.
SEPARATORS = ("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2010\u2011\u2012\u2013"
              "\u2014\u2015\u2026\u00a0\u00ab\u00bb\u2032\u2033\u00b7\u2022\u202f\u2009")


# Words of a text filter tested in SQL (PostgreSQL refuses a regular expression that grows
# too complex).
MAX_NEEDLE_WORDS = 16


def may_hold_words(value: ColumnElement[Any], needle: str) -> ColumnElement[bool] | None:
    """A superset, in SQL, of the texts whose folded form (resolve.names.fold: ASCII words
    joined by a space) holds the folded ``needle`` (what `views.shared.matches` keeps):
    a text holding the needle's words in their order, case ignored (folding lowers an ASCII
    letter and reads any other ASCII character, or one of ``SEPARATORS``, as a space), or
    a text with any other character outside ASCII (which folding may spell as letters:
    "Straße" as "strasse"). None when the needle folds to no word (no narrowing)."""
    words = fold(needle).split()
    if not words:
        return None
    # The first words alone still narrow to a superset, in a pattern of bounded size.
    return holds_words(value, words[:MAX_NEEDLE_WORDS])


def holding(column: ColumnElement[Any], entity_ids: Iterable[str]) -> ColumnElement[bool]:
    """A JSON list or mapping column that may hold one of the entity ids as a value: a
    LIKE over its text narrows (no narrowing for many ids); the caller checks the value."""
    wanted = sorted(set(entity_ids))
    if len(wanted) > MAX_IN // 40:
        return true()
    as_text = cast(column, Text)
    return or_(false(), *(as_text.contains(f'"{entity_id}"', autoescape=True)
                          for entity_id in wanted))


def document_metadata(store: Store, conditions: Sequence[ColumnElement[bool]],
                  after: tuple[date | None, str] | None = None,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """Documents' metadata (no text) meeting ``conditions`` in reading order, after the
    document ``after`` names (its publication day and id)."""
    query: Select[Any] = (select(documents.c.id, documents.c.title, documents.c.outlet,
                                 documents.c.published, documents.c.language,
                                 documents.c.source_kind)
                          .where(*conditions).order_by(*DOCUMENT_ORDER).limit(limit))
    if after is not None:
        query = query.where(from_document(*after, inclusive=False))
    with reading_connection(store) as conn:
        return [row._asdict() for row in conn.execute(query)]


def event_rows(store: Store, conditions: Sequence[ColumnElement[bool]] = (),
               columns: Sequence[ColumnElement[Any]] = ()) -> Iterator[Any]:
    """Event reports meeting ``conditions`` in reading order, with their document's
    ``published`` and ``outlet`` and any other ``columns`` asked for; fetched a batch at a
    time (a server-side cursor where the database has one), never all held at once."""
    query = (select(events, documents.c.published, documents.c.outlet, *columns)
             .join(documents, documents.c.id == events.c.document_id)
             .where(true(), *conditions)
             .order_by(*DOCUMENT_ORDER, events.c.id))
    with reading_connection(store) as conn:
        yield from conn.execute(query.execution_options(yield_per=BATCH))


def evidence_text(start: ColumnElement[Any], end: ColumnElement[Any]) -> ColumnElement[Any]:
    """The characters of a document's text between two offsets, sliced by the database."""
    return func.substr(documents.c.text, start + 1, end - start)


def documents_referring(store: Store, entity_ids: Sequence[str]) -> dict[str, set[str]]:
    """Every document that refers to each entity, in any way a stored analysis does
    (mentions, speakers, media, relays, event participants), from their index."""
    found: dict[str, set[str]] = {i: set() for i in entity_ids}
    with reading_connection(store) as conn:
        for at in range(0, len(entity_ids), MAX_IN):
            for entity_id, document_id in conn.execute(
                    select(entity_documents.c.entity_id, entity_documents.c.document_id)
                    .where(entity_documents.c.entity_id.in_(entity_ids[at:at + MAX_IN]))):
                found[entity_id].add(document_id)
    return found


def documents_of(entity_ids: Sequence[str]) -> Select[Any]:
    """The ids of the documents that refer to one of the entities, as a subquery."""
    return select(entity_documents.c.document_id).where(
        entity_documents.c.entity_id.in_(entity_ids))


def ranked_entities(store: Store, conditions: Sequence[ColumnElement[bool]],
                    limit: int | None,
                    after: tuple[int, str, str] | None = None) -> list[dict[str, Any]]:
    """The entities some document refers to meeting ``conditions``, most mentioned first
    (then by name and id), after the one ``after`` keys (mentions, name, id): id, type,
    name, documents (referring in any way), mentions, statements (as speaker); read from
    the counts' index (store/counts.py)."""
    query = (select(entities.c.id, entities.c.type, entities.c.name,
                    entity_counts.c.documents, entity_counts.c.mentions,
                    entity_counts.c.statements)
             .join(entities, entities.c.id == entity_counts.c.entity_id)
             .where(true(), *conditions)
             .order_by(entity_counts.c.mentions.desc(), entities.c.name, entities.c.id)
             .limit(limit))
    if after is not None:
        count, name, entity_id = after
        query = query.where(entity_counts.c.mentions <= count, or_(
            entity_counts.c.mentions < count, entities.c.name > name,
            and_(entities.c.name == name, entities.c.id > entity_id)))
    with reading_connection(store) as conn:
        return [row._asdict() for row in conn.execute(query)]


def mention_rows(store: Store, entity_ids: Sequence[str]) -> Iterator[Any]:
    """The mentions of the entities, in reading order: entity_id, document_id, start, end,
    text."""
    query = (select(mentions.c.entity_id, mentions.c.document_id, mentions.c.start,
                    mentions.c.end, mentions.c.text)
             .join(documents, documents.c.id == mentions.c.document_id)
             .order_by(*DOCUMENT_ORDER, mentions.c.start, mentions.c.end))
    if len(entity_ids) <= MAX_IN:
        query = query.where(mentions.c.entity_id.in_(entity_ids))
    wanted = set(entity_ids)
    with reading_connection(store) as conn:
        for row in conn.execute(query.execution_options(yield_per=BATCH)):  # not one a fetch
            if row.entity_id in wanted:
                yield row


def entity_info(store: Store, entity_ids: Sequence[str]) -> list[dict[str, Any]]:
    """id, type and stored name of each entity asked for, in the order asked."""
    found: dict[str, dict[str, Any]] = {}
    with reading_connection(store) as conn:
        for at in range(0, len(entity_ids), MAX_IN):
            found |= {row.id: row._asdict() for row in conn.execute(
                select(entities.c.id, entities.c.type, entities.c.name)
                .where(entities.c.id.in_(entity_ids[at:at + MAX_IN])))}
    return [found[i] for i in entity_ids if i in found]


def first_met(store: Store, referring: dict[str, set[str]]) -> dict[str, tuple[int, int]]:
    """Where a reader meets each entity first: the first document (in reading order) that
    refers to it, and its first mention there (-1: the document refers to it without
    naming it), as a sortable pair."""
    wanted = sorted({d for found in referring.values() for d in found})
    if not wanted:
        return {}
    with reading_connection(store) as conn:
        ordered = select(documents.c.id).order_by(*DOCUMENT_ORDER)
        if len(wanted) <= MAX_IN:
            ordered = ordered.where(documents.c.id.in_(wanted))
        position = {row[0]: n for n, row in enumerate(conn.execute(ordered))}
        first = {i: min(found, key=position.__getitem__)
                 for i, found in referring.items() if found}
        starts = {(row[0], row[1]): row[2] for row in conn.execute(
            select(mentions.c.entity_id, mentions.c.document_id, func.min(mentions.c.start))
            .where(mentions.c.entity_id.in_(list(first)) if len(first) <= MAX_IN else true())
            .group_by(mentions.c.entity_id, mentions.c.document_id))}
    return {i: (position[d], starts.get((i, d), -1)) for i, d in first.items()}


def in_batches(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    """Rows a list of ``size`` at a time (the last may be shorter)."""
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def alias_counts(store: Store, entity_ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """Each way a mention wrote each entity, with its count, the most used first (then as
    written), from the counts (store/counts.py)."""
    found: dict[str, dict[str, int]] = {}
    with reading_connection(store) as conn:
        for at in range(0, len(entity_ids), MAX_IN):
            for row in conn.execute(
                    select(value_counts.c.value, value_counts.c.detail, value_counts.c.uses)
                    .where(value_counts.c.kind == "alias",
                           value_counts.c.value.in_(entity_ids[at:at + MAX_IN]))
                    .order_by(value_counts.c.value, value_counts.c.uses.desc(),
                              value_counts.c.detail)):
                found.setdefault(row.value, {})[row.detail] = row.uses
    return found
