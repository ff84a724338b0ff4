"""Where a fact comes from, in the W3C Web Annotation model: a TextQuoteSelector (the exact
words and a little text either side, which find them again in a copy whose offsets moved) and
a TextPositionSelector (the code-point offsets into the document's text)."""

from __future__ import annotations

from typing import Any

from newstrace.models import Span

# Characters of context either side: enough to tell apart two occurrences of a short name
# in one report, short enough to keep a row readable.
CONTEXT_CHARS = 32
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def quote_selector(text: str, span: Span) -> dict[str, str]:
    return {"type": "TextQuoteSelector", "exact": span.text(text),
            "prefix": text[max(0, span.start - CONTEXT_CHARS):span.start],
            "suffix": text[span.end:span.end + CONTEXT_CHARS]}


def position_selector(span: Span) -> dict[str, Any]:
    return {"type": "TextPositionSelector", "start": span.start, "end": span.end}


def annotation(annotation_id: str, body: dict[str, Any], target: dict[str, Any], text: str,
               span: Span) -> dict[str, Any]:
    """A Web Annotation saying that ``body`` (a record of the export) was read from
    ``span`` of ``text``, the document ``target`` names."""
    return {"@context": ANNOTATION_CONTEXT, "id": annotation_id, "type": "Annotation",
            "motivation": "identifying", "body": body,
            "target": {**target,
                       "selector": [quote_selector(text, span), position_selector(span)]}}
