"""Resolvers: from a rule's match (and, for relative expressions, the anchor date and the
sentence's tense) to a TIMEX3 value."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newstrace.extract.timexes import anchoring
from newstrace.extract.timexes.anchoring import FUTURE, PAST
from newstrace.extract.timexes.patterns import (
    PART_OF_DAY,
    SEASON_BY_INDEX,
    SEASON_CODES,
    SEASON_INDEX,
    WEEKDAY_NUMBERS,
    WEEKDAY_PHRASE_RE,
    month_number,
    quantity_value,
)
from newstrace.extract.timexes.values import (
    duration_value,
    iso_week,
    monday_of,
    month_value,
    safe_date,
    season_ordinal,
    shift_month,
    shifted_unit,
    unit_name,
)

# ---------------------------------------------------------------------------------------
# Resolvers for absolute expressions: they never need the publication date
# ---------------------------------------------------------------------------------------


def absolute_iso(match: re.Match[str]) -> str | None:
    day = safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    if match["hour"] and int(match["hour"]) < 24 and int(match["minute"]) < 60:
        return f"{day.isoformat()}T{match['hour']}:{match['minute']}"
    return day.isoformat()


def absolute_numeric(match: re.Match[str]) -> str | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    # Dotted and dashed dates are European (day first); slashed ones are read the US way,
    # month first, unless the first number cannot be a month.
    day_first = match["sep"] in ".-" or first > 12
    day, month = (first, second) if day_first else (second, first)
    found = safe_date(year, month, day)
    return found.isoformat() if found else None


def absolute_day_month_year(match: re.Match[str]) -> str | None:
    day = int(re.sub(r"\D", "", match["d"]))
    found = safe_date(int(match["y"]), month_number(match["mon"]), day)
    return found.isoformat() if found else None


def absolute_month_year(match: re.Match[str]) -> str | None:
    return month_value(int(match["y"]), month_number(match["mon"]))


def absolute_year(match: re.Match[str]) -> str | None:
    return match["year"]


def absolute_decade(match: re.Match[str]) -> str | None:
    if match["dec"]:
        return match["dec"]
    digit = match["short"][-1]
    # "'20s" most often means the 2020s in current news; '30s to '90s the twentieth century.
    return f"20{digit}" if digit in "012" else f"19{digit}"


def absolute_century(match: re.Match[str]) -> str | None:
    return f"{int(match['n']) - 1:02d}"


def absolute_season(match: re.Match[str]) -> str | None:
    return f"{match['y']}-{SEASON_CODES[match['season'].lower()]}"


def absolute_quarter_code(match: re.Match[str]) -> str | None:
    prefix, number = match["p"] or match["p2"], int(match["n"] or match["n2"])
    year = match["y"] or match["y2"]
    if prefix.upper() == "H" and number > 2:
        return None
    return f"{year}-{prefix.upper()}{number}"


def absolute_duration(match: re.Match[str]) -> str | None:
    return duration_value(quantity_value(match["qty"]), match["unit"])


def absolute_vague_duration(match: re.Match[str]) -> str | None:
    """ "the past year" is one year; "the coming months" or "the past few years" some."""
    unit = match["unit"].lower()
    return duration_value(None if unit.endswith("s") or match["vague"] else 1, unit)


def absolute_set_unit(match: re.Match[str]) -> str | None:
    quantity = quantity_value(match["qty"]) if match["qty"] else 1
    if match["other"]:
        quantity = 2  # "every other week"
    return duration_value(quantity, match["unit"])


def absolute_set_weekday(match: re.Match[str]) -> str | None:
    return f"XXXX-WXX-{WEEKDAY_NUMBERS[match['weekday'].lower().rstrip('s')] + 1}"


def absolute_per_unit(match: re.Match[str]) -> str | None:
    return duration_value(1, match["unit"])


def anchored_elsewhere(match: re.Match[str], anchor: date, tense: str) -> str | None:
    """Expressions anchored on another event ("six months after submitting", "the next day").
    Their date depends on that event, so the value is the offset where the text gives one
    (P6M), else None."""
    if match.groupdict().get("qty") and match.groupdict().get("unit"):
        return duration_value(quantity_value(match["qty"]), match["unit"])
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
        return monday_of(anchor) + timedelta(days=weekday)
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
        return monday_of(anchor) + timedelta(days=week_shift + weekday)
    return _weekday_date(weekday, anchor, _direction(match["rel"], tense))


def relative_day(match: re.Match[str], anchor: date, tense: str) -> str | None:
    found = _day_phrase_date(match.group(0), anchor, tense)
    return found.isoformat() if found else None


def relative_part_of_day(match: re.Match[str], anchor: date, tense: str) -> str | None:
    special = " ".join((match["special"] or "").lower().split())
    if special:
        offset = -1 if special == "last night" else 0
        part = "night" if special in ("tonight", "last night") else special.split()[-1]
        found: date | None = anchor + timedelta(days=offset)
    else:
        found = _day_phrase_date(match["base"], anchor, tense)
        part = match["part"].lower()
    return f"{found.isoformat()}T{PART_OF_DAY[part]}" if found else None


def relative_unit(match: re.Match[str], anchor: date, tense: str) -> str | None:
    relation = " ".join(match["rel"].lower().split())
    delta = {"last": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1,
             "this coming": 1}.get(relation, 0)
    return shifted_unit(match["unit"].lower(), anchor, delta)




def relative_current_unit(match: re.Match[str], anchor: date, tense: str) -> str | None:
    return shifted_unit(match["unit"].lower(), anchor, 0)


def relative_weekend(match: re.Match[str], anchor: date, tense: str) -> str | None:
    # On a Saturday or Sunday "the weekend" is the current one whichever way the report looks.
    in_weekend = anchor.weekday() >= 5
    delta = 0 if tense == FUTURE or in_weekend else -1
    return shifted_unit("weekend", anchor, delta)


def relative_ago(match: re.Match[str], anchor: date, tense: str) -> str | None:
    quantity = quantity_value(match["qty"])
    if quantity is None or quantity != int(quantity):
        return None
    amount, unit = int(quantity), unit_name(match["unit"])
    if unit in ("second", "minute", "hour"):
        return anchor.isoformat()
    if unit in ("day", "week", "fortnight"):
        days = amount * {"day": 1, "week": 7, "fortnight": 14}[unit]
        past = anchor - timedelta(days=days)
        return past.isoformat() if unit == "day" else iso_week(past)
    if unit == "month":
        return month_value(*shift_month(anchor.year, anchor.month, -amount))
    years = amount * {"year": 1, "decade": 10, "century": 100}[unit]
    if unit == "year":
        return f"{anchor.year - years:04d}"
    return shifted_unit(unit, date(anchor.year - years, 1, 1), 0)


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
        return month_value(anchor.year + delta, month)
    # "last July" excludes the current month; a bare "July" may be the current one.
    relation = groups.get("rel")
    direction = _direction(relation, tense)
    strict = relation is not None
    return month_value(_month_year(month, anchor, direction, strict), month)


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
            return found.isoformat()
        year += step
    return None




def relative_season(match: re.Match[str], anchor: date, tense: str) -> str | None:
    groups = match.groupdict()
    code = SEASON_CODES[(groups.get("season") or groups["season2"]).lower()]
    if groups.get("yrel"):
        delta = {"last": -1, "this": 0, "next": 1}[groups["yrel"].lower()]
        return f"{anchor.year + delta:04d}-{code}"
    current = season_ordinal(anchor)
    relation = groups.get("rel")
    direction = _direction(relation, tense)
    if direction == "this":
        year = anchor.year - 1 if code == "WI" and anchor.month <= 2 else anchor.year
        return f"{year:04d}-{code}"
    strict = relation is not None
    ordinal = (current // 4) * 4 + SEASON_INDEX[code]
    if direction == FUTURE:
        while ordinal < current or (strict and ordinal == current):
            ordinal += 4
    else:
        while ordinal > current or (strict and ordinal == current):
            ordinal -= 4
    return f"{ordinal // 4:04d}-{SEASON_BY_INDEX[ordinal % 4]}"


def absolute_quarter(match: re.Match[str]) -> str | None:
    return _quarter_value(match, None, PAST)


def relative_quarter(match: re.Match[str], anchor: date, tense: str) -> str | None:
    return _quarter_value(match, anchor, tense)


def _quarter_value(match: re.Match[str], anchor: date | None, tense: str) -> str | None:
    """Quarters and halves; the year may be written out, relative, or left to the tense."""
    ordinals = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                "fourth": 4, "4th": 4, "final": 4, "last": 4}
    is_half = match["part"].lower() == "half"
    number = ordinals[match["ord"].lower()]
    if is_half:
        number = 2 if number >= 2 else 1
    year_text = " ".join((match["yr"] or "").lower().split())
    if year_text[:1].isdigit():
        return f"{year_text}-{'H' if is_half else 'Q'}{number}"
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
    return f"{year:04d}-{'H' if is_half else 'Q'}{number}"


def relative_clock(match: re.Match[str], anchor: date, tense: str) -> str | None:
    hour = int(match["h"] or match["h2"] or match["h3"] or 0)
    minute = int(match["m"] or match["m2"] or match["m3"] or 0)
    meridiem = (match["ampm"] or match["ampm2"] or "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    return f"{anchor.isoformat()}T{hour:02d}:{minute:02d}"


def relative_named_time(match: re.Match[str], anchor: date, tense: str) -> str | None:
    clock = "24:00" if match.group(0).lower() == "midnight" else "12:00"
    return f"{anchor.isoformat()}T{clock}"

