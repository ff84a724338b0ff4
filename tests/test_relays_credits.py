"""Wire credits in every statement's chain: datelines, bare agency credits, a first sentence's
"X reports, citing Y", a source line closing the story; relayed outlets never become people."""

from __future__ import annotations

import pytest

from conftest import name_of, quote_of, run
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


def media(analysis: Analysis) -> list[str | None]:
    return [name_of(analysis, q.medium) for q in analysis.quotes]


@pytest.mark.parametrize(("text", "medium"), [
    ("Mayor Ona Vaitkute told LRT's \"Harbour Hour\" that the port would expand.",
     "Harbour Hour"),
    ("Mayor Ona Vaitkute said on BBC Radio 4's Harbour Hour programme that the port would "
     "expand.", "Harbour Hour programme"),
    ("Mayor Ona Vaitkute told CNN's Harbour Hour that the port would expand.", "Harbour Hour"),
    ("“The port will expand,” Mayor Ona Vaitkute said on LRT's “Harbour Hour.”",
     "Harbour Hour"),
    ("Mayor Ona Vaitkute told the BBC's Focus on Klaipeda programme that the port would "
     "expand.", "Focus on Klaipeda programme"),
    ("Mayor Ona Vaitkute said on BBC Radio 4's Harbour at Noon on Tuesday that the port "
     "would expand.", "Harbour at Noon"),
    # the parser hangs "BBC Radio" on "told" and the programme as its object
    ("Mayor Ona Vaitkute told BBC Radio 4's Harbour Hour programme there were some “very "
     "old cranes” at the port.", "Harbour Hour programme"),
    # a channel named after its region before the possessive
    ("Mayor Ona Vaitkute told BBC Radio Kent's Good Morning Kent programme: \"The port will "
     "expand.\"", "Good Morning Kent programme"),
    # the title after the noun, which the parser hangs on the clause told
    ("Mayor Ona Vaitkute told the BBC World Service programme Harbour Hour she hoped the "
     "port would expand.", "Harbour Hour"),
])
def test_a_known_outlets_programme_is_the_medium(text: str, medium: str) -> None:
    # The programme, not the broadcaster, is where the words were said.
    analysis = run(text)
    assert media(analysis) == [medium]
    assert not any(medium in q.content.text(text) for q in analysis.quotes)
    assert any(e.type == "OUTLET" and e.name == medium for e in analysis.entities)


@pytest.mark.parametrize("text", ["The BBC's Ruta Kalnina said the port would expand.",
                                  "Mayor Ona Vaitkute told CNN's Baltic bureau that the port "
                                  "would expand.",
                                  "Mayor Ona Vaitkute told CNN's Evening desk that the port "
                                  "would expand."])
def test_a_reporter_or_a_bureau_of_a_broadcaster_is_no_programme(text: str) -> None:
    analysis = run(text)
    assert [e.type for e in analysis.entities if e.type == "OUTLET"] == ["OUTLET"]


@pytest.mark.parametrize(("text", "medium"), [
    ("During an interview on LRT's Harbour Hour, Mayor Ona Vaitkute said the port would "
     "expand.", "Harbour Hour"),
    ("In an interview with Le Monde, Mayor Ona Vaitkute said the port would expand.",
     "Le Monde"),
    ("Speaking to the BBC, Mayor Ona Vaitkute said the port would expand.", "BBC"),
    ("Writing on Facebook, Mayor Ona Vaitkute said the port would expand.", "Facebook"),
    ("Mayor Ona Vaitkute said at a news conference shown on CNN that the port would expand.",
     "CNN"),
    ("Writing in Le Monde, Mayor Ona Vaitkute said the port would expand.", "Le Monde"),
    ("In an op-ed for Le Monde, Mayor Ona Vaitkute said the port would expand.", "Le Monde"),
    ("In an interview published on Sunday by Le Monde, Mayor Ona Vaitkute said the port "
     "would expand.", "Le Monde"),
    ("In an email to the Associated Press, Mayor Ona Vaitkute said the port would expand.",
     "Associated Press"),
    ("In a statement to Reuters, Mayor Ona Vaitkute said the port would expand.", "Reuters"),
])
def test_a_medium_named_in_the_setting_of_the_words(text: str, medium: str) -> None:
    assert media(run(text)) == [medium]


