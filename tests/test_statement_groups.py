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
from sqlalchemy import Table, inspect, select, update

from newstrace.ingest import IngestProblem
from newstrace.models import Analysis, Document, Entity, Mention, Quote, Span
from newstrace.pipeline import STORED_AT_ONCE, IngestReport, store_analyses
from newstrace.resolve.copies import CopyLink, Signed
from newstrace.resolve.names import fold
from newstrace.store import Store, groups
from newstrace.store.migrations import SCHEMA_VERSION
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
                            ).scalar() == str(SCHEMA_VERSION)
    return reopened


def pending(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(statement_groups_pending.c.document_id)).scalars())


def assert_places_right(store: Store) -> None:
    """Each kept row's copy of its document's day and outlet and of its place in the stored
    order (version 13) is the document's and its signature's."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(statement_groups.c.published, statement_groups.c.outlet,
                   statement_groups.c.seq, documents.c.published, documents.c.outlet,
                   document_signatures.c.seq)
            .join(documents, documents.c.id == statement_groups.c.document_id)
            .outerjoin(document_signatures,
                       document_signatures.c.document_id == statement_groups.c.document_id)
        ).all()
    assert [tuple(row[:3]) for row in rows] == [tuple(row[3:]) for row in rows]


def gathered_whole(store: Store, **chosen: Any) -> list[dict[str, Any]]:
    """The spread's page with each kept statement's quotes all read and its row built from
    them (as before version 13), not summarised from its rows (`StatementSummaries`)."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(spread, "StatementSummaries", lambda _store, _shown: None)
        return spread_rows(store, **chosen)


def assert_summaries_right(store: Store) -> None:
    """A page showing each row's first reports, its kept statements summarised from their
    rows (counts, outlets, name and first reports: `StatementSummaries`), is the page built
    from every quote of its statements, whole and from a row's place on; and no summary
    falls back to reading its statement whole (once a statement is kept, one is read)."""
    with store.engine.connect() as conn:
        any_kept = conn.execute(select(statement_groups.c.group_id).limit(1)).first()
    told: list[Any] = []
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(spread, "_told", lambda *args, _told=spread._told:
                        told.append(_told(*args)) or told[-1])
        for shown, min_reports in ((1, 1), (2, 2), (20, 1)):
            chosen: dict[str, Any] = {"kind": "statement", "min_reports": min_reports,
                                      "shown": shown}
            whole = gathered_whole(store, wanted=10**6, **chosen)
            assert spread_rows(store, wanted=10**6, **chosen) == whole
            if shown == 2:  # from a row's place on
                for at in range(0, len(whole), 7):
                    after = sort_key(whole[at])
                    later = [row for row in spread_rows(store, wanted=2, after=after,
                                                        **chosen) if sort_key(row) > after]
                    assert later[:2] == [row for row in whole if sort_key(row) > after][:2]
    assert bool(told) == bool(any_kept) and None not in told


def assert_kept_right(store: Store) -> None:
    expected = every_pair(store)
    assert at_request_time(store) == expected
    assert pending(store) == set()
    assert kept(store) == expected
    assert_pairs_right(store)
    assert_places_right(store)
    assert_whole_list_right(store)
    assert_summaries_right(store)


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
    assert_places_right(store)
    assert_summaries_right(store)
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
    # The pages are the whole list with documents unsigned among them (a report without a
    # place in the stored order after every one with a place, in both) and once every
    # document is signed.
    assert_pages_right(store)
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


def carrying(n: int, day: date, outlet: str | None) -> Analysis:
    """A document in which Speaker A says the one long sentence every other one quotes."""
    said = SAID[0]
    text = f'Report {n}. Speaker A said: "{said}". '
    named, start = text.index("Speaker A"), text.index(said)
    return Analysis(Document(text=text, id=f"doc{n:03d}", outlet=outlet, published=day),
                    entities=[Entity("ent_speaker_a", "PERSON", "Speaker A", mentions=[
                        Mention(Span(named, named + 9), "Speaker A", "PERSON",
                                entity_id="ent_speaker_a")])],
                    quotes=[Quote(Span(start, start + len(said)), "direct",
                                  speaker="ent_speaker_a", speaker_text="Speaker A")])


