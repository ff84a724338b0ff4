"""What a relative expression is read against: the tense of its sentence, the day a clock
time belongs to, and dateparser for absolute dates in formats the rules do not model."""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from newstrace.annotate.sentences import STOP_OR_LINE_END
from newstrace.extract.timexes.values import Precision, TimexValue

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

PAST = "past"
FUTURE = "future"

# ---------------------------------------------------------------------------------------
# Tense: does the sentence around an expression look back or ahead?
# ---------------------------------------------------------------------------------------

_FUTURE_WORDS = frozenset(
    """will shall won't won’t due plans plan planning planned scheduled expected expects
    upcoming intends intend aims""".split()
)
# "set to" and "going to" are future only when "to" follows.
_FUTURE_BEFORE_TO = frozenset({"set", "going"})
_PAST_WORDS = frozenset(
    """said told was were had did ago met held came went took made gave left began fell rose
    won lost saw sent spoke wrote found brought fought struck became ran shot flew drove kept
    paid sold bought led fled""".split()
)
_NOT_PAST_PARTICIPLES = frozenset(
    """need hundred indeed speed proceed exceed succeed feed seed breed bleed embed shed red
    bed""".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


_SENTENCE_REACH = 400  # characters; bounds the work per span in text without punctuation


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span, cut at sentence punctuation followed by space."""
    left = max(0, start - _SENTENCE_REACH)
    for match in STOP_OR_LINE_END.finditer(text, left, start):
        left = match.end()
    right = min(len(text), end + _SENTENCE_REACH)
    following = STOP_OR_LINE_END.search(text, end, right)
    return left, following.start() if following else right


def _cue(token: re.Match[str], text: str, previous: str) -> str | None:
    word = token.group(0).lower()
    if word in _FUTURE_WORDS or word.endswith(("'ll", "’ll")):
        return FUTURE
    if word in _FUTURE_BEFORE_TO and text.startswith(" to ", token.end()):
        return FUTURE
    if word in _PAST_WORDS:
        return PAST
    is_participle = len(word) >= 5 and word.endswith("ed") and word not in _NOT_PAST_PARTICIPLES
    # "will be debated": a participle after "be" carries no tense of its own.
    if not is_participle or not token.group(0).islower() or previous in ("be", "being"):
        return None
    return PAST


# Characters a comma adds to a cue's distance (about a short clause's length).
CLAUSE_PENALTY = 60


def tense_near(text: str, start: int, end: int) -> str:
    """The tense of the verb cue nearest the span in its sentence; past when there is none.

    Nearest rather than any: in "said on Monday it will", "Monday" belongs to "said". A comma
    puts a cue in another clause: in "will visit in June, the White House said" June is the
    visit's, so a cue across a comma counts as farther away.
    """
    left, right = _sentence_bounds(text, start, end)
    best_distance, best = len(text) + 1, PAST
    previous = ""
    for token in _TOKEN.finditer(text, left, right):
        word, previous = previous, token.group(0).lower()
        if start <= token.start() < end:
            continue
        tense = _cue(token, text, word)
        if tense is None:
            continue
        between = text[token.end():start] if token.end() <= start else text[end:token.start()]
        distance = (start - token.end() if token.end() <= start else token.start() - end) \
            + CLAUSE_PENALTY * between.count(",")
        if distance < best_distance:
            best_distance, best = distance, tense
    return best


# ---------------------------------------------------------------------------------------
# dateparser: only for absolute dates in formats the rules do not model
# ---------------------------------------------------------------------------------------

_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DATEPARSER_DEFAULT_BASE = date(2000, 1, 1)


@lru_cache(maxsize=16)
def _date_data_parser(base: date) -> DateDataParser:
    # Imported lazily: dateparser is slow to import and most texts never need it.
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        # Absolute parsers only: relative phrases are the rules' business.
        "PARSERS": ["custom-formats", "absolute-time"],
    }
    return DateDataParser(languages=["en"], try_previous_locales=False, settings=settings)


def dateparser_value(expression: str, anchor: date | None) -> str | None:
    """Resolve an absolute date; only expressions with a full year, so no guessing."""
    if not _HAS_YEAR.search(expression):
        return None
    try:
        data = _date_data_parser(anchor or _DATEPARSER_DEFAULT_BASE).get_date_data(expression)
    except (ValueError, OverflowError, TypeError):
        return None
    found = data["date_obj"]
    if found is None:
        return None
    precisions: dict[str, Precision] = {"year": "year", "month": "month", "week": "week"}
    return str(TimexValue.of_day(found.date(), precisions.get(data["period"], "day")))


def clock_anchor(text: str, start: int, end: int, days: list[tuple[int, date]],
                 published: date | None) -> date | None:
    """A clock time belongs to the nearest day named in its sentence, else the report's day.

    ``days`` holds (position, day) for the days named in the text, sorted by position."""
    left, right = _sentence_bounds(text, start, end)
    # days is sorted by position, so the sentence's days are one slice of it.
    first = bisect.bisect_left(days, (left, date.min))
    last = bisect.bisect_left(days, (right, date.min))
    nearby = [(abs(position - start), day) for position, day in days[first:last]]
    return min(nearby)[1] if nearby else published

