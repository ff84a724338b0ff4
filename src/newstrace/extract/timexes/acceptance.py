"""Finder-side acceptance checks: the context that tells a date from a look-alike."""

from __future__ import annotations

import re

from newstrace.extract.timexes.patterns import COUNT_LEADS, COUNT_NOUNS


def _previous_words(text: str, start: int, count: int) -> list[str]:
    return re.findall(r"[\w$€£.]+", text[max(0, start - 40):start].lower())[-count:]


def is_count(text: str, start: int, end: int) -> bool:
    """True when a year-shaped number is a quantity: "of 2000 people", "rose by 2000"."""
    following = re.match(r"\s*([A-Za-z]+|%)", text[end:end + 30])
    if following and (following.group(1).lower() in COUNT_NOUNS or following.group(1) == "%"):
        return True
    if re.match(r"\s*(?:per\s*cent|percent)\b", text[end:end + 20], re.IGNORECASE):
        return True
    before = _previous_words(text, start, 2)
    return len(before) == 2 and before[1] in ("of", "by", "from") and before[0] in COUNT_LEADS


def accept_year(text: str, match: re.Match[str]) -> bool:
    return not is_count(text, match.start("span"), match.end("span"))


_MAY_CUES = frozenset(
    """in since by until till from during of before after through throughout early late mid
    end last next this and or to""".split()
)
_NAME_FOLLOWERS = re.compile(r"\s+[A-Z][a-z]")


def accept_bare_month(text: str, match: re.Match[str]) -> bool:
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


def accept_weekday(text: str, match: re.Match[str]) -> bool:
    """Reject outlet and holiday names such as "the Sunday Times" or "Good Friday"."""
    start, end = match.start("span"), match.end("span")
    if _WEEKDAY_NAME_AFTER.match(text, end):
        return False
    return not _WEEKDAY_NAME_BEFORE.search(text[max(0, start - 12):start])


def accept_duration(text: str, match: re.Match[str]) -> bool:
    quantity = " ".join(match["qty"].lower().split())
    unit = match["unit"].lower()
    # "a second term" is an ordinal, not one second.
    if unit.startswith("second") and quantity in ("a", "an"):
        return False
    # "One day, ..." is vague; "for one day" and "a one-day strike" are durations.
    if quantity == "one" and unit == "day" and "-" not in match["span"]:
        return _previous_words(text, match.start("span"), 1) == ["for"]
    return True


def accept_quarter(text: str, match: re.Match[str]) -> bool:
    """Without a year, only "the third quarter" counts: "last quarter" is a unit phrase."""
    return bool(match["yr"]) or match["span"].lower().startswith("the")

