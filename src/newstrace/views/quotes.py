"""Who said what: each statement with its chain (speaker, medium, relays) and the sentence
it was said in."""

from __future__ import annotations

from datetime import date
from typing import Any

from newstrace.annotate.sentences import SENTENCE_BREAK
from newstrace.models import Span
from newstrace.store import Store
from newstrace.views.shared import entity_names, in_range, matches, name_of


def sentence_around(text: str, span: Span) -> str:
    """The sentence (or sentences) a span lies in, within its paragraph."""
    start = max(text.rfind("\n", 0, span.start) + 1,
                max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, span.start)), default=0))
    # From the span's last character: a quote's content may end with the sentence's stop.
    end_match = SENTENCE_BREAK.search(text, max(span.start, span.end - 1))
    paragraph_end = text.find("\n", span.end)
    end = min(end_match.end("stop") if end_match else len(text),
              paragraph_end if paragraph_end >= 0 else len(text))
    return text[start:end].strip()


def quote_rows(
    store: Store, speaker: str | None = None, since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    names = entity_names(store)
    rows = []
    for analysis in store.analyses():
        text = analysis.document.text
        published = analysis.document.published
        for quote in analysis.quotes:
            speaker_name = name_of(analysis, quote.speaker, names) or quote.speaker_text
            said = quote.date or (published.isoformat() if published else None)
            if not matches(speaker, speaker_name, quote.speaker_text):
                continue
            if not in_range(said, since, until):
                continue
            medium = name_of(analysis, quote.medium, names)
            relays = [name_of(analysis, r, names) for r in quote.relays]
            rows.append({
                "chain": [speaker_name or "(unknown)", *([medium] if medium else []), *relays],
                "document": analysis.document.id, "speaker": speaker_name or "(unknown)",
                "sentence": sentence_around(text, quote.content),
                "medium": medium, "relays": relays,
                "kind": quote.kind, "date": quote.date, "published": str(published or ""),
                "quote": quote.content.text(text), "confidence": quote.confidence,
            })
    return rows
