"""The shortcuts the entity, event and clean stages take for speed read what the slow way
read: token columns, a name's places, the tokens that may trigger an event, control
characters and odd spaces."""

from __future__ import annotations

import re

import pytest

from newstrace.annotate import annotate, words_of
from newstrace.clean.decode import analysis_view, decode_bytes
from newstrace.config import Options
from newstrace.errors import InputError
from newstrace.extract.events.context import index_document
from newstrace.extract.events.triggers import classify, possible_triggers
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.models import Span
from newstrace.resolve.types import whole_words

REPORT = (
    "Kovrax Group Ltd said on Tuesday it would buy the Oslo lender for 2 billion euros.\n"
    "“We are not selling,” the bank’s chief executive, Ana Varga, told İzmir radio. "
    "Parliament voted 93-4 to withdraw from the treaty; the minister criticised the vote "
    "as reckless. The deal’s 12\u00a0staff — and 3,000 more — were __ unaffected."
)


def test_words_are_the_tokens_attributes() -> None:
    doc = annotate(REPORT)
    words = words_of(doc)
    assert words.text == [t.text for t in doc]
    assert words.lower == [t.lower_ for t in doc]
    assert words.pos == [t.pos_ for t in doc]
    assert words.dep == [t.dep_ for t in doc]
    assert words.ent_type == [t.ent_type_ for t in doc]
    assert words.idx == [t.idx for t in doc]
    assert words_of(doc) is words  # kept with the document


def test_words_of_an_empty_document() -> None:
    assert words_of(annotate("")).text == []


@pytest.mark.parametrize(("text", "name"), [
    ("Kovrax shares fell; Kovrax's boss left", "Kovrax"),
    ("KovraxGroup and _Kovrax and Kovrax_ and Kovrax2 and ²Kovrax and Kovrax", "Kovrax"),
    ("aaa a a a", "a a"),
    ("Élan, élan-Élan", "Élan"),
    ("", "X"),
])
def test_whole_words_are_the_places_a_pattern_finds(text: str, name: str) -> None:
    expected = [Span(m.start(), m.end())
                for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    assert whole_words(text, name) == expected


def test_every_token_classify_types_is_a_possible_trigger() -> None:
    doc = annotate(REPORT)
    gazetteer = load_gazetteer(tuple(Options().gazetteer_files))
    ctx = index_document(doc, [], [], [Span(0, len(REPORT))], gazetteer)
    typed = [t.i for t in doc if classify(ctx, t) is not None]
    assert typed  # the report holds events: the test would notice a filter that drops them
    assert set(typed) <= set(possible_triggers(doc))


def test_control_characters_count_but_tabs_and_line_breaks_do_not() -> None:
    assert decode_bytes(b"a\tb\nc\rd\fe" * 20, "x") == "a\tb\nc\rd\fe" * 20
    with pytest.raises(InputError, match="2 control characters"):
        decode_bytes(b"text\x00\x1b" + b"x" * 100, "x")


def test_the_view_makes_odd_spaces_plain_with_the_same_offsets() -> None:
    text = "12\u00a0staff,\u2009a\u3000b\u2008c"
    assert analysis_view(text) == "12 staff, a b\u2008c"  # U+2008 is not one of them
