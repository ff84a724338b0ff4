"""Tests for the temporal-expression stage: spans, TIMEX3 values, and date arithmetic edges."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.extract.timexes import anchoring, find_timexes, resolve_relative
from newstrace.extract.timexes.rules import RULES, ascii_lookalikes_folded, may_match
from newstrace.models import Span

FRIDAY = date(2025, 3, 7)  # a Friday in ISO week 2025-W10

# (text, published, [(span text, value), ...]) -- every expected timex, in order.
CASES: list[tuple[str, date | None, list[tuple[str, str | None]]]] = [
    # Weekdays: the previous occurrence in past-tense reports, the next one for the future.
    ("The ministers met on Saturday.", FRIDAY, [("Saturday", "2025-03-01")]),
    ("The rebels withdrew on Wednesday.", FRIDAY, [("Wednesday", "2025-03-05")]),
    ("The council voted on Friday.", FRIDAY, [("Friday", "2025-03-07")]),
    ("Officials met last Monday.", FRIDAY, [("last Monday", "2025-03-03")]),
    ("The envoy will arrive on Tuesday.", FRIDAY, [("Tuesday", "2025-03-11")]),
    ("The minister is due to visit the port on Monday.", FRIDAY, [("Monday", "2025-03-10")]),
    ("The union plans to strike next Wednesday.", FRIDAY, [("next Wednesday", "2025-03-12")]),
    ("She intends to run this coming Sunday.", FRIDAY, [("this coming Sunday", "2025-03-09")]),
    ("He said on Thursday that the army will leave.", FRIDAY, [("Thursday", "2025-03-06")]),
    ("The bill will be debated in April.", FRIDAY, [("April", "2025-04")]),
    ("The talks began on Monday last week.", FRIDAY, [("Monday last week", "2025-02-24")]),
    # Day words.
    ("The plant closed yesterday.", FRIDAY, [("yesterday", "2025-03-06")]),
    ("Trading resumed today and ends tomorrow.", FRIDAY,
     [("today", "2025-03-07"), ("tomorrow", "2025-03-08")]),
    ("It rained the day before yesterday.", FRIDAY, [("the day before yesterday", "2025-03-05")]),
    ("The storm hit last night.", FRIDAY, [("last night", "2025-03-06TNI")]),
    # Weeks, months, years relative to publication.
    ("Prices fell this week after rising last week.", FRIDAY,
     [("this week", "2025-W10"), ("last week", "2025-W09")]),
    ("Exports rose last month and this month.", FRIDAY,
     [("last month", "2025-02"), ("this month", "2025-03")]),
    ("Turnout was lower last year than it will be next year.", FRIDAY,
     [("last year", "2024"), ("next year", "2026")]),
    ("The ruling came in July last year.", FRIDAY, [("July last year", "2024-07")]),
    ("The debt grew at the end of last year.", FRIDAY, [("the end of last year", "2024")]),
    ("The campaign started earlier this year.", FRIDAY, [("earlier this year", "2025")]),
    ("The dam burst in July.", FRIDAY, [("July", "2024-07")]),
    ("The vote took place on March 5.", FRIDAY, [("March 5", "2025-03-05")]),
    ("The company was sold three years ago.", FRIDAY, [("three years ago", "2022")]),
    # Absolute dates.
    ("The treaty was signed on 18 July 2024.", FRIDAY, [("18 July 2024", "2024-07-18")]),
    ("The treaty was signed on July 18, 2024.", None, [("July 18, 2024", "2024-07-18")]),
    ("Inflation peaked in July 2024.", None, [("July 2024", "2024-07")]),
    ("The file is dated 2025-03-07.", None, [("2025-03-07", "2025-03-07")]),
    ("The decree of 07.03.2025 applies.", None, [("07.03.2025", "2025-03-07")]),
    ("The memo of 03/07/2025 leaked.", None, [("03/07/2025", "2025-03-07")]),
    ("The memo of 13/07/2025 leaked.", None, [("13/07/2025", "2025-07-13")]),
    ("Stocks rallied in early March.", FRIDAY, [("early March", "2025-03")]),
    ("Output recovered by mid-2024 after a slump in late 2023.", None,
     [("mid-2024", "2024"), ("late 2023", "2023")]),
    ("Profits doubled in the first quarter of 2025.", None,
     [("the first quarter of 2025", "2025-Q1")]),
    ("The fires of summer 2024 were the worst.", None, [("summer 2024", "2024-SU")]),
    ("Crime fell sharply in the 1990s.", None, [("the 1990s", "199")]),
    # Bare years need a date cue.
    ("The law was adopted in 2008.", None, [("2008", "2008")]),
    ("Inflation has risen since 2019.", None, [("2019", "2019")]),
    ("A study (2019) found the opposite.", None, [("2019", "2019")]),
    ("He served between 2004 and 2008.", None, [("2004", "2004"), ("2008", "2008")]),
    # Durations.
    ("The siege lasted six months.", None, [("six months", "P6M")]),
    ("The feud spans three decades.", None, [("three decades", "P30Y")]),
    ("Prices climbed over three years.", None, [("over three years", "P3Y")]),
    ("Wages stagnated in the past three years.", None, [("the past three years", "P3Y")]),
    ("He began a six-day visit.", None, [("six-day", "P6D")]),
    ("The strike lasted two weeks.", None, [("two weeks", "P2W")]),
    ("Rescuers searched for 48 hours.", None, [("48 hours", "PT48H")]),
    ("It took a year and then several years more.", None,
     [("a year", "P1Y"), ("several years", "PXY")]),
    ("A ten-year bond was issued.", None, [("ten-year", "P10Y")]),
    # Anchored on another event: recognised, but no value can be given.
    ("Two days later the ceasefire collapsed.", FRIDAY, [("Two days later", "P2D")]),
    ("The next day the ceasefire collapsed.", FRIDAY, [("The next day", None)]),
    # Sets and clock times.
    ("The summit is held every year.", None, [("every year", "P1Y")]),
    ("The market opened at 10:30 on Saturday.", FRIDAY,
     [("10:30", "2025-03-01T10:30"), ("Saturday", "2025-03-01")]),
    # Relative expressions without a publication date keep their span but get no value.
    ("The ministers met on Saturday and last week.", None,
     [("Saturday", None), ("last week", None)]),
    # Numbers that are not years.
    ("103 MPs from 112 countries voted.", FRIDAY, []),
    ("The fund holds 20 million euros and 2,000 bonds.", FRIDAY, []),
    ("Scores ranged over 1-3 points under Article 2008.", FRIDAY, []),
    ("A total of 2000 people attended.", FRIDAY, []),
    ("In 2000 cases the courts agreed.", FRIDAY, []),
    ("The 30-year-old man was arrested.", FRIDAY, []),
    # Vague expressions are left out.
    ("Recently, prices have risen; now they are high and will fall soon.", FRIDAY, []),
    ("Nowadays currently in the near future, just days after, at the time.", FRIDAY, []),
    ("Once, the past and the future mattered more than ever.", FRIDAY, []),
    ("You may go now.", FRIDAY, []),
    ("The Sunday Times praised the Women's March.", FRIDAY, []),
    # Calendar edges: leap days, month ends, year ends, ISO week 53.
    ("The bank failed yesterday.", date(2024, 3, 1), [("yesterday", "2024-02-29")]),
    ("The bank failed yesterday.", date(2025, 1, 1), [("yesterday", "2024-12-31")]),
    ("The bank opens tomorrow.", date(2024, 2, 28), [("tomorrow", "2024-02-29")]),
    ("Prices fell this week.", date(2021, 1, 1), [("this week", "2020-W53")]),
    ("Prices fell last week.", date(2021, 1, 4), [("last week", "2020-W53")]),
    ("Sales dropped last month.", date(2025, 1, 15), [("last month", "2024-12")]),
    ("Sales dropped last month.", date(2024, 3, 31), [("last month", "2024-02")]),
    ("The party ended last year.", date(2025, 1, 1), [("last year", "2024")]),
    ("The vote was held on February 29.", date(2025, 3, 7), [("February 29", "2024-02-29")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_find_timexes_table(
    text: str, published: date | None, expected: list[tuple[str, str | None]]
) -> None:
    found = find_timexes(text, published)
    assert [(timex.text, timex.value) for timex in found] == expected
    for timex in found:
        assert timex.text == text[timex.span.start:timex.span.end]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Talks resumed on Saturday.", "DATE"),
        ("The siege lasted six months.", "DURATION"),
        ("The summit is held every year.", "SET"),
        ("The market opened at 10:30.", "TIME"),
    ],
)
def test_kinds(text: str, kind: str) -> None:
    (timex,) = find_timexes(text, FRIDAY)
    assert timex.kind == kind


@pytest.mark.parametrize(
    ("expression", "tense", "value"),
    [
        ("Friday", "past", "2025-03-07"),
        ("Friday", "future", "2025-03-14"),
        ("on Saturday", "past", "2025-03-01"),
        ("in July", "past", "2024-07"),
        ("in July", "future", "2025-07"),
        ("the end of last year", "past", "2024"),
        ("last summer", "past", "2024-SU"),
        ("two weeks ago", "past", "2025-W08"),
        ("18th of July, 2024", "past", "2024-07-18"),
        ("2024/07/18", "past", "2024-07-18"),  # a format left to dateparser
        ("nowadays", "past", None),
        # Counts in words, read through the shared number vocabulary.
        ("twenty-one days ago", "past", "2025-02-14"),
        ("a dozen years", "past", "P12Y"),
        ("a couple of weeks", "past", "P2W"),
        ("a few months", "past", "PXM"),
        ("an hour", "past", "PT1H"),
        ("two fortnights ago", "past", "2025-W06"),
        ("the 2nd quarter", "past", "2024-Q2"),
        ("the final quarter of 2023", "past", "2023-Q4"),
        ("the last half", "future", "2025-H2"),
    ],
)
def test_resolve_relative(expression: str, tense: str, value: str | None) -> None:
    assert resolve_relative(expression, FRIDAY, tense) == value


def test_rules_resolve_without_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    """dateparser is a fallback only: nothing the rules resolve may reach it."""

    def forbidden(expression: str, anchor: date | None) -> str | None:
        raise AssertionError(f"dateparser called for {expression!r}")

    monkeypatch.setattr(anchoring, "dateparser_value", forbidden)
    for text, published, _ in CASES:
        find_timexes(text, published)
    assert resolve_relative("the end of last year", FRIDAY) == "2024"


def test_dateparser_fallback_reads_odd_formats() -> None:
    (timex,) = find_timexes("The filing of 18-Jul-2024 was late.", None)
    assert (timex.text, timex.value) == ("18-Jul-2024", "2024-07-18")


def test_long_repetitive_text_stays_fast() -> None:
    # Year ranges and weekday tense lookups once went quadratic on text like this.
    text = "in 2008 and " * 1000 + "Monday " * 1000
    found = find_timexes(text, FRIDAY)
    assert len(found) == 2000


# ---------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------

dates = st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _previous_month(day: date) -> str:
    year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    return f"{year:04d}-{month:02d}"


EXPECTED_BY_EXPRESSION: dict[str, Callable[[date], str]] = {
    "yesterday": lambda day: (day - timedelta(days=1)).isoformat(),
    "tomorrow": lambda day: (day + timedelta(days=1)).isoformat(),
    "this week": _week,
    "last week": lambda day: _week(day - timedelta(days=7)),
    "last month": _previous_month,
    "last year": lambda day: f"{day.year - 1:04d}",
}


@given(day=dates, expression=st.sampled_from(sorted(EXPECTED_BY_EXPRESSION)))
def test_relative_expressions_match_calendar_arithmetic(day: date, expression: str) -> None:
    expected = EXPECTED_BY_EXPRESSION[expression](day)
    assert resolve_relative(expression, day) == expected
    (timex,) = find_timexes(f"The figures were published {expression}.", day)
    assert (timex.text, timex.value) == (expression, expected)


@given(day=dates, weekday=st.sampled_from(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_weekdays_point_the_right_way(day: date, weekday: str) -> None:
    number = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
              "Sunday"].index(weekday)
    past = date.fromisoformat(resolve_relative(weekday, day, "past") or "")
    future = date.fromisoformat(resolve_relative(weekday, day, "future") or "")
    assert past.weekday() == future.weekday() == number
    assert 0 <= (day - past).days <= 6
    assert 1 <= (future - day).days <= 7


@given(
    anchor=st.dates(),
    expression=st.sampled_from(
        ["yesterday", "tomorrow", "next week", "last week", "next month", "next year",
         "Friday", "next Friday", "March 5", "last summer", "the third quarter",
         "2,000 years ago", "1,000,000 days ago", "next century", "this weekend"]
    ),
)
def test_calendar_edges_never_raise(anchor: date, expression: str) -> None:
    value = resolve_relative(expression, anchor)
    assert value is None or not value.startswith("-")
    find_timexes(f"It happened {expression} at 10:30.", anchor)


VOCABULARY = [
    "on", "in", "since", "the", "end", "of", "last", "next", "this", "week", "year", "month",
    "Monday", "Friday", "July", "May", "March", "2008", "2019", "18", "5th", "ago", "over",
    "past", "three", "six-day", "years", "days", "48", "hours", "every", "a", "(2019)",
    "07.03.2025", "03/07/2025", "2025-03-07", "at", "10:30", "p.m.", "GMT", "will", "said",
    "early", "mid-", "late", "summer", "quarter", "first", "1990s", "'90s", "-", ",", ".",
    "yesterday", "today", "tomorrow", "night", "weekend", "2,000", "Article", "times",
]


@settings(max_examples=300)
@given(
    words=st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=8)), max_size=30),
    published=st.one_of(st.none(), dates),
)
def test_random_text_never_raises_and_spans_are_consistent(
    words: list[str], published: date | None
) -> None:
    text = " ".join(words)
    found = find_timexes(text, published)
    previous_end = 0
    for timex in found:
        assert 0 <= timex.span.start < timex.span.end <= len(text)
        assert timex.text == text[timex.span.start:timex.span.end]
        assert timex.span.start >= previous_end  # sorted and non-overlapping
        assert timex.kind in ("DATE", "DURATION", "SET", "TIME")
        previous_end = timex.span.end


def test_a_cue_across_a_comma_belongs_to_another_clause() -> None:
    text = "The envoy will arrive in June, the ministry said."
    assert [(t.text, t.value) for t in find_timexes(text, date(2023, 5, 10))] == [
        ("June", "2023-06")]


def test_a_date_word_inside_a_name_is_no_date() -> None:
    text = "Speaking to USA Today, the mayor said the bridge would reopen today."
    name = Span(text.index("USA Today"), text.index("USA Today") + len("USA Today"))
    found = find_timexes(text, date(2024, 6, 3), [name])
    assert [(t.text, t.value) for t in found] == [("today", "2024-06-03")]


def test_a_name_made_only_of_a_date_word_does_not_hide_it() -> None:
    text = "The talks ended on Monday."
    monday = Span(text.index("Monday"), text.index("Monday") + len("Monday"))
    assert [t.text for t in find_timexes(text, date(2024, 6, 5), [monday])] == ["Monday"]


def _skipped_rules_find_nothing(text: str) -> int:
    """The rules `may_match` skips for the text (as the rules read it), each checked to find
    nothing there."""
    text = ascii_lookalikes_folded(text)
    lower = text.lower()
    skipped = [rule for rule in RULES if not may_match(rule, text, lower)]
    for rule in skipped:
        assert rule.finder.search(text) is None, (rule.name, text)
    return len(skipped)


def test_a_rule_is_skipped_only_where_it_cannot_match() -> None:
    texts = [text for text, _, _ in CASES]
    texts += [text.upper() for text in texts] + [text.lower() for text in texts]
    # Letters a case-insensitive pattern reads as "i" and "s" although they lowercase to
    # something else.
    texts += ["at M\u0130DNIGHT", "at m\u0131dnight", "over the la\u017ft days"]
    assert sum(_skipped_rules_find_nothing(text) for text in texts) > len(texts)


def test_a_rules_first_characters_turn_away_no_match() -> None:
    """A rule's `starts` (the characters its matches begin with) finds what the finder alone
    finds: the same matches, in every case of every example."""
    texts = [text for text, _, _ in CASES]
    texts += [text.upper() for text in texts] + [text.lower() for text in texts]
    texts += ["(\u0130N 2008)", "\u017fince 1999", "\u0131n 2008", "5 MILLION A YEAR"]
    started = [rule for rule in RULES if rule.starts]
    assert len(started) >= 5
    for rule in started:
        lookahead = f"(?={rule.starts})"
        assert rule.finder.pattern.startswith(lookahead)
        alone = re.compile(rule.finder.pattern[len(lookahead):])
        for text in map(ascii_lookalikes_folded, texts):
            assert [m.span() for m in rule.finder.finditer(text)] == [
                m.span() for m in alone.finditer(text)], (rule.name, text)


def test_letters_read_as_ascii_give_the_ascii_value_and_keep_their_text() -> None:
    # "İ" lowercases to two characters and "ı"/"ſ" to no ASCII letter, yet the patterns
    # match them as "i" and "s": the resolvers must know the words they stand for.
    for written, plain in [("SPRİNG 2008", "SPRING 2008"), ("Sprıng 2008", "Spring 2008"),
                           ("laſt week", "last week"), ("Aprıl 2020", "April 2020")]:
        sentence = f"The plant closed {written}."
        found = find_timexes(sentence, FRIDAY)
        assert [t.value for t in found] == [t.value for t in find_timexes(
            f"The plant closed {plain}.", FRIDAY)]
        assert [t.text for t in found] == [written]


@settings(max_examples=200)
@given(words=st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=8)), max_size=30))
def test_random_text_skips_no_rule_that_matches(words: list[str]) -> None:
    _skipped_rules_find_nothing(" ".join(words))
