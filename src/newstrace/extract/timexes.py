"""Temporal expressions: find them in news text and resolve them to TIMEX3 values.

Regular-expression rules are the main mechanism: news relies on relative expressions
("last week", "on Saturday", "July last year") that general date parsers miss or resolve
without regard to how a report speaks.  ``dateparser`` is only consulted for absolute dates
in formats the rules do not model, with settings that make it deterministic and offline.

Conventions (TIMEX3 / ISO 8601):

* spans leave out a leading preposition ("on Saturday" -> "Saturday") but keep determiners
  and modifiers ("at the end of last year" -> "the end of last year");
* a modifier (early, late, mid-, the end of) keeps the value of what it modifies;
* relative expressions are resolved against the publication date; without one their value
  is None, while absolute expressions still get theirs;
* a bare weekday in a past-tense report is the most recent one on or before the publication
  date (a bare month: before it), and the next one when the sentence speaks of the future.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from newstrace.models import Span, Timex

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["find_timexes", "resolve_relative"]

PAST = "past"
FUTURE = "future"

# ---------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# Keyed by the first three letters, which is also how abbreviations ("Sept.") are looked up.
_MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES, 1)}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NUMBERS = {name.lower(): number for number, name in enumerate(_WEEKDAY_NAMES)}

_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_SMALL_NUMBERS)}
_NUMBER_WORDS.update(_TENS)
_NUMBER_WORDS.update({"hundred": 100, "dozen": 12, "a": 1, "an": 1, "one": 1})
# Quantities that say "some number of": TIMEX3 writes them as X.
_VAGUE_QUANTITIES = {"several", "many", "few", "a few", "some"}

_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_INDEX = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_SEASON_BY_INDEX = ("SP", "SU", "FA", "WI")

_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# ---------------------------------------------------------------------------------------
# Regular-expression fragments (month and weekday names are matched case-sensitively:
# capitalisation is what tells "May" the month from "may" the verb)
# ---------------------------------------------------------------------------------------


def _alternatives(words: list[str] | tuple[str, ...]) -> str:
    """An alternation that tries longer words first, so "seventeen" beats "seven"."""
    return "|".join(sorted(words, key=len, reverse=True))


_MONTH_FULL = rf"(?:{_alternatives(_MONTH_NAMES)})\b"
_MONTH = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_WEEKDAY = rf"(?:{_alternatives(_WEEKDAY_NAMES)})\b"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
_ONES = _alternatives(_SMALL_NUMBERS[1:10])
_NUMBER_WORD = (
    rf"(?:(?:{_alternatives(list(_TENS))})(?:[-\s](?:{_ONES}))?"
    rf"|{_alternatives(_SMALL_NUMBERS[1:])}|hundred|dozen)\b"
)
_QUANTITY = (
    # At most a million: larger "numbers" are identifiers, and stay clear of float overflow.
    rf"(?:(?<![\d,.])(?:\d{{1,3}}(?:,\d{{3}}){{1,2}}|\d{{1,7}}(?:\.\d{{1,3}})?)(?![\d,])"
    rf"|{_NUMBER_WORD}|a\s+couple\s+of|a\s+few"
    rf"|a\s+(?:hundred|dozen)|several|many|an|a)"
)
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|centuries)"
_UNIT_PLURAL = rf"{_UNIT}s?"
# Modifiers TIMEX3 expresses with the mod attribute; they belong to the span.
_DURATION_MODIFIER = (
    r"(?:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|approximately"
    r"|roughly|some|at\s+least|at\s+most|up\s+to|well\s+over|just\s+over|just\s+under"
    r"|over|under)"
)
_RELATIVE_YEAR = r"(?:last|this|next)\s+year"
_DAY_WORD = (
    r"(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|yesterday|today|tomorrow)"
)
_WEEKDAY_PHRASE = (
    rf"(?:(?P<rel>(?i:last|next|this\s+coming|this\s+past|this|past|coming))\s+)?"
    rf"(?P<weekday>{_WEEKDAY})(?:\s+(?i:(?:of\s+)?(?P<week>last|this|next)\s+week))?"
)
_TIME_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|local\s+time)"
_AMPM = r"(?i:a\.m\.|p\.m\.|am\b|pm\b)"

# Words before a four-digit number that make it a year ("in 2008", "since 2019").
_YEAR_CUES = (
    r"in|since|by|until|till|from|of|before|after|during|between|through|throughout|around"
    r"|circa|c\.|year|early|late|fiscal|summer|winter|spring|autumn|fall|the\s+year"
)
# Nouns that show a four-digit number is a count ("in 2000 cases"), not a year.
_COUNT_NOUNS = frozenset(
    """people persons troops soldiers members workers employees residents civilians refugees
    migrants children students voters votes cases deaths dead injured homes houses jobs units
    tons tonnes metres meters feet miles km kilometres kilometers kg barrels euros dollars
    pounds yuan rubles roubles points seats signatures pages words calories animals vehicles
    cars rockets missiles drones shells flights passengers patients doctors police officers
    fighters prisoners detainees hostages applications arrests """.split()
)
# Words before "of"/"by" that make the following number a quantity ("a total of 2000").
_COUNT_LEADS = frozenset(
    """total sum score maximum minimum average population crowd group force fleet number
    height depth length distance speed temperature fine budget salary price cost rate
    altitude capacity rose fell increased decreased grew dropped declined jumped climbed
    risen fallen cut reduced raised up down""".split()
)

# ---------------------------------------------------------------------------------------
# Date arithmetic
# ---------------------------------------------------------------------------------------


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _quantity(text: str) -> float | None:
    """The number a quantity phrase stands for; None for vague ones ("several")."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words in _VAGUE_QUANTITIES:
        return None
    if words == "a couple of":
        return 2
    if words.startswith("a "):
        words = words[2:]
    if words.replace(",", "").replace(".", "", 1).isdigit():
        return float(words.replace(",", ""))
    total = 0
    for word in words.split():
        if word not in _NUMBER_WORDS:
            return None
        total += _NUMBER_WORDS[word]
    return total


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _unit_name(unit: str) -> str:
    unit = unit.lower()
    return "century" if unit.startswith("centur") else unit.rstrip("s")


