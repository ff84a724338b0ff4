"""Words that are not speakers at all: a count ("14% of …"), a verb the tagger read as a
noun, half of a hyphenated title, a place in a phrase before the verb; and a speaker named
after the words ("…, X has been reported as saying")."""

from __future__ import annotations

import pytest

from conftest import name_of, quote_of, run


@pytest.mark.parametrize("text, words, group", [
    # The count speaks for the group it counts ...
    ("In the survey for the transport board, 23% of cyclists aged between 16 and 25 said "
     "they never wear a helmet.", "never wear a helmet", "cyclists aged between 16 and 25"),
    ("Of the drivers asked, 40 percent of van owners said the toll was too high.",
     "toll was too high", "van owners"),
    # ... or for the group the verb picks it from.
    ("The poll asked about tram fares. Among the students, 62% said a cheaper pass "
     "would help.", "cheaper pass would help", "the students"),
])
def test_a_count_speaks_for_its_group(text: str, words: str, group: str) -> None:
    quote = quote_of(run(text), words)
    assert quote.speaker_text == group


def test_a_count_of_no_named_group_is_no_speaker() -> None:
    text = "The poll closed on Monday. In the end, 52% said the bridge should be rebuilt."
    quote = quote_of(run(text), "bridge should be rebuilt")
    assert quote.speaker is None
    assert quote.speaker_text is None


def test_one_of_a_group_is_still_someone_described() -> None:
    text = "One of the stewards said the gates had opened an hour late."
    quote = quote_of(run(text), "gates had opened")
    assert quote.speaker_text == "One of the stewards"


def test_a_verb_opening_a_list_item_is_no_speaker() -> None:
    text = ("Ran a failing shop that cost buyers thousands of dollars.\n\n"
            "Keeps saying she opposed the tunnel, though a recording has her praising "
            "it.\n\nFiled for bankruptcy twice.")
    quote = quote_of(run(text), "she opposed the tunnel")
    assert quote.speaker_text != "Keeps"
    assert quote.speaker is None


def test_a_modifier_is_not_the_speaker_but_its_noun_is() -> None:
    text = "“We need to stop the race now,” added the four-times champion."
    quote = quote_of(run(text), "stop the race")
    assert quote.speaker_text == "the four-times champion"


def test_a_hyphenated_title_does_not_cut_the_name() -> None:
    text = ("Mrs Howard will visit target seats. Mr Howard will hold a press briefing at the "
            "party's HQ each day, Tory co-chairman Liam Fox said.")
    analysis = run(text)
    quote = quote_of(analysis, "press briefing")
    assert name_of(analysis, quote.speaker) == "Liam Fox"
    assert quote.speaker_text == "Liam Fox"
    assert quote.source is not None and quote.source.text(text) == "Tory co-chairman Liam Fox"


def test_a_place_before_the_verb_is_not_who_spoke() -> None:
    text = ("Costa's last race will be in Monaco and after the finish in Sao Paulo said: "
            "\"I will miss this place.\"")
    analysis = run(text)
    quote = quote_of(analysis, "miss this place")
    assert quote.speaker_text != "Sao Paulo"
    assert name_of(analysis, quote.speaker) != "São Paulo"


def test_a_place_describing_the_subject_stays_in_its_description() -> None:
    text = "The court in Washington said the ruling would stand."
    quote = quote_of(run(text), "ruling would stand")
    assert quote.speaker_text == "The court in Washington"


@pytest.mark.parametrize("frame", ["has been reported as saying", "was quoted as saying"])
def test_reported_as_saying_names_the_speaker_after_the_words(frame: str) -> None:
    text = ("Women will be hired as border guards from next spring, Interior Minister "
            f"Prince Omar Al-Rashid {frame}.")
    analysis = run(text)
    quote = quote_of(analysis, "Women will be hired")
    assert name_of(analysis, quote.speaker) == "Prince Omar Al-Rashid"
    assert "reported" not in quote.content.text(text) and "quoted" not in \
        quote.content.text(text)


def test_a_hyphen_splitting_the_subject_keeps_the_whole_source() -> None:
    text = "Her ex-husband agreed, but also argued that the letters were private."
    quote = quote_of(run(text), "letters were private")
    assert quote.source is not None and quote.source.text(text) == "Her ex-husband"
