"""Tests for the TIMEX value type: reading and writing values, and the date arithmetic on them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.extract.timexes.values import (
    Duration,
    Precision,
    TimexValue,
    is_day,
    outside_calendar,
)

# (value, precision, first day, last day)
PERIODS: list[tuple[str, Precision, date, date]] = [
    ("2025-03-06", "day", date(2025, 3, 6), date(2025, 3, 6)),
    ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023-02", "month", date(2023, 2, 1), date(2023, 2, 28)),
    ("2025-W10", "week", date(2025, 3, 3), date(2025, 3, 9)),
    ("2020-W53", "week", date(2020, 12, 28), date(2021, 1, 3)),
    ("2025-W10-WE", "weekend", date(2025, 3, 8), date(2025, 3, 9)),
    ("2024-Q3", "quarter", date(2024, 7, 1), date(2024, 9, 30)),
    ("2024-H2", "half", date(2024, 7, 1), date(2024, 12, 31)),
    ("2024-SU", "season", date(2024, 6, 1), date(2024, 8, 31)),
    ("2023-WI", "season", date(2023, 12, 1), date(2024, 2, 29)),
    ("2024", "year", date(2024, 1, 1), date(2024, 12, 31)),
    ("199", "decade", date(1990, 1, 1), date(1999, 12, 31)),
    ("20", "century", date(2000, 1, 1), date(2099, 12, 31)),
]


@pytest.mark.parametrize(("value", "precision", "first", "last"), PERIODS)
def test_a_value_reads_back_as_written_and_names_its_days(
    value: str, precision: Precision, first: date, last: date
) -> None:
    parsed = TimexValue.parse(value)
    assert parsed is not None
    assert str(parsed) == value
    assert parsed.precision == precision
    assert (parsed.first_day(), parsed.last_day()) == (first, last)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-06T14:30", date(2025, 3, 6)),
        ("2025-03-06TNI", date(2025, 3, 6)),
        ("2025-03", None),
        ("2025-W10", None),
    ],
)
def test_only_a_day_value_names_one_date(value: str, expected: date | None) -> None:
    parsed = TimexValue.parse(value)
    assert parsed is not None and str(parsed) == value
    assert parsed.as_date() == expected


@pytest.mark.parametrize(
    "value", ["P6M", "PXY", "XXXX-WXX-1", "2025-02-30", "2025-13", "2021-W53", "2025-Q5", "", "May"]
)
def test_what_is_no_calendar_value_parses_to_none(value: str) -> None:
    assert TimexValue.parse(value) is None


@pytest.mark.parametrize(
    ("value", "duration", "expected"),
    [
        # Six months on, across the end of a year, from a day and from a month.
        ("2024-07-15", "P6M", "2025-01-15"),
        ("2024-09", "P6M", "2025-03"),
        ("2024-11-30", "P3M", "2025-02-28"),  # past the month's end: its last day
        ("2024-08-31", "P6M", "2025-02-28"),
        ("2023-08-31", "P6M", "2024-02-29"),
        ("2024-02-29", "P1Y", "2025-02-28"),
        ("2025-12-29", "P5D", "2026-01-03"),
        ("2025-03-06", "P2W", "2025-03-20"),
        ("2024", "P2Y", "2026"),
        ("2024-W52", "P2W", "2025-W02"),
        ("2025-03-06T10:00", "P1D", "2025-03-07T10:00"),
        # What does not fit the value's precision, or is vague, gives no value.
        ("2024", "P6M", None),
        ("2024-09", "P3D", None),
        ("2024-Q3", "P1M", None),
        ("2025-03-06", "PXM", None),
        ("2025-03-06", "PT2H", None),
    ],
)
def test_adding_a_duration(value: str, duration: str, expected: str | None) -> None:
    parsed, length = TimexValue.parse(value), Duration.parse(duration)
    assert parsed is not None and length is not None
    moved = parsed + length
    assert (str(moved) if moved else None) == expected


@pytest.mark.parametrize(
    ("value", "duration", "expected"),
    [
        ("2025-01-15", "P6M", "2024-07-15"),
        ("2025-03-31", "P1M", "2025-02-28"),
        ("2025-01-02", "P3D", "2024-12-30"),
    ],
)
def test_subtracting_a_duration(value: str, duration: str, expected: str) -> None:
    parsed, length = TimexValue.parse(value), Duration.parse(duration)
    assert parsed is not None and length is not None
    assert str(parsed - length) == expected


@pytest.mark.parametrize(
    ("value", "units", "expected"),
    [
        ("2025-01", -1, "2024-12"),
        ("2024-11", 3, "2025-02"),
        ("2025-03", -27, "2022-12"),
        ("2025-W01", -1, "2024-W52"),
        ("2020-W53", 1, "2021-W01"),
        ("2026-W01", -1, "2025-W52"),
        ("2025-W10-WE", -1, "2025-W09-WE"),
        ("2025-Q1", -1, "2024-Q4"),
        ("2024-H2", 1, "2025-H1"),
        ("2024-WI", 1, "2025-SP"),
        ("2025-SP", -1, "2024-WI"),
        ("2024-12-31", 1, "2025-01-01"),
        ("2024-03-01", -1, "2024-02-29"),
        ("2025", -10, "2015"),
        ("202", -3, "199"),
        ("20", 1, "21"),
    ],
)
def test_shifting_by_whole_units(value: str, units: int, expected: str) -> None:
    parsed = TimexValue.parse(value)
    assert parsed is not None
    assert str(parsed.shifted(units)) == expected


@pytest.mark.parametrize(
    ("day", "precision", "expected"),
    [
        (date(2025, 3, 7), "week", "2025-W10"),
        (date(2021, 1, 1), "week", "2020-W53"),  # the ISO year can differ from the calendar's
        (date(2024, 12, 30), "week", "2025-W01"),
        (date(2025, 3, 8), "weekend", "2025-W10-WE"),
        (date(2025, 2, 14), "season", "2024-WI"),  # January and February: last year's winter
        (date(2025, 12, 1), "season", "2025-WI"),
        (date(2025, 5, 31), "season", "2025-SP"),
        (date(2025, 8, 15), "quarter", "2025-Q3"),
        (date(2025, 6, 30), "half", "2025-H1"),
        (date(2025, 8, 15), "month", "2025-08"),
        (date(2025, 8, 15), "year", "2025"),
        (date(2019, 8, 15), "decade", "201"),
        (date(1999, 8, 15), "century", "19"),
    ],
)
def test_the_period_containing_a_day(day: date, precision: Precision, expected: str) -> None:
    value = TimexValue.of_day(day, precision)
    assert str(value) == expected
    assert value.first_day() <= day <= value.last_day()


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("2024", "2024-Q3", True),
        ("2024-Q3", "2024-08-31", True),
        ("2024-Q3", "2024-10-01", False),
        ("2024", "2025-W01", False),  # 30 December 2024 to 5 January 2025
        ("2025", "2025-W01", False),
        ("2024-WI", "2025-02", True),
        ("202", "2024-07", True),
        ("2024-07", "2024", False),
    ],
)
def test_containment(outer: str, inner: str, expected: bool) -> None:
    first, second = TimexValue.parse(outer), TimexValue.parse(inner)
    assert first is not None and second is not None
    assert first.contains(second) is expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (6, "month", "P6M"),
        (2, "decade", "P20Y"),
        (1, "century", "P100Y"),
        (3, "fortnight", "P6W"),
        (1.5, "hour", "PT1.5H"),
        (30, "minute", "PT30M"),
        (None, "year", "PXY"),
        (None, "decade", "PXDE"),
        (None, "hour", "PTXH"),
    ],
)
def test_durations_are_written_in_timex3_units(
    amount: float | None, unit: str, expected: str
) -> None:
    duration = Duration.of(amount, unit)
    assert str(duration) == expected
    assert Duration.parse(expected) == duration


@pytest.mark.parametrize("value", ["-001", "-01", "10000", "10000-01"])
def test_values_past_the_calendar_are_recognised(value: str) -> None:
    assert outside_calendar(value)


@given(st.dates(min_value=date(10, 1, 1), max_value=date(9990, 12, 31)), st.integers(-30, 30))
def test_month_arithmetic_agrees_with_counting_months(day: date, months: int) -> None:
    moved = TimexValue.of_day(day) + Duration(months, "M")
    assert moved is not None
    landed = moved.first_day()
    assert (landed.year * 12 + landed.month) - (day.year * 12 + day.month) == months
    assert landed.day == day.day or landed == TimexValue.of_day(landed, "month").last_day()
    assert str(TimexValue.of_day(day, "month").shifted(months)) == str(moved)[:7]


@pytest.mark.parametrize(("value", "day"), [
    ("2025-03-06", True), ("2025-03", False), ("2025-03-06T14:30", False), ("P3D", False),
    ("2025-02-30", False), (None, False), ("", False),
])
def test_is_day(value: str | None, day: bool) -> None:
    assert is_day(value) is day
