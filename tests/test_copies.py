"""Wire copy: a republication linked to its first report, a different story on the same topic
left apart, links kept across runs and exported. The stories are ours, written for these
tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from newstrace.clean import find_boilerplate
from newstrace.export import analysis_record
from newstrace.models import Analysis, Document
from newstrace.pipeline import ingest
from newstrace.resolve import copies
from newstrace.resolve.copies import Report, WireCopies, compare, shingles
from newstrace.store import Store
from wire_stories import BRIEF, FOLLOW_UP, MARKET_NOTE, ORIGINAL, REPUBLISHED


@pytest.fixture
def store(db_store: Store) -> Store:
    """Wire-copy signatures and links are stored on SQLite and PostgreSQL alike."""
    return db_store


def stored(store: Store, text: str, doc_id: str, published: date | None) -> Report:
    """The document stored without extraction (wire copy needs its text and boilerplate)."""
    boilerplate = find_boilerplate(text)
    store.save(Analysis(Document(text=text, id=doc_id, published=published),
                        boilerplate=boilerplate))
    return Report(doc_id, text, boilerplate, published)


def test_a_republication_under_new_lead_and_outlet_lines_is_linked(store: Store) -> None:
    wire = WireCopies(store)
    assert wire.link(stored(store, ORIGINAL, "wire", date(2026, 3, 2))) == []
    (link,) = wire.link(stored(store, REPUBLISHED, "coastal", date(2026, 3, 3)))
    assert (link.document_id, link.copy_of_id) == ("coastal", "wire")
    assert link.containment >= 0.6 and 0 < link.similarity < link.containment
    assert store.copy_links() == [link]


def test_a_story_on_the_same_topic_with_the_same_names_is_not_a_copy(store: Store) -> None:
    wire = WireCopies(store)
    wire.link(stored(store, ORIGINAL, "wire", date(2026, 3, 2)))
    assert wire.link(stored(store, FOLLOW_UP, "follow-up", date(2026, 3, 5))) == []


def test_a_paragraph_quoted_in_a_story_of_its_own_is_no_copy_but_a_brief_of_it_is() -> None:
    """Decided and documented in resolve/copies.py: a copy is a document most of whose words
    (60%) are the other's; a note that quotes one paragraph among its own is not."""
    wire = Report("wire", ORIGINAL, find_boilerplate(ORIGINAL), date(2026, 3, 2))
    note = Report("note", MARKET_NOTE, find_boilerplate(MARKET_NOTE), date(2026, 3, 3))
    brief = Report("brief", BRIEF, find_boilerplate(BRIEF), date(2026, 3, 3))
    words = shingles(wire.text, wire.boilerplate)
    assert compare(note, shingles(note.text), wire, words) is None
    link = compare(brief, shingles(brief.text, brief.boilerplate), wire, words)
    assert link is not None and link.copy_of_id == "wire" and link.containment > 0.9


def test_boilerplate_and_case_do_not_make_shingles() -> None:
    text = "Share this article\nThe Port Reopened after NINE days of talks.\n"
    assert shingles(text, find_boilerplate(text)) == {
        "the port reopened after nine", "port reopened after nine days",
        "reopened after nine days of", "after nine days of talks"}


def test_the_first_report_is_the_earliest_published_then_the_first_stored(store: Store) -> None:
    wire = WireCopies(store)
    # The republication reaches the store first, but the wire story was published earlier.
    wire.link(stored(store, REPUBLISHED, "coastal", date(2026, 3, 3)))
    (link,) = wire.link(stored(store, ORIGINAL, "wire", date(2026, 3, 2)))
    assert (link.document_id, link.copy_of_id) == ("coastal", "wire")
    # On one day, the one stored first; an undated report is never before a dated one.
    words, other_words = shingles(ORIGINAL), shingles(REPUBLISHED)
    for (day, order), (other_day, other_order), first in [
        ((date(2026, 3, 2), 5), (date(2026, 3, 2), 9), "a"),
        ((date(2026, 3, 2), 9), (date(2026, 3, 2), None), "a"),
        ((None, 1), (date(2026, 3, 4), 9), "b"),
    ]:
        found = compare(Report("a", ORIGINAL, (), day, order), words,
                        Report("b", REPUBLISHED, (), other_day, other_order), other_words)
        assert found is not None and found.copy_of_id == first


def test_documents_stored_before_wire_copy_are_linked_when_the_index_is_built(
    store: Store
) -> None:
    stored(store, ORIGINAL, "wire", date(2026, 3, 2))
    stored(store, REPUBLISHED, "coastal", date(2026, 3, 3))
    WireCopies(store)
    assert [(link.document_id, link.copy_of_id) for link in store.copy_links()] == [
        ("coastal", "wire")]
    assert store.unsigned_documents() == []


