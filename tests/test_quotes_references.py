"""Speakers found by reference: a pronoun's antecedent past names that only modify a noun,
"Mr X" a person whatever the recogniser typed, "they" for a party; a definite description
for the organisation named before; a report for whoever produced it; the outlet whose
programme the words were told to."""

from __future__ import annotations

import pytest

from conftest import name_of, quote_of, run


def test_a_name_modifying_a_noun_is_no_antecedent() -> None:
    text = ("Harriet Oduya opened the campaign in Leeds. She attacked the Kennedy proposal on "
            "rail. She said the fares would fall by a third.")
    analysis = run(text)
    quote = quote_of(analysis, "fares would fall")
    assert name_of(analysis, quote.speaker) == "Harriet Oduya"


def test_they_may_be_a_party_named_as_a_group() -> None:
    text = ("The Conservatives say they would cut the levy on fuel. They say the plan "
            "would cost nothing.")
    analysis = run(text)
    quote = quote_of(analysis, "would cost nothing")
    assert name_of(analysis, quote.speaker) == "Conservatives"


@pytest.mark.parametrize("description", ["The federation", "the federation"])
def test_a_description_stands_for_the_body_named_before(description: str) -> None:
    text = (f"The Teachers Federation opposed the change on Monday. Later {description} said "
            "schools would need more staff.")
    analysis = run(text)
    quote = quote_of(analysis, "schools would need")
    assert name_of(analysis, quote.speaker) == "Teachers Federation"
    assert quote.speaker_text is not None and quote.speaker_text.lower() == "the federation"


def test_a_description_with_no_body_of_its_name_names_no_one() -> None:
    text = ("The Teachers Federation opposed the change. The union said schools would need "
            "more staff.")
    quote = quote_of(run(text), "schools would need")
    assert quote.speaker is None


def test_a_report_speaks_for_whoever_produced_it() -> None:
    text = ("The Home Office published its own report on the wardens. The report showed "
            "that the public could not tell them from officers.")
    analysis = run(text)
    quote = quote_of(analysis, "the public could not tell")
    assert name_of(analysis, quote.speaker) == "Home Office"


def test_told_an_outlets_programme_the_outlet_is_the_medium() -> None:
    text = "Senator Ruth Alvarez told the BBC's Sunday programme that the bill would pass."
    analysis = run(text)
    quote = quote_of(analysis, "bill would pass")
    assert name_of(analysis, quote.medium) == "BBC"


def test_an_outlet_owning_what_was_criticised_is_no_medium() -> None:
    text = "Senator Ruth Alvarez called the BBC's coverage of the vote unfair."
    analysis = run(text)
    assert all(quote.medium is None for quote in analysis.quotes)


def test_a_description_that_is_no_body_names_no_institute() -> None:
    text = ("The Centre for Coastal Research mapped the shore last year. The research "
            "suggested that the dunes were shrinking.")
    quote = quote_of(run(text), "dunes were shrinking")
    assert quote.speaker is None


def test_a_pronoun_prefers_the_subject_of_the_sentence_before() -> None:
    text = ("Mayor Clara Jensen welcomed Governor Paul Okafor at the harbour. She said the "
            "new ferry would run every hour.")
    analysis = run(text)
    quote = quote_of(analysis, "ferry would run")
    assert name_of(analysis, quote.speaker) == "Clara Jensen"


def test_a_pronoun_in_the_sentence_of_its_name_takes_the_nearest() -> None:
    text = "Paul Okafor said the ferry was late, and Clara Jensen said she would complain."
    analysis = run(text)
    quote = quote_of(analysis, "would complain")
    assert name_of(analysis, quote.speaker) == "Clara Jensen"


def test_she_is_not_someone_the_report_calls_mr() -> None:
    text = ("Mrs. Clara Jensen opened the hearing. Later Mr. Paul Okafor thanked the board. "
            "She said the ferry would run every hour.")
    analysis = run(text)
    quote = quote_of(analysis, "ferry would run")
    assert name_of(analysis, quote.speaker) == "Clara Jensen"


def test_the_same_pronoun_as_the_subject_before_is_the_same_person() -> None:
    text = ("Clara Jensen spoke after the vote. She praised what a fine colleague Paul Okafor "
            "was. She said the ferry would run every hour.")
    analysis = run(text)
    quote = quote_of(analysis, "ferry would run")
    assert name_of(analysis, quote.speaker) == "Clara Jensen"



def test_mrs_x_is_a_woman_even_where_a_mr_x_shares_her_name() -> None:
    # However the resolver groups "Mrs Jensen" and "Mr Jensen", the honorific opening her
    # own name keeps "she" hers.
    text = ("Mrs Jensen toured the harbour on Monday. Mr Jensen stayed at home. Mrs Jensen "
            "visited the school on Tuesday. There she said the roof would be mended.")
    analysis = run(text)
    quote = quote_of(analysis, "roof would be mended")
    assert name_of(analysis, quote.speaker) == "Mrs Jensen"
