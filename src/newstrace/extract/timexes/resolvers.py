"""Resolvers: from a rule's match (and, for relative expressions, the anchor date and the
sentence's tense) to a TIMEX3 value, written by ``values``."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import cast

from newstrace.extract.numbers import parse_ordinal
from newstrace.extract.timexes import anchoring
from newstrace.extract.timexes.anchoring import FUTURE, PAST
from newstrace.extract.timexes.patterns import (
    PART_OF_DAY,
    SEASON_CODES,
    WEEKDAY_NUMBERS,
    WEEKDAY_PHRASE_RE,
    month_number,
    quantity_value,
    unit_name,
)
from newstrace.extract.timexes.values import SEASONS, Duration, Precision, TimexValue, safe_date


def _day_value(day: date | None) -> str | None:
    return str(TimexValue.of_day(day)) if day else None


def _monday_of(day: date) -> date:
    return TimexValue.of_day(day, "week").first_day()


def _shifted_unit(unit: str, anchor: date, delta: int) -> str:
    """The calendar unit ("week", "month", "decade") containing the anchor, moved by delta."""
    return str(TimexValue.of_day(anchor, cast(Precision, unit)).shifted(delta))


# ---------------------------------------------------------------------------------------
# Resolvers for absolute expressions: they never need the publication date
# ---------------------------------------------------------------------------------------


def absolute_iso(match: re.Match[str]) -> str | None:
    day = safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    value = TimexValue.of_day(day)
    if match["hour"] and int(match["hour"]) < 24 and int(match["minute"]) < 60:
        value = value.at(f"{match['hour']}:{match['minute']}")
    return str(value)


def absolute_numeric(match: re.Match[str]) -> str | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    # Dotted and dashed dates are European (day first); slashed ones are read the US way,
    # month first, unless the first number cannot be a month.
    day_first = match["sep"] in ".-" or first > 12
    day, month = (first, second) if day_first else (second, first)
    return _day_value(safe_date(year, month, day))


def absolute_day_month_year(match: re.Match[str]) -> str | None:
    day = int(re.sub(r"\D", "", match["d"]))
    return _day_value(safe_date(int(match["y"]), month_number(match["mon"]), day))


def absolute_month_year(match: re.Match[str]) -> str | None:
    return str(TimexValue("month", int(match["y"]), month_number(match["mon"])))


def absolute_year(match: re.Match[str]) -> str | None:
    return str(TimexValue("year", int(match["year"])))


def absolute_decade(match: re.Match[str]) -> str | None:
    if match["dec"]:
        return str(TimexValue("decade", int(match["dec"]) * 10))
    digit = match["short"][-1]
    # "'20s" most often means the 2020s in current news; '30s to '90s the twentieth century.
    century = 2000 if digit in "012" else 1900
    return str(TimexValue("decade", century + int(digit) * 10))


def absolute_century(match: re.Match[str]) -> str | None:
    return str(TimexValue("century", (int(match["n"]) - 1) * 100))


def absolute_season(match: re.Match[str]) -> str | None:
    season = SEASONS.index(SEASON_CODES[match["season"].lower()]) + 1
    return str(TimexValue("season", int(match["y"]), season))


def absolute_quarter_code(match: re.Match[str]) -> str | None:
    prefix, number = match["p"] or match["p2"], int(match["n"] or match["n2"])
    year = match["y"] or match["y2"]
    if prefix.upper() == "H" and number > 2:
        return None
    return str(TimexValue("half" if prefix.upper() == "H" else "quarter", int(year), number))


def absolute_duration(match: re.Match[str]) -> str | None:
    return str(Duration.of(quantity_value(match["qty"]), unit_name(match["unit"])))


def absolute_vague_duration(match: re.Match[str]) -> str | None:
    """ "the past year" is one year; "the coming months" or "the past few years" some."""
    unit = match["unit"].lower()
    return str(Duration.of(None if unit.endswith("s") or match["vague"] else 1, unit_name(unit)))


def absolute_set_unit(match: re.Match[str]) -> str | None:
    quantity = quantity_value(match["qty"]) if match["qty"] else 1
    if match["other"]:
        quantity = 2  # "every other week"
    return str(Duration.of(quantity, unit_name(match["unit"])))


def absolute_set_weekday(match: re.Match[str]) -> str | None:
    return f"XXXX-WXX-{WEEKDAY_NUMBERS[match['weekday'].lower().rstrip('s')] + 1}"


def absolute_per_unit(match: re.Match[str]) -> str | None:
    return str(Duration.of(1, unit_name(match["unit"])))


def anchored_elsewhere(match: re.Match[str], anchor: date, tense: str) -> str | None:
    """Expressions anchored on another event ("six months after submitting", "the next day").
    Their date depends on that event, so the value is the offset where the text gives one
    (P6M), else None."""
    if match.groupdict().get("qty") and match.groupdict().get("unit"):
        return str(Duration.of(quantity_value(match["qty"]), unit_name(match["unit"])))
    return None


def absolute_with_dateparser(match: re.Match[str]) -> str | None:
    return anchoring.dateparser_value(match.group(0), None)


# ---------------------------------------------------------------------------------------
# Resolvers for relative expressions: they need the anchor (publication) date
# ---------------------------------------------------------------------------------------


def _direction(modifier: str | None, tense: str) -> str:
    """Which way a relative name points: explicit words win over the sentence's tense."""
    word = " ".join((modifier or "").lower().split())
    if word in ("next", "this coming", "coming"):
        return FUTURE
    if word in ("last", "past", "this past"):
        return PAST
    if word == "this":
        return "this"
    return FUTURE if tense == FUTURE else PAST


