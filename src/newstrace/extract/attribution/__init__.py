"""Attributions: who said what, through which medium, relayed by whom.

Three passes over a parsed document, each reading the same frozen `DocumentIndex`:
1. quoted spans become direct (or partial) quotes (direct.py), and posts pasted with their
   signature ("… — Ann Lee (@annlee) November 9, 2016") their authors' (posts.py);
2. speech verbs with what they govern, beliefs and intentions, "according to X", closing and
   medial frames, unsourced passives and labels become indirect quotes, mixed when they hold
   quoted words (indirect.py, frames.py, labels.py);
3. an outlet's frame around another attribution and relay phrases become the relay chain,
   nearest the speaker first, then the story's wire credits, ending with the publisher
   (relays.py, records.py).
The attribution model (model/) then chooses among the readings and adds what the parse offers
(judging.py); last, pieces of one statement read apart are joined (joining.py) and the readings
become Quote records (records.py). A quote whose speaker cannot be found is kept with speaker
None, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from newstrace.extract.attribution.direct import direct_quotes
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.indirect import indirect_quotes
from newstrace.extract.attribution.joining import (
    after_its_subject,
    continue_frames,
    described_in_lead,
    join_pieces,
    nested,
    speakers_going_on,
    unframed_going_on,
)
from newstrace.extract.attribution.judging import judged
from newstrace.extract.attribution.model.scorer import AttributionModel
from newstrace.extract.attribution.posts import signed_posts
from newstrace.extract.attribution.quotemarks import strip_content
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.attribution.records import finish
from newstrace.extract.attribution.relays import fold_outlet_frames
from newstrace.extract.attribution.speakers import holder_as_speaker
from newstrace.models import Entity, Quote, Span, Timex


def find_quotes(
    doc: Doc, entities: list[Entity], timexes: list[Timex],
    credits_of: Callable[[int], list[str]] = lambda _: [],
    stories: list[Span] | None = None, model: AttributionModel | None = None,
    boilerplate: list[Span] | None = None,
) -> list[Quote]:
    """Every attribution in the document. `credits_of(position)` gives the entity ids of the
    sources the story at that position credits and, last, the outlet that published it; `model`
    chooses among the rules' readings and adds what the parse offers beyond them, outside
    `boilerplate` (a site's "you agree to our terms" attributes nothing)."""
    index = DocumentIndex.build(doc, entities, timexes, stories, credits_of)
    direct = direct_quotes(index)
    indirect = indirect_quotes(index, direct)
    found = fold_outlet_frames(index, direct + indirect)
    # A signed post is its author's alone: no other reading takes its words or signature.
    posts = signed_posts(index)
    taken = [whole for _, whole in posts]
    found = [a for a in found if not any(a.content.overlaps(whole) for whole in taken)]
    found += [post for post, _ in posts]
    groups = index.by_paragraph(found)
    found = [a for a in found
             if not nested(index, a, groups[index.paragraph_of(a.content.start).start])]
    for att in found:
        if att.source is None and att.speaker_text is None and att.cue is not None:
            holder_as_speaker(index, att, att.cue)
    if model is not None:
        found = judged(index, found, model, (boilerplate or []) + taken)
    found = sorted(join_pieces(index, found), key=lambda a: a.content)
    for att in found:
        without_credits(index, att, boilerplate or [])
        without_medium_title(index, att)
    # The lead's "a report" named first, so that "the report" after it goes on with it.
    described_in_lead(index, found)
    speakers_going_on(index, found)
    unframed_going_on(index, found)
    after_its_subject(index, found)
    continue_frames(found)
    return finish(index, found)


def without_credits(index: DocumentIndex, att: Attribution, boilerplate: list[Span]) -> None:
    """A picture's credit the parse ran into the speaker's phrase ("(Photo: …/Twitter)
    Sources close to the inquiry said", the phrase read from inside its parenthesis) is
    no part of it: the phrase starts after it."""
    for span in boilerplate:
        if att.source is not None and span.start < att.source.end and \
                att.source.start < span.end < att.source.end:
            rest = index.text[span.end:att.source.end]
            att.source = Span(att.source.end - len(rest.lstrip()), att.source.end)
            att.speaker_text = att.source.text(index.text)


def without_medium_title(index: DocumentIndex, att: Attribution) -> None:
    """"told the BBC programme Tech Talk he hoped …": the parser may hang the programme's
    title on the clause told; it is where the words went, not what they said (a programme's
    title only: "described BBC Two as …" keeps the channel it speaks of)."""
    title = next((m for m in index.mentions_in(att.content) if att.medium is not None and
                  m.entity_id == att.medium and m.span.start == att.content.start and
                  m.origin == "publisher"), None)
    if title is not None and not att.parts:
        att.content = strip_content(index.text, Span(title.span.end, att.content.end))