def _duration_value(quantity: float | None, unit: str) -> str:
    """TIMEX3 duration: decades and centuries are written in years, as the annotation asks."""
    unit = _unit_name(unit)
    if unit in ("second", "minute", "hour"):
        code = unit[0].upper()
        return f"PT{_number_text(quantity) if quantity is not None else 'X'}{code}"
    if quantity is None:
        vague_codes = {"decade": "DE", "century": "CE", "fortnight": "W"}
        return f"PX{vague_codes.get(unit, unit[0].upper())}"
    scale = {"decade": (10, "Y"), "century": (100, "Y"), "fortnight": (2, "W")}
    factor, code = scale.get(unit, (1, unit[0].upper()))
    return f"P{_number_text(quantity * factor)}{code}"


# ---------------------------------------------------------------------------------------
# Resolvers for absolute expressions: they never need the publication date
# ---------------------------------------------------------------------------------------


def _absolute_iso(match: re.Match[str]) -> str | None:
    day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    if match["hour"] and int(match["hour"]) < 24 and int(match["minute"]) < 60:
        return f"{day.isoformat()}T{match['hour']}:{match['minute']}"
    return day.isoformat()


def _absolute_numeric(match: re.Match[str]) -> str | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    # Dotted and dashed dates are European (day first); slashed ones are read the US way,
    # month first, unless the first number cannot be a month.
    day_first = match["sep"] in ".-" or first > 12
    day, month = (first, second) if day_first else (second, first)
    found = _safe_date(year, month, day)
    return found.isoformat() if found else None


def _absolute_day_month_year(match: re.Match[str]) -> str | None:
    day = int(re.sub(r"\D", "", match["d"]))
    found = _safe_date(int(match["y"]), _month_number(match["mon"]), day)
    return found.isoformat() if found else None


def _absolute_month_year(match: re.Match[str]) -> str | None:
    return _month_value(int(match["y"]), _month_number(match["mon"]))


def _absolute_year(match: re.Match[str]) -> str | None:
    return match["year"]


def _absolute_decade(match: re.Match[str]) -> str | None:
    if match["dec"]:
        return match["dec"]
    digit = match["short"][-1]
    # "'20s" most often means the 2020s in current news; '30s to '90s the twentieth century.
    return f"20{digit}" if digit in "012" else f"19{digit}"


def _absolute_century(match: re.Match[str]) -> str | None:
    return f"{int(match['n']) - 1:02d}"


def _absolute_season(match: re.Match[str]) -> str | None:
    return f"{match['y']}-{_SEASON_CODES[match['season'].lower()]}"


def _absolute_quarter_code(match: re.Match[str]) -> str | None:
    prefix, number = match["p"] or match["p2"], int(match["n"] or match["n2"])
    year = match["y"] or match["y2"]
    if prefix.upper() == "H" and number > 2:
        return None
    return f"{year}-{prefix.upper()}{number}"


def _absolute_duration(match: re.Match[str]) -> str | None:
    return _duration_value(_quantity(match["qty"]), match["unit"])


def _absolute_vague_duration(match: re.Match[str]) -> str | None:
    """ "the past year" is one year; "the coming months" or "the past few years" some."""
    unit = match["unit"].lower()
    return _duration_value(None if unit.endswith("s") or match["vague"] else 1, unit)


def _absolute_set_unit(match: re.Match[str]) -> str | None:
    quantity = _quantity(match["qty"]) if match["qty"] else 1
    if match["other"]:
        quantity = 2  # "every other week"
    return _duration_value(quantity, match["unit"])


def _absolute_set_weekday(match: re.Match[str]) -> str | None:
    return f"XXXX-WXX-{_WEEKDAY_NUMBERS[match['weekday'].lower().rstrip('s')] + 1}"


def _absolute_per_unit(match: re.Match[str]) -> str | None:
    return _duration_value(1, match["unit"])


def _anchored_elsewhere(match: re.Match[str], anchor: date, tense: str) -> str | None:
    """Expressions anchored on another event ("six months after submitting", "the next day").
    Their date depends on that event, so the value is the offset where the text gives one
    (P6M), else None."""
    if match.groupdict().get("qty") and match.groupdict().get("unit"):
        return _duration_value(_quantity(match["qty"]), match["unit"])
    return None


