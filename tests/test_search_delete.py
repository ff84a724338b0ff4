"""Full-text search, deleting a document, and what SQLite and PostgreSQL must do alike (NUL
characters, JSON columns, passwords kept out of messages). The reports are ours."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Text, func, literal, select

from conftest import write_old
from newstrace.cli import main
from newstrace.errors import StoreError
from newstrace.export import analysis_record
from newstrace.models import Analysis, Document, Entity
from newstrace.pipeline import ingest
from newstrace.resolve.copies import CopyLink
from newstrace.resolve.names import fold as names_fold
from newstrace.store import Store
from newstrace.store import search as search_module
from newstrace.store.connections import reading_connection
from newstrace.store.reading import MAX_IN, SEPARATORS, may_hold_words
from newstrace.store.schema import (
    boilerplate,
    document_copies,
    document_signatures,
    documents,
    entities,
    events,
    mentions,
    quotes,
    search_rows,
    stories,
    timexes,
)
from newstrace.store.search import documents_quoting
from newstrace.views import quotes as quotes_view
from newstrace.views.quotes import Said, quote_rows, quote_stream
from newstrace.views.shared import matches

HARBOUR = {"id": "harbour", "title": "Harbour reopens", "published": "2025-04-07",
           "text": "“The harbour of Klaipėda reopens on Monday,” Port Director Rūta Vaitkutė "
                   "told Radio North. Ships had waited outside for a week."}
BRIDGE = {"id": "bridge", "title": "Bridge vote in May", "published": "2025-04-08",
          "text": "Mayor Tomas Kalnis said the bridge vote would be held in May. Residents of "
                  "Klaipėda asked for more time, and Councillor Ona Petrauskienė agreed on "
                  "Tuesday."}
# Quotes with accents, a decimal, an apostrophe and a hyphenated word, for the statements'
# text filter.
SAID = [
    {"id": "exports", "published": "2025-04-07",
     "text": "“Exports through the harbour of Klaipėda fell 2.5 percent in March,” Port "
             "Director Rūta Vaitkutė told Radio North. Ships had waited outside for a week."},
    {"id": "desk", "published": "2025-04-08",
     "text": "“We won't close the e-mail desk before the winter,” Mayor Tomas Kalnis said on "
             "Monday. Residents asked for more time."},
    {"id": "bridge", "published": "2025-04-09",
     "text": "“The bridge over the harbour stays open,” Councillor Ona Petrauskienė said. "
             "“Nobody wants another winter of detours.”"},
]
# A quote whose words fold to other letters ("ß" as "ss"), the second of its document.
STREET = {"id": "street", "published": "2025-04-10",
          "text": "Mayor Jürgen Groß spoke on Friday. “Nobody likes the detour,” he said. "
                  "“The Hauptstraße stays closed until May,” Groß added."}
TABLES = [mentions, quotes, events, timexes, stories, boilerplate, document_signatures,
          search_rows]


def stored_reports(tmp_path: Path, store: Store, *records: dict[str, str]) -> list[str]:
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    report = ingest([str(path)], store)
    assert report.problems == [] and len(report.added) == len(records)
    return [str(path)]


def test_search_finds_statements_and_documents_with_their_spans(
    tmp_path: Path, db_store: Store
) -> None:
    stored_reports(tmp_path, db_store, HARBOUR, BRIDGE)
    hits = db_store.search("KLAIPEDA")  # case and accents ignored
    assert {(h["kind"], h["document"]) for h in hits} >= {
        ("document", "harbour"), ("document", "bridge"), ("statement", "harbour")}
    texts = {r["id"]: r["text"] for r in (HARBOUR, BRIDGE)}
    for hit in hits:
        assert hit["text"] == texts[hit["document"]][hit["start"]:hit["end"]]
        assert "Klaipėda" in hit["text"] + (hit["speaker"] or "")  # the quote, or who said it
    (said,) = [h for h in hits if h["kind"] == "statement" and h["document"] == "harbour"]
    assert said["text"] == "The harbour of Klaipėda reopens on Monday"
    assert said["speaker"] == "Rūta Vaitkutė"
    by_speaker = db_store.search("vaitkute", kind="statement")  # not in the quote: its speaker
    assert [(h["document"], h["start"]) for h in by_speaker] == [("harbour", said["start"])]
    assert [h["document"] for h in db_store.search("bridge vote", kind="document")] == ["bridge"]
    assert db_store.search("vote bridge klaipeda harbour") == []  # every word, or no hit


def test_phrases_limits_and_pages(tmp_path: Path, db_store: Store) -> None:
    stored_reports(tmp_path, db_store, HARBOUR, BRIDGE)
    assert {h["document"] for h in db_store.search('"reopens on Monday"')} == {"harbour"}
    assert db_store.search('"Monday on reopens"') == []
    everything = db_store.search("klaipeda", limit=10)
    assert len(everything) >= 3 and everything == sorted(
        everything, key=lambda h: -h["score"])
    assert [db_store.search("klaipeda", limit=1, offset=n)[0]
            for n in range(len(everything))] == everything
    assert db_store.search("klaipeda", limit=1, offset=len(everything)) == []


def test_the_best_hits_are_those_of_every_hit_sorted(tmp_path: Path, store: Store,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A search's page is the page of every hit sorted by score, document, start and id,
    however many rows tie at its last score (SQLite reads the best by score alone, then
    the rows that tie with the last wanted)."""
    places = ["Klaipėda", "Riga", "Tallinn", "Gdańsk", "Turku", "Oulu"]
    stored_reports(tmp_path, store, *(
        # ids out of the order stored, as the index numbers its rows
        {"id": f"port_{n * 7 % 24:02d}", "title": f"Port news {n}",
         "published": f"2025-04-{n + 1:02d}",
         "text": f"“The harbour of {place} reopens on Monday,” Port Director Rūta Vaitkutė "
                 f"told Radio North. {'Ships had waited. ' * (n % 3)}Berth {n + 10} is free."}
        for n, place in enumerate(places * 4)))

    def every_hit(query: str) -> list[tuple[Any, ...]]:
        match = " ".join(f'"{w}"' for w in search_module.parse(query)[0])
        with reading_connection(store) as conn:
            return [tuple(row) for row in conn.exec_driver_sql(
                'SELECT r.document_id, r.kind, r.start, r."end", r.speaker, '
                "round(-bm25(search_text, 2.0, 1.0), 6) AS score FROM search_text "
                "JOIN search_rows AS r ON r.id = search_text.rowid WHERE search_text MATCH ? "
                "ORDER BY -bm25(search_text, 2.0, 1.0) DESC, r.document_id, r.start, r.id",
                (match,))]

    def shown(hits: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(h["document"], h["kind"], h["start"], h["end"], h["speaker"], h["score"])
                for h in hits]

    for query in ["harbour", "reopens monday", "vaitkute", "harbour ships"]:
        whole = every_hit(query)
        scores = [row[-1] for row in whole]
        assert len(whole) > 10 and len(set(scores)) < len(scores) / 2, query  # ties
        for tied in (search_module.TIED, 1):
            monkeypatch.setattr(search_module, "TIED", tied)
            for limit, offset in [(1, 0), (3, 0), (5, 2), (7, 7), (20, 0), (4, len(whole) - 2),
                                  (len(whole) + 5, 0)]:
                assert shown(store.search(query, limit=limit, offset=offset)) == \
                    whole[offset:offset + limit], (query, tied, limit, offset)


