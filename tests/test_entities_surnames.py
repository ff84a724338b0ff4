"""Surnames within a report: an acronym in capitals is no person's last word ("U.N." is not
the "Un" of a Korean name), and a surname of several words joins the one person whose name
it ends; on sentences written for these tests."""

from __future__ import annotations

from conftest import run
from newstrace.annotate import get_nlp
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.models import Mention, Span
from newstrace.resolve.clusters import Cluster
from newstrace.resolve.entities import Resolver
from newstrace.resolve.names import ends_name, is_surname_of


def people(text: str) -> dict[str, set[str]]:
    analysis = run(text)
    return {e.name: {m.text for m in e.mentions} for e in analysis.entities
            if e.type == "PERSON"}


def test_an_acronym_in_capitals_is_no_surname_in_ordinary_type() -> None:
    assert not is_surname_of("U.N.", "Kim Jong Un")
    assert not is_surname_of("UN", "Kim Jong Un")
    assert is_surname_of("Un", "Kim Jong Un")
    assert is_surname_of("VARGA", "TOMAS VARGA")  # a headline in capitals throughout
    assert is_surname_of("MAY", "Theresa May")  # a short surname in a headline's capitals
    assert is_surname_of("LEE", "Hsien Loong Lee")


def test_the_un_stays_apart_from_a_leader_whose_name_ends_in_un() -> None:
    found = people("Kim Jong Un inspected a rocket factory on Sunday. The U.N. condemned "
                   "the visit the next day.")
    assert found.get("Kim Jong Un") == {"Kim Jong Un"}


def test_a_surname_of_several_words_is_the_end_of_a_name_not_its_start() -> None:
    assert ends_name("Suu Kyi", "Aung San Suu Kyi")
    assert ends_name("Lopez Garcia", "Maria Lopez Garcia")
    assert not ends_name("Aung San", "Aung San Suu Kyi")
    assert not ends_name("Garcia", "Maria Lopez Garcia")  # one word: a lone surname's rules


def test_a_double_surname_alone_joins_the_person_named_in_full() -> None:
    found = people("The pianist Maria Lopez Garcia played in Madrid on Friday. Lopez Garcia "
                   "said the hall was cold.")
    assert found.get("Maria Lopez Garcia") == {"Maria Lopez Garcia", "Lopez Garcia"}


def test_an_honorific_read_into_the_name_joins_the_person_named_in_full() -> None:
    analysis = run("The director of the film, Ravi Kandor, says the film is not offensive. "
                   "Campaigners have urged Mr Kandor to withdraw it.\n\nBut Mr Kandor said "
                   "that critics should watch the film before they protest.")
    kandor = [e for e in analysis.entities if "Kandor" in e.name]
    # "Mr Kandor" or "Kandor", as the recogniser reads it: all three mentions are his.
    assert [(e.name, e.type, len(e.mentions)) for e in kandor] == [("Ravi Kandor", "PERSON", 3)]
    ids = [e.id for e in analysis.entities]
    assert len(ids) == len(set(ids))


def test_clusters_left_apart_under_one_name_are_one_entity() -> None:
    """An id is stored once a document: two clusters that end with the same name and type
    (resolution that kept them apart) give one entity with both clusters' mentions."""
    text = "Mr Kandor spoke first. Mr Kandor spoke again."
    doc = get_nlp()(text)
    resolver = Resolver(doc, load_gazetteer(), None, [])
    first, second = (Mention(Span(at, at + 9), "Mr Kandor", "ORG") for at in (0, 23))
    resolver.clusters = [Cluster([first], types=["ORG"]), Cluster([second], types=["ORG"])]
    entities = resolver.entities()
    assert len(entities) == 1
    assert [m.span.start for m in entities[0].mentions] == [0, 23]
    assert first.entity_id == second.entity_id == entities[0].id
