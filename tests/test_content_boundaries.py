"""Where a reported clause ends: a clause that goes on with what was said is kept with it, a
frame of its own is not."""

from __future__ import annotations

from conftest import quote_of, run
from newstrace.annotate import annotate
from newstrace.extract.attribution.clauses import with_continuing_clause
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.models import Span


def content_after(text: str, start: str, end: str) -> str:
    """The content `start`..`end` (exclusive) of `text` passed through
    with_continuing_clause, with the cue "said"."""
    doc = annotate(text)
    index = DocumentIndex.build(doc, [], [])
    cue = next(t for t in doc if t.lower_ == "said")
    first = text.index(start)
    span = with_continuing_clause(index, Span(first, text.index(end, first)), cue)
    return span.text(text)


def test_a_contrast_after_a_comma_belongs_to_the_claim() -> None:
    text = ("The council said the new depot would cut bus delays by a third, "
            "while the old one would close next spring.")
    assert content_after(text, "the new depot", ", while") == \
        "the new depot would cut bus delays by a third, while the old one would close next spring"


def test_a_participle_on_the_reported_verb_belongs_to_the_claim() -> None:
    text = ("The firm said its sales rose by ten percent in March, "
            "bringing the total for the year to a record.")
    assert content_after(text, "its sales", ", bringing") == \
        "its sales rose by ten percent in March, bringing the total for the year to a record"


def test_a_frame_that_opens_its_own_quote_stays_out() -> None:
    text = ("The coach said the team had trained well all week, adding, "
            "\u201cWe are ready for anyone.\u201d")
    assert content_after(text, "the team", ", adding") == "the team had trained well all week"
    # nor one that reports a clause of its own
    text = ("The coach said the team had trained well all week, adding that two players "
            "were still injured.")
    assert content_after(text, "the team", ", adding") == "the team had trained well all week"


def test_content_already_running_to_the_sentence_end_is_unchanged() -> None:
    text = "The minister said the border would stay open."
    assert content_after(text, "the border", ".") == "the border would stay open"


def test_content_never_ends_inside_a_hyphenated_word() -> None:
    text = ("Shipping group Kalvane, which said last week that it would re-open its northern "
            "routes, gained 4% on Friday.")
    quote = quote_of(run(text), "it would re")
    assert "re-open" in quote.content.text(text)


def test_the_first_word_of_a_span_that_starts_or_ends_in_white_space() -> None:
    text = "The council said:  \n\n \"The depot will close.\"  "
    index = DocumentIndex.build(annotate(text), [], [])
    # from inside the spaces and the opening mark to the first word, whatever the edges
    assert index.first_word(text.index(":") + 1, len(text)).text == "The"
    assert index.first_word(len(text) - 2, len(text)) is None
    assert index.first_word(0, 3).text == "The"
