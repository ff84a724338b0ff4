"""Each stored quote's statement, kept in ``statement_groups`` (store/groups.py) as documents
are stored, linked as copies and deleted, is the statement the spread view would gather at
request time once what is pending is settled: after any sequence of saves (one at a time and
several in one transaction), copies linked later, deletes and settlings, on SQLite and
PostgreSQL; before it, no kept statement holds a quote of another. Storing does no joining
(a document is marked pending), a run ends settled, and what a killed run left pending the
next settles; a store made before the table gets it filled. The quotes a quote joins by its
speaker are found by their word pairs (``statement_pairs``, kept with the rows), the same as
every quote of the speaker compared, and a document settled alone reads no speaker whole."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Table, select, update

from newstrace.ingest import IngestProblem
from newstrace.models import Analysis, Document, Entity, Mention, Quote, Span
from newstrace.pipeline import STORED_AT_ONCE, IngestReport, store_analyses
from newstrace.resolve.copies import CopyLink, Signed
from newstrace.resolve.names import fold
from newstrace.store import Store, groups
from newstrace.store.schema import (
    document_copies,
    document_signatures,
    documents,
    meta,
    quotes,
    statement_groups,
    statement_groups_pending,
    statement_pairs,
)
from newstrace.views import spread
from newstrace.views.spread import (
    _quotes,
    same_statements,
    similar,
    sort_key,
    spread_rows,
    statement_spread,
)

SPEAKERS = ["ent_speaker_a", "ent_speaker_b", "ent_speaker_c", "ent_speaker_d"]
# Long quotes (six words and more, compared by their word pairs) and a few short ones
# (compared by their words): varied below by a word dropped or changed, and by case and accents.
SAID = [
    "we will keep the harbour of Klaipėda open to every ship",
    "the ministry has no plans to raise the fuel tax this year",
    "our troops will stay in the region until the talks are over",
    "nobody expected the vote to pass with such a large majority",
    "the company will cut four hundred jobs at the northern plant",
    "no comment", "we agree", "not now", "absolutely",
]
OTHER_WORDS = ["harbour", "tax", "vote", "plant", "northern", "talks", "ship", "never"]
DAYS = [date(2024, 5, 1), date(2024, 5, 2), date(2024, 5, 3), None]
OUTLETS = ["Nordic Wire", "Coastal Daily", "Harbour Radio", None]

Key = tuple[str, int, int, str]


def varied(rng: random.Random, words: str) -> str:
    said = words.split()
    if len(said) > 4 and rng.random() < 0.4:
        del said[rng.randrange(len(said))]
    if len(said) > 4 and rng.random() < 0.3:
        said[rng.randrange(len(said))] = rng.choice(OTHER_WORDS)
    if rng.random() < 0.2:
        said = [word.upper() if rng.random() < 0.5 else word for word in said]
    text = " ".join(said)
    return text.replace("Klaipėda", "Klaipeda") if rng.random() < 0.3 else text


def report(rng: random.Random, n: int) -> Analysis:
    """A document of a few quotes, each by one of four speakers or by none."""
    text, said, named = f"Report {n}. ", [], {}
    for _ in range(rng.randint(1, 4)):
        speaker = rng.choice([*SPEAKERS, None])
        if speaker is not None:
            start = len(text)
            text += f"Speaker {speaker[-1].upper()} said: "
            named.setdefault(speaker, []).append(Span(start, start + 9))
        text += '"'
        start = len(text)
        text += varied(rng, rng.choice(SAID))
        said.append(Quote(Span(start, len(text)), "direct", speaker=speaker,
                          speaker_text=f"Speaker {speaker[-1].upper()}" if speaker else
                          rng.choice([None, "a spokesman"])))
        text += '". '
    entities = [Entity(entity_id, "PERSON", f"Speaker {entity_id[-1].upper()}",
                       mentions=[Mention(span, text[span.start:span.end], "PERSON",
                                         entity_id=entity_id) for span in spans])
                for entity_id, spans in named.items()]
    return Analysis(Document(text=text, id=f"doc{n:03d}", outlet=rng.choice(OUTLETS),
                             published=rng.choice(DAYS)), entities=entities, quotes=said)


def links(rng: random.Random, document_id: str, others: list[str]) -> list[CopyLink]:
    return [CopyLink(document_id, other, 0.9, 0.9)
            for other in rng.sample(others, min(len(others), rng.choice([0, 1, 1, 2])))]


def stored(store: Store) -> list[tuple[Key, tuple[str, ...]]]:
    """Every stored quote's key and words (sliced here, not by the database)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(quotes.c.document_id, quotes.c.content_start,
                                   quotes.c.content_end, quotes.c.speaker_id, documents.c.text)
                            .join(documents, documents.c.id == quotes.c.document_id)).all()
    return [((row.document_id, row.content_start, row.content_end, row.speaker_id or ""),
             tuple(fold(row.text[row.content_start:row.content_end]).split())) for row in rows]