def write_jsonl(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_a_second_run_links_a_new_copy_to_a_document_of_an_earlier_run(
    tmp_path: Path, store: Store
) -> None:
    first = write_jsonl(tmp_path / "monday.jsonl", [
        {"id": "wire", "text": ORIGINAL, "outlet": "Nordic Wire", "published": "2026-03-02"}])
    later = write_jsonl(tmp_path / "tuesday.jsonl", [
        {"id": "coastal", "text": REPUBLISHED, "outlet": "Coastal Daily",
         "published": "2026-03-03"},
        {"id": "follow-up", "text": FOLLOW_UP, "outlet": "Coastal Daily",
         "published": "2026-03-05"}])
    assert ingest([first], store).near_duplicates == []
    report = ingest([later], store)  # a new run: the index is rebuilt from the store
    assert len(report.added) == 2 and len(report.near_duplicates) == 1
    assert report.near_duplicates[0] == report.added[0]  # the input's name, as in added
    copy = store.load("coastal")  # stored as a document of its own, analysed as usual
    assert copy.quotes and copy.copy_of == ["wire"] and copy.copied_by == []
    record = analysis_record(copy)
    assert record["copy_of"] == ["wire"] and "copied_by" not in record
    original = analysis_record(store.load("wire"))
    assert original["copied_by"] == ["coastal"] and "copy_of" not in original
    assert "copy_of" not in analysis_record(store.load("follow-up"))


def test_a_document_signed_by_another_run_is_not_signed_twice(store: Store) -> None:
    report = stored(store, ORIGINAL, "wire", date(2026, 3, 2))
    WireCopies(store)  # another run starting now signs the document it finds unsigned
    WireCopies(store).link(report)  # this run signs it as it meant to: nothing changes
    assert [document_id for document_id, _, _ in store.signatures()] == ["wire"]


def test_the_lsh_bands_find_what_comparing_every_band_finds(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows indexed sorted, rows waiting to be sorted in, and both: a row is found exactly
    when it agrees with the query on both values of some band."""
    monkeypatch.setattr(copies, "SORTED_AT_ONCE", 8)
    rng = np.random.default_rng(3)
    # Few distinct values, so that rows often agree on a band and seldom on all.
    signatures = rng.integers(0, 3, size=(60, copies.PERMUTATIONS)).astype(np.uint32)
    bands = copies.Bands()
    bands.sort(signatures[:20])
    for row in range(20, 60):
        bands.add(row, signatures[:row + 1])
        queries = rng.integers(0, 3, size=(3, copies.PERMUTATIONS)).astype(np.uint32)
        for query in [*queries, signatures[row]]:
            pairs = (signatures[:row + 1] == query).reshape(row + 1, copies.BANDS, copies.ROWS)
            expected = set(np.flatnonzero(pairs.all(axis=2).any(axis=1)).tolist())
            assert bands.query(query) == expected
    assert bands.recent_count < 60 - 20  # sorted in along the way


def test_a_run_started_on_a_store_finds_copies_of_its_documents(store: Store) -> None:
    """The index built from stored signatures finds what the run that stored them found."""
    wire = WireCopies(store)
    wire.link(stored(store, ORIGINAL, "wire", date(2026, 3, 2)))
    wire.link(stored(store, FOLLOW_UP, "follow-up", date(2026, 3, 5)))
    later = WireCopies(store)
    assert later.rows == {"wire": 0, "follow-up": 1}
    (link,) = later.link(stored(store, REPUBLISHED, "coastal", date(2026, 3, 3)))
    assert (link.document_id, link.copy_of_id) == ("coastal", "wire")


def test_a_signature_is_datasketchs_minhash_of_the_shingles() -> None:
    """Signatures are computed here, all shingles at once, and stored: they must be the values
    datasketch's MinHash (SHA-1, affine32, seed 1) gives, or stored ones would stop matching."""
    from datasketch import MinHash

    rng = np.random.default_rng(7)
    words = ["wire", "copy", "said", "minister", "£600m", "café", "nuño", "2005", "a", "the"]
    texts = [" ".join(rng.choice(words, size=n)) for n in (0, 1, 4, 5, 6, 40, 400)]
    texts += [ORIGINAL, REPUBLISHED, BRIEF]
    for found in [*(shingles(text) for text in texts), {"café au lait", "naïve ½"}]:
        minhash = MinHash(num_perm=copies.PERMUTATIONS, seed=copies.SEED, scheme=copies.SCHEME)
        minhash.update_batch([shingle.encode("utf-8") for shingle in found])
        assert copies.signature(found) == minhash.hashvalues.astype(np.uint32).tobytes()
