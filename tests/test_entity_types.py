"""A name's type from the evidence of all its mentions, on reports written by us."""

import pytest
from spacy.tokens import Doc

from conftest import run
from newstrace.annotate import get_nlp
from newstrace.models import Mention
from newstrace.resolve.clusters import Cluster
from newstrace.resolve.types import occurrences, vote_types


def types_of(text: str) -> dict[str, str]:
    return {e.name: e.type for e in run(text).entities}


@pytest.mark.parametrize("text", [
    # What only a company has, or what is done only to a company.
    "Kovrax shares fell 4% in Moscow. Later Kovrax was bought by a rival for $2bn.",
    "Kovrax said its profits had doubled. Investors in Kovrax cheered.",
    # A description says so outright, whatever the verbs.
    "The mining company Kovrax hired 300 workers. Kovrax opened a new pit.",
    "Kovrax, the Siberian steel giant, opened a new pit. Kovrax said output would rise.",
    # The name before what a company has, further on ("X chief executive").
    "Kovrax said its output fell. “We will recover,” said Kovrax chief executive Ivo Tamm.",
    # A designator after the name.
    "Kovrax Group hired staff. Kovrax said it would list in London.",
])
def test_a_name_that_behaves_like_a_company_is_an_organisation(text: str) -> None:
    assert types_of(text).get("Kovrax", types_of(text).get("Kovrax Group")) == "ORG"


def test_a_person_keeps_the_type_their_context_gives() -> None:
    found = types_of("Mr Dombrin said his family would sell the farm. Dombrin was tired.")
    assert found.get("Dombrin") == "PERSON"


def test_the_company_described_before_its_name_is_that_company() -> None:
    analysis = run("Rostak bought a stake in a port. The oil company Kovrax said its shares rose.")
    company = next(e for e in analysis.entities if e.name == "Kovrax")
    assert company.type == "ORG"
    assert "The oil company" in company.aliases()
    assert not any("The oil company" in e.aliases() for e in analysis.entities
                   if e.name == "Rostak")


@pytest.mark.parametrize(("text", "phrase"), [
    # A document's title.
    ("The government published a White Paper on drones. The White Paper sets targets.",
     "White Paper"),
    # A common noun after a quantifier: a name takes none.
    ("Under the accord each State Party must report its stocks every year.", "State Party"),
    # An acronym the report spells out in lower case.
    ("Lawyers said the strikes broke international humanitarian law. Respect for IHL was "
     "demanded by the court.", "IHL"),
])
def test_titles_common_nouns_and_bodies_of_law_are_no_entity(text: str, phrase: str) -> None:
    names = {e.name for e in run(text).entities}
    assert not any(phrase in name for name in names)


@pytest.mark.parametrize("text", [
    "The Lithuanian Minister arrived late, officials said.",
    "Senior Strategic Advisor Ostap Hlyvko thanked the donors.",
])
def test_a_title_is_a_role_never_a_person_of_its_own(text: str) -> None:
    people = {e.name for e in run(text).entities if e.type == "PERSON"}
    assert not people & {"Lithuanian Minister", "Senior Strategic Advisor",
                         "Senior Strategic Advisor Ostap Hlyvko"}


def test_an_adviser_to_the_president_is_not_the_president() -> None:
    analysis = run("Senior Strategic Advisor to the Ukrainian President, Oleksandr Kamyshin, "
                   "thanked the donors.", published="2025-03-07")
    kamyshin = next(e for e in analysis.entities if e.name == "Oleksandr Kamyshin")
    assert "the Ukrainian President" not in kamyshin.aliases()


@pytest.mark.parametrize(("text", "outlet"), [
    ("News.Az reports, citing local media, that the bridge is closed.", "News.Az"),
    ("Baltnews.Lt wrote that the vote was postponed.", "Baltnews.Lt"),
])
def test_a_web_address_is_one_name(text: str, outlet: str) -> None:
    names = {e.name: e.type for e in run(text).entities}
    assert names.get(outlet) == "ORG"
    assert not any(e for e in names if e in ("Az", "Lt", "News"))


