"""The words and regular-expression fragments temporal expressions are built from.

Month and weekday names are matched case-sensitively: capitalisation is what tells "May" the
month from "may" the verb.
"""

from __future__ import annotations

import re

from newstrace.extract.numbers import ONES, TENS, parse_number_words

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# Keyed by the first three letters, which is also how abbreviations ("Sept.") are looked up.
_MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_NUMBERS = {name.lower(): number for number, name in enumerate(WEEKDAY_NAMES)}

# Quantities that say "some number of": TIMEX3 writes them as X.
_VAGUE_QUANTITIES = {"several", "many", "few", "a few", "some"}

SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# --- regular-expression fragments ------------------------------------------------------


def alternatives(words: list[str] | tuple[str, ...]) -> str:
    """An alternation that tries longer words first, so "seventeen" beats "seven"."""
    return "|".join(sorted(words, key=len, reverse=True))


MONTH_FULL = rf"(?:{alternatives(MONTH_NAMES)})\b"
MONTH = rf"(?:{MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
WEEKDAY = rf"(?:{alternatives(WEEKDAY_NAMES)})\b"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?\b"
YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
_DIGIT_WORDS = alternatives([word for word, value in ONES.items() if 1 <= value <= 9])
_NUMBER_WORD = (
    rf"(?:(?:{alternatives(list(TENS))})(?:[-\s](?:{_DIGIT_WORDS}))?"
    rf"|{alternatives([word for word, value in ONES.items() if value])}|hundred|dozen)\b"
)
# The first letters of QUANTITY's words: a lookahead every reading satisfies turns other
# words away before the long alternation is tried at each of them.
_QUANTITY_START = "".join(sorted({word[0] for word in (
    *TENS, *ONES, "hundred", "dozen", "a", "several", "many")}))
QUANTITY = (
    # At most a million: larger "numbers" are identifiers, and stay clear of float overflow.
    rf"(?=[\d{_QUANTITY_START}])(?:(?<![\d,.])(?:\d{{1,3}}(?:,\d{{3}}){{1,2}}|\d{{1,7}}(?:\.\d{{1,3}})?)(?![\d,])"
    rf"|{_NUMBER_WORD}|a\s+couple\s+of|a\s+few"
    rf"|a\s+(?:hundred|dozen)|several|many|an|a)"
)
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|centuries)"
UNIT_PLURAL = rf"{UNIT}s?"
# Modifiers TIMEX3 expresses with the mod attribute; they belong to the span.
DURATION_MODIFIER = (
    r"(?:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|approximately"
    r"|roughly|some|at\s+least|at\s+most|up\s+to|well\s+over|just\s+over|just\s+under"
    r"|over|under)"
)
RELATIVE_YEAR = r"(?:last|this|next)\s+year"
DAY_WORD = (
    r"(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|yesterday|today|tomorrow)"
)
WEEKDAY_PHRASE = (
    rf"(?:(?P<rel>(?i:last|next|this\s+coming|this\s+past|this|past|coming))\s+)?"
    rf"(?P<weekday>{WEEKDAY})(?:\s+(?i:(?:of\s+)?(?P<week>last|this|next)\s+week))?"
)
TIME_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|local\s+time)"
AMPM = r"(?i:a\.m\.|p\.m\.|am\b|pm\b)"

# Words before a four-digit number that make it a year ("in 2008", "since 2019").
YEAR_CUES = (
    r"in|since|by|until|till|from|of|before|after|during|between|through|throughout|around"
    r"|circa|c\.|year|early|late|fiscal|summer|winter|spring|autumn|fall|the\s+year"
)
# Nouns that show a four-digit number is a count ("in 2000 cases"), not a year.
COUNT_NOUNS = frozenset(
    """people persons troops soldiers members workers employees residents civilians refugees
    migrants children students voters votes cases deaths dead injured homes houses jobs units
    tons tonnes metres meters feet miles km kilometres kilometers kg barrels euros dollars
    pounds yuan rubles roubles points seats signatures pages words calories animals vehicles
    cars rockets missiles drones shells flights passengers patients doctors police officers
    fighters prisoners detainees hostages applications arrests """.split()
)
# Words before "of"/"by" that make the following number a quantity ("a total of 2000").
COUNT_LEADS = frozenset(
    """total sum score maximum minimum average population crowd group force fleet number
    height depth length distance speed temperature fine budget salary price cost rate
    altitude capacity rose fell increased decreased grew dropped declined jumped climbed
    risen fallen cut reduced raised up down""".split()
)

WEEKDAY_PHRASE_RE = re.compile(WEEKDAY_PHRASE)
MONTH_DAY = (
    rf"(?:{WEEKDAY},?\s+)?(?:(?P<mon>{MONTH})\s+(?P<d>{DAY})"
    rf"|(?i:the\s+)?(?P<d2>{DAY})\s+(?i:of\s+)?(?P<mon2>{MONTH}))"
)
DURATION = (
    rf"(?i:(?:{DURATION_MODIFIER}\s+(?!the\b))?"
    rf"(?:the\s+(?:past|last|next|previous|coming|first|final|following|preceding)\s+)?"
    rf"(?P<qty>{QUANTITY})(?:\s+|-)(?P<unit>{UNIT_PLURAL}))\b(?![\s-]+old\b)"
)


# --- reading matched words -------------------------------------------------------------


def month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def unit_name(unit: str) -> str:
    """The singular name of a time unit as written ("Centuries" -> "century")."""
    unit = unit.lower()
    return "century" if unit.startswith("centur") else unit.rstrip("s")


def quantity_value(text: str) -> float | None:
    """The number a quantity phrase stands for; None for vague ones ("several")."""
    words = " ".join(text.lower().split())
    if words in _VAGUE_QUANTITIES:
        return None
    if words == "a couple of":
        return 2
    if words in ("a", "an"):  # "an hour", "a week"
        return 1
    if words.replace(",", "").replace(".", "", 1).isdigit():
        return float(words.replace(",", ""))
    return parse_number_words(words)


# --- modifiers ("early", "the end of") keep the value of what they modify ----------------


_MODIFIER = (
    r"(?:the\s+)?(?:very\s+)?(?:early|late|mid)(?:\s+|-)|end-"
    r"|the\s+(?:end|beginning|start|middle|turn|rest|remainder)\s+of\s+|(?:earlier|later)\s+"
)
_MODIFIER_PREFIX = re.compile(rf"(?i)^(?:{_MODIFIER})(?=\S)")
MODIFIER_BEFORE = re.compile(rf"(?i)(?<![\w-])(?:{_MODIFIER})$")
MODIFIABLE = frozenset({"DATE", "TIME"})


def strip_modifiers(expression: str) -> str:
    core = expression.strip()
    for _ in range(2):  # "the very end of" needs at most two passes
        stripped = _MODIFIER_PREFIX.sub("", core)
        if stripped == core:
            break
        core = stripped
    return core