@pytest.mark.parametrize("query", [
    'klaipeda OR "', "NEAR(klaipeda harbour)", "klaip*", "title:klaipeda", "-klaipeda",
    "') DROP TABLE documents; --", "klaipeda & !harbour | x", "^klaipeda", "'", '"', "\x00",
    "{harbour} : col", "x" * 3000,
])
def test_a_query_is_words_never_syntax(tmp_path: Path, db_store: Store, query: str) -> None:
    stored_reports(tmp_path, db_store, HARBOUR)
    hits = db_store.search(query)
    assert all(h["document"] == "harbour" for h in hits)
    assert db_store.document_ids() == ["harbour"]


def test_delete_takes_out_all_a_document_contributed(tmp_path: Path, db_url: str) -> None:
    store = Store(db_url)
    paths = stored_reports(tmp_path, store, HARBOUR, BRIDGE)
    third = {"id": "third", "text": "Tomas Kalnis opened the bridge in Klaipėda on Friday."}
    stored_reports(tmp_path / "..", store, third)
    store.save_copies("bridge", b"\0" * 8, 1, [CopyLink("bridge", "harbour", 0.5, 0.7)])
    store.save_copies("third", b"\0" * 8, 1, [CopyLink("third", "bridge", 0.4, 0.6)])
    before = {doc_id: analysis_record(store.load(doc_id)) for doc_id in ("harbour", "third")}
    bridge_only = {e.id for e in store.load("bridge").entities} - {
        e.id for doc_id in ("harbour", "third") for e in store.load(doc_id).entities}
    kalnis = {e.id for e in store.load("bridge").entities if e.name == "Tomas Kalnis"}
    assert bridge_only and kalnis and not kalnis & bridge_only

    store.delete("bridge")
    assert store.document_ids() == ["third", "harbour"]  # undated first
    with store.engine.connect() as conn:
        for table in TABLES:
            assert conn.execute(select(func.count()).select_from(table).where(
                table.c.document_id == "bridge")).scalar_one() == 0, table.name
        assert conn.execute(select(func.count()).select_from(document_copies)).scalar_one() == 0
        left = {row[0] for row in conn.execute(select(entities.c.id))}
        assert conn.execute(select(documents.c.id).where(
            documents.c.id == "bridge")).first() is None
    assert not bridge_only & left and kalnis <= left  # Kalnis is also in "third"
    assert store.search("residents") == []
    after = {doc_id: analysis_record(store.load(doc_id)) for doc_id in before}
    for record in before.values():
        record["document"].pop("copy_of", None), record["document"].pop("copied_by", None)
    for record in after.values():
        record["document"].pop("copy_of", None), record["document"].pop("copied_by", None)
    assert after == before

    with pytest.raises(StoreError, match="no document 'bridge'"):
        store.delete("bridge")
    again = ingest(paths, store)  # the same input stores it again
    assert again.added == [f"{paths[0]} [bridge]"] and len(again.skipped) == 1
    assert {h["document"] for h in store.search("residents")} == {"bridge"}


