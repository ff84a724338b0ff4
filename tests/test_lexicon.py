"""The one lexicon of speech, report and relay words, and the frame patterns built from it."""

from __future__ import annotations

import re

import pytest

from newstrace.extract.lexicon import (
    CLOSING_FRAME_LEMMAS,
    INSIDE_FRAME_LEMMAS,
    REPORT_LEMMAS,
    SPEECH_LEMMAS,
    SUBJECT_PRONOUNS,
    THIRD_PERSON_SUBJECTS,
    forms_pattern,
    past_tense,
    speech_lemma_of,
    third_person,
)


@pytest.mark.parametrize(("lemma", "past", "present"), [
    ("note", "noted", "notes"), ("specify", "specified", "specifies"),
    ("relay", "relayed", "relays"), ("say", "said", "says"), ("tell", "told", "tells"),
    ("write", "wrote", "writes"), ("carry", "carried", "carries"), ("add", "added", "adds"),
])
def test_inflections(lemma: str, past: str, present: str) -> None:
    assert past_tense(lemma) == past
    assert third_person(lemma) == present


def test_inflections_read_back_to_their_lemma() -> None:
    for lemma in SPEECH_LEMMAS & CLOSING_FRAME_LEMMAS - {"say", "tell", "write"}:
        assert speech_lemma_of(past_tense(lemma)) == lemma
        assert speech_lemma_of(third_person(lemma)) == lemma


def test_forms_pattern_matches_whole_forms_only() -> None:
    frame = re.compile(r"\b" + forms_pattern(INSIDE_FRAME_LEMMAS) + r"\b")
    assert frame.fullmatch("told") and frame.fullmatch("adds")
    assert not frame.fullmatch("say") and not frame.fullmatch("telling")
    past_only = re.compile(forms_pattern({"quote"}, present=False))
    assert past_only.fullmatch("quoted") and not past_only.fullmatch("quotes")


def test_report_verbs_are_speech_verbs() -> None:
    assert REPORT_LEMMAS <= SPEECH_LEMMAS
    assert INSIDE_FRAME_LEMMAS <= REPORT_LEMMAS


def test_pronoun_subsets() -> None:
    assert THIRD_PERSON_SUBJECTS <= SUBJECT_PRONOUNS
    assert not THIRD_PERSON_SUBJECTS & {"we", "i"}
