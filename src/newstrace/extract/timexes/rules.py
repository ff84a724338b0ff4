"""The rule table: each rule pairs a pattern with the resolver that gives its value."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from newstrace.extract.timexes.acceptance import (
    accept_bare_month,
    accept_duration,
    accept_quarter,
    accept_weekday,
    accept_year,
)
from newstrace.extract.timexes.patterns import (
    AMPM,
    DAY,
    DAY_WORD,
    DURATION,
    DURATION_MODIFIER,
    MONTH,
    MONTH_DAY,
    MONTH_FULL,
    MONTH_NAMES,
    QUANTITY,
    RELATIVE_YEAR,
    TIME_ZONE,
    UNIT,
    UNIT_PLURAL,
    WEEKDAY,
    WEEKDAY_NAMES,
    WEEKDAY_PHRASE,
    YEAR,
    YEAR_CUES,
    alternatives,
    strip_modifiers,
)
from newstrace.extract.timexes.resolvers import (
    absolute_century,
    absolute_day_month_year,
    absolute_decade,
    absolute_duration,
    absolute_iso,
    absolute_month_year,
    absolute_numeric,
    absolute_per_unit,
    absolute_quarter,
    absolute_quarter_code,
    absolute_season,
    absolute_set_unit,
    absolute_set_weekday,
    absolute_vague_duration,
    absolute_with_dateparser,
    absolute_year,
    anchored_elsewhere,
    relative_ago,
    relative_clock,
    relative_current_unit,
    relative_day,
    relative_month,
    relative_month_day,
    relative_named_time,
    relative_part_of_day,
    relative_quarter,
    relative_season,
    relative_unit,
    relative_weekend,
)
from newstrace.extract.timexes.values import outside_calendar
from newstrace.models import TimexKind

AbsoluteResolver = Callable[[re.Match[str]], str | None]
RelativeResolver = Callable[[re.Match[str], date, str], str | None]
Acceptor = Callable[[str, re.Match[str]], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    kind: TimexKind
    core: re.Pattern[str]  # the expression itself, as resolve_relative sees it
    finder: re.Pattern[str]  # the expression in running text; group "span" is the timex
    absolute: AbsoluteResolver | None = None
    relative: RelativeResolver | None = None
    accept: Acceptor | None = None
    tense_sensitive: bool = False
    # Words the finder cannot match without (each group: one of them), so that a text
    # lacking them is not scanned at all: `may_match`.
    needs: tuple[tuple[str, ...], ...] = ()
    # A class of every character a finder's match can begin with (`_rule`), or "".
    starts: str = ""


_WORD_START = r"(?<![\w'’])"
_WORD_END = r"(?![\w])"


def _rule(
    name: str,
    kind: TimexKind,
    core: str,
    *,
    absolute: AbsoluteResolver | None = None,
    relative: RelativeResolver | None = None,
    before: str = _WORD_START,
    after: str = _WORD_END,
    accept: Acceptor | None = None,
    tense_sensitive: bool = False,
    needs: tuple[tuple[str, ...], ...] = (),
    starts: str = "",
) -> Rule:
    """``starts``: a character class holding every character a match of the finder (its
    ``before`` included) can begin with. Tested first at each position of the text, it turns
    most positions away at the cost of one character's test."""
    return Rule(
        name=name,
        kind=kind,
        core=re.compile(core),
        finder=re.compile(f"{f'(?={starts})' if starts else ''}{before}(?P<span>{core}){after}"),
        absolute=absolute,
        relative=relative,
        accept=accept,
        tense_sensitive=tense_sensitive,
        needs=needs,
        starts=starts,
    )


# Groups of words for `needs`. A word with a capital is looked for as written (the
# patterns match month and weekday names case-sensitively), any other in the lowercased text.
_YEARS = ("19", "20")
_MONTHS = tuple(name[:3] for name in MONTH_NAMES)  # full names and abbreviations
_WEEKDAYS = WEEKDAY_NAMES
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_UNITS = ("second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade",
          "centur")
_TIME_ZONES = ("GMT", "UTC", "BST", "CET", "EST", "EDT", "CST", "CDT", "PST", "PDT", "local")


# The first letters of YEAR_CUES and "mid-" (`_rule`'s starts).
_CUE_STARTS = r"(?i:[abcdefilmostuwy])"

