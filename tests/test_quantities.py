"""Money amounts, vote tallies and number words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.extract.numbers import parse_number_words
from newstrace.extract.quantities import find_money, find_votes

MONEY_CASES = [
    ("Berlin pledged 20 million euros to the fund.", "20 million euros", 20e6, "EUR", False),
    ("Oslo promised a 35 million euro investment for the harbour.", "35 million euro", 35e6,
     "EUR", False),
    ("The start-up raised $21M last year.", "$21M", 21e6, "USD", False),
    ("The deal is worth $1.5bn in total.", "$1.5bn", 1.5e9, "USD", False),
    ("Brussels set aside €300 million for the plan.", "€300 million", 300e6, "EUR", False),
    ("The programme costs 2 billion euros.", "2 billion euros", 2e9, "EUR", False),
    ("The loan of USD 5 million was approved.", "USD 5 million", 5e6, "USD", False),
    ("The club paid £40m for the striker.", "£40m", 40e6, "GBP", False),
    ("It will cost approximately 2 billion euros.", "2 billion euros", 2e9, "EUR", True),
    ("A fine of 1,200,000 dollars was imposed.", "1,200,000 dollars", 1.2e6, "USD", False),
    ("Warsaw will spend 50 million zlotys on shelters.", "50 million zlotys", 50e6, "PLN", False),
    ("Kyiv allocated 300 million hryvnias to the region.", "300 million hryvnias", 300e6, "UAH",
     False),
    ("The court seized 5 billion rubles in assets.", "5 billion rubles", 5e9, "RUB", False),
    ("Fines reached 10 billion roubles.", "10 billion roubles", 10e9, "RUB", False),
    ("The grant is about $3 million.", "$3 million", 3e6, "USD", True),
    ("Tokyo will invest 1.5 trillion yen in chips.", "1.5 trillion yen", 1.5e12, "JPY", False),
    ("A two billion euro package was agreed.", "two billion euro", 2e9, "EUR", False),
    ("The state paid a billion dollars for the system.", "a billion dollars", 1e9, "USD", False),
    ("Exports rose to €1.2bn in May.", "€1.2bn", 1.2e9, "EUR", False),
    ("Aid worth 3.5 million US dollars arrived.", "3.5 million US dollars", 3.5e6, "USD", False),
    ("The contract is worth more than $2.5 billion.", "$2.5 billion", 2.5e9, "USD", True),
    ("The budget adds 40 million pounds for roads.", "40 million pounds", 40e6, "GBP", False),
]


@pytest.mark.parametrize(("text", "surface", "value", "currency", "approx"), MONEY_CASES)
def test_find_money(text: str, surface: str, value: float, currency: str, approx: bool) -> None:
    found = find_money(text)
    assert len(found) == 1, found
    money = found[0]
    assert money.span.text(text) == surface
    assert money.value == pytest.approx(value)
    assert money.currency == currency
    assert money.approximate is approx


@pytest.mark.parametrize("text", [
    "The convoy travelled five miles.",
    "Turnout was 64 percent in 2024.",
    "The 3M company opened a plant.",
    "Prices rose by 4 m in the index.",
])
def test_find_money_ignores_non_money(text: str) -> None:
    assert find_money(text) == []


def test_find_money_several_in_order() -> None:
    text = "Poland pays $12 billion, and Lithuania adds €300 million."
    assert [(m.value, m.currency) for m in find_money(text)] == [(12e9, "USD"), (300e6, "EUR")]


VOTE_CASES = [
    ("In the final vote, 103 MPs voted in favour of the bill, one was against, and three "
     "abstained.", (103, 1, 3)),
    ("The law passed by 99 votes to 1 with 3 abstentions.", (99, 1, 3)),
    ("The Seimas voted 99-1-3 to leave the treaty.", (99, 1, 3)),
    ("The chamber approved the budget 250 to 180.", (250, 180, None)),
    ("Twenty lawmakers voted for the motion, eleven against and two abstained.", (20, 11, 2)),
    ("The Senate passed the bill 52–48 on Friday.", (52, 48, None)),
    ("The resolution was adopted with 141 votes in favour, 5 against and 35 abstentions.",
     (141, 5, 35)),
    ("Parliament ratified the treaty by 287 votes to 55.", (287, 55, None)),
]


@pytest.mark.parametrize(("text", "expected"), VOTE_CASES)
def test_find_votes(text: str, expected: tuple[int, int | None, int | None]) -> None:
    tallies = find_votes(text)
    assert len(tallies) == 1, tallies
    tally = tallies[0]
    assert (tally.for_, tally.against, tally.abstain) == expected
    assert tally.span.text(text)  # the span points at real text


@pytest.mark.parametrize("text", [
    "The team won 3-1 on Sunday.",
    "On 2024-03-05 the parliament met.",
    "Staff numbers fell from 250 to 180 after the vote.",
    "Prices rose 5 to 6 percent.",
])
def test_find_votes_ignores_non_tallies(text: str) -> None:
    assert find_votes(text) == []


@pytest.mark.parametrize(("words", "value"), [
    ("one", 1), ("three", 3), ("twelve", 12), ("twenty", 20), ("twenty-one", 21),
    ("ninety nine", 99), ("a hundred", 100), ("two hundred and fifty", 250),
    ("a million", 1_000_000), ("three thousand", 3000), ("blue", None), ("", None),
])
def test_parse_number_words(words: str, value: int | None) -> None:
    assert parse_number_words(words) == value


@given(st.text(max_size=200))
def test_find_money_spans_are_ordered_and_disjoint(text: str) -> None:
    found = find_money(text)
    for money in found:
        assert 0 <= money.span.start < money.span.end <= len(text)
    for first, second in zip(found, found[1:], strict=False):
        assert first.span.end <= second.span.start


@given(st.text(max_size=200))
def test_find_votes_never_fails(text: str) -> None:
    for tally in find_votes(text):
        assert 0 <= tally.span.start < tally.span.end <= len(text)