def test_the_cli_searches_and_deletes(tmp_path: Path, db_url: str) -> None:
    stored_reports(tmp_path, Store(db_url), HARBOUR, BRIDGE)
    runner = CliRunner()
    found = runner.invoke(main, ["search", "Klaipėda harbour", "--db", db_url,
                                 "--format", "json", "--limit", "5"])
    assert found.exit_code == 0, found.output
    assert {hit["document"] for hit in json.loads(found.output)} == {"harbour"}
    unknown = runner.invoke(main, ["delete", "harbour", "no-such-id", "--db", db_url])
    assert unknown.exit_code == 1 and "no document 'no-such-id'" in unknown.output
    assert set(Store(db_url).document_ids()) == {"harbour", "bridge"}  # nothing deleted
    done = runner.invoke(main, ["delete", "harbour", "--db", db_url])
    assert done.exit_code == 0, done.output
    assert Store(db_url).document_ids() == ["bridge"]


def test_a_version_6_database_gains_the_search_index(db_url: str) -> None:
    write_old(db_url, """
        CREATE TABLE newstrace_meta (key VARCHAR(40) PRIMARY KEY, value VARCHAR(200));
        INSERT INTO newstrace_meta VALUES ('schema_version', '6');
        CREATE TABLE documents (id VARCHAR(200) PRIMARY KEY, content_hash VARCHAR(64) NOT NULL
                                UNIQUE, file TEXT, url TEXT, title TEXT, outlet TEXT,
                                published DATE, language VARCHAR(8), text TEXT NOT NULL,
                                source_kind VARCHAR(8), source TEXT, author TEXT);
        INSERT INTO documents VALUES ('old', 'h-old', NULL, NULL, 'Ferry news', NULL, NULL,
                                      'en', 'Captain Ilze Berzina said: "The ferry sails at dawn."',
                                      'text', NULL, NULL);
        CREATE TABLE entities (id VARCHAR(40) PRIMARY KEY, type VARCHAR(16) NOT NULL,
                               name TEXT NOT NULL, known_as VARCHAR(80), identifiers JSON,
                               name_key VARCHAR(120));
        INSERT INTO entities VALUES ('ent_ilze', 'PERSON', 'Ilze Bērziņa', NULL, '{}', 'berzina');
        CREATE TABLE quotes (document_id VARCHAR(200), speaker_id VARCHAR(40), speaker_text TEXT,
                             kind VARCHAR(16), content_start INTEGER, content_end INTEGER,
                             source JSON, cue JSON, medium_id VARCHAR(40), relays JSON,
                             date VARCHAR(32), confidence FLOAT, parts JSON);
        INSERT INTO quotes VALUES ('old', 'ent_ilze', 'Captain Ilze Berzina', 'direct', 28, 52,
                                   NULL, NULL, NULL, '[]', NULL, 0.9, '[]')
    """)
    store = Store(db_url)
    hits = store.search("ferry")
    assert sorted((h["kind"], h["text"]) for h in hits) == [
        ("document", 'Captain Ilze Berzina said: "The ferry sails at dawn."'),
        ("statement", "The ferry sails at dawn.")]
    assert [h["speaker"] for h in store.search("berzina", kind="statement")] == ["Ilze Bērziņa"]
    assert [h["kind"] for h in Store(db_url).search("news")] == ["document"]  # by its title


