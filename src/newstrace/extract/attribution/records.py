"""Readings as Quote records: relay chains ending with the publisher, confidence, passages
around a frame inside the content."""

from __future__ import annotations

import re

from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.model.candidates import trimmed
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.attribution.relays import paragraph_relays
from newstrace.models import Quote, Span

# How sure a speaker is, by how it was found ("office": an office or document speaking for its
# owner, "his office said").
CONFIDENCE = {"named": 0.9, "role": 0.8, "pronoun": 0.75, "office": 0.75, "unnamed": 0.7,
              "inherited": 0.6, "unknown": 0.3}


def finish(index: DocumentIndex, found: list[Attribution]) -> list[Quote]:
    """Quotes with their relay chains, nearest the speaker first: the outlets that relayed
    the words, then those the story credits (its wire agency, its source), ending with the
    outlet that published the story; the speaker is never in its own chain, nor the medium
    (an agency interviewing a speaker for its own story) twice."""
    quotes = []
    for att in sorted(found, key=lambda a: a.content):
        if not re.search(r"\w", att.content.text(index.text)):
            continue  # a stray mark paired with another: no words, no quote
        att.content = whole_words(index.text, att.content)
        credits = index.credits_of(att.content.start)
        chain: list[str] = []
        for relay in [*att.relays, *paragraph_relays(index, att)]:
            if relay and relay not in chain and relay not in (att.speaker, att.medium,
                                                               *credits):
                chain.append(relay)
        chain += [c for c in credits if c not in (*chain, att.speaker, att.medium)]
        cue = index.token_span([att.cue]) if att.cue is not None else None
        confidence = CONFIDENCE[att.speaker_how] * (att.probability or 1.0)
        # Reported words with someone's own words in quote marks inside are mixed.
        if att.kind == "indirect" and any(att.content.contains(q.outer) and q.depth == 0
                                          for q in index.quoted):
            att.kind = "mixed"
        quotes.append(Quote(
            content=att.content, kind=att.kind, speaker=att.speaker,
            speaker_text=att.speaker_text, source=att.source, cue=cue, medium=att.medium,
            relays=chain, date=att.date, confidence=round(confidence, 3),
            parts=att.parts or around_frame(index, att, cue),
        ))
    return quotes


def whole_words(text: str, span: Span) -> Span:
    """A content span ending inside a hyphenated word ("it would re|-enter the market": the
    tokenizer splits it) runs to the word's end."""
    end = span.end
    while end < len(text) and text[end - 1:end].isalnum():
        joined = HYPHENATED_REST.match(text, end)
        if joined is None:
            break
        end = joined.end()
    return span if end == span.end else Span(span.start, end)


# The rest of a hyphenated word after the place it was cut: "-enter", "-term".
HYPHENATED_REST = re.compile(r"-\w+")


def around_frame(index: DocumentIndex, att: Attribution, cue: Span | None) -> list[Span]:
    """The passages before and after a frame inside the content ("the museum, [Obama
    said,] would …", "what [she called] a “rant”"): the words are the speaker's, the frame
    the reporter's."""
    if cue is None or att.source is None or not (
            att.content.contains(cue) and att.content.contains(att.source)):
        return []
    frame = Span(min(cue.start, att.source.start), max(cue.end, att.source.end))
    before = index.text[att.content.start:frame.start]
    if not re.search(r"(?:[,\u2014\u2013]|\b(?:what|which|who|whom|that))\s*$", before,
                     re.IGNORECASE):
        return []  # "Mayor [Bill de Blasio described] …": a title, not a passage
    passages = [trimmed(index.text, att.content.start, frame.start),
                trimmed(index.text, frame.end, att.content.end)]
    return passages if all(p.end > p.start for p in passages) else []
