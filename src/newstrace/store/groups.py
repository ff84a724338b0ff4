"""Statements precomputed: each stored quote's statement (a group of quotes, one fact the
spread view lists, views/spread.py), kept in the table ``statement_groups`` as documents are
settled after a run stores or links them as copies (`settle`), and as they are deleted, so
that a page reads a statement's quotes by its group instead of gathering them per request.

Two quotes are one statement when they have similar words (`similar`) and the same speaker
entity, or similar words in two documents a copy links (whoever each names as the speaker);
a statement is every quote joined to another so, step by step (a connected component). A
document stored, or its copies linked later, only adds quotes and links, which join
statements: the groups one step from its quotes are merged (`join`). A document deleted may
split the statements its quotes were in: those are gathered again from their other quotes
(`regroup`: the quotes similar to one by its speaker and in the documents a copy links to its
own, then theirs, until none is added), each keeping the number most of its quotes had.

Joining reads the quotes each of a document's quotes can join: storing does not join, a
transaction marks its documents pending (`mark`, in ``statement_groups_pending``: a row a
document, whatever the store holds), and `Store.settle_groups` joins everything pending at
once (`settle`, up to `SETTLE_AT_ONCE` documents), as `newstrace ingest`, `newstrace batch`
and the HTTP server's ingest do when a run ends (pipeline.store_analyses), also what a killed
run left pending, and a run with workers whenever its writer waits for them. The quotes a
quote can join by its speaker are found by its word pairs in
``statement_pairs`` (`similar_rows`: those sharing enough of its pairs, counted by the
database, then compared), so a document settled alone reads what its quotes join, not every
quote of its speakers; a speaker with more than `LOOKUP_AT_MOST` quotes to join at once (a
large run, a statement regathered) has its quotes read whole instead, once for them all.
Until it is settled a pending document's new quotes have no row (a page shows each as a
statement of its own) and its copy links later join nothing; deletes regroup at once.

"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import (
    Integer,
    Select,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from newstrace.resolve.names import fold
from newstrace.store.schema import (
    document_copies,
    document_signatures,
    documents,
    quotes,
    statement_groups,
    statement_groups_pending,
    statement_pairs,
)

# Two quotes are one statement when most of the shorter one's word pairs are in the other: a
# partial quote inside the full one, or the same words edited by a copy desk. Pairs, not
# words: two things one person said share "we will" and "the", seldom most of their pairs.
SAME_WORDS = 0.6
# A quote of fewer words matches only the same words: "no comment" is said by many.
FEW_WORDS = 4
# Values in one IN list at most (as store/reading.py).
CHUNK = 2000
# Pending documents joined in one transaction at most (`settle`).
SETTLE_AT_ONCE = 2000
# The speaker column's value for a quote without a speaker entity (a key column: not NULL).
NO_SPEAKER = ""
# A speaker's quotes to join at once looked up by their word pairs at most (`similar_rows`, a
# query each); more, and the speaker's quotes are read whole, once for them all.
LOOKUP_AT_MOST = 16
# Before a short quote's words in ``statement_pairs`` (folded words hold no whitespace).
WHOLE = "\t"


class Worded(Protocol):
    @property
    def words(self) -> tuple[str, ...]: ...


W = TypeVar("W", bound=Worded)


def folded_words(text: str | None) -> tuple[str, ...]:
    """A quote's words as statements compare them: folded (case and accents ignored)."""
    return tuple(fold(text or "").split())


