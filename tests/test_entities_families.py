"""Family members who share a surname stay apart: a title, an honorific or a spouse's
introduction says which of them a surname-only mention or a role phrase means."""

from conftest import run


def aliases_of(analysis, name):  # type: ignore[no-untyped-def]
    return next(e for e in analysis.entities if e.name == name).aliases()


def speaker_of(analysis, text, words):  # type: ignore[no-untyped-def]
    quote = next(q for q in analysis.quotes if words in text[q.content.start:q.content.end])
    return analysis.entity(quote.speaker).name


def test_president_title_and_honorifics_pick_the_family_member() -> None:
    text = ("President Ana Varga met Tomas Varga and Peter Kolar on Monday. "
            "Tomas Varga, her husband, said the trip was long. "
            "President Varga said the talks went well. "
            "Mr. Varga added that he was tired. "
            "The president said she would return.")
    analysis = run(text)
    assert speaker_of(analysis, text, "the talks went well") == "Ana Varga"
    assert speaker_of(analysis, text, "he was tired") == "Tomas Varga"
    assert speaker_of(analysis, text, "she would return") == "Ana Varga"
    assert "Tomas Varga" not in aliases_of(analysis, "Ana Varga")


def test_mrs_goes_to_the_wife_and_the_president_to_another_person() -> None:
    text = ("Tomas Varga arrived with his wife, Ana Varga, to meet President Peter Kolar. "
            "Mrs. Varga said the visit went well. "
            "Mr. Varga said it was cold. "
            "The president said he was pleased.")
    analysis = run(text)
    assert speaker_of(analysis, text, "the visit went well") == "Ana Varga"
    assert speaker_of(analysis, text, "it was cold") == "Tomas Varga"
    assert speaker_of(analysis, text, "he was pleased") == "Peter Kolar"


def test_a_first_lady_is_neither_the_president_nor_a_bare_surname() -> None:
    text = ("President Tomas Varga and First Lady Ana Varga visited Rome on Friday. "
            "Varga said the city was lovely. "
            "The president said he would write a book.")
    analysis = run(text)
    assert set(aliases_of(analysis, "Ana Varga")) == {"Ana Varga"}  # "Lady" is no name
    assert speaker_of(analysis, text, "the city was lovely") == "Tomas Varga"
    assert speaker_of(analysis, text, "he would write a book") == "Tomas Varga"


def test_a_bare_surname_goes_to_the_first_named_of_the_family() -> None:
    text = ("Jakub Dolny said on Monday that the factory in Brno would open. His brother "
            "Pavel Dolny told workers they would be paid. Dolny said wages would rise.")
    analysis = run(text)
    assert speaker_of(analysis, text, "wages would rise") == "Jakub Dolny"
    assert "Pavel Dolny" not in aliases_of(analysis, "Jakub Dolny")


def test_a_titled_surname_fitting_no_full_name_is_another_person() -> None:
    text = ("President Varga met the new mayor in Split on Monday. "
            "First Lady Ana Varga visited a school in the same city. "
            "Mrs. Varga said the pupils were curious. "
            "Varga said the mayor was a good partner.")
    analysis = run(text)
    assert speaker_of(analysis, text, "the pupils were curious") == "Ana Varga"
    president = speaker_of(analysis, text, "a good partner")
    assert president != "Ana Varga"
    assert "Varga" in next(e for e in analysis.entities if e.name == president).aliases()


def test_a_given_name_alone_joins_the_one_person_of_that_name() -> None:
    text = ("Tomas Varga and his wife, Ana Varga, toured the harbour in Split. "
            "Ana said the boats were beautiful.")
    analysis = run(text)
    assert speaker_of(analysis, text, "the boats were beautiful") == "Ana Varga"