def every_pair(store: Store) -> set[frozenset[Key]]:
    """The statements by definition: quotes joined when their words are similar and they
    have the same speaker entity or are in two documents a copy links; every pair compared."""
    said = dict(stored(store))
    with store.engine.connect() as conn:
        linked = {frozenset(pair) for pair in conn.execute(
            select(document_copies.c.document_id, document_copies.c.copy_of_id))}
    keys = sorted(said)
    parent = {key: key for key in keys}

    def root(key: Key) -> Key:
        while parent[key] != key:
            key = parent[key]
        return key

    for n, one in enumerate(keys):
        for other in keys[n + 1:]:
            if not similar(said[one], said[other]):
                continue
            if (one[3] and one[3] == other[3]) or frozenset((one[0], other[0])) in linked:
                parent[root(one)] = root(other)
    found: dict[Key, set[Key]] = {}
    for key in keys:
        found.setdefault(root(key), set()).add(key)
    return {frozenset(group) for group in found.values()}


def at_request_time(store: Store) -> set[frozenset[Key]]:
    """The statements as the spread view groups every stored quote when asked."""
    copies = {frozenset((link.document_id, link.copy_of_id)) for link in store.copy_links()}
    return {frozenset((q.document, *q.at, q.detail["speaker_id"] or "") for q in group)
            for group in same_statements(_quotes(store, [], copies), copies)}


def kept(store: Store, settled: bool = True) -> set[frozenset[Key]]:
    """The statements as the table keeps them (``settled``: a row for each stored quote)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(statement_groups)).all()
    found: dict[int, set[Key]] = {}
    for row in rows:
        found.setdefault(row.group_id, set()).add(
            (row.document_id, row.content_start, row.content_end, row.speaker))
    keys = {key for key, _ in stored(store)}
    assert {(r.document_id, r.content_start, r.content_end, r.speaker) for r in rows} <= keys
    if settled:
        assert len(rows) == len(keys)  # a row a quote, none left over
    return {frozenset(group) for group in found.values()}


def assert_pairs_right(store: Store) -> None:
    """``statement_pairs`` holds the word pairs of every kept row with a speaker, no more."""
    with store.engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(select(statement_groups)).mappings()]
        held = {tuple(row) for row in conn.execute(select(
            statement_pairs.c.speaker, statement_pairs.c.pair, statement_pairs.c.document_id,
            statement_pairs.c.content_start, statement_pairs.c.content_end,
            statement_pairs.c.pairs))}
    expected = {(r["speaker"], r["pair"], r["document_id"], r["content_start"],
                 r["content_end"], r["pairs"]) for r in groups.pair_rows(rows)}
    assert held == expected
    assert any(row["speaker"] for row in rows) <= bool(held)


def reopened_from(db_url: str, store: Store, version: str, *dropped: Table) -> Store:
    """The store made as an older version left it (``version`` recorded, the tables it did
    not have dropped), opened again: brought to the current version."""
    with store.writing() as conn:
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value=version))
        for table in dropped:
            table.drop(conn)
    store.engine.dispose()
    reopened = Store(db_url)
    with reopened.engine.connect() as conn:
        assert conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")
                            ).scalar() == "12"
    return reopened


def pending(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(statement_groups_pending.c.document_id)).scalars())


def assert_kept_right(store: Store) -> None:
    expected = every_pair(store)
    assert at_request_time(store) == expected
    assert pending(store) == set()
    assert kept(store) == expected
    assert_pairs_right(store)
    assert_whole_list_right(store)


def assert_never_wrong(store: Store) -> None:
    """Before settling: each kept statement is part of one statement (nothing joined that
    is not one), and only the quotes of pending documents lack a row."""
    expected = every_pair(store)
    rows = kept(store, settled=False)
    for group in rows:
        assert any(group <= statement for statement in expected)
    with_rows = {key for group in rows for key in group}
    assert {key[0] for key, _ in stored(store) if key not in with_rows} <= pending(store)
    assert_pairs_right(store)
    # while a document is pending the whole list groups its statements when asked
    assert (spread._kept_statements(store) is None) == bool(pending(store))
    assert spread_rows(store, kind="statement", min_reports=1) == grouped_when_asked(
        store, kind="statement", min_reports=1)


def grouped_when_asked(store: Store, **chosen: Any) -> list[dict[str, Any]]:
    """The whole spread list with its statements grouped at request time (`same_statements`),
    as while a document is pending, not read from the kept groups."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(spread, "_kept_statements", lambda _store: None)
        return spread_rows(store, **chosen)