def test_nul_is_read_as_a_replacement_character_on_both_databases(
    tmp_path: Path, db_store: Store
) -> None:
    record = {"id": "nul", "title": "Tallinn\u0000 today", "text": "Tallinn was\u0000calm."}
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    raw = tmp_path / "raw.txt"
    raw.write_bytes(b"Riga was\x00calm on Monday, the mayor said." + b" All was well." * 20)
    report = ingest([str(path), str(raw)], db_store)
    assert report.problems == [] and len(report.added) == 2
    stored = db_store.load("nul").document
    assert (stored.text, stored.title) == ("Tallinn was\ufffdcalm.", "Tallinn\ufffd today")
    (other,) = [i for i in db_store.document_ids() if i != "nul"]
    assert db_store.load(other).document.text.index("\ufffd") == 8  # one for one
    with pytest.raises(StoreError, match=r"character 3 of the text is a NUL"):
        db_store.save(Analysis(Document(text="abc\x00d", id="direct")))


def test_json_columns_come_back_as_they_went_in(db_store: Store) -> None:
    identifiers = {"iso": "LT", "wikidata": ["Q37", "Q216"], "note": "Žemaitija \"quoted\""}
    db_store.save(Analysis(Document(text="Lithuania spoke.", id="j"),
                           entities=[Entity("ent_lt", "GPE", "Lithuania",
                                            identifiers=identifiers)]))
    assert db_store.entity_rows()["ent_lt"]["identifiers"] == identifiers


