"""Wire credits in every statement's chain: datelines, bare agency credits, a first sentence's
"X reports, citing Y", a source line closing the story; relayed outlets never become people."""

from __future__ import annotations

import pytest

from conftest import name_of, run
from newstrace.models import Analysis


def chains(analysis: Analysis) -> list[list[str | None]]:
    return [[name_of(analysis, r) for r in q.relays] for q in analysis.quotes]


@pytest.mark.parametrize("opening", ["KAUNAS (Reuters) – ", "KAUNAS, May 2 (Reuters) - ",
                                     "(Reuters) — "])
def test_a_wire_credit_stands_before_the_publisher_in_every_chain(opening: str) -> None:
    text = (opening + "Mayor Ona Vaitkute said on Friday that the river port would expand.\n"
            "“We have waited long enough,” she told reporters.")
    analysis = run(text, outlet="Delfi")
    assert len(analysis.quotes) == 2
    assert chains(analysis) == [["Reuters", "Delfi"]] * 2


def test_a_wire_credit_alone_is_the_publisher_once() -> None:
    text = "KAUNAS (Reuters) – Mayor Ona Vaitkute said on Friday that the river port would expand."
    analysis = run(text)
    assert chains(analysis) == [["Reuters"]]


def test_an_outlet_that_cites_another_comes_after_it() -> None:
    text = ("Polish President Andrzej Duda said the crossing would stay shut, TASS reports, "
            "citing Polish Radio.")
    analysis = run(text)
    assert [q.content.text(text) for q in analysis.quotes] == ["the crossing would stay shut"]
    assert chains(analysis) == [["Polskie Radio", "TASS"]]


def test_citing_a_source_is_no_quote_of_its_own() -> None:
    text = ("The ferry line will close in winter, TASS reports, citing local media.\n"
            "Officials said the ferry would be repaired.")
    analysis = run(text)
    assert all("media" not in q.content.text(text) for q in analysis.quotes)


def test_a_source_line_closing_the_story_joins_every_chain() -> None:
    text = ("The Estonian Ministry of Defence said the exercise would involve 2,000 troops.\n"
            "“The drills are defensive,” Defence Minister Hanno Pevkur said.\n"
            "Source: press service of the Ministry of Defence of Estonia")
    analysis = run(text, outlet="Delfi")
    by_speaker = {name_of(analysis, q.speaker): [name_of(analysis, r) for r in q.relays]
                  for q in analysis.quotes}
    # The ministry is the source of the minister's words, but never relays its own.
    assert by_speaker == {"Estonian Ministry of Defence": ["Delfi"],
                          "Hanno Pevkur": ["Estonian Ministry of Defence", "Delfi"]}


def test_a_source_line_naming_a_body_unknown_elsewhere_makes_it_an_entity() -> None:
    text = ("Officials said the road would reopen in June.\n"
            "Source: press office of the Harbour Authority of Klaipeda")
    analysis = run(text, outlet="Delfi")
    [[source, publisher]] = chains(analysis)
    assert source is not None and source.startswith("Harbour Authority")
    assert publisher == "Delfi"
    # A description is not a name: no entity for it.
    described = run("Officials said the road would reopen in June.\nSource: local media",
                    outlet="Delfi")
    assert chains(described) == [["Delfi"]]


def test_a_piece_of_an_outlets_name_is_not_a_person() -> None:
    text = ("Lithuanian Foreign Minister Kestutis Budrys said the sanctions would stay, "
            "News.Az reports, citing Lithuanian media.")
    analysis = run(text)
    assert analysis.document.outlet == "News.Az"
    assert [e.name for e in analysis.entities if e.type == "PERSON"] == ["Kęstutis Budrys"]
    assert chains(analysis) == [["News.Az"]]


def test_a_body_credited_without_its_press_office_is_no_source_of_the_story() -> None:
    # A chart's source under the story credits the figures, not what anyone said.
    text = ("Officials said the alliance would spend more on defence.\n"
            "Only five members spend more than the target.\n"
            "Source: NATO.")
    analysis = run(text, outlet="Delfi")
    assert chains(analysis) == [["Delfi"]]
    assert not any(e.type == "OUTLET" and e.name == "NATO" for e in analysis.entities)


def test_citing_a_company_or_a_source_can_be_what_was_said() -> None:
    # Only an outlet cited is a relay; a stance or an unnamed source cited is attributed.
    text = "The two analysts at the bank cited Nordea as the most likely buyer of the firm."
    analysis = run(text)
    assert any("Nordea" in q.content.text(text) for q in analysis.quotes)
