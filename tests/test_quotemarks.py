import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.extract.attribution.quotemarks import find_quoted_spans


def inner_texts(text: str) -> list[str]:
    return [q.inner.text(text) for q in find_quoted_spans(text) if q.depth == 0]


@pytest.mark.parametrize("text, expected", [
    ('He said "we are ready" today.', ["we are ready"]),
    ("She said “we are ready” today.", ["we are ready"]),
    ("Er sagte „wir sind bereit“ heute.", ["wir sind bereit"]),
    ("Il a dit « nous sommes prêts » hier.", [" nous sommes prêts "]),
    ("Il a dit «nous sommes prêts» hier.", ["nous sommes prêts"]),
    ("She called it “reckless“, he said it was “fine“.", ["reckless", "fine"]),
    ("Lithuania's army and the countries' leaders don’t agree.", []),
    ("“When they ask, ‘Are you ready?’, we say yes,” she said.",
     ["When they ask, ‘Are you ready?’, we say yes,"]),
    # A stray second opener after a finished sentence does not end the quote.
    ('“We agree. "It is a good plan," he said.', ['We agree. "It is a good plan,']),
    # ... unless a frame stands between: the first quote's closing mark was left out.
    ('"Orders are weak, said Ed Harlan of Norvale. "I expect more cuts."',
     ["Orders are weak", "I expect more cuts."]),
    ('"Orders are weak, she added. "I expect more cuts."',
     ["Orders are weak", "I expect more cuts."]),
    # A stray opener at a paragraph start, never closed, around a closed quote.
    ('""We are ready," Mr. King said.', ["We are ready,"]),
    # Typewriter doubles: two apostrophes or backticks for one double quote.
    ("''We are ready,'' she said of Lithuania's army.", ["We are ready,"]),
    ("``We are ready,'' she said.", ["We are ready,"]),
    # Openers never closed (a caption's lone mark in a page run together on one line) leave
    # the quotes after them top-level, however many and however far before they stand.
    ('A "storm photo. Another "wave photo. A spokesman said: "We are on scene. "Crews are '
     'working." Later.', ['We are on scene. "Crews are working.']),
    ('A "storm photo.' + ' word' * 150 + ' A spokesman said: "We are ready." End.',
     ["We are ready."]),
    # Unclosed at the paragraph end: the quote runs to the end of its paragraph only.
    ("„We will start now\nNext paragraph here.", ["We will start now"]),
])
def test_pairs_marks(text: str, expected: list[str]) -> None:
    assert inner_texts(text) == expected


def test_nested_quote_is_marked_inner() -> None:
    text = "“They asked ‘why not?’ again,” she said."
    depths = [(q.inner.text(text), q.depth) for q in find_quoted_spans(text)]
    assert ("why not?", 1) in depths


MARKS = st.sampled_from(list("\"'“”„«»‚‘’ \nab.,"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MARKS, max_size=200))
def test_mark_soup_never_raises_and_spans_stay_inside(text: str) -> None:
    for quoted in find_quoted_spans(text):
        assert 0 <= quoted.outer.start <= quoted.inner.start <= quoted.inner.end
        assert quoted.inner.end <= quoted.outer.end <= len(text)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=5000))
def test_very_long_quotes_are_found_whole(words: int) -> None:
    body = " ".join(["word"] * words)
    text = f"She said “{body}” today."
    assert inner_texts(text) == [body]