def test_a_wrong_password_is_refused_without_being_shown(postgres: str) -> None:
    from sqlalchemy import make_url

    real = make_url(postgres)
    wrong = real.set(password="Wrong-Secret-123").render_as_string(hide_password=False)
    with pytest.raises(StoreError) as refused:
        Store(wrong)
    message = str(refused.value)
    assert "password authentication failed" in message
    assert "Wrong-Secret-123" not in message and str(real.password) not in message
    assert f"{real.username}:***@" in message
    for command in (["summary", "--db", wrong], ["search", "x", "--db", wrong],
                    ["delete", "x", "--db", wrong], ["ingest", "nothing.txt", "--db", wrong],
                    ["serve", "--db", wrong]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code != 0
        assert "Wrong-Secret-123" not in result.output, command


def test_documents_come_in_the_same_order_on_both_databases(db_store: Store) -> None:
    from datetime import date

    for doc_id, published in (("b", date(2025, 1, 2)), ("a", None), ("c", date(2025, 1, 1))):
        db_store.save(Analysis(Document(text=f"Report {doc_id}.", id=doc_id,
                                        published=published)))
    assert db_store.document_ids() == ["a", "c", "b"]  # undated first, then by day


def test_every_change_to_what_is_stored_is_counted(tmp_path: Path, db_url: str) -> None:
    store = Store(db_url)
    assert store.generation() == 0
    stored_reports(tmp_path, store, HARBOUR, BRIDGE)
    assert store.generation() == 2  # a document's transaction counts one change
    ingest([str(tmp_path / "reports.jsonl")], store)
    assert store.generation() == 2  # nothing stored again: nothing changed
    # its signature was stored with it: a second one is refused, nothing changes
    store.save_copies("bridge", b"\0" * 8, 1, [CopyLink("bridge", "harbour", 0.5, 0.7)])
    assert store.generation() == 2
    store.delete("bridge")
    assert Store(db_url).generation() == 3  # kept in the store, seen by any process


@pytest.mark.parametrize("words", [
    "KLAIPĖDA", "klaipeda", "harb", "the harbour of", "2.5", "fell 2.5 per", "won't",
    "WON'T CLOSE", "e-mail", "e-mail desk", "winter", "Vaitkutė", "desk winter", "zebra"])
def test_the_statements_text_filter_reads_the_index_and_keeps_what_it_kept(
    tmp_path: Path, db_store: Store, words: str
) -> None:
    stored_reports(tmp_path, db_store, *SAID)
    every = quote_rows(db_store)
    assert quote_rows(db_store, text=words) == [
        row for row in every if matches(words, row["quote"])]
    # the documents come from the index (a statement's speaker is not its words)
    with reading_connection(db_store) as conn:
        quoting = documents_quoting(conn, words, MAX_IN)
    assert quoting is not None
    assert quoting >= {row["document"] for row in every if matches(words, row["quote"])}
    assert quoting == set() or words != "Vaitkutė"


def test_the_words_test_in_sql_keeps_every_text_the_filter_keeps(db_store: Store) -> None:
    """``may_hold_words`` (SQL) holds for every text whose folded words hold the needle's
    (`matches`), on both databases: texts of ASCII, accented and folded-apart letters,
    characters folding to nothing, curly quotes and dashes; and it is false for a text of
    ASCII and those punctuation marks alone that does not hold the words in order."""
    for separator in SEPARATORS:  # each read as a space by folding, as the SQL reads it
        assert names_fold(f"a{separator}b") == "a b"
    rng = random.Random(7)
    pieces = ["the", "harbour", "won't", "e-mail", "2.5", "Klaipėda", "STRAẞE", "Straße",
              "İstanbul", "ﬁnal", "½", "Łódź", "a\u200bb", "soft\u00adly", " ", ", ", "-",
              *SEPARATORS]
    with reading_connection(db_store) as conn:
        def holds(text: str, needle: str) -> bool:
            test = may_hold_words(literal(text, Text), needle)
            return True if test is None else bool(conn.execute(select(test)).scalar())

        for _ in range(250):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
            folded = names_fold(text)
            start = rng.randint(0, len(folded))
            for needle in (folded[start:start + rng.randint(1, 12)], rng.choice(pieces),
                           folded.upper()):
                if matches(needle, text):
                    assert holds(text, needle), (text, needle)
        said = "We won’t close the “e-mail” desk — not before winter…\u00a0Never."
        assert holds(said, "WON'T close") and holds(said, "desk  winter")
        assert not holds(said, "zebra") and not holds(said, "winter desk")
        assert holds("Klaipėda", "zebra")  # a letter folding may spell otherwise


@pytest.mark.parametrize("narrowed", [True, False])
def test_a_text_filtered_list_is_the_whole_list_filtered_from_any_place(
    tmp_path: Path, db_store: Store, monkeypatch: pytest.MonkeyPatch, narrowed: bool
) -> None:
    """The statements holding some words are the whole list's, each at the place it has
    there (a page's cursor counts every statement of its document), read a batch of any
    size at a time and resumed from any place: in the documents the full-text index gives
    (``narrowed``) or, as for words in more statements than an IN list takes, in all."""
    stored_reports(tmp_path, db_store, *SAID, STREET)
    limit = MAX_IN if narrowed else 0
    monkeypatch.setattr(quotes_view, "MAX_IN", limit)
    whole = list(quote_stream(db_store, Said()))
    assert any("Hauptstraße" in row["quote"] for _, row in whole)
    for words in ["hauptstrasse", "STRASSE stays", "winter", "the", "e mail", "fell 2.5",
                  "nobody likes", "detour", "zebra", "?!"]:
        with reading_connection(db_store) as conn:
            indexed = documents_quoting(conn, words, limit)
        wanted = [(place, row) for place, row in whole if matches(words, row["quote"])
                  and (indexed is None or row["document"] in indexed)]
        # found but for words no statement holds as the index has them ("strasse" is no
        # word of it: the index says no statement holds them)
        assert bool(wanted) == (words not in ("zebra", "STRASSE stays")), words
        for first in (1, 2, None):
            assert list(quote_stream(db_store, Said(text=words), wanted=first)) == wanted
        for n, (place, _) in enumerate(wanted):
            assert list(quote_stream(db_store, Said(text=words), place, 1)) == wanted[n + 1:]


def test_the_relay_filter_finds_a_medium_on_both_databases(tmp_path: Path,
                                                           db_store: Store) -> None:
    stored_reports(tmp_path, db_store, *SAID)
    relayed = quote_rows(db_store, relay="radio north")
    assert [row["document"] for row in relayed] == ["exports"]
    assert relayed == [row for row in quote_rows(db_store)
                       if matches("radio north", row["medium"], *row["relays"])]
