"""The annotate stage: the main parse reads title-case headlines as sentences."""

from newstrace.annotate import annotate, annotate_many, get_nlp, text_of
from newstrace.models import Span


def test_a_title_case_headline_is_parsed_with_its_verb_and_keeps_its_text() -> None:
    text = "Norway Purchases Rocket Launchers From Korea\nThe deal was signed in Oslo."
    doc = annotate(text, lambda first: [Span(0, 6)])  # "Norway", as the gazetteer knows it
    assert doc.text == text
    verb = next(t for t in doc if t.text == "Purchases")
    assert verb.pos_ == "VERB" and verb.lemma_ == "purchase"
    # The recogniser still reads the text as written.
    assert [e.text for e in doc.ents] == [e.text for e in get_nlp()(text).ents]


def test_a_name_in_a_headline_keeps_its_case_for_the_parser() -> None:
    text = "Finland Buys Jets From Lockheed Martin\nThe deal was announced on Monday."
    doc = annotate(text, lambda first: [])
    # A name the recogniser finds is not lower-cased: the company stays a proper noun.
    assert [t.pos_ for t in doc if t.text in ("Lockheed", "Martin")] == ["PROPN", "PROPN"]
    assert next(t for t in doc if t.text == "Buys").pos_ == "VERB"


def test_the_kept_text_is_the_parses_own() -> None:
    # `text_of` gives the text the parse read, kept when it was parsed (not its tokens
    # joined again): a headline parsed again, a run of junk cut in pieces, a lone surrogate.
    texts = ["Norway Purchases Rocket Launchers\nThe deal was signed.",
             "x" * 2500 + " said \ud800 it " + "\u201c" * 1200 + "\n\nok", "", " \n a\u00a0b\tc"]
    for doc in [*map(annotate, texts), *annotate_many(texts, [None] * len(texts))]:
        assert text_of(doc) == doc.text
