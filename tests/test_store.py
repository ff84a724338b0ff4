"""Ingest into a fresh database: idempotent, bad inputs reported, nothing lost."""

import json
from pathlib import Path

from sqlalchemy import inspect, select, update

from conftest import write_old
from newstrace.export import analysis_record
from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.store.migrations import SCHEMA_VERSION
from newstrace.store.schema import events, meta

REPORT = "“We will stay the course,” Estonian Prime Minister Kristen Michal said on Monday."


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_same_content_twice_adds_nothing(tmp_path: Path, db_store: Store) -> None:
    store = db_store
    first = write(tmp_path / "a.txt", REPORT)
    copy = write(tmp_path / "copy.txt", REPORT)
    assert ingest([first], store).added == [first]
    again = ingest([first, copy], store)
    assert again.added == [] and again.skipped == [first, copy]
    assert len(store.document_ids()) == 1


def test_bad_inputs_are_named_and_the_run_goes_on(tmp_path: Path, db_store: Store) -> None:
    store = db_store
    jsonl = write(tmp_path / "batch.jsonl", "\n".join([
        json.dumps({"id": "r1", "text": REPORT, "published": "2025-03-03", "outlet": "ERR"}),
        "{not json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "r4", "text": ""}),
        json.dumps({"id": "r5", "text": "Vilnius was calm.", "published": "03/03/2025"}),
        json.dumps({"id": "r6", "text": "Riga was calm too.", "url": "https://example.org/6"}),
    ]))
    binary = write(tmp_path / "image.txt", bytes(range(256)) * 4)
    missing = str(tmp_path / "missing.txt")
    report = ingest([jsonl, binary, missing], store)
    assert [p.where for p in report.problems] == [
        f"{jsonl}:2", f"{jsonl}:3", f"{jsonl}:4", f"{jsonl}:5", binary, missing]
    assert "not valid JSON" in report.problems[0].message
    assert "YYYY-MM-DD" in report.problems[3].message
    assert sorted(store.document_ids()) == ["r1", "r6"]
    stored = store.load("r1")
    assert stored.document.outlet == "ERR" and str(stored.document.published) == "2025-03-03"


def test_export_round_trips_offsets(tmp_path: Path, db_store: Store) -> None:
    store = db_store
    ingest([write(tmp_path / "a.txt", REPORT)], store)
    (analysis,) = list(store.analyses())
    record = analysis_record(analysis)
    text = record["text"]
    assert text == REPORT
    assert record["document"]["file"].endswith("a.txt")
    (quote,) = record["quotes"]
    assert quote["content"]["text"] == text[quote["content"]["start"]:quote["content"]["end"]]
    speaker = next(e for e in record["entities"] if e["id"] == quote["speaker"])
    assert speaker["name"] == "Kristen Michal"
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]