# Earlier rules win ties between equally long candidates.
RULES: tuple[Rule, ...] = (
    _rule("iso_date", "DATE",
          r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?",
          absolute=absolute_iso, before=r"(?<![\w-])", after=r"(?![\w]|-\d)",
          starts=r"\d", needs=(("-",),)),
    _rule("numeric_date", "DATE",
          r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})",
          absolute=absolute_numeric, before=r"(?<![\w./-])", after=r"(?![\w/-]|\.\d)",
          starts=r"\d"),
    _rule("odd_absolute_date", "DATE",
          rf"{YEAR}/\d{{1,2}}/\d{{1,2}}|\d{{1,2}}-(?:{MONTH})-{YEAR}",
          absolute=absolute_with_dateparser, after=r"(?![\w/-])",
          starts=r"\d", needs=(_YEARS, ("/", "-"))),
    _rule("day_month_year", "DATE",
          rf"(?:{WEEKDAY},?\s+)?(?:(?i:the)\s+)?(?P<d>{DAY})\s+(?i:of\s+)?(?P<mon>{MONTH}),?"
          rf"\s+(?P<y>{YEAR})",
          absolute=absolute_day_month_year,
          needs=(_MONTHS, _YEARS)),
    _rule("month_day_year", "DATE",
          rf"(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})",
          absolute=absolute_day_month_year,
          needs=(_MONTHS, _YEARS)),
    _rule("month_year", "DATE", rf"(?P<mon>{MONTH}),?\s+(?i:of\s+)?(?P<y>{YEAR})",
          absolute=absolute_month_year,
          needs=(_MONTHS, _YEARS)),
    _rule("quarter_code", "DATE",
          rf"(?P<p>[QH])(?P<n>[1-4])\s+(?P<y>{YEAR})|(?P<y2>{YEAR})\s+(?P<p2>[QH])(?P<n2>[1-4])",
          absolute=absolute_quarter_code,
          starts=r"[QH\d]", needs=(("Q1", "Q2", "Q3", "Q4", "H1", "H2", "H3", "H4"), _YEARS)),
    _rule("season_year", "DATE",
          rf"(?i:(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)"
          rf"(?P<y>{YEAR})",
          absolute=absolute_season,
          needs=(_SEASONS, _YEARS)),
    _rule("decade", "DATE",
          r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[-\s]+)?"
          r"(?:(?P<dec>(?:19|20)\d)0s|(?P<short>['’]\d)0s)",
          absolute=absolute_decade, before=r"(?<![\w])",
          needs=(("0s",),)),
    _rule("century", "DATE",
          r"(?i:(?:the\s+)?(?P<n>1\d|2[01]|[1-9])(?:st|nd|rd|th)[-\s]century)",
          absolute=absolute_century,
          starts=r"(?i:[t\d])", needs=(("century",),)),
    _rule("year_after_cue", "DATE", r"(?P<year>(?:19|20)\d{2})",
          absolute=absolute_year,
          before=rf"(?:(?i:\b(?:{YEAR_CUES})\s+)|(?i:\bmid-))",
          after=r"(?![\w%]|[.,]\d)", accept=accept_year,
          starts=_CUE_STARTS, needs=(_YEARS,)),
    _rule("year_in_parentheses", "DATE", r"(?P<year>(?:19|20)\d{2})",
          absolute=absolute_year, before=r"\(", after=r"\)",
          needs=(("(19", "(20"),)),
    _rule("year_before_event", "DATE", r"(?P<year>(?:19|20)\d{2})",
          absolute=absolute_year, before=r"(?i:\bthe\s+)",
          after=r"(?=\s+(?i:(?:presidential\s+|general\s+|parliamentary\s+|local\s+)?"
                r"(?:elections?|olympics|olympic\s+games|world\s+cup|census|budget|season"
                r"|campaign|referendum|summit|war|invasion|crisis|uprising|revolution|coup"
                r"|agreement|accord|deal|law|act)\b)|['’]s\b)",
          needs=(_YEARS, ("the",))),
    _rule("part_of_day", "TIME",
          rf"(?P<base>(?i:{DAY_WORD})|(?:(?i:last|next|this|past|coming)\s+)?{WEEKDAY})"
          rf"\s+(?i:(?P<part>morning|afternoon|evening|night))"
          rf"|(?i:(?P<special>tonight|last\s+night|this\s+(?:morning|afternoon|evening)))",
          relative=relative_part_of_day, tense_sensitive=True,
          needs=(("morning", "afternoon", "evening", "night"),)),
    _rule("day_word", "DATE", rf"(?i:{DAY_WORD})",
          relative=relative_day, before=r"(?<![\w'’])(?<!USA\s)",
          needs=(("yesterday", "today", "tomorrow"),)),
    _rule("weekday", "DATE", WEEKDAY_PHRASE, relative=relative_day,
          accept=accept_weekday, tense_sensitive=True,
          needs=(_WEEKDAYS,)),
    _rule("relative_unit", "DATE",
          r"(?i:(?P<rel>last|this\s+coming|this\s+past|this|next|the\s+coming|coming|current)"
          r"\s+(?P<unit>week|weekend|month|year|decade|quarter|century))",
          relative=relative_unit,
          starts=r"(?i:[lntc])",
          needs=(("week", "month", "year", "decade", "quarter", "century"),)),
    _rule("current_unit", "DATE",
          r"(?i:the\s+(?:current\s+)?(?P<unit>week|month|year|decade|century))",
          relative=relative_current_unit,
          before=r"(?i:\bthe\s+(?:end|beginning|start|middle|rest|remainder)\s+of\s+)",
          needs=(("end", "beginning", "start", "middle", "rest", "remainder"),
                 ("week", "month", "year", "decade", "century"))),
    _rule("weekend", "DATE", r"(?i:the\s+weekend)", relative=relative_weekend,
          before=r"(?i:\b(?:over|at|on|during|through|throughout|until|by|before|after)\s+)",
          tense_sensitive=True,
          needs=(("weekend",),)),
    _rule("month_relative", "DATE",
          rf"(?P<mon>{MONTH_FULL})\s+(?i:(?:of\s+)?(?P<yrel>last|this|next)\s+year)"
          rf"|(?i:(?P<rel>last|next|this\s+coming|this\s+past|this|past))\s+(?P<mon2>{MONTH_FULL})",
          relative=relative_month, tense_sensitive=True,
          needs=(MONTH_NAMES,)),
    _rule("month_day", "DATE", MONTH_DAY, relative=relative_month_day, tense_sensitive=True,
          needs=(_MONTHS,)),
    _rule("bare_month", "DATE", rf"(?P<mon>{MONTH_FULL})",
          relative=relative_month, accept=accept_bare_month, tense_sensitive=True,
          needs=(MONTH_NAMES,)),
    _rule("season_relative", "DATE",
          r"(?i:(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<yrel>last|this|next)"
          r"\s+year|(?P<rel>last|this\s+past|this\s+coming|this|next|past)\s+"
          r"(?P<season2>spring|summer|autumn|fall|winter))",
          relative=relative_season, tense_sensitive=True,
          needs=(_SEASONS,)),
    _rule("bare_season", "DATE", r"(?i:(?:the\s+)?(?P<season>spring|summer|autumn|winter))",
          relative=relative_season, tense_sensitive=True,
          before=r"(?i:\b(?:in|during|over|since|until|by|through|throughout)\s+)",
          needs=(("spring", "summer", "autumn", "winter"),)),
    _rule("quarter_of_year", "DATE",
          r"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
          rf"(?P<part>quarter|half)\s+of\s+(?P<yr>{YEAR}))",
          absolute=absolute_quarter,
          needs=(("quarter", "half"), _YEARS)),
    _rule("quarter", "DATE",
          r"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
          rf"(?P<part>quarter|half)(?:\s+of\s+(?P<yr>{YEAR}|{RELATIVE_YEAR}|the\s+year))?)",
          relative=relative_quarter, accept=accept_quarter, tense_sensitive=True,
          needs=(("quarter", "half"),)),
    _rule("ago", "DATE",
          rf"(?i:(?:{DURATION_MODIFIER}\s+)?(?P<qty>{QUANTITY})\s+(?P<unit>{UNIT_PLURAL})"
          r"\s+ago)",
          relative=relative_ago,
          needs=(("ago",), _UNITS)),
    _rule("anchored_elsewhere", "DATE",
          rf"(?i:(?:{DURATION_MODIFIER}\s+)?(?P<qty>{QUANTITY})\s+(?P<unit>{UNIT_PLURAL})"
          r"\s+(?:later|earlier|afterwards?|after|before)"
          r"|the\s+(?:following|previous|preceding|same)\s+"
          r"(?:day|week|weekend|month|year|morning|afternoon|evening|night)"
          r"|the\s+next\s+(?:day|morning|afternoon|evening|night)"
          r"|the\s+day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow)\b))",
          relative=anchored_elsewhere,
          needs=(("later", "earlier", "after", "before", "following", "previous",
                  "preceding", "same", "next"),)),
    _rule("set_every", "SET",
          rf"(?i:(?:every|each)\s+(?:(?P<other>other)\s+|(?P<qty>{QUANTITY})\s+)?"
          rf"(?P<unit>{UNIT_PLURAL}))",
          absolute=absolute_set_unit,
          needs=(("every", "each"), _UNITS)),
    _rule("set_every_weekday", "SET", rf"(?i:every|each)\s+(?P<weekday>{WEEKDAY})",
          absolute=absolute_set_weekday,
          needs=(("every", "each"), _WEEKDAYS)),
    _rule("set_weekdays", "SET", rf"(?P<weekday>(?:{alternatives(WEEKDAY_NAMES)})s)\b",
          absolute=absolute_set_weekday,
          needs=(tuple(f"{name}s" for name in WEEKDAY_NAMES),)),
    _rule("set_frequency", "SET",
          rf"(?i:(?:once|twice|thrice|(?:{QUANTITY})\s+times)\s+(?:a|an|per|each|every)\s+"
          rf"(?P<unit>{UNIT}))",
          absolute=absolute_per_unit,
          needs=(("once", "twice", "thrice", "times"), _UNITS)),
    _rule("set_per_unit", "SET", rf"(?i:per\s+(?P<unit>{UNIT}))", absolute=absolute_per_unit,
          needs=(("per",), _UNITS)),
    _rule("set_rate", "SET", r"(?i:an?\s+(?P<unit>year|month|week|day|hour))",
          absolute=absolute_per_unit,
          before=r"(?i:(?:\d|%|\b(?:million|billion|trillion|bn|percent|dollars|euros|pounds)"
                 r")\s+)",
          starts=r"(?i:[\d%mbtpde])", needs=(("year", "month", "week", "day", "hour"),)),
    _rule("set_annually", "SET", r"(?i:annually)",
          absolute=lambda match: "P1Y",
          needs=(("annually",),)),
    _rule("duration", "DURATION", DURATION, absolute=absolute_duration,
          accept=accept_duration,
          needs=(_UNITS,)),
    _rule("duration_unquantified", "DURATION",
          rf"(?i:the\s+(?:past|last|next|coming)\s+(?:(?P<vague>few|several|many)\s+)?"
          rf"(?P<unit>{UNIT_PLURAL}))",
          absolute=absolute_vague_duration,
          needs=(("past", "last", "next", "coming"), _UNITS)),
    _rule("clock", "TIME",
          rf"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s*(?P<ampm>{AMPM}))?(?:\s+{TIME_ZONE})?"
          rf"|(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)\s+{TIME_ZONE}"
          rf"|(?P<h3>1[0-2]|0?[1-9])(?:[:.](?P<m3>[0-5]\d))?\s*(?P<ampm2>{AMPM})"
          rf"(?:\s+{TIME_ZONE})?",
          relative=relative_clock, before=r"(?<![\w:.,])", after=r"(?![\w:%]|\.\d)",
          starts=r"\d", needs=((":", "am", "pm", "a.m.", "p.m.", *_TIME_ZONES),)),
    _rule("named_time", "TIME", r"(?i:noon|midday|midnight)", relative=relative_named_time,
          before=r"(?i:\b(?:at|by|around|until|till|before|after|since|from)\s+)",
          needs=(("noon", "midday", "midnight"),)),
)

