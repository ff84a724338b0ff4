"""Whose vote a vote is: a legislature's, its members' or a committee's is an event; citizens
voting in an election or a referendum, a right to vote, a bloc of voters are not."""

from __future__ import annotations

import pytest

from conftest import run


def vote_events(text: str) -> list[str]:
    analysis = run(text, "2026-05-04")
    return [e.type for e in analysis.events if e.type.endswith("_vote")]


@pytest.mark.parametrize("text", [
    "The parliament of Moldova voted on Tuesday to raise the pension age.",
    "Lawmakers voted 61-38 to extend the emergency powers.",
    "A Senate panel voted along party lines to advance the nomination.",
    "The regional council held a vote on the new port fees.",
    "Deputies voted against the budget amendment late on Friday.",
    "The city's assembly voted to rename the square.",
    "Sen. Hale voted no.",
    "Years earlier he had voted against a measure to cut the fuel tax.",
])
def test_a_body_voting_is_a_vote(text: str) -> None:
    assert vote_events(text) == ["parliamentary_vote"]


@pytest.mark.parametrize("text", [
    "Turnout was low because many young people did not vote at all.",
    "Residents of the island voted in a referendum on independence on Sunday.",
    "The campaign hopes to win the suburban vote in November.",
    "Advocates said the new rules restrict the right to vote.",
    "Millions of citizens voted in the presidential election.",
    "She was voted into the White House by a narrow margin.",
])
def test_people_voting_is_no_body_vote(text: str) -> None:
    assert vote_events(text) == []