def _absolute_with_dateparser(match: re.Match[str]) -> str | None:
    return _dateparser_value(match.group(0), None)


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
    match = _WEEKDAY_PHRASE_RE.fullmatch(text)
    if match is None:
        return None
    weekday = _WEEKDAY_NUMBERS[match["weekday"].lower()]
    if match["week"]:
        week_shift = {"last": -7, "this": 0, "next": 7}[match["week"].lower()]
        return _monday_of(anchor) + timedelta(days=week_shift + weekday)
    return _weekday_date(weekday, anchor, _direction(match["rel"], tense))


def _relative_day(match: re.Match[str], anchor: date, tense: str) -> str | None:
    found = _day_phrase_date(match.group(0), anchor, tense)
    return found.isoformat() if found else None


def _relative_part_of_day(match: re.Match[str], anchor: date, tense: str) -> str | None:
    special = " ".join((match["special"] or "").lower().split())
    if special:
        offset = -1 if special == "last night" else 0
        part = "night" if special in ("tonight", "last night") else special.split()[-1]
        found: date | None = anchor + timedelta(days=offset)
    else:
        found = _day_phrase_date(match["base"], anchor, tense)
        part = match["part"].lower()
    return f"{found.isoformat()}T{_PART_OF_DAY[part]}" if found else None


def _relative_unit(match: re.Match[str], anchor: date, tense: str) -> str | None:
    relation = " ".join(match["rel"].lower().split())
    delta = {"last": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1,
             "this coming": 1}.get(relation, 0)
    return _shifted_unit(match["unit"].lower(), anchor, delta)


def _shifted_unit(unit: str, anchor: date, delta: int) -> str:
    """The calendar unit containing the anchor, moved by delta units."""
    if unit in ("week", "weekend"):
        week = _iso_week(anchor + timedelta(weeks=delta))
        return f"{week}-WE" if unit == "weekend" else week
    if unit == "month":
        return _month_value(*_shift_month(anchor.year, anchor.month, delta))
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + delta
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "decade":
        return f"{anchor.year // 10 + delta:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + delta:02d}"
    return f"{anchor.year + delta:04d}"


def _relative_current_unit(match: re.Match[str], anchor: date, tense: str) -> str | None:
    return _shifted_unit(match["unit"].lower(), anchor, 0)


def _relative_weekend(match: re.Match[str], anchor: date, tense: str) -> str | None:
    # On a Saturday or Sunday "the weekend" is the current one whichever way the report looks.
    in_weekend = anchor.weekday() >= 5
    delta = 0 if tense == FUTURE or in_weekend else -1
    return _shifted_unit("weekend", anchor, delta)


def _relative_ago(match: re.Match[str], anchor: date, tense: str) -> str | None:
    quantity = _quantity(match["qty"])
    if quantity is None or quantity != int(quantity):
        return None
    amount, unit = int(quantity), _unit_name(match["unit"])
    if unit in ("second", "minute", "hour"):
        return anchor.isoformat()
    if unit in ("day", "week", "fortnight"):
        days = amount * {"day": 1, "week": 7, "fortnight": 14}[unit]
        past = anchor - timedelta(days=days)
        return past.isoformat() if unit == "day" else _iso_week(past)
    if unit == "month":
        return _month_value(*_shift_month(anchor.year, anchor.month, -amount))
    years = amount * {"year": 1, "decade": 10, "century": 100}[unit]
    if unit == "year":
        return f"{anchor.year - years:04d}"
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


def _relative_month(match: re.Match[str], anchor: date, tense: str) -> str | None:
    groups = match.groupdict()
    month = _month_number(groups.get("mon") or groups["mon2"])
    if groups.get("yrel"):
        delta = {"last": -1, "this": 0, "next": 1}[groups["yrel"].lower()]
        return _month_value(anchor.year + delta, month)
    # "last July" excludes the current month; a bare "July" may be the current one.
    relation = groups.get("rel")
    direction = _direction(relation, tense)
    strict = relation is not None
    return _month_value(_month_year(month, anchor, direction, strict), month)


def _relative_month_day(match: re.Match[str], anchor: date, tense: str) -> str | None:
    month = _month_number(match["mon"] or match["mon2"])
    day = int(re.sub(r"\D", "", match["d"] or match["d2"]))
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: rejects only 31 April etc.
        return None
    step = 1 if tense == FUTURE else -1
    year = anchor.year
    # Leap days can be eight years apart (1896 -> 1904), so look that far.
    for _ in range(9):
        found = _safe_date(year, month, day)
        if found is not None and (found >= anchor if step > 0 else found <= anchor):
            return found.isoformat()
        year += step
    return None


