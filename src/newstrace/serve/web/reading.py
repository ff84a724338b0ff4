"""The pages that show a document's text: the document with its mentions, statements and
events marked (offsets into the stored text), and one statement with its sentence
highlighted in the document and its chain from speaker to publisher."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any

from sqlalchemy.exc import NoResultFound

from newstrace.config import Options
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.gazetteer.reference import Gazetteer
from newstrace.models import Analysis, Quote
from newstrace.serve.web.links import (
    document_url,
    entity_url,
    event_url,
    outlet_url,
    statement_url,
    web_address,
)
from newstrace.serve.web.records import PageNotFound
from newstrace.store import Store
from newstrace.views.quotes import sentence_around
from newstrace.views.shared import name_of
from newstrace.views.spread import statement_spread


@dataclass(frozen=True)
class Mark:
    """Characters of the text to mark: ``kind`` (mention, statement, event, sentence, quote,
    target) is the class they are drawn with; ``url`` where they link to."""

    start: int
    end: int
    kind: str
    url: str | None = None
    label: str | None = None


def load(store: Store, document_id: str) -> Analysis:
    try:
        return store.load(document_id)
    except NoResultFound:
        raise PageNotFound(f"no document with id {document_id!r}") from None


def document_record(store: Store, document_id: str,
                    mark: tuple[int, int] | None = None) -> dict[str, Any]:
    """A document: its metadata, the entities, statements and events found in it, and
    ``marks``, the spans of its text they come from (``mark``: characters to highlight)."""
    analysis = load(store, document_id)
    document, text = analysis.document, analysis.document.text
    marks = [Mark(m.span.start, m.span.end, "mention", entity_url(entity.id), entity.name)
             for entity in analysis.entities for m in entity.mentions]
    statements = []
    for quote in analysis.quotes:
        speaker = name_of(analysis, quote.speaker, {}) or quote.speaker_text or "(unknown)"
        url = statement_url(document.id, (quote.content.start, quote.content.end))
        marks.append(Mark(quote.content.start, quote.content.end, "statement", url,
                          f"statement by {speaker}"))
        statements.append({"speaker": speaker, "quote": quote.content.text(text),
                           "kind": quote.kind, "url": url})
    events: list[dict[str, Any]] = []
    for event in analysis.events:
        marks.append(Mark(event.evidence.start, event.evidence.end, "event",
                          event_url(event.id), event.type))
        if all(told["event"] != event.id for told in events):  # one line per event
            events.append({"event": event.id, "type": event.type, "date": event.date,
                           "status": event.status, "evidence": event.evidence.text(text),
                           "url": event_url(event.id)})
    if mark and 0 <= mark[0] < mark[1] <= len(text):
        marks.append(Mark(mark[0], mark[1], "target"))
    return {
        **metadata(analysis),
        "entities": [{"id": e.id, "name": e.name, "type": e.type, "mentions": len(e.mentions),
                      "url": entity_url(e.id)} for e in analysis.entities if e.mentions],
        "statements": statements, "events": events,
        "copy_of": [{"document": d, "url": document_url(d)} for d in analysis.copy_of],
        "copied_by": [{"document": d, "url": document_url(d)} for d in analysis.copied_by],
        "text": text, "marks": [asdict(m) for m in sorted(marks, key=lambda m: m.start)],
    }


def metadata(analysis: Analysis) -> dict[str, Any]:
    document = analysis.document
    return {"title": document.title or document.id, "id": document.id,
            "document_title": document.title, "outlet": document.outlet,
            "published": document.published.isoformat() if document.published else None,
            "author": document.author, "language": document.language,
            "source_kind": document.source_kind, "address": document.url,
            "link": web_address(document.url), "url": document_url(document.id),
            "outlet_url": outlet_url(document.outlet) if document.outlet else None}


def statement_record(store: Store, document_id: str, span: tuple[int, int],
                     options: Options) -> dict[str, Any]:
    """A statement: its words, kind, cue and date, the chain (speaker -> medium -> relaying
    outlets -> publisher) and its document with the sentence and the quote marked."""
    analysis = load(store, document_id)
    quote = next((q for q in analysis.quotes if (q.content.start, q.content.end) == span), None)
    if quote is None:
        raise PageNotFound(f"no statement at {span[0]}-{span[1]} in document {document_id!r}")
    text = analysis.document.text
    sentence = sentence_around(text, quote.content)
    at = text.rfind(sentence, 0, quote.content.start + len(sentence))
    sentence_span = (at, at + len(sentence)) if at >= 0 else span
    speaker = name_of(analysis, quote.speaker, {}) or quote.speaker_text or "(unknown)"
    marks = [Mark(*sentence_span, "sentence"),
             *(Mark(part.start, part.end, "quote") for part in quote.parts or [quote.content])]
    return {
        "title": f"{speaker}: {quote.content.text(text)[:80]}",
        "speaker": speaker, "quote": quote.content.text(text), "kind": quote.kind,
        "cue": quote.cue.text(text) if quote.cue else None, "date": quote.date,
        "confidence": quote.confidence, "sentence": sentence, "start": span[0], "end": span[1],
        "chain": chain(analysis, quote, load_gazetteer(tuple(options.gazetteer_files))),
        "carried_by": carried_by(store, document_id, span),
        "source_url": document_url(document_id, sentence_span),
        "document": metadata(analysis),
        "text": text, "marks": [asdict(m) for m in marks],
    }


def chain(analysis: Analysis, quote: Quote, gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Who the words passed through, from the speaker to the outlet that published them."""
    links = [link(analysis, "speaker", quote.speaker, quote.speaker_text or "(unknown)")]
    if quote.medium:
        links.append(link(analysis, "medium", quote.medium))
    links += [link(analysis, "relay", relay) for relay in quote.relays]
    story = next((s for s in analysis.stories if s.span.contains(quote.content)), None)
    publisher = (story.outlet if story else None) or analysis.document.outlet
    if not publisher:
        return links
    # The publisher as an entity of the document: by its name, or the gazetteer's outlet
    # it names ("BTA", the Bulgarian News Agency).
    entry = gazetteer.lookup(publisher, ("OUTLET",))
    outlet = next((e for e in analysis.entities if e.type == "OUTLET" and (
        e.name == publisher or (entry is not None and e.known_as == entry.key))), None)
    if outlet is not None and links[-1]["url"] == entity_url(outlet.id):
        links[-1]["role"] = "relay, publisher"  # the last relay is the outlet that published
        return links
    links.append({"role": "publisher", "name": outlet.name if outlet else publisher,
                  "url": entity_url(outlet.id) if outlet else None})
    return links