def assert_whole_list_right(store: Store) -> None:
    """Once settled, the whole spread list reads the kept statements (grouping nothing when
    asked) and is the list grouped at request time."""
    for chosen in ({"kind": "statement", "min_reports": 1}, {"min_reports": 2}):
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(spread, "same_statements", None)  # never called
            kept_rows = spread_rows(store, **chosen)
        assert kept_rows == grouped_when_asked(store, **chosen)


def assert_pages_right(store: Store) -> None:
    """The spread's pages (read by the kept groups) are the whole list (grouped when asked),
    and each quote's statement page shows the row holding it."""
    for min_reports in (1, 2):
        whole = grouped_when_asked(store, kind="statement", min_reports=min_reports)
        assert spread_rows(store, kind="statement", min_reports=min_reports,
                           wanted=len(whole) + 1) == whole
        for at in range(0, len(whole), 3):
            after = sort_key(whole[at])
            later = [row for row in spread_rows(store, kind="statement", wanted=2, after=after,
                                                min_reports=min_reports)
                     if sort_key(row) > after]
            assert later[:2] == [row for row in whole if sort_key(row) > after][:2]
    rows = spread_rows(store, kind="statement")
    statements = kept(store)
    for key, _ in stored(store):
        document, start, end, _ = key
        row = statement_spread(store, document, (start, end))
        (statement,) = [group for group in statements if key in group]
        if len({one[0] for one in statement}) < 2:
            assert row is None
        else:
            assert row in rows and any(r["document"] == document for r in row["reports"])


def step(store: Store, rng: random.Random, made: list[int]) -> str:
    """One change chosen at random: a document saved (with or without its copy links), a
    few saved in one transaction, a saved document's copies linked, or one deleted; then
    what is pending settled, one time in three."""
    ids = store.document_ids()
    with store.engine.connect() as conn:
        signed = set(conn.execute(select(document_signatures.c.document_id)).scalars())
    unsigned = [i for i in ids if i not in signed]
    choice = rng.random()
    if choice < 0.45 or not ids:
        made[0] += 1
        analysis = report(rng, made[0])
        copies = Signed(analysis.document.id, b"", 1, links(rng, analysis.document.id, ids)) \
            if rng.random() < 0.6 else None
        store.save(analysis, copies=copies)
        return "save"
    if choice < 0.6:
        with store.saving() as saving:
            batch: list[str] = []
            for _ in range(rng.randint(2, 4)):
                made[0] += 1
                analysis = report(rng, made[0])
                saving.save(analysis, copies=Signed(analysis.document.id, b"", 1,
                                                    links(rng, analysis.document.id,
                                                          ids + batch)))
                batch.append(analysis.document.id)
        return "saving"
    if choice < 0.8 and unsigned:
        document = rng.choice(unsigned)
        store.save_copies(document, b"", 1, links(rng, document, [i for i in ids
                                                                 if i != document]))
        return "save_copies"
    store.delete(rng.choice(ids))
    return "delete"


