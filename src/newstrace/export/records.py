"""One JSON object per document, in the shape documented in docs/export.md."""

from __future__ import annotations

from typing import Any

from newstrace.models import Analysis, Span


def _span(span: Span | None, text: str) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text(text)}


def analysis_record(analysis: Analysis) -> dict[str, Any]:
    document = analysis.document
    text = document.text
    return {
        "document": {
            "id": document.id, "file": document.file, "url": document.url,
            "title": document.title, "outlet": document.outlet,
            "published": document.published.isoformat() if document.published else None,
            "language": document.language, "source_kind": document.source_kind,
            "author": document.author,
        },
        "text": text,
        "stories": [{"title": s.title, "outlet": s.outlet, "start": s.span.start,
                     "end": s.span.end} for s in analysis.stories],
        "boilerplate": [b.as_dict() for b in analysis.boilerplate],
        "entities": [{
            "id": e.id, "type": e.type, "name": e.name, "known_as": e.known_as,
            "aliases": e.aliases(),
            "mentions": [{"start": m.span.start, "end": m.span.end, "text": m.text,
                          "origin": m.origin} for m in e.mentions],
        } for e in analysis.entities],
        "quotes": [{
            "speaker": q.speaker, "speaker_text": q.speaker_text,
            "source": _span(q.source, text), "cue": _span(q.cue, text),
            "content": _span(q.content, text), "kind": q.kind, "relays": q.relays,
            "medium": q.medium, "date": q.date, "confidence": q.confidence,
            "parts": [_span(p, text) for p in q.parts],
        } for q in analysis.quotes],
        "events": [{
            "id": e.id, "type": e.type, "plover": e.plover, "status": e.status, "date": e.date,
            "date_text": e.date_text, "args": e.arguments(), "evidence": _span(e.evidence, text),
            **({"step": e.step} if e.step else {}),
        } for e in analysis.events],
        "timexes": [{"start": t.span.start, "end": t.span.end, "text": t.text,
                     "value": t.value, "kind": t.kind} for t in analysis.timexes],
        **({"copy_of": analysis.copy_of} if analysis.copy_of else {}),
        **({"copied_by": analysis.copied_by} if analysis.copied_by else {}),
    }
