"""A "we" or "I" inside a direct quotation is its speaker: the events they tell of in their
own words have the speaker as actor. Indirect speech is the reporter's wording."""

from __future__ import annotations

from conftest import event_actors, run


def actors(text: str, etype: str) -> list[str | None]:
    return event_actors(run(text, "2026-04-14"), etype)


def test_we_in_a_quotation_is_its_speaker() -> None:
    text = ('"We met the Finnish delegation twice last week," said Marta Kowalczyk, the '
            'Polish deputy foreign minister.')
    assert actors(text, "meeting") == ["Marta Kowalczyk"]


def test_i_in_a_quotation_after_the_frame() -> None:
    text = 'Jonas Vaitkus told reporters: "I visited Kyiv in March to see the factories."'
    assert actors(text, "visit") == ["Jonas Vaitkus"]


def test_we_outside_a_quotation_is_nobody_named() -> None:
    text = "Marta Kowalczyk spoke on Monday. We met the Finnish delegation twice last week."
    assert actors(text, "meeting") in ([], [None])
