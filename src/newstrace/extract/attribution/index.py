"""What every pass reads of one document, built once: the parse and its tokens' attributes,
the entities' mentions by offset, the TIMEXes, the lines, the quoted spans, the stories, whom
each credits and who published it."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from spacy.attrs import HEAD, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, SENT_START, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from newstrace.annotate import text_of, words_of
from newstrace.annotate.nlp import labels
from newstrace.extract.attribution.quotemarks import QuotedSpan, find_quoted_spans
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.timexes.values import is_duration
from newstrace.models import Entity, Mention, Span, Timex

# The longest mention looked for around a position (a treaty's full name is about this long).
MAX_MENTION_CHARS = 120
# What `Tokens` reads of each token beyond `Words`: two strings (by their ids), then numbers
# and flags.
TOKEN_ATTRIBUTES = [LEMMA, TAG, HEAD, LENGTH, IS_PUNCT, IS_SPACE, SENT_START]
LINE_BREAK = re.compile("\n")
# spaCy passes over a parse at most this many times to settle the edges of a non-projective
# one (`set_children_from_heads`).
EDGE_PASSES = 12


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
        # The columns the mentions read already: offsets, lower case (spaCy's LOWER is the
        # text's str.lower), parts of speech and labels.
        words = words_of(doc)
        columns = doc.to_array(TOKEN_ATTRIBUTES)
        strings = doc.vocab.strings
        lemma = _strings_of(columns[:, 0].tolist(), strings)
        tag = labels(columns[:, 1].tolist(), strings)
        # HEAD is the head's place relative to the token's, stored unsigned.
        head = [i + offset for i, offset in enumerate(columns[:, 2].astype(np.int64).tolist())]
        length, punct, space, sentence_starts = (columns[:, column].tolist()
                                                 for column in range(3, 7))
        children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, parent in enumerate(head):
            if parent != i:
                children[parent].append(i)
        left_edge, right_edge = edges(head)
        # As `Doc.sents` reads them: a sentence starts at the first token and at each marked 1.
        firsts = [0, *(i for i, start in enumerate(sentence_starts) if start == 1 and i)]
        sentences = list(zip(firsts, [*firsts[1:], len(doc)], strict=True)) if len(doc) else []
        sentence_start, sentence_end = [0] * len(doc), [0] * len(doc)
        for start, end in sentences:
            for i in range(start, end):
                sentence_start[i], sentence_end[i] = start, end
        starts = words.idx
        return cls(starts, [start + size for start, size in zip(starts, length, strict=True)],
                   words.lower, lemma, words.pos, tag, words.dep, words.ent_type, head, children,
                   left_edge, right_edge,
                   [not (p or s) for p, s in zip(punct, space, strict=True)],
                   sentences, sentence_start, sentence_end)

    def spacy_children(self, i: int) -> list[int]:
        """The children `Token.children` gives: spaCy looks for them between the token's
        edges only."""
        low, high = self.left_edge[i], self.right_edge[i]
        return [c for c in self.children[i] if low <= c <= high]


# Where `tokens_of` keeps a document's `Tokens` in its `user_data`.
TOKENS_KEY = "newstrace_tokens"


def tokens_of(doc: Doc) -> Tokens:
    """The document's `Tokens`, read the first time they are asked for and kept with it (the
    mentions' noun phrases and the attributions read them): ask only once the parse is final,
    as for `words_of`."""
    tokens = doc.user_data.get(TOKENS_KEY)
    if tokens is None:
        tokens = doc.user_data[TOKENS_KEY] = Tokens.of(doc)
    return cast(Tokens, tokens)


# spaCy's English noun chunks (`spacy.lang.en.syntax_iterators.noun_chunks`): the relations
# of a noun phrase's head, and the parts of speech of a head.
NOUN_CHUNK_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative",
                             "appos", "attr", "ROOT"})
NOUN_CHUNK_POS = frozenset({"NOUN", "PROPN", "PRON"})


def noun_chunks(doc: Doc) -> list[tuple[int, int]]:
    """The first and end token of each of `Doc.noun_chunks` (English), read from the token
    table as spaCy's English iterator reads them off the tokens (a `Token` made anew at each
    word and edge it looks at)."""
    if not doc.has_annotation("DEP"):
        return [(chunk.start, chunk.end) for chunk in doc.noun_chunks]  # spaCy's error
    tokens = tokens_of(doc)
    pos, dep, head, left_edge = tokens.pos, tokens.dep, tokens.head, tokens.left_edge
    found = []
    prev_end = -1
    for i, tag in enumerate(pos):
        if tag not in NOUN_CHUNK_POS or left_edge[i] <= prev_end:
            continue
        if dep[i] in NOUN_CHUNK_DEPS:
            prev_end = i
            found.append((left_edge[i], i + 1))
        elif dep[i] == "conj":
            word = head[i]
            while dep[word] == "conj" and head[word] < word:
                word = head[word]
            if dep[word] in NOUN_CHUNK_DEPS:
                prev_end = i
                found.append((left_edge[i], i + 1))
    return found


def edges(head: list[int]) -> tuple[list[int], list[int]]:
    """The first and last token of each token's subtree as spaCy's `Token.left_edge` and
    `right_edge` give them, computed from the heads as spaCy's `set_children_from_heads` does
    (reading them off the tokens made two `Token` objects a word): a pass forwards and one
    backwards widening each head's edges by its children's, again while a head lies outside
    the sentences the edges mark, as a non-projective parse may leave it."""
    left, right = list(range(len(head))), list(range(len(head)))
    for _ in range(EDGE_PASSES):
        for i, parent in enumerate(head):
            if left[i] < left[parent]:
                left[parent] = left[i]
            if right[i] > right[parent]:
                right[parent] = right[i]
        for i in range(len(head) - 1, -1, -1):
            parent = head[i]
            if right[i] > right[parent]:
                right[parent] = right[i]
            if left[i] < left[parent]:
                left[parent] = left[i]
        if _heads_within_sentences(head, left):
            break
    return left, right


def _heads_within_sentences(head: list[int], left: list[int]) -> bool:
    """spaCy's test that every head lies in its token's sentence, the sentences starting at
    the left edges of the roots (`_set_lr_kids_and_edges`, its bounds as spaCy has them)."""
    starts = {left[i] for i, parent in enumerate(head) if parent == i}
    sentence_start = 0
    for i in range(len(head)):
        if (i > 0 and i in starts) or i == len(head) - 1:
            if any(not sentence_start <= head[j] <= i for j in range(sentence_start, i)):
                return False
            sentence_start = i
    return True


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
    # The relay phrases of each paragraph (by its start and end), found once: each
    # attribution of a paragraph asks for them, twice (`relays.relay_cues`).
    relay_cues: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, entities: list[Entity], timexes: list[Timex],
              stories: list[Span] | None = None,
              credits_of: Callable[[int], list[str]] = lambda _: []) -> DocumentIndex:
        mentions = tuple(sorted((m for e in entities for m in e.mentions), key=lambda m: m.span))
        text = text_of(doc)
        quoted = tuple(find_quoted_spans(text))
        inner = sorted(q.inner for q in quoted)
        return cls(doc, tokens_of(doc), text, {e.id: e for e in entities}, mentions,
                   tuple(m.span.start for m in mentions), tuple(timexes),
                   tuple(m.start() for m in LINE_BREAK.finditer(text)),
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

    def mention_of(self, token: Token) -> Mention | None:
        """The mention covering a word."""
        return self.mention_at(token.idx, token.idx + len(token.text))

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention covering the character range, preferring the longest."""
        near = self.mentions_in(Span(start, end), reach=MAX_MENTION_CHARS)
        hits = [m for m in near if m.span.start <= start and end <= m.span.end]
        hits = hits or [m for m in near if start <= m.span.start and m.span.end <= end]
        return max(hits, key=lambda m: m.span.end - m.span.start) if hits else None

    def story_start(self, position: int) -> int:
        """Where the story holding a position starts (0 for a document of one story)."""
        return max((s.start for s in self.stories if s.start <= position), default=0)

    def entity_type(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id or "")
        return entity.type if entity else None

    def first_word(self, start: int, end: int) -> Token | None:
        """The first word (no space or punctuation) starting within [start, end), found by
        bisection over the token table (no `Doc.char_span`, which may fail on a span's
        edges in white space)."""
        table = self.tokens
        i = bisect.bisect_left(table.starts, start)
        while i < len(table.starts) and table.starts[i] < end and not table.is_word[i]:
            i += 1
        return self.doc[i] if i < len(table.starts) and table.starts[i] < end else None

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