def _season_ordinal(day: date) -> int:
    """Seasons counted from year 0; January and February belong to the previous winter."""
    if day.month <= 2:
        return (day.year - 1) * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def _relative_season(match: re.Match[str], anchor: date, tense: str) -> str | None:
    groups = match.groupdict()
    code = _SEASON_CODES[(groups.get("season") or groups["season2"]).lower()]
    if groups.get("yrel"):
        delta = {"last": -1, "this": 0, "next": 1}[groups["yrel"].lower()]
        return f"{anchor.year + delta:04d}-{code}"
    current = _season_ordinal(anchor)
    relation = groups.get("rel")
    direction = _direction(relation, tense)
    if direction == "this":
        year = anchor.year - 1 if code == "WI" and anchor.month <= 2 else anchor.year
        return f"{year:04d}-{code}"
    strict = relation is not None
    ordinal = (current // 4) * 4 + _SEASON_INDEX[code]
    if direction == FUTURE:
        while ordinal < current or (strict and ordinal == current):
            ordinal += 4
    else:
        while ordinal > current or (strict and ordinal == current):
            ordinal -= 4
    return f"{ordinal // 4:04d}-{_SEASON_BY_INDEX[ordinal % 4]}"


def _absolute_quarter(match: re.Match[str]) -> str | None:
    return _quarter_value(match, None, PAST)


def _relative_quarter(match: re.Match[str], anchor: date, tense: str) -> str | None:
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


def _relative_clock(match: re.Match[str], anchor: date, tense: str) -> str | None:
    hour = int(match["h"] or match["h2"] or match["h3"] or 0)
    minute = int(match["m"] or match["m2"] or match["m3"] or 0)
    meridiem = (match["ampm"] or match["ampm2"] or "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    return f"{anchor.isoformat()}T{hour:02d}:{minute:02d}"


def _relative_named_time(match: re.Match[str], anchor: date, tense: str) -> str | None:
    clock = "24:00" if match.group(0).lower() == "midnight" else "12:00"
    return f"{anchor.isoformat()}T{clock}"


# ---------------------------------------------------------------------------------------
# Finder-side acceptance checks: context that tells a date from a look-alike
# ---------------------------------------------------------------------------------------


def _previous_words(text: str, start: int, count: int) -> list[str]:
    return re.findall(r"[\w$€£.]+", text[max(0, start - 40):start].lower())[-count:]


def _is_count(text: str, start: int, end: int) -> bool:
    """True when a year-shaped number is a quantity: "of 2000 people", "rose by 2000"."""
    following = re.match(r"\s*([A-Za-z]+|%)", text[end:end + 30])
    if following and (following.group(1).lower() in _COUNT_NOUNS or following.group(1) == "%"):
        return True
    if re.match(r"\s*(?:per\s*cent|percent)\b", text[end:end + 20], re.IGNORECASE):
        return True
    before = _previous_words(text, start, 2)
    return len(before) == 2 and before[1] in ("of", "by", "from") and before[0] in _COUNT_LEADS


def _accept_year(text: str, match: re.Match[str]) -> bool:
    return not _is_count(text, match.start("span"), match.end("span"))


_MAY_CUES = frozenset(
    """in since by until till from during of before after through throughout early late mid
    end last next this and or to""".split()
)
_NAME_FOLLOWERS = re.compile(r"\s+[A-Z][a-z]")


def _accept_bare_month(text: str, match: re.Match[str]) -> bool:
    start, end = match.start("span"), match.end("span")
    # "April Ryan", "March Madness": a capitalised word after the month makes it a name.
    if _NAME_FOLLOWERS.match(text, end):
        return False
    before = _previous_words(text, start, 1)
    previous = before[0] if before else ""
    if re.search(r"['’]s\s+$", text[max(0, start - 4):start]):  # "the Women's March"
        return False
    if text[max(0, start - 4):start].lower().endswith("mid-"):
        return True
    if match["span"] == "May":  # the modal verb: only with a date cue before it
        return previous in _MAY_CUES
    preceding = text[max(0, start - 30):start].rstrip()
    at_sentence_start = not preceding or preceding[-1] in ".!?\"“(\n"
    capitalised_word = re.search(r"\b([A-Z][a-z]+)$", preceding)
    return at_sentence_start or not capitalised_word or previous in _MAY_CUES


_WEEKDAY_NAME_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Independent|Mail|Star|Sport|Review"
    r"|Magazine|Edition|Tribune|Night\s+Live)\b"
)
_WEEKDAY_NAME_BEFORE = re.compile(
    r"\b(?:Good|Black|Bloody|Easter|Super|Ash|Holy|Palm|Cyber|Giving|Maundy|Shrove|Fat)\s+$"
)


def _accept_weekday(text: str, match: re.Match[str]) -> bool:
    """Reject outlet and holiday names such as "the Sunday Times" or "Good Friday"."""
    start, end = match.start("span"), match.end("span")
    if _WEEKDAY_NAME_AFTER.match(text, end):
        return False
    return not _WEEKDAY_NAME_BEFORE.search(text[max(0, start - 12):start])


def _accept_duration(text: str, match: re.Match[str]) -> bool:
    quantity = " ".join(match["qty"].lower().split())
    unit = match["unit"].lower()
    # "a second term" is an ordinal, not one second.
    if unit.startswith("second") and quantity in ("a", "an"):
        return False
    # "One day, ..." is vague; "for one day" and "a one-day strike" are durations.
    if quantity == "one" and unit == "day" and "-" not in match["span"]:
        return _previous_words(text, match.start("span"), 1) == ["for"]
    return True


def _accept_quarter(text: str, match: re.Match[str]) -> bool:
    """Without a year, only "the third quarter" counts: "last quarter" is a unit phrase."""
    return bool(match["yr"]) or match["span"].lower().startswith("the")


# ---------------------------------------------------------------------------------------
# The rule table
# ---------------------------------------------------------------------------------------

AbsoluteResolver = Callable[[re.Match[str]], str | None]
RelativeResolver = Callable[[re.Match[str], date, str], str | None]
Acceptor = Callable[[str, re.Match[str]], bool]


@dataclass(frozen=True)
class _Rule:
    name: str
    kind: str
    core: re.Pattern[str]  # the expression itself, as resolve_relative sees it
    finder: re.Pattern[str]  # the expression in running text; group "span" is the timex
    absolute: AbsoluteResolver | None = None
    relative: RelativeResolver | None = None
    accept: Acceptor | None = None
    tense_sensitive: bool = False


_WORD_START = r"(?<![\w'’])"
_WORD_END = r"(?![\w])"


def _rule(
    name: str,
    kind: str,
    core: str,
    *,
    absolute: AbsoluteResolver | None = None,
    relative: RelativeResolver | None = None,
    before: str = _WORD_START,
    after: str = _WORD_END,
    accept: Acceptor | None = None,
    tense_sensitive: bool = False,
) -> _Rule:
    return _Rule(
        name=name,
        kind=kind,
        core=re.compile(core),
        finder=re.compile(f"{before}(?P<span>{core}){after}"),
        absolute=absolute,
        relative=relative,
        accept=accept,
        tense_sensitive=tense_sensitive,
    )


_WEEKDAY_PHRASE_RE = re.compile(_WEEKDAY_PHRASE)
_MONTH_DAY = (
    rf"(?:{_WEEKDAY},?\s+)?(?:(?P<mon>{_MONTH})\s+(?P<d>{_DAY})"
    rf"|(?i:the\s+)?(?P<d2>{_DAY})\s+(?i:of\s+)?(?P<mon2>{_MONTH}))"
)
_DURATION = (
    rf"(?i:(?:{_DURATION_MODIFIER}\s+(?!the\b))?"
    rf"(?:the\s+(?:past|last|next|previous|coming|first|final|following|preceding)\s+)?"
    rf"(?P<qty>{_QUANTITY})(?:\s+|-)(?P<unit>{_UNIT_PLURAL}))\b(?![\s-]+old\b)"
)

# Earlier rules win ties between equally long candidates.
_RULES: tuple[_Rule, ...] = (
    _rule("iso_date", "DATE",
          r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?",
          absolute=_absolute_iso, before=r"(?<![\w-])", after=r"(?![\w]|-\d)"),
    _rule("numeric_date", "DATE",
          r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})",
          absolute=_absolute_numeric, before=r"(?<![\w./-])", after=r"(?![\w/-]|\.\d)"),
    _rule("odd_absolute_date", "DATE",
          rf"{_YEAR}/\d{{1,2}}/\d{{1,2}}|\d{{1,2}}-(?:{_MONTH})-{_YEAR}",
          absolute=_absolute_with_dateparser, after=r"(?![\w/-])"),
    _rule("day_month_year", "DATE",
          rf"(?:{_WEEKDAY},?\s+)?(?:(?i:the)\s+)?(?P<d>{_DAY})\s+(?i:of\s+)?(?P<mon>{_MONTH}),?"
          rf"\s+(?P<y>{_YEAR})",
          absolute=_absolute_day_month_year),
    _rule("month_day_year", "DATE",
          rf"(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})",
          absolute=_absolute_day_month_year),
    _rule("month_year", "DATE", rf"(?P<mon>{_MONTH}),?\s+(?i:of\s+)?(?P<y>{_YEAR})",
          absolute=_absolute_month_year),
    _rule("quarter_code", "DATE",
          rf"(?P<p>[QH])(?P<n>[1-4])\s+(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s+(?P<p2>[QH])(?P<n2>[1-4])",
          absolute=_absolute_quarter_code),
    _rule("season_year", "DATE",
          rf"(?i:(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)"
          rf"(?P<y>{_YEAR})",
          absolute=_absolute_season),
    _rule("decade", "DATE",
          r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[-\s]+)?"
          r"(?:(?P<dec>(?:19|20)\d)0s|(?P<short>['’]\d)0s)",
          absolute=_absolute_decade, before=r"(?<![\w])"),
    _rule("century", "DATE",
          r"(?i:(?:the\s+)?(?P<n>1\d|2[01]|[1-9])(?:st|nd|rd|th)[-\s]century)",
          absolute=_absolute_century),
    _rule("year_after_cue", "DATE", r"(?P<year>(?:19|20)\d{2})",
          absolute=_absolute_year,
          before=rf"(?:(?i:\b(?:{_YEAR_CUES})\s+)|(?i:\bmid-))",
          after=r"(?![\w%]|[.,]\d)", accept=_accept_year),
    _rule("year_in_parentheses", "DATE", r"(?P<year>(?:19|20)\d{2})",
          absolute=_absolute_year, before=r"\(", after=r"\)"),
    _rule("year_before_event", "DATE", r"(?P<year>(?:19|20)\d{2})",
          absolute=_absolute_year, before=r"(?i:\bthe\s+)",
          after=r"(?=\s+(?i:(?:presidential\s+|general\s+|parliamentary\s+|local\s+)?"
                r"(?:elections?|olympics|olympic\s+games|world\s+cup|census|budget|season"
                r"|campaign|referendum|summit|war|invasion|crisis|uprising|revolution|coup"
                r"|agreement|accord|deal|law|act)\b)|['’]s\b)"),
    _rule("part_of_day", "TIME",
          rf"(?P<base>(?i:{_DAY_WORD})|(?:(?i:last|next|this|past|coming)\s+)?{_WEEKDAY})"
          rf"\s+(?i:(?P<part>morning|afternoon|evening|night))"
          rf"|(?i:(?P<special>tonight|last\s+night|this\s+(?:morning|afternoon|evening)))",
          relative=_relative_part_of_day, tense_sensitive=True),
    _rule("day_word", "DATE", rf"(?i:{_DAY_WORD})",
          relative=_relative_day, before=r"(?<![\w'’])(?<!USA\s)"),
    _rule("weekday", "DATE", _WEEKDAY_PHRASE, relative=_relative_day,
          accept=_accept_weekday, tense_sensitive=True),
    _rule("relative_unit", "DATE",
          r"(?i:(?P<rel>last|this\s+coming|this\s+past|this|next|the\s+coming|coming|current)"
          r"\s+(?P<unit>week|weekend|month|year|decade|quarter|century))",
          relative=_relative_unit),
    _rule("current_unit", "DATE",
          r"(?i:the\s+(?:current\s+)?(?P<unit>week|month|year|decade|century))",
          relative=_relative_current_unit,
          before=r"(?i:\bthe\s+(?:end|beginning|start|middle|rest|remainder)\s+of\s+)"),
    _rule("weekend", "DATE", r"(?i:the\s+weekend)", relative=_relative_weekend,
          before=r"(?i:\b(?:over|at|on|during|through|throughout|until|by|before|after)\s+)",
          tense_sensitive=True),
    _rule("month_relative", "DATE",
          rf"(?P<mon>{_MONTH_FULL})\s+(?i:(?:of\s+)?(?P<yrel>last|this|next)\s+year)"
          rf"|(?i:(?P<rel>last|next|this\s+coming|this\s+past|this|past))\s+(?P<mon2>{_MONTH_FULL})",
          relative=_relative_month, tense_sensitive=True),
    _rule("month_day", "DATE", _MONTH_DAY, relative=_relative_month_day, tense_sensitive=True),
    _rule("bare_month", "DATE", rf"(?P<mon>{_MONTH_FULL})",
          relative=_relative_month, accept=_accept_bare_month, tense_sensitive=True),
    _rule("season_relative", "DATE",
          r"(?i:(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<yrel>last|this|next)"
          r"\s+year|(?P<rel>last|this\s+past|this\s+coming|this|next|past)\s+"
          r"(?P<season2>spring|summer|autumn|fall|winter))",
          relative=_relative_season, tense_sensitive=True),
    _rule("bare_season", "DATE", r"(?i:(?:the\s+)?(?P<season>spring|summer|autumn|winter))",
          relative=_relative_season, tense_sensitive=True,
          before=r"(?i:\b(?:in|during|over|since|until|by|through|throughout)\s+)"),
    _rule("quarter_of_year", "DATE",
          r"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
          rf"(?P<part>quarter|half)\s+of\s+(?P<yr>{_YEAR}))",
          absolute=_absolute_quarter),
    _rule("quarter", "DATE",
          r"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
          rf"(?P<part>quarter|half)(?:\s+of\s+(?P<yr>{_YEAR}|{_RELATIVE_YEAR}|the\s+year))?)",
          relative=_relative_quarter, accept=_accept_quarter, tense_sensitive=True),
    _rule("ago", "DATE",
          rf"(?i:(?:{_DURATION_MODIFIER}\s+)?(?P<qty>{_QUANTITY})\s+(?P<unit>{_UNIT_PLURAL})"
          r"\s+ago)",
          relative=_relative_ago),
    _rule("anchored_elsewhere", "DATE",
          rf"(?i:(?:{_DURATION_MODIFIER}\s+)?(?P<qty>{_QUANTITY})\s+(?P<unit>{_UNIT_PLURAL})"
          r"\s+(?:later|earlier|afterwards?|after|before)"
          r"|the\s+(?:following|previous|preceding|same)\s+"
          r"(?:day|week|weekend|month|year|morning|afternoon|evening|night)"
          r"|the\s+next\s+(?:day|morning|afternoon|evening|night)"
          r"|the\s+day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow)\b))",
          relative=_anchored_elsewhere),
    _rule("set_every", "SET",
          rf"(?i:(?:every|each)\s+(?:(?P<other>other)\s+|(?P<qty>{_QUANTITY})\s+)?"
          rf"(?P<unit>{_UNIT_PLURAL}))",
          absolute=_absolute_set_unit),
    _rule("set_every_weekday", "SET", rf"(?i:every|each)\s+(?P<weekday>{_WEEKDAY})",
          absolute=_absolute_set_weekday),
    _rule("set_weekdays", "SET", rf"(?P<weekday>(?:{_alternatives(_WEEKDAY_NAMES)})s)\b",
          absolute=_absolute_set_weekday),
    _rule("set_frequency", "SET",
          rf"(?i:(?:once|twice|thrice|(?:{_QUANTITY})\s+times)\s+(?:a|an|per|each|every)\s+"
          rf"(?P<unit>{_UNIT}))",
          absolute=_absolute_per_unit),
    _rule("set_per_unit", "SET", rf"(?i:per\s+(?P<unit>{_UNIT}))", absolute=_absolute_per_unit),
    _rule("set_rate", "SET", r"(?i:an?\s+(?P<unit>year|month|week|day|hour))",
          absolute=_absolute_per_unit,
          before=r"(?i:(?:\d|%|\b(?:million|billion|trillion|bn|percent|dollars|euros|pounds)"
                 r")\s+)"),
    _rule("set_annually", "SET", r"(?i:annually)",
          absolute=lambda match: "P1Y"),
    _rule("duration", "DURATION", _DURATION, absolute=_absolute_duration,
          accept=_accept_duration),
    _rule("duration_unquantified", "DURATION",
          rf"(?i:the\s+(?:past|last|next|coming)\s+(?:(?P<vague>few|several|many)\s+)?"
          rf"(?P<unit>{_UNIT_PLURAL}))",
          absolute=_absolute_vague_duration),
    _rule("clock", "TIME",
          rf"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s*(?P<ampm>{_AMPM}))?(?:\s+{_TIME_ZONE})?"
          rf"|(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)\s+{_TIME_ZONE}"
          rf"|(?P<h3>1[0-2]|0?[1-9])(?:[:.](?P<m3>[0-5]\d))?\s*(?P<ampm2>{_AMPM})"
          rf"(?:\s+{_TIME_ZONE})?",
          relative=_relative_clock, before=r"(?<![\w:.,])", after=r"(?![\w:%]|\.\d)"),
    _rule("named_time", "TIME", r"(?i:noon|midday|midnight)", relative=_relative_named_time,
          before=r"(?i:\b(?:at|by|around|until|till|before|after|since|from)\s+)"),
)