@pytest.mark.parametrize("lookup", ["pairs", "whole"])
@pytest.mark.parametrize("seed", [1, 2])
def test_kept_statements_are_those_grouped_at_request_time_after_saves_and_deletes(
    db_url: str, seed: int, lookup: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if seed == 2:  # settled a few documents a transaction
        monkeypatch.setattr(groups, "SETTLE_AT_ONCE", 3)
    # every quote's joins found by its word pairs (`similar_rows`), or every speaker's
    # quotes read whole, when joining and regrouping
    monkeypatch.setattr(groups, "LOOKUP_AT_MOST", 10**6 if lookup == "pairs" else 0)
    looked_up = []
    monkeypatch.setattr(groups, "similar_rows", lambda conn, said, _rows=groups.similar_rows:
                        looked_up.append(said) or _rows(conn, said))
    store = Store(db_url)
    rng, made = random.Random(seed), [0]
    done: list[str] = []
    for _ in range(60):
        done.append(step(store, rng, made))
        if rng.random() < 1 / 3:
            store.settle_groups()
            done.append("settle")
            assert_kept_right(store)
        else:
            assert_never_wrong(store)
    store.settle_groups()
    assert_kept_right(store)
    assert {"save", "saving", "save_copies", "delete", "settle"} <= set(done)
    assert bool(looked_up) == (lookup == "pairs")
    # statements of several quotes, some joined through a copy across speakers
    statements = kept(store)
    assert any(len({key[0] for key in group}) > 2 for group in statements)
    assert any(len({key[3] for key in group}) > 1 for group in statements)
    # The pages are compared with the whole list once every document is signed: a report
    # without a place in the stored order sorts differently in the two (see the report).
    with store.engine.connect() as conn:
        signed = set(conn.execute(select(document_signatures.c.document_id)).scalars())
    for document in store.document_ids():
        if document not in signed:
            store.save_copies(document, b"", 1, [])
    store.settle_groups()
    assert_kept_right(store)
    assert_pages_right(store)


def test_a_store_from_before_the_table_gets_its_statements(db_url: str) -> None:
    store = Store(db_url)
    rng = random.Random(5)
    for n in range(25):
        analysis = report(rng, n)
        store.save(analysis, copies=Signed(analysis.document.id, b"", 1, links(
            rng, analysis.document.id, [f"doc{m:03d}" for m in range(n)])))
    assert pending(store)  # left pending: the version 9 store is made from the rows alone
    expected = every_pair(store)
    assert any(len(group) > 2 for group in expected)
    # as version 9 left it: no tables of statements
    reopened = reopened_from(db_url, store, "9", statement_groups_pending, statement_pairs,
                             statement_groups)
    assert pending(reopened) == set() and kept(reopened) == expected
    assert_pairs_right(reopened)
    assert_pages_right(reopened)


def test_a_version_10_store_gets_the_pending_table(db_url: str) -> None:
    """A store whose groups were joined as documents were stored (version 10) is brought to
    version 11: the table of pending documents made, the kept groups as they were."""
    store = Store(db_url)
    rng = random.Random(7)
    for n in range(12):
        store.save(report(rng, n))
    store.settle_groups()
    before = kept(store)
    reopened = reopened_from(db_url, store, "10", statement_groups_pending, statement_pairs)
    assert kept(reopened) == before and pending(reopened) == set()
    assert_pairs_right(reopened)
    reopened.save(report(rng, 12))
    assert pending(reopened) == {"doc012"}
    reopened.settle_groups()
    assert_kept_right(reopened)


def joining_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any joining of statements (reading speakers' quotes, merging groups) raises."""
    def boom(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("statements joined while storing")

    monkeypatch.setattr(groups, "join", boom)
    monkeypatch.setattr(groups._Gathering, "read", boom)
    monkeypatch.setattr(groups, "quote_rows", boom)


def test_storing_joins_nothing_until_settled(db_url: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A save, a transaction of several and copies linked later only mark their documents
    pending: no statement is read or joined, the kept groups are as they were; settling
    joins them as the request-time grouping does."""
    store = Store(db_url)
    rng = random.Random(3)
    for n in range(20):
        store.save(report(rng, n))
    store.settle_groups()
    before, generation = kept(store), store.generation()
    with monkeypatch.context() as patched:
        joining_fails(patched)
        store.save(report(rng, 20), copies=Signed("doc020", b"", 1, [
            CopyLink("doc020", "doc001", 0.9, 0.9)]))
        with store.saving() as saving:
            for n in (21, 22, 23):
                saving.save(report(rng, n))
        store.save_copies("doc005", b"", 1, [CopyLink("doc005", "doc021", 0.9, 0.9)])
        store.save_copies("doc022", b"", 1, [CopyLink("doc022", "doc002", 0.9, 0.9)])
    assert kept(store, settled=False) == before
    assert pending(store) == {"doc005", "doc020", "doc021", "doc022", "doc023"}
    assert_never_wrong(store)
    assert store.generation() == generation + 6  # the saves and links, not their joining
    assert store.settle_groups() == 5
    assert_kept_right(store)
    assert store.generation() == generation + 7  # the settling joined statements
    assert store.settle_groups() == 0 and store.generation() == generation + 7


def test_a_run_ends_settled_and_the_next_settles_what_a_killed_one_left(
    db_url: str
) -> None:
    """`store_analyses` (ingest, batch, the HTTP server's ingest) settles when it ends; a
    run killed before its end leaves its documents pending, each quote a statement of its
    own on the pages, and the next run, even one with nothing new, settles them."""
    store = Store(db_url)
    rng = random.Random(11)
    report_ = IngestReport()
    store_analyses([(f"r{n}", report(rng, n)) for n in range(30)], store, report_,
                   at_once=STORED_AT_ONCE)
    assert len(report_.added) == 30
    assert_kept_right(store)

    def killed() -> Any:
        for n in range(30, 60):
            yield f"r{n}", report(rng, n)
        raise KeyboardInterrupt  # the run stopped after its last transaction

    with pytest.raises(KeyboardInterrupt):
        store_analyses(killed(), store, IngestReport(), at_once=STORED_AT_ONCE)
    # the transactions committed before it stopped (the batch in flight is lost)
    left = set(store.document_ids()) - {f"doc{n:03d}" for n in range(30)}
    assert len(left) >= STORED_AT_ONCE and pending(store) == left
    assert_never_wrong(store)
    assert kept(store, settled=False) != every_pair(store)  # some statements not joined yet
    # the pages (read by the kept groups) show each new quote alone until then: never in
    # a wrong statement
    rows = spread_rows(store, kind="statement", min_reports=1, wanted=10_000)
    assert any(row["first"]["document"] in left for row in rows)
    for row in rows:
        documents_ = {r["document"] for r in row["reports"]}
        assert not documents_ & left or len(documents_) == 1
    store_analyses([("bad", IngestProblem("bad", "analysis failed"))], store, IngestReport(),
                   at_once=STORED_AT_ONCE)
    assert_kept_right(store)
    store.engine.dispose()


def test_a_statement_joined_through_a_copy_is_split_when_the_copy_is_deleted(
    db_store: Store
) -> None:
    """A copy linking two documents joins their quotes by two speakers; deleting the copy
    splits them again, and deleting a document of one speaker's statement leaves the rest of
    it one statement."""
    store = db_store
    words = "we will keep the harbour of Klaipėda open to every ship"

    def said_by(document: str, speaker: str | None, day: int) -> Analysis:
        text = f'{document}: "{words}".'
        return Analysis(Document(text=text, id=document, published=date(2024, 5, day)),
                        quotes=[Quote(Span(len(document) + 3, len(document) + 3 + len(words)),
                                      "direct", speaker=speaker)])

    store.save(said_by("a1", "ent_a", 1))
    store.save(said_by("a2", "ent_a", 2))
    store.save(said_by("b1", "ent_b", 3))
    store.save(said_by("b2", "ent_b", 4))
    store.settle_groups()
    assert len(kept(store)) == 2
    store.save(said_by("c", None, 5), copies=Signed("c", b"", 1, [
        CopyLink("c", "a1", 0.9, 0.9), CopyLink("c", "b1", 0.9, 0.9)]))
    store.settle_groups()
    (one,) = kept(store)
    assert len(one) == 5
    store.delete("c")
    assert kept(store) == every_pair(store) and len(kept(store)) == 2
    store.delete("a1")
    assert kept(store) == every_pair(store)
    rows: list[Any] = spread_rows(store, kind="statement")
    assert [[r["document"] for r in row["reports"]] for row in rows] == [["b1", "b2"]]


def test_a_run_that_fails_settles_what_it_committed(db_url: str) -> None:
    """A run stopped by an error (not an interrupt) still joins what it committed before the
    error, and reports the error itself."""
    store = Store(db_url)
    rng = random.Random(12)

    def failing() -> Any:
        for n in range(40):
            yield f"r{n}", report(rng, n)
        raise RuntimeError("the input went away")

    with pytest.raises(RuntimeError, match="went away"):
        store_analyses(failing(), store, IngestReport(), at_once=STORED_AT_ONCE)
    assert store.document_ids() and not pending(store)
    assert_kept_right(store)
    store.engine.dispose()


def test_a_version_11_store_gets_the_word_pairs(db_url: str) -> None:
    """A store of version 11 is brought to 12: ``statement_pairs`` made from the kept rows,
    the groups as they were, and a document settled after joins what it would have."""
    store = Store(db_url)
    rng = random.Random(8)
    for n in range(15):
        store.save(report(rng, n))
    store.settle_groups()
    before = kept(store)
    reopened = reopened_from(db_url, store, "11", statement_pairs)
    assert kept(reopened) == before
    assert_pairs_right(reopened)
    reopened.save(report(rng, 15))
    reopened.settle_groups()
    assert_kept_right(reopened)
    reopened.engine.dispose()


def test_the_word_pairs_find_every_similar_quote_of_the_speaker(db_url: str) -> None:
    """`similar_rows` (the rows sharing enough word pairs, counted by the database) are the
    speaker's rows `similar` compares alike, each compared with each: quotes of one to nine
    words of a few words, so that many share just the pairs `similar` asks for (three fifths
    of the fewer), or one fewer; a quote of another speaker is never found."""
    store = Store(db_url)
    rng = random.Random(4)
    vocabulary = ["we", "will", "keep", "the", "harbour", "open", "Open", "ship"]
    for n in range(120):
        words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 9)))
        speaker = "ent_one" if n % 5 else "ent_two"
        text = f'd{n}: "{words}".'
        store.save(Analysis(Document(text=text, id=f"d{n:03d}"), quotes=[Quote(
            Span(len(f"d{n}") + 3, len(f"d{n}") + 3 + len(words)), "direct", speaker=speaker)]))
    store.settle_groups()
    with store.engine.connect() as conn:
        rows = [groups._said(row) for row in conn.execute(select(statement_groups))]
        found_any = 0
        for said in rows:
            expected = {other.key for other in rows
                        if other.speaker == said.speaker and similar(said.words, other.words)}
            found = {other.key for other in groups.similar_rows(conn, said)}
            assert found == expected, said
            found_any += len(found) > 1
    assert found_any > 20  # many quotes have others like them


def test_a_document_settled_alone_reads_only_what_its_quotes_join(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settling a document (a POST of one) finds its quotes' joins by their word pairs: no
    speaker's quotes are read whole, and the rows read are those its quotes are like, however
    many other quotes the speaker has; the statements are those grouped at request time."""
    store = Store(db_url)
    rng = random.Random(9)
    for n in range(60):
        store.save(report(rng, n))
    store.settle_groups()
    read: list[object] = []
    rows_where = groups._rows_where
    monkeypatch.setattr(groups, "_rows_where", lambda conn, column, values:
                        (read.append(column) if values else None)
                        or rows_where(conn, column, values))
    looked_up: list[list[groups.Said]] = []
    similar_rows = groups.similar_rows
    monkeypatch.setattr(groups, "similar_rows", lambda conn, said:
                        looked_up.append(similar_rows(conn, said)) or looked_up[-1])
    analysis = report(rng, 60)
    analysis.quotes.append(Quote(Span(0, 6), "direct", speaker="ent_speaker_a"))  # "Report"
    store.save(analysis)
    assert store.settle_groups() == 1
    assert not any(column is statement_groups.c.speaker for column in read)
    assert looked_up
    with store.engine.connect() as conn:
        speaker_rows = conn.execute(select(statement_groups.c.words).where(
            statement_groups.c.speaker == "ent_speaker_a")).scalars().all()
    read_rows = sum(len(found) for found in looked_up)
    assert read_rows < len(speaker_rows)  # the speaker holds more than the joins read
    assert_kept_right(store)