def similar(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    if min(len(words), len(other)) < FEW_WORDS:
        return words == other and bool(words)
    pairs, other_pairs = set(pairwise(words)), set(pairwise(other))
    return len(pairs & other_pairs) >= SAME_WORDS * min(len(pairs), len(other_pairs))


def similar_within(group: Sequence[Worded]) -> Iterable[tuple[int, int]]:
    """The pairs of one speaker's quotes with similar words, each compared only with those
    it can be like (`QuoteIndex`), not every pair."""
    index = QuoteIndex(group)
    for b, quote in enumerate(group):
        yield from ((a, b) for a in index.similar_at(quote) if a < b)


class QuoteIndex(Generic[W]):
    """Quotes by their words, to find those `similar` to a quote without comparing it with
    each: the longer ones by their word pairs, the few-word ones by their words."""

    def __init__(self, said: Sequence[W]) -> None:
        self.quotes = list(said)
        self.few_words: dict[tuple[str, ...], list[int]] = {}
        self.having: dict[tuple[str, str], list[int]] = {}
        self.pair_count: dict[int, int] = {}
        for n, quote in enumerate(self.quotes):
            if len(quote.words) < FEW_WORDS:
                if quote.words:
                    self.few_words.setdefault(quote.words, []).append(n)
                continue
            pairs = set(pairwise(quote.words))
            self.pair_count[n] = len(pairs)
            for pair in pairs:
                self.having.setdefault(pair, []).append(n)

    def similar_to(self, quote: Worded) -> list[W]:
        return [self.quotes[n] for n in self.similar_at(quote)]

    def similar_at(self, quote: Worded) -> list[int]:
        """Where the quotes `similar` to ``quote`` stand: a short quote's with the same words,
        a longer one's sharing enough word pairs (similar ones share at least two)."""
        if len(quote.words) < FEW_WORDS:
            return self.few_words.get(quote.words, [])
        pairs = set(pairwise(quote.words))
        shared = Counter(n for pair in pairs for n in self.having.get(pair, ()))
        return [n for n, count in shared.items()
                if count >= SAME_WORDS * min(self.pair_count[n], len(pairs))]


# A quote in the table: its document, span and speaker ('' for none).
Key = tuple[str, int, int, str]


@dataclass(frozen=True)
class Said:
    """A row of ``statement_groups``: a quote's key, its folded words and its group."""

    document: str
    start: int
    end: int
    speaker: str
    words: tuple[str, ...]
    group: int

    @property
    def key(self) -> Key:
        return self.document, self.start, self.end, self.speaker


def _said(row: object) -> Said:
    return Said(row.document_id, row.content_start, row.content_end,  # type: ignore[attr-defined]
                row.speaker, tuple(row.words.split()), row.group_id)  # type: ignore[attr-defined]


def index_keys(words: tuple[str, ...]) -> tuple[list[str], int]:
    """What ``statement_pairs`` holds for a quote's words: its distinct word pairs and their
    count, or a short quote's words whole (`WHOLE`) and 0; nothing for a quote of no words."""
    if not words:
        return [], 0
    if len(words) < FEW_WORDS:
        return [WHOLE + " ".join(words)], 0
    pairs = sorted({f"{a} {b}" for a, b in pairwise(words)})
    return pairs, len(pairs)


def pair_rows(rows: Iterable[dict[str, object]]) -> list[dict[str, object]]:
    """The ``statement_pairs`` rows of ``statement_groups`` rows (those with a speaker)."""
    found: list[dict[str, object]] = []
    for row in rows:
        if row["speaker"] == NO_SPEAKER:
            continue
        keys, count = index_keys(tuple(str(row["words"]).split()))
        found += [{"speaker": row["speaker"], "pair": key, "document_id": row["document_id"],
                   "content_start": row["content_start"], "content_end": row["content_end"],
                   "pairs": count} for key in keys]
    return found


def _insert(conn: Connection, table: object, rows: list[dict[str, object]]) -> None:
    for at in range(0, len(rows), CHUNK):
        conn.execute(insert(table), rows[at:at + CHUNK])  # type: ignore[arg-type]


def index_pairs(conn: Connection) -> None:
    """``statement_pairs`` made anew from every row of ``statement_groups`` (version 12)."""
    conn.execute(delete(statement_pairs))
    rows = [dict(row) for row in conn.execute(select(statement_groups)).mappings()]
    _insert(conn, statement_pairs, pair_rows(rows))


def _similar_query() -> Select[Any]:
    """``statement_groups``' rows by the speaker ``speaker`` sharing enough of the word pairs
    ``keys`` (``count`` of them), counted from ``statement_pairs``: shared >= SAME_WORDS *
    the fewer pairs, in integers (SAME_WORDS as a fraction, 3/5), so as `similar` keeps."""
    p, g = statement_pairs, statement_groups
    share = Fraction(SAME_WORDS).limit_denominator(100)
    count = bindparam("count", type_=Integer)
    least = case((func.max(p.c.pairs) < count, func.max(p.c.pairs)), else_=count)
    found = (select(p.c.document_id, p.c.content_start, p.c.content_end)
             .where(p.c.speaker == bindparam("speaker"),
                    p.c.pair.in_(bindparam("keys", expanding=True)))
             .group_by(p.c.document_id, p.c.content_start, p.c.content_end)
             .having(func.count() * share.denominator >= least * share.numerator)).subquery()
    return select(g).join(found, and_(
        g.c.document_id == found.c.document_id, g.c.content_start == found.c.content_start,
        g.c.content_end == found.c.content_end, g.c.speaker == bindparam("speaker")))


SIMILAR = _similar_query()


def similar_rows(conn: Connection, said: Said) -> list[Said]:
    """The rows by ``said``'s speaker `similar` to it (itself among them): those sharing
    enough of its word pairs, counted by the database from ``statement_pairs`` (for a short
    quote, those of the same words), then compared. Reads what it finds, not the speaker's
    other quotes."""
    keys, count = index_keys(said.words)
    if not keys or said.speaker == NO_SPEAKER:
        return []
    rows = conn.execute(SIMILAR, {"speaker": said.speaker, "keys": keys, "count": count})
    return [other for other in map(_said, rows) if similar(said.words, other.words)]


def _rows_where(conn: Connection, column: object, values: Iterable[object]) -> list[Said]:
    wanted = sorted(set(values))  # type: ignore[type-var]
    found: list[Said] = []
    for at in range(0, len(wanted), CHUNK):
        found += [_said(row) for row in conn.execute(
            select(statement_groups).where(column.in_(wanted[at:at + CHUNK])))]  # type: ignore[attr-defined]
    return found


def quote_rows(conn: Connection, document_ids: Sequence[str]) -> list[dict[str, object]]:
    """The table's rows for the stored quotes of ``document_ids`` (each quote once, by its
    key), their words sliced from the text by the database as the views slice them; without
    a group yet."""
    rows: dict[Key, dict[str, object]] = {}
    ids = sorted(set(document_ids))
    for at in range(0, len(ids), CHUNK):
        for row in conn.execute(
                select(quotes.c.document_id, quotes.c.content_start, quotes.c.content_end,
                       quotes.c.speaker_id,
                       func.substr(documents.c.text, quotes.c.content_start + 1,
                                   quotes.c.content_end - quotes.c.content_start).label("said"),
                       documents.c.published, documents.c.outlet, document_signatures.c.seq)
                .join(documents, documents.c.id == quotes.c.document_id)
                .outerjoin(document_signatures,
                           document_signatures.c.document_id == quotes.c.document_id)
                .where(quotes.c.document_id.in_(ids[at:at + CHUNK]))):
            key = (row.document_id, row.content_start, row.content_end,
                   row.speaker_id or NO_SPEAKER)
            rows.setdefault(key, {"document_id": key[0], "content_start": key[1],
                                  "content_end": key[2], "speaker": key[3],
                                  "words": " ".join(folded_words(row.said)),
                                  "published": row.published, "outlet": row.outlet,
                                  "seq": row.seq})
    return list(rows.values())


def place_rows(conn: Connection, document_ids: Sequence[str] | None = None) -> None:
    """The rows' copies of their documents' day, outlet and place in the stored order
    (version 13) made again from the documents and their signatures: those of
    ``document_ids`` (whose signature was just stored, `Store.save_copies`), or every row
    (a store of version 12)."""
    by_document = statement_groups.c.document_id
    copied = {
        "published": select(documents.c.published).where(documents.c.id == by_document)
        .scalar_subquery(),
        "outlet": select(documents.c.outlet).where(documents.c.id == by_document)
        .scalar_subquery(),
        "seq": select(document_signatures.c.seq)
        .where(document_signatures.c.document_id == by_document).scalar_subquery(),
    }
    if document_ids is None:
        conn.execute(update(statement_groups).values(**copied))
        return
    ids = sorted(set(document_ids))
    for at in range(0, len(ids), CHUNK):
        conn.execute(update(statement_groups).where(by_document.in_(ids[at:at + CHUNK]))
                     .values(**copied))


def mark(conn: Connection, document_ids: Sequence[str], new: bool = True) -> None:
    """Documents whose quotes (``new``: just stored, so none is marked yet) or copy links
    are to be joined into their statements by `settle`: a row each, nothing read."""
    ids = sorted(set(document_ids))
    if not new:
        marked = set(conn.execute(select(statement_groups_pending.c.document_id)
                                  .where(statement_groups_pending.c.document_id.in_(ids)))
                     .scalars())
        ids = [i for i in ids if i not in marked]
    if ids:
        conn.execute(insert(statement_groups_pending), [{"document_id": i} for i in ids])


def settle(conn: Connection, at_once: int = SETTLE_AT_ONCE) -> tuple[int, bool]:
    """Up to ``at_once`` pending documents joined into their statements (rows added for
    those whose quotes have none yet, then `join` for all) and unmarked; how many, and
    whether any statements were merged (else the pages show what they showed: a quote
    without a row is a statement of its own, as a new row alone in its group is)."""
    ids = list(conn.execute(select(statement_groups_pending.c.document_id)
                            .order_by(statement_groups_pending.c.document_id)
                            .limit(at_once)).scalars())
    if not ids:
        return 0, False
    grouped = set(conn.execute(select(statement_groups.c.document_id).distinct()
                               .where(statement_groups.c.document_id.in_(ids))).scalars())
    _add_rows(conn, [i for i in ids if i not in grouped])
    merged = join(conn, set(ids))
    for at in range(0, len(ids), CHUNK):
        conn.execute(delete(statement_groups_pending)
                     .where(statement_groups_pending.c.document_id.in_(ids[at:at + CHUNK])))
    return len(ids), merged


def _add_rows(conn: Connection, document_ids: Sequence[str]) -> None:
    """The rows of the documents' quotes, each in a group of its own."""
    rows = quote_rows(conn, document_ids)
    if not rows:
        return
    first = _next_group(conn)
    for n, row in enumerate(rows):
        row["group_id"] = first + n
    _insert(conn, statement_groups, rows)
    _insert(conn, statement_pairs, pair_rows(rows))


def join(conn: Connection, documents_: set[str]) -> bool:
    """The statements joined by what these documents just brought (their quotes, each in a
    group of its own so far, or their copy links): every quote they hold is one step from
    another in its statement, so the groups one step from their quotes are merged, the
    largest keeping its number. Adding never splits a statement: nothing else is regathered.
    Whether any were merged."""
    seeds = _rows_where(conn, statement_groups.c.document_id, documents_)
    if not seeds:
        return False
    gathering = _Gathering(conn)
    gathering.read(seeds)
    parent: dict[int, int] = {}

    def root(group: int) -> int:
        parent.setdefault(group, group)
        while parent[group] != group:
            parent[group] = parent[parent[group]]
            group = parent[group]
        return group

    for said in seeds:
        for other in gathering.joined(said):
            one, another = root(said.group), root(other.group)
            if one != another:
                parent[one] = another
    merged: dict[int, list[int]] = {}
    for group in list(parent):
        merged.setdefault(root(group), []).append(group)
    merging = [groups for groups in merged.values() if len(groups) > 1]
    if not merging:
        return False
    wanted = sorted(group for groups in merging for group in groups)
    size: Counter[int] = Counter()
    for at in range(0, len(wanted), CHUNK):
        size.update(dict(conn.execute(
            select(statement_groups.c.group_id, func.count())
            .where(statement_groups.c.group_id.in_(wanted[at:at + CHUNK]))
            .group_by(statement_groups.c.group_id)).all()))
    for groups in merging:
        kept = max(groups, key=lambda group: (size[group], -group))
        others = sorted(group for group in groups if group != kept)
        for at in range(0, len(others), CHUNK):
            conn.execute(update(statement_groups)
                         .where(statement_groups.c.group_id.in_(others[at:at + CHUNK]))
                         .values(group_id=kept))
    return True


def remove(conn: Connection, document_id: str) -> set[int]:
    """A document's rows taken out (before its copy links go), with their word pairs (by
    their keys, made again from the rows), and its pending mark; the groups they were in, for
    `regroup` once the document is gone."""
    conn.execute(delete(statement_groups_pending)
                 .where(statement_groups_pending.c.document_id == document_id))
    rows = [dict(row) for row in conn.execute(select(statement_groups).where(
        statement_groups.c.document_id == document_id)).mappings()]
    groups = {int(row["group_id"]) for row in rows}
    keys = [{"s": r["speaker"], "p": r["pair"], "d": r["document_id"], "b": r["content_start"],
             "e": r["content_end"]} for r in pair_rows(rows)]
    if keys:
        conn.execute(delete(statement_pairs).where(
            statement_pairs.c.speaker == bindparam("s"), statement_pairs.c.pair == bindparam("p"),
            statement_pairs.c.document_id == bindparam("d"),
            statement_pairs.c.content_start == bindparam("b"),
            statement_pairs.c.content_end == bindparam("e")), keys)
    conn.execute(delete(statement_groups).where(statement_groups.c.document_id == document_id))
    return groups


def fill(conn: Connection) -> None:
    """Every stored quote grouped anew (a store made before the table, or rows written
    without `Store.save`); nothing left pending."""
    conn.execute(delete(statement_groups_pending))
    conn.execute(delete(statement_pairs))
    conn.execute(delete(statement_groups))
    ids = list(conn.execute(select(documents.c.id).order_by(documents.c.id)).scalars())
    for at in range(0, len(ids), CHUNK):
        _add_rows(conn, ids[at:at + CHUNK])
    regroup(conn, everything=True)


def _next_group(conn: Connection) -> int:
    return (conn.execute(select(func.max(statement_groups.c.group_id))).scalar() or 0) + 1


class _Gathering:
    """What joining and regrouping read, each once: the quotes by its speaker similar to a
    quote (`similar_rows`) or a speaker's quotes whole, a document's quotes, the documents a
    copy links to each."""

    def __init__(self, conn: Connection, whole: bool = False) -> None:
        self.conn = conn
        self.whole = whole  # every speaker's quotes read whole (`fill`: all of them anyway)
        self.by_speaker: dict[str, QuoteIndex[Said]] = {}
        self.looked_up: dict[Key, list[Said]] = {}
        self.in_document: dict[str, QuoteIndex[Said]] = {}
        self.partners: dict[str, set[str]] = {}

    def read(self, found: Iterable[Said]) -> None:
        """The quotes joined to ``found`` by their speakers (`similar_rows` a quote, or a
        speaker's quotes whole when more than `LOOKUP_AT_MOST` of its quotes are asked), and
        the copy partners of ``found`` not read yet and their quotes, a query for many."""
        found = list(found)
        asking: dict[str, dict[Key, Said]] = {}
        for said in found:
            if said.speaker != NO_SPEAKER and said.speaker not in self.by_speaker \
                    and said.key not in self.looked_up:
                asking.setdefault(said.speaker, {})[said.key] = said
        speakers = {speaker for speaker, wanted_keys in asking.items()
                    if self.whole or len(wanted_keys) > LOOKUP_AT_MOST}
        for speaker, wanted_keys in asking.items():
            if speaker not in speakers:
                self.looked_up |= {key: similar_rows(self.conn, one)
                                   for key, one in wanted_keys.items()}
        if speakers:
            by_speaker: dict[str, list[Said]] = {speaker: [] for speaker in speakers}
            for said in _rows_where(self.conn, statement_groups.c.speaker, speakers):
                by_speaker[said.speaker].append(said)
            self.by_speaker |= {speaker: QuoteIndex(said)
                                for speaker, said in by_speaker.items()}
        unread = sorted({s.document for s in found} - self.partners.keys())
        for at in range(0, len(unread), CHUNK):
            batch = unread[at:at + CHUNK]
            self.partners |= {document: set() for document in batch}
            asked = set(batch)
            for one, other in self.conn.execute(
                    select(document_copies.c.document_id, document_copies.c.copy_of_id)
                    .where(or_(document_copies.c.document_id.in_(batch),
                               document_copies.c.copy_of_id.in_(batch)))):
                if one in asked:
                    self.partners[one].add(other)
                if other in asked:
                    self.partners[other].add(one)
        wanted = {p for s in found for p in self.partners[s.document]} \
            - self.in_document.keys()
        in_document: dict[str, list[Said]] = {document: [] for document in wanted}
        for said in _rows_where(self.conn, statement_groups.c.document_id, wanted):
            in_document[said.document].append(said)
        self.in_document |= {d: QuoteIndex(said) for d, said in in_document.items()}

    def joined(self, said: Said) -> list[Said]:
        """The quotes one step from ``said``: by its speaker or in a copy partner's text."""
        if said.speaker == NO_SPEAKER:
            found: list[Said] = []
        elif said.speaker in self.by_speaker:
            found = self.by_speaker[said.speaker].similar_to(said)
        else:
            found = list(self.looked_up[said.key])
        for partner in self.partners[said.document]:
            found += self.in_document[partner].similar_to(said)
        return found


def regroup(conn: Connection, groups: set[int] | None = None, everything: bool = False) -> None:
    """The statements of ``groups`` (or every statement) gathered again and their rows'
    groups written where they changed: each statement keeps the group most of its quotes
    had (a group split in two keeps it for one), else takes a new one."""
    if everything:
        seeds = [_said(row) for row in conn.execute(select(statement_groups))]
    else:
        seeds = _rows_where(conn, statement_groups.c.group_id, groups or ())
    if not seeds:
        return
    gathering = _Gathering(conn, whole=everything)
    parent: dict[Key, Key] = {}
    said_by: dict[Key, Said] = {}

    def root(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    frontier: list[Said] = []
    for said in seeds:
        if said.key not in said_by:
            said_by[said.key], parent[said.key] = said, said.key
            frontier.append(said)
    while frontier:  # a round of steps from the quotes found in the last, read at once
        gathering.read(frontier)
        found: list[Said] = []
        for said in frontier:
            for other in gathering.joined(said):
                if other.key not in said_by:
                    said_by[other.key], parent[other.key] = other, other.key
                    found.append(other)
                one, another = root(said.key), root(other.key)
                if one != another:
                    parent[one] = another
        frontier = found
    statements: dict[Key, list[Said]] = {}
    for key, said in said_by.items():
        statements.setdefault(root(key), []).append(said)
    _write(conn, list(statements.values()))


def _write(conn: Connection, statements: list[list[Said]]) -> None:
    """Each statement's group: the one most of its quotes have, unless a larger part of
    another statement claimed it; the rows whose group changed rewritten."""
    claimed: set[int] = set()
    changed: list[dict[str, object]] = []
    next_group = None
    # the largest first, so a split group stays with its larger part
    for said in sorted(statements, key=lambda s: (-len(s), min(x.key for x in s))):
        held = Counter(s.group for s in said)
        group = next((g for g, _ in sorted(held.items(), key=lambda item: (-item[1], item[0]))
                      if g not in claimed), None)
        if group is None:
            next_group = next_group or _next_group(conn)
            group, next_group = next_group, next_group + 1
        claimed.add(group)
        changed += [{"d": s.document, "s": s.start, "e": s.end, "p": s.speaker, "g": group}
                    for s in said if s.group != group]
    if changed:
        conn.execute(update(statement_groups).where(
            statement_groups.c.document_id == bindparam("d"),
            statement_groups.c.content_start == bindparam("s"),
            statement_groups.c.content_end == bindparam("e"),
            statement_groups.c.speaker == bindparam("p")).values(group_id=bindparam("g")),
            changed)
