"""Each stored quote's statement, kept in ``statement_groups`` (store/groups.py) as documents
are stored, linked as copies and deleted, is the statement the spread view would gather at
request time: after any sequence of saves (one at a time and several in one transaction),
copies linked later and deletes, on SQLite and PostgreSQL; and a store made before the table
gets it filled."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from newstrace.models import Analysis, Document, Entity, Mention, Quote, Span
from newstrace.resolve.copies import CopyLink, Signed
from newstrace.resolve.names import fold
from newstrace.store import Store
from newstrace.store.schema import (
    document_copies,
    document_signatures,
    documents,
    meta,
    quotes,
    statement_groups,
)
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


def kept(store: Store) -> set[frozenset[Key]]:
    """The statements as the table keeps them."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(statement_groups)).all()
    found: dict[int, set[Key]] = {}
    for row in rows:
        found.setdefault(row.group_id, set()).add(
            (row.document_id, row.content_start, row.content_end, row.speaker))
    assert len(rows) == len({key for key, _ in stored(store)})  # a row a quote, none left over
    return {frozenset(group) for group in found.values()}


def assert_kept_right(store: Store) -> None:
    expected = every_pair(store)
    assert at_request_time(store) == expected
    assert kept(store) == expected


def assert_pages_right(store: Store) -> None:
    """The spread's pages (read by the kept groups) are the whole list (grouped when asked),
    and each quote's statement page shows the row holding it."""
    for min_reports in (1, 2):
        whole = spread_rows(store, kind="statement", min_reports=min_reports)
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
    few saved in one transaction, a saved document's copies linked, or one deleted."""
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


@pytest.mark.parametrize("seed", [1, 2])
def test_kept_statements_are_those_grouped_at_request_time_after_saves_and_deletes(
    db_url: str, seed: int
) -> None:
    store = Store(db_url)
    rng, made = random.Random(seed), [0]
    done: list[str] = []
    for _ in range(45):
        done.append(step(store, rng, made))
        assert_kept_right(store)
    assert {"save", "saving", "save_copies", "delete"} <= set(done)
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
    assert_kept_right(store)
    assert_pages_right(store)


def test_a_store_from_before_the_table_gets_its_statements(db_url: str) -> None:
    store = Store(db_url)
    rng = random.Random(5)
    for n in range(25):
        analysis = report(rng, n)
        store.save(analysis, copies=Signed(analysis.document.id, b"", 1, links(
            rng, analysis.document.id, [f"doc{m:03d}" for m in range(n)])))
    expected = every_pair(store)
    assert any(len(group) > 2 for group in expected)
    with store.writing() as conn:  # as version 9 left it: no table
        conn.execute(delete(statement_groups))
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="9"))
        statement_groups.drop(conn)
    store.engine.dispose()
    reopened = Store(db_url)
    assert kept(reopened) == expected
    with reopened.engine.connect() as conn:
        assert conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")
                            ).scalar() == "10"
    assert_pages_right(reopened)


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
    assert len(kept(store)) == 2
    store.save(said_by("c", None, 5), copies=Signed("c", b"", 1, [
        CopyLink("c", "a1", 0.9, 0.9), CopyLink("c", "b1", 0.9, 0.9)]))
    (one,) = kept(store)
    assert len(one) == 5
    store.delete("c")
    assert kept(store) == every_pair(store) and len(kept(store)) == 2
    store.delete("a1")
    assert kept(store) == every_pair(store)
    rows: list[Any] = spread_rows(store, kind="statement")
    assert [[r["document"] for r in row["reports"]] for row in rows] == [["b1", "b2"]]
