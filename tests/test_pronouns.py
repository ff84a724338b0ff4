"""The one pronoun resolver (resolve/pronouns.py), as speakers and event actors both use it:
one sex check (an honorific before a name or opening it, a spouse's phrase set off after it),
read the same way whichever extractor asks; on sentences written for these tests."""

from __future__ import annotations

import pytest
from tests.test_events import named
from tests.test_events import run as run_events

from conftest import name_of, quote_of, run, speaker_of
from newstrace.models import Mention, Span
from newstrace.resolve.roles import sex_of_person


def mention(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(Span(start, start + len(name)), name, "PERSON")


def test_the_sex_a_report_gives_comes_from_honorifics_and_spouse_phrases() -> None:
    text = "Mr. Olav Strand met Petra Lund, his wife, and Mrs Ada Berg at the quay."
    assert sex_of_person(text, [mention(text, "Olav Strand")]) == "male"
    assert sex_of_person(text, [mention(text, "Petra Lund")]) == "female"
    assert sex_of_person(text, [mention(text, "Mrs Ada Berg")]) == "female"  # honorific opens it
    # Said both ways (one resolver's "Mr X" and "Mrs X" together) is said neither way.
    both = "Mr Jensen stayed home while Mrs Jensen sailed."
    assert sex_of_person(both, [mention(both, "Mr Jensen"), mention(both, "Mrs Jensen")]) is None


def test_a_speakers_she_is_not_the_man_a_spouse_phrase_names() -> None:
    text = ("Dana Morel and Luc Aubert arrived in Split on Monday. Luc Aubert, her husband, "
            "met the mayor. She said the harbour would reopen in May.")
    analysis = run(text)
    quote = quote_of(analysis, "harbour would reopen")
    assert name_of(analysis, quote.speaker) == "Dana Morel"


def test_an_actors_she_is_the_person_an_honorific_opening_her_name_calls_mrs() -> None:
    text = ("Mrs Jensen toured the harbour on Monday. Mr Jensen stayed at home. Mrs Jensen "
            "opened the school on Tuesday. There she met the mayor of Bergen.")
    events, names = run_events(text)
    meeting = next(e for e in events if e.type == "meeting")
    assert "Mrs Jensen" in named(meeting.argument("actor"), names)


@pytest.mark.parametrize("text, words, speaker", [
    # The subject is the e-mail; its owner, not the man the e-mail names, goes on speaking.
    ("Mr Hale's e-mail, which was meant for an aide, suggested they should get Ivo Brandt, the "
     "agency's boss, to issue a statement. In it, he said: \"Just spoke to Ivo.\"",
     "Just spoke", "Hale"),
    # The sentence names one of his fellow pupils; "he" goes on about the man it began with.
    ("Viktor Maran joined the agency in 1975. One of his fellow pupils at the school was Ivan "
     "Drago. At the headquarters, he was posted to a code unit. He says he was promised a "
     "pension.", "promised a pension", "Viktor Maran"),
    # Naming who holds a post, with no one else's possessive: "he" is the one named.
    ("The new chairman is Tom Lee. He said the firm would grow.", "firm would grow", "Tom Lee"),
])
def test_a_pronoun_after_a_sentence_about_someone_elses_thing_is_its_owner(
        text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker
