"""Pass 3: outlets that relayed words: an outlet's frame around another attribution ("…, DPA
reported"), relay phrases ("quoted by DPA and AFP") and closing outlet frames."""

from __future__ import annotations

import re

from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.quotemarks import strip_content
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.lexicon import CLOSING_FRAME_LEMMAS, RELAY_LEMMAS, forms_pattern
from newstrace.models import Span

# A frame that closes a sentence: ", DPA and AFP reported", ", BTA reports", ", AFP noted",
# ", News.Az reports" (a full stop inside a name), and the outlet it cites: ", TASS reports,
# citing Polish Radio".
TRAILING_FRAME = re.compile(
    r",\s+(?P<who>(?:[^,.;:“”\"«»]|\.(?=\w)){2,80}?)\s+" + forms_pattern(CLOSING_FRAME_LEMMAS) +
    r"\b[^,.;]{0,30}?(?=\s*(?:[,.]|$))"
    r"(?:,\s+(?:citing|quoting)\s+(?P<cited>[^,.;:“”\"«»]{2,80}?)(?=\s*(?:[,.;]|$)))?"
)
RELAY_CUE = re.compile(
    r"\b" + forms_pattern(RELAY_LEMMAS, present=False) + r" (?:by|on|in)\b", re.IGNORECASE
)


def fold_outlet_frames(index: DocumentIndex, found: list[Attribution]) -> list[Attribution]:
    """An outlet's "reported" around another attribution is a relay of it, not a quote."""
    kept = []
    groups = index.by_paragraph(found)
    for att in found:
        here = groups[index.paragraph_of(att.content.start).start]
        inner = [o for o in here if o is not att and o.content.overlaps(att.content)
                 and o.cue is not None and att.content.contains(index.token_span([o.cue]))]
        if inner and index.entity_type(att.speaker) == "OUTLET":
            for other in inner:
                for relay in [att.speaker, *att.relays]:
                    if relay and relay not in other.relays and relay != other.speaker:
                        other.relays.append(relay)
            continue
        kept.append(att)
    return kept


def paragraph_relays(index: DocumentIndex, att: Attribution) -> list[str]:
    """Outlets after "quoted by", "distributed by", "as quoted on" in the quote's paragraph,
    and outlet frames that close the paragraph (", AFP noted.")."""
    paragraph = index.paragraph_of(att.content.start)
    relays: list[str] = []
    for match in RELAY_CUE.finditer(paragraph.text(index.text)):
        start = paragraph.start + match.end()
        window = Span(start, min(start + 80, paragraph.end))
        stop = re.search(r"[.;]\s|\.$", window.text(index.text))
        window = Span(start, start + stop.start()) if stop else window
        for mention in index.mentions_in(window):
            if window.contains(mention.span) and mention.entity_id and \
                    index.entity_type(mention.entity_id) in ("OUTLET", "ORG"):
                relays.append(mention.entity_id)
    sentence_end = index.text.find(". ", att.content.end)
    sentence_end = paragraph.end if sentence_end < 0 else min(sentence_end + 1, paragraph.end)
    last_sentence_start = max(paragraph.start, index.text.rfind(". ", paragraph.start,
                                                               paragraph.end - 2) + 1)
    for region in (Span(att.content.end, sentence_end),
                   Span(max(last_sentence_start, att.content.end), paragraph.end)):
        relays += trailing_outlets(index, region)
    return relays


def trailing_outlets(index: DocumentIndex, region: Span) -> list[str]:
    """Outlets of the frames that close a sentence, nearest the content first: the outlet
    one cites before the one citing it."""
    found = []
    for match in TRAILING_FRAME.finditer(region.text(index.text)):
        who = outlets_in(index, Span(region.start + match.start("who"),
                                     region.start + match.end("who")))
        if who and match.group("cited"):
            found += outlets_in(index, Span(region.start + match.start("cited"),
                                            region.start + match.end("cited")))
        found += who
    return found


def outlets_in(index: DocumentIndex, span: Span) -> list[str]:
    return [m.entity_id for m in index.mentions_in(span)
            if span.contains(m.span) and m.entity_id and
            index.entity_type(m.entity_id) == "OUTLET"]


def without_trailing_frames(index: DocumentIndex, content: Span) -> Span:
    """Cut ", DPA and AFP reported, BTA reports" off content the parser ran into them."""
    for match in TRAILING_FRAME.finditer(content.text(index.text)):
        who = Span(content.start + match.start("who"), content.start + match.end("who"))
        if any(who.contains(m.span) for m in index.mentions_in(who)):
            return strip_content(index.text, Span(content.start, content.start + match.start()))
    return content