def test_a_failing_document_does_not_stop_the_batch(
    tmp_path: Path, store: Store, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import newstrace.pipeline as pipeline

    real = pipeline.analyse

    def flaky(document, options=None):  # type: ignore[no-untyped-def]
        if "boom" in document.text:
            raise RuntimeError("simulated crash")
        return real(document, options)

    monkeypatch.setattr(pipeline, "analyse", flaky)
    good = write(tmp_path / "good.txt", REPORT)
    bad = write(tmp_path / "bad.txt", "boom goes the parser")
    report = pipeline.ingest([bad, good], store)
    assert report.added == [good]
    assert report.problems[0].where == bad and "simulated crash" in report.problems[0].message
    assert len(store.document_ids()) == 1


def test_people_unknown_to_the_gazetteer_link_across_documents(
    tmp_path: Path, db_store: Store
) -> None:
    store = db_store
    texts = ["Mayor Jonas Petraitis opened the new bridge in Alytus on Monday.",
             "Petraitis said the bridge would cut travel times.",
             "Petras Petraitis, a local farmer, did not agree."]
    paths = [write(tmp_path / f"{i}.txt", text) for i, text in enumerate(texts)]
    ingest(paths, store)
    ids = {}
    for analysis in store.analyses():
        for entity in analysis.entities:
            if entity.type == "PERSON":
                ids[next(iter(entity.aliases()))] = entity.id
    assert ids["Jonas Petraitis"] == ids["Petraitis"]
    assert ids["Petras Petraitis"] != ids["Jonas Petraitis"]
    names = {row["name"] for row in store.entity_rows().values() if row["type"] == "PERSON"}
    assert names == {"Jonas Petraitis", "Petras Petraitis"}


def test_a_version_1_database_is_migrated(db_url: str) -> None:
    write_old(db_url, """
        CREATE TABLE newstrace_meta (key VARCHAR(40) PRIMARY KEY, value VARCHAR(200));
        INSERT INTO newstrace_meta VALUES ('schema_version', '1');
        CREATE TABLE entities (id VARCHAR(40) PRIMARY KEY, type VARCHAR(16) NOT NULL,
                               name TEXT NOT NULL, known_as VARCHAR(80), identifiers JSON);
        INSERT INTO entities VALUES ('ent_x', 'PERSON', 'Jonas Petraitis', NULL, '{}');
        CREATE TABLE quotes (document_id VARCHAR(200), speaker_id VARCHAR(40), speaker_text TEXT,
                             kind VARCHAR(16), content_start INTEGER, content_end INTEGER,
                             source JSON, cue JSON, medium_id VARCHAR(40), relays JSON,
                             date VARCHAR(32), confidence FLOAT);
    """)
    store = Store(db_url)
    assert store.entity_rows()["ent_x"]["name_key"] == "petraitis"
    assert Store(db_url).entity_rows()["ent_x"]["name"] == "Jonas Petraitis"  # idempotent


def test_jsonl_text_may_hold_line_separators(tmp_path: Path, db_store: Store) -> None:
    store = db_store
    record = {"id": "u2028", "text": "Riga was calm.\u2028Tallinn too.", "published": "2025-01-02"}
    report = ingest([write(tmp_path / "sep.jsonl", json.dumps(record, ensure_ascii=False))],
                    store)
    assert report.problems == [] and store.load("u2028").document.text == record["text"]


def test_an_id_reused_for_other_content_is_reported_not_overwritten(
    tmp_path: Path, db_store: Store
) -> None:
    store = db_store
    first = write(tmp_path / "one.jsonl", json.dumps({"id": "r1", "text": REPORT}))
    second = write(tmp_path / "two.jsonl", json.dumps({"id": "r1", "text": "Other text here."}))
    ingest([first], store)
    report = ingest([second], store)
    assert report.added == [] and "already stored with other content" in report.problems[0].message
    assert store.load("r1").document.text == REPORT


def test_a_book_sized_input_is_refused_by_name(tmp_path: Path, store: Store) -> None:
    from newstrace.config import Options

    huge = write(tmp_path / "book.txt", "word " * (Options.max_document_chars // 5 + 1))
    report = ingest([huge], store)
    assert report.problems[0].where == huge and "split it" in report.problems[0].message
    assert store.document_ids() == []


def test_a_later_spelling_with_diacritics_renames_the_stored_entity(db_store: Store) -> None:
    store = db_store
    from newstrace.models import Analysis, Document, Entity
    from newstrace.resolve.crossdoc import link_analysis

    def saved(number: int, name: str) -> Analysis:
        analysis = Analysis(Document(text=f"{name} spoke.", id=f"d{number}"),
                            entities=[Entity(f"ent_{number}", "PERSON", name)])
        store.save(analysis, link_analysis(analysis, store.entities_keyed))
        return analysis

    saved(1, "Ruta Zemaityte")
    later = saved(2, "Rūta Žemaitytė")
    surname = saved(3, "Zemaityte")
    assert later.entities[0].id == surname.entities[0].id == "ent_1"
    assert store.entity_rows()["ent_1"]["name"] == "Rūta Žemaitytė"
    assert set(store.entity_rows()) == {"ent_1"}


def test_event_arguments_are_stored_as_exported_and_split_again_on_load(
        db_url: str) -> None:
    """The events table keeps one JSON object per event (role -> entity id or literal), as
    databases written before the model separated them: loading tells participants from
    phrases, figures and labels."""
    from newstrace.models import Analysis, Document, Entity, Event, Mention, Span

    text = "Norway sent tanks. Parliament voted 80 to 9 on the accord worth 2 million euros."
    document = Document(text=text, id="mixed-args")
    norway = Entity("ent_norway", "GPE", "Norway",
                    [Mention(Span(0, 6), "Norway", "GPE", "gazetteer", "ent_norway")])
    event = Event(id="evt_1", type="treaty_vote", evidence=Span(19, len(text)))
    store = Store(db_url)
    store.save(Analysis(document=document, entities=[norway], events=[event]))
    written_before = {"actor": "ent_norway", "co_actors": ["ent_norway"],
                      "target": "the accord", "motion": "treaty_ratification",
                      "votes": {"for": 80, "against": 9, "abstain": None},
                      "amount": {"value": 2000000.0, "currency": "EUR", "approximate": True}}
    with store.engine.begin() as conn:
        conn.execute(update(events).values(args=written_before))
    loaded = Store(db_url).load("mixed-args").events[0]
    assert loaded.args == {"actor": "ent_norway", "co_actors": ["ent_norway"]}
    assert loaded.texts == {"target": "the accord"}
    assert loaded.motion == "treaty_ratification"
    assert loaded.votes == {"for": 80, "against": 9, "abstain": None}
    assert loaded.amount is not None and loaded.amount["approximate"] is True
    assert loaded.arguments() == written_before


def test_a_version_3_database_loads_its_events_and_then_keeps_their_steps(db_url: str) -> None:
    """Version 4 gave events a step column: an older database's events load without one,
    and an event saved afterwards keeps its step."""
    from newstrace.models import Analysis, Document, Event, Span

    write_old(db_url, """
        CREATE TABLE newstrace_meta (key VARCHAR(40) PRIMARY KEY, value VARCHAR(200));
        INSERT INTO newstrace_meta VALUES ('schema_version', '3');
        CREATE TABLE documents (id VARCHAR(200) PRIMARY KEY, content_hash VARCHAR(64) NOT NULL
                                UNIQUE, file TEXT, url TEXT, title TEXT, outlet TEXT,
                                published DATE, language VARCHAR(8), text TEXT NOT NULL);
        INSERT INTO documents VALUES ('old', 'h-old', NULL, NULL, NULL, NULL, NULL, 'en',
                                      'Poland left the pact.');
        CREATE TABLE events (document_id VARCHAR(200), event_id VARCHAR(40) NOT NULL,
                             type VARCHAR(40), date VARCHAR(32), date_text TEXT,
                             status VARCHAR(16), plover VARCHAR(40), args JSON,
                             evidence_start INTEGER, evidence_end INTEGER);
        INSERT INTO events VALUES ('old', 'evt_old', 'treaty_withdrawal', NULL, NULL,
                                   'happened', 'REJECT', '{}', 0, 20);
    """)
    store = Store(db_url)
    loaded = store.load("old").events[0]
    assert (loaded.type, loaded.step) == ("treaty_withdrawal", None)
    text = "Finland notified the depositary."
    event = Event(id="evt_new", type="treaty_withdrawal", evidence=Span(0, len(text)),
                  step="notification")
    store.save(Analysis(document=Document(text=text, id="new"), events=[event]))
    assert Store(db_url).load("new").events[0].step == "notification"


def test_a_version_5_database_gains_the_source_columns(db_url: str) -> None:
    """Version 6 keeps what a document was read from (source_kind, the raw source, author):
    an older database opens, its documents load as plain text, and a page saved afterwards
    keeps its source."""
    from newstrace.models import Analysis, Document

    write_old(db_url, """
        CREATE TABLE newstrace_meta (key VARCHAR(40) PRIMARY KEY, value VARCHAR(200));
        INSERT INTO newstrace_meta VALUES ('schema_version', '5');
        CREATE TABLE documents (id VARCHAR(200) PRIMARY KEY, content_hash VARCHAR(64) NOT NULL
                                UNIQUE, file TEXT, url TEXT, title TEXT, outlet TEXT,
                                published DATE, language VARCHAR(8), text TEXT NOT NULL);
        INSERT INTO documents VALUES ('old', 'h-old', 'a.txt', NULL, NULL, NULL, NULL, 'en',
                                      'Riga was calm.');
    """)
    store = Store(db_url)
    columns = {column["name"] for column in inspect(store.engine).get_columns("documents")}
    assert {"source_kind", "source", "author"} <= columns
    loaded = store.load("old").document
    assert (loaded.text, loaded.source_kind, loaded.source, loaded.author) == (
        "Riga was calm.", "text", None, None)
    page = "<html><body><p>Tallinn was calm.</p></body></html>"
    store.save(Analysis(document=Document(text="Tallinn was calm.", id="new", source_kind="html",
                                          source=page, author="Mara Linden")))
    again = Store(db_url).load("new").document
    assert (again.source_kind, again.source, again.author) == ("html", page, "Mara Linden")
    record = analysis_record(Store(db_url).load("new"))["document"]
    assert (record["source_kind"], record["author"], record["language"]) == (
        "html", "Mara Linden", "en")
    with store.engine.connect() as conn:
        version = conn.execute(select(meta.c.value).where(
            meta.c.key == "schema_version")).scalar_one()
    assert version == str(SCHEMA_VERSION) == "13"
    # what it held before is found by the search index the upgrade built
    assert [hit["document"] for hit in store.search("riga")] == ["old"]