# Letters that a case-insensitive pattern matches with an ASCII letter although they are
# none ("ı", "ſ", "İ", the Kelvin sign): the rules read a copy of the text with these
# made ASCII, the same length, so the words the resolvers look up are the ones they know.
_ASCII_LOOKALIKES = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0130": "I", "\u212a": "K"})


def ascii_lookalikes_folded(text: str) -> str:
    """``text`` as the rules read it (see `_ASCII_LOOKALIKES`)."""
    if any(char in text for char in "\u0131\u017f\u0130\u212a"):
        return text.translate(_ASCII_LOOKALIKES)
    return text


def may_match(rule: Rule, text: str, lower: str,
              seen: dict[tuple[str, ...], bool] | None = None) -> bool:
    """False when the text lacks a word the rule needs (`lower` is the text lower-cased): its
    finder would find nothing there, and scanning a text costs far more than these checks.
    `seen` keeps, for one text, what was found of each group of words (rules share groups)."""
    seen = {} if seen is None else seen
    for group in rule.needs:
        found = seen.get(group)
        if found is None:
            found = seen[group] = any(word in (lower if word == word.lower() else text)
                                      for word in group)
        if not found:
            return False
    return True


# ---------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------


def _resolve_with(rule: Rule, match: re.Match[str], anchor: date | None, tense: str) -> str | None:
    if rule.absolute is not None:
        return rule.absolute(match)
    if anchor is None or rule.relative is None:
        return None
    try:
        value = rule.relative(match, anchor, tense)
    except (OverflowError, ValueError):
        # Arithmetic past the calendar's ends ("500 centuries ago", an anchor of year 1).
        return None
    return None if value is not None and outside_calendar(value) else value


def normalize(
    expression: str, anchor: date | None, tense: str, preferred: Rule | None = None
) -> tuple[bool, str | None]:
    """(whether a rule understood the expression, its TIMEX3 value)."""
    core = strip_modifiers(expression)
    rules = RULES if preferred is None else (preferred, *RULES)
    for rule in rules:
        match = rule.core.fullmatch(core)
        if match is not None:
            return True, _resolve_with(rule, match, anchor, tense)
    return False, None
