"""TIMEX3 values and the date arithmetic on them, in one place.

A calendar value names a period of days at some precision: "2025-03-06" a day, "2025-W10" an
ISO week, "2024-07" a month, "2024-Q3" a quarter, "2024-SU" a season, "2024" a year, "202" a
decade, "20" a century. A duration ("P6M", "PT2H", "PXY") is a length, not a period; adding
one to a value shifts it ("2024-07-15" + P6M = "2025-01-15").

Every period of a precision has an ordinal (its index counted from year 0), so moving by whole
units ("last month", "next quarter", "three weeks ago") is one addition for every precision.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

Precision = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day"
]

# Seasons in their order within a year; winter runs from December into the next year.
SEASONS = ("SP", "SU", "FA", "WI")
_FIRST_MONTH_OF_SEASON = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# Periods a fixed number of months long, and how many of them a year holds.
_PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "season": 4, "month": 12}
_PART_LETTER = {"half": "H", "quarter": "Q"}

_CALENDAR_VALUE = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T(?P<time>.+))?)?"
    r"|W(?P<week>\d\d)(?P<weekend>-WE)?|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|(?P<season>SP|SU|FA|WI)))?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2})"
)
# Negative years and years of five digits cannot be written as TIMEX3 values.
_OUTSIDE_CALENDAR = re.compile(r"-|\d{5}")


def is_duration(value: str) -> bool:
    """True for a length ("P6M", "PT2H", "PXY"): TIMEX3 writes every duration from a P."""
    return value.startswith("P")


def is_day(value: str | None) -> bool:
    """True for a value naming one whole day ("2025-03-06"; not a month, nor "...T14:30")."""
    parsed = TimexValue.parse(value) if value else None
    return parsed is not None and parsed.precision == "day" and not parsed.time


def outside_calendar(value: str) -> bool:
    """True when arithmetic ran past what a TIMEX3 value can write (year -1, year 10000)."""
    return _OUTSIDE_CALENDAR.match(value) is not None


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (31 April)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class TimexValue:
    """A calendar TIMEX3 value.

    ``year`` is the calendar year (the ISO year for weeks; the first year of a decade or
    century); ``part`` numbers the period inside the year: the month 1-12 (of a month or a
    day), ISO week, quarter 1-4, half 1-2, season 1-4 (in ``SEASONS`` order), 0 for a year or
    longer; ``day`` is the day of the month and ``time`` what follows the T of a day ("14:30",
    "NI" for night).
    """

    precision: Precision
    year: int
    part: int = 0
    day: int = 0
    time: str = ""

    # --- reading and writing ---------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> TimexValue | None:
        """The value a TIMEX3 string writes; None for durations, sets and unknown days."""
        match = _CALENDAR_VALUE.fullmatch(text)
        if match is None:
            return None
        groups = match.groupdict()
        if groups["decade"]:
            return cls("decade", int(groups["decade"]) * 10)
        if groups["century"]:
            return cls("century", int(groups["century"]) * 100)
        year = int(groups["year"])
        if groups["day"]:
            found = safe_date(year, int(groups["month"]), int(groups["day"]))
            return cls.of_day(found).at(groups["time"] or "") if found else None
        if groups["month"]:
            month = int(groups["month"])
            return cls("month", year, month) if 1 <= month <= 12 else None
        if groups["week"]:
            try:
                date.fromisocalendar(year, int(groups["week"]), 1)
            except ValueError:
                return None
            return cls("weekend" if groups["weekend"] else "week", year, int(groups["week"]))
        if groups["quarter"]:
            return cls("quarter", year, int(groups["quarter"]))
        if groups["half"]:
            return cls("half", year, int(groups["half"]))
        if groups["season"]:
            return cls("season", year, SEASONS.index(groups["season"]) + 1)
        return cls("year", year)

    def __str__(self) -> str:
        if self.precision == "day":
            text = f"{self.year:04d}-{self.part:02d}-{self.day:02d}"
            return f"{text}T{self.time}" if self.time else text
        if self.precision in ("week", "weekend"):
            week = f"{self.year:04d}-W{self.part:02d}"
            return f"{week}-WE" if self.precision == "weekend" else week
        if self.precision == "month":
            return f"{self.year:04d}-{self.part:02d}"
        if self.precision == "season":
            return f"{self.year:04d}-{SEASONS[self.part - 1]}"
        if self.precision in _PART_LETTER:
            return f"{self.year:04d}-{_PART_LETTER[self.precision]}{self.part}"
        if self.precision == "decade":
            return f"{self.year // 10:03d}"
        if self.precision == "century":
            return f"{self.year // 100:02d}"
        return f"{self.year:04d}"

    # --- from a day, and back ----------------------------------------------------------------

    @classmethod
    def of_day(cls, day: date, precision: Precision = "day") -> TimexValue:
        """The period of the given precision that contains ``day``."""
        if precision == "day":
            return cls("day", day.year, day.month, day.day)
        if precision in ("week", "weekend"):
            year, week, _ = day.isocalendar()
            return cls(precision, year, week)
        if precision == "season":
            # January and February belong to the winter that began the December before.
            if day.month <= 2:
                return cls("season", day.year - 1, 4)
            return cls("season", day.year, (day.month - 3) // 3 + 1)
        if precision in _PER_YEAR:
            months = 12 // _PER_YEAR[precision]
            return cls(precision, day.year, (day.month - 1) // months + 1 if months < 12 else 0)
        span = 10 if precision == "decade" else 100
        return cls(precision, day.year // span * span)

    def at(self, time: str) -> TimexValue:
        """This day at a clock time ("14:30") or part of day ("MO", "NI")."""
        return replace(self, time=time)

    def as_date(self) -> date | None:
        """The day a day-precision value names; None for longer periods."""
        return self.first_day() if self.precision == "day" else None

    def first_day(self) -> date:
        if self.precision == "day":
            return date(self.year, self.part, self.day)
        if self.precision in ("week", "weekend"):
            monday = date.fromisocalendar(self.year, self.part, 1)
            return monday + timedelta(days=5) if self.precision == "weekend" else monday
        if self.precision == "season":
            return date(self.year, _FIRST_MONTH_OF_SEASON[SEASONS[self.part - 1]], 1)
        if self.precision in _PER_YEAR and self.part:
            return date(self.year, (self.part - 1) * (12 // _PER_YEAR[self.precision]) + 1, 1)
        return date(self.year, 1, 1)

    def last_day(self) -> date:
        if self.precision == "weekend":
            return self.first_day() + timedelta(days=1)
        return date.fromordinal(self.shifted(1).first_day().toordinal() - 1)

    def contains(self, other: TimexValue) -> bool:
        """Whether every day of ``other`` lies within this period (2024 contains 2024-Q3)."""
        return self.first_day() <= other.first_day() and other.last_day() <= self.last_day()

    # --- moving ----------------------------------------------------------------------------

    @property
    def ordinal(self) -> int:
        """The period's index among the periods of its precision, counted from year 0."""
        if self.precision == "day":
            return self.first_day().toordinal()
        if self.precision in ("week", "weekend"):
            return (date.fromisocalendar(self.year, self.part, 1).toordinal() - 1) // 7
        if self.precision in _PER_YEAR:
            return self.year * _PER_YEAR[self.precision] + max(self.part, 1) - 1
        return self.year // (10 if self.precision == "decade" else 100)

    def shifted(self, units: int) -> TimexValue:
        """The period ``units`` periods of the same precision later (earlier when negative).

        Periods counted in months never build a date, so a year past the calendar's ends
        comes out as written (``outside_calendar`` tells); days and weeks raise ValueError.
        """
        ordinal = self.ordinal + units
        if self.precision == "day":
            return TimexValue.of_day(date.fromordinal(ordinal)).at(self.time)
        if self.precision in ("week", "weekend"):
            return TimexValue.of_day(date.fromordinal(ordinal * 7 + 1), self.precision)
        if self.precision in _PER_YEAR:
            per_year = _PER_YEAR[self.precision]
            part = ordinal % per_year + 1 if self.part else 0
            return TimexValue(self.precision, ordinal // per_year, part)
        return TimexValue(self.precision, ordinal * (10 if self.precision == "decade" else 100))

    def __add__(self, duration: Duration) -> TimexValue | None:
        """The value moved by a duration (2024-07-15 + P6M = 2025-01-15); None when the
        duration is vague or does not fit the precision (a month plus P3D).

        A day moved by months that lands past a month's end is that month's last day
        (31 August + P6M = 28 February), the common convention for adding months.
        """
        months = duration.months()
        if months is not None and self.precision in ("day", "month", "year"):
            if self.precision == "year" and months % 12:
                return None
            if self.precision != "day":
                return self.shifted(months if self.precision == "month" else months // 12)
            month = TimexValue("month", self.year, self.part).shifted(months)
            last = calendar.monthrange(month.year, month.part)[1]
            return TimexValue("day", month.year, month.part, min(self.day, last), self.time)
        days = duration.days()
        if days is not None and self.precision == "day":
            return self.shifted(days)
        if days is not None and self.precision in ("week", "weekend") and days % 7 == 0:
            return self.shifted(days // 7)
        return None

    def __sub__(self, duration: Duration) -> TimexValue | None:
        return self + duration.negated()


# --- durations ---------------------------------------------------------------------------

# Time units a duration may name, by their TIMEX3 letter; D, W, M and Y are calendar units.
_CLOCK_CODES = {"second": "S", "minute": "M", "hour": "H"}
# Written in years as the annotation asks; vague ones ("decades") keep their own code.
_SCALED = {"decade": (10, "Y", "DE"), "century": (100, "Y", "CE"), "fortnight": (2, "W", "W")}
_DURATION = re.compile(r"P(?P<time>T)?(?P<amount>X|\d+(?:\.\d+)?)(?P<unit>DE|CE|[YMWDHS])")


@dataclass(frozen=True)
class Duration:
    """A TIMEX3 duration: an amount (None when vague: "several years") of a unit code
    (Y, M, W, D; H, M, S when ``clock``; DE, CE for vague decades and centuries)."""

    amount: float | None
    unit: str
    clock: bool = False

    @classmethod
    def of(cls, amount: float | None, unit: str) -> Duration:
        """A duration from an amount and a unit name ("month", "decade", "hour")."""
        if unit in _CLOCK_CODES:
            return cls(amount, _CLOCK_CODES[unit], clock=True)
        factor, code, vague_code = _SCALED.get(unit, (1, unit[0].upper(), unit[0].upper()))
        if amount is None:
            return cls(None, vague_code)
        return cls(amount * factor, code)

    @classmethod
    def parse(cls, text: str) -> Duration | None:
        match = _DURATION.fullmatch(text)
        if match is None or (match["time"] is None and match["unit"] in "HS"):
            return None
        amount = None if match["amount"] == "X" else float(match["amount"])
        return cls(amount, match["unit"], clock=match["time"] is not None)

    def __str__(self) -> str:
        if self.amount is None:
            amount = "X"
        elif self.amount == int(self.amount):
            amount = str(int(self.amount))
        else:
            amount = f"{self.amount:g}"
        return f"P{'T' if self.clock else ''}{amount}{self.unit}"

    def negated(self) -> Duration:
        return replace(self, amount=None if self.amount is None else -self.amount)

    def months(self) -> int | None:
        """The whole number of months a calendar duration of months or years spans."""
        return self._whole({"M": 1, "Y": 12})

    def days(self) -> int | None:
        """The whole number of days a calendar duration of days or weeks spans."""
        return self._whole({"D": 1, "W": 7})

    def _whole(self, factors: dict[str, int]) -> int | None:
        factor = factors.get(self.unit)
        if factor is None or self.clock or self.amount is None or self.amount % 1:
            return None
        return factor * int(self.amount)
