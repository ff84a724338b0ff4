"""English numbers written in words: the one vocabulary every extractor reads counts with.

Cardinals ("three", "twenty-one", "two hundred and five", "a dozen", "a million") and the
ordinals of small numbers ("first", "3rd"). Extractors build their patterns from these tables
and read matched text back with ``parse_number_words`` or ``parse_number``.
"""

from __future__ import annotations

import re

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
_CARDINALS = {**ONES, **TENS}
# Words that multiply the count before them: "two dozen", "three hundred", "a million".
# "dozen" and "hundred" multiply within a group ("two hundred thousand" is 200 thousands).
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
          "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_WITHIN_GROUP = frozenset({"dozen", "hundred"})
# "a billion", "an estimated hundred": the article stands for one only before a scale word.
ARTICLES = frozenset({"a", "an"})

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
_NUMERIC_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


def parse_number_words(text: str) -> int | None:
    """Read an English cardinal written in words ("three", "twenty-one", "two hundred and
    five", "a million", "a dozen"); None when any word is not part of a number."""
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w and w != "and"]
    if not words:
        return None
    total, current = 0, 0
    for i, word in enumerate(words):
        if word in _CARDINALS:
            current += _CARDINALS[word]
        elif word in ARTICLES and i + 1 < len(words) and words[i + 1] in SCALES:
            current += 1
        elif word in _WITHIN_GROUP:
            current = max(current, 1) * SCALES[word]
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
    return total + current


def parse_number(text: str) -> float | None:
    """Digits ("1,200,000", "1.5") or number words; None when neither."""
    cleaned = text.strip().replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        value = parse_number_words(text)
        return float(value) if value is not None else None


def parse_ordinal(text: str) -> int | None:
    """Read an ordinal: "third" or "3rd" is 3; None when the text is no ordinal."""
    word = text.strip().lower()
    numeric = _NUMERIC_ORDINAL.fullmatch(word)
    return int(numeric.group(1)) if numeric else ORDINALS.get(word)
