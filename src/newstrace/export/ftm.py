"""The record as FollowTheMoney entities (the model of Aleph and OpenSanctions), with each
fact's provenance as a W3C Web Annotation.

`entities.ftm.json` holds one FtM entity per line, a document at a time:
- each document an `Article` (title, text, publication date, outlet, author, address);
- each person `Person`, organisation and outlet `Organization`, place or state
  `LegalEntity` (FtM has no country schema that can act; the state's country code is set);
  other kinds (nationalities, treaties, weapons) have no FtM schema and appear as mentions;
- each mention a `Mention` (the name as written, its document, the entity it resolves to);
- each statement an `UnknownLink` from its speaker to the article (role `said`, the words,
  the date, the relays as publishers), or a `Note` on the article when no entity speaks;
- each event an `Event` (type, date, participants, the evidence sentence; `keywords` hold
  its status and PLOVER code).
An entity or event reported by several documents is written once per document with the
same id: fragments, merged by `ftm aggregate` or `EntityProxy.merge`. Every entity of a
document carries `proof` (or is a `Mention` of) that document's article.

`annotations.jsonl` holds a Web Annotation per mention, statement and event report: its body
the FtM entity's id, its target the article (`source`) and the document's newstrace id, with a
TextQuoteSelector and a TextPositionSelector. The positions count code points in the
document's text as newstrace stores it (the JSONL export's `text`); FtM trims the article's
`bodyText` and normalises it to NFC, so the quote selector is the one to find the words there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.util import make_entity_id

from newstrace.export.provenance import annotation
from newstrace.export.tables import mention_id, report_id, statement_id
from newstrace.models import Analysis, Document, Entity, Span

ENTITIES_FILE = "entities.ftm.json"
ANNOTATIONS_FILE = "annotations.jsonl"
# Our entity types with an FtM schema; the others are mentions only.
SCHEMAS = {"PERSON": "Person", "ORG": "Organization", "OUTLET": "Organization",
           "GPE": "LegalEntity"}
# Mentions found by name; roles, anaphors and descriptions are weak names ("the minister").
NAME_ORIGINS = ("ner", "gazetteer", "appositive", "publisher")
# A TIMEX value FtM takes as a date: a year, a month or a day (not a week or a duration).
FTM_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def ftm_id(kind: str, newstrace_id: str) -> str:
    """An FtM id for one of our ids (FtM ids allow letters, digits, dots and hyphens only)."""
    return make_entity_id("newstrace", kind, newstrace_id) or ""


def write_ftm(analyses: Iterable[Analysis], folder: Path) -> dict[str, int]:
    """Write ``folder``/entities.ftm.json and annotations.jsonl; the lines written to each."""
    counts = {ENTITIES_FILE: 0, ANNOTATIONS_FILE: 0}
    with (folder / ENTITIES_FILE).open("w", encoding="utf-8") as entities_out, \
            (folder / ANNOTATIONS_FILE).open("w", encoding="utf-8") as annotations_out:
        for analysis in analyses:
            proxies, annotations = document_entities(analysis)
            _write_lines(entities_out, [proxy.to_dict() for proxy in proxies])
            _write_lines(annotations_out, annotations)
            counts[ENTITIES_FILE] += len(proxies)
            counts[ANNOTATIONS_FILE] += len(annotations)
    return counts


def _write_lines(out: TextIO, objects: list[dict[str, Any]]) -> None:
    out.writelines(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n" for o in objects)


def _proxy(schema: str, kind: str, newstrace_id: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = ftm_id(kind, newstrace_id)
    return proxy


# An FtM entity read from the text, its newstrace id and the words it was read from.
Fact = tuple[EntityProxy, str, Span]


def document_entities(analysis: Analysis
                      ) -> tuple[list[EntityProxy], list[dict[str, Any]]]:
    """One document's FtM entities and the annotations that tie them to its text."""
    document = analysis.document
    article = _article(document)
    known = {e.id: _entity_proxy(e, article) for e in analysis.entities if e.type in SCHEMAS}
    names = {e.id: e.name for e in analysis.entities}
    facts = [*_mentions(analysis, article, known), *_statements(analysis, article, known, names),
             *_events(analysis, article, known, names)]
    # The offsets count in the document's text as stored, which the article's bodyText may
    # not keep exactly (FtM trims it and normalises it to NFC).
    target = {"source": article.id, "newstrace_document": document.id}
    annotations = [annotation(f"urn:newstrace:{key}",
                              {"id": proxy.id, "schema": proxy.schema.name, "newstrace_id": key},
                              target, document.text, span) for proxy, key, span in facts]
    return [article, *known.values(), *(proxy for proxy, _, _ in facts)], annotations


