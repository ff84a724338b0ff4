"""What every pass reads of one document, built once: the parse and its tokens' attributes,
the entities' mentions by offset, the TIMEXes, the lines, the quoted spans, the stories, whom
each credits and who published it."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from newstrace.annotate import text_of
from newstrace.extract.attribution.quotemarks import QuotedSpan, find_quoted_spans
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.timexes.values import is_duration
from newstrace.models import Entity, Mention, Span, Timex

# The longest mention looked for around a position (a treaty's full name is about this long).
MAX_MENTION_CHARS = 120
# What `Tokens` reads of each token: six strings (by their ids), then numbers and flags.
TOKEN_ATTRIBUTES = [LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IDX, LENGTH, IS_PUNCT, IS_SPACE]


@dataclass(frozen=True)
class Tokens:
    """Each token's attributes by token index, read once per document, mostly from one
    `Doc.to_array`: spaCy builds a new `Token` object on every access (`doc[i]`, iterating a
    document, `.head`, `.children`) and looks its strings up again, and the passes ask about
    every word. A pass reads these to find the few words worth a `Token`."""
    starts: list[int]  # characters
    ends: list[int]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    head: list[int]
    # In order; every child, where spaCy's `Token.children` may miss one of a non-projective
    # parse (it looks only within the edges).
    children: list[list[int]]
    left_edge: list[int]  # spaCy's, as `Token.left_edge` gives them
    right_edge: list[int]
    is_word: list[bool]  # neither punctuation nor white space
    sentences: list[tuple[int, int]]  # first and end token of each, in order
    sentence_start: list[int]  # of the sentence holding each token
    sentence_end: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Tokens:
        columns = doc.to_array(TOKEN_ATTRIBUTES)
        strings = doc.vocab.strings
        lower, lemma, pos, tag, dep, ent_type = (
            _strings_of(columns[:, column].tolist(), strings) for column in range(6))
        # HEAD is the head's place relative to the token's, stored unsigned.
        head = [i + offset for i, offset in enumerate(columns[:, 6].astype(np.int64).tolist())]
        starts, length, punct, space = (columns[:, column].tolist() for column in range(7, 11))
        children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, parent in enumerate(head):
            if parent != i:
                children[parent].append(i)
        left_edge, right_edge = [], []
        for token in doc:  # spaCy keeps no column of the edges
            left_edge.append(token.left_edge.i)
            right_edge.append(token.right_edge.i)
        sentences = [(sentence.start, sentence.end) for sentence in doc.sents]
        sentence_start, sentence_end = [0] * len(doc), [0] * len(doc)
        for start, end in sentences:
            for i in range(start, end):
                sentence_start[i], sentence_end[i] = start, end
        return cls(starts, [start + size for start, size in zip(starts, length, strict=True)],
                   lower, lemma, pos, tag, dep, ent_type, head, children, left_edge, right_edge,
                   [not (p or s) for p, s in zip(punct, space, strict=True)],
                   sentences, sentence_start, sentence_end)


    def spacy_children(self, i: int) -> list[int]:
        """The children `Token.children` gives: spaCy looks for them between the token's
        edges only."""
        low, high = self.left_edge[i], self.right_edge[i]
        return [c for c in self.children[i] if low <= c <= high]


def _strings_of(ids: list[int], strings: StringStore) -> list[str]:
    """The strings of a column of ids, each distinct id looked up once."""
    found = {i: strings[i] for i in set(ids)}
    return [found[i] for i in ids]


@dataclass(frozen=True, eq=False)
class DocumentIndex:
    """Read-only facts about one document that the passes share; the passes change only
    their own readings (`Attribution`), never this."""
    doc: Doc
    tokens: Tokens
    text: str
    entities: dict[str, Entity]
    mentions: tuple[Mention, ...]  # by offset
    mention_starts: tuple[int, ...]
    timexes: tuple[Timex, ...]
    line_breaks: tuple[int, ...]
    quoted: tuple[QuotedSpan, ...]
    stories: tuple[Span, ...]
    credits_of: Callable[[int], list[str]]  # a story's wire credits, then its publisher
    # The quoted words (`quoted`'s inner spans) by start, and the furthest end of those up
    # to each: what `in_quoted_words` bisects.
    quoted_starts: tuple[int, ...]
    quoted_reach: tuple[int, ...]

    @classmethod
    def build(cls, doc: Doc, entities: list[Entity], timexes: list[Timex],
              stories: list[Span] | None = None,
              credits_of: Callable[[int], list[str]] = lambda _: []) -> DocumentIndex:
        mentions = tuple(sorted((m for e in entities for m in e.mentions), key=lambda m: m.span))
        text = text_of(doc)
        quoted = tuple(find_quoted_spans(text))
        inner = sorted(q.inner for q in quoted)
        return cls(doc, Tokens.of(doc), text, {e.id: e for e in entities}, mentions,
                   tuple(m.span.start for m in mentions), tuple(timexes),
                   tuple(i for i, char in enumerate(text) if char == "\n"),
                   quoted, tuple(stories or []), credits_of,
                   tuple(span.start for span in inner),
                   tuple(itertools.accumulate((span.end for span in inner), max)))

    def mentions_in(self, span: Span, reach: int = 0) -> tuple[Mention, ...]:
        """Mentions starting inside the span (or up to `reach` characters before it), found by
        bisection: a long document has thousands, and every frame asks."""
        low = bisect.bisect_left(self.mention_starts, span.start - reach)
        high = bisect.bisect_left(self.mention_starts, span.end)
        return self.mentions[low:high]

    def in_quoted_words(self, span: Span) -> bool:
        """Whether the span lies inside someone's quoted words, by bisection: a pronoun's
        antecedent is looked for among thousands of mentions in a long document."""
        before = bisect.bisect_right(self.quoted_starts, span.start)
        return before > 0 and self.quoted_reach[before - 1] >= span.end

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention covering the character range, preferring the longest."""
        near = self.mentions_in(Span(start, end), reach=MAX_MENTION_CHARS)
        hits = [m for m in near if m.span.start <= start and end <= m.span.end]
        hits = hits or [m for m in near if start <= m.span.start and m.span.end <= end]
        return max(hits, key=lambda m: m.span.end - m.span.start) if hits else None

    def entity_type(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id or "")
        return entity.type if entity else None

    def token_span(self, tokens: list[Token]) -> Span:
        return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))

    def paragraph_of(self, position: int) -> Span:
        """The line holding `position`, found by bisection over the line breaks."""
        index = bisect.bisect_right(self.line_breaks, position - 1)
        start = self.line_breaks[index - 1] + 1 if index else 0
        end = self.line_breaks[index] if index < len(self.line_breaks) else len(self.text)
        return Span(start, end)

    def within_paragraph(self, span: Span, anchor: int) -> Span:
        """Clip a span to the paragraph of `anchor`: a heading the parser glued on is not speech."""
        paragraph = self.paragraph_of(anchor)
        return Span(max(span.start, paragraph.start), min(span.end, paragraph.end))

    def date_in(self, frame: Span) -> str | None:
        for timex in self.timexes:
            if frame.contains(timex.span) and timex.value and not is_duration(timex.value):
                return timex.value
        return None

    def by_paragraph(self, atts: list[Attribution]) -> dict[int, list[Attribution]]:
        """Attributions by the paragraph they start in. Contents do not cross paragraphs, so
        comparisons stay within one, however many a long document holds."""
        groups: dict[int, list[Attribution]] = {}
        for att in atts:
            groups.setdefault(self.paragraph_of(att.content.start).start, []).append(att)
        return groups

    def named_as(self, surname: str) -> str | None:
        """The person or organisation the report names with this last word."""
        return next((m.entity_id for m in self.mentions if m.entity_id and
                     self.entity_type(m.entity_id) in ("PERSON", "ORG") and
                     m.text.split()[-1].upper() == surname.upper()), None)
