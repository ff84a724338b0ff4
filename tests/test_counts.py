"""The counts kept as documents are stored and deleted (store/counts.py): right after every
save and delete, the same as counting everything again, built for an older store when it is
opened, and what the rankings, the summary and the name filters read."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import delete, select, update

from conftest import write_old
from newstrace.models import Analysis, Document, Entity, Event, Mention, Quote, Span, Story
from newstrace.store import Store
from newstrace.store.counts import recount
from newstrace.store.reading import holding, matching_values
from newstrace.store.schema import (
    entity_counts,
    entity_documents,
    events,
    meta,
    value_counts,
)
from newstrace.views.entities import entity_rows
from newstrace.views.shared import matching_entities
from newstrace.views.summary import summary_record
from newstrace.views.timeline import timeline_rows

COUNT_TABLES = (entity_counts, entity_documents, value_counts)


def person(entity_id: str, name: str, *written: tuple[int, str]) -> Entity:
    return Entity(entity_id, "PERSON", name, [
        Mention(Span(start, start + len(text)), text, "PERSON", "ner", entity_id)
        for start, text in written])


def report(document_id: str, day: str, outlet: str, text: str, found: list[Entity],
           said: list[Quote], told: list[Event]) -> Analysis:
    return Analysis(document=Document(text=text, id=document_id, outlet=outlet,
                                      published=date.fromisoformat(day)),
                    stories=[Story(Span(0, len(text)))], entities=found, quotes=said,
                    events=told)


# Two reports that share a speaker (written two ways) and an event; the first also relays
# through an agency it never mentions and names a crowd no entity stands for.
FIRST_TEXT = "Ona Petraityte said: “We will wait.” Petraityte met Jonas Kalnis, Nordic Wire said."
SECOND_TEXT = "Ona Petraitytė said: “We will not wait.” Crowds met Petraitytė."


def first() -> Analysis:
    ona = person("ent_ona", "Ona Petraityte", (0, "Ona Petraityte"), (37, "Petraityte"))
    jonas = person("ent_jonas", "Jonas Kalnis", (52, "Jonas Kalnis"))
    wire = Entity("ent_wire", "OUTLET", "Nordic Wire")
    meeting = Event("evt_meeting", "meeting", Span(37, 65), {"actor": "ent_ona",
                                                              "target": "ent_jonas"},
                    date="2025-03-04", texts={"place": "the old harbour"})
    return report("first", "2025-03-05", "Riga Daily", FIRST_TEXT, [ona, jonas, wire],
                  [Quote(Span(22, 35), "direct", "ent_ona", "Ona Petraityte",
                         relays=["ent_wire"], date="2025-03-05")], [meeting])


def second() -> Analysis:
    ona = person("ent_ona", "Ona Petraitytė", (0, "Ona Petraitytė"), (52, "Petraitytė"))
    meeting = Event("evt_meeting", "meeting", Span(41, 64), {"actor": "ent_ona"},
                    date="2025-03-04")
    return report("second", "2025-03-06", "Vilnius Radio", SECOND_TEXT, [ona],
                  [Quote(Span(22, 39), "direct", "ent_ona", "Ona Petraitytė")], [meeting])


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.engine.connect() as conn:
        return {table.name: sorted(tuple(row) for row in conn.execute(select(table)))
                for table in COUNT_TABLES}


def recounted(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.writing() as conn:
        recount(conn)
    return snapshot(store)


def test_counts_follow_each_save_and_delete(db_store: Store) -> None:
    db_store.save(first())
    db_store.save(second(), better_names={"ent_ona": "Ona Petraitytė"})
    kept = snapshot(db_store)
    assert kept == recounted(db_store)
    ona = next(row for row in entity_rows(db_store) if row["id"] == "ent_ona")
    assert (ona["name"], ona["documents"], ona["mentions"], ona["statements"]) == (
        "Ona Petraitytė", 2, 4, 2)
    assert ona["aliases"] == {"Ona Petraityte": 1, "Petraityte": 1, "Ona Petraitytė": 1,
                              "Petraitytė": 1}
    wire = next(row for row in entity_rows(db_store) if row["id"] == "ent_wire")
    assert (wire["documents"], wire["mentions"]) == (1, 0)  # relays, never mentioned
    summary = summary_record(db_store, 5)
    assert summary["counts"] == {"documents": 2, "stories": 2, "entities": 2,
                                 "statements": 2, "events": 1}
    assert summary["entities_by_type"] == {"PERSON": 2}
    assert summary["event_types"] == [{"type": "meeting", "events": 1, "reports": 2}]
    assert [(o["outlet"], o["first"]) for o in summary["outlets"]] == [
        ("Riga Daily", "2025-03-05"), ("Vilnius Radio", "2025-03-06")]
    assert [(s["name"], s["documents"], s["statements"]) for s in summary["speakers"]] == [
        ("Ona Petraitytė", 2, 2)]
    # the stored name as it now stands: the older spelling stays only as an alias
    assert matching_entities(db_store, "petraitytė", with_aliases=False) == {"ent_ona"}
    with db_store.engine.connect() as conn:
        names = conn.execute(select(value_counts.c.detail).where(
            value_counts.c.kind == "name", value_counts.c.value == "ent_ona")).scalars().all()
    assert names == ["Ona Petraitytė"]

    db_store.delete("first")
    assert snapshot(db_store) == recounted(db_store)
    assert {row["id"] for row in entity_rows(db_store)} == {"ent_ona"}  # Jonas, the wire gone
    summary = summary_record(db_store, 5)
    assert summary["counts"] == {"documents": 1, "stories": 1, "entities": 1,
                                 "statements": 1, "events": 1}
    assert summary["event_types"] == [{"type": "meeting", "events": 1, "reports": 1}]
    assert matching_values(db_store, ["phrase"], "harbour") == set()
    db_store.delete("second")
    assert snapshot(db_store) == {"entity_counts": [], "entity_documents": [],
                                  "value_counts": []}
    db_store.save(first())
    assert snapshot(db_store) == recounted(db_store)


def test_an_older_store_is_counted_when_opened(db_url: str) -> None:
    store = Store(db_url)
    store.save(first())
    store.save(second())
    kept = snapshot(store)
    with store.writing() as conn:
        for table in COUNT_TABLES:
            conn.execute(delete(table))
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="7"))
    assert snapshot(store)["entity_counts"] == []
    assert snapshot(Store(db_url)) == kept


def test_name_filters_match_in_sql_accents_and_case_ignored(db_store: Store) -> None:
    db_store.save(first())
    db_store.save(second())
    assert matching_entities(db_store, "PETRAITYTE") == {"ent_ona"}
    assert matching_entities(db_store, "kalnis") == {"ent_jonas"}
    assert matching_entities(db_store, "ent_wire") == {"ent_wire"}  # by its id
    assert matching_entities(db_store, "nordic") == {"ent_wire"}  # its stored name
    assert matching_values(db_store, ["outlet"], "vilnius") == {"Vilnius Radio"}
    assert matching_values(db_store, ["phrase"], "OLD HARBOUR") == {"the old harbour"}
    assert [row["event"] for row in timeline_rows(db_store, entity="harbour")] == [
        "evt_meeting"]
    assert [row["id"] for row in entity_rows(db_store, name="kalnis")] == ["ent_jonas"]


def test_like_patterns_take_an_underscore_and_a_percent_literally(db_store: Store) -> None:
    db_store.save(first())
    with db_store.engine.connect() as conn:
        def found(entity_id: str) -> list[str]:
            return conn.execute(select(events.c.event_id).where(
                holding(events.c.args, [entity_id]))).scalars().all()

        assert found("ent_ona") == ["evt_meeting"]
        assert found("ent_on_") == [] and found("ent%ona") == [] and found("ent_%") == []


def test_a_version_7_store_numbers_its_events_in_the_order_stored(db_url: str) -> None:
    write_old(db_url, """
        CREATE TABLE newstrace_meta (key VARCHAR(40) PRIMARY KEY, value VARCHAR(200));
        INSERT INTO newstrace_meta VALUES ('schema_version', '7');
        CREATE TABLE documents (id VARCHAR(200) PRIMARY KEY, content_hash VARCHAR(64) NOT NULL
                                UNIQUE, file TEXT, url TEXT, title TEXT, outlet TEXT,
                                published DATE, language VARCHAR(8), text TEXT NOT NULL,
                                source_kind VARCHAR(8), source TEXT, author TEXT);
        INSERT INTO documents VALUES ('old', 'h-old', NULL, NULL, NULL, 'Riga Daily',
                                      '2025-03-05', 'en', 'Crowds marched. Talks began.',
                                      'text', NULL, NULL);
        CREATE TABLE events (document_id VARCHAR(200) NOT NULL, event_id VARCHAR(40) NOT NULL,
                             type VARCHAR(40), date VARCHAR(32), date_text TEXT,
                             status VARCHAR(16), plover VARCHAR(40), args JSON,
                             evidence_start INTEGER, evidence_end INTEGER, step VARCHAR(16));
        INSERT INTO events VALUES ('old', 'evt_talks', 'meeting', NULL, NULL, 'happened',
                                   'CONSULT', '{}', 16, 28, NULL);
        INSERT INTO events VALUES ('old', 'evt_march', 'protest', NULL, NULL, 'happened',
                                   'PROTEST', '{"actor": "the crowds"}', 0, 15, NULL)
    """)
    store = Store(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(select(events.c.id, events.c.event_id).order_by(events.c.id)
                            ).all() == [(1, "evt_talks"), (2, "evt_march")]
    assert [e.id for e in store.load("old").events] == ["evt_talks", "evt_march"]
    assert summary_record(store, 5)["counts"]["events"] == 2
    assert matching_values(store, ["phrase"], "crowds") == {"the crowds"}
    store.save(second())
    with store.engine.connect() as conn:
        assert conn.execute(select(events.c.id).where(events.c.document_id == "second")
                            ).scalars().all() == [3]


def test_a_very_long_speaker_or_phrase_is_stored_and_not_counted(db_store: Store) -> None:
    # PostgreSQL refuses index keys over about 2,700 bytes: such a value is left uncounted
    text = "The committee said: “We wait.” " + "x" * 10
    # words that do not compress (PostgreSQL compresses a key before it measures it)
    long_words = "the joint regional " + " ".join(
        hashlib.sha1(str(i).encode()).hexdigest()[:8] for i in range(600))
    said = Quote(Span(20, 29), "direct", None, long_words, date="2025-03-05")
    held = Event("evt_long", "meeting", Span(0, 13), {"actor": long_words})
    db_store.save(report("long", "2025-03-05", "Riga Daily", text, [], [said], [held]))
    assert snapshot(db_store) == recounted(db_store)
    assert summary_record(db_store, 5)["counts"]["statements"] == 1
    assert matching_values(db_store, ["speaker", "phrase"], "joint regional") == set()