@pytest.mark.parametrize("setting", ["Speaking to the harbour committee",
                                     "In an interview in Vilnius", "Speaking in Parliament"])
def test_an_audience_or_a_place_of_the_words_is_no_medium(setting: str) -> None:
    analysis = run(setting + ", Mayor Ona Vaitkute said the port would expand.")
    assert media(analysis) == [None]


def test_an_outlet_quoting_a_speaker_relays_the_words() -> None:
    text = ("Delfi said the port would expand. “We have waited long enough,” Delfi quoted "
            "Mayor Ona Vaitkute as saying.")
    analysis = run(text)
    said = quote_of(analysis, "waited long enough")
    assert name_of(analysis, said.speaker) == "Ona Vaitkute"
    assert [name_of(analysis, r) for r in said.relays] == ["Delfi"]


def test_a_relay_phrase_on_a_noun_relays_only_its_own_sentence() -> None:
    # "cited by" hangs on "a port official": Delfi carried the official's words, not the
    # report Reuters made in the same paragraph.
    text = ("The port will expand next year, Reuters reported. Work will start in May, "
            "according to a port official cited by Delfi.")
    analysis = run(text)
    whole = [[name_of(analysis, i) for i in (q.speaker, q.medium, *q.relays) if i]
             for q in analysis.quotes]
    assert whole == [["Reuters"], ["Delfi"]]


def test_a_free_relay_phrase_relays_the_whole_paragraph() -> None:
    text = ("Mayor Ona Vaitkute told reporters that the port would expand. “We have waited "
            "long enough,” she said, quoted by Delfi.")
    assert chains(run(text)) == [["Delfi"], ["Delfi"]]


@pytest.mark.parametrize("ending", ["” PA", "” AFP", "”\nPA"])
def test_an_agency_named_alone_after_the_last_sentence_signs_the_story(ending: str) -> None:
    text = ("Mayor Ona Vaitkute said the port would expand. “We have waited long "
            "enough,” she said. “The work starts in May." + ending)
    agency = {"PA": "PA", "AFP": "Agence France-Presse"}[ending.split()[-1]]
    found = chains(run(text))
    assert len(found) >= 2 and all(chain == [agency] for chain in found)


@pytest.mark.parametrize("ending", ["\nFollow us on\nFacebook", " Pittsburgh, PA"])
def test_a_name_closing_a_story_is_no_agency_unless_one(ending: str) -> None:
    text = "Mayor Ona Vaitkute said the port would expand." + ending
    assert chains(run(text)) == [[]]


def test_an_agency_interviewing_for_its_own_story_stands_once_in_the_chain() -> None:
    text = ("VILNIUS (Reuters) – Mayor Ona Vaitkute said in an interview with Reuters that the "
            "port would expand.")
    analysis = run(text)
    [said] = analysis.quotes
    assert name_of(analysis, said.medium) == "Reuters"
    assert said.relays == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("The ferry line will close in winter, TASS reports, citing the regional administration.",
     "the regional administration"),
    ("“The ferry is finished,” The Washington Post reported, quoting a harbour official.",
     "a harbour official"),
    ("Drones struck a power plant overnight, Ukrinform reports, citing regional governor "
     "Oleh Hryhorov.", "Oleh Hryhorov"),
])
def test_an_outlet_citing_a_source_relays_the_sources_words(text: str, speaker: str) -> None:
    analysis = run(text)
    said = analysis.quotes[0]
    assert (name_of(analysis, said.speaker) or said.speaker_text) == speaker
    assert [name_of(analysis, r) for r in said.relays] in (
        [["TASS"], ["The Washington Post"], ["Ukrinform"]])


@pytest.mark.parametrize(("text", "relays"), [
    ("In a survey carried out by Baltic Research Group, most residents said the port should "
     "expand.", ["Baltic Research Group"]),
    ("In a Gallup poll for The Times, most residents said the port should expand.",
     ["Gallup", "The Times"]),
])
def test_a_pollster_and_its_client_relay_the_answers(text: str, relays: list[str]) -> None:
    assert chains(run(text)) == [relays]