# ---------------------------------------------------------------------------------------
# Modifiers ("early", "the end of") keep the value of what they modify
# ---------------------------------------------------------------------------------------

_MODIFIER = (
    r"(?:the\s+)?(?:very\s+)?(?:early|late|mid)(?:\s+|-)|end-"
    r"|the\s+(?:end|beginning|start|middle|turn|rest|remainder)\s+of\s+|(?:earlier|later)\s+"
)
_MODIFIER_PREFIX = re.compile(rf"(?i)^(?:{_MODIFIER})(?=\S)")
_MODIFIER_BEFORE = re.compile(rf"(?i)(?<![\w-])(?:{_MODIFIER})$")
_MODIFIABLE = frozenset({"DATE", "TIME"})


def _strip_modifiers(expression: str) -> str:
    core = expression.strip()
    for _ in range(2):  # "the very end of" needs at most two passes
        stripped = _MODIFIER_PREFIX.sub("", core)
        if stripped == core:
            break
        core = stripped
    return core


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
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n")


_SENTENCE_REACH = 400  # characters; bounds the work per span in text without punctuation


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span, cut at sentence punctuation followed by space."""
    left = max(0, start - _SENTENCE_REACH)
    for match in _SENTENCE_BREAK.finditer(text, left, start):
        left = match.end()
    right = min(len(text), end + _SENTENCE_REACH)
    following = _SENTENCE_BREAK.search(text, end, right)
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


def _tense_near(text: str, start: int, end: int) -> str:
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


def _dateparser_value(expression: str, anchor: date | None) -> str | None:
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
    period = data["period"]
    if period == "year":
        return f"{found.year:04d}"
    if period == "month":
        return _month_value(found.year, found.month)
    if period == "week":
        return _iso_week(found.date())
    return str(found.date().isoformat())


# ---------------------------------------------------------------------------------------
# Finding and choosing candidates
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: _Rule
    priority: int


_NEXT_YEAR_IN_RANGE = re.compile(
    rf"(?:\s*[-–—]\s*|\s+(?i:to|and|or|through|until|till|and\s+in|or\s+in)\s+)"
    rf"(?P<year>{_YEAR})(?![\w%]|[.,]\d)"
)


def _range_years(text: str, cued_years: list[_Candidate]) -> list[_Candidate]:
    """Years that continue a range or list: "between 2019 and 2021", "from 2008 to 2012"."""
    found: list[_Candidate] = []
    known = {year.start for year in cued_years}
    for year in cued_years:
        # Stop at a year already known, so each chain is walked once (linear time).
        while (match := _NEXT_YEAR_IN_RANGE.match(text, year.end)) is not None:
            if match.start("year") in known or _is_count(text, match.start("year"), match.end()):
                break
            year = _Candidate(match.start("year"), match.end("year"), year.rule, year.priority)
            known.add(year.start)
            found.append(year)
    return found


def _extend_with_modifier(text: str, candidate: _Candidate) -> _Candidate:
    if candidate.rule.kind not in _MODIFIABLE or candidate.rule.name == "anchored_elsewhere":
        return candidate
    before = _MODIFIER_BEFORE.search(text, max(0, candidate.start - 40), candidate.start)
    if before is None:
        return candidate
    return _Candidate(before.start(), candidate.end, candidate.rule, candidate.priority)


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for priority, rule in enumerate(_RULES):
        for match in rule.finder.finditer(text):
            if rule.accept is None or rule.accept(text, match):
                found.append(_Candidate(match.start("span"), match.end("span"), rule, priority))
    found.extend(_range_years(text, [c for c in found if c.rule.name == "year_after_cue"]))
    extended = [_extend_with_modifier(text, candidate) for candidate in found]
    return [candidate for candidate in extended if _names_a_real_date(text, candidate)]


def _names_a_real_date(text: str, candidate: _Candidate) -> bool:
    """Absolute look-alikes of no real date (31 February 2024, 13/13/2020) are dropped
    before selection, so that a shorter valid reading ("February 2024") can still win."""
    if candidate.rule.absolute is None:
        return True
    return _value_of(text, candidate, None) is not None


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first (ties: rule order, then position), keeping only non-overlapping ones."""
    chosen: list[_Candidate] = []  # kept sorted by start; never overlapping, so by end too
    starts: list[int] = []
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start))
    for candidate in ranked:
        index = bisect.bisect_left(starts, candidate.start)
        clear_left = index == 0 or chosen[index - 1].end <= candidate.start
        clear_right = index == len(chosen) or candidate.end <= chosen[index].start
        if clear_left and clear_right:
            chosen.insert(index, candidate)
            starts.insert(index, candidate.start)
    return chosen