def _article(document: Document) -> EntityProxy:
    article = _proxy("Article", "document", document.id)
    article.add("title", document.title)
    article.add("bodyText", document.text)
    article.add("publishedAt", document.published.isoformat() if document.published else None)
    article.add("publisher", document.outlet)
    article.add("author", document.author)
    article.add("sourceUrl", document.url)
    article.add("fileName", document.file)
    article.add("language", document.language)
    return article


def _mentions(analysis: Analysis, article: EntityProxy,
              known: dict[str, EntityProxy]) -> Iterator[Fact]:
    for entity in analysis.entities:
        for mention in entity.mentions:
            key = mention_id(analysis.document.id, mention)
            proxy = _proxy("Mention", "mention", key)
            proxy.add("name", mention.text)
            proxy.add("document", article)
            if entity.id in known:
                proxy.add("resolved", known[entity.id])
                proxy.add("detectedSchema", SCHEMAS[entity.type])
            yield proxy, key, mention.span


def _statements(analysis: Analysis, article: EntityProxy, known: dict[str, EntityProxy],
                names: dict[str, str]) -> Iterator[Fact]:
    """A link from a known speaker to the article, else a note on the article."""
    for index, quote in enumerate(analysis.quotes):
        key = statement_id(analysis.document.id, index)
        if quote.speaker in known:
            proxy = _proxy("UnknownLink", "statement", key)
            proxy.add("subject", known[quote.speaker])
            proxy.add("object", article)
            proxy.add("role", "said")
            proxy.add("date", _date(quote.date))
            proxy.add("publisher", [names[r] for r in quote.relays if r in names])
            proxy.add("recordId", key)
        else:
            proxy = _proxy("Note", "statement", key)
            proxy.add("entity", article)
        speaker = quote.speaker_text or "an unknown speaker"
        proxy.add("summary", f"{quote.kind} quote of {speaker}")
        proxy.add("description", quote.content.text(analysis.document.text))
        proxy.add("proof", article)
        yield proxy, key, quote.content


def _events(analysis: Analysis, article: EntityProxy, known: dict[str, EntityProxy],
            names: dict[str, str]) -> Iterator[Fact]:
    for index, event in enumerate(analysis.events):
        proxy = _proxy("Event", "event", event.id)
        participants = [(role, value) for role, values in event.args.items()
                        for value in (values if isinstance(values, list) else [values])]
        named = [names[v] for role, v in participants if role in ("actor", "target")
                 and v in names]
        proxy.add("name", " ".join([event.type.replace("_", " "), *named]))
        proxy.add("date", _date(event.date))
        proxy.add("summary", event.evidence.text(analysis.document.text))
        proxy.add("involved", [known[v] for _, v in participants if v in known])
        proxy.add("namesMentioned", [names[v] for _, v in participants if v in names])
        proxy.add("description", "; ".join(f"{role}: {names.get(value, value)}"
                                           for role, value in participants))
        proxy.add("keywords", [event.status, event.plover, event.step])
        proxy.add("recordId", event.id)
        proxy.add("proof", article)
        yield proxy, report_id(analysis.document.id, index), event.evidence


def _entity_proxy(entity: Entity, article: EntityProxy) -> EntityProxy:
    proxy = _proxy(SCHEMAS[entity.type], "entity", entity.id)
    proxy.add("name", entity.name)
    for alias in entity.aliases():
        if alias == entity.name:
            continue
        named = any(m.text == alias and m.origin in NAME_ORIGINS for m in entity.mentions)
        proxy.add("alias" if named else "weakAlias", alias)
    proxy.add("country", entity.identifiers.get("iso3166"))
    proxy.add("proof", article)
    return proxy


def _date(value: str | None) -> str | None:
    return value if value and FTM_DATE.fullmatch(value) else None