def _weekday_date(weekday: int, anchor: date, direction: str) -> date:
    if direction == "this":
        return _monday_of(anchor) + timedelta(days=weekday)
    if direction == FUTURE:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    # A past-tense "Friday" in a Friday report is that day: wire copy names the current day
    # by its weekday ("the Seimas voted on Thursday", filed on Thursday).
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _day_phrase_date(text: str, anchor: date, tense: str) -> date | None:
    """The day a day word ("yesterday") or weekday phrase ("last Monday") names."""
    words = " ".join(text.lower().split())
    offsets = {"the day before yesterday": -2, "yesterday": -1, "today": 0,
               "tomorrow": 1, "the day after tomorrow": 2}
    if words in offsets:
        return anchor + timedelta(days=offsets[words])
    match = WEEKDAY_PHRASE_RE.fullmatch(text)
    if match is None:
        return None
    weekday = WEEKDAY_NUMBERS[match["weekday"].lower()]
    if match["week"]:
        week_shift = {"last": -7, "this": 0, "next": 7}[match["week"].lower()]
        return _monday_of(anchor) + timedelta(days=week_shift + weekday)
    return _weekday_date(weekday, anchor, _direction(match["rel"], tense))


def relative_day(match: re.Match[str], anchor: date, tense: str) -> str | None:
    return _day_value(_day_phrase_date(match.group(0), anchor, tense))


def relative_part_of_day(match: re.Match[str], anchor: date, tense: str) -> str | None:
    special = " ".join((match["special"] or "").lower().split())
    if special:
        offset = -1 if special == "last night" else 0
        part = "night" if special in ("tonight", "last night") else special.split()[-1]
        found: date | None = anchor + timedelta(days=offset)
    else:
        found = _day_phrase_date(match["base"], anchor, tense)
        part = match["part"].lower()
    return str(TimexValue.of_day(found).at(PART_OF_DAY[part])) if found else None


def relative_unit(match: re.Match[str], anchor: date, tense: str) -> str | None:
    relation = " ".join(match["rel"].lower().split())
    delta = {"last": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1,
             "this coming": 1}.get(relation, 0)
    return _shifted_unit(match["unit"].lower(), anchor, delta)


def relative_current_unit(match: re.Match[str], anchor: date, tense: str) -> str | None:
    return _shifted_unit(match["unit"].lower(), anchor, 0)


def relative_weekend(match: re.Match[str], anchor: date, tense: str) -> str | None:
    # On a Saturday or Sunday "the weekend" is the current one whichever way the report looks.
    in_weekend = anchor.weekday() >= 5
    delta = 0 if tense == FUTURE or in_weekend else -1
    return _shifted_unit("weekend", anchor, delta)


def relative_ago(match: re.Match[str], anchor: date, tense: str) -> str | None:
    quantity = quantity_value(match["qty"])
    if quantity is None or quantity != int(quantity):
        return None
    amount, unit = int(quantity), unit_name(match["unit"])
    if unit in ("second", "minute", "hour"):
        return str(TimexValue.of_day(anchor))
    if unit == "fortnight":
        unit, amount = "week", amount * 2
    if unit in ("day", "week", "month", "year"):
        return _shifted_unit(unit, anchor, -amount)
    # The decade or century of the year so many years back; before year 1 there is none.
    years = amount * {"decade": 10, "century": 100}[unit]
    return _shifted_unit(unit, date(anchor.year - years, 1, 1), 0)