# ---------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------


def _resolve_with(rule: _Rule, match: re.Match[str], anchor: date | None, tense: str) -> str | None:
    if rule.absolute is not None:
        return rule.absolute(match)
    if anchor is None or rule.relative is None:
        return None
    try:
        value = rule.relative(match, anchor, tense)
    except (OverflowError, ValueError):
        # Arithmetic past the calendar's ends ("500 centuries ago", an anchor of year 1).
        return None
    return None if value is not None and _OUTSIDE_CALENDAR.match(value) else value


# Negative years and years of five digits cannot be written as TIMEX3 values.
_OUTSIDE_CALENDAR = re.compile(r"-|\d{5}")


def _normalize(
    expression: str, anchor: date | None, tense: str, preferred: _Rule | None = None
) -> tuple[bool, str | None]:
    """(whether a rule understood the expression, its TIMEX3 value)."""
    core = _strip_modifiers(expression)
    rules = _RULES if preferred is None else (preferred, *_RULES)
    for rule in rules:
        match = rule.core.fullmatch(core)
        if match is not None:
            return True, _resolve_with(rule, match, anchor, tense)
    return False, None


def _day_of(value: str | None) -> date | None:
    """The day a day-precision value names, for anchoring clock times."""
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", value):
        return None
    return date.fromisoformat(value[:10])