@pytest.mark.parametrize(("opening", "agency"), [
    ("MOSCOW, March 5. /TASS/. ", "TASS"),
    ("Kaunas (Reuters) – ", "Reuters"),
    ("Washington (CNN)", "CNN"),
])
def test_more_dateline_shapes_credit_their_agency(opening: str, agency: str) -> None:
    text = opening + "Mayor Ona Vaitkute said on Friday that the river port would expand."
    analysis = run(text, outlet="Delfi")
    assert [name_of(analysis, q.speaker) for q in analysis.quotes] == ["Ona Vaitkute"]
    assert chains(analysis) == [[agency, "Delfi"]]


@pytest.mark.parametrize("closing", ["© AFP 2025", "(with AFP)",
                                     "Copyright 2025 AFP. All rights reserved."])
def test_an_agencys_rights_under_the_story_credit_it(closing: str) -> None:
    text = "Mayor Ona Vaitkute said on Friday that the river port would expand.\n" + closing
    assert chains(run(text, outlet="Delfi")) == [["Agence France-Presse", "Delfi"]]


def test_rights_of_an_outlet_that_is_no_agency_credit_nothing() -> None:
    text = "Mayor Ona Vaitkute said on Friday that the river port would expand.\n© Facebook 2025"
    assert chains(run(text, outlet="Delfi")) == [["Delfi"]]


def test_an_outlet_closing_with_according_to_relays_and_is_no_content() -> None:
    text = "Mayor Ona Vaitkute said the port would expand, according to Reuters."
    analysis = run(text)
    assert [q.content.text(text) for q in analysis.quotes] == ["the port would expand"]
    assert chains(analysis) == [["Reuters"]]


def test_a_paper_written_in_is_the_medium_whatever_the_recogniser_typed_it() -> None:
    text = ("The Bishop of Kendal, the Rt Rev Dr Alan Hartley, called the film a fable.\n\n"
            "Writing his Christmas message in the Kendal Echo, the Bishop said: \"Such "
            "theories are always fun.\"")
    analysis = run(text, published=None)
    quote = quote_of(analysis, "Such theories are always fun")
    assert name_of(analysis, quote.speaker) == "Alan Hartley"
    assert name_of(analysis, quote.medium) == "Kendal Echo"


@pytest.mark.parametrize("text, words, medium", [
    # Where the words appeared: a journalist's outlet, an outlet's analysis, its users.
    ("A Foreign Policy columnist wrote that the deal would fail.", "deal would fail",
     "Foreign Policy"),
    ("One analyst quoted by the Agence France-Presse news agency said the deal would fail.",
     "deal would fail", "Agence France-Presse"),
    # Whom the speaker works for, no medium.
    ("A BBC spokesman said the series would return in May.", "series would return", None),
])
def test_an_outlet_in_the_speaker_s_phrase_is_the_medium_only_where_words_appeared(
        text: str, words: str, medium: str | None) -> None:
    analysis = run(text)
    assert name_of(analysis, quote_of(analysis, words).medium) == medium


@pytest.mark.parametrize("denial", [
    "Mayor Ona Vaitkute denied the plan had been dropped",
    # The parser hangs the telling on "cut", the verb of what was denied.
    "Mayor Ona Vaitkute denied the unions had forced the changes",
])
def test_what_is_denied_while_telling_an_outlet_went_to_that_outlet(denial: str) -> None:
    text = denial + ', telling the BBC "the port will grow".'
    analysis = run(text)
    assert media(analysis) == ["BBC", "BBC"]


@pytest.mark.parametrize("told", ["the Harbour Gazette newspaper", "To Kima newspaper"])
def test_a_name_before_a_newspaper_is_an_outlet_and_the_medium(told: str) -> None:
    text = f"Mayor Ona Vaitkute told {told} that the port would expand."
    analysis = run(text)
    assert [e.type for e in analysis.entities if e.name != "Ona Vaitkute"] == ["OUTLET"]
    assert media(analysis) == [next(e.name for e in analysis.entities if e.type == "OUTLET")]
