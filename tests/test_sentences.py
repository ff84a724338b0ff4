"""The one sentence-end pattern of plain text and its stated variants."""

from __future__ import annotations

import re

from newstrace.annotate.sentences import (
    SENTENCE_END,
    STOP_BEFORE_CAPITAL,
    STOP_BEFORE_OPENER,
    STOP_OR_LINE_END,
)


def ends(pattern: re.Pattern[str], text: str) -> list[int]:
    return [match.start() for match in pattern.finditer(text)]


def test_titles_initials_and_numbers_do_not_end_a_sentence() -> None:
    text = "Sgt. Ana J. Ruiz filed item No. 4 today. Then she left!"
    assert ends(SENTENCE_END, text) == [text.index("today.") + 5, len(text) - 1]


def test_line_breaks_end_a_sentence_where_asked() -> None:
    text = "Harbour Fees Rise\nThe council met. It voted"
    assert ends(STOP_OR_LINE_END, text) == [text.index("\n"), text.index("met.") + 3]
    assert ends(SENTENCE_END, text) == [text.index("met.") + 3]


def test_a_lower_case_word_continues_the_sentence_before_an_opener_only() -> None:
    text = "The U.S. envoy arrived. “We are ready,” she said?! (Later) more."
    found = ends(STOP_BEFORE_OPENER, text)
    assert text.index("U.S.") + 3 not in found
    assert text.index("arrived.") + 7 in found
    assert text.index("?!") in found
    assert len(text) - 1 in found


def test_the_frame_reading_ends_before_capitals_and_double_quotes_only() -> None:
    for aside in ("(Barely, they said.)", "‘Barely,’ they said."):
        text = f"It passed. {aside} Then “we won.” All left."
        stop = text.index("passed.") + 6
        assert stop in ends(STOP_BEFORE_OPENER, text)
        frame_ends = ends(STOP_BEFORE_CAPITAL, text)
        assert stop not in frame_ends
        assert len(text) - 1 in frame_ends