def carried_by(store: Store, document_id: str, span: tuple[int, int]) -> list[dict[str, Any]]:
    """Every document that carried the statement (the spread view: the same words, or
    most of them, by the same speaker or in a copy), the first report first; empty when
    only this one."""
    row = statement_spread(store, document_id, span)
    return [{"document": r["document"], "outlet": r["outlet"], "published": r["published"],
             "copy_of_first": r["copy_of_first"], "text": r["text"],
             "url": document_url(r["document"])} for r in row["reports"]] if row else []


def link(analysis: Analysis, role: str, entity_id: str | None,
         fallback: str = "(unknown)") -> dict[str, Any]:
    name = name_of(analysis, entity_id, {}) or fallback
    return {"role": role, "name": name, "url": entity_url(entity_id) if entity_id else None}


def segments(text: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut wherever a mark starts or ends, each piece with the kinds of the marks
    over it, the link of the narrowest linked mark over it, and the statements that end
    with it (a link to each is drawn there: links do not nest in HTML). One sweep over the
    cuts, holding the marks open at each: a long document's thousands of marks stay cheap."""
    spans = sorted((Mark(**m) for m in marks if 0 <= m["start"] < m["end"] <= len(text)),
                   key=lambda m: m.start)
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    pieces = []
    open_marks: list[Mark] = []
    waiting = 0  # spans[waiting:] have not started yet
    for start, end in pairwise(cuts):
        open_marks = [m for m in open_marks if m.end > start]
        starting = []
        while waiting < len(spans) and spans[waiting].start == start:
            starting.append(spans[waiting])
            waiting += 1
        open_marks += starting
        linked = sorted((m for m in open_marks if m.url and m.kind != "statement"),
                        key=lambda m: m.end - m.start)
        pieces.append({
            "text": text[start:end], "kinds": sorted({m.kind for m in open_marks}),
            "url": linked[0].url if linked else None,
            "title": linked[0].label if linked else None,
            "target": any(m.kind == "target" for m in starting),
            "ends": [{"url": m.url, "label": m.label} for m in open_marks
                     if m.kind == "statement" and m.end == end],
        })
    return pieces
