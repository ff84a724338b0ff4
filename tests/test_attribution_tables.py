"""The attribution index's token table reads what spaCy's Token objects give, without them."""

from __future__ import annotations

from spacy.tokens import Doc

from newstrace.annotate import annotate, get_nlp
from newstrace.extract.attribution.index import Tokens, edges
from newstrace.extract.attribution.model.candidates import RuleReading, RulesByStart
from newstrace.extract.attribution.model.features import holder, holder_at
from newstrace.extract.attribution.model.scorer import overlapping_any
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


def test_edges_settle_non_projective_parses_as_spacy_does() -> None:
    # Arcs that cross (1 -> 3 over 0 <- 2), and two roots whose subtrees interleave.
    for heads in ([2, 3, 2, 2], [1, 1, 4, 1, 4, 2], [0, 3, 0, 3, 1, 3]):
        doc = Doc(get_nlp().vocab, words=[f"w{i}" for i in range(len(heads))], heads=heads,
                  deps=["ROOT" if h == i else "dep" for i, h in enumerate(heads)])
        assert edges(heads) == ([t.left_edge.i for t in doc], [t.right_edge.i for t in doc])
    assert edges([]) == ([], [])


def test_holder_from_the_table_is_the_tokens_holder() -> None:
    doc = annotate(TEXT)
    table = Tokens.of(doc)
    for token in doc:
        found = holder(token)
        assert holder_at(table, token.i) == (found.i if found is not None else None)
    said = next(t for t in doc if t.lower_ == "said")
    assert doc[holder_at(table, said.i) or 0].lower_ == "mayor"


def test_rules_overlapping_a_span_in_their_order() -> None:
    rules = [RuleReading(Span(start, end), "indirect", None)
             for start, end in ((50, 60), (0, 100), (10, 20), (30, 45), (120, 130))]
    by_start = RulesByStart.of(rules)
    for span in (Span(15, 35), Span(55, 125), Span(100, 120), Span(0, 200), Span(44, 46)):
        assert by_start.overlapping(span) == [
            i for i, rule in enumerate(rules) if rule.span.overlaps(span)]


def test_overlapping_any_is_any_overlap() -> None:
    taken = [Span(40, 60), Span(0, 5), Span(10, 30), Span(12, 14), Span(70, 70)]
    overlaps = overlapping_any(taken)
    for start in range(0, 80, 3):
        for end in range(start, 85, 4):
            span = Span(start, end)
            assert overlaps(span) == any(span.overlaps(t) for t in taken), span
    assert not overlapping_any([])(Span(0, 10))
