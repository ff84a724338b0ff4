"""Languages: a document in a language the extractors do not read is stored with its text and
metadata, flagged, and not analysed; short and mixed texts are never flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.export import analysis_record
from newstrace.ingest.languages import detect_language, is_read, language_tag
from newstrace.models import Document
from newstrace.pipeline import analyse, ingest
from newstrace.store import Store

GERMAN = (
    "Der Stadtrat von Westmere hat am Dienstag beschlossen, die alte Holzbrücke am Hafen "
    "abzureißen und durch einen Neubau aus Beton zu ersetzen. Die Bürgermeisterin sagte, die "
    "Arbeiten sollten im Frühjahr beginnen und vor dem nächsten Winter abgeschlossen sein. "
    "Mehrere Anwohner hatten sich zuvor über den Lärm der Baustelle beschwert."
)
FRENCH = (
    "Le conseil municipal de Westmere a décidé mardi de reconstruire la vieille jetée du port, "
    "endommagée par les tempêtes de l'hiver dernier. La maire a expliqué que les travaux "
    "commenceraient au printemps et que les pêcheurs pourraient de nouveau accoster avant la "
    "fin de l'année prochaine."
)
ENGLISH = (
    "The harbour council of Westmere voted on Tuesday to rebuild the wooden pier that storms "
    "damaged last winter. Councillor Ada Brennan said the new pier would be built of concrete "
    "and steel and should open to walkers by the end of next summer, after two members voted "
    "against the plan."
)


@pytest.mark.parametrize("text, declared, expected", [
    (GERMAN, None, "de"),
    (FRENCH, None, "fr"),
    (ENGLISH, None, "en"),
    (ENGLISH, "de", "en"),  # the text itself outweighs a page's wrong lang attribute
    # Too short to tell: not flagged, unless the input says what it is.
    ("Šakalienė told Žinių radijas on Monday.", None, "en"),
    ("Die Brücke bleibt gesperrt.", None, "en"),
    ("Die Brücke bleibt gesperrt.", "de-DE", "de"),
    # An English report quoting a German paragraph at length is read.
    (f"{ENGLISH}\n\u201c{GERMAN}\u201d\nBrennan said she agreed.", None, "en"),
])
def test_language_is_flagged_only_when_sure(text: str, declared: str | None,
                                            expected: str) -> None:
    assert detect_language(text, declared) == expected


def test_the_extractors_read_english_in_any_regional_tag() -> None:
    assert [is_read(v) for v in ("en", "en-GB", "EN_us", None, "de", "de-DE")] == [
        True, True, True, True, False, False]


def test_language_tags_are_read_as_bare_codes() -> None:
    assert [language_tag(v) for v in ("de-DE", "en_GB", "FR", "", None, "not a tag")] == [
        "de", "en", "fr", None, None, None]


def test_a_german_document_is_stored_and_flagged_without_extraction(
    tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in [
        {"id": "de-1", "text": GERMAN, "title": "Brücke", "outlet": "Westmere Bote"},
        {"id": "fr-1", "text": FRENCH},
        {"id": "en-1", "text": ENGLISH},
    ]), encoding="utf-8")
    report = ingest([str(path)], store)
    # each record named by its file and id
    assert report.added == [f"{path} [de-1]", f"{path} [fr-1]", f"{path} [en-1]"]
    assert [(p.where, p.message) for p in report.not_analysed] == [
        (f"{path} [de-1]", "stored without extraction: language de (the extractors read English)"),
        (f"{path} [fr-1]", "stored without extraction: language fr (the extractors read English)")]
    german = store.load("de-1")
    assert german.document.text == GERMAN and german.document.title == "Brücke"
    assert german.document.language == "de"
    assert german.entities == [] and german.quotes == [] and german.events == []
    assert store.load("en-1").entities  # the English one is analysed


def test_analyse_returns_no_extractions_for_a_flagged_document() -> None:
    analysis = analyse(Document(text=FRENCH, language="fr"))
    assert (analysis.entities, analysis.quotes, analysis.events, analysis.timexes) == (
        [], [], [], [])
    assert analysis_record(analysis)["document"]["language"] == "fr"