def test_a_page_reads_the_first_reports_of_a_statement_not_all(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One statement carried by many documents: a page showing its first two reports reads
    its day's quotes and those two, not the quotes of every document that carried it, and
    its counts, outlets and first reports are right after the first run, after a second run
    adds reports to it (one the new first report, a day earlier) and after a delete."""
    store = Store(db_url)
    outlets = ["Nordic Wire", "Coastal Daily", None, "Harbour Radio"]
    stored_as: dict[str, tuple[date, int, str | None]] = {}

    def save(analyses: list[Analysis]) -> None:
        with store.saving() as saving:
            for analysis in analyses:
                saving.save(analysis, copies=Signed(analysis.document.id, b"", 1, []))
                doc = analysis.document
                stored_as[doc.id] = (doc.published, len(stored_as), doc.outlet)  # type: ignore[assignment]
        store.settle_groups()

    # two reports on the first day (the later-stored one first), 22 on the next two
    save([carrying(n, date(2024, 5, 2) if n < 20 else date(2024, 5, 3), outlets[n % 4])
          for n in range(2, 24)])
    save([carrying(1, date(2024, 5, 1), "Coastal Daily"),
          carrying(0, date(2024, 5, 1), None)])
    read: list[int] = []
    monkeypatch.setattr(spread, "_read_quotes", lambda *args, _read=spread._read_quotes,
                        **kwargs: read.append(len(found := _read(*args, **kwargs))) or found)

    def assert_row_right() -> None:
        order = sorted(stored_as, key=lambda d: (stored_as[d][0], stored_as[d][1]))
        read.clear()
        (row,) = spread_rows(store, kind="statement", wanted=1, shown=2)
        # the first day's quotes, then the two shown (the first names the statement)
        first_day = [d for d in order if stored_as[d][0] == stored_as[order[0]][0]]
        assert read == [len(first_day), 2]
        shown = [outlet or "(outlet unknown)" for outlet in
                 dict.fromkeys(stored_as[d][2] for d in order)]
        assert (row["first"]["document"], [r["document"] for r in row["reports"]],
                row["report_count"], row["outlets"], row["outlet_count"]) == (
            order[0], order[:2], len(order), shown, len(shown))
        assert row["fact"] == f"Speaker A: {SAID[0]}"
        assert [row] == gathered_whole(store, kind="statement", wanted=1, shown=2)

    assert_row_right()
    # a second run: a report a day earlier (the first now), two more later
    save([carrying(30, date(2024, 4, 30), "Harbour Radio"),
          carrying(31, date(2024, 5, 3), "Baltic Post"),
          carrying(32, date(2024, 5, 9), "Nordic Wire")])
    assert_row_right()
    for gone in ("doc030", "doc001", "doc013"):  # the first report, then another
        store.delete(gone)
        del stored_as[gone]
        assert_row_right()
    assert_places_right(store)


def test_a_version_12_store_gets_the_places_of_its_reports(db_url: str) -> None:
    """A store of version 12 is brought to 13: each kept row's copy of its document's day,
    outlet and stored place filled, the index of a group's keys made the index with them,
    and the pages summarise its statements as before."""
    store = Store(db_url)
    rng = random.Random(9)
    for n in range(18):
        analysis = report(rng, n)
        store.save(analysis, copies=Signed(analysis.document.id, b"", 1, links(
            rng, analysis.document.id, [f"doc{m:03d}" for m in range(n)]))
            if n % 3 else None)
    store.settle_groups()
    before = kept(store)
    # as version 12 left it: the rows without the columns, its index of the keys alone
    with store.writing() as conn:
        conn.exec_driver_sql("DROP INDEX ix_statement_groups_group_order")
        conn.exec_driver_sql("CREATE INDEX ix_statement_groups_group_quote ON "
                             "statement_groups (group_id, document_id, content_start, "
                             "content_end, speaker)")
        for column in ("published", "seq", "outlet"):
            conn.exec_driver_sql(f"ALTER TABLE statement_groups DROP COLUMN {column}")
    reopened = reopened_from(db_url, store, "12")
    indexes = {index["name"] for index in inspect(reopened.engine)
               .get_indexes("statement_groups")}
    assert "ix_statement_groups_group_order" in indexes
    assert "ix_statement_groups_group_quote" not in indexes
    assert kept(reopened) == before
    assert_places_right(reopened)
    assert_summaries_right(reopened)
    reopened.save(report(rng, 18), copies=Signed("doc018", b"", 1, []))
    reopened.settle_groups()
    assert_kept_right(reopened)
    reopened.engine.dispose()
