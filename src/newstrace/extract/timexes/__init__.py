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

The package, in the order an expression meets it: ``patterns`` (words and regular-expression
fragments), ``rules`` (the rule table), ``acceptance`` (context that rejects look-alikes),
``resolvers`` (from a match to a value), ``anchoring`` (tense, the day a clock time belongs
to, the dateparser fallback) and ``values`` (TIMEX values and all the date arithmetic).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newstrace.extract.timexes import anchoring
from newstrace.extract.timexes.acceptance import is_count
from newstrace.extract.timexes.anchoring import PAST, clock_anchor, tense_near
from newstrace.extract.timexes.patterns import MODIFIABLE, MODIFIER_BEFORE, YEAR, strip_modifiers
from newstrace.extract.timexes.rules import (
    RULES,
    Rule,
    ascii_lookalikes_folded,
    may_match,
    normalize,
)
from newstrace.extract.timexes.values import TimexValue
from newstrace.models import Span, Timex

__all__ = ["NAME_TYPES", "find_timexes", "resolve_relative"]

# Entities whose names can hold a date word without dating anything ("USA Today", "Russia
# Today", "the Monday Club"). Events are left out: "the 2016 election" does date the event.
NAME_TYPES = {"ORG", "OUTLET", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC"}

# ---------------------------------------------------------------------------------------
# Finding and choosing candidates
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    priority: int


_NEXT_YEAR_IN_RANGE = re.compile(
    rf"(?:\s*[-–—]\s*|\s+(?i:to|and|or|through|until|till|and\s+in|or\s+in)\s+)"
    rf"(?P<year>{YEAR})(?![\w%]|[.,]\d)"
)


def _range_years(text: str, cued_years: list[_Candidate]) -> list[_Candidate]:
    """Years that continue a range or list: "between 2019 and 2021", "from 2008 to 2012"."""
    found: list[_Candidate] = []
    known = {year.start for year in cued_years}
    for year in cued_years:
        # Stop at a year already known, so each chain is walked once (linear time).
        while (match := _NEXT_YEAR_IN_RANGE.match(text, year.end)) is not None:
            if match.start("year") in known or is_count(text, match.start("year"), match.end()):
                break
            year = _Candidate(match.start("year"), match.end("year"), year.rule, year.priority)
            known.add(year.start)
            found.append(year)
    return found


def _extend_with_modifier(text: str, candidate: _Candidate) -> _Candidate:
    if candidate.rule.kind not in MODIFIABLE or candidate.rule.name == "anchored_elsewhere":
        return candidate
    before = MODIFIER_BEFORE.search(text, max(0, candidate.start - 40), candidate.start)
    if before is None:
        return candidate
    return _Candidate(before.start(), candidate.end, candidate.rule, candidate.priority)


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    lower = text.lower()
    seen: dict[tuple[str, ...], bool] = {}
    for priority, rule in enumerate(RULES):
        if not may_match(rule, text, lower, seen):
            continue
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


def _inside_name(candidate: _Candidate, names: Sequence[Span]) -> bool:
    return any(name.start <= candidate.start and candidate.end <= name.end
               and name.end - name.start > candidate.end - candidate.start for name in names)


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


def _day_named(value: str | None) -> date | None:
    """The day a day-precision value names, for anchoring clock times."""
    parsed = TimexValue.parse(value) if value else None
    return parsed.as_date() if parsed else None


def _value_of(text: str, candidate: _Candidate, anchor: date | None) -> str | None:
    rule = candidate.rule
    needs_tense = rule.tense_sensitive and anchor is not None
    tense = tense_near(text, candidate.start, candidate.end) if needs_tense else PAST
    expression = text[candidate.start:candidate.end]
    _, value = normalize(expression, anchor, tense, preferred=rule)
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
    understood, value = normalize(expression, anchor, tense)
    if understood:
        return value
    return anchoring.dateparser_value(strip_modifiers(expression), anchor)


def find_timexes(text: str, published: date | None, names: Sequence[Span] = ()) -> list[Timex]:
    """Every temporal expression in ``text``, sorted by position and non-overlapping.

    Relative expressions are resolved against ``published``; without it they get None.
    A date word inside a longer name ("USA Today", "the January 6 committee") is part of the
    name, not a date: ``names`` are the spans of such names.
    """
    text_as_written, text = text, ascii_lookalikes_folded(text)
    chosen = _select([c for c in _candidates(text) if not _inside_name(c, names)])
    values: dict[_Candidate, str | None] = {}
    days: list[tuple[int, date]] = []
    for candidate in chosen:
        if candidate.rule.name == "clock":
            continue
        values[candidate] = _value_of(text, candidate, published)
        day = _day_named(values[candidate])
        if day is not None:
            days.append((candidate.start, day))
    for candidate in chosen:
        if candidate.rule.name == "clock":
            anchor = clock_anchor(text, candidate.start, candidate.end, days, published)
            values[candidate] = _value_of(text, candidate, anchor)
    return [
        Timex(
            span=Span(c.start, c.end),
            text=text_as_written[c.start:c.end],
            value=values[c],
            kind=c.rule.kind,
        )
        for c in chosen
    ]