def test_a_full_stop_between_sentences_is_not_an_address() -> None:
    names = {e.name for e in run("Talks ended in Warsaw.It was late.").entities}
    assert "Warsaw.It" not in names


@pytest.mark.parametrize(("text", "name", "not_type"), [
    # The name modifies the noun: "Dravik senior vice president" is no description of Dravik.
    ("“Prices will rise,” said Lorna Vesk, Dravik senior vice president.", "Dravik", "PERSON"),
    # A noun of its own after the name: "its boss" is someone else.
    ("Regulators fined media group Kovrax Media, its boss and a director. Kovrax Media said "
     "it would appeal.", "Kovrax Media", "PERSON"),
    # A description far off belongs to another name ("of the Lisbon Forum, a think tank").
    ("“Growth is slow,” said Ansel Brandt of the Lisbon Forum, a Brussels-based reform group.",
     "Ansel Brandt", "ORG"),
])
def test_only_a_description_set_off_beside_a_name_describes_it(
        text: str, name: str, not_type: str) -> None:
    found = types_of(text)
    assert name in found and found[name] != not_type


def test_a_name_used_once_as_a_modifier_after_a_quantifier_stays_an_entity() -> None:
    text = ("Marta Kovalenko spoke in Lviv. Kovalenko said she would run. Another Kovalenko "
            "speech is planned, and no Kovalenko aide denied it.")
    assert types_of(text).get("Marta Kovalenko") == "PERSON"


def test_a_person_with_executive_actions_is_still_a_person() -> None:
    text = ("Governor Dalton Reyes signed the order. Reyes's executive actions anger critics. "
            "Reyes said it was time to act, and Reyes's executive order stands.")
    assert types_of(text).get("Dalton Reyes") == "PERSON"


def test_a_capitalised_every_is_part_of_a_name() -> None:
    names = set(types_of("Congress passed the Every Child Reads Act on Monday."))
    assert "Child Reads Act" not in names


@pytest.mark.parametrize(("text", "thing"), [
    # A work described as one.
    ("Critics praised the comedy Tarrowdale. Tarrowdale won three prizes in Berlin.",
     "Tarrowdale"),
    ("The thriller Pell Harbour opened in Leeds. Pell Harbour took $3m.", "Pell Harbour"),
    # A lone word written with an article, as no person's name is (spaCy reads each
    # "Oscar" here as a person).
    ("The Oscar-nominated director thanked her crew. She had won an Oscar before and hoped "
     "for a second Oscar in March.", "Oscar"),
])
def test_works_and_things_written_as_no_person_are_no_person(text: str, thing: str) -> None:
    assert types_of(text).get(thing) in (None, "ORG")


def test_a_lone_word_written_as_a_person_stays_one() -> None:
    found = types_of("Mr Hollins spoke first. Hollins said the vote was fair, and then the "
                     "Hollins family left.")
    assert found.get("Hollins") == "PERSON"
    # A name that modifies a noun may be a person's: no evidence either way.
    found = types_of("Pianists flew in for the Tchaikovsky competition. Tchaikovsky-inspired "
                     "pieces won.")
    assert "Tchaikovsky" in found
    # A family with its article.
    found = types_of("The Clintons left Little Rock in 2001. The Clintons moved to New York.")
    assert found.get("Clintons") == "PERSON"


def test_several_analysts_are_a_firm() -> None:
    text = ("Sales doubled last year, according to technology analysts Pellacor. The market "
            "will slow, Pellacor said.")
    assert types_of(text).get("Pellacor") == "ORG"
    found = types_of("The film stars actors Salma Hayek and Javier Bardem.")
    assert found.get("Salma Hayek") == "PERSON"


def test_a_company_that_begins_a_person_s_name_is_not_that_company() -> None:
    found = run("Stars including Leonardo DiCaprio arrived in London.").entities
    assert {e.name for e in found} == {"Leonardo DiCaprio", "London"}