def _month_year(month: int, anchor: date, direction: str, strict: bool) -> int:
    """The year of the named month nearest the anchor in the given direction."""
    if direction == "this":
        return anchor.year
    if direction == FUTURE:
        later = month > anchor.month or (month == anchor.month and not strict)
        return anchor.year if later else anchor.year + 1
    earlier = month < anchor.month or (month == anchor.month and not strict)
    return anchor.year if earlier else anchor.year - 1


def relative_month(match: re.Match[str], anchor: date, tense: str) -> str | None:
    groups = match.groupdict()
    month = month_number(groups.get("mon") or groups["mon2"])
    if groups.get("yrel"):
        delta = {"last": -1, "this": 0, "next": 1}[groups["yrel"].lower()]
        return str(TimexValue("month", anchor.year + delta, month))
    # "last July" excludes the current month; a bare "July" may be the current one.
    relation = groups.get("rel")
    direction = _direction(relation, tense)
    strict = relation is not None
    return str(TimexValue("month", _month_year(month, anchor, direction, strict), month))


def relative_month_day(match: re.Match[str], anchor: date, tense: str) -> str | None:
    month = month_number(match["mon"] or match["mon2"])
    day = int(re.sub(r"\D", "", match["d"] or match["d2"]))
    if safe_date(2000, month, day) is None:  # 2000 is a leap year: rejects only 31 April etc.
        return None
    step = 1 if tense == FUTURE else -1
    year = anchor.year
    # Leap days can be eight years apart (1896 -> 1904), so look that far.
    for _ in range(9):
        found = safe_date(year, month, day)
        if found is not None and (found >= anchor if step > 0 else found <= anchor):
            return str(TimexValue.of_day(found))
        year += step
    return None


def relative_season(match: re.Match[str], anchor: date, tense: str) -> str | None:
    groups = match.groupdict()
    code = SEASON_CODES[(groups.get("season") or groups["season2"]).lower()]
    season = SEASONS.index(code) + 1
    if groups.get("yrel"):
        delta = {"last": -1, "this": 0, "next": 1}[groups["yrel"].lower()]
        return str(TimexValue("season", anchor.year + delta, season))
    current = TimexValue.of_day(anchor, "season")
    relation = groups.get("rel")
    direction = _direction(relation, tense)
    if direction == "this":
        year = anchor.year - 1 if code == "WI" and anchor.month <= 2 else anchor.year
        return str(TimexValue("season", year, season))
    # The named season of the current season's year, moved a year at a time until it lies
    # on the right side of the current one ("last summer" is never this summer).
    strict = relation is not None
    named = TimexValue("season", current.year, season)
    if direction == FUTURE:
        while named.ordinal < current.ordinal or (strict and named == current):
            named = named.shifted(len(SEASONS))
    else:
        while named.ordinal > current.ordinal or (strict and named == current):
            named = named.shifted(-len(SEASONS))
    return str(named)


def absolute_quarter(match: re.Match[str]) -> str | None:
    return _quarter_value(match, None, PAST)


def relative_quarter(match: re.Match[str], anchor: date, tense: str) -> str | None:
    return _quarter_value(match, anchor, tense)


def _quarter_value(match: re.Match[str], anchor: date | None, tense: str) -> str | None:
    """Quarters and halves; the year may be written out, relative, or left to the tense."""
    is_half = match["part"].lower() == "half"
    word = match["ord"].lower()
    number = 4 if word in ("final", "last") else parse_ordinal(word)
    if number is None:
        return None
    if is_half:
        number = 2 if number >= 2 else 1
    year_text = " ".join((match["yr"] or "").lower().split())
    precision: Precision = "half" if is_half else "quarter"
    if year_text[:1].isdigit():
        return str(TimexValue(precision, int(year_text), number))
    if anchor is None:
        return None
    current = (anchor.month - 1) // (6 if is_half else 3) + 1
    if year_text in ("", "the year"):
        year = anchor.year
        if not year_text and tense != FUTURE and number > current:
            year -= 1
        elif not year_text and tense == FUTURE and number < current:
            year += 1
    else:
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[year_text.split()[0]]
    return str(TimexValue(precision, year, number))


def relative_clock(match: re.Match[str], anchor: date, tense: str) -> str | None:
    hour = int(match["h"] or match["h2"] or match["h3"] or 0)
    minute = int(match["m"] or match["m2"] or match["m3"] or 0)
    meridiem = (match["ampm"] or match["ampm2"] or "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    return str(TimexValue.of_day(anchor).at(f"{hour:02d}:{minute:02d}"))


def relative_named_time(match: re.Match[str], anchor: date, tense: str) -> str | None:
    clock = "24:00" if match.group(0).lower() == "midnight" else "12:00"
    return str(TimexValue.of_day(anchor).at(clock))

