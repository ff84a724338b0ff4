"""The attribution index's token table reads what spaCy's Token objects give, without them."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newstrace.annotate import annotate, get_nlp
from newstrace.extract.attribution.index import Tokens, edges, noun_chunks, tokens_of
from newstrace.extract.attribution.model.candidates import SpansByStart
from newstrace.extract.attribution.model.features import HOLDER_MAX_HOPS, HOLDER_PATH, holder_at
from newstrace.models import Span

TEXT = ("Mill Town Votes To Keep Its Bridge\n\n"
        "The mayor, a passionate defender of the old bridge, said on Monday that repairs "
        "would start in May. Residents were told by the council that the works would be "
        "quiet. A report that nobody has read claims, according to Ana Ruiz, that the "
        "river is rising; she was critical of it.\n")


def test_token_table_matches_spacy_tokens() -> None:
    doc = annotate(TEXT)
    table = Tokens.of(doc)
    assert table.left_edge == [t.left_edge.i for t in doc]
    assert table.right_edge == [t.right_edge.i for t in doc]
    assert table.sentences == [(s.start, s.end) for s in doc.sents]
    assert table.lower == [t.lower_ for t in doc]
    assert table.tag == [t.tag_ for t in doc]
    assert table.lemma == [t.lemma_ for t in doc]
    assert table.head == [t.head.i for t in doc]


def test_noun_chunks_from_the_table_are_spacys() -> None:
    # Coordinated nouns ("ministers, diplomats and the envoys"), pronouns and a headline.
    for text in (TEXT, "Ministers, diplomats and the envoys of three states met her and him "
                       "in Oslo.\nThey, the rebels and Ana Ruiz's aides said so.", ""):
        doc = annotate(text)
        assert noun_chunks(doc) == [(chunk.start, chunk.end) for chunk in doc.noun_chunks]
    doc = annotate(TEXT)
    assert tokens_of(doc) is tokens_of(doc)  # kept with the document


def test_edges_settle_non_projective_parses_as_spacy_does() -> None:
    # Arcs that cross (1 -> 3 over 0 <- 2), and two roots whose subtrees interleave.
    for heads in ([2, 3, 2, 2], [1, 1, 4, 1, 4, 2], [0, 3, 0, 3, 1, 3]):
        doc = Doc(get_nlp().vocab, words=[f"w{i}" for i in range(len(heads))], heads=heads,
                  deps=["ROOT" if h == i else "dep" for i, h in enumerate(heads)])
        assert edges(heads) == ([t.left_edge.i for t in doc], [t.right_edge.i for t in doc])
    assert edges([]) == ([], [])


def holder(cue: Token) -> Token | None:
    """`holder_at`'s reading as spaCy's own tokens give it: what the table must agree with."""
    word = cue
    if cue.dep_ in ("appos", "amod") and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return cue.head
    for _ in range(HOLDER_MAX_HOPS):
        for child in word.children:
            if child.dep_ in ("nsubj", "poss"):
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if word.dep_ not in HOLDER_PATH or word.head.i == word.i:
            return None
        word = word.head
    return None


def test_holder_from_the_table_is_the_tokens_holder() -> None:
    doc = annotate(TEXT)
    table = Tokens.of(doc)
    for token in doc:
        found = holder(token)
        assert holder_at(table, token.i) == (found.i if found is not None else None)
    said = next(t for t in doc if t.lower_ == "said")
    assert doc[holder_at(table, said.i) or 0].lower_ == "mayor"


def test_spans_overlapping_a_span_in_their_order() -> None:
    spans = [Span(50, 60), Span(0, 100), Span(10, 20), Span(30, 45), Span(120, 130)]
    by_start = SpansByStart(spans)
    for span in (Span(15, 35), Span(55, 125), Span(100, 120), Span(0, 200), Span(44, 46)):
        assert by_start.overlapping(span) == [
            i for i, other in enumerate(spans) if other.overlaps(span)]


def test_overlapping_any_is_any_overlap() -> None:
    taken = [Span(40, 60), Span(0, 5), Span(10, 30), Span(12, 14), Span(70, 70)]
    by_start = SpansByStart(taken)
    for start in range(0, 80, 3):
        for end in range(start, 85, 4):
            span = Span(start, end)
            assert by_start.overlaps_any(span) == any(span.overlaps(t) for t in taken), span
    assert not SpansByStart([]).overlaps_any(Span(0, 10))