def test_a_description_opening_a_sentence_inside_the_name_still_describes_it() -> None:
    # The recogniser takes a capitalised description into the name; a firm named after a
    # person is still the firm its description says.
    found = types_of("Bookmaker Henry Lowe cut the odds on the favourite to 2/1. Henry Lowe "
                     "expects a record day.")
    assert set(found.values()) == {"ORG"}
    assert types_of("Singer Marta Kovac opened the festival. Marta Kovac thanked the "
                    "crowd.") == {"Marta Kovac": "PERSON"}



def clusters_of(doc: Doc, names: list[tuple[str, str]]) -> list[Cluster]:
    """One cluster per (name, the recogniser's type), a mention at each place the name is
    written on its own (not inside a longer name of the list)."""
    clusters = []
    for name, type_ in names:
        longer = [p for other, _ in names if other != name and name in other
                  for p in occurrences(doc.text, {other})]
        mentions = [Mention(p, name, type_) for p in occurrences(doc.text, {name})
                    if not any(o.contains(p) for o in longer)]
        clusters.append(Cluster(mentions=mentions, types=[type_] * len(mentions)))
    return clusters


@pytest.mark.parametrize("text, names, voted", [
    # The surname alone is a person's, so the full name it ends is one too.
    ("Delia Marsh has filed a lawsuit against Kestrel. Marsh says the firm lied about her. "
     "Kestrel denies it, and Marsh will appeal.",
     [("Delia Marsh", "ORG"), ("Marsh", "PERSON"), ("Kestrel", "ORG")], "PERSON"),
    # No surname written alone, or only once (one odd reading): the recogniser's type.
    ("Delia Marsh has filed a lawsuit against Kestrel. The firm lied, the suit says.",
     [("Delia Marsh", "ORG"), ("Kestrel", "ORG")], None),
    ("Delia Marsh has filed a lawsuit against Kestrel. Marsh says the firm lied.",
     [("Delia Marsh", "ORG"), ("Marsh", "PERSON"), ("Kestrel", "ORG")], None),
    # A company's name ends in a word of companies' names, whoever else bears it.
    ("Marsh Holdings sold its stake on Monday. Marsh said the market was weak. Marsh left.",
     [("Marsh Holdings", "ORG"), ("Marsh", "PERSON")], None),
])
def test_a_name_whose_surname_is_written_alone_as_a_person_is_a_person(
        text: str, names: list[tuple[str, str]], voted: str | None) -> None:
    doc = get_nlp()(text)
    clusters = clusters_of(doc, names)
    vote_types(doc, clusters)
    assert clusters[0].voted == voted


@pytest.mark.parametrize("text, name, type_", [
    # A producer of a work or a show is a person; of a commodity, a company.
    ("\"Thank you,\" said Final Wars producer Shogo Tanaka on Monday. Shogo Tanaka smiled.",
     "Shogo Tanaka", "PERSON"),
    ("\"Thank you,\" said film producer Shogo Tanaka on Monday. Shogo Tanaka smiled.",
     "Shogo Tanaka", "PERSON"),
    ("Greta Lind, producer of TV show Night Shift, signed the singer.", "Greta Lind",
     "PERSON"),
])
def test_a_producer_of_a_work_is_a_person(text: str, name: str, type_: str) -> None:
    assert types_of(text).get(name) == type_


def test_a_name_ending_in_code_or_charter_is_no_person() -> None:
    doc = get_nlp()("The Bellini Code claims the story was hidden. The Bellini Code sold "
                    "millions of copies.")
    clusters = clusters_of(doc, [("Bellini Code", "PERSON")])
    vote_types(doc, clusters)
    assert clusters[0].type != "PERSON"


@pytest.mark.parametrize("text", [
    "Oil producer Kovrax Tanaka cut output. Kovrax Tanaka said prices fell.",
    "Kovrax Tanaka, producer of steel pipes, cut output. Kovrax Tanaka said prices fell.",
])
def test_an_oil_producer_is_a_company(text: str) -> None:
    doc = get_nlp()(text)
    clusters = clusters_of(doc, [("Kovrax Tanaka", "PERSON")])
    vote_types(doc, clusters)
    assert clusters[0].type == "ORG"