def _clock_anchor(text: str, candidate: _Candidate, days: list[tuple[int, date]],
                  published: date | None) -> date | None:
    """A clock time belongs to the nearest day named in its sentence, else the report's day."""
    left, right = _sentence_bounds(text, candidate.start, candidate.end)
    # days is sorted by position, so the sentence's days are one slice of it.
    first = bisect.bisect_left(days, (left, date.min))
    last = bisect.bisect_left(days, (right, date.min))
    nearby = [(abs(position - candidate.start), day) for position, day in days[first:last]]
    return min(nearby)[1] if nearby else published


def _value_of(text: str, candidate: _Candidate, anchor: date | None) -> str | None:
    rule = candidate.rule
    needs_tense = rule.tense_sensitive and anchor is not None
    tense = _tense_near(text, candidate.start, candidate.end) if needs_tense else PAST
    expression = text[candidate.start:candidate.end]
    _, value = _normalize(expression, anchor, tense, preferred=rule)
    return value


# ---------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------


# Callers may pass "in July" or "on Saturday"; the preposition is not part of the expression.
_LEADING_PREPOSITION = re.compile(
    r"(?i)^(?:in|on|at|since|by|until|till|from|during|before|after|over(?=\s+the\b))\s+(?=\S)"
)


def resolve_relative(expression: str, anchor: date, tense: str = PAST) -> str | None:
    """The TIMEX3 value of one temporal expression, read against an anchor date.

    ``tense`` ("past" or "future") decides which way bare names point: "Friday" is the
    previous Friday in a past-tense report and the next one in a future-tense one.  Absolute
    expressions ignore the anchor; formats no rule knows fall back to dateparser.
    """
    expression = _LEADING_PREPOSITION.sub("", expression.strip())
    understood, value = _normalize(expression, anchor, tense)
    if understood:
        return value
    return _dateparser_value(_strip_modifiers(expression), anchor)


def find_timexes(text: str, published: date | None) -> list[Timex]:
    """Every temporal expression in ``text``, sorted by position and non-overlapping.

    Relative expressions are resolved against ``published``; without it they get None.
    """
    chosen = _select(_candidates(text))
    values: dict[_Candidate, str | None] = {}
    days: list[tuple[int, date]] = []
    for candidate in chosen:
        if candidate.rule.name == "clock":
            continue
        values[candidate] = _value_of(text, candidate, published)
        day = _day_of(values[candidate])
        if day is not None:
            days.append((candidate.start, day))
    for candidate in chosen:
        if candidate.rule.name == "clock":
            anchor = _clock_anchor(text, candidate, days, published)
            values[candidate] = _value_of(text, candidate, anchor)
    return [
        Timex(
            span=Span(c.start, c.end),
            text=text[c.start:c.end],
            value=values[c],
            kind=c.rule.kind,
        )
        for c in chosen
    ]

