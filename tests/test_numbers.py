"""Tests for the shared number vocabulary: cardinals and ordinals written in words."""

from __future__ import annotations

import pytest

from newstrace.extract.numbers import parse_number, parse_number_words, parse_ordinal


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seven", 7),
        ("Seventeen", 17),
        ("forty", 40),
        ("forty-two", 42),
        ("sixty three", 63),
        ("hundred", 100),
        ("an hundred", 100),
        ("four hundred and six", 406),
        ("dozen", 12),
        ("a dozen", 12),
        ("three dozen", 36),
        ("a thousand", 1000),
        ("five hundred thousand", 500_000),
        ("two million three hundred thousand", 2_300_000),
        ("a", None),  # an article alone is no number
        ("seven dwarfs", None),
        ("", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), ("3,400,000", 3_400_000.0), ("0.75", 0.75), ("eleven", 11.0), ("lots", None)],
)
def test_numbers_in_digits_or_words(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("first", 1), ("Fourth", 4), ("twelfth", 12), ("2nd", 2), ("23rd", 23), ("final", None),
     ("four", None)],
)
def test_ordinals(text: str, value: int | None) -> None:
    assert parse_ordinal(text) == value
