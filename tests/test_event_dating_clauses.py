"""A relative clause that describes someone or something has a time of its own: the date of
the clause it hangs on is not its date. One opened by "where" or "when" happens then."""

from __future__ import annotations

from conftest import run


def dates(text: str, etype: str) -> list[str | None]:
    analysis = run(text, "2026-06-12")
    return [e.date for e in analysis.events if e.type == etype]


def test_a_describing_relative_clause_keeps_no_outer_date() -> None:
    text = ("The senator thanked on Tuesday the firms that gave 3 million dollars to her "
            "campaign.")
    assert dates(text, "funding") == [None]


def test_a_date_inside_the_relative_clause_is_its_own() -> None:
    text = "The senator thanked on Tuesday the firms that gave 3 million dollars in May."
    assert dates(text, "funding") == ["2026-05"]


def test_where_joins_the_head_clause_date() -> None:
    text = "The minister visited Oslo on Monday, where she signed an agreement on ports."
    assert dates(text, "agreement") == ["2026-06-08"]
